/*
 * Writers for the audit event payloads nono records (spec/audit-log.md §3).
 * Each writes one compact payload object to a jw in canonical field order.
 * Check jw_finish afterwards; audit_record_write re-checks the schema.
 */
#ifndef NONO_AUDIT_EVENT_H
#define NONO_AUDIT_EVENT_H

#include "json_write.h"
#include "scrub.h"

#include <stddef.h>
#include <stdint.h>

/* command must already be redacted with policy (scrub_argv); the policy's
 * diff is recorded unless it is the default. */
void audit_ev_session_started(struct jw *w, const char *started,
			      const char *const *command, size_t n,
			      const struct scrub_policy *policy);

void audit_ev_session_ended(struct jw *w, const char *ended,
			    int32_t exit_code);

struct audit_runtime {
	const char *timestamp;     /* UTC RFC 3339 */
	const char *platform;      /* "linux" */
	const char *landlock_abi;  /* e.g. "V7", or NULL */
	int landlock_execute;      /* -1 none, else 0/1 */
	int tool_sandbox_active;
};
void audit_ev_sandbox_runtime(struct jw *w, const struct audit_runtime *r);

enum audit_access { AUDIT_READ, AUDIT_WRITE, AUDIT_READWRITE };
enum audit_decision { AUDIT_GRANTED, AUDIT_DENIED, AUDIT_TIMEOUT };

struct audit_capability {
	uint64_t secs;
	uint32_t nanos;            /* < 1e9 */
	const char *request_id;
	const char *path;
	enum audit_access access;
	const char *reason;        /* or NULL */
	uint32_t child_pid;
	const char *session_id;
	enum audit_decision decision;
	const char *deny_reason;   /* AUDIT_DENIED only */
	const char *backend;
	uint64_t duration_ms;
};
void audit_ev_capability_decision(struct jw *w,
				  const struct audit_capability *c);

struct audit_url_open {
	const char *request_id;
	const char *url;
	uint32_t child_pid;
	const char *session_id;
	int success;
	const char *error;         /* or NULL */
};
void audit_ev_url_open(struct jw *w, const struct audit_url_open *u);

/* A network event given as a canonical NetworkAuditEvent object. */
void audit_ev_network(struct jw *w, const uint8_t *event, size_t n);

#endif
