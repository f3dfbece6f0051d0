# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
# Shared by the kernel-matrix scripts: settings, messages, the private apt.
#
# Every setting is an environment variable with a default here, so that
# `make matrix VAR=...` and a direct call of the scripts behave the same.

# Where everything goes. Absolute: apt resolves relative Dir:: paths against
# its root, not against our working directory.
MATRIX_DIR=${MATRIX_DIR:-build/matrix}
case $MATRIX_DIR in /*) ;; *) MATRIX_DIR=$PWD/$MATRIX_DIR ;; esac
RESULTS_DIR=${RESULTS_DIR:-$MATRIX_DIR/results}

# The Debian archive and the keyring its Release files are checked against.
MATRIX_MIRROR=${MATRIX_MIRROR:-http://deb.debian.org/debian}
MATRIX_KEYRING=${MATRIX_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}
# Kernel flavour for a suite given without a package: linux-image-$FLAVOUR.
FLAVOUR=${FLAVOUR:-amd64}
# Seconds after which a suite's package lists are fetched again.
APT_MAX_AGE=${APT_MAX_AGE:-21600}

say() { printf 'matrix: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# The machine's own release, for packages we take from it (busybox-static).
host_suite() {
	local codename=
	# shellcheck disable=SC1091
	[ -r /etc/os-release ] && codename=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")
	printf '%s\n' "${codename:-bookworm}"
}

# ---- the private apt ----------------------------------------------------
#
# One apt root per suite under $MATRIX_DIR/apt/<suite>: its own sources list,
# state (lists, an empty dpkg status) and cache. The machine's /etc/apt
# sources, its dpkg database and its caches are never read or written, so no
# other release can leak into the machine's own upgrades. (Host-wide apt.conf.d
# snippets such as proxies still apply, on purpose.)

apt_root() { printf '%s/apt/%s\n' "$MATRIX_DIR" "$1"; }

# papt SUITE apt-get|apt-cache ARGS...
papt() {
	local suite=$1 tool=$2 r
	shift 2
	r=$(apt_root "$suite")
	"$tool" \
		-o Dir::Etc::SourceList="$r/sources.list" \
		-o Dir::Etc::SourceParts="$r/sources.list.d" \
		-o Dir::Etc::Preferences="$r/preferences" \
		-o Dir::Etc::PreferencesParts="$r/preferences.d" \
		-o Dir::State="$r/state" \
		-o Dir::State::status="$r/state/status" \
		-o Dir::Cache="$r/cache" \
		-o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
		-o APT::Architecture=amd64 -o APT::Architectures::=amd64 \
		-o Acquire::Languages=none \
		-o APT::Sandbox::User=root \
		"$@"
}

# Creates the root for SUITE and fetches its package lists when they are
# missing or older than APT_MAX_AGE seconds.
apt_prepare() {
	local suite=$1 r stamp now age
	r=$(apt_root "$suite")
	mkdir -p "$r/sources.list.d" "$r/preferences.d" "$r/state/lists/partial" \
		"$r/cache/archives/partial"
	[ -e "$r/state/status" ] || : >"$r/state/status"
	printf 'deb [signed-by=%s] %s %s main\n' "$MATRIX_KEYRING" "$MATRIX_MIRROR" "$suite" \
		>"$r/sources.list.new"
	stamp=$r/state/updated
	if cmp -s "$r/sources.list.new" "$r/sources.list" && [ -e "$stamp" ]; then
		now=$(date +%s)
		age=$((now - $(stat -c %Y "$stamp")))
		if [ "$age" -lt "$APT_MAX_AGE" ]; then
			rm -f "$r/sources.list.new"
			return 0
		fi
	fi
	mv "$r/sources.list.new" "$r/sources.list"
	say "$suite: fetching the package lists (private apt root $r)"
	if ! papt "$suite" apt-get -qq update >"$r/update.log" 2>&1; then
		cat "$r/update.log" >&2
		die "$suite: apt-get update failed (is '$suite' a Debian suite? see $r/update.log)"
	fi
	touch "$stamp"
}

# A field of the candidate version of PACKAGE in SUITE; empty when the
# package is not there.
apt_field() {
	local suite=$1 pkg=$2 field=$3
	papt "$suite" apt-cache show --no-all-versions "$pkg" 2>/dev/null |
		awk -v f="$field" 'BEGIN { f = f ":" }
			$1 == f { sub(/^[^:]*: */, ""); print; exit }'
}

apt_has() { [ -n "$(apt_field "$1" "$2" Version)" ]; }

# apt_download SUITE DIR PACKAGE...: the .deb files into DIR (kept there, so a
# second run downloads nothing); prints their paths.
apt_download() {
	local suite=$1 dir=$2 pkg ver file
	shift 2
	mkdir -p "$dir"
	for pkg in "$@"; do
		ver=$(apt_field "$suite" "$pkg" Version)
		[ -n "$ver" ] || die "$suite: no package $pkg"
		# apt names the file with the version's epoch colon escaped.
		file=$dir/${pkg}_${ver//:/%3a}_amd64.deb
		if [ ! -s "$file" ]; then
			say "$suite: downloading $pkg $ver"
			(cd "$dir" && papt "$suite" apt-get -qq download "$pkg=$ver") >&2 ||
				die "$suite: apt-get download $pkg=$ver failed"
		fi
		[ -s "$file" ] || die "$suite: $pkg downloaded, but $file is not there"
		printf '%s\n' "$file"
	done
}

# ---- small helpers ------------------------------------------------------

# with_json ARGS FILE: nsfault's ARGS ("run ...") with `--json FILE` after
# "run", so that the JSON results go to FILE whatever else ARGS say.
with_json() {
	case $1 in
	run | "run "*) printf 'run --json %s%s\n' "$2" "${1#run}" ;;
	*) die "the nsfault arguments must start with 'run' to write JSON results: $1" ;;
	esac
}

# A label usable as a file name.
safe_label() { printf '%s\n' "$1" | tr -c 'A-Za-z0-9._+\n-' '_'; }

# key=value files (kernel.env, <kernel>.meta): value of KEY in FILE.
kv_get() { sed -n "s/^$2=//p" "$1" 2>/dev/null | tail -n 1; }

# "busy" when the host's 1-minute load average, before or after the run in
# META, exceeded its CPU count: other work then stretched every step, and
# a timing failure, even re-run alone, says nothing about the kernel.
busy_load() {
	local load cpus
	load=$(kv_get "$1" HOST_LOAD)
	cpus=$(kv_get "$1" HOST_CPUS)
	[ -n "$load" ] && [ -n "$cpus" ] || return 0
	awk -v l="$load" -v c="$cpus" 'BEGIN { split(l, a, " "); m = a[1] > a[2] ? a[1] : a[2]; if (m > c) print m }'
}
