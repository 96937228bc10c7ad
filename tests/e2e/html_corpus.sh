# HTML pages of the corpus commands: trace --format=html (a dated timeline
# of the passages), check --format=html (verdicts, violations, each
# document's diff), diff REV1 REV2 and diff REV:NAME REV:NAME as HTML; the
# heatmap as a real OLD × NEW matrix; hostile document text stays text.
# The DOM is checked in headless Chromium when it is there.
export GIT_COMMITTER_DATE="2026-04-01T12:00:00+02:00"
export GIT_AUTHOR_NAME="Redline Test" GIT_AUTHOR_EMAIL="test@example.org"
export GIT_COMMITTER_NAME="Redline Test" GIT_COMMITTER_EMAIL="test@example.org"
fx="$top/fixtures"
hc="$tmp/htmlcorpus"
"$bin" init "$hc" >/dev/null
cd "$hc" || exit 2
"$bin" add --as declaration.txt --date 2021-08-31 "$fx/2021-08-declaration-france-netherlands.txt" >/dev/null
"$bin" add --date 2023-01-24 "$fx/2023-01-news-nato-eu-joint-declaration.txt" >/dev/null
"$bin" add "$fx/2022-03-news-government-consultation-paris.txt" "$fx/2026-03-letter-nuclear-deterrence-dialogue.txt" >/dev/null
# hostile text: markup, quotes that would end an attribute, a javascript: link
hostile='Nederland en Frankrijk erkennen <script>document.documentElement.setAttribute("data-pwned","1")</script> dat de NAVO de hoeksteen is van het collectieve defensiebeleid van beide landen, en onderstrepen zij het strategisch concept van de NAVO en een krachtige samenwerking tussen de EU en de NAVO "><img src=x onerror="document.documentElement.setAttribute(&quot;data-pwned&quot;,&quot;2&quot;)"> en <a href="javascript:document.documentElement.setAttribute(1,2)">klik</a> '"'"' onmouseover='"'"'x.'
printf 'Notitie over veiligheid, 5 mei 2024\n\n%s\n\nDe begroting voor defensie stijgt met 5 procent.\n' "$hostile" >hostile.txt
"$bin" add --date 2024-05-05 hostile.txt >/dev/null

html_checks() { # FILE LABEL: one self-contained page that loads nothing
	if [ "$(grep -c '<!DOCTYPE html>' "$1")" -eq 1 ]; then ok; else bad "$2: not one HTML page"; fi
	expect "$1" "default-src 'none'"
	reject "$1" '(src|href|action)="?(https?|javascript):'
	reject "$1" 'url\(|@import'
	if [ "$(grep -o '<script' "$1" | wc -l)" -eq 1 ]; then ok; else bad "$2: more than the report's script"; fi
	reject "$1" '<script>document|<img src=x|<a href="javascript'
	expect "$1" '&lt;script&gt;document.documentElement.setAttribute\(&quot;data-pwned&quot;'
}

# ---- trace -------------------------------------------------------------------
run 0 "$bin" trace declaration.txt --para 21 --format=json
cp "$tmp/out" "$tmp/trace.json"
run 0 "$bin" trace declaration.txt --para 21 --format=html
cp "$tmp/out" "$tmp/trace.html"
html_checks "$tmp/trace.html" trace
expect "$tmp/trace.html" '<title>redline trace: declaration.txt ¶21</title>'
expect "$tmp/trace.html" '<figure class="trace-axis"><h3>Timeline</h3><svg '
# one dot and one step per passage, in the JSON's (date) order, each step's
# badges as many as its changes
python3 - "$tmp/trace.json" "$tmp/trace.html" <<'PY' && ok || bad "trace html does not match the trace"
import html, json, re, sys
steps = json.load(open(sys.argv[1]))["steps"]
page = open(sys.argv[2]).read()
assert len(steps) >= 4, len(steps)
assert len(re.findall(r'<a href="#s\d+"><circle class="h\d', page)) == len(steps)
# each dot's tooltip: the step's date, name and paragraph
titles = re.findall(r'<title>([^<]*)</title></circle>', page)
assert len(titles) == len(steps), titles
for s, t in zip(steps, titles):
    want = f'{s["date"][:10]} {html.escape(s["name"], quote=True)} \u00b6{s["paragraph"] + 1}'
    assert t.startswith(want), (t, want)
lis = re.findall(r'<li class="step[^"]*" id="s(\d+)">(.*?)</li>', page, re.S)
assert [int(i) for i, _ in lis] == list(range(1, len(steps) + 1)), [i for i, _ in lis]
for s, (i, body) in zip(steps, lis):
    assert f'<time datetime="{s["date"][:10]}">' in body, (s["date"], body[:200])
    assert html.escape(s["name"], quote=True) in body, s["name"]
    assert len(re.findall(r'<a class="badge t-', body)) == len(s.get("changes", [])), s["name"]
    if s["followed"]:
        assert "the followed passage" in body
    else:
        assert "similarity %.2f" % s["similarity"] in body, s["similarity"]
        # the word diff against the step before rebuilds this passage
        p = re.search(r'<p class="passage"[^>]*>(.*?)</p>', body, re.S).group(1)
        new = re.sub(r"<del[^>]*>.*?</del>", "", p, flags=re.S)
        new = html.unescape(re.sub(r"</?ins[^>]*>", "", new))
        assert new.strip() == s["text"].strip(), (s["name"], new[:80], s["text"][:80])
names = [s["name"] for s in steps]
assert "hostile.txt" in names, names
PY
run 2 "$bin" trace declaration.txt --para 21 --format=xml
expect "$tmp/err" "unknown format 'xml' \(text, json, html\)"

# ---- check ---------------------------------------------------------------------
sed 's/5 procent/7 procent/' hostile.txt >h2 && mv h2 hostile.txt
python3 "$top/tests/e2e/edit_news.py" "$fx/2022-03-news-government-consultation-paris.txt" 2022-03-news-government-consultation-paris.txt
"$bin" add hostile.txt 2022-03-news-government-consultation-paris.txt >/dev/null
run 1 "$bin" check --fail-on number,deleted --format=json
cp "$tmp/out" "$tmp/check.json"
run 1 "$bin" check --fail-on number,deleted --format=html
cp "$tmp/out" "$tmp/check.html"
html_checks "$tmp/check.html" check
expect "$tmp/check.html" '<title>redline check failed: HEAD\^ → HEAD</title>'
expect "$tmp/check.html" '<span class="res fail">FAILED</span> 2 of 2 documents failed'
python3 - "$tmp/check.json" "$tmp/check.html" <<'PY' && ok || bad "check html does not match the check"
import html, json, re, sys
r = json.load(open(sys.argv[1]))
page = open(sys.argv[2]).read()
docs = r["documents"]
assert len(docs) == 2, docs
rows = re.findall(r'<tr class="(pass|fail|skip)"><td><span class="res \w+">(\w+)</span></td><td><a href="#d(\d+)">(.*?)</a>', page)
assert [(html.unescape(n), v) for _, v, _, n in rows] == [(d["name"], {"failed": "FAIL", "passed": "PASS", "skipped": "SKIP"}[d["result"]]) for d in docs], rows
for i, d in enumerate(docs, 1):
    assert f'<article class="doc fail" id="d{i}">' in page
    vs = re.findall(rf'<li class="chg" id="d{i}-v\d+">(.*?)</li>', page, re.S)
    assert len(vs) == len(d["violations"]), (d["name"], len(vs))
    for v, jv in zip(vs, d["violations"]):
        assert html.escape(jv["message"], quote=True) in v, (v, jv["message"])
        href = re.search(r'<a href="#(c\d+-l\d+)">', v)
        assert href and f'id="{href.group(1)}"' in page, v
    # each document's diff: its section, its heatmap
    assert f'<section class="cmp" id="c{i}">' in page
assert page.count("<svg viewBox=") == 2
assert 'number</b>5 → 7' in page or 'number</b>5 procent → 7 procent' in page, "number badge"
PY
run 0 "$bin" check --format=html HEAD^ HEAD
expect "$tmp/out" 'No policy: neither a .redline file nor flags set a rule'
expect "$tmp/out" '<span class="res pass">PASSED</span>'

# ---- diff of revisions and of REV:NAME as HTML ---------------------------------
run 1 "$bin" diff --format=html HEAD~3 HEAD
cp "$tmp/out" "$tmp/revs.html"
html_checks "$tmp/revs.html" "diff REV1 REV2"
expect "$tmp/revs.html" '<title>redline: 3 documents changed from HEAD~3 to HEAD</title>'
if [ "$(grep -c '<section class="cmp" id="c[0-9]*">' "$tmp/revs.html")" -eq 3 ]; then ok; else bad "diff REV1 REV2: not 3 sections"; fi
expect "$tmp/revs.html" '<a href="#c1">HEAD~3:2022-03-news-government-consultation-paris.txt → HEAD:2022-03-news-government-consultation-paris.txt</a>'
run 1 "$bin" diff --format=html HEAD~3 HEAD hostile.txt
if [ "$(grep -c '<section class="cmp"' "$tmp/out")" -eq 1 ]; then ok; else bad "diff REV1 REV2 NAME: not one section"; fi
run 1 "$bin" diff --format=markdown HEAD~3 HEAD
if [ "$(grep -c '^### ' "$tmp/out")" -eq 3 ]; then ok; else bad "diff REV1 REV2 as markdown: not 3 sections"; fi
run 1 "$bin" diff --format=html HEAD~1:hostile.txt HEAD:hostile.txt
cp "$tmp/out" "$tmp/revname.html"
html_checks "$tmp/revname.html" "diff REV:NAME"
expect "$tmp/revname.html" '<h2>HEAD~1:hostile.txt → HEAD:hostile.txt</h2>'
expect "$tmp/revname.html" '<div class="pair chg k-edited" id="c1-l[0-9]+">'
expect "$tmp/revname.html" '<del>5</del>.*<ins>7</ins>'
run 0 "$bin" diff --format=html HEAD HEAD
expect "$tmp/out" '^no document changed between HEAD and HEAD$'

# ---- the heatmap: the OLD × NEW matrix, not only the links ----------------------
cd "$top" || exit 2
decl="$fx/2021-08-declaration-france-netherlands.txt"
run 1 "$bin" report --mode=related "$decl" "$fx/2021-09-gymnich-report.txt"
python3 - "$tmp/out" <<'PY' && ok || bad "related heatmap is not a matrix"
import re, sys
svg = re.search(r"<svg .*?</svg>", open(sys.argv[1]).read(), re.S).group(0)
cells = re.findall(r'(<a href="#c1-l\d+">)?<rect class="h(\d)" x="\d+" y="\d+" width="\d+" height="\d+"><title>([^<]*)</title>', svg)
linked = [c for c in cells if c[0]]
unlinked = [c for c in cells if not c[0]]
assert linked and len(unlinked) > 5 * len(linked), (len(linked), len(unlinked))
assert all(t.endswith(", not linked") for _, _, t in unlinked)
# the colour follows the similarity in the title
for _, b, t in cells:
    v = float(re.search(r"similarity (\d\.\d\d)", t).group(1))
    assert int(b) == min(9, int(v * 10 + 1e-9)) or abs(v * 10 - round(v * 10)) < 0.06, (b, t)
# related links reach the threshold (0.40): their cells are dark
assert all(int(b) >= 4 for _, b, _ in linked), linked
PY
run 1 "$bin" diff --format=text "$decl" "$fx/2021-09-gymnich-report.txt"
reject "$tmp/out" 'svg'

# ---- in a browser -------------------------------------------------------------
if ! why=$(sh tests/setup-tools.sh chromium); then
	echo "html_corpus: browser checks skipped, no browser: $why"
else
	for page in trace check revs revname; do
		chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
			--disable-component-update --disable-sync --no-first-run --disable-quic \
			--user-data-dir="$(mktemp -d "$tmp/profile.XXXXXX")" \
			--dump-dom "file://$tmp/$page.html" >"$tmp/$page.dom" 2>/dev/null
		expect "$tmp/$page.dom" 'data-rl-ready="[0-9.]+"'   # the script ran
		reject "$tmp/$page.dom" 'data-pwned="'             # and nothing else did
		if [ "$(grep -o '<script' "$tmp/$page.dom" | wc -l)" -eq 1 ]; then ok; else bad "$page DOM: more than one script"; fi
	done
	expect "$tmp/trace.dom" '<span id="rl-pos">[0-9]+ changes</span>'
	n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["steps"]))' "$tmp/trace.json")
	if [ "$(grep -o '<li class="step' "$tmp/trace.dom" | wc -l)" -eq "$n" ] &&
	   [ "$(grep -o '<circle class="h' "$tmp/trace.dom" | wc -l)" -eq "$n" ]; then ok
	else bad "trace DOM lacks $n steps and dots"; fi
	expect "$tmp/check.dom" '<table class="checks">'
	expect "$tmp/check.dom" '<div class="side old">'
	# without JavaScript the pages read the same
	python3 tests/e2e/cdp.py nojs "$tmp/trace.html" >"$tmp/trace.nojs" 2>&1
	reject "$tmp/trace.nojs" 'data-rl-ready="'
	if [ "$(grep -o '<li class="step' "$tmp/trace.nojs" | wc -l)" -eq "$n" ]; then ok; else bad "trace without JavaScript lacks steps"; fi
	python3 tests/e2e/cdp.py nojs "$tmp/check.html" >"$tmp/check.nojs" 2>&1
	expect "$tmp/check.nojs" '<span class="res fail">FAILED</span>'
	# n / p walk a trace's steps and a check's violations, then its pairs
	for page in trace check; do
		python3 tests/e2e/cdp.py keys "$tmp/$page.html" >"$tmp/$page.keys" 2>&1
		if [ -n "$(sed -n 's/^expected //p' "$tmp/$page.keys")" ] &&
		   [ "$(sed -n 's/^after_nnnp //p' "$tmp/$page.keys")" = "$(sed -n 's/^expected //p' "$tmp/$page.keys")" ]; then ok
		else bad "n/p on the $page page: $(cat "$tmp/$page.keys")"; fi
	done
	expect "$tmp/check.keys" '^after_nnnp d1-v0 '
fi
