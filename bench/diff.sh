#!/usr/bin/env bash
# Benchmark of `isnad diff`: two versions of an article with 500, 5,000 and
# 50,000 claims (built from the repository's own examples by
# make_versions.py), timed with the release binary; prints the median wall
# time of 3 runs, peak memory, and how time grows with size (near-linear
# means ~10x per 10x).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
build_isnad
out=bench/out/diff
mkdir -p "$out"
runs=${RUNS:-3}
printf '%-8s %-9s %-9s %-12s %-10s\n' claims old_claims seconds peak_rss_MB claims/s
prev=""
for n in ${SIZES:-500 5000 50000}; do
  python3 bench/make_versions.py "$n" "$out/old-$n.txt" "$out/new-$n.txt"
  claims=$("$bin" extract --format json "$out/old-$n.txt" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["claims"]))')
  times=()
  rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$out/time" "$bin" diff --format json "$out/old-$n.txt" "$out/new-$n.txt" > "$out/diff-$n.json" || [ $? -eq 1 ]
    read -r secs kb < <(tail -n 1 "$out/time")
    times+=("$secs"); rss=$kb
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  rate=$(python3 -c "print(round($claims / max($median, 0.001)))")
  printf '%-8s %-9s %-9s %-12s %-10s\n' "$n" "$claims" "$median" "$((rss / 1024))" "$rate"
  if [ -n "$prev" ]; then
    python3 -c "print(f'  growth: x{$median / max($prev, 0.001):.1f} time for x10 claims')"
  fi
  prev=$median
done
