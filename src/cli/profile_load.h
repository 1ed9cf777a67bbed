/*
 * Finding and loading profiles (spec/profiles.md §1, §4): a name or path
 * resolved against the user's profile directory and the built-ins, its
 * `extends` chain folded (depth 10, cycles refused), and the effective
 * group list checked against the embedded policy.
 */
#ifndef NONO_PROFILE_LOAD_H
#define NONO_PROFILE_LOAD_H

#include "err.h"
#include "profile.h"

#include <limits.h>

enum prof_origin { PO_BUILTIN, PO_USER, PO_FILE };

struct loaded_profile {
	struct profile p;          /* merged over its bases (not finalized) */
	struct plist groups;       /* effective groups (finalized) */
	char ref[PATH_MAX];        /* the name or path given */
	char path[PATH_MAX];       /* the file read ("" for a built-in) */
	const char *name;          /* the profile's name */
	uint8_t origin;            /* enum prof_origin */
	uint8_t shadows_builtin;   /* a user profile named like a built-in */
};

/* Loads ref (name or path) with its bases, or only ref's own document
 * when raw; extends_first are put before the profile's own extends. 0, or
 * -1 with one line in e naming the file, line and key. */
int profile_load(struct loaded_profile *lp, const char *ref, int raw,
		 const char *const *extends_first, size_t nextends,
		 struct err *e);

/* The groups of the built-in default profile alone (the run without
 * --profile), into lp->groups; lp->p is the built-in default. */
int profile_default_groups(struct loaded_profile *lp, struct err *e);

/* The user profile directory (no trailing '/'), into out. -1 when
 * neither XDG_CONFIG_HOME nor HOME gives one. */
int profile_user_dir(char out[PATH_MAX]);

/* The built-in profile called name, or NULL. */
const struct builtin_file *profile_builtin(const char *name);

#endif
