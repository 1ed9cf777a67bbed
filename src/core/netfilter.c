/* The proxy's host filter (spec/proxy.md §4). */
#include "netfilter.h"

#include "hostmatch.h"

#include <string.h>

static const char *const METADATA[] = {
	"169.254.169.254", "metadata.google.internal", "metadata.azure.internal",
};

static int is_wildcard(const char *e)
{
	return e[0] == '.' || (e[0] == '*' && e[1] == '.');
}

int netfilter_name(const struct netfilter *f, const char *host)
{
	size_t n = strlen(host);
	int v = NF_DENY_NOT_ALLOWED;

	for (size_t i = 0; i < sizeof METADATA / sizeof *METADATA; i++)
		if (host_match(METADATA[i], host, n))
			return NF_DENY_METADATA;
	for (size_t i = 0; i < f->n; i++) {
		if (!host_match(f->hosts[i], host, n))
			continue;
		if (!is_wildcard(f->hosts[i]))
			return NF_ALLOW_EXACT;
		v = NF_ALLOW;
	}
	if (f->n == 0)
		v = f->strict ? NF_DENY_NOT_ALLOWED : NF_ALLOW;
	/* "localhost" names are this machine's: only an exact entry */
	if (v == NF_ALLOW && (host_match("localhost", host, n) ||
			      host_match(".localhost", host, n)))
		return NF_DENY_LOCAL;
	return v;
}

static int zero(const uint8_t *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i])
			return 0;
	return 1;
}

/* IPv4 classes on a[0..4): link-local 169.254/16; local 127/8, 0/8. */
static int v4(int v, const uint8_t *a)
{
	if (a[0] == 169 && a[1] == 254)
		return NF_DENY_LINK_LOCAL;
	if ((a[0] == 127 || a[0] == 0) && v != NF_ALLOW_EXACT)
		return NF_DENY_LOCAL;
	return v;
}

int netfilter_addr(int v, int family, const uint8_t *a)
{
	static const uint8_t MAPPED[12] = { 0, 0, 0, 0, 0, 0, 0, 0,
					    0, 0, 0xff, 0xff };
	static const uint8_t AWS6[16] = { 0xfd, 0, 0x0e, 0xc2, 0, 0, 0, 0,
					  0, 0, 0, 0, 0, 0, 0x02, 0x54 };

	if (v != NF_ALLOW && v != NF_ALLOW_EXACT)
		return v;
	if (family == 4)
		return v4(v, a);
	if (family != 6)
		return NF_DENY_NOT_ALLOWED;
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return NF_DENY_LINK_LOCAL;               /* fe80::/10 */
	if (!memcmp(a, AWS6, 16))
		return NF_DENY_METADATA;                 /* fd00:ec2::254 */
	if (!memcmp(a, MAPPED, 12))
		return v4(v, a + 12);
	if (zero(a, 15) && (a[15] == 1 || a[15] == 0) && v != NF_ALLOW_EXACT)
		return NF_DENY_LOCAL;                    /* ::1, :: */
	return v;
}

const char *netfilter_reason(int v)
{
	switch (v) {
	case NF_DENY_METADATA:
		return "cloud metadata endpoint";
	case NF_DENY_NOT_ALLOWED:
		return "host not in allowlist";
	case NF_DENY_LINK_LOCAL:
		return "resolves to a link-local address";
	case NF_DENY_LOCAL:
		return "resolves to a local address";
	default:
		return NULL;
	}
}
