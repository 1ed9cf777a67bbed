/*
 * The proxy's host filter (src/core/netfilter.c). Input: allow-list
 * entries and a host, separated by newlines (the last line is the host),
 * then 16 address bytes after a NUL. Properties: verdicts are in range;
 * a metadata name is denied whatever the list; an address check never
 * turns a denial into an allow, never allows link-local; a reason exists
 * exactly for denials.
 */
#include "fuzz.h"

#include "netfilter.h"

#include <string.h>

static char text[4097];

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const char *hosts[64];
	struct netfilter f = { hosts, 0, 0 };
	const uint8_t *nul = memchr(d, 0, n);
	uint8_t addr[16] = { 0 };
	size_t tn = nul ? (size_t)(nul - d) : n;
	char *p, *host;
	int v, a;

	if (tn >= sizeof text)
		return 0;
	memcpy(text, d, tn);
	text[tn] = 0;
	if (nul)
		memcpy(addr, nul + 1, n - tn - 1 < 16 ? n - tn - 1 : 16);
	f.strict = tn && (d[0] & 1);
	host = text;
	while ((p = strchr(host, '\n')) != NULL && f.n < 64) {
		*p = 0;
		hosts[f.n++] = host;
		host = p + 1;
	}
	v = netfilter_name(&f, host);
	PROPERTY(v >= NF_ALLOW && v <= NF_DENY_LOCAL);
	PROPERTY(v != NF_DENY_LINK_LOCAL);
	if (!strcmp(host, "metadata.google.internal") ||
	    !strcmp(host, "169.254.169.254"))
		PROPERTY(v == NF_DENY_METADATA);
	PROPERTY((netfilter_reason(v) == NULL) ==
		 (v == NF_ALLOW || v == NF_ALLOW_EXACT));
	for (int fam = 4; fam <= 6; fam += 2) {
		a = netfilter_addr(v, fam, addr);
		if (v != NF_ALLOW && v != NF_ALLOW_EXACT)
			PROPERTY(a == v);
		else
			PROPERTY(a == v || a == NF_DENY_LINK_LOCAL ||
				 a == NF_DENY_LOCAL || a == NF_DENY_METADATA);
		if (fam == 4 && addr[0] == 169 && addr[1] == 254)
			PROPERTY(a != NF_ALLOW && a != NF_ALLOW_EXACT);
	}
	return 0;
}
