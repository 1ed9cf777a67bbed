/*
 * Strict JSON reader (spec/json.md §4) on top of jsmn.
 *
 * jsmn only tokenizes. json_parse then proves the input is one RFC 8259
 * value and nothing else, with these nono restrictions:
 *   - numbers are integers in [-2^63, 2^64-1] (no fraction, no exponent,
 *     no leading zeros, no "-0");
 *   - strings are valid UTF-8 with valid escapes, no raw control bytes,
 *     no lone surrogates, no U+0000;
 *   - no duplicate keys in an object (compared after unescaping);
 *   - nesting at most JSON_MAX_DEPTH, at most JSON_MAX_KEYS keys per object;
 *   - at most JSON_MAX_INPUT bytes;
 *   - the top-level value is an object or an array, with only whitespace
 *     around it; no NUL byte anywhere.
 * On success the token array describes the document; the accessors below
 * read it. On failure e->offset/e->msg say where and why.
 */
#ifndef NONO_JSON_READ_H
#define NONO_JSON_READ_H

#include "jsmn_cfg.h"

#include <stddef.h>
#include <stdint.h>
#ifdef __FRAMAC__
#include <string.h> /* valid_read_string, for the contracts */
#endif

#define JSON_MAX_DEPTH 32
#define JSON_MAX_KEYS 256
#define JSON_MAX_INPUT ((size_t)1 << 30)

struct json_doc {
	const uint8_t *js;
	size_t len;
	jsmntok_t *tok;
	int ntok;
};

struct json_err {
	size_t offset;
	const char *msg;
};

/* A parsed document, as json_parse leaves it: every token lies in the
 * input (strings without their quotes), sizes are not negative and
 * primitives are not empty. The accessors rely on nothing else. */
/*@ predicate tok_ok(jsmntok_t *t, integer len) =
      0 <= t->start <= t->end <= len && t->size >= 0 &&
      (t->type == JSMN_PRIMITIVE ==> t->start < t->end);
    predicate json_doc_ok(struct json_doc *d) =
      \valid_read(d) && 1 <= d->ntok &&
      \valid_read(d->tok + (0 .. d->ntok - 1)) &&
      \valid_read(d->js + (0 .. d->len - 1)) &&
      \forall integer k; 0 <= k < d->ntok ==> tok_ok(d->tok + k, d->len);
 */

/* Number of tokens to provide so that any input of len bytes fits. */
/*@ assigns \nothing;
    ensures \result == len / 2 + 2;
 */
size_t json_tokens_for(size_t len);

/*@ requires \valid(d) && \valid(e);
    requires \valid_read(js + (0 .. len - 1));
    requires \valid(tok + (0 .. cap - 1));
    requires \separated(d, e, tok + (0 .. cap - 1), js + (0 .. len - 1));
    assigns *d, *e, tok[0 .. cap - 1];
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> json_doc_ok(d) && d->ntok <= cap &&
                           d->js == js && d->len == len && d->tok == tok;
 */
int json_parse(struct json_doc *d, const uint8_t *js, size_t len,
	       jsmntok_t *tok, unsigned cap, struct json_err *e);

/* Index of the token after the subtree rooted at i. */
/*@ requires json_doc_ok(d) && 0 <= i;
    assigns \nothing;
    ensures i <= \result && (i < d->ntok ==> \result <= d->ntok);
 */
int json_skip(const struct json_doc *d, int i);

/*@ requires json_doc_ok(d);
    assigns \nothing;
    ensures \result == 1 <==> 0 <= i < d->ntok && d->tok[i].type == JSMN_OBJECT;
    ensures \result == 0 || \result == 1;
 */
int json_is_obj(const struct json_doc *d, int i);
/*@ requires json_doc_ok(d);
    assigns \nothing;
    ensures \result == 1 <==> 0 <= i < d->ntok && d->tok[i].type == JSMN_ARRAY;
    ensures \result == 0 || \result == 1;
 */
int json_is_arr(const struct json_doc *d, int i);
/*@ requires json_doc_ok(d);
    assigns \nothing;
    ensures \result == 1 <==> 0 <= i < d->ntok && d->tok[i].type == JSMN_STRING;
    ensures \result == 0 || \result == 1;
 */
int json_is_str(const struct json_doc *d, int i);
/*@ requires json_doc_ok(d);
    assigns \nothing;
    ensures \result == 1 ==> 0 <= i < d->ntok && d->tok[i].type == JSMN_PRIMITIVE;
    ensures \result == 0 || \result == 1;
 */
int json_is_null(const struct json_doc *d, int i);

/* Value index for key in object obj, or -1. */
/*@ requires json_doc_ok(d) && valid_read_string(key);
    assigns \nothing;
    ensures \result == -1 || 0 < \result <= d->ntok;
 */
int json_obj_get(const struct json_doc *d, int obj, const char *key);
/* First key of obj not in keys[0..n); returns its token index, or -1. */
/*@ requires json_doc_ok(d);
    requires \valid_read(keys + (0 .. n - 1));
    requires \forall integer m; 0 <= m < n ==> valid_read_string(keys[m]);
    assigns \nothing;
    ensures \result == -1 || 0 < \result;
 */
int json_obj_unknown_key(const struct json_doc *d, int obj,
			 const char *const *keys, size_t n);
/* Number of elements of an array / pairs of an object. */
/*@ requires json_doc_ok(d);
    assigns \nothing;
    ensures \result >= 0;
 */
int json_count(const struct json_doc *d, int i);

/* Escaped string content of token i (between the quotes). */
/*@ requires json_doc_ok(d) && 0 <= i < d->ntok && \valid(n);
    assigns *n;
    ensures \result == d->js + d->tok[i].start;
    ensures *n == d->tok[i].end - d->tok[i].start;
    ensures \valid_read(\result + (0 .. *n - 1));
 */
const uint8_t *json_str(const struct json_doc *d, int i, size_t *n);
/* 1 when string token i equals the NUL-terminated lit. */
/*@ requires json_doc_ok(d) && valid_read_string(lit);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
int json_str_eq(const struct json_doc *d, int i, const char *lit);

/* Integer accessors: 0 on success, -1 on type or range error (and *v
 * unchanged). */
/*@ requires json_doc_ok(d) && \valid(v);
    requires \separated(v, d->js + (0 .. d->len - 1));
    assigns *v;
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> *v <= max;
    ensures \result == -1 ==> *v == \old(*v);
 */
int json_get_u64(const struct json_doc *d, int i, uint64_t max, uint64_t *v);
/*@ requires json_doc_ok(d) && \valid(v);
    requires \separated(v, d->js + (0 .. d->len - 1));
    assigns *v;
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> min <= *v <= max;
    ensures \result == -1 ==> *v == \old(*v);
 */
int json_get_i64(const struct json_doc *d, int i, int64_t min, int64_t max,
		 int64_t *v);
/*@ requires json_doc_ok(d) && \valid(v);
    assigns *v;
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> *v == 0 || *v == 1;
    ensures \result == -1 ==> *v == \old(*v);
 */
int json_get_bool(const struct json_doc *d, int i, int *v);
/* A string of exactly 2n lower-case hex characters. */
/*@ requires json_doc_ok(d) && n <= SIZE_MAX / 2;
    requires \valid(out + (0 .. n - 1));
    requires \separated(out + (0 .. n - 1), d->js + (0 .. d->len - 1));
    assigns out[0 .. n - 1];
    ensures \result == 0 || \result == -1;
 */
int json_get_hex(const struct json_doc *d, int i, uint8_t *out, size_t n);

/* 1-based line and column of a byte offset, for error messages. */
/*@ requires \valid_read(js + (0 .. len - 1)) && len < SIZE_MAX;
    requires \valid(line) && \valid(col) && \separated(line, col);
    assigns *line, *col;
    ensures 1 <= *line && 1 <= *col;
 */
void json_line_col(const uint8_t *js, size_t len, size_t off, size_t *line,
		   size_t *col);

#endif
