# Semantic changes on real version pairs: every changed amount and
# percentage in the article texts of two Dutch regulations is a `number`
# change; formatting-only revisions of German laws change nothing.
for reg in wet_op_de_zorgtoeslag regeling_standaardpremie; do
	d=fixtures/regelrecht/$reg
	run 1 "$bin" diff --format=json "$d/2024-01-01.yaml" "$d/2025-01-01.yaml"
	cp "$tmp/out" "$tmp/$reg.json"
	# the amounts and percentages of both versions, in order, pair up; each
	# pair that differs must be reported with exactly that text
	if python3 - "$d/2024-01-01.yaml" "$d/2025-01-01.yaml" "$tmp/$reg.json" >"$tmp/rr" 2>&1 <<'PY'
import json, re, sys
AMOUNT = re.compile(r"€\s*\d[\d.]*(?:,–|,\d+)?|\d[\d.]*(?:,\d+)?\s+procent")
norm = lambda s: " ".join(s.split())
old, new = (AMOUNT.findall(open(p, encoding="utf-8").read()) for p in sys.argv[1:3])
assert len(old) == len(new) > 0, (old, new)
got = {(norm(c["old"]), norm(c["new"])) for l in json.load(open(sys.argv[3]))["links"]
       for c in l["changes"] if c["type"] == "number"}
want = {(norm(a), norm(b)) for a, b in zip(old, new) if a != b}
missing = want - got
assert want and not missing, missing
print(len(want), "amounts and percentages changed, all reported")
PY
	then ok; else bad "$reg: $(cat "$tmp/rr")"; fi
done
# a few by value
expect "$tmp/wet_op_de_zorgtoeslag.json" '"type": "number", "old": "4,256 procent", "new": "4,273 procent"'
expect "$tmp/wet_op_de_zorgtoeslag.json" '"type": "number", "old": "1,879 procent", "new": "1,896 procent"'
expect "$tmp/wet_op_de_zorgtoeslag.json" '"type": "number", "old": "€ 127.582", "new": "€ 141.896"'
expect "$tmp/regeling_standaardpremie.json" '"type": "number", "old": "€\\n      1.987,–", "new": "€\\n      2.112,–"'
expect "$tmp/regeling_standaardpremie.json" '"type": "date", "old": "1 januari 2024", "new": "1 januari 2025"'
# the dates in the addresses are not changes of the text
reject "$tmp/regeling_standaardpremie.json" '"old": "2024-01-01#'

# formatting-only commits (a blank line in the YAML header; double spaces
# removed from headings) change nothing
if [ -d "$shared/data/de_gesetze_history" ]; then
	g=$shared/data/de_gesetze_history
	for pair in "gg/01_8e9e7a10.md gg/02_07553307.md" "tpg/05_f6a582eb.md tpg/06_e3c6d7fe.md"; do
		set -- $pair
		"$bin" diff --format=json "$g/$1" "$g/$2" >"$tmp/out" 2>"$tmp/err"
		expect "$tmp/out" '"changes": \{"number": 0, "date": 0, "negation": 0, "modality": 0, "entity_added": 0, "entity_removed": 0, "term_added": 0, "term_removed": 0\}'
	done
fi
