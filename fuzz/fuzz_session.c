/* session.json: parse; what parses writes back (pretty) to a document that
 * parses to the same digest. */
#include "fuzz.h"
#include "session.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t ntok = json_tokens_for(size), acap = session_arena_for(size);
	jsmntok_t *tok = malloc(ntok * sizeof *tok);
	uint8_t *arena = malloc(acap), *out = malloc(4 * size + 4096);
	uint8_t *arena2 = NULL;
	jsmntok_t *tok2 = NULL;
	struct session_meta m, m2;
	struct session_err e;
	struct nbuf a, o;
	struct jw w;
	uint8_t d1[32], d2[32];

	nbuf_init(&a, arena, acap);
	if (session_parse(data, size, tok, (unsigned)ntok, &a, &m, &e) < 0)
		goto out;
	session_digest(&m, d1);
	nbuf_init(&o, out, 4 * size + 4096);
	jw_init(&w, &o, 1);
	session_write(&w, &m);
	PROPERTY(jw_finish(&w) == JW_OK);
	tok2 = malloc(json_tokens_for(o.len) * sizeof *tok2);
	arena2 = malloc(session_arena_for(o.len));
	nbuf_init(&a, arena2, session_arena_for(o.len));
	PROPERTY(session_parse(o.p, o.len, tok2, (unsigned)json_tokens_for(o.len),
			       &a, &m2, &e) == 0);
	session_digest(&m2, d2);
	PROPERTY(memcmp(d1, d2, 32) == 0);
out:
	free(tok);
	free(arena);
	free(out);
	free(tok2);
	free(arena2);
	return 0;
}
