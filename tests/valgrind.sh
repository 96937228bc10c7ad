#!/bin/sh
# The end-to-end tests with every run of redline under valgrind's memcheck:
# an invalid read or write, a use of uninitialised memory, or a definite or
# indirect leak makes that run exit 99 (so its test fails) and is counted
# from the logs at the end.  tests/valgrind.supp holds the one known leak
# of libgit2 1.5 that a test provokes.
#
#   sh tests/valgrind.sh REDLINE SHARED [SKIP...]
#
# SKIP names e2e test files (without .sh) to leave out: those whose inputs
# of 10 MB and more would take hours under memcheck.
bin=$1
shared=$2
shift 2
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
command -v valgrind >/dev/null || { echo "valgrind: not installed (make valgrind installs it as root)"; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/logs"
cat >"$dir/redline" <<WRAP
#!/bin/sh
exec valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \\
	--errors-for-leak-kinds=definite,indirect --track-origins=yes \\
	--suppressions="$(pwd)/tests/valgrind.supp" \\
	--log-file="$dir/logs/vg.%p.log" "$bin" "\$@"
WRAP
chmod +x "$dir/redline"
# tests that copy the program (install_datadir) copy this one, not the wrapper
REDLINE_REAL=$bin E2E_SKIP="$*" sh tests/e2e.sh "$dir/redline" "$shared"
status=$?
runs=$(ls "$dir/logs" | wc -l)
bad=$(grep -l -E "ERROR SUMMARY: [1-9]|are (definitely|indirectly) lost|Invalid|uninitialised|Mismatched|overlap" \
	"$dir/logs"/* 2>/dev/null)
if [ -n "$bad" ]; then
	for f in $bad; do
		echo "--- $f"
		head -n 40 "$f"
	done
	status=1
fi
echo "valgrind: $runs runs of redline under memcheck, $(echo "$bad" | grep -c .) with errors or leaks"
exit $status
