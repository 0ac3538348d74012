//! The fixed output schema of `check_arrow` (exported to Python as
//! `clausealign.SCHEMA`) and the same schema as a Spark DDL string
//! (`clausealign.SPARK_DDL`), derived from it so the two cannot drift.
//!
//! One output row per input row. The columns, in order (docs/python.md has
//! the table):
//!
//! | column | type | |
//! | --- | --- | --- |
//! | `id` | string | the input row's id, as text |
//! | `status` | string, not null | `ok` or `error` |
//! | `error` | string | why the document could not be checked; null when ok |
//! | `shape` | string | the layout (`zh-then-en`, `two-files`, ...); null on error |
//! | `zh_clause_count`, `en_clause_count`, `pair_count`, `finding_count` | int32 | null on error |
//! | `findings` | list<struct> | [`finding_fields`]; null on error |
//! | `pairs` | list<struct> | [`pair_fields`]; null on error |

use std::sync::{Arc, OnceLock};

use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef};

/// The type of a list of clause ids.
pub fn ids_type() -> DataType {
    // Nullable items named "item": what pyarrow's `pa.list_(pa.int32())` and
    // arrow-rs's list builders make, so schemas compare equal.
    DataType::List(Arc::new(Field::new("item", DataType::Int32, true)))
}

/// The fields of one finding: what the JSON contract's `findings[]` holds,
/// plus the 1-based input line of its first clause on each side.
pub fn finding_fields() -> Fields {
    Fields::from(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("kind", DataType::Utf8, false),
        Field::new("severity", DataType::Utf8, false),
        Field::new("confidence", DataType::Float64, false),
        Field::new("zh", ids_type(), false),
        Field::new("en", ids_type(), false),
        Field::new("zh_line", DataType::Int32, true),
        Field::new("en_line", DataType::Int32, true),
        Field::new("zh_value", DataType::Utf8, true),
        Field::new("en_value", DataType::Utf8, true),
        Field::new("message", DataType::Utf8, false),
    ])
}

/// The fields of one aligned pair: the JSON contract's `pairs[]`, plus each
/// side's first input line and its clauses' text (joined by a space, as
/// `-f jsonl` does); line and text are null for an empty side.
pub fn pair_fields() -> Fields {
    Fields::from(vec![
        Field::new("zh", ids_type(), false),
        Field::new("en", ids_type(), false),
        Field::new("score", DataType::Float64, false),
        Field::new("zh_line", DataType::Int32, true),
        Field::new("en_line", DataType::Int32, true),
        Field::new("zh_text", DataType::Utf8, true),
        Field::new("en_text", DataType::Utf8, true),
    ])
}

/// A list of structs with the given fields.
pub fn list_of(fields: Fields) -> DataType {
    DataType::List(Arc::new(Field::new("item", DataType::Struct(fields), true)))
}

/// The output schema, made once.
pub fn output_schema() -> SchemaRef {
    static SCHEMA: OnceLock<SchemaRef> = OnceLock::new();
    Arc::clone(SCHEMA.get_or_init(|| {
        Arc::new(Schema::new(vec![
            Field::new("id", DataType::Utf8, true),
            Field::new("status", DataType::Utf8, false),
            Field::new("error", DataType::Utf8, true),
            Field::new("shape", DataType::Utf8, true),
            Field::new("zh_clause_count", DataType::Int32, true),
            Field::new("en_clause_count", DataType::Int32, true),
            Field::new("pair_count", DataType::Int32, true),
            Field::new("finding_count", DataType::Int32, true),
            Field::new("findings", list_of(finding_fields()), true),
            Field::new("pairs", list_of(pair_fields()), true),
        ]))
    }))
}

/// A schema as a Spark DDL string (`id STRING, status STRING NOT NULL,
/// ...`), the form `mapInArrow` and `StructType.fromDDL` take.
pub fn spark_ddl(schema: &Schema) -> String {
    schema
        .fields()
        .iter()
        .map(|field| format!("{} {}", field.name(), spark_field_type(field)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A field's Spark type, with `NOT NULL` when it cannot be null.
fn spark_field_type(field: &Field) -> String {
    let ty = spark_type(field.data_type());
    if field.is_nullable() {
        ty
    } else {
        format!("{ty} NOT NULL")
    }
}

/// The Spark SQL name of an Arrow type. Only the types the output schema
/// uses are mapped; any other is a programming error caught by the tests,
/// which render the real schema.
fn spark_type(ty: &DataType) -> String {
    match ty {
        DataType::Utf8 => "STRING".to_string(),
        DataType::Int32 => "INT".to_string(),
        DataType::Float64 => "DOUBLE".to_string(),
        // Spark's ARRAY<T> allows null elements, as the item fields do.
        DataType::List(item) => format!("ARRAY<{}>", spark_type(item.data_type())),
        DataType::Struct(fields) => format!(
            "STRUCT<{}>",
            fields
                .iter()
                .map(|f| format!("{}: {}", f.name(), spark_field_type(f)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => unreachable!("no Spark type for {other} in the output schema"),
    }
}
