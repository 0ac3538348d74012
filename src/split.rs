//! Split: find the Chinese half and the English half of a bilingual file.
//!
//! A bilingual policy comes in one of three shapes: Chinese then English,
//! English then Chinese, or interleaved paragraph by paragraph. Each line is
//! first classified by the letters it holds (URLs, e-mail addresses and markup
//! do not count). Then:
//!
//! * if one split point explains at least [`SEQUENTIAL_AGREEMENT`] of the
//!   language evidence, the file is sequential and the halves are *regions*:
//!   everything before the split point belongs to the first half, whatever
//!   language a line is in. A Chinese line with an English parenthetical stays
//!   Chinese and an English notice quoted inside the Chinese half stays in the
//!   Chinese half. Where a quoted block sits right at the boundary, several
//!   split points are returned and the pipeline keeps the one whose halves
//!   align best;
//! * otherwise the file is interleaved and each line goes to the half of its
//!   language; lines without letters follow the line before them, and form
//!   lines holding both languages ("Full name全名: ____") are cut in two.
//!
//! A file where one language carries almost no text is refused with an error
//! ([`Error::MissingLanguage`]) that says which version is missing.

use crate::error::Error;
use crate::input::Source;
use crate::lang::{Lang, ScriptCounts, is_han, is_latin, is_space};
use crate::text::{LineRange, is_blank, lines};

/// Share of the language evidence a single split point must explain for the
/// file to count as "one half, then the other".
pub const SEQUENTIAL_AGREEMENT: f64 = 0.85;

/// A half must carry at least this share of the other half's evidence to
/// count as a version of the document (a banner such as "PRIVACY POLICY" in a
/// Chinese page does not make it bilingual).
pub const MIN_HALF_SHARE: f64 = 0.05;

/// How the two languages are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// Two files, one per language.
    TwoFiles,
    /// One file: the Chinese version, then the English one.
    ZhThenEn,
    /// One file: the English version, then the Chinese one.
    EnThenZh,
    /// One file: paragraphs alternate between the languages.
    Interleaved,
    /// One pre-paired file (PO, XLIFF, TMX, CSV): the file pairs the
    /// languages unit by unit.
    Paired,
}

/// A piece of one line that belongs to one half.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// 0-based index of the line in the source text.
    pub line: usize,
    /// Byte range in the source text.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
}

/// The lines (or pieces of lines) of each language, in document order.
#[derive(Clone, Debug, PartialEq)]
pub struct Halves {
    /// The layout found.
    pub shape: Shape,
    /// Spans of the Chinese half.
    pub zh: Vec<Span>,
    /// Spans of the English half.
    pub en: Vec<Span>,
}

impl Halves {
    /// The spans of one language.
    pub fn of(&self, lang: Lang) -> &[Span] {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A line with its language evidence.
#[derive(Clone, Copy, Debug)]
struct ClassifiedLine {
    range: LineRange,
    counts: ScriptCounts,
    lang: Option<Lang>,
    blank: bool,
}

/// Split a one-file bilingual document. Returns candidate splits, the most
/// likely first; sequential files with a quoted block at the boundary yield
/// more than one.
pub fn split(source: &Source) -> Result<Vec<Halves>, Error> {
    let text = &source.text;
    let classified = classify_lines(text);
    let (zh_total, en_total) = totals(&classified);
    // Test the weaker language first: that is the one a one-language file lacks.
    let mut checks = [
        (Lang::En, en_total, zh_total, en_words(&classified)),
        (Lang::Zh, zh_total, en_total, zh_total as usize),
    ];
    if zh_total < en_total {
        checks.swap(0, 1);
    }
    for (missing, have, other, seen) in checks {
        if have < 4.0 || have < MIN_HALF_SHARE * other {
            return Err(Error::MissingLanguage {
                file: source.name.clone(),
                missing,
                seen,
            });
        }
    }

    let zh_first = best_split(&classified, Lang::Zh);
    let en_first = best_split(&classified, Lang::En);
    let total = zh_total + en_total;
    let (first, (k, agreement)) = if zh_first.1 >= en_first.1 {
        (Lang::Zh, zh_first)
    } else {
        (Lang::En, en_first)
    };
    if agreement >= SEQUENTIAL_AGREEMENT * total {
        let shape = if first == Lang::Zh {
            Shape::ZhThenEn
        } else {
            Shape::EnThenZh
        };
        let mut out = vec![region_halves(&classified, k, first, shape)];
        for alt in boundary_alternatives(&classified, k) {
            // Only splits that leave each half most of its language.
            let (own_first, own_second) = region_weights(&classified, alt, first);
            let (all_first, all_second) = match first {
                Lang::Zh => (zh_total, en_total),
                Lang::En => (en_total, zh_total),
            };
            if own_first >= 0.5 * all_first && own_second >= 0.5 * all_second {
                out.push(region_halves(&classified, alt, first, shape));
            }
        }
        return Ok(out);
    }
    Ok(vec![interleaved(text, &classified)])
}

/// Whole-file halves for two files: every non-blank line is in the half.
/// Fails when the file holds no text of its language.
pub fn whole_file(source: &Source, lang: Lang) -> Result<Vec<Span>, Error> {
    let classified = classify_lines(&source.text);
    let (zh_total, en_total) = totals(&classified);
    let have = match lang {
        Lang::Zh => zh_total,
        Lang::En => en_total,
    };
    if have < 2.0 {
        return Err(Error::WrongLanguage {
            file: source.name.clone(),
            expected: lang,
        });
    }
    Ok(classified
        .iter()
        .filter(|l| !l.blank)
        .map(|l| Span {
            line: l.range.index,
            start: l.range.start,
            end: l.range.end,
        })
        .collect())
}

fn classify_lines(text: &str) -> Vec<ClassifiedLine> {
    lines(text)
        .into_iter()
        .map(|range| {
            let s = &text[range.start..range.end];
            let blank = is_blank(s);
            // A parenthetical in the other language ("欢迎访问(The English
            // version is below.)") does not decide the line's language.
            let outside = if s.contains(['(', ')', '（', '）']) {
                language_counts(&strip_brackets(s))
            } else {
                // Without brackets, strip_brackets would copy the line.
                language_counts(s)
            };
            let counts = if outside.zh_weight() + outside.en_weight() >= 2.0 {
                outside
            } else {
                language_counts(s)
            };
            // Any letters decide ("1. Definitions." is English).
            let lang = counts.majority();
            ClassifiedLine {
                range,
                counts,
                lang,
                blank,
            }
        })
        .collect()
}

/// Script counts of a line, leaving out what is not prose: URLs, e-mail
/// addresses, HTML tags and Markdown link targets.
fn language_counts(s: &str) -> ScriptCounts {
    let mut total = ScriptCounts::default();
    for token in s.split(is_space) {
        let t = token.trim_matches(|c: char| !c.is_alphanumeric());
        if t.contains("://") || t.contains('@') || t.starts_with("www.") {
            continue;
        }
        // Most tokens have no markup: count them in place.
        let c = if token.bytes().any(|b| b == b'<' || b == b']') {
            ScriptCounts::of(&strip_markup(token))
        } else {
            ScriptCounts::of(token)
        };
        total.han += c.han;
        total.latin += c.latin;
        total.latin_words += c.latin_words;
    }
    total
}

/// The text outside round brackets.
fn strip_brackets(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Remove `<tag ...>` markup and `](target)` link targets from a token.
fn strip_markup(token: &str) -> String {
    let mut out = String::with_capacity(token.len());
    let mut in_tag = false;
    let mut chars = token.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/') =>
            {
                in_tag = true
            }
            '>' if in_tag => in_tag = false,
            ']' if chars.peek() == Some(&'(') => {
                // Markdown link target: skip to the closing parenthesis.
                for n in chars.by_ref() {
                    if n == ')' {
                        break;
                    }
                }
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn totals(lines: &[ClassifiedLine]) -> (f64, f64) {
    let mut zh = 0.0;
    let mut en = 0.0;
    for l in lines {
        match l.lang {
            Some(Lang::Zh) => zh += l.counts.zh_weight(),
            Some(Lang::En) => en += l.counts.en_weight(),
            None => {}
        }
    }
    (zh, en)
}

fn en_words(lines: &[ClassifiedLine]) -> usize {
    lines
        .iter()
        .filter(|l| l.lang == Some(Lang::En))
        .map(|l| l.counts.latin_words)
        .sum()
}

fn weight(l: &ClassifiedLine, lang: Lang) -> f64 {
    match (l.lang, lang) {
        (Some(Lang::Zh), Lang::Zh) => l.counts.zh_weight(),
        (Some(Lang::En), Lang::En) => l.counts.en_weight(),
        _ => 0.0,
    }
}

/// Evidence of `first` before line `k`, and of the other language after it.
fn region_weights(lines: &[ClassifiedLine], k: usize, first: Lang) -> (f64, f64) {
    let before: f64 = lines[..k].iter().map(|l| weight(l, first)).sum();
    let after: f64 = lines[k..].iter().map(|l| weight(l, first.other())).sum();
    (before, after)
}

/// The line index `k` maximising the evidence of `first` before `k` plus that
/// of the other language from `k` on; returns `(k, agreement)`.
fn best_split(lines: &[ClassifiedLine], first: Lang) -> (usize, f64) {
    let second = first.other();
    let mut before = 0.0;
    let mut after: f64 = lines.iter().map(|l| weight(l, second)).sum();
    let mut best = (0, after);
    for (i, l) in lines.iter().enumerate() {
        before += weight(l, first);
        after -= weight(l, second);
        // Prefer the split right after the last line of the first language,
        // not somewhere in the blank lines that follow it.
        if before + after > best.1 + 1e-9 {
            best = (i + 1, before + after);
        }
    }
    best
}

/// Other split points worth trying: paragraph breaks (blank lines) inside the
/// first paragraphs after the boundary and the last paragraphs before it.
/// A block there may be quoted material of the other half (a licence's
/// Chinese text quoting the English file header it asks users to paste).
fn boundary_alternatives(lines: &[ClassifiedLine], k: usize) -> Vec<usize> {
    const MAX_PARAGRAPHS: usize = 4;
    let mut out = Vec::new();
    // Forward: breaks after the first few paragraphs that follow k.
    let mut i = k;
    let mut paragraphs = 0;
    while i < lines.len() && paragraphs < MAX_PARAGRAPHS {
        while i < lines.len() && lines[i].blank {
            i += 1;
        }
        while i < lines.len() && !lines[i].blank {
            i += 1;
        }
        if i >= lines.len() {
            break;
        }
        paragraphs += 1;
        out.push(i);
    }
    // Backward: breaks before the last few paragraphs that precede k.
    let mut j = k;
    let mut paragraphs = 0;
    while j > 0 && paragraphs < MAX_PARAGRAPHS {
        while j > 0 && lines[j - 1].blank {
            j -= 1;
        }
        while j > 0 && !lines[j - 1].blank {
            j -= 1;
        }
        if j == 0 {
            break;
        }
        paragraphs += 1;
        out.push(j);
    }
    // A paragraph break right at k is the same split as k.
    let same = |x: usize| {
        let (a, b) = if x < k { (x, k) } else { (k, x) };
        lines[a..b].iter().all(|l| l.blank)
    };
    out.retain(|&x| !same(x));
    out.sort_unstable();
    out.dedup();
    out
}

fn span_of(l: &ClassifiedLine) -> Span {
    Span {
        line: l.range.index,
        start: l.range.start,
        end: l.range.end,
    }
}

fn region_halves(lines: &[ClassifiedLine], k: usize, first: Lang, shape: Shape) -> Halves {
    let mut halves = Halves {
        shape,
        zh: Vec::new(),
        en: Vec::new(),
    };
    for (i, l) in lines.iter().enumerate() {
        if l.blank {
            continue;
        }
        let lang = if i < k { first } else { first.other() };
        match lang {
            Lang::Zh => halves.zh.push(span_of(l)),
            Lang::En => halves.en.push(span_of(l)),
        }
    }
    halves
}

fn interleaved(text: &str, lines: &[ClassifiedLine]) -> Halves {
    let mut halves = Halves {
        shape: Shape::Interleaved,
        zh: Vec::new(),
        en: Vec::new(),
    };
    // Lines without letters follow the language of the line before them (or,
    // at the top, the first line with letters).
    let mut current = lines.iter().find_map(|l| l.lang).unwrap_or(Lang::Zh);
    // The Chinese line right above, if any.
    let mut chinese_above: Option<&str> = None;
    for l in lines {
        if l.blank {
            chinese_above = None;
            continue;
        }
        let s = &text[l.range.start..l.range.end];
        let above = std::mem::replace(&mut chinese_above, (l.lang == Some(Lang::Zh)).then_some(s));
        if above.is_some_and(|a| introduces(a, s)) {
            halves.zh.push(span_of(l));
            continue;
        }
        if let Some(pieces) = name_pair_pieces(s)
            .or_else(|| form_line_pieces(s))
            .or_else(|| sentence_pair_pieces(s))
        {
            for (lang, a, b) in pieces {
                let span = Span {
                    line: l.range.index,
                    start: l.range.start + a,
                    end: l.range.start + b,
                };
                match lang {
                    Lang::Zh => halves.zh.push(span),
                    Lang::En => halves.en.push(span),
                }
            }
            continue;
        }
        if let Some(lang) = l.lang {
            current = lang;
        }
        match current {
            Lang::Zh => halves.zh.push(span_of(l)),
            Lang::En => halves.en.push(span_of(l)),
        }
    }
    halves
}

/// Whether a Chinese line introduces the line below it as part of its own
/// sentence: it ends in a colon, and the line below writes an address, a
/// number or a link in Latin letters, no English prose (`…请写信给自由软件基金会：`
/// over `675 Mass Ave, Cambridge, MA 02139, USA.`). Such a line belongs to
/// the Chinese, though its letters are Latin.
fn introduces(chinese: &str, below: &str) -> bool {
    let value_like = below.contains(|c: char| c.is_ascii_digit()) || below.contains(['@', '/']);
    let prose = below
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| !w.is_empty() && crate::lexicon::is_en_stopword(&w.to_ascii_lowercase()));
    // "Contact: privacy@example.com" is the English label's own line.
    let label = below.match_indices(':').any(|(k, _)| {
        below[..k].ends_with(|c: char| c.is_ascii_alphabetic()) && !below[k..].starts_with("://")
    });
    chinese.trim_end().ends_with(['：', ':'])
        && value_like
        && !prose
        && !label
        && !below.chars().any(is_han)
}

/// Cut a bilingual form line such as `Please sign请签署: ____ Date日期: ___`
/// into alternating English and Chinese pieces `(lang, start, end)`.
///
/// Only short label-like pieces qualify (at most five English words or eight
/// Han characters each, and at least two pieces of each... or one of each):
/// a Chinese sentence that happens to start with an English product name is
/// not a form line.
pub fn form_line_pieces(s: &str) -> Option<Vec<(Lang, usize, usize)>> {
    // Runs of letters by script; everything else attaches to the run before.
    let mut runs: Vec<(Lang, usize, usize)> = Vec::new();
    for (i, c) in s.char_indices() {
        let lang = if is_han(c) {
            Some(Lang::Zh)
        } else if is_latin(c) {
            Some(Lang::En)
        } else {
            None
        };
        let end = i + c.len_utf8();
        match (lang, runs.last_mut()) {
            (Some(l), Some(last)) if last.0 == l => last.2 = end,
            (Some(l), _) => runs.push((l, i, end)),
            (None, Some(last)) => last.2 = end,
            (None, None) => {}
        }
    }
    // A short Latin run directly after Han text ("附录A", "IP地址") belongs to it.
    let mut merged: Vec<(Lang, usize, usize)> = Vec::new();
    for r in runs {
        let piece = &s[r.1..r.2];
        let short_latin = r.0 == Lang::En
            && piece.chars().filter(|c| is_latin(*c)).count() <= 2
            && !merged.is_empty();
        match merged.last_mut() {
            Some(last) if last.0 == r.0 || short_latin => last.2 = r.2,
            _ => merged.push(r),
        }
    }
    // Merge again: absorbing a short run can make neighbours the same script.
    let mut pieces: Vec<(Lang, usize, usize)> = Vec::new();
    for r in merged {
        match pieces.last_mut() {
            Some(last) if last.0 == r.0 => last.2 = r.2,
            _ => pieces.push(r),
        }
    }
    if pieces.len() < 2 || pieces[0].0 != Lang::En {
        return None;
    }
    let label_like = pieces.iter().all(|&(lang, a, b)| {
        let c = ScriptCounts::of(&s[a..b]);
        match lang {
            Lang::En => c.latin_words >= 1 && c.latin_words <= 5 && c.han == 0,
            Lang::Zh => c.han >= 1 && c.han <= 8,
        }
    });
    if !label_like {
        return None;
    }
    // Leading whitespace and trailing spaces are not part of the pieces.
    Some(
        pieces
            .into_iter()
            .map(|(lang, a, b)| {
                let (a, b) = crate::text::trim_range(s, a, b);
                (lang, a, b)
            })
            .filter(|&(_, a, b)| b > a)
            .collect(),
    )
}

/// Cut a line that names one thing in each language, English then Chinese,
/// the Chinese repeating the English names and abbreviations (`— GNU General
/// Public License (GPL) v. 2, v. 3  GNU通用公共许可证（GPL）第2、3版`), into its
/// two pieces `(lang, start, end)`. Lists of licences, laws and
/// organisations in translated terms are written so. Split by script, the
/// names inside the Chinese ("GPL" in its brackets) would go to the English
/// half and cut the Chinese in two.
///
/// The Chinese piece starts at its first Han character, or at the Latin
/// word written against it ("GNU通用"), or at the Latin words before that
/// after a wider space ("v. 3  GNU Affero通用"); the English piece ends at a
/// space.
/// Every Latin word of the Chinese piece must be one of the English piece,
/// and at least one of them there: what the Chinese repeats. Unless a
/// wider space parts the two, at least two words of the English piece must
/// be missing from the Chinese one, its translated words: a Chinese
/// sentence that opens with a name and mentions it again ("Google
/// Analytics 是 Google 提供的服务") has one. The Chinese piece holds four Han
/// characters or more (two after a wider space: CeCILL第2.0版).
pub fn name_pair_pieces(s: &str) -> Option<Vec<(Lang, usize, usize)>> {
    let first_han = s.char_indices().find(|&(_, c)| is_han(c))?.0;
    let before = &s[..first_han];
    let attached = before.trim_end_matches(|c: char| is_latin(c) || c.is_ascii_digit());
    // A name of several words opening the Chinese ("GNU Affero通用…") starts
    // after the wider space that parts the two languages.
    let name_start = before
        .rfind("  ")
        .map(|k| k + 2)
        .filter(|&k| {
            k < attached.len()
                && before[k..]
                    .chars()
                    .all(|c| is_latin(c) || c.is_ascii_digit() || c == ' ' || c == '-')
        })
        .unwrap_or(attached.len());
    let cut = start_of_piece(s, name_start);
    if !s[..cut].ends_with(char::is_whitespace) {
        return None;
    }
    let (en, zh) = (&s[..cut], &s[cut..]);
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !is_latin(c))
            .filter(|w| w.chars().count() >= 2)
            .map(str::to_lowercase)
            .collect()
    };
    let (en_words, zh_words) = (words(en), words(zh));
    let repeated = !zh_words.is_empty() && zh_words.iter().all(|w| en_words.contains(w));
    let translated = en_words.iter().filter(|w| !zh_words.contains(w)).count();
    let wide_gap = en.ends_with("  ");
    let min_han = if wide_gap { 2 } else { 4 };
    if !repeated || (translated < 2 && !wide_gap) || ScriptCounts::of(zh).han < min_han {
        return None;
    }
    Some(
        [(Lang::En, 0, cut), (Lang::Zh, cut, s.len())]
            .into_iter()
            .map(|(lang, a, b)| {
                let (a, b) = crate::text::trim_range(s, a, b);
                (lang, a, b)
            })
            .filter(|&(_, a, b)| b > a)
            .collect(),
    )
}

/// Where a piece whose first letter is at `at` starts: back over the
/// opening quotes and brackets written right before it.
fn start_of_piece(s: &str, at: usize) -> usize {
    s[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| OPENING.contains(c))
        .last()
        .map_or(at, |(k, _)| k)
}

/// Opening quotes, brackets and emphasis marks that belong to the text after
/// them.
const OPENING: [char; 13] = [
    '‘', '“', '「', '『', '（', '(', '【', '《', '[', '"', '\'', '*', '_',
];

/// Cut a line that holds one sentence in each language, English then
/// Chinese (`— 'The Work': the Original Work or its Derivative Works.
/// '作品'：“原始作品”或“衍生作品”。`) or Chinese then English after a
/// sentence end or a slash (`本项目使用 MIT 许可证。This project is licensed
/// under the MIT License.`), into its two pieces `(lang, start, end)`. Translated licences and terms often pair the
/// versions this way, line by line; kept whole, the line lands in the half
/// of its longer language and the other half misses a sentence.
///
/// The English piece must read as English prose (four words or more, two
/// of them function words such as "the", "of", "this"): a Chinese sentence
/// that opens or ends with an English name ("Google Analytics：提供…") is
/// no pair. The Chinese piece must hold four Han characters or more and
/// hardly any English words.
pub fn sentence_pair_pieces(s: &str) -> Option<Vec<(Lang, usize, usize)>> {
    let first_han = s.char_indices().find(|&(_, c)| is_han(c))?.0;
    let last_han = s.char_indices().rev().find(|&(_, c)| is_han(c))?.0;
    let first_latin = s.char_indices().find(|&(_, c)| is_latin(c))?.0;
    let last_latin = s.char_indices().rev().find(|&(_, c)| is_latin(c))?.0;
    // Where the second piece starts: back from its first letter over the
    // opening quotes and brackets written right before it.
    let start_of = |at: usize| start_of_piece(s, at);
    let (first, cut) = if last_latin < first_han {
        // English, then Chinese.
        (Lang::En, start_of(first_han))
    } else if last_han < first_latin {
        // Chinese, then English after a sentence end or a slash.
        let cut = start_of(first_latin);
        let gap = s[last_han..cut].trim_start_matches(is_han);
        if !gap.contains(['。', '；', '！', '？', '/', '|']) {
            return None;
        }
        (Lang::Zh, cut)
    } else {
        return None;
    };
    let (en, zh) = match first {
        Lang::En => (&s[..cut], &s[cut..]),
        Lang::Zh => (&s[cut..], &s[..cut]),
    };
    let e = ScriptCounts::of(en);
    let z = ScriptCounts::of(zh);
    let function_words = en
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty() && crate::lexicon::is_en_stopword(&w.to_ascii_lowercase()))
        .count();
    if e.latin_words < 4 || function_words < 2 || z.han < 4 || z.latin_words > 1 {
        return None;
    }
    Some(
        [first, first.other()]
            .into_iter()
            .zip([(0, cut), (cut, s.len())])
            .map(|(lang, (a, b))| {
                let (a, b) = crate::text::trim_range(s, a, b);
                (lang, a, b)
            })
            .filter(|&(_, a, b)| b > a)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &Source, spans: &[Span]) -> Vec<String> {
        spans
            .iter()
            .map(|s| src.text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn zh_then_en_with_parenthetical() {
        let src = Source::from_text(
            "t",
            "隐私政策\n欢迎访问(The English version is below.)\n我们收集数据。\nPrivacy Policy\nWelcome to our site.\nWe collect data when you use it.\n",
        );
        let h = &split(&src).unwrap()[0];
        assert_eq!(h.shape, Shape::ZhThenEn);
        assert_eq!(texts(&src, &h.zh).len(), 3);
        assert_eq!(texts(&src, &h.en)[0], "Privacy Policy");
    }

    #[test]
    fn en_then_zh() {
        let src = Source::from_text(
            "t",
            "Privacy Policy\n\nWe collect data when you use our services.\n\n隐私政策\n\n我们在您使用服务时收集数据。\n",
        );
        let h = &split(&src).unwrap()[0];
        assert_eq!(h.shape, Shape::EnThenZh);
        assert_eq!(
            texts(&src, &h.zh),
            ["隐私政策", "我们在您使用服务时收集数据。"]
        );
    }

    #[test]
    fn quoted_block_gives_alternative_split() {
        let src = Source::from_text(
            "t",
            "许可证正文第一段，内容很长很长很长。\n\n请将如下声明放入文件头部。\n\nCopyright (c) the holder of the copyright\nSee the license for more details.\n\n\nLicense text first paragraph in English here.\n\nPut the following notice into the file header.\n\nCopyright (c) the holder of the copyright\nSee the license for more details.\n",
        );
        let candidates = split(&src).unwrap();
        assert_eq!(candidates[0].shape, Shape::ZhThenEn);
        // The language boundary first, the paragraph break after the quoted block among the others.
        assert_eq!(
            texts(&src, &candidates[0].en)[0],
            "Copyright (c) the holder of the copyright"
        );
        assert!(candidates.iter().any(|c| texts(&src, &c.zh).len() == 4));
    }

    /// The English and Chinese texts of a file the split finds
    /// interleaved.
    fn interleaved_halves(text: &str) -> (Vec<String>, Vec<String>) {
        let src = Source::from_text("t", text);
        let h = &split(&src).unwrap()[0];
        assert_eq!(h.shape, Shape::Interleaved);
        (texts(&src, &h.en), texts(&src, &h.zh))
    }

    #[test]
    fn interleaved_with_form_lines() {
        let (en, zh) = interleaved_halves(
            "1. Definitions. You means the person signing this agreement.\n1. 定义。您系指签署本协议的人。\n\n2. Grant of license under the terms here.\n2. 许可的授予，依本协议条款。\n\nPlease sign请签署: ______ Date日期: ____\n\nFull name全名: ______\n",
        );
        assert_eq!(en[2..], ["Please sign", "Date", "Full name"]);
        assert_eq!(zh[2..], ["请签署: ______", "日期: ____", "全名: ______"]);
    }

    #[test]
    fn address_under_a_chinese_colon_stays_chinese() {
        let (en, zh) = interleaved_halves(
            "If not, write to the Free Software Foundation, 675 Mass Ave, Cambridge, MA 02139, USA.\n\n如果没有请写信给自由软件基金会：\n675 Mass Ave, Cambridge, MA 02139, USA.\n\nAlso add information on how to contact you by mail.\n\n同时提供能够联系你的邮件地址。\n",
        );
        assert_eq!(zh[1], "675 Mass Ave, Cambridge, MA 02139, USA.");
        assert_eq!(en.len(), 2);
        // English prose below a colon is the English version.
        assert!(!introduces("联系方式：", "Contact us at 021-1234"));
        assert!(introduces("邮箱：", "privacy@example.com"));
        assert!(!introduces("联系方式：", "Contact: privacy@example.com"));
        assert!(introduces("网址：", "https://example.com/privacy"));
    }

    #[test]
    fn sentence_pairs_on_one_line() {
        let line = "— ‘The Work’: the Original Work or its Derivative Works.  ‘作品’：“原始作品”或“衍生作品”。";
        let p = sentence_pair_pieces(line).unwrap();
        let texts: Vec<(Lang, &str)> = p.iter().map(|&(l, a, b)| (l, &line[a..b])).collect();
        assert_eq!(
            texts,
            [
                (
                    Lang::En,
                    "— ‘The Work’: the Original Work or its Derivative Works."
                ),
                (Lang::Zh, "‘作品’：“原始作品”或“衍生作品”。")
            ]
        );
        let line = "本项目使用该许可证。This project is licensed under the MIT License.";
        let p = sentence_pair_pieces(line).unwrap();
        assert_eq!(&line[p[0].1..p[0].2], "本项目使用该许可证。");
        assert_eq!(p[1].0, Lang::En);
        // A Chinese sentence that opens or ends with an English name.
        assert!(
            sentence_pair_pieces("Google Analytics for Firebase：提供本网站访问者的统计分析。")
                .is_none()
        );
        assert!(
            sentence_pair_pieces("我们使用的第三方服务包括 Google Analytics for the Web").is_none()
        );
        // Languages mixed within a sentence.
        assert!(sentence_pair_pieces("我们通过 the App Store 下载 of the data").is_none());
    }

    #[test]
    fn form_lines_only_when_label_like() {
        assert!(form_line_pieces("Google Analytics:提供本网站访问者的统计分析。").is_none());
        assert!(form_line_pieces("我们使用Cookies技术").is_none());
        let p = form_line_pieces("Schedule A附录A:").unwrap();
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn name_pairs_on_one_line() {
        let line =
            "— Open Software License (OSL) v. 2.1, v. 3.0  开放软件许可证（OSL）第2.1、3.0版";
        let p = name_pair_pieces(line).unwrap();
        assert_eq!(
            p.iter()
                .map(|&(l, a, b)| (l, &line[a..b]))
                .collect::<Vec<_>>(),
            [
                (Lang::En, "— Open Software License (OSL) v. 2.1, v. 3.0"),
                (Lang::Zh, "开放软件许可证（OSL）第2.1、3.0版"),
            ]
        );
        // The Latin word written against the Chinese belongs to it.
        let line =
            "— GNU General Public License (GPL) v. 2, v. 3  GNU通用公共许可证（GPL）第2、3版";
        let p = name_pair_pieces(line).unwrap();
        assert_eq!(&line[p[1].1..p[1].2], "GNU通用公共许可证（GPL）第2、3版");
        let line = "— GNU Affero General Public License (AGPL) v. 3  GNU Affero通用公共许可证（AGPL）第3版";
        let p = name_pair_pieces(line).unwrap();
        assert_eq!(
            &line[p[1].1..p[1].2],
            "GNU Affero通用公共许可证（AGPL）第3版"
        );
        let line = "— CeCILL v. 2.0, v. 2.1  CeCILL第2.0、2.1版";
        let p = name_pair_pieces(line).unwrap();
        assert_eq!(&line[p[0].1..p[0].2], "— CeCILL v. 2.0, v. 2.1");
        // A Chinese sentence opening with a name it repeats is no pair.
        assert!(name_pair_pieces("Google Analytics 是 Google 提供的统计服务。").is_none());
        // Latin words the English piece lacks: a form line or prose.
        assert!(name_pair_pieces("Please sign here 请签署: ____ Date日期: ___").is_none());
        assert!(name_pair_pieces("Schedule A附录A:").is_none());
    }

    #[test]
    fn one_language_is_an_error() {
        let src = Source::from_text(
            "p.txt",
            "隐私政策\nPRIVACY POLICY\n我们非常重视用户的隐私，我们收集的信息如下。\n",
        );
        let e = split(&src).unwrap_err();
        assert!(matches!(
            e,
            Error::MissingLanguage {
                missing: Lang::En,
                ..
            }
        ));
        assert!(e.to_string().contains("no English text found in p.txt"));
        let src = Source::from_text("q.txt", "Privacy Policy\nWe value your privacy.\n");
        assert!(matches!(
            split(&src),
            Err(Error::MissingLanguage {
                missing: Lang::Zh,
                ..
            })
        ));
    }
}
