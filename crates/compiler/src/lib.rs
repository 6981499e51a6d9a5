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
pub mod flowgraph;
pub mod future;
pub mod opcode;
pub mod symtable;

pub use krait_parser::{SyntaxError, SyntaxErrorKind};
