#!/usr/bin/env python3
"""Benchmark related mode: two generated documents of N paragraphs each
(bench/related_gen.py, fixed seed), compared with

    redline diff --mode=related --format=json OLD NEW

Prints the best wall time and the CPU time (user + system) of that run over
--runs runs, the input sizes and the number of links.  Target: N = 5,000
in under 1 s.

    bench/related.py [--redline ./redline] [--runs 3] [N ...]
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if r.returncode not in (0, 1):
        sys.exit("redline failed: %s" % r.stderr.decode()[:300])
    return wall, cpu, r.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--redline", default="./redline")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("sizes", nargs="*", type=int, default=[5000])
    a = ap.parse_args()
    tmp = tempfile.mkdtemp()
    for n in a.sizes:
        old, new = os.path.join(tmp, "old.txt"), os.path.join(tmp, "new.txt")
        subprocess.run([sys.executable, os.path.join(HERE, "related_gen.py"), str(n), old, new,
                        "--seed", "1"], check=True)
        best = None
        for _ in range(a.runs):
            wall, cpu, out = run([a.redline, "diff", "--mode=related", "--format=json", old, new])
            if best is None or wall < best[0]:
                best = (wall, cpu, out)
        links = len(json.loads(best[2])["links"])
        print("related mode, %d + %d paragraphs (%d + %d bytes): wall %.3f s, cpu %.3f s, %d links"
              % (n, n, os.path.getsize(old), os.path.getsize(new), best[0], best[1], links))


if __name__ == "__main__":
    main()
