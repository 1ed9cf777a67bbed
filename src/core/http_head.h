/*
 * HTTP/1.1 request heads as the network proxy reads them (spec/proxy.md
 * §3): the request line and the two headers the proxy acts on, the
 * CONNECT authority, the absolute-form target of a forwarded request, and
 * the proxy credential. Pure and total: no allocation, no libc beyond the
 * core's allowed set, every input (any bytes, any length) gives a defined
 * answer.
 *
 * Spans point into the caller's buffer: a span {off, len} is the bytes
 * b[off .. off + len).
 */
#ifndef NONO_HTTP_HEAD_H
#define NONO_HTTP_HEAD_H

#include <stddef.h>
#include <stdint.h>

/* A head (request line through the blank line) longer than this is
 * refused with 431. */
#define HTTP_HEAD_MAX 65536
/* Longest host name the proxy accepts (DNS limit). */
#define HTTP_HOST_MAX 253
#define HTTP_HOST_MAX_Z (HTTP_HOST_MAX + 1)

struct http_span {
	size_t off;
	size_t len;
};

struct http_req {
	struct http_span method;      /* a token: 1*tchar */
	struct http_span target;      /* the request-target as sent */
	struct http_span host;        /* Host value, OWS trimmed; len 0 if none */
	struct http_span proxy_auth;  /* Proxy-Authorization value, trimmed */
	int has_host;
	int has_proxy_auth;
	size_t head_len;              /* bytes through the final CRLF CRLF */
};

enum {
	HTTP_HEAD_OK = 1,          /* a complete, well-formed head */
	HTTP_HEAD_MORE = 0,        /* no end of head yet: read more */
	HTTP_HEAD_BAD = -1,        /* malformed: 400 */
	HTTP_HEAD_TOO_LARGE = -2,  /* no end within HTTP_HEAD_MAX bytes: 431 */
};

/*
 * Parses the head at the start of b[0..n). Lines end in CRLF (a bare LF
 * or a bare CR anywhere in the head is BAD). The request line is
 * `method SP target SP HTTP/1.0|HTTP/1.1`, each part non-empty, target
 * made of visible ASCII (0x21..0x7e). Header lines are `name ":" OWS
 * value OWS`: name 1*tchar with nothing between it and the colon, value
 * bytes HTAB, SP, 0x21..0x7e or 0x80..0xff. A line starting with SP/HTAB
 * (obsolete folding) is BAD; so is a second Host or a second
 * Proxy-Authorization header (names compared case-insensitively).
 * MORE when b[0..n) holds no CRLF CRLF and n < HTTP_HEAD_MAX (a prefix
 * that is already malformed may be reported BAD early, never OK);
 * TOO_LARGE when the first HTTP_HEAD_MAX bytes hold no end of head.
 * r is written only on OK.
 */
int http_head_parse(const uint8_t *b, size_t n, struct http_req *r);

/*
 * An authority `host ":" port` (CONNECT target, Host value), or `host`
 * alone when defport is non-zero (the port is then defport). host is a
 * registered name (letters, digits, '-', '.', '_'; 1..HTTP_HOST_MAX
 * bytes; no empty label except one trailing dot), a dotted IPv4 address,
 * or "[" IPv6 "]" (hex digits, ':' and '.' inside the brackets). port is
 * 1..65535 in decimal, at most 5 digits. On success writes the host
 * lower-cased, without brackets, NUL-terminated, into host[0..hcap) and
 * returns 0; otherwise -1 and host, port untouched (also when the host
 * does not fit in hcap).
 */
int http_authority(const uint8_t *s, size_t n, uint16_t defport, char *host,
		   size_t hcap, uint16_t *port);

/*
 * An absolute-form target `http://authority[path]` (scheme
 * case-insensitive; only http; no userinfo '@'; path empty or starting
 * with '/', '?' not allowed before the path). Port defaults to 80.
 * *path_off is the offset in s of the path (n when the path is empty,
 * meaning "/"). 0 on success, -1 and nothing written otherwise.
 */
int http_absolute(const uint8_t *s, size_t n, char *host, size_t hcap,
		  uint16_t *port, size_t *path_off);

/*
 * 1 when the Proxy-Authorization value v[0..n) carries the session token
 * tok[0..tn): `Bearer <tok>` or `Basic base64(user ":" tok)` (scheme
 * case-insensitive, one or more spaces after it; only the password part
 * is compared, exactly, without early exit on the first difference).
 * 0 otherwise, also for any malformed value.
 */
int http_proxy_auth_ok(const uint8_t *v, size_t n, const char *tok,
		       size_t tn);

#endif
