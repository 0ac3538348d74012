//! Unit tests of the modality rule.

use super::*;
use crate::check::CheckParams;
use crate::check::testing::{all_findings, findings};

#[test]
fn as_may_be_is_a_formula() {
    let zh = "我们将采取必要措施保护您的个人信息。";
    let en = "We will take such measures as may be necessary to protect your personal information.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    // A possibility the Chinese states firmly is still one.
    let en = "We may take measures to protect your personal information.";
    assert!(!findings(zh, en).is_empty());
    // "as their work may require" is "as needed" (因工作所需).
    let zh = "外籍雇员继续享有因工作所需的出入境自由。";
    let en = "Expatriates keep their freedom to travel in and out as their work may require.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    // "as Members may have noted", "as you may know": what the reader is
    // taken to know (相信各位已知道, 如您所知).
    let may_at = |en: &str| crate::anchors::Anchor {
        kind: crate::anchors::AnchorKind::Modal,
        value: crate::anchors::AnchorValue::Modality(crate::anchors::Modality::Permission),
        surface: "may".into(),
        start: en.find("may").unwrap(),
        end: en.find("may").unwrap() + 3,
    };
    for en in [
        "Sir, as Members may have noted from the announcement, the duty was cut.",
        "As you may know, we have moved our offices.",
    ] {
        assert!(english::formulaic_may(en, &may_at(en)), "{en}");
    }
    // Without the "as" it is a possibility.
    let en = "Members may have noted the announcement.";
    assert!(!english::formulaic_may(en, &may_at(en)));
    // Not when "as" is in an earlier clause.
    let en = "As a rule, expatriates keep their freedom, and their employers may require them to travel.";
    assert!(!english::formulaic_may(en, &may_at(en)));
}

#[test]
fn a_party_ending_in_fang_may() {
    // 一方可以 is "a party may", not the condition 方可 "only then may".
    let en = "Either party may terminate this Agreement at any time by written notice.";
    let zh = "任何一方可以随时书面通知终止本协议。";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
}

#[test]
fn a_negated_obligation_is_a_permission() {
    let zh = "您无需提供您的姓名即可使用本服务。";
    for en in [
        "You are not required to provide your name to use the Service.",
        "You do not need to provide your name to use the Service.",
        "You don't have to provide your name to use the Service.",
    ] {
        assert!(findings(zh, en).is_empty(), "{en}: {:?}", findings(zh, en));
    }
}

#[test]
fn a_verb_of_need_translated_as_a_verb_is_no_modal() {
    // 需要 is "require" here, not an obligation against "may".
    let zh = "您可以启用需要额外权限的各种服务。";
    let en = "You may enable various services that require additional rights.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    let zh = "更改设置可能会导致需要重新登录。";
    let en = "Changing the settings may require you to log in again.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    // An obligation the other side turns into a permission stays one.
    let zh = "您必须启用需要额外权限的各种服务。";
    assert!(
        !findings(
            zh,
            "You may enable various services that need additional rights."
        )
        .is_empty()
    );
}

#[test]
fn would_is_a_firm_future() {
    // 将 ... "would": the reported future, not a weakened promise.
    let zh = "政府表示，该条例将于明年提交立法局审议。";
    let en = "The Government said that the Ordinance would be submitted to the Legislative Council next year.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    // 可以 against "would" (a future, or a condition): too ambiguous to
    // report; 可能 against "will" is a weakened promise.
    assert!(findings("政府表示，该条例可以于明年提交立法局审议。", en).is_empty());
    let weakened = findings(
        "政府表示，该条例可能于明年提交立法局审议。",
        "The Government said that the Ordinance will be submitted to the Legislative Council next year.",
    );
    assert!(
        weakened.iter().any(|(k, _)| *k == FindingKind::Modality),
        "{weakened:?}"
    );
}

#[test]
fn will_ending_a_sentence_is_the_noun() {
    let en = "Clauses 11 and 12 amend the Wills Ordinance to enable a person who has attained 18 years of age to make a valid will.";
    assert!(
        findings(
            "草案第11及12条将遗嘱条例修订，使年届18岁的人士可订立有效的遗嘱。",
            en
        )
        .is_empty()
    );
    let added = findings(
        "草案第11及12条可能遗嘱条例修订，使年届18岁的人士可订立有效的遗嘱。",
        en,
    );
    assert!(
        added.iter().any(|(k, m)| *k == FindingKind::Modality
            && m.starts_with("possibility only in the Chinese version")),
        "{added:?}"
    );
}

#[test]
fn jiang_after_a_modal_marks_the_object() {
    // 可以将通知发送到 = "may send the notice to": 将 is no "will".
    let zh = "您也可以将通知发送到以下地址。";
    let en = "You may also send notices to the following address.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
}

#[test]
fn a_polite_may_is_no_possibility() {
    let zh = "主席先生，请让我先交代一下有关这项问题的背景。";
    let en = "Sir, may I first set the problem in some sort of context.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
}

#[test]
fn promise_not_against_may_not() {
    let zh = "我们绝不会因任何人行使其隐私权利而歧视任何人。";
    let weakened = findings(
        zh,
        "We may never discriminate against anyone for exercising their privacy rights.",
    );
    assert_eq!(weakened.len(), 1, "{weakened:?}");
    assert_eq!(weakened[0].0, FindingKind::Modality);
    assert!(weakened[0].1.contains("weakened in the English version"));
    // Faithful: "will never", and a prohibition against "may not".
    assert!(
        findings(
            zh,
            "We will never discriminate against anyone for exercising their privacy rights.",
        )
        .is_empty()
    );
    assert!(
        findings(
            "您不得将账户转让给他人。",
            "You may not transfer your account to others."
        )
        .is_empty()
    );
}

#[test]
fn explicit_obligation_on_one_side_only() {
    let en = "We regularly back up our data to attempt to recover it after data loss.";
    let zh = "我们定期备份数据，以便在数据丢失后我们必须尝试恢复数据。";
    // Found, but below the default confidence: translators render "you
    // agree to" and "at your own risk" with 必须 all the time.
    let added = all_findings(zh, en);
    assert!(
        added.iter().any(|f| f.kind == FindingKind::Modality
            && f.confidence < CheckParams::default().min_confidence
            && f.message
                .starts_with("obligation only in the Chinese version: «必须…")),
        "{added:?}"
    );
    assert!(findings(zh, en).is_empty());
    assert!(findings("我们定期备份数据，以便在数据丢失后尝试恢复数据。", en).is_empty());
    // "shall" is often left implicit in Chinese legal text: not reported.
    assert!(
        findings(
            "本许可证受中华人民共和国法律管辖。",
            "This License shall be governed by the laws of the People's Republic of China."
        )
        .is_empty()
    );
}

#[test]
fn a_hedge_in_words_is_no_plain_statement() {
    // "subject to update" qualifies the update as 可能 does.
    let zh = "本许可协议可能会更新。";
    let en = "This License Agreement is subject to update.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    let en = "This License Agreement is updated.";
    assert!(!findings(zh, en).is_empty());
    // "sometimes welcome" against 有时可能受欢迎.
    let zh = "脱离主题的评论有时可能受欢迎。";
    let en = "Off-topic comments are sometimes welcome.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
}

#[test]
fn huo_before_a_coverb_is_may() {
    // 或与…共享: formal "may", no plain statement.
    let zh = "个人数据或与我们的关联公司共享，以提供客户服务。";
    let en = "Personal data may be shared with our affiliates to provide customer service.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    let zh = "个人数据与我们的关联公司共享，以提供客户服务。";
    assert!(!findings(zh, en).is_empty());
}

#[test]
fn possible_is_a_hedge() {
    // 可能 as "possible": the English says it with an adjective.
    let zh = "精算顾问就计算方法的各种可能改变对基金的影响编制了一份分析报告。";
    let en = "The Consulting Actuary prepared an analysis of the impact on the Fund of the various possible changes in the methodology.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    let en = "The Consulting Actuary prepared an analysis of the impact on the Fund of the various changes in the methodology.";
    assert!(!findings(zh, en).is_empty());
}

#[test]
fn stacked_modals_are_one() {
    // 必须能够 "must be able to": the obligation matches "should".
    let en = "The Government and its staff should communicate and consult effectively.";
    let zh = "政府与员工之间必须能够有效地沟通和协商。";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    let zh = "政府与员工之间可以有效地沟通和协商。";
    assert_eq!(findings(zh, en).len(), 1, "{:?}", findings(zh, en));
}

#[test]
fn needed_information_is_no_obligation() {
    // 需要提供 "needed" against "necessary": a word, not a modal.
    let zh = "我们会收集您在使用相应服务时需要提供的个人信息。";
    let en = "We may collect any personal information you provide to us, which is necessary for the service you choose.";
    assert!(
        !findings(zh, en).iter().any(|f| f.1.contains("需要")),
        "{:?}",
        findings(zh, en)
    );
}

#[test]
fn a_word_translated_twice_is_checked_at_both_places() {
    let zh = "请注意，企业必须每年对每位加州客户的一项请求作出回应，并且可能不需要对通过其他方式提出的请求作出回应。";
    let en = "Please note that businesses are required to respond to one request per California Customer each year and may not be required to respond to requests made by other means.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
}

#[test]
fn a_pronoun_after_a_noun_opens_a_description() {
    // "the measures we may use" hedges a description (我们用来…的措施); "and
    // we may share" and "accordingly we may share" state what we may do.
    let zh = "请查看我们用来保护您账户的措施。";
    let en = "Please review the measures we may use to protect your account.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    let zh = "我们收集您的数据并与合作伙伴共享。";
    for en in [
        "We collect your data and we may share it with partners.",
        "We collect your data accordingly we may share it with partners.",
    ] {
        assert!(!findings(zh, en).is_empty(), "{en}");
    }
}

#[test]
fn a_pair_with_the_same_modals_on_both_sides_differs_in_none() {
    // 应该 and 才能够 against "should" and "can": each modal has its
    // counterpart, whichever word a link puts under another one.
    let zh = "政府应该让立法局议员有充足的时间才能够做好审议工作。";
    let en = "The Administration should allow Members ample time so that we can adequately scrutinize the legislation.";
    let modal: Vec<_> = findings(zh, en)
        .into_iter()
        .filter(|f| f.0 == FindingKind::Modality)
        .collect();
    assert!(modal.is_empty(), "{modal:?}");
}

#[test]
fn a_need_with_its_object_is_an_obligation() {
    // "requires" states a need as 必须 and 需要 do: against 必须 it says
    // the same, against the permission 可以 it says more.
    let en = "Controlling pollution requires a proper plan that is carried out in order.";
    let zh = "防治污染必须有妥善的计划，并有秩序地推进。";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    let zh = "防治污染可以有妥善的计划，并有秩序地推进。";
    let kinds: Vec<FindingKind> = findings(zh, en).into_iter().map(|f| f.0).collect();
    assert_eq!(kinds, vec![FindingKind::Modality], "{:?}", findings(zh, en));
    // "does not require" permits not doing, as 无需 does.
    let en = "Using the service does not require an account.";
    let zh = "使用本服务无需账户。";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
}

#[test]
fn enabling_is_a_permission() {
    // 使其可以 "to enable them to": a purpose's ability, no weakened
    // "should".
    let zh = "政府应为委员会提供足够资源，使其可以有效地发挥作用。";
    let en = "Sufficient resources should be provided for the boards to enable them to perform their functions effectively.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    // Against an obligation it is a weaker promise.
    let zh = "政府应为委员会提供足够资源，使其必须有效地发挥作用。";
    let en = "Sufficient resources will be provided to the boards, which will enable them to perform their functions effectively.";
    let kinds: Vec<FindingKind> = all_findings(zh, en).into_iter().map(|f| f.kind).collect();
    assert!(
        kinds.contains(&FindingKind::Modality),
        "{:?}",
        all_findings(zh, en)
    );
}

#[test]
fn perhaps_before_a_modal_is_may() {
    // 或将 is the "may" of formal Chinese, not the future 将.
    let zh = "您的个人信息或将与我们的合作伙伴共享。";
    let en = "Your personal information may be shared with our partners.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    // The future 将 against "may" still differs.
    let zh = "您的个人信息将与我们的合作伙伴共享。";
    assert!(!findings(zh, en).is_empty());
    // And 或将 against a firm "will".
    let zh = "您的个人信息或将与我们的合作伙伴共享。";
    let en = "Your personal information will be shared with our partners.";
    assert!(!findings(zh, en).is_empty());
}

#[test]
fn subject_to_approval_is_a_requirement() {
    let en = "The regulations made under this Ordinance are subject to the approval of the Legislative Council.";
    let zh = "根据本条例制定的规例必须获得立法局的批准。";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    // 可以 "may obtain" the approval is a weakened requirement.
    let zh = "根据本条例制定的规例可以获得立法局的批准。";
    assert!(
        findings(zh, en)
            .iter()
            .any(|f| f.0 == FindingKind::Modality),
        "{:?}",
        findings(zh, en)
    );
    // "without being subject to" permits, as 毋须受到 does.
    let en = "They have the right to live there without being subject to immigration controls.";
    let zh = "他们有权在那里居住，而毋须受到出入境管制。";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
}
