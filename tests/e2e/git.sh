# git integration: redline as the external diff driver of *.txt files
# (diff.redline.command and .gitattributes) and as a difftool command, in a
# repository made here with fixed dates and no user or system git config.
news=$top/fixtures/2022-03-news-government-consultation-paris.txt
repo=$tmp/repo
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_PAGER=cat
export GIT_AUTHOR_DATE='2022-03-01T12:00:00Z' GIT_COMMITTER_DATE='2022-03-01T12:00:00Z'
g() {
	git -C "$repo" "$@"
}
git init -q "$repo"
g config user.name test
g config user.email test@example.org
g config diff.redline.command "$bin git-diff-driver"
echo '*.txt diff=redline' >"$repo/.gitattributes"
cp "$news" "$repo/doc.txt"
printf 'one\ntwo\n' >"$repo/notes.md"
g add .
g commit -qm first

# a changed document: a word changed, paragraphs moved, deleted, inserted
python3 "$top/tests/e2e/edit_news.py" "$news" "$repo/doc.txt"
printf 'one\nthree\n' >"$repo/notes.md"
run 0 g diff
expect "$tmp/out" "^diff --redline a/doc\.txt b/doc\.txt\$"
expect "$tmp/out" "^index [0-9a-f]{7}\.\.0000000 100644\$"
expect "$tmp/out" "^--- a/doc\.txt \([0-9]+ paragraphs\)\$"
expect "$tmp/out" "^\+\+\+ b/doc\.txt \([0-9]+ paragraphs\)\$"
expect "$tmp/out" "\[-meer-\]\{\+vaker\+\}"
expect "$tmp/out" "moved from old ¶3"
expect "$tmp/out" "^summary: .*1 edited.*1 moved"
# other files keep git's own diff
expect "$tmp/out" "^diff --git a/notes\.md b/notes\.md\$"
expect "$tmp/out" "^\+three\$"
reject "$tmp/out" "$(printf '\033')"
# git's --no-ext-diff still gives the line diff
run 0 g diff --no-ext-diff -- doc.txt
reject "$tmp/out" "diff --redline"
# show and log need --ext-diff, as for every external diff
g commit -qam second
run 0 g show --ext-diff --format=%s HEAD -- doc.txt
expect "$tmp/out" "^diff --redline a/doc\.txt b/doc\.txt\$"
expect "$tmp/out" "^index [0-9a-f]{7}\.\.[0-9a-f]{7} 100644\$"
expect "$tmp/out" "\{\+vaker\+\}"

# an added, a deleted and a renamed document (nine arguments)
printf 'Een nieuwe tekst over iets anders.\n\nMet een tweede alinea.\n' >"$repo/new.txt"
g add new.txt
run 0 g diff --cached
expect "$tmp/out" "^new file mode 100644\$"
expect "$tmp/out" "^--- /dev/null \(0 paragraphs\)\$"
expect "$tmp/out" "^\+\+\+ b/new\.txt \(2 paragraphs\)\$"
expect "$tmp/out" "^summary: 2 inserted\$"
g commit -qm third
g rm -q new.txt
run 0 g diff --cached
expect "$tmp/out" "^deleted file mode 100644\$"
expect "$tmp/out" "^\+\+\+ /dev/null \(0 paragraphs\)\$"
expect "$tmp/out" "^summary: 2 deleted\$"
g reset -q --hard
g mv doc.txt renamed.txt
sed 's/Frankrijk/Frankrijk en België/' "$repo/renamed.txt" >"$tmp/r" && cp "$tmp/r" "$repo/renamed.txt"
g add renamed.txt
run 0 g diff --cached -M
expect "$tmp/out" "^diff --redline a/doc\.txt b/renamed\.txt\$"
expect "$tmp/out" "^rename from doc\.txt\$"
expect "$tmp/out" "^\+\+\+ b/renamed\.txt"
expect "$tmp/out" "\{\+ ?en België ?\+\}"
grep '^index ' "$tmp/out" >"$tmp/index"
lines "$tmp/index" 1  # from git's rename message, not repeated
g reset -q --hard

# a document that is not text is named, and git goes on to the next file
printf 'abc\000def' >"$repo/bin.txt"
printf 'Nog een tekst.\n' >"$repo/zzz.txt"
g add bin.txt zzz.txt
run 0 g diff --cached
expect "$tmp/out" "^not compared: b/bin\.txt: "
expect "$tmp/out" "^diff --redline a/zzz\.txt b/zzz\.txt\$"
g reset -q --hard

# the driver run by hand: colour in git's pager, usage errors, unmerged paths
cp "$news" "$tmp/v1.txt"
sed 's/Frankrijk/Duitsland/' "$news" >"$tmp/v2.txt"
h1=1111111111111111111111111111111111111111
h2=2222222222222222222222222222222222222222
GIT_PAGER_IN_USE=true run 0 "$bin" git-diff-driver doc.txt "$tmp/v1.txt" $h1 100644 "$tmp/v2.txt" $h2 100755
expect "$tmp/out" "$(printf '\033')\[31;9m"
expect "$tmp/out" "^old mode 100644"
expect "$tmp/out" "^new mode 100755"
GIT_PAGER_IN_USE=true run 0 "$bin" git-diff-driver --color=never doc.txt "$tmp/v1.txt" $h1 100644 "$tmp/v2.txt" $h2 100644
reject "$tmp/out" "$(printf '\033')"
run 0 "$bin" git-diff-driver --mode=versions -- -odd.txt "$tmp/v1.txt" $h1 100644 "$tmp/v2.txt" $h2 100644
expect "$tmp/out" "^diff --redline a/-odd\.txt b/-odd\.txt\$"
run 0 "$bin" git-diff-driver doc.txt "$tmp/v1.txt" $h1 100644 "$tmp/v1.txt" $h1 100755
expect "$tmp/out" "^new mode 100755\$"
reject "$tmp/out" "^summary"
# the options of diff for text output, not the other formats
run 0 "$bin" git-diff-driver --changes=none --all doc.txt "$tmp/v1.txt" $h1 100644 "$tmp/v2.txt" $h2 100644
expect "$tmp/out" "equal"
run 2 "$bin" git-diff-driver --format=json doc.txt "$tmp/v1.txt" $h1 100644 "$tmp/v2.txt" $h2 100644
expect "$tmp/err" "unknown option"
run 0 "$bin" git-diff-driver doc.txt
expect "$tmp/out" "^\* Unmerged path doc\.txt\$"
run 2 "$bin" git-diff-driver doc.txt "$tmp/v1.txt"
expect "$tmp/err" "^redline: git-diff-driver: expected PATH OLD-FILE"
run 2 "$bin" git-diff-driver doc.txt "$tmp/missing.txt" $h1 100644 "$tmp/v2.txt" $h2 100644
expect "$tmp/err" "missing\.txt: no such file"

# git difftool -x 'redline diff', also for an added file (/dev/null); the
# driver is unset first, as git would run it instead of the difftool
g config --unset diff.redline.command
sed 's/Frankrijk/Duitsland/' "$repo/doc.txt" >"$tmp/r" && cp "$tmp/r" "$repo/doc.txt"
printf 'Een toegevoegde tekst.\n' >"$repo/added.txt"
g add -N added.txt
run 0 g difftool -y -x "$bin diff --color=never"
reject "$tmp/out" "^diff --redline"
expect "$tmp/out" "^--- .*/doc\.txt \([0-9]+ paragraphs\)\$"
expect "$tmp/out" "\[-Frankrijk-\]\{\+Duitsland\+\}"
expect "$tmp/out" "^--- /dev/null \(0 paragraphs\)\$"
expect "$tmp/out" "^summary: 1 inserted\$"
unset GIT_CONFIG_NOSYSTEM GIT_CONFIG_GLOBAL GIT_PAGER GIT_AUTHOR_DATE GIT_COMMITTER_DATE
rm -rf "$repo"
