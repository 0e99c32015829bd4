//! Problems found in the input, each tied to the place it applies and the fix.
//!
//! Every step that reads user input reports through `Diagnostic`, so that `check` can print them
//! all in one consistent `file:line:col: error: message` form and the CLI can choose exit codes.
//! [`Diagnostic::render`] adds what rustc shows: the source line with a caret under the place
//! (drawn by `annotate-snippets`), and the help below it. `Display` stays one plain line (plus
//! help) for places that are not a terminal report, such as the error banner of `serve`.

use crate::model::Origin;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use serde::Serialize;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
/// How bad a [`Diagnostic`] is.
pub enum Severity {
    /// The input cannot be used: the command stops (exit 1, or 2 for usage).
    Error,
    /// Worth fixing, but the command goes on.
    Warning,
}

/// One problem, at the place it applies, with the fix when there is one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// `None` for problems that belong to no single place (an empty corpus folder, say).
    pub origin: Option<Origin>,
    /// What is wrong, in one line.
    pub message: String,
    /// How to fix it, when we can say.
    pub help: Option<String>,
    /// What the snippet under the message marks.
    #[serde(skip)]
    pub mark: Mark,
    /// The line at `origin` as the text was when read (see `attach_lines`): shown under the
    /// message, so that printing never reads the file again.
    #[serde(skip)]
    pub line: Option<String>,
}

/// What the source snippet under a diagnostic marks at its origin.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mark {
    /// The token at the column: a value, a key, a `[[link]]` header.
    #[default]
    Token,
    /// The whole line: a problem of the table or file that starts there (a key it lacks).
    Line,
    /// No snippet: the problem is not in the text (a file's name).
    None,
}

impl Diagnostic {
    /// An error at `origin`.
    pub(crate) fn error(origin: Option<Origin>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            origin,
            message: message.into(),
            help: None,
            mark: Mark::Token,
            line: None,
        }
    }

    /// A warning at `origin`.
    pub(crate) fn warning(origin: Option<Origin>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            origin,
            message: message.into(),
            help: None,
            mark: Mark::Token,
            line: None,
        }
    }

    /// The same, with how to fix it.
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same, with its snippet marking `mark`.
    pub(crate) fn marking(mut self, mark: Mark) -> Self {
        self.mark = mark;
        self
    }

    /// The same, with `help` when there is one.
    pub(crate) fn maybe_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// The same, with the line at its origin taken from `text`, the text it was found in.
    pub(crate) fn with_line_from(mut self, text: &str) -> Self {
        attach_lines(std::slice::from_mut(&mut self), |_| Some(text));
        self
    }

    /// Whether it stops the command.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(origin) = &self.origin {
            write!(f, "{origin}: ")?;
        }
        let word = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{word}: {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// The report as rustc prints it: the `file:line:col: error: message` line first (editors
    /// jump to it), then the source line with a caret under the place, then the help. With
    /// `styled`, ANSI colours; the CLI writes through `anstream`, which drops them when the
    /// output is not a terminal or `NO_COLOR` is set. The source line is the one attached when
    /// the text was read (`attach_lines`); nothing is read again, so an edited file cannot
    /// show the wrong line. Without one, the snippet is left out.
    pub fn render(&self, styled: bool) -> String {
        let (word, level, colour) = match self.severity {
            Severity::Error => ("error", Level::ERROR, AnsiColor::BrightRed),
            Severity::Warning => ("warning", Level::WARNING, AnsiColor::BrightYellow),
        };
        let bold = Style::new().bold();
        let tint = bold.fg_color(Some(colour.into()));
        let paint = |style: Style, text: &str| match styled {
            true => format!("{style}{text}{style:#}"),
            false => text.to_string(),
        };
        let mut out = String::new();
        if let Some(origin) = &self.origin {
            out.push_str(&paint(bold, &format!("{origin}:")));
            out.push(' ');
        }
        out.push_str(&paint(tint, &format!("{word}:")));
        out.push_str(&paint(
            bold,
            &format!(" {}", crate::output::printable(&self.message)),
        ));
        let line = self
            .origin
            .as_ref()
            .filter(|_| self.mark != Mark::None)
            .and_then(|o| self.source_line(o).map(|l| (o, l)));
        let help = self
            .help
            .as_deref()
            .map(|h| crate::output::printable(h).into_owned());
        if line.is_none() {
            if let Some(help) = &help {
                out.push_str(&format!("\n  {}: {help}", paint(bold, "help")));
            }
            return out;
        }
        let (origin, text) = line.expect("checked above");
        let whole_line = origin.col == 1 && origin.file.extension().is_none_or(|e| e != "toml");
        let span = if whole_line || self.mark == Mark::Line {
            // Import formats place an entry by its line only, and a table's missing key is
            // the table's: underline the line.
            let start = text.len() - text.trim_start().len();
            start..text.trim_end().len()
        } else {
            span_at(&text, origin.col)
        };
        let mut group = Group::with_level(level).element(
            Snippet::source(text.as_str())
                .line_start(origin.line)
                .annotation(AnnotationKind::Primary.span(span)),
        );
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        out.push('\n');
        out.push_str(renderer.render(&[group]).trim_end());
        out
    }
}

/// A source line as it may reach a terminal: each control character (an escape sequence in a
/// corpus file, say) becomes one `\u{fffd}`, not the escaped form `output::printable` gives
/// messages, so that the caret under the line keeps its column.
fn one_column(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

impl Diagnostic {
    /// The line at `origin`, made printable: the one attached when the text was read.
    fn source_line(&self, origin: &Origin) -> Option<String> {
        if origin.line == 0 {
            return None;
        }
        let line = one_column(self.line.as_deref()?).replace('\t', " ");
        (!line.trim().is_empty()).then_some(line)
    }
}

/// Attach to each of `found` its source line, from `text_of(file)` (the text the problem was
/// found in). Each file's lines are indexed once, however many problems it has.
pub(crate) fn attach_lines<'a>(
    found: &mut [Diagnostic],
    text_of: impl Fn(&Path) -> Option<&'a str>,
) {
    let mut indexes: std::collections::HashMap<Arc<Path>, Option<LineIndex<'a>>> =
        std::collections::HashMap::new();
    for d in found.iter_mut().filter(|d| d.line.is_none()) {
        let Some(origin) = &d.origin else { continue };
        let index = indexes
            .entry(origin.file.clone())
            .or_insert_with(|| text_of(&origin.file).map(LineIndex::new));
        if let Some(index) = index {
            d.line = index.line_text(origin.line).map(str::to_string);
        }
    }
}

/// The bytes of `line` to underline from column `col` (1-based, in characters): a quoted string
/// to its closing quote, a word (key, id, number) to its end, else one character.
fn span_at(line: &str, col: usize) -> std::ops::Range<usize> {
    let start = line
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let rest = &line[start..];
    let word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '+');
    let len = match rest.chars().next() {
        None => 0,
        // A multi-line string: its opening quotes (the rest is on later lines).
        Some(q @ ('"' | '\'')) if rest.starts_with(&q.to_string().repeat(3)) => {
            let triple = q.to_string().repeat(3);
            rest[3..].find(&triple).map_or(3, |i| i + 6)
        }
        Some(q @ ('"' | '\'')) => rest[1..].find(q).map_or(rest.len(), |i| i + 2),
        // A table header, `[[link]]`: the whole header.
        Some('[') if line[..start].trim().is_empty() => rest.rfind(']').map_or(1, |i| i + 1),
        Some(c) if word(c) => rest.find(|c: char| !word(c)).unwrap_or(rest.len()),
        Some(c) => c.len_utf8(),
    };
    start..start + len
}

/// Sort for stable output: by file, line, column, then message.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.origin, a.severity, &a.message).cmp(&(&b.origin, b.severity, &b.message))
    });
}

/// The closest of `candidates` to `name`, when it is close enough to be a plausible typo.
pub(crate) fn did_you_mean<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(name, candidate);
        let better = match best {
            None => true,
            // Ties go to the alphabetically first candidate so the hint is deterministic.
            Some((s, c)) => score > s || (score == s && candidate < c),
        };
        if better {
            best = Some((score, candidate));
        }
    }
    best.filter(|(score, _)| *score >= 0.8).map(|(_, c)| c)
}

/// `did you mean `x`?`, or a list of what is allowed when nothing is close. `what` names one
/// candidate: `topic`, `link`, `topic or link`, `key`, ...
pub(crate) fn suggest<'a, I>(name: &str, candidates: I, what: &str) -> String
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    let plural = match what {
        "topic or link" => "topics and links".to_string(),
        _ => format!("{what}s"),
    };
    match did_you_mean(name, candidates.clone()) {
        Some(c) => format!("did you mean `{c}`?"),
        None => {
            let all: Vec<&str> = candidates.into_iter().collect();
            let ids = matches!(what, "topic" | "link" | "topic or link" | "id");
            if all.is_empty() {
                format!("no {plural} are defined")
            } else if all.len() <= 12 || !ids {
                // Keys, kinds, levels: a fixed vocabulary, listed in full.
                format!("known {plural}: {}", all.join(", "))
            } else if what == "topic" {
                "`syllabus topics` lists the topic ids".to_string()
            } else {
                // Link ids are not in the topics table; the JSON plan lists every one.
                let noun = if what == "id" {
                    "id".to_string()
                } else {
                    format!("{what} id")
                };
                format!("no {noun} is close; `syllabus topics` lists the topic ids and `syllabus plan --format json` the link ids")
            }
        }
    }
}

/// Where each line of a text starts, found once: parsers that place many entries in one file
/// look each up by binary search instead of rescanning the text from the start.
#[derive(Clone, Debug)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of every line's first character; the first is 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// Line `line` (1-based), without its line break.
    pub fn line_text(&self, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).map_or(self.text.len(), |&e| e);
        let text = &self.text[start..end];
        Some(
            text.strip_suffix('\n')
                .map_or(text, |t| t.strip_suffix('\r').unwrap_or(t)),
        )
    }

    /// 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset.min(self.text.len()))
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line(offset);
        let col = self.text[self.starts[line - 1]..offset].chars().count() + 1;
        (line, col)
    }

    pub fn origin(&self, file: &Path, offset: usize) -> Origin {
        self.origin_in(&Arc::from(file), offset)
    }

    /// [`LineIndex::origin`] in a file already shared.
    pub fn origin_in(&self, file: &Arc<Path>, offset: usize) -> Origin {
        let (line, col) = self.line_col(offset);
        Origin {
            file: Arc::clone(file),
            line,
            col,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub(crate) fn origin_at(file: &Path, text: &str, offset: usize) -> Origin {
    LineIndex::new(text).origin(file, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one_in_characters() {
        let text = "a = 1\nbé = 2\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(0), (1, 1));
        assert_eq!(index.line_col(6), (2, 1));
        // `=` after the two-byte `é` is the fourth character.
        assert_eq!(index.line_col(text.find("= 2").unwrap()), (2, 4));
    }

    #[test]
    fn line_index_agrees_with_a_scan_from_the_start() {
        let text = "a\n\nbé = 2\r\n  x\nlast";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            let before = &text[..floor_char_boundary(text, offset.min(text.len()))];
            let line = before.matches('\n').count() + 1;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let col = before[start..].chars().count() + 1;
            assert_eq!(index.line_col(offset), (line, col), "offset {offset}");
            assert_eq!(index.line(offset), line, "offset {offset}");
        }
    }

    #[test]
    fn spans_cover_the_token_at_the_column() {
        let line = r#"requires = ["concensus", "x"]"#;
        assert_eq!(&line[span_at(line, 13)], r#""concensus""#);
        assert_eq!(&line[span_at(line, 1)], "requires");
        assert_eq!(&line[span_at(line, 10)], "=");
        assert_eq!(&line[span_at(line, 12)], "[");
        assert_eq!(&"d = \"\"\""[span_at("d = \"\"\"", 5)], "\"\"\"");
        assert_eq!(&"d = '''x''' #"[span_at("d = '''x''' #", 5)], "'''x'''");
        assert_eq!(&"[[link]] # x"[span_at("[[link]] # x", 1)], "[[link]]");
        assert_eq!(span_at(line, 99), line.len()..line.len());
        assert_eq!(&"é = 1"[span_at("é = 1", 1)], "é");
    }

    #[test]
    fn render_shows_the_line_and_a_caret_plain_and_styled() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("raft.toml");
        let text = "title = \"Raft\"\nrequires = [\"concensus\"]\n";
        let origin = Origin {
            file: file.clone().into(),
            line: 2,
            col: 13,
        };
        let bare = Diagnostic::error(Some(origin), "unknown topic `concensus`\u{1b}[2J")
            .with_help("did you mean `consensus`?");
        let d = bare.clone().with_line_from(text);
        let plain = d.render(false);
        let header = format!(
            "{}:2:13: error: unknown topic `concensus`\\u{{1b}}[2J",
            file.display()
        );
        assert_eq!(
            plain,
            format!("{header}\n  |\n2 | requires = [\"concensus\"]\n  |             ^^^^^^^^^^^\n  |\n  = help: did you mean `consensus`?")
        );
        let styled = d.render(true);
        assert!(styled.contains("\u{1b}["), "{styled:?}");
        assert_eq!(anstream::adapter::strip_str(&styled).to_string(), plain);
        // The line shown is the one read with the problem: the file, even there and edited
        // since, is not read again; a problem without its line shows none.
        std::fs::write(&file, "title = \"Raft\"\nrequires = []\n").unwrap();
        assert_eq!(d.render(false), plain);
        assert_eq!(
            bare.render(false),
            format!("{header}\n  help: did you mean `consensus`?")
        );
    }

    #[test]
    fn did_you_mean_finds_near_misses_only() {
        let names = ["consensus", "time-and-clocks", "raft"];
        assert_eq!(did_you_mean("concensus", names), Some("consensus"));
        assert_eq!(did_you_mean("zzz", names), None);
    }

    #[test]
    fn suggestions_read_right_when_nothing_is_close() {
        let ids: Vec<String> = (0..20).map(|i| format!("topic-{i}")).collect();
        let ids = ids.iter().map(String::as_str);
        assert_eq!(
            suggest("zzz", ids.clone(), "id"),
            "no id is close; `syllabus topics` lists the topic ids and `syllabus plan --format json` the link ids"
        );
        let keys: Vec<String> = (0..14).map(|i| format!("key{i}")).collect();
        let help = suggest("zzz", keys.iter().map(String::as_str), "key");
        assert!(help.starts_with("known keys: key0, key1"), "{help}");
        assert!(!help.contains("topic"), "{help}");
    }
}
