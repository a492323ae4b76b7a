//! Days off: Indonesia's national holidays and cuti bersama (no visit at all) and East Java's
//! school holidays (no school visit), from data/holidays (see its PROVENANCE.md), compiled in.

use chrono::NaiveDate;
use serde::Deserialize;

const NATIONAL: &str = include_str!("../data/holidays/indonesia.csv");
const SCHOOL: &str = include_str!("../data/holidays/school-jatim.csv");

/// A day off and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayOff {
    pub date: NaiveDate,
    pub name: String,
    /// Whether the date is decided (by decree or law) or only expected or estimated.
    pub decided: bool,
}

#[derive(Deserialize)]
struct NationalRow {
    date: NaiveDate,
    name: String,
    #[serde(rename = "kind")]
    _kind: String,
    status: String,
}

#[derive(Deserialize)]
struct SchoolRow {
    from: NaiveDate,
    to: NaiveDate,
    name: String,
    #[serde(rename = "status")]
    _status: String,
}

fn rows<T: for<'de> Deserialize<'de>>(text: &str) -> Vec<T> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .map(|r| r.expect("the compiled-in holiday tables are valid (a test reads them)"))
        .collect()
}

/// National holidays and cuti bersama, in date order.
pub fn national() -> Vec<DayOff> {
    rows::<NationalRow>(NATIONAL)
        .into_iter()
        .map(|r| DayOff {
            date: r.date,
            name: r.name,
            decided: r.status == "decided",
        })
        .collect()
}

/// School holidays in East Java (estimates), one entry per day.
pub fn school() -> Vec<DayOff> {
    rows::<SchoolRow>(SCHOOL)
        .into_iter()
        .flat_map(|r| {
            r.from
                .iter_days()
                .take_while(move |d| *d <= r.to)
                .map(move |date| DayOff {
                    date,
                    name: r.name.clone(),
                    decided: false,
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_tables_read_and_hold_the_decree_s_days() {
        let national = national();
        let in_2026 = national
            .iter()
            .filter(|d| d.date.format("%Y").to_string() == "2026");
        // SKB 2026: 17 national holidays and 8 cuti bersama days.
        assert_eq!(in_2026.count(), 25);
        for date in [day(2026, 12, 24), day(2026, 12, 25), day(2027, 1, 1)] {
            let found = national.iter().find(|d| d.date == date).expect("listed");
            assert!(found.decided, "{date}");
        }
        assert!(national.windows(2).all(|w| w[0].date < w[1].date));
        let school = school();
        assert!(school.iter().any(|d| d.date == day(2027, 1, 1)));
        assert!(school.iter().all(|d| !d.decided));
    }
}
