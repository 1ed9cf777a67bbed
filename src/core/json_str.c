#include "json_str.h"

#include "hex.h"
#include "utf8.h"

/*@ assigns \nothing;
    ensures \result == esc_len(b);
 */
static size_t esc_len1(uint8_t b)
{
	if (b == '"' || b == '\\' || b == 0x08 || b == 0x09 || b == 0x0A ||
	    b == 0x0C || b == 0x0D)
		return 2;
	return b < 0x20 ? 6 : 1;
}

size_t json_escaped_len(const uint8_t *s, size_t n)
{
	size_t t = 0;

	/*@ loop invariant 0 <= i <= n;
	    loop invariant t <= SIZE_MAX;
	    loop invariant esc_total(s, i) <= SIZE_MAX ==> t == esc_total(s, i);
	    loop invariant esc_total(s, i) > SIZE_MAX ==> t == SIZE_MAX;
	    loop assigns i, t;
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++) {
		size_t e = esc_len1(s[i]);
		t = (t > SIZE_MAX - e) ? SIZE_MAX : t + e;
	}
	return t;
}

int json_escape(struct nbuf *out, const uint8_t *s, size_t n)
{
	size_t need = json_escaped_len(s, n), o;
	uint8_t *p;

	if (need == SIZE_MAX || need > out->cap - out->len)
		return -1;
	p = out->p + out->len;
	o = 0;
	/*@ loop invariant 0 <= i <= n;
	    loop invariant o == esc_total(s, i);
	    loop invariant o <= need;
	    loop assigns i, o, p[0 .. need - 1];
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++) {
		uint8_t b = s[i];
		size_t e = esc_len1(b);
		if (e == 1) {
			p[o] = b;
		} else if (e == 2) {
			p[o] = '\\';
			p[o + 1] = b == '"'    ? '"'
				   : b == '\\' ? '\\'
				   : b == 0x08 ? 'b'
				   : b == 0x09 ? 't'
				   : b == 0x0A ? 'n'
				   : b == 0x0C ? 'f'
					       : 'r';
		} else {
			p[o] = '\\';
			p[o + 1] = 'u';
			p[o + 2] = '0';
			p[o + 3] = '0';
			p[o + 4] = (uint8_t)hex_digit(b >> 4);
			p[o + 5] = (uint8_t)hex_digit(b & 15u);
		}
		o += e;
	}
	out->len += need;
	return 0;
}

/* Reads 4 hex digits (either case: RFC 8259 allows both in escapes). */
static int hex4(const uint8_t *s, uint32_t *v)
{
	uint32_t r = 0;

	for (int i = 0; i < 4; i++) {
		uint8_t c = s[i];
		int d;
		if (c >= 'A' && c <= 'F')
			c = (uint8_t)(c - 'A' + 'a');
		d = hex_value(c);
		if (d < 0)
			return -1;
		r = r << 4 | (uint32_t)d;
	}
	*v = r;
	return 0;
}

int json_unescape_next(const uint8_t *src, size_t n, size_t *pos,
		       uint8_t out[4], size_t *outlen)
{
	size_t i = *pos, k;
	uint32_t cp, lo;

	if (src[i] != '\\') {
		if (src[i] < 0x20)
			return -1; /* raw control character (incl. NUL) */
		k = utf8_seq(src + i, n - i);
		if (k == 0)
			return -1;
		for (size_t j = 0; j < k; j++)
			out[j] = src[i + j];
		*outlen = k;
		*pos = i + k;
		return 0;
	}
	if (i + 1 >= n)
		return -1;
	switch (src[i + 1]) {
	case '"': out[0] = '"'; break;
	case '\\': out[0] = '\\'; break;
	case '/': out[0] = '/'; break;
	case 'b': out[0] = 0x08; break;
	case 'f': out[0] = 0x0C; break;
	case 'n': out[0] = 0x0A; break;
	case 'r': out[0] = 0x0D; break;
	case 't': out[0] = 0x09; break;
	case 'u':
		if (n - i < 6 || hex4(src + i + 2, &cp) < 0)
			return -1;
		if (cp >= 0xDC00 && cp <= 0xDFFF)
			return -1; /* lone low surrogate */
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			if (n - i < 12 || src[i + 6] != '\\' ||
			    src[i + 7] != 'u' || hex4(src + i + 8, &lo) < 0 ||
			    lo < 0xDC00 || lo > 0xDFFF)
				return -1; /* lone high surrogate */
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			*outlen = utf8_put(cp, out);
			*pos = i + 12;
			return 0;
		}
		if (cp == 0)
			return -1; /* NUL */
		*outlen = utf8_put(cp, out);
		*pos = i + 6;
		return 0;
	default:
		return -1;
	}
	*outlen = 1;
	*pos = i + 2;
	return 0;
}

int json_unescape(struct nbuf *out, const uint8_t *src, size_t n)
{
	size_t pos = 0, start = out->len;
	uint8_t u[4];
	size_t ul;

	while (pos < n) {
		if (json_unescape_next(src, n, &pos, u, &ul) < 0 ||
		    nbuf_put(out, u, ul) < 0) {
			out->len = start;
			return -1;
		}
	}
	return 0;
}

int json_str_equal(const uint8_t *src, size_t n, const uint8_t *lit,
		   size_t litlen)
{
	size_t pos = 0, j = 0;
	uint8_t u[4];
	size_t ul;

	while (pos < n) {
		if (json_unescape_next(src, n, &pos, u, &ul) < 0)
			return 0;
		if (ul > litlen - j)
			return 0;
		for (size_t k = 0; k < ul; k++)
			if (lit[j + k] != u[k])
				return 0;
		j += ul;
	}
	return j == litlen;
}
