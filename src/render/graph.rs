//! The topic graph as Graphviz DOT or Mermaid, one cluster per stage, and the transitive
//! reduction that the site's SVG draws.
//!
//! A requirement implied by a longer path (`a -> c` when `a -> b -> c`) adds nothing to the
//! picture and most of its clutter. The SVG leaves such edges out; DOT and Mermaid keep them,
//! dashed, so all three show the same solid edges and nothing is lost in the text formats.

use crate::model::TopicId;
use crate::plan::{Plan, PlanTopic};
use foldhash::HashMap;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// The requirements of each topic (by index in plan order) that no longer path implies.
pub struct Reduction {
    pub drawn: Vec<Vec<usize>>,
    /// Implied requirements as (required, requiring) topic indices.
    pub implied: BTreeSet<(usize, usize)>,
}

/// The transitive reduction of the plan's requirement graph. Plan order is topological, so a
/// topic's ancestors are complete when it is reached; requirements outside the plan are ignored.
pub fn reduction(topics: &[&PlanTopic]) -> Reduction {
    let index: HashMap<&str, usize> = topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut ancestors: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); topics.len()];
    let mut drawn = vec![Vec::new(); topics.len()];
    let mut implied = BTreeSet::new();
    for (i, t) in topics.iter().enumerate() {
        let direct: Vec<usize> = t
            .requires
            .iter()
            .filter_map(|r| index.get(r.as_str()).copied())
            .filter(|&j| j < i)
            .collect();
        for &j in &direct {
            if direct.iter().any(|&k| k != j && ancestors[k].contains(&j)) {
                implied.insert((j, i));
            } else {
                drawn[i].push(j);
            }
        }
        let mut mine = BTreeSet::new();
        for &j in &direct {
            mine.insert(j);
            mine.extend(ancestors[j].iter().copied());
        }
        ancestors[i] = mine;
    }
    Reduction { drawn, implied }
}

/// The implied requirements as (required, requiring) ids.
fn implied_edges(plan: &Plan) -> BTreeSet<(TopicId, TopicId)> {
    let topics: Vec<&PlanTopic> = plan.topics().collect();
    reduction(&topics)
        .implied
        .into_iter()
        .map(|(j, i)| (topics[j].id.clone(), topics[i].id.clone()))
        .collect()
}

/// The topic graph as Graphviz DOT, topics clustered by stage (`graph --format dot`).
pub fn dot(plan: &Plan) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = String::new();
    writeln!(out, "digraph syllabus {{").unwrap();
    writeln!(out, "  label={};", quote(&plan.title)).unwrap();
    writeln!(out, "  rankdir=LR;").unwrap();
    writeln!(out, "  node [shape=box, style=rounded];").unwrap();
    for (i, stage) in plan.stages.iter().enumerate() {
        writeln!(out, "  subgraph cluster_{} {{", i + 1).unwrap();
        writeln!(
            out,
            "    label={};",
            quote(&format!("{}. {}", i + 1, stage.title))
        )
        .unwrap();
        for topic in &stage.topics {
            writeln!(
                out,
                "    {} [label={}];",
                quote(&topic.id),
                quote(&topic.title)
            )
            .unwrap();
        }
        writeln!(out, "  }}").unwrap();
    }
    let implied = implied_edges(plan);
    for topic in plan.topics() {
        for needed in &topic.requires {
            let style = if implied.contains(&(needed.clone(), topic.id.clone())) {
                " [style=dashed, color=gray60]"
            } else {
                ""
            };
            writeln!(out, "  {} -> {}{style};", quote(needed), quote(&topic.id)).unwrap();
        }
    }
    writeln!(out, "}}").unwrap();
    out
}

/// The topic graph as a Mermaid flowchart (`graph --format mermaid`).
pub fn mermaid(plan: &Plan) -> String {
    // Mermaid ids cannot hold every character an id can (`-` runs read as arrows), and labels
    // must not hold a bare quote.
    let node = |id: &str| format!("t_{}", id.replace('-', "_"));
    let label = |s: &str| {
        s.replace('"', "#quot;")
            .replace('<', "#lt;")
            .replace('>', "#gt;")
    };
    let mut out = String::from("flowchart LR\n");
    for (i, stage) in plan.stages.iter().enumerate() {
        writeln!(
            out,
            "  subgraph s{}[\"{}. {}\"]",
            i + 1,
            i + 1,
            label(&stage.title)
        )
        .unwrap();
        for topic in &stage.topics {
            writeln!(out, "    {}[\"{}\"]", node(&topic.id), label(&topic.title)).unwrap();
        }
        writeln!(out, "  end").unwrap();
    }
    let implied = implied_edges(plan);
    for topic in plan.topics() {
        for needed in &topic.requires {
            let arrow = if implied.contains(&(needed.clone(), topic.id.clone())) {
                "-.->"
            } else {
                "-->"
            };
            writeln!(out, "  {} {arrow} {}", node(needed), node(&topic.id)).unwrap();
        }
    }
    out
}
