#!/usr/bin/env python3
"""Generate a version pair of about SIZE bytes, deterministically.

    gen_versions.py --size BYTES --seed N --out DIR [--sources FILE...]

Paragraphs are built from sentences whose words follow the word frequencies
of the source texts, with a long tail of generated rare words, so that every
paragraph is distinct as in real documents.  The new version edits about 1%
of the words and moves, splits, merges, inserts and deletes about 0.5% of the
paragraphs each.  Writes DIR/old.txt and DIR/new.txt.
"""
import argparse
import random
import re
from pathlib import Path


def vocabulary(sources):
    words = []
    for s in sources:
        words += re.findall(r"[^\W\d_][\w'-]*", Path(s).read_text(encoding="utf-8"))
    return words or ["tekst", "woord", "alinea"]


def rare_word(rng):
    syl = ["ka", "ro", "me", "ni", "ver", "sta", "lin", "ge", "bo", "ter", "del", "han"]
    return "".join(rng.choice(syl) for _ in range(rng.randint(2, 4)))


def sentence(rng, words):
    n = rng.randint(8, 25)
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.06:
            out.append(rare_word(rng))
        elif r < 0.08:
            out.append(str(rng.randint(1, 2030)))
        else:
            out.append(rng.choice(words))
    out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out) + "."


def paragraph(rng, words):
    return " ".join(sentence(rng, words) for _ in range(rng.randint(2, 7)))


def edit(rng, p, words):
    out = []
    for w in p.split(" "):
        r = rng.random()
        if r < 0.0033:
            continue
        if r < 0.0066:
            out.append(rng.choice(words))
            continue
        out.append(w)
        if r < 0.01:
            out.append(rng.choice(words))
    return " ".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--sources", nargs="*", default=[])
    a = ap.parse_args()
    rng = random.Random(a.seed)
    words = vocabulary(a.sources)
    old, size = [], 0
    while size < a.size:
        p = paragraph(rng, words)
        old.append(p)
        size += len(p.encode("utf-8")) + 2
    new = []
    for p in old:
        r = rng.random()
        if r < 0.005:
            continue  # deleted
        if r < 0.01:
            new.append(paragraph(rng, words))  # inserted
        ss = re.split(r"(?<=\.) ", p)
        if r > 0.995 and len(ss) > 1:
            k = rng.randrange(1, len(ss))
            new.append(" ".join(ss[:k]))
            new.append(" ".join(ss[k:]))
            continue
        if 0.99 < r <= 0.995 and new:
            new[-1] = new[-1] + " " + p  # merged into the previous one
            continue
        new.append(edit(rng, p, words))
    for _ in range(max(1, len(new) // 200)):  # moves
        i = rng.randrange(len(new))
        q = new.pop(i)
        new.insert(rng.randrange(len(new) + 1), q)
    d = Path(a.out)
    d.mkdir(parents=True, exist_ok=True)
    (d / "old.txt").write_text("\n\n".join(old) + "\n", encoding="utf-8")
    (d / "new.txt").write_text("\n\n".join(new) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
