//! `check --format sarif`: valid against the official SARIF 2.1.0 schema,
//! with exact rules, levels, regions (UTF-16 columns), related locations
//! and fingerprints that survive re-runs and edits elsewhere.

mod cli_support;

use cli_support::{harbour_workspace, run, write};
use serde_json::{json, Value};
use std::path::Path;

const NOTE: &str = "# Port brief\n\n\
    📈 Café owners say about 1,200 container ships docked at Port Veyra last year [@harbour].\n\
    The ferry operator runs 30 ferries a week between the islands [@ferries].\n\
    Officials counted 45 cranes on the quays [@nowhere].\n";

fn sarif(dir: &Path, note: &str) -> (Value, Option<i32>) {
    let out = run(&["check", "--format", "sarif", note], dir);
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", cli_support::stdout(&out)));
    (v, out.status.code())
}

fn schema_errors(doc: &Value) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    // formats checked too: URIs, URI references
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
    validator.iter_errors(doc).map(|e| format!("{} at {}", e, e.instance_path)).collect()
}

fn results(doc: &Value) -> &Vec<Value> {
    doc["runs"][0]["results"].as_array().unwrap()
}

fn result<'a>(doc: &'a Value, rule: &str) -> &'a Value {
    results(doc).iter().find(|r| r["ruleId"] == rule).unwrap_or_else(|| panic!("no {rule} result in {doc:#}"))
}

fn region(loc: &Value) -> (u64, u64, u64, u64) {
    let r = &loc["physicalLocation"]["region"];
    let n = |k: &str| r[k].as_u64().unwrap();
    (n("startLine"), n("startColumn"), n("endLine"), n("endColumn"))
}

#[test]
fn the_log_validates_against_the_sarif_2_1_0_schema() {
    let ws = harbour_workspace();
    write(ws.path(), "notes/brief.md", NOTE);
    let (doc, status) = sarif(ws.path(), "notes/brief.md");
    assert_eq!(status, Some(1), "a contradiction fails the run as in text output");
    assert_eq!(schema_errors(&doc), Vec::<String>::new());
    // the bundled briefing, with notes and several passages per result
    let (doc, _) = sarif(Path::new(env!("CARGO_MANIFEST_DIR")), "examples/briefing.md");
    assert!(results(&doc).len() >= 3, "{doc:#}");
    assert_eq!(schema_errors(&doc), Vec::<String>::new());
    // and the validator does reject what the schema forbids
    let mut broken = doc.clone();
    broken["runs"][0]["results"][0]["level"] = json!("warn");
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = json!(0);
    broken["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] = json!("not a URI");
    let errors = schema_errors(&broken);
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("\"not a URI\" is not a \"uri")), "{errors:?}");
}

#[test]
fn results_have_exact_rules_levels_and_utf16_regions() {
    let ws = harbour_workspace();
    write(ws.path(), "notes/brief.md", NOTE);
    let (doc, _) = sarif(ws.path(), "notes/brief.md");
    let run = &doc["runs"][0];
    assert_eq!(doc["version"], "2.1.0");
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let root = std::fs::canonicalize(ws.path()).unwrap();
    // the temporary folder's name needs no escaping
    assert_eq!(run["originalUriBaseIds"]["%SRCROOT%"]["uri"], format!("file://{}/", root.display()));
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "sourcecheck");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    let ids: Vec<&str> = driver["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        ["contradicted", "unsourced", "supported", "unknown-citation", "citation-mismatch", "inconsistent"]
    );
    let levels: Vec<&str> = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["defaultConfiguration"]["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["warning", "note", "note", "error", "warning", "warning"]);
    assert!(driver["rules"][0]["fullDescription"]["text"].as_str().unwrap().contains("none of their intervals"));

    // 📈 is one character but two UTF-16 code units: the figure starts at
    // character 19, UTF-16 column 20 (byte 23).
    let supported = result(&doc, "supported");
    assert_eq!(supported["level"], "note");
    assert_eq!(supported["ruleIndex"], 2);
    assert_eq!(
        supported["message"]["text"],
        "Supported: harbour says about 1,200 container ships docked at Port Veyra last year."
    );
    let loc = &supported["locations"][0];
    assert_eq!(loc["physicalLocation"]["artifactLocation"], json!({"uri": "notes/brief.md", "uriBaseId": "%SRCROOT%"}));
    assert_eq!(region(loc), (3, 20, 3, 47));
    assert_eq!(loc["physicalLocation"]["region"]["snippet"]["text"], "about 1,200 container ships");
    let rel = &supported["relatedLocations"][0];
    assert_eq!(rel["physicalLocation"]["artifactLocation"]["uri"], "corpus/harbour.txt");
    assert_eq!(region(rel), (4, 25, 4, 52));
    assert_eq!(
        rel["message"]["text"],
        "The port authority said about 1,200 container ships docked at Port Veyra last year."
    );

    let contradicted = result(&doc, "contradicted");
    assert_eq!(contradicted["level"], "warning");
    assert_eq!(region(&contradicted["locations"][0]), (4, 25, 4, 42));
    let rel = &contradicted["relatedLocations"][0];
    assert_eq!(rel["physicalLocation"]["artifactLocation"]["uri"], "corpus/ferries.md");
    assert_eq!(region(rel), (5, 23, 5, 40));
    assert_eq!(rel["message"]["text"], "The operator now runs 14 ferries a week between the islands.");

    let unknown = result(&doc, "unknown-citation");
    assert_eq!(unknown["level"], "error");
    assert_eq!(region(&unknown["locations"][0]), (5, 43, 5, 51));
    assert_eq!(unknown["message"]["text"], "unknown source '@nowhere': no source file is named nowhere");
    assert_eq!(results(&doc).len(), 4, "{doc:#}");
}

#[test]
fn levels_follow_the_configured_severities_and_off_is_left_out() {
    let ws = harbour_workspace();
    write(ws.path(), "notes/brief.md", NOTE);
    write(
        ws.path(),
        "sourcecheck.toml",
        "sources = [\"corpus\"]\n[severity]\nsupported = \"off\"\ncontradicted = \"error\"\ncitation = \"information\"\n",
    );
    let (doc, status) = sarif(ws.path(), "notes/brief.md");
    assert_eq!(status, Some(1));
    let rules: Vec<String> = results(&doc).iter().map(|r| format!("{} {}", r["ruleId"], r["level"])).collect();
    assert_eq!(rules, ["\"unknown-citation\" \"note\"", "\"contradicted\" \"error\""]);
    let supported_rule = &doc["runs"][0]["tool"]["driver"]["rules"][2];
    assert_eq!(supported_rule["defaultConfiguration"], json!({"level": "none", "enabled": false}));
    assert_eq!(schema_errors(&doc), Vec::<String>::new());
}

#[test]
fn fingerprints_are_stable_across_runs_and_edits_elsewhere() {
    let ws = harbour_workspace();
    write(ws.path(), "notes/brief.md", NOTE);
    let prints = |doc: &Value| -> Vec<(String, u64, String)> {
        results(doc)
            .iter()
            .map(|r| {
                let fp = r["partialFingerprints"]["sourcecheck/v1"].as_str().unwrap().to_string();
                assert_eq!(fp.len(), 32, "{fp}");
                (r["ruleId"].as_str().unwrap().to_string(), region(&r["locations"][0]).0, fp)
            })
            .collect()
    };
    let first = prints(&sarif(ws.path(), "notes/brief.md").0);
    assert_eq!(first, prints(&sarif(ws.path(), "notes/brief.md").0));
    let distinct: std::collections::HashSet<&String> = first.iter().map(|(_, _, f)| f).collect();
    assert_eq!(distinct.len(), first.len(), "{first:?}");
    // a paragraph added above moves every result down a line, fingerprints stay
    write(ws.path(), "notes/brief.md", &NOTE.replace("# Port brief\n", "# Port brief\n\nA new opening line.\n"));
    let moved = prints(&sarif(ws.path(), "notes/brief.md").0);
    assert_eq!(moved.len(), first.len());
    for ((rule, line, fp), (rule2, line2, fp2)) in first.iter().zip(&moved) {
        assert_eq!((rule, fp), (rule2, fp2));
        assert_eq!(*line2, line + 2);
    }
    // the same sentence twice: two results, two fingerprints
    write(
        ws.path(),
        "notes/twice.md",
        "Officials counted 45 cranes on the quays.\n\nOfficials counted 45 cranes on the quays.\n",
    );
    let twice = prints(&sarif(ws.path(), "notes/twice.md").0);
    assert_eq!(twice.len(), 2);
    assert_ne!(twice[0].2, twice[1].2);
}
