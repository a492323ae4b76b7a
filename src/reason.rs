//! Why a stop (or one part of it) is not in a plan, as data: the rule that rules it out, with
//! the scenario's details a planner needs to act on it. The message catalogue words it;
//! plan.json stores it as it is.

use chrono::Weekday;
use serde::{Deserialize, Serialize};

use crate::clock::Clock;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Why {
    /// No van carries the equipment it needs.
    Equipment { needs: Vec<String> },
    /// The vans carrying the equipment do not work on its days.
    EquipmentOnDays {
        needs: Vec<String>,
        days: Vec<Weekday>,
    },
    /// No van works on its days.
    Days { days: Vec<Weekday> },
    /// A school closed for the school holidays on every day of the week it could be visited.
    SchoolHoliday,
    /// It needs more blank cards than a printing van has in a day.
    BlankCards { cards: u32 },
    /// Driving there and back exceeds the daily driving limit.
    DrivingLimit,
    /// The visit takes longer than its window allows.
    Window {
        minutes: u32,
        windows: Vec<(Clock, Clock)>,
    },
    /// Even alone, no van can reach it, serve it and be back within its hours.
    Hours,
    /// It fits, but the vans' days went to stops of higher priority.
    #[default]
    NoTime,
}

/// The kind of rule behind a [`Why`], for counts and short labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter)]
pub enum Category {
    Equipment,
    Days,
    BlankCards,
    DrivingLimit,
    Window,
    Hours,
    NoTime,
}

impl Category {
    /// The short key in files: "no_time", "equipment", ...
    pub fn key(self) -> &'static str {
        match self {
            Category::Equipment => "equipment",
            Category::Days => "days",
            Category::BlankCards => "blank_cards",
            Category::DrivingLimit => "driving_limit",
            Category::Window => "window",
            Category::Hours => "hours",
            Category::NoTime => "no_time",
        }
    }
}

impl Why {
    pub fn category(&self) -> Category {
        match self {
            Why::Equipment { .. } | Why::EquipmentOnDays { .. } => Category::Equipment,
            Why::Days { .. } | Why::SchoolHoliday => Category::Days,
            Why::BlankCards { .. } => Category::BlankCards,
            Why::DrivingLimit => Category::DrivingLimit,
            Why::Window { .. } => Category::Window,
            Why::Hours => Category::Hours,
            Why::NoTime => Category::NoTime,
        }
    }
}
