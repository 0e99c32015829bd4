//! Healing: a course link whose URL was cut short (`url_status = "truncated"`) or guessed
//! (`"guessed"`) takes the full URL from the post it came from. The post is the same when its
//! URL starts with the truncated one (the rule of [`crate::corpus::url_key`]), when it is the
//! guessed URL itself, or when the card's title and the post's date are the link's. The file is
//! edited as `check --links --fix` edits it ([`crate::linkcheck::fix::rewrite`]): only the
//! `url` changes, comments and layout stay, and the mark goes.

use crate::corpus::url_key::UrlIndex;
use crate::corpus::Source;
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::import::Row;
use crate::linkcheck::{fix, Fix};
use crate::model::{Course, Link, UrlStatus};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// One link given its full URL.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Healed {
    pub id: String,
    pub from: String,
    pub to: String,
    pub file: PathBuf,
}

/// Words of a title, for comparing: case, punctuation and spacing do not count.
fn words(title: &str) -> Vec<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The dates a link is known by: when it was published, and when the feed posted it (the
/// `source` of an imported feed link ends `(Bluesky, YYYY-MM-DD)`).
fn dates(link: &Link) -> Vec<&str> {
    let mut out: Vec<&str> = link.published.iter().map(String::as_str).collect();
    if let Some(source) = &link.source {
        out.extend(
            source
                .char_indices()
                .filter_map(|(i, _)| source.get(i..i + 10))
                .filter(|d| crate::schedule::Date::parse(d).is_some()),
        );
    }
    out
}

/// What [`heal`] did.
#[derive(Debug, Default)]
pub struct Healing {
    /// The new text of the files it edited.
    pub edits: BTreeMap<PathBuf, String>,
    pub healed: Vec<Healed>,
    pub warnings: Vec<Diagnostic>,
}

/// Finds the rows that are posts of a truncated or guessed course link, points them at that
/// link (they are no new link), and returns the edited files and what was healed. A full URL
/// that is already another course link heals nothing: that is a duplicate for a person to
/// resolve, and the returned warning says so.
pub fn heal(course: &Course, sources: &[Source], rows: &mut [Row]) -> Result<Healing, Error> {
    let open: Vec<&Link> = course
        .links()
        .chain(course.inbox.iter())
        .filter(|l| matches!(l.url_status, UrlStatus::Truncated | UrlStatus::Guessed))
        .collect();
    if open.is_empty() {
        return Ok(Default::default());
    }
    // The truncated links first, so that they are what a post's URL finds; each URL looked up
    // goes in after them under `NONE` (the index has no lookup without insertion).
    const NONE: usize = usize::MAX;
    let mut truncated: UrlIndex<usize> = UrlIndex::new();
    for (i, link) in open.iter().enumerate() {
        if link.url_status == UrlStatus::Truncated {
            truncated.find_or_insert_all(&[link.url.as_str()], || i);
        }
    }
    let mut fixes: Vec<(&Link, Fix)> = Vec::new();
    let mut healed = Vec::new();
    let mut warnings = Vec::new();
    let mut done = vec![false; open.len()];
    for r in 0..rows.len() {
        let row = &rows[r];
        let c = &row.candidate;
        if c.url_status != UrlStatus::Confirmed {
            continue;
        }
        let cut_from = truncated
            .find_or_insert_all(&[&*c.url], || NONE)
            .copied()
            .filter(|i| *i != NONE);
        let title = words(&c.title);
        let same = |(i, link): &(usize, &&Link)| {
            !done[*i]
                && (cut_from == Some(*i)
                    || row.duplicate_of() == Some(link.id.as_str())
                    || (!title.is_empty()
                        && words(&link.title) == title
                        && c.published().is_some_and(|d| dates(link).contains(&d))))
        };
        let Some((i, link)) = open.iter().enumerate().find(|x| same(x)) else {
            continue;
        };
        if let Some(other) = row.duplicate_of().filter(|d| *d != link.id.as_str()) {
            if course
                .links()
                .chain(&course.inbox)
                .any(|l| l.id.as_str() == other)
            {
                warnings.push(
                    Diagnostic::warning(
                        Some(link.url_origin.clone()),
                        format!(
                            "`{}` looks like `{other}`, whose URL {} is the full one; not healed",
                            link.id, c.url
                        ),
                    )
                    .with_help(format!("if they are one reading, remove `{}`", link.id)),
                );
                done[i] = true;
                continue;
            }
        }
        done[i] = true;
        // The row was decided new: it is this link, so its fresh id names nothing.
        let stale = rows[r].id.take();
        if let Some(stale) = stale {
            for other in rows.iter_mut() {
                if other.duplicate_of() == Some(stale.as_str()) {
                    other.set_duplicate_of(link.id.to_string());
                }
            }
        }
        let row = &mut rows[r];
        row.set_duplicate_of(link.id.to_string());
        fixes.push((
            *link,
            Fix {
                to: row.candidate.url.to_string(),
                clear_status: true,
            },
        ));
        healed.push(Healed {
            id: link.id.to_string(),
            from: link.url.to_string(),
            to: row.candidate.url.to_string(),
            file: link.origin.file.to_path_buf(),
        });
    }
    if fixes.is_empty() {
        return Ok(Healing {
            healed,
            warnings,
            ..Healing::default()
        });
    }
    let edits = fix::rewrite(sources, &fixes).map_err(Error::Invalid)?;
    Ok(Healing {
        edits,
        healed,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_dates() {
        assert_eq!(
            words("Understanding Paxos: the intuitive way!"),
            ["understanding", "paxos", "the", "intuitive", "way"]
        );
        let mut link = Link::new(
            "a".parse().unwrap(),
            "t".parse().unwrap(),
            crate::corpus::url::check_url("https://a.org/x").unwrap(),
        );
        link.published = Some("2025-05-25".into());
        link.source = Some("distribsystems-feed (Bluesky, 2025-08-09)".into());
        assert_eq!(dates(&link), ["2025-05-25", "2025-08-09"]);
    }
}
