/*
 * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates (U+D800..DFFF),
 * nothing above U+10FFFF.
 */
#ifndef NONO_UTF8_H
#define NONO_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Length (1..4) of the valid UTF-8 sequence starting at s[0], or 0 when
 * the bytes at s do not start one (including when n is too short). */
/*@ requires \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures 0 <= \result <= 4;
    ensures \result <= n;
    ensures n == 0 ==> \result == 0;
 */
size_t utf8_seq(const uint8_t *s, size_t n);

/* 1 when all n bytes are valid UTF-8, else 0. */
/*@ requires \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
int utf8_valid(const uint8_t *s, size_t n);

/* Encodes code point cp (must be <= 0x10FFFF and not a surrogate) into
 * out; returns the length 1..4, or 0 when cp is not a scalar value. */
/*@ requires \valid(out + (0 .. 3));
    assigns out[0 .. 3];
    ensures 0 <= \result <= 4;
    ensures cp < 0x80 ==> \result == 1;
    ensures 0x80 <= cp < 0x800 ==> \result == 2;
    ensures 0x800 <= cp < 0x10000 && !(0xD800 <= cp <= 0xDFFF) ==> \result == 3;
    ensures 0x10000 <= cp <= 0x10FFFF ==> \result == 4;
    ensures 0xD800 <= cp <= 0xDFFF || cp > 0x10FFFF ==> \result == 0;
 */
size_t utf8_put(uint32_t cp, uint8_t out[4]);

#endif
