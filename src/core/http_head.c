/*
 * HTTP/1.1 request heads as the network proxy reads them (spec/proxy.md
 * §3). Contracts of the public functions in http_head.h; proved by
 * `make prove`. Every function reads only inside the ranges it is given
 * and writes its outputs only on success.
 *
 * Proof economy (WP makes a goal of every memory access, every stored
 * value and every clause): one loop per distinct scan (run_end serves
 * every "run of a byte class"), contracts of one or few clauses, and
 * tests that return rather than stored booleans.
 */
#include "http_head.h"

#include "base64.h"
#include "bytes.h"

/* ---- byte classes ------------------------------------------------------ */

enum {
	C_TCHAR,   /* tchar (RFC 9110 §5.6.2): a method or a header name */
	C_VCHAR,   /* visible ASCII 0x21..0x7e: a request-target */
	C_DIGIT,   /* '0'..'9' */
	C_HEX,     /* hex digits */
	C_NAME,    /* a registered name: letters, digits, '-', '.', '_' */
	C_SP,      /* ' ' */
	C_NOCOLON, /* any byte but ':' */
	C_AUTH,    /* an authority: name bytes, ':', '[', ']' */
};

/* Non-zero when c is in the class cls. (Tests that return rather than
 * boolean values: WP counts every stored temporary.) */
/*@ assigns \nothing; */
static int in_class(uint8_t c, int cls)
{
	if (cls == C_SP)
		return c == ' ';
	if (cls == C_NOCOLON)
		return c != ':';
	if (cls == C_VCHAR) {
		if (c >= 0x21 && c <= 0x7e)
			return 1;
		return 0;
	}
	if (c >= '0' && c <= '9') /* in every class left */
		return 1;
	if (cls == C_DIGIT)
		return 0;
	if (cls == C_HEX) {
		if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
			return 1;
		return 0;
	}
	/* tchar, name and authority bytes share these */
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
	    c == '.' || c == '_')
		return 1;
	if (cls == C_TCHAR) {
		if (c == '!' || c == '#' || c == '$' || c == '%' || c == '&' ||
		    c == '\'' || c == '*' || c == '+' || c == '^' || c == '`' ||
		    c == '|' || c == '~')
			return 1;
		return 0;
	}
	if (cls == C_AUTH && (c == ':' || c == '[' || c == ']'))
		return 1;
	return 0;
}

/* End of the run of class cls that starts at s[at], before s[n]. */
/*@ requires at <= n && \valid_read(s + (at .. n - 1));
    assigns \nothing;
    ensures at <= \result <= n;
 */
static size_t run_end(const uint8_t *s, size_t at, size_t n, int cls)
{
	size_t i = at;

	/*@ loop invariant at <= i <= n;
	    loop assigns i;
	    loop variant n - i;
	 */
	while (i < n && in_class(s[i], cls))
		i++;
	return i;
}

/*@ assigns \nothing; */
static uint8_t lower(uint8_t c)
{
	if (c >= 'A' && c <= 'Z')
		return (uint8_t)(c + ('a' - 'A'));
	return c;
}

/* 1 when a[0..n) equals the lower-case literal lit[0..n) ignoring ASCII
 * case, else 0. */
/*@ requires \valid_read(a + (0 .. n - 1)) && \valid_read(lit + (0 .. n - 1));
    assigns \nothing;
 */
static int ci_eq(const uint8_t *a, const char *lit, size_t n)
{
	/*@ loop invariant 0 <= i <= n;
	    loop assigns i;
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++)
		if (lower(a[i]) != (uint8_t)lit[i])
			return 0;
	return 1;
}

/* ---- request heads ----------------------------------------------------- */

/* Where the line starting at b[at] ends, looking no further than
 * b[lim - 1]: the index e of its CRLF (e + 2 <= lim); lim when b[at..lim)
 * holds neither CR nor LF, or a CR only as its last byte (its LF may
 * follow: read more); lim + 1 at a bare LF, or at a CR followed by
 * anything but LF (malformed). */
/*@ requires at <= lim <= HTTP_HEAD_MAX && \valid_read(b + (0 .. lim - 1));
    assigns \nothing;
    ensures at <= \result <= lim + 1 &&
            (\result < lim ==> \result + 2 <= lim &&
               b[\result] == '\r' && b[\result + 1] == '\n');
 */
static size_t line_end(const uint8_t *b, size_t at, size_t lim)
{
	/*@ loop invariant at <= i <= lim;
	    loop assigns i;
	    loop variant lim - i;
	 */
	for (size_t i = at; i < lim; i++) {
		if (b[i] == '\n')
			return lim + 1;
		if (b[i] == '\r') {
			if (i + 1 == lim)
				return lim;
			if (b[i + 1] != '\n')
				return lim + 1;
			return i;
		}
	}
	return lim;
}

/* The request line b[0..e): method SP target SP "HTTP/1.0"|"HTTP/1.1".
 * Sets q->method and q->target on 0; -1 (nothing written) otherwise. */
/*@ requires \valid_read(b + (0 .. e - 1)) && \valid(q) &&
             \separated(q, b + (0 .. e - 1));
    assigns q->method, q->target;
    ensures \result == 0 ==>
              q->method.len >= 1 &&
              http_span_in(q->method.off, q->method.len, e) &&
              q->target.len >= 1 &&
              http_span_in(q->target.off, q->target.len, e);
 */
static int request_line(const uint8_t *b, size_t e, struct http_req *q)
{
	size_t m = run_end(b, 0, e, C_TCHAR), t;
	struct http_span sm, st;
	uint8_t minor;

	if (m == 0 || m == e || b[m] != ' ')
		return -1;
	t = run_end(b, m + 1, e, C_VCHAR);
	if (t == m + 1 || t == e || b[t] != ' ' || e - t != 9 ||
	    !bytes_eq_chars(b + t + 1, "HTTP/1.", 7))
		return -1;
	minor = b[e - 1];
	if (minor != '0' && minor != '1')
		return -1;
	sm.off = 0;
	sm.len = m;
	st.off = m + 1;
	st.len = t - (m + 1);
	q->method = sm;
	q->target = st;
	return 0;
}

/* The spans a header line may set lie within lim; "none" is {0, 0}. */
/*@ predicate headers_in{L}(struct http_req *q, integer lim) =
      http_span_in(q->host.off, q->host.len, lim) &&
      http_span_in(q->proxy_auth.off, q->proxy_auth.len, lim) &&
      (q->has_host == 0 || q->has_host == 1) &&
      (q->has_proxy_auth == 0 || q->has_proxy_auth == 1) &&
      (q->has_host == 0 ==> q->host.off == 0 && q->host.len == 0) &&
      (q->has_proxy_auth == 0 ==>
         q->proxy_auth.off == 0 && q->proxy_auth.len == 0);
 */

/* One header line b[at..e), not empty: name ":" OWS value OWS, the name
 * 1*tchar right against the colon (so a line starting with SP or HTAB,
 * obsolete folding, is refused, and so is a space before the colon), the
 * value bytes HTAB, SP, 0x21..0x7e or 0x80..0xff. Records the values of
 * Host and Proxy-Authorization (names ignore ASCII case), each at most
 * once; other headers are passed over. 0 or -1. */
/*@ requires at < e && \valid_read(b + (0 .. e - 1)) && \valid(q) &&
             \separated(q, b + (0 .. e - 1)) && headers_in(q, at);
    assigns q->host, q->has_host, q->proxy_auth, q->has_proxy_auth;
    ensures headers_in(q, e);
 */
static int header_line(const uint8_t *b, size_t at, size_t e,
		       struct http_req *q)
{
	size_t c = run_end(b, at, e, C_TCHAR), v = e, w = e;
	struct http_span sp;

	if (c == at || c == e || b[c] != ':')
		return -1;
	/* check the value bytes; b[v..w) is the value without OWS around
	 * it (v == w == e when it is empty) */
	/*@ loop invariant c + 1 <= i <= e &&
	                   ((v == e && w == e) || (c + 1 <= v < w <= i));
	    loop assigns i, v, w;
	    loop variant e - i;
	 */
	for (size_t i = c + 1; i < e; i++) {
		uint8_t x = b[i];
		if (x != '\t' && (x < 0x20 || x == 0x7f))
			return -1;
		if (x != ' ' && x != '\t') {
			if (v == e)
				v = i;
			w = i + 1;
		}
	}
	sp.off = v;
	sp.len = w - v;
	if (c - at == 4 && ci_eq(b + at, "host", 4)) {
		if (q->has_host)
			return -1;
		q->has_host = 1;
		q->host = sp;
	} else if (c - at == 19 && ci_eq(b + at, "proxy-authorization", 19)) {
		if (q->has_proxy_auth)
			return -1;
		q->has_proxy_auth = 1;
		q->proxy_auth = sp;
	}
	return 0;
}

enum { LINES_BAD = -1, LINES_MORE = 0, LINES_END = 1 };

/* The header lines from b[at], just after the request line's CRLF, up to
 * the empty line: LINES_END with q->head_len set just past it,
 * LINES_MORE when b[0..lim) ends first, or LINES_BAD. Sets the header
 * fields of q (none recorded yet) first. */
/*@ requires 2 <= at <= lim <= HTTP_HEAD_MAX &&
             \valid_read(b + (0 .. lim - 1)) &&
             b[at - 2] == '\r' && b[at - 1] == '\n' &&
             \valid(q) && \separated(q, b + (0 .. lim - 1));
    assigns q->host, q->has_host, q->proxy_auth, q->has_proxy_auth,
            q->head_len;
    ensures (\result == LINES_BAD || \result == LINES_MORE ||
             \result == LINES_END) &&
            (\result == LINES_END ==>
               at + 2 <= q->head_len <= lim &&
               b[q->head_len - 4] == '\r' && b[q->head_len - 3] == '\n' &&
               b[q->head_len - 2] == '\r' && b[q->head_len - 1] == '\n' &&
               headers_in(q, q->head_len - 4));
 */
static int header_lines(const uint8_t *b, size_t at, size_t lim,
			struct http_req *q)
{
	struct http_span none = { 0, 0 };
	size_t e;

	q->host = none;
	q->proxy_auth = none;
	q->has_host = q->has_proxy_auth = 0;
	/*@ loop invariant \at(at, Pre) <= at <= lim &&
	                   b[at - 2] == '\r' && b[at - 1] == '\n' &&
	                   headers_in(q, at - 2);
	    loop assigns at, e, q->host, q->has_host, q->proxy_auth,
	                 q->has_proxy_auth;
	    loop variant lim - at;
	 */
	for (;;) {
		e = line_end(b, at, lim);
		if (e == lim)
			return LINES_MORE;
		if (e > lim)
			return LINES_BAD;
		if (e == at)
			break;
		if (header_line(b, at, e, q) != 0)
			return LINES_BAD;
		at = e + 2;
	}
	q->head_len = e + 2;
	return LINES_END;
}

/* http_head_parse into q, which is written whatever the result. */
/*@ requires \valid_read(b + (0 .. n - 1)) && \valid(q) &&
             \separated(q, b + (0 .. n - 1));
    assigns *q;
    ensures \result == HTTP_HEAD_OK || \result == HTTP_HEAD_MORE ||
            \result == HTTP_HEAD_BAD || \result == HTTP_HEAD_TOO_LARGE;
    ensures \result == HTTP_HEAD_OK ==> http_req_ok(q, (uint8_t *)b, n);
    ensures \result == HTTP_HEAD_MORE ==> n < HTTP_HEAD_MAX;
    ensures \result == HTTP_HEAD_TOO_LARGE ==> n >= HTTP_HEAD_MAX;
 */
static int parse_head(const uint8_t *b, size_t n, struct http_req *q)
{
	size_t lim = n, e;
	int more = HTTP_HEAD_MORE; /* no end of head within lim bytes */
	int k;

	if (n >= HTTP_HEAD_MAX) {
		lim = HTTP_HEAD_MAX;
		more = HTTP_HEAD_TOO_LARGE;
	}
	e = line_end(b, 0, lim);
	if (e == lim)
		return more;
	if (e > lim)
		return HTTP_HEAD_BAD;
	if (request_line(b, e, q) != 0)
		return HTTP_HEAD_BAD;
	k = header_lines(b, e + 2, lim, q);
	if (k == LINES_END)
		return HTTP_HEAD_OK;
	if (k == LINES_MORE)
		return more;
	return HTTP_HEAD_BAD;
}

int http_head_parse(const uint8_t *b, size_t n, struct http_req *r)
{
	struct http_req q;
	int k = parse_head(b, n, &q);

	if (k == HTTP_HEAD_OK)
		*r = q;
	return k;
}

/* ---- authorities ------------------------------------------------------- */

/* The port s[0..n): 1..5 decimal digits, value 1..65535. */
/*@ requires \valid_read(s + (0 .. n - 1)) && \valid(port) &&
             \separated(port, s + (0 .. n - 1));
    assigns *port;
    ensures \result == 0 ==> *port >= 1;
 */
static int port_val(const uint8_t *s, size_t n, uint16_t *port)
{
	uint32_t v = 0;

	if (n == 0 || n > 5)
		return -1;
	/*@ loop invariant 0 <= i <= n && v <= 65535;
	    loop assigns i, v;
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (uint32_t)(s[i] - '0');
		if (v > 65535)
			return -1;
	}
	if (v == 0)
		return -1;
	*port = (uint16_t)v;
	return 0;
}

/* What follows the host, s[at..n): nothing (the port is then defport,
 * which must not be 0) or ":" port. *pv is written only on 0. */
/*@ requires at <= n && \valid_read(s + (0 .. n - 1)) && \valid(pv) &&
             \separated(pv, s + (0 .. n - 1));
    assigns *pv;
    ensures \result == 0 ==> *pv >= 1;
 */
static int port_part(const uint8_t *s, size_t at, size_t n,
		     uint16_t defport, uint16_t *pv)
{
	if (at < n)
		return s[at] == ':' ? port_val(s + at + 1, n - at - 1, pv) : -1;
	if (defport == 0)
		return -1;
	*pv = defport;
	return 0;
}

/* 1 when s[0..n) is a dotted-quad IPv4 address: four decimal numbers
 * 0..255 without leading zeros, joined by '.'. */
/*@ requires \valid_read(s + (0 .. n - 1));
    assigns \nothing;
 */
static int ipv4_ok(const uint8_t *s, size_t n)
{
	unsigned v = 0, dots = 0;
	size_t len = 0; /* digits of the current number */

	/*@ loop invariant 0 <= i <= n && len <= i && v <= 255 && dots <= 3;
	    loop assigns i, v, dots, len;
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++) {
		uint8_t c = s[i];
		if (c == '.') {
			if (len == 0 || dots == 3)
				return 0;
			dots++;
			len = 0;
			v = 0;
		} else if (c >= '0' && c <= '9' && (len == 0 || v > 0)) {
			v = v * 10 + (unsigned)(c - '0');
			if (v > 255)
				return 0;
			len++;
		} else {
			return 0; /* not a digit, or after a leading zero */
		}
	}
	if (dots != 3 || len == 0)
		return 0;
	return 1;
}

/* 1 when the label s[a..z) is a number: decimal digits, or "0x"/"0X"
 * and hex digits (as the WHATWG URL standard reads hosts). */
/*@ requires a < z && \valid_read(s + (a .. z - 1));
    assigns \nothing;
 */
static int is_number(const uint8_t *s, size_t a, size_t z)
{
	if (z - a >= 2 && s[a] == '0' && (s[a + 1] == 'x' || s[a + 1] == 'X'))
		return run_end(s, a + 2, z, C_HEX) == z;
	return run_end(s, a, z, C_DIGIT) == z;
}

/* End of the host name at the start of s[0..n): the index of its first
 * byte that is not a name byte; 0 when it is not a valid name: a label
 * is empty (a leading '.' or ".."), or its last label (one trailing dot
 * dropped) is a number and it is not a dotted quad (resolvers read
 * "127.1", "2130706433", "0x7f.1" or "1.2.3.0x4" as addresses). So 0
 * always means "no name". */
/*@ requires \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures \result <= n;
 */
static size_t name_end(const uint8_t *s, size_t n)
{
	size_t i = 0, lab = 0, prev = 0, a, z; /* label starts */

	/*@ loop invariant 0 <= i <= n && prev <= lab <= i;
	    loop assigns i, lab, prev;
	    loop variant n - i;
	 */
	while (i < n && in_class(s[i], C_NAME)) {
		if (s[i] == '.') {
			if (i == lab)
				return 0; /* empty label */
			prev = lab;
			lab = i + 1;
		}
		i++;
	}
	if (i == 0)
		return 0;
	/* the last label s[a..z): s[lab..i), or s[prev..i-1) after a
	 * trailing dot (a name ending in a number and a dot is no dotted
	 * quad) */
	if (lab == i) {
		a = prev;
		z = i - 1;
	} else {
		a = lab;
		z = i;
	}
	if (a < z && is_number(s, a, z) && (lab == i || !ipv4_ok(s, i)))
		return 0;
	return i;
}

/* For s[0] == '[': the index of the matching ']' when s[1..] up to it is
 * 1..45 hex digits, ':' and '.' with at least two ':' (every IPv6
 * address has two); else 0. */
/*@ requires 1 <= n && \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || 2 <= \result < n;
 */
static size_t v6_end(const uint8_t *s, size_t n)
{
	size_t i = 1, colons = 0;

	/*@ loop invariant 1 <= i <= n && colons < i;
	    loop assigns i, colons;
	    loop variant n - i;
	 */
	while (i < n && s[i] != ']') {
		if (s[i] != ':' && s[i] != '.' && !in_class(s[i], C_HEX))
			return 0;
		if (s[i] == ':')
			colons++;
		i++;
	}
	if (i == n || colons < 2 || i > 46)
		return 0;
	return i;
}

/* The outputs of http_authority: s[h0..z) lower-cased and NUL-terminated
 * into host[0..hcap), and pv into *port; -1 and nothing written when it
 * does not fit. */
/*@ requires h0 <= z && pv >= 1 &&
             \valid_read(s + (h0 .. z - 1)) &&
             \valid(host + (0 .. hcap - 1)) && \valid(port) &&
             \separated(host + (0 .. hcap - 1), port, s + (h0 .. z - 1));
    assigns host[0 .. hcap - 1], *port;
    ensures (\result == -1 && *port == \old(*port) &&
             \forall integer k; 0 <= k < hcap ==> host[k] == \old(host[k])) ||
            (\result == 0 && *port >= 1 && http_host_out(host, hcap));
 */
static int put_host(const uint8_t *s, size_t h0, size_t z, uint16_t pv,
		    char *host, size_t hcap, uint16_t *port)
{
	size_t n = z - h0;

	if (n >= hcap)
		return -1;
	/*@ loop invariant 0 <= i <= n;
	    loop assigns i, host[0 .. n - 1];
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++)
		host[i] = (char)lower(s[h0 + i]);
	host[n] = 0;
	*port = pv;
	return 0;
}

int http_authority(const uint8_t *s, size_t n, uint16_t defport, char *host,
		   size_t hcap, uint16_t *port)
{
	uint16_t pv = 0;
	size_t h0 = 0, z, rest;

	if (n > 0 && s[0] == '[') {
		z = v6_end(s, n);
		if (z == 0)
			return -1;
		h0 = 1;
		rest = z + 1;
	} else {
		z = name_end(s, n);
		if (z == 0 || z > HTTP_HOST_MAX)
			return -1;
		rest = z;
	}
	if (port_part(s, rest, n, defport, &pv) != 0)
		return -1;
	return put_host(s, h0, z, pv, host, hcap, port);
}

int http_absolute(const uint8_t *s, size_t n, char *host, size_t hcap,
		  uint16_t *port, size_t *path_off)
{
	size_t p;

	if (n < 7 || !ci_eq(s, "http://", 7))
		return -1;
	/* the authority ends at the path; any other byte ('?', '#', '@',
	 * ...) before it makes the target invalid */
	p = run_end(s, 7, n, C_AUTH);
	if ((p < n && s[p] != '/') ||
	    http_authority(s + 7, p - 7, 80, host, hcap, port) < 0)
		return -1;
	*path_off = p;
	return 0;
}

/* ---- the proxy credential ---------------------------------------------- */

/* Longest decoded `user ":" password` of a Basic credential. */
#define BASIC_MAX 384

/* 1 when a[0..n) == b[0..n). Reads every byte whatever the contents
 * (the time taken depends on n only). */
/*@ requires \valid_read(a + (0 .. n - 1)) && \valid_read(b + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int same_ct(const uint8_t *a, const char *b, size_t n)
{
	unsigned d = 0;

	/*@ loop invariant 0 <= i <= n;
	    loop assigns i, d;
	    loop variant n - i;
	 */
	for (size_t i = 0; i < n; i++)
		d |= (unsigned)(a[i] ^ (uint8_t)b[i]);
	return d == 0;
}

/* Where the credentials start after the scheme word[0..w) (lower case,
 * matched ignoring case) and one or more SP; 0 when v does not start so
 * or nothing follows the spaces. */
/*@ requires 1 <= w && \valid_read(v + (0 .. n - 1)) &&
             \valid_read(word + (0 .. w - 1));
    assigns \nothing;
    ensures \result == 0 || \result < n;
 */
static size_t after_scheme(const uint8_t *v, size_t n, const char *word,
			   size_t w)
{
	size_t i;

	if (n <= w || !ci_eq(v, word, w) || v[w] != ' ')
		return 0;
	i = run_end(v, w + 1, n, C_SP);
	if (i == n)
		return 0;
	return i;
}

/* 1 when t[0..n) is the strict base64 of `user ":" tok[0..tn)` (user
 * without ':', decoded length at most BASIC_MAX). */
/*@ requires \valid_read(t + (0 .. n - 1)) &&
             \valid_read(tok + (0 .. tn - 1));
    assigns \nothing;
 */
static int basic_ok(const uint8_t *t, size_t n, const char *tok, size_t tn)
{
	uint8_t mem[BASIC_MAX];
	struct nbuf d;
	size_t c;

	if (n > BASIC_MAX / 3 * 4)
		return 0;
	nbuf_init(&d, mem, sizeof mem);
	if (base64_decode(&d, (const char *)t, n) < 0)
		return 0;
	c = run_end(mem, 0, d.len, C_NOCOLON);
	if (c == d.len || d.len - c - 1 != tn)
		return 0;
	return same_ct(mem + c + 1, tok, tn);
}

int http_proxy_auth_ok(const uint8_t *v, size_t n, const char *tok,
		       size_t tn)
{
	size_t c;

	if (tn == 0)
		return 0;
	c = after_scheme(v, n, "bearer", 6);
	if (c > 0) {
		if (n - c != tn)
			return 0;
		return same_ct(v + c, tok, tn);
	}
	c = after_scheme(v, n, "basic", 5);
	if (c == 0 || basic_ok(v + c, n - c, tok, tn) == 0)
		return 0;
	return 1;
}
