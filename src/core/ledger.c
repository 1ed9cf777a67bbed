#include "ledger.h"

#include "audit_hash.h"
#include "bytes.h"
#include "cjson.h"
#include "decimal.h"
#include "hex.h"
#include "json_str.h"
#include "session.h"
#include "sha256.h"
#include "utf8.h"

#include <string.h>

#ifdef __FRAMAC__
/*
 * What the proof of this file assumes of lines.c and session.c (neither is
 * proved). lines.c writes the framing state, and whatever the callback
 * writes through ctx, which here is always the ledger verifier that holds
 * the framing state.
 */
/*@ requires \valid(l);
    assigns *l;
 */
void lines_init(struct lines *l, uint8_t *buf, size_t cap, size_t max);
/*@ requires \valid((struct ledger_verifier *)ctx);
    requires l == &((struct ledger_verifier *)ctx)->lines;
    assigns *(struct ledger_verifier *)ctx;
    ensures \result == 0 || \result == -1;
 */
int lines_push(struct lines *l, const uint8_t *data, size_t n, lines_fn fn,
	       void *ctx);
/*@ requires \valid(l);
    assigns *l;
    ensures \result == 0 || \result == -1;
 */
int lines_finish(struct lines *l);

/* Of session.c (not proved): the id check reads id[0..n) only. */
/*@ requires \valid_read(id + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
int session_id_valid(const char *id, size_t n);
#endif

#define LIT(c, s) cj_lit((c), (s), sizeof(s) - 1)

int ledger_record_parse(const uint8_t *line, size_t n,
			struct ledger_record *r, const char **why)
{
	struct cj c;
	size_t s, l;

	cj_init(&c, line, n);
	*why = "not a canonical ledger record";
	if (LIT(&c, "{\"sequence\":") < 0 ||
	    cj_u64(&c, UINT64_MAX, &r->sequence) < 0 ||
	    LIT(&c, ",\"prev_chain\":") < 0)
		return -1;
	if (LIT(&c, "null") == 0)
		r->has_prev = 0;
	else if (cj_hex(&c, r->prev, 32) == 0)
		r->has_prev = 1;
	else
		return -1;
	if (LIT(&c, ",\"session_id\":") < 0 || cj_string(&c, &s, &l) < 0)
		return -1;
	if (!session_id_valid((const char *)line + s, l)) {
		*why = "invalid session id";
		return -1;
	}
	r->session_id = line + s;
	r->session_id_len = l;
	if (LIT(&c, ",\"session_digest\":") < 0 || cj_hex(&c, r->digest, 32) < 0 ||
	    LIT(&c, ",\"completed_at\":") < 0 || cj_string(&c, &s, &l) < 0)
		return -1;
	r->completed_at = line + s;
	r->completed_at_len = l;
	//@ assert c.p == line && c.n == n;
	//@ assert \separated(r->chain + (0 .. 31), c.p + (0 .. c.n - 1));
	if (LIT(&c, ",\"chain_hash\":") < 0 || cj_hex(&c, r->chain, 32) < 0 ||
	    LIT(&c, "}") < 0 || !cj_end(&c))
		return -1;
	return 0;
}

#define PUT(b, s) nbuf_put((b), (s), sizeof(s) - 1)

/*
 * The record is written in pieces. A piece appends or fails, and may leave
 * part of itself behind on failure; format() then drops everything it
 * appended. Every piece's contract: b stays valid, nothing below the old
 * length is touched, and the length never shrinks.
 */

/* "<completed_at>": raw UTF-8 is escaped canonically; escaped input is
 * already canonical escaped content (from a parsed record) and is copied. */
/*@ requires nbuf_valid(b);
    requires \valid_read(s + (0 .. n - 1));
    requires \separated(s + (0 .. n - 1), b->p + (0 .. b->cap - 1), b);
    assigns b->len, b->p[b->len .. b->cap - 1];
    ensures nbuf_valid(b) && \old(b->len) <= b->len;
    ensures \result == 0 || \result == -1;
 */
static int put_string(struct nbuf *b, const uint8_t *s, size_t n,
		      int escaped)
{
	int r;

	if (nbuf_putc(b, '"') < 0)
		return -1;
	if (escaped)
		r = nbuf_put(b, s, n);
	else
		r = json_escape(b, s, n);
	if (r < 0)
		return -1;
	return nbuf_putc(b, '"');
}

/* {"sequence":N */
/*@ requires nbuf_valid(b);
    assigns b->len, b->p[b->len .. b->cap - 1];
    ensures nbuf_valid(b) && \old(b->len) <= b->len;
    ensures \result == 0 || \result == -1;
 */
static int put_sequence(struct nbuf *b, uint64_t sequence)
{
	if (PUT(b, "{\"sequence\":") < 0)
		return -1;
	return dec_put(b, sequence);
}

/* key followed by "<hex64>", or by null when h is NULL. */
/*@ requires nbuf_valid(b);
    requires \valid_read(key + (0 .. klen - 1));
    requires \separated((const uint8_t *)key + (0 .. klen - 1),
                         b->p + (0 .. b->cap - 1), b);
    requires h == \null || \valid_read(h + (0 .. 31));
    requires h == \null ||
             \separated(h + (0 .. 31), b->p + (0 .. b->cap - 1), b);
    assigns b->len, b->p[b->len .. b->cap - 1];
    ensures nbuf_valid(b) && \old(b->len) <= b->len;
    ensures \result == 0 || \result == -1;
 */
static int put_hex_field(struct nbuf *b, const char *key, size_t klen,
			 const uint8_t *h)
{
	if (nbuf_put(b, key, klen) < 0)
		return -1;
	return h ? hex_put_quoted(b, h, 32) : PUT(b, "null");
}

/* ,"session_id":"<id>" (the id is [A-Za-z0-9_-]: no escaping). */
/*@ requires nbuf_valid(b);
    requires \valid_read(sid + (0 .. sidlen - 1));
    requires \separated((const uint8_t *)sid + (0 .. sidlen - 1),
                         b->p + (0 .. b->cap - 1), b);
    assigns b->len, b->p[b->len .. b->cap - 1];
    ensures nbuf_valid(b) && \old(b->len) <= b->len;
    ensures \result == 0 || \result == -1;
 */
static int put_session_id(struct nbuf *b, const char *sid, size_t sidlen)
{
	if (PUT(b, ",\"session_id\":\"") < 0 || nbuf_put(b, sid, sidlen) < 0)
		return -1;
	return nbuf_putc(b, '"');
}

/* ,"completed_at":"<string>" */
/*@ requires nbuf_valid(b);
    requires \valid_read(at + (0 .. atlen - 1));
    requires \separated(at + (0 .. atlen - 1), b->p + (0 .. b->cap - 1), b);
    assigns b->len, b->p[b->len .. b->cap - 1];
    ensures nbuf_valid(b) && \old(b->len) <= b->len;
    ensures \result == 0 || \result == -1;
 */
static int put_completed_at(struct nbuf *b, const uint8_t *at, size_t atlen,
			    int escaped)
{
	if (PUT(b, ",\"completed_at\":") < 0)
		return -1;
	return put_string(b, at, atlen, escaped);
}

#define KEY(s) (s), sizeof(s) - 1

/* L = {"sequence":N,"session_id":"..","session_digest":"..","completed_at":".."}
 * (the hashed object) or, with line set, the whole record line with
 * prev_chain and chain_hash. All or nothing. */
/*@ requires nbuf_valid(b);
    requires prev == \null || \valid_read(prev + (0 .. 31));
    requires \valid_read(sid + (0 .. sidlen - 1));
    requires \valid_read(digest + (0 .. 31));
    requires \valid_read(at + (0 .. atlen - 1));
    requires line != 0 ==> \valid_read(chain + (0 .. 31));
    requires prev == \null ||
             \separated(prev + (0 .. 31), b->p + (0 .. b->cap - 1), b);
    requires \separated((const uint8_t *)sid + (0 .. sidlen - 1),
                         b->p + (0 .. b->cap - 1), b);
    requires \separated(digest + (0 .. 31), b->p + (0 .. b->cap - 1), b);
    requires \separated(at + (0 .. atlen - 1), b->p + (0 .. b->cap - 1), b);
    requires line != 0 ==>
             \separated(chain + (0 .. 31), b->p + (0 .. b->cap - 1), b);
    assigns b->len, b->p[b->len .. b->cap - 1];
    ensures nbuf_valid(b);
    ensures \result == 0 || \result == -1;
    ensures \result == -1 ==> b->len == \old(b->len);
    ensures \result == 0 ==> \old(b->len) < b->len && b->p[b->len - 1] == '}';
 */
static int format(struct nbuf *b, int line, uint64_t sequence,
		  const uint8_t *prev, const char *sid, size_t sidlen,
		  const uint8_t digest[32], const uint8_t *at, size_t atlen,
		  int escaped, const uint8_t *chain)
{
	size_t start = b->len;

	if (put_sequence(b, sequence) < 0 ||
	    (line && put_hex_field(b, KEY(",\"prev_chain\":"), prev) < 0) ||
	    put_session_id(b, sid, sidlen) < 0 ||
	    put_hex_field(b, KEY(",\"session_digest\":"), digest) < 0 ||
	    put_completed_at(b, at, atlen, escaped) < 0 ||
	    (line && put_hex_field(b, KEY(",\"chain_hash\":"), chain) < 0) ||
	    nbuf_putc(b, '}') < 0) {
		b->len = start;
		return -1;
	}
	return 0;
}

int ledger_chain(const uint8_t *prev, uint64_t sequence,
		 const char *session_id, size_t session_id_len,
		 const uint8_t digest[32], const uint8_t *completed_at,
		 size_t completed_at_len, int escaped, uint8_t out[32])
{
	static const uint8_t zero[32];
	uint8_t mem[LEDGER_LINE_MAX];
	struct nbuf b;
	struct sha256 h;

	nbuf_init(&b, mem, sizeof mem);
	if (format(&b, 0, sequence, NULL, session_id, session_id_len, digest,
		   completed_at, completed_at_len, escaped, NULL) < 0)
		return -1;
	sha256_init(&h);
	sha256_update(&h, AUDIT_SEP_LEDGER, sizeof AUDIT_SEP_LEDGER - 1);
	sha256_update(&h, prev ? prev : zero, 32);
	sha256_update(&h, b.p, b.len);
	sha256_out(&h, out);
	return 0;
}

/* 1 when s[0..n) contains a NUL byte (memchr, as a loop WP can check:
 * Frama-C's memchr contract asks for non-dangling pointers). */
/*@ requires \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 0 <==> (\forall integer k; 0 <= k < n ==> s[k] != 0);
 */
static int has_nul(const uint8_t *s, size_t n)
{
	/*@ loop invariant 0 <= k <= n;
	    loop invariant \forall integer j; 0 <= j < k ==> s[j] != 0;
	    loop assigns k;
	    loop variant n - k;
	 */
	for (size_t k = 0; k < n; k++)
		if (s[k] == 0)
			return 1;
	return 0;
}

int ledger_record_write(struct nbuf *out, uint64_t sequence,
			const uint8_t *prev, const char *session_id,
			size_t session_id_len, const uint8_t digest[32],
			const char *completed_at, size_t completed_at_len,
			uint8_t chain_out[32])
{
	size_t start = out->len;
	const uint8_t *at = (const uint8_t *)completed_at;
	uint8_t chain[32];

	if (!session_id_valid(session_id, session_id_len) ||
	    !utf8_valid(at, completed_at_len) ||
	    has_nul(at, completed_at_len) ||
	    ledger_chain(prev, sequence, session_id, session_id_len, digest,
			 at, completed_at_len, 0, chain) < 0)
		return -1;
	if (format(out, 1, sequence, prev, session_id, session_id_len, digest,
		   at, completed_at_len, 0, chain) < 0 ||
	    out->len - start > LEDGER_LINE_MAX || nbuf_putc(out, '\n') < 0) {
		out->len = start;
		return -1;
	}
	memcpy(chain_out, chain, 32);
	return 0;
}

/* ---- streaming verification ---- */

void ledger_verifier_init(struct ledger_verifier *v, uint8_t *buf, size_t cap,
			  const char *session_id, const uint8_t expected[32])
{
	lines_init(&v->lines, buf, cap, LEDGER_LINE_MAX);
	v->count = 0;
	memset(v->head, 0, 32);
	v->session_id = session_id;
	memcpy(v->expected, expected, 32);
	v->session_found = 0;
	v->digest_matches = 0;
	v->err = LV_OK;
	v->err_line = 0;
	v->detail = 0;
}

/* (Called back by lines_push with the verifier as ctx.) */
/*@ requires \valid((struct ledger_verifier *)ctx);
    requires valid_read_string(((struct ledger_verifier *)ctx)->session_id);
    requires \valid_read(p + (0 .. n - 1));
    requires \separated((struct ledger_verifier *)ctx, p + (0 .. n - 1));
    assigns *(struct ledger_verifier *)ctx;
    ensures \result == 0 || \result == -1;
 */
static int one_record(void *ctx, const uint8_t *p, size_t n)
{
	struct ledger_verifier *v = ctx;
	struct ledger_record r;
	uint8_t chain[32];

	if (ledger_record_parse(p, n, &r, &v->detail) < 0) {
		v->err = LV_PARSE;
		return -1;
	}
	if (r.sequence != v->count) {
		v->err = LV_SEQUENCE;
		return -1;
	}
	if (v->count == 0 ? r.has_prev
			  : (!r.has_prev || !bytes_eq(r.prev, v->head, 32))) {
		v->err = LV_PREV;
		return -1;
	}
	if (ledger_chain(v->count ? v->head : 0, r.sequence,
			 (const char *)r.session_id, r.session_id_len, r.digest,
			 r.completed_at, r.completed_at_len, 1, chain) < 0 ||
	    !bytes_eq(chain, r.chain, 32)) {
		v->err = LV_CHAIN;
		return -1;
	}
	if (r.session_id_len == strlen(v->session_id) &&
	    bytes_eq(r.session_id, (const uint8_t *)v->session_id,
		       r.session_id_len)) {
		/* A later record for the same session overrides (as the
		 * original does). */
		v->session_found = 1;
		v->digest_matches = bytes_eq(r.digest, v->expected, 32);
	}
	memcpy(v->head, chain, 32);
	v->count++;
	return 0;
}

/*@ requires \valid(v);
    assigns v->err_line, v->err;
    ensures \result == 0 || \result == -1;
 */
static int settle(struct ledger_verifier *v, int rc)
{
	if (rc == 0)
		return 0;
	v->err_line = v->lines.done + 1;
	switch (v->lines.err) {
	case LINES_TOO_LONG: v->err = LV_TOO_LONG; break;
	case LINES_EMPTY: v->err = LV_EMPTY_LINE; break;
	case LINES_INCOMPLETE: v->err = LV_INCOMPLETE; break;
	default: break;
	}
	return -1;
}

int ledger_verifier_push(struct ledger_verifier *v, const uint8_t *data,
			 size_t n)
{
	return settle(v, lines_push(&v->lines, data, n, one_record, v));
}

int ledger_verifier_finish(struct ledger_verifier *v)
{
	return settle(v, lines_finish(&v->lines));
}
