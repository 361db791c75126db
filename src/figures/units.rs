//! The Quantity dimension's units: distances, masses, speeds, areas and
//! volumes, each with its dimension and its size in that dimension's base
//! unit, so that figures in different units compare (250 km/h ≈ 155 mph)
//! and figures of different dimensions never do (a distance never meets a
//! speed or a count). Also the population bases of rates: "per capita",
//! "per 100,000 people". Fixtures: tests/fixtures/figures/units.txt.

/// What a unit measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dimension {
    Distance,
    Mass,
    Speed,
    Area,
    Volume,
}

/// A unit's dimension and its size in the dimension's base unit (metre,
/// kilogram, metre per second, square metre, litre).
pub fn of(unit: &str) -> Option<(Dimension, f64)> {
    use Dimension::*;
    let lower = unit.to_ascii_lowercase();
    Some(match lower.as_str() {
        "km" | "kilometre" | "kilometres" | "kilometer" | "kilometers" => (Distance, 1_000.0),
        "m" | "metre" | "metres" | "meter" | "meters" => (Distance, 1.0),
        "cm" | "centimetre" | "centimetres" | "centimeter" | "centimeters" => (Distance, 0.01),
        "mm" | "millimetre" | "millimetres" | "millimeter" | "millimeters" => (Distance, 0.001),
        "mile" | "miles" => (Distance, 1_609.344),
        "ft" | "foot" | "feet" => (Distance, 0.3048),
        "inch" | "inches" => (Distance, 0.0254),
        "yard" | "yards" => (Distance, 0.9144),
        "kg" | "kilogram" | "kilograms" | "kilo" | "kilos" => (Mass, 1.0),
        "g" | "gram" | "grams" => (Mass, 0.001),
        "tonne" | "tonnes" => (Mass, 1_000.0),
        "lb" | "lbs" => (Mass, 0.453_592_37),
        "km/h" | "kph" | "kmh" | "km/hr" => (Speed, 1.0 / 3.6),
        "mph" | "miles/h" => (Speed, 0.447_04),
        "m/s" => (Speed, 1.0),
        "knot" | "knots" => (Speed, 0.514_444),
        "hectare" | "hectares" | "ha" => (Area, 10_000.0),
        "acre" | "acres" => (Area, 4_046.856),
        "litre" | "litres" | "liter" | "liters" => (Volume, 1.0),
        "gallon" | "gallons" => (Volume, 3.785_41),
        _ => return spelled_speed(&lower),
    })
}

/// A speed spelled out, a distance over an hour or a second: "miles per
/// hour", "km an hour", "metres a second".
fn spelled_speed(lower: &str) -> Option<(Dimension, f64)> {
    let (distance, time) =
        lower.split_once(" per ").or_else(|| lower.split_once(" an ")).or_else(|| lower.split_once(" a "))?;
    let seconds = match time {
        "hour" => 3_600.0,
        "second" => 1.0,
        _ => return None,
    };
    match of(distance)? {
        (Dimension::Distance, metres) => Some((Dimension::Speed, metres / seconds)),
        _ => None,
    }
}

/// The population base of a rate whose unit says it ("deaths per 100,000
/// people" → 100,000; "per capita", "a head", "per person" → 1), or `None`.
pub fn rate_base(unit: &str) -> Option<f64> {
    let (_, base) = unit.split_once(" per ").or_else(|| unit.split_once(" a "))?;
    let first = base.split_whitespace().next()?;
    if matches!(first, "capita" | "head" | "person" | "inhabitant" | "resident") {
        return Some(1.0);
    }
    first.replace(',', "").parse::<f64>().ok().filter(|v| *v > 0.0)
}

/// The factor that turns a sum of money in `src` units into `note` units:
/// one currency, and either the same unit after it or two population bases
/// ("USD a head" and "USD per person": 1; "USD per 1,000 people" and "USD
/// per capita": 1,000). `None` for another currency or another base
/// ("USD per tonne" against "USD per barrel", or against "USD").
pub fn money_factor(note: &str, src: &str) -> Option<f64> {
    let (currency, rest) = note.split_once(' ').unwrap_or((note, ""));
    let (other, other_rest) = src.split_once(' ').unwrap_or((src, ""));
    if currency != other {
        return None;
    }
    if rest == other_rest {
        return Some(1.0);
    }
    Some(rate_base(note)? / rate_base(src)?)
}

/// The factor that turns a value in `src` units into `note` units, when
/// both are units of one dimension (1 when neither is a physical unit);
/// `None` when they cannot compare: different dimensions, a physical unit
/// against none, a rate per head against a total.
pub fn factor(note: Option<&str>, src: Option<&str>) -> Option<f64> {
    let physical = |u: Option<&str>| u.and_then(|u| of(u).or_else(|| of(u.split(" per ").next().unwrap_or(u))));
    let base = |u: Option<&str>| u.and_then(rate_base);
    let per_head = match (base(note), base(src)) {
        (None, None) => 1.0,
        (Some(n), Some(s)) => n / s,
        _ => return None,
    };
    match (physical(note), physical(src)) {
        (None, None) => Some(per_head),
        (Some((a, na)), Some((b, sb))) if a == b => Some(per_head * sb / na),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speeds_compare_across_units_and_dimensions_never_meet() {
        let f = factor(Some("mph"), Some("km/h")).expect("both speeds");
        assert!((250.0 * f - 155.3).abs() < 0.1, "250 km/h is {} mph", 250.0 * f);
        assert_eq!(factor(Some("km"), Some("km/h")), None);
        // spelled out: a speed, never the distance it starts with
        let f = factor(Some("mph"), Some("miles per hour")).expect("both speeds");
        assert!((f - 1.0).abs() < 1e-9, "a mile per hour is {f} mph");
        let f = factor(Some("km/h"), Some("metres a second")).expect("both speeds");
        assert!((f - 3.6).abs() < 1e-9, "a metre a second is {f} km/h");
        assert_eq!(factor(Some("miles"), Some("miles per hour")), None);
        assert_eq!(factor(Some("km"), Some("people")), None);
        assert_eq!(factor(Some("fighters"), Some("militants")), Some(1.0));
    }

    #[test]
    fn a_rate_per_head_meets_only_rates_per_head() {
        assert_eq!(rate_base("deaths per 100,000 people"), Some(100_000.0));
        assert_eq!(rate_base("tonnes per capita"), Some(1.0));
        assert_eq!(money_factor("USD a head", "USD per person"), Some(1.0));
        assert_eq!(money_factor("USD per 1,000 people", "USD per capita"), Some(1000.0));
        assert_eq!(money_factor("USD per tonne", "USD per tonne"), Some(1.0));
        assert_eq!(money_factor("USD per tonne", "USD per barrel"), None);
        assert_eq!(money_factor("USD a head", "USD"), None);
        assert_eq!(money_factor("GBP a head", "USD per person"), None);
        assert_eq!(factor(Some("deaths per 100,000 people"), Some("deaths per 1,000 people")), Some(100.0));
        assert_eq!(factor(Some("deaths per 100,000 people"), Some("deaths")), None);
    }
}
