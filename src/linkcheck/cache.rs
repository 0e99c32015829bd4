//! The last result for each URL and when it was found, in `.syllabus/links.json` beside the
//! corpus: a re-run asks again only for what is old or failed, and planning commands read it to
//! mark dead links.

use super::http::Outcome;
use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

const VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cache {
    pub(crate) version: u32,
    /// By the URL as the corpus holds it; sorted, so the file is stable.
    pub links: BTreeMap<String, Entry>,
}

impl Default for Cache {
    fn default() -> Self {
        Cache {
            version: VERSION,
            links: BTreeMap::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Seconds since 1970-01-01 UTC.
    pub checked: u64,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// `.syllabus/links.json` in `state_dir`, the folder holding the corpus folder (see
/// [`crate::CourseSource::state_dir`]).
pub fn default_path(state_dir: &Path) -> PathBuf {
    state_dir.join(".syllabus").join("links.json")
}

/// The folder holding the corpus folder `topics_dir`, where the course's state lives; `.` (as
/// messages show it) when `topics_dir` is a bare name, relative to the caller's folder.
pub(crate) fn beside(topics_dir: &Path) -> PathBuf {
    topics_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

impl Cache {
    /// The cache at `path`; empty when there is none yet.
    pub fn load(path: &Path) -> Result<Cache, Diagnostic> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Cache::default()),
            Err(e) => {
                return Err(Diagnostic::error(
                    None,
                    format!("cannot read the link cache {}: {e}", path.display()),
                ))
            }
        };
        let cache: Cache = serde_json::from_str(&text).map_err(|e| {
            Diagnostic::error(
                None,
                format!(
                    "{}:{}:{}: the link cache is not valid: {e}",
                    path.display(),
                    e.line(),
                    e.column()
                ),
            )
            .with_help(format!(
                "delete {} and run `syllabus check --links` again to rebuild it",
                path.display()
            ))
        })?;
        if cache.version != VERSION {
            return Err(Diagnostic::error(
                None,
                format!(
                    "the link cache {} has version {}, this syllabus writes {VERSION}",
                    path.display(),
                    cache.version
                ),
            )
            .with_help(format!(
                "delete {} and run `syllabus check --links` again",
                path.display()
            )));
        }
        Ok(cache)
    }

    /// A result recent enough to reuse: found alive no longer than `max_age` ago. Failures are
    /// always asked again, since they may have passed.
    pub(crate) fn fresh(&self, url: &str, now: u64, max_age: Duration) -> Option<&Entry> {
        self.links
            .get(url)
            .filter(|e| e.outcome.is_alive() && now.saturating_sub(e.checked) < max_age.as_secs())
    }

    /// The file's bytes: keys sorted, one entry per URL.
    pub(crate) fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).expect("a cache always serializes");
        out.push('\n');
        out
    }

    pub fn save(&self, path: &Path) -> Result<(), Diagnostic> {
        let fail = |e: std::io::Error| {
            Diagnostic::error(
                None,
                format!("cannot write the link cache {}: {e}", path.display()),
            )
            .with_help("check that the folder is writable, or give another file with --cache PATH")
        };
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        crate::output::write_atomic(path, self.to_json().as_bytes()).map_err(fail)
    }
}

pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_lives_beside_the_corpus_folder() {
        assert_eq!(
            default_path(&beside(Path::new("course/topics"))),
            Path::new("course/.syllabus/links.json")
        );
        assert_eq!(
            default_path(&beside(Path::new("topics"))),
            Path::new("./.syllabus/links.json")
        );
    }

    #[test]
    fn only_recent_successes_are_fresh() {
        let mut cache = Cache::default();
        let alive = Outcome::Alive {
            status: 200,
            moved: None,
            https: None,
        };
        let dead = Outcome::Status {
            status: 404,
            at: None,
        };
        cache.links.insert(
            "a".into(),
            Entry {
                checked: 1000,
                outcome: alive,
            },
        );
        cache.links.insert(
            "b".into(),
            Entry {
                checked: 1000,
                outcome: dead,
            },
        );
        let day = Duration::from_secs(86_400);
        assert!(cache.fresh("a", 1000 + 3600, day).is_some());
        assert!(cache.fresh("a", 1000 + 2 * 86_400, day).is_none());
        assert!(cache.fresh("b", 1000, day).is_none());
        assert!(cache.fresh("c", 1000, day).is_none());
    }

    #[test]
    fn a_missing_cache_is_empty_and_a_broken_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("links.json");
        assert_eq!(Cache::load(&path).unwrap(), Cache::default());
        std::fs::write(&path, "{ not json").unwrap();
        let err = Cache::load(&path).unwrap_err();
        assert!(err.message.contains("links.json:1:3"), "{err}");
        assert!(err.help.unwrap().contains("delete"));
    }
}
