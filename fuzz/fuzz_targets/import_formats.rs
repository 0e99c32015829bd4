//! Every import format on arbitrary bytes: the first byte picks the format, the rest is the
//! file. Decoding (BOMs, XML declarations naming an encoding) and parsing must give links or a
//! diagnostic, never panic, and every link's text must be plain (no control characters) and
//! its note short once finalized. Seeds: `fuzz/seed.sh`; dictionary: fuzz/dict/import_formats.dict.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use syllabus::fuzzing::{self as import, Format};

const FORMATS: [Format; 7] = [
    Format::Feed,
    Format::Bluesky,
    Format::Markdown,
    Format::Rss,
    Format::Bookmarks,
    Format::Bibtex,
    Format::Rst,
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let format = FORMATS[usize::from(pick) % FORMATS.len()];
    let path = Path::new("fuzz.input");
    // As `import` reads a file: decoded by its BOM or XML declaration, else as UTF-8; and, so
    // that text which is not UTF-8 still reaches the parsers, lossily too.
    let decoded = import::decode(path, rest).ok();
    let lossy = String::from_utf8_lossy(rest).into_owned();
    for text in decoded.iter().chain(std::iter::once(&lossy)) {
        if let Ok(mut parsed) = import::parse_based(format, text, path, None) {
            for c in &mut parsed.links {
                import::finalize(c);
                assert!(
                    !c.title.chars().any(|ch| ch.is_control()),
                    "control character in {:?}",
                    c.title
                );
                assert!(
                    c.note.as_ref().is_none_or(|n| n.chars().count() <= 300),
                    "a note of {} characters",
                    c.note.as_ref().map_or(0, |n| n.chars().count())
                );
            }
        }
    }
});
