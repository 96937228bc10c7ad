# The HTML report in a real browser (headless Chromium): the DOM of the
# seeds report holds the side-by-side pairs, the heatmap and the badges;
# hostile documents run nothing; the page reads without JavaScript; n / p
# navigate; a 10 MB comparison loads without freezing.
decl=fixtures/2021-08-declaration-france-netherlands.txt
news=fixtures/2022-03-news-government-consultation-paris.txt
later="fixtures/2021-09-gymnich-report.txt $news
fixtures/2022-04-news-belgium-netherlands-defence-ghent.txt
fixtures/2023-01-news-nato-eu-joint-declaration.txt
fixtures/2026-03-letter-nuclear-deterrence-dialogue.txt"

chromium_run() {
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --disable-quic \
		--user-data-dir="$(mktemp -d "$tmp/profile.XXXXXX")" "$@" 2>/dev/null
}

# dom_count FILE CSS-LIKE-PATTERN: occurrences of an ERE in the dumped DOM
dom_count() {
	grep -oE -- "$2" "$1" | wc -l
}

if ! why=$(sh tests/setup-tools.sh chromium); then
	echo "html_browser: skipped, no browser: $why"
else
	# the seeds report: the declaration against each later text
	# shellcheck disable=SC2086
	"$bin" report --mode=versions "$decl" $later >"$tmp/seeds.html"
	chromium_run --dump-dom "file://$tmp/seeds.html" >"$tmp/seeds.dom"
	expect "$tmp/seeds.dom" 'data-rl-ready="[0-9.]+"'          # the script ran
	expect "$tmp/seeds.dom" '<span id="rl-pos">[0-9]+ changes</span>'
	if [ "$(dom_count "$tmp/seeds.dom" '<section class="cmp" id="c[1-5]">')" -eq 5 ]; then ok; else bad "seeds DOM lacks 5 comparisons"; fi
	# side-by-side pairs: every row has an old and a new side
	pairs=$(dom_count "$tmp/seeds.dom" '<div class="pair[ "]')
	olds=$(dom_count "$tmp/seeds.dom" '<div class="side old')
	news_=$(dom_count "$tmp/seeds.dom" '<div class="side new')
	if [ "$pairs" -gt 10 ] && [ "$pairs" -eq "$olds" ] && [ "$pairs" -eq "$news_" ]; then ok
	else bad "seeds DOM: $pairs pairs, $olds old sides, $news_ new sides"; fi
	expect "$tmp/seeds.dom" '<div class="blk chg k-deleted" id="c1-l[0-9]+">'
	# the heatmaps: one SVG per comparison, cells linking to pairs that exist
	if [ "$(dom_count "$tmp/seeds.dom" '<svg viewBox=')" -eq 5 ]; then ok; else bad "seeds DOM lacks 5 heatmaps"; fi
	grep -oE '<a href="#c[0-9]+-l[0-9]+"><rect' "$tmp/seeds.dom" | sed 's/.*#\([^"]*\)".*/\1/' | sort -u >"$tmp/cells"
	missing=0
	while read -r id; do
		grep -q "id=\"$id\"" "$tmp/seeds.dom" || missing=$((missing + 1))
	done <"$tmp/cells"
	if [ -s "$tmp/cells" ] && [ "$missing" -eq 0 ]; then ok; else bad "heatmap cells: $(wc -l <"$tmp/cells") targets, $missing missing"; fi
	# badges: as many as the semantic changes of the five comparisons, each
	# in its pair's header, plus the legend's sample
	changes=0
	for f in $later; do
		n=$("$bin" diff --mode=versions --format=json "$decl" "$f" | python3 -c 'import json,sys; print(sum(len(l["changes"]) for l in json.load(sys.stdin)["links"]))')
		changes=$((changes + n))
	done
	badges=$(dom_count "$tmp/seeds.dom" '<a class="badge t-[a-z_]+" id="c[0-9]+-l[0-9]+-x[0-9]+"')
	if [ "$badges" -eq "$changes" ]; then ok; else bad "$badges badges in the DOM for $changes changes"; fi
	expect "$tmp/seeds.dom" '<span class="badge t-number"><b>number</b>55% → 60%</span>'
	# the documents' own web addresses are text, and nothing was fetched
	expect "$tmp/seeds.dom" 'https://www.rijksoverheid.nl/documenten'
	reject "$tmp/seeds.dom" '(src|href)="https?:'

	# without JavaScript: the same pairs, no navigation widgets
	python3 tests/e2e/cdp.py nojs "$tmp/seeds.html" >"$tmp/nojs.dom" 2>&1
	reject "$tmp/nojs.dom" 'data-rl-ready="'
	expect "$tmp/nojs.dom" '<span id="rl-pos" hidden="">'
	if [ "$(dom_count "$tmp/nojs.dom" '<div class="pair[ "]')" -eq "$pairs" ]; then ok; else bad "the page without JavaScript lacks pairs"; fi

	# hostile documents: their markup stays text and none of it runs
	mkdir -p "$tmp/hostile"
	printf '%s\n\n%s\n' "Een gewone eerste alinea met genoeg woorden om te kunnen vergelijken." \
		"Oud <script>document.documentElement.setAttribute('data-pwned','1')</script> en <img src=x onerror=\"document.documentElement.setAttribute('data-pwned','2')\"> en \"><svg onload=\"document.documentElement.setAttribute('data-pwned','3')\">." \
		>"$tmp/hostile/old.txt"
	printf '%s\n\n%s\n' "Een gewone eerste alinea met genoeg woorden om te kunnen vergelijken." \
		"Nieuw <script>document.documentElement.setAttribute('data-pwned','4')</script> en <a href=\"javascript:document.documentElement.setAttribute('data-pwned','5')\">klik</a> en ' onmouseover='x." \
		>"$tmp/hostile/new.txt"
	"$bin" diff --format=html "$tmp/hostile/old.txt" "$tmp/hostile/new.txt" >"$tmp/hostile.html"
	chromium_run --dump-dom "file://$tmp/hostile.html" >"$tmp/hostile.dom"
	reject "$tmp/hostile.dom" 'data-pwned="'
	expect "$tmp/hostile.dom" 'data-rl-ready='
	expect "$tmp/hostile.dom" '&lt;script&gt;document.documentElement.setAttribute'
	reject "$tmp/hostile.dom" '<(img|svg onload|a href="javascript)'
	if [ "$(dom_count "$tmp/hostile.dom" '<script')" -eq 1 ]; then ok; else bad "hostile DOM has more than the report's script"; fi

	# keyboard: n, n, n, p walk the changes in document order
	python3 tests/e2e/edit_news.py "$news" "$tmp/v2.txt"
	"$bin" diff --format=html "$news" "$tmp/v2.txt" >"$tmp/v2.html"
	python3 tests/e2e/cdp.py keys "$tmp/v2.html" >"$tmp/keys" 2>&1
	expect "$tmp/keys" '^ready True$'
	expect "$tmp/keys" '^changes 4$'
	if [ "$(sed -n 's/^after_nnnp //p' "$tmp/keys")" = "$(sed -n 's/^expected //p' "$tmp/keys")" ]; then ok
	else bad "n/p navigation: $(cat "$tmp/keys")"; fi
	expect "$tmp/keys" '^position change 2 of 4$'

	# print: the print stylesheet lays out every page of pairs
	chromium_run --no-pdf-header-footer --print-to-pdf="$tmp/seeds.pdf" "file://$tmp/seeds.html" >/dev/null
	if head -c 5 "$tmp/seeds.pdf" | grep -q '^%PDF-' && [ "$(wc -c <"$tmp/seeds.pdf")" -gt 100000 ]; then ok
	else bad "printing the seeds report gave no PDF"; fi

	# screenshot, as in the README
	chromium_run --hide-scrollbars --window-size=1400,1000 --screenshot="$tmp/report.png" "file://$tmp/seeds.html" >/dev/null
	if [ "$(wc -c <"$tmp/report.png")" -gt 20000 ]; then ok; else bad "screenshot missing or blank"; fi

	# a 10 MB comparison: it loads, paints early and answers scrolling and
	# keys at once, because pages outside the viewport are not laid out
	python3 tests/e2e/bigpair.py 10 fixtures "$tmp/big-old.txt" "$tmp/big-new.txt"
	"$bin" diff --format=html "$tmp/big-old.txt" "$tmp/big-new.txt" >"$tmp/big.html"
	python3 tests/e2e/cdp.py timing "$tmp/big.html" >"$tmp/timing" 2>&1
	echo "html_browser: 10 MB comparison ($(($(wc -c <"$tmp/big.html") / 1000000)) MB of HTML):" \
		"$(tr '\n' ' ' <"$tmp/timing")"
	python3 - "$tmp/timing" >"$tmp/timing.check" <<'PY'
import sys
t = dict(line.split() for line in open(sys.argv[1]) if len(line.split()) == 2)
limits = {"load_event_ms": 20000, "first_contentful_paint_ms": 5000,
          "scroll_middle_frame_ms": 1000, "scroll_end_frame_ms": 1000, "key_p_frame_ms": 2000}
bad = [f"{k} {t.get(k)} > {v}" for k, v in limits.items() if float(t.get(k, 1e9)) > v]
if float(t.get("pairs", 0)) < 5000:
    bad.append(f"only {t.get('pairs')} pairs")
print("\n".join(bad) or "ok")
PY
	expect "$tmp/timing.check" '^ok$'
	rm -f "$tmp"/big*
fi
