//! What an HTML page says about itself and which of its parts are chrome:
//! the date from meta tags, `<time datetime>` and JSON-LD, and the rules
//! that leave navigation, footers, cookie notices and "related stories" out.

use super::iso_date;
use crate::figures::DateSpec;

/// Elements whose content is never the article's text.
pub fn is_never_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "nav"
            | "footer"
            | "aside"
            | "form"
            | "button"
            | "select"
            | "textarea"
            | "iframe"
            | "object"
            | "canvas"
            | "dialog"
            | "menu"
    )
}

/// Elements that have no content and no end tag.
pub fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements that begin and end a block of text (a sentence never runs across them).
pub fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "address"
            | "br"
            | "hr"
            | "title"
            | "body"
    )
}

/// Words in a class, id or role that mark a part of the page as chrome.
const CHROME_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "sidebar",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "banner",
    "related",
    "recommended",
    "recirculation",
    "promo",
    "newsletter",
    "subscribe",
    "subscription",
    "share",
    "sharing",
    "social",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "comments",
    "popup",
    "modal",
    "navigation",
    "contentinfo",
    "complementary",
    "paywall",
];

/// Does a class, id or role value mark its element as chrome? Its words
/// (split at spaces, `-` and `_`) are looked up: `related-stories`,
/// `cookie_banner`, `site-nav`; `shared-data` is not (`shared` is no word of the list).
pub fn is_chrome_marker(value: &str) -> bool {
    value
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .any(|w| CHROME_WORDS.contains(&w.to_ascii_lowercase().as_str()))
}

/// The publication date a `<meta>` tag gives, with its rank (lower wins).
pub fn meta_date(property: &str, content: &str) -> Option<(u8, DateSpec)> {
    let rank = match property.to_ascii_lowercase().as_str() {
        "article:published_time" => 0,
        "datepublished" | "og:published_time" | "pubdate" | "publish-date" | "date" | "dc.date" | "dc.date.issued" => 1,
        _ => return None,
    };
    Some((rank, iso_date(content)?))
}

/// Rank of a JSON-LD `datePublished` and of a `<time datetime>`.
pub const JSON_LD_RANK: u8 = 2;
pub const TIME_RANK: u8 = 3;

/// The `datePublished` of a JSON-LD block (objects, arrays and `@graph` searched).
pub fn json_ld_date(json: &str) -> Option<DateSpec> {
    let value: serde_json::Value = serde_json::from_str(json.trim()).ok()?;
    find_date(&value, 0)
}

fn find_date(v: &serde_json::Value, depth: usize) -> Option<DateSpec> {
    if depth > 16 {
        return None;
    }
    match v {
        serde_json::Value::Object(map) => map
            .get("datePublished")
            .and_then(|d| d.as_str())
            .and_then(iso_date)
            .or_else(|| map.values().find_map(|x| find_date(x, depth + 1))),
        serde_json::Value::Array(items) => items.iter().find_map(|x| find_date(x, depth + 1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_is_told_by_whole_words_of_class_id_and_role() {
        assert!(is_chrome_marker("related-stories"));
        assert!(is_chrome_marker("cookie_banner visible"));
        assert!(is_chrome_marker("Navigation"));
        assert!(!is_chrome_marker("article-body"));
        assert!(!is_chrome_marker("shared-data loaded"));
        assert!(!is_chrome_marker("headline"));
    }

    #[test]
    fn json_ld_dates_are_found_in_graphs() {
        let json = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},
            {"@type":"NewsArticle","datePublished":"2024-03-05T08:00:00Z"}]}"#;
        assert_eq!(json_ld_date(json), Some(DateSpec { year: Some(2024), month: Some(3), day: Some(5) }));
        assert_eq!(json_ld_date("{not json"), None);
    }
}
