#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make soak: runs the suite N times at the default parallelism while
# stress-ng keeps every CPU busy, keeps each run's text report, and prints
# every variant whose result differed between runs (with the failing step's
# file:line and what it got), then a table of the totals of each run.
set -u
N=${1:-50}; shift
CASES=${*:-cases}
NSFAULT=${NSFAULT:-build/nsfault}
OUT=$(mktemp -d /tmp/nsfault-soak.XXXXXX)
stress-ng --cpu 0 --timeout 0 --quiet >/dev/null 2>&1 &
STRESS=$!
trap 'kill $STRESS 2>/dev/null; wait $STRESS 2>/dev/null' EXIT INT TERM
for i in $(seq 1 "$N"); do
	start=$(date +%s.%N)
	"$NSFAULT" run $CASES >"$OUT/run$i.txt" 2>/dev/null
	rc=$?
	secs=$(echo "$(date +%s.%N) $start" | awk '{printf "%.1f", $1 - $2}')
	printf 'run %3d  exit %d  %6s s  %s\n' "$i" "$rc" "$secs" "$(tail -n 1 "$OUT/run$i.txt")" | tee -a "$OUT/table"
done
kill $STRESS 2>/dev/null
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
cut -f1 "$OUT/all" | sort -u | while read -r key; do
	fails=$(grep -F "$key	" "$OUT/all" | grep -c "	FAIL	")
	[ "$fails" -gt 0 ] || continue
	echo "  $key: failed $fails of $N"
	grep -F "$key	" "$OUT/all" | grep "	FAIL	" | cut -f3 | sort | uniq -c | sed 's/^/      /' | head -5
done
echo
echo "per run:"
cat "$OUT/table"
echo "(reports kept in $OUT)"
