//! Every import format on arbitrary bytes: the first byte picks the format, the rest is the
//! file. Parsing must give links or a diagnostic, never panic, and every link's text must be
//! plain (no control characters) once finalized.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use syllabus::import::{self, Format};

const FORMATS: [Format; 6] = [
    Format::Feed,
    Format::Bluesky,
    Format::Markdown,
    Format::Rss,
    Format::Bookmarks,
    Format::Bibtex,
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let format = FORMATS[usize::from(pick) % FORMATS.len()];
    let text = String::from_utf8_lossy(rest);
    if let Ok(mut parsed) = import::parse(format, &text, Path::new("fuzz.input")) {
        for c in &mut parsed.links {
            import::text::finalize(c);
            assert!(
                !c.title.chars().any(|ch| ch.is_control()),
                "control character in {:?}",
                c.title
            );
        }
    }
});
