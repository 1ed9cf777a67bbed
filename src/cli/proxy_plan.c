/* Proxy mode from flags and profile (spec/proxy.md §1, §2). */
#include "proxy_plan.h"

#include "netpolicy.h"
#include "ui.h"

#include <stdio.h>
#include <string.h>

static int add_host(struct proxy_plan *pp, const char *h, struct err *e)
{
	for (size_t i = 0; i < pp->cfg.nhosts; i++)
		if (!strcmp(pp->hosts[i], h))
			return 0;
	if (pp->cfg.nhosts >= PROXY_PLAN_HOSTS)
		return errf(e, "too many allowed domains (at most %d)",
			    PROXY_PLAN_HOSTS);
	pp->hosts[pp->cfg.nhosts++] = h;
	return 0;
}

/* One --allow-domain / allow_domain entry (§1.3): a host, *.host or
 * .host, host:port (port dropped with a warning), a scheme://host URL
 * without a path, or a host group name. */
static int add_domain(struct proxy_plan *pp, const char *what,
		      const char *d, struct err *e)
{
	const char *s = d, *slash;
	char host[HTTP_HOST_MAX_Z];
	uint16_t port;
	size_t n, pre = 0;
	int grp;

	grp = netpolicy_group_hosts(d, pp->hosts, PROXY_PLAN_HOSTS,
				    &pp->cfg.nhosts, e);
	if (grp != 0)
		return grp < 0 ? -1 : 0;
	if (strstr(s, "://"))
		s = strstr(s, "://") + 3;
	slash = strchr(s, '/');
	if (slash && slash[1])
		return errf(e, "%s '%s': path rules need the proxy's endpoint "
			    "filtering (TLS interception), which is not "
			    "available in this build yet", what, d);
	n = slash ? (size_t)(slash - s) : strlen(s);
	if (n >= 2 && s[0] == '*' && s[1] == '.')
		pre = 2;
	else if (n >= 1 && s[0] == '.')
		pre = 1;
	if (http_authority((const uint8_t *)s + pre, n - pre, 1, host,
			   sizeof host, &port) < 0 || strchr(host, ':'))
		return errf(e, "%s '%s': not a host name", what, d);
	if (memchr(s + pre, ':', n - pre) && !ui.silent)
		fprintf(stderr, "  [nono] Warning: %s '%s': the port is "
			"ignored (domains are allowed on every port through "
			"the proxy)\n", what, d);
	if (pp->nmem >= PROXY_PLAN_HOSTS)
		return errf(e, "too many allowed domains");
	snprintf(pp->host_mem[pp->nmem], sizeof pp->host_mem[0], "%s%s",
		 pre ? "*." : "", host);
	return add_host(pp, pp->host_mem[pp->nmem++], e);
}

static int add_bypass(struct proxy_plan *pp, const char *h, struct err *e)
{
	if (pp->cfg.nbypass >= sizeof pp->bypass / sizeof *pp->bypass)
		return errf(e, "too many upstream bypass entries (at most %zu)",
			    sizeof pp->bypass / sizeof *pp->bypass);
	pp->bypass[pp->cfg.nbypass++] = h;
	return 0;
}

static int conflicts(const struct profile *p, const struct sandbox_args *a,
		     int prof_block, int intent, const char *upstream,
		     size_t nbypass, struct err *e)
{
	uint32_t pf = p ? p->features : 0;

	if (a->block_net || prof_block) {
		if (pf & (PFEAT_CREDENTIALS | PFEAT_CUSTOM_CREDS))
			return errf(e, "--block-net and --credential are "
				    "contradictory: credential injection "
				    "requires the proxy to be reachable");
		if (a->network_profile || (pf & PFEAT_NETWORK_PROFILE))
			return errf(e, "--block-net and --network-profile are "
				    "contradictory: a network profile requires "
				    "proxy mode");
		if (a->ndomains || (pf & PFEAT_ALLOW_DOMAIN))
			return errf(e, "--block-net and --allow-domain are "
				    "contradictory: domain filtering requires "
				    "proxy mode");
	}
	if (a->has_proxy_port && !intent)
		return errf(e, "--proxy-port has no effect without a proxy-mode "
			    "flag (e.g. --credential, --network-profile, "
			    "--allow-domain)");
	if (nbypass && !upstream)
		return errf(e, "--upstream-bypass requires --upstream-proxy (or "
			    "upstream_proxy in profile network config)");
	return 0;
}

int proxy_plan_build(struct proxy_plan *pp, const struct profile *p,
		     const struct sandbox_args *a, struct capset *cs,
		     struct err *e)
{
	uint32_t pf = p ? p->features : 0;
	int prof_block = p && p->net_block;
	int intent = a->network_profile || a->ndomains || a->upstream_proxy ||
		     (pf & (PFEAT_NETWORK_PROFILE | PFEAT_ALLOW_DOMAIN |
			    PFEAT_CREDENTIALS | PFEAT_CUSTOM_CREDS |
			    PFEAT_UPSTREAM_PROXY));
	const char *upstream = a->upstream_proxy ? a->upstream_proxy
			       : p ? p->upstream_proxy : NULL;
	size_t nbypass = a->nupstream_bypass + (p ? p->upstream_bypass.n : 0);

	memset(pp, 0, sizeof *pp);
	if (a->allow_net)
		return 0;       /* --allow-net: no proxy, profile's ignored */
	if (conflicts(p, a, prof_block, intent, upstream, nbypass, e) < 0)
		return -1;
	if (!intent)
		return 0;
	if (a->block_net) {      /* only an upstream proxy gets here */
		if (!ui.silent)
			fprintf(stderr, "  [nono] Warning: --block-net overrides "
				"proxy/credential settings. Network remains "
				"fully blocked.\n");
		return 0;
	}
	pp->active = 1;
	pp->cfg.hosts = pp->hosts;
	pp->cfg.bypass = pp->bypass;
	pp->cfg.strict = prof_block;
	pp->cfg.port = a->has_proxy_port ? a->proxy_port : 0;
	pp->network_profile = a->network_profile ? a->network_profile
			      : p && p->network_profile_state == TRI_SET
			      ? p->network_profile : NULL;
	if (pp->network_profile &&
	    netpolicy_profile_hosts(pp->network_profile, pp->hosts,
				    PROXY_PLAN_HOSTS, &pp->cfg.nhosts, e) < 0)
		return -1;
	for (uint16_t i = 0; p && i < p->allow_domain.n; i++)
		if (add_domain(pp, "allow_domain", p->allow_domain.v[i], e) < 0)
			return -1;
	for (size_t i = 0; i < a->ndomains; i++)
		if (add_domain(pp, "--allow-domain", a->domains[i], e) < 0)
			return -1;
	if (upstream) {
		uint16_t port;
		if (http_authority((const uint8_t *)upstream, strlen(upstream),
				   0, pp->upstream_host,
				   sizeof pp->upstream_host, &port) < 0)
			return errf(e, "--upstream-proxy '%s': expected "
				    "host:port", upstream);
		pp->cfg.upstream_host = pp->upstream_host;
		pp->cfg.upstream_port = port;
	}
	for (size_t i = 0; i < a->nupstream_bypass; i++)
		if (add_bypass(pp, a->upstream_bypass[i], e) < 0)
			return -1;
	for (uint16_t i = 0; p && i < p->upstream_bypass.n; i++)
		if (add_bypass(pp, p->upstream_bypass.v[i], e) < 0)
			return -1;
	cs->net = NET_PROXY;
	cs->proxy_port = pp->cfg.port;
	return 0;
}

size_t proxy_plan_env(struct proxy_plan *pp, const struct proxy *px,
		      const struct capset *cs, const char **out, size_t cap)
{
	static char url[4][160], noproxy[2][8192], tok[96];
	static const char *const PROXY_VARS[] = {
		"HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy",
	};
	size_t n = 0, len;

	for (int i = 0; i < 4 && n < cap; i++) {
		snprintf(url[i], sizeof url[i], "%s=http://nono:%s@127.0.0.1:%u",
			 PROXY_VARS[i], px->token, (unsigned)px->port);
		out[n++] = url[i];
	}
	/* hosts on a direct --allow-connect-port 443 skip the proxy */
	len = (size_t)snprintf(noproxy[0], sizeof noproxy[0],
			       "NO_PROXY=localhost,127.0.0.1");
	for (size_t i = 0; port_list_has(&cs->connect_ports, 443) &&
	     i < pp->cfg.nhosts; i++) {
		const char *h = pp->hosts[i];
		if (h[0] == '*')
			h++;
		if (len + strlen(h) + 2 < sizeof noproxy[0])
			len += (size_t)snprintf(noproxy[0] + len,
						sizeof noproxy[0] - len,
						",%s", h);
	}
	memcpy(noproxy[1], "no_proxy", 8);
	memcpy(noproxy[1] + 8, noproxy[0] + 8, len - 8 + 1);
	snprintf(tok, sizeof tok, "NONO_PROXY_TOKEN=%s", px->token);
	if (n + 4 <= cap) {
		out[n++] = noproxy[0];
		out[n++] = noproxy[1];
		out[n++] = tok;
		out[n++] = "NODE_USE_ENV_PROXY=1";
	}
	return n;
}
