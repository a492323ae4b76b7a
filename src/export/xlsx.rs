//! schedule.xlsx: the schedule as an Excel workbook for the office. One sheet, a row per
//! visit with typed cells (dates as dates, times as times, counts and coordinates as
//! numbers), headers in the plan's language, the header row frozen and filters on every
//! column, so a planner can pick a van, a day or a kecamatan.

use chrono::Datelike;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use super::Context;
use super::schedule::{Row, rows};
use crate::clock::Clock;
use crate::groups::Group;
use crate::i18n::{Key, Lang};

/// The headers of schedule.xlsx in `lang`, with the width of each column (characters).
pub fn headers(lang: Lang) -> Vec<(&'static str, f64)> {
    let mut headers = vec![
        (lang.t(Key::Van), 14.0),
        (lang.t(Key::Date), 12.0),
        (lang.t(Key::Weekday), 10.0),
        (lang.t(Key::Order), 5.0),
        (lang.t(Key::Stop), 44.0),
        (lang.t(Key::Desa), 16.0),
        (lang.t(Key::Kecamatan), 14.0),
        (lang.t(Key::Arrive), 7.0),
        (lang.t(Key::Start), 7.0),
        (lang.t(Key::End), 7.0),
    ];
    headers.extend(Group::ALL.map(|g| (lang.group(g), 12.0)));
    headers.extend([
        (lang.t(Key::Latitude), 11.0),
        (lang.t(Key::Longitude), 11.0),
    ]);
    headers
}

fn time(clock: Clock) -> Result<ExcelDateTime, XlsxError> {
    let s = clock.seconds();
    ExcelDateTime::from_hms((s / 3600) as u16, (s / 60 % 60) as u8, s % 60)
}

fn write_row(
    sheet: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    row: &Row,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let date = ExcelDateTime::from_ymd(
        row.date.year() as u16,
        row.date.month() as u8,
        row.date.day() as u8,
    )?;
    sheet.write_string(r, 0, &row.van)?;
    sheet.write_datetime_with_format(r, 1, &date, &formats.date)?;
    sheet.write_string(r, 2, formats.lang.weekday(row.date.weekday()))?;
    sheet.write_number(r, 3, row.order as f64)?;
    sheet.write_string(r, 4, &row.stop)?;
    sheet.write_string(r, 5, &row.desa)?;
    sheet.write_string(r, 6, &row.kecamatan)?;
    for (c, clock) in [(7, row.arrive), (8, row.start), (9, row.end)] {
        sheet.write_datetime_with_format(r, c, &time(clock)?, &formats.time)?;
    }
    let mut c = 10;
    for (_, n) in row.people.iter() {
        sheet.write_number(r, c, f64::from(*n))?;
        c += 1;
    }
    sheet.write_number_with_format(r, c, row.location.lat, &formats.degrees)?;
    sheet.write_number_with_format(r, c + 1, row.location.lon, &formats.degrees)?;
    Ok(())
}

struct Formats {
    lang: Lang,
    date: Format,
    time: Format,
    degrees: Format,
}

/// The workbook's bytes.
pub fn workbook(cx: &Context) -> anyhow::Result<Vec<u8>> {
    let lang = cx.lang;
    let formats = Formats {
        lang,
        date: Format::new().set_num_format(match lang {
            Lang::En => "yyyy-mm-dd",
            Lang::Id => "dd/mm/yyyy",
        }),
        time: Format::new().set_num_format("hh:mm"),
        degrees: Format::new().set_num_format("0.000000"),
    };
    let mut book = Workbook::new();
    // Dated by the plan's week, not the clock, so the same plan gives the same file.
    let week = cx.plan.week.start;
    let created =
        ExcelDateTime::from_ymd(week.year() as u16, week.month() as u8, week.day() as u8)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = book.add_worksheet();
    sheet.set_name(lang.t(Key::Schedule))?;
    let bold = Format::new().set_bold();
    let headers = headers(lang);
    for (c, (name, width)) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &bold)?;
        sheet.set_column_width(c as u16, *width)?;
    }
    let rows = rows(cx);
    for (i, row) in rows.iter().enumerate() {
        write_row(sheet, i as u32 + 1, row, &formats)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, rows.len() as u32, headers.len() as u16 - 1)?;
    Ok(book.save_to_buffer()?)
}
