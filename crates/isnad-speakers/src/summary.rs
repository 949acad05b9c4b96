//! The speakers report: entities across documents, their variants, counts
//! and suggested merges.

use std::collections::BTreeMap;

use isnad_model::{
    Attribution, Certainty, MergeSuggestion, SPEAKERS_SCHEMA_VERSION, SpeakerEntity, SpeakerKind,
    SpeakerVariant, SpeakersReport,
};

use crate::Resolver;
use crate::mention::anatomy;

/// One claim as the speakers report sees it, from an extraction document or
/// a ledger entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimView {
    /// The document it is in (path or ledger document id).
    pub document: String,
    /// The speaker's name as written.
    pub name: String,
    /// The speaker's grouping key (after [`Resolver::resolve`]).
    pub key: String,
    /// What kind of source the speaker is, when known.
    pub kind: Option<SpeakerKind>,
    /// The claim's attribution.
    pub attribution: Attribution,
    /// The claim's certainty.
    pub certainty: Certainty,
}

struct Group {
    key: String,
    kind: Option<SpeakerKind>,
    variants: Vec<SpeakerVariant>,
    docs: Vec<String>,
    claims: Vec<usize>,
    merged_into: Option<usize>,
}

impl Resolver {
    /// The speakers report over claims from `documents` inputs: claims are
    /// grouped by key, then groups whose names match at the merge threshold
    /// across documents are joined (the same person spelled differently in
    /// two articles); pairs between the suggestion and merge thresholds are
    /// listed as suggestions. `source` says where the claims came from.
    pub fn summarize(
        &self,
        claims: &[ClaimView],
        documents: usize,
        source: &str,
    ) -> SpeakersReport {
        let mut groups: Vec<Group> = Vec::new();
        let mut by_key: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, c) in claims.iter().enumerate() {
            let g = *by_key.entry(c.key.as_str()).or_insert_with(|| {
                groups.push(Group {
                    key: c.key.clone(),
                    kind: c.kind,
                    variants: Vec::new(),
                    docs: Vec::new(),
                    claims: Vec::new(),
                    merged_into: None,
                });
                groups.len() - 1
            });
            let Some(group) = groups.get_mut(g) else {
                continue;
            };
            group.claims.push(i);
            if group.kind.is_none() {
                group.kind = c.kind;
            }
            match group.variants.iter_mut().find(|v| v.name == c.name) {
                Some(v) => v.claims += 1,
                None => group.variants.push(SpeakerVariant {
                    name: c.name.clone(),
                    claims: 1,
                }),
            }
            if !group.docs.contains(&c.document) {
                group.docs.push(c.document.clone());
            }
        }
        // the names each group is compared by: its key and its variants
        let names: Vec<Vec<Vec<String>>> = groups
            .iter()
            .map(|g| {
                let mut v: Vec<Vec<String>> = std::iter::once(g.key.as_str())
                    .chain(g.variants.iter().map(|x| x.name.as_str()))
                    .map(|n| self.rules.skeletons(&anatomy(&self.rules, n).name))
                    .filter(|s| s.len() >= 2)
                    .collect();
                v.dedup();
                v
            })
            .collect();
        // and, for Arabic <-> Latin, their transliteration skeletons
        let tnames: Vec<Vec<(bool, Vec<String>)>> = groups
            .iter()
            .map(|g| {
                let mut v: Vec<(bool, Vec<String>)> = std::iter::once(g.key.as_str())
                    .chain(g.variants.iter().map(|x| x.name.as_str()))
                    .map(|n| {
                        let arabic = n.chars().any(crate::rules::is_arabic);
                        let t = self.rules.translit_skeletons(&anatomy(&self.rules, n).name);
                        (arabic, t)
                    })
                    .filter(|(_, s)| s.len() >= 2)
                    .collect();
                v.sort();
                v.dedup();
                v
            })
            .collect();
        let alias_key = |k: &str| self.aliases.iter().any(|a| a.key == k);
        // only groups that share a word's first letters are compared
        let mut blocks: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (g, ns) in names.iter().enumerate() {
            for n in ns {
                for w in n {
                    let list = blocks.entry(w.chars().take(2).collect()).or_default();
                    if list.last() != Some(&g) {
                        list.push(g);
                    }
                }
            }
        }
        let mut tblocks: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (g, ns) in tnames.iter().enumerate() {
            for (_, n) in ns {
                // a soft first letter (Johannes / يوهانس) still shares the
                // word's last two classes
                for w in n {
                    let chars: Vec<char> = w.chars().collect();
                    let last: String = chars[chars.len().saturating_sub(2)..].iter().collect();
                    for key in [
                        format!("<{}", chars.iter().take(2).collect::<String>()),
                        format!(">{last}"),
                    ] {
                        let list = tblocks.entry(key).or_default();
                        if list.last() != Some(&g) {
                            list.push(g);
                        }
                    }
                }
            }
        }
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for list in blocks.values().chain(tblocks.values()) {
            for (i, &a) in list.iter().enumerate() {
                for &b in &list[i + 1..] {
                    candidates.push((a.min(b), a.max(b)));
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut pairs: Vec<(usize, usize, f64)> = Vec::new();
        let mut translit: Vec<(usize, usize)> = Vec::new();
        for (a, b) in candidates {
            if a == b || groups[a].kind != groups[b].kind {
                continue;
            }
            let mut best: f64 = 0.0;
            for x in &names[a] {
                for y in &names[b] {
                    best = best.max(self.rules.similarity(x, y));
                }
            }
            if best >= self.rules.suggest {
                pairs.push((a, b, best));
                continue;
            }
            // one name in each script: only ever a suggestion
            let mut cross: f64 = 0.0;
            for (xa, x) in &tnames[a] {
                for (ya, y) in &tnames[b] {
                    if xa != ya {
                        cross = cross.max(self.rules.translit_similarity(x, y));
                    }
                }
            }
            if cross >= self.rules.suggest {
                translit.push((a.min(b), a.max(b)));
                pairs.push((a, b, cross));
            }
        }
        let root = |groups: &Vec<Group>, mut g: usize| {
            while let Some(n) = groups[g].merged_into {
                g = n;
            }
            g
        };
        let mut suggestions = Vec::new();
        for &(a, b, score) in &pairs {
            // the alias file decides for its own entities
            let both_alias = alias_key(&groups[a].key) && alias_key(&groups[b].key);
            if score >= self.rules.merge && !both_alias {
                let (ra, rb) = (root(&groups, a), root(&groups, b));
                if ra != rb {
                    // the alias entity's key survives, else the first group's
                    let (keep, gone) = if alias_key(&groups[rb].key) {
                        (rb, ra)
                    } else {
                        (ra, rb)
                    };
                    groups[gone].merged_into = Some(keep);
                }
            } else if score < self.rules.merge {
                suggestions.push((a, b, score));
            }
        }
        for g in 0..groups.len() {
            let r = root(&groups, g);
            if r != g {
                let moved = std::mem::take(&mut groups[g].claims);
                let vars = std::mem::take(&mut groups[g].variants);
                let docs = std::mem::take(&mut groups[g].docs);
                let target = &mut groups[r];
                target.claims.extend(moved);
                for v in vars {
                    match target.variants.iter_mut().find(|x| x.name == v.name) {
                        Some(x) => x.claims += v.claims,
                        None => target.variants.push(v),
                    }
                }
                for d in docs {
                    if !target.docs.contains(&d) {
                        target.docs.push(d);
                    }
                }
            }
        }
        let mut entities: Vec<SpeakerEntity> = Vec::new();
        let mut shown: BTreeMap<String, String> = BTreeMap::new();
        for g in groups.iter().filter(|g| g.merged_into.is_none()) {
            let alias = self.aliases.iter().find(|a| a.key == g.key);
            let mut ent = SpeakerEntity {
                key: g.key.clone(),
                name: String::new(),
                wikidata: alias.and_then(|a| a.wikidata.clone()),
                kind: alias.and_then(|a| a.kind).or(g.kind),
                from_alias_file: alias.is_some(),
                variants: g.variants.clone(),
                claims: g.claims.len(),
                documents: g.docs.len(),
                ..SpeakerEntity::default()
            };
            ent.name = match alias {
                Some(a) => a.name.clone(),
                None => {
                    let mut best: Option<&SpeakerVariant> = None;
                    for v in &g.variants {
                        if best.is_none_or(|b| v.name.chars().count() > b.name.chars().count()) {
                            best = Some(v);
                        }
                    }
                    best.map(|v| v.name.clone())
                        .unwrap_or_else(|| g.key.clone())
                }
            };
            for &i in &g.claims {
                let Some(c) = claims.get(i) else { continue };
                match c.attribution {
                    Attribution::Attributed => ent.attribution.attributed += 1,
                    Attribution::Vague => ent.attribution.vague += 1,
                    Attribution::Unattributed => ent.attribution.unattributed += 1,
                }
                match c.certainty {
                    Certainty::Asserted => ent.certainty.asserted += 1,
                    Certainty::Hedged => ent.certainty.hedged += 1,
                }
            }
            shown.insert(ent.key.clone(), ent.name.clone());
            entities.push(ent);
        }
        entities.sort_by(|a, b| b.claims.cmp(&a.claims).then_with(|| a.key.cmp(&b.key)));
        let mut out_sugg: Vec<MergeSuggestion> = Vec::new();
        for (a, b, score) in suggestions {
            let basis = if translit.contains(&(a.min(b), a.max(b))) {
                "transliteration"
            } else {
                "spelling"
            };
            let (ra, rb) = (root(&groups, a), root(&groups, b));
            if ra == rb {
                continue;
            }
            let (ka, kb) = (groups[ra].key.clone(), groups[rb].key.clone());
            let (ka, kb) = if ka <= kb { (ka, kb) } else { (kb, ka) };
            let score = (score * 1000.0).round() / 1000.0;
            if let Some(s) = out_sugg.iter_mut().find(|s| s.a == ka && s.b == kb) {
                s.score = s.score.max(score);
                continue;
            }
            out_sugg.push(MergeSuggestion {
                a_name: shown.get(&ka).cloned().unwrap_or_default(),
                b_name: shown.get(&kb).cloned().unwrap_or_default(),
                a: ka,
                b: kb,
                score,
                basis: basis.to_string(),
            });
        }
        out_sugg.sort_by(|x, y| {
            y.score
                .total_cmp(&x.score)
                .then_with(|| x.a.cmp(&y.a))
                .then_with(|| x.b.cmp(&y.b))
        });
        SpeakersReport {
            schema_version: SPEAKERS_SCHEMA_VERSION.to_string(),
            source: source.to_string(),
            documents,
            claims: claims.len(),
            entities,
            suggestions: out_sugg,
        }
    }
}
