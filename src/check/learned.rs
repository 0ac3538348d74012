//! Translations a document teaches: Chinese words and English words that
//! keep appearing together in its one-to-one pairs (污水 and "sewage", 淡水河
//! and "Tamsui" in a long report whose lexicon lacks them, or glosses them
//! otherwise). The untranslated-text rule counts them as translated, like
//! the lexicon's words. Only where the lexicon does not link the Chinese
//! word already, and only from four pairs or more with a Dice coefficient of
//! 0.7: an added sentence teaches nothing about itself, and one list item
//! that happens to share a word with its neighbours teaches no synonym
//! (with two pairs and 0.5, a listed difference of the clean documents was
//! lost: "notice" and "websites" learned for 通知 and 网站 hid an English list
//! of notification channels).

use rustc_hash::FxHashMap;

use crate::check::context::Context;
use crate::check::tokens::spelling_key_of;
use crate::lang::Lang;
use crate::words::CHECK_FUNCTION_ZH;

/// Pairs scored below this teach nothing (a guess of the aligner).
const MIN_PAIR_SCORE: f64 = 0.5;

/// A word pair must appear together in the pairs of at least this many
/// lines ...
const MIN_TOGETHER: u32 = 4;

/// ... with at least this Dice coefficient (2 × together / (pairs with the
/// Chinese word + pairs with the English word)).
const MIN_DICE: f64 = 0.7;

/// A name (迪化 and "Tihua", 民航组织 and "ICAO") is rarer and surer: two
/// lines ...
const NAME_MIN_TOGETHER: u32 = 2;

/// ... with this Dice coefficient, as the aligner learns names
/// (`align::learn_translations`).
const NAME_MIN_DICE: f64 = 0.8;

/// Pairs whose sides hold more words than this (together) are skipped: a
/// long paragraph pairs every word with every other.
const MAX_WORD_PAIRS: usize = 4096;

/// For a Chinese word (its spelling key), the English keys it was learned
/// to translate, sorted.
#[derive(Default)]
pub(crate) struct Learned {
    /// Translations of the document's terms.
    by_word: FxHashMap<u32, Vec<u32>>,
    /// The looser pairing of names: what the entity rule accepts as the
    /// other version's form of a name.
    names: FxHashMap<u32, Vec<u32>>,
}

impl Learned {
    /// Learn from the document's one-to-one pairs.
    pub(crate) fn new(ctx: &Context) -> Learned {
        // Counts of lines, not of pairs: the sentences of one line are one
        // piece of evidence (a name changed throughout a paragraph pairs
        // with the old one in each of its sentences). Each count keeps the
        // Chinese line it was last raised for; pairs come in line order.
        let mut together: FxHashMap<(u32, u32), (u32, usize)> = FxHashMap::default();
        let mut zh_count: FxHashMap<u32, (u32, usize)> = FxHashMap::default();
        let mut en_count: FxHashMap<u32, (u32, usize)> = FxHashMap::default();
        let raise = |(n, last): &mut (u32, usize), line: usize| {
            if *n == 0 || *last != line {
                *n += 1;
                *last = line;
            }
        };
        for p in &ctx.report.pairs {
            let ([z], [e]) = (p.zh.as_slice(), p.en.as_slice()) else {
                continue;
            };
            if p.score < MIN_PAIR_SCORE {
                continue;
            }
            let body = ctx.clauses(Lang::Zh)[*z].body_text();
            let mut ew: Vec<u32> = ctx
                .tokens(Lang::En, *e)
                .iter()
                .flat_map(|t| t.keys.iter().copied())
                .collect();
            ew.sort_unstable();
            ew.dedup();
            // Only where the lexicon does not already link a word: what the
            // translator writes for it when not its dictionary translation.
            let mut zw: Vec<u32> = ctx
                .tokens(Lang::Zh, *z)
                .iter()
                .filter(|t| {
                    CHECK_FUNCTION_ZH
                        .binary_search(&&body[t.start..t.end])
                        .is_err()
                })
                .filter(|t| !t.keys.iter().any(|k| ew.binary_search(k).is_ok()))
                .filter_map(spelling_key_of)
                .collect();
            zw.sort_unstable();
            zw.dedup();
            if zw.len() * ew.len() > MAX_WORD_PAIRS {
                continue;
            }
            let line = ctx.clauses(Lang::Zh)[*z].line;
            for &a in &zw {
                raise(zh_count.entry(a).or_default(), line);
                for &b in &ew {
                    raise(together.entry((a, b)).or_default(), line);
                }
            }
            for &b in &ew {
                raise(en_count.entry(b).or_default(), line);
            }
        }
        let mut by_word: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        let mut names: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for ((a, b), (n, _)) in together {
            let dice = 2.0 * f64::from(n) / f64::from(zh_count[&a].0 + en_count[&b].0);
            if n >= MIN_TOGETHER && dice >= MIN_DICE {
                by_word.entry(a).or_default().push(b);
            }
            if n >= NAME_MIN_TOGETHER && dice >= NAME_MIN_DICE {
                names.entry(a).or_default().push(b);
            }
        }
        for keys in by_word.values_mut().chain(names.values_mut()) {
            keys.sort_unstable();
        }
        Learned { by_word, names }
    }

    /// The English keys a Chinese word (by its spelling key) was seen
    /// with as a name would be.
    pub(crate) fn name_of(&self, zh_spelling: u32) -> &[u32] {
        self.names.get(&zh_spelling).map_or(&[], Vec::as_slice)
    }

    /// The English keys learned for a Chinese word (by its spelling key).
    pub(crate) fn of(&self, zh_spelling: u32) -> &[u32] {
        self.by_word.get(&zh_spelling).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::CheckParams;
    use crate::lexicon::Lexicon;
    use crate::pipeline::Options;

    #[test]
    fn a_name_seen_in_four_pairs_is_learned_one_seen_once_is_not() {
        let zh = "琪瑞区的水质良好。\n琪瑞区今年新建了三所学校。\n琪瑞区的人口有所增加。\n\
                  政府会继续支持琪瑞区。\n琪瑞区的交通十分方便。\n我们感谢萨朵女士的协助。\n";
        let en = "Water quality in Kirri district is good.\n\
                  Kirri district built three new schools this year.\n\
                  The population of Kirri district has grown.\n\
                  The Government will continue to support Kirri district.\n\
                  Transport in Kirri district is convenient.\n\
                  We thank Ms Satoh for her help.\n";
        let options = Options {
            segment: crate::segment::SegmentMode::Lines,
            ..Options::default()
        };
        let report = crate::check::testing::report_of(zh, en, &options);
        let params = CheckParams::default();
        let ctx = Context::new(&report, Lexicon::builtin(), &params);
        let key_of = |lang: Lang, id: usize, word: &str| -> Vec<u32> {
            let body = ctx.clauses(lang)[id].body_text();
            ctx.tokens(lang, id)
                .iter()
                .filter(|t| body[t.start..t.end].contains(word))
                .flat_map(|t| t.keys.iter().copied())
                .collect()
        };
        let kirri = key_of(Lang::En, 0, "Kirri");
        let taught: Vec<u32> = ctx
            .tokens(Lang::Zh, 0)
            .iter()
            .filter_map(spelling_key_of)
            .flat_map(|k| ctx.learned().of(k).iter().copied())
            .collect();
        assert!(
            kirri.iter().any(|k| taught.contains(k)),
            "{kirri:?} {taught:?}"
        );
        // Seen together once: nothing learned for "Satoh".
        let satoh = key_of(Lang::En, 5, "Satoh");
        let once: Vec<u32> = ctx
            .tokens(Lang::Zh, 5)
            .iter()
            .filter_map(spelling_key_of)
            .flat_map(|k| ctx.learned().of(k).iter().copied())
            .collect();
        assert!(
            !satoh.iter().any(|k| once.contains(k)),
            "{satoh:?} {once:?}"
        );
    }
}

#[cfg(test)]
mod name_tests {
    use super::*;
    use crate::check::CheckParams;
    use crate::input::Source;
    use crate::lexicon::Lexicon;
    use crate::pipeline::{DocumentInput, Options, analyze};
    use std::sync::Arc;

    /// The names the document teaches for the Chinese words of clause `id`.
    fn names_taught(zh: &str, en: &str, id: usize) -> (Vec<u32>, Vec<u32>) {
        let input = DocumentInput::Two {
            zh: Arc::new(Source::from_text("zh", zh)),
            en: Arc::new(Source::from_text("en", en)),
        };
        let report = analyze(&input, &Options::default()).expect("analyses");
        let params = CheckParams::default();
        let ctx = Context::new(&report, Lexicon::builtin(), &params);
        let taught = ctx
            .tokens(Lang::Zh, id)
            .iter()
            .filter_map(spelling_key_of)
            .flat_map(|k| ctx.learned().name_of(k).iter().copied())
            .collect();
        let en_keys = ctx
            .tokens(Lang::En, id)
            .iter()
            .flat_map(|t| t.keys.iter().copied())
            .collect();
        (taught, en_keys)
    }

    #[test]
    fn a_name_is_learned_from_two_lines_not_from_two_sentences_of_one() {
        // Two lines: 迪化 is "Tihua".
        let (taught, en) = names_taught(
            "迪化街的店铺很多。\n\n游客常去迪化街购物。\n",
            "Tihua Street has many shops.\n\nVisitors often shop on Tihua Street.\n",
            0,
        );
        assert!(taught.iter().any(|k| en.contains(k)), "{taught:?} {en:?}");
        // Two sentences of one line, as where a name was changed throughout
        // a paragraph: nothing learned.
        let (taught, en) = names_taught(
            "迪化街的店铺很多。游客常去迪化街购物。\n",
            "Tihua Street has many shops. Visitors often shop on Tihua Street.\n",
            0,
        );
        assert!(!taught.iter().any(|k| en.contains(k)), "{taught:?} {en:?}");
    }
}
