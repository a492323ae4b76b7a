//! Why a stop (or part) is not served, in the planner's words: the solver's
//! `explain_unserved` decides, and this adds the scenario's details (equipment names,
//! weekdays, windows, minutes).

use super::Scenario;
use super::build::Built;
use super::units::{WEEKDAYS, format_time_of_day};
use crate::i18n::{Lang, Text, tr};
use crate::solve::{Reason, explain_unserved};

/// A reason with its short category and its explanation in both languages.
#[derive(Clone, Debug, PartialEq)]
pub struct Why {
    pub kind: Reason,
    pub text: Text,
}

impl Why {
    /// The short category used in tables and plan.json.
    pub fn category(&self) -> &'static str {
        match self.kind {
            Reason::NoEquipment | Reason::NoEquipmentOnAllowedDay => "equipment",
            Reason::NoAllowedDay => "days",
            Reason::OverCapacity => "blank cards",
            Reason::OverMaxDrive => "driving limit",
            Reason::WindowShorterThanService => "window",
            Reason::Unreachable => "hours",
            Reason::NoTimeLeft => "no time",
        }
    }
}

impl Why {
    /// "category: explanation" in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        format!(
            "{}: {}",
            lang.category(self.category()),
            self.text.get(lang)
        )
    }
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

/// Why job `j` cannot be, or was not, served.
pub fn reason(scenario: &Scenario, built: &Built, j: usize) -> Why {
    let kind = explain_unserved(&built.instance, j);
    let job = &built.instance.jobs[j];
    let stop = &scenario.stops[built.jobs[j].stop];
    let days = weekdays_text(stop.days);
    let needs = stop.requires.join(", ");
    let text = match kind {
        Reason::NoEquipment => tr(
            format!("needs {needs}, which no van carries this week"),
            format!("memerlukan {needs}, yang tidak dibawa mobil mana pun minggu ini"),
        ),
        Reason::NoEquipmentOnAllowedDay => tr(
            format!("needs {needs}; the vans carrying it do not work on its days ({days})"),
            format!(
                "memerlukan {needs}; mobil yang membawanya tidak bekerja pada harinya ({days})"
            ),
        ),
        Reason::NoAllowedDay => tr(
            format!("no van works on its days ({days})"),
            format!("tidak ada mobil yang bekerja pada harinya ({days})"),
        ),
        Reason::OverCapacity => tr(
            format!(
                "needs {} blank cards, more than a printing van has a day",
                Lang::En.dec(job.load, 0)
            ),
            format!(
                "memerlukan {} blangko, lebih banyak dari yang dimiliki mobil pencetak dalam sehari",
                Lang::Id.dec(job.load, 0)
            ),
        ),
        Reason::OverMaxDrive => tr(
            "the round trip is longer than the daily driving limit of the vans that could go",
            "perjalanan pulang-pergi lebih lama dari batas mengemudi harian mobil yang dapat pergi",
        ),
        Reason::WindowShorterThanService => {
            let sets = built
                .instance
                .tours
                .iter()
                .map(|t| t.sets)
                .max()
                .unwrap_or(1)
                .max(1);
            let minutes = (job.service_fixed + job.service_work / f64::from(sets)) / 60.0;
            let windows: Vec<String> = job
                .windows
                .iter()
                .map(|w| {
                    format!(
                        "{}-{}",
                        format_time_of_day(w.open),
                        format_time_of_day(w.close)
                    )
                })
                .collect();
            let (minutes, windows) = (minutes.floor(), windows.join(", "));
            tr(
                format!(
                    "the visit takes {minutes:.0} min or more, longer than its window {windows}"
                ),
                format!(
                    "kunjungan memakan {minutes:.0} menit atau lebih, lebih lama dari jam layanannya {windows}"
                ),
            )
        }
        Reason::Unreachable => tr(
            "cannot be reached, served and left within the working hours and its window",
            "tidak dapat dicapai, dilayani dan ditinggalkan dalam jam kerja dan jam layanannya",
        ),
        Reason::NoTimeLeft => tr(
            "the vans' days were filled with more valuable stops",
            "hari kerja mobil sudah terisi titik yang lebih bernilai",
        ),
    };
    Why { kind, text }
}

/// The weekdays of a mask, e.g. "mon, tue".
pub fn weekdays_text(mask: u8) -> String {
    let days: Vec<&str> = (0..7)
        .filter(|d| mask & (1 << d) != 0)
        .map(|d| WEEKDAYS[d].0)
        .collect();
    days.join(", ")
}
