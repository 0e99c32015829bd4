//! `syllabus import`: turns link collections people already have (a feed dump, Bluesky JSON,
//! Markdown lists, RSS/Atom, browser bookmarks, BibTeX) into `[[link]]` tables in `topics/`.
//!
//! This module owns everything between a foreign file and the corpus files: [`decode`] turns
//! bytes into text, one submodule per format produces [`Candidate`]s, `decide` matches them
//! against the corpus ([`crate::corpus::url_key`] says which it already holds), [`suggest`]
//! picks a topic, `evidence` fills kind, level and minutes, and `write` appends the new
//! links with `toml_edit`. It is the only code that writes under `topics/`, and it reads the
//! corpus only through [`crate::model::Course`].
//!
//! # Rules
//! - **Duplicates**: two addresses are the same reading when their comparison keys are equal
//!   ([`crate::corpus::url_key::key`]: scheme, `www.`, host case, tracking parameters, a
//!   trailing slash and a fragment that is only a place on the page (`#top`) do not count; a
//!   fragment that names a part (`schedule.html#oct-14-2019`, a lecture) does, unless the list
//!   gives that link the text of an earlier link to the same page; a DOI, ACM or arXiv paper is one key under any of its
//!   addresses). A candidate's `alternates` and a corpus link's `alternates` count too. A
//!   truncated URL (`...` at the end) is the same link as one whose key starts with its key.
//!   The first occurrence in an import wins.
//! - **Topic**: BM25 over what the corpus says of each topic ([`suggest`]); filed only when
//!   clearly ahead, otherwise the inbox with the closest three named in a comment.
//! - **`--into TOPIC`** puts every new link there; the topic it would have had becomes `also`.
//! - **Defaults** when the source does not say: `evidence` (URL and title evidence).
//! - **Ids** come from the URL by the corpus's own rule (`crate::corpus::url::slug_from_url`),
//!   with `-2`, `-3`, ... when taken by another link or topic.
//! - Profile pages are not readings; they are skipped with a warning.

pub(crate) mod bibtex;
pub(crate) mod bluesky;
pub(crate) mod bookmarks;
pub(crate) mod decide;
pub(crate) mod domain;
pub(crate) mod evidence;
pub(crate) mod feed;
pub mod labels;
pub(crate) mod lean;
pub(crate) mod markdown;
pub mod proxy;
#[cfg(test)]
mod real_files;
pub(crate) mod rss;
pub mod rst;
pub mod suggest;
pub mod text;
#[cfg(test)]
mod tune;
pub(crate) mod work;

pub(crate) mod write;

use crate::corpus;
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::model::{Course, Kind, Level, Origin, UrlStatus};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One link read from an import file, before it is matched against the corpus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Candidate {
    pub title: String,
    /// As found; `https://` is added to a scheme-less URL.
    pub url: String,
    /// Other addresses of the same reading (an item's `[acmdl]` beside its `[pdf]`, a BibTeX
    /// entry's DOI beside its `url`): not written, but a duplicate of any of them is a
    /// duplicate.
    pub alternates: Vec<String>,
    pub url_status: UrlStatus,
    pub note: Option<String>,
    /// `YYYY-MM-DD` or `YYYY`.
    pub published: Option<String>,
    pub authors: Vec<String>,
    /// Headings, folders, categories: words that place the link, weighted like the title.
    pub hints: Vec<String>,
    /// The sections the link sits in, outermost first: a page's headings (not its title), a
    /// bookmark's folders, a schedule's topic column. What `new --from` makes topics of.
    pub section: Vec<String>,
    pub kind: Option<Kind>,
    pub level: Option<Level>,
    pub minutes: Option<u32>,
    /// 1-based line where the entry starts in its file.
    pub line: usize,
    /// The link's own text when `title` borrows another reading's title for context
    /// (`Raft paper: etcd`): what says which work it is.
    pub own_title: Option<String>,
    /// The whole text the list gives with the link (a feed's post), as plain text: evidence
    /// for drafting (what the reading builds on) only, never written anywhere.
    pub text: Option<String>,
}

/// What a format parser returns: the links, and the entries it had to skip.
#[derive(Debug, Default)]
pub struct Parsed {
    pub links: Vec<Candidate>,
    pub skipped: Vec<Diagnostic>,
    /// Works the list names without any address (a BibTeX entry with no url, doi or pdf):
    /// `import` skips them with a warning in `skipped`; `new --from` keeps them, marked.
    /// Each with its key in the list; their `url` is empty.
    pub unaddressed: Vec<(String, Candidate)>,
}

fn at(file: &Path, line: usize, col: usize) -> Option<Origin> {
    Some(Origin {
        file: file.into(),
        line,
        col,
    })
}

/// `href` as an absolute address: resolved against `base` when it is relative (no scheme),
/// as it is otherwise. A list published at `https://example.org/reading/` that links
/// `papers/cap.pdf` means `https://example.org/reading/papers/cap.pdf`.
pub(crate) fn absolute(href: &str, base: Option<&url::Url>) -> String {
    let href = href.trim();
    let has_scheme = href.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    match base {
        Some(base) if !has_scheme && !href.is_empty() && !href.starts_with('#') => base
            .join(href)
            .map_or_else(|_| href.to_string(), |u| u.to_string()),
        _ => href.to_string(),
    }
}

/// Whether `href` is a relative address (a path, not a web URL or another scheme).
pub(crate) fn is_relative(href: &str) -> bool {
    let href = href.trim();
    !href.is_empty()
        && !href.starts_with('#')
        && !href.split_once(':').is_some_and(|(s, _)| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        })
}

/// The warning for a link that is not a web address: a relative one can be resolved.
pub(crate) fn not_web(file: &Path, line: usize, what: &str, href: &str) -> Diagnostic {
    if is_relative(href) {
        warning(
            file,
            line,
            1,
            format!("the {what} `{href}` is a relative address; skipped"),
        )
        .with_help(
            "pass --base URL (the address the list is published at) to resolve relative links",
        )
    } else if href.trim().is_empty() {
        warning(
            file,
            line,
            1,
            format!("the {what} has an empty target, not an http(s) URL; skipped"),
        )
        .with_help("fill in the work's address: `[title](https://...)`")
    } else {
        warning(
            file,
            line,
            1,
            format!("the {what} `{href}` is not an http(s) URL; skipped"),
        )
        .with_help("only web links can be imported; write the full https:// URL")
    }
}

/// A file that cannot be imported at all.
pub(crate) fn error(
    file: &Path,
    line: usize,
    col: usize,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic::error(at(file, line, col), message)
}

/// An entry that is skipped or kept with a caveat; the rest of the import goes on.
pub(crate) fn warning(
    file: &Path,
    line: usize,
    col: usize,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic::warning(at(file, line, col), message)
}

/// The input formats (`--input-format`); `Auto` looks at the extension, then the content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Found from the extension, then the content.
    #[default]
    Auto,
    /// A feed dump: dated posts with their links.
    Feed,
    /// Bluesky JSON.
    Bluesky,
    /// A Markdown list of links.
    Markdown,
    /// RSS or Atom.
    Rss,
    /// A browser's bookmarks HTML.
    Bookmarks,
    /// BibTeX.
    Bibtex,
    /// A reStructuredText list (Sphinx notes, course pages).
    Rst,
}

/// One input format: its word, the extensions that name it, the signs its content shows, and
/// its parser. Adding a format is its file (a `parse`) and a row of [`FORMATS`] (and its
/// [`Format`] value); the words, `--help`, detection and messages follow from the table.
struct Reader {
    format: Format,
    word: &'static str,
    extensions: &'static [&'static str],
    /// When the content is tried: the more specific signs first (a JSON bracket before a date
    /// on a line of its own, which a Markdown list may hold too).
    sniff_rank: u8,
    sniff: fn(&Head) -> bool,
    parse: fn(&str, &Path, Option<&url::Url>) -> Result<Parsed, Diagnostic>,
}

/// What detection looks at: the text without its byte-order mark and leading blanks, its first
/// 512 characters in lower case, and the whole text.
struct Head<'a> {
    head: &'a str,
    lower: String,
    content: &'a str,
}

/// The formats, in the order `--help` and messages list them.
const FORMATS: &[Reader] = &[
    Reader {
        format: Format::Feed,
        word: "feed",
        extensions: &[],
        sniff_rank: 4,
        sniff: |h| {
            h.content
                .lines()
                .any(|l| feed::parse_date(l.trim()).is_some())
        },
        parse: |text, path, _| Ok(feed::parse(text, path)),
    },
    Reader {
        format: Format::Bluesky,
        word: "bluesky",
        extensions: &["json"],
        sniff_rank: 0,
        sniff: |h| h.head.starts_with('{') || h.head.starts_with('['),
        parse: |text, path, _| bluesky::parse(text, path),
    },
    Reader {
        format: Format::Markdown,
        word: "markdown",
        extensions: &["md", "markdown"],
        sniff_rank: 5,
        sniff: |h| {
            h.content.lines().any(|l| {
                let t = l.trim_start();
                (t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ "))
                    && t.contains("](")
            })
        },
        parse: |text, path, base| Ok(markdown::parse_based(text, path, base)),
    },
    Reader {
        format: Format::Rss,
        word: "rss",
        extensions: &["rss", "atom", "xml"],
        sniff_rank: 2,
        sniff: |h| {
            h.lower.starts_with("<?xml") || h.lower.contains("<rss") || h.lower.contains("<feed")
        },
        parse: |text, path, _| rss::parse(text, path),
    },
    Reader {
        format: Format::Bookmarks,
        word: "bookmarks",
        extensions: &["html", "htm"],
        sniff_rank: 1,
        sniff: |h| h.lower.contains("netscape-bookmark") || h.lower.contains("<dt><a"),
        parse: |text, path, base| Ok(bookmarks::parse_based(text, path, base)),
    },
    Reader {
        format: Format::Bibtex,
        word: "bibtex",
        extensions: &["bib", "bibtex"],
        sniff_rank: 3,
        sniff: |h| h.head.starts_with('@') && h.head.contains('{'),
        parse: |text, path, _| bibtex::parse(text, path),
    },
    Reader {
        format: Format::Rst,
        word: "rst",
        extensions: &["rst", "rest"],
        sniff_rank: 6,
        sniff: |h| h.content.contains(">`_"),
        parse: |text, path, base| Ok(rst::parse_based(text, path, base)),
    },
];

impl Format {
    fn reader(self) -> Option<&'static Reader> {
        FORMATS.iter().find(|r| r.format == self)
    }

    /// The formats' words, `auto` first.
    pub(crate) fn words() -> impl Iterator<Item = &'static str> {
        std::iter::once("auto").chain(FORMATS.iter().map(|r| r.word))
    }

    pub(crate) fn as_str(self) -> &'static str {
        self.reader().map_or("auto", |r| r.word)
    }
}

impl crate::options::Word for Format {
    const OPTION: &'static str = "input-format";
    const NOUN: &'static str = "format";
    fn all() -> &'static [Self] {
        static ALL: std::sync::LazyLock<Vec<Format>> = std::sync::LazyLock::new(|| {
            std::iter::once(Format::Auto)
                .chain(FORMATS.iter().map(|r| r.format))
                .collect()
        });
        &ALL
    }
    fn word(self) -> &'static str {
        self.as_str()
    }
}

/// Picks the format of `path` from its extension, or failing that from its first bytes.
pub fn detect(path: &Path, content: &str) -> Option<Format> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if let Some(r) = FORMATS
        .iter()
        .find(|r| r.extensions.contains(&ext.as_str()))
    {
        return Some(r.format);
    }
    let head = content.trim_start_matches('\u{feff}').trim_start();
    let sign = Head {
        head,
        lower: head
            .chars()
            .take(512)
            .collect::<String>()
            .to_ascii_lowercase(),
        content,
    };
    let mut by_rank: Vec<&Reader> = FORMATS.iter().collect();
    by_rank.sort_by_key(|r| r.sniff_rank);
    by_rank
        .into_iter()
        .find(|r| (r.sniff)(&sign))
        .map(|r| r.format)
}

/// The encoding an XML declaration names (`<?xml version="1.0" encoding="ISO-8859-1"?>`).
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).to_string();
    let decl = head.trim_start().strip_prefix("<?xml")?;
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")? + "encoding".len();
    let rest = decl[at..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// The text of an import file: UTF-8 (with or without BOM), UTF-16 with a BOM, or the
/// encoding its XML declaration names. Anything else is an error naming the file.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    let fail = |what: String, help: &str| {
        Diagnostic::error(None, format!("{}: {what}", path.display())).with_help(help.to_string())
    };
    let undecodable = |name: &str| {
        fail(
            format!("not valid {name} text"),
            "save it as UTF-8 (for example `iconv -t UTF-8`) and import it again",
        )
    };
    let (encoding, body) = if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        (enc, &bytes[bom..])
    } else if let Some(label) = declared_encoding(bytes) {
        let enc = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
            fail(
                format!("its XML declaration names the encoding `{label}`, which is not known"),
                "save it as UTF-8 and change the declaration to encoding=\"UTF-8\"",
            )
        })?;
        (enc, bytes)
    } else {
        let sample = &bytes[..bytes.len().min(8192)];
        if sample.contains(&0) {
            return Err(fail(
                "looks like a binary file, not text".into(),
                "import a text export: Markdown, BibTeX, RSS/Atom, bookmarks HTML, JSON or a feed dump",
            ));
        }
        return String::from_utf8(bytes.to_vec()).map_err(|_| undecodable("UTF-8"));
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        return Err(undecodable(encoding.name()));
    }
    Ok(text.into_owned())
}

/// [`decode`] taking the bytes: plain UTF-8, the common case, becomes the text without a copy
/// (a list of 200,000 links is 30 MB).
fn decode_owned(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let plain = encoding_rs::Encoding::for_bom(&bytes).is_none()
        && declared_encoding(&bytes).is_none()
        && !bytes[..bytes.len().min(8192)].contains(&0);
    if plain {
        return String::from_utf8(bytes).or_else(|e| decode(path, e.as_bytes()));
    }
    decode(path, &bytes)
}

/// The largest import file read: exports of years of bookmarks or posts are a few MB.
const MAX_INPUT: u64 = 64 * 1024 * 1024;

/// Reads and parses one file (tests: the commands give a base or `None` themselves).
#[cfg(test)]
pub(crate) fn read(path: &Path, format: Format) -> Result<Parsed, Error> {
    read_based(path, format, None)
}

/// Reads and parses one file, relative links resolved against `base`. `Err` only when the
/// file as a whole cannot be used, or holds no link at all.
pub fn read_based(path: &Path, format: Format, base: Option<&url::Url>) -> Result<Parsed, Error> {
    let bytes = crate::output::read_limited(path, MAX_INPUT).map_err(|e| {
        Error::io(
            Diagnostic::error(None, format!("cannot read {}: {e}", path.display()))
                .with_help("pass an export file (a feed, a list, a bookmarks or BibTeX file)"),
        )
    })?;
    let content = decode_owned(path, bytes).map_err(Error::invalid)?;
    let format = match format {
        Format::Auto => detect(path, &content).ok_or_else(|| {
            Error::usage(
                Diagnostic::error(
                    None,
                    format!("cannot tell the format of {}", path.display()),
                )
                .with_help(format!(
                    "pass --input-format {}",
                    Format::words().skip(1).collect::<Vec<_>>().join("|")
                )),
            )
        })?,
        f => f,
    };
    let mut parsed = parse_based(format, &content, path, base).map_err(Error::invalid)?;
    // The one place every format's links pass: what reaches the corpus is plain text.
    parsed.links.iter_mut().for_each(text::finalize);
    parsed
        .unaddressed
        .iter_mut()
        .for_each(|(_, c)| text::finalize(c));
    same_text_same_reading(&mut parsed.links);
    if parsed.links.is_empty() {
        let others: Vec<&str> = Format::words()
            .skip(1)
            .filter(|w| *w != format.as_str())
            .collect();
        let mut found = parsed.skipped;
        found.push(
            Diagnostic::error(
                None,
                format!(
                    "{}: no link found, read as {}",
                    path.display(),
                    format.as_str()
                ),
            )
            .with_help(format!(
                "if it is another format, name it with --input-format {}",
                others.join("|")
            )),
        );
        return Err(Error::Invalid(found));
    }
    Ok(parsed)
}

/// A link to a part of a page (`schedule.html#oct-14-2019`) is a reading of its own
/// ([`corpus::url_key::part`]), unless the list gives it the text of an earlier link to the
/// same page: `[Lecture notes](notes.html#ch2)` after `[Lecture notes](notes.html)` is the same
/// reading again. Such a link takes the earlier one's address, so that `import` and
/// `new --from` both count it a duplicate.
fn same_text_same_reading(links: &mut [Candidate]) {
    use corpus::url_key;
    let page_of = |url: &str| {
        let key = url_key::key(url);
        match url_key::part(url) {
            Some(part) => key
                .strip_suffix(part)
                .and_then(|k| k.strip_suffix('#'))
                .map_or(key.clone(), String::from),
            None => key,
        }
    };
    let words = |t: &str| {
        t.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Only pages linked with a part anywhere need a look.
    if !links.iter().any(|c| url_key::part(&c.url).is_some()) {
        return;
    }
    let mut first: std::collections::HashMap<(String, String), String> =
        std::collections::HashMap::new();
    for c in links.iter_mut() {
        let title = words(&c.title);
        if title.is_empty() {
            continue;
        }
        match first.entry((page_of(&c.url), title)) {
            std::collections::hash_map::Entry::Occupied(e) => {
                if url_key::key(&c.url) != url_key::key(e.get()) {
                    c.url = e.get().clone();
                }
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(c.url.clone());
            }
        }
    }
}

/// Parses `content` (read from `path`, used in messages) as `format`, with relative links
/// resolved against `base` (the formats that have them: Markdown lists and HTML pages).
pub fn parse_based(
    format: Format,
    content: &str,
    path: &Path,
    base: Option<&url::Url>,
) -> Result<Parsed, Diagnostic> {
    let reader = format.reader().expect("`auto` is resolved by read()");
    // Each problem keeps its line from the text in memory: printing reads nothing again.
    let text_of = |file: &Path| (file == path).then_some(content);
    match (reader.parse)(content, path, base) {
        Ok(mut parsed) => {
            // A feed's or a page's posts link freely in their text: only a list's file is
            // made of its links.
            let list = matches!(format, Format::Markdown | Format::Rst | Format::Bibtex);
            if let Some(w) = unread_links(content, path, &parsed).filter(|_| list) {
                parsed.skipped.push(w);
            }
            crate::diagnostics::attach_lines(&mut parsed.skipped, text_of);
            Ok(parsed)
        }
        Err(found) => Err(found.with_line_from(content)),
    }
}

/// A warning when the file holds many more links than its reader read or reported: a shape of
/// list no reader knows (a schedule written as raw HTML, say) would otherwise vanish without a
/// word. Links are counted as the file's `http(s)://` addresses and `href=` values; a reading
/// accounts for its address and alternates, a warning for the links it says it left out. The
/// unread ones are placed between readings: the lines of the stretches that hold more links
/// than readings.
fn unread_links(content: &str, path: &Path, parsed: &Parsed) -> Option<Diagnostic> {
    // What an HTML comment holds the author took out: no link there is lost.
    let mut in_comment = false;
    let per_line: Vec<usize> = content
        .lines()
        .map(|line| {
            let mut l = String::new();
            let mut rest = line;
            loop {
                if in_comment {
                    match rest.find("-->") {
                        Some(e) => {
                            rest = &rest[e + 3..];
                            in_comment = false;
                        }
                        None => break,
                    }
                } else {
                    match rest.find("<!--") {
                        Some(b) => {
                            l.push_str(&rest[..b]);
                            rest = &rest[b + 4..];
                            in_comment = true;
                        }
                        None => {
                            l.push_str(rest);
                            break;
                        }
                    }
                }
            }
            let http = l.matches("http://").count() + l.matches("https://").count();
            let lower = l.to_ascii_lowercase();
            let relative = lower
                .match_indices("href=")
                .filter(|(i, _)| {
                    let v = lower[i + 5..].trim_start_matches(['"', '\'']);
                    !v.starts_with("http") && !v.starts_with('#') && !v.starts_with("mailto:")
                })
                .count();
            http + relative
        })
        .collect();
    let total: usize = per_line.iter().sum();
    let read_of = |c: &Candidate| 1 + c.alternates.len();
    let read: usize = parsed.links.iter().map(read_of).sum::<usize>() + parsed.unaddressed.len();
    let reported: usize = parsed
        .skipped
        .iter()
        .map(|d| {
            let n: String = d.message.chars().take_while(char::is_ascii_digit).collect();
            n.parse().unwrap_or(1)
        })
        .sum();
    let unread = total.saturating_sub(read + reported);
    if unread < 10 || unread < read {
        return None;
    }
    // Stretches from one reading's line to the next: those holding more links than they gave.
    let mut starts: Vec<(usize, usize)> =
        parsed.links.iter().map(|c| (c.line, read_of(c))).collect();
    starts.sort();
    let mut bounds: Vec<(usize, usize, usize)> = Vec::new(); // (first line, last line, read)
    let mut from = 1;
    let mut got = 0;
    for (line, n) in starts {
        if line > from {
            bounds.push((from, line - 1, got));
            from = line;
            got = 0;
        }
        got += n;
    }
    bounds.push((from, per_line.len().max(from), got));
    let mut span: Option<(usize, usize)> = None;
    for (a, b, got) in bounds {
        let lines = per_line.get(a - 1..b.min(per_line.len())).unwrap_or(&[]);
        if lines.iter().sum::<usize>() <= got {
            continue;
        }
        let mut skip = got;
        for (k, &n) in lines.iter().enumerate() {
            let left = n.saturating_sub(skip);
            skip = skip.saturating_sub(n);
            if left > 0 {
                let line = a + k;
                span = Some(span.map_or((line, line), |(s, _)| (s, line)));
            }
        }
    }
    let (first, last) = span?;
    let lines: Vec<&str> = content.lines().collect();
    let inside = lines.get(first - 1..last).unwrap_or(&[]);
    let table = inside
        .iter()
        .any(|l| l.to_ascii_lowercase().contains("<td"));
    let place = if table { " inside an HTML table" } else { "" };
    let at_lines = if first == last {
        format!("line {first}")
    } else {
        format!("lines {first}-{last}")
    };
    Some(
        warning(
            path,
            first,
            1,
            format!(
                "{unread} of the file's {total} links{place} at {at_lines} were not read (the file gave {})",
                crate::words::count(parsed.links.len(), "reading")
            ),
        )
        .with_help("this shape of list is not one the reader knows: write those links as a list (`- [title](url)`), or report the file's shape"),
    )
}

/// What the caller asked for.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub format: Format,
    /// Every new link goes to this topic.
    pub into: Option<String>,
    /// Where the lists are published: their relative links are resolved against it.
    pub base: Option<url::Url>,
    pub dry_run: bool,
}

/// A few short texts in one allocation, in order: a row's reasons. 200,000 rows hold four
/// or five each, and as strings of their own (with the list that holds them) they took more
/// memory than the reasons' text.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Texts(std::sync::Arc<str>);

impl Texts {
    /// Between two texts: a control character, which no reason holds (they are made of
    /// words, numbers and topic ids), so none is ever split.
    const SEPARATOR: char = '\u{1f}';

    /// The texts, in order.
    /// (An empty text is never kept: reasons are never empty.)
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        let all: &str = &self.0;
        // `split` of an empty string gives one empty text: none is wanted.
        all.split(Self::SEPARATOR).filter(move |_| !all.is_empty())
    }

    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(String::from).collect()
    }

    pub fn push(&mut self, text: &str) {
        let mut all = String::from(&*self.0);
        if !all.is_empty() {
            all.push(Self::SEPARATOR);
        }
        all.push_str(text);
        self.0 = all.into();
    }

    /// The same texts, held once among all rows that give them: reasons are made of a
    /// course's words and topic ids, and a long list repeats them.
    pub(crate) fn shared(self, seen: &mut foldhash::HashSet<std::sync::Arc<str>>) -> Self {
        match seen.get(&*self.0) {
            Some(same) => Texts(std::sync::Arc::clone(same)),
            None => {
                seen.insert(std::sync::Arc::clone(&self.0));
                self
            }
        }
    }

    /// Keeps the texts `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        *self = self.iter().filter(|t| keep(t)).collect();
    }
}

impl<S: AsRef<str>> FromIterator<S> for Texts {
    fn from_iter<I: IntoIterator<Item = S>>(texts: I) -> Self {
        let mut all = String::new();
        for (i, t) in texts.into_iter().enumerate() {
            if i > 0 {
                all.push(Self::SEPARATOR);
            }
            all.push_str(t.as_ref());
        }
        Texts(all.into())
    }
}

impl serde::Serialize for Texts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// The lists of scored topics the rows hold, each once: readings of the same words score
/// the same, and a long list repeats them.
#[derive(Debug, Default)]
pub(crate) struct Scores(foldhash::HashSet<ByBits>);

/// A list of scored topics compared by its scores' bits (a score is never NaN, and one that
/// were would only go unshared).
#[derive(Debug)]
struct ByBits(std::sync::Arc<[(std::sync::Arc<str>, f32)]>);

impl PartialEq for ByBits {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(other.0.iter())
                .all(|(a, b)| a.0 == b.0 && a.1.to_bits() == b.1.to_bits())
    }
}

impl Eq for ByBits {}

impl std::hash::Hash for ByBits {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for (topic, score) in self.0.iter() {
            topic.hash(state);
            score.to_bits().hash(state);
        }
    }
}

impl Scores {
    /// `scored`, held once among the rows.
    pub(crate) fn share(
        &mut self,
        scored: Vec<(std::sync::Arc<str>, f32)>,
    ) -> std::sync::Arc<[(std::sync::Arc<str>, f32)]> {
        let scored = ByBits(scored.into());
        if let Some(same) = self.0.get(&scored) {
            return std::sync::Arc::clone(&same.0);
        }
        let shared = std::sync::Arc::clone(&scored.0);
        self.0.insert(scored);
        shared
    }
}

/// What happens to one candidate.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Row {
    /// The file it was read from: one path shared by all of that file's rows.
    pub file: std::sync::Arc<Path>,
    pub candidate: lean::Lean,
    /// `None`: goes to the inbox (or, for a duplicate, is already in the corpus). One text
    /// per topic, shared by the rows filed there.
    pub topic: Option<std::sync::Arc<str>>,
    pub also: Vec<String>,
    /// The three best topics with their scores, best first (see [`suggest`]). A topic's id is
    /// one string shared by every row that names it (200,000 rows name three each), and so
    /// is a list of them (see [`Scores`]).
    pub candidates: std::sync::Arc<[(std::sync::Arc<str>, f32)]>,
    /// Where the same work already is, and why: `None` for a new link (most rows, so it is
    /// boxed).
    pub duplicate: Option<Box<Duplicate>>,
    /// What decided the topic, or kept the link out of every topic (see [`suggest`]).
    pub why: Texts,
    /// The id given to a new link.
    pub id: Option<String>,
}

/// What a duplicate row says of the work it is.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Duplicate {
    /// The id of the work it is.
    pub of: String,
    /// Why it is that work ([`work::Reason::describe`]).
    pub reason: Option<String>,
    /// Addresses of a duplicate that its corpus link gains as `alternates`.
    pub record: Vec<String>,
}

impl Row {
    pub fn is_new(&self) -> bool {
        self.duplicate.is_none()
    }

    /// Where the same work already is: `None` for a new link.
    pub fn duplicate_of(&self) -> Option<&str> {
        self.duplicate.as_ref().map(|d| d.of.as_str())
    }

    /// Makes it a duplicate of `of` (keeping why and what it records, if it was one).
    pub fn set_duplicate_of(&mut self, of: String) {
        match &mut self.duplicate {
            Some(d) => d.of = of,
            None => {
                self.duplicate = Some(Box::new(Duplicate {
                    of,
                    reason: None,
                    record: Vec::new(),
                }))
            }
        }
    }

    /// Addresses of a duplicate that its corpus link gains as `alternates`.
    pub fn record(&self) -> &[String] {
        self.duplicate.as_ref().map_or(&[], |d| &d.record)
    }
}

/// The outcome of an import, written or not.
#[derive(Debug, Default)]
pub struct Report {
    pub(crate) rows: Vec<Row>,
    /// Skipped entries and truncated URLs: reported, not fatal.
    pub warnings: Vec<Diagnostic>,
    /// Files changed (empty on a dry run).
    pub written: Vec<PathBuf>,
}

impl Report {
    pub(crate) fn new_count(&self) -> usize {
        self.rows.iter().filter(|r| r.is_new()).count()
    }

    pub(crate) fn duplicate_count(&self) -> usize {
        self.rows.len() - self.new_count()
    }

    pub fn without_topic_count(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.is_new() && r.topic.is_none())
            .count()
    }

    /// Duplicates that bring a corpus link an address it was not known by.
    pub(crate) fn recorded_count(&self) -> usize {
        self.rows.iter().filter(|r| !r.record().is_empty()).count()
    }

    /// The line that always ends the output.
    pub fn summary(&self) -> String {
        let recorded = match self.recorded_count() {
            0 => String::new(),
            1 => " (1 new address recorded as an alternate)".to_string(),
            n => format!(" ({n} new addresses recorded as alternates)"),
        };
        format!(
            "{}: {} new, {}{recorded}, {} without a topic",
            crate::words::count(self.rows.len(), "link"),
            self.new_count(),
            crate::words::count(self.duplicate_count(), "duplicate"),
            self.without_topic_count()
        )
    }

    /// The `--dry-run` table.
    pub fn table(&self) -> String {
        text::table(&self.rows)
    }

    /// `--format json`: every link with what was decided for it, and the counts, written to
    /// `out` as it is made: one link's JSON at a time, never the whole document as values
    /// (for 200,000 links those took a gigabyte).
    pub fn write_json(&self, out: impl std::io::Write) -> std::io::Result<()> {
        /// The links, serialized one by one.
        struct Links<'a>(&'a [Row]);
        impl serde::Serialize for Links<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeSeq;
                let mut seq = s.serialize_seq(Some(self.0.len()))?;
                for row in self.0 {
                    seq.serialize_element(&link_json(row))?;
                }
                seq.end()
            }
        }
        /// The document, its keys in the order serde_json's maps sort them.
        #[derive(serde::Serialize)]
        struct Whole<'a> {
            duplicates: usize,
            links: Links<'a>,
            new: usize,
            without_topic: usize,
            written: &'a [PathBuf],
        }
        crate::output::write_json_pretty(
            out,
            &Whole {
                duplicates: self.duplicate_count(),
                links: Links(&self.rows),
                new: self.new_count(),
                without_topic: self.without_topic_count(),
                written: &self.written,
            },
        )
    }
}

impl Report {
    /// The `--format json` document as a value, for a caller that adds keys of its own (sync's
    /// few dozen posts; an import streams it with [`Report::write_json`]).
    pub fn json(&self) -> serde_json::Value {
        let mut buf = Vec::new();
        match self.write_json(&mut buf) {
            Ok(()) => serde_json::from_slice(&buf).unwrap_or_default(),
            Err(_) => serde_json::Value::Null,
        }
    }
}

/// One link of `--format json`: the candidate and what was decided for it, borrowed from the
/// row (no copy of its text), its keys in the order serde_json's maps sort them.
#[derive(serde::Serialize)]
struct LinkJson<'a> {
    also: &'a [String],
    alternates: &'a [String],
    candidates: Vec<CandidateJson<'a>>,
    duplicate_of: Option<&'a str>,
    file: std::borrow::Cow<'a, str>,
    id: Option<&'a str>,
    kind: &'static str,
    level: &'static str,
    line: usize,
    minutes: u32,
    note: Option<&'a str>,
    recorded_alternates: &'a [String],
    same_because: Option<&'a str>,
    status: &'static str,
    title: &'a str,
    topic: Option<&'a str>,
    url: &'a str,
    why: &'a Texts,
}

#[derive(serde::Serialize)]
struct CandidateJson<'a> {
    /// Two decimals, as f64: an f32 prints as 10.100000381469727. `None` (null) for a score
    /// that is not a number, as a JSON value made of it says.
    score: Option<f64>,
    topic: &'a str,
}

fn link_json(r: &Row) -> LinkJson<'_> {
    let c = &r.candidate;
    let (kind, level, minutes) = c.facts();
    LinkJson {
        also: &r.also,
        alternates: c.alternates(),
        candidates: r
            .candidates
            .iter()
            .map(|(topic, score)| CandidateJson {
                score: Some((f64::from(*score) * 100.0).round() / 100.0).filter(|s| s.is_finite()),
                topic,
            })
            .collect(),
        duplicate_of: r.duplicate_of(),
        file: r.file.to_string_lossy(),
        id: r.id.as_deref(),
        kind: kind.as_str(),
        level: level.as_str(),
        line: c.line,
        minutes,
        note: c.note.as_deref(),
        recorded_alternates: r.record(),
        same_because: r.duplicate.as_ref().and_then(|d| d.reason.as_deref()),
        status: if r.is_new() { "new" } else { "duplicate" },
        title: &c.title,
        topic: if r.is_new() { r.topic.as_deref() } else { None },
        url: &c.url,
        why: &r.why,
    }
}

/// Links of `course` that are one work (see `work`): what `syllabus check` warns about, at
/// the later link of each pair, so a curator finds the duplicates a course already holds.
pub fn same_works(course: &Course) -> Vec<Diagnostic> {
    // Works are known by their link's number in `links`: no copy of each id.
    let links: Vec<&crate::model::Link> = course.links().chain(course.inbox.iter()).collect();
    let mut works: work::Works<usize> = work::Works::new();
    let mut found = Vec::new();
    for (n, l) in links.iter().enumerate() {
        let urls: Vec<&str> = std::iter::once(l.url.as_str())
            .chain(l.alternates.iter().map(String::as_str))
            .collect();
        let identity = work::Identity {
            urls,
            title: &l.title,
            authors: &l.authors,
            published: l.published.as_deref(),
            note: None,
        };
        let decision = works.find_or_insert(&identity, || n);
        if let Some((other, reason)) = decision.same {
            let other = &links[other].id;
            let origin = Some(l.url_origin.clone())
                .filter(|o| o.line > 0)
                .or_else(|| Some(l.origin.clone()));
            found.push(
                Diagnostic::warning(
                    origin,
                    format!(
                        "links `{other}` and `{}` are one work ({})",
                        l.id,
                        reason.describe()
                    ),
                )
                .with_help(format!(
                    "keep one: move this address into the `alternates` of `{other}` and delete this link, or, if they are different works, give them titles that say so"
                )),
            );
        }
    }
    found
}

/// How many times an import is redone when a topic file changed while it ran.
const ATTEMPTS: usize = 5;

/// Loads the corpus in `topics_dir` and imports `files` into it: what `syllabus import` does.
/// The corpus files are read once per attempt; loading, rendering and the final check all use
/// that text. The folder is locked, so imports run one after another; a file someone saved
/// while the import ran is never overwritten: the import is read and done again.
pub fn run(topics_dir: &Path, files: &[PathBuf], options: &Options) -> Result<Report, Error> {
    let (inputs, warnings) = read_all(files, options)?;
    run_candidates(topics_dir, &inputs, warnings, options, &mut |_, _, _| {
        Ok(Extra::default())
    })
}

/// What a source that is not a file (`sync`, which reads the feed's API) adds to an import:
/// edits of corpus links made in the same write, and files beside the corpus written with it.
#[derive(Debug, Default)]
pub(crate) struct Extra {
    /// New text of corpus files, made from the sources given; new links are appended to it.
    pub corpus: BTreeMap<PathBuf, String>,
    /// Files outside the corpus (a state file), written all-or-nothing with it: the path, the
    /// text it must still hold (`None`: absent), the new text.
    pub beside: Vec<(PathBuf, Option<String>, String)>,
    /// Reported with the import's own warnings.
    pub warnings: Vec<Diagnostic>,
}

/// How a caller of [`run_candidates`] takes part: it sees the corpus and the decided rows
/// before anything is rendered, may change the rows (a link it heals is no new link), and
/// returns its own edits. Called once per attempt, so it starts afresh each time.
pub(crate) type Adjust<'a> =
    dyn FnMut(&Course, &[corpus::Source], &mut Vec<Row>) -> Result<Extra, Error> + 'a;

/// [`run`] for candidates already read, one list per source (the path names it in messages and
/// in each new link's `source`), with `adjust`'s edits in the same locked, checked,
/// all-or-nothing write. `warnings` (from reading the sources) are kept in the report.
pub(crate) fn run_candidates(
    topics_dir: &Path,
    inputs: &[(PathBuf, Vec<Candidate>)],
    warnings: Vec<Diagnostic>,
    options: &Options,
    adjust: &mut Adjust,
) -> Result<Report, Error> {
    let refuse = |mut found: Vec<Diagnostic>| {
        found.push(
            Diagnostic::error(None, "the corpus has errors, so nothing was imported").with_help(
                format!(
                    "fix them first (`syllabus check --topics {}` lists them)",
                    topics_dir.display()
                ),
            ),
        );
        Error::Invalid(found)
    };
    let lock = crate::output::lock_corpus(topics_dir)?;
    let mut changed = None;
    for _ in 0..ATTEMPTS {
        let sources = corpus::read_dir(topics_dir).map_err(|d| refuse(vec![d]))?;
        let loaded = corpus::load(&sources).map_err(refuse)?;
        let (mut report, rendered, beside) = prepare_inputs(
            &loaded.course,
            &sources,
            topics_dir,
            inputs.to_vec(),
            warnings.clone(),
            options,
            adjust,
        )?;
        report.warnings.splice(0..0, lock.notes.iter().cloned());
        if options.dry_run {
            return Ok(report);
        }
        match commit(&sources, &rendered, &beside) {
            Ok(()) => {
                report.written = rendered.into_keys().collect();
                report.written.extend(beside.into_iter().map(|(p, ..)| p));
                return Ok(report);
            }
            Err(e @ crate::output::WriteError::Changed { .. }) => changed = Some(e),
            Err(e) => return Err(write_failed(&e, topics_dir)),
        }
    }
    Err(write_failed(&changed.expect("set by the loop"), topics_dir))
}

/// A dry run against the course built into the binary, for when there is no corpus folder:
/// what an import would find new, and where it would file it.
pub fn dry_run_builtin(files: &[PathBuf], options: &Options) -> Result<Report, Error> {
    let sources = corpus::embedded_sources();
    let loaded = corpus::load(&sources)?;
    let options = Options {
        dry_run: true,
        ..options.clone()
    };
    import(
        &loaded.course,
        &sources,
        Path::new(corpus::EMBEDDED_NAME),
        files,
        &options,
    )
}

/// Writes the rendered files, each only if it still holds the text the import was made from,
/// and the files `beside` the corpus (each only if it still holds the text given), all in one
/// all-or-nothing write: the one place an import writes. The files beside go last: a state
/// that says what was imported (sync's) must never be in place before the corpus it describes.
fn commit(
    sources: &[corpus::Source],
    rendered: &BTreeMap<PathBuf, String>,
    beside: &[(PathBuf, Option<String>, String)],
) -> Result<(), crate::output::WriteError> {
    use crate::output::{Expect, Replacement};
    let expect = |text: Option<&str>| match text {
        Some(t) => Expect::Bytes(t.as_bytes().to_vec()),
        None => Expect::Absent,
    };
    let corpus_files = rendered.iter().map(|(path, text)| Replacement {
        path: path.clone(),
        bytes: text.clone().into_bytes(),
        expect: expect(corpus::source_text(sources, path)),
    });
    let others = beside.iter().map(|(path, was, text)| Replacement {
        path: path.clone(),
        bytes: text.clone().into_bytes(),
        expect: expect(was.as_deref()),
    });
    let files: Vec<Replacement> = corpus_files.chain(others).collect();
    // A writer killed before its commit point leaves its copy of a file beside the corpus
    // (`.syllabus/.sync.json.tmp-PID`) where the corpus folder's recovery does not look; the
    // corpus lock covers those files too, so a dead writer's copies are removed here.
    let folders: std::collections::BTreeSet<&Path> = beside
        .iter()
        .filter_map(|(path, ..)| path.parent())
        .collect();
    for folder in folders {
        let _ = crate::journal::recover(folder);
    }
    crate::output::replace_all(&files)
}

/// The message for a write that failed: which file, and what state the corpus is in.
fn write_failed(e: &crate::output::WriteError, topics_dir: &Path) -> Error {
    let state = if e.nothing_changed() {
        format!("nothing in {} was changed", topics_dir.display())
    } else {
        format!(
            "the corpus in {} is partly imported: run `syllabus check --topics {}` and fix or restore the files named above",
            topics_dir.display(),
            topics_dir.display()
        )
    };
    let help = match e {
        crate::output::WriteError::Changed { .. } => {
            format!("{state}; run the import again")
        }
        _ => format!("{state}; fix the cause and run the import again"),
    };
    Error::io(Diagnostic::error(None, e.to_string()).with_help(help))
}

/// Loads the corpus as it would be after the import, without touching the files: an import
/// that would break `check` (a clash with an id the core derives, say) stops here.
fn verify(sources: &[corpus::Source], rendered: &BTreeMap<PathBuf, String>) -> Result<(), Error> {
    if rendered.is_empty() {
        return Ok(());
    }
    let mut sources = sources.to_vec();
    for (path, text) in rendered {
        match sources
            .iter_mut()
            .find(|s| s.path.file_name() == path.file_name())
        {
            Some(source) => source.text = text.clone(),
            None => sources.push(corpus::Source {
                path: path.clone(),
                text: text.clone(),
            }),
        }
    }
    corpus::load(&sources).map(|_| ()).map_err(|mut found| {
        found.push(
            Diagnostic::error(None, "the imported links would make the corpus invalid")
                .with_help("nothing was written; please report this with the file you imported"),
        );
        Error::Invalid(found)
    })
}

/// Reads every file, matches the links against `course` (loaded from `sources`, the files of
/// `topics_dir`), and (unless `dry_run`) writes the new ones into `topics_dir`. Nothing is
/// written when any file fails to parse, or when the corpus with the new links would not load.
pub(crate) fn import(
    course: &Course,
    sources: &[corpus::Source],
    topics_dir: &Path,
    files: &[PathBuf],
    options: &Options,
) -> Result<Report, Error> {
    let (mut report, rendered) = prepare(course, sources, topics_dir, files, options)?;
    if !options.dry_run {
        commit(sources, &rendered, &[]).map_err(|e| write_failed(&e, topics_dir))?;
        report.written = rendered.into_keys().collect();
    }
    Ok(report)
}

/// Everything but the write: the report and the new text of each file that gains links.
fn prepare(
    course: &Course,
    sources: &[corpus::Source],
    topics_dir: &Path,
    files: &[PathBuf],
    options: &Options,
) -> Result<(Report, BTreeMap<PathBuf, String>), Error> {
    let (inputs, warnings) = read_all(files, options)?;
    let (report, rendered, _) = prepare_inputs(
        course,
        sources,
        topics_dir,
        inputs,
        warnings,
        options,
        &mut |_, _, _| Ok(Extra::default()),
    )?;
    Ok((report, rendered))
}

/// Candidates by the source they were read from.
pub(crate) type Inputs = Vec<(PathBuf, Vec<Candidate>)>;

/// The links of every file, and the entries skipped; every file's problems at once.
fn read_all(files: &[PathBuf], options: &Options) -> Result<(Inputs, Vec<Diagnostic>), Error> {
    let mut warnings = Vec::new();
    let mut errors = Vec::new();
    let mut inputs = Vec::new();
    for file in files {
        match read_based(file, options.format, options.base.as_ref()) {
            Ok(parsed) => {
                warnings.extend(parsed.skipped);
                inputs.push((file.clone(), parsed.links));
            }
            Err(usage @ Error::Usage(_)) => return Err(usage),
            // Every file's problems at once; a file that cannot be read is one more to fix.
            Err(e) => errors.extend(e.into_diagnostics()),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok((inputs, warnings))
}

/// The new text of every corpus file (the caller's edits with the new links appended), and the
/// files beside the corpus the caller writes with them.
type Prepared = (
    Report,
    BTreeMap<PathBuf, String>,
    Vec<(PathBuf, Option<String>, String)>,
);

/// Decides, lets `adjust` take part, renders and checks: everything but the write.
fn prepare_inputs(
    course: &Course,
    sources: &[corpus::Source],
    topics_dir: &Path,
    inputs: Inputs,
    mut warnings: Vec<Diagnostic>,
    options: &Options,
    adjust: &mut Adjust,
) -> Result<Prepared, Error> {
    if let Some(into) = &options.into {
        if course.topic(into).is_none() {
            let ids = course.topics.iter().map(|t| t.id.as_str());
            return Err(Error::usage(
                Diagnostic::error(None, format!("--into: there is no topic `{into}`"))
                    .with_help(crate::diagnostics::suggest(into, ids, "topic")),
            ));
        }
    }
    let (mut rows, invalid) = decide::decide_owned(course, inputs, options.into.as_deref());
    warnings.extend(invalid);
    let mut extra = adjust(course, sources, &mut rows)?;
    warnings.append(&mut extra.warnings);
    for row in rows.iter().filter(|r| r.is_new()) {
        if row.candidate.url_status == UrlStatus::Truncated {
            warnings.push(
                warning(
                    &row.file,
                    row.candidate.line,
                    1,
                    format!(
                        "the URL `{}` is truncated; kept as given with url_status = \"truncated\"",
                        row.candidate.url
                    ),
                )
                .with_help("replace it with the full URL and remove url_status"),
            );
        }
    }
    warnings.sort_by(|a, b| a.origin.cmp(&b.origin));
    let report = Report {
        rows,
        warnings,
        written: Vec::new(),
    };
    if options.dry_run {
        // Nothing is written, so the new files are not made nor loaded again to be checked:
        // for a list of 200,000 links that check alone took a gigabyte. A file the links
        // could not go into already failed to load above.
        return Ok((report, BTreeMap::new(), extra.beside));
    }
    // The caller's edits first; the new links are appended to the edited text.
    let edited: Vec<corpus::Source> = sources
        .iter()
        .map(|s| corpus::Source {
            path: s.path.clone(),
            text: extra
                .corpus
                .get(&s.path)
                .cloned()
                .unwrap_or_else(|| s.text.clone()),
        })
        .collect();
    let mut rendered = extra.corpus;
    let appended = write::render(course, topics_dir, &edited, &report.rows).map_err(|d| {
        Error::invalid(d.with_help("fix that file; nothing in the topics directory was changed"))
    })?;
    rendered.extend(appended);
    verify(sources, &rendered)?;
    Ok((report, rendered, extra.beside))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `import` and `new` exit 2 only for what the command line can fix (`--from`).
    #[test]
    fn read_says_which_kind_of_failure() {
        let dir = tempfile::tempdir().unwrap();
        let missing = read(&dir.path().join("none.md"), Format::Auto).unwrap_err();
        assert!(matches!(&missing, Error::Io(_)), "{missing:?}");
        let plain = dir.path().join("notes.txt");
        std::fs::write(&plain, "just some words\n").unwrap();
        let unknown = read(&plain, Format::Auto).unwrap_err();
        assert!(matches!(&unknown, Error::Usage(_)), "{unknown:?}");
        assert_eq!(unknown.exit_code(), crate::error::EXIT_USAGE);
        assert!(unknown.to_string().contains("cannot tell the format of"));
        let empty = read(&plain, Format::Markdown).unwrap_err();
        assert!(matches!(&empty, Error::Invalid(_)), "{empty:?}");
        assert!(
            empty
                .to_string()
                .contains("no link found, read as markdown"),
            "{empty}"
        );
        let binary = dir.path().join("x.png");
        std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0").unwrap();
        assert!(matches!(
            read(&binary, Format::Auto),
            Err(Error::Invalid(_))
        ));
    }

    #[test]
    fn encodings() {
        let p = Path::new("f.xml");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<rss>é</rss>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(p, &utf16).unwrap(), "<rss>é</rss>");
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss>\xe9</rss>";
        assert!(decode(p, latin1).unwrap().ends_with("<rss>é</rss>"));
        let e = decode(p, b"\x89PNG\r\n\x1a\n\0\0").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("error: f.xml: looks like a binary file"),
            "{e}"
        );
        let e = decode(p, b"caf\xe9").unwrap_err();
        assert!(e.to_string().contains("f.xml: not valid UTF-8 text"), "{e}");
        assert_eq!(decode(p, "\u{feff}ok".as_bytes()).unwrap(), "ok");
    }

    #[test]
    fn format_words_are_the_values_of_input_format() {
        use crate::options::Word;
        let values: Vec<&str> = Format::all().iter().map(|f| f.word()).collect();
        assert_eq!(
            values,
            [
                "auto",
                "feed",
                "bluesky",
                "markdown",
                "rss",
                "bookmarks",
                "bibtex",
                "rst"
            ]
        );
        for f in Format::all() {
            assert_eq!(Format::from_word(f.as_str()), Some(*f));
        }
        assert!(Format::from_word("csv").is_none());
    }

    #[test]
    fn a_file_saved_after_the_corpus_was_read_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let topics = dir.path().join("topics");
        std::fs::create_dir(&topics).unwrap();
        for entry in std::fs::read_dir("tests/fixtures/valid").unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), topics.join(entry.file_name())).unwrap();
        }
        let list = dir.path().join("list.md");
        std::fs::write(
            &list,
            "- [Clocks again](https://clocks.example.org/x) - time\n",
        )
        .unwrap();
        let sources = corpus::read_dir(&topics).unwrap();
        let loaded = corpus::load(&sources).unwrap();
        // An editor saves time.toml after the import read it.
        let time = topics.join("time.toml");
        let saved = format!(
            "{}\n# saved while importing\n",
            std::fs::read_to_string(&time).unwrap()
        );
        std::fs::write(&time, &saved).unwrap();
        let options = Options::default();
        let err = import(
            &loaded.course,
            &sources,
            &topics,
            std::slice::from_ref(&list),
            &options,
        )
        .unwrap_err();
        assert!(err.to_string().contains("changed by someone else"), "{err}");
        assert!(
            err.to_string()
                .contains("was changed; run the import again"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&time).unwrap(), saved);
        // `run` reads the corpus again and imports on top of the saved text.
        let report = run(&topics, &[list], &options).unwrap();
        assert_eq!(report.new_count(), 1);
        let now = std::fs::read_to_string(&time).unwrap();
        assert!(
            now.starts_with(&saved) && now.contains("clocks.example.org"),
            "{now}"
        );
    }

    #[test]
    fn texts_keep_their_order_and_what_retain_keeps() {
        let mut why: Texts = ["title: raft", "note: logs, leader"].into_iter().collect();
        why.push("its heading: 3 of the 4 readings placed under it are in raft");
        assert_eq!(
            why.to_vec(),
            [
                "title: raft",
                "note: logs, leader",
                "its heading: 3 of the 4 readings placed under it are in raft"
            ]
        );
        why.retain(|t| !t.starts_with("note"));
        assert_eq!(why.iter().count(), 2);
        assert_eq!(
            serde_json::to_string(&why).unwrap(),
            r#"["title: raft","its heading: 3 of the 4 readings placed under it are in raft"]"#
        );
        assert_eq!(Texts::default().iter().count(), 0);
        let mut one = Texts::default();
        one.push("too little evidence");
        assert_eq!(one.to_vec(), ["too little evidence"]);
    }

    #[test]
    fn the_summary_counts_in_words() {
        let report = Report {
            rows: vec![Row {
                file: Path::new("x.md").into(),
                candidate: Candidate::default().into(),
                topic: None,
                also: vec![],
                candidates: vec![].into(),
                duplicate: Some(Box::new(Duplicate {
                    of: "a".into(),
                    reason: None,
                    record: vec![],
                })),
                why: Texts::default(),
                id: None,
            }],
            ..Report::default()
        };
        assert_eq!(
            report.summary(),
            "1 link: 0 new, 1 duplicate, 0 without a topic"
        );
    }
}
