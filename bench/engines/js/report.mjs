// report.mjs DIR MODE OUT.md BUILD — one table from DIR/results.jsonl and
// DIR/scaling.jsonl, printed and written to OUT.md with the machine's
// description.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { execSync } from "node:child_process";
import os from "node:os";

const [dir, mode, out] = process.argv.slice(2);
const rows = (p) => (existsSync(p) ? readFileSync(p, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)) : []);
const R = rows(`${dir}/results.jsonl`);
const S = rows(`${dir}/scaling.jsonl`);
const sh = (c) => { try { return execSync(c, { encoding: "utf8" }).trim(); } catch { return "?"; } };
const cpu = (readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/) || [, "?"])[1];
const osName = (readFileSync("/etc/os-release", "utf8").match(/PRETTY_NAME="?([^"\n]*)/) || [, "?"])[1];
const machine = [
  `- cores: ${sh("nproc")} (${cpu})`,
  `- memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
  `- OS: ${osName}, kernel ${os.release()}`,
  `- compiler: ${sh("${CC:-cc} --version | head -1")}; ${sh("llvm-config --version 2>/dev/null | sed 's/^/LLVM /'")}`,
  `- node ${process.version}; npm packages: ${sh("cd bench/engines/js && npm ls --depth=0 2>/dev/null | tail -n +2").split("\n").map((l) => l.replace(/^[^a-z@]*/, "")).filter(Boolean).join(", ")}`,
  `- date: ${new Date().toISOString().slice(0, 19)}Z; mode: ${mode}; requests: ${R[0]?.requests ?? "?"} (seed 42)`,
].join("\n");

const c = R.find((r) => r.engine.startsWith("hand-written C"));
const f = (x, d = 1) => (x === undefined || x === null ? "" : Number(x).toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }));
const i = (x) => (x === undefined || x === null ? "" : Math.round(Number(x)).toLocaleString("en-US"));
let t = "| engine | ns/decision | decisions/s | vs C | p50 ns | p99 ns | set-up ms | set-up ΔRSS KiB | peak RSS MiB | agrees with Pacta |\n";
t += "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|\n";
for (const r of R) {
  t += `| ${r.engine} | ${f(r.ns)} | ${i(1e9 / r.ns)} | ${c ? f(r.ns / c.ns, 2) + "×" : ""} | ${i(r.p50)} | ${i(r.p99)} | ${f(r.setup_ms, 2)} | ${i(r.setup_kb)} | ${r.peak_kb ? f(r.peak_kb / 1024, 0) : ""} | ${r.agree}${r.timed && r.timed < r.requests ? ` (timed on ${i(r.timed)})` : ""} |\n`;
}
let s = "| clauses | pacta build ms | build CPU ms | module bytes | load (pacta_module_open) ms | RSS after load KiB | RSS after decisions KiB | ns/decision | p50 ns | p99 ns |\n|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n";
for (const r of S) s += `| ${i(r.n)} | ${i(r.build_ms)} | ${i(r.build_cpu_ms)} | ${i(r.size)} | ${f(r.load_ms, 2)} | ${i(r.load_kb)} | ${i(r.rss_kb)} | ${f(r.ns)} | ${i(r.p50)} | ${i(r.p99)} |\n`;
const text = `## Decisions: the reference policy (bench/engines/reference.pacta)\n\n${t}\n## Scaling: generated agreements (bench/engines/gen-scaled.sh)\n\n${s}\n## Machine\n\n${machine}\n`;
process.stdout.write(text);
let doc = text;
if (mode !== "quick" && existsSync(out)) {
  // keep the hand-written analysis below the marker
  const old = readFileSync(out, "utf8");
  const k = old.indexOf("<!-- analysis -->");
  if (k >= 0) doc = text + "\n" + old.slice(k);
}
const head = `# bench/engines: results${mode === "quick" ? " (quick run)" : ""}\n\nWritten by \`make bench${mode === "quick" ? " QUICK=1" : ""}\` (bench/engines/run.sh); see bench/README.md for what each row measures.\n\n`;
writeFileSync(out, head + doc);
console.log(`written to ${out}`);
