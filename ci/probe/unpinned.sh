#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# An experiment for the C changes issue 8 needs, run inside the nsfault image
# (`ci/container-check.sh --run PROFILE bash ci/probe/unpinned.sh unshare -Urn`):
# builds a throwaway copy of nsfault in /tmp whose pinned-sysctl list is empty
# (framework/ itself is not touched), then runs the cases under the command
# given (e.g. in a user namespace), to show what would still fail there.
set -u
cp -r /src /tmp/src && cd /tmp/src || exit 1
awk '/pinned_sysctls\[\] = \{/ {print; skip=1; next} skip && /\{ NULL/ {skip=0} !skip {print}' framework/pinned.c > /tmp/pinned.c && cp /tmp/pinned.c framework/pinned.c
grep -c '"net\.' framework/pinned.c
rm -f build/nsfault
if ! make --no-print-directory build/nsfault >/dev/null 2>&1; then
	echo "build failed"
	exit 1
fi
echo "== unpinned, $*"
"$@" ./build/nsfault run -j 16 cases 2>&1
echo "rc=$?"
