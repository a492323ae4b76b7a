//! Problems of the scenario's `[office]` table and what to do about them.

use super::Message;

#[derive(Clone, Debug, PartialEq, strum::EnumIter)]
pub enum OfficeSays {
    BadNumberPattern { pattern: String },
    FirstNumberOutOfRange { value: i64 },
}

impl Message for OfficeSays {
    fn en(&self) -> String {
        match self {
            OfficeSays::BadNumberPattern { pattern } => {
                format!("the letter number pattern `{pattern}` has a field jempol does not know")
            }
            OfficeSays::FirstNumberOutOfRange { value } => {
                format!("[office] first_number = {value} is out of range")
            }
        }
    }

    fn id(&self) -> String {
        match self {
            OfficeSays::BadNumberPattern { pattern } => {
                format!("pola nomor surat `{pattern}` memuat isian yang tidak dikenal jempol")
            }
            OfficeSays::FirstNumberOutOfRange { value } => {
                format!("[office] first_number = {value} di luar batas")
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, strum::EnumIter)]
pub enum OfficeFix {
    UseNumberFields { fields: String },
    FirstNumberRange { max: i64 },
}

impl Message for OfficeFix {
    fn en(&self) -> String {
        match self {
            OfficeFix::UseNumberFields { fields } => {
                format!("use only {fields} inside braces, e.g. \"470/{{n}}/403.205/{{yyyy}}\"")
            }
            OfficeFix::FirstNumberRange { max } => {
                format!("use a number from 1 to {max}, or remove the key to number by hand")
            }
        }
    }

    fn id(&self) -> String {
        match self {
            OfficeFix::UseNumberFields { fields } => format!(
                "pakai hanya {fields} di dalam kurung kurawal, misalnya \"470/{{n}}/403.205/{{yyyy}}\""
            ),
            OfficeFix::FirstNumberRange { max } => {
                format!("pakai angka 1 sampai {max}, atau hapus kunci ini agar nomor diisi tangan")
            }
        }
    }
}
