//! The fate of every candidate: not a reading (a profile page), a duplicate (of the corpus or
//! of an earlier candidate, under any of its addresses), or new, with its topic and id.

use super::suggest::Suggester;
use super::work::{Identity, Works};
use super::{evidence, warning, Candidate, Row};
use crate::corpus::url::{check_url, slug_from_url};
use crate::corpus::url_key as urls;
use crate::diagnostics::Diagnostic;
use crate::model::Course;
use std::collections::HashMap;
use std::collections::HashSet;
use std::path::PathBuf;

/// Ids already used by the corpus: links, inbox links and topics share one namespace.
fn taken_ids(course: &Course) -> HashSet<String> {
    course
        .links()
        .chain(course.inbox.iter())
        .map(|l| l.id.to_string())
        .chain(course.topics.iter().map(|t| t.id.to_string()))
        .collect()
}

/// `base`, or `base-2`, `base-3`, ... when taken.
fn fresh_id(base: String, taken: &mut HashSet<String>) -> String {
    let mut fresh = base.clone();
    let mut n = 2;
    while taken.contains(&fresh) {
        fresh = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(fresh.clone());
    fresh
}

/// The candidate with a checked, cleaned URL (and alternates), or why it is skipped.
fn checked(file: &std::path::Path, c: &Candidate) -> Result<Candidate, Diagnostic> {
    let url = check_url(&c.url).map_err(|why| {
        warning(file, c.line, 1, format!("URL `{}` {why}; skipped", c.url))
            .with_help("only http:// and https:// links can be imported")
    })?;
    if evidence::is_profile(&url) {
        return Err(warning(
            file,
            c.line,
            1,
            format!("`{url}` is a profile page, not a reading; skipped"),
        )
        .with_help("link to something the person wrote instead"));
    }
    let alternates = c
        .alternates
        .iter()
        .filter_map(|a| check_url(a).ok())
        .map(|a| urls::clean(&a))
        .collect();
    Ok(Candidate {
        url: urls::clean(&url),
        alternates,
        ..c.clone()
    })
}

/// Decides every candidate of `inputs` against `course`; `into` overrides the topic.
pub fn decide(
    course: &Course,
    inputs: &[(PathBuf, Vec<Candidate>)],
    into: Option<&str>,
) -> (Vec<Row>, Vec<Diagnostic>) {
    decide_with(course, &Suggester::new(course), inputs, into)
}

/// [`decide`] with a suggester of the caller's (other settings, measured by
/// [`super::labels`]).
pub(crate) fn decide_with(
    course: &Course,
    suggester: &Suggester,
    inputs: &[(PathBuf, Vec<Candidate>)],
    into: Option<&str>,
) -> (Vec<Row>, Vec<Diagnostic>) {
    // The corpus first, then each new link as it is decided: a candidate is a duplicate of
    // the earliest work it is (see [`super::work`]).
    let mut known: Works<String> = Works::new();
    let mut addresses_of: HashMap<String, Vec<String>> = HashMap::new();
    // Links whose address is a guess or cut short: a new address of theirs is a repair for
    // `check --links --fix` or `sync` to make, not an alternate to record.
    let mut unsure: std::collections::HashSet<String> = std::collections::HashSet::new();
    for l in course.links().chain(course.inbox.iter()) {
        let urls: Vec<&str> = std::iter::once(l.url.as_str())
            .chain(l.alternates.iter().map(String::as_str))
            .collect();
        known.insert(
            &Identity {
                urls: urls.clone(),
                title: &l.title,
                authors: &l.authors,
            },
            l.id.to_string(),
        );
        if l.url_status != crate::model::UrlStatus::Confirmed {
            unsure.insert(l.id.to_string());
        }
        addresses_of.insert(
            l.id.to_string(),
            urls.iter().map(|u| u.to_string()).collect(),
        );
    }
    let mut taken = taken_ids(course);
    let mut rows: Vec<Row> = Vec::new();
    // New links of this import by id: a later address of the same work joins the first.
    let mut new_rows: HashMap<String, usize> = HashMap::new();
    let mut warnings = Vec::new();
    for (file, candidates) in inputs {
        for c in candidates {
            let c = match checked(file, c) {
                Ok(c) => c,
                Err(w) => {
                    warnings.push(w);
                    continue;
                }
            };
            let owned: Vec<String> = std::iter::once(c.url.clone())
                .chain(c.alternates.iter().cloned())
                .collect();
            let addresses: Vec<&str> = owned.iter().map(String::as_str).collect();
            let mut id = None;
            let decision = known.find_or_insert(
                &Identity {
                    urls: addresses.clone(),
                    title: c.own_title.as_deref().unwrap_or(&c.title),
                    authors: &c.authors,
                },
                || {
                    let fresh = fresh_id(slug_from_url(&c.url), &mut taken);
                    id = Some(fresh.clone());
                    fresh
                },
            );
            for conflict in &decision.conflicts {
                warnings.push(
                    warning(
                        file,
                        c.line,
                        1,
                        format!(
                            "`{}` {}; kept apart",
                            c.title,
                            conflict.message.replace("{other}", &conflict.other)
                        ),
                    )
                    .with_help(format!(
                        "if it is the same work, add its address to the `alternates` of `{}`; \
                         if not, correct the source",
                        conflict.other
                    )),
                );
            }
            let own = |u: &&str| !decision.foreign.contains(&urls::key(u));
            if let Some((of, reason)) = decision.same {
                let addresses: Vec<&str> = addresses.iter().copied().filter(own).collect();
                // An address another work is known by is that work's, not this one's.
                let record: Vec<String> = new_addresses(&addresses, addresses_of.get(&of))
                    .into_iter()
                    .filter(|u| !known.knows_address(u) && !unsure.contains(&of))
                    .collect();
                known.add_addresses(&of, &record);
                if let Some(&row) = new_rows.get(&of) {
                    // A second address of a link this import adds: one link, more addresses.
                    let first = &mut rows[row].candidate;
                    for a in &record {
                        first.alternates.push(a.clone());
                    }
                    addresses_of
                        .entry(of.clone())
                        .or_default()
                        .extend(record.clone());
                } else if !record.is_empty() {
                    addresses_of
                        .entry(of.clone())
                        .or_default()
                        .extend(record.clone());
                }
                rows.push(Row {
                    file: file.clone(),
                    candidate: c,
                    topic: None,
                    also: Vec::new(),
                    candidates: Vec::new(),
                    duplicate_of: Some(of.clone()),
                    reason: Some(reason.describe()),
                    record: if new_rows.contains_key(&of) {
                        Vec::new()
                    } else {
                        record
                    },
                    id: None,
                    why: Vec::new(),
                });
                continue;
            }
            let mut c = c;
            if !decision.foreign.is_empty() {
                // Another work's identifier is no address of this one.
                let mut kept = addresses.iter().copied().filter(own).map(String::from);
                let Some(url) = kept.next() else {
                    warnings.push(
                        warning(
                            file,
                            c.line,
                            1,
                            format!(
                                "`{}` has no address of its own (only another work's); skipped",
                                c.title
                            ),
                        )
                        .with_help("give it its own URL or DOI in the source"),
                    );
                    continue;
                };
                let rest: Vec<String> = kept.collect();
                c.url = url;
                c.alternates = rest;
            }
            let addresses: Vec<&str> = std::iter::once(c.url.as_str())
                .chain(c.alternates.iter().map(String::as_str))
                .collect();
            let mut s = suggester.suggest(&c);
            if let Some(into) = into {
                // The suggestion that --into overrides still says something: keep it as a tag.
                if let Some(suggested) = s.topic.take().filter(|t| t != into) {
                    s.also.insert(0, suggested);
                }
                s.also.retain(|a| a != into);
                s.also.truncate(2);
                s.topic = Some(into.to_string());
            }
            if let Some(id) = &id {
                new_rows.insert(id.clone(), rows.len());
                addresses_of.insert(
                    id.clone(),
                    addresses.iter().map(|u| u.to_string()).collect(),
                );
            }
            rows.push(Row {
                file: file.clone(),
                candidate: c,
                topic: s.topic,
                also: s.also,
                candidates: s.candidates,
                duplicate_of: None,
                reason: None,
                record: Vec::new(),
                id,
                why: s.why,
            });
        }
    }
    (rows, warnings)
}

/// The addresses of a candidate that the work it is was not yet known by: what an import
/// records as its alternates. Truncated addresses are never recorded.
fn new_addresses(candidate: &[&str], known: Option<&Vec<String>>) -> Vec<String> {
    let mut seen: Vec<String> = known.into_iter().flatten().map(|u| urls::key(u)).collect();
    let mut out = Vec::new();
    for url in candidate {
        if urls::truncated_prefix(url).is_some() {
            continue;
        }
        let key = urls::key(url);
        if !seen.contains(&key) {
            seen.push(key);
            out.push(url.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, Topic};

    #[test]
    fn duplicates_profiles_and_unique_ids() {
        let mut consensus = Topic {
            keywords: vec!["paxos".into()],
            ..Topic::new("consensus".parse().unwrap())
        };
        let link = |id: &str, url: &str| {
            Link::new(
                id.parse().unwrap(),
                "consensus".parse().unwrap(),
                crate::corpus::url::check_url(url).unwrap(),
            )
        };
        consensus.links = vec![
            link(
                "how-to-do-distributed-locking",
                "https://martin.kleppmann.com/2016/02/08/how-to-do-distributed-locking.html",
            ),
            link("lamport-1978", "https://doi.org/10.1145/359545.359563"),
        ]
        .into();
        let c = Course {
            topics: vec![consensus],
            ..Course::default()
        };
        let cand = |url: &str, alternates: &[&str]| Candidate {
            url: url.into(),
            alternates: alternates.iter().map(|s| s.to_string()).collect(),
            line: 9,
            ..Candidate::default()
        };
        let input = vec![
            cand("https://martin.kleppmann.com/2016/02/08/h...", &[]),
            cand("ftp://example.com/file", &[]),
            cand("https://consensus/", &[]),
            cand("https://www.consensus/?utm_source=feed", &[]),
            cand(
                "https://lamport.azurewebsites.net/pubs/time-clocks.pdf",
                &["https://dl.acm.org/citation.cfm?id=359563"],
            ),
            cand("https://twitter.com/lamport", &[]),
        ];
        let (rows, warnings) = decide(&c, &[(PathBuf::from("f"), input)], None);
        assert_eq!(rows.len(), 4, "{warnings:?}");
        assert_eq!(
            warnings[0].to_string(),
            "f:9:1: warning: URL `ftp://example.com/file` uses the `ftp:` scheme, which is not allowed; skipped\n  help: only http:// and https:// links can be imported"
        );
        assert!(warnings[1]
            .to_string()
            .contains("is a profile page, not a reading"));
        assert_eq!(
            rows[0].duplicate_of.as_deref(),
            Some("how-to-do-distributed-locking")
        );
        // `consensus` is a topic id: the link gets the next free one.
        assert_eq!(rows[1].id.as_deref(), Some("consensus-2"));
        assert_eq!(rows[2].duplicate_of.as_deref(), Some("consensus-2"));
        assert_eq!(rows[3].duplicate_of.as_deref(), Some("lamport-1978"));
    }
}
