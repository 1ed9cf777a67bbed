#!/usr/bin/env bash
# The network proxy (spec/proxy.md): proxy mode makes the proxy the only
# way out (Landlock + the supervisor allow a loopback connect to its port
# and nothing else), the proxy lets through only allow-listed hosts,
# never cloud metadata, checks its credential, chains through an upstream
# proxy, and every decision lands in the audit trail.
. "$(dirname "$0")/lib.sh"

FIX=$ROOT/tests/integration/http_fixture.py

free_port() {
	local p
	for p in $(shuf -i 20000-60000 -n 50); do
		if ! ss -Htan "sport = :$p" | grep -q .; then
			echo "$p"; return 0
		fi
	done
	return 1
}

# fixture KIND PORT LOG [ARG]: a test server (60 s at most)
fixture() {
	timeout 60 /usr/bin/python3 "$FIX" "$@" >/dev/null 2>&1 &
	local i
	for i in $(seq 50); do
		grep -q ready "$3" 2>/dev/null && return 0
		sleep 0.1
	done
	fail "fixture $1 did not start"
}

origin() { OP=$(free_port); OLOG=$O/origin.log; fixture origin "$OP" "$OLOG"; }

# pcurl NONO-FLAGS... -- CURL-ARGS...: curl in the sandbox, through the
# proxy named by HTTP_PROXY
pcurl() {
	local flags=()
	while [ "$1" != -- ]; do flags+=("$1"); shift; done
	shift
	nrun --allow "$W" "${flags[@]}" -- /bin/sh -c \
		'exec curl -sS -m 20 --noproxy "" -x "$HTTP_PROXY" "$@"' sh "$@"
}

# the status curl got: pcurl ... -o /dev/null -w '%{http_code}'
code_of() { pcurl "$@" -o /dev/null -w '%{http_code}'; }

test_allow_listed_host_reached_both_ways() {
	sb_setup
	origin
	pcurl --allow-domain 127.0.0.1 -- -H "Host: evil.example" "http://127.0.0.1:$OP/plain"
	[ "$RC" = 0 ] && [ "$OUT" = "hello /plain" ] || fail "forward: $OUT $ERR"
	pcurl --allow-domain 127.0.0.1 -- -p "http://127.0.0.1:$OP/tunnel"
	[ "$RC" = 0 ] && [ "$OUT" = "hello /tunnel" ] || fail "CONNECT: $OUT $ERR"
	# what reached the origin: origin-form, no proxy credential
	grep -qx "GET /plain" "$OLOG" || fail "origin saw: $(cat "$OLOG")"
	! grep -qi "proxy-authorization" "$OLOG" || fail "credential forwarded"
	grep -qix "H: connection: close" "$OLOG" || fail "no Connection: close"
	# Host is the target's, whatever the program sent (no domain fronting)
	grep -qx "H: Host: 127.0.0.1:$OP" "$OLOG" && ! grep -qi "evil" "$OLOG" ||
		fail "Host forwarded: $(cat "$OLOG")"
}

test_unlisted_metadata_and_link_local_refused() {
	sb_setup
	origin
	# a network profile without the host: 403, nothing reaches it
	code_of --network-profile minimal -- "http://127.0.0.1:$OP/x"
	[ "$OUT" = 403 ] || fail "unlisted forward: $OUT"
	code_of --network-profile minimal -- -p "http://127.0.0.1:$OP/x"
	[ "$OUT" = 000 ] && grep -q 403 <<<"$ERR" || fail "unlisted CONNECT: $OUT $ERR"
	# cloud metadata, even when allow-listed by name
	code_of --allow-domain 169.254.169.254 --allow-domain metadata.google.internal \
		-- http://169.254.169.254/latest/meta-data/
	[ "$OUT" = 403 ] || fail "metadata IP: $OUT"
	code_of --allow-domain metadata.google.internal -- -p https://metadata.google.internal/
	grep -q 403 <<<"$ERR" || fail "metadata name: $OUT $ERR"
	# a link-local address, even when allow-listed
	code_of --allow-domain 169.254.7.7 -- http://169.254.7.7/
	[ "$OUT" = 403 ] || fail "link-local: $OUT"
	! grep -q "GET" "$OLOG" || fail "origin was reached: $(cat "$OLOG")"
}

test_proxy_is_the_only_way_out() {
	sb_setup
	origin
	local own port
	own=$(hostname -I | awk '{print $1}')
	port=$(free_port)
	# direct TCP to the origin: denied (only the proxy port is open)
	probe --allow "$W" --allow-domain 127.0.0.1 -- tcp 127.0.0.1 "$OP"
	expect_denied
	# the proxy's port on a non-loopback address: denied
	if [ -n "$own" ]; then
		probe --allow "$W" --allow-domain 127.0.0.1 --proxy-port "$port" \
			-- tcp "$own" "$port"
		expect_denied
	fi
	# ... also when a racing thread rewrites the address after the
	# supervisor's check (the supervisor connects on its own copy)
	if [ -n "$own" ]; then
		fixture origin "$port" "$O/own.log" "$own"
		probe --allow "$W" --allow-domain 127.0.0.1 --proxy-port "$port" \
			-- race-connect "$own" "$port" 3
		expect_denied
		! grep -q GET "$O/own.log" || fail "the race reached $own"
	fi
	# the proxy's port on another loopback address: denied (the proxy
	# is on 127.0.0.1 only)
	fixture origin "$port" "$O/lo2.log" 127.0.0.2
	probe --allow "$W" --allow-domain 127.0.0.1 --proxy-port "$port" \
		-- tcp 127.0.0.2 "$port"
	expect_denied
	# UDP, Fast Open and MPTCP stay closed in proxy mode
	for op in udp tfo mptcp; do
		probe --allow "$W" --allow-domain 127.0.0.1 -- $op 127.0.0.1 "$OP"
		expect_denied
	done
	# and the proxy port itself on loopback works
	probe --allow "$W" --allow-domain 127.0.0.1 --proxy-port "$port" \
		-- tcp 127.0.0.1 "$port"
	expect_ok
	! grep -q "GET" "$OLOG" || fail "origin reached directly"
}

test_proxy_credential_and_limits() {
	sb_setup
	origin
	local port; port=$(free_port)
	# a wrong or missing credential: 407 (stricter than the original,
	# which lets a plain CONNECT without one through: any local user
	# could then use the session's proxy)
	nrun --allow "$W" --allow-domain 127.0.0.1 --proxy-port "$port" -- \
		curl -sS -m 20 --noproxy "" -x "http://nono:wrong@127.0.0.1:$port" \
		-o /dev/null -w '%{http_code}' "http://127.0.0.1:$OP/a"
	[ "$OUT" = 407 ] || fail "wrong credential: $OUT $ERR"
	nrun --allow "$W" --allow-domain 127.0.0.1 --proxy-port "$port" -- \
		curl -sS -m 20 --noproxy "" -x "http://127.0.0.1:$port" \
		-o /dev/null -w '%{http_code}' "http://127.0.0.1:$OP/b"
	[ "$OUT" = 407 ] || fail "no credential: $OUT $ERR"
	# a head over 64 KiB: 431
	code_of --allow-domain 127.0.0.1 -- -H "X-Big: $(head -c 70000 /dev/zero | tr '\0' a)" \
		"http://127.0.0.1:$OP/c"
	[ "$OUT" = 431 ] || fail "large head: $OUT"
	! grep -q "GET /[abc]" "$OLOG" || fail "origin saw: $(cat "$OLOG")"
}

test_upstream_proxy_chaining_and_bypass() {
	sb_setup
	origin
	local up bad; up=$(free_port); bad=$(free_port)
	fixture upstream "$up" "$O/up.log"
	fixture upstream "$bad" "$O/bad.log" reject
	pcurl --allow-domain 127.0.0.1 --upstream-proxy "127.0.0.1:$up" -- \
		-p "http://127.0.0.1:$OP/chained"
	[ "$OUT" = "hello /chained" ] || fail "chained: $OUT $ERR"
	grep -qx "CONNECT 127.0.0.1:$OP" "$O/up.log" || fail "upstream saw: $(cat "$O/up.log")"
	# bypassed hosts go direct
	pcurl --allow-domain 127.0.0.1 --upstream-proxy "127.0.0.1:$up" \
		--upstream-bypass 127.0.0.1 -- -p "http://127.0.0.1:$OP/direct"
	[ "$OUT" = "hello /direct" ] || fail "bypass: $OUT $ERR"
	[ "$(grep -c CONNECT "$O/up.log")" = 1 ] || fail "bypass went upstream"
	# a refusing upstream: 502; the host filter still applies first
	code_of --allow-domain 127.0.0.1 --upstream-proxy "127.0.0.1:$bad" -- \
		-p "http://127.0.0.1:$OP/refused"
	grep -q 502 <<<"$ERR" || fail "refusing upstream: $OUT $ERR"
	code_of --allow-domain 127.0.0.1 --upstream-proxy "127.0.0.1:$up" -- \
		-p "https://metadata.google.internal/"
	grep -q 403 <<<"$ERR" || fail "metadata via upstream: $OUT $ERR"
	# address literals are checked before chaining (the upstream would
	# resolve nothing): metadata, link-local, loopback
	for t in "[::ffff:169.254.169.254]:80" "[::ffff:a9fe:a9fe]:80" \
		 "169.254.170.2:80" "[fe80::1]:80" "[fd00:ec2::254]:80" \
		 "127.0.0.1:22" "localhost:22"; do
		code_of --upstream-proxy "127.0.0.1:$up" -- -p "http://$t/"
		grep -q 403 <<<"$ERR" || fail "$t via upstream: $OUT $ERR"
	done
	[ "$(grep -c CONNECT "$O/up.log")" = 1 ] || fail "metadata went upstream"
}

last_session() {
	as_user "$N" audit list --json | jq -r 'max_by(.started).session_id'
}

test_decisions_audited_and_verified() {
	sb_setup
	origin
	pcurl --allow-domain 127.0.0.1 -- -p "http://127.0.0.1:$OP/ok"
	[ "$OUT" = "hello /ok" ] || fail "run: $OUT $ERR"
	local id json
	id=$(last_session)
	[ -n "$id" ] && [ "$id" != null ] || fail "no session"
	json=$(as_user "$N" audit show "$id" --json)
	[ "$(jq '.network_events | length' <<<"$json")" = 1 ] || fail "events: $json"
	[ "$(jq -r '.network_events[0] | "\(.mode) \(.decision) \(.target) \(.port) \(.status)"' <<<"$json")" \
		= "connect allow 127.0.0.1 $OP 200" ] || fail "event: $json"
	grep -q '"type":"network"' "$AUDIT/$id/audit-events.ndjson" || fail "no network event in the log"
	run as_user "$N" audit verify "$id"; expect_rc 0
	# a denied request is recorded as host_denied
	code_of --network-profile minimal -- "http://127.0.0.1:$OP/no"
	id=$(last_session)
	json=$(as_user "$N" audit show "$id" --json)
	[ "$(jq -r '.network_events[0] | "\(.mode) \(.decision) \(.denial_category) \(.status) \(.path)"' <<<"$json")" \
		= "reverse deny host_denied 403 /no" ] || fail "denied event: $json"
	run as_user "$N" audit verify "$id"; expect_rc 0
}

test_proxy_stops_with_the_session() {
	sb_setup
	local port; port=$(free_port)
	nrun --allow "$W" --allow-domain example.com --proxy-port "$port" -- /bin/true
	expect_rc 0
	sleep 0.2
	! ss -Htln "sport = :$port" | grep -q . || fail "the proxy outlived nono"
	# a fixed port already taken: one clear line, nothing runs
	timeout 20 /usr/bin/python3 -c "import socket,time; s=socket.socket(); s.bind(('127.0.0.1',$port)); s.listen(); time.sleep(15)" &
	sleep 0.5
	nrun --allow "$W" --allow-domain example.com --proxy-port "$port" -- touch "$W/ran"
	expect_fail; expect_one_line_err; expect_err "bind(127.0.0.1:$port)"
	[ ! -e "$W/ran" ] || fail "ran although the proxy could not start"
	kill %1 2>/dev/null || true
}

test_proxy_flags_refused_clearly() {
	sb_setup
	local bad
	while IFS='|' read -r flags msg; do
		# shellcheck disable=SC2086
		run as_user "$N" run --allow "$W" $flags -- touch "$W/ran"
		expect_fail; expect_one_line_err; expect_err "$msg"
		[ ! -e "$W/ran" ] || fail "ran with $flags"
	done <<EOF
--block-net --network-profile minimal|--block-net and --network-profile are contradictory
--block-net --allow-domain x.com|--block-net and --allow-domain are contradictory
--proxy-port 4000|--proxy-port has no effect without a proxy-mode flag
--allow-domain x.com --upstream-bypass y.com|--upstream-bypass requires --upstream-proxy
--network-profile nosuch|unknown network profile 'nosuch'
--allow-domain https://x.com/v1/models|path rules need the proxy's endpoint filtering
--allow-domain bad_host!|not a host name
--allow-domain x.com --upstream-proxy noport|--upstream-proxy 'noport': expected host:port
--credential openai|not available in this build yet
EOF
	run as_user "$N" run --allow "$W" --allow-domain x.com --allow-net -- touch "$W/ran"
	expect_fail; expect_err "the argument '--allow-net' cannot be used with '--allow-domain'"
	run as_user "$N" wrap --allow "$W" --allow-domain x.com -- touch "$W/ran"
	expect_fail; expect_one_line_err; expect_err "nono wrap does not support proxy flags"
	run as_user env NONO_NETWORK_PROFILE=minimal "$N" run --allow "$W" --block-net -- touch "$W/ran"
	expect_fail; expect_err "--block-net and --network-profile are contradictory"
	[ ! -e "$W/ran" ] || fail "ran"
	# a port on a domain is dropped with a warning; dry-run shows proxy mode
	run as_user "$N" run --allow "$W" --allow-domain x.com:443 --dry-run -- /bin/true
	expect_rc 0; expect_err "the port is ignored"; expect_err "proxy"
}

run_tests
