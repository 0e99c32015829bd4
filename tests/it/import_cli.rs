//! `syllabus import` through the real binary, on the fixtures in `tests/fixtures/import/`.

use crate::common::{root, stderr, stdout, syllabus, without_snippets};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const FEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/shared/distribsystems-feed.txt"
);

fn fixture(name: &str) -> String {
    root()
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

/// A fresh copy of the fixture corpus, so that tests may write into it.
fn corpus_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("topics");
    fs::create_dir(&dir).unwrap();
    for entry in fs::read_dir(fixture("corpus")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    (tmp, dir)
}

/// Every file's text, to show that a run changed nothing.
fn snapshot(dir: &Path) -> BTreeMap<String, String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or("")
}

const ALL: [&str; 8] = [
    "feed.txt",
    "bluesky.json",
    "posts.json",
    "list.md",
    "feed.rss",
    "atom.xml",
    "bookmarks.html",
    "refs.bib",
];

#[test]
fn each_format_alone_gives_its_summary_and_a_dry_run_writes_nothing() {
    let cases = [
        (
            "feed.txt",
            "2 links: 1 new, 1 duplicate, 0 without a topic",
            vec![
                "feed.txt:11:1: warning: the post `A reading group on consensus and failure` has no URL; skipped",
                "feed.txt:13:1: warning: the URL `https://example.net/raft-in-the-cl...` is truncated; kept as given with url_status = \"truncated\"",
            ],
        ),
        (
            "bluesky.json",
            "2 links: 2 new, 0 duplicates, 0 without a topic",
            vec!["bluesky.json:56:1: warning: a post without a link; skipped"],
        ),
        ("posts.json", "1 link: 1 new, 0 duplicates, 0 without a topic", vec![]),
        (
            "list.md",
            "5 links: 4 new, 1 duplicate, 1 without a topic",
            vec!["list.md:20:1: warning: the link `notes/local.md` is a relative address; skipped"],
        ),
        (
            "feed.rss",
            "2 links: 2 new, 0 duplicates, 1 without a topic",
            vec!["feed.rss:21:1: warning: the entry `An announcement without a link` has no http(s) link; skipped"],
        ),
        ("atom.xml", "1 link: 1 new, 0 duplicates, 0 without a topic", vec![]),
        (
            "bookmarks.html",
            // `Jepsen "analyses"` at the root of jepsen.io: a site's home page, the inbox.
            "3 links: 3 new, 0 duplicates, 1 without a topic",
            vec!["bookmarks.html:22:1: warning: the link `javascript:alert(1)` is not an http(s) URL; skipped"],
        ),
        (
            "refs.bib",
            "4 links: 3 new, 1 duplicate, 1 without a topic",
            vec!["refs.bib:31:1: warning: the entry `nolink` has no url, pdf, doi, eprint or URL in howpublished; skipped"],
        ),
    ];
    let (_tmp, dir) = corpus_copy();
    let before = snapshot(&dir);
    for (file, summary, warnings) in cases {
        let out = syllabus(&[
            "import",
            &fixture(file),
            "--topics",
            dir.to_str().unwrap(),
            "--dry-run",
        ]);
        let (o, e) = (stdout(&out), without_snippets(&stderr(&out)));
        assert_eq!(out.status.code(), Some(0), "{file}: {e}");
        assert_eq!(last_line(&o), summary, "{file}");
        assert!(
            o.starts_with("title "),
            "{file}: the table comes first\n{o}"
        );
        let warning_lines: Vec<&str> = e.lines().filter(|l| !l.starts_with("  help:")).collect();
        assert_eq!(warning_lines.len(), warnings.len(), "{file}: {e}");
        for (line, want) in warning_lines.iter().zip(&warnings) {
            assert!(
                line.ends_with(want),
                "{file}: {line}\nwanted the end: {want}"
            );
        }
    }
    assert_eq!(snapshot(&dir), before, "a dry run writes nothing");
}

#[test]
fn duplicates_are_found_across_formats() {
    let (_tmp, dir) = corpus_copy();
    let mut args = vec!["import".to_string()];
    args.extend(ALL.iter().map(|f| fixture(f)));
    args.extend([
        "--topics".into(),
        dir.display().to_string(),
        "--dry-run".into(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = syllabus(&args);
    let o = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        last_line(&o),
        "20 links: 13 new, 7 duplicates, 2 without a topic"
    );
    let row = |title: &str| {
        o.lines()
            .find(|l| l.starts_with(title))
            .unwrap_or_else(|| panic!("no row for {title}\n{o}"))
            .to_string()
    };
    // RSS, with a trailing slash, repeats the Markdown list.
    assert!(row("Maelstrom <3 learners").ends_with("duplicate of github-jepsen-io-maelstrom"));
    // Bookmarks: http, www and no trailing slash; the Markdown list had https://jepsen.io/.
    assert!(row("Jepsen \"analyses\"").ends_with("duplicate of jepsen"));
    // A fragment against a tracking parameter.
    assert!(row("Paxos Made Live (Google)").ends_with("duplicate of research-paxos-made-live"));
    // The Bluesky card repeats the Atom entry.
    assert_eq!(
        o.lines()
            .filter(|l| l.starts_with("Deterministic simulation in practice"))
            .count(),
        2
    );
    // The truncated feed URL is the corpus's full one, and BibTeX repeats a corpus link.
    assert!(row("How to do distributed locking")
        .ends_with("duplicate of martin-kleppmann-how-to-do-distributed-locking"));
    assert!(row("In Search of an Understandable").ends_with("duplicate of raft"));
    assert!(row("Leases & clocks: a “practical” guide").contains(" time "));
    assert!(row("Mystery").contains(" inbox "));
}

#[test]
fn round_trip_import_then_check_and_plan_and_import_again() {
    let (_tmp, dir) = corpus_copy();
    let original_time = fs::read_to_string(dir.join("time.toml")).unwrap();
    let mut args = vec!["import".to_string()];
    args.extend(ALL.iter().map(|f| fixture(f)));
    args.extend(["--topics".into(), dir.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();

    let out = syllabus(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let o = stdout(&out);
    assert_eq!(
        last_line(&o),
        "20 links: 13 new, 7 duplicates, 2 without a topic"
    );
    for f in ["consensus.toml", "inbox.toml", "testing.toml", "time.toml"] {
        assert!(
            o.contains(&format!("wrote {}", dir.join(f).display())),
            "{o}"
        );
    }
    // Hand-written comments and layout stay; the links are appended after them.
    let time = fs::read_to_string(dir.join("time.toml")).unwrap();
    assert!(time.starts_with(&original_time), "{time}");
    assert!(time.contains(
        "\n[[link]]\nurl = \"https://example.com/leases\"\ntitle = \"Leases & clocks: a “practical” guide\"\n\
         kind = \"article\"\nlevel = \"intermediate\"\nminutes = 15\npublished = \"2025-03-04\"\n\
         source = \"feed.rss\"\nnote = \"Why every lease needs a bound on clock drift & what to do.\"\n"
    ), "{time}");
    // A paper is not a 15-minute read; BibTeX authors and accents come through.
    assert!(time.contains(
        "url = \"https://doi.org/10.1145/359545.359563\"\n\
         title = \"Time, Clocks, and the Ordering of Events in a Distributed System\"\n\
         kind = \"paper\"\nlevel = \"advanced\"\nminutes = 60\nauthors = [\"Leslie Lamport\"]\npublished = \"1978\"\n"
    ), "{time}");
    // One shared word is too little to file the German title: it waits in the inbox, with
    // its authors and accents intact.
    let inbox = fs::read_to_string(dir.join("inbox.toml")).unwrap();
    assert!(inbox.contains("title = \"Über die Konsistenz verteilter Systeme\""));
    assert!(inbox.contains("authors = [\"Jörg Müller\", \"Pál Erdős\"]"));
    // Nothing in common with any topic: no closest topics to name.
    assert!(
        inbox.contains("\n[[link]]\nurl = \"https://example.org/mystery\""),
        "{inbox}"
    );
    // "Raft" names the consensus topic: the truncated address is filed there, marked.
    let consensus = fs::read_to_string(dir.join("consensus.toml")).unwrap();
    assert!(
        consensus.contains(
            "id = \"example-raft-in-the-cl\"\nurl = \"https://example.net/raft-in-the-cl...\""
        ),
        "{consensus}"
    );
    assert!(consensus.contains("url_status = \"truncated\""));

    let check = syllabus(&["check", "--topics", dir.to_str().unwrap()]);
    let c = stdout(&check);
    assert_eq!(check.status.code(), Some(0), "{c}");
    assert!(c.contains("warning: 2 links wait in the inbox"), "{c}");
    assert!(
        last_line(&c).starts_with("checked 3 topics, 13 links: 0 errors"),
        "{c}"
    );

    let plan = syllabus(&[
        "plan",
        "--topics",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(plan.status.code(), Some(0), "{}", stderr(&plan));
    let json: serde_json::Value = serde_json::from_slice(&plan.stdout).unwrap();
    let mut placed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for stage in json["stages"].as_array().unwrap() {
        for topic in stage["topics"].as_array().unwrap() {
            let ids = topic["links"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l["url"].as_str().unwrap().to_string())
                .collect();
            placed.insert(topic["id"].as_str().unwrap().to_string(), ids);
        }
    }
    let has = |topic: &str, url: &str| placed[topic].iter().any(|u| u == url);
    assert!(has("time", "https://example.com/lamport-clocks"));
    // "Leases" is a keyword of `time` (its name, which the other topics do not use): filed.
    assert!(has("time", "https://doi.org/10.1145/74851.74870"));
    // "Jepsen" is a keyword of `testing`: the name files it, though it is also the site's.
    assert!(has("testing", "https://jepsen.io/"));
    assert!(has("testing", "https://example.com/dst"));
    assert!(has(
        "consensus",
        "https://research.google/pubs/paxos-made-live/"
    ));
    assert!(has("consensus", "https://example.org/leader-election"));
    // "a workbench for learning" Jepsen's way: its words and the address's are testing's.
    assert!(has("testing", "https://github.com/jepsen-io/maelstrom"));
    assert_eq!(placed.values().map(Vec::len).sum::<usize>(), 13);
    assert!(!placed.values().flatten().any(|u| u.contains("mystery")));

    // The same files again add nothing and change nothing.
    let before = snapshot(&dir);
    let again = syllabus(&args);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(
        stdout(&again),
        "20 links: 0 new, 20 duplicates, 0 without a topic\n"
    );
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn the_real_feed_dump_yields_24_links_and_reports_the_post_without_url() {
    let (_tmp, dir) = corpus_copy();
    let out = syllabus(&[
        "import",
        FEED,
        "--topics",
        dir.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let (o, e) = (stdout(&out), without_snippets(&stderr(&out)));
    assert_eq!(
        last_line(&o),
        "24 links: 23 new, 1 duplicate, 16 without a topic"
    );
    assert!(e.contains(
        "distribsystems-feed.txt:26:1: warning: the post `Murat Demirbas and Aleksey Charapko read and discuss the HotOS paper\"\"Real Life Is Uncertain. Consensus Should Be Too!\"` has no URL; skipped\n  help: add the link to a topic file by hand once you know its URL"
    ), "{e}");
    // Every new truncated URL is reported; the three complete ones and the duplicate are not.
    assert_eq!(e.matches("is truncated; kept as given").count(), 20, "{e}");
    assert!(e.contains("distribsystems-feed.txt:11:1: warning: the URL `https://www.xtxmarkets.com/tech/2025-te...` is truncated"));
}

#[test]
fn into_puts_every_new_link_under_one_topic() {
    let (_tmp, dir) = corpus_copy();
    let out = syllabus(&[
        "import",
        &fixture("list.md"),
        "--topics",
        dir.to_str().unwrap(),
        "--into",
        "testing",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        last_line(&stdout(&out)),
        "5 links: 4 new, 1 duplicate, 0 without a topic"
    );
    let testing = fs::read_to_string(dir.join("testing.toml")).unwrap();
    assert_eq!(testing.matches("[[link]]").count(), 4);
    assert!(!dir.join("inbox.toml").exists());
    // `also` keeps the suggestion that --into overrode.
    assert!(testing.contains("also = [\"consensus\"]"), "{testing}");
}

#[test]
fn an_unknown_into_topic_is_a_usage_error_with_a_suggestion() {
    let (_tmp, dir) = corpus_copy();
    let before = snapshot(&dir);
    let out = syllabus(&[
        "import",
        &fixture("list.md"),
        "--topics",
        dir.to_str().unwrap(),
        "--into",
        "consenus",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: --into: there is no topic `consenus`\n  help: did you mean `consensus`?\n"
    );
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn a_malformed_file_names_its_line_and_nothing_is_written() {
    let cases = [
        (
            "bad/broken.bib",
            "broken.bib:6:1: error: not valid BibTeX: unexpected end of file: this entry is not closed\n  help: fix the entry there (unbalanced braces and missing commas are the usual cause)\n",
        ),
        (
            "bad/broken.json",
            "broken.json:3:38: error: not valid JSON: trailing comma\n  help: export the feed again, or pass --input-format to pick another format\n",
        ),
        (
            "bad/broken.xml",
            "broken.xml:5:1: error: not a valid RSS or Atom feed: ill-formed document: expected `</item>`, but `</channel>` was found\n  help: fix the XML there, or pass --input-format to pick another format\n",
        ),
    ];
    let (_tmp, dir) = corpus_copy();
    let before = snapshot(&dir);
    for (file, message) in cases {
        // A good file beside the bad one is not imported either: all or nothing.
        let out = syllabus(&[
            "import",
            &fixture("list.md"),
            &fixture(file),
            "--topics",
            dir.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1), "{file}");
        let e = without_snippets(&stderr(&out));
        assert!(e.ends_with(message), "{file}: {e}");
        // Nothing on standard output: "0 links" would read as if the files held none.
        assert_eq!(stdout(&out), "", "{file}");
    }
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn a_file_of_unknown_format_asks_for_from() {
    let (tmp, dir) = corpus_copy();
    let odd = tmp.path().join("notes.dat");
    fs::write(&odd, "just some words\n").unwrap();
    let out = syllabus(&[
        "import",
        odd.to_str().unwrap(),
        "--topics",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).ends_with(
        "notes.dat\n  help: pass --input-format feed|bluesky|markdown|rss|bookmarks|bibtex|rst\n"
    ));
    let out = syllabus(&[
        "import",
        odd.to_str().unwrap(),
        "--from",
        "markdown",
        "--topics",
        dir.to_str().unwrap(),
    ]);
    // Read as Markdown it holds no link: that is said, with the other formats to try.
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).ends_with(
        "notes.dat: no link found, read as markdown\n  help: if it is another format, name it with --input-format feed|bluesky|rss|bookmarks|bibtex|rst\n"
    ), "{}", stderr(&out));
}

#[test]
fn the_readme_shows_real_import_output() {
    let out = crate::common::syllabus_in(
        &root().join("tests/fixtures/import"),
        &[
            "import",
            "list.md",
            "bookmarks.html",
            "--topics",
            "corpus",
            "--dry-run",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    let shown = format!("{}{}", stderr(&out), stdout(&out));
    assert!(
        readme.contains(&shown),
        "README's import excerpt is stale:\n{shown}"
    );
}

/// The dry-run JSON of a large list is written as it is made, and stays one valid document:
/// every link in order, whatever the name of the file (a name that is not UTF-8 used to end
/// the run with a panic, exit 101, while the links were being written).
#[cfg(unix)]
#[test]
fn a_large_dry_run_is_one_valid_json_document_whatever_the_file_name() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"list-\xff.md");
    let count = 3000;
    let mut list = String::from("# A long list\n\n");
    for i in 0..count {
        list.push_str(&format!(
            "- [Quorum leases in practice, part {i}](https://host{}.example.org/leases-{i}) - notes on leases, part {i}.\n",
            i % 97
        ));
    }
    fs::write(tmp.path().join(name), &list).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .arg("import")
        .arg(name)
        .args(["--dry-run", "--format", "json"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let links = json["links"].as_array().unwrap();
    assert_eq!(links.len(), count);
    for (i, link) in links.iter().enumerate() {
        assert_eq!(
            link["title"].as_str(),
            Some(format!("Quorum leases in practice, part {i}").as_str())
        );
        assert_eq!(link["file"].as_str(), Some("list-\u{fffd}.md"));
        assert_eq!(link["line"].as_u64(), Some(i as u64 + 3));
    }
    assert_eq!(json["new"].as_u64(), Some(count as u64));
    assert_eq!(json["duplicates"].as_u64(), Some(0));
}

/// `import` counts duplicates as `new --from` does (tests/fixtures/draft/fragments.md): a link
/// to a part of a page (a lecture on a schedule) is new beside the page, `#abstract` is the
/// page again, and a part linked under the text of an earlier link to the page is that link.
#[test]
fn a_fragment_naming_a_part_of_a_page_is_new_and_a_place_on_it_is_a_duplicate() {
    let (_tmp, dir) = corpus_copy();
    let list = root().join("tests/fixtures/draft/fragments.md");
    let out = syllabus(&[
        "import",
        list.to_str().unwrap(),
        "--topics",
        dir.to_str().unwrap(),
        "--dry-run",
    ]);
    let o = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let status = |url: &str| {
        o.lines()
            .find(|l| l.contains(&format!("{url} ")))
            .unwrap_or_else(|| panic!("no row for {url}\n{o}"))
            .rsplit("  ")
            .next()
            .unwrap()
            .to_string()
    };
    for lecture in ["sep-11-2019", "sep-16-2019", "oct-07-2019", "oct-09-2019"] {
        assert_eq!(status(&format!("schedule.html#{lecture}")), "new", "{o}");
    }
    assert!(
        status("lfs.pdf#abstract").starts_with("duplicate of"),
        "{o}"
    );
    let again = o
        .lines()
        .filter(|l| l.contains("schedule.html#sep-16-2019 "))
        .collect::<Vec<_>>();
    assert_eq!(again.len(), 2, "{o}");
    assert!(
        again[1].ends_with(&format!("duplicate of {}", "db-example-schedule-2")),
        "{o}"
    );
    assert_eq!(
        last_line(&o),
        "12 links: 8 new, 4 duplicates, 8 without a topic"
    );
}

/// `import` reads a raw HTML `<table>` and `<ul>` in a Markdown file as it reads a Markdown
/// table and list: every paper link is imported, the lecture-notes column and a link inside
/// an HTML comment are not.
#[test]
fn raw_html_tables_in_markdown_are_imported() {
    let (_tmp, dir) = corpus_copy();
    let list = root().join("tests/fixtures/draft/html-table.md");
    let out = syllabus(&[
        "import",
        list.to_str().unwrap(),
        "--topics",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let all: String = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| fs::read_to_string(e.path()).unwrap())
        .collect();
    for title in [
        "Granularity of Locks and Degrees of Consistency",
        "Eddies: Continuously Adaptive Query Processing",
        "Symmetric Hash Joins for Stream Processing",
        "Readings in Database Systems",
    ] {
        assert!(all.contains(title), "{title}\n{}", stdout(&out));
    }
    for absent in ["Lecture 1: locking", "A Paper the Author Removed"] {
        assert!(!all.contains(absent), "{absent}");
    }
}
