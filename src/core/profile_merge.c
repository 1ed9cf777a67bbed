/*
 * Profile inheritance (spec/profiles.md §4): the merge of a base with a
 * child, field by field. The list operations it calls (plist.c) and the
 * group expansion (profile_groups.c) are proved by `make prove`; this
 * assembly is not (proofs/README.md says why), its contracts are checked
 * by the unit tests and fuzz_profile.
 */
#include "profile.h"

#include <string.h>

void profile_init(struct profile *p)
{
	memset(p, 0, sizeof *p);
}

/* the tri-state, OR-merged and scalar keys */
/*@ requires \valid(o) && \valid_read(b) && \valid_read(c);
    requires \separated(o, b) && \separated(o, c);
    assigns o->name, o->description, o->version, o->author,
            o->signal_mode, o->process_info_mode, o->ipc_mode,
            o->capability_elevation, o->net_block,
            o->network_profile_state, o->network_profile,
            o->credentials_state, o->upstream_proxy, o->has_environment,
            o->workdir, o->af_unix_mediation, o->sandbox_policy,
            o->allow_gpu, o->interactive, o->binary;
 */
static void merge_scalars(struct profile *o, const struct profile *b,
			  const struct profile *c)
{
	o->name = c->name;
	o->description = c->description;
	o->version = c->version;
	o->author = c->author;
	o->signal_mode = c->signal_mode ? c->signal_mode : b->signal_mode;
	o->process_info_mode = c->process_info_mode ? c->process_info_mode
						    : b->process_info_mode;
	o->ipc_mode = c->ipc_mode ? c->ipc_mode : b->ipc_mode;
	o->capability_elevation = c->capability_elevation
				  ? c->capability_elevation
				  : b->capability_elevation;
	o->net_block = b->net_block | c->net_block;
	if (c->network_profile_state == TRI_ABSENT) {
		o->network_profile_state = b->network_profile_state;
		o->network_profile = b->network_profile;
	} else {
		o->network_profile_state = c->network_profile_state;
		o->network_profile = c->network_profile;
	}
	o->credentials_state = c->credentials_state == TRI_ABSENT
			       ? b->credentials_state : TRI_SET;
	o->upstream_proxy = c->upstream_proxy ? c->upstream_proxy
					      : b->upstream_proxy;
	o->has_environment = b->has_environment | c->has_environment;
	if (c->workdir == WD_UNSET ||
	    (c->workdir == WD_NONE && b->workdir > WD_NONE))
		o->workdir = b->workdir;
	else
		o->workdir = c->workdir;
	o->af_unix_mediation = c->af_unix_mediation ? c->af_unix_mediation
						    : b->af_unix_mediation;
	o->sandbox_policy = c->sandbox_policy ? c->sandbox_policy
					      : b->sandbox_policy;
	o->allow_gpu = b->allow_gpu | c->allow_gpu;
	o->interactive = b->interactive | c->interactive;
	o->binary = c->binary ? c->binary : b->binary;
}

/* credentials: absent inherits, [] (or null) clears, a list appends */
/*@ requires \valid(o) && \valid_read(b) && \valid_read(c);
    requires plist_ok(&b->credentials) &&
             plist_ok(&c->credentials);
    requires \separated(o, b) && \separated(o, c);
    assigns o->credentials;
    ensures \result == 0 || \result == -1;
    ensures plist_ok(&o->credentials);
 */
static int merge_credentials(struct profile *o, const struct profile *b,
			     const struct profile *c)
{
	static const struct plist none;

	if (c->credentials_state == TRI_ABSENT)
		return plist_cat(&o->credentials, &b->credentials, &none);
	if (c->credentials.n == 0) {
		o->credentials.n = 0;
		return 0;
	}
	return plist_cat(&o->credentials, &b->credentials, &c->credentials);
}

/* o[k] = b[k] (+) c[k] for k < n: parallel arrays of lists */
/*@ requires 0 <= n && \valid(o + (0 .. n - 1));
    requires \forall integer k; 0 <= k < n ==>
               plist_ok(b + k) && plist_ok(c + k);
    requires \separated(o + (0 .. n - 1), b + (0 .. n - 1)) &&
             \separated(o + (0 .. n - 1), c + (0 .. n - 1));
    assigns o[0 .. n - 1];
    ensures \result == 0 || \result == -1;
    ensures \forall integer k; 0 <= k < n ==> plist_ok(o + k);
 */
static int cat_each(struct plist *o, const struct plist *b,
		    const struct plist *c, int n)
{
	int rc = 0;

	/*@ loop invariant 0 <= k <= n && (rc == 0 || rc == -1);
	    loop invariant \forall integer j; 0 <= j < k ==> plist_ok(o + j);
	    loop assigns k, rc, o[0 .. n - 1];
	    loop variant n - k; */
	for (int k = 0; k < n; k++)
		if (plist_cat(&o[k], &b[k], &c[k]) < 0)
			rc = -1;
	return rc;
}

int profile_merge(struct profile *out, const struct profile *b,
		  const struct profile *c, struct prof_err *e)
{
	struct profile *o = out;
	int rc = 0;

	merge_scalars(o, b, c);
	o->extends.n = 0;                 /* meta: set by the caller */
	rc |= cat_each(o->fs, b->fs, c->fs, PF_NLISTS);
	rc |= cat_each(o->lists, b->lists, c->lists, PL_NLISTS);
	rc |= merge_credentials(o, b, c);
	rc |= plist_merge_set(&o->env_set, &b->env_set, &c->env_set);
	rc |= pports_cat(&o->open_port, &b->open_port, &c->open_port);
	rc |= pports_cat(&o->listen_port, &b->listen_port, &c->listen_port);
	rc |= pports_cat(&o->connect_port, &b->connect_port, &c->connect_port);
	o->features = b->features | c->features;
	/* the three-state keys decide their feature bit after the merge */
	o->features &= ~(uint32_t)(PFEAT_NETWORK_PROFILE | PFEAT_CREDENTIALS);
	if (o->network_profile_state == TRI_SET)
		o->features |= PFEAT_NETWORK_PROFILE;
	if (o->credentials.n)
		o->features |= PFEAT_CREDENTIALS;
	if (rc) {
		static const char TOO_MANY[] = "profile merge: a list has "
					       "more than 128 entries";
		memcpy(e->msg, TOO_MANY, sizeof TOO_MANY);
		e->line = 0;
		return -1;
	}
	return 0;
}

