//! The scenario file as written: one layer per file (a what-if and the files it extends).
//! Every table rejects unknown keys; every field is optional here so that a what-if can
//! say only what it changes. [`merge`] applies a layer over its base.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::problem::{At, loc_of, with_source};
use super::units::{WEEKDAYS, closest, did_you_mean, parse_weekdays};
use crate::groups::{Group, People, PerGroup, SomeGroups};
use crate::i18n::{Fix, Says, Text, UserError};

/// A list written either as one string ("mon-thu", "07:30-10:00; 13:00-15:00") or as an
/// array of strings.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum TextList {
    One(String),
    Many(Vec<String>),
}

impl TextList {
    /// The list joined into the one-string form.
    pub fn joined(&self) -> String {
        match self {
            TextList::One(s) => s.clone(),
            TextList::Many(v) => v.join(";"),
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub extends: Option<At<String>>,
    pub name: Option<At<String>>,
    pub map: Option<At<String>>,
    pub profile: Option<At<String>>,
    /// GeoJSON of boundaries drawn on the report map (relative to the file).
    pub boundaries: Option<At<String>>,
    pub travel: Option<At<String>>,
    pub straight_line: Option<RawStraightLine>,
    pub week_start: Option<At<toml::value::Datetime>>,
    pub working_days: Option<At<TextList>>,
    /// The office's own list of holidays, instead of the built-in national list.
    pub holidays: Option<Vec<At<toml::value::Datetime>>>,
    /// Days off on top of the holidays (a regency anniversary, an office event).
    pub extra_days_off: Option<Vec<At<toml::value::Datetime>>>,
    pub seed: Option<u64>,
    pub time_limit: Option<At<String>>,
    pub iterations: Option<u64>,
    pub depot: Option<RawDepot>,
    pub weights: Option<RawWeights>,
    pub service: Option<RawService>,
    pub hours: Option<BTreeMap<String, At<RawHours>>>,
    pub equipment: Option<Vec<At<String>>>,
    #[serde(default)]
    pub van: Vec<RawVan>,
    pub stops: Option<RawStopsFile>,
    /// `[requests] csv = "FILE"`: requests received, each a stop to serve by its deadline.
    pub requests: Option<RawStopsFile>,
    #[serde(default)]
    pub stop: Vec<RawStop>,
    /// Vans out on given dates (in the workshop, on leave).
    #[serde(default)]
    pub van_off: Vec<RawVanOff>,
    /// Visits agreed before planning (by phone, or announced): kept at their van, date and
    /// start time.
    #[serde(default)]
    pub commitment: Vec<RawCommitment>,
    pub replan: Option<RawReplan>,
    /// `[targets]`: what every week must do, kept as constraints (scenario/targets.rs).
    pub targets: Option<RawTargets>,
    /// `[office]`: letterhead, letter numbers, signatory and contact (scenario/office.rs).
    pub office: Option<super::office::RawOffice>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVanOff {
    pub van: At<String>,
    pub date: At<toml::value::Datetime>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommitment {
    pub stop: At<String>,
    pub van: At<String>,
    pub date: At<toml::value::Datetime>,
    pub start: At<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReplan {
    /// How far a promised visit's start may move ("30min").
    pub tolerance: Option<At<String>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTargets {
    /// School visits each week the schools are open.
    pub school_mornings_per_week: Option<At<i64>>,
    /// In a campaign, the most weeks a kecamatan with people left goes without a visit.
    pub every_kecamatan_within_weeks: Option<At<i64>>,
    /// The fewest people of a group each week records.
    pub min_people: Option<SomeGroups<At<i64>>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStraightLine {
    pub detour: Option<At<f64>>,
    pub speed_kmh: Option<At<f64>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDepot {
    pub name: Option<At<String>>,
    pub location: Option<At<[f64; 2]>>,
}

/// `[weights]`: the value of recording one person, per group.
pub type RawWeights = SomeGroups<At<f64>>;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawService {
    pub setup: Option<At<String>>,
    pub per_person: Option<RawPerPerson>,
    pub home_visit: Option<At<String>>,
}

/// `per_person`: recording time per person with one set, per group.
pub type RawPerPerson = SomeGroups<At<String>>;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHours {
    pub shift: At<String>,
    #[serde(default)]
    pub breaks: Vec<At<String>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVan {
    pub name: At<String>,
    pub recording_sets: At<i64>,
    #[serde(default)]
    pub equipment: Vec<At<String>>,
    pub blank_cards: Option<At<i64>>,
    pub max_driving: Option<At<String>>,
    pub days: Option<At<TextList>>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStopsFile {
    pub csv: Option<At<String>>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStop {
    pub name: At<String>,
    pub location: At<[f64; 2]>,
    #[serde(default)]
    pub elderly: u32,
    #[serde(default)]
    pub disabled: u32,
    #[serde(default)]
    pub new_eligible: u32,
    pub window: Option<At<TextList>>,
    pub days: Option<At<TextList>>,
    pub requires: Option<At<TextList>>,
    #[serde(default)]
    pub home_visit: bool,
    #[serde(default)]
    pub mandatory: bool,
    pub desa: Option<String>,
    pub kecamatan: Option<String>,
}

impl RawStop {
    /// The people to record, per group.
    pub fn people(&self) -> People {
        PerGroup::from_fn(|g| match g {
            Group::Elderly => self.elderly,
            Group::Disabled => self.disabled,
            Group::NewEligible => self.new_eligible,
        })
    }
}

/// One parsed file, with the directory its relative paths start from.
#[derive(Clone, Debug)]
pub struct Layer {
    pub file: PathBuf,
    pub raw: RawScenario,
}

/// Parses one scenario text. Errors name the file, line and column, and say what to fix.
pub fn parse_layer(file: &Path, text: &str) -> anyhow::Result<RawScenario> {
    with_source(file, text, || {
        toml::from_str::<RawScenario>(text).map_err(|e| {
            let at = e.span().and_then(|s| loc_of(s.start));
            let (message, fix) = explain(e.message());
            let at = at
                .map(|a| format!("{a}: "))
                .unwrap_or_else(|| format!("{}: ", file.display()));
            UserError::new(Says::Toml { at, message, fix }).into()
        })
    })
}

/// Turns a toml/serde message into (message, what to fix); unknown keys get the closest
/// valid key as a suggestion. Messages the parser words itself stay in its English, after
/// an Indonesian lead.
fn explain(message: &str) -> (Text, Text) {
    let message = message.trim().to_string();
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (word, rest) = rest.split_once('`').unwrap_or((rest, ""));
        let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
        let fix = match closest(word, expected.iter().copied()) {
            Some(best) => did_you_mean(best),
            None if expected.is_empty() => Fix::RemoveKey.into(),
            None => Fix::RemoveOrUse {
                known: expected.join(", "),
            }
            .into(),
        };
        let key = word.to_string();
        return (Says::UnknownKey { key }.into(), fix);
    }
    if message.contains("untagged enum TextList") {
        return (Says::ExpectedText.into(), Fix::WriteTextList.into());
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let word = rest.split('`').next().unwrap_or(rest);
        let key = word.to_string();
        return (
            Says::MissingKey { key: key.clone() }.into(),
            Fix::AddKey { key }.into(),
        );
    }
    if message.contains("invalid type") || message.contains("invalid length") {
        (
            Says::WrongForm { message }.into(),
            Fix::WriteValueForm.into(),
        )
    } else {
        (Says::BadToml { message }.into(), Fix::CorrectToml.into())
    }
}

/// Reads a scenario file and the chain of files it extends, base first.
pub fn read_layers(path: &Path) -> anyhow::Result<Vec<Layer>> {
    let mut layers = Vec::new();
    let mut next = Some(path.to_path_buf());
    while let Some(file) = next.take() {
        let shown = file.display();
        if layers.iter().any(|l: &Layer| l.file == file) {
            return Err(UserError::new(Says::ExtendsLoop {
                file: shown.to_string(),
            })
            .into());
        }
        let text = std::fs::read_to_string(&file).map_err(|e| {
            UserError::caused(
                Says::CannotRead {
                    file: shown.to_string(),
                },
                e,
            )
        })?;
        let mut raw = parse_layer(&file, &text)?;
        let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
        let relative = |value: &mut At<String>| {
            value.value = tidy(&dir.join(&value.value)).to_string_lossy().into_owned();
        };
        for path in [
            &mut raw.extends,
            &mut raw.map,
            &mut raw.profile,
            &mut raw.boundaries,
        ]
        .into_iter()
        .flatten()
        {
            relative(path);
        }
        for table in [raw.stops.as_mut(), raw.requests.as_mut()]
            .into_iter()
            .flatten()
        {
            if let Some(csv) = table.csv.as_mut() {
                relative(csv);
            }
        }
        next = raw.extends.as_ref().map(|base| PathBuf::from(&base.value));
        layers.push(Layer { file, raw });
    }
    layers.reverse();
    Ok(layers)
}

/// Removes `dir/..` pairs, so that messages show `maps/x.pbf`, not `scenarios/../maps/x.pbf`.
fn tidy(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            _ => out.push(part),
        }
    }
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

/// Each group of `top` that is set, else that of `base`.
fn merge_groups<T: Clone>(base: SomeGroups<T>, top: SomeGroups<T>) -> SomeGroups<T> {
    SomeGroups(PerGroup::from_fn(|g| {
        top.0[g].clone().or(base.0[g].clone())
    }))
}

/// Applies `top` over `base`: tables merge key by key, and vans and stops are replaced
/// (same name) or added (new name). Relative paths were already made relative to the file
/// that wrote them (see [`read_layers`]).
pub fn merge(base: RawScenario, top: RawScenario) -> RawScenario {
    fn pick<T>(base: Option<T>, top: Option<T>) -> Option<T> {
        top.or(base)
    }
    let straight_line = match (base.straight_line, top.straight_line) {
        (Some(b), Some(t)) => Some(RawStraightLine {
            detour: pick(b.detour, t.detour),
            speed_kmh: pick(b.speed_kmh, t.speed_kmh),
        }),
        (b, t) => pick(b, t),
    };
    let depot = match (base.depot, top.depot) {
        (Some(b), Some(t)) => Some(RawDepot {
            name: pick(b.name, t.name),
            location: pick(b.location, t.location),
        }),
        (b, t) => pick(b, t),
    };
    let weights = match (base.weights, top.weights) {
        (Some(b), Some(t)) => Some(merge_groups(b, t)),
        (b, t) => pick(b, t),
    };
    let service = match (base.service, top.service) {
        (Some(b), Some(t)) => Some(RawService {
            setup: pick(b.setup, t.setup),
            per_person: match (b.per_person, t.per_person) {
                (Some(b), Some(t)) => Some(merge_groups(b, t)),
                (b, t) => pick(b, t),
            },
            home_visit: pick(b.home_visit, t.home_visit),
        }),
        (b, t) => pick(b, t),
    };
    let hours = match (base.hours, top.hours) {
        (Some(b), Some(t)) => Some(merge_hours(b, t)),
        (b, t) => pick(b, t),
    };
    RawScenario {
        extends: top.extends,
        name: pick(base.name, top.name),
        map: pick(base.map, top.map),
        profile: pick(base.profile, top.profile),
        boundaries: pick(base.boundaries, top.boundaries),
        travel: pick(base.travel, top.travel),
        straight_line,
        week_start: pick(base.week_start, top.week_start),
        working_days: pick(base.working_days, top.working_days),
        holidays: pick(base.holidays, top.holidays),
        extra_days_off: pick(base.extra_days_off, top.extra_days_off),
        seed: pick(base.seed, top.seed),
        time_limit: pick(base.time_limit, top.time_limit),
        iterations: pick(base.iterations, top.iterations),
        depot,
        weights,
        service,
        hours,
        equipment: pick(base.equipment, top.equipment),
        van: merge_by_name(base.van, top.van, |v| &v.name.value),
        stops: pick(base.stops, top.stops),
        requests: pick(base.requests, top.requests),
        stop: merge_by_name(base.stop, top.stop, |s| &s.name.value),
        van_off: [base.van_off, top.van_off].concat(),
        commitment: [base.commitment, top.commitment].concat(),
        replan: pick(base.replan, top.replan),
        targets: pick(base.targets, top.targets),
        office: super::office::merge(base.office, top.office),
    }
}

/// The weekdays `top` sets are taken out of the base's entries ("mon-fri" minus a new
/// "fri" leaves "mon;tue;wed;thu"); then `top`'s entries are added.
fn merge_hours(
    base: BTreeMap<String, At<RawHours>>,
    top: BTreeMap<String, At<RawHours>>,
) -> BTreeMap<String, At<RawHours>> {
    let covered = top
        .keys()
        .filter_map(|k| parse_weekdays(k).ok())
        .fold(0u8, |m, d| m | d);
    let mut merged = BTreeMap::new();
    for (key, entry) in base {
        match parse_weekdays(&key) {
            Ok(days) if days & !covered == 0 => {}
            Ok(days) if days & covered != 0 => {
                let left: Vec<&str> = WEEKDAYS
                    .iter()
                    .enumerate()
                    .filter(|(d, _)| days & !covered & (1 << d) != 0)
                    .map(|(_, w)| w.0)
                    .collect();
                merged.insert(left.join(";"), entry);
            }
            _ => {
                merged.insert(key, entry);
            }
        }
    }
    merged.extend(top);
    merged
}

/// Items of `top` replace items of `base` with the same name in place; new ones are appended.
fn merge_by_name<T>(mut base: Vec<T>, top: Vec<T>, name: impl Fn(&T) -> &String) -> Vec<T> {
    for item in top {
        match base.iter().position(|b| name(b) == name(&item)) {
            Some(i) => base[i] = item,
            None => base.push(item),
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> anyhow::Result<RawScenario> {
        parse_layer(Path::new("test.toml"), text)
    }

    #[test]
    fn unknown_key_gets_a_suggestion_and_position() {
        let err = parse("name = \"x\"\nseed = 1\n\n[depot]\nnaem = \"office\"\n").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("test.toml:5:1: unknown key `naem`"),
            "{text}"
        );
        assert!(text.contains("did you mean `name`?"), "{text}");
    }

    #[test]
    fn unknown_top_level_key_far_from_any_lists_the_valid_ones() {
        let text = parse("zzzzzzzzzzzz = 1\n").unwrap_err().to_string();
        assert!(
            text.starts_with("test.toml:1:1: unknown key `zzzzzzzzzzzz`"),
            "{text}"
        );
        assert!(text.contains("use one of: extends, name, map"), "{text}");
    }

    #[test]
    fn type_errors_have_positions() {
        let text = parse("name = \"x\"\n[depot]\nlocation = [1.0]\n")
            .unwrap_err()
            .to_string();
        assert!(text.starts_with("test.toml:3:12:"), "{text}");
        let text = parse("[[van]]\nname = \"A\"\n").unwrap_err().to_string();
        assert!(text.contains("`recording_sets` is missing"), "{text}");
    }

    #[test]
    fn syntax_errors_have_positions() {
        let text = parse("name = \"x\"\nseed = = 2\n").unwrap_err().to_string();
        assert!(text.starts_with("test.toml:2:"), "{text}");
    }

    #[test]
    fn values_remember_where_they_were_written() {
        let raw = parse("\n  name = \"x\"\n").unwrap();
        let at = raw.name.unwrap().at.unwrap();
        assert_eq!((at.line, at.col), (2, 10));
    }

    #[test]
    fn paths_lose_parent_steps() {
        assert_eq!(
            tidy(Path::new("scenarios/../maps/m.pbf")),
            Path::new("maps/m.pbf")
        );
        assert_eq!(tidy(Path::new("../maps/m.pbf")), Path::new("../maps/m.pbf"));
        assert_eq!(tidy(Path::new("a/..")), Path::new("."));
    }

    #[test]
    fn merge_rules() {
        let base = parse(
            r#"name = "base"
seed = 1
[depot]
name = "office"
location = [-7.6, 111.3]
[hours]
mon-fri = { shift = "07:30-15:30" }
[[van]]
name = "A"
recording_sets = 2
[[van]]
name = "B"
recording_sets = 3
[[stop]]
name = "S1"
location = [-7.6, 111.3]
"#,
        )
        .unwrap();
        let top = parse(
            r#"name = "what-if"
[depot]
name = "new office"
[hours]
fri = { shift = "07:30-11:00" }
[[van]]
name = "B"
recording_sets = 1
[[van]]
name = "C"
recording_sets = 4
"#,
        )
        .unwrap();
        let m = merge(base, top);
        assert_eq!(m.name.unwrap().value, "what-if");
        assert_eq!(m.seed, Some(1));
        let depot = m.depot.unwrap();
        assert_eq!(depot.name.unwrap().value, "new office");
        assert_eq!(depot.location.unwrap().value, [-7.6, 111.3]);
        let hours = m.hours.unwrap();
        assert_eq!(hours["fri"].value.shift.value, "07:30-11:00");
        assert_eq!(hours["mon;tue;wed;thu"].value.shift.value, "07:30-15:30");
        assert_eq!(hours.len(), 2);
        let vans: Vec<_> = m
            .van
            .iter()
            .map(|v| (v.name.value.as_str(), v.recording_sets.value))
            .collect();
        assert_eq!(vans, [("A", 2), ("B", 1), ("C", 4)]);
        assert_eq!(m.stop.len(), 1);
    }
}
