/*
 * Conditional profile entries (spec/profiles.md §3.2): the `when`
 * platform predicate, and the /etc/os-release facts it is tested against.
 *
 *   pred    := ["!"] ( "linux" [":" id [":" version [":" variant]]]
 *                    | "macos" [":" version]
 *                    | "windows" [":" version [":" build]] )
 *   id      := name | name "-like"        name := [a-z0-9._]+ ('-' inside)
 *   version := [ "==" | ">=" | "<=" | ">" | "<" ] num ("." num)*
 *
 * Both functions are total and allocation-free.
 */
#ifndef NONO_WHEN_H
#define NONO_WHEN_H

#include <stddef.h>

/* What the running system is. NULL fields are unknown: a predicate that
 * needs one does not match. */
struct os_facts {
	const char *id;          /* ID */
	const char *id_like;     /* ID_LIKE, space-separated */
	const char *version_id;  /* VERSION_ID */
	const char *variant_id;  /* VARIANT_ID */
};

/* 1 when pred (n bytes) holds on this Linux system, 0 when it does not,
 * -1 when pred is not a valid predicate. */
int when_match(const char *pred, size_t n, const struct os_facts *os);

/* Fills os from an os-release text (KEY=VALUE lines, values optionally
 * in double or single quotes, '#' comments). The strings are copied into
 * buf (cap bytes); fields the text lacks stay NULL. Returns 0, or -1
 * when buf is too small (os then holds what fitted). */
int os_release_parse(const char *text, size_t n, struct os_facts *os,
		     char *buf, size_t cap);

#endif
