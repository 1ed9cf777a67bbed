/*
 * Re-serializes a value of a validated document (json_read) through a
 * writer: keys in document order, strings re-escaped canonically, integers
 * as written (json_read only accepts canonical integers). Used to turn a
 * pretty-printed object back into canonical compact bytes.
 */
#ifndef NONO_JSON_COPY_H
#define NONO_JSON_COPY_H

#include "json_read.h"
#include "json_write.h"

/* Copies the value at token i; returns the token after its subtree. */
int json_copy(struct jw *w, const struct json_doc *d, int i);

#endif
