//! Every command's arguments, declared once with clap: the command tree ([`Cli`]), the
//! arguments several commands share ([`CorpusArgs`], [`PlanOptions`]) and each command's own.
//! `--help`, the shell completions and the manual pages are all made from these declarations;
//! the library takes plain structs (ripgrep's low and high arguments: clap here,
//! `crate::options::Given` in the library), and each command's file in `cli/` only reads these
//! and calls the library front.

use super::complete;
use crate::import;
use crate::model::Level;
use crate::options::{At, Given, KindWord, Word};
use crate::render;
use crate::schedule::Date;
use crate::CourseSource;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use clap_complete::engine::ArgValueCompleter;
use clap_complete::Shell;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Parser, Debug)]
#[command(
    name = "syllabus",
    version,
    about = "Turn a corpus of links into a staged study plan and publish it",
    after_help = "The corpus is ./topics when that folder exists, else the course built into the binary."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start a course of your own in a new folder, empty or from links you have (--from FILE...)
    New(NewArgs),
    /// Print the staged plan
    Plan(PlanArgs),
    /// Validate the corpus and print every problem
    Check(CheckArgs),
    /// Print the topic graph, clustered by stage
    Graph(GraphArgs),
    /// List the topics: id, stage, requires, links, hours
    Topics(TopicsArgs),
    /// Mark links (or every link of a topic) as done in the progress file
    Done(MarkArgs),
    /// Mark links (or every link of a topic) as not done
    Undo(MarkArgs),
    /// What you can read now: links not done whose prerequisites are done or known
    Next(NextArgs),
    /// Why a topic or link is in your plan, or why not
    Why(WhyArgs),
    /// Import links (feed dump, Bluesky JSON, Markdown, RSS/Atom, bookmarks, BibTeX) into topics/
    Import(ImportArgs),
    /// Import the new posts of the course's Bluesky feed (`[feed]` in course.toml) into topics/;
    /// remembers how far it read in .syllabus/sync.json
    ///
    /// The feed is `[feed] actor = "HANDLE"` (or `uri = "at://..."` for a feed generator or a
    /// list, and `service = "URL"` for another AppView) in course.toml, or --actor / --feed.
    /// Each new post's links are imported as `syllabus import` imports Bluesky JSON (the same
    /// duplicates, topics and inbox); a course link marked url_status = "truncated" or "guessed"
    /// gets the full URL from its post. The newest post read is kept in .syllabus/sync.json
    /// beside the corpus folder, written with the corpus, so the next run reads only what is
    /// new. A curator's loop: `syllabus sync && syllabus check && syllabus build`.
    Sync(SyncArgs),
    /// Suggest a topic for a title, or measure the suggester on the corpus (--evaluate)
    Suggest(SuggestArgs),
    /// Write the course site: HTML pages, their contents and search index
    Build(BuildArgs),
    /// Build the site, serve it on 127.0.0.1 and rebuild when topics or templates change
    Serve(ServeArgs),
    /// Print a shell completion script (bash, elvish, fish, powershell, zsh)
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one per command into a folder
    Man(ManArgs),
}

/// `syllabus new`.
#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// The folder to create (it must not exist, or be empty)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Start from these files of links: the course is drafted from them (topics from their
    /// sections, or clusters of their text; prerequisites with reasons; stages), links filed
    /// under the topics, the rest put in the inbox
    #[arg(long = "from", value_name = "FILE", num_args = 1..)]
    pub from: Vec<PathBuf>,
    /// The format of the --from files; auto finds it from the extension, then the content
    #[arg(long, value_name = "FORMAT", alias = "format", value_parser = words::<import::Format>(), default_value = "auto")]
    pub input_format: import::Format,
    /// Learn prerequisites from this course (a course folder or its topics/ folder)
    /// [default: the built-in course, when the list is about its field]
    #[arg(
        long,
        value_name = "DIR",
        requires = "from",
        conflicts_with = "no_like"
    )]
    pub like: Option<PathBuf>,
    /// Learn prerequisites from no course, not even the built-in one
    #[arg(long, requires = "from")]
    pub no_like: bool,
    /// Print the proposed topics, prerequisites and stages; write nothing
    #[arg(long, requires = "from")]
    pub dry_run: bool,
    /// The address the lists are published at: their relative links (`papers/cap.pdf`) are
    /// resolved against it
    #[arg(long, value_name = "URL", value_parser = parse_base, requires = "from")]
    pub base: Option<url::Url>,
}

/// `syllabus plan`.
#[derive(clap::Args, Debug)]
pub struct PlanArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The output format: markdown (the checklist of templates/plan.md.j2), json (every
    /// stage, topic and link, for other tools), ics (one event a week; needs --start) or html
    /// (one standalone page, CSS inlined)
    #[arg(long, value_enum, default_value_t = PlanFormat::Markdown)]
    pub format: PlanFormat,
    /// Write to FILE (atomically) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// How the Markdown is laid out: weeks (each week's links, minutes and deliverables, then
    /// topic by topic) or topics (the schedule as one table, then topic by topic)
    #[arg(long, value_enum, default_value_t = Layout::Weeks)]
    pub layout: Layout,
    /// Folder of templates overriding the built-in ones (plan.md.j2, ...)
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    // Last: the heading it opens ("Plan options") holds every argument after it.
    #[command(flatten)]
    pub options: PlanOptions,
}

// `plan --layout`. The values have no doc comments of their own: those would give `plan
// --help` the long layout, and the shared plan options must read alike in every planning
// command.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    Weeks,
    Topics,
}

impl From<Layout> for render::Layout {
    fn from(layout: Layout) -> Self {
        match layout {
            Layout::Weeks => render::Layout::Weeks,
            Layout::Topics => render::Layout::Topics,
        }
    }
}

// `plan --format`; its values undocumented, as `Layout`'s.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanFormat {
    Markdown,
    Json,
    Ics,
    Html,
}

impl From<PlanFormat> for crate::Format {
    fn from(format: PlanFormat) -> Self {
        match format {
            PlanFormat::Markdown => crate::Format::Markdown,
            PlanFormat::Json => crate::Format::Json,
            PlanFormat::Ics => crate::Format::Ics,
            PlanFormat::Html => crate::Format::Html,
        }
    }
}

/// `syllabus check`.
#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    #[command(flatten)]
    pub links: LinkArgs,
}

/// `check --links` and its settings.
#[derive(clap::Args, Debug)]
#[command(next_help_heading = "Link checking")]
pub struct LinkArgs {
    /// Check every URL over HTTP(S): dead links are errors, moved ones and timeouts warnings
    #[arg(long)]
    pub links: bool,
    /// Rewrite what the check confirmed in the topic files: permanent redirects, http->https
    /// upgrades, and truncated URLs (url_status = "truncated"), set to the address their text
    /// before the cut answered at, the mark removed
    #[arg(long, requires = "links")]
    pub fix: bool,
    /// Reuse cached successes younger than this (7d, 12h, 30m, 0s)
    #[arg(long, value_name = "AGE", default_value = "7d", value_parser = humantime::parse_duration)]
    pub max_age: Duration,
    /// The link cache [default: .syllabus/links.json beside the corpus folder]
    #[arg(long, value_name = "FILE")]
    pub cache: Option<PathBuf>,
    /// Give up on a request after this long
    #[arg(long, value_name = "TIME", default_value = "10s", value_parser = humantime::parse_duration)]
    pub timeout: Duration,
    /// Wait this long between two requests to one host
    #[arg(long, value_name = "TIME", default_value = "250ms", value_parser = humantime::parse_duration)]
    pub host_pause: Duration,
    /// Requests in flight at once (at most 2 to one host)
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,
}

/// `syllabus graph`.
#[derive(clap::Args, Debug)]
pub struct GraphArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The output format
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
}

// `graph --format`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphFormat {
    /// Graphviz, clustered by stage
    Dot,
    /// A Mermaid flowchart
    Mermaid,
}

/// `syllabus topics`.
#[derive(clap::Args, Debug)]
pub struct TopicsArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// List each topic's links under it: id, minutes and title (the ids `done`, `why` and
    /// `requires` take)
    #[arg(long)]
    pub links: bool,
}

/// `syllabus done` and `syllabus undo`: the links (or topics: all their links) to mark in the
/// progress file.
#[derive(clap::Args, Debug)]
pub struct MarkArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Link ids, or topic ids meaning every link of the topic
    #[arg(required = true, value_name = "ID", add = ArgValueCompleter::new(complete::ids))]
    pub ids: Vec<String>,
    /// The progress file, created when absent
    #[arg(long, value_name = "FILE", default_value = crate::progress::DEFAULT_FILE)]
    pub progress: PathBuf,
}

/// `syllabus next`.
#[derive(clap::Args, Debug)]
pub struct NextArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    #[command(flatten)]
    pub options: PlanOptions,
}

/// `syllabus why`.
#[derive(clap::Args, Debug)]
pub struct WhyArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// A topic or link id
    #[arg(value_name = "ID", add = ArgValueCompleter::new(complete::ids))]
    pub id: String,
    #[command(flatten)]
    pub options: PlanOptions,
}

/// `syllabus import`.
#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The files of links to import (each file's format is found by --input-format)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The format of the files; auto finds it from the extension, then the content
    #[arg(long, value_name = "FORMAT", alias = "from", value_parser = words::<import::Format>(), default_value = "auto")]
    pub input_format: import::Format,
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Print what would happen (title, URL, topic, score, new or duplicate); write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// How to print the links: a table (with --dry-run) or JSON (every link with its topic,
    /// top three candidates, duplicate status, kind, level and minutes)
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = Output::Text)]
    pub format: Output,
    /// Put every new link under this topic
    #[arg(long, value_name = "TOPIC")]
    pub into: Option<String>,
    /// The address the lists are published at: their relative links (`papers/cap.pdf`) are
    /// resolved against it
    #[arg(long, value_name = "URL", value_parser = parse_base)]
    pub base: Option<url::Url>,
}

/// `--base`: an absolute http(s) URL; a folder's address ends with `/`.
fn parse_base(s: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(s).map_err(|e| format!("not an absolute URL ({e})"))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err("only http:// and https:// addresses can be a base".into());
    }
    Ok(url)
}

// How `import` and `sync` print what they did (`--format`).
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Text,
    Json,
}

/// `syllabus sync`.
#[derive(clap::Args, Debug)]
pub struct SyncArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Whose posts to read: a handle (name.bsky.social) or a DID [default: `[feed] actor` in
    /// course.toml]
    #[arg(long, value_name = "HANDLE_OR_DID", conflicts_with = "feed")]
    pub actor: Option<String>,
    /// A feed generator or list to read instead, by its at:// URI [default: `[feed] uri` in
    /// course.toml]
    #[arg(long, value_name = "AT_URI")]
    pub feed: Option<String>,
    /// The AppView to ask [default: `[feed] service` in course.toml, else
    /// https://public.api.bsky.app]
    #[arg(long, value_name = "URL")]
    pub service: Option<String>,
    /// Read the posts since this day, whatever was read before
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "full")]
    pub since: Option<Date>,
    /// Read the whole feed again, not only what is new since the last sync
    #[arg(long)]
    pub full: bool,
    /// Print what would happen (each link, its topic, new or already there); write nothing,
    /// not even the sync state
    #[arg(long)]
    pub dry_run: bool,
    /// How to print the result: a summary (with --dry-run, a table first) or JSON (every link
    /// with its topic and status, the healed URLs, the pages and requests)
    #[arg(long, value_name = "FORMAT", value_enum, default_value_t = Output::Text)]
    pub format: Output,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date: write YYYY-MM-DD"))
}

/// `syllabus suggest`.
#[derive(clap::Args, Debug)]
pub struct SuggestArgs {
    /// The title of a link to suggest a topic for
    #[arg(value_name = "TITLE", required_unless_present = "evaluate")]
    pub title: Option<String>,
    /// Its note (why to read it), weighed less than the title
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Its URL, whose words count a little
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Take each link out of the corpus in turn, suggest its topic from the rest, and report
    /// how often that is its own topic, another one, or the inbox
    #[arg(long, conflicts_with_all = ["title", "note", "url"])]
    pub evaluate: bool,
    /// With --evaluate: import the real lists a labels file names into its course (dry) and
    /// compare with the hand labels, half by half
    #[arg(long, value_name = "FILE", requires = "evaluate")]
    pub labels: Option<PathBuf>,
    /// With --labels: also list each reading of this half that import got wrong
    #[arg(long, value_name = "HALF", requires = "labels")]
    pub show: Option<String>,
    #[command(flatten)]
    pub corpus: CorpusArgs,
}

/// `syllabus build`.
#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    #[command(flatten)]
    pub site: SiteArgs,
    #[command(flatten)]
    pub options: PlanOptions,
}

/// `syllabus serve`.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub corpus: CorpusArgs,
    #[command(flatten)]
    pub site: SiteArgs,
    /// The port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    #[command(flatten)]
    pub options: PlanOptions,
}

/// The site `build` and `serve` write.
#[derive(clap::Args, Debug, Clone)]
pub struct SiteArgs {
    /// The site folder; replaced on each build, and refused if syllabus did not write it
    #[arg(long, short, value_name = "DIR", default_value = "site", alias = "out")]
    pub output: PathBuf,
    /// Also write plan.md and plan.json beside the pages, linked from every page
    #[arg(long)]
    pub data: bool,
    /// Folder of templates overriding the built-in ones (site/*.html.j2, site/style.css, ...)
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

/// `syllabus completions`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Install, for example:
  bash: syllabus completions bash > ~/.local/share/bash-completion/completions/syllabus
  zsh:  syllabus completions zsh > ~/.zfunc/_syllabus   (with fpath+=~/.zfunc before compinit)
  fish: syllabus completions fish > ~/.config/fish/completions/syllabus.fish
  powershell: syllabus completions powershell >> $PROFILE
  elvish: syllabus completions elvish > ~/.config/elvish/lib/syllabus.elv   (use syllabus in rc.elv)")]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

/// `syllabus man`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Read it with `syllabus man | man -l -`, or install the pages with
`syllabus man --dir ~/.local/share/man/man1`."
)]
pub struct ManArgs {
    /// Write a page per command (syllabus.1, syllabus-plan.1, ...) into DIR, created if need be,
    /// instead of printing the main page
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The corpus folder every command reads.
#[derive(clap::Args, Debug, Clone)]
pub struct CorpusArgs {
    /// The corpus folder (course.toml and one file per topic); without it ./topics, else the
    /// course built into the binary
    #[arg(long, value_name = "DIR", global = true)]
    pub topics: Option<PathBuf>,
}

/// The folder looked for when `--topics` is not given, relative to the working folder.
pub const DEFAULT_TOPICS: &str = "topics";

impl CorpusArgs {
    /// `--topics DIR`, else `./topics` when it is a folder, else the built-in course.
    pub fn source(&self) -> CourseSource {
        CourseSource::find(self.topics.as_deref(), Path::new(DEFAULT_TOPICS))
    }
}

/// A value parser for a library enum of words (`--level`, `--kinds`, `--input-format`): the
/// words come from the library's [`Word`], so `--help`, the parser and a profile agree.
pub fn words<T: Word + Clone>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(T::all().iter().map(|w| w.word()))
        .map(|word| T::from_word(&word).expect("clap let through only the possible values"))
}

/// The reader's choices, shared by every command that plans (`plan`, `next`, `why`, `build`,
/// `serve`): one declaration, so each shows them alike under one heading in its `--help`.
#[derive(clap::Args, Debug, Clone, Default)]
#[command(next_help_heading = "Plan options")]
pub struct PlanOptions {
    /// Plan only this topic or link and what it requires (repeatable)
    #[arg(long = "target", value_name = "ID", add = ArgValueCompleter::new(complete::ids))]
    pub target: Vec<String>,
    /// A topic you know already: left out with what only it needs (repeatable)
    #[arg(long = "known", value_name = "ID", add = ArgValueCompleter::new(complete::topics))]
    pub known: Vec<String>,
    /// A topic or link to leave out regardless; reported as a gap when needed (repeatable)
    #[arg(long = "skip", value_name = "ID", add = ArgValueCompleter::new(complete::ids))]
    pub skip: Vec<String>,
    /// Keep links up to this level
    #[arg(long, value_name = "LEVEL", value_parser = words::<Level>())]
    pub level: Option<Level>,
    /// Keep links of these kinds (comma-separated); `practice` means exercise and project
    #[arg(long, value_name = "KINDS", value_parser = words::<KindWord>(), value_delimiter = ',')]
    pub kinds: Vec<KindWord>,
    /// Keep links with free access only
    #[arg(long)]
    pub free: bool,
    /// Hours a week for reading and practice (exercises and projects count too) [default: 5]
    #[arg(long, value_name = "H")]
    pub hours_per_week: Option<f64>,
    /// The first day of week 1
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start: Option<String>,
    /// The number of weeks you want to finish in
    #[arg(long, value_name = "N")]
    pub weeks: Option<u32>,
    /// Schedule the optional track too (links marked `optional = true`); without it they are
    /// listed, marked optional, outside the core hours and the weeks
    #[arg(long)]
    pub optional: bool,
    /// Read these options from a TOML file (keys: target, known, ..., hours_per_week); options
    /// given here win
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,
    /// The progress file (`done = [...]`); without it ./progress.toml when it exists
    #[arg(long, value_name = "FILE")]
    pub progress: Option<PathBuf>,
}

impl PlanOptions {
    /// The options as the library takes them.
    pub fn given(&self) -> Given {
        let ids = |ids: &[String]| ids.iter().cloned().map(At::from).collect();
        // Built field by field: `Given` keeps private where a profile's values came from.
        let mut given = Given::default();
        given.target = ids(&self.target);
        given.known = ids(&self.known);
        given.skip = ids(&self.skip);
        given.level = self.level;
        given.kinds = self.kinds.clone();
        given.free = self.free;
        given.hours_per_week = self.hours_per_week.map(At::from);
        given.start = self.start.clone().map(At::from);
        given.weeks = self.weeks;
        given.optional = self.optional;
        given.profile = self.profile.clone();
        given.progress = self.progress.clone();
        given
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::{parse_profile, resolve};

    /// Wraps the options the way every planning command does, to parse a command line.
    #[derive(clap::Parser)]
    struct Options {
        #[command(flatten)]
        plan: PlanOptions,
    }

    fn given(args: &[String]) -> Given {
        Options::parse_from(args).plan.given()
    }

    static COURSE: std::sync::LazyLock<crate::corpus::Loaded> = std::sync::LazyLock::new(|| {
        crate::corpus::load(&crate::corpus::embedded_sources()).unwrap()
    });

    #[test]
    fn each_word_parser_takes_the_library_words() {
        let levels: Vec<&str> = Level::all().iter().map(|l| l.word()).collect();
        let g = given(&["s".into(), "--level".into(), levels[1].into()]);
        assert_eq!(g.level, Some(Level::all()[1]));
        assert!(Options::try_parse_from(["s", "--level", "expert"]).is_err());
        let g = given(&["s".into(), "--kinds".into(), "paper,practice".into()]);
        assert_eq!(g.kinds.len(), 2);
    }

    proptest::proptest! {
        /// The command line and a profile mean the same: any options, given as flags or
        /// written in a profile, resolve to the same choices.
        #[test]
        fn flags_and_a_profile_resolve_alike(
            ids in proptest::collection::vec((0..3usize, 0..40usize), 0..5),
            level in proptest::option::of(0..3usize),
            kinds in proptest::collection::vec(0..KindWord::all().len(), 0..4),
            free: bool,
            optional: bool,
            hours in proptest::option::of((3..1680u32, proptest::bool::ANY)),
            start in proptest::option::of((2000..2100u32, 1..13u32, 1..29u32)),
            weeks in proptest::option::of(1..60u32),
        ) {
            let course = &COURSE.course;
            let topics: Vec<&str> = course.topics.iter().map(|t| t.id.as_str()).collect();
            let mut args = vec!["syllabus".to_string()];
            let mut profile = String::new();
            let mut lists: [Vec<String>; 3] = Default::default();
            for (key, i) in ids {
                let id = topics[i % topics.len()];
                args.extend([format!("--{}", ["target", "known", "skip"][key]), id.to_string()]);
                lists[key].push(format!("{id:?}"));
            }
            for (key, list) in ["target", "known", "skip"].iter().zip(&lists) {
                if !list.is_empty() {
                    profile.push_str(&format!("{key} = [{}]\n", list.join(", ")));
                }
            }
            if let Some(l) = level {
                let word = Level::all()[l].word();
                args.extend(["--level".to_string(), word.to_string()]);
                profile.push_str(&format!("level = \"{word}\"\n"));
            }
            if !kinds.is_empty() {
                let words: Vec<&str> = kinds.iter().map(|&k| KindWord::all()[k].word()).collect();
                args.extend(["--kinds".to_string(), words.join(",")]);
                let quoted: Vec<String> = words.iter().map(|w| format!("{w:?}")).collect();
                profile.push_str(&format!("kinds = [{}]\n", quoted.join(", ")));
            }
            if let Some((tenths, whole)) = hours {
                // A whole number of hours is written as a TOML integer, the rest as floats.
                let h = if whole {
                    (tenths / 10 + 1).to_string()
                } else {
                    (tenths as f64 / 10.0).to_string()
                };
                args.extend(["--hours-per-week".to_string(), h.clone()]);
                profile.push_str(&format!("hours_per_week = {h}\n"));
            }
            if let Some((y, m, d)) = start {
                let date = format!("{y}-{m:02}-{d:02}");
                args.extend(["--start".to_string(), date.clone()]);
                profile.push_str(&format!("start = {date}\n"));
            }
            if let Some(w) = weeks {
                args.extend(["--weeks".to_string(), w.to_string()]);
                profile.push_str(&format!("weeks = {w}\n"));
            }
            for (on, name) in [(free, "free"), (optional, "optional")] {
                if on {
                    args.push(format!("--{name}"));
                    profile.push_str(&format!("{name} = true\n"));
                }
            }
            let cli = given(&args);
            let file = parse_profile(Path::new("me.toml"), &profile).unwrap();
            let from_cli = resolve(course, &cli).unwrap();
            proptest::prop_assert_eq!(&from_cli, &resolve(course, &file).unwrap(), "{}", profile);
            // The command line with an empty profile is the command line.
            let merged = cli.or(parse_profile(Path::new("me.toml"), "").unwrap());
            proptest::prop_assert_eq!(&from_cli, &resolve(course, &merged).unwrap());
        }
    }
}
