//! What the teams actually recorded (realisasi.csv, or .xlsx), fed back into a campaign.
//! Columns (English key or Indonesian alias, any order): date (tanggal), van (mobil), stop
//! (titik), one count per group (elderly/lansia, disabled/disabilitas, new_eligible/pemula)
//! and optional notes (catatan). A stop may be written as the plan names its part ("X (part
//! 1/2)", "X (tahap 1 dari 2)"). A row of zeros is a visit where nobody came: the stop keeps
//! its people.

use std::path::Path;

use chrono::NaiveDate;

use super::model::Scenario;
use super::problem::Problems;
use super::sheet::{self, Column, Record};
use super::units::{closest, did_you_mean};
use crate::groups::{Group, People};
use crate::i18n::{Fix, Says, SheetFix, SheetSays, Text};

/// What the teams recorded: the people at each stop of the scenario, the last date, and the
/// stops where nobody came (with the date), to go back to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recorded {
    pub people: Vec<People>,
    pub last: Option<NaiveDate>,
    pub nobody_came: Vec<(usize, NaiveDate)>,
}

fn known() -> Vec<Column> {
    let mut known = vec![
        Column::new("date", &["tanggal"]).required(),
        Column::new("van", &["mobil"]).required(),
        Column::new("stop", &["titik", "titik layanan", "lokasi", "nama"]).required(),
    ];
    known.extend(Group::ALL.map(|g| Column::new(g.key(), &[g.header_id()])));
    known.push(Column::new("notes", &["catatan", "keterangan"]));
    known
}

/// Reads a realisation file against `scenario`'s stops and vans. Every bad row is reported
/// (file, line, column, fix) and none is used: a campaign does not start from half a file.
pub fn read_realisation(path: &Path, scenario: &Scenario) -> anyhow::Result<Recorded> {
    let table = sheet::read(path)?;
    let columns = table.columns(&known()).map_err(Problems)?;
    let mut recorded = Recorded {
        people: vec![People::default(); scenario.stops.len()],
        last: None,
        nobody_came: Vec::new(),
    };
    let mut problems = Vec::new();
    for line in &table.rows {
        let mut row = columns.record(&table, line);
        if let Some((stop, date, people)) = read_row(&mut row, scenario) {
            if people.total() == 0 && !recorded.nobody_came.iter().any(|&(s, _)| s == stop) {
                recorded.nobody_came.push((stop, date));
            }
            let total = &mut recorded.people[stop];
            *total += people;
            let has = scenario.stops[stop].people;
            for group in Group::ALL {
                if total[group] > has[group] {
                    row.bad(
                        group.key(),
                        SheetSays::MoreThanTheStopHas {
                            stop: scenario.stops[stop].name.clone(),
                            recorded: total[group],
                            has: has[group],
                        },
                        SheetFix::CheckTheCount,
                    );
                }
            }
            recorded.last = recorded.last.max(Some(date));
        }
        problems.append(&mut row.problems);
    }
    if problems.is_empty() {
        Ok(recorded)
    } else {
        Err(Problems(problems).into())
    }
}

fn read_row(row: &mut Record, scenario: &Scenario) -> Option<(usize, NaiveDate, People)> {
    let date = row.date("date");
    let van = row.text("van");
    if !scenario.vans.iter().any(|v| v.name == van) {
        let names: Vec<&str> = scenario.vans.iter().map(|v| v.name.as_str()).collect();
        let fix: Text = match closest(&van, names.iter().copied()) {
            Some(best) => did_you_mean(best),
            None => Fix::UseKnownName {
                known: names.join(", "),
            }
            .into(),
        };
        row.bad("van", Says::UnknownVan { van }, fix);
    }
    let name = row.text("stop");
    let stop = stop_named(scenario, &name);
    if stop.is_none() {
        let names = scenario.stops.iter().map(|s| s.name.as_str());
        let fix: Text = match closest(&name, names) {
            Some(best) => did_you_mean(best),
            None => Fix::NameAStop.into(),
        };
        row.bad("stop", Says::UnknownStop { stop: name }, fix);
    }
    let people = People::from_fn(|group| row.count(group.key()));
    if !row.problems.is_empty() {
        return None;
    }
    Some((stop?, date?, people))
}

/// The stop named `name`, also when written with the plan's part suffix.
fn stop_named(scenario: &Scenario, name: &str) -> Option<usize> {
    let find = |n: &str| scenario.stops.iter().position(|s| s.name == n);
    find(name).or_else(|| {
        let (base, suffix) = name.rsplit_once(" (")?;
        let part = suffix.strip_suffix(')')?;
        let is_part = part.starts_with("part ") || part.starts_with("tahap ");
        is_part.then(|| find(base))?
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/small-week.toml");
        crate::scenario::read(&path).unwrap().0
    }

    fn read(text: &str) -> anyhow::Result<Recorded> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("realisasi.csv");
        std::fs::write(&path, text).unwrap();
        read_realisation(&path, &scenario())
    }

    #[test]
    fn recorded_people_add_up_per_stop_and_the_last_date_counts() {
        let s = scenario();
        let (a, b) = (&s.stops[0].name, &s.stops[1].name);
        let recorded = read(&format!(
            "tanggal;mobil;titik;lansia;disabilitas;pemula;catatan\n\
             2026-12-07;Van A;{a};1;0;0;\n\
             8/12/2026;Van B;{a} (tahap 1 dari 2);1;0;0;\n\
             2026-12-08;Van B;{b};0;0;0;tidak ada yang datang\n"
        ))
        .unwrap();
        assert_eq!(recorded.people[0][Group::Elderly], 2);
        assert_eq!(
            recorded.people[1].total(),
            0,
            "nobody came: the stop keeps its people"
        );
        assert_eq!(recorded.last, NaiveDate::from_ymd_opt(2026, 12, 8));
        assert_eq!(
            recorded.nobody_came,
            [(1, NaiveDate::from_ymd_opt(2026, 12, 8).unwrap())]
        );
    }

    #[test]
    fn unknown_stops_and_vans_and_too_many_people_are_errors_with_their_row() {
        let s = scenario();
        let a = &s.stops[0];
        let too_many = a.people[Group::Elderly] + 1;
        let err = read(&format!(
            "date,van,stop,elderly\n\
             2026-12-07,Van C,{},1\n\
             2026-12-07,Van A,Nowhere,1\n\
             2026-12-08,Van A,{},{too_many}\n",
            a.name, a.name
        ))
        .unwrap_err();
        let text = format!("{err:#}");
        assert!(text.contains("realisasi.csv:2:2"), "{text}");
        assert!(text.contains("Van C"), "{text}");
        assert!(text.contains("realisasi.csv:3:3"), "{text}");
        assert!(text.contains("realisasi.csv:4:4"), "{text}");
        assert!(
            text.contains(&format!("more than the {}", too_many - 1)),
            "{text}"
        );
    }
}
