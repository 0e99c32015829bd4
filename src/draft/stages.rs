//! Stages from prerequisite depth: a topic no other requires first is in the first stage, a
//! topic whose prerequisites are all there in the second, and so on; the list's order breaks
//! ties. Deep graphs are folded into at most [`MAX_STAGES`] stages; a flat one (no
//! prerequisites) is cut in two by the list's order, its first half first. The further
//! reading topic goes last.

use super::{plain, Stage, Topic};

pub(crate) const MAX_STAGES: usize = 4;

/// Sets each topic's stage and returns the stages in order.
pub(crate) fn assign(topics: &mut [Topic]) -> Vec<Stage> {
    let n = topics.len();
    let mut depth = vec![0usize; n];
    // Longest path from a root; prerequisites never form a cycle, so n rounds settle it.
    for _ in 0..n {
        let mut changed = false;
        for t in 0..n {
            let d = topics[t]
                .requires
                .iter()
                .map(|p| depth[p.topic] + 1)
                .max()
                .unwrap_or(0);
            if d > depth[t] {
                depth[t] = d;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let main: Vec<usize> = (0..n).filter(|&t| !topics[t].further).collect();
    let max_depth = main.iter().map(|&t| depth[t]).max().unwrap_or(0);
    let mut level: Vec<usize> = depth
        .iter()
        .map(|&d| {
            if max_depth + 1 > MAX_STAGES {
                d * MAX_STAGES / (max_depth + 1)
            } else {
                d
            }
        })
        .collect();
    let mut count = main.iter().map(|&t| level[t]).max().map_or(1, |m| m + 1);
    if count == 1 && main.len() >= 6 {
        // No prerequisites to go by: the list's order, first half first.
        let half = main.len().div_ceil(2);
        for (i, &t) in main.iter().enumerate() {
            level[t] = usize::from(i >= half);
        }
        count = 2;
    }
    for t in 0..n {
        topics[t].stage = if topics[t].further {
            count - 1
        } else {
            level[t]
        };
    }
    let labels: &[(&str, &str)] = match count {
        1 => &[("course", "The course")],
        2 => &[
            ("foundations", "Foundations"),
            ("building-on", "Building on them"),
        ],
        3 => &[
            ("foundations", "Foundations"),
            ("core", "The core"),
            ("advanced", "Advanced"),
        ],
        _ => &[
            ("foundations", "Foundations"),
            ("core", "The core"),
            ("building-on", "Building on the core"),
            ("advanced", "Advanced"),
        ],
    };
    (0..count)
        .map(|s| {
            let names: Vec<String> = main
                .iter()
                .filter(|&&t| topics[t].stage == s)
                .map(|&t| plain(&topics[t].title))
                .collect();
            let (id, label) = labels[s.min(labels.len() - 1)];
            Stage {
                id: id.to_string(),
                title: match names.as_slice() {
                    [] => label.to_string(),
                    [a] => format!("{label}: {a}"),
                    [a, b] => format!("{label}: {a} and {b}"),
                    [a, b, ..] => format!("{label}: {a}, {b} and more"),
                },
                outcome: outcome(&names, s, count),
            }
        })
        .collect()
}

fn outcome(names: &[String], stage: usize, count: usize) -> String {
    let list = match names {
        [] => return "Optional readings.".into(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [a, b, c] => format!("{a}, {b} and {c}"),
        [a, b, c, rest @ ..] => format!("{a}, {b}, {c} and {} more", rest.len()),
    };
    if count == 1 {
        format!("You can explain {list}.")
    } else if stage == 0 {
        format!("You can explain the groundwork the later stages assume: {list}.")
    } else if stage + 1 == count {
        format!("You can read the advanced work on {list}, building on the earlier stages.")
    } else {
        format!("You can explain {list}, using what the earlier stages gave you.")
    }
}

/// Stages that follow the list's own parent sections, in the list's order: consecutive
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
    // Prerequisites first: a topic moves to its latest prerequisite's stage when that is later.
    for _ in 0..topics.len() {
        let mut changed = false;
        for &t in &main {
            let need = topics[t]
                .requires
                .iter()
                .map(|p| stage_of[p.topic])
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
                let names: Vec<String> = names[s].iter().map(|n| plain(n)).collect();
                let title = match names.as_slice() {
                    [] => format!("Part {}", s + 1),
                    [a] => a.clone(),
                    [a, b] => format!("{a} and {b}"),
                    [a, b, ..] => format!("{a}, {b} and more"),
                };
                Stage {
                    id: format!("part-{}", s + 1),
                    title: format!("Part {}: {title}", s + 1),
                    outcome: outcome(&names, s, used),
                }
            })
            .collect(),
    )
}
