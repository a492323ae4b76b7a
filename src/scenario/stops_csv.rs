//! Stops from a table that planners keep in a spreadsheet: a CSV file (as Excel saves it, in
//! either `,` or `;` form) or an `.xlsx` workbook, read by [`super::sheet`]. Columns (by header
//! name or Indonesian alias, any order; only name, lat and lon are required): name (nama),
//! lat (lintang), lon (bujur), one count per group (elderly/lansia, disabled/disabilitas,
//! new_eligible/pemula: people still without a KTP-el recording), window (jam), days (hari),
//! requires (peralatan), home_visit (kunjungan rumah), mandatory (wajib), desa
//! (desa/kelurahan), kecamatan. Lists inside a cell are separated by `;` or `,`.

use std::path::Path;

use super::model::Stop;
use super::problem::Problem;
use super::sheet::{self, Column, Table};
use super::units::{items, parse_intervals, parse_weekdays};
use crate::groups::{Group, People};
use crate::i18n::{Fix, Says};
use crate::map::LatLon;

/// Every column the reader knows, in the order the generator writes them: the place, one
/// count per group, then the rules of the visit.
pub fn columns() -> Vec<&'static str> {
    known().iter().map(|c| c.key).collect()
}

/// The columns with the other headers that mean them.
fn known() -> Vec<Column> {
    let mut known = vec![
        Column::new("name", &["nama", "nama lokasi", "lokasi"]).required(),
        Column::new("lat", &["lintang", "latitude"]).required(),
        Column::new("lon", &["bujur", "longitude"]).required(),
    ];
    known.extend(Group::ALL.map(|g| Column::new(g.key(), &[g.header_id()])));
    known.extend([
        Column::new("window", &["jam", "jam layanan"]),
        Column::new("days", &["hari"]),
        Column::new("requires", &["peralatan"]),
        Column::new("home_visit", &["kunjungan rumah"]),
        Column::new("mandatory", &["wajib"]),
        Column::new("desa", &["desa/kelurahan", "kelurahan"]),
        Column::new("kecamatan", &["kec", "kec."]),
    ]);
    known
}

/// Reads the stops of a CSV or `.xlsx` file. A file that cannot be read is an error; a bad
/// header or bad cells are problems (file, line, column, fix), and a bad row is skipped.
pub fn read_stops_file(path: &Path) -> anyhow::Result<(Vec<Stop>, Vec<Problem>)> {
    Ok(stops_of(&sheet::read(path)?))
}

/// Reads stops from CSV text; `path` is used in messages.
pub fn read_stops(path: &Path, input: &[u8]) -> anyhow::Result<(Vec<Stop>, Vec<Problem>)> {
    Ok(stops_of(&sheet::read_csv(path, input)?))
}

fn stops_of(table: &Table) -> (Vec<Stop>, Vec<Problem>) {
    let columns = match table.columns(&known()) {
        Ok(columns) => columns,
        Err(problems) => return (Vec::new(), problems),
    };
    let mut stops = Vec::new();
    let mut problems = Vec::new();
    for line in &table.rows {
        let mut row = columns.record(table, line);
        let name = row.text("name");
        if name.is_empty() {
            row.bad("name", Says::EmptyCell, Fix::NameEveryStop);
        }
        let (lat, lon) = (row.number("lat"), row.number("lon"));
        if let (Some(lat), Some(lon)) = (lat, lon)
            && (!(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon))
        {
            row.bad(
                "lat",
                Says::CellNotCoordinate { lat, lon },
                Fix::WriteDegrees,
            );
        }
        let people = People::from_fn(|group| row.count(group.key()));
        let days = row.parsed("days", 0x7f, parse_weekdays, Fix::WriteWeekdays);
        let windows = row.parsed("window", Vec::new(), parse_intervals, Fix::WriteWindows);
        let home_visit = row.flag("home_visit");
        let mandatory = row.flag("mandatory");
        let requires = items(&row.text("requires")).map(str::to_string).collect();
        let at = row.loc("name");
        if !row.problems.is_empty() {
            problems.append(&mut row.problems);
            continue;
        }
        stops.push(Stop {
            name,
            location: LatLon {
                lat: lat.unwrap_or_default(),
                lon: lon.unwrap_or_default(),
            },
            people,
            windows,
            days,
            requires,
            home_visit,
            mandatory,
            desa: row.text("desa"),
            kecamatan: row.text("kecamatan"),
            at: Some(at),
        });
    }
    (stops, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<Stop>, Vec<Problem>) {
        read_stops(Path::new("s.csv"), text.as_bytes()).unwrap()
    }

    #[test]
    fn reads_rows_with_comments_and_lists() {
        let (stops, problems) = read(
            "# made by hand\nname,lat,lon,elderly,window,days,requires,home_visit\n\
             Hall,-7.6,111.3,12,08:00-10:00;13:00-14:00,mon-thu,generator;printer,no\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let s = &stops[0];
        assert_eq!(s.people[Group::Elderly], 12);
        assert_eq!(s.windows, vec![(28800.0, 36000.0), (46800.0, 50400.0)]);
        assert_eq!(s.days, 0b1111);
        assert_eq!(s.requires, ["generator", "printer"]);
        assert_eq!(s.at.as_ref().unwrap().line, 3);
    }

    #[test]
    fn bad_cells_name_row_and_column() {
        let (stops, problems) = read("name,lat,lon,elderly\nA,-7.6,111.3,1\nB,-7.6,east,x\n");
        assert_eq!(stops.len(), 1);
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 2, "{text:?}");
        assert!(
            text[0].starts_with("s.csv:3:3: column `lon`: `east` is not a number"),
            "{}",
            text[0]
        );
        assert!(
            text[1].starts_with("s.csv:3:4: column `elderly`"),
            "{}",
            text[1]
        );
    }

    #[test]
    fn unknown_and_missing_columns() {
        let (_, problems) = read("name,lat,lng\nA,1,2\n");
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(
            text[0].contains("s.csv:1:3: unknown column `lng`")
                && text[0].contains("did you mean `lon`?"),
            "{text:?}"
        );
        assert!(text[1].contains("no `lon` column"), "{text:?}");
    }

    #[test]
    fn reads_what_excel_in_indonesia_saves() {
        let text = "\u{feff}# dibuat di Excel;;;;;;;\r\nNama;Lintang;Bujur;Lansia;Disabilitas;Jam;Hari;Kunjungan rumah;Desa/Kelurahan\r\n\
             Balai Desa A;-7,652;111,33;12;3;08.00-11.00;Senin-Kamis;tidak;A\r\n\
             ;;;;;;;;\r\n\
             Rumah B;-7,7;111,4;1;;\"08.00 s.d. 10.00\";Jumat;ya;B\r\n";
        let (stops, problems) = read(text);
        assert!(problems.is_empty(), "{problems:?}");
        let (a, b) = (&stops[0], &stops[1]);
        assert_eq!((a.location.lat, a.location.lon), (-7.652, 111.33));
        assert_eq!(a.people[Group::Elderly], 12);
        assert_eq!(a.people[Group::Disabled], 3);
        assert_eq!(a.windows, vec![(28800.0, 39600.0)]);
        assert_eq!(a.days, 0b1111);
        assert!(!a.home_visit && b.home_visit);
        assert_eq!(b.days, 0b10000);
        assert_eq!(b.desa, "B");
        assert_eq!(
            b.at.as_ref().unwrap().line,
            5,
            "CRLF lines are counted as lines"
        );
    }

    #[test]
    fn reads_an_xlsx_workbook_with_typed_cells() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stops.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (col, h) in ["nama", "lintang", "bujur", "lansia", "wajib", "hari"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, col as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "Balai Desa A").unwrap();
        sheet.write_number(1, 1, -7.652).unwrap();
        sheet.write_number(1, 2, 111.33).unwrap();
        sheet.write_number(1, 3, 12).unwrap();
        sheet.write_boolean(1, 4, true).unwrap();
        sheet.write_string(1, 5, "Senin, Rabu").unwrap();
        sheet.write_string(2, 0, "Balai Desa B").unwrap();
        sheet.write_string(2, 1, "south").unwrap();
        sheet.write_number(2, 2, 111.4).unwrap();
        book.save(&path).unwrap();
        let (stops, problems) = read_stops_file(&path).unwrap();
        assert_eq!(stops.len(), 1);
        let a = &stops[0];
        assert_eq!(
            (
                a.location.lat,
                a.people[Group::Elderly],
                a.mandatory,
                a.days
            ),
            (-7.652, 12, true, 0b101)
        );
        let text = problems[0].to_string();
        assert!(
            text.contains("stops.xlsx:3:2: column `lat`: `south` is not a number"),
            "{text}"
        );
    }
}
