//! What belongs to a course's field at all: the words the course uses far more often than
//! English does.
//!
//! A word's weight is how many times more often it appears in the course's own text (topic
//! titles, keywords and summaries, link titles and notes) than in general English web text
//! ([`ENGLISH`], word counts of the Google Web Trillion Word Corpus), on a log scale. "Paxos",
//! "quorum" and "linearizability" weigh a lot; "time", "writing" and "proposal" weigh little
//! although the course uses them, because everybody does. A reading whose title shares no
//! weighty word with the course is outside its field, whatever single common word it shares
//! with a topic: the suggester sends it to the inbox.

use std::collections::HashMap;

/// General English: one word a line, `word<TAB>round(10 * ln(count))`, most frequent first.
const ENGLISH: &str = include_str!("english.txt");

/// A word the course uses this many times more often than English (as a natural log) is
/// the field's own.
pub(crate) const FIELD_RATIO: f32 = 2.0;
/// The least number of times the course must use a word for it to be the field's: one use
/// is an accident of one note.
const MIN_USES: u32 = 2;

/// A word as both sides count it: lowercase ASCII letters and digits, a plural `s` dropped.
pub(crate) fn normal(word: &str) -> Option<String> {
    let mut w = String::new();
    normal_into(word, &mut w).then_some(w)
}

/// [`normal`] into `w` (cleared first); false for no word. Asked of every word of every
/// title an import reads, several times: a caller keeps one buffer (and `deunicode` borrows
/// ASCII words as they are).
fn normal_into(word: &str, w: &mut String) -> bool {
    let ascii = deunicode::deunicode_with_tofu_cow(word, "[?]");
    w.clear();
    w.extend(
        ascii
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase())),
    );
    if w.len() < 3 || w.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if plural(w) {
        w.pop();
    }
    true
}

fn singular(w: &str) -> String {
    if plural(w) {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    }
}

/// Whether `w` (lowercase) ends in a plural `s` that [`normal`] drops.
fn plural(w: &str) -> bool {
    w.len() > 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
}

/// The words of `text`, as [`normal`] makes them.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter_map(normal)
}

/// The field of one course: each word's weight.
pub(crate) struct Field {
    /// Looked up for every word of every text an import reads: a fast hash.
    weights: foldhash::HashMap<String, f32>,
    /// The least weight of the field's own words (see [`FIELD_RATIO`]).
    ratio: f32,
}

impl Field {
    /// Learns the field from `texts`, each with how many times it counts.
    pub(crate) fn learn<'a>(texts: impl IntoIterator<Item = (&'a str, u32)>, ratio: f32) -> Field {
        let mut uses: HashMap<String, u32> = HashMap::new();
        let mut total: u64 = 0;
        for (text, times) in texts {
            for w in words(text) {
                *uses.entry(w).or_default() += times;
                total += u64::from(times);
            }
        }
        let english = english();
        // Below the list's last word a word is rare in English: count it as half that.
        let floor = english.rarest - std::f32::consts::LN_2;
        let total = (total.max(1) as f32).ln();
        let weights = uses
            .into_iter()
            .filter(|(_, n)| *n >= MIN_USES)
            .map(|(w, n)| {
                let ln_english = english.ln_count.get(&w).copied().unwrap_or(floor);
                let ratio = ((n as f32).ln() - total) - (ln_english - english.ln_total);
                (w, ratio)
            })
            .collect();
        Field { weights, ratio }
    }

    /// How much more often the course uses `word` (already [`normal`]) than English does,
    /// as a natural log; `None` when the course hardly uses it.
    pub(crate) fn weight(&self, word: &str) -> Option<f32> {
        self.weights.get(word).copied()
    }

    /// Whether `word` (already [`normal`]) is the field's own.
    pub(crate) fn owns(&self, word: &str) -> bool {
        self.weight(word).is_some_and(|r| r >= self.ratio)
    }

    /// The field's words in `text`, each once, in order, lowercase as written (a stemmer
    /// downstream sees the word, not [`normal`]'s key).
    pub(crate) fn words_in(&self, text: &str) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        let mut out: Vec<String> = Vec::new();
        // Most words are not the field's: they are normalised in one buffer, not a string each.
        let mut key = String::new();
        for raw in text.split(|c: char| !c.is_alphanumeric()) {
            if !normal_into(raw, &mut key) {
                continue;
            }
            if self.owns(&key) && !keys.contains(&key) {
                keys.push(key.clone());
                out.push(raw.to_lowercase());
            }
        }
        out
    }
}

/// Whether `word` (already [`normal`]) is among the commonest English words (more often than
/// about three times in ten thousand): "time", "data", "available". Such a word names no
/// topic on its own.
pub(crate) fn common_english(word: &str) -> bool {
    let e = english();
    e.ln_count
        .get(word)
        .is_some_and(|ln| ln - e.ln_total > COMMON_LN_SHARE)
}

/// Whether general English uses `word` at all (it is among the 40,000 most frequent words).
pub(crate) fn in_english(word: &str) -> bool {
    // Words come singular from `normal`, which cuts the "s" of "paxos" too.
    let e = &english().ln_count;
    e.contains_key(word) || e.contains_key(&format!("{word}s"))
}

/// ln(3e-4): the share of English text above which a word is common.
const COMMON_LN_SHARE: f32 = -8.11;

struct English {
    ln_count: HashMap<String, f32>,
    ln_total: f32,
    rarest: f32,
}

fn english() -> &'static English {
    static ENGLISH_COUNTS: std::sync::OnceLock<English> = std::sync::OnceLock::new();
    ENGLISH_COUNTS.get_or_init(|| {
        let mut ln_count: HashMap<String, f32> = HashMap::with_capacity(40_000);
        let mut rarest = f32::MAX;
        let mut total = 0f64;
        for line in ENGLISH.lines().filter(|l| !l.starts_with('#')) {
            let Some((word, tenths)) = line.split_once('\t') else {
                continue;
            };
            let Ok(tenths) = tenths.parse::<u32>() else {
                continue;
            };
            let ln = tenths as f32 / 10.0;
            rarest = rarest.min(ln);
            total += f64::from(ln).exp();
            // A plural and its singular are one word, as [`normal`] makes them.
            let key = singular(word);
            let entry = ln_count.entry(key).or_insert(f32::MIN);
            *entry = ln_add(*entry, ln);
        }
        English {
            ln_count,
            ln_total: total.ln() as f32,
            rarest,
        }
    })
}

/// ln(e^a + e^b) without overflow.
fn ln_add(a: f32, b: f32) -> f32 {
    if a == f32::MIN {
        return b;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_is_what_the_course_says_more_than_english() {
        // About as often as the shipped course says "time": once in sixty words.
        let text = "Paxos consensus. Paxos made simple: consensus with a quorum of acceptors. \
                    Time, clocks and the ordering of events in a distributed system. Quorum \
                    systems and the replication of state machines across the replicas of a \
                    service that tolerates the crash of a minority of its servers, with leases \
                    for reads, leader election by ballots, and a log that every replica applies \
                    in the same order so that the service behaves like one machine again. \
                    Logical clocks.";
        let field = Field::learn([(text, 1)], FIELD_RATIO);
        assert!(
            field.owns("paxo") || field.owns("paxos"),
            "{:?}",
            field.weights
        );
        assert!(field.owns("quorum"));
        assert!(field.owns("consensu") || field.owns("consensus"));
        assert!(!field.owns("time"), "{:?}", field.weight("time"));
        assert!(!field.owns("made"), "used once");
        assert_eq!(
            field.words_in("How Do You Spend Your Time?"),
            Vec::<String>::new()
        );
        assert_eq!(field.words_in("Quorum reads, Quorums"), ["quorum"]);
        assert_eq!(field.words_in("Paxos, again"), ["paxos"]);
    }
}
