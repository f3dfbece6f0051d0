#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Leak and isolation test (make check): runs nsfault in the ways a run ends —
# a failing case, SIGINT, SIGTERM, SIGKILL at random moments (also while an
# actor is frozen: tests/meta/freeze.case) — and proves afterwards that no
# namespace, cgroup, mount or process of nsfault remains and that the initial
# network namespace (links, addresses, routes, rules, the nft ruleset, the
# iptables-nft and iptables-legacy rulesets of both families, every readable
# /proc/sys/net value) is byte-identical to before. First it proves the
# detector itself fails on a leak planted on purpose.
#
# Only reads the initial namespace; the planted leak is a named namespace of
# its own and an empty cgroup, both removed again.
set -u
NSFAULT=${NSFAULT:-build/asan/nsfault}
BIN=$(realpath "$NSFAULT") || { echo "leaks: $NSFAULT is missing: build it first"; exit 1; }
TMP=$(mktemp -d /tmp/nsfault-leaks.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
FAILS=0
CG=/sys/fs/cgroup

[ "$(id -u)" = 0 ] || { echo "leaks: SKIP: needs root (network namespaces)"; exit 0; }

# The state of the initial namespace and what nsfault could leave, as text.
state() {
	for c in "ip -d link show" "ip addr show" "ip route show table all" \
		 "ip -6 route show table all" "ip rule show" "ip -6 rule show" "ip netns list" \
		 "nft list ruleset" "iptables-nft-save" "ip6tables-nft-save" \
		 "iptables-legacy-save" "ip6tables-legacy-save"; do
		echo "== $c"
		$c 2>&1
	done
	echo "== nsfs mounts"
	# the type follows the " - " after the optional fields
	awk '{ for (i = 7; i < NF; i++) if ($i == "-") { if ($(i + 1) == "nsfs") print $5; break } }' /proc/self/mountinfo
	echo "== /proc/sys/net"
	grep -r . /proc/sys/net 2>/dev/null
}

# The state without the lines the save tools stamp with the time: one filter
# for all of it (the test takes a dozen snapshots, and a filter process per
# command cost it a second of CPU time).
snapshot() {
	state | grep -v '^# \(Generated\|Completed\)'
}

# Processes of the binary under test (a case or agent process outliving
# its runner would hold namespaces).
our_procs() {
	find /proc -mindepth 2 -maxdepth 2 -name exe -lname "$BIN" 2>/dev/null | cut -d/ -f3
}

# The runs this test started, as "<pid>-<start time>": a freezer cgroup's
# name ends with its run's runner (actions/freezer.h), so the runs of other
# stages beside this one (make check) are told apart from ours.
RUNNERS=" "
start_of() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20; }
add_runner() { RUNNERS="$RUNNERS$1-$(start_of "$1") "; }

# Freezer cgroups nsfault-<owner>-<pid>-<owner's start>-<runner>-<runner's
# start> of our runs whose owner is gone or a zombie: left behind. Those of
# live runs, and of others' runs, do not count.
stale_cgroups() {
	find "$CG" -maxdepth 2 -type d -name 'nsfault-*-*-*-*-*' 2>/dev/null | while read -r d; do
		name=$(basename "$d")
		case "$RUNNERS" in *" $(echo "$name" | cut -d- -f5-6) "*) ;; *) continue ;; esac
		state=$(sed 's/.*) \(.\).*/\1/' "/proc/$(echo "$name" | cut -d- -f2)/stat" 2>/dev/null)
		case "$state" in ""|Z|X) echo "$d" ;; esac
	done
}

# Waits, bounded (5 s), for the processes of the binary to end: the kernel
# delivers the parent-death SIGKILLs asynchronously after the runner dies.
await_no_procs() {
	i=0
	while [ -n "$(our_procs)" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
}

# Compares the state with the snapshot taken before; says what leaked.
# Returns 1 on any leak. The cgroups first: other runs beside this test
# remove stale ones too (every run does at its start), so the planted one
# is looked for as soon as possible.
check_clean() {
	what=$1 rc=0
	await_no_procs
	stale=$(stale_cgroups | tr '\n' ' ')
	snapshot >"$TMP/after"
	if ! cmp -s "$TMP/before" "$TMP/after"; then
		echo "leaks: $what: the initial namespace changed:"
		diff "$TMP/before" "$TMP/after" | head -20
		rc=1
	fi
	if [ -n "$(our_procs)" ]; then
		echo "leaks: $what: processes of $BIN remain: $(our_procs | tr '\n' ' ')"
		rc=1
	fi
	if [ -n "$stale" ]; then
		echo "leaks: $what: freezer cgroups remain: $stale"
		rc=1
	fi
	return $rc
}

pass() { echo "leaks: ok   $1"; }
fail() { echo "leaks: FAIL $1"; FAILS=$((FAILS + 1)); }
# What this environment cannot show (a container without SYS_ADMIN, a
# read-only cgroup fs, no settable pin) is said, not failed.
SKIPS=0
skip() { echo "leaks: skip $1"; SKIPS=$((SKIPS + 1)); }

# A random delay in ms in lo..hi, from the kernel's random source.
rand_ms() { echo $(( $1 + $(od -An -N2 -tu2 /dev/urandom) % ($2 - $1 + 1) )); }

# Waits, bounded (5 s), until process pid catches signal sig (a number up
# to 32): its SigCgt bit in /proc/<pid>/status. A job a script starts in
# the background begins with SIGINT ignored (POSIX, without job control), so
# a SIGINT that came before the runner's handler was lost and the run went on.
await_caught() {
	i=0
	while [ $i -lt 100 ]; do
		mask=$(sed -n 's/^SigCgt:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null)
		[ -n "$mask" ] || return
		[ $(( 0x${mask#????????} >> ($2 - 1) & 1 )) = 1 ] && return
		sleep 0.05; i=$((i + 1))
	done
}

# Waits, bounded (5 s), until run pid has a freezer cgroup: an actor of it
# is frozen. Returns 1 when none came. The name must end with the run as
# add_runner wrote it down, or stale_cgroups would never count ours.
await_frozen() {
	i=0
	while [ $i -lt 100 ]; do
		[ -n "$(find "$CG" -maxdepth 2 -type d -name "nsfault-*-*-*-$1-$(start_of "$1")" 2>/dev/null)" ] && return 0
		sleep 0.05; i=$((i + 1))
	done
	return 1
}

# Starts a run in the background, sends sig after ms, waits; sets RC. The
# ms count from when the run catches sig (SIGKILL: from its start); ms
# "frozen": as soon as one of its actors is frozen (FROZE says whether one
# was, within 5 s).
run_and_signal() {
	sig=$1 ms=$2; shift 2
	"$BIN" run "$@" >"$TMP/out" 2>&1 &
	pid=$!
	add_runner $pid
	case $sig in INT) await_caught $pid 2 ;; TERM) await_caught $pid 15 ;; HUP) await_caught $pid 1 ;; esac
	if [ "$ms" = frozen ]; then
		await_frozen $pid && FROZE=1 || FROZE=""
	else
		sleep "$(echo "$ms" | awk '{printf "%.3f", $1 / 1000}')"
	fi
	kill "-$sig" "$pid" 2>/dev/null
	wait "$pid"
	RC=$?
}

snapshot >"$TMP/before"

# 1. The detector catches a leak planted on purpose: a named namespace with
#    a veth pair in it (held by its bind mount), and a cgroup named like one
#    of our runs' whose case process is gone.
#    Each is planted where it can be: a container without SYS_ADMIN cannot
#    mount a named namespace, and its cgroup fs is read-only.
#    Any nsfault run beside this test (make check) removes a stale cgroup at
#    its start: a planted cgroup gone after the check may have been removed
#    before it, so it is planted and checked again (at most 5 times). One
#    still there after a check that did not name it: the detector missed it.
add_runner $$
PLANTED_CG="nsfault-2147483646-1-999999999999-$$-$(start_of $$)"
planted=""
if ip netns add nsfault-leaktest 2>"$TMP/err" && ip -n nsfault-leaktest link add leak0 type veth peer name leak1 2>"$TMP/err"; then
	planted="nsfault-leaktest"
else
	skip "planting a named namespace: $(tr '\n' ' ' <"$TMP/err")"
fi
if mkdir "$CG/$PLANTED_CG" 2>"$TMP/err"; then
	planted="$planted $PLANTED_CG"
else
	skip "planting a freezer cgroup: $(tr '\n' ' ' <"$TMP/err")"
	PLANTED_CG=""
fi
tries=0
while [ -n "$planted" ]; do
	tries=$((tries + 1))
	check_clean "planted leak" >"$TMP/planted" 2>&1
	rc=$?
	# Named, or there all along (so the check saw it), or given up on.
	{ [ -z "$PLANTED_CG" ] || grep -q "$PLANTED_CG" "$TMP/planted" || [ -d "$CG/$PLANTED_CG" ] ||
	  [ $tries = 5 ]; } && break
	mkdir -p "$CG/$PLANTED_CG"
done
if [ -z "$planted" ]; then
	skip "the detector: nothing can be planted here"
elif [ $rc = 0 ]; then
	fail "the detector missed a planted leak"
elif [ -n "$PLANTED_CG" ] && ! grep -q "$PLANTED_CG" "$TMP/planted" && [ ! -d "$CG/$PLANTED_CG" ]; then
	fail "the detector: other runs removed the planted cgroup before each of $tries checks"
else
	named=1
	for p in $planted; do grep -q "$p" "$TMP/planted" || named=""; done
	[ -n "$named" ] && pass "the detector reports a planted${planted:+ }$planted" ||
		{ fail "the detector did not name the planted leak"; cat "$TMP/planted"; }
fi
ip netns del nsfault-leaktest 2>/dev/null
[ -z "$PLANTED_CG" ] || rmdir "$CG/$PLANTED_CG" 2>/dev/null
check_clean "after removing the planted leak" && pass "clean again after removing it" ||
	fail "the planted leak could not be removed"

# 2. A failing case.
#    Where a pinned sysctl cannot be set, its failure is a skip (exit 4).
"$BIN" run tests/meta/wrong-errno.case >"$TMP/out" 2>&1
RC=$?
if [ $RC = 4 ] && grep -q 'failed without a pinned sysctl' "$TMP/out"; then
	check_clean "failing case, skipped" && skip "failing case: no pin can be set here, so it skips (nothing left)" ||
		fail "failing case, skipped"
else
	[ $RC = 1 ] && check_clean "failing case" && pass "failing case: exit 1, nothing left" ||
		fail "failing case"
fi

# 3. SIGINT, SIGTERM and SIGHUP at random moments while variants (some
#    frozen) run: exit 128+signal, the summary says so, nothing left, without
#    any clean. Up to 1.5 s: by then every kind of moment has come (the first
#    builds at once, variants running, frozen and ending by 1 s); a later one
#    adds only CPU time to make check. One moment each per make check (and
#    one more SIGINT in 4.): the leak test ends make check's longest chain,
#    and every run of it draws new moments.
for sig in INT TERM HUP; do
	ms=$(rand_ms 150 1500)
	run_and_signal $sig "$ms" -j 4 -r 20 --junit "$TMP/junit.xml" tests/meta/freeze.case cases/established
	case $sig in INT) want=130 ;; TERM) want=143 ;; HUP) want=129 ;; esac
	if [ "$RC" != "$want" ]; then
		fail "SIG$sig after $ms ms: exit $RC, expected $want"; tail -3 "$TMP/out"
	elif ! grep -q "interrupted by SIG$sig" "$TMP/out" || ! grep -q '</testsuite>' "$TMP/junit.xml"; then
		fail "SIG$sig after $ms ms: no summary or JUnit"; tail -3 "$TMP/out"
	elif check_clean "SIG$sig after $ms ms"; then
		pass "SIG$sig after $ms ms: exit $RC, summary, JUnit, nothing left"
	else
		fail "SIG$sig after $ms ms"
	fi
done

# 4. KTAP stays consistent when interrupted: as many results as the plan.
#    -r 4: the run must still be going at 1.5 s (once, freeze.case and
#    cases/closing at -j 4 ended in 1.4 s, and the SIGINT found no run).
run_and_signal INT "$(rand_ms 300 1500)" -j 4 -r 4 -o ktap tests/meta/freeze.case cases/closing
plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$TMP/out")
got=$(grep -c '^\(not \)\?ok ' "$TMP/out")
[ "$RC" = 130 ] && [ -n "$plan" ] && [ "$plan" = "$got" ] && check_clean "KTAP interrupted" &&
	pass "KTAP interrupted: plan 1..$plan, $got results" ||
	fail "KTAP interrupted: exit $RC, plan ${plan:-none}, $got results"

# 5. SIGKILL at random moments, and once as soon as an actor is frozen:
#    only freezer cgroups may remain, and one `nsfault clean` removes them at
#    once. freeze.case's variants take about 340 ms, 300 of them frozen: at
#    -j 4 actors are frozen from about 200 ms on. An actor must be seen
#    frozen, in a cgroup named with the run as this test wrote it down (where
#    the freezer is a cgroup one: a planted cgroup could be made). How many
#    are left is only said: a run beside this test (make check) may have
#    removed them already, as every run does at its start.
for ms in frozen $(rand_ms 150 1200) $(rand_ms 150 1200); do
	when=$([ "$ms" = frozen ] && echo "once an actor was frozen" || echo "after $ms ms")
	run_and_signal KILL "$ms" -j 4 -r 40 tests/meta/freeze.case
	await_no_procs
	left=$(stale_cgroups | wc -l)
	"$BIN" clean >/dev/null 2>&1
	if [ "$ms" = frozen ] && [ -n "$PLANTED_CG" ] && [ -z "$FROZE" ]; then
		fail "SIGKILL $when: no actor of the run was frozen within 5 s"
	elif check_clean "SIGKILL $when, then one clean"; then
		pass "SIGKILL $when ($left frozen cgroup(s) left): one clean removes all"
	else
		fail "SIGKILL $when"
	fi
done

# 6. The next run removes what a SIGKILLed one left, by itself.
run_and_signal KILL "$(rand_ms 300 1200)" -j 4 -r 40 tests/meta/freeze.case
await_no_procs
"$BIN" run tests/meta/right-errno.case >/dev/null 2>&1
check_clean "SIGKILL, then a run" && pass "SIGKILL, then the next run cleans up" ||
	fail "SIGKILL, then a run"

[ $SKIPS = 0 ] || echo "leaks: $SKIPS skipped, each for what this environment lacks"
[ $FAILS = 0 ] && echo "leaks: all passed" || echo "leaks: $FAILS failed"
[ $FAILS = 0 ]
