//! The fate of every candidate: not a reading (a profile page), a duplicate (of the corpus or
//! of an earlier candidate, under any of its addresses), or new, with its topic and id.

use super::lean::{Headings, Lean};
use super::suggest::Suggester;
use super::work::{Identity, Works};
use super::{evidence, warning, Candidate, Duplicate, Row};
use crate::corpus::url::{check_url, slug_from_url};
use crate::corpus::url_key as urls;
use crate::diagnostics::Diagnostic;
use crate::model::Course;
// Fast hashes: these are the import's own tables, keyed by its own strings, and
// each of 200,000 rows looks up several of them.
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
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

/// The candidate with a checked, cleaned URL (and alternates), or why it is skipped. It is
/// taken and given back, so that its text is not copied.
fn checked(file: &std::path::Path, mut c: Candidate) -> Result<Candidate, Diagnostic> {
    let url = check_url(&c.url).map_err(|why| {
        warning(file, c.line, 1, format!("URL `{}` {why}; skipped", c.url))
            .with_help("only http:// and https:// links can be imported")
    })?;
    let (profile, discussion) = evidence::profile_or_discussion(&url);
    let not_a_reading = if profile {
        Some((
            "a profile page",
            "link to something the person wrote instead",
        ))
    } else if discussion {
        Some(("a discussion thread", "import the reading it discusses"))
    } else {
        None
    };
    if let Some((what, help)) = not_a_reading {
        return Err(warning(
            file,
            c.line,
            1,
            format!("`{url}` is {what}, not a reading; skipped"),
        )
        .with_help(help));
    }
    c.alternates = c
        .alternates
        .iter()
        .filter(|a| !evidence::is_discussion(a))
        .filter_map(|a| check_url(a).ok())
        .map(|a| urls::clean(&a))
        .collect();
    c.url = urls::clean(&url);
    Ok(c)
}

/// Decides every candidate of `inputs` against `course`; `into` overrides the topic.
pub fn decide(
    course: &Course,
    inputs: &[(PathBuf, Vec<Candidate>)],
    into: Option<&str>,
) -> (Vec<Row>, Vec<Diagnostic>) {
    decide_with(course, &Suggester::new(course), inputs, into)
}

/// [`decide`] taking the candidates: each moves into its row instead of being copied (an
/// import of 200,000 links holds them all until it is reported).
pub(crate) fn decide_owned(
    course: &Course,
    inputs: super::Inputs,
    into: Option<&str>,
) -> (Vec<Row>, Vec<Diagnostic>) {
    let count = inputs.iter().map(|(_, cs)| cs.len()).sum();
    let inputs = inputs
        .into_iter()
        .map(|(file, candidates)| (file, Draining::new(candidates)));
    decide_all(course, &Suggester::new(course), inputs, count, into)
}

/// The candidates of one file in order, each taken out as it is decided, and the list's
/// memory given back as it empties (the rows they move into grow meanwhile): the list of
/// 200,000 links is 50 MB by itself. The sections a link sits in are dropped: only
/// `new --from` reads them, from the parse.
struct Draining(Vec<Candidate>);

impl Draining {
    fn new(mut candidates: Vec<Candidate>) -> Self {
        // Taken from the end, which a shrink gives back in place.
        candidates.reverse();
        Draining(candidates)
    }
}

impl Iterator for Draining {
    type Item = Candidate;

    fn next(&mut self) -> Option<Candidate> {
        let mut c = self.0.pop()?;
        c.section = Vec::new();
        if self.0.capacity() > 4096 && self.0.len() < self.0.capacity() / 4 * 3 {
            self.0.shrink_to_fit();
        }
        Some(c)
    }
}

/// [`decide`] with a suggester of the caller's (other settings, measured by
/// [`super::labels`]).
pub(crate) fn decide_with(
    course: &Course,
    suggester: &Suggester,
    inputs: &[(PathBuf, Vec<Candidate>)],
    into: Option<&str>,
) -> (Vec<Row>, Vec<Diagnostic>) {
    let count = inputs.iter().map(|(_, cs)| cs.len()).sum();
    let owned = inputs.iter().map(|(f, cs)| (f.clone(), cs.iter().cloned()));
    decide_all(course, suggester, owned, count, into)
}

/// What the work index knows a work by: a link of the corpus (its number among
/// `course.links()` and the inbox) or a new link of this import (its number among them). Its
/// id is looked up there, so the index holds no copy of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Known {
    Corpus(usize),
    New(usize),
}

/// Where a new link of this import went: its row, or (when it turned out to have no address
/// of its own and was skipped) only its id, which later candidates may still be duplicates of.
enum Placed {
    Row(usize),
    Skipped(String),
}

/// The decisions, one candidate at a time; `count` candidates in all (to size the rows).
fn decide_all<C: IntoIterator<Item = Candidate>>(
    course: &Course,
    suggester: &Suggester,
    inputs: impl IntoIterator<Item = (PathBuf, C)>,
    count: usize,
    into: Option<&str>,
) -> (Vec<Row>, Vec<Diagnostic>) {
    // The corpus first, then each new link as it is decided: a candidate is a duplicate of
    // the earliest work it is (see [`super::work`]).
    let corpus: Vec<&crate::model::Link> = course.links().chain(course.inbox.iter()).collect();
    let mut known: Works<Known> = Works::with_capacity(corpus.len() + count);
    for (n, l) in corpus.iter().enumerate() {
        let urls: Vec<&str> = std::iter::once(l.url.as_str())
            .chain(l.alternates.iter().map(String::as_str))
            .collect();
        known.insert(
            &Identity {
                urls,
                title: &l.title,
                authors: &l.authors,
                published: l.published.as_deref(),
                note: None,
            },
            Known::Corpus(n),
        );
    }
    // Addresses an import recorded for corpus links (a new link's are its row's alternates).
    let mut recorded: HashMap<usize, Vec<String>> = HashMap::new();
    let mut recorded_new: HashMap<usize, Vec<String>> = HashMap::new();
    let mut taken = taken_ids(course);
    let mut rows: Vec<Row> = Vec::with_capacity(count);
    // The topics' ids the rows name, each once.
    let mut topic_ids: HashMap<String, std::sync::Arc<str>> = HashMap::new();
    let mut share = |topic: String| -> std::sync::Arc<str> {
        std::sync::Arc::clone(
            topic_ids
                .entry(topic)
                .or_insert_with_key(|t| t.as_str().into()),
        )
    };
    // The headings the rows sit under, their reasons and scored topics, each once.
    let mut headings = Headings::default();
    let mut reasons = HashSet::new();
    let mut scores = super::Scores::default();
    let mut warnings = Vec::new();
    let mut placed: Vec<Placed> = Vec::new();
    let id_of = |rows: &[Row], placed: &[Placed], k: Known| -> String {
        match k {
            Known::Corpus(n) => corpus[n].id.to_string(),
            Known::New(n) => match &placed[n] {
                Placed::Row(r) => rows[*r].id.clone().unwrap_or_default(),
                Placed::Skipped(id) => id.clone(),
            },
        }
    };
    // The files whose readings are mostly outside the course's field (see [`OffField`]).
    let mut off_field_files: Vec<std::sync::Arc<std::path::Path>> = Vec::new();
    for (file, candidates) in inputs {
        let file: std::sync::Arc<std::path::Path> = file.into();
        let mut list = OffField::default();
        for c in candidates {
            let c = match checked(&file, c) {
                Ok(c) => c,
                Err(w) => {
                    warnings.push(w);
                    continue;
                }
            };
            let addresses: Vec<&str> = std::iter::once(c.url.as_str())
                .chain(c.alternates.iter().map(String::as_str))
                .collect();
            let mut id = None;
            let new = placed.len();
            let decision = known.find_or_insert(
                &Identity {
                    urls: addresses.clone(),
                    title: c.own_title.as_deref().unwrap_or(&c.title),
                    authors: &c.authors,
                    published: c.published.as_deref(),
                    note: c.note.as_deref(),
                },
                || {
                    id = Some(fresh_id(slug_from_url(&c.url), &mut taken));
                    Known::New(new)
                },
            );
            for conflict in &decision.conflicts {
                let other = id_of(&rows, &placed, conflict.other);
                warnings.push(
                    warning(
                        &file,
                        c.line,
                        1,
                        format!(
                            "`{}` {}; kept apart",
                            c.title,
                            conflict.message.replace("{other}", &other)
                        ),
                    )
                    .with_help(format!(
                        "if it is the same work, add its address to the `alternates` of `{other}`; \
                         if not, correct the source",
                    )),
                );
            }
            let own = |u: &&str| !decision.foreign.contains(&urls::key(u));
            if let Some((of, reason)) = decision.same {
                let addresses: Vec<&str> = addresses.iter().copied().filter(own).collect();
                // What the work is known by so far: its addresses, and those recorded.
                let (main, alternates, more): (&str, &[String], &[String]) = match of {
                    Known::Corpus(n) => (
                        &corpus[n].url,
                        &corpus[n].alternates,
                        recorded.get(&n).map_or(&[], Vec::as_slice),
                    ),
                    Known::New(n) => match placed[n] {
                        Placed::Row(r) => {
                            (&*rows[r].candidate.url, rows[r].candidate.alternates(), &[])
                        }
                        Placed::Skipped(_) => {
                            ("", &[], recorded_new.get(&n).map_or(&[], Vec::as_slice))
                        }
                    },
                };
                let unsure = matches!(of, Known::Corpus(n)
                    if corpus[n].url_status != crate::model::UrlStatus::Confirmed);
                // Links whose address is a guess or cut short: a new address of theirs is a
                // repair for `check --links --fix` or `sync` to make, not an alternate to
                // record. An address another work is known by is that work's, not this one's.
                let record: Vec<String> = new_addresses(
                    &addresses,
                    std::iter::once(main)
                        .filter(|u| !u.is_empty())
                        .chain(alternates.iter().map(String::as_str))
                        .chain(more.iter().map(String::as_str)),
                )
                .into_iter()
                .filter(|u| !known.knows_address(u) && !unsure)
                .collect();
                if let Some(at) = decision.at {
                    known.add_addresses_at(at, &record);
                }
                let duplicate_of = id_of(&rows, &placed, of);
                let record = match of {
                    // A second address of a link this import adds: one link, more addresses.
                    Known::New(n) if matches!(placed[n], Placed::Row(_)) => {
                        let Placed::Row(r) = placed[n] else {
                            unreachable!("matched above")
                        };
                        rows[r].candidate.extend_alternates(record);
                        Vec::new()
                    }
                    Known::New(n) => {
                        if !record.is_empty() {
                            recorded_new
                                .entry(n)
                                .or_default()
                                .extend(record.iter().cloned());
                        }
                        record
                    }
                    Known::Corpus(n) => {
                        if !record.is_empty() {
                            recorded
                                .entry(n)
                                .or_default()
                                .extend(record.iter().cloned());
                        }
                        record
                    }
                };
                list.held += 1;
                rows.push(Row {
                    file: std::sync::Arc::clone(&file),
                    candidate: Lean::new(c, &mut headings),
                    topic: None,
                    also: Vec::new(),
                    candidates: Vec::new().into(),
                    duplicate: Some(Box::new(Duplicate {
                        of: duplicate_of,
                        reason: Some(reason.describe()),
                        record,
                    })),
                    id: None,
                    why: super::Texts::default(),
                });
                continue;
            }
            // Another work's identifier is no address of this one.
            let kept: Option<Vec<String>> = (!decision.foreign.is_empty()).then(|| {
                addresses
                    .iter()
                    .copied()
                    .filter(own)
                    .map(String::from)
                    .collect()
            });
            let mut c = c;
            if let Some(kept) = kept {
                let mut kept = kept.into_iter();
                let Some(url) = kept.next() else {
                    if let Some(id) = id {
                        placed.push(Placed::Skipped(id));
                    }
                    warnings.push(
                        warning(
                            &file,
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
            if id.is_some() {
                placed.push(Placed::Row(rows.len()));
            }
            if into.is_none() {
                list.note(rows.len(), &c.title, &s);
            }
            let candidates = scores.share(
                s.candidates
                    .into_iter()
                    .map(|(topic, score)| (share(topic), score))
                    .collect(),
            );
            rows.push(Row {
                file: std::sync::Arc::clone(&file),
                candidate: Lean::new(c, &mut headings),
                topic: s.topic.map(&mut share),
                also: s.also,
                candidates,
                duplicate: None,
                id,
                why: s
                    .why
                    .into_iter()
                    .collect::<super::Texts>()
                    .shared(&mut reasons),
            });
        }
        if list.raise_the_bar(&mut rows) {
            off_field_files.push(file);
        }
    }
    // The index and the tables are done with: the rows are what is left.
    drop((
        known,
        taken,
        recorded,
        recorded_new,
        placed,
        headings,
        reasons,
        scores,
    ));
    if into.is_none() {
        section_agreement(course, suggester, &mut rows, &off_field_files);
    }
    (rows, warnings)
}

/// A list (one file) is mostly outside the course's field when at least this share of its
/// readings have no weighty word of the field in their titles (nor a topic's name): well
/// above half, since a list of a neighbouring field (a blog on blockchain consensus, for a
/// course without a topic on it) has about half its titles in words the course does not
/// use. And it has at
/// least [`OFF_FIELD_LEAST`] readings (of titles of [`OFF_FIELD_WORDS`] words or more, or
/// held).
const OFF_FIELD_SHARE: f32 = 0.6;
const OFF_FIELD_LEAST: usize = 8;
/// The least field weight (see `super::domain`) of a title's most weighty word for the
/// reading to count as of the field in a list's share: a list that says "cloud", "cluster"
/// or "testing" in its everyday sense is not of the field for that.
const OFF_FIELD_STRENGTH: f32 = 4.5;
/// The least number of words of a title that counts towards a list's share (see
/// [`OffField::note`]).
const OFF_FIELD_WORDS: usize = 3;

/// The whole list as evidence: a general resources page or a blog on many subjects whose
/// readings are mostly outside the course's field files its few readings of the field only
/// on strong, specific evidence. There a word shared with a topic ("testing", "virtual
/// machine", "transaction") says little: the list uses the field's words in their everyday
/// sense. A reading of such a list is filed only when its title names the topic
/// specifically (a term of several words, a system's or a protocol's name: see
/// [`Suggestion::specific`](super::suggest::Suggestion)); the rest go to the inbox with
/// their closest topics. Held readings count as of the field.
#[derive(Default)]
struct OffField {
    /// How many of its readings have titles of [`OFF_FIELD_WORDS`] words or more, and how
    /// many of those have no word of the field.
    titled: usize,
    outside: usize,
    /// How many of its readings the course or the list already holds: of the field.
    held: usize,
    /// Its rows filed without naming their topic specifically.
    loose: Vec<usize>,
}

impl OffField {
    /// Notes the suggestion `s` for the new reading titled `title`, about to be row `row`.
    fn note(&mut self, row: usize, title: &str, s: &super::suggest::Suggestion) {
        // A title of a word or two (a person's name, "Blog", "GitHub") is a page's
        // furniture more than a sign of what the list is about: it is not counted.
        if title.split_whitespace().nth(OFF_FIELD_WORDS - 1).is_some() {
            self.titled += 1;
            if s.field_strength < OFF_FIELD_STRENGTH {
                self.outside += 1;
            }
        }
        if s.topic.is_some() && !s.specific {
            self.loose.push(row);
        }
    }

    /// When the list is mostly outside the field, sends its rows filed on words alone to
    /// the inbox, saying why; whether it did.
    fn raise_the_bar(&self, rows: &mut [Row]) -> bool {
        let read = self.titled + self.held;
        if read < OFF_FIELD_LEAST || (self.outside as f32) < OFF_FIELD_SHARE * read as f32 {
            return false;
        }
        let why = format!(
            "the list is mostly outside the course's field ({} of its {read} readings): \
             only a topic's specific term or a system's name files a reading of it, \
             not words it shares with a topic",
            self.outside
        );
        for &r in &self.loose {
            let row = &mut rows[r];
            row.topic = None;
            row.also.clear();
            // What the title names stays said, as not enough.
            row.why.retain(|w| !w.contains(" names the topic: "));
            row.why.push(&why);
        }
        true
    }
}

/// Of the readings placed under one heading of a list, at least this share in one topic
/// (and at least [`SECTION_LEAST`] of them) speak for it.
const SECTION_SHARE: f32 = 2.0 / 3.0;
const SECTION_LEAST: usize = 2;

/// A list's structure as evidence: when most readings under one heading of a file are in one
/// topic (filed there by the suggester, or the same work as a course link of that topic), a
/// reading under it that the suggester left in the inbox with that topic as its best
/// candidate is filed there too. The reading's own title must be of the course's field (a
/// career essay under "Consensus" stays out), and the topic must already be its
/// best: the heading breaks a near miss, it does not overrule the reading's words. Only the
/// suggester's own filings count as the section's, so one rescued reading never rescues
/// another.
fn section_agreement(
    course: &Course,
    suggester: &Suggester,
    rows: &mut [Row],
    off_field: &[std::sync::Arc<std::path::Path>],
) {
    let held: HashMap<&str, &str> = course
        .links()
        .map(|l| (l.id.as_str(), l.topic.as_str()))
        .collect();
    let filed: HashMap<&str, &str> = rows
        .iter()
        .filter_map(|r| Some((r.id.as_deref()?, r.topic.as_deref()?)))
        .collect();
    // Per file and first hint (the heading a reading sits under): the topics of its readings.
    let mut sections: HashMap<(&std::path::Path, &str), HashMap<&str, usize>> = HashMap::new();
    for r in rows.iter() {
        let Some(heading) = r.candidate.heading() else {
            continue;
        };
        let topic = match (r.duplicate_of(), &r.topic) {
            (Some(of), _) => held.get(of).or_else(|| filed.get(of)).copied(),
            (None, t) => t.as_deref(),
        };
        let counts = sections.entry((&*r.file, heading)).or_default();
        if let Some(t) = topic {
            *counts.entry(t).or_default() += 1;
        }
    }
    let agreed: HashMap<(&std::path::Path, &str), (String, usize, usize)> = sections
        .into_iter()
        .filter_map(|(key, counts)| {
            let placed: usize = counts.values().sum();
            let (topic, n) = counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))?;
            (n >= SECTION_LEAST && n as f32 >= SECTION_SHARE * placed as f32)
                .then(|| (key, (topic.to_string(), n, placed)))
        })
        .collect();
    if agreed.is_empty() {
        return;
    }
    let mut rescued: Vec<(usize, String, String)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        // A list mostly outside the field files only on a reading's own strong evidence.
        if !r.is_new() || r.topic.is_some() || off_field.contains(&r.file) {
            continue;
        }
        let Some(heading) = r.candidate.heading() else {
            continue;
        };
        let Some((topic, n, placed)) = agreed.get(&(&*r.file, heading)) else {
            continue;
        };
        let best = r.candidates.first().map(|(t, _)| &**t);
        if best == Some(topic.as_str()) && suggester.of_field(&r.candidate.to_candidate()) {
            rescued.push((
                i,
                topic.clone(),
                format!(
                    "its heading: {n} of the {placed} readings placed under it are in {topic}, its best topic"
                ),
            ));
        }
    }
    for (i, topic, why) in rescued {
        let r = &mut rows[i];
        r.topic = Some(topic.into());
        // The inbox's reason gives way to the section's.
        r.why.retain(|w| {
            !w.starts_with("too little evidence") && !w.ends_with("are too close to choose")
        });
        r.why.push(&why);
    }
}

/// The addresses of a candidate that the work it is was not yet known by: what an import
/// records as its alternates. Truncated addresses are never recorded.
fn new_addresses<'a>(candidate: &[&str], known: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen: Vec<String> = known.map(urls::key).collect();
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
            rows[0].duplicate_of(),
            Some("how-to-do-distributed-locking")
        );
        // `consensus` is a topic id: the link gets the next free one.
        assert_eq!(rows[1].id.as_deref(), Some("consensus-2"));
        assert_eq!(rows[2].duplicate_of(), Some("consensus-2"));
        assert_eq!(rows[3].duplicate_of(), Some("lamport-1978"));
    }
}
