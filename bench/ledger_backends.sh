#!/usr/bin/env bash
# The two ledger backends side by side (issue 11): appends per second with
# 1, 4 and 16 writers (file: that many `isnad-ledger-stress` processes on one
# file, each append one lock + write + fdatasync; PostgreSQL: that many
# clients, each append one transaction), then verify / export / import of a
# 100,000-entry ledger on both. Rounds alternate the backends; the medians
# are printed at the end.
#
#   bench/ledger_backends.sh            3 rounds of 1,000 appends per writer
#   ROUNDS=1 EACH=200 bench/ledger_backends.sh   a quick one
#
# Uses ISNAD_TEST_POSTGRES when set, else starts a throwaway server with
# .ci/postgres.sh (and stops it). Release builds go to CARGO_TARGET_DIR
# (default target/).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
EACH=${EACH:-1000}
N_VERIFY=${N_VERIFY:-100000}
TARGET=${CARGO_TARGET_DIR:-target}

if [ -z "${ISNAD_TEST_POSTGRES:-}" ]; then
  eval "$(.ci/postgres.sh start)"
  trap '.ci/postgres.sh stop "$ISNAD_TEST_POSTGRES_DIR"' EXIT
fi
cargo build --release -q -p isnad-cli -p isnad-ledger --bins
PG_TEST=$(cargo test --release -p isnad-ledger --test postgres --no-run 2>&1 |
  sed -n 's/.*Executable tests\/postgres.rs (\(.*\))/\1/p')
[ -x "$PG_TEST" ] || { echo "cannot find the PostgreSQL test binary" >&2; exit 2; }
STRESS="$TARGET/release/isnad-ledger-stress"
ISNAD="$TARGET/release/isnad"
OUT=$(mktemp -d /tmp/isnad-bench.XXXXXX)
LOG="$OUT/figures"

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for n in 1 4 16; do
    L="$OUT/l$n.jsonl"
    rm -f "$L"
    "$ISNAD" init --ledger "$L" --author bench > /dev/null
    t0=$(date +%s.%N)
    for i in $(seq 1 "$n"); do "$STRESS" "$L" "$EACH" "w$i" --quiet > /dev/null & done
    wait
    t1=$(date +%s.%N)
    lines=$(wc -l < "$L")
    [ "$lines" = $((n * EACH + 1)) ] || { echo "file: $lines lines, expected $((n * EACH + 1))" >&2; exit 1; }
    rate=$(awk -v n="$n" -v e="$EACH" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n * e / (b - a) }')
    echo "file $n $rate" | tee -a "$LOG"
    rate=$(ISNAD_PG_CLIENTS=$n ISNAD_PG_EACH=$EACH "$PG_TEST" concurrent --nocapture 2>&1 |
      sed -n 's/.* = \([0-9]*\) appends\/s$/\1/p')
    echo "postgres $n $rate" | tee -a "$LOG"
  done
done
echo "== medians of $ROUNDS rounds (appends/s)"
for backend in file postgres; do
  for n in 1 4 16; do
    awk -v b="$backend" -v n="$n" '$1 == b && $2 == n { print $3 }' "$LOG" | sort -n |
      awk -v b="$backend" -v n="$n" '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%-8s %2d writers: %s\n", b, n, m }'
  done
done
echo "== verify, export, import of $N_VERIFY entries"
ISNAD_PG_BENCH=$N_VERIFY "$PG_TEST" bench --ignored --nocapture 2>&1 | grep '^figure'
rm -rf "$OUT"
