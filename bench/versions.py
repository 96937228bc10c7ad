#!/usr/bin/env python3
"""Benchmark redline diff on generated version pairs beside the tools people
use today, in one run: wall time (best of --runs), peak memory (max RSS of
the command, from GNU time) and ratios to redline.  The floor is `wc -w` over
both files: one pass over the text.

    bench/versions.py [--redline ./redline] [--runs 3] [--callgrind] [SIZE ...]   (sizes in bytes)

--callgrind counts instructions with valgrind instead of timing: the same
count for the same binary and input whatever else the machine is doing.

Inputs come from bench/gen_versions.py with a fixed seed, so every run
compares the same files.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOP = HERE.parent


def run_once(cmd):
    """Wall time from here; peak RSS from GNU time (a forked Python child's
    own maxrss would count the interpreter's pages before exec)."""
    tf = HERE / "out" / "time.txt"
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        r = subprocess.run(["/usr/bin/time", "-f", "%x %M", "-o", str(tf), *cmd], stdout=null, stderr=null)
    wall = time.perf_counter() - start
    code, kb = tf.read_text().split("\n")[-2].split()
    return wall, int(kb) / 1024.0, int(code)  # seconds, MB, exit status


def instructions(cmd):
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in r.stderr.splitlines():
        if "Collected" in line or "refs:" in line:
            return int(line.split()[-1].replace(",", ""))
    raise SystemExit(f"bench: no instruction count for {' '.join(cmd)}")


def measure(cmd, runs):
    best = None
    for _ in range(runs):
        wall, mem, code = run_once(cmd)
        if code not in (0, 1):
            raise SystemExit(f"bench: {' '.join(cmd)} exited {code}")
        if best is None or wall < best[0]:
            best = (wall, mem)
    return best


def tools(redline, old, new):
    yield "redline diff --format=json", [redline, "diff", "--format=json", old, new]
    yield "redline diff (text)", [redline, "diff", "--color=never", old, new]
    if shutil.which("git"):
        yield "git diff --word-diff=porcelain", ["git", "diff", "--no-index", "--word-diff=porcelain",
                                                 "-U1000000000", old, new]
    yield "wc -w (one pass, floor)", ["wc", "-w", old, new]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--redline", default=str(TOP / "redline"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--callgrind", action="store_true", help="count instructions instead of timing")
    ap.add_argument("sizes", nargs="*", type=int, default=[100_000, 1_000_000, 10_000_000])
    a = ap.parse_args()
    if not os.path.exists("/usr/bin/time"):
        raise SystemExit("bench: needs GNU time (apt-get install time)")
    (HERE / "out").mkdir(exist_ok=True)
    sources = sorted(str(p) for p in (TOP / "fixtures").glob("*.txt"))
    if a.callgrind:
        print(f"{'size':>10}  {'tool':<32} {'instructions':>14} {'per input byte':>14} {'/redline':>9}")
    else:
        print(f"{'size':>10}  {'tool':<32} {'seconds':>8} {'peak MB':>8} {'time/redline':>12} {'mem/input':>9}")
    for size in a.sizes:
        d = HERE / "out" / f"v{size}"
        if not (d / "new.txt").exists():
            subprocess.run([sys.executable, str(HERE / "gen_versions.py"), "--size", str(size), "--seed", "1",
                            "--out", str(d), "--sources", *sources], check=True)
        old, new = str(d / "old.txt"), str(d / "new.txt")
        in_mb = (os.path.getsize(old) + os.path.getsize(new)) / 2**20
        ref = None
        for name, cmd in tools(a.redline, old, new):
            if a.callgrind:
                n = instructions(cmd)
                ref = ref or n
                per = n / (os.path.getsize(old) + os.path.getsize(new))
                print(f"{size:>10}  {name:<32} {n:14,d} {per:14.1f} {n / ref:9.2f}")
                continue
            t, m = measure(cmd, a.runs)
            ref = ref or t
            print(f"{size:>10}  {name:<32} {t:8.3f} {m:8.1f} {t / ref:12.2f} {m / in_mb:9.2f}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
