#include "pem.h"

#include "base64.h"

#include <string.h>

/*@ assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int ws(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The first i' >= i with p[i'] not whitespace (or n). */
/*@ requires i <= n;
    requires \valid_read(p + (0 .. n - 1));
    assigns \nothing;
    ensures i <= \result <= n;
 */
static size_t skip_ws(const uint8_t *p, size_t n, size_t i)
{
	/*@ loop invariant \at(i, Pre) <= i <= n;
	    loop assigns i;
	    loop variant n - i;
	 */
	while (i < n && ws(p[i]))
		i++;
	return i;
}

/* The line starting at p[*i] (without its LF or CRLF); advances *i past
 * the line end. Returns its length. */
/*@ requires \valid_read(p + (0 .. n - 1));
    requires \valid(i) && \valid(s) && *i <= n;
    requires \separated(i, s);
    assigns *i, *s;
    ensures *s == p + \old(*i);
    ensures \old(*i) <= *i <= n;
    ensures \old(*i) < n ==> \old(*i) < *i;
    ensures \old(*i) + \result <= n;
 */
static size_t line(const uint8_t *p, size_t n, size_t *i, const uint8_t **s)
{
	size_t a = *i, b = a;

	/*@ loop invariant a <= b <= n;
	    loop assigns b;
	    loop variant n - b;
	 */
	while (b < n && p[b] != '\n')
		b++;
	*s = p + a;
	*i = b < n ? b + 1 : n;
	if (b > a && p[b - 1] == '\r')
		b--;
	return b - a;
}

/* 1 when s[0..5) is "-----". (memcmp, as a loop the proof can use.) */
/*@ requires \valid_read(s + (0 .. 4));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int dashes(const uint8_t *s)
{
	/*@ loop invariant 0 <= k <= 5;
	    loop assigns k;
	    loop variant 5 - k;
	 */
	for (size_t k = 0; k < 5; k++)
		if (s[k] != '-')
			return 0;
	return 1;
}

/* "-----<word> <label>-----": copies the label (letters, digits, spaces)
 * into label; 0 or -1. */
/*@ requires wl <= 5;
    requires \valid_read(s + (0 .. len - 1));
    requires \valid_read(word + (0 .. wl - 1));
    requires \valid(label + (0 .. PEM_LABEL_MAX));
    requires \separated(label + (0 .. PEM_LABEL_MAX), s + (0 .. len - 1));
    assigns label[0 .. PEM_LABEL_MAX];
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \exists integer ll; 1 <= ll <= PEM_LABEL_MAX &&
              label[ll] == 0;
 */
static int boundary(const uint8_t *s, size_t len, const char *word,
		    size_t wl, char label[PEM_LABEL_MAX + 1])
{
	size_t ll;

	if (len < 10 + wl + 1 || !dashes(s))
		return -1;
	/*@ loop invariant 0 <= k <= wl;
	    loop assigns k;
	    loop variant wl - k;
	 */
	for (size_t k = 0; k < wl; k++)
		if (s[5 + k] != (uint8_t)word[k])
			return -1;
	if (s[5 + wl] != ' ' || !dashes(s + len - 5))
		return -1;
	ll = len - 10 - wl - 1;
	if (ll == 0 || ll > PEM_LABEL_MAX)
		return -1;
	/*@ loop invariant 0 <= k <= ll;
	    loop assigns k, label[0 .. ll - 1];
	    loop variant ll - k;
	 */
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

/* strcmp(a, b) == 0 for two labels (each NUL-terminated within its
 * PEM_LABEL_MAX + 1 bytes, as boundary leaves them). */
/*@ requires \valid_read(a + (0 .. PEM_LABEL_MAX));
    requires \valid_read(b + (0 .. PEM_LABEL_MAX));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int same_label(const char *a, const char *b)
{
	/*@ loop invariant 0 <= k <= PEM_LABEL_MAX + 1;
	    loop assigns k;
	    loop variant PEM_LABEL_MAX + 1 - k;
	 */
	for (size_t k = 0; k <= PEM_LABEL_MAX; k++) {
		if (a[k] != b[k])
			return 0;
		if (a[k] == 0)
			return 1;
	}
	return 1;
}

/* 1 when ':' occurs in s[0..len) (memchr, as a loop). */
/*@ requires \valid_read(s + (0 .. len - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int has_colon(const uint8_t *s, size_t len)
{
	/*@ loop invariant 0 <= k <= len;
	    loop assigns k;
	    loop variant len - k;
	 */
	for (size_t k = 0; k < len; k++)
		if (s[k] == ':')
			return 1;
	return 0;
}

/* Appends the non-whitespace bytes of s[0..len) to b64[0..*bl); -1 when
 * they do not fit in PEM_B64_MAX bytes. */
#define PEM_B64_MAX 4096
/*@ requires \valid_read(s + (0 .. len - 1));
    requires \valid(bl) && *bl <= PEM_B64_MAX;
    requires \valid(b64 + (0 .. PEM_B64_MAX - 1));
    requires \separated(bl, b64 + (0 .. PEM_B64_MAX - 1), s + (0 .. len - 1));
    requires \separated(b64 + (0 .. PEM_B64_MAX - 1), s + (0 .. len - 1));
    assigns *bl, b64[0 .. PEM_B64_MAX - 1];
    ensures \result == 0 || \result == -1;
    ensures *bl <= PEM_B64_MAX;
 */
static int collect(const uint8_t *s, size_t len, uint8_t *b64, size_t *bl)
{
	/*@ loop invariant 0 <= k <= len;
	    loop invariant 0 <= *bl <= PEM_B64_MAX;
	    loop assigns k, *bl, b64[0 .. PEM_B64_MAX - 1];
	    loop variant len - k;
	 */
	for (size_t k = 0; k < len; k++) {
		if (ws(s[k]))
			continue;
		if (*bl >= PEM_B64_MAX)
			return -1;
		b64[(*bl)++] = s[k];
	}
	return 0;
}

int pem_decode(const uint8_t *text, size_t n, char label[PEM_LABEL_MAX + 1],
	       struct nbuf *der, const char **why)
{
	char end_label[PEM_LABEL_MAX + 1];
	uint8_t b64[PEM_B64_MAX];
	size_t i, bl = 0, start = der->len;
	const uint8_t *s;
	size_t len;

	i = skip_ws(text, n, 0);
	len = line(text, n, &i, &s);
	if (boundary(s, len, "BEGIN", 5, label) < 0) {
		*why = "not PEM (no -----BEGIN ...----- line)";
		return -1;
	}
	/*@ loop invariant 0 <= i <= n;
	    loop invariant 0 <= bl <= PEM_B64_MAX;
	    loop assigns i, s, len, bl, b64[0 .. PEM_B64_MAX - 1];
	    loop variant n - i;
	 */
	for (;;) {
		if (i >= n) {
			*why = "PEM object has no -----END line";
			return -1;
		}
		len = line(text, n, &i, &s);
		if (len >= 5 && dashes(s))
			break;
		if (has_colon(s, len)) {
			*why = "PEM headers (e.g. an encrypted key) are not "
			       "supported";
			return -1;
		}
		if (collect(s, len, b64, &bl) < 0) {
			*why = "PEM object too large";
			return -1;
		}
	}
	if (boundary(s, len, "END", 3, end_label) < 0 ||
	    !same_label(label, end_label)) {
		*why = "PEM END line does not match its BEGIN line";
		return -1;
	}
	i = skip_ws(text, n, i);
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

/* Appends pre[0..pl) label[0..ll) "-----\n"; on -1 some of it may have
 * been appended (pem_encode restores the length). */
/*@ requires nbuf_valid(out);
    requires \valid_read(pre + (0 .. pl - 1));
    requires \valid_read(label + (0 .. ll - 1));
    requires \separated(pre + (0 .. pl - 1), out, out->p + (0 .. out->cap - 1));
    requires \separated(label + (0 .. ll - 1), out, out->p + (0 .. out->cap - 1));
    assigns out->len, out->p[out->len .. out->cap - 1];
    ensures nbuf_valid(out);
    ensures \old(out->len) <= out->len;
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> out->len == \old(out->len) + pl + ll + 6;
 */
static int put_line(struct nbuf *out, const char *pre, size_t pl,
		    const char *label, size_t ll)
{
	if (nbuf_put(out, pre, pl) < 0 || nbuf_put(out, label, ll) < 0 ||
	    nbuf_put(out, "-----\n", 6) < 0)
		return -1;
	return 0;
}

int pem_encode(struct nbuf *out, const char *label, const uint8_t *der,
	       size_t n)
{
	size_t start = out->len, ll = strlen(label);

	if (put_line(out, "-----BEGIN ", 11, label, ll) < 0)
		goto full;
	/*@ loop invariant 0 <= i < n + 48;
	    loop invariant nbuf_valid(out);
	    loop invariant out->p == \at(out->p, Pre) && out->cap == \at(out->cap, Pre);
	    loop invariant start <= out->len;
	    loop assigns i, out->len, out->p[start .. out->cap - 1];
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i += 48) {
		size_t k = n - i < 48 ? n - i : 48;
		if (base64_encode(out, der + i, k) < 0 || nbuf_putc(out, '\n') < 0)
			goto full;
	}
	if (put_line(out, "-----END ", 9, label, ll) < 0)
		goto full;
	return 0;
full:
	out->len = start;
	return -1;
}
