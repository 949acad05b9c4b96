#!/usr/bin/env bash
# Ledger benchmark (issue 5): append 100,000 claims; verify a 1,000,000-entry
# ledger, with `openssl dgst -sha256` of the same file as the reference, in
# one run. Prints medians; writes into bench/out/ledger (git-ignored).
#
#   bench/ledger.sh                     the full run (a few minutes)
#   N_APPEND=10000 N_VERIFY=100000 RUNS=3 bench/ledger.sh   a quick one
#   VERIFY_ONLY=1 bench/ledger.sh       time verify again on the ledger of the last run
set -euo pipefail
cd "$(dirname "$0")/.."

N_APPEND=${N_APPEND:-100000}
N_VERIFY=${N_VERIFY:-1000000}
RUNS=${RUNS:-5}
RUNS_FULL=${RUNS_FULL:-3}
OUT=bench/out/ledger
BIN=${BIN:-target/release}

if [ -z "${SKIP_BUILD:-}" ]; then
  cargo build --release -q -p isnad-cli -p isnad-ledger --bins
fi
mkdir -p "$OUT"
[ -n "${VERIFY_ONLY:-}" ] || rm -f "$OUT"/*.jsonl "$OUT"/*.jsonl.torn-*

now() { date +%s.%N; }
# seconds taken by "$@" (stdout discarded); a failure stops the benchmark
timed() {
  local t0 t1
  t0=$(now)
  "$@" > /dev/null || { echo "failed: $*" >&2; exit 1; }
  t1=$(now)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
rate() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

echo "== machine: $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(openssl version)"

BIG="$OUT/big.jsonl"
if [ -z "${VERIFY_ONLY:-}" ]; then
echo "== append $N_APPEND claims, one append each (exclusive lock + one write + fdatasync)"
# Each ledger starts with a document recorded by `isnad record` (the hasher's
# fingerprints, so the full check passes); the claims are logged against it.
start_ledger() {
  "$BIN/isnad" init --ledger "$1" --author bench > /dev/null
  "$BIN/isnad" record --ledger "$1" --author bench --url https://example.org/bench examples/en-article.txt > /dev/null
}
start_ledger "$OUT/append.jsonl"
"$BIN/isnad-ledger-stress" "$OUT/append.jsonl" "$N_APPEND" bench --claims --doc https://example.org/bench --quiet
echo "== append $N_APPEND claims in batches of 1000 (one write + fdatasync per batch, as record does for a document's claims)"
start_ledger "$OUT/append-batch.jsonl"
"$BIN/isnad-ledger-stress" "$OUT/append-batch.jsonl" "$N_APPEND" bench --claims --doc https://example.org/bench --batch 1000 --quiet
"$BIN/isnad" verify --chain-only --ledger "$OUT/append.jsonl" | tail -1

echo "== build a $N_VERIFY-entry ledger"
start_ledger "$BIG"
PRE=$(wc -l < "$BIG")
"$BIN/isnad-ledger-stress" "$BIG" $((N_VERIFY - PRE)) big --claims --doc https://example.org/bench --batch 20000 --quiet
fi
SIZE=$(stat -c %s "$BIG")
ENTRIES=$(wc -l < "$BIG")
MB=$(awk -v s="$SIZE" 'BEGIN { printf "%.3f", s / 1000000 }')
echo "   $ENTRIES entries, $MB MB"
# One untimed full verify: it must pass, and it warms the page cache for
# every contender alike.
"$BIN/isnad" verify --ledger "$BIG"

# The contenders take turns, run after run, so that they see the same load.
SSL=(); CHAIN=(); FULL=(); RATIO=()
for r in $(seq "$RUNS"); do
  s=$(timed openssl dgst -sha256 "$BIG")
  c=$(timed "$BIN/isnad" verify --chain-only --ledger "$BIG")
  SSL+=("$s"); CHAIN+=("$c"); RATIO+=("$(ratio "$s" "$c")")
  if [ "$r" -le "$RUNS_FULL" ]; then FULL+=("$(timed "$BIN/isnad" verify --ledger "$BIG")"); fi
done
T_SSL=$(median "${SSL[@]}")
T_CHAIN=$(median "${CHAIN[@]}")
T_FULL=$(median "${FULL[@]}")
echo "   runs (s): openssl ${SSL[*]}; chain ${CHAIN[*]}; full ${FULL[*]}"
echo "   per-run chain/openssl throughput ratios: ${RATIO[*]} (median $(median "${RATIO[@]}"))"
printf '%-34s %9s %10s %14s %10s\n' "" "median s" "MB/s" "entries/s" "vs openssl"
printf '%-34s %9.3f %10s %14s %10s\n' "openssl dgst -sha256 (reference)" "$T_SSL" "$(rate "$MB" "$T_SSL")" "-" "1.00"
printf '%-34s %9.3f %10s %14s %10s\n' "isnad verify --chain-only" "$T_CHAIN" "$(rate "$MB" "$T_CHAIN")" "$(rate "$ENTRIES" "$T_CHAIN")" "$(ratio "$T_SSL" "$T_CHAIN")"
printf '%-34s %9.3f %10s %14s %10s\n' "isnad verify (full check)" "$T_FULL" "$(rate "$MB" "$T_FULL")" "$(rate "$ENTRIES" "$T_FULL")" "$(ratio "$T_SSL" "$T_FULL")"
echo "target: chain check >= 0.20 of openssl's throughput"
