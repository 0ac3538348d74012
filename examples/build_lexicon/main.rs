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
//! `data/lexicon/README.md` for the filters; their word lists are
//! `data/words/lexicon/cedict/*.tsv`. `senses` picks and stems the senses of
//! an entry, `names` finds the proper names among them; this file reads the
//! dictionary, merges the entries of each headword and writes the files.

use std::collections::{BTreeMap, HashMap};
use std::error::Error;
use std::fmt::Write as _;
use std::path::Path;

use clausealign::lexicon::is_han;

use senses::{analyse, is_person_or_minor_place};

mod names;
mod senses;

/// Longest headword kept, in characters.
const MAX_HEADWORD_CHARS: usize = 8;
/// Maximum stems kept for a single-character headword.
const MAX_STEMS_SINGLE: usize = 8;
/// Maximum stems kept for a two- or three-character headword.
const MAX_STEMS_MULTI: usize = 12;
/// Maximum stems kept for a headword of four or more characters (mostly
/// idioms, whose later glosses are paraphrases).
const MAX_STEMS_LONG: usize = 8;

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
