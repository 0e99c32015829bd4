//! `syllabus import`: links from other formats into topics/ (or a dry run of it).

use super::args::words;
use super::{stdout, CorpusArgs};
use crate::error::Error;
use crate::import;
use crate::output::{printable, PrintableWriter};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The files of links to import (each file's format is found by --input-format)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The format of the files; auto finds it from the extension, then the content
    #[arg(long, value_name = "FORMAT", alias = "from", value_parser = words::<import::Format>(), default_value = "auto")]
    input_format: import::Format,
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Print what would happen (title, URL, topic, score, new or duplicate); write nothing
    #[arg(long)]
    dry_run: bool,
    /// How to print the links: a table (with --dry-run) or JSON (every link with its topic,
    /// top three candidates, duplicate status, kind, level and minutes)
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = Output::Text)]
    format: Output,
    /// Put every new link under this topic
    #[arg(long, value_name = "TOPIC")]
    into: Option<String>,
    /// The address the lists are published at: their relative links (`papers/cap.pdf`) are
    /// resolved against it
    #[arg(long, value_name = "URL", value_parser = parse_base)]
    base: Option<url::Url>,
}

/// `--base`: an absolute http(s) URL; a folder's address ends with `/`.
pub(super) fn parse_base(s: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(s).map_err(|e| format!("not an absolute URL ({e})"))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err("only http:// and https:// addresses can be a base".into());
    }
    Ok(url)
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Output {
    Text,
    Json,
}

pub fn run(args: &Args) -> Result<(), Error> {
    let source = args.corpus.source();
    let builtin = source.folder().is_none();
    if builtin && args.dry_run {
        // Like every other command: no ./topics means the built-in course.
        let _ = writeln!(
            std::io::stderr().lock(),
            "note: no ./topics here, so this dry run compares with the built-in course; a real import writes into a corpus folder: run it where topics/ is, pass --topics DIR, or start one with `syllabus new DIR`"
        );
    }
    let options = import::Options {
        format: args.input_format,
        into: args.into.clone(),
        dry_run: args.dry_run,
        base: args.base.clone(),
    };
    // A failed import says why on standard error and nothing on standard output: a summary
    // of "0 links" would read as if the file held none.
    let report = if builtin && args.dry_run {
        import::dry_run_builtin(&args.files, &options)?
    } else {
        import::run(source.folder_to_write("import")?, &args.files, &options)?
    };
    super::warn(&report.warnings);
    if args.format == Output::Json {
        // Written as it is made. The buffer comes before the escaping: the serializer writes
        // a token at a time, and `PrintableWriter` is cheap only on large blocks.
        return stdout(|out| {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, PrintableWriter::new(out));
            report.write_json(&mut out)?;
            out.write_all(b"\n")?;
            out.into_inner()
                .map_err(std::io::IntoInnerError::into_error)?
                .finish()
                .map(drop)
        });
    }
    stdout(|out| {
        if args.dry_run {
            write!(out, "{}", printable(&report.table()))?;
        }
        for path in &report.written {
            writeln!(out, "wrote {}", path.display())?;
        }
        writeln!(out, "{}", report.summary())
    })
}
