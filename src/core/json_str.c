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

/* Writes the canonical escape of b (esc_len(b) bytes) at p. */
/*@ requires \valid(p + (0 .. esc_len(b) - 1));
    assigns p[0 .. esc_len(b) - 1];
    ensures \result == esc_len(b);
 */
static size_t esc1(uint8_t *p, uint8_t b)
{
	size_t e = esc_len1(b);

	if (e == 1) {
		p[0] = b;
	} else if (e == 2) {
		p[0] = '\\';
		p[1] = b == '"'    ? '"'
		       : b == '\\' ? '\\'
		       : b == 0x08 ? 'b'
		       : b == 0x09 ? 't'
		       : b == 0x0A ? 'n'
		       : b == 0x0C ? 'f'
				   : 'r';
	} else {
		p[0] = '\\';
		p[1] = 'u';
		p[2] = '0';
		p[3] = '0';
		p[4] = (uint8_t)hex_digit(b / 16u);
		p[5] = (uint8_t)hex_digit(b % 16u);
	}
	return e;
}

/* esc_total grows with n (an induction, so a loop proves it). */
/*@ ghost
  /@ requires \valid_read(s + (0 .. n - 1));
     assigns \nothing;
     ensures \forall integer j; 0 <= j <= n ==>
               esc_total(s, j) <= esc_total(s, n);
   @/
  static void esc_total_mono(const uint8_t *s, size_t n)
  {
	/@ loop invariant 0 <= k <= n;
	   loop invariant \forall integer j; 0 <= j <= k ==>
	                    esc_total(s, j) <= esc_total(s, k);
	   loop assigns k;
	   loop variant n - k;
	 @/
	for (size_t k = 0; k < n; k++)
		;
  }
 */

int json_escape(struct nbuf *out, const uint8_t *s, size_t n)
{
	size_t need = json_escaped_len(s, n), o;
	uint8_t *p;

	if (need == SIZE_MAX || need > out->cap - out->len)
		return -1;
	//@ ghost esc_total_mono(s, n);
	p = out->p + out->len;
	o = 0;
	/*@ loop invariant 0 <= i <= n;
	    loop invariant o == esc_total{Pre}(s, i);
	    loop invariant o <= need;
	    loop invariant \forall integer k; 0 <= k < n ==> s[k] == \at(s[k], Pre);
	    loop assigns i, o, p[0 .. need - 1];
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++) {
		//@ assert esc_total{Pre}(s, i + 1) == o + esc_len(s[i]);
		//@ assert esc_total{Pre}(s, i + 1) <= need;
		o += esc1(p + o, s[i]);
	}
	out->len += need;
	return 0;
}

/* Reads 4 hex digits (either case: RFC 8259 allows both in escapes). */
/*@ requires \valid_read(s + (0 .. 3)) && \valid(v);
    requires \separated(v, s + (0 .. 3));
    assigns *v;
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> *v <= 0xFFFF;
 */
static int hex4(const uint8_t *s, uint32_t *v)
{
	uint32_t r = 0;

	/*@ loop invariant 0 <= i <= 4;
	    loop invariant i == 0 ==> r == 0;
	    loop invariant i == 1 ==> r <= 0xF;
	    loop invariant i == 2 ==> r <= 0xFF;
	    loop invariant i == 3 ==> r <= 0xFFF;
	    loop invariant i == 4 ==> r <= 0xFFFF;
	    loop assigns i, r;
	    loop variant 4 - i;
	 */
	for (int i = 0; i < 4; i++) {
		uint8_t c = s[i];
		int d;
		if (c >= 'A' && c <= 'F')
			c = (uint8_t)(c - 'A' + 'a');
		d = hex_value(c);
		if (d < 0)
			return -1;
		r = r * 16 + (uint32_t)d; /* r << 4 | d */
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
		/*@ loop invariant 0 <= j <= k;
		    loop assigns j, out[0 .. 3];
		    loop variant k - j;
		 */
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
			cp = 0x10000 + (cp - 0xD800) * 1024 + (lo - 0xDC00);
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

	/*@ loop invariant 0 <= pos <= n;
	    loop invariant nbuf_valid(out) && start <= out->len;
	    loop invariant out->p == \at(out->p, Pre) &&
	                   out->cap == \at(out->cap, Pre);
	    loop assigns pos, ul, u[0 .. 3], out->len,
	                 out->p[start .. out->cap - 1];
	    loop variant n - pos;
	 */
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

	/*@ loop invariant 0 <= pos <= n && 0 <= j <= litlen;
	    loop assigns pos, j, ul, u[0 .. 3];
	    loop variant n - pos;
	 */
	while (pos < n) {
		if (json_unescape_next(src, n, &pos, u, &ul) < 0)
			return 0;
		if (ul > litlen - j)
			return 0;
		/*@ loop invariant 0 <= k <= ul;
		    loop assigns k;
		    loop variant ul - k;
		 */
		for (size_t k = 0; k < ul; k++)
			if (lit[j + k] != u[k])
				return 0;
		j += ul;
	}
	return j == litlen;
}
