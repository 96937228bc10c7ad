# The corpus: init, add with dates, log, show, diff between revisions,
# REV:NAME everywhere, and every refusal with a one-line error and exit 2.
# Repositories are created here, in $tmp, with fixed signature times.
export GIT_COMMITTER_DATE="2026-04-01T12:00:00+02:00"
export GIT_AUTHOR_NAME="Redline Test" GIT_AUTHOR_EMAIL="test@example.org"
fx="$top/fixtures"
decl="$fx/2021-08-declaration-france-netherlands.txt"
letter="$fx/2021-09-letter-gymnich-with-declaration.txt"
paris="$fx/2022-03-news-government-consultation-paris.txt"
nato="$fx/2023-01-news-nato-eu-joint-declaration.txt"
deterrence="$fx/2026-03-letter-nuclear-deterrence-dialogue.txt"
c="$tmp/corpus"

# one line on stderr, exit 2
refused() {
	lines "$tmp/err" 1
	expect "$tmp/err" "^redline: $1"
}

run 0 "$bin" init "$c"
expect "$tmp/out" "Created a corpus in $c"
run 0 "$bin" init "$c"
expect "$tmp/out" "Already a corpus"
[ "$(git -C "$c" symbolic-ref HEAD)" = refs/heads/main ] && ok || bad "branch is not main"
cd "$c" || exit 2

# the declaration has no date in its text: --date
run 0 "$bin" add --as declaration.txt --date 2021-08-31 -m "Joint declaration" "$decl"
expect "$tmp/out" "^committed [0-9a-f]{12}$"
expect "$tmp/out" "added +declaration.txt  2021-08-31  [0-9]+ paragraphs"
# dates from the text: a metadata line, a "Datum" line; options after FILE
run 0 "$bin" add "$paris" "$deterrence" -m "Two later texts"
expect "$tmp/out" "2022-03-news-government-consultation-paris.txt  2022-03-01"
expect "$tmp/out" "2026-03-letter-nuclear-deterrence-dialogue.txt  2026-03-02"
run 0 "$bin" add --date 2023-01-24 "$nato"
# a new version of the declaration: the letter that contains it
run 0 "$bin" add --as declaration.txt --date 2021-09-06 "$letter"
expect "$tmp/out" "modified +declaration.txt"

# identical re-add: a no-op that says so
run 0 "$bin" add --as declaration.txt "$letter"
expect "$tmp/out" "unchanged declaration.txt \(identical to the stored version\)"
expect "$tmp/out" "nothing to commit"
[ "$(git rev-list --count HEAD)" = 4 ] && ok || bad "expected 4 commits"

# author date = document date, committer date = now (fixed here)
git log -1 --format='%ai|%ci' HEAD >"$tmp/dates"
expect "$tmp/dates" "^2021-09-06 00:00:00 \+0000\|2026-04-01 12:00:00 \+0200$"
git log --format='%ai %s' >"$tmp/gitlog"
expect "$tmp/gitlog" "^2021-08-31 00:00:00 \+0000 Joint declaration$"
# one commit, two dates: the older document gets a trailer
git log -1 --format=%B HEAD~2 >"$tmp/msg"
expect "$tmp/msg" "^Redline-Date: 2022-03-01T00:00:00\+00:00 2022-03-news-government-consultation-paris.txt$"
# an ordinary git repository: clean work tree, fsck --strict
git status --porcelain >"$tmp/status"
lines "$tmp/status" 0
if git fsck --strict >"$tmp/fsck" 2>&1; then ok; else bad "fsck: $(cat "$tmp/fsck")"; fi

# log: newest first, counts against the previous version
run 0 "$bin" log declaration.txt
lines "$tmp/out" 2
expect "$tmp/out" "^[0-9a-f]{12}  2021-09-06  [0-9]+ equal, [0-9]+ edited, 0 moved, [0-9]+ inserted, 0 deleted  Update declaration.txt$"
expect "$tmp/out" "^[0-9a-f]{12}  2021-08-31  new, [0-9]+ paragraphs  Joint declaration$"
run 0 "$bin" log
lines "$tmp/out" 5
expect "$tmp/out" "2026-03-02  2026-03-letter-nuclear-deterrence-dialogue.txt: new"
run 0 "$bin" log --format=json declaration.txt
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"]=="redline-log/1"; assert [v["status"] for v in d["versions"]]==["modified","added"]; assert d["versions"][0]["links"]["inserted"]>0' "$tmp/out"; then ok; else bad "log json"; fi
run 0 "$bin" log --rev HEAD~3
lines "$tmp/out" 1

# show: byte for byte, any revision form
run 0 "$bin" show HEAD~3:declaration.txt
cmp -s "$tmp/out" "$decl" && ok || bad "show HEAD~3 is not byte-identical"
run 0 "$bin" show declaration.txt
cmp -s "$tmp/out" "$letter" && ok || bad "show NAME is not HEAD:NAME"
first=$(git rev-list --max-parents=0 HEAD)
run 0 "$bin" show "$(echo "$first" | cut -c1-7):declaration.txt"
cmp -s "$tmp/out" "$decl" && ok || bad "show by commit prefix"
git tag v1 HEAD~1
run 0 "$bin" show v1:2023-01-news-nato-eu-joint-declaration.txt
cmp -s "$tmp/out" "$nato" && ok || bad "show by tag"
run 0 "$bin" show main:declaration.txt
run 0 "$bin" show :declaration.txt
cmp -s "$tmp/out" "$letter" && ok || bad "show :NAME is the work tree"

# REV:NAME wherever a file is accepted
run 1 "$bin" diff --color=never HEAD~3:declaration.txt HEAD:declaration.txt
expect "$tmp/out" "^--- HEAD~3:declaration.txt"
expect "$tmp/out" "^summary: .*inserted"
run 0 "$bin" diff v1:declaration.txt "$decl"
run 0 "$bin" paragraphs :2022-03-news-government-consultation-paris.txt
expect "$tmp/out" "^metadata"
mkdir -p sub
run 0 "$bin" -C sub show HEAD:declaration.txt

# diff REV1 REV2 [NAME...]: one block per changed document
run 1 "$bin" diff --color=never HEAD~3 HEAD
grep -c '^--- ' "$tmp/out" >"$tmp/n"
expect "$tmp/n" "^4$"
expect "$tmp/out" "^--- HEAD~3:2023-01-news-nato-eu-joint-declaration.txt \(0 paragraphs\)"
run 1 "$bin" diff --color=never HEAD~3 HEAD declaration.txt
grep -c '^--- ' "$tmp/out" >"$tmp/n"
expect "$tmp/n" "^1$"
run 0 "$bin" diff HEAD HEAD
expect "$tmp/out" "no document changed"
run 1 "$bin" diff --format=json HEAD~2 HEAD
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"]=="redline-corpus-diff/1"; assert [x["new"]["name"] for x in d["documents"]]==["HEAD:2023-01-news-nato-eu-joint-declaration.txt","HEAD:declaration.txt"]' "$tmp/out"; then ok; else bad "corpus diff json"; fi
# a whitespace-only change is equal after normalisation: exit 0
sed 's/$/  /' "$nato" >"$tmp/nato-spaces.txt"
run 0 "$bin" add --as 2023-01-news-nato-eu-joint-declaration.txt "$tmp/nato-spaces.txt"
run 0 "$bin" diff HEAD~1 HEAD
git reset -q --hard HEAD~1

# refusals: one line, exit 2
run 2 "$bin" add --as /etc/passwd.txt "$decl"
refused "'/etc/passwd.txt': a document name is relative"
run 2 "$bin" add --as ../outside.txt "$decl"
refused ".*'\.\.' are not allowed"
run 2 "$bin" add --as .git/hooks/x "$decl"
refused ".*\.git"
run 2 "$bin" add --as "$(printf 'bad\377.txt')" "$decl"
refused "document name is not valid UTF-8"
run 2 "$bin" add --as a.txt --as b.txt "$decl" "$paris"
refused "add: --as takes one FILE only"
printf 'binary\000data' >"$tmp/bin.dat"
run 2 "$bin" add "$tmp/bin.dat"
refused ".*binary data"
run 2 "$bin" add "$tmp/missing.txt"
refused ".*no such file"
run 2 "$bin" add --date yesterday "$decl"
refused "add: --date: 'yesterday' is not a date"
run 2 "$bin" show HEAD:missing.txt
refused "HEAD:missing.txt: no such document at HEAD"
run 2 "$bin" show nosuchrev:declaration.txt
refused "unknown revision 'nosuchrev'"
run 2 "$bin" log missing.txt
refused "log: no document 'missing.txt'"
run 2 "$bin" diff HEAD nosuchrev
refused "unknown revision 'nosuchrev'"
run 2 "$bin" diff missing1.txt missing2.txt
refused "missing1.txt: no such file"
# local changes an add would overwrite
echo "local edit" >>declaration.txt
run 2 "$bin" add --as declaration.txt "$decl"
refused "declaration.txt: the work tree has local changes"
# ... but adding the edited work-tree file itself is the normal way
run 0 "$bin" add declaration.txt
expect "$tmp/out" "modified +declaration.txt"
git status --porcelain >"$tmp/status"
lines "$tmp/status" 0
# detached HEAD
git checkout -q --detach HEAD
run 2 "$bin" add --as x.txt "$paris"
refused "HEAD is detached"
git checkout -q main
# a locked branch (a stale lock file): gives up after a short wait
touch .git/refs/heads/main.lock
run 2 "$bin" add --as locked.txt "$paris"
refused "the branch is locked \(.*main.lock exists\)"
rm -f .git/refs/heads/main.lock
# not a corpus, a corrupt one
run 2 "$bin" -C "$tmp" log
refused "not in a corpus"
run 2 "$bin" -C "$tmp" show HEAD:x.txt
refused "not in a corpus"
run 2 "$bin" -C "$tmp" diff HEAD:a.txt HEAD:b.txt
refused "HEAD:a.txt: no such file, and not in a corpus"
cp -r "$c" "$tmp/corrupt"
for o in "$tmp"/corrupt/.git/objects/??/*; do chmod u+w "$o"; printf 'garbage' >"$o"; done
supp="LSAN_OPTIONS=suppressions=$top/tests/e2e/corpus-lsan.supp:print_suppressions=0"
slow="ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}:fast_unwind_on_malloc=0"
run 2 env "$supp" "$slow" "$bin" -C "$tmp/corrupt" log
refused "cannot read revision 'HEAD': "
run 2 env "$supp" "$slow" "$bin" -C "$tmp/corrupt" show HEAD:declaration.txt
refused "cannot read revision 'HEAD': "

# help for every subcommand
for sub in init add log show; do
	run 0 "$bin" "$sub" --help
	expect "$tmp/out" "^usage: redline $sub"
done
run 0 "$bin" add --help
expect "$tmp/out" "--date=DATE"
expect "$tmp/out" "--as=NAME"

cd "$top" || exit 2
unset GIT_COMMITTER_DATE GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL
