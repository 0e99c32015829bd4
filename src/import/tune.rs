//! Searches the topic suggester's settings on the hand labels of
//! `tests/fixtures/curation/`. A test rather than an example: it drives the suggester's
//! settings, which are not part of the library's public surface.
//!
//! The development data are thirteen lists: the nine of `labels.toml` and the four of the
//! fresh set's `fresh-tune` half. The fresh set's `fresh-holdout` half is dropped before
//! anything is evaluated here: it is measured only in aggregate, by `syllabus suggest
//! --evaluate --labels tests/fixtures/curation/labels-fresh.toml`. What a setting is worth
//! on an unseen list is estimated by `leave_one_list_out` (`cargo test --release --lib
//! leave_one_list_out -- --ignored --nocapture`): the settings are chosen on twelve lists and
//! scored on the thirteenth, the thirteen scores pooled; it also prints the setting chosen on
//! all thirteen. `dev_figures` prints the defaults' figures on them, and `tune_suggester`
//! searches the old `tune` half alone, as the defaults were once chosen.
//!
//! A setting qualifies when suggestions are right at least 80% of the time when made and at
//! most 25% of the readings that fit no topic are filed; among those, the one that files the
//! most fitting readings where they belong wins. When none qualifies, the most precise that
//! still files wins.
//!
//! `show_all_mistakes` (`cargo test --lib show_all_mistakes -- --ignored --nocapture`)
//! prints each development reading that import gets wrong with the defaults, with what
//! decided it: what to read before changing the suggester; `show_all_readings` prints every
//! one, right or wrong, with its three best topics and their scores; `show_tune_mistakes`
//! and `show_tune_readings` do the same for the old tune half.

use super::labels::{Figures, Labelled};
use super::suggest::Params;
use std::collections::BTreeMap;

const LABELS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/curation/labels.toml"
);

/// The fresh blind set: only its `fresh-tune` half is development data; its
/// `fresh-holdout` half is never evaluated here (it is measured in aggregate by `syllabus
/// suggest --evaluate --labels`, and rarely).
const FRESH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/curation/labels-fresh.toml"
);

/// The development data: the nine lists of `labels.toml` and the four of the fresh set's
/// `fresh-tune` half. The `fresh-holdout` half's labels and lists are dropped before
/// anything is evaluated.
fn development() -> Result<Vec<Labelled>, Box<dyn std::error::Error>> {
    let load = |p: &str| Labelled::load(std::path::Path::new(p)).map_err(|e| e.to_string());
    Ok(vec![load(LABELS)?, load(FRESH)?.only_half("fresh-tune")])
}

/// The outcomes of every development list with `params`, in label order.
fn outcomes(sets: &[Labelled], params: Params) -> Vec<super::labels::Outcome> {
    sets.iter()
        .flat_map(|l| l.evaluate(params).outcomes)
        .collect()
}

fn labels() -> Result<Labelled, Box<dyn std::error::Error>> {
    Ok(Labelled::load(std::path::Path::new(LABELS))
        .map_err(|e| e.to_string())?
        .only_half("tune"))
}

#[test]
#[ignore = "run by hand: see the module's comment"]
fn show_tune_mistakes() -> Result<(), Box<dyn std::error::Error>> {
    show_mistakes(&labels()?, false);
    Ok(())
}

/// Each reading of the thirteen development lists that import gets wrong (all of
/// `labels.toml`, and the fresh set's `fresh-tune` half).
#[test]
#[ignore = "run by hand: see the module's comment"]
fn show_all_mistakes() -> Result<(), Box<dyn std::error::Error>> {
    for labelled in development()? {
        show_mistakes(&labelled, false);
    }
    Ok(())
}

/// Every reading of the development lists, right or wrong, with its three best topics.
#[test]
#[ignore = "run by hand: see the module's comment"]
fn show_all_readings() -> Result<(), Box<dyn std::error::Error>> {
    for labelled in development()? {
        show_mistakes(&labelled, true);
    }
    Ok(())
}

/// Every reading of the tune half, right or wrong, with its three best topics.
#[test]
#[ignore = "run by hand: see the module's comment"]
fn show_tune_readings() -> Result<(), Box<dyn std::error::Error>> {
    show_mistakes(&labels()?, true);
    Ok(())
}

/// The settings the searches try: each of the suggester's chosen constants a step either
/// side of its default.
fn grid() -> Vec<Params> {
    let mut out = Vec::new();
    for floor_words in [2.5, 3.0, 3.5, 4.0, 4.5] {
        for margin in [1.2, 1.35, 1.5, 1.75] {
            for title_name_weight in [1.0, 1.5] {
                for heading_name_weight in [0.5, 1.0] {
                    for named_margin in [1.0, 1.2] {
                        for neighbour_weight in [0.0, 0.5] {
                            out.push(Params {
                                floor_words,
                                margin,
                                title_name_weight,
                                heading_name_weight,
                                named_margin,
                                neighbour_weight,
                                ..Params::default()
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

fn rate(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

fn precise(f: &Figures) -> f64 {
    rate(f.filed_right, f.filed)
}

fn recall(f: &Figures) -> f64 {
    rate(f.new_fitting_filed_right, f.new_fitting)
}

fn stray(f: &Figures) -> f64 {
    rate(f.new_unfitting_filed, f.new_unfitting)
}

/// Meets the two guards: right at least 80% of the time when filing, at most 25%
/// of the readings that fit nothing filed.
fn qualifies(f: &Figures) -> bool {
    precise(f) >= 0.8 && stray(f) <= 0.25
}

/// Best first: qualifying settings by recall; when none qualifies, the most precise ones
/// that still file.
fn rank(results: &mut [(Params, Figures)]) {
    results.sort_by(|(_, a), (_, b)| {
        qualifies(b).cmp(&qualifies(a)).then_with(|| {
            if qualifies(a) {
                recall(b)
                    .total_cmp(&recall(a))
                    .then(b.filed.cmp(&a.filed).reverse())
            } else {
                (2.0 * precise(b) + recall(b) - stray(b))
                    .total_cmp(&(2.0 * precise(a) + recall(a) - stray(a)))
            }
        })
    });
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
    let mut results: Vec<(Params, Figures)> = grid()
        .into_iter()
        .map(|params| (params, labelled.evaluate(params).halves["tune"].clone()))
        .collect();
    let count = results.iter().filter(|(_, f)| qualifies(f)).count();
    println!("{count} of {} settings qualify; the best:", results.len());
    rank(&mut results);
    for (params, f) in results.iter().take(12) {
        println!("{params:?}");
        for line in f.lines() {
            println!("  {line}");
        }
    }
    Ok(())
}

/// `into` plus `f`, count by count.
fn merge(into: &mut Figures, f: &Figures) {
    into.readings += f.readings;
    into.unread += f.unread;
    into.held += f.held;
    into.held_recognised += f.held_recognised;
    into.merges += f.merges;
    into.wrong_merges += f.wrong_merges;
    into.new_fitting += f.new_fitting;
    into.new_fitting_filed_right += f.new_fitting_filed_right;
    into.new_unfitting += f.new_unfitting;
    into.new_unfitting_filed += f.new_unfitting_filed;
    into.filed += f.filed;
    into.filed_right += f.filed_right;
}

/// What the suggester is worth on a list nobody tuned on, from the thirteen development
/// lists (all nine of `labels.toml`, the four of the fresh set's `fresh-tune` half): for each
/// list, the settings are chosen (as `tune_suggester` chooses) on the other twelve and scored
/// on it; the thirteen held-out scores are pooled. Also the defaults' figures pooled over all
/// lists, for comparison. `cargo test --release --lib leave_one_list_out -- --ignored
/// --nocapture`; `leave_one_list_out_readings` prints each held-out reading too.
#[test]
#[ignore = "a search of some minutes, run by hand in release: see the module's comment"]
fn leave_one_list_out() -> Result<(), Box<dyn std::error::Error>> {
    leave_one_list_out_printing(false)
}

/// [`leave_one_list_out`], printing also each held-out reading's outcome under the settings
/// chosen without its list (`READING ok|MISTAKE list | title | want | got`), to compare two
/// versions of the suggester line by line: `cargo test --release --lib
/// leave_one_list_out_readings -- --ignored --nocapture`.
#[test]
#[ignore = "a search of some minutes, run by hand in release: see the module's comment"]
fn leave_one_list_out_readings() -> Result<(), Box<dyn std::error::Error>> {
    leave_one_list_out_printing(true)
}

fn leave_one_list_out_printing(readings: bool) -> Result<(), Box<dyn std::error::Error>> {
    let sets = development()?;
    let by_list = |params: Params| {
        let mut lists: BTreeMap<String, Figures> = BTreeMap::new();
        for o in outcomes(&sets, params) {
            lists.entry(o.label.list.clone()).or_default().add(&o);
        }
        lists
    };
    let results: Vec<(Params, BTreeMap<String, Figures>)> =
        grid().into_iter().map(|p| (p, by_list(p))).collect();
    let defaults = by_list(Params::default());
    let mut pooled = Figures::default();
    let mut pooled_defaults = Figures::default();
    for held in defaults.keys() {
        let mut fitted: Vec<(Params, Figures)> = results
            .iter()
            .map(|(p, lists)| {
                let mut sum = Figures::default();
                for (list, f) in lists {
                    if list != held {
                        merge(&mut sum, f);
                    }
                }
                (*p, sum)
            })
            .collect();
        rank(&mut fitted);
        let chosen = fitted[0].0;
        let scored = &results
            .iter()
            .find(|(p, _)| *p == chosen)
            .expect("in grid")
            .1[held];
        println!("{held}: chosen on the other lists {chosen:?}");
        for line in scored.lines() {
            println!("  {line}");
        }
        if readings {
            // Reading by reading, to compare two versions of the suggester line by line.
            for o in outcomes(&sets, chosen) {
                if o.label.list == *held {
                    let (got, want) = o.got_and_wanted();
                    let mark = if got == want { "ok" } else { "MISTAKE" };
                    println!(
                        "READING {mark} {held} | {} | want: {want} | got: {got}",
                        o.label.title
                    );
                }
            }
        }
        merge(&mut pooled, scored);
        merge(&mut pooled_defaults, &defaults[held]);
    }
    let mut all: Vec<(Params, Figures)> = results
        .iter()
        .map(|(p, lists)| {
            let mut sum = Figures::default();
            for f in lists.values() {
                merge(&mut sum, f);
            }
            (*p, sum)
        })
        .collect();
    rank(&mut all);
    println!(
        "chosen on all {} lists (what the defaults should be): {:?}",
        defaults.len(),
        all[0].0
    );
    for line in all[0].1.lines() {
        println!("  {line}");
    }
    println!("pooled over the {} held-out lists:", defaults.len());
    for line in pooled.lines() {
        println!("  {line}");
    }
    println!("the defaults on all lists: {:?}", Params::default());
    for line in pooled_defaults.lines() {
        println!("  {line}");
    }
    Ok(())
}

/// The defaults' figures on the development lists, by set and pooled: the quick check
/// between changes (`cargo test --release --lib dev_figures -- --ignored --nocapture`).
#[test]
#[ignore = "run by hand: see the module's comment"]
fn dev_figures() -> Result<(), Box<dyn std::error::Error>> {
    let sets = development()?;
    let mut pooled = Figures::default();
    for (name, set) in ["labels.toml", "fresh-tune"].iter().zip(&sets) {
        let e = set.evaluate(Params::default());
        let f = &e.halves["all"];
        println!("{name}:");
        for line in f.lines() {
            println!("  {line}");
        }
        merge(&mut pooled, f);
    }
    println!("pooled:");
    for line in pooled.lines() {
        println!("  {line}");
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
    for line in e.halves["all"].lines() {
        println!("  {line}");
    }
}

/// The development sets the suggester's rules were not read from, by name: what a setting
/// of the decision threshold is judged on as a whole (`threshold_sweep`).
const LATER_SETS: [&str; 4] = [
    "labels-fresh5.toml",
    "labels-fresh4.toml",
    "labels-fresh3.toml",
    "labels-fresh2.toml",
];

/// Right when made and fitting readings filed on each later development set and on the
/// thirteen development lists, at a few settings of the floor and the margin either side
/// of the defaults, with the heading's names at half a title's weight (the default) or a
/// whole one (what `leave_one_list_out` chooses on all thirteen lists) (`cargo test --release --lib threshold_sweep -- --ignored --nocapture`):
/// a setting that serves every set better than the default is the evidence to change it.
#[test]
#[ignore = "run by hand: see the function's comment"]
fn threshold_sweep() -> Result<(), Box<dyn std::error::Error>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/curation/");
    let mut sets: Vec<(String, Vec<Labelled>)> = Vec::new();
    for name in LATER_SETS {
        let path = std::path::PathBuf::from(dir).join(name);
        let set = Labelled::load(&path).map_err(|e| e.to_string())?;
        sets.push((name.to_string(), vec![set]));
    }
    sets.push(("13 dev lists".to_string(), development()?));
    for floor_words in [3.0, 3.5, 4.0] {
        for margin in [1.2, 1.35, 1.5] {
            for heading_name_weight in [0.5, 1.0] {
                let params = Params {
                    floor_words,
                    margin,
                    heading_name_weight,
                    ..Params::default()
                };
                let mut line = format!(
                    "floor {floor_words:.1} margin {margin:.2} heading {heading_name_weight:.1}:"
                );
                for (name, labelled) in &sets {
                    let mut pooled = Figures::default();
                    for l in labelled {
                        merge(&mut pooled, &l.evaluate(params).halves["all"]);
                    }
                    line.push_str(&format!(
                        "  {name} {:.0}/{:.0}/{:.0}",
                        100.0 * precise(&pooled),
                        100.0 * stray(&pooled),
                        100.0 * recall(&pooled)
                    ));
                }
                println!("{line}");
            }
        }
    }
    Ok(())
}
