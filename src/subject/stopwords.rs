//! Words that say nothing about what a figure measures: function words,
//! reporting verbs, hedges, time words and number words.

use std::collections::HashSet;
use std::sync::OnceLock;

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "without", "into", "onto", "across",
    "over", "under", "between", "among", "per", "each", "every", "and", "or", "but", "nor", "so", "yet", "as",
    "than", "that", "which", "who", "whom", "whose", "what", "when", "where", "while", "if", "because", "since",
    "until", "after", "before", "during", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have",
    "had", "having", "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must",
    "not", "no", "this", "these", "those", "it", "its", "they", "them", "their", "he", "she", "his", "her", "we",
    "our", "you", "your", "i", "my", "me", "us", "there", "here", "now", "then", "also", "just", "only", "still",
    "already", "even", "about", "around", "some", "more", "less", "fewer", "most", "least", "all", "both", "either",
    "neither", "other", "another", "such", "up", "down", "out", "off", "ago", "again", "through", "against",
    "toward", "towards", "upon", "within", "via", "like", "whether", "though", "although", "however", "thus", "too",
    "very", "nearly", "almost", "roughly", "approximately", "estimated", "estimate", "many", "much", "few",
    "several", "number", "numbers", "figure", "figures", "total", "totals", "said", "say", "says", "saying", "told",
    "according", "reported", "reports", "report", "stated", "statement", "noted", "added", "believed", "thought",
    "think", "expected", "likely", "close", "upwards", "upward", "excess", "maximum", "minimum", "average",
    "percent", "cent", "half", "third", "thirds", "quarter", "quarters", "dozen", "dozens", "hundred", "hundreds",
    "thousand", "thousands", "million", "millions", "billion", "billions", "scores", "one", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty", "fifty",
    "sixty", "seventy", "eighty", "ninety", "year", "years", "month", "months", "week", "weeks", "day", "days",
    "today", "yesterday", "currently", "recently", "previously", "last", "next", "early", "late", "earlier", "later",
    "monthly", "weekly", "annually", "annual", "yearly", "daily", "january", "february", "march", "april", "june",
    "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "peak", "time", "times", "mr", "mrs", "ms", "dr", "well", "so-called", "own", "s", "t", "don", "it's",
    "that's", "there's", "which's", "any", "how", "why", "who's", "new", "first", "second", "once", "ever", "never",
    "often", "including", "include", "includes", "same", "further", "major", "main", "significant", "significantly",
    "sharply", "dramatically", "drastic", "rate", "level", "levels",
];

pub fn is_stop(w: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    w.bytes().any(|b| b.is_ascii_digit()) || SET.get_or_init(|| STOP_WORDS.iter().copied().collect()).contains(w)
}
