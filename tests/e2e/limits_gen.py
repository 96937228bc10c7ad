#!/usr/bin/env python3
"""Write the pathological pairs of the limits test, deterministically.

    python3 tests/e2e/limits_gen.py KIND OLD NEW

longpara: one paragraph of 10 MB (a million words) without a line break,
  the new side with one word in 5,000 replaced;
million: a million one-word paragraphs, one in a thousand edited;
repeat: 10 MB that is one sentence over and over as one paragraph, the new
  side with one copy rewritten;
repeatparas: the same sentence as 140,000 paragraphs.
"""
import random
import sys


def main():
    kind, out_old, out_new = sys.argv[1:4]
    rng = random.Random(7)
    words = ["de", "het", "samenwerking", "Frankrijk", "Nederland", "defensie", "niet", "2021",
             "zal", "kan", "Europese", "veiligheid", "55%", "verklaring", "minister"]
    if kind == "longpara":
        w = [rng.choice(words) + str(rng.randrange(1000)) for _ in range(1_000_000)]
        old = " ".join(w)
        for k in range(0, len(w), 5000):
            w[k] = "veranderd"
        new = " ".join(w)
    elif kind == "million":
        w = [f"w{i}" for i in range(1_000_000)]
        old = "\n\n".join(w) + "\n"
        for k in range(0, len(w), 1000):
            w[k] = "x" + w[k]
        new = "\n\n".join(w) + "\n"
    else:
        sep = " " if kind == "repeat" else "\n\n"
        s = "Nederland en Frankrijk zijn voornemens om de samenwerking te versterken." + sep
        changed = "Nederland en Frankrijk gaan de samenwerking niet versterken." + sep
        old = s * 140_000
        new = s * 70_000 + changed + s * 69_999
    with open(out_old, "w", encoding="utf-8") as f:
        f.write(old)
    with open(out_new, "w", encoding="utf-8") as f:
        f.write(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
