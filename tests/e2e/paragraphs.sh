# redline paragraphs: segmentation of hard-wrapped PDF text, headings,
# metadata and sentences.
decl=fixtures/2021-08-declaration-france-netherlands.txt
report=fixtures/2021-09-gymnich-report.txt

run 0 "$bin" paragraphs --format=json "$report"
python3 - "$report" "$tmp/out" >"$tmp/paras" <<'PY'
import json, sys
data = open(sys.argv[1], "rb").read()
d = json.load(open(sys.argv[2]))
for p in d["paragraphs"]:
    t = data[p["start"]:p["end"]].decode()
    print(("H " if p["heading"] else "P ") + " ".join(t.split()))
PY
expect "$tmp/paras" "^H Afghanistan$"
expect "$tmp/paras" "^H EU-China$"
# a wrapped paragraph is joined: it runs on past its first line
expect "$tmp/paras" "^P De Raad sprak uitgebreid over de situatie in Afghanistan\. .* in veiligheid te brengen\. "

# a paragraph break without a blank line, found from the line lengths
run 0 "$bin" paragraphs --format=json "$decl"
python3 - "$decl" "$tmp/out" >"$tmp/paras" <<'PY'
import json, sys
data = open(sys.argv[1], "rb").read()
d = json.load(open(sys.argv[2]))
for p in d["paragraphs"]:
    print(" ".join(data[p["start"]:p["end"]].decode().split()))
PY
expect "$tmp/paras" "kwantuminnovatie\.$"
expect "$tmp/paras" "^Nederland en Frankrijk benadrukken voorts"

# metadata line
run 0 "$bin" paragraphs fixtures/2022-03-news-government-consultation-paris.txt
expect "$tmp/out" "^metadata \[1, 13\): date 2022-03$"
expect "$tmp/out" "^¶1 \[14, "

# sentences: abbreviations, initials and dates do not end a sentence
printf 'Volgens mr. De Vries was o.a. Sigrid A.M. Kaag aanwezig op 1-2 oktober 2020. Zij sprak. De MP. Rutte ook.\n' >"$tmp/s.txt"
run 0 "$bin" paragraphs "$tmp/s.txt"
expect "$tmp/out" "^  1\. Volgens mr\. De Vries was o\.a\. Sigrid A\.M\. Kaag aanwezig op 1-2 oktober 2020\.$"
expect "$tmp/out" "^  2\. Zij sprak\.$"
expect "$tmp/out" "^  3\. De MP\. Rutte ook\.$"
