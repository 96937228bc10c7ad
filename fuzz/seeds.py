#!/usr/bin/env python3
"""Write the seed corpora of the fuzz harnesses from fixtures/, deterministically.

    python3 fuzz/seeds.py OUTDIR

OUTDIR/single/ gets every fixture and a few of its paragraphs (harnesses
that read one text); OUTDIR/pair/ gets two texts joined by a NUL byte:
consecutive fixtures, the two versions of each regulation, and each fixture
against itself with paragraphs moved, merged and words edited (harnesses
that compare two texts).  Each side is cut to 12 KB at a paragraph break so
that seeds stay below the harnesses' -max_len.
"""
import random
import sys
from pathlib import Path

TOP = Path(__file__).resolve().parent.parent
CUT = 12_000


def cut(text):
    if len(text.encode()) <= CUT:
        return text
    b = text.encode()[:CUT].decode("utf-8", "ignore")
    k = b.rfind("\n\n")
    return b[:k + 1] if k > 0 else b


def edited(text, rng):
    paras = [p for p in text.split("\n\n") if p.strip()]
    if len(paras) > 3:
        i, j = rng.randrange(len(paras)), rng.randrange(len(paras))
        paras.insert(j, paras.pop(i))
        k = rng.randrange(len(paras) - 1)
        paras[k:k + 2] = [paras[k] + " " + paras[k + 1]]
    out = []
    for p in paras:
        words = p.split(" ")
        if len(words) > 4 and rng.random() < 0.3:
            words[rng.randrange(len(words))] = rng.choice(["niet", "2023", "NAVO", "zal", "55%"])
        out.append(" ".join(words))
    return "\n\n".join(out) + "\n"


def main():
    out = Path(sys.argv[1])
    single, pair = out / "single", out / "pair"
    single.mkdir(parents=True, exist_ok=True)
    pair.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    files = sorted(TOP.glob("fixtures/*.txt")) + sorted(TOP.glob("fixtures/regelrecht/*/*.yaml"))
    texts = [cut(f.read_text(encoding="utf-8")) for f in files]
    for n, (f, t) in enumerate(zip(files, texts)):
        (single / f"{n:02d}-{f.stem}").write_text(t, encoding="utf-8")
        paras = [p for p in t.split("\n\n") if p.strip()]
        (single / f"{n:02d}-para").write_text(max(paras, key=len) if paras else t, encoding="utf-8")
        (pair / f"{n:02d}-self").write_bytes(t.encode() + b"\0" + edited(t, rng).encode())
    for n in range(len(texts) - 1):
        (pair / f"{n:02d}-next").write_bytes(texts[n].encode() + b"\0" + texts[n + 1].encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
