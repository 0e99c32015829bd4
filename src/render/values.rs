//! The plan as the Markdown template's values, looking into the plan instead of copying it.
//!
//! `Value::from_serialize(plan)` copies every field of every link into a map of template values:
//! some 2 KB a link, most of the memory `plan` took. Here each link is a [`LinkObject`] that
//! answers a lookup from the corpus link when the template makes it; the rest of the plan (a
//! few values a topic) is copied as before. A template sees exactly what the copy held: the same
//! fields, in the same order, with the same values (the tests hold the two side by side).

use crate::model::{Ref, SharedLink};
use crate::plan::{Field, Plan, PlanLink, PlanStage, PlanTopic, View, FIELD_NAMES};
use minijinja::value::{Enumerator, Object};
use minijinja::Value;
use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;

/// What `Value::from_serialize(plan)` gives, but with each link a [`LinkObject`].
pub(crate) fn plan(plan: &Plan) -> Value {
    // Named field by field (no `..`), so that a field added to `Plan` is a compile error here
    // until it is added below too; the tests check the order.
    let Plan {
        title,
        description,
        author,
        total_minutes,
        optional_minutes,
        stages,
        selection,
        schedule,
        weeks,
    } = plan;
    Value::from_serialize(PlanValues {
        title,
        description,
        author,
        total_minutes,
        optional_minutes,
        stages: stages.iter().map(stage).collect(),
        selection,
        schedule,
        weeks,
    })
}

#[derive(Serialize)]
struct PlanValues<'p> {
    title: &'p String,
    description: &'p String,
    author: &'p Option<String>,
    total_minutes: &'p u32,
    optional_minutes: &'p u32,
    stages: Vec<StageValues<'p>>,
    selection: &'p crate::select::Report,
    schedule: &'p crate::schedule::Schedule,
    weeks: &'p Vec<crate::schedule::Week<'p>>,
}

#[derive(Serialize)]
struct StageValues<'p> {
    id: &'p crate::model::StageId,
    title: &'p String,
    guidance: &'p String,
    minutes: &'p u32,
    optional_minutes: &'p u32,
    topics: Vec<TopicValues<'p>>,
}

#[derive(Serialize)]
struct TopicValues<'p> {
    id: &'p crate::model::TopicId,
    title: &'p String,
    summary: &'p String,
    stage: &'p crate::model::StageId,
    requires: &'p Vec<crate::model::TopicId>,
    known_requires: &'p Vec<crate::plan::TopicRef>,
    unlocks: &'p Vec<crate::model::TopicId>,
    depth: &'p usize,
    minutes: &'p u32,
    optional_minutes: &'p u32,
    links: LinkValues<'p>,
}

fn stage<'p>(stage: &'p PlanStage<'p>) -> StageValues<'p> {
    let PlanStage {
        id,
        title,
        guidance,
        minutes,
        optional_minutes,
        topics,
    } = stage;
    StageValues {
        id,
        title,
        guidance,
        minutes,
        optional_minutes,
        topics: topics.iter().map(topic).collect(),
    }
}

fn topic<'p>(topic: &'p PlanTopic<'p>) -> TopicValues<'p> {
    let PlanTopic {
        id,
        title,
        summary,
        stage,
        requires,
        known_requires,
        unlocks,
        depth,
        minutes,
        optional_minutes,
        links,
    } = topic;
    TopicValues {
        id,
        title,
        summary,
        stage,
        requires,
        known_requires,
        unlocks,
        depth,
        minutes,
        optional_minutes,
        links: LinkValues(links),
    }
}

/// A topic's links, each serialized as a [`LinkObject`] (minijinja keeps a `Value` met while
/// serializing into one as it is).
struct LinkValues<'p>(&'p [PlanLink<'p>]);

impl Serialize for LinkValues<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for link in self.0 {
            seq.serialize_element(&Value::from_object(LinkObject::of(link)))?;
        }
        seq.end()
    }
}

/// A planned link as a template sees it: a map with the fields (order and values) its
/// serialized form has, each looked up in the shared corpus link when the template asks.
#[derive(Debug)]
pub(crate) struct LinkObject {
    link: SharedLink,
    /// Only when the plan replaced the link's own.
    requires: Option<Vec<Ref>>,
    done: bool,
    week: Option<u32>,
    until_week: Option<u32>,
    dead: bool,
}

impl LinkObject {
    fn of(planned: &PlanLink<'_>) -> Self {
        let (links, index) = planned.at;
        LinkObject {
            link: links.shared(index as usize),
            requires: match &planned.requires {
                Cow::Borrowed(_) => None,
                Cow::Owned(requires) => Some(requires.clone()),
            },
            done: planned.done,
            week: planned.week,
            until_week: planned.until_week,
            dead: planned.dead,
        }
    }

    fn view(&self) -> View<'_> {
        View {
            link: &self.link,
            requires: self.requires.as_deref().unwrap_or(&self.link.requires),
            done: self.done,
            week: self.week,
            until_week: self.until_week,
            dead: self.dead,
        }
    }
}

impl Object for LinkObject {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        let i = FIELD_NAMES.iter().position(|name| *name == key)?;
        let field = self.view().field(i);
        (!field.is_skipped()).then(|| value(field))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let view = self.view();
        let names = view.fields().filter(|(_, f)| !f.is_skipped());
        Enumerator::Values(names.map(|(name, _)| Value::from(name)).collect())
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(
            self.view()
                .fields()
                .filter(|(_, f)| !f.is_skipped())
                .count(),
        )
    }
}

/// The value `Value::from_serialize` makes of a field, made directly.
fn value(field: Field<'_>) -> Value {
    match field {
        Field::Text(text) => Value::from(text),
        Field::MaybeText(text) => text.map_or(Value::from(()), Value::from),
        Field::Texts(texts) => Value::from_iter(texts.iter().map(|t| Value::from(t.as_str()))),
        Field::Refs(refs) => Value::from_iter(refs.iter().map(|r| Value::from(r.id.as_str()))),
        Field::Number(n) => Value::from(n),
        Field::MaybeNumber(n) => n.map_or(Value::from(()), Value::from),
        Field::Flag(b) => Value::from(b),
        Field::Absent => Value::UNDEFINED,
    }
}

/// The lookups from link id the Markdown template is given, each a map over one shared table of
/// the plan's links rather than a copy (four maps of 100,000 entries at 100,000 links):
/// `link_titles` (title), `practice_labels` (`Exercise` or `Project`, practice only),
/// `optional_ids` (`true`, optional links only) and `when_labels` (see [`when_label`]). Each
/// holds, enumerates (by id, in order) and answers as the `BTreeMap` it replaces. Last,
/// `week_readings` (see [`week_readings`]), made from the same table, and `week_items` and
/// `week_optional` (see [`week_items`]).
pub(crate) fn link_maps(plan: &Plan) -> LinkMaps {
    let entries: Vec<Entry> = plan
        .plan_links()
        .map(|l| Entry {
            link: l.at.0.shared(l.at.1 as usize),
            done: l.done,
            week: l.week,
            until_week: l.until_week,
            dead: l.dead,
        })
        .collect();
    let mut index = foldhash::HashMap::default();
    index.reserve(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        // The first of an id keeps it (only an invalid corpus repeats one).
        index.entry(entry.link.id.to_string()).or_insert(i as u32);
    }
    let starts = plan.weeks.iter().map(|w| w.start.clone()).collect();
    let table = Arc::new(LinkTable {
        entries,
        index,
        starts,
    });
    let readings = Value::from(week_readings(plan, &table));
    let (items, optional) = week_items(plan, &table);
    let map = |kind| {
        Value::from_object(LinkMap {
            table: table.clone(),
            kind,
        })
    };
    LinkMaps {
        link_titles: map(MapKind::Titles),
        practice_labels: map(MapKind::PracticeLabels),
        optional_ids: map(MapKind::OptionalIds),
        when_labels: map(MapKind::WhenLabels),
        week_readings: readings,
        week_items: Value::from(items),
        week_optional: Value::from(optional),
    }
}

/// The lookups and lists of [`link_maps`], by the names the Markdown template reads.
#[derive(Serialize)]
pub(crate) struct LinkMaps {
    link_titles: Value,
    practice_labels: Value,
    optional_ids: Value,
    when_labels: Value,
    week_readings: Value,
    week_items: Value,
    week_optional: Value,
}

/// One entry of a week's list: the link (as a [`LinkObject`]: its fields are looked up when the
/// template asks) and, for a link running over several weeks, the part that falls in this one.
#[derive(Serialize)]
struct WeekItem {
    link: Value,
    part: Option<crate::schedule::Part>,
}

/// By week, what the Markdown's week-by-week plan lists: `week_items`, the week's links in
/// reading order, and `week_optional`, the optional links not scheduled whose topic the week
/// starts (read them alongside, if there is time).
fn week_items(plan: &Plan, table: &LinkTable) -> (Vec<Value>, Vec<Value>) {
    let object = |entry: &Entry| {
        Value::from_object(LinkObject {
            link: entry.link.clone(),
            requires: None,
            done: entry.done,
            week: entry.week,
            until_week: entry.until_week,
            dead: entry.dead,
        })
    };
    let items = plan
        .weeks
        .iter()
        .map(|week| {
            let items: Vec<Value> = week
                .links
                .iter()
                .filter_map(|id| {
                    let entry = table.find(id)?;
                    Some(Value::from_serialize(WeekItem {
                        link: object(entry),
                        part: week.parts.get(id).copied(),
                    }))
                })
                .collect();
            Value::from(items)
        })
        .collect();
    let mut optional: Vec<Vec<Value>> = vec![Vec::new(); plan.weeks.len()];
    for topic in plan.topics() {
        let last = topic
            .links
            .iter()
            .filter_map(|l| l.until_week.or(l.week))
            .max();
        let Some(last) = last else {
            continue;
        };
        let Some(list) = optional.get_mut(last as usize - 1) else {
            continue;
        };
        for link in &topic.links {
            if link.optional && link.week.is_none() && !link.done {
                list.push(Value::from_object(LinkObject::of(link)));
            }
        }
    }
    (items, optional.into_iter().map(Value::from).collect())
}

/// By week, the readings its row of the schedule table lists: each title (a practice item
/// introduced as such), the part of a long link that falls in that week, and the optional
/// mark, joined by `; `. Made here once: the template spent an eighth of its time on four
/// lookups and a filter for each of 100,000 entries.
fn week_readings(plan: &Plan, table: &LinkTable) -> Vec<String> {
    plan.weeks
        .iter()
        .map(|week| {
            let mut cell = String::new();
            for (i, id) in week.links.iter().enumerate() {
                if i > 0 {
                    cell.push_str("; ");
                }
                let Some(entry) = table.find(id) else {
                    continue;
                };
                let link = &entry.link;
                if link.kind.is_practice() {
                    cell.push('*');
                    cell.push_str(super::practice_label(link.kind));
                    cell.push_str(":* ");
                }
                cell.push_str(&super::markdown_inline(&link.title));
                if let Some(part) = week.parts.get(id) {
                    cell.push_str(&format!(" (part {} of {})", part.part, part.of));
                }
                if link.optional {
                    cell.push_str(" *(optional)*");
                }
            }
            cell
        })
        .collect()
}

/// When the reader reads a link: `Week 3`, `Weeks 2-4 · from 2026-01-05`, `Done` or
/// `Optional track, not scheduled`. The Markdown groups a topic's links under these; made here
/// rather than by a template macro (a tenth of the rendering time).
fn when_label(entry: &Entry, starts: &[Option<String>]) -> String {
    let from = |week: u32| {
        let start = starts
            .get(week as usize - 1)
            .and_then(|s| s.as_deref())
            .filter(|s| !s.is_empty());
        start.map(|s| format!(" · from {s}")).unwrap_or_default()
    };
    let (week, until) = (entry.week, entry.until_week);
    match (week.filter(|&w| w > 0), until.filter(|&w| w > 0)) {
        (Some(week), Some(until)) => format!("Weeks {week}-{until}{}", from(week)),
        (Some(week), None) => format!("Week {week}{}", from(week)),
        _ if entry.done => "Done".to_string(),
        _ => "Optional track, not scheduled".to_string(),
    }
}

#[derive(Debug)]
struct LinkTable {
    /// The plan's links, in plan order.
    entries: Vec<Entry>,
    /// Positions in `entries` by link id.
    index: foldhash::HashMap<String, u32>,
    /// By week number - 1: the day it starts, when the schedule has a start.
    starts: Vec<Option<String>>,
}

impl LinkTable {
    /// The entry of link `id`.
    fn find(&self, id: &str) -> Option<&Entry> {
        let &p = self.index.get(id)?;
        Some(&self.entries[p as usize])
    }
}

#[derive(Debug)]
struct Entry {
    link: SharedLink,
    done: bool,
    week: Option<u32>,
    until_week: Option<u32>,
    dead: bool,
}

#[derive(Clone, Copy, Debug)]
enum MapKind {
    Titles,
    PracticeLabels,
    OptionalIds,
    WhenLabels,
}

#[derive(Debug)]
struct LinkMap {
    table: Arc<LinkTable>,
    kind: MapKind,
}

impl LinkMap {
    /// What the map holds for `entry`, if it holds it at all.
    fn value(&self, entry: &Entry) -> Option<Value> {
        let link = &entry.link;
        match self.kind {
            MapKind::Titles => Some(Value::from(link.title.as_str())),
            MapKind::PracticeLabels => link
                .kind
                .is_practice()
                .then(|| Value::from(super::practice_label(link.kind))),
            MapKind::OptionalIds => link.optional.then(|| Value::from(true)),
            MapKind::WhenLabels => Some(Value::from(when_label(entry, &self.table.starts))),
        }
    }

    fn holds(&self, entry: &Entry) -> bool {
        match self.kind {
            MapKind::PracticeLabels => entry.link.kind.is_practice(),
            MapKind::OptionalIds => entry.link.optional,
            MapKind::Titles | MapKind::WhenLabels => true,
        }
    }
}

impl Object for LinkMap {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.value(self.table.find(key)?)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let mut ids: Vec<&str> = self
            .table
            .entries
            .iter()
            .filter(|e| self.holds(e))
            .map(|e| e.link.id.as_str())
            .collect();
        ids.sort_unstable();
        Enumerator::Values(ids.into_iter().map(Value::from).collect())
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.table.entries.iter().filter(|e| self.holds(e)).count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Graph;
    use crate::model::Course;
    use crate::schedule::ScheduleOptions;
    use crate::select::Selection;
    use minijinja::context;
    use std::collections::BTreeSet;

    /// The shipped course planned whole, and with a link skipped that another link of it
    /// needs (so that the planner replaces that link's requirements), with one link done.
    fn shipped_plans(course: &Course) -> Vec<Plan<'_>> {
        let (needy, needed) = course
            .links()
            .find_map(|l| {
                let r = l.requires.iter().find(|r| course.link(&r.id).is_some())?;
                Some((l.id.to_string(), r.id.clone()))
            })
            .expect("a link of the shipped course needs another link");
        let selection = Selection {
            skip: vec![needed],
            ..Selection::default()
        };
        let done = BTreeSet::from([course.links().next().unwrap().id.clone()]);
        // Started, so that weeks have dates (and labels say from when).
        let options = ScheduleOptions {
            start: crate::schedule::Date::parse("2026-01-05"),
            ..ScheduleOptions::default()
        };
        let (skipping, _) = crate::plan::build_for(course, &selection, &options, &done);
        let replaced = skipping.link(&needy).unwrap();
        assert!(matches!(replaced.requires, Cow::Owned(_)), "{needy}");
        assert!(skipping.weeks.iter().all(|w| w.start.is_some()));
        vec![crate::plan::build(course, &Graph::new(course)), skipping]
    }

    /// Every link value of a plan value, in plan order.
    fn link_values(plan: &Value) -> Vec<Value> {
        let mut out = Vec::new();
        for stage in plan.get_attr("stages").unwrap().try_iter().unwrap() {
            for topic in stage.get_attr("topics").unwrap().try_iter().unwrap() {
                out.extend(topic.get_attr("links").unwrap().try_iter().unwrap());
            }
        }
        out
    }

    /// Renders `template` with `context`.
    fn render(template: &str, context: Value) -> String {
        let mut env = minijinja::Environment::new();
        env.add_template("t", template).unwrap();
        env.get_template("t").unwrap().render(context).unwrap()
    }

    #[test]
    fn a_template_sees_each_planned_link_with_the_fields_of_the_json() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("topics");
        let course = crate::corpus::load_dir(&dir).unwrap().course;
        for plan in shipped_plans(&course) {
            let values = super::plan(&plan);
            let json: serde_json::Value = serde_json::to_value(&plan).unwrap();
            let links = link_values(&values);
            assert_eq!(links.len(), plan.plan_links().count());
            let json_links = json["stages"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|s| s["topics"].as_array().unwrap())
                .flat_map(|t| t["links"].as_array().unwrap());
            for (l, j) in links.into_iter().zip(json_links) {
                let j = j.as_object().unwrap();
                // The keys in order, each value as the JSON has it, nothing else.
                // (The order is the JSON's own: see the plan's serialization test.)
                let keys = render("{% for k in l %}{{ k }} {% endfor %}", context! { l });
                let mut keys: Vec<&str> = keys.split_whitespace().collect();
                keys.sort_unstable();
                let want: Vec<&str> = j.keys().map(String::as_str).collect();
                assert_eq!(keys, want);
                for (k, v) in j {
                    let seen = l.get_item(&Value::from(k.as_str())).unwrap();
                    let seen = serde_json::to_value(&seen).unwrap();
                    assert_eq!(&seen, v, "{} {k}", j["id"]);
                }
                assert_eq!(render("{{ l.nope is defined }}", context! { l }), "False");
            }
        }
    }

    #[test]
    fn link_maps_answer_by_link_id() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("topics");
        let course = crate::corpus::load_dir(&dir).unwrap().course;
        for plan in shipped_plans(&course) {
            let maps = link_maps(&plan);
            let starts: Vec<Option<String>> = plan.weeks.iter().map(|w| w.start.clone()).collect();
            for l in plan.plan_links() {
                let id = Value::from(l.id.as_str());
                let get = |m: &Value| m.get_item(&id).ok().filter(|v| !v.is_undefined());
                assert_eq!(get(&maps.link_titles), Some(Value::from(l.title.as_str())));
                let label = match l.kind {
                    crate::model::Kind::Exercise => Some(Value::from("Exercise")),
                    crate::model::Kind::Project => Some(Value::from("Project")),
                    _ => None,
                };
                assert_eq!(get(&maps.practice_labels), label, "{}", l.id);
                assert_eq!(
                    get(&maps.optional_ids),
                    l.optional.then(|| Value::from(true))
                );
                let when = get(&maps.when_labels).unwrap().to_string();
                let from = |w: u32| {
                    let start = starts[w as usize - 1].as_deref();
                    start.map(|s| format!(" · from {s}")).unwrap_or_default()
                };
                let want = match (l.week, l.until_week) {
                    (Some(w), Some(u)) => format!("Weeks {w}-{u}{}", from(w)),
                    (Some(w), None) => format!("Week {w}{}", from(w)),
                    _ if l.done => "Done".to_string(),
                    _ => "Optional track, not scheduled".to_string(),
                };
                assert_eq!(when, want);
            }
            // A topic's id is no link's; maps enumerate their ids in order.
            let topic = Value::from(plan.topics().next().unwrap().id.as_str());
            assert!(maps.link_titles.get_item(&topic).unwrap().is_undefined());
            let ids = render(
                "{% for k in m %}{{ k }} {% endfor %}",
                context! { m => maps.link_titles },
            );
            let mut want: Vec<&str> = plan.plan_links().map(|l| l.id.as_str()).collect();
            want.sort_unstable();
            assert_eq!(
                ids,
                want.iter().map(|id| format!("{id} ")).collect::<String>()
            );
            let practice = render("{{ m | length }}", context! { m => maps.practice_labels });
            let count = plan.plan_links().filter(|l| l.kind.is_practice()).count();
            assert_eq!(practice, count.to_string());
        }
    }
}
