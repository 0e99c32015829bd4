//! Writing the site atomically: each file goes into a fresh folder beside `--out` as soon as it
//! is rendered (so a build holds one page in memory, not the whole site), and the folder is
//! swapped in only when every file is written. `--out` is always either the old site or the
//! new one, never half of each; a build that fails or is killed leaves the old site alone.

use super::{Summary, MARKER};
use crate::diagnostics::Diagnostic;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The one sub-folder a site has, for the search index's shards.
pub const SEARCH_DIR: &str = "search/";

/// A site being written into a fresh folder; `finish` swaps it in, dropping it unfinished
/// removes it.
pub struct Writer {
    out: PathBuf,
    fresh: PathBuf,
    old: PathBuf,
    search_dir: bool,
    summary: Summary,
    finished: bool,
}

fn io(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(None, format!("cannot {what} {}: {e}", path.display()))
}

impl Writer {
    /// Make the fresh folder beside `out`, with the marker file in it first: a build killed
    /// halfway leaves a folder a later build may remove.
    pub fn create(out: &Path) -> Result<Self, Diagnostic> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| io("create", &parent, e))?;
        // `site/../site` names the folder through itself: once it is moved aside the path no
        // longer resolves, so the parent is resolved first and every step uses that.
        let parent = std::fs::canonicalize(&parent).map_err(|e| io("resolve", &parent, e))?;
        let name = out
            .file_name()
            .expect("checked by check_out")
            .to_string_lossy()
            .into_owned();
        remove_dead_builds(&parent, &name);
        let fresh = parent.join(format!(".{name}.new-{}", std::process::id()));
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        for stale in [&fresh, &old] {
            if stale.exists() {
                std::fs::remove_dir_all(stale).map_err(|e| io("remove", stale, e))?;
            }
        }
        std::fs::create_dir(&fresh).map_err(|e| io("create", &fresh, e))?;
        let writer = Writer {
            out: parent.join(&name),
            fresh,
            old,
            search_dir: false,
            summary: Summary {
                files: 1,
                pages: 0,
                bytes: 0,
            },
            finished: false,
        };
        let marker = writer.fresh.join(MARKER);
        std::fs::write(
            &marker,
            "Written by `syllabus build`, which replaces this whole folder on the next build.\n",
        )
        .map_err(|e| io("write", &marker, e))?;
        Ok(writer)
    }

    /// Write one file of the site; `name` is a bare file name, or one in `search/`.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.add_with(name, |out| {
            // A failed write is kept by `Counted` and reported with the file's path.
            let _ = out.write_all(bytes);
            Ok(())
        })
    }

    /// Write one file of the site as `write` produces it into the file (a page, as it renders).
    pub fn add_with(
        &mut self,
        name: &str,
        write: impl FnOnce(&mut dyn Write) -> Result<(), Diagnostic>,
    ) -> Result<(), Diagnostic> {
        check_name(name)?;
        if name.starts_with(SEARCH_DIR) && !self.search_dir {
            let dir = self.fresh.join(SEARCH_DIR);
            std::fs::create_dir(&dir).map_err(|e| io("create", &dir, e))?;
            self.search_dir = true;
        }
        let path = self.fresh.join(name);
        let file = std::fs::File::create(&path).map_err(|e| io("write", &path, e))?;
        let mut out = Counted {
            inner: std::io::BufWriter::new(file),
            bytes: 0,
            error: None,
        };
        let written = write(&mut out);
        let flushed = out.flush();
        if let Some(e) = out.error.take() {
            return Err(io("write", &path, e));
        }
        written?;
        flushed.map_err(|e| io("write", &path, e))?;
        self.summary.files += 1;
        self.summary.pages += usize::from(name.ends_with(".html"));
        self.summary.bytes += out.bytes;
        Ok(())
    }

    /// Put the new site in place of the old one.
    pub fn finish(mut self) -> Result<Summary, Diagnostic> {
        let (out, fresh, old) = (&self.out, &self.fresh, &self.old);
        if out.exists() {
            std::fs::rename(out, old).map_err(|e| io("move aside", out, e))?;
            if let Err(e) = std::fs::rename(fresh, out) {
                let _ = std::fs::rename(old, out);
                return Err(io("move into place", out, e));
            }
            // The new site is in place; a leftover old copy is untidy, not wrong.
            let _ = std::fs::remove_dir_all(old);
        } else {
            std::fs::rename(fresh, out).map_err(|e| io("move into place", out, e))?;
        }
        self.finished = true;
        Ok(self.summary.clone())
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.fresh);
        }
    }
}

/// A file being written: counts its bytes and keeps the first error, which the renderer writing
/// into it would otherwise report as its own.
struct Counted<W: Write> {
    inner: W,
    bytes: u64,
    error: Option<std::io::Error>,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.error.is_some() {
            return Err(std::io::Error::other("an earlier write failed"));
        }
        match self.inner.write(buf) {
            Ok(n) => {
                self.bytes += n as u64;
                Ok(n)
            }
            Err(e) => {
                let reported = std::io::Error::new(e.kind(), e.to_string());
                self.error = Some(e);
                Err(reported)
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Removes `.NAME.new-PID` and `.NAME.old-PID` folders that a build killed before it finished
/// left beside the site: only ours (they hold the marker) and only when process PID is gone.
fn remove_dead_builds(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let pid = [".new-", ".old-"].iter().find_map(|kind| {
            file_name
                .strip_prefix(&format!(".{name}{kind}"))
                .and_then(|pid| pid.parse::<u32>().ok())
        });
        let path = entry.path();
        if let Some(pid) = pid {
            if !process_alive(pid) && path.join(MARKER).is_file() {
                let _ = std::fs::remove_dir_all(&path);
            }
        }
    }
}

#[cfg(target_os = "linux")]
fn process_alive(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

/// Without /proc there is no cheap, dependency-free check: keep the folder.
#[cfg(not(target_os = "linux"))]
fn process_alive(_: u32) -> bool {
    true
}

/// Output names are bare file names; ids are validated upstream, and this keeps any slip from
/// writing outside the site folder. The one folder allowed is `search/`, for the index shards.
fn check_name(name: &str) -> Result<(), Diagnostic> {
    let bare = name.strip_prefix(SEARCH_DIR).unwrap_or(name);
    let ok = !bare.is_empty()
        && !bare.starts_with('.')
        && bare
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
    if ok {
        Ok(())
    } else {
        Err(Diagnostic::error(
            None,
            format!("refusing to write a site file named {name:?}"),
        ))
    }
}
