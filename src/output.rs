//! Writing files so that a reader never sees half of one and nothing a user saved is silently
//! replaced: a temporary file beside the target, flushed, then renamed over it; the target's
//! mode is kept, a symlink's target is updated (not the link), and what is not a regular file
//! (a FIFO, `/dev/stdout`) is written through instead of being replaced.
//!
//! Edits of files people also edit (the progress file, topic files) go through `update`:
//! read under an advisory lock, edit, check the file still holds the bytes read, rename. Several
//! files change all or none (`replace_all`): a failed rename puts back the ones already renamed,
//! and a process killed during the renames is completed by the next run (`crate::journal`).
//! Reads of user-named files are bounded (`read_limited`): `/dev/zero` is refused, not read.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// How many times [`update`] re-reads and redoes an edit when the file changed under it.
const ATTEMPTS: usize = 5;

pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_all_atomic([(path, bytes)])
}

/// Several files, all or none, whatever they held before (see [`replace_all`]).
pub(crate) fn write_all_atomic<'a, P, B>(files: impl IntoIterator<Item = (P, B)>) -> io::Result<()>
where
    P: AsRef<Path> + 'a,
    B: AsRef<[u8]> + 'a,
{
    let files: Vec<Replacement> = files
        .into_iter()
        .map(|(p, b)| Replacement {
            path: p.as_ref().to_path_buf(),
            bytes: b.as_ref().to_vec(),
            expect: Expect::Anything,
        })
        .collect();
    // Callers name the file themselves: a plain failure is passed on as it came.
    replace_all(&files).map_err(|e| match e {
        WriteError::Io {
            error,
            restored,
            not_restored,
            ..
        } if restored.is_empty() && not_restored.is_empty() => error,
        other => io::Error::other(other.to_string()),
    })
}

/// What a file must still hold for a replacement to go ahead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Expect {
    Anything,
    /// It did not exist when it was read.
    Absent,
    /// The bytes the new text was made from.
    Bytes(Vec<u8>),
}

/// One file to replace.
#[derive(Clone, Debug)]
pub(crate) struct Replacement {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub expect: Expect,
}

/// Writes `changed` all or none, each file only if it still holds the text `read` gives for it
/// (or is still absent where `read` has none): for edits of files loaded earlier, such as the
/// topic files an import or a link fix rewrites.
pub(crate) fn replace_read<'a>(
    read: impl Fn(&Path) -> Option<&'a str>,
    changed: &std::collections::BTreeMap<PathBuf, String>,
) -> Result<(), WriteError> {
    let files: Vec<Replacement> = changed
        .iter()
        .map(|(path, text)| Replacement {
            path: path.clone(),
            bytes: text.clone().into_bytes(),
            expect: match read(path) {
                Some(text) => Expect::Bytes(text.as_bytes().to_vec()),
                None => Expect::Absent,
            },
        })
        .collect();
    replace_all(&files)
}

/// Why [`replace_all`] or [`update`] wrote nothing, or not everything.
#[derive(Debug)]
pub(crate) enum WriteError {
    /// Someone else changed `path` since it was read; nothing was written.
    Changed { path: PathBuf },
    /// Writing or renaming `path` failed. Files in `restored` had been replaced and were put
    /// back; files in `not_restored` could not be, and hold the new text.
    Io {
        path: PathBuf,
        error: io::Error,
        restored: Vec<PathBuf>,
        not_restored: Vec<(PathBuf, io::Error)>,
    },
}

impl WriteError {
    fn io(path: &Path, error: io::Error) -> WriteError {
        WriteError::Io {
            path: path.to_path_buf(),
            error,
            restored: Vec::new(),
            not_restored: Vec::new(),
        }
    }

    /// True when every file is as it was before the write began.
    pub fn nothing_changed(&self) -> bool {
        match self {
            WriteError::Changed { .. } => true,
            WriteError::Io { not_restored, .. } => not_restored.is_empty(),
        }
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Changed { path } => write!(
                f,
                "{} was changed by someone else while syllabus was editing it; it was left as they saved it",
                path.display()
            ),
            WriteError::Io {
                path,
                error,
                restored,
                not_restored,
            } => {
                write!(f, "cannot write {}: {error}", path.display())?;
                if !restored.is_empty() {
                    let names: Vec<String> =
                        restored.iter().map(|p| p.display().to_string()).collect();
                    write!(f, "; put back as it was: {}", names.join(", "))?;
                }
                for (p, e) in not_restored {
                    write!(
                        f,
                        "; {} has the new text and could not be put back: {e}",
                        p.display()
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for WriteError {}

/// Where a write to `path` really goes.
enum Target {
    /// A regular file (or one to create): replaced by rename. A symlink is resolved to it.
    Regular(PathBuf),
    /// A FIFO, a device, a socket: written in place, never replaced.
    Through(PathBuf),
}

fn target(path: &Path) -> io::Result<Target> {
    let resolved = resolve_links(path)?;
    match fs::metadata(&resolved) {
        Ok(m) if m.is_file() => Ok(Target::Regular(resolved)),
        Ok(m) if m.is_dir() => Err(io::Error::other(format!(
            "{} is a folder, not a file",
            path.display()
        ))),
        Ok(_) => Ok(Target::Through(resolved)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Target::Regular(resolved)),
        Err(e) => Err(e),
    }
}

/// `path` with symlinks followed, also when the last one dangles (the write creates its target).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// Replaces every file, all or none. Each is written to a temporary file beside it first (with
/// the old file's mode); each `expect` is checked; then they are renamed over their targets,
/// and when one rename fails the ones before it are put back.
pub(crate) fn replace_all(files: &[Replacement]) -> Result<(), WriteError> {
    replace_all_with(files, &mut |from, to| fs::rename(from, to))
}

struct Staged<'a> {
    file: &'a Replacement,
    target: PathBuf,
    tmp: PathBuf,
    backup: Option<PathBuf>,
}

fn replace_all_with(
    files: &[Replacement],
    rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
) -> Result<(), WriteError> {
    let mut staged: Vec<Staged> = Vec::new();
    let result = stage_and_rename(files, &mut staged, rename);
    for s in &staged {
        let _ = fs::remove_file(&s.tmp);
        if let Some(backup) = &s.backup {
            let _ = fs::remove_file(backup);
        }
    }
    result
}

fn stage_and_rename<'a>(
    files: &'a [Replacement],
    staged: &mut Vec<Staged<'a>>,
    rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
) -> Result<(), WriteError> {
    for file in files {
        match target(&file.path).map_err(|e| WriteError::io(&file.path, e))? {
            Target::Through(path) => {
                write_through(&path, &file.bytes).map_err(|e| WriteError::io(&file.path, e))?
            }
            Target::Regular(target) => {
                let tmp = beside(&target, "tmp").map_err(|e| WriteError::io(&file.path, e))?;
                // Recorded before writing so that a failed write is cleaned up too.
                staged.push(Staged {
                    file,
                    target: target.clone(),
                    tmp: tmp.clone(),
                    backup: None,
                });
                write_new(&tmp, &target, &file.bytes).map_err(|e| WriteError::io(&file.path, e))?;
            }
        }
    }
    for s in staged.iter() {
        if !still(&s.target, &s.file.expect) {
            return Err(WriteError::Changed {
                path: s.file.path.clone(),
            });
        }
    }
    // One file needs no backup: a failed rename leaves it as it was.
    let several = staged.len() > 1;
    for s in staged.iter_mut() {
        if s.target.exists() && several {
            let backup = beside(&s.target, "old").map_err(|e| WriteError::io(&s.file.path, e))?;
            keep_copy(&s.target, &backup).map_err(|e| WriteError::io(&s.file.path, e))?;
            s.backup = Some(backup);
        }
    }
    // The commit point: once the journal is on disk, a process killed during the renames is
    // completed by the next one to open the folder (see `crate::journal`).
    let journal = if several {
        let entries: Vec<crate::journal::Entry> = staged
            .iter()
            .map(|s| crate::journal::Entry {
                tmp: s.tmp.clone(),
                target: s.target.clone(),
                backup: s.backup.clone(),
            })
            .collect();
        let dir = crate::journal::folder_of(&files[0].path);
        Some(crate::journal::begin(&dir, &entries).map_err(|e| WriteError::io(&dir, e))?)
    } else {
        None
    };
    for i in 0..staged.len() {
        if several {
            crate::journal::pause_for_tests();
        }
        if let Err(error) = rename(&staged[i].tmp, &staged[i].target) {
            let (restored, not_restored) = roll_back(&staged[..i], rename);
            if let Some(journal) = journal {
                journal.done();
            }
            return Err(WriteError::Io {
                path: staged[i].file.path.clone(),
                error,
                restored,
                not_restored,
            });
        }
    }
    if let Some(journal) = journal {
        journal.done();
    }
    Ok(())
}

/// Puts the already renamed files back: the old file from its backup, a new file removed.
fn roll_back(
    done: &[Staged],
    rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
) -> (Vec<PathBuf>, Vec<(PathBuf, io::Error)>) {
    let mut restored = Vec::new();
    let mut not_restored = Vec::new();
    for s in done.iter().rev() {
        let back = match &s.backup {
            Some(backup) => rename(backup, &s.target),
            None => fs::remove_file(&s.target),
        };
        match back {
            Ok(()) => restored.push(s.file.path.clone()),
            Err(e) => not_restored.push((s.file.path.clone(), e)),
        }
    }
    restored.reverse();
    (restored, not_restored)
}

/// A second name for the old file (a hard link), or a copy where links are not supported.
fn keep_copy(from: &Path, to: &Path) -> io::Result<()> {
    let _ = fs::remove_file(to);
    fs::hard_link(from, to).or_else(|_| fs::copy(from, to).map(|_| ()))
}

fn still(path: &Path, expect: &Expect) -> bool {
    match expect {
        Expect::Anything => true,
        Expect::Absent => !path.exists(),
        Expect::Bytes(bytes) => fs::read(path).is_ok_and(|now| now == *bytes),
    }
}

/// Writes `bytes` to the new file `tmp` with the mode `like` has (when it exists), on disk.
fn write_new(tmp: &Path, like: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = File::create(tmp)?;
    if let Ok(meta) = fs::metadata(like) {
        file.set_permissions(meta.permissions())?;
    }
    file.write_all(bytes)?;
    file.sync_all()
}

fn write_through(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .truncate(false)
        .open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

fn beside(path: &Path, what: &str) -> io::Result<PathBuf> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other(format!("{} is not a file name", path.display())))?;
    Ok(dir.join(format!(
        ".{}.{what}-{}",
        name.to_string_lossy(),
        std::process::id()
    )))
}

/// An exclusive advisory lock on a file, held until this is dropped (the file is closed).
pub(crate) struct Lock {
    _file: File,
}

/// Locks `path` (a regular file, created empty when absent, or a folder). A file replaced by
/// rename while we waited is a new file, so the lock is taken again on what the path names now.
pub(crate) fn lock(path: &Path) -> io::Result<Lock> {
    for _ in 0..100 {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)?,
            Err(e) => return Err(e),
        };
        fs4::FileExt::lock(&file)?;
        if same_file(&file, path) {
            return Ok(Lock { _file: file });
        }
    }
    Err(io::Error::other(format!(
        "{} keeps being replaced; cannot lock it",
        path.display()
    )))
}

/// The lock of a corpus folder, which every command that writes into it takes (import,
/// `check --links --fix`, `new --from` into an existing folder, the feed's sync): an advisory
/// lock on the folder itself. Taking it also completes a write into the folder that a killed
/// process left half done (`crate::journal`); `notes` says what was done.
pub struct CorpusLock {
    _lock: Option<Lock>,
    pub notes: Vec<crate::diagnostics::Diagnostic>,
}

pub fn lock_corpus(dir: &Path) -> Result<CorpusLock, crate::error::Error> {
    let lock = lock_folder(dir).map_err(|e| {
        crate::error::Error::io(crate::diagnostics::Diagnostic::error(
            None,
            format!("cannot lock the corpus folder {}: {e}", dir.display()),
        ))
    })?;
    let notes = recovery_notes(dir, crate::journal::recover(dir));
    Ok(CorpusLock { _lock: lock, notes })
}

#[cfg(unix)]
fn lock_folder(dir: &Path) -> io::Result<Option<Lock>> {
    lock(dir).map(Some)
}

/// Folders cannot be opened as files here; the check before each rename still holds.
#[cfg(not(unix))]
fn lock_folder(_: &Path) -> io::Result<Option<Lock>> {
    Ok(None)
}

/// For readers: completes an interrupted write into `dir` when no writer holds the folder
/// (one that does completes it itself), so that what is read is all old or all new.
pub(crate) fn recover_if_free(dir: &Path) -> Vec<crate::diagnostics::Diagnostic> {
    if !crate::journal::anything_to_recover(dir) {
        return Vec::new();
    }
    #[cfg(unix)]
    {
        let Ok(file) = File::open(dir) else {
            return Vec::new();
        };
        if fs4::FileExt::try_lock(&file).is_err() {
            return Vec::new();
        }
        recovery_notes(dir, crate::journal::recover(dir))
    }
    #[cfg(not(unix))]
    Vec::new()
}

fn recovery_notes(
    dir: &Path,
    recovered: io::Result<crate::journal::Recovered>,
) -> Vec<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::Diagnostic;
    let names = |paths: &[PathBuf]| {
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match recovered {
        Err(e) => vec![Diagnostic::warning(
            None,
            format!(
                "{}: a write into it was interrupted and cannot be completed: {e}",
                dir.display()
            ),
        )
        .with_help("check the files named there, then run the command again")],
        Ok(r) => {
            let mut notes = Vec::new();
            if !r.completed.is_empty() {
                notes.push(Diagnostic::warning(
                    None,
                    format!(
                        "a write into {} was interrupted; it is completed now: {}",
                        dir.display(),
                        names(&r.completed)
                    ),
                ));
            }
            if !r.kept.is_empty() {
                notes.push(
                    Diagnostic::warning(
                        None,
                        format!(
                            "a write into {} was interrupted, and these files changed since; kept as they are: {}",
                            dir.display(),
                            names(&r.kept)
                        ),
                    )
                    .with_help("run the interrupted command again to redo its changes to them"),
                );
            }
            notes
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

/// Read-lock-edit-verify-rename for a text file people also edit: `edit` gets the text (empty
/// when the file does not exist) and returns the new text. The file is locked while it is read
/// and written, and replaced only when it still holds the bytes read; when it does not (an
/// editor saved it meanwhile), it is read again and the edit redone.
pub(crate) fn update<T, E>(
    path: &Path,
    limit: u64,
    mut edit: impl FnMut(&str) -> Result<(String, T), E>,
) -> Result<T, UpdateError<E>> {
    let target = match target(path).map_err(|e| WriteError::io(path, e))? {
        Target::Regular(t) => t,
        Target::Through(_) => {
            return Err(UpdateError::Write(WriteError::io(
                path,
                io::Error::other("it is not a regular file, so it cannot be edited in place"),
            )))
        }
    };
    let existed = target.exists();
    for _ in 0..ATTEMPTS {
        let _lock = lock(&target).map_err(|e| WriteError::io(path, e))?;
        let before = read_limited(&target, limit).map_err(|e| WriteError::io(path, e))?;
        let text = String::from_utf8(before.clone())
            .map_err(|_| WriteError::io(path, io::Error::other("it is not UTF-8 text")))?;
        let (after, value) = match edit(&text) {
            Ok(v) => v,
            Err(e) => {
                if !existed && before.is_empty() {
                    let _ = fs::remove_file(&target);
                }
                return Err(UpdateError::Edit(e));
            }
        };
        if after.as_bytes() == before {
            return Ok(value);
        }
        let file = Replacement {
            path: target.clone(),
            bytes: after.into_bytes(),
            expect: Expect::Bytes(before),
        };
        match replace_all(std::slice::from_ref(&file)) {
            Ok(()) => return Ok(value),
            Err(WriteError::Changed { .. }) => continue,
            Err(e) => return Err(UpdateError::Write(e)),
        }
    }
    Err(UpdateError::Write(WriteError::Changed {
        path: path.to_path_buf(),
    }))
}

/// Why [`update`] did not write.
#[derive(Debug)]
pub(crate) enum UpdateError<E> {
    /// The edit refused the text.
    Edit(E),
    Write(WriteError),
}

impl<E> From<WriteError> for UpdateError<E> {
    fn from(e: WriteError) -> Self {
        UpdateError::Write(e)
    }
}

/// Text as it may reach a terminal: control characters other than newline and tab (ESC, BEL,
/// C1, DEL), which could move the cursor, clear the screen or write the clipboard, are shown
/// escaped (`\u{1b}`) instead of being sent.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    // One pass over the bytes: no copy of the text (outputs run to a hundred megabytes)
    // unless something in it has to be escaped. Control characters are the bytes below 0x20,
    // 0x7f, and 0xc2 0x80-0x9f in UTF-8. Blocks of 64 bytes are tested whole (the compiler
    // makes that a few vector instructions), bytes one by one only in a block that may hold one.
    // Bidirectional controls start with 0xd8 (U+061C) or 0xe2 (U+200E-U+2069).
    let suspect = |b: u8| {
        (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f || b == 0xc2 || b == 0xd8 || b == 0xe2
    };
    let bytes = text.as_bytes();
    let mut first_bad = None;
    'blocks: for (n, block) in bytes.chunks(64).enumerate() {
        if !block.iter().fold(false, |any, &b| any | suspect(b)) {
            continue;
        }
        for (j, &b) in block.iter().enumerate() {
            let i = n * 64 + j;
            if !suspect(b) {
                continue;
            }
            let c = text[i..].chars().next().expect("a character starts here");
            if is_bad(c, text[i + c.len_utf8()..].chars().next()) {
                first_bad = Some(i);
                break 'blocks;
            }
        }
    }
    let Some(start) = first_bad else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..start]);
    let mut chars = text[start..].chars().peekable();
    while let Some(c) = chars.next() {
        if is_bad(c, chars.peek().copied()) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `printable` escapes `c` (followed by `next`): a control character other than
/// newline and tab, and a CR only when it does not end a CRLF line (iCalendar needs those);
/// and the bidirectional controls, which make a terminal show text in another order than it
/// is (U+202E turns `exe.txt` around).
fn is_bad(c: char, next: Option<char>) -> bool {
    (c.is_control() && c != '\n' && c != '\t' && !(c == '\r' && next == Some('\n')))
        || is_bidi_control(c)
}

/// The Unicode bidirectional formatting characters: marks, embeddings, overrides, isolates.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether a character written into JSON is escaped (`\u0085`) rather than written as itself:
/// what [`printable`] would otherwise change in the JSON on its way to a terminal (making it
/// invalid), and the line separators JavaScript once refused in strings.
fn json_escapes(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || c == '\u{2028}' || c == '\u{2029}'
}

/// A pretty JSON formatter that writes every character [`json_escapes`] names as a `\uXXXX`
/// escape: the JSON stays valid, and nothing in it is a raw control on a terminal.
struct SafeJson<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for SafeJson<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Nearly every fragment is printable ASCII, which needs no look at its characters.
        if fragment.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if json_escapes(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// `value` as pretty JSON (serde_json's layout) written to `out`, with the characters that
/// would not survive a terminal escaped the JSON way (see `json_escapes`).
pub fn write_json_pretty<T: serde::Serialize + ?Sized>(
    out: impl Write,
    value: &T,
) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(
        out,
        SafeJson(serde_json::ser::PrettyFormatter::new()),
    );
    value.serialize(&mut ser).map_err(io::Error::from)
}

/// `write` into `out` as it is made, through a [`PrintableWriter`], buffered, then flushed: for
/// an output made a token at a time (a serializer's). The buffer comes before the escaping,
/// since `PrintableWriter` is cheap only on large blocks.
pub fn write_printable<W: Write>(
    out: W,
    write: impl FnOnce(&mut io::BufWriter<PrintableWriter<W>>) -> io::Result<()>,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, PrintableWriter::new(out));
    write(&mut out)?;
    out.into_inner()
        .map_err(io::IntoInnerError::into_error)?
        .finish()
        .map(drop)
}

/// A writer passing on what `printable` would make of the text written to it, so that a large
/// output goes out as it is made. The text must be UTF-8; a character or a CR split between two
/// writes is held until the next one (or [`PrintableWriter::finish`]).
pub struct PrintableWriter<W: Write> {
    inner: W,
    /// The start of a character not complete yet, or a CR waiting to see what follows it.
    pending: Vec<u8>,
}

impl<W: Write> PrintableWriter<W> {
    pub fn new(inner: W) -> Self {
        PrintableWriter {
            inner,
            pending: Vec::new(),
        }
    }

    /// Write out what is held back (a CR at the very end is escaped, as `printable` does) and
    /// flush.
    pub fn finish(mut self) -> io::Result<W> {
        let rest = std::mem::take(&mut self.pending);
        self.inner
            .write_all(printable(&String::from_utf8_lossy(&rest)).as_bytes())?;
        self.inner.flush()?;
        Ok(self.inner)
    }

    /// Pass on `text`, all of whose characters are complete and which does not end in a CR.
    fn pass(&mut self, text: &str) -> io::Result<()> {
        self.inner.write_all(printable(text).as_bytes())
    }
}

impl<W: Write> Write for PrintableWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.pending);
        let joined = !bytes.is_empty();
        let data: &[u8] = if joined {
            bytes.extend_from_slice(buf);
            &bytes
        } else {
            buf
        };
        // Hold back an incomplete character at the end, and a final CR (its LF may follow).
        let mut end = match std::str::from_utf8(data) {
            Ok(_) => data.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => return Err(io::Error::new(io::ErrorKind::InvalidData, "not UTF-8")),
        };
        if end > 0 && data[end - 1] == b'\r' {
            end -= 1;
        }
        let text = std::str::from_utf8(&data[..end]).expect("checked above");
        self.pass(text)?;
        self.pending = data[end..].to_vec();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The bytes of the regular file `path`, at most `limit` of them: a FIFO, a device or a file
/// larger than `limit` is an error that says so, instead of a read without end.
pub(crate) fn read_limited(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::other(if meta.is_dir() {
            "it is a folder, not a file".to_string()
        } else {
            "it is not a regular file (a device or a pipe?); pass a file".to_string()
        }));
    }
    // Room for the whole file at once: read through `take`, `read_to_end` does not know the
    // size and grows the buffer by doubling, which for the 10,000 files of a large corpus was
    // a copy of each and nearly twice its bytes held.
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize + 1);
    File::open(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::other(format!(
            "it is larger than {} MB; syllabus reads files up to that size",
            limit / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_escapes_controls_and_keeps_crlf_also_when_streamed() {
        let text = "a\u{1b}[2Jb\r\nc\rd\u{85}é\t\u{7f}\r";
        let want = "a\\u{1b}[2Jb\r\nc\\u{d}d\\u{85}é\t\\u{7f}\\u{d}";
        assert_eq!(printable(text), want);
        assert!(matches!(
            printable("plain\r\n"),
            std::borrow::Cow::Borrowed(_)
        ));
        // Wherever it falls among the blocks the scan tests whole.
        for at in [0, 63, 64, 127, 200] {
            let before = "é".repeat(at / 2) + &"x".repeat(at % 2);
            let long = format!("{before}\u{9b}{}\r\n", "y".repeat(70));
            let want = long.replace('\u{9b}', "\\u{9b}");
            assert_eq!(printable(&long), want, "at {at}");
        }
        // Every way of cutting the bytes into two writes gives the same bytes.
        for cut in 0..=text.len() {
            let mut w = PrintableWriter::new(Vec::new());
            w.write_all(&text.as_bytes()[..cut]).unwrap();
            w.write_all(&text.as_bytes()[cut..]).unwrap();
            let out = w.finish().unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), want, "cut at {cut}");
        }
    }

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

    #[test]
    fn an_editor_save_during_an_edit_is_kept_and_the_edit_redone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.toml");
        std::fs::write(&path, "done = [\"a\"]\n").unwrap();
        let mut calls = 0;
        update(&path, 1024, |text| {
            calls += 1;
            if calls == 1 {
                // Someone saves the file between our read and our write.
                std::fs::write(&path, "# saved in an editor\ndone = [\"a\"]\n").unwrap();
            }
            Ok::<_, ()>((text.replace("]", ", \"b\"]"), ()))
        })
        .unwrap();
        assert_eq!(calls, 2);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# saved in an editor\ndone = [\"a\", \"b\"]\n"
        );
    }

    #[test]
    fn a_file_that_keeps_changing_is_left_as_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        std::fs::write(&path, "x").unwrap();
        let mut n = 0;
        let err = update(&path, 1024, |_| {
            n += 1;
            std::fs::write(&path, format!("saved {n}")).unwrap();
            Ok::<_, ()>(("mine".to_string(), ()))
        })
        .unwrap_err();
        assert!(
            matches!(&err, UpdateError::Write(e) if e.to_string().contains("changed by someone else")),
            "{err:?}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("saved {n}")
        );
    }

    #[test]
    fn a_failed_rename_puts_back_the_files_already_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        let b = dir.path().join("b.toml");
        let c = dir.path().join("c.toml");
        std::fs::write(&a, "old a").unwrap();
        std::fs::write(&b, "old b").unwrap();
        let files: Vec<Replacement> = [(&a, "new a"), (&c, "new c"), (&b, "new b")]
            .iter()
            .map(|(p, t)| Replacement {
                path: p.to_path_buf(),
                bytes: t.as_bytes().to_vec(),
                expect: Expect::Anything,
            })
            .collect();
        let mut n = 0;
        let err = replace_all_with(&files, &mut |from, to| {
            n += 1;
            if n == 3 {
                return Err(io::Error::other("disk on fire"));
            }
            fs::rename(from, to)
        })
        .unwrap_err();
        assert!(err.nothing_changed());
        assert_eq!(
            err.to_string(),
            format!(
                "cannot write {}: disk on fire; put back as it was: {}, {}",
                b.display(),
                a.display(),
                c.display()
            )
        );
        assert_eq!(fs::read_to_string(&a).unwrap(), "old a");
        assert_eq!(fs::read_to_string(&b).unwrap(), "old b");
        assert!(!c.exists());
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2, "temporary or backup files left: {names:?}");
    }

    #[test]
    fn a_stale_expectation_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, "saved by the user").unwrap();
        let err = replace_all(&[Replacement {
            path: a.clone(),
            bytes: b"ours".to_vec(),
            expect: Expect::Bytes(b"what we read".to_vec()),
        }])
        .unwrap_err();
        assert!(matches!(err, WriteError::Changed { .. }));
        assert_eq!(fs::read_to_string(&a).unwrap(), "saved by the user");
    }
}
