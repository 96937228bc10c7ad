#!/usr/bin/env python3
"""Check that the program, its option tables and its manual page agree.

    python3 tests/e2e/help_check.py REDLINE MANPAGE SRCDIR

Everything is derived from the program itself: the commands from
`redline --help`, each command's options from `redline COMMAND --help`, and
every option table (`cli_opt NAME[] = {...}`) from SRCDIR/cli*.c and
SRCDIR/cmd_*.c.  Checks:
  - every command's --help exits 0 and lists its options;
  - every entry of every option table appears in some command's --help;
  - the manual page has a section `.SS "redline COMMAND ..."` for every
    command and none for a command that does not exist;
  - every option of a command's --help (long and short) appears in the
    command's section, and every option the section defines (.TP tags)
    exists in the command's --help; the options every command has (--help)
    appear in the section "Options of every command" instead;
  - the global options appear under GLOBAL OPTIONS, every output format
    named in a --format help appears in the page, and the page has the
    sections a manual page needs.
Prints "ok" for each passed check and one line per problem.
"""
import glob
import os
import re
import subprocess
import sys

binary, manpage, srcdir = sys.argv[1:4]
OPT = re.compile(r"(?<![\w-])(--?[A-Za-z0-9][A-Za-z0-9-]*)")


def check(cond, problem):
    print("ok" if cond else problem)


def run(*args):
    return subprocess.run([binary, *args], capture_output=True, text=True)


def block(text, title):
    """The indented lines under `title:` up to the next blank line."""
    m = re.search(r"^%s:\n((?:[ \t]+\S.*\n?)+)" % re.escape(title), text, re.M)
    return m.group(1) if m else ""


def help_options(text):
    """Options in the left column of a help block: {option: help text}."""
    opts = {}
    for line in text.splitlines():
        s = line.strip()
        if not s.startswith("-"):
            continue
        parts = re.split(r"\s{2,}", s, maxsplit=1)
        for o in OPT.findall(parts[0]):
            opts[o] = parts[1] if len(parts) > 1 else ""
    return opts


def unroff(s):
    """Roff source to plain text, enough to find option names."""
    s = re.sub(r"\\f(\[[^]]*\]|.)", "", s)
    s = s.replace("\\-", "-").replace("\\(aq", "'").replace('"', "")
    return re.sub(r"^\.[A-Z]+ ?", "", s, flags=re.M)


# ---- the program -----------------------------------------------------------

top = run("--help")
check(top.returncode == 0 and top.stdout.startswith("usage: redline"),
      "redline --help failed: %s" % top.stderr)
commands = [l.split()[0] for l in block(top.stdout, "commands").splitlines() if l.strip()]
check(len(commands) >= 3, "too few commands in redline --help: %s" % commands)
global_opts = help_options(block(top.stdout, "global options"))
check({"-C", "--help", "--version"} <= set(global_opts),
      "global options missing from redline --help: %s" % sorted(global_opts))

cmd_opts = {}
for cmd in commands:
    r = run(cmd, "--help")
    check(r.returncode == 0 and r.stdout.startswith("usage: redline %s" % cmd),
          "redline %s --help: exit %d %s" % (cmd, r.returncode, r.stderr.strip()))
    opts = help_options(block(r.stdout, "options"))
    check("--help" in opts and "-h" in opts, "redline %s --help lacks -h, --help" % cmd)
    cmd_opts[cmd] = opts

# ---- the option tables in the source ----------------------------------------

table_opts = set()
for path in sorted(glob.glob(os.path.join(srcdir, "cli*.c")) +
                   glob.glob(os.path.join(srcdir, "cmd_*.c"))):
    src = open(path, encoding="utf-8").read()
    for body in re.findall(r"cli_opt\s+\w+\s*\[\s*\]\s*=\s*\{(.*?)\n\s*\};", src, re.S):
        table_opts.update("--" + n for n in re.findall(r'\{\s*"([a-z][a-z0-9-]*)"\s*,', body))
check(len(table_opts) >= 5, "found too few option tables in %s" % srcdir)
in_help = set().union(*(set(o) for o in cmd_opts.values()))
for o in sorted(table_opts):
    check(o in in_help, "option table entry %s is in no command's --help" % o)

# ---- the manual page ----------------------------------------------------------

roff = open(manpage, encoding="ascii").read()
sections = {}  # ("SH"|"SS", title) -> body
for m in re.finditer(r"^\.(SH|SS) (.*)\n((?:(?!\.S[HS] ).*\n)*)", roff, re.M):
    sections[(m.group(1), unroff(m.group(2)).strip())] = m.group(3)
man_cmds = {}
for (kind, title), body in sections.items():
    m = re.match(r"redline ([a-z][a-z0-9-]*)", title)
    if kind == "SS" and m:
        man_cmds[m.group(1)] = body
for need in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "GLOBAL OPTIONS",
             "OUTPUT FORMATS", "EXIT STATUS", "ENVIRONMENT", "GIT INTEGRATION", "SEE ALSO"):
    check(("SH", need) in sections, "manual page lacks the section %s" % need)
synopsis = unroff(sections.get(("SH", "SYNOPSIS"), ""))

common = set.intersection(*(set(o) for o in cmd_opts.values()))
every = unroff(sections.get(("SS", "Options of every command"), ""))
for o in sorted(common):
    check(re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(o), every),
          "manual page section \"Options of every command\" lacks %s" % o)
for tag in re.findall(r"^\.TP\n(.*)", sections.get(("SS", "Options of every command"), ""), re.M):
    for o in OPT.findall(unroff(tag)):
        check(o in common, "manual page documents %s for every command, which not all have" % o)
for cmd in commands:
    check(cmd in man_cmds, "manual page has no section .SS \"redline %s ...\"" % cmd)
    check(re.search(r"^redline %s\b" % re.escape(cmd), synopsis, re.M),
          "manual page SYNOPSIS lacks redline %s" % cmd)
    text = unroff(man_cmds.get(cmd, ""))
    for o in sorted(cmd_opts[cmd]):
        if o in common:
            continue
        check(re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(o), text),
              "manual page section of %s lacks %s" % (cmd, o))
    for tag in re.findall(r"^\.TP\n(.*)", man_cmds.get(cmd, ""), re.M):
        for o in OPT.findall(unroff(tag)):
            check(o in cmd_opts[cmd], "manual page documents %s %s, which --help lacks" % (cmd, o))
for cmd in sorted(man_cmds):
    check(cmd in commands, "manual page documents redline %s, which does not exist" % cmd)

whole = unroff(roff)
check(re.search(r"(?<![\w-])-h(?![\w-])", whole) and "--help" in whole,
      "manual page lacks -h, --help")
glob_text = unroff(sections.get(("SH", "GLOBAL OPTIONS"), ""))
for o in sorted(global_opts):
    check(re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(o), glob_text),
          "manual page GLOBAL OPTIONS lacks %s" % o)
for cmd, opts in cmd_opts.items():
    help_text = opts.get("--format", "")
    for word in re.findall(r"[a-z]+", help_text.split(":", 1)[-1]):
        if word in ("default", "or", "and", "output", "format"):
            continue
        check(re.search(r"\b%s\b" % word, whole),
              "manual page does not mention the format %s (%s --format)" % (word, cmd))
