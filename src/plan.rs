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
use crate::schedule::{self, Schedule, ScheduleOptions, Week};
use crate::select::{self, Report, Selected, Selection};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, Serialize)]
pub struct Plan {
    pub title: String,
    pub description: String,
    pub author: Option<String>,
    /// The core: every link not on the optional track, read or practised.
    pub total_minutes: u32,
    /// The optional track, counted apart from the core (scheduled only with `--optional`).
    pub optional_minutes: u32,
    pub stages: Vec<PlanStage>,
    /// What the reader's selection left out (empty for the whole course).
    pub selection: Report,
    /// The schedule's figures; `weeks` holds the weeks themselves.
    pub schedule: Schedule,
    pub weeks: Vec<Week>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanStage {
    pub id: String,
    pub title: String,
    pub guidance: String,
    /// Core minutes.
    pub minutes: u32,
    pub optional_minutes: u32,
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
    /// Direct prerequisites left out because the reader knows them (given, or implied).
    pub known_requires: Vec<TopicRef>,
    /// Topics that need it directly, sorted.
    pub unlocks: Vec<String>,
    pub depth: usize,
    /// Core minutes.
    pub minutes: u32,
    pub optional_minutes: u32,
    pub links: Vec<PlanLink>,
}

/// A topic named by id with its title, for topics that are not in the plan itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TopicRef {
    pub id: String,
    pub title: String,
}

/// A link as planned: the corpus link, whether the reader has done it and its week.
/// Derefs to the `Link`, so renderers read `link.title` either way.
#[derive(Clone, Debug, Serialize)]
pub struct PlanLink {
    #[serde(flatten)]
    pub link: Link,
    pub done: bool,
    /// The schedule's week (the first, for a link longer than a week); `None` when done, or
    /// optional and the reader did not ask for the optional track.
    pub week: Option<u32>,
    /// The last week of a link that runs over several weeks; `None` otherwise.
    pub until_week: Option<u32>,
}

impl std::ops::Deref for PlanLink {
    type Target = Link;
    fn deref(&self) -> &Link {
        &self.link
    }
}

impl Plan {
    pub fn topics(&self) -> impl Iterator<Item = &PlanTopic> {
        self.stages.iter().flat_map(|s| s.topics.iter())
    }

    pub fn links(&self) -> impl Iterator<Item = &Link> {
        self.plan_links().map(|l| &l.link)
    }

    pub fn plan_links(&self) -> impl Iterator<Item = &PlanLink> {
        self.topics().flat_map(|t| t.links.iter())
    }

    /// Whether `link` counts toward the schedule: core links always, the optional track only
    /// when the reader asked for it.
    pub fn counts(&self, link: &Link) -> bool {
        !link.optional || self.schedule.optional
    }

    pub(crate) fn topic(&self, id: &str) -> Option<&PlanTopic> {
        self.topics().find(|t| t.id == id)
    }

    pub fn link(&self, id: &str) -> Option<&PlanLink> {
        self.plan_links().find(|l| l.id == id)
    }

    /// The stage holding topic or link `id`.
    pub(crate) fn stage_of(&self, id: &str) -> Option<(usize, &PlanStage)> {
        self.stages.iter().enumerate().find(|(_, s)| {
            s.topics
                .iter()
                .any(|t| t.id == id || t.links.iter().any(|l| l.id == id))
        })
    }
}

/// The plan of a validated course, scheduled at the default pace with nothing done.
pub fn build(course: &Course, graph: &Graph) -> Plan {
    let mut plan = build_unscheduled(course, graph, &graph.depths());
    apply_schedule(&mut plan, &ScheduleOptions::default(), &Default::default());
    plan
}

/// `depths` orders topics within a stage. They come from the whole course's graph, so that a
/// prerequisite reached only through a left-out link still comes first.
fn build_unscheduled(course: &Course, graph: &Graph, depths: &BTreeMap<String, usize>) -> Plan {
    let mut stages: Vec<PlanStage> = if course.stages.is_empty() {
        let generations = depths.values().copied().max().map_or(0, |d| d + 1);
        (1..=generations)
            .map(|n| PlanStage {
                id: format!("stage-{n}"),
                title: format!("Stage {n}"),
                guidance: String::new(),
                minutes: 0,
                optional_minutes: 0,
                topics: Vec::new(),
            })
            .collect()
    } else {
        course
            .stages
            .iter()
            .map(|s| PlanStage {
                id: s.id.to_string(),
                title: s.title.clone(),
                guidance: s.guidance.clone(),
                minutes: 0,
                optional_minutes: 0,
                topics: Vec::new(),
            })
            .collect()
    };

    let mut by_stage: BTreeMap<usize, Vec<(usize, &str)>> = BTreeMap::new();
    for topic in &course.topics {
        let depth = depths.get(topic.id.as_str()).copied().unwrap_or(0);
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
            let (minutes, optional_minutes) = split_minutes(&links);
            stage.minutes += minutes;
            stage.optional_minutes += optional_minutes;
            stage.topics.push(PlanTopic {
                id: topic.id.to_string(),
                title: topic.title.clone(),
                summary: topic.summary.clone(),
                stage: stage.id.clone(),
                requires: graph.requires(&topic.id),
                known_requires: Vec::new(),
                unlocks: graph.unlocks(&topic.id),
                depth,
                minutes,
                optional_minutes,
                links,
            });
        }
    }
    let total_minutes = stages.iter().map(|s| s.minutes).sum();
    let optional_minutes = stages.iter().map(|s| s.optional_minutes).sum();
    Plan {
        title: course.title.clone(),
        description: course.description.clone(),
        author: course.author.clone(),
        total_minutes,
        optional_minutes,
        stages,
        selection: Report::default(),
        schedule: Schedule::default(),
        weeks: Vec::new(),
    }
}

/// The plan for the reader's options: the selection applied to `course` (ids already checked
/// by `options::resolve`), planned, then scheduled with `done` links marked.
pub fn build_for(
    course: &Course,
    selection: &Selection,
    schedule: &ScheduleOptions,
    done: &BTreeSet<String>,
) -> (Plan, Selected) {
    let selected = select::apply(course, selection);
    let graph = Graph::new(&selected.course);
    // Order by depth in the whole course, so a prerequisite reached only through a left-out
    // link still comes first. Without a selection the plan's graph is the whole course's.
    let full = (!selected.report.is_empty()).then(|| Graph::new(course));
    let depths = full.as_ref().unwrap_or(&graph).depths();
    let mut plan = build_unscheduled(&selected.course, &graph, &depths);
    plan.selection = selected.report.clone();
    let known: BTreeSet<&str> = plan
        .selection
        .known
        .iter()
        .chain(&plan.selection.implied_known)
        .map(String::as_str)
        .collect();
    if !known.is_empty() {
        // Known topics are not in the plan's graph, only in the whole course's.
        let full = full.as_ref().unwrap_or(&graph);
        for topic in plan.stages.iter_mut().flat_map(|s| s.topics.iter_mut()) {
            topic.known_requires = full
                .requires(&topic.id)
                .into_iter()
                .filter(|id| known.contains(id.as_str()))
                .filter_map(|id| course.topic(&id))
                .map(|t| TopicRef {
                    id: t.id.to_string(),
                    title: t.title.clone(),
                })
                .collect();
        }
    }
    // A stage the selection emptied would only be a heading with nothing under it.
    if !plan.selection.is_empty() {
        plan.stages.retain(|s| !s.topics.is_empty());
    }
    apply_schedule(&mut plan, schedule, done);
    (plan, selected)
}

/// Core and optional minutes of `links`.
fn split_minutes(links: &[PlanLink]) -> (u32, u32) {
    links.iter().fold((0, 0), |(core, optional), l| {
        if l.optional {
            (core, optional + l.minutes)
        } else {
            (core + l.minutes, optional)
        }
    })
}

/// Mark `done` links and cut the rest into weeks. Optional links stay out of the weeks (and the
/// done and remaining figures, which describe the schedule) unless `options.optional`.
fn apply_schedule(plan: &mut Plan, options: &ScheduleOptions, done: &BTreeSet<String>) {
    let links = || {
        plan.stages
            .iter()
            .flat_map(|s| s.topics.iter())
            .flat_map(|t| t.links.iter())
    };
    let items: Vec<schedule::Item> = links()
        .filter(|l| options.optional || !l.optional)
        .map(|l| schedule::Item {
            id: &l.id,
            minutes: l.minutes,
            done: done.contains(l.id.as_str()),
        })
        .collect();
    let (summary, weeks) = schedule::cut(&items, options);
    // A link longer than a week is in several weeks: its first and its last.
    let mut week_of: std::collections::HashMap<&str, (u32, u32)> = Default::default();
    for w in &weeks {
        for id in &w.links {
            week_of
                .entry(id.as_str())
                .and_modify(|span| span.1 = w.number)
                .or_insert((w.number, w.number));
        }
    }
    for link in plan
        .stages
        .iter_mut()
        .flat_map(|s| s.topics.iter_mut())
        .flat_map(|t| t.links.iter_mut())
    {
        link.done = done.contains(link.id.as_str());
        let span = week_of.get(link.id.as_str()).copied();
        link.week = span.map(|(first, _)| first);
        link.until_week = span.and_then(|(first, last)| (last > first).then_some(last));
    }
    plan.schedule = summary;
    plan.weeks = weeks;
}

fn order_links(topic: &crate::model::Topic) -> Vec<PlanLink> {
    let by_id: BTreeMap<&str, &Link> = topic.links.iter().map(|l| (l.id.as_str(), l)).collect();
    Graph::links_of(topic)
        .order_by(|id| {
            let l = by_id[id];
            // The optional track after the core, where prerequisites allow, so that a topic's
            // scheduled links are not interrupted by unscheduled ones.
            (l.optional, l.level, l.minutes, l.title.clone())
        })
        .iter()
        .map(|id| PlanLink {
            link: by_id[id.as_str()].clone(),
            done: false,
            week: None,
            until_week: None,
        })
        .collect()
}
