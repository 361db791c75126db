//! What a verdict compares of a figure — kind, unit, period, interval, time
//! and the numbers as written — read through one interface, whether the
//! figure is a note's (`Figure`) or a source's compact stored record.

use super::{Figure, Interval, Kind, Period, TimeRef};

/// The measure a figure states and the values it admits.
pub trait Measure {
    fn kind(&self) -> Kind;
    /// Counted noun as written ("fighters"), "percent", or a currency code.
    fn unit(&self) -> Option<&str>;
    /// The period of a rate.
    fn per(&self) -> Option<Period>;
    fn interval(&self) -> Interval;
    /// The time the figure is about, when its text says.
    fn time(&self) -> Option<&TimeRef>;
    /// The numbers as written, scaled ("1.5 million" → 1500000).
    fn stated(&self) -> &[f64];
}

impl Measure for Figure {
    fn kind(&self) -> Kind {
        self.kind
    }

    fn unit(&self) -> Option<&str> {
        self.unit.as_deref()
    }

    fn per(&self) -> Option<Period> {
        self.per
    }

    fn interval(&self) -> Interval {
        self.interval
    }

    fn time(&self) -> Option<&TimeRef> {
        self.time.as_ref()
    }

    fn stated(&self) -> &[f64] {
        &self.stated
    }
}
