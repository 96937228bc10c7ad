# SIGKILL during adds: after each kill at a (seeded) random moment, the
# repository must pass git fsck --strict and still hold every commit made
# before.  A lock file left by the killed process is the only residue git
# itself would leave too; it is removed as a user would after the error.
export GIT_COMMITTER_DATE="2026-04-01T12:00:00+02:00"
export GIT_AUTHOR_NAME="Redline Test" GIT_AUTHOR_EMAIL="test@example.org"
kc="$tmp/killed"
"$bin" init "$kc" >/dev/null
cd "$kc" || exit 2
mkdir -p "$tmp/kin"
: >"$tmp/kcommits"
fsck_bad=0 lost=0 landed=0 locks=0
# how long an add of 40 documents takes here; kills fall within 1.5 times that
for i in $(seq 1 40); do
	printf 'Round 0, document %s.\n' "$i" >"$tmp/kin/d$i.txt"
done
t0=$(date +%s%N)
"$bin" add -m "round 0" "$tmp"/kin/d*.txt >/dev/null
span=$(( ($(date +%s%N) - t0) / 1000 ))
git rev-parse HEAD >"$tmp/kcommits"
for r in $(seq 1 30); do
	for i in $(seq 1 40); do
		printf 'Round %s, document %s.\n\nSecond paragraph %s.\n' "$r" "$i" "$i" >"$tmp/kin/d$i.txt"
	done
	delay=$(awk -v r="$r" -v us="$span" 'BEGIN { srand(r); printf "%.4f", rand() * 1.5 * us / 1e6 }')
	"$bin" add -m "round $r" "$tmp"/kin/d*.txt >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	git fsck --strict >"$tmp/fsck" 2>&1 || { fsck_bad=$((fsck_bad + 1)); echo "fsck after round $r: $(cat "$tmp/fsck")"; }
	for c in $(cat "$tmp/kcommits"); do
		git merge-base --is-ancestor "$c" HEAD 2>/dev/null || lost=$((lost + 1))
	done
	head=$(git rev-parse HEAD)
	grep -q "$head" "$tmp/kcommits" || { echo "$head" >>"$tmp/kcommits"; landed=$((landed + 1)); }
	for l in .git/refs/heads/main.lock .git/index.lock; do
		[ -e "$l" ] && { locks=$((locks + 1)); rm -f "$l"; }
	done
done
[ "$fsck_bad" = 0 ] && ok || bad "$fsck_bad rounds left a repository fsck refused"
[ "$lost" = 0 ] && ok || bad "$lost earlier commits lost"
# the corpus still works, and a re-add repairs what a killed add left behind
run 0 "$bin" add -m "after the kills" "$tmp"/kin/d*.txt
git status --porcelain >"$tmp/status"
lines "$tmp/status" 0
if git fsck --strict >"$tmp/fsck" 2>&1; then ok; else bad "final fsck: $(cat "$tmp/fsck")"; fi
echo "corpus_kill: 30 kills within ${span}us, $landed landed, $locks stale locks" >"$tmp/killstats"
cd "$top" || exit 2
unset GIT_COMMITTER_DATE GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL
