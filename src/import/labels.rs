//! How well import curates real lists, measured against hand labels: `syllabus suggest
//! --evaluate --labels FILE`.
//!
//! A labels file names a course (a folder of topic files), the lists (import files) and,
//! for each reading of a list, what a careful curator decided: the topic it belongs to (or
//! none), the course link it is the same work as (or none), and the half it is in (`tune`
//! or `holdout`: thresholds are chosen on one, the other says what they are worth). Each
//! list is imported, dry, into the course as it is, and each labelled reading is found
//! among the import's rows by its address.

use super::suggest::{Params, Suggester};
use super::{decide, Format, Row};
use crate::corpus;
use crate::corpus::url_key as urls;
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    /// The course folder, relative to the labels file.
    course: PathBuf,
    /// The folder of the lists, relative to the labels file.
    lists: PathBuf,
    /// By list: the address it is published at, for its relative links (`import --base`).
    #[serde(default)]
    bases: BTreeMap<String, url::Url>,
    #[serde(rename = "reading")]
    readings: Vec<Label>,
}

/// One reading as a curator labelled it. (A label's `why`, the curator's reason, is for
/// people: serde passes over it.)
#[derive(Clone, Debug, Deserialize)]
pub struct Label {
    pub list: String,
    pub url: String,
    #[serde(default)]
    pub title: String,
    /// `""`: fits no topic of the course.
    #[serde(default)]
    pub topic: String,
    /// `""`: the course does not hold it.
    #[serde(default)]
    pub same_as: String,
    pub half: String,
}

/// What import did with one labelled reading.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub label: Label,
    /// `None`: no row of the import has the label's address.
    pub duplicate_of: Option<Option<String>>,
    pub topic: Option<String>,
    pub why: Vec<String>,
    /// The three best topics with their scores, best first: read by the tune printers
    /// (`import/tune.rs`, test builds only).
    #[cfg_attr(not(test), allow(dead_code))]
    pub candidates: Vec<(String, f32)>,
}

impl Outcome {
    /// What import did with the reading and what the label wanted, in the same words
    /// ("new, filed in paxos", "same as flp", "new, inbox", "not read"): equal when right.
    pub fn got_and_wanted(&self) -> (String, String) {
        let got = match (&self.duplicate_of, &self.topic) {
            (None, _) => "not read".to_string(),
            (Some(Some(of)), _) => format!("same as {of}"),
            (Some(None), Some(t)) => format!("new, filed in {t}"),
            (Some(None), None) => "new, inbox".to_string(),
        };
        let l = &self.label;
        let wanted = match (l.same_as.as_str(), l.topic.as_str()) {
            ("", "") => "new, inbox".to_string(),
            ("", t) => format!("new, filed in {t}"),
            (of, _) => format!("same as {of}"),
        };
        (got, wanted)
    }
}

/// The counts of one half.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub readings: usize,
    /// Labelled readings that import did not find in their list at all.
    pub unread: usize,
    pub held: usize,
    pub held_recognised: usize,
    /// Merges with a course link that the labels say are another work (or a new one).
    pub merges: usize,
    pub wrong_merges: usize,
    pub new_fitting: usize,
    pub new_fitting_filed_right: usize,
    pub new_unfitting: usize,
    pub new_unfitting_filed: usize,
    /// Suggestions made for new readings, and how many were right.
    pub filed: usize,
    pub filed_right: usize,
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "-".into()
    } else {
        format!("{:.0}%", 100.0 * n as f64 / d as f64)
    }
}

impl Figures {
    /// Counts one outcome in.
    pub(crate) fn add(&mut self, o: &Outcome) {
        self.readings += 1;
        let Some(duplicate_of) = &o.duplicate_of else {
            self.unread += 1;
            return;
        };
        let l = &o.label;
        if !l.same_as.is_empty() {
            self.held += 1;
            if duplicate_of.as_deref() == Some(l.same_as.as_str()) {
                self.held_recognised += 1;
            }
        }
        if let Some(of) = duplicate_of {
            self.merges += 1;
            if *of != l.same_as {
                self.wrong_merges += 1;
            }
            return;
        }
        if !l.same_as.is_empty() {
            return;
        }
        if let Some(t) = &o.topic {
            self.filed += 1;
            if *t == l.topic {
                self.filed_right += 1;
            }
        }
        if l.topic.is_empty() {
            self.new_unfitting += 1;
            self.new_unfitting_filed += usize::from(o.topic.is_some());
        } else {
            self.new_fitting += 1;
            self.new_fitting_filed_right += usize::from(o.topic.as_deref() == Some(&l.topic));
        }
    }

    /// The figures as the issue states its goals, one per line.
    pub fn lines(&self) -> Vec<String> {
        vec![
            format!(
                "readings the course holds, recognised as that work: {} of {} ({}, goal >= 90%)",
                self.held_recognised,
                self.held,
                pct(self.held_recognised, self.held)
            ),
            format!(
                "merges with the wrong work or of a new reading: {} of {} ({}, goal <= 10%)",
                self.wrong_merges,
                self.merges,
                pct(self.wrong_merges, self.merges)
            ),
            format!(
                "topic suggestions right when made: {} of {} ({}, goal >= 80%)",
                self.filed_right,
                self.filed,
                pct(self.filed_right, self.filed)
            ),
            format!(
                "readings that fit no topic, filed into one: {} of {} ({}, goal <= 25%)",
                self.new_unfitting_filed,
                self.new_unfitting,
                pct(self.new_unfitting_filed, self.new_unfitting)
            ),
            format!(
                "readings that fit a topic, filed there: {} of {} ({}, goal >= 60%)",
                self.new_fitting_filed_right,
                self.new_fitting,
                pct(self.new_fitting_filed_right, self.new_fitting)
            ),
            format!(
                "labelled readings the import did not read: {} of {}",
                self.unread, self.readings
            ),
        ]
    }
}

/// The result: every outcome, in label order, and the figures by half.
#[derive(Debug, Default)]
pub struct Evaluation {
    pub outcomes: Vec<Outcome>,
    pub halves: BTreeMap<String, Figures>,
}

fn bad(path: &Path, message: String, help: &str) -> Error {
    Error::invalid(
        Diagnostic::error(None, format!("{}: {message}", path.display())).with_help(help),
    )
}

/// A labels file with its course loaded and its lists read: evaluated as often as wanted.
pub struct Labelled {
    course: crate::model::Course,
    labels: Vec<Label>,
    bases: BTreeMap<String, url::Url>,
    lists: BTreeMap<String, Vec<(PathBuf, Vec<super::Candidate>)>>,
}

impl Labelled {
    /// Reads `labels_path`, its course and every list it names.
    pub fn load(labels_path: &Path) -> Result<Labelled, Error> {
        let text = std::fs::read_to_string(labels_path).map_err(|e| {
            Error::io(
                Diagnostic::error(None, format!("cannot read {}: {e}", labels_path.display()))
                    .with_help("pass the labels file (labels.toml)"),
            )
        })?;
        let file: File = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map_or(1, |s| text[..s.start].lines().count().max(1));
            bad(
                labels_path,
                format!("line {line}: {}", e.message()),
                "each [[reading]] has list, url, half and optionally title, topic, same_as, why",
            )
        })?;
        if file.readings.is_empty() {
            return Err(bad(
                labels_path,
                "no [[reading]]".into(),
                "label some readings",
            ));
        }
        let base = labels_path.parent().unwrap_or(Path::new("."));
        let sources = corpus::read_dir(&base.join(&file.course)).map_err(Error::invalid)?;
        let course = corpus::load(&sources).map_err(Error::Invalid)?.course;
        let mut lists = BTreeMap::new();
        for label in &file.readings {
            if lists.contains_key(&label.list) {
                continue;
            }
            let path = base.join(&file.lists).join(&label.list);
            let parsed = super::read_based(&path, Format::Auto, file.bases.get(&label.list))?;
            lists.insert(label.list.clone(), vec![(path, parsed.links)]);
        }
        Ok(Labelled {
            course,
            labels: file.readings,
            bases: file.bases,
            lists,
        })
    }

    /// Only the labels (and lists) of `half`: what tuning may look at (`import/tune.rs`).
    #[cfg(test)]
    pub fn only_half(mut self, half: &str) -> Labelled {
        self.labels.retain(|l| l.half == half);
        let kept: Vec<String> = self.labels.iter().map(|l| l.list.clone()).collect();
        self.lists.retain(|list, _| kept.contains(list));
        self
    }

    /// Each list imported (dry) into the course with `params`, compared with the labels.
    pub fn evaluate(&self, params: Params) -> Evaluation {
        let course = &self.course;
        let suggester = Suggester::with_params(course, params);
        let rows: BTreeMap<&str, Vec<Row>> = self
            .lists
            .iter()
            .map(|(list, inputs)| {
                (
                    list.as_str(),
                    decide::decide_with(course, &suggester, inputs, None).0,
                )
            })
            .collect();
        let in_course = |id: &str| {
            course
                .links()
                .chain(course.inbox.iter())
                .any(|l| l.id.as_str() == id)
        };
        let mut evaluation = Evaluation::default();
        for label in &self.labels {
            let key = urls::key(&super::absolute(&label.url, self.bases.get(&label.list)));
            let row = rows[label.list.as_str()].iter().find(|r| {
                std::iter::once(&*r.candidate.url)
                    .chain(r.candidate.alternates().iter().map(String::as_str))
                    .any(|u| urls::key(u) == key)
            });
            let outcome = Outcome {
                label: label.clone(),
                // A duplicate of a link this same import adds is not a course link.
                duplicate_of: row.map(|r| {
                    r.duplicate_of()
                        .filter(|of| in_course(of))
                        .map(String::from)
                }),
                topic: row.and_then(|r| {
                    if r.is_new() {
                        r.topic.as_deref().map(String::from)
                    } else {
                        None
                    }
                }),
                why: row.map(|r| r.why.to_vec()).unwrap_or_default(),
                candidates: row.map_or_else(Vec::new, |r| {
                    r.candidates
                        .iter()
                        .map(|(t, s)| (t.to_string(), *s))
                        .collect()
                }),
            };
            for half in [label.half.as_str(), "all"] {
                evaluation
                    .halves
                    .entry(half.into())
                    .or_default()
                    .add(&outcome);
            }
            evaluation.outcomes.push(outcome);
        }
        evaluation
    }
}

/// Imports each list of `labels_path` (dry) into its course and compares with the labels.
pub fn evaluate(labels_path: &Path) -> Result<Evaluation, Error> {
    Ok(Labelled::load(labels_path)?.evaluate(Params::default()))
}
