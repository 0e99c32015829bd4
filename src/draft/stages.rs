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
    (0..count)
        .map(|s| {
            let names: Vec<String> = order
                .iter()
                .filter(|&&t| topics[t].stage == s)
                .map(|&t| plain(&topics[t].title))
                .collect();
            let title = if names.is_empty() {
                format!("Part {}", s + 1)
            } else {
                all_of(&names)
            };
            Stage {
                id: format!("part-{}", s + 1),
                title: if names.is_empty() {
                    title
                } else {
                    format!("Part {}: {title}", s + 1)
                },
                outcome: outcome(topics, s),
            }
        })
        .collect()
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
    let names: Vec<String> = here.iter().map(|&t| plain(&topics[t].title)).collect();
    if names.is_empty() {
        return "Optional readings.".into();
    }
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

/// A stage's title names every topic it holds, in its order: "Byzantine, Distributed
/// transactions and more" hid the Raft the stage held (a reviewer's objection).
/// Names that hold "and" or a comma themselves ("Serving Systems and Inference") are
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

fn join(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [a, b, c] => format!("{a}, {b} and {c}"),
        [a, b, c, rest @ ..] => format!("{a}, {b}, {c} and {} more", rest.len()),
    }
}

/// Stages that follow the list's own parent sections, in the list's order (groups with an
/// introductory topic first): consecutive
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
    // review: research presented as groundwork). Otherwise the list's order.
    groups.sort_by_key(|(_, m)| !m.iter().any(|&t| topics[t].intro));
    let count = MAX_STAGES.min(groups.len());
    let target = main.len().div_ceil(count);
    let mut stage_of = vec![0usize; topics.len()];
    let mut names: Vec<Vec<String>> = vec![Vec::new(); count];
    let (mut s, mut filled) = (0, 0);
    for (p, members) in &groups {
        // Few groups: one stage each. Many: fill stages of about `target` topics.
        let full = if groups.len() <= MAX_STAGES {
            filled > 0
        } else {
            filled >= target
        };
        if full && s + 1 < count {
            s += 1;
            filled = 0;
        }
        for &t in members {
            stage_of[t] = s;
        }
        filled += members.len();
        let name = p
            .clone()
            .unwrap_or_else(|| plain(&topics[members[0]].title));
        if !names[s].contains(&name) {
            names[s].push(name);
        }
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
                let names: Vec<String> = main
                    .iter()
                    .filter(|&&t| topics[t].stage == s)
                    .map(|&t| plain(&topics[t].title))
                    .collect();
                let title = if names.is_empty() {
                    format!("Part {}", s + 1)
                } else {
                    all_of(&names)
                };
                Stage {
                    id: format!("part-{}", s + 1),
                    title: format!("Part {}: {title}", s + 1),
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
