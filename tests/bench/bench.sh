#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make bench: three figures, each measured here and now, in one run.
#  1. The pair topology up and down with nsfault's netlink code, with bare
#     libmnl calls (the floor) and with iproute2 commands, in turn
#     (tests/bench/pair.c).
#  2. What a variant costs besides its steps (topology, agents, teardown):
#     tests/bench/overhead.case, whose steps return at once, run BENCH_RUNS
#     times one at a time; min/median/max of the runner's own durations.
#  3. The whole suite at the default parallelism: its wall time against its
#     longest variant (the runner's JSON results).
# Needs root. Usage: bench.sh (NSFAULT, PAIR, BENCH_ROUNDS, BENCH_RUNS, CASES
# from the environment).
set -u
NSFAULT=${NSFAULT:-build/nsfault}
PAIR=${PAIR:-build/bench/pair}
ROUNDS=${BENCH_ROUNDS:-20}
RUNS=${BENCH_RUNS:-20}
CASES=${CASES:-cases}
here=$(dirname "$0")
tmp=$(mktemp -d /tmp/nsfault-bench.XXXXXX) || exit 2
trap 'rm -rf "$tmp"' EXIT
[ "$(id -u)" = 0 ] || { echo "bench: needs root (network namespaces)"; exit 1; }

echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), kernel $(uname -r)"
echo
"$PAIR" "$ROUNDS" "$here/pair-ip.sh" || exit 1

# Durations and wall time out of a JSON results file (JSON::PP: Perl's core).
stats() {
	perl -MJSON::PP -e '
		local $/; my $j = decode_json(<STDIN>);
		my @d = sort { $a <=> $b } map { $_->{duration_ms} } @{$j->{variants}};
		my $n = @d; my $med = $n % 2 ? $d[$n / 2] : ($d[$n / 2 - 1] + $d[$n / 2]) / 2;
		if ($ARGV[0] eq "overhead") {
			printf "per-variant overhead, %d variants one at a time, ms:  min %.0f  median %.0f  max %.0f\n",
				$n, $d[0], $med, $d[-1];
		} else {
			printf "suite, %d variants at the default parallelism: wall %.1f s, longest variant %.1f s: " .
				"wall / longest = %.2f (median variant %.1f s)\n",
				$n, $j->{wall_ms} / 1000, $d[-1] / 1000, $j->{wall_ms} / $d[-1], $med / 1000;
		}' "$1" <"$2"
}

echo
"$NSFAULT" run -j 1 -r "$RUNS" --json "$tmp/overhead.json" "$here/overhead.case" >"$tmp/overhead.txt" 2>&1 ||
	{ cat "$tmp/overhead.txt"; exit 1; }
stats overhead "$tmp/overhead.json"

echo
"$NSFAULT" run --json "$tmp/suite.json" $CASES >"$tmp/suite.txt" 2>&1
rc=$?
stats suite "$tmp/suite.json"
[ $rc = 0 ] || { echo "bench: the suite did not pass (exit $rc):"; grep -A1 '^FAIL' "$tmp/suite.txt"; exit 1; }
