#!/bin/sh
# Run the libFuzzer harnesses one after another (never two at once: each
# wants a core).
#
#   sh fuzz/run.sh BUILD_DIR SECONDS [NAME...]
#
# NAME is a harness without its fuzz_ prefix (default: all of fuzz/fuzz_*.c).
# Each harness grows its corpus in fuzz/corpus-NAME/ (kept between runs, not
# committed) from the seeds that fuzz/seeds.py writes from fixtures/; the
# line "fuzz-seeds: KIND" in a harness's source picks single texts, pairs,
# or fuzz/seeds-KIND/ committed beside it.  A crashing input is saved as
# fuzz/crash-*; the log of each run is BUILD_DIR/NAME.log.
build=$1
secs=$2
shift 2
names=$*
[ -n "$names" ] || names=$(for f in fuzz/fuzz_*.c; do basename "$f" .c | sed 's/^fuzz_//'; done)
python3 fuzz/seeds.py "$build/seeds" || exit 2
status=0
for n in $names; do
	kind=$(sed -n 's/.*fuzz-seeds: \([a-z-]*\).*/\1/p' "fuzz/fuzz_$n.c" | head -n 1)
	case $kind in
	single | pair) seeds=$build/seeds/$kind ;;
	*) seeds=fuzz/seeds-$kind ;;
	esac
	mkdir -p "fuzz/corpus-$n"
	start=$(date +%s)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		LSAN_OPTIONS=suppressions=$(pwd)/fuzz/lsan.supp:print_suppressions=0 \
		"$build/fuzz_$n" -max_total_time="$secs" -max_len=8192 -timeout=30 -rss_limit_mb=3072 \
		-print_final_stats=1 -artifact_prefix=fuzz/ "fuzz/corpus-$n" "$seeds" >"$build/$n.log" 2>&1
	rc=$?
	runs=$(sed -n "s/^stat::number_of_executed_units: *//p" "$build/$n.log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$build/$n.log" | tail -n 1)
	echo "fuzz_$n: $(($(date +%s) - start)) s, ${runs:-?} runs, $cov, corpus $(ls "fuzz/corpus-$n" | wc -l), exit $rc"
	if [ $rc -ne 0 ]; then
		status=1
		grep -E 'ERROR|property failed|SUMMARY|Test unit written' "$build/$n.log" | head -n 5
	fi
done
exit $status
