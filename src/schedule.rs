//! The weekly schedule: the plan's links, in plan order, cut into weeks under an hours budget.
//!
//! Plan order already puts every prerequisite first, so filling weeks front to back never places
//! a link before what it needs. A link is never split: one longer than a week gets a week of its
//! own and is flagged. Links marked done (progress) are left out and the remaining time
//! recomputed. Dates are plain civil (proleptic Gregorian) dates; weeks run seven days from
//! `start`.

use crate::words;
use serde::Serialize;
use std::fmt;

pub const DEFAULT_HOURS_PER_WEEK: f64 = 5.0;

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
pub struct Week {
    pub number: u32,
    /// `YYYY-MM-DD` of its first day, when the schedule has a start.
    pub start: Option<String>,
    pub minutes: u32,
    /// Link ids in plan order.
    pub links: Vec<String>,
    /// A single link longer than the weekly budget.
    pub over_budget: bool,
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

/// Weeks holding `minutes` in order, each up to `budget` unless a single item exceeds it:
/// indices per week.
pub fn pack(minutes: &[u32], budget: u32) -> Vec<Vec<usize>> {
    let mut weeks: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut used = 0;
    for (i, &m) in minutes.iter().enumerate() {
        if !current.is_empty() && used + m > budget {
            weeks.push(std::mem::take(&mut current));
            used = 0;
        }
        current.push(i);
        used += m;
    }
    if !current.is_empty() {
        weeks.push(current);
    }
    weeks
}

/// One reading to schedule, in plan order.
pub struct Item<'a> {
    pub id: &'a str,
    pub minutes: u32,
    pub done: bool,
}

/// Cut `items` (in plan order) into weeks; done items count as done and go in no week.
///
/// Takes plain items rather than the plan so that the plan can use it without this module
/// knowing the plan: data flows one way.
pub fn cut(items: &[Item<'_>], options: &ScheduleOptions) -> (Schedule, Vec<Week>) {
    let budget = (options.hours_per_week * 60.0).round().max(1.0) as u32;
    let (done, order): (Vec<&Item>, Vec<&Item>) = items.iter().partition(|i| i.done);
    let minutes: Vec<u32> = order.iter().map(|i| i.minutes).collect();
    let weeks: Vec<Week> = pack(&minutes, budget)
        .iter()
        .enumerate()
        .map(|(i, members)| {
            let total: u32 = members.iter().map(|&j| minutes[j]).sum();
            Week {
                number: i as u32 + 1,
                start: options.start.map(|d| d.add_days(7 * i as i64).to_string()),
                minutes: total,
                links: members.iter().map(|&j| order[j].id.to_string()).collect(),
                over_budget: total > budget,
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
        done_minutes: done.iter().map(|i| i.minutes).sum(),
        remaining_minutes: minutes.iter().sum(),
        weeks_wanted: options.weeks,
        needed_hours_per_week: needed,
        optional: options.optional,
    };
    (schedule, weeks)
}

/// The smallest pace, in tenths of an hour, at which `minutes` fit in `weeks` weeks.
fn needed_hours(minutes: &[u32], weeks: u32) -> f64 {
    let fits = |tenths: u32| pack(minutes, tenths * 6).len() as u32 <= weeks;
    let longest = minutes.iter().copied().max().unwrap_or(0);
    let total: u32 = minutes.iter().sum();
    let (mut lo, mut hi) = (longest.div_ceil(6).max(1), total.div_ceil(6).max(1));
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

    pub fn from_days(days: i64) -> Date {
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
    pub fn weekday(self) -> u32 {
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
    fn packing_never_splits_and_isolates_long_items() {
        assert_eq!(
            pack(&[60, 60, 200, 30, 400, 10], 300),
            vec![vec![0, 1], vec![2, 3], vec![4], vec![5]]
        );
        assert_eq!(needed_hours(&[120, 120, 120], 1), 6.0);
        assert_eq!(needed_hours(&[120, 120, 120], 2), 4.0);
    }
}
