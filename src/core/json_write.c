#include "json_write.h"

#include "hex.h"
#include "json_str.h"
#include "utf8.h"

void jw_init(struct jw *w, struct nbuf *out, int pretty)
{
	w->out = out;
	w->flush = 0;
	w->flush_ctx = 0;
	w->err = JW_OK;
	w->pretty = pretty ? 1 : 0;
	w->depth = 0;
	w->after_key = 0;
	w->is_obj[0] = 0;
	w->nonempty[0] = 0;
}

void jw_set_flush(struct jw *w, jw_flush_fn fn, void *ctx)
{
	w->flush = fn;
	w->flush_ctx = ctx;
}

static void drain(struct jw *w)
{
	if (w->flush && w->out->len) {
		w->flush(w->flush_ctx, w->out->p, w->out->len);
		w->out->len = 0;
	}
}

int jw_finish(struct jw *w)
{
	if (w->err == JW_OK && (w->depth != 0 || w->after_key))
		w->err = JW_ESTATE;
	if (w->err == JW_OK)
		drain(w);
	return w->err;
}

static void put(struct jw *w, const void *p, size_t n)
{
	if (w->err)
		return;
	if (nbuf_put(w->out, p, n) == 0)
		return;
	if (!w->flush) {
		w->err = JW_ESPACE;
		return;
	}
	drain(w);
	if (n > w->out->cap)
		w->flush(w->flush_ctx, p, n);
	else
		(void)nbuf_put(w->out, p, n);
}

static void putc_(struct jw *w, char c)
{
	put(w, &c, 1);
}

static void indent(struct jw *w, unsigned depth)
{
	putc_(w, '\n');
	for (unsigned i = 0; i < depth; i++)
		put(w, "  ", 2);
}

/* Separator and layout before a value (scalar or container). */
static void before_value(struct jw *w)
{
	if (w->err)
		return;
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->is_obj[w->depth]) {
		w->err = JW_ESTATE;
		return;
	}
	if (w->nonempty[w->depth])
		putc_(w, ',');
	w->nonempty[w->depth] = 1;
	if (w->pretty)
		indent(w, w->depth);
}

static void open_(struct jw *w, char c, int obj)
{
	before_value(w);
	if (w->err)
		return;
	if (w->depth >= JW_MAX_DEPTH) {
		w->err = JW_EDEPTH;
		return;
	}
	putc_(w, c);
	w->depth++;
	w->is_obj[w->depth] = (uint8_t)obj;
	w->nonempty[w->depth] = 0;
}

static void close_(struct jw *w, char c, int obj)
{
	if (w->err)
		return;
	if (w->depth == 0 || w->after_key || w->is_obj[w->depth] != obj) {
		w->err = JW_ESTATE;
		return;
	}
	w->depth--;
	if (w->nonempty[w->depth + 1] && w->pretty)
		indent(w, w->depth);
	putc_(w, c);
}

void jw_obj_begin(struct jw *w) { open_(w, '{', 1); }
void jw_obj_end(struct jw *w) { close_(w, '}', 1); }
void jw_arr_begin(struct jw *w) { open_(w, '[', 0); }
void jw_arr_end(struct jw *w) { close_(w, ']', 0); }

/* Writes "s" with canonical escaping; s already validated. */
static void quoted(struct jw *w, const uint8_t *s, size_t n)
{
	putc_(w, '"');
	if (w->err)
		return;
	if (json_escape(w->out, s, n) < 0) {
		/* Does not fit: stream in chunks through the flush callback.
		 * Escaping is per byte, so any split point is fine. */
		size_t chunk = w->out->cap / 6;
		if (!w->flush || chunk == 0) {
			w->err = JW_ESPACE;
			return;
		}
		while (n) {
			size_t k = n < chunk ? n : chunk;
			if (json_escape(w->out, s, k) < 0) {
				drain(w);
				(void)json_escape(w->out, s, k);
			}
			s += k;
			n -= k;
		}
	}
	putc_(w, '"');
}

static int text_ok(const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == 0)
			return 0;
	return utf8_valid(s, n);
}

static int key_ok(struct jw *w)
{
	if (w->err)
		return 0;
	if (w->depth == 0 || !w->is_obj[w->depth] || w->after_key) {
		w->err = JW_ESTATE;
		return 0;
	}
	return 1;
}

/* Separator and layout before a key; the key text follows. */
static void before_key(struct jw *w)
{
	if (w->nonempty[w->depth])
		putc_(w, ',');
	w->nonempty[w->depth] = 1;
	if (w->pretty)
		indent(w, w->depth);
}

static void after_key(struct jw *w)
{
	put(w, ": ", w->pretty ? 2 : 1);
	w->after_key = 1;
}

void jw_key(struct jw *w, const char *key)
{
	size_t n = 0;

	if (!key_ok(w))
		return;
	while (key[n])
		n++;
	if (!text_ok((const uint8_t *)key, n)) {
		w->err = JW_EUTF8;
		return;
	}
	before_key(w);
	quoted(w, (const uint8_t *)key, n);
	after_key(w);
}

void jw_strn(struct jw *w, const uint8_t *s, size_t n)
{
	if (w->err)
		return;
	if (!text_ok(s, n)) {
		w->err = JW_EUTF8;
		return;
	}
	before_value(w);
	quoted(w, s, n);
}

void jw_str(struct jw *w, const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	jw_strn(w, (const uint8_t *)s, n);
}

void jw_u64(struct jw *w, uint64_t v)
{
	char d[20];
	int i = 20;

	before_value(w);
	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put(w, d + i, (size_t)(20 - i));
}

void jw_i64(struct jw *w, int64_t v)
{
	char d[21];
	int i = 21;
	uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	before_value(w);
	do {
		d[--i] = (char)('0' + m % 10);
		m /= 10;
	} while (m);
	if (v < 0)
		d[--i] = '-';
	put(w, d + i, (size_t)(21 - i));
}

void jw_bool(struct jw *w, int v)
{
	before_value(w);
	if (v)
		put(w, "true", 4);
	else
		put(w, "false", 5);
}

void jw_null(struct jw *w)
{
	before_value(w);
	put(w, "null", 4);
}

void jw_hex(struct jw *w, const uint8_t *b, size_t n)
{
	char tmp[128];

	before_value(w);
	putc_(w, '"');
	while (n) {
		size_t k = n < 64 ? n : 64;
		hex_encode(b, k, tmp);
		put(w, tmp, 2 * k);
		b += k;
		n -= k;
	}
	putc_(w, '"');
}

static void byte_elems(struct jw *w, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		jw_u64(w, b[i]);
}

void jw_bytes(struct jw *w, const uint8_t *b, size_t n)
{
	jw_arr_begin(w);
	byte_elems(w, b, n);
	jw_arr_end(w);
}

/* "..." with canonical escaping of the unescaped esc[0..n). */
static void requoted(struct jw *w, const uint8_t *esc, size_t n)
{
	uint8_t tmp[256];
	struct nbuf t;
	size_t pos = 0;

	putc_(w, '"');
	nbuf_init(&t, tmp, sizeof tmp);
	while (pos < n && !w->err) {
		uint8_t u[4];
		size_t ul;
		if (json_unescape_next(esc, n, &pos, u, &ul) < 0) {
			w->err = JW_EUTF8;
			return;
		}
		if (json_escape(&t, u, ul) < 0) {
			put(w, t.p, t.len);
			t.len = 0;
			(void)json_escape(&t, u, ul);
		}
	}
	put(w, t.p, t.len);
	putc_(w, '"');
}

void jw_jstr(struct jw *w, const uint8_t *esc, size_t n)
{
	before_value(w);
	requoted(w, esc, n);
}

void jw_jkey(struct jw *w, const uint8_t *esc, size_t n)
{
	if (!key_ok(w))
		return;
	before_key(w);
	requoted(w, esc, n);
	after_key(w);
}

void jw_jbytes(struct jw *w, const uint8_t *esc, size_t n)
{
	size_t pos = 0;

	jw_arr_begin(w);
	while (pos < n && !w->err) {
		uint8_t u[4];
		size_t ul;
		if (json_unescape_next(esc, n, &pos, u, &ul) < 0) {
			w->err = JW_EUTF8;
			return;
		}
		byte_elems(w, u, ul);
	}
	jw_arr_end(w);
}

/* Length of the string token starting at json[i] == '"', quotes included;
 * 0 if unterminated. */
static size_t string_span(const uint8_t *json, size_t n, size_t i)
{
	size_t j = i + 1;

	while (j < n && json[j] != '"')
		j += json[j] == '\\' ? 2 : 1;
	return j < n ? j - i + 1 : 0;
}

void jw_raw(struct jw *w, const uint8_t *json, size_t n)
{
	size_t i = 0;
	int expect_key[JW_MAX_DEPTH + 1];
	unsigned base = w->depth;

	if (!w->pretty) {
		before_value(w);
		put(w, json, n);
		return;
	}
	expect_key[0] = 0;
	while (i < n && !w->err) {
		uint8_t c = json[i];
		unsigned lvl = w->depth - base;
		if (c == '{' || c == '[') {
			if (c == '{')
				jw_obj_begin(w);
			else
				jw_arr_begin(w);
			if (w->depth - base <= JW_MAX_DEPTH)
				expect_key[w->depth - base] = c == '{';
			i++;
		} else if (c == '}') {
			jw_obj_end(w);
			i++;
		} else if (c == ']') {
			jw_arr_end(w);
			i++;
		} else if (c == ',') {
			if (lvl > 0 && w->is_obj[w->depth])
				expect_key[lvl] = 1;
			i++;
		} else if (c == ':') {
			i++;
		} else if (c == '"') {
			size_t k = string_span(json, n, i);
			if (k == 0) {
				w->err = JW_ESTATE;
				return;
			}
			if (lvl > 0 && expect_key[lvl]) {
				/* key: same layout as jw_key, bytes verbatim */
				before_key(w);
				put(w, json + i, k);
				after_key(w);
				expect_key[lvl] = 0;
			} else {
				before_value(w);
				put(w, json + i, k);
			}
			i += k;
		} else {
			size_t j = i;
			while (j < n && json[j] != ',' && json[j] != '}' &&
			       json[j] != ']')
				j++;
			before_value(w);
			put(w, json + i, j - i);
			i = j;
		}
	}
	if (w->depth != base && !w->err)
		w->err = JW_ESTATE;
}
