"""edges.py — what an integrator sent `pacta serve` that it once got wrong
(tests/serve/run.sh).

    python3 tests/serve/edges.py PORT PACTA MODULE.so LOG TMPDIR

The service at PORT serves MODULE.so as "model-agreement" with its
decision log at LOG, and nothing else writes to that log.  Checked, each
against what `pacta eval` and `pacta explain` (PACTA) say on the same
bytes where they say anything:

  X-Request-Id obeys the rules of a request's "id": not UTF-8, or longer
    than 127 bytes, is a 400 naming the header, and never reaches the log;
  every JSON answer is UTF-8 JSON, whatever bytes a name or URL echoed in
    it held (%ff, a name cut at the limit in the middle of a character);
  ?trace takes true or false only: 1, 0, nothing, and two values that
    disagree are 400 (and ?to= alike); a parameter the call does not
    take is 400, a Content-Encoding other than identity 415;
  %00 in the path or a parameter is a 400, never the resource before it;
  a byte-order mark before the body is skipped, as pacta eval skips it;
  an error in a request object over several lines is placed where
    pacta explain places it in the same file;
  every answer but a body too large to read keeps the connection open.

Exit status 1 if anything failed, each failure said.
"""
import http.client
import json
import re
import socket
import subprocess
import sys
import time

PORT = int(sys.argv[1])
PACTA, MODULE, LOG, TMP = sys.argv[2:6]
NAME = "model-agreement"
DECIDE = "/v1/agreements/%s/decide" % NAME
EXPLAIN = "/v1/agreements/%s/explain" % NAME
GOOD = (b'{"id": 1, "requesting_party": "XB", "requested_party": "XA", "submitted": "2026-03-01", '
        b'"assistance": "subscriber_info", "offence": "illegal_access", "max_penalty": 5, '
        b'"data": ["subscriber"], "specific_investigation": true, "targets": 1}')
NOID = GOOD.replace(b'"id": 1, ', b"")
failed = []
said = set()


def bad(msg):
    if msg in said:
        return
    said.add(msg)
    failed.append(msg)
    print("FAIL: edges: " + msg)


def call(method, path, body=None, headers=None, conn=None):
    """(status, headers, body) of one call, on conn if given (kept open)."""
    c = conn or http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    c.putrequest(method, path, skip_accept_encoding=True)
    for k, v in (headers or {}).items():
        c.putheader(k, v)
    if body is not None:
        c.putheader("Content-Length", str(len(body)))
    c.endheaders(body)
    r = c.getresponse()
    data = r.read()
    if conn is None:
        c.close()
    return r.status, r, data


def json_body(what, data):
    """The answer as JSON, or None (said) when it is not UTF-8 JSON."""
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        bad("%s: the answer is not UTF-8 JSON (%s): %r" % (what, e, data[:200]))
        return None


def expect(what, method, path, code, says=None, body=None, headers=None):
    """A call answered `code` with {"error": ...} saying `says`."""
    status, _, data = call(method, path, body, headers)
    if status != code:
        bad("%s: HTTP %d, expected %d: %r" % (what, status, code, data[:200]))
        return None
    j = json_body(what, data)
    if j is not None and says is not None and says not in j.get("error", ""):
        bad("%s: the error does not say %r: %r" % (what, says, j))
    return j


def log_lines():
    """The decision log's lines so far, each checked to be UTF-8 JSON."""
    out = []
    for i, line in enumerate(open(LOG, "rb")):
        try:
            out.append(json.loads(line.decode("utf-8")))
        except (UnicodeDecodeError, ValueError) as e:
            bad("decision log line %d is not UTF-8 JSON (%s): %r" % (i + 1, e, line[:200]))
    return out


def settle(n):
    """Waits (at most 5 s) for the log to hold n lines; its lines."""
    for _ in range(100):
        lines = log_lines()
        if len(lines) >= n:
            return lines
        time.sleep(0.05)
    return log_lines()


def pacta(*args, stdin=None):
    return subprocess.run([PACTA] + list(args), input=stdin, capture_output=True, timeout=60)


# ---- 1. X-Request-Id obeys the rules of a request's "id" ----
for path in (DECIDE, EXPLAIN):
    expect("X-Request-Id \\xff\\xfe on " + path, "POST", path, 400, "X-Request-Id", NOID,
           {"X-Request-Id": b"\xff\xfe"})
    expect("X-Request-Id of 128 bytes on " + path, "POST", path, 400,
           "X-Request-Id is longer than 127 bytes", NOID, {"X-Request-Id": "r" * 128})
expect("X-Request-Id of 20,000 bytes", "POST", DECIDE, 400, "X-Request-Id is longer than 127 bytes",
       NOID, {"X-Request-Id": "r" * 20000})
# a surrogate encoded in UTF-8 is no more UTF-8 than \xff (RFC 3629)
expect("X-Request-Id with an encoded surrogate", "POST", DECIDE, 400, "X-Request-Id", NOID,
       {"X-Request-Id": b"a\xed\xa0\x80"})
# the refused header is the call's, whether or not the body has its own id
expect("X-Request-Id \\xff beside a body's id", "POST", DECIDE, 400, "X-Request-Id", GOOD,
       {"X-Request-Id": b"\xff"})
# what an id may be, it is: 127 bytes, and UTF-8 beyond ASCII, logged as sent
ids = ["i" * 127, "caf\u00e9-\u20ac-\U0001f600"]
for rid in ids:
    status, _, data = call("POST", DECIDE, NOID, {"X-Request-Id": rid.encode("utf-8")})
    if status != 200:
        bad("X-Request-Id %r: HTTP %d: %r" % (rid[:20], status, data[:200]))
lines = settle(len(ids))
if [d.get("request_id") for d in lines] != ids:
    bad("the decision log's request ids are %r, expected %r"
        % ([d.get("request_id") for d in lines], ids))

# ---- 2. every JSON answer is UTF-8 JSON, whatever was echoed ----
expect("GET /v1/agreements/%ff", "GET", "/v1/agreements/%ff", 404, "no agreement named \"\ufffd\"")
expect("POST /v1/agreements/%ff%fe/decide", "POST", "/v1/agreements/%ff%fe/decide", 404,
       "no agreement named \"\ufffd\ufffd\"", GOOD)
expect("GET /v1/%ff", "GET", "/v1/%ff", 404, "no such resource: /v1/\ufffd")
expect("?trace=%ff", "POST", DECIDE + "?trace=%ff", 400, "?trace= takes true or false", GOOD)
expect("?to=%c3", "POST", EXPLAIN + "?to=%c3", 400, "explain?to= takes grant, refer or refuse", GOOD)
# names are shown up to a limit: one cut in the middle of a character is
# cut before it instead
for pad in range(196, 202):
    path = "/v1/agreements/" + "a" * pad + "%c3%a9" * 4
    j = expect("a long name cut at %d bytes" % pad, "GET", path, 404, "no agreement named")
    if j and "\ufffd" in j["error"]:
        bad("a long name cut at %d bytes: a character cut in two: %r" % (pad, j["error"][-20:]))
    path = "/v1/" + "b" * pad + "%e2%82%ac" * 4
    j = expect("a long path cut at %d bytes" % pad, "GET", path, 404, "no such resource")
    if j and "\ufffd" in j["error"]:
        bad("a long path cut at %d bytes: a character cut in two: %r" % (pad, j["error"][-20:]))

# ---- 3. ?trace takes true or false; one value ----
for q, says in (("trace=1", "not '1'"), ("trace=0", "not '0'"), ("trace=", "not ''"),
                ("trace", "?trace is given without a value"),
                ("trace=true&trace=bogus", "not 'bogus'"),
                ("trace=bogus&trace=true", "not 'bogus'"),
                ("trace=true&trace=false", "?trace= is given both as 'true' and as 'false'"),
                ("trace=true&trace", "?trace is given without a value")):
    expect("?" + q, "POST", DECIDE + "?" + q, 400, says, GOOD)
    expect("?" + q + " (JSON Lines)", "POST", DECIDE + "?" + q, 400, says, GOOD + b"\n",
           {"Content-Type": "application/x-ndjson"})
for q, traced in (("trace=true", True), ("trace=false", False), ("trace=true&trace=true", True),
                  ("", False)):
    status, _, data = call("POST", DECIDE + ("?" + q if q else ""), GOOD)
    j = json_body("?" + q, data)
    if status != 200 or j is None or ("trace" in j) != traced:
        bad("?%s: HTTP %d, %s the trace: %r" % (q, status, "without" if traced else "with", data[:200]))
for q, says in (("to", "?to is given without a value"),
                ("to=grant&to=refuse", "?to= is given both as 'grant' and as 'refuse'"),
                ("to=grant&to=maybe", "not 'maybe'")):
    expect("explain?" + q, "POST", EXPLAIN + "?" + q, 400, says, GOOD)
# a parameter the call does not take is a 400 naming it, not ignored (a
# typo would lose the trace asked for); a body the service cannot read as
# sent is a 415, not malformed JSON
for path, says in ((DECIDE + "?trcae=true", "decide takes no parameter 'trcae' (did you mean ?trace?)"),
                   (DECIDE + "?to=grant", "decide takes no parameter 'to'; it takes ?trace only"),
                   (DECIDE + "?trace=true&x=1", "decide takes no parameter 'x'"),
                   (EXPLAIN + "?to=grant&trace=true", "explain takes no parameter 'trace'; it takes ?to only"),
                   (EXPLAIN + "?trace=true", "explain takes no parameter 'trace'")):
    expect(path, "POST", path, 400, says, GOOD)
# a stray '&' names no parameter: not refused
for q in ("?&trace=true", "?trace=true&&"):
    status, _, data = call("POST", DECIDE + q, GOOD)
    if status != 200 or b'"trace"' not in data:
        bad("%s: HTTP %d, %r" % (q, status, data[:200]))
# a parameter's name in capitals is that parameter, as arg_one reads it
status, _, data = call("POST", DECIDE + "?TRACE=true", GOOD)
if status != 200 or b'"trace"' not in data:
    bad("?TRACE=true: HTTP %d, %r" % (status, data[:200]))
for enc in ("gzip", "br"):
    expect("Content-Encoding " + enc, "POST", DECIDE, 415,
           "Content-Encoding '%s' is not taken: send the body as it is" % enc, GOOD, {"Content-Encoding": enc})
status, _, data = call("POST", DECIDE, GOOD, {"Content-Encoding": "identity"})
if status != 200:
    bad("Content-Encoding identity: HTTP %d, %r" % (status, data[:200]))

# ---- 4. %00 is a 400, never the resource before it ----
for method, path in (("POST", "/v1/agreements/%s%%00x/decide" % NAME),
                     ("GET", "/v1/agreements/%s%%00" % NAME),
                     ("GET", "/v1/agreements/%s%%00/x" % NAME),
                     ("GET", "/health%00"),
                     ("POST", DECIDE + "?trace=true%00x"),
                     ("POST", DECIDE + "?trace%00x=true"),
                     ("POST", EXPLAIN + "?to=grant%00x")):
    expect("%s %s" % (method, path), method, path, 400, "%00", GOOD if method == "POST" else None)

# ---- 5. a byte-order mark before the body, as pacta eval skips it ----
BOM = b"\xef\xbb\xbf"
open(TMP + "/bom.json", "wb").write(BOM + GOOD + b"\n")
want = pacta("eval", MODULE, TMP + "/bom.json").stdout
status, _, data = call("POST", DECIDE, BOM + GOOD)
if status != 200 or data != want or not want:
    bad("a body after a byte-order mark: HTTP %d %r, pacta eval says %r" % (status, data[:200], want[:200]))
lines = [GOOD, NOID.replace(b'"targets": 1', b'"targets": 2'), b'{"offence": 3}']
text = BOM + b"\n".join(lines) + b"\n"
open(TMP + "/bom.jsonl", "wb").write(text)
want = pacta("eval", MODULE, TMP + "/bom.jsonl").stdout
status, _, data = call("POST", DECIDE, text, {"Content-Type": "application/x-ndjson"})
if status != 200 or data != want or want.count(b"\n") != 3:
    bad("JSON Lines after a byte-order mark: HTTP %d %r, pacta eval says %r" % (status, data[:300], want[:300]))
want = pacta("explain", MODULE, TMP + "/bom.json").stdout
status, _, data = call("POST", EXPLAIN, BOM + GOOD)
if status != 200 or data.split(b"\n", 1)[1:] != want.split(b"\n", 1)[1:] or not want:
    bad("explain, a body after a byte-order mark: HTTP %d %r" % (status, data[:200]))

# ---- 6. an error in a request over several lines, where explain puts it ----
def pretty(obj):
    return json.dumps(obj, indent=2).encode()


req = json.loads(GOOD)
cases = {"offence on line 7": dict(req, offence="hacking"),
         "max_penalty on line 8": dict(req, max_penalty="five")}
for what, obj in cases.items():
    body = pretty(obj) + b"\n"
    for bom in (b"", BOM):
        open(TMP + "/ml.json", "wb").write(bom + body)
        err = pacta("explain", MODULE, TMP + "/ml.json").stderr.decode()
        m = re.match(r"pacta: [^:]*: (line \d+, column \d+: .*)\n", err)
        status, _, data = call("POST", DECIDE, bom + body)
        j = json_body(what, data)
        if not m or not m.group(1).startswith("line 7" if "7" in what else "line 8"):
            bad("%s: pacta explain says %r" % (what, err))
        elif status != 400 or j is None or j.get("error") != m.group(1):
            bad("%s%s: the service says %r, pacta explain %r"
                % (what, " after a BOM" if bom else "", data[:200], m.group(1)))
        status, _, data = call("POST", EXPLAIN, bom + body)
        j = json_body(what, data)
        if m and (status != 400 or j is None or j.get("error") != m.group(1)):
            bad("%s, explain: the service says %r, pacta explain %r" % (what, data[:200], m.group(1)))
# line ends of "\r\n" count one line each, as explain counts them
body = pretty(cases["offence on line 7"]).replace(b"\n", b"\r\n")
open(TMP + "/ml.json", "wb").write(body)
err = pacta("explain", MODULE, TMP + "/ml.json").stderr.decode()
m = re.match(r"pacta: [^:]*: (line \d+, column \d+: .*)\n", err)
status, _, data = call("POST", DECIDE, body)
j = json_body("CRLF", data)
if not m or j is None or j.get("error") != m.group(1):
    bad("a request over CRLF lines: the service says %r, pacta explain %r" % (data[:200], err))
# one decided is logged on one line, as it came but for its line ends
n = len(log_lines())
body = pretty(dict(req, id="over-lines"))
status, _, data = call("POST", DECIDE, body)
lines = settle(n + 1)
if status != 200 or len(lines) != n + 1 or lines[-1].get("request_id") != "over-lines":
    bad("a request over several lines: HTTP %d, not logged: %r" % (status, lines[-1:]))
elif lines[-1]["request"] != json.loads(body):
    bad("a request over several lines: logged as %r" % lines[-1]["request"])

# ---- 7. one connection for every kind of answer ----
c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
c.connect()
here = c.sock.getsockname()
for method, path, body, code in (("GET", "/health", None, 200),
                                  ("GET", "/metrics", None, 200),
                                  ("GET", "/v1/agreements", None, 200),
                                  ("GET", "/v1/agreements/" + NAME, None, 200),
                                  ("HEAD", "/health", None, 200),
                                  ("GET", "/v1/nothing", None, 404),
                                  ("GET", "/v1/agreements/nothing", None, 404),
                                  ("POST", "/v1/agreements/nothing/decide", GOOD, 404),
                                  ("GET", DECIDE, None, 405),
                                  ("POST", "/health", GOOD, 405),
                                  ("POST", DECIDE + "?trace=yes", GOOD, 400),
                                  ("POST", DECIDE, b"{bad", 400),
                                  ("POST", DECIDE, GOOD, 200)):
    try:
        status, r, data = call(method, path, body, conn=c)
    except (http.client.HTTPException, OSError) as e:
        bad("keep-alive: %s %s: %r" % (method, path, e))
        break
    if status != code:
        bad("keep-alive: %s %s: HTTP %d, expected %d" % (method, path, status, code))
    if (r.getheader("Connection") or "").lower() == "close" or c.sock is None:
        bad("keep-alive: %s %s: answered with Connection: close" % (method, path))
        c.connect()
    elif c.sock.getsockname() != here:
        bad("keep-alive: %s %s: answered on another connection" % (method, path))
c.close()
# a body too large to read is not read: its answer closes the connection
status, r, _ = call("POST", DECIDE, None, {"Content-Length": "99999999999"})
if status != 413 or (r.getheader("Connection") or "").lower() != "close":
    bad("a body over --max-body: HTTP %d, Connection %r" % (status, r.getheader("Connection")))

# a refused call whose client waits for 100 Continue is answered at
# once, its body never sent
s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
s.sendall(b"POST /v1/agreements/nothing/decide HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
          b"Content-Length: %d\r\n\r\n" % len(GOOD))
got = b""
try:
    while b"\r\n" not in got:
        chunk = s.recv(4096)
        if not chunk:
            break
        got += chunk
except socket.timeout:
    pass
s.close()
if not got.startswith(b"HTTP/1.1 404 "):
    bad("a refused call that expects 100-continue: answered %r" % got[:80])

# the log holds UTF-8 JSON and nothing of the calls refused
lines = log_lines()
if any(d.get("request_id") not in (None, 1, "over-lines") + tuple(ids) for d in lines):
    bad("the decision log holds a refused call's id: %r" % [d.get("request_id") for d in lines])
if failed:
    sys.exit(1)
print("  edges: X-Request-Id, names echoed, ?trace, %00, a byte-order mark, lines, keep-alive")
