//! Names: folding, finding a name in the other side's text, acronyms and
//! their expansions, honours, and the Chinese forms of English names the
//! lexicon knows.

use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::anchors::Anchor;
use crate::lang::is_han;
use crate::lexicon::Lexicon;
use crate::words::{CHECK_ORG_PREFIXES_ZH, CHECK_ZH_SURNAMES};

/// Lower case, without accents ("Pérez" is "perez": translators drop
/// them), with runs of non-alphanumerics folded to one space.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    let mut prev_han = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            // A change of script is a word boundary ("Yi系列" = "yi 系列").
            let han = crate::lang::is_han(c);
            if !space && han != prev_han {
                out.push(' ');
            }
            prev_han = han;
            if c.is_ascii() || han {
                out.extend(c.to_lowercase());
            } else {
                unicode_normalization::char::decompose_canonical(c, |d| {
                    if !unicode_normalization::char::is_combining_mark(d) {
                        out.extend(d.to_lowercase());
                    }
                });
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_string()
}

/// `text` without the possessive endings of its words ("Mozilla's" ->
/// "Mozilla").
fn without_possessives(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['\'', '’']) {
        let quote = rest[at..].chars().next().map_or(1, char::len_utf8);
        let after = &rest[at + quote..];
        let possessive = rest[..at].ends_with(char::is_alphanumeric)
            && after.starts_with('s')
            && !after[1..].starts_with(char::is_alphanumeric);
        out.push_str(&rest[..at]);
        if possessive {
            rest = &after[1..];
        } else {
            out.push_str(&rest[at..at + quote]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Whether `s` is a dotted initialism such as "J.P." or "C.B.E." (the
/// last dot may be missing: "K.C.M.G").
pub(crate) fn is_dotted_initialism(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    s.contains('.')
        && s.split('.').all(|p| {
            let mut cs = p.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_ascii_uppercase())
        })
}

/// Runs of at least two capitalised Latin words (small joining words such
/// as "of", "and", "the" allowed inside), with their initials in capitals
/// and their byte ranges. Punctuation other than spaces ends a run.
pub(crate) fn capitalised_runs(text: &str) -> Vec<CapitalisedRun> {
    const JOINERS: &[&str] = &["of", "and", "for", "the", "on", "in", "to", "&"];
    let is_word_char = |c: char| c.is_ascii_alphanumeric() || c == '&' || c == '-';
    let mut out = Vec::new();
    let mut initials = String::new();
    let mut range = 0..0;
    let mut joiner = false;
    let mut flush = |initials: &mut String, range: &Range<usize>| {
        if initials.len() >= 2 {
            out.push((std::mem::take(initials), range.clone()));
        }
        initials.clear();
    };
    let mut pos = 0;
    for piece in text.split_inclusive(|c: char| !is_word_char(c)) {
        let start = pos;
        pos += piece.len();
        let word = piece.trim_end_matches(|c: char| !is_word_char(c));
        let hard_break = !piece[word.len()..].chars().all(|c| c == ' ');
        let first = word.chars().next().unwrap_or(' ');
        if first.is_ascii_uppercase() {
            if initials.is_empty() {
                range = start..start;
            }
            initials.push(first);
            range.end = start + word.len();
            joiner = false;
        } else if !word.is_empty() && !initials.is_empty() && !joiner && JOINERS.contains(&word) {
            joiner = true;
        } else if !word.is_empty() {
            flush(&mut initials, &range);
            joiner = false;
        }
        if hard_break {
            flush(&mut initials, &range);
            joiner = false;
        }
    }
    flush(&mut initials, &range);
    out
}

/// A run of capitalised words: its initials and byte range.
pub(crate) type CapitalisedRun = (String, Range<usize>);

/// The text of one side of a line group, indexed so that finding a name in
/// it costs about one look-up per word of the name (not a scan of the text
/// per name).
pub(crate) struct SideText {
    /// The text (contacts blanked out).
    pub(crate) text: String,
    /// The folded text's words as ids, in order.
    words: Vec<u32>,
    /// Id of each distinct folded word.
    ids: FxHashMap<String, u32>,
    /// Where each word id occurs in `words`.
    at: Vec<Vec<usize>>,
    /// The text's words as runs of ASCII letters and digits.
    plain_words: FxHashSet<String>,
    /// Initials of the text's runs of capitalised words.
    run_initials: FxHashSet<String>,
    /// Names looked for so far (folded), and whether they were found.
    seen: FxHashMap<String, bool>,
    /// Whether each Chinese form of a name occurs in the text.
    forms_seen: FxHashMap<String, bool>,
    /// Two and three words of the folded text written together, made the
    /// first time a one-word name is not found as it is.
    joined: Option<FxHashSet<String>>,
}

impl SideText {
    /// Index a text.
    pub(crate) fn new(text: String) -> SideText {
        // A possessive is no word of a name: "Mozilla's Common Voice"
        // writes the name "Mozilla Common Voice".
        let folded = fold(&without_possessives(&text));
        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut at: Vec<Vec<usize>> = Vec::new();
        let mut words = Vec::new();
        for (i, w) in folded.split(' ').filter(|w| !w.is_empty()).enumerate() {
            let next = ids.len() as u32;
            let id = *ids.entry(w.to_string()).or_insert(next);
            if id == next {
                at.push(Vec::new());
            }
            at[id as usize].push(i);
            words.push(id);
        }
        let plain_words = text
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let run_initials = capitalised_runs(&text)
            .into_iter()
            .map(|(initials, _)| initials)
            .collect();
        SideText {
            text,
            words,
            ids,
            at,
            plain_words,
            run_initials,
            seen: FxHashMap::default(),
            forms_seen: FxHashMap::default(),
            joined: None,
        }
    }

    /// Whether the text contains `name` as whole words (case and
    /// punctuation insensitive; a trailing plural "s" is
    /// allowed, "Cookies" finds "cookie", and possessives are no words:
    /// "Mozilla's Common Voice" writes "Mozilla Common Voice").
    pub(crate) fn contains_name(&mut self, name: &str) -> bool {
        let needle = fold(&without_possessives(name));
        if needle.is_empty() {
            return true;
        }
        if let Some(&found) = self.seen.get(&needle) {
            return found;
        }
        let words: Vec<&str> = needle.split(' ').collect();
        let last = words[words.len() - 1];
        let found = self.has_words(&words, last)
            || self.has_words(&words, &format!("{last}s"))
            || (needle.ends_with('s') && {
                let singular = &last[..last.len() - 1];
                if singular.is_empty() {
                    // A lone "s" left nothing to find but the empty text.
                    words.len() == 1 && self.words.is_empty()
                } else {
                    self.has_words(&words, singular)
                }
            });
        // Written with or without spaces: "RedHat" and "Red Hat",
        // "Web Beacons" and "WebBeacons".
        let found = found || self.joined_differently(&words);
        self.seen.insert(needle, found);
        found
    }

    /// Whether the text writes `words` as one word, or one word of them as
    /// two or three words of the text.
    fn joined_differently(&mut self, words: &[&str]) -> bool {
        if words.len() > 1 {
            return self.ids.contains_key(&words.concat());
        }
        let joined = self.joined.get_or_insert_with(|| {
            let mut set = FxHashSet::default();
            let spelled: Vec<&str> = {
                let mut by_id = vec![""; self.ids.len()];
                for (w, &id) in &self.ids {
                    by_id[id as usize] = w.as_str();
                }
                self.words.iter().map(|&id| by_id[id as usize]).collect()
            };
            for n in 2..=3 {
                for window in spelled.windows(n) {
                    set.insert(window.concat());
                }
            }
            set
        });
        joined.contains(words[0])
    }

    /// Whether the folded text holds `words`, its last word replaced by
    /// `last`, one after the other. Only the places of the rarest of the
    /// words are tried.
    fn has_words(&self, words: &[&str], last: &str) -> bool {
        let n = words.len();
        let ids: Option<Vec<u32>> = words[..n - 1]
            .iter()
            .copied()
            .chain([last])
            .map(|w| self.ids.get(w).copied())
            .collect();
        let Some(ids) = ids else {
            return false;
        };
        let Some((j, rarest)) = ids
            .iter()
            .enumerate()
            .min_by_key(|(_, id)| self.at[**id as usize].len())
        else {
            return false;
        };
        self.at[*rarest as usize].iter().any(|&p| {
            p >= j
                && self
                    .words
                    .get(p - j..p - j + n)
                    .is_some_and(|here| here == ids.as_slice())
        })
    }

    /// Whether the text writes a Chinese form of a name.
    fn writes(&mut self, form: &str) -> bool {
        if let Some(&found) = self.forms_seen.get(form) {
            return found;
        }
        let found = self.text.contains(form);
        self.forms_seen.insert(form.to_string(), found);
        found
    }

    /// Whether the text writes none of `forms`, nor an organisation's form
    /// without its prefix (民航组织 for 国际民航组织, `org-prefixes-zh.tsv`)
    /// when at least three characters are left.
    pub(crate) fn writes_none(&mut self, forms: &[String]) -> bool {
        !forms.iter().any(|f| {
            self.writes(f)
                || CHECK_ORG_PREFIXES_ZH.iter().any(|p| {
                    f.strip_prefix(p)
                        .is_some_and(|rest| rest.chars().count() >= 3 && self.writes(rest))
                })
        })
    }
}

/// Whether a name and the other side's text are an acronym and its
/// expansion: the name sits in a run of capitalised words whose initials
/// the other side writes as one word ("Digital Millennium Copyright Act"
/// against "DMCA"), or the name is such an acronym and the other side
/// writes the run ("GDPR" against "General Data Protection Regulation").
/// `own_runs` are the capitalised runs of the clause holding `name`, in
/// text order.
/// Whether an English personal name (two to four words, "David Cheung",
/// "MARIA TAM WAI-CHU") has a surname the Chinese text writes before a
/// given name (张子江, 谭惠珠): the name is transliterated there, not
/// missing. The spellings of each surname are in
/// `data/words/check/zh-surnames.tsv`.
pub(crate) fn transliterated_person(lex: &Lexicon, name: &str, zh_text: &str) -> bool {
    static BY_SPELLING: OnceLock<FxHashMap<&'static str, Vec<&'static str>>> = OnceLock::new();
    let by_spelling = BY_SPELLING.get_or_init(|| {
        let mut map: FxHashMap<&'static str, Vec<&'static str>> = FxHashMap::default();
        for &(surname, spellings) in CHECK_ZH_SURNAMES {
            for spelling in spellings.split(' ') {
                map.entry(spelling).or_default().push(surname);
            }
        }
        map
    });
    let words: Vec<String> = name
        .split([' ', '-'])
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    // A surname followed by a given name (a Han character after it), and
    // not the end of a word (如何 "how", 本周 "this week") nor a measure
    // word after a numeral (一张 "a sheet").
    let written = |surname: &str| {
        zh_text.match_indices(surname).any(|(at, _)| {
            let given = zh_text[at + surname.len()..]
                .chars()
                .next()
                .is_some_and(is_han);
            let word_end = zh_text[..at].chars().next_back().is_some_and(|p| {
                let mut word = p.to_string();
                word.push_str(surname);
                // After a numeral it is a measure word (一张, 三周).
                crate::numerals::is_cjk_numeral(p) || is_han(p) && lex.translations(&word).is_some()
            });
            given && !word_end
        })
    };
    words.iter().any(|w| {
        by_spelling
            .get(w.as_str())
            .is_some_and(|surnames| surnames.iter().any(|s| written(s)))
    })
}

pub(crate) fn acronym_matches(
    own_runs: &[CapitalisedRun],
    name: &Anchor,
    other: &SideText,
) -> bool {
    // The run around the name, on its own side: runs do not overlap, so
    // only the last one starting before the name can hold it.
    let k = own_runs.partition_point(|(_, r)| r.start <= name.start);
    let own = k
        .checked_sub(1)
        .map(|k| &own_runs[k])
        .filter(|(_, r)| r.start <= name.start && name.end <= r.end);
    if let Some((initials, _)) = own
        && other.plain_words.contains(initials)
    {
        return true;
    }
    // The name as an acronym of a run on the other side, or of its last
    // words ("GPL" of "GNU General Public License").
    let is_acronym =
        |w: &str| (2..=8).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase());
    let of_a_run = |w: &str| other.run_initials.iter().any(|i| i.ends_with(w));
    let surface = name.surface.trim();
    if is_acronym(surface) {
        return of_a_run(surface);
    }
    // A word written in camel case whose capitals the other side writes
    // as an acronym ("ShareAlike" against "CC BY-SA").
    let capitals: String = surface.chars().filter(char::is_ascii_uppercase).collect();
    if capitals.len() >= 2
        && !surface.contains(' ')
        && surface.chars().any(|c| c.is_ascii_lowercase())
        && other.plain_words.contains(&capitals)
    {
        return true;
    }
    // A name of several words, each written on the other side or an
    // acronym there ("GNU GPL" against "the GNU General Public License").
    let words: Vec<&str> = surface.split_whitespace().collect();
    words.len() > 1
        && words
            .iter()
            .all(|w| other.plain_words.contains(*w) || is_acronym(w) && of_a_run(w))
        && words
            .iter()
            .any(|w| is_acronym(w) && !other.plain_words.contains(*w))
}

/// Chinese forms of the English names the lexicon knows, by folded name.
pub(crate) struct ChineseForms {
    by_name: FxHashMap<String, Vec<String>>,
}

/// Lexicons whose [`ChineseForms`] [`ChineseForms::of_lexicon`] keeps, the
/// last used last: a process uses the built-in one and rarely more.
const CACHED_LEXICONS: usize = 4;

impl ChineseForms {
    /// The index of `lex`, built once per lexicon and process. Indexing the
    /// entity table took a third of the time of a batch when it was done
    /// per document.
    pub(crate) fn of_lexicon(lex: &Lexicon) -> Arc<ChineseForms> {
        static CACHE: Mutex<Vec<(u64, Arc<ChineseForms>)>> = Mutex::new(Vec::new());
        let serial = lex.serial();
        let cached = |cache: &mut Vec<(u64, Arc<ChineseForms>)>| {
            let k = cache.iter().position(|(s, _)| *s == serial)?;
            let entry = cache.remove(k);
            let forms = Arc::clone(&entry.1);
            cache.push(entry);
            Some(forms)
        };
        // A panic elsewhere while the lock was held leaves a usable list.
        let lock = || {
            CACHE
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        if let Some(forms) = cached(&mut lock()) {
            return forms;
        }
        // Built outside the lock: two threads may both build it once.
        let built = Arc::new(ChineseForms::new(lex));
        let mut cache = lock();
        if let Some(forms) = cached(&mut cache) {
            return forms;
        }
        if cache.len() >= CACHED_LEXICONS {
            cache.remove(0);
        }
        cache.push((serial, Arc::clone(&built)));
        built
    }

    /// Index the lexicon's entity table (names of at least four letters).
    pub(crate) fn new(lex: &Lexicon) -> ChineseForms {
        let mut by_name: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for (zh, names) in lex.entities() {
            for n in names {
                if n.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
                    by_name.entry(fold(n)).or_default().push(zh.to_string());
                }
            }
        }
        ChineseForms { by_name }
    }

    /// Chinese forms of an English name: the whole name's, or else its
    /// first word's when that is a proper name of at least four letters
    /// (Tencent Cloud → 腾讯).
    pub(crate) fn of(&self, name: &str) -> Option<&[String]> {
        let key = fold(name);
        if let Some(v) = self.by_name.get(&key) {
            return Some(v);
        }
        let first = key.split(' ').next()?;
        if first.len() >= 4 && !crate::anchors::is_common_english_word(first) && key.contains(' ') {
            return self.by_name.get(first).map(Vec::as_slice);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_indexed_once_per_lexicon() {
        let lex = Lexicon::builtin();
        let a = ChineseForms::of_lexicon(lex);
        let b = ChineseForms::of_lexicon(lex);
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(a.by_name.len(), ChineseForms::new(lex).by_name.len());
    }

    #[test]
    fn folds_and_finds_names() {
        assert_eq!(fold("Google’s Analytics!"), "google s analytics");
        let text = |t: &str| SideText::new(t.to_string());
        assert!(text("We use Google Analytics.").contains_name("Google Analytics"));
        assert!(text("Cookie settings").contains_name("Cookies"));
        assert!(text("Google’s tools").contains_name("Google"));
        assert!(text("Our cookies").contains_name("cookie"));
        assert!(!text("We use Akamai.").contains_name("Google"));
        assert!(!text("Googled it").contains_name("Google"));
        assert!(!text("Google and Analytics").contains_name("Google Analytics"));
        assert!(text("").contains_name("s"));
        assert!(text("Google s").contains_name("Google’s"));
        assert!(text("Google").contains_name("Google’s"));
        assert!(text("the People's Republic of China").contains_name("People's Republic of China"));
        // With or without spaces.
        assert!(text("provided by Red Hat, Inc.").contains_name("RedHat"));
        assert!(text("本软件由 RedHat 公司提供").contains_name("Red Hat"));
        assert!(text("the U.K. Bribery Act").contains_name("UK"));
        assert!(!text("a red cap").contains_name("RedHat"));
        // A possessive inside the name.
        assert!(text("Mozilla's Common Voice dataset").contains_name("Mozilla Common Voice"));
        assert!(text("by Mozilla’s.").contains_name("Mozilla"));
        assert!(!text("Mozilla's Voice").contains_name("Mozilla Common Voice"));
    }

    #[test]
    fn a_transliterated_person_is_there() {
        let lex = Lexicon::builtin();
        let person = |name: &str, zh: &str| transliterated_person(lex, name, zh);
        assert!(person("DAVID CHEUNG", "张子江议员问：主席先生"));
        assert!(person("Maria Tam Wai-chu", "谭惠珠议员"));
        assert!(person("Theresa Wang", "（王家凤）"));
        // The surname must stand before a given name, not end a word, and
        // the English name have a given name too.
        assert!(!person("David Cheung", "请填写一张表格。"));
        assert!(!person("David Cheung", "张。"));
        assert!(!person("Cheung", "张子江"));
        assert!(!person("Contoso Cloud", "张子江"));
    }
}
