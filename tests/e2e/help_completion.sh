# bash completion (completion/redline.bash): commands, every option of
# every command and option values come from the program's own --help;
# files, directories, languages, and REV:NAME documents of a git corpus.
comp() { # comp LINE... : the completions of each line, one line each
	bash -c '. "$1" || exit 1; shift
		for l; do COMP_LINE=$l; COMP_POINT=${#l}; COMPREPLY=(); _redline
			printf "%s " "${COMPREPLY[@]}"; echo; done' sh "$top/completion/redline.bash" "$@" >"$tmp/comp"
}
if bash -n "$top/completion/redline.bash"; then ok; else bad "completion/redline.bash: syntax"; fi

"$bin" --help | sed -n '/^commands:/,/^$/s/^  \([a-z][a-z0-9-]*\) .*/\1/p' >"$tmp/cmds"
comp "$bin "
for c in $(cat "$tmp/cmds"); do expect "$tmp/comp" "(^| )$c "; done
comp "$bin help di"
expect "$tmp/comp" "^diff \$"
for c in $(cat "$tmp/cmds"); do
	comp "$bin $c --"
	"$bin" "$c" --help | sed -n '/^options:/,/^$/p' | grep -oE -- '--[a-z0-9-]+=?' >"$tmp/opts"
	for o in $(cat "$tmp/opts"); do expect "$tmp/comp" "(^| )$o( |\$)"; done
done

comp "$bin diff --fo" "$bin diff --format=" "$bin diff --mode=v" "$bin diff --color=" \
	"$bin diff --changes=number,ne" "$bin diff --lang=" "$bin diff --min-similarity=" \
	"$bin report --format=m"
expect "$tmp/comp" "^--format= \$"
expect "$tmp/comp" "^text json html markdown \$"
expect "$tmp/comp" "^versions \$"
expect "$tmp/comp" "^auto always never \$"
expect "$tmp/comp" "^number,negation \$"
expect "$tmp/comp" "^([a-z]+ )*en ([a-z]+ )*nl ([a-z]+ )*\$"
lines "$tmp/comp" 8
expect "$tmp/comp" "^markdown \$"

# values listed in parentheses when the help has no other list; a help
# text that is no list gives none
bash -c '. "$1"; for h in "fail on these (deleted, inserted, ...)" "at least X (0..1)" \
	"colour: auto (default: on a terminal), always, never"; do
	_redline_values "$h" | tr "\n" " "; echo; done' sh "$top/completion/redline.bash" >"$tmp/comp"
expect "$tmp/comp" "^deleted inserted \$"
expect "$tmp/comp" "^\$"
expect "$tmp/comp" "^auto always never \$"

# hidden files only when asked for
mkdir -p "$tmp/hid"
: >"$tmp/hid/.secret"
: >"$tmp/hid/visible.txt"
comp "$bin diff $tmp/hid/" "$bin diff $tmp/hid/."
expect "$tmp/comp" "^$tmp/hid/visible\.txt \$"
expect "$tmp/comp" "^$tmp/hid/\.secret \$"
rm -rf "$tmp/hid"

# files, directories, and documents at a revision of a corpus (or :NAME,
# the work tree) in the repository around -C DIR
mkdir -p "$tmp/zqcorp/sub"
git init -q "$tmp/zqcorp"
printf 'Tekst.\n' >"$tmp/zqcorp/doc.txt"
printf 'Tekst.\n' >"$tmp/zqcorp/sub/memo.txt"
git -C "$tmp/zqcorp" add .
GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 git -C "$tmp/zqcorp" -c user.name=t \
	-c user.email=t@example.org commit -qm one
comp "$bin diff fixtures/2021-08" "$bin -C $tmp/zqco" "$bin -C $tmp/zqcorp diff HEAD:d" \
	"$bin -C $tmp/zqcorp diff doc.txt HEAD:sub/" "$bin -C $tmp/zqcorp show :"
expect "$tmp/comp" "^fixtures/2021-08-declaration-france-netherlands\.txt \$"
expect "$tmp/comp" "^$tmp/zqcorp \$"
expect "$tmp/comp" "^doc\.txt \$"
expect "$tmp/comp" "^sub/memo\.txt \$"
expect "$tmp/comp" "^doc\.txt sub/memo\.txt \$"
# the corpus commands: log NAME, show REV:NAME, check BASE, log --rev=REV
comp "$bin -C $tmp/zqcorp log " "$bin -C $tmp/zqcorp show HEAD:s" "$bin -C $tmp/zqcorp check " \
	"$bin -C $tmp/zqcorp log --rev=H"
expect "$tmp/comp" "^doc\.txt sub/memo\.txt \$"
expect "$tmp/comp" "^sub/memo\.txt \$"
expect "$tmp/comp" "^(main|master) HEAD \$"
expect "$tmp/comp" "^HEAD \$"

# operands and option values by the name the help gives them
bash -c '. "$1"; cd "$2" || exit 1
	for k in NAME REV:NAME BASE; do _redline_complete_kind . $k "" redline | tr "\n" " "; echo; done
	_redline_complete_kind . NAME "sub/" redline; _redline_complete_kind . REV:NAME "HEAD:s" redline' \
	sh "$top/completion/redline.bash" "$tmp/zqcorp" >"$tmp/comp"
expect "$tmp/comp" "^doc\.txt sub/memo\.txt \$"
expect "$tmp/comp" "^(main|master) HEAD \$"
expect "$tmp/comp" "^sub/memo\.txt\$"
expect "$tmp/comp" "^HEAD:sub/memo\.txt\$"
rm -rf "$tmp/zqcorp"
