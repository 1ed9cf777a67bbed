#include "hex.h"

char hex_digit(unsigned v)
{
	static const char digits[16] = "0123456789abcdef";

	/* v % 16 is v & 15 (same code), in arithmetic the proof can use. */
	return digits[v % 16u];
}

/* Branch-free: random hex digits would defeat the branch predictor (a
 * branchy version cost 40% of `audit verify`). is_d and is_l are 0/1 and
 * never both 1. */
int hex_value(uint8_t c)
{
	int d = (int)c - '0', l = (int)c - 'a';
	/* Compiled as (unsigned)d <= 9u and (unsigned)l <= 5u (no branch). */
	int is_d = c >= '0' && c <= '9', is_l = c >= 'a' && c <= 'f';

	return is_d * d + is_l * (l + 10) - (1 - is_d - is_l);
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
		out[2 * i] = hex_digit(in[i] / 16u);
		out[2 * i + 1] = hex_digit(in[i] % 16u);
	}
}

int hex_decode(const char *in, size_t n, uint8_t *out)
{
	const uint8_t *s = (const uint8_t *)in;
	int bad = 0;

	/* First pass validates so that failure leaves out untouched; it does
	 * not stop early (no data-dependent branch in the loop). */
	/*@ loop invariant 0 <= i <= 2 * n;
	    loop invariant bad == 0 || bad == 1;
	    loop invariant bad == 0 <==> (\forall integer k; 0 <= k < i ==> is_lhex(s[k]));
	    loop assigns i, bad;
	    loop variant 2 * n - i;
	 */
	for (size_t i = 0; i < 2 * n; i++)
		bad |= hex_value(s[i]) < 0;
	if (bad)
		return -1;
	/*@ loop invariant 0 <= i <= n;
	    loop invariant \forall integer k; 0 <= k < 2 * n ==> is_lhex(s[k]);
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

int hex_put_quoted(struct nbuf *out, const uint8_t *in, size_t n)
{
	char tmp[130];

	tmp[0] = '"';
	hex_encode(in, n, tmp + 1);
	tmp[2 * n + 1] = '"';
	return nbuf_put(out, tmp, 2 * n + 2);
}
