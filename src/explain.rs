//! Answers for the reader: `why` an item is (or is not) in their plan, and what they can read
//! `next`.

use crate::graph::Graph;
use crate::model::{Course, ItemId};
use crate::plan::{Plan, PlanLink};
use crate::select::{Exclusion, Selected};
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Links not done whose prerequisites in the plan are all done (what is left out of the plan,
/// known or skipped, counts as settled), in plan order. Unscheduled optional links are offered
/// when ready but never hold a later topic back: the core does not wait for the optional track.
pub fn next<'p, 'c>(plan: &'p Plan<'c>, _selected: &Selected) -> Vec<&'p PlanLink<'c>> {
    // Plan order is a topological order, so one pass settles each topic after all it needs: a
    // topic is settled when its links are done and everything it requires is settled.
    let mut settled: BTreeMap<&str, bool> = BTreeMap::new();
    let mut out = Vec::new();
    for topic in plan.topics() {
        let ready = topic
            .requires
            .iter()
            .all(|t| settled.get(t.as_str()).copied().unwrap_or(true));
        let all_done = topic
            .links
            .iter()
            .filter(|l| plan.counts(l))
            .all(|l| l.done);
        settled.insert(&topic.id, ready && all_done);
        if !ready || topic.links.iter().all(|l| l.done) {
            continue;
        }
        let done: BTreeSet<&str> = topic
            .links
            .iter()
            .filter(|l| l.done)
            .map(|l| l.id.as_str())
            .collect();
        // The plan's links carry their requirements as planned.
        let inside = Graph::of_links(topic.links.iter().map(|l| (l.link, &*l.requires)));
        for link in &topic.links {
            let ready = !link.done
                && inside
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
    if let Some(why) = selected.excluded.get(id) {
        return why_not(course, selected, plan, id, why, &name);
    }
    let mut lines = Vec::new();
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
        let (shown, total) = chains(course, selected, id);
        for chain in &shown {
            lines.push(format!("  {}", chain.join(" -> ")));
        }
        if total > shown.len() {
            lines.push(format!("  ... and {} more chains", total - shown.len()));
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
        if link.optional && !plan.schedule.optional {
            lines.push(
                "It is on the optional track: outside the core hours and the weeks; --optional schedules it."
                    .into(),
            );
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

/// Why `id`, left out with `why`, is not in `plan`, as lines.
fn why_not(
    course: &Course,
    selected: &Selected,
    plan: &Plan,
    id: &str,
    why: &Exclusion,
    name: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let mut lines = vec![format!(
        "{} is not in the plan: {}.",
        name(id),
        why.describe()
    )];
    if let Some(gap) = plan.selection.gaps.iter().find(|g| g.id == id) {
        lines.push(format!(
            "It is a gap: {} in the plan need{} it.",
            gap.needed_by
                .iter()
                .map(ItemId::as_str)
                .collect::<Vec<_>>()
                .join(", "),
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
    lines
}

/// "week 3", "weeks 2-4", "done": where a link or a topic's links fall.
fn weeks_of(plan: &Plan, id: &str) -> String {
    let weeks: BTreeSet<u32> = match plan.link(id) {
        Some(l) => l.week.into_iter().chain(l.until_week).collect(),
        None => plan.topic(id).map_or_else(BTreeSet::new, |t| {
            t.links
                .iter()
                .flat_map(|l| l.week.into_iter().chain(l.until_week))
                .collect()
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

/// Chains printed at most; a hub topic in a large course can sit on thousands of them.
const MAX_CHAINS: usize = 12;

/// Every chain of "is needed by" from `id` up to a target, shortest first then alphabetical, at
/// most `MAX_CHAINS` of them, with the number there are in all.
fn chains<'a>(
    course: &'a Course,
    selected: &'a Selected,
    id: &'a str,
) -> (Vec<Vec<String>>, usize) {
    let roots: BTreeSet<&str> = selected.roots.iter().map(ItemId::as_str).collect();
    let direct = |at: &str| -> Vec<&'a str> { selected.needed_by(course, at) };
    // Chains are told in topics: a link between two topics (one that needs the first and is
    // read under the second) is a detail of the step, not a step, or every reading of a topic
    // would multiply the chains.
    let parents = |at: &str| -> Vec<&str> {
        let mut out = BTreeSet::new();
        let mut seen = BTreeSet::new();
        let mut stack = direct(at);
        while let Some(p) = stack.pop() {
            if !seen.insert(p) {
                continue;
            }
            if roots.contains(p) || selected.is_planned_topic(course, p) {
                out.insert(p);
            } else {
                stack.extend(direct(p));
            }
        }
        out.into_iter().collect()
    };
    // Counting first (paths in a DAG, memoized) keeps the total honest without listing them.
    fn count<'a>(
        at: &'a str,
        id: &str,
        roots: &BTreeSet<&str>,
        parents: &dyn Fn(&str) -> Vec<&'a str>,
        memo: &mut BTreeMap<&'a str, usize>,
    ) -> usize {
        if let Some(&n) = memo.get(at) {
            return n;
        }
        let here = usize::from(at != id && roots.contains(at));
        let n = here
            + parents(at)
                .into_iter()
                .map(|p| count(p, id, roots, parents, memo))
                .sum::<usize>();
        memo.insert(at, n);
        n
    }
    let total = count(id, id, &roots, &parents, &mut BTreeMap::new());

    // Breadth-first over partial chains yields the shortest ones first; the queue is bounded
    // by what is still worth extending.
    let mut found: Vec<Vec<String>> = Vec::new();
    let mut queue: VecDeque<Vec<&str>> = VecDeque::from([vec![id]]);
    while let Some(path) = queue.pop_front() {
        if found.len() >= MAX_CHAINS {
            break;
        }
        let at = *path.last().expect("paths are never empty");
        if at != id && roots.contains(at) {
            let mut chain: Vec<String> = path.iter().map(|s| s.to_string()).collect();
            let last = chain.pop().expect("not empty");
            chain.push(format!("{last} (target)"));
            found.push(chain);
        }
        for parent in parents(at) {
            if queue.len() < MAX_CHAINS * 64 {
                let mut next = path.clone();
                next.push(parent);
                queue.push_back(next);
            }
        }
    }
    (found, total)
}
