//! Extracts figures from one file repeatedly (for profiling; the
//! `profiling` profile is release with line tables):
//! `cargo run --profile profiling --example extract_file -- FILE [TIMES]`

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(args.get(1).map(String::as_str).unwrap_or("seeds/000_c28523b1df8d3a93.txt"))
        .unwrap_or_default();
    let times: usize = args.get(2).and_then(|t| t.parse().ok()).unwrap_or(1);
    let mut n = 0;
    for _ in 0..times {
        n += sourcecheck::figures::extract(&text, sourcecheck::text::Format::Plain).figures.len();
    }
    println!("{n} figures");
}
