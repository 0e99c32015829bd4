//! The `syllabus` binary as a user runs it: the plan of a real corpus, every bad-input case with
//! its exact message, exit codes and atomic output.

use crate::common::*;

#[test]
fn every_bad_corpus_fails_check_with_its_message() {
    let bad = root().join("tests/fixtures/bad");
    let mut cases: Vec<_> = std::fs::read_dir(&bad)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 12, "the bad fixtures are missing");
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let rel = format!("tests/fixtures/bad/{name}");
        let out = syllabus(&["check", "--topics", &rel]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: check must exit 1\n{}",
            stdout(&out)
        );
        assert_expected(&case.join("expected.out"), &stdout(&out));
        // `plan` refuses the same corpus, with the same messages on stderr.
        let plan = syllabus(&["plan", "--topics", &rel]);
        assert_eq!(plan.status.code(), Some(1), "{name}: plan must exit 1");
        assert!(
            stdout(&plan).is_empty(),
            "{name}: plan printed a plan for a bad corpus"
        );
        let first = stdout(&out).lines().next().unwrap().to_string();
        assert!(
            stderr(&plan).contains(&first),
            "{name}: plan did not report `{first}`"
        );
    }
}

#[test]
fn bad_input_messages_name_the_place_and_the_fix() {
    // The expected files pin the whole output; these spell out what a reader relies on.
    let check = |case: &str| {
        stdout(&syllabus(&[
            "check",
            "--topics",
            &format!("tests/fixtures/bad/{case}"),
        ]))
    };
    let cycle = check("cycle");
    assert!(cycle.contains("topic prerequisite cycle: a -> c -> b -> a"));
    for file in ["a.toml:4:13", "b.toml:4:13", "c.toml:4:13"] {
        assert!(cycle.contains(file), "the cycle message lacks {file}");
    }
    assert!(
        check("unknown-prerequisite").contains("raft.toml:4:13: error: unknown topic `concensus`")
    );
    assert!(check("unknown-prerequisite").contains("did you mean `consensus`?"));
    assert!(check("unknown-key").contains("clocks.toml:2:1: error: unknown key `sumary`"));
    assert!(check("toml-syntax").contains("clocks.toml:3:9: error: invalid TOML"));
    assert!(check("stage-order").contains(
        "topic `raft` (stage `basics`) requires `paxos`, which comes later (stage `advanced`)"
    ));
    assert!(check("duplicate-url").contains("order.toml:7:7: error: duplicate URL"));
    assert!(check("duplicate-url").contains("clocks.toml:5:1"));
    assert!(check("bad-enum").contains("did you mean `paper`?"));
    assert!(check("uppercase-id").contains("rename the file to vector-clocks.toml"));
    assert!(check("slash-id").contains("link id `../escape` may only hold"));
    assert!(check("javascript-url").contains("uses the `javascript:` scheme"));
    assert!(check("link-cycle").contains("link prerequisite cycle: lamport -> vector -> lamport"));
    // A prerequisite whose file does not parse is reported once, for its syntax, not again as
    // an unknown topic everywhere it is named.
    let unreadable = check("unreadable-prerequisite");
    assert!(unreadable.contains("clocks.toml:3:9: error: invalid TOML"));
    assert!(!unreadable.contains("unknown topic"), "{unreadable}");
    // A link refused for its own mistake is still declared: what names it is not told it is
    // unknown, nor pointed at itself or at a list of ids holding the one it asked for.
    let rejected = check("rejected-links");
    for id in [
        "raft-paper",
        "raft-talk",
        "raft-site",
        "raft-book",
        "raft-notes",
    ] {
        assert!(
            !rejected.contains(&format!("unknown link or topic `{id}`")),
            "{rejected}"
        );
    }
    assert!(
        !rejected.contains("did you mean `read-quorums`"),
        "{rejected}"
    );
    assert!(!rejected.contains("known ids"), "{rejected}");
    assert!(rejected.contains(
        "add `kind = \"...\"`, one of article, paper, talk, video, book, course, thread, list, tool, exercise, project"
    ));
    assert!(rejected.contains("help: write the number without quotes, e.g. `minutes = 45`"));
    // A repeated id is the one error, not also a link requiring itself.
    let repeated = check("duplicate-requires");
    assert!(repeated.contains("raft.toml:8:6: error: link id `raft-paper` is already used"));
    assert!(!repeated.contains("requires itself"), "{repeated}");
    // What a file or a table lacks is shown at its first line, with that line.
    let missing = check("missing-fields");
    assert!(missing.contains(
        "clocks.toml:2:1: error: the topic has no `title`\n  |\n2 | stage = \"basics\"\n"
    ));
    assert!(missing.contains(
        "course.toml:3:1: error: this [[stage]] has no `guidance`\n  |\n3 | [[stage]]\n"
    ));
    let many = check("many-errors");
    assert!(
        many.contains("checked the corpus: 4 errors"),
        "check must report every problem:\n{many}"
    );
}

#[test]
fn plan_of_a_valid_corpus_matches_its_snapshots() {
    let md = syllabus(&["plan", "--topics", "tests/fixtures/valid"]);
    assert_eq!(md.status.code(), Some(0), "{}", stderr(&md));
    assert_expected(&root().join("tests/snapshots/valid.md"), &stdout(&md));
    let json = syllabus(&[
        "plan",
        "--topics",
        "tests/fixtures/valid",
        "--format",
        "json",
    ]);
    assert_eq!(json.status.code(), Some(0));
    assert_expected(&root().join("tests/snapshots/valid.json"), &stdout(&json));
    let check = syllabus(&["check", "--topics", "tests/fixtures/valid"]);
    assert_eq!(check.status.code(), Some(0));
    assert_eq!(
        stdout(&check),
        "checked 4 topics, 8 links: 0 errors, 0 warnings\n"
    );
}

#[test]
fn json_has_the_documented_fields_and_order() {
    let out = syllabus(&[
        "plan",
        "--topics",
        "tests/fixtures/valid",
        "--format",
        "json",
    ]);
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["title", "description", "total_minutes", "stages"] {
        assert!(plan.get(key).is_some(), "missing {key}");
    }
    let stages = plan["stages"].as_array().unwrap();
    let ids: Vec<&str> = stages.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["foundations", "time", "consensus"]);
    let consensus = &stages[2]["topics"][0];
    let links: Vec<&str> = consensus["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    // Requires first (paxos before raft before the aside about raft), then level and minutes.
    assert_eq!(
        links,
        ["paxos-intuitive", "paxos-made-simple", "raft", "raft-name"]
    );
    let first = &consensus["links"][0];
    for key in [
        "id",
        "url",
        "title",
        "kind",
        "level",
        "minutes",
        "note",
        "url_status",
    ] {
        assert!(first.get(key).is_some(), "link lacks {key}");
    }
    assert_eq!(first["url_status"], "truncated");
    let total: u64 = stages.iter().map(|s| s["minutes"].as_u64().unwrap()).sum();
    assert_eq!(plan["total_minutes"].as_u64().unwrap(), total);
}

#[test]
fn the_same_corpus_gives_the_same_bytes() {
    for format in ["markdown", "json"] {
        let a = syllabus(&[
            "plan",
            "--topics",
            "tests/fixtures/valid",
            "--format",
            format,
        ]);
        let b = syllabus(&[
            "plan",
            "--topics",
            "tests/fixtures/valid",
            "--format",
            format,
        ]);
        assert_eq!(a.stdout, b.stdout);
    }
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let out = syllabus(&["plan", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("invalid value 'pdf'"));
    assert_eq!(syllabus(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(syllabus(&["--help"]).status.code(), Some(0));
}

#[test]
fn output_is_written_whole_and_replaces_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("plan.md");
    std::fs::write(&target, "old plan").unwrap();
    let target_arg = target.to_str().unwrap();
    let out = syllabus(&[
        "plan",
        "--topics",
        "tests/fixtures/valid",
        "--output",
        target_arg,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("# Distributed Systems, Foundations First"));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names.len(),
        1,
        "a temporary file was left behind: {names:?}"
    );

    // A bad corpus writes nothing and keeps what was there.
    let bad = syllabus(&[
        "plan",
        "--topics",
        "tests/fixtures/bad/cycle",
        "--output",
        target_arg,
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), written);

    // An output folder that does not exist is a clear error, not a panic.
    let missing = dir.path().join("nope/plan.md");
    let out = syllabus(&[
        "plan",
        "--topics",
        "tests/fixtures/valid",
        "--output",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot write"));
}

#[test]
fn templates_can_be_overridden_and_their_errors_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let with_templates = || {
        syllabus(&[
            "plan",
            "--topics",
            "tests/fixtures/valid",
            "--templates",
            dir.path().to_str().unwrap(),
        ])
    };
    std::fs::write(
        dir.path().join("plan.md.j2"),
        "{{ plan.title }}: {{ plan.stages | length }} stages\n",
    )
    .unwrap();
    let out = with_templates();
    assert_eq!(
        stdout(&out),
        "Distributed Systems, Foundations First: 3 stages\n"
    );

    std::fs::write(dir.path().join("plan.md.j2"), "line one\n{{ plan.nope }}\n").unwrap();
    let out = with_templates();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("plan.md.j2:2:1: error: template error"),
        "{err}"
    );
}

#[test]
fn graph_and_topics_describe_the_same_plan() {
    let dot = stdout(&syllabus(&["graph", "--topics", "tests/fixtures/valid"]));
    assert!(dot.starts_with("digraph syllabus {"));
    assert!(dot.contains("subgraph cluster_2 {\n    label=\"2. Time and impossibility\";"));
    assert!(dot.contains("\"impossibility\" -> \"consensus\";"));
    let mermaid = stdout(&syllabus(&[
        "graph",
        "--topics",
        "tests/fixtures/valid",
        "--format",
        "mermaid",
    ]));
    assert!(mermaid.starts_with("flowchart LR\n"));
    assert!(mermaid.contains("t_time --> t_impossibility"));
    let table = stdout(&syllabus(&["topics", "--topics", "tests/fixtures/valid"]));
    assert_expected(&root().join("tests/snapshots/valid-topics.txt"), &table);
}

#[test]
fn without_a_topics_folder_the_built_in_course_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let out = syllabus_in(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let plan = syllabus_in(dir.path(), &["plan", "--format", "json"]);
    let built_in: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap();
    let repo = syllabus(&["plan", "--topics", "topics", "--format", "json"]);
    let repo: serde_json::Value = serde_json::from_slice(&repo.stdout).unwrap();
    assert_eq!(
        built_in, repo,
        "the built-in corpus is the repository's topics/"
    );
}

#[test]
fn without_stages_the_plan_is_staged_by_generation() {
    let out = syllabus(&[
        "plan",
        "--topics",
        "tests/fixtures/unstaged",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let stages: Vec<(String, Vec<String>)> = plan["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let topics = s["topics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["id"].as_str().unwrap().to_string())
                .collect();
            (s["title"].as_str().unwrap().to_string(), topics)
        })
        .collect();
    let expected = [
        ("Stage 1", vec!["a"]),
        ("Stage 2", vec!["b", "c"]),
        ("Stage 3", vec!["d"]),
    ];
    let expected: Vec<(String, Vec<String>)> = expected
        .iter()
        .map(|(t, ids)| (t.to_string(), ids.iter().map(|s| s.to_string()).collect()))
        .collect();
    assert_eq!(stages, expected);
}
