#include "audit_record.h"

#include "audit_hash.h"
#include "audit_schema.h"
#include "cjson.h"
#include "json_write.h"

#include <string.h>

#if defined(__SSE2__) && !defined(__FRAMAC__)
#include <emmintrin.h>
#endif

#define LIT(c, s) cj_lit((c), (s), sizeof(s) - 1)

int audit_payload_check(const uint8_t *payload, size_t n)
{
	struct cj c;

	cj_init(&c, payload, n);
	if (cs_match(&c, &audit_payload_type) < 0 || !cj_end(&c))
		return -1;
	return 0;
}

/* Where the event_json string closes: the first `","event":` at or after
 * i whose first quote is not escaped. (Its second quote follows a comma,
 * so it is unescaped and cannot lie inside the string: the first such
 * occurrence is the only candidate.) Returns the index of the closing
 * quote, or n. */
static size_t event_json_end(const uint8_t *p, size_t i, size_t n)
{
	static const char SEP[] = "\",\"event\":";
	const uint8_t *q = memmem(p + i, n - i, SEP, sizeof SEP - 1);
	size_t k, bs = 0;

	if (!q)
		return n;
	k = (size_t)(q - p);
	while (k - bs > i && p[k - bs - 1] == '\\')
		bs++;
	return bs % 2 == 0 ? k : n;
}

/* "<64 characters>" as a span (content checked by the caller's compare). */
static int hex64_span(struct cj *c, const uint8_t **out)
{
	const uint8_t *p = c->p + c->i;

	if (c->n - c->i < 66 || p[0] != '"' || p[65] != '"' ||
	    memchr(p + 1, '"', 64) || memchr(p + 1, '\\', 64))
		return -1;
	*out = p + 1;
	c->i += 66;
	return 0;
}

/* 1 when esc[0..en) is exactly the canonical escaping of ev[0..vn).
 * The event is canonical JSON, so it has no raw control bytes and its
 * only escapes are \" and \\. With SSE2, runs of ordinary bytes are
 * compared 16 at a time; the scalar loop is branch-free per byte (quotes
 * are too frequent and irregular for a branch predictor). */
static int escapes_to(const uint8_t *esc, size_t en, const uint8_t *ev,
		      size_t vn)
{
	size_t j = 0, k = 0;
	unsigned bad = 0;

#if defined(__SSE2__) && !defined(__FRAMAC__)
	const __m128i q = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\');
	const __m128i c1f = _mm_set1_epi8(0x1f);

	while (k + 16 <= vn && j + 16 <= en) {
		__m128i e = _mm_loadu_si128((const __m128i *)(const void *)(ev + k));
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(esc + j));
		__m128i sp = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(e, q), _mm_cmpeq_epi8(e, bs)),
			_mm_cmpeq_epi8(_mm_max_epu8(e, c1f), c1f));
		unsigned sm = (unsigned)_mm_movemask_epi8(sp);
		unsigned eq = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(e, x));
		unsigned run, want;
		uint8_t b;

		if (sm == 0) {
			if (eq != 0xFFFFu)
				return 0;
			j += 16;
			k += 16;
			continue;
		}
		run = (unsigned)__builtin_ctz(sm); /* ordinary bytes first */
		want = (1u << run) - 1;
		if ((eq & want) != want)
			return 0;
		j += run;
		k += run;
		b = ev[k]; /* '"', '\\' or a control byte */
		if (b < 0x20 || j + 1 >= en || esc[j] != '\\' || esc[j + 1] != b)
			return 0;
		j += 2;
		k++;
	}
#endif
	/* two bytes of esc are readable in this loop */
	while (k < vn && j + 2 <= en) {
		uint8_t b = ev[k];
		unsigned sp = (b == '"') | (b == '\\');
		uint8_t want = sp ? '\\' : b;
		bad |= (esc[j] != want) | (sp & (esc[j + 1] != b)) | (b < 0x20);
		j += 1 + sp;
		k++;
	}
	/* at most one byte of esc left */
	if (k < vn) {
		uint8_t b = ev[k];
		if (j >= en || b == '"' || b == '\\' || b < 0x20 || esc[j] != b)
			return 0;
		j++;
		k++;
	}
	return !bad && k == vn && j == en;
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
		r->prev_hex = NULL;
	} else if (hex64_span(&c, &r->prev_hex) < 0) {
		*why = "prev_chain is not null or a 64-character hash";
		return -1;
	}
	if (LIT(&c, ",\"leaf_hash\":") < 0 || hex64_span(&c, &r->leaf_hex) < 0 ||
	    LIT(&c, ",\"chain_hash\":") < 0 ||
	    hex64_span(&c, &r->chain_hex) < 0) {
		*why = "leaf_hash/chain_hash missing or not a 64-character hash";
		return -1;
	}
	r->has_event_json = LIT(&c, ",\"event_json\":\"") == 0;
	if (r->has_event_json) {
		cs = c.i;
		ce = event_json_end(line, cs, n);
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
