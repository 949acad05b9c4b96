#!/usr/bin/env bash
# Benchmark of `isnad fingerprint` against `openssl dgst -sha256` on the same
# bytes, in the same run.
#
# Writes a large corpus (SIZE_MB, default 200) by repeating the repository's
# own example articles (tests/fixtures/examples/LANG/*.txt and examples/,
# never corpus articles), then times the release binary and OpenSSL RUNS times
# each (default 5), alternating, and prints the medians in MB/s, the ratio
# isnad/OpenSSL (the target is at least 0.25 on Arabic text), and isnad's
# peak resident memory (it must not grow with the input: compare SIZE_MB=50
# and SIZE_MB=200).
#
# It then prints isnad's peak resident memory in every output format on the
# corpus and on LINES (default 1,000,000) short lines without blank lines.
#
#   bash bench/fingerprint.sh              # Arabic and English, 200 MB each
#   SIZE_MB=50 LANGS=ar bash bench/fingerprint.sh
#   CARGO_TARGET_DIR=/tmp/rel bash bench/fingerprint.sh   # another build directory
#   SOURCE=../shared/corpus/ar LANGS=ar bash bench/fingerprint.sh
#       # the corpus repeated from the .txt files under SOURCE instead (read
#       # there at run time; the written corpus stays under bench/out/)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${SIZE_MB:-200}
runs=${RUNS:-5}
langs=${LANGS:-ar en}
out=bench/out/fingerprint
mkdir -p "$out"
command -v openssl >/dev/null || { echo "bench: openssl is needed" >&2; exit 2; }
cargo build --release -q -p isnad-cli
bin=${CARGO_TARGET_DIR:-target}/release/isnad

median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }

# row LABEL BYTES ISNAD_WALL SSL_WALL ISNAD_CPU SSL_CPU ISNAD_RSS_KB
row() {
  python3 - "$@" <<'EOF'
import sys
lang, size = sys.argv[1], int(sys.argv[2])
ti, ts, ci, cs = (float(x) for x in sys.argv[3:7])
rss = int(sys.argv[7])
mb = size / 1e6
wi, ws = mb / max(ti, 1e-3), mb / max(ts, 1e-3)
pi, ps = mb / max(ci, 1e-3), mb / max(cs, 1e-3)
print(f"{lang:<7} {mb:<6.0f} {wi:<11.0f} {ws:<13.0f} {wi/ws:<7.2f} {pi:<15.0f} {ps:<17.0f} {pi/ps:<9.2f} {rss/1024:<12.1f}")
EOF
}

printf '%-7s %-6s %-11s %-13s %-7s %-15s %-17s %-9s %-12s\n' lang MB isnad_MB/s openssl_MB/s ratio isnad_cpu_MB/s openssl_cpu_MB/s cpu_ratio isnad_rss_MB
for lang in $langs; do
  if [ -n "${SOURCE:-}" ]; then
    corpus="$out/corpus-$(basename "$SOURCE")-$lang-$size_mb.txt"
  else
    corpus="$out/corpus-$lang-$size_mb.txt"
  fi
  if [ ! -s "$corpus" ]; then
    python3 - "$lang" "$size_mb" "$corpus" "${SOURCE:-}" <<'EOF'
import glob, sys
lang, size_mb, path, source = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
if source:
    files = sorted(glob.glob(f"{source}/**/*.txt", recursive=True))
else:
    files = sorted(glob.glob(f"tests/fixtures/examples/{lang}/*.txt")) + sorted(glob.glob(f"examples/{lang}-*.txt"))
if not files:
    sys.exit(f"bench: no texts for {lang} in {source or 'the examples'}")
unit = "\n\n".join(open(f, encoding="utf-8-sig").read().strip() for f in files) + "\n\n"
data = unit.encode("utf-8")
target = size_mb * 1000 * 1000
with open(path, "wb") as out:
    written = 0
    while written < target:
        out.write(data)
        written += len(data)
EOF
  fi
  bytes=$(stat -c %s "$corpus")
  isnad_times=(); ssl_times=(); isnad_cpu=(); ssl_cpu=(); rss=0
  doc_times=(); doc_cpu=(); doc_rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$bin" fingerprint "$corpus" > "$out/fingerprint-$lang.txt"
    read -r secs user sys kb < "$out/time"
    isnad_times+=("$secs"); isnad_cpu+=("$(python3 -c "print($user + $sys)")"); [ "$kb" -gt "$rss" ] && rss=$kb
    /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$bin" fingerprint --document-only "$corpus" > /dev/null
    read -r secs user sys kb < "$out/time"
    doc_times+=("$secs"); doc_cpu+=("$(python3 -c "print($user + $sys)")"); [ "$kb" -gt "$doc_rss" ] && doc_rss=$kb
    /usr/bin/time -f '%e %U %S %M' -o "$out/time" openssl dgst -sha256 "$corpus" > /dev/null
    read -r secs user sys _ < "$out/time"
    ssl_times+=("$secs"); ssl_cpu+=("$(python3 -c "print($user + $sys)")")
  done
  ti=$(printf '%s\n' "${isnad_times[@]}" | median)
  ts=$(printf '%s\n' "${ssl_times[@]}" | median)
  ci=$(printf '%s\n' "${isnad_cpu[@]}" | median)
  cs=$(printf '%s\n' "${ssl_cpu[@]}" | median)
  td=$(printf '%s\n' "${doc_times[@]}" | median)
  cd_=$(printf '%s\n' "${doc_cpu[@]}" | median)
  row "$lang" "$bytes" "$ti" "$ts" "$ci" "$cs" "$rss"
  row "$lang-doc" "$bytes" "$td" "$ts" "$cd_" "$cs" "$doc_rss"
done
echo "(medians of $runs runs of wall time and of CPU time, user + system; ratio = isnad / OpenSSL;"
echo " LANG: isnad prints every passage's fingerprint (the default table) to a file;"
echo " LANG-doc: isnad fingerprint --document-only, one digest like OpenSSL)"

# Peak memory: every output format on the last corpus, and on many short lines.
lines=${LINES:-1000000}
short="$out/lines-$lines.txt"
[ -s "$short" ] || python3 -c "
import sys
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    for i in range(int(sys.argv[2])):
        f.write(f'سطر قصير رقم {i}\\n' if i % 2 else f'short line {i}\\n')
" "$short" "$lines"
printf '\n%-28s %-8s %-12s\n' input format isnad_rss_MB
for input in "$corpus" "$short"; do
  for format in table json jsonl; do
    /usr/bin/time -f '%M' -o "$out/time" "$bin" fingerprint --format "$format" "$input" > /dev/null
    printf '%-28s %-8s %-12.1f\n' "$(basename "$input")" "$format" "$(python3 -c "print($(cat "$out/time") / 1024)")"
  done
done
echo "(load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores)"
