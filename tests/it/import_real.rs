//! `syllabus import` on real reading lists that nobody here wrote (sources in
//! tests/fixtures/import/real/README.md), against a frozen copy of the shipped course: titles,
//! one reading per item, no link lost, duplicates by DOI/ACM/arXiv key, the inbox, and a second
//! import that adds nothing.

use crate::common::{root, stderr, stdout, syllabus, syllabus_in};
use serde_json::Value;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
// The key import compares URLs by: not part of the library's surface, so the test compiles
// the same file.
#[allow(dead_code)]
#[path = "../../src/corpus/url_key.rs"]
mod url_key;

fn real(name: &str) -> String {
    root()
        .join("tests/fixtures/import/real")
        .join(name)
        .display()
        .to_string()
}

/// The dry run of `file` against the frozen course, as JSON, and its standard error.
fn dry_run(file: &str) -> (Value, String) {
    dry_run_with(file, &[])
}

/// [`dry_run`] with more options (`--base URL`).
fn dry_run_with(file: &str, extra: &[&str]) -> (Value, String) {
    let path = real(file);
    let course = real("course");
    let mut args = vec![
        "import",
        &path,
        "--topics",
        &course,
        "--dry-run",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let out = syllabus(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (serde_json::from_str(&stdout(&out)).unwrap(), stderr(&out))
}

fn links(v: &Value) -> &Vec<Value> {
    v["links"].as_array().unwrap()
}

fn by_title<'a>(v: &'a Value, title: &str) -> &'a Value {
    links(v)
        .iter()
        .find(|l| l["title"] == title)
        .unwrap_or_else(|| panic!("no link titled {title}"))
}

fn counts(v: &Value) -> (usize, u64, u64, u64) {
    (
        links(v).len(),
        v["new"].as_u64().unwrap(),
        v["duplicates"].as_u64().unwrap(),
        v["without_topic"].as_u64().unwrap(),
    )
}

/// Every http(s) URL of `file` is a reading, an alternate of one, named in a warning, or one
/// of the prose links the warning counts.
fn assert_no_link_lost(file: &str, v: &Value, err: &str) {
    let text = fs::read_to_string(real(file)).unwrap();
    let mut kept: HashSet<String> = HashSet::new();
    for l in links(v) {
        kept.insert(url_key::key(l["url"].as_str().unwrap()));
        for a in l["alternates"].as_array().unwrap() {
            kept.insert(url_key::key(a.as_str().unwrap()));
        }
    }
    let in_prose: usize = err
        .lines()
        .find_map(|l| {
            l.split("warning: ")
                .nth(1)?
                .split(" link")
                .next()
                .filter(|_| l.contains(" in running text outside lists"))?
                .parse()
                .ok()
        })
        .unwrap_or(0);
    let lost: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>' | '[' | ']' | '"'))
        .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
        .map(|w| w.trim_end_matches(['.', ',', ';']))
        .filter(|u| !kept.contains(&url_key::key(u)) && !err.contains(u))
        .collect();
    assert!(
        lost.len() <= in_prose,
        "{file}: {} URLs neither imported nor reported ({in_prose} prose links were counted): {lost:?}",
        lost.len()
    );
}

#[test]
fn the_consensus_reading_list_is_one_reading_per_item() {
    let file = "distributed-consensus-reading-list.md";
    let (v, err) = dry_run(file);
    // Notes are cut to 300 characters before topics are suggested (issue 26).
    assert_eq!(counts(&v), (526, 499, 27, 263));
    // `* Title, Venue Year [[acmdl](u),[pdf](u)]`: the item's text is the title, the free PDF
    // the address, the ACM page an alternate, and by its ACM id the course's DOI link.
    let lamport = &links(&v)[0];
    assert_eq!(
        lamport["title"],
        "Time, Clocks, and the Ordering of Events in a Distributed System, CACM 1978"
    );
    assert_eq!(
        lamport["url"],
        "https://lamport.azurewebsites.net/pubs/time-clocks.pdf"
    );
    assert_eq!(
        lamport["alternates"][0],
        "https://dl.acm.org/citation.cfm?id=359563"
    );
    assert_eq!(lamport["duplicate_of"], "lamport-time-clocks");
    assert!(lamport["note"]
        .as_str()
        .unwrap()
        .starts_with("Easily one of the most influential papers"));
    // `* Featured in [the morning paper](u)` under an item is a note and a reading of its own.
    let heard_of = "The Heard-Of Model: Computing in Distributed Systems with Benign Failures, Distributed Computing 2009";
    assert_eq!(
        by_title(&v, heard_of)["note"],
        "Featured in the morning paper"
    );
    assert_eq!(
        by_title(&v, &format!("{heard_of}: the morning paper"))["url"],
        "https://blog.acolyer.org/2016/02/09/the-heard-of-model/"
    );
    for l in links(&v) {
        let title = l["title"].as_str().unwrap();
        let lower = title.to_lowercase();
        assert!(
            ![
                "pdf",
                "acmdl",
                "featured in",
                "the morning paper",
                "website"
            ]
            .contains(&lower.as_str()),
            "a label as a title: {title}"
        );
        assert!(!title.contains('⭐') && !title.contains('💎'), "{title}");
        let note = l["note"].as_str().unwrap_or("");
        assert!(!note.contains(":scroll:") && !note.contains("]("), "{note}");
    }
    for core in [
        "flp-1985",
        "chandra-toueg-failure-detectors",
        "herlihy-wing-linearizability",
        "schneider-smr-tutorial",
        "viewstamped-replication-1988",
        "paxos-made-simple",
        "raft-paper",
    ] {
        assert!(
            links(&v).iter().any(|l| l["duplicate_of"] == core),
            "{core} not found as a duplicate"
        );
    }
    // The document's title is not a hint that pulls every link into one topic.
    let placed: HashSet<&str> = links(&v)
        .iter()
        .filter_map(|l| l["topic"].as_str())
        .collect();
    assert!(placed.len() >= 15, "{placed:?}");
    assert!(err.contains(
        "distributed-consensus-reading-list.md:640:1: warning: `https://twitter.com/muratdemirbas` is a profile page, not a reading; skipped"
    ), "{err}");
    assert_no_link_lost(file, &v, &err);
}

#[test]
fn the_awesome_list_keeps_titles_notes_and_second_links() {
    let file = "awesome-distributed-systems.md";
    let (v, err) = dry_run(file);
    // Courses on the whole field with their number in the address (`.../15-440/...`) are
    // filed in `overview`. Held works named by their authors: FLP at `Lynch/jacm85.pdf`,
    // the van Steen and Tanenbaum book at its site, "Times, Clocks ..." misspelt.
    assert_eq!(counts(&v), (106, 94, 12, 48));
    // `[CAP Theorem](u), Also [plain english](u) explanation`: two readings, one note.
    let cap = by_title(&v, "CAP Theorem");
    assert_eq!(cap["note"], "Also plain english explanation");
    assert_eq!(
        by_title(&v, "CAP Theorem: plain english")["note"],
        cap["note"]
    );
    assert_eq!(cap["topic"], "cap-and-tradeoffs");
    // An easier [blog post](u) in the prose is its own reading, not a second address.
    let flp = by_title(&v, "FLP Impossibility Result (paper)");
    assert_eq!(flp["alternates"].as_array().unwrap().len(), 0);
    assert_eq!(flp["kind"], "paper");
    assert_eq!(
        by_title(&v, "FLP Impossibility Result (paper): blog post")["url"],
        "http://the-paper-trail.org/blog/a-brief-tour-of-flp-impossibility/"
    );
    let ddia = by_title(&v, "Designing Data Intensive Applications");
    assert_eq!(
        (&ddia["kind"], &ddia["minutes"]),
        (&Value::from("book"), &Value::from(600))
    );
    assert_eq!(
        by_title(&v, "Dynamo: Amazon's Highly Available Key Value Store")["duplicate_of"],
        "dynamo"
    );
    assert_no_link_lost(file, &v, &err);
}

#[test]
fn the_testing_list_skips_profiles_and_titles_vague_links_with_context() {
    let file = "testing-distributed-systems.md";
    let (v, err) = dry_run(file);
    // 343 before Hacker News threads were skipped as discussions, not readings (line 244).
    assert_eq!(counts(&v), (342, 332, 10, 130));
    // `"Workshop: TLA+ in action" by ... in four parts [1](u), [2](u), [3](u), [4](u)`: one
    // reading titled by what is quoted, the parts its addresses.
    let workshop = by_title(&v, "Workshop: TLA+ in action");
    assert_eq!(workshop["url"], "https://youtu.be/rBVhDKfg9fQ");
    assert_eq!(workshop["alternates"].as_array().unwrap().len(), 3);
    assert_eq!(
        err.matches("is a profile page, not a reading; skipped")
            .count(),
        7,
        "{err}"
    );
    let review = by_title(
        &v,
        "An Empirical Study on Crash Recovery Bugs in Large-Scale Distributed Systems: his blog",
    );
    assert_eq!(
        review["url"],
        "https://muratbuffalo.blogspot.com/2019/01/paper-review-empirical-study-on-crash.html"
    );
    assert!(links(&v)
        .iter()
        .all(|l| !l["title"].as_str().unwrap().contains("{%")));
    assert_no_link_lost(file, &v, &err);
}

#[test]
fn a_blog_feed_gives_short_summaries_and_leaves_unknown_subjects_in_the_inbox() {
    let (v, _) = dry_run("decentralized-thoughts-feed.xml");
    // The course has no topic on Byzantine fault tolerance: what has no word in common with
    // a topic's title, keywords or links, or only through its blurb, waits in the inbox.
    assert_eq!(counts(&v), (20, 20, 0, 13));
    for l in links(&v) {
        let note = l["note"].as_str().unwrap();
        assert!(note.chars().count() <= 300, "{note}");
        assert!(note.ends_with('…'), "the feed's blurbs are longer: {note}");
    }
    let blind = by_title(&v, "Blind and Threshold Blind Signatures");
    assert_eq!(
        blind["topic"],
        Value::Null,
        "a blurb alone does not file a link"
    );
    assert_eq!(
        by_title(&v, "Partial Synchrony variants")["topic"],
        "failure-models"
    );
}

#[test]
fn the_dissertation_bibtex_finds_the_core_papers_already_in_the_course() {
    let (v, err) = dry_run("ongaro-dissertation.bib");
    // 44 to the inbox: "The part-time parliament" says nothing of the field in its title, and
    // its keywords ("state machines", "three-phase commit") alone are no longer enough to
    // file it (they put the Paxos paper in atomic-commit); "file system" without a word of
    // distribution beside it names no topic ("The Google file system", the log-structured
    // file system).
    // The Cheap Paxos patent, by the paper's authors under its title, is that work.
    assert_eq!(counts(&v), (98, 85, 13, 44));
    let mut dups: Vec<&str> = links(&v)
        .iter()
        .filter_map(|l| l["duplicate_of"].as_str())
        .collect();
    dups.sort();
    assert_eq!(
        dups,
        [
            "chandra-toueg-failure-detectors",
            "dl-acm-citation-id-1009382-1009745",
            "flp-1985",
            "gray-cheriton-leases",
            "herlihy-wing-linearizability",
            "lamport-time-clocks",
            "paxos-made-moderately-complex",
            "raft-paper",
            "schneider-smr-tutorial",
            "spanner",
            "viewstamped-replication-1988",
            "vr-revisited",
            "zookeeper"
        ]
    );
    // `month = october` is a warning for its entry, not a rejected file.
    assert!(err.contains(
        "ongaro-dissertation.bib:54:1: warning: the entry `Blomstedt:2013`: `october` is not a BibTeX string this file defines; read as the text \"october\"\n"
    ), "{err}");
    assert!(
        err.contains("help: write `oct` (the standard abbreviation) or `{october}`"),
        "{err}"
    );
    // `note = {\url{...}}` is the URL; `pages = {...}` gives the reading time.
    assert_eq!(links(&v)[0]["url"], "https://github.com/ongardie/availsim");
    let deconstructing = by_title(&v, "Deconstructing Paxos");
    assert_eq!(deconstructing["minutes"], 84, "21 pages at 4 minutes");
}

/// A copy of the frozen course to import into.
fn course_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("topics");
    fs::create_dir(&dir).unwrap();
    for entry in fs::read_dir(real("course")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    (tmp, dir)
}

#[test]
fn importing_every_real_list_checks_and_a_second_import_adds_nothing() {
    let (_tmp, dir) = course_copy();
    let files: Vec<String> = [
        "distributed-consensus-reading-list.md",
        "awesome-distributed-systems.md",
        "testing-distributed-systems.md",
        "ongaro-dissertation.bib",
    ]
    .iter()
    .map(|f| real(f))
    .collect();
    let mut args: Vec<&str> = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    let topics = dir.display().to_string();
    args.extend(["--topics", topics.as_str()]);
    let first = syllabus(&args);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let summary = stdout(&first).lines().last().unwrap().to_string();
    let total: usize = summary.split(' ').next().unwrap().parse().unwrap();
    let check = syllabus(&["check", "--topics", &topics]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let inbox = fs::read_to_string(dir.join("inbox.toml")).unwrap();
    assert!(
        inbox.contains("# closest topics: "),
        "the inbox lists candidates"
    );
    let again = syllabus(&args);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(
        stdout(&again),
        format!("{total} links: 0 new, {total} duplicates, 0 without a topic\n")
    );
}

#[test]
fn suggest_evaluate_prints_the_leave_one_out_figure() {
    let out = syllabus(&["suggest", "--evaluate", "--topics", &real("course")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let o = stdout(&out);
    assert!(
        o.ends_with(
            "leave-one-out on 77 links: 62 right (58 by their own topic, 4 by a topic they are tagged with), 0 wrong, 15 to the inbox\n\
             100.0% right among the 62 placed; 19.5% to the inbox\n"
        ),
        "{o}"
    );
    // Every link that was not filed under its own topic is listed, with where it went.
    assert_eq!(
        o.lines().filter(|l| l.starts_with("wrong ")).count(),
        0,
        "{o}"
    );
    assert!(
        o.contains(
            "inbox         ternfs (in storage-systems) -> inbox; closest: operations-at-scale"
        ),
        "{o}"
    );
    assert!(
        o.contains("inbox         ddia (in storage-systems) -> inbox; closest: storage-systems"),
        "{o}"
    );
}

#[test]
fn a_dry_run_without_a_corpus_folder_uses_the_built_in_course() {
    let tmp = tempfile::tempdir().unwrap();
    let bib = real("ongaro-dissertation.bib");
    let out = syllabus_in(tmp.path(), &["import", &bib, "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).starts_with(
        "note: no ./topics here, so this dry run compares with the built-in course; a real import writes into a corpus folder"
    ));
    assert!(stdout(&out).contains("duplicate of lamport-time-clocks"));
    let real_run = syllabus_in(tmp.path(), &["import", &bib]);
    assert_eq!(real_run.status.code(), Some(2));
    assert!(stderr(&real_run).contains("no corpus folder topics to import into"));
    assert!(
        fs::read_dir(tmp.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

#[test]
fn undecodable_binary_and_linkless_files_are_errors_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let course = real("course");
    let write = |name: &str, bytes: &[u8]| -> String {
        let p: &Path = &tmp.path().join(name);
        fs::write(p, bytes).unwrap();
        p.display().to_string()
    };
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "- [Paxos Made Live](https://research.google/pubs/paxos-made-live/) - at Google\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let ok = syllabus(&[
        "import",
        &write("utf16.md", &utf16),
        "--topics",
        &course,
        "--dry-run",
    ]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    assert!(stdout(&ok).contains("Paxos Made Live"));
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "photo.md",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            "photo.md: looks like a binary file, not text",
        ),
        (
            "latin1.md",
            b"- [Caf\xe9](https://example.com/)\n",
            "latin1.md: not valid UTF-8 text",
        ),
        (
            "words.md",
            b"# Notes\n\nJust words, no links.\n",
            "words.md: no link found, read as markdown",
        ),
    ];
    for (name, bytes, want) in cases {
        let out = syllabus(&["import", &write(name, bytes), "--topics", &course]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(stderr(&out).contains(want), "{name}: {}", stderr(&out));
    }
}

#[test]
fn the_json_of_a_dry_run_matches_its_snapshot() {
    // Run inside the fixture folder so that paths in the JSON are relative and stable.
    let out = syllabus_in(
        &root().join("tests/fixtures/import"),
        &[
            "import",
            "list.md",
            "refs.bib",
            "--topics",
            "corpus",
            "--dry-run",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    crate::common::assert_expected(
        &root().join("tests/snapshots/import-dry-run.json"),
        &stdout(&out),
    );
}

/// A reStructuredText course page (Sphinx): `` `title <url>`_ `` links, a link over two
/// lines, relative slide links resolved with `--base`, and a literal block nobody reads.
#[test]
fn a_sphinx_course_page_in_restructuredtext_is_read_like_a_markdown_list() {
    let file = "ysc4231-week-13-consensus.rst";
    let (v, err) = dry_run_with(file, &["--base", "https://ilyasergey.net/YSC4231/"]);
    let titles: Vec<&str> = links(&v)
        .iter()
        .map(|l| l["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Code with examples",
            "Distributed Consensus",
            "Byzantine Fault Tolerance and Blockchains; Wrap-Up",
            "Paxos Made Simple",
            "Paxos Made Moderately Complex",
            "Practical Byzantine Fault Tolerance",
            "Mechanising Blockchain Consensus",
            "A Concurrent Perspective on Smart Contracts",
        ]
    );
    let slides = by_title(&v, "Byzantine Fault Tolerance and Blockchains; Wrap-Up");
    assert_eq!(
        slides["url"],
        "https://ilyasergey.net/YSC4231/_static/resources/ysc4231-week-13-byzantine.pdf"
    );
    assert_eq!(slides["line"], 11);
    assert_eq!(
        by_title(&v, "Paxos Made Simple")["duplicate_of"],
        "paxos-made-simple"
    );
    assert_eq!(
        by_title(&v, "Mechanising Blockchain Consensus")["status"],
        "new"
    );
    assert_no_link_lost(file, &v, &err);
    // Without a base the relative slide links are skipped, and the warning says how to keep them.
    let (_, err) = dry_run(file);
    assert!(err.contains("--base"), "{err}");
}

/// The course's index: a toctree of page names is not a list of readings; a textbook whose
/// link runs over two lines keeps its whole title; the same books named again in prose are
/// duplicates within the list, not new readings.
#[test]
fn a_sphinx_index_page_keeps_its_textbooks_and_leaves_the_toctree_out() {
    let (v, err) = dry_run("ysc4231-index.rst");
    let titles: Vec<&str> = links(&v)
        .iter()
        .map(|l| l["title"].as_str().unwrap())
        .collect();
    assert!(!titles.iter().any(|t| t.contains("week-")), "{titles:?}");
    let book = by_title(&v, "Learning Concurrent Programming in Scala");
    assert_eq!(
        book["url"],
        "https://www.packtpub.com/en-us/product/learning-concurrent-programming-in-scala-9781783281411"
    );
    assert_eq!(book["line"], 57);
    let again: Vec<&Value> = links(&v)
        .iter()
        .filter(|l| l["title"] == "The Art of Multiprocessor Programming")
        .collect();
    assert_eq!(again.len(), 2, "{titles:?}");
    assert_eq!(again[0]["status"], "new");
    assert_eq!(again[1]["status"], "duplicate");
    assert!(err.contains("profile page"), "{err}");
    assert_no_link_lost("ysc4231-index.rst", &v, &err);
}

/// A list of people, venues and courses (hengxin/awesome-distributed-computing): a person's
/// nested "Publications" link is named with the person, and two parts of one course page (its
/// links and its calendar of lecture notes) are two readings.
#[test]
fn a_resources_list_names_nested_generic_links_by_their_parent() {
    let file = "awesome-distributed-computing.md";
    let (v, err) = dry_run(file);
    assert_eq!(counts(&v).0, 183);
    let lynch = by_title(&v, "Nancy A. Lynch: Publications");
    assert_eq!(
        lynch["url"],
        "http://groups.csail.mit.edu/tds/lynch-pubs.html"
    );
    assert_eq!(
        by_title(&v, "Keren Censor-Hillel: Publications")["status"],
        "new"
    );
    for part in ["#links", "#calendar"] {
        let url = format!("https://parasol.tamu.edu/people/welch/teaching/668.f11/{part}");
        let row = links(&v)
            .iter()
            .find(|l| l["url"] == url.as_str())
            .unwrap_or_else(|| panic!("no row for {url}"));
        assert_eq!(row["status"], "new", "{url}");
    }
    for l in links(&v) {
        let t = l["title"].as_str().unwrap();
        assert!(t.matches('(').count() <= t.matches(')').count(), "{t}");
    }
    assert_no_link_lost(file, &v, &err);
}
