# Type stubs of the native module (python/src/lib.rs). Use the package
# `clausealign`, which re-exports these; check_batch is behind check_arrow.
from typing import Any, Dict, Optional

import pyarrow

__version__: str
SPARK_DDL: str

def align(
    zh: str,
    en: Optional[str] = None,
    *,
    segment: str = "auto",
    pairs: str = "lines",
) -> Dict[str, Any]: ...
def check(
    zh: str,
    en: Optional[str] = None,
    *,
    segment: str = "auto",
    pairs: str = "lines",
    min_confidence: Optional[float] = None,
) -> Dict[str, Any]: ...
def check_batch(
    batch: pyarrow.RecordBatch,
    *,
    segment: str = "auto",
    pairs: str = "lines",
    min_confidence: Optional[float] = None,
    threads: int = 1,
) -> pyarrow.RecordBatch: ...
def output_schema() -> pyarrow.Schema: ...
