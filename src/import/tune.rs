//! Searches the topic suggester's settings on the `tune` half of the hand labels, never
//! looking at the `holdout` half: `cargo test --release --lib tune_suggester -- --ignored
//! --nocapture`. A test rather than an example: it drives
//! the suggester's settings, which are not part of the library's public surface.
//!
//! A setting qualifies when, on the tune half, suggestions are right at least 80% of the
//! time when made and at most 25% of the readings that fit no topic are filed; among those,
//! the one that files the most fitting readings where they belong wins (ties: the fewest
//! wrong filings). `syllabus suggest --evaluate --labels FILE` then reports both halves
//! with the defaults this search chose.
//!
//! `show_tune_mistakes` (`cargo test --lib show_tune_mistakes -- --ignored --nocapture`)
//! prints instead each reading of the tune half that import gets wrong with the defaults,
//! with what decided it: what to read before changing the suggester (the command's own
//! `--show` also prints the holdout's figures, which tuning must not look at);
//! `show_tune_readings` prints every tune reading so, right or wrong, with its three best
//! topics and their scores.

use super::labels::{Figures, Labelled};
use super::suggest::Params;

fn labels() -> Result<Labelled, Box<dyn std::error::Error>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/curation/labels.toml"
    );
    Ok(Labelled::load(std::path::Path::new(path))
        .map_err(|e| e.to_string())?
        .only_half("tune"))
}

#[test]
#[ignore = "run by hand: see the module's comment"]
fn show_tune_mistakes() -> Result<(), Box<dyn std::error::Error>> {
    show_mistakes(&labels()?, false);
    Ok(())
}

/// Every reading of the tune half, right or wrong, with its three best topics.
#[test]
#[ignore = "run by hand: see the module's comment"]
fn show_tune_readings() -> Result<(), Box<dyn std::error::Error>> {
    show_mistakes(&labels()?, true);
    Ok(())
}

#[test]
#[ignore = "a search of some minutes, run by hand in release: see the module's comment"]
fn tune_suggester() -> Result<(), Box<dyn std::error::Error>> {
    let labelled = labels()?;
    let defaults = labelled.evaluate(Params::default()).halves["tune"].clone();
    println!("defaults: {:?}", Params::default());
    for line in defaults.lines() {
        println!("  {line}");
    }
    let mut results = Vec::new();
    for floor_words in [2.5, 3.0, 3.5] {
        for margin in [1.2, 1.35, 1.5] {
            for title_name_weight in [1.0, 1.5] {
                for heading_name_weight in [0.5, 1.0] {
                    for named_margin in [1.0, 1.2] {
                        let params = Params {
                            floor_words,
                            margin,
                            title_name_weight,
                            heading_name_weight,
                            named_margin,
                            ..Params::default()
                        };
                        let f = labelled.evaluate(params).halves["tune"].clone();
                        results.push((params, f));
                    }
                }
            }
        }
    }
    let rate = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let precise = |f: &Figures| rate(f.filed_right, f.filed);
    let recall = |f: &Figures| rate(f.new_fitting_filed_right, f.new_fitting);
    let stray = |f: &Figures| rate(f.new_unfitting_filed, f.new_unfitting);
    let qualifies = |f: &Figures| precise(f) >= 0.8 && stray(f) <= 0.25;
    let count = results.iter().filter(|(_, f)| qualifies(f)).count();
    println!("{count} of {} settings qualify; the best:", results.len());
    // Qualifying settings by recall; when none qualifies, the most precise ones that still file.
    results.sort_by(|(_, a), (_, b)| {
        qualifies(b).cmp(&qualifies(a)).then_with(|| {
            if qualifies(a) {
                recall(b).total_cmp(&recall(a))
            } else {
                (2.0 * precise(b) + recall(b) - stray(b))
                    .total_cmp(&(2.0 * precise(a) + recall(a) - stray(a)))
            }
        })
    });
    for (params, f) in results.iter().take(12) {
        println!("{params:?}");
        for line in f.lines() {
            println!("  {line}");
        }
    }
    Ok(())
}

/// Each tune reading import gets wrong with the default settings, and the tune figures.
fn show_mistakes(labelled: &Labelled, all: bool) {
    let e = labelled.evaluate(Params::default());
    for o in &e.outcomes {
        let l = &o.label;
        let (got, want) = o.got_and_wanted();
        if got != want || all {
            let mark = if got == want { "ok" } else { "MISTAKE" };
            let candidates: Vec<String> = o
                .candidates
                .iter()
                .map(|(t, s)| format!("{t} {s:.1}"))
                .collect();
            println!(
                "{mark} {}  {}\n  want: {want}\n  got:  {got}  [{}]\n  top: {}",
                l.list,
                l.title,
                o.why.join("; "),
                candidates.join(", ")
            );
        }
    }
    for line in e.halves["tune"].lines() {
        println!("  {line}");
    }
}
