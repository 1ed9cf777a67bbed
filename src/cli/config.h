/*
 * The user configuration, ${XDG_CONFIG_HOME:-~/.config}/nono/config.toml
 * (spec/config.md): [ui], [redaction], [rollback]/[undo], [updates],
 * [meta], and the legacy tables. Read once, on demand; a missing file is
 * the defaults.
 */
#ifndef NONO_CONFIG_H
#define NONO_CONFIG_H

#include "err.h"
#include "scrub.h"

struct user_config {
	const char *theme;               /* [ui] theme, NULL when unset */
	const char *detach_sequence;
	struct scrub_policy redaction;   /* the default plus [redaction] */
	long long rb_max_sessions, rb_max_snapshots, rb_stale_grace_hours;
	double rb_max_storage_gb;
	int updates_check;
};

/* The configuration, loaded on the first call. NULL with e set when the
 * file exists but is not acceptable (one line naming file, line, key). */
const struct user_config *config_get(struct err *e);

/* Parses text as config.toml into c (shown names the file in messages);
 * unknown keys are reported as warnings on stderr. 0 or -1 with e. */
int config_parse(struct user_config *c, const uint8_t *text, size_t n,
		 const char *shown, struct err *e);

#endif
