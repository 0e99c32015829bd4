//! Answers for the reader: `why` an item is (or is not) in their plan, and what they can read
//! `next`.

use crate::graph::Graph;
use crate::model::Course;
use crate::plan::{Plan, PlanLink};
use crate::select::{Exclusion, Selected};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Links not done whose prerequisites in the plan are all done (what is left out of the plan,
/// known or skipped, counts as settled), in plan order.
pub fn next<'p>(plan: &'p Plan, selected: &Selected) -> Vec<&'p PlanLink> {
    let graph = Graph::new(&selected.course);
    let done: BTreeSet<&str> = plan
        .plan_links()
        .filter(|l| l.done)
        .map(|l| l.id.as_str())
        .collect();
    let topic_done = |topic: &str| {
        plan.topic(topic)
            .is_none_or(|t| t.links.iter().all(|l| done.contains(l.id.as_str())))
    };
    let mut out = Vec::new();
    for topic in plan.topics() {
        let before: Vec<String> = graph
            .closure([topic.id.as_str()])
            .into_iter()
            .filter(|t| *t != topic.id)
            .collect();
        if !before.iter().all(|t| topic_done(t)) {
            continue;
        }
        let source = selected
            .course
            .topic(&topic.id)
            .expect("planned topics come from the course");
        let inside = Graph::links_of(source);
        for link in &topic.links {
            if link.done {
                continue;
            }
            let ready = inside
                .closure([link.id.as_str()])
                .iter()
                .all(|id| *id == link.id || done.contains(id.as_str()));
            if ready {
                out.push(link);
            }
        }
    }
    out
}

/// Why `id` (a topic or link of `course`, already checked) is or is not in `plan`, as lines.
pub fn why(course: &Course, selected: &Selected, plan: &Plan, id: &str) -> Vec<String> {
    let name = |id: &str| -> String {
        let title = course
            .topic(id)
            .map(|t| t.title.as_str())
            .or_else(|| course.link(id).map(|l| l.title.as_str()))
            .unwrap_or("");
        format!("`{id}` ({title})")
    };
    let mut lines = Vec::new();
    if let Some(why) = selected.excluded.get(id) {
        lines.push(format!(
            "{} is not in the plan: {}.",
            name(id),
            why.describe()
        ));
        if let Some(gap) = plan.selection.gaps.iter().find(|g| g.id == id) {
            lines.push(format!(
                "It is a gap: {} in the plan need{} it.",
                gap.needed_by.join(", "),
                if gap.needed_by.len() == 1 { "s" } else { "" }
            ));
        }
        if matches!(why, Exclusion::NotNeeded) && !plan.selection.targets.is_empty() {
            lines.push(format!(
                "The targets are: {}.",
                plan.selection.targets.join(", ")
            ));
        }
        if let Some(topic) = course.link(id).map(|l| l.topic.as_str()) {
            if plan.topic(topic).is_some() && !selected.excluded.contains_key(topic) {
                lines.push(format!("Its topic `{topic}` is in the plan."));
            }
        }
        return lines;
    }

    let targets = &plan.selection.targets;
    if targets.is_empty() {
        lines.push(format!("{} is in the full course.", name(id)));
    } else if targets.iter().any(|t| t == id) {
        lines.push(format!("{} is a target.", name(id)));
    } else {
        lines.push(format!(
            "{} is in the plan because a target needs it:",
            name(id)
        ));
        for chain in chains(selected, id) {
            lines.push(format!("  {}", chain.join(" -> ")));
        }
    }
    if let Some((index, stage)) = plan.stage_of(id) {
        let weeks = weeks_of(plan, id);
        let mut place = format!("Stage {}: {}", index + 1, stage.title);
        if !weeks.is_empty() {
            place.push_str(&format!("; {}", weeks));
        }
        lines.push(format!("{place}."));
    }
    if let Some(link) = plan.link(id) {
        if link.done {
            lines.push("Marked done in your progress file.".into());
        }
    }
    if plan.topic(id).is_some_and(|t| t.links.is_empty()) {
        lines.push(
            "It has no readings under these options; it stays because what follows needs it."
                .into(),
        );
    }
    lines
}

/// "week 3", "weeks 2-4", "done": where a link or a topic's links fall.
fn weeks_of(plan: &Plan, id: &str) -> String {
    let weeks: BTreeSet<u32> = match plan.link(id) {
        Some(l) => l.week.into_iter().collect(),
        None => plan.topic(id).map_or_else(BTreeSet::new, |t| {
            t.links.iter().filter_map(|l| l.week).collect()
        }),
    };
    let start = |n: u32| {
        plan.weeks
            .get(n as usize - 1)
            .and_then(|w| w.start.clone())
            .map(|d| format!(" (from {d})"))
            .unwrap_or_default()
    };
    match (weeks.first(), weeks.last()) {
        (Some(&a), Some(&b)) if a == b => format!("week {a}{}", start(a)),
        (Some(&a), Some(&b)) => format!("weeks {a}-{b}{}", start(a)),
        _ if plan.link(id).is_some_and(|l| l.done) => "done".into(),
        _ => String::new(),
    }
}

/// For each target `id` serves, the shortest chain of "is needed by" from `id` up to it.
fn chains(selected: &Selected, id: &str) -> Vec<Vec<String>> {
    let roots: BTreeSet<&str> = selected.roots.iter().map(String::as_str).collect();
    let mut previous: BTreeMap<&str, &str> = BTreeMap::new();
    let mut seen = BTreeSet::from([id]);
    let mut queue = VecDeque::from([id]);
    let mut reached = Vec::new();
    while let Some(at) = queue.pop_front() {
        if roots.contains(at) && at != id {
            reached.push(at);
        }
        for parent in selected.needed_by.get(at).into_iter().flatten() {
            if seen.insert(parent.as_str()) {
                previous.insert(parent.as_str(), at);
                queue.push_back(parent.as_str());
            }
        }
    }
    reached.sort();
    reached
        .into_iter()
        .map(|root| {
            let mut chain = vec![format!("{root} (target)")];
            let mut at = root;
            while let Some(&before) = previous.get(at) {
                chain.push(before.to_string());
                at = before;
            }
            chain.reverse();
            chain
        })
        .collect()
}
