//! `gen_corpus N DIR`: write the synthetic benchmark corpus of N topics (10 links each) into DIR.
//! Used by `benches/scale.sh`.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: gen_corpus TOPICS DIR");
        std::process::exit(2);
    };
    let dir = std::path::Path::new(dir);
    std::fs::create_dir_all(dir).expect("create the corpus folder");
    for (name, text) in synthetic::corpus(n) {
        std::fs::write(dir.join(name), text).expect("write a corpus file");
    }
}
