#!/bin/sh
# End-to-end tests: run the built redline binary on fixtures and generated
# inputs and check its output and exit status.
#
#   sh tests/e2e.sh [REDLINE] [SHARED]
#
# Each test file tests/e2e/*.sh is sourced in turn with the helpers below,
# except those named (without .sh) in E2E_SKIP.
bin=${1:-./redline}
shared=${2:-../shared}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
case $shared in /*) ;; *) shared=$(pwd)/$shared ;; esac
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export REDLINE_DATA="$top/data"
unset NO_COLOR

pass=0
fail=0
current=""

ok() {
	pass=$((pass + 1))
}

bad() {
	fail=$((fail + 1))
	echo "FAIL [$current]: $*"
}

# run EXPECTED_STATUS CMD... : run and keep stdout/stderr in $tmp/out, $tmp/err
run() {
	want=$1
	shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		bad "exit $got, wanted $want: $* ($(head -c 300 "$tmp/err"))"
		return 1
	fi
	ok
	return 0
}

# expect FILE PATTERN : grep -E must match
expect() {
	if grep -Eq -- "$2" "$1"; then ok; else bad "$1 lacks /$2/: $(head -c 300 "$1")"; fi
}

# reject FILE PATTERN : grep -E must not match
reject() {
	if grep -Eq -- "$2" "$1"; then bad "$1 has /$2/"; else ok; fi
}

# lines FILE N : exactly N lines
lines() {
	n=$(wc -l <"$1")
	if [ "$n" -eq "$2" ]; then ok; else bad "$1 has $n lines, wanted $2"; fi
}

for t in "$top"/tests/e2e/*.sh; do
	current=$(basename "$t" .sh)
	case " $E2E_SKIP " in *" $current "*) echo "e2e: skipped $current (E2E_SKIP)"; continue ;; esac
	cd "$top" || exit 2
	. "$t"
done
cd "$top" || exit 2

echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
