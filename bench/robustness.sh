#!/usr/bin/env bash
# Huge inputs, in release (kept out of the debug test suite so CI stays
# fast): a 200 MB file with one line and a file of 1,000,000 short lines,
# written from the repository's own example texts. Each command must finish
# with exit 0, print valid JSON, never panic, and keep its memory within a
# small multiple of the input (fingerprint and extract of one plain text
# file: flat, whatever the size; the peak column shows it).
#
#   bash bench/robustness.sh            # 200 MB and 1,000,000 lines
#   HUGE_MB=20 LINES=100000 bash bench/robustness.sh
set -euo pipefail
cd "$(dirname "$0")/.."
huge_mb=${HUGE_MB:-200}
lines=${LINES:-1000000}
out=bench/out/robustness
mkdir -p "$out"
source bench/lib.sh
build_isnad

python3 - "$huge_mb" "$lines" "$out" <<'PY'
import glob, sys
huge_mb, lines, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
texts = [open(f, encoding="utf-8-sig").read() for f in sorted(glob.glob("examples/*.txt"))]
flat = " ".join(" ".join(t.split()) for t in texts) + " "
unit = flat.encode()
with open(f"{out}/one-line.txt", "wb") as f:
    for _ in range(huge_mb * 10**6 // len(unit) + 1):
        f.write(unit)
sentences = [s.strip()[:60] for t in texts for s in t.replace("\n", " ").split(".") if s.strip()]
with open(f"{out}/many-lines.txt", "w", encoding="utf-8") as f:
    for i in range(lines):
        f.write(sentences[i % len(sentences)] + "\n")
PY

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
check() {
  local name=$1 file=$2; shift 2
  local bytes; bytes=$(stat -c %s "$file")
  if /usr/bin/time -f '%e %M %U %S' -o "$out/time" "$@" "$file" > "$out/output.json" 2> "$out/stderr"; then
    read -r secs kb user sys < <(tail -n 1 "$out/time")
    if grep -q panicked "$out/stderr" || ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$out/output.json" 2>/dev/null; then
      echo "FAIL $name: $(tail -n 2 "$out/stderr")"; status=1
    else
      printf 'ok   %-28s %8.1f MB %7.1f s wall %7.1f s CPU %7.1f MB/s CPU  peak %5d MB\n' "$name" \
        "$(python3 -c "print($bytes/1e6)")" "$secs" "$(python3 -c "print($user+$sys)")" \
        "$(python3 -c "print($bytes/1e6/max($user+$sys,1e-3))")" "$((kb / 1024))"
    fi
  else
    echo "FAIL $name: exit $? $(tail -n 2 "$out/stderr")"; status=1
  fi
}
check "fingerprint one line" "$out/one-line.txt" "$bin" fingerprint --format json
check "fingerprint many lines" "$out/many-lines.txt" "$bin" fingerprint --format json
check "extract one line" "$out/one-line.txt" "$bin" extract --format json
check "extract many lines" "$out/many-lines.txt" "$bin" extract --format json
exit $status
