/*
 * Proxy mode from the flags and the profile (spec/proxy.md §1): whether
 * the proxy runs, the conflicts that refuse a run, and the allow-list,
 * upstream and port it runs with.
 */
#ifndef NONO_PROXY_PLAN_H
#define NONO_PROXY_PLAN_H

#include "capset.h"
#include "err.h"
#include "http_head.h"
#include "profile.h"
#include "proxy.h"
#include "sandbox_args.h"

#define PROXY_PLAN_HOSTS 1024

struct proxy_plan {
	int active;                        /* the proxy runs */
	struct proxy_config cfg;
	const char *hosts[PROXY_PLAN_HOSTS];
	const char *bypass[SB_MAX_LIST + PROF_LIST_MAX];
	char host_mem[PROXY_PLAN_HOSTS][HTTP_HOST_MAX_Z + 2]; /* "*." + host */
	size_t nmem;
	char upstream_host[HTTP_HOST_MAX_Z];
	const char *network_profile;       /* the one in effect, or NULL */
};

/* prof: the active profile or NULL. Sets cs->net (and proxy_port to
 * --proxy-port, 0 until the proxy runs) when the proxy is on. */
int proxy_plan_build(struct proxy_plan *pp, const struct profile *prof,
		     const struct sandbox_args *a, struct capset *cs,
		     struct err *e);

/* The child's proxy variables ("NAME=value") into out[0..cap); the
 * strings live in pp. Returns the count. */
size_t proxy_plan_env(struct proxy_plan *pp, const struct proxy *px,
		      const struct capset *cs, const char **out, size_t cap);

#endif
