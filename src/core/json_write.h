/*
 * JSON writer (spec/json.md §3).
 *
 * Two layouts:
 *   compact - no whitespace at all (the bytes that get hashed);
 *   pretty  - 2-space indent, ": " after keys, "[]"/"{}" when empty,
 *             no trailing newline (the layout of session.json and bundles).
 * Keys are written in the order the caller writes them.
 *
 * Output goes to an nbuf. When a flush callback is set, a full buffer is
 * handed to it and reused, so output of any size can stream into, e.g., a
 * hash; without one, running out of room is an error.
 *
 * Errors are sticky (BearSSL style): after the first error every call is
 * a no-op and jw_finish reports it. Strings must be valid UTF-8 without
 * NUL, or the writer fails with JW_EUTF8.
 */
#ifndef NONO_JSON_WRITE_H
#define NONO_JSON_WRITE_H

#include "nbuf.h"

#include <stdint.h>

#define JW_MAX_DEPTH 32

enum jw_err {
	JW_OK = 0,
	JW_ESPACE = 1, /* output buffer full and no flush callback */
	JW_EDEPTH = 2, /* nesting deeper than JW_MAX_DEPTH */
	JW_EUTF8 = 3,  /* string not valid UTF-8, or contains NUL */
	JW_ESTATE = 4, /* call out of order (value without key, ...) */
};

typedef void (*jw_flush_fn)(void *ctx, const uint8_t *p, size_t n);

struct jw {
	struct nbuf *out;
	jw_flush_fn flush;
	void *flush_ctx;
	int err;
	uint8_t pretty;
	uint8_t depth;
	uint8_t after_key;
	uint8_t is_obj[JW_MAX_DEPTH + 1];
	uint8_t nonempty[JW_MAX_DEPTH + 1];
};

void jw_init(struct jw *w, struct nbuf *out, int pretty);
void jw_set_flush(struct jw *w, jw_flush_fn fn, void *ctx);
/* Flushes what is buffered (if a callback is set); returns the error. */
int jw_finish(struct jw *w);

void jw_obj_begin(struct jw *w);
void jw_obj_end(struct jw *w);
void jw_arr_begin(struct jw *w);
void jw_arr_end(struct jw *w);

void jw_key(struct jw *w, const char *key);
/* A key given as escaped JSON string content (re-escaped canonically). */
void jw_jkey(struct jw *w, const uint8_t *esc, size_t n);
void jw_str(struct jw *w, const char *s);              /* NUL-terminated */
void jw_strn(struct jw *w, const uint8_t *s, size_t n);
void jw_u64(struct jw *w, uint64_t v);
void jw_i64(struct jw *w, int64_t v);
void jw_bool(struct jw *w, int v);
void jw_null(struct jw *w);
void jw_hex(struct jw *w, const uint8_t *b, size_t n); /* "lower hex" */
void jw_bytes(struct jw *w, const uint8_t *b, size_t n); /* [47,116,...] */

/* From escaped JSON string content (as it appears between the quotes in
 * a document that json_read validated): a canonically re-escaped string,
 * or the decoded bytes as a byte array. */
void jw_jstr(struct jw *w, const uint8_t *esc, size_t n);
void jw_jbytes(struct jw *w, const uint8_t *esc, size_t n);

/* A compact JSON value already in canonical form, re-emitted in this
 * writer's layout (used to place canonical event objects into pretty
 * session.json). The caller guarantees validity (cjson_* matched it). */
void jw_raw(struct jw *w, const uint8_t *json, size_t n);

#endif
