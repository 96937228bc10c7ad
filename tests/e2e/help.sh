# --help of every command lists every option of every option table, and the
# manual page documents every command and option (tests/e2e/help_check.py
# derives them from the program); the page renders without warnings.
python3 "$top/tests/e2e/help_check.py" "$bin" "$top/doc/redline.1" "$top/src" >"$tmp/help" 2>&1 ||
	bad "help_check.py: $(tail -3 "$tmp/help")"
while IFS= read -r line; do
	case $line in
	ok) ok ;;
	*) bad "$line" ;;
	esac
done <"$tmp/help"

# groff -ww: every warning; the page is ASCII, so no preprocessor is needed
if groff -ww -man -Tutf8 "$top/doc/redline.1" >"$tmp/man.txt" 2>"$tmp/man.err" && [ ! -s "$tmp/man.err" ]; then
	ok
else
	bad "groff -ww warns: $(head -c 300 "$tmp/man.err")"
fi
if LC_ALL=C grep -q '[^[:print:][:space:]]' "$top/doc/redline.1"; then bad "doc/redline.1 is not ASCII"; else ok; fi
expect "$tmp/man.txt" "git-diff-driver"
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man -l "$top/doc/redline.1" >"$tmp/man.txt" 2>"$tmp/man.err"
	if [ -s "$tmp/man.txt" ] && [ ! -s "$tmp/man.err" ]; then ok; else
		bad "man -l: $(head -c 300 "$tmp/man.err")"; fi
fi

# a command that states its own exit status does not get the general one
run 0 "$bin" git-diff-driver --help
expect "$tmp/out" "^exit status: 0 whether or not"
reject "$tmp/out" "0 same, 1 different"

# help for a command, and the help of an unknown one
run 0 "$bin" help diff
expect "$tmp/out" "^usage: redline diff"
run 2 "$bin" nosuchcommand
expect "$tmp/err" "^redline: 'nosuchcommand' is not a redline command"
