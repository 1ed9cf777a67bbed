/* Base64 (strict) and hex decoders: accepted input re-encodes to itself. */
#include "fuzz.h"
#include "base64.h"
#include "hex.h"

#include <string.h>

static uint8_t out[1 << 17], back[1 << 18];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nbuf o, b;

	if (size > 1 << 16)
		return 0;
	nbuf_init(&o, out, sizeof out);
	if (base64_decode(&o, (const char *)data, size) == 0) {
		nbuf_init(&b, back, sizeof back);
		PROPERTY(base64_encode(&b, o.p, o.len) == 0);
		PROPERTY(b.len == size && memcmp(back, data, size) == 0);
	} else {
		PROPERTY(o.len == 0);
	}
	if (size % 2 == 0 && hex_decode((const char *)data, size / 2, out) == 0) {
		hex_encode(out, size / 2, (char *)back);
		PROPERTY(memcmp(back, data, size) == 0);
	}
	return 0;
}
