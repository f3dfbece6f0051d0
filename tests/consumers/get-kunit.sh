#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Puts the kernel's kunit_parser.py (tools/testing/kunit/) into DIR, taken
# from Debian's linux-source package: the installed tarball in /usr/src when
# there is one, else the package downloaded (apt-get download, no install)
# and only that folder extracted. About 140 MB to fetch and some 20 s of CPU
# to decompress: the two files are kept in a cache outside the tree
# ($NSFAULT_CACHE, else $XDG_CACHE_HOME/nsfault, else ~/.cache/nsfault),
# under the name and version of the source they came from, so a fresh clone
# on the same machine takes them from there. Never fails: when it cannot,
# it says why and check.sh skips that consumer. Usage: get-kunit.sh DIR
dir=$1
[ -f "$dir/kunit_parser.py" ] && exit 0
say() { echo "get-kunit: $*; kunit_parser.py will not be checked"; exit 0; }
command -v apt-cache >/dev/null 2>&1 || say "no apt-cache (not Debian)"
files='kunit_parser.py kunit_printer.py'

# copy FROM TO: the two files and the SOURCE note.
copy() {
	mkdir -p "$2" && for f in $files SOURCE; do cp "$1/$f" "$2/" || return 1; done
}

# Which source: the installed tarball, else the versioned package the
# meta-package points at (linux-source-6.1 on bookworm), at the version apt
# would download.
tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1)
if [ -n "$tarball" ]; then
	id=$(basename "$tarball" .tar.xz)
else
	pkg=$(apt-cache depends linux-source 2>/dev/null | sed -n 's/^ *Depends: \(linux-source-[0-9.]*\)$/\1/p' | head -n 1)
	[ -n "$pkg" ] || say "apt-cache knows no linux-source package (run apt-get update)"
	ver=$(apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: //p' | head -n 1)
	id="${pkg}_$ver"
fi
cache=${NSFAULT_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/nsfault}/kunit/$id
if [ -f "$cache/kunit_parser.py" ] && copy "$cache" "$dir"; then
	echo "get-kunit: kunit_parser.py from $(cat "$dir/SOURCE") in $dir (cached in $cache)"
	exit 0
fi

tmp=$(mktemp -d) || say "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
want='*/tools/testing/kunit/kunit_parser.py */tools/testing/kunit/kunit_printer.py'
if [ -n "$tarball" ]; then
	# shellcheck disable=SC2086 # $want: two patterns
	tar -xJf "$tarball" -C "$tmp" --wildcards $want || say "no tools/testing/kunit/ in $tarball"
else
	echo "get-kunit: fetching $pkg $ver for tools/testing/kunit/ (once per machine)"
	(cd "$tmp" && apt-get download -qq "$pkg" >/dev/null 2>&1) || say "apt-get download $pkg failed"
	deb=$(ls "$tmp"/*.deb 2>/dev/null | head -n 1)
	[ -n "$deb" ] || say "apt-get download $pkg gave no package"
	# shellcheck disable=SC2086
	dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards './usr/src/linux-source-*.tar.xz' |
		tar -xJ -C "$tmp" --wildcards $want || say "no tools/testing/kunit/ in $pkg"
fi
src=$(ls -d "$tmp"/*/tools/testing/kunit | head -n 1)
basename "$(dirname "$(dirname "$(dirname "$src")")")" >"$src/SOURCE" && copy "$src" "$dir" || say "cannot write $dir"
# The cache is a convenience: a read-only home only costs the next clone a fetch.
copy "$src" "$cache" 2>/dev/null
echo "get-kunit: kunit_parser.py from $(cat "$dir/SOURCE") in $dir"
