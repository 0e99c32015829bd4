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

/// The browser test needs Chromium and chromedriver. Without them it is reported as ignored
/// (with the reason) rather than passing silently; under `CI=true` it is always compiled in, so
/// a CI machine without a browser fails instead of skipping. The search runs when the build
/// script does: after installing Chromium, `touch build.rs` (or run the test with `--ignored`).
fn detect_chromium() {
    println!("cargo::rustc-check-cfg=cfg(has_chromium)");
    for var in ["PATH", "CI", "CHROMIUM", "CHROMEDRIVER"] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let on_path = |names: &[&str]| {
        let path = std::env::var_os("PATH").unwrap_or_default();
        names
            .iter()
            .any(|name| std::env::split_paths(&path).any(|dir| dir.join(name).is_file()))
    };
    let browser = std::env::var_os("CHROMIUM").is_some()
        || on_path(&["chromium", "chromium-browser", "google-chrome"]);
    let driver = std::env::var_os("CHROMEDRIVER").is_some() || on_path(&["chromedriver"]);
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    if (browser && driver) || ci {
        println!("cargo:rustc-cfg=has_chromium");
    }
}
