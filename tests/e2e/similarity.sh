# redline similarity: one score per TAB-separated pair, in [0, 1].
printf 'Een man speelt gitaar\tEen man speelt gitaar\nEen man speelt gitaar\tEen jongen speelt gitaar\nEen man speelt gitaar\tDe kat slaapt op de bank\n' >"$tmp/pairs"
run 0 "$bin" similarity --lang=nl <"$tmp/pairs"
lines "$tmp/out" 3
expect "$tmp/out" "^1\.0000$"
python3 - "$tmp/out" >"$tmp/order" <<'PY'
import sys
s = [float(x) for x in open(sys.argv[1])]
print("ordered" if s[0] > s[1] > s[2] and all(0 <= x <= 1 for x in s) else "unordered %s" % s)
PY
expect "$tmp/order" "^ordered$"
# detection by default gives the same scores as --lang=nl here
cp "$tmp/out" "$tmp/nl"
run 0 "$bin" similarity <"$tmp/pairs"
if cmp -s "$tmp/out" "$tmp/nl"; then ok; else bad "detected language scores differ"; fi
# aliases: NAVO and NATO are one name
printf 'de NAVO\tde NATO\n' | run 0 "$bin" similarity --lang=nl
expect "$tmp/out" "^1\.0000$"
# any Snowball language; errors are usage errors
printf 'the countries\tthe country\n' | run 0 "$bin" similarity --lang=english
expect "$tmp/out" "^(0\.[89]|1\.0)"
printf 'a\tb\n' | run 2 "$bin" similarity --lang=klingon
expect "$tmp/err" "unknown language"
printf 'no tab here\n' | run 2 "$bin" similarity
expect "$tmp/err" "line 1 has no TAB"
printf '' | run 0 "$bin" similarity
lines "$tmp/out" 0
run 0 "$bin" similarity --help
expect "$tmp/out" "usage: redline similarity"
