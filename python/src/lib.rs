//! The native part of the Python package `clausealign` (`clausealign._native`):
//! module-level functions over the library facade, so that no object needs
//! pickling when an engine ships a function to its workers. Every function
//! releases the GIL while it works. The Python package (pysrc/clausealign)
//! re-exports these with `SCHEMA` and `SPARK_DDL`; docs/python.md is the
//! user's guide.

mod columns;
mod documents;
mod input;
mod options;
mod schema;
mod to_python;

use arrow_array::RecordBatch;
use arrow_pyarrow::{PyArrowType, ToPyArrow};
use clausealign::{Analyzer, Comparison};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

use crate::options::CallOptions;

/// mimalloc, as in the command line: the pipeline allocates and frees many
/// small vectors per clause (docs/performance.md). It serves this
/// extension's allocations only; Python keeps its own allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Align a Chinese and an English text without checking them: the JSON
/// object of `clausealign align -f json` (docs/json.md) as a dict, with
/// `findings` empty. `en=None`: `zh` holds both languages.
#[pyfunction]
#[pyo3(signature = (zh, en=None, *, segment="auto", pairs="lines"))]
fn align(
    py: Python<'_>,
    zh: String,
    en: Option<String>,
    segment: &str,
    pairs: &str,
) -> PyResult<Py<PyAny>> {
    let call = CallOptions::parse(segment, pairs, None)?;
    let json = py
        .detach(|| {
            let report = Analyzer::new(call.options).align(&zh, en.as_deref())?;
            let comparison = Comparison {
                report,
                findings: Vec::new(),
            };
            Ok::<_, clausealign::Error>(comparison.to_json(call.granularity))
        })
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(to_python::json_to_python(py, &json)?.unbind())
}

/// Check a Chinese and an English text: the JSON object of
/// `clausealign check -f json` (docs/json.md) as a dict. `en=None`: `zh`
/// holds both languages.
#[pyfunction]
#[pyo3(signature = (zh, en=None, *, segment="auto", pairs="lines", min_confidence=None))]
fn check(
    py: Python<'_>,
    zh: String,
    en: Option<String>,
    segment: &str,
    pairs: &str,
    min_confidence: Option<f64>,
) -> PyResult<Py<PyAny>> {
    let call = CallOptions::parse(segment, pairs, min_confidence)?;
    let json = py
        .detach(|| {
            Analyzer::new(call.options)
                .compare(&zh, en.as_deref())
                .map(|c| c.to_json(call.granularity))
        })
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(to_python::json_to_python(py, &json)?.unbind())
}

/// Check every row of a `pyarrow.RecordBatch` (columns `id`, `zh`, optional
/// `en`): one output row per input row, in the schema `output_schema()`
/// returns. A document that cannot be checked is a row with status "error".
#[pyfunction]
#[pyo3(signature = (batch, *, segment="auto", pairs="lines", min_confidence=None, threads=1))]
fn check_batch(
    py: Python<'_>,
    batch: PyArrowType<RecordBatch>,
    segment: &str,
    pairs: &str,
    min_confidence: Option<f64>,
    threads: usize,
) -> PyResult<PyArrowType<RecordBatch>> {
    let call = CallOptions::parse(segment, pairs, min_confidence)?;
    let threads = options::thread_count(threads)?;
    let batch = batch.0;
    let output = py.detach(|| -> Result<RecordBatch, PyErr> {
        let input = input::InputBatch::of(&batch).map_err(PyValueError::new_err)?;
        let analyzer = Analyzer::new(call.options);
        let outcomes = documents::check_rows(&input, &analyzer, call.granularity, threads)
            .map_err(PyRuntimeError::new_err)?;
        let ids = (0..input.rows).map(|i| input.ids.get(i)).collect();
        columns::output_batch(ids, &outcomes)
            .map_err(|e| PyRuntimeError::new_err(format!("cannot build the output batch: {e}")))
    })?;
    Ok(PyArrowType(output))
}

/// The output schema of `check_batch` as a `pyarrow.Schema`.
#[pyfunction]
fn output_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    schema::output_schema().as_ref().to_pyarrow(py)
}

/// The module. Its name is set by pyproject.toml (`clausealign._native`).
#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SPARK_DDL", schema::spark_ddl(&schema::output_schema()))?;
    m.add_function(wrap_pyfunction!(align, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(check_batch, m)?)?;
    m.add_function(wrap_pyfunction!(output_schema, m)?)?;
    Ok(())
}
