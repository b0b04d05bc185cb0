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
pub fn french_date(days: i64) -> String {
    let (_, m, d) = civil_from_days(days);
    let day = if d == 1 {
        "1er".to_owned()
    } else {
        d.to_string()
    };
    format!(
        "{} {} {}",
        WEEKDAYS[weekday(days)],
        day,
        MONTHS[(m - 1) as usize]
    )
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
