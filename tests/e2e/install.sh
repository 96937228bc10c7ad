# `make install` into a temporary DESTDIR: the installed program runs from
# there and finds its installed data; the example program builds against the
# installed files only (pkg-config, shared and static) and agrees with
# `redline diff`; `make uninstall` removes everything.  The nested make runs
# with a clean environment, so `make asan` installs the ordinary build.
dest=$tmp/dest
p=$dest/usr/local
old=fixtures/2021-09-gymnich-report.txt
new=fixtures/2021-09-letter-gymnich-with-declaration.txt
cleanmake() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u REDLINE_DATA -u BUILD -u OPT -u CFLAGS -u LDFLAGS -u CC \
		make --no-print-directory "$@"
}

if cleanmake install PREFIX=/usr/local DESTDIR="$dest" >"$tmp/make.log" 2>&1; then ok; else
	bad "make install: $(tail -5 "$tmp/make.log")"; fi
for f in bin/redline lib/libredline.a lib/libredline.so lib/libredline.so.0 include/redline.h \
	lib/pkgconfig/redline.pc share/redline/lang/nl/abbreviations.txt share/man/man1/redline.1 \
	share/bash-completion/completions/redline; do
	if [ -e "$p/$f" ]; then ok; else bad "not installed: $f"; fi
done
if objdump -p "$p/lib/libredline.so" | grep -Eq 'SONAME +libredline\.so\.0$'; then ok; else
	bad "soname: $(objdump -p "$p/lib/libredline.so" | grep SONAME)"; fi
expect "$p/lib/pkgconfig/redline.pc" '^prefix=/usr/local$'

# the shared library exports exactly the functions of the public header
grep -ohE '\brl_[a-z0-9_]+ *\(' "$p"/include/*.h | tr -d ' (' | sort -u >"$tmp/api"
nm -D --defined-only "$p/lib/libredline.so" | awk '$2 == "T" {print $3}' | sort -u >"$tmp/exported"
if cmp -s "$tmp/api" "$tmp/exported"; then ok; else
	bad "header and library differ: $(diff "$tmp/api" "$tmp/exported" | grep '^[<>]' | tr '\n' ' ')"; fi

# the installed program, without REDLINE_DATA, uses the installed data
run 0 env -u REDLINE_DATA "$p/bin/redline" --version
expect "$tmp/out" "^data: $p/share/redline\$"
run 1 env -u REDLINE_DATA "$p/bin/redline" diff --format=json "$old" "$new"
cp "$tmp/out" "$tmp/redline.json"

# the example, built only from the installed files
mkdir -p "$tmp/ex"
cp examples/compare.c examples/Makefile "$tmp/ex/"
excc() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL PKG_CONFIG_PATH="$p/lib/pkgconfig" \
		PKG_CONFIG_SYSROOT_DIR="$dest" make --no-print-directory -C "$tmp/ex" "$@"
}
if excc >"$tmp/make.log" 2>&1; then ok; else bad "example: $(tail -5 "$tmp/make.log")"; fi
if LD_LIBRARY_PATH=$p/lib ldd "$tmp/ex/compare" | grep -q "$p/lib/libredline.so.0"; then ok; else
	bad "example does not use the installed shared library"; fi
run 1 env -u REDLINE_DATA LD_LIBRARY_PATH="$p/lib" "$tmp/ex/compare" "$old" "$new"
expect "$tmp/out" "^redline [0-9.]+, data in $p/share/redline\$"
expect "$tmp/out" "^edited old ¶[0-9]+ new ¶[0-9]+ similarity 0\.[0-9]+\$"
expect "$tmp/out" "^    .*\{\+"
expect "$tmp/out" "^links: 18 equal 1 edited 32 inserted\$"
run 1 env -u REDLINE_DATA LD_LIBRARY_PATH="$p/lib" "$tmp/ex/compare" --format=json "$old" "$new"
if cmp -s "$tmp/out" "$tmp/redline.json"; then ok; else bad "example JSON differs from redline diff"; fi
run 0 env LD_LIBRARY_PATH="$p/lib" "$tmp/ex/compare" --format=markdown "$old" "$old"
run 2 env LD_LIBRARY_PATH="$p/lib" "$tmp/ex/compare" "$old" "$tmp/missing.txt"
expect "$tmp/err" "^compare: .*missing\.txt"

# documents from a corpus made with the installed program: REV:NAME
run 0 "$p/bin/redline" init "$tmp/excorpus"
cp "$old" "$tmp/excorpus/doc.txt"
run 0 "$p/bin/redline" -C "$tmp/excorpus" add --date=2021-09-01 doc.txt
cp "$new" "$tmp/excorpus/doc.txt"
run 0 "$p/bin/redline" -C "$tmp/excorpus" add --date=2021-09-02 doc.txt
run 1 "$p/bin/redline" -C "$tmp/excorpus" diff --format=json HEAD~1:doc.txt HEAD:doc.txt
cp "$tmp/out" "$tmp/corpus.json"
expect "$tmp/corpus.json" '"name": "HEAD~1:doc.txt"'
(cd "$tmp/excorpus" && LD_LIBRARY_PATH=$p/lib "$tmp/ex/compare" --format=json HEAD~1:doc.txt HEAD:doc.txt) \
	>"$tmp/out" 2>"$tmp/err"
if cmp -s "$tmp/out" "$tmp/corpus.json"; then ok; else bad "example REV:NAME: $(head -c 300 "$tmp/err")"; fi
(cd "$tmp/excorpus" && LD_LIBRARY_PATH=$p/lib "$tmp/ex/compare" HEAD~1:doc.txt nosuch:doc.txt) \
	>"$tmp/out" 2>"$tmp/err"
expect "$tmp/err" "^compare: .*nosuch"
rm -rf "$tmp/excorpus"

excc clean >/dev/null 2>&1
if excc STATIC=1 >"$tmp/make.log" 2>&1; then ok; else bad "static example: $(tail -5 "$tmp/make.log")"; fi
if ldd "$tmp/ex/compare" | grep -q libredline; then bad "static example needs libredline.so"; else ok; fi
run 1 "$tmp/ex/compare" --format=json "$old" "$new"
if cmp -s "$tmp/out" "$tmp/redline.json"; then ok; else bad "static example JSON differs"; fi

# PREFIX and DESTDIR place every file
cleanmake -n install PREFIX=/opt/rl DESTDIR="$tmp/d2" >"$tmp/make.log" 2>&1
expect "$tmp/make.log" " $tmp/d2/opt/rl/bin/redline\$"
expect "$tmp/make.log" " $tmp/d2/opt/rl/lib/pkgconfig/redline.pc\$"
expect "$tmp/make.log" " $tmp/d2/opt/rl/share/redline/"

if cleanmake uninstall PREFIX=/usr/local DESTDIR="$dest" >"$tmp/make.log" 2>&1; then ok; else
	bad "make uninstall: $(tail -5 "$tmp/make.log")"; fi
left=$(find "$dest" ! -type d | head -5)
if [ -z "$left" ]; then ok; else bad "left after uninstall: $left"; fi
rm -rf "$dest" "$tmp/ex"
