//! `from __future__ import ...` statements: which features a module turns
//! on, and the errors in the statements themselves (Python/future.c).
//!
//! A future statement changes how the rest of the module is compiled, so
//! it is read before anything else: CPython runs this pass before the AST
//! optimizer and the symbol table. In 3.11 only two features still change
//! anything (`annotations` and `barry_as_FLUFL`); the others are accepted
//! and ignored, as they are on by default.
//!
//! This pass reports a misplaced future import in one case only: when it
//! follows another statement on the same line (`import os; from __future__
//! import x`). Every other misplaced one is caught by the code generator,
//! which compares each `from __future__` import with
//! [`FutureFeatures::lineno`].

use krait_parser::ast::{Constant, ExprKind, Mod, Stmt, StmtKind};
use krait_parser::{SyntaxError, SyntaxErrorKind};

pub const CO_FUTURE_DIVISION: u32 = 0x2_0000;
pub const CO_FUTURE_ABSOLUTE_IMPORT: u32 = 0x4_0000;
pub const CO_FUTURE_WITH_STATEMENT: u32 = 0x8_0000;
pub const CO_FUTURE_PRINT_FUNCTION: u32 = 0x10_0000;
pub const CO_FUTURE_UNICODE_LITERALS: u32 = 0x20_0000;
/// `barry_as_FLUFL`: `<>` instead of `!=` (the parser's concern).
pub const CO_FUTURE_BARRY_AS_BDFL: u32 = 0x40_0000;
pub const CO_FUTURE_GENERATOR_STOP: u32 = 0x80_0000;
/// `annotations` (PEP 563): annotations are kept as strings, never
/// evaluated.
pub const CO_FUTURE_ANNOTATIONS: u32 = 0x100_0000;

/// What a module's future statements turn on (CPython's
/// `PyFutureFeatures`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FutureFeatures {
    /// The `CO_FUTURE_*` bits of the features that change compilation.
    pub flags: u32,
    /// The line of the last future statement at the top of the module
    /// (`ff_lineno`), or `None` if there is none. A `from __future__`
    /// import on a later line is misplaced.
    pub lineno: Option<u32>,
}

impl FutureFeatures {
    /// Whether `from __future__ import annotations` is in effect.
    pub fn annotations(&self) -> bool {
        self.flags & CO_FUTURE_ANNOTATIONS != 0
    }
}

/// Reads the future statements at the top of a module, as
/// `_PyFuture_FromAST` does.
pub fn parse_future(module: &Mod) -> Result<FutureFeatures, SyntaxError> {
    let mut features = FutureFeatures::default();
    let body = match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => body,
        Mod::Expression { .. } | Mod::FunctionType { .. } => return Ok(features),
    };
    // Future statements may follow only a docstring and other future
    // statements; once anything else is seen, the rest of the module is
    // the code generator's to check, except for the statements sharing
    // the line of the one that ended the prefix.
    let start = usize::from(has_docstring(body));
    let mut done = false;
    let mut prev_line = 0;
    for stmt in &body[start..] {
        if done && stmt.loc.lineno > prev_line {
            break;
        }
        prev_line = stmt.loc.lineno;
        match &stmt.kind {
            StmtKind::ImportFrom {
                module: Some(name),
                names,
                ..
            } if name == "__future__" => {
                if done {
                    // CPython reports this one at the statement's 0-based
                    // column, one to the left of where the others point.
                    return Err(SyntaxError {
                        kind: SyntaxErrorKind::SyntaxError,
                        msg: "from __future__ imports must occur at the beginning of the file"
                            .into(),
                        lineno: Some(stmt.loc.lineno.into()),
                        offset: Some(stmt.loc.col_offset.into()),
                        end_lineno: Some(stmt.loc.lineno.into()),
                        end_offset: None,
                    });
                }
                for alias in names {
                    features.flags |= feature_flag(&alias.name, stmt)?;
                }
                features.lineno = Some(stmt.loc.lineno);
            }
            _ => done = true,
        }
    }
    Ok(features)
}

/// The `CO_FUTURE_*` bit a feature sets (0 for the features that no
/// longer change anything), or CPython's error for an unknown one.
fn feature_flag(feature: &str, stmt: &Stmt) -> Result<u32, SyntaxError> {
    let flag = match feature {
        "nested_scopes" | "generators" | "division" | "absolute_import" | "with_statement"
        | "print_function" | "unicode_literals" | "generator_stop" => 0,
        "barry_as_FLUFL" => CO_FUTURE_BARRY_AS_BDFL,
        "annotations" => CO_FUTURE_ANNOTATIONS,
        _ => {
            let msg = if feature == "braces" {
                "not a chance".to_string()
            } else {
                format!(
                    "future feature {} is not defined",
                    truncate_utf8(feature, 100)
                )
            };
            return Err(SyntaxError {
                kind: SyntaxErrorKind::SyntaxError,
                msg,
                lineno: Some(stmt.loc.lineno.into()),
                offset: Some(i64::from(stmt.loc.col_offset) + 1),
                end_lineno: Some(stmt.loc.lineno.into()),
                end_offset: None,
            });
        }
    };
    Ok(flag)
}

/// The first `max_bytes` bytes of `s`, a character cut in two replaced by
/// U+FFFD: what CPython's `%.100s` format does with a long name.
fn truncate_utf8(s: &str, max_bytes: usize) -> String {
    if s.len() <= max_bytes {
        return s.to_string();
    }
    String::from_utf8_lossy(&s.as_bytes()[..max_bytes]).into_owned()
}

/// Whether a body starts with a docstring: a string constant on its own
/// (`_PyAST_GetDocString`).
fn has_docstring(body: &[Stmt]) -> bool {
    matches!(
        body.first().map(|stmt| &stmt.kind),
        Some(StmtKind::Expr { value }) if matches!(
            value.kind,
            ExprKind::Constant { value: Constant::Str(_), .. }
        )
    )
}
