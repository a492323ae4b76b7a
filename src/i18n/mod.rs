//! Everything a user reads, in English and Bahasa Indonesia, in one catalogue.
//!
//! - Fixed words and labels: [`Key`] (`words.rs`), looked up with [`Lang::t`].
//! - Messages made at run time: one enum per area (`scenario.rs`, `files.rs`, `plan.rs`,
//!   `map.rs`, `office.rs`, `sheet.rs`, `targets.rs`), each variant holding its values, each enum rendered by one function per
//!   language ([`Message::en`], [`Message::id`]). A new message is a variant; the compiler
//!   then asks for both languages.
//! - The plan's facts (reasons, travel basis, groups): `reasons.rs`. Numbers and dates:
//!   `format.rs`.
//!
//! Why enums and not Fluent files: every message and its values are checked when jempol is
//! built, so a missing translation or a misspelt value cannot reach a planner at run time.
//! The catalogue depends on nothing of the scenario or the plan, only on the small data
//! types it words (groups, times, reasons).

mod files;
mod format;
mod map;
mod office;
mod plan;
mod reasons;
mod scenario;
mod sheet;
mod targets;
mod words;

use std::fmt;

pub use files::FileMsg;
pub use map::{MapMsg, Way};
pub use office::{OfficeFix, OfficeSays};
pub use plan::{Field, PlanMsg};
pub use scenario::{Fix, Says, Thing};
pub use sheet::{SheetFix, SheetSays};
pub use targets::{TargetFix, TargetMsg, TargetSays};
pub use words::Key;

/// The language of the outputs and messages (`--lang en|id`, or `JEMPOL_LANG`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Id,
}

impl Lang {
    /// The `lang` attribute of HTML pages.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
    }
}

/// A message of the catalogue, rendered in either language.
pub trait Message {
    fn en(&self) -> String;
    fn id(&self) -> String;

    fn get(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en(),
            Lang::Id => self.id(),
        }
    }

    /// Both forms, for an error or problem that is shown later in the reader's language.
    fn text(&self) -> Text {
        Text {
            en: self.en(),
            id: self.id(),
        }
    }
}

/// A message rendered in both languages; the caller picks one when it shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    pub id: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Id => &self.id,
        }
    }

    /// Each language's form made from the same parts: `f(lang)`.
    pub fn each(f: impl Fn(Lang) -> String) -> Text {
        Text {
            en: f(Lang::En),
            id: f(Lang::Id),
        }
    }
}

impl<M: Message> From<M> for Text {
    fn from(message: M) -> Text {
        message.text()
    }
}

/// An error a planner reads, in both languages, with the error under it (an I/O or parser
/// error keeps its own English or OS text).
#[derive(Debug)]
pub struct UserError {
    pub text: Text,
    source: Option<anyhow::Error>,
}

impl UserError {
    pub fn new(text: impl Into<Text>) -> Self {
        UserError {
            text: text.into(),
            source: None,
        }
    }

    pub fn message(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }

    /// `text`, caused by `source`.
    pub fn caused(text: impl Into<Text>, source: impl Into<anyhow::Error>) -> Self {
        UserError {
            text: text.into(),
            source: Some(source.into()),
        }
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text.en)
    }
}

impl std::error::Error for UserError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|e| e.as_ref() as _)
    }
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    /// Words that are the same in both languages (names, units, borrowed terms).
    const SAME: &[&str] = &["km", "Desa", "Kecamatan", "GeoJSON (QGIS)"];

    fn check(what: &str, en: &str, id: &str) {
        assert!(!en.trim().is_empty(), "{what}: empty English");
        assert!(!id.trim().is_empty(), "{what}: empty Indonesian");
        assert!(
            en != id || SAME.contains(&en),
            "{what}: the Indonesian is a copy of the English: {en:?}"
        );
    }

    /// Messages that only wrap another message's text, so both forms are equal when the
    /// wrapped text is (as with the empty values the loop below gives them).
    const WRAPPERS: &[&str] = &["Value {", "Cell {", "Toml {"];

    fn check_all<M: Message + IntoEnumIterator + fmt::Debug>() {
        for message in M::iter() {
            let name = format!("{message:?}");
            let (en, id) = (message.en(), message.id());
            if WRAPPERS.iter().any(|w| name.starts_with(w)) {
                assert!(!en.is_empty() && !id.is_empty(), "{name}");
            } else {
                check(&name, &en, &id);
            }
        }
    }

    #[test]
    fn every_message_has_both_languages() {
        for key in Key::iter() {
            check(&format!("{key:?}"), Lang::En.t(key), Lang::Id.t(key));
        }
        check_all::<Says>();
        check_all::<Fix>();
        check_all::<FileMsg>();
        check_all::<PlanMsg>();
        check_all::<MapMsg>();
        check_all::<OfficeSays>();
        check_all::<OfficeFix>();
        check_all::<SheetSays>();
        check_all::<SheetFix>();
        check_all::<TargetSays>();
        check_all::<TargetFix>();
        check_all::<TargetMsg>();
        reasons::tests::check_reasons(check);
    }
}
