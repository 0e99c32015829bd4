//! The shape of the shipped distributed-systems course (`topics/`): every seed post is in it,
//! every topic is reachable, the stages follow Murat's foundations-first order, and the hours add
//! up to a first pass of about three months.

use crate::common::*;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

fn plan() -> Value {
    let out = syllabus(&["plan", "--topics", "topics", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn links(plan: &Value) -> Vec<&Value> {
    plan["stages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["topics"].as_array().unwrap())
        .flat_map(|t| t["links"].as_array().unwrap())
        .collect()
}

/// A copy of a file from `../shared`, kept in `tests/fixtures/shared/` so a clone alone tests.
fn shared(name: &str) -> String {
    let path = root().join("tests/fixtures/shared").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn check_passes_without_warnings() {
    let out = syllabus(&["check", "--topics", "topics"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.ends_with(" links: 0 errors, 0 warnings\n"), "{text}");
}

#[test]
fn every_post_of_the_feed_is_a_link() {
    let plan = plan();
    let links = links(&plan);
    let from_feed: Vec<&&Value> = links
        .iter()
        .filter(|l| {
            l["source"]
                .as_str()
                .is_some_and(|s| s.starts_with("distribsystems-feed"))
        })
        .collect();
    assert_eq!(from_feed.len(), 25, "the feed has 25 posts");

    // The feed shows each URL without its scheme and cut short with "...".
    let feed = shared("distribsystems-feed.txt");
    let shown: Vec<&str> = feed
        .lines()
        .skip(6)
        .filter(|l| !l.contains(' ') && l.contains('.') && l.contains('/'))
        .collect();
    assert_eq!(shown.len(), 24, "24 posts carry a URL");
    for prefix in shown {
        let prefix = prefix.trim_end_matches("...");
        let found = from_feed.iter().any(|l| {
            let url = l["url"].as_str().unwrap();
            let bare = url
                .trim_start_matches("https://")
                .trim_start_matches("http://");
            bare.trim_start_matches("www.")
                .starts_with(prefix.trim_start_matches("www."))
        });
        assert!(found, "no link of the feed starts with {prefix}");
    }

    // Where the reference confirmed the full URL, the corpus holds exactly that URL.
    let urls: BTreeSet<&str> = links.iter().map(|l| l["url"].as_str().unwrap()).collect();
    let reference = shared("seed-links.md");
    let mut confirmed = 0;
    for row in reference
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("| confirmed |"))
    {
        let cell = row.split(" | ").nth(2).unwrap();
        let url = cell.split_whitespace().next().unwrap();
        let alternative = cell.split("also ").nth(1).map(|s| s.trim_end_matches(')'));
        assert!(
            urls.contains(url) || alternative.is_some_and(|a| urls.contains(a)),
            "confirmed seed URL {url} is missing"
        );
        confirmed += 1;
    }
    assert_eq!(confirmed, 22);
}

#[test]
fn unverified_urls_are_marked_and_never_silently_invented() {
    let plan = plan();
    let marked: HashMap<&str, &str> = links(&plan)
        .iter()
        .filter(|l| l["url_status"] != "confirmed")
        .map(|l| (l["id"].as_str().unwrap(), l["url_status"].as_str().unwrap()))
        .collect();
    // The truncated feed URL stays as the feed shows it.
    let truncated: Vec<_> = links(&plan)
        .into_iter()
        .filter(|l| l["url_status"] == "truncated")
        .collect();
    assert_eq!(truncated.len(), 1);
    assert_eq!(
        truncated[0]["url"],
        "https://relentless-leader.com/dive-deep-in..."
    );
    // The post without a URL and the unverified VerifyThis path are guesses, and say so.
    let guessed: BTreeSet<&str> = marked
        .iter()
        .filter(|(_, s)| **s == "guessed")
        .map(|(id, _)| *id)
        .collect();
    for id in ["uncertain-consensus-reading", "verifythis-memcached"] {
        assert!(guessed.contains(id), "{id} must be marked guessed");
    }
    let md = stdout(&syllabus(&["plan", "--topics", "topics"]));
    assert_eq!(md.matches("⚠ URL guessed").count(), guessed.len());
    assert_eq!(md.matches("⚠ URL truncated").count(), 1);
}

#[test]
fn stages_follow_the_foundations_first_order() {
    let plan = plan();
    let stages = plan["stages"].as_array().unwrap();
    assert!(stages.len() >= 6, "at least six stages");
    let mut stage_of = HashMap::new();
    let mut position = HashMap::new();
    for (s, stage) in stages.iter().enumerate() {
        assert!(!stage["guidance"].as_str().unwrap().trim().is_empty());
        assert!(
            !stage["topics"].as_array().unwrap().is_empty(),
            "stage {} is empty",
            stage["id"]
        );
        for topic in stage["topics"].as_array().unwrap() {
            let id = topic["id"].as_str().unwrap().to_string();
            position.insert(id.clone(), position.len());
            stage_of.insert(id, s);
        }
    }
    let at = |id: &str| {
        *stage_of
            .get(id)
            .unwrap_or_else(|| panic!("topic {id} is missing"))
    };
    // Reasoning about concurrent programs, then formal modelling, then time and impossibility,
    // then consensus, then the practice-era material.
    assert!(at("concurrency-basics") < at("tla-plus"));
    assert!(at("safety-and-liveness") < at("tla-plus"));
    assert!(at("tla-plus") < at("flp-impossibility"));
    assert!(at("logical-time") < at("paxos"));
    assert!(at("flp-impossibility") < at("paxos"));
    assert!(at("failure-models") < at("state-machine-replication"));
    assert_eq!(at("paxos"), at("raft"));
    for practice in [
        "storage-systems",
        "transactions",
        "durable-execution",
        "locking-and-leases",
        "simulation-testing",
        "programming-models",
        "operations-at-scale",
    ] {
        assert!(
            at(practice) > at("raft"),
            "{practice} belongs after consensus"
        );
    }
    // Every prerequisite is read before what needs it.
    for stage in stages {
        for topic in stage["topics"].as_array().unwrap() {
            let id = topic["id"].as_str().unwrap();
            for needed in topic["requires"].as_array().unwrap() {
                assert!(
                    position[needed.as_str().unwrap()] < position[id],
                    "{id} comes before {needed}"
                );
            }
        }
    }
}

#[test]
fn every_topic_is_in_the_plan_with_readings_and_notes() {
    let plan = plan();
    let files = std::fs::read_dir(root().join("topics"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.ends_with(".toml") && name != "course.toml" && name != "inbox.toml"
        })
        .count();
    let topics: Vec<&Value> = plan["stages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["topics"].as_array().unwrap())
        .collect();
    assert!(topics.len() >= 18);
    assert_eq!(
        topics.len(),
        files,
        "every topic file is reachable in the plan"
    );
    for topic in &topics {
        assert!(
            !topic["links"].as_array().unwrap().is_empty(),
            "{} has no readings",
            topic["id"]
        );
        assert!(
            topic["summary"].as_str().unwrap().len() > 200,
            "{} needs a real summary",
            topic["id"]
        );
    }
    let links = links(&plan);
    let classics = links
        .iter()
        .filter(|l| {
            l["source"]
                .as_str()
                .is_none_or(|s| !s.starts_with("distribsystems-feed"))
        })
        .count();
    assert!(
        classics >= 25,
        "at least 25 classic readings, found {classics}"
    );
    for link in &links {
        let note = link["note"].as_str().unwrap_or("");
        assert!(
            note.len() > 60,
            "{} needs a note that says why to read it",
            link["id"]
        );
        if link["kind"] == "paper" {
            assert!(
                link["minutes"].as_u64().unwrap() >= 15,
                "{}: a paper is not a quick read",
                link["id"]
            );
        }
    }
}

#[test]
fn a_first_pass_takes_about_three_months() {
    let plan = plan();
    let hours = plan["total_minutes"].as_u64().unwrap() as f64 / 60.0;
    assert!(
        (50.0..=90.0).contains(&hours),
        "total {hours:.1} h is outside 50-90 h"
    );
    for stage in plan["stages"].as_array().unwrap() {
        let h = stage["minutes"].as_u64().unwrap() as f64 / 60.0;
        assert!(
            h <= 20.0,
            "stage {} holds {h:.1} h: a dumping ground",
            stage["id"]
        );
    }
}
