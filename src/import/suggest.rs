//! Matching candidates against the corpus: duplicates, topic suggestion, defaults, ids.

use super::{warning, Candidate, Row};
use crate::corpus::url::{check_url, slug_from_url};
use crate::corpus::url_key as urls;
use crate::diagnostics::Diagnostic;
use crate::model::{Course, Kind, Level};
use std::collections::HashSet;
use std::path::PathBuf;

/// Score of a keyword found in the title or a hint (heading, folder, category).
pub const TITLE_WEIGHT: u32 = 3;
/// Score of a keyword found only in the note or blurb: weaker, blurbs wander.
pub const NOTE_WEIGHT: u32 = 1;
/// The least score that places a link under a topic: one keyword in the title or a hint, or
/// three in the blurb.
pub const THRESHOLD: u32 = 3;

/// The kind a URL most likely points at: papers on paper hosts and PDFs, videos on video
/// sites, tools on code hosts, threads on social sites; an article otherwise.
pub fn default_kind(url: &str) -> Kind {
    let key = urls::key(url);
    let (host, path) = key.split_once('/').unwrap_or((&key, ""));
    let path = path.to_ascii_lowercase();
    let on = |h: &str| host == h || host.ends_with(&format!(".{h}"));
    if on("arxiv.org")
        || on("doi.org")
        || on("dl.acm.org")
        || on("semanticscholar.org")
        || path.ends_with(".pdf")
        || (on("usenix.org") && path.contains("conference/"))
    {
        Kind::Paper
    } else if on("youtube.com") || on("youtu.be") || on("vimeo.com") {
        Kind::Video
    } else if on("infoq.com") && path.starts_with("presentations") {
        Kind::Talk
    } else if (on("github.com") || on("gitlab.com") || on("codeberg.org"))
        && path.split('/').filter(|s| !s.is_empty()).count() == 2
    {
        Kind::Tool
    } else if on("bsky.app")
        || on("twitter.com")
        || on("x.com")
        || on("news.ycombinator.com")
        || on("lobste.rs")
    {
        Kind::Thread
    } else {
        Kind::Article
    }
}

/// Reading time by kind, in minutes: a paper takes an hour with notes, a book about ten hours.
pub fn default_minutes(kind: Kind) -> u32 {
    match kind {
        Kind::Article => 15,
        Kind::Paper => 60,
        Kind::Talk => 45,
        Kind::Video => 30,
        Kind::Book => 600,
        Kind::Course => 600,
        Kind::Thread => 5,
        Kind::List => 20,
        Kind::Tool => 20,
    }
}

/// Papers assume the field; threads are light; everything else sits in the middle.
pub fn default_level(kind: Kind) -> Level {
    match kind {
        Kind::Paper => Level::Advanced,
        Kind::Thread => Level::Intro,
        _ => Level::Intermediate,
    }
}

/// Lowercase words, with a light plural strip so `locks` meets `lock`.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '+')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            if let Some(stem) = w.strip_suffix("ies").filter(|s| s.len() > 2) {
                format!("{stem}y")
            } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
                w[..w.len() - 1].to_string()
            } else {
                w
            }
        })
        .collect()
}

fn contains_phrase(hay: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && hay.windows(phrase.len()).any(|w| w == phrase)
}

/// A topic's phrases: its keywords and its id.
struct Matcher {
    id: String,
    phrases: Vec<Vec<String>>,
}

fn matchers(course: &Course) -> Vec<Matcher> {
    course
        .topics
        .iter()
        .map(|t| {
            let mut phrases: Vec<Vec<String>> = t.keywords.iter().map(|k| words(k)).collect();
            phrases.push(words(&t.id.replace('-', " ")));
            phrases.retain(|p| !p.is_empty());
            phrases.dedup();
            Matcher {
                id: t.id.to_string(),
                phrases,
            }
        })
        .collect()
}

/// Scores of every topic for `c`, best first (ties by id), zeros dropped.
fn scores(matchers: &[Matcher], c: &Candidate) -> Vec<(String, u32)> {
    let mut strong = words(&c.title);
    for h in &c.hints {
        strong.push(String::new()); // a phrase never spans two hints
        strong.extend(words(h));
    }
    let weak = words(c.note.as_deref().unwrap_or(""));
    let mut out: Vec<(String, u32)> = matchers
        .iter()
        .map(|m| {
            let score = m
                .phrases
                .iter()
                .map(|p| {
                    if contains_phrase(&strong, p) {
                        TITLE_WEIGHT
                    } else if contains_phrase(&weak, p) {
                        NOTE_WEIGHT
                    } else {
                        0
                    }
                })
                .sum();
            (m.id.clone(), score)
        })
        .filter(|(_, s)| *s > 0)
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The best topic above the threshold, and the close seconds for `also`.
pub fn suggest(course: &Course, c: &Candidate) -> (Option<String>, Vec<String>, u32) {
    pick(&scores(&matchers(course), c))
}

fn pick(scored: &[(String, u32)]) -> (Option<String>, Vec<String>, u32) {
    let Some((best, top)) = scored.first() else {
        return (None, Vec::new(), 0);
    };
    if *top < THRESHOLD {
        return (None, Vec::new(), *top);
    }
    let also = scored[1..]
        .iter()
        .filter(|(_, s)| *s >= THRESHOLD && s * 3 >= top * 2)
        .take(2)
        .map(|(id, _)| id.clone())
        .collect();
    (Some(best.clone()), also, *top)
}

/// Decides the fate of every candidate: duplicate (of the corpus or of an earlier candidate)
/// or new, with its topic, score and id.
pub fn decide(
    course: &Course,
    inputs: &[(PathBuf, Vec<Candidate>)],
    into: Option<&str>,
) -> (Vec<Row>, Vec<Diagnostic>) {
    let matchers = matchers(course);
    // The corpus first, then each new link as it is decided: a candidate is a duplicate of
    // the earliest of them that names the same page.
    let mut known: urls::UrlIndex<String> = urls::UrlIndex::new();
    for l in course.links().chain(course.inbox.iter()) {
        known.insert(&l.url, l.id.to_string());
    }
    let mut taken: HashSet<String> = course
        .links()
        .chain(course.inbox.iter())
        .map(|l| l.id.to_string())
        .chain(course.topics.iter().map(|t| t.id.to_string()))
        .collect();
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for (file, candidates) in inputs {
        for c in candidates {
            // The corpus would refuse it; better to say so here, at the line it came from.
            let url = match check_url(&c.url) {
                Ok(url) => urls::clean(&url),
                Err(why) => {
                    warnings.push(
                        warning(file, c.line, 1, format!("URL `{}` {why}; skipped", c.url))
                            .with_help("only http:// and https:// links can be imported"),
                    );
                    continue;
                }
            };
            let c = Candidate { url, ..c.clone() };
            let scored = scores(&matchers, &c);
            let (mut topic, mut also, score) = pick(&scored);
            if let Some(into) = into {
                // The suggestion that --into overrides still says something: keep it as a tag.
                if let Some(suggested) = topic.take().filter(|t| t != into) {
                    also.insert(0, suggested);
                }
                also.retain(|a| a != into);
                also.truncate(2);
                topic = Some(into.to_string());
            }
            let mut id = None;
            let duplicate_of = known
                .find_or_insert_with(&c.url, || {
                    let base = slug_from_url(&c.url);
                    let mut fresh = base.clone();
                    let mut n = 2;
                    while taken.contains(&fresh) {
                        fresh = format!("{base}-{n}");
                        n += 1;
                    }
                    taken.insert(fresh.clone());
                    id = Some(fresh.clone());
                    fresh
                })
                .cloned();
            rows.push(Row {
                file: file.clone(),
                candidate: c,
                topic,
                also,
                score,
                duplicate_of,
                id,
            });
        }
    }
    (rows, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, Topic};

    fn course() -> Course {
        let topic = |id: &str, kw: &[&str]| Topic {
            keywords: kw.iter().map(|s| s.to_string()).collect(),
            ..Topic::new(id.parse().unwrap())
        };
        let mut consensus = topic("consensus", &["paxos", "raft", "leader election"]);
        consensus.links.push(Link::new(
            "how-to-do-distributed-locking".parse().unwrap(),
            consensus.id.clone(),
            check_url("https://martin.kleppmann.com/2016/02/08/how-to-do-distributed-locking.html")
                .unwrap(),
        ));
        Course {
            topics: vec![
                consensus,
                topic(
                    "testing",
                    &["deterministic simulation", "model checker", "fuzzing"],
                ),
                topic("time-and-clocks", &["clock", "lease"]),
            ],
            ..Course::default()
        }
    }

    fn cand(title: &str, note: &str) -> Candidate {
        Candidate {
            title: title.into(),
            note: Some(note.into()),
            url: "https://example.com/post".into(),
            ..Candidate::default()
        }
    }

    #[test]
    fn title_keyword_places_the_link_and_close_seconds_go_to_also() {
        let c = course();
        let (t, also, s) = suggest(&c, &cand("Understanding Paxos the intuitive way", ""));
        assert_eq!((t.as_deref(), also.len(), s), (Some("consensus"), 0, 3));
        let (t, also, s) = suggest(&c, &cand("Raft leases", "deterministic simulation of raft"));
        assert_eq!(t.as_deref(), Some("consensus"));
        assert_eq!(also, vec!["time-and-clocks".to_string()]);
        assert_eq!(s, 3);
    }

    #[test]
    fn blurb_alone_is_weak() {
        let c = course();
        let (t, _, s) = suggest(&c, &cand("Some post", "mentions a model checker once"));
        assert_eq!((t, s), (None, NOTE_WEIGHT));
        let mut hinted = cand("Some post", "");
        hinted.hints = vec!["Testing".into()];
        assert_eq!(suggest(&c, &hinted).0.as_deref(), Some("testing"));
    }

    #[test]
    fn duplicates_and_unique_ids() {
        let c = course();
        let a = Candidate {
            url: "https://martin.kleppmann.com/2016/02/08/h...".into(),
            ..Candidate::default()
        };
        let b = Candidate {
            url: "https://consensus/".into(),
            ..Candidate::default()
        };
        let b2 = Candidate {
            url: "https://www.consensus/?utm_source=feed".into(),
            ..Candidate::default()
        };
        let bad = Candidate {
            url: "ftp://example.com/file".into(),
            line: 9,
            ..Candidate::default()
        };
        let (rows, warnings) = decide(&c, &[(PathBuf::from("f"), vec![a, bad, b, b2])], None);
        assert_eq!(rows.len(), 3, "{warnings:?}");
        assert_eq!(
            warnings[0].to_string(),
            "f:9:1: warning: URL `ftp://example.com/file` uses the `ftp:` scheme, which is not allowed; skipped\n  help: only http:// and https:// links can be imported"
        );
        assert_eq!(
            rows[0].duplicate_of.as_deref(),
            Some("how-to-do-distributed-locking")
        );
        // `consensus` is a topic id: the link gets the next free one.
        assert_eq!(rows[1].id.as_deref(), Some("consensus-2"));
        assert_eq!(rows[2].duplicate_of.as_deref(), Some("consensus-2"));
    }

    #[test]
    fn defaults() {
        assert_eq!(default_kind("https://arxiv.org/abs/1234.5678"), Kind::Paper);
        assert_eq!(
            default_kind("https://dl.acm.org/doi/10.1145/..."),
            Kind::Paper
        );
        assert_eq!(
            default_kind("https://www.youtube.com/watch?v=x"),
            Kind::Video
        );
        assert_eq!(
            default_kind("https://github.com/jepsen-io/maelstrom"),
            Kind::Tool
        );
        assert_eq!(default_kind("https://example.com/a.PDF"), Kind::Paper);
        assert_eq!(default_kind("https://example.com/post"), Kind::Article);
        assert!(default_minutes(Kind::Paper) > default_minutes(Kind::Article));
    }
}
