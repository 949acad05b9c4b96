#!/usr/bin/env bash
# The benchmark suite: one table for every command that reads or writes data,
# measured on inputs written from the repository's own example texts (never
# corpus articles), with `openssl dgst -sha256` over the same bytes in the
# same run as the reference (it uses the CPU's SHA instructions: the hashing
# limit of this machine).
#
#   bash bench/run.sh                 # 100 MB of Arabic + English text, 3 runs each
#   SIZE_MB=20 RUNS=5 bash bench/run.sh
#
# Figures are medians of RUNS runs; peak memory is the largest of them
# (/usr/bin/time). The machine is shared and noisy: read ratios, not seconds.
# Per-command scripts with more detail: bench/fingerprint.sh, extract.sh,
# ledger.sh, diff.sh, ingest.sh (pages/s, called at the end); criterion benches: `cargo bench -p CRATE`.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${SIZE_MB:-100}
runs=${RUNS:-3}
out=bench/out/suite
mkdir -p "$out"
source bench/lib.sh
need_tools openssl python3 /usr/bin/time
build_isnad

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "isnad $("$bin" --version | cut -d' ' -f2), $(openssl version | cut -d' ' -f1-2), runs=$runs (medians)"

# Inputs: one big mixed text (paragraphs of every example, Arabic and
# English), a folder of article-sized files for batch recording, and two
# versions of a long article for diff.
python3 - "$size_mb" "$out" <<'PY'
import glob, os, sys
size_mb, out = int(sys.argv[1]), sys.argv[2]
files = sorted(glob.glob("examples/*.txt") + glob.glob("tests/fixtures/examples/*/*.txt"))
texts = [open(f, encoding="utf-8-sig").read().strip() for f in files]
unit = ("\n\n".join(texts) + "\n\n").encode()
big = os.path.join(out, f"mixed-{size_mb}mb.txt")
if not os.path.exists(big) or os.path.getsize(big) < size_mb * 10**6:
    with open(big, "wb") as f:
        for _ in range(size_mb * 10**6 // len(unit) + 1):
            f.write(unit)
arts = os.path.join(out, "articles")
os.makedirs(arts, exist_ok=True)
for i in range(2000):
    path = os.path.join(arts, f"a{i:04}.txt")
    if not os.path.exists(path):
        open(path, "w", encoding="utf-8").write(texts[i % len(texts)] + f"\n\n({i})\n")
PY
python3 bench/make_versions.py 5000 "$out/old.txt" "$out/new.txt"
big="$out/mixed-${size_mb}mb.txt"

median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }

# measure NAME BYTES ITEMS UNIT -- COMMAND...: runs COMMAND $runs times.
measure() {
  local name=$1 bytes=$2 items=$3 unit=$4; shift 5
  local times=() rss=0 ssl=() secs kb
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$out/time" "$@" > /dev/null 2> "$out/stderr" || {
      code=$?; [ "$code" -eq 1 ] || { echo "bench: $name failed ($code): $(tail -n 3 "$out/stderr")" >&2; exit 2; }
    }
    read -r secs kb < <(tail -n 1 "$out/time")
    times+=("$secs"); [ "$kb" -gt "$rss" ] && rss=$kb
    if [ "$bytes" -gt 0 ]; then
      ssl+=("$( { /usr/bin/time -f '%e' openssl dgst -sha256 "$SSL_INPUT" > /dev/null; } 2>&1 | tail -n 1)")
    fi
  done
  local t; t=$(printf '%s\n' "${times[@]}" | median)
  local mbs ratio rate
  mbs=$(python3 -c "print(f'{$bytes / 1e6 / max($t, 1e-3):.1f}')")
  rate=$(python3 -c "print(f'{$items / max($t, 1e-3):,.0f} $unit/s')")
  if [ "$bytes" -gt 0 ]; then
    local s; s=$(printf '%s\n' "${ssl[@]}" | median)
    ratio=$(python3 -c "print(f'{max($s, 1e-3) / max($t, 1e-3):.3f}')")
  else
    ratio="-"
  fi
  printf '%-12s %10s %9s %20s %12s %9s\n' "$name" "$(python3 -c "print(f'{$bytes/1e6:.1f}')")" "$mbs" "$rate" "$((rss / 1024))" "$ratio"
}

printf '\n%-12s %10s %9s %20s %12s %9s\n' command input_MB MB/s items/s peak_RSS_MB vs_openssl
big_bytes=$(stat -c %s "$big")
big_claims=$(head -c 2000000 "$big" | "$bin" extract --lossy --format json - | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["claims"]))')
big_claims=$(( big_claims * big_bytes / 2000000 ))
SSL_INPUT=$big measure fingerprint "$big_bytes" "$big_bytes" bytes -- "$bin" fingerprint --format json "$big"
SSL_INPUT=$big measure extract "$big_bytes" "$big_claims" claims -- "$bin" extract --format jsonl "$big"

ledger="$out/bench.ledger.jsonl"
arts_bytes=$(cat "$out"/articles/*.txt | wc -c)
record() { rm -f "$ledger"; "$bin" init --ledger "$ledger" > /dev/null && "$bin" record --ledger "$ledger" --author bench "$out"/articles/*.txt; }
export -f record; export bin ledger out
cat "$out"/articles/*.txt > "$out/articles.cat"
SSL_INPUT=$out/articles.cat measure record "$arts_bytes" 2000 documents -- bash -c record
ledger_bytes=$(stat -c %s "$ledger")
entries=$(wc -l < "$ledger")
SSL_INPUT=$ledger measure verify "$ledger_bytes" "$entries" entries -- "$bin" verify --ledger "$ledger"
SSL_INPUT=$ledger measure report "$ledger_bytes" "$entries" entries -- "$bin" report --ledger "$ledger" --format json
old_bytes=$(( $(stat -c %s "$out/old.txt") + $(stat -c %s "$out/new.txt") ))
cat "$out/old.txt" "$out/new.txt" > "$out/versions.cat"
diff_claims=$("$bin" extract --format json "$out/old.txt" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["claims"]))')
SSL_INPUT=$out/versions.cat measure diff "$old_bytes" "$diff_claims" claims -- "$bin" diff --format json "$out/old.txt" "$out/new.txt"
echo
echo "vs_openssl: isnad's throughput divided by openssl dgst -sha256's on the same bytes (1.0 = as fast as hashing them)."

# Saved web pages: HTML article extraction + claim extraction, in pages/s.
echo
echo "saved pages (bench/ingest.sh):"
PAGES=${PAGES:-2000} RUNS=$runs bash bench/ingest.sh
