# Semantic changes: badges in the text output, changes with exact spans in
# the JSON output.
printf 'Nederland en Frankrijk zijn voornemens om 55%% van de middelen in 2021 te besteden aan de samenwerking.\n' >"$tmp/sem-old.txt"
printf 'Nederland en Frankrijk gaan niet 60%% van de middelen in 2021 besteden aan de samenwerking met de NAVO.\n' >"$tmp/sem-new.txt"

run 1 "$bin" diff --color=never "$tmp/sem-old.txt" "$tmp/sem-new.txt"
expect "$tmp/out" "\[number 55% → 60%\]"
expect "$tmp/out" "\[negation \+niet\]"
expect "$tmp/out" "\[modality voornemens → gaan\]"
expect "$tmp/out" "\[entity \+NAVO\]"
expect "$tmp/out" "^summary: 1 edited; changes: 1 number, 1 negation, 1 modality, 1 entity_added"
reject "$tmp/out" "date"

# every change points at its text in both files
run 1 "$bin" diff --format=json "$tmp/sem-old.txt" "$tmp/sem-new.txt"
python3 - "$tmp/sem-old.txt" "$tmp/sem-new.txt" "$tmp/out" >"$tmp/changes" <<'PY'
import json, sys
old, new = (open(p, "rb").read() for p in sys.argv[1:3])
for l in json.load(open(sys.argv[3]))["links"]:
    for c in l["changes"]:
        assert old[c["old_start"]:c["old_end"]].decode() == c["old"], c
        assert new[c["new_start"]:c["new_end"]].decode() == c["new"], c
        print(c["type"], c["old"], "->", c["new"], c.get("detail", ""))
PY
expect "$tmp/changes" "^number 55% -> 60% $"
expect "$tmp/changes" "^modality voornemens -> gaan intention -> commitment$"
expect "$tmp/changes" "^negation  -> niet $"

# colour: badges in yellow
run 1 "$bin" diff --color=always "$tmp/sem-old.txt" "$tmp/sem-new.txt"
expect "$tmp/out" "$(printf '\033')\[33m\[[a-z]+ "

# word order and tense form alone (SICK-NL stress tests) change nothing
printf 'Een jongen is het gazon aan het maaien\n' >"$tmp/sem-a.txt"
printf 'Een jongen maait het gazon\n' >"$tmp/sem-b.txt"
run 1 "$bin" diff --mode=versions --format=json "$tmp/sem-a.txt" "$tmp/sem-b.txt"
reject "$tmp/out" '"type": "(number|date|negation|modality)"'
printf 'Twee honden zijn aan het dartelen in de sneeuw\n' >"$tmp/sem-a.txt"
printf 'Twee honden zijn in de sneeuw aan het dartelen\n' >"$tmp/sem-b.txt"
run 1 "$bin" diff --mode=versions --format=json "$tmp/sem-a.txt" "$tmp/sem-b.txt"
expect "$tmp/out" '"changes": \[\]'

# --changes filters what is reported, in both formats and the summary
run 1 "$bin" diff --color=never --changes=number,negation "$tmp/sem-old.txt" "$tmp/sem-new.txt"
expect "$tmp/out" "^\[negation \+niet\] \[number 55% → 60%\]$"
expect "$tmp/out" "^summary: 1 edited; changes: 1 number, 1 negation$"
run 1 "$bin" diff --format=json --changes=entity "$tmp/sem-old.txt" "$tmp/sem-new.txt"
expect "$tmp/out" '"changes": \[\{"type": "entity_added", "old": "", "new": "NAVO"'
expect "$tmp/out" '"changes": \{"number": 0, "date": 0, "negation": 0, "modality": 0, "entity_added": 1,'
run 1 "$bin" diff --changes=none "$tmp/sem-old.txt" "$tmp/sem-new.txt"
expect "$tmp/out" "^summary: 1 edited$"
run 2 "$bin" diff --changes=numbers "$tmp/sem-old.txt" "$tmp/sem-new.txt"
expect "$tmp/err" "unknown change type in 'numbers'"

# two one-paragraph texts are versions of that paragraph however much was
# rewritten, so a negation in a rewritten sentence is still reported
printf 'Er is geen man die de auto bestuurt\n' >"$tmp/sem-a.txt"
printf 'Een man rijdt in een auto\n' >"$tmp/sem-b.txt"
run 1 "$bin" diff --mode=versions --color=never "$tmp/sem-a.txt" "$tmp/sem-b.txt"
expect "$tmp/out" "^== ¶1 edited \(old ¶1\)"
expect "$tmp/out" "\[negation -geen\]"
