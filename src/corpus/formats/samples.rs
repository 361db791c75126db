//! Small sources of each format, shaped as real ones are (a page saved by
//! a browser, a Word file with a table, a two-page PDF report), and hostile
//! ones (a zip bomb, a PDF of a million objects, a page tree that loops):
//! made here, in code, for the tests and `examples/write_samples.rs`.

use std::io::Write;

/// A news page as a browser saves it: head with meta, scripts and JSON-LD,
/// a site header with navigation, a cookie banner, the article, related
/// stories and a footer.
pub const SAVED_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Port strike ends | Harbour Gazette</title>
  <meta property="article:published_time" content="2024-03-05T08:30:00Z">
  <link rel="stylesheet" href="style.css">
  <script>window.dataLayer = [{"count": 999}];</script>
  <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-04"}</script>
  <style>p { color: #333 }</style>
</head>
<body>
  <header class="site-header"><nav><a href="/">Home</a> <a href="/world">World: 12 stories</a></nav></header>
  <div id="cookie-banner">We use 3 kinds of cookies. <button>Accept</button></div>
  <main>
    <article>
      <h1>Port strike ends after 36 hours</h1>
      <p class="byline">By A. Writer, <time datetime="2024-03-05">5 March 2024</time></p>
      <p>About 4,500 dock workers returned to work on Monday after a 36-hour
         strike &amp; a night of talks.</p>
      <p>The union said its members won a 4&nbsp;% pay rise, the port&#8217;s first in 3 years.</p>
      <aside class="related-stories"><h2>Related</h2><ul><li>Ferry fares rise 20%</li></ul></aside>
    </article>
  </main>
  <footer><p>&copy; 2024 Harbour Gazette. 120 Quay Street.</p></footer>
</body>
</html>
"#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const CORE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Harbour briefing</dc:title><dc:creator>Desk</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2023-11-20T09:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2023-11-21T10:00:00Z</dcterms:modified></cp:coreProperties>"#;

/// A paragraph of runs (`w:r` each, the way Word splits text at formatting).
fn paragraph(runs: &[&str]) -> String {
    let runs: String = runs.iter().map(|r| format!(r#"<w:r><w:t xml:space="preserve">{r}</w:t></w:r>"#)).collect();
    format!("<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>{runs}</w:p>")
}

fn table(rows: &[&[&str]]) -> String {
    let rows: String = rows
        .iter()
        .map(|cells| {
            let cells: String = cells.iter().map(|c| format!("<w:tc><w:tcPr/>{}</w:tc>", paragraph(&[c]))).collect();
            format!("<w:tr>{cells}</w:tr>")
        })
        .collect();
    format!("<w:tbl><w:tblPr/>{rows}</w:tbl>")
}

/// `word/document.xml` of the sample Word file.
pub fn word_document_xml() -> String {
    let body = [
        paragraph(&["Harbour briefing"]),
        paragraph(&["The port handled ", "1.2 million", " containers in 2023, up 8% on the year."]),
        "<w:p/>".to_string(),
        // a tracked deletion between two runs
        "<w:p><w:r><w:t xml:space=\"preserve\">Deleted text is left out: </w:t></w:r><w:del><w:r><w:delText>9 \
         cranes</w:delText></w:r></w:del><w:r><w:t>and R&amp;D stays.</w:t></w:r></w:p>"
            .to_string(),
        table(&[&["Terminal", "Berths", "Cranes"], &["North quay", "6", "14"], &["South quay", "4", "9"]]),
        paragraph(&["Dock workers numbered about 4,500 in November."]),
    ]
    .concat();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

/// A zip archive of `parts` (name, bytes), deflated.
pub fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).expect("a zip entry in memory");
        zip.write_all(bytes).expect("writing to memory");
    }
    zip.finish().expect("a zip in memory").into_inner()
}

/// The sample Word file: a title paragraph, body paragraphs, an empty
/// one, deleted text, a table of three rows, core properties.
pub fn word_file() -> Vec<u8> {
    let document = word_document_xml();
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("docProps/core.xml", CORE.as_bytes()),
    ])
}

/// A Word file whose `word/document.xml` unpacks to `mib` MiB of zeros
/// (deflate packs them a thousand to one).
pub fn zip_bomb(mib: usize) -> Vec<u8> {
    let zeros = vec![b'0'; mib << 20];
    zip_of(&[("[Content_Types].xml", CONTENT_TYPES.as_bytes()), ("word/document.xml", &zeros)])
}

/// One line of a PDF page: where it starts, its font size, its text; a
/// line of several cells is a table row, each cell at its own `x`.
pub struct PdfLine<'a> {
    pub y: i64,
    pub size: i64,
    pub cells: &'a [(i64, &'a str)],
}

const fn at(y: i64, size: i64, cells: &'static [(i64, &'static str)]) -> PdfLine<'static> {
    PdfLine { y, size, cells }
}

/// The sample report's two pages: a running header and a page footer on
/// each, a paragraph with a word broken at a line's end, a table.
pub const REPORT_PAGES: [&[PdfLine<'static>]; 2] = [
    &[
        at(800, 9, &[(72, "Harbour Authority - Annual Report 2023")]),
        at(740, 16, &[(72, "Port traffic in 2023")]),
        at(700, 11, &[(72, "The port handled 1.2 million contain-")]),
        at(686, 11, &[(72, "ers in 2023, up 8% on the year, and about")]),
        at(672, 11, &[(72, "4,500 dock workers were employed at the end of it.")]),
        at(40, 9, &[(290, "Page 1")]),
    ],
    &[
        at(800, 9, &[(72, "Harbour Authority - Annual Report 2023")]),
        at(740, 14, &[(72, "Berths and cranes")]),
        at(710, 11, &[(72, "Terminal"), (220, "Berths"), (320, "Cranes")]),
        at(696, 11, &[(72, "North quay"), (220, "6"), (320, "14")]),
        at(682, 11, &[(72, "South quay"), (220, "4"), (320, "9")]),
        at(640, 11, &[(72, "Cargo ships made 412 calls at the north quay in March.")]),
        at(40, 9, &[(290, "Page 2")]),
    ],
];

/// A PDF of `pages`, text in Helvetica, each page's content deflated; with
/// a document information dictionary (title, creation date).
pub fn pdf_of(pages: &[&[PdfLine]]) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Object, Stream};
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids = Vec::new();
    for page in pages {
        let mut ops = Vec::new();
        for line in page.iter() {
            ops.push(Operation::new("BT", vec![]));
            ops.push(Operation::new("Tf", vec!["F1".into(), line.size.into()]));
            let mut x = 0;
            for (k, (cx, text)) in line.cells.iter().enumerate() {
                let y = if k == 0 { line.y } else { 0 };
                ops.push(Operation::new("Td", vec![(cx - x).into(), y.into()]));
                ops.push(Operation::new("Tj", vec![Object::string_literal(*text)]));
                x = *cx;
            }
            ops.push(Operation::new("ET", vec![]));
        }
        let bytes = Content { operations: ops }.encode().expect("content in memory");
        let mut stream = Stream::new(dictionary! {}, bytes);
        // deflated as a real file's is; an uncompressible one stays as it is
        let _ = stream.compress();
        let content = doc.add_object(stream);
        kids.push(Object::from(
            doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content }),
        ));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let info = doc.add_object(dictionary! {
        "Title" => Object::string_literal("Annual Report 2023"),
        "CreationDate" => Object::string_literal("D:20240115093000Z"),
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("a PDF in memory");
    out
}

/// The sample two-page report.
pub fn pdf_report() -> Vec<u8> {
    pdf_of(&REPORT_PAGES)
}

/// A scanned page: an image and no text.
pub fn pdf_scan() -> Vec<u8> {
    let body = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
                2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
                3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
                /Resources << /XObject << /Im1 5 0 R >> >> >> endobj\n\
                4 0 obj << /Length 31 >> stream\nq 595 0 0 842 0 0 cm /Im1 Do Q\nendstream endobj\n\
                5 0 obj << /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray \
                /BitsPerComponent 8 /Length 1 >> stream\n\x7f\nendstream endobj\n";
    let mut out = body.as_bytes().to_vec();
    out.extend_from_slice(b"trailer << /Root 1 0 R >>\n%%EOF\n");
    out
}

/// A PDF whose page tree loops: the pages node is its own kid.
pub fn pdf_page_loop() -> Vec<u8> {
    let body = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
                2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n\
                3 0 obj << /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >> endobj\n\
                trailer << /Root 1 0 R >>\n%%EOF\n";
    body.as_bytes().to_vec()
}

/// A PDF of `n` objects, each an empty array (no cross-reference table:
/// a reader must scan for them).
pub fn pdf_of_objects(n: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
                    2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        .to_vec();
    for i in 3..n + 3 {
        out.extend_from_slice(format!("{i} 0 obj [] endobj\n").as_bytes());
    }
    out.extend_from_slice(b"trailer << /Root 1 0 R >>\n%%EOF\n");
    out
}

/// A report of `pages` pages, each the sample report's two pages again
/// (for measuring readers and the benchmark).
pub fn pdf_long_report(pages: usize) -> Vec<u8> {
    let all: Vec<&[PdfLine]> = (0..pages).map(|i| REPORT_PAGES[i % 2]).collect();
    pdf_of(&all)
}

/// `s` with `&`, `<` and `>` escaped (for HTML and XML text).
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A saved page of these paragraphs, with the chrome a browser saves.
pub fn html_page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("      <p>{}</p>\n", escape(p))).collect();
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title>\
         <script>var x = 1;</script></head>\n<body>\n  <nav><a href=\"/\">Home</a></nav>\n  <main><article>\n\
         <h1>{}</h1>\n{body}  </article></main>\n  <footer>Footer</footer>\n</body></html>\n",
        escape(title),
        escape(title)
    )
}

/// A Word file of these paragraphs.
pub fn word_file_of(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs.iter().map(|p| paragraph(&[&escape(p)])).collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("docProps/core.xml", CORE.as_bytes()),
    ])
}

/// A PDF of these paragraphs, set in lines of at most 90 characters, 50
/// lines a page (only ASCII characters are kept: the font is WinAnsi).
pub fn pdf_of_paragraphs(paragraphs: &[&str]) -> Vec<u8> {
    let mut lines: Vec<String> = Vec::new();
    for p in paragraphs {
        let mut line = String::new();
        for word in p.split_whitespace() {
            if line.len() + word.len() > 90 {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.extend(word.chars().filter(char::is_ascii));
        }
        lines.push(line);
        lines.push(String::new()); // a paragraph's gap
    }
    let cells: Vec<[(i64, &str); 1]> = lines.iter().map(|l| [(72, l.as_str())]).collect();
    let pages: Vec<Vec<PdfLine>> = cells
        .chunks(50)
        .map(|chunk| {
            chunk.iter().enumerate().map(|(i, c)| PdfLine { y: 780 - 14 * i as i64, size: 11, cells: c }).collect()
        })
        .collect();
    let refs: Vec<&[PdfLine]> = pages.iter().map(Vec::as_slice).collect();
    pdf_of(&refs)
}
