/*
 * Byte-string equality (bytes.h). Contracts in bytes.h; proved by
 * `make prove`.
 */
#include "bytes.h"

int bytes_eq(const uint8_t *a, const uint8_t *b, size_t n)
{
	/*@ loop invariant 0 <= k <= n;
	    loop assigns k;
	    loop variant n - k; */
	for (size_t k = 0; k < n; k++)
		if (a[k] != b[k])
			return 0;
	return 1;
}

int chars_eq(const char *a, const char *b, size_t n)
{
	/*@ loop invariant 0 <= k <= n;
	    loop assigns k;
	    loop variant n - k; */
	for (size_t k = 0; k < n; k++)
		if (a[k] != b[k])
			return 0;
	return 1;
}

int bytes_eq_chars(const uint8_t *a, const char *b, size_t n)
{
	/*@ loop invariant 0 <= k <= n;
	    loop assigns k;
	    loop variant n - k; */
	for (size_t k = 0; k < n; k++)
		if (a[k] != (uint8_t)b[k])
			return 0;
	return 1;
}
