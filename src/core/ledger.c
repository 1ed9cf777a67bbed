#include "ledger.h"

#include "audit_hash.h"
#include "cjson.h"
#include "json_write.h"
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

static void hash_sink(void *ctx, const uint8_t *p, size_t n)
{
	sha256_update(ctx, p, n);
}

void ledger_chain(const uint8_t *prev, uint64_t sequence,
		  const char *session_id, size_t session_id_len,
		  const uint8_t digest[32], const uint8_t *completed_at,
		  size_t completed_at_len, int escaped, uint8_t out[32])
{
	static const uint8_t zero[32];
	struct sha256 h;
	uint8_t mem[256];
	struct nbuf b;
	struct jw w;

	sha256_init(&h);
	sha256_update(&h, AUDIT_SEP_LEDGER, sizeof AUDIT_SEP_LEDGER - 1);
	sha256_update(&h, prev ? prev : zero, 32);
	nbuf_init(&b, mem, sizeof mem);
	jw_init(&w, &b, 0);
	jw_set_flush(&w, hash_sink, &h);
	jw_obj_begin(&w);
	jw_key(&w, "sequence");
	jw_u64(&w, sequence);
	jw_key(&w, "session_id");
	jw_strn(&w, (const uint8_t *)session_id, session_id_len);
	jw_key(&w, "session_digest");
	jw_hex(&w, digest, 32);
	jw_key(&w, "completed_at");
	if (escaped)
		jw_jstr(&w, completed_at, completed_at_len);
	else
		jw_strn(&w, completed_at, completed_at_len);
	jw_obj_end(&w);
	(void)jw_finish(&w); /* inputs are validated by the callers */
	sha256_out(&h, out);
}

int ledger_record_write(struct nbuf *out, uint64_t sequence,
			const uint8_t *prev, const char *session_id,
			size_t session_id_len, const uint8_t digest[32],
			const char *completed_at, size_t completed_at_len,
			uint8_t chain_out[32])
{
	size_t start = out->len;
	uint8_t chain[32];
	struct jw w;

	if (!session_id_valid(session_id, session_id_len) ||
	    !utf8_valid((const uint8_t *)completed_at, completed_at_len) ||
	    memchr(completed_at, 0, completed_at_len))
		return -1;
	ledger_chain(prev, sequence, session_id, session_id_len, digest,
		     (const uint8_t *)completed_at, completed_at_len, 0, chain);
	jw_init(&w, out, 0);
	jw_obj_begin(&w);
	jw_key(&w, "sequence");
	jw_u64(&w, sequence);
	jw_key(&w, "prev_chain");
	if (prev)
		jw_hex(&w, prev, 32);
	else
		jw_null(&w);
	jw_key(&w, "session_id");
	jw_strn(&w, (const uint8_t *)session_id, session_id_len);
	jw_key(&w, "session_digest");
	jw_hex(&w, digest, 32);
	jw_key(&w, "completed_at");
	jw_strn(&w, (const uint8_t *)completed_at, completed_at_len);
	jw_key(&w, "chain_hash");
	jw_hex(&w, chain, 32);
	jw_obj_end(&w);
	if (jw_finish(&w) != JW_OK || out->len - start > LEDGER_LINE_MAX ||
	    nbuf_putc(out, '\n') < 0) {
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
	ledger_chain(v->count ? v->head : 0, r.sequence,
		     (const char *)r.session_id, r.session_id_len, r.digest,
		     r.completed_at, r.completed_at_len, 1, chain);
	if (memcmp(chain, r.chain, 32) != 0) {
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
