//! Qualifier phrases and symbols, before and after a number.

use crate::figures::conventions::Qualifier;

/// Qualifier phrases before a number, as lower-case word sequences.
pub const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["about"], Qualifier::Approx),
    (&["around"], Qualifier::Approx),
    (&["roughly"], Qualifier::Approx),
    (&["some"], Qualifier::Approx),
    (&["approximately"], Qualifier::Approx),
    (&["approx"], Qualifier::Approx),
    (&["an", "estimated"], Qualifier::Approx),
    (&["estimated"], Qualifier::Approx),
    (&["circa"], Qualifier::Approx),
    (&["as", "few", "as"], Qualifier::Approx),
    (&["as", "little", "as"], Qualifier::Approx),
    (&["as", "low", "as"], Qualifier::Approx),
    (&["an", "average", "of"], Qualifier::Approx),
    (&["on", "average"], Qualifier::Approx),
    (&["more", "or", "less"], Qualifier::Approx),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["close", "to"], Qualifier::Nearly),
    (&["near"], Qualifier::Nearly),
    (&["just", "under"], Qualifier::JustUnder),
    (&["just", "below"], Qualifier::JustUnder),
    (&["just", "shy", "of"], Qualifier::JustUnder),
    (&["just", "short", "of"], Qualifier::JustUnder),
    (&["just", "over"], Qualifier::JustOver),
    (&["just", "above"], Qualifier::JustOver),
    (&["just", "more", "than"], Qualifier::JustOver),
    (&["slightly", "more", "than"], Qualifier::JustOver),
    (&["slightly", "less", "than"], Qualifier::JustUnder),
    (&["under"], Qualifier::Below),
    (&["fewer", "than"], Qualifier::Below),
    (&["less", "than"], Qualifier::Below),
    (&["below"], Qualifier::Below),
    (&["up", "to"], Qualifier::AtMost),
    (&["at", "most"], Qualifier::AtMost),
    (&["as", "many", "as"], Qualifier::AtMost),
    (&["as", "much", "as"], Qualifier::AtMost),
    (&["as", "high", "as"], Qualifier::AtMost),
    (&["no", "more", "than"], Qualifier::AtMost),
    (&["not", "more", "than"], Qualifier::AtMost),
    (&["a", "maximum", "of"], Qualifier::AtMost),
    (&["maximum", "of"], Qualifier::AtMost),
    (&["over"], Qualifier::Above),
    (&["more", "than"], Qualifier::Above),
    (&["above"], Qualifier::Above),
    (&["in", "excess", "of"], Qualifier::Above),
    (&["upwards", "of"], Qualifier::Above),
    (&["upward", "of"], Qualifier::Above),
    (&["well", "over"], Qualifier::Above),
    (&["well", "above"], Qualifier::Above),
    (&["at", "least"], Qualifier::AtLeast),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["not", "less", "than"], Qualifier::AtLeast),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["minimum", "of"], Qualifier::AtLeast),
];

/// The qualifier phrases whose last word is `w` (an index over `QUALIFIERS`).
pub fn qualifiers_ending_with(w: &str) -> &'static [(&'static [&'static str], Qualifier)] {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    type Index = HashMap<&'static str, Vec<(&'static [&'static str], Qualifier)>>;
    static INDEX: OnceLock<Index> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m: Index = HashMap::new();
        for (phrase, q) in QUALIFIERS {
            if let Some(last) = phrase.last() {
                m.entry(*last).or_default().push((*phrase, *q));
            }
        }
        m
    });
    index.get(w).map(Vec::as_slice).unwrap_or(&[])
}

/// Symbols that qualify a number: "~200", "<5", "≥10".
pub fn qualifier_symbol(c: &str) -> Option<Qualifier> {
    Some(match c {
        "~" | "≈" => Qualifier::Approx,
        "<" => Qualifier::Below,
        "≤" => Qualifier::AtMost,
        ">" => Qualifier::Above,
        "≥" => Qualifier::AtLeast,
        _ => return None,
    })
}

/// Qualifiers after a number: "1,000 or more".
pub const TRAILING_QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["or", "more"], Qualifier::AtLeast),
    (&["or", "above"], Qualifier::AtLeast),
    (&["or", "over"], Qualifier::AtLeast),
    (&["and", "above"], Qualifier::AtLeast),
    (&["or", "fewer"], Qualifier::AtMost),
    (&["or", "less"], Qualifier::AtMost),
    (&["or", "below"], Qualifier::AtMost),
    (&["or", "under"], Qualifier::AtMost),
    (&["or", "so"], Qualifier::Approx),
    (&["or", "older"], Qualifier::AtLeast),
    (&["and", "older"], Qualifier::AtLeast),
    (&["and", "over"], Qualifier::AtLeast),
    (&["or", "younger"], Qualifier::AtMost),
    (&["and", "younger"], Qualifier::AtMost),
    (&["and", "under"], Qualifier::AtMost),
];
