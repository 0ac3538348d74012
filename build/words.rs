//! Word lists as data: every `data/words/**/*.tsv` becomes one static table
//! in `$OUT_DIR/words.rs`, included by `src/words.rs`.
//!
//! A file looks like this:
//!
//! ```text
//! # Chinese words that contain a negation character but negate nothing.
//! # (free text: what the list is, why, where it is used)
//! #! columns: word:str trigger_offset:usize
//! #! sorted
//! 不仅<TAB>0
//! 能否<TAB>1
//! ```
//!
//! * Lines starting with `#` are comments; `#!` lines are directives:
//!   - `columns: NAME:TYPE ...` (required when there is more than one
//!     column; default `word:str`). TYPE is `str`, `char`, `bool`, `u8`,
//!     `u16`, `u32`, `usize`, `i32`, `f32`, `f64`, `enum(PATH)` (the field
//!     names a variant of the Rust enum PATH, e.g.
//!     `enum(crate::anchors::Modality)`), or `opt_…` of any of these (an
//!     empty field or `-` is `None`).
//!   - `sorted`: rows are sorted by the first column (bytes) at build time,
//!     so the table can be binary-searched; duplicates of the first column
//!     are an error.
//!   - `unique`: duplicates of the first column are an error (order kept).
//! * Every other non-empty line is one row, fields separated by tabs.
//!   A `str` field may use `\t`, `\n`, `\\` and `\s` (a space, for leading
//!   or trailing spaces) escapes.
//!
//! The table's name is the file's path below `data/words`, upper-cased,
//! with `/`, `-` and `.` as `_`: `data/words/zh/not-negation.tsv` ->
//! `ZH_NOT_NEGATION`. One column gives `&[T]`, several give `&[(T, U, ...)]`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
enum Type {
    Str,
    Char,
    Bool,
    Int(&'static str),
    Float(&'static str),
    Enum(String),
    Opt(Box<Type>),
}

impl Type {
    fn parse(s: &str) -> Result<Type, String> {
        if let Some(inner) = s.strip_prefix("opt_") {
            return Ok(Type::Opt(Box::new(Type::parse(inner)?)));
        }
        if let Some(path) = s.strip_prefix("enum(").and_then(|r| r.strip_suffix(')')) {
            return Ok(Type::Enum(path.to_string()));
        }
        Ok(match s {
            "str" => Type::Str,
            "char" => Type::Char,
            "bool" => Type::Bool,
            "u8" => Type::Int("u8"),
            "u16" => Type::Int("u16"),
            "u32" => Type::Int("u32"),
            "usize" => Type::Int("usize"),
            "i32" => Type::Int("i32"),
            "f32" => Type::Float("f32"),
            "f64" => Type::Float("f64"),
            other => return Err(format!("unknown column type `{other}`")),
        })
    }

    fn rust(&self) -> String {
        match self {
            Type::Str => "&str".into(),
            Type::Char => "char".into(),
            Type::Bool => "bool".into(),
            Type::Int(t) | Type::Float(t) => (*t).into(),
            Type::Enum(p) => p.clone(),
            Type::Opt(t) => format!("Option<{}>", t.rust()),
        }
    }

    fn value(&self, field: &str) -> Result<String, String> {
        Ok(match self {
            Type::Str => format!("{:?}", unescape(field)?),
            Type::Char => {
                let s = unescape(field)?;
                let mut chars = s.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => format!("{c:?}"),
                    _ => return Err(format!("`{field}` is not one character")),
                }
            }
            Type::Bool => match field {
                "true" | "yes" | "1" => "true".into(),
                "false" | "no" | "0" => "false".into(),
                _ => return Err(format!("`{field}` is not a bool (true/false)")),
            },
            Type::Int(t) => {
                field
                    .parse::<i128>()
                    .map_err(|_| format!("`{field}` is not an integer ({t})"))?;
                format!("{field}{t}")
            }
            Type::Float(t) => {
                let v: f64 = field
                    .parse()
                    .map_err(|_| format!("`{field}` is not a number ({t})"))?;
                format!("{v:?}{t}")
            }
            Type::Enum(p) => {
                if field.is_empty() || !field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                {
                    return Err(format!("`{field}` is not a variant name of {p}"));
                }
                format!("{p}::{field}")
            }
            Type::Opt(t) => {
                if field.is_empty() || field == "-" {
                    "None".into()
                } else {
                    format!("Some({})", t.value(field)?)
                }
            }
        })
    }
}

fn unescape(s: &str) -> Result<String, String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('s') => out.push(' '),
            Some('\\') => out.push('\\'),
            other => {
                return Err(format!(
                    "bad escape `\\{}` in `{s}`",
                    other.map(String::from).unwrap_or_default()
                ));
            }
        }
    }
    Ok(out)
}

struct Table {
    name: String,
    doc: Vec<String>,
    columns: Vec<(String, Type)>,
    rows: Vec<(usize, Vec<String>)>,
}

fn parse(path: &Path, name: String, text: &str) -> Result<Table, String> {
    let at = |line: usize, msg: String| format!("{}:{line}: {msg}", path.display());
    let mut doc = Vec::new();
    let mut columns: Option<Vec<(String, Type)>> = None;
    let mut sorted = false;
    let mut unique = false;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(directive) = line.strip_prefix("#!") {
            let directive = directive.trim();
            if let Some(cols) = directive.strip_prefix("columns:") {
                let mut parsed = Vec::new();
                for col in cols.split_whitespace() {
                    let (cname, ty) = col
                        .split_once(':')
                        .ok_or_else(|| at(n, format!("column `{col}` is not NAME:TYPE")))?;
                    parsed.push((cname.to_string(), Type::parse(ty).map_err(|e| at(n, e))?));
                }
                if parsed.is_empty() {
                    return Err(at(n, "no columns".into()));
                }
                columns = Some(parsed);
            } else if directive == "sorted" {
                sorted = true;
            } else if directive == "unique" {
                unique = true;
            } else {
                return Err(at(n, format!("unknown directive `#!{directive}`")));
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if rows.is_empty() {
                // One space after `#` is the separator; more is indentation
                // (a list item's continuation lines) and is kept.
                let text = comment.strip_prefix(' ').unwrap_or(comment);
                doc.push(text.trim_end().to_string());
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        rows.push((n, line.split('\t').map(str::to_string).collect::<Vec<_>>()));
    }
    let columns = columns.unwrap_or_else(|| vec![("word".into(), Type::Str)]);
    for (n, fields) in &rows {
        if fields.len() != columns.len() {
            return Err(at(
                *n,
                format!(
                    "{} fields, the header names {} columns",
                    fields.len(),
                    columns.len()
                ),
            ));
        }
    }
    if sorted {
        rows.sort_by(|a, b| a.1[0].as_bytes().cmp(b.1[0].as_bytes()));
    }
    if sorted || unique {
        let mut seen = std::collections::HashMap::new();
        for (n, fields) in &rows {
            if let Some(first) = seen.insert(fields[0].clone(), *n) {
                return Err(at(*n, format!("`{}` repeats line {first}", fields[0])));
            }
        }
    }
    Ok(Table {
        name,
        doc,
        columns,
        rows,
    })
}

fn emit(t: &Table, path: &Path, out: &mut String) -> Result<(), String> {
    let rel = path.display();
    for d in &t.doc {
        writeln!(out, "/// {d}").unwrap();
    }
    writeln!(out, "///\n/// From `{rel}`.").unwrap();
    let row_type = if t.columns.len() == 1 {
        t.columns[0].1.rust()
    } else {
        format!(
            "({})",
            t.columns
                .iter()
                .map(|(_, ty)| ty.rust())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    writeln!(out, "pub static {}: &[{row_type}] = &[", t.name).unwrap();
    for (n, fields) in &t.rows {
        let values = fields
            .iter()
            .zip(&t.columns)
            .map(|(f, (_, ty))| ty.value(f).map_err(|e| format!("{rel}:{n}: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        if values.len() == 1 {
            writeln!(out, "    {},", values[0]).unwrap();
        } else {
            writeln!(out, "    ({}),", values.join(", ")).unwrap();
        }
    }
    writeln!(out, "];\n").unwrap();
    Ok(())
}

fn table_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path).with_extension("");
    rel.to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            files(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "tsv") {
            out.push(path);
        }
    }
    Ok(())
}

/// Compile every table under `root` into one Rust file at `dest`.
pub fn generate(root: &Path, dest: &Path) -> Result<(), String> {
    println!("cargo:rerun-if-changed={}", root.display());
    let mut paths = Vec::new();
    files(root, &mut paths)?;
    paths.sort();
    let mut out = String::from("// Generated by build/words.rs from data/words: do not edit.\n\n");
    let mut names = std::collections::HashMap::new();
    for path in &paths {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = table_name(root, path);
        if let Some(other) = names.insert(name.clone(), path.clone()) {
            return Err(format!(
                "{} and {} both make the table {name}",
                other.display(),
                path.display()
            ));
        }
        let table = parse(path, name, &text)?;
        emit(&table, path, &mut out)?;
    }
    std::fs::write(dest, out).map_err(|e| format!("{}: {e}", dest.display()))
}

/// The words of a one-column `str` list (escapes undone; sorted if the file
/// says `#! sorted`): the table `generate` makes of it, for another step of
/// the build script that needs the list itself.
pub fn read_list(path: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let table = parse(path, String::new(), &text)?;
    if !matches!(table.columns.as_slice(), [(_, Type::Str)]) {
        return Err(format!("{}: not a one-column str list", path.display()));
    }
    table
        .rows
        .iter()
        .map(|(n, fields)| unescape(&fields[0]).map_err(|e| format!("{}:{n}: {e}", path.display())))
        .collect()
}

/// The rows of a two-column `str` table (escapes undone; sorted if the file
/// says `#! sorted`), for another step of the build.
pub fn read_pairs(path: &Path) -> Result<Vec<(String, String)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let table = parse(path, String::new(), &text)?;
    if !matches!(table.columns.as_slice(), [(_, Type::Str), (_, Type::Str)]) {
        return Err(format!("{}: not a two-column str table", path.display()));
    }
    table
        .rows
        .iter()
        .map(|(n, fields)| {
            let at = |e| format!("{}:{n}: {e}", path.display());
            Ok((
                unescape(&fields[0]).map_err(at)?,
                unescape(&fields[1]).map_err(at)?,
            ))
        })
        .collect()
}
