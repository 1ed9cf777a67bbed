/*
 * Canonical paths (spec/sandbox.md §2.2): realpath, and the "try" form
 * that canonicalizes the deepest existing ancestor and re-appends the
 * rest, for paths that do not exist yet.
 */
#ifndef NONO_CANON_H
#define NONO_CANON_H

#include <limits.h>

/* 0, or -errno. p may be relative (to the current directory). */
int canon_real(const char *p, char out[PATH_MAX]);
/* The same, with the object's enum cap_ftype in *ft. */
int canon_real_ft(const char *p, char out[PATH_MAX], unsigned *ft);
/* Always succeeds for an absolute path that fits; -ENAMETOOLONG
 * otherwise. */
int canon_try(const char *abs, char out[PATH_MAX]);
/* enum cap_ftype of a canonical path (FT_MISSING when absent). */
unsigned canon_ftype(const char *p);

#endif
