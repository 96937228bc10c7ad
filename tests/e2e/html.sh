# redline diff --format=html|markdown and redline report: self-contained
# pages, escaping of hostile files, the report of several comparisons.
# (The browser checks are in html_browser.sh.)
decl=fixtures/2021-08-declaration-france-netherlands.txt
news=fixtures/2022-03-news-government-consultation-paris.txt
later="fixtures/2021-09-gymnich-report.txt $news
fixtures/2022-04-news-belgium-netherlands-defence-ghent.txt
fixtures/2023-01-news-nato-eu-joint-declaration.txt
fixtures/2026-03-letter-nuclear-deterrence-dialogue.txt"

# check_page FILE: one self-contained page whose CSP pins exactly its own
# style and script, loads nothing and links only inside itself.
check_page() {
	if python3 - "$1" >"$tmp/page" 2>&1 <<'PY'
import base64, hashlib, re, sys
h = open(sys.argv[1], encoding="utf-8").read()
bad = []
csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', h).group(1)
for tag, kind in (("style", "style-src"), ("script", "script-src")):
    blocks = re.findall(r"<%s>(.*?)</%s>" % (tag, tag), h, re.S)
    if len(blocks) != 1:
        bad.append(f"{len(blocks)} <{tag}> elements")
        continue
    digest = base64.b64encode(hashlib.sha256(blocks[0].encode()).digest()).decode()
    if f"{kind} 'sha256-{digest}'" not in csp:
        bad.append(f"{kind} does not pin the page's own {tag}")
if "default-src 'none'" not in csp:
    bad.append("CSP lacks default-src 'none'")
# resource references: attributes that load or link, CSS url() and @import
for m in re.finditer(r'\s(src|href|action|formaction|poster|data|srcset|xlink:href)\s*=\s*"([^"]*)"', h):
    if m.group(1) != "href" or not m.group(2).startswith("#"):
        bad.append(f"resource reference {m.group(0).strip()}")
if re.search(r"url\s*\(|@import", h):
    bad.append("CSS url() or @import")
if re.search(r'=\s*"?\s*(https?:|//)', h):
    bad.append("an http: or https: reference")
print("\n".join(bad) or "ok")
PY
	then
		expect "$tmp/page" "^ok$"
	else
		bad "check_page $1: $(cat "$tmp/page")"
	fi
}

# one comparison, every format
run 1 "$bin" diff --mode=versions --format=html "$news" "$decl"
cp "$tmp/out" "$tmp/one.html"
expect "$tmp/one.html" "^<!DOCTYPE html>"
expect "$tmp/one.html" '<div class="pair gap">'
expect "$tmp/one.html" '<svg viewBox='
expect "$tmp/one.html" '</html>'
check_page "$tmp/one.html"
run 1 "$bin" diff --mode=versions --format=markdown "$news" "$decl"
expect "$tmp/out" "^## fixtures/2022-03-news-government-consultation-paris\.txt → fixtures/2021-08"
expect "$tmp/out" "^\| paragraph links \| count \|$"
expect "$tmp/out" "^~~Nederland en Frankrijk gaan de banden verder aanhalen\."
run 1 "$bin" diff --format=md "$news" "$decl"
run 2 "$bin" diff --format=pdf "$news" "$decl"
expect "$tmp/err" "unknown format 'pdf' \(text, json, html, markdown\)"
run 0 "$bin" diff --format=html "$news" "$news"
expect "$tmp/out" "<strong>no differences</strong>"
run 0 "$bin" diff --format=markdown "$news" "$news"
expect "$tmp/out" "^No differences\.$"

# words, moves and their origin through the CLI
python3 tests/e2e/edit_news.py "$news" "$tmp/v2.txt"
run 1 "$bin" diff --format=html "$news" "$tmp/v2.txt"
expect "$tmp/out" "steeds <del>meer</del> op"
expect "$tmp/out" "steeds <ins>vaker</ins> op"
expect "$tmp/out" '<div class="pair chg k-moved" id="c1-l([0-9]+)">.*href="#c1-o\1">origin in old'
expect "$tmp/out" '<div class="mark" id="c1-o[0-9]+"><a class="mv" href="#c1-l[0-9]+">old ¶3 moved to new ¶6 ↓'
run 1 "$bin" diff --format=markdown "$news" "$tmp/v2.txt"
expect "$tmp/out" "steeds ~~meer~~\*\*vaker\*\* op Frankrijk"
expect "$tmp/out" "^### ¶6 moved from old ¶3"

# hostile text and names: shown as text, never markup
mkdir -p "$tmp/evil"
evil="$tmp/evil/\"><script>alert(1)<\\script>.txt"
printf '%s\n\n%s\n' "Een gewone eerste alinea met genoeg woorden om te kunnen vergelijken." \
	"Tekst <script>alert(2)</script> en \" onmouseover=\"alert(3) en javascript:alert(4) en <img src=x onerror=alert(5)>." >"$evil"
printf '%s\n\n%s\n' "Een gewone eerste alinea met genoeg woorden om te kunnen vergelijken." \
	"Andere <script>alert(6)</script> en ' onfocus='alert(7) en [x](javascript:alert(8)) en <b>vet</b>." >"$tmp/evil/new.txt"
run 1 "$bin" diff --format=html "$evil" "$tmp/evil/new.txt"
cp "$tmp/out" "$tmp/evil.html"
check_page "$tmp/evil.html"
if [ "$(grep -o '<script' "$tmp/evil.html" | wc -l)" -eq 1 ]; then ok; else bad "evil.html has a <script> of the documents'"; fi
reject "$tmp/evil.html" "<img|<b>vet|onmouseover=\"|onfocus='|alert\(1\)<"
expect "$tmp/evil.html" "&lt;script&gt;alert\((<del>2</del>)?\)&lt;/script&gt; en <del>&quot; onmouseover=&quot;</del>alert\("
expect "$tmp/evil.html" "<ins>&#39; onfocus=&#39;</ins>alert\("
expect "$tmp/evil.html" "img src=x onerror=alert"
expect "$tmp/evil.html" "&quot;&gt;&lt;script&gt;alert\(1\)&lt;\\\\script&gt;\.txt"
run 1 "$bin" diff --format=markdown "$evil" "$tmp/evil/new.txt"
expect "$tmp/out" '\\<script\\>alert\('
expect "$tmp/out" '<strong>\\\[x\\\]\(</strong>javascript:alert\('
reject "$tmp/out" '[^\\]<(script|b|img)'

# redline report: the declaration against every later text, one page
# shellcheck disable=SC2086
run 1 "$bin" report --mode=versions "$decl" $later
cp "$tmp/out" "$tmp/seeds.html"
check_page "$tmp/seeds.html"
expect "$tmp/seeds.html" "<title>redline: fixtures/2021-08-declaration-france-netherlands.txt against 5 texts</title>"
if [ "$(grep -o '<section class="cmp" id="c[0-9]*">' "$tmp/seeds.html" | wc -l)" -eq 5 ]; then ok; else bad "seeds report lacks 5 sections"; fi
expect "$tmp/seeds.html" '<li><a href="#c5">fixtures/2021-08-declaration-france-netherlands.txt → fixtures/2026-03'
# the documents' own URLs are text, not references
expect "$tmp/seeds.html" "https://www.rijksoverheid.nl/documenten"
# shellcheck disable=SC2086
run 1 "$bin" report --mode=versions --format=markdown --title="Seeds" "$decl" $later
expect "$tmp/out" "^## Seeds$"
if [ "$(grep -c '^### fixtures/2021-08-declaration' "$tmp/out")" -eq 5 ]; then ok; else bad "markdown seeds report lacks 5 sections"; fi
run 1 "$bin" report --format=text "$decl" "$news"
expect "$tmp/out" "^summary: "
run 0 "$bin" report "$news" "$news" "$news"
run 2 "$bin" report "$news"
expect "$tmp/err" "expected OLD and at least one NEW"
run 2 "$bin" report - "$news" - </dev/null
expect "$tmp/err" "only one input can be standard input"
run 2 "$bin" report --format=json "$decl" "$news"
expect "$tmp/err" "unknown format 'json'"
run 2 "$bin" report "$decl" "$tmp/missing.txt"
expect "$tmp/err" "missing.txt"
run 0 "$bin" report --help
expect "$tmp/out" "^usage: redline report \[OPTIONS\] OLD NEW\.\.\."
run 0 "$bin" --help
expect "$tmp/out" "^  report "
