#!/usr/bin/env bash
# nono audit list / show / cleanup (spec/cli-audit.md).
. "$(dirname "$0")/lib.sh"

mk() { "$TESTGEN" session "$@"; }

# Rewrites a session's start time (and fixes its ledger digest by
# re-recording is not possible, so only list/show use these sessions).
set_started() {
	sed -i "s/\"started\": \"[^\"]*\"/\"started\": \"$2\"/" "$AUDIT/$1/session.json"
}

test_list_groups_sorts_and_filters() {
	a=$(mk -- claude --version); b=$(mk -- my-agent run); c=$(mk -- /usr/bin/claude x)
	set_started "$a" "2026-02-01T10:00:00+00:00"
	set_started "$b" "2026-02-10T10:00:00+01:00"
	set_started "$c" "2026-02-15T23:30:00-05:00"
	run "$NONO" audit list
	expect_rc 0
	expect_err "nono 3 session(s)"
	expect_err "/home/user/project (3 sessions)"
	# newest first, by instant (c is 2026-02-16T04:30Z)
	first=$(grep -o '[0-9a-f]\{16\}' <<<"$ERR" | head -1)
	[ "$first" = "$c" ] || fail "order: $first"
	run "$NONO" audit list --json
	expect_rc 0
	printf '%s' "$OUT" > "$T/l.json"
	/usr/bin/python3 - "$T/l.json" <<'PY' || fail "json shape"
import json, sys
v = json.load(open(sys.argv[1]))
assert len(v) == 3
assert list(v[0]) == ["session_id", "started", "ended", "command", "tracked_paths",
    "snapshot_count", "exit_code", "network_event_count", "disk_size", "is_alive", "is_stale"]
assert v[0]["disk_size"] > 0 and v[0]["is_alive"] is False
PY
	run "$NONO" audit list --command CLAUDE --json; expect_rc 0
	[ "$(grep -c '"session_id"' <<<"$OUT")" = 2 ] || fail "--command"
	run "$NONO" audit list --since 2026-02-10 --until 2026-02-15 --json; expect_rc 0
	grep -q "$b" <<<"$OUT" && ! grep -q "$a" <<<"$OUT" || fail "--since/--until"
	run "$NONO" audit list --recent 1 --json; expect_rc 0
	[ "$(grep -c '"session_id"' <<<"$OUT")" = 1 ] || fail "--recent"
	run "$NONO" audit list --path /home/user/project/src --json; expect_rc 0
	[ "$(grep -c '"session_id"' <<<"$OUT")" = 3 ] || fail "--path prefix"
	run "$NONO" audit list --path /elsewhere --json; expect_rc 0
	[ "$OUT" = "[]" ] || fail "--path unrelated: $OUT"
	run "$NONO" audit list --today --json; expect_rc 0
	[ "$OUT" = "[]" ] || fail "--today"
}

test_list_bad_arguments() {
	for args in "--since 2026-13-01" "--until yesterday" "--recent -1" "--recent" "--bogus"; do
		run "$NONO" audit list $args
		expect_rc 1; expect_one_line_err
	done
}

test_show_human_and_json() {
	export NONO_TRUST_TEST_KEYSTORE_DIR=$T/ks
	"$NONO" -s trust keygen
	id=$(mk --network 2 --sign-key default -- $'bad\e[2J\e]0;pwned\aname' arg)
	run "$NONO" audit show "$id"
	expect_rc 0
	expect_err "Session $id"
	expect_err "Audit:    integrity enabled (4 events)"
	expect_err "Signed:   "
	expect_err "Network Events: 2"
	expect_err "allow reverse api.openai.com:443 (method=POST, path=/v1/chat, status=200)"
	! grep -q $'\e' <<<"$ERR" || fail "escape sequence reached the terminal"
	! grep -q pwned <<<"$ERR" || fail "OSC title not removed"
	run "$NONO" audit show "$id" --json
	expect_rc 0
	printf '%s' "$OUT" > "$T/s.json"
	/usr/bin/python3 - "$T/s.json" <<'PY' || fail "json shape"
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["session_id", "started", "ended", "command", "executable_identity",
    "tracked_paths", "exit_code", "merkle_roots", "network_events",
    "command_policy_events", "audit_event_count", "audit_integrity", "snapshots",
    "audit_attestation"], list(d)
assert len(d["network_events"]) == 2 and d["audit_attestation"]["bundle_filename"]
PY
	run "$NONO" audit show; expect_rc 1; expect_one_line_err
	run "$NONO" audit show ../x; expect_rc 1; expect_one_line_err
	run "$NONO" audit show nosuchsession; expect_rc 1; expect_err "Session not found"
}

test_show_command_policy_events() {
	id=$(mk --command-policy)
	run "$NONO" audit show "$id" --json
	expect_rc 0
	printf '%s' "$OUT" > "$T/s.json"
	/usr/bin/python3 - "$T/s.json" <<'PY' || fail "command policy export"
import json, sys
d = json.load(open(sys.argv[1]))
e = d["command_policy_events"]
assert len(e) == 1, e
e = e[0]
assert list(e)[:3] == ["sequence", "leaf_hash", "chain_hash"]
assert e["command"] == "curl" and e["event_type"] == "command_policy"
assert list(e)[-1] == "event_type"
PY
}

test_cleanup_keeps_ledger_and_verification() {
	for i in 1 2 3 4 5; do mk > "$T/id.$i"; done
	set_started "$(cat "$T/id.1")" "2020-01-01T00:00:00Z"
	cp "$AUDIT/ledger.ndjson" "$T/ledger"
	run "$NONO" audit cleanup --older-than 30 --dry-run
	expect_rc 0; expect_err "Dry run: would remove 1 audit session(s)"
	[ -d "$AUDIT/$(cat "$T/id.1")" ] || fail "dry run removed"
	run "$NONO" audit cleanup --older-than 30
	expect_rc 0; expect_err "Removed 1 audit session(s)"
	[ ! -e "$AUDIT/$(cat "$T/id.1")" ] || fail "not removed"
	run "$NONO" audit cleanup --keep 2
	expect_rc 0; expect_err "Removed 2 audit session(s)"
	cmp -s "$AUDIT/ledger.ndjson" "$T/ledger" || fail "ledger changed"
	run "$NONO" audit list --json
	left=$(grep -o '"session_id": "[0-9a-f]*"' <<<"$OUT" | cut -d'"' -f4)
	[ "$(wc -w <<<"$left")" = 2 ] || fail "kept: $left"
	for id in $left; do
		run "$NONO" audit verify "$id"; expect_rc 0
	done
	run "$NONO" audit cleanup --all
	expect_rc 0
	[ -f "$AUDIT/ledger.ndjson" ] || fail "ledger removed"
	run "$NONO" audit list --json; [ "$OUT" = "[]" ] || fail "left: $OUT"
}

test_cleanup_never_follows_symlinks() {
	id=$(mk)
	mkdir -p "$T/precious" && echo keep > "$T/precious/file"
	ln -s "$T/precious" "$AUDIT/$id/link"
	run "$NONO" audit cleanup --all
	expect_rc 0
	[ -f "$T/precious/file" ] || fail "followed a symlink"
}

test_cleanup_refused_inside_sandbox_and_bad_args() {
	mk >/dev/null
	NONO_CAP_FILE=/x run "$NONO" audit cleanup --all
	expect_rc 1; expect_err "inside a nono sandbox"
	run "$NONO" audit cleanup --keep; expect_rc 1; expect_one_line_err
	run "$NONO" audit cleanup --older-than x; expect_rc 1; expect_one_line_err
	run "$NONO" audit cleanup --frobnicate; expect_rc 1; expect_one_line_err
	run "$NONO" audit list --json
	grep -q session_id <<<"$OUT" || fail "a refused cleanup removed sessions"
}

run_tests
