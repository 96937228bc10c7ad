# An installed program finds the data installed beside it (PREFIX/bin and
# PREFIX/share/redline) without REDLINE_DATA; the build tree finds data/.
mkdir -p "$tmp/prefix/bin" "$tmp/prefix/share/redline"
# the program itself, not tests/valgrind.sh's wrapper, which runs the build's
cp "${REDLINE_REAL:-$bin}" "$tmp/prefix/bin/redline"
cp -R data/lang "$tmp/prefix/share/redline/"
printf 'Gisteren sprak dr. Jansen met de minister over het beleid. Daarna ging hij naar huis.\n' \
	>"$tmp/abbr.txt"
run 0 env -u REDLINE_DATA "$tmp/prefix/bin/redline" --version
expect "$tmp/out" "^data: $tmp/prefix/share/redline\$"
# "dr." is a Dutch abbreviation in the data: two sentences, not three
run 0 env -u REDLINE_DATA "$tmp/prefix/bin/redline" paragraphs "$tmp/abbr.txt"
expect "$tmp/out" "^  2\. Daarna"
reject "$tmp/out" "^  3\."
run 0 env -u REDLINE_DATA "$bin" --version
expect "$tmp/out" "^data: $top/data\$"
# REDLINE_DATA wins; without the lists "dr." ends a sentence
REDLINE_DATA=$tmp/nowhere run 0 "$tmp/prefix/bin/redline" paragraphs "$tmp/abbr.txt"
expect "$tmp/out" "^  3\. Daarna"
rm -rf "$tmp/prefix"
