# redline trace: a statement followed through the corpus in document-date
# order, with similarity, word diff against the step before and semantic
# changes; text and JSON; refusals.
export GIT_COMMITTER_DATE="2026-04-01T12:00:00+02:00"
export GIT_AUTHOR_NAME="Redline Test" GIT_AUTHOR_EMAIL="test@example.org"
export GIT_COMMITTER_NAME="Redline Test" GIT_COMMITTER_EMAIL="test@example.org"
fx="$top/fixtures"
tc="$tmp/traced"
"$bin" init "$tc" >/dev/null
cd "$tc" || exit 2
# added out of date order on purpose: trace sorts by document date
"$bin" add --date 2023-01-24 "$fx/2023-01-news-nato-eu-joint-declaration.txt" >/dev/null
"$bin" add --as declaration.txt --date 2021-08-31 "$fx/2021-08-declaration-france-netherlands.txt" >/dev/null
"$bin" add "$fx/2022-03-news-government-consultation-paris.txt" "$fx/2022-04-news-belgium-netherlands-defence-ghent.txt" >/dev/null
"$bin" add "$fx/2026-03-letter-nuclear-deterrence-dialogue.txt" >/dev/null

# the NATO-as-cornerstone passage of the declaration
run 0 "$bin" trace declaration.txt --quote "de NAVO de hoeksteen is" --color=never
expect "$tmp/out" "^== 2021-08-31 declaration.txt ¶21 \(followed\)$"
expect "$tmp/out" "^== 2023-01-24 2023-01-news-nato-eu-joint-declaration.txt ¶[0-9]+ similarity 0\.[0-9]+$"
expect "$tmp/out" "^== 2026-03-02 2026-03-letter-nuclear-deterrence-dialogue.txt ¶[0-9]+ similarity 0\.[0-9]+$"
expect "$tmp/out" "^trace: [0-9]+ passages in [0-9]+ of 5 documents at HEAD$"
grep '^== ' "$tmp/out" | cut -d' ' -f2 >"$tmp/dates"
sort -c "$tmp/dates" 2>/dev/null && ok || bad "steps not in date order: $(cat "$tmp/dates")"
# the 2026 letter's passage is the one that calls NATO the cornerstone
expect "$tmp/out" "hoeksteen van de Europese"
run 0 "$bin" trace declaration.txt --para 21 --color=never
cp "$tmp/out" "$tmp/by-para"
run 0 "$bin" trace declaration.txt --quote "DE navo   de Hoeksteen" --color=never
cmp -s "$tmp/out" "$tmp/by-para" && ok || bad "--quote and --para differ"

# JSON: steps in date order, each word diff rebuilds both passages exactly
run 0 "$bin" trace declaration.txt --para 21 --format=json
if python3 - "$tmp/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "redline-trace/1" and d["rev"] == "HEAD", d["format"]
steps = d["steps"]
assert steps[0]["followed"] and steps[0]["name"] == "declaration.txt" and steps[0]["paragraph"] == 20
names = [s["name"] for s in steps]
assert "2023-01-news-nato-eu-joint-declaration.txt" in names
assert "2026-03-letter-nuclear-deterrence-dialogue.txt" in names
assert [s["date"] for s in steps] == sorted(s["date"] for s in steps)
for prev, s in zip(steps, steps[1:]):
    assert 0 < s["similarity"] <= 1 and not s["followed"]
    old = "".join(t for op, t in s["words"] if op in "=-")
    new = "".join(t for op, t in s["words"] if op in "=+")
    assert old == prev["text"], (s["name"], old[:60], prev["text"][:60])
    assert new == s["text"], s["name"]
    for c in s["changes"]:
        assert c["type"] in ("number", "date", "negation", "modality", "entity_added",
                             "entity_removed", "term_added", "term_removed"), c
PY
then ok; else bad "trace json"; fi

# --at: the corpus as it was before the 2026 letter
run 0 "$bin" trace declaration.txt --para 21 --at HEAD~1 --color=never
reject "$tmp/out" "2026-03-letter"
expect "$tmp/out" "of 4 documents at HEAD~1$"
# --min-similarity: a high bar keeps only the followed passage
run 0 "$bin" trace declaration.txt --para 21 --min-similarity 0.99 --color=never
grep -c '^== ' "$tmp/out" >"$tmp/n"
expect "$tmp/n" "^1$"
# a document dated by a commit made with git (no trailers)
cp "$fx/2021-09-gymnich-report.txt" gymnich.txt
git add gymnich.txt && GIT_AUTHOR_DATE="2021-09-06T12:00:00+02:00" git commit -q -m "Add the Gymnich report with git"
run 0 "$bin" trace declaration.txt --para 21 --min-similarity 0.3 --format=json
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); g=[s for s in d["steps"] if s["name"]=="gymnich.txt"]; assert g and g[0]["date"]=="2021-09-06T12:00:00+02:00", g' "$tmp/out"; then ok; else bad "git-made commit date"; fi

# refusals: one line, exit 2
run 2 "$bin" trace missing.txt --para 1
expect "$tmp/err" "^redline: no document 'missing.txt' at HEAD$"
run 2 "$bin" trace declaration.txt --para 99
expect "$tmp/err" "^redline: declaration.txt has 33 paragraphs, not 99$"
run 2 "$bin" trace declaration.txt
expect "$tmp/err" "give --para N or --quote TEXT"
run 2 "$bin" trace declaration.txt --para 1 --quote x
run 2 "$bin" trace declaration.txt --quote "qqqq zzzz xxxx"
expect "$tmp/err" "no paragraph contains or resembles the quote"
run 2 "$bin" trace declaration.txt --para 1 --at nosuchrev
expect "$tmp/err" "unknown revision 'nosuchrev'"
run 2 "$bin" trace declaration.txt --para 1 --format=xml
run 0 "$bin" trace --help
expect "$tmp/out" "^usage: redline trace"
expect "$tmp/out" "--quote=TEXT"
cd "$top" || exit 2
unset GIT_COMMITTER_DATE GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
