//! Tables that planners keep in a spreadsheet, read the way Excel writes them: CSV with `,`
//! or `;` between cells (sniffed from the header line), decimal commas, CRLF or LF line ends,
//! a UTF-8 byte-order mark or Windows-1252 text (Excel's "CSV (Comma delimited)" on Windows),
//! and `.xlsx` workbooks (their first sheet, through calamine). Lines starting with `#` and
//! empty rows are skipped. Columns are found by their English key or an Indonesian alias, in
//! any order; each cell remembers its line and column, so a problem names the file, the line
//! and what to fix.
//!
//! The stops reader uses it; a reader of another table declares its [`Column`]s and reads
//! each [`Record`] with the typed getters (text, number, count, yes/no, date, time).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use super::problem::{Loc, Problem};
use super::units::{closest, did_you_mean, parse_time_of_day};
use crate::clock::Clock;
use crate::i18n::{Fix, Says, SheetFix, SheetSays, Text, UserError};

/// A column a reader knows: its key (as jempol writes it) and the other headers that mean it.
#[derive(Clone, Debug)]
pub struct Column {
    pub key: &'static str,
    pub aliases: Vec<&'static str>,
    pub required: bool,
}

impl Column {
    pub fn new(key: &'static str, aliases: &[&'static str]) -> Column {
        Column {
            key,
            aliases: aliases.to_vec(),
            required: false,
        }
    }

    pub fn required(mut self) -> Column {
        self.required = true;
        self
    }

    fn matches(&self, header: &str) -> bool {
        let header = normalise(header);
        std::iter::once(self.key)
            .chain(self.aliases.iter().copied())
            .any(|name| normalise(name) == header)
    }
}

/// Headers compare without case, and `_`, `-` and repeated spaces count as one space:
/// "Home visit", "home_visit" and "HOME-VISIT" are the same column.
fn normalise(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One cell as the file holds it: CSV cells are text; a workbook keeps numbers, yes/no and
/// dates typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Cell {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date and/or time; `date` is `None` for a time of day alone.
    DateTime {
        date: Option<NaiveDate>,
        time: Clock,
    },
}

impl Cell {
    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as a person would type it.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(x) => x.to_string(),
            Cell::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
            Cell::DateTime {
                date: Some(d),
                time,
            } if time.seconds() == 0 => d.to_string(),
            Cell::DateTime {
                date: Some(d),
                time,
            } => format!("{d} {}", time.hhmm()),
            Cell::DateTime { date: None, time } => time.hhmm(),
        }
    }
}

/// A data row: its line (CSV) or row number (workbook), 1-based, and its cells in file order.
#[derive(Clone, Debug)]
pub struct Line {
    pub line: usize,
    pub cells: Vec<Cell>,
}

/// A table read from a file: the header and the data rows.
#[derive(Clone, Debug)]
pub struct Table {
    pub file: Arc<PathBuf>,
    pub header: Vec<String>,
    pub header_line: usize,
    pub rows: Vec<Line>,
}

/// Reads a CSV file or, for `.xlsx`, the first sheet of a workbook. A file that cannot be
/// read at all is an error naming it.
pub fn read(path: &Path) -> anyhow::Result<Table> {
    let is_xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        return read_xlsx(path);
    }
    let bytes = std::fs::read(path).map_err(|e| {
        UserError::caused(
            SheetSays::CannotOpen {
                path: path.display().to_string(),
            },
            e,
        )
    })?;
    read_csv(path, &bytes)
}

/// The cell separator of a CSV header line: the most frequent of `,`, `;` and tab outside
/// quotes (a comma on a tie, as in a file with one column).
fn sniff_delimiter(header: &str) -> u8 {
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in header.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(d, _)| *d == c) {
            entry.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(d, n)| (*n, *d == b','))
        .map_or(b',', |(d, _)| *d)
}

/// Reads CSV bytes; `path` names the file in messages.
pub fn read_csv(path: &Path, bytes: &[u8]) -> anyhow::Result<Table> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    // Excel on Windows saves "CSV (Comma delimited)" in the ANSI code page.
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    };
    let header_text = text
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .comment(Some(b'#'))
        .flexible(true)
        .delimiter(sniff_delimiter(header_text))
        .from_reader(text.as_bytes());
    // Lines are counted from the bytes (csv's own positions count from before the comment
    // lines it skips): a record starts at the first line after the previous record that is
    // neither a comment nor empty.
    let bytes = text.as_bytes();
    // Records come in order, so the newlines are counted once, from the last record on (from
    // the start each time, 100,000 rows took minutes).
    let mut counted = (0, 1);
    let mut line_of = |byte: usize| {
        if byte < counted.0 {
            counted = (0, 1);
        }
        counted.1 += bytes[counted.0..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted.0 = byte;
        counted.1
    };
    let start_after = |mut at: usize| {
        while at < bytes.len() && matches!(bytes[at], b'#' | b'\r' | b'\n') {
            at += bytes[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len() - at, |i| i + 1);
        }
        at
    };
    let file = Arc::new(path.to_path_buf());
    let mut header: Option<(Vec<String>, usize)> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut end = 0;
    loop {
        let line = line_of(start_after(end));
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(UserError::caused(
                    SheetSays::UnreadableLine {
                        at: format!("{}:{line}", path.display()),
                    },
                    e,
                )
                .into());
            }
        }
        end = reader.position().byte() as usize;
        let cells: Vec<Cell> = record
            .iter()
            .map(|c| match c.trim() {
                "" => Cell::Empty,
                t => Cell::Text(t.to_string()),
            })
            .collect();
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        match header {
            None => header = Some((cells.iter().map(Cell::text).collect(), line)),
            Some(_) => rows.push(Line { line, cells }),
        }
    }
    let (header, header_line) = header.unwrap_or((Vec::new(), 1));
    Ok(Table {
        file,
        header,
        header_line,
        rows,
    })
}

/// Reads the first sheet of an `.xlsx` workbook; rows are numbered as Excel shows them.
pub fn read_xlsx(path: &Path) -> anyhow::Result<Table> {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let shown = || path.display().to_string();
    let mut book: Xlsx<_> = open_workbook(path)
        .map_err(|e| UserError::caused(SheetSays::CannotOpen { path: shown() }, e))?;
    let range = match book.worksheet_range_at(0) {
        Some(range) => {
            range.map_err(|e| UserError::caused(SheetSays::CannotOpen { path: shown() }, e))?
        }
        None => return Err(UserError::new(SheetSays::NoSheet { path: shown() }).into()),
    };
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let convert = |data: &Data| match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => match s.trim() {
            "" => Cell::Empty,
            t => Cell::Text(t.to_string()),
        },
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(x) => Cell::Number(*x),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            let time =
                Clock::from_seconds(f64::from(h) * 3600.0 + f64::from(mi) * 60.0 + f64::from(s));
            // A serial below 1 is a time of day alone.
            let date = (dt.as_f64() >= 1.0)
                .then(|| NaiveDate::from_ymd_opt(y.into(), mo.into(), d.into()))
                .flatten();
            Cell::DateTime { date, time }
        }
    };
    let file = Arc::new(path.to_path_buf());
    let mut header: Option<(Vec<String>, usize)> = None;
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let line = first_row as usize + i + 1;
        // Cells left of the range are empty; keep column numbers as Excel's.
        let cells: Vec<Cell> = std::iter::repeat_n(Cell::Empty, first_col as usize)
            .chain(row.iter().map(convert))
            .collect();
        let first = cells.iter().find(|c| !c.is_empty());
        if first.is_none() || first.is_some_and(|c| c.text().starts_with('#')) {
            continue;
        }
        match header {
            None => header = Some((cells.iter().map(Cell::text).collect(), line)),
            Some(_) => rows.push(Line { line, cells }),
        }
    }
    let (header, header_line) = header.unwrap_or((Vec::new(), 1));
    Ok(Table {
        file,
        header,
        header_line,
        rows,
    })
}

/// Where each known column is in a table.
#[derive(Clone, Debug)]
pub struct Columns {
    known: Vec<Column>,
    /// Position in the file of each known column, `None` when the file lacks it.
    position: Vec<Option<usize>>,
}

impl Table {
    /// Finds the `known` columns in the header. Unknown, repeated and missing required
    /// columns are problems, each naming the header cell and the fix.
    pub fn columns(&self, known: &[Column]) -> Result<Columns, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut position = vec![None; known.len()];
        let at = |i: usize| Loc {
            file: self.file.clone(),
            line: self.header_line,
            col: i + 1,
        };
        for (i, h) in self.header.iter().enumerate() {
            if h.is_empty() {
                continue;
            }
            match known.iter().position(|c| c.matches(h)) {
                Some(k) if position[k].is_some() => problems.push(Problem::new(
                    Some(&at(i)),
                    SheetSays::ColumnTwice {
                        column: h.clone(),
                        key: known[k].key.to_string(),
                    },
                    SheetFix::KeepOneColumn,
                )),
                Some(k) => position[k] = Some(i),
                None => {
                    let names = known
                        .iter()
                        .flat_map(|c| std::iter::once(c.key).chain(c.aliases.iter().copied()));
                    let fix = match closest(&normalise(h), names) {
                        Some(best) => did_you_mean(best),
                        None => Fix::RemoveOrUse {
                            known: known.iter().map(|c| c.key).collect::<Vec<_>>().join(", "),
                        }
                        .into(),
                    };
                    problems.push(Problem::new(
                        Some(&at(i)),
                        Says::UnknownColumn { column: h.clone() },
                        fix,
                    ));
                }
            }
        }
        for (k, column) in known.iter().enumerate() {
            if column.required && position[k].is_none() {
                problems.push(Problem::new(
                    Some(&at(0)),
                    Says::MissingColumn {
                        column: column.key.to_string(),
                    },
                    Fix::AddColumn {
                        column: column.key.to_string(),
                    },
                ));
            }
        }
        if problems.is_empty() {
            Ok(Columns {
                known: known.to_vec(),
                position,
            })
        } else {
            Err(problems)
        }
    }
}

/// One data row being read with its columns; collects the problems of its cells.
pub struct Record<'a> {
    pub line: usize,
    file: &'a Arc<PathBuf>,
    columns: &'a Columns,
    cells: &'a [Cell],
    pub problems: Vec<Problem>,
}

impl Columns {
    /// The row `line` of `table`, to read cell by cell.
    pub fn record<'a>(&'a self, table: &'a Table, line: &'a Line) -> Record<'a> {
        let mut record = Record {
            line: line.line,
            file: &table.file,
            columns: self,
            cells: &line.cells,
            problems: Vec::new(),
        };
        let width = table.header.len();
        if let Some(extra) = line.cells.iter().skip(width).position(|c| !c.is_empty()) {
            let at = record.loc_of_position(width + extra);
            record.problems.push(Problem::new(
                Some(&at),
                SheetSays::CellOutsideHeader,
                Fix::SameCellCount,
            ));
        }
        record
    }
}

impl Record<'_> {
    fn index(&self, key: &str) -> usize {
        self.columns
            .known
            .iter()
            .position(|c| c.key == key)
            .unwrap_or_else(|| panic!("`{key}` is not a column this reader declared"))
    }

    fn loc_of_position(&self, position: usize) -> Loc {
        Loc {
            file: self.file.clone(),
            line: self.line,
            col: position + 1,
        }
    }

    /// The cell of column `key` (empty when the file has no such column).
    pub fn cell(&self, key: &str) -> &Cell {
        const EMPTY: &Cell = &Cell::Empty;
        self.columns.position[self.index(key)]
            .and_then(|i| self.cells.get(i))
            .unwrap_or(EMPTY)
    }

    /// Where the cell of column `key` is (its row and, without the column, the first one).
    pub fn loc(&self, key: &str) -> Loc {
        let position = self.columns.position[self.index(key)].unwrap_or(0);
        self.loc_of_position(position)
    }

    /// Records a problem of the cell of column `key`.
    pub fn bad(&mut self, key: &str, message: impl Into<Text>, fix: impl Into<Text>) {
        let at = self.loc(key);
        self.problems.push(Problem::new(
            Some(&at),
            Says::Cell {
                column: key.to_string(),
                error: message.into(),
            },
            fix,
        ));
    }

    /// The cell as text, trimmed ("" when empty).
    pub fn text(&self, key: &str) -> String {
        self.cell(key).text()
    }

    /// A decimal number: "-7.652" or, as Excel writes it in Indonesia, "-7,652".
    pub fn number(&mut self, key: &str) -> Option<f64> {
        let value = match self.cell(key) {
            Cell::Number(x) => Some(*x),
            Cell::Text(t) => parse_decimal(t),
            _ => None,
        };
        match value {
            Some(x) if x.is_finite() => Some(x),
            _ => {
                let text = self.text(key);
                self.bad(key, Says::NotANumber { text }, Fix::WriteDecimal);
                None
            }
        }
    }

    /// A whole number of people; an empty cell is 0.
    pub fn count(&mut self, key: &str) -> u32 {
        let value = match self.cell(key) {
            Cell::Empty => return 0,
            Cell::Number(x) => Some(*x),
            Cell::Text(t) => parse_decimal(t),
            _ => None,
        };
        match value {
            Some(x) if x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&x) => x as u32,
            _ => {
                let text = self.text(key);
                self.bad(key, Says::NotACount { text }, Fix::WriteCount);
                0
            }
        }
    }

    /// Yes or no: yes/no, ya/tidak, 1/0, true/false, or a workbook's TRUE/FALSE; empty is no.
    pub fn flag(&mut self, key: &str) -> bool {
        let text = match self.cell(key) {
            Cell::Bool(b) => return *b,
            Cell::Empty => return false,
            other => other.text().to_lowercase(),
        };
        match text.as_str() {
            "no" | "n" | "0" | "false" | "tidak" | "t" | "salah" => false,
            "yes" | "y" | "1" | "true" | "ya" | "benar" => true,
            _ => {
                self.bad(key, Says::NotYesNo { text }, Fix::WriteYesNo);
                false
            }
        }
    }

    /// A date: a workbook date, "2026-12-07", "7/12/2026" (day first, as in Indonesia) or
    /// "Senin, 7 Desember 2026".
    pub fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let parsed = match self.cell(key) {
            Cell::DateTime { date, .. } => *date,
            Cell::Text(t) => parse_date(t),
            _ => None,
        };
        if parsed.is_none() {
            let text = self.text(key);
            self.bad(key, SheetSays::NotADate { text }, SheetFix::WriteDate);
        }
        parsed
    }

    /// A time of day: a workbook time, "08:00" or "08.00".
    pub fn time(&mut self, key: &str) -> Option<Clock> {
        let parsed = match self.cell(key) {
            Cell::DateTime { time, .. } => Some(*time),
            // A time typed into a number cell is a fraction of a day.
            Cell::Number(x) if (0.0..1.0).contains(x) => Some(Clock::from_seconds(x * 86_400.0)),
            Cell::Text(t) => parse_time_of_day(t).ok().map(Clock::from_seconds),
            _ => None,
        };
        if parsed.is_none() {
            let text = self.text(key);
            self.bad(key, Says::NotATime { text }, SheetFix::WriteTime);
        }
        parsed
    }

    /// The cell read by `parse` from its text; an empty cell gives `empty`.
    pub fn parsed<T>(
        &mut self,
        key: &str,
        empty: T,
        parse: impl Fn(&str) -> Result<T, Text>,
        fix: impl Into<Text>,
    ) -> T {
        let text = self.text(key);
        if text.is_empty() {
            return empty;
        }
        parse(&text).unwrap_or_else(|e| {
            self.bad(key, e, fix);
            empty
        })
    }
}

/// "-7.652" or "-7,652" (one decimal separator, no thousands separators).
fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.contains(',') && text.contains('.') {
        return None;
    }
    text.replacen(',', ".", 1).parse().ok()
}

/// "2026-12-07", "7/12/2026", "07-12-2026", "7.12.2026" or "Senin, 7 Desember 2026".
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    for format in ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"] {
        if let Ok(date) = NaiveDate::parse_from_str(text, format) {
            return Some(date);
        }
    }
    // "Senin, 7 Desember 2026": the weekday is optional and must agree with the date.
    let (weekday, rest) = match text.split_once(',') {
        Some((w, rest)) => (Some(w.trim().to_lowercase()), rest),
        None => (None, text),
    };
    let mut words = rest.split_whitespace();
    let day: u32 = words.next()?.parse().ok()?;
    let month = words.next()?.to_lowercase();
    let year: i32 = words.next()?.parse().ok()?;
    if words.next().is_some() {
        return None;
    }
    let month = (1..=12u32).find(|&m| {
        [crate::i18n::Lang::Id, crate::i18n::Lang::En]
            .iter()
            .any(|l| l.month(m).to_lowercase() == month)
    })?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let agrees = weekday.is_none_or(|w| {
        use chrono::Datelike;
        [crate::i18n::Lang::Id, crate::i18n::Lang::En]
            .iter()
            .any(|l| l.weekday(date.weekday()).to_lowercase() == w)
    });
    agrees.then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> Table {
        read_csv(Path::new("t.csv"), text.as_bytes()).unwrap()
    }

    #[test]
    fn sniffs_the_separator_and_keeps_quoted_ones() {
        assert_eq!(sniff_delimiter("name,lat,lon"), b',');
        assert_eq!(sniff_delimiter("nama;lintang;bujur"), b';');
        assert_eq!(sniff_delimiter("\"a;b\",c,d"), b',');
        assert_eq!(sniff_delimiter("name"), b',');
        let t = csv("nama;jam\n\"Balai; Desa\";\"08:00-10:00;13:00-14:00\"\n");
        assert_eq!(t.header, ["nama", "jam"]);
        assert_eq!(t.rows[0].cells[0], Cell::Text("Balai; Desa".into()));
    }

    #[test]
    fn line_numbers_are_the_same_with_crlf_bom_comments_and_blank_rows() {
        let lf = "# comment, with; separators\nname,lat\n\nA,1\n;;\n,,\nB,2\n";
        let crlf = lf.replace('\n', "\r\n");
        let bom = format!("\u{feff}{crlf}");
        for text in [lf.to_string(), crlf, bom] {
            let t = csv(&text);
            assert_eq!(t.header, ["name", "lat"], "{text:?}");
            assert_eq!(t.header_line, 2);
            let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
            // ";;" is a one-cell row here (the separator is `,`); ",," is empty and skipped.
            assert_eq!(lines, [4, 5, 7], "{text:?}");
        }
    }

    #[test]
    fn windows_1252_text_is_decoded() {
        let bytes = b"nama\nCaf\xe9\n";
        let t = read_csv(Path::new("t.csv"), bytes).unwrap();
        assert_eq!(t.rows[0].cells[0], Cell::Text("Café".into()));
    }

    fn stop_columns() -> Vec<Column> {
        vec![
            Column::new("name", &["nama"]).required(),
            Column::new("lat", &["lintang"]),
            Column::new("home_visit", &["kunjungan rumah"]),
            Column::new("date", &["tanggal"]),
            Column::new("start", &["jam"]),
        ]
    }

    #[test]
    fn headers_match_keys_and_aliases_in_any_spelling() {
        let t = csv("Nama ; LINTANG;Kunjungan_Rumah;tanggal;jam\nA;-7,652;ya;7/12/2026;08.00\n");
        let columns = t.columns(&stop_columns()).unwrap();
        let mut r = columns.record(&t, &t.rows[0]);
        assert_eq!(r.text("name"), "A");
        assert_eq!(r.number("lat"), Some(-7.652));
        assert!(r.flag("home_visit"));
        assert_eq!(r.date("date"), NaiveDate::from_ymd_opt(2026, 12, 7));
        assert_eq!(r.time("start").map(Clock::seconds), Some(8 * 3600));
        assert!(r.problems.is_empty(), "{:?}", r.problems);
    }

    #[test]
    fn header_problems_name_the_cell() {
        let t = csv("lintang,nama,name,lng\n1,A,A,2\n");
        let problems = t.columns(&stop_columns()).unwrap_err();
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(
            text[0].starts_with("t.csv:1:3: column `name` is given twice"),
            "{text:?}"
        );
        assert!(
            text[1].starts_with("t.csv:1:4: unknown column `lng`"),
            "{text:?}"
        );
    }

    #[test]
    fn bad_cells_name_line_column_and_fix() {
        let t = csv("name,lat,home_visit,date,start\r\nA,1.234,5,x,maybe,yesterday,noon\r\n");
        let columns = t.columns(&stop_columns()).unwrap();
        let mut r = columns.record(&t, &t.rows[0]);
        assert_eq!(r.number("lat"), Some(1.234));
        r.flag("home_visit");
        r.date("date");
        r.time("start");
        let text: Vec<String> = r.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(text.len(), 4, "{text:?}");
        assert!(text[0].starts_with("t.csv:2:6: "), "{text:?}");
        assert!(
            text[1].starts_with("t.csv:2:3: column `home_visit`: `5` is not yes/no"),
            "{text:?}"
        );
        assert!(
            text[2].contains("t.csv:2:4: column `date`: `x` is not a date"),
            "{text:?}"
        );
        assert!(
            text[3].contains("t.csv:2:5: column `start`: `maybe`"),
            "{text:?}"
        );
    }

    #[test]
    fn numbers_counts_and_dates() {
        assert_eq!(parse_decimal("-7,716106"), Some(-7.716106));
        assert_eq!(parse_decimal(" 111.3 "), Some(111.3));
        assert_eq!(parse_decimal("1.234,5"), None);
        assert_eq!(parse_decimal("1,2,3"), None);
        let d = NaiveDate::from_ymd_opt(2026, 12, 7);
        for text in [
            "2026-12-07",
            "7/12/2026",
            "07-12-2026",
            "Senin, 7 Desember 2026",
            "7 december 2026",
        ] {
            assert_eq!(parse_date(text), d, "{text}");
        }
        assert_eq!(parse_date("Selasa, 7 Desember 2026"), None, "wrong weekday");
        let t = csv("name,lat\nA,-3\nB,4294967296\nC,2.5\nD,12\n");
        let columns = t
            .columns(&[Column::new("name", &[]), Column::new("lat", &[])])
            .unwrap();
        let counts: Vec<(u32, usize)> = t
            .rows
            .iter()
            .map(|line| {
                let mut r = columns.record(&t, line);
                (r.count("lat"), r.problems.len())
            })
            .collect();
        assert_eq!(counts, [(0, 1), (0, 1), (0, 1), (12, 0)]);
    }
}
