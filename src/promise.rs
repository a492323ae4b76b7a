//! Promises made before planning, as data: what was promised (a visit done, a visit
//! announced, a request with a deadline), where a plan serves it, and why one was not kept.
//! The plan model stores them; the message catalogue words them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::groups::Group;
use crate::reason::Why;

/// What was promised.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Made {
    /// A visit made before the re-planned days: copied unchanged.
    Done {
        van: String,
        date: NaiveDate,
        start: Clock,
        end: Clock,
    },
    /// An announced visit: the same van and date, starting within `tolerance_s` of `start`.
    Announced {
        van: String,
        date: NaiveDate,
        start: Clock,
        tolerance_s: u32,
    },
    /// A stop the scenario marks mandatory: when re-planning it is kept like a promise, so
    /// that a week that can no longer serve it still has a plan, saying so.
    Required,
    /// A stop the teams visited on `nobody_on` where nobody came (from the realisation): the
    /// campaign's first week goes back.
    Revisit { nobody_on: NaiveDate },
    /// A visit the week makes to keep one of the scenario's `[targets]`.
    Target { target: Target },
    /// A request, served on or before its deadline.
    Request {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deadline: Option<NaiveDate>,
        /// Its location is the desa's centre: the address was not given.
        approximate: bool,
    },
}

/// Which target of the scenario's `[targets]` a promised visit keeps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "target", rename_all = "snake_case")]
pub enum Target {
    /// One of the week's school mornings (`school_mornings_per_week`).
    SchoolMorning,
    /// The kecamatan would otherwise go more than `weeks` weeks without a visit
    /// (`every_kecamatan_within_weeks`).
    Kecamatan { kecamatan: String, weeks: u32 },
    /// Towards the week's least number of people of a group (`min_people`).
    People { group: Group, at_least: u32 },
}

/// What a target asks of the week, and how much of it the plan does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetResult {
    pub goal: Goal,
    pub wanted: u32,
    pub got: u32,
}

impl TargetResult {
    pub fn met(&self) -> bool {
        self.got >= self.wanted
    }
}

/// Stands in where a value is needed before any target is known (the catalogue's checks).
impl Default for TargetResult {
    fn default() -> Self {
        TargetResult {
            goal: Goal::SchoolMornings { open_schools: 0 },
            wanted: 0,
            got: 0,
        }
    }
}

/// One target of `[targets]`, for the whole week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "goal", rename_all = "snake_case")]
pub enum Goal {
    /// School visits that start before noon; `open_schools` is how many schools are open to
    /// visits this week (none in the school holidays, when the target does not apply).
    SchoolMornings { open_schools: u32 },
    /// Kecamatan due a visit this week, and how many of them the week visits.
    KecamatanVisits { weeks: u32 },
    /// People of a group the week records.
    People { group: Group },
}

/// A van (by name), a day and a time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    pub van: String,
    pub date: NaiveDate,
    pub start: Clock,
}

/// Why a promise (an announced visit, a request with a deadline) was not kept.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Broken {
    /// The van does not work that day in the scenario (in the workshop, a day off).
    VanOff { van: String, date: NaiveDate },
    /// The stop is no longer in the scenario.
    StopRemoved,
    /// The stop's window no longer contains the promised time (± the tolerance).
    WindowChanged,
    /// The deadline is before the first day that can still be planned.
    DeadlinePassed { deadline: NaiveDate },
    /// Nothing in the scenario forbids it, but the day cannot fit it with the other promises.
    #[default]
    NoLongerFits,
    /// A rule rules it out on every van-day it could use.
    Rule { why: Why },
}
