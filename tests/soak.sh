#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make soak: runs the suite N times at the default parallelism while
# stress-ng keeps every CPU busy, keeps each run's text report and JSON
# results, and prints every variant whose result differed between runs
# (with the failing step's file:line and what it got), then a table of each
# run: its totals, its wall time and wall / longest variant. Ctrl-C (or
# SIGTERM) ends the current run cleanly and prints what the finished runs
# showed.
set -u
N=${1:-50}; shift
CASES=${*:-cases}
NSFAULT=${NSFAULT:-build/nsfault}
OUT=$(mktemp -d /tmp/nsfault-soak.XXXXXX)
# A copy of the binary: a rebuild during the soak does not change it.
cp "$NSFAULT" "$OUT/nsfault" || exit 1
stress-ng --cpu 0 --timeout 0 --quiet >/dev/null 2>&1 &
STRESS=$!
STOP=
trap 'kill $STRESS 2>/dev/null; wait $STRESS 2>/dev/null' EXIT
trap 'STOP=1' INT TERM
DONE=0
for i in $(seq 1 "$N"); do
	[ -z "$STOP" ] || break
	"$OUT/nsfault" run --json "$OUT/run$i.json" $CASES >"$OUT/run$i.txt" 2>/dev/null
	rc=$?
	[ $rc -lt 128 ] || break        # interrupted: this run does not count
	ratio=$(perl -MJSON::PP -e 'local $/; my $j = decode_json(<STDIN>); my $m = 0;
		for (@{$j->{variants}}) { $m = $_->{duration_ms} if $_->{duration_ms} > $m }
		printf "%6.1f s  wall/longest %.2f", $j->{wall_ms} / 1000, $m ? $j->{wall_ms} / $m : 0' <"$OUT/run$i.json")
	printf 'run %3d  exit %d  %s  %s\n' "$i" "$rc" "$ratio" "$(tail -n 1 "$OUT/run$i.txt")" | tee -a "$OUT/table"
	DONE=$i
done
kill $STRESS 2>/dev/null
N=$DONE
# One line per variant and run: "verdict path variant"; a FAIL adds the
# failing step line that follows it in the report.
for i in $(seq 1 "$N"); do
	awk -v run="$i" '
		/^(ok  |FAIL|SKIP|INTR) / { if (key != "") print key "\t" v "\t" why; v = $1; key = $2 " " $3 " " $4; why = ""; next }
		/^    [^ ]/ && v == "FAIL" && why == "" { sub(/^    /, ""); why = $0 }
		END { if (key != "") print key "\t" v "\t" why }' "$OUT/run$i.txt"
done >"$OUT/all"
echo
echo "variants whose result differed across $N runs:"
# A variant differed when its verdicts were not all the same, or when it
# ever failed (a variant that fails every time is no flake, but is reported).
cut -f1 "$OUT/all" | sort -u | while read -r key; do
	verdicts=$(grep -F "$key	" "$OUT/all" | cut -f2 | sort | uniq -c | awk '{printf "%s%s %s", sep, $2, $1; sep = ", "}')
	fails=$(grep -F "$key	" "$OUT/all" | grep -c "	FAIL	")
	[ "$fails" -gt 0 ] || [ "$(grep -F "$key	" "$OUT/all" | cut -f2 | sort -u | wc -l)" -gt 1 ] || continue
	echo "  $key: $verdicts (of $N runs)"
	grep -F "$key	" "$OUT/all" | grep "	FAIL	" | cut -f3 | sort | uniq -c | sed 's/^/      /' | head -5
done | tee "$OUT/differed"
[ -s "$OUT/differed" ] || echo "  none"
echo
echo "per run:"
cat "$OUT/table"
echo "(reports kept in $OUT)"
[ ! -s "$OUT/differed" ] && [ "$N" -gt 0 ]
