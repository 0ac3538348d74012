//! Tests of the negation rule.

use super::*;
use crate::check::testing::{all_findings, confidences, findings};

fn negations(zh: &str, en: &str) -> Vec<String> {
    findings(zh, en)
        .into_iter()
        .filter(|f| f.0 == FindingKind::Negation)
        .map(|f| f.1)
        .collect()
}

#[test]
fn un_before_a_known_word_negates() {
    let zh = "政府正设法杜绝无牌流动快餐车。";
    let en = "The Government is trying to stamp out unlicensed mobile fast food vans.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
}

#[test]
fn opting_out_negates() {
    let zh = "您可以随时在设置中选择不发送每日使用情况数据。";
    let en = "You can opt out of sending the daily usage data in your settings at any time.";
    assert!(findings(zh, en).is_empty(), "{:?}", findings(zh, en));
    let en = "You can opt in to sending the daily usage data in your settings at any time.";
    assert_eq!(
        findings(zh, en).first().map(|f| f.0),
        Some(FindingKind::Negation)
    );
}

#[test]
fn a_negative_word_in_place_accounts_for_an_unlinked_cue() {
    let en = "If any portion of these Terms is held to be invalid or unenforceable, the remaining portions will remain in full force and effect.";
    let zh = "如果本条款的任何部分被认定为无效或不能执行，其余部分仍将保持全部效力。";
    assert!(negations(zh, en).is_empty(), "{:?}", negations(zh, en));
    // Without a negative word in its place, the cue is a difference.
    let en = "If any portion of these Terms is held to be applicable, the remaining portions will remain in full force and effect.";
    let zh = "如果本条款的任何部分被认定为不能执行，其余部分仍将保持全部效力。";
    assert_eq!(negations(zh, en).len(), 1, "{:?}", negations(zh, en));
}

#[test]
fn a_cue_linked_to_a_word_without_negation_still_negates() {
    // 请勿 links to "Please"; its negation reaches 报告 all the same.
    let zh = "请勿通过公开的问题追踪系统报告安全漏洞。";
    let en = "Please do not report security vulnerabilities through public issue trackers.";
    assert!(negations(zh, en).is_empty(), "{:?}", negations(zh, en));
    let zh = "请通过公开的问题追踪系统报告安全漏洞。";
    assert_eq!(negations(zh, en).len(), 1, "{:?}", negations(zh, en));
}

#[test]
fn a_dropped_negation_is_followed_to_its_word() {
    let zh = "我们不会出售您的个人信息。";
    let en = "We will sell your personal information.";
    let found = negations(zh, en);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("出售") && found[0].contains("sell"),
        "{found:?}"
    );
}

#[test]
fn two_cues_against_one_say_the_same() {
    let zh = "我们不保证输出不存在错误。";
    let en = "We do not guarantee that Output is free of errors.";
    assert!(negations(zh, en).is_empty(), "{:?}", negations(zh, en));
}

#[test]
fn a_prefix_is_the_word_s_own_negation() {
    let en =
        "Each Contributor grants to you a perpetual, non-exclusive, irrevocable copyright license.";
    // Faithful: the Chinese word carries the negation too.
    assert!(
        negations(
            "每个贡献者授予您永久性的、非独占的、不可撤销的版权许可。",
            en
        )
        .is_empty()
    );
    // 取消订阅 "cancel the subscription" for "unsubscribe".
    assert!(negations("您可以随时取消订阅。", "You can unsubscribe at any time.").is_empty());
    let dropped = negations("每个贡献者授予您永久性的、非独占的、可撤销的版权许可。", en);
    assert_eq!(dropped.len(), 1, "{dropped:?}");
    assert!(dropped[0].contains("irrevocable"), "{dropped:?}");
}

#[test]
fn a_negation_said_in_both_versions_explains_no_other() {
    // 未…做出 is "have not made": it says nothing about 默认设置.
    let zh = "如果您未做出任何特定选择，这些将使用默认设置。";
    assert!(
        negations(
            zh,
            "If you have not made any specific choices, these will be the default settings."
        )
        .is_empty()
    );
    // One "not" over a coordination that Chinese negates twice.
    assert!(
        negations(
            "我们不直接向儿童提供服务，也不将儿童的个人信息用于营销目的。",
            "We do not offer services directly to a child or use personal information of children for the purposes of marketing."
        )
        .is_empty()
    );
}

#[test]
fn negation_by_form_is_negation() {
    for (zh, en) in [
        (
            "项目维护者应对不被接受的行为采取纠正措施。",
            "Project maintainers take corrective action in response to unacceptable behavior.",
        ),
        (
            "根据本协议应付的金额不可退款。",
            "Amounts payable under this Agreement are non-refundable.",
        ),
        (
            "这不包括其他人创建的内容。",
            "It does not include content created by others.",
        ),
        // "not ... until" is 才 "only then".
        (
            "新功能要到月底才会推出。",
            "The new feature will not be released until the end of the month.",
        ),
        // A word negative by its meaning (无谓 "unnecessary", 不实 "untrue"):
        // its 无 does not negate 争辩, whatever the English makes of it.
        (
            "我们会公布条款，以免将来可能出现无谓争辩。",
            "We will publish the terms to avoid any possible disputes in future.",
        ),
    ] {
        assert!(
            negations(zh, en).is_empty(),
            "{zh} / {en}: {:?}",
            negations(zh, en)
        );
    }
}

#[test]
fn a_cue_in_brackets_governs_nothing_after_them() {
    // "usually not)" ends with the bracket: "getting" is not negated, and
    // 很少 "rarely" is the Chinese negation of the aside.
    let en = "Off-topic comments are a distraction (sometimes welcome, but usually not) from getting work done.";
    let zh = "脱离主题的评论对于取得成效是一种干扰（有时可能受欢迎，但这种情况很少）。";
    assert!(negations(zh, en).is_empty(), "{:?}", negations(zh, en));
    // Without 很少 the Chinese says nothing negative in the aside. No word
    // of the aside's phrase is translated ("usually" has no counterpart),
    // so the negation may be worded apart: shown with `--all`.
    let zh = "脱离主题的评论对于取得成效是一种干扰（有时可能受欢迎）。";
    let hedged = confidences(all_findings(zh, en), FindingKind::Negation);
    assert_eq!(hedged, vec![HEDGED], "{:?}", all_findings(zh, en));
}

#[test]
fn beyond_control_is_not_in_control() {
    let zh = "此搜集行为不在我们的控制范围内。";
    let en = "This collection is beyond our control.";
    assert!(negations(zh, en).is_empty(), "{:?}", negations(zh, en));
    let en = "This collection is within our control.";
    assert_eq!(negations(zh, en).len(), 1, "{:?}", negations(zh, en));
}

#[test]
fn rather_than_and_bypass_negate() {
    let zh = "使用赞成按钮，而不要发布“+1”。";
    let en = "Rather than posting “+1”, use the upvote button.";
    assert!(negations(zh, en).is_empty(), "{:?}", negations(zh, en));
    let en = "Post “+1” and use the upvote button.";
    assert_eq!(negations(zh, en).len(), 1, "{:?}", negations(zh, en));
    let zh = "在某些网站上，您无需输入密码。";
    let en = "On certain websites you can bypass entering your password.";
    assert!(negations(zh, en).is_empty(), "{:?}", negations(zh, en));
}

#[test]
fn an_abbreviation_before_a_comma_ends_no_sentence() {
    // "i.e.," does not cut the sentence: the "not" after it stands in the
    // sentence of "person", which 不允许 governs.
    let zh = "您的登录名只能由一个人使用，即不允许多个人共用一个登录名。";
    let en = "Your login may only be used by one person — i.e., a single login may not be shared by multiple people.";
    assert!(negations(zh, en).is_empty(), "{:?}", negations(zh, en));
}

#[test]
fn less_is_a_sign_of_negation() {
    let zh = "您可能会看到相关性不太高的广告。";
    let en = "You may see ads that are less relevant.";
    assert!(negations(zh, en).is_empty(), "{:?}", negations(zh, en));
    let en = "You may see ads that are relevant.";
    assert_eq!(negations(zh, en).len(), 1, "{:?}", negations(zh, en));
}

#[test]
fn litotes_say_the_positive() {
    let zh = "如有任何疑问，请随时联系我们。";
    let en = "If you have any questions, please do not hesitate to contact us.";
    assert!(negations(zh, en).is_empty(), "{:?}", negations(zh, en));
    let en = "If you have any questions, please do not contact us.";
    assert_eq!(negations(zh, en).len(), 1, "{:?}", negations(zh, en));
}

#[test]
fn not_yet_before_is_before() {
    let zh = "在立法局会议尚未结束前，公众席的座位通常空置。";
    let en = "Seats in the public galleries are normally empty before the end of the sittings.";
    assert!(negations(zh, en).is_empty(), "{:?}", negations(zh, en));
    let en = "Seats in the public galleries are normally empty at the end of the sittings.";
    assert_eq!(negations(zh, en).len(), 1, "{:?}", negations(zh, en));
}

#[test]
fn falling_short_negates() {
    let zh = "这些措施未能解决臭氧耗损的问题。";
    let en = "These measures fall short of solving the ozone depletion problem.";
    assert!(negations(zh, en).is_empty(), "{:?}", negations(zh, en));
}

#[test]
fn a_negation_written_with_an_untranslated_word_is_one_word() {
    // 还不成熟 is "premature": the negation and its word are one negative
    // word the English renders by a word of its own.
    let zh = "两个委员会认为，现在作最后决定的时机还不成熟。";
    let en = "The two committees concluded that it was premature to make a final decision now.";
    assert!(negations(zh, en).is_empty(), "{:?}", negations(zh, en));
    // A negation apart from its word (未经您的同意) is syntax: still reported
    // when the English shows no negation.
    let zh = "未经您的同意，我们会与合作伙伴共享数据。";
    let en = "We will share data with partners.";
    assert_eq!(negations(zh, en).len(), 1, "{:?}", findings(zh, en));
}

#[test]
fn a_hedged_negation_leaves_the_modals_to_compare() {
    // 还不成熟 "premature" is hedged; the obligation 必须 against "may" is
    // still a difference.
    let zh = "两个委员会认为，现在作最后决定的时机还不成熟，我们必须等待。";
    let en = "The two committees concluded that it was premature to make a final decision now, and we may wait.";
    let kinds: Vec<FindingKind> = findings(zh, en).into_iter().map(|f| f.0).collect();
    assert_eq!(kinds, vec![FindingKind::Modality], "{:?}", findings(zh, en));
}

#[test]
fn a_negation_worded_apart_without_evidence_is_hedged() {
    // 不去光顾 "refrain from patronizing": most words of the phrase have no
    // counterpart, and the English negates in the meaning of a word.
    let zh = "同时，用什么有效的策略去教育市民不去光顾这些摊档？";
    let en = "And what effective measures will educate the public to refrain from patronizing these stalls?";
    let neg: Vec<Finding> = all_findings(zh, en)
        .into_iter()
        .filter(|f| f.kind == FindingKind::Negation)
        .collect();
    assert!(
        !neg.is_empty() && neg.iter().all(|f| f.confidence <= HEDGED),
        "{neg:?}"
    );
    // A negated promise is weighed as before, however its phrase is worded.
    let zh = "我们不会出售您的个人信息。";
    let en = "We will sell your personal information.";
    assert_eq!(negations(zh, en).len(), 1, "{:?}", findings(zh, en));
    // So is a negation translated around word for word: 未经您的同意 added
    // whole, and a phrase whose other words the English translates.
    let zh = "未经您的同意，我们会与合作伙伴共享数据。";
    let en = "We will share data with partners.";
    assert_eq!(negations(zh, en).len(), 1, "{:?}", findings(zh, en));
}

#[test]
fn a_link_against_an_unexplained_negation_of_the_other_side_is_hedged() {
    // "accepted" links to 采纳 "accept, adopt" of the first sentence; the 不被接纳
    // of the second (接纳 "admit": no link) is where the English negation
    // is said. No evidence of a changed polarity: shown with `--all` only.
    let zh = "政府已发出指示，要求各部门采纳区议会的意见。若区议会的意见不被接纳，各部门必须向区议会解释。";
    let en = "A directive was issued to departments to take up the advice of district boards, and where the advice cannot be accepted, departments must explain to the boards.";
    let neg: Vec<f64> = confidences(all_findings(zh, en), FindingKind::Negation);
    assert!(neg.iter().all(|&c| c <= HEDGED), "{neg:?}");
    // Without the second side's negation, the link is evidence.
    let zh = "政府已发出指示，要求各部门采纳区议会的意见。若区议会的意见被接纳，各部门必须向区议会解释。";
    assert_eq!(negations(zh, en).len(), 1, "{:?}", findings(zh, en));
}

#[test]
fn a_link_through_one_character_is_a_guess() {
    // 设 "set up, give" linked to "given": the negation 不设找赎 ("no
    // change given") is hedged below what is shown.
    let zh = "政府会否考虑规定所有车辆缴付通行费确数而不设找赎？";
    let en = "Will consideration be given to requiring all vehicles to pay exact tolls?";
    let found = confidences(all_findings(zh, en), FindingKind::Negation);
    assert!(found.iter().all(|&c| c < 0.5), "{found:?}");
    // A word of two characters links surely enough.
    let zh = "我们不会出售您的个人信息。";
    let en = "We will sell your personal information.";
    assert_eq!(negations(zh, en).len(), 1, "{:?}", negations(zh, en));
}

#[test]
fn a_negation_one_sentence_boundary_away_accounts_for_a_cue() {
    // The English "if not" opens the line of the address; the Chinese
    // writes it on the line above, before a colon.
    let en = "You should have received a copy of the GNU General Public License along with this program;\nif not, write to the Free Software Foundation, Inc., 675 Mass Ave, Cambridge, MA 02139, USA.";
    let zh = "你应该已经收到了本软件和一份GNU GPL的副本，如果没有请写信给自由软件基金会：\n675 Mass Ave, Cambridge, MA 02139, USA.";
    let negations = |zh: &str| {
        crate::check::testing::line_findings(zh, en)
            .into_iter()
            .filter(|f| f.kind == FindingKind::Negation)
            .count()
    };
    assert_eq!(negations(zh), 0);
    // Without 如果没有 "if not" above, the English negation is its own.
    let zh = "你应该已经收到了本软件和一份GNU GPL的副本，请写信给自由软件基金会：\n675 Mass Ave, Cambridge, MA 02139, USA.";
    assert_eq!(negations(zh), 1);
}
