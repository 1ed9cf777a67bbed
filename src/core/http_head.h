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

/*@ predicate http_span_in(integer off, integer len, integer lim) =
      0 <= off && 0 <= len && off + len <= lim;

    // What an OK parse of b[0..n) gives: the head is b[0..head_len), ends
    // in CRLF CRLF, and every span lies before that final CRLF CRLF.
    predicate http_req_ok{L}(struct http_req *r, uint8_t *b, integer n) =
      4 <= r->head_len <= n && r->head_len <= HTTP_HEAD_MAX &&
      b[r->head_len - 4] == '\r' && b[r->head_len - 3] == '\n' &&
      b[r->head_len - 2] == '\r' && b[r->head_len - 1] == '\n' &&
      r->method.len >= 1 &&
      http_span_in(r->method.off, r->method.len, r->head_len - 4) &&
      r->target.len >= 1 &&
      http_span_in(r->target.off, r->target.len, r->head_len - 4) &&
      http_span_in(r->host.off, r->host.len, r->head_len - 4) &&
      http_span_in(r->proxy_auth.off, r->proxy_auth.len, r->head_len - 4) &&
      (r->has_host == 0 || r->has_host == 1) &&
      (r->has_proxy_auth == 0 || r->has_proxy_auth == 1) &&
      (r->has_host == 0 ==> r->host.off == 0 && r->host.len == 0) &&
      (r->has_proxy_auth == 0 ==>
         r->proxy_auth.off == 0 && r->proxy_auth.len == 0);

    // A host written by http_authority: NUL-terminated within cap.
    predicate http_host_out{L}(char *h, integer cap) =
      \exists integer l; 0 <= l < cap && h[l] == 0;
 */

/*
 * Parses the head at the start of b[0..n). Lines end in CRLF (a bare LF
 * or a bare CR anywhere in the head is BAD). The request line is
 * `method SP target SP HTTP/1.0|HTTP/1.1`, each part non-empty, target
 * made of visible ASCII (0x21..0x7e). Header lines are `name ":" OWS
 * value OWS`: name 1*tchar with nothing between it and the colon, value
 * bytes HTAB, SP, 0x21..0x7e or 0x80..0xff. A line starting with SP/HTAB
 * (obsolete folding) is BAD; so is a second Host or a second
 * Proxy-Authorization header (names compared case-insensitively).
 * The request line is the first line (no empty line may precede it).
 * MORE when b[0..n) holds no CRLF CRLF and n < HTTP_HEAD_MAX (a prefix
 * that is already malformed may be reported BAD early, never OK; every
 * strict prefix of a well-formed head is MORE); TOO_LARGE when the first
 * HTTP_HEAD_MAX bytes hold no end of head (and no line found malformed
 * before that: lines are judged in order, each once complete, a bare LF
 * or bare CR as soon as it is seen). r is written only on OK.
 */
/*@ requires \valid_read(b + (0 .. n - 1));
    requires \valid(r) && \separated(r, b + (0 .. n - 1));
    assigns *r;
    ensures \result == HTTP_HEAD_OK || \result == HTTP_HEAD_MORE ||
            \result == HTTP_HEAD_BAD || \result == HTTP_HEAD_TOO_LARGE;
    ensures \result != HTTP_HEAD_OK ==> *r == \old(*r);
    ensures \result == HTTP_HEAD_OK ==> http_req_ok(r, (uint8_t *)b, n);
    ensures \result == HTTP_HEAD_MORE ==> n < HTTP_HEAD_MAX;
    ensures \result == HTTP_HEAD_TOO_LARGE ==> n >= HTTP_HEAD_MAX;
 */
int http_head_parse(const uint8_t *b, size_t n, struct http_req *r);

/*
 * An authority `host ":" port` (CONNECT target, Host value), or `host`
 * alone when defport is non-zero (the port is then defport). host is a
 * registered name (letters, digits, '-', '.', '_'; 1..HTTP_HOST_MAX
 * bytes, a trailing dot included; no empty label except one trailing
 * dot), a dotted IPv4 address, or "[" IPv6 "]" (inside the brackets
 * 2..45 bytes: hex digits, ':' and '.', at least two ':'). A name whose
 * last label (one trailing dot dropped) is a number, decimal digits or
 * "0x" and hex digits, must be a dotted IPv4 address: exactly four
 * decimal numbers 0..255 without leading zeros, no trailing dot
 * ("127.1", "2130706433", "0x7f.0.0.1", "1.2.3.4." are refused:
 * resolvers would read them as addresses). port is 1..65535 in
 * decimal, 1 to 5 digits (leading zeros allowed). On success writes the
 * host lower-cased, without brackets, NUL-terminated, into host[0..hcap)
 * and returns 0; otherwise -1 and host, port untouched (also when the
 * host does not fit in hcap).
 */
/*@ requires \valid_read(s + (0 .. n - 1));
    requires \valid(host + (0 .. hcap - 1)) && \valid(port);
    requires \separated(host + (0 .. hcap - 1), port, s + (0 .. n - 1));
    assigns host[0 .. hcap - 1], *port;
    ensures \result == 0 || \result == -1;
    ensures \result == -1 ==> *port == \old(*port) &&
              \forall integer k; 0 <= k < hcap ==> host[k] == \old(host[k]);
    ensures \result == 0 ==> *port >= 1 && http_host_out(host, hcap);
 */
int http_authority(const uint8_t *s, size_t n, uint16_t defport, char *host,
		   size_t hcap, uint16_t *port);

/*
 * An absolute-form target `http://authority[path]` (scheme
 * case-insensitive; only http; no userinfo '@'; path empty or starting
 * with '/', '?' not allowed before the path). The authority is s[7..p)
 * with p the first byte that cannot be in an authority (so '@', '?',
 * '#' before the path make the target invalid); it is read by
 * http_authority with port 80 by default. The path itself is not
 * examined. *path_off is the offset in s of the path (n when the path
 * is empty, meaning "/"). 0 on success, -1 and nothing written
 * otherwise.
 */
/*@ requires \valid_read(s + (0 .. n - 1));
    requires \valid(host + (0 .. hcap - 1)) && \valid(port) &&
             \valid(path_off);
    requires \separated(host + (0 .. hcap - 1), port, path_off,
                        s + (0 .. n - 1));
    assigns host[0 .. hcap - 1], *port, *path_off;
    ensures \result == 0 || \result == -1;
    ensures \result == -1 ==> *port == \old(*port) &&
              *path_off == \old(*path_off) &&
              \forall integer k; 0 <= k < hcap ==> host[k] == \old(host[k]);
    ensures \result == 0 ==> *port >= 1 && http_host_out(host, hcap) &&
              7 <= *path_off <= n &&
              (*path_off == n || s[*path_off] == '/');
 */
int http_absolute(const uint8_t *s, size_t n, char *host, size_t hcap,
		  uint16_t *port, size_t *path_off);

/*
 * 1 when the Proxy-Authorization value v[0..n) carries the session token
 * tok[0..tn): `Bearer <tok>` or `Basic base64(user ":" tok)` (scheme
 * case-insensitive, one or more spaces after it; only the password part
 * is compared, exactly, without early exit on the first difference).
 * The credentials run to the end of v (a trailing space does not
 * match). Basic: strict base64 (spec/encodings.md), decoding to at most
 * 384 bytes; the user is everything before the first ':' (any bytes,
 * possibly empty), the password everything after it. An empty token
 * (tn == 0) never matches. 0 otherwise, also for any malformed value.
 */
/*@ requires \valid_read(v + (0 .. n - 1)) && \valid_read(tok + (0 .. tn - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> tn >= 1;
 */
int http_proxy_auth_ok(const uint8_t *v, size_t n, const char *tok,
		       size_t tn);

#endif
