#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# initramfs.sh common OUT      the part every kernel shares
# initramfs.sh kernel KDIR OUT the part of one kernel (modules, config)
# initramfs.sh conf OUT        the part of one boot (/etc/matrix.conf)
#
# The guest's initramfs is the three concatenated (the kernel unpacks
# concatenated cpio archives one after the other), so a confirmation re-run
# or another kernel rebuilds only its small part.
#
# common: busybox (Debian's busybox-static, fetched with the private apt from
# this machine's own release, not installed), the nsfault binary ($NSFAULT,
# default build/nsfault) with the shared libraries ldd names, iptables'
# xtables-nft-multi and xtables-legacy-multi with every name /usr/sbin gives
# them (nsfault looks for iptables-nft, ip6tables-legacy-save, ... in
# /usr/sbin), their extensions and the libraries of those, /etc/protocols,
# /etc/services and /etc/ethertypes, the corpus ($CASES_DIR, default cases)
# as /nsfault/cases, and init.sh as /init. The layout is merged-/usr like
# Debian's, so the paths ldd prints resolve unchanged.
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=ci/kernel-matrix/lib.sh
. "$here/lib.sh"

NSFAULT=${NSFAULT:-build/nsfault}
CASES_DIR=${CASES_DIR:-cases}
XTABLES_LIBDIR=${XTABLES_LIBDIR:-/usr/lib/x86_64-linux-gnu/xtables}
# Only what init.sh uses, and diff for `nsfault record` (which shows its
# rewrite with diff -u: NSFAULT_ARGS="record -r 3 FILE" gives every step's
# answer on that kernel, not only up to a variant's first mismatch). More
# would make `require tool ip` or the like find busybox's imitation
# instead of the real program.
APPLETS="sh mount mkdir insmod cat echo stty uname grep date timeout sync poweroff diff"

tmp=
cleanup() { if [ -n "$tmp" ]; then rm -rf "$tmp"; fi; }
trap cleanup EXIT

busybox_bin() {
	local suite dir deb
	suite=$(host_suite)
	dir=$MATRIX_DIR/busybox
	if [ ! -x "$dir/bin/busybox" ]; then
		apt_prepare "$suite"
		deb=$(apt_download "$suite" "$MATRIX_DIR/apt/$suite/debs" busybox-static)
		rm -rf "$dir"
		dpkg-deb -x "$deb" "$dir"
	fi
	[ -x "$dir/bin/busybox" ] || die "busybox-static has no bin/busybox"
	printf '%s\n' "$dir/bin/busybox"
}

# pack DIR OUT: a gzip'd newc cpio of DIR.
pack() {
	local dir=$1 out=$2 bb
	bb=$(busybox_bin)
	(cd "$dir" && find . | LC_ALL=C sort | "$bb" cpio -o -H newc 2>/dev/null) | gzip -6 >"$out.new"
	mv "$out.new" "$out"
}

# Copies host file PATH to ROOT at the same path (following symlinks).
put() {
	local root=$1 path=$2
	mkdir -p "$root$(dirname "$path")"
	cp -L "$path" "$root$path"
}

# The shared libraries FILE needs, as absolute paths (the loader included).
libs_of() {
	ldd "$1" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
}

common() {
	local out=$1 root bb a f target name
	[ -x "$NSFAULT" ] || die "no nsfault binary at $NSFAULT (run make first)"
	[ -d "$CASES_DIR" ] || die "no corpus at $CASES_DIR"
	bb=$(busybox_bin)
	mkdir -p "$MATRIX_DIR"
	tmp=$(mktemp -d "$MATRIX_DIR/initramfs.XXXXXX")
	root=$tmp/root
	mkdir -p "$root"/usr/{bin,sbin,lib,lib64} "$root"/{dev,proc,sys,run,tmp,etc,nsfault}
	for d in bin sbin lib lib64; do ln -s "usr/$d" "$root/$d"; done

	cp "$bb" "$root/usr/bin/busybox"
	for a in $APPLETS; do ln -s busybox "$root/usr/bin/$a"; done
	install -m 0755 "$here/init.sh" "$root/init"

	install -m 0755 "$NSFAULT" "$root/usr/bin/nsfault"
	cp -r "$CASES_DIR" "$root/nsfault/cases"

	local elves=("$NSFAULT")
	for f in /usr/sbin/xtables-nft-multi /usr/sbin/xtables-legacy-multi; do
		[ -x "$f" ] || die "$f missing (Debian package iptables)"
		cp "$f" "$root/usr/sbin/"
		elves+=("$f")
	done
	# Every /usr/sbin name that ends at one of them, alternatives resolved.
	for f in /usr/sbin/*; do
		[ -L "$f" ] || continue
		target=$(readlink -f "$f")
		name=${target##*/}
		case $name in xtables-nft-multi | xtables-legacy-multi) ln -sf "$name" "$root/usr/sbin/${f##*/}" ;; esac
	done
	if [ -d "$XTABLES_LIBDIR" ]; then
		mkdir -p "$root$XTABLES_LIBDIR"
		cp "$XTABLES_LIBDIR"/*.so "$root$XTABLES_LIBDIR/"
		elves+=("$XTABLES_LIBDIR"/*.so)
	else
		say "no $XTABLES_LIBDIR: iptables in the guest will know no match or target"
	fi
	for f in "${elves[@]}"; do libs_of "$f"; done | LC_ALL=C sort -u | while IFS= read -r f; do put "$root" "$f"; done

	for f in /etc/protocols /etc/services /etc/ethertypes; do
		if [ -r "$f" ]; then cp "$f" "$root$f"; else say "no $f on this machine; the guest goes without"; fi
	done
	printf 'passwd: files\ngroup: files\nhosts: files\nprotocols: files\nservices: files\n' >"$root/etc/nsswitch.conf"
	printf 'root:x:0:0:root:/:/bin/sh\n' >"$root/etc/passwd"
	printf 'root:x:0:\n' >"$root/etc/group"

	pack "$root" "$out"
}

kernel_part() {
	local kdir=$1 out=$2 root kver
	kver=$(kv_get "$kdir/kernel.env" KVER)
	[ -n "$kver" ] || die "$kdir/kernel.env: no KVER"
	tmp=$(mktemp -d "$MATRIX_DIR/initramfs.XXXXXX")
	root=$tmp/root
	mkdir -p "$root/usr/lib/modules/$kver" "$root/boot"
	cp "$kdir/modules/load.list" "$root/usr/lib/modules/$kver/"
	find "$kdir/modules" -maxdepth 1 -name '*.ko' -exec cp -t "$root/usr/lib/modules/$kver/" {} +
	if [ -r "$kdir/config" ]; then cp "$kdir/config" "$root/boot/config-$kver"; fi
	pack "$root" "$out"
}

# Words are written single-quoted, so the guest's sh reads them back as set.
quote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

conf_part() {
	local out=$1 root
	tmp=$(mktemp -d "$MATRIX_DIR/initramfs.XXXXXX")
	root=$tmp/root
	mkdir -p "$root/etc"
	{
		printf 'NSFAULT_ARGS=%s\n' "$(quote "${NSFAULT_ARGS:?}")"
		printf 'RESULT_FILE=%s\n' "$(quote "${RESULT_FILE:-}")"
		printf 'GUEST_LIMIT=%s\n' "$(quote "${GUEST_LIMIT:?}")"
	} >"$root/etc/matrix.conf"
	pack "$root" "$out"
}

case ${1:-} in
common) common "${2:?usage: initramfs.sh common OUT}" ;;
kernel) kernel_part "${2:?usage: initramfs.sh kernel KDIR OUT}" "${3:?usage: initramfs.sh kernel KDIR OUT}" ;;
conf) conf_part "${2:?usage: initramfs.sh conf OUT}" ;;
*) die "usage: initramfs.sh common OUT | kernel KDIR OUT | conf OUT" ;;
esac
