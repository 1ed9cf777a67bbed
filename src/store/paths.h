/*
 * Where nono keeps its state (spec/storage.md §1):
 *   state base  = $XDG_STATE_HOME if set and absolute, else $HOME/.local/state
 *   audit root  = <state>/nono/audit      (legacy: ~/.nono/audit, read-only)
 *   rollbacks   = <state>/nono/rollbacks  (legacy: ~/.nono/rollbacks)
 * and its configuration (spec/profiles.md §1, spec/config.md):
 *   config dir  = $XDG_CONFIG_HOME/nono if XDG_CONFIG_HOME is absolute and
 *                 exists, else $HOME/.config/nono
 */
#ifndef NONO_PATHS_H
#define NONO_PATHS_H

#include "err.h"

#include <limits.h>

enum root_kind { ROOT_AUDIT, ROOT_AUDIT_LEGACY, ROOT_ROLLBACK,
		 ROOT_ROLLBACK_LEGACY, ROOT_NKINDS };

/* Fills path for a root. Fails only when neither the XDG variable nor
 * HOME gives an absolute base. */
int state_root(enum root_kind k, char path[PATH_MAX], struct err *e);

/* <config dir>/<name> into path; -1 when neither XDG_CONFIG_HOME nor
 * HOME gives one, or the result is too long. */
int config_file(const char *name, char path[PATH_MAX]);

#endif
