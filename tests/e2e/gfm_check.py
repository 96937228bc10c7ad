#!/usr/bin/env python3
"""Check redline's Markdown against the edit script, through GitHub's own
Markdown implementation.

    redline diff --format=markdown --all OLD NEW | cmark-gfm --unsafe \
        -e strikethrough -e table -e autolink > OUT.html
    redline diff --format=json OLD NEW > OUT.json
    python3 tests/e2e/gfm_check.py OUT.html OUT.json

For every link, the rendered paragraph must hold exactly the link's words:
equal text as text, deletions inside <del>, insertions inside <strong>,
and no other markup, not even the links GitHub makes of web addresses in
text (white space, the ¶ marks of paragraph breaks and links of e-mail
addresses, which no escape prevents, aside).  Prints "ok" or what differs.
"""
import html
import json
import re
import sys

TOKEN = re.compile(r"<(/?)(del|strong)>|<[^>]*>|[^<]+")


def canon(s):
    return re.sub(r"[\s¶]+", "", s)


def expected(words):
    out = []
    for op, text in words:
        t = canon(text)
        if op == "=":
            out.append(t)
        elif t:
            out.append(("[-%s-]" if op == "-" else "{+%s+}") % t)
    return "".join(out)


def rendered(par):
    out, stack, bad = [], [], []
    for m in TOKEN.finditer(par):
        tok = m.group(0)
        if m.group(2):
            if m.group(1):
                if not stack or stack.pop() != m.group(2):
                    bad.append("unbalanced " + tok)
                out.append("-]" if m.group(2) == "del" else "+}")
            else:
                if stack:
                    bad.append("nested " + tok)
                stack.append(m.group(2))
                out.append("[-" if m.group(2) == "del" else "{+")
        elif re.fullmatch(r'<a href="mailto:[^"<>]*">|</a>', tok):
            pass  # GitHub links e-mail addresses whatever the escapes
        elif tok.startswith("<"):
            bad.append("markup " + tok)
        else:
            out.append(canon(html.unescape(tok)))
    s = re.sub(r"\[--\]|\{\+\+\}", "", "".join(out))
    return s, bad


def main():
    page = open(sys.argv[1], encoding="utf-8").read()
    links = json.load(open(sys.argv[2], encoding="utf-8"))["links"]
    # each link: a heading, maybe a paragraph of badges, then its words
    parts = re.split(r"<h[34]>[^<]*</h[34]>\n", page)[1:]
    problems = []
    if len(parts) != len(links):
        problems.append(f"{len(parts)} pairs shown, {len(links)} links")
    for i, (part, link) in enumerate(zip(parts, links)):
        pars = re.findall(r"<p>(.*?)</p>", part, re.S)
        if not pars:
            problems.append(f"link {i}: no paragraph")
            continue
        words = link.get("words")
        if not words:
            op = "-" if link["kind"] == "deleted" else "+"
            words = None
        got, bad = rendered(pars[-1])
        if words is None:
            want = None
            if not (got.startswith("[-" if op == "-" else "{+")):
                bad.append("whole paragraph not marked")
        else:
            want = expected(words)
        if want is not None and got != want:
            k = next((j for j in range(min(len(got), len(want))) if got[j] != want[j]),
                     min(len(got), len(want)))
            problems.append(f"link {i}: differs at {k}: got …{got[max(0, k - 40):k + 40]}… "
                            f"want …{want[max(0, k - 40):k + 40]}…")
        problems += [f"link {i}: {b}" for b in bad]
    print("\n".join(problems[:10]) or "ok")


if __name__ == "__main__":
    main()
