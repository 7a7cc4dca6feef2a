// CEL (@bufbuild/cel): one CEL expression per rule, planned once; a request
// binds its fields as variables (ints as CEL ints, sets as lists, dates as
// ISO strings, which CEL orders as strings) and the policy's sets and the
// criminalisation table as constants (a list per set, a map for the table).
// CEL has no decision model: common.mjs combines the fired rules.
import { celEnv, parse, plan, isCelError } from "@bufbuild/cel";
import { RULES, combine } from "../common.mjs";

export const name = "CEL (@bufbuild/cel)";

const serious = "max_penalty >= 4";
const sensitive = "data.exists(d, d in special)";
// One expression per rule of common.mjs RULES, in order.
export const CONDITIONS = [
  `!(requesting_party in parties) || !(requested_party in parties) || submitted < effective || submitted > expires`,
  `offence in core && ${serious}`,                                        // 1.1
  `offence in serious_crimes && max_penalty >= 3`,                        // 1.2
  `assistance == "preservation"`,                                         // 1.3
  `!specific_investigation`,                                              // 2.1
  `targets > 10 && !emergency`,                                           // 2.2
  `targets > 3 && targets <= 10`,                                         // 2.3
  `!(offence in crim[requesting_party] && offence in crim[requested_party])`, // 3.1
  `assistance == "preservation"`,                                         // 3.2
  `assistance in ["spontaneous_information", "service_of_documents"]`,    // 3.3
  `political_offence`,                                                    // 4.1
  `offence in content_related`,                                           // 4.2
  `death_penalty_possible && !death_penalty_assurance`,                   // 4.3
  `death_penalty_possible`,                                               // 4.4
  `target_is_journalist || target_is_hrd`,                                // 4.5
  `assistance in real_time && !(${serious})`,                             // 5.1
  `assistance == "interception" && !judicial_authorisation`,              // 5.2
  `assistance == "real_time_traffic" && !judicial_authorisation && !emergency`, // 5.3
  `assistance == "search_and_seizure" && !judicial_authorisation && !emergency`, // 5.4
  `true`,                                                                 // 6.1
  `emergency`,                                                            // 6.2
  `retention_requested > 365`,                                            // 6.3
  `retention_requested > 180`,                                            // 6.4
  sensitive,                                                              // 6.5
  sensitive,                                                              // 6.6
  sensitive,                                                              // 6.7
  `!onward_transfer_requested`,                                           // 6.8
  `onward_transfer_requested`,                                            // 6.9
  `onward_transfer_requested && ${sensitive}`,                            // 6.10
  `submitted >= from_6_11 && submitted <= sunset_6_11 && "content" in data && !judicial_authorisation && !emergency`, // 6.11
  `"content" in data`,                                                    // 6.12
  `true`,                                                                 // 6.13
  `"content" in data || "traffic" in data`,                               // 6.14
  `target_is_journalist || target_is_hrd`,                                // 6.15
  `"content" in data || ${sensitive}`,                                    // 6.16
  `emergency && offence in serious_crimes`,                               // 7.1
  `emergency`,                                                            // 7.2
  `true`,                                                                 // 7.3
  `requesting_party == "XC" && assistance == "content_data"`,             // 8.1
];

export function setup(k) {
  if (CONDITIONS.length !== RULES.length) throw new Error("cel: one condition per rule");
  const env = celEnv();
  const programs = CONDITIONS.map((c) => plan(env, parse(c)));
  const consts = {
    parties: ["XA", "XB", "XC"], core: k.core_cybercrimes, content_related: k.content_related,
    serious_crimes: k.serious_crimes, special: k.special_categories, real_time: k.real_time_measures,
    crim: new Map(Object.entries(k.criminalises)), effective: k.effective, expires: k.expires,
    from_6_11: k.from_6_11, sunset_6_11: k.sunset_6_11,
  };
  return { programs, consts, fired: new Uint8Array(RULES.length) };
}

export function prepare(st, r) {
  return { ...st.consts, ...r, max_penalty: BigInt(r.max_penalty), targets: BigInt(r.targets),
           retention_requested: BigInt(r.retention_requested) };
}

export function decide(st, bindings) {
  const fired = st.fired;
  for (let i = 0; i < st.programs.length; i++) {
    const v = st.programs[i](bindings);
    if (isCelError(v)) {
      // a missing table key (a country that is no party) is an error here;
      // it can only happen when rule 0 fires, so it counts as false
      fired[i] = 0;
    } else fired[i] = v === true ? 1 : 0;
  }
  return combine(fired);
}
