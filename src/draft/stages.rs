//! Stages in the author's order: a list's sections as they come (a calendar's or a
//! syllabus's order is its author's teaching order), or for clustered readings the topics
//! with the oldest readings first. The topics are cut into consecutive stages of about equal
//! size; a topic moves later only when one of its prerequisites sits in its stage or a later one, so
//! depth never puts a topic without prerequisites first just because nothing points at it.
//! The further reading topic is no teaching stage: it gets a last stage of its own, marked
//! optional (its links are on the optional track, outside the plan's hours).

use super::{plain, Reading, Stage, Topic};
use crate::model::Kind;
use std::collections::BTreeMap;

pub(crate) const MAX_STAGES: usize = 4;

/// Sets each topic's stage from `order` (every topic but the further reading one, in the
/// author's order) and returns the stages in order.
///
/// Clusters have no author's order, only their readings' age: there a topic others require
/// and that requires none is groundwork and opens the first stage (review 11: a feed's
/// Parsing came after its compiler posts, its SQL database after distributed key-value).
pub(crate) fn assign(
    topics: &mut [Topic],
    order: &[usize],
    clustered: bool,
    readings: &[Reading],
) -> Vec<Stage> {
    let mut order = order.to_vec();
    let mut general = vec![false; topics.len()];
    if clustered {
        general = general_topics(topics, readings);
        teaching_order(topics, &mut order, &general);
    }
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
    // The first stage opens with the groundwork: topics others require that require none,
    // and the list's general works (its textbooks, guides and manuals) that need nothing.
    let root = |t: usize| clustered && (required[t] || general[t]) && topics[t].requires.is_empty();
    let mut ordered: Vec<usize> = order.iter().copied().filter(|&t| root(t)).collect();
    ordered.extend(order.iter().copied().filter(|&t| !root(t)));
    let order = ordered.as_slice();
    let roots = order.iter().filter(|&&t| root(t)).count();
    let mut stage_of = vec![0usize; topics.len()];
    for (i, &t) in order.iter().enumerate() {
        stage_of[t] = if root(t) {
            0
        } else if roots * count > n && count > 1 {
            // More groundwork than a stage's share: the others fill the later stages
            // evenly rather than leave one of them a single topic.
            1 + (i - roots) * (count - 1) / (n - roots).max(1)
        } else {
            i * count / n.max(1)
        };
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
                outcome: outcome(topics, s, readings),
            }
        })
        .collect()
}

/// Title words of a general work, one a beginner starts from: a guide, a handbook, a
/// reference manual, a language's defining report.
const GENERAL: &[&str] = &[
    "guide",
    "handbook",
    "manual",
    "essentials",
    "textbook",
    "report on",
    "learn to",
];

/// What a reading is, as its link file will say: what the list says, else its address's
/// evidence.
fn kind(r: &Reading) -> Kind {
    crate::import::evidence::facts(r.c).0
}

/// Whether a reading is a general work rather than research: a book, a course, an
/// introduction or survey, a guide, handbook or reference manual.
fn general_reading(r: &Reading) -> bool {
    if r.intro || matches!(kind(r), Kind::Book | Kind::Course) {
        return true;
    }
    let title = r.c.title.to_lowercase();
    let words: Vec<&str> = title
        .split(|ch: char| !ch.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let text = format!(" {} ", words.join(" "));
    // "The Racket Reference": a reference is the title's last word ("reference counting"
    // is research).
    let reference = words
        .iter()
        .rev()
        .find(|w| w.chars().any(|c| c.is_alphabetic()))
        .is_some_and(|w| *w == "reference");
    reference
        || GENERAL
            .iter()
            .any(|w| text.contains(&format!(" {w} ")) || text.contains(&format!(" {w}s ")))
}

/// The topics where the list's general works (see [`general_reading`]) gather: two or
/// more, at least half the topic's readings and twice their share in the list's topics. A
/// list of resources has books and courses on every subject, so there they mark no topic
/// as where a beginner starts (compilers.md: its virtual-machine books put VMs before the
/// interpreters they run).
fn general_topics(topics: &[Topic], readings: &[Reading]) -> Vec<bool> {
    let by_key: BTreeMap<_, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    let counts: Vec<(usize, usize)> = topics
        .iter()
        .map(|t| {
            let rs: Vec<&Reading> = t
                .members
                .iter()
                .filter_map(|k| by_key.get(k).copied())
                .collect();
            (rs.iter().filter(|r| general_reading(r)).count(), rs.len())
        })
        .collect();
    let (all_general, all) = counts
        .iter()
        .fold((0, 0), |(g, n), &(tg, tn)| (g + tg, n + tn));
    counts
        .iter()
        .map(|&(general, n)| {
            // One book beside one paper is no evidence of a general topic.
            general >= 2 && general * 2 >= n && general * all >= 2 * all_general * n
        })
        .collect()
}

/// A teacher's order for clusters, where the list gives none: general topics (textbooks,
/// guides, manuals: what a beginner starts from) first, then the list's main subjects, then
/// its side topics (fewer than half the readings of the average topic: a handful of
/// research papers on one question), each group in the order it came (introductory, then
/// by the median year of its readings). Review 13b: a textbook's bibliography put its
/// foundations textbooks and its language's guide last, and three papers on higher-order
/// flow analysis before its CPS conversion, because year was the first key.
fn teaching_order(topics: &[Topic], order: &mut [usize], general: &[bool]) {
    let mut sizes: Vec<usize> = order.iter().map(|&t| topics[t].members.len()).collect();
    sizes.sort_unstable();
    // The largest topic is left out of the average: a catch-all of 38 readings made every
    // topic of four a side topic.
    sizes.pop();
    let (sum, n) = (sizes.iter().sum::<usize>(), sizes.len().max(1));
    // A side topic holds fewer than half the readings of the average topic.
    let side = |t: usize| topics[t].members.len() * 2 * n < sum;
    order.sort_by_key(|&t| (!general[t], !topics[t].intro && side(t)));
}

/// What a stage's topics share, as its name: their one parent section ("Query Optimizer"
/// over its six subsections), a topic's own title when it is alone, two short titles ("Time
/// and Consensus"); a stage of more
/// is named by its weightiest section or topic (most readings; of equals, the earlier),
/// "and more". Titles run together were no name (review 12: "Part 2: SQL & Relation
/// Algebra, Query Execution, ... and LSM-Tree"; review 13b: "Part 1: Historical Context;
/// Transactions; QP and Optimization").
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
    // Most readings first; of equals, the earlier in the list.
    let heaviest = (0..groups.len()).min_by_key(|&g| (std::cmp::Reverse(groups[g].1), g))?;
    let name = groups[heaviest].0.clone();
    let plain_name = |n: &str| !n.contains(" and ") && !n.contains(", ") && !n.contains(": ");
    Some(match groups.len() {
        1 => name,
        // Two short names are still one ("Time and Consensus").
        2 if groups.iter().all(|(n, _)| plain_name(n)) => {
            format!("{} and {}", groups[0].0, groups[1].0)
        }
        // A name that holds "and" itself ("QP and Optimization") is set apart by a comma.
        _ if name.contains(" and ") || name.contains(", ") => format!("{name}, and more"),
        _ => format!("{name} and more"),
    })
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

/// What a stage's reader can do with its readings, saying only what the draft knows: what
/// its readings are (papers to summarise and compare, books to work through, talks to
/// follow, tools to try), on which topics (the two weightiest), what it builds on (its
/// topics' prerequisites in earlier stages) and what it is the groundwork of. "You can
/// explain X, Y and Z" said nothing a reader could check (review 13b).
fn outcome(topics: &[Topic], stage: usize, readings: &[Reading]) -> String {
    let here: Vec<usize> = (0..topics.len())
        .filter(|&t| topics[t].stage == stage && !topics[t].further)
        .collect();
    if here.is_empty() {
        return "Optional readings.".into();
    }
    let mut main = here.clone();
    main.sort_by_key(|&t| (std::cmp::Reverse(topics[t].members.len()), t));
    main.truncate(2);
    main.sort_unstable();
    let names: Vec<String> = main.iter().map(|&t| plain(&topics[t].title)).collect();
    let mut on = if names.iter().any(|n| n.contains(" and ")) {
        names.join("; ")
    } else {
        join(&names)
    };
    match here.len() - main.len() {
        0 => {}
        1 => on.push_str(" (and one more topic)"),
        m => on.push_str(&format!(" (and {m} more topics)")),
    }
    let by_key: BTreeMap<_, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    // What the learner does with each kind of reading, most readings first.
    let mut doing: Vec<(&str, &str, &str, usize)> = Vec::new();
    for &t in &here {
        for k in &topics[t].members {
            let (verb, one, many) = match by_key.get(k).map(|r| kind(r)) {
                Some(Kind::Paper) => ("summarise and compare", "paper", "papers"),
                Some(Kind::Book) => ("work through", "book", "books"),
                Some(Kind::Video | Kind::Talk) => ("follow", "talk", "talks"),
                Some(Kind::Course) => ("follow", "course", "courses"),
                Some(Kind::Tool | Kind::Project | Kind::Exercise) => {
                    ("try out", "tool or project", "tools and projects")
                }
                _ => ("discuss", "article", "articles"),
            };
            match doing.iter_mut().find(|d| d.1 == one) {
                Some(d) => d.3 += 1,
                None => doing.push((verb, one, many, 1)),
            }
        }
    }
    doing.sort_by_key(|d| std::cmp::Reverse(d.3));
    let total: usize = doing.iter().map(|d| d.3).sum();
    // A kind that is a tenth of the stage or less goes unsaid; at most two are said.
    let said: Vec<String> = doing
        .iter()
        .enumerate()
        .filter(|&(i, d)| i == 0 || (i < 2 && d.3 * 10 > total))
        .map(|(_, &(verb, one, many, n))| {
            format!("{verb} {} {}", count(n), if n == 1 { one } else { many })
        })
        .collect();
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
        // Two say what the stage leads to or rests on; a longer list is a template.
        v.truncate(2);
    }
    let mut text = format!("You can {} on {on}", said.join(" and "));
    if !earlier.is_empty() {
        text.push_str(&format!(", building on {}", join(&earlier)));
    }
    if !later.is_empty() {
        text.push_str(&format!("; they are the groundwork of {}", join(&later)));
    }
    text.push('.');
    text
}

/// A count as a sentence says it: words up to ten.
fn count(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
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
pub(crate) fn by_parents(
    topics: &mut [Topic],
    parents: &[Option<String>],
    readings: &[Reading],
) -> Option<Vec<Stage>> {
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
                    outcome: outcome(topics, s, readings),
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
