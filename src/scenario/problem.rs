//! Where a value came from (file, line, column) and the problems found in a scenario.

use std::cell::RefCell;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Deserializer};

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

/// Something wrong with a scenario: where, what, and what to do about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub at: Option<Loc>,
    pub message: String,
    pub fix: String,
}

impl Problem {
    pub fn new(at: Option<&Loc>, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            at: at.cloned(),
            message: message.into(),
            fix: fix.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(at) = &self.at {
            write!(f, "{at}: ")?;
        }
        write!(f, "{}", self.message)?;
        if !self.fix.is_empty() {
            write!(f, "\n    fix: {}", self.fix)?;
        }
        Ok(())
    }
}

/// All the problems of a scenario, as one error.
#[derive(Debug)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        writeln!(
            f,
            "{n} problem{} in the scenario:",
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.0 {
            writeln!(f, "  {p}")?;
        }
        Ok(())
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
