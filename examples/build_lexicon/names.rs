//! Proper names in the senses of a CC-CEDICT proper-noun entry, with their
//! extra forms (company suffixes stripped, acronyms).

use clausealign::lexicon::is_han;
// The filters' word lists: data/words/lexicon/cedict/*.tsv.
use clausealign::words::{
    LEXICON_CEDICT_ACRONYM_HEADS as ACRONYM_HEADS,
    LEXICON_CEDICT_COMPANY_SUFFIXES as COMPANY_SUFFIXES,
    LEXICON_CEDICT_KNOWN_ACRONYMS as KNOWN_ACRONYMS,
    LEXICON_CEDICT_NAME_CONNECTORS as NAME_CONNECTORS,
    LEXICON_CEDICT_NOT_NAME_SUFFIXES as NOT_NAME_SUFFIXES, LEXICON_CEDICT_NOT_NAMES as NOT_NAMES,
    LEXICON_CEDICT_PLACE_WORDS as PLACE_WORDS,
};

/// Proper names in a (bracket-free) sense of a proper-noun entry.
pub(crate) fn extract_names(plain: &str, parens: &[String]) -> Vec<String> {
    let mut s = plain.trim();
    for cut in [",", ";", " in ", " - ", ": "] {
        if let Some(i) = s.find(cut) {
            s = &s[..i];
        }
    }
    let s = s.trim().trim_end_matches(['.', ' ']);
    let s = s
        .strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(s);
    let mut names: Vec<String> = Vec::new();
    for cand in s.split(" or ") {
        let mut cand = cand.trim();
        if !is_name(cand) {
            // "Yingzhou district of Fuyang city" → "Yingzhou".
            match capitalised_before_place_word(cand) {
                Some(c) if is_name(c) => cand = c,
                _ => continue,
            }
        }
        let mut base = cand;
        loop {
            let stripped = COMPANY_SUFFIXES
                .iter()
                .find_map(|suf| base.strip_suffix(suf))
                .map(str::trim_end);
            match stripped {
                Some(b) if is_name(b) => base = b,
                _ => break,
            }
        }
        if base != cand {
            push_unique(&mut names, base);
        }
        push_unique(&mut names, cand);
        if let Some(acr) = acronym(cand) {
            push_unique(&mut names, &acr);
        }
    }
    // A place's other name ("Hanseong, former name of Seoul", "Mumbai
    // (formerly Bombay)"): a translation may use either.
    let others = plain
        .split_once("former name of ")
        .map(|(_, rest)| rest)
        .into_iter()
        .chain(parens.iter().filter_map(|p| {
            let p = p.trim();
            p.strip_prefix("formerly ")
                .or_else(|| p.strip_prefix("former name of "))
        }));
    for other in others {
        let other = other
            .split([',', ';', '('])
            .next()
            .unwrap_or("")
            .trim()
            .trim_end_matches(['.', ' ']);
        if !names.is_empty() && is_name(other) {
            push_unique(&mut names, other);
        }
    }
    if let Some(first) = names.first().cloned() {
        for p in parens {
            let p = p.trim();
            if (2..=6).contains(&p.len())
                && p.chars().all(|c| c.is_ascii_uppercase() || c == '&')
                && acronym_fits(p, &first)
            {
                push_unique(&mut names, p);
            }
        }
    }
    names
}

/// The leading capitalised words of `s` if they are followed by a place
/// word (`Yingzhou district of Fuyang city` → `Yingzhou`).
fn capitalised_before_place_word(s: &str) -> Option<&str> {
    let mut end = 0;
    for (i, w) in s.split(' ').enumerate() {
        if w.chars().next().is_some_and(char::is_uppercase) {
            end = w.as_ptr() as usize - s.as_ptr() as usize + w.len();
            continue;
        }
        if i > 0 && PLACE_WORDS.contains(&w) {
            return Some(&s[..end]);
        }
        return None;
    }
    None
}

/// Appends `s` to `v` unless present.
pub(crate) fn push_unique(v: &mut Vec<String>, s: &str) {
    if !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

/// Whether `s` looks like a proper name: capitalised words (connectors such as
/// `of`/`the` allowed inside), not a nationality adjective or a month.
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 7 || s.len() > 60 {
        return false;
    }
    if !s.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    for (i, w) in words.iter().enumerate() {
        if !w
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '\'' | '\u{2019}' | '.' | '&'))
        {
            return false;
        }
        if w.chars().any(is_han) {
            return false;
        }
        let first = w.chars().next().unwrap_or(' ');
        let connector = NAME_CONNECTORS.contains(w);
        if !(first.is_uppercase() || first.is_ascii_digit() || connector) {
            return false;
        }
        if connector && i + 1 == words.len() {
            return false;
        }
    }
    if words.len() == 1 {
        let w = words[0];
        if NOT_NAMES.contains(&w) || NOT_NAME_SUFFIXES.iter().any(|suf| w.ends_with(suf)) {
            return false;
        }
        if w.chars().count() < 2 {
            return false;
        }
    }
    true
}

/// Acronym of an organisation-like name of at least three significant words
/// (`World Trade Organization` → `WTO`), or a well-known one.
fn acronym(name: &str) -> Option<String> {
    if let Some((_, a)) = KNOWN_ACRONYMS.iter().find(|(n, _)| *n == name) {
        return Some((*a).to_string());
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let last = words.last()?;
    if !ACRONYM_HEADS.contains(last) || name.contains('-') {
        return None;
    }
    let acr: String = words
        .iter()
        .filter(|w| !NAME_CONNECTORS.contains(w))
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_uppercase)
        .collect();
    (acr.len() >= 3).then_some(acr)
}

/// Whether `acr` (all capitals) is a subsequence of the capitals of `name`,
/// so that "(EU)" after "European Union" is taken as its acronym but "(PRC)"
/// after "Double Reduction Policy" is not.
fn acronym_fits(acr: &str, name: &str) -> bool {
    let mut caps = name.chars().filter(char::is_ascii_uppercase);
    acr.chars()
        .filter(char::is_ascii_uppercase)
        .all(|a| caps.any(|c| c == a))
}
