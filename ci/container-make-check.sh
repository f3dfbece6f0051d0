#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make check` in a container: the image's command (ci/Containerfile) and what
# the CI examples run. One difference: where the container cannot make a
# network namespace at all (Docker's default seccomp profile refuses unshare
# without CAP_SYS_ADMIN, user namespaces included), nothing of the suite can
# run. Then this prints the one line `nsfault run` prints, saying what is
# missing and which flags would provide it, and exits 4 (skipped) as it does;
# make cannot pass a 4 through (it exits 2 for any failed recipe), and the unit
# tests' skips would only bury the reason.
#
# Arguments go to make (e.g. RUNFLAGS="-j 16 --junit build/junit.xml"); that
# RUNFLAGS goes to the skipping run too, so its JUnit report is written either way.
set -u
cd "$(dirname "$0")/.." || exit 2
runflags=
for a in "$@"; do
	case $a in RUNFLAGS=*) runflags=${a#RUNFLAGS=} ;; esac
done
# The plain binary asks the question; building it says nothing unless it fails.
if ! out=$(make --no-print-directory deps build/nsfault 2>&1); then
	printf '%s\n' "$out"
	exit 2
fi
./build/nsfault doctor >/dev/null 2>&1
if [ $? -eq 4 ]; then
	# shellcheck disable=SC2086 # a list of options, as the Makefile passes it
	exec ./build/nsfault run $runflags
fi
exec make --no-print-directory check "$@"
