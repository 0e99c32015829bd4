//! Searches the topic suggester's settings on the `tune` half of the hand labels, never
//! looking at the `holdout` half: `cargo run --release --example tune_suggester`.
//!
//! A setting qualifies when, on the tune half, suggestions are right at least 80% of the
//! time when made and at most 25% of the readings that fit no topic are filed; among those,
//! the one that files the most fitting readings where they belong wins (ties: the fewest
//! wrong filings). `syllabus suggest --evaluate --labels FILE` then reports both halves
//! with the defaults this search chose.

use syllabus::import::labels::Labelled;
use syllabus::import::suggest::Params;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/fixtures/curation/labels.toml".into());
    let labelled = Labelled::load(std::path::Path::new(&path))
        .map_err(|e| e.to_string())?
        .only_half("tune");
    let mut results = Vec::new();
    for floor_words in [0.5, 0.75, 1.0, 1.25, 1.5, 2.0] {
        for margin in [1.1, 1.2, 1.35, 1.5] {
            for hint_weight in [0.5, 1.0, 1.5] {
                for note_weight in [0.25, 0.5] {
                    for field_ratio in [2.5, 3.0, 3.5, 4.0, 4.5] {
                        let params = Params {
                            floor_words,
                            margin,
                            hint_weight,
                            note_weight,
                            field_ratio,
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
    let mut qualified: Vec<_> = results
        .iter()
        .filter(|(_, f)| {
            rate(f.filed_right, f.filed) >= 0.8
                && rate(f.new_unfitting_filed, f.new_unfitting) <= 0.25
        })
        .collect();
    qualified.sort_by_key(|(_, f)| {
        (
            std::cmp::Reverse(f.new_fitting_filed_right),
            f.filed - f.filed_right,
        )
    });
    println!(
        "{} of {} settings qualify; the best:",
        qualified.len(),
        results.len()
    );
    for (params, f) in qualified.iter().take(10) {
        println!("{params:?}");
        for line in f.lines() {
            println!("  {line}");
        }
    }
    Ok(())
}
