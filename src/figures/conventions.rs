//! Every convention that turns wording into an interval, in one place.
//! README.md's "Conventions" section mirrors this file; keep them together.
//!
//! - A bare round number (integer ending in zeros, or any number with a scale
//!   word such as "million") admits its rounding interval: ± half a unit of
//!   its last significant digit, but never more than ± `round_tolerance`
//!   (10%) of its value. 45,000 → 44,500–45,500; 200 → 180–220; 1.5 million →
//!   1.45–1.55 million. Any other number is exact: 45,123; 98; 1.5.
//! - "about", "around", "roughly", "some", "approximately", "an estimated",
//!   "or so", "as few as" → ± `approx_tolerance` (10%).
//! - "nearly", "almost", "close to" → [0.9x, x]; "just under" → [0.9x, x);
//!   "just over" → (x, 1.1x].
//! - "under", "fewer than", "less than", "below" → [–, x);
//!   "up to", "at most", "as many as", "no more than", "or fewer" → [–, x].
//! - "over", "more than", "above", "in excess of", "upwards of" → (x, –];
//!   "at least", "no fewer than", "no less than", "or more" → [x, –].
//!   Compared with another figure, such a lower bound reaches to
//!   `OPEN_REACH` (2) times x: "more than 30" is said of a number past 30,
//!   not of 90 (`reach_of`).
//! - Stacked qualifiers intersect: "nearly as many as 2,000" → [1,800, 2,000].
//! - A range or alternative ("between a and b", "a to b", "a–b", "three or
//!   four") admits exactly [a, b]; with "about" in front, [0.9a, 1.1b].
//! - Vague quantities: see `VAGUE`.
//! - Fractions and "one in N" are shares in percent, ± `approx_tolerance`.

use super::{Bound, Interval};

/// Tunable tolerances; `Default` gives the documented values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Conventions {
    /// Largest half-width, relative to the value, of a bare round number's interval.
    pub round_tolerance: f64,
    /// Half-width, relative to the value, of "about x" and of fractions.
    pub approx_tolerance: f64,
}

impl Default for Conventions {
    fn default() -> Self {
        Conventions { round_tolerance: 0.10, approx_tolerance: 0.10 }
    }
}

/// How precisely a number was written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Precision {
    /// Exact as written (45,123; 98; 1.5).
    Exact,
    /// Rounded: `unit` is the place value of the last significant digit.
    Rounded { unit: f64 },
    /// Approximate by nature (fractions): ± approx_tolerance.
    Approximate,
    /// A vague quantity with its conventional interval.
    Vague { min: f64, max: f64 },
}

/// The last-significant-digit unit of an integer, if it ends in zeros.
pub fn trailing_zero_unit(value: f64) -> Option<f64> {
    let value = value.abs();
    if value < 10.0 || value.fract() != 0.0 {
        return None;
    }
    let mut unit = 1.0;
    let mut v = value;
    while v >= 10.0 && (v / 10.0).fract() == 0.0 {
        v /= 10.0;
        unit *= 10.0;
    }
    (unit > 1.0).then_some(unit)
}

/// The interval a bare number admits.
pub fn bare_interval(value: f64, precision: Precision, conv: &Conventions) -> Interval {
    match precision {
        Precision::Exact => Interval::exact(value),
        Precision::Rounded { unit } => {
            let half = (unit / 2.0).min(value.abs() * conv.round_tolerance);
            Interval::closed(value - half, value + half)
        }
        Precision::Approximate => approx(value, conv),
        Precision::Vague { min, max } => Interval::closed(min, max),
    }
}

fn approx(value: f64, conv: &Conventions) -> Interval {
    let d = value.abs() * conv.approx_tolerance;
    Interval::closed(value - d, value + d)
}

/// What a qualifier does to the value it stands before (or after).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Qualifier {
    Approx,
    Nearly,
    JustUnder,
    JustOver,
    Below,
    AtMost,
    Above,
    AtLeast,
}

fn open(v: f64) -> Option<Bound> {
    Some(Bound { value: v, inclusive: false })
}
fn shut(v: f64) -> Option<Bound> {
    Some(Bound { value: v, inclusive: true })
}

/// The interval a qualified value admits. For `Approx` on a range the caller
/// widens each end separately.
pub fn qualified(q: Qualifier, x: f64, conv: &Conventions) -> Interval {
    let t = conv.approx_tolerance;
    match q {
        Qualifier::Approx => approx(x, conv),
        Qualifier::Nearly => Interval { min: shut(x * (1.0 - t)), max: shut(x) },
        Qualifier::JustUnder => Interval { min: shut(x * (1.0 - t)), max: open(x) },
        Qualifier::JustOver => Interval { min: open(x), max: shut(x * (1.0 + t)) },
        Qualifier::Below => Interval { min: None, max: open(x) },
        Qualifier::AtMost => Interval { min: None, max: shut(x) },
        Qualifier::Above => Interval { min: open(x), max: None },
        Qualifier::AtLeast => Interval { min: shut(x), max: None },
    }
}

/// The interval a single value admits under its qualifiers: "about" widens
/// it (a vague quantity keeps its own), bounding qualifiers replace it and
/// intersect when stacked ("nearly as many as 2,000").
pub fn qualified_value(x: f64, precision: Precision, quals: &[Qualifier], conv: &Conventions) -> Interval {
    let approx = quals.contains(&Qualifier::Approx);
    let mut iv = if approx && !matches!(precision, Precision::Vague { .. }) {
        qualified(Qualifier::Approx, x, conv)
    } else {
        bare_interval(x, precision, conv)
    };
    let mut bounding = quals.iter().filter(|q| **q != Qualifier::Approx).peekable();
    if bounding.peek().is_some() {
        iv = Interval::default();
        for b in bounding {
            iv = intersect(iv, qualified(*b, x, conv));
        }
    }
    iv
}

/// The intersection of two intervals (stacked qualifiers).
pub fn intersect(a: Interval, b: Interval) -> Interval {
    let min = match (a.min, b.min) {
        (Some(x), Some(y)) => Some(if x.value > y.value || (x.value == y.value && !x.inclusive) { x } else { y }),
        (x, None) => x,
        (None, y) => y,
    };
    let max = match (a.max, b.max) {
        (Some(x), Some(y)) => Some(if x.value < y.value || (x.value == y.value && !x.inclusive) { x } else { y }),
        (x, None) => x,
        (None, y) => y,
    };
    Interval { min, max }
}

/// How far past its number a lower bound alone ("more than 30", "at least
/// 30") reaches when compared: a writer who knew of 90 would not say "more
/// than 30". Twice the number: the next round figure a writer would name
/// is at most that far ("more than 1,000" for 1,900 would be "nearly 2,000").
pub const OPEN_REACH: f64 = 2.0;

/// The upper end a lower bound of `x` reaches to (`OPEN_REACH`); none for a
/// bound at or below zero, which is read as written.
pub fn reach_of(x: f64) -> Option<Bound> {
    (x > 0.0).then_some(Bound { value: x * OPEN_REACH, inclusive: true })
}

/// A range "a to b": exactly [a, b]; approximately, [0.9a, 1.1b].
pub fn range_interval(a: f64, b: f64, approximate: bool, conv: &Conventions) -> Interval {
    if approximate {
        Interval::closed(a * (1.0 - conv.approx_tolerance), b * (1.0 + conv.approx_tolerance))
    } else {
        Interval::closed(a, b)
    }
}

/// Vague quantities: the words, and the interval each admits.
/// "several" and "a few" multiply the scale word after them.
pub const VAGUE: &[(&str, f64, f64)] = &[
    ("dozens", 24.0, 99.0),
    ("scores", 40.0, 199.0),
    ("hundreds", 200.0, 999.0),
    ("thousands", 2_000.0, 9_999.0),
    ("tens of thousands", 20_000.0, 99_999.0),
    ("hundreds of thousands", 200_000.0, 999_999.0),
    ("millions", 2e6, 999_999_999.0),
    ("tens of millions", 2e7, 99_999_999.0),
    ("hundreds of millions", 2e8, 999_999_999.0),
    ("billions", 2e9, 999_999_999_999.0),
];

/// "several hundred" → [3x, 9x]; "a few thousand" → [2x, 5x].
pub const SEVERAL: (f64, f64) = (3.0, 9.0);
pub const A_FEW: (f64, f64) = (2.0, 5.0);
/// "a couple of" → [2, 3].
pub const A_COUPLE: (f64, f64) = (2.0, 3.0);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_intervals() {
        let c = Conventions::default();
        let r = |v: f64| {
            bare_interval(v, trailing_zero_unit(v).map_or(Precision::Exact, |unit| Precision::Rounded { unit }), &c)
        };
        assert_eq!(r(45_000.0), Interval::closed(44_500.0, 45_500.0));
        assert_eq!(r(200.0), Interval::closed(180.0, 220.0));
        assert_eq!(r(600.0), Interval::closed(550.0, 650.0));
        assert_eq!(r(45_123.0), Interval::exact(45_123.0));
        assert_eq!(r(7.0), Interval::exact(7.0));
    }

    #[test]
    fn stacked_qualifiers_intersect() {
        let c = Conventions::default();
        let i = intersect(qualified(Qualifier::Nearly, 2000.0, &c), qualified(Qualifier::AtMost, 2000.0, &c));
        assert_eq!(i, Interval::closed(1800.0, 2000.0));
    }
}
