//! What `syllabus check` finds and reports: every problem of a corpus, warnings included (the
//! corpus rules, links that are one work, the folder's own notes), and with [`Checked::links`]
//! what asking every URL over HTTP(S) found (see `linkcheck`).

use crate::corpus::{self, Source};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::front::CourseSource;
use crate::linkcheck::{self, Outcome};
use crate::model::Course;
use crate::words::count;
use std::io::Write;
use std::path::Path;

/// A corpus checked: its course when it loads, and what was found.
#[derive(Debug)]
pub struct Checked {
    /// The files as read; empty when the folder cannot be read.
    pub sources: Vec<Source>,
    /// `None` when the corpus does not load (its errors are among the diagnostics).
    pub course: Option<Course>,
    /// Errors and warnings, in the order they are shown.
    pub diagnostics: Vec<Diagnostic>,
    /// Lines shown after the diagnostics (what the link check did).
    pub notes: Vec<String>,
}

impl Checked {
    /// Reads and validates the corpus of `source`. Problems are findings, not an `Err`.
    pub fn new(source: &CourseSource) -> Checked {
        let (sources, mut diagnostics, read) = match source.read() {
            Ok((sources, notes)) => (sources, notes, true),
            Err(e) => (Vec::new(), e.into_diagnostics(), false),
        };
        let mut course = None;
        if read {
            match corpus::load(&sources) {
                Ok(loaded) => {
                    diagnostics.extend(loaded.warnings);
                    diagnostics.extend(crate::import::same_works(&loaded.course));
                    course = Some(loaded.course);
                }
                Err(found) => diagnostics.extend(found),
            }
        }
        let mut checked = Checked {
            sources,
            course,
            diagnostics,
            notes: Vec::new(),
        };
        checked.attach_lines();
        checked
    }

    /// Link and same-work problems get their lines from the files read above, as the
    /// corpus's have: printing reads nothing again, so a file edited meanwhile cannot put
    /// another line under a problem.
    fn attach_lines(&mut self) {
        // A map, not a scan of the sources per problem: 7,000 warnings over 10,000 files
        // were most of `check` at 100,000 links.
        let by_path: std::collections::HashMap<&Path, &str> = self
            .sources
            .iter()
            .map(|s| (s.path.as_path(), s.text.as_str()))
            .collect();
        crate::diagnostics::attach_lines(&mut self.diagnostics, |p| by_path.get(p).copied());
    }

    /// Asks every URL of the course over HTTP(S) (see [`linkcheck::run`]): dead links are
    /// errors, moved ones and timeouts warnings. `fix`: the corpus folder, to rewrite what the
    /// check confirmed in it. `progress` is told of each URL as it is answered.
    pub fn links(
        &mut self,
        cache: &Path,
        options: &linkcheck::Options,
        fix: Option<&Path>,
        progress: linkcheck::Progress,
    ) {
        let Some(course) = &self.course else {
            self.notes.push(
                "links: not checked, since the corpus does not load; fix the errors above first"
                    .into(),
            );
            return;
        };
        match linkcheck::run(course, cache, options, fix, progress) {
            Ok((found, summary)) => {
                self.diagnostics.extend(found);
                self.notes.extend(summary);
            }
            Err(failure) => self.diagnostics.extend(failure),
        }
        self.attach_lines();
    }

    /// The number of errors found.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// The report: each problem with its source line (coloured: pass a writer that strips
    /// colours where they do not belong), the notes, and a last line counting what was found.
    pub fn write_report(&self, out: &mut impl Write) -> std::io::Result<()> {
        for d in &self.diagnostics {
            writeln!(out, "{}", d.render(true))?;
        }
        for note in &self.notes {
            writeln!(out, "{note}")?;
        }
        let what = match &self.course {
            Some(c) => format!(
                "{}, {}",
                count(c.topics.len(), "topic"),
                count(c.links().count(), "link")
            ),
            None => "the corpus".to_string(),
        };
        let errors = self.errors();
        writeln!(
            out,
            "checked {what}: {}, {}",
            count(errors, "error"),
            count(self.diagnostics.len() - errors, "warning")
        )?;
        out.flush()
    }
}

/// How a link check's progress reads as a line of a log: `[3/120] ok: https://...`, made
/// printable.
pub fn progress_line(done: usize, total: usize, url: &str, outcome: &Outcome) -> String {
    let line = format!("[{done}/{total}] {}: {url}", outcome.short());
    crate::output::printable(&line).into_owned()
}

/// Refuses `--fix` where there are no files to fix: the built-in course.
pub fn fixable(source: &CourseSource) -> Result<&Path, Error> {
    source.folder().ok_or_else(|| {
        Error::usage(
            Diagnostic::error(
                None,
                "--fix rewrites topic files, and the built-in course has none",
            )
            .with_help("pass --topics DIR, or run it where ./topics is"),
        )
    })
}
