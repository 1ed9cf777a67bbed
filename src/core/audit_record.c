#include "audit_record.h"

#include "audit_hash.h"
#include "audit_schema.h"
#include "cjson.h"
#include "hex.h"
#include "json_write.h"

#include <string.h>

#define LIT(c, s) cj_lit((c), (s), sizeof(s) - 1)

int audit_payload_check(const uint8_t *payload, size_t n)
{
	struct cj c;

	cj_init(&c, payload, n);
	if (cs_match(&c, &audit_payload_type) < 0 || !cj_end(&c))
		return -1;
	return 0;
}

/* End of the string content starting at p[i] (just after the opening
 * quote): index of the closing quote, or n. */
static size_t string_end(const uint8_t *p, size_t i, size_t n)
{
	for (;;) {
		const uint8_t *q = memchr(p + i, '"', n - i);
		size_t k, bs = 0;
		if (!q)
			return n;
		k = (size_t)(q - p);
		while (k - bs > i && p[k - bs - 1] == '\\')
			bs++;
		if (bs % 2 == 0)
			return k;
		i = k + 1;
	}
}

/* 1 when esc[0..en) is exactly the canonical escaping of ev[0..vn). */
static int escapes_to(const uint8_t *esc, size_t en, const uint8_t *ev,
		      size_t vn)
{
	size_t j = 0;

	for (size_t k = 0; k < vn; k++) {
		uint8_t b = ev[k], s[6];
		size_t sl;
		if (b >= 0x20 && b != '"' && b != '\\') {
			if (j >= en || esc[j] != b)
				return 0;
			j++;
			continue;
		}
		s[0] = '\\';
		sl = 2;
		switch (b) {
		case '"': s[1] = '"'; break;
		case '\\': s[1] = '\\'; break;
		case 0x08: s[1] = 'b'; break;
		case 0x09: s[1] = 't'; break;
		case 0x0A: s[1] = 'n'; break;
		case 0x0C: s[1] = 'f'; break;
		case 0x0D: s[1] = 'r'; break;
		default:
			s[1] = 'u';
			s[2] = '0';
			s[3] = '0';
			s[4] = (uint8_t)hex_digit(b >> 4);
			s[5] = (uint8_t)hex_digit(b & 15u);
			sl = 6;
		}
		if (en - j < sl || memcmp(esc + j, s, sl) != 0)
			return 0;
		j += sl;
	}
	return j == en;
}

int audit_record_parse(const uint8_t *line, size_t n, struct audit_record *r,
		       const char **why)
{
	struct cj c;
	size_t cs = 0, ce = 0, es;

	cj_init(&c, line, n);
	*why = "not a canonical audit event record";
	if (LIT(&c, "{\"sequence\":") < 0 ||
	    cj_u64(&c, UINT64_MAX, &r->sequence) < 0 ||
	    LIT(&c, ",\"prev_chain\":") < 0)
		return -1;
	if (LIT(&c, "null") == 0) {
		r->has_prev = 0;
	} else if (cj_hex(&c, r->prev, 32) == 0) {
		r->has_prev = 1;
	} else {
		*why = "prev_chain is not null or 64 lower-case hex digits";
		return -1;
	}
	if (LIT(&c, ",\"leaf_hash\":") < 0 || cj_hex(&c, r->leaf, 32) < 0 ||
	    LIT(&c, ",\"chain_hash\":") < 0 || cj_hex(&c, r->chain, 32) < 0) {
		*why = "leaf_hash/chain_hash missing or not 64 lower-case hex "
		       "digits";
		return -1;
	}
	r->has_event_json = LIT(&c, ",\"event_json\":\"") == 0;
	if (r->has_event_json) {
		cs = c.i;
		ce = string_end(line, cs, n);
		if (ce >= n) {
			*why = "unterminated event_json string";
			return -1;
		}
		c.i = ce + 1;
	}
	if (LIT(&c, ",\"event\":") < 0) {
		*why = "missing event, or keys out of canonical order";
		return -1;
	}
	es = c.i;
	if (n - es < 1 || line[n - 1] != '}') {
		*why = "record does not end with '}'";
		return -1;
	}
	r->event = line + es;
	r->event_len = n - 1 - es;
	if (audit_payload_check(r->event, r->event_len) < 0) {
		*why = "event is not a canonical audit event payload";
		return -1;
	}
	r->json_mismatch = r->has_event_json &&
			   !escapes_to(line + cs, ce - cs, r->event,
				       r->event_len);
	return 0;
}

int audit_record_write(struct nbuf *out, uint64_t sequence,
		       const uint8_t *prev, const uint8_t *payload, size_t n,
		       uint8_t leaf_out[32], uint8_t chain_out[32])
{
	size_t start = out->len;
	uint8_t leaf[32], chain[32];
	struct jw w;

	if (audit_payload_check(payload, n) < 0)
		return -1;
	audit_leaf(payload, n, leaf);
	audit_chain_step(prev, leaf, chain);
	jw_init(&w, out, 0);
	jw_obj_begin(&w);
	jw_key(&w, "sequence");
	jw_u64(&w, sequence);
	jw_key(&w, "prev_chain");
	if (prev)
		jw_hex(&w, prev, 32);
	else
		jw_null(&w);
	jw_key(&w, "leaf_hash");
	jw_hex(&w, leaf, 32);
	jw_key(&w, "chain_hash");
	jw_hex(&w, chain, 32);
	jw_key(&w, "event_json");
	jw_strn(&w, payload, n);
	jw_key(&w, "event");
	jw_raw(&w, payload, n);
	jw_obj_end(&w);
	if (jw_finish(&w) != JW_OK || out->len - start > AUDIT_LINE_MAX ||
	    nbuf_putc(out, '\n') < 0) {
		out->len = start;
		return -1;
	}
	memcpy(leaf_out, leaf, 32);
	memcpy(chain_out, chain, 32);
	return 0;
}
