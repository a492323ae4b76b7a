//! Requests the office received during the week (`[requests] csv = "FILE"`): a family asking
//! for a home visit, a school asking for a morning. Each becomes a stop of the scenario and a
//! promise to serve it by its deadline. Columns (English key or Indonesian alias, any order;
//! only name is required): name (nama), lat (lintang), lon (bujur), desa, kecamatan, one count
//! per group, home_visit (kunjungan rumah), requires (peralatan: a home visit usually needs
//! the portable kit), received (diterima), deadline (batas waktu), phone (telepon), notes
//! (catatan). Without lat/lon the desa's centre is used, and the plan says
//! the location is approximate.

use std::path::Path;

use chrono::NaiveDate;

use super::model::Stop;
use super::problem::Problem;
use super::sheet::{self, Column, Record};
use super::units::items;
use crate::groups::{Group, People};
use crate::i18n::{Fix, Says, SheetFix, SheetSays};
use crate::magetan::{self, Desa};
use crate::map::LatLon;

/// A request as the office wrote it down, and the stop it asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    /// Its id: the name in the file, kept across re-plans.
    pub id: String,
    pub stop: Stop,
    pub received: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub phone: String,
    pub notes: String,
    /// No lat/lon was given: the stop is at the desa's centre.
    pub approximate: bool,
}

fn known() -> Vec<Column> {
    let mut known = vec![
        Column::new("name", &["nama", "nama pemohon", "pemohon"]).required(),
        Column::new("lat", &["lintang", "latitude"]),
        Column::new("lon", &["bujur", "longitude"]),
        Column::new("desa", &["desa/kelurahan", "kelurahan"]),
        Column::new("kecamatan", &["kec", "kec."]),
    ];
    known.extend(Group::ALL.map(|g| Column::new(g.key(), &[g.header_id()])));
    known.extend([
        Column::new("home_visit", &["kunjungan rumah"]),
        Column::new("requires", &["peralatan"]),
        Column::new(
            "received",
            &["diterima", "tanggal diterima", "tanggal masuk"],
        ),
        Column::new("deadline", &["batas waktu", "tenggat", "paling lambat"]),
        Column::new(
            "phone",
            &["telepon", "no hp", "nomor hp", "hp", "no telepon"],
        ),
        Column::new("notes", &["catatan", "keterangan"]),
    ]);
    known
}

/// Reads the requests of a CSV or `.xlsx` file. A file that cannot be read is an error; bad
/// cells are problems (file, line, column, fix), and a bad row is skipped.
pub fn read_requests_file(path: &Path) -> anyhow::Result<(Vec<Request>, Vec<Problem>)> {
    let table = sheet::read(path)?;
    let columns = match table.columns(&known()) {
        Ok(columns) => columns,
        Err(problems) => return Ok((Vec::new(), problems)),
    };
    let desa = magetan::read_desa(&magetan::Source::Embedded)?;
    let mut requests = Vec::new();
    let mut problems = Vec::new();
    for line in &table.rows {
        let mut row = columns.record(&table, line);
        let request = read_row(&mut row, &desa);
        problems.append(&mut row.problems);
        requests.extend(request);
    }
    Ok((requests, problems))
}

fn read_row(row: &mut Record, desa: &[Desa]) -> Option<Request> {
    let id = row.text("name");
    if id.is_empty() {
        row.bad("name", Says::EmptyCell, Fix::NameEveryStop);
    }
    let (desa_name, kecamatan) = (row.text("desa"), row.text("kecamatan"));
    let given = !row.text("lat").is_empty() || !row.text("lon").is_empty();
    let location = if given {
        match (row.number("lat"), row.number("lon")) {
            (Some(lat), Some(lon))
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
            {
                Some(LatLon { lat, lon })
            }
            (Some(lat), Some(lon)) => {
                row.bad(
                    "lat",
                    Says::CellNotCoordinate { lat, lon },
                    Fix::WriteDegrees,
                );
                None
            }
            _ => None,
        }
    } else {
        let found = desa.iter().find(|d| {
            d.name.eq_ignore_ascii_case(&desa_name)
                && (kecamatan.is_empty() || d.kecamatan.eq_ignore_ascii_case(&kecamatan))
        });
        if found.is_none() {
            row.bad(
                "desa",
                SheetSays::NoLocation {
                    desa: desa_name.clone(),
                    kecamatan: kecamatan.clone(),
                },
                SheetFix::GiveLocationOrDesa,
            );
        }
        found.map(|d| d.centroid)
    };
    let people = People::from_fn(|group| row.count(group.key()));
    let home_visit = row.flag("home_visit");
    let requires = items(&row.text("requires")).map(str::to_string).collect();
    let date = |row: &mut Record, key: &str| (!row.text(key).is_empty()).then(|| row.date(key))?;
    let (received, deadline) = (date(row, "received"), date(row, "deadline"));
    if let (Some(received), Some(deadline)) = (received, deadline)
        && deadline < received
    {
        row.bad(
            "deadline",
            SheetSays::DeadlineBeforeReceived { received, deadline },
            SheetFix::DeadlineAfterReceived,
        );
    }
    if people.total() == 0 {
        row.bad("name", SheetSays::NobodyToRecord, SheetFix::CountThePeople);
    }
    if !row.problems.is_empty() {
        return None;
    }
    let at = row.loc("name");
    Some(Request {
        stop: Stop {
            name: id.clone(),
            location: location?,
            people,
            windows: Vec::new(),
            days: 0x7f,
            requires,
            home_visit,
            mandatory: false,
            desa: desa
                .iter()
                .find(|d| d.name.eq_ignore_ascii_case(&desa_name))
                .map_or(desa_name, |d| d.name.clone()),
            kecamatan,
            at: Some(at),
        },
        id,
        received,
        deadline,
        phone: row.text("phone"),
        notes: row.text("notes"),
        approximate: !given,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<Request>, Vec<Problem>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("permohonan.csv");
        std::fs::write(&path, text).unwrap();
        read_requests_file(&path).unwrap()
    }

    #[test]
    fn reads_a_request_and_places_one_without_coordinates_at_its_desa() {
        let (requests, problems) = read(
            "nama;lintang;bujur;desa;kecamatan;lansia;disabilitas;pemula;kunjungan rumah;diterima;batas waktu;telepon;catatan\r\n\
             Mbah Sarinem;;;Alastuwo;Poncol;1;1;0;ya;2026-12-07;10/12/2026;0812 3456 789;terbaring\r\n\
             SMA Contoh;-7,65;111,33;;;0;0;40;tidak;;;;\r\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let (home, school) = (&requests[0], &requests[1]);
        assert!(home.approximate && home.stop.home_visit);
        assert_eq!(home.stop.desa, "Alastuwo");
        assert!(
            (home.stop.location.lat + 7.716).abs() < 0.01,
            "{:?}",
            home.stop.location
        );
        assert_eq!(home.deadline, NaiveDate::from_ymd_opt(2026, 12, 10));
        assert_eq!(home.phone, "0812 3456 789");
        assert_eq!(home.stop.people.total(), 2);
        assert!(!school.approximate && school.deadline.is_none());
        assert_eq!(school.stop.people[Group::NewEligible], 40);
    }

    #[test]
    fn unknown_desa_bad_dates_and_empty_requests_name_their_cell() {
        let (requests, problems) = read(
            "name,desa,elderly,received,deadline\n\
             A,Atlantis,1,,\n\
             B,Alastuwo,1,2026-12-09,2026-12-08\n\
             C,Alastuwo,0,,\n\
             D,Alastuwo,1,,besok\n",
        );
        assert!(requests.is_empty());
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        for (i, starts) in [
            "permohonan.csv:2:2:",
            "permohonan.csv:3:5:",
            "permohonan.csv:4:1:",
            "permohonan.csv:5:5:",
        ]
        .iter()
        .enumerate()
        {
            assert!(text[i].contains(starts), "{starts}: {text:?}");
        }
        assert!(text[0].contains("Atlantis"), "{text:?}");
    }
}
