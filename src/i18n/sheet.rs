//! Problems of a table read from a spreadsheet (CSV or .xlsx) and what to do about them.

use chrono::NaiveDate;

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
    /// A request without lat/lon whose desa is not in the Magetan table.
    NoLocation {
        desa: String,
        kecamatan: String,
    },
    DeadlineBeforeReceived {
        received: NaiveDate,
        deadline: NaiveDate,
    },
    NobodyToRecord,
    /// A realisation records more people of a group at a stop than the stop has.
    MoreThanTheStopHas {
        stop: String,
        recorded: u32,
        has: u32,
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
            NoLocation { desa, kecamatan } => format!(
                "no lat/lon, and no desa `{desa}` in kecamatan `{kecamatan}` of Magetan to place it at"
            ),
            DeadlineBeforeReceived { received, deadline } => {
                format!("the deadline {deadline} is before the day it was received, {received}")
            }
            NobodyToRecord => "nobody to record: every count is 0".into(),
            MoreThanTheStopHas {
                stop,
                recorded,
                has,
            } => {
                format!("{recorded} recorded at `{stop}` in all, more than the {has} the stop has")
            }
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
            NoLocation { desa, kecamatan } => format!(
                "lintang/bujur kosong, dan tidak ada desa `{desa}` di kecamatan `{kecamatan}` Kabupaten Magetan sebagai lokasinya"
            ),
            DeadlineBeforeReceived { received, deadline } => format!(
                "batas waktu {} lebih awal dari tanggal diterima, {}",
                super::Lang::Id.date_long(*deadline),
                super::Lang::Id.date_long(*received)
            ),
            NobodyToRecord => "tidak ada yang direkam: semua jumlah 0".into(),
            MoreThanTheStopHas {
                stop,
                recorded,
                has,
            } => format!(
                "seluruhnya {recorded} terekam di `{stop}`, lebih dari {has} sasaran titik itu"
            ),
        }
    }
}

/// What to do about a spreadsheet problem.
#[derive(Clone, Debug, PartialEq, strum::EnumIter)]
pub enum SheetFix {
    KeepOneColumn,
    WriteDate,
    WriteTime,
    GiveLocationOrDesa,
    DeadlineAfterReceived,
    CountThePeople,
    CheckTheCount,
}

impl Message for SheetFix {
    fn en(&self) -> String {
        match self {
            SheetFix::KeepOneColumn => "keep one of the two columns".into(),
            SheetFix::WriteDate => "write a date like 2026-12-07 or 7/12/2026".into(),
            SheetFix::WriteTime => "write a time like 08:00 or 08.00".into(),
            SheetFix::GiveLocationOrDesa => {
                "give lat and lon, or the desa and kecamatan as in data/magetan/desa.csv".into()
            }
            SheetFix::DeadlineAfterReceived => {
                "give a deadline on or after the received date".into()
            }
            SheetFix::CountThePeople => {
                "write how many elderly, disabled or newly eligible people are to be recorded"
                    .into()
            }
            SheetFix::CheckTheCount => {
                "check the count, or raise the stop's figure in the stops list".into()
            }
        }
    }

    fn id(&self) -> String {
        match self {
            SheetFix::KeepOneColumn => "pertahankan satu dari kedua kolom itu".into(),
            SheetFix::WriteDate => "tulis tanggal seperti 2026-12-07 atau 7/12/2026".into(),
            SheetFix::WriteTime => "tulis jam seperti 08:00 atau 08.00".into(),
            SheetFix::GiveLocationOrDesa => {
                "isi lintang dan bujur, atau desa dan kecamatan seperti di data/magetan/desa.csv"
                    .into()
            }
            SheetFix::DeadlineAfterReceived => {
                "isi batas waktu pada atau sesudah tanggal diterima".into()
            }
            SheetFix::CountThePeople => {
                "tulis jumlah lansia, penyandang disabilitas atau pemula yang akan direkam".into()
            }
            SheetFix::CheckTheCount => {
                "periksa jumlahnya, atau naikkan angka sasaran titik itu di daftar titik".into()
            }
        }
    }
}
