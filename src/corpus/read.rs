//! Turning one TOML file into model values, collecting every problem instead of stopping at the
//! first: unknown keys (with a did-you-mean), wrong types, bad enum words, missing keys.

use crate::diagnostics::{self, Diagnostic, LineIndex};
use crate::id::{IdError, LinkId, TopicId, WebUrl};
use crate::model::{
    Access, Course, FeedConfig, Kind, Level, Link, Origin, Ref, Stage, Topic, UrlStatus,
};
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::url::{check_url, slug_from_url};

pub(crate) const COURSE_KEYS: &[&str] = &["title", "description", "author", "stage", "feed"];
pub(crate) const FEED_KEYS: &[&str] = &["actor", "uri", "service"];
pub(crate) const STAGE_KEYS: &[&str] = &["id", "title", "guidance"];
pub(crate) const TOPIC_KEYS: &[&str] =
    &["title", "summary", "stage", "requires", "keywords", "link"];
pub(crate) const INBOX_KEYS: &[&str] = &["link"];
pub(crate) const LINK_KEYS: &[&str] = &[
    "id",
    "url",
    "alternates",
    "title",
    "kind",
    "level",
    "minutes",
    "authors",
    "published",
    "source",
    "note",
    "also",
    "requires",
    "access",
    "url_status",
    "deliverable",
    "optional",
];

/// One file being read: its name and text, for positions, and the problems found so far.
pub(crate) struct Reader<'a> {
    /// Shared by the origins made here.
    file: Arc<Path>,
    pub text: &'a str,
    /// Every link and requirement gets an origin: look them up, do not rescan the text.
    lines: LineIndex<'a>,
    pub diagnostics: Vec<Diagnostic>,
    /// Stage ids written but refused: their own error says why, so naming one elsewhere is not
    /// also an "unknown stage".
    pub refused_stages: Vec<String>,
}

type Table<'i> = DeTable<'i>;
type Value<'i> = Spanned<DeValue<'i>>;

impl<'a> Reader<'a> {
    pub fn new(file: &'a Path, text: &'a str) -> Self {
        Reader {
            file: Arc::from(file),
            text,
            lines: LineIndex::new(text),
            diagnostics: Vec::new(),
            refused_stages: Vec::new(),
        }
    }

    fn origin(&self, span: Range<usize>) -> Origin {
        self.lines.origin_in(&self.file, span.start)
    }

    fn error(&mut self, span: Range<usize>, message: String, help: Option<String>) {
        let d = Diagnostic::error(Some(self.origin(span)), message).maybe_help(help);
        self.diagnostics.push(d);
    }

    fn warning(&mut self, span: Range<usize>, message: String, help: String) {
        let d = Diagnostic::warning(Some(self.origin(span)), message).with_help(help);
        self.diagnostics.push(d);
    }

    fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Parse the file; on a syntax error, report it with its position and give up on the file.
    pub fn parse(&mut self) -> Option<Spanned<Table<'a>>> {
        match DeTable::parse(self.text) {
            Ok(table) => Some(table),
            Err(err) => {
                let span = err.span().unwrap_or(0..0);
                let message = err.message().trim().trim_end_matches('.').to_string();
                self.error(
                    span,
                    format!("invalid TOML: {message}"),
                    Some("fix the TOML syntax at this position (strings need quotes, arrays need brackets)".into()),
                );
                None
            }
        }
    }

    fn check_keys(&mut self, table: &Table<'_>, allowed: &[&str], what: &str) {
        for key in table.keys() {
            let name: &str = key.get_ref();
            if !allowed.contains(&name) {
                let help = diagnostics::suggest(name, allowed.iter().copied(), "key");
                self.error(
                    key.span(),
                    format!("unknown key `{name}` in {what}"),
                    Some(help),
                );
            }
        }
    }

    fn get<'t, 'i>(table: &'t Table<'i>, key: &str) -> Option<&'t Value<'i>> {
        table
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v)
    }

    fn missing(&mut self, span: Range<usize>, key: &str, what: &str, example: &str) {
        self.error(
            span,
            format!("{what} has no `{key}`"),
            Some(format!("add `{key} = {example}`")),
        );
    }

    fn wrong_type(&mut self, value: &Value<'_>, key: &str, expected: &str) {
        let found = value.get_ref().type_str();
        self.error(
            value.span(),
            format!("`{key}` must be {expected}, found {found}"),
            None,
        );
    }

    fn string(&mut self, table: &Table<'_>, key: &str) -> Option<String> {
        let value = Self::get(table, key)?;
        match value.get_ref() {
            DeValue::String(s) => {
                if PROSE_KEYS.contains(&key) {
                    if let Some(tag) = raw_html(s) {
                        self.warning(
                            value.span(),
                            format!("`{key}` holds raw HTML (`{tag}`); pages and Markdown show it as text"),
                            "write plain text or Markdown; HTML in the corpus never becomes live markup".into(),
                        );
                    }
                }
                Some(s.to_string())
            }
            _ => {
                self.wrong_type(value, key, "a string");
                None
            }
        }
    }

    fn required_string(
        &mut self,
        table: &Table<'_>,
        span: Range<usize>,
        key: &str,
        what: &str,
    ) -> Option<String> {
        if Self::get(table, key).is_none() {
            self.missing(span, key, what, "\"...\"");
            return None;
        }
        let s = self.string(table, key)?;
        if s.trim().is_empty() {
            let value = Self::get(table, key).expect("checked above");
            self.error(value.span(), format!("`{key}` is empty"), None);
        }
        Some(s)
    }

    fn boolean(&mut self, table: &Table<'_>, key: &str) -> Option<bool> {
        let value = Self::get(table, key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                let found = other.type_str();
                self.error(
                    value.span(),
                    format!("`{key}` must be true or false, found {found}"),
                    Some(format!(
                        "write `{key} = true` without quotes, or leave it out for false"
                    )),
                );
                None
            }
        }
    }

    fn string_list(&mut self, table: &Table<'_>, key: &str) -> Vec<Spanned<String>> {
        let Some(value) = Self::get(table, key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(value, key, "an array of strings");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Spanned::new(item.span(), s.to_string())),
                _ => self.wrong_type(item, key, "an array of strings"),
            }
        }
        out
    }

    fn refs(&mut self, table: &Table<'_>, key: &str) -> Vec<Ref> {
        self.string_list(table, key)
            .into_iter()
            .map(|s| Ref {
                origin: self.origin(s.span()),
                id: s.into_inner(),
            })
            .collect()
    }

    fn word<T: Copy>(
        &mut self,
        table: &Table<'_>,
        key: &str,
        words: &[&str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let value = Self::get(table, key)?;
        let DeValue::String(s) = value.get_ref() else {
            self.wrong_type(value, key, &format!("one of {}", words.join(", ")));
            return None;
        };
        match parse(s) {
            Some(v) => Some(v),
            None => {
                let help = match diagnostics::did_you_mean(s, words.iter().copied()) {
                    Some(c) => {
                        format!("did you mean `{c}`? `{key}` is one of {}", words.join(", "))
                    }
                    None => format!("`{key}` is one of {}", words.join(", ")),
                };
                self.error(
                    value.span(),
                    format!("`{s}` is not a valid `{key}`"),
                    Some(help),
                );
                None
            }
        }
    }

    fn tables<'t, 'i>(&mut self, table: &'t Table<'i>, key: &str) -> Vec<&'t Value<'i>> {
        let Some(value) = Self::get(table, key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter(|item| {
                    let ok = item.get_ref().is_table();
                    if !ok {
                        self.wrong_type(item, key, "a table (write it as `[[link]]`)");
                    }
                    ok
                })
                .collect(),
            _ => {
                self.wrong_type(value, key, &format!("an array of tables (`[[{key}]]`)"));
                Vec::new()
            }
        }
    }

    pub fn course(&mut self) -> Option<Course> {
        let root = self.parse()?;
        let span = 0..0;
        let table = root.get_ref();
        self.check_keys(table, COURSE_KEYS, "course.toml");
        let title = self.required_string(table, span.clone(), "title", "the course");
        let description = self.required_string(table, span, "description", "the course");
        let author = self.string(table, "author");
        let feed = self.feed(table);
        let mut stages = Vec::new();
        for value in self.tables(table, "stage") {
            let DeValue::Table(t) = value.get_ref() else {
                continue;
            };
            self.check_keys(t, STAGE_KEYS, "a [[stage]]");
            let span = value.span();
            let id = self.required_string(t, span.clone(), "id", "this [[stage]]");
            let title = self.required_string(t, span.clone(), "title", "this [[stage]]");
            let guidance = self.required_string(t, span.clone(), "guidance", "this [[stage]]");
            let (Some(id_value), Some(id)) = (Self::get(t, "id"), id) else {
                continue;
            };
            let Some(id) = self.id(id_value.span(), &id, "stage id") else {
                self.refused_stages.push(id);
                continue;
            };
            stages.push(Stage {
                id,
                title: title.unwrap_or_default(),
                guidance: guidance.unwrap_or_default(),
                origin: self.origin(span),
            });
        }
        Some(Course {
            title: title.unwrap_or_default(),
            description: description.unwrap_or_default(),
            author,
            stages,
            feed,
            topics: Vec::new(),
            inbox: Vec::new(),
            ..Course::default()
        })
    }

    /// `[feed]`: what `syllabus sync` reads.
    fn feed(&mut self, table: &Table<'_>) -> Option<FeedConfig> {
        let value = Self::get(table, "feed")?;
        let DeValue::Table(t) = value.get_ref() else {
            self.wrong_type(
                value,
                "feed",
                "a table (`[feed]` with `actor = \"HANDLE\"`)",
            );
            return None;
        };
        self.check_keys(t, FEED_KEYS, "[feed]");
        Some(FeedConfig {
            actor: self.string(t, "actor"),
            uri: self.string(t, "uri"),
            service: self.string(t, "service"),
        })
    }

    /// The typed id, or an error at `span` saying what is wrong with `text`.
    fn id<T: std::str::FromStr<Err = IdError>>(
        &mut self,
        span: Range<usize>,
        text: &str,
        what: &str,
    ) -> Option<T> {
        match text.parse() {
            Ok(id) => Some(id),
            Err(why) => {
                let help = format!(
                    "use lowercase letters, digits and single dashes, like `{}`",
                    suggest_id(text)
                );
                self.error(span, format!("{what} `{text}` {why}"), Some(help));
                None
            }
        }
    }

    /// A topic's id is its file name, so the fix is a rename.
    pub fn file_id(&mut self, stem: &str) -> Option<TopicId> {
        match TopicId::new(stem) {
            Ok(id) => Some(id),
            Err(why) => {
                let help = format!(
                    "rename the file to {}.toml: topic ids are lowercase letters, digits and `-`",
                    suggest_id(stem)
                );
                self.error(
                    0..0,
                    format!("topic id (the file name) `{stem}` {why}"),
                    Some(help),
                );
                None
            }
        }
    }

    /// The topic in this file; `None` (after reporting everything else wrong in the file) when
    /// the file name is no id.
    pub fn topic(&mut self, id: Option<TopicId>) -> Option<Topic> {
        let root = self.parse()?;
        let table = root.get_ref();
        let whole = 0..0;
        self.check_keys(table, TOPIC_KEYS, "a topic file");
        let title = self.required_string(table, whole.clone(), "title", "the topic");
        let summary = self.required_string(table, whole.clone(), "summary", "the topic");
        let stage = self.string(table, "stage");
        let stage_origin = self.origin(Self::get(table, "stage").map_or(0..0, |v| v.span()));
        let requires = self.refs(table, "requires");
        let keywords = self
            .string_list(table, "keywords")
            .into_iter()
            .map(Spanned::into_inner)
            .collect();
        let links = self.links(table, id.as_ref());
        Some(Topic {
            id: id?,
            title: title.unwrap_or_default(),
            summary: summary.unwrap_or_default(),
            stage,
            stage_origin,
            requires,
            keywords,
            links: links.into(),
            origin: self.origin(whole),
        })
    }

    pub fn inbox(&mut self) -> Vec<Link> {
        let Some(root) = self.parse() else {
            return Vec::new();
        };
        self.check_keys(root.get_ref(), INBOX_KEYS, "inbox.toml");
        let inbox = TopicId::new("inbox").expect("`inbox` is an id");
        self.links(root.get_ref(), Some(&inbox))
    }

    fn links(&mut self, table: &Table<'_>, topic: Option<&TopicId>) -> Vec<Link> {
        let tables = self.tables(table, "link");
        // Sized once: a link is some 400 bytes, and a course holds 100,000 of them.
        let mut out = Vec::with_capacity(tables.len());
        for value in tables {
            let DeValue::Table(t) = value.get_ref() else {
                continue;
            };
            if let Some(link) = self.link(t, value.span(), topic) {
                out.push(link);
            }
        }
        out
    }

    fn link(&mut self, t: &Table<'_>, span: Range<usize>, topic: Option<&TopicId>) -> Option<Link> {
        let what = "this [[link]]";
        self.check_keys(t, LINK_KEYS, "a [[link]]");
        let before = self.errors();
        let url_raw = self.required_string(t, span.clone(), "url", what);
        let title = self.required_string(t, span.clone(), "title", what);
        let kind = self.word(t, "kind", Kind::WORDS, Kind::parse);
        if Self::get(t, "kind").is_none() {
            self.missing(span.clone(), "kind", what, "\"article\"");
        }
        let level = self.word(t, "level", Level::WORDS, Level::parse);
        if Self::get(t, "level").is_none() {
            self.missing(span.clone(), "level", what, "\"intro\"");
        }
        let minutes = self.minutes(t, span.clone());
        let access = self.word(t, "access", Access::WORDS, Access::parse);
        let url_status = self.url_status(t);
        let (url, id) = self.url_and_id(t, span.clone(), url_raw.as_deref());
        let published = Self::get(t, "published").and_then(|v| match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            DeValue::Datetime(d) => Some(d.to_string()),
            _ => {
                self.wrong_type(v, "published", "a date such as 2025-05-01 or \"2025\"");
                None
            }
        });
        let alternates = self.alternates(t);
        let authors = self
            .string_list(t, "authors")
            .into_iter()
            .map(Spanned::into_inner)
            .collect();
        let source = self.string(t, "source");
        let note = self.string(t, "note").filter(|n| !n.trim().is_empty());
        let also = self.refs(t, "also");
        let requires = self.refs(t, "requires");
        let deliverable = self.deliverable(t, span.clone(), kind, id.as_deref());
        let optional = self.boolean(t, "optional").unwrap_or(false);
        if self.errors() > before {
            // The errors above already explain this link; a half-read link would only cause
            // confusing follow-up errors later.
            return None;
        }
        Some(Link {
            id: id?,
            topic: topic?.clone(),
            url: url?,
            alternates,
            title: title?,
            kind: kind?,
            level: level?,
            minutes: minutes?,
            authors,
            published,
            source,
            note,
            also,
            requires,
            access: access.unwrap_or_default(),
            url_status: url_status.unwrap_or_default(),
            deliverable,
            optional,
            origin: self.origin(span),
            url_origin: self.origin(Self::get(t, "url").map_or(0..0, |v| v.span())),
        })
    }

    /// `url_status`, which may not be written `dead`.
    fn url_status(&mut self, t: &Table<'_>) -> Option<UrlStatus> {
        let url_status = self.word(t, "url_status", UrlStatus::WORDS, UrlStatus::parse);
        if url_status == Some(UrlStatus::Dead) {
            let value = Self::get(t, "url_status").expect("parsed above");
            self.error(
                value.span(),
                "`url_status = \"dead\"` is not written by hand".into(),
                Some("remove it: `syllabus check --links` finds dead links and the plan shows them until a later check finds them alive".into()),
            );
        }
        url_status
    }

    /// The link's URL (`url_raw`, checked) and its id: as written, or made from the URL.
    fn url_and_id(
        &mut self,
        t: &Table<'_>,
        span: Range<usize>,
        url_raw: Option<&str>,
    ) -> (Option<WebUrl>, Option<LinkId>) {
        let url = match (url_raw, Self::get(t, "url")) {
            (Some(raw), Some(value)) => match check_url(raw) {
                Ok(url) => Some(url),
                Err(why) => {
                    self.error(
                        value.span(),
                        format!("URL `{raw}` {why}"),
                        Some("links must be http:// or https:// (or doi:10.… / arXiv:… which become https)".into()),
                    );
                    None
                }
            },
            _ => None,
        };
        let id: Option<LinkId> = match (self.string(t, "id"), Self::get(t, "id")) {
            (Some(id), Some(value)) => self.id(value.span(), &id, "link id"),
            _ => url.as_deref().and_then(|url| {
                let id = LinkId::new(slug_from_url(url)).ok();
                if id.is_none() {
                    self.error(
                        span.clone(),
                        format!("no link id can be made from the URL {url}"),
                        Some(
                            "add `id = \"...\"`: lowercase letters, digits and single dashes"
                                .into(),
                        ),
                    );
                }
                id
            }),
        };
        (url, id)
    }

    /// A practice item must say what it produces; a reading's `deliverable` is dropped with a
    /// warning, since nothing shows a task under a reading.
    fn deliverable(
        &mut self,
        t: &Table<'_>,
        span: Range<usize>,
        kind: Option<Kind>,
        id: Option<&str>,
    ) -> Option<String> {
        let text = self.string(t, "deliverable");
        let kind = kind?;
        // Made only for a message (most links have none).
        let name = || id.map(|id| format!(" `{id}`")).unwrap_or_default();
        let value_span = Self::get(t, "deliverable").map(|v| v.span());
        match (kind.is_practice(), text, value_span) {
            (true, Some(text), Some(value)) if text.trim().is_empty() => {
                self.error(
                    value,
                    format!("the deliverable of {kind}{} is empty", name()),
                    Some(DELIVERABLE_HELP.into()),
                );
                None
            }
            (true, Some(text), _) => Some(text),
            (true, None, None) => {
                self.error(
                    span,
                    format!("{kind}{} has no `deliverable`", name()),
                    Some(DELIVERABLE_HELP.into()),
                );
                None
            }
            // A value of the wrong type was reported by `string`.
            (true, None, Some(_)) => None,
            (false, Some(_), Some(value)) => {
                self.warning(
                    value,
                    format!("`deliverable` on {kind}{} is ignored: only exercises and projects have one", name()),
                    "set `kind = \"exercise\"` or `kind = \"project\"` if it is a task, or move the text into `note`".into(),
                );
                None
            }
            (false, _, _) => None,
        }
    }

    /// `alternates`: more addresses of the reading, each held to the rule of `url`.
    fn alternates(&mut self, t: &Table<'_>) -> Vec<String> {
        let mut out = Vec::new();
        for raw in self.string_list(t, "alternates") {
            match check_url(raw.get_ref()) {
                Ok(url) => out.push(url.to_string()),
                Err(why) => self.error(
                    raw.span(),
                    format!("alternate URL `{}` {why}", raw.get_ref()),
                    Some("alternates must be http:// or https:// URLs; remove this one".into()),
                ),
            }
        }
        out
    }

    fn minutes(&mut self, t: &Table<'_>, span: Range<usize>) -> Option<u32> {
        let Some(value) = Self::get(t, "minutes") else {
            self.missing(span, "minutes", "this [[link]]", "30");
            return None;
        };
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => {
                let digits = i.as_str();
                if digits.contains('_') {
                    i64::from_str_radix(&digits.replace('_', ""), i.radix()).ok()
                } else {
                    i64::from_str_radix(digits, i.radix()).ok()
                }
            }
            _ => None,
        };
        match parsed {
            Some(m) if (1..=100_000).contains(&m) => Some(m as u32),
            Some(m) => {
                self.error(
                    value.span(),
                    format!("`minutes` must be a positive number of minutes, found {m}"),
                    Some("give the honest reading or watching time, e.g. `minutes = 45`".into()),
                );
                None
            }
            None => {
                match value.get_ref() {
                    // An integer TOML allows but i64 does not hold (2^63 and up).
                    DeValue::Integer(i) => self.error(
                        value.span(),
                        format!(
                            "`minutes` must be a positive number of minutes, found {}",
                            i.as_str()
                        ),
                        Some(
                            "give the honest reading or watching time, e.g. `minutes = 45`".into(),
                        ),
                    ),
                    _ => self.wrong_type(value, "minutes", "a whole number of minutes"),
                }
                None
            }
        }
    }
}

const DELIVERABLE_HELP: &str = "add `deliverable = \"\"\"...\"\"\"` (Markdown): what the learner produces and how they know they are done";

/// Keys whose text is shown to readers, where HTML is a mistake or an attack.
const PROSE_KEYS: &[&str] = &["title", "summary", "guidance", "description", "note"];

/// The first HTML tag or comment in `s` (`<img src=x>`, `</b>`, `<!--`), cut to 60 characters.
fn raw_html(s: &str) -> Option<String> {
    // Most prose has no `<` at all, which one fast search tells.
    if !s.contains('<') {
        return None;
    }
    let bytes = s.as_bytes();
    let start = (0..bytes.len()).find(|&i| {
        bytes[i] == b'<'
            && bytes
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'!')
            && s[i..].contains('>')
    })?;
    let end = s[start..].find('>').map_or(s.len(), |e| start + e + 1);
    let tag: String = s[start..end].chars().take(60).collect();
    Some(crate::output::printable(&tag).into_owned())
}

pub fn suggest_id(id: &str) -> String {
    let slug = super::url::slug(id);
    if slug.is_empty() {
        "my-topic".into()
    } else {
        slug
    }
}
