//! SyntaxError and its subclasses, as the front end raises them.
//!
//! Positions follow CPython's SyntaxError attributes: `lineno` counts from
//! 1, `offset` and `end_offset` from 1, and any of them may be missing
//! (`None` in Python) or carry CPython's sentinel values (0, -1), which
//! are kept because Python code can see them.

use std::fmt;

/// Which class of the SyntaxError family is raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
    /// Not a SyntaxError: the source nests deeper than the parser's stack
    /// allows, which CPython also reports as a MemoryError.
    MemoryError,
    /// Not a SyntaxError either: an AST nested deeper than the compiler's
    /// recursion limit, which CPython's compiler stages raise.
    RecursionError,
}

impl SyntaxErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
            SyntaxErrorKind::MemoryError => "MemoryError",
            SyntaxErrorKind::RecursionError => "RecursionError",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub lineno: Option<i64>,
    pub offset: Option<i64>,
    pub end_lineno: Option<i64>,
    pub end_offset: Option<i64>,
}

impl SyntaxError {
    pub fn new(
        kind: SyntaxErrorKind,
        msg: impl Into<String>,
        lineno: i64,
        offset: i64,
        end_lineno: i64,
        end_offset: i64,
    ) -> SyntaxError {
        SyntaxError {
            kind,
            msg: msg.into(),
            lineno: Some(lineno),
            offset: Some(offset),
            end_lineno: Some(end_lineno),
            end_offset: Some(end_offset),
        }
    }

    /// An error about the source as a whole, before any line is read (a bad
    /// coding declaration): CPython reports line 0, offset -1.
    pub fn whole_source(msg: impl Into<String>) -> SyntaxError {
        SyntaxError {
            kind: SyntaxErrorKind::SyntaxError,
            msg: msg.into(),
            lineno: Some(0),
            offset: Some(-1),
            end_lineno: None,
            end_offset: None,
        }
    }

    /// `ERRORTYPE LINENO:OFFSET:END_LINENO:END_OFFSET:: MESSAGE`, the line
    /// `krait -X dump=ast` prints for a file that does not parse.
    pub fn dump_line(&self) -> String {
        let show = |v: Option<i64>| v.map_or("None".to_string(), |v| v.to_string());
        format!(
            "{} {}:{}:{}:{}:: {}",
            self.kind.name(),
            show(self.lineno),
            show(self.offset),
            show(self.end_lineno),
            show(self.end_offset),
            self.msg
        )
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.msg)?;
        if let Some(lineno) = self.lineno {
            write!(f, " (line {lineno})")?;
        }
        Ok(())
    }
}

impl std::error::Error for SyntaxError {}
