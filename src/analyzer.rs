//! The library's front door: compare the Chinese and English versions of a
//! document in one call.
//!
//! [`compare`] takes strings and [`Options`]; an [`Analyzer`] holds the
//! options and the lexicon once and serves any number of documents, from any
//! number of threads (it is `Send + Sync` and never changes after it is
//! made). Both return a [`Comparison`]: the analysed document (clauses,
//! anchors, aligned pairs) and the findings of the check.
//!
//! ```
//! use clausealign::{Analyzer, Lang, Options};
//!
//! let analyzer = Analyzer::new(Options::default());
//! let result = analyzer
//!     .compare("我们将在15个工作日内删除您的信息。", Some("We will delete your information within 30 working days."))
//!     .unwrap();
//! assert_eq!(result.pairs().len(), 1);
//! let finding = &result.findings[0];
//! assert_eq!(finding.zh_value.as_deref(), Some("15个工作日内"));
//! assert_eq!(finding.en_value.as_deref(), Some("30 working days"));
//! assert_eq!(result.report.clauses(Lang::En).len(), 1);
//! ```

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

use crate::check::{self, Finding};
use crate::error::Error;
use crate::export::{self, Granularity, View};
use crate::input::{DocumentInput, ReadOptions};
use crate::lexicon::Lexicon;
use crate::model::{AlignedPair, Report};
use crate::pipeline::{self, Options};

/// Compare a Chinese and an English text (`en` given), or one text holding
/// both languages (`en` is `None`), with the built-in lexicon.
///
/// A shorthand for [`Analyzer::new`] and [`Analyzer::compare`]; to compare
/// many documents, make one [`Analyzer`] and reuse it.
///
/// ```
/// use clausealign::{FindingKind, Options};
///
/// let text = "1. 我们不会出售您的个人信息。\n\n1. We may sell your personal information.\n";
/// let result = clausealign::compare(text, None, &Options::default()).unwrap();
/// assert_eq!(result.findings.len(), 1);
/// assert_eq!(result.findings[0].kind, FindingKind::Negation);
/// ```
pub fn compare(zh: &str, en: Option<&str>, options: &Options) -> Result<Comparison, Error> {
    Analyzer::new(options.clone()).compare(zh, en)
}

/// The outcome of comparing one document: the analysed document and the
/// differences found between its two versions.
///
/// ```
/// use clausealign::{Lang, Severity};
///
/// let result = clausealign::compare(
///     "我们必须在30天内答复您的请求。",
///     Some("We may reply to your request within 30 days."),
///     &Default::default(),
/// )
/// .unwrap();
/// let finding = &result.findings[0];
/// assert_eq!(finding.severity, Severity::Error);
/// // Findings name clauses by their index in the report.
/// let zh = &result.report.clauses(Lang::Zh)[finding.zh[0]];
/// assert_eq!(zh.text, "我们必须在30天内答复您的请求。");
/// ```
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The analysed document: both sides' clauses and anchors, and the
    /// clause-level alignment.
    pub report: Report,
    /// The differences, in document order.
    pub findings: Vec<Finding>,
}

impl Comparison {
    /// The aligned pairs, clause by clause: every clause of both languages in
    /// exactly one pair.
    ///
    /// ```
    /// let result = clausealign::compare(
    ///     "我们收集您的电子邮件地址。",
    ///     Some("We collect your e-mail address."),
    ///     &Default::default(),
    /// )
    /// .unwrap();
    /// let pair = &result.pairs()[0];
    /// assert_eq!((pair.zh.as_slice(), pair.en.as_slice()), (&[0][..], &[0][..]));
    /// ```
    pub fn pairs(&self) -> &[AlignedPair] {
        &self.report.pairs
    }

    /// The comparison as the JSON object `check -f json` writes (the contract
    /// in docs/json.md), with pairs at the given granularity.
    ///
    /// ```
    /// use clausealign::export::Granularity;
    ///
    /// let result = clausealign::compare(
    ///     "我们收集您的电子邮件地址。",
    ///     Some("We collect your e-mail address."),
    ///     &Default::default(),
    /// )
    /// .unwrap();
    /// let json = result.to_json(Granularity::Lines);
    /// assert_eq!(json["clauses"]["en"][0]["text"], "We collect your e-mail address.");
    /// assert_eq!(json["findings"].as_array().unwrap().len(), 0);
    /// ```
    pub fn to_json(&self, granularity: Granularity) -> Value {
        export::json_value(&View::new(&self.report, &self.findings, granularity))
    }
}

/// The lexicon an [`Analyzer`] uses: the built-in one, or one handed in.
#[derive(Clone)]
enum LexiconSource {
    Builtin,
    Injected(Arc<Lexicon>),
}

/// Options and a lexicon, ready to compare any number of documents.
///
/// An analyzer never changes after it is made, so one analyzer can serve
/// many threads at once (`Send + Sync`), and cloning it is cheap.
///
/// ```
/// use std::sync::Arc;
/// use clausealign::{Analyzer, Options};
///
/// let analyzer = Arc::new(Analyzer::new(Options::default()));
/// let workers: Vec<_> = ["我们收集您的电子邮件地址。", "我们不会出售您的个人信息。"]
///     .into_iter()
///     .zip(["We collect your e-mail address.", "We do not sell your personal information."])
///     .map(|(zh, en)| {
///         let analyzer = Arc::clone(&analyzer);
///         std::thread::spawn(move || analyzer.compare(zh, Some(en)).unwrap().findings.len())
///     })
///     .collect();
/// for w in workers {
///     assert_eq!(w.join().unwrap(), 0);
/// }
/// ```
#[derive(Clone)]
pub struct Analyzer {
    lexicon: LexiconSource,
    options: Options,
}

impl fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lexicon = match &self.lexicon {
            LexiconSource::Builtin => "built-in",
            LexiconSource::Injected(_) => "injected",
        };
        f.debug_struct("Analyzer")
            .field("lexicon", &lexicon)
            .field("options", &self.options)
            .finish()
    }
}

impl Default for Analyzer {
    /// An analyzer with the default options and the built-in lexicon.
    fn default() -> Self {
        Analyzer::new(Options::default())
    }
}

impl Analyzer {
    /// An analyzer with the built-in lexicon (loaded on first use).
    ///
    /// ```
    /// use clausealign::{Analyzer, Options};
    /// use clausealign::segment::SegmentMode;
    ///
    /// let analyzer = Analyzer::new(Options { segment: SegmentMode::Lines, ..Options::default() });
    /// assert_eq!(analyzer.options().segment, SegmentMode::Lines);
    /// ```
    pub fn new(options: Options) -> Analyzer {
        Analyzer {
            lexicon: LexiconSource::Builtin,
            options,
        }
    }

    /// An analyzer with its own lexicon (a larger dictionary, or one tuned
    /// to a field), shared with whoever else holds it.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use clausealign::{Analyzer, Options};
    /// use clausealign::lexicon::Lexicon;
    ///
    /// let lexicon = Arc::new(Lexicon::builtin().clone());
    /// let analyzer = Analyzer::with_lexicon(Arc::clone(&lexicon), Options::default());
    /// assert!(std::ptr::eq(analyzer.lexicon(), &*lexicon));
    /// ```
    pub fn with_lexicon(lexicon: Arc<Lexicon>, options: Options) -> Analyzer {
        Analyzer {
            lexicon: LexiconSource::Injected(lexicon),
            options,
        }
    }

    /// The options this analyzer applies.
    ///
    /// ```
    /// let analyzer = clausealign::Analyzer::default();
    /// assert_eq!(analyzer.options().check.untranslated_run, 5);
    /// ```
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The lexicon this analyzer reads.
    ///
    /// ```
    /// let analyzer = clausealign::Analyzer::default();
    /// assert!(analyzer.lexicon().num_headwords() > 0);
    /// ```
    pub fn lexicon(&self) -> &Lexicon {
        match &self.lexicon {
            LexiconSource::Builtin => Lexicon::builtin(),
            LexiconSource::Injected(lexicon) => lexicon,
        }
    }

    /// Compare a Chinese and an English text (`en` given), or one text
    /// holding both languages (`en` is `None`). In messages and output the
    /// texts are named `<zh>` and `<en>`, or `<text>`.
    ///
    /// ```
    /// let analyzer = clausealign::Analyzer::default();
    /// let result = analyzer
    ///     .compare(
    ///         "如有任何问题，请发送邮件至 privacy@example.cn。",
    ///         Some("If you have any questions, please email privacy@example.com."),
    ///     )
    ///     .unwrap();
    /// assert_eq!(result.findings[0].en_value.as_deref(), Some("privacy@example.com"));
    /// ```
    pub fn compare(&self, zh: &str, en: Option<&str>) -> Result<Comparison, Error> {
        self.compare_input(&DocumentInput::from_texts(zh, en)?)
    }

    /// Compare a Chinese and an English file (`en` given), or one file
    /// holding both languages, read with the default [`ReadOptions`] (any
    /// supported encoding; the format told by the content, the extension as
    /// a hint). A pre-paired file (PO, XLIFF, TMX, CSV) is checked unit by
    /// unit, and [`Report::units`] says what the file says of each.
    ///
    /// ```
    /// let analyzer = clausealign::Analyzer::default();
    /// let result = analyzer.compare_files("data/examples/demo-drift.txt".as_ref(), None).unwrap();
    /// assert_eq!(result.findings.len(), 6);
    /// ```
    pub fn compare_files(&self, zh: &Path, en: Option<&Path>) -> Result<Comparison, Error> {
        self.compare_input(&DocumentInput::read(zh, en, &ReadOptions::default())?)
    }

    /// Compare a document read by the caller (with its own [`ReadOptions`],
    /// or from [`Source`](crate::input::Source)s it made).
    ///
    /// ```
    /// use clausealign::input::{DocumentInput, ReadOptions};
    ///
    /// let read = ReadOptions { max_bytes: 1 << 20, ..ReadOptions::default() };
    /// let input = DocumentInput::read_one("data/examples/demo-drift.txt".as_ref(), &read).unwrap();
    /// let result = clausealign::Analyzer::default().compare_input(&input).unwrap();
    /// assert_eq!(result.findings.len(), 6);
    /// ```
    pub fn compare_input(&self, input: &DocumentInput) -> Result<Comparison, Error> {
        let report = self.align_input(input)?;
        let findings = self.check(&report);
        Ok(Comparison { report, findings })
    }

    /// Align without checking: the analysed document of two texts (`en`
    /// given) or of one bilingual text.
    ///
    /// ```
    /// let report = clausealign::Analyzer::default()
    ///     .align("我们收集您的电子邮件地址。", Some("We collect your e-mail address."))
    ///     .unwrap();
    /// assert!(report.pairs[0].score > 0.9);
    /// ```
    pub fn align(&self, zh: &str, en: Option<&str>) -> Result<Report, Error> {
        self.align_input(&DocumentInput::from_texts(zh, en)?)
    }

    /// Align a document read by the caller, without checking.
    ///
    /// ```
    /// use clausealign::input::{DocumentInput, ReadOptions};
    ///
    /// let input = DocumentInput::read_one("data/examples/mhz-privacy.txt".as_ref(), &ReadOptions::default()).unwrap();
    /// let report = clausealign::Analyzer::default().align_input(&input).unwrap();
    /// assert!(report.pairs.len() > 50);
    /// ```
    pub fn align_input(&self, input: &DocumentInput) -> Result<Report, Error> {
        pipeline::analyze_with(input, &self.options, self.lexicon())
    }

    /// The findings of an analysed document, with this analyzer's check
    /// parameters.
    ///
    /// ```
    /// let analyzer = clausealign::Analyzer::default();
    /// let report = analyzer.align("我们必须在30天内答复。", Some("We may reply within 30 days.")).unwrap();
    /// assert_eq!(analyzer.check(&report).len(), 1);
    /// ```
    pub fn check(&self, report: &Report) -> Vec<Finding> {
        check::check(report, self.lexicon(), &self.options.check)
    }
}
