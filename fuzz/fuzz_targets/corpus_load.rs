//! The corpus loader on arbitrary text: a topic file (split from the input at the first NUL
//! into course.toml and a topic) must load or give diagnostics, never panic; a corpus that
//! loads must plan, and render to JSON (parsed back), iCalendar and the Markdown prose filters
//! (Markdown for plan.md, sanitized HTML for the site). Seeds: `fuzz/seed.sh`; dictionary:
//! fuzz/dict/corpus_load.dict.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use syllabus::{Source, Syllabus};

thread_local! {
    /// Loaded once: parsing the built-in templates on every input would be most of the work.
    static TEMPLATES: syllabus::render::Templates =
        syllabus::render::Templates::load(None).expect("the built-in templates load");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (course, topic) = text.split_once('\0').unwrap_or((
        "title = \"F\"\ndescription = \"D\"\n[[stage]]\nid = \"s\"\ntitle = \"S\"\nguidance = \"G\"\n",
        text,
    ));
    let sources = vec![
        Source {
            path: PathBuf::from("topics/course.toml"),
            text: course.to_string(),
        },
        Source {
            path: PathBuf::from("topics/fuzz.toml"),
            text: topic.to_string(),
        },
    ];
    if let Ok(loaded) = Syllabus::from_sources(&sources) {
        let options = syllabus::plan::ScheduleOptions {
            start: syllabus::plan::Date::parse("2025-09-01"),
            ..Default::default()
        };
        let (plan, _) = syllabus::plan::build_for(
            &loaded.course,
            &Default::default(),
            &options,
            &Default::default(),
        );
        let json = syllabus::render::json(&plan);
        serde_json::from_str::<serde_json::Value>(&json).expect("the plan's JSON parses");
        assert_eq!(syllabus::render::printable(&json), json.as_str());
        let ics = syllabus::render::ics(&plan).expect("a plan with a start has a calendar");
        assert!(ics.split("\r\n").all(|l| l.len() <= 75), "an unfolded line");
        TEMPLATES.with(|templates| {
            let md = syllabus::render::markdown(&plan, templates).expect("the plan renders");
            // Corpus text may say `<img>` (escaped, or in code): only live HTML is wrong.
            let live = pulldown_cmark_events_with_img(&md);
            assert!(!live, "live HTML in plan.md");
            syllabus::render::standalone(&plan, templates).expect("the page renders");
        });
    }
});

/// Whether Markdown holds an image or raw HTML with an `<img` tag, as a viewer would see it.
fn pulldown_cmark_events_with_img(md: &str) -> bool {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new(md).any(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => h.to_ascii_lowercase().contains("<img"),
        Event::Start(Tag::Image { .. }) => true,
        _ => false,
    })
}
