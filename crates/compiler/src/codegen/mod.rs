//! Code generation: the AST of each scope to instructions in basic blocks,
//! as the first half of 3.11's Python/compile.c does it.
//!
//! A [`Compiler`] walks the module with a stack of [`Unit`]s, one per
//! scope being compiled (`struct compiler_unit`): entering a function,
//! class, lambda or comprehension pushes a unit, and leaving it assembles
//! the unit's blocks into a code object that becomes a constant of the
//! enclosing unit. Each unit keeps the tables its code object will have
//! (constants, names, variable names, cells, free variables), the
//! location the next instruction gets, and the stack of "frame blocks"
//! (loops, `try`, `with`, handlers) that `break`, `continue` and `return`
//! must unwind.
//!
//! Statements are in [`stmt`], expressions in [`expr`], `match` in
//! [`pattern`]; this file has what they share.

mod expr;
mod pattern;
mod stmt;

use std::collections::HashMap;

use krait_parser::ast::{Constant, Expr, ExprContext, Loc, Mod, Stmt, StmtKind};
use krait_parser::{SyntaxError, SyntaxErrorKind};

use crate::assemble::{assemble, ScopeCode};
use crate::code::{flags, CodeConstant, CodeObject};
use crate::flowgraph::{same_code, BlockId, Cfg, Instr, Location};
use crate::future::FutureFeatures;
use crate::opcode::Opcode;
use crate::symtable::{mangle, ScopeId, ScopeKind, SymbolScope, SymbolTable, DEF_FREE_CLASS};
use crate::{SyntaxWarning, WarningAction};

type Result<T> = std::result::Result<T, SyntaxError>;

/// Compiles a module whose symbol table is `table` (`compiler_mod`).
pub(crate) fn compile_module<'a>(
    module: &'a Mod,
    table: &'a SymbolTable,
    future: &FutureFeatures,
    filename: &'a str,
    optimize: u8,
    warn: &'a mut dyn FnMut(&SyntaxWarning) -> WarningAction,
) -> Result<CodeObject> {
    let mut c = Compiler {
        warn,
        table,
        future: *future,
        filename,
        optimize,
        interactive: matches!(module, Mod::Interactive { .. }),
        unit: None,
        outer: Vec::new(),
    };
    c.enter_scope("<module>", UnitKind::Module, table.top(), 1);
    c.u_mut().loc.lineno = 1;
    let add_none = match module {
        Mod::Module { body, .. } => {
            c.body(body)?;
            true
        }
        Mod::Interactive { body } => {
            if c.find_annotations(body) {
                c.emit(Opcode::SETUP_ANNOTATIONS);
            }
            for s in body {
                c.visit_stmt(s)?;
            }
            true
        }
        Mod::Expression { body } => {
            c.visit_expr(body)?;
            false
        }
        Mod::FunctionType { .. } => false,
    };
    Ok(c.exit_scope(add_none))
}

/// What kind of scope a unit compiles (`COMPILER_SCOPE_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
}

/// A table of names in first-added order, as the dicts of a compiler
/// unit: adding a name it has gives the existing index.
#[derive(Debug, Default)]
struct NameTable {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

impl NameTable {
    fn add(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), i);
        i
    }

    fn get(&self, name: &str) -> Option<u32> {
        self.index.get(name).copied()
    }

    fn len(&self) -> u32 {
        self.names.len() as u32
    }
}

/// What a frame block is (`enum fblocktype`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FBlockKind {
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry,
    FinallyEnd,
    With,
    AsyncWith,
    HandlerCleanup,
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
}

/// What unwinding a frame block needs besides its kind (`fb_datum`).
#[derive(Debug, Clone, Copy)]
enum FBlockDatum<'a> {
    None,
    /// The `finally` body a `return` or `break` must run.
    FinalBody(&'a [Stmt]),
    /// The name an `except ... as name` handler binds.
    HandlerName(&'a str),
    /// The `with` statement, whose location the exit call gets.
    With(Loc),
}

#[derive(Debug, Clone, Copy)]
struct FBlock<'a> {
    kind: FBlockKind,
    /// Where `continue` goes, for a loop.
    block: BlockId,
    /// Where `break` goes, for a loop.
    exit: Option<BlockId>,
    datum: FBlockDatum<'a>,
}

/// One scope being compiled (`struct compiler_unit`).
struct Unit<'a> {
    kind: UnitKind,
    scope: ScopeId,
    cfg: Cfg,
    consts: Vec<CodeConstant>,
    /// Index of each value constant in `consts`, keyed by
    /// [`constant_key`].
    const_index: HashMap<String, u32>,
    names: NameTable,
    varnames: NameTable,
    cellvars: NameTable,
    /// Free variables, indexed after the cells.
    freevars: NameTable,
    private: Option<String>,
    argcount: u32,
    posonlyargcount: u32,
    kwonlyargcount: u32,
    name: String,
    qualname: String,
    firstlineno: u32,
    /// The location the next instruction gets.
    loc: Location,
    fblocks: Vec<FBlock<'a>>,
}

/// The walk over one module (`struct compiler`).
struct Compiler<'a> {
    /// Where SyntaxWarnings go.
    warn: &'a mut dyn FnMut(&SyntaxWarning) -> WarningAction,
    table: &'a SymbolTable,
    future: FutureFeatures,
    filename: &'a str,
    optimize: u8,
    interactive: bool,
    /// The innermost unit; `None` only before the module's is entered.
    unit: Option<Unit<'a>>,
    /// The enclosing units, outermost first.
    outer: Vec<Unit<'a>>,
}

/// A key under which equal constants are one entry of `co_consts`, as
/// `_PyCode_ConstantKey` makes them: values of different types (`1`,
/// `1.0`, `True`) or signs of zero stay apart.
fn constant_key(value: &Constant) -> String {
    format!("{value:?}")
}

fn has_nan(value: &Constant) -> bool {
    match value {
        Constant::Float(x) => x.is_nan(),
        Constant::Complex { real, imag } => real.is_nan() || imag.is_nan(),
        Constant::Tuple(items) | Constant::FrozenSet(items) => items.iter().any(has_nan),
        _ => false,
    }
}

/// The location of an AST node, as the instructions made for it get it.
fn location(loc: Loc) -> Location {
    Location {
        lineno: loc.lineno as i32,
        end_lineno: loc.end_lineno as i32,
        col_offset: loc.col_offset as i32,
        end_col_offset: loc.end_col_offset as i32,
    }
}

impl<'a> Compiler<'a> {
    fn u(&self) -> &Unit<'a> {
        self.unit.as_ref().expect("inside a unit")
    }

    fn u_mut(&mut self) -> &mut Unit<'a> {
        self.unit.as_mut().expect("inside a unit")
    }

    // ----- Scopes -----

    /// `compiler_enter_scope`.
    fn enter_scope(&mut self, name: &str, kind: UnitKind, scope: ScopeId, lineno: u32) {
        let ste = self.table.scope(scope);
        let mut varnames = NameTable::default();
        for name in ste.varnames() {
            varnames.add(name);
        }
        let mut cells: Vec<&str> = ste
            .symbols()
            .iter()
            .filter(|s| s.scope() == Some(SymbolScope::Cell))
            .map(|s| s.name())
            .collect();
        cells.sort_unstable();
        let mut cellvars = NameTable::default();
        for name in cells {
            cellvars.add(name);
        }
        if ste.needs_class_closure() {
            cellvars.add("__class__");
        }
        let mut frees: Vec<&str> = ste
            .symbols()
            .iter()
            .filter(|s| s.scope() == Some(SymbolScope::Free) || s.flags() & DEF_FREE_CLASS != 0)
            .map(|s| s.name())
            .collect();
        frees.sort_unstable();
        let mut freevars = NameTable::default();
        for name in frees {
            freevars.add(name);
        }
        let private = self.unit.as_ref().and_then(|u| u.private.clone());
        let lineno = lineno as i32;
        let unit = Unit {
            kind,
            scope,
            cfg: Cfg::new(),
            consts: Vec::new(),
            const_index: HashMap::new(),
            names: NameTable::default(),
            varnames,
            cellvars,
            freevars,
            private,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            name: name.to_string(),
            qualname: String::new(),
            firstlineno: lineno as u32,
            loc: Location {
                lineno,
                end_lineno: lineno,
                col_offset: 0,
                end_col_offset: 0,
            },
            fblocks: Vec::new(),
        };
        if let Some(parent) = self.unit.replace(unit) {
            self.outer.push(parent);
        }
        if kind == UnitKind::Module {
            self.u_mut().loc.lineno = 0;
        } else {
            self.set_qualname();
        }
        self.emit_arg(Opcode::RESUME, 0);
        if kind == UnitKind::Module {
            self.u_mut().loc.lineno = -1;
        }
    }

    /// `compiler_set_qualname`: a function's or class's name, prefixed by
    /// its enclosing scopes' unless it is declared global there.
    fn set_qualname(&mut self) {
        let u = self.u();
        let mut qualname = u.name.clone();
        if let Some(parent) = self.outer.last().filter(|p| p.kind != UnitKind::Module) {
            let mut force_global = false;
            if matches!(
                u.kind,
                UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Class
            ) {
                let mangled = mangle(parent.private.as_deref(), &u.name);
                force_global = self.table.scope(parent.scope).symbol_scope(&mangled)
                    == Some(SymbolScope::GlobalExplicit);
            }
            if !force_global {
                let base = if matches!(
                    parent.kind,
                    UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Lambda
                ) {
                    format!("{}.<locals>", parent.qualname)
                } else {
                    parent.qualname.clone()
                };
                qualname = format!("{base}.{}", u.name);
            }
        }
        self.u_mut().qualname = qualname;
    }

    /// Leaves the current unit and assembles it (`assemble` then
    /// `compiler_exit_scope`). A block that falls off the end returns
    /// None, or with `add_none` false, the value on the stack.
    fn exit_scope(&mut self, add_none: bool) -> CodeObject {
        if !self.u().cfg.current_returns() {
            self.unset_loc();
            if add_none {
                self.emit_load_const(Constant::None);
            }
            self.emit(Opcode::RETURN_VALUE);
        }
        let flags = self.code_flags();
        let unit = self.unit.take().expect("inside a unit");
        self.unit = self.outer.pop();
        let qualname = if unit.kind == UnitKind::Module {
            unit.name.clone()
        } else {
            unit.qualname
        };
        assemble(ScopeCode {
            cfg: unit.cfg,
            consts: unit.consts,
            names: unit.names.names,
            varnames: unit.varnames.names,
            cellvars: unit.cellvars.names,
            freevars: unit.freevars.names,
            argcount: unit.argcount,
            posonlyargcount: unit.posonlyargcount,
            kwonlyargcount: unit.kwonlyargcount,
            flags,
            filename: self.filename.to_string(),
            name: unit.name,
            qualname,
            firstlineno: unit.firstlineno,
        })
    }

    /// `compute_code_flags`.
    fn code_flags(&self) -> u32 {
        let ste = self.table.scope(self.u().scope);
        let mut code_flags = 0;
        if ste.kind() == ScopeKind::Function {
            code_flags |= flags::CO_NEWLOCALS | flags::CO_OPTIMIZED;
            if ste.is_nested() {
                code_flags |= flags::CO_NESTED;
            }
            code_flags |= match (ste.is_generator(), ste.is_coroutine()) {
                (true, false) => flags::CO_GENERATOR,
                (false, true) => flags::CO_COROUTINE,
                (true, true) => flags::CO_ASYNC_GENERATOR,
                (false, false) => 0,
            };
            if ste.has_varargs() {
                code_flags |= flags::CO_VARARGS;
            }
            if ste.has_varkeywords() {
                code_flags |= flags::CO_VARKEYWORDS;
            }
        }
        code_flags | self.future.flags
    }

    /// The symbol-table scope of the current unit.
    fn ste(&self) -> &'a crate::symtable::Scope {
        self.table.scope(self.u().scope)
    }

    // ----- Emitting instructions -----

    fn emit(&mut self, op: Opcode) {
        self.emit_arg(op, 0);
    }

    fn emit_arg(&mut self, op: Opcode, arg: u32) {
        let u = self.u_mut();
        let loc = u.loc;
        u.cfg.add(Instr::new(op, arg, loc));
    }

    /// An instruction with no line number of its own (`_noline`
    /// emitters); line propagation gives it its predecessor's.
    fn emit_noline(&mut self, op: Opcode, arg: u32) {
        self.u_mut().cfg.add(Instr::new(op, arg, Location::NO_LINE));
    }

    fn emit_jump(&mut self, op: Opcode, target: BlockId) {
        let u = self.u_mut();
        let mut instr = Instr::new(op, 0, u.loc);
        instr.target = Some(target);
        u.cfg.add(instr);
    }

    fn emit_jump_noline(&mut self, op: Opcode, target: BlockId) {
        let mut instr = Instr::new(op, 0, Location::NO_LINE);
        instr.target = Some(target);
        self.u_mut().cfg.add(instr);
    }

    fn new_block(&mut self) -> BlockId {
        self.u_mut().cfg.new_block()
    }

    fn use_next_block(&mut self, block: BlockId) {
        self.u_mut().cfg.use_next_block(block);
    }

    /// `compiler_next_block`: a new block, following the current one.
    fn next_block(&mut self) {
        let block = self.new_block();
        self.use_next_block(block);
    }

    /// The index of a constant in the current unit's `co_consts`
    /// (`compiler_add_const`).
    fn add_const(&mut self, value: Constant) -> u32 {
        let u = self.u_mut();
        let i = u.consts.len() as u32;
        // A NaN equals nothing, so a constant holding one is never merged.
        if has_nan(&value) {
            u.consts.push(CodeConstant::Value(value));
            return i;
        }
        let key = constant_key(&value);
        if let Some(&existing) = u.const_index.get(&key) {
            return existing;
        }
        u.consts.push(CodeConstant::Value(value));
        u.const_index.insert(key, i);
        i
    }

    fn emit_load_const(&mut self, value: Constant) {
        let i = self.add_const(value);
        self.emit_arg(Opcode::LOAD_CONST, i);
    }

    /// Loads a code object, merged with an equal one already among the
    /// constants.
    fn emit_load_code(&mut self, code: CodeObject) {
        let u = self.u_mut();
        let existing = u.consts.iter().position(|c| match c {
            CodeConstant::Code(other) => same_code(other, &code),
            CodeConstant::Value(_) => false,
        });
        let i = existing.unwrap_or_else(|| {
            u.consts.push(CodeConstant::Code(Box::new(code)));
            u.consts.len() - 1
        });
        self.emit_arg(Opcode::LOAD_CONST, i as u32);
    }

    /// An instruction whose argument is a name of `co_names`, mangled
    /// (`ADDOP_NAME`).
    fn emit_name(&mut self, op: Opcode, name: &str) {
        let mangled = mangle(self.u().private.as_deref(), name);
        let i = self.u_mut().names.add(&mangled);
        self.emit_arg(op, i);
    }

    /// An instruction whose argument is a name of `co_names`, as written
    /// (`ADDOP_N` with an unmangled name).
    fn emit_name_unmangled(&mut self, op: Opcode, name: &str) {
        let i = self.u_mut().names.add(name);
        self.emit_arg(op, i);
    }

    fn set_loc(&mut self, loc: Loc) {
        self.u_mut().loc = location(loc);
    }

    /// `UNSET_LOC`: what follows is artificial, and takes the line of the
    /// code before it.
    fn unset_loc(&mut self) {
        self.u_mut().loc = Location::NONE;
    }

    // ----- Errors -----

    /// `compiler_error`: a SyntaxError at the current location.
    fn error(&self, msg: impl Into<String>) -> SyntaxError {
        let loc = self.u().loc;
        SyntaxError::new(
            SyntaxErrorKind::SyntaxError,
            msg,
            loc.lineno.into(),
            i64::from(loc.col_offset) + 1,
            loc.end_lineno.into(),
            i64::from(loc.end_col_offset) + 1,
        )
    }

    /// `compiler_warn`: a SyntaxWarning about the current location, which
    /// the warnings filters may turn into a SyntaxError there.
    fn warning(&mut self, msg: String) -> Result<()> {
        let warning = SyntaxWarning {
            msg,
            lineno: self.u().loc.lineno.into(),
        };
        match (self.warn)(&warning) {
            WarningAction::Ignore => Ok(()),
            WarningAction::Error => Err(self.error(warning.msg)),
        }
    }

    /// `forbidden_name`: `__debug__` cannot be bound or deleted.
    fn check_forbidden_name(&self, name: &str, ctx: ExprContext) -> Result<()> {
        match ctx {
            ExprContext::Store if name == "__debug__" => {
                Err(self.error("cannot assign to __debug__"))
            }
            ExprContext::Del if name == "__debug__" => Err(self.error("cannot delete __debug__")),
            _ => Ok(()),
        }
    }

    // ----- Names -----

    /// `compiler_nameop`: loads, stores or deletes a name, with the
    /// instruction its scope calls for.
    fn nameop(&mut self, name: &str, ctx: ExprContext) -> Result<()> {
        self.check_forbidden_name(name, ctx)?;
        let mangled = mangle(self.u().private.as_deref(), name);
        let ste = self.ste();
        let function = ste.kind() == ScopeKind::Function;
        enum Kind {
            Fast,
            Deref(u32),
            Global,
            Name,
        }
        let kind = match ste.symbol_scope(&mangled) {
            Some(SymbolScope::Free) => Kind::Deref(self.free_index(&mangled)),
            Some(SymbolScope::Cell) => Kind::Deref(self.u_mut().cellvars.add(&mangled)),
            Some(SymbolScope::Local) if function => Kind::Fast,
            Some(SymbolScope::GlobalImplicit) if function => Kind::Global,
            Some(SymbolScope::GlobalExplicit) => Kind::Global,
            _ => Kind::Name,
        };
        match kind {
            Kind::Fast => {
                let i = self.u_mut().varnames.add(&mangled);
                let op = match ctx {
                    ExprContext::Load => Opcode::LOAD_FAST,
                    ExprContext::Store => Opcode::STORE_FAST,
                    ExprContext::Del => Opcode::DELETE_FAST,
                };
                self.emit_arg(op, i);
            }
            Kind::Deref(i) => {
                let op = match ctx {
                    ExprContext::Load if ste.kind() == ScopeKind::Class => Opcode::LOAD_CLASSDEREF,
                    ExprContext::Load => Opcode::LOAD_DEREF,
                    ExprContext::Store => Opcode::STORE_DEREF,
                    ExprContext::Del => Opcode::DELETE_DEREF,
                };
                self.emit_arg(op, i);
            }
            Kind::Global => {
                let i = self.u_mut().names.add(&mangled);
                match ctx {
                    ExprContext::Load => self.emit_arg(Opcode::LOAD_GLOBAL, i << 1),
                    ExprContext::Store => self.emit_arg(Opcode::STORE_GLOBAL, i),
                    ExprContext::Del => self.emit_arg(Opcode::DELETE_GLOBAL, i),
                }
            }
            Kind::Name => {
                let i = self.u_mut().names.add(&mangled);
                let op = match ctx {
                    ExprContext::Load => Opcode::LOAD_NAME,
                    ExprContext::Store => Opcode::STORE_NAME,
                    ExprContext::Del => Opcode::DELETE_NAME,
                };
                self.emit_arg(op, i);
            }
        }
        Ok(())
    }

    /// The cell-table index of a free variable: free variables follow the
    /// cells (`dictbytype`'s offset).
    fn free_index(&mut self, name: &str) -> u32 {
        let u = self.u_mut();
        u.cellvars.len() + u.freevars.add(name)
    }

    // ----- Frame blocks -----

    fn push_fblock(
        &mut self,
        kind: FBlockKind,
        block: BlockId,
        exit: Option<BlockId>,
        datum: FBlockDatum<'a>,
    ) -> Result<()> {
        /// CO_MAXBLOCKS: how deep loops and `try`s nest in one scope.
        const MAX_BLOCKS: usize = 20;
        if self.u().fblocks.len() >= MAX_BLOCKS {
            return Err(self.error("too many statically nested blocks"));
        }
        self.u_mut().fblocks.push(FBlock {
            kind,
            block,
            exit,
            datum,
        });
        Ok(())
    }

    fn pop_fblock(&mut self) {
        self.u_mut().fblocks.pop();
    }

    /// `compiler_unwind_fblock`: the code that leaves one frame block on
    /// the way out of a `break`, `continue` or `return`. With
    /// `preserve_tos`, the value on top of the stack (a return value)
    /// survives.
    fn unwind_fblock(&mut self, info: FBlock<'a>, preserve_tos: bool) -> Result<()> {
        match info.kind {
            FBlockKind::WhileLoop
            | FBlockKind::ExceptionHandler
            | FBlockKind::ExceptionGroupHandler
            | FBlockKind::AsyncComprehensionGenerator => {}
            FBlockKind::ForLoop => {
                // The iterator.
                if preserve_tos {
                    self.emit_arg(Opcode::SWAP, 2);
                }
                self.emit(Opcode::POP_TOP);
            }
            FBlockKind::TryExcept => self.emit(Opcode::POP_BLOCK),
            FBlockKind::FinallyTry => {
                // The POP_BLOCK gets the line of the unwinding statement.
                self.emit(Opcode::POP_BLOCK);
                let FBlockDatum::FinalBody(body) = info.datum else {
                    unreachable!("a finally block carries its body")
                };
                if preserve_tos {
                    let current = self.u().cfg.current;
                    self.push_fblock(FBlockKind::PopValue, current, None, FBlockDatum::None)?;
                }
                for s in body {
                    self.visit_stmt(s)?;
                }
                if preserve_tos {
                    self.pop_fblock();
                }
                // The finally body seems to run after the statement that
                // unwinds, so what follows is artificial.
                self.unset_loc();
            }
            FBlockKind::FinallyEnd => {
                if preserve_tos {
                    self.emit_arg(Opcode::SWAP, 2);
                }
                // The exception.
                self.emit(Opcode::POP_TOP);
                if preserve_tos {
                    self.emit_arg(Opcode::SWAP, 2);
                }
                self.emit(Opcode::POP_BLOCK);
                self.emit(Opcode::POP_EXCEPT);
            }
            FBlockKind::With | FBlockKind::AsyncWith => {
                if let FBlockDatum::With(loc) = info.datum {
                    self.set_loc(loc);
                }
                self.emit(Opcode::POP_BLOCK);
                if preserve_tos {
                    self.emit_arg(Opcode::SWAP, 2);
                }
                self.call_exit_with_nones();
                if info.kind == FBlockKind::AsyncWith {
                    self.emit_arg(Opcode::GET_AWAITABLE, 2);
                    self.emit_load_const(Constant::None);
                    self.emit_yield_from(true);
                }
                self.emit(Opcode::POP_TOP);
                // The exit call seems to run after the statement that
                // unwinds, so what follows is artificial.
                self.unset_loc();
            }
            FBlockKind::HandlerCleanup => {
                let name = match info.datum {
                    FBlockDatum::HandlerName(name) => Some(name),
                    _ => None,
                };
                if name.is_some() {
                    self.emit(Opcode::POP_BLOCK);
                }
                if preserve_tos {
                    self.emit_arg(Opcode::SWAP, 2);
                }
                self.emit(Opcode::POP_BLOCK);
                self.emit(Opcode::POP_EXCEPT);
                if let Some(name) = name {
                    self.emit_load_const(Constant::None);
                    self.nameop(name, ExprContext::Store)?;
                    self.nameop(name, ExprContext::Del)?;
                }
            }
            FBlockKind::PopValue => {
                if preserve_tos {
                    self.emit_arg(Opcode::SWAP, 2);
                }
                self.emit(Opcode::POP_TOP);
            }
        }
        Ok(())
    }

    /// `compiler_unwind_fblock_stack`: unwinds every frame block, or with
    /// `want_loop`, those inside the innermost loop, which it returns.
    fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        want_loop: bool,
    ) -> Result<Option<FBlock<'a>>> {
        let Some(&top) = self.u().fblocks.last() else {
            return Ok(None);
        };
        if top.kind == FBlockKind::ExceptionGroupHandler {
            return Err(
                self.error("'break', 'continue' and 'return' cannot appear in an except* block")
            );
        }
        if want_loop && matches!(top.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop) {
            return Ok(Some(top));
        }
        self.u_mut().fblocks.pop();
        self.unwind_fblock(top, preserve_tos)?;
        let found = self.unwind_fblock_stack(preserve_tos, want_loop)?;
        self.u_mut().fblocks.push(top);
        Ok(found)
    }

    // ----- Shared sequences -----

    /// `compiler_call_exit_with_nones`: `__exit__(None, None, None)`.
    fn call_exit_with_nones(&mut self) {
        self.emit_load_const(Constant::None);
        self.emit_load_const(Constant::None);
        self.emit_load_const(Constant::None);
        self.emit_arg(Opcode::PRECALL, 2);
        self.emit_arg(Opcode::CALL, 2);
    }

    /// `ADD_YIELD_FROM`: the SEND loop that delegates to the awaitable or
    /// iterator under the value to send, until it is exhausted.
    fn emit_yield_from(&mut self, is_await: bool) {
        let start = self.new_block();
        let resume = self.new_block();
        let exit = self.new_block();
        self.use_next_block(start);
        self.emit_jump(Opcode::SEND, exit);
        self.use_next_block(resume);
        self.emit_arg(Opcode::YIELD_VALUE, 0);
        self.emit_arg(Opcode::RESUME, if is_await { 3 } else { 2 });
        self.emit_jump(Opcode::JUMP_NO_INTERRUPT, start);
        self.use_next_block(exit);
    }

    /// `compiler_body`: a module's or class's statements, after the
    /// `__annotations__` set-up and with the docstring stored as
    /// `__doc__` (under `-OO` the docstring is an ordinary statement).
    fn body(&mut self, stmts: &'a [Stmt]) -> Result<()> {
        // SETUP_ANNOTATIONS takes the line of the first statement.
        if self.u().kind == UnitKind::Module {
            if let Some(first) = stmts.first() {
                self.set_loc(first.loc);
            }
        }
        if self.find_annotations(stmts) {
            self.emit(Opcode::SETUP_ANNOTATIONS);
        }
        let mut rest = stmts;
        if self.optimize < 2 {
            if let Some(StmtKind::Expr { value }) = stmts
                .first()
                .filter(|s| docstring(s).is_some())
                .map(|s| &s.kind)
            {
                self.visit_expr(value)?;
                self.unset_loc();
                self.nameop("__doc__", ExprContext::Store)?;
                rest = &stmts[1..];
            }
        }
        for s in rest {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    /// `find_ann`: whether a body has an annotated assignment to a simple
    /// name, looking into compound statements but not into nested scopes.
    fn find_annotations(&self, stmts: &[Stmt]) -> bool {
        stmts.iter().any(|s| match &s.kind {
            StmtKind::AnnAssign { .. } => true,
            StmtKind::For { body, orelse, .. }
            | StmtKind::AsyncFor { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::If { body, orelse, .. } => {
                self.find_annotations(body) || self.find_annotations(orelse)
            }
            StmtKind::With { body, .. } | StmtKind::AsyncWith { body, .. } => {
                self.find_annotations(body)
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            }
            | StmtKind::TryStar {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.find_annotations(body)
                    || self.find_annotations(orelse)
                    || self.find_annotations(finalbody)
                    || handlers.iter().any(|h| {
                        let krait_parser::ast::ExceptHandlerKind::ExceptHandler { body, .. } =
                            &h.kind;
                        self.find_annotations(body)
                    })
            }
            StmtKind::Match { cases, .. } => {
                cases.iter().any(|case| self.find_annotations(&case.body))
            }
            _ => false,
        })
    }
}

/// The docstring of a body whose first statement is `first`: a string
/// constant as an expression statement.
fn docstring(first: &Stmt) -> Option<&Constant> {
    match &first.kind {
        StmtKind::Expr { value } => match &value.kind {
            krait_parser::ast::ExprKind::Constant {
                value: value @ Constant::Str(_),
                ..
            } => Some(value),
            _ => None,
        },
        _ => None,
    }
}

/// Whether an expression is a constant (`kind == Constant_kind`).
fn is_constant(e: &Expr) -> bool {
    matches!(e.kind, krait_parser::ast::ExprKind::Constant { .. })
}
