//! The editors' documentation states what the server does: each diagnostic
//! code's default severity and the `severity` key that sets it, read from
//! the tables in the Neovim help and the VS Code README and compared with
//! the configuration the server runs on.

use sourcecheck::config::{Code, Level, Severity};

fn read(rel: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).expect("doc")
}

fn level_word(l: Level) -> &'static str {
    match l {
        Level::Error => "Error",
        Level::Warning => "Warning",
        Level::Information => "Information",
        Level::Hint => "Hint",
        Level::Off => "Off",
    }
}

#[test]
fn the_neovim_help_gives_each_codes_default_and_key() {
    let help = read("editors/nvim/doc/sourcecheck.txt");
    for code in Code::ALL {
        let row = help
            .lines()
            .find(|l| l.starts_with("  ") && l.split_whitespace().next() == Some(code.name()))
            .unwrap_or_else(|| panic!("no row for {} in the help", code.name()));
        let cells: Vec<&str> = row.split_whitespace().collect();
        let want = [level_word(Severity::default().of(code)), Severity::key_of(code)];
        assert_eq!(cells[cells.len() - 2..], want, "{row}");
    }
}

#[test]
fn the_vscode_readme_gives_each_codes_default_and_setting() {
    let readme = read("editors/vscode/README.md");
    for code in Code::ALL {
        let head = format!("| `{}` |", code.name());
        let row = readme
            .lines()
            .map(str::trim)
            .find(|l| l.starts_with(&head))
            .unwrap_or_else(|| panic!("no row for {} in the README", code.name()));
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        let setting = format!("`sourcecheck.severity.{}`", Severity::key_of(code));
        assert_eq!(cells[1..], [level_word(Severity::default().of(code)), setting.as_str()], "{row}");
    }
}

/// The fenced block of `lang` that follows the first line holding `marker`.
fn block_after(doc: &str, marker: &str, lang: &str) -> String {
    let from = doc.find(marker).unwrap_or_else(|| panic!("{marker} not in the README"));
    let open = format!("```{lang}\n");
    let start = from + doc[from..].find(&open).expect("a fenced block") + open.len();
    let end = start + doc[start..].find("```").expect("the block closes");
    doc[start..end].lines().map(str::trim_start).collect::<Vec<_>>().join("\n")
}

#[test]
fn the_readmes_helix_snippet_keeps_marksman_beside_sourcecheck() {
    let snippet = block_after(&read("README.md"), "**Helix**", "toml");
    let v: toml::Value = toml::from_str(&snippet).expect("the snippet is TOML");
    assert_eq!(v["language-server"]["sourcecheck"]["command"].as_str(), Some("sourcecheck"));
    assert_eq!(v["language-server"]["sourcecheck"]["args"], toml::Value::Array(vec!["lsp".into()]));
    let markdown = &v["language"][0];
    assert_eq!(markdown["name"].as_str(), Some("markdown"));
    // Helix replaces a language's servers with this list: marksman must stay in it
    assert_eq!(markdown["language-servers"], toml::Value::Array(vec!["marksman".into(), "sourcecheck".into()]));
}

/// The README's sample output of a command: the fenced block after `marker`,
/// lines as shown (a line cut at `...` stands for any line it begins).
fn sample_after(marker: &str) -> Vec<String> {
    let readme = read("README.md");
    let from = readme.find(marker).unwrap_or_else(|| panic!("{marker} not in the README"));
    let start = from + readme[from..].find("```\n").expect("a sample block") + 4;
    let end = start + readme[start..].find("```").expect("the block closes");
    readme[start..end].lines().map(str::to_string).collect()
}

fn run_in_repo(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sourcecheck"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_readmes_set_up_sample_is_what_the_command_prints() {
    let printed = run_in_repo(&["check", "examples/briefing.md"]);
    let lines: Vec<&str> = printed.lines().collect();
    for shown in sample_after("The first checks `examples/briefing.md`") {
        let found = match shown.split_once("...") {
            Some((head, _)) => lines.iter().any(|l| l.starts_with(head)),
            None => lines.contains(&shown.as_str()),
        };
        assert!(found, "README shows {shown:?}, the command prints:\n{printed}");
    }
}

#[test]
fn the_readmes_sources_sample_is_what_the_command_prints() {
    let shown = sample_after("`sources` lists what the checker reads");
    assert_eq!(shown[0], "$ sourcecheck sources");
    let printed = run_in_repo(&["sources"]);
    assert_eq!(shown[1..].join("\n") + "\n", printed);
}
