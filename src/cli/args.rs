//! The arguments several commands share, parsed by clap into the library's plain option structs
//! (ripgrep's low and high arguments: clap here, `crate::options::Given` in the library).

use super::complete;
use crate::model::Level;
use crate::options::{At, Given, KindWord, Word};
use crate::CourseSource;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap_complete::engine::ArgValueCompleter;
use std::path::{Path, PathBuf};

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
pub struct PlanArgs {
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

impl PlanArgs {
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
    use clap::Parser;
    use std::path::Path;

    /// Wraps the options the way every planning command does, to parse a command line.
    #[derive(clap::Parser)]
    struct Command {
        #[command(flatten)]
        plan: PlanArgs,
    }

    fn given(args: &[String]) -> Given {
        Command::parse_from(args).plan.given()
    }

    static COURSE: std::sync::LazyLock<crate::corpus::Loaded> = std::sync::LazyLock::new(|| {
        crate::corpus::load(&crate::corpus::embedded_sources()).unwrap()
    });

    #[test]
    fn each_word_parser_takes_the_library_words() {
        let levels: Vec<&str> = Level::all().iter().map(|l| l.word()).collect();
        let g = given(&["s".into(), "--level".into(), levels[1].into()]);
        assert_eq!(g.level, Some(Level::all()[1]));
        assert!(Command::try_parse_from(["s", "--level", "expert"]).is_err());
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
