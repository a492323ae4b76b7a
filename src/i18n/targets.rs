//! The scenario's `[targets]`: problems with its numbers, and how a plan keeps each target.

use super::{Lang, Message};
use crate::promise::{Goal, TargetResult};

#[derive(Clone, Debug, PartialEq, strum::EnumIter)]
pub enum TargetSays {
    OutOfRange { setting: String, value: i64 },
}

impl Message for TargetSays {
    fn en(&self) -> String {
        match self {
            TargetSays::OutOfRange { setting, value } => {
                format!("{setting} = {value} is out of range")
            }
        }
    }

    fn id(&self) -> String {
        match self {
            TargetSays::OutOfRange { setting, value } => {
                format!("{setting} = {value} di luar batas")
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, strum::EnumIter)]
pub enum TargetFix {
    Range { min: i64, max: i64 },
}

impl Message for TargetFix {
    fn en(&self) -> String {
        match self {
            TargetFix::Range { min, max } => format!("use a whole number from {min} to {max}"),
        }
    }

    fn id(&self) -> String {
        match self {
            TargetFix::Range { min, max } => {
                format!("pakai bilangan bulat dari {min} sampai {max}")
            }
        }
    }
}

/// How the plan keeps the scenario's targets: the heading, and one line per target.
#[derive(Clone, Debug, PartialEq, strum::EnumIter)]
pub enum TargetMsg {
    /// The heading above the targets: how many are not met (0 when all are).
    Heading {
        unmet: usize,
    },
    Line(TargetResult),
}

fn line(lang: Lang, r: &TargetResult) -> String {
    let (wanted, got) = (lang.int(r.wanted.into()), lang.int(r.got.into()));
    let mark = match (lang, r.met()) {
        (_, true) => "✓".to_string(),
        (Lang::En, false) => "NOT MET".to_string(),
        (Lang::Id, false) => "TIDAK TERCAPAI".to_string(),
    };
    let text = match (lang, &r.goal) {
        (Lang::En, Goal::SchoolMornings { open_schools: 0 }) => {
            "school mornings: school holiday, no school open".to_string()
        }
        (Lang::Id, Goal::SchoolMornings { open_schools: 0 }) => {
            "pagi di sekolah: libur sekolah, tidak ada sekolah yang buka".to_string()
        }
        (Lang::En, Goal::SchoolMornings { .. }) => {
            format!("school mornings: {got} planned, at least {wanted}")
        }
        (Lang::Id, Goal::SchoolMornings { .. }) => {
            format!("pagi di sekolah: {got} direncanakan, paling sedikit {wanted}")
        }
        (Lang::En, Goal::KecamatanVisits { weeks }) => format!(
            "kecamatan due a visit (none waits more than {weeks} weeks): {got} of {wanted} visited"
        ),
        (Lang::Id, Goal::KecamatanVisits { weeks }) => format!(
            "kecamatan yang harus dikunjungi (tidak ada yang menunggu lebih dari {weeks} \
             minggu): {got} dari {wanted} dikunjungi"
        ),
        (lang, Goal::People { group }) => match lang {
            Lang::En => format!("{} recorded: {got}, at least {wanted}", lang.group(*group)),
            Lang::Id => format!(
                "{} terekam: {got}, paling sedikit {wanted}",
                lang.group(*group)
            ),
        },
    };
    format!("{text} — {mark}")
}

impl Message for TargetMsg {
    fn en(&self) -> String {
        match self {
            TargetMsg::Heading { unmet: 0 } => "Targets:".into(),
            TargetMsg::Heading { unmet } => format!(
                "TARGETS NOT MET ({unmet}): the reasons are with the visits promised for them"
            ),
            TargetMsg::Line(r) => line(Lang::En, r),
        }
    }

    fn id(&self) -> String {
        match self {
            TargetMsg::Heading { unmet: 0 } => "Sasaran mingguan:".into(),
            TargetMsg::Heading { unmet } => format!(
                "SASARAN TIDAK TERCAPAI ({unmet}): alasannya tertulis pada kunjungan yang \
                 dijanjikan untuknya"
            ),
            TargetMsg::Line(r) => line(Lang::Id, r),
        }
    }
}
