//! # Krait's compiler
//!
//! An AST in, code objects out, byte for byte as CPython 3.11 compiles
//! them: the same instructions, constants, names, line table and exception
//! table, so that CPython's own `dis` reads Krait's code and CPython's
//! compiler is an exact oracle for Krait's. The stages mirror CPython's:
//!
//! 1. [`ast_opt`]: constant folding on the AST, `__debug__`, and the size
//!    limits that keep folding from building huge constants
//!    (Python/ast_opt.c).
//! 2. [`future`] and [`symtable`]: `from __future__` imports, then every
//!    scope's names classified as local, global, free or cell
//!    (Python/future.c, Python/symtable.c). Most compile-time errors and
//!    warnings are raised here.
//! 3. Code generation: the AST of each scope to instructions in basic
//!    blocks (Python/compile.c, its first half).
//! 4. The control-flow-graph passes and the assembler: jump threading,
//!    dead code and NOP removal, constant tuple folding, line numbers
//!    propagated, then wordcode with EXTENDED_ARG and inline CACHE
//!    entries, `co_linetable`, `co_exceptiontable` and `co_stacksize`
//!    (Python/compile.c, its second half).
//!
//! [`opcode`] is the instruction set, one table from which everything
//! else about an instruction is derived (Lib/opcode.py,
//! Include/opcode.h); [`code`] is the code object those stages produce
//! (Objects/codeobject.c).
//!
//! Errors are [`SyntaxError`]s with CPython's message and location, or,
//! for an AST nested deeper than the recursion limit, the RecursionError
//! CPython raises; the compiler never panics on an AST the parser
//! produced.

pub mod assemble;
pub mod ast_opt;
pub mod code;
mod codegen;
pub mod flowgraph;
pub mod future;
pub mod opcode;
pub mod symtable;
pub mod unparse;
pub mod validate;

pub use krait_parser::{SyntaxError, SyntaxErrorKind};

use code::CodeObject;
use krait_parser::ast::Mod;

/// Compiles the bytes of a module as `compile(source, filename, "exec",
/// dont_inherit=True, optimize=optimize)` does: `optimize` 0 keeps asserts
/// and `__debug__` true, 1 is `-O`, 2 is `-OO` (docstrings dropped too).
///
/// Deeply nested source recurses deeply; run this on a thread with a
/// large stack, as the `krait` binary does. The SyntaxWarnings of the
/// code generator are ignored; see [`compile_with_warnings`].
pub fn compile(source: &[u8], filename: &str, optimize: u8) -> Result<CodeObject, SyntaxError> {
    compile_with_warnings(source, filename, optimize, &mut |_| WarningAction::Ignore)
}

/// A SyntaxWarning of the code generator (`compiler_warn`), such as
/// `"is" with a literal. Did you mean "=="?`: CPython issues it through
/// the warnings module, with the line it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxWarning {
    pub msg: String,
    pub lineno: i64,
}

/// What the warnings filters make of a [`SyntaxWarning`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningAction {
    /// Shown, or ignored: compilation goes on.
    Ignore,
    /// Raised (`-W error`): compilation stops with a SyntaxError with the
    /// warning's message, at the construct it is about.
    Error,
}

/// [`compile`], with each SyntaxWarning handed to `warn` as CPython hands
/// it to the warnings module, in the order the compiler meets them.
pub fn compile_with_warnings(
    source: &[u8],
    filename: &str,
    optimize: u8,
    warn: &mut dyn FnMut(&SyntaxWarning) -> WarningAction,
) -> Result<CodeObject, SyntaxError> {
    compile_mod(
        krait_parser::parse_module(source)?,
        filename,
        optimize,
        warn,
    )
}

/// What `compile()`'s `mode` says the source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A module: "exec".
    Exec,
    /// One expression, whose value the code returns: "eval".
    Eval,
    /// One statement of the interactive prompt, whose expressions' values
    /// are shown: "single".
    Single,
}

/// Compiles source as `compile(source, filename, mode, optimize=...)`.
pub fn compile_source(
    source: &[u8],
    filename: &str,
    mode: Mode,
    optimize: u8,
) -> Result<CodeObject, SyntaxError> {
    compile_mod(parse_source(source, mode)?, filename, optimize, &mut |_| {
        WarningAction::Ignore
    })
}

/// Parses source as `compile(source, filename, mode, PyCF_ONLY_AST)`
/// does: a `Module`, an `Expression` or an `Interactive` tree.
pub fn parse_source(source: &[u8], mode: Mode) -> Result<Mod, SyntaxError> {
    Ok(match mode {
        Mode::Exec => krait_parser::parse_module(source)?,
        Mode::Eval => krait_parser::parse_expression(source)?,
        Mode::Single => match krait_parser::parse_module(source)? {
            Mod::Module { body, .. } => {
                // One line's statements (`a = 1; b = 2`) are one statement
                // of the prompt; a second line is another.
                if let Some(first) = body.first() {
                    let end = first.loc;
                    if body[1..].iter().any(|s| s.loc.lineno > end.end_lineno) {
                        let at = Some(end.end_lineno as i64);
                        let offset = Some(end.end_col_offset as i64 + 1);
                        return Err(SyntaxError {
                            kind: SyntaxErrorKind::SyntaxError,
                            msg: "multiple statements found while compiling a single statement"
                                .to_string(),
                            lineno: at,
                            offset,
                            end_lineno: at,
                            end_offset: offset,
                        });
                    }
                }
                Mod::Interactive { body }
            }
            other => other,
        },
    })
}

/// Compiles a tree, as `compile(tree, filename, mode, optimize=...)` does
/// with an `ast` object.
pub fn compile_tree(module: Mod, filename: &str, optimize: u8) -> Result<CodeObject, SyntaxError> {
    compile_mod(module, filename, optimize, &mut |_| WarningAction::Ignore)
}

/// Compiles a parsed module, expression or interactive statement.
fn compile_mod(
    mut module: Mod,
    filename: &str,
    optimize: u8,
    warn: &mut dyn FnMut(&SyntaxWarning) -> WarningAction,
) -> Result<CodeObject, SyntaxError> {
    let future = future::parse_future(&module)?;
    let options = ast_opt::Options {
        optimize,
        future_annotations: future.annotations(),
        ..ast_opt::Options::default()
    };
    ast_opt::optimize(&mut module, &options).map_err(|e| SyntaxError {
        kind: SyntaxErrorKind::RecursionError,
        msg: e.to_string(),
        lineno: None,
        offset: None,
        end_lineno: None,
        end_offset: None,
    })?;
    let table = symtable::build(&module, &future)?;
    codegen::compile_module(&module, &table, &future, filename, optimize, warn)
}

/// What `krait [-O | -OO] -X dump=code FILE` prints: the code objects of
/// [`CodeObject::dump`], or for source that does not compile one line,
/// `SyntaxError ERRORTYPE:LINENO:OFFSET: MESSAGE`.
pub fn dump_code_or_error(source: &[u8], filename: &str, optimize: u8) -> String {
    match compile(source, filename, optimize) {
        Ok(code) => code.dump(),
        Err(e) => {
            let number = |n: Option<i64>| n.map_or("None".to_string(), |n| n.to_string());
            format!(
                "SyntaxError {}:{}:{}: {}",
                e.kind.name(),
                number(e.lineno),
                number(e.offset),
                e.msg
            )
        }
    }
}
