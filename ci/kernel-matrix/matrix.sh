#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# matrix.sh [SPEC...]     (`make matrix KERNELS="SPEC ..."`)
#
# Runs the case suite on several kernels, one qemu guest at a time, plus the
# running kernel natively, then prints the summary (render.sh). SPEC (see
# fetch.sh): a Debian suite (bookworm, bookworm-backports, trixie, sid,
# experimental), SUITE:linux-image-<abi>, or custom (with KERNEL=, MODULES=,
# CONFIG=). With KERNEL= set, the custom kernel is added without naming it.
#
# Settings (environment or make variables):
#   KERNELS         specs when none are given         (bookworm trixie sid)
#   CASES           the case files or folders to run  (cases); with
#                   NATIVE=0 and MATRIX_APPEND=1, re-runs some cases on one
#                   kernel (its column then holds only those)
#   NSFAULT         the binary put in the guest       (build/nsfault)
#   NSFAULT_ARGS    what the guest runs               (run -j 4 -o ktap $CASES)
#   RESULT_FORMAT   json (default): every run also writes `--json`, which
#                   the renderer reads (verdicts, and every step's observed
#                   result, to compare kernels where both pass); stdout is
#                   kept as <label>.stdout. ktap: stdout is the results.
#   NATIVE          0 = no column for the running kernel (1)
#   NATIVE_ARGS     the native run (default: NSFAULT_ARGS)
#   CONFIRM         0 = do not re-run failing cases alone (1)
#   CONFIRM_ARGS    the re-run, before the failing case files
#                   (run -j 1 -r 3 -o ktap)
#   BOOT_LIMIT      seconds one guest may take, boot to power-off (1800)
#   GUEST_LIMIT     seconds nsfault may take inside it (BOOT_LIMIT - 120)
#   CONFIRM_LIMIT   BOOT_LIMIT of a confirmation re-run (300 s + 120 s per
#                   failing case file, at most BOOT_LIMIT)
#   GUEST_MEM, GUEST_CPUS, GUEST_CMDLINE   qemu -m, -smp, extra kernel args
#   MATRIX_DIR      everything goes under it          (build/matrix)
#   MATRIX_APPEND   1 = keep the results of earlier runs in the table (0)
#   MATRIX_KEEP     1 = keep the downloaded .deb files (0)
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=ci/kernel-matrix/lib.sh
. "$here/lib.sh"

NSFAULT=${NSFAULT:-build/nsfault}
NSFAULT_ARGS=${NSFAULT_ARGS:-run -j 4 -o ktap ${CASES:-cases}}
RESULT_FORMAT=${RESULT_FORMAT:-json}
NATIVE=${NATIVE:-1}
NATIVE_ARGS=${NATIVE_ARGS:-$NSFAULT_ARGS}
CONFIRM=${CONFIRM:-1}
CONFIRM_ARGS=${CONFIRM_ARGS:-run -j 1 -r 3 -o ktap}
BOOT_LIMIT=${BOOT_LIMIT:-1800}
# Empty: 300 s plus 120 s per failing case file, at most BOOT_LIMIT.
CONFIRM_LIMIT=${CONFIRM_LIMIT:-}
MATRIX_APPEND=${MATRIX_APPEND:-0}
MATRIX_KEEP=${MATRIX_KEEP:-0}
case $NSFAULT in /*) ;; *) NSFAULT=$PWD/$NSFAULT ;; esac
case $RESULT_FORMAT in
json) command -v jq >/dev/null || die "no jq (Debian package jq; make matrix-deps): it reads the JSON results" ;;
ktap) ;;
*) die "RESULT_FORMAT must be json or ktap, not '$RESULT_FORMAT'" ;;
esac
export NSFAULT RESULT_FORMAT MATRIX_DIR RESULTS_DIR

specs=("$@")
if [ "${#specs[@]}" -eq 0 ]; then
	read -r -a specs <<<"${KERNELS-bookworm trixie sid}"
fi
if [ -n "${KERNEL:-}" ]; then
	case " ${specs[*]} " in *" custom "*) ;; *) specs+=(custom) ;; esac
fi

[ -x "$NSFAULT" ] || die "no nsfault binary at $NSFAULT (run make first)"
command -v qemu-system-x86_64 >/dev/null || die "no qemu-system-x86_64 (Debian package qemu-system-x86; make matrix-deps)"
for t in dpkg-deb apt-get xz gzip; do
	command -v "$t" >/dev/null || die "no $t on this machine"
done
# One matrix at a time: it runs one qemu at a time, and shares its caches.
mkdir -p "$MATRIX_DIR"
exec 9>"$MATRIX_DIR/lock"
flock -n 9 || die "another matrix run holds $MATRIX_DIR/lock"

if [ "$MATRIX_APPEND" != 1 ]; then rm -rf "$RESULTS_DIR"; fi
mkdir -p "$RESULTS_DIR"
t0=$(date +%s)

# The variants of a result file that failed, as "path family [backend]",
# one line each (also once per failed run under -r).
failed_variants() {
	case $RESULT_FORMAT in
	# KTAP: "path family [backend]" of each failed variant line in a case
	# file's block (docs/RESULTS.md), without its directive.
	ktap) awk '/^ *# Subtest: / { path = $4 }
		/^ +not ok [0-9]+ / { v = $0; sub(/^ +not ok [0-9]+ /, "", v); sub(/ # .*$/, "", v); print path, v }' "$1" ;;
	json) jq -r '.variants[] | select(.verdict == "fail") | "\(.path) \(.variant)"' "$1" ;;
	*) die "CONFIRM: cannot read failures from format $RESULT_FORMAT yet (set CONFIRM=0)" ;;
	esac
}

# confirm_args RESULTS: CONFIRM_ARGS plus the failing case files, and -f when
# they all failed in one family; empty when nothing failed.
confirm_args() {
	local vs files fams
	vs=$(failed_variants "$1")
	[ -n "$vs" ] || return 0
	files=$(printf '%s\n' "$vs" | awk '{ print $1 }' | sort -u | tr '\n' ' ')
	fams=$(printf '%s\n' "$vs" | awk '{ print $2 }' | sort -u)
	if [ "$(printf '%s\n' "$fams" | wc -l)" -eq 1 ]; then
		printf '%s -f %s %s\n' "$CONFIRM_ARGS" "$fams" "$files"
	else
		printf '%s %s\n' "$CONFIRM_ARGS" "$files"
	fi
}

# native PREFIX ARGS: the suite on the running kernel; the files as boot.sh
# leaves them (PREFIX.json and .stdout, or PREFIX.ktap; .console, .meta).
native() {
	local prefix=$1 args=$2 start wall rc=0 outcome why load_before
	local -a words
	rm -f "$prefix.$RESULT_FORMAT" "$prefix.stdout"
	if [ "$RESULT_FORMAT" = json ]; then args=$(with_json "$args" "$prefix.json"); fi
	read -r -a words <<<"$args"
	say "native: nsfault $args (limit ${BOOT_LIMIT}s)"
	load_before=$(cut -d' ' -f1 /proc/loadavg)
	start=$(date +%s)
	if [ "$RESULT_FORMAT" = json ]; then
		timeout -k 15 "$BOOT_LIMIT" "$NSFAULT" "${words[@]}" >"$prefix.stdout" 2>"$prefix.console" || rc=$?
		[ -e "$prefix.json" ] || : >"$prefix.json"
	else
		timeout -k 15 "$BOOT_LIMIT" "$NSFAULT" "${words[@]}" >"$prefix.$RESULT_FORMAT" 2>"$prefix.console" || rc=$?
	fi
	wall=$(($(date +%s) - start))
	case $rc in
	124 | 137) outcome=timeout why="nsfault killed at BOOT_LIMIT=${BOOT_LIMIT}s" ;;
	0 | 1) outcome=finished why="nsfault exited with $rc" ;;
	*) outcome=error why="nsfault exited with $rc: $(head -c 300 "$prefix.console" | tr '\n' ' ')" ;;
	esac
	{
		printf 'LABEL=native\n'
		printf 'KVER=%s\n' "$(uname -r)"
		printf 'SOURCE=the running kernel\n'
		printf 'WHERE=native\n'
		printf 'ARGS=%s\n' "$args"
		printf 'FORMAT=%s\n' "$RESULT_FORMAT"
		printf 'OUTCOME=%s\nWHY=%s\nRC=%s\n' "$outcome" "$why" "$rc"
		printf 'WALL_SECONDS=%s\nSUITE_SECONDS=%s\n' "$wall" "$wall"
		printf 'HOST_LOAD=%s %s\nHOST_CPUS=%s\n' "$load_before" "$(cut -d' ' -f1 /proc/loadavg)" "$(nproc)"
	} >"$prefix.meta"
	say "native: $outcome after $(kv_get "$prefix.meta" WALL_SECONDS)s: $why"
}

if [ "$NATIVE" != 0 ]; then
	native "$RESULTS_DIR/native" "$NATIVE_ARGS"
	if [ "$CONFIRM" != 0 ]; then
		args=$(confirm_args "$RESULTS_DIR/native.$RESULT_FORMAT")
		if [ -n "$args" ]; then
			say "native: re-running the failing cases alone"
			native "$RESULTS_DIR/native.confirm" "$args"
		fi
	fi
fi

say "building the shared part of the initramfs"
export COMMON_INITRD=$MATRIX_DIR/common.cpio.gz
"$here/initramfs.sh" common "$COMMON_INITRD"

for spec in "${specs[@]}"; do
	[ "$spec" != native ] || continue
	if ! kdir=$("$here/fetch.sh" "$spec"); then
		label=$(safe_label "$spec")
		say "$spec: could not get this kernel; going on with the others"
		printf 'LABEL=%s\nKVER=?\nSOURCE=%s\nWHERE=-\nFORMAT=%s\nOUTCOME=fetch-failed\nWHY=%s\n' \
			"$label" "$spec" "$RESULT_FORMAT" "fetch.sh $spec failed (see above)" >"$RESULTS_DIR/$label.meta"
		continue
	fi
	label=$(kv_get "$kdir/kernel.env" LABEL)
	prefix=$RESULTS_DIR/$label
	rc=0
	SPEC=$spec NSFAULT_ARGS=$NSFAULT_ARGS BOOT_LIMIT=$BOOT_LIMIT \
		"$here/boot.sh" "$kdir" "$prefix" || rc=$?
	[ "$rc" -ne 130 ] || die "interrupted"
	if [ "$CONFIRM" != 0 ] && [ -s "$prefix.$RESULT_FORMAT" ]; then
		args=$(confirm_args "$prefix.$RESULT_FORMAT")
		if [ -n "$args" ]; then
			say "$label: re-running the failing cases alone: nsfault $args"
			limit=$CONFIRM_LIMIT
			if [ -z "$limit" ]; then
				limit=$((300 + 120 * $(failed_variants "$prefix.$RESULT_FORMAT" | awk '{ print $1 }' | sort -u | wc -l)))
				[ "$limit" -le "$BOOT_LIMIT" ] || limit=$BOOT_LIMIT
			fi
			rc=0
			SPEC=$spec NSFAULT_ARGS=$args BOOT_LIMIT=$limit GUEST_LIMIT='' \
				"$here/boot.sh" "$kdir" "$prefix.confirm" || rc=$?
			[ "$rc" -ne 130 ] || die "interrupted"
		fi
	fi
done

if [ "$MATRIX_KEEP" != 1 ]; then
	# The unpacked trees are gone already (fetch.sh); the packages are big.
	find "$MATRIX_DIR/apt" -path '*/debs/linux-*.deb' -delete 2>/dev/null || true
fi
say "all kernels done in $(($(date +%s) - t0))s; results in $RESULTS_DIR"
echo
"$here/render.sh" "$RESULTS_DIR"
