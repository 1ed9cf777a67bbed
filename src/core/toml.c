/*
 * The TOML subset reader (spec/config.md §2). Line-oriented: each call
 * consumes blank lines, comments and table headers, then one key/value
 * line (an array may span lines).
 */
#include "toml.h"

#include "utf8.h"

#include <string.h>

static int fail(struct toml *t, const char *msg)
{
	size_t n = strlen(msg);

	if (n >= sizeof t->err)
		n = sizeof t->err - 1;
	memcpy(t->err, msg, n);
	t->err[n] = 0;
	t->err_line = t->line;
	t->pos = t->n;
	return -1;
}

void toml_init(struct toml *t, const uint8_t *p, size_t n, struct nbuf *arena)
{
	memset(t, 0, sizeof *t);
	t->p = p;
	t->n = n;
	t->line = 1;
	t->arena = arena;
}

static int at(const struct toml *t, size_t k)
{
	return t->pos + k < t->n ? t->p[t->pos + k] : -1;
}

static void skip_ws(struct toml *t)
{
	while (at(t, 0) == ' ' || at(t, 0) == '\t')
		t->pos++;
}

static int skip_comment(struct toml *t)
{
	if (at(t, 0) != '#')
		return 0;
	while (t->pos < t->n && t->p[t->pos] != '\n') {
		uint8_t c = t->p[t->pos];
		if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
			return fail(t, "control character in a comment");
		if (c == '\r' && at(t, 1) != '\n')
			return fail(t, "carriage return without a line feed");
		t->pos++;
	}
	return 0;
}

/* a newline (LF or CRLF): 1 consumed, 0 none */
static int newline(struct toml *t)
{
	if (at(t, 0) == '\n') {
		t->pos++;
		t->line++;
		return 1;
	}
	if (at(t, 0) == '\r' && at(t, 1) == '\n') {
		t->pos += 2;
		t->line++;
		return 1;
	}
	return 0;
}

static int end_of_line(struct toml *t)
{
	skip_ws(t);
	if (skip_comment(t) < 0)
		return -1;
	if (t->pos >= t->n || newline(t))
		return 0;
	return fail(t, "unexpected text after the value");
}

/* blanks, comments and newlines (inside arrays) */
static int skip_space(struct toml *t)
{
	for (;;) {
		skip_ws(t);
		if (skip_comment(t) < 0)
			return -1;
		if (!newline(t))
			return 0;
	}
}

/* ---- strings ---- */

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static int put_utf8(struct nbuf *b, uint32_t cp)
{
	uint8_t u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (uint8_t)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (uint8_t)(0xc0 | cp >> 6);
		u[1] = (uint8_t)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (uint8_t)(0xe0 | cp >> 12);
		u[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (uint8_t)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (uint8_t)(0xf0 | cp >> 18);
		u[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (uint8_t)(0x80 | (cp & 0x3f));
		n = 4;
	}
	return nbuf_put(b, u, n);
}

static int escape(struct toml *t)
{
	static const char IN[] = "btnfr\"\\", OUT[] = "\b\t\n\f\r\"\\";
	int c = at(t, 0), len;
	uint32_t cp = 0;
	const char *k;

	if (c > 0 && (k = strchr(IN, c))) {
		t->pos++;
		return nbuf_putc(t->arena, (uint8_t)OUT[k - IN]);
	}
	if (c != 'u' && c != 'U')
		return fail(t, "invalid escape in a string");
	len = c == 'u' ? 4 : 8;
	t->pos++;
	for (int i = 0; i < len; i++) {
		int h = hexval(at(t, 0));
		if (h < 0)
			return fail(t, "invalid \\u escape in a string");
		cp = cp << 4 | (uint32_t)h;
		t->pos++;
	}
	if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return fail(t, "invalid code point in a string");
	return put_utf8(t->arena, cp);
}

/* a basic ("...") or literal ('...') string; *out is NUL-terminated in
 * the arena */
static int string(struct toml *t, const char **out)
{
	uint8_t q = t->p[t->pos];
	size_t start = t->arena->len;

	if (at(t, 1) == q && at(t, 2) == q)
		return fail(t, "multi-line strings are not supported");
	t->pos++;
	for (;;) {
		int c = at(t, 0);
		if (c < 0 || c == '\n' || c == '\r')
			return fail(t, "unterminated string");
		t->pos++;
		if (c == q)
			break;
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return fail(t, "control character in a string");
		if (c == '\\' && q == '"') {
			if (escape(t) < 0)
				return t->err[0] ? -1
						 : fail(t, "value too large");
			continue;
		}
		if (nbuf_putc(t->arena, (uint8_t)c) < 0)
			return fail(t, "value too large");
	}
	if (nbuf_putc(t->arena, 0) < 0)
		return fail(t, "value too large");
	*out = (const char *)t->arena->p + start;
	return 0;
}

/* ---- keys ---- */

static int bare(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* a dotted key into out ("a.b") */
static int key(struct toml *t, char out[TOML_KEY_MAX])
{
	size_t m = 0;

	for (;;) {
		const char *s;
		size_t n;
		int c;
		skip_ws(t);
		c = at(t, 0);
		if (c == '"' || c == '\'') {
			size_t mark = t->arena->len;
			if (string(t, &s) < 0)
				return -1;
			n = strlen(s);
			if (n == 0 || strchr(s, '.') || strchr(s, '\t'))
				return fail(t, "unsupported quoted key");
			t->arena->len = mark;
		} else {
			s = (const char *)t->p + t->pos;
			for (n = 0; bare(at(t, (size_t)n)); n++)
				;
			if (n == 0)
				return fail(t, "expected a key");
			t->pos += n;
		}
		if (m + n + 2 > TOML_KEY_MAX)
			return fail(t, "key too long");
		if (m)
			out[m++] = '.';
		memmove(out + m, s, n);
		m += n;
		out[m] = 0;
		skip_ws(t);
		if (at(t, 0) != '.')
			return 0;
		t->pos++;
	}
}

/* records table\tkey (or "[table") once; -1 on a repeat */
static int once(struct toml *t, const char *a, const char *b)
{
	size_t start = t->arena->len;
	const char *s;

	if (nbuf_put(t->arena, a, strlen(a)) < 0 ||
	    nbuf_putc(t->arena, '\t') < 0 ||
	    nbuf_put(t->arena, b, strlen(b) + 1) < 0)
		return fail(t, "document too large");
	s = (const char *)t->arena->p + start;
	for (size_t i = 0; i < t->nseen; i++)
		if (!strcmp(t->seen[i], s))
			return -1;
	if (t->nseen >= TOML_MAX_SEEN)
		return fail(t, "too many keys");
	t->seen[t->nseen++] = s;
	return 0;
}

/* ---- numbers ---- */

/* digits with single underscores between them; returns count or 0 */
static size_t digits(const char *s, size_t n, size_t *i)
{
	size_t k = *i, d = 0;

	while (k < n) {
		if (s[k] >= '0' && s[k] <= '9') {
			d++;
			k++;
		} else if (s[k] == '_' && d && k + 1 < n && s[k + 1] >= '0' &&
			   s[k + 1] <= '9') {
			k++;
		} else {
			break;
		}
	}
	*i = k;
	return d;
}

static int number(struct toml *t, struct toml_item *it)
{
	const char *s = (const char *)t->p + t->pos;
	size_t n = 0, i = 0, lead;
	int neg = 0, is_float = 0;
	int64_t v = 0;

	while (t->pos + n < t->n) {
		uint8_t c = s[n];
		if (!((c >= '0' && c <= '9') || c == '+' || c == '-' ||
		      c == '_' || c == '.' || c == 'e' || c == 'E' ||
		      bare(c) || c == ':'))
			break;
		n++;
	}
	if (n == 0)
		return fail(t, "expected a value");
	if (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-';
		i = 1;
	}
	lead = i;
	if (n - i >= 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'o' ||
					   s[i + 1] == 'b'))
		return fail(t, "hexadecimal, octal and binary integers are not "
			    "supported");
	if (!digits(s, n, &i))
		return fail(t, "invalid value (strings need quotes)");
	if (s[lead] == '0' && i - lead > 1)
		return fail(t, "leading zeros are not allowed");
	if (i < n && s[i] == '.') {
		i++;
		is_float = 1;
		if (!digits(s, n, &i))
			return fail(t, "invalid float");
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		is_float = 1;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (!digits(s, n, &i))
			return fail(t, "invalid float");
	}
	if (i != n)
		return fail(t, "invalid value (dates and times are not "
			    "supported; strings need quotes)");
	if (is_float) {
		size_t start = t->arena->len;
		if (nbuf_put(t->arena, s, n) < 0 || nbuf_putc(t->arena, 0) < 0)
			return fail(t, "value too large");
		it->type = TV_FLOAT;
		it->raw = (const char *)t->arena->p + start;
		t->pos += n;
		return 0;
	}
	for (size_t k = lead; k < n; k++) {
		int d;
		if (s[k] == '_')
			continue;
		d = s[k] - '0';
		/* accumulate negatively: INT64_MIN fits */
		if (v < (INT64_MIN + d) / 10)
			return fail(t, "integer out of range");
		v = v * 10 - d;
	}
	if (!neg) {
		if (v == INT64_MIN)
			return fail(t, "integer out of range");
		v = -v;
	}
	it->type = TV_INT;
	it->num = v;
	t->pos += n;
	return 0;
}

static int scalar(struct toml *t, struct toml_item *it)
{
	int c = at(t, 0);

	memset(it, 0, sizeof *it);
	if (c == '"' || c == '\'') {
		it->type = TV_STR;
		return string(t, &it->str);
	}
	if (c == '{')
		return fail(t, "inline tables are not supported");
	if (c == '[')
		return fail(t, "nested arrays are not supported");
	if (t->pos + 4 <= t->n && !memcmp(t->p + t->pos, "true", 4) &&
	    !bare(at(t, 4))) {
		it->type = TV_BOOL;
		it->num = 1;
		t->pos += 4;
		return 0;
	}
	if (t->pos + 5 <= t->n && !memcmp(t->p + t->pos, "false", 5) &&
	    !bare(at(t, 5))) {
		it->type = TV_BOOL;
		t->pos += 5;
		return 0;
	}
	if ((c == 'i' || c == 'n') || ((c == '+' || c == '-') &&
				       (at(t, 1) == 'i' || at(t, 1) == 'n')))
		return fail(t, "inf and nan are not supported");
	return number(t, it);
}

static int array(struct toml *t, struct toml_kv *kv)
{
	t->pos++;                               /* '[' */
	kv->nitems = 0;
	for (;;) {
		if (skip_space(t) < 0)
			return -1;
		if (at(t, 0) == ']') {
			t->pos++;
			return 0;
		}
		if (kv->nitems >= TOML_MAX_ITEMS)
			return fail(t, "too many array items");
		if (scalar(t, &kv->items[kv->nitems]) < 0)
			return -1;
		kv->nitems++;
		if (skip_space(t) < 0)
			return -1;
		if (at(t, 0) == ',') {
			t->pos++;
			continue;
		}
		if (at(t, 0) != ']')
			return fail(t, "expected ',' or ']' in an array");
	}
}

static int header(struct toml *t)
{
	size_t line = t->line;

	t->pos++;                               /* '[' */
	if (at(t, 0) == '[')
		return fail(t, "arrays of tables are not supported");
	if (key(t, t->table) < 0)
		return -1;
	skip_ws(t);
	if (at(t, 0) != ']')
		return fail(t, "expected ']' after the table name");
	t->pos++;
	if (once(t, "[", t->table) < 0) {
		t->line = line;
		return t->err[0] ? -1 : fail(t, "table defined twice");
	}
	return end_of_line(t);
}

int toml_next(struct toml *t, struct toml_kv *kv)
{
	if (t->err[0])
		return -1;
	if (t->pos == 0 && t->line == 1 && t->n &&
	    (!utf8_valid(t->p, t->n) || memchr(t->p, 0, t->n)))
		return fail(t, "the file is not valid UTF-8 text");
	for (;;) {
		if (skip_space(t) < 0)
			return -1;
		if (t->pos >= t->n)
			return 0;
		if (at(t, 0) != '[')
			break;
		if (header(t) < 0)
			return -1;
	}
	memset(kv, 0, offsetof(struct toml_kv, items));
	kv->nitems = 0;
	kv->line = t->line;
	memcpy(kv->table, t->table, sizeof kv->table);
	if (key(t, kv->key) < 0)
		return -1;
	if (at(t, 0) != '=')
		return fail(t, "expected '=' after the key");
	t->pos++;
	skip_ws(t);
	if (at(t, 0) == '[') {
		kv->type = TV_ARR;
		if (array(t, kv) < 0)
			return -1;
	} else {
		if (scalar(t, &kv->v) < 0)
			return -1;
		kv->type = kv->v.type;
	}
	if (once(t, kv->table, kv->key) < 0) {
		char m[sizeof t->err];
		size_t a = strlen(kv->table), b = strlen(kv->key), k = 0;
		if (t->err[0])
			return -1;
		t->line = kv->line;
		if (a + b + 32 > sizeof m)
			return fail(t, "key defined twice");
		memcpy(m, "key '", 5);
		k = 5;
		memcpy(m + k, kv->table, a);
		k += a;
		if (a)
			m[k++] = '.';
		memcpy(m + k, kv->key, b);
		k += b;
		memcpy(m + k, "' defined twice", 16);
		return fail(t, m);
	}
	return end_of_line(t) < 0 ? -1 : 1;
}
