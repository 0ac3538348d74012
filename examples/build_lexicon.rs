//! Builds the compact lexicon files of `data/lexicon/` from CC-CEDICT.
//!
//! ```text
//! cargo run --release --example build_lexicon -- cedict_1_0_ts_utf-8_mdbg.txt.gz data/lexicon
//! ```
//!
//! The input may be gzip-compressed (detected by its magic bytes and
//! decompressed with the system's `gzip -dc`, so no extra crate is needed) or
//! plain UTF-8. Writes `OUT_DIR/zh-en.tsv` (headword → English stems) and
//! `OUT_DIR/entities.tsv` (proper name → English names). English glosses are
//! tokenized, filtered and stemmed with the very function the runtime uses
//! (`clausealign::lexicon::en_tokens`, i.e. `stem_en` and `is_en_stopword`),
//! so the stems in the files match those computed at run time. See
//! `data/lexicon/README.md` for the filters.

use std::collections::{BTreeMap, HashMap};
use std::error::Error;
use std::fmt::Write as _;
use std::path::Path;

use clausealign::lexicon::{en_tokens, is_han};

/// Longest headword kept, in characters.
const MAX_HEADWORD_CHARS: usize = 8;
/// Maximum stems kept for a single-character headword.
const MAX_STEMS_SINGLE: usize = 8;
/// Maximum stems kept for a two- or three-character headword.
const MAX_STEMS_MULTI: usize = 12;
/// Maximum stems kept for a headword of four or more characters (mostly
/// idioms, whose later glosses are paraphrases).
const MAX_STEMS_LONG: usize = 8;
/// Maximum stems taken from one sense (long explanatory glosses are noise).
const MAX_STEMS_PER_SENSE: usize = 5;
/// Maximum stems taken from one sense of a single-character headword.
const MAX_STEMS_PER_SENSE_SINGLE: usize = 3;

/// Senses containing one of these describe grammar, not meaning, and are
/// dropped.
const SKIP_CONTAINS: &[&str] = &[
    "marker",
    "particle",
    "measure word",
    "classifier",
    "used after",
    "used before",
    "used to form",
    "used in",
    "suffix",
    "prefix",
];

/// Senses starting with one of these are dropped.
const SKIP_PREFIXES: &[&str] = &[
    "variant of",
    "old variant of",
    "Japanese variant of",
    "archaic variant of",
    "ancient variant of",
    "non-standard variant of",
    "unofficial variant of",
    "see ",
    "see also",
    "surname ",
    "CL:",
    "Taiwan pr.",
    "also pr.",
    "pr. ",
    "used in ",
    "used before ",
    "used as ",
    "classifier for",
    "also written",
    "also called",
    "name of ",
    "abbr. to ",
    "(bird species",
    "(onom.)",
    "onomat",
    "radical ",
    "Kangxi radical",
    "component in Chinese characters",
    "(Chinese surname)",
    "(a surname)",
    "(of a surname)",
    "(particle",
    "(final particle",
    "(grammatical",
    "(interj",
    "interjection",
    "(used ",
    "(in names)",
    "(used in names)",
    "(used in place names)",
];

/// Senses starting with one of these are kept but ranked after the others.
const MARKED_PREFIXES: &[&str] = &[
    "(literary)",
    "(old)",
    "(archaic)",
    "(dialect)",
    "(Tw)",
    "(slang)",
    "(Internet slang)",
    "(Buddhism)",
    "(TCM)",
    "(Cantonese)",
    "(derog.)",
    "(vulgar)",
    "(euphemism)",
    "(fig.)",
];

/// Prefixes introducing a reference to another headword whose stems are
/// borrowed (the rest of the sense is kept).
const REF_PREFIXES: &[&str] = &[
    "abbr. for ",
    "abbr. of ",
    "erhua variant of ",
    "same as ",
    "Taiwan equivalent of ",
    "dialectal equivalent of ",
    "single-character equivalent of ",
    "another name for ",
    "alternative name for ",
    "short name for ",
    "old name for ",
    "ancient name for ",
    "common name for ",
    "short form of ",
    "respectful form of ",
];

/// Words of glosses that are dictionary meta-language, not translations.
const GLOSS_NOISE: &[&str] = &[
    "sb",
    "sth",
    "sb's",
    "sth's",
    "one's",
    "oneself",
    "someone",
    "somebody",
    "something",
    "one",
    "lit",
    "fig",
    "abbr",
    "esp",
    "usu",
    "coll",
    "onom",
    "cf",
    "var",
    "pr",
    "tw",
    "also",
    "etc",
    "kind",
    "sort",
    "particl",
    "used",
    "suffix",
    "prefix",
    "person's",
];

/// English words that are never entity names on their own.
const NOT_NAMES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "English",
    "Chinese",
    "God",
    "Heaven",
    "Mr",
    "Mrs",
    "Miss",
    "Ms",
    "Dr",
    "Internet",
];

/// Single-word "names" with these endings are adjectives or common nouns
/// (Buddhism, Chinese, Confucian, Spanish, …).
const NOT_NAME_SUFFIXES: &[&str] = &[
    "ism", "isms", "ist", "ists", "ese", "ian", "ians", "ish", "ity",
];

/// Headwords ending like this are languages, peoples, religions… not entities.
const NOT_ENTITY_HEADWORD_SUFFIXES: &[&str] = &[
    "人", "语", "語", "文", "教", "族", "派", "主义", "主義", "徒", "菜", "话", "話", "字",
];

/// Lowercase words allowed inside a name.
const NAME_CONNECTORS: &[&str] = &[
    "of", "the", "and", "for", "de", "da", "du", "des", "la", "le", "von", "van", "der", "del",
    "di", "y", "on", "at", "to", "&", "upon", "am", "al", "el", "bin", "ibn", "dos", "das",
];

/// Trailing words of company names that are also kept stripped
/// (`Microsoft Corporation` → `Microsoft`).
const COMPANY_SUFFIXES: &[&str] = &[
    " Corporation",
    " Corp.",
    " Corp",
    " Inc.",
    " Inc",
    " Co.",
    " Company",
    " Limited",
    " Ltd.",
    " Ltd",
    " Holdings",
    " Group",
    " plc",
];

/// Last words of multi-word names that get an acronym
/// (`World Trade Organization` → `WTO`).
const ACRONYM_HEADS: &[&str] = &[
    "Republic",
    "Union",
    "Nations",
    "Organization",
    "Organisation",
    "Kingdom",
    "States",
    "Association",
    "Committee",
    "Council",
    "Party",
    "Bank",
    "Fund",
    "Agency",
    "Congress",
    "Commission",
    "Federation",
    "Court",
    "Institute",
    "Agreement",
    "Treaty",
    "Convention",
    "Programme",
    "Program",
    "Assembly",
    "Office",
    "Authority",
    "Administration",
    "Bureau",
    "Forum",
    "Community",
    "Area",
];

/// One CC-CEDICT entry, analysed.
struct Entry {
    /// Traditional headword.
    trad: String,
    /// Simplified headword.
    simp: String,
    /// Whether the pinyin is capitalised (CC-CEDICT's mark of proper nouns).
    proper: bool,
    /// Stem lists of the ordinary senses, in order.
    senses: Vec<Vec<String>>,
    /// Stem lists of marked senses (literary, dialect, …), in order.
    marked: Vec<Vec<String>>,
    /// English names, if the entry is a proper name.
    names: Vec<String>,
    /// Headwords (simplified) this entry refers to by "abbr. for" & co.
    refs: Vec<String>,
    /// Whether the traditional form is a variant of the simplified headword
    /// (the glosses say "variant of <simplified>").
    variant_of_simp: bool,
}

/// Statistics printed at the end.
#[derive(Default)]
struct Stats {
    entries: usize,
    skipped_length: usize,
    skipped_non_han: usize,
    skipped_empty: usize,
    skipped_minor_names: usize,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("build_lexicon: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 2 {
        return Err("usage: build_lexicon CEDICT_GZ_OR_TXT OUT_DIR".into());
    }
    let text = read_input(Path::new(&args[0]))?;
    let out_dir = Path::new(&args[1]);
    std::fs::create_dir_all(out_dir)?;

    let mut header = Vec::new();
    let mut stats = Stats::default();
    let mut entries = Vec::new();
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("#!") {
            header.push(h.trim().to_string());
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        stats.entries += 1;
        let Some((trad, simp, pinyin, glosses)) = parse_line(line) else {
            continue;
        };
        if simp.chars().count() > MAX_HEADWORD_CHARS {
            stats.skipped_length += 1;
            continue;
        }
        if !simp.chars().all(is_han) || !trad.chars().all(is_han) {
            stats.skipped_non_han += 1;
            continue;
        }
        let proper = pinyin
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase());
        if proper && is_person_or_minor_place(glosses) {
            stats.skipped_minor_names += 1;
            continue;
        }
        let entry = analyse(trad, simp, proper, glosses);
        if entry.senses.is_empty()
            && entry.marked.is_empty()
            && entry.names.is_empty()
            && entry.refs.is_empty()
        {
            stats.skipped_empty += 1;
            continue;
        }
        entries.push(entry);
    }

    // Headword → entries (simplified, and traditional where different).
    let mut by_word: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        // An entry of a variant traditional character ("秊 年 … /grain/variant
        // of 年/") describes the variant; its senses do not belong to the
        // simplified headword.
        if !e.variant_of_simp {
            by_word.entry(e.simp.as_str()).or_default().push(i);
        }
        if e.trad != e.simp {
            by_word.entry(e.trad.as_str()).or_default().push(i);
        }
    }

    // First pass: own stems of every headword.
    let mut own: HashMap<&str, Vec<String>> = HashMap::new();
    for (&word, ids) in &by_word {
        let stems = merge_stems(word, ids.iter().map(|&i| &entries[i]), &[]);
        own.insert(word, stems);
    }
    // Second pass: borrow the stems of referenced headwords.
    let mut zh_en = String::new();
    let mut ents = String::new();
    let date = header
        .iter()
        .find_map(|h| h.strip_prefix("date="))
        .unwrap_or("unknown")
        .to_string();
    let _ = writeln!(
        zh_en,
        "# Derived from CC-CEDICT ({date}), CC BY-SA 4.0, see README.md. Headword<TAB>English stems."
    );
    let _ = writeln!(
        ents,
        "# Derived from CC-CEDICT ({date}), CC BY-SA 4.0, see README.md. Chinese name<TAB>English names."
    );
    // Second pass: final stems (borrowing those of referenced headwords) and
    // names of every headword.
    let mut finals: BTreeMap<&str, (Vec<String>, Vec<&str>)> = BTreeMap::new();
    for (&word, ids) in &by_word {
        let mut borrowed: Vec<&[String]> = Vec::new();
        for &i in ids {
            for r in &entries[i].refs {
                if r != word
                    && let Some(s) = own.get(r.as_str())
                {
                    borrowed.push(s);
                }
            }
        }
        let stems = if borrowed.is_empty() {
            own.get(word).cloned().unwrap_or_default()
        } else {
            merge_stems(word, ids.iter().map(|&i| &entries[i]), &borrowed)
        };
        let mut names: Vec<&str> = Vec::new();
        for &i in ids {
            for n in &entries[i].names {
                if !names.contains(&n.as_str()) {
                    names.push(n);
                }
            }
        }
        finals.insert(word, (stems, names));
    }
    let (mut n_words, mut n_ents, mut n_compositional) = (0usize, 0usize, 0usize);
    for (&word, (stems, names)) in &finals {
        if !stems.is_empty() {
            if names.is_empty() && is_compositional(word, stems, &finals) {
                n_compositional += 1;
            } else {
                let _ = writeln!(zh_en, "{word}\t{}", stems.join(" "));
                n_words += 1;
            }
        }
        if !names.is_empty() {
            let _ = writeln!(ents, "{word}\t{}", names.join("|"));
            n_ents += 1;
        }
    }
    std::fs::write(out_dir.join("zh-en.tsv"), &zh_en)?;
    std::fs::write(out_dir.join("entities.tsv"), &ents)?;
    eprintln!("source header: {}", header.join(", "));
    eprintln!(
        "entries read: {}, skipped: {} too long, {} non-Han headword, {} person or minor place, \
         {} no usable gloss; kept {}",
        stats.entries,
        stats.skipped_length,
        stats.skipped_non_han,
        stats.skipped_minor_names,
        stats.skipped_empty,
        entries.len()
    );
    eprintln!("dropped {n_compositional} compositional headwords");
    eprintln!(
        "zh-en.tsv: {n_words} headwords, {} bytes; entities.tsv: {n_ents} names, {} bytes",
        zh_en.len(),
        ents.len()
    );
    Ok(())
}

/// Whether a headword of at least 4 characters is the concatenation of two
/// multi-character headwords whose stems cover all of its own (e.g.
/// 经济制裁 = 经济 + 制裁 → "econom sanction"): segmentation into the parts
/// gives the same translations, so the entry is redundant.
fn is_compositional(
    word: &str,
    stems: &[String],
    finals: &BTreeMap<&str, (Vec<String>, Vec<&str>)>,
) -> bool {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    if chars.len() < 4 {
        return false;
    }
    (2..chars.len() - 1).any(|k| {
        let (a, b) = word.split_at(chars[k].0);
        match (finals.get(a), finals.get(b)) {
            (Some((sa, _)), Some((sb, _))) => {
                stems.iter().all(|s| sa.contains(s) || sb.contains(s))
            }
            _ => false,
        }
    })
}

/// Reads the dictionary. A gzip-compressed file (detected by its magic
/// bytes) is decompressed with the system's `gzip -dc`, so that this program
/// needs no extra crate; pass the decompressed `.txt` where `gzip` is
/// missing.
fn read_input(path: &Path) -> Result<String, Box<dyn Error>> {
    let raw = std::fs::read(path)?;
    if !raw.starts_with(&[0x1f, 0x8b]) {
        return Ok(String::from_utf8(raw)?);
    }
    let out = std::process::Command::new("gzip")
        .arg("-dc")
        .arg(path)
        .output()
        .map_err(|e| {
            format!(
                "cannot run `gzip -dc` to decompress {}: {e}",
                path.display()
            )
        })?;
    if !out.status.success() {
        return Err(format!(
            "`gzip -dc {}` failed: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        )
        .into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// Splits `Trad Simp [pin1 yin1] /gloss 1/gloss 2/`.
fn parse_line(line: &str) -> Option<(&str, &str, &str, &str)> {
    let (trad, rest) = line.split_once(' ')?;
    let (simp, rest) = rest.split_once(' ')?;
    let rest = rest.strip_prefix('[')?;
    let (pinyin, rest) = rest.split_once(']')?;
    let glosses = rest.trim().strip_prefix('/')?.strip_suffix('/')?;
    Some((trad, simp, pinyin, glosses))
}

/// Merges the senses of the entries of one headword into a capped stem list:
/// common-noun entries before proper-noun ones, entries with more senses
/// first, senses taken round-robin across entries (so that every reading of
/// a polyphonic character contributes its first senses), marked senses last,
/// then the borrowed stems of referenced headwords.
fn merge_stems<'a>(
    word: &str,
    entries: impl Iterator<Item = &'a Entry>,
    borrowed: &[&[String]],
) -> Vec<String> {
    let cap = match word.chars().count() {
        1 => MAX_STEMS_SINGLE,
        2 | 3 => MAX_STEMS_MULTI,
        _ => MAX_STEMS_LONG,
    };
    let mut list: Vec<&Entry> = entries.collect();
    list.sort_by_key(|e| (e.proper, std::cmp::Reverse(e.senses.len())));
    let mut out: Vec<String> = Vec::new();
    let push_all = |stems: &[String], out: &mut Vec<String>| {
        for s in stems {
            if out.len() < cap && !out.iter().any(|o| o == s) {
                out.push(s.clone());
            }
        }
    };
    for group in [false, true] {
        let max = list
            .iter()
            .map(|e| {
                if group {
                    e.marked.len()
                } else {
                    e.senses.len()
                }
            })
            .max()
            .unwrap_or(0);
        for k in 0..max {
            for e in &list {
                let senses = if group { &e.marked } else { &e.senses };
                if let Some(s) = senses.get(k) {
                    push_all(s, &mut out);
                }
            }
        }
    }
    for b in borrowed {
        push_all(b, &mut out);
    }
    out
}

/// Analyses the glosses of one entry.
fn analyse(trad: &str, simp: &str, proper: bool, glosses: &str) -> Entry {
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
fn is_person_or_minor_place(glosses: &str) -> bool {
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

/// Proper names in a (bracket-free) sense of a proper-noun entry.
fn extract_names(plain: &str, parens: &[String]) -> Vec<String> {
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

/// Lowercase words that follow a place name in glosses
/// (`Fugu county`, `Tang dynasty`).
const PLACE_WORDS: &[&str] = &[
    "district",
    "county",
    "city",
    "town",
    "township",
    "village",
    "province",
    "prefecture",
    "river",
    "mountain",
    "mountains",
    "lake",
    "island",
    "islands",
    "region",
    "state",
    "dynasty",
    "temple",
    "street",
    "road",
    "bay",
    "sea",
    "desert",
    "peninsula",
    "valley",
    "park",
    "municipality",
    "subprefecture",
    "banner",
    "league",
    "commune",
    "port",
    "harbor",
    "canal",
    "airport",
    "station",
    "reservoir",
    "gorge",
    "pass",
    "strait",
    "kingdom",
    "empire",
    "basin",
    "plateau",
    "prefecture-level",
    "county-level",
    "autonomous",
    "hills",
    "peak",
];

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
fn push_unique(v: &mut Vec<String>, s: &str) {
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

/// Well-known acronyms that the automatic rule of [`acronym`] does not find.
const KNOWN_ACRONYMS: &[(&str, &str)] = &[
    ("United Nations", "UN"),
    ("United States", "US"),
    ("United Kingdom", "UK"),
    ("European Union", "EU"),
    ("People's Republic of China", "PRC"),
    ("Republic of China", "ROC"),
    ("Hong Kong", "HK"),
];

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
