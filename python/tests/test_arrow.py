"""check_arrow(): the fixed schema, one row out per row in, error rows,
input column types, threads, and equality with check() row by row."""

from __future__ import annotations

import clausealign
import pyarrow as pa
import pytest

from conftest import EXAMPLES

ZH = "我们将在15个工作日内删除您的个人信息。"
EN = "We will delete your personal information within 30 working days."

IDS = pa.list_(pa.int32())
FINDING = pa.struct(
    [
        pa.field("id", pa.string(), nullable=False),
        pa.field("kind", pa.string(), nullable=False),
        pa.field("severity", pa.string(), nullable=False),
        pa.field("confidence", pa.float64(), nullable=False),
        pa.field("zh", IDS, nullable=False),
        pa.field("en", IDS, nullable=False),
        pa.field("zh_line", pa.int32()),
        pa.field("en_line", pa.int32()),
        pa.field("zh_value", pa.string()),
        pa.field("en_value", pa.string()),
        pa.field("message", pa.string(), nullable=False),
    ]
)
PAIR = pa.struct(
    [
        pa.field("zh", IDS, nullable=False),
        pa.field("en", IDS, nullable=False),
        pa.field("score", pa.float64(), nullable=False),
        pa.field("zh_line", pa.int32()),
        pa.field("en_line", pa.int32()),
        pa.field("zh_text", pa.string()),
        pa.field("en_text", pa.string()),
    ]
)
EXPECTED_SCHEMA = pa.schema(
    [
        pa.field("id", pa.string()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("error", pa.string()),
        pa.field("shape", pa.string()),
        pa.field("zh_clause_count", pa.int32()),
        pa.field("en_clause_count", pa.int32()),
        pa.field("pair_count", pa.int32()),
        pa.field("finding_count", pa.int32()),
        pa.field("findings", pa.list_(FINDING)),
        pa.field("pairs", pa.list_(PAIR)),
    ]
)
EXPECTED_DDL = (
    "id STRING, status STRING NOT NULL, error STRING, shape STRING, "
    "zh_clause_count INT, en_clause_count INT, pair_count INT, finding_count INT, "
    "findings ARRAY<STRUCT<id: STRING NOT NULL, kind: STRING NOT NULL, severity: STRING NOT NULL, "
    "confidence: DOUBLE NOT NULL, zh: ARRAY<INT> NOT NULL, en: ARRAY<INT> NOT NULL, "
    "zh_line: INT, en_line: INT, zh_value: STRING, en_value: STRING, message: STRING NOT NULL>>, "
    "pairs ARRAY<STRUCT<zh: ARRAY<INT> NOT NULL, en: ARRAY<INT> NOT NULL, score: DOUBLE NOT NULL, "
    "zh_line: INT, en_line: INT, zh_text: STRING, en_text: STRING>>"
)


def batch(ids, zh, en=None, types=None):
    """A record batch of the columns id, zh and (when given) en."""
    types = types or {}
    columns = {"id": pa.array(ids, types.get("id")), "zh": pa.array(zh, types.get("zh", pa.string()))}
    if en is not None:
        columns["en"] = pa.array(en, types.get("en", pa.string()))
    return pa.record_batch(columns)


def test_schema_is_the_documented_one():
    assert clausealign.SCHEMA.equals(EXPECTED_SCHEMA, check_metadata=True)
    assert clausealign.SPARK_DDL == EXPECTED_DDL


def test_output_has_the_schema_and_one_row_per_input_row():
    out = clausealign.check_arrow(batch(["a", "b"], [ZH, ZH], [EN, None]))
    assert isinstance(out, pa.RecordBatch)
    assert out.schema.equals(EXPECTED_SCHEMA)
    assert out.num_rows == 2
    assert out.column("id").to_pylist() == ["a", "b"]


def test_a_row_holds_what_check_returns():
    out = clausealign.check_arrow(batch(["a"], [ZH], [EN])).to_pylist()[0]
    expected = clausealign.check(ZH, EN)
    assert out["status"] == "ok" and out["error"] is None
    assert out["shape"] == "two-files"
    assert out["zh_clause_count"] == 1 and out["en_clause_count"] == 1
    assert out["pair_count"] == 1 and out["finding_count"] == 1
    [finding] = out["findings"]
    assert finding == {
        "id": expected["findings"][0]["id"],
        "kind": "number",
        "severity": "error",
        "confidence": 0.9,
        "zh": [0],
        "en": [0],
        "zh_line": 1,
        "en_line": 1,
        "zh_value": "15个工作日内",
        "en_value": "30 working days",
        "message": expected["findings"][0]["message"],
    }
    [pair] = out["pairs"]
    assert pair["zh"] == [0] and pair["en"] == [0]
    assert pair["score"] == expected["pairs"][0]["score"]
    assert (pair["zh_text"], pair["en_text"]) == (ZH, EN)


def rows_equal_check(out_rows, inputs, **options):
    """Each ok row equals check() on its texts (findings, pairs, counts)."""
    for row, (zh, en) in zip(out_rows, inputs):
        expected = clausealign.check(zh, en, **options)
        assert row["status"] == "ok", row["error"]
        assert row["shape"] == expected["shape"]
        assert row["zh_clause_count"] == len(expected["clauses"]["zh"])
        assert row["en_clause_count"] == len(expected["clauses"]["en"])
        assert row["pair_count"] == len(expected["pairs"])
        assert row["finding_count"] == len(expected["findings"])
        for got, want in zip(row["findings"], expected["findings"]):
            assert got["id"] == want["id"]
            assert got["kind"] == want["kind"]
            assert got["severity"] == want["severity"]
            assert got["confidence"] == want["confidence"]
            assert (got["zh"], got["en"]) == (want["zh"], want["en"])
            assert got["zh_value"] == want.get("zh_value")
            assert got["en_value"] == want.get("en_value")
            assert got["message"] == want["message"]
            clauses = expected["clauses"]
            assert got["zh_line"] == (clauses["zh"][want["zh"][0]]["line"] if want["zh"] else None)
            assert got["en_line"] == (clauses["en"][want["en"][0]]["line"] if want["en"] else None)
        assert [(p["zh"], p["en"], p["score"]) for p in row["pairs"]] == [
            (p["zh"], p["en"], p["score"]) for p in expected["pairs"]
        ]


def test_every_fixture_row_equals_check(fixtures):
    inputs = [(zh, en) for _, zh, en in fixtures]
    demo = (EXAMPLES / "demo-drift.txt").read_text(encoding="utf-8")
    inputs.append((demo, None))
    out = clausealign.check_arrow(
        batch(list(range(len(inputs))), [zh for zh, _ in inputs], [en for _, en in inputs])
    )
    rows_equal_check(out.to_pylist(), inputs)
    everything = clausealign.check_arrow(
        batch(list(range(len(inputs))), [zh for zh, _ in inputs], [en for _, en in inputs]),
        min_confidence=0.0,
        pairs="clauses",
    )
    rows_equal_check(everything.to_pylist(), inputs, min_confidence=0.0, pairs="clauses")


def test_bad_documents_become_error_rows():
    zh_only = (EXAMPLES / "weiqun-privacy-zh.txt").read_text(encoding="utf-8")
    out = clausealign.check_arrow(
        batch(
            ["good", "empty", "null", "one-language", "binary", "swapped"],
            [ZH, "", None, zh_only, "\x00\x01\x02", EN],
            [EN, None, EN, None, None, ZH],
        )
    ).to_pylist()
    assert [r["status"] for r in out] == ["ok", "error", "error", "error", "error", "error"]
    assert out[1]["error"] == "<text>: the file is empty (no text to align)"
    assert out[2]["error"] == "zh is null: the row holds no document"
    assert out[3]["error"].startswith("no English text found in <text>")
    assert out[4]["error"].startswith("<text>: looks like a binary file")
    assert out[5]["error"] == "no Chinese text found in <zh>; it was given as the Chinese version"
    for row in out[1:]:
        assert row["findings"] is None and row["pairs"] is None
        assert row["shape"] is None and row["pair_count"] is None
    assert out[0]["error"] is None


def test_column_types():
    # Integer ids become text; large and view strings are read in place; a
    # missing en column means bilingual text.
    demo = (EXAMPLES / "demo-drift.txt").read_text(encoding="utf-8")
    for id_type in (pa.int64(), pa.int32(), pa.uint64(), pa.int8()):
        out = clausealign.check_arrow(batch([7, None], [ZH, ZH], [EN, EN], {"id": id_type}))
        assert out.column("id").to_pylist() == ["7", None]
    for text_type in (pa.large_string(), pa.string_view()):
        out = clausealign.check_arrow(batch(["x"], [ZH], [EN], {"zh": text_type, "en": text_type}))
        assert out.column("finding_count").to_pylist() == [1]
    no_en = clausealign.check_arrow(pa.record_batch({"id": ["d"], "zh": [demo]}))
    assert no_en.column("shape").to_pylist() == ["zh-then-en"]
    null_ids = clausealign.check_arrow(pa.record_batch({"id": pa.nulls(1), "zh": [demo]}))
    assert null_ids.column("id").to_pylist() == [None]
    null_en = clausealign.check_arrow(pa.record_batch({"id": ["d"], "zh": [demo], "en": pa.nulls(1)}))
    assert null_en.column("finding_count").to_pylist() == no_en.column("finding_count").to_pylist()


def test_extra_columns_are_ignored():
    rb = pa.record_batch({"url": ["https://example.com"], "id": ["x"], "en": [EN], "zh": [ZH]})
    assert clausealign.check_arrow(rb).column("finding_count").to_pylist() == [1]


@pytest.mark.parametrize(
    "columns,message",
    [
        ({"zh": [ZH]}, r'the batch has no column "id" \(it has zh\)'),
        ({"id": ["a"], "text": [ZH]}, r'the batch has no column "zh" \(it has id, text\)'),
        ({"id": ["a"], "zh": [1]}, r'column "zh" is of type Int64, not a string type'),
        ({"id": ["a"], "zh": [ZH], "en": [1.5]}, r'column "en" is of type Float64'),
        ({"id": [1.5], "zh": [ZH]}, r'column "id" is of type Float64, not a string or integer type'),
    ],
)
def test_a_batch_without_the_columns_is_a_value_error(columns, message):
    with pytest.raises(ValueError, match=message):
        clausealign.check_arrow(pa.record_batch(columns))


def test_bad_options_are_value_errors():
    rb = batch(["a"], [ZH], [EN])
    with pytest.raises(ValueError, match="threads must be at least 1, not 0"):
        clausealign.check_arrow(rb, threads=0)
    with pytest.raises(ValueError, match='segment must be "auto" or "lines"'):
        clausealign.check_arrow(rb, segment="paragraphs")
    with pytest.raises(OverflowError):
        clausealign.check_arrow(rb, threads=-1)


def test_threads_give_the_same_rows(fixtures):
    inputs = [(zh, en) for _, zh, en in fixtures] * 3
    rb = batch([str(i) for i in range(len(inputs))], [zh for zh, _ in inputs], [en for _, en in inputs])
    one = clausealign.check_arrow(rb)
    two = clausealign.check_arrow(rb, threads=2)
    assert one.equals(two)


def test_tables_give_tables_chunk_by_chunk():
    rb = batch(["a", "b"], [ZH, ""], [EN, None])
    table = pa.Table.from_batches([rb, rb, rb])
    out = clausealign.check_arrow(table)
    assert isinstance(out, pa.Table)
    assert out.schema.equals(EXPECTED_SCHEMA)
    assert out.column("status").to_pylist() == ["ok", "error"] * 3
    empty = clausealign.check_arrow(table.slice(0, 0))
    assert empty.num_rows == 0 and empty.schema.equals(EXPECTED_SCHEMA)


def test_an_empty_batch_gives_an_empty_batch():
    out = clausealign.check_arrow(batch([], [], [], {"id": pa.string()}))
    assert out.num_rows == 0
    assert out.schema.equals(EXPECTED_SCHEMA)
