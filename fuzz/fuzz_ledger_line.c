/* Ledger: the record parser, and the streaming verifier independent of
 * chunking; a record that parses re-writes to the same line when its
 * chain hash is right. */
#include "fuzz.h"
#include "json_str.h"
#include "ledger.h"

#include <string.h>

static uint8_t lbuf[LEDGER_LINE_MAX];

static void run(const uint8_t *data, size_t size, size_t chunk,
		struct ledger_verifier *v)
{
	static const uint8_t zero[32];

	ledger_verifier_init(v, lbuf, sizeof lbuf, "s", zero);
	for (size_t i = 0; i < size; i += chunk)
		if (ledger_verifier_push(v, data + i,
					 size - i < chunk ? size - i : chunk) < 0)
			return;
	(void)ledger_verifier_finish(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ledger_record r;
	struct ledger_verifier v1, v2;
	const char *why;

	if (ledger_record_parse(data, size, &r, &why) == 0 && r.sequence == 0 &&
	    !r.has_prev) {
		uint8_t out[LEDGER_LINE_MAX + 2], chain[32];
		struct nbuf o;
		uint8_t at[LEDGER_LINE_MAX];
		struct nbuf atb;
		/* completed_at is canonical escaped text: unescape it */
		nbuf_init(&atb, at, sizeof at);
		PROPERTY(json_unescape(&atb, r.completed_at, r.completed_at_len) == 0);
		nbuf_init(&o, out, sizeof out);
		if (ledger_record_write(&o, 0, NULL, (const char *)r.session_id,
					r.session_id_len, r.digest,
					(const char *)at, atb.len, chain) == 0 &&
		    memcmp(chain, r.chain, 32) == 0)
			PROPERTY(o.len == size + 1 && memcmp(o.p, data, size) == 0);
	}
	if (size == 0)
		return 0;
	run(data, size, size, &v1);
	run(data, size, (size_t)data[0] % 13 + 1, &v2);
	PROPERTY(v1.err == v2.err && v1.count == v2.count);
	return 0;
}
