//! The senses of a CC-CEDICT entry: which to keep, how to rank them, which
//! other headwords they refer to, and their English stems.

use clausealign::lexicon::{en_tokens, is_han};
// The filters' word lists: data/words/lexicon/cedict/*.tsv.
use clausealign::words::{
    LEXICON_CEDICT_GLOSS_NOISE as GLOSS_NOISE, LEXICON_CEDICT_MARKED_PREFIXES as MARKED_PREFIXES,
    LEXICON_CEDICT_NOT_ENTITY_HEADWORD_SUFFIXES as NOT_ENTITY_HEADWORD_SUFFIXES,
    LEXICON_CEDICT_REF_PREFIXES as REF_PREFIXES, LEXICON_CEDICT_SKIP_CONTAINS as SKIP_CONTAINS,
    LEXICON_CEDICT_SKIP_PREFIXES as SKIP_PREFIXES,
};

use crate::Entry;
use crate::names::{extract_names, push_unique};

/// Maximum stems taken from one sense (long explanatory glosses are noise).
const MAX_STEMS_PER_SENSE: usize = 5;

/// Maximum stems taken from one sense of a single-character headword.
const MAX_STEMS_PER_SENSE_SINGLE: usize = 3;

/// Analyses the glosses of one entry.
pub(crate) fn analyse(trad: &str, simp: &str, proper: bool, glosses: &str) -> Entry {
    let mut e = Entry {
        trad: trad.to_string(),
        simp: simp.to_string(),
        proper,
        senses: Vec::new(),
        marked: Vec::new(),
        names: Vec::new(),
        refs: Vec::new(),
        variant_of_simp: trad != simp
            && glosses.split('/').any(|g| {
                g.split_once("variant of ")
                    .is_some_and(|(_, rest)| take_reference(rest).0 == simp)
            }),
    };
    let entity_ok = proper
        && simp.chars().count() > 1
        && !NOT_ENTITY_HEADWORD_SUFFIXES
            .iter()
            .any(|s| simp.ends_with(s) || trad.ends_with(s));
    // Stems of the senses including English stopwords, used when the entry
    // has no content word at all (我们 "we; us", 但是 "but; however"): such
    // function words must stay in the lexicon for segmentation.
    let mut function_senses: Vec<Vec<String>> = Vec::new();
    // Idioms: "lit. <literal rendering>" is noise when a "fig." sense exists.
    let has_fig = glosses.contains("fig. ");
    // A single character that is segmented as a word of its own is used as
    // a free word: its bound-form senses (meanings it has only inside
    // compounds) and literary/dialect/… senses are noise there, and so are
    // long explanations.
    let single = simp.chars().count() == 1;
    let per_sense = if single {
        MAX_STEMS_PER_SENSE_SINGLE
    } else {
        MAX_STEMS_PER_SENSE
    };
    for sense in glosses.split('/') {
        for sub in split_subsenses(sense) {
            let mut s = sub.trim();
            if has_fig && s.starts_with("lit. ") {
                continue;
            }
            if s.is_empty()
                || SKIP_PREFIXES.iter().any(|p| s.starts_with(p))
                || SKIP_CONTAINS.iter().any(|p| s.contains(p))
            {
                continue;
            }
            // Cut pronunciation notes inside the sense.
            for cut in ["Taiwan pr.", "also pr.", "also written", "CL:"] {
                if let Some(i) = s.find(cut) {
                    s = s[..i].trim_end_matches([' ', ',', ';']);
                }
            }
            let marked = MARKED_PREFIXES.iter().any(|p| s.starts_with(p));
            if single && (marked || s.starts_with("(bound form)")) {
                continue;
            }
            let owned;
            for p in REF_PREFIXES {
                if let Some(rest) = s.strip_prefix(p) {
                    let (target, after) = take_reference(rest);
                    if !target.is_empty() {
                        e.refs.push(target);
                    }
                    owned = after.trim_start_matches([',', ' ', ';']).to_string();
                    s = owned.as_str();
                    break;
                }
            }
            if s.is_empty() {
                continue;
            }
            let (plain, parens) = strip_brackets(s);
            if parens.iter().any(|p| is_binomial(p)) {
                continue;
            }
            if entity_ok {
                let names = extract_names(&plain, &parens);
                if !names.is_empty() {
                    // The stems of the names also go to zh-en.tsv, so that the
                    // loader does not have to stem entities.tsv.
                    let mut stems: Vec<String> = Vec::new();
                    for n in &names {
                        push_unique(&mut e.names, n);
                        for st in gloss_stems(n, false) {
                            push_unique(&mut stems, &st);
                        }
                    }
                    if !stems.is_empty() {
                        e.senses.push(stems);
                    }
                    continue;
                }
            }
            if !marked {
                let mut f = gloss_stems(&plain, true);
                f.truncate(per_sense);
                if !f.is_empty() {
                    function_senses.push(f);
                }
            }
            let mut stems = gloss_stems(&plain, false);
            stems.truncate(per_sense);
            if !stems.is_empty() {
                if marked {
                    e.marked.push(stems);
                } else {
                    e.senses.push(stems);
                }
            }
        }
    }
    if e.senses.is_empty() && e.marked.is_empty() && e.names.is_empty() {
        e.senses = function_senses;
    }
    e
}

/// Whether every sense of a proper-noun entry is a person (a year range such
/// as `(1732-1799)`, `(name)`, `surname …`) or a minor place (district,
/// county, township, village… outside Hong Kong and Macau): such entries are
/// dropped, they almost never occur in the texts we align and would bloat
/// the lexicon.
pub(crate) fn is_person_or_minor_place(glosses: &str) -> bool {
    let mut any = false;
    for sense in glosses.split('/') {
        let s = sense.trim();
        if s.is_empty() || s.starts_with("surname ") || s.starts_with("see ") {
            continue;
        }
        if has_year_range(s) || s.contains("(name)") || s.contains("given name") {
            any = true;
            continue;
        }
        let lower = s.to_lowercase();
        let minor = [
            "district",
            "county",
            "township",
            "town",
            "village",
            "banner",
            "subdistrict",
        ]
        .iter()
        .any(|w| lower.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w));
        let local = ["Hong Kong", "Kowloon", "New Territories", "Macau", "Macao"]
            .iter()
            .any(|p| s.contains(p));
        if minor && !local {
            any = true;
            continue;
        }
        return false;
    }
    any
}

/// Whether `s` contains a parenthesised year range like `(701-762)` or
/// `(c. 300 BC-250 BC)`.
fn has_year_range(s: &str) -> bool {
    let mut rest = s;
    while let Some(i) = rest.find('(') {
        let after = &rest[i + 1..];
        let Some(j) = after.find(')') else {
            return false;
        };
        let inner = &after[..j];
        if inner.chars().any(|c| c.is_ascii_digit())
            && (inner.contains('-') || inner.contains('\u{2013}'))
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || " -\u{2013}BCADc.?".contains(c))
        {
            return true;
        }
        rest = &after[j..];
    }
    false
}

/// Whether a parenthesised remark is a Latin binomial (`Matthiola incana`):
/// the sense names a species.
fn is_binomial(p: &str) -> bool {
    let words: Vec<&str> = p.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && words[0]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase())
        && words[0].chars().skip(1).all(|c| c.is_ascii_lowercase())
        && words[1..]
            .iter()
            .all(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_lowercase()))
}

/// Splits a sense at `;` outside parentheses.
fn split_subsenses(sense: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in sense.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ';' if depth <= 0 => {
                out.push(&sense[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&sense[start..]);
    out
}

/// Parses a CC-CEDICT reference `繁|简[pin1 yin1]` (or `简[...]`, or bare
/// Han characters) at the start of `s`; returns the simplified headword and
/// the text after the reference.
fn take_reference(s: &str) -> (String, &str) {
    let end = s
        .char_indices()
        .find(|&(_, c)| !(is_han(c) || c == '|'))
        .map_or(s.len(), |(i, _)| i);
    let han = &s[..end];
    let simp = han.rsplit('|').next().unwrap_or("").to_string();
    let mut rest = &s[end..];
    if rest.starts_with('[')
        && let Some(i) = rest.find(']')
    {
        rest = &rest[i + 1..];
    }
    (simp, rest)
}

/// Removes `( … )` (nested) and `[ … ]` groups and Han characters / `|`
/// (inline references); returns the plain text and the parenthesised parts.
fn strip_brackets(s: &str) -> (String, Vec<String>) {
    let mut plain = String::with_capacity(s.len());
    let mut parens = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    let mut square = false;
    for c in s.chars() {
        match c {
            '(' => {
                depth += 1;
                if depth == 1 {
                    cur.clear();
                }
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    parens.push(cur.trim().to_string());
                }
            }
            '[' => square = true,
            ']' => square = false,
            _ if depth > 0 => cur.push(c),
            _ if square => {}
            '|' => plain.push(' '),
            _ if is_han(c) => plain.push(' '),
            _ => plain.push(c),
        }
    }
    let plain = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    (plain, parens)
}

/// Content-word stems of a gloss (stopwords too if `keep_stop`), in order,
/// deduplicated.
fn gloss_stems(gloss: &str, keep_stop: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in en_tokens(gloss) {
        if (t.stop && !keep_stop) || t.numeric || t.stem.chars().count() < 2 {
            continue;
        }
        let word = &gloss[t.start..t.end];
        if word
            .chars()
            .any(|c| !c.is_ascii_alphanumeric() && c != '\'' && c != '\u{2019}')
        {
            // Pinyin with tone marks, stray non-Latin text.
            if !word.chars().all(char::is_alphabetic) || word.chars().any(is_han) {
                continue;
            }
        }
        let lw = word.to_lowercase();
        if GLOSS_NOISE.contains(&lw.as_str()) || GLOSS_NOISE.contains(&t.stem.as_str()) {
            continue;
        }
        if !out.contains(&t.stem) {
            out.push(t.stem);
            if out.len() == MAX_STEMS_PER_SENSE {
                break;
            }
        }
    }
    out
}
