/*
 * `@git:` tokens in profile filesystem lists (spec/profiles.md §5.3):
 * paths found by running git in the working directory.
 */
#ifndef NONO_GIT_TOKENS_H
#define NONO_GIT_TOKENS_H

#include "err.h"

#include <limits.h>
#include <stddef.h>

#define GIT_TOKEN_MAX_PATHS 16

/* 1 when s is spelled as a token ("@git:..."). */
int git_token(const char *s);

/* Resolves token in workdir into up to GIT_TOKEN_MAX_PATHS absolute paths
 * (*n of them; 0 when it does not resolve: not a repository, no git).
 * Returns 0, or -1 with e set for a token name this build does not know. */
int git_token_paths(const char *token, const char *workdir,
		    char out[][PATH_MAX], size_t *n, struct err *e);

#endif
