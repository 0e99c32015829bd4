//! The `syllabus` command: parses arguments, calls the library, prints, and picks the exit code.

mod cli;

fn main() {
    let mut kept = cli::Kept::default();
    let code = cli::run(&mut kept);
    // The one place the process ends, and `kept` (the course, ...) is not freed: a course of
    // 100,000 links is millions of small allocations, and freeing them one at a time just
    // before exit was a twentieth of `plan` and `check`. The system takes the memory back at
    // once. (`exit` runs no destructor, and flushes standard output.)
    std::process::exit(code)
}
