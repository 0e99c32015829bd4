//! Loading `topics/` into a validated `Course`, or the full list of what is wrong with it.
//!
//! This is the only code that reads corpus files. It reports every problem it finds (not only
//! the first), each with its file, line and column, and the embedded default corpus lives here.

mod read;
pub mod url;
pub mod url_key;

use crate::diagnostics::{self, Diagnostic};
use crate::graph::Graph;
use crate::model::{Course, Link, Origin, Topic};
use foldhash::{HashMap, HashMapExt};
use read::Reader;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_topics.rs"));
}

/// One corpus file: its name as shown in messages, and its text.
#[derive(Clone, Debug)]
pub struct Source {
    /// Its name: `course.toml`, `inbox.toml`, or `<topic-id>.toml` (in a folder or not).
    pub path: PathBuf,
    /// Its TOML.
    pub text: String,
}

/// The text `path` had when the corpus was read, if it was one of `sources`.
pub(crate) fn source_text<'a>(sources: &'a [Source], path: &Path) -> Option<&'a str> {
    sources
        .iter()
        .find(|s| s.path == path)
        .map(|s| s.text.as_str())
}

/// A corpus that passed validation, with the warnings it still has.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub course: Course,
    pub warnings: Vec<Diagnostic>,
    /// Warnings about the folder rather than its files ([`load_dir`] only): `.toml` entries
    /// skipped, an interrupted write completed. Every command shows them.
    pub folder: Vec<Diagnostic>,
}

/// Where the course came from, for messages.
pub(crate) const EMBEDDED_NAME: &str = "<built-in>/topics";

/// The `.toml` files of `dir`, or an error naming the folder.
pub fn read_dir(dir: &Path) -> Result<Vec<Source>, Diagnostic> {
    read_dir_noting(dir).map(|(sources, _)| sources)
}

/// [`read_dir`], with the warnings about the folder: `.toml` entries skipped (a FIFO, a
/// device, a dangling link) and an interrupted write completed (see `crate::journal`).
pub fn read_dir_noting(dir: &Path) -> Result<(Vec<Source>, Vec<Diagnostic>), Diagnostic> {
    let (paths, notes) = toml_files(dir)?;
    let sources = paths
        .into_iter()
        .map(read_source)
        .collect::<Result<_, _>>()?;
    Ok((sources, notes))
}

/// The largest corpus file read: a topic of 100,000 links is about 20 MB.
pub(crate) const MAX_FILE: u64 = 64 * 1024 * 1024;

/// The paths of the regular `.toml` files of `dir`, sorted, and warnings for the `.toml`
/// entries that are something else. A `course.toml` that is not a file is the error.
fn toml_files(dir: &Path) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Diagnostic> {
    let mut notes = crate::output::recover_if_free(dir);
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Diagnostic::error(
            None,
            format!("cannot read the corpus folder {}: {e}", dir.display()),
        )
        .with_help("pass the folder that holds course.toml with --topics DIR")
    })?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| Diagnostic::error(None, format!("cannot list {}: {e}", dir.display())))?
            .path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let what = match std::fs::metadata(&path) {
            Ok(m) if m.is_file() => {
                paths.push(path);
                continue;
            }
            Ok(m) if m.is_dir() => "a folder",
            Ok(_) => "not a regular file (a device, a pipe or a socket)",
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => "a symbolic link to nothing",
            Err(_) => "not readable",
        };
        if path.file_name().is_some_and(|n| n == "course.toml") {
            return Err(Diagnostic::error(
                None,
                format!("cannot read {}: it is {what}", path.display()),
            )
            .with_help("course.toml must be a regular file with the course's title, description and stages"));
        }
        notes.push(
            Diagnostic::warning(None, format!("{}: it is {what}; skipped", path.display()))
                .with_help(
                    "corpus files are regular files; move it out of the folder if it is not one",
                ),
        );
    }
    paths.sort();
    notes.sort_by(|a, b| a.message.cmp(&b.message));
    Ok((paths, notes))
}

fn read_source(path: PathBuf) -> Result<Source, Diagnostic> {
    let cannot =
        |e: std::io::Error| Diagnostic::error(None, format!("cannot read {}: {e}", path.display()));
    let bytes = crate::output::read_limited(&path, MAX_FILE).map_err(cannot)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source { path, text }),
        Err(_) => Err(cannot(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ))),
    }
}

/// The corpus built into the binary.
pub fn embedded_sources() -> Vec<Source> {
    embedded::FILES
        .iter()
        .map(|(name, text)| Source {
            path: Path::new(EMBEDDED_NAME).join(name),
            text: text.to_string(),
        })
        .collect()
}

/// Load and validate a corpus folder. Each file is read when its turn comes and let go once
/// read (the files of a large corpus are tens of megabytes); one that cannot be read is the
/// one error.
pub fn load_dir(dir: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let (paths, notes) = toml_files(dir).map_err(|d| vec![d])?;
    match load_each(paths.len(), |i| read_source(paths[i].clone())) {
        Ok(mut loaded) => {
            loaded.folder = notes;
            Ok(loaded)
        }
        Err(mut found) => {
            found.splice(0..0, notes);
            Err(found)
        }
    }
}

/// Load and validate corpus files: `course.toml`, one `<topic-id>.toml` per topic and an
/// optional `inbox.toml`.
pub fn load(sources: &[Source]) -> Result<Loaded, Vec<Diagnostic>> {
    load_each(sources.len(), |i| Ok(&sources[i]))
}

/// What one file holds, as its reader found it.
#[derive(Debug)]
enum Held {
    Course(Option<Course>),
    Inbox(Vec<Link>),
    Topic(Option<Topic>),
}

/// Stage and link ids written but refused for their own errors: still declared, so naming one
/// elsewhere is not also an "unknown" stage, link or topic.
#[derive(Debug, Default)]
struct Refused {
    stages: Vec<String>,
    links: std::collections::BTreeSet<String>,
}

/// One file read: what it holds, the stage ids it refused, whether it had errors, and its
/// diagnostics.
#[derive(Debug)]
struct FileRead {
    held: Held,
    refused: Refused,
    broken: Option<PathBuf>,
    diagnostics: Vec<Diagnostic>,
}

fn read_file(source: &Source) -> FileRead {
    let stem = source
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut reader = Reader::new(&source.path, &source.text);
    let held = match stem.as_str() {
        "course" => Held::Course(reader.course()),
        "inbox" => Held::Inbox(reader.inbox()),
        _ => {
            let id = reader.file_id(&stem);
            Held::Topic(reader.topic(id))
        }
    };
    let broken = reader
        .diagnostics
        .iter()
        .any(Diagnostic::is_error)
        .then(|| source.path.clone());
    FileRead {
        held,
        refused: Refused {
            stages: std::mem::take(&mut reader.refused_stages),
            links: std::mem::take(&mut reader.refused_links)
                .into_iter()
                .collect(),
        },
        broken,
        diagnostics: reader.diagnostics,
    }
}

/// Below this many files, threads cost more than they save.
const FILES_PER_THREAD: usize = 64;

/// Files `0..count` (`source(i)` gives file `i`) read and parsed, in order. Files are
/// independent, so a large corpus is read on every core, each thread taking a run of files in
/// turn; the results are put back in file order, so the course is the same however they ran.
/// A file that cannot be had is an error, and the first such in file order is the one given.
fn read_files<S: std::borrow::Borrow<Source> + Send>(
    count: usize,
    threads: usize,
    source: impl Fn(usize) -> Result<S, Diagnostic> + Sync,
) -> Result<Vec<(FileRead, S)>, Diagnostic> {
    let read = |range: std::ops::Range<usize>| -> Result<Vec<(FileRead, S)>, Diagnostic> {
        range
            .map(|i| source(i).map(|s| (read_file(s.borrow()), s)))
            .collect()
    };
    let threads = threads.clamp(1, count.max(1));
    if threads == 1 {
        return read(0..count);
    }
    let chunk = count.div_ceil(threads);
    let parts: Vec<Result<Vec<(FileRead, S)>, Diagnostic>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|k| {
                let read = &read;
                scope.spawn(move || read(k * chunk..((k + 1) * chunk).min(count)))
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut out = Vec::with_capacity(count);
    for part in parts {
        out.extend(part?);
    }
    Ok(out)
}

/// [`load`] of files `0..count`, file `i` given by `source(i)`; the first that is an error
/// ends the load with it.
fn load_each<S: std::borrow::Borrow<Source> + Send>(
    count: usize,
    source: impl Fn(usize) -> Result<S, Diagnostic> + Sync,
) -> Result<Loaded, Vec<Diagnostic>> {
    let mut found = Vec::new();
    let mut course = None;
    let mut topics = Vec::new();
    let mut inbox = Vec::new();
    // Files with read errors: what they would have held is unknown, so checks that count what
    // is missing (a topic with no links, a corpus with no topics) stay quiet about them.
    let mut broken = std::collections::BTreeSet::new();
    let mut refused = Refused::default();
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(count / FILES_PER_THREAD);
    // The texts stay until every problem found has its line: messages never read a file again.
    let mut texts = Vec::with_capacity(count);
    for (file, text) in read_files(count, threads, source).map_err(|d| vec![d])? {
        texts.push(text);
        match file.held {
            Held::Course(c) => course = c,
            Held::Inbox(links) => inbox = links,
            Held::Topic(topic) => topics.extend(topic),
        }
        refused.stages.extend(file.refused.stages);
        refused.links.extend(file.refused.links);
        broken.extend(file.broken);
        found.extend(file.diagnostics);
    }
    let Some(mut course) = course else {
        found.push(
            Diagnostic::error(None, "the corpus has no course.toml").with_help(
                "create course.toml with `title`, `description` and its [[stage]] tables",
            ),
        );
        diagnostics::sort(&mut found);
        attach_lines(&mut found, &texts);
        return Err(found);
    };
    topics.sort_by(|a, b| a.id.cmp(&b.id));
    course.topics = topics;
    course.inbox = inbox;
    validate(&course, &broken, &refused, &mut found);
    diagnostics::sort(&mut found);
    attach_lines(&mut found, &texts);
    if found.iter().any(Diagnostic::is_error) {
        return Err(found);
    }
    Ok(Loaded {
        course,
        warnings: found,
        folder: Vec::new(),
    })
}

/// Each problem's source line, from the texts as they were read.
fn attach_lines<S: std::borrow::Borrow<Source>>(found: &mut [Diagnostic], texts: &[S]) {
    if found.is_empty() {
        return;
    }
    let by_path: HashMap<&Path, &str> = texts
        .iter()
        .map(|s| (s.borrow().path.as_path(), s.borrow().text.as_str()))
        .collect();
    diagnostics::attach_lines(found, |path| by_path.get(path).copied());
}

type IdSet<'a> = std::collections::BTreeSet<&'a str>;

/// Cross-file rules: ids exist and are unique, stages hold, no cycles, no duplicate URLs.
fn validate(
    course: &Course,
    broken: &std::collections::BTreeSet<PathBuf>,
    refused: &Refused,
    found: &mut Vec<Diagnostic>,
) {
    // Topic files that could not be read at all: their ids exist, we just do not know what they
    // hold, so naming one is not an "unknown topic" (its own error says what is wrong).
    let unread: std::collections::BTreeSet<String> = broken
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .filter(|stem| course.topic(stem).is_none())
        .collect();
    check_stages_unique(course, found);
    if course.topics.is_empty() && broken.is_empty() {
        found.push(
            Diagnostic::error(None, "the corpus has no topics")
                .with_help("add a file per topic, such as topics/consensus.toml"),
        );
    }
    check_ids_unique(course, found);
    // The URL index and the graph are the costly checks and need nothing from the others, so
    // they run beside them; their findings go where they would if run in turn. The graph is
    // checked before knowing whether anything else failed, and its findings are dropped if so.
    let graph = std::thread::scope(|scope| {
        let urls = scope.spawn(|| {
            let mut urls = Vec::new();
            check_urls_unique(course, &mut urls);
            urls
        });
        let graph = scope.spawn(|| {
            let mut graph = Vec::new();
            check_graph(course, &mut graph);
            graph
        });
        let mut rest = Vec::new();
        check_items(course, broken, refused, &unread, &mut rest);
        let urls = urls.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        found.extend(urls);
        found.extend(rest);
        graph
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
    });
    if !found.iter().any(Diagnostic::is_error) {
        // Cycles and stage order are only meaningful over names that all resolve.
        found.extend(graph);
    }
}

/// Each topic's and link's own checks: stage, requirements, notes, links, and the inbox.
fn check_items(
    course: &Course,
    broken: &std::collections::BTreeSet<PathBuf>,
    refused: &Refused,
    unread: &std::collections::BTreeSet<String>,
    found: &mut Vec<Diagnostic>,
) {
    let topic_ids: Vec<&str> = course.topics.iter().map(|t| t.id.as_str()).collect();
    // Ids that more than one item has: `requires = ["x"]` in a link `x` may mean the other.
    let repeated: IdSet = course.repeated_links().map(|l| l.id.as_str()).collect();
    let names = Names {
        topic_ids: &topic_ids,
        unread,
        refused: &refused.links,
        repeated: &repeated,
    };
    for topic in &course.topics {
        check_topic_stage(course, topic, &refused.stages, found);
        check_topic_requires(course, topic, &names, found);
        for link in &topic.links {
            check_link_refs(course, link, &names, found);
            check_optional_refs(course, link, found);
            if link.note.is_none() {
                found.push(
                    Diagnostic::warning(
                        Some(link.origin.clone()),
                        format!("link `{}` has no note", link.id),
                    )
                    .with_help("add `note = \"...\"`: why to read it and what to look for"),
                );
            }
        }
        if topic.links.is_empty() && !broken.contains(&*topic.origin.file) {
            found.push(
                Diagnostic::warning(
                    Some(topic.origin.clone()),
                    format!("topic `{}` has no links", topic.id),
                )
                .with_help("add at least one [[link]] to read for it")
                .marking(diagnostics::Mark::Line),
            );
        }
    }
    for link in &course.inbox {
        check_link_refs(course, link, &names, found);
    }
    if !course.inbox.is_empty() {
        let origin = course.inbox[0].origin.clone();
        found.push(
            Diagnostic::warning(
                Some(Origin {
                    line: 1,
                    col: 1,
                    ..origin
                }),
                match course.inbox.len() {
                    1 => "1 link waits in the inbox".to_string(),
                    n => format!("{n} links wait in the inbox"),
                },
            )
            .with_help("move each [[link]] from inbox.toml into the topic file it belongs to")
            .marking(diagnostics::Mark::Line),
        );
    }
}

fn check_stages_unique(course: &Course, found: &mut Vec<Diagnostic>) {
    let mut stage_seen: HashMap<&str, &Origin> = HashMap::new();
    for stage in &course.stages {
        if let Some(first) = stage_seen.insert(&stage.id, &stage.origin) {
            found.push(
                Diagnostic::error(
                    Some(stage.origin.clone()),
                    format!("stage `{}` is defined twice", stage.id),
                )
                .with_help(format!(
                    "the first is at {first}; give each stage its own id"
                )),
            );
        }
    }
}

/// Link ids share one namespace with topic ids, since `requires` may name either. The course's
/// id table notes the repeated ones as it is made, so a valid course costs no second map.
fn check_ids_unique(course: &Course, found: &mut Vec<Diagnostic>) {
    let earlier = |link: &Link| match (course.topic(&link.id), course.link(&link.id)) {
        (Some(topic), _) => Some((&topic.origin, "topic")),
        (None, Some(first)) if !std::ptr::eq(first, link) => Some((&first.origin, "link")),
        _ => None,
    };
    let used = |link: &Link, (first, what): (&Origin, &str)| {
        Diagnostic::error(
            Some(link.id_origin.clone()),
            format!(
                "link id `{}` is already used by a {what} at {first}",
                link.id
            ),
        )
        .with_help("give this link its own `id = \"...\"`")
    };
    found.extend(
        course
            .repeated_links()
            .filter_map(|l| Some(used(l, earlier(l)?))),
    );
    // Inbox links are not in the course's table: they are checked against it, then each other.
    let mut inbox: HashMap<&str, &Origin> = HashMap::new();
    for link in &course.inbox {
        let first = earlier(link).or_else(|| Some((*inbox.get(link.id.as_str())?, "link")));
        match first {
            Some(first) => found.push(used(link, first)),
            None => {
                inbox.insert(&link.id, &link.origin);
            }
        }
    }
}

/// The same comparison `import` uses: scheme, `www.`, host case, tracking parameters, a
/// fragment that is only a place on the page and a trailing slash do not make another page, and a truncated URL is the page
/// whose full URL it starts. Earliest wins, so the link named is the first in file order on
/// every run.
fn check_urls_unique(course: &Course, found: &mut Vec<Diagnostic>) {
    let count = course.links().count() + course.inbox.len();
    let mut seen: url_key::UrlIndex<&Link> = url_key::UrlIndex::with_capacity(count);
    for link in course.links().chain(&course.inbox) {
        // Most links have no alternates: their one address needs no list made.
        let url = link.url.as_str();
        let with_alternates: Vec<&str>;
        let addresses = if link.alternates.is_empty() {
            std::slice::from_ref(&url)
        } else {
            with_alternates = std::iter::once(url)
                .chain(link.alternates.iter().map(String::as_str))
                .collect();
            &with_alternates
        };
        if let Some(first) = seen.find_or_insert_all(addresses, || link) {
            found.push(
                Diagnostic::error(
                    Some(link.url_origin.clone()),
                    format!(
                        "duplicate URL {}: `{}` already lists it at {}",
                        link.url, first.id, first.origin
                    ),
                )
                .with_help("keep one of the two links; tag it with `also` for more topics"),
            );
        }
    }
}

fn check_topic_stage(
    course: &Course,
    topic: &Topic,
    refused_stages: &[String],
    found: &mut Vec<Diagnostic>,
) {
    let stage_ids: Vec<&str> = course.stages.iter().map(|s| s.id.as_str()).collect();
    // A stage refused for its id was still declared.
    let no_stages = course.stages.is_empty() && refused_stages.is_empty();
    let stage = topic
        .stage
        .as_ref()
        .map(|s| s.as_str())
        .or(topic.stage_not_id.as_deref());
    match (stage, no_stages) {
        (None, false) => found.push(
            Diagnostic::error(
                Some(topic.origin.clone()),
                format!("topic `{}` has no `stage`", topic.id),
            )
            .with_help(format!(
                "add `stage = \"...\"`, one of: {}",
                stage_ids.join(", ")
            ))
            .marking(diagnostics::Mark::Line),
        ),
        (Some(stage), false)
            if !stage_ids.contains(&stage) && !refused_stages.iter().any(|s| s == stage) =>
        {
            found.push(
                Diagnostic::error(
                    Some(topic.stage_origin.clone()),
                    format!("unknown stage `{stage}`"),
                )
                .with_help(diagnostics::suggest(
                    stage,
                    stage_ids.iter().copied(),
                    "stage",
                )),
            );
        }
        (Some(_), true) => found.push(
            Diagnostic::error(
                Some(topic.stage_origin.clone()),
                "`stage` is set but course.toml declares no [[stage]]",
            )
            .with_help(
                "declare the stages in course.toml, or remove `stage` to let the graph decide",
            ),
        ),
        _ => {}
    }
}

/// What a name in `requires` or `also` may be besides a topic or link of the course.
struct Names<'a> {
    topic_ids: &'a [&'a str],
    /// Topic files that could not be read.
    unread: &'a std::collections::BTreeSet<String>,
    /// Links refused for their own errors.
    refused: &'a std::collections::BTreeSet<String>,
    /// Ids more than one item has.
    repeated: &'a IdSet<'a>,
}

impl Names<'_> {
    /// Whether `id` names something written in the corpus, read or not.
    fn declared(&self, course: &Course, id: &str) -> bool {
        course.topic(id).is_some()
            || course.link(id).is_some()
            || self.unread.contains(id)
            || self.refused.contains(id)
    }
}

fn check_topic_requires(
    course: &Course,
    topic: &Topic,
    names: &Names,
    found: &mut Vec<Diagnostic>,
) {
    for r in &topic.requires {
        if r.id.as_str() == topic.id.as_str() {
            found.push(requires_itself(r, "topic"));
        } else if course.topic(&r.id).is_none() && !names.unread.contains(r.id.as_str()) {
            let help = if course.link(&r.id).is_some() || names.refused.contains(r.id.as_str()) {
                format!("`{}` is a link; a topic's `requires` names topics", r.id)
            } else {
                let others = names.topic_ids.iter().filter(|id| **id != topic.id);
                diagnostics::suggest(&r.id, others.copied(), "topic")
            };
            found.push(
                Diagnostic::error(
                    Some(r.origin.clone()),
                    format!("unknown topic `{}` in requires of `{}`", r.id, topic.id),
                )
                .with_help(help),
            );
        }
    }
}

/// Cycles among topics and among each topic's links, and stages in prerequisite order.
fn check_graph(course: &Course, found: &mut Vec<Diagnostic>) {
    let graph = Graph::new(course);
    for cycle in graph.cycles() {
        found.push(cycle_error(&cycle, "topic"));
    }
    for (t, topic) in course.topics.iter().enumerate() {
        // Most topics' links have no cycle, which an order of them shows without a graph.
        let all: Vec<usize> = (0..topic.links.len()).collect();
        let needs = crate::graph::link_needs(&course, t, &all);
        if crate::graph::link_order(all.len(), needs, |_| ()).len() == all.len() {
            continue;
        }
        for cycle in Graph::links_of(topic).cycles() {
            found.push(cycle_error(&cycle, "link"));
        }
    }
    if !course.stages.is_empty() {
        check_stage_order(course, &graph, found);
    }
}

fn check_link_refs(course: &Course, link: &Link, names: &Names, found: &mut Vec<Diagnostic>) {
    for r in &link.also {
        if course.topic(&r.id).is_none() && !names.unread.contains(r.id.as_str()) {
            let help = if course.link(&r.id).is_some() || names.refused.contains(r.id.as_str()) {
                format!("`{}` is a link; `also` names topics", r.id)
            } else {
                diagnostics::suggest(&r.id, names.topic_ids.iter().copied(), "topic")
            };
            found.push(
                Diagnostic::error(
                    Some(r.origin.clone()),
                    format!("unknown topic `{}` in also of link `{}`", r.id, link.id),
                )
                .with_help(help),
            );
        }
    }
    for r in &link.requires {
        if r.id.as_str() == link.id.as_str() {
            // With its id repeated, the link may mean the other item: the repeat is the error.
            if !names.repeated.contains(r.id.as_str()) {
                found.push(requires_itself(r, "link"));
            }
        } else if !names.declared(course, &r.id) {
            // Sorted, so suggestions come in a stable order; never the link itself.
            let link_ids: IdSet = course
                .links()
                .map(|l| l.id.as_str())
                .filter(|id| *id != link.id)
                .collect();
            let all = names.topic_ids.iter().chain(&link_ids).copied();
            found.push(
                Diagnostic::error(
                    Some(r.origin.clone()),
                    format!(
                        "unknown link or topic `{}` in requires of link `{}`",
                        r.id, link.id
                    ),
                )
                .with_help(diagnostics::suggest(&r.id, all, "id")),
            );
        }
    }
}

/// A core link that needs an optional one: without `--optional` the core would be scheduled
/// and its prerequisite not, so the core quietly depends on the optional track.
fn check_optional_refs(course: &Course, link: &Link, found: &mut Vec<Diagnostic>) {
    if link.optional {
        return;
    }
    for r in &link.requires {
        if course.link(&r.id).is_some_and(|l| l.optional) {
            found.push(
                Diagnostic::warning(
                    Some(r.origin.clone()),
                    format!("link `{}` requires `{}`, which is optional", link.id, r.id),
                )
                .with_help(format!(
                    "the core should not need the optional track: remove `optional = true` from `{}`, mark `{}` optional too, or drop the requirement",
                    r.id, link.id
                )),
            );
        }
    }
}

fn requires_itself(r: &crate::model::Ref, what: &str) -> Diagnostic {
    Diagnostic::error(
        Some(r.origin.clone()),
        format!("{what} `{}` requires itself", r.id),
    )
    .with_help("remove it from `requires`")
}

fn cycle_error(cycle: &crate::graph::Cycle, what: &str) -> Diagnostic {
    let mut help = String::from(
        "`p -> q` reads \"p is a prerequisite of q\" (as in `why` and `graph`); each requirement of the cycle is written at:",
    );
    for (pair, edge) in cycle.path.windows(2).zip(&cycle.edges) {
        let via = match &edge.via_link {
            Some(link) => format!(" (through link `{link}`)"),
            None => String::new(),
        };
        help.push_str(&format!(
            "\n    `{}` requires `{}`{via} at {}",
            pair[0], pair[1], edge.origin
        ));
    }
    help.push_str("\n  remove one of these requirements to break the cycle");
    Diagnostic::error(
        cycle.edges.first().map(|e| e.origin.clone()),
        format!("{what} prerequisite cycle: {}", cycle.display_path()),
    )
    .with_help(help)
}

/// A topic may sit in a later stage than what it needs, never in an earlier one: the plan reads
/// stages in order, so anything else would ask for a reading before its prerequisite.
fn check_stage_order(course: &Course, graph: &Graph, found: &mut Vec<Diagnostic>) {
    let stage_of = |id: &str| {
        course
            .topic(id)
            .and_then(|t| t.stage.as_deref())
            .and_then(|s| course.stage_index(s))
    };
    for topic in &course.topics {
        let Some(mine) = stage_of(&topic.id) else {
            continue;
        };
        for (needed, edge) in graph.requires_with_edges(&topic.id) {
            let Some(theirs) = stage_of(&needed) else {
                continue;
            };
            if theirs > mine {
                let via = edge
                    .via_link
                    .map(|l| format!(" (its link `{l}` needs it)"))
                    .unwrap_or_default();
                found.push(
                    Diagnostic::error(
                        Some(edge.origin.clone()),
                        format!(
                            "topic `{}` (stage `{}`) requires `{needed}`{via}, which comes later (stage `{}`)",
                            topic.id, course.stages[mine].id, course.stages[theirs].id
                        ),
                    )
                    .with_help(format!(
                        "move `{}` to stage `{}` or later, or move `{needed}` to stage `{}` or earlier",
                        topic.id, course.stages[theirs].id, course.stages[mine].id
                    )),
                );
            }
        }
    }
    // An optional link adds no edge to the graph (the core never waits for it), so its
    // requirements are checked here: the plan must still read them first.
    for link in course.links().filter(|l| l.optional) {
        let Some(mine) = stage_of(&link.topic) else {
            continue;
        };
        for r in &link.requires {
            let topic = course
                .link(&r.id)
                .map_or(r.id.as_str(), |l| l.topic.as_str());
            let Some(theirs) = stage_of(topic) else {
                continue;
            };
            if theirs > mine {
                found.push(
                    Diagnostic::error(
                        Some(r.origin.clone()),
                        format!(
                            "optional link `{}` (stage `{}`) requires `{}`, which comes later (stage `{}`)",
                            link.id, course.stages[mine].id, r.id, course.stages[theirs].id
                        ),
                    )
                    .with_help(format!(
                        "move `{}` to a topic of stage `{}` or later, or drop the requirement",
                        link.id, course.stages[theirs].id
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(id: &str, url: &str) -> String {
        format!(
            "\n[[link]]\nid = \"{id}\"\nurl = \"{url}\"\ntitle = \"T\"\nkind = \"article\"\n\
             level = \"intro\"\nminutes = 10\nnote = \"N.\"\n"
        )
    }

    /// A course of 150 topic files, some with errors, as the threads would split it.
    fn many_files() -> Vec<Source> {
        let mut sources = vec![Source {
            path: "t/course.toml".into(),
            text: "title = \"C\"\ndescription = \"D.\"\n[[stage]]\nid = \"s\"\ntitle = \"S\"\nguidance = \"G.\"\n".into(),
        }];
        for i in 0..150 {
            let mut text = format!("title = \"T{i}\"\nsummary = \"S.\"\nstage = \"s\"\n");
            if i % 37 == 5 {
                text.push_str("level = \"expert\"\n");
            }
            text.push_str(&link(&format!("l{i}"), &format!("https://example.com/{i}")));
            sources.push(Source {
                path: format!("t/t{i:03}.toml").into(),
                text,
            });
        }
        sources
    }

    #[test]
    fn files_read_on_several_threads_are_read_as_on_one() {
        let sources = many_files();
        let one = read_files(sources.len(), 1, |i| Ok(&sources[i])).unwrap();
        for threads in [2, 3, 7] {
            let many = read_files(sources.len(), threads, |i| Ok(&sources[i])).unwrap();
            assert_eq!(format!("{many:?}"), format!("{one:?}"), "{threads} threads");
        }
        let errors = one.iter().filter(|(f, _)| f.broken.is_some()).count();
        assert_eq!(
            errors, 4,
            "the fixture has errors in files read by different threads"
        );
        let whole = load(&sources).unwrap_err();
        assert_eq!(
            whole.iter().filter(|d| d.is_error()).count(),
            errors,
            "{whole:?}"
        );
    }

    #[test]
    fn the_first_file_that_cannot_be_had_is_the_error_however_many_threads() {
        let sources = many_files();
        let source = |i: usize| match i {
            40 | 120 => Err(Diagnostic::error(None, format!("cannot read file {i}"))),
            _ => Ok(&sources[i]),
        };
        for threads in [1, 2, 3] {
            let e = read_files(sources.len(), threads, source).unwrap_err();
            assert_eq!(
                e.to_string(),
                "error: cannot read file 40",
                "{threads} threads"
            );
        }
    }

    #[test]
    fn a_truncated_url_is_reported_against_the_first_full_one_in_file_order() {
        let source = |name: &str, text: String| Source {
            path: PathBuf::from(format!("t/{name}")),
            text,
        };
        let sources = vec![
            source(
                "course.toml",
                "title = \"C\"\ndescription = \"D.\"\n".into(),
            ),
            source(
                "alpha.toml",
                format!(
                    "title = \"A\"\nsummary = \"S.\"\n{}{}",
                    link("zeta", "https://example.com/post-z"),
                    link("beta", "https://example.com/post-b"),
                ),
            ),
            source(
                "omega.toml",
                format!(
                    "title = \"O\"\nsummary = \"S.\"\n{}{}",
                    link("alpha-post", "https://example.com/post-a"),
                    link("cut", "https://example.com/post..."),
                ),
            ),
        ];
        // The old check took whichever match a HashMap yielded first; repeat to catch that.
        for _ in 0..20 {
            let found = load(&sources).unwrap_err();
            let duplicates: Vec<&str> = found
                .iter()
                .map(|d| d.message.as_str())
                .filter(|m| m.starts_with("duplicate URL"))
                .collect();
            assert_eq!(
                duplicates,
                ["duplicate URL https://example.com/post...: `zeta` already lists it at t/alpha.toml:4:1"],
                "{found:?}"
            );
        }
    }
}

#[cfg(test)]
mod id_tests {
    use super::*;

    fn sources(course: &str, topic: &str) -> Vec<Source> {
        vec![
            Source {
                path: "t/course.toml".into(),
                text: course.into(),
            },
            Source {
                path: "t/clocks.toml".into(),
                text: topic.into(),
            },
        ]
    }

    #[test]
    fn a_refused_stage_id_is_one_error_not_also_an_unknown_stage() {
        let found = load(&sources(
            "title = \"C\"\ndescription = \"D.\"\n[[stage]]\nid = \"Basics\"\ntitle = \"B\"\nguidance = \"G.\"\n",
            "title = \"Clocks\"\nsummary = \"S.\"\nstage = \"Basics\"\n",
        ))
        .unwrap_err();
        let errors: Vec<&str> = found
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            errors,
            ["stage id `Basics` may only hold lowercase letters a-z, digits and `-`"]
        );
    }

    #[test]
    fn problems_show_the_line_as_it_was_read_not_as_the_disk_has_it() {
        // No such files exist: the line shown comes from the text in memory.
        let found = load(&sources(
            "title = \"C\"\ndescription = \"D.\"\n",
            "title = \"Clocks\"\nsummary = \"S.\"\nrequires = [\"nowhere\"]\n",
        ))
        .unwrap_err();
        let error = found.iter().find(|d| d.is_error()).unwrap();
        let shown = error.render(false);
        assert!(
            shown.contains("3 | requires = [\"nowhere\"]\n  |             ^^^^^^^^^"),
            "{shown}"
        );
    }

    #[test]
    fn a_url_that_gives_no_id_asks_for_one() {
        let found = load(&sources(
            "title = \"C\"\ndescription = \"D.\"\n",
            "title = \"Clocks\"\nsummary = \"S.\"\n[[link]]\nurl = \"https://-/\"\ntitle = \"T\"\nkind = \"article\"\nlevel = \"intro\"\nminutes = 5\nnote = \"N.\"\n",
        ))
        .unwrap_err();
        assert!(
            found[0]
                .message
                .starts_with("no link id can be made from the URL"),
            "{found:?}"
        );
    }
}
