//! The output batch of `check_arrow`, built column by column from the rows'
//! outcomes in the fixed schema of [`crate::schema`].

use std::sync::Arc;

use arrow_array::builder::{Float64Builder, Int32Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, ListArray, RecordBatch, StructArray};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{ArrowError, DataType, FieldRef, Fields};

use crate::documents::{Checked, FindingRow, PairRow, RowOutcome};
use crate::schema::output_schema;

/// The output batch: one row per outcome, `ids[i]` beside `outcomes[i]`.
pub fn output_batch(
    ids: Vec<Option<String>>,
    outcomes: &[RowOutcome],
) -> Result<RecordBatch, ArrowError> {
    let schema = output_schema();
    let ok: Vec<Option<&Checked>> = outcomes.iter().map(|o| o.as_ref().ok()).collect();
    let status: Vec<&str> = outcomes
        .iter()
        .map(|o| if o.is_ok() { "ok" } else { "error" })
        .collect();
    let error: Vec<Option<&str>> = outcomes
        .iter()
        .map(|o| o.as_ref().err().map(String::as_str))
        .collect();
    let shape: Vec<Option<&str>> = ok.iter().map(|c| c.map(|c| c.shape.as_str())).collect();
    let count = |f: fn(&Checked) -> usize| -> ArrayRef {
        let mut b = Int32Builder::with_capacity(ok.len());
        for c in &ok {
            b.append_option(c.map(|c| i32::try_from(f(c)).unwrap_or(i32::MAX)));
        }
        Arc::new(b.finish())
    };
    let columns: Vec<ArrayRef> = vec![
        Arc::new(arrow_array::StringArray::from(ids)),
        Arc::new(arrow_array::StringArray::from(status)),
        Arc::new(arrow_array::StringArray::from(error)),
        Arc::new(arrow_array::StringArray::from(shape)),
        count(|c| c.zh_clauses),
        count(|c| c.en_clauses),
        count(|c| c.pairs.len()),
        count(|c| c.findings.len()),
        findings_column(schema.field(8).data_type(), &ok)?,
        pairs_column(schema.field(9).data_type(), &ok)?,
    ];
    RecordBatch::try_new(schema, columns)
}

/// The item field and struct fields of a `list<struct<...>>` type.
fn list_struct_fields(ty: &DataType) -> (FieldRef, Fields) {
    match ty {
        DataType::List(item) => match item.data_type() {
            DataType::Struct(fields) => (Arc::clone(item), fields.clone()),
            other => unreachable!("the schema's lists hold structs, not {other}"),
        },
        other => unreachable!("the schema's findings and pairs are lists, not {other}"),
    }
}

/// A `list<struct>` column: per row, the row's items, or null when the row
/// is an error. `children` turns the items of all rows, in order, into the
/// struct's child columns.
fn list_column<T>(
    ty: &DataType,
    rows: &[Option<&[T]>],
    children: impl FnOnce(&[&T]) -> Vec<ArrayRef>,
) -> Result<ArrayRef, ArrowError> {
    let (item, fields) = list_struct_fields(ty);
    let items: Vec<&T> = rows.iter().flatten().flat_map(|r| r.iter()).collect();
    let values = StructArray::try_new(fields, children(&items), None)?;
    let offsets = OffsetBuffer::<i32>::from_lengths(rows.iter().map(|r| r.map_or(0, <[T]>::len)));
    let nulls = NullBuffer::from(rows.iter().map(Option::is_some).collect::<Vec<bool>>());
    Ok(Arc::new(ListArray::try_new(
        item,
        offsets,
        Arc::new(values),
        Some(nulls),
    )?))
}

/// The `findings` column.
fn findings_column(ty: &DataType, ok: &[Option<&Checked>]) -> Result<ArrayRef, ArrowError> {
    let rows: Vec<Option<&[FindingRow]>> = ok.iter().map(|c| c.map(|c| &c.findings[..])).collect();
    list_column(ty, &rows, |items: &[&FindingRow]| {
        vec![
            strings(items.iter().map(|f| Some(f.id.as_str()))),
            strings(items.iter().map(|f| Some(f.kind))),
            strings(items.iter().map(|f| Some(f.severity.as_str()))),
            floats(items.iter().map(|f| f.confidence)),
            id_lists(items.iter().map(|f| &f.zh[..])),
            id_lists(items.iter().map(|f| &f.en[..])),
            ints(items.iter().map(|f| f.zh_line)),
            ints(items.iter().map(|f| f.en_line)),
            strings(items.iter().map(|f| f.zh_value.as_deref())),
            strings(items.iter().map(|f| f.en_value.as_deref())),
            strings(items.iter().map(|f| Some(f.message.as_str()))),
        ]
    })
}

/// The `pairs` column.
fn pairs_column(ty: &DataType, ok: &[Option<&Checked>]) -> Result<ArrayRef, ArrowError> {
    let rows: Vec<Option<&[PairRow]>> = ok.iter().map(|c| c.map(|c| &c.pairs[..])).collect();
    list_column(ty, &rows, |items: &[&PairRow]| {
        vec![
            id_lists(items.iter().map(|p| &p.zh[..])),
            id_lists(items.iter().map(|p| &p.en[..])),
            floats(items.iter().map(|p| p.score)),
            ints(items.iter().map(|p| p.zh_line)),
            ints(items.iter().map(|p| p.en_line)),
            strings(items.iter().map(|p| p.zh_text.as_deref())),
            strings(items.iter().map(|p| p.en_text.as_deref())),
        ]
    })
}

fn strings<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    let mut b = StringBuilder::new();
    for v in values {
        b.append_option(v);
    }
    Arc::new(b.finish())
}

fn ints(values: impl Iterator<Item = Option<i32>>) -> ArrayRef {
    let mut b = Int32Builder::new();
    for v in values {
        b.append_option(v);
    }
    Arc::new(b.finish())
}

fn floats(values: impl Iterator<Item = f64>) -> ArrayRef {
    let mut b = Float64Builder::new();
    for v in values {
        b.append_value(v);
    }
    Arc::new(b.finish())
}

/// A `list<int32>` column of clause ids (never null: an empty side is an
/// empty list).
fn id_lists<'a>(values: impl Iterator<Item = &'a [i32]>) -> ArrayRef {
    let mut b = ListBuilder::new(Int32Builder::new());
    for ids in values {
        b.values().append_slice(ids);
        b.append(true);
    }
    Arc::new(b.finish())
}
