/*
 * The capability block nono prints before a run and for --dry-run
 * (spec/cli-run.md §4), on stderr.
 */
#ifndef NONO_CAPS_PRINT_H
#define NONO_CAPS_PRINT_H

#include "capset.h"
#include "landlock_plan.h"

void caps_print(const struct capset *cs, const struct ll_plan *ll);

/* "  $ <command>", shell-quoted and redacted with the default policy. */
void caps_print_command(char *const *argv, int argc);

#endif
