/*
 * The supervisor's answers to seccomp user notifications (spec/
 * enforcement.md §3.3): connect(2), sendto(2), sendmsg(2), sendmmsg(2)
 * and, with open ports under a blocked network, bind(2).
 *
 * A pathname AF_UNIX destination is resolved by the supervisor with the
 * caller's working directory, pinned by an O_PATH descriptor, and checked
 * against the unix-socket grants. A permitted operation is then performed
 * by the supervisor itself on the caller's own socket (obtained with
 * pidfd_getfd) using that descriptor, so a racing thread cannot change
 * the address after the check. Anything not permitted fails with EACCES.
 * Other families continue in the kernel, where Landlock applies, except
 * that open ports under a blocked network are limited to loopback.
 */
#ifndef NONO_UNOTIFY_H
#define NONO_UNOTIFY_H

#include "capset.h"

#include <stdint.h>
#include <sys/types.h>

struct unotify_decision {
	const char *op;          /* "connect", "sendto", ... */
	const char *path;        /* the socket path (canonical if resolved) */
	int granted;
	pid_t pid;
	const char *reason;      /* when denied */
	uint64_t duration_ms;
};

struct unotify {
	int fd;                  /* the listener */
	const struct capset *cs;
	void (*record)(void *ctx, const struct unotify_decision *d);
	void *ctx;
	size_t sz_notif, sz_resp;
	void *notif, *resp;
	uint64_t handled, denied;
};

int unotify_init(struct unotify *u, int listener, const struct capset *cs);
/* Handles one pending notification (call when the fd is readable).
 * Returns -1 when the listener is gone (every filtered task exited). */
int unotify_handle(struct unotify *u);
void unotify_close(struct unotify *u);

#endif
