#!/usr/bin/env bash
# make demo: the main job, end to end, in a throwaway HOME.
#   1. a session is recorded into the tamper-evident audit log
#   2. `nono audit verify` checks it offline: hash chain, Merkle root,
#      session digest, ledger
#   3. one byte of the log is changed: verification fails, naming the line
# (The sandbox that records sessions by itself, `nono run`, is the next
# milestone; until then the session is recorded through the same recorder
# API by build/nono-testgen.)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
W=$(mktemp -d "${TMPDIR:-/tmp}/nono-demo.XXXXXX")
trap 'rm -rf "$W"' EXIT
export HOME=$W/home XDG_STATE_HOME=$W/state
mkdir -p "$HOME"
say() { printf '\n\033[1m## %s\033[0m\n' "$*"; }

say "1. Record an audited session (its command line holds a secret)"
id=$("$ROOT/build/nono-testgen" session --events 6 --network 1 -- \
	curl --token s3cr3t https://api.example.com/v1?api_key=abc)
echo "session id: $id"
echo "stored under \$XDG_STATE_HOME/nono/audit/$id/:"
ls -l "$XDG_STATE_HOME/nono/audit/$id/"
echo "command as recorded (redacted):"
grep -A5 '"command"' "$XDG_STATE_HOME/nono/audit/$id/session.json" | head -6

say "2. Verify it offline"
"$ROOT/build/nono" audit verify "$id"

say "3. Same, as JSON for compliance tooling (excerpt)"
"$ROOT/build/nono" audit verify "$id" --json | head -12

say "4. Tamper with one byte of the event log"
log=$XDG_STATE_HOME/nono/audit/$id/audit-events.ndjson
cp "$log" "$W/orig"
sed -i '3s/"Granted"/"Grantee"/; 3s/"Denied"/"Denies"/' "$log"
cmp -s "$log" "$W/orig" && sed -i '3s/4242/4243/' "$log"
rc=0
"$ROOT/build/nono" audit verify "$id" || rc=$?
if [ "$rc" = 0 ]; then
	echo "demo: tampering was NOT detected" >&2
	exit 1
fi
echo "(exit status $rc: tampering detected)"

say "5. Restore it: verified again"
cp "$W/orig" "$log"
"$ROOT/build/nono" audit verify "$id"
