#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# selftest.sh     (`make matrix-selftest`)
#
# The renderer on made-up results, no qemu, no root: three kernels' JSON
# results (docs/RESULTS.md) built here with jq, one kernel whose JSON never
# arrived (KTAP on stdout only), then render.sh, and checks of what it
# printed and of the page. What it proves:
#   - a variant that passes everywhere with the same observed results is not
#     in the "differ" list, and one that passes everywhere but saw another
#     value on one kernel is, with its first differing step and each
#     kernel's answer (the reason the matrix reads JSON);
#   - a failure's detail is its step, expected and got, as KTAP prints it;
#   - a SKIP keeps its reason; a kernel without JSON falls back to its KTAP.
# Each check prints what it expected when it fails; exit status 1 then.
# Backquotes in the strings below are nsfault's quoting of a step, not shell.
# shellcheck disable=SC2016
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v jq >/dev/null || { echo "selftest: needs jq (Debian package jq)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
res=$tmp/results
mkdir -p "$res"

# One passing variant: two steps, the second's value given.
base() {
	jq -n --arg v "$1" '{
	  format: "nsfault-results", format_version: 1, kernel_release: "x", repeat: 1,
	  variants: [
	    { path: "cases/a.case", variant: "ipv4", run: 1, verdict: "pass", fail_kind: null,
	      reason: "", failed_line: null, steps: [
	        { line: 10, text: "client connect server:7000", ran: true, mismatch: false, expected: "0",
	          result: { ret: 0, errno: null, kind: "int", text: "0", duration_ms: 0.2, timed_out: false } },
	        { line: 11, text: "client send 200000 MSG_DONTWAIT", ran: true, mismatch: false,
	          expected: "40000..56000",
	          result: { ret: ($v | tonumber), errno: null, kind: "int", text: $v, duration_ms: 3.7,
	                    timed_out: false } } ] },
	    { path: "cases/b.case", variant: "ipv6 nft", run: 1, verdict: "pass", fail_kind: null,
	      reason: "", failed_line: null, steps: [
	        { line: 7, text: "client recv 100", ran: true, mismatch: false, expected: "-1 ECONNRESET",
	          result: { ret: -1, errno: "ECONNRESET", kind: "int", text: "-1 ECONNRESET",
	                    duration_ms: 2.5, timed_out: false } } ] },
	    { path: "cases/c.case", variant: "ipv4", run: 1, verdict: "skip", fail_kind: null,
	      reason: "line 5: needs tool iptables-legacy", failed_line: null, steps: [] } ] }'
}

meta() {
	printf 'LABEL=%s\nKVER=%s\nWHERE=%s\nFORMAT=json\nOUTCOME=finished\nWALL_SECONDS=1\nSUITE_SECONDS=1\n' \
		"$1" "$2" "$3" >"$res/$1.meta"
}

meta native 6.18.0 native
base 46336 >"$res/native.json"
meta k612 6.12.0 "qemu tcg"
base 46336 >"$res/k612.json"
# 6.1: a.case passes with another value; b.case fails on its step.
meta k61 6.1.0 "qemu tcg"
base 37648 | jq '.variants[1] |= (.verdict = "fail" | .fail_kind = "mismatch" | .failed_line = 7
	| .steps[0].mismatch = true | .steps[0].result.text = "0" | .steps[0].result.ret = 0
	| .steps[0].result.errno = null | .steps[0].result.duration_ms = 41.9)' >"$res/k61.json"
# 7.0: killed before the JSON was sent; its KTAP is all there is.
meta k70 7.0.0 "qemu tcg"
: >"$res/k70.json"
printf 'TAP version 13\n1..3\nok 1 A cases/a.case ipv4\nok 2 B cases/b.case ipv6 nft\n' >"$res/k70.stdout"

out=$tmp/out
rc=0
MATRIX_ALL=1 MATRIX_HTML=$tmp/m.html "$here/render.sh" "$res" >"$out" 2>&1 || rc=$?

fails=0
expect() {
	if ! grep -qF -- "$1" "$out"; then
		printf 'selftest: FAIL: %s\n  wanted a line with: %s\n' "$2" "$1"
		fails=$((fails + 1))
	fi
}
refuse() {
	if grep -qF -- "$1" "$out"; then
		printf 'selftest: FAIL: %s\n  unwanted: %s\n' "$2" "$1"
		fails=$((fails + 1))
	fi
}

[ "$rc" -eq 1 ] || { echo "selftest: FAIL: render.sh exited $rc, not 1 (a kernel has a failure)"; fails=$((fails + 1)); }
expect 'line 11 `client send 200000 MSG_DONTWAIT`: native 46336, k61 37648, k612 46336' \
	"a value that changed between passing kernels is listed with every kernel's answer"
expect 'observed sequences that differ between kernels where the variant passes (3 kernels with JSON results): 1' \
	"exactly one variant differs, among the three kernels with JSON"
refuse '  cases/b.case ipv6 nft' "b.case fails on one kernel and is the same on the others: not a difference"
expect 'line 7: step `client recv 100`: expected -1 ECONNRESET, got 0 after 41 ms' \
	"a failure's detail is its step, expected and got"
expect 'SKIP line 5: needs tool iptables-legacy' "a skip keeps its reason"
expect 'no JSON: verdicts from the KTAP on stdout' "a kernel without JSON falls back to its KTAP"
grep -q 'k61 37648' "$tmp/m.html" || { echo "selftest: FAIL: the page lacks the differing step"; fails=$((fails + 1)); }

if [ "$fails" -ne 0 ]; then
	echo "selftest: $fails checks failed; render.sh printed:"
	sed 's/^/    /' "$out"
	exit 1
fi
echo "selftest: render.sh: all checks passed"
