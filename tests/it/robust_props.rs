//! Bounded, structure-aware property tests of check, plan and import (the invariants the fuzz
//! targets in fuzz/ explore without bound): no panic; a corpus gives errors or a plan that
//! renders; an import either fails and changes nothing or leaves a corpus that loads, with no
//! markup or control character stored. `PROPTEST_CASES=N` runs more cases.

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use syllabus::render::{self, Templates};
use syllabus::{CourseSource, Source, Syllabus};

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
        match Syllabus::from_sources(&sources) {
            Err(found) => prop_assert!(found.diagnostics().iter().any(|d| d.is_error())),
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
        let out = crate::common::syllabus_in(
            dir.path(),
            &["import", "--topics", "topics", input.to_str().unwrap()],
        );
        match out.status.code() {
            Some(0) => {
                let loaded = Syllabus::load(&CourseSource::find(Some(&topics), &topics));
                prop_assert!(loaded.is_ok(), "{:?}\n{}", loaded.err(), list);
                for (_, text) in snapshot(&topics) {
                    prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{}", text);
                    prop_assert!(!text.contains("<img") && !text.contains("onerror"), "{}", text);
                }
            }
            Some(1 | 2) => prop_assert_eq!(snapshot(&topics), before),
            other => prop_assert!(false, "import ended with {:?}: {}", other, crate::common::stderr(&out)),
        }
    }
}

/// Any text at all in a title or a note, the controls and bidi overrides most of all.
fn any_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        text(),
        "[\\x00-\\x{9f}]{0,6}",
        Just("\u{85}\u{7f}\u{9f}\u{2028}\u{202e}\u{2066}\u{feff}".to_string()),
        Just("é".repeat(40)),
        Just(";,\\\r\n".to_string()),
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..4).prop_map(|v| v.concat())
}

/// A TOML basic string holding `text` exactly.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Whatever the titles and notes hold, every output format parses as what it claims to be,
    /// also after the escaping a terminal gets (`printable`): JSON with serde_json, iCalendar
    /// with the `ical` crate and lines of at most 75 octets, and nothing holds a raw control.
    #[test]
    fn every_output_format_parses_whatever_the_titles_hold(
        titles in proptest::collection::vec((any_text(), any_text()), 1..4),
    ) {
        let mut topic = String::from("title = \"T\"\nsummary = \"S\"\nstage = \"one\"\n");
        for (i, (title, note)) in titles.iter().enumerate() {
            let title = if title.trim().is_empty() { "x" } else { title };
            topic.push_str(&format!(
                "\n[[link]]\nid = \"l{i}\"\nurl = \"https://example.org/{i}\"\ntitle = {}\nnote = {}\nkind = \"article\"\nlevel = \"intro\"\nminutes = 30\n",
                toml_string(title),
                toml_string(note)
            ));
        }
        let sources = vec![
            Source { path: PathBuf::from("t/course.toml"), text: COURSE.into() },
            Source { path: PathBuf::from("t/alpha.toml"), text: topic.clone() },
        ];
        let Ok(loaded) = Syllabus::from_sources(&sources) else {
            // A title the corpus refuses (one that is only invisible characters, say) is the
            // check's business, not the writers'.
            return Ok(());
        };
        let schedule = syllabus::plan::ScheduleOptions {
            start: syllabus::plan::Date::parse("2025-09-01"),
            ..Default::default()
        };
        let (plan, _) = syllabus::plan::build_for(
            &loaded.course,
            &Default::default(),
            &schedule,
            &Default::default(),
        );
        let templates = Templates::load(None).unwrap();
        let json = render::json(&plan);
        let ics = render::ics(&plan).unwrap();
        let md = render::markdown(&plan, &templates).unwrap();
        let html = syllabus::render::standalone(&plan, &templates).unwrap();
        for (name, text) in [("json", &json), ("ics", &ics)] {
            // What a terminal gets is what a file gets: nothing there needed escaping, so the
            // escaping cannot have broken the format.
            let shown = syllabus::render::printable(text);
            prop_assert_eq!(&*shown, text.as_str(), "{} changed on its way to a terminal", name);
        }
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let first = value["stages"][0]["topics"][0]["links"][0]["title"].as_str();
        prop_assert!(first.is_some(), "{}", json);
        for line in ics.split("\r\n") {
            prop_assert!(line.len() <= 75, "{} octets: {:?}", line.len(), line);
            prop_assert!(!line.contains(|c: char| c.is_control() && c != '\t'), "{:?}", line);
        }
        let parsed = ical::IcalParser::new(ics.as_bytes()).next();
        prop_assert!(matches!(parsed, Some(Ok(_))), "{:?}\n{}", parsed, ics);
        // Markdown and HTML are text for people: controls and bidi overrides in them are shown
        // escaped on the way out.
        for text in [&md, &html] {
            let shown = syllabus::render::printable(text);
            let raw = |c: char| {
                (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            };
            prop_assert!(!shown.contains(raw), "{}", shown);
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
