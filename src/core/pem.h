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

#include <stddef.h>
#include <stdint.h>

#define PEM_LABEL_MAX 64

/* Decodes the single object in text[0..n): its label (NUL-terminated)
 * and its DER bytes appended to der. Returns 0, or -1 with why (der
 * unchanged). */
int pem_decode(const uint8_t *text, size_t n, char label[PEM_LABEL_MAX + 1],
	       struct nbuf *der, const char **why);

/* Appends the PEM encoding of der (64-character lines, LF, final LF). */
int pem_encode(struct nbuf *out, const char *label, const uint8_t *der,
	       size_t n);

#endif
