#!/usr/bin/env python3
"""Write a pair of long versions of one document for the report's scale test.

    python3 tests/e2e/bigpair.py SIZE_MB SOURCE_DIR OLD NEW

OLD is SIZE_MB megabytes of paragraphs drawn from the texts in SOURCE_DIR,
each made unique by a running number; NEW edits words in about one
paragraph in ten, deletes, inserts, moves, splits and merges a few.  A
fixed seed makes the pair the same on every run.
"""
import os
import random
import sys


def main() -> int:
    size = float(sys.argv[1]) * 1e6
    src, old_path, new_path = sys.argv[2:5]
    rnd = random.Random(2021)
    pool = []
    for name in sorted(os.listdir(src)):
        if name.endswith(".txt"):
            text = open(os.path.join(src, name), encoding="utf-8").read()
            pool += [" ".join(p.split()) for p in text.split("\n\n") if len(p.split()) > 8]
    old, total, i = [], 0, 0
    while total < size:
        p = f"{i + 1}. {rnd.choice(pool)}"
        old.append(p)
        total += len(p.encode()) + 2
        i += 1
    new = []
    for p in old:
        r = rnd.random()
        if r < 0.08:
            w = p.split()
            for _ in range(3):
                k = rnd.randrange(1, len(w))
                w[k] = rnd.choice(["niet", "wel", "2023", "meer", "minder", "Frankrijk", "NAVO"])
            new.append(" ".join(w))
        elif r < 0.09:
            continue
        elif r < 0.10:
            new.append(p)
            new.append(f"Nieuw: {rnd.choice(pool)}")
        elif r < 0.105 and ". " in p[4:]:
            k = p.index(". ", 4) + 1
            new.append(p[:k])
            new.append(p[k + 1:])
        else:
            new.append(p)
    for _ in range(len(new) // 200):
        a = rnd.randrange(len(new))
        b = rnd.randrange(len(new))
        new.insert(b, new.pop(a))
    with open(old_path, "w", encoding="utf-8") as f:
        f.write("\n\n".join(old) + "\n")
    with open(new_path, "w", encoding="utf-8") as f:
        f.write("\n\n".join(new) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
