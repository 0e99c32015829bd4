//! Property tests of the schedule on random prerequisite DAGs, with random stages or none:
//! weeks are filled from later topics of the same stage, but no reading is ever scheduled before
//! what it needs (its topic's prerequisites, written or implied, through topics left with
//! nothing to read too), nor before the last core reading of an earlier stage; a week left short
//! says why, truly; and where every reading is small beside the week, weeks are full.

use crate::corpus::url::check_url;
use crate::model::{Course, Kind, Link, LinkId, Ref, Stage, Topic};
use crate::plan::{build_for, Plan};
use crate::schedule::{ScheduleOptions, SHORT_PERCENT, SPLIT_FROM};
use crate::select::Selection;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// A link: minutes, optional, and what it requires as (topic, link or `None` for the topic).
type LinkSpec = (u32, bool, Vec<(usize, Option<usize>)>);

#[derive(Clone, Debug)]
struct Spec {
    topic_requires: Vec<Vec<usize>>,
    links: Vec<Vec<LinkSpec>>,
    /// The course's stages, as the topics that start each stage after the first (topics only
    /// require earlier ones, so a topic never sits in an earlier stage than what it needs);
    /// `None`: no stages (the plan's stages are then the graph's generations).
    stage_starts: Option<Vec<usize>>,
}

fn spec(max_minutes: u32) -> impl Strategy<Value = Spec> {
    (2usize..14).prop_flat_map(move |n| {
        let requires = (0..n)
            .map(|i| proptest::sample::subsequence((0..i).collect::<Vec<_>>(), 0..=i.min(3)))
            .collect::<Vec<_>>();
        let links = (0..n)
            .map(|_| {
                proptest::collection::vec(
                    (
                        1u32..max_minutes,
                        proptest::bool::weighted(0.2),
                        proptest::collection::vec(
                            (0usize..14, proptest::option::of(0usize..6)),
                            0..3,
                        ),
                    ),
                    0..6,
                )
            })
            .collect::<Vec<_>>();
        let starts = proptest::option::of(proptest::sample::subsequence(
            (1..n).collect::<Vec<_>>(),
            0..=(n - 1).min(3),
        ));
        (requires, links, starts).prop_map(|(topic_requires, links, stage_starts)| Spec {
            topic_requires,
            links,
            stage_starts,
        })
    })
}

fn course(spec: &Spec) -> Course {
    let n = spec.topic_requires.len();
    let reference = |id: String| Ref {
        id: id.parse().unwrap(),
        origin: Default::default(),
    };
    let topics = (0..n).map(|i| {
        let links = spec.links[i]
            .iter()
            .enumerate()
            .map(|(k, (minutes, optional, reqs))| {
                // Only what comes earlier (an earlier topic, or earlier in this one): a DAG.
                let requires = reqs
                    .iter()
                    .filter_map(|&(t, l)| match l {
                        Some(l) if (t < i && l < spec.links[t].len()) || (t == i && l < k) => {
                            Some(format!("l{t}-{l}"))
                        }
                        None if t < i => Some(format!("t{t}")),
                        _ => None,
                    })
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .map(reference)
                    .collect();
                Link {
                    title: format!("Link {i}.{k}"),
                    kind: Kind::Article,
                    minutes: *minutes,
                    optional: *optional,
                    requires,
                    ..Link::new(
                        format!("l{i}-{k}").parse().unwrap(),
                        format!("t{i}").parse().unwrap(),
                        check_url(&format!("https://example.org/{i}/{k}")).unwrap(),
                    )
                }
            });
        let stage = spec
            .stage_starts
            .as_ref()
            .map(|starts| format!("s{}", starts.iter().filter(|&&s| s <= i).count()));
        Topic {
            title: format!("Topic {i}"),
            stage: stage.map(|s| s.parse().unwrap()),
            requires: spec.topic_requires[i]
                .iter()
                .map(|j| reference(format!("t{j}")))
                .collect(),
            links: links.collect(),
            ..Topic::new(format!("t{i}").parse().unwrap())
        }
    });
    let mut topics: Vec<Topic> = topics.collect();
    topics.sort_by(|a, b| a.id.cmp(&b.id));
    let stages = spec.stage_starts.as_ref().map_or(0, |s| s.len() + 1);
    Course {
        title: "Random".into(),
        topics,
        stages: (0..stages)
            .map(|k| Stage {
                id: format!("s{k}").parse().unwrap(),
                title: format!("Stage {k}"),
                guidance: String::new(),
                origin: Default::default(),
            })
            .collect(),
        ..Course::default()
    }
}

/// By topic, every topic it needs, directly or not: written, or implied by a core link requiring
/// a link or topic elsewhere (an optional link orders only itself: it adds no topic need).
fn needs_of(course: &Course) -> BTreeMap<String, BTreeSet<String>> {
    let direct = |id: &str| -> BTreeSet<String> {
        let topic = course.topic(id).unwrap();
        let links = topic
            .links
            .iter()
            .filter(|l| !l.optional)
            .flat_map(|l| &l.requires);
        topic
            .requires
            .iter()
            .chain(links)
            .map(|r| match course.link(&r.id) {
                Some(l) => l.topic.to_string(),
                None => r.id.to_string(),
            })
            .filter(|t| t != id)
            .collect()
    };
    let mut out = BTreeMap::new();
    for topic in &course.topics {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<String> = direct(&topic.id).into_iter().collect();
        while let Some(t) = stack.pop() {
            if seen.insert(t.clone()) {
                stack.extend(direct(&t));
            }
        }
        out.insert(topic.id.to_string(), seen);
    }
    out
}

/// A place in the schedule: (week, index in the week).
type Place = (usize, usize);

/// Where each scheduled link is read: its first and last place.
fn places<'a>(plan: &'a Plan<'a>) -> BTreeMap<&'a str, (Place, Place)> {
    let mut out: BTreeMap<&str, (Place, Place)> = BTreeMap::new();
    for (w, week) in plan.weeks.iter().enumerate() {
        for (k, id) in week.links.iter().enumerate() {
            out.entry(id)
                .and_modify(|span| span.1 = (w, k))
                .or_insert(((w, k), (w, k)));
        }
    }
    out
}

fn check(
    spec: &Spec,
    budget: u32,
    done_mask: u64,
    optional: bool,
) -> Result<Plan<'static>, TestCaseError> {
    let course: &'static Course = Box::leak(Box::new(course(spec)));
    let all: Vec<LinkId> = course.links().map(|l| l.id.clone()).collect();
    let done: BTreeSet<LinkId> = all
        .iter()
        .enumerate()
        .filter(|(i, _)| done_mask >> (i % 64) & 1 == 1)
        .map(|(_, id)| id.clone())
        .collect();
    let options = ScheduleOptions {
        hours_per_week: f64::from(budget) / 60.0,
        start: None,
        weeks: None,
        optional,
    };
    let (plan, _) = build_for(course, &Selection::default(), &options, &done);
    prop_assert_eq!(plan.schedule.minutes_per_week, budget);
    let places = places(&plan);

    // Every link to schedule is, whole, once; done links and the unscheduled optional track
    // are in no week.
    let mut spent: BTreeMap<&str, u32> = BTreeMap::new();
    for week in &plan.weeks {
        prop_assert!(!week.links.is_empty() && week.minutes <= budget);
        let sum: u32 = week
            .links
            .iter()
            .map(|id| {
                week.parts
                    .get(id)
                    .map_or(plan.link(id).unwrap().minutes, |p| p.minutes)
            })
            .sum();
        prop_assert_eq!(sum, week.minutes);
        for id in &week.links {
            let link = plan.link(id).unwrap();
            *spent.entry(id).or_default() += week.parts.get(id).map_or(link.minutes, |p| p.minutes);
        }
    }
    for link in plan.links() {
        let scheduled = !done.contains(link.id.as_str()) && (optional || !link.optional);
        prop_assert_eq!(
            spent.get(link.id.as_str()).copied(),
            scheduled.then_some(link.minutes),
            "{}",
            link.id
        );
    }
    // A link split over weeks runs over consecutive weeks: last in its first, alone in the
    // middle ones, first in its last. Only a link longer than a week, or one of an hour or more
    // that did not fit in what was left of its first week, is split; one that fits in a week
    // runs over two, neither part under a tenth of the week, and leaves less than a tenth of its
    // first week unused.
    let least_part = (budget / 10).max(1);
    for (&id, &(first, last)) in &places {
        if first.0 != last.0 {
            let minutes = plan.link(id).unwrap().minutes;
            let parts = (plan.weeks[first.0].parts[id], plan.weeks[last.0].parts[id]);
            prop_assert_eq!(first.1, plan.weeks[first.0].links.len() - 1);
            prop_assert_eq!(last.1, 0);
            for w in first.0 + 1..last.0 {
                prop_assert!(plan.weeks[w].links == [id] && plan.weeks[w].minutes == budget);
            }
            if minutes <= budget {
                prop_assert!(minutes >= SPLIT_FROM, "{} split", id);
                prop_assert_eq!(last.0, first.0 + 1, "{} over more than two weeks", id);
                prop_assert!(parts.0.minutes >= least_part && parts.1.minutes >= least_part);
                prop_assert!(budget - plan.weeks[first.0].minutes < least_part);
            } else {
                prop_assert!(parts.0.minutes >= least_part);
            }
        }
    }

    // Plan order holds for long links: a link split over weeks starts only once every link
    // before it in plan order has started, so a short week is never filled by starting a
    // later stage's long link that then runs on for weeks ahead of earlier work. Out of turn,
    // a link is read whole in one week. (With the optional track scheduled, an optional link
    // may wait for a later topic, so plan order is then not one every link can keep.)
    let order: Vec<&str> = plan
        .links()
        .map(|l| l.id.as_str())
        .filter(|id| places.contains_key(id))
        .collect();
    for (k, id) in order.iter().enumerate().filter(|_| !optional) {
        let (start, end) = places[id];
        if start.0 == end.0 {
            continue;
        }
        for earlier in &order[..k] {
            prop_assert!(
                places[earlier].0 < start,
                "{} runs over weeks {}-{} but starts before {}, which comes earlier in plan order",
                id,
                start.0 + 1,
                end.0 + 1,
                earlier
            );
        }
    }

    // Prerequisite order: every scheduled link of a topic needed (directly or not) ends
    // before any link of the topic that needs it starts; a link's own requirements in its
    // topic end before it starts.
    let needs = needs_of(course);
    for link in plan.links() {
        let Some(&(start, _)) = places.get(link.id.as_str()) else {
            continue;
        };
        let mut before: Vec<&str> = link
            .requires
            .iter()
            .filter_map(|r| course.link(&r.id))
            .map(|l| l.id.as_str())
            .collect();
        for t in &needs[link.topic.as_str()] {
            before.extend(course.topic(t).unwrap().links.iter().map(|l| l.id.as_str()));
        }
        for b in before {
            if let Some(&(_, end)) = places.get(b) {
                prop_assert!(
                    end < start,
                    "{} is read before {}, which it needs",
                    link.id,
                    b
                );
            }
        }
    }

    // Stage order: a link of a stage starts after the last core link of every earlier stage
    // ends (the optional track, scheduled with `--optional`, may trail into the next stage).
    // Unless an optional link scheduled with `--optional` needs a later stage: its whole topic
    // then waits for that stage (see `plan::optional_needs`), which opens early.
    let stage_of: BTreeMap<&str, usize> = (plan.stages.iter().enumerate())
        .flat_map(|(s, stage)| stage.topics.iter().map(move |t| (t.id.as_str(), s)))
        .collect();
    let needs_later_stage = plan.stages.iter().enumerate().any(|(s, stage)| {
        let links = stage.topics.iter().flat_map(|t| &t.links);
        links
            .filter(|l| l.optional)
            .flat_map(|l| l.requires.iter())
            .any(|r| {
                let topic = course
                    .link(&r.id)
                    .map_or(r.id.as_str(), |l| l.topic.as_str());
                stage_of.get(topic).is_some_and(|&theirs| theirs > s)
            })
    });
    let mut last_core: BTreeMap<usize, Place> = BTreeMap::new();
    for (s, stage) in plan.stages.iter().enumerate() {
        let core = stage.topics.iter().flat_map(|t| &t.links);
        for link in core.filter(|l| !l.optional) {
            if let Some(&(_, end)) = places.get(link.id.as_str()) {
                let last = last_core.entry(s).or_insert(end);
                *last = (*last).max(end);
            }
        }
    }
    for (s, stage) in (plan.stages.iter().enumerate()).filter(|_| !(optional && needs_later_stage))
    {
        let Some(earlier) = last_core.range(..s).map(|(_, &p)| p).max() else {
            continue;
        };
        for link in stage.topics.iter().flat_map(|t| &t.links) {
            if let Some(&(start, _)) = places.get(link.id.as_str()) {
                prop_assert!(
                    earlier < start,
                    "{} (stage {}) starts in week {}, before an earlier stage ends in week {}",
                    link.id,
                    s + 1,
                    start.0 + 1,
                    earlier.0 + 1
                );
            }
        }
    }

    // A week but the last below the mark says why, and truly: what comes next is longer than
    // the time left (or, longer than a week, would start with too little of it), and it starts
    // the next week.
    for (w, week) in plan.weeks.iter().enumerate() {
        let short = week.minutes * 100 < budget * SHORT_PERCENT;
        if w + 1 == plan.weeks.len() {
            prop_assert!(week.short.is_none());
            continue;
        }
        prop_assert_eq!(
            short,
            week.short.is_some(),
            "week {}: {} of {} min",
            week.number,
            week.minutes,
            budget
        );
        if let Some(why) = week.short {
            prop_assert_eq!(why.left, budget - week.minutes);
            prop_assert!(why.next_minutes > why.left);
            // Nor was it worth splitting: under an hour, or a part would be under a tenth of
            // the week.
            prop_assert!(
                why.next_minutes < SPLIT_FROM
                    || why.left < least_part
                    || why.next_minutes < 2 * least_part,
                "week {}: {} min left, and {} ({} min) not split",
                week.number,
                why.left,
                why.next,
                why.next_minutes
            );
            prop_assert_eq!(plan.weeks[w + 1].links[0], why.next);
        }
    }
    Ok(plan)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn weeks_keep_prerequisite_order_and_say_why_they_are_short(
        spec in spec(900),
        budget in 30u32..1200,
        done_mask in any::<u64>(),
        optional in any::<bool>(),
    ) {
        check(&spec, budget, done_mask, optional)?;
    }

    /// Where every reading is at most a twentieth of the week, some reading always fits
    /// until the week is 95% full: every week but the last is.
    #[test]
    fn small_readings_fill_every_week(
        spec in spec(16),
        budget in 300u32..600,
        done_mask in any::<u64>(),
    ) {
        let plan = check(&spec, budget, done_mask, false)?;
        if let Some((_, full)) = plan.weeks.split_last() {
            for week in full {
                prop_assert!(week.minutes * 100 >= budget * 95, "week {}: {} of {}", week.number, week.minutes, budget);
            }
        }
    }
}
