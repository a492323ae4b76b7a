//! Problems of a table read from a spreadsheet (CSV or .xlsx) and what to do about them.

use super::Message;

/// What is wrong with a spreadsheet file or one of its cells.
#[derive(Clone, Debug, PartialEq, strum::EnumIter)]
pub enum SheetSays {
    CannotOpen {
        path: String,
    },
    NoSheet {
        path: String,
    },
    /// `at` is "file:line".
    UnreadableLine {
        at: String,
    },
    ColumnTwice {
        column: String,
        key: String,
    },
    CellOutsideHeader,
    NotADate {
        text: String,
    },
}

impl Message for SheetSays {
    fn en(&self) -> String {
        use SheetSays::*;
        match self {
            CannotOpen { path } => format!("cannot open the spreadsheet {path}"),
            NoSheet { path } => format!("the workbook {path} has no sheet"),
            UnreadableLine { at } => format!("{at}: the line cannot be read as CSV"),
            ColumnTwice { column, key } => {
                format!("column `{key}` is given twice (here as `{column}`)")
            }
            CellOutsideHeader => "a cell right of the last column of the header".into(),
            NotADate { text } => format!("`{text}` is not a date"),
        }
    }

    fn id(&self) -> String {
        use SheetSays::*;
        match self {
            CannotOpen { path } => format!("lembar kerja {path} tidak dapat dibuka"),
            NoSheet { path } => format!("buku kerja {path} tidak memiliki lembar"),
            UnreadableLine { at } => format!("{at}: baris tidak dapat dibaca sebagai CSV"),
            ColumnTwice { column, key } => {
                format!("kolom `{key}` tertulis dua kali (di sini sebagai `{column}`)")
            }
            CellOutsideHeader => "ada isian di kanan kolom terakhir baris judul".into(),
            NotADate { text } => format!("`{text}` bukan tanggal"),
        }
    }
}

/// What to do about a spreadsheet problem.
#[derive(Clone, Debug, PartialEq, strum::EnumIter)]
pub enum SheetFix {
    KeepOneColumn,
    WriteDate,
    WriteTime,
}

impl Message for SheetFix {
    fn en(&self) -> String {
        match self {
            SheetFix::KeepOneColumn => "keep one of the two columns".into(),
            SheetFix::WriteDate => "write a date like 2026-12-07 or 7/12/2026".into(),
            SheetFix::WriteTime => "write a time like 08:00 or 08.00".into(),
        }
    }

    fn id(&self) -> String {
        match self {
            SheetFix::KeepOneColumn => "pertahankan satu dari kedua kolom itu".into(),
            SheetFix::WriteDate => "tulis tanggal seperti 2026-12-07 atau 7/12/2026".into(),
            SheetFix::WriteTime => "tulis jam seperti 08:00 atau 08.00".into(),
        }
    }
}
