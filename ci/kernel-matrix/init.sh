#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# /init of the kernel-matrix guest (busybox sh, PID 1).
#
# Serial ports, as boot.sh wires them:
#   ttyS0  console: kernel messages, this script's progress, nsfault's stderr
#   ttyS1  the results, and nothing else: the file RESULT_FILE names (the
#          JSON results), sent after the run; without RESULT_FILE, whatever
#          nsfault prints on stdout
#   ttyS2  status lines key=value for the host: kver, insmod failures, rc,
#          seconds, and "end" once the run is over
#   ttyS3  with RESULT_FILE: nsfault's stdout (KTAP), as it is printed, so
#          that a guest killed before the end still leaves what ran
# /etc/matrix.conf (a separate cpio appended per boot) sets NSFAULT_ARGS,
# RESULT_FILE and GUEST_LIMIT.
PATH=/usr/sbin:/usr/bin
export PATH

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
mount -t cgroup2 cgroup2 /sys/fs/cgroup
mount -t tmpfs -o mode=0755 tmpfs /run
mount -t tmpfs tmpfs /tmp

NSFAULT_ARGS="run -o ktap cases"
RESULT_FILE=
GUEST_LIMIT=3000
# shellcheck disable=SC1091 # written per boot by initramfs.sh conf
if [ -r /etc/matrix.conf ]; then . /etc/matrix.conf; fi

# No newline translation: the host reads the ports byte for byte.
stty -F /dev/ttyS1 raw -echo
stty -F /dev/ttyS2 raw -echo
stty -F /dev/ttyS3 raw -echo
status() { echo "$1" >/dev/ttyS2; }

kver=$(uname -r)
status "kver=$kver"
status "cpus=$(grep -c ^processor /proc/cpuinfo)"
mods=/lib/modules/$kver
if [ -r "$mods/load.list" ]; then
	while read -r m; do
		if ! insmod "$mods/$m"; then
			echo "matrix: insmod $m failed"
			status "insmod_failed=$m"
		fi
	done <"$mods/load.list"
else
	echo "matrix: no $mods/load.list: the modules were packed for another release"
	status "no_modules=$mods"
fi

cd /nsfault || exit 1
echo "matrix: nsfault $NSFAULT_ARGS (guest limit ${GUEST_LIMIT}s)"
start=$(date +%s)
# shellcheck disable=SC2086 # NSFAULT_ARGS is a list of words on purpose
if [ -n "$RESULT_FILE" ]; then
	timeout "$GUEST_LIMIT" nsfault $NSFAULT_ARGS >/dev/ttyS3
	rc=$?
	if ! cat "$RESULT_FILE" >/dev/ttyS1; then
		echo "matrix: no results file $RESULT_FILE"
		status "no_result_file=$RESULT_FILE"
	fi
else
	timeout "$GUEST_LIMIT" nsfault $NSFAULT_ARGS >/dev/ttyS1
	rc=$?
fi
end=$(date +%s)
echo "matrix: nsfault exited with $rc after $((end - start)) s"
status "rc=$rc"
status "seconds=$((end - start))"
status "guest_limit=$GUEST_LIMIT"
status "end"
sync
poweroff -f
