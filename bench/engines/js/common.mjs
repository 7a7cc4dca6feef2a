// common.mjs — what every JavaScript engine of bench/engines shares: the
// rules' metadata (clause, action, obligation), the host glue that turns
// the set of fired rules into a decision (the decision model of
// docs/language.md, "How a request is decided", which none of the engines has), and the canonical
// form of a decision that all engines are compared in.
import { readFileSync } from "node:fs";

// The rules of reference.pacta in source order; rule 0 is step 0 (parties
// and dates).  Each engine gives one condition per rule, in this order.
export const RULES = [
  { clause: "agreement", action: "agreement" },
  { clause: "1.1", action: "grant" },
  { clause: "1.2", action: "grant" },
  { clause: "1.3", action: "grant" },
  { clause: "2.1", action: "refuse" },
  { clause: "2.2", action: "refuse" },
  { clause: "2.3", action: "refer" },
  { clause: "3.1", action: "refuse" },
  { clause: "3.2", action: "exempts", target: "3.1" },
  { clause: "3.3", action: "exempts", target: "3.1" },
  { clause: "4.1", action: "refuse" },
  { clause: "4.2", action: "refuse" },
  { clause: "4.3", action: "refuse" },
  { clause: "4.4", action: "oblige", oblig: "no_death_penalty_use" },
  { clause: "4.5", action: "refer" },
  { clause: "5.1", action: "refuse" },
  { clause: "5.2", action: "refuse" },
  { clause: "5.3", action: "refer" },
  { clause: "5.4", action: "refuse" },
  { clause: "6.1", action: "oblige", oblig: "retain_at_most", value: 180 },
  { clause: "6.2", action: "oblige", oblig: "retain_at_most", value: 30 },
  { clause: "6.3", action: "refuse" },
  { clause: "6.4", action: "refer" },
  { clause: "6.5", action: "refer" },
  { clause: "6.6", action: "oblige", oblig: "independent_review" },
  { clause: "6.7", action: "oblige", oblig: "sensitive_data_safeguards" },
  { clause: "6.8", action: "oblige", oblig: "no_onward_transfer" },
  { clause: "6.9", action: "refer" },
  { clause: "6.10", action: "refuse" },
  { clause: "6.11", action: "refuse" },
  { clause: "6.12", action: "oblige", oblig: "retain_at_most", value: 90 },
  { clause: "6.13", action: "oblige", oblig: "purpose_limited" },
  { clause: "6.14", action: "oblige", oblig: "audit_log" },
  { clause: "6.15", action: "oblige", oblig: "notify_subject_within", value: 30 },
  { clause: "6.16", action: "oblige", oblig: "encrypt_in_transit" },
  { clause: "7.1", action: "grant" },
  { clause: "7.2", action: "oblige", oblig: "respond_within", value: 10 },
  { clause: "7.3", action: "oblige", oblig: "respond_within", value: 45 },
  { clause: "8.1", action: "refer" },
];
export const RULE_BY_CLAUSE = new Map(RULES.map((r, i) => [r.clause, i]));
// Every valued obligation of the policy combines with min.
const STRENGTH = { grant: 0, refer: 1, refuse: 2 };

// Host glue: the decision from fired[i] (truthy when rule i's condition
// holds): step 0, exemptions, the strongest action, grounds in source order,
// obligations combined (flags: any; values: min), none on a refusal.
export function combine(fired) {
  if (fired[0]) return { outcome: "refuse", grounds: ["agreement"], obligations: null };
  let exempt = null;
  for (let i = 1; i < RULES.length; i++) {
    const r = RULES[i];
    if (r.action === "exempts" && fired[i]) (exempt ??= new Set()).add(r.target);
  }
  let best = -1;
  for (let i = 1; i < RULES.length; i++) {
    const r = RULES[i];
    if (!fired[i] || r.action === "oblige" || r.action === "exempts") continue;
    if (exempt && exempt.has(r.clause)) continue;
    if (STRENGTH[r.action] > best) best = STRENGTH[r.action];
  }
  if (best < 0) return { outcome: "refuse", grounds: ["default"], obligations: null };
  const outcome = best === 2 ? "refuse" : best === 1 ? "refer" : "grant";
  const grounds = [];
  for (let i = 1; i < RULES.length; i++) {
    const r = RULES[i];
    if (fired[i] && r.action === outcome && !(exempt && exempt.has(r.clause))) grounds.push(r.clause);
  }
  if (outcome === "refuse") return { outcome, grounds, obligations: null };
  const obligations = {};
  for (let i = 1; i < RULES.length; i++) {
    const r = RULES[i];
    if (!fired[i] || r.action !== "oblige" || (exempt && exempt.has(r.clause))) continue;
    if (r.value === undefined) obligations[r.oblig] = true;
    else if (!(r.oblig in obligations) || r.value < obligations[r.oblig]) obligations[r.oblig] = r.value;
  }
  return { outcome, grounds, obligations };
}

// "OUTCOME GROUNDS OBLIGATIONS", as engines_c writes it.
export function canonical(d) {
  const ob = d.obligations ? Object.keys(d.obligations).sort()
    .map((k) => (d.obligations[k] === true ? k : `${k}=${d.obligations[k]}`)) : [];
  return `${d.outcome} ${d.grounds.join(",")} ${ob.length ? ob.join(",") : "-"}`;
}

export function loadConsts(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}
