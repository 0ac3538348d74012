//! Facts derived from a lexicon's tables on first use, shared by every
//! document checked with it.

use rustc_hash::{FxHashMap, FxHashSet};

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
    /// Lower-case English words that negate the word without their prefix,
    /// as WordNet attests by listing the two as antonyms ("inaccessible"
    /// and "accessible"; `negated-en.tsv`).
    negated_words: FxHashSet<&'static str>,
    /// For an English stem, the stems of the words related to it that the
    /// lexicon knows: its synonyms and, for an adjective, its base.
    related: FxHashMap<StemId, Vec<StemId>>,
    /// For an English adjective's stem, the stems of the nouns or verbs it
    /// derives from ("environmental": "environment"), one way.
    adjective_bases: FxHashMap<StemId, Vec<StemId>>,
}

/// English words and the synonyms sharing their most frequent sense
/// (WordNet 3.0, see `data/lexicon/README.md`): `word<TAB>synonym …`.
/// Words, not stems, so that the file reads as English and is stemmed by
/// the same stemmer as the text.
const SYNONYMS_EN: &str = include_str!("../../data/lexicon/synonyms-en.tsv");

/// English adjectives and the nouns or verbs they derive from
/// ("environmental": "environment"; WordNet 3.0), which Snowball stems
/// apart: `adjective<TAB>base …`.
const ADJECTIVE_BASES_EN: &str = include_str!("../../data/lexicon/adjective-bases-en.tsv");

/// English words that negate their antonym by a prefix ("inaccessible":
/// "accessible"; WordNet 3.0): `word<TAB>antonym`. The dictionary glosses
/// of the lexicon attest few of them (不可及 is no headword).
const NEGATED_EN: &str = include_str!("../../data/lexicon/negated-en.tsv");

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
        // Words, not stems: "informal" negates "formal", but its stem is
        // that of "information".
        let negated_words = NEGATED_EN
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t').map(|(word, _)| word))
            .collect();
        Derived {
            negated_stems,
            negated_words,
            related: related(lex, &[SYNONYMS_EN, ADJECTIVE_BASES_EN]),
            adjective_bases: bases(lex, ADJECTIVE_BASES_EN),
        }
    }
}

/// The stem ids of `texts` (lines `word<TAB>related word …`) in `lex`:
/// each word's stem gets the stems of its related words, both directions,
/// without itself; words the lexicon does not know are left out (no Chinese
/// word translates to them).
fn related(lex: &Lexicon, texts: &[&str]) -> FxHashMap<StemId, Vec<StemId>> {
    let mut out: FxHashMap<StemId, Vec<StemId>> = FxHashMap::default();
    for text in texts {
        for (a, b) in stem_pairs(lex, text) {
            out.entry(a).or_default().push(b);
            out.entry(b).or_default().push(a);
        }
    }
    sorted(out)
}

/// The stem ids of `text` (lines `word<TAB>base …`) in `lex`: each word's
/// stem gets the stems of its bases, one way.
fn bases(lex: &Lexicon, text: &str) -> FxHashMap<StemId, Vec<StemId>> {
    let mut out: FxHashMap<StemId, Vec<StemId>> = FxHashMap::default();
    for (a, b) in stem_pairs(lex, text) {
        out.entry(a).or_default().push(b);
    }
    sorted(out)
}

/// The (word, related word) stem pairs of lines `word<TAB>related word …`
/// that the lexicon knows, a word never paired with itself.
fn stem_pairs<'t>(lex: &'t Lexicon, text: &'t str) -> impl Iterator<Item = (StemId, StemId)> + 't {
    // Stemmed without the per-thread caches of `en_word_id`: these
    // twenty thousand words would crowd the text's words out of them.
    let id = |w: &str| lex.stem_id(&super::english::stem_en(&w.to_lowercase()));
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .filter_map(move |(word, rest)| Some((id(word)?, rest)))
        .flat_map(move |(a, rest)| {
            rest.split(' ')
                .filter_map(id)
                .filter(move |&b| b != a)
                .map(move |b| (a, b))
        })
}

fn sorted(mut map: FxHashMap<StemId, Vec<StemId>>) -> FxHashMap<StemId, Vec<StemId>> {
    for stems in map.values_mut() {
        stems.sort_unstable();
        stems.dedup();
    }
    map
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

    /// Whether a lower-case English word negates the word without its
    /// prefix, as WordNet attests ("inaccessible", "inability"; not
    /// "information", "invest"). Read once per lexicon, on first use.
    pub fn negates_by_prefix(&self, word: &str) -> bool {
        self.derived().negated_words.contains(word)
    }

    /// The stems of the English words related to an English stem: its
    /// synonyms ("fault": "error", "mistake") and an adjective's base
    /// ("environmental": "environment"), both ways; sorted, empty for
    /// most. Computed once per lexicon, on first use.
    pub fn related(&self, stem: StemId) -> &[StemId] {
        self.derived().related.get(&stem).map_or(&[], Vec::as_slice)
    }

    /// The stems of the nouns or verbs an English adjective's stem derives
    /// from ("environmental": "environment", which Snowball stems apart);
    /// sorted, empty for most stems. A Chinese word serves as both (环境
    /// is "environment" and "environmental"), so the check's token layer
    /// gives an adjective its bases' keys too.
    pub fn adjective_bases(&self, stem: StemId) -> &[StemId] {
        self.derived()
            .adjective_bases
            .get(&stem)
            .map_or(&[], Vec::as_slice)
    }
}
