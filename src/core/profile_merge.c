/*
 * Profile inheritance and finalization (spec/profiles.md §4-§5): the
 * merge of a base with a child, and the effective group list.
 */
#include "profile.h"

#include <string.h>

void profile_init(struct profile *p)
{
	memset(p, 0, sizeof *p);
}

int plist_has(const struct plist *l, const char *s)
{
	for (uint16_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return 1;
	return 0;
}

int plist_add(struct plist *l, const char *s)
{
	if (plist_has(l, s))
		return 0;
	if (l->n >= PROF_LIST_MAX)
		return -1;
	l->v[l->n++] = s;
	return 0;
}

int profile_name_valid(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > PROF_NAME_MAX || name[0] == '-' || name[n - 1] == '-')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	return 1;
}

static int fail(struct prof_err *e, const char *what)
{
	size_t n = strlen(what);

	if (n >= sizeof e->msg)
		n = sizeof e->msg - 1;
	memcpy(e->msg, what, n);
	e->msg[n] = 0;
	e->line = 0;
	return -1;
}

/* out = a then b, each once */
static int cat(struct plist *out, const struct plist *a, const struct plist *b)
{
	struct plist r;

	r.n = 0;
	for (uint16_t i = 0; i < a->n; i++)
		if (plist_add(&r, a->v[i]) < 0)
			return -1;
	for (uint16_t i = 0; i < b->n; i++)
		if (plist_add(&r, b->v[i]) < 0)
			return -1;
	*out = r;
	return 0;
}

static int cat_ports(struct pports *out, const struct pports *a,
		     const struct pports *b)
{
	struct pports r = *a;

	for (uint16_t i = 0; i < b->n; i++) {
		int dup = 0;
		for (uint16_t k = 0; k < r.n; k++)
			dup |= r.v[k] == b->v[i];
		if (dup)
			continue;
		if (r.n >= PROF_LIST_MAX)
			return -1;
		r.v[r.n++] = b->v[i];
	}
	*out = r;
	return 0;
}

static size_t name_len(const char *kv)
{
	const char *eq = strchr(kv, '=');
	return eq ? (size_t)(eq - kv) : strlen(kv);
}

/* set_vars: one entry per name; the child's wins, in the base's order */
static int merge_set(struct plist *out, const struct plist *a,
		     const struct plist *b)
{
	struct plist r = *a;

	for (uint16_t i = 0; i < b->n; i++) {
		size_t n = name_len(b->v[i]);
		uint16_t k;
		for (k = 0; k < r.n; k++)
			if (name_len(r.v[k]) == n &&
			    !memcmp(r.v[k], b->v[i], n))
				break;
		if (k < r.n) {
			r.v[k] = b->v[i];
			continue;
		}
		if (r.n >= PROF_LIST_MAX)
			return -1;
		r.v[r.n++] = b->v[i];
	}
	*out = r;
	return 0;
}

#define PICK(f) (c->f ? c->f : b->f)

int profile_merge(struct profile *out, const struct profile *b,
		  const struct profile *c, struct prof_err *e)
{
	struct profile *o = out;
	int rc = 0;

	/* each field of out depends only on the same field of b and c, so
	 * out may be b (folding a chain in place) */
	o->name = c->name;
	o->description = c->description;
	o->version = c->version;
	o->author = c->author;
	o->extends = c->extends;
	rc |= cat(&o->groups_include, &b->groups_include, &c->groups_include);
	rc |= cat(&o->groups_exclude, &b->groups_exclude, &c->groups_exclude);
	rc |= cat(&o->cmd_allow, &b->cmd_allow, &c->cmd_allow);
	rc |= cat(&o->cmd_deny, &b->cmd_deny, &c->cmd_deny);
	for (int k = 0; k < PF_NLISTS; k++)
		rc |= cat(&o->fs[k], &b->fs[k], &c->fs[k]);
	o->signal_mode = PICK(signal_mode);
	o->process_info_mode = PICK(process_info_mode);
	o->ipc_mode = PICK(ipc_mode);
	o->capability_elevation = PICK(capability_elevation);
	o->net_block = b->net_block | c->net_block;
	if (c->network_profile_state == TRI_ABSENT) {
		o->network_profile_state = b->network_profile_state;
		o->network_profile = b->network_profile;
	} else {
		o->network_profile_state = c->network_profile_state;
		o->network_profile = c->network_profile;
	}
	rc |= cat(&o->allow_domain, &b->allow_domain, &c->allow_domain);
	if (c->credentials_state == TRI_ABSENT) {
		o->credentials_state = b->credentials_state;
		o->credentials = b->credentials;
	} else if (c->credentials.n == 0) {
		o->credentials_state = TRI_SET;
		o->credentials.n = 0;
	} else {
		o->credentials_state = TRI_SET;
		rc |= cat(&o->credentials, &b->credentials, &c->credentials);
	}
	rc |= cat_ports(&o->open_port, &b->open_port, &c->open_port);
	rc |= cat_ports(&o->listen_port, &b->listen_port, &c->listen_port);
	rc |= cat_ports(&o->connect_port, &b->connect_port, &c->connect_port);
	o->upstream_proxy = PICK(upstream_proxy);
	rc |= cat(&o->upstream_bypass, &b->upstream_bypass, &c->upstream_bypass);
	o->has_environment = b->has_environment | c->has_environment;
	rc |= cat(&o->env_allow, &b->env_allow, &c->env_allow);
	rc |= cat(&o->env_deny, &b->env_deny, &c->env_deny);
	rc |= merge_set(&o->env_set, &b->env_set, &c->env_set);
	if (c->workdir == WD_UNSET ||
	    (c->workdir == WD_NONE && b->workdir > WD_NONE))
		o->workdir = b->workdir;
	else
		o->workdir = c->workdir;
	o->af_unix_mediation = PICK(af_unix_mediation);
	o->sandbox_policy = PICK(sandbox_policy);
	o->allow_gpu = b->allow_gpu | c->allow_gpu;
	o->interactive = b->interactive | c->interactive;
	rc |= cat(&o->skipdirs, &b->skipdirs, &c->skipdirs);
	rc |= cat(&o->rollback_patterns, &b->rollback_patterns,
		  &c->rollback_patterns);
	rc |= cat(&o->rollback_globs, &b->rollback_globs, &c->rollback_globs);
	o->binary = PICK(binary);
	rc |= cat(&o->command_args, &b->command_args, &c->command_args);
	rc |= cat(&o->deprecated, &b->deprecated, &c->deprecated);
	o->features = b->features | c->features;
	/* the three-state keys decide their feature bit after the merge */
	o->features &= ~(uint32_t)(PFEAT_NETWORK_PROFILE | PFEAT_CREDENTIALS);
	if (o->network_profile_state == TRI_SET)
		o->features |= PFEAT_NETWORK_PROFILE;
	if (o->credentials.n)
		o->features |= PFEAT_CREDENTIALS;
	return rc ? fail(e, "profile merge: a list has more than 128 entries")
		  : 0;
}

int profile_groups(const struct profile *p, const char *const *default_groups,
		   int (*is_required)(const char *name), struct plist *out,
		   struct prof_err *e)
{
	struct plist all;
	size_t m = 0;
	char *w = e->msg;

	all.n = 0;
	out->n = 0;
	/* excluding a required group is an error, listing every such one */
	for (uint16_t i = 0; i < p->groups_exclude.n; i++) {
		const char *g = p->groups_exclude.v[i];
		size_t n = strlen(g);
		if (!is_required(g))
			continue;
		if (m == 0) {
			memcpy(w, "Cannot exclude required groups: ", 32);
			m = 32;
		} else if (m + 2 < sizeof e->msg) {
			memcpy(w + m, ", ", 2);
			m += 2;
		}
		if (m + n + 3 < sizeof e->msg) {
			w[m++] = '\'';
			memcpy(w + m, g, n);
			m += n;
			w[m++] = '\'';
		}
	}
	if (m) {
		w[m] = 0;
		e->line = 0;
		return -1;
	}
	if (!(p->name && !strcmp(p->name, "default")))
		for (size_t i = 0; default_groups[i]; i++)
			if (plist_add(&all, default_groups[i]) < 0)
				return fail(e, "too many groups");
	for (uint16_t i = 0; i < p->groups_include.n; i++)
		if (plist_add(&all, p->groups_include.v[i]) < 0)
			return fail(e, "too many groups");
	for (uint16_t i = 0; i < all.n; i++)
		if (!plist_has(&p->groups_exclude, all.v[i]))
			out->v[out->n++] = all.v[i];
	return 0;
}
