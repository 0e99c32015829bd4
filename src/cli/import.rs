//! `syllabus import`: links from other formats into topics/ (or a dry run of it).

use super::CorpusArgs;
use std::io::Write;
use std::path::PathBuf;
use syllabus::diagnostics::Diagnostic;
use syllabus::error::Error;
use syllabus::import;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The files of links to import (each file's format is found by --from)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The input format [default: auto, from the extension and the content]
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = import::Format::Auto)]
    from: import::Format,
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
fn parse_base(s: &str) -> Result<url::Url, String> {
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
    let dir = args
        .corpus
        .topics
        .clone()
        .unwrap_or_else(|| PathBuf::from("topics"));
    let builtin = args.corpus.topics.is_none() && !dir.is_dir();
    if builtin && args.dry_run {
        // Like every other command: no ./topics means the built-in course.
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(
            stderr,
            "note: no ./topics here, so this dry run compares with the built-in course; a real import writes into a corpus folder: run it where topics/ is, pass --topics DIR, or start one with `syllabus new DIR`"
        );
    } else if !dir.is_dir() {
        return Err(Error::usage(
            Diagnostic::error(
                None,
                format!("no corpus folder {} to import into", dir.display()),
            )
            .with_help("run in the folder that holds topics/, or pass --topics DIR"),
        ));
    }
    let options = import::Options {
        format: args.from,
        into: args.into.clone(),
        dry_run: args.dry_run,
        base: args.base.clone(),
    };
    let mut stdout = std::io::stdout().lock();
    let json = args.format == Output::Json;
    let result = if builtin {
        import::dry_run_builtin(&args.files, &options)
    } else {
        import::run(&dir, &args.files, &options)
    };
    match result {
        Ok(report) => {
            super::warn(&report.warnings);
            if json {
                // Written as it is made; a closed pipe (`| head`) is the reader's choice.
                let mut out =
                    syllabus::output::PrintableWriter::new(std::io::BufWriter::new(&mut stdout));
                if report.write_json(&mut out).is_ok() && out.write_all(b"\n").is_ok() {
                    let _ = out.finish();
                }
                return Ok(());
            }
            if args.dry_run {
                let _ = write!(stdout, "{}", syllabus::output::printable(&report.table()));
            }
            for path in &report.written {
                let _ = writeln!(stdout, "wrote {}", path.display());
            }
            let _ = writeln!(stdout, "{}", report.summary());
            Ok(())
        }
        // A failed import says why on standard error and nothing on standard output: a
        // summary of "0 links" would read as if the file held none.
        Err(stopped) => Err(stopped),
    }
}
