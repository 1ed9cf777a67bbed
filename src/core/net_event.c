/* NetworkAuditEvent writer (formats §4.3 field order). */
#include "net_event.h"

static void opt(struct jw *w, const char *key, const char *v)
{
	if (v) {
		jw_key(w, key);
		jw_str(w, v);
	}
}

static void str_or_null(struct jw *w, const char *key, const char *v)
{
	jw_key(w, key);
	if (v)
		jw_str(w, v);
	else
		jw_null(w);
}

static void u16_or_null(struct jw *w, const char *key, int has, uint16_t v)
{
	jw_key(w, key);
	if (has)
		jw_u64(w, v);
	else
		jw_null(w);
}

void net_event_write(struct jw *w, const struct net_event *ev)
{
	jw_obj_begin(w);
	jw_key(w, "timestamp_unix_ms");
	jw_u64(w, ev->timestamp_unix_ms);
	jw_key(w, "mode");
	jw_str(w, ev->mode);
	jw_key(w, "decision");
	jw_str(w, ev->decision);
	opt(w, "auth_mechanism", ev->auth_mechanism);
	opt(w, "auth_outcome", ev->auth_outcome);
	opt(w, "denial_category", ev->denial_category);
	jw_key(w, "target");
	jw_str(w, ev->target);
	opt(w, "upstream", ev->upstream);
	u16_or_null(w, "port", ev->has_port, ev->port);
	str_or_null(w, "method", ev->method);
	str_or_null(w, "path", ev->path);
	u16_or_null(w, "status", ev->has_status, ev->status);
	str_or_null(w, "reason", ev->reason);
	jw_obj_end(w);
}
