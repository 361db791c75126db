//! Closed word classes extraction relies on: number words, scale words,
//! qualifiers, periods, currencies, time units, function words. General
//! English only — nothing here is about any particular subject.

use super::conventions::Qualifier;
use super::Period;

/// Units, teens and tens.
pub fn small_number(w: &str) -> Option<f64> {
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

/// Scale words after a number: "1.5 million", "two hundred".
pub fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" => 1e3,
        "million" | "mln" => 1e6,
        "billion" | "bln" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// Scale suffixes glued to digits: "10k", "3bn", "£600m".
pub fn scale_suffix(w: &str) -> Option<f64> {
    Some(match w {
        "k" | "K" => 1e3,
        "m" | "M" | "mn" | "mln" | "mil" => 1e6,
        "bn" | "b" | "B" | "bln" => 1e9,
        "tn" | "trn" | "T" => 1e12,
        _ => return None,
    })
}

/// Fractions as words, in percent: "a third", "two-thirds".
pub fn fraction_denominator(w: &str) -> Option<f64> {
    Some(match w {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" | "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "sixth" | "sixths" => 6.0,
        "seventh" | "sevenths" => 7.0,
        "eighth" | "eighths" => 8.0,
        "ninth" | "ninths" => 9.0,
        "tenth" | "tenths" => 10.0,
        _ => return None,
    })
}

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
];

/// Period nouns (singular) for rates and durations.
pub fn period_noun(w: &str) -> Option<Period> {
    Some(match w {
        "hour" | "hr" => Period::Hour,
        "day" => Period::Day,
        "week" | "wk" => Period::Week,
        "fortnight" => return None,
        "month" | "mo" => Period::Month,
        "quarter" => Period::Quarter,
        "year" | "yr" | "annum" => Period::Year,
        _ => return None,
    })
}

/// Adverbs and adjectives naming a period: "monthly", "annually".
pub fn period_adverb(w: &str) -> Option<Period> {
    Some(match w {
        "hourly" => Period::Hour,
        "daily" => Period::Day,
        "weekly" => Period::Week,
        "monthly" => Period::Month,
        "quarterly" => Period::Quarter,
        "yearly" | "annually" | "annual" => Period::Year,
        _ => return None,
    })
}

/// Nouns of duration: a number followed by one of these is a duration, not a figure.
pub fn is_time_unit(w: &str) -> bool {
    matches!(
        w,
        "second"
            | "seconds"
            | "minute"
            | "minutes"
            | "min"
            | "mins"
            | "hour"
            | "hours"
            | "hrs"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "fortnight"
            | "fortnights"
            | "month"
            | "months"
            | "year"
            | "years"
            | "yrs"
            | "decade"
            | "decades"
            | "century"
            | "centuries"
            | "weekend"
            | "weekends"
            | "night"
            | "nights"
            | "semester"
            | "semesters"
            | "term"
            | "terms"
    )
}

/// Currency symbols and the ISO codes they stand for.
pub fn currency_symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "£" => "GBP",
        "€" => "EUR",
        "¥" => "JPY",
        "₹" => "INR",
        "₽" => "RUB",
        "₩" => "KRW",
        "₺" => "TRY",
        "₦" => "NGN",
        "₱" => "PHP",
        "₪" => "ILS",
        "₴" => "UAH",
        "฿" => "THB",
        "₫" => "VND",
        _ => return None,
    })
}

/// Prefixes glued before "$": "US$", "A$", "HK$".
pub fn dollar_prefix(w: &str) -> Option<&'static str> {
    Some(match w {
        "US" => "USD",
        "A" | "AU" => "AUD",
        "C" | "CA" => "CAD",
        "HK" => "HKD",
        "NZ" => "NZD",
        "S" | "SG" => "SGD",
        "NT" => "TWD",
        "R" => "BRL",
        "M" | "MX" => "MXN",
        _ => return None,
    })
}

/// ISO currency codes written as words before or after a number.
pub fn currency_code(w: &str) -> Option<&'static str> {
    const CODES: &[&str] = &[
        "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "CHF", "CAD", "AUD", "NZD", "HKD", "SGD", "SEK", "NOK", "DKK",
        "RUB", "BRL", "MXN", "ZAR", "TRY", "KRW", "NGN", "KES", "EGP", "PKR", "IDR", "PLN", "UAH", "ILS", "SAR", "AED",
    ];
    CODES.iter().find(|c| **c == w).map(|c| if *c == "RMB" { "CNY" } else { *c })
}

/// Currency names after a number: "20 dollars", "5 million euros".
pub fn currency_name(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollar" | "dollars" => "USD",
        "euro" | "euros" => "EUR",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rupee" | "rupees" => "INR",
        "rouble" | "roubles" | "ruble" | "rubles" => "RUB",
        "sterling" => "GBP",
        "francs" => "CHF",
        "naira" => "NGN",
        "shillings" => "KES",
        "pesos" => "MXN",
        "won" => "KRW",
        "lira" => "TRY",
        "rand" => "ZAR",
        _ => return None,
    })
}

pub fn month(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Words before a number that make it a label or position, not a quantity:
/// "Article 5", "page 12", "Flight 370".
pub fn is_label_word(w: &str) -> bool {
    matches!(
        w,
        "article"
            | "articles"
            | "chapter"
            | "chapters"
            | "section"
            | "sections"
            | "page"
            | "pages"
            | "pp"
            | "p"
            | "no"
            | "nos"
            | "flight"
            | "route"
            | "room"
            | "resolution"
            | "phase"
            | "level"
            | "grade"
            | "season"
            | "episode"
            | "volume"
            | "vol"
            | "part"
            | "item"
            | "figure"
            | "fig"
            | "table"
            | "version"
            | "amendment"
            | "rule"
            | "step"
            | "paragraph"
            | "para"
            | "clause"
            | "line"
            | "lines"
            | "row"
            | "column"
            | "category"
            | "stage"
            | "class"
            | "type"
            | "model"
            | "platform"
            | "gate"
            | "terminal"
            | "highway"
            | "interstate"
            | "floor"
            | "tier"
            | "ward"
            | "district"
            | "precinct"
            | "lot"
            | "unit"
            | "block"
            | "exhibit"
            | "annex"
            | "appendix"
            | "schedule"
            | "docket"
            | "cell"
            | "bus"
            | "train"
            | "channel"
            | "number"
            | "top"
            | "game"
            | "match"
            | "round"
            | "verse"
            | "psalm"
            | "seed"
            | "jersey"
            | "squad"
            | "lane"
            | "pier"
            | "runway"
    )
}

/// Prepositions after which a four-digit number is read as a year.
pub fn is_time_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "from"
            | "during"
            | "before"
            | "after"
            | "through"
            | "of"
            | "to"
            | "early"
            | "late"
            | "mid"
            | "summer"
            | "winter"
            | "spring"
            | "autumn"
            | "fall"
            | "end"
            | "start"
            | "beginning"
            | "year"
            | "circa"
            | "around"
            | "throughout"
            | "between"
            | "and"
            | "or"
            | "for"
            | "fiscal"
    )
}

/// Function words that end a counted-noun phrase.
pub fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "by"
            | "with"
            | "without"
            | "into"
            | "onto"
            | "across"
            | "over"
            | "under"
            | "between"
            | "among"
            | "per"
            | "each"
            | "every"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "so"
            | "yet"
            | "as"
            | "than"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "what"
            | "when"
            | "where"
            | "while"
            | "if"
            | "because"
            | "since"
            | "until"
            | "after"
            | "before"
            | "during"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "am"
            | "has"
            | "have"
            | "had"
            | "having"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "shall"
            | "should"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "not"
            | "no"
            | "this"
            | "these"
            | "those"
            | "it"
            | "its"
            | "they"
            | "them"
            | "their"
            | "he"
            | "she"
            | "his"
            | "her"
            | "we"
            | "our"
            | "you"
            | "your"
            | "i"
            | "my"
            | "me"
            | "us"
            | "there"
            | "here"
            | "now"
            | "then"
            | "also"
            | "just"
            | "only"
            | "still"
            | "already"
            | "even"
            | "about"
            | "around"
            | "some"
            | "more"
            | "less"
            | "fewer"
            | "most"
            | "least"
            | "all"
            | "both"
            | "either"
            | "neither"
            | "another"
            | "such"
            | "up"
            | "down"
            | "out"
            | "off"
            | "ago"
            | "again"
            | "through"
            | "against"
            | "toward"
            | "towards"
            | "upon"
            | "within"
            | "via"
            | "like"
            | "unlike"
            | "whether"
            | "though"
            | "although"
            | "however"
            | "thus"
            | "too"
            | "very"
            | "nearly"
            | "almost"
            | "roughly"
            | "reportedly"
            | "respectively"
            | "apiece"
            | "total"
            | "altogether"
            | "overall"
            | "combined"
            | "later"
            | "earlier"
            | "last"
            | "next"
    )
}

/// Plural nouns that do not end in "s".
pub fn is_irregular_plural(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "men"
            | "women"
            | "children"
            | "police"
            | "personnel"
            | "staff"
            | "troops"
            | "cattle"
            | "sheep"
            | "fish"
            | "deer"
            | "livestock"
            | "feet"
            | "teeth"
            | "mice"
            | "geese"
            | "crew"
            | "aircraft"
            | "offspring"
            | "youth"
            | "clergy"
            | "militia"
            | "data"
            | "media"
            | "criteria"
            | "phenomena"
            | "bacteria"
            | "alumni"
            | "folk"
            | "poultry"
            | "swine"
            | "infantry"
            | "cavalry"
    )
}

/// Words ending in "s" that are not plural nouns.
pub fn is_false_plural(w: &str) -> bool {
    w.ends_with("ss")
        || w.ends_with("us")
        || w.ends_with("sis")
        || w.ends_with("xis")
        || w.ends_with("itis")
        || w.ends_with("'s")
        || w.ends_with("’s")
        || matches!(
            w,
            "news"
                | "has"
                | "was"
                | "is"
                | "its"
                | "this"
                | "thus"
                | "as"
                | "us"
                | "yes"
                | "whereas"
                | "perhaps"
                | "always"
                | "sometimes"
                | "afterwards"
                | "towards"
                | "besides"
                | "across"
                | "plus"
                | "less"
                | "unless"
                | "various"
                | "previous"
                | "serious"
                | "numerous"
                | "famous"
                | "overseas"
                | "whereabouts"
                | "gas"
                | "bus"
                | "lens"
                | "atlas"
                | "chaos"
                | "ethos"
                | "pathos"
                | "texas"
                | "kansas"
                | "paris"
                | "brussels"
                | "athens"
                | "wales"
        )
}

/// Measurement units written after a number (singular-looking but counted).
pub fn is_measure_unit(w: &str) -> bool {
    matches!(
        w,
        "km" | "kilometre"
            | "kilometer"
            | "kilometres"
            | "kilometers"
            | "mile"
            | "miles"
            | "m"
            | "metre"
            | "meter"
            | "metres"
            | "meters"
            | "cm"
            | "mm"
            | "ft"
            | "foot"
            | "feet"
            | "inch"
            | "inches"
            | "kg"
            | "kilogram"
            | "kilograms"
            | "kilo"
            | "kilos"
            | "g"
            | "gram"
            | "grams"
            | "tonne"
            | "tonnes"
            | "ton"
            | "tons"
            | "lb"
            | "lbs"
            | "mph"
            | "kph"
            | "km/h"
            | "degrees"
            | "degree"
            | "c"
            | "f"
            | "mw"
            | "gw"
            | "kw"
            | "kwh"
            | "mwh"
            | "gwh"
            | "twh"
            | "acres"
            | "acre"
            | "hectares"
            | "hectare"
            | "sq"
            | "litres"
            | "liters"
            | "litre"
            | "liter"
            | "gallons"
            | "gallon"
            | "barrels"
            | "barrel"
            | "bpd"
            | "mt"
            | "mtoe"
            | "mbps"
            | "gb"
            | "tb"
    )
}

/// Words that, right after a number, make it a time of day.
pub fn is_clock_word(w: &str) -> bool {
    matches!(
        w,
        "am" | "pm"
            | "gmt"
            | "utc"
            | "bst"
            | "cet"
            | "est"
            | "edt"
            | "pst"
            | "pdt"
            | "hrs"
            | "o'clock"
            | "o’clock"
            | "h"
    )
}
