/*
 * The proxy's host filter (spec/proxy.md §4): which CONNECT and forward
 * targets the sandboxed process may reach. Pure: the proxy resolves names
 * itself and asks about each address.
 *
 *   netfilter_name  decides on the name alone, before any DNS lookup
 *                   (so a denied name is never resolved: no DNS channel)
 *   netfilter_addr  decides on each resolved address of an allowed name
 */
#ifndef NONO_NETFILTER_H
#define NONO_NETFILTER_H

#include <stddef.h>
#include <stdint.h>

struct netfilter {
	const char *const *hosts;  /* allow-list entries (hostmatch.h) */
	size_t n;
	int strict;                /* empty list: 1 denies all, 0 allows all */
};

enum nf_verdict {
	NF_ALLOW = 0,
	NF_ALLOW_EXACT,          /* allowed by an exact (non-wildcard) entry */
	NF_DENY_METADATA,        /* cloud metadata endpoint */
	NF_DENY_NOT_ALLOWED,     /* not in the allow-list */
	NF_DENY_LINK_LOCAL,      /* resolves to a link-local address */
	NF_DENY_LOCAL,           /* resolves to loopback/unspecified without
				    an exact entry naming it */
};

/* host: lower-case, NUL-terminated (http_authority's output). Metadata
 * names are denied first; "localhost" and "*.localhost" need an exact
 * entry (they name this machine whatever DNS says). */
int netfilter_name(const struct netfilter *f, const char *host);

/* family 4 (a[0..4)) or 6 (a[0..16)); v is netfilter_name's verdict.
 * Returns NF_ALLOW/NF_ALLOW_EXACT (= v) or a denial: link-local
 * (169.254/16, fe80::/10, mapped), the IPv6 cloud metadata address
 * fd00:ec2::254, or loopback/unspecified without an exact entry. */
int netfilter_addr(int v, int family, const uint8_t *a);

/* The denial's reason text ("403 Forbidden: <reason>"), NULL for allow. */
const char *netfilter_reason(int v);

#endif
