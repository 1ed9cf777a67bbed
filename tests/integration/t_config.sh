#!/usr/bin/env bash
# config.toml (spec/config.md): [redaction] extends the policy recorded in
# sessions (and its diff in the log), bad files are refused with one line
# naming file, line and key before anything runs, unknown keys warn.
. "$(dirname "$0")/lib.sh"

CFG() { mkdir -p "$XDG_CONFIG_HOME/nono"; printf '%s\n' "$1" >"$XDG_CONFIG_HOME/nono/config.toml"; }
session_id() { ls "$AUDIT" | grep -v '\.' | head -1; }

test_redaction_table_applies_and_is_recorded() {
	mkdir -p "$T/w" && cd "$T/w"
	CFG '# user config
[redaction]
extra_flags = ["--private-token", "--pat",]
extra_query_keys = [
  "sig",   # signed URLs
]
[ui]
theme = "frappe"'
	run "$NONO" -s run --allow . -- /bin/echo --private-token abc 'https://h/?sig=1&a=2' --token t
	expect_rc 0
	[ "$OUT" = "--private-token abc https://h/?sig=1&a=2 --token t" ] || fail "child argv changed: $OUT"
	id=$(session_id)
	[ "$(jq -c .command "$AUDIT/$id/session.json")" = \
		'["/bin/echo","--private-token","[REDACTED]","https://h/?sig=[REDACTED]&a=2","--token","[REDACTED]"]' ] ||
		fail "command: $(jq -c .command "$AUDIT/$id/session.json")"
	head -1 "$AUDIT/$id/audit-events.ndjson" | grep -qF \
		'"redaction_policy":{"added_flags":["--pat","--private-token"],"added_query_keys":["sig"]}' ||
		fail "diff not recorded: $(head -c 800 "$AUDIT/$id/audit-events.ndjson")"
	run "$NONO" audit verify "$id"
	expect_rc 0
}

test_unsafe_overrides_required_to_unredact() {
	mkdir -p "$T/w" && cd "$T/w"
	CFG '[redaction]
allow_unredacted_defaults = ["state"]'
	run "$NONO" run --allow . -- /bin/touch "$T/w/ran"
	expect_rc 1
	expect_err "config.toml:2: 'redaction.allow_unredacted_defaults' requires unsafe_redaction_overrides = true"
	expect_one_line_err
	[ ! -e "$T/w/ran" ] || fail "ran"
	CFG '[redaction]
unsafe_redaction_overrides = true
allow_unredacted_defaults = ["state"]'
	run "$NONO" -s run --allow . -- /bin/echo 'https://h/?state=s&code=c'
	expect_rc 0
	id=$(session_id)
	[ "$(jq -r '.command[1]' "$AUDIT/$id/session.json")" = 'https://h/?state=s&code=[REDACTED]' ] ||
		fail "state still redacted: $(jq -c .command "$AUDIT/$id/session.json")"
	head -1 "$AUDIT/$id/audit-events.ndjson" | grep -qF '"removed_query_keys":["state"]' ||
		fail "removal not recorded"
}

test_bad_config_one_line_nothing_runs() {
	mkdir -p "$T/w" && cd "$T/w"
	while IFS='|' read -r doc msg; do
		CFG "$(printf '%b' "$doc")"
		run "$NONO" run --allow . -- /bin/touch "$T/w/ran"
		expect_rc 1
		expect_err "$msg"
		expect_one_line_err
		[ ! -e "$T/w/ran" ] || fail "ran with: $doc"
		[ ! -d "$AUDIT" ] || [ -z "$(ls "$AUDIT")" ] || fail "recorded with: $doc"
	done <<'EOF'
[redaction]\nextra_flags = "--x"|config.toml:2: 'redaction.extra_flags' must be an array of strings
[redaction]\nextra_flags = ["a"]\nextra_flags = ["b"]|config.toml:3: key 'redaction.extra_flags' defined twice
[ui]\ntheme = frappe|config.toml:2: invalid value
[redaction\n|config.toml:1: expected ']'
[rollback]\nmax_sessions = -1|'rollback.max_sessions' must not be negative
x = """multi"""|multi-line strings are not supported
[redaction]\nextra_headers = [1]|must be an array of strings
EOF
}

test_unknown_keys_warn_and_run() {
	mkdir -p "$T/w" && cd "$T/w"
	CFG '[ui]
them = "x"
[future]
thing = 1'
	run "$NONO" run --allow . -- /bin/true
	expect_rc 0
	expect_err "config.toml:2: unknown key 'ui.them' ignored"
	expect_err "config.toml:4: unknown key 'future.thing' ignored"
	run "$NONO" -s run --allow . -- /bin/true
	[ -z "$ERR" ] || fail "--silent printed: $ERR"
}

run_tests
