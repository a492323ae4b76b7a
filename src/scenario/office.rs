//! `[office]`: who sends the letters and whom teams and villages call. The letterhead
//! (government, office name, address, phone, e-mail), the letter number pattern, the
//! signatory and the contact person. Every key is optional: what is missing is printed as a
//! clearly marked blank to fill in, never invented.

use serde::Deserialize;

use super::problem::{At, Problem};
use crate::i18n::{OfficeFix, OfficeSays};

/// `[office]` as written; a what-if's table merges key by key over its base's.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOffice {
    pub government: Option<At<String>>,
    pub name: Option<At<String>>,
    pub address: Option<At<String>>,
    pub phone: Option<At<String>>,
    pub email: Option<At<String>>,
    pub city: Option<At<String>>,
    pub letter_number: Option<At<String>>,
    pub first_number: Option<At<i64>>,
    pub signatory: Option<At<String>>,
    pub nip: Option<At<String>>,
    pub position: Option<At<String>>,
    pub contact_name: Option<At<String>>,
    pub contact_phone: Option<At<String>>,
}

/// Each key of `top` that is set, else that of `base`.
pub fn merge(base: Option<RawOffice>, top: Option<RawOffice>) -> Option<RawOffice> {
    let (b, t) = match (base, top) {
        (Some(b), Some(t)) => (b, t),
        (b, t) => return t.or(b),
    };
    Some(RawOffice {
        government: t.government.or(b.government),
        name: t.name.or(b.name),
        address: t.address.or(b.address),
        phone: t.phone.or(b.phone),
        email: t.email.or(b.email),
        city: t.city.or(b.city),
        letter_number: t.letter_number.or(b.letter_number),
        first_number: t.first_number.or(b.first_number),
        signatory: t.signatory.or(b.signatory),
        nip: t.nip.or(b.nip),
        position: t.position.or(b.position),
        contact_name: t.contact_name.or(b.contact_name),
        contact_phone: t.contact_phone.or(b.contact_phone),
    })
}

/// The office, as the letters and messages use it; `None` is a blank to fill in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Office {
    pub government: Option<String>,
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub city: Option<String>,
    pub letter_number: Option<String>,
    /// The number of the first letter; without it `{n}` is left blank for the agenda book.
    pub first_number: Option<u32>,
    pub signatory: Option<String>,
    pub nip: Option<String>,
    pub position: Option<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
}

/// The fields a letter number pattern may hold.
pub const NUMBER_FIELDS: [&str; 4] = ["{n}", "{yyyy}", "{mm}", "{roman_month}"];

/// The most letters a numbering may reach.
pub const MAX_FIRST_NUMBER: i64 = 999_999;

/// Reads `[office]`; a bad letter number pattern or first number is a problem naming it.
pub fn resolve(raw: Option<&RawOffice>, problems: &mut Vec<Problem>) -> Office {
    let Some(raw) = raw else {
        return Office::default();
    };
    let text = |v: &Option<At<String>>| {
        v.as_ref()
            .map(|v| v.value.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    if let Some(pattern) = &raw.letter_number {
        let mut rest = pattern.value.as_str();
        while let Some(open) = rest.find('{') {
            let field = rest[open..]
                .find('}')
                .map(|close| &rest[open..=open + close]);
            match field {
                Some(f) if NUMBER_FIELDS.contains(&f) => rest = &rest[open + f.len()..],
                _ => {
                    problems.push(Problem::new(
                        pattern.loc(),
                        OfficeSays::BadNumberPattern {
                            pattern: pattern.value.clone(),
                        },
                        OfficeFix::UseNumberFields {
                            fields: NUMBER_FIELDS.join(", "),
                        },
                    ));
                    break;
                }
            }
        }
    }
    let first_number = raw.first_number.as_ref().and_then(|n| {
        if (1..=MAX_FIRST_NUMBER).contains(&n.value) {
            Some(n.value as u32)
        } else {
            problems.push(Problem::new(
                n.loc(),
                OfficeSays::FirstNumberOutOfRange { value: n.value },
                OfficeFix::FirstNumberRange {
                    max: MAX_FIRST_NUMBER,
                },
            ));
            None
        }
    });
    Office {
        government: text(&raw.government),
        name: text(&raw.name),
        address: text(&raw.address),
        phone: text(&raw.phone),
        email: text(&raw.email),
        city: text(&raw.city),
        letter_number: text(&raw.letter_number),
        first_number,
        signatory: text(&raw.signatory),
        nip: text(&raw.nip),
        position: text(&raw.position),
        contact_name: text(&raw.contact_name),
        contact_phone: text(&raw.contact_phone),
    }
}

impl Office {
    /// The contact line's parts: "name, phone", or what is known of them.
    pub fn contact(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.contact_name, &self.contact_phone]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::raw::parse_layer;
    use std::path::Path;

    fn office(text: &str) -> (Office, Vec<String>) {
        let raw = parse_layer(Path::new("s.toml"), text).unwrap();
        let mut problems = Vec::new();
        let office = resolve(raw.office.as_ref(), &mut problems);
        (office, problems.iter().map(|p| p.to_string()).collect())
    }

    #[test]
    fn reads_the_table_and_refuses_bad_numbers_by_name() {
        let (o, problems) = office(
            "[office]\nname = \"Dinas\"\nletter_number = \"470/{n}/403.205/{roman_month}/{yyyy}\"\nfirst_number = 12\ncontact_phone = \" \"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(o.name.as_deref(), Some("Dinas"));
        assert_eq!(o.first_number, Some(12));
        assert_eq!(o.contact_phone, None, "a blank value is a blank to fill in");
        let (_, problems) =
            office("[office]\nletter_number = \"470/{nomor}/{yyyy}\"\nfirst_number = 0\n");
        assert!(
            problems[0].starts_with("s.toml:2:17: the letter number pattern"),
            "{problems:?}"
        );
        assert!(
            problems[0].contains("{n}, {yyyy}, {mm}, {roman_month}"),
            "{problems:?}"
        );
        assert!(
            problems[1].starts_with("s.toml:3:16: [office] first_number = 0"),
            "{problems:?}"
        );
        let typo = parse_layer(Path::new("s.toml"), "[office]\nsignatory_name = \"x\"\n");
        let typo = typo.unwrap_err().to_string();
        assert!(
            typo.starts_with("s.toml:2:1: unknown key `signatory_name`"),
            "{typo}"
        );
        assert!(typo.contains("signatory, nip, position"), "{typo}");
    }
}
