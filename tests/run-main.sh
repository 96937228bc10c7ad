#!/bin/sh
# The main job: the 2021 Franco-Dutch joint declaration against the later
# texts of the fixtures.
bin=${1:-./redline}
decl=fixtures/2021-08-declaration-france-netherlands.txt
for later in fixtures/2021-09-gymnich-report.txt \
             fixtures/2022-03-news-government-consultation-paris.txt \
             fixtures/2022-04-news-belgium-netherlands-defence-ghent.txt \
             fixtures/2023-01-news-nato-eu-joint-declaration.txt \
             fixtures/2026-03-letter-nuclear-deterrence-dialogue.txt; do
	echo "######## $decl -> $later"
	"$bin" diff --color=never "$decl" "$later"
	[ $? -le 1 ] || exit 2
done
