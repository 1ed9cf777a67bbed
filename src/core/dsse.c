#include "dsse.h"

/* Decimal digits of v into d (right-aligned); returns the count. */
/*@ requires \valid(d + (0 .. 19));
    assigns d[0 .. 19];
    ensures 1 <= \result <= 20;
 */
static size_t decimal(size_t v, char d[20])
{
	size_t i = 20;

	/*@ loop invariant 0 < i <= 20;
	    loop assigns i, v, d[0 .. 19];
	    loop variant i;
	 */
	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i > 0);
	return 20 - i;
}

int dsse_pae(struct nbuf *out, const char *type, size_t tlen,
	     const uint8_t *body, size_t blen)
{
	char a[20], b[20];
	size_t na = decimal(tlen, a), nb = decimal(blen, b);
	size_t start = out->len;

	if (nbuf_put(out, "DSSEv1 ", 7) < 0 ||
	    nbuf_put(out, a + 20 - na, na) < 0 || nbuf_putc(out, ' ') < 0 ||
	    nbuf_put(out, type, tlen) < 0 || nbuf_putc(out, ' ') < 0 ||
	    nbuf_put(out, b + 20 - nb, nb) < 0 || nbuf_putc(out, ' ') < 0 ||
	    nbuf_put(out, body, blen) < 0) {
		out->len = start;
		return -1;
	}
	return 0;
}
