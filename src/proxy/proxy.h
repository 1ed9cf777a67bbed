/*
 * The network proxy of `nono run` (spec/proxy.md): an HTTP proxy on
 * 127.0.0.1 that the sandboxed program reaches through HTTP(S)_PROXY and
 * that is its only way out (Landlock lets it connect to the proxy's port
 * and nothing else). CONNECT tunnels and absolute-form http:// requests
 * go to hosts the allow-list names, never to cloud metadata or
 * link-local addresses; every decision becomes a NetworkAuditEvent.
 *
 * The proxy runs in a process of its own, forked by nono before the
 * sandboxed program starts (outside the sandbox, in its own process
 * group, killed if nono dies). Its events go to a memory file that nono
 * reads when the session ends.
 *
 *   proxy_start  bind the listener, fork the proxy process
 *   proxy_stop   kill it and collect its events
 */
#ifndef NONO_PROXY_H
#define NONO_PROXY_H

#include "err.h"

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define PROXY_MAX_CONN 256
#define PROXY_MAX_EVENTS 65536   /* then requests are refused (§7) */
#define PROXY_TOKEN_HEX 64

struct proxy_config {
	const char *const *hosts;       /* allow-list (hostmatch.h entries) */
	size_t nhosts;
	int strict;                     /* empty list denies everything */
	uint16_t port;                  /* 0: any free port */
	const char *upstream_host;      /* NULL: connect directly */
	uint16_t upstream_port;
	const char *const *bypass;      /* hosts that skip the upstream */
	size_t nbypass;
	int audit;                      /* record events (else none kept) */
};

struct proxy {
	pid_t pid;
	int pidfd;                      /* signals reach this process only */
	uint16_t port;
	char token[PROXY_TOKEN_HEX + 1];
	int events_fd;
};

/* Binds 127.0.0.1:c->port, makes the session token and forks the proxy.
 * c must stay valid (the proxy process has its own copy of memory). */
int proxy_start(struct proxy *p, const struct proxy_config *c,
		struct err *e);

/* Stops the proxy and returns its events: canonical NetworkAuditEvent
 * objects, one per line, in *out (malloc'd, *n bytes; NULL/0 if none). */
int proxy_stop(struct proxy *p, char **out, size_t *n, struct err *e);

/* The proxy process's main loop (proxy_conn.c handles connections). */
void proxy_serve(int listener, const struct proxy_config *c,
		 const char *token, int events_fd);

#endif
