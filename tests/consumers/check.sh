#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Feeds nsfault's reports to real consumers from Debian, over every kind of
# run: pass, fail, skip, -r 2, a '#' and '%' in a path, malformed input, and
# skip-all (no privilege). The TAP stream goes through TAP::Parser (what
# prove uses), the JUnit file through xmllint against tests/consumers/junit.xsd,
# the JSON results through JSON::PP. Usage: check.sh [NSFAULT]
nsfault=$(realpath "${1:-build/nsfault}")
here=$(dirname "$0")
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
bad=0

# run NAME STATUS TESTS PASSED FAILED SKIPPED JSON_VARIANTS JSON_ERRORS JSON_SKIPPED [--skip-all] -- ARGS
check() {
	name=$1 want=$2 tests=$3 pass=$4 fail=$5 skip=$6 nvar=$7 nerr=$8 nskipped=$9
	shift 9
	plan_skip=
	[ "$1" = --skip-all ] && { plan_skip=1; shift; }
	shift        # --
	out=$tmp/$name
	# The report options go right after "run" (options end at the first path).
	n=$# seen=
	for a in "$@"; do
		if [ "$a" = run ] && [ -z "$seen" ]; then
			set -- "$@" run -o ktap --junit "$out.xml" --json "$out.json"
			seen=1
		else
			set -- "$@" "$a"
		fi
	done
	shift "$n"
	"$@" >"$out.tap" 2>"$out.err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		echo "consumers: $name: exit status $rc, expected $want"; cat "$out.err"; bad=1
	fi
	perl "$here/tap-check.pl" "$out.tap" "$tests" "$pass" "$fail" "$skip" $plan_skip || { cat "$out.tap"; bad=1; }
	xmllint --noout --schema "$here/junit.xsd" "$out.xml" 2>&1 | grep -v ' validates$' && bad=1
	perl "$here/json-check.pl" "$out.json" "$nvar" "$nerr" "$nskipped" || bad=1
}

check pass 0 2 2 0 0 2 0 0 -- "$nsfault" run tests/meta/right-errno.case
check fail 1 2 0 2 0 2 0 0 -- "$nsfault" run tests/meta/wrong-errno.case
check skip 4 2 2 0 2 2 0 0 -- "$nsfault" run tests/meta/skip.case
check repeat 1 8 4 4 0 8 0 0 -- "$nsfault" run -r 2 -j 2 tests/meta/right-errno.case tests/meta/wrong-errno.case
mkdir -p "$tmp/a#b %c"
cp tests/meta/right-errno.case "$tmp/a#b %c/x#1.case"
check hash 0 2 2 0 0 2 0 0 -- "$nsfault" run "$tmp/a#b %c/x#1.case"
check malformed 2 1 0 1 0 0 1 0 -- "$nsfault" run tests/meta/malformed.case
grep -q '<error type="malformed"' "$tmp/malformed.xml" || { echo "consumers: malformed: no <error> testcase"; bad=1; }

# Skip-all: an unprivileged user, kept out of user namespaces, cannot create
# a network namespace.
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	chmod 1777 "$tmp"
	check skipall 4 0 0 0 0 0 0 1 --skip-all -- env NSFAULT_NO_USERNS=1 setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$nsfault" run tests/meta/right-errno.case
else
	echo "consumers: skip-all not checked (needs root and setpriv to drop privilege)"
fi
[ $bad = 0 ] && echo "consumers: every report parsed as expected"
exit $bad
