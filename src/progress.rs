//! The reader's progress: a TOML file `done = ["link-id", ...]`, read for the plan and edited by
//! `syllabus done` / `undo` with toml_edit, so the reader's comments and other keys survive.
//!
//! The same ids are what the course page's checkboxes export, so either can write the file.

use crate::diagnostics::{origin_at, suggest, Diagnostic};
use crate::error::Error;
use crate::model::{Course, LinkId};
use std::collections::BTreeSet;
use std::path::Path;

/// The file the CLI uses when `--progress` is not given (if it exists, for planning).
pub const DEFAULT_FILE: &str = "progress.toml";

/// The largest progress file read: ids of a few hundred thousand links.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// The links marked done.
    pub done: BTreeSet<LinkId>,
    /// What the file lists that cannot be a link's id at all (a hand edit): only warned about.
    pub not_ids: BTreeSet<String>,
}

/// Read a progress file. A given file that does not exist is an error; the caller decides
/// whether the default one is optional (see [`crate::Syllabus::choose`]).
pub fn load(path: &Path) -> Result<Progress, Error> {
    let cannot = |e: std::io::Error| {
        Diagnostic::error(
            None,
            format!("cannot read the progress file {}: {e}", path.display()),
        )
        .with_help("create it with `syllabus done LINK-ID --progress FILE`")
    };
    let bytes = crate::output::read_limited(path, MAX_BYTES).map_err(|e| Error::io(cannot(e)))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::invalid(cannot(std::io::Error::other("it is not UTF-8 text"))))?;
    parse(path, &text).map_err(Error::invalid)
}

/// Parses a progress file's text; `path` names it in the problem found.
pub fn parse(path: &Path, text: &str) -> Result<Progress, Diagnostic> {
    #[derive(serde::Deserialize)]
    struct File {
        #[serde(default)]
        done: Vec<String>,
    }
    let file: File = toml::from_str(text).map_err(|e| {
        let origin = e.span().map(|s| origin_at(path, text, s.start));
        Diagnostic::error(origin, format!("invalid progress file: {}", e.message()))
            .with_help("the file holds `done = [\"link-id\", ...]`")
            .with_line_from(text)
    })?;
    let (ids, not_ids): (Vec<_>, Vec<_>) = file
        .done
        .into_iter()
        .map(|text| LinkId::new(text.clone()).map_err(|_| text))
        .partition(Result::is_ok);
    Ok(Progress {
        done: ids.into_iter().flatten().collect(),
        not_ids: not_ids.into_iter().filter_map(Result::err).collect(),
    })
}

/// Ids in `progress` that name no link of `course` (a link renamed or removed since).
pub fn stale_warnings(progress: &Progress, course: &Course, path: &Path) -> Vec<Diagnostic> {
    let links: Vec<&str> = course.links().map(|l| l.id.as_str()).collect();
    let listed: BTreeSet<&str> = (progress.done.iter().map(LinkId::as_str))
        .chain(progress.not_ids.iter().map(String::as_str))
        .collect();
    listed
        .into_iter()
        .filter(|id| !links.contains(id))
        .map(|id| {
            Diagnostic::warning(
                None,
                format!(
                    "{}: `{id}` is not a link of the course; ignored",
                    path.display()
                ),
            )
            .with_help(suggest(id, links.iter().copied(), "link"))
        })
        .collect()
}

/// The link ids `ids` stand for: a link as itself, a topic as all its links. Unknown ids are
/// usage errors (they come from the command line) with a did-you-mean.
pub fn resolve_ids(course: &Course, ids: &[String]) -> Result<Vec<LinkId>, Error> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let candidates: Vec<&str> = course
        .links()
        .map(|l| l.id.as_str())
        .chain(course.topics.iter().map(|t| t.id.as_str()))
        .collect();
    for id in ids {
        if let Some(link) = course.link(id) {
            out.push(link.id.clone());
        } else if let Some(topic) = course.topic(id) {
            out.extend(topic.links.iter().map(|l| l.id.clone()));
        } else {
            errors.push(
                Diagnostic::error(None, format!("`{id}`: no such link or topic"))
                    .with_help(suggest(id, candidates.iter().copied(), "link")),
            );
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Error::Usage(errors))
    }
}

/// What `mark` changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub changed: Vec<LinkId>,
    pub unchanged: Vec<LinkId>,
}

/// The progress file's new text with `ids` added to (`done`) or removed from (`!done`) the
/// `done` array; everything else in `text` is kept as written, comments inside the array too.
/// A file that `plan` would refuse (`done = [1, 2]`) is refused here, before anything is written.
pub fn edit(
    path: &Path,
    text: &str,
    ids: &[LinkId],
    done: bool,
) -> Result<(String, Change), Diagnostic> {
    parse(path, text)?;
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let origin = e.span().map(|s| origin_at(path, text, s.start));
        Diagnostic::error(origin, format!("invalid progress file: {}", e.message()))
            .with_line_from(text)
    })?;
    if !doc.contains_key("done") {
        doc["done"] = toml_edit::value(toml_edit::Array::new());
    }
    let array = doc["done"].as_array_mut().ok_or_else(|| {
        Diagnostic::error(
            None,
            format!("{}: `done` is not an array of link ids", path.display()),
        )
    })?;
    let commented = has_comments(array);
    let mut change = Change::default();
    for id in ids {
        let position = array.iter().position(|v| v.as_str() == Some(id.as_str()));
        match (done, position) {
            (true, None) => {
                push_keeping_comments(array, id, commented);
                change.changed.push(id.clone());
            }
            (false, Some(i)) => {
                // Every copy: a file edited by hand may list an id twice, and `undo` must leave
                // it not done (found by the progress_edit fuzz target).
                remove_keeping_comments(array, i);
                loop {
                    let again = array.iter().position(|v| v.as_str() == Some(id.as_str()));
                    let Some(i) = again else { break };
                    remove_keeping_comments(array, i);
                }
                change.changed.push(id.clone());
            }
            _ => change.unchanged.push(id.clone()),
        }
    }
    if !commented {
        relayout(array);
    }
    Ok((doc.to_string(), change))
}

fn has_comments(array: &toml_edit::Array) -> bool {
    let raw =
        |r: Option<&toml_edit::RawString>| r.and_then(|r| r.as_str()).unwrap_or("").contains('#');
    raw(Some(array.trailing()))
        || array
            .iter()
            .any(|v| raw(v.decor().prefix()) || raw(v.decor().suffix()))
}

/// A new id after the last one; comments after the last id (in the array's trailing text) stay
/// where they were, above the new id.
fn push_keeping_comments(array: &mut toml_edit::Array, id: &str, commented: bool) {
    array.push(id);
    if !commented {
        return;
    }
    let trailing = array.trailing().as_str().unwrap_or("").to_string();
    let last = array.len() - 1;
    let prefix = if trailing.trim().is_empty() {
        "\n  ".to_string()
    } else {
        format!("{}  ", trailing.trim_end_matches([' ', '\t']))
    };
    if let Some(v) = array.get_mut(last) {
        v.decor_mut().set_prefix(prefix);
    }
    array.set_trailing("\n");
    array.set_trailing_comma(true);
}

/// Removes one id; the comments written before it move to what follows it.
fn remove_keeping_comments(array: &mut toml_edit::Array, i: usize) {
    let removed = array.remove(i);
    let prefix = removed
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string();
    if !prefix.contains('#') {
        return;
    }
    match array.get_mut(i) {
        Some(next) => {
            let old = next.decor().prefix().and_then(|p| p.as_str()).unwrap_or("");
            let joined = format!(
                "{}{}",
                prefix.trim_end_matches([' ', '\t']),
                old.trim_start_matches('\n')
            );
            next.decor_mut().set_prefix(joined);
        }
        None => {
            let old = array.trailing().as_str().unwrap_or("").to_string();
            array.set_trailing(format!("{prefix}{old}"));
        }
    }
}

/// Many ids read best one a line; a short list stays on one.
fn relayout(array: &mut toml_edit::Array) {
    if array.len() > 3 {
        for v in array.iter_mut() {
            v.decor_mut().set_prefix("\n  ");
        }
        array.set_trailing("\n");
        array.set_trailing_comma(true);
    } else {
        for (i, v) in array.iter_mut().enumerate() {
            v.decor_mut().set_prefix(if i == 0 { "" } else { " " });
        }
        array.set_trailing("");
        array.set_trailing_comma(false);
    }
}

/// `edit` applied to the file at `path` (created when absent): locked while it is read and
/// written, and never written over a save someone made meanwhile (see `crate::output::update`).
pub fn mark(path: &Path, ids: &[LinkId], done: bool) -> Result<Change, Error> {
    crate::output::update(path, MAX_BYTES, |text| edit(path, text, ids, done)).map_err(
        |e| match e {
            crate::output::UpdateError::Edit(d) => Error::invalid(d),
            crate::output::UpdateError::Write(e) => Error::io(
                Diagnostic::error(None, e.to_string())
                    .with_help("nothing was recorded; check the file and run the command again"),
            ),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(ids: &[&str]) -> Vec<LinkId> {
        ids.iter().map(|id| LinkId::new(*id).unwrap()).collect()
    }

    #[test]
    fn editing_keeps_comments_and_other_keys() {
        let text = "# my reading\nowner = \"me\"\ndone = [\"a\"] # so far\n";
        let (out, change) = edit(Path::new("p.toml"), text, &ids(&["b", "a"]), true).unwrap();
        assert_eq!(
            out,
            "# my reading\nowner = \"me\"\ndone = [\"a\", \"b\"] # so far\n"
        );
        assert_eq!(change.changed, vec!["b"]);
        assert_eq!(change.unchanged, vec!["a"]);
        let (out, _) = edit(Path::new("p.toml"), &out, &ids(&["a"]), false).unwrap();
        assert_eq!(
            out,
            "# my reading\nowner = \"me\"\ndone = [\"b\"] # so far\n"
        );
        let (out, _) = edit(Path::new("p.toml"), "", &ids(&["x"]), true).unwrap();
        assert_eq!(out, "done = [\"x\"]\n");
    }

    /// A file that cannot be read is an I/O error; one that reads but does not pass is invalid.
    #[test]
    fn undo_removes_an_id_listed_twice() {
        // The progress_edit fuzz target's find: a hand-edited file with the id twice.
        let text = "# mine\ndone = [\n  \"a\", # first\n  'x',\n\n \"x\",]\n";
        let path = Path::new("p.toml");
        let (out, _) = edit(path, text, &ids(&["x"]), false).unwrap();
        assert!(!parse(path, &out).unwrap().done.contains("x"), "{out}");
        assert!(out.contains("# first"), "{out}");
    }

    #[test]
    fn load_and_mark_say_which_kind_of_failure() {
        let dir = tempfile::tempdir().unwrap();
        let missing = load(&dir.path().join("none.toml")).unwrap_err();
        assert!(matches!(&missing, Error::Io(_)), "{missing:?}");
        assert!(missing
            .to_string()
            .contains("cannot read the progress file"));
        let latin1 = dir.path().join("latin1.toml");
        std::fs::write(&latin1, b"done = [\"caf\xe9\"]\n").unwrap();
        let err = load(&latin1).unwrap_err();
        assert!(matches!(&err, Error::Invalid(_)), "{err:?}");
        assert!(err.to_string().contains("it is not UTF-8 text"), "{err}");
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "done = [1]\n").unwrap();
        assert!(matches!(load(&bad), Err(Error::Invalid(_))));
        assert!(matches!(
            mark(&bad, &ids(&["a"]), true),
            Err(Error::Invalid(_))
        ));
        let err = mark(dir.path(), &ids(&["a"]), true).unwrap_err();
        assert!(matches!(&err, Error::Io(_)), "{err:?}");
        assert_eq!(err.exit_code(), crate::error::EXIT_INVALID);
    }

    /// Ids come from the command line, so an unknown one is a usage error (exit 2).
    #[test]
    fn unknown_ids_are_usage_errors() {
        let course = crate::corpus::load(&crate::corpus::embedded_sources())
            .unwrap()
            .course;
        let topic = &course.topics[0];
        let ids = resolve_ids(&course, &[topic.id.to_string()]).unwrap();
        assert_eq!(ids.len(), topic.links.len());
        let err = resolve_ids(&course, &[topic.id.to_string(), "no-such-id".into()]).unwrap_err();
        assert_eq!(err.exit_code(), crate::error::EXIT_USAGE);
        assert!(matches!(&err, Error::Usage(ds) if ds.len() == 1));
        assert_eq!(
            err.diagnostics()[0].message,
            "`no-such-id`: no such link or topic"
        );
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let err = parse(Path::new("p.toml"), "done = [\n  \"a\",\n  b\n]\n").unwrap_err();
        assert_eq!(err.origin.unwrap().line, 3);
    }

    #[test]
    fn comments_inside_the_done_array_survive_done_and_undo() {
        let text = "done = [\n  # week 1\n  \"a\", # liked it\n  \"b\",\n  # to finish\n]\n";
        let (out, _) = edit(Path::new("p.toml"), text, &ids(&["c"]), true).unwrap();
        for comment in ["# week 1", "# liked it", "# to finish"] {
            assert!(out.contains(comment), "{comment} lost:\n{out}");
        }
        assert_eq!(parse(Path::new("p.toml"), &out).unwrap().done.len(), 3);
        let (out, _) = edit(Path::new("p.toml"), &out, &ids(&["a", "c"]), false).unwrap();
        for comment in ["# week 1", "# liked it", "# to finish"] {
            assert!(out.contains(comment), "{comment} lost:\n{out}");
        }
        let p = parse(Path::new("p.toml"), &out).unwrap();
        assert_eq!(
            p.done.into_iter().collect::<Vec<_>>(),
            vec!["b".to_string()]
        );
    }

    #[test]
    fn a_done_array_of_numbers_is_refused_before_writing() {
        let err = edit(Path::new("p.toml"), "done = [1, 2]\n", &ids(&["a"]), true).unwrap_err();
        let origin = err.origin.clone().unwrap();
        assert_eq!((origin.line, origin.col), (1, 9), "{err}");
        assert!(err.to_string().contains("invalid progress file"), "{err}");
    }
}
