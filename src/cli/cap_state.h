/*
 * The capability state file a sandboxed program finds in NONO_CAP_FILE
 * (spec/cli-run.md §6), read back by `nono why --self`.
 *
 *   {"fs":[{"original","path","access","is_file","source"}],
 *    "net_blocked","allowed_commands","blocked_commands",
 *    "bypass_protection_paths","allowed_domains"}
 *
 * Written 0600 with O_EXCL as <tmp>/.nono-<16 hex>.json; at most 1 MiB.
 */
#ifndef NONO_CAP_STATE_H
#define NONO_CAP_STATE_H

#include "capset.h"
#include "err.h"

#include <limits.h>

/* Creates the file; path receives its name. */
int cap_state_write(const struct capset *cs, char path[PATH_MAX],
		    struct err *e);

/* Reads it into cs, strings in arena. Bad content is an error whose
 * message starts with "SECURITY: ". */
int cap_state_read(const char *path, struct capset *cs, struct nbuf *arena,
		   struct err *e);

#endif
