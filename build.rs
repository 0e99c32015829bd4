//! Embeds the default corpus (`topics/*.toml`) so the installed binary works anywhere, and tells
//! the tests whether a browser is there to drive (`cfg(has_chromium)`).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    detect_chromium();
    // Read at run time, not with env!: a build script binary reused from a checkout elsewhere
    // (cargo hashes path packages by relative path) would embed that checkout's topics.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("topics");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut code = String::from("pub static FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_topics.rs");
    std::fs::write(out, code).unwrap();
}

/// The browser tests need Chromium and chromedriver. Without them they are reported as ignored
/// (with the reason) rather than passing silently; under `CI=true` the test
/// `ci_runs_the_browser_tests` fails instead, at run time, so a CI machine without a browser
/// cannot go green.
///
/// The search looks at `PATH` but does not rerun when `PATH` or `CI` changes: both differ between
/// shells, IDEs and CI steps, and each rerun recompiled the crate (46 s in release). It reruns
/// when a browser it found changes or goes away, and when `CHROMIUM` or `CHROMEDRIVER` (explicit
/// paths) change; after installing Chromium, `touch build.rs` (or run the tests with `--ignored`).
fn detect_chromium() {
    println!("cargo::rustc-check-cfg=cfg(has_chromium)");
    for var in ["CHROMIUM", "CHROMEDRIVER"] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let find = |var: &str, names: &[&str]| {
        if let Some(path) = std::env::var_os(var) {
            return Some(std::path::PathBuf::from(path));
        }
        let path = std::env::var_os("PATH").unwrap_or_default();
        names.iter().find_map(|name| {
            std::env::split_paths(&path)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
    };
    let browser = find(
        "CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
    );
    let driver = find("CHROMEDRIVER", &["chromedriver"]);
    if let (Some(browser), Some(driver)) = (browser, driver) {
        for found in [browser, driver] {
            println!("cargo:rerun-if-changed={}", found.display());
        }
        println!("cargo:rustc-cfg=has_chromium");
    }
}
