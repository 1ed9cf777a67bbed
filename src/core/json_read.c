#include "json_read.h"

#include "decimal.h"
#include "hex.h"
#include "json_str.h"

#include <string.h>

#define MAX_OPEN_KEYS 1024 /* keys of all open objects together */

size_t json_tokens_for(size_t len)
{
	/* Each token needs at least one byte and one separator. */
	return len / 2 + 2;
}

static int is_ws(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Byte span of token t in the source, including string quotes. */
static size_t span_start(const jsmntok_t *t)
{
	return (size_t)t->start - (t->type == JSMN_STRING ? 1 : 0);
}

static size_t span_end(const jsmntok_t *t)
{
	return (size_t)t->end + (t->type == JSMN_STRING ? 1 : 0);
}

struct frame {
	int tok;         /* container token index */
	int left;        /* child tokens still expected at this level */
	int is_obj;
	int first;       /* no child seen yet */
	int key_base;    /* start of this object's keys in keys[] */
	int last_key;    /* token index of the key whose value is next */
};

struct walk {
	const uint8_t *js;
	size_t len;
	jsmntok_t *tok;
	struct json_err *e;
	int keys[MAX_OPEN_KEYS];
	int nkeys;
};

static int fail(struct walk *w, size_t off, const char *msg)
{
	w->e->offset = off;
	w->e->msg = msg;
	return -1;
}

/* [a, b) must be whitespace around exactly one `sep` (or none if 0). */
static int check_gap(struct walk *w, size_t a, size_t b, uint8_t sep)
{
	int seen = 0;

	if (a > b)
		return fail(w, b, "overlapping tokens");
	for (size_t i = a; i < b; i++) {
		uint8_t c = w->js[i];
		if (is_ws(c))
			continue;
		if (sep && c == sep && !seen) {
			seen = 1;
			continue;
		}
		if (c == ',')
			return fail(w, i, "unexpected ',' (trailing comma?)");
		if (c == ':')
			return fail(w, i, "unexpected ':'");
		return fail(w, i, "unexpected character");
	}
	if (sep && !seen)
		return fail(w, b, sep == ',' ? "missing ',' between values"
					     : "missing ':' after key");
	return 0;
}

static int check_string(struct walk *w, const jsmntok_t *t)
{
	const uint8_t *s = w->js + t->start;
	size_t n = (size_t)(t->end - t->start), pos = 0;
	uint8_t u[4];
	size_t ul;

	while (pos < n) {
		if (json_unescape_next(s, n, &pos, u, &ul) < 0)
			return fail(w, (size_t)t->start + pos,
				    "invalid string (escape, control byte, "
				    "UTF-8, surrogate or NUL)");
	}
	return 0;
}

static int check_primitive(struct walk *w, const jsmntok_t *t)
{
	const uint8_t *s = w->js + t->start;
	size_t n = (size_t)(t->end - t->start);
	uint64_t u;
	int64_t v;

	if ((n == 4 && memcmp(s, "true", 4) == 0) ||
	    (n == 5 && memcmp(s, "false", 5) == 0) ||
	    (n == 4 && memcmp(s, "null", 4) == 0))
		return 0;
	if (dec_span(s, n) != n) {
		for (size_t i = 0; i < n; i++)
			if (s[i] == '.' || s[i] == 'e' || s[i] == 'E')
				return fail(w, (size_t)t->start,
					    "non-integer numbers are not "
					    "accepted");
		return fail(w, (size_t)t->start, "invalid literal");
	}
	if (s[0] == '-' ? dec_i64(s, n, &v) < 0 : dec_u64(s, n, &u) < 0)
		return fail(w, (size_t)t->start,
			    "invalid or out-of-range integer");
	return 0;
}

/* Two escaped strings are the same text after unescaping. */
static int same_text(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
	size_t i = 0, j = 0;

	if (!memchr(a, '\\', an) && !memchr(b, '\\', bn))
		return an == bn && memcmp(a, b, an) == 0;
	while (i < an && j < bn) {
		uint8_t x[4], y[4];
		size_t xl, yl;
		if (json_unescape_next(a, an, &i, x, &xl) < 0 ||
		    json_unescape_next(b, bn, &j, y, &yl) < 0)
			return 0;
		if (xl != yl || memcmp(x, y, xl) != 0)
			return 0;
	}
	return i == an && j == bn;
}

static int check_key(struct walk *w, struct frame *f, int i)
{
	const jsmntok_t *t = &w->tok[i];

	if (t->type != JSMN_STRING || t->size != 1)
		return fail(w, span_start(t), "object key must be a string");
	if (w->nkeys - f->key_base >= JSON_MAX_KEYS || w->nkeys >= MAX_OPEN_KEYS)
		return fail(w, span_start(t), "too many keys in object");
	for (int k = f->key_base; k < w->nkeys; k++) {
		const jsmntok_t *o = &w->tok[w->keys[k]];
		if (same_text(w->js + o->start, (size_t)(o->end - o->start),
			      w->js + t->start, (size_t)(t->end - t->start)))
			return fail(w, span_start(t), "duplicate key");
	}
	w->keys[w->nkeys++] = i;
	return 0;
}

int json_parse(struct json_doc *d, const uint8_t *js, size_t len,
	       jsmntok_t *tok, unsigned cap, struct json_err *e)
{
	struct walk wk;
	struct walk *w = &wk;
	struct frame st[JSON_MAX_DEPTH + 1];
	int depth = 0, n;
	size_t cur = 0;
	jsmn_parser p;

	w->js = js;
	w->len = len;
	w->tok = tok;
	w->e = e;
	w->nkeys = 0;
	e->offset = 0;
	e->msg = 0;
	if (len > JSON_MAX_INPUT || len > (size_t)INT32_MAX)
		return fail(w, 0, "document too large");
	if (memchr(js, 0, len))
		return fail(w, (size_t)((const uint8_t *)memchr(js, 0, len) - js),
			    "NUL byte");
	jsmn_init(&p);
	n = jsmn_parse(&p, (const char *)js, len, tok, cap);
	if (n == JSMN_ERROR_NOMEM)
		return fail(w, p.pos, "too many tokens");
	if (n == JSMN_ERROR_PART)
		return fail(w, len, "unexpected end of input");
	if (n < 0)
		return fail(w, p.pos, "invalid JSON");
	if (n == 0)
		return fail(w, len, "empty document");
	if (tok[0].type != JSMN_OBJECT && tok[0].type != JSMN_ARRAY)
		return fail(w, 0, "top-level value must be an object or array");

	for (int i = 0; i < n; i++) {
		jsmntok_t *t = &tok[i];
		struct frame *f = depth ? &st[depth - 1] : 0;
		uint8_t sep = 0;
		int is_key = 0;

		if (t->start < 0 || t->end < t->start || (size_t)t->end > len)
			return fail(w, cur, "invalid JSON");
		if (!f) {
			if (i != 0)
				return fail(w, span_start(t),
					    "more than one top-level value");
		} else {
			if (f->is_obj) {
				is_key = (f->left % 2) == 0;
				if (t->parent != (is_key ? f->tok : f->last_key))
					return fail(w, span_start(t),
						    "invalid JSON");
				sep = f->first ? 0 : (is_key ? ',' : ':');
			} else {
				if (t->parent != f->tok)
					return fail(w, span_start(t),
						    "invalid JSON");
				sep = f->first ? 0 : ',';
			}
		}
		if (check_gap(w, cur, span_start(t), sep) < 0)
			return -1;
		if (f) {
			f->first = 0;
			f->left--;
		}
		if (is_key) {
			if (check_key(w, f, i) < 0)
				return -1;
			f->last_key = i;
		} else if ((t->type == JSMN_STRING || t->type == JSMN_PRIMITIVE) &&
			   t->size != 0) {
			return fail(w, span_start(t), "unexpected ':'");
		}
		switch (t->type) {
		case JSMN_STRING:
			if (check_string(w, t) < 0)
				return -1;
			cur = span_end(t);
			break;
		case JSMN_PRIMITIVE:
			if (check_primitive(w, t) < 0)
				return -1;
			cur = span_end(t);
			break;
		case JSMN_OBJECT:
		case JSMN_ARRAY:
			if (depth >= JSON_MAX_DEPTH)
				return fail(w, span_start(t),
					    "nesting too deep");
			if (t->type == JSMN_OBJECT && t->size > JSON_MAX_KEYS)
				return fail(w, span_start(t),
					    "too many keys in object");
			st[depth].tok = i;
			st[depth].is_obj = t->type == JSMN_OBJECT;
			st[depth].left = t->size * (st[depth].is_obj ? 2 : 1);
			st[depth].first = 1;
			st[depth].key_base = w->nkeys;
			st[depth].last_key = -1;
			depth++;
			cur = (size_t)t->start + 1;
			break;
		default:
			return fail(w, cur, "invalid JSON");
		}
		/* Close every container whose children are complete. */
		while (depth && st[depth - 1].left == 0) {
			const jsmntok_t *c = &tok[st[depth - 1].tok];
			if (c->end < 1 || (size_t)c->end - 1 < cur)
				return fail(w, cur, "invalid JSON");
			if (check_gap(w, cur, (size_t)c->end - 1, 0) < 0)
				return -1;
			cur = (size_t)c->end;
			w->nkeys = st[depth - 1].key_base;
			depth--;
		}
	}
	if (depth != 0)
		return fail(w, len, "unexpected end of input");
	if (check_gap(w, cur, len, 0) < 0)
		return fail(w, e->offset, "trailing data after JSON value");
	d->js = js;
	d->len = len;
	d->tok = tok;
	d->ntok = n;
	return 0;
}

int json_skip(const struct json_doc *d, int i)
{
	int left = 1;

	while (left > 0 && i < d->ntok) {
		left += d->tok[i].size;
		left--;
		i++;
	}
	return i;
}

int json_is_obj(const struct json_doc *d, int i)
{
	return i >= 0 && i < d->ntok && d->tok[i].type == JSMN_OBJECT;
}

int json_is_arr(const struct json_doc *d, int i)
{
	return i >= 0 && i < d->ntok && d->tok[i].type == JSMN_ARRAY;
}

int json_is_str(const struct json_doc *d, int i)
{
	return i >= 0 && i < d->ntok && d->tok[i].type == JSMN_STRING;
}

int json_is_null(const struct json_doc *d, int i)
{
	return i >= 0 && i < d->ntok && d->tok[i].type == JSMN_PRIMITIVE &&
	       d->js[d->tok[i].start] == 'n';
}

int json_count(const struct json_doc *d, int i)
{
	if (!json_is_obj(d, i) && !json_is_arr(d, i))
		return 0;
	return d->tok[i].size;
}

const uint8_t *json_str(const struct json_doc *d, int i, size_t *n)
{
	*n = (size_t)(d->tok[i].end - d->tok[i].start);
	return d->js + d->tok[i].start;
}

int json_str_eq(const struct json_doc *d, int i, const char *lit)
{
	const uint8_t *s;
	size_t n;

	if (!json_is_str(d, i))
		return 0;
	s = json_str(d, i, &n);
	return json_str_equal(s, n, (const uint8_t *)lit, strlen(lit));
}

int json_obj_get(const struct json_doc *d, int obj, const char *key)
{
	int k, cnt;

	if (!json_is_obj(d, obj))
		return -1;
	cnt = d->tok[obj].size;
	k = obj + 1;
	for (int j = 0; j < cnt; j++) {
		if (json_str_eq(d, k, key))
			return k + 1;
		k = json_skip(d, k + 1);
	}
	return -1;
}

int json_obj_unknown_key(const struct json_doc *d, int obj,
			 const char *const *keys, size_t nk)
{
	int k, cnt;

	if (!json_is_obj(d, obj))
		return -1;
	cnt = d->tok[obj].size;
	k = obj + 1;
	for (int j = 0; j < cnt; j++) {
		size_t m;
		for (m = 0; m < nk; m++)
			if (json_str_eq(d, k, keys[m]))
				break;
		if (m == nk)
			return k;
		k = json_skip(d, k + 1);
	}
	return -1;
}

static const uint8_t *prim(const struct json_doc *d, int i, size_t *n)
{
	if (i < 0 || i >= d->ntok || d->tok[i].type != JSMN_PRIMITIVE)
		return 0;
	*n = (size_t)(d->tok[i].end - d->tok[i].start);
	return d->js + d->tok[i].start;
}

int json_get_u64(const struct json_doc *d, int i, uint64_t max, uint64_t *v)
{
	size_t n;
	const uint8_t *s = prim(d, i, &n);
	uint64_t r;

	if (!s || dec_u64(s, n, &r) < 0 || r > max)
		return -1;
	*v = r;
	return 0;
}

int json_get_i64(const struct json_doc *d, int i, int64_t min, int64_t max,
		 int64_t *v)
{
	size_t n;
	const uint8_t *s = prim(d, i, &n);
	int64_t r;

	if (!s || dec_i64(s, n, &r) < 0 || r < min || r > max)
		return -1;
	*v = r;
	return 0;
}

int json_get_bool(const struct json_doc *d, int i, int *v)
{
	size_t n;
	const uint8_t *s = prim(d, i, &n);

	if (!s || (s[0] != 't' && s[0] != 'f'))
		return -1;
	*v = s[0] == 't';
	return 0;
}

int json_get_hex(const struct json_doc *d, int i, uint8_t *out, size_t n)
{
	const uint8_t *s;
	size_t len;

	if (!json_is_str(d, i))
		return -1;
	s = json_str(d, i, &len);
	if (len != 2 * n)
		return -1;
	return hex_decode((const char *)s, n, out);
}

void json_line_col(const uint8_t *js, size_t len, size_t off, size_t *line,
		   size_t *col)
{
	size_t l = 1, c = 1;

	for (size_t i = 0; i < off && i < len; i++) {
		if (js[i] == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
}
