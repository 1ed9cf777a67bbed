/* Strict JSON reader: never crashes; a document it accepts re-serializes
 * (json_copy) to a compact form that it accepts again and that is stable. */
#include "fuzz.h"
#include "json_copy.h"

#include <string.h>

static jsmntok_t tok[1 << 16];
static uint8_t a[1 << 17], b[1 << 17];

static size_t copy(const struct json_doc *d, uint8_t *out, size_t cap)
{
	struct nbuf nb;
	struct jw w;

	nbuf_init(&nb, out, cap);
	jw_init(&w, &nb, 0);
	json_copy(&w, d, 0);
	PROPERTY(jw_finish(&w) == JW_OK);
	return nb.len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_doc d;
	struct json_err e;
	size_t na, nb;

	if (size > sizeof a / 2 ||
	    json_parse(&d, data, size, tok, sizeof tok / sizeof *tok, &e) < 0)
		return 0;
	na = copy(&d, a, sizeof a);
	PROPERTY(json_parse(&d, a, na, tok, sizeof tok / sizeof *tok, &e) == 0);
	nb = copy(&d, b, sizeof b);
	PROPERTY(na == nb && memcmp(a, b, na) == 0);
	return 0;
}
