/*
 * PEM (RFC 7468), strictly (spec/attestation.md §4): one object,
 *   "-----BEGIN <label>-----" EOL
 *   base64 lines (standard alphabet, '=' padding only at the very end)
 *   "-----END <label>-----" [EOL]
 * with optional whitespace before and after the object and LF or CRLF
 * line ends. Encapsulated headers ("Proc-Type: 4,ENCRYPTED", ...) are
 * refused. Our own decoder, not BearSSL's, so that it is proved and
 * fuzzed with the rest of the core.
 */
#ifndef NONO_PEM_H
#define NONO_PEM_H

#include "nbuf.h"

#include <string.h>

#include <stddef.h>
#include <stdint.h>

#define PEM_LABEL_MAX 64

/* Decodes the single object in text[0..n): its label (NUL-terminated)
 * and its DER bytes appended to der. Returns 0, or -1 with why (der
 * unchanged). */
/*@ requires nbuf_valid(der);
    requires \valid_read(text + (0 .. n - 1));
    requires \valid(label + (0 .. PEM_LABEL_MAX));
    requires \valid(why);
    requires \separated(text + (0 .. n - 1), der, der->p + (0 .. der->cap - 1));
    requires \separated(label + (0 .. PEM_LABEL_MAX), text + (0 .. n - 1), der,
                        der->p + (0 .. der->cap - 1), why);
    requires \separated(why, text + (0 .. n - 1), der,
                        der->p + (0 .. der->cap - 1));
    assigns label[0 .. PEM_LABEL_MAX], *why, der->len,
            der->p[der->len .. der->cap - 1];
    ensures nbuf_valid(der);
    ensures \result == 0 || \result == -1;
    ensures \result == -1 ==> der->len == \old(der->len);
    ensures \result == 0 ==> \old(der->len) <= der->len;
    ensures \result == 0 ==> \exists integer ll; 1 <= ll <= PEM_LABEL_MAX &&
              label[ll] == 0;
 */
int pem_decode(const uint8_t *text, size_t n, char label[PEM_LABEL_MAX + 1],
	       struct nbuf *der, const char **why);

/* Appends the PEM encoding of der (64-character lines, LF, final LF).
 * All or nothing: -1 and no change when it does not fit. */
/*@ requires nbuf_valid(out);
    requires valid_read_string(label);
    requires \separated(label + (0 .. strlen(label)), out,
                        out->p + (0 .. out->cap - 1));
    requires n <= SIZE_MAX - 48;
    requires \valid_read(der + (0 .. n - 1));
    requires \separated(der + (0 .. n - 1), out, out->p + (0 .. out->cap - 1));
    assigns out->len, out->p[out->len .. out->cap - 1];
    ensures nbuf_valid(out);
    ensures \result == 0 || \result == -1;
    ensures \result == -1 ==> out->len == \old(out->len);
    ensures \result == 0 ==> \old(out->len) < out->len;
 */
int pem_encode(struct nbuf *out, const char *label, const uint8_t *der,
	       size_t n);

#endif
