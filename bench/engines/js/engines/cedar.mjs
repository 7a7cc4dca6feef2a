// Cedar (@cedar-policy/cedar-wasm): each rule is a `permit` policy whose
// annotations carry the clause, the action (grant/refer/refuse/oblige/
// exempts/agreement) and the obligation; the policy set is preparsed once
// (preparsePolicySet) and each request is one statefulIsAuthorized call.
// The parties are entities Party::"XA"... with their criminalisation table
// as an attribute, so dual criminality is native:
//   principal.criminalises.contains(context.offence)
// Cedar answers allow/deny with the determining policies; since every policy
// is a permit, those are exactly the rules that fired, and common.mjs makes
// the decision from them (Cedar has no refer, no grounds, no obligations,
// no exemptions between policies).  Dates go in as day-free integers
// YYYYMMDD, because Cedar compares only Longs (host glue in prepare).
import * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { RULES, combine } from "../common.mjs";

export const name = "Cedar (cedar-wasm)";

const ymd = (s) => parseInt(s.replace(/-/g, ""), 10);
const list = (a) => "[" + a.map((x) => JSON.stringify(x)).join(", ") + "]";

export function policies(k) {
  const serious = "context.max_penalty >= 4";
  const sensitive = `context.data.containsAny(${list(k.special_categories)})`;
  const content = `context.data.contains("content")`;
  const C = [
    `!(["XA", "XB", "XC"].contains(context.requesting_party)) || !(["XA", "XB", "XC"].contains(context.requested_party)) || context.submitted < ${ymd(k.effective)} || context.submitted > ${ymd(k.expires)}`,
    `${list(k.core_cybercrimes)}.contains(context.offence) && ${serious}`,
    `${list(k.serious_crimes)}.contains(context.offence) && context.max_penalty >= 3`,
    `context.assistance == "preservation"`,
    `!context.specific_investigation`,
    `context.targets > 10 && !context.emergency`,
    `context.targets > 3 && context.targets <= 10`,
    `!(principal.criminalises.contains(context.offence) && resource.criminalises.contains(context.offence))`,
    `context.assistance == "preservation"`,
    `["spontaneous_information", "service_of_documents"].contains(context.assistance)`,
    `context.political_offence`,
    `${list(k.content_related)}.contains(context.offence)`,
    `context.death_penalty_possible && !context.death_penalty_assurance`,
    `context.death_penalty_possible`,
    `context.target_is_journalist || context.target_is_hrd`,
    `${list(k.real_time_measures)}.contains(context.assistance) && !(${serious})`,
    `context.assistance == "interception" && !context.judicial_authorisation`,
    `context.assistance == "real_time_traffic" && !context.judicial_authorisation && !context.emergency`,
    `context.assistance == "search_and_seizure" && !context.judicial_authorisation && !context.emergency`,
    `true`,
    `context.emergency`,
    `context.retention_requested > 365`,
    `context.retention_requested > 180`,
    sensitive, sensitive, sensitive,
    `!context.onward_transfer_requested`,
    `context.onward_transfer_requested`,
    `context.onward_transfer_requested && ${sensitive}`,
    `context.submitted >= ${ymd(k.from_6_11)} && context.submitted <= ${ymd(k.sunset_6_11)} && ${content} && !context.judicial_authorisation && !context.emergency`,
    content,
    `true`,
    `${content} || context.data.contains("traffic")`,
    `context.target_is_journalist || context.target_is_hrd`,
    `${content} || ${sensitive}`,
    `context.emergency && ${list(k.serious_crimes)}.contains(context.offence)`,
    `context.emergency`,
    `true`,
    `context.requesting_party == "XC" && context.assistance == "content_data"`,
  ];
  if (C.length !== RULES.length) throw new Error("cedar: one policy per rule");
  const text = {};
  C.forEach((cond, i) => {
    const r = RULES[i];
    let ann = `@clause("${r.clause}")\n@action("${r.action}")\n`;
    if (r.oblig) ann += `@obligation("${r.oblig}")\n`;
    if (r.value !== undefined) ann += `@value("${r.value}")\n`;
    if (r.target) ann += `@exempts("${r.target}")\n`;
    text[`r${i}`] = `${ann}permit (principal, action == Action::"decide", resource)\nwhen { ${cond} };`;
  });
  return text;
}

export function setup(k) {
  const staticPolicies = policies(k);
  const ans = cedar.preparsePolicySet("reference", { staticPolicies });
  if (ans.type !== "success") throw new Error("cedar: " + JSON.stringify(ans.errors));
  // the annotations, read back from Cedar, are what the host uses
  const meta = Object.entries(staticPolicies).map(([id, t]) => {
    const j = cedar.policyToJson(t);
    if (j.type !== "success") throw new Error("cedar: " + JSON.stringify(j.errors));
    const a = j.json.annotations;
    return [id, { clause: a.clause, action: a.action }];
  });
  const index = new Map(meta.map(([id, m]) => [id, RULES.findIndex((r) => r.clause === m.clause && r.action === m.action)]));
  const entities = ["XA", "XB", "XC"].map((p) => ({
    uid: { type: "Party", id: p }, attrs: { criminalises: k.criminalises[p] }, parents: [],
  }));
  return { index, entities, fired: new Uint8Array(RULES.length), action: { type: "Action", id: "decide" } };
}

export function prepare(st, r) {
  return {
    principal: { type: "Party", id: r.requesting_party },
    action: st.action,
    resource: { type: "Party", id: r.requested_party },
    context: { ...r, id: undefined, submitted: ymd(r.submitted) },
    preparsedPolicySetId: "reference",
    entities: st.entities,
  };
}

export function decide(st, call) {
  const ans = cedar.statefulIsAuthorized(call);
  if (ans.type !== "success") throw new Error("cedar: " + JSON.stringify(ans.errors));
  const fired = st.fired.fill(0);
  for (const id of ans.response.diagnostics.reason) fired[st.index.get(id)] = 1;
  return combine(fired);
}
