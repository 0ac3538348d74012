//! Tests of the lexicon: parsing, segmentation, the English side, and the
//! built-in data (and that it is the data files, indexed).

use std::borrow::Cow;

use super::*;

const MAIN: &str = "# comment\n\
    我们\twe\n\
    不会\tunlik\n\
    出售\tsell offer\n\
    个人\tindividu person\n\
    信息\tinform news messag\n\
    个人信息\tperson inform\n\
    您\tyou\n\
    的\tof\n\
    研究\tresearch studi\n\
    研究生\tgraduat student\n\
    生命\tlife\n\
    起源\torigin\n\
    命\tlife fate\n\
    bad line without tab\n";
const SUPP: &str = "出售\tsale\n第三方\tthird parti\n";
const ENT: &str = "微软\tMicrosoft|Microsoft Corporation\n欧盟\tEuropean Union|EU\n";

fn small() -> Lexicon {
    Lexicon::from_tsv(MAIN, SUPP, ENT)
}

fn words<'a>(lex: &Lexicon, text: &'a str) -> Vec<&'a str> {
    segment_zh(lex, text)
        .into_iter()
        .map(|w| &text[w.start..w.end])
        .collect()
}

fn stems_of(lex: &Lexicon, zh: &str) -> Vec<String> {
    lex.translations(zh)
        .unwrap_or(&[])
        .iter()
        .map(|&s| lex.stem_str(s).to_string())
        .collect()
}

#[test]
fn parse_small_and_merge_supplement() {
    let lex = small();
    assert_eq!(stems_of(&lex, "出售"), ["sell", "offer", "sale"]);
    assert_eq!(stems_of(&lex, "第三方"), ["third", "parti"]);
    assert!(lex.translations("个").is_none(), "prefix only");
    assert!(lex.translations("不存在").is_none());
    assert_eq!(lex.max_word_chars(), 4);
    assert!(lex.stem_id("sell").is_some());
    assert!(lex.stem_id("nonexistent").is_none());
    // Entities become words with the stems of their names.
    assert_eq!(
        lex.entity_names("微软"),
        Some(&["Microsoft".to_string(), "Microsoft Corporation".to_string()][..])
    );
    assert_eq!(stems_of(&lex, "微软"), ["microsoft", "corpor"]);
    assert_eq!(stems_of(&lex, "欧盟"), ["european", "union", "eu"]);
    assert_eq!(lex.entities().count(), 2);
    assert!(lex.entity_names("出售").is_none());
    assert_eq!(lex.num_entities(), 2);
    assert!(lex.headwords().any(|(w, _)| w == "研究生"));
}

#[test]
fn empty_and_garbage_input() {
    let lex = Lexicon::from_tsv("", "\t\n\tx\nx\t\n", "a\t|\n");
    assert_eq!(lex.num_headwords(), 0);
    assert!(segment_zh(&lex, "").is_empty());
    let ws = segment_zh(&lex, "中文");
    assert_eq!(ws.len(), 2);
    assert!(ws.iter().all(|w| w.translations.is_none()));
}

#[test]
fn segmentation_small() {
    let lex = small();
    assert_eq!(
        words(&lex, "我们不会出售您的个人信息。"),
        ["我们", "不会", "出售", "您", "的", "个人信息"]
    );
    assert_eq!(words(&lex, "研究生命起源"), ["研究", "生命", "起源"]);
    let text = "微软 Windows 10、iOS和3.5版本.";
    let ws = segment_zh(&lex, text);
    let got: Vec<(&str, ZhWordKind)> = ws.iter().map(|w| (w.text(text), w.kind)).collect();
    assert_eq!(
        got,
        [
            ("微软", ZhWordKind::Han),
            ("Windows", ZhWordKind::Latin),
            ("10", ZhWordKind::Number),
            ("iOS", ZhWordKind::Latin),
            ("和", ZhWordKind::Han),
            ("3.5", ZhWordKind::Number),
            ("版", ZhWordKind::Han),
            ("本", ZhWordKind::Han),
        ]
    );
    assert!(ws[4].stop && ws[4].translations.is_none());
}

#[test]
fn english_tokens() {
    let toks = en_tokens("Don't sell users' data, e.g. IP-addresses.");
    let text = "Don't sell users' data, e.g. IP-addresses.";
    let got: Vec<(&str, &str, bool)> = toks
        .iter()
        .map(|t| (&text[t.start..t.end], t.stem.as_str(), t.stop))
        .collect();
    assert_eq!(
        got,
        [
            ("Don't", "don't", true),
            ("sell", "sell", false),
            ("users", "user", false),
            ("data", "data", false),
            ("e", "e", true),
            ("g", "g", true),
            ("IP", "ip", false),
            ("addresses", "address", false),
        ]
    );
    let toks = en_tokens("The Company’s 2 licences, 1999");
    let stems: Vec<&str> = toks.iter().map(|t| t.stem.as_str()).collect();
    assert_eq!(stems, ["the", "compani", "2", "licenc", "1999"]);
    assert!(toks[2].numeric && !toks[2].stop);
    assert!(en_tokens("  --  ").is_empty());
    assert_eq!(en_tokens("naïve Über")[1].stem, stem_en("über"));
}

#[test]
fn stemming_and_stopwords() {
    assert_eq!(stem_en("selling"), "sell");
    assert_eq!(stem_en("information"), "inform");
    assert_eq!(stem_en("parties"), "parti");
    assert!(is_en_stopword("the"));
    assert!(is_en_stopword("shall"));
    assert!(is_en_stopword("don’t"));
    assert!(!is_en_stopword("data"));
    assert!(is_zh_stopword("的"));
    assert!(is_zh_stopword("我们"));
    assert!(!is_zh_stopword("出售"));
    assert!(!is_zh_stopword("信息"));
    let lex = small();
    assert_eq!(lex.en_word_id("Selling"), lex.stem_id("sell"));
}

#[test]
fn irregular_forms_stem_as_their_word() {
    assert_eq!(stem_en("sold"), "sell");
    assert_eq!(stem_en("forbidden"), stem_en("forbid"));
    assert_eq!(stem_en("children"), "child");
    assert_eq!(stem_en("borne"), "bear");
    // Forms that are other words too, and those of light verbs, stay.
    assert_eq!(stem_en("found"), "found");
    assert_eq!(stem_en("made"), "made");
    // The built-in lexicon was stemmed so: 出售 "to sell" reads "sold".
    let lex = Lexicon::builtin();
    let sold = lex.en_word_id("sold").expect("a known stem");
    assert!(lex.translations("出售").unwrap().contains(&sold));
}

#[test]
fn stopword_lists_are_sorted() {
    // is_zh_stopword / is_en_stopword binary-search these lists.
    assert!(crate::words::ZH_STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    assert!(
        crate::words::LEXICON_EN_STOPWORDS
            .windows(2)
            .all(|w| w[0] < w[1])
    );
    assert!(crate::words::ZH_STOPWORDS.iter().all(|w| is_zh_stopword(w)));
    assert!(
        crate::words::LEXICON_EN_STOPWORDS
            .iter()
            .all(|w| is_en_stopword(w))
    );
    assert!(!is_zh_stopword("") && !is_en_stopword(""));
}

#[test]
fn repeated_unsorted_and_crlf_input() {
    // Unsorted, a repeated headword, CRLF line ends, tabs between stems.
    let main = "个人信息\tperson inform\r\n个人\tindividu\r\n个人\tperson\tprivat\r\n";
    let lex = Lexicon::from_tsv(main, "", "");
    assert_eq!(lex.num_headwords(), 2);
    assert_eq!(stems_of(&lex, "个人"), ["individu", "person", "privat"]);
    assert_eq!(lex.headwords().count(), 2);
    assert_eq!(words(&lex, "个人信息个人"), ["个人信息", "个人"]);
}

#[test]
fn large_input_parsed_in_two_halves() {
    // Over 256 KB, so that `from_tsv` parses the halves on two threads
    // and merges them; a repeated headword spans both halves.
    let hw = |i: u32| -> String {
        [0x4E00 + i / 150, 0x4E00 + 3000 + i % 150]
            .iter()
            .filter_map(|&c| char::from_u32(c))
            .collect()
    };
    let n = 30_000u32;
    let mut main = String::new();
    for i in 0..n {
        main.push_str(&format!("{}\ts{} t{} u{}\n", hw(i), i % 977, i % 7, i));
    }
    main.push_str(&format!("{}\tlast\n", hw(5)));
    assert!(main.len() > 1 << 18);
    let lex = Lexicon::from_tsv(&main, "", "");
    assert_eq!(lex.num_headwords(), n as usize);
    for i in (0..n).step_by(7) {
        let mut want = vec![
            format!("s{}", i % 977),
            format!("t{}", i % 7),
            format!("u{i}"),
        ];
        if i == 5 {
            want.push("last".to_string());
        }
        assert_eq!(stems_of(&lex, &hw(i)), want, "headword {i}");
    }
    let text = format!("{}{}{}", hw(10), hw(29_999), hw(15_000));
    assert_eq!(words(&lex, &text), [hw(10), hw(29_999), hw(15_000)]);
    assert_eq!(lex.num_stems(), 977 + 7 + n as usize + 1);
}

#[test]
fn symbols() {
    let lex = Lexicon::from_tsv("增长\tgrowth increas\n", "%\tper cent percent\n", "");
    let text = "增长15%，见§2";
    let ws = segment_zh(&lex, text);
    let got: Vec<(&str, ZhWordKind)> = ws.iter().map(|w| (w.text(text), w.kind)).collect();
    assert_eq!(
        got,
        [
            ("增长", ZhWordKind::Han),
            ("15", ZhWordKind::Number),
            ("%", ZhWordKind::Symbol),
            ("见", ZhWordKind::Han),
            ("2", ZhWordKind::Number),
        ]
    );
    assert_eq!(ws[2].translations.map(<[StemId]>::len), Some(3));
}

#[test]
fn english_token_ids() {
    let lex = small();
    let text = "We never sell Personal Information to 3 parties.";
    let ids = lex.en_token_ids(text);
    let toks = en_tokens(text);
    assert_eq!(ids.len(), toks.len());
    for (i, t) in ids.iter().zip(&toks) {
        assert_eq!(
            (i.start, i.end, i.stop, i.numeric),
            (t.start, t.end, t.stop, t.numeric)
        );
        assert_eq!(
            i.stem,
            if t.numeric {
                None
            } else {
                lex.stem_id(&t.stem)
            }
        );
    }
    assert_eq!(ids[2].stem, lex.stem_id("sell"));
    assert_eq!(ids[4].stem, lex.stem_id("inform"));
    assert_eq!(ids[7].stem, lex.stem_id("parti"));
}

// ----- tests on the built-in data -----

/// The data files of the built-in lexicon.
const MAIN_TSV: &str = include_str!("../../data/lexicon/zh-en.tsv");
const SUPPLEMENT_TSV: &str = include_str!("../../data/lexicon/supplement.tsv");
const ENTITIES_TSV: &str = include_str!("../../data/lexicon/entities.tsv");

#[test]
fn builtin_is_from_tsv_of_the_same_files() {
    let built = Lexicon::builtin();
    let parsed = Lexicon::from_tsv(MAIN_TSV, SUPPLEMENT_TSV, ENTITIES_TSV);
    // The built-in tables are borrowed from the binary, not parsed.
    assert!(matches!(built.tables.trans, Cow::Borrowed(_)));
    assert!(matches!(built.tables.words.slots, Cow::Borrowed(_)));
    assert!(built.tables == parsed.tables, "the tables differ");
    assert_eq!(built.num_headwords(), parsed.num_headwords());
    assert_eq!(built.num_stems(), parsed.num_stems());
    assert_eq!(built.num_entities(), parsed.num_entities());
    assert_eq!(built.max_word_chars(), parsed.max_word_chars());
    // Every headword translates the same, to the same stem ids.
    assert!(built.headwords().eq(parsed.headwords()));
    for (word, trans) in parsed.headwords() {
        assert_eq!(built.translations(word), Some(trans), "{word}");
    }
    for id in 0..parsed.num_stems() as StemId {
        let stem = parsed.stem_str(id);
        assert_eq!(built.stem_str(id), stem);
        assert_eq!(built.stem_id(stem), Some(id));
    }
    assert!(built.entities().eq(parsed.entities()));
    for (zh, names) in parsed.entities() {
        assert_eq!(built.entity_names(zh), Some(names), "{zh}");
    }
    // Segmentation and English token ids of a sample.
    let sample = include_str!("../../data/examples/mhz-privacy.txt");
    for line in sample.lines() {
        assert_eq!(segment_zh(built, line), segment_zh(&parsed, line), "{line}");
        assert_eq!(
            built.en_token_ids(line),
            parsed.en_token_ids(line),
            "{line}"
        );
    }
}

/// `image` copied into a leaked buffer, `shift` bytes past an 8-byte
/// boundary.
fn leaked_at(image: &[u8], shift: usize) -> &'static [u8] {
    let buf: &'static mut [u8] = Box::leak(vec![0u8; image.len() + 16].into_boxed_slice());
    let off = buf.as_ptr().align_offset(8) + shift;
    let dst = &mut buf[off..off + image.len()];
    dst.copy_from_slice(image);
    dst
}

#[test]
fn image_round_trip() {
    let lex = small();
    let image = blob::write(lex.tables.clone());
    let aligned = blob::read(leaked_at(&image, 0)).expect("reads");
    assert!(aligned == lex.tables);
    assert_eq!(
        matches!(aligned.trans, Cow::Borrowed(_)),
        cfg!(target_endian = "little")
    );
    // Misaligned tables are decoded into owned ones.
    let shifted = blob::read(leaked_at(&image, 1)).expect("reads");
    assert!(shifted == lex.tables);
    assert!(matches!(shifted.trans, Cow::Owned(_)));
    let lex = Lexicon::with_tables(shifted);
    assert_eq!(words(&lex, "研究生命起源"), ["研究", "生命", "起源"]);
    assert_eq!(stems_of(&lex, "出售"), ["sell", "offer", "sale"]);
    assert_eq!(lex.entity_names("欧盟").map(<[String]>::len), Some(2));
    // Damaged images are refused.
    assert!(blob::read(leaked_at(&image[..image.len() - 8], 0)).is_err());
    assert!(blob::read(leaked_at(&[image.as_slice(), &[0; 8]].concat(), 0)).is_err());
    assert!(blob::read(leaked_at(b"CALEXI00 older version", 0)).is_err());
}

fn has(lex: &Lexicon, zh: &str, en_word: &str) -> bool {
    let stem = stem_en(&en_word.to_lowercase());
    lex.translations(zh)
        .is_some_and(|t| t.iter().any(|&s| lex.stem_str(s) == stem))
}

#[test]
fn builtin_lexicon() {
    let lex = Lexicon::builtin();
    assert!(lex.num_headwords() > 100_000);
    assert!(lex.max_word_chars() >= 8);
    assert!(has(lex, "出售", "sell"));
    assert!(has(lex, "签署", "sign"));
    assert!(has(lex, "簽署", "sign"));
    assert!(has(lex, "电话", "telephone") && has(lex, "电话", "phone"));
    assert!(has(lex, "全名", "name"));
    assert!(has(lex, "地址", "address"));
    assert!(has(lex, "隐私", "privacy") && has(lex, "隱私", "privacy"));
    assert!(has(lex, "个人信息", "personal") && has(lex, "个人信息", "information"));
    assert!(has(lex, "個人資訊", "information"));
    assert!(has(lex, "第三方", "third") && has(lex, "第三方", "party"));
    assert!(has(lex, "被许可方", "licensee"));
    assert!(has(lex, "许可证", "licence"));
    assert!(has(lex, "微软", "Microsoft"));
    assert!(
        lex.entity_names("微软")
            .is_some_and(|n| n.iter().any(|n| n == "Microsoft"))
    );
    assert!(
        lex.entity_names("谷歌")
            .is_some_and(|n| n.iter().any(|n| n == "Google"))
    );
    assert!(
        lex.entity_names("欧盟")
            .is_some_and(|n| n.iter().any(|n| n == "EU"))
    );
    assert!(lex.entity_names("中文").is_none());
    assert!(lex.entity_names("佛教").is_none());
    let names = |zh: &str| {
        lex.entity_names(zh)
            .map(<[String]>::to_vec)
            .unwrap_or_default()
    };
    assert!(names("中华人民共和国").contains(&"PRC".to_string()));
    assert!(names("微信").contains(&"WeChat".to_string()));
    assert!(names("歐盟").contains(&"European Union".to_string()));
    // A place's former or later name, from "former name of" / "formerly".
    assert!(names("汉城").contains(&"Seoul".to_string()));
    assert!(names("孟买").contains(&"Bombay".to_string()));
    assert!(lex.entities().count() > 5_000);
}

#[test]
fn builtin_domain_terms() {
    let lex = Lexicon::builtin();
    for (zh, en) in [
        ("不可撤销", "irrevocable"),
        ("不可撤銷", "irrevocable"),
        ("著作权", "copyright"),
        ("专利", "patent"),
        ("商标", "trademark"),
        ("免版税", "royalty"),
        ("免许可费", "royalty"),
        ("免交易费", "charge"),
        ("分许可", "sublicense"),
        // Everyday words whose CC-CEDICT glosses miss how English
        // translators write them.
        ("参与", "involved"),
        ("别人", "someone"),
        ("接纳", "accepted"),
        ("检查", "reviewing"),
        ("转录", "transcribing"),
        ("贡献者", "contributor"),
        ("许可方", "licensor"),
        ("数据主体", "subject"),
        ("处理者", "processor"),
        ("委员会", "committee"),
        ("议员", "member"),
        ("立法局", "legislative"),
        ("决议", "resolution"),
        ("缔约国", "state"),
        ("隐私政策", "policy"),
        ("%", "percent"),
    ] {
        assert!(has(lex, zh, en), "{zh} should translate to {en}");
    }
    // Glosses are cleaned: no classifier or pronunciation notes.
    assert!(!has(lex, "电话", "CL"));
    assert!(!has(lex, "年", "grain"), "variant-character senses dropped");
    // Supplement stems are real stems: lowercase, no spaces.
    for line in SUPPLEMENT_TSV.lines().filter(|l| !l.starts_with('#')) {
        let (_, stems) = line.split_once('\t').unwrap_or(("", "x"));
        assert!(
            stems
                .split(' ')
                .all(|s| !s.is_empty() && !s.chars().any(char::is_uppercase)),
            "{line}"
        );
    }
}

#[test]
fn builtin_segmentation() {
    let lex = Lexicon::builtin();
    let text = "我们不会出售您的个人信息";
    assert_eq!(
        words(lex, text),
        ["我们", "不会", "出售", "您", "的", "个人信息"]
    );
    let text = "我們不會出售您的個人資訊";
    assert_eq!(
        words(lex, text),
        ["我們", "不會", "出售", "您", "的", "個人資訊"]
    );
    let ws = segment_zh(lex, "请签署本许可协议");
    assert!(ws.iter().all(|w| w.translations.is_some()));
    let text = "出售您的个人信息";
    let ws = segment_zh(lex, text);
    assert!(ws[1].stop && ws[2].stop && !ws[0].stop && !ws[3].stop);
    let sell = lex.stem_id(&stem_en("sell"));
    assert!(sell.is_some_and(|id| ws[0].translations.is_some_and(|t| t.contains(&id))));
}

#[test]
fn related_words_are_synonyms_and_adjective_bases_both_ways() {
    let lex = Lexicon::builtin();
    let id = |w: &str| lex.en_word_id(w).unwrap();
    let of = |w: &str| -> Vec<&str> {
        lex.related(id(w))
            .iter()
            .map(|&s| lex.stem_str(s))
            .collect()
    };
    assert!(of("examining").contains(&"studi"), "{:?}", of("examining"));
    assert!(of("study").contains(&"examin"), "{:?}", of("study"));
    assert!(of("faults").contains(&"mistak"), "{:?}", of("faults"));
    // A general verb stands for nothing: "place" is no "put".
    assert!(!of("placing").contains(&"put"), "{:?}", of("placing"));
    assert!(!of("examine").contains(&"examin"));
    // An adjective reaches the noun Snowball stems apart from it.
    assert!(
        of("environmental").contains(&"environ"),
        "{:?}",
        of("environmental")
    );
    // A lexicon without the file's words has no synonyms for them.
    let small = small();
    assert!(small.related(small.stem_id("studi").unwrap()).is_empty());
}
