//! The `syllabus` command: the library's [`syllabus::run`] parses arguments, runs the command,
//! prints, and picks the exit code.

fn main() {
    std::process::exit(syllabus::run());
}
