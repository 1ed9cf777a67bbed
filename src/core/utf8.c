#include "utf8.h"

size_t utf8_seq(const uint8_t *s, size_t n)
{
	uint8_t c, lo = 0x80, hi = 0xBF;
	size_t len;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0; /* continuation byte or overlong 2-byte lead */
	if (c < 0xE0) {
		len = 2;
	} else if (c < 0xF0) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0; /* overlong */
		else if (c == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (c < 0xF5) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90; /* overlong */
		else if (c == 0xF4)
			hi = 0x8F; /* above U+10FFFF */
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	/*@ loop invariant 2 <= i <= len;
	    loop assigns i;
	    loop variant len - i;
	 */
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return len;
}

int utf8_valid(const uint8_t *s, size_t n)
{
	size_t i = 0;

	/*@ loop invariant 0 <= i <= n;
	    loop assigns i;
	    loop variant n - i;
	 */
	while (i < n) {
		size_t k;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_seq(s + i, n - i);
		if (k == 0)
			return 0;
		i += k;
	}
	return 1;
}

size_t utf8_put(uint32_t cp, uint8_t out[4])
{
	if (cp < 0x80) {
		out[0] = (uint8_t)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (uint8_t)(0xC0 | (cp >> 6));
		out[1] = (uint8_t)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		return 0;
	if (cp < 0x10000) {
		out[0] = (uint8_t)(0xE0 | (cp >> 12));
		out[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (uint8_t)(0x80 | (cp & 0x3F));
		return 3;
	}
	if (cp <= 0x10FFFF) {
		out[0] = (uint8_t)(0xF0 | (cp >> 18));
		out[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (uint8_t)(0x80 | (cp & 0x3F));
		return 4;
	}
	return 0;
}
