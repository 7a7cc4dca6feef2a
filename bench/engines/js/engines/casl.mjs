// CASL (@casl/ability): each rule is an ability rule `can(RULE, "Request",
// mongo-query)`, the action being the rule's index; a request is checked
// against every rule (ability.can per rule).  Mongo queries express sets
// ($in, $nin; on an array field $in means "overlaps"), comparisons and
// ISO dates (as strings); dual criminality is written out per party with
// one inverted rule per pair of parties, the offences both criminalise
// intersected by the host (a query cannot look one field's value up with
// another's, and CASL's matcher ignores a top-level $or).
// "refuse unless C" is an unconditional `can` with an inverted `cannot`
// rule.  CASL has no decision model: common.mjs combines the fired rules.
import { createMongoAbility, AbilityBuilder, subject } from "@casl/ability";
import { RULES, combine } from "../common.mjs";

export const name = "CASL (@casl/ability)";

export function setup(k) {
  const { can, cannot, build } = new AbilityBuilder(createMongoAbility);
  const parties = ["XA", "XB", "XC"];
  const notSerious = { max_penalty: { $lt: 4 } };
  const sensitive = { data: { $in: k.special_categories } };
  const noJudgeNoEmergency = { judicial_authorisation: false, emergency: false };
  const R = (i) => String(i);
  // rule 0: parties and dates
  can(R(0), "Request", { requesting_party: { $nin: parties } });
  can(R(0), "Request", { requested_party: { $nin: parties } });
  can(R(0), "Request", { submitted: { $lt: k.effective } });
  can(R(0), "Request", { submitted: { $gt: k.expires } });
  can(R(1), "Request", { offence: { $in: k.core_cybercrimes }, max_penalty: { $gte: 4 } });
  can(R(2), "Request", { offence: { $in: k.serious_crimes }, max_penalty: { $gte: 3 } });
  can(R(3), "Request", { assistance: "preservation" });
  can(R(4), "Request", { specific_investigation: false });
  can(R(5), "Request", { targets: { $gt: 10 }, emergency: false });
  can(R(6), "Request", { targets: { $gt: 3, $lte: 10 } });
  can(R(7), "Request");                                          // 3.1: refuse unless dual criminality
  for (const p of parties)                                       // ... one inverted rule per pair of parties
    for (const q of parties)
      cannot(R(7), "Request", { requesting_party: p, requested_party: q,
                                offence: { $in: k.criminalises[p].filter((o) => k.criminalises[q].includes(o)) } });
  can(R(8), "Request", { assistance: "preservation" });
  can(R(9), "Request", { assistance: { $in: ["spontaneous_information", "service_of_documents"] } });
  can(R(10), "Request", { political_offence: true });
  can(R(11), "Request", { offence: { $in: k.content_related } });
  can(R(12), "Request", { death_penalty_possible: true, death_penalty_assurance: false });
  can(R(13), "Request", { death_penalty_possible: true });
  can(R(14), "Request", { target_is_journalist: true });
  can(R(14), "Request", { target_is_hrd: true });
  can(R(15), "Request", { assistance: { $in: k.real_time_measures }, ...notSerious });
  can(R(16), "Request", { assistance: "interception", judicial_authorisation: false });
  can(R(17), "Request", { assistance: "real_time_traffic", ...noJudgeNoEmergency });
  can(R(18), "Request", { assistance: "search_and_seizure", ...noJudgeNoEmergency });
  can(R(19), "Request");
  can(R(20), "Request", { emergency: true });
  can(R(21), "Request", { retention_requested: { $gt: 365 } });
  can(R(22), "Request", { retention_requested: { $gt: 180 } });
  can(R(23), "Request", sensitive);
  can(R(24), "Request", sensitive);
  can(R(25), "Request", sensitive);
  can(R(26), "Request", { onward_transfer_requested: false });
  can(R(27), "Request", { onward_transfer_requested: true });
  can(R(28), "Request", { onward_transfer_requested: true, ...sensitive });
  can(R(29), "Request", { submitted: { $gte: k.from_6_11, $lte: k.sunset_6_11 }, data: "content", ...noJudgeNoEmergency });
  can(R(30), "Request", { data: "content" });
  can(R(31), "Request");
  can(R(32), "Request", { data: { $in: ["content", "traffic"] } });
  can(R(33), "Request", { target_is_journalist: true });
  can(R(33), "Request", { target_is_hrd: true });
  can(R(34), "Request", { data: "content" });
  can(R(34), "Request", sensitive);
  can(R(35), "Request", { emergency: true, offence: { $in: k.serious_crimes } });
  can(R(36), "Request", { emergency: true });
  can(R(37), "Request");
  can(R(38), "Request", { requesting_party: "XC", assistance: "content_data" });
  const ability = build();
  return { ability, actions: RULES.map((_, i) => R(i)), fired: new Uint8Array(RULES.length) };
}

export function prepare(st, r) {
  return subject("Request", { ...r });
}

export function decide(st, req) {
  const fired = st.fired;
  for (let i = 0; i < st.actions.length; i++) fired[i] = st.ability.can(st.actions[i], req) ? 1 : 0;
  return combine(fired);
}
