# JSON output of every pair of fixtures parses and rebuilds both inputs to
# the byte; generated version pairs align as well as the issue requires.
for a in fixtures/*.txt; do
	for b in fixtures/2021-08-declaration-france-netherlands.txt fixtures/2023-01-news-nato-eu-joint-declaration.txt; do
		"$bin" diff --mode=versions --format=json "$a" "$b" >"$tmp/pair.json"
		if python3 "$shared/eval/check_rebuild.py" "$a" "$b" "$tmp/pair.json" >"$tmp/rb" 2>&1; then ok; else bad "$a vs $b: $(tail -1 "$tmp/rb")"; fi
	done
done

# versions alignment on generated pairs (seeds not used during development)
for seed in 101 102 103; do
	python3 "$shared/eval/make_versions.py" --seed $seed --edits 40 --out "$tmp/v$seed" "$shared"/seeds/*.txt
	"$bin" diff --format=json "$tmp/v$seed/old.txt" "$tmp/v$seed/new.txt" >"$tmp/v$seed/out.json"
	if python3 "$shared/eval/check_rebuild.py" "$tmp/v$seed/old.txt" "$tmp/v$seed/new.txt" "$tmp/v$seed/out.json" >"$tmp/rb" 2>&1; then ok; else bad "seed $seed rebuild: $(tail -1 "$tmp/rb")"; fi
	python3 "$shared/eval/score_versions.py" "$tmp/v$seed/truth.json" "$tmp/v$seed/out.json" >>"$tmp/scores"
done
python3 - "$tmp/scores" >"$tmp/verdict" <<'PY'
import sys
rows = [dict(kv.split("=") for kv in line.split()) for line in open(sys.argv[1])]
mean = {k: sum(float(r[k]) for r in rows) / len(rows) for k in ("pairs_f1", "kind_acc", "unlinked_f1")}
ok = mean["pairs_f1"] >= 0.98 and mean["kind_acc"] >= 0.95 and mean["unlinked_f1"] >= 0.95
print(("ok " if ok else "low ") + " ".join(f"{k}={v:.3f}" for k, v in mean.items()))
PY
expect "$tmp/verdict" "^ok "
