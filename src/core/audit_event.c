#include "audit_event.h"

static void begin(struct jw *w, const char *type)
{
	jw_obj_begin(w);
	jw_key(w, "type");
	jw_str(w, type);
}

static void str_or_null(struct jw *w, const char *s)
{
	if (s)
		jw_str(w, s);
	else
		jw_null(w);
}

void audit_ev_session_started(struct jw *w, const char *started,
			      const char *const *command, size_t n,
			      const struct scrub_policy *policy)
{
	begin(w, "session_started");
	jw_key(w, "started");
	jw_str(w, started);
	jw_key(w, "command");
	jw_arr_begin(w);
	for (size_t i = 0; i < n; i++)
		jw_str(w, command[i]);
	jw_arr_end(w);
	if (policy && !scrub_policy_is_default(policy)) {
		jw_key(w, "redaction_policy");
		scrub_policy_diff_write(policy, w);
	}
	jw_obj_end(w);
}

void audit_ev_session_ended(struct jw *w, const char *ended,
			    int32_t exit_code)
{
	begin(w, "session_ended");
	jw_key(w, "ended");
	jw_str(w, ended);
	jw_key(w, "exit_code");
	jw_i64(w, exit_code);
	jw_obj_end(w);
}

void audit_ev_sandbox_runtime(struct jw *w, const struct audit_runtime *r)
{
	begin(w, "sandbox_runtime");
	jw_key(w, "event");
	jw_obj_begin(w);
	jw_key(w, "timestamp");
	jw_str(w, r->timestamp);
	jw_key(w, "platform");
	jw_str(w, r->platform);
	if (r->landlock_abi) {
		jw_key(w, "landlock_abi");
		jw_str(w, r->landlock_abi);
	}
	if (r->landlock_execute >= 0) {
		jw_key(w, "landlock_execute_enforced");
		jw_bool(w, r->landlock_execute);
	}
	jw_key(w, "tool_sandbox_active");
	jw_bool(w, r->tool_sandbox_active);
	jw_obj_end(w);
	jw_obj_end(w);
}

void audit_ev_capability_decision(struct jw *w,
				  const struct audit_capability *c)
{
	static const char *const access[] = { "Read", "Write", "ReadWrite" };

	begin(w, "capability_decision");
	jw_key(w, "entry");
	jw_obj_begin(w);
	jw_key(w, "timestamp");
	jw_obj_begin(w);
	jw_key(w, "secs_since_epoch");
	jw_u64(w, c->secs);
	jw_key(w, "nanos_since_epoch");
	jw_u64(w, c->nanos);
	jw_obj_end(w);
	jw_key(w, "request");
	jw_obj_begin(w);
	jw_key(w, "capability_type");
	jw_str(w, "capability");
	jw_key(w, "request_id");
	jw_str(w, c->request_id);
	jw_key(w, "path");
	jw_str(w, c->path);
	jw_key(w, "access");
	jw_str(w, access[c->access]);
	jw_key(w, "reason");
	str_or_null(w, c->reason);
	jw_key(w, "child_pid");
	jw_u64(w, c->child_pid);
	jw_key(w, "session_id");
	jw_str(w, c->session_id);
	jw_obj_end(w);
	jw_key(w, "decision");
	if (c->decision == AUDIT_DENIED) {
		jw_obj_begin(w);
		jw_key(w, "Denied");
		jw_obj_begin(w);
		jw_key(w, "reason");
		jw_str(w, c->deny_reason ? c->deny_reason : "");
		jw_obj_end(w);
		jw_obj_end(w);
	} else {
		jw_str(w, c->decision == AUDIT_GRANTED ? "Granted" : "Timeout");
	}
	jw_key(w, "backend");
	jw_str(w, c->backend);
	jw_key(w, "duration_ms");
	jw_u64(w, c->duration_ms);
	jw_obj_end(w);
	jw_obj_end(w);
}

void audit_ev_url_open(struct jw *w, const struct audit_url_open *u)
{
	begin(w, "url_open");
	jw_key(w, "request");
	jw_obj_begin(w);
	jw_key(w, "request_id");
	jw_str(w, u->request_id);
	jw_key(w, "url");
	jw_str(w, u->url);
	jw_key(w, "child_pid");
	jw_u64(w, u->child_pid);
	jw_key(w, "session_id");
	jw_str(w, u->session_id);
	jw_obj_end(w);
	jw_key(w, "success");
	jw_bool(w, u->success);
	jw_key(w, "error");
	str_or_null(w, u->error);
	jw_obj_end(w);
}

void audit_ev_network(struct jw *w, const uint8_t *event, size_t n)
{
	begin(w, "network");
	jw_key(w, "event");
	jw_raw(w, event, n);
	jw_obj_end(w);
}
