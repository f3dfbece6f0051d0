# nsfault — see README.md. `make` builds build/nsfault; `sudo make run` runs the
# case suite; `sudo make check` runs the layout check, the unit tests, a short
# fuzz run and the case suite, built with AddressSanitizer and UBSan.

CC       ?= gcc
PKGS      = libmnl libnftables zlib cunit
# Debian packages: build, then runtime-only (iproute2 for diagnostics, the
# firewall tools for iptables-backed variants), then what only `make check`
# needs (clang and its libFuzzer runtime for the fuzz target).
DEB_BUILD = gcc make pkg-config libmnl-dev libnftables-dev zlib1g-dev libcunit1-dev
DEB_RUN   = iproute2 iptables nftables
DEB_CHECK = clang libclang-rt-dev binutils
# Recursive (=) on purpose: pkg-config must run after `make deps` installed it.
PREFIX   ?= /usr/local
VERSION   = $(shell cat VERSION)
CFLAGS    = -std=gnu11 -Wall -Wextra -Werror -O2 -g -D_GNU_SOURCE -I. $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
            -DNSF_CASES_DIR='"$(PREFIX)/share/nsfault/cases"' -DNSF_VERSION='"$(VERSION)"'
LDLIBS    = $(shell pkg-config --libs libmnl libnftables zlib 2>/dev/null)
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

.PHONY: all run check layout unit fuzz deps clean install mutate
all: build/nsfault

build/nsfault: $(LIB_SRC) $(CLI_SRC) $(HEADERS)
	@mkdir -p build
	$(CC) $(CFLAGS) -o $@ $(LIB_SRC) $(CLI_SRC) $(LDLIBS)

build/asan/nsfault: $(LIB_SRC) $(CLI_SRC) $(HEADERS)
	@mkdir -p build/asan
	$(CC) $(CFLAGS) $(SANITIZE) -o $@ $(LIB_SRC) $(CLI_SRC) $(LDLIBS)

# No $(LDLIBS) here on purpose: the pure parts must link without them.
build/asan/unit-pure: $(PURE_SRC) $(UNIT_PURE) $(HEADERS)
	@mkdir -p build/asan
	$(CC) $(CFLAGS) $(SANITIZE) -o $@ $(PURE_SRC) $(UNIT_PURE) -lcunit

build/asan/unit-system: $(LIB_SRC) $(UNIT_SYS) $(HEADERS)
	@mkdir -p build/asan
	$(CC) $(CFLAGS) $(SANITIZE) -o $@ $(LIB_SRC) $(UNIT_SYS) $(LDLIBS) -lcunit

build/fuzz/parse: $(LANG_SRC) tests/fuzz/fuzz_parse.c $(HEADERS)
	@mkdir -p build/fuzz
	clang $(filter-out -O2,$(CFLAGS)) -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -o $@ $(LANG_SRC) tests/fuzz/fuzz_parse.c

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
	@$(MAKE) --no-print-directory build/asan/unit-pure build/asan/unit-system build/asan/nsfault build/fuzz/parse
	./build/asan/unit-pure
	./build/asan/unit-system
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(FUZZ_CHECK_SECONDS) FUZZ_KEEP=
	./build/asan/nsfault run $(RUNFLAGS) $(CASES)

unit: deps
	@$(MAKE) --no-print-directory build/asan/unit-pure build/asan/unit-system build/asan/nsfault
	./build/asan/unit-pure
	./build/asan/unit-system

# Which part may include which, and no cycle between modules; the second
# script proves the first fails on a forbidden include.
layout:
	sh tests/arch/check-layout.sh
	sh tests/arch/selftest.sh

# New inputs go to tests/fuzz/corpus (commit them) unless FUZZ_KEEP is empty,
# then to a scratch directory. A crash leaves crash-* in build/fuzz: add it to
# the corpus and a regression test to tests/pure/test_parser.c.
FUZZ_KEEP ?= tests/fuzz/corpus
fuzz: build/fuzz/parse
	@out=$${FUZZ_KEEP:-$$(mktemp -d)}; mkdir -p "$$out"; \
	echo "fuzzing the case parser for $(FUZZ_SECONDS) s"; \
	./build/fuzz/parse -max_total_time=$(FUZZ_SECONDS) -timeout=5 -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/ "$$out" tests/fuzz/corpus cases tests/meta 2>build/fuzz/log.txt; \
	rc=$$?; tail -n 12 build/fuzz/log.txt; \
	[ -n "$(FUZZ_KEEP)" ] || rm -rf "$$out"; exit $$rc

# Installs the Debian packages only when something is missing.
deps:
	@missing=""; \
	for p in $(DEB_BUILD) $(DEB_RUN) $(DEB_CHECK); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make deps: need root to install$$missing (try: sudo make deps)"; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	fi; \
	pkg-config --exists $(PKGS) || { echo "make deps: pkg-config cannot find: $(PKGS)"; exit 1; }

install: build/nsfault
	install -D -m 0755 build/nsfault $(DESTDIR)$(PREFIX)/bin/nsfault
	install -d $(DESTDIR)$(PREFIX)/share/nsfault
	cp -r cases $(DESTDIR)$(PREFIX)/share/nsfault/

clean:
	rm -rf build
