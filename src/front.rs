//! The library front: find the course, load it, apply the reader's options, plan. Every
//! command of the `syllabus` binary starts here, as an mdBook command starts from
//! `MDBook::load(dir)?.build()`; what follows the plan is a renderer (`render`, `site`).
//!
//! ```
//! use std::path::Path;
//! use syllabus::{CourseSource, Syllabus};
//! use syllabus::options::Given;
//!
//! // No `--topics` and no `./topics` folder here: the course built into the binary.
//! let source = CourseSource::find(None, Path::new("no such folder"));
//! let syllabus = Syllabus::load(&source)?;
//! let choices = syllabus.choose(&Given::default(), None)?;
//! let planned = syllabus.plan(&choices)?;
//! let templates = syllabus::render::Templates::load(None)?;
//! let markdown = syllabus::render::markdown(&planned.plan, &templates)
//!     .map_err(syllabus::Error::invalid)?;
//! assert!(markdown.starts_with("# "));
//! # Ok::<(), syllabus::Error>(())
//! ```
//!
//! The front reads no path of its own: the corpus folder, the progress file and the folder the
//! course's state lives in (`.syllabus/`) are given by the caller, so the rule "`./topics`, else
//! the built-in course" is written once, in [`CourseSource::find`], with the folder passed in.

use crate::corpus::{self, Source};
use crate::diagnostics::{suggest, Diagnostic};
use crate::error::Error;
use crate::id::ItemId;
use crate::import::{self, suggest::Suggester};
use crate::linkcheck;
use crate::model::{Course, LinkId};
use crate::options::{self, Given, Options};
use crate::output::PrintableWriter;
use crate::plan::{self, Plan};
use crate::progress::Change;
use crate::render::{self, Layout, Templates};
use crate::schedule::{Date, ScheduleOptions};
use crate::select::Selected;
use crate::site;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where a course comes from: a corpus folder, the course built into the binary, or files
/// held in memory ([`Syllabus::from_sources`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseSource {
    /// The folder given, or the default one looked for (named in messages when it is missing).
    folder: PathBuf,
    place: Place,
}

/// Which of the three a [`CourseSource`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Folder,
    /// No folder was given and the default one is not there.
    BuiltIn,
    /// Files a caller read or made itself: there is no folder to read again or write into.
    Memory,
}

impl CourseSource {
    /// `explicit` (`--topics DIR`) when given; else `default` (`./topics`) when it is a folder;
    /// else the built-in course. The one place this rule is written: every command uses it.
    pub fn find(explicit: Option<&Path>, default: &Path) -> CourseSource {
        match explicit {
            Some(dir) => CourseSource {
                folder: dir.to_path_buf(),
                place: Place::Folder,
            },
            None => CourseSource {
                folder: default.to_path_buf(),
                place: if default.is_dir() {
                    Place::Folder
                } else {
                    Place::BuiltIn
                },
            },
        }
    }

    /// The corpus folder; `None` for the built-in course and a course held in memory.
    pub fn folder(&self) -> Option<&Path> {
        (self.place == Place::Folder).then_some(self.folder.as_path())
    }

    /// The folder a command that writes into the corpus (`import`, `sync`) writes into, or a
    /// usage error saying there is none (`verb`: what the command does, "import", "sync").
    pub fn folder_to_write(&self, verb: &str) -> Result<&Path, Error> {
        match self.folder() {
            Some(dir) if dir.is_dir() => Ok(dir),
            _ => Err(Error::usage(
                Diagnostic::error(
                    None,
                    format!("no corpus folder {} to {verb} into", self.folder.display()),
                )
                .with_help("run in the folder that holds topics/, or pass --topics DIR"),
            )),
        }
    }

    /// The folder the course's state (`.syllabus/`: the link cache, the sync state) lives in:
    /// the one holding the corpus folder (for the built-in course, the one `./topics` would be
    /// in).
    pub fn state_dir(&self) -> PathBuf {
        linkcheck::cache::beside(&self.folder)
    }

    /// The link cache `check --links` writes and planning commands read.
    pub fn link_cache(&self) -> PathBuf {
        linkcheck::cache::default_path(&self.state_dir())
    }

    /// The corpus files, unchecked, and the warnings about the folder (entries skipped, an
    /// interrupted write completed). For `check`, which reports on files that do not load.
    pub fn read(&self) -> Result<(Vec<Source>, Vec<Diagnostic>), Error> {
        match self.place {
            Place::Folder => corpus::read_dir_noting(&self.folder).map_err(Error::io),
            Place::BuiltIn => Ok((corpus::embedded_sources(), Vec::new())),
            Place::Memory => Err(Error::usage(Diagnostic::error(
                None,
                "a course held in memory has no files to read again",
            ))),
        }
    }
}

impl CourseSource {
    /// `import`: the links of `files` filed into the corpus folder; a dry run of a course
    /// without a folder compares with the built-in course and writes nothing.
    pub(crate) fn import(
        &self,
        files: &[PathBuf],
        options: &import::Options,
    ) -> Result<import::Report, Error> {
        if self.folder().is_none() && options.dry_run {
            import::dry_run_builtin(files, options)
        } else {
            import::run(self.folder_to_write("import")?, files, options)
        }
    }

    /// What an import says before it starts, when it compares with the built-in course (no
    /// corpus folder, a dry run): like every other command, no `./topics` means the built-in
    /// course, but a real import would refuse.
    pub(crate) fn import_note(&self, dry_run: bool) -> Option<&'static str> {
        (self.folder().is_none() && dry_run).then_some(
            "note: no ./topics here, so this dry run compares with the built-in course; a real import writes into a corpus folder: run it where topics/ is, pass --topics DIR, or start one with `syllabus new DIR`",
        )
    }
}

/// A loaded course: what every command works on.
#[derive(Clone, Debug)]
pub struct Syllabus {
    /// The course, as its files say.
    pub course: Course,
    /// The links the last `check --links` found dead (the link cache beside the corpus): a
    /// layer over the course, which [`Syllabus::plan`] lays on the plan (`PlanLink::dead`).
    pub dead_links: BTreeSet<LinkId>,
    /// Where it came from.
    pub source: CourseSource,
    /// What every command shows on standard error: warnings about the folder (a `.toml` entry
    /// skipped, an interrupted write completed) and about a link cache that cannot be read.
    pub notes: Vec<Diagnostic>,
}

/// What the reader chose, checked against the course, and what they have done.
#[derive(Clone, Debug, Default)]
pub struct Choices {
    /// The options, checked.
    pub options: Options,
    /// The links the progress file marks done.
    pub done: BTreeSet<LinkId>,
    /// Progress ids that name no link (a link renamed since).
    pub warnings: Vec<Diagnostic>,
}

/// The reader's plan and how the selection was made.
#[derive(Clone, Debug)]
pub struct Planned<'a> {
    /// The staged plan, scheduled into weeks.
    pub plan: Plan<'a>,
    /// What the selection kept and left out, and why.
    pub selected: Selected,
    /// A schedule that cannot meet `--weeks`.
    pub warnings: Vec<Diagnostic>,
}

impl Syllabus {
    /// Load and validate the course of `source`; the link cache, when there is one, marks
    /// the links it found dead (a cache that cannot be read only adds a note).
    pub fn load(source: &CourseSource) -> Result<Syllabus, Error> {
        let mut loaded = match source.folder() {
            Some(dir) => corpus::load_dir(dir)?,
            None => corpus::load(&corpus::embedded_sources())?,
        };
        let mut notes = std::mem::take(&mut loaded.folder);
        let dead_links = match linkcheck::Cache::load(&source.link_cache()) {
            Ok(cache) => linkcheck::dead_links(&loaded.course, &cache),
            Err(d) => {
                notes.push(Diagnostic::warning(None, d.message).maybe_help(d.help));
                BTreeSet::new()
            }
        };
        Ok(Syllabus {
            course: loaded.course,
            dead_links,
            source: source.clone(),
            notes,
        })
    }

    /// A course from corpus files held in memory (a test's, a fuzzer's, a benchmark's): no
    /// folder, so no link cache is read and nothing can be written into it.
    ///
    /// ```
    /// use syllabus::{Source, Syllabus};
    /// let file = |path: &str, text: &str| Source { path: path.into(), text: text.into() };
    /// let sources = [
    ///     file("course.toml", "title = \"Tiny\"\ndescription = \"One topic.\"\n"),
    ///     file("raft.toml", r#"
    ///         title = "Raft"
    ///         summary = "Consensus you can follow."
    ///         [[link]]
    ///         id = "raft-paper"
    ///         url = "https://raft.github.io/raft.pdf"
    ///         title = "In Search of an Understandable Consensus Algorithm"
    ///         kind = "paper"
    ///         level = "intro"
    ///         minutes = 90
    ///         note = "The paper."
    ///     "#),
    /// ];
    /// let syllabus = Syllabus::from_sources(&sources)?;
    /// assert_eq!(syllabus.source.folder(), None);
    /// let plan = syllabus.whole_plan();
    /// assert_eq!(plan.links().map(|l| l.minutes).sum::<u32>(), 90);
    /// # Ok::<(), syllabus::Error>(())
    /// ```
    pub fn from_sources(sources: &[Source]) -> Result<Syllabus, Error> {
        let loaded = corpus::load(sources)?;
        Ok(Syllabus {
            course: loaded.course,
            dead_links: BTreeSet::new(),
            source: CourseSource {
                folder: PathBuf::from("topics"),
                place: Place::Memory,
            },
            notes: loaded.folder,
        })
    }

    /// The reader's options checked against the course (a `--profile` read under them), and
    /// the progress file: `given.progress`, else `default_progress` when that file exists.
    pub fn choose(&self, given: &Given, default_progress: Option<&Path>) -> Result<Choices, Error> {
        let mut given = given.clone();
        if let Some(path) = &given.profile {
            let profile = options::load_profile(path)?;
            given = given.or(profile);
        }
        let options = options::resolve(&self.course, &given).map_err(Error::Usage)?;
        let path = options.progress.clone().or_else(|| {
            default_progress
                .filter(|p| p.is_file())
                .map(Path::to_path_buf)
        });
        let mut choices = Choices {
            options,
            ..Choices::default()
        };
        if let Some(path) = path {
            let progress = crate::progress::load(&path)?;
            choices.warnings = crate::progress::stale_warnings(&progress, &self.course, &path);
            choices.done = progress.done;
        }
        Ok(choices)
    }

    /// The reader's plan. Refuses a pace that would need more than [`MAX_WEEKS`] weeks and a
    /// schedule that would run past 9999-12-31.
    pub fn plan(&self, choices: &Choices) -> Result<Planned<'_>, Error> {
        let opts = &choices.options;
        self.weeks_bounded(choices)?;
        let (mut plan, selected) =
            plan::build_for(&self.course, &opts.selection, &opts.schedule, &choices.done);
        if !self.dead_links.is_empty() {
            for topic in plan.stages.iter_mut().flat_map(|s| s.topics.iter_mut()) {
                for link in &mut topic.links {
                    link.dead = self.dead_links.contains(&link.link.id);
                }
            }
        }
        if let Some(start) = opts.schedule.start {
            past_9999(start, plan.weeks.len())?;
        }
        let warnings = plan
            .schedule
            .warning()
            .map(|w| Diagnostic::warning(None, w))
            .into_iter()
            .collect();
        Ok(Planned {
            plan,
            selected,
            warnings,
        })
    }

    /// The whole course as one plan, without a reader's choices (`graph`, `topics`).
    pub fn whole_plan(&self) -> Plan<'_> {
        let graph = crate::graph::Graph::new(&self.course);
        plan::build(&self.course, &graph)
    }

    /// The topic or link `id` names, or a usage error with the nearest ids (`why ID`).
    pub(crate) fn item(&self, id: &str) -> Result<ItemId, Error> {
        let course = &self.course;
        if let Some(topic) = course.topic(id) {
            return Ok(ItemId::from(&topic.id));
        }
        if let Some(link) = course.link(id) {
            return Ok(ItemId::from(&link.id));
        }
        let items: Vec<&str> = course
            .topics
            .iter()
            .map(|t| t.id.as_str())
            .chain(course.links().map(|l| l.id.as_str()))
            .collect();
        let d = Diagnostic::error(None, format!("`{id}`: no such topic or link"))
            .with_help(suggest(id, items.iter().copied(), "topic or link"));
        Err(Error::usage(d))
    }

    /// `done` (`done` true) or `undo`: the links `ids` stand for (a topic: all its links)
    /// marked in the progress file, which is created when absent and written atomically.
    pub(crate) fn mark(
        &self,
        ids: &[String],
        progress: &Path,
        done: bool,
    ) -> Result<Change, Error> {
        let links = crate::progress::resolve_ids(&self.course, ids)?;
        crate::progress::mark(progress, &links, done)
    }

    /// The topic suggester `import` files links with, over this course; a course without
    /// topics has nothing to suggest.
    pub(crate) fn suggester(&self) -> Result<Suggester, Error> {
        if self.course.topics.is_empty() {
            return Err(Error::usage(
                Diagnostic::error(None, "the corpus has no topics to suggest")
                    .with_help("add a topic file to the corpus folder"),
            ));
        }
        Ok(Suggester::new(&self.course))
    }

    /// Refuses a pace at which the plan would need more than [`MAX_WEEKS`] weeks, before the
    /// weeks are made. The whole course's minutes over the budget are the first bound; only
    /// when that is over, the plan is made at the fastest pace to count what the selection
    /// really schedules. (Counting a week for each link would refuse every course of more than
    /// 10,000 links at any pace.)
    fn weeks_bounded(&self, choices: &Choices) -> Result<(), Error> {
        let schedule = &choices.options.schedule;
        let budget = ((schedule.hours_per_week * 60.0).round() as u64).max(1);
        let whole: u64 = self
            .course
            .links()
            .map(|l| u64::from(l.minutes))
            .sum::<u64>()
            .div_ceil(budget);
        if whole <= MAX_WEEKS {
            return Ok(());
        }
        let fastest = ScheduleOptions {
            hours_per_week: 168.0,
            ..schedule.clone()
        };
        let (probe, _) = plan::build_for(
            &self.course,
            &choices.options.selection,
            &fastest,
            &choices.done,
        );
        let scheduled = probe
            .plan_links()
            .filter(|l| !l.done && (schedule.optional || !l.link.optional));
        let minutes: u64 = scheduled.map(|l| u64::from(l.link.minutes)).sum();
        if minutes.div_ceil(budget) <= MAX_WEEKS {
            return Ok(());
        }
        let needed = (minutes as f64 / 60.0 / MAX_WEEKS as f64).max(0.25);
        Err(Error::usage(
            Diagnostic::error(
                None,
                format!(
                    "--hours-per-week {}: the plan's {} hours would take more than {MAX_WEEKS} weeks at that pace",
                    schedule.hours_per_week,
                    minutes / 60
                ),
            )
            .with_help(format!(
                "give at least --hours-per-week {}, or plan less with --target",
                (needed * 4.0).ceil() / 4.0
            )),
        ))
    }
}

/// What a plan is written as (`plan --format`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Through `plan.md.j2`: a checklist, week by week or topic by topic.
    #[default]
    Markdown,
    /// Every stage, topic and link, for other tools.
    Json,
    /// iCalendar, one event a week; needs a start date.
    Ics,
    /// One standalone HTML page, its CSS inlined.
    Html,
}

impl Choices {
    /// Refuses choices a format cannot be written under: a calendar needs a start date.
    pub fn allow(&self, format: Format) -> Result<(), Error> {
        if format != Format::Ics || self.options.schedule.start.is_some() {
            return Ok(());
        }
        // Defaulting to "the coming Monday" would make the same command give other bytes
        // tomorrow, so the reader names the day.
        let monday = Date::today().next_monday();
        Err(Error::usage(
            Diagnostic::error(
                None,
                "--format ics needs --start YYYY-MM-DD: a calendar needs dates",
            )
            .with_help(format!("for example --start {monday} (the coming Monday)")),
        ))
    }
}

impl Planned<'_> {
    /// The plan in `format` (Markdown in `layout`), written to `out` made printable: no control
    /// character of the corpus reaches a terminal or a file raw. The Markdown and JSON of a
    /// large plan are tens of megabytes, so they are written as they are made; through a
    /// reader's own `plan.md.j2`, which may fail half way, the text is held back until whole.
    ///
    /// The templates are the built-in ones, each overridden by a file of the same name in
    /// `templates` when given (`--templates DIR`); JSON and iCalendar use none. Templates that
    /// cannot be loaded, or fail, are the `Err`; the write's own result is the `Ok`, so that the
    /// caller says what a failed write means (a reader gone away from a pipe is no error).
    pub fn write(
        &self,
        format: Format,
        templates: Option<&Path>,
        layout: Layout,
        out: impl Write,
    ) -> Result<std::io::Result<()>, Error> {
        let plan = &self.plan;
        let whole = match format {
            Format::Json => return Ok(printable(out, |out| render::write_json(plan, out))),
            Format::Ics => render::ics(plan),
            Format::Markdown => {
                let templates = Templates::load(templates)?;
                if !templates.overrides("plan.md.j2") {
                    return write_markdown(plan, &templates, layout, out);
                }
                render::markdown_in(plan, &templates, layout)
            }
            Format::Html => crate::site::standalone(plan, &Templates::load(templates)?),
        };
        let text = whole.map_err(Error::invalid)?;
        Ok(printable(out, |out| out.write_all(text.as_bytes())))
    }
}

impl Planned<'_> {
    /// The course site of this plan, written into the folder `out` (replaced whole, and
    /// refused if syllabus did not write it) through the built-in templates, each overridden
    /// by a file of the same name in `templates` when given.
    pub(crate) fn write_site(
        &self,
        templates: Option<&Path>,
        out: &Path,
        extras: site::Extras,
    ) -> Result<site::Summary, Error> {
        let templates = Templates::load(templates)?;
        // Writing the site is what can fail here, once the templates loaded.
        site::build(&self.plan, &templates, out, extras).map_err(Error::io)
    }
}

/// `write` through a [`PrintableWriter`] into `out`, flushed.
fn printable<W: Write>(
    out: W,
    write: impl FnOnce(&mut PrintableWriter<W>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut out = PrintableWriter::new(out);
    write(&mut out)?;
    out.finish().map(drop)
}

/// The Markdown of the built-in template, streamed. The renderer turns a failed write into a
/// message of its own: a [`Noting`] writer tells that apart from a template's error.
fn write_markdown(
    plan: &Plan,
    templates: &Templates,
    layout: Layout,
    out: impl Write,
) -> Result<std::io::Result<()>, Error> {
    let mut out = Noting::new(out);
    let rendered = {
        let out = std::io::BufWriter::with_capacity(1 << 16, &mut out);
        let mut out = PrintableWriter::new(out);
        render::write_markdown(plan, templates, layout, &mut out)
            .and_then(|()| out.finish().map(drop).map_err(|_| cannot_write()))
    };
    match (out.take_error(), rendered) {
        (Err(e), _) => Ok(Err(e)),
        (Ok(()), Err(d)) => Err(Error::invalid(d)),
        (Ok(()), Ok(())) => Ok(Ok(())),
    }
}

/// Stands for a write error the [`Noting`] writer holds.
fn cannot_write() -> Diagnostic {
    Diagnostic::error(None, "cannot write the plan")
}

/// A writer that keeps the first error its inner writer gave, so that an error a renderer made
/// of it can be told from a template's own.
struct Noting<W> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W> Noting<W> {
    fn new(inner: W) -> Self {
        Noting { inner, error: None }
    }

    fn take_error(&mut self) -> std::io::Result<()> {
        self.error.take().map_or(Ok(()), Err)
    }
}

impl<W: Write> Write for Noting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).inspect_err(|e| {
            self.error
                .get_or_insert_with(|| std::io::Error::new(e.kind(), e.to_string()));
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().inspect_err(|e| {
            self.error
                .get_or_insert_with(|| std::io::Error::new(e.kind(), e.to_string()));
        })
    }
}

/// The most weeks a schedule may have (about 190 years): each week is memory, a calendar event
/// and a page section, and a pace of minutes a week would otherwise ask for millions of them.
pub const MAX_WEEKS: u64 = options::MAX_WEEKS_WANTED as u64;

/// Dates are written `YYYY-MM-DD`: a plan whose weeks end after 9999-12-31 cannot be dated.
fn past_9999(start: Date, weeks: usize) -> Result<(), Error> {
    let last = Date::parse("9999-12-31").expect("a valid date");
    let days = 7 * weeks.max(1) as i64;
    if start
        .checked_add_days(days - 1)
        .is_some_and(|end| end <= last)
    {
        return Ok(());
    }
    Err(Error::usage(
        Diagnostic::error(
            None,
            format!(
                "--start {start}: the plan's {} would run past 9999-12-31, the last date syllabus writes",
                crate::words::count(weeks.max(1), "week")
            ),
        )
        .with_help(format!("start on {} or earlier", last.add_days(1 - days))),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_folder_wins_then_the_default_then_the_built_in_course() {
        let dir = tempfile::tempdir().unwrap();
        let topics = dir.path().join("topics");
        let absent = CourseSource::find(None, &topics);
        assert_eq!(absent.folder(), None);
        assert!(absent.folder_to_write("import").is_err());
        std::fs::create_dir(&topics).unwrap();
        let found = CourseSource::find(None, &topics);
        assert_eq!(found.folder(), Some(topics.as_path()));
        assert_eq!(found.link_cache(), dir.path().join(".syllabus/links.json"));
        let given = CourseSource::find(Some(Path::new("elsewhere/t")), &topics);
        assert_eq!(given.folder(), Some(Path::new("elsewhere/t")));
        assert_eq!(
            given.link_cache(),
            Path::new("elsewhere/.syllabus/links.json")
        );
        let err = given.folder_to_write("sync").unwrap_err();
        assert_eq!(
            err.diagnostics()[0].message,
            "no corpus folder elsewhere/t to sync into"
        );
    }
}
