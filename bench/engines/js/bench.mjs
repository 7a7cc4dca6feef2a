// bench.mjs — decides the seeded requests with one engine, checks every
// decision against Pacta's (the canonical lines engines_c wrote) and times it:
//   node bench.mjs ENGINE REQUESTS.jsonl CONSTS.json EXPECTED.canon OUTDIR PASSES
// ENGINE is plainjs, cedar, casl or cel.  Appends one JSON line of figures to
// OUTDIR/results.jsonl; exits 1, after printing the requests, when any
// decision differs from Pacta's.  Also:
//   node bench.mjs --eval-output EVAL.jsonl EXPECTED.canon
// checks `pacta eval` output (JSON decisions) against the same lines.
import { readFileSync, appendFileSync } from "node:fs";
import { canonical, loadConsts } from "./common.mjs";

function evalCanon(line) {
  const d = JSON.parse(line);
  if (d.error) return "error " + d.error;
  return canonical({ outcome: d.outcome, grounds: d.grounds, obligations: d.outcome === "refuse" ? null : d.obligations ?? {} });
}

function compare(what, got, expected, requests) {
  let bad = 0;
  for (let i = 0; i < expected.length; i++) {
    if (got[i] === expected[i]) continue;
    if (bad++ < 10)
      console.error(`DISAGREE ${what}, request ${i + 1}: ${requests ? requests[i] : ""}\n  pacta: ${expected[i]}\n  ${what}: ${got[i]}`);
  }
  if (bad) console.error(`${what}: ${bad} of ${expected.length} decisions differ from Pacta's`);
  return bad;
}

const lines = (p) => readFileSync(p, "utf8").split("\n").filter((l) => l.length);
const args = process.argv.slice(2);
if (args[0] === "--eval-output") {
  const exp = lines(args[2]);
  const got = lines(args[1]).map(evalCanon);
  if (got.length !== exp.length) { console.error(`pacta eval: ${got.length} decisions for ${exp.length} requests`); process.exit(1); }
  process.exit(compare("pacta eval", got, exp, null) ? 1 : 0);
}
const [engineName, reqPath, constsPath, expPath, outdir, passesArg] = args;
const engine = await import(`./engines/${engineName}.mjs`);
const requests = lines(reqPath);
const expected = lines(expPath);
const consts = loadConsts(constsPath);
const parsed = requests.map((l) => JSON.parse(l));

globalThis.gc?.();
const rss0 = process.memoryUsage().rss;
let t0 = process.hrtime.bigint();
const st = engine.setup(consts);
const setupMs = Number(process.hrtime.bigint() - t0) / 1e6;
const setupKb = Math.round((process.memoryUsage().rss - rss0) / 1024);
const inputs = parsed.map((r) => engine.prepare(st, r));
const n = inputs.length;

// agreement first: every decision, canonical, against Pacta's
t0 = process.hrtime.bigint();
const got = inputs.map((x) => canonical(engine.decide(st, x)));
const est = Number(process.hrtime.bigint() - t0) / n;   // ns per decision, roughly
// timing on all requests, or on the first m of them for a slow engine
// (one pass of about 5 s at most)
const m = Math.min(n, Math.max(1000, Math.floor(5e9 / est)));
const bad = compare(engine.name, got, expected, requests);

// warm-up, then passes; a slow engine gets fewer passes
let sink = 0;
t0 = process.hrtime.bigint();
for (let i = 0; i < m; i++) sink += engine.decide(st, inputs[i]).grounds.length;
const warm = Number(process.hrtime.bigint() - t0) / 1e9;
let passes = Number(passesArg);
if (warm * passes > 20) passes = Math.max(1, Math.min(passes, 3));
const times = [];
for (let p = 0; p < passes; p++) {
  t0 = process.hrtime.bigint();
  for (let i = 0; i < m; i++) sink += engine.decide(st, inputs[i]).grounds.length;
  times.push(Number(process.hrtime.bigint() - t0));
}
times.sort((a, b) => a - b);
const ns = times[Math.floor(passes / 2)] / m;
// latency, one decision at a time, less the timer's own cost
const ov = [];
for (let i = 0; i < 10001; i++) { const a = process.hrtime.bigint(); ov.push(Number(process.hrtime.bigint() - a)); }
ov.sort((a, b) => a - b);
const overhead = ov[5000];
const lat = new Float64Array(m);
for (let i = 0; i < m; i++) {
  const a = process.hrtime.bigint();
  sink += engine.decide(st, inputs[i]).grounds.length;
  lat[i] = Math.max(0, Number(process.hrtime.bigint() - a) - overhead);
}
lat.sort();
const res = {
  engine: engine.name, how: `${engineName}.mjs, node ${process.version}`, requests: n, setup_ms: setupMs,
  setup_kb: setupKb, peak_kb: Math.round(process.resourceUsage().maxRSS), ns, p50: lat[Math.floor(m / 2)],
  p99: lat[Math.floor(m * 0.99)], passes, timed: m, agree: bad ? `${bad} DISAGREE` : "yes", sink: sink > 0,
};
appendFileSync(`${outdir}/results.jsonl`, JSON.stringify(res) + "\n");
console.error(`   ${engine.name.padEnd(34)} ${ns.toFixed(1).padStart(10)} ns/decision${bad ? "  DISAGREES" : ""}`);
process.exit(bad ? 1 : 0);
