/*
 * DSSE pre-authentication encoding (spec/attestation.md §2):
 *   PAE(type, body) = "DSSEv1" SP len(type) SP type SP len(body) SP body
 * with SP = 0x20 and lengths in decimal bytes.
 */
#ifndef NONO_DSSE_H
#define NONO_DSSE_H

#include "nbuf.h"

#define DSSE_INTOTO_TYPE "application/vnd.in-toto+json"

/* Appends PAE(type, body). All or nothing: -1 and no change when it does
 * not fit. */
/*@ requires nbuf_valid(out);
    requires \valid_read(type + (0 .. tlen - 1));
    requires \valid_read(body + (0 .. blen - 1));
    requires \separated(type + (0 .. tlen - 1), out->p + (0 .. out->cap - 1), out);
    requires \separated(body + (0 .. blen - 1), out->p + (0 .. out->cap - 1), out);
    assigns out->len, out->p[out->len .. out->cap - 1];
    ensures nbuf_valid(out);
    ensures \result == 0 || \result == -1;
    ensures \result == -1 ==> out->len == \old(out->len);
    ensures \result == 0 ==>
              \old(out->len) + 12 + tlen + blen <= out->len <=
              \old(out->len) + 50 + tlen + blen;
 */
int dsse_pae(struct nbuf *out, const char *type, size_t tlen,
	     const uint8_t *body, size_t blen);

#endif
