//! How numbers and dates are written: "1,234.5" and "Tuesday, 8 December 2026" in English,
//! "1.234,5" and "Selasa, 8 Desember 2026" in Bahasa Indonesia.

use chrono::{Datelike, NaiveDate, Weekday};

use super::Lang;
use crate::clock::Clock;

impl Lang {
    /// An integer with thousands separators: "12,345" / "12.345".
    pub fn int(self, n: u64) -> String {
        let digits = n.to_string();
        let sep = match self {
            Lang::En => ',',
            Lang::Id => '.',
        };
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    /// A number with `decimals` digits after the point: "1,234.5" / "1.234,5".
    pub fn dec(self, x: f64, decimals: usize) -> String {
        let text = format!("{:.*}", decimals, x.abs());
        let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
        let sign = if x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
            "-"
        } else {
            ""
        };
        let whole = self.int(whole.parse().unwrap_or(0));
        if frac.is_empty() {
            return format!("{sign}{whole}");
        }
        let point = match self {
            Lang::En => '.',
            Lang::Id => ',',
        };
        format!("{sign}{whole}{point}{frac}")
    }

    /// A length of time to the minute: "1 h 05 min" / "1 jam 05 menit", "45 min" /
    /// "45 menit".
    pub fn duration(self, seconds: f64) -> String {
        let minutes = (seconds / 60.0).round().max(0.0) as u64;
        let (h, min) = match self {
            Lang::En => ("h", "min"),
            Lang::Id => ("jam", "menit"),
        };
        match minutes / 60 {
            0 => format!("{minutes} {min}"),
            hours => format!("{hours} {h} {:02} {min}", minutes % 60),
        }
    }

    /// A time of day: "07:45" / "07.45", as each language writes it.
    pub fn clock(self, time: Clock) -> String {
        match self {
            Lang::En => time.hhmm(),
            Lang::Id => time.jam(),
        }
    }

    pub fn weekday(self, day: Weekday) -> &'static str {
        let (en, id) = match day {
            Weekday::Mon => ("Monday", "Senin"),
            Weekday::Tue => ("Tuesday", "Selasa"),
            Weekday::Wed => ("Wednesday", "Rabu"),
            Weekday::Thu => ("Thursday", "Kamis"),
            Weekday::Fri => ("Friday", "Jumat"),
            Weekday::Sat => ("Saturday", "Sabtu"),
            Weekday::Sun => ("Sunday", "Minggu"),
        };
        match self {
            Lang::En => en,
            Lang::Id => id,
        }
    }

    pub fn month(self, month: u32) -> &'static str {
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const ID: [&str; 12] = [
            "Januari",
            "Februari",
            "Maret",
            "April",
            "Mei",
            "Juni",
            "Juli",
            "Agustus",
            "September",
            "Oktober",
            "November",
            "Desember",
        ];
        let i = (month.clamp(1, 12) - 1) as usize;
        match self {
            Lang::En => EN[i],
            Lang::Id => ID[i],
        }
    }

    /// "Tuesday, 8 December 2026" / "Selasa, 8 Desember 2026".
    pub fn date_long(self, date: NaiveDate) -> String {
        format!(
            "{}, {} {} {}",
            self.weekday(date.weekday()),
            date.day(),
            self.month(date.month()),
            date.year()
        )
    }

    /// "Tue 8 Dec" / "Sel 8 Des", for legends.
    pub fn date_short(self, date: NaiveDate) -> String {
        let short = |name: &str| name.chars().take(3).collect::<String>();
        format!(
            "{} {} {}",
            short(self.weekday(date.weekday())),
            date.day(),
            short(self.month(date.month()))
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_dates() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        assert_eq!(Lang::Id.date_long(d), "Selasa, 8 Desember 2026");
        assert_eq!(Lang::En.date_long(d), "Tuesday, 8 December 2026");
        let d = NaiveDate::from_ymd_opt(2026, 8, 17).unwrap();
        assert_eq!(Lang::Id.date_long(d), "Senin, 17 Agustus 2026");
        assert_eq!(Lang::Id.date_short(d), "Sen 17 Agu");
    }

    #[test]
    fn numbers() {
        assert_eq!(Lang::Id.int(1_234_567), "1.234.567");
        assert_eq!(Lang::En.int(1_234_567), "1,234,567");
        assert_eq!(Lang::Id.int(999), "999");
        assert_eq!(Lang::Id.dec(1234.56, 1), "1.234,6");
        assert_eq!(Lang::En.dec(1234.56, 1), "1,234.6");
        assert_eq!(Lang::Id.dec(-0.04, 1), "0,0");
        assert_eq!(Lang::Id.dec(-12.4, 0), "-12");
        assert_eq!(Lang::Id.dec(3.0, 2), "3,00");
    }

    #[test]
    fn more_numbers_and_dates() {
        assert_eq!(Lang::Id.dec(1_234_567.891, 2), "1.234.567,89");
        assert_eq!(Lang::En.dec(1_234_567.891, 2), "1,234,567.89");
        assert_eq!(Lang::Id.int(0), "0");
        assert_eq!(Lang::Id.int(1_000), "1.000");
        assert_eq!(Lang::Id.dec(999.96, 1), "1.000,0");
        let friday = NaiveDate::from_ymd_opt(2026, 12, 11).unwrap();
        assert_eq!(Lang::Id.date_long(friday), "Jumat, 11 Desember 2026");
        let first = NaiveDate::from_ymd_opt(2027, 1, 3).unwrap();
        assert_eq!(Lang::Id.date_long(first), "Minggu, 3 Januari 2027");
        assert_eq!(Lang::En.date_long(first), "Sunday, 3 January 2027");
    }
}
