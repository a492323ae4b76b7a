//! The verifier's findings in the planner's words: hours and minutes, equipment names and
//! dates instead of the instance's seconds, bit masks and day numbers.

use crate::clock::Clock;
use crate::i18n::{Message, PlanMsg, Text};
use crate::scenario::Prepared;
use crate::solve::Breach;

/// `breach` worded for a planner, in both languages.
pub fn words(prepared: &Prepared, breach: &Breach) -> Text {
    let built = &prepared.built;
    let equipment = |mask: u64| -> String {
        let names: Vec<&str> = built
            .equipment
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, name)| name.as_str())
            .collect();
        if names.is_empty() {
            "—".to_string()
        } else {
            names.join(", ")
        }
    };
    let message = match *breach {
        Breach::Equipment { needs, carries } => PlanMsg::NeedsEquipment {
            needs: equipment(needs & !carries),
            carries: equipment(carries),
        },
        Breach::Day { day } => match prepared.scenario.dates.get(day) {
            Some(&date) => PlanMsg::NotOnDate { date },
            None => verifier(breach),
        },
        Breach::NoWindow { arrive, service } => PlanMsg::NoWindowLeft {
            arrive: Clock::from_seconds(arrive),
            service_s: service,
        },
        Breach::BackLate { back, end } => PlanMsg::BackAfterShift {
            back: Clock::from_seconds(back),
            end: Clock::from_seconds(end),
        },
        Breach::Load { load, capacity } => PlanMsg::TooManyRecorded {
            people: load,
            cards: capacity,
        },
        Breach::Driving { drive, limit } => PlanMsg::DrivesTooLong {
            drive_s: drive,
            limit_s: limit,
        },
        Breach::ServedTimes { times } => PlanMsg::VisitedTimes { times },
        Breach::NotServed { .. } => PlanMsg::MandatoryNotVisited,
        Breach::Pinned { van, served_by } => {
            let name = |v: usize| prepared.scenario.vans.get(v).map_or("?", |v| &v.name);
            PlanMsg::PinnedToVan {
                van: name(van).to_string(),
                served_by: name(served_by).to_string(),
            }
        }
        Breach::Malformed(_) | Breach::RouteCount { .. } | Breach::NoSuchJob { .. } => {
            verifier(breach)
        }
    };
    message.text()
}

fn verifier(breach: &Breach) -> PlanMsg {
    PlanMsg::Verifier {
        text: breach.to_string(),
    }
}
