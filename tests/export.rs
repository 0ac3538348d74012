//! Tests of the export formats through the library: TMX parses as XML and
//! round-trips the texts, CSV round-trips awkward text, beads cover every
//! clause once.

use std::path::PathBuf;

#[path = "common/json_schema.rs"]
mod json_schema;

use clausealign::export::{self, Format, Granularity, View, WriteOptions};
use clausealign::input::{DocumentInput, ReadOptions};
use clausealign::{Analyzer, Finding, Report};

fn report(name: &str) -> Report {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name);
    let input = DocumentInput::read_one(&path, &ReadOptions::default()).expect("reads");
    Analyzer::default().align_input(&input).expect("analyses")
}

/// The seed policy with awkward characters written into some clause texts.
fn awkward_report() -> Report {
    let mut r = report("tests/data/en-then-zh.txt");
    let nasty = [
        "a, b; \"quoted\", 'single'",
        "line one\nline two\r\nline three",
        "<tag attr=\"x\">&amp; & < > </tag>",
        "控制\u{0}字符\u{1}\u{b}与\u{FFFE}表情😀",
    ];
    for (i, s) in nasty.iter().enumerate() {
        if let Some(c) = r.zh.clauses.get_mut(i) {
            c.text = format!("{s} 中文{i}");
        }
        if let Some(c) = r.en.clauses.get_mut(i) {
            c.text = format!("{s} english {i}");
        }
    }
    r
}

fn render(view: &View, format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    export::write(&mut out, view, format, WriteOptions::default()).expect("writes");
    out
}

fn side_text(ids: &[usize], clauses: &[clausealign::segment::Clause]) -> String {
    ids.iter()
        .map(|&i| clauses[i].text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What TMX keeps of a text: characters XML 1.0 allows.
fn xml_clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        })
        .collect()
}

#[test]
fn tmx_parses_and_round_trips() {
    let r = awkward_report();
    let findings: Vec<Finding> = Vec::new();
    for (granularity, segtype) in [
        (Granularity::Clauses, "sentence"),
        (Granularity::Lines, "paragraph"),
    ] {
        let view = View::new(&r, &findings, granularity);
        let xml = String::from_utf8(render(&view, Format::Tmx)).expect("UTF-8");
        let doc = roxmltree::Document::parse(&xml).expect("TMX is well-formed XML");
        let tmx = doc.root_element();
        assert_eq!(tmx.tag_name().name(), "tmx");
        assert_eq!(tmx.attribute("version"), Some("1.4"));
        let header = tmx
            .children()
            .find(|n| n.has_tag_name("header"))
            .expect("header");
        for attr in [
            "creationtool",
            "creationtoolversion",
            "o-tmf",
            "adminlang",
            "datatype",
        ] {
            assert!(header.attribute(attr).is_some(), "header lacks {attr}");
        }
        assert_eq!(header.attribute("segtype"), Some(segtype));
        assert_eq!(header.attribute("srclang"), Some("zh-CN"));
        let tus: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("tu")).collect();
        let expected: Vec<(String, String)> = view
            .pairs
            .iter()
            .filter(|p| !p.zh.is_empty() && !p.en.is_empty())
            .map(|p| {
                (
                    side_text(&p.zh, &r.zh.clauses),
                    side_text(&p.en, &r.en.clauses),
                )
            })
            .collect();
        assert_eq!(tus.len(), expected.len());
        assert!(tus.len() >= 4);
        for (tu, (zh, en)) in tus.iter().zip(&expected) {
            let mut segs = Vec::new();
            for tuv in tu.children().filter(|n| n.has_tag_name("tuv")) {
                let lang = tuv
                    .attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
                    .expect("xml:lang")
                    .to_string();
                let seg = tuv.children().find(|n| n.has_tag_name("seg")).expect("seg");
                segs.push((lang, seg.text().unwrap_or("").to_string()));
            }
            assert_eq!(
                segs,
                [
                    ("zh-CN".to_string(), xml_clean(zh)),
                    ("en".to_string(), xml_clean(en))
                ]
            );
        }
    }
}

#[test]
fn csv_round_trips_awkward_text() {
    let r = awkward_report();
    let findings: Vec<Finding> = Vec::new();
    let view = View::new(&r, &findings, Granularity::Clauses);
    for excel in [false, true] {
        let mut out = Vec::new();
        export::write(
            &mut out,
            &view,
            Format::Csv,
            WriteOptions {
                excel,
                ..WriteOptions::default()
            },
        )
        .unwrap();
        let body = if excel {
            assert!(out.starts_with("\u{FEFF}".as_bytes()));
            &out[3..]
        } else {
            &out[..]
        };
        let mut reader = csv::Reader::from_reader(body);
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, export::CSV_HEADER);
        let zh_col = header.iter().position(|h| h == "zh_text").unwrap();
        let en_col = header.iter().position(|h| h == "en_text").unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), view.pairs.len());
        for (row, p) in rows.iter().zip(&view.pairs) {
            assert_eq!(&row[zh_col], side_text(&p.zh, &r.zh.clauses));
            assert_eq!(&row[en_col], side_text(&p.en, &r.en.clauses));
        }
    }
}

/// Cells a spreadsheet would run as a formula get a leading `'` (OWASP), with
/// and without `--excel`; other cells are as they were.
#[test]
fn csv_cells_that_spreadsheets_would_run_are_neutralised() {
    let mut r = report("tests/data/en-then-zh.txt");
    let risky = ["=1+1", "+SUM(A1)", "-5", "@cmd", "\tx=1", "\rx=1"];
    for (i, s) in risky.iter().enumerate() {
        r.zh.clauses[i].text = format!("{s} 中文");
        r.en.clauses[i].text = format!("{s} english");
    }
    let findings: Vec<Finding> = Vec::new();
    let view = View::new(&r, &findings, Granularity::Clauses);
    for excel in [false, true] {
        let mut out = Vec::new();
        let opts = WriteOptions {
            color: false,
            excel,
            findings: false,
            width: None,
        };
        export::write(&mut out, &view, Format::Csv, opts).unwrap();
        let body = out.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(&out);
        let mut reader = csv::Reader::from_reader(body);
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let zh_col = header.iter().position(|h| h == "zh_text").unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let mut neutralised = 0;
        for (row, p) in rows.iter().zip(&view.pairs) {
            for cell in row.iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{cell:?} would run as a formula"
                );
            }
            let text = side_text(&p.zh, &r.zh.clauses);
            if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                assert_eq!(row[zh_col], format!("'{text}"));
                neutralised += 1;
            } else {
                assert_eq!(row[zh_col], text);
            }
        }
        assert!(neutralised >= risky.len(), "{neutralised}");
    }
}

#[test]
fn beads_cover_every_clause_once() {
    let r = report("data/examples/mhz-privacy.txt");
    let findings: Vec<Finding> = Vec::new();
    for granularity in [Granularity::Clauses, Granularity::Lines] {
        let view = View::new(&r, &findings, granularity);
        let text = String::from_utf8(render(&view, Format::Beads)).unwrap();
        let mut zh = Vec::new();
        let mut en = Vec::new();
        let mut one_sided = 0;
        for line in text.lines() {
            let (a, b) = line.split_once("]:[").expect("[..]:[..]");
            let parse = |s: &str| -> Vec<usize> {
                let s = s.trim_matches(|c| c == '[' || c == ']');
                if s.is_empty() {
                    Vec::new()
                } else {
                    s.split(", ").map(|n| n.parse().expect("index")).collect()
                }
            };
            let (za, eb) = (parse(a), parse(b));
            assert!(!(za.is_empty() && eb.is_empty()), "{line}");
            if za.is_empty() || eb.is_empty() {
                one_sided += 1;
            }
            zh.extend(za);
            en.extend(eb);
        }
        assert_eq!(text.lines().count(), view.pairs.len());
        assert_eq!(zh, (0..r.zh.clauses.len()).collect::<Vec<_>>());
        assert_eq!(en, (0..r.en.clauses.len()).collect::<Vec<_>>());
        let _ = one_sided;
    }
    // The exact shape of a line.
    let view = View::new(&r, &findings, Granularity::Clauses);
    let text = String::from_utf8(render(&view, Format::Beads)).unwrap();
    let first = &view.pairs[0];
    let fmt = |ids: &[usize]| {
        format!(
            "[{}]",
            ids.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    assert_eq!(
        text.lines().next().unwrap(),
        format!("{}:{}", fmt(&first.zh), fmt(&first.en))
    );
}

#[test]
fn cli_writes_tmx_and_beads() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/interleaved.txt");
    for (format, check) in [("tmx", "<tmx version=\"1.4\">"), ("beads", "]:[")] {
        let out = assert_cmd::Command::cargo_bin("clausealign")
            .expect("binary builds")
            .args(["check", "--format", format])
            .arg(&file)
            .output()
            .expect("runs");
        assert!(matches!(out.status.code(), Some(0 | 1)), "{format}");
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(text.contains(check), "{format}: {text}");
        if format == "tmx" {
            roxmltree::Document::parse(&text).expect("TMX is XML");
        }
    }
}

/// The HTML report parsed as XML (accepting its `<!DOCTYPE html>`).
fn parse_page(page: &str) -> roxmltree::Document<'_> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(page, opts).expect("the page is well-formed")
}

#[test]
fn html_report_escapes_text_and_shows_every_pair() {
    // Awkward text (markup, quotes, control characters) in the clauses and
    // real findings of a drifted policy: the page parses as XML, shows each
    // pair once with both texts intact, and marks the differing values.
    let r = awkward_report();
    let findings = Analyzer::default().check(&r);
    let view = View::new(&r, &findings, Granularity::Lines);
    let page = String::from_utf8(render(&view, Format::Html)).expect("UTF-8");
    assert!(!page.contains("<tag attr"), "clause markup must be escaped");
    let doc = parse_page(&page);
    let rows: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("tr") && n.attribute("id").is_some())
        .collect();
    assert_eq!(rows.len(), view.pairs.len());
    // Cell text without its line-number prefix.
    let cell_text = |cell: roxmltree::Node| -> String {
        cell.children()
            .filter(|c| !c.has_tag_name("span"))
            .map(|c| {
                c.descendants()
                    .filter(|d| d.is_text())
                    .map(|d| d.text().unwrap_or(""))
                    .collect::<String>()
            })
            .collect()
    };
    for (row, p) in rows.iter().zip(&view.pairs) {
        let cells: Vec<_> = row.children().filter(|c| c.has_tag_name("td")).collect();
        assert_eq!(cells.len(), 3);
        assert_eq!(
            cell_text(cells[1]),
            xml_clean(&side_text(&p.zh, &r.zh.clauses))
        );
        assert_eq!(
            cell_text(cells[2]),
            xml_clean(&side_text(&p.en, &r.en.clauses))
        );
    }

    let drift = report("data/examples/demo-drift.txt");
    let findings = Analyzer::default().check(&drift);
    let view = View::new(&drift, &findings, Granularity::Lines);
    let page = String::from_utf8(render(&view, Format::Html)).expect("UTF-8");
    let doc = parse_page(&page);
    let marks: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("mark"))
        .filter_map(|n| n.text())
        .collect();
    for value in [
        "15个工作日内",
        "30 working days",
        "privacy@example.cn",
        "privacy@example.com",
        "必须",
        "may",
    ] {
        assert!(marks.contains(&value), "{value} not marked in {marks:?}");
    }
    let listed = doc
        .descendants()
        .filter(|n| n.has_tag_name("table") && n.attribute("class") == Some("findings"))
        .flat_map(|t| t.descendants().filter(|n| n.has_tag_name("tr")))
        .count();
    assert_eq!(
        listed,
        findings.len() + 1,
        "one row per finding, plus the header"
    );
}

// ---------------------------------------------------------------------------
// SARIF: valid against the SARIF 2.1.0 schema (tests/data/sarif/).

fn sarif_schema() -> serde_json::Value {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif/sarif-2.1.0-rtm.5.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn sarif_errors(log: &serde_json::Value) -> Vec<String> {
    let schema = sarif_schema();
    let mut errors = Vec::new();
    json_schema::schema_errors(&schema, &schema, log, "", &mut errors);
    errors
}

#[test]
fn sarif_output_is_valid_against_the_schema() {
    // One bilingual file: both locations of a finding are regions of it.
    let drift = report("data/examples/demo-drift.txt");
    let findings = Analyzer::default().check(&drift);
    let view = View::new(&drift, &findings, Granularity::Lines);
    let log: serde_json::Value = serde_json::from_slice(&render(&view, Format::Sarif)).unwrap();
    assert_eq!(sarif_errors(&log), Vec::<String>::new());
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for (result, f) in results.iter().zip(&findings) {
        assert_eq!(result["ruleId"], f.kind.name());
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], f.kind.name());
        assert_eq!(
            result["partialFingerprints"]["clausealignFindingId/v1"],
            f.id.as_str()
        );
        assert_eq!(result["message"]["text"], f.message.as_str());
    }
    let negation = &results[0];
    assert_eq!(negation["ruleId"], "negation");
    assert_eq!(negation["level"], "error");
    let regions: Vec<(String, u64)> = negation["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let p = &l["physicalLocation"];
            (
                p["artifactLocation"]["uri"].as_str().unwrap().to_string(),
                p["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    let file = drift.zh.source.name.clone();
    assert_eq!(regions, [(file.clone(), 5), (file, 22)]);
    // An omission has one side: one location; a warning stays a warning.
    let omission = results.iter().find(|r| r["ruleId"] == "omission").unwrap();
    assert_eq!(omission["level"], "warning");
    assert_eq!(omission["locations"].as_array().unwrap().len(), 1);

    // Two files: each side's location is in its own file.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/check");
    let input = DocumentInput::read_two(
        &dir.join("faithful.zh.txt"),
        &dir.join("changed.en.txt"),
        &ReadOptions::default(),
    )
    .expect("reads");
    let two = Analyzer::default().align_input(&input).expect("analyses");
    let findings = Analyzer::default().check(&two);
    assert!(!findings.is_empty());
    let view = View::new(&two, &findings, Granularity::Lines);
    let log: serde_json::Value = serde_json::from_slice(&render(&view, Format::Sarif)).unwrap();
    assert_eq!(sarif_errors(&log), Vec::<String>::new());
    let uris: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["locations"].as_array().unwrap().len() == 2)
        .expect("a finding with both sides")["locations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            l["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris[0].ends_with("faithful.zh.txt") && uris[1].ends_with("changed.en.txt"),
        "{uris:?}"
    );

    // No findings is still a valid log, with its rules.
    let none: Vec<Finding> = Vec::new();
    let view = View::new(&drift, &none, Granularity::Lines);
    let log: serde_json::Value = serde_json::from_slice(&render(&view, Format::Sarif)).unwrap();
    assert_eq!(sarif_errors(&log), Vec::<String>::new());
}

#[test]
fn the_schema_check_rejects_broken_sarif() {
    // The checker is not vacuous: each of these breaks the schema.
    let drift = report("data/examples/demo-drift.txt");
    let findings = Analyzer::default().check(&drift);
    let view = View::new(&drift, &findings, Granularity::Lines);
    let good: serde_json::Value = serde_json::from_slice(&render(&view, Format::Sarif)).unwrap();
    type Breakage = fn(&mut serde_json::Value);
    let breakages: [(&str, Breakage); 5] = [
        ("no version", |v| {
            v.as_object_mut().unwrap().remove("version");
        }),
        ("a level SARIF lacks", |v| {
            v["runs"][0]["results"][0]["level"] = "fatal".into()
        }),
        ("line 0", |v| {
            v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
                0.into()
        }),
        ("an unknown property", |v| {
            v["runs"][0]["results"][0]["severity"] = "error".into()
        }),
        ("a message without text", |v| {
            v["runs"][0]["results"][0]["message"] = serde_json::json!({})
        }),
    ];
    for (what, breaks) in breakages {
        let mut bad = good.clone();
        breaks(&mut bad);
        assert!(
            !sarif_errors(&bad).is_empty(),
            "{what} passed the schema check"
        );
    }
}

// ---------------------------------------------------------------------------
// The HTML review page: filters, links both ways, marks, self-contained.

#[test]
fn html_review_page_links_filters_and_marks() {
    let drift = report("data/examples/demo-drift.txt");
    let findings = Analyzer::default().check(&drift);
    let view = View::new(&drift, &findings, Granularity::Lines);
    let page = String::from_utf8(render(&view, Format::Html)).expect("UTF-8");
    let doc = parse_page(&page);
    // Self-contained: no external script, style, image or link.
    for attr in ["src", "rel"] {
        assert!(
            doc.descendants().all(|n| n.attribute(attr).is_none()),
            "{attr}= in the page"
        );
    }
    assert!(!page.contains("http://") && !page.contains("https://"));
    let by_attr = |name: &str, value: &str| {
        doc.descendants()
            .filter(|n| n.attribute(name) == Some(value))
            .collect::<Vec<_>>()
    };
    // Each finding: a row with its kind and severity and confidence, whose
    // link goes to a pair holding a row of the finding that links back.
    for (n, f) in findings.iter().enumerate() {
        let row = by_attr("data-finding", &n.to_string());
        assert_eq!(row.len(), 1);
        let row = row[0];
        assert_eq!(row.attribute("data-kind"), Some(f.kind.name()));
        let cells: Vec<String> = row
            .children()
            .filter(|c| c.is_element())
            .map(|c| {
                c.descendants()
                    .filter(|d| d.is_text())
                    .filter_map(|d| d.text())
                    .collect()
            })
            .collect();
        assert_eq!(cells[3], format!("{:.2}", f.confidence));
        let to_pair = row
            .descendants()
            .find_map(|d| d.attribute("href"))
            .expect("a link to the pair");
        let pair_id = to_pair.strip_prefix('#').unwrap();
        assert_eq!(by_attr("id", pair_id).len(), 1, "{to_pair} exists");
        let back = format!("#f{n}");
        let under_pair = by_attr("data-pair", pair_id);
        assert!(
            under_pair
                .iter()
                .any(|r| r.descendants().any(|d| d.attribute("href") == Some(&back))),
            "pair {pair_id} links back to finding {n}"
        );
        assert_eq!(by_attr("id", &back[1..]).len(), 1, "{back} exists");
    }
    // A filter box per severity and per kind that occurs.
    let boxes: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("input"))
        .filter_map(|n| n.attribute("value"))
        .collect();
    assert_eq!(
        boxes,
        [
            "error", "warning", "info", "omission", "number", "contact", "entity", "negation",
            "modality"
        ]
    );
    assert_eq!(by_attr("id", "flagged-only").len(), 1);
    assert!(page.contains("<script>//<![CDATA["));

    // Markdown marks are not shown; an untranslated sentence inside a pair
    // is marked whole.
    let mut md = report("data/examples/demo-drift.txt");
    md.en.clauses[0].text = "## Example **App** Privacy [Policy](https://x.example/p)".into();
    let view = View::new(&md, &[], Granularity::Lines);
    let page = String::from_utf8(render(&view, Format::Html)).unwrap();
    assert!(page.contains("Example App Privacy Policy"), "{page}");
    assert!(!page.contains("x.example"));
    // A page without findings has no filters and no script.
    assert!(!page.contains("<script") && !page.contains("id=\"filters\""));

    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/check");
    let input = DocumentInput::read_two(
        &dir.join("faithful.zh.txt"),
        &dir.join("changed.en.txt"),
        &ReadOptions::default(),
    )
    .expect("reads");
    let two = Analyzer::default().align_input(&input).expect("analyses");
    let findings = Analyzer::default().check(&two);
    let view = View::new(&two, &findings, Granularity::Lines);
    let page = String::from_utf8(render(&view, Format::Html)).unwrap();
    let doc = parse_page(&page);
    let gap = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("gap"))
        .expect("an untranslated sentence is marked");
    let gap_text: String = gap
        .descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect();
    assert!(
        findings.iter().any(|f| f.kind.name() == "omission"
            && f.en.iter().any(|&i| two.en.clauses[i].text == gap_text)),
        "{gap_text}"
    );
}

#[test]
fn align_html_says_the_check_did_not_run() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/examples/demo-drift.txt");
    for (command, wanted, unwanted) in [
        ("align", "differences not checked", "0 findings"),
        ("check", "6 findings", "differences not checked"),
    ] {
        let out = assert_cmd::Command::cargo_bin("clausealign")
            .expect("binary builds")
            .args([command, "-f", "html"])
            .arg(&file)
            .output()
            .expect("runs");
        let page = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(page.contains(wanted), "{command}: {page}");
        assert!(!page.contains(unwanted), "{command}");
    }
}

/// The filters of the review page, run by Node.js on a stand-in for the
/// browser's DOM (`tests/data/html-report/filters.js`): each step of clicks
/// hides exactly the rows it should. The script throwing (a console error
/// in a browser) fails the test.
#[test]
fn html_filters_hide_the_right_rows() {
    use serde_json::{Value, json};
    let drift = report("data/examples/demo-drift.txt");
    let findings = Analyzer::default().check(&drift);
    let view = View::new(&drift, &findings, Granularity::Lines);
    let page = String::from_utf8(render(&view, Format::Html)).unwrap();
    let doc = parse_page(&page);
    let attrs = |n: roxmltree::Node| -> Value {
        Value::Object(
            n.attributes()
                .map(|a| (a.name().to_string(), json!(a.value())))
                .collect(),
        )
    };
    let inputs: Vec<Value> = doc
        .descendants()
        .filter(|n| n.has_tag_name("input"))
        .map(attrs)
        .collect();
    let rows: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("tr") && n.parent().is_some_and(|p| p.has_tag_name("tbody")))
        .collect();
    let script = page
        .split("//<![CDATA[")
        .nth(1)
        .and_then(|s| s.split("//]]>").next())
        .expect("the page has its script");
    // Each step sets boxes (by id or value) and fires a change.
    let steps = json!([
        {"flagged-only": true},
        {"error": false},
        {"error": true, "number": false, "flagged-only": false},
        {"flagged-only": true, "warning": false, "omission": false},
    ]);
    let input = json!({
        "script": script,
        "inputs": inputs,
        "rows": rows.iter().map(|&r| attrs(r)).collect::<Vec<_>>(),
        "steps": steps,
    });
    let harness =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/html-report/filters.js");
    let mut child = std::process::Command::new("node")
        .arg(&harness)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("Node.js runs (it is on the project's machines)");
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the script failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let states: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(states.len(), 5);

    // What each state must show, worked out here from the findings.
    let mut kinds_on: std::collections::BTreeSet<String> =
        findings.iter().map(|f| f.kind.name().to_string()).collect();
    let mut sevs_on: std::collections::BTreeSet<String> =
        ["error", "warning", "info"].map(String::from).into();
    let mut only = false;
    let finding_of_row = |r: &roxmltree::Node| -> Option<&Finding> {
        if let Some(n) = r.attribute("data-finding") {
            return findings.get(n.parse::<usize>().unwrap());
        }
        let back = r.descendants().find_map(|d| d.attribute("href"))?;
        findings.get(back.strip_prefix("#f")?.parse::<usize>().ok()?)
    };
    let sev_name = |f: &Finding| format!("{:?}", f.severity).to_lowercase();
    for (k, state) in states.iter().enumerate() {
        if k > 0 {
            for (key, on) in steps[k - 1].as_object().unwrap() {
                let on = on.as_bool().unwrap();
                let set = if ["error", "warning", "info"].contains(&key.as_str()) {
                    &mut sevs_on
                } else if key == "flagged-only" {
                    only = on;
                    continue;
                } else {
                    &mut kinds_on
                };
                if on {
                    set.insert(key.clone());
                } else {
                    set.remove(key);
                }
            }
        }
        let visible =
            |f: &Finding| kinds_on.contains(f.kind.name()) && sevs_on.contains(&sev_name(f));
        let hidden: Vec<bool> = state["hidden"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_bool().unwrap())
            .collect();
        let mut shown = 0;
        for (row, &is_hidden) in rows.iter().zip(&hidden) {
            let expected = match (row.attribute("id"), finding_of_row(row)) {
                (Some(pair), None) => {
                    only && !rows.iter().any(|r| {
                        r.attribute("data-pair") == Some(pair)
                            && finding_of_row(r).is_some_and(&visible)
                    })
                }
                (_, Some(f)) => !visible(f),
                (None, None) => panic!("a row that is neither pair nor finding"),
            };
            assert_eq!(is_hidden, expected, "state {k}: {:?}", row.attribute("id"));
            if row.attribute("data-finding").is_some() && !is_hidden {
                shown += 1;
            }
        }
        assert_eq!(state["shown"], shown.to_string(), "state {k}");
    }
    // The steps did hide something each time (the test is not vacuous).
    for state in &states[1..] {
        assert!(
            state["hidden"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h == true)
        );
    }
}
