//! Verdicts on figures whose clauses name a place or an organisation: a
//! source figure about another one is no evidence.

use super::*;
use crate::corpus::Corpus;
use crate::subject::{self, Synonyms};
use crate::text::Format;
use crate::workspace::Settings;
use std::path::Path;

fn corpus(sources: &[(&str, &str)], synonyms: &Synonyms) -> Corpus {
    let conventions = Settings::default().conventions;
    Corpus::from_sources(
        sources
            .iter()
            .map(|(name, text)| Source::from_text(Path::new(name), text.to_string(), synonyms, &conventions))
            .collect(),
    )
}

/// The verdict on the first figure of `note`, and the sources of its
/// evidence, best first.
fn judged_with(note: &str, corpus: &Corpus, synonyms: &Synonyms) -> (Verdict, Vec<String>) {
    let ex = crate::figures::extract(note, Format::Markdown);
    let figure = &ex.figures[0];
    let others: Vec<_> = ex.figures[1..].iter().map(|f| f.span.clone()).collect();
    let mut subject = subject::of_figure(note, figure, &others, synonyms);
    subject.context = subject::context_terms(note, crate::check::paragraph_of(note, figure.sentence.clone()), synonyms);
    let j = judge(figure, &subject, None, &[], corpus, &MatchParams::default());
    (j.verdict, j.evidence.iter().map(|e| e.source.id.clone()).collect())
}

fn judged(note: &str, corpus: &Corpus) -> (Verdict, Vec<String>) {
    judged_with(note, corpus, &Synonyms::default())
}

fn v(verdict: Verdict, sources: &[&str]) -> (Verdict, Vec<String>) {
    (verdict, sources.iter().map(|s| s.to_string()).collect())
}

const TOWNS: &[(&str, &str)] = &[
    ("millwick.txt", "Up to 144,000 flights were cancelled a month in Millwick, the ministry said."),
    ("caldford.txt", "In Caldford, an estimated 3,791 flights were cancelled a month, officials said."),
];

#[test]
fn a_town_is_not_judged_by_another_towns_figure() {
    let c = corpus(TOWNS, &Synonyms::default());
    assert_eq!(
        judged("- 15 flights were cancelled a month in Yorkmere, the ministry said.", &c),
        v(Verdict::Unsourced, &[])
    );
    assert_eq!(
        judged("- About 3,800 flights were cancelled a month in Caldford.", &c),
        v(Verdict::Supported, &["caldford"])
    );
    assert_eq!(
        judged("- In Caldford, 15 flights were cancelled a month.", &c),
        v(Verdict::Contradicted, &["caldford"])
    );
    assert_eq!(
        judged("- 90,000 flights were cancelled a month in Millwick.", &c),
        v(Verdict::Supported, &["millwick"])
    );
    // a table row names the place for the figure in its cell
    let table =
        |town: &str| format!("| Where | Flights cancelled |\n|---|---|\n| Flights in {town} | 3,791 a month |\n");
    assert_eq!(judged(&table("Yorkmere"), &c), v(Verdict::Unsourced, &[]));
    assert_eq!(judged(&table("Caldford"), &c), v(Verdict::Supported, &["caldford"]));
}

#[test]
fn a_source_clause_that_names_no_place_stays_evidence() {
    let mut sources = TOWNS.to_vec();
    sources.push(("unplaced.txt", "About 15 flights were cancelled a month, the ministry said."));
    let c = corpus(&sources, &Synonyms::default());
    assert_eq!(judged("- 15 flights were cancelled a month in Yorkmere.", &c), v(Verdict::Supported, &["unplaced"]));
    // and a note that names no place is judged by every source
    assert_eq!(
        judged("- 15 flights were cancelled a month, the ministry said.", &c),
        v(Verdict::Supported, &["unplaced", "millwick", "caldford"])
    );
}

#[test]
fn a_company_is_not_judged_by_another_companys_figure() {
    let c = corpus(
        &[
            ("acme.txt", "About 300 jobs were cut at Acme, the union said."),
            ("globex.txt", "The union said Globex's plants had cut some 1,200 jobs."),
        ],
        &Synonyms::default(),
    );
    assert_eq!(judged("- 1,200 jobs were cut at Initech.", &c), v(Verdict::Unsourced, &[]));
    assert_eq!(judged("- Some 1,200 jobs were cut at Globex.", &c), v(Verdict::Supported, &["globex"]));
    assert_eq!(judged("- The union says Acme's plants cut 1,200 jobs.", &c), v(Verdict::Contradicted, &["acme"]));
}

#[test]
fn a_hospital_is_not_judged_by_another_hospitals_figure() {
    let c = corpus(
        &[
            ("stmarys.txt", "At St Mary's Hospital, 40 patients were admitted with flu."),
            ("royal.txt", "Some 95 patients were admitted with flu at the Royal Infirmary."),
        ],
        &Synonyms::default(),
    );
    assert_eq!(
        judged("- 52 patients were admitted with flu at Ashford General Hospital.", &c),
        v(Verdict::Unsourced, &[])
    );
    assert_eq!(
        judged("- 40 patients were admitted with flu at St Mary's Hospital.", &c),
        v(Verdict::Supported, &["stmarys"])
    );
    assert_eq!(
        judged("- 52 patients were admitted with flu at St Mary's.", &c),
        v(Verdict::Contradicted, &["stmarys"])
    );
}

#[test]
fn a_state_is_not_judged_by_another_states_figure() {
    let c = corpus(
        &[
            ("ohio.txt", "In Ohio, 98 percent of voters backed the measure."),
            ("texas.txt", "About 61 percent of voters in Texas backed the measure."),
        ],
        &Synonyms::default(),
    );
    assert_eq!(judged("- 98 percent of voters in Texas backed the measure.", &c), v(Verdict::Contradicted, &["texas"]));
    assert_eq!(judged("- 98 percent of voters in Ohio backed the measure.", &c), v(Verdict::Supported, &["ohio"]));
}

#[test]
fn nationality_adjectives_and_synonyms_are_no_conflict() {
    let returned = [("returned.txt", "About 1,700 French fighters have returned from Syria, officials said.")];
    let c = corpus(&returned, &Synonyms::default());
    assert_eq!(judged("- Some 1,700 fighters have returned from France.", &c), v(Verdict::Supported, &["returned"]));
    assert_eq!(judged("- Some 1,700 fighters have returned from Belgium.", &c), v(Verdict::Unsourced, &[]));
    // a synonym group of the configuration folds two names into one term
    let synonyms = Synonyms::with_extra(&[vec!["Holland".to_string(), "Netherlands".to_string()]]);
    let c = corpus(&[("dutch.txt", "About 400 refugees arrived in the Netherlands.")], &synonyms);
    assert_eq!(judged_with("- 400 refugees arrived in Holland.", &c, &synonyms), v(Verdict::Supported, &["dutch"]));
    let plain = Synonyms::default();
    let c = corpus(&[("dutch.txt", "About 400 refugees arrived in the Netherlands.")], &plain);
    assert_eq!(judged_with("- 400 refugees arrived in Holland.", &c, &plain), v(Verdict::Unsourced, &[]));
}

#[test]
fn an_hourly_figure_is_not_converted_to_a_calendar_period() {
    let c = corpus(&[("pay.txt", "Welders at the yard earn $30 an hour, the union said.")], &Synonyms::default());
    assert_eq!(judged("- Welders at the yard earn $30 an hour.", &c), v(Verdict::Supported, &["pay"]));
    assert_eq!(judged("- Welders at the yard earn $60,000 a year.", &c), v(Verdict::Unsourced, &[]));
}

#[test]
fn a_period_left_unsaid_meets_a_stated_one_only_at_the_same_value() {
    let source = "The minimum salary needed for a mortgage in the region is \u{a3}38,000, the report said.";
    let c = corpus(&[("homes.txt", source)], &Synonyms::default());
    let note = |pay: &str| format!("- The minimum salary needed for a mortgage in the region is {pay} a year.");
    assert_eq!(judged(&note("\u{a3}38,000"), &c), v(Verdict::Supported, &["homes"]));
    // another value across the unsaid period is no contradiction
    assert_eq!(judged(&note("\u{a3}3,000"), &c).0, Verdict::Unsourced);
    // a total over a window is no period left unsaid
    let source = "A total of 50 recruits have crossed the border since the beginning of 2016, officials said.";
    let c = corpus(&[("border.txt", source)], &Synonyms::default());
    assert_eq!(judged("- About 50 recruits cross the border a month, officials said.", &c).0, Verdict::Unsourced);
}

/// Does the first figure of `source` speak of the time of the first figure of `note`?
fn same_time_as(note: &str, source: &str) -> bool {
    let conventions = Settings::default().conventions;
    let src = Source::from_text(Path::new("s.txt"), source.to_string(), &Synonyms::default(), &conventions);
    let ex = crate::figures::extract(note, Format::Markdown);
    let note_date = crate::corpus::dating::note_date(note, &ex);
    same_time(&ex.figures[0], note_date, src.figures[0].figure.time(), &src)
}

#[test]
fn last_months_figures_published_this_month_are_its_present() {
    let note = "Prepared 19 February 2024.\n\nNew claims rose by nearly 40 percent in September.\n";
    let source = |date: &str| format!("Claims jump\n\n{date}\n\nNew claims rose 38 percent, the board said.\n");
    assert!(same_time_as(note, &source("October 20, 2023")));
    assert!(same_time_as(note, &source("September 28, 2023")));
    assert!(!same_time_as(note, &source("December 20, 2023")));
}

#[test]
fn a_forecast_speaks_of_the_time_after_it_was_made() {
    let source = "Acme layoffs\n\nFebruary 16, 2024\n\nAcme will lay off about 1,350 workers at its plant.\n";
    let note = |when: &str| format!("Prepared 5 April 2024.\n\nAcme laid off 1,350 workers {when}.\n");
    assert!(same_time_as(&note("by the end of March"), source));
    assert!(same_time_as(&note("in all"), source));
    assert!(!same_time_as(&note("in December 2023"), source));
}

#[test]
fn a_relative_time_neither_text_dates_rules_nothing_out() {
    let source = "Breivik massacred 77 people, most of them teenagers.\n";
    assert!(same_time_as("The man convicted of killing 77 people last year spoke.\n", source));
    // once either text is dated, the time is placed and checked
    let dated = "Oslo trial\n\nApril 16, 2012\n\nBreivik massacred 77 people, most of them teenagers.\n";
    assert!(!same_time_as("The man convicted of killing 77 people last year spoke.\n", dated));
    let note = "Prepared 5 March 2013.\n\nThe man convicted of killing 77 people last year spoke.\n";
    assert!(!same_time_as(note, source));
}

#[test]
fn a_month_without_a_year_in_an_undated_source_is_not_before_an_undated_notes_present() {
    let source = "In February she pleaded guilty to six counts of murder.\n";
    assert!(same_time_as("She faces six counts of murder.\n", source));
    // a date on either text places it, before a note's present
    let dated = "Utah case\n\nApril 16, 2015\n\nIn February she pleaded guilty to six counts of murder.\n";
    assert!(!same_time_as("She faces six counts of murder.\n", dated));
    let note = "Prepared 5 May 2015.\n\nShe faces six counts of murder.\n";
    assert!(!same_time_as(note, source));
}

#[test]
fn a_note_figure_told_in_the_past_without_a_time_speaks_of_any_past_but_a_peak() {
    let dated = "Utah case\n\nApril 16, 2015\n\nIn February she pleaded guilty to six counts of murder.\n";
    assert!(same_time_as("She admitted six counts of murder.\n", dated));
    assert!(same_time_as("Prepared 5 May 2015.\n\nShe admitted six counts of murder.\n", dated));
    // and the source's present
    assert!(same_time_as("She admitted six counts of murder.\n", "She faces six counts of murder.\n"));
    // a peak is a time of its own
    let peak = "At its peak the group had 30,000 fighters.\n";
    assert!(!same_time_as("The group had 30,000 fighters.\n", peak));
    // the present does not reach back to a past
    assert!(!same_time_as("The group has 30,000 fighters.\n", "In 2014 the group had 30,000 fighters.\n"));
    assert!(same_time_as("The group had 30,000 fighters.\n", "In 2014 the group had 30,000 fighters.\n"));
}

#[test]
fn a_peak_the_note_dates_meets_a_peak_the_source_does_not() {
    let source =
        "Coalition update\n\nDecember 28, 2017\n\nAt its peak, ISIS had more than 45,000 fighters in the region.\n";
    let note = "Prepared 29 December 2017.\n\nAt its peak in 2015 the group fielded over 45,000 fighters.\n";
    assert!(same_time_as(note, source));
    // a peak is still no evidence about an ordinary time the note dates
    assert!(!same_time_as("Prepared 29 December 2017.\n\nIn 2015 the group fielded over 45,000 fighters.\n", source));
}

const PORTS: &[(&str, &str)] = &[
    (
        "harbour.txt",
        "The harbour authority said the port handled about 4,500 containers on Monday after the strike.\n\nDock workers returned to the quays and the cranes of the eastern terminal were running again.",
    ),
    ("schools.txt", "The council approved 12 new schools for the northern district on Tuesday."),
    ("rail.txt", "Rail freight carried 900 wagons of grain across the plains last week."),
];

#[test]
fn the_model_contradicts_only_where_it_is_sure_of_one_measure() {
    let c = corpus(PORTS, &Synonyms::default());
    // the note's sentence says much the source does not: coverage finds
    // nothing, the model finds the one figure of the harbour's story
    let long = "After weeks of disruption on the quays, angry protests by hauliers and cranes idle at the eastern terminal, dock workers saw the port handle";
    assert_eq!(
        judged(&format!("- {long} about 4,500 containers on Monday.\n"), &c),
        v(Verdict::Supported, &["harbour"])
    );
    assert_eq!(
        judged(&format!("- {long} about 13,500 containers on Monday.\n"), &c),
        v(Verdict::Contradicted, &["harbour"])
    );
    // the coverage reading alone finds nothing there
    let ex = crate::figures::extract(&format!("- {long} about 13,500 containers on Monday.\n"), Format::Markdown);
    let subject = subject::of_figure(&ex.masked, &ex.figures[0], &[], &Synonyms::default());
    let coverage_only = MatchParams { min_probability: f32::INFINITY, ..MatchParams::default() };
    assert_eq!(judge(&ex.figures[0], &subject, None, &[], &c, &coverage_only).verdict, Verdict::Unsourced);
}

#[test]
fn the_model_never_contradicts_where_the_story_states_the_value_or_two_measures() {
    let long = "After weeks of disruption on the quays, angry protests by hauliers and cranes idle at the eastern terminal, dock workers saw the port handle";
    // the story also states the note's value in a figure that can be compared
    let mut sources = PORTS.to_vec();
    sources[0].1 = "The harbour authority said the port handled about 4,500 containers on Monday after the strike.\n\nDock workers returned to the quays.

In 2010 insurers counted 13,500 containers lost at sea.";
    let c = corpus(&sources, &Synonyms::default());
    assert_eq!(judged(&format!("- {long} about 13,500 containers on Monday.\n"), &c).0, Verdict::Unsourced);
    // two figures of the story the model is nearly as sure of, of other
    // values: unsure under `min_choice_of_values`; over it, neither is the
    // note's 13,500, and the one chosen is quoted
    sources[0].1 = "The harbour authority said the port handled about 4,500 containers on Monday after the strike.\n\nDock workers returned to the quays, where 2,000 containers were still waiting at the eastern terminal.";
    let c = corpus(&sources, &Synonyms::default());
    let note = format!("- {long} about 13,500 containers on Monday.\n");
    let unsure = MatchParams { min_choice_of_values: 1.0, ..MatchParams::default() };
    assert_eq!(judged_by(&note, &c, &unsure).0, Verdict::Unsourced);
    let ex = crate::figures::extract(&note, Format::Markdown);
    let mut subject = subject::of_figure(&note, &ex.figures[0], &[], &Synonyms::default());
    let paragraph = crate::check::paragraph_of(&note, ex.figures[0].sentence.clone());
    subject.context = subject::context_terms(&note, paragraph, &Synonyms::default());
    let j = judge(&ex.figures[0], &subject, None, &[], &c, &MatchParams::default());
    assert_eq!(j.verdict, Verdict::Contradicted);
    let quoted: Vec<String> = j.evidence.iter().map(|e| e.source.quote(e.figure)).collect();
    assert_eq!(quoted.first().map(String::as_str), Some("about 4,500 containers"), "{quoted:?}");
}

const FOSSILS: &[(&str, &str)] = &[
    (
        "fossils.txt",
        "The remains were found in a cave near Johannesburg by a team of palaeontologists.\n\nIdentified as an adult female and a juvenile male, the team said 1,350 bone fragments were recovered from the cave floor.",
    ),
    ("harbour.txt", "The harbour authority said the port handled about 4,500 containers on Monday."),
];

#[test]
fn the_paragraphs_article_stating_a_rare_value_in_other_words_supports_it() {
    let c = corpus(FOSSILS, &Synonyms::default());
    // no word of the figure's own sentence is the article's: only its value is
    let note = "Palaeontologists working in a cave near Johannesburg have found the remains of an adult female and a juvenile male.\n\nThey dug out 1,350 pieces of skeleton.\n";
    let ex = crate::figures::extract(note, Format::Markdown);
    let figure = &ex.figures[0];
    let mut subject = subject::of_figure(note, figure, &[], &Synonyms::default());
    subject.context = subject::context_terms(note, 0..note.len(), &Synonyms::default());
    let j = judge(figure, &subject, None, &[], &c, &MatchParams::default());
    assert_eq!(
        (j.verdict, j.evidence[0].source.id.as_str(), j.evidence[0].quote()),
        (Verdict::Supported, "fossils", "1,350 bone fragments".to_string())
    );
    // a common value is no evidence: "two" could be there by chance
    let note = note.replace("1,350", "two");
    let ex = crate::figures::extract(&note, Format::Markdown);
    let mut subject = subject::of_figure(&note, &ex.figures[0], &[], &Synonyms::default());
    subject.context = subject::context_terms(&note, 0..note.len(), &Synonyms::default());
    let sources = [
        ("fossils.txt", FOSSILS[0].1.replace("1,350 bone fragments", "two bone fragments and 40 teeth")),
        ("harbour.txt", FOSSILS[1].1.to_string()),
    ];
    let c = corpus(&sources.iter().map(|(a, b)| (*a, b.as_str())).collect::<Vec<_>>(), &Synonyms::default());
    assert_eq!(judge(&ex.figures[0], &subject, None, &[], &c, &MatchParams::default()).verdict, Verdict::Unsourced);
}

/// Two stories of one paragraph: the trial's article speaks of the paragraph
/// most, the bail article less but states the freed men's number.
const BAIL: &[(&str, &str)] = &[
    (
        "trial.txt",
        "A lawyer close to the case said the trial over 35 British rifles held in an Indian jail on arms charges was adjourned.",
    ),
    ("bail.txt", "Five British men who had been held in an Indian jail were freed on bail on Tuesday."),
    ("harbour.txt", "The harbour authority said the port handled about 4,500 containers on Monday."),
];

#[test]
fn a_same_valued_figure_the_model_is_sure_of_supports_from_an_article_near_the_best() {
    let c = corpus(BAIL, &Synonyms::default());
    let note = "- Five British men held on arms charges have been freed on bail from an Indian jail after months of legal wrangling over their detention in the southern state of Tamil Nadu, a lawyer close to the case said.\n";
    let ex = crate::figures::extract(note, Format::Markdown);
    let mut subject = subject::of_figure(note, &ex.figures[0], &[], &Synonyms::default());
    subject.context = subject::context_terms(note, 0..note.len(), &Synonyms::default());
    let judge_at = |share: f32| {
        let params = MatchParams { min_supporting_document: share, ..MatchParams::default() };
        let j = judge(&ex.figures[0], &subject, None, &[], &c, &params);
        (j.verdict, j.evidence.first().map(|e| e.source.id.clone()))
    };
    assert_eq!(judge_at(0.5), (Verdict::Supported, Some("bail".to_string())));
    // the best article alone, as the model's other evidence must be
    assert_eq!(judge_at(features::BEST_DOCUMENT).0, Verdict::Unsourced);
}

#[test]
fn a_lower_bound_is_not_borne_out_by_several_times_its_number() {
    let c = corpus(
        &[("libya.txt", "More than 30 Ethiopian Christians were killed in Libya, the group said.")],
        &Synonyms::default(),
    );
    let note = |n: &str| format!("- {n} Ethiopian Christians were killed in Libya, the group said.");
    assert_eq!(judged(&note("35"), &c), v(Verdict::Supported, &["libya"]));
    assert_eq!(judged(&note("90"), &c), v(Verdict::Contradicted, &["libya"]));
    assert_eq!(judged(&note("More than 90"), &c), v(Verdict::Contradicted, &["libya"]));
    assert_eq!(judged(&note("More than 40"), &c), v(Verdict::Supported, &["libya"]));
}

/// The first figure of `note` judged with `params`.
fn judged_by(note: &str, corpus: &Corpus, params: &MatchParams) -> (Verdict, Vec<String>) {
    let ex = crate::figures::extract(note, Format::Markdown);
    let figure = &ex.figures[0];
    let synonyms = Synonyms::default();
    let mut subject = subject::of_figure(note, figure, &[], &synonyms);
    subject.context =
        subject::context_terms(note, crate::check::paragraph_of(note, figure.sentence.clone()), &synonyms);
    let j = judge(figure, &subject, None, &[], corpus, params);
    (j.verdict, j.evidence.iter().map(|e| e.source.id.clone()).collect())
}

const STORM: &[(&str, &str)] = &[
    (
        "zelda.txt",
        "Storm Zelda battered the Norland coast on Monday, flooding harbours and tearing down power lines. \
         Ferries to the islands were cancelled and the coastguard rescued fishermen off Brackwater.",
    ),
    (
        "payroll.txt",
        "The grocer said about 18,500 people in 20 states were without electricity after a fault at its \
         depots. Its shares fell on the news.",
    ),
    ("mill.txt", "The paper mill in Oskton will close in March. Its owners blamed the price of pulp."),
    ("derby.txt", "United won the derby 2-0. The manager praised his defence after the match."),
    ("vote.txt", "The council voted to raise parking charges. Shopkeepers said trade would suffer."),
];

#[test]
fn a_disagreeing_figure_of_another_story_is_no_contradiction() {
    let c = corpus(STORM, &Synonyms::default());
    let note = "- Storm Zelda battered the Norland coast and flooded harbours. About 900,000 people in 20 states \
                were without electricity.";
    let anywhere = MatchParams { min_contradicting_document: 0.0, ..MatchParams::default() };
    assert_eq!(judged_by(note, &c, &anywhere), v(Verdict::Contradicted, &["payroll"]));
    assert_eq!(judged_by(note, &c, &MatchParams::default()), v(Verdict::Unsourced, &[]));
    // the story's own article stating the measure still contradicts
    let mut sources = STORM.to_vec();
    sources[0].1 = "Storm Zelda battered the Norland coast on Monday, flooding harbours. About 18,500 people in \
                    20 states were without electricity.";
    let c = corpus(&sources, &Synonyms::default());
    assert_eq!(judged_by(note, &c, &MatchParams::default()), v(Verdict::Contradicted, &["zelda"]));
}

#[test]
fn a_second_article_of_the_same_story_still_contradicts() {
    // the seeds, with 004 corrected: it speaks of the paragraph less than
    // the best seed does, but of the same story
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("seeds/ is in the repository") {
        let path = entry.expect("a seed").path();
        let text = std::fs::read_to_string(&path).expect("a seed is text");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        sources.push((name, text.replace("more than 45,000 fighters", "about 20,000 fighters")));
    }
    sources.sort();
    let refs: Vec<(&str, &str)> = sources.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let c = corpus(&refs, &Synonyms::default());
    let note = "At its peak, ISIS was thought to have more than 45,000 fighters in the region.";
    assert_eq!(judged_by(note, &c, &MatchParams::default()), v(Verdict::Contradicted, &["004_373bdf90062bec4d"]));
}

const SAINTS: &[(&str, &str)] = &[
    (
        "striker.txt",
        "Saints striker Jay Rodman thanked the fans at St Mary's after ending his goal drought against Leeds. \
         The 29-year-old had not scored since October.",
    ),
    ("mill.txt", "The paper mill in Oskton will close in March. Its owners blamed the price of pulp."),
    ("vote.txt", "The council voted to raise parking charges. Shopkeepers said trade would suffer."),
    ("storm.txt", "Storm Zelda battered the Norland coast on Monday, flooding harbours."),
];

#[test]
fn the_one_age_of_the_storys_article_is_the_persons_age() {
    let c = corpus(SAINTS, &Synonyms::default());
    let note =
        |age: &str| format!("Jay Rodman ended his goal drought against Leeds. The {age}-year-old thanked Saints fans.");
    assert_eq!(judged_by(&note("87"), &c, &MatchParams::default()), v(Verdict::Contradicted, &["striker"]));
    assert_eq!(judged_by(&note("29"), &c, &MatchParams::default()), v(Verdict::Supported, &["striker"]));
    // an article giving two people's ages leaves open whose the note states
    let mut sources = SAINTS.to_vec();
    sources[0].1 = "Saints striker Jay Rodman thanked the fans at St Mary's after ending his goal drought against \
                    Leeds. The 29-year-old had not scored since October, when his 35-year-old strike partner left.";
    let c = corpus(&sources, &Synonyms::default());
    assert_eq!(judged_by(&note("87"), &c, &MatchParams::default()).0, Verdict::Unsourced);
}

#[test]
fn the_same_number_with_another_bound_is_a_restatement_with_a_note() {
    let c = corpus(
        &[("census.txt", "The minority population will grow more than three times faster than the rest by 2051.")],
        &Synonyms::default(),
    );
    let note = "- The minority population will grow three times faster than the rest by 2051.";
    let ex = crate::figures::extract(note, Format::Markdown);
    let figure = &ex.figures[0];
    let mut subject = subject::of_figure(note, figure, &[], &Synonyms::default());
    subject.context =
        subject::context_terms(note, crate::check::paragraph_of(note, figure.sentence.clone()), &Synonyms::default());
    let j = judge(figure, &subject, None, &[], &c, &MatchParams::default());
    assert_eq!(j.verdict, Verdict::Supported);
    assert_eq!(j.notes, vec!["Same number, other bound: census says \"more than three times\".".to_string()]);
    // another number under the same bound is still no support
    assert_eq!(
        judged("- The minority population will grow ten times faster than the rest by 2051.", &c).0,
        Verdict::Contradicted
    );
}

#[test]
fn two_copies_of_one_article_are_one_story() {
    let article = "Yarmouk was once a thriving district housing 160,000 Palestinian refugees and Syrians. \
                   Militants took over the camp in April, and most of its people fled to shelters in Damascus.";
    let other = "Yarmouk camp in Damascus, taken by militants in April, saw 18 shelters open for Palestinian families.";
    let note = "- Yarmouk, a camp in Damascus, once had over 160,000 residents before militants took it over in April.";
    let copies = corpus(&[("yarmouk.txt", article), ("yarmouk-saved.txt", article)], &Synonyms::default());
    assert_eq!(judged(note, &copies), v(Verdict::Supported, &["yarmouk"]));
    // a second, different article as good as the first leaves the story open
    let two = corpus(&[("yarmouk.txt", article), ("camp.txt", &format!("{article} {other}"))], &Synonyms::default());
    assert_eq!(judged(note, &two).0, Verdict::Unsourced);
}
