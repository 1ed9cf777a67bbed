#include "ledger.h"

#include "audit_hash.h"
#include "cjson.h"
#include "decimal.h"
#include "hex.h"
#include "json_str.h"
#include "session.h"
#include "sha256.h"
#include "utf8.h"

#include <string.h>

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
	if (LIT(&c, ",\"chain_hash\":") < 0 || cj_hex(&c, r->chain, 32) < 0 ||
	    LIT(&c, "}") < 0 || !cj_end(&c))
		return -1;
	return 0;
}

#define PUT(b, s) nbuf_put((b), (s), sizeof(s) - 1)

/* "<completed_at>": raw UTF-8 is escaped canonically; escaped input is
 * already canonical escaped content (from a parsed record) and is copied. */
static int put_string(struct nbuf *b, const uint8_t *s, size_t n,
		      int escaped)
{
	size_t start = b->len;

	if (nbuf_putc(b, '"') < 0 ||
	    (escaped ? nbuf_put(b, s, n) : json_escape(b, s, n)) < 0 ||
	    nbuf_putc(b, '"') < 0) {
		b->len = start;
		return -1;
	}
	return 0;
}

/* L = {"sequence":N,"session_id":"..","session_digest":"..","completed_at":".."}
 * (the hashed object) or, with line set, the whole record line with
 * prev_chain and chain_hash. The session id is [A-Za-z0-9_-] and needs
 * no escaping. All or nothing. */
static int format(struct nbuf *b, int line, uint64_t sequence,
		  const uint8_t *prev, const char *sid, size_t sidlen,
		  const uint8_t digest[32], const uint8_t *at, size_t atlen,
		  int escaped, const uint8_t *chain)
{
	size_t start = b->len;

	if (PUT(b, "{\"sequence\":") < 0 || dec_put(b, sequence) < 0)
		goto full;
	if (line) {
		if (PUT(b, ",\"prev_chain\":") < 0 ||
		    (prev ? hex_put_quoted(b, prev, 32) : PUT(b, "null")) < 0)
			goto full;
	}
	if (PUT(b, ",\"session_id\":\"") < 0 ||
	    nbuf_put(b, sid, sidlen) < 0 ||
	    PUT(b, "\",\"session_digest\":") < 0 ||
	    hex_put_quoted(b, digest, 32) < 0 ||
	    PUT(b, ",\"completed_at\":") < 0 ||
	    put_string(b, at, atlen, escaped) < 0)
		goto full;
	if (line && (PUT(b, ",\"chain_hash\":") < 0 ||
		     hex_put_quoted(b, chain, 32) < 0))
		goto full;
	if (nbuf_putc(b, '}') < 0)
		goto full;
	return 0;
full:
	b->len = start;
	return -1;
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
	    memchr(at, 0, completed_at_len) ||
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
			  : (!r.has_prev || memcmp(r.prev, v->head, 32) != 0)) {
		v->err = LV_PREV;
		return -1;
	}
	if (ledger_chain(v->count ? v->head : 0, r.sequence,
			 (const char *)r.session_id, r.session_id_len, r.digest,
			 r.completed_at, r.completed_at_len, 1, chain) < 0 ||
	    memcmp(chain, r.chain, 32) != 0) {
		v->err = LV_CHAIN;
		return -1;
	}
	if (r.session_id_len == strlen(v->session_id) &&
	    memcmp(r.session_id, v->session_id, r.session_id_len) == 0) {
		/* A later record for the same session overrides (as the
		 * original does). */
		v->session_found = 1;
		v->digest_matches = memcmp(r.digest, v->expected, 32) == 0;
	}
	memcpy(v->head, chain, 32);
	v->count++;
	return 0;
}

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
