//! Prerequisites between the draft's topics, each with the reason a curator can judge it by.
//!
//! Evidence, strongest first:
//! 1. a like course: when two draft topics match two of its topics, the draft inherits the
//!    order the course puts them in;
//! 2. key terms: readings of one topic that name another topic's *name* ("Raft" readings
//!    that mention Paxos) and are newer than it. Only a name counts: a word of the topic's
//!    title that general English does not use (Paxos, ZooKeeper, LSM), never an ordinary
//!    word two titles happen to share ("leader", "buffer", "room");
//! 3. introductory readings: a topic of surveys and overviews comes before the first other
//!    topic of the list (one edge, not one to every topic); in a clustered list, the topic of
//!    textbooks and courses on the list's whole field comes before the topics they name;
//! 4. a series: part 1 of a multi-part series comes before part 2 when they sit in two topics;
//! 5. nesting: of two subsections under one heading, the later whose readings name the
//!    earlier's subject (a rare word of its title that its own readings say) requires it.
//! 6. whole texts: a topic most of whose posts (a feed gives them whole, kept as evidence
//!    only) keep using another topic's subject, where that topic's posts do not use theirs.
//! 7. attacks and defences: a section naming a defence after the attack sections it answers;
//!    a reading defending "against" another topic's whole name after that topic.
//! 8. one-word names: a topic named by one word ("Transactions", not "Frameworks") before a
//!    later topic with a reading about that word in the later topic's own subject;
//! 9. tools: a section named for the tools of a later section's subject ("Analysis
//!    Frameworks" before "Dynamic Analysis").
//!
//! A subject word counts only when the named topic's own reading titles say it (a
//! calendar's notes repeat the heading beside every paper), and a heading's one subsection
//! sharing no word with it is a slipped heading level, not its specialisation.
//!
//! Shared words and the list's order alone are no evidence: reviewers deleted every edge
//! they produced. A topic with no evidence gets no prerequisite.
//!
//! Edges are taken strongest first, at most [`MAX_REQUIRES`] a topic, never one that closes
//! a cycle or repeats what the others already imply.

use super::{plain, Prereq, Reading, Topic};
use crate::model::Course;
use std::collections::{BTreeMap, BTreeSet};

/// Most prerequisites proposed for one topic.
pub(crate) const MAX_REQUIRES: usize = 3;

/// How alike a draft topic and a like course's topic must be (title words, weighted by how
/// rare they are in the course, plus the share of shared links) for the course's order to
/// count between them.
const STRONG_MATCH: f32 = 0.45;

/// How alike they must be for the course's stage of its topic to place the draft topic
/// among the others (an order of stages, not a prerequisite).
const ROUGH_MATCH: f32 = 0.3;

struct Edge {
    from: usize,
    to: usize,
    score: f32,
    why: String,
}

/// Returns, when the like course lent its order (the list is in its field), the place of
/// each topic's match in the course's stages (`None`: no strong match).
pub(crate) fn infer(
    topics: &mut [Topic],
    readings: &[Reading],
    like: Option<&Course>,
    parents: &[Option<String>],
    rank: &[usize],
    clustered: bool,
) -> Option<Vec<Option<usize>>> {
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
    let mut borrowed = None;
    if let Some((found, places)) = like.and_then(|course| from_course(topics, &members, course)) {
        borrowed = Some(places);
        edges.extend(found);
    }
    let field = super::field_of(readings);
    edges.extend(from_terms(topics, &members, &first, &field, readings));
    edges.extend(from_subjects(
        topics, &members, &field, parents, rank, readings, clustered,
    ));
    edges.extend(from_phrase(topics, &members, parents, rank, clustered));
    edges.extend(from_stems(
        topics, &members, &field, rank, readings, clustered,
    ));
    edges.extend(from_texts(
        topics, &members, &field, rank, readings, clustered,
    ));
    edges.extend(from_readings(topics, &members, rank, readings, clustered));
    if !clustered {
        edges.extend(from_methods(topics, &members, &field, rank, readings));
    }
    edges.extend(from_head_name(topics, &members, parents, rank, clustered));
    edges.extend(from_tools(topics, rank, clustered));
    edges.extend(from_siblings(topics, &members, rank, readings));
    edges.extend(from_intro(topics, &members, &first));
    if clustered {
        edges.extend(from_field_textbooks(topics, &members));
    }
    edges.extend(from_overview(topics, &members, parents));
    edges.extend(from_level_names(topics, rank));
    edges.extend(from_groundwork_name(topics, rank, clustered));
    edges.extend(from_general_section(topics, parents, rank, clustered));
    edges.extend(from_attacks(topics, parents, rank, clustered));
    edges.extend(from_counters(topics, &members, rank, clustered));
    edges.extend(from_series(topics, &members));
    let chosen = choose(topics.len(), edges, &first);
    for (to, reqs) in chosen.into_iter().enumerate() {
        topics[to].requires = reqs
            .into_iter()
            .map(|(from, why)| Prereq { topic: from, why })
            .collect();
        topics[to].requires.sort_by_key(|p| first[p.topic]);
    }
    borrowed
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
/// The edges the course lends, and each topic's match's place in the course's stages.
fn from_course(
    topics: &[Topic],
    members: &[Vec<&Reading>],
    course: &Course,
) -> Option<(Vec<Edge>, Vec<Option<usize>>)> {
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
    let mut rough: Vec<Option<usize>> = Vec::new();
    for (t, ms) in topics.iter().zip(members) {
        if t.further {
            matched.push(None);
            rough.push(None);
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
        // Only a strong match lends an order: a weak one ("Linearizability" beside two RAMCloud
        // papers, one CRDT report among Emerald papers) made most of the wrong edges.
        rough.push(best.filter(|(_, s)| *s >= ROUGH_MATCH).map(|(c, _)| c));
        matched.push(best.filter(|(_, s)| *s >= STRONG_MATCH));
    }
    // One course topic stands for one draft topic: the best match. A second, weaker one
    // ("Fault tolerance" like "State machine replication") lent the first one's order to a
    // topic that follows it.
    let mut best_of: BTreeMap<usize, (usize, f32)> = BTreeMap::new();
    for (t, m) in matched.iter().enumerate() {
        if let Some((c, s)) = m {
            let e = best_of.entry(*c).or_insert((t, *s));
            if *s > e.1 {
                *e = (t, *s);
            }
        }
    }
    for (t, m) in matched.iter_mut().enumerate() {
        if m.is_some_and(|(c, _)| best_of[&c].0 != t) {
            *m = None;
        }
    }
    // A list that only overlaps the course (a databases list with a few replication
    // sections, an OS list with a file-system section) is another field: its order is not the
    // course's. Borrow only when half the draft's topics (and at least three: two matches
    // make one guess) match a course topic strongly.
    let own = topics.iter().filter(|t| !t.further).count();
    let hits = matched.iter().flatten().count();
    if hits < 3 || hits * 2 < own {
        // Still, two draft topics named after what two course topics are named after (one
        // word, not an everyday one: "Raft", "Paxos") are those topics, whatever the rest of
        // the list is: their order is the course's.
        let named: Vec<Option<(usize, f32)>> = topics
            .iter()
            .map(|t| name_match(t, course).map(|i| (i, 1.0)))
            .collect();
        if named.iter().flatten().count() < 2 {
            return None;
        }
        matched = named;
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
            // Only the course's direct order: one two or three steps apart ("TLA+" before
            // "Distributed locks" because the course teaches specification first) was
            // deleted by every reviewer.
            if distance(*ca, *cb) == Some(1) {
                let (ta, tb) = (&course.topics[*ca], &course.topics[*cb]);
                let order = format!(
                    "the course \"{}\" puts \"{}\" (like {}) before \"{}\" (like {})",
                    plain(&course.title),
                    plain(&ta.title),
                    quoted(&topics[a]),
                    plain(&tb.title),
                    quoted(&topics[b]),
                );
                // The subject reason, where the course gives one: the sentence of the later
                // topic's summary that names the earlier ("equivalent in power to
                // Multi-Paxos"), or of the earlier's that names the later.
                let why = match course_reason(ta, tb).or_else(|| course_reason(tb, ta)) {
                    Some(said) => format!("{order}, and says: \"{}\"", plain(&said)),
                    None => order,
                };
                edges.push(Edge {
                    from: a,
                    to: b,
                    score: 3.0,
                    why,
                });
            }
        }
    }
    // A stage place needs less than an edge: where the closest course topic is taught
    // ("Replicated and partitioned storage" beside the course's storage topic, under the
    // strong match an edge needs) still says early or late.
    let places = matched
        .iter()
        .zip(&rough)
        .map(|(m, r)| {
            let c = m.map(|(c, _)| c).or(*r)?;
            let stage = course.topics[c].stage.as_ref()?;
            course.stages.iter().position(|st| &st.id == stage)
        })
        .collect();
    Some((edges, places))
}

/// The first sentence of `of`'s summary that names `named` by its title or one of its
/// keywords (a phrase `of` does not also claim as its own keyword), shortened: the course's
/// own words for how the two topics meet.
fn course_reason(named: &crate::model::Topic, of: &crate::model::Topic) -> Option<String> {
    // A phrase inside one of `of`'s own ("consistency" of "consistency model") is its
    // subject, not the other topic's.
    let own: Vec<String> = std::iter::once(&of.title)
        .chain(&of.keywords)
        .map(|k| k.to_lowercase())
        .collect();
    let mut names: Vec<String> = std::iter::once(named.title.to_lowercase())
        .chain(named.keywords.iter().map(|k| k.to_lowercase()))
        .filter(|k| k.chars().count() >= 4 && !own.iter().any(|o| o.contains(k.as_str())))
        .filter(|k| !GENERAL.contains(&k.as_str()))
        .collect();
    names.dedup();
    let summary = of.summary.split_whitespace().collect::<Vec<_>>().join(" ");
    let says = |sentence: &str, name: &str| {
        let lower = sentence.to_lowercase();
        lower.match_indices(name).any(|(i, _)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + name.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphabetic)
        })
    };
    summary
        .split_inclusive(". ")
        .map(str::trim)
        .find(|sentence| names.iter().any(|n| says(sentence, n)))
        .map(|sentence| super::short(sentence, 160))
}

/// The like course's topic a draft topic is named after: the draft topic's title is one
/// word, not an everyday one ("Raft", "Paxos"), and exactly one course topic's title says it.
fn name_match(t: &Topic, course: &Course) -> Option<usize> {
    if t.further {
        return None;
    }
    let words = super::terms(&t.title);
    let [w] = words.as_slice() else {
        return None;
    };
    // "Raft" is an English word, but not an everyday one: it names the topic here.
    if w.chars().count() < 4 || crate::import::domain::common_english(w) {
        return None;
    }
    let mut hits = course
        .topics
        .iter()
        .enumerate()
        .filter(|(_, c)| super::terms(&c.title).contains(w));
    let (i, _) = hits.next()?;
    hits.next().is_none().then_some(i)
}

/// Readings of one topic naming another topic's key terms, and newer than it. A key term is
/// a word of the topic's title, or one its readings' titles share, that few other topics use
/// and that belongs to the list's field rather than to English at large.
fn from_terms(
    topics: &[Topic],
    members: &[Vec<&Reading>],
    first: &[usize],
    field: &crate::import::domain::Field,
    readings: &[Reading],
) -> Vec<Edge> {
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
    let rare = (topics.len() / 8).max(2);
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
        let keys: Vec<(String, bool)> = own_title[a]
            .iter()
            .filter(|w| in_titles[w.as_str()] == 1 && !form(w))
            .filter(|w| is_name(w) && specific(w))
            .filter(|w| tdf.get(w.as_str()).copied().unwrap_or(0) <= rare)
            .map(|w| (w.clone(), true))
            .collect();
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
                if naming.is_empty()
                    || (!in_title && naming.len() < 2)
                    || !distinctive(w, naming.len(), &members[a], &members[b], readings)
                {
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

/// Readings of one topic naming the subject of another: a word of that topic's title the list
/// uses far more than English does ("isolation", "consensus"), named by two or more of the
/// readings and by a share of them ([`distinctive`]), when the named topic
/// comes first in the author's order (the order as the hint, the reading's text as the
/// reason) and more than that topic's readings name this one. An
/// occurrence inside a compound the naming topic owns ("Protocol Buffers" beside "Buffer
/// management") is no naming. Without an author's order (clusters, ranked by age), two
/// topics whose readings name each other are peers: age alone would orient the edge, and it
/// put a Lisp compiler before the Scheme interpreters its resources post lists beside it.
fn from_subjects(
    topics: &[Topic],
    members: &[Vec<&Reading>],
    field: &crate::import::domain::Field,
    parents: &[Option<String>],
    rank: &[usize],
    readings: &[Reading],
    clustered: bool,
) -> Vec<Edge> {
    let own_title: Vec<Vec<String>> = topics.iter().map(|t| super::terms(&t.title)).collect();
    let mut in_titles: BTreeMap<&str, usize> = BTreeMap::new();
    for ws in &own_title {
        for w in ws.iter().collect::<BTreeSet<_>>() {
            *in_titles.entry(w.as_str()).or_default() += 1;
        }
    }
    let form = |w: &str| super::sections::role(w) == super::sections::Role::Form;
    // A topic's subject words: its title's words the list uses at least twice as often as
    // English does, that no other topic's title uses.
    let subjects: Vec<Vec<&str>> = (0..topics.len())
        .map(|a| {
            if topics[a].further {
                return Vec::new();
            }
            own_title[a]
                .iter()
                .map(|w| w.as_str())
                .filter(|w| in_titles[w] == 1 && !form(w) && w.len() >= 3)
                .filter(|w| field.weight(w).is_some_and(|x| x >= 2.0))
                // "data", "program": everyday words name no one topic.
                .filter(|w| !crate::import::domain::common_english(w))
                .collect()
        })
        .collect();
    let bigrams = |r: &Reading| -> Vec<(String, String)> {
        r.title_words
            .windows(2)
            .map(|p| (p[0].clone(), p[1].clone()))
            .collect()
    };
    // The readings of `b` naming a subject word of `a`, outside `b`'s own compounds.
    let naming = |a: usize, b: usize| -> Vec<(&Reading, &str)> {
        let mut out = Vec::new();
        for &w in &subjects[a] {
            let pairs_with = |ms: &[&Reading]| -> BTreeMap<(String, String), usize> {
                let mut m = BTreeMap::new();
                for r in ms {
                    for p in bigrams(r) {
                        if p.0 == w || p.1 == w {
                            *m.entry(p).or_default() += 1;
                        }
                    }
                }
                m
            };
            let in_b = pairs_with(&members[b]);
            let in_a = pairs_with(&members[a]);
            let owned = |p: &(String, String)| {
                in_b.get(p).copied().unwrap_or(0) >= 2 && !in_a.contains_key(p)
            };
            for r in &members[b] {
                if !r.words.iter().any(|x| x == w) {
                    continue;
                }
                let pairs = bigrams(r);
                let around: Vec<&(String, String)> =
                    pairs.iter().filter(|p| p.0 == w || p.1 == w).collect();
                if around.iter().any(|p| owned(p)) {
                    continue;
                }
                if !out.iter().any(|(x, _): &(&Reading, &str)| x.key == r.key) {
                    out.push((*r, w));
                }
            }
        }
        out
    };
    let mut edges = Vec::new();
    for a in 0..topics.len() {
        if subjects[a].is_empty() || topics[a].intro {
            continue;
        }
        for b in 0..topics.len() {
            // The author's order as the hint, the naming as the reason: an ordinary word
            // ("distributed") named against the author's order is a shared word, not a
            // dependency.
            // A parent section's topic never requires one of its subsections.
            let parent_of =
                |p: usize, c: usize| parents[c].as_deref() == Some(&topics[p].title) && p != c;
            if a == b || topics[b].further || rank[a] > rank[b] || parent_of(b, a) {
                continue;
            }
            let named = naming(a, b);
            if named.is_empty() {
                continue;
            }
            let back = naming(b, a);
            if clustered && !back.is_empty() {
                continue;
            }
            let share = |n: usize, of: usize| n as f32 / of.max(1) as f32;
            if share(back.len(), members[a].len()) >= share(named.len(), members[b].len()) {
                continue;
            }
            // The word most of the naming readings name, and only those readings.
            let mut by_word: BTreeMap<&str, usize> = BTreeMap::new();
            for (_, w) in &named {
                *by_word.entry(w).or_default() += 1;
            }
            let Some((&w, &n)) = by_word
                .iter()
                .max_by_key(|(w, n)| (**n, std::cmp::Reverse(**w)))
            else {
                continue;
            };
            if !distinctive(w, n, &members[a], &members[b], readings) {
                continue;
            }
            let named: Vec<(&Reading, &str)> = named.into_iter().filter(|(_, x)| *x == w).collect();
            let (r, w) = named[0];
            edges.push(Edge {
                from: a,
                to: b,
                score: 0.5 + 0.1 * (named.len().min(5) as f32),
                why: format!(
                    "{} of its readings name \"{}\", the subject of {} (e.g. \"{}\")",
                    named.len(),
                    plain(&surface(w, &members[a])),
                    quoted(&topics[a]),
                    plain(&super::short(&r.c.title, 60)),
                ),
            });
        }
    }
    edges
}

/// Whether `w`, named by `named` of `b`'s readings, is evidence that `b` builds on `a`: the
/// word is distinctive of `a` (at least half of its readings' titles say it, and the rest of the list
/// outside `a` and `b` at a quarter of that rate at most) and a share of `b` names it (a third of `b`, and two
/// readings unless `b` holds only two), though no more of `b` than of `a`. One paper on HTAP scheduling does not put
/// all of "Scheduling" after "HTAP", nor does "programming" used all over a list.
fn distinctive(
    w: &str,
    named: usize,
    ma: &[&Reading],
    mb: &[&Reading],
    readings: &[Reading],
) -> bool {
    let uses = |r: &Reading| r.words.iter().any(|x| x == w);
    // `a`'s own readings must say the word in their titles: a note that repeats the
    // schedule's row ("Interactive Data, Ordered and Unordered" beside each of its papers on
    // spreadsheets) is the heading again, not what the readings are about.
    let in_a = ma
        .iter()
        .filter(|r| r.title_words.iter().any(|x| x == w))
        .count();
    let in_b = mb.iter().filter(|r| uses(r)).count();
    let all = readings.iter().filter(|r| uses(r)).count();
    let rest = all.saturating_sub(in_a + in_b);
    let others = readings.len().saturating_sub(ma.len() + mb.len());
    let share = |n: usize, of: usize| n as f32 / of.max(1) as f32;
    // The rest of the list may use the word, at a quarter of the rate `a` does at most: a
    // course on consistency names "consistency" here and there, but "Consistency models"
    // is where all its readings do.
    in_a * 2 >= ma.len()
        && (rest <= 1 || share(rest, others) * 4.0 <= share(in_a, ma.len()))
        && (named >= 2 || mb.len() <= 2)
        && named * 3 >= mb.len()
        && share(named, mb.len()) <= share(in_a, ma.len())
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

/// A reading of a later topic that names an earlier topic by its whole name of two words or
/// more ("Linear Scan Register Allocation on SSA Form" under "SSA-based register allocation",
/// after "Linear Scan"): it builds on that topic. A name of one word is no evidence (one
/// MINIX retrospective naming microkernels does not put Unix after them), nor is a name the
/// naming topic's own title holds, nor one most of the named topic's own titles do not say,
/// nor one reading's naming when a third topic's readings say the name too.
fn from_phrase(
    topics: &[Topic],
    members: &[Vec<&Reading>],
    parents: &[Option<String>],
    rank: &[usize],
    clustered: bool,
) -> Vec<Edge> {
    let own_title: Vec<Vec<String>> = topics.iter().map(|t| super::terms(&t.title)).collect();
    let form = |w: &str| super::sections::role(w) == super::sections::Role::Form;
    let parent_of = |p: usize, c: usize| parents[c].as_deref() == Some(&topics[p].title) && p != c;
    let mut edges = Vec::new();
    for a in 0..topics.len() {
        let whole = &own_title[a];
        if topics[a].further || topics[a].intro || whole.len() < 2 || whole.iter().any(|w| form(w))
        {
            continue;
        }
        // A name of three words or more is also said by its last two, the head it qualifies
        // ("asynchronous procedure calls" say "Remote procedure call"), unless one of them
        // is a word of every field ("data structure", "type system").
        let head = &whole[whole.len().saturating_sub(2)..];
        let name = if whole.len() >= 3
            && head.iter().all(|w| {
                !GENERAL.contains(&w.as_str()) && !GENERAL.contains(&stems(w).concat().as_str())
            }) {
            head
        } else {
            whole.as_slice()
        };
        // The name must be what the topic's readings are about: half of their titles say it
        // ("Programming languages" over "Programming in Erlang" and "Programming with
        // futures" is a heading, not a name its readings share).
        let says = |r: &Reading| r.title_words.windows(name.len()).any(|w| w == name);
        if members[a].iter().filter(|r| says(r)).count() * 2 < members[a].len() {
            continue;
        }
        let newest_a = members[a].iter().filter_map(|r| r.year).max();
        for b in 0..topics.len() {
            // Clusters have no author's order: the naming reading must be newer than all
            // the named topic's readings.
            if a == b
                || topics[b].further
                || (!clustered && rank[a] > rank[b])
                || parent_of(a, b)
                || own_title[b].windows(name.len()).any(|w| w == name)
            {
                continue;
            }
            let naming: Vec<&&Reading> = members[b]
                .iter()
                .filter(|r| says(r))
                .filter(|r| {
                    !clustered || matches!((r.year, newest_a), (Some(y), Some(n)) if y >= n)
                })
                // A parent section's overview naming a subsection introduces it; a reading
                // newer than all of the subsection's builds on it.
                .filter(|r| {
                    !parent_of(b, a) || matches!((r.year, newest_a), (Some(y), Some(n)) if y > n)
                })
                .collect();
            let Some(r) = naming.first() else {
                continue;
            };
            // One reading saying a name other topics' readings say too ("Programming
            // Languages" in a compiler book's bibliography, said under "Scheme" and
            // "Garbage Collection" alike) uses the field's name, not this topic's.
            let elsewhere = (0..topics.len())
                .filter(|&t| t != a && t != b)
                .any(|t| members[t].iter().any(|r| says(r)));
            if naming.len() == 1 && elsewhere {
                continue;
            }
            edges.push(Edge {
                from: a,
                to: b,
                score: 0.9 + 0.1 * (naming.len().min(5) as f32),
                why: format!(
                    "{} of its readings {} {}{} in the title (e.g. \"{}\"), {}",
                    naming.len(),
                    if naming.len() == 1 { "names" } else { "name" },
                    quoted(&topics[a]),
                    if name.len() < whole.len() {
                        format!(" (\"{}\")", name.join(" "))
                    } else {
                        String::new()
                    },
                    plain(&super::short(&r.c.title, 60)),
                    if clustered {
                        "newer than all of that topic's readings"
                    } else {
                        "and the list puts it first"
                    },
                ),
            });
        }
    }
    edges
}

/// A word's stem for comparing what topics name: "parse", "parser", "parsing" and "parsed"
/// are one subject; "compiler", "compiling" and "compilation" another. Words come in
/// [`crate::import::domain::normal`] form (plural already dropped).
fn stem(word: &str) -> String {
    for suffix in ["ation", "ing", "ers", "er", "ed", "ion", "e"] {
        if let Some(s) = word.strip_suffix(suffix) {
            if s.chars().count() >= 4 {
                return s.to_string();
            }
        }
    }
    word.to_string()
}

/// Clustered topics whose readings (titles and the text the list gives with them) use
/// another topic's subject, stemmed, far more than that topic's readings use theirs: the
/// interpreter and compiler posts that say "parse" throughout, where the parsing posts
/// rarely say "interpret" or "compile", build on parsing. The subject is a word of the named
/// topic's title most of its own readings say, which no other topic's title holds and which
/// the list uses far more than English does. The naming must be a share of the topic (a
/// third, two readings or more), twice the rate of the rest of the list, and twice the
/// share naming back; a list with an author's order must also put the named topic first.
fn from_stems(
    topics: &[Topic],
    members: &[Vec<&Reading>],
    field: &crate::import::domain::Field,
    rank: &[usize],
    readings: &[Reading],
    clustered: bool,
) -> Vec<Edge> {
    let stems_of: BTreeMap<super::Key, BTreeSet<String>> = readings
        .iter()
        .map(|r| (r.key, r.words.iter().map(|w| stem(w)).collect()))
        .collect();
    let title_stems: BTreeMap<super::Key, BTreeSet<String>> = readings
        .iter()
        .map(|r| (r.key, r.title_words.iter().map(|w| stem(w)).collect()))
        .collect();
    let says = |r: &Reading, s: &str| stems_of[&r.key].contains(s);
    let count = |ms: &[&Reading], s: &str| ms.iter().filter(|r| says(r, s)).count();
    // The naming itself is by title: a note's passing mention ("my coworker built a
    // compiler" under an interpreter post) is no subject the reading builds on.
    // A series counts once: six parts of one "Writing a Lisp compiler" are one work
    // naming Lisp, not six readings that build on a Lisp topic.
    let all_refs: Vec<&Reading> = readings.iter().collect();
    let mut work: BTreeMap<super::Key, usize> = BTreeMap::new();
    for (i, series) in super::series::find(&all_refs).into_iter().enumerate() {
        for m in series.members {
            work.entry(all_refs[m].key).or_insert(i);
        }
    }
    let titled = |ms: &[&Reading], s: &str| {
        let mut works = BTreeSet::new();
        let mut n = 0;
        for r in ms.iter().filter(|r| title_stems[&r.key].contains(s)) {
            match work.get(&r.key) {
                Some(w) if !works.insert(*w) => {}
                _ => n += 1,
            }
        }
        n
    };
    let all: Vec<&Reading> = readings.iter().collect();
    let subjects = subjects(topics, members, field);
    let share = |n: usize, of: usize| n as f32 / of.max(1) as f32;
    let mut edges = Vec::new();
    for a in 0..topics.len() {
        for b in 0..topics.len() {
            if a == b || topics[b].further || subjects[b].is_empty() || topics[b].intro {
                continue;
            }
            if !clustered && (rank[a] >= rank[b] || rank[b] == usize::MAX) {
                continue;
            }
            // How much `a`'s readings name `b`'s subject: the word they name most.
            let (back, back_word) = subjects[b]
                .iter()
                .map(|(s, w)| (count(&members[a], s), w.as_str()))
                .max_by_key(|(n, w)| (*n, std::cmp::Reverse(*w)))
                .unwrap_or((0, ""));
            let back_share = share(back, members[a].len());
            for (s, w) in &subjects[a] {
                let n = titled(&members[b], s);
                let rest = readings
                    .len()
                    .saturating_sub(members[a].len() + members[b].len());
                let elsewhere =
                    count(&all, s).saturating_sub(count(&members[a], s) + count(&members[b], s));
                let named = share(n, members[b].len());
                if n < 2
                    || n * 3 < members[b].len()
                    || named < 2.0 * share(elsewhere, rest)
                    || named < 2.0 * back_share
                {
                    continue;
                }
                let Some(example) = members[b].iter().find(|r| title_stems[&r.key].contains(s))
                else {
                    continue;
                };
                edges.push(Edge {
                    from: a,
                    to: b,
                    score: 0.6 + 0.1 * (n.min(5) as f32),
                    why: format!(
                        "{n} of its {} readings say \"{}\", the subject of {}, in their titles (e.g. \"{}\"); {back} of that topic's {} readings say \"{}\"",
                        members[b].len(),
                        plain(&surface(w, &members[a])),
                        quoted(&topics[a]),
                        plain(&super::short(&example.c.title, 60)),
                        members[a].len(),
                        plain(&surface(back_word, &members[b])),
                    ),
                });
                break;
            }
        }
    }
    edges
}

/// How often a reading's own text must say a subject for the reading to build on it: a word
/// a whole post returns to, not one it passes by.
const TEXT_USES: usize = 5;

/// Topics whose readings' whole texts (a feed's posts, kept as evidence only) keep using
/// another topic's subject, stemmed, where that topic's texts do not use theirs: the
/// interpreter posts that say "parse" a dozen times each build on the parsing posts. Three
/// or more, and most, of the topic's readings with a text must say the subject
/// [`TEXT_USES`] times or more, at
/// twice the rate of the rest of the list and of the naming back.
fn from_texts(
    topics: &[Topic],
    members: &[Vec<&Reading>],
    field: &crate::import::domain::Field,
    rank: &[usize],
    readings: &[Reading],
    clustered: bool,
) -> Vec<Edge> {
    let uses: BTreeMap<super::Key, BTreeMap<String, usize>> = readings
        .iter()
        .filter_map(|r| {
            let text = r.c.text.as_deref()?;
            let mut m: BTreeMap<String, usize> = BTreeMap::new();
            for w in super::terms(text) {
                *m.entry(stem(&w)).or_default() += 1;
            }
            Some((r.key, m))
        })
        .collect();
    if uses.is_empty() {
        return Vec::new();
    }
    let times = |r: &Reading, s: &str| uses.get(&r.key).and_then(|m| m.get(s)).copied();
    let using = |ms: &[&Reading], s: &str| {
        ms.iter()
            .filter(|r| times(r, s).is_some_and(|n| n >= TEXT_USES))
            .count()
    };
    let with_text = |ms: &[&Reading]| ms.iter().filter(|r| uses.contains_key(&r.key)).count();
    let all: Vec<&Reading> = readings.iter().collect();
    let subjects = subjects(topics, members, field);
    let share = |n: usize, of: usize| n as f32 / of.max(1) as f32;
    let mut edges = Vec::new();
    for a in 0..topics.len() {
        for b in 0..topics.len() {
            if a == b || topics[b].further || subjects[b].is_empty() || topics[b].intro {
                continue;
            }
            if !clustered && (rank[a] >= rank[b] || rank[b] == usize::MAX) {
                continue;
            }
            let (ta, tb) = (with_text(&members[a]), with_text(&members[b]));
            let (back, back_word) = subjects[b]
                .iter()
                .map(|(s, w)| (using(&members[a], s), w.as_str()))
                .max_by_key(|(n, w)| (*n, std::cmp::Reverse(*w)))
                .unwrap_or((0, ""));
            let back_share = share(back, ta);
            for (s, w) in &subjects[a] {
                let n = using(&members[b], s);
                let rest = with_text(&all).saturating_sub(ta + tb);
                let elsewhere = using(&all, s).saturating_sub(using(&members[a], s) + n);
                let named = share(n, tb);
                // Three readings at least: two posts about a language that say "compiler"
                // talk about its tool, not a subject they build on.
                if n < 3
                    || n * 2 <= tb
                    || named < 2.0 * share(elsewhere, rest)
                    || named < 2.0 * back_share
                {
                    continue;
                }
                let Some((example, k)) = members[b]
                    .iter()
                    .filter_map(|r| times(r, s).map(|k| (r, k)))
                    .max_by_key(|(r, k)| (*k, std::cmp::Reverse(r.order)))
                else {
                    continue;
                };
                edges.push(Edge {
                    from: a,
                    to: b,
                    score: 0.55 + 0.1 * (n.min(5) as f32),
                    why: format!(
                        "{n} of its {tb} readings with a text use \"{}\", the subject of {}, {TEXT_USES} times or more (e.g. \"{}\", {k} times); {back} of that topic's {ta} use \"{}\" so",
                        plain(&surface(w, &members[a])),
                        quoted(&topics[a]),
                        plain(&super::short(&example.c.title, 60)),
                        plain(&surface(back_word, &members[b])),
                    ),
                });
                break;
            }
        }
    }
    edges
}

/// Each topic's subject stems, with the word as its title writes it: a word of its title
/// most of its own readings say, which no other topic's title holds and which the list uses
/// far more than English does.
fn subjects(
    topics: &[Topic],
    members: &[Vec<&Reading>],
    field: &crate::import::domain::Field,
) -> Vec<Vec<(String, String)>> {
    let own_title: Vec<Vec<String>> = topics.iter().map(|t| super::terms(&t.title)).collect();
    let mut in_titles: BTreeMap<String, usize> = BTreeMap::new();
    for ws in &own_title {
        for w in ws.iter().map(|w| stem(w)).collect::<BTreeSet<_>>() {
            *in_titles.entry(w).or_default() += 1;
        }
    }
    let form = |w: &str| super::sections::role(w) == super::sections::Role::Form;
    let says = |r: &Reading, s: &str| r.words.iter().any(|w| stem(w) == s);
    let count = |ms: &[&Reading], s: &str| ms.iter().filter(|r| says(r, s)).count();
    (0..topics.len())
        .map(|a| {
            if topics[a].further || shelf(&topics[a].title) || members[a].len() < 2 {
                return Vec::new();
            }
            own_title[a]
                .iter()
                .filter(|w| !form(w) && w.len() >= 3)
                .filter(|w| field.weight(w).is_some_and(|x| x >= 2.0))
                .filter(|w| !crate::import::domain::common_english(w))
                .filter(|w| !GENERAL.contains(&w.as_str()))
                .map(|w| (stem(w), w.clone()))
                .filter(|(s, _)| in_titles[s] == 1)
                .filter(|(s, _)| count(&members[a], s) * 2 > members[a].len())
                .collect()
        })
        .collect()
}

/// A title's words outside brackets: "(SoCC '16)", "[pdf]" name a venue or a format, not what
/// the reading builds on.
fn bare_title_words(title: &str) -> Vec<String> {
    let mut depth = 0i32;
    let bare: String = title
        .chars()
        .map(|c| match c {
            '(' | '[' => {
                depth += 1;
                ' '
            }
            ')' | ']' => {
                depth = (depth - 1).max(0);
                ' '
            }
            c if depth > 0 => {
                let _ = c;
                ' '
            }
            c => c,
        })
        .collect();
    super::terms(&bare)
}

/// The system or method a reading presents, when its title leads with it: "HYDRA: The Kernel
/// of a Multiprocessor Operating System" -> "hydra", "TENEX, a Paged Time Sharing System" ->
/// "tenex", "ZooKeeper: Wait-free coordination" -> "zookeeper". One word of three letters or
/// more that general English does not use; a title that leads with an ordinary phrase
/// ("Time, Clocks, and the Ordering") presents no system by name.
fn system_name(title: &str) -> Option<String> {
    let head = title.split([':', ',']).next()?;
    if head.len() == title.len() {
        return None;
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    // "Multi-Core, Main-Memory Joins" leads with an ordinary compound, not a system's name.
    let [word] = words.as_slice() else {
        return None;
    };
    if word.contains('-') {
        return None;
    }
    let w = crate::import::domain::normal(word.trim_matches(|c: char| !c.is_alphanumeric()))?;
    (is_name(&w)
        && w.chars().all(|c| c.is_ascii_alphanumeric())
        && !w.chars().all(|c| c.is_ascii_digit()))
    .then_some(w)
}

/// The teaching order, with the readings as the reason: a later topic (in the author's order,
/// or for clusters introductory first, then by age) whose readings name a system an earlier
/// topic's readings present ("Mach: A New Kernel Foundation" under "Microkernel", named by a
/// paper under "Library OS") builds on it. A system counts by the name its own paper's title
/// leads with, a word general English does not use; never a word inside brackets (a venue, a
/// format); never one the naming topic's title holds or that papers of its own present; and
/// never a newer system named by an older reading.
fn from_readings(
    topics: &[Topic],
    members: &[Vec<&Reading>],
    rank: &[usize],
    readings: &[Reading],
    clustered: bool,
) -> Vec<Edge> {
    let bare: BTreeMap<super::Key, Vec<String>> = readings
        .iter()
        .map(|r| {
            let mut ws = bare_title_words(&r.c.title);
            if let Some(note) = super::list_note(r.c) {
                ws.extend(bare_title_words(note));
            }
            (r.key, ws)
        })
        .collect();
    // Each topic's systems: name -> the reading presenting it.
    let own_title: Vec<Vec<String>> = topics.iter().map(|t| super::terms(&t.title)).collect();
    let systems: Vec<BTreeMap<String, &Reading>> = members
        .iter()
        .enumerate()
        .map(|(t, ms)| {
            let mut m = BTreeMap::new();
            for r in ms {
                // A cluster is only sure of the readings its theme names: "LevelDB" clustered
                // under "Raft" by shared words is no system a Raft topic teaches.
                if clustered && !r.title_words.iter().any(|w| own_title[t].contains(w)) {
                    continue;
                }
                if let Some(name) = system_name(&r.c.title) {
                    m.entry(name).or_insert(*r);
                }
            }
            m
        })
        .collect();
    // A name more than one topic presents is no one topic's.
    let mut presenters: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &systems {
        for name in s.keys() {
            *presenters.entry(name.as_str()).or_default() += 1;
        }
    }
    let mut edges = Vec::new();
    for (a, ta) in topics.iter().enumerate() {
        if ta.further || shelf(&ta.title) {
            continue;
        }
        for (b, tb) in topics.iter().enumerate() {
            if a == b || tb.further || rank[b] <= rank[a] || rank[b] == usize::MAX {
                continue;
            }
            let mut naming: Vec<(&Reading, &str, &Reading)> = Vec::new();
            for r in &members[b] {
                let own = system_name(&r.c.title);
                // A title that leads with the name is about that system ("MetaScala", "From
                // WiscKey to Bourbon" is not), whatever its punctuation.
                let lead =
                    r.c.title
                        .split(|c: char| !c.is_alphanumeric())
                        .find(|w| !w.is_empty())
                        .and_then(crate::import::domain::normal);
                for (name, presenter) in &systems[a] {
                    if presenters[name.as_str()] > 1
                        || own.as_deref() == Some(name.as_str())
                        || lead.as_ref() == Some(name)
                        || own_title[b].contains(name)
                        || !bare[&r.key].contains(name)
                    {
                        continue;
                    }
                    if let (Some(y), Some(py)) = (r.year, presenter.year) {
                        if y < py {
                            continue;
                        }
                    }
                    naming.push((r, name.as_str(), presenter));
                    break;
                }
            }
            let Some(&(r, name, presenter)) = naming.first() else {
                continue;
            };
            let mut names: Vec<String> = naming
                .iter()
                .map(|(_, n, p)| format!("\"{}\"", plain(&surface(n, &[*p]))))
                .collect();
            names.dedup();
            let _ = name;
            edges.push(Edge {
                from: a,
                to: b,
                score: 0.9 + 0.1 * (naming.len().min(4) as f32),
                why: format!(
                    "{} of its readings name {}, presented by {}'s readings (\"{}\"), which the list puts before it (e.g. \"{}\")",
                    naming.len(),
                    names.join(", "),
                    quoted(ta),
                    plain(&super::short(&presenter.c.title, 50)),
                    plain(&super::short(&r.c.title, 60)),
                ),
            });
        }
    }
    edges
}

/// The words of a title before its first bracket: the paper's own words, not the year,
/// venue, authors or lab an annotated list appends ("... networks (2012), A. Krizhevsky et
/// al. (Hinton)").
fn lead_words(title: &str) -> Vec<String> {
    let head = title.split('(').next().unwrap_or(title);
    let words = super::terms(head);
    if words.len() >= 2 {
        words
    } else {
        super::terms(title)
    }
}

/// A method a section teaches, built on by later sections: a word of its readings' titles
/// (not of any topic's title) that a third of them and three or more say, in the first
/// section of the author's order that says it so ("convolutional" under "Network Models"),
/// that later sections' readings use in the same compound ("convolutional neural networks"
/// under "Video"), two readings and a quarter of the section at least, though no more of it
/// than of the teaching section, and the rest of the list at half that rate at most (and
/// the whole list at a quarter of its readings at most, half the teaching section's rate). The
/// compound keeps a word said in two senses apart ("action recognition" is not "speech
/// recognition"); a word general English uses often is no method.
fn from_methods(
    topics: &[Topic],
    members: &[Vec<&Reading>],
    field: &crate::import::domain::Field,
    rank: &[usize],
    readings: &[Reading],
) -> Vec<Edge> {
    let own_title: BTreeSet<String> = topics.iter().flat_map(|t| super::terms(&t.title)).collect();
    let words: BTreeMap<super::Key, Vec<String>> = readings
        .iter()
        .map(|r| (r.key, lead_words(&r.c.title)))
        .collect();
    let says = |r: &Reading, w: &str| words[&r.key].iter().any(|x| x == w);
    let compounds = |r: &Reading, w: &str| -> BTreeSet<(String, String)> {
        words[&r.key]
            .windows(2)
            .filter(|p| p[0] == w || p[1] == w)
            .map(|p| (p[0].clone(), p[1].clone()))
            .collect()
    };
    let usable = |t: usize| !topics[t].further && !topics[t].intro && rank[t] != usize::MAX;
    let mut order: Vec<usize> = (0..topics.len()).filter(|&t| usable(t)).collect();
    order.sort_by_key(|&t| rank[t]);
    let candidates: BTreeSet<&str> = readings
        .iter()
        .flat_map(|r| words[&r.key].iter().map(|w| w.as_str()))
        .filter(|w| !own_title.contains(*w) && w.len() >= 4)
        .filter(|w| field.weight(w).is_some_and(|x| x >= 2.0))
        .filter(|w| !crate::import::domain::common_english(w))
        .collect();
    let share = |n: usize, of: usize| n as f32 / of.max(1) as f32;
    // The readings the list files under its topics (not the pages it only links).
    let filed: Vec<&Reading> = members.iter().flatten().copied().collect();
    let mut edges = Vec::new();
    for w in candidates {
        let count = |t: usize| members[t].iter().filter(|r| says(r, w)).count();
        let Some(&a) = order
            .iter()
            .find(|&&t| count(t) >= 3 && count(t) * 3 >= members[t].len())
        else {
            continue;
        };
        let in_a = count(a);
        let all = filed.iter().filter(|r| says(r, w)).count();
        // A word a quarter of the list says is the field's ("neural" in a deep-learning
        // list), not a method one section teaches; the teaching section says it at twice
        // the list's rate at least.
        if all * 4 > filed.len() || share(in_a, members[a].len()) < 2.0 * share(all, filed.len()) {
            continue;
        }
        let taught: BTreeSet<(String, String)> = members[a]
            .iter()
            .filter(|r| says(r, w))
            .flat_map(|r| compounds(r, w))
            .collect();
        let since = members[a]
            .iter()
            .filter(|r| says(r, w))
            .filter_map(|r| r.year)
            .min();
        for &b in order.iter().filter(|&&b| rank[b] > rank[a]) {
            let naming: Vec<&&Reading> = members[b]
                .iter()
                .filter(|r| compounds(r, w).iter().any(|p| taught.contains(p)))
                .filter(|r| !matches!((r.year, since), (Some(y), Some(s)) if y < s))
                .collect();
            let n = naming.len();
            let rest = all.saturating_sub(in_a + count(b));
            let others = filed
                .len()
                .saturating_sub(members[a].len() + members[b].len());
            if n < 2
                || n * 4 < members[b].len()
                || share(count(b), members[b].len()) > share(in_a, members[a].len())
                || 2.0 * share(rest, others) > share(in_a, members[a].len())
            {
                continue;
            }
            let pair = naming
                .iter()
                .flat_map(|r| compounds(r, w))
                .find(|p| taught.contains(p))
                .map(|(x, y)| format!("{x} {y}"))
                .unwrap_or_else(|| w.to_string());
            edges.push(Edge {
                from: a,
                to: b,
                score: 0.45 + 0.05 * (n.min(5) as f32),
                why: format!(
                    "{n} of its {} readings build on \"{}\", the method {in_a} of the {} readings of {} name, which the list teaches first (e.g. \"{}\")",
                    members[b].len(),
                    plain(&pair),
                    members[a].len(),
                    quoted(&topics[a]),
                    plain(&super::short(&naming[0].c.title, 60)),
                ),
            });
        }
    }
    edges
}

/// A topic the list names by one word ("Transactions", "Compiler") comes before
/// a later topic with a reading about it: a title saying the word as the noun it is about
/// ("Speedy Transactions in Multicore In-Memory Databases" under "Main Memory DBMS"), not as
/// the qualifier of another ("a Lisp compiler" is about a compiler, not about Lisp), and
/// saying a word of the later topic's name too ("memory"): it joins the two subjects. A word
/// of every field ("Background", "Frameworks") names no topic, nor does a word the later
/// topic's own title says. Without an author's order (clusters) the reading must also be
/// newer than all of the named topic's readings.
fn from_head_name(
    topics: &[Topic],
    members: &[Vec<&Reading>],
    parents: &[Option<String>],
    rank: &[usize],
    clustered: bool,
) -> Vec<Edge> {
    let form = |w: &str| super::sections::role(w) == super::sections::Role::Form;
    let parent_of = |p: usize, c: usize| parents[c].as_deref() == Some(&topics[p].title) && p != c;
    let mut edges = Vec::new();
    for (a, ta) in topics.iter().enumerate() {
        if ta.further || ta.intro || shelf(&ta.title) || members[a].is_empty() {
            continue;
        }
        let title = super::sections::strip_numbering(&ta.title);
        let [word] = stems(&title).try_into().unwrap_or_default();
        let words = super::terms(&title);
        if word.is_empty()
            || words.len() != 1
            || form(&words[0])
            || GENERAL.contains(&word.as_str())
            || GENERAL.contains(&words[0].as_str())
        {
            continue;
        }
        let newest_a = members[a].iter().filter_map(|r| r.year).max();
        for (b, tb) in topics.iter().enumerate() {
            if a == b
                || tb.further
                || rank[b] <= rank[a]
                || rank[b] == usize::MAX
                || parent_of(b, a)
                || stems(&tb.title).contains(&word)
            {
                continue;
            }
            // The reading must also say what the later topic is about ("in-memory" of "Main
            // Memory DBMS"): "MINIX, a microkernel" filed under "Unix" is a microkernel paper,
            // not Unix building on microkernels.
            let own: Vec<String> = super::terms(&tb.title)
                .into_iter()
                .filter(|w| !form(w) && !GENERAL.contains(&w.as_str()))
                .collect();
            let naming: Vec<&&Reading> = members[b]
                .iter()
                .filter(|r| as_head(&r.c.title, &word))
                .filter(|r| super::terms(&r.c.title).iter().any(|w| own.contains(w)))
                .filter(|r| !clustered || matches!((r.year, newest_a), (Some(y), Some(n)) if y > n))
                .collect();
            let Some(r) = naming.first() else {
                continue;
            };
            edges.push(Edge {
                from: a,
                to: b,
                score: 0.4 + 0.05 * (naming.len().min(3) as f32),
                why: format!(
                    "{} of its readings on its own subject {} about {}, the whole name of that topic, {} (e.g. \"{}\")",
                    naming.len(),
                    if naming.len() == 1 { "is" } else { "are" },
                    quoted(ta),
                    if clustered {
                        "and newer than all of its readings"
                    } else {
                        "which the list puts first"
                    },
                    plain(&super::short(&r.c.title, 60)),
                ),
            });
        }
    }
    edges
}

/// Words naming the tools of a subject rather than the subject: "Dynamic/Static Analysis
/// Frameworks" holds Pin and Valgrind, the tools the later "Dynamic Analysis" papers build on.
const TOOLS: &[&str] = &[
    "framework",
    "tool",
    "toolkit",
    "infrastructure",
    "platform",
    "library",
];

/// A section named for the tools of a later section's subject ("Dynamic/Static Analysis
/// Frameworks" before "Dynamic Analysis": its name is the later one's, or an alternative of
/// it written with a slash, plus a word for tools)
/// comes first: the list gives the tools, then what is done with them. Only in the author's
/// order; a cluster's name is the drafting's, not the list's.
fn from_tools(topics: &[Topic], rank: &[usize], clustered: bool) -> Vec<Edge> {
    if clustered {
        return Vec::new();
    }
    let name = |t: &Topic| -> BTreeSet<String> {
        super::terms(&super::sections::strip_numbering(&t.title))
            .into_iter()
            .collect()
    };
    let mut edges = Vec::new();
    for (a, ta) in topics.iter().enumerate() {
        if ta.further || ta.intro || shelf(&ta.title) {
            continue;
        }
        let wa = name(ta);
        let tools: Vec<&String> = wa.iter().filter(|w| TOOLS.contains(&w.as_str())).collect();
        if tools.is_empty() {
            continue;
        }
        for (b, tb) in topics.iter().enumerate() {
            if a == b || tb.further || rank[b] <= rank[a] || rank[b] == usize::MAX {
                continue;
            }
            let wb = name(tb);
            // "Dynamic/Static": a word written as the alternative of one the later name says.
            let alternative = |w: &String| {
                ta.title.split_whitespace().any(|tok| {
                    let ws: Vec<String> = crate::import::domain::words(tok).collect();
                    tok.contains('/') && ws.contains(w) && ws.iter().any(|x| wb.contains(x))
                })
            };
            let rest: Vec<&String> = wa.difference(&wb).filter(|w| !alternative(w)).collect();
            if wb.is_empty() || !wb.is_subset(&wa) || rest.iter().any(|w| !tools.contains(w)) {
                continue;
            }
            edges.push(Edge {
                from: a,
                to: b,
                score: 0.8,
                why: format!(
                    "{} is named for the tools (\"{}\") of its subject, and the list gives them first",
                    quoted(ta),
                    rest.iter().map(|w| w.as_str()).collect::<Vec<_>>().join(" "),
                ),
            });
        }
    }
    edges
}

/// The heading a topic's section sits under in the list, as written: "Transaction" above
/// "Isolation Levels" and "Concurrency Control", a schedule's heading above its weeks.
fn raw_parent(t: &Topic, members: &[&Reading]) -> Option<String> {
    let own = super::sections::strip_numbering(&t.title).to_lowercase();
    members.iter().find_map(|r| {
        let path = &r.c.section;
        let j = path.iter().position(|s| {
            super::sections::strip_numbering(s.trim_end_matches([':', '.']))
                .trim()
                .to_lowercase()
                == own
        })?;
        (j >= 1).then(|| path[j - 1].trim().to_string())
    })
}

/// Whether a title says `stem` as what it is about rather than as a qualifier of another
/// noun: "Snapshot Isolation in PostgreSQL" is about isolation, "the Size of Join Results"
/// and "ad hoc join costs" are about results and costs (of joins). A qualifier does not
/// name the other topic, and edges from it pointed backwards (statistics after join order).
fn as_head(title: &str, stem: &str) -> bool {
    const LINKS: &[&str] = &[
        "in", "of", "for", "with", "and", "on", "by", "to", "at", "vs", "versus", "under", "from",
        "via", "using", "as", "or", "is", "are", "over", "without", "into",
    ];
    let tokens: Vec<&str> = title.split_whitespace().collect();
    tokens.iter().enumerate().any(|(i, tok)| {
        if stems(tok).first().map(String::as_str) != Some(stem) {
            return false;
        }
        let ends = tok.ends_with([':', ',', '.', ';', '?', '!', ')']);
        match tokens.get(i + 1) {
            None => true,
            Some(_) if ends => true,
            Some(next) => {
                let next = next
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                next.is_empty() || LINKS.contains(&next.as_str())
            }
        }
    })
}

/// Words of a title, lowercase, without a plural's "s": what two titles are compared by. A
/// part of a hyphenated compound is no word of its own ("Part-Time" says nothing of time).
fn stems(title: &str) -> Vec<String> {
    title
        .split_whitespace()
        .filter(|w| !w.contains('-'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_alphanumeric))
        .map(|w| {
            let w = w.to_lowercase();
            match w.strip_suffix('s') {
                Some(s) if !["s", "u", "i"].iter().any(|e| s.ends_with(e)) => s.to_string(),
                _ => w,
            }
        })
        .collect()
}

/// Words too general to say what a topic is about, whatever the field.
const GENERAL: &[&str] = &[
    "system",
    "model",
    "management",
    "introduction",
    "background",
    "advanced",
    "basic",
    "other",
    "topic",
    "overview",
    "general",
    "introductory",
    "part",
    "design",
    "analysi",
    "evaluation",
    "approach",
    "method",
    "technique",
    "theory",
    "practice",
    "using",
    "with",
    "from",
    "into",
    "toward",
    "towards",
    "their",
    "about",
    // Generic nouns of every field: "Consistency Types" says nothing of replicated data types.
    "type",
    "data",
    "structure",
    "language",
    "framework",
    "service",
    "application",
    "program",
    "problem",
    "architecture",
    "implementation",
    "algorithm",
    "tool",
];

/// Subsections nested under one heading, in the author's order (a schedule's weeks, the
/// "Isolation Levels" then "Concurrency Control" of one "Transaction" heading): a later one
/// whose readings name the subject an earlier one's title gives ("Serializable Snapshot
/// Isolation" after "Isolation Levels") builds on it. The word must be rare in the list's
/// titles outside the topic, or it is the field's vocabulary, not a subject.
fn from_siblings(
    topics: &[Topic],
    members: &[Vec<&Reading>],
    rank: &[usize],
    readings: &[Reading],
) -> Vec<Edge> {
    let parent: Vec<Option<String>> = topics
        .iter()
        .zip(members)
        .map(|(t, ms)| raw_parent(t, ms))
        .collect();
    let mut df: BTreeMap<String, usize> = BTreeMap::new();
    for r in readings {
        let mut ws = stems(&r.c.title);
        ws.sort();
        ws.dedup();
        for w in ws {
            *df.entry(w).or_default() += 1;
        }
    }
    // Rare outside the topic: few readings elsewhere use it (under one in eight, or two).
    let rare = |w: &str, own: usize| {
        df.get(w).copied().unwrap_or(0).saturating_sub(own) <= (readings.len() / 8).max(2)
    };
    let mut edges = Vec::new();
    for (a, ta) in topics.iter().enumerate() {
        if ta.further || shelf(&ta.title) || rank[a] == usize::MAX {
            continue;
        }
        let Some(pa) = &parent[a] else { continue };
        // The subject: a word of its title that most of its own readings' titles say too,
        // and that no sibling's title or the heading shares ("Optimization" of "Subquery
        // Optimization" and "Join Order Optimization" names neither).
        let others: Vec<String> = topics
            .iter()
            .enumerate()
            .filter(|(c, _)| *c != a && parent[*c].as_ref() == Some(pa))
            .flat_map(|(_, t)| stems(&plain(&t.title)))
            .chain(stems(pa))
            .collect();
        let subject: Vec<String> = stems(&plain(&ta.title))
            .into_iter()
            .filter(|w| {
                let own = members[a]
                    .iter()
                    .filter(|r| stems(&r.c.title).contains(w))
                    .count();
                !GENERAL.contains(&w.as_str())
                    && rare(w, own)
                    && !others.contains(w)
                    && own * 2 >= members[a].len()
            })
            .collect();
        if subject.is_empty() {
            continue;
        }
        for (b, tb) in topics.iter().enumerate() {
            if a == b || tb.further || parent[b].as_ref() != Some(pa) || rank[b] <= rank[a] {
                continue;
            }
            let own_b = stems(&plain(&tb.title));
            let naming: Vec<(&Reading, &String)> = members[b]
                .iter()
                .filter_map(|r| {
                    let ws = stems(&r.c.title);
                    subject
                        .iter()
                        .find(|w| ws.contains(w) && !own_b.contains(w) && as_head(&r.c.title, w))
                        .map(|w| (*r, w))
                })
                .collect();
            let Some(&(r, w)) = naming.first() else {
                continue;
            };
            edges.push(Edge {
                from: a,
                to: b,
                score: 0.5 + 0.05 * (naming.len().min(4) as f32),
                why: format!(
                    "{} of its readings name \"{}\", the subject of {}, which comes before it under the same heading (\"{}\") (e.g. \"{}\")",
                    naming.len(),
                    w,
                    quoted(ta),
                    plain(&super::short(pa, 40)),
                    plain(&super::short(&r.c.title, 60)),
                ),
            });
        }
    }
    edges
}

/// The first topic of introductory readings comes before the next topic of the list. A shelf
/// of books, courses and talks is where a reader may start, not what the first topic needs
/// (a reviewer deleted "SQL requires Recommended Courses, Books and Talks").
fn from_intro(topics: &[Topic], members: &[Vec<&Reading>], first: &[usize]) -> Vec<Edge> {
    // A section only *named* "Introduction" whose readings are production studies is the
    // course's first week, not groundwork (a reviewer deleted "Frameworks requires
    // Introduction"): one introductory reading, or a shelf of books, says it is.
    let grounding = |i: usize| {
        members[i].iter().any(|r| r.intro)
            || members[i]
                .iter()
                .filter(|r| crate::import::evidence::facts(r.c).0 == crate::model::Kind::Book)
                .count()
                * 2
                > members[i].len()
    };
    let Some(a) = (0..topics.len())
        .filter(|&i| topics[i].intro && !topics[i].further)
        .filter(|&i| !shelf(&topics[i].title))
        .filter(|&i| grounding(i))
        .min_by_key(|&i| first[i])
    else {
        return Vec::new();
    };
    // The topics its readings introduce by name ("Introduction of Relational Algebra" and
    // "What is a Relational Database?" before "SQL & Relation Algebra"), wherever the list
    // puts them: what the primers name is what they are the groundwork of.
    let named = introduced(topics, members, a);
    if !named.is_empty() {
        return named
            .into_iter()
            .map(|(b, n, r, words)| Edge {
                from: a,
                to: b,
                score: 1.2,
                why: format!(
                    "{} introduces it: {n} of its {} readings, introductions, name {} (e.g. \"{}\")",
                    quoted(&topics[a]),
                    members[a].len(),
                    words
                        .iter()
                        .map(|w| format!("\"{}\"", plain(w)))
                        .collect::<Vec<_>>()
                        .join(" or "),
                    plain(&super::short(&r.c.title, 60)),
                ),
            })
            .collect();
    }
    // Else one edge, to the first other topic: a reference shelf before every topic is a
    // star a curator deletes, and what builds on the first topic inherits the shelf through it.
    (0..topics.len())
        // After it in the list: surveys the author put last are no groundwork to send the
        // list's first topic after.
        .filter(|&b| b != a && !topics[b].further && !topics[b].intro && first[b] > first[a])
        .min_by_key(|&b| first[b])
        .map(|b| Edge {
            from: a,
            to: b,
            score: 0.8,
            why: format!(
                "{} gathers the list's introductory readings (surveys, overviews, textbooks): read it first",
                quoted(&topics[a])
            ),
        })
        .into_iter()
        .collect()
}

/// In a clustered list, the topic that holds the list's textbooks and courses on its whole
/// field ("Compiler" in a list of compiler readings: "Engineering a Compiler", "Compilers:
/// Principles, Techniques and Tools", course after course) is the groundwork of the
/// specialised topics those textbooks name by a name ("covering SSA-Form" before "SSA"),
/// and of a topic whose readings call their subject a kind of it ("the LLVM compiler
/// infrastructure" before "LLVM"). The whole-field topic is the one whose title's word the
/// most readings of the list say, holding three books or courses at least, a third of its
/// readings; a name is a word general English does not use, said by two of its textbooks.
/// At most [`MAX_REQUIRES`] such edges leave it, the best attested first.
fn from_field_textbooks(topics: &[Topic], members: &[Vec<&Reading>]) -> Vec<Edge> {
    use crate::import::domain::words;
    let text = |r: &Reading| format!("{} {}", r.c.title, super::list_note(r.c).unwrap_or(""));
    let all: Vec<Vec<String>> = members
        .iter()
        .flatten()
        .map(|r| words(&text(r)).map(|w| stem(&w)).collect())
        .collect();
    let title_stems = |t: &Topic| -> BTreeSet<String> {
        super::terms(&t.title)
            .iter()
            .filter(|w| w.chars().count() >= 4 && !GENERAL.contains(&w.as_str()))
            .map(|w| stem(w))
            .collect()
    };
    let textbook = |r: &Reading| {
        r.intro
            || matches!(
                crate::import::evidence::facts(r.c).0,
                crate::model::Kind::Book | crate::model::Kind::Course
            )
    };
    // The field's word: of the topics' title words, the one the most of the list's readings
    // say ("compil" for "Compiler", "Compilation" and "Compiling with Continuations").
    let open = |i: usize| !topics[i].further && !shelf(&topics[i].title);
    let stems: BTreeSet<String> = (0..topics.len())
        .filter(|&i| open(i))
        .flat_map(|i| title_stems(&topics[i]))
        .collect();
    let Some((said, word)) = stems
        .iter()
        .map(|w| (all.iter().filter(|ws| ws.contains(w)).count(), w))
        .max_by_key(|&(n, w)| (n, std::cmp::Reverse(w)))
    else {
        return Vec::new();
    };
    // Of the topics its title names, the one holding the most textbooks and courses.
    let textbooks = |i: usize| -> Vec<&Reading> {
        members[i].iter().copied().filter(|r| textbook(r)).collect()
    };
    let Some(a) = (0..topics.len())
        .filter(|&i| open(i) && title_stems(&topics[i]).contains(word))
        .max_by_key(|&i| (textbooks(i).len(), std::cmp::Reverse(i)))
    else {
        return Vec::new();
    };
    let books = textbooks(a);
    // The field's word must be the list's, not one topic's: a quarter of all readings say it.
    if books.len() < 3 || books.len() * 3 < members[a].len() || said * 4 < all.len() {
        return Vec::new();
    }
    let own = title_stems(&topics[a]);
    let as_written = |w: &str, title: &str| -> String {
        title
            .split(|c: char| !c.is_alphanumeric())
            .find(|raw| crate::import::domain::normal(raw).as_deref() == Some(w))
            .unwrap_or(w)
            .to_string()
    };
    // A reading as a curator finds it: its title, and the list's note when there is one.
    let cited = |r: &Reading| -> String {
        match super::list_note(r.c).filter(|n| !n.is_empty()) {
            Some(n) => format!(
                "\"{}\": \"{}\"",
                plain(&super::short(&r.c.title, 60)),
                plain(&super::short(n, 80))
            ),
            None => format!("\"{}\"", plain(&super::short(&r.c.title, 60))),
        }
    };
    let mut edges: Vec<(usize, usize, String)> = Vec::new();
    for (b, tb) in topics.iter().enumerate() {
        if b == a || tb.further || shelf(&tb.title) {
            continue;
        }
        // A name: a word English does not use, or one the title writes in capitals (an
        // acronym: "SSA", "LLVM", which the English word lists also hold).
        let names: Vec<String> = tb
            .title
            .split(|c: char| !c.is_alphanumeric())
            .filter_map(|raw| {
                let w = crate::import::domain::normal(raw)?;
                let acronym = raw.chars().count() >= 2
                    && raw
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                    && raw.chars().any(|c| c.is_ascii_uppercase());
                ((is_name(&w) || acronym)
                    && !crate::import::domain::common_english(&w)
                    && !own.contains(&stem(&w)))
                .then_some(w)
            })
            .collect();
        if names.is_empty() {
            continue;
        }
        // The textbooks that name it.
        let naming: Vec<&Reading> = books
            .iter()
            .copied()
            .filter(|r| words(&text(r)).any(|w| names.contains(&w)))
            .collect();
        if naming.len() >= 2 {
            let r = naming[0];
            edges.push((
                b,
                naming.len(),
                format!(
                    "{} holds the list's textbooks and courses on its whole field ({} of its {} readings); {} of them name {} (e.g. {})",
                    quoted(&topics[a]),
                    books.len(),
                    members[a].len(),
                    naming.len(),
                    names
                        .iter()
                        .map(|w| format!("\"{}\"", plain(&as_written(w, &tb.title))))
                        .collect::<Vec<_>>()
                        .join(" or "),
                    cited(r),
                ),
            ));
            continue;
        }
        // A reading of it that calls its subject a kind of the field: the name, then the
        // field's word ("the LLVM compiler infrastructure").
        let kind_of = members[b].iter().find(|r| {
            let ws: Vec<String> = words(&text(r)).collect();
            ws.windows(2)
                .any(|p| names.contains(&p[0]) && own.contains(&stem(&p[1])))
        });
        if let Some(r) = kind_of {
            edges.push((
                b,
                1,
                format!(
                    "{} holds the list's textbooks and courses on its whole field ({} of its {} readings), and a reading of this topic calls its subject a kind of it: {}",
                    quoted(&topics[a]),
                    books.len(),
                    members[a].len(),
                    cited(r),
                ),
            ));
        }
    }
    edges.sort_by_key(|&(b, n, _)| (std::cmp::Reverse(n), b));
    edges.truncate(MAX_REQUIRES);
    edges
        .into_iter()
        .map(|(b, _, why)| Edge {
            from: a,
            to: b,
            score: 1.0,
            why,
        })
        .collect()
}

/// The topics an introductory topic's readings name: a word of the other topic's title (not
/// a general one, and not in the introductory topic's own title) said, whole or as the stem
/// of a longer word ("relation" in "Relational"), by at least two of its readings and half of
/// them. Returns each with how many name it, one that does, and the words named.
fn introduced<'a>(
    topics: &[Topic],
    members: &[Vec<&'a Reading<'a>>],
    a: usize,
) -> Vec<(usize, usize, &'a Reading<'a>, Vec<String>)> {
    let own = super::terms(&topics[a].title);
    let says = |r: &Reading, w: &str| {
        super::terms(&r.c.title).iter().any(|x| {
            x == w || (w.chars().count() >= 5 && x.starts_with(w) && x.len() <= w.len() + 3)
        })
    };
    let mut out = Vec::new();
    for (b, tb) in topics.iter().enumerate() {
        if b == a || tb.further || tb.intro || shelf(&tb.title) {
            continue;
        }
        let words: Vec<String> = super::terms(&tb.title)
            .into_iter()
            .filter(|w| w.chars().count() >= 3 && !own.contains(w))
            .filter(|w| {
                !GENERAL.contains(&w.as_str()) && !GENERAL.contains(&stems(w).concat().as_str())
            })
            .filter(|w| !crate::import::domain::common_english(w))
            .collect();
        let naming: Vec<&Reading> = members[a]
            .iter()
            .copied()
            .filter(|r| words.iter().any(|w| says(r, w)))
            .collect();
        if naming.len() >= 2 && naming.len() * 2 >= members[a].len() {
            let named: Vec<String> = words
                .iter()
                .filter(|w| naming.iter().any(|r| says(r, w)))
                .cloned()
                .collect();
            out.push((b, naming.len(), naming[0], named));
        }
    }
    out
}

/// A heading's own readings, given before its subsections (a "Query Optimizer" heading's
/// overviews above "Join Order Optimization" and "Cost Model"), are the general part each
/// subsection specialises: the heading's topic comes before each subsection's topic. A shelf
/// of books or courses under a heading is no such part, nor is a heading's one subsection
/// sharing no word of its name or readings' titles with the heading's.
fn from_overview(
    topics: &[Topic],
    members: &[Vec<&Reading>],
    parents: &[Option<String>],
) -> Vec<Edge> {
    let mut edges = Vec::new();
    for (p, tp) in topics.iter().enumerate() {
        if tp.further || shelf(&tp.title) || members[p].is_empty() {
            continue;
        }
        // Its readings must come before the subsections', as a heading's own part does.
        let last = members[p].iter().map(|r| r.order).max().unwrap_or(0);
        for (c, tc) in topics.iter().enumerate() {
            let under = parents[c]
                .as_deref()
                .is_some_and(|h| h.to_lowercase() == tp.title.to_lowercase());
            if c == p || tc.further || !under {
                continue;
            }
            if members[c].iter().map(|r| r.order).min().unwrap_or(0) < last {
                continue;
            }
            // The one subsection of a heading, sharing no word of its name or readings with
            // the heading's, is no specialisation of it: a heading level slipped ("Code
            // obfuscation" written as the subsection of "Audit-logging and Provenance
            // Analysis").
            let vocabulary = |t: &Topic, ms: &[&Reading]| -> BTreeSet<String> {
                std::iter::once(t.title.as_str())
                    .chain(ms.iter().map(|r| r.c.title.as_str()))
                    .flat_map(stems)
                    .filter(|w| !GENERAL.contains(&w.as_str()))
                    .map(|w| stem(&w))
                    .collect()
            };
            let lone = parents
                .iter()
                .enumerate()
                .filter(|&(o, h)| {
                    o != p
                        && h.as_deref()
                            .is_some_and(|h| h.eq_ignore_ascii_case(&tp.title))
                })
                .count()
                == 1;
            if lone && vocabulary(tp, &members[p]).is_disjoint(&vocabulary(tc, &members[c])) {
                continue;
            }
            let example = members[p]
                .iter()
                .find(|r| r.intro)
                .unwrap_or(&members[p][0]);
            edges.push(Edge {
                from: p,
                to: c,
                score: 1.4,
                why: format!(
                    "{} holds the readings its heading gives before the subsections, the general part that {}, one of those subsections, specialises (e.g. \"{}\")",
                    quoted(tp),
                    quoted(tc),
                    plain(&super::short(&example.c.title, 60)),
                ),
            });
        }
    }
    edges
}

/// A section the list names as a level ("Advanced", "Intermediate books") continues the
/// nearest section before it named as the level below ("Introductory", "Basics"): the list
/// says so in its headings.
fn from_level_names(topics: &[Topic], rank: &[usize]) -> Vec<Edge> {
    let words = |t: &Topic| super::terms(&t.title);
    let later = |t: &Topic| {
        let w = words(t);
        w.iter().any(|x| x == "advanced" || x == "intermediate")
    };
    let earlier = |t: &Topic| {
        let w = words(t);
        w.iter().any(|x| {
            [
                "introductory",
                "introduction",
                "basic",
                "basics",
                "beginner",
                "fundamental",
            ]
            .contains(&x.as_str())
        })
    };
    let mut edges = Vec::new();
    for (b, tb) in topics.iter().enumerate() {
        if tb.further || !later(tb) || rank[b] == usize::MAX {
            continue;
        }
        let Some(a) = (0..topics.len())
            .filter(|&a| a != b && !topics[a].further && earlier(&topics[a]) && rank[a] < rank[b])
            .max_by_key(|&a| rank[a])
        else {
            continue;
        };
        edges.push(Edge {
            from: a,
            to: b,
            score: 1.6,
            why: format!(
                "the list names {} as the level before {}",
                quoted(&topics[a]),
                quoted(tb)
            ),
        });
    }
    edges
}

/// A section the list names only as groundwork ("Background", "Basics", "Preliminaries")
/// comes before the topic the list puts right after it: the heading says what it is for.
/// One edge, not one to every topic (a star a curator deletes); "Introduction" is no such
/// name (a course's first week of production studies was deleted as groundwork), and
/// clusters, which have no author's order, get none.
fn from_groundwork_name(topics: &[Topic], rank: &[usize], clustered: bool) -> Vec<Edge> {
    const GROUNDWORK: &[&str] = &[
        "background",
        "basic",
        "basics",
        "fundamental",
        "fundamentals",
        // "preliminaries" as `normal` leaves it, without its plural "s".
        "preliminarie",
        "preliminary",
        "prerequisite",
        "foundation",
    ];
    if clustered {
        return Vec::new();
    }
    let mut edges = Vec::new();
    for (a, ta) in topics.iter().enumerate() {
        let words = super::terms(&ta.title);
        if ta.further
            || rank[a] == usize::MAX
            || words.is_empty()
            || !words.iter().all(|w| GROUNDWORK.contains(&w.as_str()))
        {
            continue;
        }
        let next = (0..topics.len())
            .filter(|&b| b != a && !topics[b].further && !shelf(&topics[b].title))
            .filter(|&b| rank[b] != usize::MAX && rank[b] > rank[a])
            .min_by_key(|&b| rank[b]);
        if let Some(b) = next {
            edges.push(Edge {
                from: a,
                to: b,
                score: 1.0,
                why: format!(
                    "the list names {} as groundwork and puts it just before this topic",
                    quoted(ta)
                ),
            });
        }
    }
    edges
}

/// A section the list names as the general case ("General-Purpose Algorithms", "General
/// principles") comes before the sections it puts after it at its own level, and their
/// subsections: they are the special cases (review 12: tcpcc's active queue management,
/// datacenter and domain-specific algorithms after its general-purpose algorithms). The
/// heading says so; clusters have no author's headings.
fn from_general_section(
    topics: &[Topic],
    parents: &[Option<String>],
    rank: &[usize],
    clustered: bool,
) -> Vec<Edge> {
    if clustered {
        return Vec::new();
    }
    let general = |t: &Topic| {
        let title = plain(&t.title).to_lowercase();
        let first = title
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        ["general", "generic"].contains(&first) && title.split_whitespace().count() >= 2
    };
    // The heading a topic sits under; a heading's own topic sits where the heading does.
    let level = |t: usize| {
        parents[t]
            .as_deref()
            .filter(|p| !p.eq_ignore_ascii_case(&topics[t].title))
            .map(str::to_lowercase)
    };
    let mut edges = Vec::new();
    for (a, ta) in topics.iter().enumerate() {
        if ta.further || rank[a] == usize::MAX || !general(ta) {
            continue;
        }
        let here = level(a);
        for (b, tb) in topics.iter().enumerate() {
            // A section of tools or resources is no special case of the general one.
            let resource = std::iter::once(tb.title.clone())
                .chain(super::terms(&tb.title))
                .any(|w| {
                    super::sections::role(&w) != super::sections::Role::Topic
                        || ["tool", "tools", "resource", "resources"].contains(&w.as_str())
                });
            if b == a || tb.further || resource || rank[b] == usize::MAX || rank[b] < rank[a] {
                continue;
            }
            let sibling = level(b) == here;
            // A subsection of a later sibling heading.
            let under_sibling = level(b).is_some_and(|p| {
                topics.iter().enumerate().any(|(c, tc)| {
                    c != a && level(c) == here && tc.title.to_lowercase() == p && rank[c] > rank[a]
                }) || (parents.iter().enumerate().all(|(c, q)| {
                    q.as_deref().map(str::to_lowercase) != Some(p.clone()) || rank[c] > rank[a]
                }) && here.is_none())
            });
            if !(sibling || under_sibling) {
                continue;
            }
            edges.push(Edge {
                from: a,
                to: b,
                score: 0.8,
                why: format!(
                    "the list names {} as the general case and puts this section after it, as a special one",
                    quoted(ta)
                ),
            });
        }
    }
    edges
}

/// How the words a title uses for an attack on a system begin ("ROP Attacks", "Control Flow
/// Hijacking", "Vulnerabilities"): a stem, so every form of the word counts.
const ATTACK: &[&str] = &["attack", "hijack", "exploit", "corrupt", "vulnerab"];

/// How the words a title uses for a defence against one begin ("Control-Flow Integrity",
/// "Defenses", "Mitigations").
const DEFENCE: &[&str] = &["integrity", "defen", "mitigat", "harden", "protect"];

/// A section naming a defence comes after the attack sections it answers (review 12: utd's
/// control-flow integrity after its memory corruption and control-flow hijacking, and after
/// its return-oriented programming): a defence is taught against an attack the student
/// knows. The attack must be the one it answers: the two titles share a name of two words
/// ("control flow"), or the list puts the defence right after the attack, under the same
/// heading. A title naming both ("Integer Vulnerabilities and Defenses") is neither; clusters
/// have no author's sections.
fn from_attacks(
    topics: &[Topic],
    parents: &[Option<String>],
    rank: &[usize],
    clustered: bool,
) -> Vec<Edge> {
    if clustered {
        return Vec::new();
    }
    let own_title: Vec<Vec<String>> = topics.iter().map(|t| super::terms(&t.title)).collect();
    let of = |w: &str, set: &[&str]| set.iter().any(|s| w.starts_with(s));
    let says = |t: usize, set: &[&str]| own_title[t].iter().find(|w| of(w, set));
    let pairs = |t: usize| -> BTreeSet<(String, String)> {
        own_title[t]
            .windows(2)
            .filter(|w| {
                w.iter().all(|x| {
                    !of(x, ATTACK)
                        && !of(x, DEFENCE)
                        && !GENERAL.contains(&x.as_str())
                        && super::sections::role(x) == super::sections::Role::Topic
                })
            })
            .map(|w| (w[0].clone(), w[1].clone()))
            .collect()
    };
    let mut edges = Vec::new();
    for a in 0..topics.len() {
        if topics[a].further || rank[a] == usize::MAX || says(a, DEFENCE).is_some() {
            continue;
        }
        let Some(attack) = says(a, ATTACK) else {
            continue;
        };
        for b in 0..topics.len() {
            if b == a || topics[b].further || rank[b] == usize::MAX || rank[b] < rank[a] {
                continue;
            }
            let Some(defence) = says(b, DEFENCE) else {
                continue;
            };
            if says(b, ATTACK).is_some() {
                continue;
            }
            let shared = pairs(a).intersection(&pairs(b)).next().cloned();
            let next = rank[b] == rank[a] + 1 && parents[a] == parents[b];
            let why = match shared {
                Some((x, y)) => format!(
                    "its title names a defence (\"{defence}\") of the \"{x} {y}\" that {} names as attacked (\"{attack}\")",
                    quoted(&topics[a])
                ),
                None if next => format!(
                    "its title names a defence (\"{defence}\") and the list puts it right after the attack {} (\"{attack}\")",
                    quoted(&topics[a])
                ),
                None => continue,
            };
            edges.push(Edge {
                from: a,
                to: b,
                score: 0.85,
                why,
            });
        }
    }
    edges
}

/// Words that say what follows them is what a reading defends against ("Code obfuscation
/// against symbolic execution attacks", "Preventing disclosure exploits").
const COUNTERS: &[&str] = &[
    "against",
    "preventing",
    "resilient",
    "thwarting",
    "defeating",
];

/// A reading that defends against another topic's subject, named whole after "against" or
/// "preventing" ("Code obfuscation against symbolic execution attacks" under obfuscation,
/// after "Symbolic Execution"): a defence is learnt after what it defends against. The name
/// has two words or more (one word, "Code obfuscation against analysis", names no topic);
/// with an author's order the named topic comes first.
fn from_counters(
    topics: &[Topic],
    members: &[Vec<&Reading>],
    rank: &[usize],
    clustered: bool,
) -> Vec<Edge> {
    let own_title: Vec<Vec<String>> = topics.iter().map(|t| super::terms(&t.title)).collect();
    let mut edges = Vec::new();
    for a in 0..topics.len() {
        let name = &own_title[a];
        if topics[a].further || topics[a].intro || name.len() < 2 {
            continue;
        }
        for b in 0..topics.len() {
            if b == a
                || topics[b].further
                || (!clustered && rank[a] > rank[b])
                || own_title[b]
                    .windows(name.len())
                    .any(|w| w == name.as_slice())
            {
                continue;
            }
            let counters = |r: &&&Reading| {
                let ws = &r.title_words;
                ws.iter()
                    .position(|w| COUNTERS.contains(&w.as_str()))
                    .is_some_and(|i| {
                        ws[i + 1..]
                            .windows(name.len())
                            .any(|w| w == name.as_slice())
                    })
            };
            let Some(r) = members[b].iter().find(counters) else {
                continue;
            };
            edges.push(Edge {
                from: a,
                to: b,
                score: 0.85,
                why: format!(
                    "its reading \"{}\" defends against {}, the subject of that topic",
                    plain(&super::short(&r.c.title, 60)),
                    quoted(&topics[a]),
                ),
            });
        }
    }
    edges
}

/// A section named after forms of reading only ("Recommended Courses, Books and Talks").
fn shelf(title: &str) -> bool {
    let words = super::terms(title);
    !words.is_empty()
        && words.iter().all(|w| {
            super::sections::role(w) == super::sections::Role::Form
                || ["recommended", "talk", "resource", "further", "more"].contains(&w.as_str())
        })
}

/// A topic's name, as evidence between topics: a word general English does not use at all
/// ("paxos", "zookeeper", "lsm"), of at least three letters and not a number. Ordinary words
/// ("leader", "fault", "buffer", "engineering") name many things and made false edges.
fn is_name(word: &str) -> bool {
    word.chars().count() >= 3
        && word.chars().any(|c| c.is_alphabetic())
        && !crate::import::domain::in_english(word)
}

/// A multi-part series split over two topics, the later topic being what the series is
/// about: the topic holding an earlier part comes first ("Adventures in JIT compilation",
/// part 1 an interpreter, part 2 a JIT: the interpreter before the JIT). A part landing in a
/// topic the series' name does not say ("Part 3 - LLVM") is an aside of the series, not its
/// subject, and orders nothing.
fn from_series(topics: &[Topic], members: &[Vec<&Reading>]) -> Vec<Edge> {
    let at: Vec<(usize, &Reading)> = members
        .iter()
        .enumerate()
        .filter(|(t, _)| !topics[*t].further)
        .flat_map(|(t, ms)| ms.iter().map(move |r| (t, *r)))
        .collect();
    let readings: Vec<&Reading> = at.iter().map(|(_, r)| *r).collect();
    let mut parts: BTreeMap<String, Vec<(u32, usize, String)>> = BTreeMap::new();
    for run in super::series::find(&readings)
        .into_iter()
        .flat_map(|s| s.runs)
    {
        let ps = run
            .parts
            .iter()
            .map(|&(n, i)| (n, at[i].0, readings[i].c.title.clone()));
        parts.insert(run.name, ps.collect());
    }
    let mut edges = Vec::new();
    for (series, ps) in parts.iter_mut() {
        ps.sort();
        // The series' own name, without the host an address-named series is keyed by.
        let name = series.split(" (").next().unwrap_or(series);
        let said = super::terms(name);
        // The name as a part's title writes it ("Exploring PL/pgSQL", not the key's case).
        let written = |title: &str| -> String {
            match title.get(..name.len()) {
                Some(head) if head.to_lowercase() == name => head.to_string(),
                _ => name.to_string(),
            }
        };
        for w in ps.windows(2) {
            let ((na, a, ta), (nb, b, tb)) = (&w[0], &w[1]);
            let about_b = super::terms(&topics[*b].title)
                .iter()
                .any(|x| said.contains(x));
            // Or the series opens in one topic's subject and its next part is about the
            // other's: the opening is groundwork the next part builds on (a middle part in a
            // topic of its own, "Part 3 - LLVM", is still an aside).
            let says_own = |t: usize, title: &str| {
                let own: Vec<String> = super::terms(&topics[t].title)
                    .iter()
                    .filter(|w| !said.contains(w))
                    .map(|w| stem(w))
                    .collect();
                super::terms(title).iter().any(|w| own.contains(&stem(w)))
            };
            let opens = *na == 1 && *nb == 2 && says_own(*a, ta) && says_own(*b, tb);
            if a != b && na < nb && (about_b || opens) {
                edges.push(Edge {
                    from: *a,
                    to: *b,
                    score: 2.0,
                    why: format!(
                        "part {na} of the series \"{}\" (\"{}\") is in {}, part {nb} (\"{}\") here",
                        plain(&super::short(&written(ta), 50)),
                        plain(&super::short(ta, 50)),
                        quoted(&topics[*a]),
                        plain(&super::short(tb, 50)),
                    ),
                });
            }
        }
    }
    edges
}

fn choose(n: usize, edges: Vec<Edge>, first: &[usize]) -> Vec<Vec<(usize, String)>> {
    let mut chosen = vec![Vec::new(); n];
    choose_into(&mut chosen, edges, first);
    reduce(&mut chosen);
    chosen
}

/// Drops a prerequisite another prerequisite of the same topic already leads to: "Paxos"
/// before "Distributed transactions" says "State machine replication" before it too, and a
/// curator reads the repeated line as noise. An edge taken first can be made redundant by a
/// weaker one taken later, so this runs over the finished set.
fn reduce(chosen: &mut [Vec<(usize, String)>]) {
    for to in 0..chosen.len() {
        let mut i = 0;
        while i < chosen[to].len() {
            let from = chosen[to][i].0;
            let implied = chosen[to]
                .iter()
                .any(|(other, _)| *other != from && reaches(chosen, *other, from));
            if implied {
                chosen[to].remove(i);
            } else {
                i += 1;
            }
        }
    }
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

    /// A system is named by the one unusual word its title leads with, before a colon or a
    /// comma; an ordinary or hyphenated lead, or a title without one, presents none.
    #[test]
    fn a_title_presents_the_system_it_leads_with() {
        assert_eq!(
            system_name("Exokernel: An Operating System Architecture").as_deref(),
            Some("exokernel")
        );
        assert_eq!(
            system_name("WiscKey: Separating Keys from Values").as_deref(),
            Some("wisckey")
        );
        assert_eq!(
            system_name("TENEX, a Paged Time Sharing System").as_deref(),
            Some("tenex")
        );
        assert_eq!(
            system_name("Multi-Core, Main-Memory Joins: Sort vs. Hash"),
            None
        );
        assert_eq!(
            system_name("Time, Clocks, and the Ordering of Events"),
            None
        );
        assert_eq!(
            system_name("From WiscKey to Bourbon: A Learned Index"),
            None
        );
        assert_eq!(system_name("Paxos made simple"), None);
    }

    /// A prerequisite another one of the same topic leads to is dropped, even when it was
    /// taken first (it scored higher): the curator reads one line per real dependency.
    #[test]
    fn a_prerequisite_implied_through_another_is_dropped() {
        let e = |from, to, score| Edge {
            from,
            to,
            score,
            why: String::new(),
        };
        let chosen = choose(
            3,
            vec![e(0, 2, 3.0), e(0, 1, 2.0), e(1, 2, 1.0)],
            &[0, 1, 2],
        );
        assert_eq!(chosen[2].iter().map(|x| x.0).collect::<Vec<_>>(), [1]);
        assert_eq!(chosen[1].iter().map(|x| x.0).collect::<Vec<_>>(), [0]);
    }

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

    /// Without an author's order, two topics whose readings name each other are peers: a
    /// compiler series (older) and interpreter posts naming "compiler", while the compiler's
    /// resources post names "interpreter", get no edge either way. With the author's order
    /// the same naming orients the edge.
    #[test]
    fn clustered_topics_naming_each_other_are_peers() {
        let titles = [
            "Writing a lisp compiler: 1. assembly",
            "Writing a lisp compiler: 2. functions",
            "Writing a lisp compiler: 3. conditionals",
            "Favorite compiler and interpreter resources",
            "A Scheme interpreter, then its compiler",
            "A Forth interpreter beside a bytecode compiler",
            "Interpreting Go: an interpreter",
            "A TypeScript interpreter",
            "Writing a JSON parser",
            "A JSON path parser",
            "Partial JSON parsing",
            "Generating a REST API",
        ];
        let cs = super::super::candidates(&titles);
        let readings = super::super::titled(&cs);
        let topic = |title: &str, members: std::ops::Range<usize>| Topic {
            id: title.to_lowercase(),
            title: title.to_string(),
            summary: String::new(),
            origin: String::new(),
            keywords: Vec::new(),
            members: members.map(|i| (0, i)).collect(),
            requires: Vec::new(),
            stage: 0,
            further: false,
            intro: false,
        };
        let topics = [
            topic("Lisp compiler", 0..4),
            topic("Interpreter", 4..8),
            topic("JSON", 8..11),
        ];
        let members: Vec<Vec<&Reading>> = topics
            .iter()
            .map(|t| t.members.iter().map(|k| &readings[k.1]).collect())
            .collect();
        let field = super::super::field_of(&readings);
        let parents = vec![None; 3];
        let rank = [0, 1, 2];
        let edges = |clustered| {
            from_subjects(
                &topics, &members, &field, &parents, &rank, &readings, clustered,
            )
            .iter()
            .map(|e| (e.from, e.to))
            .collect::<Vec<_>>()
        };
        assert_eq!(edges(false), vec![(0, 1)]);
        assert_eq!(edges(true), vec![]);
    }
}
