//! A source figure as the corpus keeps it after indexing: only what checks,
//! fixes and messages read — offsets as u32 (a source is at most
//! `input::MAX_BYTES`), the interval's ends with their kinds in a byte, the
//! stated numbers inline, the unit interned, and a time (or stated numbers
//! past two, which no wording gives today) as interned, shared parts. No heap
//! of its own. The table context and the counted noun's span only feed the
//! subject, computed before, and are not kept.

use super::extra::Extra;
use super::unit::Unit;
use crate::figures::{Bound, Figure, Interval, Kind, Measure, Period, TimeRef};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// `CompactFigure::bounds` bits.
const HAS_MIN: u8 = 1;
const MIN_INCLUSIVE: u8 = 2;
const HAS_MAX: u8 = 4;
const MAX_INCLUSIVE: u8 = 8;

/// How many stated numbers are kept inline.
const INLINE_STATED: usize = 2;

/// A source figure's measure and where it stands. Serde: the index cache.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompactFigure {
    span: Span,
    /// Starts where `span` does, in every figure `scan` builds; kept whole all the same.
    quantity: Span,
    sentence: Span,
    /// The interval's ends (0 where unbounded), `bounds` says which exist.
    ends: [f64; 2],
    /// The stated numbers, when at most `INLINE_STATED`; `stated_count` of them.
    stated: [f64; INLINE_STATED],
    unit: Option<Unit>,
    /// The time, and the stated numbers when they do not fit inline.
    extra: Option<Extra>,
    kind: Kind,
    per: Option<Period>,
    bounds: u8,
    stated_count: u8,
}

/// A byte range of the source's text.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn of(r: &Range<usize>) -> Span {
        let at = |o: usize| u32::try_from(o).unwrap_or(u32::MAX);
        Span { start: at(r.start), end: at(r.end) }
    }

    fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl From<Figure> for CompactFigure {
    fn from(f: Figure) -> CompactFigure {
        let end = |b: Option<Bound>, has: u8, inclusive: u8| match b {
            Some(b) => (b.value, has | if b.inclusive { inclusive } else { 0 }),
            None => (0.0, 0),
        };
        let (lo, lo_bits) = end(f.interval.min, HAS_MIN, MIN_INCLUSIVE);
        let (hi, hi_bits) = end(f.interval.max, HAS_MAX, MAX_INCLUSIVE);
        let mut stated = [0.0; INLINE_STATED];
        let stated_count = u8::try_from(f.stated.len()).unwrap_or(u8::MAX);
        let spilled = if f.stated.len() > INLINE_STATED {
            f.stated
        } else {
            stated[..f.stated.len()].copy_from_slice(&f.stated);
            Vec::new()
        };
        CompactFigure {
            span: Span::of(&f.span),
            quantity: Span::of(&f.quantity),
            sentence: Span::of(&f.sentence),
            ends: [lo, hi],
            stated,
            unit: f.unit.as_deref().and_then(Unit::intern),
            extra: Extra::intern(f.time, spilled),
            kind: f.kind,
            per: f.per,
            bounds: lo_bits | hi_bits,
            stated_count,
        }
    }
}

impl CompactFigure {
    /// Qualifier, number(s), counted noun and adjacent period.
    pub fn span(&self) -> Range<usize> {
        self.span.range()
    }

    /// Qualifier and number(s) only: what the source's wording offers a quick fix.
    pub fn quantity(&self) -> Range<usize> {
        self.quantity.range()
    }

    /// The sentence the figure stands in.
    pub fn sentence(&self) -> Range<usize> {
        self.sentence.range()
    }
}

impl Measure for CompactFigure {
    fn kind(&self) -> Kind {
        self.kind
    }

    fn unit(&self) -> Option<&str> {
        self.unit.map(Unit::text)
    }

    fn per(&self) -> Option<Period> {
        self.per
    }

    fn interval(&self) -> Interval {
        let end = |value: f64, has: u8, inclusive: u8| {
            (self.bounds & has != 0).then_some(Bound { value, inclusive: self.bounds & inclusive != 0 })
        };
        Interval { min: end(self.ends[0], HAS_MIN, MIN_INCLUSIVE), max: end(self.ends[1], HAS_MAX, MAX_INCLUSIVE) }
    }

    /// The time's cues; its span is empty (see `extra`).
    fn time(&self) -> Option<&TimeRef> {
        self.extra.as_ref()?.time()
    }

    fn stated(&self) -> &[f64] {
        match self.stated.get(..usize::from(self.stated_count)) {
            Some(inline) => inline,
            None => self.extra.as_ref().map_or(&[], Extra::stated),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::time::Cue;
    use crate::figures::DateSpec;
    use crate::text::Format;

    fn figure_at(text: &str, number: &str) -> Figure {
        let at = text.find(number).unwrap_or(usize::MAX);
        let figures = crate::figures::extract(text, Format::Plain).figures;
        figures.into_iter().find(|f| f.span.start <= at && at < f.span.end).expect("a figure at the number")
    }

    #[test]
    fn a_figure_round_trips_through_its_compact_record() {
        let text = "Officials said fewer than 1,000 fighters a month crossed in December 2015. Then more.";
        let figure = figure_at(text, "1,000");
        let c = CompactFigure::from(figure.clone());
        assert_eq!((c.span(), c.quantity(), c.sentence()), (15..48, 15..31, 0..74));
        assert_eq!(&text[c.span()], "fewer than 1,000 fighters a month");
        let under = Interval { min: None, max: Some(Bound { value: 1000.0, inclusive: false }) };
        assert_eq!(c.interval(), under);
        assert_eq!((c.kind(), c.unit(), c.per()), (Kind::Count, Some("fighters"), Some(Period::Month)));
        assert_eq!(c.stated(), [1000.0]);
        let december = Cue::Date(DateSpec { year: Some(2015), month: Some(12), day: None });
        assert_eq!(c.time(), Some(&TimeRef { span: 0..0, cues: vec![december] }), "the cues, not where they stand");
        assert_eq!(figure.time.map(|t| (t.span, t.cues)), Some((60..73, vec![december])));
        // every accessor gives back what the figure held
        assert_eq!((c.span(), c.quantity(), c.sentence()), (figure.span, figure.quantity, figure.sentence));
        assert_eq!((c.interval(), c.stated(), c.unit()), (figure.interval, figure.stated.as_slice(), Some("fighters")));
    }

    #[test]
    fn both_ends_and_their_kinds_round_trip() {
        let text = "Between 27,000 and 31,000 people fled, and at least 12 percent returned.";
        let range = CompactFigure::from(figure_at(text, "27,000"));
        assert_eq!(range.interval(), Interval::closed(27_000.0, 31_000.0));
        assert_eq!(range.stated(), [27_000.0, 31_000.0]);
        assert!(range.extra.is_none(), "two stated numbers and no time: nothing spills");
        let share = CompactFigure::from(figure_at(text, "12"));
        assert_eq!(share.interval(), Interval { min: Some(Bound { value: 12.0, inclusive: true }), max: None });
        assert_eq!((share.kind(), share.unit(), share.per()), (Kind::Share, Some("percent"), None));
    }

    fn with_stated(stated: Vec<f64>) -> CompactFigure {
        let mut f = figure_at("They counted 75 boats.", "75");
        f.stated = stated;
        CompactFigure::from(f)
    }

    #[test]
    fn two_stated_numbers_stay_inline_and_a_third_spills() {
        assert_eq!(with_stated(vec![]).stated(), [0.0; 0]);
        let two = with_stated(vec![3.0, 4.0]);
        assert_eq!(two.stated(), [3.0, 4.0]);
        assert!(two.extra.is_none());
        let three = with_stated(vec![3.0, 4.0, 5.0]);
        assert_eq!(three.stated(), [3.0, 4.0, 5.0]);
        assert_eq!(three.extra.as_ref().map(|e| (e.time(), e.stated().len())), Some((None, 3)));
        assert_eq!(three.time(), None);
    }

    #[test]
    fn a_record_survives_the_cache_encoding() {
        let text = "About 1.5 million dollars a year was spent at its peak in 2014.";
        let c = CompactFigure::from(figure_at(text, "1.5"));
        let bytes = postcard::to_allocvec(&c).unwrap_or_default();
        assert_eq!(postcard::from_bytes::<CompactFigure>(&bytes).ok(), Some(c));
        let c = with_stated(vec![1.0, 2.0, 3.0]);
        let bytes = postcard::to_allocvec(&c).unwrap_or_default();
        assert_eq!(postcard::from_bytes::<CompactFigure>(&bytes).ok(), Some(c));
    }
}
