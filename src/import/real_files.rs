//! The import parsers on real files (the CLI runs are in `tests/it/import_cli.rs`).

use super::{detect, read, Format};
use crate::model::UrlStatus;
use std::path::Path;

const FEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/shared/distribsystems-feed.txt"
);

#[test]
fn the_real_feed_dump_yields_24_links_and_reports_the_post_without_url() {
    let text = std::fs::read_to_string(FEED).unwrap();
    assert_eq!(detect(Path::new(FEED), &text), Some(Format::Feed));
    let parsed = read(Path::new(FEED), Format::Auto).unwrap();
    assert_eq!(parsed.links.len(), 24);
    assert_eq!(parsed.skipped.len(), 1, "{:?}", parsed.skipped);
    let skipped = parsed.skipped[0].to_string();
    assert!(
        skipped.contains(
            ":26:1: warning: the post `Murat Demirbas and Aleksey Charapko read and discuss"
        ),
        "{skipped}"
    );
    assert!(skipped.ends_with(
        "has no URL; skipped\n  help: add the link to a topic file by hand once you know its URL"
    ));

    let first = &parsed.links[0];
    assert_eq!(first.title, "How to do distributed locking");
    assert_eq!(first.url, "https://martin.kleppmann.com/2016/02/08/h...");
    assert_eq!(first.url_status, UrlStatus::Truncated);
    assert_eq!(first.published.as_deref(), Some("2025-11-24"));
    assert_eq!(first.line, 7);
    assert!(first
        .note
        .as_deref()
        .unwrap()
        .starts_with("Redis has been making inroads"));

    // Every post has its date; posts without a blurb have no note.
    assert!(parsed.links.iter().all(|l| l.published.is_some()));
    let no_blurb: Vec<&str> = parsed
        .links
        .iter()
        .filter(|l| l.note.is_none())
        .map(|l| l.title.as_str())
        .collect();
    assert_eq!(
        no_blurb,
        [
            "Understanding Paxos the intuitive way",
            "May thy bits chip and shatter: Patterns for Building High-Performance Observability Pipelines at Scale",
            "Systems Correctness Practices at AWS: Leveraging Formal and Semi-formal Methods",
            "Why is the raft consensus algorithm called \"raft\"?",
            "Testing Distributed Systems",
        ]
    );
    // A blurb over two lines stays one note.
    let decomposing = parsed
        .links
        .iter()
        .find(|l| l.title == "Decomposing Transactional Systems")
        .unwrap();
    assert!(decomposing
        .note
        .as_deref()
        .unwrap()
        .ends_with("result to a client."));
    let complete: Vec<&str> = parsed
        .links
        .iter()
        .filter(|l| l.url_status != UrlStatus::Truncated)
        .map(|l| l.url.as_str())
        .collect();
    assert_eq!(
        complete,
        [
            "https://ilyasergey.net/YSC4231/",
            "https://shachaf.net/w/consensus",
            "https://lsd-ucsc.github.io/ChoRus/"
        ]
    );
    let last = parsed.links.last().unwrap();
    assert_eq!(last.published.as_deref(), Some("2025-03-18"));
}
