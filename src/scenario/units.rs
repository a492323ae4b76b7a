//! Small text formats of the scenario: times of day ("07:30", or "07.30" as Indonesian writes
//! them), intervals ("07:30-12:00", "08.00 s.d. 12.00"), durations ("20min", "1h30min",
//! "20s") and weekday lists ("mon-thu", "mon, wed", "Senin-Kamis").

use crate::i18n::{Fix, Says, Text};
use chrono::Weekday;

/// The weekdays in order, with the short names scenarios use.
pub const WEEKDAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

/// The short name of a weekday ("mon").
pub fn weekday_name(day: Weekday) -> &'static str {
    WEEKDAYS[day.num_days_from_monday() as usize].0
}

/// The Indonesian names of the weekdays, Monday first ("Jum'at" is also written).
const HARI: [&str; 7] = [
    "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
];

/// Parses "07:30" or "07.30" into seconds since midnight.
pub fn parse_time_of_day(text: &str) -> Result<f64, Text> {
    let bad = || {
        Says::NotATime {
            text: text.to_string(),
        }
        .into()
    };
    let (h, m) = text.trim().split_once([':', '.']).ok_or_else(bad)?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    let m: u32 = m.trim().parse().map_err(|_| bad())?;
    if h > 24 || m > 59 || (h == 24 && m > 0) {
        return Err(bad());
    }
    Ok(f64::from(h * 3600 + m * 60))
}

/// Formats seconds since midnight as "HH:MM" (rounded to the minute).
pub fn format_time_of_day(seconds: f64) -> String {
    let minutes = (seconds / 60.0).round() as i64;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Parses "07:30-12:00" (also "07.30–12.00" or "07.30 s.d. 12.00") into `(open, close)` in
/// seconds since midnight.
pub fn parse_interval(text: &str) -> Result<(f64, f64), Text> {
    let split = ["s.d.", "s/d", "-", "\u{2013}"]
        .iter()
        .find_map(|sep| text.split_once(sep));
    let (a, b) = split.ok_or_else(|| {
        Text::from(Says::NotAnInterval {
            text: text.to_string(),
        })
    })?;
    let (open, close) = (parse_time_of_day(a)?, parse_time_of_day(b)?);
    if close <= open {
        return Err(Says::EndsBeforeStart {
            text: text.to_string(),
        }
        .into());
    }
    Ok((open, close))
}

/// Parses a list of intervals separated by `;` or `,`: "07:30-10:00; 13:00-15:00".
/// The result is sorted; overlapping intervals are an error.
pub fn parse_intervals(text: &str) -> Result<Vec<(f64, f64)>, Text> {
    let mut out = items(text)
        .map(parse_interval)
        .collect::<Result<Vec<_>, _>>()?;
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    if out.windows(2).any(|w| w[1].0 < w[0].1) {
        return Err(Says::IntervalsOverlap {
            text: text.to_string(),
        }
        .into());
    }
    Ok(out)
}

/// Parses a duration such as "20min", "1h30min", "45s", "1.5h" into seconds.
pub fn parse_duration(text: &str) -> Result<f64, Text> {
    let bad = || {
        Says::NotADuration {
            text: text.to_string(),
        }
        .into()
    };
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err(bad());
    }
    let mut total = 0.0;
    while !rest.is_empty() {
        let number_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(bad)?;
        let number: f64 = rest[..number_end].parse().map_err(|_| bad())?;
        rest = rest[number_end..].trim_start();
        let unit_end = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_end] {
            "h" => 3600.0,
            "min" | "m" => 60.0,
            "s" => 1.0,
            _ => return Err(bad()),
        };
        total += number * factor;
        rest = rest[unit_end..].trim_start();
    }
    Ok(total)
}

/// Parses weekday lists: "mon-fri", "mon, wed, fri", "mon;tue", "Senin-Kamis", "Senin, Rabu".
/// Returns a bitmask with bit 0 for Monday.
pub fn parse_weekdays(text: &str) -> Result<u8, Text> {
    let day = |name: &str| -> Result<u32, Text> {
        let name = name.trim().to_lowercase().replace('\'', "");
        WEEKDAYS
            .iter()
            .zip(HARI)
            .position(|((short, _), hari)| name == *short || name == hari)
            .map(|i| i as u32)
            .ok_or_else(|| Says::NotAWeekday { name: name.clone() }.into())
    };
    let mut mask = 0u8;
    for item in items(text) {
        match item.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (day(a)?, day(b)?);
                if b < a {
                    return Err(Says::RangeBackwards {
                        range: item.to_string(),
                    }
                    .into());
                }
                for d in a..=b {
                    mask |= 1 << d;
                }
            }
            None => mask |= 1 << day(item)?,
        }
    }
    if mask == 0 {
        return Err(Says::NoWeekdayNamed {
            text: text.to_string(),
        }
        .into());
    }
    Ok(mask)
}

/// Splits a list written as "a; b, c" (CSV cells and TOML strings use the same form).
pub fn items(text: &str) -> impl Iterator<Item = &str> {
    text.split([';', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The fix that suggests `best` for a typo.
pub fn did_you_mean(best: &str) -> Text {
    Fix::DidYouMean {
        best: best.to_string(),
    }
    .into()
}

/// Length of the longest common subsequence, to break ties between equally distant words
/// ("lng" is nearer "lon" than "lat").
fn common_subsequence(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row = vec![0; b.len() + 1];
    for ca in a.chars() {
        let mut diagonal = 0;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal + 1
            } else {
                row[j + 1].max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The candidate closest to `word`, when it is close enough to be a likely typo: the fewest
/// edits (Levenshtein), ties broken by the longest common subsequence.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::levenshtein(word, c),
                std::cmp::Reverse(common_subsequence(word, c)),
                c,
            )
        })
        .filter(|(d, _, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, common, _)| (*d, *common))
        .map(|(_, _, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_intervals() {
        assert_eq!(parse_time_of_day("07:30"), Ok(27000.0));
        assert_eq!(parse_time_of_day("7.30"), Ok(27000.0));
        assert!(parse_time_of_day("7,30").is_err());
        assert!(parse_time_of_day("25:00").is_err());
        assert_eq!(parse_interval("07:30-12:00"), Ok((27000.0, 43200.0)));
        assert!(parse_interval("12:00-07:30").is_err());
        for text in [
            "08.00-15.00",
            "08.00\u{2013}15.00",
            "08.00 s.d. 15.00",
            "08:00 s/d 15:00",
        ] {
            assert_eq!(parse_interval(text), Ok((28800.0, 54000.0)), "{text}");
        }
        assert_eq!(
            parse_intervals("13:00-15:00; 07:30-10:00").unwrap(),
            vec![(27000.0, 36000.0), (46800.0, 54000.0)]
        );
        assert!(parse_intervals("07:00-10:00;09:00-11:00").is_err());
        assert_eq!(format_time_of_day(27029.0), "07:30");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("20min"), Ok(1200.0));
        assert_eq!(parse_duration("1h30min"), Ok(5400.0));
        assert_eq!(parse_duration("20s"), Ok(20.0));
        assert_eq!(parse_duration("0s"), Ok(0.0));
        assert!(parse_duration("20").is_err());
        assert!(parse_duration("20 parsecs").is_err());
    }

    #[test]
    fn weekdays() {
        assert_eq!(parse_weekdays("mon-fri"), Ok(0b11111));
        assert_eq!(parse_weekdays("mon, wed; fri"), Ok(0b10101));
        assert!(parse_weekdays("fri-mon").is_err());
        assert_eq!(parse_weekdays("Senin-Kamis"), Ok(0b1111));
        assert_eq!(parse_weekdays("senin, RABU; Jum'at"), Ok(0b10101));
        assert!(
            parse_weekdays("monday")
                .unwrap_err()
                .en
                .contains("not a weekday")
        );
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("naem", ["name", "map", "seed"]), Some("name"));
        assert_eq!(closest("zzzzzz", ["name", "map"]), None);
        assert_eq!(closest("lng", ["lat", "lon"]), Some("lon"));
    }
}
