#!/usr/bin/env python3
"""Generate two large documents for the related-mode benchmark.

    related_gen.py N OUT_OLD OUT_NEW [--seed S]

Each document has N paragraphs of 2-5 sentences of 8-25 words.  Words are
drawn from a synthetic vocabulary of 40,000 Dutch-looking words with
Zipfian frequencies (the rank-frequency law of natural text), so document
frequencies look like those of a long report.  A third of the new
paragraphs restate an old one: its sentences reordered, a fifth of the
words replaced, so there are links to find; the rest are new text.
"""
import random
import sys

ONSETS = ["b", "d", "g", "k", "v", "w", "z", "st", "pr", "h", "m", "n", "r", "l", "p", "t", "f", "s"]
VOWELS = ["a", "e", "i", "o", "u", "aa", "ee", "oo", "ie", "ij"]
CODAS = ["", "", "n", "r", "l", "s", "t", "k"]


def vocabulary(rnd, size):
    words, seen = [], set()
    while len(words) < size:
        w = "".join(rnd.choice(ONSETS) + rnd.choice(VOWELS) + rnd.choice(CODAS)
                    for _ in range(rnd.choice([1, 2, 2, 2, 3, 3, 4])))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def main():
    n, out_old, out_new = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    rnd = random.Random(seed)
    vocab = vocabulary(rnd, 40000)
    weights = [1.0 / (r + 1) for r in range(len(vocab))]
    cum, t = [], 0.0
    for w in weights:
        t += w
        cum.append(t)

    def words(k):
        return rnd.choices(vocab, cum_weights=cum, k=k)

    def sentence():
        return " ".join(words(rnd.randint(8, 25))).capitalize() + "."

    def paragraph():
        return [sentence() for _ in range(rnd.randint(2, 5))]

    old = [paragraph() for _ in range(n)]
    new = []
    for _ in range(n):
        if rnd.random() < 1 / 3:
            p = list(rnd.choice(old))
            rnd.shuffle(p)
            new.append([" ".join(words(1)[0] if rnd.random() < 0.2 else w for w in s.split()) for s in p])
        else:
            new.append(paragraph())
    for path, doc in ((out_old, old), (out_new, new)):
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n\n".join(" ".join(p) for p in doc) + "\n")


if __name__ == "__main__":
    main()
