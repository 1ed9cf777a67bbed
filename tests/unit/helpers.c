#include "suites.h"

#include "hex.h"

#include <string.h>

void hex32(const char *hex, uint8_t out[32])
{
	ck_assert_uint_eq(strlen(hex), 64);
	ck_assert_int_eq(hex_decode(hex, 32, out), 0);
}

void fill32(uint8_t out[32], uint8_t v)
{
	memset(out, v, 32);
}

char *tohex(const uint8_t *b, size_t n)
{
	static char s[4][1024];
	static int k;
	char *o = s[k++ & 3];

	hex_encode(b, n, o);
	o[2 * n] = 0;
	return o;
}
