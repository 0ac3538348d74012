//! What the words around an English modal say about it: a negation
//! before it, a polite formula ("may I"), a relative clause it stands in.

use crate::anchors::Anchor;
use crate::words::{
    CHECK_AS_MAY_VERBS_EN, CHECK_COMMITTING_SUBJECTS_EN, CHECK_PERMISSION_PREDICATES_EN,
    CHECK_RELATIVIZERS_EN,
};

/// Whether the English word before byte `at` of `body` (past a "be",
/// "being" or "been") is a negation: "not", "never", "no" ("no need to"),
/// "without" ("without being subject to"), or a contraction in "n't".
pub(super) fn negated_before(body: &str, at: usize) -> bool {
    let mut words = body[..at.min(body.len())]
        .split(|c: char| !c.is_ascii_alphabetic() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .rev()
        .map(str::to_ascii_lowercase);
    let mut w = words.next();
    if matches!(w.as_deref(), Some("be" | "being" | "been")) {
        w = words.next();
    }
    // "without being subject to" (毋须受到) permits as "not required to" does.
    w.is_some_and(|w| {
        w == "not"
            || w == "never"
            || w == "no"
            || w == "without"
            || w.ends_with("n't")
            || w.ends_with("n’t")
    })
}

/// Whether an English "may"/"might" is a polite formula rather than a
/// possibility the sentence asserts ("may I first set out", "if I might
/// give", "as the case may be", "as their work may require"), which translators render without a
/// modal. (The hedge of a relative clause, "data which may include", is a
/// possibility: it translates 可能, and against 将 it is a changed promise;
/// only against a plain statement is it let go, see [`relative_may`].)
pub(super) fn formulaic_may(body: &str, cue: &Anchor) -> bool {
    let before: Vec<&str> = body[..cue.start.min(body.len())]
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .rev()
        .take(2)
        .collect();
    let next = body[cue.end.min(body.len())..]
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let prev = before
        .first()
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    let prev2 = before
        .get(1)
        .map(|w| w.to_ascii_lowercase())
        .unwrap_or_default();
    matches!(next, "I" | "we")
        || (prev == "i" && prev2 == "if")
        // "as the case may be": "respectively" (视情况), no possibility.
        || (prev == "case" && prev2 == "the" && next == "be")
        // "such measures as may be necessary", "as may be required by
        // law": what is needed or required (必要措施, 法律要求的), no
        // possibility.
        || (prev == "as" && next == "be")
        // "as their work may require", "as the law may permit": as needed
        // or allowed (因工作所需, 视法律许可); "as you may know", "as Members
        // may have noted": what the reader knows (如您所知). No possibility
        // (data/words/check/as-may-verbs-en.tsv).
        || (as_before(body, cue.start)
            && CHECK_AS_MAY_VERBS_EN
                .binary_search(&next.to_ascii_lowercase().as_str())
                .is_ok())
}

/// Whether an "as" opens the words right before byte `at`: among the four
/// words before it, with no punctuation between.
fn as_before(body: &str, at: usize) -> bool {
    let before = &body[..at.min(body.len())];
    let from = before
        .rfind([',', ';', ':', '.', '(', ')'])
        .map_or(0, |k| k + 1);
    before[from..]
        .split_whitespace()
        .rev()
        .take(4)
        .any(|w| w.eq_ignore_ascii_case("as"))
}

/// How many words before a "may" a relative word may stand ("that you may
/// apply", "where the corresponding source code may be obtained", "when
/// third-party terms and privacy policies may apply": a long subject).
const RELATIVE_REACH: usize = 8;

/// Whether an English "may"/"might" stands in a relative or wh-clause (a
/// relative word among the few words before it, or "that" right before it,
/// with no punctuation between): "the terms that may apply", "where Mozilla
/// may be found". It
/// hedges an event inside a description, which translators render as an
/// attribute without a modal (所适用的条款, 所在).
pub(super) fn relative_may(body: &str, cue: &Anchor) -> bool {
    let before = &body[..cue.start.min(body.len())];
    // Only this clause: back to the last punctuation mark.
    let clause = before
        .rfind([',', ';', ':', '.', '(', ')', '!', '?'])
        .map_or(before, |k| &before[k + 1..]);
    // The nearest words first, only as many as are read.
    let words: Vec<&str> = clause
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .take(RELATIVE_REACH)
        .collect();
    // A relative clause without its relative word: a pronoun subject right
    // after a noun ("any measures we may use", "the information you may
    // provide"). A function word or an "-ly" adverb before the pronoun
    // ("and we may", "accordingly we may") opens no description.
    if let [subject, noun, ..] = words.as_slice()
        && matches!(subject.to_ascii_lowercase().as_str(), "we" | "you" | "they")
        && noun.chars().all(|c| c.is_ascii_lowercase())
        && !noun.ends_with("ly")
        && !crate::lexicon::is_en_stopword(noun)
    {
        return true;
    }
    words.iter().enumerate().any(|(k, w)| {
        let w = w.to_ascii_lowercase();
        // "that" right before the modal is a relative ("the terms that
        // may apply"); further back it mostly opens reported speech
        // ("indicated that it might revert"), a claim to compare.
        (k == 0 && w == "that") || CHECK_RELATIVIZERS_EN.binary_search(&w.as_str()).is_ok()
    })
}

/// Whether a predicate of permission follows byte `at` of `body` ("shall
/// be free to", "will be entitled to"; `permission-predicates-en.tsv`).
pub(super) fn permission_after(body: &str, at: usize) -> bool {
    let rest = body.get(at..).unwrap_or("").trim_start();
    CHECK_PERMISSION_PREDICATES_EN.iter().any(|p| {
        rest.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
            && !rest[p.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// Whether an English "will" at `cue` commits its subject: a subject of
/// `committing-subjects-en.tsv` right before it, or before an adverb in
/// "-ly" or "also" ("we will delete", "you will also send", "we promptly
/// will"), and no "be" after it ("will be accessible" is a state), nor a
/// negation.
pub(super) fn committing_will(body: &str, cue: &Anchor) -> bool {
    let split = |c: char| !c.is_ascii_alphabetic();
    // Only the words next to the cue: the rest of a long line is not read.
    let next = body[cue.end.min(body.len())..]
        .split(split)
        .find(|w| !w.is_empty());
    // "will not" is a prohibition, the negation rule's.
    if next.is_none_or(|w| {
        ["be", "not", "never"]
            .iter()
            .any(|x| w.eq_ignore_ascii_case(x))
    }) {
        return false;
    }
    let mut before = body[..cue.start.min(body.len())]
        .rsplit(split)
        .filter(|w| !w.is_empty());
    let subject = |w: &str| {
        CHECK_COMMITTING_SUBJECTS_EN
            .binary_search(&w.to_ascii_lowercase().as_str())
            .is_ok()
    };
    match before.next() {
        Some(adverb) if adverb.eq_ignore_ascii_case("also") || adverb.ends_with("ly") => {
            before.next().is_some_and(subject)
        }
        Some(w) => subject(w),
        None => false,
    }
}
