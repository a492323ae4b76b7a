//! Times of day in Magetan's local time (WIB, UTC+7), as whole seconds since midnight of the
//! day they belong to. Plans, their files and every output use this one type, so no output
//! parses a time back from text.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Magetan keeps Western Indonesian Time (WIB), seven hours ahead of UTC.
pub const WIB_OFFSET: &str = "+07:00";

/// Seconds since local midnight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Clock(u32);

impl Clock {
    /// The time `seconds` after midnight, to the nearest second (negative times are 00:00).
    pub fn from_seconds(seconds: f64) -> Clock {
        Clock(seconds.round().clamp(0.0, f64::from(u32::MAX)) as u32)
    }

    pub fn seconds(self) -> u32 {
        self.0
    }

    /// "07:45", to the nearest minute: what a team reads.
    pub fn hhmm(self) -> String {
        let minutes = (self.0 + 30) / 60;
        format!("{:02}:{:02}", minutes / 60, minutes % 60)
    }

    /// "07.45", as times are written in Indonesian.
    pub fn jam(self) -> String {
        self.hhmm().replace(':', ".")
    }

    /// Hours from `earlier` to this time (negative when `earlier` is later).
    pub fn hours_since(self, earlier: Clock) -> f64 {
        (f64::from(self.0) - f64::from(earlier.0)) / 3600.0
    }

    /// Parses "HH:MM:SS" or "HH:MM".
    pub fn parse(text: &str) -> Option<Clock> {
        let mut parts = text.split(':').map(|p| p.parse::<u32>().ok());
        let (h, m) = (parts.next()??, parts.next()??);
        let s = parts.next().unwrap_or(Some(0))?;
        if parts.next().is_some() || m > 59 || s > 59 {
            return None;
        }
        Some(Clock(h.checked_mul(3600)?.checked_add(m * 60 + s)?))
    }
}

/// "07:45:30": exact to the second and readable.
impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        write!(f, "{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

impl Serialize for Clock {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Clock {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Clock::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a time of day HH:MM:SS"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_writes_and_rounds() {
        let t = Clock::from_seconds(7.0 * 3600.0 + 44.0 * 60.0 + 30.4);
        assert_eq!(t.to_string(), "07:44:30");
        assert_eq!(t.hhmm(), "07:45");
        assert_eq!(t.jam(), "07.45");
        assert_eq!(Clock::parse("07:44:30"), Some(t));
        assert_eq!(Clock::parse("07:44").map(Clock::seconds), Some(27840));
        for bad in ["7", "07:60", "07:00:75", "a:b", "07:00:00:00", ""] {
            assert_eq!(Clock::parse(bad), None, "{bad}");
        }
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Clock>(&json).unwrap(), t);
    }

    #[test]
    fn rounding_keeps_order() {
        // Times that are in order stay in order, so depart <= arrive <= start holds in
        // every output that shows them.
        let times = [27_000.0, 27_000.4, 27_000.6, 27_029.5, 27_030.0];
        let clocks: Vec<Clock> = times.iter().map(|&s| Clock::from_seconds(s)).collect();
        assert!(clocks.windows(2).all(|w| w[0] <= w[1]));
        let minutes: Vec<String> = clocks.iter().map(|c| c.hhmm()).collect();
        assert!(minutes.windows(2).all(|w| w[0] <= w[1]));
    }
}
