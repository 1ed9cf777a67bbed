/*
 * The effective policy groups of a profile (spec/profiles.md §5.1).
 * Contract in profile.h; proved by `make prove`.
 */
#include "profile.h"

#include <string.h>

static const char TOO_MANY_GROUPS[] = "too many groups";

/* e->msg = m (n bytes, its NUL included); returns -1 */
/*@ requires \valid(e) && \valid_read(m + (0 .. n - 1));
    requires 1 <= n <= 256;
    requires \separated(e, m + (0 .. n - 1));
    assigns e->msg[0 .. 255], e->line;
    ensures \result == -1;
 */
static int fail(struct prof_err *e, const char *m, size_t n)
{
	/*@ loop invariant 0 <= i <= n;
	    loop assigns i, e->msg[0 .. 255];
	    loop variant n - i; */
	for (size_t i = 0; i < n; i++)
		e->msg[i] = m[i];
	e->line = 0;
	return -1;
}

static const char REQ[] = "Cannot exclude required groups: ";
static const char SEP[] = ", ";
static const char QUOTE[] = "'";
static const char DEFAULT[] = "default";

/* msg[*m ..] += s[0 .. n-1] when it fits with room for a NUL */
/*@ requires \valid(msg + (0 .. 255)) && \valid(m) && *m <= 255;
    requires \valid_read(s + (0 .. n - 1));
    requires \separated(msg + (0 .. 255), m);
    assigns msg[0 .. 255], *m;
    ensures *m <= 255;
 */
static void msg_put(char *msg, size_t *m, const char *s, size_t n)
{
	if (n > 255 - *m)
		return;
	/*@ loop invariant 0 <= i <= n && *m == \at(*m, LoopEntry) + i;
	    loop invariant *m <= 255;
	    loop assigns i, *m, msg[0 .. 255];
	    loop variant n - i; */
	for (size_t i = 0; i < n; i++) {
		msg[*m] = s[i];
		(*m)++;
	}
}

/* 1 when p is named "default" */
/*@ requires \valid_read(p);
    requires p->name == \null || valid_read_string(p->name);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int is_default(const struct profile *p)
{
	const char *n = p->name;
	size_t i;

	if (!n)
		return 0;
	/*@ loop invariant 0 <= i <= 7 && i <= strlen(n);
	    loop assigns i;
	    loop variant 7 - i; */
	for (i = 0; i < 7; i++)
		if (n[i] != DEFAULT[i])
			return 0;
	return n[7] == 0;
}

int profile_groups(const struct profile *p, const struct plist *defaults,
		   const struct plist *required, struct plist *out,
		   struct prof_err *e)
{
	char msg[256];            /* a local: it overlaps no group name */
	size_t m = 0;

	out->n = 0;
	/* excluding a required group is an error, listing every such one */
	/*@ loop invariant 0 <= i <= p->lists[PL_GROUPS_EXCLUDE].n && m <= 255;
	    loop invariant out->n == 0;
	    loop assigns i, m, msg[0 .. 255];
	    loop variant p->lists[PL_GROUPS_EXCLUDE].n - i; */
	for (uint16_t i = 0; i < p->lists[PL_GROUPS_EXCLUDE].n; i++) {
		const char *g = p->lists[PL_GROUPS_EXCLUDE].v[i];
		if (!plist_has(required, g))
			continue;
		if (m == 0)
			msg_put(msg, &m, REQ, sizeof REQ - 1);
		else
			msg_put(msg, &m, SEP, sizeof SEP - 1);
		msg_put(msg, &m, QUOTE, 1);
		msg_put(msg, &m, g, strlen(g));
		msg_put(msg, &m, QUOTE, 1);
	}
	if (m) {
		msg[m] = 0;
		return fail(e, msg, m + 1);
	}
	/* defaults (unless this is "default"), then include, each once,
	 * minus exclude: straight into out, so that every pointer it holds
	 * comes from the caller's lists */
	if (!is_default(p)) {
		/*@ loop invariant 0 <= i <= defaults->n && plist_ok(out);
		    loop invariant plist_ok(defaults) &&
		                   plist_ok(&p->lists[PL_GROUPS_EXCLUDE]);
		    loop assigns i, out->n, out->v[0 .. PROF_LIST_MAX - 1];
		    loop variant defaults->n - i; */
		for (uint16_t i = 0; i < defaults->n; i++)
			if (!plist_has(&p->lists[PL_GROUPS_EXCLUDE], defaults->v[i]) &&
			    plist_add(out, defaults->v[i]) < 0)
				return fail(e, TOO_MANY_GROUPS,
					    sizeof TOO_MANY_GROUPS);
	}
	/*@ loop invariant 0 <= i <= p->lists[PL_GROUPS_INCLUDE].n && plist_ok(out);
	    loop invariant plist_ok(&p->lists[PL_GROUPS_INCLUDE]) &&
	                   plist_ok(&p->lists[PL_GROUPS_EXCLUDE]);
	    loop assigns i, out->n, out->v[0 .. PROF_LIST_MAX - 1];
	    loop variant p->lists[PL_GROUPS_INCLUDE].n - i; */
	for (uint16_t i = 0; i < p->lists[PL_GROUPS_INCLUDE].n; i++)
		if (!plist_has(&p->lists[PL_GROUPS_EXCLUDE], p->lists[PL_GROUPS_INCLUDE].v[i]) &&
		    plist_add(out, p->lists[PL_GROUPS_INCLUDE].v[i]) < 0)
			return fail(e, TOO_MANY_GROUPS, sizeof TOO_MANY_GROUPS);
	return 0;
}
