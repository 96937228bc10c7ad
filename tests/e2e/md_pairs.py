#!/usr/bin/env python3
"""Write N pairs of short texts full of Markdown's special characters,
web addresses and punctuation glued to words, the second of each pair
edited at random — input for checking the Markdown report with GitHub's
parser (gfm_check.py).  Seeded: the same pairs on every run.

    python3 tests/e2e/md_pairs.py DIR N     # DIR/<i>-old.txt, DIR/<i>-new.txt
"""
import os
import random
import sys

TOKENS = ("de het een Frankrijk NAVO 2021 55% . , ; : ( ) [ ] * ** _ ~ ~~ < > & \" ' ` # | "
          "- + 1. ! ? « » „ “ ’ — é ö ñ \\ { } $ @ a@b.nl www.x.nl https://a.b/c").split()


def para(rnd):
    words = [rnd.choice(TOKENS) + ("" if rnd.random() < 0.3 else " ")
             for _ in range(rnd.randint(5, 25))]
    return "".join(words).strip() or "x"


def pair(rnd):
    old = [para(rnd) for _ in range(rnd.randint(2, 6))]
    new = []
    for p in old:
        r = rnd.random()
        if r < 0.6:
            w = list(p)
            for _ in range(rnd.randint(1, 4)):
                k = rnd.randrange(len(w))
                w[k:k + rnd.randint(0, 3)] = rnd.choice(TOKENS) + rnd.choice(["", " "])
            new.append("".join(w).strip() or "y")
        elif r >= 0.7:
            new.append(p)
        if rnd.random() < 0.1:
            new.append(para(rnd))
    return old, new


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    for i in range(n):
        old, new = pair(random.Random(i))
        for side, paras in (("old", old), ("new", new)):
            with open(os.path.join(out, f"{i}-{side}.txt"), "w", encoding="utf-8") as f:
                f.write("\n\n".join(paras) + "\n")


if __name__ == "__main__":
    main()
