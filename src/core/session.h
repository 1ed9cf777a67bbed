/*
 * session.json (spec/session.md): SessionMetadata, its pretty writer, its
 * strict reader, and the session digest committed to the ledger.
 *
 * One C structure carries the metadata both ways. The reader fills it from
 * a document (strings unescaped into a caller arena); the writer turns it
 * into session.json; the digest is computed from it. So the digest a
 * verifier computes from a file and the one the recorder commits come from
 * the same code.
 */
#ifndef NONO_SESSION_H
#define NONO_SESSION_H

#include "json_read.h"
#include "json_write.h"

#include <stddef.h>
#include <stdint.h>

#define SESSION_ID_MAX 64
#define AUDIT_PREDICATE_TYPE "https://nono.sh/attestation/audit-session/alpha"
#define AUDIT_BUNDLE_FILENAME "audit-attestation.bundle"

struct audit_integrity {
	uint64_t event_count;
	uint8_t chain_head[32];
	uint8_t merkle_root[32];
};

struct audit_attestation_summary {
	const char *predicate_type;
	uint8_t key_id[32];
	const char *public_key;      /* standard base64 of the DER SPKI */
	const char *bundle_filename;
};

/* Strings are NUL-terminated and never contain NUL. They are UTF-8,
 * except that paths (tracked_paths, exe_path) may hold any bytes at the
 * API level: the digest writes paths as byte arrays, while session.json
 * cannot hold a non-UTF-8 path (writing it fails with JW_EUTF8). */
struct session_meta {
	const char *session_id;
	const char *started;
	const char *ended;                  /* NULL: null */
	const char *const *command;
	size_t ncommand;
	const char *exe_path;               /* NULL: executable_identity null */
	uint8_t exe_sha256[32];
	const char *const *tracked_paths;
	size_t ntracked;
	uint32_t snapshot_count;
	int has_exit_code;
	int32_t exit_code;
	const uint8_t (*merkle_roots)[32];
	size_t nroots;
	const uint8_t *const *net_events;   /* canonical NetworkAuditEvent */
	const size_t *net_lens;
	size_t nnet;
	uint64_t audit_event_count;
	const struct audit_integrity *integrity;             /* NULL: null */
	const struct audit_attestation_summary *attestation; /* NULL: null */
};

/* 1 when id[0..n) is 1..64 characters of [A-Za-z0-9_-]. */
int session_id_valid(const char *id, size_t n);

/* Writes session.json (pretty, no trailing newline). Check jw_finish. */
void session_write(struct jw *w, const struct session_meta *m);

/* The digest pre-image P: compact, every key present, paths as arrays of
 * byte values. */
void session_digest_preimage(struct jw *w, const struct session_meta *m);
/* digest = SHA256(SEP_SESSION || P). */
void session_digest(const struct session_meta *m, uint8_t out[32]);

struct session_err {
	const char *msg;   /* what is wrong */
	const char *key;   /* the key concerned, or NULL */
	size_t offset;     /* byte offset in the document */
};

/* Working memory session_parse needs for a document of n bytes. */
size_t session_arena_for(size_t n);

/*
 * Parses session.json into m. Tokens: json_tokens_for(n). The arena
 * receives the strings, arrays and the structures m points to; it must
 * hold session_arena_for(n) bytes. Returns 0, or -1 with e filled.
 * Strictness (spec/session.md §3): unknown keys, duplicate keys, wrong
 * types, upper-case hex, invalid session ids and non-canonical network
 * events are errors; keys the original defaults when missing default the
 * same way.
 */
int session_parse(const uint8_t *js, size_t n, jsmntok_t *tok, unsigned cap,
		  struct nbuf *arena, struct session_meta *m,
		  struct session_err *e);

#endif
