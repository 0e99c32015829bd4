//! What each site template is given, as typed, serializable structs (one per page kind).
//!
//! What every page shares (the plan without its readings, the plan's figures) is converted to a
//! template value once per build and then passed by handle, so rendering a page costs only its
//! own content and the build stays linear in the plan. Decisions a template would otherwise
//! redo for every reading (week labels, where a week's list starts, relation titles) are made
//! here, once.

use super::DESCRIPTION_CHARS;
use crate::model::{Kind, Level};
use crate::plan::{Plan, PlanLink, PlanStage, PlanTopic, TopicRef};
use crate::render::{self, html};
use crate::schedule::{Schedule, Week};
use crate::select::Report;
use foldhash::HashMap;
use minijinja::Value;
use serde::Serialize;
use std::collections::BTreeMap;

/// What the frame (`layout.html.j2`) and every page read; made once per build.
#[derive(Serialize)]
pub struct Common {
    /// The site: the plan without its readings (`PlanHead`); the one-page export: all of it.
    plan: Value,
    #[serde(flatten)]
    figures: render::Figures,
    standalone: bool,
    /// Whether `plan.md` and `plan.json` are beside the pages (`build --data`).
    data: bool,
    /// The stylesheet, for the one-page export only.
    inline_css: Option<Value>,
}

impl Common {
    /// For the site's pages: `plan` is the `PlanHead`; `data` says whether `plan.md` and
    /// `plan.json` are beside them.
    pub fn site(plan: &Plan, heads: &[StageHead], data: bool) -> Self {
        let head = PlanHead {
            title: &plan.title,
            description: &plan.description,
            author: plan.author.as_deref(),
            total_minutes: plan.total_minutes,
            optional_minutes: plan.optional_minutes,
            stages: heads,
            selection: &plan.selection,
            schedule: &plan.schedule,
            weeks: &plan.weeks,
        };
        Self {
            data,
            ..Self::new(plan, Value::from_serialize(&head), None)
        }
    }

    /// For `plan --format html`: the whole plan, and the stylesheet inlined.
    pub fn standalone(plan: &Plan, css: String) -> Self {
        Self::new(
            plan,
            Value::from_serialize(plan),
            Some(Value::from_safe_string(css)),
        )
    }

    fn new(plan: &Plan, value: Value, inline_css: Option<Value>) -> Self {
        Common {
            plan: value,
            figures: render::Figures::of(plan),
            standalone: inline_css.is_some(),
            data: false,
            inline_css,
        }
    }
}

/// The plan as the site's pages see it: everything but the readings, which only their own
/// topic's page and the checklist need.
#[derive(Serialize)]
struct PlanHead<'a> {
    title: &'a str,
    description: &'a str,
    author: Option<&'a str>,
    total_minutes: u32,
    optional_minutes: u32,
    stages: &'a [StageHead<'a>],
    selection: &'a Report,
    schedule: &'a Schedule,
    weeks: &'a [Week<'a>],
}

/// A stage without its readings: the overview, the contents and the stage's own page.
#[derive(Serialize)]
pub struct StageHead<'a> {
    pub id: &'a str,
    pub title: &'a str,
    guidance: &'a str,
    minutes: u32,
    optional_minutes: u32,
    topics: Vec<TopicHead<'a>>,
}

#[derive(Serialize)]
struct TopicHead<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    minutes: u32,
    optional_minutes: u32,
    link_count: usize,
}

impl<'a> StageHead<'a> {
    pub fn new(stage: &'a PlanStage) -> Self {
        StageHead {
            id: &stage.id,
            title: &stage.title,
            guidance: &stage.guidance,
            minutes: stage.minutes,
            optional_minutes: stage.optional_minutes,
            topics: stage.topics.iter().map(TopicHead::new).collect(),
        }
    }
}

impl<'a> TopicHead<'a> {
    fn new(topic: &'a PlanTopic) -> Self {
        TopicHead {
            id: &topic.id,
            title: &topic.title,
            summary: &topic.summary,
            minutes: topic.minutes,
            optional_minutes: topic.optional_minutes,
            link_count: topic.links.len(),
        }
    }
}

/// A page in reading order, as the pager links to it.
#[derive(Serialize)]
pub struct Entry {
    pub href: String,
    pub title: String,
}

/// One page's context: the shared part, the page's own fields, and its body.
#[derive(Serialize)]
pub struct Page<'a, B: Serialize> {
    #[serde(flatten)]
    pub common: &'a Common,
    /// `index`, `stage`, `topic`, `checklist` or `print` (the body's class).
    pub page: &'static str,
    /// For `<meta name="description">`.
    pub description: String,
    pub prev: Option<&'a Entry>,
    pub next: Option<&'a Entry>,
    #[serde(flatten)]
    pub body: B,
}

/// A page's description from Markdown prose: plain text, cut at a word.
pub fn describe(markdown: &str) -> String {
    html::plain_text(markdown, DESCRIPTION_CHARS)
}

/// The prerequisite graph for a template: the SVG and how many implied edges it leaves out, or
/// (in `too_big`) the topic count when there are too many to draw.
#[derive(Serialize)]
pub struct Graph {
    pub svg: Value,
    pub implied: usize,
    pub too_big: usize,
    /// The drawing's own width in px: the graph page shows it at that size (labels at their
    /// full 13 px) and scrolls.
    pub width: f64,
}

/// The graph's own page.
#[derive(Serialize)]
pub struct GraphBody {
    pub graph: Graph,
}

/// The overview.
#[derive(Serialize)]
pub struct IndexBody<'a> {
    /// Whether the plan has a graph page to link to (too many topics draw none).
    pub has_graph: bool,
    /// For each week, the topics its readings belong to.
    pub week_topics: Vec<Vec<WeekTopic<'a>>>,
}

#[derive(Serialize)]
pub struct WeekTopic<'a> {
    id: &'a str,
    title: &'a str,
    /// How many of the week's readings are this topic's.
    count: usize,
}

/// For each week, the topics its readings belong to, in order, with how many each.
pub fn week_topics<'a>(plan: &'a Plan) -> Vec<Vec<WeekTopic<'a>>> {
    let topic_of: HashMap<&str, &PlanTopic> = plan
        .topics()
        .flat_map(|t| t.links.iter().map(move |l| (l.id.as_str(), t)))
        .collect();
    let mut weeks = Vec::with_capacity(plan.weeks.len());
    for week in &plan.weeks {
        let mut topics: Vec<WeekTopic> = Vec::new();
        for t in week.links.iter().filter_map(|id| topic_of.get(id)) {
            match topics.iter_mut().find(|seen| seen.id == t.id) {
                Some(seen) => seen.count += 1,
                None => topics.push(WeekTopic {
                    id: &t.id,
                    title: &t.title,
                    count: 1,
                }),
            }
        }
        weeks.push(topics);
    }
    weeks
}

/// A stage's page.
#[derive(Serialize)]
pub struct StageBody<'a> {
    pub stage: &'a StageHead<'a>,
    pub number: usize,
}

/// A topic's page: its readings grouped by week, its relations named.
#[derive(Serialize)]
pub struct TopicBody<'a> {
    topic: TopicView<'a>,
    stage: StageLabel<'a>,
    number: usize,
    requires: Vec<TopicLabel<'a>>,
    unlocks: Vec<TopicLabel<'a>>,
    /// Whether any of its links is practice (an exercise or project with a deliverable).
    practice: bool,
    groups: Vec<Group<'a>>,
}

#[derive(Serialize)]
struct TopicView<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    minutes: u32,
    optional_minutes: u32,
    known_requires: &'a [TopicRef],
    link_count: usize,
}

#[derive(Serialize)]
struct StageLabel<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct TopicLabel<'a> {
    id: &'a str,
    title: &'a str,
}

/// Consecutive readings under one week heading, numbered on from `start`.
#[derive(Serialize)]
struct Group<'a> {
    /// Empty when the plan has no schedule (then there is one group).
    label: String,
    /// The weeks whose readings start under this heading and no earlier one, for the
    /// overview's `#week-N` links: a reading running over weeks 16-19 answers for all four.
    anchors: Vec<u32>,
    start: usize,
    links: Vec<&'a PlanLink<'a>>,
}

/// Topic id -> title, for naming what a topic requires and unlocks.
pub type Titles<'a> = HashMap<&'a str, &'a str>;

pub fn titles<'a>(plan: &'a Plan) -> Titles<'a> {
    plan.topics()
        .map(|t| (t.id.as_str(), t.title.as_str()))
        .collect()
}

impl<'a> TopicBody<'a> {
    pub fn new(
        plan: &'a Plan,
        titles: &Titles<'a>,
        stage: &'a PlanStage,
        number: usize,
        topic: &'a PlanTopic,
    ) -> Self {
        let label = |ids: &'a [crate::model::TopicId]| -> Vec<TopicLabel<'a>> {
            ids.iter()
                .map(|id| TopicLabel {
                    id,
                    title: titles.get(id.as_str()).copied().unwrap_or(id.as_str()),
                })
                .collect()
        };
        TopicBody {
            topic: TopicView {
                id: &topic.id,
                title: &topic.title,
                summary: &topic.summary,
                minutes: topic.minutes,
                optional_minutes: topic.optional_minutes,
                known_requires: &topic.known_requires,
                link_count: topic.links.len(),
            },
            stage: StageLabel {
                id: &stage.id,
                title: &stage.title,
            },
            number,
            requires: label(&topic.requires),
            unlocks: label(&topic.unlocks),
            practice: topic.links.iter().any(|l| l.deliverable.is_some()),
            groups: groups(plan, &topic.links),
        }
    }
}

/// A topic's readings in lists by week: a new list wherever the week label changes, so that
/// the labels are headings, not list items that would throw a screen reader's count off.
fn groups<'a>(plan: &Plan, links: &'a [PlanLink]) -> Vec<Group<'a>> {
    let scheduled = !plan.weeks.is_empty();
    let mut groups: Vec<Group> = Vec::new();
    let mut last: Option<(&PlanLink, String)> = None;
    let mut anchored = std::collections::BTreeSet::new();
    for (i, link) in links.iter().enumerate() {
        let label = if scheduled {
            when(plan, link)
        } else {
            String::new()
        };
        let same = last
            .as_ref()
            .is_some_and(|(_, l)| !scheduled || *l == label);
        match groups.last_mut() {
            Some(group) if same => group.links.push(link),
            _ => groups.push(Group {
                label: label.clone(),
                anchors: Vec::new(),
                start: i + 1,
                links: vec![link],
            }),
        }
        // Every week this link is read in gets its anchor at the first heading that has it.
        if let (Some(first), Some(group)) = (link.week, groups.last_mut()) {
            for week in first..=link.until_week.unwrap_or(first) {
                if anchored.insert(week) {
                    group.anchors.push(week);
                }
            }
        }
        last = Some((link, label));
    }
    groups
}

/// When a link is read: `Week 3`, `Weeks 3-4 · from 2027-01-18`, `Done`, or why it is not
/// scheduled.
pub fn when(plan: &Plan, link: &PlanLink) -> String {
    let from = |week: u32| {
        plan.weeks
            .get(week as usize - 1)
            .and_then(|w| w.start.as_deref())
            .map(|start| format!(" · from {start}"))
            .unwrap_or_default()
    };
    match (link.week, link.until_week) {
        (Some(w), Some(until)) => format!("Weeks {w}-{until}{}", from(w)),
        (Some(w), None) => format!("Week {w}{}", from(w)),
        _ if link.done => "Done".into(),
        _ if link.optional => "Optional track, not scheduled".into(),
        _ => "Not scheduled".into(),
    }
}

/// The checklist: every reading, by stage and topic, with when it is read.
#[derive(Serialize)]
pub struct ChecklistBody<'a> {
    levels: Vec<&'static str>,
    kinds: Vec<&'static str>,
    stages: Vec<CheckStage<'a>>,
}

#[derive(Serialize)]
struct CheckStage<'a> {
    id: &'a str,
    title: &'a str,
    number: usize,
    /// The minutes its hours count: core, and the optional track when it is scheduled.
    counted: u32,
    topics: Vec<CheckTopic<'a>>,
}

#[derive(Serialize)]
struct CheckTopic<'a> {
    id: &'a str,
    title: &'a str,
    links: Vec<Reading<'a>>,
}

/// A link and the label of when it is read (empty when the plan has no schedule).
#[derive(Serialize)]
struct Reading<'a> {
    #[serde(flatten)]
    link: &'a PlanLink<'a>,
    when: String,
}

impl<'a> ChecklistBody<'a> {
    pub fn new(plan: &'a Plan) -> Self {
        let levels = Level::ALL
            .iter()
            .filter(|&&v| plan.links().any(|l| l.level == v))
            .map(|v| v.as_str())
            .collect();
        let kinds = Kind::ALL
            .iter()
            .filter(|&&v| plan.links().any(|l| l.kind == v))
            .map(|v| v.as_str())
            .collect();
        let optional = plan.schedule.optional;
        let stages = plan.stages.iter().enumerate().map(|(n, stage)| CheckStage {
            id: &stage.id,
            title: &stage.title,
            number: n + 1,
            counted: stage.minutes + if optional { stage.optional_minutes } else { 0 },
            topics: stage
                .topics
                .iter()
                .map(|topic| CheckTopic {
                    id: &topic.id,
                    title: &topic.title,
                    links: topic
                        .links
                        .iter()
                        .map(|link| Reading {
                            link,
                            when: if plan.weeks.is_empty() {
                                String::new()
                            } else {
                                when(plan, link)
                            },
                        })
                        .collect(),
                })
                .collect(),
        });
        ChecklistBody {
            levels,
            kinds,
            stages: stages.collect(),
        }
    }
}

/// `plan --format html`: the whole plan on one page, with lookups from ids to titles for its
/// schedule and relations.
#[derive(Serialize)]
pub struct StandaloneBody<'a> {
    pub graph: Graph,
    titles: BTreeMap<&'a str, &'a str>,
    link_titles: BTreeMap<&'a str, &'a str>,
    /// Practice items are named as such wherever the page lists them by title.
    practice_labels: BTreeMap<&'a str, &'static str>,
    optional_ids: BTreeMap<&'a str, bool>,
}

impl<'a> StandaloneBody<'a> {
    pub fn new(plan: &'a Plan, graph: Graph) -> Self {
        let links = || plan.links();
        StandaloneBody {
            graph,
            titles: plan
                .topics()
                .map(|t| (t.id.as_str(), t.title.as_str()))
                .collect(),
            link_titles: links().map(|l| (l.id.as_str(), l.title.as_str())).collect(),
            practice_labels: links()
                .filter(|l| l.kind.is_practice())
                .map(|l| (l.id.as_str(), render::practice_label(l.kind)))
                .collect(),
            optional_ids: links()
                .filter(|l| l.optional)
                .map(|l| (l.id.as_str(), true))
                .collect(),
        }
    }
}
