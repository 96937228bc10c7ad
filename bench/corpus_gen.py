#!/usr/bin/env python3
"""Generate N synthetic documents for the corpus benchmarks, deterministically.

    python3 bench/corpus_gen.py OUTDIR N [SEED]

Words come from the fixtures (so stemming, stopwords and similarity see real
Dutch); each document has a leading " date YYYY-MM" metadata line, 4 to 8
paragraphs of 30 to 80 words, and every tenth document restates a paragraph
of the one ten before it with a few words changed, so trace has a chain to
follow.
"""
import os
import random
import re
import sys

out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
words = []
for name in sorted(os.listdir(os.path.join(top, "fixtures"))):
    if name.endswith(".txt"):
        with open(os.path.join(top, "fixtures", name), encoding="utf-8") as f:
            words += re.findall(r"\w+", f.read())
os.makedirs(out, exist_ok=True)
previous = {}
for i in range(n):
    paras = []
    for _ in range(rng.randint(4, 8)):
        ws = [rng.choice(words) for _ in range(rng.randint(30, 80))]
        paras.append(" ".join(ws).capitalize() + ".")
    if i >= 10 and i % 10 == 0:
        p = previous[i - 10][0].split(" ")
        for _ in range(3):
            p[rng.randrange(len(p))] = rng.choice(words)
        paras.insert(1, " ".join(p))
    previous[i] = paras
    year, month = 2020 + i * 7 // n, 1 + i % 12
    with open(os.path.join(out, "doc%04d.txt" % i), "w", encoding="utf-8") as f:
        f.write(" date %04d-%02d " % (year, month) + "\n\n".join(paras) + "\n")
