/*
 * Lexical path rules (spec/sandbox.md §2). Nothing here touches the file
 * system: callers canonicalize with realpath first, and these functions
 * compare, split and join the resulting strings.
 *
 * A "clean" path is absolute, has no empty, "." or ".." component and no
 * trailing '/', except "/" itself. Coverage is by whole components:
 * "/a/bc" is not under "/a/b".
 */
#ifndef NONO_PATH_H
#define NONO_PATH_H

#include "nbuf.h"

#include <stddef.h>
#ifdef __FRAMAC__
#include <string.h> /* strlen, valid_read_string for the ACSL below */
#endif

/* 1 when p[0..n) is a clean absolute path. */
/*@ requires \valid_read(p + (0 .. n - 1));
    requires n < SIZE_MAX; // an object is never that large
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
int path_is_clean(const char *p, size_t n);

/* 1 when p equals base or lies beneath it (component-wise). */
/*@ requires \valid_read(base + (0 .. bn - 1));
    requires \valid_read(p + (0 .. pn - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> bn <= pn;
 */
int path_covers(const char *base, size_t bn, const char *p, size_t pn);

/* 1 when p lies strictly beneath base. */
/*@ requires \valid_read(base + (0 .. bn - 1));
    requires \valid_read(p + (0 .. pn - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> bn < pn;
 */
int path_strictly_under(const char *base, size_t bn, const char *p,
			size_t pn);

/* Length of the parent of a clean path: 1 for "/x" (the parent is "/"),
 * 0 for "/" (no parent). */
/*@ requires \valid_read(p + (0 .. n - 1));
    assigns \nothing;
    ensures \result <= n;
 */
size_t path_parent_len(const char *p, size_t n);

/* Appends to out the clean path of `rel` taken relative to the clean
 * directory `base` (ignored when rel is absolute), resolving "." and ".."
 * lexically (".." of "/" is "/"), then a NUL. -1 (out unchanged) when out
 * is too small or rel is empty. */
/*@ requires nbuf_valid(out);
    requires valid_read_string(base) && valid_read_string(rel);
    requires \separated(base + (0 .. strlen(base)), out->p + (0 .. out->cap - 1), out);
    requires \separated(rel + (0 .. strlen(rel)), out->p + (0 .. out->cap - 1), out);
    assigns out->len, out->p[out->len .. out->cap - 1];
    ensures nbuf_valid(out);
    ensures \result == 0 || \result == -1;
    ensures \result == -1 ==> out->len == \old(out->len);
 */
int path_join(struct nbuf *out, const char *base, const char *rel);

#endif
