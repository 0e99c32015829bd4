//! The reader's options, from the command line and a `--profile` TOML file, checked against the
//! course and turned into a [`Selection`] and [`ScheduleOptions`].
//!
//! The profile's keys are the option names with `_` for `-`; options given on the command line
//! win. Values are checked here, not in the CLI, so that a profile error can point at its
//! `file:line:col`.

use crate::diagnostics::{origin_at, suggest, Diagnostic};
use crate::model::{Course, Kind, Level, Origin};
use crate::schedule::{Date, ScheduleOptions, DEFAULT_HOURS_PER_WEEK};
use crate::select::Selection;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Option values as given, before they are checked. `None` means "not given here".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Given {
    pub target: Option<Vec<String>>,
    pub known: Option<Vec<String>>,
    pub skip: Option<Vec<String>>,
    pub level: Option<String>,
    pub kinds: Option<Vec<String>>,
    pub free: Option<bool>,
    pub hours_per_week: Option<f64>,
    pub start: Option<String>,
    pub weeks: Option<u32>,
    /// Schedule the optional track too.
    pub optional: Option<bool>,
    pub progress: Option<PathBuf>,
    /// Where a profile wrote each value (`"target:raft"`, `"level"`), for messages.
    pub origins: BTreeMap<String, Origin>,
}

impl Given {
    /// These values, falling back to `other`'s for anything not given here.
    pub fn or(self, other: Given) -> Given {
        let mut origins = other.origins;
        origins.extend(self.origins);
        Given {
            target: self.target.or(other.target),
            known: self.known.or(other.known),
            skip: self.skip.or(other.skip),
            level: self.level.or(other.level),
            kinds: self.kinds.or(other.kinds),
            free: self.free.or(other.free),
            hours_per_week: self.hours_per_week.or(other.hours_per_week),
            start: self.start.or(other.start),
            weeks: self.weeks.or(other.weeks),
            optional: self.optional.or(other.optional),
            progress: self.progress.or(other.progress),
            origins,
        }
    }
}

/// Everything the reader chose, checked.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    pub selection: Selection,
    pub schedule: ScheduleOptions,
    /// `--progress`, as given (the CLI falls back to `progress.toml`).
    pub progress: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    target: Option<Vec<Spanned<String>>>,
    known: Option<Vec<Spanned<String>>>,
    skip: Option<Vec<Spanned<String>>>,
    level: Option<Spanned<String>>,
    kinds: Option<Vec<Spanned<String>>>,
    free: Option<bool>,
    hours_per_week: Option<Spanned<toml::Value>>,
    start: Option<Spanned<toml::Value>>,
    weeks: Option<Spanned<i64>>,
    optional: Option<bool>,
    progress: Option<String>,
}

/// Read a profile. Syntax errors, unknown keys and wrong types point at their place.
pub fn load_profile(path: &Path) -> Result<Given, Diagnostic> {
    let text = crate::output::read_limited(path, 1024 * 1024)
        .and_then(|b| {
            String::from_utf8(b).map_err(|_| std::io::Error::other("it is not UTF-8 text"))
        })
        .map_err(|e| {
            Diagnostic::error(
                None,
                format!("cannot read the profile {}: {e}", path.display()),
            )
        })?;
    parse_profile(path, &text)
}

pub fn parse_profile(path: &Path, text: &str) -> Result<Given, Diagnostic> {
    let at = |offset: usize| origin_at(path, text, offset);
    let file: ProfileFile = toml::from_str(text).map_err(|e| {
        Diagnostic::error(
            e.span().map(|s| at(s.start)),
            format!("invalid profile: {}", e.message()),
        )
        .with_help(
            "keys: target, known, skip, level, kinds, free, hours_per_week, start, weeks, optional, progress",
        )
    })?;
    let mut origins = BTreeMap::new();
    let mut ids = |key: &str, list: Option<Vec<Spanned<String>>>| {
        list.map(|list| {
            list.into_iter()
                .map(|s| {
                    origins.insert(format!("{key}:{}", s.get_ref()), at(s.span().start));
                    s.into_inner()
                })
                .collect::<Vec<_>>()
        })
    };
    let target = ids("target", file.target);
    let known = ids("known", file.known);
    let skip = ids("skip", file.skip);
    let kinds = ids("kinds", file.kinds);
    let mut level = None;
    if let Some(l) = file.level {
        origins.insert("level".into(), at(l.span().start));
        level = Some(l.into_inner());
    }
    let hours_per_week = match file.hours_per_week {
        None => None,
        Some(h) => {
            let origin = at(h.span().start);
            let value = match h.get_ref() {
                toml::Value::Integer(i) => *i as f64,
                toml::Value::Float(f) => *f,
                _ => {
                    return Err(Diagnostic::error(
                        Some(origin),
                        "hours_per_week must be a number",
                    ))
                }
            };
            origins.insert("hours_per_week".into(), origin);
            Some(value)
        }
    };
    let start = match file.start {
        None => None,
        Some(s) => {
            origins.insert("start".into(), at(s.span().start));
            Some(match s.into_inner() {
                toml::Value::String(s) => s,
                other => other.to_string(),
            })
        }
    };
    let weeks = match file.weeks {
        None => None,
        Some(w) => {
            let origin = at(w.span().start);
            let n = u32::try_from(*w.get_ref())
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| {
                    Diagnostic::error(
                        Some(origin.clone()),
                        "weeks must be a positive whole number",
                    )
                })?;
            origins.insert("weeks".into(), origin);
            Some(n)
        }
    };
    // A profile kept beside its progress file names it relative to itself.
    let progress = file.progress.map(|p| {
        let p = PathBuf::from(p);
        match path.parent() {
            Some(dir) if p.is_relative() && !dir.as_os_str().is_empty() => dir.join(p),
            _ => p,
        }
    });
    Ok(Given {
        target,
        known,
        skip,
        level,
        kinds,
        free: file.free,
        hours_per_week,
        start,
        weeks,
        optional: file.optional,
        progress,
        origins,
    })
}

/// Check `given` against `course`. Every problem is a usage error (exit 2): unknown ids with a
/// did-you-mean, bad levels, kinds, dates or paces.
pub fn resolve(course: &Course, given: &Given) -> Result<Options, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let origin = |key: &str| given.origins.get(key).cloned();
    let targets = given.target.clone().unwrap_or_default();
    let known = given.known.clone().unwrap_or_default();
    let skip = given.skip.clone().unwrap_or_default();
    check_ids(course, given, "target", &targets, &mut errors);
    check_ids(course, given, "known", &known, &mut errors);
    check_ids(course, given, "skip", &skip, &mut errors);

    let level = given.level.as_deref().and_then(|l| match Level::parse(l) {
        Some(level) => Some(level),
        None => {
            errors.push(
                Diagnostic::error(origin("level"), format!("--level {l}: no such level"))
                    .with_help(suggest(l, Level::WORDS.iter().copied(), "level")),
            );
            None
        }
    });
    let kinds = kinds(given, &mut errors);
    let start = given.start.as_deref().and_then(|s| match Date::parse(s) {
        Some(d) => Some(d),
        None => {
            errors.push(
                Diagnostic::error(origin("start"), format!("--start {s}: not a date"))
                    .with_help("write the date as YYYY-MM-DD, such as 2025-09-01"),
            );
            None
        }
    });
    let hours_per_week = given.hours_per_week.unwrap_or(DEFAULT_HOURS_PER_WEEK);
    if !(hours_per_week.is_finite() && hours_per_week > 0.0 && hours_per_week <= 168.0) {
        errors.push(
            Diagnostic::error(
                origin("hours_per_week"),
                format!("--hours-per-week {hours_per_week}: not a pace"),
            )
            .with_help("give the hours a week you can read, more than 0 and at most 168"),
        );
    }
    if given.weeks == Some(0) {
        errors.push(Diagnostic::error(
            origin("weeks"),
            "--weeks 0: give at least one week",
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Options {
        selection: Selection {
            targets: dedup(targets),
            known: dedup(known),
            skip: dedup(skip),
            level,
            kinds,
            free: given.free.unwrap_or(false),
        },
        schedule: ScheduleOptions {
            hours_per_week,
            start,
            weeks: given.weeks,
            optional: given.optional.unwrap_or(false),
        },
        progress: given.progress.clone(),
    })
}

/// `--{key}` ids that name nothing they may name (`known` takes topics, the others topics or
/// links), each with a did-you-mean.
fn check_ids(
    course: &Course,
    given: &Given,
    key: &str,
    ids: &[String],
    errors: &mut Vec<Diagnostic>,
) {
    let topics_only = key == "known";
    let what = if topics_only {
        "topic"
    } else {
        "topic or link"
    };
    for id in ids {
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
            Diagnostic::error(
                given.origins.get(&format!("{key}:{id}")).cloned(),
                format!("--{key} {id}: no such {what}"),
            )
            .with_help(help),
        );
    }
}

/// `--kinds`, each word checked, `practice` standing for every practice kind.
fn kinds(given: &Given, errors: &mut Vec<Diagnostic>) -> Vec<Kind> {
    let origin = |key: &str| given.origins.get(key).cloned();
    let mut kinds = Vec::new();
    for word in given.kinds.iter().flatten() {
        match Kind::parse(word) {
            Some(k) => kinds.push(k),
            None if word == PRACTICE => kinds.extend(Kind::PRACTICE),
            None => errors.push(
                Diagnostic::error(
                    origin(&format!("kinds:{word}")),
                    format!("--kinds {word}: no such kind"),
                )
                .with_help(suggest(word, kind_words(), "kind")),
            ),
        }
    }
    // `practice,exercise` names exercise twice; the filter words should say it once.
    let mut seen = std::collections::BTreeSet::new();
    kinds.retain(|k| seen.insert(*k));
    kinds
}

/// `--kinds practice` stands for every practice kind (exercise and project).
pub const PRACTICE: &str = "practice";

/// The words `--kinds` accepts: every kind, and `practice`.
pub fn kind_words() -> impl Iterator<Item = &'static str> + Clone {
    Kind::WORDS.iter().copied().chain([PRACTICE])
}

fn dedup(mut ids: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    ids.retain(|id| seen.insert(id.clone()));
    ids
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
    fn command_line_wins_over_the_profile() {
        let profile = parse_profile(
            Path::new("me.toml"),
            "level = \"intro\"\nhours_per_week = 4\nknown = [\"a\"]\n",
        )
        .unwrap();
        let cli = Given {
            level: Some("advanced".into()),
            ..Given::default()
        };
        let merged = cli.or(profile);
        assert_eq!(merged.level.as_deref(), Some("advanced"));
        assert_eq!(merged.hours_per_week, Some(4.0));
        assert_eq!(merged.known, Some(vec!["a".to_string()]));
    }
}
