//! Tests of clause segmentation.

use super::*;
use crate::split::whole_file;

fn seg(text: &str, lang: Lang) -> Vec<Clause> {
    let src = Source::from_text("t", text);
    let spans = whole_file(&src, lang).unwrap();
    segment(&src, &spans, lang, SegmentMode::Auto)
}

fn texts(cs: &[Clause]) -> Vec<&str> {
    cs.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn chinese_sentences_and_labels() {
    let cs = seg(
        "一、我们收集的信息\n我们仅收集必要的信息。若您不同意，请停止使用！\n1.1您主动提供的信息\n(1) 设备信息；软件信息。\n",
        Lang::Zh,
    );
    assert_eq!(
        texts(&cs),
        [
            "一、我们收集的信息",
            "我们仅收集必要的信息。",
            "若您不同意，请停止使用！",
            "1.1您主动提供的信息",
            "(1) 设备信息；",
            "软件信息。"
        ]
    );
    assert_eq!(cs[0].kind, ClauseKind::Heading);
    assert_eq!(cs[0].section, "1");
    assert_eq!(cs[3].section, "1.1");
    assert_eq!(cs[4].section, "1.1.1");
    assert_eq!(cs[4].body_text(), "设备信息；");
    assert_eq!(cs[1].line, 2);
}

#[test]
fn english_abbreviations_do_not_split() {
    let cs = seg(
        "We use cookies, e.g. session cookies, from Example Inc. and others. See No. 5 for details. Done.\n",
        Lang::En,
    );
    assert_eq!(
        texts(&cs),
        [
            "We use cookies, e.g. session cookies, from Example Inc. and others.",
            "See No. 5 for details.",
            "Done."
        ]
    );
    // A dotted abbreviation ends a hyphenated compound too.
    let cs = seg(
        "We follow the Swiss-U.S. Data Privacy Framework (Swiss-U.S. DPF) of the U.S. Department of Commerce. Done.\n",
        Lang::En,
    );
    assert_eq!(
        texts(&cs),
        [
            "We follow the Swiss-U.S. Data Privacy Framework (Swiss-U.S. DPF) of the U.S. Department of Commerce.",
            "Done."
        ]
    );
    // A bold lead-in ends where its period and closing marks end.
    let cs = seg(
        "__Your privacy.__ We value it. He said \"stop.\" Then left.\n",
        Lang::En,
    );
    assert_eq!(
        texts(&cs),
        [
            "__Your privacy.__",
            "We value it.",
            "He said \"stop.\"",
            "Then left."
        ]
    );
    let cs = seg("__您的隐私。__ 我们重视您的隐私。\n", Lang::Zh);
    assert_eq!(texts(&cs), ["__您的隐私。__", "我们重视您的隐私。"]);
    // "No." abbreviates "number" only before one: an answer ends there.
    let cs = seg(
        "Q: Do you sell data? A: No. We never sell it. See Nos. 4 and 5, No.#6.\n",
        Lang::En,
    );
    assert_eq!(
        texts(&cs),
        [
            "Q: Do you sell data?",
            "A: No.",
            "We never sell it.",
            "See Nos. 4 and 5, No.#6."
        ]
    );
}

#[test]
fn joins_hard_wrapped_lines() {
    let en = "1. Definition\n\n“Agreement” refers to the terms and conditions defined in this Yi Series Models\nCommunity License Agreement for the use, reproduction and distribution of Yi\nSeries Models.\n\n“Model” refers to associated components (including checkpoints) developed based\non machine learning, including learned weights and parameters (including the\nstatus of optimizer).\n";
    let cs = seg(en, Lang::En);
    assert_eq!(cs.len(), 3);
    assert_eq!((cs[1].line, cs[1].end_line), (3, 5));
    assert!(cs[1].text.contains("of Yi Series Models."));
    let zh = "(1) 为订立、履行个人作为一方当事人的合同所必需,或者按照依法制定的劳动规章制度和\n\n依法签订的集体合同实施人力资源管理所必需;\n\n(2) 为履行法定职责或者法定义务所必需;\n";
    let cs = seg(zh, Lang::Zh);
    assert_eq!(cs.len(), 2);
    assert!(cs[0].text.contains("劳动规章制度和依法签订的"));
    assert_eq!((cs[0].line, cs[0].end_line), (1, 3));
}

#[test]
fn one_paragraph_per_line_is_not_joined() {
    let cs = seg(
        "数据的收集与存储\n我们收集的个人数据用于改善用户体验\n- IP地址:您访问本网站时使用的IP地址。\n",
        Lang::Zh,
    );
    assert_eq!(cs.len(), 3);
    let cs = seg(
        "Welcome to MHZ AI/MHZ Official Website\n(hereinafter referred to as “we”)! We value your privacy.\n",
        Lang::En,
    );
    assert_eq!(texts(&cs)[0], "Welcome to MHZ AI/MHZ Official Website");
}

#[test]
fn lines_mode_keeps_lines() {
    let src = Source::from_text("t", "First. Second.\n\nThird\n");
    let spans = whole_file(&src, Lang::En).unwrap();
    let cs = segment(&src, &spans, Lang::En, SegmentMode::Lines);
    assert_eq!(texts(&cs), ["First. Second.", "Third"]);
    assert_eq!(cs[1].line, 3);
}

#[test]
fn section_paths_follow_numbering() {
    let cs = seg(
        "引言\n1、安全可靠\n一、收集\n（一）来源\n1. 您提供的\n(1) 注册\n①日志\n（二）类型\n二、使用\n",
        Lang::Zh,
    );
    let secs: Vec<&str> = cs.iter().map(|c| c.section.as_str()).collect();
    assert_eq!(
        secs,
        [
            "",
            "1",
            "1",
            "1.1",
            "1.1.1",
            "1.1.1.1",
            "1.1.1.1.1",
            "1.2",
            "2"
        ]
    );
    let cs = seg(
        "I. Info\n\n1.1 Scope\n\n2.2.1 Detail\n\nII. Use\n",
        Lang::En,
    );
    let secs: Vec<&str> = cs.iter().map(|c| c.section.as_str()).collect();
    assert_eq!(secs, ["1", "1.1", "2.2.1", "2"]);
}

#[test]
fn spans_slice_the_file() {
    let text = "\u{FEFF}第一句。第二句。\r\nSecond line.\r\n";
    let src = crate::input::decode("t", text.as_bytes(), crate::input::Format::Text).unwrap();
    let spans = whole_file(&src, Lang::Zh).unwrap();
    let cs = segment(&src, &spans, Lang::Zh, SegmentMode::Auto);
    for c in &cs {
        assert_eq!(normalize(&text[c.start..c.end]), c.text);
    }
    assert_eq!(cs[2].line, 2);
}
