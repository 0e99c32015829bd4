//! The reader's options through the real binary: snapshots of each option's output on the
//! fixture corpus, and the messages and exit codes of mistakes.
//!
//! Snapshots live in `tests/snapshots/`; rerun with `UPDATE_EXPECT=1` to rewrite them after an
//! intended change, and review the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid")
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Run `syllabus` in `dir` on the valid fixture corpus.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .args(args)
        .arg("--topics")
        .arg(fixture())
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn run(args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), args)
}

fn snapshot(name: &str, actual: &str) {
    crate::common::assert_expected(
        &crate::common::root().join("tests/snapshots").join(name),
        actual,
    );
}

#[test]
fn target_and_known_prune_and_say_so() {
    let r = run(&[
        "plan",
        "--target",
        "raft",
        "--known",
        "time",
        "--hours-per-week",
        "2",
        "--start",
        "2025-01-06",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("- Known, so left out: `time`."));
    assert!(r
        .stdout
        .contains("- Needed only through what you know, so left out too: `safety-liveness`."));
    assert!(!r.stdout.contains("There is No Now"));
    assert!(
        !r.stdout.contains("Why is the Raft"),
        "a link target pulls in only what it needs"
    );
    snapshot("target-known.md", &r.stdout);
}

#[test]
fn skip_reports_a_gap_and_level_filters_links() {
    let r = run(&[
        "plan",
        "--target",
        "consensus",
        "--skip",
        "impossibility",
        "--level",
        "intro",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(
        "⚠ Gap: Impossibility results (`impossibility`, skipped) is needed by `consensus`."
    ));
    assert!(!r.stdout.contains("Paxos Made Simple"));
    snapshot("skip-level.md", &r.stdout);
}

#[test]
fn a_topic_left_without_links_stays_and_says_so() {
    let r = run(&["plan", "--kinds", "article,thread"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("### Impossibility results"));
    assert!(r
        .stdout
        .contains("Left without readings (kept, later topics need them): `impossibility`."));
    assert!(r
        .stdout
        .contains("*No readings for this topic under the current options"));
}

#[test]
fn json_carries_weeks_and_each_links_week() {
    let r = run(&[
        "plan",
        "--format",
        "json",
        "--hours-per-week",
        "3",
        "--start",
        "2025-01-06",
        "--free",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let weeks = v["weeks"].as_array().unwrap();
    assert_eq!(weeks[0]["number"], 1);
    assert_eq!(weeks[1]["start"], "2025-01-13");
    let first = &v["stages"][0]["topics"][0]["links"][0];
    assert_eq!(first["week"], 1);
    assert_eq!(first["done"], false);
    snapshot("weeks.json", &r.stdout);
}

#[test]
fn too_few_weeks_says_the_pace_needed_and_still_prints() {
    let r = run(&["plan", "--weeks", "1"]);
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("1 week at 5 hours a week cannot hold the remaining 7.9 hours; it would take 8 hours a week"), "{}", r.stderr);
    assert!(r.stdout.contains("## Week by week"));
}

#[test]
fn a_link_longer_than_a_week_runs_over_whole_weeks() {
    let r = run(&["plan", "--hours-per-week", "1", "--layout", "topics"]);
    // 90 minutes at an hour a week: it takes what is left of one week and the start of the next.
    for row in [
        "| 5 | 1 | Impossibility of Distributed Consensus with One Faulty Process (part 3 of 3); Understanding Paxos the intuitive way; Paxos Made Simple (part 1 of 2) |",
        "| 6 | 1 | Paxos Made Simple (part 2 of 2); In Search of an Understandable Consensus Algorithm (part 1 of 3) |",
    ] {
        assert!(r.stdout.contains(row), "no `{row}` in\n{}", r.stdout);
    }
    assert!(r
        .stdout
        .contains("*Weeks 5-6*\n\n- [ ] [Paxos Made Simple]"));
    // Week by week, each part says how much of it falls in that week.
    let r = run(&["plan", "--hours-per-week", "1"]);
    assert!(r.stdout.contains("- [ ] [Paxos Made Simple](https://lamport.azurewebsites.net/pubs/paxos-simple.pdf) — Consensus · paper · 37 min (part 1 of 2, 90 min in all) · `paxos-made-simple`"), "{}", r.stdout);
    assert!(r.stdout.contains("### Week 6 · 1 hour\n\n- [ ] [Paxos Made Simple](https://lamport.azurewebsites.net/pubs/paxos-simple.pdf) — Consensus · paper · 53 min (part 2 of 2, 90 min in all)"), "{}", r.stdout);
}

#[test]
fn a_short_week_says_why() {
    // Half an hour a week: the 30-minute reading that comes next does not fit in the 15
    // minutes left, and under an hour it is not split (one sitting).
    let r = run(&["plan", "--hours-per-week", "0.5"]);
    assert!(
        r.stdout.contains("### Week 1 · 0.3 hours\n\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("*A short week: next comes There is No Now (0.5 hours), longer than the 0.3 hours left, and nothing else can be read before it.*"), "{}", r.stdout);
    let r = run(&["plan", "--hours-per-week", "0.5", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let short = &v["weeks"][0]["short"];
    assert_eq!(short["next"], "there-is-no-now");
    assert_eq!(
        (short["next_minutes"].as_u64(), short["left"].as_u64()),
        (Some(30), Some(15))
    );
}

#[test]
fn ics_is_crlf_folded_and_parses() {
    let r = run(&[
        "plan",
        "--format",
        "ics",
        "--start",
        "2025-01-06",
        "--hours-per-week",
        "2",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r
        .stdout
        .split("\r\n")
        .all(|l| l.len() <= 75 && !l.contains('\n')));
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(r.stdout.as_bytes()));
    let calendar = parser.next().unwrap().unwrap();
    assert_eq!(calendar.events.len(), 5);
    snapshot("plan.ics", &r.stdout);

    // Without a start date the output would depend on the day it is run: refuse, and say how.
    let r = run(&["plan", "--format", "ics"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.contains("--format ics needs --start YYYY-MM-DD"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("help: for example --start "),
        "{}",
        r.stderr
    );
}

#[test]
fn unknown_ids_are_usage_errors_with_a_suggestion() {
    let r = run(&["plan", "--target", "consensos"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "error: --target consensos: no such topic or link\n  help: did you mean `consensus`?"
        ),
        "{}",
        r.stderr
    );
    let r = run(&["plan", "--known", "raft"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("`raft` is a link; mark it read with `syllabus done raft`"),
        "{}",
        r.stderr
    );
    let r = run(&["plan", "--skip", "tme"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `time`?"), "{}", r.stderr);
    let r = run(&["plan", "--level", "expert"]);
    assert_eq!(r.code, 2);
    let r = run(&["plan", "--start", "2025-02-30"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--start 2025-02-30: not a date"));
    let r = run(&["why", "flpp"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `flp`?"), "{}", r.stderr);
}

#[test]
fn a_profile_gives_options_and_the_command_line_wins() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("me.toml"),
        "# my plan\ntarget = [\"raft\"]\nknown = [\"time\"]\nlevel = \"intro\"\nhours_per_week = 2\nstart = 2025-01-06\n",
    )
    .unwrap();
    let from_profile = run_in(
        dir.path(),
        &["plan", "--profile", "me.toml", "--format", "json"],
    );
    assert_eq!(from_profile.code, 0, "{}", from_profile.stderr);
    let v: serde_json::Value = serde_json::from_str(&from_profile.stdout).unwrap();
    assert_eq!(v["selection"]["targets"][0], "raft");
    assert_eq!(v["schedule"]["start"], "2025-01-06");
    assert_eq!(v["schedule"]["hours_per_week"], 2.0);
    let cli = run_in(
        dir.path(),
        &[
            "plan",
            "--profile",
            "me.toml",
            "--format",
            "json",
            "--level",
            "advanced",
        ],
    );
    let v: serde_json::Value = serde_json::from_str(&cli.stdout).unwrap();
    assert_eq!(v["selection"]["filters"][0], "level up to advanced");

    std::fs::write(
        dir.path().join("bad.toml"),
        "target = [\"raft\"]\nlevle = \"intro\"\n",
    )
    .unwrap();
    let r = run_in(dir.path(), &["plan", "--profile", "bad.toml"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .starts_with("bad.toml:2:1: error: invalid profile: unknown field `levle`"),
        "{}",
        r.stderr
    );
    std::fs::write(dir.path().join("typo.toml"), "\nknown = [\"tme\"]\n").unwrap();
    let r = run_in(dir.path(), &["plan", "--profile", "typo.toml"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .starts_with("typo.toml:2:10: error: --known tme: no such topic"),
        "{}",
        r.stderr
    );
}

/// A level or kind is read as one of its values, on the command line (clap lists them) and in a
/// profile (refused as the file is read: exit 1 at the word's place, with the fix).
#[test]
fn a_level_or_kind_is_one_of_its_values() {
    let r = run(&["plan", "--level", "expert"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "error: invalid value 'expert' for '--level <LEVEL>'\n  [possible values: intro, intermediate, advanced]"
        ),
        "{}",
        r.stderr
    );
    let r = run(&["plan", "--kinds", "paper,practise"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("tip: a similar value exists: 'practice'"),
        "{}",
        r.stderr
    );

    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("me.toml");
    std::fs::write(&profile, "level = \"expert\"\n").unwrap();
    let r = run_in(dir.path(), &["plan", "--profile", "me.toml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        crate::common::without_snippets(&r.stderr),
        "me.toml:1:9: error: --level expert: no such level\n  help: known levels: intro, intermediate, advanced\n"
    );
    std::fs::write(&profile, "# mine\nkinds = [\"paper\", \"practise\"]\n").unwrap();
    let r = run_in(dir.path(), &["plan", "--profile", "me.toml"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        crate::common::without_snippets(&r.stderr),
        "me.toml:2:19: error: --kinds practise: no such kind\n  help: did you mean `practice`?\n"
    );
    // Every accepted spelling, `practice` included, is accepted in a profile too.
    std::fs::write(
        &profile,
        "kinds = [\"practice\", \"paper\"]\nlevel = \"advanced\"\n",
    )
    .unwrap();
    let r = run_in(
        dir.path(),
        &["plan", "--profile", "me.toml", "--format", "json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let cli = run(&[
        "plan",
        "--kinds",
        "practice,paper",
        "--level",
        "advanced",
        "--format",
        "json",
    ]);
    assert_eq!(r.stdout, cli.stdout);
}

#[test]
fn done_undo_and_next_share_the_progress_file() {
    let dir = tempfile::tempdir().unwrap();
    let progress = dir.path().join("progress.toml");
    std::fs::write(&progress, "# kept\nowner = \"me\"\n").unwrap();
    let r = run_in(dir.path(), &["done", "where-to-start", "there-is-no-now"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(&progress).unwrap(),
        "# kept\nowner = \"me\"\ndone = [\"where-to-start\", \"there-is-no-now\"]\n"
    );
    let r = run_in(dir.path(), &["undo", "there-is-no-now"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        std::fs::read_to_string(&progress).unwrap(),
        "# kept\nowner = \"me\"\ndone = [\"where-to-start\"]\n"
    );
    let r = run_in(dir.path(), &["done", "lamport-clcks"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `lamport-clocks`?"),
        "{}",
        r.stderr
    );

    // progress.toml in the working directory is read without --progress.
    let r = run_in(dir.path(), &["next"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ids: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| !l.starts_with(' '))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(ids, ["there-is-no-now", "lamport-clocks"]);
    let r = run_in(dir.path(), &["plan"]);
    assert!(
        r.stdout
            .contains("**Progress:** 1 link done (0.3 hours); 7.7 hours remain."),
        "{}",
        r.stdout
    );
    assert!(r
        .stdout
        .contains("- [x] [Learning about distributed systems"));
    snapshot("progress.md", &r.stdout);
}

#[test]
fn why_gives_chains_and_reasons() {
    let r = run(&["why", "safety-liveness", "--target", "raft"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "`safety-liveness` (Safety and liveness) is in the plan because a target needs it:\n  safety-liveness -> time -> raft (target)\n  safety-liveness -> time -> impossibility -> raft (target)\nStage 1: Foundations; week 1.\n",
        "every chain up to the target, told in topics, shortest first"
    );
    let r = run(&[
        "why",
        "safety-liveness",
        "--target",
        "raft",
        "--known",
        "time",
    ]);
    assert!(
        r.stdout
            .contains("is not in the plan: known: needed only through time, which you know."),
        "{}",
        r.stdout
    );
    let r = run(&["why", "flp", "--level", "intermediate"]);
    assert!(r
        .stdout
        .contains("is not in the plan: above the level: advanced, the cap is intermediate."));
    let r = run(&[
        "why",
        "impossibility",
        "--target",
        "consensus",
        "--skip",
        "impossibility",
    ]);
    assert!(
        r.stdout
            .contains("is not in the plan: skipped.\nIt is a gap: consensus in the plan needs it."),
        "{}",
        r.stdout
    );
    let r = run(&["why", "lamport-clocks", "--start", "2025-01-06"]);
    assert_eq!(r.stdout, "`lamport-clocks` (Time, Clocks, and the Ordering of Events in a Distributed System) is in the full course.\nStage 2: Time and impossibility; week 1 (from 2025-01-06).\n");
}

#[test]
fn why_lists_at_most_twelve_chains_and_counts_the_rest() {
    // `a` reaches the target `z` through each of twenty middle topics.
    let dir = tempfile::tempdir().unwrap();
    let topics = dir.path();
    std::fs::write(
        topics.join("course.toml"),
        "title = \"Wide\"\ndescription = \"d\"\n",
    )
    .unwrap();
    let topic = |id: &str, requires: &[String]| {
        let req: Vec<String> = requires.iter().map(|r| format!("\"{r}\"")).collect();
        format!(
            "title = \"{id}\"\nsummary = \"s\"\nrequires = [{}]\n[[link]]\nid = \"read-{id}\"\nurl = \"https://example.com/{id}\"\ntitle = \"t\"\nkind = \"article\"\nlevel = \"intro\"\nminutes = 5\nnote = \"n\"\n",
            req.join(", ")
        )
    };
    std::fs::write(topics.join("a.toml"), topic("a", &[])).unwrap();
    let middle: Vec<String> = (1..=20).map(|i| format!("m{i:02}")).collect();
    for m in &middle {
        std::fs::write(topics.join(format!("{m}.toml")), topic(m, &["a".into()])).unwrap();
    }
    std::fs::write(topics.join("z.toml"), topic("z", &middle)).unwrap();
    // Not `run`: that one points at the valid fixture.
    let out = crate::common::syllabus(&[
        "why",
        "a",
        "--topics",
        topics.to_str().unwrap(),
        "--target",
        "z",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        crate::common::stderr(&out)
    );
    let r = Run {
        code: 0,
        stdout: crate::common::stdout(&out),
        stderr: String::new(),
    };
    let chains: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("  a -> "))
        .collect();
    assert_eq!(chains.len(), 12, "{}", r.stdout);
    assert_eq!(chains[0], "  a -> m01 -> z (target)");
    assert!(
        r.stdout.contains("  ... and 8 more chains\n"),
        "{}",
        r.stdout
    );
}
