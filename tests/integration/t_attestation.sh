#!/usr/bin/env bash
# Signed sessions, keys and offline verification with --public-key-file
# (spec/attestation.md), cross-checked with openssl and sigstore-js.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
INTEROP=$ROOT/tests/interop

setup_keys() {
	export NONO_TRUST_TEST_KEYSTORE_DIR=$T/ks
	run "$NONO" trust keygen; expect_rc 0
	"$NONO" trust export-key --pem > "$T/pub.pem"
	"$NONO" trust export-key > "$T/pub.b64"
}

signed() { "$TESTGEN" session --sign-key "${1:-default}" --events "${2:-5}"; }

bundle_of() { echo "$AUDIT/$1/audit-attestation.bundle"; }

# Writes the DSSE payload, PAE and DER signature of a bundle to $T.
split_bundle() {
	$PY - "$1" "$T" <<'PY'
import base64, json, sys
b = json.load(open(sys.argv[1])); out = sys.argv[2]
env = b["dsseEnvelope"]
payload = base64.b64decode(env["payload"], validate=True)
t = env["payloadType"].encode()
pae = b"DSSEv1 %d %s %d %s" % (len(t), t, len(payload), payload)
open(out + "/payload.json", "wb").write(payload)
open(out + "/pae.bin", "wb").write(pae)
open(out + "/sig.der", "wb").write(base64.b64decode(env["signatures"][0]["sig"], validate=True))
PY
}

# Replaces the bundle's signature with the DER in file $2.
set_sig() {
	$PY - "$1" "$2" <<'PY'
import base64, json, sys
b = json.load(open(sys.argv[1]))
b["dsseEnvelope"]["signatures"][0]["sig"] = base64.b64encode(open(sys.argv[2], "rb").read()).decode()
open(sys.argv[1], "w").write(json.dumps(b, indent=2))
PY
}

test_sign_and_verify_with_pinned_key() {
	setup_keys
	id=$(signed)
	run "$NONO" audit verify "$id"
	expect_rc 0
	expect_err "Signed: self-attested (key="
	expect_err "not an independent trust anchor"
	for k in "$T/pub.pem" "$T/pub.b64"; do
		run "$NONO" audit verify "$id" --public-key-file "$k"
		expect_rc 0
		expect_err "Signed: verified"
		expect_err "Pubkey: matched"
	done
	run "$NONO" audit verify "$id" --public-key-file "$T/pub.pem" --json
	expect_rc 0
	expect_out '"signature_verified": true'
	expect_out '"expected_public_key_matches": true'
	ls -l "$AUDIT/$id/audit-attestation.bundle" >/dev/null
	grep -q '"predicate_type": "https://nono.sh/attestation/audit-session/alpha"' "$AUDIT/$id/session.json"
}

test_another_key_is_a_mismatch() {
	setup_keys
	id=$(signed)
	run "$NONO" trust keygen --id other; expect_rc 0
	"$NONO" trust export-key --id other > "$T/other.b64"
	run "$NONO" audit verify "$id" --public-key-file "$T/other.b64"
	expect_rc 1
	expect_err "Pubkey: mismatch"
	expect_err "provided public key does not match the attested signer key"
	expect_err "nono: Snapshot error: Audit integrity verification failed"
	run "$NONO" audit verify "$id" --public-key-file "$T/other.b64" --json
	expect_out '"expected_public_key_matches": false'
	expect_out '"verified": false'
}

test_key_file_for_unsigned_session() {
	setup_keys
	id=$("$TESTGEN" session --events 3)
	run "$NONO" audit verify "$id" --public-key-file "$T/pub.pem"
	expect_rc 1
	expect_err "session has no audit attestation to verify against provided public key"
}

test_openssl_verifies_our_signatures() {
	setup_keys
	id=$(signed)
	split_bundle "$(bundle_of "$id")"
	run openssl dgst -sha256 -verify "$T/pub.pem" -signature "$T/sig.der" "$T/pae.bin"
	expect_rc 0
	expect_out "Verified OK"
	head -c 40 "$T/pae.bin" | grep -q "^DSSEv1 28 application/vnd.in-toto+json " || fail "PAE prefix"
}

test_we_verify_openssl_keys_and_signatures() {
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T/ossl.pem" 2>/dev/null
	openssl pkey -in "$T/ossl.pem" -pubout -out "$T/ossl.pub.pem"
	id=$(signed "file://$T/ossl.pem")
	run "$NONO" audit verify "$id" --public-key-file "$T/ossl.pub.pem"
	expect_rc 0
	# now put a signature made by openssl into the bundle
	b=$(bundle_of "$id")
	split_bundle "$b"
	openssl dgst -sha256 -sign "$T/ossl.pem" -out "$T/ossl.sig" "$T/pae.bin"
	cmp -s "$T/ossl.sig" "$T/sig.der" && fail "openssl's signature is randomized; expected a different one"
	set_sig "$b" "$T/ossl.sig"
	run "$NONO" audit verify "$id" --public-key-file "$T/ossl.pub.pem"
	expect_rc 0
	expect_err "Signed: verified"
	# SEC1 "EC PRIVATE KEY" files work too
	openssl ec -in "$T/ossl.pem" -out "$T/sec1.pem" 2>/dev/null
	grep -q "BEGIN EC PRIVATE KEY" "$T/sec1.pem"
	id2=$(signed "file://$T/sec1.pem")
	run "$NONO" audit verify "$id2" --public-key-file "$T/ossl.pub.pem"; expect_rc 0
}

# Wycheproof's rule: a valid high-S signature (s > n/2) is valid. The
# original signs with random nonces and never normalises s.
test_high_s_signature_accepted() {
	setup_keys
	id=$(signed)
	b=$(bundle_of "$id")
	split_bundle "$b"
	$PY - "$T/sig.der" "$T/flip.der" <<'PY'
import sys
n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551
d = open(sys.argv[1], "rb").read()
def rd(d, i):
    assert d[i] == 2; l = d[i+1]; return int.from_bytes(d[i+2:i+2+l], "big"), i + 2 + l
r, i = rd(d, 2); s, _ = rd(d, i)
s2 = n - s
def enc(v):
    b = v.to_bytes((v.bit_length() + 7) // 8, "big")
    if b[0] & 0x80: b = b"\0" + b
    return b"\x02" + bytes([len(b)]) + b
body = enc(r) + enc(s2)
open(sys.argv[2], "wb").write(b"\x30" + bytes([len(body)]) + body)
PY
	cmp -s "$T/sig.der" "$T/flip.der" && fail "not flipped"
	set_sig "$b" "$T/flip.der"
	run "$NONO" audit verify "$id" --public-key-file "$T/pub.pem"
	expect_rc 0
}

test_sigstore_js_verifies_our_bundles() {
	[ -d "$INTEROP/node_modules/@sigstore/verify" ] || { fail "run make deps (npm ci in tests/interop)"; return 1; }
	setup_keys
	id=$(signed)
	run node "$INTEROP/sigstore-verify.js" "$(bundle_of "$id")" "$T/pub.pem"
	expect_rc 0
	expect_out "sigstore-js: verified"
	run "$NONO" trust keygen --id other; expect_rc 0
	"$NONO" trust export-key --id other --pem > "$T/other.pem"
	run node "$INTEROP/sigstore-verify.js" "$(bundle_of "$id")" "$T/other.pem"
	expect_rc 1
}

test_tampering_with_the_signed_statement() {
	setup_keys
	id=$(signed)
	b=$(bundle_of "$id")
	cp "$b" "$T/orig.bundle"
	# a re-encoded statement with another session id: signature fails
	$PY - "$b" <<'PY'
import base64, json, sys
b = json.load(open(sys.argv[1]))
p = json.loads(base64.b64decode(b["dsseEnvelope"]["payload"]))
p["predicate"]["command"] = ["innocent"]
b["dsseEnvelope"]["payload"] = base64.b64encode(json.dumps(p, separators=(",", ":")).encode()).decode()
open(sys.argv[1], "w").write(json.dumps(b, indent=2))
PY
	run "$NONO" audit verify "$id" --public-key-file "$T/pub.pem"
	expect_rc 1; expect_err "ECDSA signature verification failed"
	# payloadType must be in-toto
	cp "$T/orig.bundle" "$b"
	sed -i 's#"payloadType": "application/vnd.in-toto+json"#"payloadType": "text/plain"#' "$b"
	run "$NONO" audit verify "$id"
	expect_rc 1; expect_err "payloadType must be application/vnd.in-toto+json"
	# a second signature is refused
	cp "$T/orig.bundle" "$b"
	$PY - "$b" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
b["dsseEnvelope"]["signatures"].append(b["dsseEnvelope"]["signatures"][0])
open(sys.argv[1], "w").write(json.dumps(b, indent=2))
PY
	run "$NONO" audit verify "$id"; expect_rc 1; expect_err "exactly one signature"
	# garbled and truncated bundles
	cp "$T/orig.bundle" "$b"; head -c 300 "$T/orig.bundle" > "$b"
	run "$NONO" audit verify "$id"; expect_rc 1; expect_err "failed to parse bundle"
	printf 'garbage' > "$b"
	run "$NONO" audit verify "$id"; expect_rc 1; expect_err "failed to parse bundle"
	rm "$b"
	run "$NONO" audit verify "$id"; expect_rc 1; expect_err "No such file or directory"
	cp "$T/orig.bundle" "$b"
	run "$NONO" audit verify "$id" --public-key-file "$T/pub.pem"; expect_rc 0
}

test_tampering_with_the_summary_in_session_json() {
	setup_keys
	id=$(signed)
	f=$AUDIT/$id/session.json
	cp "$f" "$T/orig.json"
	# another public key in session.json: key id mismatch (and the
	# ledger digest catches it as well)
	run "$NONO" trust keygen --id other; expect_rc 0
	other=$("$NONO" trust export-key --id other)
	$PY - "$f" "$other" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["audit_attestation"]["public_key"] = sys.argv[2]
open(sys.argv[1], "w").write(json.dumps(d, indent=2))
PY
	run "$NONO" audit verify "$id" --json
	expect_rc 1; expect_out "audit attestation metadata key mismatch"
	cp "$T/orig.json" "$f"
	run "$NONO" audit verify "$id"; expect_rc 0
}

test_hostile_bundle_names_refused() {
	setup_keys
	id=$(signed)
	f=$AUDIT/$id/session.json
	cp "$f" "$T/orig.json"
	before=$(tree_sum "$XDG_STATE_HOME")
	for name in "../x" "/etc/passwd" ".hidden" "a/b" ""; do
		sed "s#\"bundle_filename\": \"audit-attestation.bundle\"#\"bundle_filename\": \"$name\"#" "$T/orig.json" > "$f"
		run "$NONO" audit verify "$id"
		expect_rc 1; expect_one_line_err
		expect_err "not a file in the session directory"
	done
	cp "$T/orig.json" "$f"
	b=$(bundle_of "$id")
	mv "$b" "$T/real.bundle"; ln -s "$T/real.bundle" "$b"
	run "$NONO" audit verify "$id"
	expect_rc 1; expect_one_line_err; expect_err "symlink"
	rm "$b"; mv "$T/real.bundle" "$b"
	run "$NONO" audit verify "$id"; expect_rc 0
}

test_bad_key_files_rejected() {
	setup_keys
	id=$(signed)
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$T/p384.pem" 2>/dev/null
	openssl pkey -in "$T/p384.pem" -pubout -out "$T/p384.pub" 2>/dev/null
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$T/rsa.pem" 2>/dev/null
	openssl pkey -in "$T/rsa.pem" -pubout -out "$T/rsa.pub" 2>/dev/null
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T/ec.pem" 2>/dev/null
	openssl pkey -in "$T/ec.pem" -aes256 -passout pass:x -out "$T/enc.pem" 2>/dev/null
	openssl ec -in "$T/ec.pem" -aes256 -passout pass:x -out "$T/legacy-enc.pem" 2>/dev/null
	{ cat "$T/pub.pem"; echo trailing; } > "$T/trail.pem"
	printf '%s' "$(cat "$T/pub.b64")AAAA" > "$T/trail.b64"
	printf 'not a key' > "$T/junk"
	before=$(tree_sum "$XDG_STATE_HOME")
	for k in p384.pub rsa.pub trail.pem trail.b64 junk missing; do
		run "$NONO" audit verify "$id" --public-key-file "$T/$k"
		[ "$RC" = 1 ] || { fail "$k accepted"; return 1; }
		expect_one_line_err
	done
	for k in p384.pem rsa.pem enc.pem legacy-enc.pem trail.pem junk; do
		run "$TESTGEN" session --sign-key "file://$T/$k"
		[ "$RC" = 1 ] || { fail "signing key $k accepted"; return 1; }
		expect_one_line_err
	done
	run "$TESTGEN" session --sign-key "file://$T/enc.pem"; expect_err "encrypted private keys are not supported"
	run "$TESTGEN" session --sign-key "file://$T/legacy-enc.pem"; expect_err "PEM headers"
	run "$TESTGEN" session --sign-key "file://$T/rsa.pem"; expect_err "not an EC"
	run "$TESTGEN" session --sign-key "file://$T/p384.pem"; expect_err "P-256"
	[ "$before" = "$(tree_sum "$XDG_STATE_HOME")" ] || fail "state modified by refused keys"
}

test_file_keys_keygen_and_export() {
	k=$T/keys/sign.pem
	mkdir -p "$T/keys"
	run "$NONO" trust keygen --keyref "file://$k"; expect_rc 0
	[ "$(stat -c %a "$k")" = 600 ] || fail "mode $(stat -c %a "$k")"
	grep -q "BEGIN PRIVATE KEY" "$k"
	run openssl pkey -in "$k" -noout; expect_rc 0
	[ -s "$k.pub" ] || fail "no .pub"
	run "$NONO" trust keygen --keyref "file://$k"
	expect_rc 1; expect_err "already exists (use --force to overwrite)"
	old=$(cat "$k")
	[ "$old" = "$(cat "$k")" ] || fail "overwritten without --force"
	run "$NONO" trust keygen --keyref "file://$k" --force; expect_rc 0
	[ "$old" != "$(cat "$k")" ] || fail "--force did not replace the key"
	run "$NONO" trust export-key --keyref "file://$k"; expect_rc 0
	[ "$OUT" = "$(cat "$k.pub")" ] || fail "export-key != .pub"
	run "$NONO" trust export-key --keyref "file://$k" --pem; expect_rc 0
	printf '%s\n' "$OUT" | openssl pkey -pubin -noout || fail "PEM rejected by openssl"
	id=$(signed "file://$k")
	run "$NONO" audit verify "$id" --public-key-file "$k.pub"; expect_rc 0
	# key id = SHA-256 of the DER SPKI
	kid=$(base64 -d < "$k.pub" | sha256sum | cut -d' ' -f1)
	grep -q "\"key_id\": \"$kid\"" "$AUDIT/$id/session.json" || fail "key id"
}

test_key_references_and_errors() {
	export NONO_TRUST_TEST_KEYSTORE_DIR=$T/ks
	run "$NONO" trust keygen --id my-key; expect_rc 0
	[ -f "$T/ks/my-key" ] || fail "no file in the test keystore"
	run "$NONO" trust export-key --keyref keystore://my-key; expect_rc 0
	run "$NONO" trust export-key --id my-key --keyref keystore://my-key; expect_rc 1; expect_one_line_err
	for bad in "../x" ".hidden" "a/b" "bad name"; do
		run "$NONO" trust keygen --id "$bad"; expect_rc 1; expect_one_line_err
	done
	run "$NONO" trust keygen --keyref "op://vault/item"; expect_rc 1
	expect_err "not supported on this platform"
	run "$NONO" trust keygen --keyref "apple-password://x"; expect_rc 1
	expect_err "not supported on this platform"
	run "$NONO" trust keygen --keyref "file://relative.pem"; expect_rc 1
	expect_err "absolute path"
	run "$NONO" trust export-key --id absent; expect_rc 1; expect_err "not found"
	run "$NONO" trust keygen --bogus; expect_rc 1; expect_one_line_err
	# env:// carries base64 PKCS#8 DER, as keystores do
	k=$(tr -d '\n' < "$T/ks/my-key")
	MYKEY=$k run "$TESTGEN" session --sign-key env://MYKEY; expect_rc 0
}

test_no_session_bus_is_explained() {
	unset NONO_TRUST_TEST_KEYSTORE_DIR
	env -u DBUS_SESSION_BUS_ADDRESS XDG_RUNTIME_DIR=$T/none "$NONO" trust keygen >"$T/o" 2>"$T/e" && fail "succeeded without a keyring"
	grep -q "no D-Bus session bus" "$T/e" || fail "$(cat "$T/e")"
	grep -q "file:///" "$T/e" || fail "does not name the file:// alternative"
	[ "$(wc -l < "$T/e")" = 1 ] || fail "not one line"
}

# The real Secret Service: gnome-keyring on a private D-Bus session.
test_secret_service_keystore() {
	command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null ||
		{ fail "dbus-run-session/gnome-keyring-daemon missing (make deps)"; return 1; }
	unset NONO_TRUST_TEST_KEYSTORE_DIR
	mkdir -p "$HOME/.local/share/keyrings" "$T/run" && chmod 700 "$T/run"
	cat > "$T/ss.sh" <<EOF
set -e
export XDG_RUNTIME_DIR=$T/run
eval "\$(printf 'test-password' | gnome-keyring-daemon --unlock --components=secrets)"
"$NONO" trust keygen --id ss-key
"$NONO" trust keygen --id ss-key && exit 9 || true
"$NONO" trust export-key --id ss-key > "$T/ss.b64"
secret-tool lookup service nono-trust username ss-key > "$T/ss.secret"
id=\$("$TESTGEN" session --sign-key keystore://ss-key)
"$NONO" audit verify "\$id" --public-key-file "$T/ss.b64"
"$TESTGEN" session --sign-key keyring://nono-trust/ss-key > /dev/null
EOF
	run timeout 60 dbus-run-session -- bash "$T/ss.sh"
	expect_rc 0
	expect_err "Signed: verified"
	[ -s "$T/ss.secret" ] || fail "item not visible to secret-tool"
	# the secret is base64 PKCS#8 DER, as the original stores it
	base64 -d < "$T/ss.secret" | openssl pkey -inform DER -noout || fail "secret is not PKCS#8"
}

test_signing_needs_integrity() {
	setup_keys
	run "$TESTGEN" session --sign-key default --no-integrity
	expect_rc 1; expect_err "signing needs the audit integrity summary"
}

# The committed golden signed session (vectors/signed-session) verifies
# offline with the committed public key, with openssl and with sigstore-js.
test_golden_signed_session_verifies() {
	V=$ROOT/vectors/signed-session
	mkdir -p "$XDG_STATE_HOME/nono"
	cp -r "$V/audit" "$AUDIT"
	run "$NONO" audit verify c0ffee0123456789 --public-key-file "$V/TEST-KEY-do-not-use.pub"
	expect_rc 0
	expect_err "Signed: verified"
	b=$AUDIT/c0ffee0123456789/audit-attestation.bundle
	split_bundle "$b"
	openssl pkey -pubin -inform DER -in <(base64 -d < "$V/TEST-KEY-do-not-use.pub") -out "$T/test.pub.pem"
	run openssl dgst -sha256 -verify "$T/test.pub.pem" -signature "$T/sig.der" "$T/pae.bin"
	expect_rc 0
	run node "$INTEROP/sigstore-verify.js" "$b" "$T/test.pub.pem"
	expect_rc 0
	sed -i 's/"exit_code": 0/"exit_code": 1/' "$AUDIT/c0ffee0123456789/session.json"
	run "$NONO" audit verify c0ffee0123456789 --public-key-file "$V/TEST-KEY-do-not-use.pub"
	expect_rc 1
}

run_tests
