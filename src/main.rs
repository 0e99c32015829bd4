//! The `syllabus` command: parses arguments, calls the library, prints, and picks the exit code.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
