"""pacta — decide cooperation requests with compiled Pacta agreements.

A binding of libpacta (runtime/pacta.h) through ctypes, with the standard
library only::

    import pacta
    m = pacta.Module("model-agreement.so")            # trust="KEY.pub" for signed ones
    d = m.decide({"requesting_party": "XB", "requested_party": "XA", ...})
    d.outcome, d.grounds[0].label, d.grounds[0].reason, d.obligations
    print(d.explain())
    for d in m.decide_many(open("requests.jsonl")):   # streaming, in order
        print(d.json)

A decision's JSON (Decision.json) is exactly the line `pacta eval` writes
for the request; a request libpacta refuses raises InputError, carrying the
runtime's status, line, column and field and the message `pacta eval`
prints.  A Module may be shared by any number of threads, as libpacta's
modules are: each thread decides with request and decision objects of its
own, and the GIL is released while libpacta works.
"""
import ctypes
import datetime
import itertools
import json as _json
import re
import threading

from ._lib import lib, PactaErrorStruct

__all__ = ["Module", "Decision", "Ground", "Field", "Clause", "Obligation", "Years",
           "PactaError", "InputError", "version", "abi_version"]

# Status codes of pacta.h.
OK, ERROR, NOMEM, MISUSE, ABI, NOTFOUND, IO, BADMODULE, RANGE, INPUT, SIGNATURE, UNSUPPORTED = range(12)
_TYPES = ("bool", "int", "date", "days", "years", "enum", "set")
_OUTCOMES = ("grant", "refer", "refuse")
_KINDS = ("clause", "reservation", "declaration")
_BEARERS = (None, "requesting", "requested")
_DAY0 = datetime.date(1, 1, 1)


def version():
    """The version of the libpacta loaded."""
    return lib.pacta_version().decode()


def abi_version():
    """The module ABI that libpacta reads."""
    return lib.pacta_abi_version()


class PactaError(Exception):
    """A libpacta call failed: status (PACTA_* code) and status_name, the
    message, and for a request line its line, column and field."""

    def __init__(self, status, message, line=0, column=0, field=""):
        super().__init__(message)
        self.status = status
        self.status_name = lib.pacta_status_name(status).decode()
        self.message = message
        self.line = line
        self.column = column
        self.field = field

    @classmethod
    def _of(cls, status, err):
        klass = InputError if status == INPUT else cls
        return klass(status, err.message.decode("utf-8", "replace"), err.line, err.column,
                     err.field.decode("utf-8", "replace"))


class InputError(PactaError, ValueError):
    """A request libpacta refused (PACTA_INPUT): `json` is the error line
    `pacta eval` writes for it, {"id": ..., "error": ...}."""
    json = None


class Years(int):
    """A duration in years (an int that says its unit)."""

    def __repr__(self):
        return "Years(%d)" % int(self)


def _s(p):
    return p.decode("utf-8") if p is not None else None


class Field:
    """A request field: name, type ("bool", "int", "date", "days", "years",
    "enum", "set"), type_name as the agreement writes it, required,
    default (a Python value, None without one), members (enum and set)."""
    __slots__ = ("name", "type", "type_name", "required", "default", "members")

    def __repr__(self):
        return "Field(%r, %r%s)" % (self.name, self.type_name, ", required" if self.required else "")


class Clause:
    """A clause, reservation or declaration: label, title, kind, owner (the
    Party of a reservation or declaration), article, article_title,
    article_text."""
    __slots__ = ("label", "title", "kind", "owner", "article", "article_title", "article_text")

    def __repr__(self):
        return "Clause(%r, %r)" % (self.label, self.title)


class Obligation:
    """An obligation the agreement declares: name, type, flag, outcomes it
    goes with, bearer ("requesting", "requested" or None), description."""
    __slots__ = ("name", "type", "flag", "outcomes", "bearer", "description")

    def __repr__(self):
        return "Obligation(%r)" % self.name


class Ground:
    """A ground of a decision: the clause's label, its reason (the `because`
    of its rule that fired, else the clause's title) and whether it is
    discretionary (a `may refuse` the requested Party may invoke)."""
    __slots__ = ("label", "reason", "discretionary")

    def __init__(self, label, reason, discretionary):
        self.label, self.reason, self.discretionary = label, reason, discretionary

    def __repr__(self):
        return "Ground(%r, %r%s)" % (self.label, self.reason, ", discretionary" if self.discretionary else "")

    def __eq__(self, other):
        return isinstance(other, Ground) and (self.label, self.reason, self.discretionary) == \
            (other.label, other.reason, other.discretionary)


def _value(kind, v):
    """A JSON value of a field or obligation as a Python value with its unit."""
    if kind == "date":
        return datetime.date.fromisoformat(v)
    if kind == "days":
        return datetime.timedelta(days=v)
    if kind == "years":
        return Years(v)
    if kind == "set":
        return frozenset(v)
    return v


class _Session:
    """A request, a decision and an answer buffer of one module for one
    thread."""
    __slots__ = ("req", "dec", "buf", "cap", "need", "err")

    def __init__(self, mod):
        self.req, self.dec = ctypes.c_void_p(), ctypes.c_void_p()
        if lib.pacta_request_new(mod, ctypes.byref(self.req)) != OK or \
                lib.pacta_decision_new(mod, ctypes.byref(self.dec)) != OK:
            self.free()
            raise MemoryError("pacta: out of memory")
        self.cap = 1 << 14
        self.buf = ctypes.create_string_buffer(self.cap)
        self.need = ctypes.c_size_t()
        self.err = PactaErrorStruct()

    def free(self):
        lib.pacta_decision_free(self.dec)
        lib.pacta_request_free(self.req)
        self.req = self.dec = None

    def decide(self, line, lineno, trace):
        """pacta_decide_json: (status, the answer's text)."""
        rc = lib.pacta_decide_json(self.req, self.dec, line, len(line), lineno, trace,
                                   self.buf, self.cap, ctypes.byref(self.need), ctypes.byref(self.err))
        if rc == RANGE:
            self.cap = max(self.need.value, 2 * self.cap)
            self.buf = ctypes.create_string_buffer(self.cap)
            rc = lib.pacta_decide_json(self.req, self.dec, line, len(line), lineno, trace,
                                       self.buf, self.cap, ctypes.byref(self.need), ctypes.byref(self.err))
        if rc in (OK, INPUT):
            return rc, ctypes.string_at(self.buf, self.need.value - 1).decode("utf-8")
        return rc, None

    def decide_lines(self, text, lineno, trace):
        """pacta_decide_lines over all of `text` (bytes of lines each
        ending in a newline): the answers, one str a line."""
        base = ctypes.cast(ctypes.c_char_p(text), ctypes.c_void_p).value
        used, wrote = ctypes.c_size_t(), ctypes.c_size_t()
        answers, at = [], 0
        while at < len(text):
            rc = lib.pacta_decide_lines(self.req, self.dec, base + at, len(text) - at, lineno, trace,
                                        self.buf, self.cap, ctypes.byref(used), ctypes.byref(wrote),
                                        ctypes.byref(self.err))
            if rc not in (OK, RANGE):
                raise PactaError._of(rc, self.err)
            if used.value == 0:
                self.cap *= 2
                self.buf = ctypes.create_string_buffer(self.cap)
                continue
            got = ctypes.string_at(self.buf, wrote.value).decode("utf-8").split("\n")
            got.pop()
            answers.extend(got)
            lineno += len(got)
            at += used.value
        return answers


_CHUNK = 256
_WHERE = re.compile(r'line (\d+), column (\d+): (?:field "((?:[^"\\]|\\.)*)": )?')


def _input_error(text):
    """The InputError of an error line {"id": ..., "error": "line L,
    column C: field \"F\": ..."}."""
    message = _json.loads(text)["error"]
    w = _WHERE.match(message)
    e = InputError(INPUT, message, int(w.group(1)) if w else 0, int(w.group(2)) if w else 0,
                   (w.group(3) or "") if w else "")
    e.json = text
    return e


def _line(request):
    """A request as the bytes of one JSON line."""
    if isinstance(request, dict):
        return _encode(request).encode("utf-8")
    if isinstance(request, str):
        request = request.encode("utf-8")
    if isinstance(request, (bytes, bytearray)):
        return bytes(request).rstrip(b"\r\n").replace(b"\n", b" ").replace(b"\r", b" ")
    raise TypeError("pacta: a request is a dict, or its JSON as str or bytes, not %s" % type(request).__name__)


def _to_json(v):
    """Python values with units back to the JSON of a request."""
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, datetime.timedelta):
        return v.days
    if isinstance(v, (set, frozenset)):
        return sorted(v)
    raise TypeError("pacta: %r is not a request value" % (v,))


def _encoder():
    """json.dumps with _to_json for the values with units: the standard
    library's C encoder made once, not once a request as JSONEncoder.encode
    makes it (a third of decide_many's time on dicts); without it, or for
    a value it refuses, JSONEncoder.encode, which says what is wrong."""
    slow = _json.JSONEncoder(default=_to_json).encode
    make = getattr(_json.encoder, "c_make_encoder", None)
    if make is None:
        return slow
    # no circular check (markers None): a request nests at most one list
    fast = make(None, _to_json, _json.encoder.encode_basestring_ascii, None,
                ": ", ", ", False, False, True)

    def encode(o):
        if type(o) is not dict:
            return slow(o)
        try:
            return "".join(fast(o, 0))
        except RecursionError:
            return slow(o)
    return encode


_encode = _encoder()


class Module:
    """A compiled agreement (a native module built by `pacta build`),
    checked as libpacta checks it before it is loaded.  With `trust` (a
    KEY.pub file, 64 hex digits, or a list of them) only a module signed by
    one of those keys loads.  Raises PactaError (status NOTFOUND, IO,
    BADMODULE, ABI, SIGNATURE, ...)."""

    def __init__(self, path, trust=None):
        self._mod = ctypes.c_void_p()
        self._local = threading.local()
        self._sessions = []
        self._lock = threading.Lock()
        self.path = str(path)
        err = PactaErrorStruct()
        tr = None
        try:
            if trust is not None:
                tr = ctypes.c_void_p()
                if lib.pacta_trust_new(ctypes.byref(tr)) != OK:
                    raise PactaError(IO, "cannot start libsodium")
                for key in [trust] if isinstance(trust, (str, bytes)) or hasattr(trust, "__fspath__") else trust:
                    key = str(key)
                    hexkey = len(key) == 64 and all(c in "0123456789abcdefABCDEF" for c in key)
                    add = lib.pacta_trust_add_key_hex if hexkey else lib.pacta_trust_add_key_file
                    rc = add(tr, key.encode(), ctypes.byref(err))
                    if rc != OK:
                        raise PactaError._of(rc, err)
                rc = lib.pacta_module_open_trusted(self.path.encode(), tr, ctypes.byref(self._mod), ctypes.byref(err))
            else:
                rc = lib.pacta_module_open(self.path.encode(), ctypes.byref(self._mod), ctypes.byref(err))
            if rc != OK:
                raise PactaError._of(rc, err)
        finally:
            if tr is not None:
                lib.pacta_trust_free(tr)
        self._describe()

    # ---- what the module holds ----

    def _describe(self):
        m = self._mod
        self.title = _s(lib.pacta_module_title(m))
        self.version = _s(lib.pacta_module_version(m))
        self.compiler_version = _s(lib.pacta_module_compiler_version(m))
        self.source_hash = _s(lib.pacta_module_source_hash(m))
        self.signer = _s(lib.pacta_module_signer(m)) or None
        self.default_outcome = _OUTCOMES[lib.pacta_module_default_outcome(m)]
        self.default_reason = _s(lib.pacta_module_default_reason(m))
        self.text = _s(lib.pacta_module_text(m))
        self.parties = [_s(lib.pacta_module_party(m, i)) for i in range(lib.pacta_module_party_count(m))]
        d = ctypes.c_int64()
        self.effective = _DAY0 + datetime.timedelta(days=d.value) if lib.pacta_module_effective(m, ctypes.byref(d)) else None
        self.expires = _DAY0 + datetime.timedelta(days=d.value) if lib.pacta_module_expires(m, ctypes.byref(d)) else None
        self.fields = []
        for i in range(lib.pacta_field_count(m)):
            f = Field()
            f.name = _s(lib.pacta_field_name(m, i))
            f.type = _TYPES[lib.pacta_field_type(m, i)]
            f.type_name = _s(lib.pacta_field_type_name(m, i))
            f.required = not lib.pacta_field_has_default(m, i)
            dj = lib.pacta_field_default_json(m, i)
            f.default = None if dj is None else _value(f.type, _json.loads(dj))
            f.members = [_s(lib.pacta_field_member_name(m, i, k)) for k in range(lib.pacta_field_member_count(m, i))]
            self.fields.append(f)
        self.clauses = []
        for i in range(lib.pacta_clause_count(m)):
            c = Clause()
            c.label = _s(lib.pacta_clause_label(m, i))
            c.title = _s(lib.pacta_clause_title(m, i))
            c.kind = _KINDS[lib.pacta_clause_kind(m, i)]
            c.owner = _s(lib.pacta_clause_owner(m, i))
            c.article = _s(lib.pacta_clause_article(m, i))
            c.article_title = _s(lib.pacta_clause_article_title(m, i))
            c.article_text = _s(lib.pacta_clause_article_text(m, i))
            self.clauses.append(c)
        self.obligations = []
        self._oblig_type = {}
        for i in range(lib.pacta_obligation_count(m)):
            o = Obligation()
            o.name = _s(lib.pacta_obligation_name(m, i))
            o.flag = bool(lib.pacta_obligation_is_flag(m, i))
            o.type = _TYPES[lib.pacta_obligation_type(m, i)]
            on = lib.pacta_obligation_outcomes(m, i)
            o.outcomes = [x for k, x in enumerate(_OUTCOMES) if on >> k & 1]
            o.bearer = _BEARERS[lib.pacta_obligation_bearer(m, i) % 3]
            o.description = _s(lib.pacta_obligation_description(m, i))
            self.obligations.append(o)
            self._oblig_type[o.name] = o.type
        self._field_by_name = {f.name: f for f in self.fields}
        self._clause_by_label = {c.label: c for c in self.clauses}

    def field(self, name):
        """The Field called `name` (KeyError if there is none)."""
        return self._field_by_name[name]

    def clause(self, label):
        """The Clause labelled `label` (KeyError if there is none)."""
        return self._clause_by_label[label]

    # ---- deciding ----

    def _session(self):
        s = getattr(self._local, "s", None)
        if s is None:
            if not self._mod:
                raise PactaError(MISUSE, "the module is closed")
            s = _Session(self._mod)
            with self._lock:
                self._sessions.append(s)
            self._local.s = s
        return s

    def _decide_line(self, line, lineno, trace):
        rc, text = self._session().decide(line, lineno, 1 if trace else 0)
        if rc == OK:
            return Decision(self, line, text, trace)
        s = self._local.s
        e = PactaError._of(rc, s.err)
        if rc == INPUT:
            e.json = text
        return e

    def decide(self, request, trace=False):
        """Decides one request: a dict (values as JSON, or Python values
        with units: date, timedelta for days, sets), or its JSON as str or
        bytes.  Returns a Decision; raises InputError for a request libpacta
        refuses (e.json is `pacta eval`'s error line)."""
        r = self._decide_line(_line(request), 1, trace)
        if isinstance(r, Exception):
            raise r
        return r

    def decide_many(self, requests, trace=False, errors="raise"):
        """Decides each request of an iterable (dicts, or JSON lines as
        str or bytes: an open JSON Lines file works), yielding the
        decisions in order as they are made.  A refused request raises its
        InputError (whose line is the request's number, from 1), or with
        errors="yield" is yielded in its place, as `pacta eval` writes an
        error line and goes on."""
        if errors not in ("raise", "yield"):
            raise ValueError("errors is 'raise' or 'yield'")
        t = 1 if trace else 0
        it = iter(requests)
        n = 1
        # in chunks, each decided in one call of libpacta
        while True:
            lines = [_line(r) for r in itertools.islice(it, _CHUNK)]
            if not lines:
                return
            answers = self._session().decide_lines(b"\n".join(lines) + b"\n", n, t)
            for line, text in zip(lines, answers):
                if '"outcome": ' in text:
                    yield Decision(self, line, text, trace)
                    continue
                e = _input_error(text)
                if errors == "raise":
                    raise e
                yield e
            n += len(lines)

    def explain_to(self, request, to="grant"):
        """What would it take: the request nearest `request` (fewest
        fields changed) that the agreement decides `to` ("grant", "refer"
        or "refuse"), found with Z3 over the module's embedded source, or
        the proof that none is.  Returns the answer of `pacta explain --to
        OUTCOME --json` as a dict: "to", "answer" ("found", "already",
        "impossible"), "changes" (each "field", "value", "given",
        "clauses"), "request", "decision", "forbidden_by", "scope", "text".
        It takes tens to hundreds of milliseconds.  Raises InputError for a
        request libpacta refuses, PactaError with status UNSUPPORTED where
        the prover (libpacta-prove.so.0, beside libpacta) is not
        installed."""
        outcomes = {"grant": 0, "refer": 1, "refuse": 2}
        if to not in outcomes:
            raise ValueError("to is 'grant', 'refer' or 'refuse'")
        r = self._decide_line(_line(request), 1, False)
        if isinstance(r, Exception):
            raise r
        s = self._local.s
        out, n = ctypes.c_void_p(), ctypes.c_size_t()
        rc = lib.pacta_explain_to(self._mod, s.req, outcomes[to], ctypes.byref(out), ctypes.byref(n),
                                  ctypes.byref(s.err))
        if rc != OK:
            raise PactaError._of(rc, s.err)
        try:
            return _json.loads(ctypes.string_at(out, n.value).decode("utf-8"))
        finally:
            lib.pacta_free(out)

    def close(self):
        """Frees the module and every thread's request and decision; no
        thread may decide with it meanwhile, or after."""
        with self._lock:
            for s in self._sessions:
                s.free()
            self._sessions = []
        self._local = threading.local()
        if self._mod:
            lib.pacta_module_close(self._mod)
            self._mod = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def __repr__(self):
        return "Module(%r, %r, version %r)" % (self.path, self.title, self.version)


class Decision:
    """A decision: json (exactly `pacta eval`'s line), id, outcome
    ("grant", "refer", "refuse"), ground ("clauses", "default",
    "agreement"), grounds (Ground: label, reason, discretionary),
    discretionary (the labels of the discretionary grounds), obligations
    (name -> Python value with its unit: True for a flag, timedelta for
    days, Years, date, str for an enum member, frozenset for a set), trace
    (when decided with trace=True: {"fired": [...], "exempted": [...]}),
    and explain()."""
    __slots__ = ("module", "request", "json", "_trace", "_data", "_grounds")

    def __init__(self, module, request, text, trace):
        self.module, self.request, self.json, self._trace = module, request, text, trace
        self._data = self._grounds = None

    def _d(self):
        if self._data is None:
            self._data = _json.loads(self.json)
        return self._data

    @property
    def id(self):
        return self._d().get("id")

    @property
    def outcome(self):
        return self._d()["outcome"]

    @property
    def ground(self):
        g = self._d()["grounds"]
        return g[0] if g in (["default"], ["agreement"]) else "clauses"

    @property
    def discretionary(self):
        return list(self._d().get("discretionary", []))

    @property
    def obligations(self):
        types = self.module._oblig_type
        return {k: _value(types.get(k), v) for k, v in self._d().get("obligations", {}).items()}

    @property
    def trace(self):
        return self._d().get("trace")

    @property
    def grounds(self):
        if self._grounds is None:
            if self.ground != "clauses":
                self._grounds = []
            else:
                # the reasons are read off libpacta's decision: the request
                # is decided again, which gives the same decision
                s = self.module._session()
                rc, _ = s.decide(self.request, 1, 0)
                if rc != OK:
                    raise PactaError._of(rc, s.err)
                self._grounds = [Ground(_s(lib.pacta_decision_ground_label(s.dec, k)),
                                        _s(lib.pacta_decision_ground_reason(s.dec, k)),
                                        bool(lib.pacta_decision_ground_discretionary(s.dec, k)))
                                 for k in range(lib.pacta_decision_ground_count(s.dec))]
        return self._grounds

    def explain(self):
        """The decision in words, as `pacta explain` writes it (without
        its heading line)."""
        s = self.module._session()
        rc, _ = s.decide(self.request, 1, 0)
        if rc != OK:
            raise PactaError._of(rc, s.err)
        need = ctypes.c_size_t()
        lib.pacta_decision_explain(s.dec, None, 0, ctypes.byref(need))
        buf = ctypes.create_string_buffer(need.value)
        if lib.pacta_decision_explain(s.dec, buf, need.value, None) != OK:
            raise MemoryError("pacta: out of memory")
        return buf.value.decode("utf-8")

    def __repr__(self):
        return "Decision(%s)" % self.json

    def __eq__(self, other):
        return isinstance(other, Decision) and self.json == other.json

    def __hash__(self):
        return hash(self.json)
