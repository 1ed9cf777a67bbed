/*
 * Executing a Landlock plan (spec/enforcement.md §2). The ruleset is
 * built by the unsandboxed parent, before it forks, so that every error
 * names the path and the call; the child only restricts itself.
 *
 *   landlock_abi             the kernel's ABI version (0: unavailable)
 *   landlock_ruleset_build   create the ruleset and add every rule,
 *                            except paths under /proc/<self pid>
 *   landlock_add_proc_rules  (in the child) the skipped /proc rules,
 *                            rebased from the parent's pid to its own
 *   landlock_restrict        no_new_privs, then landlock_restrict_self
 */
#ifndef NONO_LANDLOCK_H
#define NONO_LANDLOCK_H

#include "err.h"
#include "landlock_plan.h"

#include <sys/types.h>

int landlock_abi(void);

int landlock_ruleset_build(const struct ll_plan *p, int *fd, struct err *e);

/* Async-signal-safe: usable between fork and exec. 0 or -errno. */
int landlock_add_proc_rules(int fd, const struct ll_plan *p, pid_t parent,
			    pid_t self);

/* Async-signal-safe. 0 or -errno. */
int landlock_restrict(int fd);

#endif
