/*
 * One client connection of the proxy (spec/proxy.md §3-§6): read the
 * request head, check the credential, decide on the host, connect (or
 * chain through the upstream proxy), answer, relay bytes both ways.
 */
#include "proxy_int.h"

#include "hostmatch.h"
#include "http_head.h"
#include "netfilter.h"

#include <errno.h>
#include <fcntl.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HEAD_TIMEOUT_MS 30000
#define CONNECT_TIMEOUT_MS 30000
#define RELAY_BUF (256 * 1024)    /* per direction and read */

struct conn {
	int fd;                       /* the client */
	uint8_t *head;                /* HTTP_HEAD_MAX bytes */
	size_t n;                     /* bytes read into head */
	struct http_req req;
	char method[32];
	char host[HTTP_HOST_MAX + 1];
	uint16_t port;
	char path[2048];
	char upstream[HTTP_HOST_MAX + 16];
	struct net_event ev;
};

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int write_all(int fd, const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n) {
		ssize_t k = send(fd, b, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		b += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Waits for fd to be readable (or writable) up to ms; 1 ready, 0 not. */
static int wait_fd(int fd, short ev, int ms)
{
	struct pollfd pf = { fd, ev, 0 };
	int r;

	do
		r = poll(&pf, 1, ms);
	while (r < 0 && errno == EINTR);
	return r > 0;
}

static void respond(struct conn *c, unsigned status, const char *text,
		    const char *extra)
{
	char b[768];
	int k = snprintf(b, sizeof b, "HTTP/1.1 %u %s\r\n%sContent-Type: "
			 "text/plain\r\nContent-Length: %zu\r\nConnection: "
			 "close\r\n\r\n%s\n", status, text, extra ? extra : "",
			 strlen(text) + 1, text);
	if (k > 0 && (size_t)k < sizeof b)
		write_all(c->fd, b, (size_t)k);
}

static int record(struct conn *c, const char *decision, unsigned status,
		  const char *category, const char *reason)
{
	c->ev.timestamp_unix_ms = now_ms();
	c->ev.decision = decision;
	c->ev.has_status = status != 0;    /* 0: not known (forwarded) */
	c->ev.status = (uint16_t)status;
	c->ev.denial_category = category;
	c->ev.reason = reason;
	return proxy_record(&c->ev);
}

/* An allowed request is recorded before anything is sent on; at the
 * event limit it is refused instead. 0, or -1 (answered 503). */
static int record_allow(struct conn *c, unsigned status)
{
	if (record(c, "allow", status, NULL, NULL) == 0)
		return 0;
	respond(c, 503, "Service Unavailable: the session's audit event "
		"limit is reached", NULL);
	return -1;
}

/* 403 with the filter's reason, recorded as host_denied. */
static void deny(struct conn *c, const char *reason)
{
	char text[256];

	snprintf(text, sizeof text, "Forbidden: %s", reason);
	record(c, "deny", 403, "host_denied", reason);
	respond(c, 403, text, NULL);
}

/* ---- reading the head ---- */

/* 1: c->req holds a complete head; 0: answered and done. The whole
 * head must arrive within HEAD_TIMEOUT_MS (no trickling). */
static int read_head(struct conn *c)
{
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		int r = http_head_parse(c->head, c->n, &c->req);
		struct timespec t;
		long left;
		ssize_t k;

		if (r == HTTP_HEAD_OK)
			return 1;
		if (r == HTTP_HEAD_BAD) {
			respond(c, 400, "Bad Request", NULL);
			return 0;
		}
		if (r == HTTP_HEAD_TOO_LARGE) {
			respond(c, 431, "Request Header Fields Too Large",
				NULL);
			return 0;
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
		left = HEAD_TIMEOUT_MS - ((t.tv_sec - t0.tv_sec) * 1000 +
					  (t.tv_nsec - t0.tv_nsec) / 1000000);
		if (left <= 0 || !wait_fd(c->fd, POLLIN, (int)left))
			return 0;
		k = recv(c->fd, c->head + c->n, HTTP_HEAD_MAX - c->n, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return 0;
		c->n += (size_t)k;
	}
}

static int span_copy(const struct conn *c, struct http_span s, char *out,
		     size_t cap)
{
	if (s.len >= cap)
		return -1;
	memcpy(out, c->head + s.off, s.len);
	out[s.len] = 0;
	return 0;
}

/* Proxy credential (§5): required. Other local users can reach
 * 127.0.0.1 too; without the token they must not use the session's
 * proxy or write to its audit trail. */
static int auth_ok(struct conn *c)
{
	const struct http_span *s = &c->req.proxy_auth;

	c->ev.auth_mechanism = "proxy_authorization";
	if (c->req.has_proxy_auth &&
	    http_proxy_auth_ok(c->head + s->off, s->len, proxy_ctx.token,
			       strlen(proxy_ctx.token))) {
		c->ev.auth_outcome = "succeeded";
		return 1;
	}
	c->ev.auth_outcome = "failed";
	record(c, "deny", 407, "authentication_failed",
	       c->req.has_proxy_auth ? "proxy authentication failed"
				     : "proxy credential missing");
	respond(c, 407, "Proxy Authentication Required",
		"Proxy-Authenticate: Basic realm=\"nono\"\r\n");
	return 0;
}

/* ---- connecting ---- */

static int connect_timed(const struct sockaddr *a, socklen_t alen)
{
	int fd = socket(a->sa_family, SOCK_STREAM | SOCK_CLOEXEC |
			SOCK_NONBLOCK, 0), err = 0;
	socklen_t el = sizeof err;

	if (fd < 0)
		return -1;
	if (connect(fd, a, alen) < 0 && errno != EINPROGRESS)
		goto fail;
	if (!wait_fd(fd, POLLOUT, CONNECT_TIMEOUT_MS) ||
	    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) < 0 || err)
		goto fail;
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
fail:
	close(fd);
	return -1;
}

/* Resolves host, checks every address (§4), connects to the first that
 * answers. -1 with *why set when denied, -2 when nothing answered. */
static int dial_checked(const char *host, uint16_t port, int verdict,
			const char **why)
{
	struct addrinfo hints, *res = NULL, *ai;
	char ps[8];
	int fd = -2;

	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_ADDRCONFIG;
	snprintf(ps, sizeof ps, "%u", (unsigned)port);
	if (getaddrinfo(host, ps, &hints, &res) != 0 || !res)
		return -2;
	for (ai = res; ai; ai = ai->ai_next) {
		int v = NF_DENY_NOT_ALLOWED;
		if (ai->ai_family == AF_INET)
			v = netfilter_addr(verdict, 4, (const uint8_t *)
				&((struct sockaddr_in *)ai->ai_addr)->sin_addr);
		else if (ai->ai_family == AF_INET6)
			v = netfilter_addr(verdict, 6, (const uint8_t *)
				&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr);
		if (v != NF_ALLOW && v != NF_ALLOW_EXACT) {
			*why = netfilter_reason(v);
			freeaddrinfo(res);
			return -1;
		}
	}
	for (ai = res; ai && fd < 0; ai = ai->ai_next)
		fd = connect_timed(ai->ai_addr, ai->ai_addrlen);
	freeaddrinfo(res);
	return fd < 0 ? -2 : fd;
}

static int dial_plain(const char *host, uint16_t port)
{
	struct addrinfo hints, *res = NULL, *ai;
	char ps[8];
	int fd = -1;

	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_STREAM;
	snprintf(ps, sizeof ps, "%u", (unsigned)port);
	if (getaddrinfo(host, ps, &hints, &res) != 0)
		return -1;
	for (ai = res; ai && fd < 0; ai = ai->ai_next)
		fd = connect_timed(ai->ai_addr, ai->ai_addrlen);
	freeaddrinfo(res);
	return fd;
}

/* The denial reason when host is an IP address literal the filter
 * refuses, else NULL. */
static const char *literal_denied(const char *host, int verdict)
{
	uint8_t a[16];
	int v = verdict;

	if (inet_pton(AF_INET, host, a) == 1)
		v = netfilter_addr(verdict, 4, a);
	else if (inet_pton(AF_INET6, host, a) == 1)
		v = netfilter_addr(verdict, 6, a);
	return v == NF_ALLOW || v == NF_ALLOW_EXACT ? NULL : netfilter_reason(v);
}

static int bypassed(const char *host)
{
	const struct proxy_config *pc = proxy_ctx.c;

	for (size_t i = 0; i < pc->nbypass; i++)
		if (host_match(pc->bypass[i], host, strlen(host)))
			return 1;
	return 0;
}

/* Chains a CONNECT through the upstream proxy (§6): 1 tunnel up, 0 the
 * upstream refused, -1 unreachable. */
static int upstream_connect(int up, const char *host, uint16_t port)
{
	char req[600], resp[4096];
	size_t n = 0;
	int v6 = strchr(host, ':') != NULL, done = 0;
	char auth[HTTP_HOST_MAX + 10];
	int k;

	snprintf(auth, sizeof auth, "%s%s%s:%u", v6 ? "[" : "", host,
		 v6 ? "]" : "", (unsigned)port);
	k = snprintf(req, sizeof req, "CONNECT %s HTTP/1.1\r\nHost: %s\r\n\r\n",
		     auth, auth);
	if (k <= 0 || (size_t)k >= sizeof req || write_all(up, req, (size_t)k))
		return -1;
	/* read byte by byte to the end of the head: nothing of the tunnel
	 * is consumed */
	while (n + 1 < sizeof resp) {
		ssize_t r;
		if (!wait_fd(up, POLLIN, CONNECT_TIMEOUT_MS))
			return -1;
		r = recv(up, resp + n, 1, 0);
		if (r <= 0)
			return -1;
		n++;
		if (n >= 4 && !memcmp(resp + n - 4, "\r\n\r\n", 4)) {
			done = 1;
			break;
		}
	}
	resp[n] = 0;
	return done && n >= 12 && !memcmp(resp, "HTTP/1.", 7) &&
	       !memcmp(resp + 8, " 200", 4);
}

/* ---- relaying ---- */

/* Relays both ways until both directions have ended (a half-close is
 * passed on with shutdown). One buffer: each read is written out before
 * the next. */
static void relay(int a, int b)
{
	size_t cap = RELAY_BUF;
	uint8_t *buf = malloc(cap);
	int open_ab = 1, open_ba = 1;

	if (!buf)
		return;
	while (open_ab || open_ba) {
		struct pollfd pf[2] = { { a, open_ab ? POLLIN : 0, 0 },
					{ b, open_ba ? POLLIN : 0, 0 } };
		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			int from = i ? b : a, to = i ? a : b;
			int *open = i ? &open_ba : &open_ab;
			ssize_t k;
			if (!*open || !(pf[i].revents & (POLLIN | POLLHUP |
							 POLLERR)))
				continue;
			k = recv(from, buf, cap, 0);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0 || write_all(to, buf, (size_t)k) < 0) {
				*open = 0;
				shutdown(to, SHUT_WR);
				if (k < 0)
					open_ab = open_ba = 0;
			}
		}
	}
	free(buf);
}

/* ---- the two request kinds ---- */

/* Connects to c->host:c->port directly or through the upstream; on
 * failure answers and records. Returns the socket or -1. */
static int open_target(struct conn *c, int verdict, int tunnel)
{
	const struct proxy_config *pc = proxy_ctx.c;
	const char *why = NULL;
	int up;

	if (pc->upstream_host && !bypassed(c->host)) {
		/* the upstream resolves names; an address literal is checked
		 * here as if resolved (metadata, link-local, loopback) */
		why = literal_denied(c->host, verdict);
		if (why) {
			deny(c, why);
			return -1;
		}
		snprintf(c->upstream, sizeof c->upstream, "%s:%u",
			 pc->upstream_host, (unsigned)pc->upstream_port);
		c->ev.mode = "external";
		c->ev.upstream = c->upstream;
		up = dial_plain(pc->upstream_host, pc->upstream_port);
		if (up >= 0 && tunnel) {
			int r = upstream_connect(up, c->host, c->port);
			if (r <= 0) {
				close(up);
				record(c, "deny", 502, "external_proxy_rejected",
				       "enterprise proxy rejected CONNECT");
				respond(c, 502, "Bad Gateway: enterprise proxy "
					"rejected CONNECT", NULL);
				return -1;
			}
		}
		if (up < 0) {
			record(c, "deny", 502, "upstream_connect_failed",
			       "upstream proxy unreachable");
			respond(c, 502, "Bad Gateway: upstream proxy "
				"unreachable", NULL);
		}
		return up;
	}
	up = dial_checked(c->host, c->port, verdict, &why);
	if (up == -1) {
		deny(c, why);
		return -1;
	}
	if (up < 0) {
		record(c, "deny", 502, "upstream_connect_failed",
		       "upstream connect failed");
		respond(c, 502, "Bad Gateway: upstream connect failed", NULL);
		return -1;
	}
	return up;
}

/* The steps every request with a target takes: the event's target, the
 * credential (§5), the name filter (§4). The verdict, or -1 when the
 * request was answered (and recorded). */
static int admit(struct conn *c)
{
	struct netfilter f = { proxy_ctx.c->hosts, proxy_ctx.c->nhosts,
			       proxy_ctx.c->strict };
	int v;

	c->ev.target = c->host;
	c->ev.has_port = 1;
	c->ev.port = c->port;
	if (!auth_ok(c))
		return -1;
	v = netfilter_name(&f, c->host);
	if (v != NF_ALLOW && v != NF_ALLOW_EXACT) {
		deny(c, netfilter_reason(v));
		return -1;
	}
	return v;
}

static void do_connect(struct conn *c)
{
	static const char OK[] = "HTTP/1.1 200 Connection Established\r\n\r\n";
	const struct http_span *t = &c->req.target;
	int v, up;

	c->ev.mode = "connect";
	c->ev.method = c->method;
	if (http_authority(c->head + t->off, t->len, 0, c->host,
			   sizeof c->host, &c->port) < 0) {
		respond(c, 400, "Bad Request: CONNECT needs host:port", NULL);
		return;
	}
	if ((v = admit(c)) < 0 || (up = open_target(c, v, 1)) < 0)
		return;
	/* recorded before the program can see the answer: an event it
	 * acted on is never lost when the session ends */
	if (record_allow(c, 200) < 0 ||
	    write_all(c->fd, OK, sizeof OK - 1) < 0 ||
	    (c->n > c->req.head_len &&
	     write_all(up, c->head + c->req.head_len,
		       c->n - c->req.head_len) < 0)) {
		close(up);
		return;
	}
	relay(c->fd, up);
	close(up);
}

/* Header names the proxy drops when forwarding: hop-by-hop ones, and
 * Host, which it writes itself from the target (a Host naming another
 * site would reach it through a shared front end: domain fronting). */
static int hop_header(const uint8_t *line, size_t n)
{
	static const char *const HOP[] = {
		"proxy-authorization:", "proxy-connection:", "connection:",
		"keep-alive:", "te:", "trailer:", "upgrade:", "host:",
	};
	for (size_t i = 0; i < sizeof HOP / sizeof *HOP; i++) {
		size_t m = strlen(HOP[i]), k;
		if (n < m)
			continue;
		for (k = 0; k < m; k++) {
			uint8_t ch = line[k];
			if (ch >= 'A' && ch <= 'Z')
				ch = (uint8_t)(ch - 'A' + 'a');
			if (ch != (uint8_t)HOP[i][k])
				break;
		}
		if (k == m)
			return 1;
	}
	return 0;
}

/* The request head as sent on: origin-form target (or absolute-form to
 * an upstream proxy), hop-by-hop headers and Host dropped, then Host from
 * the target and Connection: close. */
static int send_head(struct conn *c, int up, int absolute)
{
	const struct http_span *t = &c->req.target;
	const uint8_t *h = c->head, *end = c->head + c->req.head_len - 2;
	const uint8_t *p = memchr(h, '\n', c->req.head_len) + 1;
	char line[2200];
	int k;

	k = snprintf(line, sizeof line, "%s ", c->method);
	if (k < 0 || write_all(up, line, (size_t)k) < 0)
		return -1;
	if (absolute ? write_all(up, h + t->off, t->len)
		     : write_all(up, c->path, strlen(c->path)))
		return -1;
	/* " HTTP/1.x\r\n" ends the request line */
	if (write_all(up, h + t->off + t->len,
		      (size_t)(p - (h + t->off + t->len))) < 0)
		return -1;
	while (p < end) {
		const uint8_t *nl = memchr(p, '\n', (size_t)(end - p)) ;
		size_t n = (size_t)(nl - p) + 1;
		if (!hop_header(p, n) && write_all(up, p, n) < 0)
			return -1;
		p += n;
	}
	k = snprintf(line, sizeof line, "Host: %s%s%s", strchr(c->host, ':')
		     ? "[" : "", c->host, strchr(c->host, ':') ? "]" : "");
	if (k < 0 || write_all(up, line, (size_t)k) < 0)
		return -1;
	if (c->port != 80) {
		k = snprintf(line, sizeof line, ":%u", (unsigned)c->port);
		if (write_all(up, line, (size_t)k) < 0)
			return -1;
	}
	return write_all(up, "\r\nConnection: close\r\n\r\n", 23);
}

static void do_forward(struct conn *c)
{
	const struct http_span *t = &c->req.target;
	size_t poff;
	int v, up, absolute;

	c->ev.mode = "reverse";
	c->ev.method = c->method;
	if (http_absolute(c->head + t->off, t->len, c->host, sizeof c->host,
			  &c->port, &poff) < 0) {
		respond(c, 400, "Bad Request: expected an http:// URL or "
			"CONNECT", NULL);
		return;
	}
	if (poff == t->len)
		strcpy(c->path, "/");
	else if (t->len - poff >= sizeof c->path) {
		respond(c, 414, "URI Too Long", NULL);
		return;
	} else {
		memcpy(c->path, c->head + t->off + poff, t->len - poff);
		c->path[t->len - poff] = 0;
	}
	c->ev.path = c->path;
	if ((v = admit(c)) < 0)
		return;
	absolute = proxy_ctx.c->upstream_host && !bypassed(c->host);
	if ((up = open_target(c, v, 0)) < 0)
		return;
	if (record_allow(c, 0) < 0 || send_head(c, up, absolute) < 0 ||
	    (c->n > c->req.head_len &&
	     write_all(up, c->head + c->req.head_len,
		       c->n - c->req.head_len) < 0)) {
		close(up);
		return;
	}
	relay(c->fd, up);
	close(up);
}

void proxy_conn(int fd)
{
	struct conn *c = calloc(1, sizeof *c);

	if (!c || !(c->head = malloc(HTTP_HEAD_MAX))) {
		free(c);
		close(fd);
		return;
	}
	c->fd = fd;
	if (read_head(c) &&
	    span_copy(c, c->req.method, c->method, sizeof c->method) == 0) {
		if (!strcmp(c->method, "CONNECT"))
			do_connect(c);
		else
			do_forward(c);
	} else if (c->req.method.len >= sizeof c->method) {
		respond(c, 501, "Not Implemented", NULL);
	}
	close(fd);
	free(c->head);
	free(c);
}
