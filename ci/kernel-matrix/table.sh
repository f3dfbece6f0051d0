#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# table.sh RESULTS_DIR HTML META...
#
# The case x kernel table, from the <label>.tsv (and .confirm.tsv) that
# render.sh wrote beside each META, in the order the METAs are given (the
# running kernel first). Prints it on stdout and writes the same as one
# self-contained page to HTML (inline CSS, no script, no external resource).
#
# Rows: variants; columns: kernels. A cell is ok, SKIP (reason), - (not
# run on that kernel) or FAIL at its first differing step, with what the
# re-run alone said: confirmed (failed every time), flaky (mixed), passes
# alone (timing under load), not conclusive (confirmed, but the host was
# busy), not re-run. The terminal lists only the rows that are not ok
# everywhere (MATRIX_ALL=1: every row); the page holds every row.
#
# Observed sequences: from JSON results (FORMAT=json in the meta), every
# variant's observed results are compared between the kernels where it
# passes, and the variants that saw something else are listed with their
# first differing step. KTAP carries verdicts and the failing step only: a
# kernel with KTAP results takes no part in that comparison.
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=ci/kernel-matrix/lib.sh
. "$here/lib.sh"

[ $# -ge 3 ] || die "usage: table.sh RESULTS_DIR HTML META..."
dir=$1 html=$2
shift 2

# observed_tsv META: the observed sequence of every variant of that kernel,
# one line "variant TAB step TAB observed" per step, on stdout: the step as
# "line N `text`", the observed result as nsfault diff compares it (whether
# it ran, the value with its errno, a timeout; not the duration). Only the
# first run of each variant. KTAP has no such data: nothing is printed.
observed_tsv() {
	local res=${1%.meta}.json
	[ "$(kv_get "$1" FORMAT)" = json ] && [ -s "$res" ] || return 0
	jq -r '.variants[] | select(.run == 1) | "\(.path) \(.variant)" as $v | .steps[]
		| [$v, "line \(.line) `\(.text)`",
		   if .result == null then "not run"
		   else .result.text + (if .result.timed_out then " (timed out)" else "" end) end]
		| map(gsub("[\t\n]"; " ")) | join("\t")' "$res"
}

# One line per kernel for awk: label, release, where, busy load, tsv,
# confirm tsv (or -), observed file (or -).
kernels=$(mktemp)
obsdir=$(mktemp -d)
trap 'rm -rf "$kernels" "$obsdir"' EXIT
have_obs=0
for m in "$@"; do
	base=${m%.meta}
	label=$(kv_get "$m" LABEL)
	ctsv=-
	[ ! -s "$base.confirm.tsv" ] || ctsv=$base.confirm.tsv
	cbusy=
	[ ! -e "$base.confirm.meta" ] || cbusy=$(busy_load "$base.confirm.meta")
	obs=$obsdir/$label
	observed_tsv "$m" >"$obs"
	if [ -s "$obs" ]; then have_obs=1; else obs=-; fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$(kv_get "$m" KVER)" \
		"$(kv_get "$m" WHERE)" "$(busy_load "$m")" "$base.tsv" "$ctsv" "$cbusy" "$obs"
done >"$kernels"

mkdir -p "$(dirname "$html")"
awk -F '\t' -v html="$html" -v dir="$dir" -v all="${MATRIX_ALL:-0}" -v have_obs="$have_obs" \
	-v when="$(date -u '+%Y-%m-%d %H:%M UTC')" -f "$here/table.awk" "$kernels"
