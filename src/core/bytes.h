/*
 * Byte-string equality as loops WP can check (Frama-C's memcmp contract
 * asks for non-dangling, initialized pointers, which callers cannot
 * show). One function per pairing of C types, so that no caller casts.
 */
#ifndef NONO_BYTES_H
#define NONO_BYTES_H

#include <stddef.h>
#include <stdint.h>

/* 1 when a[0..n) == b[0..n), else 0. */
/*@ requires \valid_read(a + (0 .. n - 1)) && \valid_read(b + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
int bytes_eq(const uint8_t *a, const uint8_t *b, size_t n);

/*@ requires \valid_read(a + (0 .. n - 1)) && \valid_read(b + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
int chars_eq(const char *a, const char *b, size_t n);

/* bytes against chars (input bytes against a C-string table entry) */
/*@ requires \valid_read(a + (0 .. n - 1)) && \valid_read(b + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
int bytes_eq_chars(const uint8_t *a, const char *b, size_t n);

#endif
