/* Host name matching (spec/profiles.md §9). */
#include "hostmatch.h"

#include <string.h>

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int same(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower(a[i]) != lower(b[i]))
			return 0;
	return 1;
}

int host_match(const char *entry, const char *host, size_t n)
{
	size_t m = strlen(entry);
	int suffix = 0;

	if (n && host[n - 1] == '.')
		n--;
	if (m && entry[m - 1] == '.')
		m--;
	if (m >= 2 && entry[0] == '*' && entry[1] == '.') {
		entry++;
		m--;
	}
	if (m && entry[0] == '.')
		suffix = 1;
	if (n == 0 || m == 0 || (suffix && m == 1))
		return 0;
	if (!suffix)
		return m == n && same(entry, host, n);
	/* ".example.com": host ends with it and has a label in front */
	return n > m && same(entry, host + n - m, m);
}
