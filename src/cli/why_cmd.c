/*
 * nono why --path P [--op read|write|readwrite] | --host H [--port N] |
 *          --scope signal|abstract-unix-socket   [--self] [--json]
 *          [grant flags]                           (spec/why.md)
 */
#include "canon.h"
#include "cap_state.h"
#include "commands.h"
#include "landlock.h"
#include "landlock_plan.h"
#include "policy.h"
#include "sandbox_args.h"
#include "sandbox_build.h"
#include "ui.h"
#include "why.h"
#include "netfilter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct sandbox_args args;
static struct sb_build build;

/* One verdict, as the original's internally tagged enum. */
struct verdict {
	const char *status;          /* allowed, denied, not_sandboxed, scope */
	const char *reason;
	const char *granted_path;
	const char *access;
	const char *source;
	const char *details;
	const char *policy_source;
	const struct fs_cap *match;  /* matching_capability */
	const char *suggested_flag;
	const char *message;
	/* scope */
	const char *scope, *state;
	int requested, enforced, supported, abi;
};

static void src_str(const struct fs_cap *c, char *out, size_t cap)
{
	struct nbuf b;
	nbuf_init(&b, (uint8_t *)out, cap);
	if (cap_source_put(&b, c) < 0 && cap)
		out[0] = 0;
}

static void print_json(const struct verdict *v)
{
	struct json_out o;
	struct jw *w = &o.w;

	json_out_begin(&o);
	jw_obj_begin(w);
	jw_key(w, "status");
	jw_str(w, v->status);
	if (!strcmp(v->status, "scope")) {
		jw_key(w, "scope");
		jw_str(w, v->scope);
		jw_key(w, "state");
		jw_str(w, v->state);
		jw_key(w, "requested");
		jw_bool(w, v->requested);
		jw_key(w, "enforced");
		jw_bool(w, v->enforced);
		jw_key(w, "supported");
		jw_bool(w, v->supported);
		if (v->abi > 0) {
			char abi[16];
			snprintf(abi, sizeof abi, "V%d", v->abi);
			jw_key(w, "kernel_abi");
			jw_str(w, abi);
		}
		jw_key(w, "details");
		jw_str(w, v->details);
	} else if (!strcmp(v->status, "not_sandboxed")) {
		jw_key(w, "message");
		jw_str(w, v->message);
	} else {
		jw_key(w, "reason");
		jw_str(w, v->reason);
		if (v->granted_path) {
			jw_key(w, "granted_path");
			jw_str(w, v->granted_path);
		}
		if (v->access) {
			jw_key(w, "access");
			jw_str(w, v->access);
		}
		if (v->source) {
			jw_key(w, "source");
			jw_str(w, v->source);
		}
		if (v->details) {
			jw_key(w, "details");
			jw_str(w, v->details);
		}
		if (v->policy_source) {
			jw_key(w, "policy_source");
			jw_str(w, v->policy_source);
		}
		if (v->match) {
			char s[256];
			src_str(v->match, s, sizeof s);
			jw_key(w, "matching_capability");
			jw_obj_begin(w);
			jw_key(w, "path");
			jw_str(w, v->match->resolved);
			jw_key(w, "access");
			jw_str(w, cap_access_str(v->match->access));
			jw_key(w, "source");
			jw_str(w, s);
			jw_obj_end(w);
		}
		if (v->suggested_flag) {
			jw_key(w, "suggested_flag");
			jw_str(w, v->suggested_flag);
		}
	}
	jw_obj_end(w);
	json_out_end(&o);
}

static void head(const char *word, const char *color)
{
	if (ui.color && isatty(1))
		printf("\033[1;%sm%s\033[0m\n", color, word);
	else
		printf("%s\n", word);
}

static void print_human(const struct verdict *v)
{
	if (!strcmp(v->status, "scope")) {
		head("SCOPE", "34");
		printf("  Scope: %s\n  State: %s\n  Requested: %s\n  Enforced: "
		       "%s\n  Supported: %s\n", v->scope, v->state,
		       v->requested ? "yes" : "no", v->enforced ? "yes" : "no",
		       v->supported ? "yes" : "no");
		if (v->abi > 0)
			printf("  Kernel ABI: V%d\n", v->abi);
		printf("  Details: %s\n", v->details);
		return;
	}
	if (!strcmp(v->status, "not_sandboxed")) {
		head("NOT SANDBOXED", "33");
		printf("  %s\n", v->message);
		return;
	}
	if (!strcmp(v->status, "allowed"))
		head("ALLOWED", "32");
	else
		head("DENIED", "31");
	printf("  Reason: %s\n", v->reason);
	if (v->granted_path)
		printf("  Granted by: %s\n", v->granted_path);
	if (v->access)
		printf("  Access: %s\n", v->access);
	if (v->source)
		printf("  Source: %s\n", v->source);
	if (v->details)
		printf("  Details: %s\n", v->details);
	if (v->policy_source)
		printf("  Policy: %s\n", v->policy_source);
	if (v->match) {
		char s[256];
		src_str(v->match, s, sizeof s);
		printf("  Closest match: %s (%s, %s)\n", v->match->resolved,
		       cap_access_str(v->match->access), s);
	}
	if (v->suggested_flag)
		printf("  Suggested fix: %s\n", v->suggested_flag);
}

static int emit(const struct verdict *v)
{
	if (args.why_json)
		print_json(v);
	else
		print_human(v);
	return 0;
}

static int why_path_query(struct verdict *v, struct err *e)
{
	static char details[8192], flag[PATH_MAX + 32], src[256], gp[16];
	char canon[PATH_MAX];
	unsigned req, ft;
	struct why_path_result r;
	int exists;

	if (!args.why_op || !strcmp(args.why_op, "read"))
		req = CAP_READ;
	else if (!strcmp(args.why_op, "write"))
		req = CAP_WRITE;
	else if (!strcmp(args.why_op, "readwrite"))
		req = CAP_RW;
	else
		return errf(e, "invalid value '%.64s' for '--op': expected "
			    "read, write or readwrite", args.why_op);
	if (sandbox_canon_arg(&build, args.why_path, canon, &exists, e) < 0)
		return -1;
	ft = exists ? canon_ftype(canon) : FT_MISSING;
	why_path(&build.cs, canon, ft, req, &r);
	(void)gp;
	switch (r.reason) {
	case WHY_GRANTED_PATH:
		src_str(r.grant, src, sizeof src);
		v->status = "allowed";
		v->reason = "granted_path";
		v->granted_path = r.grant->resolved;
		v->access = cap_access_str(r.grant->access);
		v->source = src;
		return 0;
	case WHY_SENSITIVE_PATH: {
		const struct policy_group *g = policy_group_find(
			r.deny->group, strlen(r.deny->group));
		v->status = "denied";
		v->reason = "sensitive_path";
		snprintf(details, sizeof details, "Blocked by policy group "
			 "'%s': %s Use filesystem.bypass_protection to exempt "
			 "specific paths when appropriate.", r.deny->group,
			 g ? g->description : "");
		v->details = details;
		snprintf(src, sizeof src, "group:%s", r.deny->group);
		v->policy_source = src;
		return 0;
	}
	case WHY_INSUFFICIENT_ACCESS:
		src_str(r.grant, src, sizeof src);
		snprintf(details, sizeof details, "Path is covered by '%s', "
			 "which grants %s access from %s but %s was requested",
			 r.grant->resolved, cap_access_str(r.grant->access), src,
			 cap_access_str(req));
		v->match = r.grant;
		break;
	case WHY_PATH_NOT_GRANTED:
		snprintf(details, sizeof details, "Path is not covered by any "
			 "capability: %s", canon);
		break;
	}
	v->status = "denied";
	v->reason = r.reason == WHY_INSUFFICIENT_ACCESS ? "insufficient_access"
						       : "path_not_granted";
	v->details = details;
	snprintf(flag, sizeof flag, "%s %.*s", r.flag,
		 (int)(r.target_len ? r.target_len : 1),
		 r.target_len ? canon : "/");
	v->suggested_flag = flag;
	return 0;
}

/* Proxy mode (spec/why.md): the host against the allow-list the proxy
 * would run with (network profile, allow_domain, host groups), with the
 * proxy's own filter; an empty list filters nothing. */
static int why_proxy(struct verdict *v, const char *host, unsigned port,
		     struct err *e)
{
	static char text[700], flag[560], low[HTTP_HOST_MAX_Z];
	const struct proxy_config *c = &build.proxy.cfg;
	struct netfilter f = { c->hosts, c->nhosts, c->strict };
	size_t i, n = strlen(host);
	int r;

	(void)e;
	for (i = 0; i < n && i + 1 < sizeof low; i++)
		low[i] = (char)(host[i] >= 'A' && host[i] <= 'Z'
				? host[i] - 'A' + 'a' : host[i]);
	low[i] = 0;
	r = netfilter_name(&f, low);
	if (r == NF_ALLOW || r == NF_ALLOW_EXACT) {
		snprintf(text, sizeof text, "Connection to %s:%u would be "
			 "allowed via proxy%s", host, port,
			 c->nhosts ? "" : " (no domain filter)");
		v->status = "allowed";
		v->reason = "proxy_allowed";
		v->access = text;
		v->source = c->nhosts ? "domain allowlist" : "proxy";
		return 0;
	}
	if (r == NF_DENY_METADATA)
		snprintf(text, sizeof text, "%s is a cloud metadata endpoint; "
			 "the proxy always refuses it.", host);
	else
		snprintf(text, sizeof text, "Domain filtering is active. %s is "
			 "not in the allowed domains of this profile.", host);
	snprintf(flag, sizeof flag, "--allow-domain %s", host);
	v->status = "denied";
	v->reason = "proxy_filtered";
	v->details = text;
	v->policy_source = "proxy domain filter";
	v->suggested_flag = r == NF_DENY_METADATA ? NULL : flag;
	return 0;
}

static int why_host_query(struct verdict *v, struct err *e)
{
	static char host[512], text[700], flag[560];
	const char *h = args.why_host, *p;
	unsigned port = args.why_port_set ? args.why_port : 443;
	size_t n;

	p = strstr(h, "://");
	if (p)
		h = p + 3;
	n = strcspn(h, "/?#");
	if (n == 0 || n >= sizeof host)
		return errf(e, "invalid value for '--host'");
	memcpy(host, h, n);
	host[n] = 0;
	if (host[0] != '[' && (p = strchr(host, ':')) && strchr(p + 1, ':') == NULL)
		host[p - host] = 0;             /* host:port */
	if (build.cs.net == NET_BLOCKED) {
		snprintf(text, sizeof text, "Network access is fully blocked. "
			 "Connection to %s:%u would be denied.", host, port);
		snprintf(flag, sizeof flag, "--allow-domain %s", host);
		v->status = "denied";
		v->reason = "network_blocked";
		v->details = text;
		v->suggested_flag = flag;
	} else if (build.cs.net == NET_PROXY) {
		return why_proxy(v, host, port, e);
	} else {
		snprintf(text, sizeof text, "Connection to %s:%u would be "
			 "allowed", host, port);
		v->status = "allowed";
		v->reason = "network_allowed";
		v->access = text;
	}
	return 0;
}

static int why_scope_query(struct verdict *v, struct err *e)
{
	static char details[1024];
	struct ll_plan p;
	uint8_t mm[512];
	struct nbuf m;
	int sig;

	if (!strcmp(args.why_scope, "signal"))
		sig = 1;
	else if (!strcmp(args.why_scope, "abstract-unix-socket"))
		sig = 0;
	else
		return errf(e, "invalid value '%.64s' for '--scope': expected "
			    "signal or abstract-unix-socket", args.why_scope);
	v->status = "scope";
	v->scope = args.why_scope;
	nbuf_init(&m, mm, sizeof mm);
	v->abi = landlock_abi();
	if (ll_plan_build(&build.cs, v->abi, 0, &p, &m) < 0) {
		v->state = "unavailable";
		v->abi = 0;
		snprintf(details, sizeof details, "%s scope state is "
			 "unavailable: %s", args.why_scope, (char *)mm);
		v->details = details;
		return 0;
	}
	v->requested = sig ? p.signal_requested : p.abstract_requested;
	v->enforced = sig ? p.signal_enforced : p.abstract_enforced;
	v->supported = p.abi >= 6;
	v->state = !v->requested ? "not_requested"
		   : v->enforced ? "enforced"
		   : !v->supported ? "unsupported" : "not_enforced";
	snprintf(details, sizeof details, "%s scope is %s.", args.why_scope,
		 !v->requested ? "not requested by the capability set"
		 : v->enforced ? "requested by the capability set and enforced"
		 : !v->supported ? "requested by the capability set, but this "
				   "kernel's Landlock ABI has no scoping"
		 : "requested by the capability set but not enforced");
	v->details = details;
	return 0;
}

int cmd_why(int argc, char **argv)
{
	static struct capset self;
	static uint8_t arena_mem[1 << 20];
	struct verdict v;
	struct err e;

	if (sandbox_args_parse(&args, SB_WHY, argc, argv, &e) < 0)
		return ui_fail(&e);
	if (!args.why_path && !args.why_host && !args.why_scope)
		return ui_failf("--command, --path, --host, or --scope is "
				"required");
	memset(&v, 0, sizeof v);
	if (args.why_self) {
		const char *f = getenv("NONO_CAP_FILE");
		struct nbuf arena;
		if (!f || !*f || !strcmp(f, "/dev/null")) {
			v.status = "not_sandboxed";
			v.message = "Not running inside a nono sandbox";
			return emit(&v);
		}
		/* the deny groups come from the policy, the grants from the
		 * running sandbox's state */
		if (sandbox_build(&build, &args, SB_STAGE_FINALIZE, &e) < 0)
			return ui_fail(&e);
		nbuf_init(&arena, arena_mem, sizeof arena_mem);
		if (cap_state_read(f, &self, &arena, &e) < 0)
			return ui_fail(&e);
		memcpy(build.cs.fs, self.fs, self.nfs * sizeof *self.fs);
		build.cs.nfs = self.nfs;
		build.cs.net = self.net;
		memcpy(build.cs.bypass, self.bypass,
		       self.nbypass * sizeof *self.bypass);
		build.cs.nbypass = self.nbypass;
	} else if (sandbox_build(&build, &args, SB_STAGE_FINALIZE, &e) < 0) {
		if (build.detail[0]) {
			fprintf(stderr, "nono: %s\n", build.detail);
			return 1;
		}
		return ui_fail(&e);
	}
	if ((args.why_path ? why_path_query(&v, &e)
	     : args.why_host ? why_host_query(&v, &e)
	     : why_scope_query(&v, &e)) < 0)
		return ui_fail(&e);
	return emit(&v);
}
