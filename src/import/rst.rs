//! reStructuredText link lists (Sphinx notes and course pages).
//!
//! A reStructuredText list is read by the Markdown reader: this module rewrites the text line
//! for line into the Markdown that means the same, so one set of list rules (what a reading
//! is, which links are labels, what the notes and sections are) serves both formats, and every
//! line keeps its number for messages. What it rewrites:
//! - section titles (a line underlined, and maybe overlined, with `=`, `-`, `~`, ...) become
//!   ATX headings, their level from the order in which the adornment styles first appear;
//! - `` `text <url>`_ `` and `` `text <url>`__ `` become `[text](url)`, a named reference
//!   `` `text`_ `` (or `word_`) a Markdown reference to the target `.. _text: url`;
//! - directives and comments (`.. image::`, `.. toctree::`, `..` alone) and literal blocks
//!   (after `::`) are blanked: they hold code and furniture, not readings; the bodies of
//!   admonitions (`.. note::`) are prose and are kept;
//! - `#.` items are numbered, and characters that are plain text in reStructuredText but markup
//!   in Markdown (`[`, `]`, `<`, `>`, a leading `#`) are escaped.

use super::{markdown, Candidate, Parsed};
use crate::model::Kind;
use std::collections::BTreeMap;
use std::path::Path;

/// Parses a reStructuredText list, relative links resolved against `base`.
///
/// Bibliography entries (`Authors. Year. "Title". Venue.`, often labelled by a target
/// `.. _KEY:`) are read here, whole: the title is the quoted (or, for a book, emphasised) text
/// whatever the link around or inside it, the year and authors are kept, and an entry that
/// links nowhere is a work without an address (`Parsed::unaddressed`), warned about, never
/// dropped in silence. Everything else is read by the Markdown reader.
pub fn parse_based(content: &str, file: &Path, base: Option<&url::Url>) -> Parsed {
    let lines: Vec<&str> = content.lines().collect();
    let md = to_markdown(content);
    let targets = targets(&lines);
    let cites = citations(&lines, &targets);
    let mut md_lines: Vec<&str> = md.lines().collect();
    let sections = sections(&md_lines);
    for c in &cites {
        for l in md_lines.iter_mut().take(c.end).skip(c.start) {
            *l = "";
        }
    }
    let mut text = md_lines.join("\n");
    text.push('\n');
    let mut parsed = markdown::parse_based(&text, file, base);
    for c in cites {
        let section = sections
            .iter()
            .rev()
            .find(|(at, _)| *at < c.line)
            .map(|(_, s)| s.clone())
            .unwrap_or_default();
        c.read(&mut parsed, file, base, section);
    }
    parsed.links.sort_by_key(|c| c.line);
    parsed.unaddressed.sort_by_key(|(_, c)| c.line);
    parsed
}

/// The section path in force after each heading of the rewritten text: (line, path). The
/// document's title (its one level-1 heading, first) is no section, as in Markdown.
fn sections(md: &[&str]) -> Vec<(usize, Vec<String>)> {
    let headings: Vec<(usize, usize, String)> = md
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let level = l.chars().take_while(|c| *c == '#').count();
            let title = l.get(level..)?.strip_prefix(' ')?;
            (level > 0).then(|| (i, level, unescape(title)))
        })
        .collect();
    let title_is_first = headings.first().is_some_and(|h| h.1 == 1)
        && headings.iter().filter(|h| h.1 == 1).count() == 1;
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut out = Vec::new();
    for (n, (i, level, title)) in headings.into_iter().enumerate() {
        if n == 0 && title_is_first {
            continue;
        }
        stack.retain(|(l, _)| *l < level);
        stack.push((level, title));
        out.push((i, stack.iter().map(|(_, t)| t.clone()).collect()));
    }
    out
}

/// `text` with the backslashes `escape` added removed.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// One bibliography entry: `Authors. Year. "Title". Venue.`
#[derive(Debug)]
struct Citation {
    /// The lines it covers (0-based, end exclusive), its label's line included.
    start: usize,
    end: usize,
    /// The line its text starts on (0-based).
    line: usize,
    /// The target labelling it (`.. _KEY:`), if any.
    key: Option<String>,
    authors: Vec<String>,
    year: Option<String>,
    title: String,
    /// The title is emphasised (`*Title*`): a book.
    book: bool,
    /// Addresses it gives, the title's first.
    urls: Vec<String>,
    /// What follows the title: publisher, venue, pages.
    rest: String,
}

/// A list item's marker (`* `, `- `, `#. `, `3. `), if the line starts with one: its length.
fn item_marker(t: &str) -> Option<usize> {
    for m in ["* ", "- ", "+ ", "#. "] {
        if t.starts_with(m) {
            return Some(m.len());
        }
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    (digits > 0 && t[digits..].starts_with(". ")).then_some(digits + 2)
}

/// `KEY` for a line that is only a target without an address (`.. _KEY:`, maybe after an
/// item's marker): a label for what follows, not text.
fn label(line: &str) -> Option<&str> {
    let t = line.trim();
    let t = t[item_marker(t).unwrap_or(0)..].trim_start();
    let name = t.strip_prefix(".. _")?.strip_suffix(':')?;
    let name = name.trim_matches('`');
    (!name.is_empty() && !name.contains(": ")).then_some(name)
}

/// The bibliography entries of a document: paragraphs (list items or not, maybe labelled by
/// a target) whose text is a citation.
fn citations(lines: &[&str], targets: &BTreeMap<String, String>) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        let mut key = None;
        let mut j = i;
        while j < lines.len() && (label(lines[j]).is_some() || (key.is_some() && blank(lines[j]))) {
            key = label(lines[j]).map(String::from).or(key);
            j += 1;
        }
        let starts_paragraph = j == 0 || blank(lines[j - 1]) || key.is_some();
        if j >= lines.len() || blank(lines[j]) || !starts_paragraph {
            i = j.max(i + 1);
            continue;
        }
        let mut end = j;
        while end < lines.len() && !blank(lines[end]) && (end == j || label(lines[end]).is_none()) {
            end += 1;
        }
        let text: Vec<&str> = lines[j..end].iter().map(|l| l.trim()).collect();
        let text = text.join(" ");
        let text = &text[item_marker(&text).unwrap_or(0)..];
        if let Some(mut c) = cite(text, targets) {
            c.start = start;
            c.end = end;
            c.line = j;
            c.key = key;
            out.push(c);
        }
        i = end;
    }
    out
}

/// Reads `Authors. Year. "Title". Rest` (or `*Title*`, a book; `n.d.` for no year).
fn cite(text: &str, targets: &BTreeMap<String, String>) -> Option<Citation> {
    // The title opens after the first sentence that ends in a year.
    let (open, quote) = text.char_indices().find_map(|(p, c)| {
        let close = match c {
            '"' => '"',
            '\u{201c}' => '\u{201d}',
            '*' if !text[p + 1..].starts_with('*') => '*',
            _ => return None,
        };
        text[..p].trim_end().ends_with('.').then_some((p, close))
    })?;
    let prefix = text[..open].trim_end().trim_end_matches('.').trim_end();
    if prefix.contains(['`', '<', '"']) || prefix.chars().count() > 400 {
        return None;
    }
    let (authors, year) = match prefix.strip_suffix("n.d") {
        Some(a) => (a, None),
        None => {
            let t = prefix.trim_end_matches(|c: char| c.is_ascii_lowercase());
            let digits = t.chars().rev().take_while(|c| c.is_ascii_digit()).count();
            let year = &t[t.len() - digits..];
            let before = &t[..t.len() - digits];
            if digits != 4
                || !(before.is_empty() || before.ends_with([' ', ':', '(']))
                || !(1000..=2100).contains(&year.parse::<u32>().ok()?)
            {
                return None;
            }
            (before, Some(year.to_string()))
        }
    };
    let authors = authors.trim_end_matches(['.', ' ', ':', ',', '(']);
    if !authors.starts_with(char::is_uppercase) {
        return None;
    }
    let body = &text[open + quote_len(text, open)..];
    let close = closing(body, quote)?;
    let (title, mut urls) = plain(&body[..close], targets);
    let title = title.trim().trim_end_matches(['.', ',', ' ']).to_string();
    if title.is_empty() {
        return None;
    }
    let (rest, more) = plain(&body[close + quote.len_utf8()..], targets);
    urls.extend(more);
    Some(Citation {
        start: 0,
        end: 0,
        line: 0,
        key: None,
        authors: authors
            .split([',', '&'])
            .flat_map(|a| a.split(" and "))
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(String::from)
            .collect(),
        year,
        title,
        book: quote == '*',
        urls,
        rest: rest
            .trim()
            .trim_start_matches(['.', ',', ' '])
            .trim()
            .to_string(),
    })
}

fn quote_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(1, char::len_utf8)
}

/// Where `quote` closes in `body`, outside backquoted markup.
fn closing(body: &str, quote: char) -> Option<usize> {
    let mut in_ticks = false;
    for (p, c) in body.char_indices() {
        if c == '`' {
            in_ticks = !in_ticks;
        } else if c == quote && !in_ticks {
            return Some(p);
        }
    }
    None
}

/// Inline markup as plain text, and the addresses its links give: a link's text stands for
/// it unless the text is only its address.
fn plain(text: &str, targets: &BTreeMap<String, String>) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut urls = Vec::new();
    let mut rest = text;
    while let Some(tick) = rest.find('`') {
        out.push_str(&rest[..tick]);
        let after = &rest[tick + 1..];
        let Some(end) = after.find('`') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let inner = &after[..end];
        let tail = &after[end + 1..];
        let underscores = tail.chars().take_while(|c| *c == '_').count().min(2);
        if underscores > 0 {
            match split_link(inner) {
                Some((t, url)) => {
                    if t != url {
                        out.push_str(t);
                    }
                    urls.push(url.split_whitespace().collect());
                }
                None => {
                    out.push_str(inner.trim());
                    if let Some(url) = targets.get(&inner.trim().to_lowercase()) {
                        urls.push(url.clone());
                    }
                }
            }
        } else {
            out.push_str(inner);
        }
        rest = &tail[underscores..];
    }
    out.push_str(rest);
    let out = out.replace('*', "");
    (out.split_whitespace().collect::<Vec<_>>().join(" "), urls)
}

impl Citation {
    /// The entry as a link, or as a work without an address (warned about).
    fn read(self, parsed: &mut Parsed, file: &Path, base: Option<&url::Url>, section: Vec<String>) {
        let line = self.line + 1;
        let mut urls = self.urls.iter().map(|u| super::absolute(u, base));
        let first = urls.next();
        let web = |u: &String| u.starts_with("http://") || u.starts_with("https://");
        let c = Candidate {
            title: self.title.clone(),
            url: first.clone().unwrap_or_default(),
            alternates: urls.filter(web).collect(),
            note: (!self.rest.is_empty()).then(|| self.rest.clone()),
            published: self.year.clone(),
            authors: self.authors.clone(),
            hints: section.last().cloned().into_iter().collect(),
            section,
            kind: self.book.then_some(Kind::Book),
            line,
            ..Candidate::default()
        };
        if first.as_ref().is_some_and(web) {
            parsed.links.push(c);
            return;
        }
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let entry = match &self.key {
            Some(k) => format!("the entry `{k}`"),
            None => "the entry".to_string(),
        };
        parsed.skipped.push(match &first {
            Some(u) => super::not_web(file, line, "link", u),
            None => super::warning(
                file,
                line,
                1,
                format!(
                    "{entry} \"{}\" names a work but has no url, pdf, doi or link; skipped",
                    self.title
                ),
            )
            .with_help("link its title to the work's address: `\"`Title <url>`_\"`"),
        });
        parsed.unaddressed.push((format!("{name}:{line}"), c));
    }
}

/// Characters that may adorn a section title.
const ADORNMENT: &str = "=-`:'\"~^_*+#<>.";

/// Directives whose body is prose a reader sees (so its links may be readings).
const PROSE_DIRECTIVES: &[&str] = &[
    "admonition",
    "attention",
    "caution",
    "danger",
    "error",
    "hint",
    "important",
    "note",
    "seealso",
    "sidebar",
    "tip",
    "topic",
    "warning",
    "epigraph",
    "highlights",
    "pull-quote",
    "container",
    "rst-class",
];

/// `====` or `----`: one adornment character repeated, at least three times.
fn adornment(line: &str) -> Option<char> {
    let t = line.trim_end();
    let c = t.chars().next()?;
    (ADORNMENT.contains(c) && t.chars().count() >= 3 && t.chars().all(|x| x == c)).then_some(c)
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

fn blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The Markdown that means what `content` means to a list reader, with the same lines.
pub(crate) fn to_markdown(content: &str) -> String {
    let lines: Vec<&str> = content.lines().collect();
    let targets = targets(&lines);
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    // Adornment styles (character, overlined) in the order they first appear: the level.
    let mut styles: Vec<(char, bool)> = Vec::new();
    // A link text opened on an earlier line and not yet closed.
    let mut open = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        // A block that is not prose: a directive or comment and its indented body, or the
        // indented body after a paragraph ending in `::`.
        if let Some(end) = skipped_block(&lines, i) {
            let keep_body = directive_name(line).is_some_and(|d| PROSE_DIRECTIVES.contains(&d));
            out.push(String::new());
            for body in &lines[i + 1..end] {
                if keep_body && !blank(body) {
                    out.push(inline(body.trim_start(), &targets, &mut open));
                } else {
                    out.push(String::new());
                }
            }
            i = end;
            continue;
        }
        // Overline, title, underline.
        if let (Some(c), Some(title), Some(under)) =
            (adornment(line), lines.get(i + 1), lines.get(i + 2))
        {
            if !blank(title) && adornment(title).is_none() && adornment(under) == Some(c) {
                let level = level_of(&mut styles, (c, true));
                out.push(String::new());
                out.push(heading(level, title.trim(), &targets));
                out.push(String::new());
                open = false;
                i += 3;
                continue;
            }
        }
        // Title, underline.
        if let Some(c) = lines.get(i + 1).and_then(|u| adornment(u)) {
            let starts_paragraph = i == 0 || blank(lines[i - 1]);
            if !blank(line) && adornment(line).is_none() && starts_paragraph && indent(line) == 0 {
                let level = level_of(&mut styles, (c, false));
                out.push(heading(level, line.trim(), &targets));
                out.push(String::new());
                open = false;
                i += 2;
                continue;
            }
        }
        // A transition or a simple table's border.
        if adornment(line).is_some() {
            out.push(String::new());
            i += 1;
            continue;
        }
        if blank(line) {
            open = false;
        }
        out.push(numbered(&inline(line, &targets, &mut open)));
        i += 1;
    }
    let mut text = out.join("\n");
    if !out.is_empty() {
        text.push('\n');
    }
    text
}

fn level_of(styles: &mut Vec<(char, bool)>, style: (char, bool)) -> usize {
    let at = styles.iter().position(|s| *s == style).unwrap_or_else(|| {
        styles.push(style);
        styles.len() - 1
    });
    (at + 1).min(6)
}

fn heading(level: usize, title: &str, targets: &BTreeMap<String, String>) -> String {
    format!(
        "{} {}",
        "#".repeat(level),
        inline(title, targets, &mut false)
    )
}

/// `#. item` is an auto-numbered item: Markdown needs the number.
fn numbered(line: &str) -> String {
    let rest = line.trim_start();
    match rest.strip_prefix("#. ") {
        Some(item) => format!("{}1. {item}", &line[..line.len() - rest.len()]),
        None => line.to_string(),
    }
}

/// `image` for `.. image:: x.png`; `None` for a comment, a target or not a directive.
fn directive_name(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix(".. ")?;
    let (name, _) = rest.split_once("::")?;
    let name = name.trim();
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "-_:".contains(c)))
    .then_some(name)
}

/// Where the non-prose block starting at `i` ends (exclusive), if one starts there: an
/// explicit markup line (`.. x::`, `..` comment, `.. [1]` footnote; not a `.. _target:`) with
/// its more-indented body, or a literal block after a line ending in `::`.
fn skipped_block(lines: &[&str], i: usize) -> Option<usize> {
    let line = lines[i];
    let t = line.trim_start();
    let explicit = t == ".." || (t.starts_with(".. ") && !t.starts_with(".. _"));
    let literal = i > 0
        && lines[i - 1].trim_end().ends_with("::")
        && directive_name(lines[i - 1]).is_none()
        && blank(line);
    if !explicit && !literal {
        return None;
    }
    let base = if literal {
        indent(lines[i - 1])
    } else {
        indent(line)
    };
    let mut end = i + 1;
    while end < lines.len() && (blank(lines[end]) || indent(lines[end]) > base) {
        end += 1;
    }
    // Trailing blank lines are not part of the block.
    while end > i + 1 && blank(lines[end - 1]) {
        end -= 1;
    }
    if literal && end == i + 1 {
        return None;
    }
    Some(end)
}

/// Hyperlink targets `.. _name: url`, keyed by the name in lower case.
fn targets(lines: &[&str]) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.trim_start().strip_prefix(".. _") else {
            continue;
        };
        let (name, url) = match rest.strip_prefix('`') {
            Some(quoted) => match quoted.split_once("`:") {
                Some((n, u)) => (n, u),
                None => continue,
            },
            None => match rest.split_once(": ") {
                Some((n, u)) => (n, u),
                None => match rest.strip_suffix(':') {
                    Some(n) => (n, ""),
                    None => continue,
                },
            },
        };
        // The address may continue on the next, indented line.
        let mut url = url.trim().to_string();
        if url.is_empty() {
            if let Some(next) = lines.get(i + 1).filter(|l| indent(l) > 0) {
                url = next.trim().to_string();
            }
        }
        if !url.is_empty() && !url.ends_with('_') {
            found.insert(
                name.trim().to_lowercase(),
                url.replace(char::is_whitespace, ""),
            );
        }
    }
    found
}

/// Escapes what Markdown would read as markup but reStructuredText reads as text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One line's inline markup rewritten: links and references, literals kept, the rest escaped.
/// A link whose text runs over the line end keeps its text (Markdown allows that) and is closed
/// where it ends; the line reading the rest carries the address.
fn inline(line: &str, targets: &BTreeMap<String, String>, open: &mut bool) -> String {
    let leading = &line[..line.len() - line.trim_start().len()];
    let body = line.trim_start();
    // A line of explicit markup that is a target stays a Markdown reference definition.
    if let Some(rest) = body.strip_prefix(".. _") {
        let name = rest
            .trim_start_matches('`')
            .split([':', '`'])
            .next()
            .unwrap_or("");
        return match targets.get(&name.trim().to_lowercase()) {
            Some(url) => format!("[{}]: {url}", escape(name.trim())),
            None => String::new(),
        };
    }
    let mut out = leading.to_string();
    let mut k = 0;
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    if *open {
        // The rest of a link text begun on an earlier line: `more text <url>`_
        match continued_link_end(body) {
            Some((text_end, stop)) => {
                out.push_str(&link_tail(&body[..text_end], targets));
                *open = false;
                k = chars.partition_point(|(i, _)| *i < stop);
            }
            None => {
                out.push_str(&escape(body));
                return out;
            }
        }
    } else if body.starts_with('#') && !body.starts_with("#. ") {
        out.push('\\');
    }
    while k < chars.len() {
        let (at, c) = chars[k];
        // ``literal``: kept as it is, a Markdown code span.
        if body[at..].starts_with("``") {
            if let Some(end) = body[at + 2..].find("``") {
                let stop = at + 2 + end + 2;
                out.push_str(&body[at..stop]);
                k = chars.partition_point(|(i, _)| *i < stop);
                continue;
            }
        }
        // `text <url>`_ , `name`_ , :role:`text`
        if c == '`' {
            if let Some(end) = body[at + 1..].find('`') {
                let inner = &body[at + 1..at + 1 + end];
                let after = &body[at + 1 + end + 1..];
                let underscores = after.chars().take_while(|c| *c == '_').count().min(2);
                let stop = at + 1 + end + 1 + underscores;
                let role = out.ends_with(':');
                if underscores > 0 {
                    out.push_str(&link(inner, targets));
                } else if role {
                    // `:doc:`x``, `:ref:`x``: the text, without the role.
                    if let Some(colon) = out[..out.len() - 1].rfind(':') {
                        out.truncate(colon);
                    }
                    out.push_str(&escape(
                        inner.rsplit_once('<').map_or(inner, |(t, _)| t.trim_end()),
                    ));
                } else {
                    out.push_str(&escape(inner));
                }
                k = chars.partition_point(|(i, _)| *i < stop);
                continue;
            }
            // A link text that runs over the line end: opened here, closed on a later line.
            out.push('[');
            out.push_str(&escape(&body[at + 1..]));
            *open = true;
            return out;
        }
        // word_ : a reference to a target named `word`.
        if c.is_alphanumeric() {
            let word_end = body[at..]
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '-' || ch == '.'))
                .map_or(body.len(), |e| at + e);
            let word = &body[at..word_end];
            if body[word_end..].starts_with('_')
                && !body[word_end + 1..].starts_with(|ch: char| ch.is_alphanumeric())
                && targets.contains_key(&word.to_lowercase())
            {
                out.push_str(&format!("[{}][]", escape(word)));
                let stop = word_end + 1;
                k = chars.partition_point(|(i, _)| *i < stop);
                continue;
            }
            out.push_str(&escape(word));
            k = chars.partition_point(|(i, _)| *i < word_end);
            continue;
        }
        out.push_str(&escape(&c.to_string()));
        k += 1;
    }
    out
}

/// `text <url>` (or a target's name) as a Markdown link.
fn link(inner: &str, targets: &BTreeMap<String, String>) -> String {
    match split_link(inner) {
        Some((text, url)) => format!("[{}]({})", escape(text.trim_end()), destination(url)),
        None => {
            let name = inner.trim();
            match targets.get(&name.to_lowercase()) {
                Some(_) => format!("[{}][]", escape(name)),
                None => escape(name),
            }
        }
    }
}

/// The end of a link whose text began on an earlier line: the part up to and including `>`_`.
fn link_tail(inner: &str, targets: &BTreeMap<String, String>) -> String {
    let inner = inner.trim();
    match split_link(inner) {
        Some((_, url)) if inner.starts_with('<') => format!("]({})", destination(url)),
        Some((text, url)) => format!("{}]({})", escape(text.trim_end()), destination(url)),
        None => {
            let name = inner;
            if targets.contains_key(&name.to_lowercase()) {
                format!("{}][]", escape(name))
            } else {
                format!("{}]", escape(name))
            }
        }
    }
}

/// Where on a continuation line an open link text closes: (end of the text, end of the
/// markup), for `` rest <url>`_ `` or `` rest`_ ``.
fn continued_link_end(body: &str) -> Option<(usize, usize)> {
    let tick = body.find('`')?;
    let after = &body[tick + 1..];
    let underscores = after.chars().take_while(|c| *c == '_').count().min(2);
    Some((tick, tick + 1 + underscores))
}

/// `text <url>` -> (text, url); `<url>` alone -> (url, url).
fn split_link(inner: &str) -> Option<(&str, &str)> {
    let inner = inner.trim_end();
    let open = inner.rfind('<')?;
    let url = inner[open + 1..].strip_suffix('>')?.trim();
    if url.is_empty() || url.ends_with('_') {
        return None;
    }
    let text = inner[..open].trim_end();
    Some((if text.is_empty() { url } else { text }, url))
}

/// A link destination Markdown reads whole: spaces and parentheses would end it early.
fn destination(url: &str) -> String {
    let url: String = url.split_whitespace().collect();
    if url.contains(['(', ')', ' ']) {
        format!("<{url}>")
    } else {
        url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_headings_by_the_order_their_adornment_first_appears() {
        let md = to_markdown("Course\n======\n\nWeek 1\n------\n\nMore\n====\n");
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(lines[0], "# Course");
        assert_eq!(lines[3], "## Week 1");
        assert_eq!(lines[6], "# More");
        assert_eq!(
            md.lines().count(),
            8,
            "one line out for one line in: {md:?}"
        );
    }

    #[test]
    fn an_overlined_title_is_its_own_style() {
        let md = to_markdown("=====\nTitle\n=====\n\nPart\n=====\n");
        assert!(md.contains("# Title"), "{md}");
        assert!(md.contains("## Part"), "{md}");
    }

    #[test]
    fn embedded_links_become_markdown_links() {
        let md = to_markdown("* `Paxos Made Simple <https://x.org/p.pdf>`_ - the core\n");
        assert_eq!(
            md.trim(),
            "* [Paxos Made Simple](https://x.org/p.pdf) - the core"
        );
        let anonymous = to_markdown("* `Raft <https://raft.github.io/>`__\n");
        assert_eq!(anonymous.trim(), "* [Raft](https://raft.github.io/)");
    }

    #[test]
    fn a_link_over_two_lines_stays_one_link_on_the_same_lines() {
        let md = to_markdown("* `Code with examples\n  <https://github.com/a/b>`_,\n  package\n");
        assert_eq!(
            md,
            "* [Code with examples\n  ](https://github.com/a/b),\n  package\n"
        );
    }

    #[test]
    fn named_references_use_their_targets() {
        let md = to_markdown(
            "* `Dynamo`_ and Chubby_ are classics.\n\n.. _Dynamo: https://d.org/dynamo.pdf\n.. _chubby: https://c.org/c.pdf\n",
        );
        assert!(
            md.contains("* [Dynamo][] and [Chubby][] are classics."),
            "{md}"
        );
        assert!(md.contains("[Dynamo]: https://d.org/dynamo.pdf"), "{md}");
        assert!(md.contains("[chubby]: https://c.org/c.pdf"), "{md}");
    }

    #[test]
    fn directives_comments_and_literal_blocks_are_blanked_admonitions_kept() {
        let md = to_markdown(
            ".. image:: https://x.org/badge.png\n   :alt: badge\n\n.. toctree::\n   week-1\n\nCode::\n\n    see https://x.org/code\n\n.. note::\n\n   Read `GFS <https://g.org/gfs.pdf>`_ first.\n",
        );
        assert!(!md.contains("badge"), "{md}");
        assert!(!md.contains("week-1"), "{md}");
        assert!(!md.contains("x.org/code"), "{md}");
        assert!(
            md.contains("Read [GFS](https://g.org/gfs.pdf) first."),
            "{md}"
        );
        assert_eq!(md.lines().count(), 13, "{md}");
    }

    #[test]
    fn text_markdown_would_read_as_markup_is_escaped() {
        let md = to_markdown("A list <of> [things] and ``code <b>``.\n#. first\n# not a heading\n");
        assert!(
            md.contains("A list \\<of\\> \\[things\\] and ``code <b>``."),
            "{md}"
        );
        assert!(md.contains("1. first"), "{md}");
        assert!(md.contains("\\# not a heading"), "{md}");
    }

    #[test]
    fn roles_keep_their_text() {
        let md = to_markdown("See :doc:`the syllabus <syllabus>` and :ref:`faq`.\n");
        assert_eq!(md.trim(), "See the syllabus and faq.");
    }

    #[test]
    fn a_bibliography_entry_without_a_link_is_warned_about_with_its_line_and_label() {
        let text = "* .. _AD97:\n\n  A. Author. 1997. \"`Linked Title <https://x.org/a.pdf>`_\". Venue.\n\n* .. _VO96:\n\n  Kiem-Phong Vo. 1996. \"Vmalloc: A General Allocator\". SPE 26(3) (1996).\n";
        let p = parse_based(text, Path::new("bib.rst"), None);
        assert_eq!(p.links.len(), 1, "{:?}", p.links);
        assert_eq!(p.links[0].title, "Linked Title");
        assert_eq!(p.links[0].published.as_deref(), Some("1997"));
        assert_eq!(p.links[0].authors, ["A. Author"]);
        assert_eq!(p.unaddressed.len(), 1, "{:?}", p.unaddressed);
        let (key, c) = &p.unaddressed[0];
        assert_eq!(key, "bib.rst:7");
        assert_eq!(c.title, "Vmalloc: A General Allocator");
        assert_eq!(c.published.as_deref(), Some("1996"));
        let w = &p.skipped[0];
        assert_eq!(w.origin.as_ref().map(|o| o.line), Some(7));
        assert!(w.message.contains("`VO96`"), "{}", w.message);
        assert!(w.message.contains("Vmalloc"), "{}", w.message);
    }

    #[test]
    fn a_paragraph_that_is_no_citation_is_left_to_the_list_reader() {
        let p = parse_based(
            "* L. Kleinrock. `Queueing Systems <https://x.org/q>`__. Wiley, 1976.\n",
            Path::new("l.rst"),
            None,
        );
        assert_eq!(p.links.len(), 1);
        assert_eq!(p.links[0].title, "Queueing Systems");
        assert!(p.unaddressed.is_empty());
    }

    proptest::proptest! {
        /// Any text, however broken its markup: no panic, and one line out for each line in,
        /// so that messages point at the line the user wrote.
        #[test]
        fn any_text_keeps_its_lines(
            text in proptest::string::string_regex(
                "([a-z ]{0,6}|`|<|>|_|__|:|::|\\.\\. |\\.\\. _|=====|-----|#\\. |\\* |https://x\\.org/|\n|  |\u{e9}|\u{4e2d})*"
            ).unwrap()
        ) {
            let md = to_markdown(&text);
            proptest::prop_assert_eq!(md.lines().count(), text.lines().count());
            let _ = parse_based(&text, Path::new("p.rst"), None);
        }
    }
}
