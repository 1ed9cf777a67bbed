/*
 * Host names against allow-list entries (spec/profiles.md §9): an exact
 * name, or a suffix entry (".example.com" or "*.example.com") that
 * matches any name with at least one more label in front. ASCII case is
 * ignored and one trailing dot on either side is dropped. No DNS.
 */
#ifndef NONO_HOSTMATCH_H
#define NONO_HOSTMATCH_H

#include <stddef.h>

/* 1 when host[0..n) matches the NUL-terminated entry, else 0. Total: an
 * empty host or entry never matches. */
int host_match(const char *entry, const char *host, size_t n);

#endif
