#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `nsfault record` must reproduce corpus cases exactly: each case below is
# copied with every expectation on a step line replaced by `= ?` (and, for
# the last, one expectation made wrong and one family-guarded pair
# collapsed), recorded with -w, and compared byte for byte with the
# original. Needs root, like the suite. Usage: check-record.sh NSFAULT
nsfault=$(cd "$(dirname "${1:?usage: check-record.sh NSFAULT}")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
fails=0
skips=0

for c in established/e1-linger-send-first handshake/h1-no-listener closing/c1-close-wait-recv-first; do
	sed -E '/^[a-z]/ s/^([^#]*[^ ])( +)= [^#]*[^ #]/\1\2= ?/' "$root/cases/$c.case" >"$tmp/${c#*/}.case"
done
# A family-guarded pair asked for with `= ?`, and a wrong expectation.
awk '/^client getsockopt TCP_MAXSEG +=/ && !done { sub(/= .*/, "= ?"); print; getline; done = 1; next }
     /^client getsockopt TCP_MAXSEG +=/ { sub(/= .*/, "= 1000") } { print }' \
	"$root/cases/icmp/i1-fragmentation-needed.case" >"$tmp/i1-fragmentation-needed.case"

for f in "$tmp"/*.case; do
	name=$(basename "$f")
	orig=$(find "$root/cases" -name "$name")
	if cmp -s "$f" "$orig"; then
		echo "record test: $name: the stripped copy is the original: the test proves nothing"
		fails=$((fails + 1))
		continue
	fi
	(cd "$tmp" && "$nsfault" record -w "$name" >"$tmp/out" 2>&1)
	rc=$?
	if [ "$rc" -eq 4 ]; then
		# Skipped: what the case needs is missing here (a container's
		# read-only /proc/sys: a pin that cannot be set makes every `= ?`
		# a failure that is no verdict). Said, not failed.
		echo "record test: $name: skipped: $(grep -v '^Failed to find cgroup2 mount' "$tmp/out" | tail -n 1)"
		skips=$((skips + 1))
	elif [ "$rc" -ne 0 ]; then
		echo "record test: $name: record failed:"; cat "$tmp/out"
		fails=$((fails + 1))
	elif ! cmp -s "$f" "$orig"; then
		echo "record test: $name: not reproduced:"; diff -u "$orig" "$f"
		fails=$((fails + 1))
	else
		echo "record test: $name reproduced exactly"
	fi
done
[ "$skips" -eq 0 ] || echo "record test: $skips of 4 cases skipped, each for what this machine lacks"
[ "$fails" -eq 0 ]
