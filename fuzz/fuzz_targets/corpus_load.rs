//! The corpus loader on arbitrary text: a topic file (split from the input at the first NUL
//! into course.toml and a topic) must load or give diagnostics, never panic; a corpus that
//! loads must plan, and render to Markdown and JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use syllabus::corpus::{self, Source};

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
    if let Ok(loaded) = corpus::load(&sources) {
        let options = syllabus::schedule::ScheduleOptions::default();
        let (plan, _) = syllabus::plan::build_for(
            &loaded.course,
            &Default::default(),
            &options,
            &Default::default(),
        );
        let _ = syllabus::render::json(&plan);
    }
});
