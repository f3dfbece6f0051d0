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
PREFIX   ?= /usr/local
VERSION  := $(shell cat VERSION)
# pkg-config runs when a recipe first needs its answer, after `make deps`
# installed it, and then once only: each variable below replaces itself with
# its value on first use (rather than running pkg-config again in each of
# some 150 compile commands).
once = $(eval $(1) := $(shell $(2)))$($(1))
# The project's own flags, then the user's CPPFLAGS/CFLAGS/LDFLAGS (a packager's
# `make CFLAGS=...` adds to them, never replaces them). Warnings are errors
# in the project's own builds (`make check`, CI: WERROR=-Werror), not in a
# packager's plain `make`.
CFLAGS   ?= -O2 -g
WERROR   ?=
PKG_CFLAGS = $(call once,PKG_CFLAGS,pkg-config --cflags $(PKGS) 2>/dev/null)
NSF_CFLAGS = -std=gnu11 -Wall -Wextra $(WERROR) -D_GNU_SOURCE -I. $(PKG_CFLAGS) \
            -DNSF_VERSION='"$(VERSION)"'
ALL_CFLAGS = $(NSF_CFLAGS) $(CPPFLAGS) $(CFLAGS)
# Every symbol bound when the program starts (-z now), not at its first
# call: the runner binds once, and the case, agent and tool processes it
# forks inherit the bound tables instead of each looking the symbols up
# again and copying the pages they write to (each such copy-on-write fault
# costs ~23 us on a paravirtualised MMU). Whole suite: CPU time ratio 0.96.
ALL_LDFLAGS = -Wl,-z,now $(LDFLAGS)
LDLIBS    = $(call once,LDLIBS,pkg-config --libs libmnl libnftables zlib jansson 2>/dev/null)
# report/ writes and reads JSON with jansson: the one library the pure parts use.
PURE_LIBS = $(call once,PURE_LIBS,pkg-config --libs jansson 2>/dev/null)
SANITIZE  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# The parts, bottom first (docs/ARCHITECTURE.md). The pure ones (util, lang,
# report) need no library: their tests and the fuzz target link nothing else.
PURE_SRC  = $(wildcard util/*.c lang/*.c report/*.c)
LIB_SRC   = $(PURE_SRC) $(wildcard netns/*.c actions/*.c engine/*.c)
CLI_SRC   = $(wildcard cli/*.c)
# The case language and the two parts of util/ it uses (error names, TCP
# segments): all the fuzz targets compile. An include of another util/
# header from lang/ fails their link, naming the symbol.
LANG_SRC  = $(wildcard lang/*.c) util/errnames.c util/tcpseg.c
HEADERS   = $(wildcard */*.h)
UNIT_PURE = tests/runner.c $(wildcard tests/pure/*.c)
UNIT_SYS  = tests/runner.c $(wildcard tests/system/*.c)

CASES    ?= cases
RUNFLAGS ?=
# The fuzz target: `make fuzz` runs it for FUZZ_SECONDS and keeps what it
# finds in tests/fuzz/corpus; `make check` runs it briefly on a copy.
FUZZ_SECONDS ?= 600
# make check's run is a regression check, not a search: libFuzzer first
# replays every input of tests/fuzz/corpus (each past finding and the
# coverage it reached), the corpus cases and tests/meta under ASan and UBSan
# (under a second), then mutates for what is left of FUZZ_CHECK_SECONDS; the
# search for new inputs is `make fuzz`'s 600 s. It runs the front-end target
# only (file -> plan, which parses with case_parse as the parse target does):
# on two cores, a second target's CPU would be taken from the stages beside it.
FUZZ_CHECK_SECONDS ?= 5
FUZZ_CHECK_TARGETS = front

# `make matrix`: the suite on other kernels under qemu (ci/kernel-matrix/).
DEB_MATRIX = qemu-system-x86 xz-utils zstd jq
KERNELS  ?= bookworm trixie sid

.PHONY: all run check bench layout unit fuzz deps consumers-deps clean install container-check matrix matrix-deps matrix-render matrix-selftest soak mutate
all: build/nsfault

build/nsfault: $(LIB_SRC) $(CLI_SRC) $(HEADERS)
	@mkdir -p build
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(LIB_SRC) $(CLI_SRC) $(LDLIBS)

# The man page and the bash completion come from the binary's own tables.
build/nsfault.1: build/nsfault
	./build/nsfault --man >$@
build/nsfault.bash: build/nsfault
	./build/nsfault --bash-completion >$@

# The sanitizer build (`make check`, `make unit`): every source compiled
# once, at -Og, into build/asan/obj; the three programs link the same
# objects. -Og, not the sanitizers' usual -O1: it compiles the instrumented
# code in about two thirds of the CPU time (-O1 took 39 CPU-s for all of
# make check's objects here, -Og 26, -O0 17), keeps every check, and unlike
# -O0 still runs the flow analysis -Wmaybe-uninitialized needs. -g1: the
# line tables, all a sanitizer's report needs for file:line, without the
# rest of the debug information (CPU time ratio 0.88 against -g; `make
# ASAN_DEBUG=-g` for a debugger). -MMD: each object's headers, so a changed
# header rebuilds only what includes it.
ASAN_CFLAGS = $(ALL_CFLAGS) -Og $(ASAN_DEBUG) $(SANITIZE)
ASAN_DEBUG ?= -g1
ASAN_OBJ  = build/asan/obj
asan_obj  = $(patsubst %.c,$(ASAN_OBJ)/%.o,$(1))
$(ASAN_OBJ)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) -MMD -MP -c -o $@ $<

build/asan/nsfault: $(call asan_obj,$(LIB_SRC) $(CLI_SRC))
	$(CC) $(ASAN_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS)

# No $(LDLIBS) here on purpose: the pure parts must link without them (but
# for jansson, which report/ uses for JSON results).
build/asan/unit-pure: $(call asan_obj,$(PURE_SRC) $(UNIT_PURE))
	$(CC) $(ASAN_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(PURE_LIBS) -lcunit

build/asan/unit-system: $(call asan_obj,$(LIB_SRC) $(UNIT_SYS))
	$(CC) $(ASAN_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS) -lcunit

# The fuzz targets: lang/ and util/ compiled once with clang for libFuzzer
# (fuzzer-no-link: coverage without a second main), shared by both targets,
# in build/fuzz for `make fuzz`'s search. make check's short run, which
# mostly replays the corpus, has its own build in build/fuzz-check: -O0 and
# line tables only (enough for a report's file:line), which compiles in 0.73x
# the CPU time of -O1 -g.
FUZZ_SAN  = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS = $(NSF_CFLAGS) $(CPPFLAGS) -g -O1 $(FUZZ_SAN)
FUZZ_CHECK_CFLAGS = $(NSF_CFLAGS) $(CPPFLAGS) -gline-tables-only -O0 $(FUZZ_SAN)
fuzz_obj  = $(patsubst %.c,build/fuzz/obj/%.o,$(1))
fuzz_check_obj = $(patsubst %.c,build/fuzz-check/obj/%.o,$(1))
build/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<
build/fuzz-check/obj/%.o: %.c
	@mkdir -p $(@D)
	clang $(FUZZ_CHECK_CFLAGS) -MMD -MP -c -o $@ $<

build/fuzz/parse: $(call fuzz_obj,$(LANG_SRC) tests/fuzz/fuzz_parse.c)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^

# The whole front end: bytes -> Case -> variants, with the language's bounds
# checked on every Case that parses.
build/fuzz/front: $(call fuzz_obj,$(LANG_SRC) tests/fuzz/fuzz_front.c)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^
build/fuzz-check/front: $(call fuzz_check_obj,$(LANG_SRC) tests/fuzz/fuzz_front.c)
	clang $(FUZZ_CHECK_CFLAGS) -fsanitize=fuzzer -o $@ $^

-include $(wildcard $(ASAN_OBJ)/*/*.d $(ASAN_OBJ)/tests/*/*.d build/fuzz*/obj/*/*.d build/fuzz*/obj/tests/*/*.d)

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

# The tests: the layout, the framework's own unit and meta tests, the record
# and report-consumer tests, the leak and isolation test, a short fuzz run,
# then the case suite, all on one sanitizer build. The stages are targets of
# their own, run by one make -j: each starts as soon as what it needs is
# built, and the tests that mostly wait on the kernel (namespaces, timers)
# run side by side. The suite starts after all of them; -O prints each
# stage's output whole when it ends.
CHECK_STAGES = check-layout check-unit-pure check-unit-stale check-unit-system check-record check-consumers \
	check-leaks check-fuzz check-suite
# The report consumers' fetch (one download and decompression, a fresh
# clone only) is named first: make starts goals in order, so listed among
# check-consumers' prerequisites it started only after some 150 compiles
# (make -n's order), and ended well after the build.
check: deps
	@$(MAKE) --no-print-directory -j$(CHECK_JOBS) -Otarget WERROR=-Werror consumers-deps $(CHECK_STAGES)
# Enough make jobs for every stage at once plus compilers for both cores.
CHECK_JOBS ?= 10

.PHONY: $(CHECK_STAGES)
# Runs a stage's command and says how long it took and how much CPU time it
# used (the recipe shell's reaped children: fields 16 and 17 of its /proc
# stat): the breakdown of where make check's time goes, printed with the
# stage's output.
define timed
	@echo '$(1)'; s=$$(date +%s%N); $(1); rc=$$?; \
	cpu=$$(sed 's/.*) //' /proc/$$$$/stat | awk -v hz=$$(getconf CLK_TCK) '{ printf "%.1f", ($$14 + $$15) / hz }'); \
	echo "$@: $$(( ($$(date +%s%N) - s) / 1000000 )) ms, CPU $$cpu s, exit $$rc"; exit $$rc
endef
check-layout:
	$(call timed,$(MAKE) --no-print-directory layout)
check-unit-pure: build/asan/unit-pure
	$(call timed,./build/asan/unit-pure)
# The unit-system and leak tests look for processes of the binary they run
# (by its path) after each run: each gets a copy of its own, so that the
# stages beside it, running build/asan/nsfault, never count as its leftovers.
build/asan/own/%/nsfault: build/asan/nsfault
	@mkdir -p $(@D)
	cp $< $@
# unit-system's freezer and container suites are a stage of their own, which
# the rest of unit-system and the leak test wait for (in make check). Their
# tests of stale cgroups no longer need it (they tell a cgroup another run
# removed first, as every run does at its start, from one nsfault failed to
# handle), but it is faster: with every stage started at once, make check
# took 72.8 s median against 67.3 s (3 pairs), unit-system and the leak
# test each stretched to 35-50 s by all that ran beside them.
UNIT_STALE_SUITES = freezer,containers
check-unit-stale: build/asan/unit-system build/asan/own/unit-stale/nsfault
	$(call timed,NSFAULT_SUITES=$(UNIT_STALE_SUITES) NSFAULT=build/asan/own/unit-stale/nsfault ./build/asan/unit-system)
check-unit-system: build/asan/unit-system build/asan/own/unit/nsfault
	$(call timed,NSFAULT_SUITES=-$(UNIT_STALE_SUITES) NSFAULT=build/asan/own/unit/nsfault ./build/asan/unit-system)
check-record: build/asan/nsfault
	$(call timed,sh tests/record/check-record.sh build/asan/nsfault)
check-consumers: build/asan/nsfault build/consumers/emit consumers-deps
	$(call timed,sh tests/consumers/check.sh build/asan/nsfault)
check-leaks: build/asan/own/leaks/nsfault
	$(call timed,NSFAULT=build/asan/own/leaks/nsfault sh tests/system/leaks.sh)
check-fuzz: $(FUZZ_CHECK_TARGETS:%=build/fuzz-check/%)
	$(call timed,$(MAKE) --no-print-directory fuzz FUZZ_DIR=build/fuzz-check FUZZ_TARGETS='$(FUZZ_CHECK_TARGETS)' FUZZ_SECONDS=$(FUZZ_CHECK_SECONDS) FUZZ_KEEP=)
# In make check (which asks for every stage) the suite starts as soon as
# the binary is linked, beside the other stages: its timing windows hold
# with every CPU saturated (`make soak` runs it under stress-ng), so what
# runs beside it cannot change its verdict, and on two cores the stages that
# mostly wait on kernel timers (unit-system, leaks, the suite itself) would
# otherwise leave a core idle for half of make check.
# The leak test runs beside the rest: it counts only the stale cgroups of
# its own runs (a freezer cgroup's name ends with its runner's pid and start
# time), so what the other stages' runs leave or remove does not change its
# verdict.
ifneq ($(filter check-unit-stale,$(MAKECMDGOALS)),)
check-leaks check-unit-system: | check-unit-stale
# The clang objects of the fuzz target are compiled once unit-stale has
# run: the sanitizer build, unit-stale, then the leak test, is make check's
# longest path. Compiled beside the sanitizer objects they took half the CPU
# those needed, and beside unit-stale their make jobs took every job slot,
# so that unit-stale started 18 s after its program was linked. The fuzz
# stage itself is short and has time enough beside the rest.
$(call fuzz_check_obj,$(LANG_SRC) tests/fuzz/fuzz_front.c): | check-unit-stale
endif
check-suite: build/asan/nsfault
	$(call timed,./build/asan/nsfault run $(RUNFLAGS) $(CASES))

unit: deps
	@$(MAKE) --no-print-directory -j2 WERROR=-Werror build/asan/unit-pure build/asan/unit-system build/asan/nsfault
	./build/asan/unit-pure
	./build/asan/unit-system

# The benchmark (not in check): tests/bench/bench.sh prints the pair
# topology made three ways side by side, the per-variant overhead, and the
# suite's wall time against its longest variant. The pair program links
# netns/ and util/ only, built as the binary users run (-O2, no sanitizer).
BENCH_SRC = tests/bench/pair.c $(wildcard netns/*.c util/*.c)
build/bench/pair: $(BENCH_SRC) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $(BENCH_SRC) $(LDLIBS)

bench: deps
	@$(MAKE) --no-print-directory build/nsfault build/bench/pair
	sh tests/bench/bench.sh

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
# (get-tap-parser.sh: npm ci, into build/, nothing global), and the kernel's
# kunit_parser.py out of Debian's linux-source package (get-kunit.sh). Each
# is fetched once per machine and kept in a cache outside the tree; one that
# cannot be had (no npm, no network) is skipped by check.sh, saying why.
consumers-deps: build/consumers/node/node_modules/tap-parser/package.json build/consumers/kunit/kunit_parser.py

build/consumers/node/node_modules/tap-parser/package.json: tests/consumers/node/package.json tests/consumers/node/package-lock.json
	@sh tests/consumers/get-tap-parser.sh build/consumers/node

build/consumers/kunit/kunit_parser.py:
	@sh tests/consumers/get-kunit.sh build/consumers/kunit

# Every kind of result through the real reporters, for the consumers' test:
# linked from make check's sanitizer objects (compiled once for all its
# programs), so it costs make check one compile, not the pure parts again.
build/consumers/emit: $(call asan_obj,$(PURE_SRC) tests/consumers/emit.c)
	@mkdir -p build/consumers
	$(CC) $(ASAN_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(PURE_LIBS)

# Which part may include which, and no cycle between modules; the second
# script proves the first fails on a forbidden include.
layout:
	sh tests/arch/check-layout.sh
	sh tests/arch/selftest.sh
	sh tests/arch/check-spdx.sh

# Each target runs FUZZ_SECONDS. New inputs go to tests/fuzz/corpus (commit
# them) unless FUZZ_KEEP is empty, then to a scratch directory. A crash
# leaves crash-* in $(FUZZ_DIR) (build/fuzz): add it to the corpus and a
# regression test to tests/pure/test_parser.c.
FUZZ_KEEP ?= tests/fuzz/corpus
FUZZ_TARGETS = parse front
# Both targets at once, one per core; a run whose log lacks INITED stopped
# before it had replayed the whole corpus, and fails.
FUZZ_DIR ?= build/fuzz
fuzz: $(FUZZ_TARGETS:%=$(FUZZ_DIR)/%)
	@for t in $(FUZZ_TARGETS); do \
	  ( out="$(FUZZ_KEEP)"; [ -n "$$out" ] || out=$$(mktemp -d); mkdir -p "$$out"; \
	    ./$(FUZZ_DIR)/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=5 -print_final_stats=1 \
	      -artifact_prefix=$(FUZZ_DIR)/ "$$out" tests/fuzz/corpus cases tests/meta 2>$(FUZZ_DIR)/log-$$t.txt; \
	    rc=$$?; [ -n "$(FUZZ_KEEP)" ] || rm -rf "$$out"; echo $$rc >$(FUZZ_DIR)/rc-$$t ) & \
	done; wait; bad=0; \
	for t in $(FUZZ_TARGETS); do \
	  echo "fuzzing $$t for $(FUZZ_SECONDS) s"; tail -n 12 $(FUZZ_DIR)/log-$$t.txt; \
	  [ "$$(cat $(FUZZ_DIR)/rc-$$t)" = 0 ] || bad=1; \
	  grep -q INITED $(FUZZ_DIR)/log-$$t.txt || { echo "fuzz: $$t stopped before it replayed the whole corpus"; bad=1; }; \
	done; exit $$bad

# `make check` in a Debian 12 container under each common container profile
# (privileged, Docker's defaults with and without SYS_ADMIN, Podman's, non-root),
# then one table of what ran, passed, skipped and failed. Needs root; not part
# of `make check`. See ci/container-check.sh.
container-check:
	RUNFLAGS='$(RUNFLAGS)' bash ci/container-check.sh

# Installs the Debian packages $(1) only when one is missing; $(2) names the
# target in messages. One dpkg-query for all of them, not one per package:
# make check and make run start with this.
define install_missing
	@have=" $$(dpkg-query -W -f='$${Status} $${Package}\n' $(1) 2>/dev/null | awk '$$3 == "installed" { printf "%s ", $$4 }')"; \
	missing=""; \
	for p in $(1); do case "$$have" in *" $$p "*) ;; *) missing="$$missing $$p" ;; esac; done; \
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
