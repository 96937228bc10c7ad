#!/bin/sh
# The main job: the 2021 Franco-Dutch joint declaration against the later
# texts of the fixtures, as text on standard output and as one HTML report.
bin=${1:-./redline}
decl=fixtures/2021-08-declaration-france-netherlands.txt
later="fixtures/2021-09-gymnich-report.txt
fixtures/2022-03-news-government-consultation-paris.txt
fixtures/2022-04-news-belgium-netherlands-defence-ghent.txt
fixtures/2023-01-news-nato-eu-joint-declaration.txt
fixtures/2026-03-letter-nuclear-deterrence-dialogue.txt"
for f in $later; do
	echo "######## $decl -> $f"
	"$bin" diff --color=never "$decl" "$f"
	[ $? -le 1 ] || exit 2
done
# shellcheck disable=SC2086 # one argument per later text
"$bin" report --title="The 2021 Franco-Dutch declaration and what came after" \
	"$decl" $later >report.html
[ $? -le 1 ] || exit 2
echo "report: $(pwd)/report.html"
