# SPDX-License-Identifier: GPL-2.0-only
# nsfault — see README.md. `make` builds build/nsfault; `sudo make run` runs the
# case suite; `sudo make check` runs the layout check, the unit tests, a short
# fuzz run and the case suite, built with AddressSanitizer and UBSan.

CC       ?= gcc
PKGS      = libmnl libnftables zlib cunit jansson
# Debian packages: build, then runtime-only (iproute2 for diagnostics, the
# firewall tools for iptables-backed variants), then what only `make check`
# needs (clang and its libFuzzer runtime for the fuzz target; xmllint and
# perl's core TAP::Parser and JSON::PP, tap.py and junitparser for the report
# consumers' test; tcpdump reads a failed case's capture back).
DEB_BUILD = gcc make pkg-config libmnl-dev libnftables-dev zlib1g-dev libcunit1-dev libjansson-dev
DEB_RUN   = iproute2 iptables nftables
DEB_CHECK = clang libclang-rt-dev binutils libxml2-utils perl tcpdump python3-tap python3-more-itertools python3-yaml \
            python3-junitparser
# Recursive (=) on purpose: pkg-config must run after `make deps` installed it.
PREFIX   ?= /usr/local
VERSION   = $(shell cat VERSION)
# The project's own flags, then the user's CPPFLAGS/CFLAGS/LDFLAGS (a packager's
# `make CFLAGS=...` adds to them, never replaces them). Warnings are errors
# in the project's own builds (`make check`, CI: WERROR=-Werror), not in a
# packager's plain `make`.
CFLAGS   ?= -O2 -g
WERROR   ?=
NSF_CFLAGS = -std=gnu11 -Wall -Wextra $(WERROR) -D_GNU_SOURCE -I. $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
            -DNSF_VERSION='"$(VERSION)"'
ALL_CFLAGS = $(NSF_CFLAGS) $(CPPFLAGS) $(CFLAGS)
LDLIBS    = $(shell pkg-config --libs libmnl libnftables zlib jansson 2>/dev/null)
# report/ writes and reads JSON with jansson: the one library the pure parts use.
PURE_LIBS = $(shell pkg-config --libs jansson 2>/dev/null)
SANITIZE  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# The parts, bottom first (docs/ARCHITECTURE.md). The pure ones (util, lang,
# report) need no library: their tests and the fuzz target link nothing else.
PURE_SRC  = $(wildcard util/*.c lang/*.c report/*.c)
LIB_SRC   = $(PURE_SRC) $(wildcard netns/*.c actions/*.c engine/*.c)
CLI_SRC   = $(wildcard cli/*.c)
LANG_SRC  = $(wildcard util/*.c lang/*.c)
HEADERS   = $(wildcard */*.h)
UNIT_PURE = tests/runner.c $(wildcard tests/pure/*.c)
UNIT_SYS  = tests/runner.c $(wildcard tests/system/*.c)

CASES    ?= cases
RUNFLAGS ?=
# The fuzz target: `make fuzz` runs it for FUZZ_SECONDS and keeps what it
# finds in tests/fuzz/corpus; `make check` runs it briefly on a copy.
FUZZ_SECONDS ?= 600
FUZZ_CHECK_SECONDS ?= 10

# `make matrix`: the suite on other kernels under qemu (ci/kernel-matrix/).
DEB_MATRIX = qemu-system-x86 xz-utils zstd jq
KERNELS  ?= bookworm trixie sid

.PHONY: all run check layout unit fuzz deps consumers-deps clean install container-check matrix matrix-deps matrix-render matrix-selftest soak mutate
all: build/nsfault

build/nsfault: $(LIB_SRC) $(CLI_SRC) $(HEADERS)
	@mkdir -p build
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(LIB_SRC) $(CLI_SRC) $(LDLIBS)

# The man page and the bash completion come from the binary's own tables.
build/nsfault.1: build/nsfault
	./build/nsfault --man >$@
build/nsfault.bash: build/nsfault
	./build/nsfault --bash-completion >$@

build/asan/nsfault: $(LIB_SRC) $(CLI_SRC) $(HEADERS)
	@mkdir -p build/asan
	$(CC) $(ALL_CFLAGS) $(SANITIZE) $(LDFLAGS) -o $@ $(LIB_SRC) $(CLI_SRC) $(LDLIBS)

# No $(LDLIBS) here on purpose: the pure parts must link without them (but
# for jansson, which report/ uses for JSON results).
build/asan/unit-pure: $(PURE_SRC) $(UNIT_PURE) $(HEADERS)
	@mkdir -p build/asan
	$(CC) $(ALL_CFLAGS) $(SANITIZE) $(LDFLAGS) -o $@ $(PURE_SRC) $(UNIT_PURE) $(PURE_LIBS) -lcunit

build/asan/unit-system: $(LIB_SRC) $(UNIT_SYS) $(HEADERS)
	@mkdir -p build/asan
	$(CC) $(ALL_CFLAGS) $(SANITIZE) $(LDFLAGS) -o $@ $(LIB_SRC) $(UNIT_SYS) $(LDLIBS) -lcunit

build/fuzz/parse: $(LANG_SRC) tests/fuzz/fuzz_parse.c $(HEADERS)
	@mkdir -p build/fuzz
	clang $(NSF_CFLAGS) $(CPPFLAGS) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -o $@ $(LANG_SRC) tests/fuzz/fuzz_parse.c

# The whole front end: bytes -> Case -> variants, with the language's bounds
# checked on every Case that parses.
build/fuzz/front: $(LANG_SRC) tests/fuzz/fuzz_front.c $(HEADERS)
	@mkdir -p build/fuzz
	clang $(NSF_CFLAGS) $(CPPFLAGS) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -o $@ $(LANG_SRC) tests/fuzz/fuzz_front.c

# The main job: every case against the running kernel.
run: deps
	@$(MAKE) --no-print-directory build/nsfault
	./build/nsfault run $(RUNFLAGS) $(CASES)

# Mutation-tests the corpus: which assertions cannot fail (README.md). Not
# part of `check`: it runs every case many times over, for minutes.
MUTATEFLAGS ?= -j 32
mutate: deps
	@$(MAKE) --no-print-directory build/nsfault
	./build/nsfault mutate $(MUTATEFLAGS) $(CASES)

# The tests: the layout, the framework's own unit and meta tests, a short fuzz
# run, then the case suite.
check: deps
	@$(MAKE) --no-print-directory layout
	@$(MAKE) --no-print-directory -j2 WERROR=-Werror build/asan/unit-pure build/asan/unit-system build/asan/nsfault build/fuzz/parse build/fuzz/front
	./build/asan/unit-pure
	./build/asan/unit-system
	sh tests/record/check-record.sh build/asan/nsfault
	@$(MAKE) --no-print-directory consumers-deps build/consumers/emit
	sh tests/consumers/check.sh build/asan/nsfault
	NSFAULT=build/asan/nsfault sh tests/system/leaks.sh
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_CHECK_SECONDS) FUZZ_KEEP=
	./build/asan/nsfault run $(RUNFLAGS) $(CASES)

unit: deps
	@$(MAKE) --no-print-directory -j2 WERROR=-Werror build/asan/unit-pure build/asan/unit-system build/asan/nsfault
	./build/asan/unit-pure
	./build/asan/unit-system

# The flake hunt (not in check): the whole suite SOAK times at the default
# parallelism with every CPU saturated by stress-ng; prints every variant
# whose verdict ever differed, with its failing step.
SOAK ?= 50
soak: deps build/nsfault
	@command -v stress-ng >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq --no-install-recommends stress-ng >/dev/null; } || \
	    { echo "make soak: needs stress-ng (sudo apt-get install stress-ng)"; exit 1; }
	sh tests/soak.sh $(SOAK) $(CASES)

# The report consumers that are not Debian packages (tests/consumers/check.sh):
# node's tap-parser at the version tests/consumers/node's lock file pins
# (npm ci, into build/, nothing global), and the kernel's kunit_parser.py out
# of Debian's linux-source package (get-kunit.sh). Each is fetched once; one
# that cannot be had (no npm, no network) is skipped by check.sh, saying why.
consumers-deps: build/consumers/node/node_modules/tap-parser/package.json build/consumers/kunit/kunit_parser.py

build/consumers/node/node_modules/tap-parser/package.json: tests/consumers/node/package.json tests/consumers/node/package-lock.json
	@mkdir -p build/consumers/node
	@cp tests/consumers/node/package.json tests/consumers/node/package-lock.json build/consumers/node/
	@if command -v npm >/dev/null 2>&1; then \
	  (cd build/consumers/node && npm ci --no-audit --no-fund --silent) || echo "make consumers-deps: npm ci failed: tap-parser will not be checked"; \
	else echo "make consumers-deps: no npm (apt-get install npm): tap-parser will not be checked"; fi

build/consumers/kunit/kunit_parser.py:
	@sh tests/consumers/get-kunit.sh build/consumers/kunit

# Every kind of result through the real reporters, for the consumers' test.
build/consumers/emit: $(PURE_SRC) tests/consumers/emit.c $(HEADERS)
	@mkdir -p build/consumers
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(PURE_SRC) tests/consumers/emit.c $(PURE_LIBS)

# Which part may include which, and no cycle between modules; the second
# script proves the first fails on a forbidden include.
layout:
	sh tests/arch/check-layout.sh
	sh tests/arch/selftest.sh
	sh tests/arch/check-spdx.sh

# Each target runs FUZZ_SECONDS. New inputs go to tests/fuzz/corpus (commit
# them) unless FUZZ_KEEP is empty, then to a scratch directory. A crash
# leaves crash-* in build/fuzz/: add it to the corpus and a regression test
# to tests/pure/test_parser.c.
FUZZ_KEEP ?= tests/fuzz/corpus
FUZZ_TARGETS = parse front
fuzz: $(FUZZ_TARGETS:%=build/fuzz/%)
	@for t in $(FUZZ_TARGETS); do \
	  out="$(FUZZ_KEEP)"; [ -n "$$out" ] || out=$$(mktemp -d); mkdir -p "$$out"; \
	  echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  ./build/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=5 -print_final_stats=1 \
	      -artifact_prefix=build/fuzz/ "$$out" tests/fuzz/corpus cases tests/meta 2>build/fuzz/log-$$t.txt; \
	  rc=$$?; tail -n 12 build/fuzz/log-$$t.txt; \
	  [ -n "$(FUZZ_KEEP)" ] || rm -rf "$$out"; [ $$rc = 0 ] || exit $$rc; \
	done

# `make check` in a Debian 12 container under each common container profile
# (privileged, Docker's defaults with and without SYS_ADMIN, Podman's, non-root),
# then one table of what ran, passed, skipped and failed. Needs root; not part
# of `make check`. See ci/container-check.sh.
container-check:
	RUNFLAGS='$(RUNFLAGS)' bash ci/container-check.sh

# Installs the Debian packages $(1) only when one is missing; $(2) names the
# target in messages.
define install_missing
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make $(2): installing$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make $(2): need root to install$$missing (try: sudo make $(2))"; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	fi
endef

deps:
	$(call install_missing,$(DEB_BUILD) $(DEB_RUN) $(DEB_CHECK),deps)
	@pkg-config --exists $(PKGS) || { echo "make deps: pkg-config cannot find: $(PKGS)"; exit 1; }

# Issue 9: every case on each of KERNELS (Debian suites, suite:package, or
# custom with KERNEL= MODULES= CONFIG=) booted under qemu, and on the running
# kernel; see ci/kernel-matrix/README.md for the other variables.
matrix: deps matrix-deps
	@$(MAKE) --no-print-directory build/nsfault
	KERNELS="$(KERNELS)" ci/kernel-matrix/matrix.sh

# The summary again, from the results a matrix run left.
matrix-render:
	ci/kernel-matrix/render.sh

# The renderer on made-up results (no qemu, no root): ci/kernel-matrix/selftest.sh.
matrix-selftest:
	ci/kernel-matrix/selftest.sh

matrix-deps:
	$(call install_missing,$(DEB_MATRIX),matrix-deps)

# The binary finds its corpus in ../share/nsfault/cases beside itself, so any
# PREFIX works after a plain `make`.
install: build/nsfault build/nsfault.1 build/nsfault.bash
	install -D -m 0755 build/nsfault $(DESTDIR)$(PREFIX)/bin/nsfault
	install -D -m 0644 build/nsfault.1 $(DESTDIR)$(PREFIX)/share/man/man1/nsfault.1
	install -D -m 0644 build/nsfault.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/nsfault
	install -d $(DESTDIR)$(PREFIX)/share/nsfault
	cp -r cases $(DESTDIR)$(PREFIX)/share/nsfault/

clean:
	rm -rf build
