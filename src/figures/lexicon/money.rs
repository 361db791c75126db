//! Money words: currency symbols, dollar prefixes, ISO codes, currency names.

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

/// Words that make a sentence speak of weight, so that its "pounds" are
/// not sterling: "weighed 300 pounds", "lost 100 pounds".
pub fn speaks_of_weight(w: &str) -> bool {
    w.starts_with("weigh")
        || w.starts_with("heav")
        || w.starts_with("overweight")
        || matches!(w, "lighter" | "lost" | "lose" | "losing" | "shed" | "gained" | "obese" | "ounces" | "stone")
}
