//! The words for the plan's facts: why a stop is not served, what travel times are based on,
//! the groups of people.

use chrono::Weekday;

use super::Lang;
use super::words::Key;
use crate::groups::Group;
use crate::promise::{Broken, Made, Placement, Target};
use crate::reason::{Category, Why};
use crate::travel_basis::TravelBasis;

impl Lang {
    /// The short label of a reason's rule.
    pub fn category(self, category: Category) -> &'static str {
        let (en, id) = match category {
            Category::NoTime => ("no time", "belum terjadwal"),
            Category::Equipment => ("equipment", "peralatan tidak tersedia"),
            Category::Window => ("window", "jam layanan tidak cocok"),
            Category::Days => ("days", "hari tidak cocok"),
            Category::BlankCards => ("blank cards", "blangko tidak cukup"),
            Category::DrivingLimit => ("driving limit", "batas mengemudi"),
            Category::Hours => ("hours", "di luar jam kerja"),
        };
        match self {
            Lang::En => en,
            Lang::Id => id,
        }
    }

    /// "category: explanation" of why a stop is not served.
    pub fn why(self, why: &Why) -> String {
        let list = |items: &[String]| items.join(", ");
        let days = |days: &[Weekday]| {
            let names: Vec<&str> = days.iter().map(|d| self.weekday(*d)).collect();
            names.join(", ")
        };
        let text = match (self, why) {
            (Lang::En, Why::Equipment { needs }) => {
                format!("needs {}, which no van carries this week", list(needs))
            }
            (Lang::Id, Why::Equipment { needs }) => format!(
                "memerlukan {}, yang tidak dibawa mobil mana pun minggu ini",
                list(needs)
            ),
            (Lang::En, Why::EquipmentOnDays { needs, days: d }) => format!(
                "needs {}; the vans carrying it do not work on its days ({})",
                list(needs),
                days(d)
            ),
            (Lang::Id, Why::EquipmentOnDays { needs, days: d }) => format!(
                "memerlukan {}; mobil yang membawanya tidak bekerja pada harinya ({})",
                list(needs),
                days(d)
            ),
            (Lang::En, Why::Days { days: d }) => format!("no van works on its days ({})", days(d)),
            (Lang::Id, Why::Days { days: d }) => {
                format!("tidak ada mobil yang bekerja pada harinya ({})", days(d))
            }
            (Lang::En, Why::SchoolHoliday) => {
                "closed for the school holidays on all its days this week; plan it for a school week"
                    .to_string()
            }
            (Lang::Id, Why::SchoolHoliday) => {
                "tutup karena libur sekolah pada semua harinya minggu ini; jadwalkan pada minggu masuk sekolah"
                    .to_string()
            }
            (Lang::En, Why::BlankCards { cards }) => format!(
                "needs {} blank cards, more than a printing van has a day",
                self.int(u64::from(*cards))
            ),
            (Lang::Id, Why::BlankCards { cards }) => format!(
                "memerlukan {} blangko, lebih banyak dari yang dimiliki mobil pencetak dalam sehari",
                self.int(u64::from(*cards))
            ),
            (Lang::En, Why::DrivingLimit) => {
                "the round trip is longer than the daily driving limit of the vans that could go"
                    .to_string()
            }
            (Lang::Id, Why::DrivingLimit) => {
                "perjalanan pulang-pergi lebih lama dari batas mengemudi harian mobil yang dapat pergi"
                    .to_string()
            }
            (_, Why::Window { minutes, windows }) => {
                let windows: Vec<String> = windows
                    .iter()
                    .map(|(a, b)| format!("{}-{}", a.hhmm(), b.hhmm()))
                    .collect();
                let windows = windows.join(", ");
                match self {
                    Lang::En => format!(
                        "the visit takes {minutes} min or more, longer than its window {windows}"
                    ),
                    Lang::Id => format!(
                        "kunjungan memakan {minutes} menit atau lebih, lebih lama dari jam layanannya {windows}"
                    ),
                }
            }
            (Lang::En, Why::Hours) => {
                "cannot be reached, served and left within the working hours and its window"
                    .to_string()
            }
            (Lang::Id, Why::Hours) => {
                "tidak dapat dicapai, dilayani dan ditinggalkan dalam jam kerja dan jam layanannya"
                    .to_string()
            }
            (Lang::En, Why::NoTime) => "the vans' days were filled with more valuable stops".to_string(),
            (Lang::Id, Why::NoTime) => {
                "jadwal minggu ini penuh oleh lokasi berprioritas lebih tinggi".to_string()
            }
        };
        format!("{}: {text}", self.category(why.category()))
    }

    /// The name of a group of people.
    pub fn group(self, group: Group) -> &'static str {
        self.t(match group {
            Group::Elderly => Key::Elderly,
            Group::Disabled => Key::Disabled,
            Group::NewEligible => Key::NewEligible,
        })
    }

    /// Why a promise was not kept.
    pub fn broken(self, broken: &Broken) -> String {
        match (self, broken) {
            (Lang::En, Broken::VanOff { van, date }) => {
                format!("{van} does not work on {}", self.date_long(*date))
            }
            (Lang::Id, Broken::VanOff { van, date }) => {
                format!("{van} tidak bekerja pada {}", self.date_long(*date))
            }
            (Lang::En, Broken::StopRemoved) => "the stop is no longer in the scenario".into(),
            (Lang::Id, Broken::StopRemoved) => "titik ini tidak ada lagi di skenario".into(),
            (Lang::En, Broken::WindowChanged) => {
                "its window no longer allows the promised time".into()
            }
            (Lang::Id, Broken::WindowChanged) => {
                "jam layanannya tidak lagi mencakup waktu yang dijanjikan".into()
            }
            (Lang::En, Broken::DeadlinePassed { deadline }) => {
                format!("its deadline, {}, has passed", self.date_long(*deadline))
            }
            (Lang::Id, Broken::DeadlinePassed { deadline }) => {
                format!("batas waktunya, {}, sudah lewat", self.date_long(*deadline))
            }
            (Lang::En, Broken::NoLongerFits) => {
                "the day cannot fit it together with the other promised visits".into()
            }
            (Lang::Id, Broken::NoLongerFits) => {
                "hari itu tidak cukup untuknya bersama kunjungan lain yang sudah dijanjikan".into()
            }
            (_, Broken::Rule { why }) => self.why(why),
        }
    }

    /// What was promised, in a few words.
    pub fn made(self, made: &Made) -> String {
        match (self, made) {
            (
                Lang::En,
                Made::Done {
                    van,
                    date,
                    start,
                    end,
                },
            ) => format!(
                "done by {van} on {}, {}–{}",
                self.date_short(*date),
                start.hhmm(),
                end.hhmm()
            ),
            (
                Lang::Id,
                Made::Done {
                    van,
                    date,
                    start,
                    end,
                },
            ) => format!(
                "sudah dilayani {van} pada {}, {}–{}",
                self.date_short(*date),
                start.hhmm(),
                end.hhmm()
            ),
            (
                Lang::En,
                Made::Announced {
                    van, date, start, ..
                },
            ) => format!(
                "announced for {van}, {} {}",
                self.date_short(*date),
                start.hhmm()
            ),
            (
                Lang::Id,
                Made::Announced {
                    van, date, start, ..
                },
            ) => format!(
                "diumumkan untuk {van}, {} pukul {}",
                self.date_short(*date),
                start.jam()
            ),
            (Lang::En, Made::Required) => "mandatory".into(),
            (Lang::Id, Made::Required) => "wajib".into(),
            (Lang::En, Made::Target { target }) => match target {
                Target::SchoolMorning => "target: a school morning".into(),
                Target::Kecamatan { kecamatan, weeks } => {
                    format!("target: Kecamatan {kecamatan} visited at least every {weeks} weeks")
                }
                Target::People { group, at_least } => {
                    format!("target: at least {at_least} {} a week", self.group(*group))
                }
            },
            (Lang::Id, Made::Target { target }) => match target {
                Target::SchoolMorning => "sasaran: pagi di sekolah".into(),
                Target::Kecamatan { kecamatan, weeks } => format!(
                    "sasaran: Kecamatan {kecamatan} dikunjungi paling lambat setiap {weeks} minggu"
                ),
                Target::People { group, at_least } => format!(
                    "sasaran: paling sedikit {at_least} {} seminggu",
                    self.group(*group)
                ),
            },
            (Lang::En, Made::Revisit { nobody_on }) => {
                format!("revisit: nobody came on {}", self.date_short(*nobody_on))
            }
            (Lang::Id, Made::Revisit { nobody_on }) => format!(
                "kunjungan ulang: tidak ada yang datang pada {}",
                self.date_short(*nobody_on)
            ),
            (
                lang,
                Made::Request {
                    id,
                    deadline,
                    approximate,
                },
            ) => {
                let (request, by, near) = match lang {
                    Lang::En => ("request", "by", "location approximate: the desa's centre"),
                    Lang::Id => (
                        "permohonan",
                        "paling lambat",
                        "lokasi perkiraan: pusat desa",
                    ),
                };
                let mut text = format!("{request} {id}");
                if let Some(d) = deadline {
                    text += &format!(", {by} {}", self.date_short(*d));
                }
                if *approximate {
                    text += &format!("; {near}");
                }
                text
            }
        }
    }

    /// A van, a day and a time: "Keliling 2, Tue 8 Dec 09:10".
    pub fn placement(self, at: &Placement) -> String {
        let time = match self {
            Lang::En => at.start.hhmm(),
            Lang::Id => at.start.jam(),
        };
        format!("{}, {} {time}", at.van, self.date_short(at.date))
    }

    /// "served elderly" / "lansia terlayani": a row of the comparison table.
    pub fn served(self, group: Group) -> String {
        match self {
            Lang::En => format!("{} {}", self.t(Key::Served), self.group(group)),
            Lang::Id => format!("{} {}", self.group(group), self.t(Key::Served)),
        }
    }

    /// A stop's name, with the part for a split stop: "Balai Desa X (part 2/3)".
    pub fn part(self, name: &str, part: usize, parts: usize) -> String {
        match (self, parts) {
            (_, 0 | 1) => name.to_string(),
            (Lang::En, _) => format!("{name} (part {part}/{parts})"),
            (Lang::Id, _) => format!("{name} (tahap {part} dari {parts})"),
        }
    }

    /// " and 3 more" after a shortened list.
    pub fn and_more(self, more: usize) -> String {
        match self {
            Lang::En => format!(" and {more} more"),
            Lang::Id => format!(" dan {more} lainnya"),
        }
    }

    /// What travel times are based on, saying when they are not real roads.
    pub fn travel(self, basis: &TravelBasis) -> String {
        match (self, basis) {
            (Lang::En, TravelBasis::Roads { map, standin }) => format!(
                "roads of {map}{}",
                if *standin {
                    " (stand-in map: generated roads, not surveyed, not OpenStreetMap)"
                } else {
                    ""
                }
            ),
            (Lang::Id, TravelBasis::Roads { map, standin }) => format!(
                "jalan pada peta {map}{}",
                if *standin {
                    " (peta pengganti: jalan sintetis, bukan OpenStreetMap)"
                } else {
                    ""
                }
            ),
            (Lang::En, TravelBasis::StraightLine { detour, speed_kmh }) => format!(
                "straight-line fallback, not roads (great-circle distance x {detour} at {speed_kmh} km/h)"
            ),
            (Lang::Id, TravelBasis::StraightLine { detour, speed_kmh }) => format!(
                "garis lurus, bukan jalan (jarak lingkaran besar × {} dengan {} km/jam)",
                self.dec(*detour, 1),
                self.dec(*speed_kmh, 0)
            ),
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use strum::IntoEnumIterator;

    use super::*;
    use crate::clock::Clock;

    /// Every reason, category, group and travel basis in both languages, through `check`.
    pub fn check_reasons(check: fn(&str, &str, &str)) {
        let needs = vec!["generator".to_string()];
        let reasons = [
            Why::Equipment {
                needs: needs.clone(),
            },
            Why::EquipmentOnDays {
                needs,
                days: vec![Weekday::Mon],
            },
            Why::Days {
                days: vec![Weekday::Sat],
            },
            Why::SchoolHoliday,
            Why::BlankCards { cards: 200 },
            Why::DrivingLimit,
            Why::Window {
                minutes: 90,
                windows: vec![(Clock::from_seconds(28800.0), Clock::from_seconds(30600.0))],
            },
            Why::Hours,
            Why::NoTime,
        ];
        for why in &reasons {
            check(&format!("{why:?}"), &Lang::En.why(why), &Lang::Id.why(why));
        }
        for category in Category::iter() {
            let (en, id) = (Lang::En.category(category), Lang::Id.category(category));
            check(&format!("{category:?}"), en, id);
        }
        for group in Group::ALL {
            check(
                &format!("{group:?}"),
                Lang::En.group(group),
                Lang::Id.group(group),
            );
        }
        let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 8).unwrap();
        let start = Clock::from_seconds(28800.0);
        for broken in [
            Broken::VanOff {
                van: "K1".into(),
                date,
            },
            Broken::StopRemoved,
            Broken::WindowChanged,
            Broken::DeadlinePassed { deadline: date },
            Broken::NoLongerFits,
        ] {
            let (en, id) = (Lang::En.broken(&broken), Lang::Id.broken(&broken));
            check(&format!("{broken:?}"), &en, &id);
        }
        for made in [
            Made::Done {
                van: "K1".into(),
                date,
                start,
                end: start,
            },
            Made::Announced {
                van: "K1".into(),
                date,
                start,
                tolerance_s: 1800,
            },
            Made::Request {
                id: "R1".into(),
                deadline: Some(date),
                approximate: false,
            },
            Made::Required,
        ] {
            check(
                &format!("{made:?}"),
                &Lang::En.made(&made),
                &Lang::Id.made(&made),
            );
        }
        for basis in [
            TravelBasis::Roads {
                map: "m.pbf".into(),
                standin: true,
            },
            TravelBasis::StraightLine {
                detour: 1.4,
                speed_kmh: 30.0,
            },
        ] {
            check(
                &format!("{basis:?}"),
                &Lang::En.travel(&basis),
                &Lang::Id.travel(&basis),
            );
        }
    }
}
