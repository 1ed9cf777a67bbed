/*
 * Schemas of the JSON objects nono hashes (spec/audit-log.md §3).
 */
#ifndef NONO_AUDIT_SCHEMA_H
#define NONO_AUDIT_SCHEMA_H

#include "cjson.h"

/* AuditEventPayload: the seven variants, tagged by "type". */
extern const struct cs_type audit_payload_type;
/* NetworkAuditEvent (also the elements of session.json network_events). */
extern const struct cs_type audit_network_event_type;
/* ScrubPolicyDiff. */
extern const struct cs_type *const audit_scrub_diff_type;

#endif
