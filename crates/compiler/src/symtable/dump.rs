//! A text dump of a symbol table that CPython's `symtable` module can
//! produce too (tools/oracle/symtable_dump.py), so that tests compare
//! Krait's tables with CPython's.

use std::fmt::Write;

use super::{ComprehensionKind, ScopeId, ScopeKind, SymbolScope, SymbolTable, SCOPE_OFFSET};

/// Every scope depth-first, children in order, each as a header line
/// (type, name, line, and the properties the code generator reads) then
/// its parameters and its symbols with their raw flags, indented by depth:
///
/// ```text
/// module top lineno=0 nested=0 optimized=0
///   symbol f 2050
///   function f lineno=1 nested=0 optimized=1 comprehension=none generator=0 coroutine=0 varargs=0 varkeywords=0
///     varnames: x
///     symbol x 2052
/// ```
///
/// Symbols come in the table's order, except that the names only
/// passing through a scope free are listed last and sorted, since CPython
/// orders those by hash.
pub fn dump(table: &SymbolTable) -> String {
    let mut out = String::new();
    dump_scope(table, table.top(), 0, &mut out);
    out
}

fn dump_scope(table: &SymbolTable, id: ScopeId, depth: usize, out: &mut String) {
    let scope = table.scope(id);
    let indent = "  ".repeat(depth);
    let flag = |b: bool| u8::from(b);
    let _ = write!(
        out,
        "{indent}{} {} lineno={} nested={} optimized={}",
        scope.kind().type_name(),
        scope.name(),
        scope.lineno(),
        flag(scope.is_nested()),
        flag(scope.is_optimized()),
    );
    match scope.kind() {
        ScopeKind::Function => {
            let comprehension = match scope.comprehension() {
                None => "none",
                Some(ComprehensionKind::List) => "list",
                Some(ComprehensionKind::Set) => "set",
                Some(ComprehensionKind::Dict) => "dict",
                Some(ComprehensionKind::Generator) => "generator",
            };
            let _ = writeln!(
                out,
                " comprehension={comprehension} generator={} coroutine={} varargs={} varkeywords={}",
                flag(scope.is_generator()),
                flag(scope.is_coroutine()),
                flag(scope.has_varargs()),
                flag(scope.has_varkeywords()),
            );
            let _ = write!(out, "{indent}  varnames:");
            for name in scope.varnames() {
                let _ = write!(out, " {name}");
            }
            out.push('\n');
        }
        ScopeKind::Class => {
            let _ = writeln!(
                out,
                " needs_class_closure={}",
                flag(scope.needs_class_closure())
            );
        }
        ScopeKind::Module | ScopeKind::Annotation => out.push('\n'),
    }
    let free_only = (SymbolScope::Free as u32) << SCOPE_OFFSET;
    let (passing, own): (Vec<_>, Vec<_>) = scope
        .symbols()
        .iter()
        .partition(|symbol| symbol.flags() == free_only);
    let mut passing: Vec<_> = passing.into_iter().map(|symbol| symbol.name()).collect();
    passing.sort_unstable();
    for symbol in own {
        let _ = writeln!(out, "{indent}  symbol {} {}", symbol.name(), symbol.flags());
    }
    for name in passing {
        let _ = writeln!(out, "{indent}  symbol {name} {free_only}");
    }
    for &child in scope.children() {
        dump_scope(table, child, depth + 1, out);
    }
}
