//! Just enough calendar for the demo: civil dates, Paris time (with summer
//! time), French public holidays and dates written the French way. Written
//! here rather than pulled from a date crate because the demo needs only
//! these few conversions and must stay free of any clock or time-zone database.

/// Milliseconds in an hour.
pub const HOUR_MS: i64 = 3_600_000;
/// Milliseconds in a day.
pub const DAY_MS: i64 = 24 * HOUR_MS;

const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Days since 1970-01-01 of a civil date (proleptic Gregorian calendar).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    // Howard Hinnant's algorithm: years start in March so leap days come last.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date `(year, month 1..=12, day 1..=31)` of a day number.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Day of the week of a day number, 0 for Monday.
pub fn weekday(days: i64) -> usize {
    // 1970-01-01 was a Thursday.
    (days + 3).rem_euclid(7) as usize
}

/// Offset of Paris time from UTC at `utc_ms`: one hour, two in summer
/// (from the last Sunday of March to the last Sunday of October, 01:00 UTC).
pub fn paris_offset_ms(utc_ms: i64) -> i64 {
    let (y, _, _) = civil_from_days(utc_ms.div_euclid(DAY_MS));
    let start = last_sunday(y, 3) * DAY_MS + HOUR_MS;
    let end = last_sunday(y, 10) * DAY_MS + HOUR_MS;
    if (start..end).contains(&utc_ms) {
        2 * HOUR_MS
    } else {
        HOUR_MS
    }
}

fn last_sunday(y: i64, m: u32) -> i64 {
    let last = days_from_civil(y, m, 31);
    last - (weekday(last) as i64 + 1) % 7
}

/// Paris local time of `utc_ms`, as milliseconds since the local epoch.
pub fn local_ms(utc_ms: i64) -> i64 {
    utc_ms + paris_offset_ms(utc_ms)
}

/// Paris local time for a span of years, with the summer-time changes worked
/// out once (the stream converts millions of instants).
pub struct ParisClock {
    /// For each year: when it starts (UTC), and its summer time span (UTC).
    years: Vec<(i64, i64, i64)>,
}

impl ParisClock {
    /// A clock exact for every instant between `from_ms` and `to_ms` (and
    /// still correct, only slower, outside).
    pub fn new(from_ms: i64, to_ms: i64) -> Self {
        let (first, _, _) = civil_from_days(from_ms.div_euclid(DAY_MS));
        let (last, _, _) = civil_from_days(to_ms.div_euclid(DAY_MS));
        let years = (first..=last + 1)
            .map(|y| {
                (
                    days_from_civil(y, 1, 1) * DAY_MS,
                    last_sunday(y, 3) * DAY_MS + HOUR_MS,
                    last_sunday(y, 10) * DAY_MS + HOUR_MS,
                )
            })
            .collect();
        Self { years }
    }

    /// Paris local time of `utc_ms`, as milliseconds since the local epoch.
    pub fn local_ms(&self, utc_ms: i64) -> i64 {
        // The last entry only marks the end of the span.
        let span = self.years.first().map(|y| y.0)..self.years.last().map(|y| y.0);
        if span.contains(&Some(utc_ms)) {
            if let Some(&(_, summer_start, summer_end)) = self
                .years
                .iter()
                .rev()
                .find(|(start, _, _)| *start <= utc_ms)
            {
                let summer = (summer_start..summer_end).contains(&utc_ms);
                return utc_ms + if summer { 2 * HOUR_MS } else { HOUR_MS };
            }
        }
        local_ms(utc_ms)
    }

    /// Paris local day number of `utc_ms`.
    pub fn local_day(&self, utc_ms: i64) -> i64 {
        self.local_ms(utc_ms).div_euclid(DAY_MS)
    }
}

/// Whether a local day is a French public holiday (known for 2025 to 2027;
/// other years only have their fixed-date holidays).
pub fn is_holiday(days: i64) -> bool {
    let (y, m, d) = civil_from_days(days);
    const FIXED: [(u32, u32); 8] = [
        (1, 1),
        (5, 1),
        (5, 8),
        (7, 14),
        (8, 15),
        (11, 1),
        (11, 11),
        (12, 25),
    ];
    // Easter Monday, Ascension and Whit Monday.
    const MOVABLE: [(i64, u32, u32); 9] = [
        (2025, 4, 21),
        (2025, 5, 29),
        (2025, 6, 9),
        (2026, 4, 6),
        (2026, 5, 14),
        (2026, 5, 25),
        (2027, 3, 29),
        (2027, 5, 6),
        (2027, 5, 17),
    ];
    FIXED.contains(&(m, d)) || MOVABLE.contains(&(y, m, d))
}

/// A local day written the French way, e.g. "jeudi 12 mars" or "lundi 1er juin".
#[cfg(test)]
pub fn french_date(days: i64) -> String {
    let mut out = String::new();
    push_french_date(&mut out, days);
    out
}

/// Appends a local day written the French way to `out`.
pub fn push_french_date(out: &mut String, days: i64) {
    use std::fmt::Write;
    let (_, m, d) = civil_from_days(days);
    out.push_str(WEEKDAYS[weekday(days)]);
    if d == 1 {
        out.push_str(" 1er ");
    } else {
        // Writing to a String cannot fail.
        let _ = write!(out, " {d} ");
    }
    out.push_str(MONTHS[(m - 1) as usize]);
}

/// Name of a month, 1 for January.
pub fn month_name(m: u32) -> &'static str {
    MONTHS[(m.clamp(1, 12) - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2026, 6, 12), 20_616);
        for z in [-1000, 0, 59, 60, 20_616, 30_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn paris_summer_time_follows_the_eu_rule() {
        // 2026: summer time from 29 March to 25 October.
        assert_eq!(last_sunday(2026, 3), days_from_civil(2026, 3, 29));
        assert_eq!(last_sunday(2026, 10), days_from_civil(2026, 10, 25));
        assert_eq!(
            paris_offset_ms(days_from_civil(2026, 1, 15) * DAY_MS),
            HOUR_MS
        );
        assert_eq!(
            paris_offset_ms(days_from_civil(2026, 6, 12) * DAY_MS),
            2 * HOUR_MS
        );
    }

    #[test]
    fn the_cached_clock_agrees_with_the_plain_one() {
        let from = days_from_civil(2025, 12, 1) * DAY_MS;
        let to = days_from_civil(2026, 11, 30) * DAY_MS;
        let clock = ParisClock::new(from, to);
        // Every 17 minutes for a year, across both summer-time changes, and beyond.
        let mut t = from - 40 * DAY_MS;
        while t < to + 400 * DAY_MS {
            assert_eq!(clock.local_ms(t), local_ms(t), "at {t}");
            t += 17 * 60_000;
        }
    }

    #[test]
    fn dates_read_as_in_french() {
        assert_eq!(
            french_date(days_from_civil(2026, 6, 12)),
            "vendredi 12 juin"
        );
        assert_eq!(french_date(days_from_civil(2026, 6, 1)), "lundi 1er juin");
        assert!(is_holiday(days_from_civil(2026, 5, 14)));
        assert!(!is_holiday(days_from_civil(2026, 5, 15)));
    }
}
