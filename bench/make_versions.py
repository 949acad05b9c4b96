#!/usr/bin/env python3
"""Writes two versions of a large article for the diff benchmark, built from
the repository's own example texts (examples/, tests/fixtures/): the old
version is their paragraphs repeated with a running number until it holds
about N claims; the new version edits it the way news sites do (drop hedges,
change cues, rename sources to vague ones, drop and add paragraphs, swap
neighbours).

usage: make_versions.py N_CLAIMS OUT_OLD OUT_NEW
"""
import glob, os, random, sys

root = os.path.join(os.path.dirname(__file__), "..")
paths = sorted(glob.glob(os.path.join(root, "examples", "*.txt")) +
               glob.glob(os.path.join(root, "tests", "fixtures", "examples", "*", "*.txt")) +
               glob.glob(os.path.join(root, "tests", "fixtures", "diff", "*-v1.txt")))
paragraphs = []
for p in paths:
    for block in open(p, encoding="utf-8").read().split("\n\n"):
        block = block.strip()
        # Paragraphs with a reporting verb, so that most yield a claim.
        if len(block) > 60 and any(w in block for w in ("قال", "أكد", "said", "told", "warned", "نفى", "أضاف", "added")):
            paragraphs.append(block)
if not paragraphs:
    sys.exit("no example paragraphs found")

n_claims, out_old, out_new = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(7)
old = []
i = 0
# About 1.3 claims per paragraph in the examples; overshoot slightly.
while len(old) < n_claims * 0.8:
    para = paragraphs[i % len(paragraphs)]
    old.append(f"{para} ({i})")
    i += 1

edits = [("محتملة ", ""), ("possible ", ""), ("قال ", "زعم "), ("said ", "claimed "),
         ("الوزارة", "مصادر مطلعة"), ("The ministry", "Sources"), ("قد ", ""), ("may ", "will ")]
new = []
for para in old:
    r = rng.random()
    if r < 0.03:
        continue  # removed
    if r < 0.10:
        a, b = edits[rng.randrange(len(edits))]
        para = para.replace(a, b, 1)
    new.append(para)
    if rng.random() < 0.03:
        new.append(paragraphs[rng.randrange(len(paragraphs))] + " (new)")
for k in range(0, len(new) - 1, 50):  # swap some neighbours
    new[k], new[k + 1] = new[k + 1], new[k]
open(out_old, "w", encoding="utf-8").write("\n\n".join(old) + "\n")
open(out_new, "w", encoding="utf-8").write("\n\n".join(new) + "\n")
