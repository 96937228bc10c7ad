#!/bin/sh
# Make the programs that some tests drive available: headless Chromium
# (the HTML report in a real browser) and cmark-gfm (GitHub's Markdown
# parser, for the Markdown report).  Debian package = program name.
#
#   sh tests/setup-tools.sh PROGRAM...
#
# Missing ones are installed with apt-get when run as root; otherwise the
# reason is printed and the exit status is 1, so the caller skips.
missing=""
for p in "$@"; do
	command -v "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "installing for the tests:$missing"
	# shellcheck disable=SC2086
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing; } >/dev/null 2>&1
	for p in $missing; do
		command -v "$p" >/dev/null 2>&1 || { echo "apt-get install $p failed"; exit 1; }
	done
	exit 0
fi
echo "not installed:$missing, and not root to install it; run 'sudo apt-get install -y$missing'"
exit 1
