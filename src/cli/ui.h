/*
 * How nono talks to people and scripts (spec/cli.md §1):
 *   - its own messages go to stderr, each line starting with "nono";
 *   - errors are one line, "nono: <message>", exit status 1;
 *   - machine output (--json) goes to stdout;
 *   - colour only when stderr is a terminal and NO_COLOR is unset;
 *   - --silent suppresses everything of nono's own except errors... and
 *     even those when the command's exit status says enough.
 */
#ifndef NONO_UI_H
#define NONO_UI_H

#include "err.h"
#include "json_write.h"

#include <stdint.h>
#include <stdio.h>

#define NONO_VERSION "0.1.0"

struct ui {
	int silent;
	int verbose;
	int color;
};

extern struct ui ui;

void ui_init(void);
/* "nono <text>" on stderr (nothing when silent). */
void ui_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "nono: <msg>" on stderr; returns 1 (the exit status). */
int ui_fail(const struct err *e);
int ui_failf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A pretty JSON writer whose output streams to stdout. */
struct json_out {
	uint8_t buf[4096];
	struct nbuf nb;
	struct jw w;
};
void json_out_begin(struct json_out *o);
/* Finishes, adds a newline; returns 0 or 1 on a writer error. */
int json_out_end(struct json_out *o);

/* Lower-case hex of 32 bytes into a static buffer (rotating). */
const char *hex32s(const uint8_t b[32]);

#endif
