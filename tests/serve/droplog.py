"""droplog.py — the decision log never holds decisions up (tests/serve/run.sh).

    python3 tests/serve/droplog.py PACTA-SERVE MODULE-DIR REQUESTS.jsonl

Runs the service with its log on standard output (--log -) into a pipe
that nobody reads yet, and a log queue of 64 KiB: the pipe fills, the
writer waits on it, the queue fills and lines are dropped.  Every call must
still be answered at once (200), /metrics must count the dropped lines, and
once the pipe is read the log must say how many it dropped — a
{"time": ..., "dropped": N} line — with the lines written and dropped
adding up to the decisions made.  SIGTERM then exits 0.  A log that keeps
up takes a call's lines even when they outgrow the queue.  SIGTERM exits 0
too, after --drain-timeout and saying that lines are lost, when the log is
never read.  127.0.0.1 only, every wait bounded.  Exit status 1 on the
first failure.
"""
import http.client
import json
import re
import signal
import subprocess
import sys
import threading
import time

SERVE, DIR, REQS = sys.argv[1:4]
CALLS = 60


def fail(msg):
    print("droplog: " + msg)
    sys.exit(1)


BODY = open(REQS, "rb").read()


def start(queue="65536"):
    """The service, its port, and its standard error as it comes."""
    p = subprocess.Popen([SERVE, "--port", "0", "--quiet", "--drain-timeout", "1", "--log", "-",
                          "--log-queue", queue, DIR], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    port, err = None, []
    deadline = time.time() + 10
    while port is None and time.time() < deadline:
        line = p.stderr.readline()
        if not line:
            break
        err.append(line)
        m = re.search(rb"listening on http://127\.0\.0\.1:(\d+) ", line)
        if m:
            port = int(m.group(1))
    if port is None:
        p.kill()
        fail("the service did not start: " + b"".join(err).decode(errors="replace"))
    # stderr is drained meanwhile (a full stderr pipe would stall the service)
    threading.Thread(target=lambda: err.extend(iter(p.stderr.readline, b"")), daemon=True).start()
    return p, port, err


def flood(p, port):
    """CALLS JSON Lines calls while nobody reads the log: the decisions
    made; each call must be answered, and soon, and /metrics must count
    lines dropped."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    decided = 0
    t0 = time.time()
    for i in range(CALLS):
        c.request("POST", "/v1/agreements/model-agreement/decide", BODY,
                  {"Content-Type": "application/x-ndjson"})
        r = c.getresponse()
        answer = r.read()
        if r.status != 200:
            p.kill()
            fail("call %d: HTTP %d while the log is stuck" % (i, r.status))
        decided += sum(1 for l in answer.splitlines() if b'"outcome": ' in l)
    if time.time() - t0 > 8:
        p.kill()
        fail("%d calls took %.1f s: the stuck log held them up" % (CALLS, time.time() - t0))
    c.request("GET", "/metrics")
    metrics = c.getresponse().read().decode()
    c.close()
    m = re.search(r"^pacta_decision_log_dropped_total (\d+)$", metrics, re.M)
    if not m or int(m.group(1)) == 0:
        p.kill()
        fail("/metrics counts no dropped lines:\n" + metrics)
    return decided


def terminate(p, what):
    """SIGTERM, and the service must be gone within 20 s with status 0."""
    p.send_signal(signal.SIGTERM)
    try:
        rc = p.wait(timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        fail("SIGTERM%s: still running after 20 s" % what)
    if rc != 0:
        fail("SIGTERM%s: exit status %d" % (what, rc))


p, port, err = start()
decided = flood(p, port)

# now read the log, stop the service, and add it up
log = []
reader = threading.Thread(target=lambda: log.append(p.stdout.read()), daemon=True)
reader.start()
terminate(p, "")
reader.join(10)
written = dropped = 0
for line in log[0].splitlines():
    d = json.loads(line)
    if "dropped" in d:
        dropped += d["dropped"]
    else:
        written += 1
if dropped == 0:
    fail("the log does not say it dropped lines")
if written == 0:
    fail("no line written: the queue refused everything, not only when full")
if written + dropped != decided:
    fail("%d lines written and %d dropped for %d decisions" % (written, dropped, decided))

# a log that keeps up takes a call's lines even when they are more than
# its queue holds (a JSON Lines body of 64 KiB and more)
p, port, err = start("1024")
log = []
reader = threading.Thread(target=lambda: log.append(p.stdout.read()), daemon=True)
reader.start()
big = BODY * 100
c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
decided = 0
for i in range(3):
    c.request("POST", "/v1/agreements/model-agreement/decide", big, {"Content-Type": "application/x-ndjson"})
    r = c.getresponse()
    decided += sum(1 for l in r.read().splitlines() if b'"outcome": ' in l)
    time.sleep(0.3)   # the writer catches up: the queue is empty again
c.close()
terminate(p, " after a big call")
reader.join(10)
lines = log[0].splitlines()
if any(b'"dropped"' in l for l in lines) or len(lines) != decided:
    fail("a big call's lines with --log-queue 1024: %d lines for %d decisions" % (len(lines), decided))

# a reader that never reads: SIGTERM still exits 0, after --drain-timeout,
# saying that lines are lost
p, port, err = start()
flood(p, port)
t0 = time.time()
terminate(p, " with the log never read")
time.sleep(0.2)
said = b"".join(err).decode(errors="replace")
if "decision log: not written to for 1 s" not in said:
    fail("SIGTERM with the log never read: the loss not said:\n" + said)
p.stdout.close()
print("  decision log stuck: %d calls answered, %d lines written, %d dropped and said so;"
      " never read: SIGTERM exits 0 in %.1f s" % (CALLS, written, dropped, time.time() - t0))
