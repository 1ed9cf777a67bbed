#!/usr/bin/env bash
# Supervised sessions (spec/cli-run.md §3, §5): exit codes, signals, and
# the audit record of every run, finalized whatever happens to the child
# or the supervisor; concurrent runs share one ledger.
. "$(dirname "$0")/lib.sh"

# The newest session id.
last_session() { ls -t "$AUDIT" | grep -v '\.' | head -1; }

verify_last() {
	local id; id=$(last_session)
	[ -n "$id" ] || fail "no session recorded"
	run as_user "$N" audit verify "$id"
	expect_rc 0
	expect_err "VERIFIED"
	expect_err "Ledger: verified"
}

events() { jq -r '.event.type' "$AUDIT/$(last_session)/audit-events.ndjson" | tr '\n' ' '; }

test_exit_code_passes_through() {
	sb_setup
	nrun --allow "$W" -- "$P" exit 42
	expect_rc 42
	nrun --allow "$W" -- "$P" exit 0
	expect_rc 0
	verify_last
}

test_killed_child_gives_128_plus_signal_and_a_finalized_session() {
	sb_setup
	run as_user "$N" run --allow "$W" --read "$T/bin" -- "$P" selfkill 9
	expect_rc 137
	expect_err "[nono] Session stopped."
	verify_last
	[ "$(jq .exit_code "$AUDIT/$(last_session)/session.json")" = 137 ] ||
		fail "exit code not recorded"
	[ "$(events)" = "session_started sandbox_runtime session_ended " ] ||
		fail "events: $(events)"
}

test_supervisor_signals_are_forwarded_and_the_session_finalized() {
	sb_setup
	local sig code
	for sig in TERM INT HUP; do
		as_user_exec "$N" -s run --allow "$W" --read "$T/bin" -- "$P" sleep 30 &
		local sup=$!
		sleep 0.5
		kill -"$sig" "$sup"
		wait "$sup" && code=0 || code=$?
		case $sig in TERM) [ "$code" = 143 ] ;; INT) [ "$code" = 130 ] ;;
			     HUP) [ "$code" = 129 ] ;; esac ||
			fail "SIG$sig: exit $code"
		verify_last
	done
	pgrep -f "$P sleep 30" && fail "child outlived the supervisor"
	:
}

test_child_that_forks_and_exits_early() {
	sb_setup
	probe --allow "$W" -- orphan
	expect_rc 0
	verify_last
}

test_audit_events_and_session_metadata() {
	sb_setup
	mkdir -p "$O/run"; chmod 777 "$O/run"
	as_user "$P" serve-unix "$O/run/s.sock" "$O/log" 4 &
	for _ in $(seq 50); do [ -S "$O/run/s.sock" ] && break; sleep 0.1; done
	probe --allow "$W" -- unix "$O/run/s.sock"; expect_denied
	local id; id=$(last_session)
	local ev=$AUDIT/$id/audit-events.ndjson
	[ "$(events)" = "session_started sandbox_runtime capability_decision session_ended " ] ||
		fail "events: $(events)"
	[ "$(jq -r 'select(.event.type=="capability_decision") | .event.entry.request.path' "$ev")" = "$O/run/s.sock" ] ||
		fail "decision path"
	[ "$(jq -r 'select(.event.type=="capability_decision") | .event.entry.decision.Denied.reason' "$ev")" = \
	  "no unix-socket grant covers this path" ] || fail "decision not denied"
	jq -r 'select(.event.type=="sandbox_runtime") | .event.event.landlock_abi' "$ev" |
		grep -q '^V[1-9]$' || fail "no Landlock ABI recorded"
	local s=$AUDIT/$id/session.json
	[ "$(jq -r '.command[0]' "$s")" = "$P" ] || fail "command"
	[ "$(jq -r '.executable_identity.resolved_path' "$s")" = "$P" ] || fail "exe"
	[ "$(jq -r '.executable_identity.sha256' "$s")" = "$(sha256sum "$P" | cut -d' ' -f1)" ] ||
		fail "exe hash"
	[ "$(jq -r '.tracked_paths[0]' "$s")" = "$W" ] || fail "tracked"
	verify_last
	wait
}

test_secrets_in_arguments_are_redacted() {
	sb_setup
	nrun --allow "$W" -- /bin/echo --token hunter2 "Authorization: Bearer abc"
	expect_rc 0
	grep -rq hunter2 "$AUDIT" && fail "secret recorded"
	grep -q '\[REDACTED\]' "$AUDIT/$(last_session)/session.json" || fail "no marker"
	verify_last
}

test_no_audit_records_nothing() {
	sb_setup
	nrun --no-audit --allow "$W" -- /bin/true
	expect_rc 0
	[ ! -d "$AUDIT" ] || [ -z "$(ls -A "$AUDIT" | grep -v '\.')" ] ||
		fail "a session was recorded"
}

test_twenty_concurrent_sessions_share_one_ledger() {
	sb_setup
	local i pids=()
	for i in $(seq 20); do
		as_user_exec "$N" -s run --allow "$W" --read "$T/bin" -- "$P" exit "$i" &
		pids+=($!)
	done
	for i in "${!pids[@]}"; do
		wait "${pids[$i]}" && code=0 || code=$?
		[ "$code" = $((i + 1)) ] || fail "run $((i + 1)) exited $code"
	done
	[ "$(wc -l < "$AUDIT/ledger.ndjson")" = 20 ] || fail "ledger lines"
	for id in $(ls "$AUDIT" | grep -v '\.'); do
		run as_user "$N" audit verify "$id"
		expect_rc 0
	done
	[ "$(ls "$AUDIT" | grep -vc '\.')" = 20 ] || fail "sessions"
}

test_signed_session_verifies_offline_with_the_public_key() {
	sb_setup
	export NONO_TRUST_TEST_KEYSTORE_DIR=$HOME/keys
	as_user "$N" -s trust keygen
	as_user "$N" trust export-key > "$T/pub.b64"
	nrun --audit-sign-key default --allow "$W" -- /bin/true
	expect_rc 0
	local id; id=$(last_session)
	[ -f "$AUDIT/$id/audit-attestation.bundle" ] || fail "no bundle"
	run as_user "$N" audit verify "$id" --public-key-file "$T/pub.b64"
	expect_rc 0
	expect_err "Signed: verified"
	expect_err "Pubkey: matched"
	# a missing key fails before anything runs
	nrun --audit-sign-key nosuchkey --allow "$W" -- "$P" create "$W/ran"
	expect_rc 1
	[ ! -e "$W/ran" ] || fail "the command ran without its signing key"
}

test_startup_timeout_kills_a_silent_program() {
	sb_setup
	run as_user "$N" run --startup-timeout 1 --allow "$W" --read "$T/bin" -- "$P" sleep 20
	expect_rc 137
	expect_err "has not become interactive after 1 seconds."
	verify_last
	# a program that prints is interactive
	nrun --startup-timeout 1 --allow "$W" -- /bin/sh -c 'echo hello; sleep 2'
	expect_rc 0
	expect_out hello
}

run_tests
