//! English modal cues: `must`, `shall`, `should`, `may`, `can`, `will`,
//! `need to`, `have to`, `is required/entitled/allowed to`, `prohibited`,
//! imperative `Do not`... The words are in
//! `data/words/anchors/en-modal-words.tsv`, each with the rule of
//! [`EnModalWord`] that reads it; nouns that look modal (`free will`, `a
//! can`, `the need to`) and the month `May` are set aside here.

use super::{next_w, prev_w};
use crate::anchors::Modality;
use crate::anchors::doc::{Coverage, Doc};
use crate::anchors::numbers::month_context_word;
use crate::anchors::phrases::WordIndex;
use crate::words::{
    ANCHORS_EN_MODAL_WORDS, ANCHORS_EN_SUBJECT_TO_CHANGE, ANCHORS_EN_WILL_NOUN_BEFORE,
};

/// How an English modal word is read: the `class` column of
/// `data/words/anchors/en-modal-words.tsv`. "Negated" below means `not` or
/// `never` right after the word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnModalWord {
    /// `must`, `shall`, `should`: obligation, prohibition when negated; no
    /// modal after `a`/`the` (`a must`), nor in a definition (`shall mean`).
    Must,
    /// `ought`: `ought to` is an obligation, `ought not` a prohibition.
    Ought,
    /// `may`: permission, prohibition when negated (`may not be able to`
    /// stays a possibility); no modal when it is the month.
    May,
    /// `might`: possibility.
    Might,
    /// `can`: permission, prohibition when followed by `not`; no modal as
    /// a noun (`a can`, `the trash can`).
    Can,
    /// `could`: possibility, prohibition when followed by `not`.
    Could,
    /// `will`: future, unless it is the noun (`free will`, `the will`).
    Will,
    /// `would`, `won't`, `wouldn't`: future.
    Would,
    /// `need(s)`: `need to` an obligation (a permission when negated before:
    /// `do not need to`), `need not` / `no need to` a permission; no modal
    /// as a noun (`the need to`).
    Need,
    /// `needn't`: permission (a negated obligation).
    NeedNot,
    /// `have`, `has`, `had`: `have to` is an obligation (a permission when
    /// negated before); not `have to do with`, not `I had to`.
    Have,
    /// `required`, `obliged`, `obligated`: `is required to` is an obligation
    /// (`not required to` a permission).
    Required,
    /// `require`, `requires`: a need stated with its object ("controlling
    /// it requires a plan", "requires you to sign in"), an obligation as
    /// 需要 and 必须 are (a permission when negated before: `does not
    /// require`); no modal after a determiner or a modal of its own (`may
    /// require` is the other cue's).
    Requires,
    /// `subject`: `is subject to` (approval, a limit, the measures) is a
    /// requirement, as 须受…限制 and 必须获得…批准 are (a permission when
    /// negated: `without being subject to`, 毋须受到); not `subject to
    /// change` (a possibility: `en-subject-to-change.tsv`), not the noun
    /// (`the data subject to whom`).
    Subject,
    /// `entitled`, `permitted`, `allowed`, `authorized`, `able`: `is
    /// entitled to` is a permission (`not entitled to` a prohibition).
    Entitled,
    /// `unable`: `unable to` is a prohibition (inability is not told apart).
    Unable,
    /// `enable(s)`, `allow(s)`, `permit(s)` with an object and `to` ("to
    /// enable them to perform", "allows you to export"): a permission, as
    /// 使其可以 and 可以 are; without `to` it is a plain verb ("enable
    /// cookies").
    Enables,
    /// `right(s)`: `have the right to` / `reserves the right to` is a
    /// permission, `no right to` a prohibition.
    Right,
    /// `cannot`, `mustn't`, `shan't`, `prohibited`, `forbid`...: prohibition.
    Prohibits,
    /// `going`: `is going to` is a future.
    Going,
    /// `do`, `don't`: a sentence-initial `Do not` / `Don't` is a prohibition.
    Do,
}

/// The class of a lower-case word that can start a modal cue.
fn modal_word(lc: &str) -> Option<EnModalWord> {
    static WORDS: WordIndex<(&str, EnModalWord)> = WordIndex::new(ANCHORS_EN_MODAL_WORDS, |r| r.0);
    WORDS.get(lc).map(|r| r.1)
}

/// Is word `k` (`may`) the month May?
fn month_like_may(doc: &Doc, k: usize) -> bool {
    let Some(w) = doc.word(k) else { return false };
    if doc.at(w.s) != 'M' {
        return false;
    }
    let nx = doc.skip_sp(w.e, 2);
    if doc.at(nx).is_ascii_digit() {
        return true;
    }
    let pb = doc.skip_sp_back(w.s, 2);
    if doc.before(pb).is_ascii_digit() {
        return true;
    }
    month_context_word(prev_w(doc, k, 1)) && !doc.sentence_initial(w.s)
}

/// Scans English modal cues: (start, end, modality) of each.
pub(super) fn en_modals(doc: &Doc, cov: &Coverage, out: &mut Vec<(usize, usize, Modality)>) {
    use EnModalWord as W;
    use Modality::*;
    let words = doc.words();
    for (k, w) in words.iter().enumerate() {
        if cov.any(w.s, w.e) {
            continue;
        }
        let lc = doc.wlc(k);
        let Some(class) = modal_word(lc) else {
            continue;
        };
        let n1 = next_w(doc, k, 1);
        let n2 = next_w(doc, k, 2);
        let p1 = prev_w(doc, k, 1);
        let p2 = prev_w(doc, k, 2);
        let neg_before = matches!(p1, "not" | "never")
            || p1.ends_with("n't")
            || (p2 == "not" && matches!(p1, "be" | "been"));
        let end_next = |d: usize| -> usize { doc.word(k + d).map(|x| x.e).unwrap_or(w.e) };
        let hit: Option<(usize, Modality)> = match class {
            W::Must => {
                if matches!(p1, "a" | "the") {
                    None
                } else if lc == "shall" && matches!(n1, "mean" | "means") {
                    // definitional "shall mean" (= 系指)
                    None
                } else if n1 == "not" || n1 == "never" {
                    Some((end_next(1), Prohibition))
                } else {
                    Some((w.e, Obligation))
                }
            }
            W::Ought if n1 == "to" => Some((end_next(1), Obligation)),
            W::Ought if n1 == "not" => Some((end_next(1), Prohibition)),
            W::Ought => None,
            W::May => {
                if month_like_may(doc, k) {
                    None
                } else if n1 == "not" && n2 == "be" && next_w(doc, k, 3) == "able" {
                    // "may not be able to": possibility + inability
                    Some((w.e, Permission))
                } else if n1 == "not" || n1 == "never" {
                    Some((end_next(1), Prohibition))
                } else {
                    Some((w.e, Permission))
                }
            }
            W::Might => Some((w.e, Permission)),
            W::Can => {
                // "a can", "the trash can"; "that can be stored" is a modal.
                let noun = matches!(p1, "a" | "the" | "trash" | "tin" | "garbage")
                    || (matches!(p1, "this" | "that") && matches!(n1, "" | "of" | "is" | "was"));
                if noun {
                    None
                } else if n1 == "not" {
                    Some((end_next(1), Prohibition))
                } else {
                    Some((w.e, Permission))
                }
            }
            W::Could => {
                if n1 == "not" {
                    Some((end_next(1), Prohibition))
                } else {
                    Some((w.e, Permission))
                }
            }
            W::Will => {
                // The modal is followed by its verb: "will" ending a
                // sentence ("to make a valid will.") is the noun.
                let ends_sentence = n1.is_empty()
                    && (w.e >= doc.len() || crate::anchors::doc::is_sentence_end(doc.at(w.e)));
                if ends_sentence || ANCHORS_EN_WILL_NOUN_BEFORE.binary_search(&p1).is_ok() {
                    None
                } else {
                    Some((w.e, Future))
                }
            }
            W::Would => Some((w.e, Future)),
            W::Need => {
                if matches!(
                    p1,
                    "a" | "the"
                        | "any"
                        | "your"
                        | "our"
                        | "their"
                        | "its"
                        | "this"
                        | "that"
                        | "of"
                        | "as"
                ) {
                    None
                } else if p1 == "no" && n1 == "to" {
                    Some((end_next(1), Permission))
                } else if n1 == "to" {
                    if neg_before {
                        Some((end_next(1), Permission))
                    } else {
                        Some((end_next(1), Obligation))
                    }
                } else if n1 == "not" {
                    Some((end_next(1), Permission))
                } else {
                    None
                }
            }
            W::NeedNot => Some((w.e, Permission)),
            W::Have => {
                if n1 == "to" && n2 != "do" && !matches!(p1, "i") {
                    if neg_before {
                        Some((end_next(1), Permission))
                    } else {
                        Some((end_next(1), Obligation))
                    }
                } else {
                    None
                }
            }
            W::Required => {
                if n1 == "to" {
                    if neg_before {
                        Some((end_next(1), Permission))
                    } else {
                        Some((end_next(1), Obligation))
                    }
                } else {
                    None
                }
            }
            W::Requires => {
                if matches!(
                    p1,
                    "a" | "the" | "to" | "may" | "might" | "can" | "could" | "will" | "would"
                ) {
                    None
                } else if neg_before {
                    Some((w.e, Permission))
                } else {
                    Some((w.e, Obligation))
                }
            }
            W::Subject => {
                // After a form of "be" only: ", subject to applicable law,
                // we may" is a condition that 根据适用法律 renders with the
                // clause's own modal.
                let be = matches!(
                    p1,
                    "be" | "is" | "are" | "was" | "were" | "been" | "being" | "remain" | "remains"
                );
                let requirement =
                    be && n1 == "to" && ANCHORS_EN_SUBJECT_TO_CHANGE.binary_search(&n2).is_err();
                if !requirement {
                    None
                } else if neg_before || p2 == "without" {
                    Some((end_next(1), Permission))
                } else {
                    Some((end_next(1), Obligation))
                }
            }
            W::Entitled => {
                if n1 == "to" {
                    if neg_before {
                        Some((end_next(1), Prohibition))
                    } else {
                        Some((end_next(1), Permission))
                    }
                } else {
                    None
                }
            }
            W::Enables => {
                // An object of one or two words, then "to" ("enable them
                // to", "allows the user to").
                let object = |w: &str| !w.is_empty() && w != "to";
                let object_to =
                    object(n1) && (n2 == "to" || object(n2) && next_w(doc, k, 3) == "to");
                (object_to && !neg_before).then_some((w.e, Permission))
            }
            W::Unable if n1 == "to" => Some((end_next(1), Prohibition)),
            W::Unable => None,
            W::Right => {
                let owner = |w: &str| {
                    matches!(
                        w,
                        "have" | "has" | "had" | "reserve" | "reserves" | "retain" | "retains"
                    )
                };
                let det = matches!(p1, "the" | "all" | "a");
                if n1 == "to" && ((det && owner(p2)) || owner(p1)) {
                    Some((end_next(1), Permission))
                } else if n1 == "to" && p1 == "no" {
                    Some((end_next(1), Prohibition))
                } else {
                    None
                }
            }
            W::Prohibits => Some((w.e, Prohibition)),
            W::Going => {
                if n1 == "to" && matches!(p1, "is" | "are" | "am" | "was" | "were" | "'s" | "'re") {
                    Some((end_next(1), Future))
                } else {
                    None
                }
            }
            W::Do => {
                let imperative = doc.at(w.s) == 'D' && doc.sentence_initial(w.s);
                if imperative && (lc == "don't" || n1 == "not") {
                    Some((if lc == "do" { end_next(1) } else { w.e }, Prohibition))
                } else {
                    None
                }
            }
        };
        if let Some((e, m)) = hit {
            // "not entitled to": include the negation in the span
            out.push((w.s, e.max(w.e), m));
        }
    }
}
