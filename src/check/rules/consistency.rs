//! Terminology without a glossary: an English defined term ("Data
//! Provider", "Licensee") that the Chinese version renders two different
//! ways in different line groups (`数据提供者` in most, `数据处理者` in
//! others). One finding per term, listing every place; claims nothing. A
//! term of the glossary, when there is one, is left to `terminology.rs`.
//!
//! * **Terms** are runs of capitalised English words ("Data Provider",
//!   "Licensed Material", "Licensee"). A word at the start of a sentence
//!   counts only if the document also capitalises it inside a sentence, and
//!   clauses written in capitals or in title case (headings) give no such
//!   evidence.
//! * **Renderings**: for a term, the line groups whose English side writes
//!   it are its *places*. Every run of Han characters of their Chinese side
//!   gives substrings; a substring is a candidate rendering when at least
//!   half the groups that hold it are places of the term, and it is kept
//!   only if no longer candidate holds it in as many places (so
//!   `数据提供者`, not `提供者`). The rendering in most places is the main
//!   one.
//! * **A second rendering** must hold the term in a place the main one
//!   does not, must be about as long as the main one, not inside it nor
//!   holding it, and share a beginning or an end with it while both differ
//!   in at least two characters between (`数据提供者` / `数据处理者`,
//!   `被许可方` / `被授权方`; not `本协议` / `该协议`). Each rendering must
//!   be in at least [`MIN_PLACES`] places.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::align::AlignedPair;
use crate::check::claims::{Claims, Outcome};
use crate::check::context::Context;
use crate::check::glossary::count_en_term;
use crate::check::{Finding, FindingKind, Severity};
use crate::lang::{Lang, is_han};
use crate::words::CHECK_PARTY_SUFFIXES_ZH;

/// Each of two renderings must be in at least this many line groups, also
/// in a short document: the boundaries of a rendering seen in one place
/// only are those of its whole run of Han characters (`决定使用我们的服`
/// against `选择使用我们的服`), so one place proves nothing.
const MIN_PLACES: usize = 2;
/// Longest substring taken as a rendering, in Han characters.
const MAX_RENDERING: usize = 8;
/// A candidate rendering is in at least this share of its groups a place
/// of the term.
const MIN_ASSOCIATION: f64 = 0.5;
/// A candidate rendering's share of the term's places is at least this
/// many times its share of the other line groups.
const MIN_LIFT: f64 = 3.0;
/// Two renderings together are in at least this share of the term's places.
const MIN_COVERAGE: f64 = 0.75;
/// Most terms looked at in one document (the most frequent first).
const MAX_TERMS: usize = 400;

/// Phase [`Rule::Consistency`](crate::check::Rule::Consistency) on the whole
/// document.
pub(crate) fn check(ctx: &Context, claimed: &Claims, groups: &[AlignedPair]) -> Outcome {
    let mut out = Outcome::default();
    // The unclaimed text of each two-sided group.
    let mut docs: Vec<Group> = Vec::new();
    for g in groups {
        let side = |lang: Lang, ids: &[usize]| -> Vec<(usize, &str)> {
            ids.iter()
                .filter(|&&i| !claimed.touches(lang, i))
                .filter_map(|&i| ctx.clauses(lang).get(i))
                .map(|c| (c.id, c.body_text()))
                .collect()
        };
        let zh = side(Lang::Zh, &g.zh);
        let en = side(Lang::En, &g.en);
        if zh.is_empty() || en.is_empty() {
            continue;
        }
        docs.push(Group { zh, en });
    }
    let index = HanIndex::new(&docs);
    // A glossary term is checked against the glossary (`terminology.rs`),
    // not reported twice.
    let glossary: FxHashSet<String> = ctx
        .params
        .glossary
        .iter()
        .flat_map(|g| g.entries.iter().map(|e| e.en.to_lowercase()))
        .collect();
    for term in terms(&docs) {
        if glossary.contains(&term.to_lowercase()) {
            continue;
        }
        let places: Vec<usize> = (0..docs.len())
            .filter(|&g| docs[g].en.iter().any(|(_, t)| count_en_term(t, &term) > 0))
            .collect();
        if places.len() < 2 * MIN_PLACES {
            continue;
        }
        if let Some(f) = inconsistency(ctx, &docs, &index, &term, &places) {
            out.findings.push(f);
        }
    }
    out
}

/// One line group's unclaimed clauses: (id, text).
struct Group<'a> {
    zh: Vec<(usize, &'a str)>,
    en: Vec<(usize, &'a str)>,
}

impl Group<'_> {
    fn zh_has(&self, s: &str) -> bool {
        self.zh.iter().any(|(_, t)| t.contains(s))
    }
}

/// For each pair of adjacent Han characters, the groups whose Chinese side
/// holds it: how many groups hold a string is read off its rarest pair.
struct HanIndex(FxHashMap<(char, char), Vec<usize>>);

impl HanIndex {
    fn new(docs: &[Group]) -> HanIndex {
        let mut map: FxHashMap<(char, char), Vec<usize>> = FxHashMap::default();
        for (g, d) in docs.iter().enumerate() {
            for (_, t) in &d.zh {
                let cs: Vec<char> = t.chars().collect();
                for w in cs.windows(2) {
                    if is_han(w[0]) && is_han(w[1]) {
                        let v = map.entry((w[0], w[1])).or_default();
                        if v.last() != Some(&g) {
                            v.push(g);
                        }
                    }
                }
            }
        }
        HanIndex(map)
    }

    /// The groups whose Chinese side holds `s` (two Han characters or more).
    fn groups(&self, docs: &[Group], s: &str) -> Vec<usize> {
        let cs: Vec<char> = s.chars().collect();
        let Some(rarest) = cs
            .windows(2)
            .filter_map(|w| self.0.get(&(w[0], w[1])))
            .min_by_key(|v| v.len())
        else {
            return Vec::new();
        };
        rarest
            .iter()
            .copied()
            .filter(|&g| docs[g].zh_has(s))
            .collect()
    }
}

/// The English terms of the document, most frequent first.
fn terms(docs: &[Group]) -> Vec<String> {
    // Words the document capitalises inside a sentence.
    let mut inside: FxHashSet<&str> = FxHashSet::default();
    // Runs of capitalised words, each with whether its clause is plain text
    // (not a heading, not shouted).
    let mut runs: Vec<(Vec<(&str, bool)>, bool)> = Vec::new();
    for d in docs {
        for (_, text) in &d.en {
            let words = words(text);
            let caps = words.iter().filter(|(w, _)| capitalised(w)).count();
            let shouting = words.iter().filter(|(w, _)| is_acronym(w)).count();
            // Headings and shouted clauses capitalise everything.
            let plain = caps * 2 <= words.len() && shouting * 4 < words.len().max(1);
            let mut run: Vec<(&str, bool)> = Vec::new();
            for &(w, initial) in &words {
                if capitalised(w) {
                    if plain && !initial {
                        inside.insert(w);
                    }
                    run.push((w, initial));
                } else if !run.is_empty() {
                    runs.push((std::mem::take(&mut run), plain));
                }
            }
            if !run.is_empty() {
                runs.push((run, plain));
            }
        }
    }
    // Each term: (times written, times written inside a plain sentence).
    let mut count: FxHashMap<String, (usize, usize)> = FxHashMap::default();
    for (run, plain) in runs {
        let mut words: &[(&str, bool)] = &run;
        if let Some(((w, true), rest)) = words.split_first()
            && !inside.contains(w)
        {
            words = rest;
        }
        if words.is_empty() || words.len() > 4 {
            continue;
        }
        let term = words.iter().map(|(w, _)| *w).collect::<Vec<_>>().join(" ");
        let c = count.entry(term).or_default();
        c.0 += 1;
        if plain && !words[0].1 {
            c.1 += 1;
        }
    }
    // Plurals are counted with their singular ("Data Providers"). A term is
    // written twice, at least once inside a sentence (a single word twice:
    // "For" starting sentences is no term).
    let mut terms: Vec<(String, usize)> = count
        .iter()
        .filter(|(t, _)| {
            !t.strip_suffix('s')
                .is_some_and(|single| count.contains_key(single))
        })
        .filter(|(t, (n, inner))| *n >= 2 && *inner >= if t.contains(' ') { 1 } else { 2 })
        .map(|(t, &(n, _))| (t.clone(), n))
        .collect();
    terms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms.truncate(MAX_TERMS);
    terms.into_iter().map(|(t, _)| t).collect()
}

/// The words of an English text, each with whether it starts a sentence.
fn words(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut initial = true;
    let mut start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let in_word = c.is_alphanumeric() || (start.is_some() && (c == '\'' || c == '-'));
        if in_word {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            let w = text[s..i].trim_end_matches(['\'', '-']);
            let w = w.strip_suffix("'s").unwrap_or(w);
            if w.chars().any(char::is_alphabetic) {
                out.push((w, initial));
                initial = false;
            }
        }
        if matches!(c, '.' | '!' | '?' | ':' | ';') {
            initial = true;
        }
    }
    out
}

/// A word written with a capital and then small letters ("Licensee").
fn capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.clone().any(char::is_lowercase)
}

/// A word written in capitals ("THE", "C-UDA").
fn is_acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() > 1 && !w.chars().any(char::is_lowercase)
}

/// The finding for `term` if its places render it two ways.
fn inconsistency(
    ctx: &Context,
    docs: &[Group],
    index: &HanIndex,
    term: &str,
    places: &[usize],
) -> Option<Finding> {
    // Substrings of the places' Chinese runs, with the places holding them.
    let mut found: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for &g in places {
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        for (_, t) in &docs[g].zh {
            for run in han_runs(t) {
                let bounds: Vec<usize> = run
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain(std::iter::once(run.len()))
                    .collect();
                for a in 0..bounds.len() {
                    for b in a + 2..bounds.len().min(a + MAX_RENDERING + 1) {
                        seen.insert(&run[bounds[a]..bounds[b]]);
                    }
                }
            }
        }
        for s in seen {
            found.entry(s).or_default().push(g);
        }
    }
    // A substring one character longer in as many places dominates a
    // shorter one (`数据提供者` dominates `据提供者` and `数据提供`).
    let mut dominated: FxHashSet<&str> = FxHashSet::default();
    for (t, gs) in &found {
        let mut ends = t.char_indices();
        let second = ends.nth(1).map_or(t.len(), |(i, _)| i);
        let last = t.char_indices().last().map_or(0, |(i, _)| i);
        for shorter in [&t[second..], &t[..last]] {
            if shorter.chars().count() >= 2
                && found.get(shorter).is_some_and(|s| s.len() == gs.len())
            {
                dominated.insert(shorter);
            }
        }
    }
    let found: Vec<(&str, Vec<usize>)> = found
        .into_iter()
        .filter(|(s, gs)| gs.len() >= MIN_PLACES && !dominated.contains(s))
        .collect();
    // Two renderings cover most places, so one of them, the main one, is
    // in a good share of them; the other must be a variant of a main one.
    // Only these are looked at further (a long document repeats many
    // phrases in two places).
    let main_places = (MIN_COVERAGE / 2.0 * places.len() as f64).ceil() as usize;
    let mains: Vec<&str> = found
        .iter()
        .filter(|(_, gs)| gs.len() >= main_places)
        .map(|(s, _)| *s)
        .collect();
    if mains.is_empty() {
        return None;
    }
    let mut candidates: Vec<(&str, Vec<usize>)> = found
        .into_iter()
        .filter(|(s, gs)| gs.len() >= main_places || mains.iter().any(|m| variant(m, s)))
        .collect();
    // Longest first, so that a substring can be dropped for a longer
    // candidate in as many places.
    candidates.sort_by(|a, b| {
        b.0.chars()
            .count()
            .cmp(&a.0.chars().count())
            .then(a.0.cmp(b.0))
    });
    let outside = docs.len() - places.len();
    let mut kept: Vec<(&str, Vec<usize>)> = Vec::new();
    for (s, gs) in candidates {
        if kept
            .iter()
            .any(|(k, kgs)| k.contains(s) && kgs.len() >= gs.len())
        {
            continue;
        }
        // Mostly where the term is, and much more often there than
        // elsewhere.
        let all = index.groups(docs, s).len();
        let out_share = all.saturating_sub(gs.len()) as f64 / outside.max(1) as f64;
        let in_share = gs.len() as f64 / places.len() as f64;
        if (gs.len() as f64) < MIN_ASSOCIATION * all as f64 || in_share < MIN_LIFT * out_share {
            continue;
        }
        kept.push((s, gs));
    }
    // Two renderings that together cover the places, seldom in the same
    // place: the pair covering most, then the one whose rarer rendering is
    // in more places.
    let mut best: Option<(usize, usize, usize, usize)> = None;
    for (a, (sa, ga)) in kept.iter().enumerate() {
        for (b, (sb, gb)) in kept.iter().enumerate().skip(a + 1) {
            if !variant(sa, sb) || !translates(ctx, docs, term, (sa, ga), (sb, gb)) {
                continue;
            }
            let both = ga.iter().filter(|g| gb.contains(g)).count();
            let union = ga.len() + gb.len() - both;
            let fewer = ga.len().min(gb.len());
            if both * 2 >= fewer.max(1) && both > 0
                || (union as f64) < MIN_COVERAGE * places.len() as f64
            {
                continue;
            }
            if best.is_none_or(|(_, _, u, f)| (union, fewer) > (u, f)) {
                best = Some((a, b, union, fewer));
            }
        }
    }
    let (a, b, _, _) = best?;
    let ((main, main_gs), (other, other_gs)) = if kept[a].1.len() >= kept[b].1.len() {
        (kept[a].clone(), kept[b].clone())
    } else {
        (kept[b].clone(), kept[a].clone())
    };
    // Where each rendering is: the minority's clauses first.
    let holding = |s: &str, gs: &[usize]| -> Vec<usize> {
        gs.iter()
            .flat_map(|&g| docs[g].zh.iter())
            .filter(|(_, t)| t.contains(s))
            .map(|(i, _)| *i)
            .collect()
    };
    let mut zh = holding(other, &other_gs);
    zh.sort_unstable();
    let mut rest = holding(main, &main_gs);
    rest.sort_unstable();
    rest.retain(|i| !zh.contains(i));
    zh.extend(rest);
    let mut en: Vec<usize> = places
        .iter()
        .flat_map(|&g| docs[g].en.iter())
        .filter(|(_, t)| count_en_term(t, term) > 0)
        .map(|(i, _)| *i)
        .collect();
    en.sort_unstable();
    let (n_main, n_other) = (main_gs.len(), other_gs.len());
    // Surer the more places hold each rendering: two places each is the
    // least the rule reports on.
    let confidence = 0.6
        + 0.05 * (n_other - MIN_PLACES).min(2) as f64
        + if n_main > MIN_PLACES { 0.05 } else { 0.0 };
    // A party rendered as two parties (数据提供者 "data provider" and
    // 数据处理者 "data processor") changes who does what: a named party.
    let party = |r: &str| CHECK_PARTY_SUFFIXES_ZH.iter().any(|s| r.ends_with(s));
    let (kind, what) = if party(main) && party(other) {
        (FindingKind::Entity, "named party ")
    } else {
        (FindingKind::Terminology, "")
    };
    Some(Finding {
        id: String::new(),
        kind,
        severity: Severity::Warning,
        confidence,
        zh,
        en,
        zh_value: Some(other.to_string()),
        en_value: Some(term.to_string()),
        message: format!(
            "{what}«{term}» is rendered two ways in the Chinese version: {main} in {n_main} {}, {other} in {n_other} {}",
            places_word(n_main),
            places_word(n_other),
        ),
    })
}

fn places_word(n: usize) -> &'static str {
    if n == 1 { "place" } else { "places" }
}

/// Whether two variant renderings translate the term and differ on a word
/// of it: each holds a word whose lexicon keys are those of a word of the
/// term, and what they share does not translate every word of the term
/// (`本文条款` / `服务条款` both say "Terms" and differ only around it).
fn translates(
    ctx: &Context,
    docs: &[Group],
    term: &str,
    (a, ga): (&str, &[usize]),
    (b, gb): (&str, &[usize]),
) -> bool {
    // The keys of each word of the term, read off the places' English words.
    let words: Vec<String> = term.split(' ').map(str::to_lowercase).collect();
    let mut keys: Vec<FxHashSet<u32>> = vec![FxHashSet::default(); words.len()];
    for &g in ga.iter().chain(gb) {
        for &(id, text) in &docs[g].en {
            for t in ctx.tokens(Lang::En, id) {
                let w = text.get(t.start..t.end).unwrap_or("").to_lowercase();
                for (k, word) in words.iter().enumerate() {
                    if w == *word
                        || word.strip_suffix('s') == Some(w.as_str())
                        || w.strip_suffix('s') == Some(word.as_str())
                    {
                        keys[k].extend(t.keys.iter().chain(&t.parts).copied());
                    }
                }
            }
        }
    }
    let (head, tail) = shared_ends(a, b);
    // Words of the term each rendering translates, and those their shared
    // beginning and end translate.
    let mut whole = [vec![false; words.len()], vec![false; words.len()]];
    let mut shared = vec![false; words.len()];
    for (r, (s, gs)) in [(a, ga), (b, gb)].into_iter().enumerate() {
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let head_end = chars.get(head).map_or(s.len(), |c| c.0);
        let tail_start = chars.get(chars.len() - tail).map_or(s.len(), |c| c.0);
        for &g in gs {
            for &(id, text) in &docs[g].zh {
                for (at, _) in text.match_indices(s) {
                    for t in ctx.tokens(Lang::Zh, id) {
                        if t.end <= at || t.start >= at + s.len() {
                            continue;
                        }
                        let inside_shared = t.start >= at && t.end <= at + head_end
                            || t.start >= at + tail_start && t.end <= at + s.len();
                        for (k, ks) in keys.iter().enumerate() {
                            if t.keys.iter().chain(&t.parts).any(|x| ks.contains(x)) {
                                whole[r][k] = true;
                                if inside_shared {
                                    shared[k] = true;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    whole.iter().all(|w| w.iter().any(|&x| x)) && !shared.iter().all(|&x| x)
}

/// How many characters two strings share at their beginning and at their
/// end (not overlapping in the shorter).
fn shared_ends(a: &str, b: &str) -> (usize, usize) {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let n = a.len().min(b.len());
    let head = head.min(n);
    (head, tail.min(n - head))
}

/// The runs of Han characters of a text.
fn han_runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_han(c))
        .filter(|r| r.chars().count() >= 2)
}

/// Whether `b` could be another rendering of what `a` renders: about as
/// long, neither inside the other, sharing a beginning or an end, and
/// differing in at least two characters on each side between (none of
/// them shared), neither beginning or ending with a particle (`的`).
fn variant(a: &str, b: &str) -> bool {
    // Cheap tests first: this is asked of many pairs of substrings.
    let same_end = a.chars().next() == b.chars().next() || a.chars().last() == b.chars().last();
    if !same_end || a.chars().count().abs_diff(b.chars().count()) > 1 {
        return false;
    }
    if a.contains(b) || b.contains(a) {
        return false;
    }
    let (head, tail) = shared_ends(a, b);
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 1 || head + tail == 0 {
        return false;
    }
    let (ra, rb) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    // The parts between differ in at least two characters each, none
    // shared (`保留的` / `附保留` is one word moved, not two renderings), and
    // neither ends in a particle. A part between that starts with a
    // conjunction joins a second term (一般事务和专业 for "General Service
    // and Professional" against 一般事务人员): no rendering of the first.
    let particle = |c: &char| matches!(c, '的' | '之' | '和' | '与' | '及' | '或');
    let conjunction = |c: &char| matches!(c, '和' | '与' | '及' | '或');
    ra.len() >= 2
        && rb.len() >= 2
        && !ra.iter().any(|c| rb.contains(c))
        && !ra.first().is_some_and(conjunction)
        && !rb.first().is_some_and(conjunction)
        && ![&a, &b]
            .iter()
            .any(|s| s.first().is_some_and(particle) || s.last().is_some_and(particle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_share_an_end_and_differ_in_between() {
        assert!(variant("数据提供者", "数据处理者"));
        assert!(variant("被许可方", "被授权方"));
        assert!(!variant("数据提供者", "提供者"));
        assert!(!variant("本协议", "该协议"));
        assert!(!variant("如果您遵守", "数据处理者"));
        assert!(!variant("一般事务人员", "一般事务和专业"));
    }

    #[test]
    fn words_know_where_sentences_start() {
        let w = words("1.2 Data Provider will not sue. The Licensee may");
        assert_eq!(w[0], ("Data", true));
        assert_eq!(w[1], ("Provider", false));
        assert_eq!(w[5], ("The", true));
        assert_eq!(w[6], ("Licensee", false));
    }
}
