//! A deterministic generator of news-like articles and analyst notes, for
//! benchmarks: varied subjects, qualifiers, rates, dates and figures. The same
//! seed always gives the same text.
#![allow(dead_code)]

/// A small deterministic PRNG (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SUBJECTS: &[(&str, &str)] = &[
    ("patients", "were admitted to hospital"),
    ("refugees", "crossed the border"),
    ("workers", "lost their jobs"),
    ("homes", "were destroyed by the floods"),
    ("students", "were excluded from school"),
    ("fighters", "remain in the region"),
    ("vehicles", "were recalled"),
    ("migrants", "arrived by boat"),
    ("cases", "were confirmed"),
    ("tonnes of grain", "were exported"),
    ("households", "lost power"),
    ("flights", "were cancelled"),
];
const PLACES: &[&str] = &[
    "Westmere",
    "Ashford",
    "the northern province",
    "the capital",
    "Dunmore",
    "the coastal region",
    "Lakeside",
    "the river valley",
];
/// Town names are built from these (300 of them), so that most place names
/// are rare in a large corpus, as in news.
const TOWN_HEADS: &[&str] = &[
    "Ash", "Brook", "Cald", "Dun", "Elm", "Fair", "Glen", "Hart", "Ives", "Kings", "Lang", "Mill", "North", "Oak",
    "Pen", "Red", "Stan", "Thorn", "Wey", "York",
];
const TOWN_TAILS: &[&str] = &[
    "ford", "mere", "ton", "wick", "by", "field", "haven", "stead", "bridge", "worth", "dale", "port", "moor", "ley",
    "combe",
];
const QUALS: &[&str] =
    &["about", "more than", "fewer than", "nearly", "at least", "up to", "an estimated", "roughly", "", "", ""];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const PERIODS: &[&str] = &["a week", "a month", "each day", "per year"];
/// Sentences without figures: most of a news article.
const FILLER: &[&str] = &[
    "Officials said the situation remained under review and that further measures could follow.",
    "Residents described long queues outside the main offices throughout the morning.",
    "The opposition criticised the response, saying the government had been too slow to act.",
    "\"We are doing everything we can,\" a spokeswoman told reporters on Tuesday.",
    "Analysts warned that the trend could reverse if conditions worsened over the winter.",
    "The agency declined to comment on the details of the investigation.",
    "Local charities have stepped in to provide food, blankets and temporary shelter.",
    "Critics say the figures understate the scale of the problem in rural areas.",
];
const SAYERS: &[&str] =
    &["officials said", "the ministry said", "according to the agency", "a spokesman said", "the report found"];

fn number(rng: &mut Rng) -> String {
    let n = match rng.below(4) {
        0 => (rng.below(90) + 10) as u64,
        1 => (rng.below(90) + 10) as u64 * 100,
        2 => (rng.below(900) + 100) as u64 * 1000,
        _ => rng.below(9000) as u64 + 1000,
    };
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Half the time one of a few regions, else one of many towns.
fn place(rng: &mut Rng) -> String {
    if rng.below(2) == 0 {
        rng.pick(PLACES).to_string()
    } else {
        format!("{}{}", rng.pick(TOWN_HEADS), rng.pick(TOWN_TAILS))
    }
}

fn sentence(rng: &mut Rng) -> String {
    let (noun, verb) = SUBJECTS[rng.below(SUBJECTS.len())];
    let place = place(rng);
    let q = rng.pick(QUALS);
    let n = number(rng);
    let q = if q.is_empty() { String::new() } else { format!("{q} ") };
    match rng.below(6) {
        0 => format!("In {place}, {q}{n} {noun} {verb} last year, {}.", rng.pick(SAYERS)),
        1 => format!("{q}{n} {noun} {verb} {} in {place}, {}.", rng.pick(PERIODS), rng.pick(SAYERS)),
        2 => format!("Since {} {}, {q}{n} {noun} {verb} in {place}.", rng.pick(MONTHS), 2015 + rng.below(8)),
        3 => format!("The share of {noun} that {verb} rose to {}% in {place}.", rng.below(90) + 5),
        4 => format!("At its peak two years ago, {q}{n} {noun} {verb} in {place}, {}.", rng.pick(SAYERS)),
        _ => format!(
            "Between {} and {} {noun} {verb} in {place} on {} {}.",
            number(rng),
            number(rng),
            rng.pick(MONTHS),
            rng.below(28) + 1
        ),
    }
}

/// Article `i` of a generated corpus (about 1.5–2.5 KB).
pub fn article(i: usize) -> String {
    let mut rng = Rng::new(i as u64 + 1);
    let (noun, _) = SUBJECTS[rng.below(SUBJECTS.len())];
    let mut s = format!(
        "{} in {} reach new level\n\nDate: {} {} {}\n\n",
        capitalise(noun),
        place(&mut rng),
        rng.below(28) + 1,
        rng.pick(MONTHS),
        2015 + rng.below(9)
    );
    for _ in 0..(3 + rng.below(3)) {
        for _ in 0..(3 + rng.below(3)) {
            // about one sentence in four carries a figure, as in news text
            if rng.below(4) == 0 {
                s.push_str(&sentence(&mut rng));
            } else {
                s.push_str(rng.pick(FILLER));
            }
            s.push(' ');
        }
        s.push_str("\n\n");
    }
    s
}

/// A Markdown note of about `lines` lines, one figure-bearing bullet a line.
pub fn note(lines: usize) -> String {
    let mut rng = Rng::new(7);
    let mut s = String::from("# Generated briefing\n\n");
    for i in 0..lines {
        if i % 25 == 0 {
            s.push_str(&format!("## Section {}\n\n", i / 25 + 1));
        }
        s.push_str("- ");
        s.push_str(&sentence(&mut rng));
        s.push('\n');
    }
    s
}

/// A text of at least `bytes` bytes made of generated articles.
pub fn text_of_size(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 4096);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&article(i));
        i += 1;
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}
