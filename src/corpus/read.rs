//! Turning one TOML file into model values, collecting every problem instead of stopping at the
//! first: unknown keys (with a did-you-mean), wrong types, bad enum words, missing keys.

use crate::diagnostics::{self, Diagnostic, LineIndex, Mark};
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
pub(crate) use crate::model::LINK_KEYS;

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
    /// The same for links: ids of links refused for their errors.
    pub refused_links: Vec<String>,
}

type Table<'i> = DeTable<'i>;
type Value<'i> = Spanned<DeValue<'i>>;

/// The most keys a table's schema declares.
const MAX_KEYS: usize = 24;

/// A table's values by the keys of its schema (see [`Reader::fields`]).
struct Fields<'t, 'i> {
    keys: &'static [&'static str],
    values: [Option<&'t Value<'i>>; MAX_KEYS],
}

impl<'t, 'i> Fields<'t, 'i> {
    /// The value of `key`, which the schema must declare.
    fn get(&self, key: &str) -> Option<&'t Value<'i>> {
        let i = self.keys.iter().position(|k| *k == key);
        self.values[i.unwrap_or_else(|| panic!("`{key}` is not a key of {:?}", self.keys))]
    }
}

impl<'a> Reader<'a> {
    pub fn new(file: &'a Path, text: &'a str) -> Self {
        Reader {
            file: Arc::from(file),
            text,
            lines: LineIndex::new(text),
            diagnostics: Vec::new(),
            refused_stages: Vec::new(),
            refused_links: Vec::new(),
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

    /// The values of `table` by the keys `keys` declares, found in one pass that reports every
    /// other key as unknown, with the nearest known one.
    fn fields<'t, 'i>(
        &mut self,
        table: &'t Table<'i>,
        keys: &'static [&'static str],
        what: &str,
    ) -> Fields<'t, 'i> {
        let mut fields = Fields {
            keys,
            values: [None; MAX_KEYS],
        };
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            match keys.iter().position(|k| *k == name) {
                Some(i) => fields.values[i] = Some(value),
                None => {
                    let help = diagnostics::suggest(name, keys.iter().copied(), "key");
                    self.error(
                        key.span(),
                        format!("unknown key `{name}` in {what}"),
                        Some(help),
                    );
                }
            }
        }
        fields
    }

    fn missing(&mut self, span: Range<usize>, key: &str, what: &str, example: &str) {
        self.missing_with(span, key, what, format!("add `{key} = {example}`"));
    }

    /// `what` has no `key`: at `span`, a table's header, or the file's first line when the
    /// file is the table.
    fn missing_with(&mut self, span: Range<usize>, key: &str, what: &str, help: String) {
        let mark = if span == self.start() {
            Mark::Line
        } else {
            Mark::Token
        };
        let d = Diagnostic::error(Some(self.origin(span)), format!("{what} has no `{key}`"))
            .with_help(help)
            .marking(mark);
        self.diagnostics.push(d);
    }

    /// `key` holds a value of the wrong type; `example` shows the right one.
    fn wrong_type(&mut self, value: &Value<'_>, key: &str, expected: &str, example: &str) {
        let found = value.get_ref().type_str();
        self.error(
            value.span(),
            format!("`{key}` must be {expected}, found {found}"),
            Some(format!("write it as `{key} = {example}`")),
        );
    }

    fn string(&mut self, f: &Fields<'_, '_>, key: &str) -> Option<String> {
        let value = f.get(key)?;
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
                self.wrong_type(value, key, "a string", "\"...\"");
                None
            }
        }
    }

    fn required_string(
        &mut self,
        f: &Fields<'_, '_>,
        span: Range<usize>,
        key: &str,
        what: &str,
    ) -> Option<String> {
        if f.get(key).is_none() {
            self.missing(span, key, what, "\"...\"");
            return None;
        }
        let s = self.string(f, key)?;
        if s.trim().is_empty() {
            let value = f.get(key).expect("checked above");
            self.error(value.span(), format!("`{key}` is empty"), None);
        }
        Some(s)
    }

    fn boolean(&mut self, f: &Fields<'_, '_>, key: &str) -> Option<bool> {
        let value = f.get(key)?;
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

    fn string_list(&mut self, f: &Fields<'_, '_>, key: &str) -> Vec<Spanned<String>> {
        let Some(value) = f.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(value, key, "an array of strings", "[\"...\", \"...\"]");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Spanned::new(item.span(), s.to_string())),
                _ => self.wrong_type(item, key, "an array of strings", "[\"...\", \"...\"]"),
            }
        }
        out
    }

    /// The ids of `key`, each with its place; one that is no id at all is reported here (it
    /// can name nothing) and left out.
    fn refs(&mut self, f: &Fields<'_, '_>, key: &str, what: &str) -> Vec<Ref> {
        let mut out = Vec::new();
        for s in self.string_list(f, key) {
            if let Some(id) = self.id(s.span(), s.get_ref(), what) {
                out.push(Ref {
                    origin: self.origin(s.span()),
                    id,
                });
            }
        }
        out
    }

    fn word<T: Copy>(
        &mut self,
        f: &Fields<'_, '_>,
        key: &str,
        words: &[&str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let value = f.get(key)?;
        let DeValue::String(s) = value.get_ref() else {
            let example = format!("\"{}\"", words[0]);
            self.wrong_type(
                value,
                key,
                &format!("one of {}", words.join(", ")),
                &example,
            );
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

    fn tables<'t, 'i>(&mut self, f: &Fields<'t, 'i>, key: &str) -> Vec<&'t Value<'i>> {
        let Some(value) = f.get(key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter(|item| {
                    let ok = item.get_ref().is_table();
                    if !ok {
                        let e = format!("a table (write it as `[[{key}]]`)");
                        self.error(
                            item.span(),
                            format!("`{key}` must be {e}, found {}", item.get_ref().type_str()),
                            Some(format!("write each one under its own `[[{key}]]` header")),
                        );
                    }
                    ok
                })
                .collect(),
            _ => {
                let found = value.get_ref().type_str();
                self.error(
                    value.span(),
                    format!("`{key}` must be an array of tables (`[[{key}]]`), found {found}"),
                    Some(format!("write each one under its own `[[{key}]]` header")),
                );
                Vec::new()
            }
        }
    }

    pub fn course(&mut self) -> Option<Course> {
        let root = self.parse()?;
        let f = self.fields(root.get_ref(), COURSE_KEYS, "course.toml");
        let start = self.start();
        let title = self.required_string(&f, start.clone(), "title", "the course");
        let description = self.required_string(&f, start, "description", "the course");
        let author = self.string(&f, "author");
        let feed = self.feed(&f);
        let mut stages = Vec::new();
        for value in self.tables(&f, "stage") {
            let DeValue::Table(t) = value.get_ref() else {
                continue;
            };
            let t = self.fields(t, STAGE_KEYS, "a [[stage]]");
            let span = value.span();
            let id = self.required_string(&t, span.clone(), "id", "this [[stage]]");
            let title = self.required_string(&t, span.clone(), "title", "this [[stage]]");
            let guidance = self.required_string(&t, span.clone(), "guidance", "this [[stage]]");
            let (Some(id_value), Some(id)) = (t.get("id"), id) else {
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

    /// Where the file's first line of TOML starts (past blank lines and comments; the file's
    /// start when it has none): what a problem of the whole file (a key it lacks) points at.
    fn start(&self) -> Range<usize> {
        let mut at = 0;
        for line in self.text.split_inclusive('\n') {
            let text = line.trim_start();
            if !text.is_empty() && !text.starts_with('#') {
                at += line.len() - text.len();
                return at..at;
            }
            at += line.len();
        }
        0..0
    }

    /// `[feed]`: what `syllabus sync` reads.
    fn feed(&mut self, f: &Fields<'_, '_>) -> Option<FeedConfig> {
        let value = f.get("feed")?;
        let DeValue::Table(t) = value.get_ref() else {
            let found = value.get_ref().type_str();
            self.error(
                value.span(),
                format!("`feed` must be a table, found {found}"),
                Some("write it as a `[feed]` table with `actor = \"HANDLE\"`".into()),
            );
            return None;
        };
        let t = self.fields(t, FEED_KEYS, "[feed]");
        Some(FeedConfig {
            actor: self.string(&t, "actor"),
            uri: self.string(&t, "uri"),
            service: self.string(&t, "service"),
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
                // The file's name is wrong, not a line of it.
                let d = Diagnostic::error(
                    Some(self.origin(0..0)),
                    format!("topic id (the file name) `{stem}` {why}"),
                )
                .with_help(help)
                .marking(Mark::None);
                self.diagnostics.push(d);
                None
            }
        }
    }

    /// The topic in this file; `None` (after reporting everything else wrong in the file) when
    /// the file name is no id.
    pub fn topic(&mut self, id: Option<TopicId>) -> Option<Topic> {
        let root = self.parse()?;
        let f = self.fields(root.get_ref(), TOPIC_KEYS, "a topic file");
        let start = self.start();
        let title = self.required_string(&f, start.clone(), "title", "the topic");
        let summary = self.required_string(&f, start.clone(), "summary", "the topic");
        let stage_text = self.string(&f, "stage");
        let stage = stage_text.as_deref().and_then(|s| s.parse().ok());
        let stage_not_id = stage_text.filter(|_| stage.is_none());
        let stage_origin = self.origin(f.get("stage").map_or(start.clone(), |v| v.span()));
        let requires = self.refs(&f, "requires", "required topic");
        let keywords = self
            .string_list(&f, "keywords")
            .into_iter()
            .map(Spanned::into_inner)
            .collect();
        let links = self.links(&f, id.as_ref());
        Some(Topic {
            id: id?,
            title: title.unwrap_or_default(),
            summary: summary.unwrap_or_default(),
            stage,
            stage_origin,
            stage_not_id,
            requires,
            keywords,
            links: links.into(),
            origin: self.origin(start),
        })
    }

    pub fn inbox(&mut self) -> Vec<Link> {
        let Some(root) = self.parse() else {
            return Vec::new();
        };
        let f = self.fields(root.get_ref(), INBOX_KEYS, "inbox.toml");
        let inbox = TopicId::new("inbox").expect("`inbox` is an id");
        self.links(&f, Some(&inbox))
    }

    fn links(&mut self, f: &Fields<'_, '_>, topic: Option<&TopicId>) -> Vec<Link> {
        let tables = self.tables(f, "link");
        // Sized once: a link is some 400 bytes, and a course holds 100,000 of them.
        let mut out = Vec::with_capacity(tables.len());
        for value in tables {
            let DeValue::Table(t) = value.get_ref() else {
                continue;
            };
            let t = self.fields(t, &LINK_KEYS, "a [[link]]");
            match self.link(&t, value.span(), topic) {
                Ok(link) => out.push(link),
                // Still declared: naming it elsewhere is no "unknown link" (its own errors say
                // what is wrong with it).
                Err(Some(id)) => self.refused_links.push(id),
                Err(None) => {}
            }
        }
        out
    }

    /// The link these fields make, or its id as written (if any) when it has errors.
    fn link(
        &mut self,
        f: &Fields<'_, '_>,
        span: Range<usize>,
        topic: Option<&TopicId>,
    ) -> Result<Link, Option<String>> {
        let what = "this [[link]]";
        let before = self.errors();
        let url_raw = self.required_string(f, span.clone(), "url", what);
        let title = self.required_string(f, span.clone(), "title", what);
        let kind = self.word(f, "kind", Kind::WORDS, Kind::parse);
        if f.get("kind").is_none() {
            let help = format!("add `kind = \"...\"`, one of {}", Kind::WORDS.join(", "));
            self.missing_with(span.clone(), "kind", what, help);
        }
        let level = self.word(f, "level", Level::WORDS, Level::parse);
        if f.get("level").is_none() {
            let help = format!("add `level = \"...\"`, one of {}", Level::WORDS.join(", "));
            self.missing_with(span.clone(), "level", what, help);
        }
        let minutes = self.minutes(f, span.clone());
        let access = self.word(f, "access", Access::WORDS, Access::parse);
        let url_status = self.url_status(f);
        let (url, id) = self.url_and_id(f, span.clone(), url_raw.as_deref());
        let published = f.get("published").and_then(|v| match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            DeValue::Datetime(d) => Some(d.to_string()),
            _ => {
                self.wrong_type(
                    v,
                    "published",
                    "a date such as 2025-05-01 or \"2025\"",
                    "2025-05-01",
                );
                None
            }
        });
        let alternates = self.alternates(f);
        let authors = self
            .string_list(f, "authors")
            .into_iter()
            .map(Spanned::into_inner)
            .collect();
        let source = self.string(f, "source");
        let note = self.string(f, "note").filter(|n| !n.trim().is_empty());
        let also = self.refs(f, "also", "topic");
        let requires = self.refs(f, "requires", "required link or topic");
        let deliverable = self.deliverable(f, span.clone(), kind, id.as_deref());
        let optional = self.boolean(f, "optional").unwrap_or(false);
        let declared = || match (&id, f.get("id").map(|v| v.get_ref())) {
            (Some(id), _) => Some(id.to_string()),
            (None, Some(DeValue::String(written))) => Some(written.to_string()),
            _ => None,
        };
        if self.errors() > before {
            // The errors above already explain this link; a half-read link would only cause
            // confusing follow-up errors later.
            return Err(declared());
        }
        let (Some(id), Some(topic), Some(url), Some(title), Some(kind), Some(level), Some(minutes)) =
            (id.clone(), topic, url, title, kind, level, minutes)
        else {
            return Err(declared());
        };
        Ok(Link {
            alternates,
            title,
            kind,
            level,
            minutes,
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
            url_origin: self.origin(f.get("url").map_or(0..0, |v| v.span())),
            id_origin: self.origin(f.get("id").or(f.get("url")).map_or(0..0, |v| v.span())),
            ..Link::new(id, topic.clone(), url)
        })
    }

    /// `url_status`. (`dead` is no word of it: the link cache says which links are dead.)
    fn url_status(&mut self, f: &Fields<'_, '_>) -> Option<UrlStatus> {
        self.word(f, "url_status", UrlStatus::WORDS, UrlStatus::parse)
    }

    /// The link's URL (`url_raw`, checked) and its id: as written, or made from the URL.
    fn url_and_id(
        &mut self,
        f: &Fields<'_, '_>,
        span: Range<usize>,
        url_raw: Option<&str>,
    ) -> (Option<WebUrl>, Option<LinkId>) {
        let url = match (url_raw, f.get("url")) {
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
        let id: Option<LinkId> = match (self.string(f, "id"), f.get("id")) {
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
        f: &Fields<'_, '_>,
        span: Range<usize>,
        kind: Option<Kind>,
        id: Option<&str>,
    ) -> Option<String> {
        let text = self.string(f, "deliverable");
        let kind = kind?;
        // Made only for a message (most links have none).
        let name = || id.map(|id| format!(" `{id}`")).unwrap_or_default();
        let value_span = f.get("deliverable").map(|v| v.span());
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
    fn alternates(&mut self, f: &Fields<'_, '_>) -> Vec<String> {
        let mut out = Vec::new();
        for raw in self.string_list(f, "alternates") {
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

    fn minutes(&mut self, f: &Fields<'_, '_>, span: Range<usize>) -> Option<u32> {
        let Some(value) = f.get("minutes") else {
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
                    _ => {
                        let found = value.get_ref().type_str();
                        self.error(
                            value.span(),
                            format!("`minutes` must be a whole number of minutes, found {found}"),
                            Some("write the number without quotes, e.g. `minutes = 45`".into()),
                        )
                    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A value for each key of a `[[link]]`, as a corpus writes it.
    fn written(key: &str) -> &'static str {
        match key {
            "id" => "\"every-key\"",
            "url" => "\"https://example.org/every-key\"",
            "alternates" => "[\"https://mirror.example.org/every-key\"]",
            "title" => "\"Every key\"",
            "kind" => "\"exercise\"",
            "level" => "\"advanced\"",
            "minutes" => "42",
            "authors" => "[\"A. Author\"]",
            "published" => "2025-05-01",
            "source" => "\"A list\"",
            "note" => "\"Why.\"",
            "also" => "[\"other\"]",
            "requires" => "[\"first\"]",
            "access" => "\"paywall\"",
            "url_status" => "\"guessed\"",
            "deliverable" => "\"A thing.\"",
            "optional" => "true",
            other => panic!("the schema has a key `{other}` this test does not write"),
        }
    }

    #[test]
    fn every_key_the_schema_declares_is_read_into_its_field() {
        let mut text = String::from("title = \"T\"\nsummary = \"S.\"\n[[link]]\n");
        for key in LINK_KEYS {
            text.push_str(&format!("{key} = {}\n", written(key)));
        }
        let path = Path::new("t/topic.toml");
        let mut reader = Reader::new(path, &text);
        let topic = reader.topic(TopicId::new("topic").ok()).unwrap();
        assert!(reader.diagnostics.is_empty(), "{:?}", reader.diagnostics);
        let link = serde_json::to_value(&topic.links[0]).unwrap();
        for key in LINK_KEYS {
            let value: toml::Value = toml::from_str(&format!("v = {}", written(key))).unwrap();
            let expected = match &value["v"] {
                toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
                v => serde_json::to_value(v).unwrap(),
            };
            assert_eq!(link[key], expected, "`{key}` is not read into its field");
        }
    }

    #[test]
    fn a_key_outside_the_schema_is_unknown_with_the_nearest_known_one() {
        let text = "title = \"T\"\nsummary = \"S.\"\n[[link]]\nid = \"x\"\nurl = \"https://example.org/x\"\ntitle = \"X\"\nkind = \"article\"\nlevel = \"intro\"\nminutes = 5\nrequirez = [\"y\"]\n";
        let mut reader = Reader::new(Path::new("t/topic.toml"), text);
        reader.topic(TopicId::new("topic").ok());
        let messages: Vec<String> = reader.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            messages,
            ["t/topic.toml:10:1: error: unknown key `requirez` in a [[link]]\n  help: did you mean `requires`?"]
        );
    }
}
