"""hostile.py — hostile HTTP against `pacta serve` on 127.0.0.1 (tests/serve/run.sh).

    python3 tests/serve/hostile.py PORT REQUEST.json

Oversized headers, an oversized body, invalid chunked encoding, two
Content-Length headers, pipelined
garbage, a request line of binary noise, a slow client that stops halfway,
and 1,000 idle connections held open: after each, and while the idle ones
are held, a valid client must still get its decision.  Every socket has a
timeout and every loop a bound.  Exit status 1 on the first failure.
"""
import http.client
import socket
import sys
import time

PORT = int(sys.argv[1])
BODY = open(sys.argv[2], "rb").read().strip()
PATH = "/v1/agreements/model-agreement/decide"


def conn():
    s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
    s.settimeout(10)
    return s


def reply(s):
    """The first line of the answer, or '' if the server closed."""
    data = b""
    try:
        while b"\r\n" not in data and len(data) < 65536:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, socket.timeout):
        pass
    return data.split(b"\r\n", 1)[0].decode("latin-1")


def valid(what):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    c.request("POST", PATH, BODY, {"Content-Type": "application/json"})
    r = c.getresponse()
    text = r.read()
    c.close()
    if r.status != 200 or b'"outcome"' not in text:
        sys.exit("hostile: after %s, a valid request got %d %r" % (what, r.status, text[:200]))


def expect(what, raw, codes):
    s = conn()
    try:
        s.sendall(raw)
    except (BrokenPipeError, ConnectionResetError):
        pass
    line = reply(s)
    s.close()
    code = line.split(" ")[1] if line.startswith("HTTP/1.") else "closed"
    if code not in codes:
        sys.exit("hostile: %s: answered %r, expected one of %s" % (what, line, codes))
    valid(what)


valid("nothing")
expect("oversized headers",
       b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200000 + b"\r\n\r\n",
       ("431", "413", "400", "closed"))
expect("many headers",
       b"GET /health HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(5000)) + b"\r\n",
       ("431", "413", "400", "closed"))
expect("an oversized body",
       b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n{",
       ("413",))
expect("invalid chunked encoding",
       b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nhello\r\n0\r\n\r\n",
       ("400", "closed"))
expect("a negative chunk size",
       b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n",
       ("400", "closed"))
expect("two Content-Length headers that disagree (request smuggling)",
       b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: "
       + str(len(BODY)).encode() + b"\r\n\r\n" + BODY,
       ("400",))
expect("pipelined garbage after a good request",
       b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n" + b"\x00\xff garbage \r\n\r\n" * 50,
       ("200",))
expect("binary noise", bytes(range(256)) * 40, ("400", "505", "closed"))
expect("no Host header in HTTP/1.1", b"GET /health HTTP/1.1\r\n\r\n", ("400", "closed"))
expect("a bad method", b"BREW /health HTTP/1.1\r\nHost: x\r\n\r\n", ("405", "400", "501", "closed"))
expect("an unknown HTTP version", b"GET /health HTTP/9.9\r\nHost: x\r\n\r\n", ("505", "400", "closed"))

# a slow client that stops halfway: the others are served meanwhile
slow = conn()
slow.sendall(b"POST " + PATH.encode() + b" HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"id\": ")
valid("a client stopping halfway through its body")

# 1,000 idle connections, held open while valid clients are served
idle = []
for i in range(1000):
    try:
        idle.append(conn())
    except OSError as e:
        sys.exit("hostile: idle connection %d refused: %s" % (i, e))
for i in range(20):
    valid("%d idle connections" % len(idle))
# half of them start a request and stall
for s in idle[:500]:
    s.sendall(b"GET /health HTTP/1.1\r\n")
t0 = time.time()
for i in range(20):
    valid("500 stalled requests")
for s in idle:
    s.close()
slow.close()
valid("closing every idle connection")
print("  hostile: 10 kinds of bad input, a slow client, 1000 idle connections: served throughout")
