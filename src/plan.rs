//! The staged plan: stages -> topics -> links, the one structure every renderer reads.
//!
//! Pure: `(course, graph) -> Plan`, no I/O. The order is deterministic:
//! - stages in `course.toml` order (or, without stages, the graph's generations);
//! - inside a stage, topics by prerequisite depth (the longest chain of prerequisites under a
//!   topic), then by id. A prerequisite always has a smaller depth than what needs it, so this is
//!   a topological order;
//! - inside a topic, links in a topological order of their `requires`, ties broken by level,
//!   then by place in the topic file (the curator's reading order).

pub use crate::schedule::{Date, Part, Schedule, ScheduleOptions, Short, Week, SHORT_PERCENT};
pub use crate::select::{Exclusion, Gap, Left, Report, Selected, Selection};

use crate::graph::{CourseView, Graph};
use crate::model::{Course, Link, LinkId, Links, Ref, StageId, TopicId};
use crate::schedule;
use crate::select;
use petgraph::Direction::{Incoming, Outgoing};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// The reader's plan: the course's stages, each with its topics in reading order, each with its
/// links; and the weeks they are scheduled into. What every renderer reads; its JSON is
/// `plan --format json`.
#[derive(Clone, Debug, Serialize)]
pub struct Plan<'a> {
    /// The course's title.
    pub title: String,
    /// The course's description (Markdown).
    pub description: String,
    /// The course's author, when it names one.
    pub author: Option<String>,
    /// The core: every link not on the optional track, read or practised.
    pub total_minutes: u32,
    /// The optional track, counted apart from the core (scheduled only with `--optional`).
    pub optional_minutes: u32,
    /// The stages, in course order.
    pub stages: Vec<PlanStage<'a>>,
    /// What the reader's selection left out (empty for the whole course).
    pub selection: Report,
    /// The schedule's figures; `weeks` holds the weeks themselves.
    pub schedule: Schedule,
    /// The weeks, from week 1.
    pub weeks: Vec<Week<'a>>,
}

/// A stage of the plan: a course stage (or, in a course without stages, a generation of the
/// topic graph) with the topics planned in it.
#[derive(Clone, Debug, Serialize)]
pub struct PlanStage<'a> {
    /// The stage's id.
    pub id: StageId,
    /// Its title.
    pub title: String,
    /// Its guidance (Markdown).
    pub guidance: String,
    /// Core minutes.
    pub minutes: u32,
    /// Minutes of the optional track.
    pub optional_minutes: u32,
    /// Its topics, in reading order.
    pub topics: Vec<PlanTopic<'a>>,
}

/// A topic of the plan with its links in reading order.
#[derive(Clone, Debug, Serialize)]
pub struct PlanTopic<'a> {
    /// The topic's id.
    pub id: TopicId,
    /// Its title.
    pub title: String,
    /// Its summary (Markdown).
    pub summary: String,
    /// The id of the stage it is planned in.
    pub stage: StageId,
    /// Topics it needs directly (written or implied by its links), sorted.
    pub requires: Vec<TopicId>,
    /// Direct prerequisites left out because the reader knows them (given, or implied).
    pub known_requires: Vec<TopicRef>,
    /// Topics that need it directly, sorted.
    pub unlocks: Vec<TopicId>,
    /// The longest chain of prerequisites under it (0: it needs none).
    pub depth: usize,
    /// Core minutes.
    pub minutes: u32,
    /// Minutes of the optional track.
    pub optional_minutes: u32,
    /// Its links, in reading order.
    pub links: Vec<PlanLink<'a>>,
}

/// A topic named by id with its title, for topics that are not in the plan itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TopicRef {
    /// The topic's id.
    pub id: TopicId,
    /// Its title.
    pub title: String,
}

/// A link as planned: the corpus link (borrowed), its requirements as planned, whether the
/// reader has done it and its week. Derefs to the `Link`, so renderers read `link.title` either
/// way. Serialized as the link's fields (with `requires` as planned) followed by its own.
#[derive(Clone, Debug)]
pub struct PlanLink<'a> {
    /// The link, as the course has it.
    pub link: &'a Link,
    /// Where `link` is: its topic's links and its place in them, from where a template is
    /// handed the link without a copy (see `LinkObject`).
    pub(crate) at: (&'a Links, u32),
    /// The link's requirements, or (under a selection that left out something it names) what
    /// the planner put in their place.
    pub requires: Cow<'a, [Ref]>,
    /// The progress file marks it done.
    pub done: bool,
    /// The schedule's week (the first, for a link longer than a week); `None` when done, or
    /// optional and the reader did not ask for the optional track.
    pub week: Option<u32>,
    /// The last week of a link that runs over several weeks; `None` otherwise.
    pub until_week: Option<u32>,
    /// The last `check --links` found it dead (the link cache's layer over the course, set by
    /// `Syllabus::plan`): shown as `url_status = "dead"`. The course keeps the status written.
    pub dead: bool,
    /// What the schedule reads of the link, copied while the planner has it at hand: the
    /// schedule's pass then reads the plan alone, not 100,000 corpus entries scattered over
    /// memory once more.
    pub(crate) for_schedule: (&'a str, u32, bool),
}

impl<'a> PlanLink<'a> {
    /// Link number `index` of `links`, not done and in no week yet.
    pub(crate) fn new(links: &'a Links, index: u32, requires: Cow<'a, [Ref]>) -> Self {
        let link = &links[index as usize];
        PlanLink {
            link,
            at: (links, index),
            requires,
            done: false,
            week: None,
            until_week: None,
            dead: false,
            for_schedule: (&link.id, link.minutes, link.optional),
        }
    }
}

/// What `#[serde(flatten)]` of the link would give, written out: flattening serializes through
/// a map, several times slower for a plan of 100,000 links. The fields are listed once, in
/// `View::fields`, which the Markdown template's lazy links read too.
impl Serialize for PlanLink<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("PlanLink", FIELD_NAMES.len())?;
        for (name, field) in self.view().fields() {
            if field.is_skipped() {
                out.skip_field(name)?;
            } else {
                out.serialize_field(name, &field)?;
            }
        }
        out.end()
    }
}

pub(crate) use crate::schema::Field;

impl PlanLink<'_> {
    pub(crate) fn view(&self) -> View<'_> {
        View {
            link: self.link,
            requires: &self.requires,
            done: self.done,
            week: self.week,
            until_week: self.until_week,
            dead: self.dead,
        }
    }
}

/// A planned link's fields, borrowed from a `PlanLink` or from what a template holds of one.
pub(crate) struct View<'a> {
    pub(crate) link: &'a Link,
    pub(crate) requires: &'a [Ref],
    pub(crate) done: bool,
    pub(crate) week: Option<u32>,
    pub(crate) until_week: Option<u32>,
    pub(crate) dead: bool,
}

/// The names of a planned link's fields, in serialized order: the link's (see `Link`'s schema),
/// then the plan's own. [`View::field`] gives each by its place here.
pub(crate) const FIELD_NAMES: [&str; Link::SCHEMA.len() + 3] =
    crate::schema::names(Link::SCHEMA, &["done", "week", "until_week"]);

/// The place of `requires` among the fields: the plan's take the place of the link's.
const REQUIRES: usize = crate::schema::position(&FIELD_NAMES, "requires");

/// What `url_status` shows for a link the last `check --links` found dead. Not a word of the
/// corpus (`UrlStatus`): the link cache knows it, and the plan lays it over the course.
pub(crate) const DEAD: &str = "dead";

/// The place of `url_status`: the link cache's word (`dead`) over the corpus's.
const URL_STATUS: usize = crate::schema::position(&FIELD_NAMES, "url_status");

impl<'a> View<'a> {
    /// Every field, named, in serialized order.
    pub(crate) fn fields(&self) -> impl Iterator<Item = (&'static str, Field<'a>)> + '_ {
        (0..FIELD_NAMES.len()).map(|i| (FIELD_NAMES[i], self.field(i)))
    }

    /// The field named `FIELD_NAMES[i]`.
    pub(crate) fn field(&self, i: usize) -> Field<'a> {
        let shown = Link::SCHEMA.len();
        match i {
            REQUIRES => Field::Refs(self.requires),
            URL_STATUS if self.dead => Field::Text(DEAD),
            i if i < shown => self.link.field(i),
            i if i == shown => Field::Flag(self.done),
            i if i == shown + 1 => Field::MaybeNumber(self.week),
            i if i == shown + 2 => Field::MaybeNumber(self.until_week),
            _ => panic!("a planned link has {} fields", FIELD_NAMES.len()),
        }
    }
}

impl std::ops::Deref for PlanLink<'_> {
    type Target = Link;
    fn deref(&self) -> &Link {
        self.link
    }
}

impl<'a> Plan<'a> {
    /// Every topic, in reading order.
    pub fn topics(&self) -> impl Iterator<Item = &PlanTopic<'a>> {
        self.stages.iter().flat_map(|s| s.topics.iter())
    }

    /// Every link, in reading order.
    pub fn links(&self) -> impl Iterator<Item = &Link> {
        self.plan_links().map(|l| l.link)
    }

    /// Every link as planned, in reading order.
    pub fn plan_links(&self) -> impl Iterator<Item = &PlanLink<'a>> {
        self.topics().flat_map(|t| t.links.iter())
    }

    /// Whether `link` counts toward the schedule: core links always, the optional track only
    /// when the reader asked for it.
    pub fn counts(&self, link: &Link) -> bool {
        !link.optional || self.schedule.optional
    }

    pub(crate) fn topic(&self, id: &str) -> Option<&PlanTopic<'a>> {
        self.topics().find(|t| t.id == id)
    }

    /// The planned link `id`.
    pub fn link(&self, id: &str) -> Option<&PlanLink<'a>> {
        self.plan_links().find(|l| l.id == id)
    }

    /// The stage holding topic or link `id`.
    pub(crate) fn stage_of(&self, id: &str) -> Option<(usize, &PlanStage<'a>)> {
        self.stages.iter().enumerate().find(|(_, s)| {
            s.topics
                .iter()
                .any(|t| t.id == id || t.links.iter().any(|l| l.id == id))
        })
    }
}

/// The plan of a validated course, scheduled at the default pace with nothing done.
pub fn build<'a>(course: &'a Course, graph: &Graph) -> Plan<'a> {
    let mut plan = build_unscheduled(&course, graph, &graph.topic_depths());
    apply_schedule(&mut plan, &ScheduleOptions::default(), &Default::default());
    plan
}

/// `depths` orders topics within a stage. They come from the whole course's graph, so that a
/// prerequisite reached only through a left-out link still comes first.
fn build_unscheduled<'a>(
    view: &impl CourseView<'a>,
    graph: &Graph,
    depths: &[Option<usize>],
) -> Plan<'a> {
    let course = view.course();
    let mut stages = plan_stages(course, depths);
    let mut by_stage: BTreeMap<usize, Vec<(usize, &str, usize)>> = BTreeMap::new();
    for (t, topic) in course.topics.iter().enumerate() {
        if !view.has_topic(t) {
            continue;
        }
        let depth = depths.get(t).copied().flatten().unwrap_or(0);
        let stage = match &topic.stage {
            Some(s) => course.stage_index(s).unwrap_or(0),
            None => depth,
        };
        by_stage
            .entry(stage)
            .or_default()
            .push((depth, &topic.id, t));
    }
    for (index, mut members) in by_stage {
        members.sort_unstable();
        let stage = &mut stages[index];
        for (depth, _, t) in members {
            let topic = &course.topics[t];
            let links = order_links(view, t);
            let (minutes, optional_minutes) = split_minutes(&links);
            stage.minutes += minutes;
            stage.optional_minutes += optional_minutes;
            stage.topics.push(PlanTopic {
                id: topic.id.clone(),
                title: topic.title.clone(),
                summary: topic.summary.clone(),
                stage: stage.id.clone(),
                requires: topic_ids(course, graph.topic_neighbours(t, Outgoing)),
                known_requires: Vec::new(),
                unlocks: topic_ids(course, graph.topic_neighbours(t, Incoming)),
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

/// The ids of topic numbers `topics`, sorted.
fn topic_ids(course: &Course, topics: Vec<usize>) -> Vec<TopicId> {
    let mut ids: Vec<&TopicId> = topics.into_iter().map(|t| &course.topics[t].id).collect();
    ids.sort_unstable();
    ids.into_iter().cloned().collect()
}

/// The stages, empty: the course's, or without them one a generation of the graph.
fn plan_stages<'a>(course: &Course, depths: &[Option<usize>]) -> Vec<PlanStage<'a>> {
    if course.stages.is_empty() {
        let generations = depths.iter().flatten().max().map_or(0, |d| d + 1);
        (1..=generations)
            .map(|n| PlanStage {
                id: StageId::new(format!("stage-{n}")).expect("`stage-N` is an id"),
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
                id: s.id.clone(),
                title: s.title.clone(),
                guidance: s.guidance.clone(),
                minutes: 0,
                optional_minutes: 0,
                topics: Vec::new(),
            })
            .collect()
    }
}

/// The plan for the reader's options: the selection applied to `course` (ids already checked
/// by `options::resolve`), planned, then scheduled with `done` links marked.
pub fn build_for<'a>(
    course: &'a Course,
    selection: &Selection,
    schedule: &ScheduleOptions,
    done: &BTreeSet<LinkId>,
) -> (Plan<'a>, Selected) {
    // The whole course's graph is needed either way (as the plan's, or for the depths and the
    // known topics) and does not depend on the selection: it is made meanwhile.
    let (selected, whole) = std::thread::scope(|scope| {
        let whole = scope.spawn(|| Graph::new(course));
        let selected = select::apply(course, selection);
        let whole = whole
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (selected, whole)
    });
    let view = selected.view(course);
    let own = (!selected.is_whole()).then(|| Graph::of(&view));
    let graph = own.as_ref().unwrap_or(&whole);
    // Order by depth in the whole course, so a prerequisite reached only through a left-out
    // link still comes first. Without a selection the plan's graph is the whole course's.
    let full = (!selected.report.is_empty()).then_some(&whole);
    let depths = full.unwrap_or(graph).topic_depths();
    let mut plan = build_unscheduled(&view, graph, &depths);
    plan.selection = selected.report.clone();
    let known: BTreeSet<&str> = plan
        .selection
        .known
        .iter()
        .map(TopicId::as_str)
        .chain(plan.selection.implied_known.iter().map(TopicId::as_str))
        .collect();
    if !known.is_empty() {
        // Known topics are not in the plan's graph, only in the whole course's.
        let full = full.unwrap_or(graph);
        for topic in plan.stages.iter_mut().flat_map(|s| s.topics.iter_mut()) {
            topic.known_requires = full
                .requires(&topic.id)
                .into_iter()
                .filter(|id| known.contains(id.as_str()))
                .filter_map(|id| course.topic(&id))
                .map(|t| TopicRef {
                    id: t.id.clone(),
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
fn split_minutes(links: &[PlanLink<'_>]) -> (u32, u32) {
    links.iter().fold((0, 0), |(core, optional), l| {
        if l.optional {
            (core, optional + l.minutes)
        } else {
            (core + l.minutes, optional)
        }
    })
}

/// When the optional track is scheduled, its links must still follow what they need in other
/// topics, which the graph leaves out of the topics' requirements (an optional link adds no
/// core edge). Each such need becomes a need of the link's topic for the schedule alone, unless
/// it would close a circle of needs (then the plan's order stands).
fn optional_needs(
    plan: &Plan<'_>,
    number: &std::collections::HashMap<&str, u32>,
    needs: &mut [Vec<u32>],
) {
    let topic_of: std::collections::HashMap<&str, u32> = plan
        .topics()
        .enumerate()
        .flat_map(|(n, t)| t.links.iter().map(move |l| (l.link.id.as_str(), n as u32)))
        .collect();
    let reaches = |needs: &[Vec<u32>], from: u32, to: u32| {
        let mut seen = vec![false; needs.len()];
        let mut stack = vec![from];
        while let Some(t) = stack.pop() {
            if t == to {
                return true;
            }
            if !std::mem::replace(&mut seen[t as usize], true) {
                stack.extend(needs[t as usize].iter().copied());
            }
        }
        false
    };
    for (n, t) in plan.topics().enumerate() {
        let n = n as u32;
        for l in t.links.iter().filter(|l| l.link.optional) {
            for r in l.requires.iter() {
                let Some(&u) = topic_of
                    .get(r.id.as_str())
                    .or_else(|| number.get(r.id.as_str()))
                else {
                    continue;
                };
                if u != n && !needs[n as usize].contains(&u) && !reaches(needs, u, n) {
                    needs[n as usize].push(u);
                }
            }
        }
    }
}

/// Mark `done` links and cut the rest into weeks. Optional links stay out of the weeks (and the
/// done and remaining figures, which describe the schedule) unless `options.optional`.
fn apply_schedule<'a>(plan: &mut Plan<'a>, options: &ScheduleOptions, done: &BTreeSet<LinkId>) {
    let mut marks: Vec<(bool, bool)> = Vec::new();
    // Topics by number in plan order, and what each needs: the schedule fills a week from later
    // topics only when they do not need what is still unread. A link's requirements in other
    // topics are among its topic's (the graph adds those its links imply); inside a topic plan
    // order is kept.
    let number: std::collections::HashMap<&str, u32> = plan
        .topics()
        .enumerate()
        .map(|(n, t)| (t.id.as_str(), n as u32))
        .collect();
    let mut needs: Vec<Vec<u32>> = plan
        .topics()
        .map(|t| {
            let ids = t.requires.iter();
            ids.filter_map(|id| number.get(id.as_str()).copied())
                .collect()
        })
        .collect();
    if options.optional {
        optional_needs(plan, &number, &mut needs);
    }
    // Each topic's stage, by number in course order: the schedule keeps stage order.
    let stage_of: Vec<u32> = (plan.stages.iter().enumerate())
        .flat_map(|(s, stage)| stage.topics.iter().map(move |_| s as u32))
        .collect();
    let items: Vec<schedule::Item> = plan
        .topics()
        .enumerate()
        .flat_map(|(n, t)| t.links.iter().map(move |l| (n as u32, l)))
        .filter_map(|(topic, l)| {
            let (id, minutes, optional) = l.for_schedule;
            let is_done = !done.is_empty() && done.contains(id);
            let scheduled = options.optional || !optional;
            marks.push((is_done, scheduled));
            scheduled.then_some(schedule::Item {
                id,
                minutes,
                done: is_done,
                topic,
                stage: stage_of[topic as usize],
                optional,
            })
        })
        .collect();
    let (summary, weeks, mut spans) = schedule::cut(&items, &needs, options);
    drop(items);
    // The links scheduled, in the order they were given: their spans come in that order.
    spans.reverse();
    let links = plan
        .stages
        .iter_mut()
        .flat_map(|s| s.topics.iter_mut())
        .flat_map(|t| t.links.iter_mut());
    for (link, (is_done, scheduled)) in links.zip(marks) {
        link.done = is_done;
        let span = if scheduled {
            spans.pop().flatten()
        } else {
            None
        };
        link.week = span.map(|(first, _)| first);
        link.until_week = span.and_then(|(first, last)| (last > first).then_some(last));
    }
    plan.schedule = summary;
    plan.weeks = weeks;
}

/// The planned links of topic `t` in reading order: a topological order of their requirements
/// inside the topic that, among the links ready at each step, takes the first by (optional,
/// level, place in the topic file). The optional track comes after the core where
/// prerequisites allow, so that a topic's scheduled links are not interrupted by unscheduled
/// ones. Between links of one level the file's order is the curator's (or a draft's) reading
/// order: a topic need not spell it out as `requires` between its own links, which would read
/// as dependencies they are not.
fn order_links<'a>(view: &impl CourseView<'a>, t: usize) -> Vec<PlanLink<'a>> {
    let topic = &view.course().topics[t];
    let kept: Vec<usize> = (0..topic.links.len())
        .filter(|&l| view.has_link(t, l))
        .collect();
    let links: Vec<(&'a Link, &[Ref])> = kept
        .iter()
        .map(|&l| (&topic.links[l], view.link_requires(t, l)))
        .collect();
    let needs = crate::graph::link_needs(view, t, &kept);
    let order = crate::graph::link_order(links.len(), needs, |i| {
        let l = links[i].0;
        (l.optional, l.level, i)
    });
    let mut out = Vec::with_capacity(links.len());
    for i in order {
        let (link, requires) = links[i];
        // Borrowed unless a selection rewrote them.
        let requires = if std::ptr::eq(requires, link.requires.as_slice()) {
            Cow::Borrowed(link.requires.as_slice())
        } else {
            Cow::Owned(requires.to_vec())
        };
        out.push(PlanLink::new(&topic.links, kept[i] as u32, requires));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LinkId, Ref, TopicId};

    #[test]
    fn a_plan_link_serializes_as_its_link_then_the_plan_s_fields() {
        let url = crate::corpus::url::check_url("https://example.org/a").unwrap();
        let mut link = Link::new(LinkId::new("a").unwrap(), TopicId::new("t").unwrap(), url);
        link.requires = vec![Ref::new("b".parse().unwrap())];
        link.note = Some("why".into());
        let shared = Links::from(vec![link.clone()]);
        let planned = PlanLink {
            done: true,
            week: Some(3),
            ..PlanLink::new(&shared, 0, Cow::Borrowed(&shared[0].requires))
        };
        assert_eq!(
            serde_json::to_string(&planned).unwrap(),
            r#"{"id":"a","topic":"t","url":"https://example.org/a","title":"","kind":"article","level":"intro","minutes":0,"authors":[],"published":null,"source":null,"note":"why","also":[],"requires":["b"],"access":"free","url_status":"confirmed","deliverable":null,"optional":false,"done":true,"week":3,"until_week":null}"#
        );
        // Alternates show when there are some; requirements as planned replace the written ones.
        link.alternates = vec!["https://example.org/b".to_string()];
        let shared = Links::from(vec![link]);
        let c = vec![Ref::new("c".parse().unwrap())];
        let rewritten = PlanLink::new(&shared, 0, Cow::Owned(c));
        let json = serde_json::to_string(&rewritten).unwrap();
        assert!(
            json.contains(
                r#""url":"https://example.org/a","alternates":["https://example.org/b"],"title""#
            ),
            "{json}"
        );
        assert!(json.contains(r#""requires":["c"]"#), "{json}");
    }
}
