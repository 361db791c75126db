use clap::Parser;

fn main() {
    // Logs go to stderr (stdout carries output and, for `lsp`, the protocol).
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("SOURCECHECK_LOG"))
        .with_writer(std::io::stderr)
        .with_target(false)
        .without_time()
        .init();
    let cli = sourcecheck::cli::Cli::parse();
    std::process::exit(sourcecheck::cli::run(cli));
}
