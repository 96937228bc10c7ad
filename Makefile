# redline — plain Makefile.  `make run` and `make test` do all set-up on a
# fresh Debian machine: missing packages are installed with apt-get when run
# as root, otherwise the exact command is printed and make stops.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
INSTALL ?= install
CC ?= cc
PKG_CONFIG ?= pkg-config
SHARED ?= ../shared

# Debian packages needed to build and test.
PACKAGES = build-essential pkg-config libgit2-dev libutf8proc-dev libcmocka-dev \
           libstemmer-dev hunspell-nl python3 git groff-base

PKGS = libgit2 libutf8proc
WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
OPT ?= -O2 -g
CFLAGS ?= $(OPT)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Iinclude -Isrc -I$(BUILD)/gen \
             $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) \
             -DRL_DATADIR='"$(DATADIR)/redline"'
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -lstemmer -lm -lpthread
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

BUILD ?= build
CLI_SRC = $(wildcard src/cli*.c) $(wildcard src/cmd_*.c)
LIB_SRC = $(filter-out $(CLI_SRC),$(wildcard src/*.c))
LIB_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
CLI_OBJ = $(CLI_SRC:src/%.c=$(BUILD)/%.o)
TEST_SRC = $(wildcard tests/test_*.c)
TEST_BIN = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
LIBA = $(BUILD)/libredline.a

.PHONY: all run test unit e2e asan asan-inner tsan tsan-inner deps deps-check deps-tools screenshot clean install uninstall bench \
        fuzz fuzz-build valgrind shared FORCE

all: deps-check redline libredline.a

# ---- set-up ---------------------------------------------------------------

deps:
	@missing=""; for p in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else \
			echo "redline needs these packages; run as root:"; \
			echo "  sudo apt-get install -y$$missing"; \
			exit 1; \
		fi; \
	fi

# Programs some tests drive (headless Chromium for the HTML report,
# cmark-gfm for the Markdown): installed when run as root; otherwise those
# tests say that they were skipped and why.
TEST_TOOLS = chromium cmark-gfm
deps-tools:
	@sh tests/setup-tools.sh $(TEST_TOOLS) || true

deps-check:
	@$(PKG_CONFIG) --exists $(PKGS) || { echo "missing libraries: run 'make deps' (or 'make run'/'make test')"; exit 1; }

# ---- build ----------------------------------------------------------------

$(BUILD)/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

# The HTML report's stylesheet and script, embedded as C strings with the
# hashes its Content-Security-Policy pins.
REPORT_ASSETS = data/report/report.css data/report/report.js
$(BUILD)/gen/report_assets.h: data/report/embed.py $(REPORT_ASSETS)
	@mkdir -p $(dir $@)
	python3 data/report/embed.py $@ $(REPORT_ASSETS)

$(BUILD)/render_html.o: $(BUILD)/gen/report_assets.h

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The redline program links libgit2 and the libraries it pulls in (mbedTLS,
# libssh2 with OpenSSL's libcrypto, PCRE2, http-parser, zlib), utf8proc and
# Snowball statically when their archives are there (Debian's -dev packages
# above ship them): a process then starts without the dynamic loader
# resolving some 20 shared libraries: `redline --version` takes 1.7-2.1 ms
# of CPU instead of 4.4-5.0 ms, and an add 7 M fewer instructions.
# src/static/git.c stands in for GSSAPI, which has no archive and which a
# program that never opens a network transport never calls.  STATIC_GIT=auto
# falls back to the shared libraries when the static link fails (saying
# so), =yes insists, =no never tries.  Tests and libredline.so link the
# shared libraries.
STATIC_GIT ?= auto
STATIC_LIBS = -Wl,--wrap=mbedtls_x509_crt_parse_file -Wl,--wrap=git_mbedtls_stream_global_init \
              -Wl,--wrap=git_transport_ssh_global_init \
              -Wl,-Bstatic $(shell $(PKG_CONFIG) --static --libs-only-l $(PKGS) 2>/dev/null) -lcrypto \
              -lstemmer -Wl,-Bdynamic -lm -lpthread -ldl
STATIC_OBJ = $(filter-out $(BUILD)/cli_tls.o,$(CLI_OBJ)) $(BUILD)/static/git.o

$(BUILD)/static/git.o: src/static/git.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/redline: $(CLI_OBJ) $(LIBA) $(BUILD)/static/git.o
	@if [ "$(STATIC_GIT)" != no ] && \
	   $(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(STATIC_OBJ) $(LIBA) $(STATIC_LIBS) 2>$@.static-log; then \
		echo "linked $@ with static libgit2"; \
	elif [ "$(STATIC_GIT)" = yes ]; then \
		cat $@.static-log; exit 1; \
	else \
		[ "$(STATIC_GIT)" = no ] || echo "note: no static libgit2 (see $@.static-log): linking the shared one"; \
		echo "$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBA) $(LIBS)"; \
		$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBA) $(LIBS); \
	fi

libredline.a: $(LIBA)
	cp $< $@

redline: $(BUILD)/redline
	cp $< $@

$(BUILD)/tests/%: tests/%.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) $(LDFLAGS) -MMD -MP -o $@ $< $(LIBA) $(CMOCKA_LIBS) $(LIBS)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d) $(PIC_OBJ:.o=.d)

# ---- the shared library ---------------------------------------------------

# libredline.so.VERSION with soname libredline.so.MAJOR, from position-
# independent copies of the library objects.  Each copy is built after the
# ordinary object, so whatever that one needs first (generated headers) is
# there.  Only the functions declared in the public headers are exported.
VERSION := $(shell sed -n 's/.*define RL_VERSION "\([^"]*\)".*/\1/p' include/redline.h)
SOVERSION = $(firstword $(subst ., ,$(VERSION)))
HEADERS = $(wildcard include/*.h)
PIC_OBJ = $(LIB_SRC:src/%.c=$(BUILD)/pic/%.o)
SO = $(BUILD)/libredline.so.$(VERSION)

$(BUILD)/pic/%.o: src/%.c $(BUILD)/%.o
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC -MMD -MP -c $< -o $@

$(BUILD)/redline.map: $(HEADERS)
	@mkdir -p $(dir $@)
	@{ echo '{ global:'; grep -ohE '\brl_[a-z0-9_]+ *\(' $(HEADERS) | tr -d ' (' | sort -u | \
		sed 's/$$/;/'; echo 'local: *; };'; } >$@

$(SO): $(PIC_OBJ) $(BUILD)/redline.map
	$(CC) -shared $(CFLAGS) $(LDFLAGS) -Wl,-soname,libredline.so.$(SOVERSION) \
		-Wl,--version-script=$(BUILD)/redline.map -Wl,--no-undefined -o $@ $(PIC_OBJ) $(LIBS)

shared: $(SO)

# The install paths are compiled into lang.o (RL_DATADIR) and written into
# redline.pc: both are rebuilt when one changes.
$(BUILD)/paths: FORCE
	@mkdir -p $(dir $@)
	@echo '$(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(DATADIR)' | cmp -s - $@ || \
		echo '$(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(DATADIR)' >$@
$(BUILD)/lang.o: $(BUILD)/paths

$(BUILD)/redline.pc: redline.pc.in $(BUILD)/paths include/redline.h
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))|g' \
		-e 's|@INCLUDEDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))|g' \
		-e 's|@DATADIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(DATADIR))|g' \
		-e 's|@VERSION@|$(VERSION)|g' $< >$@

# ---- install --------------------------------------------------------------

# Data read at run time; data/report holds build inputs (embedded in the
# library), not run-time data.
DATA_FILES = $(filter-out data/report/%,$(shell find data -type f 2>/dev/null | LC_ALL=C sort))

install: all $(SO) $(BUILD)/redline.pc
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	$(INSTALL) -m 755 redline $(DESTDIR)$(BINDIR)/redline
	$(INSTALL) -m 644 libredline.a $(DESTDIR)$(LIBDIR)/libredline.a
	$(INSTALL) -m 755 $(SO) $(DESTDIR)$(LIBDIR)/libredline.so.$(VERSION)
	ln -sf libredline.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libredline.so.$(SOVERSION)
	ln -sf libredline.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libredline.so
	$(INSTALL) -m 644 $(HEADERS) $(DESTDIR)$(INCLUDEDIR)/
	$(INSTALL) -m 644 $(BUILD)/redline.pc $(DESTDIR)$(LIBDIR)/pkgconfig/redline.pc
	$(INSTALL) -m 644 doc/redline.1 $(DESTDIR)$(MANDIR)/man1/redline.1
	$(INSTALL) -m 644 completion/redline.bash $(DESTDIR)$(BASHCOMPDIR)/redline
	for f in $(DATA_FILES); do \
		$(INSTALL) -D -m 644 $$f $(DESTDIR)$(DATADIR)/redline/$${f#data/} || exit 1; \
	done
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null; then ldconfig; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/redline $(DESTDIR)$(LIBDIR)/libredline.a \
		$(DESTDIR)$(LIBDIR)/libredline.so $(DESTDIR)$(LIBDIR)/libredline.so.$(SOVERSION) \
		$(DESTDIR)$(LIBDIR)/libredline.so.$(VERSION) $(DESTDIR)$(LIBDIR)/pkgconfig/redline.pc \
		$(addprefix $(DESTDIR)$(INCLUDEDIR)/,$(notdir $(HEADERS))) \
		$(DESTDIR)$(MANDIR)/man1/redline.1 $(DESTDIR)$(BASHCOMPDIR)/redline
	rm -rf $(DESTDIR)$(DATADIR)/redline

# ---- the main job ---------------------------------------------------------

run: deps
	@$(MAKE) --no-print-directory all
	@sh tests/run-main.sh ./redline

# The screenshot of the seeds report shown in the README.
screenshot: run
	@sh tests/setup-tools.sh chromium
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --disable-quic \
		--hide-scrollbars --user-data-dir="$$(mktemp -d)" --window-size=1400,1000 \
		--screenshot=docs/report.png "file://$$(pwd)/report.html" 2>/dev/null

# ---- tests ----------------------------------------------------------------

test: deps deps-tools
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory unit e2e

unit: $(TEST_BIN)
	@fail=0; for t in $(TEST_BIN); do \
		echo "== $$t"; $$t || fail=1; \
	done; exit $$fail

e2e: redline
	@sh tests/e2e.sh ./redline $(SHARED)

# All tests again with AddressSanitizer and UndefinedBehaviorSanitizer, in a
# build directory of their own.
asan: deps
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
		LDFLAGS="-fsanitize=address,undefined" asan-inner

asan-inner: $(TEST_BIN) $(BUILD)/redline
	@fail=0; for t in $(TEST_BIN); do \
		echo "== $$t (asan)"; ASAN_OPTIONS=detect_leaks=1 $$t || fail=1; \
	done; \
	ASAN_OPTIONS=detect_leaks=1 sh tests/e2e.sh $(BUILD)/redline $(SHARED) || fail=1; exit $$fail

# The threaded paths (two files read at once, the aligner's and compare's
# halves, the JSON renderer's chunks, related mode's jobs) under
# ThreadSanitizer: every unit test and e2e test, a data race fails the run.
tsan: deps
	@$(MAKE) --no-print-directory BUILD=build/tsan OPT="-O1 -g -fsanitize=thread -fno-omit-frame-pointer" \
		LDFLAGS="-fsanitize=thread" tsan-inner

tsan-inner: $(TEST_BIN) $(BUILD)/redline
	@fail=0; for t in $(TEST_BIN); do \
		echo "== $$t (tsan)"; TSAN_OPTIONS="halt_on_error=1 exitcode=66" $$t || fail=1; \
	done; \
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" sh tests/e2e.sh $(BUILD)/redline $(SHARED) || fail=1; exit $$fail

# ---- benchmark ------------------------------------------------------------

# redline beside the word diffs people use today on generated version pairs
# (100 KB, 1 MB, 10 MB) and the 5,000-paragraph related pair, then the
# growth of time over 1, 2, 4 and 8 MB; tables in bench/RESULTS.md.  The
# Debian tools are installed as root; jsdiff and diff-match-patch are timed
# where Node.js is present (versions pinned in bench/package-lock.json,
# installed into bench/node_modules).
BENCH_PACKAGES = time wdiff dwdiff
BENCH_RUNS ?= 3
bench:
	@$(MAKE) --no-print-directory deps PACKAGES="$(PACKAGES) $(BENCH_PACKAGES)"
	@$(MAKE) --no-print-directory all
	@if command -v npm >/dev/null && [ ! -d bench/node_modules/diff-match-patch ]; then \
		npm ci --prefix bench --no-audit --no-fund || echo "bench: npm ci failed; the Node.js tools are left out"; \
	fi
	python3 bench/versions.py --runs $(BENCH_RUNS) --related 5000 --markdown 100000 1000000 10000000
	python3 bench/versions.py --runs $(BENCH_RUNS) --only redline,git,wdiff,dwdiff,wc --markdown \
		1000000 2000000 4000000 8000000

# The end-to-end tests again with every run of redline under valgrind's
# memcheck (zero errors, zero definite or indirect leaks), leaving out the
# files in VALGRIND_SKIP: limits and html_browser, whose 10 MB inputs would
# take hours under it, and markdown and corpus_concurrency, which run
# redline hundreds of times (16 minutes together; VALGRIND_SKIP="limits
# html_browser" runs them too).
VALGRIND_SKIP ?= limits html_browser markdown corpus_concurrency
valgrind:
	@$(MAKE) --no-print-directory deps PACKAGES="$(PACKAGES) valgrind"
	@$(MAKE) --no-print-directory all
	@sh tests/valgrind.sh ./redline $(SHARED) $(VALGRIND_SKIP)

# ---- fuzzing --------------------------------------------------------------

# libFuzzer harnesses (fuzz/fuzz_*.c) built with clang, AddressSanitizer and
# UndefinedBehaviorSanitizer; `make fuzz FUZZ_SECONDS=600 FUZZ_ONLY=align`
# runs one of them for ten minutes.
FUZZ_PACKAGES = clang libclang-rt-14-dev
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_ONLY ?=
FUZZ_SRC = $(wildcard fuzz/fuzz_*.c)
FUZZ_OPT = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer

fuzz:
	@$(MAKE) --no-print-directory deps PACKAGES="$(PACKAGES) $(FUZZ_PACKAGES)"
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=$(FUZZ_CC) OPT="$(FUZZ_OPT)" fuzz-build
	@sh fuzz/run.sh build/fuzz $(FUZZ_SECONDS) $(FUZZ_ONLY)

fuzz-build: $(FUZZ_SRC:fuzz/%.c=$(BUILD)/%)

$(BUILD)/fuzz_%: fuzz/fuzz_%.c $(LIBA)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -fsanitize=fuzzer -o $@ $< $(LIBA) $(LIBS)

-include $(FUZZ_SRC:fuzz/%.c=$(BUILD)/%.d)

clean:
	rm -rf build redline libredline.a
