//! The entities a figure's clause names, and in what role: capitalised words
//! (proper nouns) after a preposition or with a possessive — where the
//! measure is ("in Yorkmere", "at St Mary's Hospital", "Acme's", "the jails
//! of Raqqa"), where it comes from ("from Tajikistan"), where it goes ("into
//! Turkey"). Two figures whose clauses name different entities in the same
//! role, neither mentioned in the other's sentence, are about different
//! measures.
//!
//! Only names in a role conflict. A name that qualifies a noun ("French
//! fighters", "Ohio voters") or stands alone (a sayer, a subject) is only a
//! mention, so attribution ("Ortiz said", "according to Reuters") never
//! separates two figures; and since a nationality adjective is such a
//! qualifier, a name in a role that opens like a mention of the other
//! sentence ("from France" against "French fighters") counts as mentioned.
//! A capitalised word where any word is capitalised (a sentence's first
//! word, after a full stop, a colon or an opening quote) counts only in a
//! multi-word name or in capitals ("ISIS"); a headline in title case names
//! nothing.

use super::stopwords::is_stop;
use super::terms::TermId;
use super::{term, Synonyms};
use crate::text::tokens::{TokKind, Token};

mod window;
pub use window::SentenceNames;

/// What a name is to the measure.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
pub enum Role {
    /// Where it is, or whose it is: in, at, within, across, of, 's.
    Place,
    /// Where it comes from: from.
    Origin,
    /// Where it goes: to, into, towards.
    Destination,
    /// Named in the sentence in no role (a qualifier, a sayer, a subject):
    /// never a conflict, but mentioned. (A lone capitalised word that comes
    /// first is not taken for a name.)
    Mention,
}

impl Role {
    const ALL: [Role; 4] = [Role::Place, Role::Origin, Role::Destination, Role::Mention];

    /// The role stored as `bits` (`self as u32`); `None` for anything else.
    pub fn from_bits(bits: u32) -> Option<Role> {
        Role::ALL.get(bits as usize).copied()
    }
}

/// One named entity: its terms (a multi-word name has several), in text order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Name {
    pub role: Role,
    pub terms: Vec<String>,
}

/// One term of a name, packed in four bytes: the id in the low 29 bits, the
/// role in the next two, and whether it begins its name in the top bit.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct NameTerm(u32);

const ID_BITS: u32 = 29;
const ID_LIMIT: u32 = 1 << ID_BITS;

impl NameTerm {
    /// `None` when `id` does not fit (`UNKNOWN`, or past the limit).
    pub fn new(id: TermId, role: Role, first: bool) -> Option<NameTerm> {
        let id = u32::try_from(id.index()).ok().filter(|i| *i < ID_LIMIT)?;
        Some(NameTerm(id | (role as u32) << ID_BITS | u32::from(first) << 31))
    }

    pub fn id(self) -> TermId {
        TermId::from_index(self.0 & (ID_LIMIT - 1))
    }

    pub fn role(self) -> Role {
        Role::ALL[(self.0 >> ID_BITS & 3) as usize]
    }

    /// Does this term begin a name (the others continue the one before)?
    pub fn first(self) -> bool {
        self.0 >> 31 == 1
    }
}

/// Packs `names` (terms interned with `id`), each name's terms after its first.
pub fn pack(names: &[Name], id: impl Fn(&str) -> TermId) -> Box<[NameTerm]> {
    let mut out = Vec::new();
    for n in names {
        let packed: Option<Vec<NameTerm>> =
            n.terms.iter().enumerate().map(|(k, t)| NameTerm::new(id(t), n.role, k == 0)).collect();
        // a name with a term past the id limit is dropped whole, never cut short
        out.extend(packed.into_iter().flatten());
    }
    out.into_boxed_slice()
}

/// The packed names, one slice per name.
pub fn unpack(packed: &[NameTerm]) -> impl Iterator<Item = &[NameTerm]> {
    packed.chunk_by(|_, b| !b.first())
}

/// Words before a name that leave its role to the word before them.
const DETERMINERS: &[&str] = &["the", "a", "an"];

/// The role a preposition gives the name after it. `before` is the word
/// before the preposition: "according to", "due to" and the like are not
/// destinations, and a partitive "of" ("dozens of", "40 percent of") names
/// a share of people, not a place.
fn role_after(prep: &str, before: Option<&str>) -> Option<Role> {
    match prep {
        "in" | "at" | "within" | "inside" | "across" | "throughout" | "near" | "outside" => Some(Role::Place),
        "of" => before.filter(|w| !is_stop(&w.to_lowercase())).map(|_| Role::Place),
        "from" => Some(Role::Origin),
        "into" | "toward" | "towards" => Some(Role::Destination),
        "to" => {
            let compound = ["according", "due", "owing", "thanks", "compared", "close", "next", "up", "similar"];
            let before = before.map(str::to_lowercase);
            (!before.is_some_and(|b| compound.contains(&b.as_str()))).then_some(Role::Destination)
        }
        _ => None,
    }
}

/// Does `word` give the name after it a role ("In Millwick, …")?
pub fn is_preposition(word: &str) -> bool {
    role_after(&word.to_lowercase(), None).is_some()
}

/// The names of a sentence (or table cell) `toks`: those in a role whose
/// tokens are all `in_clause` (the figure's), and those in no role
/// anywhere, as mentions.
pub fn of_sentence(text: &str, toks: &[Token], in_clause: impl Fn(usize) -> bool, synonyms: &Synonyms) -> Vec<Name> {
    pick(&found_in(text, toks, synonyms), in_clause)
}

/// A name found in a sentence, whatever the clause: its tokens
/// (`start..end`), its role (`None`: a mention) and its terms (never none).
#[derive(Clone, Debug)]
pub struct Found {
    start: usize,
    end: usize,
    role: Option<Role>,
    terms: Vec<String>,
}

/// The names `found` in a sentence that a figure's subject takes: those in
/// a role whose tokens are all `in_clause`, and every mention.
pub fn pick(found: &[Found], in_clause: impl Fn(usize) -> bool) -> Vec<Name> {
    let mut out = Vec::new();
    for f in found {
        match f.role {
            // a name in a role outside the clause is another figure's: its terms
            // are the sentence's, and it is no qualifier to match loosely
            Some(role) if (f.start..f.end).all(&in_clause) => out.push(Name { role, terms: f.terms.clone() }),
            Some(_) => {}
            None => out.push(Name { role: Role::Mention, terms: f.terms.clone() }),
        }
    }
    out
}

/// Every name of a sentence (or table cell) `toks`, with its role, read
/// once for all the sentence's figures.
pub fn found_in(text: &str, toks: &[Token], synonyms: &Synonyms) -> Vec<Found> {
    // tokens before this one are all punctuation: where any word is capitalised
    let opening = toks.iter().position(|t| t.kind != TokKind::Punct).unwrap_or(toks.len());
    if title_case(text, toks, opening) {
        return Vec::new();
    }
    let word = |k: usize| toks.get(k).filter(|t| t.kind == TokKind::Word).map(|t| t.text(text));
    let mut out = Vec::new();
    // the role of the name that ended at each token, for "in Iraq and Syria"
    let mut roles: Vec<Option<Role>> = vec![None; toks.len()];
    let mut k = 0;
    while k < toks.len() {
        if !is_name_word(word(k)) {
            k += 1;
            continue;
        }
        let start = k;
        let mut end = k + 1;
        loop {
            if is_name_word(word(end)) {
                end += 1;
            } else if toks.get(end).is_some_and(|t| t.text(text) == "-" && t.glued)
                && toks.get(end + 1).is_some_and(|t| t.glued)
                && is_name_word(word(end + 1))
            {
                end += 2; // "Turkey-Syria"
            } else {
                break;
            }
        }
        k = end;
        let words: Vec<&str> = (start..end).filter_map(&word).collect();
        let terms: Vec<String> = words.iter().filter_map(|w| term(w, synonyms)).collect();
        let capitals =
            |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase);
        if initial(text, toks, start, opening) && words.len() < 2 && !words.iter().all(|w| capitals(w)) {
            continue; // capitalised because it comes first: perhaps no name at all
        }
        let role = role_of(text, toks, start, end, &roles);
        roles[end - 1] = role;
        if !terms.is_empty() {
            out.push(Found { start, end, role, terms });
        }
    }
    out
}

/// A capitalised word that is not a function word ("In", "The", "May").
fn is_name_word(w: Option<&str>) -> bool {
    w.is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase) && !is_stop(&w.to_lowercase()))
}

/// Is token `k` where any word is capitalised: first in its sentence or
/// cell (no token before it but punctuation: `k <= opening`, the index of
/// the first that is not), or after a full stop, a colon, an opening quote
/// or bracket, a dash or a bullet?
fn initial(text: &str, toks: &[Token], k: usize, opening: usize) -> bool {
    k <= opening
        || toks[k - 1].kind == TokKind::Punct
            && matches!(
                toks[k - 1].text(text),
                "." | "!" | "?" | ":" | "\"" | "“" | "‘" | "(" | "[" | "•" | "|" | "—" | "–"
            )
}

/// The role of the name in `toks[start..end]`: possessive; a qualifier of
/// the noun after it (none); else the preposition before it, over a
/// determiner and one lower-case adjective ("in the United States", "in
/// western Syria"); else the role of a name it is listed with.
fn role_of(text: &str, toks: &[Token], start: usize, end: usize, roles: &[Option<Role>]) -> Option<Role> {
    let last = toks[end - 1].text(text);
    if last.ends_with("'s") || last.ends_with("\u{2019}s") {
        return Some(Role::Place);
    }
    let next = toks.get(end);
    let lower_word = |t: &Token| {
        let w = t.text(text);
        t.kind == TokKind::Word && w.chars().next().is_some_and(char::is_lowercase) && !is_stop(w)
    };
    // a past tense after it is the clause's verb ("cut at Acme doubled")
    let verb = |t: &Token| t.text(text).len() > 4 && t.text(text).ends_with("ed");
    if next.is_some_and(|t| lower_word(t) && !verb(t))
        || next.is_some_and(|t| t.text(text) == "-" && t.glued) && toks.get(end + 1).is_some_and(lower_word)
    {
        return None; // "Ohio voters", "Kurdish-run"
    }
    let mut j = start;
    let mut adjectives = 0;
    while j > 0 {
        let t = &toks[j - 1];
        let w = t.text(text);
        let lower = w.to_lowercase();
        if t.kind != TokKind::Word {
            // "Iraq, Syria": listed with the name before
            return (w == "," && j >= 2).then(|| roles[j - 2]).flatten();
        }
        let before = (j >= 2).then(|| &toks[j - 2]).filter(|t| t.kind == TokKind::Word).map(|t| t.text(text));
        if let Some(r) = role_after(&lower, before) {
            return Some(r);
        }
        if lower == "and" || lower == "or" {
            return (j >= 2).then(|| roles[j - 2]).flatten();
        }
        if DETERMINERS.contains(&lower.as_str()) || w.chars().next().is_some_and(char::is_uppercase) {
            j -= 1; // "the", or a capitalised function word ("New")
        } else if lower_word(t) && adjectives == 0 {
            adjectives += 1;
            j -= 1;
        } else {
            return None;
        }
    }
    None
}

/// A headline in title case ("Fewer Than 1,000 Fighters Remain In Iraq"):
/// a preposition or conjunction capitalised where it need not be. (Names
/// keep theirs in lower case: "Bank of England", "Centers for Disease
/// Control and Prevention".)
fn title_case(text: &str, toks: &[Token], opening: usize) -> bool {
    const SMALL: &[&str] =
        &["In", "Of", "To", "For", "And", "Or", "At", "On", "As", "Than", "From", "With", "By", "Into"];
    (0..toks.len()).any(|k| {
        toks[k].kind == TokKind::Word && SMALL.contains(&toks[k].text(text)) && !initial(text, toks, k, opening)
    })
}

/// A name as compared: its role and its terms, by id and text (`String`
/// for a note's, whose terms may be unknown to the interner; `&str` for a
/// source's).
#[derive(Clone, Debug)]
pub struct NameRef<S> {
    pub role: Role,
    pub terms: Vec<(TermId, S)>,
}

/// Do `a` and `b` (the names of two figures' sentences; `a_has` and `b_has`
/// tell whether a term is in either's sentence) name different entities in
/// the same role, neither of which the other's sentence mentions?
pub fn conflict<A: AsRef<str>, B: AsRef<str>>(
    a: &[NameRef<A>],
    a_has: impl Fn(TermId) -> bool,
    b: &[NameRef<B>],
    b_has: impl Fn(TermId) -> bool,
) -> bool {
    let mut unmatched = [false; 3];
    for n in a.iter().filter(|n| n.role != Role::Mention) {
        if !mentioned(n, &b_has, b) {
            unmatched[n.role as usize] = true;
        }
    }
    b.iter().filter(|n| n.role != Role::Mention && unmatched[n.role as usize]).any(|n| !mentioned(n, &a_has, a))
}

/// Is every term of `name` in the other sentence: the same term, or a name
/// mentioned there in no role that opens like it ("France" where the other
/// says "French fighters", "Syria" for "Syrians")? Adjectives of nationality
/// are qualifiers, so they meet country names only as mentions.
fn mentioned<A: AsRef<str>, B: AsRef<str>>(
    name: &NameRef<A>,
    has: &impl Fn(TermId) -> bool,
    other: &[NameRef<B>],
) -> bool {
    let opens_alike =
        |a: &str, b: &str| a.chars().count() >= 3 && b.chars().count() >= 3 && a.chars().take(2).eq(b.chars().take(2));
    let mentions = || other.iter().filter(|o| o.role == Role::Mention).flat_map(|o| o.terms.iter());
    name.terms.iter().all(|(id, text)| has(*id) || mentions().any(|(_, u)| opens_alike(u.as_ref(), text.as_ref())))
}

/// Sorts and removes repeated names.
pub fn merge(mut names: Vec<Name>) -> Vec<Name> {
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    /// The names of `sentence` with the whole sentence as the clause, as
    /// "role: terms".
    fn names(sentence: &str) -> Vec<String> {
        let toks = tokenize(sentence, 0..sentence.len());
        of_sentence(sentence, &toks, |_| true, &Synonyms::default())
            .iter()
            .map(|n| format!("{:?}: {}", n.role, n.terms.join(" ")))
            .collect()
    }

    #[test]
    fn a_name_after_a_preposition_or_with_a_possessive_has_a_role() {
        assert_eq!(names("15 flights were cancelled per year in Yorkmere, the ministry said."), ["Place: yorkmer"]);
        assert_eq!(names("Some 300 jobs were cut at Acme."), ["Place: acme"]);
        assert_eq!(names("Jobs cut at Acme doubled to 300."), ["Place: acme"]);
        assert_eq!(names("The union said Globex's plants cut 1,200 jobs."), ["Place: globex"]);
        assert_eq!(names("40 patients were admitted at St Mary's Hospital."), ["Place: st mary hospital"]);
        assert_eq!(names("About 300 fighters fled from Syria into Turkey."), ["Origin: syria", "Destination: turkey"]);
        assert_eq!(
            names("98 percent of voters in the United States and Canada"),
            ["Place: unit stat", "Place: canada"]
        );
        assert_eq!(names("200 fighters remain in western Mosul."), ["Place: mosul"]);
        assert_eq!(names("The population of Dunmore County is 4,000."), ["Place: dunmor county"]);
        assert_eq!(names("Grain crossed the Turkey-Syria border."), ["Mention: turkey syria"]);
    }

    #[test]
    fn qualifiers_sayers_and_first_words_have_no_role() {
        assert_eq!(names("About 1,700 French fighters have returned."), ["Mention: french"]);
        assert_eq!(names("98 percent of Ohio voters backed it."), ["Mention: ohio"]);
        assert_eq!(names("Some 300 jobs went, according to Reuters."), ["Mention: reuter"]);
        assert_eq!(names("Dozens of Americans left, Ortiz said."), ["Mention: american", "Mention: ortiz"]);
        assert_eq!(names("Yorkmere reported 15 cases."), Vec::<String>::new());
        assert_eq!(names("Officials said so. Residents counted 15 cases in Ashford."), ["Place: ashford"]);
        assert_eq!(names("Pine Hollow Middle School had 90 students excluded."), ["Mention: pine hollow middl school"]);
        assert_eq!(names("Westmere County's outbreak reached 41 cases."), ["Place: westmer county"]);
        // a headline in title case names nothing
        assert_eq!(names("Fewer Than 1,000 ISIS Fighters Now Remain In Iraq And Syria"), Vec::<String>::new());
        // months and week days are time, not names
        assert_eq!(names("In March, 40 cases were reported in Ashford on Tuesday."), ["Place: ashford"]);
    }

    #[test]
    fn only_names_inside_the_scopes_have_a_role() {
        let s = "In Millwick, 300 Acme flights were cancelled, compared with 200 in Caldford.";
        let toks = tokenize(s, 0..s.len());
        let comma = toks.iter().rposition(|t| t.text(s) == ",").unwrap();
        let got = of_sentence(s, &toks, |k| k > comma, &Synonyms::default());
        let name = |role, t: &str| Name { role, terms: vec![t.to_string()] };
        assert_eq!(got, [name(Role::Mention, "acme"), name(Role::Place, "caldford")]);
        let got = of_sentence(s, &toks, |k| k < comma, &Synonyms::default());
        assert_eq!(got, [name(Role::Place, "millwick"), name(Role::Mention, "acme")]);
    }

    fn refs<'a>(names: &'a [(Role, &'a [&'a str])], ids: &[TermId]) -> Vec<NameRef<&'a str>> {
        let mut k = 0;
        names
            .iter()
            .map(|(role, terms)| NameRef {
                role: *role,
                terms: terms
                    .iter()
                    .map(|t| {
                        k += 1;
                        (ids[k - 1], *t)
                    })
                    .collect(),
            })
            .collect()
    }

    #[test]
    fn a_conflict_needs_an_unmentioned_name_in_the_same_role_on_both_sides() {
        let id = |t: &str| TermId::intern(&format!("names-test-{t}"));
        let (york, mill, franc, french, syria) = (id("york"), id("mill"), id("franc"), id("french"), id("syria"));
        let note = [(Role::Place, &["yorkmere"][..])];
        let src = [(Role::Place, &["millwick"][..])];
        let (a, b) = (refs(&note, &[york]), refs(&src, &[mill]));
        assert!(conflict(&a, |t| t == york, &b, |t| t == mill));
        // the source's sentence mentions the note's town: no conflict
        assert!(!conflict(&a, |t| t == york, &b, |t| t == mill || t == york));
        // other roles never meet
        let origin = [(Role::Origin, &["millwick"][..])];
        assert!(!conflict(&a, |t| t == york, &refs(&origin, &[mill]), |t| t == mill));
        // "French fighters returned from Syria" against "fighters from France"
        let note = [(Role::Mention, &["french"][..]), (Role::Origin, &["syria"][..])];
        let src = [(Role::Origin, &["franc"][..])];
        let (a, b) = (refs(&note, &[french, syria]), refs(&src, &[franc]));
        assert!(!conflict(&a, |t| t == french || t == syria, &b, |t| t == franc));
        // but two places in roles that merely open alike still conflict
        let src = [(Role::Origin, &["syracuse"][..])];
        let note = [(Role::Origin, &["syria"][..])];
        let (a, b) = (refs(&note, &[syria]), refs(&src, &[franc]));
        assert!(conflict(&a, |t| t == syria, &b, |t| t == franc));
    }
}
