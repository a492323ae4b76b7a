//! Whether a village is a desa or a kelurahan, from the regency's table (data/magetan/desa.csv,
//! built in): letters address a Lurah or a Kepala Desa, and messages name the place right.

use std::collections::HashMap;

use crate::magetan::{Source, read_desa};

/// A village's kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Desa,
    Kelurahan,
    /// Not in the table: both words, so nothing written is wrong.
    Unknown,
}

impl Kind {
    /// "Desa", "Kelurahan" or "Desa/Kelurahan": the word before the name.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Desa => "Desa",
            Kind::Kelurahan => "Kelurahan",
            Kind::Unknown => "Desa/Kelurahan",
        }
    }

    /// The title of the village's head: "Kepala Desa", "Lurah".
    pub fn head(self) -> &'static str {
        match self {
            Kind::Desa => "Kepala Desa",
            Kind::Kelurahan => "Lurah",
            Kind::Unknown => "Kepala Desa/Lurah",
        }
    }
}

/// The kind of every village of the built-in table, by (kecamatan, desa) in lower case.
pub struct Villages(HashMap<(String, String), Kind>);

impl Villages {
    pub fn built_in() -> Villages {
        Villages(
            read_desa(&Source::Embedded)
                .unwrap_or_default()
                .into_iter()
                .map(|d| {
                    let kind = if d.is_kelurahan {
                        Kind::Kelurahan
                    } else {
                        Kind::Desa
                    };
                    ((d.kecamatan.to_lowercase(), d.name.to_lowercase()), kind)
                })
                .collect(),
        )
    }

    pub fn kind(&self, kecamatan: &str, desa: &str) -> Kind {
        self.0
            .get(&(kecamatan.to_lowercase(), desa.to_lowercase()))
            .copied()
            .unwrap_or(Kind::Unknown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_table_knows_its_kelurahan() {
        let v = Villages::built_in();
        assert_eq!(v.kind("Poncol", "Alastuwo"), Kind::Kelurahan);
        assert_eq!(v.kind("LEMBEYAN", "lembeyan kulon"), Kind::Kelurahan);
        assert_eq!(v.kind("Poncol", "Gonggang"), Kind::Desa);
        assert_eq!(v.kind("Elsewhere", "X"), Kind::Unknown);
        assert_eq!(Kind::Unknown.head(), "Kepala Desa/Lurah");
    }
}
