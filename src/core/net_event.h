/*
 * One NetworkAuditEvent (spec/audit-log.md, formats §4.3) as the proxy
 * records it: the fields this proxy decides, in canonical order, with
 * the skipped-when-none fields left out when NULL.
 */
#ifndef NONO_NET_EVENT_H
#define NONO_NET_EVENT_H

#include "json_write.h"

#include <stdint.h>

struct net_event {
	uint64_t timestamp_unix_ms;
	const char *mode;            /* connect | reverse | external ... */
	const char *decision;        /* allow | deny */
	const char *auth_mechanism;  /* NULL: skipped */
	const char *auth_outcome;    /* NULL: skipped */
	const char *denial_category; /* NULL: skipped */
	const char *target;
	const char *upstream;        /* NULL: skipped */
	int has_port;
	uint16_t port;
	const char *method;          /* NULL: null */
	const char *path;            /* NULL: null */
	int has_status;
	uint16_t status;
	const char *reason;          /* NULL: null */
};

/* Writes the compact object; check jw_finish. */
void net_event_write(struct jw *w, const struct net_event *ev);

#endif
