use clap::Parser;

fn main() {
    // Logs go to stderr (stdout carries output and, for `lsp`, the protocol).
    // The language server also forwards its own lines to the client, at the
    // client's trace level.
    use tracing_subscriber::{filter, fmt, prelude::*, EnvFilter};
    tracing_subscriber::registry()
        .with(
            fmt::layer()
                .with_writer(std::io::stderr)
                .with_target(false)
                .without_time()
                .with_filter(EnvFilter::from_env("SOURCECHECK_LOG")),
        )
        .with(sourcecheck::lsp::logging::ClientLog.with_filter(filter::filter_fn(sourcecheck::lsp::logging::wanted)))
        .init();
    let cli = sourcecheck::cli::Cli::parse();
    std::process::exit(sourcecheck::cli::run(cli));
}
