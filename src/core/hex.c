#include "hex.h"

char hex_digit(unsigned v)
{
	v &= 15u;
	return (char)(v < 10 ? '0' + v : 'a' + (v - 10));
}

int hex_value(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

void hex_encode(const uint8_t *in, size_t n, char *out)
{
	/*@ loop invariant 0 <= i <= n;
	    loop invariant \forall integer k; 0 <= k < i ==>
	        hexval(out[2 * k]) * 16 + hexval(out[2 * k + 1]) == in[k];
	    loop assigns i, out[0 .. 2 * n - 1];
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hex_digit(in[i] >> 4);
		out[2 * i + 1] = hex_digit(in[i] & 15u);
	}
}

int hex_decode(const char *in, size_t n, uint8_t *out)
{
	const uint8_t *s = (const uint8_t *)in;

	/* First pass validates so that failure leaves out untouched. */
	/*@ loop invariant 0 <= i <= 2 * n;
	    loop invariant \forall integer k; 0 <= k < i ==> is_lhex(s[k]);
	    loop assigns i;
	    loop variant 2 * n - i;
	 */
	for (size_t i = 0; i < 2 * n; i++)
		if (hex_value(s[i]) < 0)
			return -1;
	/*@ loop invariant 0 <= i <= n;
	    loop invariant \forall integer k; 0 <= k < i ==>
	        out[k] == hexval(s[2 * k]) * 16 + hexval(s[2 * k + 1]);
	    loop assigns i, out[0 .. n - 1];
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++)
		out[i] = (uint8_t)(hex_value(s[2 * i]) * 16 +
				   hex_value(s[2 * i + 1]));
	return 0;
}
