//! Curation through the real binary: one reading once, filed where a careful curator would
//! file it. Each test pins a failure seen on real lists (issue 20) with a small fixture of
//! its own in `tests/fixtures/import/curation/`; the course is the frozen copy the hand
//! labels name (`tests/fixtures/curation/course/`), so the answers do not move when the
//! shipped course changes.

use crate::common::{root, stderr, stdout, syllabus};
use std::fs;
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    root()
        .join("tests/fixtures/import/curation")
        .join(name)
        .display()
        .to_string()
}

fn course() -> String {
    root()
        .join("tests/fixtures/curation/course")
        .display()
        .to_string()
}

/// A writable copy of the frozen course.
fn course_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("topics");
    fs::create_dir(&dir).unwrap();
    for entry in fs::read_dir(course()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    (tmp, dir)
}

/// The dry-run JSON of importing `files` into the frozen course, with the warnings.
fn dry_run(files: &[&str], extra: &[&str]) -> (Vec<serde_json::Value>, String) {
    let course = course();
    let mut args = vec!["import"];
    args.extend_from_slice(files);
    args.extend_from_slice(&["--topics", &course, "--dry-run", "--format", "json"]);
    args.extend_from_slice(extra);
    let out = syllabus(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    (json["links"].as_array().unwrap().clone(), stderr(&out))
}

fn find<'a>(links: &'a [serde_json::Value], title: &str) -> &'a serde_json::Value {
    links
        .iter()
        .find(|l| l["title"] == title)
        .unwrap_or_else(|| panic!("no link titled {title:?} in {links:#?}"))
}

#[test]
fn classics_at_other_addresses_are_the_course_links_and_look_alikes_are_not() {
    let (links, _) = dry_run(&[&fixture("same-work.md")], &[]);
    for (title, id) in [
        ("Paxos Made Simple", "paxos-made-simple"),
        ("The Byzantine Generals Problem", "byzantine-generals"),
        ("Paxos made live", "paxos-made-live"),
        ("The Google File System", "gfs"),
        (
            "The Chubby lock service for loosely-coupled distributed systems",
            "chubby",
        ),
        // The title says what the item's description says it is; the name still finds it.
        ("Spanner: Google's globally distributed database", "spanner"),
    ] {
        let l = find(&links, title);
        assert_eq!(l["status"], "duplicate", "{l:#}");
        assert_eq!(l["duplicate_of"], id, "{l:#}");
        assert!(l["same_because"].is_string(), "{l:#}");
        assert_eq!(
            l["recorded_alternates"].as_array().unwrap().len(),
            1,
            "the new address is recorded: {l:#}"
        );
    }
    for look_alike in [
        "The Part-Time Parliament",
        "Practical Byzantine Fault Tolerance and Proactive Recovery",
        "Paxos Made Transparent",
    ] {
        assert_eq!(find(&links, look_alike)["status"], "new", "{look_alike}");
    }
}

/// Held readings a list names by their authors (beside the link or in its address), by
/// their site, or with a slip in the title, are recognised; the look-alikes beside them
/// (a paper extending a held title, the same author's other paper, a generic title with no
/// author named) stay new.
#[test]
fn a_work_named_by_its_authors_its_site_or_a_slip_is_recognised() {
    let (links, _) = dry_run(&[&fixture("named-works.md")], &[]);
    for (title, id) in [
        (
            "In Search of an Understandable Concensus Algorithm",
            "raft-paper",
        ),
        ("Harvest, yield and Fault tolerant systems", "harvest-yield"),
        ("Dynamo - Key value store", "dynamo"),
        ("FLP Impossibility Result", "flp-1985"),
        ("Distributed Systems 3rd", "van-steen-tanenbaum"),
        (
            "Life Beyond Transactions",
            "life-beyond-distributed-transactions",
        ),
        ("经典论文", "chandy-lamport-snapshots"),
        ("CAP 定理", "gilbert-lynch-cap"),
    ] {
        let l = find(&links, title);
        assert_eq!(l["status"], "duplicate", "{l:#}");
        assert_eq!(l["duplicate_of"], id, "{l:#}");
    }
    let books = links
        .iter()
        .find(|l| l["url"] == "https://books.example.net/")
        .unwrap();
    assert_eq!(books["duplicate_of"], "van-steen-tanenbaum", "{books:#}");
    for look_alike in [
        "Practical Byzantine Fault Tolerance and Proactive Recovery",
        "A Hundred Impossibility Proofs for Distributed Computing",
        // Another paper by two of the work's authors, one named in the file's address.
        "Consistency Without Borders",
    ] {
        assert_eq!(find(&links, look_alike)["status"], "new", "{look_alike}");
    }
    let notes = links
        .iter()
        .find(|l| l["url"] == "https://example.org/courses/ds/")
        .unwrap();
    assert_eq!(notes["status"], "new", "{notes:#}");
}

#[test]
fn a_second_address_becomes_an_alternate_and_a_second_import_adds_nothing() {
    let (_tmp, dir) = course_copy();
    let topics = dir.display().to_string();
    let list = fixture("same-work.md");
    let before = syllabus(&["plan", "--topics", &topics, "--format", "json"]);
    assert!(before.status.success(), "{}", stderr(&before));
    let first = syllabus(&["import", &list, "--topics", &topics]);
    assert!(first.status.success(), "{}", stderr(&first));
    let summary = stdout(&first);
    assert!(
        summary.contains("6 new addresses recorded as alternates"),
        "{summary}"
    );
    let paxos = fs::read_to_string(dir.join("paxos.toml")).unwrap();
    assert!(
        paxos.contains(
            "alternates = [\"https://research.microsoft.com/en-us/um/people/lamport/pubs/paxos-simple.pdf\"]"
        ),
        "{paxos}"
    );
    assert_eq!(
        paxos.matches("title = \"Paxos Made Simple\"").count(),
        1,
        "never a second link"
    );
    let check = syllabus(&["check", "--topics", &topics]);
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(
        !stdout(&check).contains("are one work"),
        "{}",
        stdout(&check)
    );
    let files: Vec<(PathBuf, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let text = fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    let second = syllabus(&["import", &list, "--topics", &topics]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        stdout(&second)
            .trim_end()
            .ends_with("0 new, 9 duplicates, 0 without a topic"),
        "{}",
        stdout(&second)
    );
    for (path, text) in files {
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            text,
            "{}",
            path.display()
        );
    }
}

#[test]
fn a_reference_with_a_title_link_and_a_doi_link_is_one_reading() {
    let (_tmp, dir) = course_copy();
    let topics = dir.display().to_string();
    let refs = fixture("references.md");
    let (links, _) = dry_run(&[&refs], &[]);
    assert_eq!(links.len(), 5, "{links:#?}");
    assert!(
        links
            .iter()
            .all(|l| !l["title"].as_str().unwrap().starts_with("doi:")),
        "{links:#?}"
    );
    let clocks = find(
        &links,
        "Time, Clocks, and the Ordering of Events in a Distributed System",
    );
    assert_eq!(clocks["duplicate_of"], "lamport-time-clocks");
    assert_eq!(
        find(
            &links,
            "Impossibility of Distributed Consensus with One Faulty Process"
        )["duplicate_of"],
        "flp-1985"
    );
    assert_eq!(
        find(&links, "Paxos Made Simple")["duplicate_of"],
        "paxos-made-simple"
    );
    // The year link is an address of Birman's item, not a reading titled "year 2010".
    assert!(
        links.iter().all(|l| l["title"] != "year 2010"),
        "{links:#?}"
    );
    // A real import files the two new readings and nothing twice.
    let out = syllabus(&["import", &refs, "--topics", &topics]);
    assert!(out.status.success(), "{}", stderr(&out));
    let plan = syllabus(&[
        "plan",
        "--topics",
        &topics,
        "--format",
        "json",
        "--optional",
    ]);
    let text = stdout(&plan);
    for title in [
        "Time, Clocks, and the Ordering of Events in a Distributed System",
        "Impossibility of Distributed Consensus with One Faulty Process",
        "\"Paxos Made Simple\"",
    ] {
        assert_eq!(text.matches(title).count(), 1, "{title} twice in {text}");
    }
}

#[test]
fn a_doi_under_a_foreign_title_is_a_warning_not_a_merge() {
    let (links, warnings) = dry_run(&[&fixture("wrong-doi.bib")], &[]);
    // The course's CRDT paper by its title; FLP's DOI is neither merged nor recorded for it.
    let crdt = find(&links, "Conflict-free Replicated Data Types");
    assert_eq!(crdt["duplicate_of"], "crdts-shapiro-2011", "{crdt:#}");
    assert_eq!(
        crdt["recorded_alternates"],
        serde_json::json!([]),
        "{crdt:#}"
    );
    assert!(
        warnings.contains("has the DOI 10.1145/3149.214121 of `flp-1985`, but the titles share nothing; kept apart"),
        "{warnings}"
    );
    // pdf, howpublished and eprint all count; an entry with none is named.
    assert_eq!(
        find(
            &links,
            "Impossibility of distributed consensus with one faulty process"
        )["duplicate_of"],
        "flp-1985"
    );
    assert_eq!(
        find(&links, "How to do distributed locking")["status"],
        "duplicate"
    );
    assert_eq!(
        find(&links, "Flexible Paxos: Quorum intersection revisited")["duplicate_of"],
        "flexible-paxos"
    );
    assert!(
        warnings.contains(
            "the entry `nolink` has no url, pdf, doi, eprint or URL in howpublished; skipped"
        ),
        "{warnings}"
    );
}

#[test]
fn blog_posts_outside_the_field_go_to_the_inbox_with_a_reason() {
    let (links, _) = dry_run(&[&fixture("blog.xml")], &[]);
    for title in [
        "How Do You Spend Your Time?",
        "Writing Is Magic",
        "My Proposal for Arecibo: Drones",
        "What I learnt about CPU caches this week",
    ] {
        let l = find(&links, title);
        assert_eq!(l["topic"], serde_json::Value::Null, "{l:#}");
        assert!(!l["why"].as_array().unwrap().is_empty(), "{l:#}");
    }
    let paxos = find(&links, "Paxos quorums and leader election, step by step");
    assert_eq!(paxos["topic"], "paxos", "{paxos:#}");
    let why = paxos["why"].to_string();
    assert!(why.contains("title: paxos"), "{why}");
    // HTML descriptions become a plain note: the first paragraph with text.
    assert_eq!(
        find(&links, "Writing Is Magic")["note"],
        "Why I write design documents before I write code."
    );
    assert_eq!(
        find(&links, "What I learnt about CPU caches this week")["note"],
        "False sharing and cache lines, measured."
    );
}

#[test]
fn a_list_mostly_outside_the_field_files_only_on_a_specific_name() {
    // A DevOps resources page: its few titles that share a topic's words or names use them
    // in their everyday engineering sense, so none is filed, and each says why.
    let (links, _) = dry_run(&[&fixture("devops-resources.md")], &[]);
    let filed: Vec<&serde_json::Value> = links.iter().filter(|l| !l["topic"].is_null()).collect();
    assert!(filed.is_empty(), "{filed:#?}");
    for title in [
        "Argo Awesome list",
        "Linkedin - School Of SRE",
        "Curated list of awesome lists | Project-Awesome.org",
    ] {
        let l = find(&links, title);
        let why = l["why"].to_string();
        assert!(
            why.contains("the list is mostly outside the course's field"),
            "{l:#}"
        );
        // The closest topics stay, for the curator who files it by hand.
        assert!(!l["candidates"].as_array().unwrap().is_empty(), "{l:#}");
    }
    // A blog mostly on web development: "testing" and "virtual machine" are words of
    // topics, not evidence; a post that names Raft is filed, and says so.
    let (links, _) = dry_run(&[&fixture("mixed-blog.md")], &[]);
    for title in [
        "Testing web apps with Playwright, step by step",
        "Writing a tiny virtual machine for a toy language",
    ] {
        let l = find(&links, title);
        assert_eq!(l["topic"], serde_json::Value::Null, "{l:#}");
    }
    // Its words would file it in a list of the field; here the list says why not.
    let vm = find(&links, "Writing a tiny virtual machine for a toy language");
    assert!(
        vm["why"]
            .to_string()
            .contains("mostly outside the course's field (9 of its 10"),
        "{vm:#}"
    );
    let raft = find(&links, "Implementing Raft leader election in Rust");
    assert_eq!(raft["topic"], "raft", "{raft:#}");
    assert!(
        raft["why"]
            .to_string()
            .contains("title names the topic: raft"),
        "{raft:#}"
    );
}

#[test]
fn page_furniture_is_not_read_and_relative_links_take_a_base() {
    let page = fixture("page.html");
    let (links, warnings) = dry_run(&[&page], &[]);
    assert!(links
        .iter()
        .all(|l| !l["url"].as_str().unwrap().contains("sphinx-doc.org")
            && !l["url"].as_str().unwrap().contains("github.com/example")));
    assert!(
        warnings.contains("the link `papers/paxos-simple.pdf` is a relative address; skipped"),
        "{warnings}"
    );
    assert!(warnings.contains("pass --base URL"), "{warnings}");
    let (links, warnings) = dry_run(&[&page], &["--base", "https://course.example.edu/week3/"]);
    assert!(!warnings.contains("relative"), "{warnings}");
    let paxos = find(&links, "Paxos Made Simple");
    assert_eq!(
        paxos["url"],
        "https://course.example.edu/week3/papers/paxos-simple.pdf"
    );
    assert_eq!(paxos["duplicate_of"], "paxos-made-simple");
    let bad = syllabus(&[
        "import",
        &page,
        "--topics",
        &course(),
        "--dry-run",
        "--base",
        "ftp://x/",
    ]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
}

#[test]
fn check_warns_when_two_links_are_one_work() {
    let (_tmp, dir) = course_copy();
    let extra = "\n[[link]]\nid = \"gfs-again\"\nurl = \"https://research.google.com/archive/gfs-sosp2003.pdf\"\ntitle = \"GFS\"\nkind = \"paper\"\nlevel = \"advanced\"\nminutes = 60\noptional = true\n";
    let storage = dir.join("storage-systems.toml");
    let mut text = fs::read_to_string(&storage).unwrap();
    text.push_str(extra);
    fs::write(&storage, text).unwrap();
    let out = syllabus(&["check", "--topics", &dir.display().to_string()]);
    let report = stdout(&out);
    assert!(
        report.contains("warning: links `gfs` and `gfs-again` are one work (same Google research archive paper `gfs`)"),
        "{report}"
    );
    assert!(
        report.contains("move this address into the `alternates` of `gfs`"),
        "{report}"
    );
}

/// `check` knows a work by the same rules as `import`: a name and its subtitle is the held
/// paper, and a near-equal title years apart is another work, the same title years apart a
/// version of it.
#[test]
fn check_shares_the_recognition_rules_of_import() {
    let (_tmp, dir) = course_copy();
    let link = |id: &str, url: &str, title: &str, published: &str| {
        format!("\n[[link]]\nid = \"{id}\"\nurl = \"{url}\"\ntitle = \"{title}\"\nkind = \"paper\"\nlevel = \"advanced\"\nminutes = 60\noptional = true\npublished = \"{published}\"\n")
    };
    let log = "Fast Scalable Replicated Log Storage for Commodity Server Clusters";
    let extra = [
        link(
            "raft-named",
            "https://wiki.example.edu/attachments/raft.pdf",
            "Raft: In Search of an Understandable Consensus Algorithm",
            "2014",
        ),
        link("log-1999", "https://a.example.edu/log.pdf", log, "1999"),
        link(
            "log-2004",
            "https://b.example.edu/log-large.pdf",
            &log.replace("Commodity", "Large Commodity"),
            "2004",
        ),
        link(
            "log-2006",
            "https://c.example.edu/log-journal.pdf",
            log,
            "2006",
        ),
    ]
    .concat();
    let raft = dir.join("raft.toml");
    let mut text = fs::read_to_string(&raft).unwrap();
    text.push_str(&extra);
    fs::write(&raft, text).unwrap();
    let out = syllabus(&["check", "--topics", &dir.display().to_string()]);
    let report = stdout(&out);
    assert!(
        report.contains("links `raft-paper` and `raft-named` are one work (same title)"),
        "{report}"
    );
    assert!(
        report.contains("links `log-1999` and `log-2006` are one work"),
        "{report}"
    );
    assert!(!report.contains("`log-2004` are one work"), "{report}");
}

#[test]
fn the_labelled_evaluation_prints_both_halves() {
    let labels = root().join("tests/fixtures/curation/labels.toml");
    let out = syllabus(&[
        "suggest",
        "--evaluate",
        "--labels",
        &labels.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for half in ["tune (", "holdout (", "all ("] {
        assert!(text.contains(half), "{text}");
    }
    assert!(
        text.contains("readings the course holds, recognised as that work:"),
        "{text}"
    );
}

#[test]
fn a_section_heading_that_names_a_topic_places_the_readings_under_it() {
    let (links, _) = dry_run(&[&fixture("sectioned.md")], &[]);
    // Under "Gossip" a reading of the field whose title alone says too little is filed by
    // the heading, and says so; the same reading under "Things I liked" waits in the inbox.
    let under = find(&links, "Epidemic dissemination in large clusters");
    assert_eq!(under["topic"], "broadcast-and-registers", "{under:#}");
    let why = under["why"].to_string();
    assert!(why.contains("heading names the topic: gossip"), "{why}");
    let elsewhere = find(&links, "Epidemic dissemination in larger clusters");
    assert_eq!(elsewhere["topic"], serde_json::Value::Null, "{elsewhere:#}");
    // An essay outside the field stays out, whatever heading it sits under.
    for essay in ["Writing Is Magic", "How Do You Spend Your Time?"] {
        let l = find(&links, essay);
        assert_eq!(l["topic"], serde_json::Value::Null, "{l:#}");
    }
    // The heading backs the title's own names, never outvotes them.
    let raft = find(&links, "Raft log compaction, explained");
    assert_eq!(raft["topic"], "raft", "{raft:#}");
    // A name in the title ("CRDTs") files a reading with no heading at all.
    let crdts = find(&links, "Efficient Synchronization of State-based CRDTs");
    assert_eq!(crdts["topic"], "replicated-data-types", "{crdts:#}");
    assert!(
        crdts["why"]
            .to_string()
            .contains("title names the topic: state-based crdt"),
        "{crdts:#}"
    );
}

#[test]
fn a_products_home_page_is_not_a_reading() {
    let (links, _) = dry_run(&[&fixture("home-pages.md")], &[]);
    // A system's name at the root of its site is the product's page: the inbox, with why,
    // though the name is a topic's keyword and its neighbours under the heading are filed.
    for title in ["Apache ZooKeeper", "RabbitMQ", "Riak KV"] {
        let l = find(&links, title);
        assert_eq!(l["topic"], serde_json::Value::Null, "{l:#}");
        assert!(l["why"].to_string().contains("home page"), "{l:#}");
    }
    // A reading at a site's root says what it is in a title of its own: it is filed.
    let zab = find(
        &links,
        "Zab: High-performance broadcast for primary-backup systems",
    );
    assert_eq!(zab["topic"], "state-machine-replication", "{zab:#}");
}

#[test]
fn a_heading_whose_readings_are_in_one_topic_places_a_near_miss_under_it() {
    let (links, _) = dry_run(&[&fixture("section-agreement.md")], &[]);
    // Under "Start here" two readings are course links of `overview` and a third is filed
    // there by its name: the reading whose best topic is `overview`, short of the floor, is
    // filed there too, and says why.
    let near = find(&links, "What I wish I had known about distributed systems");
    assert_eq!(near["topic"], "overview", "{near:#}");
    let why = near["why"].to_string();
    assert!(
        why.contains("its heading: 3 of the 3 readings placed under it are in overview"),
        "{why}"
    );
    assert!(!why.contains("too little evidence"), "{why}");
    // The same near miss under a heading with nothing placed waits in the inbox.
    let later = find(
        &links,
        "What I wish I had known about distributed systems, part two",
    );
    assert_eq!(later["topic"], serde_json::Value::Null, "{later:#}");
    // A title outside the field stays out, whatever its neighbours are.
    let essay = find(&links, "Microservices: are we making a huge mistake?");
    assert_eq!(essay["topic"], serde_json::Value::Null, "{essay:#}");
}

#[test]
fn html_anchors_in_a_markdown_table_are_readings() {
    // palvaro/CMPS232-Fall16 writes its schedule's readings as `<a href>` inside a Markdown
    // table: the whole list was "no link found".
    let (links, warnings) = dry_run(
        &[&fixture("html-anchors.md")],
        &["--base", "https://example.edu/cmps232/"],
    );
    let titles: Vec<&str> = links.iter().map(|l| l["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Time, Clocks, and the Ordering of Events in a Distributed System (Lamport, CACM 1978)",
            "Implementing remote procedure calls",
            "A Note on Distributed Computing",
            "Above the Clouds",
        ],
        "{links:#?}\n{warnings}"
    );
    // Entities in the attribute are decoded; a relative address is resolved against --base.
    let note = find(&links, "A Note on Distributed Computing");
    assert_eq!(
        note["url"],
        "http://citeseerx.ist.psu.edu/viewdoc/summary?doi=10.1.1.41.7628&rank=1"
    );
    let clouds = find(&links, "Above the Clouds");
    assert_eq!(
        clouds["url"],
        "https://example.edu/cmps232/papers/clouds.pdf"
    );
    // The classic is recognised as the course's copy.
    let time = find(
        &links,
        "Time, Clocks, and the Ordering of Events in a Distributed System (Lamport, CACM 1978)",
    );
    assert_eq!(time["status"], "duplicate", "{time:#}");
}

#[test]
fn a_line_that_is_only_a_link_is_an_entry_and_prose_links_stay_out() {
    // FelixSeptem/6.824's paper list is one link a line under headings, without bullets: all
    // of it was left out as "running text".
    let (links, warnings) = dry_run(&[&fixture("bulletless.md")], &[]);
    let chubby = find(&links, "Chubby");
    assert_eq!(chubby["status"], "duplicate", "{chubby:#}");
    let pmmc = find(&links, "Paxos Made Moderately Complex");
    assert_eq!(pmmc["note"], "Robbert van Renesse's tutorial", "{pmmc:#}");
    // A title broken over two lines stays one title.
    find(
        &links,
        "Zab: High-performance broadcast for primary-backup systems",
    );
    // `[link](url)` alone under a heading is titled by the heading, and filed by it.
    let flp = find(&links, "FLP");
    assert_eq!(flp["topic"], "flp-impossibility", "{flp:#}");
    // Links inside a sentence are mentions, still left out, and said so.
    assert!(
        !links
            .iter()
            .any(|l| l["url"].as_str().unwrap().contains("wikipedia")),
        "{links:#?}"
    );
    assert!(
        warnings.contains("2 links in running text outside lists were left out"),
        "{warnings}"
    );
}

#[test]
fn slides_summaries_notes_and_discussion_threads_are_not_readings() {
    let (links, warnings) = dry_run(&[&fixture("companions.md")], &[]);
    let titles: Vec<&str> = links.iter().map(|l| l["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Analysis of Large-Scale Multi-Tenant GPU Clusters for DNN Training Workloads",
            "TFX: A TensorFlow-Based Production-Scale Machine Learning Platform",
            "The UNIX Time-Sharing System (1973).",
            "Crafting Interpreters",
        ],
        "{links:#?}\n{warnings}"
    );
    assert!(
        warnings.contains("is a discussion thread, not a reading; skipped"),
        "{warnings}"
    );
    let all = serde_json::Value::Array(links).to_string();
    for gone in ["Slides", "Summaries", "ycombinator", "redd.it"] {
        assert!(!all.contains(gone), "{gone} in {all}");
    }
}

#[test]
fn a_paragraph_that_is_a_link_and_its_gloss_is_an_entry_a_sentence_is_not() {
    // redpanda's awesome list of distributed transactions and GMU's CS 571 reading list write
    // one paper a paragraph: `[title](url) (aka X)`, `[title](url) [VENUE YEAR]`. A third of the
    // one and all of the other were left out as "running text".
    let (links, warnings) = dry_run(&[&fixture("paragraph-entries.md")], &[]);
    let titles: Vec<&str> = links.iter().map(|l| l["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Don't Settle for Eventual: Scalable Causal Consistency for Wide-Area Storage with COPS",
            "Stronger Semantics for Low-Latency Geo-Replicated Storage",
            "ARC: A Self-Tuning, Low Overhead Replacement Cache",
            "Chubby",
        ]
    );
    assert_eq!(find(&links, "Chubby")["status"], "duplicate");
    // A sentence that opens with a link is prose: its link is a mention, counted in the warning.
    assert!(
        warnings.contains("1 link in running text outside lists was left out"),
        "{warnings}"
    );
}
