/*
 * The audit event payload schema (spec/audit-log.md §3), as data.
 * Field order is wire order; presence says when a field may be absent or
 * null. Each table mirrors one Rust type of the original, so that
 * cs_match accepts exactly the canonical serializations it would write.
 */
#include "audit_schema.h"

#define ARRLEN(a) ((uint8_t)(sizeof(a) / sizeof((a)[0])))

static const struct cs_type T_STR = { .kind = CS_STR };
static const struct cs_type T_U64 = { .kind = CS_UINT };
static const struct cs_type T_U32 = { .kind = CS_UINT, .max = UINT32_MAX };
static const struct cs_type T_U16 = { .kind = CS_UINT, .max = UINT16_MAX };
/* serde's SystemTime: nanos below one second. */
static const struct cs_type T_NANOS = { .kind = CS_UINT, .max = 999999999 };
static const struct cs_type T_I32 = { .kind = CS_I32 };
static const struct cs_type T_BOOL = { .kind = CS_BOOL };
static const struct cs_type T_STRS = { .kind = CS_ARR, .elem = &T_STR };
static const struct cs_type T_SET = { .kind = CS_SET };

/* ScrubPolicyDiff (formats §7.5): sorted sets, each omitted when empty. */
static const struct cs_field F_SCRUB_DIFF[] = {
	{ "added_flags", CS_SKIP_EMPTY, &T_SET },
	{ "removed_flags", CS_SKIP_EMPTY, &T_SET },
	{ "added_headers", CS_SKIP_EMPTY, &T_SET },
	{ "removed_headers", CS_SKIP_EMPTY, &T_SET },
	{ "added_query_keys", CS_SKIP_EMPTY, &T_SET },
	{ "removed_query_keys", CS_SKIP_EMPTY, &T_SET },
	{ "added_env_vars", CS_SKIP_EMPTY, &T_SET },
	{ "removed_env_vars", CS_SKIP_EMPTY, &T_SET },
};
static const struct cs_type T_SCRUB_DIFF = {
	.kind = CS_OBJ, .n = ARRLEN(F_SCRUB_DIFF), .fields = F_SCRUB_DIFF
};

/* NetworkAuditEvent (formats §4.3). */
static const char *const E_MODE[] = { "connect", "connect_intercept",
				      "reverse", "external" };
static const char *const E_DECISION[] = {
	"allow", "deny", "approve_requested", "approve_granted",
	"approve_denied", "approve_timeout", "approve_error"
};
static const char *const E_AUTH_MECH[] = { "proxy_authorization",
					   "phantom_header", "phantom_path",
					   "phantom_query" };
static const char *const E_AUTH_OUT[] = { "succeeded", "failed" };
static const char *const E_INJECT[] = { "header", "url_path", "query_param",
					"basic_auth", "o_auth2" };
static const char *const E_DENIAL[] = {
	"authentication_failed", "endpoint_policy",
	"managed_credential_unavailable", "host_denied",
	"intercept_handshake_failed", "upstream_connect_failed",
	"connect_bypasses_l7", "external_proxy_rejected"
};
#define ENUM(name, list)                                                     \
	static const struct cs_type name = { .kind = CS_ENUM,                \
					     .n = ARRLEN(list),              \
					     .names = list }
ENUM(T_MODE, E_MODE);
ENUM(T_NET_DECISION, E_DECISION);
ENUM(T_AUTH_MECH, E_AUTH_MECH);
ENUM(T_AUTH_OUT, E_AUTH_OUT);
ENUM(T_INJECT, E_INJECT);
ENUM(T_DENIAL, E_DENIAL);

static const struct cs_field F_NETWORK_EVENT[] = {
	{ "timestamp_unix_ms", CS_REQ, &T_U64 },
	{ "mode", CS_REQ, &T_MODE },
	{ "decision", CS_REQ, &T_NET_DECISION },
	{ "route_id", CS_SKIP_NONE, &T_STR },
	{ "auth_mechanism", CS_SKIP_NONE, &T_AUTH_MECH },
	{ "auth_outcome", CS_SKIP_NONE, &T_AUTH_OUT },
	{ "managed_credential_active", CS_SKIP_NONE, &T_BOOL },
	{ "injection_mode", CS_SKIP_NONE, &T_INJECT },
	{ "denial_category", CS_SKIP_NONE, &T_DENIAL },
	{ "endpoint_policy_action", CS_SKIP_NONE, &T_STR },
	{ "endpoint_policy_rule", CS_SKIP_NONE, &T_STR },
	{ "approval_backend", CS_SKIP_NONE, &T_STR },
	{ "credential_capture_action", CS_SKIP_NONE, &T_STR },
	{ "credential_capture_name", CS_SKIP_NONE, &T_STR },
	{ "credential_capture_command", CS_SKIP_NONE, &T_STR },
	{ "credential_capture_argv", CS_SKIP_NONE, &T_STRS },
	{ "credential_capture_exit_status", CS_SKIP_NONE, &T_I32 },
	{ "credential_capture_duration_ms", CS_SKIP_NONE, &T_U64 },
	{ "credential_capture_stdout_bytes", CS_SKIP_NONE, &T_U64 },
	{ "credential_capture_stderr", CS_SKIP_NONE, &T_STR },
	{ "credential_capture_cache_scope", CS_SKIP_NONE, &T_STR },
	{ "credential_capture_output_format", CS_SKIP_NONE, &T_STR },
	{ "credential_capture_header_names", CS_SKIP_NONE, &T_STRS },
	{ "credential_capture_stdin_mode", CS_SKIP_NONE, &T_STR },
	{ "credential_capture_interactive", CS_SKIP_NONE, &T_BOOL },
	{ "target", CS_REQ, &T_STR },
	{ "upstream", CS_SKIP_NONE, &T_STR },
	{ "port", CS_NULLABLE, &T_U16 },
	{ "method", CS_NULLABLE, &T_STR },
	{ "path", CS_NULLABLE, &T_STR },
	{ "status", CS_NULLABLE, &T_U16 },
	{ "reason", CS_NULLABLE, &T_STR },
};
const struct cs_type audit_network_event_type = {
	.kind = CS_OBJ, .n = ARRLEN(F_NETWORK_EVENT), .fields = F_NETWORK_EVENT
};

/* capability_decision: AuditEntry (formats §2.3). */
static const struct cs_field F_SYSTIME[] = {
	{ "secs_since_epoch", CS_REQ, &T_U64 },
	{ "nanos_since_epoch", CS_REQ, &T_NANOS },
};
static const struct cs_type T_SYSTIME = {
	.kind = CS_OBJ, .n = ARRLEN(F_SYSTIME), .fields = F_SYSTIME
};
static const char *const E_ACCESS[] = { "Read", "Write", "ReadWrite" };
ENUM(T_ACCESS, E_ACCESS);

static const struct cs_field F_REQ_CAPABILITY[] = {
	{ "request_id", CS_REQ, &T_STR },
	{ "path", CS_REQ, &T_STR },
	{ "access", CS_REQ, &T_ACCESS },
	{ "reason", CS_NULLABLE, &T_STR },
	{ "child_pid", CS_REQ, &T_U32 },
	{ "session_id", CS_REQ, &T_STR },
};
static const struct cs_field F_REQ_NETWORK[] = {
	{ "request_id", CS_REQ, &T_STR },
	{ "host", CS_REQ, &T_STR },
	{ "port", CS_REQ, &T_U16 },
	{ "protocol", CS_REQ, &T_STR },
	{ "resolved_ips", CS_REQ, &T_STRS },
	{ "reason", CS_NULLABLE, &T_STR },
	{ "child_pid", CS_REQ, &T_U32 },
	{ "session_id", CS_REQ, &T_STR },
};
static const struct cs_field F_REQ_ENDPOINT[] = {
	{ "request_id", CS_REQ, &T_STR },
	{ "route_id", CS_REQ, &T_STR },
	{ "upstream", CS_REQ, &T_STR },
	{ "method", CS_REQ, &T_STR },
	{ "path", CS_REQ, &T_STR },
	{ "rule_label", CS_REQ, &T_STR },
	{ "reason", CS_NULLABLE, &T_STR },
	{ "child_pid", CS_REQ, &T_U32 },
	{ "session_id", CS_REQ, &T_STR },
};
static const struct cs_field F_REQ_COMMAND[] = {
	{ "request_id", CS_REQ, &T_STR },
	{ "command", CS_REQ, &T_STR },
	{ "args", CS_REQ, &T_STRS },
	{ "caller", CS_REQ, &T_STR },
	{ "intercept_rule", CS_REQ, &T_STR },
	{ "reason", CS_NULLABLE, &T_STR },
	{ "child_pid", CS_REQ, &T_U32 },
	{ "session_id", CS_REQ, &T_STR },
};
static const struct cs_variant V_REQUEST[] = {
	{ "capability", F_REQ_CAPABILITY, ARRLEN(F_REQ_CAPABILITY) },
	{ "network", F_REQ_NETWORK, ARRLEN(F_REQ_NETWORK) },
	{ "endpoint", F_REQ_ENDPOINT, ARRLEN(F_REQ_ENDPOINT) },
	{ "command", F_REQ_COMMAND, ARRLEN(F_REQ_COMMAND) },
};
static const struct cs_type T_REQUEST = { .kind = CS_TAGGED,
					  .n = ARRLEN(V_REQUEST),
					  .tag = "capability_type",
					  .variants = V_REQUEST };

static const struct cs_field F_DENIED[] = {
	{ "reason", CS_REQ, &T_STR },
};
static const struct cs_variant V_DECISION[] = {
	{ "Granted", 0, 0 },
	{ "Denied", F_DENIED, ARRLEN(F_DENIED) },
	{ "Timeout", 0, 0 },
};
static const struct cs_type T_DECISION = { .kind = CS_EXT,
					   .n = ARRLEN(V_DECISION),
					   .variants = V_DECISION };

static const struct cs_field F_ENTRY[] = {
	{ "timestamp", CS_REQ, &T_SYSTIME },
	{ "request", CS_REQ, &T_REQUEST },
	{ "decision", CS_REQ, &T_DECISION },
	{ "backend", CS_REQ, &T_STR },
	{ "duration_ms", CS_REQ, &T_U64 },
};
static const struct cs_type T_ENTRY = { .kind = CS_OBJ, .n = ARRLEN(F_ENTRY),
					.fields = F_ENTRY };

/* url_open */
static const struct cs_field F_URL_REQ[] = {
	{ "request_id", CS_REQ, &T_STR },
	{ "url", CS_REQ, &T_STR },
	{ "child_pid", CS_REQ, &T_U32 },
	{ "session_id", CS_REQ, &T_STR },
};
static const struct cs_type T_URL_REQ = { .kind = CS_OBJ,
					  .n = ARRLEN(F_URL_REQ),
					  .fields = F_URL_REQ };

/* sandbox_runtime */
static const struct cs_field F_RUNTIME[] = {
	{ "timestamp", CS_REQ, &T_STR },
	{ "platform", CS_REQ, &T_STR },
	{ "landlock_abi", CS_SKIP_NONE, &T_STR },
	{ "landlock_execute_enforced", CS_SKIP_NONE, &T_BOOL },
	{ "tool_sandbox_active", CS_REQ, &T_BOOL },
};
static const struct cs_type T_RUNTIME = { .kind = CS_OBJ,
					  .n = ARRLEN(F_RUNTIME),
					  .fields = F_RUNTIME };

/* command_policy: CommandPolicyAuditEvent */
static const struct cs_field F_STREAM[] = {
	{ "total_bytes", CS_REQ, &T_U64 },
	{ "forwarded_bytes", CS_REQ, &T_U64 },
	{ "max_bytes", CS_SKIP_NONE, &T_U64 },
	{ "limit_exceeded", CS_REQ, &T_BOOL },
	{ "on_limit", CS_SKIP_NONE, &T_STR },
};
static const struct cs_type T_STREAM = { .kind = CS_OBJ,
					 .n = ARRLEN(F_STREAM),
					 .fields = F_STREAM };
static const struct cs_field F_STDIO[] = {
	{ "stdout", CS_SKIP_NONE, &T_STREAM },
	{ "stderr", CS_SKIP_NONE, &T_STREAM },
};
static const struct cs_type T_STDIO = { .kind = CS_OBJ, .n = ARRLEN(F_STDIO),
					.fields = F_STDIO };
static const struct cs_field F_ENV_DISPLAY[] = {
	{ "name", CS_REQ, &T_STR },
	{ "value_display", CS_REQ, &T_STR },
};
static const struct cs_type T_ENV_DISPLAY = { .kind = CS_OBJ,
					      .n = ARRLEN(F_ENV_DISPLAY),
					      .fields = F_ENV_DISPLAY };
static const struct cs_type T_ENV_DISPLAYS = { .kind = CS_ARR,
					       .elem = &T_ENV_DISPLAY };
static const struct cs_field F_CMD_POLICY[] = {
	{ "timestamp", CS_REQ, &T_STR },
	{ "session_id", CS_SKIP_NONE, &T_STR },
	{ "command", CS_REQ, &T_STR },
	{ "caller", CS_REQ, &T_STR },
	{ "caller_kind", CS_SKIP_NONE, &T_STR },
	{ "caller_command", CS_SKIP_NONE, &T_STR },
	{ "caller_pid", CS_SKIP_NONE, &T_U32 },
	{ "shim_pid", CS_SKIP_NONE, &T_U32 },
	{ "session_root_pid", CS_SKIP_NONE, &T_U32 },
	{ "decision", CS_REQ, &T_STR },
	{ "reason", CS_NULLABLE, &T_STR },
	{ "stdio_mode", CS_REQ, &T_STR },
	{ "argv_hash", CS_REQ, &T_STR },
	{ "env_name_hash", CS_REQ, &T_STR },
	{ "cwd_hash", CS_REQ, &T_STR },
	{ "argv_display", CS_REQ, &T_STRS },
	{ "env_names_display", CS_REQ, &T_STRS },
	{ "env_display", CS_SKIP_EMPTY, &T_ENV_DISPLAYS },
	{ "cwd_display", CS_REQ, &T_STR },
	{ "exit_code", CS_NULLABLE, &T_I32 },
	{ "stdio", CS_SKIP_NONE, &T_STDIO },
};
static const struct cs_type T_CMD_POLICY = { .kind = CS_OBJ,
					     .n = ARRLEN(F_CMD_POLICY),
					     .fields = F_CMD_POLICY };

/* The payload: internally tagged by "type". */
static const struct cs_field F_STARTED[] = {
	{ "started", CS_REQ, &T_STR },
	{ "command", CS_REQ, &T_STRS },
	{ "redaction_policy", CS_SKIP_NONE, &T_SCRUB_DIFF },
};
static const struct cs_field F_ENDED[] = {
	{ "ended", CS_REQ, &T_STR },
	{ "exit_code", CS_REQ, &T_I32 },
};
static const struct cs_field F_CAPABILITY[] = {
	{ "entry", CS_REQ, &T_ENTRY },
};
static const struct cs_field F_URL_OPEN[] = {
	{ "request", CS_REQ, &T_URL_REQ },
	{ "success", CS_REQ, &T_BOOL },
	{ "error", CS_NULLABLE, &T_STR },
};
static const struct cs_field F_NETWORK[] = {
	{ "event", CS_REQ, &audit_network_event_type },
};
static const struct cs_field F_SANDBOX_RUNTIME[] = {
	{ "event", CS_REQ, &T_RUNTIME },
};
static const struct cs_field F_COMMAND_POLICY[] = {
	{ "event", CS_REQ, &T_CMD_POLICY },
};
static const struct cs_variant V_PAYLOAD[] = {
	{ "session_started", F_STARTED, ARRLEN(F_STARTED) },
	{ "session_ended", F_ENDED, ARRLEN(F_ENDED) },
	{ "capability_decision", F_CAPABILITY, ARRLEN(F_CAPABILITY) },
	{ "url_open", F_URL_OPEN, ARRLEN(F_URL_OPEN) },
	{ "network", F_NETWORK, ARRLEN(F_NETWORK) },
	{ "sandbox_runtime", F_SANDBOX_RUNTIME, ARRLEN(F_SANDBOX_RUNTIME) },
	{ "command_policy", F_COMMAND_POLICY, ARRLEN(F_COMMAND_POLICY) },
};
const struct cs_type audit_payload_type = { .kind = CS_TAGGED,
					    .n = ARRLEN(V_PAYLOAD),
					    .tag = "type",
					    .variants = V_PAYLOAD };

/* ScrubPolicyDiff is also used by the attestation predicate. */
const struct cs_type *const audit_scrub_diff_type = &T_SCRUB_DIFF;
