/* Shared by the proxy process's files (not part of the API). */
#ifndef NONO_PROXY_INT_H
#define NONO_PROXY_INT_H

#include "net_event.h"
#include "proxy.h"

struct proxy_ctx {
	const struct proxy_config *c;
	const char *token;
	int events_fd;
};

extern struct proxy_ctx proxy_ctx;

/* Handles one client connection to its end; closes fd. */
void proxy_conn(int fd);

/* Appends one event line to the events file (thread-safe). -1 when the
 * session's event limit is reached (nothing written): the caller must
 * then refuse the request, so nothing unrecorded gets through. */
int proxy_record(const struct net_event *ev);

#endif
