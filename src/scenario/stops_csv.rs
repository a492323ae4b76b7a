//! Stops from a CSV file that planners keep in a spreadsheet. Lines starting with `#` are
//! comments. Columns (by header name, any order; only name, lat and lon are required):
//! name, lat, lon, elderly, disabled, new_eligible, window, days, requires, home_visit,
//! mandatory, desa, kecamatan. Lists inside a cell are separated by `;`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;

use std::collections::HashMap;

use super::model::Stop;
use super::problem::{Loc, Problem};
use super::units::{closest, did_you_mean, items, parse_intervals, parse_weekdays};
use crate::groups::{Group, People};
use crate::i18n::{Fix, Says, Text};
use crate::map::LatLon;

/// Every column the reader knows, in the order the generator writes them: the place, one
/// count per group, then the rules of the visit.
pub fn columns() -> Vec<&'static str> {
    let mut columns = vec!["name", "lat", "lon"];
    columns.extend(Group::ALL.map(Group::key));
    columns.extend([
        "window",
        "days",
        "requires",
        "home_visit",
        "mandatory",
        "desa",
        "kecamatan",
    ]);
    columns
}

/// Reads the stops of a CSV file. A file that cannot be read or has a bad header is an
/// error; bad cells are problems (file, row line, column), and the row is skipped.
pub fn read_stops_csv(path: &Path) -> anyhow::Result<(Vec<Stop>, Vec<Problem>)> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open stops CSV {}", path.display()))?;
    read_stops(path, file)
}

/// Reads stops from CSV text; `path` is used in messages.
pub fn read_stops(
    path: &Path,
    input: impl std::io::Read,
) -> anyhow::Result<(Vec<Stop>, Vec<Problem>)> {
    let file = Arc::new(PathBuf::from(path));
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(input);
    let header = reader
        .headers()
        .with_context(|| format!("{}: cannot read the CSV header", path.display()))?
        .clone();
    let header_line = header.position().map_or(1, |p| p.line() as usize);
    let mut problems = Vec::new();
    let known = columns();
    let mut column: HashMap<&'static str, usize> = HashMap::new();
    for (i, h) in header.iter().enumerate() {
        match known.iter().find(|c| **c == h) {
            Some(name) => {
                if column.insert(name, i).is_some() {
                    let at = Loc {
                        file: file.clone(),
                        line: header_line,
                        col: i + 1,
                    };
                    let column = name.to_string();
                    let says = Says::DuplicateColumn { column };
                    problems.push(Problem::new(Some(&at), says, Fix::OneColumnEach));
                }
            }
            None => problems.push(Problem::new(
                Some(&Loc {
                    file: file.clone(),
                    line: header_line,
                    col: i + 1,
                }),
                Says::UnknownColumn {
                    column: h.to_string(),
                },
                match closest(h, known.iter().copied()) {
                    Some(best) => did_you_mean(best),
                    None => Fix::RemoveOrUse {
                        known: known.join(", "),
                    }
                    .into(),
                },
            )),
        }
    }
    for required in ["name", "lat", "lon"] {
        if !column.contains_key(required) {
            problems.push(Problem::new(
                Some(&Loc {
                    file: file.clone(),
                    line: header_line,
                    col: 1,
                }),
                Says::MissingColumn {
                    column: required.to_string(),
                },
                Fix::AddColumn {
                    column: required.to_string(),
                },
            ));
        }
    }
    if !problems.is_empty() {
        return Ok((Vec::new(), problems));
    }

    let mut stops = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(Problem::new(
                    Some(&Loc {
                        file: file.clone(),
                        line,
                        col: 1,
                    }),
                    Says::UnreadableRow {
                        error: e.to_string(),
                    },
                    match e.kind() {
                        csv::ErrorKind::Utf8 { .. } => Fix::SaveAsUtf8,
                        _ => Fix::SameCellCount,
                    },
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let mut row = Row {
            record: &record,
            column: &column,
            file: &file,
            line,
            problems: Vec::new(),
        };
        let (name, name_at) = row.cell("name");
        let name = name.to_string();
        if name.is_empty() {
            row.bad("name", Says::EmptyCell.into(), Fix::NameEveryStop.into());
        }
        let lat = row.number("lat");
        let lon = row.number("lon");
        if row.problems.is_empty()
            && (!(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon))
        {
            row.bad(
                "lat",
                Says::CellNotCoordinate { lat, lon }.into(),
                Fix::WriteDegrees.into(),
            );
        }
        let people = People::from_fn(|group| row.count(group.key()));
        let days = row.parsed("days", 0x7f, parse_weekdays, Fix::WriteWeekdays.into());
        let windows = row.parsed(
            "window",
            Vec::new(),
            parse_intervals,
            Fix::WriteWindows.into(),
        );
        let home_visit = row.flag("home_visit");
        let mandatory = row.flag("mandatory");
        let requires = items(row.cell("requires").0).map(str::to_string).collect();
        let (desa, kecamatan) = (
            row.cell("desa").0.to_string(),
            row.cell("kecamatan").0.to_string(),
        );
        if !row.problems.is_empty() {
            problems.append(&mut row.problems);
            continue;
        }
        stops.push(Stop {
            name,
            location: LatLon { lat, lon },
            people,
            windows,
            days,
            requires,
            home_visit,
            mandatory,
            desa,
            kecamatan,
            at: Some(name_at),
        });
    }
    Ok((stops, problems))
}

/// One data row being read; collects its problems.
struct Row<'a> {
    record: &'a csv::StringRecord,
    /// Header position of each known column the file has.
    column: &'a HashMap<&'static str, usize>,
    file: &'a Arc<PathBuf>,
    line: usize,
    problems: Vec<Problem>,
}

impl<'a> Row<'a> {
    /// The cell of a column ("" when the file has no such column) and where it is.
    fn cell(&self, name: &str) -> (&'a str, Loc) {
        debug_assert!(columns().contains(&name), "{name} is a known column");
        let col = self.column.get(name).copied();
        let text = col.and_then(|i| self.record.get(i)).unwrap_or("");
        (
            text,
            Loc {
                file: self.file.clone(),
                line: self.line,
                col: col.map_or(1, |i| i + 1),
            },
        )
    }

    fn bad(&mut self, column: &str, message: Text, fix: Text) {
        let at = self.cell(column).1;
        self.problems.push(Problem::new(
            Some(&at),
            Says::Cell {
                column: column.to_string(),
                error: message,
            },
            fix,
        ));
    }

    fn number(&mut self, column: &str) -> f64 {
        let text = self.cell(column).0;
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ => {
                self.bad(
                    column,
                    Says::NotANumber {
                        text: text.to_string(),
                    }
                    .into(),
                    Fix::WriteDecimal.into(),
                );
                f64::NAN
            }
        }
    }

    fn count(&mut self, column: &str) -> u32 {
        let text = self.cell(column).0;
        if text.is_empty() {
            return 0;
        }
        text.parse::<u32>().unwrap_or_else(|_| {
            self.bad(
                column,
                Says::NotACount {
                    text: text.to_string(),
                }
                .into(),
                Fix::WriteCount.into(),
            );
            0
        })
    }

    fn parsed<T>(
        &mut self,
        column: &str,
        empty: T,
        parse: impl Fn(&str) -> Result<T, Text>,
        fix: Text,
    ) -> T {
        let text = self.cell(column).0;
        if text.is_empty() {
            return empty;
        }
        parse(text).unwrap_or_else(|e| {
            self.bad(column, e, fix);
            empty
        })
    }

    fn flag(&mut self, column: &str) -> bool {
        let text = self.cell(column).0;
        match text.to_ascii_lowercase().as_str() {
            "" | "0" | "no" | "false" | "tidak" => false,
            "1" | "yes" | "true" | "ya" => true,
            _ => {
                self.bad(
                    column,
                    Says::NotYesNo {
                        text: text.to_string(),
                    }
                    .into(),
                    Fix::WriteYesNo.into(),
                );
                false
            }
        }
    }
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
    fn a_row_that_is_not_utf8_says_how_to_save_the_file() {
        let bytes = b"name,lat,lon\nA,-7.6,111.3\nCaf\xe9,-7.6,111.3\n";
        let (stops, problems) = read_stops(Path::new("s.csv"), &bytes[..]).unwrap();
        assert_eq!(stops.len(), 1);
        let text = problems[0].to_string();
        assert!(text.starts_with("s.csv:3:1: unreadable row"), "{text}");
        assert!(
            text.contains("CSV UTF-8") && !text.contains("cells"),
            "{text}"
        );
    }

    #[test]
    fn a_column_given_twice_is_a_problem() {
        let (_, problems) = read("name,lat,lon,lat\nA,1,2,3\n");
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(text.len(), 1, "{text:?}");
        assert!(
            text[0].starts_with("s.csv:1:4: the header has two `lat` columns"),
            "{text:?}"
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
}
