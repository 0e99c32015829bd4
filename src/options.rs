//! The reader's options, from the command line and a `--profile` TOML file, checked against the
//! course and turned into a [`Selection`] and [`ScheduleOptions`].
//!
//! Each option is a field of [`Given`]: serde reads it from a profile (`hours_per_week`: the
//! field's name), the CLI fills it from the command line (`--hours-per-week`; its clap
//! arguments live in `src/cli/`, ripgrep's low and high arguments), and the command line wins. A value that can be wrong by itself (a level, a kind, a number of weeks) is
//! refused as it is read, in the profile at its `file:line:col`; what depends on the course (ids)
//! or on a range (the pace, a date) is checked by `resolve`.

use crate::diagnostics::{origin_at, suggest, Diagnostic};
use crate::model::{Course, Kind, Level, Origin};
use crate::schedule::{Date, ScheduleOptions, DEFAULT_HOURS_PER_WEEK};
use crate::select::Selection;
use merge::Merge;
use serde::de::{self, Deserialize, Deserializer};
use std::fmt::Display;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Option values as given, before they are checked: one field per option, for the command line
/// and the profile (serde). Empty, `None` or `false` means "not given here".
#[derive(serde::Deserialize, Merge, Clone, Debug, Default, PartialEq)]
#[serde(deny_unknown_fields)]
#[merge(strategy = unless_given)]
pub struct Given {
    /// Plan only this topic or link and what it requires (repeatable)
    #[serde(default)]
    pub target: Vec<At<String>>,
    /// A topic you know already: left out with what only it needs (repeatable)
    #[serde(default)]
    pub known: Vec<At<String>>,
    /// A topic or link to leave out regardless; reported as a gap when needed (repeatable)
    #[serde(default)]
    pub skip: Vec<At<String>>,
    /// Keep links up to this level
    #[serde(default, deserialize_with = "some_word")]
    pub level: Option<Level>,
    /// Keep links of these kinds (comma-separated); `practice` means exercise and project
    #[serde(default)]
    pub kinds: Vec<KindWord>,
    /// Keep links with free access only
    #[serde(default)]
    pub free: bool,
    /// Hours a week for reading and practice (default 5)
    #[serde(default, deserialize_with = "hours")]
    pub hours_per_week: Option<At<f64>>,
    /// The first day of week 1
    #[serde(default, deserialize_with = "date")]
    pub start: Option<At<String>>,
    /// The number of weeks you want to finish in
    #[serde(default, deserialize_with = "weeks")]
    pub weeks: Option<u32>,
    /// Schedule the optional track too (links marked `optional = true`); without it they are
    /// listed, marked optional, outside the core hours and the weeks
    #[serde(default)]
    pub optional: bool,
    /// A TOML file to read the options not given here from (see `load_profile`)
    #[serde(skip)]
    pub profile: Option<PathBuf>,
    /// The progress file (`done = [...]`); the CLI defaults to ./progress.toml when it exists
    pub progress: Option<PathBuf>,
    /// The profile the values with a span came from, for messages that point at them.
    #[serde(skip)]
    source: Option<Source>,
}

/// A value and, when a profile gave it, where: a byte range of the profile's text.
#[derive(Clone, Debug, PartialEq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Where the profile wrote it; `None` on the command line.
    pub span: Option<Range<usize>>,
}

impl<T> From<T> for At<T> {
    fn from(value: T) -> Self {
        At { value, span: None }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<T>::deserialize(d)?;
        Ok(At {
            span: Some(s.span()),
            value: s.into_inner(),
        })
    }
}

/// A profile's path and text, kept to turn a value's span into `file:line:col` when a message
/// needs one.
#[derive(Clone, Debug, PartialEq)]
struct Source {
    path: PathBuf,
    text: String,
}

/// The merge of the command line with a profile: what the command line left unset comes from
/// the profile.
fn unless_given<T: Unset>(command_line: &mut T, profile: T) {
    if command_line.is_unset() {
        *command_line = profile;
    }
}

trait Unset {
    fn is_unset(&self) -> bool;
}

impl<T> Unset for Vec<T> {
    fn is_unset(&self) -> bool {
        self.is_empty()
    }
}

impl<T> Unset for Option<T> {
    fn is_unset(&self) -> bool {
        self.is_none()
    }
}

/// A flag can only be switched on: off means "not given".
impl Unset for bool {
    fn is_unset(&self) -> bool {
        !self
    }
}

impl Given {
    /// These values, falling back to `other`'s for anything not given here.
    pub fn or(mut self, other: Given) -> Given {
        self.merge(other);
        self
    }

    /// Where a profile wrote a value with this span.
    fn origin(&self, span: &Option<Range<usize>>) -> Option<Origin> {
        let source = self.source.as_ref()?;
        let span = span.as_ref()?;
        Some(origin_at(&source.path, &source.text, span.start))
    }
}

/// Everything the reader chose, checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// What to plan.
    pub selection: Selection,
    /// How to schedule it.
    pub schedule: ScheduleOptions,
    /// `--progress`, as given (the CLI falls back to `progress.toml`).
    pub progress: Option<PathBuf>,
}

/// A word `--kinds` accepts: a kind, or `practice` for every practice kind (exercise and
/// project).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindWord {
    /// One kind.
    Kind(Kind),
    /// Every practice kind: exercise and project.
    Practice,
}

impl KindWord {
    /// Every kind, then `practice`: the order `--help` lists them in.
    const ALL: [KindWord; Kind::ALL.len() + 1] = {
        let mut all = [KindWord::Practice; Kind::ALL.len() + 1];
        let mut i = 0;
        while i < Kind::ALL.len() {
            all[i] = KindWord::Kind(Kind::ALL[i]);
            i += 1;
        }
        all
    };
}

/// An enum whose values are words (`--level intro`, `level = "intro"`, `--input-format
/// markdown`): the one way the library turns its enums into words and back, which the CLI's
/// value parsers and the profile reader both use.
pub trait Word: Copy + Send + Sync + 'static {
    /// The option it is a value of, as a profile names it (`level`), for messages.
    const OPTION: &'static str;
    /// What one value is called (`level`), for messages.
    const NOUN: &'static str;
    /// Every value, in the order help lists them.
    fn all() -> &'static [Self];
    /// The word for this value.
    fn word(self) -> &'static str;
    /// The value a word names.
    fn from_word(word: &str) -> Option<Self> {
        Self::all().iter().copied().find(|v| v.word() == word)
    }
}

impl Word for KindWord {
    const OPTION: &'static str = "kinds";
    const NOUN: &'static str = "kind";
    fn all() -> &'static [Self] {
        &Self::ALL
    }
    fn word(self) -> &'static str {
        match self {
            KindWord::Kind(kind) => kind.as_str(),
            KindWord::Practice => "practice",
        }
    }
}

impl Word for Level {
    const OPTION: &'static str = "level";
    const NOUN: &'static str = "level";
    fn all() -> &'static [Self] {
        Level::ALL
    }
    fn word(self) -> &'static str {
        self.as_str()
    }
}

fn parse_word<T: Word, E: de::Error>(word: &str) -> Result<T, E> {
    T::from_word(word).ok_or_else(|| {
        value_error(
            format!("--{} {word}: no such {}", T::OPTION, T::NOUN),
            suggest(word, T::all().iter().map(|w| w.word()), T::NOUN),
        )
    })
}

/// Reads a word inside the deserializer's visit, so that a bad one in a list points at itself.
struct WordVisitor<T>(std::marker::PhantomData<T>);

impl<T: Word> de::Visitor<'_> for WordVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, word: &str) -> Result<T, E> {
        parse_word(word)
    }
}

impl<'de> Deserialize<'de> for KindWord {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(WordVisitor(std::marker::PhantomData))
    }
}

fn some_word<'de, D: Deserializer<'de>, T: Word>(d: D) -> Result<Option<T>, D::Error> {
    d.deserialize_str(WordVisitor(std::marker::PhantomData))
        .map(Some)
}

/// A whole number of hours is a number too (`hours_per_week = 4`).
fn hours<'de, D: Deserializer<'de>>(d: D) -> Result<Option<At<f64>>, D::Error> {
    let h = At::<toml::Value>::deserialize(d)?;
    let value = match h.value {
        toml::Value::Integer(i) => i as f64,
        toml::Value::Float(f) => f,
        _ => {
            return Err(value_error(
                "hours_per_week must be a number",
                "write the hours a week as a number, such as hours_per_week = 4",
            ))
        }
    };
    Ok(Some(At {
        value,
        span: h.span,
    }))
}

/// A TOML date (`start = 2025-09-01`) or a string; [`resolve`] checks that it is a date.
fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<At<String>>, D::Error> {
    let s = At::<toml::Value>::deserialize(d)?;
    let value = match s.value {
        toml::Value::String(s) => s,
        other => other.to_string(),
    };
    Ok(Some(At {
        value,
        span: s.span,
    }))
}

fn weeks<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let n = i64::deserialize(d)?;
    match u32::try_from(n) {
        Ok(n) if n > 0 => Ok(Some(n)),
        _ => Err(value_error(
            "weeks must be a positive whole number",
            "give the number of weeks to finish in, such as weeks = 12",
        )),
    }
}

/// serde errors carry one message: a profile value's own error starts with this separator and
/// puts its fix after another, and [`parse_profile`] makes that the help. (A word in the message
/// may hold the separator too; the fix never does.)
const FIX: char = '\u{1f}';

fn value_error<E: de::Error>(message: impl Display, fix: impl Display) -> E {
    E::custom(format!("{FIX}{message}{FIX}{fix}"))
}

/// Read a profile. Syntax errors, unknown keys and wrong values point at their place (invalid
/// input); a file that cannot be read is an I/O error.
pub(crate) fn load_profile(path: &Path) -> Result<Given, crate::Error> {
    let cannot = |e: std::io::Error| {
        Diagnostic::error(
            None,
            format!("cannot read the profile {}: {e}", path.display()),
        )
    };
    let bytes =
        crate::output::read_limited(path, 1024 * 1024).map_err(|e| crate::Error::io(cannot(e)))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        crate::Error::invalid(cannot(std::io::Error::other("it is not UTF-8 text")))
    })?;
    parse_profile(path, &text).map_err(crate::Error::invalid)
}

/// Read a profile's text; `path` names it in messages and places a relative `progress`.
pub(crate) fn parse_profile(path: &Path, text: &str) -> Result<Given, Diagnostic> {
    let mut given: Given = toml::from_str(text).map_err(|e| profile_error(path, text, &e))?;
    // A profile kept beside its progress file names it relative to itself.
    given.progress = given.progress.map(|p| match path.parent() {
        Some(dir) if p.is_relative() && !dir.as_os_str().is_empty() => dir.join(p),
        _ => p,
    });
    given.source = Some(Source {
        path: path.to_owned(),
        text: text.to_owned(),
    });
    Ok(given)
}

fn profile_error(path: &Path, text: &str, e: &toml::de::Error) -> Diagnostic {
    let origin = e.span().map(|s| origin_at(path, text, s.start));
    let own = e.message().strip_prefix(FIX);
    let found = match own.and_then(|m| m.rsplit_once(FIX)) {
        Some((message, fix)) => Diagnostic::error(origin, message).with_help(fix),
        None => Diagnostic::error(origin, format!("invalid profile: {}", e.message()))
            .with_help(format!("keys: {}", profile_keys().join(", "))),
    };
    found.with_line_from(text)
}

/// The keys a profile may hold: every field of [`Given`] serde reads (all but `profile`
/// itself), as serde's derive lists them, so the list cannot drift from the struct.
pub(crate) fn profile_keys() -> &'static [&'static str] {
    /// A deserializer that only notes the fields a struct asks for.
    struct Fields(&'static [&'static str]);
    impl<'de> Deserializer<'de> for &mut Fields {
        type Error = de::value::Error;
        fn deserialize_any<V: de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("only a struct's fields are read"))
        }
        fn deserialize_struct<V: de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = fields;
            Err(de::Error::custom("noted"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut fields = Fields(&[]);
    let _ = Given::deserialize(&mut fields);
    fields.0
}

/// Check `given` against `course`. Every problem is a usage error (exit 2): unknown ids with a
/// did-you-mean, dates or paces out of range.
pub(crate) fn resolve(course: &Course, given: &Given) -> Result<Options, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let targets = check_ids(course, given, "target", &given.target, &mut errors);
    let known = check_ids(course, given, "known", &given.known, &mut errors);
    let skip = check_ids(course, given, "skip", &given.skip, &mut errors);
    let start = given.start.as_ref().and_then(|s| {
        let date = Date::parse(&s.value);
        if date.is_none() {
            errors.push(
                Diagnostic::error(
                    given.origin(&s.span),
                    format!("--start {}: not a date", s.value),
                )
                .with_help("write the date as YYYY-MM-DD, such as 2025-09-01"),
            );
        }
        date
    });
    let hours_per_week = pace(given, &mut errors);
    if given.weeks == Some(0) {
        errors.push(Diagnostic::error(None, "--weeks 0: give at least one week"));
    }
    if let Some(weeks) = given.weeks.filter(|w| *w > MAX_WEEKS_WANTED) {
        errors.push(
            Diagnostic::error(None, format!("--weeks {weeks}: more weeks than a plan has"))
                .with_help(format!(
                    "give at most {MAX_WEEKS_WANTED} weeks (about 190 years)"
                )),
        );
    }
    if !errors.is_empty() {
        // The profile's problems show their line from the text read, not the file again.
        if let Some(source) = &given.source {
            crate::diagnostics::attach_lines(&mut errors, |_| Some(source.text.as_str()));
        }
        return Err(errors);
    }
    Ok(Options {
        selection: Selection {
            targets,
            known,
            skip,
            level: given.level,
            kinds: kinds(&given.kinds),
            free: given.free,
        },
        schedule: ScheduleOptions {
            hours_per_week,
            start,
            weeks: given.weeks,
            optional: given.optional,
        },
        progress: given.progress.clone(),
    })
}

/// The slowest pace planned: a quarter of an hour a week. Slower ones only make weeks without
/// end (a pace of 1e-7 hours is 800,000 weeks for a small course).
pub(crate) const MIN_HOURS_PER_WEEK: f64 = 0.25;

/// The most weeks `--weeks` may ask for; the planner's own bound on weeks is the same.
pub(crate) const MAX_WEEKS_WANTED: u32 = 10_000;

/// `--hours-per-week`, or the default, if it is a pace a week can hold.
fn pace(given: &Given, errors: &mut Vec<Diagnostic>) -> f64 {
    let (hours, span) = match &given.hours_per_week {
        Some(h) => (h.value, h.span.clone()),
        None => (DEFAULT_HOURS_PER_WEEK, None),
    };
    if !(hours.is_finite() && (MIN_HOURS_PER_WEEK..=168.0).contains(&hours)) {
        errors.push(
            Diagnostic::error(
                given.origin(&span),
                format!("--hours-per-week {hours}: not a pace"),
            )
            .with_help(format!(
                "give the hours a week you can read, from {MIN_HOURS_PER_WEEK} (a quarter of an hour) to 168 (every hour of the week)"
            )),
        );
    }
    hours
}

/// The `--{key}` ids, each once, after reporting those that name nothing they may name (`known`
/// takes topics, the others topics or links), each with a did-you-mean.
fn check_ids<Id: std::str::FromStr>(
    course: &Course,
    given: &Given,
    key: &str,
    ids: &[At<String>],
    errors: &mut Vec<Diagnostic>,
) -> Vec<Id> {
    let topics_only = key == "known";
    let what = if topics_only {
        "topic"
    } else {
        "topic or link"
    };
    for At { value: id, span } in ids {
        let is_link = course.link(id).is_some();
        if course.topic(id).is_some() || (is_link && !topics_only) {
            continue;
        }
        // The candidates are listed only for a message, so only when one is needed.
        let help = if topics_only && is_link {
            format!("`{id}` is a link; mark it read with `syllabus done {id}`")
        } else {
            let topics = course.topics.iter().map(|t| t.id.as_str());
            let links = course.links().map(|l| l.id.as_str());
            let allowed: Vec<&str> = if topics_only {
                topics.collect()
            } else {
                topics.chain(links).collect()
            };
            suggest(id, allowed.iter().copied(), what)
        };
        errors.push(
            Diagnostic::error(given.origin(span), format!("--{key} {id}: no such {what}"))
                .with_help(help),
        );
    }
    // Each names an item of the course (or is an error above), so each is an id.
    let mut seen = std::collections::BTreeSet::new();
    ids.iter()
        .filter(|id| seen.insert(&id.value))
        .filter_map(|id| id.value.parse().ok())
        .collect()
}

/// The kinds `--kinds` names, each once (`practice,exercise` names exercise twice).
fn kinds(words: &[KindWord]) -> Vec<Kind> {
    let mut kinds = Vec::new();
    for word in words {
        match word {
            KindWord::Kind(kind) => kinds.push(*kind),
            KindWord::Practice => kinds.extend(Kind::PRACTICE),
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    kinds.retain(|k| seen.insert(*k));
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_errors_name_line_and_column() {
        let err = parse_profile(
            Path::new("me.toml"),
            "target = [\"raft\"]\nlevle = \"intro\"\n",
        )
        .unwrap_err();
        let o = err.origin.unwrap();
        assert_eq!((o.line, o.col), (2, 1));
        assert!(err.message.contains("levle"), "{}", err.message);
    }

    #[test]
    fn a_bad_word_in_a_profile_points_at_itself_with_the_fix() {
        let err =
            parse_profile(Path::new("me.toml"), "kinds = [\"paper\", \"practise\"]\n").unwrap_err();
        let o = err.origin.unwrap();
        assert_eq!((o.line, o.col), (1, 19));
        assert_eq!(err.message, "--kinds practise: no such kind");
        assert_eq!(err.help.as_deref(), Some("did you mean `practice`?"));
        // The separator of message and fix, written in a word, stays in the message.
        let err = parse_profile(Path::new("me.toml"), "level = \"a\\u001fb\"\n").unwrap_err();
        assert_eq!(err.message, "--level a\u{1f}b: no such level");
        assert_eq!(
            err.help.as_deref(),
            Some("known levels: intro, intermediate, advanced")
        );
    }

    #[test]
    fn command_line_wins_over_the_profile() {
        let profile = parse_profile(
            Path::new("me.toml"),
            "level = \"intro\"\nhours_per_week = 4\nknown = [\"a\"]\nfree = true\n",
        )
        .unwrap();
        let cli = Given {
            level: Some(Level::Advanced),
            ..Given::default()
        };
        let merged = cli.or(profile);
        assert_eq!(merged.level, Some(Level::Advanced));
        assert_eq!(merged.hours_per_week.map(|h| h.value), Some(4.0));
        let known: Vec<&str> = merged.known.iter().map(|k| k.value.as_str()).collect();
        assert_eq!(known, ["a"]);
        assert!(merged.free);
    }

    #[test]
    fn the_profile_keys_are_the_options_but_profile() {
        assert_eq!(
            profile_keys().join(", "),
            "target, known, skip, level, kinds, free, hours_per_week, start, weeks, optional, progress"
        );
    }

    #[test]
    fn kinds_accept_every_kind_and_practice() {
        let words: Vec<&str> = KindWord::ALL.iter().map(|w| w.word()).collect();
        let mut expected: Vec<&str> = Kind::WORDS.to_vec();
        expected.push("practice");
        assert_eq!(words, expected);
        assert_eq!(
            kinds(&[KindWord::Practice, KindWord::Kind(Kind::Exercise)]),
            [Kind::Exercise, Kind::Project]
        );
    }
}
