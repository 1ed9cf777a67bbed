/* Inclusion proof JSON: parse, verify (total), and write back to a form
 * that parses to the same proof. */
#include "fuzz.h"
#include "merkle_proof_json.h"

#include <string.h>

static jsmntok_t tok[1 << 14];
static uint8_t out[1 << 15];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct merkle_proof p, q;
	const char *why;
	struct nbuf o;
	struct jw w;

	if (merkle_proof_parse(data, size, tok, sizeof tok / sizeof *tok, &p,
			       &why) < 0)
		return 0;
	(void)merkle_verify(&p);
	nbuf_init(&o, out, sizeof out);
	jw_init(&w, &o, 0);
	merkle_proof_write(&w, &p);
	PROPERTY(jw_finish(&w) == JW_OK);
	PROPERTY(merkle_proof_parse(o.p, o.len, tok, sizeof tok / sizeof *tok,
				    &q, &why) == 0);
	PROPERTY(p.leaf_index == q.leaf_index && p.leaf_count == q.leaf_count &&
		 p.nsib == q.nsib && !memcmp(p.leaf_hash, q.leaf_hash, 32) &&
		 !memcmp(p.sib, q.sib, 32 * p.nsib) &&
		 !memcmp(p.dir, q.dir, p.nsib) &&
		 merkle_verify(&p) == merkle_verify(&q));
	return 0;
}
