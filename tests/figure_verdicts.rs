//! Verdicts on the kinds of figure that compare across units: durations in
//! seconds (36 hours = a day and a half), speeds (250 km/h ≈ 155 mph), and
//! only like with like (a duration never meets a count, a speed never a
//! distance).

use sourcecheck::corpus::{Corpus, Source};
use sourcecheck::figures::extract;
use sourcecheck::subject::{self, Synonyms};
use sourcecheck::text::Format;
use sourcecheck::verdict::{judge, MatchParams, Verdict};
use sourcecheck::workspace::Settings;
use std::path::Path;

/// The verdict on the first figure of `note` against one source's `text`.
fn verdict(note: &str, text: &str) -> Verdict {
    let synonyms = Synonyms::default();
    let conventions = Settings::default().conventions;
    let source = Source::from_text(Path::new("source.txt"), text.to_string(), &synonyms, &conventions);
    let corpus = Corpus::from_sources(vec![source]);
    let ex = extract(note, Format::Markdown);
    let figure = &ex.figures[0];
    let others: Vec<_> = ex.figures[1..].iter().map(|f| f.span.clone()).collect();
    let subject = subject::of_figure(note, figure, &others, &synonyms);
    judge(figure, &subject, None, &[], &corpus, &MatchParams::default()).verdict
}

#[test]
fn a_duration_compares_in_seconds_whatever_its_unit() {
    let source = "The siege of the embassy lasted a day and a half, police said.";
    assert_eq!(verdict("The siege of the embassy lasted 36 hours.", source), Verdict::Supported);
    assert_eq!(verdict("The siege of the embassy lasted 12 hours.", source), Verdict::Contradicted);
    let source = "Repairs to the bridge will take ten days to two weeks, engineers said.";
    assert_eq!(verdict("Repairs to the bridge will take 12 days.", source), Verdict::Supported);
    assert_eq!(verdict("Repairs to the bridge will take six weeks.", source), Verdict::Contradicted);
}

#[test]
fn a_duration_never_meets_a_count() {
    let source = "The siege of the embassy involved 36 officers, police said.";
    assert_eq!(verdict("The siege of the embassy lasted 36 hours.", source), Verdict::Unsourced);
}

#[test]
fn speeds_compare_across_units_and_never_meet_distances() {
    let source = "The new trains on the coastal line reach 250 km/h.";
    assert_eq!(verdict("The new trains on the coastal line reach 155 mph.", source), Verdict::Supported);
    assert_eq!(verdict("The new trains on the coastal line reach 190 mph.", source), Verdict::Contradicted);
    let source = "The new trains on the coastal line reach 155 miles per hour.";
    assert_eq!(verdict("The new trains on the coastal line reach 250 km/h.", source), Verdict::Supported);
    assert_eq!(verdict("The new trains on the coastal line reach 155 miles.", source), Verdict::Unsourced);
    let source = "The new trains on the coastal line run 250 km.";
    assert_eq!(verdict("The new trains on the coastal line reach 250 km/h.", source), Verdict::Unsourced);
}

#[test]
fn ages_compare_with_ages() {
    let source = "The driver, a 27-year-old from Leeds, was arrested at the scene.";
    assert_eq!(verdict("The driver, aged 27, was arrested.", source), Verdict::Supported);
    assert_eq!(verdict("The driver, aged 31, was arrested.", source), Verdict::Contradicted);
}

#[test]
fn an_age_in_months_compares_in_years() {
    let source = "The boy rescued from the river was 18 months old, police said.";
    assert_eq!(verdict("An 18-month-old boy was rescued from the river.", source), Verdict::Supported);
    assert_eq!(verdict("A 3-year-old boy was rescued from the river.", source), Verdict::Contradicted);
    // "aged" before months keeps them: 1.5 years, not 18
    assert_eq!(verdict("The boy, aged 18 months, was rescued from the river.", source), Verdict::Supported);
    let source = "The boy rescued from the river, an 18-year-old, was a keen swimmer, police said.";
    assert_eq!(verdict("The boy, aged 18 months, was rescued from the river.", source), Verdict::Contradicted);
}

#[test]
fn two_maxima_compare_their_bounds() {
    let source = "Gusts on the island reached up to 190 mph, forecasters said.";
    assert_eq!(verdict("Gusts on the island reached up to 230 mph.", source), Verdict::Contradicted);
    assert_eq!(verdict("Gusts on the island reached up to 190 mph.", source), Verdict::Supported);
}

#[test]
fn a_fix_across_units_takes_the_sources_whole_wording() {
    use sourcecheck::check::check_note;
    use sourcecheck::fixes::fixes_for;
    let synonyms = Synonyms::default();
    let settings = Settings::default();
    let text = "The new trains on the coastal line reach 250 km/h, the operator said.";
    let source = Source::from_text(Path::new("trains.txt"), text.to_string(), &synonyms, &settings.conventions);
    let corpus = Corpus::from_sources(vec![source]);
    let note = "The new trains on the coastal line reach 190 mph.\n";
    let check = check_note(note, Format::Markdown, None, &corpus, &settings);
    let f = &check.figures[0];
    assert_eq!(f.judgement.verdict, Verdict::Contradicted);
    let fixes = fixes_for(note, &check, f, &corpus);
    let first = &fixes[0].edits[0];
    // the figure's words replaced whole (and the source cited after them)
    assert_eq!(&note[first.range.clone()], "190 mph");
    assert!(first.text.starts_with("250 km/h"), "{}", first.text);
}
