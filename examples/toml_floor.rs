//! `toml_floor DIR`: read and parse every `.toml` file of DIR with the `toml` crate and nothing
//! else. The floor `benches/scale.sh` compares `check` and `plan` against: no command that reads
//! the corpus can be faster than this.

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: toml_floor DIR");
        std::process::exit(2);
    };
    let mut tables = 0usize;
    for entry in std::fs::read_dir(&dir).expect("read the corpus folder") {
        let path = entry.expect("list the corpus folder").path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).expect("read a corpus file");
            let table: toml::Table = text.parse().expect("valid TOML");
            tables += table.len();
        }
    }
    println!("{tables} top-level keys");
}
