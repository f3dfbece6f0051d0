#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# container-check: run `make check` where users' CI runs it — inside a Debian 12
# container — under each common container profile, and print one table of what
# happened (issue 8). `make container-check` runs this; it needs root.
#
#   1. A Debian 12 image without any image registry: debootstrap a minimal
#      bookworm root file system (cached as debian-bookworm.tar in
#      NSFAULT_CONTAINER_CACHE, default build/container: a cache outside the
#      tree survives `make clean` and serves other checkouts),
#      `podman import` it as localhost/nsfault-debian:bookworm, and build the
#      nsfault image on top of it from ci/Containerfile. The build's RUN steps
#      use the host's network (--network host) so that apt reaches the Debian
#      mirror; nothing is configured in the host's network namespace for that.
#   2. Run `make check` (RUNFLAGS, default "-j 16") in that image under each
#      profile, one container at a time, with --network none: each container
#      has its own network namespace with only a loopback, and no way out.
#   3. Check that nothing is left behind: no container, no network namespace,
#      no veth, no nftables or iptables change in the host's namespace, no
#      cgroup.
#
# Output: the table on stdout; per profile, under build/container/logs/, the
# whole log (PROFILE.log) and the OCI spec podman generated (PROFILE.oci.json:
# capabilities, seccomp, masked and read-only paths, mounts).
#
# Other modes, to look into a profile by hand or build alone:
#   ci/container-check.sh --run PROFILE [COMMAND...]
#       runs COMMAND (default: an interactive bash) in the image (built if
#       missing) under that profile, e.g. ci/probe/unpinned.sh;
#   ci/container-check.sh --probe [PROFILE...]
#       builds the image and runs ci/probe/probe.sh under each profile (default
#       all): which syscalls nsfault needs work there, with their errnos
#       (build/container/logs/PROFILE.probe.txt);
#   ci/container-check.sh --build
#       builds the image (and what it needs) only: a build is no heavy job,
#       the profiles' runs are;
#   ci/container-check.sh --table [PROFILE...]
#       prints the table again from the logs the last run left (of a run
#       stopped early: the profiles it finished), running nothing.
#
# Environment: RUNFLAGS (default "-j 16"); PROFILES (names, default all);
# NSFAULT_CONTAINER_CACHE (where the debootstrapped tarball and Docker's
# seccomp profile are kept: a rebuild of the image never debootstraps again);
# DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR (apt sources inside the image).
#
# Podman is configured entirely from here and ci/: storage, run root and
# temporary files under build/container/ (--root, --runroot, --tmpdir),
# CONTAINERS_CONF=ci/containers.conf (cgroupfs, runc, file events: no systemd
# needed) and CONTAINERS_REGISTRIES_CONF=ci/registries.conf (no registry). The
# machine's /etc/containers is not read or changed. What podman and runc still
# create outside build/ is empty state directories (/run/containers/networks,
# /run/runc) and, for `podman import`, /var/lib/containers/cache (c/image's
# blob-info cache has no setting podman 4.3 exposes); the end of this script
# removes each of them that it created.
#
# The profiles (podman 4.3, Debian 12's, stands in for Docker: no daemon to
# start, and every Docker default that matters here can be given to it):
#
#   privileged        --privileged
#   docker            Docker's defaults plus --cap-add NET_ADMIN --cap-add SYS_ADMIN
#   docker-unconfined the same plus Docker's --security-opt systempaths=unconfined
#   docker-netadmin   Docker's defaults plus --cap-add NET_ADMIN only
#   podman-netadmin   Podman's own defaults (its seccomp profile allows user
#                     namespaces) plus --cap-add NET_ADMIN
#   docker-user       the docker profile, run as the image's unprivileged user
#                     (uid 1000, like a Containerfile's USER or `--user 1000`)
#
# How "Docker's defaults" are reproduced with podman:
#   - seccomp: Docker's own default profile, profiles/seccomp/default.json from
#     the Debian package golang-github-docker-docker-dev (moby 20.10.24, the
#     version Debian 12 ships), taken from the package at run time. Its rules
#     that depend on capabilities ("includes": {"caps": [...]}, e.g. unshare,
#     setns, mount and namespace flags of clone only with CAP_SYS_ADMIN) are
#     applied by podman against the container's capabilities, as Docker does.
#   - capabilities: --cap-drop all, then Docker's 14 defaults (moby
#     oci/caps/defaults.go); podman's own default set has 11 (no MKNOD,
#     NET_RAW, AUDIT_WRITE).
#   - masked and read-only paths: Docker's lists (moby oci/defaults.go) differ
#     from podman's in three places, corrected with --security-opt: Docker
#     masks /proc/asound (podman makes it read-only), and podman also masks
#     /sys/dev/block and /sys/fs/selinux (Docker does not). Docker's
#     systempaths=unconfined is podman's unmask=ALL.
#   - /sys is sysfs mounted read-only and the cgroup hierarchies are mounted
#     read-only, in podman as in Docker (both through runc).
#   - no pids limit (--pids-limit -1): Docker sets none, podman 2048.
#   - sysctls of the container's own network namespace: Docker sets
#     net.ipv4.ping_group_range="0 2147483647" and
#     net.ipv4.ip_unprivileged_port_start=0 (moby daemon/oci_linux.go);
#     podman, as Debian configures it, ping_group_range="0 0".
#   - a non-root user: Docker puts the capabilities in the bounding set only
#     (moby oci.SetCapabilities), so after the exec the user has none; podman
#     also makes them ambient, so the user would keep them. The docker-user
#     profile drops the ambient and inheritable sets (setpriv) before running
#     anything, which leaves what Docker leaves.
# Where the emulation differs from Docker, and so what this cannot show:
#   - AppArmor: Docker applies its docker-default AppArmor profile where the
#     host has AppArmor (Ubuntu, so GitHub's runners). This machine has no
#     AppArmor, so neither Docker nor podman could apply one here. That
#     profile (moby profiles/apparmor/template.go) has "deny mount," (umount
#     stays allowed), "deny @{PROC}/sys/[^k]** w," (every net.* sysctl) and
#     "deny /sys/[^f]*/** wklx,", whatever systempaths says: on such a host
#     the docker profiles can only do worse than here.
#   - Docker's seccomp profile is the one of moby 20.10.24; newer Docker
#     releases ship their own revision of it, which may differ in detail.
#   - cgroups: this machine is cgroup v1 (with an empty v2 hierarchy beside),
#     so containers see read-only v1 controllers, the freezer among them. On a
#     cgroup v2 host (GitHub's current Ubuntu runners) Docker gives a private
#     cgroup namespace and a read-only cgroup2 mount instead: not shown here.
#   - network: Docker's default is a bridge with a way out; here --network
#     none (a namespace of its own with a loopback only). nsfault builds its
#     own namespaces inside either way.
#   - /etc/hosts, /etc/hostname and /run/.containerenv (Docker: /.dockerenv)
#     come from podman: nothing nsfault reads.
#   - the host's limits: this machine's root lacks CAP_SYS_RESOURCE, and podman
#     4.3 lowers its own RLIMIT_NPROC to 32768, so podman's default limits
#     (1048576 open files and processes) cannot be set; the containers get the
#     host's open-file limit and 32768 processes (Docker: dockerd's, usually
#     unlimited processes and 1048576 files). Nothing in the suite comes near.
set -euo pipefail

# The whole script is one compound command, read before any of it runs: an
# edit of this file while a run goes on (a run takes many minutes) cannot
# make bash continue at another place of the new text.
{

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
out=$here/build/container
logs=$out/logs

runflags=${RUNFLAGS:--j 16}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
all_profiles="privileged docker docker-unconfined docker-netadmin podman-netadmin docker-user"
profiles=${PROFILES:-$all_profiles}

base_image=localhost/nsfault-debian:bookworm
image=localhost/nsfault-ci:latest
cache=${NSFAULT_CONTAINER_CACHE:-$out}
rootfs_tar=$cache/debian-bookworm.tar
seccomp_json=$cache/docker-seccomp-default.json
# (no "nsfault-" in it: that prefix names nsfault's own freezer cgroups)
cgroup_parent=/ci-container-check
ctr_prefix=nsfault-ci-

# Docker's default capabilities (moby oci/caps/defaults.go).
docker_caps=(CHOWN DAC_OVERRIDE FSETID FOWNER MKNOD NET_RAW SETGID SETUID SETFCAP SETPCAP
	NET_BIND_SERVICE SYS_CHROOT KILL AUDIT_WRITE)

die() {
	echo "container-check: $*" >&2
	exit 2
}
note() { echo "container-check: $*" >&2; }

[ "$(id -u)" = 0 ] || die "needs root (podman creates the containers as root): sudo make container-check"
mode=check
case ${1:-} in
--run)
	[ $# -ge 2 ] || die "usage: $0 --run PROFILE [COMMAND...]"
	mode=run
	profiles=$2
	shift 2
	;;
--probe)
	mode=probe
	shift
	[ $# -gt 0 ] && profiles="$*"
	;;
--build)
	mode=build
	shift
	;;
--table)
	mode=table
	shift
	[ $# -gt 0 ] && profiles="$*"
	;;
-*) die "usage: $0 [--run PROFILE [COMMAND...] | --probe [PROFILE...] | --table [PROFILE...] | --build]" ;;
esac
for p in $profiles; do
	case " $all_profiles " in *" $p "*) ;; *) die "unknown profile '$p' (profiles: $all_profiles)" ;; esac
done

export CONTAINERS_CONF=$here/ci/containers.conf
export CONTAINERS_REGISTRIES_CONF=$here/ci/registries.conf
export TMPDIR=$out/tmp

pm() {
	podman --root "$out/storage" --runroot "$out/run" --tmpdir "$out/tmp" \
		--storage-driver overlay --network-config-dir "$out/networks" "$@"
}

# ---- the host's packages ----

install_host_packages() {
	local missing="" p
	for p in podman runc debootstrap; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
	done
	[ -z "$missing" ] && return
	note "installing$missing"
	apt-get update -qq
	# shellcheck disable=SC2086 # a list of package names
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
}

# ---- what must be as it was at the end ----

# The host's network namespace: firewall rulesets, veth links, named
# namespaces. (The same snapshot as .ci/run's.)
snapshot_net() {
	nft list ruleset 2>/dev/null || true
	local t
	for t in iptables-nft iptables-legacy ip6tables-nft ip6tables-legacy; do
		"$t-save" 2>/dev/null | grep -v '^#' || true
	done
	ip -o link show type veth
	ls /run/netns 2>/dev/null || true
	ip netns list 2>/dev/null || true
}

# State directories podman, runc and c/image create outside build/ when they
# are missing; each one this run creates is removed at the end if empty.
outside_dirs=(/run/containers/networks /run/containers /run/runc /run/crun
	/var/lib/containers/cache /var/lib/containers)
declare -A preexisting=()
for d in "${outside_dirs[@]}"; do
	[ -e "$d" ] && preexisting[$d]=1
done

cleanup_outside() {
	local d i
	# conmon runs `podman container cleanup` when a container ends, after
	# `podman rm` may have returned; it (re)creates state directories. Wait
	# for every process using our storage to be gone (10 s at most).
	for ((i = 0; i < 50; i++)); do
		pgrep -f -- "--root $out/storage" >/dev/null || break
		sleep 0.2
	done
	for d in "${outside_dirs[@]}"; do
		[ -n "${preexisting[$d]:-}" ] && continue
		[ -d "$d" ] || continue
		# c/image's cache database is the only file it leaves.
		if [ "$d" = /var/lib/containers/cache ]; then
			rm -f "$d/blob-info-cache-v1.boltdb"
		fi
		rmdir "$d" 2>/dev/null || note "left $d: not empty"
	done
	# The cgroups the containers (and their conmon) were put under, in every
	# hierarchy: empty once the containers are gone.
	for d in /sys/fs/cgroup/*"$cgroup_parent" /sys/fs/cgroup"$cgroup_parent"; do
		[ -d "$d" ] || continue
		find "$d" -depth -type d -exec rmdir {} + 2>/dev/null || note "left cgroup $d: not empty"
	done
}

# A task frozen by the cgroup v1 freezer does not die from SIGKILL until it is
# thawed: if this run is stopped while nsfault has an actor frozen, the
# container cannot stop (podman says "Stopping" for ever) until the actor's
# freezer cgroup, somewhere under ours, is thawed. (The v2 freezer lets a
# frozen task die.)
# shellcheck disable=SC2317 # invoked by the EXIT trap
thaw_all() {
	local dir=/sys/fs/cgroup/freezer$cgroup_parent f
	[ -d "$dir" ] || return 0
	find "$dir" -name freezer.state 2>/dev/null | while read -r f; do
		[ "$(cat "$f" 2>/dev/null)" = THAWED ] || echo THAWED >"$f" 2>/dev/null || true
	done
}

current=""
# shellcheck disable=SC2317 # invoked by the trap
on_exit() {
	local rc=$?
	if [ -n "$current" ]; then
		thaw_all
		pm rm --force --time 0 "$current" >/dev/null 2>&1 || true
	fi
	rm -rf "$out/rootfs.tmp"
	cleanup_outside
	exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# ---- 1. the image ----

# A minimal Debian 12 root file system, cached as a tarball.
make_rootfs() {
	if [ -s "$rootfs_tar" ]; then
		note "reusing $rootfs_tar"
		return
	fi
	local root=$out/rootfs.tmp
	rm -rf "$root"
	note "debootstrap bookworm (minbase) from $mirror"
	if ! debootstrap --variant=minbase bookworm "$root" "$mirror" >"$out/debootstrap.log" 2>&1; then
		tail -20 "$out/debootstrap.log" >&2
		die "debootstrap failed (whole log: $out/debootstrap.log)"
	fi
	# apt's sources as in Debian's own image: the release, its updates and
	# the security archive.
	rm -f "$root/etc/apt/sources.list"
	cat >"$root/etc/apt/sources.list.d/debian.sources" <<-EOF
		Types: deb
		URIs: $mirror
		Suites: bookworm bookworm-updates
		Components: main
		Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

		Types: deb
		URIs: $security_mirror
		Suites: bookworm-security
		Components: main
		Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
	EOF
	# debootstrap copied the host's name and resolver; the runtime provides both.
	: >"$root/etc/hostname"
	rm -f "$root/etc/resolv.conf"
	rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
	tar --numeric-owner -C "$root" -cf "$rootfs_tar.tmp" .
	mv "$rootfs_tar.tmp" "$rootfs_tar"
	rm -rf "$root"
	# A new root file system makes any imported image stale.
	pm image rm --force "$base_image" >/dev/null 2>&1 || true
}

import_base() {
	if pm image exists "$base_image"; then
		return
	fi
	note "importing $rootfs_tar as $base_image"
	pm import --quiet --change 'CMD ["/bin/bash"]' \
		--message "debootstrap --variant=minbase bookworm $mirror" \
		"$rootfs_tar" "$base_image" >/dev/null
}

# Docker's default seccomp profile, from Debian's moby source package.
fetch_docker_seccomp() {
	[ -s "$seccomp_json" ] && return
	local pkg=golang-github-docker-docker-dev deb
	local path=./usr/share/gocode/src/github.com/docker/docker/profiles/seccomp/default.json
	rm -rf "$out/debs"
	mkdir -p "$out/debs"
	note "fetching $pkg for Docker's default seccomp profile"
	(cd "$out/debs" && apt-get download -qq "$pkg" 2>/dev/null) ||
		{ apt-get update -qq && (cd "$out/debs" && apt-get download -qq "$pkg"); }
	deb=$(ls "$out"/debs/"$pkg"_*.deb)
	dpkg-deb --fsys-tarfile "$deb" | tar -xOf - "$path" >"$seccomp_json.tmp"
	mv "$seccomp_json.tmp" "$seccomp_json"
	dpkg-deb -f "$deb" Package Version >"$seccomp_json.source"
	rm -rf "$out/debs"
}

build_image() {
	note "building $image from ci/Containerfile"
	# The host's certificate authorities, for npm behind a TLS-inspecting
	# proxy (ci/Containerfile); nothing of it stays in the image.
	local ca=()
	[ -s /etc/ssl/certs/ca-certificates.crt ] && ca=(--volume /etc/ssl/certs/ca-certificates.crt:/run/host-ca.crt:ro)
	if ! pm build --quiet --pull=never --network host "${limits[@]}" "${ca[@]}" \
		--build-arg BASE="$base_image" -f ci/Containerfile -t "$image" . >"$logs/build.log" 2>&1; then
		tail -30 "$logs/build.log" >&2
		die "podman build failed (whole log: $logs/build.log)"
	fi
	# Images of earlier builds, replaced by this one.
	pm image prune --force >/dev/null 2>&1 || true
}

# ---- 2. the profiles ----

# Sets opts (podman's options for profile $1) and wrap (what runs the
# container's command).
profile_opts() {
	wrap=()
	local docker=(--cap-drop all --security-opt "seccomp=$seccomp_json"
		--sysctl "net.ipv4.ping_group_range=0 2147483647" --sysctl net.ipv4.ip_unprivileged_port_start=0) c
	for c in "${docker_caps[@]}"; do docker+=(--cap-add "$c"); done
	# Docker's masked and read-only paths, from podman's (see the top).
	local docker_paths=(--security-opt unmask=/proc/asound:/sys/dev/block:/sys/fs/selinux
		--security-opt mask=/proc/asound)
	case $1 in
	privileged) opts=(--privileged) ;;
	docker) opts=("${docker[@]}" "${docker_paths[@]}" --cap-add NET_ADMIN --cap-add SYS_ADMIN) ;;
	# systempaths=unconfined: no masked and no read-only paths at all.
	docker-unconfined) opts=("${docker[@]}" --security-opt unmask=ALL --cap-add NET_ADMIN --cap-add SYS_ADMIN) ;;
	docker-netadmin) opts=("${docker[@]}" "${docker_paths[@]}" --cap-add NET_ADMIN) ;;
	podman-netadmin) opts=(--cap-add NET_ADMIN) ;;
	docker-user)
		opts=("${docker[@]}" "${docker_paths[@]}" --cap-add NET_ADMIN --cap-add SYS_ADMIN --user nsfault)
		# Podman gives a non-root user the capabilities as ambient ones, so
		# it keeps them; Docker sets only the bounding set for a non-root
		# user (moby oci.SetCapabilities), so it has none. Dropping the
		# ambient and inheritable sets before the exec does what Docker does.
		wrap=(setpriv --inh-caps=-all --ambient-caps=-all)
		;;
	esac
}

run_profile() {
	local p=$1 rc=0
	profile_opts "$p"
	current=$ctr_prefix$p
	pm rm --force --time 0 "$current" >/dev/null 2>&1 || true
	pm create --quiet --name "$current" --network none --hostname "nsfault-$p" \
		"${limits[@]}" --pids-limit -1 --cgroup-parent "$cgroup_parent" --timeout 3600 \
		--env RUNFLAGS="$runflags" "${opts[@]}" "$image" "${wrap[@]}" bash ci/container-inside.sh >/dev/null
	pm init "$current" >/dev/null
	cp "$out/storage/overlay-containers/$(pm inspect --format '{{.Id}}' "$current")/userdata/config.json" \
		"$logs/$p.oci.json"
	local t0=$SECONDS
	# In the background with `wait`, so that a signal to this script is
	# handled at once (the EXIT trap removes the container), not after it.
	pm start --attach "$current" >"$logs/$p.log" 2>&1 &
	wait $! || rc=$?
	echo "### container exit status $rc after $((SECONDS - t0)) s" >>"$logs/$p.log"
	pm rm --force --time 0 "$current" >/dev/null
	current=""
}

# ---- 3. the table ----

# One profile's row: unit tests and cases, ran/passed/skipped/failed.
summarise() {
	local p=$1 log=$logs/$1.log
	awk -v p="$p" '
	/^### make check rc=/ { check_rc = substr($0, 19) }
	/^### cases rc=/ { sep_rc = substr($0, 14) }
	/^### container exit status/ { exit_rc = $5; secs = $7 }
	/^ *tests +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+$/ { u_total = $2; u_ran = $3; u_pass = $4; u_fail = $5 }
	/not tested\)|note: skipping/ { u_skip++ }
	/^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$/ { c_pass = $1; c_fail = $3; c_skip = $5; c_seen = 1 }
	/^SKIP all [0-9]+ cases:/ { c_all = $3; c_skip = $3; c_pass = 0; c_fail = 0; c_seen = 1 }
	/^info variants .* will run, [0-9]+ will skip$/ && !d_seen { d_run = $(NF - 5); d_skip = $(NF - 2); d_seen = 1 }
	/^SKIP .*failed without a pinned sysctl, so not a verdict/ { c_unpinned++ }
	END {
		unit = u_total == "" ? "no summary" : sprintf("%d/%d/%d/%d", u_ran, u_pass - u_skip, u_skip, u_fail)
		cases = !c_seen ? "not run" : c_all != "" ? "skip all " c_all " files" : \
			sprintf("%d/%d/%d/%d", c_pass + c_fail + c_skip, c_pass, c_skip, c_fail)
		# What doctor foresaw, and whether the run did just that: its
		# passed and failed variants ran, the rest skipped.
		doctor = !d_seen ? "-" : d_run "/" d_skip
		# (A run that could make no namespace counts case files, not
		# variants. A variant that ran and failed where a pin could not be
		# set is a SKIP, which no one can foresee: it counts as run.)
		if (d_seen && c_seen)
			doctor = doctor ((c_all != "" ? d_run == 0 : \
				d_run == c_pass + c_fail + c_unpinned && d_skip == c_skip - c_unpinned) ? " =" : " !=")
		printf "%-18s %-12s %-18s %-12s %-6s %-6s %s\n", p, unit, cases, doctor, check_rc == "" ? "-" : check_rc, \
			sep_rc == "" ? "-" : sep_rc, secs == "" ? "-" : secs
	}' "$log"
}

# What nsfault doctor said in one profile: the variants it expects to run
# and skip, the freezer the freeze steps use (and why not a cgroup one), the
# flags it would add.
doctor_summary() {
	sed -n '/^### doctor$/,/^### doctor rc=/p' "$logs/$1.log" |
		grep -E '^info (variants|freeze steps use) |^info +[0-9]+ skip: |^hint ' |
		sed -E 's/ +/ /g; s/^/    doctor: /' || true
}

# The distinct skip reasons and failure messages of one profile, normalised
# (namespace names and the like vary from run to run) and counted.
details() {
	local log=$logs/$1.log unit cases
	# The unit tests' part of the log, and the cases' part.
	unit=$(sed -n '/^\.\/build\/asan\/unit$/,/^\.\/build\/asan\/nsfault run\|^### make check rc=/p' "$log")
	cases=$(sed -n '/^\.\/build\/asan\/nsfault run\|^### cases/,$p' "$log")
	{
		sed -n '/^### doctor$/,/^### doctor rc=/p' "$log" | grep -E '^(FAIL|MISS) ' |
			sed -E 's/ +/ /g; s/^/doctor: /' || true
		grep -E '^ +[0-9]+\. tests/' <<<"$unit" | sed -E 's/^ +[0-9]+\. /unit failure: /' || true
		grep -oE '\(no [^)]* here: not tested\)|note: skipping .*' <<<"$unit" |
			sed -E 's/^\((.*)\)$/unit skip: \1/; s/^note: skipping /unit skip: /' || true
		grep -E '^record test: .*: skipped: ' "$log" | sed -E 's/^record test: [^:]+: skipped: /record skip: /' || true
		grep -E '^record test: .*: (record failed|not reproduced)' "$log" | sed -E 's/^/failure: /' || true
		grep -E '^consumers: .* not checked: ' "$log" | sed -E 's/^/consumers skip: /' || true
		grep -E '^SKIP ' <<<"$cases" |
			sed -E 's/^SKIP all [0-9]+ cases: /case skip (all): /; s/^SKIP .* [0-9]+ ms  /case skip: /' || true
		# A failed step names its case; a case that could not be built says
		# the same for every case, so its name is left out.
		grep -A1 -E '^FAIL ' <<<"$cases" | grep -E '^    [^ ]' |
			sed -E 's/^    cases\/([^/:]+\/)*([^/:]+)\.case:([0-9]+):[0-9]+: /case failure: \2:\3: /
				s/^    [^ :]+\.case: /case failure (any case): /' || true
		grep -E 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|LeakSanitizer has encountered' "$log" |
			sed -E 's/^==[0-9]+==//; s/^/sanitizer: /' || true
	} | sed -E 's/ in (ns|netns)[-a-z0-9]*[0-9]+/ in NS/g; s/after [0-9]+ ms/after N ms/g
		s/nsfault-[0-9]+-[0-9]+/nsfault-PID-N/g' |
		sort | uniq -c | sort -rn | sed -E 's/^ +([0-9]+) /    \1x /'
}

print_table() {
	echo
	echo "nsfault make check in Debian 12 containers ($(podman --version), runc; kernel $(uname -r); RUNFLAGS=\"$runflags\")"
	echo "unit and cases: ran/passed/skipped/failed; doctor: the variants nsfault doctor said will run/skip (= the run did so, != it did not;"
	echo "a variant that failed where a pinned sysctl could not be set is a skip no one can foresee, and counts as run);"
	echo "check: make check's exit status; sep: the cases' exit status when run on their own"
	printf "%-18s %-12s %-18s %-12s %-6s %-6s %s\n" profile unit cases doctor check sep seconds
	for p in $profiles; do summarise "$p"; done
	for p in $profiles; do
		echo
		echo "$p: $(grep -m1 '^### whoami' "$logs/$p.log" | sed 's/^### whoami: //')"
		doctor_summary "$p"
		details "$p"
	done
	echo
	echo "logs and OCI specs: $logs"
}

# Only reads logs: nothing of on_exit's to do (and a run may be going on).
if [ "$mode" = table ]; then
	trap - EXIT INT TERM
	for p in $profiles; do
		[ -s "$logs/$p.log" ] || die "no log of profile $p in $logs"
	done
	print_table
	exit 0
fi

# ---- main ----

mkdir -p "$out/tmp" "$logs" "$cache"
install_host_packages
ulimit_nofile=$(ulimit -Hn)
[ "$ulimit_nofile" = unlimited ] && ulimit_nofile=1048576
limits=(--ulimit "nofile=$ulimit_nofile:$ulimit_nofile" --ulimit nproc=32768:32768)

net_before=$(snapshot_net)
start=$SECONDS

# Runs "$@" in the image under profile $p, sharing the terminal.
run_here() {
	local tty=() rc=0
	profile_opts "$p"
	[ -t 0 ] && tty=(--interactive --tty)
	current=$ctr_prefix$p
	pm run --rm --name "$current" --network none --hostname "nsfault-$p" "${tty[@]}" \
		"${limits[@]}" --pids-limit -1 --cgroup-parent "$cgroup_parent" "${opts[@]}" "$image" \
		"${wrap[@]}" "$@" || rc=$?
	current=""
	return "$rc"
}

if [ "$mode" = run ]; then
	p=$profiles
	fetch_docker_seccomp
	if ! pm image exists "$image"; then
		make_rootfs
		import_base
		build_image
	fi
	[ $# -gt 0 ] || set -- bash
	rc=0
	run_here "$@" || rc=$?
	[ "$net_before" = "$(snapshot_net)" ] || note "the host's network namespace changed"
	exit "$rc"
fi

make_rootfs
import_base
fetch_docker_seccomp
build_image

[ "$mode" = build ] && exit 0

if [ "$mode" = probe ]; then
	for p in $profiles; do
		echo "######## $p"
		run_here bash ci/probe/probe.sh </dev/null 2>&1 | tee "$logs/$p.probe.txt" || true
	done
	[ "$net_before" = "$(snapshot_net)" ] || die "the host's network namespace changed"
	exit 0
fi

for p in $profiles; do
	note "profile $p: make check RUNFLAGS=\"$runflags\""
	run_profile "$p"
done

print_table

# ---- nothing left behind ----
leftovers=0
if [ -n "$(pm ps --all --quiet)" ]; then
	note "containers left:"
	pm ps --all >&2
	leftovers=1
fi
net_after=$(snapshot_net)
if [ "$net_before" != "$net_after" ]; then
	note "the host's network namespace changed:"
	diff <(echo "$net_before") <(echo "$net_after") >&2 || true
	leftovers=1
fi
cleanup_outside
for d in /sys/fs/cgroup/*"$cgroup_parent" /sys/fs/cgroup"$cgroup_parent"; do
	if [ -d "$d" ]; then
		note "cgroup left: $d"
		leftovers=1
	fi
done
echo "container-check took $((SECONDS - start)) s; host left as found: $([ "$leftovers" = 0 ] && echo yes || echo NO)"
exit "$leftovers"
}
exit
