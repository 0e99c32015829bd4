//! Property tests for the reader's options on random prerequisite DAGs: selection, schedule,
//! progress and the iCalendar output.

use crate::corpus::url::check_url;
use crate::model::{Course, ItemId, Kind, Level, Link, LinkId, Ref, Topic, TopicId};
use crate::plan::{build_for, Plan};
use crate::schedule::{Date, ScheduleOptions};
use crate::select::Selection;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Topic `t{i}` may require any `t{j}` with `j < i`; link `l{i}-{k}` may require an earlier link.
/// A link: minutes, level, and (topic, link) indices it requires.
type LinkSpec = (u32, Level, Vec<(usize, usize)>);

#[derive(Clone, Debug)]
struct Spec {
    topic_requires: Vec<Vec<usize>>,
    links: Vec<Vec<LinkSpec>>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (2usize..9).prop_flat_map(|n| {
        let requires = (0..n)
            .map(|i| proptest::sample::subsequence((0..i).collect::<Vec<_>>(), 0..=i.min(3)))
            .collect::<Vec<_>>();
        let links = (0..n)
            .map(|_| {
                proptest::collection::vec(
                    (
                        1u32..500,
                        prop_oneof![
                            Just(Level::Intro),
                            Just(Level::Intermediate),
                            Just(Level::Advanced)
                        ],
                        proptest::collection::vec((0usize..9, 0usize..4), 0..2),
                    ),
                    0..4,
                )
            })
            .collect::<Vec<_>>();
        (requires, links).prop_map(|(topic_requires, links)| Spec {
            topic_requires,
            links,
        })
    })
}

fn course(spec: &Spec) -> Course {
    let n = spec.topic_requires.len();
    let mut topics = Vec::new();
    for i in 0..n {
        let links = spec.links[i]
            .iter()
            .enumerate()
            .map(|(k, (minutes, level, reqs))| Link {
                title: format!("Link {i}.{k}, part; one"),
                kind: Kind::Article,
                level: *level,
                minutes: *minutes,
                // Only earlier links (an earlier topic, or earlier in the same one): a DAG.
                requires: reqs
                    .iter()
                    .filter(|(t, l)| (*t < i && *l < spec.links[*t].len()) || (*t == i && *l < k))
                    .map(|(t, l)| Ref {
                        id: format!("l{t}-{l}").parse().unwrap(),
                        origin: Default::default(),
                    })
                    .collect(),
                ..Link::new(
                    format!("l{i}-{k}").parse().unwrap(),
                    format!("t{i}").parse().unwrap(),
                    check_url(&format!("https://example.org/{i}/{k}")).unwrap(),
                )
            })
            .collect();
        topics.push(Topic {
            title: format!("Topic {i}"),
            requires: spec.topic_requires[i]
                .iter()
                .map(|j| Ref {
                    id: format!("t{j}").parse().unwrap(),
                    origin: Default::default(),
                })
                .collect(),
            links,
            ..Topic::new(format!("t{i}").parse().unwrap())
        });
    }
    topics.sort_by(|a, b| a.id.cmp(&b.id));
    Course {
        title: "Random, course".into(),
        topics,
        ..Course::default()
    }
}

/// Direct prerequisites of an item, as the selection defines them.
fn prerequisites(course: &Course, id: &str) -> Vec<String> {
    if let Some(t) = course.topic(id) {
        return t.requires.iter().map(|r| r.id.to_string()).collect();
    }
    let link = course.link(id).unwrap();
    let topic = course.topic(&link.topic).unwrap();
    link.requires
        .iter()
        .chain(topic.requires.iter())
        .map(|r| r.id.to_string())
        .collect()
}

/// Everything `roots` need, topics with their links.
fn needed(course: &Course, roots: &[String]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack: Vec<String> = roots.to_vec();
    while let Some(id) = stack.pop() {
        if !out.insert(id.clone()) {
            continue;
        }
        stack.extend(prerequisites(course, &id));
        if let Some(t) = course.topic(&id) {
            stack.extend(t.links.iter().map(|l| l.id.to_string()));
        }
    }
    out
}

fn positions(plan: &Plan) -> BTreeMap<String, usize> {
    let mut pos = BTreeMap::new();
    for (i, t) in plan.topics().enumerate() {
        pos.insert(t.id.to_string(), i * 100);
        for (k, l) in t.links.iter().enumerate() {
            pos.insert(l.id.to_string(), i * 100 + k + 1);
        }
    }
    pos
}

fn pick<Id: Clone>(ids: &[Id], mask: u64) -> Vec<Id> {
    ids.iter()
        .enumerate()
        .filter(|(i, _)| mask >> (i % 64) & 1 == 1)
        .map(|(_, id)| id.clone())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_plan_holds_what_targets_need_in_order(
        spec in spec(),
        target_mask in any::<u64>(),
        known_mask in any::<u64>(),
        skip_mask in any::<u64>(),
        done_mask in any::<u64>(),
        hours in 1u32..8,
    ) {
        let course = course(&spec);
        let topic_ids: Vec<TopicId> = course.topics.iter().map(|t| t.id.clone()).collect();
        let items: Vec<ItemId> = topic_ids.iter().map(ItemId::from).chain(course.links().map(|l| ItemId::from(&l.id))).collect();
        let selection = Selection {
            targets: pick(&items, target_mask & 0x5555),
            known: pick(&topic_ids, known_mask & 0x1249),
            skip: pick(&items, skip_mask & 0x0421),
            ..Selection::default()
        };
        let done: BTreeSet<LinkId> = pick(&course.links().map(|l| l.id.clone()).collect::<Vec<_>>(), done_mask)
            .into_iter()
            .collect();
        let options = ScheduleOptions {
            hours_per_week: f64::from(hours),
            start: Date::parse("2025-03-03"),
            weeks: None,
            optional: false,
        };
        let (plan, _) = build_for(&course, &selection, &options, &done);

        // Every item is a target or a transitive prerequisite of one.
        if !selection.targets.is_empty() {
            let targets: Vec<String> = selection.targets.iter().map(ItemId::to_string).collect();
            let allowed = needed(&course, &targets);
            for t in plan.topics() {
                prop_assert!(allowed.contains(t.id.as_str()) || t.links.iter().any(|l| allowed.contains(l.id.as_str())), "{} not needed", t.id);
            }
            for l in plan.links() {
                prop_assert!(allowed.contains(l.id.as_str()), "{} not needed", l.id);
            }
        }
        // No known topic, nor a link of one; no skipped item.
        for t in plan.topics() {
            prop_assert!(!selection.known.contains(&t.id));
            prop_assert!(!selection.skip.iter().any(|s| s.as_str() == t.id.as_str()));
        }
        for l in plan.links() {
            prop_assert!(!selection.known.contains(&l.topic));
            prop_assert!(!selection.skip.iter().any(|s| s.as_str() == l.id.as_str()));
        }
        // Every prerequisite in the plan, even through left-out items, comes first.
        let pos = positions(&plan);
        for id in pos.keys() {
            let mut before = needed(&course, &prerequisites(&course, id));
            before.remove(id);
            for p in before {
                if let Some(&pp) = pos.get(&p) {
                    // A topic's position is that of its heading, before its own links.
                    let mine = if course.topic(&p).is_some() && course.link(id).is_some() {
                        pos[course.link(id).unwrap().topic.as_str()]
                    } else {
                        pos[id]
                    };
                    prop_assert!(pp < mine || (course.topic(&p).is_some() && pp <= mine), "{p} after {id}");
                }
            }
        }
        // Weeks: within budget; a link split over weeks runs over consecutive weeks, last in
        // its first week and alone in the middle ones, a week it leaves early being at most a
        // tenth short (only one that fits in a week leaves it early); done links in none; the
        // rest once (their order is the fill's: see schedule_props).
        let budget = hours * 60;
        let mut scheduled: Vec<&str> = Vec::new();
        let mut spent: BTreeMap<&str, u32> = BTreeMap::new();
        for week in &plan.weeks {
            prop_assert!(!week.links.is_empty());
            prop_assert!(week.minutes <= budget);
            for (k, id) in week.links.iter().enumerate() {
                let link = plan.link(id).unwrap();
                let share = week.parts.get(id).map_or(link.minutes, |p| p.minutes);
                *spent.entry(id).or_default() += share;
                if week.parts.get(id).is_some_and(|p| p.part < p.of) {
                    prop_assert!(k + 1 == week.links.len());
                    prop_assert!(
                        week.minutes == budget
                            || (link.minutes <= budget && budget - week.minutes < (budget / 10).max(1))
                    );
                }
                // A link running over is listed once per week, in consecutive weeks.
                if scheduled.last() != Some(id) || k > 0 {
                    scheduled.push(id);
                }
            }
        }
        for (id, minutes) in &spent {
            prop_assert_eq!(*minutes, plan.link(id).unwrap().minutes, "{} is split wrong", id);
        }
        for id in &scheduled {
            prop_assert!(!done.contains(*id));
        }
        let mut expected: Vec<String> = plan.links().filter(|l| !done.contains(l.id.as_str())).map(|l| l.id.to_string()).collect();
        let mut scheduled: Vec<String> = scheduled.iter().map(|id| id.to_string()).collect();
        expected.sort();
        scheduled.sort();
        prop_assert_eq!(&scheduled, &expected);

        // The calendar parses back with one event per week.
        let text = crate::render::ics(&plan).unwrap();
        for line in text.split("\r\n") {
            prop_assert!(line.len() <= 75);
        }
        let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let calendar = parser.next().expect("one calendar").expect("it parses");
        prop_assert!(parser.next().is_none());
        prop_assert_eq!(calendar.events.len(), plan.weeks.len());
        for (event, week) in calendar.events.iter().zip(&plan.weeks) {
            let uid = event.properties.iter().find(|p| p.name == "UID").and_then(|p| p.value.clone());
            prop_assert_eq!(uid, Some(format!("random-course-week-{}@syllabus", week.number)));
        }
    }
}
