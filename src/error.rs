//! Why a step stopped: the one error type the library returns to the CLI, and the exit code
//! each kind of failure means.
//!
//! It owns the split every command reports through: **usage** (the command line asks for
//! something that cannot be done as given: an unknown `--into` topic, a folder `new` may not
//! fill; exit 2), **invalid input** (a corpus, import file, profile or progress file that does not
//! pass; exit 1) and **I/O** (the system refused a read or a write: a folder not writable, a
//! file that vanished; exit 1). Each carries [`Diagnostic`]s, which say where (file:line:col),
//! what is wrong, and the fix; the CLI prints them and exits with [`Error::exit_code`] in one
//! place. Small checks whose message a caller embeds in its own diagnostic (an id, a URL) keep
//! their own enums (`id::IdError`, `corpus::url::UrlError`); this type is for what reaches the
//! reader.
//!
//! I/O exits 1, not a code of its own: the contract of the command is 0 ok, 1 "fix the input or
//! its surroundings", 2 "fix the command line". A failed read or write is fixed like bad input
//! (outside the arguments: permissions, disk, the file itself), so a script that retries with
//! other arguments on 2 must not do so on an I/O failure. It stays a kind of its own so the
//! library says what happened and the CLI could still tell them apart.

use crate::diagnostics::Diagnostic;
use std::fmt;

/// The exit code of a command that succeeded.
pub const EXIT_OK: i32 = 0;
/// The exit code for invalid input and for I/O failures.
pub const EXIT_INVALID: i32 = 1;
/// The exit code for a command line that cannot be carried out as given.
pub const EXIT_USAGE: i32 = 2;

/// A failed step, with the diagnostics to show. Warnings may ride along with the errors (an
/// import's skipped links, say), in the order they should be printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The command line asks for something that cannot be done as given (exit code 2).
    Usage(Vec<Diagnostic>),
    /// Input that does not pass: the corpus, a file to import, a profile (exit code 1).
    Invalid(Vec<Diagnostic>),
    /// The system refused a read or a write (exit code 1; see the module comment for why).
    Io(Vec<Diagnostic>),
}

impl Error {
    /// A usage error, with one diagnostic.
    pub fn usage(d: Diagnostic) -> Self {
        Error::Usage(vec![d])
    }

    /// Invalid input, with one diagnostic.
    pub fn invalid(d: Diagnostic) -> Self {
        Error::Invalid(vec![d])
    }

    /// An I/O failure, with one diagnostic.
    pub fn io(d: Diagnostic) -> Self {
        Error::Io(vec![d])
    }

    /// The code the `syllabus` command exits with.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => EXIT_USAGE,
            Error::Invalid(_) | Error::Io(_) => EXIT_INVALID,
        }
    }

    /// The diagnostics to show, errors and the warnings riding along.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Usage(ds) | Error::Invalid(ds) | Error::Io(ds) => ds,
        }
    }

    /// The diagnostics, taken out of the error.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        match self {
            Error::Usage(ds) | Error::Invalid(ds) | Error::Io(ds) => ds,
        }
    }
}

// No `From<Diagnostic>`: a single diagnostic may be a failed read or write as well as bad
// input, so each step says which (`Error::io`, `Error::invalid`) where it stops.

/// As `corpus::load` returns them: every problem the input has.
impl From<Vec<Diagnostic>> for Error {
    fn from(ds: Vec<Diagnostic>) -> Self {
        Error::Invalid(ds)
    }
}

/// One plain line per diagnostic, as [`Diagnostic`]'s own `Display`.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics().iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(message: &str) -> Diagnostic {
        Diagnostic::error(None, message)
    }

    #[test]
    fn each_kind_has_its_exit_code() {
        assert_eq!(
            Error::usage(d("--into: there is no topic `x`")).exit_code(),
            2
        );
        assert_eq!(Error::invalid(d("bad corpus")).exit_code(), 1);
        assert_eq!(Error::io(d("cannot write out.md")).exit_code(), 1);
        assert_eq!(
            [EXIT_OK, EXIT_INVALID, EXIT_USAGE],
            [0, 1, 2],
            "the codes README and --help promise"
        );
    }

    #[test]
    fn a_list_of_problems_is_invalid_input() {
        let many: Error = vec![d("a"), Diagnostic::warning(None, "b")].into();
        assert!(matches!(&many, Error::Invalid(ds) if ds.len() == 2));
        assert_eq!(many.diagnostics()[1].message, "b");
    }

    #[test]
    fn the_diagnostics_come_out_in_order_whatever_the_kind() {
        for make in [Error::Usage, Error::Invalid, Error::Io] {
            let e = make(vec![d("first"), d("second")]);
            assert_eq!(e.to_string(), "error: first\nerror: second");
            let messages: Vec<String> = e
                .into_diagnostics()
                .into_iter()
                .map(|d| d.message)
                .collect();
            assert_eq!(messages, ["first", "second"]);
        }
    }
}
