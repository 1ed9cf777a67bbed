#include "why.h"
#include "path.h"

#include <string.h>

static const char *suggest_flag(unsigned ftype, unsigned req)
{
	if (ftype == FT_REG)
		return req == CAP_READ ? "--read-file"
		       : req == CAP_WRITE ? "--write-file" : "--allow-file";
	return req == CAP_READ ? "--read" : req == CAP_WRITE ? "--write"
							      : "--allow";
}

void why_path(const struct capset *cs, const char *canon, unsigned ftype,
	      unsigned req, struct why_path_result *r)
{
	size_t cn = strlen(canon), best_len = 0, suff_len = 0;
	const struct fs_cap *best = NULL, *suff = NULL;
	int bypassed = 0;

	memset(r, 0, sizeof *r);
	for (size_t i = 0; i < cs->nbypass && !bypassed; i++)
		bypassed = path_covers(cs->bypass[i], strlen(cs->bypass[i]),
				       canon, cn);
	if (!bypassed && (r->deny = capset_sensitive(cs, canon)) != NULL) {
		r->reason = WHY_SENSITIVE_PATH;
		return;
	}
	/* most specific covering capability; ties go to the later one */
	for (size_t i = 0; i < cs->nfs; i++) {
		const struct fs_cap *c = &cs->fs[i];
		size_t len = strlen(c->resolved);
		if (!fs_cap_covers(c, canon))
			continue;
		if (!best || len >= best_len) {
			best = c;
			best_len = len;
		}
		if (cap_access_contains(c->access, req) &&
		    (!suff || len >= suff_len)) {
			suff = c;
			suff_len = len;
		}
	}
	if (suff) {
		r->reason = WHY_GRANTED_PATH;
		r->grant = suff;
		return;
	}
	r->reason = best ? WHY_INSUFFICIENT_ACCESS : WHY_PATH_NOT_GRANTED;
	r->grant = best;
	r->flag = suggest_flag(ftype, req);
	if (ftype != FT_MISSING || path_parent_len(canon, cn) == 0)
		r->target_len = cn;
	else if (path_parent_len(canon, cn) == 1)
		r->target_len = cn;             /* parent is "/": the path */
	else
		r->target_len = path_parent_len(canon, cn);
}
