//! An optional link's requirements order the optional track; they never make its topic need
//! another topic. The shipped course once had `transactions` come to require
//! `replicated-data-types` through an optional Gossip Glomers project, and `--skip` did not
//! remove the edge: `tests/fixtures/optional-edge` is that shape in small.

use crate::common::*;
use serde_json::Value;

const CORPUS: &str = "tests/fixtures/optional-edge";

fn plan(extra: &[&str]) -> Value {
    let mut args = vec!["plan", "--topics", CORPUS, "--format", "json"];
    args.extend_from_slice(extra);
    let out = syllabus(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn topics(plan: &Value) -> Vec<&Value> {
    plan["stages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["topics"].as_array().unwrap())
        .collect()
}

fn topic_ids(plan: &Value) -> Vec<&str> {
    topics(plan)
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect()
}

fn requires<'a>(plan: &'a Value, topic: &str) -> Vec<&'a str> {
    topics(plan)
        .into_iter()
        .find(|t| t["id"] == topic)
        .unwrap_or_else(|| panic!("{topic} is not planned"))["requires"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect()
}

fn link_ids(plan: &Value) -> Vec<&str> {
    links(plan)
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect()
}

#[test]
fn an_optional_link_adds_no_requirement_to_its_topic() {
    let whole = plan(&[]);
    assert_eq!(requires(&whole, "txn"), [] as [&str; 0]);
    assert_eq!(requires(&whole, "crdt"), ["basics"]);
    // `txn` needs nothing, so it is a final topic like `crdt`, and the graph draws no edge.
    let graph = stdout(&syllabus(&["graph", "--topics", CORPUS]));
    assert!(
        !graph.contains("txn ->") && !graph.contains("\"txn\" ->"),
        "{graph}"
    );
}

#[test]
fn skipping_what_the_optional_link_needs_adds_no_requirement_either() {
    // Before the fix the skipped exercise was bypassed to what it needed, so `txn` came to
    // require `crdt` and `basics`.
    for skip in ["counter", "crdt-paper", "crdt"] {
        let skipped = plan(&["--skip", skip]);
        assert_eq!(requires(&skipped, "txn"), [] as [&str; 0], "--skip {skip}");
    }
}

#[test]
fn a_topic_as_target_does_not_pull_in_its_optional_tracks_prerequisites() {
    let target = plan(&["--target", "txn"]);
    assert_eq!(topic_ids(&target), ["txn"]);
    assert_eq!(link_ids(&target), ["g2", "txn-project"]);
    // Nothing needed is left out, so nothing is reported missing.
    assert_eq!(target["selection"]["gaps"], serde_json::json!([]));
}

#[test]
fn an_optional_link_asked_for_by_name_brings_what_it_needs() {
    let target = plan(&["--target", "txn-project"]);
    let links = link_ids(&target);
    for needed in ["g2", "counter", "crdt-paper", "txn-project"] {
        assert!(
            links.contains(&needed),
            "{needed} is missing from {links:?}"
        );
    }
    // Its topic still requires nothing: the project needs the counter, the topic does not.
    assert_eq!(requires(&target, "txn"), [] as [&str; 0]);
}

#[test]
fn an_optional_link_may_not_need_a_later_stage() {
    let out = syllabus(&[
        "check",
        "--topics",
        "tests/fixtures/bad/optional-stage-order",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains(
        "raft.toml:22:13: error: optional link `raft-aside` (stage `basics`) requires `read-paxos`, which comes later (stage `advanced`)"
    ), "{}", stdout(&out));
}
