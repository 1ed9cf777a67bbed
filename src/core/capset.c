#include "capset.h"
#include "path.h"

#include <string.h>

void capset_init(struct capset *cs)
{
	memset(cs, 0, sizeof *cs);
	cs->net = NET_ALLOW_ALL;
	cs->signal_mode = SIG_ISOLATED;
	cs->ipc_mode = IPC_SHARED_MEMORY_ONLY;
}

int capset_add_fs(struct capset *cs, const struct fs_cap *c)
{
	if (cs->nfs >= CAPSET_FS_MAX || !c->resolved || !c->original ||
	    (c->access & CAP_RW) == 0 || (c->access & ~CAP_RW) != 0)
		return -1;
	cs->fs[cs->nfs++] = *c;
	return 0;
}

int capset_add_deny(struct capset *cs, const char *path, const char *group)
{
	for (size_t i = 0; i < cs->ndeny; i++)
		if (!strcmp(cs->deny[i].path, path))
			return 0;
	if (cs->ndeny >= CAPSET_DENY_MAX)
		return -1;
	cs->deny[cs->ndeny].path = path;
	cs->deny[cs->ndeny].group = group;
	cs->ndeny++;
	return 0;
}

int capset_add_sock(struct capset *cs, const struct sock_cap *s)
{
	for (size_t i = 0; i < cs->nsock; i++) {
		struct sock_cap *o = &cs->sock[i];
		if (o->scope != s->scope || strcmp(o->path, s->path) != 0)
			continue;
		/* connect -> connect+bind only within one provenance */
		if (s->bind && (o->source == s->source ||
				(o->source <= SRC_PROFILE &&
				 s->source <= SRC_PROFILE)))
			o->bind = 1;
		return 0;
	}
	if (cs->nsock >= CAPSET_SOCK_MAX)
		return -1;
	cs->sock[cs->nsock++] = *s;
	return 0;
}

int capset_add_blocked(struct capset *cs, const char *cmd)
{
	for (size_t i = 0; i < cs->nblocked; i++)
		if (!strcmp(cs->blocked_cmds[i], cmd))
			return 0;
	if (cs->nblocked >= CAPSET_CMDS_MAX)
		return -1;
	cs->blocked_cmds[cs->nblocked++] = cmd;
	return 0;
}

int port_list_has(const struct port_list *l, uint16_t port)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == port)
			return 1;
	return 0;
}

int port_list_add(struct port_list *l, uint16_t port)
{
	if (port_list_has(l, port))
		return 0;
	if (l->n >= CAPSET_PORTS_MAX)
		return -1;
	l->v[l->n++] = port;
	return 0;
}

const char *cap_access_str(unsigned a)
{
	return a == CAP_RW ? "read+write" : a == CAP_WRITE ? "write" : "read";
}

const char *cap_access_json(unsigned a)
{
	return a == CAP_RW ? "readwrite" : a == CAP_WRITE ? "write" : "read";
}

int cap_access_contains(unsigned have, unsigned want)
{
	return (have & want) == want;
}

int cap_source_put(struct nbuf *out, const struct fs_cap *c)
{
	static const char *const NAMES[] = { "user", "profile", "group:",
					     "system" };
	const char *n = c->source <= SRC_SYSTEM ? NAMES[c->source] : "system";
	size_t start = out->len;

	if (nbuf_put(out, n, strlen(n)) < 0 ||
	    (c->source == SRC_GROUP && c->group &&
	     nbuf_put(out, c->group, strlen(c->group)) < 0) ||
	    nbuf_putc(out, 0) < 0) {
		out->len = start;
		return -1;
	}
	return 0;
}

int fs_cap_covers(const struct fs_cap *c, const char *p)
{
	if (c->is_file)
		return strcmp(c->resolved, p) == 0;
	return path_covers(c->resolved, strlen(c->resolved), p, strlen(p));
}

int cap_is_user_intent(const struct fs_cap *c)
{
	return c->source == SRC_USER || c->source == SRC_PROFILE;
}

static int rw_pair(unsigned a, unsigned b)
{
	return (a == CAP_READ && b == CAP_WRITE) ||
	       (a == CAP_WRITE && b == CAP_READ);
}

/* a is kept (earlier), b is the duplicate; the survivor goes into a. */
static void merge(struct fs_cap *a, const struct fs_cap *b)
{
	int ua = cap_is_user_intent(a), ub = cap_is_user_intent(b);
	unsigned other = b->access;
	const struct fs_cap *loser = b;
	struct fs_cap keep = *a;

	if (!ua && ub) {
		keep = *b;
		other = a->access;
		loser = a;
	} else if (ua == ub && keep.access != CAP_RW && b->access == CAP_RW) {
		keep = *b;
		other = a->access;
		loser = a;
	}
	if (rw_pair(keep.access, other))
		keep.access = CAP_RW;
	/* keep the spelling that went through a symlink */
	if (!strcmp(keep.original, keep.resolved) &&
	    strcmp(loser->original, loser->resolved) != 0 &&
	    strncmp(loser->original, "/proc/", 6) != 0)
		keep.original = loser->original;
	*a = keep;
}

void capset_dedup(struct capset *cs)
{
	size_t n = 0;

	for (size_t i = 0; i < cs->nfs; i++) {
		size_t j;
		for (j = 0; j < n; j++)
			if (cs->fs[j].is_file == cs->fs[i].is_file &&
			    !strcmp(cs->fs[j].resolved, cs->fs[i].resolved))
				break;
		if (j < n) {
			merge(&cs->fs[j], &cs->fs[i]);
		} else {
			cs->fs[n++] = cs->fs[i];
		}
	}
	cs->nfs = n;
}

void capset_drop_denied_files(struct capset *cs)
{
	size_t n = 0;

	for (size_t i = 0; i < cs->nfs; i++) {
		int denied = 0;
		if (cs->fs[i].is_file)
			for (size_t d = 0; d < cs->ndeny && !denied; d++)
				denied = !strcmp(cs->deny[d].path,
						 cs->fs[i].resolved);
		if (!denied)
			cs->fs[n++] = cs->fs[i];
	}
	cs->nfs = n;
}

static int puts_(struct nbuf *m, const char *s)
{
	return nbuf_put(m, s, strlen(s));
}

/* Writes "'<s>'" with the string truncated to keep messages bounded. */
static int putq(struct nbuf *m, const char *s)
{
	size_t n = strlen(s);
	if (n > 512)
		n = 512;
	return nbuf_putc(m, '\'') | nbuf_put(m, s, n) | nbuf_putc(m, '\'');
}

static int put_source(struct nbuf *m, const struct fs_cap *c)
{
	uint8_t tmp[256];
	struct nbuf t;

	nbuf_init(&t, tmp, sizeof tmp);
	if (cap_source_put(&t, c) < 0)
		return -1;
	return nbuf_put(m, tmp, t.len - 1);
}

static int finish(struct nbuf *m, int bad)
{
	if (bad || nbuf_putc(m, 0) < 0) {
		/* keep a truthful, shorter message when out of room */
		static const char CUT[] = "(message truncated)";
		if (m->cap >= sizeof CUT) {
			memcpy(m->p, CUT, sizeof CUT);
			m->len = sizeof CUT;
		}
	}
	return -1;
}

int capset_check_deny_overlap(const struct capset *cs, struct nbuf *m)
{
	size_t nconf = 0, shown = 0;
	const struct fs_cap *with[CAPSET_DENY_MAX];
	int bad = 0;

	for (size_t d = 0; d < cs->ndeny; d++) {
		const char *dp = cs->deny[d].path;
		with[d] = NULL;
		for (size_t i = 0; i < cs->nfs && !with[d]; i++) {
			const char *r = cs->fs[i].resolved;
			if (!cs->fs[i].is_file &&
			    path_strictly_under(r, strlen(r), dp, strlen(dp)))
				with[d] = &cs->fs[i];
		}
		if (with[d])
			nconf++;
	}
	if (nconf == 0)
		return 0;
	m->len = 0;
	bad |= puts_(m, "Landlock deny-overlap is not enforceable on Linux. "
		     "Refusing to start with conflicting policy.\n");
	{
		char num[24];
		size_t k = sizeof num, v = nconf;
		do {
			num[--k] = (char)('0' + v % 10);
			v /= 10;
		} while (v);
		bad |= nbuf_put(m, num + k, sizeof num - k);
	}
	bad |= puts_(m, " deny rule(s) cannot apply under an allowed parent "
		     "directory.\nConflicts:\n");
	for (size_t d = 0; d < cs->ndeny; d++) {
		if (!with[d])
			continue;
		if (shown == 5) {
			char num[24];
			size_t k = sizeof num, v = nconf - 5;
			do {
				num[--k] = (char)('0' + v % 10);
				v /= 10;
			} while (v);
			bad |= puts_(m, "- ... and ");
			bad |= nbuf_put(m, num + k, sizeof num - k);
			bad |= puts_(m, " more conflict(s)\n");
			break;
		}
		bad |= puts_(m, "- deny ");
		bad |= putq(m, cs->deny[d].path);
		bad |= puts_(m, " overlaps allowed parent ");
		bad |= putq(m, with[d]->resolved);
		bad |= puts_(m, " (source: ");
		bad |= put_source(m, with[d]);
		bad |= puts_(m, ")\n");
		shown++;
	}
	bad |= puts_(m, "Remove the broad allow path, remove the deny path, "
		     "or restructure permissions.");
	return finish(m, bad);
}

const struct deny_entry *capset_sensitive(const struct capset *cs,
					  const char *p)
{
	size_t pn = strlen(p);

	for (size_t d = 0; d < cs->ndeny; d++) {
		const char *dp = cs->deny[d].path;
		if (path_covers(dp, strlen(dp), p, pn))
			return &cs->deny[d];
	}
	return NULL;
}

int capset_check_sensitive_grants(const struct capset *cs, struct nbuf *m)
{
	for (size_t i = 0; i < cs->nfs; i++) {
		const struct fs_cap *c = &cs->fs[i];
		const struct deny_entry *d;
		int bad = 0;
		if (!cap_is_user_intent(c) || !(d = capset_sensitive(cs,
							     c->resolved)))
			continue;
		m->len = 0;
		bad |= puts_(m, "Refusing to grant ");
		bad |= putq(m, c->original);
		bad |= puts_(m, " (source: ");
		bad |= put_source(m, c);
		bad |= puts_(m, ") because it is a sensitive path protected by "
			     "policy group ");
		bad |= putq(m, d->group ? d->group : "?");
		bad |= puts_(m, ". Use --bypass-protection ");
		bad |= puts_(m, d->path);
		bad |= puts_(m, " together with the grant to allow it.");
		return finish(m, bad);
	}
	return 0;
}

int capset_check_protected(const struct capset *cs,
			   const char *const *roots, size_t nroots,
			   struct nbuf *m)
{
	for (size_t r = 0; r < nroots; r++) {
		const char *root = roots[r];
		size_t rn = strlen(root);
		for (size_t i = 0; i < cs->nfs; i++) {
			const struct fs_cap *c = &cs->fs[i];
			size_t cn = strlen(c->resolved);
			int bad = 0;
			if (!path_covers(root, rn, c->resolved, cn) &&
			    (c->is_file ||
			     !path_strictly_under(c->resolved, cn, root, rn)))
				continue;
			m->len = 0;
			bad |= puts_(m, "Refusing to grant ");
			bad |= putq(m, c->resolved);
			bad |= puts_(m, " (source: ");
			bad |= put_source(m, c);
			bad |= puts_(m, ") because it overlaps protected nono "
				     "state root ");
			bad |= putq(m, root);
			bad |= puts_(m, ".");
			return finish(m, bad);
		}
	}
	return 0;
}

int capset_bypass(struct capset *cs, const char *expanded,
		  const char *canonical, struct nbuf *m)
{
	int covered = 0;
	size_t n = 0, en = strlen(expanded), cn = strlen(canonical);

	for (size_t i = 0; i < cs->nfs && !covered; i++) {
		const struct fs_cap *c = &cs->fs[i];
		if (cap_is_user_intent(c) && (fs_cap_covers(c, canonical) ||
					      fs_cap_covers(c, expanded)))
			covered = 1;
	}
	if (!covered) {
		int bad = 0;
		m->len = 0;
		bad |= puts_(m, "bypass_protection ");
		bad |= putq(m, expanded);
		bad |= puts_(m, " has no matching grant. Add a filesystem allow "
			     "(--allow, --read, --write, or profile "
			     "filesystem) for this path.");
		return finish(m, bad);
	}
	for (size_t d = 0; d < cs->ndeny; d++) {
		const char *dp = cs->deny[d].path;
		size_t dn = strlen(dp);
		if (path_covers(expanded, en, dp, dn) ||
		    path_covers(canonical, cn, dp, dn))
			continue;               /* removed */
		cs->deny[n++] = cs->deny[d];
	}
	cs->ndeny = n;
	if (cs->nbypass < CAPSET_BYPASS_MAX)
		cs->bypass[cs->nbypass++] = canonical;
	return 0;
}

int capset_net_restricted(const struct capset *cs)
{
	return cs->net == NET_BLOCKED || cs->net == NET_PROXY;
}
