/*
 * Profile resolution and inheritance (spec/profiles.md §1, §4, §5).
 */
#include "profile_load.h"

#include "builtin_data.h"
#include "fsutil.h"
#include "netpolicy.h"
#include "paths.h"
#include "policy.h"
#include "ui.h"
#include "when.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 10
#define PROFILE_MAX_BYTES (1u << 20)

/* One arena for every profile loaded by this process (the CLI loads a
 * handful); strings stay valid until exit. */
static struct nbuf arena;

static int arena_ready(struct err *e)
{
	static uint8_t *mem;
	enum { SIZE = 32u << 20 };

	if (mem)
		return 0;
	if (!(mem = malloc(SIZE)))
		return errf(e, "out of memory");
	nbuf_init(&arena, mem, SIZE);
	return 0;
}

const struct builtin_file *profile_builtin(const char *name)
{
	for (size_t i = 0; i < builtin_nprofiles; i++)
		if (!strcmp(builtin_profiles[i].name, name))
			return &builtin_profiles[i];
	return NULL;
}

int profile_user_dir(char out[PATH_MAX])
{
	return config_file("profiles", out);
}

/* ---- reading ---- */

/* where a document came from, for messages and sibling lookup */
struct doc {
	const char *shown;       /* "path" or "built-in profile 'x'" */
	char path[PATH_MAX];     /* "" for a built-in */
	const char *name;
	uint8_t origin;
};

/* The running system's os-release facts, for `when` predicates: read
 * once; unknown (all NULL) when neither file is readable. */
static const struct os_facts *os_facts(void)
{
	static const char *const FILES[] = { "/etc/os-release",
					     "/usr/lib/os-release" };
	static struct os_facts os;
	static char buf[1024];
	static int done;
	struct err e;
	uint8_t *t;
	size_t n;

	for (size_t i = 0; !done && i < 2; i++)
		if (read_path(FILES[i], 64 * 1024, &t, &n, &e) == 0) {
			(void)os_release_parse((const char *)t, n, &os, buf,
					       sizeof buf);
			free(t);
			done = 1;
		}
	done = 1;
	return &os;
}

static int parse_doc(struct profile *p, const uint8_t *t, size_t n,
		     const struct doc *d, struct err *e)
{
	struct prof_err pe;

	if (profile_parse(p, t, n, os_facts(), &arena, &pe) == 0)
		return 0;
	if (pe.line)
		return errf(e, "%s:%zu: %s", d->shown, pe.line, pe.msg);
	return errf(e, "%s: %s", d->shown, pe.msg);
}

static int is_path_ref(const char *ref)
{
	size_t n = strlen(ref);
	return strchr(ref, '/') || (n > 5 && !strcmp(ref + n - 5, ".json")) ||
	       (n > 6 && !strcmp(ref + n - 6, ".jsonc"));
}

/* out = a b c; -1 when longer than PATH_MAX - 1 */
static int cat3(char out[PATH_MAX], const char *a, const char *b,
		const char *c)
{
	size_t na = strlen(a), nb = strlen(b), nc = strlen(c);

	if (na + nb + nc >= PATH_MAX)
		return -1;
	memcpy(out, a, na);
	memcpy(out + na, b, nb);
	memcpy(out + na + nb, c, nc + 1);
	return 0;
}

static const char *keep(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = nbuf_alloc(&arena, n, 1);
	if (p)
		memcpy(p, s, n);
	return p;
}

/* Reads dir/ref+ext unless it is skip: 0 read, 1 missing, -1 error. */
static int candidate(char cand[PATH_MAX], const char *dir, const char *ref,
		     const char *ext, const char *skip, uint8_t **t, size_t *n,
		     struct err *e)
{
	if (cat3(cand, dir, "/", ref) < 0 || cat3(cand, cand, ext, "") < 0)
		return errf(e, "profile path is too long");
	if (skip && !strcmp(cand, skip))
		return 1;
	return read_path(cand, PROFILE_MAX_BYTES, t, n, e);
}

/* Finds ref: a path (relative to base_dir when given, else the current
 * directory), a sibling <ref>.json of base_dir, the user directory, or a
 * built-in. Reads and parses it. */
static int find_parse(struct profile *p, const char *ref, const char *base_dir,
		      const char *skip_path, struct doc *d, struct err *e)
{
	char udir[PATH_MAX], cand[PATH_MAX];
	const struct builtin_file *bf;
	uint8_t *t;
	size_t n;
	int rc;

	memset(d, 0, sizeof *d);
	if (is_path_ref(ref)) {
		if ((ref[0] != '/' && base_dir
		     ? cat3(cand, base_dir, "/", ref) : cat3(cand, ref, "", ""))
		    < 0)
			return errf(e, "profile path is too long");
		rc = read_path(cand, PROFILE_MAX_BYTES, &t, &n, e);
		if (rc > 0)
			return errf(e, "Profile not found: %s (no such file)",
				    ref);
		if (rc < 0)
			return -1;
		d->origin = PO_FILE;
		goto parse;
	}
	if (!profile_name_valid(ref))
		return errf(e, "invalid profile name '%.80s': use letters, "
			    "digits and '-' (not first or last), or a path",
			    ref);
	if (base_dir) {
		rc = candidate(cand, base_dir, ref, ".json", skip_path, &t, &n,
			       e);
		if (rc <= 0) {
			d->origin = PO_FILE;
			goto found;
		}
	}
	if (profile_user_dir(udir) == 0) {
		static const char *const EXT[] = { ".jsonc", ".json" };
		for (int k = 0; k < 2; k++) {
			rc = candidate(cand, udir, ref, EXT[k], NULL, &t, &n,
				       e);
			if (rc <= 0) {
				d->origin = PO_USER;
				goto found;
			}
		}
	}
	if ((bf = profile_builtin(ref))) {
		char shown[128];
		snprintf(shown, sizeof shown, "built-in profile '%s'", ref);
		d->shown = keep(shown);
		d->name = bf->name;
		d->origin = PO_BUILTIN;
		return d->shown ? parse_doc(p, bf->text, bf->len, d, e)
				: errf(e, "out of memory");
	}
	return errf(e, "Profile not found: %s", ref);
found:
	if (rc < 0)
		return -1;
parse:
	memcpy(d->path, cand, strlen(cand) + 1);
	d->shown = keep(cand);
	rc = d->shown ? parse_doc(p, t, n, d, e) : errf(e, "out of memory");
	free(t);
	if (rc == 0 && !d->name) {
		/* a file's name: meta.name, else the file name's stem */
		const char *b = strrchr(cand, '/');
		char stem[PATH_MAX];
		b = b ? b + 1 : cand;
		snprintf(stem, sizeof stem, "%s", b);
		if (strchr(stem, '.'))
			*strrchr(stem, '.') = 0;
		d->name = p->name ? p->name : keep(stem);
	}
	return rc;
}

static void dir_of(const char *path, char out[PATH_MAX])
{
	const char *s = strrchr(path, '/');
	if (!s) {
		memcpy(out, ".", 2);
		return;
	}
	if (s == path)
		s++;
	memcpy(out, path, (size_t)(s - path));
	out[s - path] = 0;
}

/* the chain of documents being loaded, for cycle messages */
struct chain {
	const char *id[MAX_DEPTH + 2];
	const char *name[MAX_DEPTH + 2];
	int n;
};

static int load_rec(struct profile *out, const char *ref, const char *base_dir,
		    const char *skip_path, struct chain *ch,
		    const char *const *first, size_t nfirst, struct doc *top,
		    struct err *e)
{
	struct profile *p, *base;
	struct doc d;
	char dir[PATH_MAX];
	struct prof_err pe;
	const char *id;
	int rc = -1;

	if (ch->n > MAX_DEPTH)
		return errf(e, "inheritance chain too deep (max %d)",
			    MAX_DEPTH);
	p = malloc(sizeof *p);
	base = malloc(sizeof *base);
	if (!p || !base) {
		free(p);
		free(base);
		return errf(e, "out of memory");
	}
	if (find_parse(p, ref, base_dir, skip_path, &d, e) < 0)
		goto out;
	id = d.path[0] ? keep(d.path) : d.name;
	for (int i = 0; i < ch->n; i++)
		if (id && !strcmp(ch->id[i], id)) {
			char msg[512];
			size_t m = 0;
			for (int k = i; k < ch->n && m < sizeof msg; k++)
				m += (size_t)snprintf(msg + m, sizeof msg - m,
						      "%s -> ", ch->name[k]);
			errf(e, "circular dependency detected: %s%s", msg,
			     d.name);
			goto out;
		}
	ch->name[ch->n] = d.name;
	ch->id[ch->n++] = id;
	if (d.path[0])
		dir_of(d.path, dir);
	profile_init(base);
	/* bases fold left to right: the CLI's --extends first */
	for (size_t i = 0; i < nfirst + p->extends.n; i++) {
		const char *b = i < nfirst ? first[i] : p->extends.v[i - nfirst];
		struct profile *bp = malloc(sizeof *bp);
		if (!bp) {
			errf(e, "out of memory");
			goto out;
		}
		if (load_rec(bp, b, d.path[0] ? dir : NULL,
			     d.path[0] ? d.path : NULL, ch, NULL, 0, NULL,
			     e) < 0) {
			free(bp);
			goto out;
		}
		/* base = base (+) bp, through a second profile: the merge's
		 * output may not overlap its inputs */
		{
			struct profile *acc = malloc(sizeof *acc);
			if (!acc || profile_merge(acc, base, bp, &pe) < 0) {
				if (acc)
					errf(e, "%s: %s", d.shown, pe.msg);
				else
					errf(e, "out of memory");
				free(acc);
				free(bp);
				goto out;
			}
			memcpy(base, acc, sizeof *base);
			free(acc);
		}
		free(bp);
	}
	ch->n--;
	if (profile_merge(out, base, p, &pe) < 0) {
		errf(e, "%s: %s", d.shown, pe.msg);
		goto out;
	}
	out->extends = p->extends;        /* meta: the profile's own */
	if (!out->name)
		out->name = d.name;
	if (top)
		*top = d;
	rc = 0;
out:
	free(p);
	free(base);
	return rc;
}

static int check_groups(const struct loaded_profile *lp, const char *shown,
			struct err *e)
{
	const struct plist *l[] = { &lp->p.groups_include,
				    &lp->p.groups_exclude };

	for (int k = 0; k < 2; k++)
		for (uint16_t i = 0; i < l[k]->n; i++)
			if (!policy_group_find(l[k]->v[i],
					       strlen(l[k]->v[i])))
				return errf(e, "%s: unknown policy group '%s' "
					    "in groups.%s", shown, l[k]->v[i],
					    k ? "exclude" : "include");
	return 0;
}

int profile_load(struct loaded_profile *lp, const char *ref, int raw,
		 const char *const *extends_first, size_t nextends,
		 struct err *e)
{
	struct chain ch = { .n = 0 };
	struct doc d;
	struct prof_err pe;
	struct profile *def;
	const struct builtin_file *bf;

	e->msg[0] = 0;
	if (arena_ready(e) < 0)
		return -1;
	memset(lp, 0, sizeof *lp);
	snprintf(lp->ref, sizeof lp->ref, "%s", ref);
	if (raw) {
		if (find_parse(&lp->p, ref, NULL, NULL, &d, e) < 0)
			return -1;
		if (!lp->p.name)
			lp->p.name = d.name;
	} else if (load_rec(&lp->p, ref, NULL, NULL, &ch, extends_first,
			    nextends, &d, e) < 0) {
		return -1;
	}
	memcpy(lp->path, d.path, sizeof lp->path);
	lp->name = d.name ? d.name : lp->p.name;
	lp->origin = d.origin;
	lp->shadows_builtin = d.origin == PO_USER && profile_builtin(lp->name);
	if (check_groups(lp, d.shown, e) < 0)
		return -1;
	if (lp->p.network_profile_state == TRI_SET &&
	    !netpolicy_has_profile(lp->p.network_profile))
		return errf(e, "%s: unknown network profile '%s' in "
			    "network.network_profile", d.shown,
			    lp->p.network_profile);
	/* finalize: the built-in default's groups come first */
	bf = profile_builtin("default");
	if (!bf || !(def = malloc(sizeof *def)))
		return errf(e, "out of memory");
	if (profile_parse(def, bf->text, bf->len, os_facts(), &arena, &pe) < 0) {
		free(def);
		return errf(e, "built-in profile 'default': %s", pe.msg);
	}
	{
		static struct plist req;
		if (req.n == 0)
			for (size_t i = 0; i < policy_ngroups; i++)
				if (policy_groups[i].required &&
				    plist_add(&req, policy_groups[i].name) < 0)
					return errf(e, "too many required groups");
		if (profile_groups(&lp->p, &def->groups_include, &req,
				   &lp->groups, &pe) < 0) {
			free(def);
			return errf(e, "%s: %s", d.shown, pe.msg);
		}
	}
	free(def);
	return 0;
}

int profile_default_groups(struct loaded_profile *lp, struct err *e)
{
	const struct builtin_file *bf = profile_builtin("default");
	struct prof_err pe;

	if (arena_ready(e) < 0)
		return -1;
	memset(lp, 0, sizeof *lp);
	if (!bf)
		return errf(e, "built-in profile 'default' is missing");
	if (profile_parse(&lp->p, bf->text, bf->len, os_facts(),
			  &arena, &pe) < 0)
		return errf(e, "built-in profile 'default': %s", pe.msg);
	lp->groups = lp->p.groups_include;
	lp->name = "default";
	lp->origin = PO_BUILTIN;
	return 0;
}
