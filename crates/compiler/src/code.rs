//! The code object: what the compiler makes of one scope
//! (Objects/codeobject.c, Include/cpython/code.h).
//!
//! Fields carry CPython 3.11's `co_*` names. As in 3.11, local variables,
//! cell variables and free variables live in one table, `localsplus`,
//! each name with a kind; `co_varnames`, `co_cellvars` and `co_freevars`
//! are views of it. Constants are the AST's [`Constant`] values, plus the
//! code objects of nested scopes.
//!
//! [`CodeObject::dump`] writes the text of `krait -X dump=code`, which a
//! test compares with what tools/oracle/code_dump.py prints for CPython.

use krait_parser::ast::Constant;
use krait_parser::repr::constant_repr;
use std::fmt::Write;

/// `co_flags` bits (Include/cpython/code.h).
pub mod flags {
    pub const CO_OPTIMIZED: u32 = 0x0001;
    pub const CO_NEWLOCALS: u32 = 0x0002;
    pub const CO_VARARGS: u32 = 0x0004;
    pub const CO_VARKEYWORDS: u32 = 0x0008;
    pub const CO_NESTED: u32 = 0x0010;
    pub const CO_GENERATOR: u32 = 0x0020;
    pub const CO_COROUTINE: u32 = 0x0080;
    pub const CO_ITERABLE_COROUTINE: u32 = 0x0100;
    pub const CO_ASYNC_GENERATOR: u32 = 0x0200;
    /// `from __future__ import annotations`, the only future flag of
    /// 3.11 that changes compilation; compile() masks the flags a code
    /// object inherits with PyCF_MASK.
    pub const CO_FUTURE_ANNOTATIONS: u32 = 0x100_0000;
}

/// What a `localsplus` slot holds (Include/internal/pycore_code.h's
/// `_PyLocals_Kind`); a parameter that a closure captures is both a
/// local and a cell.
pub mod local_kind {
    pub const CO_FAST_LOCAL: u8 = 0x20;
    pub const CO_FAST_CELL: u8 = 0x40;
    pub const CO_FAST_FREE: u8 = 0x80;
}

/// One entry of `co_consts`.
#[derive(Debug, Clone, PartialEq)]
pub enum CodeConstant {
    Value(Constant),
    Code(Box<CodeObject>),
}

/// A compiled scope, with every attribute a 3.11 code object has.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeObject {
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub stacksize: u32,
    pub flags: u32,
    /// Wordcode: an opcode byte and an argument byte per code unit, CACHE
    /// entries included.
    pub code: Vec<u8>,
    pub consts: Vec<CodeConstant>,
    pub names: Vec<String>,
    /// Locals, then cells that are not also locals, then free variables.
    pub localsplusnames: Vec<String>,
    pub localspluskinds: Vec<u8>,
    pub filename: String,
    pub name: String,
    pub qualname: String,
    pub firstlineno: u32,
    /// Locations in 3.11's format (Objects/locations.md).
    pub linetable: Vec<u8>,
    /// Exception handlers in 3.11's format
    /// (Objects/exception_handling_notes.txt).
    pub exceptiontable: Vec<u8>,
}

impl CodeObject {
    fn names_of_kind(&self, kind: u8) -> impl Iterator<Item = &str> {
        self.localsplusnames
            .iter()
            .zip(&self.localspluskinds)
            .filter(move |(_, k)| *k & kind != 0)
            .map(|(name, _)| name.as_str())
    }

    /// `co_varnames`: parameters first, then the other locals.
    pub fn varnames(&self) -> Vec<&str> {
        self.names_of_kind(local_kind::CO_FAST_LOCAL).collect()
    }

    /// `co_cellvars`: variables that nested scopes capture.
    pub fn cellvars(&self) -> Vec<&str> {
        self.names_of_kind(local_kind::CO_FAST_CELL).collect()
    }

    /// `co_freevars`: variables captured from enclosing scopes.
    pub fn freevars(&self) -> Vec<&str> {
        self.names_of_kind(local_kind::CO_FAST_FREE).collect()
    }

    /// `co_nlocals`.
    pub fn nlocals(&self) -> usize {
        self.varnames().len()
    }

    /// The text of `krait -X dump=code` for this code object and, depth
    /// first in `co_consts` order, every code object among its constants.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        self.dump_into(&mut out);
        out
    }

    fn dump_into(&self, out: &mut String) {
        let hex = |bytes: &[u8]| -> String { bytes.iter().map(|b| format!("{b:02x}")).collect() };
        let consts: Vec<String> = self.consts.iter().map(dump_code_constant).collect();
        let _ = writeln!(out, "code {} {}", self.qualname, self.firstlineno);
        let _ = writeln!(out, "  name {}", self.name);
        let _ = writeln!(
            out,
            "  args {} {} {} nlocals {} stacksize {} flags 0x{:x}",
            self.argcount,
            self.posonlyargcount,
            self.kwonlyargcount,
            self.nlocals(),
            self.stacksize,
            self.flags
        );
        let _ = writeln!(out, "  code {}", hex(&self.code));
        let _ = writeln!(out, "  consts {}", consts.join(" | "));
        let _ = writeln!(out, "  names {}", self.names.join(" "));
        let _ = writeln!(out, "  varnames {}", self.varnames().join(" "));
        let _ = writeln!(out, "  cellvars {}", self.cellvars().join(" "));
        let _ = writeln!(out, "  freevars {}", self.freevars().join(" "));
        let _ = writeln!(out, "  linetable {}", hex(&self.linetable));
        let _ = writeln!(out, "  exceptiontable {}", hex(&self.exceptiontable));
        for constant in &self.consts {
            if let CodeConstant::Code(code) = constant {
                code.dump_into(out);
            }
        }
    }
}

fn dump_code_constant(constant: &CodeConstant) -> String {
    match constant {
        CodeConstant::Code(code) => format!("<code {}>", code.qualname),
        CodeConstant::Value(value) => dump_constant(value),
    }
}

/// A constant as the dump writes it: `TYPENAME:REPR` for a scalar, tuples
/// and frozensets by their items, the items of a frozenset sorted as text
/// (CPython's order is that of hashes).
fn dump_constant(value: &Constant) -> String {
    match value {
        Constant::Tuple(items) => {
            let items: Vec<String> = items.iter().map(dump_constant).collect();
            match items.as_slice() {
                [one] => format!("({one},)"),
                _ => format!("({})", items.join(", ")),
            }
        }
        Constant::FrozenSet(items) => {
            let mut items: Vec<String> = items.iter().map(dump_constant).collect();
            items.sort();
            format!("frozenset({{{}}})", items.join(", "))
        }
        scalar => format!("{}:{}", type_name(scalar), constant_repr(scalar)),
    }
}

/// `type(value).__name__`.
pub fn type_name(value: &Constant) -> &'static str {
    match value {
        Constant::None => "NoneType",
        Constant::Bool(_) => "bool",
        Constant::Ellipsis => "ellipsis",
        Constant::Int(_) => "int",
        Constant::Float(_) => "float",
        Constant::Complex { .. } => "complex",
        Constant::Str(_) => "str",
        Constant::Bytes(_) => "bytes",
        Constant::Tuple(_) => "tuple",
        Constant::FrozenSet(_) => "frozenset",
    }
}
