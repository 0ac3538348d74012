//! Table-driven tests for anchor extraction.

use super::*;

/// Sorted comparison keys (ranges split into both ends) of the Number and
/// Date anchors.
fn num_keys(text: &str, lang: Lang) -> Vec<String> {
    let mut v: Vec<String> = numbers(text, lang)
        .iter()
        .flat_map(|a| a.value.point_keys())
        .collect();
    v.sort();
    v
}

fn keys_of(v: &[Anchor], kind: AnchorKind) -> Vec<String> {
    let mut k: Vec<String> = v
        .iter()
        .filter(|a| a.kind == kind)
        .map(|a| a.key())
        .collect();
    k.sort();
    k
}

fn contact_keys(text: &str) -> Vec<String> {
    let mut k: Vec<String> = contacts(text).iter().map(|a| a.key()).collect();
    k.sort();
    k
}

fn modal_list(text: &str, lang: Lang) -> Vec<Modality> {
    modals(text, lang)
        .iter()
        .filter_map(|a| match a.value {
            AnchorValue::Modality(m) => Some(m),
            _ => None,
        })
        .collect()
}

#[test]
fn equal_values_across_languages() {
    let table: &[(&str, &str)] = &[
        ("十五个工作日内", "within 15 working days"),
        ("十五个工作日", "fifteen business days"),
        ("2024.8.6", "August 6, 2024"),
        ("2024/8/6", "Aug. 6 2024"),
        ("二〇二四年八月六日", "2024-08-06"),
        ("2024年8月6日", "6 August 2024"),
        ("2024 年 8 月 6 日", "6th of August 2024"),
        ("2026 年 5 月 16 日", "May 16, 2026"),
        ("1991年12月20日", "20 December 1991"),
        ("二〇二〇年一月", "January 2020"),
        ("2020年1月", "January 2020"),
        ("1989年", "in 1989"),
        ("一九八九年", "1989"),
        ("1993年6月24日至30日", "24 to 30 June 1993"),
        ("6月24日", "June 24"),
        ("六月二十一日", "21st June"),
        ("两年", "two years"),
        ("2年", "2 years"),
        ("一年内", "in one year's time"),
        ("7 亿", "700 million"),
        ("3 万名用户", "30,000 users"),
        ("30天", "30 days' notice"),
        ("6个月", "six months"),
        ("3-5个工作日", "3 to 5 working days"),
        ("3至5个工作日内", "within 3-5 business days"),
        ("18周岁", "18 years old"),
        ("年满十八周岁", "at least 18 years of age"),
        ("不满十四周岁", "under the age of 14"),
        ("14周岁以下", "under 14"),
        ("百分之七点九", "7.9 per cent"),
        ("7.9%", "7.9 percent"),
        ("百分之五十", "fifty percent"),
        ("三分之一", "one third"),
        ("三分之二", "two thirds"),
        ("1.5万", "15,000"),
        ("1.5万", "15 000"),
        ("3亿", "300 million"),
        ("$114.07亿", "$11,407 million"),
        ("第四十五届", "forty-fifth"),
        ("第三十五届", "thirty-fifth"),
        ("第二十一", "twenty-first"),
        ("二十一", "twenty-one"),
        ("一百零五", "one hundred and five"),
        ("１５天", "15 days"),
        ("十五天", "fifteen days"),
        ("24小时", "24-hour"),
        ("两倍", "twice"),
        ("5美元", "US$5"),
        ("100元", "RMB 100"),
        ("¥100", "100 yuan"),
        // 元 is also the New Taiwan and the Hong Kong dollar.
        ("七十六亿元", "NT$7.6 billion"),
        ("412,100元", "$412,100"),
        ("500港元", "HK$500"),
        ("V1.2", "Version 1.2"),
        ("版本：2.1", "Version: 2.1"),
        ("第2版", "Version 2"),
        ("第2版", "PSL v2"),
        ("第4条", "Article 4"),
        // A space after the enumeration comma leaves the items items.
        ("草案第4、 6、 8及9条", "Clauses 4, 6, 8 and 9"),
        ("第7节", "section 7"),
        ("见第1.1条", "see section 1.1"),
        ("附件四", "annex IV"),
        ("第46/220号决议", "resolution 46/220"),
        ("下午二时三十分", "half-past two"),
        ("8:30-18:00", "8:30 to 18:00"),
        ("一年内", "within a year"),
        ("25 个月", "25 months"),
        ("10MB", "10 MB"),
        ("第一", "First,"),
    ];
    for (zh, en) in table {
        let (a, b) = (num_keys(zh, Lang::Zh), num_keys(en, Lang::En));
        assert!(!a.is_empty(), "no anchor in {zh:?}");
        assert_eq!(a, b, "{zh:?} vs {en:?}");
    }
}

#[test]
fn different_values_stay_different() {
    let table: &[(&str, Lang, &str, Lang)] = &[
        ("15个工作日", Lang::Zh, "30 working days", Lang::En),
        ("15个工作日", Lang::Zh, "15 days", Lang::En),
        ("6 months", Lang::En, "6 years", Lang::En),
        ("6个月", Lang::Zh, "六年", Lang::Zh),
        ("2024.8.6", Lang::Zh, "2024.8.7", Lang::Zh),
        ("August 6, 2024", Lang::En, "August 6, 2025", Lang::En),
        ("18周岁", Lang::Zh, "16 years old", Lang::En),
        ("7.9%", Lang::Zh, "7.8 per cent", Lang::En),
        ("5美元", Lang::Zh, "5 euros", Lang::En),
        ("100元", Lang::Zh, "100 pounds", Lang::En),
        ("七十六亿元", Lang::Zh, "NT$7.5 billion", Lang::En),
        ("V1.2", Lang::En, "V1.3", Lang::En),
        ("三分之一", Lang::Zh, "one quarter", Lang::En),
        ("第三条", Lang::Zh, "three articles", Lang::En),
    ];
    for (a, la, b, lb) in table {
        assert_ne!(num_keys(a, *la), num_keys(b, *lb), "{a:?} vs {b:?}");
    }
    assert_ne!(
        contact_keys("carry1@qq.com"),
        contact_keys("carry1@gmail.com")
    );
}

#[test]
fn units_roles_and_bounds() {
    let q = |t: &str, l: Lang| match numbers(t, l).first().map(|a| a.value.clone()) {
        Some(AnchorValue::Quantity {
            value,
            unit,
            role,
            bound,
        }) => (value, unit, role, bound),
        other => panic!("{t:?}: {other:?}"),
    };
    assert_eq!(
        q("我们将在十五个工作日内回复", Lang::Zh),
        (15.0, Unit::WorkingDay, Role::Period, Bound::AtMost)
    );
    assert_eq!(
        q("最低期限不少于6 个月", Lang::Zh),
        (6.0, Unit::Month, Role::Period, Bound::AtLeast)
    );
    assert_eq!(
        q("不满十四周岁的未成年人", Lang::Zh),
        (14.0, Unit::Age, Role::Age, Bound::Under)
    );
    assert_eq!(
        q(
            "If you are under the age of 18, ask your guardian",
            Lang::En
        ),
        (18.0, Unit::Age, Role::Age, Bound::Under)
    );
    // 两年期 "biennium" is a period of two years.
    assert_eq!(
        q("两年期间支付的款项", Lang::Zh),
        (2.0, Unit::Year, Role::Period, Bound::Exact)
    );
    // A negation before the bound word turns it around.
    assert_eq!(
        q("未年满16周岁的未成年人", Lang::Zh),
        (16.0, Unit::Age, Role::Age, Bound::Under)
    );
    assert_eq!(q("委员人数不得少于13名", Lang::Zh).3, Bound::AtLeast);
    assert_eq!(
        q("保留时间不会超过三天", Lang::Zh),
        (3.0, Unit::Day, Role::Period, Bound::AtMost)
    );
    assert_eq!(
        q("3-5个工作日", Lang::Zh),
        (3.0, Unit::WorkingDay, Role::Period, Bound::Range(3.0, 5.0))
    );
    assert_eq!(
        q("no more than 25 months", Lang::En),
        (25.0, Unit::Month, Role::Period, Bound::AtMost)
    );
    assert_eq!(
        q("第三十五届会议", Lang::Zh),
        (35.0, Unit::None, Role::Ordinal, Bound::Exact)
    );
    assert_eq!(
        q("US$5", Lang::En),
        (5.0, Unit::Currency("USD"), Role::Money, Bound::Exact)
    );
    assert_eq!(
        q("三分之一", Lang::Zh),
        (1.0 / 3.0, Unit::None, Role::Fraction, Bound::Exact)
    );
    assert_eq!(Bound::Under.direction(), Bound::AtMost.direction());
    assert_eq!(Bound::Over.direction(), BoundDir::Lower);
}

#[test]
fn dates_and_times() {
    let d = |t: &str, l: Lang| -> Vec<String> {
        numbers(t, l)
            .iter()
            .filter(|a| a.kind == AnchorKind::Date)
            .map(|a| a.key())
            .collect()
    };
    assert_eq!(
        d("(本次更新时间:2024年10月17日)", Lang::Zh),
        ["date:2024-10-17"]
    );
    assert_eq!(
        d("最后修订时间:2024.8.6 隐私政策生效时间:2024.7.22", Lang::Zh),
        ["date:2024-08-06", "date:2024-07-22"]
    );
    assert_eq!(
        d(
            "Last revised: August 6, 2024 Privacy Policy Effective Date: July 22, 2024",
            Lang::En
        ),
        ["date:2024-08-06", "date:2024-07-22"]
    );
    assert_eq!(
        d("一九八九年六月二十一日星期三", Lang::Zh),
        ["date:1989-06-21"]
    );
    assert_eq!(d("Wednesday, 21 June 1989", Lang::En), ["date:1989-06-21"]);
    // 三十年代 is a decade: no period of thirty years.
    assert!(
        numbers("在三十年代建成", Lang::Zh)
            .iter()
            .all(|a| !matches!(
                a.value,
                AnchorValue::Quantity {
                    unit: Unit::Year,
                    ..
                }
            )),
        "{:?}",
        numbers("在三十年代建成", Lang::Zh)
    );
    assert!(
        numbers("在三十年内建成", Lang::Zh).iter().any(|a| matches!(
            a.value,
            AnchorValue::Quantity {
                unit: Unit::Year,
                ..
            }
        )),
        "{:?}",
        numbers("在三十年内建成", Lang::Zh)
    );
    // A comma parts a number from the month: a version, not a day.
    assert_eq!(d("Version 1, February 1989", Lang::En), ["date:1989-02"]);
    assert_eq!(d("1994-1995两年期", Lang::Zh), ["date:1994", "date:1995"]);
    assert_eq!(
        d("the biennium 1994-1995", Lang::En),
        ["date:1994", "date:1995"]
    );
    assert_eq!(
        d("工作时间 9:00-18:00", Lang::Zh),
        ["date:T09:00", "date:T06:00"]
    );
    assert_eq!(d("民国八十年", Lang::Zh), ["date:1991"]);
    // Two months of one year, as a session is dated.
    assert_eq!(
        d("在其1992年7/8月会议上", Lang::Zh),
        ["date:1992-07", "date:1992-08"]
    );
    assert_eq!(
        d("at its July/August 1992 session", Lang::En),
        ["date:1992-07", "date:1992-08"]
    );
    // Taiwan writes the Minguo year without 民国 in dates.
    assert_eq!(d("本政策更新于112年5月1日", Lang::Zh), ["date:2023-05-01"]);
    assert_eq!(d("民國112年5月1日", Lang::Zh), ["date:2023-05-01"]);
    // Minutes counted to or past an hour make one time, no period.
    assert_eq!(
        d("Adjourned at two minutes to Five o'clock.", Lang::En),
        ["date:T04:58"]
    );
    // (A time's key reads the clock in twelve hours: 下午四时 is "four".)
    assert_eq!(d("fifteen minutes past 4 p.m.", Lang::En), ["date:T04:15"]);
    assert_eq!(d("会议于下午四时五十八分结束", Lang::Zh), ["date:T04:58"]);
    // A year written short, digit by digit, is a year, not a period.
    assert_eq!(d("九零年以后", Lang::Zh), ["date:1990"]);
    assert_eq!(d("一零年起", Lang::Zh), ["date:2010"]);
    // "that one" is a pronoun, "that one year" a period.
    let year = |t: &str| {
        numbers(t, Lang::En).iter().any(|a| {
            matches!(
                a.value,
                AnchorValue::Quantity {
                    unit: Unit::Year,
                    ..
                }
            )
        })
    };
    assert!(year("recalling that one year earlier he had stated"));
    assert!(!year("recalling that one of them had stated"));
    // "nil" is zero: "reduced to nil to 21.9%" states both bounds of 0至21.9%.
    assert!(
        numbers("reduced to nil to 21.9%", Lang::En)
            .iter()
            .any(|a| matches!(
                a.value,
                AnchorValue::Quantity {
                    bound: Bound::Range(lo, hi),
                    ..
                } if lo == 0.0 && hi == 21.9
            )),
        "{:?}",
        numbers("reduced to nil to 21.9%", Lang::En)
    );
    // weekday names are not values
    assert!(numbers("星期三", Lang::Zh).is_empty());
    assert!(numbers("周一至周五", Lang::Zh).is_empty());
}

#[test]
fn structure_is_not_a_value() {
    let none: &[(&str, Lang)] = &[
        ("https://example.com/v2/page1", Lang::En),
        (
            "see https://www.mozilla.org/en-US/privacy/firefox-2024/",
            Lang::En,
        ),
        ("请发送至carry1@qq.com告知我们", Lang::Zh),
        ("电话 +1 650-903-0800", Lang::Zh),
        ("客服热线 400-893-8989", Lang::Zh),
        ("Yi-34B and Yi-6B", Lang::En),
        ("ISO27001 认证", Lang::Zh),
        ("包括：(1) 姓名；(2) 电话", Lang::Zh),
        ("（一）基本信息", Lang::Zh),
        ("in the 1990s", Lang::En),
    ];
    for (t, l) in none {
        let n = numbers(t, *l);
        assert!(n.is_empty(), "{t:?}: {n:?}");
    }
    // a date is one anchor, not three numbers
    let n = numbers("2024-08-06", Lang::En);
    assert_eq!(n.len(), 1);
    assert_eq!(n.first().map(|a| a.kind), Some(AnchorKind::Date));
    // a version is one anchor
    let n = numbers("版本:V1.2", Lang::Zh);
    assert_eq!(n.len(), 1);
    assert_eq!(
        n.first().map(|a| a.value.clone()),
        Some(AnchorValue::Version("1.2".into()))
    );
}

#[test]
fn words_that_are_not_numbers() {
    let zh = [
        "一些",
        "一般",
        "一旦",
        "统一",
        "唯一",
        "一致",
        "同一",
        "之一",
        "万一",
        "一切",
        "进一步",
        "前一日历月",
        "第三方",
        "一项决议",
        "提出一份报告",
        "百分比",
        "漏洞百出",
        "成千上万",
        "零一万物",
        "大陆",
        "千年",
        "两岸",
    ];
    for t in zh {
        assert!(
            numbers(t, Lang::Zh).is_empty(),
            "{t}: {:?}",
            numbers(t, Lang::Zh)
        );
    }
    let en = [
        "one of the members",
        "no one",
        "once a year",
        "a third-party service",
        "third parties",
        "first-party data",
        "when you first use it",
        "May we help?",
        "one or more services",
        "I will",
        "that one is better",
        "the one you chose",
    ];
    for t in en {
        assert!(
            numbers(t, Lang::En).is_empty(),
            "{t}: {:?}",
            numbers(t, Lang::En)
        );
    }
}

#[test]
fn contacts_normalise() {
    let eq: &[(&str, &str)] = &[
        ("www.Example.com/", "https://www.example.com"),
        ("http://example.com/Path/", "https://EXAMPLE.com/Path"),
        (
            "https://www.mozilla.org/zh-CN/privacy/",
            "https://www.mozilla.org/en-US/privacy",
        ),
        (
            "https://docs.github.com/cn/github/site-policy/github-privacy-statement",
            "https://docs.github.com/en/github/site-policy/github-privacy-statement",
        ),
        ("+1 650-903-0800", "+1 (650) 903 0800"),
        ("+86 10 1234 5678", "010 1234 5678"),
        ("86-10-12345678", "(010) 1234 5678"),
        ("400-893-8989", "400 893 8989"),
        ("mailto:DPO@Mozilla.com", "dpo@mozilla.com"),
        ("[email protected]", "[email protected]"),
    ];
    for (a, b) in eq {
        let (ka, kb) = (contact_keys(a), contact_keys(b));
        assert_eq!(ka.len(), 1, "{a:?}: {ka:?}");
        assert_eq!(ka, kb, "{a:?} vs {b:?}");
    }
    // Markdown link whose text is the same address: one anchor
    assert_eq!(
        contacts("请联系 [250881478@qq.com](mailto:250881478@qq.com)。").len(),
        1
    );
    assert_eq!(contacts("[paddle.net](https://paddle.net/)").len(), 1);
    // a link with different text keeps only the target
    let c =
        contacts("[详细了解](https://support.mozilla.org/kb/firefox-dns-over-https#w_switching)");
    assert_eq!(c.len(), 1);
    assert_eq!(
        c.first().map(|a| a.key()),
        Some("contact:support.mozilla.org/kb/firefox-dns-over-https#w_switching".to_string())
    );
    // kinds
    let k: Vec<AnchorKind> = contacts("mail a@b.com, see www.x.com, call 400-030-1888")
        .iter()
        .map(|a| a.kind)
        .collect();
    assert_eq!(k, [AnchorKind::Email, AnchorKind::Url, AnchorKind::Phone]);
    // not contacts
    for t in [
        "e.g. this",
        "i.e., that",
        "README.md",
        "2024-08-06",
        "1993-1994",
        "version 10.0.19041",
    ] {
        assert!(contacts(t).is_empty(), "{t}: {:?}", contacts(t));
    }
}

#[test]
fn names_normalise() {
    let n = |t: &str, l: Lang| keys_of(&names(t, l), AnchorKind::Name);
    assert_eq!(n("Google’s services", Lang::En), ["name:google"]);
    assert_eq!(n("GOOGLE", Lang::En), ["name:google"]);
    assert_eq!(
        n(
            "这可能包括 Google Analytics 以及类似的第三方组件。",
            Lang::Zh
        ),
        n(
            "These may include Google Analytics and similar widgets.",
            Lang::En
        )
    );
    assert_eq!(
        n("我们使用了MobTech的ShareSDK产品", Lang::Zh),
        ["name:mobtech", "name:sharesdk"]
    );
    assert_eq!(
        n("contact Bird & Bird DPO Services SRL, Brussels", Lang::En)
            .first()
            .map(String::as_str),
        Some("name:bird & bird dpo services srl")
    );
    assert_eq!(n("Yi-34B", Lang::En), ["name:yi-34b"]);
    assert_eq!(n("Focus on iOS", Lang::En), ["name:ios"]);
    assert_eq!(n("根据 GDPR，您有以下权利", Lang::Zh), ["name:gdpr"]);
    // common words, headings, sentence starts are not names
    for t in [
        "The Privacy Policy applies to You.",
        "Right to Rectification: You have the right to request",
        "Other Personal Profile Information You Voluntarily Provide",
        "Cookies can be persistent.",
        "PRIVACY POLICY",
        "I. We shall specify",
    ] {
        assert!(n(t, Lang::En).is_empty(), "{t}: {:?}", n(t, Lang::En));
    }
    // contacts and versions are not names
    assert!(n("see Example.com or V1.2", Lang::En).is_empty());
}

#[test]
fn negation_cues() {
    let count = |t: &str, l: Lang| negations(t, l).len();
    let table: &[(&str, Lang, usize)] = &[
        // Traditional characters read as their simplified forms: 未滿 is
        // "under" (a bound), 無須 a negated obligation.
        ("未滿 13 歲的兒童", Lang::Zh, 0),
        ("您無須提供", Lang::Zh, 1),
        ("我们不会出售您的个人信息。", Lang::Zh, 1),
        ("We do not sell your personal information.", Lang::En, 1),
        ("未经您同意", Lang::Zh, 1),
        ("without your consent", Lang::En, 1),
        ("我们无法保证", Lang::Zh, 1),
        ("we cannot guarantee", Lang::En, 1),
        ("您不得转让", Lang::Zh, 1),
        ("you shall not transfer", Lang::En, 1),
        ("禁止使用", Lang::Zh, 1),
        ("use is prohibited", Lang::En, 1),
        ("neither A nor B", Lang::En, 2),
        ("并非不重要", Lang::Zh, 2),
        ("no personal data", Lang::En, 1),
        ("it won't", Lang::En, 1),
        ("if you fail to comply", Lang::En, 1),
        ("如您未能遵守", Lang::Zh, 1),
        ("这反而不是最大的问题", Lang::Zh, 1),
        ("当局无意修改政策", Lang::Zh, 1),
        ("因此毋须重复这项工作", Lang::Zh, 1),
        ("这些不可行的情况", Lang::Zh, 1),
        // look-alikes
        ("未来", Lang::Zh, 0),
        ("未成年人", Lang::Zh, 0),
        ("无论何时", Lang::Zh, 0),
        ("不仅收集", Lang::Zh, 0),
        ("并非仅限于", Lang::Zh, 0),
        ("包括但不限于", Lang::Zh, 0),
        ("无线网络", Lang::Zh, 0),
        ("非常重要", Lang::Zh, 0),
        ("不断创新", Lang::Zh, 0),
        ("不同的解释", Lang::Zh, 0),
        ("我们提供服务，而不是出售数据", Lang::Zh, 0),
        ("他无意中删除了文件", Lang::Zh, 0),
        ("法庭可下令没收非法赌博设备", Lang::Zh, 0),
        ("船只在风暴中沉没", Lang::Zh, 0),
        ("不超过25个月", Lang::Zh, 0),
        ("可委任不超逾 20名人士", Lang::Zh, 0),
        ("不会超过 25 个月", Lang::Zh, 0),
        ("无效", Lang::Zh, 0),
        ("是否同意", Lang::Zh, 0),
        ("是不是", Lang::Zh, 0),
        ("非排他的、不可撤销的许可", Lang::Zh, 0),
        ("not only the data", Lang::En, 0),
        ("including but not limited to", Lang::En, 0),
        ("including, without limitation,", Lang::En, 0),
        ("no later than 30 days", Lang::En, 0),
        ("no more than 25 months", Lang::En, 0),
        ("shall not exceed 25 months", Lang::En, 0),
        ("不得超过25个月", Lang::Zh, 0),
        ("see No. 5", Lang::En, 0),
        ("whether or not", Lang::En, 0),
        ("with or without modification", Lang::En, 0),
        ("a non-exclusive, no-charge licence", Lang::En, 0),
        ("dump refuse into the river", Lang::En, 0),
        ("notwithstanding", Lang::En, 0),
        ("None the less, it matters.", Lang::En, 0),
        (
            "SECRETARY: No, Sir, I am not prepared to do that.",
            Lang::En,
            1,
        ),
        ("There is no data, as far as we know.", Lang::En, 1),
    ];
    for (t, l, n) in table {
        assert_eq!(count(t, *l), *n, "{t:?}: {:?}", negations(t, *l));
    }
    // the surface shows the cue
    let a = negations("您不得转让", Lang::Zh);
    assert_eq!(a.first().map(|a| a.surface.as_str()), Some("不得"));
}

#[test]
fn modal_cues() {
    use Modality::*;
    let table: &[(&str, Lang, &[Modality])] = &[
        ("您必须遵守", Lang::Zh, &[Obligation]),
        ("您应当另行签署", Lang::Zh, &[Obligation]),
        ("您可以提供支持", Lang::Zh, &[Permission]),
        ("我们可能会收集", Lang::Zh, &[Permission]),
        ("您有权要求", Lang::Zh, &[Permission]),
        ("您不得转让", Lang::Zh, &[Prohibition]),
        ("严禁复制", Lang::Zh, &[Prohibition]),
        ("我们将会通知您", Lang::Zh, &[Future]),
        ("我们将在15日内回复", Lang::Zh, &[Future]),
        ("您无需提供", Lang::Zh, &[Permission]),
        ("政府可否告知本局", Lang::Zh, &[]),
        ("因此毋须重复", Lang::Zh, &[Permission]),
        ("这些不可行的情况", Lang::Zh, &[]),
        ("您也可以将通知发送到以下地址", Lang::Zh, &[Permission]),
        ("您可选择启用双重验证", Lang::Zh, &[Permission]),
        ("有关人士只须签署一项简单的声明", Lang::Zh, &[Permission]),
        ("您必須遵守", Lang::Zh, &[Obligation]),
        ("我們將會通知您", Lang::Zh, &[Future]),
        ("可选功能", Lang::Zh, &[]),
        // The legal 得 "may" after a subject or adverb, before a verb.
        ("我們得隨時修訂本協議", Lang::Zh, &[Permission]),
        ("仲裁人得代表雙方", Lang::Zh, &[Permission]),
        ("个人得到补偿", Lang::Zh, &[]),
        ("他做得很好", Lang::Zh, &[]),
        ("我们获得了许可", Lang::Zh, &[]),
        // 或 "perhaps" before a modal is the "may" of formal Chinese; 或将其
        // is "or … it", and 会议 no modal.
        ("您的信息或将与合作伙伴共享", Lang::Zh, &[Permission]),
        ("我们或可延长该期限", Lang::Zh, &[Permission]),
        ("我们会删除或将其匿名化", Lang::Zh, &[Future]),
        ("大会或会议", Lang::Zh, &[]),
        // 才能 before a verb; the noun "talent" otherwise.
        ("同意后才能参与", Lang::Zh, &[Permission]),
        ("他的才能和经验", Lang::Zh, &[]),
        ("You must comply", Lang::En, &[Obligation]),
        ("you shall not transfer", Lang::En, &[Prohibition]),
        ("you may not transfer", Lang::En, &[Prohibition]),
        ("You may provide support", Lang::En, &[Permission]),
        ("we cannot guarantee", Lang::En, &[Prohibition]),
        ("you are required to provide", Lang::En, &[Obligation]),
        ("you are not required to provide", Lang::En, &[Permission]),
        ("you need not provide", Lang::En, &[Permission]),
        ("controlling it requires a plan", Lang::En, &[Obligation]),
        // "subject to" a requirement after a form of "be" or a comma; not a
        // possible change, not the noun.
        (
            "these regulations are subject to the approval of the Council",
            Lang::En,
            &[Obligation],
        ),
        (
            "without being subject to those controls",
            Lang::En,
            &[Permission],
        ),
        ("subject to applicable law, we disclose it", Lang::En, &[]),
        ("prices are subject to change", Lang::En, &[]),
        ("the terms are subject to update", Lang::En, &[]),
        ("the data subject to whom the data relate", Lang::En, &[]),
        (
            "the service does not require an account",
            Lang::En,
            &[Permission],
        ),
        (
            "changes may require you to sign in",
            Lang::En,
            &[Permission],
        ),
        (
            "resources to enable them to perform",
            Lang::En,
            &[Permission],
        ),
        ("the app allows you to export data", Lang::En, &[Permission]),
        ("enable cookies in your browser", Lang::En, &[]),
        ("We will notify you", Lang::En, &[Future]),
        ("you have the right to request", Lang::En, &[Permission]),
        ("use is prohibited", Lang::En, &[Prohibition]),
        // look-alikes
        ("许可证", Lang::Zh, &[]),
        ("应用程序", Lang::Zh, &[]),
        ("会议纪要", Lang::Zh, &[]),
        ("委员会", Lang::Zh, &[]),
        ("社会责任", Lang::Zh, &[]),
        ("我们将其删除", Lang::Zh, &[]),
        ("将您的信息提供给", Lang::Zh, &[]),
        ("可靠的服务", Lang::Zh, &[]),
        ("可识别的自然人", Lang::Zh, &[]),
        ("功能", Lang::Zh, &[]),
        ("须知", Lang::Zh, &[]),
        ("未来", Lang::Zh, &[]),
        ("in May 2024", Lang::En, &[]),
        ("on May 16", Lang::En, &[]),
        ("of their own free will", Lang::En, &[]),
        ("\"Contribution\" shall mean any work", Lang::En, &[]),
    ];
    for (t, l, want) in table {
        assert_eq!(modal_list(t, *l), *want, "{t:?}");
    }
    // prohibition = one modal + one negation
    for (t, l) in [
        ("您不得转让", Lang::Zh),
        ("you shall not transfer", Lang::En),
    ] {
        let all = extract(t, l);
        assert_eq!(
            all.iter()
                .filter(|a| a.kind == AnchorKind::Negation)
                .count(),
            1
        );
        assert_eq!(
            all.iter().filter(|a| a.kind == AnchorKind::Modal).count(),
            1
        );
    }
}

#[test]
fn real_policy_sentences() {
    // project seed policies (data/examples)
    let zh = "某些特殊信息的更正可能无法自行操作,您可以根据通过本网站公示的联系方式或产品中提供的联系方式与我们联系,我们将在获悉您的需求后在十五个工作日内协助您完成。";
    assert_eq!(num_keys(zh, Lang::Zh), ["Period:15:WorkingDay"]);
    let zh = "您也可以将您的问题发送至carry1@qq.com告知我们,我们将尽快审核所涉问题,并在验证您的用户身份后的3-5个工作日内予以回复。";
    assert_eq!(
        num_keys(zh, Lang::Zh),
        ["Period:3:WorkingDay", "Period:5:WorkingDay"]
    );
    assert_eq!(contact_keys(zh), ["contact:carry1@qq.com"]);
    let zh = "为了实现分享和推送功能,我们使用了MobTech的ShareSDK产品,此产品的隐私策略条款,可以参考:http://www.mob.com/about/policy";
    assert_eq!(contact_keys(zh), ["contact:www.mob.com/about/policy"]);
    let zh = "如您是18周岁以下的未成年人,在使用我们的产品与/或服务前,应事先取得您监护人的同意。";
    let en = "If you are under the age of 18, it is recommended that you ask your guardian to read this Privacy Policy carefully.";
    assert_eq!(num_keys(zh, Lang::Zh), num_keys(en, Lang::En));
    let zh = "最后修订时间:2024.8.6 隐私政策生效时间:2024.7.22 版本:V1.2";
    let en =
        "Last revised: August 6, 2024 Privacy Policy Effective Date: July 22, 2024 Version: V1.2";
    assert_eq!(num_keys(zh, Lang::Zh), num_keys(en, Lang::En));
    let zh = "- Cloudflare:提供CDN服务。Cloudflare的隐私政策 | Cloudflare. https://www.cloudflare.com/zh-cn/privacypolicy/";
    let en = "- Cloudflare: Provides CDN services. Cloudflare’s privacy policy | Cloudflare. https://www.cloudflare.com/zh-cn/privacypolicy/";
    assert_eq!(contact_keys(zh), contact_keys(en));
    assert_eq!(
        keys_of(&extract(zh, Lang::Zh), AnchorKind::Name),
        keys_of(&extract(en, Lang::En), AnchorKind::Name)
    );
}

#[test]
fn offsets_and_surfaces() {
    let t = "请在１５个工作日内联系 a@b.com。";
    for a in extract(t, Lang::Zh) {
        assert_eq!(t.get(a.start..a.end), Some(a.surface.as_str()));
    }
    let all = extract("Within 15 days we may email a@b.com.", Lang::En);
    let starts: Vec<usize> = all.iter().map(|a| a.start).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
}

#[test]
fn no_panic_on_odd_input() {
    let odd = [
        "",
        " ",
        "第",
        "百分之",
        "分之一",
        "1,",
        "1.",
        "$",
        "@",
        "@@@@a@b",
        "a@",
        "http://",
        "www.",
        "+",
        "(",
        "(((((1",
        "12:",
        "V",
        "v1.",
        "1/",
        "2024-",
        "2024年",
        "年月日",
        "May",
        "the age of",
        "\u{0}\u{FFFF}\u{10FFFF}",
        "é́́́ 1 ｘ ＠",
        "1\u{301}2",
        "二〇二四年十三月四十日",
        "99999999999999999999999999999999999999999999",
        "一亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿亿",
        "3-",
        "between 3 and",
        "no.",
        "I",
        "'s",
        "don't",
    ];
    for t in odd {
        for l in [Lang::Zh, Lang::En] {
            for a in extract(t, l) {
                assert!(a.start <= a.end && a.end <= t.len(), "{t:?}");
            }
        }
    }
}

#[test]
fn long_pathological_inputs_are_linear() {
    let n = 200_000;
    let inputs = [
        "1,000,".repeat(n / 6),
        "a@".repeat(n / 2),
        "一".repeat(n / 3),
        "1.1.".repeat(n / 4),
        "(1) ".repeat(n / 4),
        "Aa ".repeat(n / 3),
        "www.a".repeat(n / 5),
        "1 000 ".repeat(n / 6),
        "不不".repeat(n / 6),
        "9".repeat(n),
    ];
    for t in &inputs {
        let start = std::time::Instant::now();
        let _ = extract(t, Lang::Zh);
        let _ = extract(t, Lang::En);
        // generous bound (debug build, shared CI machine): a quadratic scan
        // over 200 KB would take minutes
        assert!(
            start.elapsed().as_secs() < 20,
            "{}",
            t.get(..10).unwrap_or("")
        );
    }
}

/// The ordered word tables are read "first matching row wins": a row must
/// not be hidden by an earlier row that always matches where it does.
#[test]
fn ordered_word_tables_keep_longer_words_first() {
    use crate::words::*;
    fn check(name: &str, words: &[&str], hides: impl Fn(&str, &str) -> bool) {
        for (i, later) in words.iter().enumerate() {
            for earlier in &words[..i] {
                assert!(!hides(earlier, later), "{name}: {earlier} hides {later}");
            }
        }
    }
    let first =
        |t: &[(&'static str, bool, Option<Modality>)]| t.iter().map(|r| r.0).collect::<Vec<_>>();
    check(
        "zh-negation-cues",
        &first(ANCHORS_ZH_NEGATION_CUES),
        |a, b| b.starts_with(a),
    );
    let words: Vec<&str> = ANCHORS_ZH_MODAL_CUES.iter().map(|r| r.0).collect();
    check("zh-modal-cues", &words, |a, b| b.starts_with(a));
    let words: Vec<&str> = ANCHORS_ZH_BOUND_PREFIXES.iter().map(|r| r.0).collect();
    check("zh-bound-prefixes", &words, |a, b| b.ends_with(a));
    let words: Vec<&str> = ANCHORS_ZH_BOUND_SUFFIXES.iter().map(|r| r.0).collect();
    check("zh-bound-suffixes", &words, |a, b| b.starts_with(a));
    let words: Vec<&str> = ANCHORS_EN_BOUND_SUFFIXES.iter().map(|r| r.0).collect();
    check("en-bound-suffixes", &words, |a, b| {
        b.starts_with(&format!("{a} "))
    });
}

/// English atoms skip words longer than 12 letters without looking them up.
#[test]
fn number_and_month_words_are_short() {
    use crate::words::*;
    let words = ANCHORS_EN_CARDINALS
        .iter()
        .map(|r| r.0)
        .chain(ANCHORS_EN_ORDINALS.iter().map(|r| r.0))
        .chain(ANCHORS_EN_SCALES.iter().map(|r| r.0))
        .chain(ANCHORS_EN_FRACTIONS.iter().map(|r| r.0))
        .chain(ANCHORS_EN_MONTHS.iter().map(|r| r.0));
    for w in words {
        assert!(w.len() <= 12, "{w}");
    }
}

#[test]
fn a_unit_of_time_after_an_amount_is_a_rate() {
    // "6.5 per cent a year" and "$100 a month" say how often, as 每年 and
    // 每月 do: no period of one year or month. "for a year" is one.
    for t in [
        "an increase of 6.5 per cent a year",
        "a fee of $100 a month",
        "a fee of 100 yuan a month",
        "10% a year",
    ] {
        let found = numbers(t, Lang::En);
        assert!(
            found
                .iter()
                .all(|a| !a.surface.ends_with("year") && !a.surface.ends_with("month")),
            "{t}: {found:?}"
        );
    }
    let found = numbers("we keep it for a year", Lang::En);
    assert!(found.iter().any(|a| a.surface == "a year"), "{found:?}");
}
