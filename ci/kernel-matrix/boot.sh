#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# boot.sh KDIR PREFIX
#
# Boots the kernel of KDIR (see fetch.sh) under qemu with the suite's
# initramfs, runs `nsfault $NSFAULT_ARGS` in it and leaves, next to PREFIX:
#   PREFIX.$RESULT_FORMAT  what the guest wrote on its second serial port,
#                          byte for byte: with RESULT_FORMAT=json (the
#                          default) the JSON results (`--json` is added to
#                          NSFAULT_ARGS), else nsfault's stdout
#   PREFIX.stdout          json only: nsfault's stdout (the fourth port)
#   PREFIX.console         the first serial port: the guest's console
#   PREFIX.status          the third serial port: the guest init's key=value
#   PREFIX.meta            what the renderer needs: kernel, outcome, times
# The exit status is 0 when the guest ran nsfault to its end (whatever
# nsfault's verdict: that is in the results), 1 otherwise.
#
# Bounded: qemu runs under `timeout $BOOT_LIMIT` (then SIGKILL 15 s later),
# and inside the guest nsfault runs under `timeout $GUEST_LIMIT`, shorter, so
# that a hung suite still powers the guest off with the results so far.
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=ci/kernel-matrix/lib.sh
. "$here/lib.sh"

kdir=${1:?usage: boot.sh KDIR PREFIX}
prefix=${2:?usage: boot.sh KDIR PREFIX}

NSFAULT_ARGS=${NSFAULT_ARGS:-run -j 4 -o ktap cases}
RESULT_FORMAT=${RESULT_FORMAT:-json}
if [ "$RESULT_FORMAT" = json ]; then
	# The results as a file in the guest, sent on the second port after the
	# run; stdout (KTAP) goes to the fourth as it is printed.
	RESULT_FILE=/run/results.json
	NSFAULT_ARGS=$(with_json "$NSFAULT_ARGS" "$RESULT_FILE")
else
	RESULT_FILE=
fi
BOOT_LIMIT=${BOOT_LIMIT:-1800}
# Boot and module loading take about 10 s under TCG; the rest is the suite's.
GUEST_LIMIT=${GUEST_LIMIT:-$((BOOT_LIMIT > 240 ? BOOT_LIMIT - 120 : BOOT_LIMIT / 2))}
GUEST_MEM=${GUEST_MEM:-1G}
GUEST_CPUS=${GUEST_CPUS:-2}
# loglevel 4 (quiet): the veth and namespace churn of a run would otherwise
# print on an emulated serial console for every case.
GUEST_CMDLINE=${GUEST_CMDLINE:-quiet}
# TCG without KVM: multi runs each vCPU on a host thread; single runs them
# in turn on one, slower, but immune to the "Oops: int3" crashes seen under
# multi when the guest patches static branches (README.md, What to expect).
TCG_THREAD=${TCG_THREAD:-multi}
COMMON_INITRD=${COMMON_INITRD:-$MATRIX_DIR/common.cpio.gz}
export NSFAULT_ARGS RESULT_FORMAT RESULT_FILE GUEST_LIMIT

[ -r "$kdir/kernel.env" ] || die "$kdir: no kernel.env (run fetch.sh first)"
command -v qemu-system-x86_64 >/dev/null || die "no qemu-system-x86_64 (Debian package qemu-system-x86; make matrix-deps)"
label=$(kv_get "$kdir/kernel.env" LABEL)
kver=$(kv_get "$kdir/kernel.env" KVER)
[ -r "$COMMON_INITRD" ] || "$here/initramfs.sh" common "$COMMON_INITRD"

work=$(mktemp -d "$MATRIX_DIR/boot.XXXXXX")
# shellcheck disable=SC2317 # called by the trap
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

# The kernel part is cached next to the kernel; rebuilt when the module set is newer.
kpart=$kdir/initrd-kernel.cpio.gz
if [ ! -s "$kpart" ] || [ "$kdir/modules/load.list" -nt "$kpart" ]; then
	"$here/initramfs.sh" kernel "$kdir" "$kpart"
fi
"$here/initramfs.sh" conf "$work/conf.cpio.gz"
cat "$COMMON_INITRD" "$kpart" "$work/conf.cpio.gz" >"$work/initrd"

if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
	accel=(-accel kvm -cpu host)
	accel_name=kvm
else
	accel=(-accel "tcg,thread=$TCG_THREAD" -cpu max)
	accel_name=tcg
fi

mkdir -p "$(dirname "$prefix")"
rm -f "$prefix.$RESULT_FORMAT" "$prefix.stdout" "$prefix.console" "$prefix.status" "$prefix.meta" "$prefix.qemu"
say "$label: booting ($accel_name, -smp $GUEST_CPUS -m $GUEST_MEM, limit ${BOOT_LIMIT}s): nsfault $NSFAULT_ARGS"
say "$label: console in $prefix.console"
load_before=$(cut -d' ' -f1 /proc/loadavg)
start=$(date +%s)
# In the background, so that an interrupted matrix takes its guest down with
# it: timeout runs in a process group of its own, which a terminal's ^C does
# not reach, so a trap forwards the signal.
qpid=
# shellcheck disable=SC2317 # called by the trap
stop_guest() {
	if [ -n "$qpid" ]; then kill -TERM "$qpid" 2>/dev/null || true; fi
	say "$label: interrupted; guest stopped"
	exit 130
}
trap stop_guest INT TERM HUP
set +e
timeout -k 15 "$BOOT_LIMIT" qemu-system-x86_64 \
	"${accel[@]}" -m "$GUEST_MEM" -smp "$GUEST_CPUS" \
	-nographic -monitor none -no-reboot -nic none \
	-kernel "$kdir/vmlinuz" -initrd "$work/initrd" \
	-append "console=ttyS0 panic=-1 $GUEST_CMDLINE" \
	-chardev "file,id=con,path=$prefix.console" -serial chardev:con \
	-chardev "file,id=res,path=$work/results" -serial chardev:res \
	-chardev "file,id=st,path=$prefix.status" -serial chardev:st \
	-chardev "file,id=out,path=$work/stdout" -serial chardev:out \
	</dev/null >"$prefix.qemu" 2>&1 &
qpid=$!
wait "$qpid"
qrc=$?
qpid=
set -e
trap - INT TERM HUP
end=$(date +%s)
wall=$((end - start))

# Whatever arrived, even from a run cut short; CRs a tty might add go.
tr -d '\r' <"$work/results" >"$prefix.$RESULT_FORMAT" 2>/dev/null || : >"$prefix.$RESULT_FORMAT"
if [ "$RESULT_FORMAT" = json ]; then
	tr -d '\r' <"$work/stdout" >"$prefix.stdout" 2>/dev/null || : >"$prefix.stdout"
fi
st() { kv_get "$prefix.status" "$1" | tr -d '\r'; }
rc=$(st rc)
gsec=$(st seconds)

if [ "$qrc" -eq 124 ] || [ "$qrc" -eq 137 ]; then
	outcome=timeout
	why="no power-off within BOOT_LIMIT=${BOOT_LIMIT}s; qemu killed"
elif grep -qx end <(tr -d '\r' <"$prefix.status"); then
	if [ "$rc" = 143 ] || [ "$rc" = 137 ]; then
		outcome=guest-limit
		why="nsfault stopped at GUEST_LIMIT=${GUEST_LIMIT}s"
	else
		outcome=finished
		why="nsfault exited with $rc"
	fi
elif [ "$qrc" -ne 0 ]; then
	outcome=qemu-error
	why="qemu exited with $qrc: $(head -c 300 "$prefix.qemu" | tr '\n' ' ')"
elif [ -z "$(st kver)" ]; then
	outcome=no-boot
	why="the guest never reached its init (see the console's last lines)"
else
	outcome=crashed
	why="the guest stopped before nsfault finished (see the console's last lines)"
fi

{
	printf 'LABEL=%s\n' "$label"
	printf 'KVER=%s\n' "$kver"
	printf 'GUEST_KVER=%s\n' "$(st kver)"
	printf 'SOURCE=%s\n' "$(kv_get "$kdir/kernel.env" SOURCE)"
	printf 'SPEC=%s\n' "${SPEC:-}"
	printf 'WHERE=qemu %s, %s vCPUs, %s\n' "$accel_name" "$GUEST_CPUS" "$GUEST_MEM"
	printf 'ARGS=%s\n' "$NSFAULT_ARGS"
	printf 'FORMAT=%s\n' "$RESULT_FORMAT"
	printf 'OUTCOME=%s\n' "$outcome"
	printf 'WHY=%s\n' "$why"
	printf 'RC=%s\n' "$rc"
	printf 'WALL_SECONDS=%s\n' "$wall"
	printf 'SUITE_SECONDS=%s\n' "$gsec"
	printf 'MISSING_MODULES=%s\n' "$(tr '\n' ' ' <"$kdir/modules/missing")"
	printf 'HOST_LOAD=%s %s\n' "$load_before" "$(cut -d' ' -f1 /proc/loadavg)"
	printf 'HOST_CPUS=%s\n' "$(nproc)"
	printf 'INSMOD_FAILED=%s\n' "$(sed -n 's/^insmod_failed=//p' "$prefix.status" | tr -d '\r' | tr '\n' ' ')"
} >"$prefix.meta"

if [ "$outcome" = finished ]; then
	say "$label: done in ${wall}s (suite ${gsec}s): $why"
	exit 0
fi
say "$label: $outcome after ${wall}s: $why"
say "$label: last console lines ($prefix.console):"
# Without the firmware's terminal escapes, each line indented and ended.
tail -n 15 "$prefix.console" | tr -d '\r' | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1bc//g' |
	awk '{ print "    " $0 }' >&2
exit 1
