#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Puts the kernel's kunit_parser.py (tools/testing/kunit/) into DIR, taken
# from Debian's linux-source package: the installed tarball in /usr/src when
# there is one, else the package downloaded (apt-get download, no install)
# and only that folder extracted. About 140 MB to fetch and a minute to
# decompress, once: DIR keeps it. Never fails: when it cannot, it says why
# and check.sh skips that consumer. Usage: get-kunit.sh DIR
dir=$1
[ -f "$dir/kunit_parser.py" ] && exit 0
say() { echo "get-kunit: $*; kunit_parser.py will not be checked"; exit 0; }
command -v apt-cache >/dev/null 2>&1 || say "no apt-cache (not Debian)"
tmp=$(mktemp -d) || say "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

want='*/tools/testing/kunit/kunit_parser.py */tools/testing/kunit/kunit_printer.py'
tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1)
if [ -n "$tarball" ]; then
	# shellcheck disable=SC2086 # $want: two patterns
	tar -xJf "$tarball" -C "$tmp" --wildcards $want || say "no tools/testing/kunit/ in $tarball"
else
	# The versioned package the meta-package points at (linux-source-6.1 on bookworm).
	pkg=$(apt-cache depends linux-source 2>/dev/null | sed -n 's/^ *Depends: \(linux-source-[0-9.]*\)$/\1/p' | head -n 1)
	[ -n "$pkg" ] || say "apt-cache knows no linux-source package (run apt-get update)"
	echo "get-kunit: fetching $pkg for tools/testing/kunit/ (once)"
	(cd "$tmp" && apt-get download -qq "$pkg" >/dev/null 2>&1) || say "apt-get download $pkg failed"
	deb=$(ls "$tmp"/*.deb 2>/dev/null | head -n 1)
	[ -n "$deb" ] || say "apt-get download $pkg gave no package"
	# shellcheck disable=SC2086
	dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards './usr/src/linux-source-*.tar.xz' |
		tar -xJ -C "$tmp" --wildcards $want || say "no tools/testing/kunit/ in $pkg"
fi
src=$(ls -d "$tmp"/*/tools/testing/kunit | head -n 1)
mkdir -p "$dir" && cp "$src/kunit_printer.py" "$dir/" && basename "$(dirname "$(dirname "$(dirname "$src")")")" >"$dir/SOURCE" &&
	cp "$src/kunit_parser.py" "$dir/" || say "cannot write $dir"
echo "get-kunit: kunit_parser.py from $(cat "$dir/SOURCE") in $dir"
