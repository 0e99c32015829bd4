//! The topic graph as Graphviz DOT or Mermaid, one cluster per stage.

use crate::plan::Plan;
use std::fmt::Write as _;

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
    for topic in plan.topics() {
        for needed in &topic.requires {
            writeln!(out, "  {} -> {};", quote(needed), quote(&topic.id)).unwrap();
        }
    }
    writeln!(out, "}}").unwrap();
    out
}

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
    for topic in plan.topics() {
        for needed in &topic.requires {
            writeln!(out, "  {} --> {}", node(needed), node(&topic.id)).unwrap();
        }
    }
    out
}
