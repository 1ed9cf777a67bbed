/*
 * The two path expanders (spec/sandbox.md §3). Both are pure: the caller
 * passes the environment as an envp array, the working directory and the
 * uid.
 *
 *   path_expand_group     policy-group paths: only a *leading* ~, $HOME,
 *                         $TMPDIR or $VAR is replaced; an unset variable
 *                         or a relative result is an error.
 *   path_expand_template  profile and command-line paths: first every
 *                         $NAME set in the environment is substituted
 *                         (unset ones stay literal), then a leading ~ and
 *                         nono's own variables ($WORKDIR, $TMPDIR, $UID,
 *                         $HOME, $XDG_*, $NONO_CONFIG, $NONO_PACKAGES)
 *                         anywhere in the string.
 *
 * Both append the result and a NUL to out and return PX_OK, or an error
 * code with out unchanged; *what names the variable concerned.
 */
#ifndef NONO_PATH_EXPAND_H
#define NONO_PATH_EXPAND_H

#include "nbuf.h"

#include <stddef.h>

struct path_vars {
	const char *const *envp;   /* "NAME=value", NULL-terminated */
	const char *workdir;       /* for $WORKDIR; NULL: left literal */
	unsigned long uid;         /* for $UID */
};

enum {
	PX_OK = 0,
	PX_EFULL,        /* result too long */
	PX_EHOME,        /* HOME unset or not absolute */
	PX_EUNSET,       /* a group path names an unset variable */
	PX_ENOTABS,      /* a variable's value, or the result, is relative */
};

/* The value of NAME (n bytes) in envp, or NULL. */
const char *env_lookup(const char *const *envp, const char *name, size_t n);

int path_expand_group(struct nbuf *out, const char *tmpl,
		      const struct path_vars *v, const char **what);
int path_expand_template(struct nbuf *out, const char *tmpl,
			 const struct path_vars *v, const char **what);

/* A one-line description of an expansion error. */
const char *path_expand_strerror(int code);

#endif
