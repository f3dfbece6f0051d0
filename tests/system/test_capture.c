/* SPDX-License-Identifier: GPL-2.0-only */
/* The capture on a live veth: every frame a host sends is kept, in order,
 * also past the packet array's first size (it grows while draining), and
 * past CAP_MAX_PKTS the rest are counted as dropped, not written. */
#include <CUnit/CUnit.h>
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <sys/socket.h>
#include "actions/capture.h"
#include "netns/link.h"
#include "netns/ns.h"
#include "util/errnames.h"
#include "tests/tests.h"

/* An Ethernet type from the IEEE's local experimental range: nothing in the
 * namespace answers or forwards it. */
#define TEST_ETHERTYPE 0x88b5

struct send_arg {
	int count;
	int first;              /* the number the first frame carries */
	int err;
};

/* In the host's namespace: count frames out of eth0, each carrying its
 * number after the Ethernet header. */
static int send_frames(void *p)
{
	struct send_arg *a = p;
	struct sockaddr_ll to = { .sll_family = AF_PACKET, .sll_protocol = htons(TEST_ETHERTYPE),
				  .sll_halen = ETH_ALEN, .sll_addr = { 0x02, 0, 0, 0, 0, 0x02 } };
	unsigned char frame[ETH_ZLEN] = { 0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01,
					  TEST_ETHERTYPE >> 8, TEST_ETHERTYPE & 0xff };
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(TEST_ETHERTYPE));

	if (fd < 0 || !(to.sll_ifindex = (int)if_nametoindex("eth0"))) {
		a->err = errno;
		if (fd >= 0)
			close(fd);
		return -1;
	}
	for (int i = 0; i < a->count; i++) {
		uint32_t n = htonl((uint32_t)(a->first + i));

		memcpy(frame + ETH_HLEN, &n, sizeof(n));
		if (sendto(fd, frame, sizeof(frame), 0, (struct sockaddr *)&to, sizeof(to)) < 0) {
			a->err = errno;
			close(fd);
			return -1;
		}
	}
	close(fd);
	return 0;
}

/* The number frame i of c carries, or -1 when it is not one of ours. */
static long frame_number(const struct capture *c, int i)
{
	const struct cap_pkt *p = &c->pkts[i];
	uint32_t n;

	if (p->caplen < ETH_HLEN + sizeof(n) || p->data[12] != TEST_ETHERTYPE >> 8 ||
	    p->data[13] != (TEST_ETHERTYPE & 0xff))
		return -1;
	memcpy(&n, p->data + ETH_HLEN, sizeof(n));
	return (long)ntohl(n);
}

/* Sends count frames from a's eth0 in batches of batch (draining between
 * them, as a case's steps do) and checks what the capture kept. */
static void check_capture(int count, int batch)
{
	struct ns a = { .fd = -1 }, b = { .fd = -1 };
	struct nl_error e = { 0 };
	struct capture c;
	char err[256];
	int ours = 0;

	cap_init(&c);
	if (!test_netns_usable())
		return;
	if (ns_create(&a, "cap-a", &e) < 0 || ns_create(&b, "cap-b", &e) < 0 ||
	    ns_link_add_veth(&a, "eth0", &b, "eth0", &e) < 0 || ns_link_set_up(&a, "eth0", true, &e) < 0 ||
	    ns_link_set_up(&b, "eth0", true, &e) < 0 || ns_link_wait_up(&a, "eth0", 5000, &e) < 0) {
		TEST_FAILF("topology: %s", e.text);
		goto out;
	}
	if (cap_open_host(&c, &a, 0, "a", err, sizeof(err)) < 0) {
		TEST_FAILF("cap_open_host: %s", err);
		goto out;
	}
	for (int sent = 0; sent < count; sent += batch) {
		struct send_arg s = { count - sent < batch ? count - sent : batch, sent, 0 };

		if (ns_within(&a, send_frames, &s, &e) != 0) {
			TEST_FAILF("sending frames %d..: %s", sent, s.err ? err_name(s.err) : e.text);
			goto out;
		}
		cap_drain(&c);
	}
	/* Only our frames are counted: IPv6 router solicitations and the like
	 * may come out of a fresh link too, and take room. */
	for (int i = 0; i < c.npkts; i++) {
		long n = frame_number(&c, i);

		if (n < 0)
			continue;
		if (n != ours) {
			TEST_FAILF("captured frame %d carries %ld, expected %d (in order, none lost)", i, n, ours);
			goto out;
		}
		ours++;
	}
	if (count <= CAP_MAX_PKTS / 2 && (ours != count || c.dropped != 0))
		TEST_FAILF("%d frames sent, %d captured, %llu dropped", count, ours, (unsigned long long)c.dropped);
	if (count > CAP_MAX_PKTS && (c.npkts != CAP_MAX_PKTS || ours > CAP_MAX_PKTS ||
				     c.dropped < (uint64_t)(count - CAP_MAX_PKTS)))
		TEST_FAILF("%d frames sent: %d kept (%d ours), %llu dropped; expected %d kept and the rest dropped",
			   count, c.npkts, ours, (unsigned long long)c.dropped, CAP_MAX_PKTS);
out:
	cap_close(&c);
	ns_destroy(&b);
	ns_destroy(&a);
}

static void test_capture_grows(void)
{
	/* past the first size twice, drained after each batch */
	check_capture(CAP_FIRST_PKTS * 4 + 3, CAP_FIRST_PKTS / 2);
}

static void test_capture_bounded(void)
{
	check_capture(CAP_MAX_PKTS + 100, 256);
}

int test_capture_register(void)
{
	static const struct test_def tests[] = {
		{ "live: the array grows, every frame kept in order", test_capture_grows },
		{ "live: past CAP_MAX_PKTS frames are counted as dropped", test_capture_bounded },
		{ NULL, NULL },
	};

	return tests_add_suite("capture", tests);
}
