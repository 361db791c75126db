use super::*;
use crate::corpus::formats::mapped::file_offset;
use crate::corpus::formats::samples::SAVED_PAGE;

fn read(html: &str) -> Document {
    HtmlReader.read("page.html", html.as_bytes().to_vec()).expect("an HTML page reads")
}

#[test]
fn the_article_is_read_without_the_pages_chrome() {
    let doc = read(SAVED_PAGE);
    assert_eq!(
        doc.text,
        "Port strike ends after 36 hours\n\nBy A. Writer, 5 March 2024\n\nAbout 4,500 dock workers returned to work \
         on Monday after a 36-hour\n         strike & a night of talks.\n\nThe union said its members won a 4\u{a0}% pay \
         rise, the port\u{2019}s first in 3 years."
    );
    assert_eq!(doc.title.as_deref(), Some("Port strike ends | Harbour Gazette"));
    // the meta tag wins over JSON-LD and <time>
    assert_eq!(doc.date, Some(DateSpec { year: Some(2024), month: Some(3), day: Some(5) }));
    assert_eq!(doc.file.as_deref(), Some(SAVED_PAGE));
}

#[test]
fn every_character_stands_at_its_place_in_the_file() {
    let doc = read(SAVED_PAGE);
    let back = |needle: &str| file_offset(&doc.anchors, doc.text.find(needle).expect("in the text"));
    for needle in ["About 4,500", "strike & a", "talks.", "Port strike ends after", "first in 3 years"] {
        let at = back(needle).expect("anchored");
        let word = needle.split(' ').next().unwrap_or(needle);
        assert_eq!(&SAVED_PAGE[at..at + word.len()], word, "{needle}");
    }
    assert_eq!(back("& a night"), SAVED_PAGE.find("&amp; a night"));
    assert_eq!(back("\u{a0}%"), SAVED_PAGE.find("&nbsp;%"));
    assert_eq!(back("\u{2019}s first"), SAVED_PAGE.find("&#8217;s"));
    assert_eq!(back(" a night"), SAVED_PAGE.find(" a night"));
    assert_eq!(back("s first"), SAVED_PAGE.find("s first"));
}

#[test]
fn without_an_article_element_the_body_is_read_less_its_header_and_footer() {
    let html = "<html><head><title>T</title></head><body><header>Menu 5</header>\
                <div class=\"content\"><p>Prices rose 4% in May.</p></div><footer>Page 2</footer></body></html>";
    let doc = read(html);
    assert_eq!(doc.text, "Prices rose 4% in May.");
    assert_eq!(file_offset(&doc.anchors, 0), html.find("Prices"));
}

#[test]
fn the_biggest_article_wins_over_related_story_cards() {
    let html = "<body><article><p>Card: 3 dead.</p></article>\
                <article><p>The flood killed 14 people and displaced 2,000 in the valley.</p></article></body>";
    assert_eq!(read(html).text, "The flood killed 14 people and displaced 2,000 in the valley.");
}

#[test]
fn crlf_pages_and_inline_markup_keep_their_offsets() {
    let html = "<p>Exports <b>fell</b> 7%\r\nin <a href=\"x\">June</a>.</p>";
    let doc = read(html);
    assert_eq!(doc.text, "Exports fell 7%\nin June.");
    let back = |needle: &str| file_offset(&doc.anchors, doc.text.find(needle).expect("in the text"));
    assert_eq!(back("fell"), html.find("fell"));
    assert_eq!(back(" 7%"), html.find(" 7%"));
    assert_eq!(back("in June"), html.find("in <a"));
    assert_eq!(back("June"), html.find("June"));
}

#[test]
fn entities_without_semicolons_and_bare_ampersands_decode_in_step() {
    let html = "<p>R&D spend &copy 2024 rose 3&ndash;4% &amp more</p>";
    let doc = read(html);
    assert_eq!(doc.text, "R&D spend \u{a9} 2024 rose 3\u{2013}4% & more");
    let back = |needle: &str| file_offset(&doc.anchors, doc.text.find(needle).expect("in the text"));
    assert_eq!(back("D spend"), html.find("D spend"));
    assert_eq!(back(" 2024"), html.find(" 2024"));
    assert_eq!(back("4%"), html.find("4%"));
    assert_eq!(back(" more"), html.find(" more"));
}
