#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# render.sh [RESULTS_DIR]
#
# The summary of a matrix run, from the files collected in RESULTS_DIR
# (default build/matrix/results) and nothing else, so it can be re-run, or
# replaced by a richer renderer, without booting anything:
#   <label>.meta                 one kernel: release, source, outcome, times
#   <label>.<FORMAT>             its results (FORMAT from the meta: json,
#                                `nsfault run --json`, or ktap)
#   <label>.stdout               json only: nsfault's stdout (KTAP), read
#                                when the JSON never arrived (guest killed)
#   <label>.confirm.<FORMAT>     optional: the failing cases re-run alone
# Each result file is first turned into <label>.tsv (and .confirm.tsv), one
# line per variant: verdict TAB variant TAB detail, verdict being ok, FAIL or
# SKIP; a line "#plan TAB N" says how many top-level results (KTAP: case
# files) were announced, a last one "#top TAB N" how many came.
# A parser for another format only has to write that.
#
# Prints one row per kernel (passed / failed / skipped, wall time, outcome),
# then every failing variant with its step, expected and got, and what its
# re-run alone said, then the case x kernel table (table.sh), also written as
# MATRIX_HTML (default matrix.html beside RESULTS_DIR). Exit status: 0 when every kernel ran to its end with no
# failure, 1 otherwise.
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=ci/kernel-matrix/lib.sh
. "$here/lib.sh"

dir=${1:-$RESULTS_DIR}
[ -d "$dir" ] || die "no results directory $dir"

# KTAP as nsfault writes it (docs/RESULTS.md): one test per case file, its
# variants in an indented block opened by "# Subtest: SCENARIO PATH"; a
# variant's diagnostics ("# ...") come before its result line; a failure's
# first diagnostic after its "# FAIL" header is "path:line:col: step `...`:
# expected X, got Y". A malformed file is a top-level result of its own.
parse_ktap() {
	awk '
	BEGIN { OFS = "\t"; detail = ""; block = ""; top = 0 }
	/^1\.\.[0-9]+/ { split($1, p, "."); print "#plan", p[3]; next }
	/^ *# Subtest: / { block = $4; next }
	/^ *# FAIL / { want = 1; next }
	/^ *# / && want {
		line = $0; sub(/^ *#[ \t]+/, "", line)
		if (line != "") { detail = line; want = 0 }
		next
	}
	/^ *(not )?ok [0-9]+ / {
		nested = ($0 ~ /^ /)
		if (!nested) top++
		if (!nested && block != "") { block = ""; next }   # a case file: its variants are above
		line = $0; sub(/^ */, "", line)
		failed = (line ~ /^not /)
		rest = line; sub(/^(not )?ok [0-9]+ /, "", rest)
		if (!nested) sub(/^[^ ]+ /, "", rest)               # the scenario before a path
		else rest = block " " rest
		verdict = failed ? "FAIL" : "ok"
		if (!failed && match(rest, / # SKIP /)) {
			detail = substr(rest, RSTART + 8); rest = substr(rest, 1, RSTART - 1); verdict = "SKIP"
		}
		if (match(rest, / # (ERROR|TIMEOUT) /)) rest = substr(rest, 1, RSTART - 1)
		if (verdict == "ok") detail = ""
		# "cases/x.case:44:1: step ..." -> "line 44: step ..."
		if (match(detail, /^[^ :]+:[0-9]+:[0-9]+: /)) {
			split(substr(detail, 1, RLENGTH), loc, ":")
			detail = "line " loc[2] ": " substr(detail, RLENGTH + 1)
		}
		print verdict, rest, detail
		detail = ""; want = 0
	}
	END { print "#top", top }'
}

# nsfault's JSON results (docs/RESULTS.md): the same lines as parse_ktap.
# A variant is "path variant" (no "run K": the re-runs of one variant count
# together); a failure's detail is its failing step as KTAP prints it.
parse_json() {
	jq -r '
	def got: if .result == null then "nothing (the step did not run)"
		else .result.text + (if .result.timed_out then " (timed out)" else "" end)
			+ (if .result.duration_ms >= 1 then " after \(.result.duration_ms | floor) ms" else "" end) end;
	def detail: if .verdict == "skip" then .reason
		elif .verdict == "pass" then ""
		else ([.steps[] | select(.mismatch)][0]) as $s
			| if $s != null then "line \($s.line): step `\($s.text)`: expected \($s.expected), got \($s | got)"
			  else (if .failed_line != null then "line \(.failed_line): " else "" end) + "\(.fail_kind): \(.reason)" end
		end;
	def verdict: {"pass": "ok", "fail": "FAIL", "skip": "SKIP"}[.verdict] // "FAIL";
	"#plan\t\(.variants | length)",
	(.variants[] | [verdict, "\(.path) \(.variant)", detail] | map(gsub("[\t\n]"; " ")) | join("\t")),
	((.skipped_cases // [])[] | ["SKIP", "\(.path) (all variants)", .reason] | map(gsub("[\t\n]"; " ")) | join("\t")),
	((.errors // [])[] | ["FAIL", "\(.path) (not loaded)", .message] | map(gsub("[\t\n]"; " ")) | join("\t"))
	' "$1"
}

# parse FILE FORMAT > TSV
parse() {
	case $2 in
	ktap) parse_ktap <"$1" ;;
	json) parse_json "$1" ;;
	*)
		say "$1: no parser for format '$2' yet (render.sh: add parse_$2, writing the same TSV)"
		return 1
		;;
	esac
}

metas=()
for m in "$dir"/*.meta; do
	[ -e "$m" ] || continue
	case $m in *.confirm.meta) continue ;; esac
	metas+=("$m")
done
[ "${#metas[@]}" -gt 0 ] || die "no <kernel>.meta in $dir: nothing ran"

# The running kernel first, then by release.
mapfile -t metas < <(for m in "${metas[@]}"; do
	w=1
	[ "$(kv_get "$m" WHERE)" = native ] && w=0
	printf '%s\t%s\t%s\n' "$w" "$(kv_get "$m" KVER)" "$m"
done | sort -t "$(printf '\t')" -k1,1n -k2,2V | cut -f3)

bad=0
rows=()
declare -A fails_on=()

for m in "${metas[@]}"; do
	base=${m%.meta}
	label=$(kv_get "$m" LABEL)
	fmt=$(kv_get "$m" FORMAT)
	outcome=$(kv_get "$m" OUTCOME)
	pass=- fail=- skip=- plan= top=
	src=$base.$fmt srcfmt=$fmt
	# A guest killed before the end sent no JSON; its KTAP went out as printed.
	if [ ! -s "$src" ] && [ "$fmt" = json ] && [ -s "$base.stdout" ]; then
		src=$base.stdout srcfmt=ktap
		outcome="$outcome, no JSON: verdicts from the KTAP on stdout"
	fi
	if [ -s "$src" ] && parse "$src" "$srcfmt" >"$base.tsv"; then
		plan=$(awk -F '\t' '$1 == "#plan" { print $2; exit }' "$base.tsv")
		top=$(awk -F '\t' '$1 == "#top" { print $2; exit }' "$base.tsv")
		pass=$(awk -F '\t' '$1 == "ok"' "$base.tsv" | wc -l)
		fail=$(awk -F '\t' '$1 == "FAIL"' "$base.tsv" | wc -l)
		skip=$(awk -F '\t' '$1 == "SKIP"' "$base.tsv" | wc -l)
	else
		: >"$base.tsv"
	fi
	while IFS=$'\t' read -r v name _; do
		if [ "$v" = FAIL ]; then fails_on[$name]="${fails_on[$name]:-} $label"; fi
	done <"$base.tsv"
	if [ -s "$base.confirm.$fmt" ]; then
		parse "$base.confirm.$fmt" "$fmt" >"$base.confirm.tsv" || : >"$base.confirm.tsv"
	elif [ "$fmt" = json ] && [ -s "$base.confirm.stdout" ]; then
		# A re-run whose guest died: the verdicts it printed before.
		parse_ktap <"$base.confirm.stdout" >"$base.confirm.tsv"
	fi
	state=$outcome
	if [ -n "$plan" ] && [ -n "$top" ] && [ "$top" -lt "$plan" ]; then
		state="$outcome, $top of $plan case files reported"
	fi
	busy=$(busy_load "$m")
	[ -z "$busy" ] || state="$state, host busy (load $busy)"
	[ "$outcome" = finished ] || bad=1
	[ "$fail" = - ] || [ "$fail" -eq 0 ] || bad=1
	rows+=("$(printf '%-22s %-24s %-22s %6s %6s %7s %7s  %s' "$label" "$(kv_get "$m" KVER)" \
		"$(kv_get "$m" WHERE | sed 's/, [0-9A-Za-z]*$//')" "$pass" "$fail" "$skip" \
		"$(kv_get "$m" WALL_SECONDS)s" "$state")")
done

printf 'nsfault kernel matrix (%s)\n\n' "$dir"
printf '%-22s %-24s %-22s %6s %6s %7s %7s  %s\n' kernel release where passed failed skipped wall outcome
for r in "${rows[@]}"; do printf '%s\n' "$r"; done

for m in "${metas[@]}"; do
	base=${m%.meta}
	label=$(kv_get "$m" LABEL)
	fmt=$(kv_get "$m" FORMAT)
	outcome=$(kv_get "$m" OUTCOME)
	header=
	if [ "$outcome" != finished ]; then
		header="$label: $outcome: $(kv_get "$m" WHY)"
	fi
	missing=$(kv_get "$m" MISSING_MODULES)
	insmod=$(kv_get "$m" INSMOD_FAILED)
	nfail=$(awk -F '\t' '$1 == "FAIL"' "$base.tsv" | wc -l)
	[ -n "$header$missing$insmod" ] || [ "$nfail" -gt 0 ] || continue
	printf '\n%s (%s): %s failed, suite %ss of %ss wall\n' "$label" "$(kv_get "$m" SOURCE)" "$nfail" \
		"$(kv_get "$m" SUITE_SECONDS | sed 's/^$/-/')" "$(kv_get "$m" WALL_SECONDS | sed 's/^$/-/')"
	[ -z "$header" ] || printf '  %s\n' "$header"
	busy=$(busy_load "$m")
	[ -z "$busy" ] || printf '  host busy: load average up to %s on %s CPUs during the run; timings are not comparable\n' \
		"$busy" "$(kv_get "$m" HOST_CPUS)"
	cbusy=
	if [ -e "$base.confirm.meta" ]; then cbusy=$(busy_load "$base.confirm.meta"); fi
	[ -z "${missing// /}" ] || printf '  modules not found (not fatal): %s\n' "$missing"
	[ -z "${insmod// /}" ] || printf '  insmod failed: %s\n' "$insmod"
	while IFS=$'\t' read -r verdict variant detail; do
		[ "$verdict" = FAIL ] || continue
		printf '  FAIL %s\n' "$variant"
		[ -z "$detail" ] || printf '       %s\n' "$detail"
		verdict_alone=
		if [ -s "$base.confirm.tsv" ]; then
			read -r okc failc < <(awk -F '\t' -v v="$variant" '
				$2 == v { if ($1 == "FAIL") f++; else if ($1 == "ok") o++ }
				END { print o + 0, f + 0 }' "$base.confirm.tsv")
			runs=$((okc + failc))
			if [ "$runs" -eq 0 ]; then
				verdict_alone="re-run alone: no result for it"
			elif [ "$failc" -eq "$runs" ] && [ -n "$cbusy" ]; then
				verdict_alone="re-run alone: failed $failc of $runs, but on a busy host (load $cbusy) -> not conclusive"
			elif [ "$failc" -eq "$runs" ]; then
				verdict_alone="re-run alone: failed $failc of $runs -> confirmed"
			elif [ "$failc" -eq 0 ]; then
				verdict_alone="re-run alone: passed $okc of $runs -> timing under load, not the kernel"
			else
				verdict_alone="re-run alone: failed $failc of $runs -> flaky"
			fi
		elif [ -e "$base.confirm.meta" ]; then
			verdict_alone="re-run alone: $(kv_get "$base.confirm.meta" OUTCOME), no results"
		else
			verdict_alone="not re-run alone (CONFIRM=0)"
		fi
		# The right value at the wrong time: under emulation every step is
		# slower, and a window measured from a later step shrinks or grows.
		if [[ $detail =~ expected\ (.*)\ after\ [0-9.]+\ ms,\ got\ (.*)\ after\ [0-9]+\ ms$ ]] &&
			[ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ]; then
			verdict_alone="$verdict_alone; only the time differs"
		fi
		# The same variant on the other kernels, under the same emulation:
		# failing on one kernel only is what a kernel difference looks like.
		others=
		for l in ${fails_on[$variant]:-}; do
			if [ "$l" != "$label" ]; then others="$others $l"; fi
		done
		if [ -n "$others" ]; then
			verdict_alone="$verdict_alone; also fails on:$others"
		elif [ "${#metas[@]}" -gt 1 ]; then
			verdict_alone="$verdict_alone; passes on every other kernel"
		fi
		printf '       %s\n' "$verdict_alone"
	done <"$base.tsv"
done
# The case x kernel table on the terminal and as a page (table.sh).
"$here/table.sh" "$dir" "${MATRIX_HTML:-$(dirname "$dir")/matrix.html}" "${metas[@]}"
exit "$bad"
