//! Topics for a list without sections: its readings clustered by their text.
//!
//! Each reading is a TF-IDF vector of its title (counted twice), note and authors; two
//! readings are as close as the cosine of their vectors. Average-linkage agglomerative
//! clustering merges the closest pair until about `n / 6` clusters are left (4 to 15), no
//! cluster growing past 30% of the readings, and none joining two groups that share nothing.
//! The largest clusters become topics; a reading of a smaller one joins the topic it is
//! closest to, or waits in the inbox when it shares too little with any. Plain TF-IDF and
//! cosine suffice for titles: a crate for text clustering would bring embeddings or models
//! this needs none of.

use super::{document_frequency, field_of, name_group, plain, surface_forms, Key, Reading, Topic};
use crate::model::Course;
use std::collections::{BTreeMap, HashSet};

/// Fewest and most topics a list without sections is cut into.
pub(crate) const MIN_TOPICS: usize = 4;
pub(crate) const MAX_TOPICS: usize = 15;
/// Largest share of the readings one topic may hold (unless the list is tiny).
pub(crate) const MAX_SHARE: f32 = 0.3;
/// Below this many readings a list is tiny: no share limit.
const TINY: usize = 10;
/// Two groups closer than this are not merged: they share next to nothing.
const MIN_LINK: f32 = 0.04;
/// A reading left over joins a topic only when at least this close to its centroid.
const MIN_JOIN: f32 = 0.08;
/// Most readings clustered pairwise; the rest join the nearest cluster.
const MAX_PAIRWISE: usize = 600;

type Vector = Vec<(u32, f32)>;

/// Makers of many unrelated things: a cluster named after one is a tag, not a subject.
const VENDORS: &[&str] = &[
    "apache",
    "google",
    "microsoft",
    "amazon",
    "aws",
    "facebook",
    "ibm",
    "oracle",
    "linux",
    "netflix",
    "azure",
];

fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

fn normalise(v: &mut Vector) {
    let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, x)| *x /= norm);
    }
}

/// TF-IDF vectors of the readings, over words used by at least two readings and by at most
/// half of them.
fn vectors(readings: &[Reading]) -> Vec<Vector> {
    let mut docs: Vec<Vec<String>> = Vec::with_capacity(readings.len());
    for r in readings {
        let mut words = r.title_words.clone();
        words.extend(r.title_words.iter().cloned());
        words.extend(r.words.iter().skip(r.title_words.len()).cloned());
        for a in &r.c.authors {
            if let Some(last) = a.split([' ', ',']).rfind(|p| p.len() > 1) {
                words.push(format!("@{}", last.to_lowercase()));
            }
        }
        docs.push(words);
    }
    let n = docs.len();
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for d in &docs {
        let mut seen: Vec<&str> = d.iter().map(|w| w.as_str()).collect();
        seen.sort_unstable();
        seen.dedup();
        for w in seen {
            *df.entry(w).or_default() += 1;
        }
    }
    let index: BTreeMap<&str, u32> = df
        .iter()
        .filter(|(_, c)| **c >= 2 && (**c * 2 <= n || n < 6))
        // How a title is written ("Writing a ... from scratch") says nothing of what a
        // reading is about: two posts sharing it are no closer in subject.
        .filter(|(w, _)| !super::TITLE_FORM.contains(w))
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32))
        .collect();
    let mut idf = vec![0f32; index.len()];
    for (w, i) in &index {
        idf[*i as usize] = (n as f32 / df[w] as f32).ln() + 0.1;
    }
    docs.iter()
        .map(|d| {
            let mut tf: BTreeMap<u32, f32> = BTreeMap::new();
            for w in d {
                if let Some(i) = index.get(w.as_str()) {
                    *tf.entry(*i).or_default() += 1.0;
                }
            }
            let mut v: Vector = tf
                .into_iter()
                .map(|(i, f)| (i, (1.0 + f.ln()) * idf[i as usize]))
                .collect();
            normalise(&mut v);
            v
        })
        .collect()
}

fn centroid(members: &[usize], vs: &[Vector]) -> Vector {
    let mut sum: BTreeMap<u32, f32> = BTreeMap::new();
    for m in members {
        for (i, x) in &vs[*m] {
            *sum.entry(*i).or_default() += x;
        }
    }
    let mut v: Vector = sum.into_iter().collect();
    normalise(&mut v);
    v
}

/// Average-linkage agglomerative clustering of `items` (indices into `vs`): merges the
/// closest pair until `target` clusters are left, no pair is close enough, or every merge
/// would exceed `cap` readings.
fn agglomerate(items: &[usize], vs: &[Vector], target: usize, cap: usize) -> Vec<Vec<usize>> {
    let n = items.len();
    let mut sim = vec![0f32; n * n];
    for a in 0..n {
        for b in (a + 1)..n {
            let s = cosine(&vs[items[a]], &vs[items[b]]);
            sim[a * n + b] = s;
            sim[b * n + a] = s;
        }
    }
    let mut clusters: Vec<Option<Vec<usize>>> = items.iter().map(|i| Some(vec![*i])).collect();
    let mut alive = n;
    while alive > target {
        let mut best: Option<(usize, usize, f32)> = None;
        for a in 0..n {
            let Some(ca) = &clusters[a] else { continue };
            for b in (a + 1)..n {
                let Some(cb) = &clusters[b] else { continue };
                if ca.len() + cb.len() > cap {
                    continue;
                }
                let s = sim[a * n + b];
                if s >= MIN_LINK && best.is_none_or(|(_, _, x)| s > x) {
                    best = Some((a, b, s));
                }
            }
        }
        let Some((a, b, _)) = best else { break };
        let cb = clusters[b].take().expect("alive");
        let (la, lb) = (
            clusters[a].as_ref().expect("alive").len() as f32,
            cb.len() as f32,
        );
        // Lance-Williams update for average linkage.
        for k in 0..n {
            if k == a || clusters[k].is_none() {
                continue;
            }
            let s = (la * sim[k * n + a] + lb * sim[k * n + b]) / (la + lb);
            sim[k * n + a] = s;
            sim[a * n + k] = s;
        }
        clusters[a].as_mut().expect("alive").extend(cb);
        alive -= 1;
    }
    clusters.into_iter().flatten().collect()
}

/// The series of a list (see [`super::series`]): each is indices into `readings`, two or
/// more, in order. A series is one subject by its author's word: clustering keeps it together.
fn series(readings: &[Reading]) -> Vec<Vec<usize>> {
    let refs: Vec<&Reading> = readings.iter().collect();
    super::series::find(&refs)
        .into_iter()
        .filter(|s| s.one_work)
        .map(|s| s.members)
        .collect()
}

/// A series split by the clustering (a part that shares fewer words, a sequel in the inbox)
/// joins the topic holding most of its parts: the author made it one work.
fn keep_series_together(
    readings: &[Reading],
    topics: &mut [Topic],
    inbox: &mut Vec<(Key, String)>,
) {
    for s in series(readings) {
        let keys: Vec<Key> = s.iter().map(|&i| readings[i].key).collect();
        let held = |t: &Topic| keys.iter().filter(|k| t.members.contains(k)).count();
        let best = topics
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.further)
            .map(|(i, t)| (i, held(t)))
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        let Some((mut home, n)) = best else { continue };
        if n * 2 < keys.len() {
            // No topic holds half: the one topic the series' own title names, every word
            // as written ("Adventures in JIT Compilation: Part 2" under "Compilation"), or
            // failing that the one holding its first part, since parts waiting in the
            // inbox while others are filed split one work.
            let named: Vec<usize> = super::series::title_part(&readings[s[0]].c.title)
                .map(|(stem, _)| {
                    let said = super::terms(&stem);
                    topics
                        .iter()
                        .enumerate()
                        .filter(|(_, t)| !t.further)
                        .filter(|(_, t)| {
                            let name = super::terms(&t.title);
                            !name.is_empty() && name.iter().all(|w| said.contains(w))
                        })
                        .map(|(i, _)| i)
                        .collect()
                })
                .unwrap_or_default();
            let first = topics
                .iter()
                .position(|t| !t.further && t.members.contains(&keys[0]));
            home = match (named.as_slice(), first) {
                ([t], _) => *t,
                ([], Some(t)) if n >= 1 => t,
                _ => continue,
            };
        }
        for (i, t) in topics.iter_mut().enumerate() {
            if i != home {
                t.members.retain(|k| !keys.contains(k));
            }
        }
        inbox.retain(|(k, _)| !keys.contains(k));
        for k in &keys {
            if !topics[home].members.contains(k) {
                topics[home].members.push(*k);
            }
        }
    }
}

/// Topics for a list without sections: those a like course names first (see [`seed`]), then
/// the rest clustered by their text; and the readings that fit none. `own` is the list's own
/// title, when it has one: its words name the whole list, never one topic of it.
pub(crate) fn by_text(
    readings: &[Reading],
    like: Option<&Course>,
    own: &[String],
) -> (Vec<Topic>, Vec<(Key, String)>) {
    let (mut topics, rest) = match like {
        Some(course) => seed(readings, course),
        None => (Vec::new(), (0..readings.len()).collect()),
    };
    if topics.is_empty() {
        let (more, mut inbox) = cluster_text(readings, readings, &HashSet::new(), own);
        topics.extend(more);
        named_home(readings, &mut topics, &mut inbox);
        sense_home(readings, &mut topics, &mut inbox);
        subject_over_tag(readings, &mut topics, &mut inbox);
        keep_series_together(readings, &mut topics, &mut inbox);
        topics.retain(|t| !t.members.is_empty());
        misfits(readings, &mut topics, &mut inbox);
        split_generic(readings, &mut topics);
        hold_share(readings, &mut topics, &mut inbox);
        unclip(readings, &mut topics);
        return (topics, inbox);
    }
    let rest: Vec<Reading> = rest.into_iter().map(|i| copy(&readings[i])).collect();
    let taken: HashSet<String> = topics.iter().map(|t| t.title.to_lowercase()).collect();
    let (more, mut inbox) = cluster_text(&rest, readings, &taken, own);
    topics.extend(more);
    named_home(readings, &mut topics, &mut inbox);
    sense_home(readings, &mut topics, &mut inbox);
    subject_over_tag(readings, &mut topics, &mut inbox);
    keep_series_together(readings, &mut topics, &mut inbox);
    topics.retain(|t| !t.members.is_empty());
    misfits(readings, &mut topics, &mut inbox);
    split_generic(readings, &mut topics);
    hold_share(readings, &mut topics, &mut inbox);
    unclip(readings, &mut topics);
    (topics, inbox)
}

/// The terms of the field `r`'s title says, by [`stem`]: words the list's field uses
/// distinctively though English uses them too ("Scheme"), never a title's form, a vendor or
/// a quality ("Algorithmic").
fn field_terms(r: &Reading, field: &crate::import::domain::Field) -> Vec<String> {
    let mut v: Vec<String> = super::distinct(&r.title_words)
        .into_iter()
        .filter(|w| {
            w.len() >= 3
                && field.weight(w).is_some_and(|x| x >= BY_WORD_WEIGHT)
                && !super::TITLE_FORM.contains(w)
                && !VENDORS.contains(w)
                && noun_like(w)
                && !w.ends_with("ic")
                && !w.ends_with("al")
        })
        .map(|w| stem(w).to_string())
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Fewest readings of a topic named by the field's everyday words for it to be split.
const GENERIC_LEAST: usize = 8;

/// A topic of [`GENERIC_LEAST`] readings or more whose name is words of the whole field
/// (every word of it said in another topic's titles too: "Programming Languages" beside
/// "Tag-free Garbage Collection for Strongly Typed Programming Languages") is a word bag: its
/// strongest shared term, the word of the field most of its works say beyond its name (three
/// at least, at most half of it; a series counts once), becomes a topic of its own ("Scheme"
/// out of language reports, textbooks and Scheme implementations).
fn split_generic(readings: &[Reading], topics: &mut Vec<Topic>) {
    let field = field_of(readings);
    let own = field_name_stems(readings, &field);
    let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    let mut work: BTreeMap<Key, Key> = readings.iter().map(|r| (r.key, r.key)).collect();
    for s in series(readings) {
        for &i in &s {
            work.insert(readings[i].key, readings[s[0]].key);
        }
    }
    let roots = |r: &Reading| -> HashSet<String> {
        r.title_words.iter().map(|w| root(w).to_string()).collect()
    };
    for t in 0..topics.len() {
        if topics.len() >= MAX_TOPICS {
            return;
        }
        let topic = &topics[t];
        let name: Vec<String> = super::terms(&topic.title);
        if topic.further || topic.members.len() < GENERIC_LEAST || name.len() < 2 {
            continue;
        }
        let generic = name.iter().all(|w| {
            let r = root(w).to_string();
            topics.iter().enumerate().any(|(o, x)| {
                o != t
                    && x.members
                        .iter()
                        .filter_map(|k| by_key.get(k))
                        .any(|m| roots(m).contains(&r))
            })
        });
        if !generic {
            continue;
        }
        let name_stems: Vec<&str> = name.iter().map(|w| stem(w)).collect();
        let members: Vec<&Reading> = topic
            .members
            .iter()
            .filter_map(|k| by_key.get(k).copied())
            .collect();
        let terms_of = |r: &Reading| -> Vec<String> {
            field_terms(r, &field)
                .into_iter()
                .filter(|s| !name_stems.contains(&s.as_str()) && !own.contains(s))
                .collect()
        };
        let mut said: Vec<(Key, String)> = Vec::new();
        for r in &members {
            for s in terms_of(r) {
                said.push((work[&r.key], s));
            }
        }
        said.sort_unstable();
        said.dedup();
        let mut count: BTreeMap<String, usize> = BTreeMap::new();
        for (_, s) in said {
            *count.entry(s).or_default() += 1;
        }
        let says = |r: &Reading, s: &str| terms_of(r).iter().any(|x| x == s);
        let taken: HashSet<String> = topics.iter().map(|x| x.title.to_lowercase()).collect();
        let mut ranked: Vec<(String, usize)> = count
            .into_iter()
            .filter(|(s, n)| {
                *n >= 3 && members.iter().filter(|r| says(r, s)).count() * 2 <= members.len()
            })
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let Some((mine, title)) = ranked.into_iter().find_map(|(s, _)| {
            let mine: Vec<&Reading> = members.iter().copied().filter(|r| says(r, &s)).collect();
            // Else the term as its titles write it: three works saying a term of the field
            // beside words of the whole field name their subject.
            let form = mine
                .iter()
                .flat_map(|r| r.title_words.iter())
                .find(|w| stem(w) == s)?;
            let written = super::word_as_written(&mine, form).unwrap_or(form.clone());
            stem_name(&mine, &s, &field, readings)
                .or_else(|| Some(super::capitalise(&written)))
                .filter(|x| !taken.contains(&x.to_lowercase()))
                .map(|x| (mine, x))
        }) else {
            continue;
        };
        let keys: Vec<Key> = mine.iter().map(|r| r.key).collect();
        let rest: Vec<&Reading> = members
            .iter()
            .copied()
            .filter(|r| !keys.contains(&r.key))
            .collect();
        let origin = format!(
            "readings of \"{}\" whose titles name \"{}\"",
            plain(&topics[t].title),
            plain(&title)
        );
        topics[t].members.retain(|k| !keys.contains(k));
        retell(&mut topics[t], &rest);
        topics.push(titled_topic(title, origin, keys, &mine));
    }
}

/// A topic's keywords, summary and origin once readings left it: only the keywords its
/// remaining titles say (by [`stem`]), its summary said again from them, and a cluster's
/// origin naming those words, so that nothing cites a reading it no longer holds.
fn retell(t: &mut Topic, rest: &[&Reading]) {
    t.keywords.retain(|k| {
        super::terms(k).iter().all(|w| {
            rest.iter()
                .any(|r| r.title_words.iter().any(|x| stem(x) == stem(w)))
        })
    });
    t.summary = describe(rest, &t.keywords);
    if t.origin
        .starts_with("a cluster of readings sharing the words")
        && !t.keywords.is_empty()
    {
        t.origin = format!(
            "a cluster of readings sharing the words {}",
            t.keywords
                .iter()
                .take(3)
                .map(|k| format!("\"{}\"", plain(k)))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
}

/// Most readings a topic may have for one among them that shares no word of its title with
/// the others to be a misfit rather than a second theme.
const SMALL_TOPIC: usize = 4;

/// A small topic's one reading whose title says none of the words (by [`root`]) of its other
/// readings' titles nor any word of its name, and shares no author with them, is a misfit ("x64
/// Architecture" beside two books on discrete mathematics): it waits in the inbox rather than
/// make the topic's name untrue. Parts of a series stay with their series.
fn misfits(readings: &[Reading], topics: &mut [Topic], inbox: &mut Vec<(Key, String)>) {
    let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    let in_series: HashSet<Key> = series(readings)
        .into_iter()
        .flatten()
        .map(|i| readings[i].key)
        .collect();
    let roots = |r: &Reading| -> HashSet<String> {
        r.title_words.iter().map(|w| root(w).to_string()).collect()
    };
    let last = |a: &String| {
        a.split([' ', ','])
            .rfind(|p| p.len() > 1)
            .map(str::to_lowercase)
    };
    for t in topics.iter_mut() {
        // A like course's topic files by the course's words ("The Part-Time Parliament"
        // under Paxos), a word's topic by its word: only a cluster's words are its evidence.
        let clustered = t.origin.starts_with("a cluster of readings");
        if t.further || !clustered || t.members.len() < 3 || t.members.len() > SMALL_TOPIC {
            continue;
        }
        let name: Vec<String> = super::terms(&t.title)
            .iter()
            .map(|w| root(w).to_string())
            .collect();
        let rs: Vec<&Reading> = t
            .members
            .iter()
            .filter_map(|k| by_key.get(k).copied())
            .collect();
        let alone: Vec<Key> = rs
            .iter()
            .filter(|r| !in_series.contains(&r.key))
            .filter(|r| {
                let mine = roots(r);
                if name.iter().any(|w| mine.contains(w)) {
                    return false;
                }
                let authors: Vec<String> = r.c.authors.iter().filter_map(last).collect();
                rs.iter().filter(|o| o.key != r.key).all(|o| {
                    roots(o).is_disjoint(&mine)
                        && !o
                            .c
                            .authors
                            .iter()
                            .filter_map(last)
                            .any(|a| authors.contains(&a))
                })
            })
            .map(|r| r.key)
            .collect();
        if let [k] = alone.as_slice() {
            t.members.retain(|m| m != k);
            let rest: Vec<&Reading> = rs.iter().copied().filter(|r| r.key != *k).collect();
            retell(t, &rest);
            inbox.push((
                *k,
                "shares no word with the other readings of the small topic it clustered with"
                    .to_string(),
            ));
        }
    }
}

/// No topic holds more than [`MAX_SHARE`] of the readings filed (the inbox left out), as a
/// reader counts them. Each step before holds its own share of the whole list, inbox
/// included, and leftovers joining afterwards add to a topic: a list most of whose readings
/// wait in the inbox can leave a catch-all ("Compiler") over a third of what is filed. Such
/// a topic is split along its strongest sub-theme: the word of the field (by [`stem`]) most
/// of its titles say beyond its name, three readings at least and at most half of it
/// ("Optimizing compilers" out of "Compiler"), named by the run its titles share with the
/// topic's name when they share one. A topic with no such word, or a draft with
/// [`MAX_TOPICS`] already, sends its readings that share least of its theme to the inbox.
/// Lists of [`SMALL`] readings or more only.
fn hold_share(readings: &[Reading], topics: &mut Vec<Topic>, inbox: &mut Vec<(Key, String)>) {
    // A [`SMALL`] list's share is held as its topics are made, of the whole list: a few
    // readings more or less filed would cut a topic of four.
    if readings.len() < SMALL {
        return;
    }
    let field = field_of(readings);
    let own = field_name_stems(readings, &field);
    let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    let mut tried: HashSet<(usize, String)> = HashSet::new();
    // Counted as the reader counts them, in links: the import folds readings at one address,
    // and the parts of one series, into one. A reading's other addresses count as its own.
    let mut rep: BTreeMap<String, String> = BTreeMap::new();
    let mut work: BTreeMap<Key, String> = BTreeMap::new();
    for r in readings {
        let keys: Vec<String> = std::iter::once(&r.c.url)
            .chain(&r.c.alternates)
            .map(|u| crate::corpus::url_key::key(u))
            .collect();
        let id = keys
            .iter()
            .find_map(|k| rep.get(k).cloned())
            .unwrap_or_else(|| keys[0].clone());
        for k in keys {
            rep.entry(k).or_insert_with(|| id.clone());
        }
        work.insert(r.key, id);
    }
    // Titles under one name before a colon ("Compiling with Continuations: Continued" beside
    // "Compiling with Continuations") may be one work's forms, which the writer folds: counted
    // once, a topic's share errs high, never low.
    let mut named: BTreeMap<String, String> = BTreeMap::new();
    for r in readings {
        let head =
            r.c.title
                .split(':')
                .next()
                .unwrap_or("")
                .trim()
                .to_lowercase();
        if head.len() >= 12 {
            let id = named
                .entry(head)
                .or_insert_with(|| work[&r.key].clone())
                .clone();
            work.insert(r.key, id);
        }
    }
    for s in series(readings) {
        let head = work[&readings[s[0]].key].clone();
        for i in s {
            work.insert(readings[i].key, head.clone());
        }
    }
    let links = |keys: &mut dyn Iterator<Item = &Key>| -> usize {
        let mut urls: Vec<&str> = keys
            .filter_map(|k| work.get(k).map(String::as_str))
            .collect();
        urls.sort_unstable();
        urls.dedup();
        urls.len()
    };
    loop {
        let filed = links(&mut topics.iter().flat_map(|t| t.members.iter()));
        let limit = (filed as f32 * MAX_SHARE).floor() as usize;
        let Some((t, size)) = topics
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.further)
            .map(|(i, t)| (i, links(&mut t.members.iter())))
            .filter(|(_, n)| *n > limit.max(1))
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        else {
            return;
        };
        let name: Vec<String> = super::terms(&topics[t].title);
        let name_stems: Vec<&str> = name.iter().map(|w| stem(w)).collect();
        let members: Vec<&Reading> = topics[t]
            .members
            .iter()
            .filter_map(|k| by_key.get(k).copied())
            .collect();
        // A sub-theme is a word of the field its titles say beside the topic's name, either
        // side ("optimizing compilers", "compiler optimization"): (the word's stem, the run's
        // two stems in order).
        let runs = |r: &Reading| -> Vec<(String, String, String)> {
            let gather: Vec<&str> = gathering_stems(r, &field).iter().map(|(s, _)| *s).collect();
            let mut out: Vec<(String, String, String)> = r
                .title_words
                .windows(2)
                .filter_map(|p| {
                    let (a, b) = (stem(&p[0]), stem(&p[1]));
                    let sub = match (name_stems.contains(&a), name_stems.contains(&b)) {
                        (false, true) => a,
                        (true, false) => b,
                        _ => return None,
                    };
                    (gather.contains(&sub) && !own.contains(sub))
                        .then(|| (sub.to_string(), a.to_string(), b.to_string()))
                })
                .collect();
            out.sort();
            out.dedup();
            out
        };
        let mut count: BTreeMap<String, usize> = BTreeMap::new();
        for r in &members {
            let mut subs: Vec<String> = runs(r).into_iter().map(|x| x.0).collect();
            subs.dedup();
            for s in subs {
                *count.entry(s).or_default() += 1;
            }
        }
        let taken: HashSet<String> = topics.iter().map(|x| x.title.to_lowercase()).collect();
        let says = |r: &Reading, s: &str| gathering_stems(r, &field).iter().any(|(x, _)| *x == s);
        let sub = count
            .iter()
            .filter(|(s, n)| {
                **n >= 3
                    && members.iter().filter(|r| says(r, s)).count() * 2 <= members.len()
                    && !tried.contains(&(t, s.to_string()))
            })
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(s, _)| s.clone());
        if let Some(s) = sub.filter(|_| topics.len() < MAX_TOPICS) {
            tried.insert((t, s.clone()));
            let (mine, rest): (Vec<&Reading>, Vec<&Reading>) =
                members.iter().partition(|r| says(r, &s));
            // Named by the run most of its titles say, as they write it ("Optimizing
            // compiler").
            let mut said: BTreeMap<(String, String), usize> = BTreeMap::new();
            for r in &mine {
                for (x, a, b) in runs(r) {
                    if x == s {
                        *said.entry((a, b)).or_default() += 1;
                    }
                }
            }
            let Some((run, _)) = said
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            else {
                continue;
            };
            let saying: Vec<&Reading> = mine
                .iter()
                .copied()
                .filter(|r| {
                    r.title_words
                        .windows(2)
                        .any(|p| stem(&p[0]) == run.0 && stem(&p[1]) == run.1)
                })
                .collect();
            let Some(title) =
                shared_phrase(&saying, &s).filter(|x| !taken.contains(&x.to_lowercase()))
            else {
                continue;
            };
            let origin = format!(
                "readings of \"{}\" whose titles say \"{}\"",
                plain(&topics[t].title),
                plain(&title)
            );
            let keys: Vec<Key> = mine.iter().map(|r| r.key).collect();
            topics[t].members = rest.iter().map(|r| r.key).collect();
            retell(&mut topics[t], &rest);
            topics.push(titled_topic(title, origin, keys, &mine));
            continue;
        }
        // No sub-theme to split by: the readings that say least of the topic's theme (its
        // name, then its keywords) leave for the inbox, the list's later ones first.
        let theme: Vec<String> = topics[t]
            .keywords
            .iter()
            .flat_map(|k| super::terms(k))
            .collect();
        let mut ranked: Vec<(bool, usize, usize, Key)> = members
            .iter()
            .map(|r| {
                let said = super::distinct(&r.title_words);
                (
                    says_name(r, &name),
                    said.iter()
                        .filter(|w| theme.iter().any(|x| x == **w))
                        .count(),
                    usize::MAX - r.order,
                    r.key,
                )
            })
            .collect();
        ranked.sort();
        // Each reading sent away leaves one fewer filed: out of m, x must go for
        // m - x <= share * (filed - x).
        let m = size as f32;
        let need = ((m - MAX_SHARE * filed as f32) / (1.0 - MAX_SHARE))
            .ceil()
            .max(1.0) as usize;
        let away: Vec<Key> = ranked.iter().take(need).map(|x| x.3).collect();
        topics[t].members.retain(|k| !away.contains(k));
        let rest: Vec<&Reading> = members
            .iter()
            .copied()
            .filter(|r| !away.contains(&r.key))
            .collect();
        retell(&mut topics[t], &rest);
        inbox.extend(away.into_iter().map(|k| {
            (
                k,
                "shares least of the theme of a topic that held more than 30% of the readings filed"
                    .to_string(),
            )
        }));
    }
}

/// A topic named by one thing (a format, a product: "JSON") half of whose readings say one
/// act of the field ("Writing a simple JSON parser", "partial JSON parsing") is about that
/// act: it is named after it ("Parsing"), and the left-over readings (further reading,
/// inbox) that say it join, never past the share limit. A teacher teaches parsing; JSON is
/// its example. An act is a word its readings say in its "-ing" form, whose doer ("parser")
/// the list names too.
fn subject_over_tag(readings: &[Reading], topics: &mut Vec<Topic>, inbox: &mut Vec<(Key, String)>) {
    let field = field_of(readings);
    let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    let cap = if readings.len() < TINY {
        readings.len()
    } else {
        (readings.len() as f32 * MAX_SHARE).floor() as usize
    };
    let says = |r: &Reading, s: &str| gathering_stems(r, &field).iter().any(|(x, _)| *x == s);
    for t in 0..topics.len() {
        if topics[t].further {
            continue;
        }
        let words = super::terms(&topics[t].title);
        let [name] = words.as_slice() else {
            continue;
        };
        let rs: Vec<&Reading> = topics[t]
            .members
            .iter()
            .filter_map(|k| by_key.get(k).copied())
            .collect();
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &rs {
            for (s, _) in gathering_stems(r, &field) {
                *count.entry(s).or_default() += 1;
            }
        }
        let act = count
            .iter()
            .filter(|(s, n)| **s != stem(name) && **n >= 3 && **n * 2 >= rs.len())
            .filter_map(|(s, n)| {
                let form = rs
                    .iter()
                    .flat_map(|r| r.title_words.iter())
                    .find(|w| stem(w) == *s && w.ends_with("ing"))?;
                let doer = readings.iter().any(|r| {
                    r.title_words
                        .iter()
                        .any(|x| stem(x) == *s && (x.ends_with("er") || x.ends_with("or")))
                });
                let weighty = field.weight(form).is_some_and(|x| x >= super::NAME_WEIGHT);
                (doer && weighty).then(|| (*n, s.to_string(), form.clone()))
            })
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let Some((_, s, form)) = act else {
            continue;
        };
        let title = super::capitalise(&super::word_as_written(&rs, &form).unwrap_or(form));
        // A topic already named by the act ("Parser") keeps it; two topics of one name are
        // none.
        if topics.iter().any(|o| {
            super::terms(&o.title)
                .iter()
                .any(|w| stem(w) == s || *w == title.to_lowercase())
        }) {
            continue;
        }
        let about = rs
            .iter()
            .filter(|r| says(r, &s))
            .copied()
            .collect::<Vec<_>>();
        topics[t].origin = format!(
            "readings whose titles name \"{}\" (first clustered as \"{}\")",
            plain(&title),
            plain(&topics[t].title)
        );
        topics[t].summary = describe(&about, &[title.to_lowercase()]);
        topics[t].keywords.insert(0, title.to_lowercase());
        topics[t].title = title;
        // Left-over readings that say the act join it, in the list's order.
        let mut room = cap.saturating_sub(topics[t].members.len());
        let mut moved: Vec<Key> = Vec::new();
        for further in topics.iter_mut().filter(|o| o.further) {
            further.members.retain(|k| {
                let join = room > 0 && by_key.get(k).is_some_and(|r| says(r, &s));
                if join {
                    room -= 1;
                    moved.push(*k);
                }
                !join
            });
        }
        inbox.retain(|(k, _)| {
            let join = room > 0 && by_key.get(k).is_some_and(|r| says(r, &s));
            if join {
                room -= 1;
                moved.push(*k);
            }
            !join
        });
        topics[t].members.extend(moved);
    }
    // Further reading the act emptied is no topic.
    topics.retain(|t| !(t.further && t.members.is_empty()));
}

/// A reading left over (in the inbox or the further reading) whose title says the name of
/// one topic, every word of it, a name of the field among them ("Raft" in "Formal
/// specification for Raft", "akka-raft source code"; "Interpreter" in "Interpreting Go"),
/// or one whose author wrote half of one topic's readings, belongs to that topic, not beside
/// it.
fn named_home(readings: &[Reading], topics: &mut [Topic], inbox: &mut Vec<(Key, String)>) {
    let field = field_of(readings);
    let names: Vec<Vec<String>> = topics
        .iter()
        .map(|t| {
            if t.further {
                return Vec::new();
            }
            let words: Vec<String> = super::terms(&t.title)
                .into_iter()
                .filter(|w| !crate::import::domain::common_english(w))
                .collect();
            // A name of the field, a thing ("Globally distributed databases": how, not what,
            // names no home).
            let named = words
                .iter()
                .any(|w| field.weight(w).is_some_and(|x| x >= BY_WORD_WEIGHT) && noun_like(w));
            if named {
                words
            } else {
                Vec::new()
            }
        })
        .collect();
    let count = topics.len();
    let cap = if readings.len() < TINY {
        readings.len()
    } else {
        (readings.len() as f32 * MAX_SHARE).floor() as usize
    };
    let mut size: Vec<usize> = topics.iter().map(|t| t.members.len()).collect();
    let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    let last = |a: &String| {
        a.split([' ', ','])
            .rfind(|p| p.len() > 1)
            .map(str::to_lowercase)
    };
    // Each topic's authors, with how many of its readings each wrote.
    let authored: Vec<BTreeMap<String, usize>> = topics
        .iter()
        .map(|t| {
            let mut m: BTreeMap<String, usize> = BTreeMap::new();
            if t.further {
                return m;
            }
            for r in t.members.iter().filter_map(|k| by_key.get(k)) {
                let mut names: Vec<String> = r.c.authors.iter().filter_map(last).collect();
                names.sort_unstable();
                names.dedup();
                for a in names {
                    *m.entry(a).or_default() += 1;
                }
            }
            m
        })
        .collect();
    let members: Vec<usize> = size.clone();
    // Failing a name, the one topic of three readings or more half of whose readings (two at
    // least) one of its authors wrote (a pair of one author's is too little to say what else
    // of theirs belongs): an author's series on one system ("Abstraction mechanisms in CLU" beside
    // Liskov's Argus papers, Black's "location independent invocation" beside Emerald).
    let by_author = |r: &Reading| -> Option<usize> {
        let mine: Vec<String> = r.c.authors.iter().filter_map(last).collect();
        let mut theirs = (0..count).filter(|&t| {
            mine.iter().any(|a| {
                authored[t]
                    .get(a)
                    .is_some_and(|&n| n >= 2 && n * 2 >= members[t] && members[t] >= 3)
            })
        });
        let first = theirs.next()?;
        theirs.next().is_none().then_some(first)
    };
    let home = |r: &Reading| -> Option<usize> {
        // A doer in "-or" says its act: "Garbage Collector" names garbage collection.
        let said: Vec<&str> = r.title_words.iter().map(|w| act_root(w)).collect();
        // Every word of the name, not one ("Parsing my own handwriting" is no reading on
        // parser combinators). Of two topics it names, the one named by the rarer word
        // ("Raft" over "formal" in "Formal specification for Raft"); a tie is no evidence.
        let mut named: Vec<(f32, usize)> = (0..count)
            .filter(|&t| !names[t].is_empty())
            .filter(|&t| names[t].iter().all(|w| said.contains(&act_root(w))))
            .filter_map(|t| {
                names[t]
                    .iter()
                    .filter_map(|w| field.weight(w))
                    .max_by(f32::total_cmp)
                    .map(|x| (x, t))
            })
            .collect();
        named.sort_by(|a, b| b.0.total_cmp(&a.0));
        match named.as_slice() {
            [] => by_author(r),
            [(_, t)] => Some(*t),
            [(a, t), (b, _), ..] => (a - b >= 1.0).then_some(*t),
        }
    };
    let mut moved: Vec<(Key, usize)> = Vec::new();
    // No topic grows past the share limit by it.
    let mut room = |t: usize| {
        let ok = size[t] < cap;
        if ok {
            size[t] += 1;
        }
        ok
    };
    inbox.retain(
        |(k, _)| match by_key.get(k).and_then(|r| home(r)).filter(|&t| room(t)) {
            Some(t) => {
                moved.push((*k, t));
                false
            }
            None => true,
        },
    );
    if let Some(f) = topics.iter().position(|t| t.further) {
        let members = std::mem::take(&mut topics[f].members);
        for k in members {
            match by_key.get(&k).and_then(|r| home(r)).filter(|&t| room(t)) {
                Some(t) => moved.push((k, t)),
                None => topics[f].members.push(k),
            }
        }
    }
    for (k, t) in moved {
        topics[t].members.push(k);
    }
}

/// A word's [`root`] without the ending of a doer in "-or" ("collector", "allocator"): it
/// names the act of its "-ion" ("collection", "allocation"). Only where a topic's sense is
/// checked ([`sense_home`]), not for gathering topics.
fn act_root(w: &str) -> &str {
    for end in ["ators", "ator", "ors", "or"] {
        if let Some(s) = w.strip_suffix(end) {
            if s.len() >= 4 {
                return s;
            }
        }
    }
    root(w)
}

/// A title less the last bracketed part ("(Extended Version)", "[slides]"), letters and
/// digits only: the same work under another form says it.
fn work_key(title: &str) -> String {
    the_work(title)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A title less its last bracketed part, which names a form of the work ("(Extended
/// Version)"), when a title is left.
fn the_work(title: &str) -> &str {
    let t = title.trim_end();
    match (t.ends_with([')', ']']), t.rfind(['(', '['])) {
        (true, Some(i)) if t[..i].trim_end().len() >= 12 => t[..i].trim_end(),
        _ => t,
    }
}

/// How many of a topic's readings saying a word of its name must stand against each other
/// reading saying it for the list to use the word in the topic's sense: one "garbage day"
/// in five readings saying "garbage" is a coincidence, one in eight is the list's sense.
const SENSE_SHARE: usize = 6;

/// A reading left in the inbox that a topic's readings name, by the list's own use of words,
/// belongs there:
/// - the same work in another form ("In Search of an Understandable Consensus Algorithm"
///   beside its "(Extended Version)"): the writer folds the two into one link, which must
///   not wait in the inbox while the topic's summary cites it;
/// - its title says a word of the topic's name (as the act its doer names: "collector" for
///   "collection") that the list says almost only in that topic (three of its readings at
///   least, and seven in eight of all its readings saying it, the inbox's too): "Iterated Register
///   Coalescing" beside nine readings on register allocation, "C4: the Continuously
///   Concurrent Compacting Collector" beside a garbage-collection topic. Where the word also
///   means something else in the list (a compiler "collection"), it places nothing;
/// - its title says two other terms of the topic in that sense: words of the field, not
///   everyday English, three of its readings say ("New Methods to Color the Vertices of a
///   Graph" beside register allocation "via Graph Coloring"); one is a coincidence;
/// - its title writes the initials of a name of two words or more in capitals ("GC").
///
/// Of two topics named so, none; never past the share limit.
fn sense_home(readings: &[Reading], topics: &mut [Topic], inbox: &mut Vec<(Key, String)>) {
    let field = field_of(readings);
    let cap = if readings.len() < TINY {
        readings.len()
    } else {
        (readings.len() as f32 * MAX_SHARE).floor() as usize
    };
    let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    let mut home_of: BTreeMap<Key, usize> = BTreeMap::new();
    for (t, topic) in topics.iter().enumerate().filter(|(_, t)| !t.further) {
        for k in &topic.members {
            home_of.insert(*k, t);
        }
    }
    let roots = |r: &Reading| -> Vec<String> {
        let mut v: Vec<String> = r
            .title_words
            .iter()
            .map(|w| act_root(w).to_string())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    // Each topic's words in its own sense (as roots), and its initials.
    let mut sense: Vec<Vec<String>> = Vec::new();
    let mut theme_sense: Vec<Vec<String>> = Vec::new();
    let mut initials: Vec<Option<String>> = Vec::new();
    for (t, topic) in topics.iter().enumerate() {
        let name: Vec<String> = super::terms(&topic.title);
        initials.push(
            (!topic.further
                && name.len() >= 2
                && name.len() == topic.title.split_whitespace().count())
            .then(|| {
                name.iter()
                    .filter_map(|w| w.chars().next())
                    .flat_map(char::to_uppercase)
                    .collect::<String>()
            }),
        );
        let mut own = Vec::new();
        for w in name.iter().filter(|w| {
            // An everyday word ("register") may name a topic in the list's sense: the
            // share below decides.
            !topic.further && !super::TITLE_FORM.contains(&w.as_str()) && field.weight(w).is_some()
        }) {
            let r = act_root(w).to_string();
            // Left-over readings count: a word the inbox says as often is no topic's.
            let saying: Vec<Option<usize>> = readings
                .iter()
                .filter(|x| roots(x).contains(&r))
                .map(|x| home_of.get(&x.key).copied())
                .collect();
            let here = saying.iter().filter(|&&h| h == Some(t)).count();
            if here >= 3 && (saying.len() - here) * SENSE_SHARE <= here {
                own.push(r);
            }
        }
        sense.push(own);
        // Its other terms in its own sense: words of the field (not everyday English) three
        // of its titles say, by the same share of the filed readings saying them.
        let mut terms: Vec<String> = Vec::new();
        if !topic.further {
            let mut counted: BTreeMap<String, usize> = BTreeMap::new();
            for r in topic.members.iter().filter_map(|k| by_key.get(k)) {
                for w in super::distinct(&r.title_words) {
                    if w.len() >= 4
                        && field.weight(w).is_some_and(|x| x >= BY_WORD_WEIGHT)
                        && !crate::import::domain::common_english(w)
                        && !super::TITLE_FORM.contains(&w)
                    {
                        *counted.entry(act_root(w).to_string()).or_default() += 1;
                    }
                }
            }
            for (r, n) in counted {
                // A word of the name is judged above, the inbox counting against it.
                if n < 3 || name.iter().any(|w| act_root(w) == r) {
                    continue;
                }
                // Against it count the other topics' readings only: two terms said together
                // are no coincidence the inbox could hold.
                let saying = readings.iter().filter(|x| roots(x).contains(&r));
                let (here, elsewhere) =
                    saying.fold((0, 0), |(h, e), x| match home_of.get(&x.key) {
                        Some(&h2) if h2 == t => (h + 1, e),
                        Some(_) => (h, e + 1),
                        None => (h, e),
                    });
                if here >= 3 && elsewhere * SENSE_SHARE <= here {
                    terms.push(r);
                }
            }
        }
        theme_sense.push(terms);
    }
    let works: BTreeMap<String, usize> = home_of
        .iter()
        .filter_map(|(k, &t)| by_key.get(k).map(|r| (work_key(&r.c.title), t)))
        .filter(|(w, _)| w.len() >= 12)
        .collect();
    let mut size: Vec<usize> = topics.iter().map(|t| t.members.len()).collect();
    let mut moved: Vec<(Key, usize)> = Vec::new();
    inbox.retain(|(k, _)| {
        let Some(r) = by_key.get(k) else { return true };
        let home = works.get(&work_key(&r.c.title)).copied().or_else(|| {
            let said = roots(r);
            let caps: Vec<&str> =
                r.c.title
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
                    .collect();
            let mut named = (0..topics.len()).filter(|&t| {
                sense[t].iter().any(|w| said.contains(w))
                    || theme_sense[t].iter().filter(|w| said.contains(w)).count() >= 2
                    || initials[t].as_deref().is_some_and(|i| caps.contains(&i))
            });
            let first = named.next()?;
            named.next().is_none().then_some(first)
        });
        match home.filter(|&t| size[t] < cap) {
            Some(t) => {
                size[t] += 1;
                moved.push((*k, t));
                false
            }
            None => true,
        }
    });
    for (k, t) in moved {
        topics[t].members.push(k);
    }
}

/// A word without the ending that makes it a doer, an act or a plural: "interpreting" and
/// "interpreter" name one thing ("interpret"), as "compilation" and "compiler" do.
fn stem(w: &str) -> &str {
    for end in [
        "ations", "ation", "ings", "ing", "ers", "er", "ed", "ions", "ion", "s",
    ] {
        if let Some(s) = w.strip_suffix(end) {
            if s.len() >= 4 {
                return s;
            }
        }
    }
    w
}

/// A like course's topic title cut to the parts its draft readings support: "Raft, and a
/// key/value service built on it" over Raft papers and implementations, none on a key/value
/// service, is "Raft". A part is supported when a member's title says one of its words; the
/// whole title stays when no part is.
fn supported(title: &str, members: &[&Reading]) -> String {
    let parts: Vec<&str> = title.split(", and ").collect();
    if parts.len() < 2 {
        return title.to_string();
    }
    let kept: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| {
            super::terms(p)
                .iter()
                .any(|w| members.iter().any(|r| r.title_words.contains(w)))
        })
        .collect();
    if kept.is_empty() || kept.len() == parts.len() {
        return title.to_string();
    }
    kept.join(", and ")
}

fn copy<'a>(r: &Reading<'a>) -> Reading<'a> {
    Reading {
        key: r.key,
        c: r.c,
        order: r.order,
        words: r.words.clone(),
        title_words: r.title_words.clone(),
        year: r.year,
        intro: r.intro,
    }
}

/// Fewest readings a like course's topic must be given to become a draft topic.
const SEED_LEAST: usize = 3;

/// Topics a like course names: each reading the import suggester files under one of the
/// course's topics with confidence (its own decision: score above the floor, ahead of the
/// second) goes there, and a course topic given [`SEED_LEAST`] readings or more (and no more
/// than [`MAX_SHARE`] of them) becomes a draft topic under the course's title, described from the draft's own readings. The
/// course's topics are a teacher's cut of the field: where the list's readings fall into
/// them, a curator keeps them rather than clusters of shared words. Returns the topics and
/// the indices of the readings left to cluster.
fn seed(readings: &[Reading], course: &Course) -> (Vec<Topic>, Vec<usize>) {
    let suggester = crate::import::suggest::Suggester::new(course);
    let mut filed: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut rest = Vec::new();
    for (i, r) in readings.iter().enumerate() {
        let s = suggester.suggest(r.c);
        match s
            .topic
            .and_then(|id| course.topics.iter().position(|t| t.id.as_str() == id))
        {
            Some(t) => filed.entry(t).or_default().push(i),
            None => rest.push(i),
        }
    }
    let df = document_frequency(readings);
    let field = field_of(readings);
    let forms = surface_forms(readings);
    let mut topics = Vec::new();
    // Course topics given too few readings each, by the course's stage: a stage's few
    // readings together (FLP, failure detectors, network failures) are its subject.
    let mut by_stage: BTreeMap<usize, Vec<(usize, Vec<usize>)>> = BTreeMap::new();
    let mut cuts: Vec<(String, String, Vec<String>, Vec<usize>)> = Vec::new();
    for (t, members) in filed {
        // A course topic that would hold more than the share limit is too coarse a cut for
        // this list (a list on programming models is all "programming models"): its
        // readings are clustered with the rest, which the limit governs.
        let too_coarse =
            readings.len() >= TINY && members.len() as f32 > MAX_SHARE * readings.len() as f32;
        let ct = &course.topics[t];
        if members.len() < SEED_LEAST && !too_coarse {
            match course
                .stages
                .iter()
                .position(|s| Some(&s.id) == ct.stage.as_ref())
            {
                Some(s) => by_stage.entry(s).or_default().push((t, members)),
                None => rest.extend(members),
            }
            continue;
        }
        if too_coarse {
            rest.extend(members);
            continue;
        }
        cuts.push((
            ct.title.clone(),
            format!("its topic \"{}\"", plain(&ct.title)),
            ct.keywords.clone(),
            members,
        ));
    }
    for (s, parts) in by_stage {
        let n: usize = parts.iter().map(|p| p.1.len()).sum();
        // Two course topics agreeing on a stage are evidence enough for two readings.
        let too_coarse = readings.len() >= TINY && n as f32 > MAX_SHARE * readings.len() as f32;
        if parts.len() < 2 || n < 2 || too_coarse {
            rest.extend(parts.into_iter().flat_map(|p| p.1));
            continue;
        }
        let stage = &course.stages[s];
        let mut members: Vec<usize> = parts.iter().flat_map(|p| p.1.iter().copied()).collect();
        members.sort_unstable();
        let keywords = parts
            .iter()
            .flat_map(|p| course.topics[p.0].keywords.iter().cloned())
            .collect();
        cuts.push((
            stage.title.clone(),
            format!("the topics of its stage \"{}\"", plain(&stage.title)),
            keywords,
            members,
        ));
    }
    for (title, whose, course_keywords, members) in cuts {
        let rs: Vec<&Reading> = members.iter().map(|i| &readings[*i]).collect();
        let mut keywords = theme(&rs, readings, &df, &field, &forms);
        if keywords.is_empty() {
            keywords = course_keywords.iter().take(3).cloned().collect();
        }
        topics.push(Topic {
            id: String::new(),
            title: plain(&supported(&title, &rs)),
            summary: describe(&rs, &keywords),
            origin: format!(
                "readings the course \"{}\" would file under {whose}",
                plain(&course.title),
            ),
            keywords: course_keywords,
            intro: rs.iter().filter(|r| r.intro).count() * 2 > rs.len(),
            members: rs.iter().map(|r| r.key).collect(),
            requires: Vec::new(),
            stage: 0,
            further: false,
        });
    }
    rest.sort_unstable();
    (topics, rest)
}

/// The words a group's readings share that say what it is about, most telling first (as
/// the list writes them): used by two of its titles at least, of the list's field, never an
/// everyday English word or a title's way of saying things.
fn theme(
    members: &[&Reading],
    all: &[Reading],
    df: &BTreeMap<String, usize>,
    field: &crate::import::domain::Field,
    forms: &BTreeMap<String, String>,
) -> Vec<String> {
    let n = all.len().max(1) as f32;
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for r in members {
        for w in super::distinct(&r.title_words) {
            *count.entry(w).or_default() += 1;
        }
    }
    let mut ws: Vec<(&str, f32)> = count
        .into_iter()
        .filter(|(w, c)| {
            *c >= 2
                && w.len() >= 3
                && !crate::import::domain::common_english(w)
                && !super::TITLE_FORM.contains(w)
                && field.weight(w).is_some_and(|x| x >= 1.5)
        })
        .map(|(w, c)| {
            let idf = (n / df.get(w).copied().unwrap_or(1).max(1) as f32)
                .ln()
                .max(0.05);
            (w, c as f32 * idf)
        })
        .collect();
    ws.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    ws.into_iter()
        // "generalized", "replicated": how something is, not what the readings are about.
        .filter(|(w, _)| noun_like(w))
        .take(3)
        .map(|(w, _)| {
            proper(members, w)
                .or_else(|| forms.get(w).cloned())
                .unwrap_or_else(|| w.to_string())
        })
        .collect()
}

/// `w` as the group's titles write it when it is a name: every title written in sentence
/// case (fewer than half its words capitalised) that says it gives it a capital ("Paxos",
/// "RocksDB"), and at least one does. Title Case says nothing of names.
fn proper(members: &[&Reading], w: &str) -> Option<String> {
    let mut shown = None;
    for r in members {
        let words: Vec<&str> =
            r.c.title
                .split(|c: char| !c.is_alphanumeric())
                .filter(|t| !t.is_empty())
                .collect();
        let capitals = words
            .iter()
            .filter(|t| t.chars().next().is_some_and(char::is_uppercase))
            .count();
        if capitals * 2 >= words.len() {
            continue;
        }
        for t in words
            .iter()
            .filter(|t| crate::import::domain::normal(t).as_deref() == Some(w))
        {
            if !t.chars().next().is_some_and(char::is_uppercase) {
                return None;
            }
            shown.get_or_insert_with(|| t.to_string());
        }
    }
    shown
}

/// A work as a summary names it: `Lamport's "Paxos Made Simple" (2001)`.
fn cite(r: &Reading) -> String {
    let last = |a: &str| {
        a.split(',')
            .next()
            .filter(|_| a.contains(','))
            .map(str::to_string)
            .unwrap_or_else(|| a.split_whitespace().last().unwrap_or("").to_string())
    };
    let who = match r.c.authors.as_slice() {
        [] => String::new(),
        [a] => format!("{}'s ", plain(&last(a))),
        [a, b] => format!("{} and {}'s ", plain(&last(a)), plain(&last(b))),
        [a, ..] => format!("{} et al.'s ", plain(&last(a))),
    };
    let year = r.year.map(|y| format!(" ({y})")).unwrap_or_default();
    // The writer folds a work's forms into one link under either title: the work's own
    // title names it in both.
    let title = the_work(&r.c.title);
    format!("{who}\"{}\"{year}", plain(&super::short(title, 70)))
}

/// One sentence on what a topic's readings cover, said from them: the words they share and
/// two or three representative works (those whose titles say most of those words; the
/// list's order breaks ties). No count: the import may fold a series into one link, and a
/// summary must stay true of the file.
fn describe(members: &[&Reading], theme: &[String]) -> String {
    let words: Vec<String> = theme.iter().flat_map(|t| super::terms(t)).collect();
    let mut ranked: Vec<&&Reading> = members.iter().collect();
    ranked.sort_by_key(|r| {
        let said = words.iter().filter(|w| r.title_words.contains(w)).count();
        (std::cmp::Reverse(said), r.order)
    });
    // Two forms of one work are one link in the file: cited once.
    let mut works: Vec<String> = Vec::new();
    for r in &ranked {
        let c = cite(r);
        if works.len() < 3 && !works.contains(&c) {
            works.push(c);
        }
    }
    let about = match theme {
        [] => String::new(),
        [a] => format!(" on {}", plain(a)),
        [rest @ .., last] => format!(
            " on {} and {}",
            rest.iter().map(|x| plain(x)).collect::<Vec<_>>().join(", "),
            plain(last)
        ),
    };
    let list = match works.as_slice() {
        [] => String::new(),
        [a] => a.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    format!("Readings{about}, among them {list}.")
}

/// Whether a one-word name reads as a thing a topic can be about: not a participle or an
/// adjective by its ending ("Replicated", "Interpreting", "Scalable", "Highly"), which says
/// how something is, not what. Names of systems and acronyms ("Raft", "JSON") pass.
fn noun_like(word: &str) -> bool {
    let w = word.to_lowercase();
    let acronym = word.len() >= 2
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    acronym
        || !["ed", "ing", "able", "ible", "ly", "ive", "ous", "ful"]
            .iter()
            .any(|end| w.len() > end.len() + 2 && w.ends_with(end))
}

/// `w` with the one or two words that follow it in most of the group's titles that say it,
/// as the first such title writes them ("Replicated Data Types"), when at least two do.
fn continued(group: &[&Reading], w: &str) -> Option<String> {
    let saying: Vec<&&Reading> = group
        .iter()
        .filter(|r| r.title_words.iter().any(|x| x == w))
        .collect();
    let mut phrase: Vec<String> = vec![w.to_string()];
    for _ in 0..2 {
        let mut next: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &saying {
            let t = &r.title_words;
            if let Some(i) = (0..t.len()).find(|&i| t[i..].starts_with(&phrase)) {
                if let Some(n) = t.get(i + phrase.len()) {
                    *next.entry(n.as_str()).or_default() += 1;
                }
            }
        }
        match next
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        {
            Some((n, c)) if c >= 2 && c * 2 >= saying.len() => phrase.push(n.to_string()),
            _ => break,
        }
    }
    if phrase.len() < 2 {
        return None;
    }
    as_written(&saying, &phrase)
}

/// `phrase` (words by [`super::terms`]) as the first of `saying` whose title says it writes it.
fn as_written(saying: &[&&Reading], phrase: &[String]) -> Option<String> {
    // As a title writes it: the words in order, each as that title spells it.
    saying.iter().find_map(|r| {
        let raw: Vec<&str> =
            r.c.title
                .split(|c: char| !c.is_alphanumeric())
                .filter(|t| !t.is_empty())
                .collect();
        let normal: Vec<Option<String>> = raw
            .iter()
            .map(|t| crate::import::domain::normal(t))
            .collect();
        (0..raw.len()).find_map(|i| {
            let mut out = Vec::new();
            let mut j = i;
            for (at, p) in phrase.iter().enumerate() {
                // Stop words `terms` drops may stand between two words of the phrase.
                while at > 0 && j < raw.len() && normal[j].is_none() {
                    out.push(raw[j]);
                    j += 1;
                }
                if normal.get(j)?.as_deref() != Some(p.as_str()) {
                    return None;
                }
                out.push(raw[j]);
                j += 1;
            }
            Some(super::capitalise(&out.join(" ")))
        })
    })
}

/// The readings of `rs` whose titles say `name` (words by [`super::terms`]) side by side,
/// with where it starts.
fn saying<'a, 'r>(rs: &'a [&'a Reading<'r>], name: &[String]) -> Vec<(&'a &'a Reading<'r>, usize)> {
    rs.iter()
        .filter_map(|r| {
            let t = &r.title_words;
            (0..t.len())
                .find(|&i| t[i..].starts_with(name))
                .map(|i| (r, i))
        })
        .collect()
}

/// Whether a cluster's hyphenated name is no subject: one title's fragment when fewer than two
/// or than a third of the readings say it ("Garbage-Collector-Safe" over 17 papers on
/// collectors), or a property when every title saying it ends a clause with it, as a
/// predicate ("MOV is Turing-Complete", "Accidentally Turing Complete"); before a noun a
/// compound names a kind of thing ("log-structured file system", "log-structured memory").
fn fragment(rs: &[&Reading], title: &str, name: &[String]) -> bool {
    if name.len() < 2 || !title.contains('-') {
        return false;
    }
    let saying = saying(rs, name);
    let ends_clause = |r: &Reading| {
        r.c.title
            .split([',', ':', ';', '(', ')', '!', '?', '.'])
            .any(|clause| super::terms(clause).ends_with(name))
    };
    saying.len() < 2 || saying.len() * 3 < rs.len() || saying.iter().all(|(r, _)| ends_clause(r))
}

/// The longer phrase a clipped name's titles go on to say: "Conservative Garbage Collection"
/// for "Conservative Garbage", "Distributed shared memory" for "Distributed shared" over
/// "distributed shared memory" and "distributed shared persistent memory": the word most
/// titles saying the name go on with, directly or after one more word. Only the name changes,
/// once the members are settled: a longer name must not draw in whatever says its last word.
fn longer_name(rs: &[&Reading], title: &str) -> Option<String> {
    let name = &super::terms(title)[..];
    if name.len() < 2 {
        return None;
    }
    let saying = saying(rs, name);
    let mut next: BTreeMap<&str, usize> = BTreeMap::new();
    for (r, i) in &saying {
        let mut after: Vec<&str> = r
            .title_words
            .iter()
            .skip(i + name.len())
            .take(2)
            .map(String::as_str)
            .collect();
        after.sort_unstable();
        after.dedup();
        for w in after {
            *next.entry(w).or_default() += 1;
        }
    }
    let (w, _) = next
        .into_iter()
        .filter(|(w, c)| *c >= 2 && c * 2 > saying.len() && !super::TITLE_FORM.contains(w))
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))?;
    let phrase: Vec<String> = name.iter().cloned().chain([w.to_string()]).collect();
    let saying: Vec<&&Reading> = saying.iter().map(|(r, _)| *r).collect();
    // The name as it was ("key-value" keeps its hyphen), then the word as a title writes it.
    let written = as_written(&saying, &phrase)?;
    let added = written.rsplit(' ').next()?;
    Some(format!("{title} {added}"))
}

/// Cluster-named topics (see [`cluster_text`]) with a clipped name get the phrase their titles
/// say (see [`longer_name`]), unless the word added is in another topic's name: "Distributed
/// shared memory" beside "Memory Allocation" would blur which subject a title's "memory" says,
/// the evidence prerequisites rest on.
fn unclip(readings: &[Reading], topics: &mut [Topic]) {
    for i in 0..topics.len() {
        if !topics[i].origin.starts_with("a cluster of readings") {
            continue;
        }
        let rs: Vec<&Reading> = topics[i]
            .members
            .iter()
            .filter_map(|k| readings.iter().find(|r| r.key == *k))
            .collect();
        let Some(longer) = longer_name(&rs, &topics[i].title) else {
            continue;
        };
        let added = super::terms(&longer).pop().unwrap_or_default();
        if topics
            .iter()
            .all(|t| t.title.to_lowercase() != longer.to_lowercase())
            && topics
                .iter()
                .enumerate()
                .all(|(j, t)| j == i || !super::terms(&t.title).contains(&added))
        {
            topics[i].title = longer;
        }
    }
}

/// Whether `r`'s title says a group's name: its one word; both words of a two-word name
/// (by [`root`]), since each qualifies the other and one alone says another thing ("The
/// Witchcraft Compiler Collection" is no reading on garbage collection, a Common Lisp book
/// review none on a Lisp compiler); any word of a longer name, which joins several subjects
/// ("Time, clocks and snapshots").
fn says_name(r: &Reading, name: &[String]) -> bool {
    match name {
        [] => false,
        [_, _] => name
            .iter()
            .all(|n| r.title_words.iter().any(|x| x == n || root(x) == root(n))),
        _ => r.title_words.iter().any(|x| name.contains(x)),
    }
}

/// The thing a two-word name names, when more of the group's works (a series is one) say it
/// without the qualifier than with it: "Writing a simple Python compiler" and "Favorite
/// compiler resources" beside one Lisp-compiler series make "Lisp compiler" a "Compiler"
/// topic. The qualifier must be a name of the field ("Lisp"), the thing a word of it, not
/// everyday English; the qualifier's own readings (a Common Lisp book review) then fit by
/// their theme or leave.
fn head_name(
    rs: &[&Reading],
    name: &[String],
    field: &crate::import::domain::Field,
) -> Option<String> {
    let [q, head] = name else { return None };
    let named = field.weight(q).is_some_and(|x| x >= super::NAME_WEIGHT)
        && field.weight(head).is_some_and(|x| x >= BY_WORD_WEIGHT)
        && !crate::import::domain::common_english(head);
    if !named {
        return None;
    }
    let says = |r: &Reading, w: &str| r.title_words.iter().any(|x| root(x) == root(w));
    let works = |with_q: bool| {
        let mut stems: Vec<String> = rs
            .iter()
            .filter(|r| says(r, head) && says(r, q) == with_q)
            .map(|r| {
                super::series::title_part(&r.c.title)
                    .map_or_else(|| r.c.title.to_lowercase(), |(stem, _)| stem)
            })
            .collect();
        stems.sort();
        stems.dedup();
        stems.len()
    };
    let (bare, both) = (works(false), works(true));
    let w = super::word_as_written(rs, head)?;
    (bare >= 2 && bare > both && noun_like(&w)).then(|| super::capitalise(&w))
}

/// A word's [`stem`] without a last "e": "compile" and "compiling" say one thing.
fn root(w: &str) -> &str {
    stem(w).trim_end_matches('e')
}

/// Whether `r` shares its group's theme: its title says the group's name ([`says_name`]), or two
/// of the theme's words (a feed's note is the post's opening, which wanders), or it shares an author with two other members (an
/// author's series on one system). One shared word is a coincidence ("design" joins a paper
/// on hardware verification to log-structured storage).
fn fits(r: &Reading, group: &[&Reading], name: &[String], theme: &[String]) -> bool {
    if says_name(r, name) {
        return true;
    }
    let said = super::distinct(&r.title_words)
        .into_iter()
        .filter(|w| theme.iter().any(|t| t == w))
        .count();
    if said >= 2 {
        return true;
    }
    let last = |a: &String| {
        a.split([' ', ','])
            .rfind(|p| p.len() > 1)
            .map(str::to_lowercase)
    };
    let mine: HashSet<String> = r.c.authors.iter().filter_map(last).collect();
    let coauthored = group
        .iter()
        .filter(|o| o.key != r.key)
        .filter(|o| {
            o.c.authors
                .iter()
                .filter_map(last)
                .any(|a| mine.contains(&a))
        })
        .count();
    coauthored >= 2 && said >= 1
}

/// Topics by text of `readings`, and the readings that fit none. `all` is the whole list:
/// a word is distinctive or everyday, a name or not, by the whole list's use of it, not by
/// the part left after a like course took its share ("distributed" names no group of a
/// distributed-systems list). `taken` are titles already used.
fn cluster_text(
    readings: &[Reading],
    all: &[Reading],
    taken_before: &HashSet<String>,
    own: &[String],
) -> (Vec<Topic>, Vec<(Key, String)>) {
    let n = readings.len();
    if n == 0 {
        return (Vec::new(), Vec::new());
    }
    let mut vs = vectors(readings);
    // A series' parts are one work: one vector, their centroid, so they cluster as one.
    for s in series(readings) {
        let c = centroid(&s, &vs);
        for i in s {
            vs[i] = c.clone();
        }
    }
    let target = (n / 6).clamp(
        MIN_TOPICS,
        MAX_TOPICS.saturating_sub(taken_before.len()).max(1),
    );
    let cap = if all.len() < TINY {
        n
    } else {
        ((all.len() as f32 * MAX_SHARE).floor() as usize).clamp(2, n.max(2))
    };
    // A long feed: cluster an even sample pairwise, then the rest joins the nearest cluster.
    let step = n.div_ceil(MAX_PAIRWISE).max(1);
    let sample: Vec<usize> = (0..n).step_by(step).collect();
    let mut clusters = agglomerate(&sample, &vs, target, cap.div_ceil(step).max(2));
    clusters.sort_by_key(|c| (std::cmp::Reverse(c.len()), c.iter().min().copied()));
    let least = if n >= 30 { 3 } else { 2 };
    let mut kept: Vec<Vec<usize>> = clusters
        .iter()
        .filter(|c| c.len() >= least)
        .take(MAX_TOPICS)
        .cloned()
        .collect();
    // A list too scattered to give MIN_TOPICS clusters of `least`: pairs will do.
    if kept.len() < MIN_TOPICS && least > 2 {
        kept = clusters
            .iter()
            .filter(|c| c.len() >= 2)
            .take(MAX_TOPICS)
            .cloned()
            .collect();
    }
    let placed: HashSet<usize> = kept.iter().flatten().copied().collect();
    let centroids: Vec<Vector> = kept.iter().map(|c| centroid(c, &vs)).collect();
    let mut inbox = Vec::new();
    let mut joins: Vec<Vec<usize>> = vec![Vec::new(); kept.len()];
    for i in (0..n).filter(|i| !placed.contains(i)) {
        let best = centroids
            .iter()
            .enumerate()
            .map(|(k, c)| (k, cosine(&vs[i], c)))
            .filter(|(k, _)| kept[*k].len() + joins[*k].len() < cap)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((k, s)) if s >= MIN_JOIN => joins[k].push(i),
            _ => inbox.push((
                readings[i].key,
                "shares too few words with any proposed topic".to_string(),
            )),
        }
    }
    for (c, j) in kept.iter_mut().zip(joins) {
        c.extend(j);
        c.sort_unstable();
    }
    // Topics in the order of their first reading: the list's order is a reading order.
    kept.sort_by_key(|c| c[0]);
    let df = document_frequency(all);
    let field = field_of(all);
    let forms = surface_forms(all);
    let mut taken: HashSet<String> = taken_before.clone();
    // The list's own title names no topic: each of its words, as the list writes it, counts
    // as a name already taken.
    for w in own.iter().flat_map(|t| super::terms(t)) {
        taken.insert(
            forms
                .get(&w)
                .map_or_else(|| w.clone(), |f| f.to_lowercase()),
        );
        taken.insert(w);
    }
    let mut topics = Vec::new();
    let mut scattered: Vec<Key> = Vec::new();
    let mut unnamed: HashSet<String> = HashSet::new();
    for c in kept {
        let rs: Vec<&Reading> = c.iter().map(|i| &readings[*i]).collect();
        // A cluster no phrase or word of its titles names is a coincidence of a few words
        // ("NYC and seoul" over city essays and a Kubernetes post): no theme, so its readings
        // are further reading, not a topic.
        let Some((title, keywords)) = name_group(&rs, all, &df, &field, &forms, &taken) else {
            scattered.extend(rs.iter().map(|r| r.key));
            continue;
        };
        // An adjective names nothing alone; the words most of its titles go on with do
        // ("Replicated" → "Replicated Data Types").
        let title = match super::terms(&title).as_slice() {
            [w] if !noun_like(&title) => continued(&rs, w).unwrap_or(title),
            _ => title,
        };
        let mut name_words = super::terms(&title);
        // A two-word name whose thing more works say without the qualifier than with it
        // names the thing (see [`head_name`]).
        let title = match head_name(&rs, &name_words, &field) {
            Some(head) => {
                name_words = super::terms(&head);
                head
            }
            None => title,
        };
        // A vendor's name ("Apache Hadoop" over HDFS, Kafka and the Cassandra website) says
        // who made the things, not what a teacher teaches about them.
        if name_words
            .first()
            .is_some_and(|w| VENDORS.contains(&w.as_str()))
        {
            scattered.extend(rs.iter().map(|r| r.key));
            continue;
        }
        // A fragment of one title or a predicate names no subject (see [`fragment`]); its
        // words name none either, so nothing later gathers a topic by them.
        if fragment(&rs, &title, &name_words) {
            unnamed.extend(name_words.iter().cloned());
            scattered.extend(rs.iter().map(|r| r.key));
            continue;
        }
        // A one-word name must be a name of the field ("Raft", "Emerald", "JSON"): an
        // ordinary word ("Replicated", "Computing", "Recommend") gathers whatever uses it.
        if let [w] = name_words.as_slice() {
            if field.weight(w).is_none_or(|x| x < super::NAME_WEIGHT) || !noun_like(&title) {
                scattered.extend(rs.iter().map(|r| r.key));
                continue;
            }
        }
        let theme_words: Vec<String> = keywords
            .iter()
            .flat_map(|k| super::terms(k))
            .chain(name_words.iter().cloned())
            .collect();
        // A reading stays only when it shares the cluster's theme, not one incidental word.
        let (rs, out): (Vec<&Reading>, Vec<&Reading>) = rs
            .iter()
            .partition(|r| fits(r, &rs, &name_words, &theme_words));
        // Two readings saying both words of a phrase ("Garbage Collection", "Lisp
        // compiler") name one subject: a topic, though smaller than `least`.
        let pair =
            name_words.len() == 2 && rs.len() >= 2 && rs.iter().all(|r| says_name(r, &name_words));
        if (rs.len() < least && !pair) || rs.len() * 2 < out.len() {
            scattered.extend(rs.iter().chain(&out).map(|r| r.key));
            continue;
        }
        scattered.extend(out.iter().map(|r| r.key));
        let covered = rs
            .iter()
            .filter(|r| r.title_words.iter().any(|w| name_words.contains(w)))
            .count();
        if covered * 3 < rs.len() {
            scattered.extend(rs.iter().map(|r| r.key));
            continue;
        }
        taken.insert(title.to_lowercase());
        let intro = rs.iter().filter(|r| r.intro).count() * 2 > rs.len();
        let about = theme(&rs, all, &df, &field, &forms);
        topics.push(Topic {
            id: String::new(),
            summary: describe(&rs, if about.is_empty() { &keywords } else { &about }),
            origin: format!(
                "a cluster of readings sharing the words {}",
                keywords
                    .iter()
                    .take(3)
                    .map(|k| format!("\"{}\"", plain(k)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            title,
            keywords,
            members: rs.iter().map(|r| r.key).collect(),
            requires: Vec::new(),
            stage: 0,
            further: false,
            intro,
        });
    }
    // A reading left out of its cluster, or whose cluster had no theme, joins the topic whose
    // theme it shares (see [`fits`]), the one whose theme words it says most.
    let themes: Vec<(Vec<String>, Vec<String>)> = topics
        .iter()
        .map(|t| {
            let name = super::terms(&t.title);
            let rs: Vec<&Reading> = t
                .members
                .iter()
                .filter_map(|k| readings.iter().find(|r| r.key == *k))
                .collect();
            let theme: Vec<String> = t
                .keywords
                .iter()
                .chain(theme(&rs, all, &df, &field, &forms).iter())
                .flat_map(|k| super::terms(k))
                .chain(name.iter().cloned())
                .collect();
            (name, theme)
        })
        .collect();
    let mut left = Vec::new();
    for k in scattered {
        let Some(r) = readings.iter().find(|r| r.key == k) else {
            continue;
        };
        let best = topics
            .iter()
            .enumerate()
            .filter(|(i, t)| {
                let group: Vec<&Reading> = t
                    .members
                    .iter()
                    .filter_map(|k| readings.iter().find(|r| r.key == *k))
                    .collect();
                t.members.len() < cap && fits(r, &group, &themes[*i].0, &themes[*i].1)
            })
            .map(|(i, _)| {
                let said = super::distinct(&r.title_words)
                    .into_iter()
                    .filter(|w| themes[i].1.iter().any(|t| t == w))
                    .count();
                (i, said)
            })
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        match best {
            Some((i, _)) => topics[i].members.push(k),
            None => left.push(k),
        }
    }
    // Readings of themeless clusters that a word of the field gathers ("Lisp", "SQLite" over
    // a blog's posts that clustered by "from scratch") are a topic of that word.
    let phrases: Vec<Vec<String>> = topics
        .iter()
        .map(|t| super::terms(&t.title))
        .filter(|n| n.len() == 2)
        .collect();
    let (more, scattered) = by_word(
        all,
        left,
        &field,
        cap,
        (&taken, &unnamed, &phrases),
        topics.len() + taken_before.len(),
    );
    taken.extend(more.iter().map(|t| t.title.to_lowercase()));
    topics.extend(more);
    // What no word gathers, a subject's forms together may ("Parsing Techniques", "Pratt
    // Parsers"), or a phrase two readings of a small list share.
    let (more, scattered) = by_stem(
        all,
        scattered,
        &field,
        cap,
        &taken,
        topics.len() + taken_before.len(),
    );
    taken.extend(more.iter().map(|t| t.title.to_lowercase()));
    topics.extend(more);
    let (more, mut scattered) =
        by_phrase(all, scattered, &taken, topics.len() + taken_before.len());
    topics.extend(more);
    // A list without sections has no further reading of its own: what fits no cluster is
    // the curator's to file, in the inbox, never a made-up topic of leftovers.
    let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    scattered.sort_by_key(|k| by_key.get(k).map_or(usize::MAX, |r| r.order));
    inbox.extend(scattered.into_iter().map(|k| {
        (
            k,
            "shares no theme with a proposed topic or with two other readings".to_string(),
        )
    }));
    (topics, inbox)
}

/// How much more often than English (a natural log: about 90 times) a list must use a word
/// for it to gather a topic of leftovers: "Zig", "SQLite", "JavaScript", not "running" or
/// "database".
const BY_WORD_WEIGHT: f32 = 4.5;

/// A list this small (readings filed) gives a topic to two readings that name one subject
/// ("Remote procedure call"): a pair named alike is better filed than waiting in the inbox.
const SMALL: usize = 60;

/// The words of `r`'s title that can gather a topic of leftovers, each under its [`stem`]
/// ("parser", "parsers" and "parsing" are one subject): names of the field, not everyday
/// English, not a title's way of saying things, not a vendor.
fn gathering_stems<'r>(
    r: &'r Reading,
    field: &crate::import::domain::Field,
) -> Vec<(&'r str, &'r str)> {
    let mut out: Vec<(&str, &str)> = super::distinct(&r.title_words)
        .into_iter()
        .filter(|w| {
            w.len() >= 3
                && field.weight(w).is_some_and(|x| x >= BY_WORD_WEIGHT)
                && !crate::import::domain::common_english(w)
                && !super::TITLE_FORM.contains(w)
                && !VENDORS.contains(w)
        })
        .map(|w| (stem(w), w))
        .collect();
    out.sort_unstable();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// The name of a topic the words of one stem gather (`all` is the whole list): its form said
/// most, as written, when that is a name of the field; else the phrase around it every
/// member's title says ("Remote procedure calls"); else none.
fn stem_name(
    rs: &[&Reading],
    s: &str,
    field: &crate::import::domain::Field,
    all: &[Reading],
) -> Option<String> {
    let mut forms: BTreeMap<&str, usize> = BTreeMap::new();
    for r in rs {
        for w in super::distinct(&r.title_words) {
            if stem(w) == s {
                *forms.entry(w).or_default() += 1;
            }
        }
    }
    // The form said most, the act's when tied ("Interpreter" over "interpreting", "Parsing"
    // over "parser").
    let w = forms
        .iter()
        .max_by(|a, b| {
            a.1.cmp(b.1)
                .then(a.0.ends_with("ing").cmp(&b.0.ends_with("ing")))
                .then(b.0.cmp(a.0))
        })
        .map(|(w, _)| *w)?;
    // A form said nearly as often that the field uses more distinctively names it better
    // ("Interpreter" over "interpreting", 2 to 3).
    let top = forms[w];
    let weight = |f: &str| field.weight(f).unwrap_or(0.0);
    let w = forms
        .iter()
        .filter(|(_, n)| **n * 2 >= top)
        .map(|(f, _)| *f)
        .max_by(|a, b| weight(a).total_cmp(&weight(b)).then(b.cmp(a)))
        .unwrap_or(w);
    let word = super::capitalise(&super::word_as_written(rs, w).unwrap_or(w.to_string()));
    // One word names a topic of three readings or more when it is a name of the field and
    // a thing, or an act whose doer the list names too ("Parsing" beside "parser"): a word
    // the field merely uses ("Programming") gathers whatever says it. Two readings need the
    // phrase they share around it ("Remote procedure calls").
    let doer = |all: &[Reading]| {
        all.iter().any(|r| {
            r.title_words
                .iter()
                .any(|x| stem(x) == s && (x.ends_with("er") || x.ends_with("or")))
        })
    };
    let thing = if w.ends_with("ing") {
        doer(all)
    } else {
        noun_like(&word)
    };
    // A name of the field; or, said as an act and (twice or more) as its doer
    // ("interpreting", "interpreter"), a word the list uses as often as it would gather
    // leftovers by.
    let weighty = forms
        .keys()
        .any(|f| field.weight(f).is_some_and(|x| x >= super::NAME_WEIGHT))
        || forms.keys().any(|f| f.ends_with("ing"))
            && forms
                .iter()
                .any(|(f, n)| *n >= 2 && (f.ends_with("er") || f.ends_with("or")))
            && forms
                .keys()
                .any(|f| field.weight(f).is_some_and(|x| x >= BY_WORD_WEIGHT));
    if rs.len() >= 3 && weighty && thing {
        return Some(word);
    }
    shared_phrase(rs, s)
}

/// The run of two words or more around a word of stem `s` that every title of `rs` says
/// (words compared by stem), as the first title writes it, in sentence case: "Implementing
/// remote procedure calls" and "A critique of the remote procedure call paradigm" share
/// "Remote procedure calls". Stop words may sit inside the run, never at its ends.
fn shared_phrase(rs: &[&Reading], s: &str) -> Option<String> {
    let split = |t: &str| -> Vec<(String, String)> {
        t.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .filter(|x| !x.is_empty())
            .map(|x| {
                let n = crate::import::domain::normal(x).unwrap_or_default();
                (x.to_string(), stem(&n).to_string())
            })
            .collect()
    };
    let titles: Vec<Vec<(String, String)>> = rs.iter().map(|r| split(&r.c.title)).collect();
    let first = titles.first()?;
    let at = first.iter().position(|(_, st)| st == s)?;
    let says = |lo: usize, hi: usize| {
        let run: Vec<&str> = first[lo..=hi].iter().map(|x| x.1.as_str()).collect();
        titles[1..].iter().all(|t| {
            t.windows(run.len())
                .any(|w| w.iter().map(|x| x.1.as_str()).eq(run.iter().copied()))
        })
    };
    let (mut lo, mut hi) = (at, at);
    while lo > 0 && says(lo - 1, hi) {
        lo -= 1;
    }
    while hi + 1 < first.len() && says(lo, hi + 1) {
        hi += 1;
    }
    let stop = |x: &(String, String)| super::terms(&x.0).is_empty();
    while lo < hi && stop(&first[lo]) {
        lo += 1;
    }
    while hi > lo && stop(&first[hi]) {
        hi -= 1;
    }
    let words: Vec<&(String, String)> = first[lo..=hi].iter().collect();
    if words.iter().filter(|x| !stop(x)).count() < 2 {
        return None;
    }
    let phrase: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, (w, _))| {
            let acronym = w.len() >= 2 && w.chars().all(|c| !c.is_lowercase());
            if i == 0 {
                super::capitalise(w)
            } else if acronym
                || rs.iter().any(|r| {
                    r.c.title.contains(w.as_str())
                        && w.chars().next().is_some_and(char::is_uppercase)
                        && {
                            // A capital that is only a Title Case habit says nothing of a name.
                            let t = &r.c.title;
                            let caps = t
                                .split_whitespace()
                                .filter(|x| x.chars().next().is_some_and(char::is_uppercase))
                                .count();
                            caps * 2 < t.split_whitespace().count()
                        }
                })
            {
                w.clone()
            } else {
                w.to_lowercase()
            }
        })
        .collect();
    Some(phrase.join(" "))
}

/// How many works of the list say each title word (as `key` maps it): a series' parts are
/// one work, so a word its every part says ("lisp" in six parts of "Writing a lisp
/// compiler") counts once. Else a series' word outweighs three other readings that share it
/// ("Common Lisp" in a book review, a project and a JVM port) and they gather nothing.
fn listed_by_work<'r>(
    readings: &'r [Reading],
    key: impl Fn(&'r str) -> &'r str,
) -> BTreeMap<&'r str, usize> {
    let mut work: Vec<usize> = (0..readings.len()).collect();
    for s in series(readings) {
        for &i in &s {
            work[i] = s[0];
        }
    }
    let mut said: Vec<(usize, &str)> = Vec::new();
    for (i, r) in readings.iter().enumerate() {
        for w in super::distinct(&r.title_words) {
            said.push((work[i], key(w)));
        }
    }
    said.sort_unstable();
    said.dedup();
    let mut listed: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, w) in said {
        *listed.entry(w).or_default() += 1;
    }
    listed
}

/// The language or tool a maker's title (one that says how it is written: "Writing",
/// "minimal", "from scratch") says its work is written in, not about: the name after "in"
/// that ends the title or its first part ("Writing an x86 emulator from scratch in
/// JavaScript: 2. system calls", "A minimal REST API in Java"), in [`domain::normal`] form.
/// "Memory and object management in RAMCloud" is about RAMCloud.
///
/// [`domain::normal`]: crate::import::domain::normal
fn medium(r: &Reading) -> Option<String> {
    let head = r.c.title.split([':', ',', '(']).next()?;
    let words: Vec<&str> = head.split_whitespace().collect();
    let making = words.iter().any(|w| {
        crate::import::domain::normal(w).is_some_and(|n| super::TITLE_FORM.contains(&n.as_str()))
    });
    if !making {
        return None;
    }
    match words.as_slice() {
        [.., a, b] if a.eq_ignore_ascii_case("in") && b.chars().next()?.is_uppercase() => {
            crate::import::domain::normal(b)
        }
        _ => None,
    }
}

/// Whether every title of `rs` that says `w` writes it with a capital, as a name is written
/// ("RAMCloud", "TLA+"), never in lower case as a word ("concurrent symbolic computation").
fn capitalised(rs: &[&Reading], w: &str) -> bool {
    rs.iter()
        .flat_map(|r| r.c.title.split(|c: char| !c.is_alphanumeric()))
        .filter(|t| crate::import::domain::normal(t).as_deref() == Some(w))
        .all(|t| t.chars().next().is_some_and(char::is_uppercase))
}

/// Topics from the readings of themeless clusters: the word of the field most of them name
/// (three readings at least, two in three of the list's titles using it among them; or two
/// when it is a name of the field, written as one, "RAMCloud", "TLA", that no other title
/// says) gathers
/// those that name it (a reading written in it, "... in JavaScript", is not about it), then the next word, until no word does or the draft has
/// [`MAX_TOPICS`]. Returns the topics and the readings left over.
fn by_word(
    readings: &[Reading],
    mut left: Vec<Key>,
    field: &crate::import::domain::Field,
    cap: usize,
    (taken, unnamed, phrases): (&HashSet<String>, &HashSet<String>, &[Vec<String>]),
    have: usize,
) -> (Vec<Topic>, Vec<Key>) {
    let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    let listed = listed_by_work(readings, |w| w);
    // A title saying a topic's two-word name in another form ("Garbage Collector" beside
    // "Garbage Collection") is on that subject: its word of the name gathers no other topic.
    let akin = |a: &str, b: &str| {
        let (a, b) = (root(a), root(b));
        a == b || a.len() >= 5 && b.len() >= 5 && (a.starts_with(b) || b.starts_with(a))
    };
    let of_phrase = |r: &Reading, w: &str| {
        phrases.iter().any(|n| {
            n.iter().any(|p| akin(w, p))
                && n.iter().all(|p| r.title_words.iter().any(|x| akin(x, p)))
        })
    };
    // A word of the list's own field name ("computation" in a list on distributed
    // computing) says no one subject, however few say it.
    let own = field_name_stems(readings, field);
    let mut taken = taken.clone();
    let mut topics = Vec::new();
    while have + topics.len() < MAX_TOPICS {
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for k in &left {
            let medium = medium(by_key[k]);
            for w in super::distinct(&by_key[k].title_words) {
                if medium.as_deref() != Some(w) && !of_phrase(by_key[k], w) {
                    *count.entry(w).or_default() += 1;
                }
            }
        }
        // Two readings are a topic when their word is a name and all the list's own: the
        // two TLA+ readings of a bibliography, not two that say "book".
        let enough = |w: &str, n: usize| {
            n >= 3
                || n == 2
                    && field.weight(w).is_some_and(|x| x >= super::NAME_WEIGHT)
                    && listed.get(w).is_some_and(|l| *l <= n)
                    && !own.contains(stem(w))
                    && capitalised(&left.iter().map(|k| by_key[k]).collect::<Vec<_>>(), w)
        };
        let best = count
            .iter()
            .filter(|(w, n)| {
                enough(w, **n)
                    && !unnamed.contains(**w)
                    && **n <= cap
                    && w.len() >= 3
                    && field.weight(w).is_some_and(|x| x >= BY_WORD_WEIGHT)
                    && !crate::import::domain::common_english(w)
                    && !super::TITLE_FORM.contains(w)
                    && !VENDORS.contains(w)
                    && super::word_as_written(
                        &left.iter().map(|k| by_key[k]).collect::<Vec<_>>(),
                        w,
                    )
                    .is_some_and(|t| noun_like(&t))
                    && listed.get(**w).is_some_and(|l| l * 2 <= **n * 3)
            })
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
        let Some((&w, _)) = best else { break };
        let (mine, rest): (Vec<Key>, Vec<Key>) = left.iter().partition(|k| {
            by_key[*k].title_words.iter().any(|x| x == w)
                && medium(by_key[*k]).as_deref() != Some(w)
                && !of_phrase(by_key[*k], w)
        });
        let rs: Vec<&Reading> = mine.iter().map(|k| by_key[k]).collect();
        let title = super::capitalise(&super::word_as_written(&rs, w).unwrap_or(w.to_string()));
        left = rest;
        if !taken.insert(title.to_lowercase()) {
            left.extend(mine);
            break;
        }
        // No count: the import may fold a series into one link.
        let origin = format!("readings whose titles name \"{}\"", plain(&title));
        topics.push(titled_topic(title, origin, mine, &rs));
    }
    (topics, left)
}

/// A topic named by what its readings' titles say (a word, a subject's forms, a phrase),
/// with that name as its one keyword.
fn titled_topic(title: String, origin: String, members: Vec<Key>, rs: &[&Reading]) -> Topic {
    let keywords = vec![title.to_lowercase()];
    Topic {
        id: String::new(),
        summary: describe(rs, &keywords),
        origin,
        title,
        keywords,
        members,
        requires: Vec::new(),
        stage: 0,
        further: false,
        intro: rs.iter().filter(|r| r.intro).count() * 2 > rs.len(),
    }
}

/// Topics from the readings left after [`by_word`]: the subject most of them name, its forms
/// counted as one ("Parsing Techniques", "Packrat Parsing", "Pratt Parsers"; three readings
/// at least, two in a [`SMALL`] list when they share a phrase; two in three of the list's
/// titles saying it among them) gathers those that name it, then the next, until none does
/// or the draft has [`MAX_TOPICS`]. A stem of the list's own field name
/// ([`field_name_stems`]) gathers nothing. Returns the topics and the readings left over.
fn by_stem(
    readings: &[Reading],
    mut left: Vec<Key>,
    field: &crate::import::domain::Field,
    cap: usize,
    taken: &HashSet<String>,
    have: usize,
) -> (Vec<Topic>, Vec<Key>) {
    let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    let listed = listed_by_work(readings, stem);
    let least = if readings.len() < SMALL { 2 } else { 3 };
    let own = field_name_stems(readings, field);
    let mut taken = taken.clone();
    let mut topics = Vec::new();
    let mut tried: HashSet<String> = HashSet::new();
    while have + topics.len() < MAX_TOPICS {
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for k in &left {
            for (s, _) in gathering_stems(by_key[k], field)
                .into_iter()
                .filter(|(s, _)| !own.contains(*s))
            {
                *count.entry(s).or_default() += 1;
            }
        }
        let best = count
            .iter()
            .filter(|(s, n)| {
                **n >= least
                    && **n <= cap
                    && !tried.contains(**s)
                    && listed.get(**s).is_some_and(|l| l * 2 <= **n * 3)
            })
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
        let Some((&s, _)) = best else { break };
        let s = s.to_string();
        tried.insert(s.clone());
        let (mine, rest): (Vec<Key>, Vec<Key>) = left.iter().partition(|k| {
            gathering_stems(by_key[*k], field)
                .iter()
                .any(|(x, _)| *x == s)
        });
        let rs: Vec<&Reading> = mine.iter().map(|k| by_key[k]).collect();
        let Some(title) = stem_name(&rs, &s, field, readings) else {
            continue;
        };
        if taken.contains(&title.to_lowercase()) {
            continue;
        }
        taken.insert(title.to_lowercase());
        left = rest;
        // No count: the import may fold a series into one link.
        let origin = format!("readings whose titles name \"{}\"", plain(&title));
        topics.push(titled_topic(title, origin, mine, &rs));
    }
    (topics, left)
}

/// The stems of the list's own field name, which name every reading and so no topic: the
/// words said right after a word of the field a fifth of the list's titles use, in two of
/// its titles or more ("computing" and "programming" after "distributed" in a list on
/// distributed computing). The forms of such a stem say no one subject ("A note on
/// distributed computing", "symbolic computation", "consistent computations"), whatever
/// else they share.
fn field_name_stems(readings: &[Reading], field: &crate::import::domain::Field) -> HashSet<String> {
    let mut listed: BTreeMap<&str, usize> = BTreeMap::new();
    for r in readings {
        for w in super::distinct(&r.title_words) {
            *listed.entry(w).or_default() += 1;
        }
    }
    let dominant = |w: &str| {
        listed.get(w).is_some_and(|n| n * 5 >= readings.len())
            && field.weight(w).is_some_and(|x| x >= BY_WORD_WEIGHT)
            && !crate::import::domain::common_english(w)
            && !super::TITLE_FORM.contains(&w)
    };
    let mut after: BTreeMap<&str, usize> = BTreeMap::new();
    for r in readings {
        let mut next: Vec<&str> = r
            .title_words
            .windows(2)
            .filter(|p| dominant(&p[0]) && stem(&p[1]) != stem(&p[0]))
            .map(|p| stem(&p[1]))
            .collect();
        next.sort_unstable();
        next.dedup();
        for s in next {
            *after.entry(s).or_default() += 1;
        }
    }
    after
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(s, _)| s.to_string())
        .collect()
}

/// Topics of a [`SMALL`] list's last left-over readings: two or more whose titles share a
/// run of two words or more ("Implementing remote procedure calls", "A critique of the
/// remote procedure call paradigm"), none of them a word a fifth of the list's titles use
/// ("distributed" in a list on distributed programming), named by that run. The words may
/// be everyday English: the run is what names the subject. Returns the topics and the
/// readings left over.
fn by_phrase(
    readings: &[Reading],
    mut left: Vec<Key>,
    taken: &HashSet<String>,
    have: usize,
) -> (Vec<Topic>, Vec<Key>) {
    if readings.len() >= SMALL {
        return (Vec::new(), left);
    }
    let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    let mut listed: BTreeMap<&str, usize> = BTreeMap::new();
    for r in readings {
        for w in super::distinct(&r.title_words) {
            *listed.entry(stem(w)).or_default() += 1;
        }
    }
    let rare = |w: &str| {
        w.len() >= 3
            && !super::TITLE_FORM.contains(&w)
            && listed.get(stem(w)).is_some_and(|n| n * 5 <= readings.len())
    };
    // A title's runs of two words, by stem, each once.
    let pairs = |r: &Reading| -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = r
            .title_words
            .windows(2)
            .filter(|w| rare(&w[0]) && rare(&w[1]) && stem(&w[0]) != stem(&w[1]))
            .map(|w| (stem(&w[0]).to_string(), stem(&w[1]).to_string()))
            .collect();
        out.sort();
        out.dedup();
        out
    };
    let mut taken = taken.clone();
    let mut topics = Vec::new();
    let mut tried: HashSet<(String, String)> = HashSet::new();
    while have + topics.len() < MAX_TOPICS {
        let mut count: BTreeMap<(String, String), usize> = BTreeMap::new();
        for k in &left {
            for p in pairs(by_key[k]) {
                *count.entry(p).or_default() += 1;
            }
        }
        let Some((p, _)) = count
            .into_iter()
            .filter(|(p, n)| *n >= 2 && !tried.contains(p))
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        else {
            break;
        };
        tried.insert(p.clone());
        let (mine, rest): (Vec<Key>, Vec<Key>) =
            left.iter().partition(|k| pairs(by_key[*k]).contains(&p));
        let rs: Vec<&Reading> = mine.iter().map(|k| by_key[k]).collect();
        let Some(title) = shared_phrase(&rs, &p.0) else {
            continue;
        };
        if !taken.insert(title.to_lowercase()) {
            continue;
        }
        left = rest;
        let origin = format!("readings whose titles say \"{}\"", plain(&title));
        topics.push(titled_topic(title, origin, mine, &rs));
    }
    (topics, left)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Candidate;

    /// Readings of themeless clusters that a word of the field gathers become its topic
    /// (three Zig posts among "from scratch" posts); a word the rest of the list uses as much
    /// ("scratch", a title's form) gathers nothing, and the others stay left over.
    #[test]
    fn a_word_of_the_field_gathers_leftover_readings() {
        let titles = [
            "Writing a web server from scratch",
            "Errors and Zig",
            "A minimal RocksDB example with Zig",
            "Writing an emulator from scratch",
            "Metaprogramming in Zig",
            "Writing a shell from scratch",
            "Parsing JSON by hand",
            "Validating JSON documents",
        ];
        let cs = super::super::candidates(&titles);
        let readings = super::super::titled(&cs);
        let left: Vec<Key> = (0..6).map(|i| (0, i)).collect();
        let (topics, rest) = by_word(
            &readings,
            left,
            &field_of(&readings),
            8,
            (&HashSet::new(), &HashSet::new(), &[]),
            0,
        );
        let named: Vec<(&str, &[Key])> = topics
            .iter()
            .map(|t| (t.title.as_str(), t.members.as_slice()))
            .collect();
        assert_eq!(named, [("Zig", &[(0, 1), (0, 2), (0, 4)][..])]);
        assert_eq!(rest, [(0, 0), (0, 3), (0, 5)]);
    }

    /// A word of a topic's two-word name in another form ("Collector" beside "Garbage
    /// Collection", review 14's mps-bib) gathers none of the titles saying that name: they are
    /// on its subject. A title saying the word alone still counts.
    #[test]
    fn a_word_of_a_topics_phrase_in_another_form_gathers_no_topic() {
        let titles = [
            "A LISP garbage collector algorithm",
            "An efficient incremental garbage collector",
            "Comparing two garbage collectors for C++",
            "Reducing garbage collector cache misses",
            "Errors and Zig",
            "A minimal RocksDB example with Zig",
            "Metaprogramming in Zig",
        ];
        let cs = super::super::candidates(&titles);
        let readings = super::super::titled(&cs);
        let left: Vec<Key> = (0..7).map(|i| (0, i)).collect();
        let gc = vec![vec!["garbage".to_string(), "collection".to_string()]];
        let field = field_of(&readings);
        let none = HashSet::new();
        let (topics, _) = by_word(&readings, left.clone(), &field, 8, (&none, &none, &gc), 0);
        let names: Vec<&str> = topics.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(names, ["Zig"]);
        let (topics, _) = by_word(&readings, left, &field, 8, (&none, &none, &[]), 0);
        let names: Vec<&str> = topics.iter().map(|t| t.title.as_str()).collect();
        assert!(names.contains(&"Collector"), "{names:?}");
    }

    /// A hyphenated name one title of many says is a fragment, and one every title ends a
    /// clause with a predicate; before a noun a compound names a kind of thing. A clipped
    /// name gets the word most of its titles go on with, directly or one word later.
    #[test]
    fn fragments_predicates_and_clipped_names() {
        let titles = [
            "MOV is Turing-complete, S. Dolan",
            "Accidentally Turing complete",
            "The design of a log-structured file system",
            "Log-structured memory for DRAM storage",
            "Distributed shared memory: concepts",
            "A distributed shared persistent memory",
            "Caching in a distributed shared store",
        ];
        let cs = super::super::candidates(&titles);
        let readings = super::super::titled(&cs);
        let rs: Vec<&Reading> = readings.iter().collect();
        let words = |t: &str| super::super::terms(t);
        assert!(fragment(
            &rs[0..2],
            "Turing-Complete",
            &words("Turing-Complete")
        ));
        assert!(!fragment(
            &rs[2..4],
            "Log-structured",
            &words("Log-structured")
        ));
        assert!(fragment(&rs, "Log-structured", &words("Log-structured")));
        assert_eq!(
            longer_name(&rs[4..], "Distributed shared").as_deref(),
            Some("Distributed shared memory")
        );
        assert_eq!(longer_name(&rs[2..4], "Log-structured"), None);
    }

    /// Two left-over readings make a topic when the word they share is a name, written as
    /// one, that no other title says ("RAMCloud", review 12: raft's TLA+ and RAMCloud
    /// readings in the inbox); a word written in lower case ("concurrent") or one a third
    /// title says ("Lisp", by a reading filed elsewhere) gathers no pair.
    #[test]
    fn two_readings_sharing_a_name_of_their_own_are_a_topic() {
        let titles = [
            "The case for RAMCloud",
            "Memory and object management in RAMCloud",
            "A language for concurrent symbolic work",
            "Monitors for concurrent processes",
            "Book review: ANSI Common Lisp",
            "Lisp on the JVM",
            "Writing a web server from scratch",
            "Lisp in small pieces",
        ];
        let cs = super::super::candidates(&titles);
        let readings = super::super::titled(&cs);
        let left: Vec<Key> = (0..7).map(|i| (0, i)).collect();
        let (topics, rest) = by_word(
            &readings,
            left,
            &field_of(&readings),
            8,
            (&HashSet::new(), &HashSet::new(), &[]),
            0,
        );
        let named: Vec<(&str, &[Key])> = topics
            .iter()
            .map(|t| (t.title.as_str(), t.members.as_slice()))
            .collect();
        assert_eq!(named, [("RAMCloud", &[(0, 0), (0, 1)][..])]);
        assert_eq!(rest, [(0, 2), (0, 3), (0, 4), (0, 5), (0, 6)]);
    }

    /// Left-over readings that say one subject in its several forms ("Parsing Techniques",
    /// "Packrat Parsing", "Pratt Parsers") are one topic named by the act, since the list
    /// names its doer ("parser"); the others stay left over (review 10: compilers' parsing
    /// readings in further reading).
    #[test]
    fn a_subject_in_its_forms_gathers_leftover_readings() {
        let titles = [
            "Parsing Techniques: A Practical Guide",
            "Beautiful Racket",
            "Packrat Parsing Thesis on PEG",
            "Elements of Computing Systems",
            "Pratt Parsers: Expression Parsing Made Easy",
            "Project Oberon",
            "Write You a Haskell",
            "Algorithm W Step By Step",
        ];
        let cs = super::super::candidates(&titles);
        let readings = super::super::titled(&cs);
        let left: Vec<Key> = (0..8).map(|i| (0, i)).collect();
        let (topics, rest) = by_stem(&readings, left, &field_of(&readings), 8, &HashSet::new(), 0);
        let named: Vec<(&str, &[Key])> = topics
            .iter()
            .map(|t| (t.title.as_str(), t.members.as_slice()))
            .collect();
        assert_eq!(named, [("Parsing", &[(0, 0), (0, 2), (0, 4)][..])]);
        assert_eq!(rest, [(0, 1), (0, 3), (0, 5), (0, 6), (0, 7)]);
    }

    /// A reading stays in its cluster when its title says the cluster's name or two of its
    /// theme words; one incidental word ("design" in a hardware paper among log-structured
    /// storage) is not enough.
    #[test]
    fn a_reading_fits_a_cluster_by_its_theme_not_one_word() {
        let cs: Vec<Candidate> = [
            "The design and implementation of a log-structured file system",
            "The log-structured merge-tree",
            "Bigtable: a distributed storage system for structured data",
            "Protocol verification as a hardware design aid",
        ]
        .iter()
        .map(|t| Candidate {
            title: t.to_string(),
            ..Candidate::default()
        })
        .collect();
        let rs = super::super::titled(&cs);
        let group: Vec<&Reading> = rs.iter().collect();
        let name = super::super::terms("Log-structured");
        let theme = super::super::terms("log structured storage design");
        let fit: Vec<bool> = rs.iter().map(|r| fits(r, &group, &name, &theme)).collect();
        assert_eq!(fit, [true, true, true, false]);
    }

    /// One word names a topic when it is a thing (a system, an acronym, a noun), not how
    /// something is; an adjective takes the words its titles go on with.
    #[test]
    fn adjectives_name_nothing_alone() {
        for w in ["Raft", "JSON", "Emerald", "Consensus", "Storage"] {
            assert!(noun_like(w), "{w}");
        }
        for w in [
            "Replicated",
            "Interpreting",
            "Scalable",
            "Highly",
            "Distributed",
        ] {
            assert!(!noun_like(w), "{w}");
        }
        let cs: Vec<Candidate> = [
            "Conflict-free Replicated Data Types",
            "Delta State Replicated Data Types",
            "A Conflict-Free Replicated JSON Datatype",
        ]
        .iter()
        .map(|t| Candidate {
            title: t.to_string(),
            ..Candidate::default()
        })
        .collect();
        let rs = super::super::titled(&cs);
        let group: Vec<&Reading> = rs.iter().collect();
        let w = crate::import::domain::normal("Replicated").unwrap();
        assert_eq!(
            continued(&group, &w).as_deref(),
            Some("Replicated Data Types")
        );
    }

    /// A like course's title keeps only the parts its draft readings say: no "key/value
    /// service" over Raft implementations; a title whose parts all show, or none, stays.
    #[test]
    fn a_like_courses_title_keeps_the_parts_its_readings_support() {
        let cs: Vec<Candidate> = ["ARC: analysis of Raft consensus", "ocaml-raft source code"]
            .iter()
            .map(|t| Candidate {
                title: t.to_string(),
                ..Candidate::default()
            })
            .collect();
        let rs = super::super::titled(&cs);
        let group: Vec<&Reading> = rs.iter().collect();
        assert_eq!(
            supported("Raft, and a key/value service built on it", &group),
            "Raft"
        );
        assert_eq!(
            supported("Paxos, and a lock service built on it", &group),
            "Paxos, and a lock service built on it"
        );
        assert_eq!(supported("Raft consensus", &group), "Raft consensus");
    }

    /// A reading left in the inbox or the further reading whose title says a topic's name
    /// (a name of the field) joins that topic; one saying two topics' names stays, and so
    /// does one whose topic would pass the share limit (3 of these 11 readings).
    #[test]
    fn a_reading_naming_a_topic_joins_it() {
        let titles = [
            "In search of Raft",
            "Raft made simple",
            "Raft in practice",
            "Paxos made simple",
            "Paxos made live",
            "Paxos revisited",
            "Raft-based replication",
            "Raft versus Paxos",
            "Disk failures in the real world",
            "Protocol Buffers",
            "Network failures in data centers",
        ];
        let cs = super::super::candidates(&titles);
        let rs = super::super::titled(&cs);
        let topic = |title: &str, members: &[usize], further: bool| Topic {
            id: String::new(),
            title: title.into(),
            summary: String::new(),
            origin: String::new(),
            keywords: Vec::new(),
            members: members.iter().map(|i| (0, *i)).collect(),
            requires: Vec::new(),
            stage: 0,
            further,
            intro: false,
        };
        let mut topics = vec![
            topic("Raft", &[0, 1], false),
            topic("Paxos", &[3, 4, 5], false),
            topic("Further reading", &[2, 7, 8, 9], true),
        ];
        let mut inbox = vec![((0, 6), String::new()), ((0, 10), String::new())];
        named_home(&rs, &mut topics, &mut inbox);
        assert_eq!(topics[0].members, [(0, 0), (0, 1), (0, 6)]);
        assert_eq!(topics[1].members, [(0, 3), (0, 4), (0, 5)]);
        assert_eq!(topics[2].members, [(0, 2), (0, 7), (0, 8), (0, 9)]);
        assert_eq!(inbox, [((0, 10), String::new())]);
    }

    fn topic_of(title: &str, members: &[usize]) -> Topic {
        Topic {
            id: String::new(),
            title: title.into(),
            summary: String::new(),
            origin: "a cluster of readings sharing the words ...".into(),
            keywords: Vec::new(),
            members: members.iter().map(|i| (0, *i)).collect(),
            requires: Vec::new(),
            stage: 0,
            further: false,
            intro: false,
        }
    }

    /// A small topic's one reading that shares no word with the others nor its name leaves
    /// for the inbox ("x64 Architecture" beside two discrete mathematics books, review 13b);
    /// one saying a word of the name stays ("Lightweight transactions in Cassandra" in
    /// "Distributed transactions"), and so do two readings unlike each other in a pair.
    #[test]
    fn a_small_topics_misfit_leaves_it() {
        let titles = [
            "Introductory Discrete Mathematics",
            "Discrete Mathematics and Its Applications",
            "x64 Architecture",
            "Spanner: a globally-distributed database",
            "Calvin: fast distributed transactions",
            "Lightweight transactions in Cassandra",
            "Paxos made simple",
            "The Chubby lock service",
        ];
        let cs = super::super::candidates(&titles);
        let rs = super::super::titled(&cs);
        let mut topics = vec![
            topic_of("Discrete Mathematics", &[0, 1, 2]),
            topic_of("Distributed transactions", &[3, 4, 5]),
            topic_of("Consensus", &[6, 7]),
        ];
        let mut inbox = Vec::new();
        misfits(&rs, &mut topics, &mut inbox);
        assert_eq!(topics[0].members, [(0, 0), (0, 1)]);
        assert_eq!(topics[1].members, [(0, 3), (0, 4), (0, 5)]);
        assert_eq!(topics[2].members, [(0, 6), (0, 7)]);
        assert_eq!(inbox.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [(0, 2)]);
    }

    /// A topic's word in the list's own sense places left-over readings saying it though
    /// they count against it: thirteen garbage-collection readings place "C4: the
    /// Continuously Concurrent Compacting Collector" and "Clustered Collection" (two of
    /// fifteen saying "collect" in the inbox), while four place no "garbage day" post.
    #[test]
    fn a_topics_word_places_the_leftovers_saying_it() {
        let mut titles: Vec<String> = (1..=13)
            .map(|i| format!("Garbage collection technique number {i}"))
            .collect();
        titles.push("C4: the continuously concurrent compacting collector".into());
        titles.push("Reducing pause times with clustered collection".into());
        // Other subjects, so that no topic is near the share limit.
        titles.extend((1..=40).map(|i| format!("Travel diary {i}")));
        let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
        let cs = super::super::candidates(&refs);
        let rs = super::super::titled(&cs);
        let mut topics = vec![topic_of("Garbage Collection", &(0..13).collect::<Vec<_>>())];
        let mut inbox = vec![((0, 13), String::new()), ((0, 14), String::new())];
        sense_home(&rs, &mut topics, &mut inbox);
        assert_eq!(topics[0].members.len(), 15);
        assert!(inbox.is_empty());

        let titles = [
            "Generational garbage collection",
            "Concurrent garbage collection",
            "Incremental garbage collection",
            "Real-time garbage collection",
            "A garbage collection day in NYC",
        ];
        let cs = super::super::candidates(&titles);
        let rs = super::super::titled(&cs);
        let mut topics = vec![topic_of("Garbage Collection", &[0, 1, 2, 3])];
        let mut inbox = vec![((0, 4), String::new())];
        sense_home(&rs, &mut topics, &mut inbox);
        assert_eq!(topics[0].members.len(), 4);
        assert_eq!(inbox.len(), 1);
    }

    /// A left-over reading saying two of a topic's other terms in the list's sense joins it
    /// ("New Methods to Color the Vertices of a Graph" beside register allocation "via Graph
    /// Coloring"); one saying only one of them ("Graph databases") stays in the inbox.
    #[test]
    fn two_of_a_topics_terms_place_a_leftover() {
        let mut titles: Vec<String> = vec![
            "Register allocation via coloring".into(),
            "Register allocation and spilling via graph coloring".into(),
            "Improvements to graph coloring register allocation".into(),
            "Live range splitting in a graph coloring register allocator".into(),
            "Register allocation via coloring of chordal graphs".into(),
            "Linear scan register allocation".into(),
            "New methods to color the vertices of a graph".into(),
            "Graph databases in practice".into(),
        ];
        titles.extend((1..=30).map(|i| format!("Travel diary {i}")));
        let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
        let cs = super::super::candidates(&refs);
        let rs = super::super::titled(&cs);
        let mut topics = vec![topic_of("Register Allocation", &[0, 1, 2, 3, 4, 5])];
        let mut inbox = vec![((0, 6), String::new()), ((0, 7), String::new())];
        sense_home(&rs, &mut topics, &mut inbox);
        assert!(
            topics[0].members.contains(&(0, 6)),
            "{:?}",
            topics[0].members
        );
        assert_eq!(inbox.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [(0, 7)]);
    }

    /// A large topic named by words the whole field says ("Programming Languages", said in a
    /// garbage-collection title too) gives its strongest term, said by three works or more,
    /// a topic of its own ("Scheme"); one named by its own words ("Garbage Collection") keeps
    /// its readings.
    #[test]
    fn a_word_bag_topic_gives_its_strongest_term_a_topic() {
        let titles = [
            "Types and Programming Languages",
            "Essentials of Programming Languages",
            "Practical Foundations for Programming Languages",
            "The C Programming Language",
            "The Scheme Programming Language",
            "Three Implementation Models for Scheme",
            "Revised Report on the Algorithmic Language Scheme",
            "Definitional Interpreters for Higher-Order Programming Languages",
            "Report on the Algorithmic Language ALGOL 60",
            "Tag-free Garbage Collection for Strongly Typed Programming Languages",
            "Garbage Collection Handbook",
            "Generational Garbage Collection",
            "Concurrent Garbage Collection",
            "Incremental Garbage Collection",
            "Real-time Garbage Collection",
            "Garbage Collection Myths",
            "Accurate Garbage Collection",
        ];
        let cs = super::super::candidates(&titles);
        let rs = super::super::titled(&cs);
        let mut topics = vec![
            topic_of("Programming Languages", &(0..9).collect::<Vec<_>>()),
            topic_of("Garbage Collection", &(9..17).collect::<Vec<_>>()),
        ];
        split_generic(&rs, &mut topics);
        let names: Vec<&str> = topics.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(
            names,
            ["Programming Languages", "Garbage Collection", "Scheme"]
        );
        assert_eq!(topics[2].members, [(0, 4), (0, 5), (0, 6)]);
        assert_eq!(topics[0].members.len(), 6);
        assert_eq!(topics[1].members.len(), 8);
    }

    /// A cluster named "Lisp compiler" whose titles say "compiler" without "Lisp" in more
    /// works than with it (a six-part series is one) is named "Compiler"; one whose series
    /// outnumbers them keeps its name.
    #[test]
    fn a_qualifier_most_works_lack_leaves_the_name() {
        let titles = [
            "Writing a lisp compiler: 1. assembly",
            "Writing a lisp compiler: 2. functions",
            "Writing a lisp compiler: 3. LLVM",
            "Writing a simple Python compiler: 1. hello",
            "Favorite compiler and interpreter resources",
            "Book review: ANSI Common Lisp",
            "Lisp macros",
            "Lisp in small pieces",
        ];
        let cs = super::super::candidates(&titles);
        let rs = super::super::titled(&cs);
        let field = field_of(&rs);
        let name = super::super::terms("Lisp compiler");
        let group: Vec<&Reading> = rs[..6].iter().collect();
        assert_eq!(
            head_name(&group, &name, &field).as_deref(),
            Some("Compiler")
        );
        let group: Vec<&Reading> = rs[..4].iter().chain(&rs[5..6]).collect();
        assert_eq!(head_name(&group, &name, &field), None);
    }

    /// A series no topic holds half of is still one work: it goes whole to the topic its
    /// title names ("Compilation"), or, when none, to the topic of its first part, not left
    /// with parts in two topics and two in the inbox (review 12: compilers' "Adventures in
    /// JIT Compilation").
    #[test]
    fn a_split_series_goes_whole_to_the_topic_its_title_names() {
        let titles = [
            "Adventures in JIT Compilation: Part 1 - An Interpreter",
            "Adventures in JIT Compilation: Part 2 - An x64 JIT",
            "Adventures in JIT Compilation: Part 3 - LLVM",
            "Adventures in JIT Compilation: Part 4 - In Python",
            "A brief history of just-in-time compilation",
            "Crafting interpreters",
        ];
        let cs = super::super::candidates(&titles);
        let rs = super::super::titled(&cs);
        let topic = |title: &str, members: &[usize]| Topic {
            id: String::new(),
            title: title.into(),
            summary: String::new(),
            origin: String::new(),
            keywords: Vec::new(),
            members: members.iter().map(|i| (0, *i)).collect(),
            requires: Vec::new(),
            stage: 0,
            further: false,
            intro: false,
        };
        let mut topics = vec![
            topic("Interpreters", &[0, 5]),
            topic("LLVM", &[2]),
            topic("Compilation", &[4]),
        ];
        let mut inbox = vec![((0, 1), String::new()), ((0, 3), String::new())];
        keep_series_together(&rs, &mut topics, &mut inbox);
        assert_eq!(topics[0].members, [(0, 5)]);
        assert!(topics[1].members.is_empty());
        assert_eq!(topics[2].members, [(0, 4), (0, 0), (0, 1), (0, 2), (0, 3)]);
        assert!(inbox.is_empty());
        // No topic named by the series: the first part's topic takes it whole.
        let mut topics = vec![topic("Interpreters", &[0, 5]), topic("LLVM", &[2])];
        let mut inbox = vec![((0, 1), String::new()), ((0, 3), String::new())];
        keep_series_together(&rs, &mut topics, &mut inbox);
        assert_eq!(topics[0].members, [(0, 0), (0, 5), (0, 1), (0, 2), (0, 3)]);
        assert!(inbox.is_empty());
    }

    /// A left-over reading by an author of half of one topic's readings joins it (an
    /// author's series on one system); one by nobody there stays in the inbox.
    #[test]
    fn a_reading_by_a_topics_author_joins_it() {
        let rows: [(&str, &[&str]); 5] = [
            (
                "Object structure in the Emerald system",
                &["Andrew P. Black", "Eric Jul"],
            ),
            (
                "Distribution and abstract types in Emerald",
                &["Andrew P. Black"],
            ),
            (
                "Emerald: a general-purpose programming language",
                &["Rajendra K. Raj", "Andrew P. Black"],
            ),
            (
                "Implementing location independent invocation",
                &["Andrew P. Black", "Yeshayahu Artsy"],
            ),
            ("Sagas", &["Hector Garcia-Molina", "Kenneth Salem"]),
        ];
        let cs: Vec<Candidate> = rows
            .iter()
            .map(|(t, a)| Candidate {
                title: t.to_string(),
                authors: a.iter().map(|x| x.to_string()).collect(),
                ..Candidate::default()
            })
            .collect();
        let rs = super::super::titled(&cs);
        let mut topics = vec![Topic {
            id: String::new(),
            title: "Emerald".into(),
            summary: String::new(),
            origin: String::new(),
            keywords: Vec::new(),
            members: vec![(0, 0), (0, 1), (0, 2)],
            requires: Vec::new(),
            stage: 0,
            further: false,
            intro: false,
        }];
        let mut inbox = vec![((0, 3), String::new()), ((0, 4), String::new())];
        named_home(&rs, &mut topics, &mut inbox);
        assert_eq!(topics[0].members, [(0, 0), (0, 1), (0, 2), (0, 3)]);
        assert_eq!(inbox, [((0, 4), String::new())]);
    }

    /// A phrase name is said by a title saying each of its words, in any form ("How to
    /// compile with continuations"); one word of it is not ("The Witchcraft Compiler
    /// Collection" says no "garbage collection").
    #[test]
    fn a_phrase_name_is_said_by_all_its_words() {
        let titles = [
            "The Witchcraft Compiler Collection",
            "Concurrent garbage collection",
            "How to compile with continuations",
        ];
        let cs = super::super::candidates(&titles);
        let rs = super::super::titled(&cs);
        let gc = super::super::terms("Garbage Collection");
        let cwc = super::super::terms("Compiling with Continuations");
        assert!(!says_name(&rs[0], &gc));
        assert!(says_name(&rs[1], &gc));
        assert!(says_name(&rs[2], &cwc));
        assert!(!says_name(&rs[0], &cwc));
    }

    /// A series' parts are one work: a word all five parts say counts once, so three other
    /// readings that say it outnumber the series.
    #[test]
    fn a_series_counts_once_in_a_words_use() {
        let titles = [
            "Writing a lisp compiler: 1. assembly",
            "Writing a lisp compiler: 2. functions",
            "Writing a lisp compiler: 3. LLVM",
            "Writing a lisp compiler: 4. conditionals",
            "Writing a lisp compiler: 5. system calls",
            "Book review: ANSI Common Lisp",
            "Starting a Common Lisp project",
        ];
        let cs = super::super::candidates(&titles);
        let rs = super::super::titled(&cs);
        let listed = listed_by_work(&rs, |w| w);
        assert_eq!(listed.get("lisp"), Some(&3));
        assert_eq!(listed.get("common"), Some(&2));
    }

    /// A doer, an act and a plural of one word are one name; a short word keeps its ending.
    #[test]
    fn a_names_endings_do_not_hide_it() {
        assert_eq!(stem("interpreting"), stem("interpreter"));
        assert_eq!(stem("compilation"), stem("compiler"));
        assert_ne!(stem("parsing"), stem("paxos"));
        assert_eq!(stem("ring"), "ring");
    }

    /// A summary writes a word as a name where sentence-case titles capitalise it ("Paxos
    /// made simple"), and not where only Title Case does ("Object Structure in the Emerald
    /// System") or a title writes it in lower case.
    #[test]
    fn names_keep_their_capitals_in_summaries() {
        let titles = [
            "Paxos made simple",
            "Revisiting the Paxos algorithm",
            "The Part-Time Parliament Of The Island",
            "a lock service for loosely-coupled systems",
        ];
        let cs = super::super::candidates(&titles);
        let rs = super::super::titled(&cs);
        let group: Vec<&Reading> = rs.iter().collect();
        let normal = |w: &str| crate::import::domain::normal(w).unwrap();
        assert_eq!(proper(&group, &normal("Paxos")).as_deref(), Some("Paxos"));
        assert_eq!(proper(&group, &normal("Parliament")), None);
        assert_eq!(proper(&group, &normal("lock")), None);
    }
}
