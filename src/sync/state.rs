//! `.syllabus/sync.json`: per feed, the newest post seen and where an unfinished walk of the
//! older posts goes on, so that the next run asks only for what is new. It is written with the
//! corpus, in the same all-or-nothing write, and only when it changes.

use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The state file beside the corpus folder: `DIR/../.syllabus/sync.json`, next to the link
/// check's cache.
pub fn default_path(topics_dir: &Path) -> PathBuf {
    let path = crate::linkcheck::cache::default_path(&crate::linkcheck::cache::beside(topics_dir))
        .with_file_name("sync.json");
    // `topics` has the parent `.`: say `.syllabus/sync.json`, as people write it.
    match path.strip_prefix(".") {
        Ok(rest) => rest.to_path_buf(),
        Err(_) => path,
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    pub version: u32,
    /// By feed: the handle, DID or `at://` URI as given.
    #[serde(default)]
    pub feeds: BTreeMap<String, FeedState>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedState {
    /// The newest entry read: a post, or a repost of one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newest: Option<Seen>,
    /// Where to go on reading older posts, when a walk stopped at its page limit before the
    /// end of the feed; `None` once the whole feed was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seen {
    /// The post's `at://` URI; for a repost, the repost's.
    pub uri: String,
    /// When it entered the feed (`indexedAt`, RFC 3339).
    pub time: String,
}

pub const VERSION: u32 = 1;

/// The state file as read: its text (for the write to check it is still there) and its value.
#[derive(Debug)]
pub struct Loaded {
    pub text: Option<String>,
    pub state: State,
}

pub fn load(path: &Path) -> Result<Loaded, Diagnostic> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Loaded {
                text: None,
                state: State {
                    version: VERSION,
                    ..State::default()
                },
            })
        }
        Err(e) => {
            return Err(
                Diagnostic::error(None, format!("cannot read {}: {e}", path.display()))
                    .with_help("check its permissions, or delete it to sync from the start"),
            )
        }
    };
    let state: State = serde_json::from_str(&text).map_err(|e| {
        Diagnostic::error(
            None,
            format!(
                "{}:{}:{}: not a sync state file: {e}",
                path.display(),
                e.line(),
                e.column()
            ),
        )
        .with_help("delete it (the next sync reads the whole feed again, which changes nothing already imported)")
    })?;
    if state.version != VERSION {
        return Err(Diagnostic::error(
            None,
            format!(
                "{}: sync state version {} is not known (this syllabus writes {VERSION})",
                path.display(),
                state.version
            ),
        )
        .with_help("delete it, or use the syllabus that wrote it"));
    }
    Ok(Loaded {
        text: Some(text),
        state,
    })
}

/// The file's text: keys sorted, so the same state is the same bytes.
pub fn render(state: &State) -> String {
    let mut text = serde_json::to_string_pretty(state).expect("plain data serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sync.json");
        let empty = load(&path).unwrap();
        assert_eq!(empty.text, None);
        let mut state = empty.state;
        state.feeds.insert(
            "a.bsky.social".into(),
            FeedState {
                newest: Some(Seen {
                    uri: "at://did:plc:a/app.bsky.feed.post/1".into(),
                    time: "2025-01-01T00:00:00.000Z".into(),
                }),
                cursor: None,
            },
        );
        std::fs::write(&path, render(&state)).unwrap();
        assert_eq!(load(&path).unwrap().state, state);
        std::fs::write(&path, "{\"version\": 1, \"feeds\": 3}").unwrap();
        let e = load(&path).unwrap_err();
        assert!(e.message.contains("sync.json:1:"), "{}", e.message);
        assert!(e.message.contains("not a sync state file"), "{}", e.message);
        std::fs::write(&path, "{\"version\": 9}").unwrap();
        assert!(load(&path).unwrap_err().message.contains("version 9"));
    }
}
