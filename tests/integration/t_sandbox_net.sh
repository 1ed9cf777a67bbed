#!/usr/bin/env bash
# Network enforcement (spec/enforcement.md §2.3, §3): --block-net blocks
# TCP and UDP (and the TCP Fast Open / MPTCP holes Landlock leaves),
# --open-port opens loopback ports only. Loopback listeners only.
. "$(dirname "$0")/lib.sh"

# Free loopback ports for this test run (bounded search).
free_port() {
	local p
	for p in $(shuf -i 20000-60000 -n 50); do
		if ! ss -Htan "sport = :$p" | grep -q . &&
		   ! ss -Huan "sport = :$p" | grep -q .; then
			echo "$p"; return 0
		fi
	done
	return 1
}

serve() { # serve tcp|udp PORT: a listener logging to $O/<kind>.log
	as_user "$P" "serve-$1" "$2" "$O/$1.log" 8 &
	local i
	for i in $(seq 50); do
		grep -q ready "$O/$1.log" 2>/dev/null && return 0
		sleep 0.1
	done
	fail "listener did not start"
}

count() { grep -c "$2" "$O/$1.log" || true; }

test_network_allowed_by_default() {
	sb_setup
	local port; port=$(free_port)
	serve tcp "$port"
	probe --allow "$W" -- tcp 127.0.0.1 "$port"; expect_ok
	sleep 0.3
	[ "$(count tcp connection)" = 1 ] || fail "connection not seen"
}

test_block_net_blocks_tcp_and_udp() {
	sb_setup
	local tp up; tp=$(free_port); up=$(free_port)
	serve tcp "$tp"
	serve udp "$up"
	probe --block-net --allow "$W" -- tcp 127.0.0.1 "$tp"; expect_denied
	probe --block-net --allow "$W" -- udp 127.0.0.1 "$up"; expect_denied
	probe --block-net --allow "$W" -- tcp-bind 127.0.0.1 0; expect_denied
	probe --block-net --allow "$W" -- raw; expect_denied
	probe --block-net --allow "$W" -- packet; expect_denied
	# the env form does the same
	NONO_BLOCK_NET=true probe --allow "$W" -- tcp 127.0.0.1 "$tp"
	expect_denied
	sleep 0.3
	[ "$(count tcp connection)" = 0 ] || fail "a TCP connection got through"
	[ "$(count udp datagram)" = 0 ] || fail "a UDP datagram got through"
}

test_tcp_fast_open_and_mptcp_closed() {
	sb_setup
	local port; port=$(free_port)
	serve tcp "$port"
	# control: with Landlock's TCP rules alone, both connect anyway
	run as_user "$P" landlock-net -- tcp 127.0.0.1 "$port"; expect_denied
	run as_user "$P" landlock-net -- tfo 127.0.0.1 "$port"; expect_ok
	run as_user "$P" landlock-net -- mptcp 127.0.0.1 "$port"; expect_ok
	sleep 0.3
	[ "$(count tcp connection)" = 2 ] || fail "control: expected 2 connections"
	# nono: blocked, and with TCP sockets allowed (open port) too
	for flags in "--block-net" "--block-net --open-port $((port + 1))"; do
		probe $flags --allow "$W" -- tfo 127.0.0.1 "$port"; expect_denied
		probe $flags --allow "$W" -- mptcp 127.0.0.1 "$port"; expect_denied
	done
	# Landlock-handled TCP in the allow-all mode (--allow-connect-port)
	probe --allow-connect-port "$((port + 1))" --allow "$W" -- tfo 127.0.0.1 "$port"
	expect_denied
	probe --allow-connect-port "$((port + 1))" --allow "$W" -- mptcp 127.0.0.1 "$port"
	expect_denied
	sleep 0.3
	[ "$(count tcp connection)" = 2 ] || fail "a bypass got through"
}

test_open_port_is_loopback_only() {
	sb_setup
	local port other; port=$(free_port); other=$(free_port)
	serve tcp "$port"
	probe --block-net --open-port "$port" --allow "$W" -- tcp 127.0.0.1 "$port"
	expect_ok
	probe --block-net --open-port "$port" --allow "$W" -- tcp 127.0.0.1 "$other"
	expect_denied
	probe --block-net --open-port "$port" --allow "$W" -- tcp 192.0.2.1 "$port"
	expect_denied
	probe --block-net --open-port "$other" --allow "$W" -- tcp-bind 127.0.0.1 "$other"
	expect_ok
	probe --block-net --open-port "$other" --allow "$W" -- tcp-bind 0.0.0.0 "$other"
	expect_denied
	probe --block-net --open-port "$port" --allow "$W" -- udp 127.0.0.1 "$port"
	expect_denied
	sleep 0.3
	[ "$(count tcp connection)" = 1 ] || fail "expected exactly one connection"
}

test_open_port_zero_refused() {
	sb_setup
	nrun --block-net --open-port 0 --allow "$W" -- /bin/true
	expect_rc 1
	expect_err "open_port 0 (localhost TCP wildcard) is macOS-only"
}

test_wrap_blocks_network_and_unix_sockets() {
	sb_setup
	local port; port=$(free_port)
	serve tcp "$port"
	run as_user "$N" -s wrap --block-net --allow "$W" --read "$T/bin" -- "$P" tcp 127.0.0.1 "$port"
	expect_denied
	run as_user "$N" -s wrap --allow "$W" --read "$T/bin" -- "$P" unix /run/whatever.sock
	expect_denied
	run as_user "$N" -s wrap --allow "$W" --read "$T/bin" -- "$P" tcp 127.0.0.1 "$port"
	expect_ok
	run as_user "$N" -s wrap --allow "$W" --allow-unix-socket /dev/null --read "$T/bin" -- /bin/true
	expect_rc 1
	expect_err "use \`nono run\` instead of \`nono wrap\`"
}

run_tests
