#include "path.h"

#include "bytes.h"

#include <string.h>

/* 1 when s[0..n) holds a NUL byte (memchr, as a loop WP can check:
 * Frama-C's memchr/memcmp contracts ask for non-dangling pointers). */
/*@ requires \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int has_nul(const char *s, size_t n)
{
	/*@ loop invariant 0 <= k <= n;
	    loop assigns k;
	    loop variant n - k;
	 */
	for (size_t k = 0; k < n; k++)
		if (s[k] == 0)
			return 1;
	return 0;
}

int path_is_clean(const char *p, size_t n)
{
	size_t i = 1, start;

	if (n == 0 || p[0] != '/')
		return 0;
	if (n == 1)
		return 1;
	/*@ loop invariant 1 <= i <= n + 1;
	    loop assigns i, start;
	    loop variant n + 1 - i;
	 */
	while (i <= n) {
		start = i;
		/*@ loop invariant start <= i <= n;
		    loop assigns i;
		    loop variant n - i;
		 */
		while (i < n && p[i] != '/')
			i++;
		if (i == start)
			return 0;                       /* "//" or trailing '/' */
		if (p[start] == '.' && (i - start == 1 ||
		    (i - start == 2 && p[start + 1] == '.')))
			return 0;                       /* "." or ".." */
		if (p[start] == 0 || has_nul(p + start, i - start))
			return 0;
		i++;
	}
	return 1;
}

int path_covers(const char *base, size_t bn, const char *p, size_t pn)
{
	if (bn > pn || !chars_eq(base, p, bn))
		return 0;
	if (bn == pn)
		return 1;
	/* base "/" covers every absolute path */
	if (bn == 1 && base[0] == '/')
		return 1;
	return p[bn] == '/';
}

int path_strictly_under(const char *base, size_t bn, const char *p,
			size_t pn)
{
	return bn < pn && path_covers(base, bn, p, pn);
}

size_t path_parent_len(const char *p, size_t n)
{
	size_t i = n;

	if (n <= 1)
		return 0;
	/*@ loop invariant 0 <= i <= n;
	    loop assigns i;
	    loop variant i;
	 */
	while (i > 0 && p[i - 1] != '/')
		i--;
	/* i is just past the last '/' */
	return i <= 1 ? 1 : i - 1;
}

int path_join(struct nbuf *out, const char *base, const char *rel)
{
	size_t start = out->len, i = 0, rn = strlen(rel);

	if (rn == 0)
		return -1;
	if (rel[0] != '/') {
		size_t bn = strlen(base);
		if (bn == 1)
			bn = 0;                 /* "/" contributes nothing */
		if (nbuf_put(out, base, bn) < 0)
			goto full;
	}
	/*@ loop invariant 0 <= i <= rn;
	    loop invariant nbuf_valid(out) && start <= out->len;
	    loop assigns i, out->len, out->p[start .. out->cap - 1];
	    loop variant rn - i;
	 */
	while (i < rn) {
		size_t s;
		/*@ loop invariant \at(i, LoopEntry) <= i <= rn;
		    loop assigns i;
		    loop variant rn - i;
		 */
		while (i < rn && rel[i] == '/')
			i++;
		s = i;
		/*@ loop invariant s <= i <= rn;
		    loop assigns i;
		    loop variant rn - i;
		 */
		while (i < rn && rel[i] != '/')
			i++;
		if (i == s || (i - s == 1 && rel[s] == '.'))
			continue;
		if (i - s == 2 && rel[s] == '.' && rel[s + 1] == '.') {
			/* drop the last component written */
			/*@ loop invariant nbuf_valid(out) && start <= out->len;
			    loop assigns out->len;
			    loop variant out->len;
			 */
			while (out->len > start && out->p[out->len - 1] != '/')
				out->len--;
			if (out->len > start)
				out->len--;
			continue;
		}
		if (nbuf_putc(out, '/') < 0 || nbuf_put(out, rel + s, i - s) < 0)
			goto full;
	}
	if (out->len == start && nbuf_putc(out, '/') < 0)
		goto full;
	if (nbuf_putc(out, 0) < 0)
		goto full;
	return 0;
full:
	out->len = start;
	return -1;
}
