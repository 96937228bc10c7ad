# Bad input: one line naming the file, exit status 2.
printf 'abc\377def\n' >"$tmp/badutf8.txt"
run 2 "$bin" diff "$tmp/badutf8.txt" fixtures/2021-09-gymnich-report.txt
expect "$tmp/err" "^redline: .*badutf8.txt: invalid UTF-8 at byte 3$"
lines "$tmp/err" 1

printf 'ok\n\303\050\n' >"$tmp/badutf8b.txt"
run 2 "$bin" paragraphs "$tmp/badutf8b.txt"
expect "$tmp/err" "badutf8b.txt: invalid UTF-8 at byte 3"

printf 'text\000more' >"$tmp/nul.bin"
run 2 "$bin" diff fixtures/2021-09-gymnich-report.txt "$tmp/nul.bin"
expect "$tmp/err" "^redline: .*nul.bin: binary data \(NUL byte at byte 4\)$"

head -c 2000 /bin/sh >"$tmp/elf.bin"
run 2 "$bin" diff "$tmp/elf.bin" fixtures/2021-09-gymnich-report.txt
expect "$tmp/err" "elf.bin: (binary data|invalid UTF-8)"
lines "$tmp/err" 1

run 2 "$bin" diff "$tmp/does-not-exist.txt" fixtures/2021-09-gymnich-report.txt
expect "$tmp/err" "^redline: .*does-not-exist.txt: no such file$"

run 2 "$bin" diff "$tmp" fixtures/2021-09-gymnich-report.txt
expect "$tmp/err" "is a directory"
lines "$tmp/err" 1

if [ "$(id -u)" != 0 ]; then
	printf 'secret\n' >"$tmp/unreadable.txt"
	chmod 000 "$tmp/unreadable.txt"
	run 2 "$bin" diff "$tmp/unreadable.txt" fixtures/2021-09-gymnich-report.txt
	expect "$tmp/err" "unreadable.txt: cannot open: Permission denied"
else
	# root may open anything; /proc/self/mem opens but cannot be read at 0
	run 2 "$bin" diff /proc/self/mem fixtures/2021-09-gymnich-report.txt
	expect "$tmp/err" "^redline: /proc/self/mem: cannot read: Input/output error$"
fi
ln -s "$tmp/nowhere" "$tmp/dangling.txt"
run 2 "$bin" diff "$tmp/dangling.txt" fixtures/2021-09-gymnich-report.txt
expect "$tmp/err" "dangling.txt: no such file"

# empty files are valid input: two empty files are equal
: >"$tmp/empty1.txt"
: >"$tmp/empty2.txt"
run 0 "$bin" diff "$tmp/empty1.txt" "$tmp/empty2.txt"
run 1 "$bin" diff "$tmp/empty1.txt" fixtures/2022-03-news-government-consultation-paris.txt
expect "$tmp/out" "inserted"

# usage errors
run 2 "$bin" diff onlyone.txt
expect "$tmp/err" "expected two inputs"
run 2 "$bin" diff --format=xml a b
expect "$tmp/err" "unknown format 'xml'"
run 2 "$bin" diff --bogus a b
expect "$tmp/err" "unknown option --bogus"
run 2 "$bin" frobnicate
expect "$tmp/err" "'frobnicate' is not a redline command"
run 2 "$bin" diff --min-similarity=2 a b
expect "$tmp/err" "min-similarity"
