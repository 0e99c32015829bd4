//! Drafting a course from a raw list of readings: the topics a curator would keep, the
//! prerequisites between them with the reason for each, and the stages they fall into.
//!
//! `syllabus new DIR --from FILE` calls [`draft`] with what the import parsers read; the
//! scaffold writes the result. The steps, one submodule each:
//! - [`sections`]: where the list has sections (headings, folders, a schedule's topic column),
//!   topics follow them; generic sections become a "further reading" topic, navigation and
//!   link collections the inbox;
//! - [`cluster`]: where it has none, TF-IDF vectors of each reading's text, cosine similarity
//!   and average-linkage clustering into 4-15 topics, each named from its distinctive words;
//! - [`prereqs`]: prerequisites from a like course, key terms, introductory readings and the
//!   list's order, each with its reason, never a cycle;
//! - [`stages`]: stages from prerequisite depth, each with a one-line outcome.
//!
//! Nothing here knows the shipped course: it comes in only as `like`, when the caller passes
//! it.

pub(crate) mod cluster;
pub(crate) mod prereqs;
pub mod render;
pub(crate) mod sections;
pub(crate) mod series;
pub(crate) mod stages;

use crate::import::domain;
use crate::import::Candidate;
use crate::model::{Course, Level};
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

/// Where one reading is: (file index, candidate index) in the inputs.
pub type Key = (usize, usize);

/// How the topics were found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Sections,
    Clusters,
    /// Clusters, because the list's sections name levels or kinds of resource.
    Regrouped,
}

impl Method {
    /// Whether the topics are clusters of the readings' text.
    pub fn clustered(self) -> bool {
        self != Method::Sections
    }
}

/// A proposed prerequisite: the topic (index into [`Draft::topics`]) and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Prereq {
    pub topic: usize,
    pub why: String,
}

#[derive(Clone, Debug)]
pub struct Topic {
    /// A file stem, unique among the draft's topics.
    pub id: String,
    pub title: String,
    /// Plain text (no Markdown from the list).
    pub summary: String,
    /// Where it came from: "the section \"Paxos\"", "a cluster of 12 readings".
    pub origin: String,
    pub keywords: Vec<String>,
    /// The topic's readings, in reading order (introductory first, then by year).
    pub members: Vec<Key>,
    pub requires: Vec<Prereq>,
    /// Index into [`Draft::stages`].
    pub stage: usize,
    /// The generic sections' readings ("Miscellaneous", "Further reading").
    pub further: bool,
    /// Most of its readings are surveys, introductions or overviews.
    pub intro: bool,
}

#[derive(Clone, Debug)]
pub struct Stage {
    pub id: String,
    pub title: String,
    pub outcome: String,
}

/// The draft of a course.
#[derive(Clone, Debug)]
pub struct Draft {
    pub method: Method,
    pub topics: Vec<Topic>,
    pub stages: Vec<Stage>,
    /// Readings no topic holds, each with why.
    pub inbox: Vec<(Key, String)>,
    /// The title of the course the prerequisites learned from, when it lent its order (the
    /// list is in its field).
    pub like: Option<String>,
    /// Which course the draft could learn from and why, or why none, for the README; set
    /// by the caller that chose it (empty: nothing to say).
    pub consulted: String,
    /// What the stages follow, for the README.
    pub staged_by: &'static str,
    /// The works the list gives no address for, kept with a search URL marked `guessed`:
    /// "`key` Title".
    pub unaddressed: Vec<String>,
    /// Links each topic file (by id) and `inbox` holds as written, once the import folded
    /// duplicate addresses; empty until the files are rendered.
    pub written: BTreeMap<String, usize>,
}

impl Draft {
    /// How many links `id` (a topic or `inbox`) holds as written, else `drafted`.
    pub fn written_or(&self, id: &str, drafted: usize) -> usize {
        self.written.get(id).copied().unwrap_or(drafted)
    }
}

/// One reading as the drafting sees it.
#[derive(Clone)]
pub(crate) struct Reading<'a> {
    pub key: Key,
    pub c: &'a Candidate,
    /// Position in the inputs, all files in order.
    pub order: usize,
    /// Its words ([`domain::normal`] form), title words first.
    pub words: Vec<String>,
    pub title_words: Vec<String>,
    pub year: Option<u32>,
    pub intro: bool,
}

/// Words that say nothing of a topic, in [`domain::normal`] form.
const STOP: &[&str] = &[
    "about",
    "after",
    "again",
    "also",
    "and",
    "are",
    "based",
    "been",
    "being",
    "between",
    "both",
    "but",
    "can",
    "could",
    "doe",
    "each",
    "for",
    "from",
    "had",
    "has",
    "have",
    "how",
    "into",
    "its",
    "just",
    "make",
    "more",
    "most",
    "new",
    "not",
    "one",
    "other",
    "our",
    "out",
    "over",
    "part",
    "should",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "two",
    "use",
    "used",
    "using",
    "very",
    "via",
    "was",
    "way",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "you",
    "your",
    "all",
    "any",
    "also",
    "only",
    "own",
    "same",
    "see",
    "under",
    "upon",
    "well",
    "http",
    "https",
    "www",
    "com",
    "org",
    "pdf",
    "html",
    "paper",
    "proceeding",
    "conference",
    "international",
    "symposium",
    "journal",
    "acm",
    "ieee",
    "vol",
    "volume",
    "page",
    "pp",
    "technical",
    "report",
    "university",
    "press",
    "edition",
    "chapter",
    "introduction",
    "toward",
    "towards",
    "approach",
    "case",
    "study",
    "note",
    "notes",
    "part",
    "read",
    "reading",
    "post",
    "blog",
    "talk",
    "slide",
    "video",
    "link",
    "here",
    "first",
    "second",
    "third",
    "lecture",
    "week",
    "class",
    "discussion",
    "response",
    "due",
    "today",
    "made",
    "system",
    "project",
    "make",
    "making",
    "thing",
    "thank",
    "thanks",
    "click",
    "external",
];

/// Title words that mark an introductory reading: a survey, an overview, a primer.
const INTRO: &[&str] = &[
    "survey",
    "introduction",
    "introductory",
    "overview",
    "primer",
    "tutorial",
    "basics",
    "fundamentals",
    "beginner",
    "textbook",
    "principles",
    "foundations",
    "gentle",
    "explained",
    "crash course",
    "what is",
    "a note on",
    "review of",
];

/// The words of `text` worth comparing, in [`domain::normal`] form.
pub(crate) fn terms(text: &str) -> Vec<String> {
    domain::words(text)
        .filter(|w| !STOP.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
        .collect()
}

/// How the note of a work the list gives no address for begins.
pub const NO_ADDRESS: &str = "No address in the list";

/// A reading's note as the list wrote it: without the marker the drafting puts on a work
/// without an address (its words are the drafting's, not the list's).
pub(crate) fn list_note(c: &Candidate) -> Option<&str> {
    let n = c.note.as_deref()?;
    match n.strip_prefix(NO_ADDRESS) {
        Some(rest) => rest
            .split_once("own address.")
            .map(|(_, after)| after.trim())
            .filter(|a| !a.is_empty()),
        None => Some(n),
    }
}

/// A work the list names without an address (a BibTeX entry with no url, doi or pdf), kept
/// as a reading whose URL is a search for its title, marked `guessed`: the curator replaces
/// it with the work's own address. None when it has no title to search for.
pub fn unaddressed(key: &str, mut c: Candidate) -> Option<Candidate> {
    if c.title.trim().is_empty() || c.title == key {
        return None;
    }
    let query = format!("\"{}\"", c.title);
    let url =
        url::Url::parse_with_params("https://scholar.google.com/scholar", [("q", &query)]).ok()?;
    // The list's own target, when it gave one no browser opens (`ftp://...`), is said.
    let given = std::mem::replace(&mut c.url, url.to_string());
    let given = match given.trim() {
        g if g.is_empty() || g.starts_with("http://") || g.starts_with("https://") => String::new(),
        g => format!("; its link `{g}` is no web address"),
    };
    c.url_status = crate::model::UrlStatus::Guessed;
    let own = format!(
        "{NO_ADDRESS} (entry `{key}`{given}): the URL is a search for its title; replace it with the work's own address."
    );
    c.note = Some(match c.note.take() {
        Some(n) => format!("{own} {n}"),
        None => own,
    });
    Some(c)
}

/// A work the list names twice, once without an address (two BibTeX entries for one paper
/// under two keys: "Multilisp: A language for..." and "MULTILISP: A Language for..."): the
/// one without takes the other's address, so the import folds them into one link. Titles
/// match when their words and numbers do, ignoring case and punctuation, and are three words
/// or more.
pub fn same_titles(inputs: &mut [(PathBuf, Vec<Candidate>)]) {
    // The numbers a title carries stay in: "Revised$^5$ Report on ..." (1998) and "Revised$^6$
    // Report on ..." (2009) are two works whose other words agree.
    let words = |c: &Candidate| -> String {
        let mut key = domain::words(&c.title).collect::<Vec<_>>().join(" ");
        for number in crate::import::work::title_words(&c.title)
            .into_iter()
            .filter(|w| w.bytes().all(|b| b.is_ascii_digit()))
        {
            key.push_str(" #");
            key.push_str(&number);
        }
        key
    };
    let mut addressed: BTreeMap<String, String> = BTreeMap::new();
    let mut guessed: BTreeMap<String, String> = BTreeMap::new();
    for (_, cs) in inputs.iter() {
        for c in cs {
            let w = words(c);
            if w.split(' ').count() < 3 {
                continue;
            }
            let map = if c.url_status == crate::model::UrlStatus::Guessed {
                &mut guessed
            } else {
                &mut addressed
            };
            map.entry(w).or_insert_with(|| c.url.clone());
        }
    }
    for (_, cs) in inputs.iter_mut() {
        for c in cs.iter_mut() {
            if c.url_status != crate::model::UrlStatus::Guessed {
                continue;
            }
            let w = words(c);
            if let Some(url) = addressed.get(&w).or_else(|| guessed.get(&w)) {
                if *url != c.url {
                    c.url = url.clone();
                }
            }
        }
    }
}

/// Readings the list gives one address but different titles of three words or more that
/// share at most a third of their words ("A Fast File System for Unix" and "The Rio File
/// Cache: Surviving Operating System Crashes" under one DOI): two works, one of them with the
/// other's address. The later one is kept as a work without an address of its own (its URL a
/// search for its title, marked `guessed`), not merged into the first nor dropped, and the
/// clash is reported at its line. Titles sharing more words are two works too when the list
/// gives each a different year.
pub fn shared_addresses(
    inputs: &mut [(PathBuf, Vec<Candidate>)],
) -> Vec<crate::diagnostics::Diagnostic> {
    let mut first: BTreeMap<String, (String, Vec<String>, Option<String>)> = BTreeMap::new();
    let mut out = Vec::new();
    for (file, cs) in inputs.iter_mut() {
        let name = file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        for c in cs.iter_mut() {
            if c.url_status != crate::model::UrlStatus::Confirmed || not_a_reading(c).is_some() {
                continue;
            }
            let words: Vec<String> = distinct(&terms(&c.title))
                .into_iter()
                .map(String::from)
                .collect();
            let Some((title, seen, year)) = first.get(&c.url) else {
                first.insert(c.url.clone(), (c.title.clone(), words, c.published.clone()));
                continue;
            };
            let shared = words.iter().filter(|w| seen.contains(w)).count();
            let union = words.len() + seen.len() - shared;
            // Titles that share most words are still two works when the list dates them
            // apart ("Memory Subsystem Performance of Programs with Intensive Heap
            // Allocation", 1993, and "... Using Copying Garbage Collection", 1994).
            let dated_apart = year.is_some() && c.published.is_some() && *year != c.published;
            if words.len() < 3
                || seen.len() < 3
                || (shared * 3 > union && !(dated_apart && shared < union))
            {
                continue;
            }
            let title = title.clone();
            let key = format!("{name}:{}", c.line);
            let url = c.url.clone();
            if let Some(kept) = unaddressed(&key, c.clone()) {
                *c = kept;
                out.push(
                    crate::import::warning(
                        file,
                        c.line,
                        1,
                        format!(
                            "`{}` has the address of `{title}` ({url}), another work; kept with a search for its title as its URL (url_status = \"guessed\")",
                            c.title
                        ),
                    )
                    .with_help("give it its own URL or DOI in the list, or delete the wrong one"),
                );
            }
        }
    }
    out
}

/// Why a link is no reading, when it is not: a credit ("thanks to [Andy Pavlo](...)"), a guest
/// speaker's or author's homepage beside the reading it credits. Such links name a person,
/// and a curator would not assign them.
pub(crate) fn not_a_reading(c: &Candidate) -> Option<&'static str> {
    let own = c.own_title.as_deref().unwrap_or(&c.title).trim();
    if own.is_empty() {
        return None;
    }
    let note = c.note.as_deref().unwrap_or("").to_lowercase();
    let own_lower = own.to_lowercase();
    let credited = [
        "thanks to ",
        "thank you to ",
        "courtesy of ",
        "credit to ",
        "credits: ",
    ]
    .iter()
    .any(|p| note.contains(&format!("{p}{own_lower}")));
    if credited {
        return Some("a credit link (the person thanked), not a reading");
    }
    // A person's name: two to four capitalised words, no digits or punctuation of a title.
    let words: Vec<&str> = own.split_whitespace().collect();
    let name_like = (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(|ch| ch.is_uppercase())
                && w.chars()
                    .all(|ch| ch.is_alphabetic() || ch == '.' || ch == '-')
        });
    if !name_like {
        return None;
    }
    let introduced = [
        "speaker: ",
        "speaker ",
        "speakers: ",
        "guest: ",
        "presenter: ",
    ]
    .iter()
    .any(|p| note.contains(&format!("{p}{own_lower}")));
    let path: Vec<String> = c
        .url
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .split('/')
        .skip(1)
        .filter(|s| !s.is_empty())
        .map(|s| s.to_lowercase())
        .collect();
    // A site's root is as often a blog or a course ("High Scalability") as a person's page:
    // only a path that says person counts.
    // A document is no homepage, wherever it is kept: "Flat Datacenter Storage" reads like a
    // name, and the course keeps its papers under the teacher's "~user/Readings/FDS.pdf".
    let document = path
        .last()
        .and_then(|s| s.rsplit_once('.'))
        .is_some_and(|(_, ext)| {
            [
                "pdf", "ps", "gz", "ppt", "pptx", "doc", "docx", "djvu", "epub",
            ]
            .contains(&ext)
        });
    let homepage = !document
        && path.len() <= 3
        && path.iter().any(|s| {
            s.starts_with('~')
                || [
                    "people", "person", "profile", "profiles", "users", "user", "author",
                    "authors", "staff", "faculty", "homepage", "home",
                ]
                .contains(&s.as_str())
        });
    (introduced || homepage)
        .then_some("a person's homepage (a speaker or an author), not a reading")
}

/// Whether a reading's title (and level, when the list says) marks it as introductory.
pub(crate) fn is_intro(c: &Candidate) -> bool {
    if c.level == Some(Level::Intro) {
        return true;
    }
    let title = format!(" {} ", c.title.to_lowercase());
    INTRO.iter().any(|w| {
        title.contains(&format!(" {w} "))
            || title.contains(&format!(" {w}:"))
            || title.contains(&format!(" {w},"))
            || title.contains(&format!(" {w}s "))
    })
}

fn year(c: &Candidate) -> Option<u32> {
    if let Some(y) = c
        .published
        .as_deref()
        .and_then(|p| p.get(..4)?.parse().ok())
    {
        return Some(y);
    }
    // Lists write the year in the title or note: "(CACM 1978)", "2014, [Orca...]".
    let text = format!("{} {}", c.title, list_note(c).unwrap_or(""));
    text.split(|ch: char| !ch.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u32>().ok())
        .find(|y| (1940..=2100).contains(y))
}

/// Text from the list as it may appear in a summary or a README: no Markdown or HTML markup,
/// no control characters.
pub(crate) fn plain(text: &str) -> String {
    let t: String = text
        .chars()
        .filter(|c| !c.is_control())
        .filter(|c| {
            !matches!(
                c,
                '<' | '>' | '[' | ']' | '`' | '*' | '_' | '#' | '|' | '\\'
            )
        })
        .collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drafts a course from `inputs` (each file's candidates, as the import parsers read them).
/// `like` is a course whose topics and prerequisites the draft may learn from.
pub fn draft(inputs: &[(PathBuf, Vec<Candidate>)], like: Option<&Course>) -> Draft {
    let mut readings = Vec::new();
    // A reading listed twice (a course under each of its lectures' sections) belongs where
    // it first appears.
    let mut seen = HashSet::new();
    // Credit and homepage links: a person, not a reading.
    let mut away = Vec::new();
    for (f, (_, candidates)) in inputs.iter().enumerate() {
        for (i, c) in candidates.iter().enumerate() {
            if !seen.insert(crate::corpus::url_key::key(&c.url)) {
                continue;
            }
            if let Some(why) = not_a_reading(c) {
                away.push(((f, i), why.to_string()));
                continue;
            }
            // What the list calls the link: a title the parser completed ("gone: Compiler for
            // ...", "Adventures in JIT Compilation: Part 1") repeats its note or its parent,
            // which would count those words twice.
            let title_words = terms(c.own_title.as_deref().unwrap_or(&c.title));
            let mut words = title_words.clone();
            if let Some(note) = list_note(c) {
                words.extend(terms(note).into_iter().take(60));
            }
            readings.push(Reading {
                key: (f, i),
                c,
                order: readings.len(),
                words,
                title_words,
                year: year(c),
                intro: is_intro(c),
            });
        }
    }
    let (method, mut topics, mut inbox) = match sections::by_section(&readings) {
        Some(sections::Sectioned::Topics((topics, inbox))) => (Method::Sections, topics, inbox),
        Some(sections::Sectioned::Unusable {
            rest,
            inbox: away,
            title,
        }) => {
            let rest: Vec<Reading> = rest.iter().map(|&i| readings[i].clone()).collect();
            let (topics, mut inbox) = cluster::by_text(&rest, like, &title);
            inbox.extend(away);
            (Method::Regrouped, topics, inbox)
        }
        None => {
            let (topics, inbox) = cluster::by_text(&readings, like, &[]);
            (Method::Clusters, topics, inbox)
        }
    };
    let order: BTreeMap<Key, usize> = readings.iter().map(|r| (r.key, r.order)).collect();
    inbox.sort_by_key(|(k, _)| order.get(k).copied().unwrap_or(usize::MAX));
    inbox.extend(away);
    assign_ids(&mut topics);
    for t in topics.iter_mut() {
        reading_order(t, &readings);
    }
    let parents = match method {
        Method::Sections => parent_sections(&topics, &readings),
        Method::Clusters | Method::Regrouped => vec![None; topics.len()],
    };
    let order = author_order(&topics, &readings, method);
    let mut rank = vec![usize::MAX; topics.len()];
    for (i, &t) in order.iter().enumerate() {
        rank[t] = i;
    }
    let lent = prereqs::infer(
        &mut topics,
        &readings,
        like,
        &parents,
        &rank,
        method.clustered(),
    );
    let borrowed = lent.is_some();
    let mut order = order;
    if let (Some(places), true) = (&lent, method.clustered()) {
        stages::follow_course(&mut order, places);
    }
    let mut stages = stages::assign(&mut topics, &order, method.clustered(), &readings);
    let mut staged_by = match method {
        Method::Sections
            if topics
                .iter()
                .any(|t| sections::names_importance(&t.title)) =>
        {
            "the list's own order of its sections (its author's teaching order), its classic or seminal works first, a topic moved later only when a prerequisite demands it"
        }
        Method::Sections => "the list's own order of its sections (its author's teaching order), a topic moved later only when a prerequisite demands it",
        Method::Clusters | Method::Regrouped => "a teacher's order: a topic others require that requires none, and a topic of general works (textbooks, guides, manuals), in the first stage; then the main subjects before the side topics of a few readings, each by the age of its readings (oldest median year first); a topic moved later only when a prerequisite demands it",
    };
    if method == Method::Sections {
        if let Some(by_parent) = stages::by_parents(&mut topics, &parents, &readings) {
            stages = by_parent;
            staged_by = "the list's parent sections in the list's order, a topic moved later only when a prerequisite demands it";
        }
    }
    stages::set_further_apart(&mut topics, &mut stages);
    Draft {
        method,
        topics,
        stages,
        inbox,
        like: like.filter(|_| borrowed).map(|c| c.title.clone()),
        consulted: String::new(),
        staged_by,
        unaddressed: inputs
            .iter()
            .flat_map(|(_, cs)| cs)
            .filter_map(|c| {
                let note = c.note.as_deref()?.strip_prefix(NO_ADDRESS)?;
                let key = note.split('`').nth(1)?;
                // A BibTeX key is letters, digits and `_:-.`; anything else is dropped.
                let key: String = key
                    .chars()
                    .filter(|ch| ch.is_alphanumeric() || "_:-./".contains(*ch))
                    .collect();
                Some(format!("`{key}` {}", plain(&c.title)))
            })
            .collect(),
        written: BTreeMap::new(),
    }
}

/// The topics (but the further reading one) in the author's order: a list's sections as they
/// come; clusters, which have no author's order (a feed is newest first, a bibliography
/// alphabetical), introductory topics first, then by the median year of their readings.
fn author_order(topics: &[Topic], readings: &[Reading], method: Method) -> Vec<usize> {
    let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    let mut order: Vec<usize> = (0..topics.len()).filter(|&t| !topics[t].further).collect();
    let first = |t: usize| {
        topics[t]
            .members
            .iter()
            .filter_map(|k| by_key.get(k).map(|r| r.order))
            .min()
            .unwrap_or(usize::MAX)
    };
    let median = |t: usize| {
        let mut ys: Vec<u32> = topics[t]
            .members
            .iter()
            .filter_map(|k| by_key.get(k)?.year)
            .collect();
        ys.sort_unstable();
        ys.get(ys.len() / 2).copied().unwrap_or(u32::MAX)
    };
    match method {
        // "Classic Papers" hold the foundations: wherever the list puts them, they come first.
        Method::Sections => {
            order.sort_by_key(|&t| (!sections::names_importance(&topics[t].title), first(t)))
        }
        Method::Clusters | Method::Regrouped => {
            order.sort_by_key(|&t| (!topics[t].intro, median(t), first(t)))
        }
    }
    order
}

/// Each topic's group in the list's own hierarchy: the title of the parent heading its
/// section sits under, or its own title when other topics sit under it ("Query Optimizer"
/// over "Planner Models" and "Join Order"). None for a topic at the top of the list.
fn parent_sections(topics: &[Topic], readings: &[Reading]) -> Vec<Option<String>> {
    let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    let norm =
        |s: &str| plain(&sections::strip_numbering(s.trim_end_matches([':', '.']))).to_lowercase();
    let parent: Vec<Option<String>> = topics
        .iter()
        .map(|t| {
            let own = norm(&t.title);
            t.members.iter().find_map(|k| {
                let path = &by_key.get(k)?.c.section;
                let j = path.iter().position(|s| norm(s) == own)?;
                (j >= 1).then(|| plain(&sections::strip_numbering(&path[j - 1])))
            })
        })
        .collect();
    let titles: Vec<String> = topics.iter().map(|t| norm(&t.title)).collect();
    let has_children = |i: usize| {
        parent
            .iter()
            .any(|p| p.as_deref().is_some_and(|p| p.to_lowercase() == titles[i]))
    };
    // A parent that is no topic and holds most topics is the document's own title.
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for p in parent.iter().flatten() {
        *count.entry(p.to_lowercase()).or_default() += 1;
    }
    (0..topics.len())
        .map(|i| {
            if has_children(i) {
                return Some(topics[i].title.clone());
            }
            let p = parent[i].clone()?;
            let is_topic = titles.contains(&p.to_lowercase());
            (is_topic || count[&p.to_lowercase()] * 2 < topics.len()).then_some(p)
        })
        .collect()
}

/// Introductory readings first, then the oldest, then the list's order.
fn reading_order(t: &mut Topic, readings: &[Reading]) {
    let by_key: BTreeMap<Key, &Reading> = readings.iter().map(|r| (r.key, r)).collect();
    t.members.sort_by_key(|k| {
        let r = by_key[k];
        (!r.intro, r.year.unwrap_or(u32::MAX), r.order)
    });
}

fn assign_ids(topics: &mut [Topic]) {
    let mut taken: HashSet<String> = ["course", "inbox"].iter().map(|s| s.to_string()).collect();
    for t in topics.iter_mut() {
        let base = match crate::corpus::url::slug(&t.title) {
            s if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_lowercase()) => {
                format!("topic-{s}").trim_end_matches('-').to_string()
            }
            s => s,
        };
        let base: String = base
            .chars()
            .take(48)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string();
        let mut id = base.clone();
        let mut n = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        t.id = id;
    }
}

/// A reading's words counted once each.
pub(crate) fn distinct(words: &[String]) -> Vec<&str> {
    let mut seen: Vec<&str> = words.iter().map(|w| w.as_str()).collect();
    seen.sort_unstable();
    seen.dedup();
    seen
}

/// The surface form a list uses most for each [`domain::normal`] word ("paxos" for "paxo").
pub(crate) fn surface_forms(readings: &[Reading]) -> BTreeMap<String, String> {
    let mut counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for r in readings {
        let text = format!("{} {}", r.c.title, list_note(r.c).unwrap_or(""));
        for raw in text.split(|c: char| !c.is_alphanumeric()) {
            if let Some(key) = domain::normal(raw) {
                // An acronym keeps its capitals ("CRDT", "SQL"); other words are lowercase.
                let raw = deunicode::deunicode(raw);
                let acronym = raw.len() >= 2
                    && raw
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .all(|c| c.is_uppercase());
                let shown = if acronym { raw } else { raw.to_lowercase() };
                *counts.entry(key).or_default().entry(shown).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter_map(|(k, forms)| {
            forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(f, _)| (k, f))
        })
        .collect()
}

/// The list's words weighted by how much more the list uses them than English does.
pub(crate) fn field_of(readings: &[Reading]) -> domain::Field {
    let texts: Vec<String> = readings
        .iter()
        .map(|r| format!("{} {}", r.c.title, list_note(r.c).unwrap_or("")))
        .collect();
    domain::Field::learn(texts.iter().map(|t| (t.as_str(), 1)), domain::FIELD_RATIO)
}

/// Names a group of readings: a phrase its titles share, as they write it ("query
/// optimization", "distributed key-value"), else one word a share of its titles use and the
/// rest of the list mostly does not ("Raft", "JSON"); never a pair of words, never an everyday
/// English word. None when nothing names it (no theme). Returns (title, keywords shown).
pub(crate) fn name_group(
    members: &[&Reading],
    all: &[Reading],
    df: &BTreeMap<String, usize>,
    field: &domain::Field,
    forms: &BTreeMap<String, String>,
    taken: &HashSet<String>,
) -> Option<(String, Vec<String>)> {
    // Words most of the group shares first; failing that, the most distinctive words of any
    // of its readings (a group held together by its notes or authors).
    let shared = if members.len() >= 3 { 2 } else { 1 };
    name_with(members, all, df, field, forms, taken, shared)
        .or_else(|| name_with(members, all, df, field, forms, taken, 1))
}

fn name_with(
    members: &[&Reading],
    all: &[Reading],
    df: &BTreeMap<String, usize>,
    field: &domain::Field,
    forms: &BTreeMap<String, String>,
    taken: &HashSet<String>,
    need: usize,
) -> Option<(String, Vec<String>)> {
    let n = all.len().max(1) as f32;
    let size = members.len();
    // How specific a word is to the list's field: English words ("available", "data") weigh
    // little, the field's own ("paxos", "histogram") a lot.
    let specific = |w: &str| {
        field
            .weight(w)
            .map_or(0.03, |x| ((x - 1.5) / 3.0).clamp(0.03, 1.0))
    };
    // Titles name a topic better than notes do; notes only when titles share too little.
    let mut unigram: BTreeMap<&str, usize> = BTreeMap::new();
    let mut from_notes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut bigram: BTreeMap<(String, String), usize> = BTreeMap::new();
    for r in members {
        for w in distinct(&r.title_words) {
            *unigram.entry(w).or_default() += 1;
        }
        for w in distinct(&r.words) {
            *from_notes.entry(w).or_default() += 1;
        }
        let mut pairs: Vec<(String, String)> = r
            .title_words
            .windows(2)
            .filter(|p| p[0] != p[1])
            .map(|p| (p[0].clone(), p[1].clone()))
            .collect();
        pairs.sort();
        pairs.dedup();
        for p in pairs {
            *bigram.entry(p).or_default() += 1;
        }
    }
    let score = |w: &str, cf: usize| {
        let idf = (n / df.get(w).copied().unwrap_or(1).max(1) as f32)
            .ln()
            .max(0.05);
        (cf as f32 / size as f32) * idf * specific(w)
    };
    let pick = |counts: &BTreeMap<&'_ str, usize>| {
        let mut ws: Vec<(String, f32)> = counts
            .iter()
            .filter(|(w, cf)| **cf >= need && w.len() >= 3 && !domain::common_english(w))
            // A word one reading uses once says nothing of a group: the list must use it
            // more often than English does.
            .filter(|(w, _)| field.weight(w).is_some_and(|x| x >= 1.5))
            .map(|(w, cf)| (w.to_string(), score(w, *cf)))
            .collect();
        ws.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ws
    };
    let mut words = pick(&unigram);
    let mut counts = &unigram;
    if words.len() < 2 {
        words = pick(&from_notes);
        counts = &from_notes;
    }
    let words: Vec<(&str, f32)> = words
        .iter()
        .filter(|(w, _)| !TITLE_FORM.contains(&w.as_str()))
        .map(|(w, x)| (w.as_str(), *x))
        .collect();
    let show = |w: &str| forms.get(w).cloned().unwrap_or_else(|| w.to_string());
    let plain_word = |w: &str| !domain::common_english(w) && !TITLE_FORM.contains(&w);
    // A phrase most of the titles share names the group best ("failure detector"); a
    // title's way of saying things ("writing a simple", "from scratch") is no phrase.
    let enough = 2.max((size as f32 * 0.25).ceil() as usize).min(size.max(1));
    let best_phrase = bigram
        .iter()
        .filter(|((a, b), cf)| **cf >= enough && plain_word(a) && plain_word(b))
        .filter_map(|((a, b), cf)| {
            let shown = phrase_as_written(members, a, b)?;
            let score = *cf as f32 * (score(a, *cf) + score(b, *cf));
            Some((shown, *cf, score))
        })
        .filter(|(shown, _, _)| !taken.contains(&shown.to_lowercase()))
        .max_by(|x, y| x.2.total_cmp(&y.2).then(y.0.cmp(&x.0)));
    // The best single word: one the group's titles use (two in five, or one in three for a
    // name of the field: "Raft", "Erlang") and the rest of the list mostly does
    // not (two in three of the list's titles using it are here). "JSON" names seven JSON
    // posts of eleven; "Distributed", used all over a distributed-programming list, names
    // no group of it.
    let mut listed: BTreeMap<&str, usize> = BTreeMap::new();
    for r in all {
        for w in distinct(&r.title_words) {
            *listed.entry(w).or_default() += 1;
        }
    }
    let top = words
        .iter()
        .map(|(w, _)| (*w, counts.get(w).copied().unwrap_or(0)))
        .filter(|(w, cf)| {
            // A name the list uses hundreds of times more often than English ("Raft",
            // "Erlang", "Paxos"); an ordinary word must be used by more of the titles.
            let weight = field.weight(w).unwrap_or(0.0);
            let name = weight >= NAME_WEIGHT;
            let least = if name { 2.min(size) } else { 3 };
            weight >= 2.0
                && *cf >= need.max(least)
                && if name {
                    cf * 3 >= size
                } else {
                    cf * 5 >= size * 2
                }
                && listed.get(w).copied().unwrap_or(*cf) * 2 <= cf * 3
                && !taken.contains(&show(w).to_lowercase())
        })
        .max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(x.0)));
    let title = match (best_phrase, top) {
        // A phrase half as many titles say as the best word says more than the word
        // ("Distributed key-value", "Remote procedure call" over "linguistic").
        (Some((shown, cf, _)), top) if top.is_none_or(|(_, c)| cf * 2 >= c) => shown,
        // One word names the group; a pair of words ("Paxos and throughput") names nothing
        // a curator keeps, and a group with neither has no theme.
        (_, Some((w, _))) => word_as_written(members, w).unwrap_or_else(|| show(w)),
        _ => return None,
    };
    let keywords: Vec<String> = words.iter().take(4).map(|w| show(w.0)).collect();
    Some((capitalise(&title), keywords))
}

/// How much more often than English (as a natural log: about 400 times) a list uses a word
/// for the word to be a name of its field ("raft" in a Raft bibliography, "erlang").
pub(crate) const NAME_WEIGHT: f32 = 6.0;

/// A word as a member's title writes it ("FreeBSD", "Raft"), when one does.
pub(crate) fn word_as_written(members: &[&Reading], w: &str) -> Option<String> {
    members.iter().find_map(|r| {
        r.c.title
            .split(|c: char| !c.is_alphanumeric())
            .find(|t| domain::normal(t).as_deref() == Some(w))
            .map(str::to_string)
    })
}

/// Words of the way titles are written, not of what they are about: "Writing a simple JSON
/// parser", "A lisp compiler from scratch".
pub(crate) const TITLE_FORM: &[&str] = &[
    // Where a link points, not what it says: a list's sub-links ("GitHub Repo", "1st
    // Edition, PDF", "Crafting Interpreters: HN").
    "github",
    "repo",
    "repository",
    "youtube",
    "playlist",
    "pdf",
    "edition",
    "reddit",
    "hn",
    "slides",
    "writing",
    "write",
    "implementing",
    "implement",
    "building",
    "build",
    "simple",
    "minimal",
    "scratch",
    "basic",
    "basics",
    "exploring",
    "lesson",
    "learned",
    "practical",
    "quick",
    "intro",
    "starting",
    "walking",
    "using",
];

/// The phrase `a b` as a member's title writes it, with what stands between ("key-value",
/// "Log-structured"), when one writes it within three words.
fn phrase_as_written(members: &[&Reading], a: &str, b: &str) -> Option<String> {
    for r in members {
        let title = &r.c.title;
        // Runs of letters and digits, with where they start (separators may be wide: "–").
        let mut tokens: Vec<(usize, &str)> = Vec::new();
        let mut start = None;
        for (i, c) in title.char_indices().chain([(title.len(), ' ')]) {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    tokens.push((s, &title[s..i]));
                    start = None;
                }
                _ => {}
            }
        }
        for (i, (start, t)) in tokens.iter().enumerate() {
            if domain::normal(t).as_deref() != Some(a) {
                continue;
            }
            for (end, u) in tokens.iter().skip(i + 1).take(3) {
                if domain::normal(u).as_deref() == Some(b) {
                    let mut stop = end + u.len();
                    // "key-value": a word joined by a hyphen is part of the phrase.
                    if let Some((next, w)) = tokens.iter().find(|(at, _)| *at > *end) {
                        if title.get(stop..*next) == Some("-") {
                            stop = next + w.len();
                        }
                    }
                    // "remote procedure calls": a third word every title with the phrase
                    // goes on with belongs to it.
                    if let Some(third) = third_word(members, a, b) {
                        if let Some((next, w)) = tokens.iter().find(|(at, _)| *at >= stop) {
                            if domain::normal(w).as_deref() == Some(third.as_str())
                                && title.get(stop..*next).is_some_and(|g| g == " " || g == "-")
                            {
                                stop = next + w.len();
                            }
                        }
                    }
                    let span = title.get(*start..stop)?;
                    // "Spanner: Google's ..." is two phrases, not one.
                    if span.contains([':', ';', ',', '.', '(', ')', '?', '!']) {
                        continue;
                    }
                    return Some(span.to_string());
                }
            }
        }
    }
    None
}

/// The word every member title with the phrase `a b` goes on with, if there is one.
fn third_word(members: &[&Reading], a: &str, b: &str) -> Option<String> {
    let mut next: Option<String> = None;
    let mut seen = 0;
    for r in members {
        let ws = &r.title_words;
        for i in 0..ws.len().saturating_sub(1) {
            if ws[i] == a && ws[i + 1] == b {
                let w = ws.get(i + 2)?;
                match &next {
                    Some(n) if n != w => return None,
                    _ => next = Some(w.clone()),
                }
                seen += 1;
            }
        }
    }
    next.filter(|_| seen >= 2)
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.chars().next() {
        out.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
    }
    out
}

/// How many readings use each word.
pub(crate) fn document_frequency(readings: &[Reading]) -> BTreeMap<String, usize> {
    let mut df: BTreeMap<String, usize> = BTreeMap::new();
    for r in readings {
        for w in distinct(&r.words) {
            *df.entry(w.to_string()).or_default() += 1;
        }
    }
    df
}

/// A one-line summary of a group of readings, from its words and years, with no count.
pub(crate) fn summarise(members: &[&Reading], keywords: &[String]) -> String {
    let mut years: Vec<u32> = members.iter().filter_map(|r| r.year).collect();
    years.sort_unstable();
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!(", from {a} to {b}"),
        (Some(a), _) => format!(", from {a}"),
        _ => String::new(),
    };
    let about = match keywords {
        [] => String::new(),
        [a] => format!(" on {a}"),
        [rest @ .., last] => format!(" on {} and {last}", rest.join(", ")),
    };
    // A work listed twice is one link: named once.
    let mut examples: Vec<String> = Vec::new();
    for r in members {
        let e = format!("\"{}\"", plain(&short(&r.c.title, 70)));
        if examples.len() < 2 && !examples.contains(&e) {
            examples.push(e);
        }
    }
    // No count: the writer folds a reading's other forms and see-also links into one link,
    // and a summary must stay true of the file (review 13: "7 readings" over 6 links).
    format!("Readings{about}{span}, such as {}.", examples.join(" and "))
}

/// `text` cut at a word boundary to about `max` characters.
pub(crate) fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}...", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// How much of a list is in a course's field: what decides whether the built-in course may
/// shape a draft when no `--like` names one, and what the draft's README says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldShare {
    /// The list's readings.
    pub readings: usize,
    /// Readings whose title uses a word distinctive of the course's field (see
    /// [`DISTINCTIVE`]).
    pub distinctive: usize,
    /// Readings that are the course's own (the same address or the same title).
    pub cited: usize,
}

impl FieldShare {
    /// Whether the list is mostly about the course's field: two in five of its readings'
    /// titles use a word distinctive of it, or one in ten of its readings (and at least
    /// [`SAME_FIELD_CITED`]) are the course's own. A few shared classics in a long list of
    /// another field (a database list citing Dynamo and Spanner) do not make it the course's.
    pub fn same(&self) -> bool {
        self.readings > 0
            && (self.distinctive * 5 >= self.readings * 2
                || (self.cited >= SAME_FIELD_CITED && self.cited * 10 >= self.readings))
    }
}

/// How many times more often than English (as a natural log: about 150 times) a course
/// must use a word for the word to mark a reading as in its field. The field's own words
/// (`domain::FIELD_RATIO`, about 7 times) include every computing word a course uses at all
/// ("algorithm", "storage", "garbage", "concurrent"): a bibliography of another part of
/// computing shares many, while the words that name the course's subject ("paxos",
/// "replication", "consensus", "distributed") are far rarer in English.
pub const DISTINCTIVE: f32 = 5.0;

/// How much of the list is in `course`'s field (see [`FieldShare::same`]). A list that is
/// may still borrow nothing: `prereqs` also wants most draft topics to match a course topic.
pub fn same_field(course: &Course, inputs: &[(PathBuf, Vec<Candidate>)]) -> FieldShare {
    let field = domain::Field::learn(
        course.topics.iter().flat_map(|t| {
            let head = [(t.title.as_str(), 3), (t.summary.as_str(), 1)];
            let keywords = t.keywords.iter().map(|k| (k.as_str(), 3));
            let links = t
                .links
                .iter()
                .flat_map(|l| [(l.title.as_str(), 2), (l.note.as_deref().unwrap_or(""), 1)]);
            head.into_iter().chain(keywords).chain(links)
        }),
        domain::FIELD_RATIO,
    );
    let all: Vec<&Candidate> = inputs.iter().flat_map(|(_, cs)| cs).collect();
    let distinctive = all
        .iter()
        .filter(|c| {
            domain::words(&c.title).any(|w| field.weight(&w).is_some_and(|r| r >= DISTINCTIVE))
        })
        .count();
    // A list citing the course's own readings is in its field, however its titles are worded
    // (a dissertation's bibliography is half documentation pages and source code).
    let theirs: HashSet<String> = course
        .topics
        .iter()
        .flat_map(|t| &t.links)
        .map(|l| crate::corpus::url_key::key(l.url.as_str()))
        .collect();
    // The same work is often cited at another address: its title says it too.
    let title_key = |t: &str| -> String {
        t.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let titles: HashSet<String> = course
        .topics
        .iter()
        .flat_map(|t| &t.links)
        .map(|l| title_key(&l.title))
        .filter(|t| t.len() >= 12)
        .collect();
    let cited = all
        .iter()
        .filter(|c| {
            theirs.contains(&crate::corpus::url_key::key(&c.url))
                || titles.contains(&title_key(&c.title))
        })
        .count();
    FieldShare {
        readings: all.len(),
        distinctive,
        cited,
    }
}

/// How many of a course's own readings a list must cite to be in the course's field.
pub const SAME_FIELD_CITED: usize = 5;

/// Readings made of titles alone, the list's first file in order: what the unit tests of
/// clustering and prerequisites work on.
#[cfg(test)]
pub(crate) fn titled(cs: &[crate::import::Candidate]) -> Vec<Reading<'_>> {
    cs.iter()
        .enumerate()
        .map(|(i, c)| Reading {
            key: (0, i),
            c,
            order: i,
            words: terms(&c.title),
            title_words: terms(&c.title),
            year: None,
            intro: false,
        })
        .collect()
}

/// Candidates with these titles and nothing else.
#[cfg(test)]
pub(crate) fn candidates(titles: &[&str]) -> Vec<crate::import::Candidate> {
    titles
        .iter()
        .map(|t| crate::import::Candidate {
            title: t.to_string(),
            ..Default::default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The share of a sectioned list's readings that land in the topic of their section: a
    /// topic named by one of the sections the reading sits in (its own, or the parent a
    /// small subsection joins), the further reading topic for a generic section, or the
    /// inbox for navigation and lists of lists.
    fn in_their_section(file: &str) -> (usize, usize) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        let parsed = crate::import::read_based(&path, crate::import::Format::Auto, None).unwrap();
        let inputs = vec![(path, parsed.links)];
        let d = draft(&inputs, None);
        assert_eq!(d.method, Method::Sections, "{file}");
        let topic_of: BTreeMap<Key, &Topic> = d
            .topics
            .iter()
            .flat_map(|t| t.members.iter().map(move |m| (*m, t)))
            .collect();
        let (mut sectioned, mut right) = (0, 0);
        for (i, c) in inputs[0].1.iter().enumerate() {
            if c.section.is_empty() {
                continue;
            }
            let names: Vec<String> = c
                .section
                .iter()
                .map(|s| plain(&sections::strip_numbering(s.trim_end_matches([':', '.']))))
                .collect();
            let roles: Vec<sections::Role> = c.section.iter().map(|s| sections::role(s)).collect();
            sectioned += 1;
            let ok = match topic_of.get(&(0, i)) {
                // Further reading: a generic section, or one of forms of resource only.
                Some(t) if t.further => {
                    roles.contains(&sections::Role::Further)
                        || roles.iter().all(|r| *r == sections::Role::Form)
                }
                Some(t) => names
                    .iter()
                    .any(|n| t.title == *n || t.title.starts_with(n.as_str())),
                // The inbox: a section that is no topic, or a duplicate filed where it
                // first appeared.
                // (Or a catalogue of tools or people, which holds no readings.)
                None => {
                    roles.contains(&sections::Role::Away)
                        || roles.contains(&sections::Role::Catalogue)
                        || d.inbox
                            .iter()
                            .all(|(k, why)| *k != (0, i) || why.contains("a catalogue of"))
                }
            };
            right += usize::from(ok);
        }
        (right, sectioned)
    }

    #[test]
    fn sectioned_lists_file_nine_readings_in_ten_under_their_own_section() {
        for file in [
            "tests/fixtures/new/awesome-distributed-systems.md",
            "tests/fixtures/import/real/testing-distributed-systems.md",
            "tests/fixtures/import/real/distributed-consensus-reading-list.md",
            "tests/fixtures/curation/lists/papers-we-love-distsys.md",
            "tests/fixtures/curation/lists/horusiath-awesome-reads.md",
            "tests/fixtures/curation/lists/backendology-reading-list.md",
            "tests/fixtures/curation/lists/lkuper-cmps290s-readings.md",
            "tests/fixtures/draft/calendar.html",
        ] {
            let (right, of) = in_their_section(file);
            eprintln!("{file}: {right} of {of} in the topic of their section");
            assert!(of > 0, "{file}");
            assert!(right * 10 >= of * 9, "{file}: {right} of {of}");
        }
    }

    #[test]
    fn groups_are_never_named_by_one_common_word() {
        let c = |t: &str| Candidate {
            title: t.into(),
            ..Candidate::default()
        };
        let cs = [
            c("Highly available data stores"),
            c("Available data and available services"),
            c("Data available everywhere"),
        ];
        let readings = titled(&cs);
        let members: Vec<&Reading> = readings.iter().collect();
        let named = name_group(
            &members,
            &readings,
            &document_frequency(&readings),
            &field_of(&readings),
            &surface_forms(&readings),
            &HashSet::new(),
        );
        // "available" and "data" are everyday English, the other words each said once:
        // nothing to name the group by.
        assert!(named.is_none(), "{named:?}");
    }
}
