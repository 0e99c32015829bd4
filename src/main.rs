//! The `syllabus` command: parses arguments, calls the library, prints, and picks the exit code.

mod cli;

/// The command's allocator is mimalloc rather than the system's: a course is hundreds of
/// thousands of small strings and lists, made and let go in bursts (the files' parse trees,
/// the validation's indexes, the template's values). Under glibc's malloc that traffic was a
/// quarter of `check` and `plan` at 100,000 links; mimalloc takes a tenth off their time and
/// 50 MB off their peak (benches/scale.sh). The library leaves the choice to its user.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut kept = cli::Kept::default();
    let code = cli::run(&mut kept);
    // The one place the process ends, and `kept` (the course, ...) is not freed: a course of
    // 100,000 links is millions of small allocations, and freeing them one at a time just
    // before exit was a twentieth of `plan` and `check`. The system takes the memory back at
    // once. (`exit` runs no destructor, and flushes standard output.)
    std::process::exit(code)
}
