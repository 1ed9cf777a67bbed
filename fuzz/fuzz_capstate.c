/*
 * The capability state file reader (src/core/capset_json.c). Property:
 * whatever it accepts, written back and read again, is the same set.
 */
#include "fuzz.h"

#include "capset_json.h"

#include <string.h>

static jsmntok_t tok[4096];
static uint8_t arena1[1 << 16], arena2[1 << 16], out[1 << 17];
static struct capset a, b;

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct nbuf ar1, ar2, o;
	struct jw w;

	nbuf_init(&ar1, arena1, sizeof arena1);
	if (capset_json_parse(d, n, tok, 4096, &a, &ar1) < 0)
		return 0;
	nbuf_init(&o, out, sizeof out);
	jw_init(&w, &o, 0);
	capset_json_write(&w, &a);
	PROPERTY(jw_finish(&w) == JW_OK);
	nbuf_init(&ar2, arena2, sizeof arena2);
	PROPERTY(capset_json_parse(o.p, o.len, tok, 4096, &b, &ar2) == 0);
	PROPERTY(a.nfs == b.nfs && a.net == b.net && a.nbypass == b.nbypass);
	for (size_t i = 0; i < a.nfs; i++) {
		PROPERTY(!strcmp(a.fs[i].original, b.fs[i].original));
		PROPERTY(!strcmp(a.fs[i].resolved, b.fs[i].resolved));
		PROPERTY(a.fs[i].access == b.fs[i].access);
		PROPERTY(a.fs[i].is_file == b.fs[i].is_file);
		PROPERTY(a.fs[i].source == b.fs[i].source);
	}
	return 0;
}
