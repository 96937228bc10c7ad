#!/usr/bin/env python3
"""Corpus benchmarks: add N documents one per call and all in one call (with
`git add && git commit` per document for scale), then log, check and trace.

    python3 bench/corpus.py [--redline ./redline] [-n 1000] [--keep DIR]

Inputs come from bench/corpus_gen.py (deterministic).  Every figure is the
wall-clock time and the CPU time (user + system) of the child processes, which
depends less on what else the machine runs, with this script's own CPU time
(starting them) and the load average beside it.  Record them in bench/RESULTS.md
under "Corpus" with the command and the machine.
"""
import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def cpu(who=resource.RUSAGE_CHILDREN):
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def timed(label, fn):
    w0, c0, s0, l0 = time.monotonic(), cpu(), cpu(resource.RUSAGE_SELF), os.getloadavg()[0]
    extra = fn()
    w1, c1, s1, l1 = time.monotonic(), cpu(), cpu(resource.RUSAGE_SELF), os.getloadavg()[0]
    # the CPU time of the programs run, then this script's own (starting
    # them), and the load average (1 minute) before and after
    print("%-52s %7.2f s wall %7.2f s cpu (+%.2f s starting them; load %.1f-%.1f)%s"
          % (label, w1 - w0, c1 - c0, s1 - s0, l0, l1, extra or ""))
    sys.stdout.flush()


def run(cmd, cwd, ok=(0,)):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode not in ok:
        sys.exit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr.decode()))
    return p.stdout.decode()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--redline", default="./redline")
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--keep", help="build the corpora here and keep them")
    a = ap.parse_args()
    bin_ = os.path.abspath(a.redline)
    work = a.keep or tempfile.mkdtemp(prefix="redline-bench-")
    os.environ.update(GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.org",
                      GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.org",
                      GIT_COMMITTER_DATE="2026-04-01T12:00:00Z")
    try:
        src = os.path.join(work, "in")
        subprocess.run([sys.executable, os.path.join(HERE, "corpus_gen.py"), src, str(a.n)],
                       check=True)
        files = sorted(os.path.join(src, f) for f in os.listdir(src))
        one, all_, git = (os.path.join(work, d) for d in ("one", "all", "git"))
        for d in (one, all_):
            run([bin_, "init", d], work)
        timed("add, one document per call (%d calls)" % a.n,
              lambda: [run([bin_, "add", f], one) for f in files] and None)
        timed("add, all %d documents in one call" % a.n, lambda: run([bin_, "add"] + files, all_) and None)
        os.makedirs(git)
        run(["git", "init", "-q"], git)

        def git_adds():
            for f in files:
                shutil.copy(f, git)
                run(["git", "add", os.path.basename(f)], git)
                run(["git", "commit", "-q", "-m", "Add " + os.path.basename(f)], git)
        timed("for scale: git add + git commit per document", git_adds)
        for name, d in (("one-per-call", one), ("all-in-one-call", all_)):
            timed("log doc0000.txt (%s corpus)" % name, lambda: run([bin_, "log", "doc0000.txt"], d) and None)
            timed("check --fail-on deleted (%s corpus)" % name,
                  lambda: run([bin_, "check", "--fail-on", "deleted"], d, ok=(0, 1)) and None)
            p = subprocess.run([bin_, "trace", "doc0000.txt", "--para", "1"], cwd=d,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if p.returncode:
                print("trace: not available (%s)" % p.stderr.decode().strip())
                continue
            steps = []
            timed("trace doc0000.txt --para 1 over %d documents (%s)" % (a.n, name),
                  lambda: steps.append(run([bin_, "trace", "doc0000.txt", "--para", "1"], d)))
            print("  %d steps" % sum(1 for l in steps[0].splitlines() if l.startswith("== ")))
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
