#include "decimal.h"

int dec_u64(const uint8_t *s, size_t n, uint64_t *v)
{
	uint64_t r = 0;

	if (n == 0 || n > 20 || (s[0] == '0' && n > 1))
		return -1;
	/*@ loop invariant 0 <= i <= n;
	    loop invariant \forall integer k; 0 <= k < i ==> dec_digit(s[k]);
	    loop invariant r == dec_val(s, i);
	    loop assigns i, r;
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++) {
		unsigned d;
		if (s[i] < '0' || s[i] > '9')
			return -1;
		d = (unsigned)(s[i] - '0');
		if (r > (UINT64_MAX - d) / 10)
			return -1;
		r = r * 10 + d;
	}
	*v = r;
	return 0;
}

int dec_i64(const uint8_t *s, size_t n, int64_t *v)
{
	uint64_t m;

	if (n > 0 && s[0] == '-') {
		if (dec_u64(s + 1, n - 1, &m) < 0 || m == 0 ||
		    m > (uint64_t)INT64_MAX + 1)
			return -1;
		*v = m == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)m;
		return 0;
	}
	if (dec_u64(s, n, &m) < 0 || m > (uint64_t)INT64_MAX)
		return -1;
	*v = (int64_t)m;
	return 0;
}

size_t dec_span(const uint8_t *s, size_t n)
{
	size_t i = 0;

	/*@ loop invariant 0 <= i <= n;
	    loop invariant \forall integer k; 0 <= k < i ==>
	                     s[k] == '-' || dec_digit(s[k]);
	    loop assigns i;
	    loop variant n - i;
	 */
	while (i < n && (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')))
		i++;
	return i;
}

int dec_put(struct nbuf *out, uint64_t v)
{
	uint8_t d[20];
	size_t i = 20;

	/*@ loop invariant 0 < i <= 20;
	    loop invariant \forall integer k; i <= k < 20 ==> dec_digit(d[k]);
	    loop assigns i, v, d[0 .. 19];
	    loop variant i;
	 */
	do {
		d[--i] = (uint8_t)('0' + v % 10);
		//@ assert dec_digit(d[i]);
		v /= 10;
	} while (v && i > 0);
	//@ assert i < 20 && (size_t)(20 - i) == 20 - i;
	//@ assert \forall integer k; i <= k < 20 ==> dec_digit(d[k]);
	return nbuf_put(out, d + i, 20 - i);
}
