//! BibTeX/BibLaTeX `.bib` files, parsed by the `biblatex` crate (which also turns LaTeX accents
//! and braces into plain text). The URL is `url`, else a `\url{...}` in `howpublished` or
//! `note`, else `doi` as `https://doi.org/...`, else an arXiv `eprint`; a `doi` beside another
//! URL is an alternate, so the paper is a duplicate under either. A URL on a DOI resolver is
//! written as `https://doi.org/<doi>`. `@book` entries are books (unless a volume and number or
//! a page range say a paper in a bound volume), the rest papers; `pages`
//! (else `numpages`) gives the reading time at [`MINUTES_PER_PAGE`]. A bare word the file does
//! not define (`month = october`) is read as that text, with a warning for its entry.

use super::text::{non_empty, squash};
use super::{error, warning, Candidate, Parsed};
use crate::corpus::url_key;
use crate::diagnostics::{Diagnostic, LineIndex};
use crate::model::Kind;
use biblatex::{Bibliography, ChunksExt, Entry, EntryType};
use std::path::Path;

fn field(entry: &Entry, key: &str) -> Option<String> {
    entry
        .get(key)
        .and_then(|c| non_empty(&c.format_verbatim()))
        .map(|s| without_commands(&s))
        // Stray braces that protect capitals (`{B}yzantine`) are markup, not text.
        .map(|s| s.replace(['{', '}'], ""))
}

/// A field's text without the LaTeX commands `biblatex` leaves as written: a font switch or
/// wrapper (`\emph{Essence}`, `\normalfont{Lecture Notes ...}`) keeps only its argument, a
/// logo (`\LaTeX`) its name, an escaped character (`\&`, `\_`) the character, and a spacing
/// command (`\ `, `\,`, `~`) a space: a title must not read "The \emphEssence of ...".
fn without_commands(text: &str) -> String {
    if !text.contains(['\\', '~']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '~' => out.push(' '),
            '\\' => match chars.peek().copied() {
                Some(l) if l.is_ascii_alphabetic() => {
                    let mut name = String::new();
                    while let Some(&l) = chars.peek().filter(|l| l.is_ascii_alphabetic()) {
                        name.push(l);
                        chars.next();
                    }
                    match name.as_str() {
                        "LaTeX" | "TeX" | "BibTeX" | "LaTeXe" => out.push_str(&name),
                        "ldots" | "dots" | "textellipsis" => out.push('…'),
                        "textendash" => out.push('–'),
                        "textemdash" => out.push('—'),
                        _ => {}
                    }
                }
                Some(' ' | ',' | ';' | ':') => {
                    chars.next();
                    out.push(' ');
                }
                Some(e @ ('&' | '%' | '_' | '#' | '$' | '{' | '}')) => {
                    chars.next();
                    out.push(e);
                }
                _ => out.push(c),
            },
            _ => out.push(c),
        }
    }
    squash(&out)
}

/// The byte offset of the `@` that opens `entry`: `biblatex` keeps spans of field values only.
fn entry_start(content: &str, entry: &Entry) -> usize {
    let mut first = entry
        .fields
        .values()
        .filter_map(|chunks| chunks.first().map(|c| c.span.start))
        .min()
        .unwrap_or(0)
        .min(content.len());
    // A span can end inside a character (cargo fuzz found one in a U+FFFD): step back to one.
    while !content.is_char_boundary(first) {
        first -= 1;
    }
    content[..first].rfind('@').unwrap_or(first)
}

/// Reading time of a printed page, with notes.
pub const MINUTES_PER_PAGE: u32 = 4;

/// The first `http(s)://` address in a field value (`\url{...}`, `Available at ...`).
fn url_in(value: &str) -> Option<String> {
    let start = value.find("https://").or_else(|| value.find("http://"))?;
    let url: String = value[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '}' | '{' | '"' | '>'))
        .collect();
    Some(url.trim_end_matches(['.', ',', ';']).to_string())
}

/// A DOI field as a resolver URL, whatever form it was written in.
fn doi_url(entry: &Entry) -> Option<String> {
    let doi = field(entry, "doi")?;
    let key = url_key::doi_field_key(&doi)?;
    Some(match key.split_once(':') {
        Some(("arxiv", id)) => format!("https://arxiv.org/abs/{id}"),
        Some((_, doi)) => format!("https://doi.org/{doi}"),
        None => return None,
    })
}

/// The entry's address and its alternates: every field that holds one counts (`url`, `pdf`,
/// `howpublished`, `note`, `doi`, `eprint`), the first of them in that order is the address
/// and the rest, each once, its alternates. A URL on a DOI resolver is written
/// `https://doi.org/<doi>`.
fn urls_of(entry: &Entry) -> Option<(String, Vec<String>)> {
    let raw = |k: &str| entry.get(k).map(|c| c.format_verbatim());
    let direct = |k: &str| raw(k).and_then(|u| url_in(&u).or_else(|| non_empty(&u)));
    let found: Vec<String> = [
        direct("url"),
        direct("pdf"),
        raw("howpublished").and_then(|u| url_in(&u)),
        raw("note").and_then(|u| url_in(&u)),
        doi_url(entry),
        eprint_url(entry),
    ]
    .into_iter()
    .flatten()
    .filter(|u| u.starts_with("http://") || u.starts_with("https://") || u.contains('.'))
    .map(|u| {
        let k = url_key::key(&u);
        match k.strip_prefix("doi:") {
            Some(doi) => format!("https://doi.org/{doi}"),
            None => u,
        }
    })
    .collect();
    let mut keys: Vec<String> = Vec::new();
    let mut unique = Vec::new();
    for u in found {
        let k = url_key::key(&u);
        if !keys.contains(&k) {
            keys.push(k);
            unique.push(u);
        }
    }
    let mut unique = unique.into_iter();
    let first = unique.next()?;
    Some((first, unique.collect()))
}

/// `pages = {225--267}` or `numpages = {43}`: how many pages to read.
/// A page range wins over `numpages`: ACM's exports write `numpages = {1}` beside
/// `pages = {205--218}` for USENIX papers (Bigtable, ZooKeeper), which is no 4-minute read.
fn page_count(entry: &Entry) -> Option<u32> {
    let range = field(entry, "pages").and_then(|pages| {
        let nums: Vec<u32> = pages
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        match nums[..] {
            [a, b] if b >= a => Some(b - a + 1),
            _ => None,
        }
    });
    range.or_else(|| field(entry, "numpages").and_then(|n| n.trim().parse::<u32>().ok()))
}

/// An `eprint`: an arXiv id when `archivePrefix` (or `eprinttype`) says arXiv or, with no
/// prefix, when it has an arXiv id's shape (`2104.05678`, `cs/0101001`); a URL as it is.
fn eprint_url(entry: &Entry) -> Option<String> {
    let archive = field(entry, "archiveprefix").or_else(|| field(entry, "eprinttype"));
    let eprint = field(entry, "eprint")?;
    let eprint = eprint.trim();
    if eprint.starts_with("http://") || eprint.starts_with("https://") {
        return Some(eprint.to_string());
    }
    let arxiv_shaped = {
        let id = eprint.strip_prefix("arXiv:").unwrap_or(eprint);
        let new_style = id.split_once('.').is_some_and(|(a, b)| {
            a.len() == 4
                && a.chars().all(|c| c.is_ascii_digit())
                && b.chars()
                    .take_while(|c| *c != 'v')
                    .all(|c| c.is_ascii_digit())
                && b.len() >= 4
        });
        let old_style = id.split_once('/').is_some_and(|(a, b)| {
            a.chars()
                .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '.')
                && b.len() >= 7
                && b.chars().take(7).all(|c| c.is_ascii_digit())
        });
        new_style || old_style
    };
    let is_arxiv = match archive {
        Some(a) => a.eq_ignore_ascii_case("arxiv"),
        None => arxiv_shaped,
    };
    let id = eprint.strip_prefix("arXiv:").unwrap_or(eprint);
    is_arxiv.then(|| format!("https://arxiv.org/abs/{id}"))
}

/// Parses `content`, reading each undefined abbreviation (`month = october`) as its text; the
/// warnings say where that happened.
fn parse_lenient(
    content: &str,
    file: &Path,
) -> Result<(Bibliography, Vec<Diagnostic>), Diagnostic> {
    let mut text = content.to_string();
    let mut warnings = Vec::new();
    loop {
        match Bibliography::parse(&text) {
            Ok(bib) => return Ok((bib, warnings)),
            Err(e) => {
                if let biblatex::ParseErrorKind::DuplicateKey(key) = &e.kind {
                    // Merged bibliographies repeat entries: read the second under another
                    // key (one work twice is import's to find) rather than refuse the file.
                    let found = text
                        .get(e.span.start..)
                        .and_then(|rest| rest.find(key.as_str()))
                        .map(|at| e.span.start + at);
                    let Some(at) = found.filter(|_| warnings.len() <= 10_000) else {
                        return Err(syntax_error(&text, file, e));
                    };
                    let span = at..at + key.len();
                    let line = LineIndex::new(&text).line(span.start);
                    let renamed = format!("{key}-{}", warnings.len() + 2);
                    text.replace_range(span, &renamed);
                    warnings.push(
                        warning(
                            file,
                            line,
                            1,
                            format!("the key `{key}` is used twice; the second entry is read as `{renamed}`"),
                        )
                        .with_help("give each entry its own key"),
                    );
                    continue;
                }
                let biblatex::ParseErrorKind::UnknownAbbreviation(word) = &e.kind else {
                    return Err(syntax_error(&text, file, e));
                };
                let span = e.span.clone();
                if text.get(span.clone()) != Some(word.as_str()) || warnings.len() > 10_000 {
                    return Err(syntax_error(&text, file, e));
                }
                // Braces add no newline, so lines in `text` are lines of the file.
                let line = LineIndex::new(&text).line(span.start);
                let entry = text[..span.start]
                    .rfind('@')
                    .and_then(|at| {
                        let head = &text[at..span.start];
                        let key = head.split_once('{')?.1.split(',').next()?.trim();
                        (!key.is_empty()).then(|| format!("the entry `{key}`: "))
                    })
                    .unwrap_or_default();
                text.replace_range(span, &format!("{{{word}}}"));
                warnings.push(
                    warning(
                        file,
                        line,
                        1,
                        format!("{entry}`{word}` is not a BibTeX string this file defines; read as the text \"{word}\""),
                    )
                    .with_help(abbreviation_help(word)),
                );
            }
        }
    }
}

/// How to fix an undefined word: months have standard abbreviations (`jan` ... `dec`).
fn abbreviation_help(word: &str) -> String {
    use super::feed::MONTHS;
    let lower = word.to_lowercase();
    match MONTHS
        .iter()
        .find(|m| m.starts_with(&lower) && lower.len() >= 3)
    {
        Some(month) => format!(
            "write `{}` (the standard abbreviation) or `{{{word}}}`",
            &month[..3]
        ),
        None => format!(
            "write it in braces (`{{{word}}}`), or define it with `@string{{{word} = {{...}}}}`"
        ),
    }
}

fn syntax_error(content: &str, file: &Path, e: biblatex::ParseError) -> Diagnostic {
    let mut at = e.span.start;
    let mut what = e.kind.to_string();
    if at >= content.trim_end().len() {
        // The end of the file is no place to look for a missing brace: the open entry is.
        at = content[..at.min(content.len())].rfind('@').unwrap_or(at);
        what = format!("{what}: this entry is not closed");
    }
    error(
        file,
        LineIndex::new(content).line(at.min(content.len())),
        1,
        format!("not valid BibTeX: {what}"),
    )
    .with_help("fix the entry there (unbalanced braces and missing commas are the usual cause)")
}

/// Deeper than any real entry nests (braces protect a word or an accent), and `biblatex` takes
/// time quadratic in the depth: 100,000 nested braces took 86 s.
const MAX_BRACE_DEPTH: usize = 64;

/// Refuse braces nested deeper than [`MAX_BRACE_DEPTH`] in one linear pass, before parsing.
fn check_depth(content: &str, file: &Path) -> Result<(), Diagnostic> {
    let mut depth = 0usize;
    for (at, b) in content.bytes().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ => continue,
        }
        if depth > MAX_BRACE_DEPTH {
            let line = LineIndex::new(content).line(at);
            return Err(error(
                file,
                line,
                1,
                format!("braces nested more than {MAX_BRACE_DEPTH} deep"),
            )
            .with_help("a BibTeX field needs a few levels at most: remove the extra braces"));
        }
    }
    Ok(())
}

pub fn parse(content: &str, file: &Path) -> Result<Parsed, Diagnostic> {
    check_depth(content, file)?;
    let (bib, lenient) = parse_lenient(content, file)?;
    let mut out = Parsed {
        skipped: lenient,
        ..Parsed::default()
    };
    let lines = LineIndex::new(content);
    let mut entries: Vec<(usize, &Entry)> =
        bib.iter().map(|e| (entry_start(content, e), e)).collect();
    entries.sort_by_key(|(at, _)| *at);
    for (at, entry) in entries {
        let line = lines.line(at);
        let addressed = urls_of(entry);
        if addressed.is_none() {
            out.skipped.push(
                warning(
                    file,
                    line,
                    1,
                    format!(
                        "the entry `{}` has no url, pdf, doi, eprint or URL in howpublished; skipped",
                        entry.key
                    ),
                )
                .with_help("add `url = {...}`, `doi = {...}` or `pdf = {...}` to it"),
            );
        }
        let (url, alternates) = addressed.unwrap_or_default();
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
        // `@misc` and `@online` are anything (a repository, a web page): the URL decides.
        // A `@book` with a journal issue's coordinates (`volume` and `number`, as Google
        // Scholar exports a proceedings paper: "Promises", "Sagas") or a page range is a
        // paper in a bound volume, not a book to read whole.
        let in_volume = (field(entry, "volume").is_some() && field(entry, "number").is_some())
            || field(entry, "pages").is_some_and(|p| p.contains('-'))
            || field(entry, "journal").is_some();
        let kind = match entry.entry_type {
            EntryType::Book | EntryType::MvBook if in_volume => Some(Kind::Paper),
            EntryType::Book | EntryType::MvBook => Some(Kind::Book),
            EntryType::Misc | EntryType::Online | EntryType::Unpublished => None,
            _ => Some(Kind::Paper),
        };
        let c = Candidate {
            title: field(entry, "title").unwrap_or_else(|| entry.key.clone()),
            url,
            alternates,
            minutes: page_count(entry).map(|p| p * MINUTES_PER_PAGE),
            note: field(entry, "abstract"),
            published: year.filter(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit())),
            authors,
            // JabRef's `groups` are the folders a curator filed the entry in: its section
            // heading, so first (see `Candidate::heading`); then its keywords.
            hints: ["groups", "keywords"]
                .into_iter()
                .filter_map(|name| field(entry, name))
                .flat_map(|k| {
                    k.split([',', ';'])
                        .filter_map(non_empty)
                        .collect::<Vec<_>>()
                })
                .collect(),
            kind,
            line,
            ..Candidate::default()
        };
        if c.url.is_empty() {
            out.unaddressed.push((entry.key.clone(), c));
        } else {
            out.links.push(c);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_range_wins_over_numpages_and_a_book_in_a_volume_is_a_paper() {
        let bib = r#"
@inproceedings{Chang:2006, title = {Bigtable: a distributed storage system}, pages = {205--218}, numpages = {1}, url = {https://example.org/bigtable.pdf}}
@book{liskov1988promises, title = {Promises: linguistic support}, volume = {23}, number = {7}, year = {1988}, url = {https://example.org/promises.pdf}}
@book{tpl, title = {A Whole Textbook}, publisher = {Press}, pages = {450}, url = {https://example.org/book}}
"#;
        let p = parse(bib, Path::new("refs.bib")).unwrap();
        assert_eq!(p.links[0].minutes, Some(14 * MINUTES_PER_PAGE));
        assert_eq!(p.links[1].kind, Some(Kind::Paper));
        assert_eq!(p.links[2].kind, Some(Kind::Book));
    }

    #[test]
    fn deep_braces_are_refused_in_linear_time() {
        let deep = |n: usize| {
            format!(
                "@article{{k,\n  title = {{{}T{}}},\n  url = {{https://example.com/t}}\n}}\n",
                "{".repeat(n),
                "}".repeat(n)
            )
        };
        let err = parse(&deep(100_000), Path::new("deep.bib")).unwrap_err();
        assert!(err.message.contains("nested more than 64 deep"), "{err}");
        assert_eq!(err.origin.unwrap().line, 2);
        // Real nesting still parses.
        let ok = parse(&deep(3), Path::new("ok.bib")).unwrap();
        assert_eq!(ok.links[0].title, "T");
    }

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

    /// A JabRef group is the section the curator filed the entry in: the first hint, the
    /// heading, before the keywords.
    #[test]
    fn a_group_is_the_entry_heading() {
        let bib = "@misc{k,\n  title = {Paxos Made Live},\n  url = {https://example.com/live.pdf},\n  keywords = {engineering; google},\n  groups = {Consensus},\n}\n";
        let p = parse(bib, Path::new("refs.bib")).unwrap();
        assert_eq!(p.links[0].hints, vec!["Consensus", "engineering", "google"]);
    }

    #[test]
    fn latex_commands_leave_their_text_not_their_names() {
        let bib = "@article{a, title = {The \\emph{Essence} of \\textit{Compiling} with {C}ontinuations}, url = {https://e.org/a}}\n\
                   @incollection{b, title = {Uniprocessor Garbage Collection Techniques.\n  \\normalfont{Lecture Notes in Computer Science 637}}, url = {https://e.org/b}}\n\
                   @misc{c, title = {Typesetting with \\LaTeX\\ and \\TeX{} \\& more~now}, url = {https://e.org/c\\_d}}\n";
        let parsed = parse(bib, Path::new("x.bib")).unwrap();
        let titles: Vec<&str> = parsed.links.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "The Essence of Compiling with Continuations",
                "Uniprocessor Garbage Collection Techniques. Lecture Notes in Computer Science 637",
                "Typesetting with LaTeX and TeX & more now",
            ]
        );
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

    #[test]
    fn a_span_inside_a_character_is_no_panic() {
        // Found by `cargo fuzz run import_formats` (fuzz/): invalid UTF-8 read lossily.
        let bytes: &[u8] = b"@article{k,\n title=\x8f\x91e.org/1},\n abstra url={https://f.ex\x9f\x92\x8f\x91e.org/1},\n abstract={<svg onload=al\x9b\x8d\x8b\xdf1)> time clocks},\n yeav={2020}\n}\n{Clock//f.example.org/021}";
        let text = String::from_utf8_lossy(bytes);
        let _ = parse(&text, Path::new("crash.bib"));
    }
}
