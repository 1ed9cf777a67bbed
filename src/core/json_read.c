#include "json_read.h"

#include "bytes.h"
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

/*@ assigns \nothing; */
static int is_ws(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

struct frame {
	int tok;         /* container token index */
	int left;        /* child tokens still expected at this level */
	int is_obj;
	int first;       /* no child seen yet */
	int key_base;    /* start of this object's keys in keys[] */
	int last_key;    /* token index of the key whose value is next */
};

/* The walk's state. The error goes to err_off/err_msg; json_parse copies
 * it to the caller's json_err. */
struct walk {
	int keys[MAX_OPEN_KEYS]; /* keys of all open objects */
	int nkeys;
	struct frame st[JSON_MAX_DEPTH + 1]; /* open containers */
	int depth;
	size_t cur;      /* end of what has been checked */
	size_t err_off;
	const char *err_msg;
};

/* The contracts below state, for the walk state w: \valid(w) and the
 * counters in range (0 <= nkeys <= MAX_OPEN_KEYS, 0 <= depth <=
 * JSON_MAX_DEPTH); for the input: js[0..len) readable, len <= INT32_MAX,
 * tok[0..n) readable and not inside *w. Nothing is assumed about the
 * contents of keys[] and st[]: where they index something, the code
 * checks the index first (checks that never fire: the walk keeps them in
 * range). They are spelled out rather than named predicates, so that
 * WP's simplifier sees each fact directly. */

/*@ requires \valid(w);
    assigns w->err_off, w->err_msg;
    ensures \result == -1;
 */
static int fail(struct walk *w, size_t off, const char *msg)
{
	w->err_off = off;
	w->err_msg = msg;
	return -1;
}

/* [a, b) must be whitespace around exactly one `sep` (or none if 0). */
/*@ requires \valid_read(js + (0 .. len - 1)) && \valid(w);
    assigns w->err_off, w->err_msg;
    ensures \result == 0 || \result == -1;
 */
static int check_gap(const uint8_t *js, size_t len, size_t a, size_t b,
		     uint8_t sep, struct walk *w)
{
	int seen = 0;

	if (a > b)
		return fail(w, b, "overlapping tokens");
	if (b > len) /* never: token ends are checked against len */
		return fail(w, len, "invalid JSON");
	/*@ loop invariant a <= i <= b;
	    loop assigns i, seen;
	    loop variant b - i;
	 */
	for (size_t i = a; i < b; i++) {
		uint8_t c = js[i];
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

/* The content s[0..n) of a string token starting at offset start. */
/*@ requires \valid_read(s + (0 .. n - 1)) && \valid(w);
    assigns w->err_off, w->err_msg;
    ensures \result == 0 || \result == -1;
 */
static int check_string(const uint8_t *s, size_t n, size_t start,
			struct walk *w)
{
	size_t pos = 0;
	uint8_t u[4];
	size_t ul;

	/*@ loop invariant 0 <= pos <= n;
	    loop assigns pos, ul, u[0 .. 3];
	    loop variant n - pos;
	 */
	while (pos < n) {
		if (json_unescape_next(s, n, &pos, u, &ul) < 0)
			return fail(w, start + pos,
				    "invalid string (escape, control byte, "
				    "UTF-8, surrogate or NUL)");
	}
	return 0;
}

/* 1 when s[0..n) is exactly lit[0..ln) (memcmp, as a loop WP can check:
 * Frama-C's memcmp contract asks for non-dangling pointers). */
/*@ requires \valid_read(s + (0 .. n - 1));
    requires \valid_read(lit + (0 .. ln - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int is_lit(const uint8_t *s, size_t n, const char *lit, size_t ln)
{
	if (n != ln)
		return 0;
	/*@ loop invariant 0 <= k <= n;
	    loop assigns k;
	    loop variant n - k;
	 */
	for (size_t k = 0; k < n; k++)
		if (s[k] != (uint8_t)lit[k])
			return 0;
	return 1;
}

/* The text s[0..n) of a primitive token starting at offset start. */
/*@ requires \valid_read(s + (0 .. n - 1)) && \valid(w);
    assigns w->err_off, w->err_msg;
    ensures \result == 0 || \result == -1;
 */
static int check_primitive(const uint8_t *s, size_t n, size_t start,
			   struct walk *w)
{
	uint64_t u;
	int64_t v;

	if (n == 0) /* never: jsmn primitives are not empty */
		return fail(w, start, "invalid literal");
	if (is_lit(s, n, "true", 4) || is_lit(s, n, "false", 5) ||
	    is_lit(s, n, "null", 4))
		return 0;
	if (dec_span(s, n) != n) {
		/*@ loop invariant 0 <= i <= n;
		    loop assigns i;
		    loop variant n - i;
		 */
		for (size_t i = 0; i < n; i++)
			if (s[i] == '.' || s[i] == 'e' || s[i] == 'E')
				return fail(w, start,
					    "non-integer numbers are not "
					    "accepted");
		return fail(w, start, "invalid literal");
	}
	if (s[0] == '-' ? dec_i64(s, n, &v) < 0 : dec_u64(s, n, &u) < 0)
		return fail(w, start, "invalid or out-of-range integer");
	return 0;
}

/* Index of the first c in s[0..n), or n (memchr, as a loop). */
/*@ requires \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures 0 <= \result <= n;
 */
static size_t find_byte(const uint8_t *s, size_t n, uint8_t c)
{
	size_t k = 0;

	/*@ loop invariant 0 <= k <= n;
	    loop assigns k;
	    loop variant n - k;
	 */
	while (k < n && s[k] != c)
		k++;
	return k;
}

/* Two escaped strings are the same text after unescaping. */
/*@ requires \valid_read(a + (0 .. an - 1)) && \valid_read(b + (0 .. bn - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int same_text(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
	size_t i = 0, j = 0;

	if (find_byte(a, an, '\\') == an && find_byte(b, bn, '\\') == bn)
		return an == bn && bytes_eq(a, b, an);
	/*@ loop invariant 0 <= i <= an && 0 <= j <= bn;
	    loop assigns i, j;
	    loop variant an - i;
	 */
	while (i < an && j < bn) {
		uint8_t x[4], y[4];
		size_t xl, yl;
		if (json_unescape_next(a, an, &i, x, &xl) < 0 ||
		    json_unescape_next(b, bn, &j, y, &yl) < 0)
			return 0;
		if (xl != yl || !bytes_eq(x, y, xl))
			return 0;
	}
	return i == an && j == bn;
}

/* 1 when token o (an earlier key) has the same text as js[ts..te), 0
 * when not, -1 when o is not a token of the input (never: keys are
 * checked). */
/*@ requires \valid_read(js + (0 .. len - 1)) && \valid_read(o);
    requires 0 <= ts <= te <= len;
    assigns \nothing;
    ensures -1 <= \result <= 1;
 */
static int same_key(const uint8_t *js, size_t len, const jsmntok_t *o,
		    int ts, int te)
{
	int os = o->start, oe = o->end;

	if (os < 0 || oe < os || (size_t)oe > len)
		return -1;
	return same_text(js + os, (size_t)(oe - os), js + ts,
			 (size_t)(te - ts));
}

/* The key js[ts..te) (at byte at) of the object whose keys are
 * keys[key_base..nkeys): not one too many, not a duplicate. The caller
 * appends it. */
/*@ requires \valid(w);
    requires 0 <= w->nkeys <= MAX_OPEN_KEYS;
    requires 0 <= w->depth <= JSON_MAX_DEPTH;
    requires \valid_read(js + (0 .. len - 1)) && len <= INT32_MAX;
    requires 0 <= n && \valid_read(tok + (0 .. n - 1));
    requires \separated(w, tok + (0 .. n - 1));
    requires 0 <= ts <= te <= len;
    assigns w->err_off, w->err_msg;
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> w->nkeys < MAX_OPEN_KEYS;
 */
static int check_key(struct walk *w, const uint8_t *js, size_t len,
		     const jsmntok_t *tok, int n, int key_base, int ts, int te,
		     size_t at)
{
	int nk = w->nkeys;

	if (key_base < 0 || key_base > nk) /* never: frames nest */
		return fail(w, at, "invalid JSON");
	if (nk - key_base >= JSON_MAX_KEYS || nk >= MAX_OPEN_KEYS)
		return fail(w, at, "too many keys in object");
	/*@ loop invariant key_base <= k <= nk;
	    loop assigns k;
	    loop variant nk - k;
	 */
	for (int k = key_base; k < nk; k++) {
		int o = w->keys[k], r = -1;
		if (0 <= o && o < n) /* never otherwise */
			r = same_key(js, len, &tok[o], ts, te);
		if (r)
			return fail(w, at, r < 0 ? "invalid JSON"
						 : "duplicate key");
	}
	return 0;
}

/* Token t (at byte at) inside the innermost open container: its parent
 * link, the gap before it and the container's bookkeeping. 1 when t is
 * a key (index i, recorded as the frame's last key), 0 for a value, -1
 * on error. */
/*@ requires \valid(w);
    requires 0 <= w->nkeys <= MAX_OPEN_KEYS;
    requires 0 <= w->depth <= JSON_MAX_DEPTH;
    requires 1 <= w->depth;
    requires \valid_read(js + (0 .. len - 1));
    assigns w->st[w->depth - 1], w->err_off, w->err_msg;
    ensures -1 <= \result <= 1;
 */
static int in_frame(struct walk *w, const uint8_t *js, size_t len, int i,
		    jsmntok_t t, size_t at)
{
	struct frame f = w->st[w->depth - 1];
	int is_key = f.is_obj && f.left % 2 == 0;
	int value = f.is_obj && !is_key; /* the value of a key */

	if (t.parent != (value ? f.last_key : f.tok))
		return fail(w, at, "invalid JSON");
	if (check_gap(js, len, w->cur, at,
		      f.first ? 0 : (value ? ':' : ','), w) < 0)
		return -1;
	if (f.left <= 0) /* never: complete containers are closed at once */
		return fail(w, at, "invalid JSON");
	f.first = 0;
	f.left--;
	if (is_key)
		f.last_key = i;
	w->st[w->depth - 1] = f;
	return is_key;
}

/* Token t (index i, at byte at) is a key of the innermost open object:
 * checks it and records it in keys[]. */
/*@ requires \valid(w);
    requires 0 <= w->nkeys <= MAX_OPEN_KEYS;
    requires 0 <= w->depth <= JSON_MAX_DEPTH;
    requires \valid_read(js + (0 .. len - 1)) && len <= INT32_MAX;
    requires 0 <= n && \valid_read(tok + (0 .. n - 1));
    requires \separated(w, tok + (0 .. n - 1));
    requires 1 <= w->depth;
    requires 0 <= t.start <= t.end <= len;
    assigns w->keys[w->nkeys], w->nkeys, w->err_off, w->err_msg;
    ensures 0 <= w->nkeys <= MAX_OPEN_KEYS;
    ensures 0 <= w->depth <= JSON_MAX_DEPTH;
    ensures \result == 0 || \result == -1;
 */
static int add_key(struct walk *w, const uint8_t *js, size_t len,
		   const jsmntok_t *tok, int n, int i, jsmntok_t t, size_t at)
{
	if (t.type != JSMN_STRING || t.size != 1)
		return fail(w, at, "object key must be a string");
	if (check_key(w, js, len, tok, n, w->st[w->depth - 1].key_base,
		      t.start, t.end, at) < 0)
		return -1;
	w->keys[w->nkeys] = i;
	w->nkeys++;
	return 0;
}

/* Opens a frame for a container token (index i, at byte at). */
/*@ requires \valid(w);
    requires 0 <= w->nkeys <= MAX_OPEN_KEYS;
    requires 0 <= w->depth <= JSON_MAX_DEPTH;
    requires 0 <= start <= INT32_MAX && size >= 0;
    assigns w->st[w->depth], w->depth, w->cur, w->err_off, w->err_msg;
    ensures 0 <= w->nkeys <= MAX_OPEN_KEYS;
    ensures 0 <= w->depth <= JSON_MAX_DEPTH;
    ensures \result == 0 || \result == -1;
 */
static int open_frame(struct walk *w, int is_obj, int size, int start,
		      int i, size_t at)
{
	struct frame f;

	if (w->depth >= JSON_MAX_DEPTH)
		return fail(w, at, "nesting too deep");
	if (is_obj && size > JSON_MAX_KEYS)
		return fail(w, at, "too many keys in object");
	f.tok = i;
	f.is_obj = is_obj;
	f.left = is_obj ? size * 2 : size;
	f.first = 1;
	f.key_base = w->nkeys;
	f.last_key = -1;
	w->st[w->depth] = f;
	w->depth++;
	w->cur = (size_t)start + 1;
	return 0;
}

/* Where token t (index i) goes: at the top level (the first token only)
 * or in the innermost open container. 1 when it is a key, 0 when not,
 * -1 on error. */
/*@ requires \valid(w);
    requires 0 <= w->nkeys <= MAX_OPEN_KEYS;
    requires 0 <= w->depth <= JSON_MAX_DEPTH;
    requires \valid_read(js + (0 .. len - 1));
    assigns w->st[0 .. JSON_MAX_DEPTH], w->err_off, w->err_msg;
    ensures -1 <= \result <= 1;
    ensures \result == 1 ==> 1 <= w->depth;
 */
static int place(struct walk *w, const uint8_t *js, size_t len, int i,
		 jsmntok_t t, size_t at)
{
	if (w->depth)
		return in_frame(w, js, len, i, t, at);
	if (i != 0)
		return fail(w, at, "more than one top-level value");
	return check_gap(js, len, w->cur, at, 0, w);
}

/* Token t's own content (a value, or a key's text); a container opens a
 * frame. */
/*@ requires \valid(w);
    requires 0 <= w->nkeys <= MAX_OPEN_KEYS;
    requires 0 <= w->depth <= JSON_MAX_DEPTH;
    requires 0 <= t.start <= t.end <= INT32_MAX && t.size >= 0;
    requires \valid_read(js + (0 .. t.end - 1));
    assigns w->st[w->depth], w->depth, w->cur, w->err_off, w->err_msg;
    ensures 0 <= w->nkeys <= MAX_OPEN_KEYS;
    ensures 0 <= w->depth <= JSON_MAX_DEPTH;
    ensures \result == 0 || \result == -1;
 */
static int content(struct walk *w, const uint8_t *js, jsmntok_t t, int i,
		   size_t at)
{
	const uint8_t *s = js + t.start;
	size_t n = (size_t)(t.end - t.start);

	if (t.type == JSMN_STRING) {
		if (check_string(s, n, (size_t)t.start, w) < 0)
			return -1;
		w->cur = (size_t)t.end + 1;
		return 0;
	}
	if (t.type == JSMN_PRIMITIVE) {
		if (check_primitive(s, n, (size_t)t.start, w) < 0)
			return -1;
		w->cur = (size_t)t.end;
		return 0;
	}
	if (t.type != JSMN_OBJECT && t.type != JSMN_ARRAY)
		return fail(w, w->cur, "invalid JSON");
	return open_frame(w, t.type == JSMN_OBJECT, t.size, t.start, i, at);
}

/* Checks token i in its place: inside its container, after the gap
 * since the previous token, and its own content; opens containers. */
/*@ requires \valid(w);
    requires 0 <= w->nkeys <= MAX_OPEN_KEYS;
    requires 0 <= w->depth <= JSON_MAX_DEPTH;
    requires \valid_read(js + (0 .. len - 1)) && len <= INT32_MAX;
    requires 0 <= n && \valid_read(tok + (0 .. n - 1));
    requires \separated(w, tok + (0 .. n - 1));
    requires 0 <= i < n;
    assigns w->nkeys, w->keys[0 .. MAX_OPEN_KEYS - 1],
            w->st[0 .. JSON_MAX_DEPTH], w->depth, w->cur,
            w->err_off, w->err_msg;
    ensures 0 <= w->nkeys <= MAX_OPEN_KEYS;
    ensures 0 <= w->depth <= JSON_MAX_DEPTH;
    ensures \result == 0 || \result == -1;
 */
static int visit(struct walk *w, const uint8_t *js, size_t len,
		 const jsmntok_t *tok, int n, int i)
{
	jsmntok_t t = tok[i];
	size_t at;       /* where the token starts, quote included */
	int is_key;

	if (t.start < 0 || t.end < t.start || (size_t)t.end > len ||
	    t.size < 0) /* the last one never: jsmn counts up from 0 */
		return fail(w, w->cur, "invalid JSON");
	at = (size_t)t.start - (t.type == JSMN_STRING ? 1 : 0);
	is_key = place(w, js, len, i, t, at);
	if (is_key < 0)
		return -1;
	if (is_key) {
		if (add_key(w, js, len, tok, n, i, t, at) < 0)
			return -1;
	} else if ((t.type == JSMN_STRING || t.type == JSMN_PRIMITIVE) &&
		   t.size != 0) {
		return fail(w, at, "unexpected ':'");
	}
	return content(w, js, t, i, at);
}

/* Closes every container whose children are complete. */
/*@ requires \valid(w);
    requires 0 <= w->nkeys <= MAX_OPEN_KEYS;
    requires 0 <= w->depth <= JSON_MAX_DEPTH;
    requires \valid_read(js + (0 .. len - 1)) && len <= INT32_MAX;
    requires 0 <= n && \valid_read(tok + (0 .. n - 1));
    requires \separated(w, tok + (0 .. n - 1));
    assigns w->depth, w->cur, w->nkeys, w->err_off, w->err_msg;
    ensures 0 <= w->nkeys <= MAX_OPEN_KEYS;
    ensures 0 <= w->depth <= JSON_MAX_DEPTH;
    ensures \result == 0 || \result == -1;
 */
static int close_frames(struct walk *w, const uint8_t *js, size_t len,
			const jsmntok_t *tok, int n)
{
	int depth = w->depth, nkeys = w->nkeys;
	size_t cur = w->cur;

	/*@ loop invariant 0 <= depth <= JSON_MAX_DEPTH;
	    loop invariant 0 <= nkeys <= MAX_OPEN_KEYS;
	    loop assigns depth, nkeys, cur, w->err_off, w->err_msg;
	    loop variant depth;
	 */
	while (depth && w->st[depth - 1].left == 0) {
		struct frame f = w->st[depth - 1];
		int end = 0;

		/* the first four never: frames hold checked tokens, their
		 * keys nest */
		if (0 <= f.tok && f.tok < n)
			end = tok[f.tok].end;
		if (f.tok < 0 || f.tok >= n || f.key_base < 0 ||
		    f.key_base > nkeys || end < 1 || (size_t)end - 1 < cur)
			return fail(w, cur, "invalid JSON");
		if (check_gap(js, len, cur, (size_t)end - 1, 0, w) < 0)
			return -1;
		cur = (size_t)end;
		nkeys = f.key_base;
		depth--;
	}
	w->depth = depth;
	w->nkeys = nkeys;
	w->cur = cur;
	return 0;
}

/* The walk over the n tokens jsmn produced: 0, or -1 with the error in
 * w->err_off/err_msg. */
/*@ requires \valid(w);
    requires \valid_read(js + (0 .. len - 1)) && len <= INT32_MAX;
    requires 0 <= n && \valid_read(tok + (0 .. n - 1));
    requires \separated(w, tok + (0 .. n - 1));
    assigns *w;
    ensures \result == 0 || \result == -1;
 */
static int walk_all(struct walk *w, const uint8_t *js, size_t len,
		    const jsmntok_t *tok, int n)
{
	w->nkeys = 0;
	w->depth = 0;
	w->cur = 0;
	/*@ loop invariant 0 <= i <= n;
	    loop invariant 0 <= w->nkeys <= MAX_OPEN_KEYS;
	    loop invariant 0 <= w->depth <= JSON_MAX_DEPTH;
	    loop assigns i, *w;
	    loop variant n - i;
	 */
	for (int i = 0; i < n; i++) {
		if (visit(w, js, len, tok, n, i) < 0)
			return -1;
		if (close_frames(w, js, len, tok, n) < 0)
			return -1;
	}
	if (w->depth != 0)
		return fail(w, len, "unexpected end of input");
	if (check_gap(js, len, w->cur, len, 0, w) < 0)
		return fail(w, w->err_off, "trailing data after JSON value");
	return 0;
}

/* Every token of tok[0..n) lies in the input (a check that never fails
 * after the walk: it states what the walk checked, for the accessors). */
/*@ requires 0 <= n && \valid_read(tok + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==>
              \forall integer k; 0 <= k < n ==> tok_ok(tok + k, len);
 */
static int toks_in(const jsmntok_t *tok, int n, size_t len)
{
	/*@ loop invariant 0 <= i <= n;
	    loop invariant \forall integer k; 0 <= k < i ==>
	                     tok_ok(tok + k, len);
	    loop assigns i;
	    loop variant n - i;
	 */
	for (int i = 0; i < n; i++) {
		const jsmntok_t *t = &tok[i];
		if (t->start < 0 || t->end < t->start || (size_t)t->end > len ||
		    t->size < 0 ||
		    (t->type == JSMN_PRIMITIVE && t->start == t->end))
			return 0;
	}
	return 1;
}

/*@ requires \valid(e);
    assigns e->offset, e->msg;
    ensures \result == -1;
 */
static int fail_e(struct json_err *e, size_t off, const char *msg)
{
	e->offset = off;
	e->msg = msg;
	return -1;
}

/* json_parse's message for what jsmn_parse returned (n <= 0). */
/*@ assigns \nothing; */
static const char *jsmn_msg(int n)
{
	switch (n) {
	case JSMN_ERROR_NOMEM:
		return "too many tokens";
	case JSMN_ERROR_PART:
		return "unexpected end of input";
	case 0:
		return "empty document";
	default:
		return "invalid JSON";
	}
}

int json_parse(struct json_doc *d, const uint8_t *js, size_t len,
	       jsmntok_t *tok, unsigned cap, struct json_err *e)
{
	struct walk w;
	int n;
	size_t z;
	jsmn_parser p;

	e->offset = 0;
	e->msg = 0;
	if (len > JSON_MAX_INPUT || len > (size_t)INT32_MAX)
		return fail_e(e, 0, "document too large");
	z = find_byte(js, len, 0);
	if (z < len)
		return fail_e(e, z, "NUL byte");
	jsmn_init(&p);
	n = jsmn_parse(&p, (const char *)js, len, tok, cap);
	if (n <= 0)
		return fail_e(e, n == JSMN_ERROR_PART || n == 0 ? len : p.pos,
			      jsmn_msg(n));
	if (tok[0].type != JSMN_OBJECT && tok[0].type != JSMN_ARRAY)
		return fail_e(e, 0, "top-level value must be an object or array");
	if (walk_all(&w, js, len, tok, n) < 0)
		return fail_e(e, w.err_off, w.err_msg);
	if (!toks_in(tok, n, len)) /* never: the walk checked each token */
		return fail_e(e, len, "invalid JSON");
	d->js = js;
	d->len = len;
	d->tok = tok;
	d->ntok = n;
	return 0;
}

int json_skip(const struct json_doc *d, int i)
{
	/* 64 bits: the sizes are not negative and each fits an int, so
	 * the count cannot overflow (the tree shape bounds it anyway). */
	int64_t left = 1;
	//@ ghost int i0 = i;

	/*@ loop invariant i0 <= i && (i0 < d->ntok ==> i <= d->ntok);
	    loop invariant left <= 1 + (i - i0) * (int64_t)INT32_MAX;
	    loop assigns i, left;
	    loop variant d->ntok - i;
	 */
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
	/*@ loop invariant 0 <= j <= cnt && obj < k;
	    loop assigns j, k;
	    loop variant cnt - j;
	 */
	for (int j = 0; j < cnt; j++) {
		if (k >= d->ntok) /* no key there: the lookups below fail */
			return -1;
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
	/*@ loop invariant 0 <= j <= cnt && obj < k;
	    loop assigns j, k;
	    loop variant cnt - j;
	 */
	for (int j = 0; j < cnt; j++) {
		size_t m;
		if (k >= d->ntok) /* no key there: none of keys[] matches */
			return k;
		/*@ loop invariant 0 <= m <= nk;
		    loop assigns m;
		    loop variant nk - m;
		 */
		for (m = 0; m < nk; m++)
			if (json_str_eq(d, k, keys[m]))
				break;
		if (m == nk)
			return k;
		k = json_skip(d, k + 1);
	}
	return -1;
}

/*@ requires json_doc_ok(d) && \valid(n);
    assigns *n;
    ensures \result == \null || (0 <= i < d->ntok &&
              d->tok[i].type == JSMN_PRIMITIVE &&
              \result == d->js + d->tok[i].start &&
              *n == d->tok[i].end - d->tok[i].start && 1 <= *n &&
              \valid_read(\result + (0 .. *n - 1)));
 */
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

	/*@ loop invariant 0 <= i && 1 <= l <= i + 1 && 1 <= c <= i + 1;
	    loop invariant i <= len;
	    loop assigns i, l, c;
	    loop variant len - i;
	 */
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
