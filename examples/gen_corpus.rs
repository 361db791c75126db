//! Writes a deterministic generated corpus: `cargo run --release --example
//! gen_corpus -- N DIR` writes N articles to DIR/NNNNN.txt (the benchmarks'
//! generator; the same N always gives the same files).

#[path = "../benches/support/synth.rs"]
mod synth;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(dir)) = (args.get(1).and_then(|n| n.parse::<usize>().ok()), args.get(2)) else {
        eprintln!("usage: gen_corpus N DIR");
        std::process::exit(2);
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("gen_corpus: {dir}: {e}");
        std::process::exit(2);
    }
    for i in 0..n {
        let path = format!("{dir}/{i:05}.txt");
        if let Err(e) = std::fs::write(&path, synth::article(i)) {
            eprintln!("gen_corpus: {path}: {e}");
            std::process::exit(2);
        }
    }
}
