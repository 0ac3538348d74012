# Type stubs of the clausealign package (the implementation is in
# __init__.py and the native module _native; docstrings are there).
from typing import Any, Dict, Optional, overload

import pyarrow

__version__: str
SCHEMA: pyarrow.Schema
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
@overload
def check_arrow(
    batch: pyarrow.Table,
    *,
    segment: str = "auto",
    pairs: str = "lines",
    min_confidence: Optional[float] = None,
    threads: int = 1,
) -> pyarrow.Table: ...
@overload
def check_arrow(
    batch: pyarrow.RecordBatch,
    *,
    segment: str = "auto",
    pairs: str = "lines",
    min_confidence: Optional[float] = None,
    threads: int = 1,
) -> pyarrow.RecordBatch: ...
