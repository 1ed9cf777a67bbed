/*
 * `when` predicates and os-release facts (when.h).
 */
#include "when.h"

#include <string.h>

/* The next ':'-separated field of p[*i..n): its start and length. */
static size_t field(const char *p, size_t n, size_t *i, const char **s)
{
	size_t st = *i;

	while (*i < n && p[*i] != ':')
		(*i)++;
	*s = p + st;
	return *i - st;
}

static int name_ok(const char *s, size_t n)
{
	if (n == 0 || s[0] == '-' || s[n - 1] == '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '.' || s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}

static int eq(const char *s, size_t n, const char *lit)
{
	return lit && strlen(lit) == n && !memcmp(s, lit, n);
}

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

/* 1 when word (n bytes) is one of the space-separated words of list */
static int in_words(const char *word, size_t n, const char *list)
{
	while (list && *list) {
		size_t k = 0;
		while (list[k] && !blank(list[k]))
			k++;
		if (k == n && !memcmp(list, word, n))
			return 1;
		list += k;
		while (blank(*list))
			list++;
	}
	return 0;
}

enum { CMP_EQ, CMP_GE, CMP_LE, CMP_GT, CMP_LT };

/* Splits an optional comparator off v; -1 when the rest is not a
 * version (digits separated by single dots). */
static int version_split(const char **v, size_t *n, int *cmp)
{
	static const struct { const char *op; int cmp; } OPS[] = {
		{ "==", CMP_EQ }, { ">=", CMP_GE }, { "<=", CMP_LE },
		{ ">", CMP_GT }, { "<", CMP_LT },
	};
	*cmp = CMP_EQ;
	for (size_t k = 0; k < sizeof OPS / sizeof *OPS; k++) {
		size_t l = strlen(OPS[k].op);
		if (*n >= l && !memcmp(*v, OPS[k].op, l)) {
			*cmp = OPS[k].cmp;
			*v += l;
			*n -= l;
			break;
		}
	}
	if (*n == 0 || (*v)[0] == '.' || (*v)[*n - 1] == '.')
		return -1;
	for (size_t i = 0; i < *n; i++) {
		if ((*v)[i] == '.' && (*v)[i + 1] == '.')
			return -1;
		if ((*v)[i] != '.' && ((*v)[i] < '0' || (*v)[i] > '9'))
			return -1;
	}
	return 0;
}

/* <0, 0, >0 comparing dotted numbers a (an) and b (NUL-terminated),
 * missing components being 0; 2 when b is not a dotted number. */
static int version_cmp(const char *a, size_t an, const char *b, int *r)
{
	size_t i = 0, j = 0, bn = strlen(b);

	for (size_t k = 0; k < bn; k++)
		if (b[k] != '.' && (b[k] < '0' || b[k] > '9'))
			return -1;
	*r = 0;
	while (i < an || j < bn) {
		unsigned long x = 0, y = 0;
		for (; i < an && a[i] != '.'; i++)
			x = x < 100000000ul ? x * 10 + (unsigned)(a[i] - '0') : x;
		for (; j < bn && b[j] != '.'; j++)
			y = y < 100000000ul ? y * 10 + (unsigned)(b[j] - '0') : y;
		if (x != y) {
			*r = x < y ? -1 : 1;   /* a vs b */
			return 0;
		}
		i += i < an;
		j += j < bn;
	}
	return 0;
}

/* the system's version (have) against the predicate's (want, cmp) */
static int version_holds(const char *want, size_t n, int cmp,
			 const char *have)
{
	int r;

	if (!have || version_cmp(want, n, have, &r) < 0)
		return 0;
	r = -r;                        /* have vs want */
	switch (cmp) {
	case CMP_GE: return r >= 0;
	case CMP_LE: return r <= 0;
	case CMP_GT: return r > 0;
	case CMP_LT: return r < 0;
	default: return r == 0;
	}
}

int when_match(const char *pred, size_t n, const struct os_facts *os)
{
	const char *s[4];
	size_t l[4], i = 0, nf = 0;
	int neg = 0, hit = 1, cmp;

	if (n > 0 && pred[0] == '!') {
		neg = 1;
		i = 1;
	}
	while (nf < 4) {
		l[nf] = field(pred, n, &i, &s[nf]);
		nf++;
		if (i >= n)
			break;
		i++;                           /* the ':' */
		if (i >= n)
			return -1;             /* trailing ':' */
	}
	if (i < n)
		return -1;                     /* more than 4 fields */
	if (eq(s[0], l[0], "macos") || eq(s[0], l[0], "windows")) {
		size_t max = eq(s[0], l[0], "macos") ? 2 : 3;
		if (nf > max)
			return -1;
		for (size_t k = 1; k < nf; k++) {
			const char *v = s[k];
			size_t vn = l[k];
			if (version_split(&v, &vn, &cmp) < 0)
				return -1;
		}
		return neg;                    /* never true on Linux */
	}
	if (!eq(s[0], l[0], "linux"))
		return -1;
	if (nf >= 2) {
		const char *id = s[1];
		size_t idn = l[1];
		if (!name_ok(id, idn))
			return -1;
		if (idn > 5 && !memcmp(id + idn - 5, "-like", 5))
			hit &= os && (eq(id, idn - 5, os->id) ||
				      in_words(id, idn - 5, os->id_like));
		else
			hit &= os && eq(id, idn, os->id);
	}
	if (nf >= 3) {
		const char *v = s[2];
		size_t vn = l[2];
		if (version_split(&v, &vn, &cmp) < 0)
			return -1;
		hit &= os && version_holds(v, vn, cmp, os->version_id);
	}
	if (nf >= 4) {
		if (!name_ok(s[3], l[3]))
			return -1;
		hit &= os && eq(s[3], l[3], os->variant_id);
	}
	return hit != neg;
}

/* ---- os-release ---- */

static int keep(char *buf, size_t cap, size_t *used, const char *v,
		size_t n, const char **out)
{
	if (cap - *used < n + 1)
		return -1;
	memcpy(buf + *used, v, n);
	buf[*used + n] = 0;
	*out = buf + *used;
	*used += n + 1;
	return 0;
}

int os_release_parse(const char *text, size_t n, struct os_facts *os,
		     char *buf, size_t cap)
{
	static const char *const KEYS[] = { "ID", "ID_LIKE", "VERSION_ID",
					    "VARIANT_ID" };
	const char **dst[] = { &os->id, &os->id_like, &os->version_id,
			       &os->variant_id };
	size_t i = 0, used = 0;
	int rc = 0;

	memset(os, 0, sizeof *os);
	while (i < n) {
		size_t st = i, e, eqp;
		const char *v;
		size_t vn;
		while (i < n && text[i] != '\n')
			i++;
		e = i++;
		while (st < e && (text[st] == ' ' || text[st] == '\t'))
			st++;
		if (st == e || text[st] == '#')
			continue;
		for (eqp = st; eqp < e && text[eqp] != '='; eqp++)
			;
		if (eqp == e)
			continue;
		v = text + eqp + 1;
		vn = e - eqp - 1;
		while (vn > 0 && (v[vn - 1] == ' ' || v[vn - 1] == '\t' ||
				  v[vn - 1] == '\r'))
			vn--;
		if (vn >= 2 && (v[0] == '"' || v[0] == '\'') &&
		    v[vn - 1] == v[0]) {
			v++;
			vn -= 2;
		}
		if (memchr(v, 0, vn))
			continue;
		for (size_t k = 0; k < sizeof KEYS / sizeof *KEYS; k++)
			if (eqp - st == strlen(KEYS[k]) &&
			    !memcmp(text + st, KEYS[k], eqp - st) &&
			    keep(buf, cap, &used, v, vn, dst[k]) < 0)
				rc = -1;
	}
	return rc;
}
