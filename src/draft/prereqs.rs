//! Prerequisites between the draft's topics, each with the reason a curator can judge it by.
//!
//! Evidence, strongest first:
//! 1. a like course: when two draft topics match two of its topics, the draft inherits the
//!    order the course puts them in;
//! 2. key terms: readings of one topic that name another topic's distinctive words ("Raft"
//!    readings that mention Paxos) and are newer than it;
//! 3. introductory readings: a topic of surveys and overviews comes before the others;
//! 4. the list's order, as a weak hint, for a topic that has no other evidence but shares
//!    words with a topic before it.
//!
//! Edges are taken strongest first, at most [`MAX_REQUIRES`] a topic, never one that closes
//! a cycle or repeats what the others already imply.

use super::{plain, Prereq, Reading, Topic};
use crate::model::Course;
use std::collections::{BTreeMap, BTreeSet};

/// Most prerequisites proposed for one topic.
pub(crate) const MAX_REQUIRES: usize = 3;

struct Edge {
    from: usize,
    to: usize,
    score: f32,
    why: String,
}

pub(crate) fn infer(topics: &mut [Topic], readings: &[Reading], like: Option<&Course>) {
    let by_key: BTreeMap<super::Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    let members: Vec<Vec<&Reading>> = topics
        .iter()
        .map(|t| t.members.iter().map(|k| by_key[k]).collect())
        .collect();
    let first: Vec<usize> = members
        .iter()
        .map(|m| m.iter().map(|r| r.order).min().unwrap_or(usize::MAX))
        .collect();
    let mut edges = Vec::new();
    if let Some(course) = like {
        edges.extend(from_course(topics, &members, course));
    }
    let field = super::field_of(readings);
    edges.extend(from_terms(topics, &members, &first, &field));
    edges.extend(from_intro(topics, &first));
    let mut chosen = choose(topics.len(), edges, &first);
    // A topic still without evidence: the list's order, when it shares words with an earlier one.
    let weak = from_order(&field, topics, &members, &first, &chosen);
    let more = choose_into(&mut chosen, weak, &first);
    let _ = more;
    for (to, reqs) in chosen.into_iter().enumerate() {
        topics[to].requires = reqs
            .into_iter()
            .map(|(from, why)| Prereq { topic: from, why })
            .collect();
        topics[to].requires.sort_by_key(|p| first[p.topic]);
    }
}

fn quoted(t: &Topic) -> String {
    format!("\"{}\"", plain(&t.title))
}

/// The words of a bag of texts, counted.
fn bag<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeMap<String, f32> {
    let mut b: BTreeMap<String, f32> = BTreeMap::new();
    for t in texts {
        for w in super::terms(t) {
            *b.entry(w).or_default() += 1.0;
        }
    }
    b
}

fn bag_cosine(
    a: &BTreeMap<String, f32>,
    b: &BTreeMap<String, f32>,
    idf: &dyn Fn(&str) -> f32,
) -> f32 {
    let dot: f32 = a
        .iter()
        .filter_map(|(w, x)| b.get(w).map(|y| x * y * idf(w) * idf(w)))
        .sum();
    let norm = |m: &BTreeMap<String, f32>| {
        m.iter()
            .map(|(w, x)| (x * idf(w)).powi(2))
            .sum::<f32>()
            .sqrt()
    };
    let d = norm(a) * norm(b);
    if d > 0.0 {
        dot / d
    } else {
        0.0
    }
}

/// Draft topics matched to the like course's topics; the course's order between two matched
/// topics becomes a prerequisite.
fn from_course(topics: &[Topic], members: &[Vec<&Reading>], course: &Course) -> Vec<Edge> {
    let course_bags: Vec<BTreeMap<String, f32>> = course
        .topics
        .iter()
        .map(|t| {
            let mut texts: Vec<&str> = vec![t.title.as_str(), t.title.as_str()];
            texts.extend(t.keywords.iter().map(|k| k.as_str()));
            texts.extend(t.links.iter().map(|l| l.title.as_str()));
            bag(texts)
        })
        .collect();
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for b in &course_bags {
        for w in b.keys() {
            *df.entry(w.as_str()).or_default() += 1;
        }
    }
    let n = course_bags.len().max(1) as f32;
    let idf = |w: &str| (n / df.get(w).copied().unwrap_or(0).max(1) as f32).ln() + 0.5;
    let link_keys: BTreeMap<String, usize> = course
        .topics
        .iter()
        .enumerate()
        .flat_map(|(i, t)| {
            t.links
                .iter()
                .map(move |l| (crate::corpus::url_key::key(l.url.as_str()), i))
        })
        .collect();
    let mut matched: Vec<Option<(usize, f32)>> = Vec::new();
    for (t, ms) in topics.iter().zip(members) {
        if t.further {
            matched.push(None);
            continue;
        }
        let mut texts: Vec<&str> = vec![t.title.as_str(), t.title.as_str()];
        texts.extend(ms.iter().map(|r| r.c.title.as_str()));
        let b = bag(texts);
        let mut shared: BTreeMap<usize, usize> = BTreeMap::new();
        for r in ms {
            if let Some(i) = link_keys.get(&crate::corpus::url_key::key(&r.c.url)) {
                *shared.entry(*i).or_default() += 1;
            }
        }
        let best = course_bags
            .iter()
            .enumerate()
            .map(|(i, cb)| {
                let same = shared.get(&i).copied().unwrap_or(0) as f32 / ms.len().max(1) as f32;
                (i, bag_cosine(&b, cb, &idf) + same)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        matched.push(best.filter(|(_, s)| *s >= 0.25));
    }
    let index: BTreeMap<&str, usize> = course
        .topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    // How far each course topic is from each of its prerequisites (1 = direct).
    let distance = |from: usize, to: usize| -> Option<usize> {
        let mut frontier = vec![to];
        let mut seen = BTreeSet::new();
        for d in 1..=4 {
            let mut next = Vec::new();
            for t in frontier {
                for r in &course.topics[t].requires {
                    if let Some(&i) = index.get(r.id.as_str()) {
                        if i == from {
                            return Some(d);
                        }
                        if seen.insert(i) {
                            next.push(i);
                        }
                    }
                }
            }
            frontier = next;
        }
        None
    };
    let mut edges = Vec::new();
    for (b, mb) in matched.iter().enumerate() {
        let Some((cb, _)) = mb else { continue };
        for (a, ma) in matched.iter().enumerate() {
            let Some((ca, _)) = ma else { continue };
            if a == b || ca == cb {
                continue;
            }
            if let Some(d) = distance(*ca, *cb) {
                let (ta, tb) = (&course.topics[*ca], &course.topics[*cb]);
                edges.push(Edge {
                    from: a,
                    to: b,
                    score: 3.0 / d as f32,
                    why: format!(
                        "the course \"{}\" puts \"{}\" (like {}) before \"{}\" (like {})",
                        plain(&course.title),
                        plain(&ta.title),
                        quoted(&topics[a]),
                        plain(&tb.title),
                        quoted(&topics[b]),
                    ),
                });
            }
        }
    }
    edges
}

/// Readings of one topic naming another topic's key terms, and newer than it. A key term is
/// a word of the topic's title, or one its readings' titles share, that few other topics use
/// and that belongs to the list's field rather than to English at large.
fn from_terms(
    topics: &[Topic],
    members: &[Vec<&Reading>],
    first: &[usize],
    field: &crate::import::domain::Field,
) -> Vec<Edge> {
    let t_count = topics.len();
    let title_words: Vec<BTreeMap<&str, usize>> = members
        .iter()
        .map(|ms| {
            let mut m: BTreeMap<&str, usize> = BTreeMap::new();
            for r in ms {
                for w in super::distinct(&r.title_words) {
                    *m.entry(w).or_default() += 1;
                }
            }
            m
        })
        .collect();
    let own_title: Vec<Vec<String>> = topics.iter().map(|t| super::terms(&t.title)).collect();
    let mut tdf: BTreeMap<&str, usize> = BTreeMap::new();
    for (t, m) in title_words.iter().enumerate() {
        let mut ws: BTreeSet<&str> = m.keys().copied().collect();
        ws.extend(own_title[t].iter().map(|w| w.as_str()));
        for w in ws {
            *tdf.entry(w).or_default() += 1;
        }
    }
    let rare = (t_count / 8).max(2);
    let mut in_titles: BTreeMap<&str, usize> = BTreeMap::new();
    for ws in &own_title {
        for w in ws.iter().collect::<BTreeSet<_>>() {
            *in_titles.entry(w.as_str()).or_default() += 1;
        }
    }
    let form = |w: &str| super::sections::role(w) == super::sections::Role::Form;
    let specific = |w: &str| {
        field.weight(w).is_some_and(|x| x >= 1.0) && !crate::import::domain::common_english(w)
    };
    let median_year = |ms: &[&Reading]| {
        let mut ys: Vec<u32> = ms.iter().filter_map(|r| r.year).collect();
        ys.sort_unstable();
        ys.get(ys.len() / 2).copied()
    };
    let mut edges = Vec::new();
    for (a, ta) in topics.iter().enumerate() {
        if ta.further || ta.intro {
            continue;
        }
        let mut keys: Vec<(String, bool)> = own_title[a]
            .iter()
            .filter(|w| in_titles[w.as_str()] == 1 && !form(w))
            .filter(|w| !crate::import::domain::common_english(w))
            .filter(|w| tdf.get(w.as_str()).copied().unwrap_or(0) <= rare)
            .map(|w| (w.clone(), true))
            .collect();
        let mut shared: Vec<(&str, f32)> = title_words[a]
            .iter()
            .filter(|(w, c)| **c >= 2 && specific(w) && !form(w) && tdf[*w] <= rare)
            .map(|(w, c)| (*w, *c as f32 * (t_count as f32 / tdf[*w] as f32).ln()))
            .collect();
        shared.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(y.0)));
        for (w, _) in shared.into_iter().take(2) {
            if !keys.iter().any(|(k, _)| k == w) {
                keys.push((w.to_string(), false));
            }
        }
        let year_a = median_year(&members[a]);
        for (b, tb) in topics.iter().enumerate() {
            if a == b || tb.further {
                continue;
            }
            for (w, in_title) in &keys {
                if own_title[b].contains(w) {
                    continue; // the word names both topics
                }
                let naming: Vec<&&Reading> = members[b]
                    .iter()
                    .filter(|r| r.words.iter().any(|x| x == w))
                    .filter(|r| match (r.year, year_a) {
                        (Some(y), Some(ya)) => y >= ya,
                        _ => first[a] < first[b],
                    })
                    .collect();
                if naming.is_empty() || (!in_title && naming.len() < 2) {
                    continue;
                }
                let r = naming[0];
                let when = match (r.year, year_a) {
                    (Some(y), Some(_)) => format!(", {y}), newer than {}'s readings", quoted(ta)),
                    _ => format!("), after {} in the list", quoted(ta)),
                };
                edges.push(Edge {
                    from: a,
                    to: b,
                    score: 1.0 + 0.3 * (naming.len().min(5) as f32),
                    why: format!(
                        "{} of its readings name \"{}\", a key term of {} (e.g. \"{}\"{when}",
                        naming.len(),
                        plain(&surface(w, &members[a])),
                        quoted(ta),
                        plain(&super::short(&r.c.title, 60)),
                    ),
                });
                break;
            }
        }
    }
    edges
}

/// How a topic's readings write a normalised word.
fn surface(word: &str, ms: &[&Reading]) -> String {
    for r in ms {
        for raw in r.c.title.split(|c: char| !c.is_alphanumeric()) {
            if crate::import::domain::normal(raw).as_deref() == Some(word) {
                return raw.to_string();
            }
        }
    }
    word.to_string()
}

/// The first topic of introductory readings comes before the others.
fn from_intro(topics: &[Topic], first: &[usize]) -> Vec<Edge> {
    let Some(a) = (0..topics.len())
        .filter(|&i| topics[i].intro && !topics[i].further)
        .min_by_key(|&i| first[i])
    else {
        return Vec::new();
    };
    (0..topics.len())
        .filter(|&b| b != a && !topics[b].further && !topics[b].intro)
        .map(|b| Edge {
            from: a,
            to: b,
            score: 0.8,
            why: format!(
                "{} gathers the list's introductory readings (surveys, overviews, textbooks): read it first",
                quoted(&topics[a])
            ),
        })
        .collect()
}

/// A topic with no prerequisite yet: the earlier topic it shares most words with.
fn from_order(
    field: &crate::import::domain::Field,
    topics: &[Topic],
    members: &[Vec<&Reading>],
    first: &[usize],
    chosen: &[Vec<(usize, String)>],
) -> Vec<Edge> {
    let bags: Vec<BTreeMap<String, f32>> = members
        .iter()
        .map(|ms| {
            let mut b: BTreeMap<String, f32> = BTreeMap::new();
            for r in ms {
                for w in super::distinct(&r.title_words) {
                    *b.entry(w.to_string()).or_default() += 1.0;
                }
            }
            b
        })
        .collect();
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for b in &bags {
        for w in b.keys() {
            *df.entry(w.as_str()).or_default() += 1;
        }
    }
    let n = bags.len().max(1) as f32;
    let idf = |w: &str| (n / df.get(w).copied().unwrap_or(1).max(1) as f32).ln();
    let mut edges = Vec::new();
    for b in 0..topics.len() {
        if topics[b].further || !chosen[b].is_empty() {
            continue;
        }
        let best = (0..topics.len())
            .filter(|&a| a != b && !topics[a].further && first[a] < first[b])
            .map(|a| (a, bag_cosine(&bags[a], &bags[b], &idf)))
            .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
        let Some((a, s)) = best else { continue };
        if s < 0.08 {
            continue;
        }
        let mut shared: Vec<(&String, f32)> = bags[a]
            .keys()
            .filter(|w| bags[b].contains_key(*w) && field.weight(w).is_some_and(|x| x >= 1.0))
            .map(|w| (w, idf(w)))
            .collect();
        shared.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(y.0)));
        if shared.is_empty() {
            continue;
        }
        let words: Vec<String> = shared
            .iter()
            .take(2)
            .map(|(w, _)| format!("\"{}\"", plain(&surface(w, &members[a]))))
            .collect();
        edges.push(Edge {
            from: a,
            to: b,
            score: 0.5,
            why: format!(
                "comes after {} in the list and shares its words {} (weak evidence: the list's order)",
                quoted(&topics[a]),
                words.join(" and ")
            ),
        });
    }
    edges
}

fn choose(n: usize, edges: Vec<Edge>, first: &[usize]) -> Vec<Vec<(usize, String)>> {
    let mut chosen = vec![Vec::new(); n];
    choose_into(&mut chosen, edges, first);
    chosen
}

/// Adds `edges` strongest first, skipping any that would close a cycle, that what is chosen
/// already implies, or that exceeds [`MAX_REQUIRES`]. Returns how many were added.
fn choose_into(
    chosen: &mut [Vec<(usize, String)>],
    mut edges: Vec<Edge>,
    first: &[usize],
) -> usize {
    edges.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(first[x.to].cmp(&first[y.to]))
            .then(first[x.from].cmp(&first[y.from]))
    });
    let mut added = 0;
    for e in edges {
        if chosen[e.to].len() >= MAX_REQUIRES || chosen[e.to].iter().any(|(f, _)| *f == e.from) {
            continue;
        }
        // A cycle: `from` already (transitively) requires `to`. Redundant: `to` already
        // (transitively) requires `from`.
        if reaches(chosen, e.from, e.to) || reaches(chosen, e.to, e.from) {
            continue;
        }
        chosen[e.to].push((e.from, e.why));
        added += 1;
    }
    added
}

/// Whether `from` transitively requires `target`.
fn reaches(chosen: &[Vec<(usize, String)>], from: usize, target: usize) -> bool {
    let mut stack = vec![from];
    let mut seen = BTreeSet::new();
    while let Some(t) = stack.pop() {
        for (r, _) in &chosen[t] {
            if *r == target {
                return true;
            }
            if seen.insert(*r) {
                stack.push(*r);
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_never_close_a_cycle_nor_exceed_the_limit() {
        let e = |from, to, score| Edge {
            from,
            to,
            score,
            why: String::new(),
        };
        let first = [0, 1, 2, 3, 4];
        let chosen = choose(
            5,
            vec![
                e(0, 1, 3.0),
                e(1, 2, 2.0),
                e(2, 0, 2.5),
                e(0, 2, 1.0),
                e(0, 4, 1.0),
                e(1, 4, 1.0),
                e(2, 4, 1.0),
                e(3, 4, 1.0),
            ],
            &first,
        );
        // 2 -> 0 is taken first (2.5), so 1 -> 2 would close 0 -> 1 -> 2 -> 0.
        assert_eq!(chosen[0].iter().map(|x| x.0).collect::<Vec<_>>(), [2]);
        assert!(chosen[2].is_empty());
        assert!(chosen[4].len() <= MAX_REQUIRES);
        for t in 0..5 {
            assert!(!reaches(&chosen, t, t), "cycle through {t}");
        }
    }
}
