//! Bounded, structure-aware property tests of check, plan and import (the invariants the fuzz
//! targets in fuzz/ explore without bound): no panic; a corpus gives errors or a plan that
//! renders; an import either fails and changes nothing or leaves a corpus that loads, with no
//! markup or control character stored. `PROPTEST_CASES=N` runs more cases.

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use syllabus::corpus::{self, Source};
use syllabus::import;
use syllabus::render::{self, Templates};

/// Text a hostile or careless author might write: markup, entities, quotes, controls.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-z ]{0,12}",
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("&lt;svg onload=x&gt;".to_string()),
        Just("&amp;amp;".to_string()),
        Just("\"'\\".to_string()),
        Just("\u{1b}]52;c;aGk=\u{7}".to_string()),
        Just("\u{9b}2J\u{202e}".to_string()),
        Just("]]>".to_string()),
        Just("\n".to_string()),
        "\\PC{0,4}",
    ];
    proptest::collection::vec(piece, 0..5).prop_map(|v| v.concat())
}

/// A TOML value of any type, sometimes the wrong one for its key.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        text().prop_map(|t| format!("{t:?}")),
        any::<i64>().prop_map(|i| i.to_string()),
        Just("9223372036854775808".to_string()),
        Just("[1, 2]".to_string()),
        Just("true".to_string()),
        Just("\"https://example.org/a\"".to_string()),
        Just("\"doi:10.1/x\\\" <b>\"".to_string()),
        Just("\"intro\"".to_string()),
        Just("\"article\"".to_string()),
        Just("30".to_string()),
    ]
}

const KEYS: &[&str] = &[
    "id", "url", "title", "kind", "level", "minutes", "note", "free", "requires", "summary",
    "stage", "keywords", "bogus",
];

/// A topic file: top-level keys, then links, each key picked from the real ones (and one
/// unknown), each value of a random type.
fn topic_file() -> impl Strategy<Value = String> {
    let table = || proptest::collection::vec((proptest::sample::select(KEYS), value()), 0..8);
    (table(), proptest::collection::vec(table(), 0..4)).prop_map(|(top, links)| {
        let mut s = String::from("title = \"T\"\nsummary = \"S\"\nstage = \"one\"\n");
        let mut keys = std::collections::BTreeSet::new();
        for (k, v) in top {
            if keys.insert(k) && !["title", "summary", "stage"].contains(&k) {
                s.push_str(&format!("{k} = {v}\n"));
            }
        }
        for link in links {
            s.push_str("\n[[link]]\n");
            let mut keys = std::collections::BTreeSet::new();
            for (k, v) in link {
                if keys.insert(k) {
                    s.push_str(&format!("{k} = {v}\n"));
                }
            }
        }
        s
    })
}

const COURSE: &str =
    "title = \"C\"\ndescription = \"D\"\n\n[[stage]]\nid = \"one\"\ntitle = \"One\"\nguidance = \"G\"\n";

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn a_corpus_gives_errors_or_a_plan_that_renders(a in topic_file(), b in topic_file()) {
        let sources = vec![
            Source { path: PathBuf::from("t/course.toml"), text: COURSE.into() },
            Source { path: PathBuf::from("t/alpha.toml"), text: a },
            Source { path: PathBuf::from("t/beta.toml"), text: b },
        ];
        match corpus::load(&sources) {
            Err(found) => prop_assert!(found.iter().any(|d| d.is_error())),
            Ok(loaded) => {
                let (plan, _) = syllabus::plan::build_for(
                    &loaded.course,
                    &Default::default(),
                    &Default::default(),
                    &Default::default(),
                );
                let templates = Templates::load(None).unwrap();
                let md = render::markdown(&plan, &templates).unwrap();
                prop_assert!(!md.contains("<img") && !md.contains("<svg"), "{}", md);
                let json: serde_json::Value = serde_json::from_str(&render::json(&plan)).unwrap();
                prop_assert!(json.get("stages").is_some());
            }
        }
    }

    #[test]
    fn an_import_never_leaves_an_invalid_corpus(
        entries in proptest::collection::vec((text(), text(), 0u8..6), 1..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let topics = dir.path().join("topics");
        std::fs::create_dir(&topics).unwrap();
        for entry in std::fs::read_dir(crate::common::fixture("valid")).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), topics.join(entry.file_name())).unwrap();
        }
        let mut list = String::from("# Links\n\n");
        for (title, note, url) in &entries {
            let url = ["https://example.org/x", "https://example.org/x", "doi:10.1145/359545.359563",
                       "https://queue.acm.org/detail.cfm?id=2745385", "javascript:alert(1)",
                       "https://ex.org/a b"][*url as usize];
            list.push_str(&format!("- [{}]({url}) - {}\n", title.replace(['\n', ']', '['], " "), note.replace('\n', " ")));
        }
        let input = dir.path().join("list.md");
        std::fs::write(&input, &list).unwrap();
        let before = snapshot(&topics);
        let options = import::Options::default();
        match import::run(&topics, &[input], &options) {
            Err(_) => prop_assert_eq!(snapshot(&topics), before),
            Ok(_) => {
                let loaded = corpus::load_dir(&topics);
                prop_assert!(loaded.is_ok(), "{:?}\n{}", loaded.err(), list);
                for (_, text) in snapshot(&topics) {
                    prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{}", text);
                    prop_assert!(!text.contains("<img") && !text.contains("onerror"), "{}", text);
                }
            }
        }
    }
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let t = std::fs::read_to_string(&p).unwrap_or_default();
            (p, t)
        })
        .collect();
    files.sort();
    files
}
