//! The synthetic corpus the benchmarks time: `n` topics of 10 links each in 8 stages, every topic
//! after the first requiring 1-4 earlier ones (so never a later stage), some links requiring an
//! earlier link of their topic or of a topic their topic requires. Deterministic: the same `n`
//! always gives the same bytes. About 4 KB a topic, like a corpus with real notes.
//!
//! Shared by `benches/plan.rs` (`cargo bench`) and `examples/gen_corpus.rs` (`benches/scale.sh`).

/// Links per topic.
pub const LINKS: usize = 10;
/// Stages declared in course.toml.
pub const STAGES: usize = 8;

const KINDS: &[&str] = &[
    "article", "paper", "talk", "video", "book", "course", "thread",
];
const LEVELS: &[&str] = &["intro", "intermediate", "advanced"];
const WORDS: &[&str] = &[
    "consensus",
    "replication",
    "logs",
    "clocks",
    "quorums",
    "leases",
    "failure",
    "detectors",
    "linearizability",
    "snapshots",
    "gossip",
    "partitions",
    "transactions",
    "isolation",
    "storage",
    "indexes",
];

/// A small deterministic generator (SplitMix64), so no dependency and the same corpus everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.below(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn topic_id(i: usize) -> String {
    format!("t{i}")
}

/// The files of the corpus: (file name, text), `course.toml` first.
pub fn corpus(topics: usize) -> Vec<(String, String)> {
    let mut rng = Rng(topics as u64);
    let mut out = Vec::with_capacity(topics + 1);
    let mut course = String::from(
        "title = \"Synthetic\"\ndescription = \"A generated course for benchmarks.\"\n",
    );
    for s in 1..=STAGES {
        course.push_str(&format!(
            "\n[[stage]]\nid = \"s{s}\"\ntitle = \"Stage {s}\"\nguidance = \"Read stage {s} in order; {}.\"\n",
            rng.words(6)
        ));
    }
    out.push(("course.toml".to_string(), course));
    for i in 0..topics {
        out.push((format!("{}.toml", topic_id(i)), topic(&mut rng, i, topics)));
    }
    out
}

fn topic(rng: &mut Rng, i: usize, topics: usize) -> String {
    // Earlier topics only, from a window so chains stay long as the corpus grows.
    let mut requires: Vec<usize> = Vec::new();
    if i > 0 {
        let want = 1 + rng.below(4);
        let window = i.min(200);
        for _ in 0..want {
            let j = i - 1 - rng.below(window);
            if !requires.contains(&j) {
                requires.push(j);
            }
        }
    }
    let quoted: Vec<String> = requires
        .iter()
        .map(|&j| format!("\"{}\"", topic_id(j)))
        .collect();
    let mut text = format!(
        "title = \"Topic {i}: {}\"\nsummary = \"What topic {i} is about: {}.\"\nstage = \"s{}\"\nrequires = [{}]\nkeywords = [\"{}\", \"{}\"]\n",
        rng.words(3),
        rng.words(12),
        1 + i * STAGES / topics.max(1),
        quoted.join(", "),
        rng.words(1),
        rng.words(1),
    );
    for k in 0..LINKS {
        let mut reqs = Vec::new();
        if k > 0 && rng.below(3) == 0 {
            reqs.push(format!("\"{}-l{}\"", topic_id(i), rng.below(k)));
        }
        if let (Some(&j), 0) = (requires.first(), rng.below(5)) {
            reqs.push(format!("\"{}-l{}\"", topic_id(j), rng.below(LINKS)));
        }
        text.push_str(&format!(
            "\n[[link]]\nid = \"{t}-l{k}\"\nurl = \"https://example.com/{i}/{k}/{w}\"\ntitle = \"Reading {k} on {title}\"\n\
             kind = \"{kind}\"\nlevel = \"{level}\"\nminutes = {minutes}\nauthors = [\"A. Author\", \"B. Writer\"]\n\
             published = \"20{yy:02}-0{m}-1{d}\"\nnote = \"Why read it: {note}.\"\nrequires = [{reqs}]\n",
            t = topic_id(i),
            w = rng.words(2).replace(' ', "-"),
            title = rng.words(4),
            kind = KINDS[rng.below(KINDS.len())],
            level = LEVELS[rng.below(LEVELS.len())],
            minutes = 10 + rng.below(110),
            yy = rng.below(25),
            m = 1 + rng.below(9),
            d = rng.below(10),
            note = rng.words(14),
            reqs = reqs.join(", "),
        ));
    }
    text
}
