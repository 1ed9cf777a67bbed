#!/usr/bin/env bash
# nono audit verify against real sessions recorded through the recorder
# (spec/verify.md). Every tampering must be detected, with one line on
# stderr and exit 1, and verification must never modify the audit root.
. "$(dirname "$0")/lib.sh"

mk() { "$TESTGEN" session "$@"; }

test_verifies_a_recorded_session() {
	id=$(mk --events 6 --network 2 -- curl --token abc https://u:p@h/?key=1)
	run "$NONO" audit verify "$id"
	expect_rc 0
	expect_err "Audit integrity for session $id VERIFIED"
	expect_err "Ledger: verified (entries=1"
	[ -z "$OUT" ] || fail "human output must go to stderr"
	run "$NONO" audit verify "$id" --json
	expect_rc 0
	printf '%s' "$OUT" > "$T/out.json"
	python3 - "$T/out.json" <<'PY' || fail "json shape"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["verified"] is True
s, l, a = d["session"], d["ledger"], d["attestation"]
assert list(s) == ["hash_algorithm", "merkle_scheme", "event_count",
    "computed_chain_head", "computed_merkle_root", "stored_event_count",
    "stored_chain_head", "stored_merkle_root", "event_count_matches",
    "records_verified"], list(s)
assert s["event_count"] == 6 and s["computed_chain_head"] == s["stored_chain_head"]
assert list(l) == ["hash_algorithm", "entry_count", "session_digest",
    "session_found", "session_digest_matches", "ledger_chain_verified",
    "ledger_head"]
assert l["session_found"] and l["session_digest_matches"] and l["ledger_chain_verified"]
assert a["present"] is False and a["verification_error"] is None
assert list(d) == ["session", "ledger", "attestation", "verified"]
PY
}

test_global_flags_after_subcommand_and_silent() {
	id=$(mk --events 3)
	run "$NONO" audit verify "$id" --silent
	expect_rc 0
	[ -z "$ERR$OUT" ] || fail "--silent printed: $ERR$OUT"
	run "$NONO" -s audit verify "$id" --json
	expect_rc 0
	expect_out '"verified": true'
}

test_no_colour_when_not_a_terminal() {
	id=$(mk --events 3)
	run "$NONO" audit verify "$id"
	! grep -q $'\033' <<<"$ERR" || fail "ANSI escape in non-tty output"
}

test_without_integrity_summary() {
	id=$(mk --events 4 --no-integrity)
	run "$NONO" audit verify "$id" --json
	expect_rc 0
	expect_out '"stored_event_count": null'
	# truncating the log is still caught (audit_event_count)
	f=$AUDIT/$id/audit-events.ndjson
	head -n 3 "$f" > "$f.t" && mv "$f.t" "$f"
	run "$NONO" audit verify "$id"
	expect_rc 1
	expect_err "Events: 3 (session.json records 4)"
	expect_err "nono: Snapshot error: Audit integrity verification failed"
}

# Flips one bit of every byte of a file in turn and runs verify on each:
# it must fail with one line on stderr. The file is restored afterwards.
flip_each_byte() {
	python3 - "$1" "$NONO" "$2" <<'PY' || fail "a single-byte change was not detected"
import subprocess, sys
path, nono, sid = sys.argv[1], sys.argv[2], sys.argv[3]
orig = open(path, "rb").read()
bad = []
try:
    for i in range(len(orig)):
        b = bytearray(orig)
        b[i] ^= 1
        open(path, "wb").write(b)
        r = subprocess.run([nono, "audit", "verify", sid], capture_output=True)
        lines = [l for l in r.stderr.decode("utf-8", "replace").splitlines() if l]
        if r.returncode != 1:
            bad.append(i)
finally:
    open(path, "wb").write(orig)
if bad:
    print("undetected changes at bytes", bad[:20], file=sys.stderr)
    sys.exit(1)
PY
}

test_every_byte_of_the_event_log_matters() {
	id=$(mk --events 2)
	flip_each_byte "$AUDIT/$id/audit-events.ndjson" "$id"
	run "$NONO" audit verify "$id"
	expect_rc 0
}

test_every_byte_of_the_ledger_matters() {
	mk --events 2 >/dev/null
	id=$(mk --events 2)
	flip_each_byte "$AUDIT/ledger.ndjson" "$id"
}

test_every_value_of_session_json_matters() {
	id=$(mk --events 3 --network 1 -- /bin/echo hi)
	f=$AUDIT/$id/session.json
	cp "$f" "$T/orig"
	n=$(python3 - "$f" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
def walk(v, path):
    if isinstance(v, dict):
        for k in v: yield from walk(v[k], path + [k])
    elif isinstance(v, list):
        for i, x in enumerate(v): yield from walk(x, path + [i])
    else:
        yield path
print(len(list(walk(doc, []))))
PY
)
	[ "$n" -gt 20 ] || fail "only $n values"
	for ((k = 0; k < n; k++)); do
		python3 - "$T/orig" "$f" "$k" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
target = int(sys.argv[3])
def walk(v, path):
    if isinstance(v, dict):
        for k in v: yield from walk(v[k], path + [k])
    elif isinstance(v, list):
        for i, x in enumerate(v): yield from walk(x, path + [i])
    else:
        yield path
path = list(walk(doc, []))[target]
parent = doc
for p in path[:-1]: parent = parent[p]
old = parent[path[-1]]
if isinstance(old, bool): new = not old
elif isinstance(old, int): new = old + 1
elif isinstance(old, str): new = old[:-1] + ("0" if old[-1:] != "0" else "1") if old else "x"
else: new = "x"
parent[path[-1]] = new
open(sys.argv[2], "w").write(json.dumps(doc, indent=2, ensure_ascii=False))
PY
		run "$NONO" audit verify "$id"
		[ "$RC" = 1 ] || { fail "value $k changed, verify exit $RC"; return 1; }
	done
	cp "$T/orig" "$f"
	run "$NONO" audit verify "$id"
	expect_rc 0
}

test_session_json_renamed_or_unknown_keys_rejected() {
	id=$(mk --events 3)
	f=$AUDIT/$id/session.json
	sed -i 's/"started":/"startd":/' "$f"
	run "$NONO" audit verify "$id"
	expect_rc 1
	expect_one_line_err
	expect_err "unknown key"
	sed -i 's/"startd":/"started":/; s/"merkle_roots":/"extra": 1, "merkle_roots":/' "$f"
	run "$NONO" audit verify "$id"
	expect_rc 1
	expect_err "unknown key"
	sed -i 's/"extra": 1, //' "$f"
	run "$NONO" audit verify "$id"
	expect_rc 0
}

test_uppercase_hex_rejected() {
	id=$(mk --events 3)
	f=$AUDIT/$id/audit-events.ndjson
	python3 - "$f" <<'PY'
import re, sys
s = open(sys.argv[1]).read()
s = re.sub(r'"leaf_hash":"([0-9a-f]{64})"', lambda m: '"leaf_hash":"%s"' % m.group(1).upper(), s, count=1)
open(sys.argv[1], "w").write(s)
PY
	run "$NONO" audit verify "$id"
	expect_rc 1
	expect_one_line_err
	expect_err "leaf hash mismatch at line 1"
}

test_truncated_reordered_duplicated_appended() {
	id=$(mk --events 5)
	f=$AUDIT/$id/audit-events.ndjson
	cp "$f" "$T/orig"
	head -n 4 "$T/orig" > "$f"
	run "$NONO" audit verify "$id"; expect_rc 1; expect_err "chain head mismatch"
	head -c -5 "$T/orig" > "$f"
	run "$NONO" audit verify "$id"; expect_rc 1; expect_err "incomplete line"
	{ sed -n 2p "$T/orig"; sed -n 1p "$T/orig"; sed -n '3,$p' "$T/orig"; } > "$f"
	run "$NONO" audit verify "$id"; expect_rc 1; expect_err "sequence mismatch at line 1: expected 0, got 1"
	{ sed -n 1p "$T/orig"; cat "$T/orig"; } > "$f"
	run "$NONO" audit verify "$id"; expect_rc 1; expect_err "sequence mismatch at line 2"
	{ cat "$T/orig"; sed -n 5p "$T/orig"; } > "$f"
	run "$NONO" audit verify "$id"; expect_rc 1; expect_err "sequence mismatch at line 6"
	{ cat "$T/orig"; echo; } > "$f"
	run "$NONO" audit verify "$id"; expect_rc 1; expect_err "line 6 is empty"
	sed 's/$/\r/' "$T/orig" > "$f"
	run "$NONO" audit verify "$id"; expect_rc 1; expect_one_line_err
	printf '\0' | dd of="$f" bs=1 seek=20 conv=notrunc status=none
	run "$NONO" audit verify "$id"; expect_rc 1; expect_one_line_err
	cp "$T/orig" "$f"
	run "$NONO" audit verify "$id"; expect_rc 0
}

test_invalid_utf8_and_bad_hash_lengths() {
	id=$(mk --events 3)
	f=$AUDIT/$id/audit-events.ndjson
	cp "$f" "$T/orig"
	python3 - "$f" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
assert b'"/home/user/project/src/file1.c"' in b
b = b.replace(b'"/home/user/project/src/file1.c"', b'"/home/user/\xffproject/src/file1.c"', 1)
open(sys.argv[1], "wb").write(b)
PY
	run "$NONO" audit verify "$id"; expect_rc 1; expect_one_line_err
	cp "$T/orig" "$f"
	sed -i '1s/"leaf_hash":"\([0-9a-f]\{62\}\)[0-9a-f][0-9a-f]"/"leaf_hash":"\1"/' "$f"
	run "$NONO" audit verify "$id"; expect_rc 1; expect_one_line_err
	expect_err "Failed to parse audit event record"
	cp "$T/orig" "$f"
	sed -i '2s/"prev_chain":"[0-9a-f]\{64\}"/"prev_chain":"zz"/' "$f"
	run "$NONO" audit verify "$id"; expect_rc 1; expect_one_line_err
}

test_four_mib_line_verifies_longer_rejected() {
	# a command argument near ARG_MAX: the record carries it twice
	id=$(mk --events 2 --arg-bytes 2096800)
	f=$AUDIT/$id/audit-events.ndjson
	len=$(head -n 1 "$f" | wc -c)
	[ "$len" -gt 4100000 ] && [ "$len" -le 4194305 ] || fail "first line is $len bytes"
	run "$NONO" audit verify "$id"
	expect_rc 0
	# the recorder refuses a line over the limit: the session fails early
	run "$TESTGEN" session --events 2 --arg-bytes 2097500
	expect_rc 1
	expect_err "line would exceed the 4194304-byte limit"
	# and a longer line on disk is rejected, naming the limit
	python3 - "$f" <<'PY'
import sys
b = open(sys.argv[1], "rb").read().split(b"\n")
b[0] = b[0] + b" " * (4194305 - len(b[0]))
open(sys.argv[1], "wb").write(b"\n".join(b))
PY
	for th in 1 2; do
		NONO_VERIFY_THREADS=$th run "$NONO" audit verify "$id"
		expect_rc 1; expect_one_line_err
		expect_err "exceeds the line limit of 4194304 bytes (4 MiB)"
	done
}

test_session_id_traversal_rejected() {
	id=$(mk --events 2)
	mkdir -p "$T/outside/x" && cp -r "$AUDIT/$id/." "$T/outside/x/"
	before=$(tree_sum "$XDG_STATE_HOME")
	long=$(printf 'a%.0s' $(seq 65))
	for bad in "../x" "/abs" "$long" "a.b" "a b" "a/b" "" "-" "x\$y" $'a\nb'; do
		run "$NONO" audit verify "$bad"
		[ "$RC" = 1 ] || { fail "id '$bad' accepted"; return 1; }
		[ "$bad" = "-" ] && continue
		expect_one_line_err
		[ -n "$bad" ] && { expect_err "invalid session ID" || expect_err "requires a session ID"; }
	done
	run "$NONO" audit verify "$(printf 'a%.0s' $(seq 64))"
	expect_rc 1; expect_err "Session not found"
	[ "$before" = "$(tree_sum "$XDG_STATE_HOME")" ] || fail "audit root modified"
}

test_verify_never_modifies_the_audit_root() {
	id=$(mk --events 4)
	before=$(tree_sum "$XDG_STATE_HOME")
	run "$NONO" audit verify "$id"; expect_rc 0
	[ "$before" = "$(tree_sum "$XDG_STATE_HOME")" ] || fail "modified by a passing verify"
	sed -i '2s/"sequence":1,/"sequence":9,/' "$AUDIT/$id/audit-events.ndjson"
	before2=$(tree_sum "$XDG_STATE_HOME")
	[ "$before" != "$before2" ] || fail "tampering did not apply"
	run "$NONO" audit verify "$id"; expect_rc 1
	expect_err "sequence mismatch at line 2: expected 1, got 9"
	[ "$before2" = "$(tree_sum "$XDG_STATE_HOME")" ] || fail "modified by a failing verify"
}

test_symlinked_session_refused() {
	id=$(mk --events 2)
	mv "$AUDIT/$id" "$T/real"
	ln -s "$T/real" "$AUDIT/$id"
	run "$NONO" audit verify "$id"
	expect_rc 1; expect_one_line_err; expect_err "symlinks are refused"
	rm "$AUDIT/$id"; mv "$T/real" "$AUDIT/$id"
	ln -sf /etc/passwd "$T/pw"
	mv "$AUDIT/$id/session.json" "$T/s.json"
	ln -s "$T/s.json" "$AUDIT/$id/session.json"
	run "$NONO" audit verify "$id"
	expect_rc 1; expect_err "symlink"
}

test_session_json_from_another_session_rejected() {
	a=$(mk --events 2); b=$(mk --events 2)
	cp "$AUDIT/$a/session.json" "$AUDIT/$b/session.json"
	run "$NONO" audit verify "$b"
	expect_rc 1; expect_one_line_err; expect_err "belongs to session '$a'"
}

test_ledger_missing_or_other_session() {
	id=$(mk --events 2)
	mv "$AUDIT/ledger.ndjson" "$T/ledger"
	run "$NONO" audit verify "$id" --json
	expect_rc 1
	expect_out '"entry_count": 0'
	expect_out '"ledger_chain_verified": false'
	expect_out '"verified": false'
	expect_err "verification failed"
}

test_twenty_concurrent_sessions_share_one_ledger() {
	for i in $(seq 20); do mk --events 3 > "$T/id.$i" & done
	wait
	[ "$(wc -l < "$AUDIT/ledger.ndjson")" = 20 ] || fail "ledger has $(wc -l < "$AUDIT/ledger.ndjson") lines"
	for i in $(seq 20); do
		run "$NONO" audit verify "$(cat "$T/id.$i")"
		[ "$RC" = 0 ] || { fail "session $i: $ERR"; return 1; }
	done
}

test_torn_ledger_tail_is_repaired_by_the_next_append() {
	a=$(mk --events 2)
	printf '{"sequence":1,"prev_ch' >> "$AUDIT/ledger.ndjson"
	run "$NONO" audit verify "$a"
	expect_rc 1; expect_one_line_err; expect_err "incomplete line"
	run "$TESTGEN" session --events 2
	expect_rc 0
	expect_err "removed an incomplete record"
	b=$OUT
	run "$NONO" audit verify "$a"; expect_rc 0
	run "$NONO" audit verify "$b"; expect_rc 0
}

test_corrupt_ledger_refuses_append_and_keeps_data() {
	a=$(mk --events 2)
	sed -i 's/"sequence":0/"sequence":7/' "$AUDIT/ledger.ndjson"
	cp "$AUDIT/ledger.ndjson" "$T/l"
	run "$TESTGEN" session --events 2
	# the chain check at verify time catches it; appending continues the
	# chain from the last record (the original does not re-verify either)
	run "$NONO" audit verify "$a"
	expect_rc 1; expect_err "Audit ledger sequence mismatch at line 1"
	echo 'garbage' >> "$AUDIT/ledger.ndjson"
	cp "$AUDIT/ledger.ndjson" "$T/l2"
	run "$TESTGEN" session --events 2
	expect_rc 1; expect_err "its last record is invalid"
	cmp -s "$AUDIT/ledger.ndjson" "$T/l2" || fail "ledger modified by a refused append"
}

test_legacy_and_rollback_roots_are_searched() {
	id=$(mk --events 2)
	mkdir -p "$HOME/.nono"
	mv "$AUDIT" "$HOME/.nono/audit"
	run "$NONO" audit verify "$id"
	expect_rc 0
	mkdir -p "$XDG_STATE_HOME/nono/rollbacks"
	mv "$HOME/.nono/audit/$id" "$XDG_STATE_HOME/nono/rollbacks/"
	run "$NONO" audit verify "$id"
	expect_rc 0
}

test_relative_xdg_state_home_is_ignored() {
	id=$(mk --events 2)
	mkdir -p "$HOME/.local/state"
	mv "$XDG_STATE_HOME/nono" "$HOME/.local/state/"
	XDG_STATE_HOME=relative/dir run "$NONO" audit verify "$id"
	expect_rc 0
	expect_err "ignoring relative XDG_STATE_HOME"
}

test_engines_agree_on_tampered_logs() {
	id=$(mk --events 40)
	f=$AUDIT/$id/audit-events.ndjson
	cp "$f" "$T/orig"
	for line in 1 17 40; do
		for what in 's/"sequence":[0-9]*/"sequence":99/' 's/"exit_code"/"exit_codf"/' 's/"leaf_hash":"./"leaf_hash":"0/' 's/4242/4243/'; do
			cp "$T/orig" "$f"
			sed -i "${line}${what}" "$f"
			cmp -s "$f" "$T/orig" && continue
			NONO_VERIFY_THREADS=1 run "$NONO" audit verify "$id"; e1=$ERR; r1=$RC
			NONO_VERIFY_THREADS=2 run "$NONO" audit verify "$id"; e2=$ERR; r2=$RC
			[ "$r1" = 1 ] && [ "$r1" = "$r2" ] && [ "$e1" = "$e2" ] ||
				{ fail "line $line $what: '$e1' vs '$e2'"; return 1; }
		done
	done
}

test_bad_arguments() {
	run "$NONO" audit verify; expect_rc 1; expect_one_line_err
	run "$NONO" audit verify a b; expect_rc 1; expect_one_line_err
	run "$NONO" audit verify a --bogus; expect_rc 1; expect_one_line_err
	run "$NONO" audit verify a --public-key-file; expect_rc 1; expect_one_line_err
	run "$NONO" audit frobnicate; expect_rc 1; expect_one_line_err
	run "$NONO" frobnicate; expect_rc 1; expect_one_line_err
	run "$NONO" audit; expect_rc 1; expect_one_line_err
}

run_tests
