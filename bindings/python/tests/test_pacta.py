"""test_pacta.py — the Python binding (bindings/python) against the pacta
command: what a module says about itself against `pacta inspect`, the
texts it carries against the files it was built from, decisions and error
lines against `pacta eval` (the example requests, and 10,000 random ones
made from the module's own schema), explanations against `pacta explain`,
signed modules, errors, 8 threads sharing one module, sessions freed,
close() while threads decide, the arguments refused (paths, keys,
timedeltas and Years for fields of other units), and numbers of days
beyond a timedelta.

    PACTA=build/pacta PACTA_LIBRARY=build/libpacta.so.0 \\
        python3 -m unittest discover -s bindings/python/tests -t bindings/python
"""
import datetime
import json
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
try:
    import pacta                      # installed (make python-test installs it with pip)
except ImportError:
    sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
    import pacta

PACTA = os.path.abspath(os.environ.get("PACTA", os.path.join(ROOT, "build", "pacta")))
EXAMPLE = os.path.join(ROOT, "examples", "model-agreement")


def run(*args, check=True):
    return subprocess.run([PACTA] + list(args), cwd=ROOT, capture_output=True, text=True, check=check).stdout


def read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()


def utf8(path):
    """A file's text, its bytes as they are (no newline translated)."""
    with open(path, "rb") as f:
        return f.read().decode("utf-8")


# an agreement importing nothing, in the canonical layout (the Go
# binding's tests read it too)
SOLO = utf8(os.path.join(ROOT, "tests", "bindings", "solo.pacta"))


def random_requests(module, n, seed):
    """n requests over the module's schema, about one in 25 broken."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        r = {"id": i if i % 3 else "r-%d" % i}
        for f in module.fields:
            if not f.required and rnd.random() < 0.3:
                continue
            if f.type == "bool":
                v = rnd.random() < 0.5
            elif f.type == "int":
                v = rnd.randint(-5, 60)
            elif f.type == "days":
                v = rnd.randint(0, 800)
            elif f.type == "years":
                v = rnd.randint(0, 12)
            elif f.type == "date":
                v = (datetime.date(2020, 1, 1) + datetime.timedelta(days=rnd.randint(0, 8000))).isoformat()
            elif f.type == "enum" and module.parties and module.parties[0] in f.members and rnd.random() < 0.9:
                v = rnd.choice(module.parties)
            elif f.type == "enum":
                v = rnd.choice(f.members[:8] + [rnd.choice(f.members)])
            else:
                v = rnd.sample(f.members, rnd.randint(0, min(3, len(f.members))))
            r[f.name] = v
        k = rnd.random()
        if k < 0.01:
            r["no_such_field"] = 1
        elif k < 0.02:
            r[module.fields[0].name] = "NOT_A_MEMBER"
        elif k < 0.03:
            del r[[f.name for f in module.fields if f.required][0]]
        elif k < 0.04:
            out.append(json.dumps(r)[:-3])          # malformed
            continue
        out.append(json.dumps(r))
    return out


class PactaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="pacta-python-")
        cls.so = os.path.join(cls.tmp, "model.so")
        run("build", EXAMPLE + ".pacta", "-o", cls.so)
        cls.m = pacta.Module(cls.so)
        with open(EXAMPLE + ".jsonl") as f:
            cls.lines = f.read().splitlines()

    @classmethod
    def tearDownClass(cls):
        cls.m.close()
        shutil.rmtree(cls.tmp)

    def eval_lines(self, path, trace=False):
        args = ["eval"] + (["--trace"] if trace else []) + [self.so, path]
        return run(*args, check=False).splitlines()

    # ---- what the module holds ----

    def test_metadata(self):
        m = self.m
        self.assertEqual(m.title, "Model Agreement on Cooperation against Cybercrime")
        self.assertEqual(m.version, "2.1")
        self.assertEqual(m.parties, ["XA", "XB"])
        self.assertEqual(m.effective, datetime.date(2025, 1, 1))
        self.assertEqual(m.expires, datetime.date(2035, 12, 31))
        self.assertIsNone(m.signer)
        self.assertEqual(m.default_outcome, "refuse")
        inspect = run("inspect", self.so)
        self.assertIn("sha256:" + m.source_hash, inspect)
        for f in m.fields:
            # `pacta inspect` shows a field's default after " = "
            self.assertRegex(inspect, r"\n  %s +%s%s\n" % (f.name, f.type_name, "  \\(required\\)" if f.required else " = [^\n]+"))
            self.assertEqual(f.required, f.default is None)
        self.assertEqual(m.field("requesting_party").type, "enum")
        self.assertIn("XA", m.field("requesting_party").members)
        defaults = {f.name: f.default for f in m.fields if f.default is not None}
        self.assertTrue(defaults, "some field has a default")
        labels = [c.label for c in m.clauses]
        self.assertEqual(labels[:2], ["1.1", "1.2"])
        self.assertEqual(m.clause("1.1").article, "1")
        self.assertEqual(m.clause("1.1").kind, "clause")
        self.assertEqual([o.name for o in m.obligations][:2], ["retain_at_most", "no_onward_transfer"])
        self.assertEqual(m.obligations[0].type, "days")
        self.assertTrue(m.obligations[1].flag)
        with self.assertRaises(KeyError):
            m.field("nothing")

    def test_sources(self):
        # the module carries the agreement's text and each file it imports,
        # once, named by the import that first read it (as `pacta inspect`
        # lists them): a Party's reservations and the standard library
        ex = os.path.join(ROOT, "examples")
        so = os.path.join(self.tmp, "budapest.so")
        run("build", os.path.join(ex, "budapest.pacta"), "-o", so)
        std = os.path.join(ROOT, "stdlib", "std")
        want = [("std.mla", os.path.join(std, "mla.pacta")),
                ("std.countries", os.path.join(std, "countries.pacta")),
                ("std.offences", os.path.join(std, "offences.pacta")),
                ("std.privacy", os.path.join(std, "privacy.pacta")),
                ("budapest-reservations-XA.pacta", os.path.join(ex, "budapest-reservations-XA.pacta")),
                ("budapest-reservations-XD.pacta", os.path.join(ex, "budapest-reservations-XD.pacta"))]
        with pacta.Module(so) as m:
            self.assertEqual(m.source, utf8(os.path.join(ex, "budapest.pacta")))
            self.assertEqual(m.source_name, "")     # `pacta build` records none
            self.assertEqual([i.name for i in m.imports], [name for name, _ in want])
            for i, (name, path) in zip(m.imports, want):
                self.assertIs(type(i), pacta.Import)
                self.assertEqual(i.source, utf8(path), name)
            self.assertEqual(m.imports[0], pacta.Import("std.mla", utf8(want[0][1])))
            self.assertNotEqual(m.imports[0], pacta.Import("std.mla", ""))
            self.assertEqual(repr(m.imports[4]), "Import('budapest-reservations-XA.pacta')")
            inspect = run("inspect", so)
            self.assertIn("of the agreement's %d bytes" % len(m.source.encode()), inspect)
            listed = re.findall(r"\n  (\S+)(?: \(in \S+\))? +(\d+) bytes", inspect)
            self.assertEqual(listed, [(i.name, str(len(i.source.encode()))) for i in m.imports])
        # the model agreement imports the standard library only
        self.assertEqual([i.name for i in self.m.imports],
                         ["std.mla", "std.countries", "std.offences", "std.privacy"])
        self.assertEqual(self.m.source, utf8(EXAMPLE + ".pacta"))

    def test_sources_no_imports(self):
        # an agreement importing nothing: its text (not ASCII) and no files;
        # the text is the canonical form, the layout `pacta fmt` gives it
        path = os.path.join(self.tmp, "solo.pacta")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(SOLO)
        run("fmt", "--check", path)
        so = os.path.join(self.tmp, "solo.so")
        run("build", path, "-o", so)
        with pacta.Module(so) as m:
            self.assertEqual((m.source, m.source_name, m.imports), (SOLO, "", []))
        ugly = os.path.join(self.tmp, "solo-crlf.pacta")
        with open(ugly, "w", encoding="utf-8", newline="") as f:
            f.write(SOLO.replace("grant when", "grant   when").replace("\n", "  \r\n"))
        run("build", ugly, "-o", so)
        with pacta.Module(so) as m:
            self.assertEqual(m.source, SOLO)

    # ---- deciding ----

    def test_decide_as_eval(self):
        want = self.eval_lines(EXAMPLE + ".jsonl")
        for line, w in zip(self.lines, want):
            try:
                got = self.m.decide(line).json
            except pacta.InputError as e:
                got = e.json.replace('"line 1, ', '"line %d, ' % (self.lines.index(line) + 1))
            self.assertEqual(got, w)
        got = [d.json for d in self.m.decide_many(self.lines, errors="yield")]
        self.assertEqual(got, want)
        got = [d.json for d in self.m.decide_many((json.loads(l) if '"hacking"' not in l else l for l in self.lines),
                                                  errors="yield")]
        self.assertEqual(got, want)
        want = self.eval_lines(EXAMPLE + ".jsonl", trace=True)
        self.assertEqual([d.json for d in self.m.decide_many(self.lines, trace=True, errors="yield")], want)

    def test_decision(self):
        d = self.m.decide(self.lines[0])
        self.assertEqual(d.outcome, "grant")
        self.assertEqual(d.id, 1)
        self.assertEqual(d.ground, "clauses")
        self.assertEqual(d.grounds, [pacta.Ground("1.1", "the offence is a core cybercrime punishable by at least four years",
                                                  False)])
        self.assertEqual(d.obligations, {"retain_at_most": datetime.timedelta(days=180), "no_onward_transfer": True})
        self.assertIsNone(d.trace)
        t = self.m.decide(self.lines[0], trace=True).trace
        self.assertEqual(t["fired"][0], {"clause": "1.1", "action": "grant"})
        req = json.loads(self.lines[0])
        req["submitted"] = datetime.date(2026, 3, 1)
        req["data"] = {"subscriber"}
        self.assertEqual(self.m.decide(req).json, d.json)
        # dicts through the encoder made once, as their lines (the error
        # lines' columns aside)
        as_dicts = [x.json for x in self.m.decide_many([json.loads(l) for l in self.lines], errors="yield")]
        as_lines = [x.json for x in self.m.decide_many(self.lines, errors="yield")]
        self.assertEqual(len(as_dicts), len(self.lines))
        for x, y in zip(as_dicts, as_lines):
            self.assertEqual(x if '"outcome"' in x else json.loads(x)["id"], y if '"outcome"' in y else json.loads(y)["id"])
        loop = dict(req)
        loop["self"] = loop
        with self.assertRaises(ValueError):
            self.m.decide(loop)
        refused = [d for d in self.m.decide_many(self.lines, errors="yield")
                   if isinstance(d, pacta.Decision) and d.outcome == "refuse"]
        self.assertTrue(refused)
        self.assertTrue(all(g.reason for d in refused for g in d.grounds))

    def test_explain(self):
        with open(os.path.join(self.tmp, "req.json"), "w") as f:
            f.write(self.lines[4])
        want = run("explain", self.so, os.path.join(self.tmp, "req.json")).split("\n", 1)[1]
        self.assertEqual(self.m.decide(self.lines[4]).explain(), want)

    def test_explain_to(self):
        # the first example request the agreement refuses, made granted:
        # the request found is granted by the module and by the interpreter
        answers = run("eval", self.so, EXAMPLE + ".jsonl", check=False).splitlines()
        refused = next(l for l, a in zip(self.lines, answers) if '"outcome": "refuse"' in a)
        a = self.m.explain_to(refused, "grant")
        self.assertEqual((a["to"], a["answer"]), ("grant", "found"))
        given = json.loads(refused)
        self.assertEqual({k for k, v in a["request"].items() if given.get(k) != v},
                         {c["field"] for c in a["changes"]})
        self.assertEqual(self.m.decide(a["request"]).outcome, "grant")
        path = os.path.join(self.tmp, "found.json")
        with open(path, "w") as f:
            json.dump(a["request"], f)
        self.assertIn('"outcome": "grant"', run("eval", EXAMPLE + ".pacta", path))
        # the same words as the command line's
        with open(os.path.join(self.tmp, "refused.json"), "w") as f:
            f.write(refused)
        want = run("explain", "--to", "grant", self.so, os.path.join(self.tmp, "refused.json"))
        self.assertEqual(a["text"], want.split("\n", 1)[1])
        # already refused
        self.assertEqual(self.m.explain_to(refused, "refuse")["answer"], "already")
        with self.assertRaises(ValueError):
            self.m.explain_to(refused, "maybe")
        with self.assertRaises(pacta.InputError):
            self.m.explain_to(self.lines[-1], "grant")

    def test_explain_to_imports(self):
        # a module carries the files its agreement imports: the prover
        # reads them from it, with the agreement's sources gone and other
        # files of those names where it could look
        src = os.path.join(self.tmp, "src")
        mods = os.path.join(self.tmp, "mods")
        os.makedirs(src, exist_ok=True)
        os.makedirs(mods, exist_ok=True)
        for f in ("un-convention.pacta", "un-convention-parties.pacta", "un-convention-reservations-XB.pacta"):
            shutil.copy(os.path.join(ROOT, "examples", f), src)
        so = os.path.join(mods, "un.so")
        run("build", os.path.join(src, "un-convention.pacta"), "-o", so)
        shutil.rmtree(src)
        with open(os.path.join(mods, "un-convention-parties.pacta"), "w") as f:
            f.write("this is not a Pacta source\n")
        with open(os.path.join(ROOT, "examples", "un-convention.jsonl")) as f:
            first = f.readline()
        code = ("import pacta, sys\n"
                "m = pacta.Module(sys.argv[1])\n"
                "try:\n"
                "    print(m.explain_to(sys.argv[2], 'refuse')['answer'])\n"
                "except pacta.PactaError as e:\n"
                "    print(e.status_name, e.message)\n")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path), PACTA_PATH=mods)
        if env.get("PACTA_LIBRARY"):   # run from elsewhere
            env["PACTA_LIBRARY"] = os.path.join(ROOT, env["PACTA_LIBRARY"])
        out = subprocess.run([sys.executable, "-c", code, so, first], env=env, capture_output=True,
                             text=True, cwd=self.tmp).stdout
        self.assertIn(out.strip(), ("found", "already"), out)

    def test_explain_to_without_prover(self):
        code = ("import pacta, sys\n"
                "m = pacta.Module(sys.argv[1])\n"
                "try:\n"
                "    m.explain_to(sys.argv[2])\n"
                "except pacta.PactaError as e:\n"
                "    print(e.status == pacta.UNSUPPORTED, e.status_name, e.message)\n")
        env = dict(os.environ, PACTA_PROVE_LIBRARY="/nonexistent/libpacta-prove.so.0",
                   PYTHONPATH=os.pathsep.join(sys.path))
        out = subprocess.run([sys.executable, "-c", code, self.so, self.lines[0]], env=env,
                             capture_output=True, text=True).stdout
        self.assertTrue(out.startswith("True PACTA_UNSUPPORTED what would it take needs the prover, "
                                       "libpacta-prove.so.0, which could not be loaded: /nonexistent/"), out)

    def test_explain_to_without_prover_says_where(self):
        """No PACTA_PROVE_LIBRARY, and no prover beside libpacta: the error
        says where it was looked for (a copy of libpacta alone in a
        directory of its own)."""
        lib = os.path.join(ROOT, os.environ["PACTA_LIBRARY"])
        alone = os.path.join(self.tmp, "alone")
        os.makedirs(alone, exist_ok=True)
        shutil.copy(lib, os.path.join(alone, "libpacta.so.0"))
        code = ("import pacta, sys\n"
                "m = pacta.Module(sys.argv[1])\n"
                "try:\n"
                "    m.explain_to(sys.argv[2])\n"
                "except pacta.PactaError as e:\n"
                "    print(e.message)\n")
        env = {k: v for k, v in os.environ.items() if k not in ("PACTA_PROVE_LIBRARY", "LD_LIBRARY_PATH")}
        env.update(PACTA_LIBRARY=os.path.join(alone, "libpacta.so.0"), PYTHONPATH=os.pathsep.join(sys.path))
        out = subprocess.run([sys.executable, "-c", code, self.so, self.lines[0]], env=env,
                             capture_output=True, text=True).stdout
        self.assertIn("which could not be loaded: not in %s/ or its ../lib/; libpacta-prove.so.0: "
                      "cannot open shared object file" % alone, out)

    def test_input_errors(self):
        with self.assertRaises(pacta.InputError) as c:
            self.m.decide(self.lines[-1])
        e = c.exception
        self.assertEqual((e.status, e.status_name, e.line, e.field), (pacta.INPUT, "PACTA_INPUT", 1, "max_penalty"))
        self.assertGreater(e.column, 0)
        self.assertIn("missing", e.message)
        self.assertTrue(e.json.startswith('{"id": 17, "error": "line 1, column '))
        with self.assertRaises(pacta.InputError) as c:
            list(self.m.decide_many(self.lines))
        self.assertEqual(c.exception.line, 16)
        self.assertEqual(c.exception.field, "offence")
        with self.assertRaises(pacta.InputError):
            self.m.decide("{")
        with self.assertRaises(pacta.InputError):
            self.m.decide("")
        with self.assertRaises(TypeError):
            self.m.decide(42)
        with self.assertRaises(ValueError):
            list(self.m.decide_many([], errors="ignore"))

    def test_request_over_several_lines(self):
        """A request written over several lines keeps them: an error names
        its own line and column, and a line end inside a string is the
        error it is, not a space (decide and decide_many alike)."""
        req = json.loads(self.lines[0])
        pretty = json.dumps(req, indent=2)
        self.assertEqual(self.m.decide(pretty).outcome, self.m.decide(req).outcome)
        bad = json.dumps(dict(req, offence="hacking"), indent=2)
        line, col = next((i, l.index('"hacking"') + 1) for i, l in enumerate(bad.split("\n"), 1) if "hacking" in l)
        self.assertGreater(line, 1)
        with self.assertRaises(pacta.InputError) as c:
            self.m.decide(bad)
        self.assertEqual((c.exception.line, c.exception.column, c.exception.field), (line, col, "offence"))
        # a raw line end in the id: JSON forbids it, and "a b" is another id
        raw = json.dumps(dict(req, id="a b")).replace("a b", "a\nb")
        for call in (lambda: self.m.decide(raw), lambda: list(self.m.decide_many([self.lines[0], raw]))):
            with self.assertRaises(pacta.InputError) as c:
                call()
            self.assertIn("control character in a string", c.exception.message)
        got = list(self.m.decide_many([self.lines[0], pretty, raw], errors="yield"))
        self.assertEqual([type(g).__name__ for g in got], ["Decision", "Decision", "InputError"])
        self.assertEqual(got[2].line, 3)

    def test_non_finite_numbers(self):
        """NaN and the infinities, which JSON cannot write, are refused
        naming their field, not sent as text libpacta cannot read."""
        req = json.loads(self.lines[0])
        for v in (float("nan"), float("inf"), float("-inf")):
            for call in (lambda: self.m.decide(dict(req, max_penalty=v)),
                         lambda: list(self.m.decide_many([dict(req, max_penalty=v)]))):
                with self.assertRaisesRegex(ValueError, "field 'max_penalty': .* not a number JSON can write"):
                    call()
        with self.assertRaisesRegex(ValueError, "field 'data': inf is not a number JSON can write"):
            self.m.decide(dict(req, data=[float("inf")]))

    def test_module_errors(self):
        with self.assertRaises(pacta.PactaError) as c:
            pacta.Module(os.path.join(self.tmp, "absent.so"))
        self.assertEqual(c.exception.status_name, "PACTA_NOTFOUND")
        bad = os.path.join(self.tmp, "bad.so")
        with open(bad, "wb") as f:
            f.write(read(self.so, "rb")[:2000])
        with self.assertRaises(pacta.PactaError) as c:
            pacta.Module(bad)
        self.assertEqual(c.exception.status, pacta.BADMODULE)

    def test_signed(self):
        key, other = os.path.join(self.tmp, "key"), os.path.join(self.tmp, "other")
        signed = os.path.join(self.tmp, "signed.so")
        run("keygen", key)
        run("keygen", other)
        run("build", "--sign", key, EXAMPLE + ".pacta", "-o", signed)
        with pacta.Module(signed, trust=key + ".pub") as m:
            self.assertEqual(m.signer, read(key + ".pub").split()[1])
            self.assertEqual(m.decide(self.lines[0]).json, self.m.decide(self.lines[0]).json)
        with pacta.Module(signed, trust=[other + ".pub", read(key + ".pub").split()[1]]) as m:
            self.assertIsNotNone(m.signer)
        for trust, path in ((other + ".pub", signed), (key + ".pub", self.so)):
            with self.assertRaises(pacta.PactaError) as c:
                pacta.Module(path, trust=trust)
            self.assertEqual(c.exception.status_name, "PACTA_SIGNATURE")

    def test_differential_10000(self):
        reqs = random_requests(self.m, 10000, 17)
        path = os.path.join(self.tmp, "random.jsonl")
        with open(path, "w") as f:
            f.write("\n".join(reqs) + "\n")
        want = self.eval_lines(path)
        got = [d.json for d in self.m.decide_many(reqs, errors="yield")]
        self.assertEqual(len(got), 10000)
        bad = sum(1 for g in got if '"error"' in g and '"outcome"' not in g)
        self.assertTrue(100 < bad < 1000, bad)
        self.assertEqual(len(set(json.loads(g).get("outcome") for g in got)), 4)    # and errors
        for k, (g, w) in enumerate(zip(got, want)):
            self.assertEqual(g, w, "request %d: %s" % (k + 1, reqs[k]))
        self.assertEqual(len(want), 10000)

    def test_threads(self):
        reqs = random_requests(self.m, 2000, 5)
        want = [d.json for d in self.m.decide_many(reqs, errors="yield")]
        failures = []

        def work(t):
            order = list(range(len(reqs)))
            random.Random(t).shuffle(order)
            for i in order[:1000]:
                try:
                    got = self.m.decide(reqs[i]).json
                except pacta.InputError as e:
                    got = e.json.replace('"line 1, ', '"line %d, ' % (i + 1))
                if got != want[i]:
                    failures.append((t, i, got))
            got = [d.json for d in self.m.decide_many(reqs, errors="yield")]
            if got != want:
                failures.append((t, "decide_many"))

        threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])

    def test_close(self):
        m = pacta.Module(self.so)
        m.decide(self.lines[0])
        m.close()
        m.close()
        with self.assertRaises(pacta.PactaError):
            m.decide(self.lines[0])


    # ---- sessions, closing, arguments ----

    def test_sessions_freed(self):
        # each short-lived thread decides; its request and decision do not
        # outlive the call (many at once: no more than the pool keeps)
        with LiveRequests() as live:
            m = pacta.Module(self.so)
            for _ in range(300):
                t = threading.Thread(target=m.decide, args=(self.lines[0],))
                t.start()
                t.join()
            self.assertLessEqual(live.count, 2)
            start = threading.Barrier(32)

            def decide():
                start.wait()
                m.decide(self.lines[0])
            threads = [threading.Thread(target=decide) for _ in range(32)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertLessEqual(live.count, max(8, 2 * (os.cpu_count() or 1)))
            m.close()
            self.assertEqual(live.count, 0)

    def test_close_while_deciding(self):
        # other threads deciding meanwhile: each call decides, or raises
        # PactaError (MISUSE) once the module is closed; nothing is left
        for _ in range(3):
            with LiveRequests() as live:
                m = pacta.Module(self.so)
                seen = []

                def work(k):
                    try:
                        while True:
                            if k % 3 == 0:
                                m.decide(self.lines[0]).grounds
                            elif k % 3 == 1:
                                for d in m.decide_many(self.lines, errors="yield"):
                                    pass
                            else:
                                m.decide(self.lines[4]).explain()
                    except pacta.PactaError as e:
                        seen.append((e.status, e.message))
                    except Exception as e:
                        seen.append(e)
                threads = [threading.Thread(target=work, args=(k,)) for k in range(6)]
                for t in threads:
                    t.start()
                time.sleep(0.1)
                m.close()
                for t in threads:
                    t.join()
                self.assertEqual(seen, [(pacta.MISUSE, "the module is closed")] * 6)
                self.assertEqual(live.count, 0)

    def test_path_arguments(self):
        for bad in (None, 123, 1.5):
            with self.assertRaises(TypeError):
                pacta.Module(bad)
        for path in (os.fsencode(self.so), pathlib.Path(self.so)):
            with pacta.Module(path) as m:
                self.assertEqual(m.path, self.so)
                self.assertEqual(m.decide(self.lines[0]).json, self.m.decide(self.lines[0]).json)
        for bad in (self.so + "\0junk", os.fsencode(self.so) + b"\0junk"):
            with self.assertRaises(ValueError):
                pacta.Module(bad)
        with self.assertRaises(pacta.PactaError) as c:
            pacta.Module(self.so, trust=[])            # it would trust nothing
        self.assertEqual(c.exception.status, pacta.MISUSE)
        with self.assertRaises(TypeError):
            pacta.Module(self.so, trust=[None])
        with self.assertRaises(ValueError):
            pacta.Module(self.so, trust="ab" * 32 + "\0")
        with self.assertRaises(pacta.PactaError) as c:
            pacta.Module(self.so, trust=b"ab" * 32)    # a key as bytes, not b'...'
        self.assertEqual(c.exception.status_name, "PACTA_SIGNATURE")
        # a NUL in a request's value goes as \u0000, which libpacta refuses
        with self.assertRaises(pacta.InputError):
            self.m.decide(dict(json.loads(self.lines[0]), offence="illegal_access\0junk"))

    def test_timedelta_only_for_days(self):
        req = json.loads(self.lines[0])
        want = self.m.decide(dict(req, duration=30)).json
        self.assertEqual(self.m.decide(dict(req, duration=datetime.timedelta(days=30))).json, want)
        self.assertEqual([d.json for d in self.m.decide_many([dict(req, duration=datetime.timedelta(days=30))])],
                         [want])
        for name, v, error in (("max_penalty", datetime.timedelta(days=5), TypeError),       # years
                               ("targets", datetime.timedelta(days=1), TypeError),           # int
                               ("id", datetime.timedelta(days=1), TypeError),
                               ("data", {datetime.timedelta(days=1)}, TypeError),
                               ("duration", [datetime.timedelta(days=1)], TypeError),
                               ("duration", datetime.timedelta(hours=36), ValueError)):
            with self.assertRaises(error, msg=name):
                self.m.decide(dict(req, **{name: v}))
            with self.assertRaises(error, msg=name):
                list(self.m.decide_many([dict(req, **{name: v})]))

    def test_units_only_for_their_fields(self):
        # a Years (or Days) is an int that says its unit: it goes only to
        # a field of that unit, as a timedelta only to a days field; a
        # Years for a days field was read as so many days
        req = json.loads(self.lines[0])
        for name, v in (("max_penalty", pacta.Years(5)), ("duration", pacta.Days(30))):
            want = self.m.decide(dict(req, **{name: int(v)})).json
            self.assertEqual(self.m.decide(dict(req, **{name: v})).json, want)
            self.assertEqual([d.json for d in self.m.decide_many([dict(req, **{name: v})])], [want])
        for name, v in (("duration", pacta.Years(5)),           # days
                        ("targets", pacta.Years(1)),            # int
                        ("id", pacta.Years(1)),
                        ("max_penalty", pacta.Days(5))):        # years
            with self.assertRaisesRegex(TypeError, repr(name), msg=name):
                self.m.decide(dict(req, **{name: v}))
            with self.assertRaises(TypeError, msg=name):
                list(self.m.decide_many([dict(req, **{name: v})]))

    def test_days_beyond_timedelta(self):
        # a valid decision is read without error whatever its durations: a
        # number of days a timedelta cannot hold comes as pacta.Days
        so = os.path.join(self.tmp, "rights.so")
        run("build", os.path.join(ROOT, "examples", "rights-protective.pacta"), "-o", so)
        with pacta.Module(so) as m:
            req = json.loads(read(os.path.join(ROOT, "examples", "rights-protective.jsonl")).splitlines()[0])
            self.assertEqual(m.field("deadline_requested").type, "days")
            for n in (10, 999999999, 10**9, 2**62):
                d = m.decide(dict(req, deadline_requested=n))
                self.assertEqual(d.outcome, "grant")
                got = d.obligations["respond_within"]
                if n <= 999999999:
                    self.assertEqual(got, datetime.timedelta(days=n))
                else:
                    self.assertIs(type(got), pacta.Days)
                    self.assertEqual((got, got.days, repr(got)), (n, n, "Days(%d)" % n))
                # given back, it is that request again
                self.assertEqual(m.decide(dict(req, deadline_requested=got)).json, d.json)


class LiveRequests:
    """Counts the requests libpacta has made and not freed while it is
    entered, whatever the binding does with them."""

    def __enter__(self):
        lib = pacta._lib.lib
        self.new, self.free = lib.pacta_request_new, lib.pacta_request_free
        self.made = self.freed = 0
        lock = threading.Lock()     # += is no atomic step between threads

        def new(*args):
            rc = self.new(*args)
            with lock:
                self.made += rc == pacta.OK
            return rc

        def free(req):
            self.free(req)
            with lock:
                self.freed += bool(req)
        lib.pacta_request_new, lib.pacta_request_free = new, free
        return self

    @property
    def count(self):
        return self.made - self.freed

    def __exit__(self, *exc):
        pacta._lib.lib.pacta_request_new, pacta._lib.lib.pacta_request_free = self.new, self.free


if __name__ == "__main__":
    unittest.main()
