# nsfault — see README.md. `make` builds build/nsfault; `sudo make run` runs the
# case suite; `sudo make check` runs the unit tests, then the case suite, both
# built with AddressSanitizer and UBSan.

CC       ?= gcc
PKGS      = libmnl libnftables zlib cunit
# Debian packages: build, then runtime-only (iproute2 for diagnostics, the
# firewall tools for iptables-backed variants).
DEB_BUILD = gcc make pkg-config libmnl-dev libnftables-dev zlib1g-dev libcunit1-dev
DEB_RUN   = iproute2 iptables nftables
# Recursive (=) on purpose: pkg-config must run after `make deps` installed it.
PREFIX   ?= /usr/local
CFLAGS    = -std=gnu11 -Wall -Wextra -Werror -O2 -g -D_GNU_SOURCE -I. $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
            -DNSF_CASES_DIR='"$(PREFIX)/share/nsfault/cases"' 
LDLIBS    = $(shell pkg-config --libs libmnl libnftables zlib 2>/dev/null)
SANITIZE  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LIB_SRC   = $(wildcard netns/*.c) $(filter-out framework/main.c,$(wildcard framework/*.c))
TEST_SRC  = $(wildcard tests/*.c)
HEADERS   = $(wildcard netns/*.h framework/*.h tests/*.h)

CASES    ?= cases
RUNFLAGS ?=
# `make matrix`: the suite on other kernels under qemu (ci/kernel-matrix/).
DEB_MATRIX = qemu-system-x86 xz-utils zstd
KERNELS  ?= bookworm trixie sid

.PHONY: all run check unit deps clean install matrix matrix-deps matrix-render
all: build/nsfault

build/nsfault: $(LIB_SRC) framework/main.c $(HEADERS)
	@mkdir -p build
	$(CC) $(CFLAGS) -o $@ $(LIB_SRC) framework/main.c $(LDLIBS)

build/asan/nsfault: $(LIB_SRC) framework/main.c $(HEADERS)
	@mkdir -p build/asan
	$(CC) $(CFLAGS) $(SANITIZE) -o $@ $(LIB_SRC) framework/main.c $(LDLIBS)

build/asan/unit: $(LIB_SRC) $(TEST_SRC) $(HEADERS)
	@mkdir -p build/asan
	$(CC) $(CFLAGS) $(SANITIZE) -o $@ $(LIB_SRC) $(TEST_SRC) $(LDLIBS) -lcunit

# The main job: every case against the running kernel.
run: deps
	@$(MAKE) --no-print-directory build/nsfault
	./build/nsfault run $(RUNFLAGS) $(CASES)

# The tests: the framework's own unit and meta tests, then the case suite.
check: deps
	@$(MAKE) --no-print-directory build/asan/unit build/asan/nsfault
	./build/asan/unit
	./build/asan/nsfault run $(RUNFLAGS) $(CASES)

unit: deps
	@$(MAKE) --no-print-directory build/asan/unit build/asan/nsfault
	./build/asan/unit

# Installs the Debian packages only when something is missing.
deps:
	@missing=""; \
	for p in $(DEB_BUILD) $(DEB_RUN); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make deps: need root to install$$missing (try: sudo make deps)"; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	fi; \
	pkg-config --exists $(PKGS) || { echo "make deps: pkg-config cannot find: $(PKGS)"; exit 1; }

# Issue 9: every case on each of KERNELS (Debian suites, suite:package, or
# custom with KERNEL= MODULES= CONFIG=) booted under qemu, and on the running
# kernel; see ci/kernel-matrix/README.md for the other variables.
matrix: deps matrix-deps
	@$(MAKE) --no-print-directory build/nsfault
	KERNELS="$(KERNELS)" ci/kernel-matrix/matrix.sh

# The summary again, from the results a matrix run left.
matrix-render:
	ci/kernel-matrix/render.sh

matrix-deps:
	@missing=""; \
	for p in $(DEB_MATRIX); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make matrix-deps: installing$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make matrix-deps: need root to install$$missing"; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	fi

install: build/nsfault
	install -D -m 0755 build/nsfault $(DESTDIR)$(PREFIX)/bin/nsfault
	install -d $(DESTDIR)$(PREFIX)/share/nsfault
	cp -r cases $(DESTDIR)$(PREFIX)/share/nsfault/

clean:
	rm -rf build
