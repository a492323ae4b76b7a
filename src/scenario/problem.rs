//! Where a value came from (file, line, column) and the problems found in a scenario.

use std::cell::RefCell;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Deserializer};

use crate::i18n::{Key, Lang, Message, Says, Text};

/// A position in an input file, 1-based. For CSV files `line` is the row's line and `col`
/// the column number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loc {
    pub file: Arc<PathBuf>,
    pub line: usize,
    pub col: usize,
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.col)
    }
}

/// Something wrong with a scenario: where, what, and what to do about it, in both languages.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub at: Option<Loc>,
    pub message: Text,
    pub fix: Text,
}

impl Problem {
    pub fn new(at: Option<&Loc>, message: impl Into<Text>, fix: impl Into<Text>) -> Self {
        Self {
            at: at.cloned(),
            message: message.into(),
            fix: fix.into(),
        }
    }

    /// "file:line:col: what\n    fix: what to do", in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let mut s = String::new();
        if let Some(at) = &self.at {
            s += &format!("{at}: ");
        }
        s += self.message.get(lang);
        let fix = self.fix.get(lang);
        if !fix.is_empty() {
            s += &format!("\n    {}: {fix}", lang.t(Key::FixLabel));
        }
        s
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// All the problems of a scenario, as one error.
#[derive(Debug)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// The count, then one problem per line, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let n = self.0.len();
        let mut s = Says::Count { problems: n }.get(lang) + "\n";
        for p in &self.0 {
            s += &format!("  {}\n", p.message(lang));
        }
        s
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Problems {}

/// The file being parsed, so that [`At`] values can record their line and column.
struct Source {
    file: Arc<PathBuf>,
    line_starts: Vec<usize>,
}

impl Source {
    fn loc(&self, offset: usize) -> Loc {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let col = offset - self.line_starts[line - 1] + 1;
        Loc {
            file: self.file.clone(),
            line,
            col,
        }
    }
}

thread_local! {
    static SOURCE: RefCell<Option<Source>> = const { RefCell::new(None) };
}

/// Runs `f` with `text` (from `file`) as the source that [`At`] positions refer to.
pub fn with_source<R>(file: &Path, text: &str, f: impl FnOnce() -> R) -> R {
    let line_starts = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let source = Source {
        file: Arc::new(file.to_path_buf()),
        line_starts,
    };
    let previous = SOURCE.with(|s| s.replace(Some(source)));
    let result = f();
    SOURCE.with(|s| *s.borrow_mut() = previous);
    result
}

/// The position of byte `offset` in the current source.
pub fn loc_of(offset: usize) -> Option<Loc> {
    SOURCE.with(|s| s.borrow().as_ref().map(|s| s.loc(offset)))
}

/// A value with the place in the scenario where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct At<T> {
    pub value: T,
    pub at: Option<Loc>,
}

impl<T> At<T> {
    pub fn loc(&self) -> Option<&Loc> {
        self.at.as_ref()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = toml::Spanned::<T>::deserialize(deserializer)?;
        let at = loc_of(spanned.span().start);
        Ok(At {
            value: spanned.into_inner(),
            at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Fix;

    #[test]
    fn problems_read_in_either_language_with_their_position() {
        let at = Loc {
            file: Arc::new(PathBuf::from("s.toml")),
            line: 3,
            col: 14,
        };
        let problems = Problems(vec![
            Problem::new(Some(&at), Says::NoWeekStart, Fix::AddWeekStart),
            Problem::new(None, Says::NoVans, Text::default()),
        ]);
        assert_eq!(
            problems.message(Lang::Id),
            "2 masalah dalam skenario:\n  s.toml:3:14: skenario tidak memiliki `week_start`\n    perbaiki: tambahkan `week_start = 2026-12-07` (hari Senin)\n  skenario tidak memiliki mobil\n"
        );
        assert_eq!(
            problems.to_string(),
            "2 problems in the scenario:\n  s.toml:3:14: the scenario has no `week_start`\n    fix: add `week_start = 2026-12-07` (a Monday)\n  the scenario has no vans\n"
        );
    }
}
