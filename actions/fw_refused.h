/* SPDX-License-Identifier: GPL-2.0-only */
/* fw_refused_: after a case's rule failed to apply, whether the kernel lacks
 * what the rule adds to a plain drop rule (a reject type, `once`'s limit
 * match). Such a variant cannot say what the kernel does, so it is a skip
 * with that reason, not a failure: a kernel built without CONFIG_NFT_LIMIT,
 * or a guest without the nft_limit module, refuses every `once` rule. */
#ifndef NSF_FW_REFUSED_H
#define NSF_FW_REFUSED_H

#include <stdbool.h>
#include <stddef.h>
#include "lang/fw_rule.h"

/* Tries, in a fresh namespace of its own, the rule r (backend b, family) and
 * the same rule as a plain drop without `once`. True when the rule fails
 * there too and the plain one applies: why then says what the kernel
 * refused and the tool's words. False when there is nothing to tell apart
 * (r is a plain drop), the rule applies in a fresh namespace (the failure
 * was the case's), the plain rule fails too (the backend itself does not
 * work: fw_available's business), or no namespace can be made. */
bool fw_refused_by_kernel(const struct fw_rule *r, enum fw_backend b, bool ipv6, char *why, size_t whylen);

#endif
