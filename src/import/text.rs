//! Small text helpers shared by the format parsers.

use std::borrow::Cow;

use super::Row;
use crate::diagnostics::LineIndex;

/// Collapses runs of whitespace (newlines included) to one space and trims.
pub(crate) fn squash(s: &str) -> String {
    // Every title and note of an import passes here: one string, no list of words.
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// `Some(squashed)` unless empty.
pub(crate) fn non_empty(s: &str) -> Option<String> {
    let s = squash(s);
    (!s.is_empty()).then_some(s)
}

/// Emoji and pictographs: decoration in list items, never part of a title.
fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x2190..=0x2BFF | 0x1F000..=0x1FAFF | 0xFE00..=0xFE0F | 0x200D | 0x20E3)
}

/// Drops `:shortcode:` emoji (`:scroll:`, `:+1:`): a colon, letters, digits, `_+-`, a colon.
fn drop_shortcodes(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ':' && (i == 0 || !chars[i - 1].is_alphanumeric()) {
            let body = chars[i + 1..]
                .iter()
                .take_while(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '+' | '-')
                })
                .count();
            let end = i + 1 + body;
            if body > 0
                && chars.get(end) == Some(&':')
                && chars[i + 1..end].iter().any(|c| c.is_ascii_lowercase())
            {
                i = end + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Drops Liquid/Jinja tags (`{% comment %}`, `{{ page.title }}`): site templates, not text.
fn drop_template_tags(s: &str) -> String {
    let mut out = s.to_string();
    for (open, close) in [("{%", "%}"), ("{{", "}}")] {
        while let Some(i) = out.find(open) {
            let Some(j) = out[i..].find(close) else { break };
            out.replace_range(i..i + j + close.len(), " ");
        }
    }
    out
}

/// Drops `[]`, `[,]`, `( )`: what is left of a bracket once the links in it are gone.
fn drop_empty_brackets(s: &str) -> String {
    let mut s = s.to_string();
    loop {
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut cut = None;
        for (k, &(i, c)) in chars.iter().enumerate() {
            let close = match c {
                '[' => ']',
                '(' => ')',
                _ => continue,
            };
            // What the bracket holds, up to its close or the next opening.
            let mut j = k + 1;
            let mut empty = true;
            while let Some(&(_, x)) = chars.get(j) {
                if x == close || x == '[' || x == '(' {
                    break;
                }
                empty &= !x.is_alphanumeric();
                j += 1;
            }
            if chars.get(j).is_some_and(|(_, x)| *x == close) && empty {
                cut = Some((i, chars[j].0 + close.len_utf8()));
                break;
            }
        }
        match cut {
            Some((a, b)) => s.replace_range(a..b, " "),
            None => return s,
        }
    }
}

/// Text fit for a title or a note: no emoji or `:shortcodes:`, no empty brackets, single
/// spaces, no separators (`-`, `:`, `|`, `,`) at either end.
pub(crate) fn clean_text(s: &str) -> String {
    // Asked several times of every item of a list: each step is skipped when the text has
    // nothing it would drop (most titles have no tag, shortcode, emoji or bracket).
    let s = if s.contains("{%") || s.contains("{{") {
        Cow::Owned(drop_template_tags(s))
    } else {
        Cow::Borrowed(s)
    };
    let s = if s.contains(':') {
        Cow::Owned(drop_shortcodes(&s))
    } else {
        s
    };
    let s = if s.chars().any(is_pictograph) {
        Cow::Owned(s.chars().filter(|c| !is_pictograph(*c)).collect())
    } else {
        s
    };
    let s = if s.contains(['[', '(']) {
        Cow::Owned(drop_empty_brackets(&s))
    } else {
        s
    };
    let s = squash(&s);
    let seps: &[char] = &['-', '–', '—', ':', '|', ',', '·', ' ', ';', '*'];
    s.trim_matches(seps).to_string()
}

/// The text of an HTML fragment: tags dropped, entities decoded, whitespace squashed.
/// Feeds put HTML in titles and summaries, often entity-escaped twice.
pub(crate) fn html_to_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return squash(html);
    }
    let mut out = String::new();
    for token in html5gum::Tokenizer::new(html).flatten() {
        match token {
            html5gum::Token::String(s) => out.push_str(&String::from_utf8_lossy(&s.value)),
            html5gum::Token::StartTag(t) if is_block(&t.name) => out.push(' '),
            html5gum::Token::EndTag(t) if is_block(&t.name) => out.push(' '),
            _ => {}
        }
    }
    squash(&out)
}

/// Plain text for the corpus, applied to every candidate's text once it is parsed (see
/// [`finalize`]): when the text holds HTML markup (a tag, a comment), the markup is dropped and
/// entities are decoded once ([`html_to_text`]); text without markup is kept as it is, so an
/// entity a format already decoded is not decoded again. Control characters (ESC, BEL, C1) and
/// bidirectional overrides are dropped: they could move the cursor or write the clipboard of a
/// terminal that prints the text, or make it read other than it is.
pub(crate) fn plain(s: &str) -> String {
    let text = if has_markup(s) {
        html_to_text(s)
    } else {
        s.to_string()
    };
    text.chars()
        .filter(|&c| {
            let control = c.is_control() && c != '\n' && c != '\t';
            let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            !control && !bidi
        })
        .collect()
}

fn has_markup(s: &str) -> bool {
    s.contains('<')
        && html5gum::Tokenizer::new(s).flatten().any(|t| {
            matches!(
                t,
                html5gum::Token::StartTag(_)
                    | html5gum::Token::EndTag(_)
                    | html5gum::Token::Comment(_)
                    | html5gum::Token::Doctype(_)
            )
        })
}

/// A candidate's text made `plain`: title, note, authors and hints. An empty note is none;
/// a note is at most `SUMMARY_CHARS` long, whatever the format (a note points to the text,
/// and a corpus of 100 KB notes is slow to render).
pub fn finalize(c: &mut super::Candidate) {
    c.title = closed(squash(&plain(&c.title)));
    c.note = c
        .note
        .as_deref()
        .map(plain)
        .filter(|n| !n.trim().is_empty())
        .map(|n| cut_words(&n, SUMMARY_CHARS));
    for a in c.authors.iter_mut().chain(c.hints.iter_mut()) {
        *a = squash(&plain(a));
    }
}

/// A title whose last parenthesis is never closed ("Testing concurrency on the JVM (Part 1",
/// a link text cut at its end), closed: the words in it are the title's; a bare `(` at the
/// end is dropped.
fn closed(title: String) -> String {
    let depth = title.chars().fold(0i32, |d, c| match c {
        '(' => d + 1,
        ')' if d > 0 => d - 1,
        _ => d,
    });
    if depth == 0 {
        return title;
    }
    let trimmed = title.trim_end_matches(['(', ' ']);
    if trimmed.len() < title.len() {
        return closed(trimmed.to_string());
    }
    format!("{title}{}", ")".repeat(depth as usize))
}

/// The most a summary keeps of a post: a note is a pointer to the text, not the text.
pub(crate) const SUMMARY_CHARS: usize = 300;

/// A short summary of an HTML (or plain text) post: its first paragraph with text, tags
/// dropped, cut at a word boundary to at most [`SUMMARY_CHARS`] characters (with `…`).
pub(crate) fn summary(html: &str) -> String {
    let mut first = String::new();
    if html.contains('<') {
        for token in html5gum::Tokenizer::new(html).flatten() {
            match token {
                html5gum::Token::String(s) => first.push_str(&String::from_utf8_lossy(&s.value)),
                html5gum::Token::EndTag(t) if is_block(&t.name) && !squash(&first).is_empty() => {
                    break
                }
                html5gum::Token::StartTag(t) if is_block(&t.name) => {
                    if !squash(&first).is_empty() {
                        break;
                    }
                    first.push(' ');
                }
                _ => {}
            }
        }
    } else {
        // Plain text: the first paragraph ends at a blank line.
        first = html
            .split("\n\n")
            .find(|p| !p.trim().is_empty())
            .unwrap_or("")
            .to_string();
    }
    let text = html_to_text(&first);
    cut_words(&text, SUMMARY_CHARS)
}

/// `s` cut at the last space before `max` characters, with `…`.
fn cut_words(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max - 1).collect();
    let cut = head
        .rfind(' ')
        .filter(|&i| i > max / 2)
        .unwrap_or(head.len());
    format!("{}…", head[..cut].trim_end_matches([',', ';', ':', ' ']))
}

fn is_block(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"br"
            | b"div"
            | b"li"
            | b"ul"
            | b"ol"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"tr"
            | b"td"
    )
}

/// Finds, from a moving position, the line where a string first occurs: for parsers whose
/// library does not report positions (JSON values, feed entries).
pub(crate) struct Locator<'a> {
    text: &'a str,
    lines: LineIndex<'a>,
    pos: usize,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            lines: LineIndex::new(text),
            pos: 0,
        }
    }

    /// The line of the first of `needles` found after the last hit (or anywhere, else line 1).
    pub fn line(&mut self, needles: &[&str]) -> usize {
        for needle in needles.iter().filter(|n| !n.is_empty()) {
            if let Some(i) = self.text[self.pos..].find(needle) {
                self.pos += i;
                return self.lines.line(self.pos);
            }
        }
        for needle in needles.iter().filter(|n| !n.is_empty()) {
            if let Some(i) = self.text.find(needle) {
                return self.lines.line(i);
            }
        }
        1
    }
}

fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

/// The `--dry-run` table: one row per link, in input order.
pub(crate) fn table(rows: &[Row]) -> String {
    let mut out = String::new();
    let header = ["title", "url", "topic", "score", "status"];
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            let topic = match (&r.topic, r.duplicate_of()) {
                (_, Some(_)) => "-".to_string(),
                (Some(t), None) if r.also.is_empty() => t.to_string(),
                (Some(t), None) => format!("{t} (also {})", r.also.join(", ")),
                (None, None) => "inbox".to_string(),
            };
            let status = match r.duplicate_of() {
                None => "new".to_string(),
                Some(of) if r.record().is_empty() => format!("duplicate of {of}"),
                Some(of) => format!("duplicate of {of} (new address)"),
            };
            [
                cut(&r.candidate.title, 40),
                cut(&r.candidate.url, 60),
                topic,
                r.candidates
                    .first()
                    .map_or_else(|| "0".to_string(), |(_, s)| format!("{s:.1}")),
                status,
            ]
        })
        .collect();
    let mut widths = header.map(|h| h.chars().count());
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut line = |cols: &[String]| {
        let parts: Vec<String> = cols
            .iter()
            .zip(widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        out.push_str(parts.join("  ").trim_end());
        out.push('\n');
    };
    line(&header.map(String::from));
    for row in &cells {
        line(row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_entities_and_tags_become_text() {
        assert_eq!(
            html_to_text("<p>Raft &amp; Paxos&#8217;s <b>log</b></p>"),
            "Raft & Paxos’s log"
        );
        assert_eq!(html_to_text("plain  text\n here"), "plain text here");
    }

    #[test]
    fn an_unclosed_parenthesis_in_a_title_is_closed() {
        assert_eq!(
            closed("Testing concurrency on the JVM (Part 1".into()),
            "Testing concurrency on the JVM (Part 1)"
        );
        assert_eq!(closed("Paxos (".into()), "Paxos");
        assert_eq!(closed("Raft (2014) :)".into()), "Raft (2014) :)");
    }

    #[test]
    fn clean_text_keeps_words_and_drops_decoration() {
        assert_eq!(clean_text("⭐️ Paxos, 1998 [,] :scroll: "), "Paxos, 1998");
        assert_eq!(clean_text(" - a workbench. "), "a workbench.");
        assert_eq!(
            clean_text("at 10:30:00 the [draft]"),
            "at 10:30:00 the [draft]"
        );
        assert_eq!(
            clean_text("💎 Hidden gem — really ( )"),
            "Hidden gem — really"
        );
        assert_eq!(clean_text("{% comment %} Private notes"), "Private notes");
    }

    #[test]
    fn summary_is_the_first_paragraph_and_short() {
        assert_eq!(
            summary("<h2></h2><p>First <b>para</b>.</p><p>Second.</p>"),
            "First para."
        );
        let long = format!("<p>{}</p>", "word ".repeat(200));
        let s = summary(&long);
        assert!(
            s.chars().count() <= SUMMARY_CHARS && s.ends_with("word…"),
            "{s}"
        );
        assert_eq!(summary("plain\n\nsecond"), "plain");
    }

    #[test]
    fn locator_moves_forward() {
        let text = "a\nb\na\nc";
        let mut loc = Locator::new(text);
        assert_eq!(loc.line(&["a"]), 1);
        assert_eq!(loc.line(&["c"]), 4);
        assert_eq!(loc.line(&["b"]), 2);
    }
}
