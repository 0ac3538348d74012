//! Latin-script proper names: brands, products, organisations, acronyms.
//!
//! Rules (identical for Chinese and English text, so that the Latin runs of
//! a Chinese clause meet the same names in its English counterpart):
//! * Tokens are Latin words; a *name-like* token is Capitalised (`Google`),
//!   ALL-CAPS with ≥ 2 letters (`GDPR`, `SDKs`), camel-case (`ShareSDK`,
//!   `iOS`, `eBay`), or a letter/digit mix right after a hyphen (`Yi-34B`).
//! * Runs of name-like tokens joined by one space, `&`, `-`, `.` or `'` form
//!   a candidate (`Bird & Bird DPO Services SRL`, `Firefox Focus`, `K.B.E.`).
//!   Lowercase words end a run.
//! * Weak tokens are trimmed from both ends of a run: common English words
//!   (a compiled list of ~1,300 function words, general vocabulary and
//!   legal/privacy/UN vocabulary such as `Privacy`, `Policy`, `Agreement`,
//!   `Section`, `Committee`), single letters, Roman numerals, month/weekday
//!   names, number words and units. A run with no strong token left is not a
//!   name — so sentence-initial words and Title-Case headings made of common
//!   words yield nothing, while `Google` at a sentence start is still a name.
//! * Tokens already covered by a contact, number, date or version are never
//!   part of a name.
//! * Value key: lowercase, single spaces, possessive `'s`/`’s` removed,
//!   trailing punctuation removed, plural acronyms singularised (`SDKs` →
//!   `sdk`).

use std::collections::HashSet;
use std::sync::OnceLock;

use super::doc::{Coverage, Doc, Word, is_latin_letter};
use super::{Anchor, AnchorKind, AnchorValue, Lang};
use crate::numerals::{en_num_word, roman_numeral};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    Cap,
    AllCaps,
    Camel,
    Lower,
    Mixed,
    Digits,
}

fn shape(doc: &Doc, w: &Word) -> Shape {
    let mut letters = 0usize;
    let mut upper = 0usize;
    let mut digits = 0usize;
    let mut upper_after_first = false;
    let first = doc.at(w.s);
    for k in w.s..w.e {
        let c = doc.at(k);
        if c == '\'' {
            break;
        }
        if c.is_ascii_digit() {
            digits += 1;
        } else if is_latin_letter(c) {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
                if k > w.s {
                    upper_after_first = true;
                }
            }
        }
    }
    if letters == 0 {
        return Shape::Digits;
    }
    if digits > 0 {
        return Shape::Mixed;
    }
    if upper == letters && letters >= 2 {
        return Shape::AllCaps;
    }
    if upper_after_first {
        return Shape::Camel;
    }
    if first.is_uppercase() {
        return Shape::Cap;
    }
    Shape::Lower
}

/// The lowercase form without a possessive `'s`.
fn base(lc: &str) -> &str {
    lc.strip_suffix("'s").unwrap_or(lc)
}

/// Derivational endings of ordinary English words (`Improving`,
/// `Administered`, `Functionality`, `Rectification`, `Voluntarily`).
/// Brand names rarely end like this; applied to Capitalised words only.
fn ordinary_suffix(lc: &str) -> bool {
    const SUF: &[&str] = &[
        "ing", "ings", "ed", "ly", "tion", "tions", "sion", "sions", "ment", "ments", "ness",
        "ity", "ities", "ance", "ances", "ence", "ences", "ive", "ives", "able", "ible", "ous",
        "ful", "less", "ize", "ise", "izes", "ises", "ization", "isation", "ship", "ical", "ency",
        "ancy", "ural", "ional", "ative", "ually", "ively",
    ];
    lc.len() >= 6 && lc.is_ascii() && SUF.iter().any(|s| lc.ends_with(s))
}

/// Common word, also in a regular plural form (`Cookies`, `Partners`).
fn common_or_plural(lc: &str) -> bool {
    if common(lc) {
        return true;
    }
    if let Some(st) = lc.strip_suffix("ies")
        && common(&format!("{st}y"))
    {
        return true;
    }
    if let Some(st) = lc.strip_suffix("es")
        && common(st)
    {
        return true;
    }
    lc.strip_suffix('s').is_some_and(common)
}

fn weak(doc: &Doc, k: usize, sh: Shape) -> bool {
    let lc = base(doc.wlc(k));
    if lc.chars().count() <= 1 {
        return true;
    }
    if common_or_plural(lc) || en_num_word(lc).is_some() || is_month_or_weekday(lc) || is_unit(lc) {
        return true;
    }
    if sh == Shape::Cap && ordinary_suffix(lc) {
        return true;
    }
    if sh == Shape::AllCaps {
        // plural acronym of a common word ("USs") is still weak
        if let Some(sing) = lc.strip_suffix('s')
            && common(sing)
            && sing.len() > 2
        {
            return true;
        }
    }
    if roman_numeral(lc).is_some() && matches!(sh, Shape::AllCaps | Shape::Cap) {
        return true;
    }
    matches!(sh, Shape::Lower | Shape::Digits)
}

fn is_unit(lc: &str) -> bool {
    matches!(
        lc,
        "kb" | "mb"
            | "gb"
            | "tb"
            | "km"
            | "kg"
            | "cm"
            | "mm"
            | "am"
            | "pm"
            | "usd"
            | "rmb"
            | "cny"
            | "eur"
            | "gbp"
            | "hkd"
            | "jpy"
    )
}

fn is_month_or_weekday(lc: &str) -> bool {
    matches!(
        lc,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// Scans Latin names and appends anchors.
pub(super) fn scan(doc: &Doc, _lang: Lang, cov: &Coverage, out: &mut Vec<Anchor>) {
    let words = doc.words();
    let n = words.len();
    let mut k = 0;
    while k < n {
        let Some(w) = words.get(k) else { break };
        let sh = shape(doc, w);
        let starts = matches!(
            sh,
            Shape::Cap | Shape::AllCaps | Shape::Camel | Shape::Mixed
        ) && is_latin_letter(doc.at(w.s))
            && !cov.any(w.s, w.e);
        if !starts {
            k += 1;
            continue;
        }
        // extend the run
        let mut run: Vec<(usize, Shape)> = vec![(k, sh)];
        let mut j = k + 1;
        while let Some(nw) = words.get(j) {
            let Some(&(pk, _)) = run.last() else { break };
            let Some(pw) = words.get(pk) else { break };
            if cov.any(nw.s, nw.e) || doc.wlc(pk).ends_with("'s") {
                break;
            }
            let gap: String = (pw.e..nw.s).map(|x| doc.at(x)).collect();
            let nsh = shape(doc, nw);
            let gap_ok = matches!(gap.as_str(), " " | " & " | "&" | "-" | "." | ". " | "'");
            let dotted_abbrev = gap == "." && pw.e - pw.s <= 2 && nw.e - nw.s <= 2;
            let tok_ok = match nsh {
                Shape::Cap | Shape::AllCaps | Shape::Camel => true,
                Shape::Mixed | Shape::Digits => gap == "-",
                Shape::Lower => false,
            };
            if !gap_ok
                || !tok_ok
                || (gap.starts_with('.') && !dotted_abbrev)
                || (gap == ". " && pw.e - pw.s <= 2)
            {
                break;
            }
            run.push((j, nsh));
            j += 1;
        }
        // trim weak ends
        let mut lo = 0usize;
        let mut hi = run.len();
        while lo < hi && run.get(lo).is_some_and(|&(x, s)| weak(doc, x, s)) {
            lo += 1;
        }
        while hi > lo && run.get(hi - 1).is_some_and(|&(x, s)| weak(doc, x, s)) {
            hi -= 1;
        }
        let dotted_run = run.len() >= 2
            && run.windows(2).all(|p| {
                let a = words.get(p[0].0);
                a.is_some_and(|a| doc.at(a.e) == '.')
            });
        if dotted_run {
            // K.B.E. / J.P. / U.S.: keep the whole abbreviation
            lo = 0;
            hi = run.len();
        }
        if lo < hi {
            let (Some(&(a, _)), Some(&(b, _))) = (run.get(lo), run.get(hi - 1)) else {
                k = j.max(k + 1);
                continue;
            };
            if let (Some(wa), Some(wb)) = (words.get(a), words.get(b)) {
                let mut e = wb.e;
                if doc.wlc(b).ends_with("'s") {
                    e -= 2;
                }
                if dotted_run && doc.at(e) == '.' {
                    e += 1;
                }
                let key = name_key(doc, wa.s, e);
                if !key.is_empty() && key.chars().count() >= 2 {
                    out.push(Anchor::new(
                        doc,
                        AnchorKind::Name,
                        AnchorValue::Name(key),
                        wa.s,
                        e,
                    ));
                }
            }
        }
        k = j.max(k + 1);
    }
}

/// Normalised key of a name span.
fn name_key(doc: &Doc, s: usize, e: usize) -> String {
    let mut key = String::new();
    let mut space = false;
    for k in s..e {
        let c = doc.at(k);
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !key.is_empty() {
            key.push(' ');
        }
        space = false;
        for l in c.to_lowercase() {
            key.push(l);
        }
    }
    while key.ends_with(['.', ',', ';', ':', '\'', '-', '&', ' ']) {
        key.pop();
    }
    if let Some(stripped) = key.strip_suffix("'s") {
        key = stripped.to_string();
    }
    // plural acronym: SDKs -> sdk
    let surface: String = (s..e).map(|k| doc.at(k)).collect();
    if let Some(stem) = surface.strip_suffix('s') {
        let last_tok = stem.rsplit(' ').next().unwrap_or("");
        if last_tok.len() >= 2 && last_tok.chars().all(|c| c.is_ascii_uppercase()) {
            key.pop();
        }
    }
    key
}

/// Is `lc` (lowercase) a common English word?
pub(super) fn common(lc: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON.split_whitespace().collect())
        .contains(lc)
}

/// Common English words: function words, general vocabulary, and the
/// vocabulary of privacy policies, licences, agreements and UN/parliamentary
/// documents. Capitalised forms of these words are never names on their own.
const COMMON: &str = "
a about above according account accounts accordance across act acts action actions activity activities
actual actually add added additional address addresses administration administrative adult adults
advance advertising advertisement advertisements affiliate affiliates after again against age agency agent
agents agree agreed agreement agreements all allow allowed also alternative although always am among an
analysis analytics and annex annexes annual another answer any anyone anything app apps appendix applicable
application applications apply approach appropriate approval approved are area areas article articles as
assembly assets assistance associated association at attention authority authorities authorized automatic
automatically available avoid away back bank based basic basis be because become been before behalf being
believe below benefit benefits best better between beyond board body both breach brief browser browsers
budget business but buy by call called can cannot capital care case cases category categories cause center
centre certain chairman chapter change changes character charge check chief child children choice choose
circumstances civil claim claims class clause clauses clear click client clients close code collect
collected collection come commercial commission committee common communication communications community
companies company compensation complete compliance comply computer concerned concerning condition
conditions conference confidential confidentiality conflict connection consent consider consideration
constitute contact contain contained contains content contents context continue contract contracts
contractual contribution contributions contributor contributors control controller convention cookie
cookies copy copyright copyrights corporate corporation cost costs could council country countries court
courts cover create created credit criminal cross current currently customer customers damage damages data
database date day days deal dear decision decisions declaration deemed default define defined definition
definitions delete deletion department derivative derivatives description design detail details determine
develop developer developers development device devices did different digital direct directly director
disclaimer disclose disclosure discussion dispute disputes distribute distribution do document documents
does doing domain done down draft due during duty each early easy economic edition education effect
effective either electronic eligible else email emails employee employees employment end ending enforcement
english enjoy ensure enter entire entities entitled entity environment equipment error essential establish
established et etc even event events every evidence example except exchange exclusive executive exercise
exist existing expect experience explicit express extent external fact factor fair family fax features fee
fees few field file files final finance financial find first follow following for force foreign form
forms former forth forward free frequently from full fully function functions fund funds further future
general get give given global go goal good goods government governing grant granted group groups growth
guarantee guardian guardians guide had has have having he head health help her here hereby herein here
hereinafter hereunder high him his history hold home honourable honorable hong host how however human i
identification identify identity if illegal image immediately impact implement implementation important
in inc include included includes including income increase independent index indirect individual
individuals industry info information infringement initial instance institute institution institutions
instructions insurance intellectual interest interests internal international internet into introduction
investment investments involved is issue issues it item items its itself job joint just keep key kind
know knowledge known kong labour language languages large last late later law laws lawful leadership
legal legislative less let letter level liability liable licence licences license licensed licensee
licensees licenses licensing licensor licensors like limit limitation limitations limited line link links
list local location log login long loss made mail main maintain make management manager manner many market
marketing material materials matter matters maximum may me mean means measures media meet meeting member
members membership message messages method methods might minimum minister minor minors mobile model models
modification modifications modify money month months more most motion much must my name names national
nature necessary need needs network new news next no non none nor not note notes notice notices
notification now number object obligation obligations obtain of off offer office officer official
officials on once one online only open operation operations operator opinion opportunity option options
or order orders organisation organisations organization organizations original other others otherwise our
ours out over overview own owner owners ownership page pages paragraph paragraphs parent parents part
participant participants participation particular parties partner partners party patent patents payment
payments people per performance period permission person personal persons phone place plan platform
please point points policies policy political portal position possible post power powers practice
practices present president press prevent previous price primary principle principles prior privacy
private procedure procedures proceedings process processed processing processor product products
professional profile program programme programmes programs project projects property proposal proposed
protect protected protection provide provided provider providers provides provision provisions public
publication publish purchase purpose purposes pursuant put quality question questions range rate rates
reason reasonable reasons receive received recent record records reference regarding region regional
register registered registration regulation regulations related relating relation relations relevant
remedies remedy remove report reports represent representation representative representatives request
requests require required requirement requirements research reserve reserved resolution resource
resources respect responsibility responsible result results retain retention return review right rights
risk role rule rules safe safety sale sales same scope search second secretary section sections secure
security see select sell send sense sensitive separate series server servers service services session set
settings share shared sharing she should side sign significant similar since site sites situation size
small so social software solely solution solutions some someone something source sources special specific
staff standard standards start state statement statements states status still storage store stored
strategy structure subject submit subsidiaries subsidiary substantial such summary supply support
supporting system systems table take taken technical technologies technology term terms territory test
text than thank thanks that the their them then there thereof these they thing things third this those
though through throughout time times title to together tool tools total trade trademark trademarks
traffic training transaction transactions transfer transfers treatment treaty true trust type types under
understand union unique unit united university unless until up update updated updates upon us usage use
used user users using validity value various vendor version versions very via view violation visit
visitor visitors vote want warranties warranty was way we web website websites week weeks welcome well
were what when where whether which while who whole whom whose why will with within without work works
world would write writing written year years yes you your yours yourself
able access accept acceptable accepted according accurate acquire acquisition acting active addition
adequate adjust adjustment administer advice advise affect affected agenda aid aim alert already amend
amended amendment amendments amount analyse analyze announce another anonymous appear appeal approve
arbitration arrangement arrangements assess assessment assign assignment assist assume attach attached
attempt audit audience author authorization authorize average award aware background balance bear
behaviour behavior bill binding block book branch brand brands build building button calculate
campaign cancel capacity card carry central certificate certification chain challenge chance channel
charter cheap chair choices circulation citizen citizens city claim clarify classification clear
clearly closed collective combine combined comment comments commit commitment communicate comparison
compatible competent competition competent complaint complaints component components comprehensive
concern concerns conclusion conduct confirm confirmation connect consequence consequences consistent
constitution consult consultation consumer consumers contracting contribute convenience cooperation
coordinate copies correct correction corresponding counsel counterpart create creation crime
crisis criteria critical culture custom daily decide declare decline decrease defence defense degree
delay delegate delegation deliver delivery demand deny deposit deputy describe described destroy
determination developed difference difficult dignity disability discuss display distinct distributed
distributor district division draw drive duration duties economy edit effort efforts elect election
element elements eligibility emergency enable enabled encourage encryption energy engine engineer
enhance enough enquiry enterprise entry equal equity essential estate estimate ethics evaluate
evaluation examine exceed excluding exclusion execute exemption expense expenses expert explain
export exposure extend extension facility failure favour feature federal feedback figure filing
filter finally fine firm fiscal fix flow focus foundation framework fraud freedom frequency fulfil
fulfill gain gather gender generate generation geographic goal governance governor grade guidance
guideline guidelines hand handle handling hardware harm hearing highlight holder holders honour
hospital household identifier identifiers ignore immediate implied import improve improvement incident
incidental incorporate incorporated increase indemnify indicate indicated indication industrial inform
informed infrastructure initiative injury input inquiry inside install installation instead integrity
intelligence intend intended intent interaction interface interpretation introduce invalid investigate
invitation invite invoice irrevocable judgment judicial jurisdiction justice labor lack land launch
layer lead learn lease leave lending lesson level license liabilities liberty life lifetime light limit
link listed literature loan locate logo logs loyalty machine maintenance majority manage mandatory
manual map mark mark marks master matter measure mechanism mediation medical memory merchant merger
message metadata military minimal minimum ministry minority mission misuse mode modified monitor
monitoring moral movement multiple mutual narrow necessary negative negotiation neither network
neutral newsletter nominal normal notify objection objective observation observe obtained occasion
occur offence offered official operate operational opt optional ordinary outcome output outside owned
package panel paper partial partnership passport password patient pattern pay penalty pending
pension perform permanent permit permitted perpetual personally phase physical picture piece pilot
pixel place planning plans player plus policy population portion positive possession potential
preference preferences premises preparation prepare presence preserve prevention principal print
priority procedure produce production profit progress prohibit prohibited promote promotion proof
proper proportion prosecution protocol prove publicly purchaser qualified quantity quarter query
quote raise rank rapid rather reach reader real receipt recipient recipients recognize recommend
recommendation recommendations recover recovery reduce reduction refer referred reflect refuse
regard register regular regulator regulatory reject release reliable remain remote removal renew
repair replace reply reporting reproduce reproduction reputation requested rescind resident residents
resolve respond response restrict restricted restriction restrictions retail reveal revenue revise
revised revision revocable revoke reward road root royalty safeguard safeguards salary satisfy save
saving scale schedule scheme school science score screen script secret sector secure seek segment
senior sequence serve session severability sharing shipping short sign signature simple single
social society sole special specified spend sponsor stability stage stakeholders stamp standing
statistics statistical statute statutory step storage strict strictly student study sub sublicense
submission submitted subscribe subscription succeed successor successors sufficient suggest suit
supervision supervisory supplier suppliers surface survey suspend suspension sustainable tag tags
target task tax team telephone temporary tenant termination territories theft therefore threat
threshold timely track tracking trading transfer transparency transparent travel trial trigger
troubleshooting ultimately unable unauthorized undertake unified uniform universal unlawful unlimited
upload urgent useful utility valid verification verify video violate visible voluntary waiver web
weekly withdraw withdrawal witness worldwide wrongful yearly
notwithstanding nevertheless furthermore moreover therefore thus hence accordingly additionally
alternatively consequently finally firstly secondly thirdly lastly meanwhile otherwise similarly
subsequently whereas whereby wherein thereby therein thereto hereto hereof herewith upon amongst
whilst unto yet nor neither either both each every any all few several many much more most less least
other another such same own else
sir mr mrs ms dr prof madam lord lady excellency hon honourable members member deputy acting chief
attorney financial secretary speaker chairman chairperson vice presiding clerk official report
proceedings present absent opening sitting question questions answer answers written oral
motion motions bill bills amendment council legislative executive administration ordinance
united nations general assembly committee commission board fund staff pension pensions secretariat
office offices programme regular special fifth sixth seventh session sessions annex resolution
resolutions decision decisions item items agenda document documents report reports meeting meetings
world bank states state republic kingdom union european people's
contributor contributors licensor licensee licensees derivatives model models agreement software
affiliates affiliate recipient recipients commercial purposes distribute distribution notice notices
patent patents trademark trademarks warranty warranties liability disclaimer language definition
definitions grant restriction limitation termination jurisdiction governing law laws regulations
personal information privacy policy policies cookies cookie data security children minors consent
contact contacts us rights right choices updates changes effective date version last revised
updated summary overview introduction scope purpose purposes collection use sharing disclosure
retention storage transfer transfers international third parties party service services provider
providers website websites app apps application applications product products platform device
devices browser browsing account accounts email analytics advertising marketing location search
mobile online web internet network cloud server servers support help customer customers user users
visitor visitors partner partners vendor vendors processor processors controller controllers
subject subjects request requests complaint complaints authority authorities supervisory
ai api apis id ids faq faqs url urls pdf html http https www ip sdk sdks os cpu gpu
ok okay yes no not none nothing never always often sometimes usually generally typically
one two three four five six seven eight nine ten
this that these those here there where when what which who whom whose why how
i me my mine we our ours you your yours he him his she her hers it its they them their theirs
am is are was were be been being have has had do does did will would shall should may might must can could
the a an and or but if then else so because as than though although while until unless since
of in on at by for with without from to into onto over under about above below between among through during
before after upon within across along around behind beyond near off out up down
new old good bad high low big small great little long short full empty first last next previous
early late right left true false real main whole certain clear free open close simple easy hard
dear hello hi welcome thanks thank please note important warning tip
north south east west
eu uk usa un prc hksar uae chinese english american european british french german japanese
korean russian spanish asian african international
pull push login logout sign signup install uninstall download downloads upload uploads click
clicks tap button menu page tab window home profile settings preferences dashboard inbox chat
message email newsletter feed post posts comment like share follow save edit delete remove
add create view open close start stop run go back next continue submit cancel confirm
get buy pay order ship track return refund contact about help faq terms cookies blog news
press careers jobs team mission story stories type types name names value values key keys
administered basic advanced persistent session sessions functional functionality essential
necessary strictly performance targeting third first party parties own voluntarily behavioral
behavioural usage improvement improving providing maintaining managing rectification erasure
portability objection restriction acceptance notice notices cookie policy statement
collected collects collect processed processes process shared shares disclosed discloses
retained retains stored stores transferred transfers protected protects secured
whatever whenever wherever whoever however anywhere everywhere somewhere nowhere
apart alternatively normally currently thereafter hereafter notably specifically particularly
regardless meanwhile instead likewise namely including excluding following pursuant subject
counter legitimate backup disaster recovery co ltd inc llc gmbh plc corp limited
beijing shanghai shenzhen hangzhou guangzhou macau macao taiwan china mainland
";
