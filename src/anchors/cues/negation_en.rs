//! English negation cues: `not`, `n't`, `no`, `never`, `without`, `cannot`,
//! `fail to`, `prohibited`, `refuse` (the verb), `deny`... The words are in
//! `data/words/anchors/en-negation-words.tsv`; the rules here set aside the
//! uses that negate nothing (`not only`, `no later than`, `without
//! limitation`, `No. 5`, `No, Sir,`, the noun `refuse`).

use super::{next_w, prev_w};
use crate::anchors::doc::{Coverage, Doc};
use crate::anchors::phrases::WordIndex;
use crate::words::{ANCHORS_EN_NEGATION_WORDS, ANCHORS_EN_REFUSE_VERB_CONTEXT};

/// A negation word: one of the list, or any contraction in `n't`.
fn en_neg_word(lc: &str) -> bool {
    static WORDS: WordIndex<&str> = WordIndex::new(ANCHORS_EN_NEGATION_WORDS, |w| w);
    WORDS.contains(lc) || lc.ends_with("n't")
}

/// Scans English negation cues: (start, end) of each.
pub(super) fn en_neg_cues(doc: &Doc, cov: &Coverage) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let words = doc.words();
    for (k, w) in words.iter().enumerate() {
        let lc = doc.wlc(k);
        if !en_neg_word(lc) || cov.any(w.s, w.e) {
            continue;
        }
        let n1 = next_w(doc, k, 1);
        let n2 = next_w(doc, k, 2);
        let skip = match lc {
            "not" => {
                let after = doc.at(doc.skip_sp(w.e, 1));
                matches!(
                    n1,
                    "only" | "just" | "merely" | "solely" | "exceeding" | "exceed" | "exceeds"
                ) || (prev_w(doc, k, 1) == "or" && matches!(after, ',' | '.' | ';' | ')' | '\0'))
                    || (n1 == "limited" && n2 == "to")
                    || (matches!(
                        n1,
                        "later" | "more" | "less" | "fewer" | "earlier" | "greater" | "longer"
                    ) && n2 == "than")
                    || (n1 == "to" && n2 == "exceed")
                    || (prev_w(doc, k, 1) == "or" && prev_w(doc, k, 2) == "whether")
            }
            "no" => {
                let after = doc.at(w.e);
                // "No, Sir, ..." at the start of a sentence or reply answers a
                // question; the negation that follows, if any, counts.
                let answer = after == ','
                    && matches!(
                        doc.before(doc.skip_sp_back(w.s, 3)),
                        '\0' | ':' | '：' | '"' | '“' | '.' | '?' | '!'
                    );
                answer
                    || after == '-'
                    || n1 == "matter"
                    || (after == '.' && doc.at(doc.skip_sp(w.e + 1, 2)).is_ascii_digit())
                    || doc.at(doc.skip_sp(w.e, 1)).is_ascii_digit()
                    || (matches!(
                        n1,
                        "later" | "more" | "less" | "fewer" | "earlier" | "greater"
                    ) && n2 == "than")
            }
            "fail" | "fails" | "failed" | "failure" => n1 != "to",
            // "none the less" is "nonetheless"
            "none" => n1 == "the" && n2 == "less",
            "refuse" => {
                !(n1 == "to"
                    || ANCHORS_EN_REFUSE_VERB_CONTEXT
                        .binary_search(&prev_w(doc, k, 1))
                        .is_ok())
            }
            "without" => {
                n1 == "limitation"
                    || n1 == "limiting"
                    || (prev_w(doc, k, 1) == "or" && prev_w(doc, k, 2) == "with")
            }
            _ => false,
        };
        if !skip {
            out.push((w.s, w.e));
        }
    }
    out
}
