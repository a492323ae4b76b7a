//! The scenario's `[targets]`: what every week must do, kept as constraints (plan/targets.rs
//! turns them into promised visits), not weights.
//!
//! ```toml
//! [targets]
//! school_mornings_per_week = 2      # school visits each week the schools are open
//! every_kecamatan_within_weeks = 4  # campaign: no kecamatan with people left waits longer
//! min_people = { disabled = 30 }    # the fewest of a group each week records
//! ```

use std::ops::RangeInclusive;

use super::limits::{MIN_PEOPLE, SCHOOL_MORNINGS, WITHIN_WEEKS};
use super::problem::{At, Problem};
use super::raw::RawTargets;
use crate::groups::PerGroup;
use crate::i18n::{TargetFix, TargetSays};

/// The targets, each absent when the scenario does not set it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Targets {
    pub school_mornings_per_week: Option<u32>,
    pub every_kecamatan_within_weeks: Option<u32>,
    pub min_people: PerGroup<Option<u32>>,
}

/// Reads `[targets]`; a number out of range is a problem naming the setting.
pub fn resolve(raw: Option<&RawTargets>, problems: &mut Vec<Problem>) -> Targets {
    let Some(raw) = raw else {
        return Targets::default();
    };
    let mut read = |value: Option<&At<i64>>, setting: String, range: &RangeInclusive<i64>| {
        let value = value?;
        if range.contains(&value.value) {
            u32::try_from(value.value).ok()
        } else {
            problems.push(Problem::new(
                value.loc(),
                TargetSays::OutOfRange {
                    setting,
                    value: value.value,
                },
                TargetFix::Range {
                    min: *range.start(),
                    max: *range.end(),
                },
            ));
            None
        }
    };
    let school = read(
        raw.school_mornings_per_week.as_ref(),
        "targets.school_mornings_per_week".into(),
        &SCHOOL_MORNINGS,
    );
    let within = read(
        raw.every_kecamatan_within_weeks.as_ref(),
        "targets.every_kecamatan_within_weeks".into(),
        &WITHIN_WEEKS,
    );
    let min_people = match &raw.min_people {
        Some(groups) => groups.0.map(|g, v| {
            read(
                v.as_ref(),
                format!("targets.min_people.{}", g.key()),
                &MIN_PEOPLE,
            )
        }),
        None => PerGroup::from_fn(|_| None),
    };
    Targets {
        school_mornings_per_week: school,
        every_kecamatan_within_weeks: within,
        min_people,
    }
}
