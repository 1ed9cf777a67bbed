/*
 * A strict reader for the TOML subset nono's config.toml uses
 * (spec/config.md §2): tables `[a.b]`, `key = value` lines with bare,
 * quoted or dotted keys, basic and literal strings, decimal integers,
 * floats, booleans and (multi-line) arrays of those, comments. Anything
 * else TOML allows (multi-line strings, inline tables, arrays of tables,
 * dates, hex/octal/binary integers, inf/nan) is an error naming the line,
 * never a silent misreading. Defining a key or a table twice is an error.
 *
 * Pull-style and allocation-free: toml_next yields one key/value at a
 * time; decoded strings go into the caller's arena.
 */
#ifndef NONO_TOML_H
#define NONO_TOML_H

#include "nbuf.h"

#include <stddef.h>
#include <stdint.h>

#define TOML_KEY_MAX 128
#define TOML_MAX_ITEMS 128
#define TOML_MAX_SEEN 256

enum toml_type { TV_STR = 1, TV_INT, TV_FLOAT, TV_BOOL, TV_ARR };

struct toml_item {
	uint8_t type;           /* TV_STR .. TV_BOOL */
	const char *str;        /* TV_STR: decoded, NUL-terminated (arena) */
	int64_t num;            /* TV_INT; TV_BOOL: 0 or 1 */
	const char *raw;        /* TV_FLOAT: the literal, NUL-terminated */
};

struct toml_kv {
	char table[TOML_KEY_MAX];   /* "" for the root table */
	char key[TOML_KEY_MAX];     /* dotted key within the table */
	size_t line;
	uint8_t type;               /* enum toml_type */
	struct toml_item v;         /* scalars */
	struct toml_item items[TOML_MAX_ITEMS];   /* TV_ARR */
	size_t nitems;
};

struct toml {
	const uint8_t *p;
	size_t n, pos, line;
	struct nbuf *arena;
	char table[TOML_KEY_MAX];
	const char *seen[TOML_MAX_SEEN];  /* "table\tkey" and "[table" */
	size_t nseen;
	char err[160];
	size_t err_line;
};

void toml_init(struct toml *t, const uint8_t *p, size_t n,
	       struct nbuf *arena);

/* 1 with *kv filled, 0 at the end, -1 with t->err / t->err_line. After
 * -1 every further call returns -1. */
int toml_next(struct toml *t, struct toml_kv *kv);

#endif
