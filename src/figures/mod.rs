//! Figures: the quantity claims a text makes. This module owns the data model
//! (`Figure`, `Interval`, `Kind`, `Period`) and the extraction entry point;
//! the conventions that turn wording into intervals live in `conventions`.

pub mod conventions;
mod counted;
pub mod duration;
mod exclusions;
mod lexicon;
pub(crate) use lexicon::counts_people;
mod measure;
mod number;
mod numeral;
mod periods;
mod qualifiers;
mod ranges;
mod scan;
mod tense;
pub mod time;
mod timing;
#[cfg(test)]
mod timing_reference;
pub mod units;

use crate::text::{markdown, sentences, Format};
pub use measure::Measure;
use serde::{Deserialize, Serialize};
use std::ops::Range;
pub use time::{DateSpec, TimeRef};

/// One end of an interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bound {
    pub value: f64,
    pub inclusive: bool,
}

/// The true values a figure admits. `None` is unbounded.
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Interval {
    pub min: Option<Bound>,
    pub max: Option<Bound>,
}

impl Interval {
    pub fn closed(min: f64, max: f64) -> Interval {
        Interval { min: Some(Bound { value: min, inclusive: true }), max: Some(Bound { value: max, inclusive: true }) }
    }

    pub fn exact(v: f64) -> Interval {
        Interval::closed(v, v)
    }

    /// Do the two intervals share at least one value?
    pub fn overlaps(&self, other: &Interval) -> bool {
        below_max(self.min, other.max) && below_max(other.min, self.max)
    }

    /// Does a figure of this interval bear out one of `other`? Two stated
    /// maxima must state the same bound (`same_bound`); else the two must
    /// overlap as they are read (`reach`).
    pub fn agrees(&self, other: &Interval) -> bool {
        self.same_bound(other).unwrap_or_else(|| self.reach().overlaps(&other.reach()))
    }

    /// The interval as a reader takes it: a lower bound only ("more than
    /// 30", "at least 30") reaches to `conventions::OPEN_REACH` times its
    /// number (`conventions::reach_of`); any other is as it is.
    pub fn reach(&self) -> Interval {
        match (self.min, self.max) {
            (Some(min), None) => Interval { min: Some(min), max: conventions::reach_of(min.value) },
            _ => *self,
        }
    }

    /// Two stated maxima ("up to 230 mph", "as many as 190 mph": a maximum
    /// reached, inclusive) are claims about one peak: do they state the same
    /// one (within 1%)? `None` unless both are such maxima. A bound that only
    /// limits ("fewer than 20", "at least 60") is left to overlap: a source's
    /// "fewer than 10" bears the note's "fewer than 20" out.
    pub fn same_bound(&self, other: &Interval) -> Option<bool> {
        let near = |a: f64, b: f64| (a - b).abs() <= 0.01 * a.abs().max(b.abs());
        match (self.min, self.max, other.min, other.max) {
            (None, Some(a), None, Some(b)) if a.inclusive && b.inclusive => Some(near(a.value, b.value)),
            _ => None,
        }
    }

    /// Every bound multiplied by `factor` (unit and period conversion).
    pub fn scaled(&self, factor: f64) -> Interval {
        let s = |b: Option<Bound>| b.map(|b| Bound { value: b.value * factor, ..b });
        Interval { min: s(self.min), max: s(self.max) }
    }

    /// How far apart two disjoint intervals are, relative to their size
    /// (0 when they overlap). Used to rank contradicting evidence.
    pub fn distance(&self, other: &Interval) -> f64 {
        if self.overlaps(other) {
            return 0.0;
        }
        let (a_lo, a_hi) = self.ends();
        let (b_lo, b_hi) = other.ends();
        let gap = if a_hi < b_lo { b_lo - a_hi } else { a_lo - b_hi };
        gap / a_hi.abs().max(b_hi.abs()).max(1.0)
    }

    fn ends(&self) -> (f64, f64) {
        let lo = self.min.map(|b| b.value).unwrap_or(f64::NEG_INFINITY);
        let hi = self.max.map(|b| b.value).unwrap_or(f64::INFINITY);
        (lo, hi)
    }
}

fn below_max(min: Option<Bound>, max: Option<Bound>) -> bool {
    match (min, max) {
        (Some(lo), Some(hi)) => {
            if lo.inclusive && hi.inclusive {
                lo.value <= hi.value
            } else {
                lo.value < hi.value
            }
        }
        _ => true,
    }
}

/// What sort of quantity a figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A number of things (or a measure with a unit): "1,000 fighters".
    Count,
    /// A proportion, in percent: "98 percent", "a third", "one in five".
    Share,
    /// An amount of money; the unit is the currency code.
    Money,
    /// How long something lasted, in seconds; the unit is the time unit as
    /// written ("hours", "hour").
    Duration,
    /// How old someone or something is, in years; the unit is "years" or
    /// the unit as written when it is another ("months": "an 18-month-old").
    Age,
}

/// The period of a rate: "200 a month".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Period {
    pub fn name(self) -> &'static str {
        match self {
            Period::Hour => "hour",
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    /// Length in days, for converting rates between periods.
    pub fn days(self) -> f64 {
        match self {
            Period::Hour => 1.0 / 24.0,
            Period::Day => 1.0,
            Period::Week => 7.0,
            Period::Month => 365.25 / 12.0,
            Period::Quarter => 365.25 / 4.0,
            Period::Year => 365.25,
        }
    }
}

/// A figure found in a text. All positions are byte offsets into that text.
/// Serde: the corpus's on-disk index cache.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// Qualifier, number(s), counted noun and adjacent period: "fewer than 1,000 fighters".
    pub span: Range<usize>,
    /// Qualifier and number(s) only: "fewer than 1,000" — what a quick fix replaces.
    pub quantity: Range<usize>,
    /// The numbers as written, scaled ("1.5 million" → 1500000).
    pub stated: Vec<f64>,
    pub interval: Interval,
    pub kind: Kind,
    /// Counted noun as written ("fighters"), "percent", or a currency code.
    pub unit: Option<String>,
    /// Span of the counted noun, when there is one.
    pub noun: Option<Range<usize>>,
    pub per: Option<Period>,
    /// The sentence the figure stands in.
    pub sentence: Range<usize>,
    /// The time the figure is about, when its clause or sentence says.
    pub time: Option<TimeRef>,
    /// No time, but a clause told in the past tense ("spent £90,000"): the
    /// figure speaks of some past the text does not place (`tense`).
    #[serde(skip)]
    pub told_in_past: bool,
    /// Other text that says what the figure is about: for a table cell, the
    /// rest of its row and its column header.
    pub context: Vec<Range<usize>>,
}

impl Figure {
    /// The interval in the figure's unit as written: a duration's seconds
    /// back in its hours, days or years, an age's years in its months.
    pub fn shown_interval(&self) -> Interval {
        let unit = self.unit.as_deref();
        match self.kind {
            Kind::Duration => unit.and_then(duration::seconds).map_or(self.interval, |s| self.interval.scaled(1.0 / s)),
            // an age's years back in its months or weeks ("an 18-month-old")
            Kind::Age => unit.and_then(duration::years_in).map_or(self.interval, |y| self.interval.scaled(1.0 / y)),
            _ => self.interval,
        }
    }
}

/// A text read for figures.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    /// The text the figures were read from: its prose, everything else
    /// (code, link targets, URLs, citation keys, markup) blanked to spaces,
    /// same length. Subjects are read from it, so non-prose never leaks in.
    pub masked: String,
    pub figures: Vec<Figure>,
    /// Every sentence of prose, in order.
    pub sentences: Vec<Range<usize>>,
    /// Explicit dates found in the prose (for dating a source).
    pub dates: Vec<(Range<usize>, DateSpec)>,
    /// Citation groups and Markdown links in the prose.
    pub citations: Vec<crate::citations::CitationGroup>,
    pub links: Vec<markdown::Link>,
    /// The headings, in order.
    pub headings: Vec<Range<usize>>,
}

/// Finds every figure in `text`.
pub fn extract(text: &str, format: Format) -> Extraction {
    extract_with(text, format, &conventions::Conventions::default())
}

/// Finds every figure in `text` under the given conventions.
pub fn extract_with(text: &str, format: Format, conv: &conventions::Conventions) -> Extraction {
    let prose = markdown::prose(text, format);
    let mut out = Extraction::default();
    let mut scratch = scan::Scratch::default();
    for block in &prose.blocks {
        let heading = block.kind == markdown::BlockKind::Heading;
        if heading {
            out.headings.push(block.range.clone());
        }
        let first_new = out.figures.len();
        for sentence in sentences::split(&prose.masked, block.range.clone()) {
            scan::scan_sentence(&prose.masked, sentence.clone(), heading, conv, &mut out, &mut scratch);
            out.sentences.push(sentence);
        }
        if !block.context.is_empty() {
            // a table cell: its row says when, if the cell does not
            let row_time = block.context.iter().find_map(|r| scan::time_in(&prose.masked, r.clone()));
            for f in &mut out.figures[first_new..] {
                f.context = block.context.clone();
                if f.time.is_none() {
                    f.time = row_time.clone();
                }
            }
        }
    }
    out.citations = prose.citations;
    out.links = prose.links;
    out.masked = prose.masked;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_run_of_number_words_is_read_in_linear_time() {
        // one clause of 8,000 number words, each its own figure: every
        // figure's clause was walked again for each figure (8,000 took ~100 s)
        let text = vec!["twenty-one"; 8_000].join(" ");
        let started = std::time::Instant::now();
        let figures = extract(&text, Format::Plain).figures;
        assert_eq!(figures.len(), 8_000);
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "took {:?}", started.elapsed());
    }

    #[test]
    fn number_words_never_run_across_a_line_break_or_up_the_scales() {
        let values = |text: &str| -> Vec<(String, f64)> {
            let ex = extract(text, Format::Plain);
            ex.figures.iter().map(|f| (text[f.span.clone()].to_string(), f.stated[0])).collect()
        };
        // a line ending in one number phrase, the next starting another
        assert_eq!(
            values("The debt stood at one trillion\ntwenty-one trillion dollars were owed"),
            vec![("one trillion".to_string(), 1e12), ("twenty-one trillion dollars".to_string(), 21e12)]
        );
        // on one line, a scale that does not descend starts another number
        assert_eq!(
            values("Estimates ran from one thousand two thousand people"),
            vec![("one thousand".to_string(), 1e3), ("two thousand people".to_string(), 2e3)]
        );
        assert_eq!(values("It cost twenty-one thousand three hundred and five dollars")[0].1, 21_305.0);
    }

    #[test]
    fn a_headings_small_number_in_words_is_a_title_not_a_figure() {
        let spans = |text: &str| -> Vec<String> {
            extract(text, Format::Markdown).figures.iter().map(|f| text[f.span.clone()].to_string()).collect()
        };
        assert!(spans("# Two March elections\n\nText.\n").is_empty());
        let plain = extract("Three Kingdoms\n\nThe text.\n", Format::Plain).figures;
        assert!(plain.is_empty(), "a plain text's line without a full stop is a heading");
        assert_eq!(spans("# Three dead as storm hits coast\n\nText.\n"), vec!["Three"]);
        assert_eq!(spans("# Two million displaced\n\nText.\n"), vec!["Two million"]);
        assert_eq!(spans("# About twenty villages flooded\n\nText.\n"), vec!["About twenty villages"]);
        assert_eq!(spans("Two March elections were held.\n"), vec!["Two March elections"]);
    }

    #[test]
    fn a_run_of_minus_signs_is_no_figure_and_no_deep_recursion() {
        let text = format!("{}5 left.", "-".repeat(200_000));
        assert!(extract(&text, Format::Plain).figures.iter().all(|f| f.stated[0].abs() == 5.0));
        assert_eq!(extract("It fell to -$5 on Monday.", Format::Plain).figures[0].stated, vec![-5.0]);
    }

    #[test]
    fn two_maxima_state_one_bound() {
        let up_to = |v: f64| Interval { min: None, max: Some(Bound { value: v, inclusive: true }) };
        let under = |v: f64| Interval { min: None, max: Some(Bound { value: v, inclusive: false }) };
        assert_eq!(up_to(230.0).same_bound(&up_to(190.0)), Some(false));
        assert_eq!(up_to(230.0).same_bound(&up_to(231.0)), Some(true));
        assert_eq!(under(20.0).same_bound(&under(10.0)), None);
        assert_eq!(up_to(230.0).same_bound(&Interval::closed(180.0, 220.0)), None);
    }

    #[test]
    fn a_lower_bound_reaches_to_twice_its_number() {
        let over = |v: f64| Interval { min: Some(Bound { value: v, inclusive: false }), max: None };
        let at_least = |v: f64| Interval { min: Some(Bound { value: v, inclusive: true }), max: None };
        assert!(over(30.0).agrees(&Interval::exact(45.0)));
        assert!(over(30.0).agrees(&Interval::exact(60.0)));
        assert!(!over(30.0).agrees(&Interval::exact(61.0)));
        assert!(!Interval::exact(90.0).agrees(&over(30.0)));
        assert!(!over(30.0).agrees(&Interval::exact(30.0)));
        assert!(at_least(30.0).agrees(&Interval::exact(30.0)));
        assert!(over(30.0).agrees(&over(50.0)));
        assert!(!over(30.0).agrees(&over(90.0)));
        // a negative or zero bound ("more than -2%") is read as written
        assert!(over(-2.0).agrees(&Interval::exact(40.0)));
        assert!(over(0.0).agrees(&Interval::exact(40.0)));
        let under = Interval { min: None, max: Some(Bound { value: 1000.0, inclusive: false }) };
        assert!(under.agrees(&Interval::exact(10.0)));
    }

    #[test]
    fn interval_overlap_respects_open_bounds() {
        let under = Interval { min: None, max: Some(Bound { value: 1000.0, inclusive: false }) };
        let over = Interval { min: Some(Bound { value: 1000.0, inclusive: false }), max: None };
        let at_least = Interval { min: Some(Bound { value: 1000.0, inclusive: true }), max: None };
        assert!(!under.overlaps(&over));
        assert!(!under.overlaps(&at_least));
        assert!(over.overlaps(&Interval::closed(44_500.0, 45_500.0)));
        assert!(Interval::exact(1000.0).overlaps(&at_least));
    }

    fn time_of(text: &str, number: &str) -> Option<Vec<time::Cue>> {
        let ex = extract(text, Format::Plain);
        let at = text.find(number).expect("number in text");
        let f = ex.figures.iter().find(|f| f.span.start == at).expect("a figure at the number");
        f.time.as_ref().map(|t| t.cues.clone())
    }

    #[test]
    fn a_time_cue_belongs_to_the_figure_of_its_own_clause() {
        let t = "Officials said 412 cargo ships docked there last year, down from 530 the year before.";
        assert_eq!(time_of(t, "412"), Some(vec![time::Cue::Last(Period::Year)]));
        // "down from" / "up from" marks the value it changed from
        assert_eq!(time_of(t, "530"), Some(vec![time::Cue::Earlier]));
        let t = "The fleet numbers 75 boats, up from 60.";
        assert_eq!(time_of(t, "75"), None);
        assert_eq!(time_of(t, "60"), Some(vec![time::Cue::Earlier]));
    }

    #[test]
    fn the_time_a_change_is_measured_against_is_not_the_figures_own() {
        let t = "Ticket sales fell to 2,900, down by nearly a third from a year earlier.";
        assert_eq!(time_of(t, "nearly a third"), None);
        let t = "Claims were 38 percent higher than in May last year.";
        assert_eq!(time_of(t, "38 percent"), None);
        // a figure after "from" still takes the time after it
        let t = "Sales fell to 2,900, from 4,200 a year earlier.";
        assert_eq!(time_of(t, "4,200"), Some(vec![time::Cue::Ago { months: 12.0 }]));
        let t = "Sales fell to 412, down from 530 a year earlier.";
        assert_eq!(time_of(t, "530"), Some(vec![time::Cue::Ago { months: 12.0 }]));
        // a figure "compared with" takes the time after it, not the other's
        let t = "There are fewer than 80 boats now, compared with more than 200 in 2010.";
        let y2010 = time::DateSpec { year: Some(2010), month: None, day: None };
        assert_eq!(time_of(t, "fewer than 80"), Some(vec![time::Cue::Now]));
        assert_eq!(time_of(t, "more than 200"), Some(vec![time::Cue::Date(y2010)]));
        // "from" a place is no baseline
        let t = "A few hundred fighters crossed from Syria during 2017.";
        let y2017 = time::DateSpec { year: Some(2017), month: None, day: None };
        assert_eq!(time_of(t, "A few hundred"), Some(vec![time::Cue::Date(y2017)]));
    }

    #[test]
    fn possessive_months_topping_out_and_the_year_before_are_times() {
        let december = time::DateSpec { year: None, month: Some(12), day: None };
        let t = "The board revised December's rate down to 5 percent.";
        assert_eq!(time_of(t, "5 percent"), Some(vec![time::Cue::Date(december)]));
        let t = "The board expects the rate to top out at 5.5 percent.";
        assert_eq!(time_of(t, "5.5 percent"), Some(vec![time::Cue::Peak]));
        let t = "A year before, the rate had been 3.6 percent.";
        assert_eq!(time_of(t, "3.6 percent"), Some(vec![time::Cue::Earlier]));
        let t = "A year before that the rate had been 3.6 percent.";
        assert_eq!(time_of(t, "3.6 percent"), Some(vec![time::Cue::Earlier]));
        // a span before some event is not placed by "before"
        let t = "The league signed 40 players in the 18 months before the merger.";
        assert_eq!(time_of(t, "40 players"), None);
        // a revised figure's old value is an earlier one
        let t = "The board revised its figure to 5.0 percent from the 5.2 percent it first reported.";
        assert_eq!(time_of(t, "5.2 percent"), Some(vec![time::Cue::Earlier]));
    }

    #[test]
    fn may_and_march_are_months_only_beside_a_date_or_a_preposition() {
        let may = Some(vec![time::Cue::Date(time::DateSpec { year: None, month: Some(5), day: None })]);
        let t = "Home Secretary Theresa May is considering banning two US bloggers.";
        assert_eq!(time_of(t, "two"), None);
        let t = "The March on the capital drew 5,000 people.";
        assert_eq!(time_of(t, "5,000"), None);
        assert_eq!(time_of("The fleet landed 412 tonnes in May.", "412"), may);
        assert_eq!(time_of("The fleet landed 412 tonnes between April and May.", "412").map(|c| c.len()), Some(2));
        assert_eq!(time_of("The fleet landed 412 tonnes during May.", "412"), may);
        let may_3 = time::DateSpec { year: None, month: Some(5), day: Some(3) };
        assert_eq!(time_of("The fleet landed 412 tonnes on May 3.", "412"), Some(vec![time::Cue::Date(may_3)]));
    }

    #[test]
    fn the_later_months_of_a_sentence_about_the_future_come_too() {
        let t = "Layoffs will come in two waves: about 550 on March 1 and the rest when the mill shuts on March 29.";
        let day = |d| time::DateSpec { year: None, month: Some(3), day: Some(d) };
        assert_eq!(time_of(t, "about 550"), Some(vec![time::Cue::Coming(day(1)), time::Cue::Coming(day(29))]));
        // a day before its month: "on 1 March"
        let t = "A further 550 go on 1 March.";
        assert_eq!(time_of(t, "550"), Some(vec![time::Cue::Date(day(1))]));
        // a future with no date
        assert_eq!(time_of("The mill will lay off 1,350 workers.", "1,350"), Some(vec![time::Cue::Ahead]));
        assert_eq!(time_of("About 1,350 workers will be laid off.", "About 1,350"), Some(vec![time::Cue::Ahead]));
        // the marker of a later verb, after the figure's own told in the past
        let t = "About 600 people watched as trucks brought the containers that would become a home.";
        assert_eq!(time_of(t, "About 600"), None);
    }

    #[test]
    fn several_dates_reach_to_their_last_month_and_a_year_outweighs_a_period() {
        let march = Some(time::DateSpec { year: Some(2024), month: Some(3), day: Some(22) });
        let month = |m| time::Cue::Date(time::DateSpec { year: None, month: Some(m), day: None });
        let jan_feb = time::TimeRef { span: 0..0, cues: vec![month(1), month(2)] };
        assert!(!jan_feb.is_past(march), "January and February, written in March, reach last month");
        assert!(time::TimeRef { span: 0..0, cues: vec![month(1)] }.is_past(march));
        let y2023 = time::Cue::Date(time::DateSpec { year: Some(2023), month: None, day: None });
        let last_quarter = time::TimeRef { span: 0..0, cues: vec![time::Cue::Last(Period::Quarter), y2023] };
        assert_eq!(last_quarter.months(march), Some((2023 * 12, 2023 * 12 + 11)));
        let months = |m: &[u32]| time::TimeRef { span: 0..0, cues: m.iter().map(|m| month(*m)).collect() };
        assert_eq!(months(&[3, 3]).yearless_month(), Some(3));
        assert_eq!(months(&[3, 4]).yearless_month(), None);
    }

    #[test]
    fn a_month_in_a_sentence_about_the_future_is_the_next_such_month() {
        let january = time::DateSpec { year: None, month: Some(1), day: None };
        let t = "The mill said it would open a depot in January and hire 450 workers.";
        assert_eq!(time_of(t, "450"), Some(vec![time::Cue::Coming(january)]));
        let t = "The mill hired 450 workers in January.";
        assert_eq!(time_of(t, "450"), Some(vec![time::Cue::Date(january)]));
        // resolved against an October article: next January, not the last
        let october = Some(time::DateSpec { year: Some(2023), month: Some(10), day: Some(20) });
        let coming = time::TimeRef { span: 0..0, cues: vec![time::Cue::Coming(january)] };
        assert_eq!(coming.months(october), Some((2024 * 12, 2024 * 12)));
        assert!(!coming.is_past(october));
        let past = time::TimeRef { span: 0..0, cues: vec![time::Cue::Date(january)] };
        assert_eq!(past.months(october), Some((2023 * 12, 2023 * 12)));
    }
}
