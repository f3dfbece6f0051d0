/* SPDX-License-Identifier: GPL-2.0-only */
/* fw_: firewall rules inside one host's namespace.
 *
 * nft runs in-process through libnftables. libnftables 1.0.6 opens its
 * NETLINK_NETFILTER socket in nft_ctx_new(), not per command (checked: a ctx
 * created outside and used inside a namespace changes the outer namespace), so
 * the whole ctx lives and dies inside ns_within().
 *
 * The iptables tools are started with posix_spawn (util/proc) from inside
 * the namespace, so they begin in it; their output comes back through pipes
 * and the wait for them is bounded. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <nftables/libnftables.h>

#include "util/errnames.h"
#include "util/proc.h"
#include "util/timeouts.h"
#include "util/toolpath.h"
#include "actions/firewall.h"

/* TIMEOUT_FW_LOCK_S as an argument of -w. */
#define FW_STR_(x) #x
#define FW_STR(x) FW_STR_(x)
#define FW_MAX_WORDS 64
#define FW_CMD_MAX 4096
/* How much of a command an error message repeats. */
#define FW_CMD_SHOWN 200


static bool fw_is_iptables(enum fw_backend b)
{
	return b == FW_IPTABLES_NFT || b == FW_IPTABLES_LEGACY;
}

/* "iptables-legacy" -> "ip6tables-legacy", optionally with "-save". */
static void fw_tool_name(enum fw_backend b, bool ipv6, bool save, char *name, size_t len)
{
	const char *base = fw_backend_name(b);

	snprintf(name, len, "%s%s%s", ipv6 ? "ip6" : "", ipv6 ? base + 2 : base, save ? "-save" : "");
}

/* ---- messages ---- */

/* "<backend>: <what> \"<command>\" in namespace <ns>: <detail>" */
static int fw_fail(char *err, size_t errlen, enum fw_backend b, const char *what,
		   const char *cmd, const struct ns *ns, const char *detail)
{
	bool cut = strlen(cmd) > FW_CMD_SHOWN;

	snprintf(err, errlen, "%s: %s \"%.*s%s\" in namespace %s: %s", fw_backend_name(b), what,
		 FW_CMD_SHOWN, cmd, cut ? "..." : "", ns ? ns->name : "?", detail);
	return -1;
}

static void fw_trim(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

/* iptables prints its message, blank lines and a "Try `iptables -h'" hint;
 * reports want one line holding only the message. */
static void fw_tidy_iptables(const char *src, char *dst, size_t len)
{
	size_t used = 0;

	dst[0] = '\0';
	while (*src && used + 1 < len) {
		size_t n = strcspn(src, "\n");

		if (n > 0 && strncmp(src, "Try `", 5) != 0) {
			int w = snprintf(dst + used, len - used, "%s%.*s", used ? "; " : "", (int)n, src);

			used += w > 0 ? (size_t)w : 0;
		}
		src += n + (src[n] == '\n');
	}
}

/* ---- nft, in-process ---- */

struct fw_nft_job {
	const char *cmd;
	char *out;		/* NULL: output not wanted */
	size_t outlen;
	char *msg;
	size_t msglen;
};

static void fw_copy_out(char *dst, size_t len, const char *src)
{
	static const char mark[] = "\n[... truncated]\n";
	size_t n = strlen(src);

	if (len == 0)
		return;
	if (n < len) {
		memcpy(dst, src, n + 1);
		return;
	}
	memcpy(dst, src, len - 1);
	dst[len - 1] = '\0';
	if (len > sizeof(mark))
		memcpy(dst + len - sizeof(mark), mark, sizeof(mark));
}

/* libnftables exit()s the whole process when it cannot open its netlink
 * socket, so find out first, where an error can still be returned. */
static int fw_nft_socket_ok(char *msg, size_t msglen)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_NETFILTER);

	if (fd < 0) {
		snprintf(msg, msglen, "cannot open a NETLINK_NETFILTER socket: %s "
			 "(kernel without nfnetlink/nf_tables?)", err_name(errno));
		return -1;
	}
	close(fd);
	return 0;
}

static int fw_nft_run(struct nft_ctx *ctx, struct fw_nft_job *j)
{
	int rc;

	if (nft_ctx_buffer_output(ctx) != 0 || nft_ctx_buffer_error(ctx) != 0) {
		snprintf(j->msg, j->msglen, "cannot buffer libnftables output");
		return -1;
	}
	rc = nft_run_cmd_from_buffer(ctx, j->cmd);
	if (rc != 0) {
		fw_copy_out(j->msg, j->msglen, nft_ctx_get_error_buffer(ctx));
		fw_trim(j->msg);
		if (j->msg[0] == '\0')
			snprintf(j->msg, j->msglen, "libnftables failed without a message");
		return -1;
	}
	if (j->out)
		fw_copy_out(j->out, j->outlen, nft_ctx_get_output_buffer(ctx));
	return 0;
}

/* Runs inside the namespace: the ctx's socket must be opened here. */
static int fw_nft_in_ns(void *arg)
{
	struct fw_nft_job *j = arg;
	struct nft_ctx *ctx;
	int rc;

	if (fw_nft_socket_ok(j->msg, j->msglen) < 0)
		return -1;
	ctx = nft_ctx_new(NFT_CTX_DEFAULT);
	if (!ctx) {
		snprintf(j->msg, j->msglen, "nft_ctx_new failed");
		return -1;
	}
	rc = fw_nft_run(ctx, j);
	nft_ctx_free(ctx);
	return rc;
}

static int fw_nft(struct ns *ns, const char *cmd, char *out, size_t outlen,
		  char *err, size_t errlen)
{
	char msg[1024] = "";
	struct fw_nft_job j = { cmd, out, outlen, msg, sizeof(msg) };
	struct nl_error e = { 0 };

	if (ns_within(ns, fw_nft_in_ns, &j, &e) == 0)
		return 0;
	return fw_fail(err, errlen, FW_NFT, "nft", cmd, ns, e.err ? e.text : msg);
}

/* ---- iptables tools, in a child ---- */

struct fw_words {
	char buf[FW_CMD_MAX];
	char *v[FW_MAX_WORDS + 1];
	int n;
};

/* Copies one word starting at *p into d, removing double quotes. */
static const char *fw_word(const char *p, char **d, const char **why)
{
	bool quoted = false;

	for (; *p && (quoted || (*p != ' ' && *p != '\t')); p++) {
		if (*p == '\n' || *p == '\r') {
			*why = "one command line expected, found a line break";
			return NULL;
		}
		if (*p == '"')
			quoted = !quoted;
		else
			*(*d)++ = *p;
	}
	if (quoted) {
		*why = "unterminated double quote";
		return NULL;
	}
	*(*d)++ = '\0';
	return p;
}

/* Splits cmd on blanks into w->v after the `first` words already there;
 * "double quoted" text is one word. */
static int fw_split(const char *cmd, struct fw_words *w, const char **why)
{
	const char *p = cmd;
	char *d = w->buf;

	if (strlen(cmd) >= sizeof(w->buf)) {
		*why = "command too long";
		return -1;
	}
	for (;;) {
		p += strspn(p, " \t");
		if (!*p)
			break;
		if (w->n == FW_MAX_WORDS) {
			*why = "too many words";
			return -1;
		}
		w->v[w->n++] = d;
		p = fw_word(p, &d, why);
		if (!p)
			return -1;
	}
	w->v[w->n] = NULL;
	return 0;
}

/* iptables-legacy serialises on /run/xtables.lock; where that cannot be
 * opened for writing (a non-root user mapped to root in a user namespace)
 * it exits 4 before doing anything. Its own XTABLES_LOCKFILE moves the lock:
 * a fixed path, so that runs still serialise with each other, as the tool's
 * own lock would. A caller's XTABLES_LOCKFILE is left as it is. */
#define FW_XT_LOCK "/run/xtables.lock"
#define FW_XT_LOCK_PRIVATE "/tmp/nsfault-xtables.lock"

const char *fw_xtables_lockfile(bool *private_lock)
{
	const char *env = getenv("XTABLES_LOCKFILE");
	bool usable = access(FW_XT_LOCK, F_OK) == 0 ? access(FW_XT_LOCK, W_OK) == 0 : access("/run", W_OK) == 0;

	*private_lock = !env && !usable;
	return env ? env : usable ? FW_XT_LOCK : FW_XT_LOCK_PRIVATE;
}

/* The tool's environment: ours, and XTABLES_LOCKFILE where the lock moves.
 * Returns environ itself, or an array to free. */
static char **fw_tool_env(void)
{
	static char moved[] = "XTABLES_LOCKFILE=" FW_XT_LOCK_PRIVATE;
	bool private_lock;
	size_t n = 0;
	char **env;

	(void)fw_xtables_lockfile(&private_lock);
	if (!private_lock)
		return environ;
	while (environ[n])
		n++;
	env = calloc(n + 2, sizeof(*env));
	if (!env)
		return NULL;
	memcpy(env, environ, n * sizeof(*env));
	env[n] = moved;
	return env;
}

/* Runs argv inside ns with stdout into out and stderr into msg (both
 * NUL-terminated; of stderr the end is kept: iptables -w repeats a waiting
 * line before saying it gave up). Returns the tool's exit status, or -1 with
 * why when it did not run to an exit of its own. */
static int fw_run_tool(const struct ns *ns, char *const argv[], char *out, size_t outlen,
		       char *msg, size_t msglen, char *why, size_t whylen)
{
	struct proc_out o = { out, outlen, false }, m = { msg, msglen, true };
	struct proc_end end;
	struct nl_error e = { 0 };
	char **env = fw_tool_env();
	int r;

	if (!env) {
		snprintf(why, whylen, "calloc: %s", err_name(errno));
		return -1;
	}
	r = ns_exec(ns, argv[0], argv, env, &o, &m, TIMEOUT_FW_TOOL_MS, &end, &e);
	if (env != environ)
		free(env);
	if (r == 0 && end.how == PROC_EXITED)
		return end.code;
	if (e.err)
		snprintf(why, whylen, "%s", e.text);
	else if (end.how == PROC_TIMED_OUT)
		snprintf(why, whylen, "did not finish within %d ms; killed it with SIGKILL", end.code);
	else
		proc_end_text(&end, why, whylen);
	return -1;
}

/* Builds "path [-w secs] words..." for the tool. */
static int fw_argv(enum fw_backend b, bool ipv6, bool save, const char *cmd,
		   char *path, size_t pathlen, struct fw_words *w, char *why, size_t whylen)
{
	char name[64];
	const char *what = NULL;

	fw_tool_name(b, ipv6, save, name, sizeof(name));
	if (tool_find(name, path, pathlen) < 0) {
		snprintf(why, whylen, "%s not found in %s (Debian package iptables)", name,
			 tool_dirs_text());
		return -1;
	}
	w->n = 0;
	w->v[w->n++] = path;
	if (!save) {
		w->v[w->n++] = "-w";
		w->v[w->n++] = FW_STR(TIMEOUT_FW_LOCK_S);
	}
	if (fw_split(cmd, w, &what) < 0) {
		snprintf(why, whylen, "cannot split the command: %s", what);
		return -1;
	}
	return 0;
}

/* What to say about a run that ended with status: the tool's stderr, else
 * its stdout, else the bare status. */
static const char *fw_tool_detail(int status, const char *msg, const char *out, char *buf, size_t len)
{
	char tidy[1024];

	fw_tidy_iptables(msg[0] ? msg : out, tidy, sizeof(tidy));
	snprintf(buf, len, "exit status %d: %s", status, tidy[0] ? tidy : "(no message)");
	return buf;
}

static int fw_iptables(struct ns *ns, enum fw_backend b, bool ipv6, bool save, const char *cmd,
		       char *out, size_t outlen, char *err, size_t errlen)
{
	struct fw_words w;
	char path[256], name[64], why[512] = "", msg[1024], detail[1200], mine[256];
	int status;

	fw_tool_name(b, ipv6, save, name, sizeof(name));
	if (fw_argv(b, ipv6, save, cmd, path, sizeof(path), &w, why, sizeof(why)) < 0)
		return fw_fail(err, errlen, b, name, cmd, ns, why);
	if (!out) {
		out = mine;
		outlen = sizeof(mine);
	}
	status = fw_run_tool(ns, w.v, out, outlen, msg, sizeof(msg), why, sizeof(why));
	if (status < 0)
		return fw_fail(err, errlen, b, name, cmd, ns, why);
	if (status != 0)
		return fw_fail(err, errlen, b, name, cmd, ns,
			       fw_tool_detail(status, msg, out, detail, sizeof(detail)));
	return 0;
}

/* ---- the contract ---- */

static bool fw_bad_backend(enum fw_backend b, char *err, size_t errlen)
{
	if ((unsigned)b < FW_NBACKENDS)
		return false;
	snprintf(err, errlen, "firewall backend %d does not exist", (int)b);
	return true;
}

/* Without a namespace there is nowhere safe to apply anything. As in
 * ns_destroy, fd 0 without a connection is a zeroed struct, not a namespace. */
static bool fw_bad_args(const struct ns *ns, enum fw_backend b, char *err, size_t errlen)
{
	if (fw_bad_backend(b, err, errlen))
		return true;
	if (ns && ns->fd >= 0 && (ns->fd != 0 || ns->nl))
		return false;
	snprintf(err, errlen, "%s: no namespace given (refusing to touch the current one)",
		 fw_backend_name(b));
	return true;
}

static bool fw_tools_present(enum fw_backend b, char *err, size_t errlen)
{
	char name[64], path[256];

	for (int v6 = 0; v6 < 2; v6++) {
		for (int save = 0; save < 2; save++) {
			fw_tool_name(b, v6, save, name, sizeof(name));
			if (tool_find(name, path, sizeof(path)) < 0) {
				snprintf(err, errlen, "%s is not installed (Debian package iptables): "
					 "no executable %s in %s", fw_backend_name(b), name, tool_dirs_text());
				return false;
			}
		}
	}
	return true;
}

/* Cheap on purpose: whether the kernel takes a given rule (ip_tables
 * present, nf_tables expressions available) shows in fw_apply's error. */
bool fw_available(enum fw_backend b, char *err, size_t errlen)
{
	struct nft_ctx *ctx;
	char msg[256];

	if (fw_bad_backend(b, err, errlen))
		return false;
	if (fw_is_iptables(b))
		return fw_tools_present(b, err, errlen);
	if (fw_nft_socket_ok(msg, sizeof(msg)) < 0) {
		snprintf(err, errlen, "nft: %s", msg);
		return false;
	}
	ctx = nft_ctx_new(NFT_CTX_DEFAULT);
	if (!ctx) {
		snprintf(err, errlen, "nft: nft_ctx_new failed");
		return false;
	}
	nft_ctx_free(ctx);
	return true;
}

int fw_apply(struct ns *ns, enum fw_backend b, bool ipv6, const char *commands,
	     char *err, size_t errlen)
{
	if (fw_bad_args(ns, b, err, errlen))
		return -1;
	if (b == FW_NFT)
		return fw_nft(ns, commands, NULL, 0, err, errlen);
	return fw_iptables(ns, b, ipv6, false, commands, NULL, 0, err, errlen);
}

int fw_dump(struct ns *ns, enum fw_backend b, bool ipv6, char *buf, size_t len, char *err, size_t errlen)
{
	if (len > 0)
		buf[0] = '\0';
	if (fw_bad_args(ns, b, err, errlen))
		return -1;
	if (len == 0)
		return fw_fail(err, errlen, b, "dump", "", ns, "no room for the output");
	if (b == FW_NFT)
		return fw_nft(ns, "list ruleset", buf, len, err, errlen);
	return fw_iptables(ns, b, ipv6, true, "", buf, len, err, errlen);
}
