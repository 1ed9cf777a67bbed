#include "cjson.h"

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

static int plain(uint8_t b)
{
	return PLAIN[b];
}

/* Length of the canonical escape at s[0] == '\\', or 0. */
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
	for (;;) {
		size_t k;
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
static int unesc_at(const uint8_t *p, size_t n, size_t *i)
{
	uint8_t b = p[*i];
	int v;

	if (b != '\\') {
		(*i)++;
		return b;
	}
	switch (p[*i + 1]) {
	case 'u':
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
	(void)n;
	*i += 2;
	return v;
}

static int str_cmp(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
	size_t i = 0, j = 0;

	while (i < an && j < bn) {
		int x = unesc_at(a, an, &i), y = unesc_at(b, bn, &j);
		if (x != y)
			return x - y;
	}
	return (i < an) - (j < bn);
}

static int match_fields(struct cj *c, const struct cs_field *f, size_t nf,
			int first);

static int match_enum(struct cj *c, const struct cs_type *t)
{
	size_t s, len;

	if (cj_string(c, &s, &len) < 0)
		return -1;
	for (size_t k = 0; k < t->n; k++)
		if (strlen(t->names[k]) == len &&
		    memcmp(c->p + s, t->names[k], len) == 0)
			return 0;
	return -1;
}

static int match_array(struct cj *c, const struct cs_type *t, int *empty)
{
	size_t ps = 0, pl = 0;
	int n = 0;

	if (cj_lit(c, "[", 1) < 0)
		return -1;
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
		n++;
	}
	*empty = n == 0;
	return 0;
}

static const struct cs_variant *variant_named(const struct cs_type *t,
					      const uint8_t *s, size_t len)
{
	for (size_t k = 0; k < t->n; k++)
		if (t->variants[k].nlen == len &&
		    memcmp(s, t->variants[k].name, len) == 0)
			return &t->variants[k];
	return 0;
}

static int match_value(struct cj *c, const struct cs_type *t, int *empty)
{
	uint64_t u;
	int64_t v;
	uint8_t h[32];
	size_t s, len;
	const struct cs_variant *var;

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
		if (cj_lit(c, "{", 1) < 0 ||
		    match_key(c, t->tag, strlen(t->tag), 1) < 0 ||
		    cj_string(c, &s, &len) < 0)
			return -1;
		var = variant_named(t, c->p + s, len);
		if (!var || match_fields(c, var->fields, var->nfields, 0) < 0 ||
		    cj_lit(c, "}", 1) < 0)
			return -1;
		return 0;
	case CS_EXT:
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
