#include "audit_verify.h"

#include <string.h>

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

/* One complete line: the checks of spec/audit-log.md §6, in order. */
static int one_record(void *ctx, const uint8_t *p, size_t n)
{
	struct audit_verifier *v = ctx;
	struct audit_record r;
	uint8_t leaf[32], chain[32];

	if (audit_record_parse(p, n, &r, &v->detail) < 0)
		return fail(v, AV_PARSE);
	if (r.sequence != v->count) {
		v->expected = v->count;
		v->got = r.sequence;
		return fail(v, AV_SEQUENCE);
	}
	if (v->count == 0 ? r.has_prev
			  : (!r.has_prev || memcmp(r.prev, v->chain, 32) != 0))
		return fail(v, AV_PREV);
	if (r.json_mismatch)
		return fail(v, AV_JSON);
	audit_leaf(r.event, r.event_len, leaf);
	if (memcmp(leaf, r.leaf, 32) != 0)
		return fail(v, AV_LEAF);
	audit_chain_step(v->count ? v->chain : 0, leaf, chain);
	if (memcmp(chain, r.chain, 32) != 0)
		return fail(v, AV_CHAIN);
	if (merkle_push(&v->m, leaf) < 0) {
		v->detail = "too many records";
		return fail(v, AV_PARSE);
	}
	memcpy(v->chain, chain, 32);
	if (!r.has_event_json)
		v->missing_event_json = 1;
	v->count++;
	return 0;
}

/* Maps a framing error to the verifier's error and line. */
static int settle(struct audit_verifier *v, int rc)
{
	if (rc == 0)
		return 0;
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
