#!/usr/bin/env bash
# Processes, terminals and IPC (spec/enforcement.md §3-§4): the supervisor
# and everything outside the sandbox are out of reach, and each hole of
# reference/kernel-notes.md is closed. Where a hole is a kernel property,
# a control run without nono shows that it exists here.
. "$(dirname "$0")/lib.sh"

test_supervisor_proc_entries_ptrace_signals_perf_denied() {
	sb_setup
	for op in "read-parent environ" "read-parent maps" "read-parent auxv" \
		  "read-parent mem" ptrace-parent kill-parent perf-parent; do
		probe --allow "$W" -- $op; expect_denied
	done
}

test_other_processes_environ_denied_even_for_root() {
	sb_setup
	as_user sleep 30 & local victim=$!
	sleep 0.1
	# control: under Landlock alone, root reads it (an unprivileged
	# process is already refused by the kernel)
	if [ "$SB_USER" = root ]; then
		run "$P" landlock-net -- read-proc "$victim" environ
		expect_ok
	fi
	probe --allow "$W" -- read-proc "$victim" environ; expect_denied
	probe --allow "$W" -- read-proc "$victim" maps; expect_denied
	kill "$victim"
}

test_capabilities_dropped_and_no_new_privs() {
	sb_setup
	probe --allow "$W" -- status
	expect_out "CapEff:	0000000000000000"
	expect_out "CapPrm:	0000000000000000"
	expect_out "CapAmb:	0000000000000000"
	expect_out "NoNewPrivs:	1"
	if [ "$SB_USER" = root ]; then
		expect_out "CapBnd:	0000000000000000"
		# control: root outside the sandbox has them
		run "$P" status
		grep -q "CapEff:	0000000000000000" <<<"$OUT" &&
			fail "control: root has no capabilities here?"
	fi
	:
}

test_signals_to_outside_processes_denied() {
	sb_setup
	sleep 30 & local victim=$!
	probe --allow "$W" -- kill "$victim" 0; expect_denied
	probe --allow "$W" -- kill "$victim" 9; expect_denied
	kill -0 "$victim" || fail "victim died"
	kill "$victim"
	# control: the same probe outside nono may signal it
	sleep 30 & victim=$!
	run as_user "$P" kill "$victim" 0
	[ "$SB_USER" != root ] || expect_ok
	kill "$victim"
}

test_tiocsti_injection_denied() {
	sb_setup
	# control: with a terminal, TIOCSTI works outside the sandbox here
	run script -qec "$P tiocsti" /dev/null
	grep -q 'ok' <<<"$OUT" || fail "control: TIOCSTI unavailable ($OUT)"
	run script -qec "$(printf '%q ' setpriv --reuid="$SB_UID" --regid="$SB_UID" --clear-groups "$N" -s run --allow "$W" --read "$T/bin" -- "$P" tiocsti)" /dev/null
	grep -q 'denied EPERM' <<<"$OUT" || fail "TIOCSTI not denied: $OUT"
	run script -qec "$(printf '%q ' setpriv --reuid="$SB_UID" --regid="$SB_UID" --clear-groups "$N" -s run --allow "$W" --read "$T/bin" -- "$P" tiocsti-high)" /dev/null
	grep -q 'denied EPERM' <<<"$OUT" || fail "TIOCSTI (high bits) not denied: $OUT"
	# without a terminal too (the ioctl is filtered, not just absent)
	probe --allow "$W" -- tiocsti; expect_denied
}

test_io_uring_keyctl_denied() {
	sb_setup
	run as_user "$P" io_uring
	[ "$OUT" = ok ] || [ "$SB_USER" != root ] ||
		fail "control: io_uring unavailable ($OUT)"
	probe --allow "$W" -- io_uring; expect_denied
	probe --allow "$W" -- keyctl; expect_denied
}

test_no_descriptor_leaks_into_the_sandbox() {
	sb_setup
	exec 7<"$O/secret.txt"
	probe --allow "$W" -- fds
	exec 7<&-
	expect_rc 0
	[ -z "$OUT" ] || fail "descriptors above 2 in the sandbox: $OUT"
}

test_abstract_unix_socket_outside_denied() {
	sb_setup
	/usr/bin/python3 -c '
import socket, time
s = socket.socket(socket.AF_UNIX)
s.bind("\0nono-it-abstract-'$$'")
s.listen(4)
time.sleep(5)' &
	local srv=$!
	sleep 0.3
	run as_user "$P" abstract "nono-it-abstract-$$"; expect_ok
	probe --allow "$W" -- abstract "nono-it-abstract-$$"; expect_denied
	kill "$srv"
}

test_pathname_unix_socket_needs_a_grant() {
	sb_setup
	mkdir -p "$O/run"; chmod 777 "$O/run"
	as_user "$P" serve-unix "$O/run/host.sock" "$O/srv.log" 6 &
	local srv=$!
	for _ in $(seq 50); do [ -S "$O/run/host.sock" ] && break; sleep 0.1; done
	# a host socket outside grants: denied, even with the directory
	# readable and writable as files
	probe --allow "$W" -- unix "$O/run/host.sock"; expect_denied
	probe --allow "$W" --allow "$O/run" -- unix "$O/run/host.sock"
	expect_denied
	probe --allow "$W" -- unix-dgram "$O/run/host.sock"; expect_denied
	# through a symlink in the workspace: still the same socket
	ln -s "$O/run/host.sock" "$W/alias.sock"
	probe --allow "$W" -- unix "$W/alias.sock"; expect_denied
	# granted: the file, or its directory
	probe --allow "$W" --allow-unix-socket "$O/run/host.sock" -- unix "$O/run/host.sock"
	expect_ok
	probe --allow "$W" --allow-unix-socket-dir "$O/run" -- unix "$O/run/host.sock"
	expect_ok
	probe --allow "$W" --allow-unix-socket "$O/run/host.sock" -- unix "$W/alias.sock"
	expect_ok
	wait "$srv"
	[ "$(grep -c connection "$O/srv.log")" = 3 ] ||
		fail "expected exactly the 3 granted connections: $(cat "$O/srv.log")"
}

test_orphans_do_not_outlive_the_session() {
	sb_setup
	probe --allow "$W" -- orphan
	expect_rc 0
	local pid=$OUT
	[ -n "$pid" ] || fail "no pid"
	sleep 0.2
	if kill -0 "$pid" 2>/dev/null; then
		kill -9 "$pid"
		fail "orphan $pid outlived the session"
	fi
	# control: outside nono the same grandchild survives
	run as_user "$P" orphan
	pid=$OUT
	sleep 0.2
	kill -0 "$pid" 2>/dev/null || fail "control: orphan did not survive"
	kill -9 "$pid"
}

test_secrets_and_loader_variables_absent_from_the_child() {
	sb_setup
	export AWS_SECRET_ACCESS_KEY=aws-s3cr3t GITHUB_TOKEN=ghp_s3cr3t \
	       OPENAI_API_KEY=sk-s3cr3t DB_PASSWORD=pw LD_PRELOAD= \
	       BASH_ENV=/x NODE_OPTIONS=--require=/x KEEP_ME=visible
	nrun --allow "$W" -- /usr/bin/env
	expect_rc 0
	for v in AWS_SECRET_ACCESS_KEY GITHUB_TOKEN OPENAI_API_KEY DB_PASSWORD \
		 LD_PRELOAD BASH_ENV NODE_OPTIONS; do
		grep -q "^$v=" <<<"$OUT" && fail "$v reached the child"
	done
	grep -q 's3cr3t' <<<"$OUT" && fail "a secret value reached the child"
	expect_out "KEEP_ME=visible"
	expect_out "HOME=$HOME"
	expect_out "NONO_CAP_FILE="
	unset AWS_SECRET_ACCESS_KEY GITHUB_TOKEN OPENAI_API_KEY DB_PASSWORD \
	      LD_PRELOAD BASH_ENV NODE_OPTIONS KEEP_ME
}

test_why_self_inside_the_sandbox() {
	sb_setup
	nrun --allow "$W" -- "$N" why --self --json --path "$W/x" --op write
	expect_rc 0
	expect_out '"status": "allowed"'
	expect_out "\"granted_path\": \"$W\""
	nrun --allow "$W" -- "$N" why --self --json --path "$O/secret.txt"
	expect_out '"reason": "path_not_granted"'
	run as_user "$N" why --self --json --path /etc
	expect_out '"status": "not_sandboxed"'
}

run_tests
