//! Appends new links to the topic files with `toml_edit`, so that the comments, key order and
//! blank lines people wrote by hand survive an import.

use super::Row;
use crate::corpus::url::slug_from_url;
use crate::corpus::Source;
use crate::diagnostics::Diagnostic;
use crate::model::{Course, UrlStatus};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

/// Header of a new `inbox.toml`.
const INBOX_HEADER: &str = "# Links waiting for a topic: `syllabus plan` leaves them out.\n\
# Move each [[link]] into a topic file (or rerun `syllabus import --into TOPIC`).\n";

/// The file a topic's links live in.
fn topic_file(course: &Course, dir: &Path, sources: &[Source], topic: &str) -> PathBuf {
    course
        .topic(topic)
        .map(|t| t.origin.file.to_path_buf())
        .filter(|f| sources.iter().any(|s| s.path == *f))
        .unwrap_or_else(|| dir.join(format!("{topic}.toml")))
}

/// The `[[link]]` table for a new row; optional keys only when they say something.
pub fn link_table(row: &Row) -> Table {
    let c = &row.candidate;
    let (kind, level, minutes) = c.facts();
    let mut t = Table::new();
    let mut set = |k: &str, v: Value| {
        t.insert(k, Item::Value(v));
    };
    // The id is written when the core would derive another one (a clash made it `-2`), and
    // for unverified URLs, so that it survives when someone completes the URL later.
    if let Some(id) = row
        .id
        .as_ref()
        .filter(|id| **id != slug_from_url(&c.url) || c.url_status != UrlStatus::Confirmed)
    {
        set("id", id.as_str().into());
    }
    set("url", (&*c.url).into());
    if !c.alternates().is_empty() {
        set(
            "alternates",
            Value::Array(c.alternates().iter().collect::<Array>()),
        );
    }
    set("title", (&*c.title).into());
    set("kind", kind.as_str().into());
    set("level", level.as_str().into());
    set("minutes", i64::from(minutes).into());
    if !c.authors().is_empty() {
        set(
            "authors",
            Value::Array(c.authors().iter().collect::<Array>()),
        );
    }
    if let Some(date) = c.published() {
        set("published", date.into());
    }
    let source = row.file.file_name().map_or_else(
        || row.file.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    set("source", source.into());
    if let Some(note) = &c.note {
        set("note", (&**note).into());
    }
    if !row.also.is_empty() {
        set("also", Value::Array(row.also.iter().collect::<Array>()));
    }
    if c.url_status != UrlStatus::Confirmed {
        set("url_status", c.url_status.as_str().into());
    }
    // An inbox link says which topics came closest, for whoever files it.
    let suggested: Vec<String> = row
        .candidates
        .iter()
        .map(|(id, score)| format!("{id} ({score:.1})"))
        .collect();
    if row.topic.is_none() && !suggested.is_empty() {
        t.decor_mut()
            .set_prefix(format!("\n# closest topics: {}\n", suggested.join(", ")));
    } else {
        t.decor_mut().set_prefix("\n");
    }
    t
}

/// The new text of every file that gains links, keyed by path. `sources` are the files of
/// `dir` as the corpus was loaded from them, so what is edited is what was checked. A file
/// that cannot take the links is an error without help: the caller knows what was changed.
pub fn render(
    course: &Course,
    dir: &Path,
    sources: &[Source],
    rows: &[Row],
) -> Result<BTreeMap<PathBuf, String>, Diagnostic> {
    let mut docs: BTreeMap<PathBuf, DocumentMut> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.is_new()) {
        let path = match &row.topic {
            Some(t) => topic_file(course, dir, sources, t),
            None => dir.join("inbox.toml"),
        };
        if !docs.contains_key(&path) {
            let text = match sources.iter().find(|s| s.path == path) {
                Some(s) => s.text.as_str(),
                None if row.topic.is_none() => INBOX_HEADER,
                None => {
                    return Err(Diagnostic::error(
                        None,
                        format!(
                            "{}: cannot read: not among the corpus files",
                            path.display()
                        ),
                    ))
                }
            };
            let doc: DocumentMut = text.parse().map_err(|e| {
                Diagnostic::error(None, format!("{}: not valid TOML: {e}", path.display()))
            })?;
            docs.insert(path.clone(), doc);
        }
        let doc = docs.get_mut(&path).expect("inserted above");
        let mut table = link_table(row);
        // Comments at the end of a file (all of a fresh inbox) stay above the new links.
        let trailing = doc.trailing().as_str().unwrap_or("").to_string();
        if !trailing.trim().is_empty() {
            doc.set_trailing("");
            let sep = if trailing.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            table.decor_mut().set_prefix(format!("{trailing}{sep}"));
        }
        if !doc.contains_key("link") {
            doc.insert("link", Item::ArrayOfTables(ArrayOfTables::new()));
        }
        match doc.get_mut("link") {
            Some(Item::ArrayOfTables(aot)) => aot.push(table),
            Some(Item::Value(Value::Array(arr))) => {
                arr.push(table.into_inline_table());
            }
            _ => {
                return Err(Diagnostic::error(
                    None,
                    format!(
                        "{}: `link` is not a list of tables; cannot append to it",
                        path.display()
                    ),
                ))
            }
        }
    }
    for row in rows.iter().filter(|r| !r.record().is_empty()) {
        let Some(of) = row.duplicate_of() else {
            continue;
        };
        record_alternates(course, sources, &mut docs, of, row.record())?;
    }
    Ok(docs
        .into_iter()
        .map(|(path, doc)| (path, doc.to_string()))
        .collect())
}

/// Adds `addresses` to the `alternates` of corpus link `id`, in the file and table that
/// declare it: a second address of a reading the course holds is never a second link.
fn record_alternates(
    course: &Course,
    sources: &[Source],
    docs: &mut BTreeMap<PathBuf, DocumentMut>,
    id: &str,
    addresses: &[String],
) -> Result<(), Diagnostic> {
    let Some(link) = course
        .links()
        .chain(course.inbox.iter())
        .find(|l| l.id.as_str() == id)
    else {
        return Ok(());
    };
    let path = link.origin.file.to_path_buf();
    if !docs.contains_key(&path) {
        let Some(source) = sources.iter().find(|s| s.path == path) else {
            // The built-in course: nothing on disk to edit.
            return Ok(());
        };
        let doc: DocumentMut = source.text.parse().map_err(|e| {
            Diagnostic::error(None, format!("{}: not valid TOML: {e}", path.display()))
        })?;
        docs.insert(path.clone(), doc);
    }
    let doc = docs.get_mut(&path).expect("inserted above");
    let Some(Item::ArrayOfTables(tables)) = doc.get_mut("link") else {
        return Ok(());
    };
    let declares = |t: &Table| match t.get("id").and_then(Item::as_str) {
        Some(written) => written == id,
        None => t.get("url").and_then(Item::as_str) == Some(link.url.as_str()),
    };
    let Some(table) = tables.iter_mut().find(|t| declares(t)) else {
        return Ok(());
    };
    if !table.contains_key("alternates") {
        table.insert("alternates", Item::Value(Value::Array(Array::new())));
    }
    if let Some(Item::Value(Value::Array(list))) = table.get_mut("alternates") {
        for a in addresses {
            if !list.iter().any(|v| v.as_str() == Some(a.as_str())) {
                list.push(a.as_str());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;
    use crate::import::Candidate;
    use crate::model::Topic;
    use std::fs;

    #[test]
    fn appends_keeping_comments_and_creates_the_inbox() {
        let dir = tempfile::tempdir().unwrap();
        let original = "# Consensus: agreeing on one value.\ntitle = \"Consensus\" # short\n\
            keywords = [\"paxos\"]\n\n[[link]]\nurl = \"https://a.org/x\" # the classic\n\
            title = \"X\"\nkind = \"paper\"\nlevel = \"advanced\"\nminutes = 60\n";
        fs::write(dir.path().join("consensus.toml"), original).unwrap();
        let course = Course {
            topics: vec![Topic::new("consensus".parse().unwrap())],
            ..Course::default()
        };
        let row = |topic: Option<&str>, url: &str| Row {
            file: Path::new("in/list.md").into(),
            candidate: Candidate {
                title: "Paxos \"made\" simple".into(),
                url: url.into(),
                note: Some("Read it twice.".into()),
                ..Candidate::default()
            }
            .into(),
            topic: topic.map(Into::into),
            also: vec![],
            candidates: vec![].into(),
            duplicate: None,
            why: crate::import::Texts::default(),
            id: Some("paxos".into()),
        };
        let rows = [
            row(Some("consensus"), "https://b.org/paxos"),
            row(None, "https://c.org/y"),
        ];
        let sources = corpus::read_dir(dir.path()).unwrap();
        let rendered = render(&course, dir.path(), &sources, &rows).unwrap();
        crate::output::write_all_atomic(&rendered).unwrap();
        assert_eq!(rendered.len(), 2);
        let text = fs::read_to_string(dir.path().join("consensus.toml")).unwrap();
        assert!(text.starts_with(original), "{text}");
        assert_eq!(
            &text[original.len()..],
            "\n[[link]]\nid = \"paxos\"\nurl = \"https://b.org/paxos\"\n\
             title = 'Paxos \"made\" simple'\nkind = \"article\"\nlevel = \"intermediate\"\n\
             minutes = 15\nsource = \"list.md\"\nnote = \"Read it twice.\"\n"
        );
        let inbox = fs::read_to_string(dir.path().join("inbox.toml")).unwrap();
        assert!(inbox.starts_with(INBOX_HEADER), "{inbox}");
        assert!(inbox.contains("url = \"https://c.org/y\""));
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("tmp")
            })
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn a_broken_topic_file_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("good.toml"), "title = \"G\"\n").unwrap();
        fs::write(dir.path().join("bad.toml"), "title = \n").unwrap();
        let course = Course {
            topics: vec![
                Topic::new("bad".parse().unwrap()),
                Topic::new("good".parse().unwrap()),
            ],
            ..Course::default()
        };
        let row = |t: &str| Row {
            file: Path::new("x.md").into(),
            candidate: Candidate {
                url: format!("https://x.org/{t}"),
                ..Candidate::default()
            }
            .into(),
            topic: Some(t.into()),
            also: vec![],
            candidates: vec![].into(),
            duplicate: None,
            why: crate::import::Texts::default(),
            id: Some(t.into()),
        };
        let sources = corpus::read_dir(dir.path()).unwrap();
        let err = render(&course, dir.path(), &sources, &[row("good"), row("bad")]).unwrap_err();
        assert!(
            err.to_string().contains("bad.toml: not valid TOML"),
            "{err}"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("good.toml")).unwrap(),
            "title = \"G\"\n"
        );
    }
}
