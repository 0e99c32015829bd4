//! All or none across files, also when the process is killed: the journal of a multi-file write.
//!
//! [`crate::output::replace_all`] writes every new file beside its target first (`.X.tmp-PID`,
//! flushed to disk) and keeps a second name for each old one (`.X.old-PID`). Then, before the
//! first rename, it writes the journal `.syllabus-journal-PID` into the folder of the first
//! file (the corpus folder): the list of renames still to do. From that moment the write is
//! decided. If the process dies half way through the renames, whoever opens the folder next
//! ([`recover`], run by every writer under the corpus lock and by every reader that can take
//! it) does the renames that are left, so the corpus is all old or all new, never half. A
//! process killed before the journal existed changed no file; its temporary files are removed.
//!
//! A file that someone saved after the interrupted write (it is no longer the old file) is kept
//! as they saved it, and the message says so.

use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The journal's file name before the PID of the process that wrote it.
const PREFIX: &str = ".syllabus-journal-";

/// One rename a journal promises: `tmp` over `target`; `backup` is the old target (a hard
/// link to it, or a copy), absent when the target did not exist.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub(crate) struct Entry {
    pub tmp: PathBuf,
    pub target: PathBuf,
    pub backup: Option<PathBuf>,
}

#[derive(Serialize, Deserialize)]
struct File {
    syllabus_journal: u32,
    renames: Vec<Entry>,
}

/// A journal on disk, removed by [`Journal::done`] (or left for [`recover`] by a crash).
pub(crate) struct Journal {
    path: PathBuf,
}

/// The folder a journal for `first` goes into: the folder the caller named the file in.
pub(crate) fn folder_of(first: &Path) -> PathBuf {
    match first.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes the journal of `entries` into `dir`, on disk (file and folder synced) before it
/// returns: the commit point of the write.
pub(crate) fn begin(dir: &Path, entries: &[Entry]) -> io::Result<Journal> {
    let absolute = |p: &Path| std::path::absolute(p);
    let renames = entries
        .iter()
        .map(|e| {
            Ok(Entry {
                tmp: absolute(&e.tmp)?,
                target: absolute(&e.target)?,
                backup: e.backup.as_deref().map(absolute).transpose()?,
            })
        })
        .collect::<io::Result<Vec<Entry>>>()?;
    let text = serde_json::to_vec_pretty(&File {
        syllabus_journal: 1,
        renames,
    })
    .map_err(|e| io::Error::other(format!("cannot write the journal: {e}")))?;
    let path = dir.join(format!("{PREFIX}{}", std::process::id()));
    let tmp = dir.join(format!("{PREFIX}{}.tmp", std::process::id()));
    let mut file = fs::File::create(&tmp)?;
    file.write_all(&text)?;
    file.sync_all()?;
    fs::rename(&tmp, &path)?;
    sync_dir(dir);
    Ok(Journal { path })
}

impl Journal {
    /// The renames are done (or undone): the journal goes.
    pub(crate) fn done(self) {
        if let Some(dir) = self.path.parent() {
            sync_dir(dir);
        }
        let _ = fs::remove_file(&self.path);
    }
}

/// Flushes a folder's entries (the renames in it) to disk, where the system allows it.
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Test-only: a pause before each rename of a multi-file write, so that a test can kill the
/// process half way. Read only in debug builds; a release binary ignores it.
pub(crate) fn pause_for_tests() {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("SYLLABUS_TEST_RENAME_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// What [`recover`] did, for a warning.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Recovered {
    /// Files an interrupted write had decided to replace and that are replaced now.
    pub completed: Vec<PathBuf>,
    /// Files that changed after the interruption and were kept as they are.
    pub kept: Vec<PathBuf>,
    /// Temporary files of dead processes, removed.
    pub removed: usize,
}

#[cfg(test)]
impl Recovered {
    pub(crate) fn is_empty(&self) -> bool {
        self == &Recovered::default()
    }
}

/// Finishes every write into `dir` that a process killed half way left (its journal), then
/// removes what dead processes left beside the files: `.X.toml.tmp-PID`, `.X.toml.old-PID`,
/// and half-written journals. The caller holds the corpus lock, so no live writer is among
/// them; files of live processes are left anyway.
pub(crate) fn recover(dir: &Path) -> io::Result<Recovered> {
    let mut out = Recovered::default();
    let mut leftovers = Vec::new();
    for entry in fs::read_dir(dir)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(pid) = name
            .strip_prefix(PREFIX)
            .and_then(|p| p.parse::<u32>().ok())
        {
            if !process_alive(pid) {
                roll_forward(&entry.path(), &mut out)?;
            }
        } else if let Some(pid) = leftover_pid(&name) {
            if !process_alive(pid) {
                leftovers.push(entry.path());
            }
        }
    }
    for path in leftovers {
        // A journal's own temporary files are gone by now if it named them.
        if fs::remove_file(&path).is_ok() {
            out.removed += 1;
        }
    }
    Ok(out)
}

/// Whether `dir` holds a journal or a writer's leftover: the cheap test before [`recover`].
pub(crate) fn anything_to_recover(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        name.starts_with(PREFIX) || leftover_pid(&name).is_some()
    })
}

/// The PID in the name of something a writer leaves beside a file it replaces while it works:
/// `.NAME.toml.tmp-PID`, `.NAME.toml.old-PID` (a corpus file), `.NAME.json.tmp-PID` (a state
/// file beside the corpus, such as sync's), `.syllabus-journal-PID.tmp`.
fn leftover_pid(name: &str) -> Option<u32> {
    if let Some(rest) = name.strip_prefix(PREFIX) {
        return rest.strip_suffix(".tmp")?.parse().ok();
    }
    let rest = name.strip_prefix('.')?;
    let (stem, pid) = rest.rsplit_once('-')?;
    let is_ours = [".toml.tmp", ".toml.old", ".json.tmp", ".json.old"]
        .iter()
        .any(|end| stem.ends_with(end));
    if is_ours {
        pid.parse().ok()
    } else {
        None
    }
}

fn roll_forward(journal: &Path, out: &mut Recovered) -> io::Result<()> {
    let text = fs::read(journal)?;
    let file: File = serde_json::from_slice(&text).map_err(|e| {
        io::Error::other(format!(
            "{} is not a journal syllabus can read ({e}); remove it after checking the corpus",
            journal.display()
        ))
    })?;
    for e in &file.renames {
        if !e.tmp.exists() {
            // Renamed before the interruption.
            continue;
        }
        if untouched(e) {
            fs::rename(&e.tmp, &e.target)?;
            out.completed.push(e.target.clone());
        } else {
            fs::remove_file(&e.tmp)?;
            out.kept.push(e.target.clone());
        }
    }
    for e in &file.renames {
        if let Some(dir) = e.target.parent() {
            sync_dir(dir);
        }
        if let Some(backup) = &e.backup {
            let _ = fs::remove_file(backup);
        }
    }
    fs::remove_file(journal)
}

/// Whether `e.target` is still what it was when the journal was written: the old file (the
/// backup is a second name for it, or a copy of it), or absent when it did not exist.
fn untouched(e: &Entry) -> bool {
    match &e.backup {
        None => !e.target.exists(),
        Some(backup) => {
            same_file(backup, &e.target) || {
                matches!((fs::read(backup), fs::read(&e.target)), (Ok(a), Ok(b)) if a == b)
            }
        }
    }
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    pid == std::process::id() || Path::new("/proc").join(pid.to_string()).exists()
}

/// Without /proc there is no cheap, dependency-free check: only our own files are known to be
/// ours to finish, so nothing is touched.
#[cfg(not(target_os = "linux"))]
fn process_alive(_: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftover_names() {
        assert_eq!(leftover_pid(".time.toml.tmp-123"), Some(123));
        assert_eq!(leftover_pid(".time.toml.old-9"), Some(9));
        assert_eq!(leftover_pid(".syllabus-journal-77.tmp"), Some(77));
        assert_eq!(leftover_pid(".syllabus-journal-77"), None);
        assert_eq!(leftover_pid(".sync.json.tmp-42"), Some(42));
        assert_eq!(leftover_pid(".notes.md.tmp-5"), None);
        assert_eq!(leftover_pid("time.toml"), None);
        assert_eq!(leftover_pid(".time.toml.tmp-x"), None);
    }

    /// A dead process: one that ran and was waited for.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        pid
    }

    #[test]
    fn a_journal_of_a_dead_process_is_completed_and_its_leftovers_removed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let pid = dead_pid();
        // `a` was renamed before the kill, `b` not yet, `c` is new and not renamed, `e` was
        // saved by someone after the kill.
        fs::write(d.join("a.toml"), "a new").unwrap();
        fs::write(d.join("b.toml"), "b old").unwrap();
        fs::hard_link(d.join("b.toml"), d.join(format!(".b.toml.old-{pid}"))).unwrap();
        fs::write(d.join(format!(".b.toml.tmp-{pid}")), "b new").unwrap();
        fs::write(d.join(format!(".c.toml.tmp-{pid}")), "c new").unwrap();
        fs::write(d.join(format!(".e.toml.old-{pid}")), "e old").unwrap();
        fs::write(d.join(format!(".e.toml.tmp-{pid}")), "e new").unwrap();
        fs::write(d.join("e.toml"), "e saved by hand").unwrap();
        let entry = |n: &str, backup: bool| Entry {
            tmp: d.join(format!(".{n}.toml.tmp-{pid}")),
            target: d.join(format!("{n}.toml")),
            backup: backup.then(|| d.join(format!(".{n}.toml.old-{pid}"))),
        };
        let file = File {
            syllabus_journal: 1,
            renames: vec![
                entry("a", true),
                entry("b", true),
                entry("c", false),
                entry("e", true),
            ],
        };
        fs::write(
            d.join(format!("{PREFIX}{pid}")),
            serde_json::to_vec(&file).unwrap(),
        )
        .unwrap();
        // Someone else's leftovers of a dead build: a stray temporary file, removed too.
        fs::write(d.join(format!(".z.toml.tmp-{pid}")), "half").unwrap();
        let done = recover(d).unwrap();
        assert_eq!(done.completed, vec![d.join("b.toml"), d.join("c.toml")]);
        assert_eq!(done.kept, vec![d.join("e.toml")]);
        assert_eq!(done.removed, 1);
        let read = |n: &str| fs::read_to_string(d.join(n)).unwrap();
        assert_eq!(read("a.toml"), "a new");
        assert_eq!(read("b.toml"), "b new");
        assert_eq!(read("c.toml"), "c new");
        assert_eq!(read("e.toml"), "e saved by hand");
        let mut names: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.toml", "b.toml", "c.toml", "e.toml"]);
    }

    #[test]
    fn files_of_a_live_process_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir
            .path()
            .join(format!(".x.toml.tmp-{}", std::process::id()));
        fs::write(&mine, "writing").unwrap();
        assert!(recover(dir.path()).unwrap().is_empty());
        assert!(mine.exists());
    }
}
