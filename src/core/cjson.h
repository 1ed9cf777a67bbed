/*
 * cjson: matching canonical compact JSON against a schema, byte by byte
 * (spec/json.md §5).
 *
 * Every JSON line nono hashes (audit event records, ledger records) must be
 * exactly the canonical compact serialization of its content: keys in the
 * schema's order, skipped fields absent, no whitespace, canonical string
 * escaping, canonical integers. Such input can be checked in one forward
 * pass with no token array: the schema says which byte comes next.
 *
 * A cursor `struct cj` walks the input. Every cj_* function either
 * consumes exactly one item and returns 0, or returns -1 and leaves the
 * cursor where it was.
 */
#ifndef NONO_CJSON_H
#define NONO_CJSON_H

#include <stddef.h>
#include <stdint.h>
#ifdef __FRAMAC__
#include <string.h> /* strlen, valid_read_string for the ACSL below */
#endif

struct cj {
	const uint8_t *p;
	size_t n;
	size_t i;
};

/*@ predicate cj_valid(struct cj *c) =
      \valid(c) && c->i <= c->n && \valid_read(c->p + (0 .. c->n - 1));
 */

/*@ requires \valid(c);
    requires \valid_read(p + (0 .. n - 1));
    assigns *c;
    ensures c->p == p && c->n == n && c->i == 0 && cj_valid(c);
 */
void cj_init(struct cj *c, const uint8_t *p, size_t n);

/* Consumes the literal bytes lit[0..len) if they come next. */
/*@ requires cj_valid(c);
    requires \valid_read(lit + (0 .. len - 1));
    assigns c->i;
    ensures cj_valid(c);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> c->i == \old(c->i) + len;
    ensures \result == -1 ==> c->i == \old(c->i);
 */
int cj_lit(struct cj *c, const char *lit, size_t len);

/* A canonical string; s and len give the escaped content (no quotes). */
/*@ requires cj_valid(c);
    requires \valid(s) && \valid(len);
    requires \separated(s, len, c);
    assigns c->i, *s, *len;
    ensures cj_valid(c);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \old(c->i) + 2 <= c->i &&
              *s == \old(c->i) + 1 && *s + *len + 1 == c->i;
    ensures \result == -1 ==> c->i == \old(c->i);
 */
int cj_string(struct cj *c, size_t *s, size_t *len);

/* A canonical unsigned decimal <= max. */
/*@ requires cj_valid(c) && \valid(v);
    requires \separated(v, c) && \separated(v, c->p + (0 .. c->n - 1));
    assigns c->i, *v;
    ensures cj_valid(c);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \old(c->i) < c->i && *v <= max;
    ensures \result == -1 ==> c->i == \old(c->i) && *v == \old(*v);
 */
int cj_u64(struct cj *c, uint64_t max, uint64_t *v);

/* A canonical signed decimal in [min, max]. */
/*@ requires cj_valid(c) && \valid(v);
    requires \separated(v, c) && \separated(v, c->p + (0 .. c->n - 1));
    assigns c->i, *v;
    ensures cj_valid(c);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \old(c->i) < c->i && min <= *v <= max;
    ensures \result == -1 ==> c->i == \old(c->i) && *v == \old(*v);
 */
int cj_i64(struct cj *c, int64_t min, int64_t max, int64_t *v);

/* "<2n lower-case hex>" decoded into out[0..n). */
/*@ requires cj_valid(c);
    requires \valid(out + (0 .. n - 1));
    requires \separated(out + (0 .. n - 1), c) &&
             \separated(out + (0 .. n - 1), c->p + (0 .. c->n - 1));
    requires n <= 64;
    assigns c->i, out[0 .. n - 1];
    ensures cj_valid(c);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> c->i == \old(c->i) + 2 * n + 2;
    ensures \result == -1 ==> c->i == \old(c->i);
 */
int cj_hex(struct cj *c, uint8_t *out, size_t n);

/* 1 when at end of input. */
/*@ requires cj_valid(c);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> c->i == c->n;
 */
int cj_end(const struct cj *c);

/* ---- schemas ---- */

enum cs_kind {
	CS_STR,    /* any string */
	CS_UINT,   /* unsigned integer <= max (max 0 means 2^64-1) */
	CS_I32,
	CS_BOOL,
	CS_HEX64,  /* 64 lower-case hex characters */
	CS_ENUM,   /* one of names[0..n) */
	CS_ARR,    /* array of elem */
	CS_SET,    /* array of strings, strictly ascending (a sorted set) */
	CS_OBJ,    /* object: fields[0..n) in order */
	CS_TAGGED, /* internally tagged enum: {"<tag>":"<variant>", fields...} */
	CS_EXT,    /* externally tagged enum: "Unit" or {"Variant":{fields}} */
};

enum cs_presence {
	CS_REQ,       /* always present, never null */
	CS_NULLABLE,  /* always present, may be null */
	CS_SKIP_NONE, /* absent when none; when present never null */
	CS_SKIP_EMPTY /* absent when empty; when present a non-empty array */
};

struct cs_type;

struct cs_field {
	const char *key;
	uint8_t klen;                  /* strlen(key) */
	uint8_t presence;
	const struct cs_type *type;
};

struct cs_variant {
	const char *name;
	uint8_t nlen;                  /* strlen(name) */
	const struct cs_field *fields; /* NULL: unit variant */
	uint8_t nfields;
};

/* Table helpers: a field and a variant with their lengths. */
#define CS_F(key, presence, type) { key, sizeof(key) - 1, presence, type }
#define CS_V(name, fields, n) { name, sizeof(name) - 1, fields, n }

struct cs_type {
	uint8_t kind;
	uint8_t n;
	uint64_t max;                    /* CS_UINT */
	const char *tag;                 /* CS_TAGGED: the tag key */
	const char *const *names;        /* CS_ENUM */
	const struct cs_type *elem;      /* CS_ARR */
	const struct cs_field *fields;   /* CS_OBJ */
	const struct cs_variant *variants; /* CS_TAGGED, CS_EXT */
};

/*
 * What the matcher assumes of a schema (the tables are static data): every
 * array it names is readable for its stated length (a unit variant's
 * NULL fields with nfields 0 included), every key and variant
 * name for its stated length, a tagged type's tag is a short C string, enum
 * names are C strings, and the same holds of every type reachable from it.
 */
/*@ predicate cs_fields_wf{L}(struct cs_field *f, integer n) =
      \valid_read(f + (0 .. n - 1)) &&
      \forall integer k; 0 <= k < n ==>
        \valid_read(f[k].key + (0 .. f[k].klen - 1));

    predicate cs_ok{L}(struct cs_type *t) =
      \valid_read(t) &&
      (t->kind == CS_ARR ==> cs_ok(t->elem)) &&
      (t->kind == CS_OBJ ==>
         cs_fields_wf(t->fields, t->n) &&
         \forall integer k; 0 <= k < t->n ==> cs_ok(t->fields[k].type)) &&
      (t->kind == CS_ENUM ==>
         \valid_read(t->names + (0 .. t->n - 1)) &&
         \forall integer k; 0 <= k < t->n ==> valid_read_string(t->names[k])) &&
      (t->kind == CS_TAGGED ==>
         valid_read_string(t->tag) && strlen(t->tag) <= 255) &&
      ((t->kind == CS_TAGGED || t->kind == CS_EXT) ==>
         \valid_read(t->variants + (0 .. t->n - 1)) &&
         \forall integer k; 0 <= k < t->n ==>
           \valid_read(t->variants[k].name + (0 .. t->variants[k].nlen - 1)) &&
           cs_fields_wf(t->variants[k].fields, t->variants[k].nfields) &&
           \forall integer j; 0 <= j < t->variants[k].nfields ==>
             cs_ok(t->variants[k].fields[j].type));

    predicate cs_fields_ok{L}(struct cs_field *f, integer n) =
      cs_fields_wf(f, n) &&
      \forall integer k; 0 <= k < n ==> cs_ok(f[k].type);
 */

/* Matches one value of type t. Recursion is bounded by the schema's own
 * depth (schemas are finite trees), never by the input. */
/*@ requires cj_valid(c) && cs_ok(t);
    assigns c->i;
    ensures cj_valid(c);
    ensures \result == 0 || \result == -1;
    ensures \result == 0 ==> \old(c->i) < c->i;
    ensures \result == -1 ==> c->i == \old(c->i);
 */
int cs_match(struct cj *c, const struct cs_type *t);

#endif
