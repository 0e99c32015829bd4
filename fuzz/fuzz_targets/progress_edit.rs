//! `done`/`undo` on an arbitrary progress file: the edit is refused or gives a file that reads
//! back with the id added (or removed), never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use syllabus::fuzzing as progress;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("progress.toml");
    let ids = vec![syllabus::model::LinkId::new("fuzz-id").expect("an id")];
    for done in [true, false] {
        if let Ok((out, _)) = progress::edit(path, text, &ids, done) {
            let read = progress::parse_progress(path, &out).expect("an edited file parses");
            assert_eq!(read.done.contains("fuzz-id"), done);
        }
    }
});
