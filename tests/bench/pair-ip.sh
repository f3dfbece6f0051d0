#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The pair topology up and down with iproute2, as tests/bench/pair.c times
# it: run under `unshare --mount --propagation private`, so that the tmpfs
# on /run (where `ip netns add` keeps its bind mounts) and with it both
# namespaces vanish with this script's mount namespace, whatever ends it.
set -e
mount -t tmpfs nsfault-bench /run
ip netns add a
ip netns add b
ip -n a link set lo up
ip -n b link set lo up
ip -n a link add veth0 type veth peer name veth1 netns b
ip -n a link set veth0 up
ip -n b link set veth1 up
# Operationally up, re-read the way nsfault does, bounded (15 s).
for end in "a veth0" "b veth1"; do
	set -- $end
	i=0
	until ip -n "$1" -o link show "$2" | grep -q 'state UP'; do
		i=$((i + 1))
		[ $i -lt 15000 ] || { echo "pair-ip: $2 never came up" >&2; exit 1; }
		sleep 0.001
	done
done
ip -n a addr add 198.18.0.1/24 dev veth0
ip -n b addr add 198.18.0.2/24 dev veth1
ip netns del a
ip netns del b
