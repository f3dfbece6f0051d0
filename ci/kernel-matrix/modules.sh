#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# modules.sh MODDIR OUTDIR
#
# Picks the kernel modules the suite needs out of a kernel's module tree
# (MODDIR = .../lib/modules/<kver>, as a Debian package or `make
# modules_install` lays it out), with everything they depend on, into OUTDIR:
#   OUTDIR/*.ko       decompressed (busybox insmod may not read .ko.xz/.zst)
#   OUTDIR/load.list  file names in load order (dependencies first)
#   OUTDIR/missing    wanted modules that neither exist as a module nor are
#                     listed as built in (the kernel may still have the code
#                     built in: the suite's skips and failures will tell)
#   OUTDIR/builtin    wanted modules that are built in
#   OUTDIR/wanted     the list this was made for (written last)
#
# Dependencies come from MODDIR/modules.dep when the tree has one (a kernel
# built and installed by hand). Debian's packages ship none (their postinst
# runs depmod), so then a modules.dep for the modules we touch is written
# from each module's own .modinfo "depends=" list, without depmod.
set -euo pipefail
# shellcheck source=ci/kernel-matrix/lib.sh
. "$(dirname "$0")/lib.sh"

# What the suite uses. "a|b" = the first of these that exists (names changed
# between kernels). Order matters only where a module needs another one loaded
# first without a symbol dependency: libcrc32c (6.1's nf_tables) asks the
# crypto API for "crc32c", so a crc32c provider comes first.
WANTED_MODULES=${WANTED_MODULES:-"
crc32c_generic|crc32c-cryptoapi
ipv6
veth
inet_diag tcp_diag
nf_tables nft_compat
nf_reject_ipv4 nf_reject_ipv6 nft_reject nft_reject_ipv4 nft_reject_ipv6 nft_reject_inet nft_limit
x_tables xt_tcpudp xt_limit ip_tables ip6_tables iptable_filter ip6table_filter ipt_REJECT ip6t_REJECT
"}

# --wanted: the list, one per line, as OUTDIR/wanted records it: fetch.sh
# rebuilds a cached kernel's modules when the list changed since.
if [ "${1:-}" = --wanted ]; then
	printf '%s\n' $WANTED_MODULES
	exit 0
fi
moddir=${1:?usage: modules.sh MODDIR OUTDIR}
out=${2:?usage: modules.sh MODDIR OUTDIR}
[ -d "$moddir/kernel" ] || die "$moddir: not a module tree (no kernel/ in it)"
rm -rf "$out"
mkdir -p "$out"
: >"$out/missing"
: >"$out/builtin"
: >"$out/load.list"

# Module name of a path or name: no directory, no .ko suffix, '-' as '_'.
# Sets $n (no subshell: this runs for each of ~4000 files).
norm() { n=${1##*/}; n=${n%%.ko*}; n=${n//-/_}; }

n=
declare -A path_of=() builtin=() state=()
while IFS= read -r f; do
	norm "$f"
	path_of[$n]=${f#"$moddir"/}
done < <(find "$moddir/kernel" -name '*.ko' -o -name '*.ko.xz' -o -name '*.ko.zst' -o -name '*.ko.gz')
if [ -r "$moddir/modules.builtin" ]; then
	while IFS= read -r f; do
		norm "$f"
		builtin[$n]=1
	done <"$moddir/modules.builtin"
fi
# Newer kernels leave some built-in modules (ipv6 in 7.x) out of
# modules.builtin; their parameters' entries still name them.
if [ -r "$moddir/modules.builtin.modinfo" ]; then
	while IFS= read -r f; do
		norm "$f"
		builtin[$n]=1
	done < <(tr '\0' '\n' <"$moddir/modules.builtin.modinfo" | cut -d. -f1 | sort -u)
fi

# decompress REL DEST
decompress() {
	case $1 in
	*.ko) cp "$moddir/$1" "$2" ;;
	*.ko.xz) xz -dc "$moddir/$1" >"$2" ;;
	*.ko.zst) zstd -qdc "$moddir/$1" >"$2" ;;
	*.ko.gz) gzip -dc "$moddir/$1" >"$2" ;;
	esac
}

# The direct dependencies of module NAME (normalized names), from the
# modules.dep in use.
have_dep=false
[ -s "$moddir/modules.dep" ] && have_dep=true
dep_lookup() {
	local rel=${path_of[$1]} line d
	if $have_dep; then
		line=$(grep -m1 -F "$rel:" "$moddir/modules.dep" || true)
	else
		line=$(grep -m1 -F "$rel:" "$out/modules.dep" || true)
	fi
	for d in ${line#*:}; do
		norm "$d"
		printf '%s\n' "$n"
	done
}

# Generated modules.dep entry for NAME (its .ko is already in $out).
gen_dep() {
	local name=$1 rel=${path_of[$1]} list d line
	list=$(tr '\0' '\n' <"$out/$name.ko" | sed -n 's/^depends=//p' | head -n 1)
	line="$rel:"
	for d in ${list//,/ }; do
		norm "$d"
		if [ -n "${path_of[$n]:-}" ]; then line="$line ${path_of[$n]}"; fi
	done
	printf '%s\n' "$line" >>"$out/modules.dep"
}

# Depth-first: dependencies land in load.list before their users.
visit() {
	local name=$1 d
	case ${state[$name]:-} in loaded | busy) return 0 ;; esac
	state[$name]=busy
	decompress "${path_of[$name]}" "$out/$name.ko"
	$have_dep || gen_dep "$name"
	for d in $(dep_lookup "$name"); do
		if [ -n "${path_of[$d]:-}" ]; then visit "$d"; fi
	done
	printf '%s.ko\n' "$name" >>"$out/load.list"
	state[$name]=loaded
}

for group in $WANTED_MODULES; do
	found=
	for cand in ${group//|/ }; do
		norm "$cand"
		if [ -n "${path_of[$n]:-}" ]; then
			visit "$n"
			found=$n
			break
		fi
		if [ -n "${builtin[$n]:-}" ]; then
			printf '%s\n' "$n" >>"$out/builtin"
			found=$n
			break
		fi
	done
	[ -n "$found" ] || printf '%s\n' "$group" >>"$out/missing"
done
printf '%s\n' $WANTED_MODULES >"$out/wanted"
