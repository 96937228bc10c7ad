#!/usr/bin/env python3
"""Benchmark redline diff on generated version pairs beside the tools people
use today, in one run: wall time (best of --runs), CPU time (user + system,
the least of the runs: less disturbed by other work on a loaded machine),
peak memory (max RSS of the command, from GNU time) and ratios to redline.
The floor is `wc -w` over both files: one pass over the text.

    bench/versions.py [--redline ./redline] [--runs 3] [--timeout 60] [--callgrind]
                      [--related N] [--only TOOL,...] [--markdown] [SIZE ...]   (sizes in bytes)

Tools, each where it is installed: redline diff (JSON, text, and text
without the semantic changes, which the other tools do not look for), git
diff --no-index --word-diff=porcelain, GNU wdiff, dwdiff, jsdiff's diffWords and
diff-match-patch (Node.js, packages pinned in bench/package.json and
installed into bench/node_modules by `make bench`), wc -w.  A run longer
than --timeout seconds is stopped and reported as such; a tool stopped at
one size is not tried at larger ones (the related pair is tried when it is
smaller).  --only keeps the tools whose names
start with one of the given words (redline, git, wdiff, dwdiff, jsdiff,
diff-match-patch, wc).

--callgrind counts instructions with valgrind instead of timing: the same
count for the same binary and input whatever else the machine is doing
(the Node.js tools are left out: a JIT under callgrind measures callgrind).
--related N adds the pair of N-paragraph related documents of
bench/related_gen.py, compared by redline in related mode and by the others
as they compare anything.  With three sizes or more, the exponent of time
over size is fitted for each tool (least squares on the logarithms).

Inputs come from bench/gen_versions.py with a fixed seed, so every run
compares the same files.
"""
import argparse
import math
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOP = HERE.parent


def run_once(cmd, timeout):
    """Wall time and CPU time (user + system of the waited-for children)
    from here; peak RSS from GNU time (a forked Python child's own maxrss
    would count the interpreter's pages before exec).  None when the run
    was stopped at the timeout."""
    tf = HERE / "out" / "time.txt"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        # a process group of its own, so that a timeout stops the tool and
        # not only GNU time
        p = subprocess.Popen(["/usr/bin/time", "-f", "%x %M", "-o", str(tf), *cmd], stdout=null,
                             stderr=null, start_new_session=True)
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            return None
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    code, kb = tf.read_text().split("\n")[-2].split()
    return wall, int(kb) / 1024.0, int(code), cpu  # s, MB, exit status, s


def instructions(cmd):
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in r.stderr.splitlines():
        if "Collected" in line or "refs:" in line:
            return int(line.split()[-1].replace(",", ""))
    raise SystemExit(f"bench: no instruction count for {' '.join(cmd)}")


def measure(cmd, runs, timeout):
    """Best wall time of `runs` runs, the least CPU time and the peak memory
    of that run; None when the first run was stopped.  A run over 30 s is
    not repeated."""
    best = None
    for _ in range(runs):
        r = run_once(cmd, timeout)
        if r is None:
            return best
        wall, mem, code, cpu = r
        if code not in (0, 1):
            raise SystemExit(f"bench: {' '.join(cmd)} exited {code}")
        if best is None:
            best = [wall, cpu, mem]
        best[0] = min(best[0], wall)
        if cpu < best[1]:
            best[1:] = [cpu, mem]
        if wall > 30:
            break
    return best


def tools(redline, old, new, related):
    if related:
        yield "redline diff --mode=related --format=json", [redline, "diff", "--mode=related",
                                                             "--format=json", old, new]
        yield "redline diff --mode=related (text)", [redline, "diff", "--mode=related",
                                                     "--color=never", old, new]
    else:
        yield "redline diff --format=json", [redline, "diff", "--format=json", old, new]
        yield "redline diff (text)", [redline, "diff", "--color=never", old, new]
        yield "redline diff --changes=none (text)", [redline, "diff", "--changes=none",
                                                     "--color=never", old, new]
    if shutil.which("git"):
        yield "git diff --word-diff=porcelain", ["git", "diff", "--no-index", "--word-diff=porcelain",
                                                 "-U1000000000", old, new]
    if shutil.which("wdiff"):
        yield "wdiff (GNU)", ["wdiff", old, new]
    if shutil.which("dwdiff"):
        yield "dwdiff", ["dwdiff", old, new]
    node = shutil.which("node")
    if node and (HERE / "node_modules" / "diff").is_dir():
        yield "jsdiff diffWords", [node, str(HERE / "js_words.js"), "jsdiff", old, new]
    if node and (HERE / "node_modules" / "diff-match-patch").is_dir():
        yield "diff-match-patch (+cleanupSemantic)", [node, str(HERE / "js_words.js"), "dmp", old, new]
    yield "wc -w (one pass, floor)", ["wc", "-w", old, new]


def inputs(sizes, related):
    """(label, old, new, is_related) for every pair, generated when missing."""
    sources = sorted(str(p) for p in (TOP / "fixtures").glob("*.txt"))
    for size in sizes:
        d = HERE / "out" / f"v{size}"
        if not (d / "new.txt").exists():
            subprocess.run([sys.executable, str(HERE / "gen_versions.py"), "--size", str(size), "--seed", "1",
                            "--out", str(d), "--sources", *sources], check=True)
        yield size, human(size), str(d / "old.txt"), str(d / "new.txt"), False
    if related:
        d = HERE / "out" / f"r{related}"
        if not (d / "new.txt").exists():
            d.mkdir(parents=True, exist_ok=True)
            subprocess.run([sys.executable, str(HERE / "related_gen.py"), str(related), str(d / "old.txt"),
                            str(d / "new.txt"), "--seed", "1"], check=True)
        size = os.path.getsize(d / "old.txt")
        yield size, f"related {related:,}¶", str(d / "old.txt"), str(d / "new.txt"), True


def human(size):
    for unit, div in (("MB", 1_000_000), ("KB", 1000)):
        if size >= div:
            return f"{size / div:g} {unit}"
    return f"{size} B"


def fit_exponent(points):
    """Slope of log(time) over log(size), least squares."""
    xs = [math.log(s) for s, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else float("nan")


class Table:
    def __init__(self, markdown, callgrind):
        self.md = markdown
        if callgrind:
            self.cols = ["input", "tool", "instructions", "per input byte", "/ redline"]
        else:
            self.cols = ["input", "tool", "wall s", "CPU s", "peak MB", "wall / redline",
                         "CPU / redline", "memory / input"]
        if self.md:
            print("| " + " | ".join(self.cols) + " |")
            print("| --- | --- |" + " ---: |" * (len(self.cols) - 2))
        else:
            print(f"{self.cols[0]:>16}  {self.cols[1]:<40} " + " ".join(f"{c:>14}" for c in self.cols[2:]))

    def row(self, label, name, *cells):
        if self.md:
            print(f"| {label} | {name} | " + " | ".join(cells) + " |")
        else:
            print(f"{label:>16}  {name:<40} " + " ".join(f"{c:>14}" for c in cells))
        sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--redline", default=str(TOP / "redline"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=60, help="stop a run after this many seconds")
    ap.add_argument("--callgrind", action="store_true", help="count instructions instead of timing")
    ap.add_argument("--related", type=int, default=0, metavar="N", help="add the N-paragraph related pair")
    ap.add_argument("--only", default="", help="comma-separated tool name prefixes")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("sizes", nargs="*", type=int, default=[100_000, 1_000_000, 10_000_000])
    a = ap.parse_args()
    if not a.callgrind and not os.path.exists("/usr/bin/time"):
        raise SystemExit("bench: needs GNU time (apt-get install time)")
    (HERE / "out").mkdir(exist_ok=True)
    only = [w for w in a.only.split(",") if w]
    table = Table(a.markdown, a.callgrind)
    stopped, series = {}, {}  # tool -> the input size it was stopped at
    for size, label, old, new, related in inputs(a.sizes, a.related):
        in_mb = (os.path.getsize(old) + os.path.getsize(new)) / 2**20
        ref = None
        for name, cmd in tools(a.redline, old, new, related):
            if only and not any(name.startswith(w) for w in only):
                continue
            if a.callgrind:
                if "node" in os.path.basename(cmd[0]):
                    continue
                n = instructions(cmd)
                ref = ref or n
                per = n / (os.path.getsize(old) + os.path.getsize(new))
                table.row(label, name, f"{n / 1e6:,.1f} M", f"{per:.1f}", f"{n / ref:.2f}")
                if not related:
                    series.setdefault(name, []).append((size, n, n))
                continue
            if name in stopped and size >= stopped[name]:
                table.row(label, name, "not run", "", "", "", "", "")
                continue
            r = measure(cmd, a.runs, a.timeout)
            if r is None:
                stopped[name] = size
                table.row(label, name, f"> {a.timeout:g}", "", "", f"> {a.timeout / ref[0]:.0f}" if ref else "",
                          "", "")
                continue
            t, cpu, m = r
            ref = ref or (t, max(cpu, 0.005))
            table.row(label, name, f"{t:.3f}", f"{cpu:.3f}", f"{m:.1f}", f"{t / ref[0]:.2f}",
                      f"{cpu / ref[1]:.2f}", f"{m / in_mb:.2f}")
            if not related:
                series.setdefault(name, []).append((size, t, cpu))
    fits = [(name, pts) for name, pts in series.items() if len(pts) >= 3 and len(pts) == len(a.sizes)]
    if fits:
        what = "instructions" if a.callgrind else "wall time, CPU time"
        print(f"\nexponent of {what} over size ({', '.join(human(s) for s in a.sizes)}):")
        for name, pts in fits:
            e = [fit_exponent([(p[0], p[k]) for p in pts]) for k in (1, 2) if all(p[k] > 0 for p in pts)]
            print(f"  {name:<40} " + ", ".join(f"{x:.2f}" for x in (e[:1] if a.callgrind else e)))


if __name__ == "__main__":
    main()
