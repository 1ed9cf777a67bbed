#include "cjson.h"

#include "bytes.h"
#include "decimal.h"
#include "hex.h"
#include "utf8.h"

#include <string.h>

void cj_init(struct cj *c, const uint8_t *p, size_t n)
{
	c->p = p;
	c->n = n;
	c->i = 0;
}

int cj_end(const struct cj *c)
{
	return c->i == c->n;
}

int cj_lit(struct cj *c, const char *lit, size_t len)
{
	if (len > c->n - c->i)
		return -1;
	/*@ loop invariant 0 <= k <= len;
	    loop assigns k;
	    loop variant len - k;
	 */
	for (size_t k = 0; k < len; k++)
		if (c->p[c->i + k] != (uint8_t)lit[k])
			return -1;
	c->i += len;
	return 0;
}

/* PLAIN[b] is 1 when byte b stands for itself inside a canonical string
 * (printable ASCII except '"' and '\\'; DEL included). */
#define R16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
static const uint8_t PLAIN[256] = {
	R16(0), R16(0),
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20: '"' */
	R16(1), R16(1),
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x50: '\\' */
	R16(1), R16(1),
	R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0), R16(0),
};

/*@ assigns \nothing; */
static int plain(uint8_t b)
{
	return PLAIN[b];
}

/* Length of the canonical escape at s[0] == '\\', or 0. */
/*@ requires n >= 1 && \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || (2 <= \result <= n);
 */
static size_t canon_escape(const uint8_t *s, size_t n)
{
	int hi, lo, v;

	if (n < 2)
		return 0;
	switch (s[1]) {
	case '"': case '\\': case 'b': case 't': case 'n': case 'f': case 'r':
		return 2;
	case 'u':
		if (n < 6 || s[2] != '0' || s[3] != '0')
			return 0;
		hi = hex_value(s[4]);
		lo = hex_value(s[5]);
		if (hi < 0 || hi > 1 || lo < 0)
			return 0;
		v = hi * 16 + lo;
		/* NUL is never allowed; these five have short forms. */
		if (v == 0 || v == 0x08 || v == 0x09 || v == 0x0A ||
		    v == 0x0C || v == 0x0D)
			return 0;
		return 6;
	default:
		return 0;
	}
}

int cj_string(struct cj *c, size_t *s, size_t *len)
{
	const uint8_t *p = c->p;
	size_t i = c->i, n = c->n, start;

	if (i >= n || p[i] != '"')
		return -1;
	start = ++i;
	/*@ loop invariant start <= i <= n;
	    loop assigns i;
	    loop variant n - i;
	 */
	for (;;) {
		size_t k;
		/*@ loop invariant \at(i, LoopEntry) <= i <= n;
		    loop assigns i;
		    loop variant n - i;
		 */
		while (i < n && plain(p[i]))
			i++;
		if (i >= n)
			return -1;
		if (p[i] == '"')
			break;
		if (p[i] == '\\')
			k = canon_escape(p + i, n - i);
		else if (p[i] >= 0x80)
			k = utf8_seq(p + i, n - i);
		else
			k = 0; /* raw control byte */
		if (k == 0)
			return -1;
		i += k;
	}
	*s = start;
	*len = i - start;
	c->i = i + 1;
	return 0;
}

int cj_u64(struct cj *c, uint64_t max, uint64_t *v)
{
	size_t k = dec_span(c->p + c->i, c->n - c->i);
	uint64_t r;

	if (dec_u64(c->p + c->i, k, &r) < 0 || r > max)
		return -1;
	*v = r;
	c->i += k;
	return 0;
}

int cj_i64(struct cj *c, int64_t min, int64_t max, int64_t *v)
{
	size_t k = dec_span(c->p + c->i, c->n - c->i);
	int64_t r;

	if (dec_i64(c->p + c->i, k, &r) < 0 || r < min || r > max)
		return -1;
	*v = r;
	c->i += k;
	return 0;
}

int cj_hex(struct cj *c, uint8_t *out, size_t n)
{
	const uint8_t *p = c->p + c->i;

	if (c->n - c->i < 2 * n + 2 || p[0] != '"' || p[2 * n + 1] != '"')
		return -1;
	if (hex_decode((const char *)p + 1, n, out) < 0)
		return -1;
	c->i += 2 * n + 2;
	return 0;
}

/* ---- schema matcher ---- */

/* [","] '"' key '":' */
/*@ requires cj_valid(c);
    requires kl <= 255 && \valid_read(key + (0 .. kl - 1));
    assigns c->i;
    ensures cj_valid(c);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \old(c->i) < c->i;
    ensures \result == -1 ==> c->i == \old(c->i);
 */
static int match_key(struct cj *c, const char *key, size_t kl, int first)
{
	const uint8_t *p = c->p + c->i;
	size_t need = kl + 3 + (first ? 0 : 1), o = 0;

	if (need > c->n - c->i)
		return -1;
	if (!first && p[o++] != ',')
		return -1;
	if (p[o++] != '"')
		return -1;
	/*@ loop invariant 0 <= k <= kl;
	    loop assigns k;
	    loop variant kl - k;
	 */
	for (size_t k = 0; k < kl; k++)
		if (p[o + k] != (uint8_t)key[k])
			return -1;
	o += kl;
	if (p[o] != '"' || p[o + 1] != ':')
		return -1;
	c->i += need;
	return 0;
}

/* Compares two canonical string contents as unescaped byte strings:
 * <0, 0, >0. Canonical escapes decode to bytes < 0x20 or '"' / '\\'. */
/* (The bounds tests never fire on canonical content, where an escape is
 * always complete; they keep the reads inside p[0..n) for the proof.) */
/*@ requires \valid(i) && *i < n && \valid_read(p + (0 .. n - 1));
    requires \separated(i, p + (0 .. n - 1));
    assigns *i;
    ensures \old(*i) < *i <= n;
    ensures -17 <= \result <= 255;
 */
static int unesc_at(const uint8_t *p, size_t n, size_t *i)
{
	uint8_t b = p[*i];
	int v;

	if (b != '\\' || n - *i < 2) {
		(*i)++;
		return b;
	}
	switch (p[*i + 1]) {
	case 'u':
		if (n - *i < 6) {
			*i = n;
			return b;
		}
		v = hex_value(p[*i + 4]) * 16 + hex_value(p[*i + 5]);
		*i += 6;
		return v;
	case 'b': v = 0x08; break;
	case 't': v = 0x09; break;
	case 'n': v = 0x0A; break;
	case 'f': v = 0x0C; break;
	case 'r': v = 0x0D; break;
	default: v = p[*i + 1]; break;
	}
	*i += 2;
	return v;
}

/*@ requires \valid_read(a + (0 .. an - 1)) && \valid_read(b + (0 .. bn - 1));
    assigns \nothing;
 */
static int str_cmp(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
	size_t i = 0, j = 0;

	/*@ loop invariant 0 <= i <= an && 0 <= j <= bn;
	    loop assigns i, j;
	    loop variant an - i;
	 */
	while (i < an && j < bn) {
		int x = unesc_at(a, an, &i), y = unesc_at(b, bn, &j);
		if (x != y)
			return x - y;
	}
	return (i < an) - (j < bn);
}

/*@ requires cj_valid(c) && cs_fields_ok(f, nf);
    assigns c->i;
    ensures cj_valid(c);
    ensures \result == 0 || \result == -1;
    ensures \old(c->i) <= c->i;
 */
static int match_fields(struct cj *c, const struct cs_field *f, size_t nf,
			int first);

/*@ requires cj_valid(c) && cs_ok(t) && t->kind == CS_ENUM;
    assigns c->i;
    ensures cj_valid(c);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \old(c->i) < c->i;
    ensures \old(c->i) <= c->i;
 */
static int match_enum(struct cj *c, const struct cs_type *t)
{
	size_t s, len;

	if (cj_string(c, &s, &len) < 0)
		return -1;
	/*@ loop invariant 0 <= k <= t->n;
	    loop assigns k;
	    loop variant t->n - k;
	 */
	for (size_t k = 0; k < t->n; k++)
		if (strlen(t->names[k]) == len &&
		    bytes_eq_chars(c->p + s, t->names[k], len))
			return 0;
	return -1;
}

/*@ requires cj_valid(c) && cs_ok(t) && (t->kind == CS_ARR || t->kind == CS_SET);
    requires \valid(empty) && \separated(empty, c);
    assigns c->i, *empty;
    ensures cj_valid(c);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \old(c->i) < c->i;
    ensures \old(c->i) <= c->i;
 */
static int match_array(struct cj *c, const struct cs_type *t, int *empty)
{
	size_t ps = 0, pl = 0;
	int n = 0; /* 1 once an element was seen */

	if (cj_lit(c, "[", 1) < 0)
		return -1;
	/*@ loop invariant cj_valid(c) && \at(c->i, Pre) < c->i;
	    loop invariant n == 0 || n == 1;
	    loop invariant ps + pl <= c->i;
	    loop assigns c->i, n, ps, pl;
	    loop variant c->n - c->i;
	 */
	while (cj_lit(c, "]", 1) < 0) {
		if (n > 0 && cj_lit(c, ",", 1) < 0)
			return -1;
		if (t->kind == CS_SET) {
			size_t s, l;
			if (cj_string(c, &s, &l) < 0)
				return -1;
			if (n > 0 && str_cmp(c->p + ps, pl, c->p + s, l) >= 0)
				return -1; /* not strictly ascending */
			ps = s;
			pl = l;
		} else if (cs_match(c, t->elem) < 0) {
			return -1;
		}
		n = 1;
	}
	*empty = n == 0;
	return 0;
}

/*@ requires \valid_read(t) && \valid_read(t->variants + (0 .. t->n - 1));
    requires \forall integer k; 0 <= k < t->n ==>
      \valid_read(t->variants[k].name + (0 .. t->variants[k].nlen - 1));
    requires \valid_read(s + (0 .. len - 1));
    assigns \nothing;
    ensures \result == \null ||
      \exists integer k; 0 <= k < t->n && \result == &t->variants[k];
 */
static const struct cs_variant *variant_named(const struct cs_type *t,
					      const uint8_t *s, size_t len)
{
	/*@ loop invariant 0 <= k <= t->n;
	    loop assigns k;
	    loop variant t->n - k;
	 */
	for (size_t k = 0; k < t->n; k++)
		if (t->variants[k].nlen == len &&
		    bytes_eq_chars(s, t->variants[k].name, len))
			return &t->variants[k];
	return 0;
}

/*@ predicate cs_variants_ok{L}(struct cs_type *t) =
      \valid_read(t) && \valid_read(t->variants + (0 .. t->n - 1)) &&
      \forall integer k; 0 <= k < t->n ==>
        \valid_read(t->variants[k].name + (0 .. t->variants[k].nlen - 1)) &&
        cs_fields_ok(t->variants[k].fields, t->variants[k].nfields);
 */

/*@ requires cj_valid(c) && cs_ok(t) && t->kind == CS_TAGGED;
    assigns c->i;
    ensures cj_valid(c);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \old(c->i) < c->i;
    ensures \old(c->i) <= c->i;
 */
static int match_tagged(struct cj *c, const struct cs_type *t)
{
	size_t s, len;
	const struct cs_variant *var;

	//@ assert cs_variants_ok(t);
	if (cj_lit(c, "{", 1) < 0 ||
	    match_key(c, t->tag, strlen(t->tag), 1) < 0 ||
	    cj_string(c, &s, &len) < 0)
		return -1;
	var = variant_named(t, c->p + s, len);
	if (!var || match_fields(c, var->fields, var->nfields, 0) < 0 ||
	    cj_lit(c, "}", 1) < 0)
		return -1;
	return 0;
}

/*@ requires cj_valid(c) && cs_ok(t) && t->kind == CS_EXT;
    assigns c->i;
    ensures cj_valid(c);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \old(c->i) < c->i;
    ensures \old(c->i) <= c->i;
 */
static int match_ext(struct cj *c, const struct cs_type *t)
{
	size_t s, len;
	const struct cs_variant *var;

	//@ assert cs_variants_ok(t);
	if (c->i < c->n && c->p[c->i] == '"') {
		if (cj_string(c, &s, &len) < 0)
			return -1;
		var = variant_named(t, c->p + s, len);
		return var && !var->fields ? 0 : -1;
	}
	if (cj_lit(c, "{\"", 2) < 0)
		return -1;
	c->i--; /* back to the quote */
	if (cj_string(c, &s, &len) < 0)
		return -1;
	var = variant_named(t, c->p + s, len);
	if (!var || !var->fields || cj_lit(c, ":{", 2) < 0 ||
	    match_fields(c, var->fields, var->nfields, 1) < 0 ||
	    cj_lit(c, "}}", 2) < 0)
		return -1;
	return 0;
}

/*@ requires cj_valid(c) && cs_ok(t);
    requires \valid(empty) && \separated(empty, c);
    assigns c->i, *empty;
    ensures cj_valid(c);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \old(c->i) < c->i;
    ensures \old(c->i) <= c->i;
 */
static int match_value(struct cj *c, const struct cs_type *t, int *empty)
{
	uint64_t u;
	int64_t v;
	uint8_t h[32];
	size_t s, len;

	*empty = 0;
	switch (t->kind) {
	case CS_STR:
		return cj_string(c, &s, &len);
	case CS_UINT:
		return cj_u64(c, t->max ? t->max : UINT64_MAX, &u);
	case CS_I32:
		return cj_i64(c, INT32_MIN, INT32_MAX, &v);
	case CS_BOOL:
		return cj_lit(c, "true", 4) == 0 ? 0 : cj_lit(c, "false", 5);
	case CS_HEX64:
		return cj_hex(c, h, 32);
	case CS_ENUM:
		return match_enum(c, t);
	case CS_ARR:
	case CS_SET:
		return match_array(c, t, empty);
	case CS_OBJ:
		if (cj_lit(c, "{", 1) < 0 ||
		    match_fields(c, t->fields, t->n, 1) < 0 ||
		    cj_lit(c, "}", 1) < 0)
			return -1;
		return 0;
	case CS_TAGGED:
		return match_tagged(c, t);
	case CS_EXT:
		return match_ext(c, t);
	default:
		return -1;
	}
}

int cs_match(struct cj *c, const struct cs_type *t)
{
	size_t save = c->i;
	int empty;

	if (match_value(c, t, &empty) < 0) {
		c->i = save;
		return -1;
	}
	return 0;
}

static int match_fields(struct cj *c, const struct cs_field *f, size_t nf,
			int first)
{
	/*@ loop invariant 0 <= k <= nf;
	    loop invariant cj_valid(c) && \at(c->i, Pre) <= c->i;
	    loop assigns k, c->i, first;
	    loop variant nf - k;
	 */
	for (size_t k = 0; k < nf; k++) {
		int empty;
		if (match_key(c, f[k].key, f[k].klen, first) < 0) {
			if (f[k].presence == CS_SKIP_NONE ||
			    f[k].presence == CS_SKIP_EMPTY)
				continue; /* absent */
			return -1;
		}
		first = 0;
		if (f[k].presence == CS_NULLABLE && cj_lit(c, "null", 4) == 0)
			continue;
		if (match_value(c, f[k].type, &empty) < 0)
			return -1;
		if (f[k].presence == CS_SKIP_EMPTY && empty)
			return -1; /* an empty list is written by omission */
	}
	return 0;
}
