//! `cargo bench`: how long the pipeline takes, as medians over repeated runs (no timed tests:
//! shared machines are too noisy for pass/fail thresholds).
//!
//! Measures load + validate + graph + plan + Markdown on the built-in course, and on a
//! synthetic corpus of 2,000 topics and 10,000 links to show how it scales.

use std::time::{Duration, Instant};
use syllabus::corpus::{self, Source};
use syllabus::graph::Graph;
use syllabus::render::{self, Templates};

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

fn synthetic(topics: usize, links_per_topic: usize) -> Vec<Source> {
    let mut out = vec![Source {
        path: "course.toml".into(),
        text: "title = \"Synthetic\"\ndescription = \"Generated.\"\n".into(),
    }];
    for i in 0..topics {
        // Each topic needs up to three earlier ones, spread out so that chains are long.
        let requires: Vec<String> = [i / 2, i / 3, i.saturating_sub(7)]
            .iter()
            .filter(|&&j| j < i)
            .map(|j| format!("\"t{j}\""))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut text = format!(
            "title = \"Topic {i}\"\nsummary = \"About topic {i}.\"\nrequires = [{}]\n",
            requires.join(", ")
        );
        for k in 0..links_per_topic {
            let req = if k > 0 {
                format!("requires = [\"t{i}-l{}\"]\n", k - 1)
            } else {
                String::new()
            };
            text.push_str(&format!(
                "[[link]]\nid = \"t{i}-l{k}\"\nurl = \"https://example.com/{i}/{k}\"\ntitle = \"Reading {k}\"\nkind = \"paper\"\nlevel = \"intermediate\"\nminutes = {}\nnote = \"Why.\"\n{req}",
                20 + (i * 7 + k * 13) % 90
            ));
        }
        out.push(Source {
            path: format!("t{i}.toml").into(),
            text,
        });
    }
    out
}

fn pipeline(sources: &[Source], templates: &Templates) -> usize {
    let loaded = corpus::load(sources).expect("the corpus is valid");
    let graph = Graph::new(&loaded.course);
    let plan = syllabus::plan::build(&loaded.course, &graph);
    render::markdown(&plan, templates).unwrap().len()
}

fn main() {
    let templates = Templates::load(None).unwrap();
    let built_in = corpus::embedded_sources();
    bench("built-in course: load..markdown", 50, || {
        pipeline(&built_in, &templates)
    });
    let big = synthetic(2000, 5);
    let small = synthetic(200, 5);
    let t_small = bench("synthetic 200 topics / 1,000 links", 10, || {
        pipeline(&small, &templates)
    });
    let t_big = bench("synthetic 2,000 topics / 10,000 links", 5, || {
        pipeline(&big, &templates)
    });
    println!(
        "scaling: 10x the corpus takes {:.1}x the time",
        t_big.as_secs_f64() / t_small.as_secs_f64()
    );
}
