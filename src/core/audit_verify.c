#include "audit_verify.h"

#include "hex.h"

#include <string.h>

/* 1 when text[0..64) is the lower-case hex of h. */
static int hex_is(const uint8_t *text, const uint8_t h[32])
{
	char x[64];

	hex_encode(h, 32, x);
	return memcmp(text, x, 64) == 0;
}

void audit_verifier_init(struct audit_verifier *v, uint8_t *buf, size_t cap)
{
	lines_init(&v->lines, buf, cap, AUDIT_LINE_MAX);
	v->count = 0;
	memset(v->chain, 0, sizeof v->chain);
	merkle_init(&v->m);
	v->missing_event_json = 0;
	v->err = AV_OK;
	v->err_line = 0;
	v->detail = 0;
	v->expected = v->got = 0;
}

static int fail(struct audit_verifier *v, int err)
{
	v->err = err;
	return -1;
}

void audit_line_check(const uint8_t *line, size_t n, struct audit_line *l)
{
	struct audit_record r;

	l->detail = 0;
	if (audit_record_parse(line, n, &r, &l->detail) < 0) {
		l->err = AV_PARSE;
		return;
	}
	l->sequence = r.sequence;
	l->prev_hex = r.prev_hex;
	l->chain_hex = r.chain_hex;
	l->has_event_json = r.has_event_json;
	if (r.json_mismatch) {
		l->err = AV_JSON;
		return;
	}
	audit_leaf(r.event, r.event_len, l->leaf);
	l->err = hex_is(r.leaf_hex, l->leaf) ? AV_OK : AV_LEAF;
}

int audit_verifier_accept(struct audit_verifier *v, const struct audit_line *l)
{
	uint8_t chain[32];
	char hex[64];

	v->err_line = v->count + 1;
	if (l->err == AV_PARSE || l->err == AV_EMPTY_LINE ||
	    l->err == AV_TOO_LONG) {
		v->detail = l->detail;
		return fail(v, l->err);
	}
	if (l->sequence != v->count) {
		v->expected = v->count;
		v->got = l->sequence;
		return fail(v, AV_SEQUENCE);
	}
	if (v->count == 0 ? l->prev_hex != NULL
			  : (!l->prev_hex ||
			     memcmp(l->prev_hex, v->chain_hex, 64) != 0))
		return fail(v, AV_PREV);
	if (l->err != AV_OK)
		return fail(v, l->err);
	audit_chain_step(v->count ? v->chain : NULL, l->leaf, chain);
	hex_encode(chain, 32, hex);
	if (memcmp(hex, l->chain_hex, 64) != 0)
		return fail(v, AV_CHAIN);
	if (merkle_push(&v->m, l->leaf) < 0) {
		v->detail = "too many records";
		return fail(v, AV_PARSE);
	}
	memcpy(v->chain, chain, 32);
	memcpy(v->chain_hex, hex, 64);
	if (!l->has_event_json)
		v->missing_event_json = 1;
	v->count++;
	return 0;
}

/* One complete line, both stages. */
static int one_record(void *ctx, const uint8_t *p, size_t n)
{
	struct audit_verifier *v = ctx;
	struct audit_line l;

	audit_line_check(p, n, &l);
	return audit_verifier_accept(v, &l);
}

/* Maps a framing error to the verifier's error and line. */
static int settle(struct audit_verifier *v, int rc)
{
	if (rc == 0)
		return 0;
	if (v->lines.err == LINES_REJECTED)
		return -1; /* audit_verifier_accept set err and err_line */
	v->err_line = v->lines.done + 1;
	switch (v->lines.err) {
	case LINES_TOO_LONG: v->err = AV_TOO_LONG; break;
	case LINES_EMPTY: v->err = AV_EMPTY_LINE; break;
	case LINES_INCOMPLETE: v->err = AV_INCOMPLETE; break;
	default: break; /* LINES_REJECTED: one_record set v->err */
	}
	return -1;
}

int audit_verifier_push(struct audit_verifier *v, const uint8_t *data,
			size_t n)
{
	return settle(v, lines_push(&v->lines, data, n, one_record, v));
}

int audit_verifier_finish(struct audit_verifier *v)
{
	return settle(v, lines_finish(&v->lines));
}

void audit_verifier_result(const struct audit_verifier *v,
			   uint8_t head[32], uint8_t root[32])
{
	memcpy(head, v->chain, 32);
	merkle_root_out(&v->m, root);
}
