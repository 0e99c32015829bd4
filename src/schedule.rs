//! The weekly schedule: the plan's links, in plan order, cut into weeks under an hours budget.
//!
//! Plan order already puts every prerequisite first, so filling weeks front to back never places
//! a link before what it needs. A link that fits in a week is never split; one longer than a week
//! (a book, a project built over several sittings) starts a week of its own and runs over as many
//! full weeks as it takes, and what follows may share its last week. Links marked done (progress) are left out and the remaining time
//! recomputed. Dates are plain civil (proleptic Gregorian) dates; weeks run seven days from
//! `start`.

use crate::words;
use serde::Serialize;
use std::fmt;

pub(crate) const DEFAULT_HOURS_PER_WEEK: f64 = 5.0;

#[derive(Clone, Debug, PartialEq)]
pub struct ScheduleOptions {
    pub hours_per_week: f64,
    pub start: Option<Date>,
    /// The number of weeks the reader wants to finish in.
    pub weeks: Option<u32>,
    /// Schedule the optional track too (`--optional`).
    pub optional: bool,
}

impl Default for ScheduleOptions {
    fn default() -> Self {
        ScheduleOptions {
            hours_per_week: DEFAULT_HOURS_PER_WEEK,
            start: None,
            weeks: None,
            optional: false,
        }
    }
}

/// The schedule's figures, carried in the plan beside its `weeks`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Schedule {
    pub hours_per_week: f64,
    pub minutes_per_week: u32,
    /// `YYYY-MM-DD`, when given.
    pub start: Option<String>,
    pub done_links: usize,
    pub done_minutes: u32,
    pub remaining_minutes: u32,
    /// `--weeks`, when given.
    pub weeks_wanted: Option<u32>,
    /// When `--weeks` cannot hold the plan at this pace: the hours a week it would take.
    pub needed_hours_per_week: Option<f64>,
    /// Whether the optional track is scheduled (`--optional`).
    pub optional: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Week<'a> {
    pub number: u32,
    /// `YYYY-MM-DD` of its first day, when the schedule has a start.
    pub start: Option<String>,
    pub minutes: u32,
    /// Link ids in plan order; a link longer than a week is listed in every week it runs over.
    /// Borrowed from the course: a plan of 100,000 links does not copy each id.
    pub links: Vec<&'a str>,
    /// The links of this week that run over several weeks, with which part falls here.
    pub parts: std::collections::BTreeMap<&'a str, Part>,
}

/// The share of a long link that falls in one week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Part {
    /// 1-based.
    pub part: u32,
    pub of: u32,
    pub minutes: u32,
}

impl Schedule {
    /// A one-line warning when `--weeks` is too short at this pace.
    pub fn warning(&self) -> Option<String> {
        let (weeks, needed) = (self.weeks_wanted?, self.needed_hours_per_week?);
        Some(format!(
            "{} at {} hours a week cannot hold the remaining {} hours; it would take {} hours a week",
            words::count(weeks as usize, "week"),
            words::decimal(self.hours_per_week),
            words::hours(self.remaining_minutes),
            words::decimal(needed)
        ))
    }
}

/// Weeks holding `minutes` in order, each up to `budget`: `(index, minutes of it)` per week. An
/// item longer than `budget` starts a fresh week and fills whole weeks until its rest, which
/// the next items may join.
pub(crate) fn pack(minutes: &[u32], budget: u32) -> Vec<Vec<(usize, u32)>> {
    let budget = budget.max(1);
    let mut weeks: Vec<Vec<(usize, u32)>> = Vec::new();
    let mut current: Vec<(usize, u32)> = Vec::new();
    let mut used = 0;
    for (i, &m) in minutes.iter().enumerate() {
        if !current.is_empty() && used + m > budget {
            weeks.push(std::mem::take(&mut current));
            used = 0;
        }
        let mut left = m;
        while left > budget {
            weeks.push(vec![(i, budget)]);
            left -= budget;
        }
        current.push((i, left));
        used += left;
    }
    if !current.is_empty() {
        weeks.push(current);
    }
    weeks
}

/// The first and last week an item is read in.
pub(crate) type Span = (u32, u32);

/// One reading to schedule, in plan order.
pub(crate) struct Item<'a> {
    pub id: &'a str,
    pub minutes: u32,
    pub done: bool,
}

/// Cut `items` (in plan order) into weeks; done items count as done and go in no week. Also
/// gives, by item, the first and last week it is read in (`None` for a done item), so the
/// plan need not look its links up by id.
///
/// Takes plain items rather than the plan so that the plan can use it without this module
/// knowing the plan: data flows one way.
pub(crate) fn cut<'a>(
    items: &[Item<'a>],
    options: &ScheduleOptions,
) -> (Schedule, Vec<Week<'a>>, Vec<Option<Span>>) {
    let budget = (options.hours_per_week * 60.0).round().max(1.0) as u32;
    // Positions in `items`: the done, and the rest in the order they are read.
    let (done, order): (Vec<usize>, Vec<usize>) = (0..items.len()).partition(|&k| items[k].done);
    let mut span_of: Vec<Option<Span>> = vec![None; items.len()];
    let minutes: Vec<u32> = order.iter().map(|&k| items[k].minutes).collect();
    let packed = pack(&minutes, budget);
    let mut spans = vec![0u32; minutes.len()];
    for &(j, _) in packed.iter().flatten() {
        spans[j] += 1;
    }
    let mut seen = vec![0u32; minutes.len()];
    let weeks: Vec<Week> = packed
        .iter()
        .enumerate()
        .map(|(i, members)| {
            let mut parts = std::collections::BTreeMap::new();
            let number = i as u32 + 1;
            for &(j, m) in members {
                let span = &mut span_of[order[j]];
                *span = Some(span.map_or((number, number), |(first, _)| (first, number)));
                seen[j] += 1;
                if spans[j] > 1 {
                    let part = Part {
                        part: seen[j],
                        of: spans[j],
                        minutes: m,
                    };
                    parts.insert(items[order[j]].id, part);
                }
            }
            Week {
                number,
                start: options.start.map(|d| d.add_days(7 * i as i64).to_string()),
                minutes: members.iter().map(|&(_, m)| m).sum(),
                links: members.iter().map(|&(j, _)| items[order[j]].id).collect(),
                parts,
            }
        })
        .collect();
    let needed = options
        .weeks
        .filter(|&n| weeks.len() as u32 > n)
        .map(|n| needed_hours(&minutes, n.max(1)));
    let schedule = Schedule {
        hours_per_week: options.hours_per_week,
        minutes_per_week: budget,
        start: options.start.map(|d| d.to_string()),
        done_links: done.len(),
        done_minutes: done.iter().map(|&k| items[k].minutes).sum(),
        remaining_minutes: minutes.iter().sum(),
        weeks_wanted: options.weeks,
        needed_hours_per_week: needed,
        optional: options.optional,
    };
    (schedule, weeks, span_of)
}

/// The smallest pace, in tenths of an hour, at which `minutes` fit in `weeks` weeks.
fn needed_hours(minutes: &[u32], weeks: u32) -> f64 {
    let fits = |tenths: u32| pack(minutes, tenths * 6).len() as u32 <= weeks;
    let total: u32 = minutes.iter().sum();
    let (mut lo, mut hi) = (total.div_ceil(6 * weeks).max(1), total.div_ceil(6).max(1));
    // At `hi` everything fits in one week, so the search always ends on a pace that fits.
    while lo < hi {
        let mid = (lo + hi) / 2;
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    f64::from(lo) / 10.0
}

/// A calendar date (proleptic Gregorian), enough for weekly schedules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// `YYYY-MM-DD`, checked (month lengths and leap years included).
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        (date.month >= 1
            && date.month <= 12
            && date.day >= 1
            && date.day <= days_in_month(date.year, date.month))
        .then_some(date)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub(crate) fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days(self.to_days() + days)
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days((secs / 86_400) as i64)
    }

    /// 0 for Monday .. 6 for Sunday (1970-01-01 was a Thursday).
    pub(crate) fn weekday(self) -> u32 {
        (self.to_days() + 3).rem_euclid(7) as u32
    }

    /// This date if it is a Monday, else the next Monday.
    pub fn next_monday(self) -> Date {
        self.add_days(i64::from((7 - self.weekday()) % 7))
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_know_leap_years() {
        let d = Date::parse("2024-02-28").unwrap();
        assert_eq!(d.add_days(1).to_string(), "2024-02-29");
        assert_eq!(d.add_days(2).to_string(), "2024-03-01");
        assert_eq!(
            Date::parse("2025-12-29").unwrap().add_days(7).to_string(),
            "2026-01-05"
        );
        assert_eq!(Date::parse("1970-01-01").unwrap().to_days(), 0);
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2025-1-5").is_none());
        for days in -800_000..800_000i64 {
            if days % 997 == 0 {
                assert_eq!(Date::from_days(days).to_days(), days);
            }
        }
        // 2025-01-06 was a Monday.
        assert_eq!(Date::parse("2025-01-06").unwrap().weekday(), 0);
        assert_eq!(
            Date::parse("2025-01-08").unwrap().next_monday().to_string(),
            "2025-01-13"
        );
    }

    #[test]
    fn packing_splits_only_what_is_longer_than_a_week() {
        assert_eq!(
            pack(&[60, 60, 200, 30, 400, 10], 300),
            vec![
                vec![(0, 60), (1, 60)],
                vec![(2, 200), (3, 30)],
                vec![(4, 300)],
                vec![(4, 100), (5, 10)],
            ]
        );
        // A twenty-hour project at five hours a week takes four whole weeks.
        assert_eq!(
            pack(&[30, 1200, 60], 300),
            vec![
                vec![(0, 30)],
                vec![(1, 300)],
                vec![(1, 300)],
                vec![(1, 300)],
                vec![(1, 300)],
                vec![(2, 60)],
            ]
        );
        assert_eq!(needed_hours(&[120, 120, 120], 1), 6.0);
        assert_eq!(needed_hours(&[120, 120, 120], 2), 4.0);
        assert_eq!(needed_hours(&[1200], 2), 10.0);
    }

    #[test]
    fn a_long_link_names_its_parts() {
        let items = [
            Item {
                id: "a",
                minutes: 30,
                done: false,
            },
            Item {
                id: "lab",
                minutes: 700,
                done: false,
            },
            Item {
                id: "b",
                minutes: 60,
                done: false,
            },
        ];
        let (summary, weeks, _) = cut(&items, &ScheduleOptions::default());
        assert_eq!(summary.remaining_minutes, 790);
        let shape: Vec<(Vec<&str>, u32)> =
            weeks.iter().map(|w| (w.links.clone(), w.minutes)).collect();
        assert_eq!(
            shape,
            [
                (vec!["a"], 30),
                (vec!["lab"], 300),
                (vec!["lab"], 300),
                (vec!["lab", "b"], 160)
            ]
        );
        let third = weeks[3].parts["lab"];
        assert_eq!((third.part, third.of, third.minutes), (3, 3, 100));
        assert!(weeks[0].parts.is_empty() && !weeks[3].parts.contains_key("b"));
    }
}
