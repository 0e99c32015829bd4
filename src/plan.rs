//! The staged plan: stages -> topics -> links, the one structure every renderer reads.
//!
//! Pure: `(course, graph) -> Plan`, no I/O. The order is deterministic:
//! - stages in `course.toml` order (or, without stages, the graph's generations);
//! - inside a stage, topics by prerequisite depth (the longest chain of prerequisites under a
//!   topic), then by id. A prerequisite always has a smaller depth than what needs it, so this is
//!   a topological order;
//! - inside a topic, links in a topological order of their `requires`, ties broken by level,
//!   minutes, title, then id.

use crate::graph::Graph;
use crate::model::{Course, Link};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Serialize)]
pub struct Plan {
    pub title: String,
    pub description: String,
    pub author: Option<String>,
    pub total_minutes: u32,
    pub stages: Vec<PlanStage>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanStage {
    pub id: String,
    pub title: String,
    pub guidance: String,
    pub minutes: u32,
    pub topics: Vec<PlanTopic>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanTopic {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub stage: String,
    /// Topics it needs directly (written or implied by its links), sorted.
    pub requires: Vec<String>,
    /// Topics that need it directly, sorted.
    pub unlocks: Vec<String>,
    pub depth: usize,
    pub minutes: u32,
    pub links: Vec<Link>,
}

impl Plan {
    pub fn topics(&self) -> impl Iterator<Item = &PlanTopic> {
        self.stages.iter().flat_map(|s| s.topics.iter())
    }

    pub fn links(&self) -> impl Iterator<Item = &Link> {
        self.topics().flat_map(|t| t.links.iter())
    }
}

/// The plan of a validated course.
pub fn build(course: &Course, graph: &Graph) -> Plan {
    let depths = graph.depths();
    let mut stages: Vec<PlanStage> = if course.stages.is_empty() {
        let generations = depths.values().copied().max().map_or(0, |d| d + 1);
        (1..=generations)
            .map(|n| PlanStage {
                id: format!("stage-{n}"),
                title: format!("Stage {n}"),
                guidance: String::new(),
                minutes: 0,
                topics: Vec::new(),
            })
            .collect()
    } else {
        course
            .stages
            .iter()
            .map(|s| PlanStage {
                id: s.id.clone(),
                title: s.title.clone(),
                guidance: s.guidance.clone(),
                minutes: 0,
                topics: Vec::new(),
            })
            .collect()
    };

    let mut by_stage: BTreeMap<usize, Vec<(usize, &str)>> = BTreeMap::new();
    for topic in &course.topics {
        let depth = depths.get(&topic.id).copied().unwrap_or(0);
        let stage = match &topic.stage {
            Some(s) => course.stage_index(s).unwrap_or(0),
            None => depth,
        };
        by_stage.entry(stage).or_default().push((depth, &topic.id));
    }
    for (index, mut members) in by_stage {
        members.sort();
        let stage = &mut stages[index];
        for (depth, id) in members {
            let topic = course.topic(id).expect("ids come from the course");
            let links = order_links(topic);
            let minutes = links.iter().map(|l| l.minutes).sum();
            stage.minutes += minutes;
            stage.topics.push(PlanTopic {
                id: topic.id.clone(),
                title: topic.title.clone(),
                summary: topic.summary.clone(),
                stage: stage.id.clone(),
                requires: graph.requires(&topic.id),
                unlocks: graph.unlocks(&topic.id),
                depth,
                minutes,
                links,
            });
        }
    }
    let total_minutes = stages.iter().map(|s| s.minutes).sum();
    Plan {
        title: course.title.clone(),
        description: course.description.clone(),
        author: course.author.clone(),
        total_minutes,
        stages,
    }
}

fn order_links(topic: &crate::model::Topic) -> Vec<Link> {
    let by_id: BTreeMap<&str, &Link> = topic.links.iter().map(|l| (l.id.as_str(), l)).collect();
    Graph::links_of(topic)
        .order_by(|id| {
            let l = by_id[id];
            (l.level, l.minutes, l.title.clone())
        })
        .iter()
        .map(|id| by_id[id.as_str()].clone())
        .collect()
}
