//! Messages about plans: the verifier's verdicts, saved plans that differ from their routes,
//! and what the commands report.

use chrono::NaiveDate;

use super::{Lang, Message};
use crate::clock::Clock;
use crate::reason::Why;

/// A field of a saved plan that `jempol verify` recomputes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Field {
    #[default]
    Scenario,
    Visits,
    Departure,
    Return,
    Distance,
    Driving,
    People,
    Arrival,
    Start,
    End,
    Value,
    Location,
    TotalValue,
    TotalDistance,
    TotalDriving,
    TotalWork,
    ShiftUse,
    Targets,
    Stops,
    StopsVisited,
    StopsPartlyVisited,
    StopsUnvisited,
    PeopleServed,
    PeopleInScenario,
    StopsLeftOut,
    LeftOut,
    Travel,
    Week,
    VanDays,
    Index,
    Parts,
    Promise,
}

impl Field {
    fn word(self, lang: Lang) -> &'static str {
        use Field::*;
        let (en, id) = match self {
            Scenario => ("scenario", "skenario"),
            Visits => ("visits", "kunjungan"),
            Departure => ("departure", "berangkat"),
            Return => ("return", "kembali"),
            Distance => ("distance", "jarak"),
            Driving => ("driving", "waktu mengemudi"),
            People => ("people", "orang"),
            Arrival => ("arrival", "tiba"),
            Start => ("start", "mulai"),
            End => ("end", "selesai"),
            Value => ("value", "nilai"),
            Location => ("location", "lokasi"),
            TotalValue => ("total value", "nilai total"),
            TotalDistance => ("total distance", "jarak total"),
            TotalDriving => ("total driving", "waktu mengemudi total"),
            TotalWork => ("total working time", "waktu kerja total"),
            ShiftUse => ("shift time", "penggunaan jam kerja"),
            Targets => ("targets", "sasaran mingguan"),
            Stops => ("stops", "titik layanan"),
            StopsVisited => ("stops visited", "titik dikunjungi"),
            StopsPartlyVisited => ("stops partly visited", "titik dikunjungi sebagian"),
            StopsUnvisited => ("stops unvisited", "titik tidak dikunjungi"),
            PeopleServed => ("people served", "penduduk terlayani"),
            PeopleInScenario => ("people in the scenario", "penduduk dalam skenario"),
            StopsLeftOut => ("stops left out", "titik yang tidak dijadwalkan"),
            LeftOut => ("left out", "tidak dijadwalkan"),
            Travel => ("travel times based on", "dasar waktu tempuh"),
            Week => ("week", "minggu"),
            VanDays => ("van-days", "hari kerja mobil"),
            Index => ("number in the scenario", "nomor urut dalam skenario"),
            Parts => ("parts", "bagian"),
            Promise => ("promise", "janji"),
        };
        match lang {
            Lang::En => en,
            Lang::Id => id,
        }
    }
}

#[derive(Clone, Debug, PartialEq, strum::EnumIter)]
pub enum PlanMsg {
    /// The lead of every error that lists a verifier's findings.
    Rejected,
    /// How the van-days' shifts were spent, in hours (breaks left out).
    ShiftUse {
        shift_h: f64,
        recording_h: f64,
        driving_h: f64,
        waiting_h: f64,
        longest_wait_min: f64,
        unused_h: f64,
        unused_percent: f64,
    },
    /// After a mandatory stop's violation: why it cannot be served even alone.
    MandatoryAlone {
        why: Why,
    },
    Verified {
        visits: u64,
        van_days: u64,
        people: u64,
        km: f64,
    },
    VanDoesNotWork {
        van: String,
        date: NaiveDate,
    },
    AppearsTwice {
        van_day: String,
    },
    NotAStop {
        van_day: String,
        stop: String,
        part: usize,
        parts: usize,
    },
    /// The lead of the list of fields that differ.
    FileDiffers,
    Differs {
        subject: String,
        field: Field,
        said: String,
        recomputed: String,
    },
    NotAPlan {
        file: String,
    },
    OtherSchema {
        file: String,
        schema: String,
        expected: String,
    },
    WroteStops {
        stops: u64,
        file: String,
    },
    /// The verifier's findings, in the planner's units.
    NeedsEquipment {
        needs: String,
        carries: String,
    },
    NotOnDate {
        date: NaiveDate,
    },
    NoWindowLeft {
        arrive: Clock,
        service_s: f64,
    },
    BackAfterShift {
        back: Clock,
        end: Clock,
    },
    TooManyRecorded {
        people: f64,
        cards: f64,
    },
    DrivesTooLong {
        drive_s: f64,
        limit_s: f64,
    },
    VisitedTimes {
        times: usize,
    },
    MandatoryNotVisited,
    /// A promised visit served by another van than the one it was promised with.
    PinnedToVan {
        van: String,
        served_by: String,
    },
    /// A finding about the plan's shape, in the verifier's own (English) words.
    Verifier {
        text: String,
    },
    /// How the search ended, when the plan depends on the machine's speed.
    StoppedOnTime {
        iterations: u64,
    },
    OtherWeek {
        file: String,
        kept: NaiveDate,
        scenario: NaiveDate,
    },
    FromOutsideWeek {
        from: NaiveDate,
        first: NaiveDate,
        last: NaiveDate,
    },
    /// The heading of the promises a plan breaks, first in every summary and report.
    PromisesBroken {
        promises: usize,
    },
    /// The heading of the requests: how many are planned by their deadline and how many not.
    Requests {
        planned: usize,
        missed: usize,
    },
    /// Where the stop is served instead of the promise.
    Instead {
        at: String,
    },
    /// A broken promise whose stop the plan does not serve at all.
    NotServedThisWeek,
    /// The first line of a campaign's summary.
    CampaignHeading {
        name: String,
        weeks: usize,
        from: NaiveDate,
        to: NaiveDate,
    },
    /// The heading of the table of when each kecamatan's backlog is cleared.
    ClearedHeading,
    /// A re-planned week changed the visits before its first re-planned day.
    PastChanged {
        stop: String,
        van: String,
        date: NaiveDate,
    },
}

impl PlanMsg {
    fn subject(subject: &str, field: Field, lang: Lang) -> String {
        if subject.is_empty() {
            field.word(lang).to_string()
        } else {
            format!("{subject}: {}", field.word(lang))
        }
    }
}

impl Message for PlanMsg {
    fn en(&self) -> String {
        let en = Lang::En;
        match self {
            PlanMsg::Rejected => "the verifier rejected the plan".into(),
            PlanMsg::ShiftUse {
                shift_h,
                recording_h,
                driving_h,
                waiting_h,
                longest_wait_min,
                unused_h,
                unused_percent,
            } => format!(
                "Shift time {} h (breaks left out): recording {} h, driving {} h, waiting at \
                 stops {} h (longest {} min); unused {} h ({}%)",
                en.dec(*shift_h, 1),
                en.dec(*recording_h, 1),
                en.dec(*driving_h, 1),
                en.dec(*waiting_h, 1),
                en.dec(*longest_wait_min, 0),
                en.dec(*unused_h, 1),
                en.dec(*unused_percent, 1)
            ),
            PlanMsg::MandatoryAlone { why } => format!(" (mandatory; alone: {})", en.why(why)),
            PlanMsg::Verified {
                visits,
                van_days,
                people,
                km,
            } => format!(
                "plan verified: {} visits on {} van-days, {} people, {} km",
                en.int(*visits),
                en.int(*van_days),
                en.int(*people),
                en.dec(*km, 1)
            ),
            PlanMsg::VanDoesNotWork { van, date } => {
                format!("van `{van}` does not work on {date} in this scenario")
            }
            PlanMsg::AppearsTwice { van_day } => format!("{van_day} appears twice"),
            PlanMsg::NotAStop {
                van_day,
                stop,
                part,
                parts,
            } => format!("{van_day}: `{stop}` part {part}/{parts} is not a stop of this scenario"),
            PlanMsg::FileDiffers => {
                "the plan file differs from the plan recomputed from its routes".into()
            }
            PlanMsg::Differs {
                subject,
                field,
                said,
                recomputed,
            } => format!(
                "{}: the file says {said}, recomputed {recomputed}",
                PlanMsg::subject(subject, *field, en)
            ),
            PlanMsg::NotAPlan { file } => format!("{file}: not a jempol plan.json"),
            PlanMsg::OtherSchema {
                file,
                schema,
                expected,
            } => {
                format!("{file}: schema `{schema}`, expected `{expected}`; plan the scenario again")
            }
            PlanMsg::WroteStops { stops, file } => {
                format!("wrote {} stops to {file}", en.int(*stops))
            }
            PlanMsg::NeedsEquipment { needs, carries } => {
                format!("needs {needs}; the van carries {carries}")
            }
            PlanMsg::NotOnDate { date } => {
                format!("may not be visited on {}", en.date_long(*date))
            }
            PlanMsg::NoWindowLeft { arrive, service_s } => format!(
                "arrives at {}, too late for its visit of {} in any of its windows",
                arrive.hhmm(),
                en.duration(*service_s)
            ),
            PlanMsg::BackAfterShift { back, end } => format!(
                "back at the depot at {}, after the shift ends at {}",
                back.hhmm(),
                end.hhmm()
            ),
            PlanMsg::TooManyRecorded { people, cards } => format!(
                "records {} people, more than its {} blank cards",
                en.dec(*people, 0),
                en.dec(*cards, 0)
            ),
            PlanMsg::DrivesTooLong { drive_s, limit_s } => format!(
                "drives {}, more than its limit of {}",
                en.duration(*drive_s),
                en.duration(*limit_s)
            ),
            PlanMsg::VisitedTimes { times } => format!("visited {times} times"),
            PlanMsg::MandatoryNotVisited => "mandatory, but not visited".into(),
            PlanMsg::PinnedToVan { van, served_by } => {
                format!("promised with {van}, but visited by {served_by}")
            }
            PlanMsg::Verifier { text } => format!("verifier: {text}"),
            PlanMsg::StoppedOnTime { iterations } => format!(
                "Search: stopped by the time limit after {} iterations, so this plan depends on \
                 the machine's speed; set `iterations` for a plan that depends only on the seed",
                en.int(*iterations)
            ),
            PlanMsg::OtherWeek {
                file,
                kept,
                scenario,
            } => format!(
                "{file} plans the week of {kept}, the scenario the week of {scenario}; keep a plan of the same week"
            ),
            PlanMsg::FromOutsideWeek { from, first, last } => format!(
                "--from {from} is not a working day of the scenario's week; give a date from {first} to {last}"
            ),
            PlanMsg::PromisesBroken { promises } => {
                format!("PROMISES NOT KEPT ({promises}): tell the village or family before the day")
            }
            PlanMsg::Requests { planned, missed } => {
                format!("Requests: {planned} planned by their deadline, {missed} missed")
            }
            PlanMsg::Instead { at } => format!("instead: {at}"),
            PlanMsg::NotServedThisWeek => "not served this week".into(),
            PlanMsg::PastChanged { stop, van, date } => format!(
                "`{stop}` by {van} on {date}: the days before the re-planned ones must keep exactly the visits done"
            ),
            PlanMsg::CampaignHeading {
                name,
                weeks,
                from,
                to,
            } => format!(
                "{name} — campaign of {weeks} weeks, {} to {}; people recorded of those still to record:",
                en.date_long(*from),
                en.date_long(*to)
            ),
            PlanMsg::ClearedHeading => {
                "Backlog cleared in the week of (~ projected at the campaign's pace):".into()
            }
        }
    }

    fn id(&self) -> String {
        let id = Lang::Id;
        match self {
            PlanMsg::Rejected => "pemeriksa menolak rencana ini".into(),
            PlanMsg::ShiftUse {
                shift_h,
                recording_h,
                driving_h,
                waiting_h,
                longest_wait_min,
                unused_h,
                unused_percent,
            } => format!(
                "Jam kerja {} jam (di luar istirahat): perekaman {} jam, perjalanan {} jam, \
                 menunggu di lokasi {} jam (terlama {} menit); tidak terpakai {} jam ({}%)",
                id.dec(*shift_h, 1),
                id.dec(*recording_h, 1),
                id.dec(*driving_h, 1),
                id.dec(*waiting_h, 1),
                id.dec(*longest_wait_min, 0),
                id.dec(*unused_h, 1),
                id.dec(*unused_percent, 1)
            ),
            PlanMsg::MandatoryAlone { why } => format!(" (wajib; sendirian: {})", id.why(why)),
            PlanMsg::Verified {
                visits,
                van_days,
                people,
                km,
            } => format!(
                "rencana terverifikasi: {} kunjungan pada {} hari kerja mobil, {} orang, {} km",
                id.int(*visits),
                id.int(*van_days),
                id.int(*people),
                id.dec(*km, 1)
            ),
            PlanMsg::VanDoesNotWork { van, date } => format!(
                "mobil `{van}` tidak bekerja pada {} dalam skenario ini",
                id.date_long(*date)
            ),
            PlanMsg::AppearsTwice { van_day } => format!("{van_day} muncul dua kali"),
            PlanMsg::NotAStop {
                van_day,
                stop,
                part,
                parts,
            } => format!(
                "{van_day}: `{stop}` tahap {part} dari {parts} bukan titik layanan skenario ini"
            ),
            PlanMsg::FileDiffers => {
                "berkas rencana berbeda dari rencana yang dihitung ulang dari rutenya".into()
            }
            PlanMsg::Differs {
                subject,
                field,
                said,
                recomputed,
            } => format!(
                "{}: berkas menulis {said}, hitung ulang {recomputed}",
                PlanMsg::subject(subject, *field, id)
            ),
            PlanMsg::NotAPlan { file } => format!("{file}: bukan plan.json dari jempol"),
            PlanMsg::OtherSchema {
                file,
                schema,
                expected,
            } => format!(
                "{file}: skema `{schema}`, seharusnya `{expected}`; buat rencana skenario ini lagi"
            ),
            PlanMsg::WroteStops { stops, file } => {
                format!("{} titik layanan ditulis ke {file}", id.int(*stops))
            }
            PlanMsg::NeedsEquipment { needs, carries } => {
                format!("memerlukan {needs}; mobil itu membawa {carries}")
            }
            PlanMsg::NotOnDate { date } => {
                format!("tidak boleh dikunjungi pada {}", id.date_long(*date))
            }
            PlanMsg::NoWindowLeft { arrive, service_s } => format!(
                "tiba pukul {}, terlambat untuk kunjungan selama {} dalam jam layanan mana pun",
                arrive.jam(),
                id.duration(*service_s)
            ),
            PlanMsg::BackAfterShift { back, end } => format!(
                "kembali ke kantor pukul {}, setelah jam kerja berakhir pukul {}",
                back.jam(),
                end.jam()
            ),
            PlanMsg::TooManyRecorded { people, cards } => format!(
                "merekam {} orang, lebih dari {} blangkonya",
                id.dec(*people, 0),
                id.dec(*cards, 0)
            ),
            PlanMsg::DrivesTooLong { drive_s, limit_s } => format!(
                "mengemudi {}, lebih dari batasnya {}",
                id.duration(*drive_s),
                id.duration(*limit_s)
            ),
            PlanMsg::VisitedTimes { times } => format!("dikunjungi {times} kali"),
            PlanMsg::MandatoryNotVisited => "wajib, tetapi tidak dikunjungi".into(),
            PlanMsg::PinnedToVan { van, served_by } => {
                format!("dijanjikan dengan {van}, tetapi dikunjungi oleh {served_by}")
            }
            PlanMsg::Verifier { text } => format!("pemeriksa: {text}"),
            PlanMsg::StoppedOnTime { iterations } => format!(
                "Pencarian: dihentikan oleh batas waktu setelah {} iterasi, sehingga rencana ini \
                 bergantung pada kecepatan komputer; isi `iterations` agar rencana hanya \
                 bergantung pada seed",
                id.int(*iterations)
            ),
            PlanMsg::OtherWeek {
                file,
                kept,
                scenario,
            } => format!(
                "{file} berisi rencana minggu {}, skenario untuk minggu {}; pakai rencana minggu yang sama",
                id.date_long(*kept),
                id.date_long(*scenario)
            ),
            PlanMsg::FromOutsideWeek { from, first, last } => format!(
                "--from {} bukan hari kerja minggu skenario; beri tanggal dari {} sampai {}",
                id.date_long(*from),
                id.date_long(*first),
                id.date_long(*last)
            ),
            PlanMsg::PromisesBroken { promises } => format!(
                "JANJI YANG TIDAK DAPAT DITEPATI ({promises}): beri tahu desa atau keluarga sebelum harinya"
            ),
            PlanMsg::Requests { planned, missed } => {
                format!("Permohonan: {planned} terjadwal sebelum batas waktunya, {missed} terlewat")
            }
            PlanMsg::Instead { at } => format!("gantinya: {at}"),
            PlanMsg::NotServedThisWeek => "tidak dilayani minggu ini".into(),
            PlanMsg::PastChanged { stop, van, date } => format!(
                "`{stop}` oleh {van} pada {}: hari sebelum hari yang disusun ulang harus tetap berisi kunjungan yang sudah dilaksanakan",
                id.date_long(*date)
            ),
            PlanMsg::CampaignHeading {
                name,
                weeks,
                from,
                to,
            } => format!(
                "{name} — kampanye {weeks} minggu, {} sampai {}; penduduk terekam dari yang masih harus direkam:",
                id.date_long(*from),
                id.date_long(*to)
            ),
            PlanMsg::ClearedHeading => {
                "Seluruh sasaran terekam pada minggu (~ perkiraan menurut laju kampanye):".into()
            }
        }
    }
}
