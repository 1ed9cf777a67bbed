#include "pem.h"

#include "base64.h"

#include <string.h>

static int ws(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The line starting at p[*i] (without its LF or CRLF); advances *i past
 * the line end. Returns its length. */
static size_t line(const uint8_t *p, size_t n, size_t *i, const uint8_t **s)
{
	size_t a = *i, b = a;

	while (b < n && p[b] != '\n')
		b++;
	*s = p + a;
	*i = b < n ? b + 1 : n;
	if (b > a && p[b - 1] == '\r')
		b--;
	return b - a;
}

/* "-----<word> <label>-----": copies the label (letters, digits, spaces)
 * into label; 0 or -1. */
static int boundary(const uint8_t *s, size_t len, const char *word,
		    char label[PEM_LABEL_MAX + 1])
{
	size_t wl = strlen(word), ll;

	if (len < 10 + wl + 1 || memcmp(s, "-----", 5) != 0 ||
	    memcmp(s + 5, word, wl) != 0 || s[5 + wl] != ' ' ||
	    memcmp(s + len - 5, "-----", 5) != 0)
		return -1;
	ll = len - 10 - wl - 1;
	if (ll == 0 || ll > PEM_LABEL_MAX)
		return -1;
	for (size_t k = 0; k < ll; k++) {
		uint8_t c = s[5 + wl + 1 + k];
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == ' ' || c == '#' || c == '-'))
			return -1;
		label[k] = (char)c;
	}
	label[ll] = 0;
	return 0;
}

int pem_decode(const uint8_t *text, size_t n, char label[PEM_LABEL_MAX + 1],
	       struct nbuf *der, const char **why)
{
	char end_label[PEM_LABEL_MAX + 1];
	uint8_t b64[4096];
	size_t i = 0, bl = 0, start = der->len;
	const uint8_t *s;
	size_t len;

	while (i < n && ws(text[i]))
		i++;
	len = line(text, n, &i, &s);
	if (boundary(s, len, "BEGIN", label) < 0) {
		*why = "not PEM (no -----BEGIN ...----- line)";
		return -1;
	}
	for (;;) {
		if (i >= n) {
			*why = "PEM object has no -----END line";
			return -1;
		}
		len = line(text, n, &i, &s);
		if (len >= 5 && memcmp(s, "-----", 5) == 0)
			break;
		if (memchr(s, ':', len)) {
			*why = "PEM headers (e.g. an encrypted key) are not "
			       "supported";
			return -1;
		}
		for (size_t k = 0; k < len; k++) {
			if (ws(s[k]))
				continue;
			if (bl >= sizeof b64) {
				*why = "PEM object too large";
				return -1;
			}
			b64[bl++] = s[k];
		}
	}
	if (boundary(s, len, "END", end_label) < 0 ||
	    strcmp(label, end_label) != 0) {
		*why = "PEM END line does not match its BEGIN line";
		return -1;
	}
	while (i < n && ws(text[i]))
		i++;
	if (i != n) {
		*why = "data after the PEM object";
		return -1;
	}
	if (bl == 0 || base64_decode(der, (const char *)b64, bl) < 0) {
		der->len = start;
		*why = "invalid base64 in PEM object";
		return -1;
	}
	return 0;
}

int pem_encode(struct nbuf *out, const char *label, const uint8_t *der,
	       size_t n)
{
	size_t start = out->len, ll = strlen(label);

	if (nbuf_put(out, "-----BEGIN ", 11) < 0 || nbuf_put(out, label, ll) < 0 ||
	    nbuf_put(out, "-----\n", 6) < 0)
		goto full;
	for (size_t i = 0; i < n; i += 48) {
		size_t k = n - i < 48 ? n - i : 48;
		if (base64_encode(out, der + i, k) < 0 || nbuf_putc(out, '\n') < 0)
			goto full;
	}
	if (nbuf_put(out, "-----END ", 9) < 0 || nbuf_put(out, label, ll) < 0 ||
	    nbuf_put(out, "-----\n", 6) < 0)
		goto full;
	return 0;
full:
	out->len = start;
	return -1;
}
