//! The keyword options every function takes (`segment`, `pairs`,
//! `min_confidence`), read into the library's types. Python's names and
//! values are those of the command line's `--segment`, `--pairs` and
//! `--min-confidence`, so a Python result equals the command line's with the
//! same options.

use clausealign::Options;
use clausealign::export::Granularity;
use clausealign::segment::SegmentMode;
use pyo3::PyResult;
use pyo3::exceptions::PyValueError;

/// What one call runs with: the analyzer's options and the granularity of
/// the pairs it reports.
#[derive(Clone, Debug)]
pub struct CallOptions {
    pub options: Options,
    pub granularity: Granularity,
}

impl CallOptions {
    /// Read the keyword values; a value outside its range is a `ValueError`
    /// naming the keyword and the values it takes.
    pub fn parse(segment: &str, pairs: &str, min_confidence: Option<f64>) -> PyResult<CallOptions> {
        let segment = match segment {
            "auto" => SegmentMode::Auto,
            "lines" => SegmentMode::Lines,
            other => {
                return Err(PyValueError::new_err(format!(
                    "segment must be \"auto\" or \"lines\", not {other:?}"
                )));
            }
        };
        let granularity = match pairs {
            "lines" => Granularity::Lines,
            "clauses" => Granularity::Clauses,
            other => {
                return Err(PyValueError::new_err(format!(
                    "pairs must be \"lines\" or \"clauses\", not {other:?}"
                )));
            }
        };
        let mut options = Options {
            segment,
            ..Options::default()
        };
        if let Some(min) = min_confidence {
            // `!(0..=1).contains` also rejects NaN.
            if !(0.0..=1.0).contains(&min) {
                return Err(PyValueError::new_err(format!(
                    "min_confidence must be between 0 and 1, not {min}"
                )));
            }
            options.check.min_confidence = min;
        }
        Ok(CallOptions {
            options,
            granularity,
        })
    }
}

/// The number of threads `check_arrow` runs on: at least one.
pub fn thread_count(threads: usize) -> PyResult<usize> {
    if threads == 0 {
        return Err(PyValueError::new_err("threads must be at least 1, not 0"));
    }
    Ok(threads)
}
