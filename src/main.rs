//! The `syllabus` command: the library's [`syllabus::run`] parses arguments, runs the command,
//! prints, and picks the exit code.

/// The command's allocator is mimalloc rather than the system's: a course is hundreds of
/// thousands of small strings and lists, made and let go in bursts (the files' parse trees,
/// the validation's indexes, the template's values). Under glibc's malloc that traffic was a
/// quarter of `check` and `plan` at 100,000 links; mimalloc takes a tenth off their time and
/// 50 MB off their peak (benches/scale.sh). The library leaves the choice to its user.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(syllabus::run());
}
