# redline diff --mode=related: order-free, many-to-many links between the
# paragraphs of two different documents, each with its similarity.
decl=fixtures/2021-08-declaration-france-netherlands.txt
nato=fixtures/2023-01-news-nato-eu-joint-declaration.txt
letter=fixtures/2026-03-letter-nuclear-deterrence-dialogue.txt
paris=fixtures/2022-03-news-government-consultation-paris.txt

# pairs (old index, new index) of a JSON output, one per line, with kind
pairs() {
	python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print("mode", d["mode"], "auto" if d["mode_auto"] else "asked")
for l in d["links"]:
    print("link %s %s %s %.4f" % (l["kind"], ",".join(map(str, l["old"])), ",".join(map(str, l["new"])), l["similarity"]))
PY
}

# the declaration's NATO-cornerstone paragraph (old 20) is restated by the
# 2023 NATO-EU news ("het fundament van de collectieve defensie") and the
# 2026 letter ("de hoeksteen van de Europese veiligheid")
run 1 "$bin" diff --format=json "$decl" "$nato"
cp "$tmp/out" "$tmp/nato.json"
pairs "$tmp/nato.json" >"$tmp/nato.pairs"
expect "$tmp/nato.pairs" "^mode related auto$"
expect "$tmp/nato.pairs" "^link related 20 1 "
expect "$tmp/nato.pairs" "^link related 20 0 "
reject "$tmp/nato.pairs" "^link (equal|edited|moved|split|merged|inserted|deleted) "
if python3 "$shared/eval/check_rebuild.py" "$decl" "$nato" "$tmp/nato.json" >"$tmp/rb" 2>&1; then ok; else bad "rebuild: $(cat "$tmp/rb")"; fi

run 1 "$bin" diff --mode=related --format=json "$decl" "$letter"
pairs "$tmp/out" >"$tmp/letter.pairs"
expect "$tmp/letter.pairs" "^mode related asked$"
expect "$tmp/letter.pairs" "^link related 20 7 "
# the salutation "Geachte voorzitter," (new 4) and headings stay unlinked
reject "$tmp/letter.pairs" "^link related [0-9]+ [0-3] "
reject "$tmp/letter.pairs" "^link related [0-9]+ 4 "

# the Gymnich report's summary of the declaration ("Daarnaast wordt ingegaan
# op gedeelde Europese waarden, ...", new 16) restates the heading of the
# values section ("... verbonden door hun gedeelde Europese waarden", old
# 2): the paragraph the heading introduces (old 3) is linked, the headings
# are not, and the title (old 0) introduces no section (old 1 stays unlinked)
run 1 "$bin" diff --mode=related --format=json "$decl" fixtures/2021-09-gymnich-report.txt
pairs "$tmp/out" >"$tmp/gymnich.pairs"
expect "$tmp/gymnich.pairs" "^link related 3 16 0\.5[0-9]+$"
reject "$tmp/gymnich.pairs" "^link related (0|2|28) "
reject "$tmp/gymnich.pairs" "^link related 1 "

# the 2022 news on the first government consultation picks up the
# declaration's paragraph on regular consultation at government level (old 30)
run 1 "$bin" diff --mode=related --format=json "$decl" "$paris"
pairs "$tmp/out" >"$tmp/paris.pairs"
expect "$tmp/paris.pairs" "^link related 30 7 "

# related links carry only the changes that alter a claim: numbers, dates,
# negation, modality (names and terms on one side only are not changes)
python3 - "$tmp/out" >"$tmp/types" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
t = {c["type"] for l in d["links"] for c in l["changes"]}
print("types", " ".join(sorted(t)) or "none")
PY
expect "$tmp/types" "^types .*modality"
reject "$tmp/types" "entity_|term_"

# every similarity reaches the default threshold; --min-similarity moves it
python3 - "$tmp/nato.pairs" "$tmp/letter.pairs" "$tmp/paris.pairs" >"$tmp/thr" <<'PY'
import sys
s = [float(l.split()[4]) for f in sys.argv[1:] for l in open(f) if l.startswith("link")]
print("ok" if s and min(s) >= 0.40 and max(s) <= 1 else "bad %s" % s)
PY
expect "$tmp/thr" "^ok$"
run 1 "$bin" diff --mode=related --min-similarity=0.99 --format=json "$decl" "$nato"
pairs "$tmp/out" >"$tmp/none.pairs"
reject "$tmp/none.pairs" "^link "
run 1 "$bin" diff --mode=related --min-similarity=0.2 --format=json "$decl" "$nato"
pairs "$tmp/out" >"$tmp/many.pairs"
n_default=$(grep -c "^link" "$tmp/nato.pairs")
n_low=$(grep -c "^link" "$tmp/many.pairs")
if [ "$n_low" -gt "$n_default" ]; then ok; else bad "--min-similarity=0.2 gave $n_low links, default $n_default"; fi
# many-to-many: one old paragraph in several links, one new paragraph too
python3 - "$tmp/many.pairs" >"$tmp/m2m" <<'PY'
import sys, collections
L = [l.split() for l in open(sys.argv[1]) if l.startswith("link")]
o = collections.Counter(x[2] for x in L); n = collections.Counter(x[3] for x in L)
print("m2m" if max(o.values()) > 1 and max(n.values()) > 1 else "not m2m")
PY
expect "$tmp/m2m" "^m2m$"

# text output: each new paragraph with its old passages, best first
run 1 "$bin" diff --color=never "$decl" "$nato"
expect "$tmp/out" "^mode: related \(auto\)$"
expect "$tmp/out" "^== ¶2$"
expect "$tmp/out" "^  <- old ¶21, similarity 0\.[0-9][0-9]$"
expect "$tmp/out" "^summary: [0-9]+ related(;.*)?$"
python3 - "$tmp/out" >"$tmp/order" <<'PY'
import re, sys
blocks, cur = [], None
for line in open(sys.argv[1]):
    if line.startswith("== ¶"):
        cur = []; blocks.append(cur)
    m = re.match(r"  <- old ¶\d+, similarity ([0-9.]+)$", line)
    if m and cur is not None:
        cur.append(float(m.group(1)))
print("sorted" if blocks and all(b == sorted(b, reverse=True) for b in blocks) else "unsorted")
PY
expect "$tmp/order" "^sorted$"

# versions of one document stay in versions mode under auto
run 1 "$bin" diff --format=json "$decl" fixtures/2021-09-letter-gymnich-with-declaration.txt
expect "$tmp/out" '"mode": "versions", "mode_auto": true'

# a document against itself: every paragraph finds itself, exit 0
run 0 "$bin" diff --mode=related --format=json "$decl" "$decl"
pairs "$tmp/out" >"$tmp/self.pairs"
expect "$tmp/self.pairs" "^link related 20 20 1\.0000$"

# language: any Snowball language, errors are exit 2
run 1 "$bin" diff --mode=related --lang=dutch --format=json "$decl" "$nato"
run 2 "$bin" diff --mode=related --lang=klingon "$decl" "$nato"
expect "$tmp/err" "unknown language"

# the public gold runs end to end
if python3 "$shared/eval/score_related.py" "$shared/eval/gold-public.json" --docs "$shared/seeds" --redline "$bin" >"$tmp/gold" 2>&1; then ok; else bad "score_related: $(cat "$tmp/gold")"; fi
expect "$tmp/gold" "^overall recall="
python3 - "$tmp/gold" >"$tmp/floor" <<'PY'
import re, sys
m = re.search(r"^overall recall=([0-9.]+) precision=([0-9.]+)", open(sys.argv[1]).read(), re.M)
print("ok" if m and float(m.group(1)) >= 0.8 and float(m.group(2)) >= 0.8 else "below: %s" % (m and m.group(0)))
PY
expect "$tmp/floor" "^ok$"
