"""Check whether the Chinese and English versions of a policy say the same thing.

Strings:

- ``align(zh, en=None, *, segment="auto", pairs="lines")``: the aligned clauses
  of a document, without checking.
- ``check(zh, en=None, *, segment="auto", pairs="lines", min_confidence=None)``:
  the aligned clauses and the findings (differing numbers, dates, contacts,
  names, negation, modality, omissions).

Both return the JSON object of ``clausealign check -f json`` (the contract in
docs/json.md) as plain dicts and lists. ``en=None`` means ``zh`` holds both
languages. A text that cannot be analysed raises ``ValueError`` with the
library's message.

Tables (needs pyarrow):

- ``check_arrow(batch, *, ..., threads=1)``: one output row per input row of a
  ``pyarrow.RecordBatch`` or ``pyarrow.Table`` with the columns ``id``, ``zh``
  and the optional ``en``, in the fixed schema ``SCHEMA`` (also as the Spark
  DDL string ``SPARK_DDL``). A document that cannot be checked becomes a row
  with ``status == "error"`` and the message in ``error``.

Every function is module-level (nothing to pickle for an engine's workers),
releases the GIL while it works, and runs on the calling thread unless
``threads`` asks for more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

from clausealign import _native
from clausealign._native import SPARK_DDL, __version__, align, check

if TYPE_CHECKING:
    import pyarrow

__all__ = [
    "SCHEMA",
    "SPARK_DDL",
    "__version__",
    "align",
    "check",
    "check_arrow",
]


def check_arrow(
    batch: Union["pyarrow.RecordBatch", "pyarrow.Table"],
    *,
    segment: str = "auto",
    pairs: str = "lines",
    min_confidence: Optional[float] = None,
    threads: int = 1,
) -> Union["pyarrow.RecordBatch", "pyarrow.Table"]:
    """Check every document of a batch: one output row per input row, in order.

    ``batch`` is a ``pyarrow.RecordBatch`` (or any object with
    ``__arrow_c_array__``) or a ``pyarrow.Table`` (what Ray Data's
    ``map_batches(..., batch_format="pyarrow")`` hands over). It must have the
    columns ``id`` (string or integer), ``zh`` (string) and may have ``en``
    (string, nullable: a null ``en`` means ``zh`` holds both languages); other
    columns are ignored. The result is of the same kind (a RecordBatch for a
    RecordBatch, a Table for a Table) in the schema ``SCHEMA``; join it back
    to the input on ``id``.

    A document that cannot be analysed (empty, one language only, a null
    ``zh``) gives a row with ``status == "error"`` and the message in
    ``error``; it never stops the batch. A batch without the needed columns
    raises ``ValueError``.

    ``threads`` (default 1) checks the rows on that many threads of a pool
    made for this call; leave it at 1 when the engine already runs one task
    per core. ``segment``, ``pairs`` and ``min_confidence`` are as for
    ``check``.
    """
    pa = _pyarrow("check_arrow")
    options = dict(segment=segment, pairs=pairs, min_confidence=min_confidence, threads=threads)
    if isinstance(batch, pa.Table):
        checked = [_native.check_batch(b, **options) for b in batch.to_batches()]
        return pa.Table.from_batches(checked, schema=_native.output_schema())
    return _native.check_batch(batch, **options)


def _pyarrow(needed_by: str) -> Any:
    try:
        import pyarrow
    except ImportError as e:
        raise ImportError(f"clausealign.{needed_by} needs pyarrow: pip install pyarrow") from e
    return pyarrow


def __getattr__(name: str) -> Any:
    # SCHEMA is made on first use, so that `import clausealign` works (for
    # align and check) where pyarrow is not installed.
    if name == "SCHEMA":
        _pyarrow("SCHEMA")
        schema = _native.output_schema()
        globals()["SCHEMA"] = schema
        return schema
    raise AttributeError(f"module 'clausealign' has no attribute {name!r}")
