# The Markdown report read by GitHub's own parser (cmark-gfm): every pair
# shows exactly its words, deletions struck through and insertions in
# bold, and nothing in the documents turns into markup or links.
decl=fixtures/2021-08-declaration-france-netherlands.txt
news=fixtures/2022-03-news-government-consultation-paris.txt

# gfm_ok OLD NEW: render both ways and compare with the JSON edit script
gfm_ok() {
	"$bin" diff --format=markdown --all "$1" "$2" >"$tmp/g.md"
	[ $? -le 1 ] || { bad "markdown of $1 $2 failed"; return; }
	cmark-gfm --unsafe -e strikethrough -e table -e autolink "$tmp/g.md" >"$tmp/g.html"
	"$bin" diff --format=json "$1" "$2" >"$tmp/g.json"
	python3 tests/e2e/gfm_check.py "$tmp/g.html" "$tmp/g.json" >"$tmp/g.check" 2>&1
	if [ "$(cat "$tmp/g.check")" = ok ]; then ok; else bad "GitHub's rendering of $1 → $2: $(head -c 600 "$tmp/g.check")"; fi
}

if why=$(sh tests/setup-tools.sh cmark-gfm); then
	for f in fixtures/20*.txt; do
		gfm_ok "$decl" "$f"
	done
	gfm_ok "$news" "$decl"
	mkdir -p "$tmp/md"
	python3 tests/e2e/md_pairs.py "$tmp/md" 40
	i=0
	while [ $i -lt 40 ]; do
		gfm_ok "$tmp/md/$i-old.txt" "$tmp/md/$i-new.txt"
		i=$((i + 1))
	done
	# the report of several comparisons renders as sections and tables
	"$bin" report --mode=versions --format=markdown "$decl" "$news" fixtures/2021-09-gymnich-report.txt >"$tmp/r.md"
	cmark-gfm -e strikethrough -e table -e autolink "$tmp/r.md" >"$tmp/r.html"
	expect "$tmp/r.html" "^<h3>fixtures/2021-08-declaration-france-netherlands.txt → fixtures/2022-03"
	expect "$tmp/r.html" "^<th align=\"left\">paragraph links</th>"
	reject "$tmp/r.html" "raw HTML omitted|<a "
else
	echo "markdown: skipped the checks with GitHub's parser: $why"
fi
