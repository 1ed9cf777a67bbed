/* Audit event log: the record parser and the streaming verifier. The
 * verifier's result must not depend on how the input is chunked. */
#include "fuzz.h"
#include "audit_verify.h"

#include <string.h>

static uint8_t lbuf[AUDIT_LINE_MAX];

static void run(const uint8_t *data, size_t size, size_t chunk,
		struct audit_verifier *v)
{
	audit_verifier_init(v, lbuf, sizeof lbuf);
	for (size_t i = 0; i < size; i += chunk)
		if (audit_verifier_push(v, data + i,
					size - i < chunk ? size - i : chunk) < 0)
			return;
	(void)audit_verifier_finish(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct audit_line l;
	struct audit_verifier v1, v2;
	uint8_t h1[32], r1[32], h2[32], r2[32];
	size_t chunk;

	audit_line_check(data, size, &l);
	(void)audit_payload_check(data, size);
	if (size == 0)
		return 0;
	chunk = (size_t)data[0] % 17 + 1;
	run(data, size, size, &v1);
	run(data, size, chunk, &v2);
	PROPERTY(v1.err == v2.err && v1.count == v2.count &&
		 v1.err_line == v2.err_line);
	if (v1.err == AV_OK) {
		audit_verifier_result(&v1, h1, r1);
		audit_verifier_result(&v2, h2, r2);
		PROPERTY(!memcmp(h1, h2, 32) && !memcmp(r1, r2, 32));
	}
	return 0;
}
