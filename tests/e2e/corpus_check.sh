# redline check: a policy from .redline and flags over two revisions, the
# four output formats, exit 0 pass / 1 violated / 2 trouble.
export GIT_COMMITTER_DATE="2026-04-01T12:00:00+02:00" GIT_AUTHOR_DATE="2026-04-01T12:00:00+02:00"
export GIT_AUTHOR_NAME="Redline Test" GIT_AUTHOR_EMAIL="test@example.org"
export GIT_COMMITTER_NAME="Redline Test" GIT_COMMITTER_EMAIL="test@example.org"
news="$top/fixtures/2022-03-news-government-consultation-paris.txt"
ghent="$top/fixtures/2022-04-news-belgium-netherlands-defence-ghent.txt"
k="$tmp/checked"
"$bin" init "$k" >/dev/null
cd "$k" || exit 2
# the first commit: everything is added, nothing can be deleted
run 0 "$bin" add "$news" "$ghent"
run 0 "$bin" check --fail-on deleted
expect "$tmp/out" "^PASS 2022-03-news-government-consultation-paris.txt \(added\)"
run 1 "$bin" check --fail-on document_added
printf '# the policy of this corpus\n[check]\nfail-on = deleted\nmax-deleted = 0\n' >.redline
git add .redline && git commit -q -m "Add the policy"
# version 2 of the news item: one paragraph deleted, one word changed
python3 - "$news" "$tmp/news2.txt" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
p = t.split("\n\n")
del p[4]
p[1] = p[1].replace("steeds meer op Frankrijk", "steeds vaker op Frankrijk")
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(p))
PY
run 0 "$bin" add --as 2022-03-news-government-consultation-paris.txt "$tmp/news2.txt"
run 1 "$bin" check
expect "$tmp/out" "^FAIL 2022-03-news-government-consultation-paris.txt \(modified\): similarity 0\.[0-9]+, 7 equal, 1 edited, 1 deleted"
expect "$tmp/out" "^  - paragraph deleted: old ¶5 \""
expect "$tmp/out" "^  - 1 paragraph deleted, more than max-deleted 0$"
expect "$tmp/out" "^check failed: 1 document changed from HEAD\^ to HEAD, 1 failed$"
run 1 "$bin" check HEAD~1 HEAD
# flags override the file
run 0 "$bin" check --fail-on none --max-deleted off
expect "$tmp/out" "^check passed"
run 1 "$bin" check --fail-on none --min-similarity 0.95
expect "$tmp/out" "below min-similarity 0.95"
run 0 "$bin" check --ignore '2022-03-*'
expect "$tmp/out" "^SKIP 2022-03-news"
# the formats
run 1 "$bin" check --format=json
if python3 - "$tmp/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "redline-check/1" and d["passed"] is False, d
(doc,) = d["documents"]
assert doc["result"] == "failed" and doc["status"] == "modified"
assert doc["links"]["deleted"] == 1 and doc["links"]["edited"] == 1
rules = sorted((v["rule"], v["type"]) for v in doc["violations"])
assert rules == [("fail-on", "deleted"), ("max-deleted", None)], rules
assert len(d["head_commit"]) == 40 and len(d["base_commit"]) == 40
PY
then ok; else bad "check json"; fi
run 1 "$bin" check --format=junit
if python3 - "$tmp/out" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites" and root.get("failures") == "1"
cases = root.findall("./testsuite/testcase")
assert [c.get("name") for c in cases] == ["2022-03-news-government-consultation-paris.txt"]
assert cases[0].find("failure") is not None
PY
then ok; else bad "check junit: $(cat "$tmp/out")"; fi
run 1 "$bin" check --format=markdown
expect "$tmp/out" "^### redline check failed$"
expect "$tmp/out" "^\| ❌ fail \| 2022-03-news-government-consultation-paris.txt \| modified \| 0\.[0-9]+ \|"
# --output: the report to a file, a summary on stderr
run 1 "$bin" check --format=junit --output "$tmp/report.xml"
lines "$tmp/out" 0
expect "$tmp/err" "^redline check failed: 1 of 1 documents failed$"
python3 -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' "$tmp/report.xml" && ok || bad "report.xml"
# --worktree: the work tree against HEAD
python3 - 2022-04-news-belgium-netherlands-defence-ghent.txt <<'PY'
import sys
p = open(sys.argv[1], encoding="utf-8").read().split("\n\n")
del p[2]
open(sys.argv[1], "w", encoding="utf-8").write("\n\n".join(p))
PY
run 1 "$bin" check --worktree
expect "$tmp/out" "^FAIL 2022-04-news-belgium-netherlands-defence-ghent.txt \(modified\)"
expect "$tmp/out" "from HEAD to worktree"
git checkout -q -- 2022-04-news-belgium-netherlands-defence-ghent.txt
run 0 "$bin" check --worktree
expect "$tmp/out" "0 documents changed"
# a deleted document
git rm -q 2022-04-news-belgium-netherlands-defence-ghent.txt && git commit -q -m "Remove the Ghent item"
run 1 "$bin" check --fail-on document_deleted --max-deleted off
expect "$tmp/out" "^  - document deleted$"
# semantic changes from rl_link.changes: a negation and a number
python3 - "$tmp/news2.txt" "$tmp/news3.txt" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
t = t.replace("Ze willen meer gaan samenwerken", "Ze willen niet meer gaan samenwerken")
t = t.replace("hun eerste regeringsoverleg", "hun tweede regeringsoverleg")
open(sys.argv[2], "w", encoding="utf-8").write(t)
PY
run 0 "$bin" add --as 2022-03-news-government-consultation-paris.txt "$tmp/news3.txt"
run 1 "$bin" check --fail-on negation,number --max-deleted off
expect "$tmp/out" "^  - negation change in ¶1: \"\" -> \"niet\"$"
expect "$tmp/out" "^  - number change in ¶1: \"eerste\" -> \"tweede\"$"
expect "$tmp/out" "1 edited, 1 number, 1 negation$"
run 0 "$bin" check --fail-on modality,entity_removed --max-deleted off
run 1 "$bin" check --fail-on number --max-deleted off --format=json
if python3 - "$tmp/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
(doc,) = d["documents"]
assert doc["changes"]["number"] == 1 and doc["changes"]["negation"] == 1, doc["changes"]
assert [v["type"] for v in doc["violations"]] == ["number"], doc["violations"]
PY
then ok; else bad "check json changes"; fi
# --policy FILE instead of .redline
printf '[check]\nfail-on = none\nmax-deleted = off\n' >"$tmp/lenient"
run 0 "$bin" check --policy "$tmp/lenient" HEAD~2 HEAD
# trouble: exit 2 with one line
run 2 "$bin" check nosuchrev
lines "$tmp/err" 1
expect "$tmp/err" "^redline: unknown revision 'nosuchrev'"
run 2 "$bin" check --fail-on bogus
expect "$tmp/err" "^redline: check: --fail-on: unknown type 'bogus'"
run 2 "$bin" check --format=xml
run 2 "$bin" check a b c
printf '[check]\nfail-on = deleted, wrong\n' >.redline
git commit -q -am "Break the policy"
run 2 "$bin" check
lines "$tmp/err" 1
expect "$tmp/err" "^redline: HEAD:.redline:2: fail-on: unknown type 'wrong'"
run 0 "$bin" check --help
expect "$tmp/out" "^usage: redline check"
expect "$tmp/out" "--fail-on=TYPES"
cd "$top" || exit 2
unset GIT_COMMITTER_DATE GIT_AUTHOR_DATE GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
