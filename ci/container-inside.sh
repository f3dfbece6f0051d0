#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# What ci/container-check.sh runs inside the nsfault image under each profile:
# who we are and what confines us, `nsfault doctor`, then `make check` — and,
# when `make check` stopped at the unit tests, the case suite on its own, so
# that every profile reports on both. Lines starting with "### " are markers
# the host side parses; everything else is the tools' own output.
set -u
cd /src || exit 2

runflags=${RUNFLAGS:--j 16}

echo "### whoami: $(id)"
grep -E '^(CapEff|CapBnd|Seccomp|NoNewPrivs):' /proc/self/status
echo "### mounts of /proc/sys and /sys/fs/cgroup:"
grep -E ' /proc/sys | /sys | /sys/fs/cgroup[ /]' /proc/self/mountinfo | cut -d' ' -f5,6,9

echo "### doctor"
./build/nsfault doctor
echo "### doctor rc=$?"

# As the image's own command does: make check, or one line and exit 4 where
# no network namespace can be made.
echo "### make check"
log=$(mktemp)
set -o pipefail
sh ci/container-make-check.sh RUNFLAGS="$runflags" 2>&1 | tee "$log"
rc=$?
echo "### make check rc=$rc"

# make check runs the unit tests first and stops when they fail: then the
# case suite has not run, and it is run here on its own (not after an exit 4:
# that was the suite, skipped whole).
if [ "$rc" != 0 ] && [ "$rc" != 4 ] && ! grep -q '^\./build/asan/nsfault run' "$log"; then
	echo "### cases (make check stopped before them)"
	# shellcheck disable=SC2086 # RUNFLAGS is a list of options, as in the Makefile
	./build/asan/nsfault run $runflags cases 2>&1
	echo "### cases rc=$?"
fi
rm -f "$log"
