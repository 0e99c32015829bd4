//! A candidate as a decided row keeps it ([`Lean`]): what every link has inline, the fields
//! most links leave empty out of line in one box, the heading it sits under shared by every
//! row under it, and its kind, level and minutes worked out once.
//!
//! An import of 200,000 links holds every row until it reports; as [`Candidate`]s (about 250
//! bytes each before their text, most of it empty lists and options, and a copy of the
//! heading per link) they were the largest part of its memory.

use super::{evidence, Candidate};
use crate::model::{Kind, Level, UrlStatus};
use std::collections::HashMap;
use std::sync::Arc;

/// A decided candidate: the same facts as the [`Candidate`] it was made from
/// ([`Lean::to_candidate`] gives it back), stored compactly.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Lean {
    pub title: Box<str>,
    pub url: Box<str>,
    pub note: Option<Box<str>>,
    /// The first hint (the heading a link sits under): one text per heading of a list.
    heading: Option<Arc<str>>,
    /// 1-based line where the entry starts in its file.
    pub line: usize,
    pub url_status: UrlStatus,
    /// [`evidence::facts`] of the candidate: what the report and the written link say.
    kind: Kind,
    level: Level,
    minutes: u32,
    rare: Option<Box<Rare>>,
}

/// What most links do not have: in a box of its own, allocated only when one of them is set.
#[derive(Clone, Debug, Default, PartialEq)]
struct Rare {
    alternates: Vec<String>,
    published: Option<String>,
    authors: Vec<String>,
    /// The hints after the first.
    hints: Vec<String>,
    section: Vec<String>,
    kind: Option<Kind>,
    level: Option<Level>,
    minutes: Option<u32>,
    own_title: Option<String>,
}

impl Rare {
    fn is_empty(&self) -> bool {
        *self == Rare::default()
    }
}

/// The headings of the rows made so far, each kept once.
#[derive(Debug, Default)]
pub(crate) struct Headings(HashMap<String, Arc<str>>);

impl Headings {
    fn share(&mut self, heading: String) -> Arc<str> {
        if let Some(shared) = self.0.get(&heading) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = heading.as_str().into();
        self.0.insert(heading, Arc::clone(&shared));
        shared
    }
}

impl Lean {
    /// `c` as a row keeps it; its heading is shared through `headings`.
    pub(crate) fn new(c: Candidate, headings: &mut Headings) -> Self {
        let (kind, level, minutes) = evidence::facts(&c);
        let mut hints = c.hints.into_iter();
        let heading = hints.next().map(|h| headings.share(h));
        let rare = Rare {
            alternates: c.alternates,
            published: c.published,
            authors: c.authors,
            hints: hints.collect(),
            section: c.section,
            kind: c.kind,
            level: c.level,
            minutes: c.minutes,
            own_title: c.own_title,
        };
        Lean {
            title: c.title.into_boxed_str(),
            url: c.url.into_boxed_str(),
            note: c.note.map(String::into_boxed_str),
            heading,
            line: c.line,
            url_status: c.url_status,
            kind,
            level,
            minutes,
            rare: (!rare.is_empty()).then(|| Box::new(rare)),
        }
    }

    /// The candidate it was made from, with the alternates added since.
    pub(crate) fn to_candidate(&self) -> Candidate {
        let rare = self.rare.as_deref().cloned().unwrap_or_default();
        Candidate {
            title: self.title.to_string(),
            url: self.url.to_string(),
            alternates: rare.alternates,
            url_status: self.url_status,
            note: self.note.as_deref().map(String::from),
            published: rare.published,
            authors: rare.authors,
            hints: self
                .heading
                .iter()
                .map(|h| h.to_string())
                .chain(rare.hints)
                .collect(),
            section: rare.section,
            kind: rare.kind,
            level: rare.level,
            minutes: rare.minutes,
            line: self.line,
            own_title: rare.own_title,
            // The whole text is drafting's evidence; an import never reads it.
            text: None,
        }
    }

    /// The heading it sits under (its first hint).
    pub(crate) fn heading(&self) -> Option<&str> {
        self.heading.as_deref()
    }

    pub(crate) fn alternates(&self) -> &[String] {
        self.rare.as_ref().map_or(&[], |r| &r.alternates)
    }

    /// Adds addresses it turned out to be known by too (a later candidate of the same work).
    pub(crate) fn extend_alternates(&mut self, more: impl IntoIterator<Item = String>) {
        let mut more = more.into_iter().peekable();
        if more.peek().is_some() {
            self.rare
                .get_or_insert_with(Box::default)
                .alternates
                .extend(more);
        }
    }

    pub(crate) fn authors(&self) -> &[String] {
        self.rare.as_ref().map_or(&[], |r| &r.authors)
    }

    pub(crate) fn published(&self) -> Option<&str> {
        self.rare.as_ref().and_then(|r| r.published.as_deref())
    }

    /// Kind, level and minutes ([`evidence::facts`]).
    pub(crate) fn facts(&self) -> (Kind, Level, u32) {
        (self.kind, self.level, self.minutes)
    }
}

impl From<Candidate> for Lean {
    fn from(c: Candidate) -> Self {
        Lean::new(c, &mut Headings::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lean_candidate_gives_back_what_it_was_made_of() {
        let full = Candidate {
            title: "Paxos Made Simple".into(),
            url: "https://example.org/paxos.pdf".into(),
            alternates: vec!["https://doi.org/10.1/x".into()],
            note: Some("short".into()),
            published: Some("2001".into()),
            authors: vec!["Leslie Lamport".into()],
            hints: vec!["Consensus".into(), "Classics".into()],
            section: vec!["Papers".into()],
            kind: Some(Kind::Paper),
            level: Some(Level::Advanced),
            minutes: Some(30),
            line: 7,
            own_title: Some("Paxos".into()),
            ..Candidate::default()
        };
        let plain = Candidate {
            title: "Notes".into(),
            url: "https://example.org/notes".into(),
            hints: vec!["Consensus".into()],
            line: 9,
            ..Candidate::default()
        };
        let mut headings = Headings::default();
        let (a, b) = (
            Lean::new(full.clone(), &mut headings),
            Lean::new(plain.clone(), &mut headings),
        );
        assert_eq!(a.to_candidate(), full);
        assert_eq!(b.to_candidate(), plain);
        assert_eq!(a.facts(), evidence::facts(&full));
        assert_eq!(b.facts(), evidence::facts(&plain));
        // One heading text for both rows, and no box for the plain one.
        assert!(Arc::ptr_eq(
            a.heading.as_ref().unwrap(),
            b.heading.as_ref().unwrap()
        ));
        assert!(b.rare.is_none());
        let mut b = b;
        b.extend_alternates(Vec::new());
        assert!(b.rare.is_none());
        b.extend_alternates(vec!["https://example.org/notes.pdf".to_string()]);
        assert_eq!(b.alternates(), ["https://example.org/notes.pdf"]);
    }
}
