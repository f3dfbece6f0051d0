#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Feeds nsfault's reports to the real consumers, over every kind of run:
# pass, fail, skip, -r 2, a '#' and '%' in a path, malformed input, skip-all
# (no privilege), a crashed case process (killed), an interrupted run
# (SIGTERM), and, through the real reporters, a made-up run with a timeout
# (build/consumers/emit: a real one takes 120 s).
#   KTAP: prove's TAP::Parser (tap-check.pl), tap.py (tappy-check.py), node
#         tap-parser in strict mode (tap-parser-check.mjs) and the kernel's
#         kunit_parser.py (kunit-check.py);
#   JUnit: xmllint against the Jenkins schema (junit.xsd) and junitparser;
#   JSON: JSON::PP (json-check.pl).
# The Debian ones are `make deps`'; tap-parser and kunit_parser.py are
# `make consumers-deps`' (build/consumers/): a consumer that is missing is
# skipped with the reason, and the last line says which ran.
# Each consumer starts once: consume() lists each report set's reports and
# expectations in a list per consumer, and after every run each consumer
# checks its whole list (starting perl, python3 or node once per report
# took most of this test's CPU time).
# Usage: check.sh [NSFAULT [EMIT]]
nsfault=$(realpath "${1:-build/nsfault}")
emit=${2:-build/consumers/emit}
here=$(dirname "$0")
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
bad=0
py=/usr/bin/python3                    # Debian's, where python3-tap lives
[ -x "$py" ] || py=python3
kunit=${KUNIT_DIR:-build/consumers/kunit}
node_dir=${TAP_PARSER_DIR:-build/consumers/node}

# Which consumers ran, and what was not checked (each named once).
ran="prove xmllint json"
missing=
have() { ran="$ran $1"; }
lack() { missing="$missing
consumers: $1 not checked: $2"; }

# report NAME ARGS...: runs ARGS with the three reports into $tmp/NAME.*
# (the report options go right after "run": options end at the first path);
# its exit status in $rc.
report() {
	name=$1
	shift
	n=$# seen=
	for a in "$@"; do
		if [ "$a" = run ] && [ -z "$seen" ]; then
			set -- "$@" run -o ktap --junit "$tmp/$name.xml" --json "$tmp/$name.json"
			seen=1
		else
			set -- "$@" "$a"
		fi
	done
	shift "$n"
	"$@" >"$tmp/$name.tap" 2>"$tmp/$name.err"
	rc=$?
}

# run NAME STATUS ARGS...: report, and checks the exit status.
run() {
	name=$1 want=$2
	shift 2
	report "$name" "$@"
	status "$name" "$want" $rc
}

status() {
	[ "$3" = "$2" ] && return
	echo "consumers: $1: exit status $3, expected $2"; cat "$tmp/$1.err"; bad=1
}

# note LIST ARGS...: one line of $tmp/LIST.list: a checker's arguments for
# one report set, tab-separated (a path may hold spaces).
note() {
	list=$tmp/$1.list
	shift
	IFS='	'
	printf '%s\n' "$*" >>"$list"
	unset IFS
}

# consume NAME "TOP" "VARIANTS" "JUNIT" "JSON" [--skip-all]: lists report
# set NAME's reports for every consumer, with what each must find:
#   TOP      = "TESTS OK NOT_OK SKIPPED": the top-level results (case files;
#              OK counts the skipped), as prove, tap.py and tap-parser see them
#   VARIANTS = "PASSED FAILED SKIPPED STATUS": the variants, as kunit_parser
#              and tap-parser's subtests count them; STATUS is kunit_parser's
#   JUNIT    = "TESTS FAILURES ERRORS SKIPPED"
#   JSON     = "VARIANTS ERRORS SKIPPED_CASES"
consume() {
	f=$tmp/$1
	# shellcheck disable=SC2086 # the groups are word lists
	set -- "$1" $2 $3 $4 $5 "${6:-}"
	# $2..$5 top, $6..$9 variants, then junit and json
	t_tests=$2 t_ok=$3 t_fail=$4 t_skip=$5 v_pass=$6 v_fail=$7 v_skip=$8 k_status=$9
	shift 9
	j_tests=$1 j_fail=$2 j_err=$3 j_skip=$4 n_var=$5 n_err=$6 n_skipped=$7 skip_all=$8
	note prove "$f.tap" "$t_tests" "$t_ok" "$t_fail" "$t_skip" ${skip_all:+1}
	# tap.py makes one skipped test of a skip-all plan.
	if [ -n "$skip_all" ]; then note tap.py "$f.tap" 1 1 0 1
	else note tap.py "$f.tap" "$t_tests" "$t_ok" "$t_fail" "$t_skip"; fi
	note tap-parser "$f.tap" "$t_tests" "$t_ok" "$t_fail" "$t_skip" "$v_pass" "$v_fail" "$v_skip" ${skip_all:+1}
	note kunit_parser "$f.tap" "$v_pass" "$v_fail" "$v_skip" "$k_status"
	note xmllint "$f.xml"
	note junitparser "$f.xml" "$j_tests" "$j_fail" "$j_err" "$j_skip"
	[ -z "$n_var" ] || note json "$f.json" "$n_var" "$n_err" "$n_skipped"
}

# python_checker NAME WHY SCRIPT ARGS...: runs a python checker over its
# list; one that exits 77 found no NAME to check with, and WHY says so.
python_checker() {
	name=$1 why=$2 script=$3
	shift 3
	"$py" "$here/$script" "$@"
	case $? in
	0) have "$name" ;;
	77) lack "$name" "$why" ;;
	*) have "$name"; bad=1 ;;
	esac
}

# consumers: each consumer once, over every report set's list; a missing
# one is skipped with the reason.
consumers() {
	perl "$here/tap-check.pl" "$tmp/prove.list" || bad=1
	python_checker tap.py "no python3-tap (make deps)" tappy-check.py "$tmp/tap.py.list"
	python_checker junitparser "no python3-junitparser (make deps)" junit-check.py "$tmp/junitparser.list"
	if [ -f "$kunit/kunit_parser.py" ]; then
		have kunit_parser
		"$py" "$here/kunit-check.py" "$kunit" "$tmp/kunit_parser.list" || bad=1
	else
		lack kunit_parser "no $kunit/kunit_parser.py (make consumers-deps)"
	fi
	if ! command -v node >/dev/null 2>&1; then
		lack tap-parser "no node"
	elif [ -f "$node_dir/node_modules/tap-parser/package.json" ]; then
		have tap-parser
		TAP_PARSER_DIR=$node_dir node "$here/tap-parser-check.mjs" "$tmp/tap-parser.list" || bad=1
	else
		lack tap-parser "no $node_dir/node_modules/tap-parser (make consumers-deps)"
	fi
	# The schema is applied to each file on its own; the errors name it.
	set --
	while IFS= read -r x; do set -- "$@" "$x"; done <"$tmp/xmllint.list"
	xmllint --noout --schema "$here/junit.xsd" "$@" 2>&1 | grep -v ' validates$' && bad=1
	perl "$here/json-check.pl" "$tmp/json.list" || bad=1
}

# until_gone PID ACTION [N]: while PID runs (at most 60 s), does ACTION to
# the case processes it starts: kill SIGKILLs the first N (each variant's),
# term sends PID SIGTERM once the first exists. A case process is a child
# that leads its own process group (engine/runner.c): not the namespace
# probe nsfault starts first, nor the thread an ASan build's leak checker
# starts at exit, which must live.
until_gone() {
	pid=$1 action=$2 left=${3:-1} tries=1200 killed=" "
	while kill -0 "$pid" 2>/dev/null && [ $tries -gt 0 ] && [ "$left" -gt 0 ]; do
		# /proc read by the shell itself: a process started per look
		# (cat, sed, cut) cost more than the looking.
		kids=
		for t in /proc/"$pid"/task/*/children; do
			c=
			read -r c 2>/dev/null <"$t"
			kids="$kids $c"
		done
		for k in $kids; do
			# Its process group, from /proc (procps is not in a minimal
			# Debian image: without ps nothing was ever killed there):
			# the third field after the command name, which may hold ") ".
			st=
			read -r st 2>/dev/null <"/proc/$k/stat"
			# shellcheck disable=SC2086 # split into its fields
			set -- ${st##*) }
			[ "${3:-}" = "$k" ] || continue
			case $action in
			term) kill -TERM "$pid"; return ;;
			kill)
				case $killed in *" $k "*) continue ;; esac
				kill -KILL "$k" 2>/dev/null
				killed="$killed$k "
				left=$((left - 1))
				[ "$left" -gt 0 ] || return ;;
			esac
		done
		tries=$((tries - 1))
		sleep 0.05
	done
}

# in_background NAME STATUS ACTION N ARGS...: run, with ACTION done to N
# case processes meanwhile.
in_background() {
	name=$1 want=$2 action=$3 count=$4
	shift 4
	"$nsfault" run -o ktap --junit "$tmp/$name.xml" --json "$tmp/$name.json" "$@" >"$tmp/$name.tap" 2>"$tmp/$name.err" &
	bg=$!
	until_gone $bg "$action" "$count"
	# A run that does not end is this test's failure, not a hang of make check.
	n=2400
	while kill -0 $bg 2>/dev/null && [ $n -gt 0 ]; do sleep 0.05; n=$((n - 1)); done
	if kill -0 $bg 2>/dev/null; then
		echo "consumers: $name: the run did not end within 120 s after its $action"
		kill -KILL $bg
		bad=1
	fi
	wait $bg
	status "$name" "$want" $?
}

run pass 0 "$nsfault" run tests/meta/right-errno.case
consume pass "1 1 0 0" "2 0 0 SUCCESS" "2 0 0 0" "2 0 0"
# Where a pinned sysctl cannot be set (a container's read-only /proc/sys in
# a user namespace), a failing case is a SKIP, no verdict: the two runs that
# need a FAIL are not checked there, and the last line says why (the fail
# run's own KTAP, exit 4, says so: no run of its own to find out).
report fail "$nsfault" run tests/meta/wrong-errno.case
if [ $rc = 4 ] && grep -q 'failed without a pinned sysctl' "$tmp/fail.tap"; then
	lack "a failing run (fail, repeat)" "$(grep -o 'failed without a pinned sysctl[^;]*' "$tmp/fail.tap" | head -n 1)"
else
	status fail 1 $rc
	consume fail "1 0 1 0" "0 2 0 FAILURE" "2 2 0 0" "2 0 0"
	run repeat 1 "$nsfault" run -r 2 -j 2 tests/meta/right-errno.case tests/meta/wrong-errno.case
	consume repeat "4 2 2 0" "4 4 0 FAILURE" "8 4 0 0" "8 0 0"
fi
run skip 4 "$nsfault" run tests/meta/skip.case
consume skip "1 1 0 1" "0 0 2 SKIPPED" "2 0 0 2" "2 0 0"
mkdir -p "$tmp/a#b %c"
cp tests/meta/right-errno.case "$tmp/a#b %c/x#1.case"
run hash 0 "$nsfault" run "$tmp/a#b %c/x#1.case"
consume hash "1 1 0 0" "2 0 0 SUCCESS" "2 0 0 0" "2 0 0"
run malformed 2 "$nsfault" run tests/meta/malformed.case
consume malformed "1 0 1 0" "0 1 0 FAILURE" "1 0 1 0" "0 1 0"
grep -q '<error type="malformed"' "$tmp/malformed.xml" || { echo "consumers: malformed: no <error> testcase"; bad=1; }
in_background crash 1 kill 2 -j 2 tests/meta/long.case
consume crash "1 0 1 0" "0 2 0 FAILURE" "2 0 2 0" "2 0 0"
grep -q '# ERROR the case process was killed by SIGKILL' "$tmp/crash.tap" || { echo "consumers: crash: no ERROR directive"; bad=1; }
in_background interrupt 143 term 1 -j 1 tests/meta/long.case
consume interrupt "1 0 1 0" "0 1 1 FAILURE" "2 0 1 1" "2 0 0"
"$emit" "$tmp/kinds.tap" "$tmp/kinds.xml" || bad=1
consume kinds "4 1 3 1" "1 4 3 FAILURE" "8 1 3 3" ""
grep -q '# TIMEOUT no verdict' "$tmp/kinds.tap" || { echo "consumers: kinds: no TIMEOUT directive"; bad=1; }

# Skip-all: an unprivileged user, kept out of user namespaces, cannot create
# a network namespace.
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	chmod 1777 "$tmp"
	run skipall 4 env NSFAULT_NO_USERNS=1 setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$nsfault" run tests/meta/right-errno.case
	consume skipall "0 0 0 0" "0 0 0 NO_TESTS" "1 0 0 1" "0 0 1" --skip-all
else
	lack skip-all "needs root and setpriv to drop privilege"
fi
consumers
[ -n "$missing" ] && echo "$missing" | sed 1d
[ $bad = 0 ] && echo "consumers: every report parsed as expected by:$ran"
exit $bad
