//! The input columns of `check_arrow`: `id`, `zh` and the optional `en`,
//! read in place from the Arrow buffers (no copy into Python objects).
//!
//! A batch whose columns are missing or of the wrong type cannot be checked
//! at all: that is an error of the call (`ValueError`), unlike a bad
//! document, which becomes an error row.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::DataType;

/// A text column of any of Arrow's string layouts.
pub enum TextColumn<'a> {
    Utf8(&'a arrow_array::StringArray),
    LargeUtf8(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
}

impl<'a> TextColumn<'a> {
    /// The column, if it is a string column.
    fn of(array: &'a ArrayRef) -> Option<TextColumn<'a>> {
        Some(match array.data_type() {
            DataType::Utf8 => TextColumn::Utf8(array.as_string::<i32>()),
            DataType::LargeUtf8 => TextColumn::LargeUtf8(array.as_string::<i64>()),
            DataType::Utf8View => TextColumn::View(array.as_string_view()),
            _ => return None,
        })
    }

    /// The text of row `i`, `None` when it is null.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            TextColumn::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            TextColumn::LargeUtf8(a) => a.is_valid(i).then(|| a.value(i)),
            TextColumn::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}

/// The id column: text, or integers written out as text.
pub enum IdColumn<'a> {
    /// A column of nulls only (Arrow's null type).
    Null,
    Text(TextColumn<'a>),
    Integer(&'a ArrayRef),
}

impl IdColumn<'_> {
    /// The id of row `i` as text, `None` when it is null.
    pub fn get(&self, i: usize) -> Option<String> {
        match self {
            IdColumn::Null => None,
            IdColumn::Text(column) => column.get(i).map(str::to_string),
            IdColumn::Integer(array) => {
                if array.is_null(i) {
                    return None;
                }
                Some(match array.data_type() {
                    DataType::Int8 => array.as_primitive::<Int8Type>().value(i).to_string(),
                    DataType::Int16 => array.as_primitive::<Int16Type>().value(i).to_string(),
                    DataType::Int32 => array.as_primitive::<Int32Type>().value(i).to_string(),
                    DataType::Int64 => array.as_primitive::<Int64Type>().value(i).to_string(),
                    DataType::UInt8 => array.as_primitive::<UInt8Type>().value(i).to_string(),
                    DataType::UInt16 => array.as_primitive::<UInt16Type>().value(i).to_string(),
                    DataType::UInt32 => array.as_primitive::<UInt32Type>().value(i).to_string(),
                    // `InputBatch::of` admits no other type.
                    _ => array.as_primitive::<UInt64Type>().value(i).to_string(),
                })
            }
        }
    }
}

/// The columns `check_arrow` reads from one batch.
pub struct InputBatch<'a> {
    pub rows: usize,
    pub ids: IdColumn<'a>,
    pub zh: TextColumn<'a>,
    /// `None` when the batch has no `en` column: every document then holds
    /// both languages in `zh`.
    pub en: Option<TextColumn<'a>>,
}

impl<'a> InputBatch<'a> {
    /// Find and type-check the columns; the error says which column is
    /// missing or of what type it is.
    pub fn of(batch: &'a RecordBatch) -> Result<InputBatch<'a>, String> {
        let column = |name: &str| -> Result<&'a ArrayRef, String> {
            batch.column_by_name(name).ok_or_else(|| {
                let names: Vec<&str> = batch
                    .schema_ref()
                    .fields()
                    .iter()
                    .map(|f| f.name().as_str())
                    .collect();
                format!(
                    "the batch has no column {name:?} (it has {}); check_arrow reads \
                     the columns id, zh and the optional en",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                )
            })
        };
        let text = |name: &str, array: &'a ArrayRef| {
            TextColumn::of(array).ok_or_else(|| {
                format!(
                    "column {name:?} is of type {}, not a string type",
                    array.data_type()
                )
            })
        };
        let id = column("id")?;
        let ids = match id.data_type() {
            DataType::Null => IdColumn::Null,
            DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
            | DataType::UInt64 => IdColumn::Integer(id),
            _ => IdColumn::Text(TextColumn::of(id).ok_or_else(|| {
                format!(
                    "column \"id\" is of type {}, not a string or integer type",
                    id.data_type()
                )
            })?),
        };
        let zh = text("zh", column("zh")?)?;
        let en = match batch.column_by_name("en") {
            // A column of nothing but nulls (pandas' column of `None`s).
            Some(array) if array.data_type() == &DataType::Null => None,
            Some(array) => Some(text("en", array)?),
            None => None,
        };
        Ok(InputBatch {
            rows: batch.num_rows(),
            ids,
            zh,
            en,
        })
    }
}
