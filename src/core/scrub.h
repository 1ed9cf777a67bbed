/*
 * Best-effort redaction of secrets in command lines (spec/redaction.md).
 *
 * A policy is four sorted sets of lower-case names: sensitive flags,
 * headers, query keys and environment variables. Matching trims the
 * candidate and ignores ASCII case. The marker is "[REDACTED]".
 */
#ifndef NONO_SCRUB_H
#define NONO_SCRUB_H

#include "json_write.h"
#include "nbuf.h"

#include <stddef.h>

#define SCRUB_MARKER "[REDACTED]"
#define SCRUB_MAX_NAMES 64

enum scrub_kind { SCRUB_FLAGS, SCRUB_HEADERS, SCRUB_QUERY, SCRUB_ENV,
		  SCRUB_NKINDS };

struct scrub_set {
	const char *names[SCRUB_MAX_NAMES]; /* sorted, unique, lower case */
	size_t n;
};

struct scrub_policy {
	struct scrub_set set[SCRUB_NKINDS];
};

/* The secure default policy. */
void scrub_policy_default(struct scrub_policy *p);
/* Adds/removes a name. The name must already be normalized (trimmed,
 * lower case, non-empty) and must outlive the policy. -1 if not
 * normalized or the set is full. */
int scrub_policy_add(struct scrub_policy *p, enum scrub_kind k,
		     const char *name);
void scrub_policy_remove(struct scrub_policy *p, enum scrub_kind k,
			 const char *name);
/* 1 when the policy equals the default. */
int scrub_policy_is_default(const struct scrub_policy *p);
/* Writes the ScrubPolicyDiff object against the default (caller checks
 * !scrub_policy_is_default first; the diff of the default is omitted). */
void scrub_policy_diff_write(const struct scrub_policy *p, struct jw *w);

/* 1 when name (trimmed, any case) is in set k. */
int scrub_match(const struct scrub_policy *p, enum scrub_kind k,
		const char *name, size_t n);

/* Redacts one string with the value rule (header line, URL userinfo,
 * query parameters); appends the NUL-terminated result to arena and
 * returns it, or NULL when arena is full. */
const char *scrub_value(const struct scrub_policy *p, const char *s,
			struct nbuf *arena);

/* Redacts argv[0..argc) into outv[0..argc), strings stored in arena.
 * Returns 0, or -1 when the arena is too small. */
int scrub_argv(const struct scrub_policy *p, const char *const *argv,
	       size_t argc, const char **outv, struct nbuf *arena);

#endif
