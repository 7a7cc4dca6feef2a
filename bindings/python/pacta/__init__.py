"""pacta — decide cooperation requests with compiled Pacta agreements.

A binding of libpacta (runtime/pacta.h) through ctypes, with the standard
library only::

    import pacta
    m = pacta.Module("model-agreement.so")            # trust="KEY.pub" for signed ones
    m.source, [(i.name, i.source) for i in m.imports]  # the texts it was built from
    d = m.decide({"requesting_party": "XB", "requested_party": "XA", ...})
    d.outcome, d.grounds[0].label, d.grounds[0].reason, d.obligations
    print(d.explain())
    for d in m.decide_many(open("requests.jsonl")):   # streaming, in order
        print(d.json)

A decision's JSON (Decision.json) is exactly the line `pacta eval` writes
for the request; a request libpacta refuses raises InputError, carrying the
runtime's status, line, column and field and the message `pacta eval`
prints.  A Module may be shared by any number of threads, as libpacta's
modules are: each call decides with request and decision objects of its
own, taken from a small pool, and the GIL is released while libpacta works.
"""
import contextlib
import ctypes
import datetime
import itertools
import json as _json
import math
import os
import re
import weakref

from ._lib import lib, PactaErrorStruct

__all__ = ["Module", "Decision", "Ground", "Field", "Clause", "Obligation", "Import", "Years", "Days",
           "PactaError", "InputError", "version", "abi_version"]

# Status codes of pacta.h.
OK, ERROR, NOMEM, MISUSE, ABI, NOTFOUND, IO, BADMODULE, RANGE, INPUT, SIGNATURE, UNSUPPORTED = range(12)
_TYPES = ("bool", "int", "date", "days", "years", "enum", "set")
_OUTCOMES = ("grant", "refer", "refuse")
_KINDS = ("clause", "reservation", "declaration")
_BEARERS = (None, "requesting", "requested")
_DAY0 = datetime.date(1, 1, 1)
_TIMEDELTA_DAYS = datetime.timedelta.max.days


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


class Days(int):
    """A duration in days (an int that says its unit), for the numbers of
    days a timedelta cannot hold (beyond 999,999,999 either way), which a
    days field or obligation may: .days is the number, as a timedelta's."""

    @property
    def days(self):
        return int(self)

    def __repr__(self):
        return "Days(%d)" % int(self)


# the unit of each value that says its own, for a request's fields
_UNIT = {Years: "years", Days: "days"}
_UNIT_TYPES = frozenset(_UNIT)


def _s(p):
    return p.decode("utf-8") if p is not None else None


def _text(p, n):
    """The n bytes at p (a source text: no NUL need end it) as a str.  The
    compiler reads UTF-8 only, but libpacta does not check a module's
    texts: a byte that is not UTF-8 comes as U+FFFD, and the module loads."""
    return ctypes.string_at(p, n.value).decode("utf-8", "replace") if p else ""


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


class Import:
    """A file the agreement imports, which the module carries: name, the
    import that first read it as written ("std.mla" for `import std.mla`,
    "parts/xa.pacta" for `import "parts/xa.pacta"`), and source, its text."""
    __slots__ = ("name", "source")

    def __init__(self, name, source):
        self.name, self.source = name, source

    def __repr__(self):
        return "Import(%r)" % self.name

    def __eq__(self, other):
        return isinstance(other, Import) and (self.name, self.source) == (other.name, other.source)


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
        # a valid decision or default may hold more days than a timedelta
        if -_TIMEDELTA_DAYS <= v <= _TIMEDELTA_DAYS:
            return datetime.timedelta(days=v)
        return Days(v)
    if kind == "years":
        return Years(v)
    if kind == "set":
        return frozenset(v)
    return v


class _Handle:
    """An open libpacta module, closed once its Module and every session
    made for it are garbage: a call in progress holds its session, which
    holds the module open however close() and the calls race."""
    __slots__ = ("mod", "__weakref__")

    def __init__(self, mod):
        self.mod = mod
        # not at exit: a daemon thread may still be deciding
        weakref.finalize(self, _close_module, mod).atexit = False


def _close_module(mod):
    lib.pacta_module_close(mod)


def _free_session(req, dec, handle):
    # `handle` (unused) keeps the module open until this has run
    lib.pacta_decision_free(dec)
    lib.pacta_request_free(req)


class _Session:
    """A request, a decision and an answer buffer of one module, for one
    call at a time; freed when it is garbage (the pool drops it)."""
    __slots__ = ("handle", "req", "dec", "buf", "cap", "need", "err", "__weakref__")

    def __init__(self, handle):
        self.handle = handle
        self.req, self.dec = ctypes.c_void_p(), ctypes.c_void_p()
        weakref.finalize(self, _free_session, self.req, self.dec, handle).atexit = False
        if lib.pacta_request_new(handle.mod, ctypes.byref(self.req)) != OK or \
                lib.pacta_decision_new(handle.mod, ctypes.byref(self.dec)) != OK:
            raise MemoryError("pacta: out of memory")
        self.cap = 1 << 14
        self.buf = ctypes.create_string_buffer(self.cap)
        self.need = ctypes.c_size_t()
        self.err = PactaErrorStruct()

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
# sessions kept for the next calls; more, made by calls at once, are freed
_IDLE = max(8, 2 * (os.cpu_count() or 1))
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
    """A request (not a dict) as its bytes, without the line end: a request
    written over several lines keeps them, so that an error names its own
    line and column, and a line end inside a string stays the error it is
    (made a space, it would have been read as one)."""
    if isinstance(request, str):
        request = request.encode("utf-8")
    if isinstance(request, (bytes, bytearray)):
        request = bytes(request)
        return request[:-2] if request.endswith(b"\r\n") else request.rstrip(b"\n")
    raise TypeError("pacta: a request is a dict, or its JSON as str or bytes, not %s" % type(request).__name__)


class _Timedelta(Exception):
    """A timedelta met by the encoder, which cannot see whose value it is:
    only a days field takes one (Module._line_with_days)."""


def _to_json(v):
    """Python values with units back to the JSON of a request."""
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, datetime.timedelta):
        raise _Timedelta
    if isinstance(v, (set, frozenset)):
        return sorted(v)
    raise TypeError("pacta: %r is not a request value" % (v,))


def _encoder():
    """json.dumps with _to_json for the values with units: the standard
    library's C encoder made once, not once a request as JSONEncoder.encode
    makes it (a third of decide_many's time on dicts); without it, or for
    a value it refuses, JSONEncoder.encode, which says what is wrong."""
    slow = _json.JSONEncoder(default=_to_json, allow_nan=False).encode
    make = getattr(_json.encoder, "c_make_encoder", None)
    if make is None:
        return slow
    # no circular check (markers None): a request nests at most one list
    fast = make(None, _to_json, _json.encoder.encode_basestring_ascii, None,
                ": ", ", ", False, False, False)

    def encode(o):
        if type(o) is not dict:
            return slow(o)
        try:
            return "".join(fast(o, 0))
        except RecursionError:
            return slow(o)
    return encode


_encode = _encoder()


def _path(path, what="path"):
    """A path (str, bytes or os.PathLike) as the bytes libpacta reads."""
    try:
        b = os.fsencode(path)
    except TypeError:
        raise TypeError("pacta: a %s is a str, bytes or os.PathLike, not %s"
                        % (what, type(path).__name__)) from None
    if b"\0" in b:
        # C would read it only up to the NUL: another file
        raise ValueError("pacta: the %s %r holds a NUL byte" % (what, path))
    return b


class Module:
    """A compiled agreement (a native module built by `pacta build`),
    checked as libpacta checks it before it is loaded.  With `trust` (a
    KEY.pub file, 64 hex digits, or a list of them) only a module signed by
    one of those keys loads (an empty list is PactaError MISUSE: it would
    trust nothing).  Raises PactaError (status NOTFOUND, IO, BADMODULE,
    ABI, SIGNATURE, ...); TypeError for a path that is not a str, bytes or
    os.PathLike, ValueError for one with a NUL byte."""

    def __init__(self, path, trust=None):
        self._handle = None     # None once closed
        self._idle = []         # sessions no call holds, about _IDLE at most
        mod = ctypes.c_void_p()
        cpath = _path(path)
        self.path = os.fsdecode(cpath)
        if trust is not None and (isinstance(trust, (str, bytes)) or hasattr(trust, "__fspath__")):
            trust = [trust]
        keys = None if trust is None else [_path(k, "key") for k in trust]
        err = PactaErrorStruct()
        tr = None
        try:
            if keys is not None:
                tr = ctypes.c_void_p()
                if lib.pacta_trust_new(ctypes.byref(tr)) != OK:
                    raise PactaError(IO, "cannot start libsodium")
                for key in keys:
                    hexkey = re.fullmatch(rb"[0-9a-fA-F]{64}", key) is not None
                    add = lib.pacta_trust_add_key_hex if hexkey else lib.pacta_trust_add_key_file
                    rc = add(tr, key, ctypes.byref(err))
                    if rc != OK:
                        raise PactaError._of(rc, err)
                rc = lib.pacta_module_open_trusted(cpath, tr, ctypes.byref(mod), ctypes.byref(err))
            else:
                rc = lib.pacta_module_open(cpath, ctypes.byref(mod), ctypes.byref(err))
            if rc != OK:
                raise PactaError._of(rc, err)
        finally:
            if tr is not None:
                lib.pacta_trust_free(tr)
        self._handle = _Handle(mod)
        self._describe(mod)

    # ---- what the module holds ----

    def _describe(self, m):
        self.title = _s(lib.pacta_module_title(m))
        self.version = _s(lib.pacta_module_version(m))
        self.compiler_version = _s(lib.pacta_module_compiler_version(m))
        self.source_hash = _s(lib.pacta_module_source_hash(m))
        # what it was built from: the agreement's text (its canonical form),
        # its file's name ("" from `pacta build`, which records none) and
        # each file it imports, once, in the order they were read
        n = ctypes.c_size_t()
        self.source = _text(lib.pacta_module_source(m, ctypes.byref(n)), n)
        self.source_name = _s(lib.pacta_module_source_name(m))
        self.imports = [Import(_s(lib.pacta_module_import_name(m, k)),
                               _text(lib.pacta_module_import_source(m, k, ctypes.byref(n)), n))
                        for k in range(lib.pacta_module_import_count(m))]
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

    def _acquire(self):
        """A session for one call (from the pool, or new), given back with
        _release; PactaError (MISUSE) once the module is closed."""
        handle = self._handle
        if handle is None:
            raise PactaError(MISUSE, "the module is closed")
        try:
            return self._idle.pop()     # atomic: no lock
        except IndexError:
            return _Session(handle)

    def _release(self, s):
        idle = self._idle
        # close() clears the handle before the pool: a session put back
        # after goes into the pool close() let go of, and is freed with it
        if len(idle) < _IDLE and self._handle is not None:
            idle.append(s)

    def _line(self, request):
        """A request as the bytes of one JSON line."""
        if not isinstance(request, dict):
            return _line(request)
        # Years and Days are ints to the encoder, which would send them
        # as numbers of whatever unit the field has (one look, in C)
        if not _UNIT_TYPES.isdisjoint(map(type, request.values())):
            self._check_units(request)
        try:
            try:
                return _encode(request).encode("utf-8")
            except _Timedelta:
                return self._line_with_days(request)
        except ValueError:
            # NaN and the infinities, which JSON has no way to write,
            # in a field or among a set's members
            for k, v in request.items():
                for x in (v if isinstance(v, (list, tuple, set, frozenset)) else (v,)):
                    if isinstance(x, float) and not math.isfinite(x):
                        raise ValueError("pacta: field %r: %r is not a number JSON can write" % (k, x)) from None
            raise

    def _check_units(self, request):
        """A Years or Days must be the value of a field of its unit."""
        for k, v in request.items():
            unit = _UNIT.get(type(v))
            if unit is None:
                continue
            f = self._field_by_name.get(k)
            if k == "id" or f is not None and f.type != unit:
                raise TypeError("pacta: %r is in %s, which only a %s field takes; %r is %s"
                                % (v, unit, unit, k, "the id" if f is None else "a %s field" % f.type))

    def _line_with_days(self, request):
        """A dict holding timedeltas: each must be a days field's value, in
        whole days (not a years field's, where it would be read as years)."""
        r = dict(request)
        for k, v in r.items():
            if not isinstance(v, datetime.timedelta):
                continue
            f = self._field_by_name.get(k)
            if k == "id" or f is not None and f.type != "days":
                raise TypeError("pacta: %r is a timedelta, which only a days field takes; %r is %s"
                                % (v, k, "the id" if f is None else "a %s field" % f.type))
            if v % datetime.timedelta(days=1):
                raise ValueError("pacta: field %r: %r is not a whole number of days" % (k, v))
            r[k] = v.days
        try:
            return _encode(r).encode("utf-8")
        except _Timedelta:
            raise TypeError("pacta: a timedelta is a days field's value, not a part of one") from None

    def _decide_line(self, line, lineno, trace):
        s = self._acquire()
        try:
            rc, text = s.decide(line, lineno, 1 if trace else 0)
            if rc == OK:
                return Decision(self, line, text, trace)
            e = PactaError._of(rc, s.err)
            if rc == INPUT:
                e.json = text
            return e
        finally:
            self._release(s)

    def decide(self, request, trace=False):
        """Decides one request: a dict (values as JSON, or Python values
        with units: date, timedelta for days, sets), or its JSON as str or
        bytes.  Returns a Decision; raises InputError for a request libpacta
        refuses (e.json is `pacta eval`'s error line), TypeError for a
        timedelta or Days given to a field not of days, or a Years to one
        not of years."""
        r = self._decide_line(self._line(request), 1, trace)
        if isinstance(r, Exception):
            raise r
        return r

    def decide_many(self, requests, trace=False, errors="raise"):
        """Decides each request of an iterable (dicts, or JSON lines as
        str or bytes: an open JSON Lines file works), yielding the
        decisions in order as they are made.  A refused request raises its
        InputError (whose line is the request's number, from 1; for a
        request written over several lines, that number plus the line
        within it, less one), or with errors="yield" is yielded in its
        place, as `pacta eval` writes an error line and goes on."""
        if errors not in ("raise", "yield"):
            raise ValueError("errors is 'raise' or 'yield'")
        t = 1 if trace else 0
        it = iter(requests)
        n = 1
        # in chunks, each decided in one call of libpacta; no session is
        # held while the caller has a decision (it may close the module)
        while True:
            lines = [self._line(r) for r in itertools.islice(it, _CHUNK)]
            if not lines:
                return
            s = self._acquire()
            try:
                if any(b"\n" in l or b"\r" in l for l in lines):
                    # a request over several lines: each decided alone
                    answers = []
                    for i, l in enumerate(lines):
                        rc, text = s.decide(l, n + i, t)
                        if text is None:
                            raise PactaError._of(rc, s.err)
                        answers.append(text)
                else:
                    answers = s.decide_lines(b"\n".join(lines) + b"\n", n, t)
            finally:
                self._release(s)
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
        "clauses"), "request", "decision", "forbidden_by", "scope", "held"
        (the facts no answer moves, a date of submission earlier than
        given or another requesting or requested Party, where they stand
        in the way),
        "text".
        It takes tens to hundreds of milliseconds.  Raises InputError for a
        request libpacta refuses, PactaError with status UNSUPPORTED where
        the prover (libpacta-prove.so.0, beside libpacta) is not
        installed."""
        outcomes = {"grant": 0, "refer": 1, "refuse": 2}
        if to not in outcomes:
            raise ValueError("to is 'grant', 'refer' or 'refuse'")
        line = self._line(request)
        s = self._acquire()
        try:
            rc, text = s.decide(line, 1, 0)
            if rc != OK:
                e = PactaError._of(rc, s.err)
                if rc == INPUT:
                    e.json = text
                raise e
            out, n = ctypes.c_void_p(), ctypes.c_size_t()
            rc = lib.pacta_explain_to(s.handle.mod, s.req, outcomes[to], ctypes.byref(out), ctypes.byref(n),
                                      ctypes.byref(s.err))
            if rc != OK:
                raise PactaError._of(rc, s.err)
        finally:
            self._release(s)
        try:
            return _json.loads(ctypes.string_at(out, n.value).decode("utf-8"))
        finally:
            lib.pacta_free(out)

    def close(self):
        """Frees the module and its requests and decisions: at once, or,
        while other threads decide with it, as their calls end.  Calls
        after, and those of its Decisions, raise PactaError (MISUSE)."""
        self._handle = None
        self._idle = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return "Module(%r, %r, version %r)" % (self.path, self.title, self.version)


class Decision:
    """A decision: json (exactly `pacta eval`'s line), id, outcome
    ("grant", "refer", "refuse"), ground ("clauses", "default",
    "agreement"), grounds (Ground: label, reason, discretionary),
    discretionary (the labels of the discretionary grounds), obligations
    (name -> Python value with its unit: True for a flag, timedelta for
    days (Days beyond a timedelta's range), Years, date, str for an enum
    member, frozenset for a set), trace
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

    @contextlib.contextmanager
    def _again(self):
        """A session holding libpacta's decision of this request: what the
        JSON line does not carry is read off it (deciding again gives the
        same decision)."""
        m = self.module
        s = m._acquire()
        try:
            rc, _ = s.decide(self.request, 1, 0)
            if rc != OK:
                raise PactaError._of(rc, s.err)
            yield s
        finally:
            m._release(s)

    @property
    def grounds(self):
        if self._grounds is None:
            if self.ground != "clauses":
                self._grounds = []
            else:
                with self._again() as s:
                    self._grounds = [Ground(_s(lib.pacta_decision_ground_label(s.dec, k)),
                                            _s(lib.pacta_decision_ground_reason(s.dec, k)),
                                            bool(lib.pacta_decision_ground_discretionary(s.dec, k)))
                                     for k in range(lib.pacta_decision_ground_count(s.dec))]
        return self._grounds

    def explain(self):
        """The decision in words, as `pacta explain` writes it (without
        its heading line)."""
        with self._again() as s:
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
