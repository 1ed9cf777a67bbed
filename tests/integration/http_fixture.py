#!/usr/bin/python3
"""Test servers for the proxy tests (outside the sandbox).

  http_fixture.py origin PORT LOG [ADDR]      HTTP/1.1 server on ADDR
      (default 127.0.0.1):
      answers every request with "hello <path>" and logs "<method> <path>"
      plus every header line received ("H: name: value")
  http_fixture.py upstream PORT LOG [reject]  a CONNECT-only proxy on
      127.0.0.1: logs "CONNECT <authority>", answers 200 and relays to
      the target (or answers 403 with 'reject')

Both write "ready" to LOG when listening.
"""
import socket
import sys
import threading


def log(path, line):
    with open(path, "a") as f:
        f.write(line + "\n")


def read_head(c):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = c.recv(65536)
        if not chunk:
            return None, b""
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    return head.decode("latin-1").split("\r\n"), rest


def pipe(a, b):
    try:
        while True:
            d = a.recv(65536)
            if not d:
                break
            b.sendall(d)
    except OSError:
        pass
    try:
        b.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def origin(c, logpath):
    lines, _ = read_head(c)
    if not lines:
        return
    method, path = lines[0].split(" ")[:2]
    log(logpath, "%s %s" % (method, path))
    for h in lines[1:]:
        log(logpath, "H: " + h)
    body = ("hello " + path + "\n").encode()
    c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close"
              b"\r\n\r\n" % len(body) + body)


def upstream(c, logpath, reject):
    lines, rest = read_head(c)
    if not lines:
        return
    log(logpath, lines[0].rsplit(" ", 1)[0])
    if reject or not lines[0].startswith("CONNECT "):
        c.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
        return
    host, port = lines[0].split(" ")[1].rsplit(":", 1)
    t = socket.create_connection((host.strip("[]"), int(port)), timeout=10)
    c.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
    if rest:
        t.sendall(rest)
    th = threading.Thread(target=pipe, args=(t, c), daemon=True)
    th.start()
    pipe(c, t)
    th.join(10)
    t.close()


def main():
    kind, port, logpath = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    reject = len(sys.argv) > 4 and sys.argv[4] == "reject"
    addr = sys.argv[4] if kind == "origin" and len(sys.argv) > 4 else "127.0.0.1"
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(64)
    log(logpath, "ready")

    def handle(c):
        try:
            if kind == "origin":
                origin(c, logpath)
            else:
                upstream(c, logpath, reject)
        except OSError:
            pass
        finally:
            c.close()

    while True:
        c, _ = s.accept()
        threading.Thread(target=handle, args=(c,), daemon=True).start()


if __name__ == "__main__":
    main()
