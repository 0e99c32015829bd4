//! `syllabus new`: a course of one's own, empty or from links one has, that `check` accepts.

use crate::common::{assert_expected, fixture, root, stderr, stdout, syllabus_in};
use std::path::Path;

fn check(course: &Path) -> String {
    let out = syllabus_in(course, &["check"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "check failed:\n{text}");
    text.lines().last().unwrap_or("").to_string()
}

#[test]
fn new_writes_a_course_that_checks_and_plans() {
    let dir = tempfile::tempdir().unwrap();
    let out = syllabus_in(dir.path(), &["new", "my-course"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_expected(&root().join("tests/snapshots/new/empty.out"), &stdout(&out));
    let course = dir.path().join("my-course");
    for file in [
        "README.md",
        ".github/workflows/pages.yml",
        "topics/course.toml",
    ] {
        assert!(course.join(file).is_file(), "{file} missing");
    }
    assert_eq!(
        check(&course),
        "checked 1 topic, 1 link: 0 errors, 0 warnings"
    );
    let toml = std::fs::read_to_string(course.join("topics/course.toml")).unwrap();
    assert_eq!(toml.matches("[[stage]]").count(), 2, "{toml}");
    assert!(toml.contains("title = \"My course\""), "{toml}");
    let plan = syllabus_in(&course, &["plan"]);
    assert!(stdout(&plan).contains("How to Read a Paper"));
    let workflow = std::fs::read_to_string(course.join(".github/workflows/pages.yml")).unwrap();
    assert!(
        workflow.contains("run: syllabus build --output site"),
        "{workflow}"
    );
    assert!(workflow.contains("actions/deploy-pages"), "{workflow}");
}

#[test]
fn new_refuses_a_folder_that_holds_anything() {
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("notes");
    std::fs::create_dir(&course).unwrap();
    std::fs::write(course.join("mine.txt"), "keep me").unwrap();
    let out = syllabus_in(dir.path(), &["new", "notes"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: notes is not empty; `new` writes only into an empty or new folder\n  \
         help: name a new folder (`syllabus new my-course`), or add links to an existing course \
         with `syllabus import FILE --topics DIR/topics`\n"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing beside the folder");
    assert_eq!(
        std::fs::read_to_string(course.join("mine.txt")).unwrap(),
        "keep me"
    );

    // An empty folder is fine: `mkdir course && cd course && syllabus new .` is common.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = syllabus_in(&empty, &["new", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    check(&empty);
}

#[test]
fn new_from_a_markdown_reading_list_files_links_under_its_headings() {
    let dir = tempfile::tempdir().unwrap();
    let list = fixture("new/awesome-distributed-systems.md");
    let out = syllabus_in(
        dir.path(),
        &["new", "course", "--from", list.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_expected(
        &root().join("tests/snapshots/new/awesome.out"),
        &stdout(&out),
    );
    let course = dir.path().join("course");
    assert_eq!(
        check(&course),
        "checked 10 topics, 96 links: 0 errors, 27 warnings"
    );
    // A link sits under its own section, not the list's title or a parent section.
    let consensus = std::fs::read_to_string(
        course.join("topics/distributed-consensus-and-fault-tolerance.toml"),
    )
    .unwrap();
    assert!(
        consensus.contains("title = \"Paxos Made Simple\""),
        "{consensus}"
    );
    assert!(consensus.contains("keywords = [\"distributed consensus and fault-tolerance\""));
    assert!(!course
        .join("topics/awesome-distributed-systems.toml")
        .exists());
}

#[test]
fn new_from_a_feed_clusters_its_posts_and_keeps_the_misfits_in_the_inbox() {
    let dir = tempfile::tempdir().unwrap();
    let feed = fixture("shared/distribsystems-feed.txt");
    let out = syllabus_in(
        dir.path(),
        &["new", "course", "--from", feed.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_expected(&root().join("tests/snapshots/new/feed.out"), &stdout(&out));
    // The one post without a URL is reported, at its line.
    assert!(
        stderr(&out).contains("distribsystems-feed.txt:26:1: warning"),
        "{}",
        stderr(&out)
    );
    let course = dir.path().join("course");
    assert_eq!(
        check(&course),
        "checked 3 topics, 9 links: 0 errors, 4 warnings"
    );
    // The posts that share no topic's theme wait in the inbox, saying so: a feed has no
    // further reading of its own, so none is made up.
    let inbox = std::fs::read_to_string(course.join("topics/inbox.toml")).unwrap();
    assert_eq!(inbox.matches("\n[[link]]").count(), 15, "{inbox}");
    let readme = std::fs::read_to_string(course.join("README.md")).unwrap();
    assert!(readme.contains("shares no theme"), "{readme}");
    // The feed is in the built-in course's field: the simulation-testing posts are its
    // testing and storage topics, under their titles. Clusters of the rest are named by a phrase or one
    // word of their titles, never a pair of words ("Consensus and paxos").
    let topics = stdout(&syllabus_in(&course, &["topics"]));
    assert!(!topics.contains("further-reading "), "{topics}");
    assert!(
        topics.contains("testing-by-deterministic-simulation"),
        "{topics}"
    );
    assert!(
        !topics
            .lines()
            .filter(|l| !l.starts_with("testing-by-deterministic-simulation"))
            .filter(|l| !l.starts_with("replicated-and-partitioned-storage"))
            .any(|l| l.contains("-and-")),
        "{topics}"
    );
}

#[test]
fn new_from_a_file_it_cannot_read_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = syllabus_in(dir.path(), &["new", "course", "--from", "missing.md"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot read missing.md"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("course").exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn new_from_every_import_format_gives_a_course_that_checks() {
    let formats = [
        "list.md",
        "bookmarks.html",
        "feed.rss",
        "atom.xml",
        "refs.bib",
        "bluesky.json",
        "posts.json",
        "feed.txt",
    ];
    for file in formats {
        let dir = tempfile::tempdir().unwrap();
        let input = fixture("import").join(file);
        let out = syllabus_in(dir.path(), &["new", "c", "--from", input.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        let summary = stdout(&out);
        assert!(summary.contains(" new, "), "{file}: {summary}");
        check(&dir.path().join("c"));
    }
    // Several files at once, of different formats: one course.
    let dir = tempfile::tempdir().unwrap();
    let md = fixture("import/list.md");
    let bib = fixture("import/refs.bib");
    let out = syllabus_in(
        dir.path(),
        &[
            "new",
            "c",
            "--from",
            md.to_str().unwrap(),
            bib.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    check(&dir.path().join("c"));
}
