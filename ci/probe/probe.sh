#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# What a container lets nsfault do, probed one syscall at a time: runs inside
# the nsfault image (`ci/container-check.sh --probe PROFILE`). For each way to
# a writable net.* sysctl, to a freezer, to firewall rules and to SOCK_DESTROY,
# in the container's namespaces and in a user namespace, one line: the exit
# status, what was tried, and what the tool or the kernel said.
# The inner `sh -c '...'` scripts are single-quoted on purpose: they expand
# inside the namespaces they run in.
# shellcheck disable=SC2016
set -u
cd /tmp || exit 1
gcc -O0 -o probe /src/ci/probe/mounts.c || exit 1
gcc -O0 -o destroy /src/ci/probe/destroy.c || exit 1
r() {
	local d=$1 o rc
	shift
	o=$("$@" 2>&1)
	rc=$?
	printf '  [rc=%s] %-52s %s\n' "$rc" "$d" "$(echo "$o" | tr '\n' ' ' | cut -c1-260)"
}
echo "== identity: $(id)"
grep -E '^(CapEff|CapBnd|Seccomp):' /proc/self/status | tr '\n' ' '; echo
echo "== A. as nsfault does it: unshare(CLONE_NEWNET), write through /proc/sys"
r "unshare -n; echo 0 > icmp_ratelimit" unshare -n sh -c 'echo 0 > /proc/sys/net/ipv4/icmp_ratelimit'
echo "== B. a writable /proc/sys through a private mount namespace"
mkdir -p /tmp/p /tmp/c
r "unshare -m; mount -t proc proc /tmp/p" unshare -m sh -c 'mount -t proc proc /tmp/p'
r "unshare -mpf; mount -t proc proc /tmp/p" unshare -mpf sh -c 'mount -t proc proc /tmp/p'
r "unshare -mn; umount /proc/sys; write" unshare -mn sh -c 'umount /proc/sys && echo 0 > /proc/sys/net/ipv4/icmp_ratelimit && cat /proc/sys/net/ipv4/icmp_ratelimit'
r "unshare -mn; remount,bind,rw /proc/sys; write" unshare -mn sh -c 'mount -o remount,bind,rw /proc/sys && echo 0 > /proc/sys/net/ipv4/icmp_ratelimit && cat /proc/sys/net/ipv4/icmp_ratelimit'
r "unshare -mn; mount --bind /proc /tmp/p; write" unshare -mn sh -c 'mount --bind /proc /tmp/p && echo 0 > /tmp/p/sys/net/ipv4/icmp_ratelimit && cat /tmp/p/sys/net/ipv4/icmp_ratelimit'
r "unshare -mn; umount masks; mount -t proc; write" unshare -mn sh -c 'for m in $(awk "\$5 ~ /^\/proc\// {print \$5}" /proc/self/mountinfo | sort -r); do umount "$m" || exit 1; done; mount -t proc proc /tmp/p && echo 0 > /tmp/p/sys/net/ipv4/icmp_ratelimit && cat /tmp/p/sys/net/ipv4/icmp_ratelimit'
echo "  (the container's own net.ipv4.icmp_ratelimit is still $(cat /proc/sys/net/ipv4/icmp_ratelimit))"
echo "== B2. the same as syscalls: in unshare -m (as root), unshare -Urm, unshare -Urmpf"
for u in "unshare -m" "unshare -Urm" "unshare -Urmpf"; do
	echo "  $u:"
	# shellcheck disable=SC2086
	$u ./probe mounts 2>&1 | sed 's/^/  /'
done
echo "== C. the new mount API, no mount namespace change (after unshare(CLONE_NEWNET))"
./probe
echo "== D. user namespaces"
r "unshare -Ur" unshare -Ur true
r "unshare -Urn" unshare -Urn true
r "unshare -Urn; echo 0 > icmp_ratelimit" unshare -Urn sh -c 'echo 0 > /proc/sys/net/ipv4/icmp_ratelimit'
r "unshare -Urmn; umount /proc/sys" unshare -Urmn sh -c 'umount /proc/sys'
r "unshare -Urmn; remount,bind,rw /proc/sys" unshare -Urmn sh -c 'mount -o remount,bind,rw /proc/sys'
r "unshare -Urmn; mount --bind /proc /tmp/p" unshare -Urmn sh -c 'mount --bind /proc /tmp/p'
r "unshare -Urmpf; mount -t proc proc /tmp/p" unshare -Urmpf sh -c 'mount -t proc proc /tmp/p'
echo "  new mount API inside unshare -Urm:"
unshare -Urm ./probe 2>&1 | sed 's/^/  /'
echo "  which of the sysctls nsfault writes a userns-owned netns lets its root write (/proc/sys as mounted here):"
unshare -Urn ./probe sysctls 2>&1 | sed 's/^/  /'
echo "== E. netns tools: in unshare -n (as nsfault) and in unshare -Urn (userns-owned netns)"
for ns in "unshare -n" "unshare -Urn"; do
	# shellcheck disable=SC2086
	{
	r "$ns: ip link add veth" $ns sh -c 'ip link add name va type veth peer name vb && ip link set va up && echo up'
	r "$ns: iptables-legacy REJECT" $ns sh -c 'iptables-legacy -A INPUT -p tcp --dport 7000 -j REJECT --reject-with tcp-reset && iptables-legacy -S INPUT | tail -1'
	r "$ns: same, XTABLES_LOCKFILE=/tmp/xt.lock" $ns sh -c 'XTABLES_LOCKFILE=/tmp/xt.lock iptables-legacy -A INPUT -p tcp --dport 7000 -j REJECT --reject-with tcp-reset && XTABLES_LOCKFILE=/tmp/xt.lock iptables-legacy -S INPUT | tail -1'
	r "$ns: ip6tables-legacy REJECT" $ns sh -c 'ip6tables-legacy -A INPUT -p tcp --dport 7000 -j REJECT --reject-with tcp-reset'
	r "$ns: iptables-nft REJECT" $ns sh -c 'iptables-nft -A INPUT -p tcp --dport 7000 -j REJECT --reject-with tcp-reset && iptables-nft -S INPUT | tail -1'
	r "$ns: nft reject" $ns sh -c 'nft add table inet t && nft add chain inet t c "{ type filter hook input priority 0; }" && nft add rule inet t c tcp dport 7000 reject with tcp reset && nft list ruleset | grep -c reject'
	r "$ns: ss -K (SOCK_DESTROY)" $ns sh -c 'ip link set lo up && /tmp/destroy'
	}
done
stat -c '  %A %U %n' /run/xtables.lock 2>&1 | sed 's/^stat: /  /'
echo "== F. freezers"
grep -E ' - cgroup2? ' /proc/self/mountinfo | awk '{print "  " $5, $6, $9, $NF}' | grep -E 'freezer|cgroup2' || echo "  no freezer or cgroup2 mount"
r "mkdir /sys/fs/cgroup/freezer/probe-frz" sh -c 'mkdir /sys/fs/cgroup/freezer/probe-frz && rmdir /sys/fs/cgroup/freezer/probe-frz'
r "unshare -m; remount,bind,rw freezer; freeze" unshare -m sh -c 'mount -o remount,bind,rw /sys/fs/cgroup/freezer && d=/sys/fs/cgroup/freezer/probe-frz && mkdir $d && { sleep 30 & p=$!; echo $p > $d/cgroup.procs && echo FROZEN > $d/freezer.state && sleep 0.2; s=$(cat $d/freezer.state); echo THAWED > $d/freezer.state; kill $p; wait $p; echo $p > /sys/fs/cgroup/freezer/cgroup.procs 2>/dev/null; rmdir $d; echo "state was $s"; }'
r "unshare -m; mount -t cgroup2 none /tmp/c" unshare -m sh -c 'mount -t cgroup2 none /tmp/c && head -c 80 /tmp/c/cgroup.controllers; cat /proc/self/cgroup | grep "^0::"'
r "SIGSTOP/SIGCONT a child" sh -c 'sleep 30 & p=$!; kill -STOP $p; sleep 0.1; s=$(awk "{print \$3}" /proc/$p/stat); kill -CONT $p; kill $p; echo "state $s"'
r "unshare -Urm; mount -t cgroup -o freezer" unshare -Urm sh -c 'mount -t cgroup -o freezer none /tmp/c'
echo "== G. nsfault doctor"
/src/build/nsfault doctor 2>&1 | sed 's/^/  /'
