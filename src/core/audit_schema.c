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
	CS_F("added_flags", CS_SKIP_EMPTY, &T_SET),
	CS_F("removed_flags", CS_SKIP_EMPTY, &T_SET),
	CS_F("added_headers", CS_SKIP_EMPTY, &T_SET),
	CS_F("removed_headers", CS_SKIP_EMPTY, &T_SET),
	CS_F("added_query_keys", CS_SKIP_EMPTY, &T_SET),
	CS_F("removed_query_keys", CS_SKIP_EMPTY, &T_SET),
	CS_F("added_env_vars", CS_SKIP_EMPTY, &T_SET),
	CS_F("removed_env_vars", CS_SKIP_EMPTY, &T_SET),
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
	CS_F("timestamp_unix_ms", CS_REQ, &T_U64),
	CS_F("mode", CS_REQ, &T_MODE),
	CS_F("decision", CS_REQ, &T_NET_DECISION),
	CS_F("route_id", CS_SKIP_NONE, &T_STR),
	CS_F("auth_mechanism", CS_SKIP_NONE, &T_AUTH_MECH),
	CS_F("auth_outcome", CS_SKIP_NONE, &T_AUTH_OUT),
	CS_F("managed_credential_active", CS_SKIP_NONE, &T_BOOL),
	CS_F("injection_mode", CS_SKIP_NONE, &T_INJECT),
	CS_F("denial_category", CS_SKIP_NONE, &T_DENIAL),
	CS_F("endpoint_policy_action", CS_SKIP_NONE, &T_STR),
	CS_F("endpoint_policy_rule", CS_SKIP_NONE, &T_STR),
	CS_F("approval_backend", CS_SKIP_NONE, &T_STR),
	CS_F("credential_capture_action", CS_SKIP_NONE, &T_STR),
	CS_F("credential_capture_name", CS_SKIP_NONE, &T_STR),
	CS_F("credential_capture_command", CS_SKIP_NONE, &T_STR),
	CS_F("credential_capture_argv", CS_SKIP_NONE, &T_STRS),
	CS_F("credential_capture_exit_status", CS_SKIP_NONE, &T_I32),
	CS_F("credential_capture_duration_ms", CS_SKIP_NONE, &T_U64),
	CS_F("credential_capture_stdout_bytes", CS_SKIP_NONE, &T_U64),
	CS_F("credential_capture_stderr", CS_SKIP_NONE, &T_STR),
	CS_F("credential_capture_cache_scope", CS_SKIP_NONE, &T_STR),
	CS_F("credential_capture_output_format", CS_SKIP_NONE, &T_STR),
	CS_F("credential_capture_header_names", CS_SKIP_NONE, &T_STRS),
	CS_F("credential_capture_stdin_mode", CS_SKIP_NONE, &T_STR),
	CS_F("credential_capture_interactive", CS_SKIP_NONE, &T_BOOL),
	CS_F("target", CS_REQ, &T_STR),
	CS_F("upstream", CS_SKIP_NONE, &T_STR),
	CS_F("port", CS_NULLABLE, &T_U16),
	CS_F("method", CS_NULLABLE, &T_STR),
	CS_F("path", CS_NULLABLE, &T_STR),
	CS_F("status", CS_NULLABLE, &T_U16),
	CS_F("reason", CS_NULLABLE, &T_STR),
};
const struct cs_type audit_network_event_type = {
	.kind = CS_OBJ, .n = ARRLEN(F_NETWORK_EVENT), .fields = F_NETWORK_EVENT
};

/* capability_decision: AuditEntry (formats §2.3). */
static const struct cs_field F_SYSTIME[] = {
	CS_F("secs_since_epoch", CS_REQ, &T_U64),
	CS_F("nanos_since_epoch", CS_REQ, &T_NANOS),
};
static const struct cs_type T_SYSTIME = {
	.kind = CS_OBJ, .n = ARRLEN(F_SYSTIME), .fields = F_SYSTIME
};
static const char *const E_ACCESS[] = { "Read", "Write", "ReadWrite" };
ENUM(T_ACCESS, E_ACCESS);

static const struct cs_field F_REQ_CAPABILITY[] = {
	CS_F("request_id", CS_REQ, &T_STR),
	CS_F("path", CS_REQ, &T_STR),
	CS_F("access", CS_REQ, &T_ACCESS),
	CS_F("reason", CS_NULLABLE, &T_STR),
	CS_F("child_pid", CS_REQ, &T_U32),
	CS_F("session_id", CS_REQ, &T_STR),
};
static const struct cs_field F_REQ_NETWORK[] = {
	CS_F("request_id", CS_REQ, &T_STR),
	CS_F("host", CS_REQ, &T_STR),
	CS_F("port", CS_REQ, &T_U16),
	CS_F("protocol", CS_REQ, &T_STR),
	CS_F("resolved_ips", CS_REQ, &T_STRS),
	CS_F("reason", CS_NULLABLE, &T_STR),
	CS_F("child_pid", CS_REQ, &T_U32),
	CS_F("session_id", CS_REQ, &T_STR),
};
static const struct cs_field F_REQ_ENDPOINT[] = {
	CS_F("request_id", CS_REQ, &T_STR),
	CS_F("route_id", CS_REQ, &T_STR),
	CS_F("upstream", CS_REQ, &T_STR),
	CS_F("method", CS_REQ, &T_STR),
	CS_F("path", CS_REQ, &T_STR),
	CS_F("rule_label", CS_REQ, &T_STR),
	CS_F("reason", CS_NULLABLE, &T_STR),
	CS_F("child_pid", CS_REQ, &T_U32),
	CS_F("session_id", CS_REQ, &T_STR),
};
static const struct cs_field F_REQ_COMMAND[] = {
	CS_F("request_id", CS_REQ, &T_STR),
	CS_F("command", CS_REQ, &T_STR),
	CS_F("args", CS_REQ, &T_STRS),
	CS_F("caller", CS_REQ, &T_STR),
	CS_F("intercept_rule", CS_REQ, &T_STR),
	CS_F("reason", CS_NULLABLE, &T_STR),
	CS_F("child_pid", CS_REQ, &T_U32),
	CS_F("session_id", CS_REQ, &T_STR),
};
static const struct cs_variant V_REQUEST[] = {
	CS_V("capability", F_REQ_CAPABILITY, ARRLEN(F_REQ_CAPABILITY)),
	CS_V("network", F_REQ_NETWORK, ARRLEN(F_REQ_NETWORK)),
	CS_V("endpoint", F_REQ_ENDPOINT, ARRLEN(F_REQ_ENDPOINT)),
	CS_V("command", F_REQ_COMMAND, ARRLEN(F_REQ_COMMAND)),
};
static const struct cs_type T_REQUEST = { .kind = CS_TAGGED,
					  .n = ARRLEN(V_REQUEST),
					  .tag = "capability_type",
					  .variants = V_REQUEST };

static const struct cs_field F_DENIED[] = {
	CS_F("reason", CS_REQ, &T_STR),
};
static const struct cs_variant V_DECISION[] = {
	CS_V("Granted", 0, 0),
	CS_V("Denied", F_DENIED, ARRLEN(F_DENIED)),
	CS_V("Timeout", 0, 0),
};
static const struct cs_type T_DECISION = { .kind = CS_EXT,
					   .n = ARRLEN(V_DECISION),
					   .variants = V_DECISION };

static const struct cs_field F_ENTRY[] = {
	CS_F("timestamp", CS_REQ, &T_SYSTIME),
	CS_F("request", CS_REQ, &T_REQUEST),
	CS_F("decision", CS_REQ, &T_DECISION),
	CS_F("backend", CS_REQ, &T_STR),
	CS_F("duration_ms", CS_REQ, &T_U64),
};
static const struct cs_type T_ENTRY = { .kind = CS_OBJ, .n = ARRLEN(F_ENTRY),
					.fields = F_ENTRY };

/* url_open */
static const struct cs_field F_URL_REQ[] = {
	CS_F("request_id", CS_REQ, &T_STR),
	CS_F("url", CS_REQ, &T_STR),
	CS_F("child_pid", CS_REQ, &T_U32),
	CS_F("session_id", CS_REQ, &T_STR),
};
static const struct cs_type T_URL_REQ = { .kind = CS_OBJ,
					  .n = ARRLEN(F_URL_REQ),
					  .fields = F_URL_REQ };

/* sandbox_runtime */
static const struct cs_field F_RUNTIME[] = {
	CS_F("timestamp", CS_REQ, &T_STR),
	CS_F("platform", CS_REQ, &T_STR),
	CS_F("landlock_abi", CS_SKIP_NONE, &T_STR),
	CS_F("landlock_execute_enforced", CS_SKIP_NONE, &T_BOOL),
	CS_F("tool_sandbox_active", CS_REQ, &T_BOOL),
};
static const struct cs_type T_RUNTIME = { .kind = CS_OBJ,
					  .n = ARRLEN(F_RUNTIME),
					  .fields = F_RUNTIME };

/* command_policy: CommandPolicyAuditEvent */
static const struct cs_field F_STREAM[] = {
	CS_F("total_bytes", CS_REQ, &T_U64),
	CS_F("forwarded_bytes", CS_REQ, &T_U64),
	CS_F("max_bytes", CS_SKIP_NONE, &T_U64),
	CS_F("limit_exceeded", CS_REQ, &T_BOOL),
	CS_F("on_limit", CS_SKIP_NONE, &T_STR),
};
static const struct cs_type T_STREAM = { .kind = CS_OBJ,
					 .n = ARRLEN(F_STREAM),
					 .fields = F_STREAM };
static const struct cs_field F_STDIO[] = {
	CS_F("stdout", CS_SKIP_NONE, &T_STREAM),
	CS_F("stderr", CS_SKIP_NONE, &T_STREAM),
};
static const struct cs_type T_STDIO = { .kind = CS_OBJ, .n = ARRLEN(F_STDIO),
					.fields = F_STDIO };
static const struct cs_field F_ENV_DISPLAY[] = {
	CS_F("name", CS_REQ, &T_STR),
	CS_F("value_display", CS_REQ, &T_STR),
};
static const struct cs_type T_ENV_DISPLAY = { .kind = CS_OBJ,
					      .n = ARRLEN(F_ENV_DISPLAY),
					      .fields = F_ENV_DISPLAY };
static const struct cs_type T_ENV_DISPLAYS = { .kind = CS_ARR,
					       .elem = &T_ENV_DISPLAY };
static const struct cs_field F_CMD_POLICY[] = {
	CS_F("timestamp", CS_REQ, &T_STR),
	CS_F("session_id", CS_SKIP_NONE, &T_STR),
	CS_F("command", CS_REQ, &T_STR),
	CS_F("caller", CS_REQ, &T_STR),
	CS_F("caller_kind", CS_SKIP_NONE, &T_STR),
	CS_F("caller_command", CS_SKIP_NONE, &T_STR),
	CS_F("caller_pid", CS_SKIP_NONE, &T_U32),
	CS_F("shim_pid", CS_SKIP_NONE, &T_U32),
	CS_F("session_root_pid", CS_SKIP_NONE, &T_U32),
	CS_F("decision", CS_REQ, &T_STR),
	CS_F("reason", CS_NULLABLE, &T_STR),
	CS_F("stdio_mode", CS_REQ, &T_STR),
	CS_F("argv_hash", CS_REQ, &T_STR),
	CS_F("env_name_hash", CS_REQ, &T_STR),
	CS_F("cwd_hash", CS_REQ, &T_STR),
	CS_F("argv_display", CS_REQ, &T_STRS),
	CS_F("env_names_display", CS_REQ, &T_STRS),
	CS_F("env_display", CS_SKIP_EMPTY, &T_ENV_DISPLAYS),
	CS_F("cwd_display", CS_REQ, &T_STR),
	CS_F("exit_code", CS_NULLABLE, &T_I32),
	CS_F("stdio", CS_SKIP_NONE, &T_STDIO),
};
static const struct cs_type T_CMD_POLICY = { .kind = CS_OBJ,
					     .n = ARRLEN(F_CMD_POLICY),
					     .fields = F_CMD_POLICY };

/* The payload: internally tagged by "type". */
static const struct cs_field F_STARTED[] = {
	CS_F("started", CS_REQ, &T_STR),
	CS_F("command", CS_REQ, &T_STRS),
	CS_F("redaction_policy", CS_SKIP_NONE, &T_SCRUB_DIFF),
};
static const struct cs_field F_ENDED[] = {
	CS_F("ended", CS_REQ, &T_STR),
	CS_F("exit_code", CS_REQ, &T_I32),
};
static const struct cs_field F_CAPABILITY[] = {
	CS_F("entry", CS_REQ, &T_ENTRY),
};
static const struct cs_field F_URL_OPEN[] = {
	CS_F("request", CS_REQ, &T_URL_REQ),
	CS_F("success", CS_REQ, &T_BOOL),
	CS_F("error", CS_NULLABLE, &T_STR),
};
static const struct cs_field F_NETWORK[] = {
	CS_F("event", CS_REQ, &audit_network_event_type),
};
static const struct cs_field F_SANDBOX_RUNTIME[] = {
	CS_F("event", CS_REQ, &T_RUNTIME),
};
static const struct cs_field F_COMMAND_POLICY[] = {
	CS_F("event", CS_REQ, &T_CMD_POLICY),
};
static const struct cs_variant V_PAYLOAD[] = {
	CS_V("session_started", F_STARTED, ARRLEN(F_STARTED)),
	CS_V("session_ended", F_ENDED, ARRLEN(F_ENDED)),
	CS_V("capability_decision", F_CAPABILITY, ARRLEN(F_CAPABILITY)),
	CS_V("url_open", F_URL_OPEN, ARRLEN(F_URL_OPEN)),
	CS_V("network", F_NETWORK, ARRLEN(F_NETWORK)),
	CS_V("sandbox_runtime", F_SANDBOX_RUNTIME, ARRLEN(F_SANDBOX_RUNTIME)),
	CS_V("command_policy", F_COMMAND_POLICY, ARRLEN(F_COMMAND_POLICY)),
};
const struct cs_type audit_payload_type = { .kind = CS_TAGGED,
					    .n = ARRLEN(V_PAYLOAD),
					    .tag = "type",
					    .variants = V_PAYLOAD };

/* ScrubPolicyDiff is also used by the attestation predicate. */
const struct cs_type *const audit_scrub_diff_type = &T_SCRUB_DIFF;
