#include "ui.h"

#include "hex.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct ui ui;

void ui_init(void)
{
	const char *nc = getenv("NO_COLOR");

	ui.color = isatty(2) && !(nc && nc[0]);
}

static void prefix(FILE *f)
{
	if (ui.color)
		fputs("\033[1;35mnono\033[0m", f);
	else
		fputs("nono", f);
}

void ui_line(const char *fmt, ...)
{
	va_list ap;

	if (ui.silent)
		return;
	prefix(stderr);
	fputc(' ', stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int ui_fail(const struct err *e)
{
	prefix(stderr);
	fprintf(stderr, ": %s\n", e->msg);
	return 1;
}

int ui_failf(const char *fmt, ...)
{
	struct err e;
	va_list ap;
	char tmp[sizeof e.msg];

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	errf(&e, "%s", tmp);
	return ui_fail(&e);
}

static void to_stdout(void *ctx, const uint8_t *p, size_t n)
{
	(void)ctx;
	fwrite(p, 1, n, stdout);
}

void json_out_begin(struct json_out *o)
{
	nbuf_init(&o->nb, o->buf, sizeof o->buf);
	jw_init(&o->w, &o->nb, 1);
	jw_set_flush(&o->w, to_stdout, NULL);
}

int json_out_end(struct json_out *o)
{
	if (jw_finish(&o->w) != JW_OK)
		return ui_failf("internal error: cannot write JSON output");
	fputc('\n', stdout);
	return fflush(stdout) == 0 ? 0 : 1;
}

const char *hex32s(const uint8_t b[32])
{
	static char s[4][65];
	static int k;
	char *o = s[k++ & 3];

	hex_encode(b, 32, o);
	o[64] = 0;
	return o;
}
