//! Writes the benchmarks' generated note: `cargo run --release --example gen_note -- LINES`.

#[path = "../benches/support/synth.rs"]
mod synth;

fn main() {
    let lines = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(1000);
    print!("{}", synth::note(lines));
}
