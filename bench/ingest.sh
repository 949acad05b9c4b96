#!/usr/bin/env bash
# Pages per second: HTML article extraction + claim extraction, as
# `isnad extract --format jsonl DIR/` does it over a directory of saved
# pages, against `openssl dgst -sha256` over the same bytes in the same run.
#
# The pages are written from the repository's own fixtures
# (tests/fixtures/ingest/*.html, never corpus articles): each fixture page
# in turn, with the page number added to its first paragraph so that no two
# pages are equal. The same run also times `extract` over the article texts
# those pages give (one .txt per page, same directory layout), so the cost
# of reading the HTML can be told from the cost of finding the claims.
#
#   bash bench/ingest.sh                 # 2,000 pages, 5 runs, medians
#   PAGES=500 RUNS=3 bash bench/ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${PAGES:-2000}
runs=${RUNS:-5}
out=bench/out/ingest
mkdir -p "$out"
source bench/lib.sh
need_tools openssl python3 /usr/bin/time
build_isnad

python3 - "$pages" "$out" <<'PY'
import glob, os, shutil, sys
pages, out = int(sys.argv[1]), sys.argv[2]
fixtures = [p for p in sorted(glob.glob("tests/fixtures/ingest/*.htm*"))
            if os.path.exists(p.rsplit(".", 1)[0] + ".expected.txt")]
sources = [open(p, encoding="utf-8").read() for p in fixtures]
html_dir = os.path.join(out, f"pages-{pages}")
if not os.path.isdir(html_dir) or len(os.listdir(html_dir)) != pages:
    shutil.rmtree(html_dir, ignore_errors=True)
    os.makedirs(html_dir)
    for i in range(pages):
        page = sources[i % len(sources)].replace("</p>", f" ({i})</p>", 1)
        open(os.path.join(html_dir, f"p{i:05}.html"), "w", encoding="utf-8").write(page)
print(f"{pages} pages from {len(fixtures)} fixtures", file=sys.stderr)
PY
html_dir="$out/pages-$pages"
cat "$html_dir"/*.html > "$out/pages.cat"
# The article texts of the same pages, for the claim-extraction-only figure.
text_dir="$out/texts-$pages"
rm -rf "$text_dir"; mkdir -p "$text_dir"
"$bin" extract --format jsonl "$html_dir" | python3 -c '
import json, os, sys
d = sys.argv[1]
for line in sys.stdin:
    doc = json.loads(line)["document"]
    name = os.path.basename(doc["source"]).rsplit(".", 1)[0] + ".txt"
    open(os.path.join(d, name), "w", encoding="utf-8").write(doc["text"])
' "$text_dir"
cat "$text_dir"/*.txt > "$out/texts.cat"

median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %8s %10s %10s %12s %10s %12s\n' input MB pages/s MB/s openssl_MB/s ratio peak_RSS_MB
for kind in html text; do
  if [ "$kind" = html ]; then dir=$html_dir; cat_file=$out/pages.cat; else dir=$text_dir; cat_file=$out/texts.cat; fi
  bytes=$(stat -c %s "$cat_file")
  it=(); ot=(); rss=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$out/time" "$bin" extract --format jsonl "$dir" > /dev/null 2> "$out/stderr"
    read -r secs kb < <(tail -n 1 "$out/time"); it+=("$secs"); [ "$kb" -gt "$rss" ] && rss=$kb
    /usr/bin/time -f '%e' -o "$out/time" openssl dgst -sha256 "$cat_file" > /dev/null
    ot+=("$(tail -n 1 "$out/time")")
  done
  im=$(printf '%s\n' "${it[@]}" | median)
  om=$(printf '%s\n' "${ot[@]}" | median)
  python3 - "$kind" "$bytes" "$pages" "$im" "$om" "$rss" <<'PY'
import sys
kind, b, n, i, o, rss = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
label = "pages (.html)" if kind == "html" else "their texts (.txt)"
mb = b / 1e6
ir, orr = mb / max(i, 1e-3), mb / max(o, 1e-3)
print(f"{label:<22} {mb:>8.1f} {n / max(i, 1e-3):>10,.0f} {ir:>10.1f} {orr:>12.1f} {ir / orr:>10.4f} {rss // 1024:>12}")
PY
done
echo
echo "pages/s: pages read, their article extracted and its claims found, per second (median of $runs runs; all cores)."
echo "ratio: isnad's MB/s divided by openssl dgst -sha256's over the same bytes in the same run."
