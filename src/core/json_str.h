/*
 * JSON string content: canonical escaping and strict unescaping
 * (spec/json.md §2).
 *
 * Canonical escaping of a byte b:
 *   '"' -> \"   '\\' -> \\   0x08 \b  0x09 \t  0x0A \n  0x0C \f  0x0D \r
 *   other b < 0x20 -> \u00xx (lower-case hex)
 *   everything else (including '/', 0x7F and bytes >= 0x80) -> b itself.
 * The escaper works on bytes; callers check UTF-8 and NUL first.
 *
 * Unescaping accepts every RFC 8259 escape, joins surrogate pairs, and
 * rejects: raw bytes < 0x20, invalid UTF-8, lone or reversed surrogates,
 * and U+0000 in any spelling (nono strings never contain NUL).
 */
#ifndef NONO_JSON_STR_H
#define NONO_JSON_STR_H

#include "nbuf.h"

/*@ logic integer esc_len(integer b) =
      (b == '"' || b == '\\' || b == 0x08 || b == 0x09 || b == 0x0A ||
       b == 0x0C || b == 0x0D) ? 2 : (b < 0x20 ? 6 : 1);
    // Length of the canonical escaping of s[0..n).
    logic integer esc_total{L}(uint8_t *s, integer n) =
      n <= 0 ? 0 : esc_total(s, n - 1) + esc_len(s[n - 1]);
 */

/* Length of the canonical escaping of s[0..n), saturating at SIZE_MAX. */
/*@ requires \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures \result <= SIZE_MAX;
    ensures esc_total(s, n) <= SIZE_MAX ==> \result == esc_total(s, n);
    ensures esc_total(s, n) > SIZE_MAX ==> \result == SIZE_MAX;
 */
size_t json_escaped_len(const uint8_t *s, size_t n);

/* Appends the canonical escaping of s[0..n) (without quotes).
 * All or nothing: -1 and no change when it does not fit. */
/*@ requires nbuf_valid(out);
    requires \valid_read(s + (0 .. n - 1));
    requires \separated(s + (0 .. n - 1), out->p + (0 .. out->cap - 1), out);
    assigns out->len, out->p[out->len .. out->cap - 1];
    ensures nbuf_valid(out);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> out->len == \old(out->len) + \old(esc_total(s, n));
    ensures \old(out->len) <= out->len;
    ensures \result == -1 ==> out->len == \old(out->len);
    ensures \result == -1 ==> \forall integer k; 0 <= k < out->cap ==>
              out->p[k] == \old(out->p[k]);
 */
int json_escape(struct nbuf *out, const uint8_t *s, size_t n);

/* Decodes one character of escaped string content src[*pos..n):
 * writes its UTF-8 bytes to out[0..*outlen) and advances *pos.
 * Returns 0, or -1 on anything the rules above reject (pos unchanged). */
/*@ requires \valid_read(src + (0 .. n - 1));
    requires \valid(pos) && *pos < n;
    requires \valid(out + (0 .. 3)) && \valid(outlen);
    requires \separated(pos, outlen, out + (0 .. 3));
    assigns *pos, *outlen, out[0 .. 3];
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \old(*pos) < *pos <= n && 1 <= *outlen <= 4;
    ensures \result == -1 ==> *pos == \old(*pos);
 */
int json_unescape_next(const uint8_t *src, size_t n, size_t *pos,
		       uint8_t out[4], size_t *outlen);

/* Validates and unescapes a whole string content into out (all or
 * nothing). */
/*@ requires nbuf_valid(out);
    requires \valid_read(src + (0 .. n - 1));
    requires \separated(src + (0 .. n - 1), out->p + (0 .. out->cap - 1), out);
    assigns out->len, out->p[out->len .. out->cap - 1];
    ensures nbuf_valid(out);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \old(out->len) <= out->len;
    ensures \result == -1 ==> out->len == \old(out->len);
 */
int json_unescape(struct nbuf *out, const uint8_t *src, size_t n);

/* 1 when src[0..n) unescapes (validly) to exactly lit[0..litlen). */
/*@ requires \valid_read(src + (0 .. n - 1));
    requires \valid_read(lit + (0 .. litlen - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
int json_str_equal(const uint8_t *src, size_t n, const uint8_t *lit,
		   size_t litlen);

#endif
