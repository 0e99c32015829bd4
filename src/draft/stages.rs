//! Stages in the author's order: a list's sections as they come (a calendar's or a
//! syllabus's order is its author's teaching order), or for clustered readings the topics
//! with the oldest readings first. The topics are cut into consecutive stages of about equal
//! size; a topic moves later only when one of its prerequisites sits in its stage or a later one, so
//! depth never puts a topic without prerequisites first just because nothing points at it.
//! The further reading topic is no teaching stage: it gets a last stage of its own, marked
//! optional (its links are on the optional track, outside the plan's hours).

use super::{plain, Stage, Topic};

pub(crate) const MAX_STAGES: usize = 4;

/// Sets each topic's stage from `order` (every topic but the further reading one, in the
/// author's order) and returns the stages in order.
///
/// Clusters have no author's order, only their readings' age: there a topic others require
/// and that requires none is groundwork and opens the first stage (review 11: a feed's
/// Parsing came after its compiler posts, its SQL database after distributed key-value).
pub(crate) fn assign(topics: &mut [Topic], order: &[usize], clustered: bool) -> Vec<Stage> {
    let n = order.len();
    let count = if n <= 2 {
        1
    } else {
        n.div_ceil(2).min(MAX_STAGES)
    };
    let required: Vec<bool> = (0..topics.len())
        .map(|t| {
            topics
                .iter()
                .any(|o| o.requires.iter().any(|p| p.topic == t))
        })
        .collect();
    let root = |t: usize| clustered && required[t] && topics[t].requires.is_empty();
    let mut ordered: Vec<usize> = order.iter().copied().filter(|&t| root(t)).collect();
    ordered.extend(order.iter().copied().filter(|&t| !root(t)));
    let order = ordered.as_slice();
    let mut stage_of = vec![0usize; topics.len()];
    for (i, &t) in order.iter().enumerate() {
        stage_of[t] = if root(t) { 0 } else { i * count / n.max(1) };
    }
    push_after_prerequisites(topics, order, &mut stage_of, &vec![None; topics.len()]);
    // Stages a move emptied are dropped; the others keep their order.
    let mut used: Vec<usize> = order.iter().map(|&t| stage_of[t]).collect();
    used.sort_unstable();
    used.dedup();
    if used.is_empty() {
        used.push(0);
    }
    for &t in order {
        stage_of[t] = used.iter().position(|&s| s == stage_of[t]).unwrap_or(0);
    }
    let count = used.len();
    for t in 0..topics.len() {
        topics[t].stage = if topics[t].further {
            count - 1
        } else {
            stage_of[t]
        };
    }
    let parents = vec![None; topics.len()];
    (0..count)
        .map(|s| {
            let here: Vec<usize> = order
                .iter()
                .copied()
                .filter(|&t| topics[t].stage == s)
                .collect();
            Stage {
                id: format!("part-{}", s + 1),
                title: match stage_name(topics, &here, &parents) {
                    Some(name) => format!("Part {}: {name}", s + 1),
                    None => format!("Part {}", s + 1),
                },
                outcome: outcome(topics, s),
            }
        })
        .collect()
}

/// What a stage's topics share, as its name: their one parent section ("Query Optimizer"
/// over its six subsections), or the (up to three) sections or topics it holds; a stage of
/// more is named by the two weightiest (most readings), in the list's order, "and more". Twelve titles
/// run together were no name (review 12: "Part 2: SQL & Relation Algebra, Query Execution,
/// ... and LSM-Tree").
fn stage_name(topics: &[Topic], here: &[usize], parents: &[Option<String>]) -> Option<String> {
    // Topics under one parent heading (the heading's own topic among them) are one group.
    let mut groups: Vec<(String, usize)> = Vec::new();
    for &t in here {
        let key = parents[t]
            .as_deref()
            .map(plain)
            .unwrap_or_else(|| plain(&topics[t].title));
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, w)) => *w += topics[t].members.len(),
            None => groups.push((key, topics[t].members.len())),
        }
    }
    // Three names are still a name, and hide nothing ("Byzantine, Distributed transactions
    // and more" hid the stage's Raft, an earlier review's objection).
    if groups.len() <= 3 {
        let names: Vec<String> = groups.into_iter().map(|(k, _)| k).collect();
        return (!names.is_empty()).then(|| all_of(&names));
    }
    let mut heaviest: Vec<usize> = (0..groups.len()).collect();
    // Most readings first; of equals, the earlier in the list.
    heaviest.sort_by_key(|&g| (std::cmp::Reverse(groups[g].1), g));
    heaviest.truncate(2);
    heaviest.sort_unstable();
    let names: Vec<String> = heaviest.iter().map(|&g| groups[g].0.clone()).collect();
    Some(
        if names
            .iter()
            .any(|n| n.contains(" and ") || n.contains(", "))
        {
            format!("{}; and more", names.join("; "))
        } else {
            format!("{} and more", names.join(", "))
        },
    )
}

/// Clusters matched to a like course's topics take the course's stage order among the
/// places they hold in `order`; the others keep theirs. Readings' age is no teaching order
/// when a course in the field gives one (review 12: raft.bib's formal methods came first and
/// its replicated storage before Paxos and Chubby, which the course teaches before both).
pub(crate) fn follow_course(order: &mut [usize], places: &[Option<usize>]) {
    let slots: Vec<usize> = (0..order.len())
        .filter(|&i| places.get(order[i]).copied().flatten().is_some())
        .collect();
    let mut matched: Vec<usize> = slots.iter().map(|&i| order[i]).collect();
    // Stable: topics of one course stage keep their order.
    matched.sort_by_key(|&t| places[t]);
    for (&i, t) in slots.iter().zip(matched) {
        order[i] = t;
    }
}

/// A topic moves to the stage after its latest prerequisite's when its own is not later:
/// reviewers moved every topic that shared a stage with its prerequisite ("Byzantine" beside
/// "Paxos"). The last of [`MAX_STAGES`] stages takes what a longer chain would push further.
/// A subsection stays in the stage of its heading's own topic, which it follows inside the
/// stage: the heading and its parts are taught together.
fn push_after_prerequisites(
    topics: &[Topic],
    main: &[usize],
    stage_of: &mut [usize],
    parents: &[Option<String>],
) {
    let is = |h: &Option<String>, p: usize| {
        h.as_deref()
            .is_some_and(|h| h.to_lowercase() == topics[p].title.to_lowercase())
    };
    let heading_of = |t: usize, p: usize| is(&parents[p], p) && is(&parents[t], p);
    for _ in 0..topics.len() {
        let mut changed = false;
        for &t in main {
            let need = topics[t]
                .requires
                .iter()
                .map(|p| {
                    let after = usize::from(!heading_of(t, p.topic));
                    (stage_of[p.topic] + after).min(MAX_STAGES - 1)
                })
                .max()
                .unwrap_or(0);
            if need > stage_of[t] {
                stage_of[t] = need;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// What a stage's reader can do, saying only what the draft knows: a stage is groundwork
/// when later topics require its topics, builds on earlier stages when its topics require
/// theirs, and otherwise is just the list's order.
fn outcome(topics: &[Topic], stage: usize) -> String {
    let here: Vec<usize> = (0..topics.len())
        .filter(|&t| topics[t].stage == stage && !topics[t].further)
        .collect();
    if here.is_empty() {
        return "Optional readings.".into();
    }
    // The three weightiest topics (most readings), in the list's order: "You can explain
    // X, Y and 9 more" was a template, not an outcome (review 12).
    let mut main = here.clone();
    main.sort_by_key(|&t| (std::cmp::Reverse(topics[t].members.len()), t));
    main.truncate(3);
    main.sort_unstable();
    let names: Vec<String> = main.iter().map(|&t| plain(&topics[t].title)).collect();
    let list = join(&names);
    let mut later: Vec<String> = Vec::new();
    let mut earlier: Vec<String> = Vec::new();
    for (t, topic) in topics.iter().enumerate() {
        for p in &topic.requires {
            if here.contains(&p.topic) && topic.stage > stage {
                later.push(plain(&topic.title));
            }
            if here.contains(&t) && topics[p.topic].stage < stage {
                earlier.push(plain(&topics[p.topic].title));
            }
        }
    }
    for v in [&mut later, &mut earlier] {
        let mut seen = std::collections::HashSet::new();
        v.retain(|x| seen.insert(x.clone()));
        // Two say what the stage leads to or rests on; a longer list is the template again.
        v.truncate(2);
    }
    match (earlier.is_empty(), later.is_empty()) {
        (true, true) => format!("You can explain {list}."),
        (true, false) => format!(
            "You can explain {list}, the groundwork of {}.",
            join(&later)
        ),
        (false, true) => format!("You can explain {list}, building on {}.", join(&earlier)),
        (false, false) => format!(
            "You can explain {list}, building on {}, ready for {}.",
            join(&earlier),
            join(&later)
        ),
    }
}

/// Names in their order as one title. Names that hold "and" or a comma themselves ("Serving Systems and Inference") are
/// parted by semicolons, so a reader sees where each ends.
fn all_of(names: &[String]) -> String {
    if names
        .iter()
        .any(|n| n.contains(" and ") || n.contains(", "))
    {
        return names.join("; ");
    }
    match names {
        [] => String::new(),
        [a] => a.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// At most three names (callers keep the weightiest), joined as a sentence says them.
fn join(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [a, b, c, ..] => format!("{a}, {b} and {c}"),
    }
}

/// Stages that follow the list's own parent sections, in the list's order (groups half of
/// whose topics are introductory first): consecutive
/// groups (a parent heading with its subsections, or a lone top-level section) fill at most
/// [`MAX_STAGES`] stages of about equal size, a group never split; a topic never comes
/// before its prerequisites. None when the list has no hierarchy (fewer than two parents
/// holding two topics each).
pub(crate) fn by_parents(topics: &mut [Topic], parents: &[Option<String>]) -> Option<Vec<Stage>> {
    let main: Vec<usize> = (0..topics.len()).filter(|&t| !topics[t].further).collect();
    // Groups in list order (topics come in the list's order).
    let mut groups: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    for &t in &main {
        match (&parents[t], groups.last_mut()) {
            (Some(p), Some((Some(q), members))) if p == q => members.push(t),
            (p, _) => groups.push((p.clone(), vec![t])),
        }
    }
    let nested = groups
        .iter()
        .filter(|(p, m)| p.is_some() && m.len() >= 2)
        .count();
    if nested < 2 {
        return None;
    }
    // Introductory sections are the groundwork, wherever the list puts them: a list's
    // "Relational Model" primers come before its query-optimizer research (the seventh
    // review: research presented as groundwork). Otherwise the list's order. A group is
    // introductory when half its topics are: one overview heading six research subsections
    // introduces that research, not the field (review 12: awesome-db's seven query-optimizer
    // topics came before the relational model, SQL and storage).
    groups.sort_by_key(|(_, m)| m.iter().filter(|&&t| topics[t].intro).count() * 2 < m.len());
    let count = MAX_STAGES.min(groups.len());
    let target = main.len().div_ceil(count);
    let mut stage_of = vec![0usize; topics.len()];
    let (mut s, mut filled) = (0, 0);
    let mut placed = vec![false; topics.len()];
    for (_, members) in &groups {
        // Few groups: one stage each. Many: fill stages of about `target` topics.
        let full = if groups.len() <= MAX_STAGES {
            filled > 0
        } else {
            filled >= target
        };
        // A group that requires a topic of the stage being filled opens the next one, and
        // the groups after it follow it there: pushed alone, it left them before it (review
        // 12: SQL moved after the relational model, the query optimizer stayed before both).
        let needs_here = members.iter().any(|&t| {
            topics[t]
                .requires
                .iter()
                .any(|p| placed[p.topic] && stage_of[p.topic] == s && !members.contains(&p.topic))
        });
        if (full || needs_here) && s + 1 < count {
            s += 1;
            filled = 0;
        }
        for &t in members {
            stage_of[t] = s;
            placed[t] = true;
        }
        filled += members.len();
    }
    push_after_prerequisites(topics, &main, &mut stage_of, parents);
    let used = main.iter().map(|&t| stage_of[t]).max().unwrap_or(0) + 1;
    for t in 0..topics.len() {
        topics[t].stage = if topics[t].further {
            used - 1
        } else {
            stage_of[t]
        };
    }
    Some(
        (0..used)
            .map(|s| {
                // Named by the topics it holds: a parent section may have lent only part.
                let here: Vec<usize> = main
                    .iter()
                    .copied()
                    .filter(|&t| topics[t].stage == s)
                    .collect();
                Stage {
                    id: format!("part-{}", s + 1),
                    title: match stage_name(topics, &here, parents) {
                        Some(name) => format!("Part {}: {name}", s + 1),
                        None => format!("Part {}", s + 1),
                    },
                    outcome: outcome(topics, s),
                }
            })
            .collect(),
    )
}

/// The title of the further reading topic's own stage.
pub(crate) const FURTHER_STAGE: &str = "Further reading (optional)";

/// Moves the further reading topic, if any, out of the teaching stages into a last stage of
/// its own: a reviewer counted 24 optional readings as most of a stage's hours.
pub(crate) fn set_further_apart(topics: &mut [Topic], stages: &mut Vec<Stage>) {
    if !topics.iter().any(|t| t.further) {
        return;
    }
    let last = stages.len();
    for t in topics.iter_mut().filter(|t| t.further) {
        t.stage = last;
    }
    stages.push(Stage {
        id: format!("part-{}", last + 1),
        title: FURTHER_STAGE.to_string(),
        outcome: "Optional: readings the list gives beside its topics. `syllabus plan --optional` \
                  schedules them; without it they are listed outside the core hours."
            .to_string(),
    });
}

#[cfg(test)]
mod tests {
    use super::follow_course;

    /// Matched topics take the course's stage order in the places they hold; an unmatched
    /// one keeps its place.
    #[test]
    fn matched_topics_follow_the_courses_stages() {
        // Topic 0 (formal methods) is taught last by the course, 2 (Paxos) first; 1 has no
        // match and stays second.
        let mut order = vec![0, 1, 2, 3];
        follow_course(&mut order, &[Some(9), None, Some(5), Some(8)]);
        assert_eq!(order, [2, 1, 3, 0]);
    }
}
