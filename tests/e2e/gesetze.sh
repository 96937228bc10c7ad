# Real successive versions of two German laws: every consecutive pair's
# word scripts rebuild both versions exactly, and the formatting-only
# commits come out as equal or as a small edit (at most two links changed).
hist=$shared/data/de_gesetze_history
if [ -f "$hist/manifest.tsv" ]; then
	tail -n +2 "$hist/manifest.tsv" | while IFS='	' read -r law seq commit date subject file bytes; do
		echo "$law	$file	$subject"
	done >"$tmp/manifest"
	prev_law=""
	prev_file=""
	while IFS='	' read -r law file subject; do
		if [ "$law" = "$prev_law" ]; then
			"$bin" diff --format=json "$hist/$prev_file" "$hist/$file" >"$tmp/law.json"
			if python3 "$shared/eval/check_rebuild.py" "$hist/$prev_file" "$hist/$file" "$tmp/law.json" >"$tmp/rb" 2>&1; then
				ok
			else
				bad "$law $file: $(tail -1 "$tmp/rb")"
			fi
			case $subject in
			Fix\ YAML* | Add\ alternative\ slug* | Verbessere*)
				changed=$(python3 -c "import json,sys; print(sum(1 for l in json.load(open(sys.argv[1]))['links'] if l['kind'] != 'equal'))" "$tmp/law.json")
				if [ "$changed" -le 2 ]; then ok; else bad "$law $file ($subject): $changed links changed"; fi
				;;
			esac
		fi
		prev_law=$law
		prev_file=$file
	done <"$tmp/manifest"
fi
