#!/usr/bin/env bash
# Benchmark of `isnad extract` against `openssl dgst -sha256` on the same
# bytes, in the same run.
#
# Writes a large corpus (SIZE_MB, default 50) by repeating the repository's
# own example articles (tests/fixtures/examples/LANG/*.txt, never corpus
# articles), then times the release binary (`isnad extract --format jsonl`,
# output to /dev/null) and OpenSSL RUNS times each (default 5), alternating,
# and prints the medians in MB/s of CPU time (and of wall-clock time), the
# ratio isnad/OpenSSL and isnad's peak resident memory. Run with two sizes (SIZE_MB=50 and SIZE_MB=200) to see that
# memory does not grow with the input (one plain text file is streamed). The rows marked `*` time the extraction
# engine alone over the same bytes (the `extract_file` example: no
# fingerprints, speaker pass or JSON); `cargo bench -p isnad-extract` has
# criterion benches of it and of each stage of the command. The rows marked
# `:j` time a corpus of articles instead of one huge text: the same texts,
# one JSON Lines record per article (`{"url", "text"}`), as many as make
# SIZE_MB (read a piece at a time: memory does not grow with the batch).
#
#   bash bench/extract.sh                   # Arabic and English, 50 MB each
#   SIZE_MB=10 LANGS=ar bash bench/extract.sh
#   SOURCE=../shared/corpus/ar LANGS=ar bash bench/extract.sh
#       # the corpus repeated from the .txt files under SOURCE instead (read
#       # at run time, e.g. real news; nothing is copied into the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${SIZE_MB:-50}
runs=${RUNS:-5}
langs=${LANGS:-ar en}
out=bench/out/extract
mkdir -p "$out"
command -v openssl >/dev/null || { echo "bench: openssl is needed" >&2; exit 2; }
cargo build --release -q -p isnad-cli
cargo build --release -q -p isnad-extract --example extract_file
bin="${CARGO_TARGET_DIR:-target}/release/isnad"
engine="${CARGO_TARGET_DIR:-target}/release/examples/extract_file"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Times isnad (`extract --format jsonl`, output to /dev/null) and OpenSSL
# RUNS times each over $1, alternating; sets bytes, the medians im (isnad's
# CPU seconds), om (OpenSSL's), wm (isnad's wall-clock seconds), rss (KB)
# and claims.
measure() {
  local corpus=$1
  bytes=$(stat -c %s "$corpus")
  it=(); ot=(); wt=(); rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$bin" extract --format jsonl "$corpus" > /dev/null
    read -r secs user sys kb < <(tail -n 1 "$out/time")
    it+=("$(python3 -c "print($user + $sys)")"); wt+=("$secs"); rss=$kb
    # OpenSSL hashes the file ten times in one run (one pass takes a few
    # hundredths of a second, too close to the timer's resolution)
    /usr/bin/time -f '%U %S' -o "$out/time" openssl dgst -sha256 $(printf "$corpus %.0s" $(seq 10)) > /dev/null
    read -r user sys < <(tail -n 1 "$out/time")
    ot+=("$(python3 -c "print(($user + $sys) / 10)")")
  done
  claims=$("$bin" extract --format jsonl "$corpus" | python3 -c 'import json,sys; print(sum(len(json.loads(l)["claims"]) for l in sys.stdin))')
  im=$(printf '%s\n' "${it[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  om=$(printf '%s\n' "${ot[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  wm=$(printf '%s\n' "${wt[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
}
# MB/s over CPU time (user + system: per core, what a shared machine's load
# does not distort much) and over wall-clock time
printf '%-4s %-8s %-12s %-14s %-8s %-12s %-12s %-8s\n' lang MB isnad_MB/s openssl_MB/s ratio wall_MB/s peak_rss_MB claims
for lang in $langs; do
  if [ -n "${SOURCE:-}" ]; then
    corpus="$out/corpus-$(basename "$SOURCE")-$lang-${size_mb}MB.txt"
  else
    corpus="$out/corpus-$lang-${size_mb}MB.txt"
  fi
  python3 - "$lang" "$size_mb" "$corpus" "${SOURCE:-}" <<'PY'
import glob, json, sys
lang, mb, path, source = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
pattern = f"{source}/**/*.txt" if source else f"tests/fixtures/examples/{lang}/*.txt"
texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(pattern, recursive=True))]
if not texts:
    sys.exit(f"no texts for {lang} in {source or 'the examples'}")
block = "\n\n".join(texts) + "\n\n"
with open(path, "w", encoding="utf-8") as f:
    n = 0
    while n < mb * 1_000_000:
        f.write(block)
        n += len(block.encode("utf-8"))
# the same texts as a corpus of articles: one record per article
with open(path[: -len(".txt")] + ".jsonl", "w", encoding="utf-8") as f:
    n = i = 0
    while n < mb * 1_000_000:
        record = json.dumps({"url": f"https://example.org/{i}", "text": texts[i % len(texts)]}, ensure_ascii=False) + "\n"
        f.write(record)
        n += len(record.encode("utf-8"))
        i += 1
PY
  measure "$corpus"
  # the engine alone (no fingerprints, speaker pass or JSON), same bytes
  et=(); erss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%U %S %M' -o "$out/time" "$engine" "$corpus" "$lang" > /dev/null
    read -r user sys kb < <(tail -n 1 "$out/time")
    et+=("$(python3 -c "print($user + $sys)")"); erss=$kb
  done
  em=$(printf '%s\n' "${et[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  python3 - "$lang" "$bytes" "$im" "$om" "$rss" "$claims" "$wm" "$em" "$erss" <<'PY'
import sys
lang, b, i, o, rss, claims, w, e, erss = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6], float(sys.argv[7]), float(sys.argv[8]), int(sys.argv[9])
mb = b / 1e6
ir, orr, wr, er = mb / max(i, 1e-3), mb / max(o, 1e-3), mb / max(w, 1e-3), mb / max(e, 1e-3)
print(f"{lang:<4} {mb:<8.1f} {ir:<12.1f} {orr:<14.1f} {ir / orr:<8.3f} {wr:<12.1f} {rss // 1024:<12} {claims:<8}")
print(f"{lang + '*':<4} {mb:<8.1f} {er:<12.1f} {orr:<14.1f} {er / orr:<8.3f} {'':<12} {erss // 1024:<12} (engine alone)")
PY
  # the same texts as a corpus of articles (JSON Lines, one per record)
  measure "${corpus%.txt}.jsonl"
  python3 - "$lang:j" "$bytes" "$im" "$om" "$rss" "$claims" "$wm" <<'PY'
import sys
lang, b, i, o, rss, claims, w = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6], float(sys.argv[7])
mb = b / 1e6
ir, orr, wr = mb / max(i, 1e-3), mb / max(o, 1e-3), mb / max(w, 1e-3)
print(f"{lang:<4} {mb:<8.1f} {ir:<12.1f} {orr:<14.1f} {ir / orr:<8.3f} {wr:<12.1f} {rss // 1024:<12} {claims:<8}")
PY
done
