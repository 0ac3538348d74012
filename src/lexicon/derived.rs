//! Facts derived from a lexicon's tables on first use, shared by every
//! document checked with it.

use rustc_hash::FxHashSet;

use super::{Lexicon, StemId};
use crate::words::ZH_NEGATING_CHARS;

/// English prefixes that negate the stem they precede.
pub(crate) const NEGATING_PREFIXES: [&str; 7] = ["non", "un", "dis", "in", "im", "il", "ir"];

/// What [`Lexicon`] derives from its tables.
#[derive(Clone, Debug, Default)]
pub(super) struct Derived {
    /// English stems that negate another stem by a prefix, as the lexicon
    /// attests: a Chinese word beginning with a negating character
    /// translates to the stem, and the rest of the word to the stem without
    /// the prefix (不一致 "inconsistent" and 一致 "consistent"; 非正式
    /// "unofficial" and 正式 "official").
    negated_stems: FxHashSet<StemId>,
}

impl Derived {
    pub(super) fn new(lex: &Lexicon) -> Derived {
        let mut negated_stems = FxHashSet::default();
        for (word, stems) in lex.headwords() {
            let mut chars = word.chars();
            if !chars.next().is_some_and(|c| ZH_NEGATING_CHARS.contains(&c)) {
                continue;
            }
            let Some(bases) = lex.translations(chars.as_str()) else {
                continue;
            };
            for &s in stems {
                let stem = lex.stem_str(s);
                let negates = bases.iter().any(|&b| {
                    NEGATING_PREFIXES
                        .iter()
                        .any(|p| stem.strip_prefix(p) == Some(lex.stem_str(b)))
                });
                if negates {
                    negated_stems.insert(s);
                }
            }
        }
        Derived { negated_stems }
    }
}

impl Lexicon {
    fn derived(&self) -> &Derived {
        self.derived.get_or_init(|| Derived::new(self))
    }

    /// Whether an English stem negates another by its prefix, as the
    /// lexicon attests (see `Derived`): "inconsistent" does, "information"
    /// does not. Computed once per lexicon, on first use.
    pub fn translates_negated_word(&self, stem: StemId) -> bool {
        self.derived().negated_stems.contains(&stem)
    }
}
