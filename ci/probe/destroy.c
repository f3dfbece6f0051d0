/* SPDX-License-Identifier: GPL-2.0-only */
/* Probe for ci/probe/probe.sh: does SOCK_DESTROY (`ss -K`, as nsfault's destroy)
 * work on an established loopback connection in this network namespace? */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
int main(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(7000), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int l = socket(AF_INET, SOCK_STREAM, 0), c = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (void *)&a, sizeof(a)) || listen(l, 1) || connect(c, (void *)&a, sizeof(a))) { printf("  setup: %s\n", strerrorname_np(errno)); return 1; }
	int s = accept(l, NULL, NULL);
	int r = system("ss -K -t state established dst 127.0.0.1 dport = :7000 >/tmp/ssk.out 2>&1; echo \"  ss -K exit $?: $(tr '\\n' ' ' </tmp/ssk.out)\"");
	(void)r;
	char b;
	ssize_t n = recv(c, &b, 1, MSG_DONTWAIT);
	printf("  client recv after ss -K: %zd %s => %s\n", n, n < 0 ? strerrorname_np(errno) : "",
	       n < 0 && errno == ECONNABORTED ? "SOCK_DESTROY works" : "not destroyed");
	(void)s;
	return 0;
}
