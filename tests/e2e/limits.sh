# Limits: inputs over --max-size (256M by default) are refused before they
# are read, with a message that names the limit and the option; inputs that
# stress one dimension finish in bounded time (timeout, generous for
# sanitizer builds and a loaded machine).
gym=fixtures/2021-09-gymnich-report.txt

# a 1 GB file (sparse: nothing to write) is refused at once by every command
truncate -s 1G "$tmp/huge.txt"
for cmd in "diff $tmp/huge.txt $gym" "diff $gym $tmp/huge.txt" "paragraphs $tmp/huge.txt" \
           "report $gym $tmp/huge.txt"; do
	# shellcheck disable=SC2086
	run 2 timeout 10 "$bin" $cmd
	expect "$tmp/err" "^redline: .*huge.txt: file of 1073741824 bytes is over the limit of 268435456 bytes; --max-size=SIZE raises the limit \(at most 4G\)$"
	lines "$tmp/err" 1
done
rm -f "$tmp/huge.txt"

# --max-size lowers and raises the limit; standard input is counted as it comes
run 2 "$bin" diff --max-size=1K "$gym" "$gym"
expect "$tmp/err" "gymnich-report.txt: file of 5537 bytes is over the limit of 1024 bytes; --max-size"
run 0 "$bin" diff --max-size=6K "$gym" "$gym"
run 2 sh -c "cat '$gym' | '$bin' diff --max-size=2000 - '$gym'"
expect "$tmp/err" "^redline: standard input: input is over the limit of 2000 bytes; --max-size=SIZE raises"
run 2 sh -c "cat '$gym' | '$bin' similarity --max-size=100"
expect "$tmp/err" "^redline: standard input: input is over the limit of 100 bytes; --max-size"
run 0 "$bin" paragraphs --max-size=4G "$gym"
# the corpus: documents added from files, and REV:NAME, within the limit too
(
	export GIT_COMMITTER_DATE="2026-04-01T12:00:00+02:00"
	export GIT_AUTHOR_NAME="Redline Test" GIT_AUTHOR_EMAIL="test@example.org"
	run 0 "$bin" init "$tmp/lc"
	cd "$tmp/lc" || exit 2
	run 2 "$bin" add --max-size=1K --as g.txt --date 2021-09-01 "$top/$gym"
	expect "$tmp/err" "gymnich-report.txt: file of 5537 bytes is over the limit of 1024 bytes; --max-size"
	run 0 "$bin" add --as g.txt --date 2021-09-01 "$top/$gym"
	run 2 "$bin" diff --max-size=1K HEAD:g.txt "$top/$gym"
	expect "$tmp/err" "^redline: HEAD:g.txt: document of 5537 bytes is over the limit of 1024 bytes; --max-size"
	run 0 "$bin" diff HEAD:g.txt "$top/$gym"
	echo "$pass $fail" >"$tmp/lc.counts"
)
read -r pass fail <"$tmp/lc.counts"
for bad in 0 5G 12X -3 ""; do
	run 2 "$bin" diff --max-size="$bad" "$gym" "$gym"
	expect "$tmp/err" "^redline: diff: --max-size needs a size from 1 to 4G"
done
run 0 "$bin" diff --help
expect "$tmp/out" "--max-size=SIZE +refuse inputs over SIZE bytes"

# one paragraph of 10 MB without a line break (semantic changes on)
python3 tests/e2e/limits_gen.py longpara "$tmp/lp.old" "$tmp/lp.new"
run 1 timeout 300 "$bin" diff "$tmp/lp.old" "$tmp/lp.new"
expect "$tmp/out" "^summary: 1 edited"
run 0 timeout 120 "$bin" paragraphs --no-sentences "$tmp/lp.old"
expect "$tmp/out" "^1 paragraphs$"
rm -f "$tmp/lp.old" "$tmp/lp.new"

# a million one-word paragraphs
python3 tests/e2e/limits_gen.py million "$tmp/m.old" "$tmp/m.new"
run 1 timeout 300 "$bin" diff --format=json "$tmp/m.old" "$tmp/m.new"
expect "$tmp/out" "\"equal\": 999000"
run 0 timeout 120 "$bin" paragraphs --no-sentences "$tmp/m.new"
expect "$tmp/out" "^1000000 paragraphs$"
rm -f "$tmp/m.old" "$tmp/m.new"

# all one sentence: as one paragraph, and as 140,000 equal paragraphs
python3 tests/e2e/limits_gen.py repeat "$tmp/r.old" "$tmp/r.new"
run 1 timeout 300 "$bin" diff "$tmp/r.old" "$tmp/r.new"
expect "$tmp/out" "^summary: 1 edited; changes: .*negation"
python3 tests/e2e/limits_gen.py repeatparas "$tmp/r.old" "$tmp/r.new"
run 1 timeout 300 "$bin" diff "$tmp/r.old" "$tmp/r.new"
expect "$tmp/out" "^summary: 139999 equal, 1 edited"
run 1 timeout 300 "$bin" diff --mode=related --format=json "$tmp/r.old" "$tmp/r.new"
expect "$tmp/out" "\"mode\": \"related\""
rm -f "$tmp/r.old" "$tmp/r.new"
