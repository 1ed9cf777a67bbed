/*
 * Bounded string and port lists of profiles (spec/profiles.md §4): add
 * once, union, set_vars merge, profile names. Contracts in profile.h;
 * proved by `make prove`.
 */
#include "profile.h"

#include "bytes.h"

#include <string.h>

int plist_has(const struct plist *l, const char *s)
{
	/*@ loop invariant 0 <= i <= l->n;
	    loop assigns i;
	    loop variant l->n - i; */
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
	l->v[l->n] = s;
	l->n++;
	return 0;
}

int profile_name_valid(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > PROF_NAME_MAX || name[0] == '-' || name[n - 1] == '-')
		return 0;
	/*@ loop invariant 0 <= i <= n;
	    loop assigns i;
	    loop variant n - i; */
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	return 1;
}

/* out = a then b, each once */
int plist_cat(struct plist *out, const struct plist *a,
	      const struct plist *b)
{
	out->n = 0;
	/*@ loop invariant 0 <= i <= a->n && plist_ok(out);
	    loop assigns i, out->n, out->v[0 .. PROF_LIST_MAX - 1];
	    loop variant a->n - i; */
	for (uint16_t i = 0; i < a->n; i++)
		if (plist_add(out, a->v[i]) < 0)
			return -1;
	/*@ loop invariant 0 <= i <= b->n && plist_ok(out);
	    loop assigns i, out->n, out->v[0 .. PROF_LIST_MAX - 1];
	    loop variant b->n - i; */
	for (uint16_t i = 0; i < b->n; i++)
		if (plist_add(out, b->v[i]) < 0)
			return -1;
	return 0;
}

int pports_cat(struct pports *out, const struct pports *a,
		     const struct pports *b)
{
	out->n = 0;
	/*@ loop invariant 0 <= k <= 2 && out->n <= PROF_LIST_MAX;
	    loop assigns k, out->n, out->v[0 .. PROF_LIST_MAX - 1];
	    loop variant 2 - k; */
	for (int k = 0; k < 2; k++) {
		const struct pports *l = k ? b : a;
		/*@ loop invariant 0 <= i <= l->n && out->n <= PROF_LIST_MAX;
		    loop assigns i, out->n, out->v[0 .. PROF_LIST_MAX - 1];
		    loop variant l->n - i; */
		for (uint16_t i = 0; i < l->n; i++) {
			int dup = 0;
			/*@ loop invariant 0 <= j <= out->n;
			    loop assigns j, dup;
			    loop variant out->n - j; */
			for (uint16_t j = 0; j < out->n; j++)
				if (out->v[j] == l->v[i])
					dup = 1;
			if (dup)
				continue;
			if (out->n >= PROF_LIST_MAX)
				return -1;
			out->v[out->n] = l->v[i];
			out->n++;
		}
	}
	return 0;
}

/* length of the NAME in "NAME=value" (or the whole string) */
/*@ requires valid_read_string(kv);
    assigns \nothing;
    ensures 0 <= \result <= strlen(kv);
 */
static size_t name_len(const char *kv)
{
	size_t n = strlen(kv), i = 0;

	/*@ loop invariant 0 <= i <= n;
	    loop assigns i;
	    loop variant n - i; */
	while (i < n && kv[i] != '=')
		i++;
	return i;
}

/* set_vars: one entry per name; the child's wins, in the base's order */
int plist_merge_set(struct plist *out, const struct plist *a,
		     const struct plist *b)
{
	out->n = 0;
	/*@ loop invariant 0 <= i <= a->n && plist_ok(out) && out->n == i;
	    loop assigns i, out->n, out->v[0 .. PROF_LIST_MAX - 1];
	    loop variant a->n - i; */
	for (uint16_t i = 0; i < a->n; i++) {
		out->v[out->n] = a->v[i];
		out->n++;
	}
	/*@ loop invariant 0 <= i <= b->n && plist_ok(out);
	    loop assigns i, out->n, out->v[0 .. PROF_LIST_MAX - 1];
	    loop variant b->n - i; */
	for (uint16_t i = 0; i < b->n; i++) {
		size_t n = name_len(b->v[i]);
		uint16_t k = 0;
		/*@ loop invariant 0 <= k <= out->n;
		    loop assigns k;
		    loop variant out->n - k; */
		while (k < out->n && !(name_len(out->v[k]) == n &&
				       chars_eq(out->v[k], b->v[i], n)))
			k++;
		if (k < out->n) {
			out->v[k] = b->v[i];
			continue;
		}
		if (out->n >= PROF_LIST_MAX)
			return -1;
		out->v[out->n] = b->v[i];
		out->n++;
	}
	return 0;
}

