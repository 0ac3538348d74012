//! Check the documents of one batch, one result per row, on the calling
//! thread or on a thread pool made for this call.
//!
//! The pool is never rayon's global one: engines fork worker processes
//! (Spark's Python workers, multiprocessing), and a fork while a global
//! pool's threads exist leaves the child with a pool whose threads are gone.
//! A pool that lives only during the call has no threads left when it
//! returns.

use std::panic::{AssertUnwindSafe, catch_unwind};

use clausealign::export::{Granularity, View};
use clausealign::segment::Clause;
use clausealign::{Analyzer, Comparison};
use rayon::prelude::*;

use crate::input::InputBatch;

/// One finding as the output row holds it.
pub struct FindingRow {
    pub id: String,
    pub kind: &'static str,
    pub severity: String,
    pub confidence: f64,
    pub zh: Vec<i32>,
    pub en: Vec<i32>,
    pub zh_line: Option<i32>,
    pub en_line: Option<i32>,
    pub zh_value: Option<String>,
    pub en_value: Option<String>,
    pub message: String,
}

/// One aligned pair as the output row holds it.
pub struct PairRow {
    pub zh: Vec<i32>,
    pub en: Vec<i32>,
    pub score: f64,
    pub zh_line: Option<i32>,
    pub en_line: Option<i32>,
    pub zh_text: Option<String>,
    pub en_text: Option<String>,
}

/// What one document's row holds when it could be checked.
pub struct Checked {
    pub shape: String,
    pub zh_clauses: usize,
    pub en_clauses: usize,
    pub findings: Vec<FindingRow>,
    pub pairs: Vec<PairRow>,
}

/// The outcome of one row: the result, or why there is none.
pub type RowOutcome = Result<Checked, String>;

/// Check every row of the batch, in row order. `threads` > 1 runs the rows
/// on a pool of that many threads made for this call; the error is a pool
/// that could not be made.
pub fn check_rows(
    input: &InputBatch,
    analyzer: &Analyzer,
    granularity: Granularity,
    threads: usize,
) -> Result<Vec<RowOutcome>, String> {
    let check_row = |row: usize| check_one(input, row, analyzer, granularity);
    if threads <= 1 {
        return Ok((0..input.rows).map(check_row).collect());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("clausealign-{i}"))
        .build()
        .map_err(|e| format!("cannot start {threads} threads: {e}"))?;
    Ok(pool.install(|| (0..input.rows).into_par_iter().map(check_row).collect()))
}

/// Check the document of one row. A panic in the library (a bug) becomes
/// this row's error rather than the end of the whole batch.
fn check_one(
    input: &InputBatch,
    row: usize,
    analyzer: &Analyzer,
    granularity: Granularity,
) -> RowOutcome {
    let zh = input
        .zh
        .get(row)
        .ok_or_else(|| "zh is null: the row holds no document".to_string())?;
    let en = input.en.as_ref().and_then(|column| column.get(row));
    let compared = catch_unwind(AssertUnwindSafe(|| analyzer.compare(zh, en)))
        .map_err(|panic| format!("internal error in clausealign: {}", panic_message(&panic)))?;
    let comparison = compared.map_err(|e| e.to_string())?;
    Ok(summarize(&comparison, granularity))
}

/// The text of a panic's payload.
fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// A clause id or line number as the int32 the schema holds (documents have
/// far fewer than 2^31 clauses or lines; larger values saturate).
fn int32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

fn ids(ids: &[usize]) -> Vec<i32> {
    ids.iter().copied().map(int32).collect()
}

/// The first input line of the first of the given clauses.
fn first_line(ids: &[usize], clauses: &[Clause]) -> Option<i32> {
    ids.first()
        .and_then(|&i| clauses.get(i))
        .map(|c| int32(c.line))
}

/// The given clauses' text joined by a space (as `-f jsonl` writes a pair's
/// side); `None` for an empty side.
fn joined_text(ids: &[usize], clauses: &[Clause]) -> Option<String> {
    if ids.is_empty() {
        return None;
    }
    let texts: Vec<&str> = ids
        .iter()
        .filter_map(|&i| clauses.get(i))
        .map(|c| c.text.as_str())
        .collect();
    Some(texts.join(" "))
}

/// The name serde gives a value (the JSON contract's spelling).
fn serde_name(value: serde_json::Result<serde_json::Value>) -> String {
    match value {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The row of a checked document: counts, findings and pairs as the JSON
/// contract has them (pairs at the requested granularity, confidences to
/// two decimals), with lines and texts added.
fn summarize(comparison: &Comparison, granularity: Granularity) -> Checked {
    let report = &comparison.report;
    let (zh_clauses, en_clauses) = (&report.zh.clauses, &report.en.clauses);
    let view = View::new(report, &comparison.findings, granularity);
    let findings = comparison
        .findings
        .iter()
        .map(|f| FindingRow {
            id: f.id.clone(),
            kind: f.kind.name(),
            severity: serde_name(serde_json::to_value(f.severity)),
            // As the JSON contract writes it.
            confidence: (f.confidence * 100.0).round() / 100.0,
            zh: ids(&f.zh),
            en: ids(&f.en),
            zh_line: first_line(&f.zh, zh_clauses),
            en_line: first_line(&f.en, en_clauses),
            zh_value: f.zh_value.clone(),
            en_value: f.en_value.clone(),
            message: f.message.clone(),
        })
        .collect();
    let pairs = view
        .pairs
        .iter()
        .map(|p| PairRow {
            zh: ids(&p.zh),
            en: ids(&p.en),
            score: p.score,
            zh_line: first_line(&p.zh, zh_clauses),
            en_line: first_line(&p.en, en_clauses),
            zh_text: joined_text(&p.zh, zh_clauses),
            en_text: joined_text(&p.en, en_clauses),
        })
        .collect();
    Checked {
        shape: serde_name(serde_json::to_value(report.shape)),
        zh_clauses: zh_clauses.len(),
        en_clauses: en_clauses.len(),
        findings,
        pairs,
    }
}
