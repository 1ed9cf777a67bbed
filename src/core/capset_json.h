/*
 * The capability set as JSON: the state file a sandboxed program reads
 * through NONO_CAP_FILE (spec/cli-run.md §6).
 *
 *   {"fs":[{"original","path","access","is_file","source"}],
 *    "net_blocked","allowed_commands","blocked_commands",
 *    "bypass_protection_paths","allowed_domains"}
 *
 * The writer emits exactly that, compact. The reader accepts those keys
 * (unknown keys are ignored, as the original does) and fills a capset
 * whose strings are unescaped into arena.
 */
#ifndef NONO_CAPSET_JSON_H
#define NONO_CAPSET_JSON_H

#include "capset.h"
#include "json_read.h"
#include "json_write.h"

void capset_json_write(struct jw *w, const struct capset *cs);

/* 0, or -1 when the document is not a valid state (cs partly filled). */
int capset_json_parse(const uint8_t *js, size_t len, jsmntok_t *tok,
		      unsigned ntok, struct capset *cs, struct nbuf *arena);

#endif
