#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Puts node's tap-parser, at the version tests/consumers/node's lock file
# pins, into DIR/node_modules: `npm ci` (nothing global), once per machine
# and lock file. npm ci costs some 1.7 s of CPU time even from npm's own
# cache, in every fresh clone: the installed tree is kept in a cache outside
# the tree (as get-kunit.sh does), under the lock file's SHA-256, and a
# fresh clone copies it from there. Never fails: without npm, or when npm ci
# fails, it says why and check.sh skips that consumer. Usage:
# get-tap-parser.sh DIR
dir=$1
src=$(dirname "$0")/node
say() { echo "make consumers-deps: $*: tap-parser will not be checked"; exit 0; }
mkdir -p "$dir" && cp "$src/package.json" "$src/package-lock.json" "$dir/" || say "cannot write $dir"
id=$(sha256sum "$src/package-lock.json" | cut -c1-16)
cache=${NSFAULT_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/nsfault}/node/$id
if [ -f "$cache/node_modules/tap-parser/package.json" ] && cp -R "$cache/node_modules" "$dir/"; then
	exit 0
fi
command -v npm >/dev/null 2>&1 || say "no npm (apt-get install npm)"
# npm keeps its downloads in ~/.npm and fails outright where that cannot be
# made (a user like nobody, whose home does not exist): then in DIR.
if [ -z "${npm_config_cache:-}" ] && ! mkdir -p "${HOME:-/nonexistent}/.npm" 2>/dev/null; then
	npm_config_cache=$(realpath "$dir")/.npm
	export npm_config_cache
fi
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >"$dir/npm-ci.log" 2>&1 ||
	say "npm ci failed (see $dir/npm-ci.log)"
# The cache is a convenience: a read-only home only costs the next clone npm
# ci. It appears whole or not at all (renamed into place: a make check
# beside this one may be copying from it).
parent=$(dirname "$cache")
if mkdir -p "$parent" 2>/dev/null && tmp=$(mktemp -d "$parent/.new.XXXXXX" 2>/dev/null); then
	cp -R "$dir/node_modules" "$tmp/" 2>/dev/null && mv -T "$tmp" "$cache" 2>/dev/null || rm -rf "$tmp"
fi
exit 0
