# Concurrent adds: 4 processes x 25 adds each into one corpus.  Every add
# must land (compare-and-swap on the branch, retried), the history must stay
# linear and fsck-clean, and the work tree and index must end up matching.
export GIT_COMMITTER_DATE="2026-04-01T12:00:00+02:00"
export GIT_AUTHOR_NAME="Redline Test" GIT_AUTHOR_EMAIL="test@example.org"
cc="$tmp/concurrent"
"$bin" init "$cc" >/dev/null
cd "$cc" || exit 2
mkdir -p "$tmp/cin"
for p in 1 2 3 4; do
	for i in $(seq 1 25); do
		printf 'Process %s, document %s.\n\nA second paragraph %s.\n' "$p" "$i" "$i" >"$tmp/cin/p$p-$i.txt"
	done
done
for p in 1 2 3 4; do
	(
		fails=0
		for i in $(seq 1 25); do
			"$bin" add --date "2021-01-$(printf %02d "$i")" "$tmp/cin/p$p-$i.txt" >/dev/null 2>>"$tmp/cerr" || fails=$((fails + 1))
		done
		echo "$fails" >"$tmp/cfail$p"
	) &
done
wait
[ "$(cat "$tmp"/cfail? | awk "{ s += \$1 } END { print s }")" = 0 ] && ok || bad "failed adds: $(cat "$tmp/cerr")"
n=$(git rev-list --count HEAD)
[ "$n" = 100 ] && ok || bad "$n commits, wanted 100"
n=$(git ls-tree --name-only HEAD | wc -l)
[ "$n" = 100 ] && ok || bad "$n documents, wanted 100"
# linear: no commit has two parents, every commit has one add
n=$(git rev-list --min-parents=2 HEAD | wc -l)
[ "$n" = 0 ] && ok || bad "$n merge commits"
if git fsck --strict >"$tmp/fsck" 2>&1; then ok; else bad "fsck: $(cat "$tmp/fsck")"; fi
git status --porcelain >"$tmp/status"
lines "$tmp/status" 0
run 0 "$bin" log
lines "$tmp/out" 100
cd "$top" || exit 2
unset GIT_COMMITTER_DATE GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL
