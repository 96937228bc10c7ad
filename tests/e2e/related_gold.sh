# related mode against the held-out gold of tests/related-gold/: the
# declaration vs the later fixtures; recall and precision stay above floors.

# gold_floor GOLD RECALL PRECISION : overall figures at least these
gold_floor() {
	if python3 "$shared/eval/score_related.py" "$1" --docs fixtures --redline "$bin" \
	    >"$tmp/gold" 2>&1; then ok; else bad "score_related $1: $(cat "$tmp/gold")"; fi
	python3 - "$tmp/gold" "$2" "$3" >"$tmp/floor" <<'PY'
import re, sys
m = re.search(r"^overall recall=([0-9.]+) precision=([0-9.]+)", open(sys.argv[1]).read(), re.M)
r, p = (float(m.group(1)), float(m.group(2))) if m else (-1, -1)
ok = r >= float(sys.argv[2]) and p >= float(sys.argv[3])
print("ok" if ok else "below: recall %.3f precision %.3f" % (r, p))
PY
	expect "$tmp/floor" "^ok$"
}

gold_floor tests/related-gold/tune.json 0.5 0.8
gold_floor tests/related-gold/check.json 0.8 0.8
