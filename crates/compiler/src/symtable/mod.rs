//! # The symbol table (Python/symtable.c)
//!
//! Before any code is generated, every name in a module is classified: is
//! it local to its function, global, or a variable of an enclosing
//! function (free here, a *cell* there)? The answer decides which
//! instruction reads it (`LOAD_FAST`, `LOAD_GLOBAL`, `LOAD_DEREF`,
//! `LOAD_NAME`, ...), which names a code object lists in `co_varnames`,
//! `co_cellvars` and `co_freevars`, and whether a function is a generator
//! or a coroutine. Most compile-time errors about names come from here.
//!
//! ## Main types
//!
//! - [`SymbolTable`]: every [`Scope`] of a module, in an arena indexed by
//!   [`ScopeId`]; [`SymbolTable::top`] is the module itself.
//! - [`Scope`] (CPython's `PySTEntryObject`, the `symtable` module's
//!   `SymbolTable`): one block of code with its own namespace: the module,
//!   a class body, a function, a lambda, a comprehension.
//! - [`Symbol`]: a name in one scope, with its *flags*: how the scope
//!   uses the name (the `DEF_*` and [`USE`] bits) and, after analysis, its
//!   [`SymbolScope`] in bits [`SCOPE_OFFSET`].. — one integer, laid out
//!   exactly as CPython's, so that dumps compare with the `symtable`
//!   module's bit for bit.
//!
//! ## How a table is built: two passes, as in symtable.c
//!
//! 1. [`builder`] walks the AST once (`symtable_visit_*`). It creates a
//!    scope for each function, class, lambda and comprehension, and
//!    records raw facts per name: assigned here, a parameter, used,
//!    declared `global`... It raises the errors that need only those facts
//!    and the order of statements ("name 'x' is used prior to global
//!    declaration", duplicate parameters, assignment expressions in
//!    comprehensions, `yield` in a comprehension, ...).
//! 2. [`analysis`] walks the tree of scopes (`symtable_analyze`). Each
//!    scope receives from its parent the names bound in enclosing
//!    functions (`bound`) and those declared global (`global`), decides
//!    the scope of each of its names (`analyze_name`), then analyses its
//!    children, which report back the names they use freely. A local name
//!    that a child uses freely becomes a cell (`analyze_cells`); in a
//!    class, a free `__class__` becomes the implicit class cell
//!    (`drop_class_free`); names still free pass upwards and are recorded
//!    as free in every scope they cross (`update_symbols`). The errors
//!    that need the whole picture ("no binding for nonlocal 'x' found")
//!    are raised here, at the `nonlocal` or `global` statement, found
//!    through the directives pass 1 kept.
//!
//! ## Invariants
//!
//! - Scopes are keyed by the address of their AST node
//!   ([`SymbolTable::scope_of_node`]), as CPython keys them by pointer.
//!   The AST is neither moved nor mutated between building the table and
//!   generating code from it, so each address stays valid and unique.
//! - A symbol's name is the *mangled* name (`__x` in class `C` is stored
//!   as `_C__x`, see [`mangle`]); look names up mangled.
//! - Symbols keep the order in which pass 1 met them, except the names
//!   pass 2 adds for variables passing through a scope free, which come
//!   last, sorted (CPython adds those in the order of a hashed set).
//! - With `from __future__ import annotations`, annotations are visited in
//!   scopes of their own, [`ScopeKind::Annotation`], so that the names
//!   they use are not recorded in the enclosing scope (they are never
//!   evaluated). As in CPython, those scopes are nobody's children: pass 2
//!   never sees them, and the scopes created inside them (a lambda in an
//!   annotation) are never analysed.
//! - The module scope holds a symbol for every name declared `global`
//!   anywhere in the module, as CPython's does.

mod analysis;
mod builder;
mod dump;

use std::collections::HashMap;

use krait_parser::ast::{Expr, Loc, Mod, Stmt};
use krait_parser::SyntaxError;

use crate::ast_opt::DEFAULT_RECURSION_LIMIT;
use crate::future::FutureFeatures;

pub use dump::dump;

/// The index of a scope in its [`SymbolTable`].
pub type ScopeId = usize;

// The flags pass 1 records for a name, as in CPython's
// Include/internal/pycore_symtable.h.

/// Declared by a `global` statement.
pub const DEF_GLOBAL: u32 = 1;
/// Bound in the scope: assigned, deleted, a `for` or `with` target, a
/// function or class name, an exception name, a pattern capture.
pub const DEF_LOCAL: u32 = 2;
/// A parameter.
pub const DEF_PARAM: u32 = 2 << 1;
/// Declared by a `nonlocal` statement.
pub const DEF_NONLOCAL: u32 = 2 << 2;
/// Read.
pub const USE: u32 = 2 << 3;
/// Used but not defined in a nested scope (defined by CPython, never set).
pub const DEF_FREE: u32 = 2 << 4;
/// A variable free in a method that is also bound in its class body.
pub const DEF_FREE_CLASS: u32 = 2 << 5;
/// Bound by an import.
pub const DEF_IMPORT: u32 = 2 << 6;
/// Annotated (`x: int`).
pub const DEF_ANNOT: u32 = 2 << 7;
/// An iteration variable of a comprehension.
pub const DEF_COMP_ITER: u32 = 2 << 8;
/// Any of the ways a scope binds a name.
pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// Where a symbol's [`SymbolScope`] sits in its flags.
pub const SCOPE_OFFSET: u32 = 11;
/// The bits of a symbol's [`SymbolScope`], once shifted down.
pub const SCOPE_MASK: u32 = DEF_GLOBAL | DEF_LOCAL | DEF_PARAM | DEF_NONLOCAL;

/// How a name is resolved, which decides the instructions that read and
/// write it. The values are CPython's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolScope {
    /// Local to the scope: a fast local in a function, a namespace entry
    /// in a module or class body.
    Local = 1,
    /// Declared `global` (or global because an enclosing class body
    /// declares it so).
    GlobalExplicit = 2,
    /// Not bound in any enclosing function: a global or a builtin.
    GlobalImplicit = 3,
    /// Bound in an enclosing function, read through a cell.
    Free = 4,
    /// Local, but used by a nested scope, so kept in a cell.
    Cell = 5,
}

impl SymbolScope {
    fn from_bits(bits: u32) -> Option<SymbolScope> {
        Some(match bits {
            1 => SymbolScope::Local,
            2 => SymbolScope::GlobalExplicit,
            3 => SymbolScope::GlobalImplicit,
            4 => SymbolScope::Free,
            5 => SymbolScope::Cell,
            _ => return None,
        })
    }
}

/// The kind of block a scope is (CPython's `_Py_block_ty`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// A function, a lambda or a comprehension.
    Function,
    Class,
    Module,
    /// The annotations of a statement under `from __future__ import
    /// annotations`; never part of the tree of scopes (see the module
    /// documentation).
    Annotation,
}

impl ScopeKind {
    /// The name the `symtable` module's `get_type()` gives this kind.
    pub fn type_name(self) -> &'static str {
        match self {
            ScopeKind::Function => "function",
            ScopeKind::Class => "class",
            ScopeKind::Module => "module",
            ScopeKind::Annotation => "annotation",
        }
    }
}

/// Which comprehension a function scope implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComprehensionKind {
    List,
    Set,
    Dict,
    /// A generator expression.
    Generator,
}

/// A name in a scope, with its flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    name: String,
    flags: u32,
}

impl Symbol {
    /// The name, mangled if it is private to a class.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The flags as CPython stores them: the `DEF_*` and [`USE`] bits,
    /// and the [`SymbolScope`] shifted left by [`SCOPE_OFFSET`].
    pub fn flags(&self) -> u32 {
        self.flags
    }

    /// The resolved scope; `None` only in the scopes analysis never
    /// reaches (those of [`ScopeKind::Annotation`] and their children).
    pub fn scope(&self) -> Option<SymbolScope> {
        SymbolScope::from_bits((self.flags >> SCOPE_OFFSET) & SCOPE_MASK)
    }

    pub fn is_referenced(&self) -> bool {
        self.flags & USE != 0
    }

    pub fn is_parameter(&self) -> bool {
        self.flags & DEF_PARAM != 0
    }

    pub fn is_global(&self) -> bool {
        matches!(
            self.scope(),
            Some(SymbolScope::GlobalExplicit | SymbolScope::GlobalImplicit)
        )
    }

    pub fn is_declared_global(&self) -> bool {
        self.scope() == Some(SymbolScope::GlobalExplicit)
    }

    pub fn is_nonlocal(&self) -> bool {
        self.flags & DEF_NONLOCAL != 0
    }

    pub fn is_local(&self) -> bool {
        matches!(self.scope(), Some(SymbolScope::Local | SymbolScope::Cell))
    }

    pub fn is_free(&self) -> bool {
        self.scope() == Some(SymbolScope::Free)
    }

    pub fn is_imported(&self) -> bool {
        self.flags & DEF_IMPORT != 0
    }

    pub fn is_assigned(&self) -> bool {
        self.flags & DEF_LOCAL != 0
    }

    pub fn is_annotated(&self) -> bool {
        self.flags & DEF_ANNOT != 0
    }
}

/// One scope: a module, class body, function, lambda or comprehension
/// (CPython's `PySTEntryObject`).
#[derive(Debug, Clone)]
pub struct Scope {
    name: String,
    kind: ScopeKind,
    loc: Loc,
    symbols: Vec<Symbol>,
    /// Index of each symbol in `symbols`, by name.
    index: HashMap<String, usize>,
    varnames: Vec<String>,
    children: Vec<ScopeId>,
    /// The `global` and `nonlocal` declarations (and the implicit ones of
    /// assignment expressions in comprehensions), mangled name and
    /// location, so that pass 2 can point its errors at them.
    directives: Vec<(String, Loc)>,
    nested: bool,
    free: bool,
    child_free: bool,
    generator: bool,
    coroutine: bool,
    comprehension: Option<ComprehensionKind>,
    comp_iter_expr: u32,
    comp_iter_target: bool,
    varargs: bool,
    varkeywords: bool,
    returns_value: bool,
    needs_class_closure: bool,
}

impl Scope {
    fn new(name: &str, kind: ScopeKind, loc: Loc, nested: bool, comp_iter_expr: u32) -> Scope {
        Scope {
            name: name.to_string(),
            kind,
            loc,
            symbols: Vec::new(),
            index: HashMap::new(),
            varnames: Vec::new(),
            children: Vec::new(),
            directives: Vec::new(),
            nested,
            free: false,
            child_free: false,
            generator: false,
            coroutine: false,
            comprehension: None,
            comp_iter_expr,
            comp_iter_target: false,
            varargs: false,
            varkeywords: false,
            returns_value: false,
            needs_class_closure: false,
        }
    }

    /// Ors `flags` into the flags of symbol `name`, adding the symbol if
    /// the scope does not know it yet.
    fn add_flags(&mut self, name: &str, flags: u32) {
        match self.index.get(name) {
            Some(&i) => self.symbols[i].flags |= flags,
            None => {
                self.index.insert(name.to_string(), self.symbols.len());
                self.symbols.push(Symbol {
                    name: name.to_string(),
                    flags,
                });
            }
        }
    }

    /// The function's or class's name; `top` for the module, `lambda`,
    /// `listcomp`, `setcomp`, `dictcomp` and `genexpr` for the unnamed
    /// ones.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn kind(&self) -> ScopeKind {
        self.kind
    }

    /// The line of the node that opened the scope (0 for the module).
    pub fn lineno(&self) -> u32 {
        self.loc.lineno
    }

    pub fn col_offset(&self) -> u32 {
        self.loc.col_offset
    }

    pub fn end_lineno(&self) -> u32 {
        self.loc.end_lineno
    }

    pub fn end_col_offset(&self) -> u32 {
        self.loc.end_col_offset
    }

    /// The symbols, in the order described in the module documentation.
    pub fn symbols(&self) -> &[Symbol] {
        &self.symbols
    }

    /// The symbol of a (mangled) name.
    pub fn lookup(&self, name: &str) -> Option<&Symbol> {
        self.index.get(name).map(|&i| &self.symbols[i])
    }

    /// The flags of a (mangled) name, 0 if the scope does not know it
    /// (`_PyST_GetSymbol`).
    pub fn symbol_flags(&self, name: &str) -> u32 {
        self.lookup(name).map_or(0, Symbol::flags)
    }

    /// The resolved scope of a (mangled) name, `None` if the scope does
    /// not know it (`_PyST_GetScope`, which returns 0 then): names the
    /// code generator makes up itself, such as `__qualname__`.
    pub fn symbol_scope(&self, name: &str) -> Option<SymbolScope> {
        self.lookup(name).and_then(Symbol::scope)
    }

    /// The parameters, in the order of `co_varnames`: positional-only,
    /// positional, keyword-only, then `*args` and `**kwargs`; `.0`, the
    /// iterator, for a comprehension.
    pub fn varnames(&self) -> &[String] {
        &self.varnames
    }

    /// The scopes directly inside this one, in source order.
    pub fn children(&self) -> &[ScopeId] {
        &self.children
    }

    /// Whether the scope is inside a function (`ste_nested`).
    pub fn is_nested(&self) -> bool {
        self.nested
    }

    /// Whether names are resolved at compile time, as fast locals: true
    /// for function scopes (functions, lambdas, comprehensions).
    pub fn is_optimized(&self) -> bool {
        self.kind == ScopeKind::Function
    }

    /// Whether the scope uses a free variable or, being nested, a global
    /// (`ste_free`).
    pub fn has_free(&self) -> bool {
        self.free
    }

    /// Whether a scope inside this one uses free variables
    /// (`ste_child_free`).
    pub fn has_child_free(&self) -> bool {
        self.child_free
    }

    /// Whether the scope contains `yield` or is a generator expression.
    pub fn is_generator(&self) -> bool {
        self.generator
    }

    /// Whether the scope is `async def`, awaits, or iterates
    /// asynchronously (and so, for a comprehension, runs as a coroutine).
    pub fn is_coroutine(&self) -> bool {
        self.coroutine
    }

    /// The kind of comprehension, for the scope of one.
    pub fn comprehension(&self) -> Option<ComprehensionKind> {
        self.comprehension
    }

    /// How many outermost comprehension iterables enclosed the scope when
    /// it was opened (`ste_comp_iter_expr`): nonzero for a lambda or a
    /// comprehension inside one.
    pub fn comp_iter_expr(&self) -> u32 {
        self.comp_iter_expr
    }

    /// Whether the function has a `*args` parameter.
    pub fn has_varargs(&self) -> bool {
        self.varargs
    }

    /// Whether the function has a `**kwargs` parameter.
    pub fn has_varkeywords(&self) -> bool {
        self.varkeywords
    }

    /// Whether the function has a `return` with a value.
    pub fn returns_value(&self) -> bool {
        self.returns_value
    }

    /// Whether the class body needs the implicit `__class__` cell, for
    /// `super()` or `__class__` in its methods.
    pub fn needs_class_closure(&self) -> bool {
        self.needs_class_closure
    }
}

/// Every scope of a module, with the results of analysis.
#[derive(Debug, Clone)]
pub struct SymbolTable {
    scopes: Vec<Scope>,
    /// Scope of each scope-defining node, by the node's address.
    by_node: HashMap<usize, ScopeId>,
}

impl SymbolTable {
    /// The module's own scope.
    pub fn top(&self) -> ScopeId {
        0
    }

    pub fn scope(&self, id: ScopeId) -> &Scope {
        &self.scopes[id]
    }

    /// The scope a node opens: a `FunctionDef`, `AsyncFunctionDef` or
    /// `ClassDef` statement, a `Lambda`, `ListComp`, `SetComp`, `DictComp`
    /// or `GeneratorExp` expression, or the module itself, found by the
    /// node's address.
    ///
    /// # Panics
    /// If `node` is not one of those nodes of the AST the table was built
    /// from, at the address it had then: a bug in the caller.
    pub fn scope_of_node<T: ScopeNode>(&self, node: &T) -> ScopeId {
        match self.by_node.get(&node_key(node)) {
            Some(&id) => id,
            None => panic!("no scope for the node at {:p}", node),
        }
    }
}

/// The node types that can open a scope. Keying by address needs the
/// node itself: a `&Box<Expr>` would give the address of the box, which
/// this bound turns into a type error.
pub trait ScopeNode {}

impl ScopeNode for Mod {}
impl ScopeNode for Stmt {}
impl ScopeNode for Expr {}

fn node_key<T: ScopeNode>(node: &T) -> usize {
    node as *const T as usize
}

/// Builds the symbol table of a module (any of the `exec`, `eval` and
/// `single` modes), as `_PySymtable_Build` does, for a compilation with
/// nothing else on the Python stack.
pub fn build(module: &Mod, future: &FutureFeatures) -> Result<SymbolTable, SyntaxError> {
    build_with_recursion_limit(module, future, DEFAULT_RECURSION_LIMIT)
}

/// [`build`], with statements, expressions and patterns allowed to nest
/// `recursion_limit` deep: CPython allows `3 * (sys.getrecursionlimit() -
/// d)` to a compilation started at recursion depth `d`, the same limit as
/// the AST optimizer's. Deeper nesting fails with CPython's message,
/// "maximum recursion depth exceeded during compilation", and no
/// location, as a RecursionError.
pub fn build_with_recursion_limit(
    module: &Mod,
    future: &FutureFeatures,
    recursion_limit: u32,
) -> Result<SymbolTable, SyntaxError> {
    let mut table = builder::build(module, future, recursion_limit)?;
    analysis::analyze(&mut table)?;
    Ok(table)
}

/// Private name mangling (`_Py_Mangle`): inside class `private`, a name
/// `__spam` that does not end in two underscores becomes `_private__spam`,
/// with the class name's leading underscores stripped. Dotted names (of
/// modules in an import) and classes named only with underscores are left
/// alone.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    mangled(private, name).into_owned()
}

fn mangled<'n>(private: Option<&str>, name: &'n str) -> std::borrow::Cow<'n, str> {
    let Some(private) = private else {
        return name.into();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.into();
    }
    let class = private.trim_start_matches('_');
    if class.is_empty() {
        return name.into();
    }
    format!("_{class}{name}").into()
}

/// A SyntaxError at a node, with CPython's 1-based offsets.
fn located_error(msg: impl Into<String>, loc: Loc) -> SyntaxError {
    SyntaxError::new(
        krait_parser::SyntaxErrorKind::SyntaxError,
        msg,
        loc.lineno.into(),
        i64::from(loc.col_offset) + 1,
        loc.end_lineno.into(),
        i64::from(loc.end_col_offset) + 1,
    )
}
