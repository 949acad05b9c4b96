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
#   bash bench/fingerprint.sh              # Arabic and English, 200 MB each
#   SIZE_MB=50 LANGS=ar bash bench/fingerprint.sh
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${SIZE_MB:-200}
runs=${RUNS:-5}
langs=${LANGS:-ar en}
out=bench/out/fingerprint
mkdir -p "$out"
command -v openssl >/dev/null || { echo "bench: openssl is needed" >&2; exit 2; }
cargo build --release -q -p isnad-cli
bin=target/release/isnad

median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }

printf '%-4s %-8s %-13s %-13s %-7s %-12s\n' lang MB isnad_MB/s openssl_MB/s ratio isnad_rss_MB
for lang in $langs; do
  corpus="$out/corpus-$lang-$size_mb.txt"
  if [ ! -s "$corpus" ]; then
    python3 - "$lang" "$size_mb" "$corpus" <<'EOF'
import glob, sys
lang, size_mb, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
files = sorted(glob.glob(f"tests/fixtures/examples/{lang}/*.txt")) + sorted(glob.glob(f"examples/{lang}-*.txt"))
if not files:
    sys.exit(f"bench: no example texts for {lang}")
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
  isnad_times=(); ssl_times=(); rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$out/time" "$bin" fingerprint "$corpus" > "$out/fingerprint-$lang.txt"
    read -r secs kb < "$out/time"
    isnad_times+=("$secs"); [ "$kb" -gt "$rss" ] && rss=$kb
    /usr/bin/time -f '%e %M' -o "$out/time" openssl dgst -sha256 "$corpus" > /dev/null
    read -r secs _ < "$out/time"
    ssl_times+=("$secs")
  done
  ti=$(printf '%s\n' "${isnad_times[@]}" | median)
  ts=$(printf '%s\n' "${ssl_times[@]}" | median)
  python3 - "$lang" "$bytes" "$ti" "$ts" "$rss" <<'EOF'
import sys
lang, size, ti, ts, rss = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
mbi = size / 1e6 / max(ti, 1e-3)
mbs = size / 1e6 / max(ts, 1e-3)
print(f"{lang:<4} {size/1e6:<8.0f} {mbi:<13.0f} {mbs:<13.0f} {mbi/mbs:<7.2f} {rss/1024:<12.1f}")
EOF
done
echo "(medians of $runs runs; isnad prints every passage's fingerprint to a file, OpenSSL one digest)"
