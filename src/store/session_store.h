/*
 * Finding and loading an audited session (spec/storage.md §2).
 *
 * Session ids are checked before any path is built: 1-64 characters of
 * [A-Za-z0-9_-]. Roots are searched in order: primary audit, legacy audit,
 * primary rollbacks, legacy rollbacks (the rollback roots only count
 * sessions with snapshot_count == 0, i.e. audit-only sessions). Session
 * directories and files are opened without following symlinks.
 */
#ifndef NONO_SESSION_STORE_H
#define NONO_SESSION_STORE_H

#include "err.h"
#include "paths.h"
#include "session.h"

struct loaded_session {
	char root[PATH_MAX];   /* the root it was found in */
	enum root_kind kind;
	int dirfd;             /* the session directory */
	uint8_t *js;           /* session.json bytes */
	size_t jslen;
	jsmntok_t *tok;
	uint8_t *arena;
	struct session_meta m;
};

/* Formats the "invalid session ID" error for id (shown safely). */
int session_id_error(const char *id, struct err *e);

int session_load(const char *id, struct loaded_session *s, struct err *e);

/* Calls fn for every audit session in every root (first root wins for an
 * id; rollback roots only for audit-only sessions). Sessions whose
 * session.json is missing or invalid are reported through bad() (may be
 * NULL) and skipped. fn returns non-zero to stop. */
int session_each(int (*fn)(void *ctx, struct loaded_session *s),
		 void (*bad)(void *ctx, const char *root, const char *id,
			     const char *why),
		 void *ctx, struct err *e);

/* Bytes used by the files of a session directory. */
uint64_t session_disk_size(int dirfd);
void session_unload(struct loaded_session *s);

#endif
