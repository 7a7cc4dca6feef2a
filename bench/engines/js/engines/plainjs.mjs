// Plain JavaScript: the reference policy by hand, as reference_c.c is in C,
// on the request object as JSON.parse gives it (sets as Set objects).
export const name = "plain JavaScript";

export function setup(k) {
  const s = (a) => new Set(a);
  return {
    parties: s(["XA", "XB", "XC"]), core: s(k.core_cybercrimes), contentRelated: s(k.content_related),
    seriousCrimes: s(k.serious_crimes), special: s(k.special_categories), realTime: s(k.real_time_measures),
    crim: { XA: s(k.criminalises.XA), XB: s(k.criminalises.XB), XC: s(k.criminalises.XC) },
    effective: k.effective, expires: k.expires, from611: k.from_6_11, sunset611: k.sunset_6_11,
  };
}

export function prepare(st, req) {
  return { ...req, data: new Set(req.data) };
}

export function decide(st, r) {
  if (!st.parties.has(r.requesting_party) || !st.parties.has(r.requested_party) ||
      r.submitted < st.effective || r.submitted > st.expires)   // ISO dates compare as strings
    return { outcome: "refuse", grounds: ["agreement"], obligations: null };
  const a = r.assistance, off = r.offence;
  const dual = st.crim[r.requesting_party].has(off) && st.crim[r.requested_party].has(off);
  const serious = r.max_penalty >= 4;
  let sensitive = false;
  for (const d of r.data) if (st.special.has(d)) { sensitive = true; break; }
  const content = r.data.has("content");
  const grant = [], refer = [], refuse = [];
  if (st.core.has(off) && serious) grant.push("1.1");
  if (st.seriousCrimes.has(off) && r.max_penalty >= 3) grant.push("1.2");
  if (a === "preservation") grant.push("1.3");
  if (!r.specific_investigation) refuse.push("2.1");
  if (r.targets > 10 && !r.emergency) refuse.push("2.2");
  if (r.targets > 3 && r.targets <= 10) refer.push("2.3");
  if (!dual && a !== "preservation" && a !== "spontaneous_information" && a !== "service_of_documents") refuse.push("3.1");
  if (r.political_offence) refuse.push("4.1");
  if (st.contentRelated.has(off)) refuse.push("4.2");
  if (r.death_penalty_possible && !r.death_penalty_assurance) refuse.push("4.3");
  const press = r.target_is_journalist || r.target_is_hrd;
  if (press) refer.push("4.5");
  if (st.realTime.has(a) && !serious) refuse.push("5.1");
  if (a === "interception" && !r.judicial_authorisation) refuse.push("5.2");
  if (a === "real_time_traffic" && !r.judicial_authorisation && !r.emergency) refer.push("5.3");
  if (a === "search_and_seizure" && !r.judicial_authorisation && !r.emergency) refuse.push("5.4");
  if (r.retention_requested > 365) refuse.push("6.3");
  if (r.retention_requested > 180) refer.push("6.4");
  if (sensitive) refer.push("6.5");
  if (r.onward_transfer_requested) refer.push("6.9");
  if (r.onward_transfer_requested && sensitive) refuse.push("6.10");
  if (r.submitted >= st.from611 && r.submitted <= st.sunset611 && content && !r.judicial_authorisation && !r.emergency)
    refuse.push("6.11");
  if (r.emergency && st.seriousCrimes.has(off)) grant.push("7.1");
  if (r.requesting_party === "XC" && a === "content_data") refer.push("8.1");
  let outcome, grounds;
  if (refuse.length) return { outcome: "refuse", grounds: refuse, obligations: null };
  if (refer.length) { outcome = "refer"; grounds = refer; }
  else if (grant.length) { outcome = "grant"; grounds = grant; }
  else return { outcome: "refuse", grounds: ["default"], obligations: null };
  const ob = { purpose_limited: true, retain_at_most: r.emergency ? 30 : content ? 90 : 180,
               respond_within: r.emergency ? 10 : 45 };
  if (r.death_penalty_possible) ob.no_death_penalty_use = true;
  if (sensitive) ob.independent_review = ob.sensitive_data_safeguards = true;
  if (!r.onward_transfer_requested) ob.no_onward_transfer = true;
  if (content || r.data.has("traffic")) ob.audit_log = true;
  if (content || sensitive) ob.encrypt_in_transit = true;
  if (press) ob.notify_subject_within = 30;
  return { outcome, grounds, obligations: ob };
}
