//! `cargo bench`: how long the pipeline takes, as medians over repeated runs (no timed tests:
//! shared machines are too noisy for pass/fail thresholds).
//!
//! Measures load + validate + graph + plan + Markdown on the built-in course, and on the
//! synthetic corpus of `benches/scale.sh` (100 and 1,000 topics, 10 links each) to show how it
//! scales in-process. `benches/scale.sh` times the release binary against the TOML parse floor.

#[path = "support/synthetic.rs"]
mod synthetic;

use std::path::Path;
use std::time::{Duration, Instant};
use syllabus::render::{self, Templates};
use syllabus::{CourseSource, Source, Syllabus};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn bench(name: &str, runs: usize, mut f: impl FnMut() -> usize) -> Duration {
    let mut samples = Vec::with_capacity(runs);
    let mut bytes = 0;
    for _ in 0..runs {
        let start = Instant::now();
        bytes = std::hint::black_box(f());
        samples.push(start.elapsed());
    }
    let m = median(samples);
    println!(
        "{name:<44} median {:>10.3} ms over {runs} runs ({bytes} bytes out)",
        m.as_secs_f64() * 1e3
    );
    m
}

fn synthetic(topics: usize) -> Vec<Source> {
    synthetic::corpus(topics)
        .into_iter()
        .map(|(name, text)| Source {
            path: name.into(),
            text,
        })
        .collect()
}

fn pipeline(sources: &[Source], templates: &Templates) -> usize {
    let loaded = Syllabus::from_sources(sources).expect("the corpus is valid");
    let plan = loaded.whole_plan();
    render::markdown(&plan, templates).unwrap().len()
}

fn main() {
    let templates = Templates::load(None).unwrap();
    // No folder by that name: the course built into the binary.
    let (built_in, _) = CourseSource::find(None, Path::new("no such folder"))
        .read()
        .unwrap();
    bench("built-in course: load..markdown", 50, || {
        pipeline(&built_in, &templates)
    });
    let big = synthetic(1000);
    let small = synthetic(100);
    let t_small = bench("synthetic 100 topics / 1,000 links", 10, || {
        pipeline(&small, &templates)
    });
    let t_big = bench("synthetic 1,000 topics / 10,000 links", 5, || {
        pipeline(&big, &templates)
    });
    println!(
        "scaling: 10x the corpus takes {:.1}x the time",
        t_big.as_secs_f64() / t_small.as_secs_f64()
    );
}
