#!/usr/bin/env bash
# Benchmark of `isnad report --ledger` on a ledger of about 10,000 claims
# (CLAIMS, default 10000): two long documents, one Arabic and one English,
# built by repeating the repository's own example paragraphs, recorded with
# the release binary, then one claim in 200 reviewed. Prints, for every
# format, the median of RUNS (default 3) runs: CPU seconds (user + system),
# wall seconds, peak memory and output size. The rendering alone is
# measured by `cargo bench -p isnad-report` (10,000 synthetic claims).
#
#   bash bench/report.sh
#   CLAIMS=50000 RUNS=1 bash bench/report.sh
set -euo pipefail
cd "$(dirname "$0")/.."
claims=${CLAIMS:-10000}
runs=${RUNS:-3}
source bench/lib.sh
build_isnad
out=bench/out/report
rm -rf "$out"
mkdir -p "$out"
cd "$out"
# The example paragraphs hold about 1.25 claims each; half the claims per language.
python3 - "$claims" <<'PY'
import sys
n = int(sys.argv[1])
for lang in ("ar", "en"):
    paras = open(f"../../../examples/{lang}-article.txt", encoding="utf-8").read().split("\n\n")[3:]
    out = []
    while len(out) < n * 4 // 10:
        out.extend(paras)
    open(f"{lang}-big.txt", "w", encoding="utf-8").write("\n\n".join(out) + "\n")
PY
export ISNAD_AUTHOR=bench
"$bin" init > /dev/null
"$bin" record ar-big.txt > /dev/null
"$bin" record en-big.txt --url https://news.example/en-big --title "Benchmark article" > /dev/null
"$bin" list --format jsonl > claims.jsonl
total=$(wc -l < claims.jsonl)
python3 -c '
import json, sys
ids = [json.loads(l)["id"] for l in open("claims.jsonl")]
print("\n".join(ids[::200]))' > reviewed.txt
ratings=(true mostly-true half-true misleading mostly-false false unproven)
i=0
while read -r id; do
  "$bin" review "$id" --rating "${ratings[$((i % 7))]}" --note "bench" > /dev/null
  i=$((i + 1))
done < reviewed.txt
printf 'ledger: %s claims, %s reviewed, %s MB\n' "$total" "$i" "$(( $(stat -c %s isnad.ledger.jsonl) / 1048576 ))"
printf '%-12s %-8s %-8s %-12s %-10s\n' format cpu_s wall_s peak_rss_MB output_MB
for format in table md csv json html claimreview annotations; do
  cpus=(); walls=(); rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%U %S %e %M' -o time.txt "$bin" report --ledger --format "$format" --org-name "Bench" > "report.$format"
    read -r user sys wall kb < <(tail -n 1 time.txt)
    cpus+=("$(python3 -c "print(round($user + $sys, 2))")"); walls+=("$wall"); rss=$kb
  done
  mid=$(( (runs + 1) / 2 ))
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "${mid}p")
  wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "${mid}p")
  size=$(python3 -c "print(round($(stat -c %s "report.$format") / 1048576, 1))")
  printf '%-12s %-8s %-8s %-12s %-10s\n' "$format" "$cpu" "$wall" "$((rss / 1024))" "$size"
done
