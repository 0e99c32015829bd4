//! The reader's options reach the course site: the schedule by week (with dates), what the plan
//! leaves out, prerequisites known already, and links done in progress.toml arriving ticked.

use crate::common::*;

fn read(dir: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn build_shows_the_readers_plan() {
    let tmp = tempfile::tempdir().unwrap();
    let progress = tmp.path().join("progress.toml");
    std::fs::write(&progress, "done = [\"flp\"]\n").unwrap();
    let out_dir = tmp.path().join("site");
    let out = syllabus(&[
        "build",
        "--topics",
        "tests/fixtures/valid",
        "--out",
        out_dir.to_str().unwrap(),
        "--target",
        "raft",
        "--known",
        "time",
        "--start",
        "2026-12-07",
        "--hours-per-week",
        "2",
        "--progress",
        progress.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let index = read(&out_dir, "index.html");
    assert!(
        index.contains("<caption>Schedule at 2 hours a week</caption>"),
        "{index}"
    );
    assert!(
        index.contains("<td class=\"date\">2026-12-07</td>"),
        "weeks carry their dates"
    );
    assert!(
        index.contains("href=\"topic-consensus.html#week-1\""),
        "schedule rows link to the week's readings"
    );
    assert!(index.contains("What this plan leaves out"));
    assert!(index.contains("Known, so left out: <code>time</code>"));
    assert!(index.contains("1 link done"), "progress is summarized");
    assert!(index.contains("from 2026-12-07"));

    let consensus = read(&out_dir, "topic-consensus.html");
    assert!(
        consensus.contains("<h3 class=\"week-label\" id=\"week-1\">Week 1 · from 2026-12-07</h3>"),
        "{consensus}"
    );
    assert!(consensus.contains("<dt>Known already</dt><dd>Time and clocks</dd>"));

    let impossibility = read(&out_dir, "topic-impossibility.html");
    assert!(impossibility.contains("<h3 class=\"week-label\">Done</h3>"));
    assert!(impossibility.contains("<li class=\"reading done\" id=\"l-flp\">"));

    let checklist = read(&out_dir, "checklist.html");
    assert!(
        checklist.contains("aria-labelledby=\"t-flp\" data-link=\"flp\" checked>"),
        "done links arrive ticked"
    );
    assert!(
        checklist.contains("aria-labelledby=\"t-raft\" data-link=\"raft\">"),
        "others do not"
    );

    // The standalone page says the same.
    let html = syllabus(&[
        "plan",
        "--topics",
        "tests/fixtures/valid",
        "--format",
        "html",
        "--target",
        "raft",
        "--known",
        "time",
        "--start",
        "2026-12-07",
    ]);
    let html = stdout(&html);
    assert!(
        html.contains("href=\"#l-raft\""),
        "standalone schedule links stay on the page"
    );
    assert!(html.contains("<li id=\"l-raft\">"));
    assert!(html.contains("known already: Time and clocks"));
}
