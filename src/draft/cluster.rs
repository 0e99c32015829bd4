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

use super::{
    document_frequency, field_of, name_group, plain, summarise, surface_forms, Key, Reading, Topic,
};
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

/// Topics by text, and the readings that fit none.
pub(crate) fn by_text(readings: &[Reading]) -> (Vec<Topic>, Vec<(Key, String)>) {
    let n = readings.len();
    if n == 0 {
        return (Vec::new(), Vec::new());
    }
    let vs = vectors(readings);
    let target = (n / 6).clamp(MIN_TOPICS, MAX_TOPICS);
    let cap = if n < TINY {
        n
    } else {
        ((n as f32 * MAX_SHARE).floor() as usize).max(2)
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
    let df = document_frequency(readings);
    let field = field_of(readings);
    let forms = surface_forms(readings);
    let mut taken: HashSet<String> = HashSet::new();
    let mut topics = Vec::new();
    let mut scattered: Vec<Key> = Vec::new();
    for c in kept {
        let rs: Vec<&Reading> = c.iter().map(|i| &readings[*i]).collect();
        // A cluster no phrase or word of its titles names is a coincidence of a few words
        // ("NYC and seoul" over city essays and a Kubernetes post): no theme, so its readings
        // are further reading, not a topic.
        let Some((title, keywords)) = name_group(&rs, readings, &df, &field, &forms, &taken) else {
            scattered.extend(rs.iter().map(|r| r.key));
            continue;
        };
        let name_words = super::terms(&title);
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
        topics.push(Topic {
            id: String::new(),
            summary: format!(
                "{} Drafted from the words these readings share: say in a sentence what the topic covers.",
                summarise(&rs, &keywords)
            ),
            origin: format!(
                "a cluster of {} sharing the words {}",
                crate::words::count(rs.len(), "reading"),
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
    // Readings of themeless clusters that a word of the field gathers ("Lisp", "SQLite" over
    // a blog's posts that clustered by "from scratch") are a topic of that word.
    let (more, mut scattered) = by_word(readings, scattered, &field, cap, &taken, topics.len());
    topics.extend(more);
    if !scattered.is_empty() {
        let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
        scattered.sort_by_key(|k| by_key[k].order);
        let rs: Vec<&Reading> = scattered.iter().map(|k| by_key[k]).collect();
        topics.push(Topic {
            id: String::new(),
            title: "Further reading".into(),
            summary: format!(
                "{} Clustered together by a few shared words, with no theme most of their titles name: optional, or to be filed under the topics above.",
                summarise(&rs, &[])
            ),
            origin: "clusters with no theme their titles share".into(),
            keywords: vec!["further reading".into()],
            members: scattered,
            requires: Vec::new(),
            stage: 0,
            further: true,
            intro: false,
        });
    }
    (topics, inbox)
}

/// The generic topic ("Further reading") obeys the share limit like any topic: past it, the
/// readings closest to a proposed topic go to the inbox naming that topic (where a curator
/// most likely files them), and those that share nothing with any stay further reading. One
/// huge bag of leftovers is no topic a curator keeps.
pub(crate) fn cap_further(
    readings: &[Reading],
    topics: &mut Vec<Topic>,
    inbox: &mut Vec<(Key, String)>,
) {
    let Some(f) = topics.iter().position(|t| t.further) else {
        return;
    };
    let others: usize = topics
        .iter()
        .filter(|t| !t.further)
        .map(|t| t.members.len())
        .sum();
    let total = others + topics[f].members.len();
    if total < TINY {
        return;
    }
    // Further <= MAX_SHARE of what stays in topics: F <= s / (1 - s) * others.
    let most = ((others as f32) * MAX_SHARE / (1.0 - MAX_SHARE)).floor() as usize;
    let have = topics[f].members.len();
    if have <= most {
        return;
    }
    let vs = vectors(readings);
    let index: BTreeMap<Key, usize> = readings
        .iter()
        .enumerate()
        .map(|(i, r)| (r.key, i))
        .collect();
    let centroids: Vec<(usize, Vector)> = topics
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.further && !t.members.is_empty())
        .map(|(i, t)| {
            let ms: Vec<usize> = t
                .members
                .iter()
                .filter_map(|k| index.get(k).copied())
                .collect();
            (i, centroid(&ms, &vs))
        })
        .collect();
    let mut scored: Vec<(f32, usize, Key, Option<usize>)> = topics[f]
        .members
        .iter()
        .enumerate()
        .map(|(pos, k)| {
            let best = index.get(k).and_then(|&i| {
                centroids
                    .iter()
                    .map(|(t, c)| (*t, cosine(&vs[i], c)))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            });
            match best {
                Some((t, s)) if s > 0.0 => (s, pos, *k, Some(t)),
                _ => (0.0, pos, *k, None),
            }
        })
        .collect();
    // Closest to a topic first; ties in the list's order.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    let all: Vec<&Reading> = topics[f]
        .members
        .iter()
        .filter_map(|k| by_key.get(k).copied())
        .collect();
    let before = summarise(&all, &[]);
    let out: Vec<(Key, Option<usize>)> = scored
        .iter()
        .take(have - most)
        .map(|x| (x.2, x.3))
        .collect();
    let gone: HashSet<Key> = out.iter().map(|x| x.0).collect();
    topics[f].members.retain(|k| !gone.contains(k));
    for (k, t) in out {
        let why = match t {
            Some(t) => format!(
                "in no theme of its own (the further reading would hold over {}% of the readings); closest topic: \"{}\"",
                (MAX_SHARE * 100.0) as u32,
                plain(&topics[t].title)
            ),
            None => format!(
                "in no theme of its own (the further reading would hold over {}% of the readings), and no topic shares its words",
                (MAX_SHARE * 100.0) as u32
            ),
        };
        inbox.push((k, why));
    }
    if topics[f].members.is_empty() {
        topics.remove(f);
        return;
    }
    // The summary's opening counts and names the readings: it is redone for those left, the
    // rest of it (where they came from) kept.
    let rs: Vec<&Reading> = topics[f]
        .members
        .iter()
        .filter_map(|k| by_key.get(k).copied())
        .collect();
    let tail = topics[f]
        .summary
        .strip_prefix(&before)
        .unwrap_or("")
        .trim()
        .to_string();
    topics[f].summary = format!(
        "{} {tail} Those closer to a topic wait in the inbox, their closest topic named.",
        summarise(&rs, &[])
    );
}

/// How much more often than English (a natural log: about 90 times) a list must use a word
/// for it to gather a topic of leftovers: "Zig", "SQLite", "JavaScript", not "running" or
/// "database".
const BY_WORD_WEIGHT: f32 = 4.5;

/// Topics from the readings of themeless clusters: the word of the field most of them name
/// (three readings at least, two in three of the list's titles using it among them) gathers
/// those that name it, then the next word, until no word does or the draft has
/// [`MAX_TOPICS`]. Returns the topics and the readings left over.
fn by_word(
    readings: &[Reading],
    mut left: Vec<Key>,
    field: &crate::import::domain::Field,
    cap: usize,
    taken: &HashSet<String>,
    have: usize,
) -> (Vec<Topic>, Vec<Key>) {
    let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    let mut listed: BTreeMap<&str, usize> = BTreeMap::new();
    for r in readings {
        for w in super::distinct(&r.title_words) {
            *listed.entry(w).or_default() += 1;
        }
    }
    let mut taken = taken.clone();
    let mut topics = Vec::new();
    while have + topics.len() < MAX_TOPICS {
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for k in &left {
            for w in super::distinct(&by_key[k].title_words) {
                *count.entry(w).or_default() += 1;
            }
        }
        let best = count
            .iter()
            .filter(|(w, n)| {
                **n >= 3
                    && **n <= cap
                    && w.len() >= 3
                    && field.weight(w).is_some_and(|x| x >= BY_WORD_WEIGHT)
                    && !crate::import::domain::common_english(w)
                    && !super::TITLE_FORM.contains(w)
                    && listed[**w] * 2 <= **n * 3
            })
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
        let Some((&w, _)) = best else { break };
        let (mine, rest): (Vec<Key>, Vec<Key>) = left
            .iter()
            .partition(|k| by_key[*k].title_words.iter().any(|x| x == w));
        let rs: Vec<&Reading> = mine.iter().map(|k| by_key[k]).collect();
        let title = super::capitalise(&super::word_as_written(&rs, w).unwrap_or(w.to_string()));
        left = rest;
        if !taken.insert(title.to_lowercase()) {
            left.extend(mine);
            break;
        }
        let keywords = vec![title.to_lowercase()];
        topics.push(Topic {
            id: String::new(),
            summary: format!(
                "{} Drafted from the word their titles share: say in a sentence what the topic covers.",
                summarise(&rs, &keywords)
            ),
            origin: format!(
                "{} whose titles name \"{}\"",
                crate::words::count(rs.len(), "reading"),
                plain(&title)
            ),
            title,
            keywords,
            members: mine,
            requires: Vec::new(),
            stage: 0,
            further: false,
            intro: rs.iter().filter(|r| r.intro).count() * 2 > rs.len(),
        });
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
        let cs: Vec<Candidate> = titles
            .iter()
            .map(|t| Candidate {
                title: t.to_string(),
                ..Candidate::default()
            })
            .collect();
        let readings: Vec<Reading> = cs
            .iter()
            .enumerate()
            .map(|(i, c)| Reading {
                key: (0, i),
                c,
                order: i,
                words: super::super::terms(&c.title),
                title_words: super::super::terms(&c.title),
                year: None,
                intro: false,
            })
            .collect();
        let left: Vec<Key> = (0..6).map(|i| (0, i)).collect();
        let (topics, rest) = by_word(&readings, left, &field_of(&readings), 8, &HashSet::new(), 0);
        let named: Vec<(&str, &[Key])> = topics
            .iter()
            .map(|t| (t.title.as_str(), t.members.as_slice()))
            .collect();
        assert_eq!(named, [("Zig", &[(0, 1), (0, 2), (0, 4)][..])]);
        assert_eq!(rest, [(0, 0), (0, 3), (0, 5)]);
    }
}
