//! Corpus text as HTML: Markdown prose rendered and sanitized, everything else escaped.
//!
//! Prose fields (description, guidance, summaries, notes) are Markdown and may hold raw HTML;
//! they go through pulldown-cmark and then ammonia, which keeps only harmless tags and http(s)
//! or mailto links. Every other corpus string reaches the page through minijinja's HTML
//! auto-escaping (the site templates end in `.html.j2`) or through [`escape`].

use std::collections::HashSet;
use std::sync::OnceLock;

/// Markdown prose as sanitized HTML. Links get `rel="noopener noreferrer"`.
pub fn markdown(text: &str) -> String {
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    options.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    let parser = pulldown_cmark::Parser::new_ext(text, options);
    let mut raw = String::with_capacity(text.len() * 2);
    pulldown_cmark::html::push_html(&mut raw, Shallow::new(parser));
    sanitizer().clean(&raw).to_string()
}

/// The deepest nesting of elements prose keeps: lists in lists, quotes in quotes, emphasis in
/// emphasis. The HTML sanitizer's parser looks through every open element for each new one, so
/// a note of 64 KB of nested list markers (`- - - - ...`) took seconds to minutes to clean;
/// no prose worth reading nests this deep.
pub(crate) const MAX_DEPTH: usize = 16;

/// Markdown events with every element deeper than [`MAX_DEPTH`] unwrapped: its start and end
/// are dropped and its content joins the element around it. Linear in the events.
struct Shallow<'a, I> {
    events: I,
    /// For each open element: whether its start was passed on (its end must be too).
    open: Vec<bool>,
    kept: usize,
    _text: std::marker::PhantomData<&'a ()>,
}

impl<'a, I: Iterator<Item = pulldown_cmark::Event<'a>>> Shallow<'a, I> {
    fn new(events: I) -> Self {
        Shallow {
            events,
            open: Vec::new(),
            kept: 0,
            _text: std::marker::PhantomData,
        }
    }
}

impl<'a, I: Iterator<Item = pulldown_cmark::Event<'a>>> Iterator for Shallow<'a, I> {
    type Item = pulldown_cmark::Event<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        use pulldown_cmark::Event;
        loop {
            let event = self.events.next()?;
            match &event {
                Event::Start(_) => {
                    let keep = self.kept < MAX_DEPTH;
                    self.open.push(keep);
                    if keep {
                        self.kept += 1;
                        return Some(event);
                    }
                }
                Event::End(_) => {
                    if self.open.pop().unwrap_or(true) {
                        self.kept = self.kept.saturating_sub(1);
                        return Some(event);
                    }
                }
                _ => return Some(event),
            }
        }
    }
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        // Images in prose would load from third parties, which the site promises not to do.
        b.rm_tags(["img"]);
        // Keep in step with `is_web_or_mail`, which the Markdown output uses.
        b.url_schemes(HashSet::from(["http", "https", "mailto"]));
        b.link_rel(Some("noopener noreferrer"));
        b
    })
}

/// Markdown prose as plain text of at most `max` characters, cut at a word with an ellipsis:
/// for `<meta name="description">`, which search engines and link previews show.
pub fn plain_text(markdown: &str, max: usize) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for word in words {
        if out.chars().count() + word.chars().count() + 1 > max {
            out.push('…');
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Text escaped for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A link target fit for `href`: http(s) only. A validated corpus holds nothing else, but the
/// renderer does not rely on that: anything else becomes `#`, which cannot run script.
pub fn safe_url(url: &str) -> &str {
    let lower = url.trim_start().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        url
    } else {
        "#"
    }
}

/// The URL schemes prose links may use (the sanitizer's list).
pub fn is_web_or_mail(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

/// The file name of a topic's page. Ids are validated to `[a-z0-9-]`, so this is a bare name.
pub fn topic_page(id: &str) -> String {
    format!("topic-{id}.html")
}

/// The file name of a stage's page.
pub fn stage_page(id: &str) -> String {
    format!("stage-{id}.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_in_prose_is_not_live() {
        let html = markdown("Hi <script>alert(1)</script> <img src=x onerror=alert(1)> **b**");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(html.contains("<strong>b</strong>"), "{html}");
    }

    #[test]
    fn deep_nesting_is_unwrapped_below_the_limit_and_the_text_kept() {
        let deep = format!("{}word", "- ".repeat(200));
        let html = markdown(&deep);
        assert_eq!(html.matches("<ul>").count(), MAX_DEPTH / 2, "{html}");
        assert_eq!(html.matches("<ul>").count(), html.matches("</ul>").count());
        assert!(html.contains("word"), "{html}");
        let quotes = format!("{}q", "> ".repeat(100));
        let html = markdown(&quotes);
        assert_eq!(html.matches("<blockquote>").count(), MAX_DEPTH, "{html}");
        assert!(html.contains('q'));
        // Ordinary nesting is untouched.
        let html = markdown("- a\n  - b\n    > **c**");
        assert_eq!(html.matches("<ul>").count(), 2, "{html}");
        assert!(html.contains("<strong>c</strong>"), "{html}");
    }

    #[test]
    fn prose_links_are_safe() {
        let html = markdown("[a](https://example.org) [b](javascript:alert(1))");
        assert!(html.contains(r#"rel="noopener noreferrer""#), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn descriptions_are_plain_and_short() {
        assert_eq!(
            plain_text("A *b* [c](https://x)\n\nD <i>e</i>", 100),
            "A b c D e"
        );
        assert_eq!(plain_text("one two three", 9), "one two…");
    }

    #[test]
    fn only_web_urls_are_links() {
        assert_eq!(safe_url("https://a.b/c"), "https://a.b/c");
        assert_eq!(safe_url("javascript:alert(1)"), "#");
        assert_eq!(escape("<a href='x'>&"), "&lt;a href=&#39;x&#39;&gt;&amp;");
    }
}
