//! `_symtable` (Modules/symtablemodule.c, Python/symtable.c's
//! `PySTEntryObject`): the symbol tables of the compiler
//! (`krait_compiler::symtable`) as the objects Lib/symtable.py reads,
//! one "symtable entry" per scope with its names' flags and its children.

use crate::errors::PyResult;
use crate::object::{type_payload, Object};
use crate::objects::bytes::bytes_like;
use crate::objects::dict::dict_of;
use crate::objects::function::check_function_arity;
use crate::objects::str::StrObject;
use crate::typeobject::Args;
use crate::vm::Vm;
use krait_compiler::symtable::{self, ScopeId, ScopeKind, SymbolTable};
use krait_compiler::Mode;

/// One scope of a symbol table (`PySTEntryObject`).
#[derive(krait_derive::Traverse)]
pub struct SymtableEntry {
    name: Object,
    /// The block type: 0 function, 1 class, 2 module, 3 annotation.
    #[traverse(skip)]
    kind: i64,
    #[traverse(skip)]
    lineno: i64,
    #[traverse(skip)]
    nested: bool,
    /// Each name's flags, as a dict.
    symbols: Object,
    /// The parameters, as a list.
    varnames: Object,
    /// The entries of the scopes inside this one, as a list.
    children: Object,
}

fn entry(object: &Object) -> &SymtableEntry {
    object.payload::<SymtableEntry>().expect("a symtable entry")
}

/// Gives the "symtable entry" type its attributes, at start-up.
pub(crate) fn init_type(vm: &Vm) {
    let ty = &vm.types.symtable_entry;
    type_payload(ty).slots.repr.set(Some(|vm, e| {
        let name = crate::objects::str::as_rust_str(&entry(e).name).into_owned();
        Ok(vm.new_str(&format!(
            "<symtable entry {name}({}), line {}>",
            e.id(),
            entry(e).lineno
        )))
    }));
    let getters: [(&'static str, crate::objects::descr::Getter); 8] = [
        ("id", |vm, e| Ok(vm.new_int(e.id() as i64))),
        ("name", |_, e| Ok(entry(e).name.clone())),
        ("symbols", |_, e| Ok(entry(e).symbols.clone())),
        ("varnames", |_, e| Ok(entry(e).varnames.clone())),
        ("children", |_, e| Ok(entry(e).children.clone())),
        ("type", |vm, e| Ok(vm.new_int(entry(e).kind))),
        ("lineno", |vm, e| Ok(vm.new_int(entry(e).lineno))),
        ("nested", |vm, e| Ok(vm.new_int(entry(e).nested.into()))),
    ];
    for (name, get) in getters {
        crate::objects::descr::add_getset(vm, ty, name, get, None);
    }
    crate::slots::add_slot_wrappers(vm, ty);
}

/// Builds the `_symtable` module's namespace.
pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    use krait_compiler::symtable::*;
    let constants = [
        ("USE", USE),
        ("DEF_GLOBAL", DEF_GLOBAL),
        ("DEF_NONLOCAL", DEF_NONLOCAL),
        ("DEF_LOCAL", DEF_LOCAL),
        ("DEF_PARAM", DEF_PARAM),
        ("DEF_FREE", DEF_FREE),
        ("DEF_FREE_CLASS", DEF_FREE_CLASS),
        ("DEF_IMPORT", DEF_IMPORT),
        ("DEF_BOUND", DEF_BOUND),
        ("DEF_ANNOT", DEF_ANNOT),
        ("TYPE_FUNCTION", 0),
        ("TYPE_CLASS", 1),
        ("TYPE_MODULE", 2),
        ("LOCAL", SymbolScope::Local as u32),
        ("GLOBAL_EXPLICIT", SymbolScope::GlobalExplicit as u32),
        ("GLOBAL_IMPLICIT", SymbolScope::GlobalImplicit as u32),
        ("FREE", SymbolScope::Free as u32),
        ("CELL", SymbolScope::Cell as u32),
        ("SCOPE_OFF", SCOPE_OFFSET),
        ("SCOPE_MASK", SCOPE_MASK),
    ];
    super::add_functions(vm, module, &[("symtable", symtable_function)]);
    for (name, value) in constants {
        super::set_attr(vm, module, name, vm.new_int(value.into()));
    }
    Ok(())
}

/// `symtable(source, filename, compile_type)`: the entry of the module's
/// own scope.
fn symtable_function(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "symtable", args, 3, 3)?;
    let (source, filename, mode) = (&args.values[0], &args.values[1], &args.values[2]);
    let source = match source.payload::<StrObject>() {
        Some(s) => s.to_string_lossy().into_bytes(),
        None => bytes_like(source).ok_or_else(|| {
            vm.new_type_error("symtable() arg 1 must be a string or bytes object")
        })?,
    };
    let filename = crate::modules::posix::fspath(vm, filename)?;
    let filename = match filename.payload::<StrObject>() {
        Some(s) => s.to_string_lossy(),
        None => String::from_utf8_lossy(&bytes_like(&filename).unwrap_or_default()).into_owned(),
    };
    let Some(mode) = mode.payload::<StrObject>() else {
        return Err(vm.new_type_error(format!(
            "symtable() argument 3 must be str, not {}",
            vm.type_name(mode)
        )));
    };
    let mode = match mode.to_string_lossy().as_str() {
        "exec" => Mode::Exec,
        "eval" => Mode::Eval,
        "single" => Mode::Single,
        _ => {
            return Err(vm.new_value_error("symtable() arg 3 must be 'exec' or 'eval' or 'single'"))
        }
    };
    let syntax_error = |e| crate::exceptions::syntax_error(vm, &e, &filename, &source);
    let module = krait_compiler::parse_source(&source, mode).map_err(syntax_error)?;
    let future = krait_compiler::future::parse_future(&module).map_err(syntax_error)?;
    let table = symtable::build(&module, &future).map_err(syntax_error)?;
    Ok(new_entry(vm, &table, table.top()))
}

fn new_entry(vm: &Vm, table: &SymbolTable, id: ScopeId) -> Object {
    let scope = table.scope(id);
    let symbols = vm.new_dict();
    for symbol in scope.symbols() {
        dict_of(&symbols).set_str(
            vm,
            vm.intern(symbol.name()),
            vm.new_int(symbol.flags().into()),
        );
    }
    let varnames = scope.varnames().iter().map(|n| vm.intern(n)).collect();
    let children = scope
        .children()
        .iter()
        .map(|&child| new_entry(vm, table, child))
        .collect();
    let kind = match scope.kind() {
        ScopeKind::Function => 0,
        ScopeKind::Class => 1,
        ScopeKind::Module => 2,
        ScopeKind::Annotation => 3,
    };
    crate::object::alloc(
        &vm.types.symtable_entry,
        SymtableEntry {
            name: vm.intern(scope.name()),
            kind,
            lineno: scope.lineno().into(),
            nested: scope.is_nested(),
            symbols,
            varnames: vm.new_list(varnames),
            children: vm.new_list(children),
        },
    )
}
