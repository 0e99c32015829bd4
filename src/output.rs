//! Writing files so that a reader never sees half of one: write a temporary file beside the
//! target, flush it to disk, then rename it over the target.

use std::io::Write;
use std::path::{Path, PathBuf};

pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_all_atomic([(path, bytes)])
}

/// Several files, all or none: each is written to a temporary file beside it first, and only
/// when every one is on disk are they renamed over their targets.
pub fn write_all_atomic<'a, P, B>(files: impl IntoIterator<Item = (P, B)>) -> std::io::Result<()>
where
    P: AsRef<Path> + 'a,
    B: AsRef<[u8]> + 'a,
{
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        for (path, bytes) in files {
            let path = path.as_ref();
            let tmp = temporary_beside(path)?;
            // Recorded before writing so that a failed write is cleaned up too.
            staged.push((tmp.clone(), path.to_path_buf()));
            let mut file = std::fs::File::create(&tmp).map_err(|e| {
                std::io::Error::new(e.kind(), format!("cannot write {}: {e}", tmp.display()))
            })?;
            file.write_all(bytes.as_ref())?;
            file.sync_all()?;
        }
        for (tmp, path) in &staged {
            std::fs::rename(tmp, path)?;
        }
        Ok(())
    })();
    if result.is_err() {
        for (tmp, _) in &staged {
            let _ = std::fs::remove_file(tmp);
        }
    }
    result
}

fn temporary_beside(path: &Path) -> std::io::Result<PathBuf> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other(format!("{} is not a file name", path.display())))?;
    Ok(dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.md");
        std::fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-dir").join("plan.md");
        assert!(write_atomic(&missing, b"new").is_err());
    }
}
