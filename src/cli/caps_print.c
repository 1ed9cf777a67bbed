#include "caps_print.h"
#include "config.h"
#include "scrub.h"
#include "ui.h"

#include <stdio.h>
#include <string.h>

#define RULE "────────────────────────────────────────────────────"

static void badge(const char *text, const char *color)
{
	if (ui.color)
		fprintf(stderr, "\033[1;30;%sm%s\033[0m", color, text);
	else
		fputs(text, stderr);
}

static void fs_row(const struct fs_cap *c)
{
	const char *b = c->access == CAP_RW ? " r+w "
			: c->access == CAP_WRITE ? "  w  " : "  r  ";
	const char *col = c->access == CAP_RW ? "45"
			  : c->access == CAP_WRITE ? "43" : "42";

	fputs("  ", stderr);
	badge(b, col);
	fprintf(stderr, " %s (%s)", c->resolved, c->is_file ? "file" : "dir");
	if (ui.verbose) {
		uint8_t tmp[256];
		struct nbuf t;
		nbuf_init(&t, tmp, sizeof tmp);
		if (cap_source_put(&t, c) == 0)
			fprintf(stderr, " [%s]", (char *)tmp);
	}
	fputc('\n', stderr);
}

static void ports(const struct port_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		fprintf(stderr, "%s%u", i ? ", " : "", (unsigned)l->v[i]);
}

void caps_print(const struct capset *cs, const struct ll_plan *ll)
{
	size_t hidden = 0, hidden_sock = 0;

	fprintf(stderr, "\n  nono v" NONO_VERSION "\n");
	fprintf(stderr, "  %sCapabilities:%s\n  " RULE "\n",
		ui.color ? "\033[1m" : "", ui.color ? "\033[0m" : "");
	for (size_t i = 0; i < cs->nfs; i++) {
		if (!ui.verbose && !cap_is_user_intent(&cs->fs[i])) {
			hidden++;
			continue;
		}
		fs_row(&cs->fs[i]);
	}
	if (hidden)
		fprintf(stderr, "       + %zu system/group paths (-v to show)\n",
			hidden);
	for (size_t i = 0; i < cs->nsock; i++) {
		const struct sock_cap *s = &cs->sock[i];
		if (!ui.verbose && s->source > SRC_PROFILE) {
			hidden_sock++;
			continue;
		}
		fputs("  ", stderr);
		badge(s->bind ? "sock+" : "sock ", "46");
		fprintf(stderr, " %s%s\n", s->path,
			s->scope == SOCK_DIR_CHILDREN
			? "  (directory grant — direct child sockets only)"
			: s->scope == SOCK_DIR_SUBTREE
			? "  (subtree grant — recursive socket paths)" : "");
	}
	if (hidden_sock)
		fprintf(stderr, "       + %zu system/group unix sockets (-v to "
			"show)\n", hidden_sock);
	fputs("  ", stderr);
	badge(" net ", cs->net == NET_ALLOW_ALL ? "42" : "41");
	if (cs->net == NET_BLOCKED)
		fputs(" outbound blocked\n", stderr);
	else if (cs->net == NET_PROXY && cs->proxy_port)
		fprintf(stderr, " proxy localhost:%u\n", (unsigned)cs->proxy_port);
	else if (cs->net == NET_PROXY)
		fputs(" proxy only (port chosen when the session starts)\n",
		      stderr);
	else
		fputs(" outbound allowed\n", stderr);
	if (cs->localhost_ports.n) {
		fputs("  ", stderr);
		badge(" ipc ", "44");
		fputs(" localhost:", stderr);
		ports(&cs->localhost_ports);
		fputc('\n', stderr);
	}
	if (cs->connect_ports.n) {
		fputs("  ", stderr);
		badge(" tcp ", "44");
		fputs(" connect ports: ", stderr);
		ports(&cs->connect_ports);
		fputc('\n', stderr);
	}
	if (ll && ll->degraded) {
		fputs("  ", stderr);
		badge("kernel", "43");
		fputs(" degraded:", stderr);
		if (ll->degraded & LL_LACKS_REFER)
			fputs(" refer", stderr);
		if (ll->degraded & LL_LACKS_TRUNCATE)
			fputs(" truncate", stderr);
		if (ll->degraded & LL_LACKS_TCP)
			fputs(" tcp", stderr);
		if (ll->degraded & LL_LACKS_IOCTL_DEV)
			fputs(" ioctl_dev", stderr);
		if (ll->degraded & LL_LACKS_SCOPES)
			fputs(" scoping", stderr);
		fputs(" (upgrade kernel for full support)\n", stderr);
	}
	if (ll && ui.verbose) {
		fputs("  ", stderr);
		badge("scope", "44");
		fprintf(stderr, " Landlock V%d detected\n", ll->abi);
		fprintf(stderr, "        signal: %s\n",
			!ll->signal_requested ? "not requested"
			: ll->signal_enforced ? "requested, enforced"
			: "requested, not enforced (needs V6)");
		fprintf(stderr, "        abstract-unix-socket: %s\n",
			!ll->abstract_requested ? "not requested"
			: ll->abstract_enforced ? "requested, enforced"
			: "requested, not enforced (needs V6)");
	}
	fputs("  " RULE "\n\n", stderr);
}

/* POSIX shell quoting: bare when safe, else '...' with ' as '\''. */
static void quote(const char *s)
{
	if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
			    "VWXYZ0123456789_-./:=@%+,") == strlen(s)) {
		fputs(s, stderr);
		return;
	}
	fputc('\'', stderr);
	for (; *s; s++)
		if (*s == '\'')
			fputs("'\\''", stderr);
		else
			fputc(*s, stderr);
	fputc('\'', stderr);
}

void caps_print_command(char *const *argv, int argc)
{
	struct scrub_policy p;
	static uint8_t mem[1 << 16];
	const char *out[256];
	struct nbuf arena;
	size_t n = argc > 256 ? 256 : (size_t)argc;

	{
		struct err e;
		const struct user_config *uc = config_get(&e);
		if (uc)
			p = uc->redaction;
		else
			scrub_policy_default(&p);
	}
	nbuf_init(&arena, mem, sizeof mem);
	fputs("  $", stderr);
	if (scrub_argv(&p, (const char *const *)argv, n, out, &arena) < 0) {
		fputs(" (command too long to show)\n", stderr);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		fputc(' ', stderr);
		quote(out[i]);
	}
	if (n < (size_t)argc)
		fputs(" ...", stderr);
	fputc('\n', stderr);
}
