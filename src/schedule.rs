//! The weekly schedule: the plan's links cut into weeks under an hours budget.
//!
//! Weeks are filled, not just cut in plan order: when the next reading does not fit in what is
//! left of a week, a later one of the same stage that does not wait for anything unread takes
//! the room (see `fill`), so prerequisite and stage order hold and weeks are full. A link longer than a week (a book, a
//! project built over several sittings) runs over as many weeks as it takes, sharing its first
//! and last; one of an hour or more that comes next but does not fit in what is left of a week
//! starts there and ends in the next ([`SPLIT_FROM`]). A week left short says why (see
//! [`Short`]). Links marked done (progress) are left out and the remaining time recomputed.
//! Dates are plain civil (proleptic Gregorian) dates; weeks run seven days from `start`.

use crate::words;
use serde::Serialize;
use std::fmt;

pub(crate) const DEFAULT_HOURS_PER_WEEK: f64 = 5.0;

/// How the reader wants the plan scheduled: the pace, the first day, the weeks wanted.
#[derive(Clone, Debug, PartialEq)]
pub struct ScheduleOptions {
    /// Hours a week for reading and practice (`--hours-per-week`, default 5).
    pub hours_per_week: f64,
    /// The first day of week 1 (`--start`): the weeks get dates.
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
    /// The pace.
    pub hours_per_week: f64,
    /// The pace in minutes, rounded: what a week holds.
    pub minutes_per_week: u32,
    /// `YYYY-MM-DD`, when given.
    pub start: Option<String>,
    /// Links the progress file marks done.
    pub done_links: usize,
    /// Their minutes.
    pub done_minutes: u32,
    /// Minutes scheduled: what is left to read.
    pub remaining_minutes: u32,
    /// `--weeks`, when given.
    pub weeks_wanted: Option<u32>,
    /// When `--weeks` cannot hold the plan at this pace: the hours a week it would take.
    pub needed_hours_per_week: Option<f64>,
    /// Whether the optional track is scheduled (`--optional`).
    pub optional: bool,
}

/// A week of the schedule: the links read in it.
#[derive(Clone, Debug, Serialize)]
pub struct Week<'a> {
    /// 1-based.
    pub number: u32,
    /// `YYYY-MM-DD` of its first day, when the schedule has a start.
    pub start: Option<String>,
    /// Minutes scheduled in it.
    pub minutes: u32,
    /// Link ids in plan order; a link longer than a week is listed in every week it runs over.
    /// Borrowed from the course: a plan of 100,000 links does not copy each id.
    pub links: Vec<&'a str>,
    /// The links of this week that run over several weeks, with which part falls here.
    pub parts: std::collections::BTreeMap<&'a str, Part>,
    /// Why the week holds less than [`SHORT_PERCENT`] of the weekly hours, when it is not the
    /// last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub short: Option<Short<'a>>,
}

/// The share of a long link that falls in one week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Part {
    /// 1-based.
    pub part: u32,
    /// How many weeks the link runs over.
    pub of: u32,
    /// Its minutes in this week.
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

/// Below this share of the week (in percent), a week that is not the last says why it is short.
pub const SHORT_PERCENT: u32 = 85;

/// Why a week other than the last holds less than [`SHORT_PERCENT`] of the weekly hours: the
/// reading that comes next is longer than the time left and not worth splitting (under
/// 60 minutes, or a part would be under a tenth of the week), and every other reading
/// ready then is longer than the time left too (the rest wait for something not read yet, or
/// for their stage to open).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Short<'a> {
    /// The reading that comes next: it starts the following week.
    pub next: &'a str,
    /// Its minutes.
    pub next_minutes: u32,
    /// Minutes of the week left unfilled.
    pub left: u32,
}

/// A reading of at least this many minutes that fits in a week, but not in what is left of one,
/// is read over two weeks when it comes next: an hour is more than one sitting, so a learner
/// would start it rather than leave the week unused. A shorter one waits for the next week.
pub const SPLIT_FROM: u32 = 60;

/// One week as [`fill`] makes it: `(item, minutes of it)` in reading order, and when the week
/// is short, the item that comes next and the minutes left.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Filled {
    pub members: Vec<(usize, u32)>,
    pub short: Option<(usize, u32)>,
}

/// Weeks of up to `budget` minutes filled from `minutes`, the items in plan order, item `i`
/// being of topic `topic[i]`, and topic `t` needing every item of the topics `needs[t]` (and,
/// through them, of what those need) first.
///
/// Each week takes, again and again, the first ready item in plan order (its turn) if it fits
/// in what is left of the week. An item is ready when every earlier item of its topic is placed,
/// every topic its topic needs is finished, and its stage is open (every core item of the
/// earlier stages is placed: see [`Stages`]). When the item in turn does not fit, it is split
/// if a learner would split it: longer than the week, it takes what is left (a tenth of the week
/// at least, so that no part is a few minutes) and runs on at the start of the next weeks until
/// done; of [`SPLIT_FROM`] minutes or more, it takes what is left and ends in the next week,
/// neither part under a tenth of the week. Otherwise a later ready item that fits whole takes
/// the room, so a week a long reading would leave half empty is filled from later topics that do
/// not wait for it, and prerequisite order is never broken (an item may follow what it needs in
/// the same week). Inside a topic the plan's order is kept. Only the item in turn is split:
/// starting a later topic's long item in a short week would push the earlier topics behind it
/// (for weeks, when it is a project), breaking the course's stage order; so a short week is
/// filled from later topics only with items that fit in it whole.
///
/// Plan order is a topological order of these needs and stages follow what they need, so some
/// item is always ready while any is left (should an optional reading's need point to a later
/// stage, that stage opens early), and every week takes at least one.
pub(crate) fn fill(
    minutes: &[u32],
    topic: &[u32],
    needs: &[Vec<u32>],
    stages: &Stages<'_>,
    budget: u32,
) -> Vec<Filled> {
    const NONE: usize = usize::MAX;
    let budget = budget.max(1);
    let n = minutes.len();
    let topics = needs.len();
    // Each topic's items as a chain, in plan order: `head` is the first not yet placed.
    let (mut head, mut tail, mut pending) =
        (vec![NONE; topics], vec![NONE; topics], vec![0u32; topics]);
    let mut next_in_topic = vec![NONE; n];
    for (i, &t) in topic.iter().enumerate() {
        let t = t as usize;
        if tail[t] == NONE {
            head[t] = i;
        } else {
            next_in_topic[tail[t]] = i;
        }
        tail[t] = i;
        pending[t] += 1;
    }
    // `waiting[t]`: the topics `t` needs that are not finished. A topic is finished when its
    // items are placed and what it needs is finished: a topic with nothing left to read (all
    // done, or optional) does not let what needs it jump ahead of what it needs in turn.
    let mut unlocks: Vec<Vec<usize>> = vec![Vec::new(); topics];
    let mut waiting = vec![0u32; topics];
    for (t, needed) in needs.iter().enumerate() {
        let mut needed: Vec<usize> = needed
            .iter()
            .map(|&u| u as usize)
            .filter(|&u| u != t)
            .collect();
        needed.sort_unstable();
        needed.dedup();
        waiting[t] = needed.len() as u32;
        for u in needed {
            unlocks[u].push(t);
        }
    }
    // What decides whether a ready item fits: its minutes. An item longer than the week (which
    // is split) is never found by fit: it starts only when it is the first item not yet started
    // in plan order (see the loop), so that it cannot run on for weeks ahead of earlier work
    // (a stage-9 project started in a short week of stage 7). Its key only marks it ready.
    let least_part = (budget / 10).max(1);
    let key = |i: usize| {
        if minutes[i] > budget {
            u32::MAX - 1
        } else {
            minutes[i]
        }
    };
    let mut ready = Gate::new(n, stages, &key);
    let mut finished_now: Vec<usize> = Vec::new();
    for t in 0..topics {
        if waiting[t] == 0 {
            if pending[t] == 0 {
                finished_now.push(t);
            } else {
                ready.offer(head[t]);
            }
        }
    }
    // Mark finished topics and open what waited only for them.
    let finish = |stack: &mut Vec<usize>,
                  waiting: &mut Vec<u32>,
                  ready: &mut Gate<'_, _>,
                  pending: &Vec<u32>,
                  head: &Vec<usize>| {
        while let Some(t) = stack.pop() {
            for &d in &unlocks[t] {
                waiting[d] -= 1;
                if waiting[d] == 0 {
                    if pending[d] == 0 {
                        stack.push(d);
                    } else {
                        ready.offer(head[d]);
                    }
                }
            }
        }
    };
    finish(&mut finished_now, &mut waiting, &mut ready, &pending, &head);
    let mut weeks: Vec<Filled> = Vec::new();
    let mut left_to_place = n;
    // A long item under way: its number and the minutes still to read.
    let mut carry: Option<(usize, u32)> = None;
    while left_to_place > 0 {
        let mut week = Filled::default();
        let mut room = budget;
        loop {
            let (i, rest, part) = match carry.take() {
                Some((i, rest)) => (i, rest, rest.min(room)),
                None => {
                    // The next item in plan order, whole if it fits, or split when it is worth
                    // splitting; else a later ready item taken out of turn, only whole.
                    let mut turn = ready.tree.first_at_most(u32::MAX - 1);
                    while turn.is_none() && ready.open_next() {
                        // Nothing of the open stages can be read before a later stage's topic
                        // (only an optional reading scheduled with `--optional` can need one):
                        // the next stages open, until one has something ready, rather than the
                        // schedule stopping.
                        turn = ready.tree.first_at_most(u32::MAX - 1);
                    }
                    let pick = turn.and_then(|f| {
                        let m = minutes[f];
                        let part = if m <= room {
                            m
                        } else if m > budget {
                            // Longer than a week: it takes what is left, if worth starting.
                            room
                        } else if m >= SPLIT_FROM {
                            // Fits in a week but not in what is left: read over two weeks,
                            // neither part under a tenth of the week (its tail may leave a
                            // few minutes of this week unused, under a tenth too).
                            room.min(m.saturating_sub(least_part))
                        } else {
                            0
                        };
                        (part >= least_part || part == m).then_some((f, part))
                    });
                    let out_of_turn = || ready.tree.first_at_most(room).map(|i| (i, minutes[i]));
                    match pick.or_else(out_of_turn) {
                        Some((i, part)) => {
                            ready.tree.set(i, u32::MAX);
                            (i, minutes[i], part)
                        }
                        None => break,
                    }
                }
            };
            week.members.push((i, part));
            room -= part;
            if part < rest {
                carry = Some((i, rest - part));
                break;
            }
            // Placed: the next item of its topic may be ready, and its topic finished.
            left_to_place -= 1;
            ready.placed(i);
            let t = topic[i] as usize;
            pending[t] -= 1;
            head[t] = next_in_topic[i];
            if waiting[t] == 0 {
                if head[t] != NONE {
                    ready.offer(head[t]);
                } else {
                    finished_now.push(t);
                    finish(&mut finished_now, &mut waiting, &mut ready, &pending, &head);
                }
            }
        }
        if week.members.is_empty() {
            // Only a cycle in `needs` could leave nothing ready; the corpus rules them out.
            debug_assert!(false, "nothing ready with {left_to_place} items left");
            break;
        }
        if left_to_place > 0 && carry.is_none() && room * 100 > budget * (100 - SHORT_PERCENT) {
            week.short = ready.tree.first_at_most(u32::MAX - 1).map(|i| (i, room));
        }
        weeks.push(week);
    }
    weeks
}

/// By item, in plan order, the course stage it belongs to and whether it is core; the schedule
/// keeps stage order: an item of stage `k + 1` is read only after every core item of the stages
/// up to `k` (an optional one, scheduled with `--optional`, may trail into the next stage).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Stages<'a> {
    pub stage: &'a [u32],
    pub core: &'a [bool],
}

impl Stages<'_> {
    /// All items core, of one stage: prerequisites alone order them.
    #[cfg(test)]
    pub(crate) fn one(n: usize) -> (Vec<u32>, Vec<bool>) {
        (vec![0; n], vec![true; n])
    }
}

/// The items ready to read: those whose topic may start (see [`fill`]), held back until their
/// stage opens. Stage `k + 1` opens when every core item of the stages open before it is placed,
/// so a short week at the end of a stage is not filled from the next one: a learner following
/// a staged course reads its stages in order (the reviews found a last-stage reading on leases
/// weeks before the earlier stages ended).
struct Gate<'a, K: Fn(usize) -> u32> {
    tree: MinTree,
    stages: &'a Stages<'a>,
    key: &'a K,
    /// The last open stage.
    open: usize,
    /// Core items of the open stages not yet placed.
    open_core_left: u32,
    /// By stage, its core items not yet placed.
    core_left: Vec<u32>,
    /// By stage not open yet, the items offered: ready once it opens.
    parked: Vec<Vec<usize>>,
}

impl<'a, K: Fn(usize) -> u32> Gate<'a, K> {
    fn new(n: usize, stages: &'a Stages<'a>, key: &'a K) -> Self {
        let count = stages
            .stage
            .iter()
            .map(|&s| s as usize + 1)
            .max()
            .unwrap_or(1);
        let mut core_left = vec![0u32; count];
        for (&s, &core) in stages.stage.iter().zip(stages.core) {
            core_left[s as usize] += u32::from(core);
        }
        let mut gate = Gate {
            tree: MinTree::new(n),
            stages,
            key,
            open: 0,
            open_core_left: core_left[0],
            core_left,
            parked: vec![Vec::new(); count],
        };
        gate.open_finished();
        gate
    }

    /// Item `i` may be read as far as its topic goes: ready now if its stage is open.
    fn offer(&mut self, i: usize) {
        let s = self.stages.stage[i] as usize;
        if s <= self.open {
            self.tree.set(i, (self.key)(i));
        } else {
            self.parked[s].push(i);
        }
    }

    /// Item `i` is placed whole: its stage may be finished, opening the next.
    fn placed(&mut self, i: usize) {
        if self.stages.core[i] {
            self.core_left[self.stages.stage[i] as usize] -= 1;
            self.open_core_left -= 1;
            self.open_finished();
        }
    }

    /// Open the stages after the open ones while the open ones have no core item left.
    fn open_finished(&mut self) {
        while self.open_core_left == 0 && self.open_next() {}
    }

    /// Open the next stage, if any: its parked items become ready.
    fn open_next(&mut self) -> bool {
        if self.open + 1 >= self.parked.len() {
            return false;
        }
        self.open += 1;
        self.open_core_left += self.core_left[self.open];
        for i in std::mem::take(&mut self.parked[self.open]) {
            self.tree.set(i, (self.key)(i));
        }
        true
    }
}

/// The least of a key per position, to find the first position whose key is at most a bound in
/// O(log n): the first ready item that fits in what is left of a week. Positions not ready hold
/// `u32::MAX`.
struct MinTree {
    size: usize,
    keys: Vec<u32>,
}

impl MinTree {
    fn new(n: usize) -> Self {
        let size = n.next_power_of_two().max(1);
        MinTree {
            size,
            keys: vec![u32::MAX; 2 * size],
        }
    }

    fn set(&mut self, i: usize, key: u32) {
        let mut p = i + self.size;
        self.keys[p] = key;
        while p > 1 {
            p /= 2;
            self.keys[p] = self.keys[2 * p].min(self.keys[2 * p + 1]);
        }
    }

    fn first_at_most(&self, bound: u32) -> Option<usize> {
        if self.keys[1] > bound {
            return None;
        }
        let mut p = 1;
        while p < self.size {
            p = if self.keys[2 * p] <= bound {
                2 * p
            } else {
                2 * p + 1
            };
        }
        Some(p - self.size)
    }
}

/// The first and last week an item is read in.
pub(crate) type Span = (u32, u32);

/// One reading to schedule, in plan order.
pub(crate) struct Item<'a> {
    pub id: &'a str,
    pub minutes: u32,
    pub done: bool,
    /// Its topic, by number in the `needs` given to [`cut`]. A topic's items come together.
    pub topic: u32,
    /// Its stage, by number in course order (see [`Stages`]).
    pub stage: u32,
    /// On the optional track (scheduled with `--optional`): the next stage does not wait for it.
    pub optional: bool,
}

/// Cut `items` (in plan order) into weeks; done items count as done and go in no week. `needs`
/// gives, by topic number, the topics each needs first (see [`fill`]). Also gives, by item, the
/// first and last week it is read in (`None` for a done item), so the plan need not look its
/// links up by id.
///
/// Takes plain items rather than the plan so that the plan can use it without this module
/// knowing the plan: data flows one way.
pub(crate) fn cut<'a>(
    items: &[Item<'a>],
    needs: &[Vec<u32>],
    options: &ScheduleOptions,
) -> (Schedule, Vec<Week<'a>>, Vec<Option<Span>>) {
    let budget = (options.hours_per_week * 60.0).round().max(1.0) as u32;
    // Positions in `items`: the done, and the rest in the order they are read.
    let (done, order): (Vec<usize>, Vec<usize>) = (0..items.len()).partition(|&k| items[k].done);
    let mut span_of: Vec<Option<Span>> = vec![None; items.len()];
    let minutes: Vec<u32> = order.iter().map(|&k| items[k].minutes).collect();
    let topic: Vec<u32> = order.iter().map(|&k| items[k].topic).collect();
    let stage: Vec<u32> = order.iter().map(|&k| items[k].stage).collect();
    let core: Vec<bool> = order.iter().map(|&k| !items[k].optional).collect();
    let stages = Stages {
        stage: &stage,
        core: &core,
    };
    let filled = fill(&minutes, &topic, needs, &stages, budget);
    let mut spans = vec![0u32; minutes.len()];
    for &(j, _) in filled.iter().flat_map(|w| &w.members) {
        spans[j] += 1;
    }
    let mut seen = vec![0u32; minutes.len()];
    let weeks: Vec<Week> = filled
        .iter()
        .enumerate()
        .map(|(i, week)| {
            let members = &week.members;
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
                short: week.short.map(|(j, left)| Short {
                    next: items[order[j]].id,
                    next_minutes: minutes[j],
                    left,
                }),
            }
        })
        .collect();
    let needed = options
        .weeks
        .filter(|&n| weeks.len() as u32 > n)
        .map(|n| needed_hours(&minutes, &topic, needs, &stages, n.max(1)));
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
fn needed_hours(
    minutes: &[u32],
    topic: &[u32],
    needs: &[Vec<u32>],
    stages: &Stages<'_>,
    weeks: u32,
) -> f64 {
    let fits = |tenths: u32| fill(minutes, topic, needs, stages, tenths * 6).len() as u32 <= weeks;
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

/// A calendar date (proleptic Gregorian, years -9999 to 9999), enough for weekly schedules:
/// `jiff`'s civil date, written and read as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(jiff::civil::Date);

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
        jiff::civil::Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
            .ok()
            .map(Date)
    }

    /// The date `days` after this one (before, when negative); `None` past the years -9999
    /// to 9999.
    pub fn checked_add_days(self, days: i64) -> Option<Date> {
        let span = jiff::Span::new().try_days(days).ok()?;
        self.0.checked_add(span).ok().map(Date)
    }

    /// The date `days` after this one, held to the years -9999 to 9999 (a plan past them is
    /// refused with [`Date::checked_add_days`] before its weeks are dated).
    pub fn add_days(self, days: i64) -> Date {
        self.checked_add_days(days).unwrap_or(if days < 0 {
            Date(jiff::civil::Date::MIN)
        } else {
            Date(jiff::civil::Date::MAX)
        })
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Date {
        let now = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC);
        Date(now.date())
    }

    /// 0 for Monday .. 6 for Sunday.
    pub(crate) fn weekday(self) -> u32 {
        self.0.weekday().to_monday_zero_offset() as u32
    }

    /// This date if it is a Monday, else the next Monday.
    pub fn next_monday(self) -> Date {
        self.add_days(i64::from((7 - self.weekday()) % 7))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    }
}

#[cfg(test)]
#[path = "schedule_props.rs"]
mod props;

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
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2025-1-5").is_none());
        let epoch = Date::parse("1970-01-01").unwrap();
        assert_eq!(epoch.add_days(-1).to_string(), "1969-12-31");
        assert_eq!(epoch.add_days(20_000).to_string(), "2024-10-04");
        assert_eq!(Date::parse("9999-12-31").unwrap().checked_add_days(1), None);
        // 2025-01-06 was a Monday.
        assert_eq!(Date::parse("2025-01-06").unwrap().weekday(), 0);
        assert_eq!(
            Date::parse("2025-01-08").unwrap().next_monday().to_string(),
            "2025-01-13"
        );
    }

    /// [`fill`] with every item core and of one stage.
    fn fill1(minutes: &[u32], topic: &[u32], needs: &[Vec<u32>], budget: u32) -> Vec<Filled> {
        let (stage, core) = Stages::one(minutes.len());
        let stages = Stages {
            stage: &stage,
            core: &core,
        };
        fill(minutes, topic, needs, &stages, budget)
    }

    fn needed1(minutes: &[u32], topic: &[u32], needs: &[Vec<u32>], weeks: u32) -> f64 {
        let (stage, core) = Stages::one(minutes.len());
        let stages = Stages {
            stage: &stage,
            core: &core,
        };
        needed_hours(minutes, topic, needs, &stages, weeks)
    }

    /// `(item, minutes)` by week, for items all of one topic or each of its own.
    fn shape(weeks: &[Filled]) -> Vec<Vec<(usize, u32)>> {
        weeks.iter().map(|w| w.members.clone()).collect()
    }

    #[test]
    fn filling_splits_what_a_learner_would_split() {
        // One topic, plan order kept: a reading of an hour or more that does not fit in what is
        // left starts there and ends the next week; one longer than the week runs over weeks.
        let one = [0; 6];
        let weeks = fill1(&[60, 60, 200, 30, 400, 10], &one, &[vec![]], 300);
        assert_eq!(
            shape(&weeks),
            vec![
                vec![(0, 60), (1, 60), (2, 170)],
                vec![(2, 30), (3, 30), (4, 240)],
                vec![(4, 160), (5, 10)],
            ]
        );
        assert!(weeks.iter().all(|w| w.short.is_none()));
        // Neither part is under a tenth of the week: an 80-minute reading with 60 minutes left
        // takes 50 of them, leaving 30 for the next week.
        assert_eq!(
            shape(&fill1(&[240, 80], &[0; 2], &[vec![]], 300)),
            vec![vec![(0, 240), (1, 50)], vec![(1, 30)]]
        );
        // Under an hour, a reading is one sitting: it waits, and the week says why.
        let weeks = fill1(&[245, 58], &[0; 2], &[vec![]], 300);
        assert_eq!(shape(&weeks), vec![vec![(0, 245)], vec![(1, 58)]]);
        assert_eq!(weeks[0].short, Some((1, 55)));
        // So does one whose parts would be under a tenth of the week (an hour, at ten hours).
        let weeks = fill1(&[490, 115], &[0; 2], &[vec![]], 600);
        assert_eq!(shape(&weeks), vec![vec![(0, 490)], vec![(1, 115)]]);
        assert_eq!(weeks[0].short, Some((1, 110)));
        // A twenty-hour project at five hours a week takes four whole weeks.
        assert_eq!(
            shape(&fill1(&[30, 1200, 60], &[0; 3], &[vec![]], 300)),
            vec![
                vec![(0, 30), (1, 270)],
                vec![(1, 300)],
                vec![(1, 300)],
                vec![(1, 300)],
                vec![(1, 30), (2, 60)],
            ]
        );
        // Nothing starts in the last few minutes of a week.
        assert_eq!(
            shape(&fill1(&[290, 600], &[0; 2], &[vec![]], 300)),
            vec![vec![(0, 290)], vec![(1, 300)], vec![(1, 300)]]
        );
        assert_eq!(
            shape(&fill1(&[280, 100], &[0; 2], &[vec![]], 300)),
            vec![vec![(0, 280)], vec![(1, 100)]]
        );
        assert_eq!(needed1(&[120, 120, 120], &[0; 3], &[vec![]], 1), 6.0);
        // Two weeks of three hours: the second reading is read over both.
        assert_eq!(needed1(&[120, 120, 120], &[0; 3], &[vec![]], 2), 3.0);
        assert_eq!(needed1(&[1200], &[0], &[vec![]], 2), 10.0);
    }

    #[test]
    fn later_topics_that_need_nothing_unread_fill_a_week() {
        // Topic 0: 250 then 55 minutes; topic 1 needs topic 0; topic 2 needs nothing.
        let minutes = [250, 55, 90, 40, 100];
        let topic = [0, 0, 1, 2, 2];
        let needs = [vec![], vec![0], vec![]];
        let weeks = fill1(&minutes, &topic, &needs, 300);
        // Week 1 cannot hold topic 0's second item (under an hour: not split), so it takes
        // topic 2's first (topic 1 waits for topic 0); topic 1 follows topic 0's last item in
        // the same week, before topic 2's second in plan order.
        assert_eq!(
            shape(&weeks),
            vec![vec![(0, 250), (3, 40)], vec![(1, 55), (2, 90), (4, 100)]]
        );
        assert!(weeks.iter().all(|w| w.short.is_none()));
        // Only the item in turn is split: topic 2's 100 minutes do not start in week 1, where
        // topic 0's 55 do not fit.
        let weeks = fill1(&[250, 55, 100], &[0, 0, 1], &[vec![], vec![]], 300);
        assert_eq!(shape(&weeks), vec![vec![(0, 250)], vec![(1, 55), (2, 100)]]);
        assert_eq!(weeks[0].short, Some((1, 50)));
        // A topic with nothing left to read does not open what needs it before what it needs:
        // topic 1 (empty) needs topic 0, topic 2 needs topic 1.
        let weeks = fill1(&[250, 55, 40], &[0, 0, 2], &[vec![], vec![0], vec![1]], 300);
        assert_eq!(shape(&weeks), vec![vec![(0, 250)], vec![(1, 55), (2, 40)]]);
    }

    #[test]
    fn a_later_stage_waits_for_the_earlier_stages_core() {
        let staged = |minutes: &[u32], topic: &[u32], needs: &[Vec<u32>], stage: &[u32], core| {
            let stages = Stages { stage, core };
            shape(&fill(minutes, topic, needs, &stages, 300))
        };
        // Topic 1 needs nothing, but it is of stage 1: it does not fill the short week of
        // stage 0, which says why.
        let stages = Stages {
            stage: &[0, 0, 1],
            core: &[true; 3],
        };
        let weeks = fill(&[250, 55, 40], &[0, 0, 1], &[vec![], vec![]], &stages, 300);
        assert_eq!(shape(&weeks), vec![vec![(0, 250)], vec![(1, 55), (2, 40)]]);
        assert_eq!(weeks[0].short, Some((1, 50)));
        // An optional reading (scheduled with `--optional`) does not hold the next stage back.
        assert_eq!(
            staged(
                &[250, 55, 40],
                &[0, 0, 1],
                &[vec![], vec![]],
                &[0, 0, 1],
                &[true, false, true]
            ),
            vec![vec![(0, 250), (2, 40)], vec![(1, 55)]]
        );
        // A topic that needs one of a later stage (an optional reading's requirement, under
        // `--optional`) would wait for ever: the later stage opens instead.
        assert_eq!(
            staged(&[30, 30], &[0, 1], &[vec![1], vec![]], &[0, 1], &[true; 2]),
            vec![vec![(1, 30), (0, 30)]]
        );
    }

    #[test]
    fn the_min_tree_finds_the_first_key_under_a_bound() {
        let mut tree = MinTree::new(5);
        assert_eq!(tree.first_at_most(u32::MAX - 1), None);
        tree.set(3, 50);
        tree.set(1, 80);
        assert_eq!(tree.first_at_most(60), Some(3));
        assert_eq!(tree.first_at_most(80), Some(1));
        tree.set(1, u32::MAX);
        assert_eq!(tree.first_at_most(49), None);
        assert_eq!(tree.first_at_most(50), Some(3));
    }

    #[test]
    fn a_long_link_names_its_parts() {
        let item = |id, minutes| Item {
            id,
            minutes,
            done: false,
            topic: 0,
            stage: 0,
            optional: false,
        };
        let items = [item("a", 30), item("lab", 700), item("b", 60)];
        let (summary, weeks, _) = cut(&items, &[vec![]], &ScheduleOptions::default());
        assert_eq!(summary.remaining_minutes, 790);
        let shape: Vec<(Vec<&str>, u32)> =
            weeks.iter().map(|w| (w.links.clone(), w.minutes)).collect();
        assert_eq!(
            shape,
            [
                (vec!["a", "lab"], 300),
                (vec!["lab"], 300),
                (vec!["lab", "b"], 190)
            ]
        );
        let third = weeks[2].parts["lab"];
        assert_eq!((third.part, third.of, third.minutes), (3, 3, 130));
        assert!(!weeks[0].parts.contains_key("a") && !weeks[2].parts.contains_key("b"));
    }
}
