//! Negation and modality cues.
//!
//! One consistent rule for the checker: a prohibition (`不得`, `禁止`,
//! `shall not`, `cannot`, `prohibited`) is **one** Modal anchor with
//! [`Modality::Prohibition`] **and** one Negation anchor. A negated
//! obligation (`无需`, `不必`, `need not`, `not required to`) is one
//! Negation plus a Modal [`Modality::Permission`]; a negated future
//! (`不会`, `will not`) is one Negation plus a Modal [`Modality::Future`].
//! Other modal + negation pairs are just the two separate cues.

use std::sync::OnceLock;

use super::doc::{Coverage, Doc, is_latin_alnum};
use super::phrases::PhraseTable;
use super::{Anchor, AnchorKind, AnchorValue, Lang, Modality};
use crate::lang::is_han;

// ───────────────────────────── Chinese ─────────────────────────────

/// Words that contain a negation character but are not negations of the
/// clause (offset of the trigger character inside the word).
const ZH_NOT_NEG: &[(&str, usize)] = &[
    ("不仅", 0),
    ("不但", 0),
    ("不只", 0),
    ("不光", 0),
    ("不论", 0),
    ("不管", 0),
    ("不同", 0),
    ("不少", 0),
    ("不断", 0),
    ("不久", 0),
    ("不时", 0),
    ("不便", 0),
    ("不良", 0),
    ("不当", 0),
    ("不法", 0),
    ("不利", 0),
    ("不满", 0),
    ("不足", 0),
    ("不止", 0),
    ("不超过", 0),
    ("不超出", 0),
    ("不少于", 0),
    ("不低于", 0),
    ("不高于", 0),
    ("不多于", 0),
    ("不大于", 0),
    ("不小于", 0),
    ("不晚于", 0),
    ("不迟于", 0),
    ("不早于", 0),
    ("不短于", 0),
    ("不长于", 0),
    ("不限于", 0),
    ("不可抗力", 0),
    ("不可撤销", 0),
    ("不可撤回", 0),
    ("不可转让", 0),
    ("不可再许可", 0),
    ("不可分", 0),
    ("不可或缺", 0),
    ("不可避免", 0),
    ("不可预见", 0),
    ("不准确", 0),
    ("不完整", 0),
    ("不必要", 0),
    ("不合理", 0),
    ("不公平", 0),
    ("不正当", 0),
    ("不合法", 0),
    ("不安全", 0),
    ("不适", 0),
    ("不恰当", 0),
    ("不一致", 0),
    ("不相关", 0),
    ("不真实", 0),
    ("不确定", 0),
    ("不稳定", 0),
    ("不明", 0),
    ("不特定", 0),
    ("不定期", 0),
    ("不正常", 0),
    ("不要求", 0),
    ("不包括", 0),
    ("不妨", 0),
    ("而不是", 1),
    ("而非", 1),
    ("不相同", 0),
    ("不一样", 0),
    ("意见不一", 2),
    ("犹豫不决", 2),
    ("不安", 0),
    ("无所事事", 0),
    ("不过", 0),
    ("不惜", 0),
    ("不道德", 0),
    ("不包含", 0),
    ("并非仅", 0),
    ("并非只", 0),
    ("并不仅", 1),
    ("并不只", 1),
    ("未来", 0),
    ("未成年", 0),
    ("未满", 0),
    ("未知", 0),
    ("无论", 0),
    ("无线", 0),
    ("无偿", 0),
    ("无误", 0),
    ("无关", 0),
    ("无效", 0),
    ("无限", 0),
    ("无条件", 0),
    ("无形", 0),
    ("无痕", 0),
    ("无障碍", 0),
    ("无损", 0),
    ("无人", 0),
    // 没 read mò: confiscate, sink, submerge.
    ("没收", 0),
    ("淹没", 1),
    ("埋没", 1),
    ("沉没", 1),
    ("出没", 1),
    ("覆没", 1),
    ("无意中", 0),
    ("无意间", 0),
    ("无意识", 0),
    ("无意地", 0),
    ("无故", 0),
    ("无数", 0),
    ("无所谓", 0),
    ("毫不", 1),
    ("是否", 1),
    ("否则", 0),
    ("能否", 1),
    ("可否", 1),
    ("与否", 1),
];

/// A Chinese cue: pattern, counts as negation, modality.
type ZhCue = (&'static str, bool, Option<Modality>);

const ZH_CUES: &[ZhCue] = &[
    ("不得不", false, Some(Modality::Obligation)),
    ("不得", true, Some(Modality::Prohibition)),
    ("不应当", true, Some(Modality::Prohibition)),
    ("不应该", true, Some(Modality::Prohibition)),
    ("不应", true, Some(Modality::Prohibition)),
    ("不能够", true, Some(Modality::Prohibition)),
    ("不能", true, Some(Modality::Prohibition)),
    ("不可以", true, Some(Modality::Prohibition)),
    // 不可行 is "not feasible", no prohibition.
    ("不可行", true, None),
    ("不可", true, Some(Modality::Prohibition)),
    ("不允许", true, Some(Modality::Prohibition)),
    ("不准", true, Some(Modality::Prohibition)),
    ("不许", true, Some(Modality::Prohibition)),
    ("不要", true, Some(Modality::Prohibition)),
    ("不会", true, Some(Modality::Future)),
    ("不将", true, Some(Modality::Future)),
    ("不必", true, Some(Modality::Permission)),
    ("不需要", true, Some(Modality::Permission)),
    ("不需", true, Some(Modality::Permission)),
    ("不用", true, Some(Modality::Permission)),
    ("不", true, None),
    ("未经", true, None),
    ("未能", true, None),
    ("未", true, None),
    ("无需", true, Some(Modality::Permission)),
    ("无须", true, Some(Modality::Permission)),
    ("毋须", true, Some(Modality::Permission)),
    ("毋需", true, Some(Modality::Permission)),
    ("无法", true, Some(Modality::Prohibition)),
    ("无权", true, Some(Modality::Prohibition)),
    ("无", true, None),
    ("没有", true, None),
    ("没", true, None),
    ("并非", true, None),
    ("绝非", true, None),
    ("决非", true, None),
    ("非经", true, None),
    ("请勿", true, Some(Modality::Prohibition)),
    ("切勿", true, Some(Modality::Prohibition)),
    ("勿", true, Some(Modality::Prohibition)),
    ("禁止", true, Some(Modality::Prohibition)),
    ("严禁", true, Some(Modality::Prohibition)),
    ("拒绝", true, None),
];

fn zh_not_neg(doc: &Doc, i: usize) -> Option<usize> {
    static TABLE: OnceLock<PhraseTable> = OnceLock::new();
    TABLE
        .get_or_init(|| PhraseTable::new(ZH_NOT_NEG.iter().copied()))
        .find(doc, i)
        .map(|m| m.end)
}

/// The cue words, each triggered by its first character.
fn zh_cues() -> &'static PhraseTable {
    static TABLE: OnceLock<PhraseTable> = OnceLock::new();
    TABLE.get_or_init(|| PhraseTable::new(ZH_CUES.iter().map(|(w, _, _)| (*w, 0))))
}

fn zh_cue_at(doc: &Doc, i: usize) -> Option<(usize, bool, Option<Modality>)> {
    let m = zh_cues().find(doc, i)?;
    let (_, neg, modality) = ZH_CUES.get(m.row)?;
    Some((m.end - m.start, *neg, *modality))
}

/// Scans Chinese negation and prohibition cues: (start, end, neg, modality).
/// Does the text contain any character of the CJK blocks (UTF-8 lead byte
/// 0xE3–0xE9 or a 4-byte sequence)? A cheap byte scan that lets the Chinese
/// passes skip pure-Latin clauses.
fn has_cjk(doc: &Doc) -> bool {
    doc.text
        .bytes()
        .any(|b| (0xE3..=0xE9).contains(&b) || b >= 0xF0)
}

fn zh_neg_cues(doc: &Doc, cov: &Coverage) -> Vec<(usize, usize, bool, Option<Modality>)> {
    let mut out = Vec::new();
    if !has_cjk(doc) {
        return out;
    }
    let n = doc.len();
    let mut i = 0;
    while i < n {
        let c = doc.at(i);
        if !zh_cues().is_trigger(c) || cov.is(i) {
            i += 1;
            continue;
        }
        // 而不是 is "rather than", but in 反而不是 / 然而不是 the 而 belongs
        // to the conjunction before it and 不是 negates.
        let conjunction_er = c == '不'
            && doc.before(i) == '而'
            && i >= 2
            && matches!(doc.at(i - 2), '反' | '然' | '因' | '从' | '进' | '继');
        if !conjunction_er && let Some(skip) = zh_not_neg(doc, i) {
            i = skip.max(i + 1);
            continue;
        }
        // A-not-A questions: 是不是, 会不会, 有没有, 能不能
        if matches!(c, '不' | '没') && doc.before(i) == doc.at(i + 1) && is_han(doc.before(i)) {
            i += 1;
            continue;
        }
        match zh_cue_at(doc, i) {
            Some((len, mut neg, m)) => {
                // 不得超过 / 不会超过 / 不能低于: a bound, not a negation
                if c == '不' {
                    const BOUND_VERBS: &[&str] = &[
                        "超过", "超出", "多于", "少于", "低于", "高于", "晚于", "迟于", "早于",
                        "短于", "长于", "大于", "小于",
                    ];
                    if BOUND_VERBS.iter().any(|b| doc.starts_with(i + len, b)) {
                        neg = false;
                    }
                }
                out.push((i, i + len, neg, m));
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

fn zh_modal_at(doc: &Doc, i: usize) -> Option<(usize, Modality)> {
    let c = doc.at(i);
    let p = doc.before(i);
    let nx = doc.at(i + 1);
    use Modality::*;
    let multi: &[(&str, Modality)] = &[
        ("必须", Obligation),
        ("应当", Obligation),
        ("应该", Obligation),
        ("理应", Obligation),
        ("务必", Obligation),
        ("有义务", Obligation),
        ("有责任", Obligation),
        ("可以", Permission),
        ("能够", Permission),
        ("有权", Permission),
        ("将会", Future),
        ("将要", Future),
        ("即将", Future),
    ];
    for (pat, m) in multi {
        if doc.starts_with(i, pat) {
            if *pat == "可以" && doc.at(i + 2) == '说' {
                return None;
            }

            return Some((pat.chars().count(), *m));
        }
    }
    match c {
        '应' => {
            // 应计养恤金 / 应付账款: accounting terms, but 应计入 is "should count"
            if nx == '计' && doc.at(i + 2) != '入' {
                return None;
            }
            if matches!(
                p,
                '反' | '回'
                    | '响'
                    | '适'
                    | '相'
                    | '对'
                    | '供'
                    | '感'
                    | '效'
                    | '呼'
                    | '答'
                    | '顺'
                    | '理'
            ) || matches!(
                nx,
                '用' | '答' | '急' | '聘' | '邀' | '收' | '变' | '激' | '届' | '对'
            ) {
                None
            } else {
                Some((if nx == '予' { 2 } else { 1 }, Obligation))
            }
        }
        '须' => {
            if matches!(nx, '知') || matches!(p, '必' | '无' | '胡' | '毋') {
                None
            } else {
                Some((1, Obligation))
            }
        }
        '需' => {
            if matches!(nx, '求')
                || matches!(
                    p,
                    '的' | '所' | '据' | '按' | '如' | '若' | '必' | '急' | '不' | '无' | '之'
                )
            {
                None
            } else if nx == '要' {
                if matches!(doc.at(i + 2), '的') {
                    None
                } else {
                    Some((2, Obligation))
                }
            } else {
                Some((1, Obligation))
            }
        }
        '可' => {
            // 可否 asks (政府可否告知本局 = "will the Government inform
            // this Council"), like 能否 and 会否.
            if matches!(p, '许' | '认' | '不' | '尽' | '即' | '无' | '宁') || nx == '否' {
                return None;
            }
            if nx == '能' {
                // 可能 (possibility); not 可能性 / 尽可能 / 可能的
                if matches!(doc.at(i + 2), '性' | '的') {
                    return None;
                }
                return Some((2, Permission));
            }
            const ADJ: &[char] = &[
                '是', '见', '靠', '信', '行', '选', '读', '视', '控', '观', '爱', '疑', '惜', '识',
                '用', '乐', '口', '怜', '恶', '笑', '谓', '及', '燃', '比', '变', '持', '移', '撤',
                '转', '扩', '执', '编', '塑', '溶', '调', '复', '再', '免', '供', '达', '量', '分',
                '参', '携', '歌', '泣', '想',
            ];
            if ADJ.contains(&nx) {
                return None;
            }
            // -able adjectives: 可 + 1–3 characters + 的
            if (2..=4).any(|d| doc.at(i + d) == '的' && (1..d).all(|x| is_han(doc.at(i + x)))) {
                return None;
            }
            Some((1, Permission))
        }
        '能' => {
            if matches!(
                p,
                '功' | '性'
                    | '智'
                    | '技'
                    | '职'
                    | '效'
                    | '赋'
                    | '本'
                    | '体'
                    | '潜'
                    | '机'
                    | '动'
                    | '热'
                    | '电'
                    | '核'
                    | '节'
                    | '储'
                    | '产'
                    | '全'
                    | '万'
                    | '官'
                    | '异'
                    | '无'
                    | '可'
                    | '不'
                    | '未'
                    | '才'
                    | '低'
                    | '高'
                    | '势'
                    | '光'
                    | '化'
                    | '风'
                    | '太'
            ) || matches!(nx, '力' | '源' | '量' | '耗' | '效' | '级' | '否')
            {
                None
            } else {
                Some((1, Permission))
            }
        }
        '允' | '准' => {
            // 被允许 / 获准许: a passive permission; the bare verb "allow" is not modal
            let len = if doc.starts_with(i, "允许") || doc.starts_with(i, "准许") {
                2
            } else {
                return None;
            };
            if matches!(p, '被' | '获') {
                Some((len, Permission))
            } else {
                None
            }
        }
        '会' => {
            // 可能会 / 可会 / 能会: the possibility modal already counts
            if matches!(p, '能' | '可') {
                return None;
            }
            const NOUN_BEFORE: &[char] = &[
                '大', '委', '员', '社', '机', '协', '学', '理', '事', '常', '议', '全', '开', '体',
                '误', '约', '聚', '宴', '晚', '览', '金', '讨', '工', '商', '国', '年', '例', '峰',
                '省', '闭', '休', '与', '届', '分', '总', '董', '监', '研', '展', '交', '酒', '舞',
                '演', '庙', '盛', '茶', '集', '纪', '法', '不', '将', '都', '区', '市', '县', '局',
                '联', '盟', '部', '组', '座', '研', '幽', '相', '领', '融', '际', '附', '赴', '再',
                '拜',
            ];
            const NOUN_AFTER: &[char] = &[
                '议', '员', '话', '计', '长', '费', '籍', '期', '场', '所', '上', '后', '见', '晤',
                '谈', '同', '签', '务', '址', '徽', '师', '标', '旗', '歌', '刊', '馆', '堂', '客',
                '诊', '审', '考', '战', '合', '意', '心', '聚', '友', '众', '面', '商', '章', '规',
                '内', '外', '中', '前', '间', '次', '址',
            ];
            if NOUN_BEFORE.contains(&p) || NOUN_AFTER.contains(&nx) {
                None
            } else {
                Some((1, Future))
            }
        }
        '将' => {
            // Future only before a verb, adverb or preposition; otherwise it is
            // the ba-construction (将其/将您的信息…) or a noun (将来, 将近)
            const FUTURE_NEXT: &[char] = &[
                '会', '要', '在', '于', '被', '不', '无', '继', '根', '按', '依', '通', '对', '与',
                '由', '向', '以', '予', '进', '提', '收', '使', '采', '删', '停', '获', '保', '成',
                '作', '视', '是', '受', '尽', '立', '及', '自', '失', '承', '终', '适', '发', '告',
                '更', '记', '存', '储', '征', '直', '另', '重', '努', '得', '可', '能', '仍', '只',
                '仅', '也', '都', '均', '再', '全', '积', '持', '确', '协', '配', '负', '赔', '追',
                '暂', '限', '拒', '撤', '从', '给', '同', '帮', '开', '有', '没', '按', '加', '予',
                '优', '定', '逐', '主', '另', '遵', '严', '认', '采', '立', '设', '建', '推', '针',
                '把', '取', '造', '导', '面', '处',
            ];
            // Right after a modal verb (可以将通知发送…, 必须将其删除) 将 marks
            // the object: the modal before it is the cue.
            const MODAL_BEFORE: &[&str] = &[
                "可以", "能够", "应当", "应该", "必须", "需要", "不得", "不能", "不可", "无须",
                "无需", "得以",
            ];
            if MODAL_BEFORE.iter().any(|m| doc.ends_with(i, m)) {
                return None;
            }
            if FUTURE_NEXT.contains(&nx) && p != '大' && p != '即' && !doc.starts_with(i + 1, "来")
            {
                Some((1, Future))
            } else {
                None
            }
        }
        _ => None,
    }
}

fn zh_modal_trigger(c: char) -> bool {
    matches!(
        c,
        '必' | '应'
            | '理'
            | '务'
            | '有'
            | '可'
            | '能'
            | '允'
            | '准'
            | '将'
            | '即'
            | '须'
            | '需'
            | '会'
    )
}

// ───────────────────────────── English ─────────────────────────────

fn en_neg_word(lc: &str) -> bool {
    matches!(
        lc,
        "not"
            | "no"
            | "never"
            | "neither"
            | "nor"
            | "none"
            | "nothing"
            | "nobody"
            | "nowhere"
            | "without"
            | "cannot"
            | "unable"
            | "fail"
            | "fails"
            | "failed"
            | "failure"
            | "unauthorized"
            | "unauthorised"
            | "prohibited"
            | "prohibit"
            | "prohibits"
            | "prohibiting"
            | "forbidden"
            | "forbid"
            | "forbids"
            | "refuse"
            | "refuses"
            | "refused"
            | "refusing"
            | "refusal"
            | "deny"
            | "denies"
            | "denied"
            | "denying"
    ) || lc.ends_with("n't")
}

fn adjacent(doc: &Doc, k: usize, j: usize) -> bool {
    match (doc.word(k), doc.word(j)) {
        (Some(a), Some(b)) => doc.only_spaces(a.e, b.s, 2),
        _ => false,
    }
}

/// Lowercase word `k + d` if it directly follows (only spaces between).
fn next_w<'d>(doc: &'d Doc, k: usize, d: usize) -> &'d str {
    let mut cur = k;
    for _ in 0..d {
        if !adjacent(doc, cur, cur + 1) {
            return "";
        }
        cur += 1;
    }
    doc.wlc(cur)
}

/// Lowercase word `k - d` if it directly precedes (only spaces between).
fn prev_w<'d>(doc: &'d Doc, k: usize, d: usize) -> &'d str {
    let mut cur = k;
    for _ in 0..d {
        let Some(p) = cur.checked_sub(1) else {
            return "";
        };
        if !adjacent(doc, p, cur) {
            return "";
        }
        cur = p;
    }
    doc.wlc(cur)
}

fn en_neg_cues(doc: &Doc, cov: &Coverage) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let words = doc.words();
    for (k, w) in words.iter().enumerate() {
        let lc = doc.wlc(k);
        if !en_neg_word(lc) || cov.any(w.s, w.e) {
            continue;
        }
        let n1 = next_w(doc, k, 1);
        let n2 = next_w(doc, k, 2);
        let skip = match lc {
            "not" => {
                let after = doc.at(doc.skip_sp(w.e, 1));
                matches!(
                    n1,
                    "only" | "just" | "merely" | "solely" | "exceeding" | "exceed" | "exceeds"
                ) || (prev_w(doc, k, 1) == "or" && matches!(after, ',' | '.' | ';' | ')' | '\0'))
                    || (n1 == "limited" && n2 == "to")
                    || (matches!(
                        n1,
                        "later" | "more" | "less" | "fewer" | "earlier" | "greater" | "longer"
                    ) && n2 == "than")
                    || (n1 == "to" && n2 == "exceed")
                    || (prev_w(doc, k, 1) == "or" && prev_w(doc, k, 2) == "whether")
            }
            "no" => {
                let after = doc.at(w.e);
                // "No, Sir, ..." at the start of a sentence or reply answers a
                // question; the negation that follows, if any, counts.
                let answer = after == ','
                    && matches!(
                        doc.before(doc.skip_sp_back(w.s, 3)),
                        '\0' | ':' | '：' | '"' | '“' | '.' | '?' | '!'
                    );
                answer
                    || after == '-'
                    || n1 == "matter"
                    || (after == '.' && doc.at(doc.skip_sp(w.e + 1, 2)).is_ascii_digit())
                    || doc.at(doc.skip_sp(w.e, 1)).is_ascii_digit()
                    || (matches!(
                        n1,
                        "later" | "more" | "less" | "fewer" | "earlier" | "greater"
                    ) && n2 == "than")
            }
            "fail" | "fails" | "failed" | "failure" => n1 != "to",
            // "none the less" is "nonetheless"
            "none" => n1 == "the" && n2 == "less",
            "refuse" => {
                !(n1 == "to"
                    || matches!(
                        prev_w(doc, k, 1),
                        "we" | "you"
                            | "they"
                            | "i"
                            | "may"
                            | "can"
                            | "will"
                            | "shall"
                            | "to"
                            | "must"
                            | "could"
                            | "might"
                            | "would"
                            | "should"
                            | "not"
                            | "or"
                    ))
            }
            "without" => {
                n1 == "limitation"
                    || n1 == "limiting"
                    || (prev_w(doc, k, 1) == "or" && prev_w(doc, k, 2) == "with")
            }
            _ => false,
        };
        if !skip {
            out.push((w.s, w.e));
        }
    }
    out
}

fn month_like_may(doc: &Doc, k: usize) -> bool {
    let Some(w) = doc.word(k) else { return false };
    if doc.at(w.s) != 'M' {
        return false;
    }
    let nx = doc.skip_sp(w.e, 2);
    if doc.at(nx).is_ascii_digit() {
        return true;
    }
    let pb = doc.skip_sp_back(w.s, 2);
    if doc.before(pb).is_ascii_digit() {
        return true;
    }
    let p = prev_w(doc, k, 1);
    matches!(
        p,
        "in" | "of"
            | "since"
            | "until"
            | "till"
            | "by"
            | "from"
            | "early"
            | "late"
            | "mid"
            | "end"
            | "during"
            | "before"
            | "after"
            | "through"
            | "to"
            | "and"
            | "last"
            | "next"
            | "this"
    ) && !doc.sentence_initial(w.s)
}

/// Words that can start an English modal cue.
fn en_modal_trigger(lc: &str) -> bool {
    matches!(
        lc,
        "must"
            | "shall"
            | "should"
            | "mustn't"
            | "shan't"
            | "shouldn't"
            | "ought"
            | "may"
            | "might"
            | "can"
            | "cannot"
            | "can't"
            | "couldn't"
            | "could"
            | "will"
            | "won't"
            | "would"
            | "wouldn't"
            | "need"
            | "needs"
            | "needn't"
            | "have"
            | "has"
            | "had"
            | "required"
            | "obliged"
            | "obligated"
            | "entitled"
            | "permitted"
            | "allowed"
            | "authorized"
            | "authorised"
            | "able"
            | "unable"
            | "right"
            | "rights"
            | "prohibited"
            | "forbidden"
            | "prohibit"
            | "prohibits"
            | "forbid"
            | "forbids"
            | "going"
            | "do"
            | "don't"
    )
}

fn en_modals(doc: &Doc, cov: &Coverage, out: &mut Vec<(usize, usize, Modality)>) {
    use Modality::*;
    let words = doc.words();
    for (k, w) in words.iter().enumerate() {
        if cov.any(w.s, w.e) {
            continue;
        }
        let lc = doc.wlc(k);
        if !en_modal_trigger(lc) {
            continue;
        }
        let n1 = next_w(doc, k, 1);
        let n2 = next_w(doc, k, 2);
        let p1 = prev_w(doc, k, 1);
        let p2 = prev_w(doc, k, 2);
        let neg_before = matches!(p1, "not" | "never")
            || p1.ends_with("n't")
            || (p2 == "not" && matches!(p1, "be" | "been"));
        let end_next = |d: usize| -> usize { doc.word(k + d).map(|x| x.e).unwrap_or(w.e) };
        let hit: Option<(usize, Modality)> = match lc {
            "must" | "shall" | "should" => {
                if matches!(p1, "a" | "the") {
                    None
                } else if lc == "shall" && matches!(n1, "mean" | "means") {
                    // definitional "shall mean" (= 系指)
                    None
                } else if n1 == "not" || n1 == "never" {
                    Some((end_next(1), Prohibition))
                } else {
                    Some((w.e, Obligation))
                }
            }
            "mustn't" | "shan't" | "shouldn't" => Some((w.e, Prohibition)),
            "ought" if n1 == "to" => Some((end_next(1), Obligation)),
            "ought" if n1 == "not" => Some((end_next(1), Prohibition)),
            "may" => {
                if month_like_may(doc, k) {
                    None
                } else if n1 == "not" && n2 == "be" && next_w(doc, k, 3) == "able" {
                    // "may not be able to": possibility + inability
                    Some((w.e, Permission))
                } else if n1 == "not" || n1 == "never" {
                    Some((end_next(1), Prohibition))
                } else {
                    Some((w.e, Permission))
                }
            }
            "might" => Some((w.e, Permission)),
            "can" => {
                // "a can", "the trash can"; "that can be stored" is a modal.
                let noun = matches!(p1, "a" | "the" | "trash" | "tin" | "garbage")
                    || (matches!(p1, "this" | "that") && matches!(n1, "" | "of" | "is" | "was"));
                if noun {
                    None
                } else if n1 == "not" {
                    Some((end_next(1), Prohibition))
                } else {
                    Some((w.e, Permission))
                }
            }
            "cannot" | "can't" | "couldn't" => Some((w.e, Prohibition)),
            "could" => {
                if n1 == "not" {
                    Some((end_next(1), Prohibition))
                } else {
                    Some((w.e, Permission))
                }
            }
            "will" => {
                if matches!(
                    p1,
                    "free"
                        | "good"
                        | "ill"
                        | "at"
                        | "own"
                        | "the"
                        | "a"
                        | "his"
                        | "her"
                        | "their"
                        | "your"
                        | "my"
                        | "against"
                        | "of"
                        | "goodwill"
                ) {
                    None
                } else {
                    Some((w.e, Future))
                }
            }
            "won't" | "would" | "wouldn't" => Some((w.e, Future)),
            "need" | "needs" => {
                if matches!(
                    p1,
                    "a" | "the"
                        | "any"
                        | "your"
                        | "our"
                        | "their"
                        | "its"
                        | "this"
                        | "that"
                        | "of"
                        | "as"
                ) {
                    None
                } else if p1 == "no" && n1 == "to" {
                    Some((end_next(1), Permission))
                } else if n1 == "to" {
                    if neg_before {
                        Some((end_next(1), Permission))
                    } else {
                        Some((end_next(1), Obligation))
                    }
                } else if n1 == "not" {
                    Some((end_next(1), Permission))
                } else {
                    None
                }
            }
            "needn't" => Some((w.e, Permission)),
            "have" | "has" | "had" => {
                if n1 == "to" && n2 != "do" && !matches!(p1, "i") {
                    if neg_before {
                        Some((end_next(1), Permission))
                    } else {
                        Some((end_next(1), Obligation))
                    }
                } else {
                    None
                }
            }
            "required" | "obliged" | "obligated" => {
                if n1 == "to" {
                    if neg_before {
                        Some((end_next(1), Permission))
                    } else {
                        Some((end_next(1), Obligation))
                    }
                } else {
                    None
                }
            }
            "entitled" | "permitted" | "allowed" | "authorized" | "authorised" | "able" => {
                if n1 == "to" {
                    if neg_before {
                        Some((end_next(1), Prohibition))
                    } else {
                        Some((end_next(1), Permission))
                    }
                } else {
                    None
                }
            }
            "unable" if n1 == "to" => Some((end_next(1), Prohibition)),
            "right" | "rights" => {
                let owner = |w: &str| {
                    matches!(
                        w,
                        "have" | "has" | "had" | "reserve" | "reserves" | "retain" | "retains"
                    )
                };
                let det = matches!(p1, "the" | "all" | "a");
                if n1 == "to" && ((det && owner(p2)) || owner(p1)) {
                    Some((end_next(1), Permission))
                } else if n1 == "to" && p1 == "no" {
                    Some((end_next(1), Prohibition))
                } else {
                    None
                }
            }
            "prohibited" | "forbidden" | "prohibit" | "prohibits" | "forbid" | "forbids" => {
                Some((w.e, Prohibition))
            }
            "going" => {
                if n1 == "to" && matches!(p1, "is" | "are" | "am" | "was" | "were" | "'s" | "'re") {
                    Some((end_next(1), Future))
                } else {
                    None
                }
            }
            "do" | "don't" => {
                let imperative = doc.at(w.s) == 'D' && doc.sentence_initial(w.s);
                if imperative && (lc == "don't" || n1 == "not") {
                    Some((if lc == "do" { end_next(1) } else { w.e }, Prohibition))
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some((e, m)) = hit {
            // "not entitled to": include the negation in the span
            out.push((w.s, e.max(w.e), m));
        }
    }
}

// ───────────────────────────── public scans ─────────────────────────────

/// Negation cues. Chinese and English are both scanned in either language,
/// because clauses often mix scripts (English quotations in Chinese text).
pub(super) fn negations(
    doc: &Doc,
    lang: Lang,
    cov: &Coverage,
    negs: &ZhNegCues,
    out: &mut Vec<Anchor>,
) {
    let _ = lang;
    for &(s, e, neg, _) in negs.get(doc, cov) {
        if neg {
            out.push(Anchor::new(
                doc,
                AnchorKind::Negation,
                AnchorValue::Polarity,
                s,
                e,
            ));
        }
    }
    for (s, e) in en_neg_cues(doc, cov) {
        out.push(Anchor::new(
            doc,
            AnchorKind::Negation,
            AnchorValue::Polarity,
            s,
            e,
        ));
    }
}

/// The Chinese negation and prohibition cues of a clause ([`zh_neg_cues`]),
/// scanned on first use and shared by [`negations`] and [`modals`], which
/// both need them.
#[derive(Default)]
pub(super) struct ZhNegCues(std::cell::OnceCell<Vec<ZhNegCue>>);

/// One cue of [`zh_neg_cues`]: start, end, whether it negates, and the
/// modality it expresses.
type ZhNegCue = (usize, usize, bool, Option<Modality>);

impl ZhNegCues {
    /// The cues of `doc` outside `cov` (the same `doc` and `cov` on every call).
    fn get(&self, doc: &Doc, cov: &Coverage) -> &[ZhNegCue] {
        self.0.get_or_init(|| zh_neg_cues(doc, cov))
    }
}

/// Modal cues (see the module documentation for the combined rules).
pub(super) fn modals(
    doc: &Doc,
    lang: Lang,
    cov: &Coverage,
    negs: &ZhNegCues,
    out: &mut Vec<Anchor>,
) {
    let _ = lang;
    // Chinese: negated forms first, then the positive modals outside them.
    let negs = negs.get(doc, cov);
    let mut blocked = vec![false; if negs.is_empty() { 0 } else { doc.len() }];
    for &(s, e, _, m) in negs {
        if let Some(m) = m {
            out.push(Anchor::new(
                doc,
                AnchorKind::Modal,
                AnchorValue::Modality(m),
                s,
                e,
            ));
            for b in blocked.iter_mut().take(e).skip(s) {
                *b = true;
            }
        } else {
            // 不/未/无 + following modal: the modal still counts
        }
    }
    let n = if has_cjk(doc) { doc.len() } else { 0 };
    let mut i = 0;
    while i < n {
        let c = doc.at(i);
        if !zh_modal_trigger(c) || cov.is(i) || blocked.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        if let Some((len, m)) = zh_modal_at(doc, i) {
            if !(i..i + len).any(|k| blocked.get(k).copied().unwrap_or(false)) {
                out.push(Anchor::new(
                    doc,
                    AnchorKind::Modal,
                    AnchorValue::Modality(m),
                    i,
                    i + len,
                ));
            }
            i += len;
        } else {
            i += 1;
        }
    }
    let mut en = Vec::new();
    en_modals(doc, cov, &mut en);
    for (s, e, m) in en {
        if is_latin_alnum(doc.at(s)) {
            out.push(Anchor::new(
                doc,
                AnchorKind::Modal,
                AnchorValue::Modality(m),
                s,
                e,
            ));
        }
    }
}
