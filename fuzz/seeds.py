#!/usr/bin/env python3
"""Seed corpora for the fuzz harnesses, taken from vectors/ (and a few
hand-made edge cases). Usage: seeds.py VECTORS_DIR OUT_DIR"""
import json, os, sys

vec, out = sys.argv[1], sys.argv[2]
seeds = {k: [] for k in ["json_read", "event_line", "session", "ledger_line",
                         "codec", "proof", "scrub", "bundle", "keys", "der",
                         "resolver", "capstate", "profile", "toml",
                         "manifest", "when", "http_head",
                         "netfilter"]}

def load(name):
    return json.load(open(os.path.join(vec, name)))

log = load("audit-log.json")
for l in log["logs"]:
    lines = "".join(r["line"] + "\n" for r in l["records"])
    seeds["event_line"].append(lines.encode())
    for r in l["records"]:
        seeds["event_line"].append(r["line"].encode())
        seeds["json_read"].append(r["line"].encode())
for d in load("session-digest.json")["digests"]:
    seeds["json_read"].append(d["preimage"].encode())
led = load("ledger.json")
seeds["ledger_line"].append("".join(r["line"] + "\n" for r in led["records"]).encode())
seeds["ledger_line"].append((led["records"][0]["line"]).encode())
for p in load("merkle.json")["proofs"]:
    seeds["proof"].append(json.dumps(p, separators=(",", ":")).encode())
for b in load("encodings.json")["base64"]:
    seeds["codec"].append(b["standard"].encode())
seeds["codec"] += [b"00ff", b"deadbeef", b"aGVsbG8="]
for c in load("scrub.json")["default_policy"]:
    seeds["scrub"].append("\0".join(c["argv"]).encode())
# a session.json like the recorder writes
seeds["session"].append(json.dumps({
    "session_id": "3f9a0c1d2e4b5a69", "started": "2026-04-21T20:00:00+00:00",
    "ended": "2026-04-21T20:00:01+00:00", "command": ["/bin/pwd", "a\u00e9"],
    "executable_identity": {"resolved_path": "/bin/pwd", "sha256": "09" * 32},
    "tracked_paths": ["/tmp/work"], "snapshot_count": 0, "exit_code": 0,
    "merkle_roots": ["01" * 32], "network_events": [{
        "timestamp_unix_ms": 5, "mode": "connect", "decision": "allow",
        "target": "example.com", "port": 443, "method": "GET", "path": "/",
        "status": 200, "reason": None}],
    "audit_event_count": 2, "audit_integrity": {"hash_algorithm": "sha256",
        "event_count": 2, "chain_head": "02" * 32, "merkle_root": "03" * 32},
    "audit_attestation": None}, indent=2).encode())
seeds["json_read"] += [b"{}", b"[]", b'{"a":[1,-2,true,null,"\\u00e9"]}']
sig = os.path.join(vec, "signed-session")
if os.path.isdir(sig):
    for root, _, files in os.walk(sig):
        for f in files:
            b = open(os.path.join(root, f), "rb").read()
            if f == "audit-attestation.bundle":
                seeds["bundle"].append(b)
            if f.endswith(".pem") or f.endswith(".pub"):
                seeds["keys"].append(b)
seeds["keys"] += [b"-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEreoNmbdEk5YBfsGeuCc3Q0ZaT3ja9YeemSxBKh31VhYSViCkUmm7cWD1f1ScjL/paNy9EMEirKLh7N3bRdc1UA==\n-----END PUBLIC KEY-----\n",
                  b"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEreoNmbdEk5YBfsGeuCc3Q0ZaT3ja9YeemSxBKh31VhYSViCkUmm7cWD1f1ScjL/paNy9EMEirKLh7N3bRdc1UA=="]
seeds["der"] += [bytes.fromhex("3044022078847676e6a9023ad9365269bd917da40d7ec9f5054b36b260aff5d7415f7dc39802204" + "6bbdf7d570db5891a528d683da05f267e85409676" + "40f9e1c9f7f58bd02b4ce5"),
                 bytes([0x30, 6, 2, 1, 1, 2, 1, 1])]
# resolver: op/arg triples (add caps, denies, dedup, checks, plans, why)
seeds["resolver"] += [bytes([0, 5, 1, 3, 6, 3, 5, 0, 0, 6, 0, 0, 8, 7, 2, 10, 7, 0]),
                      bytes([9, 1, 8, 10, 6, 2, 1, 9, 0, 4, 9, 0, 11, 4, 3]),
                      b"~/.ssh/$HOME/$TMPDIR/$X/$WORKDIR"]
seeds["capstate"] += [json.dumps({"fs": [{"original": "/proc/self", "path": "/proc",
    "access": "read", "is_file": False, "source": "group:system_read_linux_core"},
    {"original": "./w", "path": "/w", "access": "readwrite", "is_file": False,
     "source": "user"}], "net_blocked": True, "allowed_commands": [],
    "blocked_commands": ["rm"], "bypass_protection_paths": ["/h/.aws"],
    "allowed_domains": []}, separators=(",", ":")).encode()]
import glob
for f in sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "src", "data", "profiles", "*.json"))):
    seeds["profile"].append(open(f, "rb").read())
seeds["profile"] += [b'{ // c\n "extends": ["a", "b"], "filesystem": {"allow": ["$HOME/x",],},\n'
    b' "policy": {"add_deny_access": ["/d"]}, "environment": {"set_vars": {"A": "b"}},'
    b' "network": {"allow_domain": ["x.com", {"domain": "y.com", "endpoints": []}], "open_port": [8080]}}']
seeds["profile"] += [b'{"filesystem": {"read": ["/a", {"path": "/b", "when": "linux:debian:>=11"},'
    b' {"path": "/c", "when": ["macos", "!linux:ubuntu-like"]}]},'
    b' "commands": {"deny": [{"name": "rm", "when": "linux"}]}}']
seeds["toml"] += [b'# nono\n[ui]\ntheme = "frappe"\n[redaction]\nextra_flags = ["--pat", \'x\',\n]\n'
    b'unsafe_redaction_overrides = true\nallow_unredacted_defaults = ["state"]\n[rollback]\n'
    b'max_storage_gb = 5.0\nmax_sessions = 10\n"q".k = 1_000\n']
seeds["manifest"] += [json.dumps({"version": 1, "filesystem": {"grants": [
    {"path": "/usr", "access": "read", "type": "directory"},
    {"path": "/proc/self/fd", "access": "readwrite", "type": "directory"},
    {"path": "$HOME/x", "access": "write", "type": "file"}],
    "deny": ["/h/.ssh", "/h/.ssh"], "bypass_protection": ["/h/.aws"]},
    "unix_sockets": [{"path": "/run/s", "scope": "dir-children", "bind": True}],
    "network": {"mode": "blocked", "ports": {"connect": [443], "bind": [8080],
    "localhost": [3000]}}, "process": {"signal_mode": "allow_all",
    "ipc_mode": "full"}, "commands": {"blocked": ["rm"]}}, indent=2).encode(),
    b'{"version":1,"filesystem":{"grants":[]},"network":{"mode":"proxy"}}']
seeds["when"] += [b'ID=debian\nVERSION_ID="12"\nID_LIKE=linux\n|linux:debian:>=11',
    b"ID='ubuntu'\nVARIANT_ID=server\n|!linux:ubuntu-like:22.04:server",
    b'|macos:14', b'|windows:10:19045', b'linux']
seeds["netfilter"] += [
    b"api.openai.com\n*.example.com\n.suffix.org\nlocalhost\na.example.com\0\x7f\0\0\x01",
    b"\nmetadata.google.internal\0\xa9\xfe\xa9\xfe",
    b"x.localhost\0\xfd\0\x0e\xc2\0\0\0\0\0\0\0\0\0\0\x02\x54"]
seeds["http_head"] += [
    b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n"
    b"Proxy-Authorization: Bearer s3cr3t\r\n\r\n",
    b"GET http://Example.com:8080/x?y HTTP/1.1\r\nhost: \texample.com:8080 \r\n"
    b"proxy-authorization: Basic bm9ubzpzM2NyM3Q=\r\nAccept: */*\r\n\r\nbody",
    b"CONNECT [::1]:443 HTTP/1.0\r\n\r\n",
    b"CONNECT 127.0.0.1:8443 HTTP/1.1\r\nHost: 127.1\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: a\nX: y\r\n\r\n",
    b"POST http://h/ HTTP/1.1\r\nHost: h\r\nHost: h\r\n\r\n",
    b"\x05Bearer tokenCONNECT t.example.:1 HTTP/1.1\r\n\r\n",
]
if not seeds["bundle"]:
    seeds["bundle"].append(b"{}")

for k, v in seeds.items():
    d = os.path.join(out, k)
    os.makedirs(d, exist_ok=True)
    for i, s in enumerate(v):
        open(os.path.join(d, "seed%03d" % i), "wb").write(s)
