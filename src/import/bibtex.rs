//! BibTeX/BibLaTeX `.bib` files, parsed by the `biblatex` crate (which also turns LaTeX accents
//! and braces into plain text). The URL is `url`, else `doi` as `https://doi.org/...`, else an
//! arXiv `eprint`. Entries are papers, books are books.

use super::text::{non_empty, squash};
use super::{error, warning, Candidate, Parsed};
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::model::Kind;
use biblatex::{Bibliography, ChunksExt, Entry, EntryType};
use std::path::Path;

fn field(entry: &Entry, key: &str) -> Option<String> {
    entry
        .get(key)
        .and_then(|c| non_empty(&c.format_verbatim()))
        // Stray braces that protect capitals (`{B}yzantine`) are markup, not text.
        .map(|s| s.replace(['{', '}'], ""))
}

/// The byte offset of the `@` that opens `entry`: `biblatex` keeps spans of field values only.
fn entry_start(content: &str, entry: &Entry) -> usize {
    let first = entry
        .fields
        .values()
        .filter_map(|chunks| chunks.first().map(|c| c.span.start))
        .min()
        .unwrap_or(0)
        .min(content.len());
    content[..first].rfind('@').unwrap_or(first)
}

fn url_of(entry: &Entry) -> Option<String> {
    if let Some(url) = field(entry, "url") {
        return Some(url);
    }
    if let Some(doi) = field(entry, "doi") {
        let doi = doi
            .trim_start_matches("https://doi.org/")
            .trim_start_matches("http://dx.doi.org/")
            .trim_start_matches("doi:");
        return Some(format!("https://doi.org/{doi}"));
    }
    let archive = field(entry, "archiveprefix")
        .or_else(|| field(entry, "eprinttype"))
        .unwrap_or_default();
    let eprint = field(entry, "eprint")?;
    archive
        .eq_ignore_ascii_case("arxiv")
        .then(|| format!("https://arxiv.org/abs/{eprint}"))
}

pub fn parse(content: &str, file: &Path) -> Result<Parsed, Diagnostic> {
    let bib = Bibliography::parse(content).map_err(|e| {
        let mut at = e.span.start;
        let mut what = e.kind.to_string();
        if at >= content.trim_end().len() {
            // The end of the file is no place to look for a missing brace: the open entry is.
            at = content[..at].rfind('@').unwrap_or(at);
            what = format!("{what}: this entry is not closed");
        }
        error(
            file,
            LineIndex::new(content).line(at),
            1,
            format!("not valid BibTeX: {what}"),
        )
        .with_help("fix the entry there (unbalanced braces and missing commas are the usual cause)")
    })?;
    let mut out = Parsed::default();
    let lines = LineIndex::new(content);
    let mut entries: Vec<(usize, &Entry)> =
        bib.iter().map(|e| (entry_start(content, e), e)).collect();
    entries.sort_by_key(|(at, _)| *at);
    for (at, entry) in entries {
        let line = lines.line(at);
        let Some(url) = url_of(entry) else {
            out.skipped.push(
                warning(
                    file,
                    line,
                    1,
                    format!(
                        "the entry `{}` has no url, doi or arXiv eprint; skipped",
                        entry.key
                    ),
                )
                .with_help("add `doi = {...}` or `url = {...}` to it"),
            );
            continue;
        };
        let authors = entry
            .author()
            .map(|people| {
                people
                    .iter()
                    .map(|p| {
                        squash(&format!("{} {} {}", p.given_name, p.prefix, p.name))
                            .replace(['{', '}'], "")
                    })
                    .collect()
            })
            .unwrap_or_default();
        let year = field(entry, "year").or_else(|| {
            field(entry, "date").map(|d| d.chars().take_while(|c| *c != '-').collect())
        });
        let kind = match entry.entry_type {
            EntryType::Book | EntryType::MvBook => Kind::Book,
            _ => Kind::Paper,
        };
        out.links.push(Candidate {
            title: field(entry, "title").unwrap_or_else(|| entry.key.clone()),
            url,
            note: field(entry, "abstract"),
            published: year.filter(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit())),
            authors,
            hints: field(entry, "keywords")
                .map(|k| k.split([',', ';']).filter_map(non_empty).collect())
                .unwrap_or_default(),
            kind: Some(kind),
            line,
            ..Candidate::default()
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn braces_accents_doi_and_missing_url() {
        let bib = r#"% exported
@inproceedings{lamport78,
  title = {Time, Clocks, and the {O}rdering of Events in a {D}istributed System},
  author = {Lamport, Leslie},
  year = 1978,
  doi = {10.1145/359545.359563},
  keywords = {clocks, causality}
}

@article{erdos,
  title = {Sch{\"o}nheit und {\'E}l{\'e}gance},
  author = {Erd{\H{o}}s, Paul and M{\"u}ller, J{\"o}rg},
  year = {2001},
  url = {https://example.com/erdos.pdf}
}
@misc{nolink, title = {Nothing to follow}}
"#;
        let p = parse(bib, Path::new("refs.bib")).unwrap();
        assert_eq!(p.links.len(), 2);
        let l = &p.links[0];
        assert_eq!(
            l.title,
            "Time, Clocks, and the Ordering of Events in a Distributed System"
        );
        assert_eq!(l.url, "https://doi.org/10.1145/359545.359563");
        assert_eq!(l.authors, vec!["Leslie Lamport"]);
        assert_eq!(l.published.as_deref(), Some("1978"));
        assert_eq!(l.kind, Some(Kind::Paper));
        assert_eq!(l.hints, vec!["clocks", "causality"]);
        assert_eq!(l.line, 2);
        let e = &p.links[1];
        assert_eq!(e.title, "Schönheit und Élégance");
        assert_eq!(e.authors, vec!["Paul Erdős", "Jörg Müller"]);
        assert_eq!(e.line, 10);
        assert_eq!(p.skipped.len(), 1);
        assert!(p.skipped[0]
            .to_string()
            .starts_with("refs.bib:16:1: warning: the entry `nolink`"));
    }

    #[test]
    fn malformed_file_names_the_line() {
        let err = parse(
            "@article{a,\n  title = {x},\n}\n@article{b,\n  title = {unclosed\n",
            Path::new("x.bib"),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("x.bib:"), "{err}");
        assert!(err.message.starts_with("not valid BibTeX"), "{err}");
    }
}
