#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# fetch.sh SPEC
#
# Gets one kernel ready to boot under $MATRIX_DIR/kernels/<label>/ and prints
# that directory:
#   kernel.env   LABEL, KVER, SOURCE (what it is and where it came from)
#   vmlinuz      the image qemu's -kernel boots (a bzImage, or a PVH vmlinux)
#   config       its .config, when known (the guest's /boot/config-$KVER)
#   modules/     the modules the suite needs (see modules.sh)
#
# SPEC is one of
#   SUITE            the kernel linux-image-$FLAVOUR depends on in that Debian
#                    suite (bookworm, bookworm-backports, trixie, sid,
#                    experimental, ...)
#   SUITE:PACKAGE    a given linux-image-* package of that suite
#   custom           your own build: KERNEL=bzImage-or-vmlinux, MODULES=the
#                    lib/modules/<kver> directory (optional), CONFIG=.config
#                    (optional)
#
# Debian packages come through the private apt of lib.sh and are unpacked
# with dpkg-deb -x into a temporary directory that is removed afterwards;
# nothing is installed. Two layouts exist: one linux-image-<abi> package
# holding /boot/vmlinuz-*, /boot/config-* and /lib/modules (up to 6.x), or,
# in sid and experimental since 7.x, linux-image-<abi> as an empty package
# depending on linux-binary-<abi> (the image, in /usr/lib/modules/<kver>/),
# linux-modules-<abi> and linux-base-<abi> (config, modules.builtin).
set -euo pipefail
here=$(dirname "$0")
# shellcheck source=ci/kernel-matrix/lib.sh
. "$here/lib.sh"

spec=${1:?usage: fetch.sh SUITE|SUITE:PACKAGE|custom}
tmp=
cleanup() { if [ -n "$tmp" ]; then rm -rf "$tmp"; fi; }
trap cleanup EXIT

# The kernel release a bzImage's setup header names (the string the
# kernel_version field points to), or a vmlinux's banner.
image_release() {
	local img=$1 magic off
	magic=$(dd if="$img" bs=1 skip=514 count=4 2>/dev/null || true)
	if [ "$magic" = HdrS ]; then
		off=$(od -An -tu2 -j526 -N2 "$img" | tr -d ' ')
		dd if="$img" bs=1 skip=$((off + 512)) count=256 2>/dev/null | tr '\0' '\n' | head -n 1 | cut -d' ' -f1
	else
		grep -a -o -m1 'Linux version [^ ]*' "$img" | head -n 1 | cut -d' ' -f3
	fi
}

is_elf() { [ "$(od -An -c -N4 "$1" | tr -d ' ')" = '177ELF' ]; }

# finish KDIR LABEL KVER IMAGE CONFIG MODDIR SOURCE
finish() {
	local kdir=$1 label=$2 kver=$3 image=$4 config=$5 moddir=$6 source=$7
	mkdir -p "$kdir"
	rm -f "$kdir/kernel.env"
	cp "$image" "$kdir/vmlinuz"
	if [ -n "$config" ] && [ -r "$config" ]; then cp "$config" "$kdir/config"; else rm -f "$kdir/config"; fi
	if [ -n "$moddir" ]; then
		"$here/modules.sh" "$moddir" "$kdir/modules"
	else
		rm -rf "$kdir/modules"
		mkdir -p "$kdir/modules"
		: >"$kdir/modules/load.list"
		: >"$kdir/modules/builtin"
		echo "(no module tree given)" >"$kdir/modules/missing"
	fi
	{
		printf 'LABEL=%s\n' "$label"
		printf 'KVER=%s\n' "$kver"
		printf 'SOURCE=%s\n' "$source"
	} >"$kdir/kernel.env"
}

if [ "$spec" = custom ]; then
	: "${KERNEL:?custom kernel: set KERNEL=path/to/bzImage-or-vmlinux (and MODULES=dir, CONFIG=file)}"
	[ -r "$KERNEL" ] || die "KERNEL=$KERNEL: no such file"
	moddir=${MODULES:-}
	if [ -n "$moddir" ] && [ ! -d "$moddir/kernel" ]; then
		# An INSTALL_MOD_PATH root rather than lib/modules/<kver> itself.
		for d in "$moddir"/lib/modules/* "$moddir"/usr/lib/modules/*; do
			if [ -d "$d/kernel" ]; then moddir=$d; break; fi
		done
		[ -d "$moddir/kernel" ] || die "MODULES=$MODULES: no kernel/ in it, nor under lib/modules/*"
	fi
	kver=$(image_release "$KERNEL")
	if [ -n "$moddir" ]; then
		[ -z "$kver" ] || [ "$kver" = "${moddir##*/}" ] ||
			say "custom: $KERNEL says release $kver but the modules are for ${moddir##*/}; insmod will tell"
		kver=${moddir##*/}
	fi
	[ -n "$kver" ] || die "KERNEL=$KERNEL: cannot read its release (not a bzImage or vmlinux?)"
	if is_elf "$KERNEL" && command -v readelf >/dev/null &&
		! readelf -n "$KERNEL" 2>/dev/null | grep -q 'Xen'; then
		say "custom: $KERNEL is an ELF vmlinux without a PVH entry note (CONFIG_PVH); qemu can only boot it as a bzImage (arch/x86/boot/bzImage)"
	fi
	label=$(safe_label "${LABEL:-custom-$kver}")
	kdir=$MATRIX_DIR/kernels/$label
	finish "$kdir" "$label" "$kver" "$KERNEL" "${CONFIG:-}" "$moddir" "custom build $KERNEL"
	printf '%s\n' "$kdir"
	exit 0
fi

suite=${spec%%:*}
pkg=
case $spec in *:*) pkg=${spec#*:} ;; esac
apt_prepare "$suite"

if [ -z "$pkg" ]; then
	meta=linux-image-$FLAVOUR
	pkg=$(apt_field "$suite" "$meta" Depends | sed 's/[,|]/\n/g' | tr -d ' ' | sed 's/(.*//' |
		grep -m1 '^linux-image-[0-9]' || true)
	[ -n "$pkg" ] || die "$suite: $meta names no linux-image-<version> package (no kernel of flavour $FLAVOUR in $suite?)"
fi
if ! apt_has "$suite" "$pkg"; then
	apt_has "$suite" "$pkg-unsigned" || die "$suite: no package $pkg (nor $pkg-unsigned)"
	pkg=$pkg-unsigned
fi
version=$(apt_field "$suite" "$pkg" Version)
abi=${pkg#linux-image-}
abi=${abi%-unsigned}
label=$(safe_label "$abi")
kdir=$MATRIX_DIR/kernels/$label
source="Debian $suite $pkg $version"

debs=$MATRIX_DIR/apt/$suite/debs
if apt_field "$suite" "$pkg" Depends | grep -q "linux-binary-"; then
	bin=linux-binary-$abi
	apt_has "$suite" "$bin" || bin=linux-binary-unsigned-$abi
	parts=("$bin" "linux-modules-$abi")
	if apt_has "$suite" "linux-base-$abi"; then parts+=("linux-base-$abi"); fi
	source="$source (split: ${parts[*]})"
else
	parts=("$pkg")
fi
if [ -r "$kdir/kernel.env" ] && [ "$(kv_get "$kdir/kernel.env" SOURCE)" = "$source" ] &&
	[ -s "$kdir/vmlinuz" ] && [ -r "$kdir/modules/load.list" ] &&
	cmp -s "$kdir/modules/wanted" <("$here/modules.sh" --wanted); then
	say "$label: have $source"
	printf '%s\n' "$kdir"
	exit 0
fi
mapfile -t files < <(apt_download "$suite" "$debs" "${parts[@]}")
[ "${#files[@]}" -eq "${#parts[@]}" ] || die "$suite: download of ${parts[*]} incomplete"

mkdir -p "$MATRIX_DIR"
tmp=$(mktemp -d "$MATRIX_DIR/unpack.XXXXXX")
for f in "${files[@]}"; do
	say "$label: unpacking ${f##*/}"
	dpkg-deb -x "$f" "$tmp"
done

moddir=
for d in "$tmp"/usr/lib/modules/* "$tmp"/lib/modules/*; do
	if [ -d "$d/kernel" ]; then moddir=$d; break; fi
done
[ -n "$moddir" ] || die "$label: no lib/modules/<kver>/kernel in ${parts[*]}"
kver=${moddir##*/}
image=
for f in "$tmp/boot/vmlinuz-$kver" "$moddir/vmlinuz"; do
	if [ -s "$f" ]; then image=$f; break; fi
done
[ -n "$image" ] || die "$label: no kernel image (boot/vmlinuz-$kver or lib/modules/$kver/vmlinuz) in ${parts[*]}"
config=
for f in "$tmp/boot/config-$kver" "$moddir/config"; do
	if [ -s "$f" ]; then config=$f; break; fi
done
[ -n "$config" ] || say "$label: no config in ${parts[*]}; 'require config' cases will be skipped"

finish "$kdir" "$label" "$kver" "$image" "$config" "$moddir" "$source"
say "$label: ready ($source)"
printf '%s\n' "$kdir"
