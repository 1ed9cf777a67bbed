/*
 * One profile document to a struct profile (spec/profiles.md §2-§3):
 * JSONC to JSON, the strict reader, then every object checked against
 * its key table. An unknown key, a wrong type or a bad enum value is an
 * error naming the dotted key and its line.
 */
#include "profile.h"

#include "json_read.h"
#include "json_str.h"
#include "when.h"

#include <string.h>

struct pctx {
	struct json_doc d;
	struct nbuf *arena;
	struct profile *p;
	struct prof_err *e;
	const struct os_facts *os;
};

/* ---- messages (no printf in the core) ---- */

static void put(struct nbuf *b, const char *s)
{
	size_t n = strlen(s);
	if (n > nbuf_room(b))
		n = nbuf_room(b);
	(void)nbuf_put(b, s, n);
}

int prof_fail(struct prof_err *e, const struct json_doc *d, int tok,
	      const char *a, const char *key, const char *b)
{
	struct nbuf m;
	size_t col = 0;

	nbuf_init(&m, (uint8_t *)e->msg, sizeof e->msg - 1);
	put(&m, a);
	if (key) {
		put(&m, "'");
		put(&m, key);
		put(&m, "'");
	}
	put(&m, b);
	e->msg[m.len] = 0;
	e->line = 0;
	if (tok >= 0 && tok < d->ntok)
		json_line_col(d->js, d->len, (size_t)d->tok[tok].start,
			      &e->line, &col);
	return -1;
}

static int fail_at(struct pctx *c, int tok, const char *a, const char *key,
		   const char *b)
{
	return prof_fail(c->e, &c->d, tok, a, key, b);
}

/* "parent.key" into buf (truncated, always NUL-terminated) */
static const char *dotted(char *buf, size_t cap, const char *parent,
			  const char *key)
{
	struct nbuf b;

	nbuf_init(&b, (uint8_t *)buf, cap - 1);
	if (parent) {
		put(&b, parent);
		put(&b, ".");
	}
	put(&b, key);
	buf[b.len] = 0;
	return buf;
}

/* ---- values ---- */

static const char *take_str(struct pctx *c, int i, const char *key)
{
	size_t n, start = c->arena->len;
	const uint8_t *s;

	if (!json_is_str(&c->d, i)) {
		fail_at(c, i, "", key, " must be a string");
		return NULL;
	}
	s = json_str(&c->d, i, &n);
	if (json_unescape(c->arena, s, n) < 0 || nbuf_putc(c->arena, 0) < 0) {
		c->arena->len = start;
		fail_at(c, i, "", key, ": profile too large");
		return NULL;
	}
	if (memchr(c->arena->p + start, 0, c->arena->len - start - 1)) {
		c->arena->len = start;
		fail_at(c, i, "", key, " contains a NUL character");
		return NULL;
	}
	return (const char *)c->arena->p + start;
}

static int take_bool(struct pctx *c, int i, const char *key, uint8_t *v)
{
	int b;

	if (json_get_bool(&c->d, i, &b) < 0)
		return fail_at(c, i, "", key, " must be true or false");
	*v = (uint8_t)b;
	return 0;
}

static int take_ports(struct pctx *c, int i, const char *key,
		      struct pports *l)
{
	int k, j;

	if (!json_is_arr(&c->d, i))
		return fail_at(c, i, "", key, " must be an array of ports");
	for (k = 0, j = i + 1; k < json_count(&c->d, i);
	     k++, j = json_skip(&c->d, j)) {
		uint64_t v;
		int dup = 0;
		if (json_get_u64(&c->d, j, 65535, &v) < 0 || v == 0)
			return fail_at(c, j, "", key,
				       ": ports are integers 1-65535");
		for (uint16_t m = 0; m < l->n; m++)
			dup |= l->v[m] == v;
		if (dup)
			continue;
		if (l->n >= PROF_LIST_MAX)
			return fail_at(c, j, "", key, ": too many entries");
		l->v[l->n++] = (uint16_t)v;
	}
	return 0;
}

/* 1 + the index of the value in vals, or 0 after an error */
static int take_enum(struct pctx *c, int i, const char *key,
		     const char *const *vals, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (json_str_eq(&c->d, i, vals[k]))
			return (int)k + 1;
	fail_at(c, i, "", key, " has an unknown value");
	return 0;
}

static int is_obj(struct pctx *c, int i, const char *key)
{
	return json_is_obj(&c->d, i) ? 0
				     : fail_at(c, i, "", key,
					       " must be an object");
}

/* Rejects a key of obj outside keys; parent names obj in messages. */
static int known_keys(struct pctx *c, int obj, const char *parent,
		      const char *const *keys, size_t n)
{
	int k = json_obj_unknown_key(&c->d, obj, keys, n);
	char buf[128], kb[64];
	size_t kn;
	const uint8_t *s;

	if (k < 0)
		return 0;
	s = json_str(&c->d, k, &kn);
	if (kn >= sizeof kb)
		kn = sizeof kb - 1;
	memcpy(kb, s, kn);
	kb[kn] = 0;
	for (size_t m = 0; m < kn; m++)
		if (kb[m] < 0x20 || kb[m] == 0x7f)
			kb[m] = '?';
	return fail_at(c, k, "unknown key ", dotted(buf, sizeof buf, parent, kb),
		       "");
}

#define N(a) (sizeof(a) / sizeof *(a))

/* value of key in obj or -1; reports a deprecated alias */
static int get(struct pctx *c, int obj, const char *key)
{
	return json_obj_get(&c->d, obj, key);
}

/* The entry key of a conditional element of list `key` (spec §3.2):
 * "path" in path lists, "name" in command lists, "origin" in
 * open_urls.allow_origins; NULL where lists hold plain strings only. */
static const char *entry_key(const char *key)
{
	if (!strncmp(key, "filesystem.", 11) ||
	    (!strncmp(key, "policy.", 7) && strcmp(key, "policy.exclude_groups") &&
	     strcmp(key, "policy.add_deny_commands")))
		return "path";
	if (!strncmp(key, "commands.", 9) ||
	    !strcmp(key, "security.allowed_commands") ||
	    !strcmp(key, "policy.add_deny_commands"))
		return "name";
	if (!strcmp(key, "open_urls.allow_origins"))
		return "origin";
	return NULL;
}

/* when: one predicate or an array (any one matching). 1 holds, 0 not,
 * -1 error. */
static int take_when(struct pctx *c, int w, const char *key)
{
	int k, j, hit = 0, one = json_is_str(&c->d, w);

	if (!one && !json_is_arr(&c->d, w))
		return fail_at(c, w, "", key, ": 'when' must be a predicate "
			       "string or an array of them");
	for (k = 0, j = one ? w : w + 1; one ? k < 1 : k < json_count(&c->d, w);
	     k++, j = json_skip(&c->d, j)) {
		size_t n;
		const char *s;
		int m;
		if (!json_is_str(&c->d, j))
			return fail_at(c, j, "", key, ": 'when' must be a "
				       "predicate string or an array of them");
		s = (const char *)json_str(&c->d, j, &n);
		if ((m = when_match(s, n, c->os)) < 0)
			return fail_at(c, j, "", key, ": invalid 'when' "
				       "predicate (linux[:id[:version[:variant]]]"
				       ", macos[:version], windows[:version"
				       "[:build]], '!' negates)");
		hit |= m;
	}
	return hit;
}

/* {"<ek>": string, "when": ...}: 1 with *out when the predicate holds,
 * 0 when it does not (the entry is dropped), -1 on error. */
static int take_cond(struct pctx *c, int o, const char *key, const char *ek,
		     const char **out)
{
	const char *const K[] = { ek, "when" };
	int v = get(c, o, ek), w = get(c, o, "when"), hit;

	if (known_keys(c, o, key, K, 2) < 0)
		return -1;
	if (v < 0 || w < 0)
		return fail_at(c, o, "", key, ek[0] == 'p'
			       ? ": a conditional entry needs 'path' and 'when'"
			       : ek[0] == 'n'
			       ? ": a conditional entry needs 'name' and 'when'"
			       : ": a conditional entry needs 'origin' and "
				 "'when'");
	if ((hit = take_when(c, w, key)) <= 0)
		return hit;
	return (*out = take_str(c, v, key)) ? 1 : -1;
}

static int take_list(struct pctx *c, int i, const char *key, struct plist *l)
{
	const char *ek = entry_key(key);
	int k, j;

	if (!json_is_arr(&c->d, i))
		return fail_at(c, i, "", key, " must be an array of strings");
	for (k = 0, j = i + 1; k < json_count(&c->d, i);
	     k++, j = json_skip(&c->d, j)) {
		const char *s = NULL;
		if (ek && json_is_obj(&c->d, j)) {
			int r = take_cond(c, j, key, ek, &s);
			if (r < 0)
				return -1;
			if (r == 0)
				continue;
		} else if (!(s = take_str(c, j, key))) {
			return -1;
		}
		if (plist_add(l, s) < 0)
			return fail_at(c, j, "", key, ": too many entries");
	}
	return 0;
}

/* value under key or one of its aliases (the first present wins; two
 * present is an error) */
static int get_alias(struct pctx *c, int obj, const char *parent,
		     const char *const *names, size_t n)
{
	int found = -1;
	char buf[128];

	for (size_t k = 0; k < n; k++) {
		int v = get(c, obj, names[k]);
		if (v < 0)
			continue;
		if (found >= 0)
			return fail_at(c, v, "key ",
				       dotted(buf, sizeof buf, parent,
					      names[k]),
				       " repeats an alias given earlier") - 1;
		found = v;
	}
	return found;
}

static int deprecated(struct pctx *c, const char *old, const char *new)
{
	size_t start = c->arena->len;
	struct nbuf *a = c->arena;

	if (nbuf_put(a, old, strlen(old)) < 0 || nbuf_put(a, "\t", 1) < 0 ||
	    nbuf_put(a, new, strlen(new) + 1) < 0) {
		a->len = start;
		return fail_at(c, -1, "profile too large", NULL, "");
	}
	if (plist_add(&c->p->deprecated, (const char *)a->p + start) < 0)
		return fail_at(c, -1, "too many deprecated keys", NULL, "");
	return 0;
}

/* ---- sections ---- */

static int parse_meta(struct pctx *c, int o)
{
	static const char *const K[] = { "name", "version", "description",
					 "author" };
	const char **dst[] = { &c->p->name, &c->p->version,
			       &c->p->description, &c->p->author };
	char buf[64];

	if (is_obj(c, o, "meta") < 0 || known_keys(c, o, "meta", K, N(K)) < 0)
		return -1;
	for (size_t k = 0; k < N(K); k++) {
		int v = get(c, o, K[k]);
		if (v >= 0 && !(*dst[k] = take_str(c, v,
				dotted(buf, sizeof buf, "meta", K[k]))))
			return -1;
	}
	return 0;
}

static const char *const SIGNAL[] = { "isolated", "allow_same_sandbox",
				      "allow_all" };
static const char *const IPC[] = { "shared_memory_only", "full" };

static int parse_security(struct pctx *c, int o)
{
	static const char *const K[] = { "signal_mode", "process_info_mode",
		"ipc_mode", "capability_elevation", "wsl2_proxy_policy",
		"groups", "allowed_commands" };
	static const char *const WSL[] = { "error", "insecure_proxy" };
	struct profile *p = c->p;
	int v;

	if (is_obj(c, o, "security") < 0 ||
	    known_keys(c, o, "security", K, N(K)) < 0)
		return -1;
	if ((v = get(c, o, "signal_mode")) >= 0 &&
	    !(p->signal_mode = (uint8_t)take_enum(c, v, "security.signal_mode",
						  SIGNAL, N(SIGNAL))))
		return -1;
	if ((v = get(c, o, "process_info_mode")) >= 0 &&
	    !(p->process_info_mode = (uint8_t)take_enum(c, v,
			"security.process_info_mode", SIGNAL, N(SIGNAL))))
		return -1;
	if ((v = get(c, o, "ipc_mode")) >= 0 &&
	    !(p->ipc_mode = (uint8_t)take_enum(c, v, "security.ipc_mode", IPC,
					       N(IPC))))
		return -1;
	if ((v = get(c, o, "capability_elevation")) >= 0) {
		uint8_t b = 0;
		if (take_bool(c, v, "security.capability_elevation", &b) < 0)
			return -1;
		p->capability_elevation = (uint8_t)(b + 1);
		if (b)
			p->features |= PFEAT_CAP_ELEVATION;
	}
	if ((v = get(c, o, "wsl2_proxy_policy")) >= 0 &&
	    !take_enum(c, v, "security.wsl2_proxy_policy", WSL, N(WSL)))
		return -1;
	if ((v = get(c, o, "groups")) >= 0 &&
	    take_list(c, v, "security.groups", &p->groups_include) < 0)
		return -1;
	if ((v = get(c, o, "allowed_commands")) >= 0 &&
	    take_list(c, v, "security.allowed_commands", &p->cmd_allow) < 0)
		return -1;
	return 0;
}

static int parse_pair(struct pctx *c, int o, const char *sect,
		      const char *a, struct plist *la, const char *b,
		      struct plist *lb)
{
	const char *const K[] = { a, b };
	char buf[64];
	int v;

	if (is_obj(c, o, sect) < 0 || known_keys(c, o, sect, K, 2) < 0)
		return -1;
	if ((v = get(c, o, a)) >= 0 &&
	    take_list(c, v, dotted(buf, sizeof buf, sect, a), la) < 0)
		return -1;
	if ((v = get(c, o, b)) >= 0 &&
	    take_list(c, v, dotted(buf, sizeof buf, sect, b), lb) < 0)
		return -1;
	return 0;
}

const char *const profile_fs_keys[PF_NLISTS] = {
	"allow", "read", "write", "allow_file", "read_file", "write_file",
	"unix_socket", "unix_socket_bind", "unix_socket_dir",
	"unix_socket_dir_bind", "unix_socket_subtree",
	"unix_socket_subtree_bind", "deny", "bypass_protection",
	"suppress_save_prompt",
};

static int parse_filesystem(struct pctx *c, int o)
{
	const char *K[PF_NLISTS + 1];
	char buf[64];

	memcpy(K, profile_fs_keys, sizeof profile_fs_keys);
	K[PF_NLISTS] = "ignore";
	if (is_obj(c, o, "filesystem") < 0 ||
	    known_keys(c, o, "filesystem", K, N(K)) < 0)
		return -1;
	for (size_t k = 0; k < PF_NLISTS; k++) {
		int v = k == PF_SUPPRESS
			? get_alias(c, o, "filesystem", K + PF_SUPPRESS, 2)
			: get(c, o, K[k]);
		if (v < -1)
			return -1;
		if (v >= 0 && take_list(c, v, dotted(buf, sizeof buf,
				"filesystem", K[k]), &c->p->fs[k]) < 0)
			return -1;
	}
	return 0;
}

/* the legacy "policy" block, moved into the modern keys */
static int parse_policy(struct pctx *c, int o)
{
	static const char *const K[] = { "exclude_groups", "add_allow_read",
		"add_allow_write", "add_allow_readwrite", "add_deny_access",
		"add_deny_commands", "override_deny" };
	static const char *const NEW[] = { "groups.exclude", "filesystem.read",
		"filesystem.write", "filesystem.allow", "filesystem.deny",
		"commands.deny", "filesystem.bypass_protection" };
	struct profile *p = c->p;
	struct plist *dst[] = { &p->groups_exclude, &p->fs[PF_READ],
		&p->fs[PF_WRITE], &p->fs[PF_ALLOW], &p->fs[PF_DENY],
		&p->cmd_deny, &p->fs[PF_BYPASS] };
	char buf[64];

	if (is_obj(c, o, "policy") < 0 || known_keys(c, o, "policy", K, N(K)) < 0)
		return -1;
	for (size_t k = 0; k < N(K); k++) {
		int v = get(c, o, K[k]);
		if (v < 0)
			continue;
		if (take_list(c, v, dotted(buf, sizeof buf, "policy", K[k]),
			      dst[k]) < 0 ||
		    deprecated(c, K[k], NEW[k]) < 0)
			return -1;
	}
	return 0;
}

static int parse_domains(struct pctx *c, int a)
{
	static const char *const KD[] = { "domain", "endpoints" };
	int k, j;

	if (!json_is_arr(&c->d, a))
		return fail_at(c, a, "", "network.allow_domain",
			       " must be an array");
	for (k = 0, j = a + 1; k < json_count(&c->d, a);
	     k++, j = json_skip(&c->d, j)) {
		const char *s;
		int v = j;
		if (json_is_obj(&c->d, j)) {
			if (known_keys(c, j, "network.allow_domain", KD, 2) < 0)
				return -1;
			v = get(c, j, "domain");
			if (v < 0)
				return fail_at(c, j, "", "network.allow_domain",
					       ": an object needs 'domain'");
			if (get(c, j, "endpoints") >= 0 &&
			    !json_is_arr(&c->d, get(c, j, "endpoints")))
				return fail_at(c, j, "",
					"network.allow_domain.endpoints",
					" must be an array");
		}
		if (!(s = take_str(c, v, "network.allow_domain")))
			return -1;
		if (!s[0])
			return fail_at(c, v, "", "network.allow_domain",
				       ": empty domain");
		if (plist_add(&c->p->allow_domain, s) < 0)
			return fail_at(c, v, "", "network.allow_domain",
				       ": too many entries");
	}
	return 0;
}

static int parse_network(struct pctx *c, int o)
{
	static const char *const K[] = { "block", "allow_http2",
		"network_profile", "allow_domain", "proxy_allow", "allow_proxy",
		"credentials", "proxy_credentials", "open_port", "port_allow",
		"allow_port", "listen_port", "connect_port",
		"custom_credentials", "tls_intercept", "upstream_proxy",
		"external_proxy", "upstream_bypass", "external_proxy_bypass" };
	struct profile *p = c->p;
	int v;

	if (is_obj(c, o, "network") < 0 ||
	    known_keys(c, o, "network", K, N(K)) < 0)
		return -1;
	if ((v = get(c, o, "block")) >= 0 &&
	    take_bool(c, v, "network.block", &p->net_block) < 0)
		return -1;
	if ((v = get(c, o, "allow_http2")) >= 0) {
		uint8_t b = 0;
		if (take_bool(c, v, "network.allow_http2", &b) < 0)
			return -1;
		if (b)
			p->features |= PFEAT_ALLOW_HTTP2;
	}
	if ((v = get(c, o, "network_profile")) >= 0) {
		if (json_is_null(&c->d, v)) {
			p->network_profile_state = TRI_NULL;
		} else {
			if (!(p->network_profile = take_str(c, v,
					"network.network_profile")))
				return -1;
			p->network_profile_state = TRI_SET;
		}
	}
	if ((v = get_alias(c, o, "network", K + 3, 3)) < -1 ||
	    (v >= 0 && parse_domains(c, v) < 0))
		return -1;
	if ((v = get_alias(c, o, "network", K + 6, 2)) < -1)
		return -1;
	if (v >= 0) {
		if (take_list(c, v, "network.credentials", &p->credentials) < 0)
			return -1;
		p->credentials_state = TRI_SET;
	}
	if ((v = get_alias(c, o, "network", K + 8, 3)) < -1 ||
	    (v >= 0 && take_ports(c, v, "network.open_port",
				  &p->open_port) < 0))
		return -1;
	if ((v = get(c, o, "listen_port")) >= 0 &&
	    take_ports(c, v, "network.listen_port", &p->listen_port) < 0)
		return -1;
	if ((v = get(c, o, "connect_port")) >= 0 &&
	    take_ports(c, v, "network.connect_port", &p->connect_port) < 0)
		return -1;
	if ((v = get(c, o, "custom_credentials")) >= 0) {
		if (is_obj(c, v, "network.custom_credentials") < 0)
			return -1;
		if (json_count(&c->d, v))
			p->features |= PFEAT_CUSTOM_CREDS;
	}
	if ((v = get(c, o, "tls_intercept")) >= 0) {
		if (is_obj(c, v, "network.tls_intercept") < 0)
			return -1;
		p->features |= PFEAT_TLS_INTERCEPT;
	}
	if ((v = get_alias(c, o, "network", K + 15, 2)) < -1 ||
	    (v >= 0 && !(p->upstream_proxy = take_str(c, v,
					"network.upstream_proxy"))))
		return -1;
	if ((v = get_alias(c, o, "network", K + 17, 2)) < -1 ||
	    (v >= 0 && take_list(c, v, "network.upstream_bypass",
				 &p->upstream_bypass) < 0))
		return -1;
	return 0;
}

static int parse_environment(struct pctx *c, int o)
{
	static const char *const K[] = { "allow_vars", "deny_vars",
					 "set_vars" };
	struct profile *p = c->p;
	int v, k, j;

	if (is_obj(c, o, "environment") < 0 ||
	    known_keys(c, o, "environment", K, N(K)) < 0)
		return -1;
	p->has_environment = 1;
	if ((v = get(c, o, "allow_vars")) >= 0 &&
	    take_list(c, v, "environment.allow_vars", &p->env_allow) < 0)
		return -1;
	if ((v = get(c, o, "deny_vars")) >= 0 &&
	    take_list(c, v, "environment.deny_vars", &p->env_deny) < 0)
		return -1;
	if ((v = get(c, o, "set_vars")) < 0)
		return 0;
	if (is_obj(c, v, "environment.set_vars") < 0)
		return -1;
	for (k = 0, j = v + 1; k < json_count(&c->d, v);
	     k++, j = json_skip(&c->d, j + 1)) {
		size_t start = c->arena->len, kn;
		const uint8_t *ks = json_str(&c->d, j, &kn);
		const char *val;
		if (!json_is_str(&c->d, j + 1))
			return fail_at(c, j + 1, "", "environment.set_vars",
				       " values must be strings");
		if (json_unescape(c->arena, ks, kn) < 0 ||
		    nbuf_putc(c->arena, '=') < 0)
			return fail_at(c, j, "profile too large", NULL, "");
		for (size_t m = start; m + 1 < c->arena->len; m++) {
			uint8_t ch = c->arena->p[m];
			if (!(ch == '_' || (ch >= 'A' && ch <= 'Z') ||
			      (ch >= 'a' && ch <= 'z') ||
			      (m > start && ch >= '0' && ch <= '9')))
				return fail_at(c, j, "",
					"environment.set_vars",
					": invalid variable name");
		}
		if (c->arena->len - start < 2)
			return fail_at(c, j, "", "environment.set_vars",
				       ": invalid variable name");
		/* value: unescaped right after "NAME=" */
		{
			size_t vn;
			const uint8_t *vs = json_str(&c->d, j + 1, &vn);
			size_t vstart = c->arena->len;
			if (json_unescape(c->arena, vs, vn) < 0 ||
			    nbuf_putc(c->arena, 0) < 0)
				return fail_at(c, j, "profile too large", NULL,
					       "");
			if (memchr(c->arena->p + vstart, 0,
				   c->arena->len - vstart - 1))
				return fail_at(c, j + 1, "",
					"environment.set_vars",
					" contains a NUL character");
		}
		val = (const char *)c->arena->p + start;
		if (plist_add(&p->env_set, val) < 0)
			return fail_at(c, j, "", "environment.set_vars",
				       ": too many entries");
	}
	return 0;
}

static int parse_linux(struct pctx *c, int o)
{
	static const char *const K[] = { "af_unix_mediation",
					 "sandbox_policy" };
	static const char *const AF[] = { "off", "pathname" };
	static const char *const SP[] = { "auto", "landlock", "external" };
	int v, x;

	if (is_obj(c, o, "linux") < 0 || known_keys(c, o, "linux", K, 2) < 0)
		return -1;
	if ((v = get(c, o, "af_unix_mediation")) >= 0) {
		if (!(x = take_enum(c, v, "linux.af_unix_mediation", AF, 2)))
			return -1;
		c->p->af_unix_mediation = AF[x - 1];
	}
	if ((v = get(c, o, "sandbox_policy")) >= 0) {
		if (!(x = take_enum(c, v, "linux.sandbox_policy", SP, 3)))
			return -1;
		c->p->sandbox_policy = SP[x - 1];
	}
	return 0;
}

static int parse_workdir(struct pctx *c, int o)
{
	static const char *const K[] = { "access" };
	static const char *const A[] = { "none", "read", "write",
					 "readwrite" };
	int v, x;

	if (is_obj(c, o, "workdir") < 0 || known_keys(c, o, "workdir", K, 1) < 0)
		return -1;
	if ((v = get(c, o, "access")) < 0)
		return 0;
	if (!(x = take_enum(c, v, "workdir.access", A, 4)))
		return -1;
	c->p->workdir = (uint8_t)(WD_NONE + x - 1);
	return 0;
}

static int parse_rollback(struct pctx *c, int o)
{
	struct profile *p = c->p;

	if (parse_pair(c, o, "rollback", "exclude_patterns",
		       &p->rollback_patterns, "exclude_globs",
		       &p->rollback_globs) < 0)
		return -1;
	p->features |= PFEAT_ROLLBACK;
	return 0;
}

static int parse_open_urls(struct pctx *c, int o)
{
	static const char *const K[] = { "allow_origins", "allow_localhost" };
	struct plist tmp;
	uint8_t b;
	int v;

	if (is_obj(c, o, "open_urls") < 0 ||
	    known_keys(c, o, "open_urls", K, 2) < 0)
		return -1;
	tmp.n = 0;
	if ((v = get(c, o, "allow_origins")) >= 0 &&
	    take_list(c, v, "open_urls.allow_origins", &tmp) < 0)
		return -1;
	if ((v = get(c, o, "allow_localhost")) >= 0 &&
	    take_bool(c, v, "open_urls.allow_localhost", &b) < 0)
		return -1;
	c->p->features |= PFEAT_OPEN_URLS;
	return 0;
}

/* objects whose inner shape this build does not interpret */
static int opaque_obj(struct pctx *c, int v, const char *key, uint32_t feat)
{
	if (is_obj(c, v, key) < 0)
		return -1;
	if (json_count(&c->d, v))
		c->p->features |= feat;
	return 0;
}

static int parse_top(struct pctx *c)
{
	static const char *const K[] = { "$schema", "extends", "meta",
		"security", "groups", "commands", "filesystem", "policy",
		"network", "diagnostics", "linux", "env_credentials", "secrets",
		"environment", "command_policies", "credential_capture",
		"workdir", "hooks", "session_hooks", "rollback", "undo",
		"open_urls", "allow_launch_services", "allow_gpu",
		"allow_parent_of_protected", "interactive", "skipdirs", "packs",
		"binary", "command_args", "brokered_commands",
		"unsafe_macos_seatbelt_rules" };
	struct profile *p = c->p;
	struct plist tmp;
	uint8_t b;
	int v;

	if (!json_is_obj(&c->d, 0))
		return fail_at(c, 0, "a profile must be a JSON object", NULL,
			       "");
	if (known_keys(c, 0, NULL, K, N(K)) < 0)
		return -1;
	if ((v = get(c, 0, "$schema")) >= 0 && !take_str(c, v, "$schema"))
		return -1;
	if ((v = get(c, 0, "extends")) >= 0) {
		if (json_is_str(&c->d, v)) {
			const char *s = take_str(c, v, "extends");
			if (!s || plist_add(&p->extends, s) < 0)
				return -1;
		} else if (take_list(c, v, "extends", &p->extends) < 0) {
			return -1;
		}
	}
	if ((v = get(c, 0, "meta")) >= 0 && parse_meta(c, v) < 0)
		return -1;
	if ((v = get(c, 0, "security")) >= 0 && parse_security(c, v) < 0)
		return -1;
	if ((v = get(c, 0, "groups")) >= 0 &&
	    parse_pair(c, v, "groups", "include", &p->groups_include,
		       "exclude", &p->groups_exclude) < 0)
		return -1;
	if ((v = get(c, 0, "commands")) >= 0 &&
	    parse_pair(c, v, "commands", "allow", &p->cmd_allow, "deny",
		       &p->cmd_deny) < 0)
		return -1;
	if ((v = get(c, 0, "filesystem")) >= 0 && parse_filesystem(c, v) < 0)
		return -1;
	if ((v = get(c, 0, "policy")) >= 0 && parse_policy(c, v) < 0)
		return -1;
	if ((v = get(c, 0, "network")) >= 0 && parse_network(c, v) < 0)
		return -1;
	if ((v = get(c, 0, "diagnostics")) >= 0) {
		static const char *const KD[] = { "suppress_system_services" };
		if (is_obj(c, v, "diagnostics") < 0 ||
		    known_keys(c, v, "diagnostics", KD, 1) < 0)
			return -1;
	}
	if ((v = get(c, 0, "linux")) >= 0 && parse_linux(c, v) < 0)
		return -1;
	if ((v = get_alias(c, 0, NULL, K + 11, 2)) < -1 ||
	    (v >= 0 && opaque_obj(c, v, "env_credentials",
				  PFEAT_ENV_CREDENTIALS) < 0))
		return -1;
	if ((v = get(c, 0, "environment")) >= 0 && parse_environment(c, v) < 0)
		return -1;
	if ((v = get(c, 0, "command_policies")) >= 0)
		p->features |= PFEAT_COMMAND_POLICIES;
	if ((v = get(c, 0, "credential_capture")) >= 0)
		p->features |= PFEAT_CRED_CAPTURE;
	if ((v = get(c, 0, "workdir")) >= 0 && parse_workdir(c, v) < 0)
		return -1;
	if ((v = get(c, 0, "hooks")) >= 0 &&
	    opaque_obj(c, v, "hooks", PFEAT_HOOKS) < 0)
		return -1;
	if ((v = get(c, 0, "session_hooks")) >= 0 &&
	    opaque_obj(c, v, "session_hooks", PFEAT_SESSION_HOOKS) < 0)
		return -1;
	if ((v = get_alias(c, 0, NULL, K + 19, 2)) < -1 ||
	    (v >= 0 && parse_rollback(c, v) < 0))
		return -1;
	if ((v = get(c, 0, "open_urls")) >= 0 && parse_open_urls(c, v) < 0)
		return -1;
	if ((v = get(c, 0, "allow_launch_services")) >= 0 &&
	    take_bool(c, v, "allow_launch_services", &b) < 0)
		return -1;
	if ((v = get(c, 0, "allow_parent_of_protected")) >= 0 &&
	    take_bool(c, v, "allow_parent_of_protected", &b) < 0)
		return -1;
	if ((v = get(c, 0, "allow_gpu")) >= 0 &&
	    take_bool(c, v, "allow_gpu", &p->allow_gpu) < 0)
		return -1;
	if ((v = get(c, 0, "interactive")) >= 0 &&
	    take_bool(c, v, "interactive", &p->interactive) < 0)
		return -1;
	if ((v = get(c, 0, "skipdirs")) >= 0 &&
	    take_list(c, v, "skipdirs", &p->skipdirs) < 0)
		return -1;
	if ((v = get(c, 0, "packs")) >= 0) {
		tmp.n = 0;
		if (take_list(c, v, "packs", &tmp) < 0)
			return -1;
		if (tmp.n)
			p->features |= PFEAT_PACKS;
	}
	if ((v = get(c, 0, "binary")) >= 0) {
		if (!(p->binary = take_str(c, v, "binary")))
			return -1;
		p->features |= PFEAT_BINARY;
	}
	if ((v = get_alias(c, 0, NULL, K + 29, 2)) < -1 ||
	    (v >= 0 && take_list(c, v, "command_args", &p->command_args) < 0))
		return -1;
	if (p->command_args.n)
		p->features |= PFEAT_COMMAND_ARGS;
	if ((v = get(c, 0, "unsafe_macos_seatbelt_rules")) >= 0) {
		tmp.n = 0;
		if (take_list(c, v, "unsafe_macos_seatbelt_rules", &tmp) < 0)
			return -1;
	}
	if (p->network_profile_state == TRI_SET)
		p->features |= PFEAT_NETWORK_PROFILE;
	if (p->allow_domain.n)
		p->features |= PFEAT_ALLOW_DOMAIN;
	if (p->credentials.n)
		p->features |= PFEAT_CREDENTIALS;
	if (p->upstream_proxy)
		p->features |= PFEAT_UPSTREAM_PROXY;
	return 0;
}

int profile_parse(struct profile *p, const uint8_t *text, size_t n,
		  const struct os_facts *os, struct nbuf *arena,
		  struct prof_err *e)
{
	struct pctx c;
	struct json_err je;
	size_t mark, bad, ntok;
	uint8_t *js;
	jsmntok_t *tok;
	int rc;

	profile_init(p);
	e->msg[0] = 0;
	e->line = 0;
	c.arena = arena;
	c.p = p;
	c.e = e;
	c.os = os;
	c.d.ntok = 0;
	if (n > (1u << 20)) {
		fail_at(&c, -1, "profile larger than 1 MiB", NULL, "");
		return -1;
	}
	/* scratch at the end of the arena: the JSON copy and tokens */
	ntok = json_tokens_for(n);
	mark = arena->len;
	js = nbuf_alloc(arena, n ? n : 1, 1);
	tok = js ? nbuf_alloc(arena, ntok * sizeof *tok, sizeof(void *)) : NULL;
	if (!js || !tok) {
		arena->len = mark;
		fail_at(&c, -1, "profile too large", NULL, "");
		return -1;
	}
	if (jsonc_to_json(text, n, js, &bad) < 0) {
		size_t col;
		json_line_col(text, n, bad, &e->line, &col);
		memcpy(e->msg, "unterminated comment or string",
		       sizeof "unterminated comment or string");
		arena->len = mark;
		return -1;
	}
	if (json_parse(&c.d, js, n, tok, (unsigned)ntok, &je) < 0) {
		size_t col;
		struct nbuf m;
		json_line_col(js, n, je.offset, &e->line, &col);
		nbuf_init(&m, (uint8_t *)e->msg, sizeof e->msg - 1);
		put(&m, je.msg && !strncmp(je.msg, "invalid JSON", 12)
			? "" : "invalid JSON: ");
		put(&m, je.msg ? je.msg : "syntax error");
		e->msg[m.len] = 0;
		arena->len = mark;
		return -1;
	}
	rc = parse_top(&c);
	if (rc < 0)
		arena->len = mark;
	return rc;
}
