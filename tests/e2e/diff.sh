# redline diff: exit status, text and JSON output, BOM, CRLF, stdin.
news=fixtures/2022-03-news-government-consultation-paris.txt

run 0 "$bin" diff "$news" "$news"
expect "$tmp/out" "no differences"
expect "$tmp/out" "^summary: 9 equal$"

# one word changed, one paragraph moved, one deleted, one inserted
python3 - "$news" "$tmp/v2.txt" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
p = t.split("\n\n")
p[1] = p[1].replace("steeds meer op Frankrijk", "steeds vaker op Frankrijk")
p.insert(6, p.pop(2))          # move paragraph 3 after the old 7th
del p[4]                       # delete one
p.append("Een nieuwe slotalinea over iets heel anders dan de rest van de tekst.")
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(p))
PY
run 1 "$bin" diff --color=never "$news" "$tmp/v2.txt"
expect "$tmp/out" "\[-meer-\]\{\+vaker\+\}"
expect "$tmp/out" "moved from old ¶3"
expect "$tmp/out" "deleted"
expect "$tmp/out" "inserted"
expect "$tmp/out" "^summary: .*1 edited.*1 moved.*1 inserted.*1 deleted"
reject "$tmp/out" "$(printf '\033')"

# colour only when asked (stdout is not a terminal here)
run 1 "$bin" diff --color=always "$news" "$tmp/v2.txt"
expect "$tmp/out" "$(printf '\033')\[31;9mmeer"
NO_COLOR=1 run 1 "$bin" diff "$news" "$tmp/v2.txt"
reject "$tmp/out" "$(printf '\033')"

# JSON contract and exact rebuild
run 1 "$bin" diff --format=json "$news" "$tmp/v2.txt"
cp "$tmp/out" "$tmp/v2.json"
expect "$tmp/v2.json" '"format": "redline-diff/1"'
expect "$tmp/v2.json" '"mode": "versions"'
if python3 "$shared/eval/check_rebuild.py" "$news" "$tmp/v2.txt" "$tmp/v2.json" >"$tmp/rb" 2>&1; then ok; else bad "rebuild: $(cat "$tmp/rb")"; fi
python3 - "$tmp/v2.json" >"$tmp/kinds" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for l in d["links"]:
    print(l["kind"], l["old"], l["new"])
PY
expect "$tmp/kinds" "^edited \[1\] \[1\]$"
expect "$tmp/kinds" "^moved \[2\] \[5\]$"
expect "$tmp/kinds" "^deleted \[5\] \[\]$"

# a BOM and CRLF line endings change nothing after normalisation
printf '\357\273\277' >"$tmp/bom.txt"
sed 's/$/\r/' "$news" >>"$tmp/bom.txt"
run 0 "$bin" diff "$news" "$tmp/bom.txt"
run 0 "$bin" diff --format=json "$news" "$tmp/bom.txt"
expect "$tmp/out" '"equal": true'
if python3 "$shared/eval/check_rebuild.py" "$news" "$tmp/bom.txt" "$tmp/out" >"$tmp/rb" 2>&1; then ok; else bad "rebuild with BOM/CRLF: $(cat "$tmp/rb")"; fi

# standard input
run 1 "$bin" diff - "$tmp/v2.txt" <"$news"
expect "$tmp/out" "^--- \(standard input\)"

# help and version
run 0 "$bin" --help
expect "$tmp/out" "^usage: redline"
run 0 "$bin" diff --help
expect "$tmp/out" "--format=FORMAT"
expect "$tmp/out" "--color=WHEN"
run 0 "$bin" --version
expect "$tmp/out" "^redline [0-9]+\.[0-9]+"

# metadata on one side only shows as one insertion or deletion
printf 'Dezelfde tekst.\n' >"$tmp/nometa.txt"
printf ' date 2022-03 Dezelfde tekst.\n' >"$tmp/meta.txt"
run 1 "$bin" diff --color=never "$tmp/nometa.txt" "$tmp/meta.txt"
expect "$tmp/out" "^\{\+date 2022-03\+\}$"
