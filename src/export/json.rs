//! JSON and JSONL output.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::{Value, json};

use super::View;
use crate::segment::Clause;

/// Version of the JSON contract (docs/json.md).
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Files<'a> {
    zh: &'a str,
    en: &'a str,
}

/// The whole document as one JSON value (the contract of docs/json.md).
pub fn json_value(view: &View) -> Value {
    let r = view.report;
    let mut value = json!({
        "version": JSON_VERSION,
        "shape": r.shape,
        "files": Files { zh: &r.zh.source.name, en: &r.en.source.name },
        "encoding": Files { zh: r.zh.source.encoding.name(), en: r.en.source.encoding.name() },
        "clauses": { "zh": &r.zh.clauses, "en": &r.en.clauses },
        "pairs": &view.pairs,
        "findings": view.findings,
    });
    if let (Some(counts), Some(map)) = (view.review, value.as_object_mut()) {
        map.insert(
            "review".to_string(),
            json!({
                "suppressed": counts.suppressed,
                "ignored": counts.ignored,
                "stale": counts.stale,
            }),
        );
    }
    value
}

/// Write the document as one JSON object and a newline.
pub fn write_json(out: &mut dyn Write, view: &View) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &json_value(view))?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
struct Side<'a> {
    ids: &'a [usize],
    lines: Option<(usize, usize)>,
    section: &'a str,
    text: String,
}

fn side<'a>(ids: &'a [usize], clauses: &'a [Clause]) -> Side<'a> {
    let cs: Vec<&Clause> = ids.iter().filter_map(|&i| clauses.get(i)).collect();
    Side {
        ids,
        lines: cs.first().zip(cs.last()).map(|(a, b)| (a.line, b.end_line)),
        section: cs.first().map_or("", |c| c.section.as_str()),
        text: cs
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Write one JSON object per aligned pair: both texts, ids, lines, score and
/// the pair's findings.
pub fn write_jsonl(out: &mut dyn Write, view: &View) -> io::Result<()> {
    let r = view.report;
    for (n, p) in view.pairs.iter().enumerate() {
        let row = json!({
            "pair": n,
            "kind": p.kind(),
            "score": p.score,
            "zh": side(&p.zh, &r.zh.clauses),
            "en": side(&p.en, &r.en.clauses),
            "findings": view.findings_of_pair(n),
        });
        serde_json::to_writer(&mut *out, &row)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
