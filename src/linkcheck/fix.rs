//! `check --links --fix`: rewrite the `url` of links whose new URL the check confirmed, with
//! `toml_edit` so that comments and layout stay, all files or none.

use super::Fix;
use crate::corpus::url::check_url;
use crate::corpus::{self, Source};
use crate::diagnostics::Diagnostic;
use crate::model::Link;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml_edit::{DocumentMut, Item, Value};

/// The new text of every file a fix changes. Refused, with nothing changed, when a file cannot
/// be edited or the fixed corpus would not load (two links would share a URL, say).
pub fn rewrite(
    sources: &[Source],
    fixes: &[(&Link, Fix)],
) -> Result<BTreeMap<PathBuf, String>, Vec<Diagnostic>> {
    let mut docs: BTreeMap<PathBuf, DocumentMut> = BTreeMap::new();
    for (link, fix) in fixes {
        let file: &Path = &link.origin.file;
        if !docs.contains_key(file) {
            let source = sources.iter().find(|s| s.path == file).ok_or_else(|| {
                vec![Diagnostic::error(
                    Some(link.origin.clone()),
                    format!(
                        "cannot fix link `{}`: its file is not in the corpus",
                        link.id
                    ),
                )]
            })?;
            let doc = source.text.parse::<DocumentMut>().map_err(|e| {
                vec![Diagnostic::error(
                    Some(link.origin.clone()),
                    format!("cannot edit {}: {e}", file.display()),
                )]
            })?;
            docs.insert(file.to_path_buf(), doc);
        }
        let doc = docs.get_mut(file).expect("inserted above");
        if !set_url(doc, link, fix) {
            return Err(vec![Diagnostic::error(
                Some(link.url_origin.clone()),
                format!(
                    "cannot fix link `{}`: its [[link]] table was not found",
                    link.id
                ),
            )
            .with_help("the file changed since it was read; run the check again")]);
        }
    }
    let changed: BTreeMap<PathBuf, String> =
        docs.into_iter().map(|(p, d)| (p, d.to_string())).collect();
    verify(sources, &changed)?;
    Ok(changed)
}

/// Applies `fixes` to the corpus in `dir` as it is now, under the corpus lock that every
/// writer takes (an import landing during a long check is read, not overwritten), all files or
/// none. Returns the files rewritten, and notes from taking the lock.
pub fn apply(
    dir: &Path,
    fixes: &[(&Link, Fix)],
) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let lock = crate::output::lock_corpus(dir).map_err(|e| e.into_diagnostics())?;
    let sources = corpus::read_dir(dir).map_err(|d| vec![d])?;
    let changed = rewrite(&sources, fixes)?;
    commit(&sources, &changed).map_err(|d| vec![d])?;
    Ok((changed.into_keys().collect(), lock.notes))
}

/// Write the rewritten files, all or none, each only if it still holds the text the fixes were
/// made from (someone may have edited it during the check).
pub fn commit(sources: &[Source], changed: &BTreeMap<PathBuf, String>) -> Result<(), Diagnostic> {
    crate::output::replace_read(|path| crate::corpus::source_text(sources, path), changed).map_err(|e| {
        let state = if e.nothing_changed() {
            "nothing was changed"
        } else {
            "some files have the fix and some not: run `syllabus check` and restore or fix the files named above"
        };
        Diagnostic::error(None, format!("--fix: {e}"))
            .with_help(format!("{state}; run `syllabus check --links --fix` again"))
    })
}

/// Point the `[[link]]` whose url is `link.url` at the fix, keeping the value's decoration.
fn set_url(doc: &mut DocumentMut, link: &Link, fix: &Fix) -> bool {
    let Some(tables) = doc.get_mut("link").and_then(Item::as_array_of_tables_mut) else {
        return false;
    };
    for table in tables.iter_mut() {
        let Some(item) = table.get_mut("url") else {
            continue;
        };
        let same = item
            .as_str()
            .is_some_and(|raw| check_url(raw).as_deref() == Ok(link.url.as_str()));
        if !same {
            continue;
        }
        if let Some(old) = item.as_value() {
            let mut new = Value::from(fix.to.as_str());
            *new.decor_mut() = old.decor().clone();
            *item = Item::Value(new);
        }
        if !table.contains_key("id") {
            keep_id(table, &link.id);
        }
        if fix.clear_status {
            table.remove("url_status");
        }
        return true;
    }
    false
}

/// A link without an `id` takes it from its URL; a new URL would give it a new id and strand
/// progress files and `requires` naming the old one. So the old id is written, before `url`.
fn keep_id(table: &mut toml_edit::Table, id: &str) {
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let entries: Vec<(toml_edit::Key, Item)> =
        keys.iter().filter_map(|k| table.remove_entry(k)).collect();
    for (key, item) in entries {
        if key.get() == "url" {
            table.insert("id", toml_edit::value(id));
        }
        table.insert_formatted(&key, item);
    }
}

/// The corpus with the changed files must still load: a fix never leaves it invalid.
fn verify(sources: &[Source], changed: &BTreeMap<PathBuf, String>) -> Result<(), Vec<Diagnostic>> {
    let fixed: Vec<Source> = sources
        .iter()
        .map(|s| Source {
            path: s.path.clone(),
            text: changed
                .get(&s.path)
                .cloned()
                .unwrap_or_else(|| s.text.clone()),
        })
        .collect();
    match corpus::load(&fixed) {
        Ok(_) => Ok(()),
        Err(found) => {
            let mut out = vec![Diagnostic::error(
                None,
                "--fix changed nothing: the fixed corpus would not load",
            )
            .with_help("fix these by hand, then run the check again")];
            out.extend(found.into_iter().filter(Diagnostic::is_error));
            Err(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, UrlStatus};
    use std::path::Path;

    #[test]
    fn a_link_whose_id_comes_from_its_url_keeps_that_id() {
        let text = "[[link]]\n# where\nurl = \"http://a.org/old-post\"\ntitle = \"A\"\n";
        let mut doc: DocumentMut = text.parse().unwrap();
        let link = Link::new(
            "a-old-post".parse().unwrap(),
            "t".parse().unwrap(),
            crate::corpus::url::check_url("http://a.org/old-post").unwrap(),
        );
        let fix = Fix {
            to: "https://a.org/new-post".into(),
            clear_status: false,
        };
        assert!(set_url(&mut doc, &link, &fix));
        assert_eq!(
            doc.to_string(),
            "[[link]]\nid = \"a-old-post\"\n# where\nurl = \"https://a.org/new-post\"\ntitle = \"A\"\n"
        );
    }

    #[test]
    fn a_fix_that_would_break_the_corpus_changes_nothing() {
        let topic = "title = \"T\"\nsummary = \"S.\"\n\n[[link]]\nid = \"a\"\nurl = \"https://a.org/old\"\ntitle = \"A\"\nkind = \"article\"\nlevel = \"intro\"\nminutes = 5\nnote = \"N.\"\n\n[[link]]\nid = \"b\"\nurl = \"https://a.org/new\"\ntitle = \"B\"\nkind = \"article\"\nlevel = \"intro\"\nminutes = 5\nnote = \"N.\"\n";
        let sources = vec![
            Source {
                path: "t/course.toml".into(),
                text: "title = \"C\"\ndescription = \"D.\"\n".into(),
            },
            Source {
                path: "t/alpha.toml".into(),
                text: topic.into(),
            },
        ];
        let link = Link {
            origin: Origin {
                file: Path::new("t/alpha.toml").into(),
                line: 4,
                col: 1,
            },
            ..Link::new(
                "a".parse().unwrap(),
                "alpha".parse().unwrap(),
                crate::corpus::url::check_url("https://a.org/old").unwrap(),
            )
        };
        let fix = Fix {
            to: "https://a.org/new".into(),
            clear_status: false,
        };
        let err = rewrite(&sources, &[(&link, fix)]).unwrap_err();
        assert_eq!(
            err[0].message,
            "--fix changed nothing: the fixed corpus would not load"
        );
        assert!(
            err[1]
                .message
                .starts_with("duplicate URL https://a.org/new"),
            "{:?}",
            err[1]
        );
    }

    const TOPIC: &str = "title = \"T\"\nsummary = \"S.\"\n\n# Moved in 2024.\n[[link]]\nid = \"a\"\nurl = \"http://a.org/old\"   # the old home\ntitle = \"A\"\nkind = \"article\"\nlevel = \"intro\"\nminutes = 5\nnote = \"N.\"\nurl_status = \"truncated\"\n";

    #[test]
    fn only_the_url_changes_and_comments_stay() {
        let path = Path::new("t/alpha.toml");
        let sources = vec![Source {
            path: path.into(),
            text: TOPIC.into(),
        }];
        let link = Link {
            url_status: UrlStatus::Truncated,
            origin: Origin {
                file: path.into(),
                line: 5,
                col: 1,
            },
            ..Link::new(
                "a".parse().unwrap(),
                "t".parse().unwrap(),
                crate::corpus::url::check_url("http://a.org/old").unwrap(),
            )
        };
        let fix = Fix {
            to: "https://a.org/new".into(),
            clear_status: true,
        };
        let mut with_course = sources.clone();
        with_course.push(Source {
            path: "t/course.toml".into(),
            text: "title = \"C\"\ndescription = \"D.\"\n".into(),
        });
        let changed = rewrite(&with_course, &[(&link, fix)]).unwrap();
        let expected = TOPIC
            .replace("\"http://a.org/old\"", "\"https://a.org/new\"")
            .replace("url_status = \"truncated\"\n", "");
        assert_eq!(changed.keys().collect::<Vec<_>>(), [path]);
        assert_eq!(changed[path], expected);
    }
}
