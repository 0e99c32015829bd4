//! Numbers in words, the same in every output: hours, paces and counted nouns.

/// Minutes as hours with at most one decimal: `90` -> `1.5`, `120` -> `2`.
pub(crate) fn hours(minutes: u32) -> String {
    let tenths = (minutes * 10 + 30) / 60;
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// A pace such as hours a week, with one decimal only when it has one: `5.0` -> `5`.
pub(crate) fn decimal(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// `1 topic`, `2 topics`.
pub fn count(n: usize, word: &str) -> String {
    format!("{n} {}", plural(n, word))
}

/// `word` as it goes with `n`: `topic` or `topics`.
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_round_to_tenths() {
        assert_eq!(hours(0), "0");
        assert_eq!(hours(90), "1.5");
        assert_eq!(hours(120), "2");
        assert_eq!(hours(100), "1.7");
    }

    #[test]
    fn counts_and_paces() {
        assert_eq!(count(1, "link"), "1 link");
        assert_eq!(count(0, "link"), "0 links");
        assert_eq!(decimal(5.0), "5");
        assert_eq!(decimal(4.75), "4.8");
        assert_eq!(and_list(&["a".into()]), "a");
        assert_eq!(
            and_list(&["a".into(), "b".into(), "c".into()]),
            "a, b and c"
        );
    }
}
