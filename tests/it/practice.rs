//! Practice items (exercises, projects) and the optional track through the real binary, on
//! `tests/fixtures/practice`: 3 readings, 3 exercises and 1 project, two of the links optional.
//!
//! The fixture's core is 300 + 240 (tla) + 120 + 360 + 1200 (raft) = 2220 minutes; its optional
//! track is 120 (an exercise) + 5 (a thread) = 125 minutes.

use crate::common::*;
use serde_json::Value;

const CORE: u64 = 2220;
const OPTIONAL: u64 = 125;

fn plan_json(extra: &[&str]) -> Value {
    let mut args = vec![
        "plan",
        "--topics",
        "tests/fixtures/practice",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = syllabus(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(plan: &Value) -> Vec<&str> {
    links(plan)
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect()
}

fn scheduled(plan: &Value) -> Vec<&str> {
    plan["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|w| w["links"].as_array().unwrap())
        .map(|id| id.as_str().unwrap())
        .collect()
}

fn week_minutes(plan: &Value) -> u64 {
    plan["weeks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["minutes"].as_u64().unwrap())
        .sum()
}

#[test]
fn a_corpus_with_practice_checks_clean() {
    let out = syllabus(&["check", "--topics", "tests/fixtures/practice"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        "checked 2 topics, 7 links: 0 errors, 0 warnings\n"
    );
}

#[test]
fn practice_without_a_deliverable_is_refused_where_it_is_written() {
    let out = syllabus(&["check", "--topics", "tests/fixtures/bad/no-deliverable"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with("tests/fixtures/bad/no-deliverable/tla.toml:5:1: error: exercise `model-2pc-tla` has no `deliverable`\n")
            && text.contains("  = help: add `deliverable = \"\"\"...\"\"\"`"),
        "{text}"
    );
    let out = syllabus(&["check", "--topics", "tests/fixtures/bad/empty-deliverable"]);
    let text = stdout(&out);
    assert!(
        text.contains("raft.toml:23:15: error: the deliverable of project `raft-lab` is empty"),
        "{text}"
    );
    // On a reading, a deliverable is a warning (nothing would show it), not an error.
    assert!(
        text.contains("raft.toml:13:15: warning: `deliverable` on paper `raft-paper` is ignored"),
        "{text}"
    );
    assert!(
        text.contains("raft.toml:25:12: error: `optional` must be true or false, found string"),
        "{text}"
    );
}

/// A copy of the practice fixture with `old` replaced by `new` in `file`.
fn edited_fixture(file: &str, old: &str, new: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join("tests/fixtures/practice")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(old), "{file} lacks {old}");
    std::fs::write(&path, text.replace(old, new)).unwrap();
    dir
}

#[test]
fn a_deliverable_on_a_reading_warns_and_is_dropped() {
    let dir = edited_fixture(
        "raft.toml",
        "note = \"Read Figure 2 until you can recite it.\"",
        "note = \"Read Figure 2 until you can recite it.\"\ndeliverable = \"Figure 2 from memory.\"",
    );
    let topics = dir.path().to_str().unwrap();
    let check = syllabus(&["check", "--topics", topics]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "a warning does not fail check"
    );
    assert!(
        stdout(&check).contains("raft.toml:15:15: warning: `deliverable` on paper `raft-paper` is ignored: only exercises and projects have one"),
        "{}",
        stdout(&check)
    );
    let plan = syllabus(&["plan", "--topics", topics, "--format", "json"]);
    let plan: Value = serde_json::from_slice(&plan.stdout).unwrap();
    let paper = links(&plan)
        .into_iter()
        .find(|l| l["id"] == "raft-paper")
        .unwrap();
    assert!(paper["deliverable"].is_null());
}

#[test]
fn a_core_link_needing_an_optional_one_is_warned_about() {
    let dir = edited_fixture(
        "raft.toml",
        "requires = [\"raft-paper\"]",
        "requires = [\"raft-paper\", \"raft-name\"]",
    );
    let check = syllabus(&["check", "--topics", dir.path().to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0));
    assert!(
        stdout(&check).contains(
            "raft.toml:23:27: warning: link `raft-lab` requires `raft-name`, which is optional\n"
        ) && stdout(&check).contains("= help: the core should not need the optional track"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn next_offers_optional_items_but_the_core_does_not_wait_for_them() {
    let dir = tempfile::tempdir().unwrap();
    let progress = dir.path().join("progress.toml");
    std::fs::write(&progress, "done = [\"learntla\", \"model-2pc\"]\n").unwrap();
    let out = syllabus(&[
        "next",
        "--topics",
        "tests/fixtures/practice",
        "--progress",
        progress.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    // The optional exercise is still open, yet Raft's readings are ready.
    assert!(text.contains("model-2pc-crash  Add a crashing coordinator to your 2PC model (optional, 120 min, tla)"), "{text}");
    assert!(text.contains("raft-paper  In Search of an Understandable Consensus Algorithm (week 1, 120 min, raft)"), "{text}");
    let why = syllabus(&["why", "raft-name", "--topics", "tests/fixtures/practice"]);
    assert!(stdout(&why).contains("It is on the optional track: outside the core hours and the weeks; --optional schedules it."));
}

#[test]
fn the_markdown_plan_shows_practice_and_the_optional_track() {
    let out = syllabus(&["plan", "--topics", "tests/fixtures/practice"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = stdout(&out);
    assert_expected(&root().join("tests/snapshots/practice.md"), &md);
    assert!(md.contains("**37 hours** of reading and practice in 2 stages and 2 topics (2 readings, 2 exercises and 1 project), plus 2.1 hours on the optional track (2 links): 8 weeks at 5 hours a week for the core"), "{md}");
    assert!(md.contains("| # | Stage | Topics | Core hours | Optional hours |"));
    assert!(md.contains("| | **Total** | **2** | **37** | **2.1** |"));
    assert!(md.contains("- [ ] **Project:** [MIT 6.5840 Lab 3: Raft]"));
    assert!(md.contains("  **Deliverable:**\n  A Raft in Go that passes"));
    assert!(md.contains("*Optional track, not scheduled*"));
    // Week by week: a part says how much of the project falls in it; its deliverable is given
    // with its first part; the optional exercise comes once what it builds on is scheduled.
    assert!(md.contains("### Week 4 · 5 hours\n\n- [ ] **Exercise:** [Gossip Glomers](https://fly.io/dist-sys/) — Raft · 120 min (part 2 of 2, 360 min in all) · `gossip-glomers`\n- [ ] **Project:** [MIT 6.5840 Lab 3: Raft](https://pdos.csail.mit.edu/6.824/labs/lab-raft1.html) — Raft · 180 min (part 1 of 5, 1200 min in all) · `raft-lab`\n\n  **Deliverable:**\n  A Raft in Go"), "{md}");
    assert_eq!(
        md.matches("  A Raft in Go").count(),
        2,
        "once by week, once by topic"
    );
    assert!(md.contains("*Optional, alongside:* [Add a crashing coordinator to your 2PC model](https://lamport.azurewebsites.net/video/videos.html) (120 min, `model-2pc-crash`)."));
    // The paper comes next with an hour of week 2 left: it starts there and ends in week 3
    // (its note on a short week is tested on a reading under an hour, in options_cli).
    assert!(md.contains("— Raft · paper · 60 min (part 1 of 2, 120 min in all) · `raft-paper`\n\n*Optional, alongside:*"), "{md}");
    assert!(!md.contains("*A short week"), "{md}");
    assert!(md.contains("*Weeks 4-8*\n\n- [ ] **Project:**"));
    let topics = syllabus(&[
        "plan",
        "--topics",
        "tests/fixtures/practice",
        "--layout",
        "topics",
    ]);
    let topics = stdout(&topics);
    assert!(topics.contains("| 4 | 5 | *Exercise:* Gossip Glomers (part 2 of 2); *Project:* MIT 6.5840 Lab 3: Raft (part 1 of 5) |"), "{topics}");
    assert!(!topics.contains("## Week by week") && topics.contains("\n## Stage 1: Modelling\n"));
    assert!(md.contains("— thread · intro · 5 min · *optional*"));
    let optional = syllabus(&["plan", "--topics", "tests/fixtures/practice", "--optional"]);
    assert_expected(
        &root().join("tests/snapshots/practice-optional.md"),
        &stdout(&optional),
    );
}

#[test]
fn totals_keep_core_and_optional_apart_at_every_level() {
    let plan = plan_json(&[]);
    assert_eq!(plan["total_minutes"], CORE);
    assert_eq!(plan["optional_minutes"], OPTIONAL);
    let (mut core, mut optional) = (0, 0);
    for stage in plan["stages"].as_array().unwrap() {
        let (mut stage_core, mut stage_optional) = (0, 0);
        for topic in stage["topics"].as_array().unwrap() {
            let (mut c, mut o) = (0, 0);
            for link in topic["links"].as_array().unwrap() {
                let m = link["minutes"].as_u64().unwrap();
                if link["optional"].as_bool().unwrap() {
                    o += m;
                } else {
                    c += m;
                }
            }
            assert_eq!(topic["minutes"], c, "topic {}", topic["id"]);
            assert_eq!(topic["optional_minutes"], o, "topic {}", topic["id"]);
            stage_core += c;
            stage_optional += o;
        }
        assert_eq!(stage["minutes"], stage_core);
        assert_eq!(stage["optional_minutes"], stage_optional);
        core += stage_core;
        optional += stage_optional;
    }
    assert_eq!((core, optional), (CORE, OPTIONAL));
    let lab = links(&plan)
        .into_iter()
        .find(|l| l["id"] == "raft-lab")
        .unwrap();
    assert_eq!(lab["kind"], "project");
    assert!(lab["deliverable"]
        .as_str()
        .unwrap()
        .starts_with("A Raft in Go"));
    assert_eq!(lab["optional"], false);
}

#[test]
fn the_schedule_counts_practice_and_leaves_the_optional_track_out_unless_asked() {
    let plan = plan_json(&[]);
    // Practice time fills weeks like reading time: every core minute is scheduled.
    assert_eq!(week_minutes(&plan), CORE);
    assert_eq!(plan["schedule"]["remaining_minutes"], CORE);
    assert_eq!(plan["schedule"]["optional"], false);
    let weeks = scheduled(&plan);
    for id in ["model-2pc", "gossip-glomers", "raft-lab"] {
        assert!(weeks.contains(&id), "{id} is not scheduled: {weeks:?}");
    }
    for id in ["model-2pc-crash", "raft-name"] {
        assert!(!weeks.contains(&id), "{id} is optional but scheduled");
        let link = links(&plan).into_iter().find(|l| l["id"] == id).unwrap();
        assert!(link["week"].is_null(), "{id} has a week");
    }
    // Kept in the plan, though: the reader sees the optional track.
    assert!(ids(&plan).contains(&"raft-name"));

    let with = plan_json(&["--optional"]);
    assert_eq!(with["total_minutes"], CORE, "the core stays the core");
    assert_eq!(with["optional_minutes"], OPTIONAL);
    assert_eq!(week_minutes(&with), CORE + OPTIONAL);
    assert_eq!(with["schedule"]["optional"], true);
    let weeks = scheduled(&with);
    assert!(weeks.contains(&"model-2pc-crash") && weeks.contains(&"raft-name"));
    // The optional exercise needs the core one: it is never scheduled before it.
    let at = |id: &str| weeks.iter().position(|w| *w == id).unwrap();
    assert!(at("model-2pc") < at("model-2pc-crash"));
}

#[test]
fn the_optional_track_can_be_asked_for_in_a_profile() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("me.toml");
    std::fs::write(&profile, "optional = true\nhours_per_week = 8\n").unwrap();
    let plan = plan_json(&["--profile", profile.to_str().unwrap()]);
    assert_eq!(plan["schedule"]["optional"], true);
    assert_eq!(week_minutes(&plan), CORE + OPTIONAL);
    std::fs::write(&profile, "optional = \"yes\"\n").unwrap();
    let out = syllabus(&[
        "plan",
        "--topics",
        "tests/fixtures/practice",
        "--profile",
        profile.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("me.toml:1:12: error: invalid profile"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn kinds_select_practice_or_leave_it_out() {
    let practice = plan_json(&["--kinds", "exercise,project"]);
    let kept = ids(&practice);
    assert_eq!(
        kept,
        ["model-2pc", "model-2pc-crash", "gossip-glomers", "raft-lab"]
    );
    // The shorthand means the same.
    assert_eq!(ids(&plan_json(&["--kinds", "practice"])), kept);
    // Readings the exercises need are gaps, said so, not silently dropped.
    let gaps: Vec<&str> = practice["selection"]["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["id"].as_str().unwrap())
        .collect();
    assert_eq!(gaps, ["learntla", "raft-paper"]);

    let papers = plan_json(&["--kinds", "paper"]);
    assert_eq!(ids(&papers), ["raft-paper"]);
    let exercises = plan_json(&["--kinds", "exercise"]);
    assert!(!ids(&exercises).contains(&"raft-lab"));

    let bad = syllabus(&[
        "plan",
        "--topics",
        "tests/fixtures/practice",
        "--kinds",
        "excercise",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("[possible values:"),
        "{}",
        stderr(&bad)
    );
    assert!(stderr(&bad).contains("exercise, project, practice"));
}

#[test]
fn the_calendar_names_practice_and_its_deliverable() {
    let out = syllabus(&[
        "plan",
        "--topics",
        "tests/fixtures/practice",
        "--format",
        "ics",
        "--start",
        "2026-01-05",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ics = stdout(&out).replace("\r\n ", "");
    assert!(
        ics.contains("SUMMARY:Week 2: 5 h\\, 1 reading\\, 1 exercise\r\n"),
        "{ics}"
    );
    // A twenty-hour project at five hours a week: it starts where an exercise ends, takes three
    // whole weeks and ends in a fifth, each saying which part it holds.
    assert!(
        ics.contains("SUMMARY:Week 4: 5 h\\, 1 exercise\\, 1 project\r\n"),
        "{ics}"
    );
    for week in 5..=7 {
        let summary = format!("SUMMARY:Week {week}: 5 h\\, 1 project\r\n");
        assert!(ics.contains(&summary), "{ics}");
    }
    assert!(ics.contains("DESCRIPTION:- Project: MIT 6.5840 Lab 3: Raft (part 2 of 5: 300 of its 1200 min)\\n  https://pdos.csail.mit.edu/6.824/labs/lab-raft1.html\\n  Deliverable: A Raft in Go"), "{ics}");
    assert!(!ics.contains("raft-name") && !ics.contains("Where the name Raft"));
    let with = syllabus(&[
        "plan",
        "--topics",
        "tests/fixtures/practice",
        "--format",
        "ics",
        "--start",
        "2026-01-05",
        "--optional",
    ]);
    let ics = stdout(&with).replace("\r\n ", "");
    assert!(
        ics.contains("Where the name Raft comes from (5 min\\, optional)"),
        "{ics}"
    );
}

#[test]
fn the_site_marks_practice_and_the_optional_track() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = syllabus(&[
        "build",
        "--topics",
        "tests/fixtures/practice",
        "--out",
        site.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let read = |name: &str| std::fs::read_to_string(site.join(name)).unwrap();
    let topic = read("topic-raft.html");
    assert!(
        topic.contains(r#"<li class="reading practice" id="l-raft-lab">"#),
        "{topic}"
    );
    assert!(topic.contains(r#"<div class="deliverable"><strong class="deliverable-label">Deliverable</strong><div class="prose"><p>A Raft in Go"#), "{topic}");
    assert!(topic.contains(r#"<li class="reading optional" id="l-raft-name">"#));
    assert!(topic.contains(r#"<span class="optional">optional</span>"#));
    assert!(topic.contains("<h2>Readings and practice</h2>"));
    let index = read("index.html");
    assert!(
        index.contains("plus <strong class=\"optional\">2.1 hours optional</strong> (2 links)"),
        "{index}"
    );
    assert!(index.contains("<th scope=\"col\" class=\"num\">Optional hours</th>"));
    let checklist = read("checklist.html");
    assert!(checklist
        .contains(r#"<option value="practice">practice (exercises and projects)</option>"#));
    assert!(
        checklist.contains(r#"<option>exercise</option><option>project</option>"#),
        "{checklist}"
    );
    assert!(checklist.contains(r#"<select name="track">"#));
    // Unscheduled optional minutes stay out of the checklist's hours.
    assert!(checklist.contains(r#"data-optional data-optional-minutes="5">"#));
    assert!(checklist.contains(r#"id="overall" data-minutes="2220""#));
    // The checklist is also the page to print: practice stands out there with its deliverable.
    assert!(
        checklist.contains(
            r#"<li class="practice" data-level="advanced" data-kind="project" data-practice"#
        ),
        "{checklist}"
    );
    // The deliverable is there, folded: it opens on demand (and is open on paper, by CSS).
    assert!(checklist.contains(
        "<details class=\"deliverable\"><summary class=\"deliverable-label\">Deliverable</summary><div class=\"prose\"><p>"
    ), "{checklist}");
}

#[test]
fn corpus_markup_in_markdown_output_is_shown_as_text() {
    let out = syllabus(&["plan", "--topics", "tests/fixtures/xss"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = stdout(&out);
    // Titles are escaped with a backslash (`\<script`), prose with `&lt;`; neither is markup.
    for live in [
        "<script",
        "<iframe",
        "<a href",
        "<style",
        "<javascript:",
        "[Done]",
    ] {
        let unescaped = md
            .match_indices(live)
            .any(|(i, _)| !md[..i].ends_with('\\'));
        assert!(!unescaped, "`{live}` reached the Markdown plan:\n{md}");
    }
    assert!(md.contains("  **Deliverable:**\n  A file. &lt;script>alert(11)&lt;/script> \\[Done](javascript:alert(12))"), "{md}");
}

#[test]
#[cfg_attr(
    not(has_chromium),
    ignore = "needs chromium and chromedriver on PATH (apt-get install chromium chromium-driver; then touch build.rs)"
)]
fn the_checklist_filters_practice_and_the_optional_track_in_a_browser() {
    crate::browser::in_browser(
        &crate::common::fixture("practice"),
        &[],
        |session, base, _| {
            session.go(&format!("{base}/checklist.html"));
            let visible = "return [...document.querySelectorAll('li[data-level]')].filter(li => !li.hidden).map(li => li.querySelector('input').dataset.link);";
            let choose = |name: &str, value: &str| {
                session.script(&format!(
                "const s = document.querySelector('select[name={name}]'); s.value = '{value}'; s.dispatchEvent(new Event('change', {{bubbles: true}}));"
            ));
            };
            choose("kind", "practice");
            assert_eq!(
                session.script(visible),
                serde_json::json!(["model-2pc", "model-2pc-crash", "gossip-glomers", "raft-lab"])
            );
            choose("track", "optional");
            assert_eq!(
                session.script(visible),
                serde_json::json!(["model-2pc-crash"])
            );
            choose("kind", "");
            assert_eq!(
                session.script(visible),
                serde_json::json!(["model-2pc-crash", "raft-name"])
            );
            choose("track", "core");
            let core = session.script(visible);
            assert_eq!(core.as_array().map(Vec::len), Some(5), "{core}");
            // The hours count the core only: ticking an optional item leaves them alone.
            let left = "return document.querySelector('#overall .left-hours').textContent;";
            assert_eq!(session.script(left), "37");
            session.script("document.querySelector('input[data-link=raft-name]').click();");
            assert_eq!(session.script(left), "37");
            session.script("document.querySelector('input[data-link=raft-lab]').click();");
            assert_eq!(session.script(left), "17");
            let errors = session.errors();
            assert!(errors.is_empty(), "checklist: console errors: {errors:?}");
        },
    );
}

#[test]
#[cfg_attr(
    not(has_chromium),
    ignore = "needs chromium and chromedriver on PATH (apt-get install chromium chromium-driver; then touch build.rs)"
)]
fn the_checklist_folds_deliverables_on_screen_and_opens_them_on_paper() {
    crate::browser::in_browser(
        &crate::common::fixture("practice"),
        &[],
        |session, base, _| {
            session.go(&format!("{base}/checklist.html"));
            // [deliverables, open ones, prose shown] as the page stands.
            let state = "const d = [...document.querySelectorAll('details.deliverable')];
                return [d.length, d.filter(e => e.open).length,
                        d.filter(e => e.querySelector('.prose').checkVisibility()).length];";
            let folded = session.script(state);
            let n = folded[0].as_u64().unwrap();
            assert!(n >= 2, "the practice corpus has deliverables: {folded}");
            assert_eq!(folded, serde_json::json!([n, 0, 0]), "folded on screen");
            // Printing opens them (the script, for browsers without `::details-content`)...
            session.script("window.dispatchEvent(new Event('beforeprint'));");
            assert_eq!(session.script(state), serde_json::json!([n, n, n]));
            session.script("window.dispatchEvent(new Event('afterprint'));");
            assert_eq!(
                session.script(state),
                serde_json::json!([n, 0, 0]),
                "and folds them back"
            );
            // ...and the print stylesheet alone shows them, with the script not asked.
            let media = |media: &str| {
                session.call(
                    "POST",
                    "/goog/cdp/execute",
                    Some(serde_json::json!({ "cmd": "Emulation.setEmulatedMedia", "params": { "media": media } })),
                );
            };
            media("print");
            let printed = session.script(state);
            media("");
            assert_eq!(
                printed,
                serde_json::json!([n, 0, n]),
                "print media shows them"
            );
        },
    );
}
