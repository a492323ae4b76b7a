//! Everything a user reads, in English and Bahasa Indonesia: fixed words in one table
//! ([`Key`]), messages built at run time in both languages ([`Text`], [`UserError`]) so that
//! the command line picks one when it shows them, and the Indonesian ways of writing numbers
//! ("1.234,5") and dates ("Selasa, 8 Desember 2026").

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::groups::Group;
use crate::reason::{Category, Why};
use crate::travel_basis::TravelBasis;

/// The language of the outputs and messages (`--lang en|id`, or `JEMPOL_LANG`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Id,
}

/// A message made at run time, in both languages; the caller picks one when it shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    pub id: String,
}

/// A [`Text`] from its English and Indonesian forms.
pub fn tr(en: impl Into<String>, id: impl Into<String>) -> Text {
    Text {
        en: en.into(),
        id: id.into(),
    }
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Id => &self.id,
        }
    }
}

/// An error a planner reads, in both languages, with the error under it (an I/O or parser
/// error keeps its own English or OS text).
#[derive(Debug)]
pub struct UserError {
    pub text: Text,
    source: Option<anyhow::Error>,
}

impl UserError {
    pub fn new(text: Text) -> Self {
        UserError { text, source: None }
    }

    pub fn message(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }

    /// `text`, caused by `source`.
    pub fn caused(text: Text, source: impl Into<anyhow::Error>) -> Self {
        UserError {
            text,
            source: Some(source.into()),
        }
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text.en)
    }
}

impl std::error::Error for UserError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| e.as_ref() as _)
    }
}

/// An error and its causes in `lang`, joined by ": " as `{:#}` joins them.
pub fn error_text(error: &anyhow::Error, lang: Lang) -> String {
    error
        .chain()
        .map(|e| {
            if let Some(e) = e.downcast_ref::<UserError>() {
                e.message(lang).to_string()
            } else if let Some(e) = e.downcast_ref::<crate::scenario::Problems>() {
                e.message(lang)
            } else {
                e.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(": ")
}

/// One user-facing text. Its English and Indonesian forms are in [`Lang::t`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    WeekOf,
    Days,
    Travel,
    StandinWarning,
    StraightLineWarning,
    People,
    Group,
    Served,
    Demand,
    Share,
    Elderly,
    Disabled,
    NewEligible,
    Total,
    Stops,
    Visited,
    Partly,
    Unvisited,
    Value,
    VanDays,
    NoVisits,
    Drive,
    Km,
    WorkHours,
    DriveHours,
    NotServed,
    Reason,
    Wrote,
    Map,
    Legend,
    Depot,
    Roads,
    MinorRoadsOmitted,
    Boundaries,
    StopSizedByValue,
    UnvisitedStop,
    Depart,
    Back,
    Order,
    Arrive,
    Start,
    End,
    Stop,
    Desa,
    Kecamatan,
    Notes,
    DaySheet,
    Bring,
    Equipment,
    BlankCards,
    BlankCardsNone,
    RecordingSets,
    Report,
    Generated,
    DaySheetsFile,
    AnnouncementsFile,
    GeojsonFile,
    StopShort,
    StopsShort,
    Visits,
    AndMore,
    Parts,
    StopsVisited,
    StopsUnvisited,
    ChangesAgainst,
    Gained,
    Lost,
    SameStops,
    Jobs,
    SplitIntoParts,
    Vans,
    WorkingDaysFrom,
    Hours,
    PlanOf,
    Record,
}

impl Lang {
    /// The text of `key` in this language.
    pub fn t(self, key: Key) -> &'static str {
        use Key::*;
        let (en, id) = match key {
            WeekOf => ("week of", "minggu mulai"),
            Days => ("days", "hari"),
            Travel => ("Travel", "Perjalanan"),
            StandinWarning => (
                "This plan ran on a stand-in map (synthetic roads, not OpenStreetMap). Times and routes are not real.",
                "Rencana ini dihitung pada peta pengganti (jalan sintetis, bukan OpenStreetMap). Waktu dan rute tidak nyata.",
            ),
            StraightLineWarning => (
                "This plan used straight lines, not roads. Times and routes are estimates.",
                "Rencana ini memakai garis lurus, bukan jalan. Waktu dan rute hanya perkiraan.",
            ),
            People => ("People served", "Penduduk terlayani"),
            Group => ("Group", "Kelompok"),
            Served => ("served", "terlayani"),
            Demand => ("demand", "kebutuhan"),
            Share => ("share", "persentase"),
            Elderly => ("elderly", "lansia"),
            Disabled => ("disabled", "penyandang disabilitas"),
            NewEligible => ("turning 17", "pemula (17 tahun)"),
            Total => ("total", "jumlah"),
            Stops => ("Stops", "Titik layanan"),
            Visited => ("visited", "dikunjungi"),
            Partly => ("partly", "sebagian"),
            Unvisited => ("unvisited", "tidak dikunjungi"),
            Value => ("value", "nilai"),
            VanDays => ("Van-days", "Hari kerja mobil"),
            NoVisits => ("no visits", "tanpa kunjungan"),
            Drive => ("drive", "mengemudi"),
            Km => ("km", "km"),
            WorkHours => ("work hours", "jam kerja"),
            DriveHours => ("drive hours", "jam mengemudi"),
            NotServed => ("Not served", "Tidak terlayani"),
            Reason => ("reason", "alasan"),
            Wrote => ("Wrote", "Ditulis ke"),
            Map => ("Map", "Peta"),
            Legend => ("Legend", "Keterangan"),
            Depot => ("depot", "kantor (depo)"),
            Roads => ("roads", "jalan"),
            MinorRoadsOmitted => (
                "minor roads left out to keep the file small",
                "jalan kecil tidak digambar agar berkas tetap kecil",
            ),
            Boundaries => ("boundaries", "batas wilayah"),
            StopSizedByValue => ("stop, sized by value", "titik layanan, besar sesuai nilai"),
            UnvisitedStop => ("stop not visited", "titik tidak dikunjungi"),
            Depart => ("leaves", "berangkat"),
            Back => ("back", "kembali"),
            Order => ("#", "No."),
            Arrive => ("arrive", "tiba"),
            Start => ("start", "mulai"),
            End => ("end", "selesai"),
            Stop => ("Stop", "Titik layanan"),
            Desa => ("Desa", "Desa"),
            Kecamatan => ("Kecamatan", "Kecamatan"),
            Notes => ("Notes", "Catatan"),
            DaySheet => ("Day sheet", "Lembar harian"),
            Bring => ("Bring", "Dibawa"),
            Equipment => ("equipment", "peralatan"),
            BlankCards => ("blank e-KTP cards", "blangko e-KTP"),
            BlankCardsNone => ("no printing on site", "tidak mencetak di lokasi"),
            RecordingSets => ("recording sets", "set perekaman"),
            Report => ("Weekly plan", "Rencana mingguan"),
            Generated => ("Written by jempol", "Dibuat oleh jempol"),
            DaySheetsFile => ("day sheets", "lembar harian"),
            AnnouncementsFile => ("announcements", "pengumuman"),
            GeojsonFile => ("GeoJSON for QGIS", "GeoJSON untuk QGIS"),
            StopShort => ("stop", "titik"),
            StopsShort => ("stops", "titik"),
            Visits => ("visits", "kunjungan"),
            AndMore => (
                "more stops with no time left (all in plan.json)",
                "titik lain tidak sempat dikunjungi (semua ada di plan.json)",
            ),
            Parts => ("parts", "bagian"),
            StopsVisited => ("stops visited", "titik dikunjungi"),
            StopsUnvisited => ("stops unvisited", "titik tidak dikunjungi"),
            ChangesAgainst => ("Changes against", "Perubahan terhadap"),
            Gained => ("gained", "bertambah"),
            Lost => ("lost", "berkurang"),
            SameStops => ("visits the same stops", "mengunjungi titik yang sama"),
            Jobs => ("jobs", "kunjungan"),
            SplitIntoParts => ("split into parts", "dibagi menjadi beberapa bagian"),
            Vans => ("vans", "mobil"),
            WorkingDaysFrom => ("working days from", "hari kerja mulai"),
            Hours => ("h", "jam"),
            PlanOf => ("jempol plan of", "rencana jempol"),
            Record => ("record", "rekam"),
        };
        match self {
            Lang::En => en,
            Lang::Id => id,
        }
    }

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

    /// The `lang` attribute of HTML pages.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
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

    #[test]
    fn errors_lead_in_the_chosen_language_and_keep_the_cause() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let error: anyhow::Error =
            UserError::caused(tr("cannot read x.toml", "x.toml tidak dapat dibaca"), io).into();
        assert_eq!(
            error_text(&error, Lang::Id),
            "x.toml tidak dapat dibaca: No such file"
        );
        assert_eq!(
            error_text(&error, Lang::En),
            "cannot read x.toml: No such file"
        );
        // Deeper in a chain, under an English developer context, it is still found.
        let wrapped = error.context("while planning");
        assert_eq!(
            error_text(&wrapped, Lang::Id),
            "while planning: x.toml tidak dapat dibaca: No such file"
        );
        // Plain errors keep their text.
        let plain = anyhow::anyhow!("internal");
        assert_eq!(error_text(&plain, Lang::Id), "internal");
    }

    #[test]
    fn every_key_has_both_languages() {
        for key in [Key::WeekOf, Key::StandinWarning, Key::Notes, Key::Bring] {
            assert!(!Lang::En.t(key).is_empty());
            assert_ne!(Lang::En.t(key), Lang::Id.t(key));
        }
        assert_eq!(Lang::Id.category(Category::NoTime), "belum terjadwal");
    }
}
