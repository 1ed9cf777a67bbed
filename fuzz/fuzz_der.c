/* DER ECDSA signatures: total; a signature that decodes re-encodes
 * (minimal DER) to the same bytes; verification never accepts garbage
 * for the test key and a fixed hash. */
#include "fuzz.h"
#include "p256.h"

#include <string.h>

static size_t der_int(uint8_t *o, const uint8_t v[32])
{
	size_t i = 0, n;

	while (i < 31 && v[i] == 0)
		i++;
	n = 32 - i;
	o[0] = 2;
	if (v[i] & 0x80) {
		o[1] = (uint8_t)(n + 1);
		o[2] = 0;
		memcpy(o + 3, v + i, n);
		return n + 3;
	}
	o[1] = (uint8_t)n;
	memcpy(o + 2, v + i, n);
	return n + 2;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t rs[64], enc[80];
	size_t n;

	if (p256_sig_der_decode(data, size, rs) < 0)
		return 0;
	n = der_int(enc + 2, rs);
	n += der_int(enc + 2 + n, rs + 32);
	enc[0] = 0x30;
	enc[1] = (uint8_t)n;
	PROPERTY(n + 2 == size && memcmp(enc, data, size) == 0);
	return 0;
}
