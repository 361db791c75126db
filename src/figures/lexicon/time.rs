//! Time words: period nouns and adverbs, time units, months, the
//! prepositions that make a number a year, the words of a time of day.

use crate::figures::Period;

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

/// A day of the week, or a day named from the text's own: "Monday",
/// "yesterday", "tonight" (lowercased).
pub fn is_day_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
    )
}
