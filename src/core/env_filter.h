/*
 * The environment a sandboxed program starts with (spec/enforcement.md
 * §5): the parent's environment minus dangerous, nono-internal, secret
 * and policy-denied names, plus what nono sets. Pure: works on envp
 * arrays of "NAME=value" strings and never copies a value.
 */
#ifndef NONO_ENV_FILTER_H
#define NONO_ENV_FILTER_H

#include <stddef.h>

/* Loader, interpreter and shell start-up hooks (LD_*, BASH_ENV, ...). */
int env_name_dangerous(const char *name, size_t n);
/* Names that carry credentials by convention (*TOKEN*, *SECRET*,
 * *PASSWORD*, *API_KEY*, AWS_SECRET_ACCESS_KEY, ..._KEY, ...). */
int env_name_secret(const char *name, size_t n);
/* Internal variables nono itself sets (NONO_CAP_FILE, ...). */
int env_name_internal(const char *name, size_t n);

/* allow_vars/deny_vars patterns: NAME, PREFIX* or *. */
int env_pattern_valid(const char *pat);
int env_pattern_match(const char *pat, const char *name, size_t n);

struct env_policy {
	const char *const *allow;   /* allow_vars (NULL or empty: all) */
	size_t nallow;
	const char *const *deny;    /* deny_vars */
	size_t ndeny;
	const char *const *set;     /* "NAME=value": set_vars, then injected,
				       in increasing priority */
	size_t nset;
};

/* Fills out[0..*n) (then NULL) with the child's environment: inherited
 * entries in their order, then the set entries, each name once (a later
 * set entry replaces an earlier one). -1 when out (cap entries, NULL
 * included) is too small. */
int env_build(const char *const *envp, const struct env_policy *pol,
	      const char **out, size_t cap, size_t *n);

#endif
