use clap::Parser;

fn main() {
    let cli = sourcecheck::cli::Cli::parse();
    std::process::exit(sourcecheck::cli::run(cli));
}
