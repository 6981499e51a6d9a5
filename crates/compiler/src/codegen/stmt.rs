//! Statements to instructions (compile.c's `compiler_visit_stmt` and the
//! functions it calls): definitions, assignments, loops, `try`, `with`
//! and imports.

use krait_parser::ast::{
    Alias, Arguments, Constant, ExceptHandlerKind, Expr, ExprContext, ExprKind, Stmt, StmtKind,
};

use super::{docstring, is_constant, Compiler, FBlockDatum, FBlockKind, Result, UnitKind};
use crate::opcode::Opcode;
use crate::symtable::mangle;

/// `STACK_USE_GUIDELINE`: past this many values, collections and calls
/// are built piece by piece instead of from the stack at once.
pub(super) const STACK_USE_GUIDELINE: usize = 30;

/// MAKE_FUNCTION's flags: what is on the stack under the code object.
pub(super) mod make_function {
    pub const DEFAULTS: u32 = 0x01;
    pub const KWDEFAULTS: u32 = 0x02;
    pub const ANNOTATIONS: u32 = 0x04;
    pub const CLOSURE: u32 = 0x08;
}

impl<'a> Compiler<'a> {
    /// `compiler_visit_stmt`.
    pub(super) fn visit_stmt(&mut self, s: &'a Stmt) -> Result<()> {
        self.set_loc(s.loc);
        match &s.kind {
            StmtKind::FunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                ..
            } => self.function(
                s,
                name,
                args,
                body,
                decorator_list,
                returns.as_deref(),
                false,
            ),
            StmtKind::AsyncFunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                ..
            } => self.function(
                s,
                name,
                args,
                body,
                decorator_list,
                returns.as_deref(),
                true,
            ),
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => self.class(s, name, bases, keywords, body, decorator_list),
            StmtKind::Return { value } => self.return_(s, value.as_deref()),
            StmtKind::Delete { targets } => {
                for target in targets {
                    self.visit_expr(target)?;
                }
                Ok(())
            }
            StmtKind::Assign { targets, value, .. } => {
                self.visit_expr(value)?;
                for (i, target) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit_arg(Opcode::COPY, 1);
                    }
                    self.visit_expr(target)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => self.augassign(target, *op, value),
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => self.annassign(target, annotation, value.as_deref(), *simple != 0),
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => self.for_(target, iter, body, orelse),
            StmtKind::AsyncFor {
                target,
                iter,
                body,
                orelse,
                ..
            } => self.async_for(target, iter, body, orelse),
            StmtKind::While { test, body, orelse } => self.while_(s, test, body, orelse),
            StmtKind::If { test, body, orelse } => self.if_(test, body, orelse),
            StmtKind::Match { subject, cases } => self.match_(s, subject, cases),
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(exc) = exc {
                    self.visit_expr(exc)?;
                    n += 1;
                    if let Some(cause) = cause {
                        self.visit_expr(cause)?;
                        n += 1;
                    }
                }
                self.emit_arg(Opcode::RAISE_VARARGS, n);
                Ok(())
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)
                } else {
                    self.try_finally(body, handlers, orelse, finalbody, false)
                }
            }
            StmtKind::TryStar {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_star_except(body, handlers, orelse)
                } else {
                    self.try_finally(body, handlers, orelse, finalbody, true)
                }
            }
            StmtKind::Assert { test, msg } => self.assert(test, msg.as_deref()),
            StmtKind::Import { names } => self.import(names),
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => self.import_from(s, module.as_deref(), names, level.unwrap_or(0)),
            StmtKind::Global { .. } | StmtKind::Nonlocal { .. } => Ok(()),
            StmtKind::Expr { value } => self.stmt_expr(value),
            StmtKind::Pass => {
                self.emit(Opcode::NOP);
                Ok(())
            }
            StmtKind::Break => self.break_(),
            StmtKind::Continue => self.continue_(),
            StmtKind::With { items, body, .. } => self.with(s, items, 0, body),
            StmtKind::AsyncWith { items, body, .. } => self.async_with(s, items, 0, body),
        }
    }

    pub(super) fn visit_body(&mut self, body: &'a [Stmt]) -> Result<()> {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    /// `compiler_visit_stmt_expr`.
    fn stmt_expr(&mut self, value: &'a Expr) -> Result<()> {
        if self.interactive && self.outer.is_empty() {
            self.visit_expr(value)?;
            self.emit(Opcode::PRINT_EXPR);
            return Ok(());
        }
        if is_constant(value) {
            // A constant statement does nothing, but keeps its line.
            self.emit(Opcode::NOP);
            return Ok(());
        }
        self.visit_expr(value)?;
        self.unset_loc();
        self.emit(Opcode::POP_TOP);
        Ok(())
    }

    // ----- Functions and classes -----

    /// `compiler_check_debug_args`: no parameter may be named
    /// `__debug__`.
    pub(super) fn check_debug_args(&self, args: &Arguments) -> Result<()> {
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(args.vararg.as_deref())
            .chain(&args.kwonlyargs)
            .chain(args.kwarg.as_deref());
        for arg in all {
            self.check_forbidden_name(&arg.arg, ExprContext::Store)?;
        }
        Ok(())
    }

    /// `compiler_default_arguments`: pushes the defaults and keyword-only
    /// defaults, giving MAKE_FUNCTION's flags for them.
    pub(super) fn default_arguments(&mut self, args: &'a Arguments) -> Result<u32> {
        let mut funcflags = 0;
        if !args.defaults.is_empty() {
            for default in &args.defaults {
                self.visit_expr(default)?;
            }
            self.emit_arg(Opcode::BUILD_TUPLE, args.defaults.len() as u32);
            funcflags |= make_function::DEFAULTS;
        }
        let mut keys = Vec::new();
        for (arg, default) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(default) = default {
                let mangled = mangle(self.u().private.as_deref(), &arg.arg);
                keys.push(Constant::Str(mangled.into()));
                self.visit_expr(default)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as u32;
            self.emit_load_const(Constant::Tuple(keys));
            self.emit_arg(Opcode::BUILD_CONST_KEY_MAP, n);
            funcflags |= make_function::KWDEFAULTS;
        }
        Ok(funcflags)
    }

    /// `compiler_visit_annotations`: pushes a tuple of parameter names
    /// and annotations, if there are any.
    fn annotations(&mut self, args: &'a Arguments, returns: Option<&'a Expr>) -> Result<bool> {
        let mut len = 0;
        for arg in args.args.iter().chain(&args.posonlyargs) {
            self.arg_annotation(&arg.arg, arg.annotation.as_deref(), &mut len)?;
        }
        if let Some(vararg) = &args.vararg {
            self.arg_annotation(&vararg.arg, vararg.annotation.as_deref(), &mut len)?;
        }
        for arg in &args.kwonlyargs {
            self.arg_annotation(&arg.arg, arg.annotation.as_deref(), &mut len)?;
        }
        if let Some(kwarg) = &args.kwarg {
            self.arg_annotation(&kwarg.arg, kwarg.annotation.as_deref(), &mut len)?;
        }
        self.arg_annotation("return", returns, &mut len)?;
        if len > 0 {
            self.emit_arg(Opcode::BUILD_TUPLE, len);
        }
        Ok(len > 0)
    }

    /// `compiler_visit_argannotation`.
    fn arg_annotation(
        &mut self,
        id: &str,
        annotation: Option<&'a Expr>,
        len: &mut u32,
    ) -> Result<()> {
        let Some(annotation) = annotation else {
            return Ok(());
        };
        let mangled = mangle(self.u().private.as_deref(), id);
        self.emit_load_const(Constant::Str(mangled.into()));
        if self.future.annotations() {
            self.annotation_as_string(annotation);
        } else if let ExprKind::Starred { value, .. } = &annotation.kind {
            // `*args: *Ts`: the annotation is the one item of `Ts`.
            self.visit_expr(value)?;
            self.emit_arg(Opcode::UNPACK_SEQUENCE, 1);
        } else {
            self.visit_expr(annotation)?;
        }
        *len += 2;
        Ok(())
    }

    /// `VISIT(c, annexpr, e)`: under `from __future__ import annotations`
    /// an annotation is its source text.
    fn annotation_as_string(&mut self, annotation: &Expr) {
        let text = crate::unparse::expr_as_unicode(annotation);
        self.emit_load_const(Constant::Str(text.into()));
    }

    /// `compiler_decorators`.
    fn decorators(&mut self, decorators: &'a [Expr]) -> Result<()> {
        for d in decorators {
            self.visit_expr(d)?;
        }
        Ok(())
    }

    /// `compiler_apply_decorators`: innermost first, each call at its
    /// decorator's location.
    fn apply_decorators(&mut self, decorators: &'a [Expr]) {
        let saved = self.u().loc;
        for d in decorators.iter().rev() {
            self.set_loc(d.loc);
            self.emit_arg(Opcode::PRECALL, 0);
            self.emit_arg(Opcode::CALL, 0);
        }
        self.u_mut().loc = saved;
    }

    /// `compiler_function`.
    #[allow(clippy::too_many_arguments)]
    fn function(
        &mut self,
        s: &'a Stmt,
        name: &'a str,
        args: &'a Arguments,
        body: &'a [Stmt],
        decorators: &'a [Expr],
        returns: Option<&'a Expr>,
        is_async: bool,
    ) -> Result<()> {
        self.check_debug_args(args)?;
        self.decorators(decorators)?;
        let firstlineno = decorators.first().map_or(s.loc.lineno, |d| d.loc.lineno);
        let mut funcflags = self.default_arguments(args)?;
        if self.annotations(args, returns)? {
            funcflags |= make_function::ANNOTATIONS;
        }
        let kind = if is_async {
            UnitKind::AsyncFunction
        } else {
            UnitKind::Function
        };
        let scope = self.table.scope_of_node(s);
        self.enter_scope(name, kind, scope, firstlineno);
        let doc = if self.optimize < 2 {
            body.first().and_then(docstring)
        } else {
            None
        };
        // The docstring, or None, is always the first constant.
        self.add_const(doc.cloned().unwrap_or(Constant::None));
        {
            let u = self.u_mut();
            u.argcount = args.args.len() as u32;
            u.posonlyargcount = args.posonlyargs.len() as u32;
            u.kwonlyargcount = args.kwonlyargs.len() as u32;
        }
        let rest = if doc.is_some() { &body[1..] } else { body };
        self.visit_body(rest)?;
        let code = self.exit_scope(true);
        self.make_closure(code, funcflags)?;
        self.apply_decorators(decorators);
        self.nameop(name, ExprContext::Store)
    }

    /// `compiler_make_closure`: a function from a code object, with the
    /// cells of its free variables.
    pub(super) fn make_closure(
        &mut self,
        code: crate::code::CodeObject,
        mut funcflags: u32,
    ) -> Result<()> {
        let frees: Vec<String> = code.freevars().into_iter().map(str::to_string).collect();
        if !frees.is_empty() {
            for name in &frees {
                // A class's `__class__` is its own cell; any other name is
                // a cell or a free variable of the enclosing scope.
                let is_cell = (self.u().kind == UnitKind::Class && name == "__class__")
                    || self.ste().symbol_scope(name) == Some(crate::symtable::SymbolScope::Cell);
                let index = if is_cell {
                    self.u().cellvars.get(name)
                } else {
                    let u = self.u();
                    u.freevars.get(name).map(|i| u.cellvars.len() + i)
                };
                let Some(index) = index else {
                    return Err(self.error(format!(
                        "compiler cannot find the closure variable {name:?} of {}",
                        code.qualname
                    )));
                };
                self.emit_arg(Opcode::LOAD_CLOSURE, index);
            }
            funcflags |= make_function::CLOSURE;
            self.emit_arg(Opcode::BUILD_TUPLE, frees.len() as u32);
        }
        self.emit_load_code(code);
        self.emit_arg(Opcode::MAKE_FUNCTION, funcflags);
        Ok(())
    }

    /// `compiler_class`.
    fn class(
        &mut self,
        s: &'a Stmt,
        name: &'a str,
        bases: &'a [Expr],
        keywords: &'a [krait_parser::ast::Keyword],
        body: &'a [Stmt],
        decorators: &'a [Expr],
    ) -> Result<()> {
        self.decorators(decorators)?;
        let firstlineno = decorators.first().map_or(s.loc.lineno, |d| d.loc.lineno);
        let scope = self.table.scope_of_node(s);
        self.enter_scope(name, UnitKind::Class, scope, firstlineno);
        // Private names in the body are mangled with the class's name.
        self.u_mut().private = Some(name.to_string());
        self.nameop("__name__", ExprContext::Load)?;
        self.nameop("__module__", ExprContext::Store)?;
        let qualname = self.u().qualname.clone();
        self.emit_load_const(Constant::Str(qualname.into()));
        self.nameop("__qualname__", ExprContext::Store)?;
        self.body(body)?;
        // What follows is artificial.
        self.unset_loc();
        if self.ste().needs_class_closure() {
            // The class's `__class__` cell goes into its namespace as
            // `__classcell__`, for type.__new__ to fill in; it is also
            // the body's return value.
            self.emit_arg(Opcode::LOAD_CLOSURE, 0);
            self.emit_arg(Opcode::COPY, 1);
            self.nameop("__classcell__", ExprContext::Store)?;
        } else {
            self.emit_load_const(Constant::None);
        }
        self.emit(Opcode::RETURN_VALUE);
        let code = self.exit_scope(true);
        self.emit(Opcode::PUSH_NULL);
        self.emit(Opcode::LOAD_BUILD_CLASS);
        self.make_closure(code, 0)?;
        self.emit_load_const(Constant::Str(name.into()));
        self.call_helper(2, bases, keywords)?;
        self.apply_decorators(decorators);
        self.nameop(name, ExprContext::Store)
    }

    /// `compiler_return`.
    fn return_(&mut self, s: &'a Stmt, value: Option<&'a Expr>) -> Result<()> {
        let preserve_tos = value.is_some_and(|v| !is_constant(v));
        let ste = self.ste();
        if ste.kind() != crate::symtable::ScopeKind::Function {
            return Err(self.error("'return' outside function"));
        }
        if value.is_some() && ste.is_coroutine() && ste.is_generator() {
            return Err(self.error("'return' with value in async generator"));
        }
        match value {
            Some(v) if preserve_tos => self.visit_expr(v)?,
            Some(v) => {
                // The line of the returned constant.
                self.set_loc(v.loc);
                self.emit(Opcode::NOP);
            }
            None => {}
        }
        if value.is_none_or(|v| v.loc.lineno != s.loc.lineno) {
            self.set_loc(s.loc);
            self.emit(Opcode::NOP);
        }
        self.unwind_fblock_stack(preserve_tos, false)?;
        match value {
            None => self.emit_load_const(Constant::None),
            Some(Expr {
                kind: ExprKind::Constant { value, .. },
                ..
            }) => self.emit_load_const(value.clone()),
            Some(_) => {}
        }
        self.emit(Opcode::RETURN_VALUE);
        Ok(())
    }

    /// `compiler_break`.
    fn break_(&mut self) -> Result<()> {
        let saved = self.u().loc;
        // An instruction with the line of the `break`.
        self.emit(Opcode::NOP);
        let Some(loop_) = self.unwind_fblock_stack(false, true)? else {
            self.u_mut().loc = saved;
            return Err(self.error("'break' outside loop"));
        };
        self.unwind_fblock(loop_, false)?;
        self.emit_jump(Opcode::JUMP, loop_.exit.expect("a loop has an exit"));
        Ok(())
    }

    /// `compiler_continue`.
    fn continue_(&mut self) -> Result<()> {
        let saved = self.u().loc;
        self.emit(Opcode::NOP);
        let Some(loop_) = self.unwind_fblock_stack(false, true)? else {
            self.u_mut().loc = saved;
            return Err(self.error("'continue' not properly in loop"));
        };
        self.emit_jump(Opcode::JUMP, loop_.block);
        Ok(())
    }

    // ----- Assignments -----

    /// `compiler_augassign`.
    fn augassign(
        &mut self,
        target: &'a Expr,
        op: krait_parser::ast::Operator,
        value: &'a Expr,
    ) -> Result<()> {
        let saved = self.u().loc;
        self.set_loc(target.loc);
        match &target.kind {
            ExprKind::Attribute { value, attr, .. } => {
                self.visit_expr(value)?;
                self.emit_arg(Opcode::COPY, 1);
                self.start_at_attribute(target);
                self.emit_name(Opcode::LOAD_ATTR, attr);
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.visit_expr(value)?;
                self.visit_expr(slice)?;
                self.emit_arg(Opcode::COPY, 2);
                self.emit_arg(Opcode::COPY, 2);
                self.emit(Opcode::BINARY_SUBSCR);
            }
            ExprKind::Name { id, .. } => self.nameop(id, ExprContext::Load)?,
            _ => unreachable!("the parser allows only names, attributes and subscripts"),
        }
        self.u_mut().loc = saved;
        self.visit_expr(value)?;
        self.emit_arg(Opcode::BINARY_OP, super::expr::binary_op_arg(op, true));
        self.set_loc(target.loc);
        match &target.kind {
            ExprKind::Attribute { attr, .. } => {
                self.start_at_attribute(target);
                self.emit_arg(Opcode::SWAP, 2);
                self.emit_name(Opcode::STORE_ATTR, attr);
            }
            ExprKind::Subscript { .. } => {
                self.emit_arg(Opcode::SWAP, 3);
                self.emit_arg(Opcode::SWAP, 2);
                self.emit(Opcode::STORE_SUBSCR);
            }
            ExprKind::Name { id, .. } => self.nameop(id, ExprContext::Store)?,
            _ => unreachable!("the parser allows only names, attributes and subscripts"),
        }
        Ok(())
    }

    /// `check_ann_expr`: evaluates an expression for its errors only.
    fn check_ann_expr(&mut self, e: &'a Expr) -> Result<()> {
        self.visit_expr(e)?;
        self.emit(Opcode::POP_TOP);
        Ok(())
    }

    /// `check_ann_subscr`: a subscript of an annotated target without a
    /// value is evaluated, slices part by part.
    fn check_ann_subscr(&mut self, e: &'a Expr) -> Result<()> {
        match &e.kind {
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.check_ann_expr(part)?;
                }
                Ok(())
            }
            ExprKind::Tuple { elts, .. } => {
                for elt in elts {
                    self.check_ann_subscr(elt)?;
                }
                Ok(())
            }
            _ => self.check_ann_expr(e),
        }
    }

    /// `compiler_annassign`.
    fn annassign(
        &mut self,
        target: &'a Expr,
        annotation: &'a Expr,
        value: Option<&'a Expr>,
        simple: bool,
    ) -> Result<()> {
        if let Some(value) = value {
            self.visit_expr(value)?;
            self.visit_expr(target)?;
        }
        let module_or_class = matches!(self.u().kind, UnitKind::Module | UnitKind::Class);
        match &target.kind {
            ExprKind::Name { id, .. } => {
                self.check_forbidden_name(id, ExprContext::Store)?;
                if simple && module_or_class {
                    if self.future.annotations() {
                        self.annotation_as_string(annotation);
                    } else {
                        self.visit_expr(annotation)?;
                    }
                    self.emit_name(Opcode::LOAD_NAME, "__annotations__");
                    let mangled = mangle(self.u().private.as_deref(), id);
                    self.emit_load_const(Constant::Str(mangled.into()));
                    self.emit(Opcode::STORE_SUBSCR);
                }
            }
            ExprKind::Attribute {
                value: object,
                attr,
                ..
            } => {
                self.check_forbidden_name(attr, ExprContext::Store)?;
                if value.is_none() {
                    self.check_ann_expr(object)?;
                }
            }
            ExprKind::Subscript {
                value: object,
                slice,
                ..
            } => {
                if value.is_none() {
                    self.check_ann_expr(object)?;
                    self.check_ann_subscr(slice)?;
                }
            }
            _ => unreachable!("the parser allows only names, attributes and subscripts"),
        }
        // The annotation of a complex target is evaluated last, and only
        // in a module or class.
        if !simple && !self.future.annotations() && module_or_class {
            self.check_ann_expr(annotation)?;
        }
        Ok(())
    }

    // ----- Control flow -----

    /// `compiler_if`.
    fn if_(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> Result<()> {
        let end = self.new_block();
        let next = if orelse.is_empty() {
            end
        } else {
            self.new_block()
        };
        self.jump_if(test, next, false)?;
        self.visit_body(body)?;
        if !orelse.is_empty() {
            self.emit_jump_noline(Opcode::JUMP, end);
            self.use_next_block(next);
            self.visit_body(orelse)?;
        }
        self.use_next_block(end);
        Ok(())
    }

    /// `compiler_for`.
    fn for_(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> Result<()> {
        let start = self.new_block();
        let body_block = self.new_block();
        let cleanup = self.new_block();
        let end = self.new_block();
        self.push_fblock(FBlockKind::ForLoop, start, Some(end), FBlockDatum::None)?;
        self.visit_expr(iter)?;
        self.emit(Opcode::GET_ITER);
        self.use_next_block(start);
        self.emit_jump(Opcode::FOR_ITER, cleanup);
        self.use_next_block(body_block);
        self.visit_expr(target)?;
        self.visit_body(body)?;
        // The jump back is artificial.
        self.unset_loc();
        self.emit_jump(Opcode::JUMP, start);
        self.use_next_block(cleanup);
        self.pop_fblock();
        self.visit_body(orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    /// `compiler_async_for`.
    fn async_for(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> Result<()> {
        if self.u().kind != UnitKind::AsyncFunction {
            return Err(self.error("'async for' outside async function"));
        }
        let start = self.new_block();
        let except = self.new_block();
        let end = self.new_block();
        self.visit_expr(iter)?;
        self.emit(Opcode::GET_AITER);
        self.use_next_block(start);
        self.push_fblock(FBlockKind::ForLoop, start, Some(end), FBlockDatum::None)?;
        // The SETUP_FINALLY guards the __anext__ call.
        self.emit_jump(Opcode::SETUP_FINALLY, except);
        self.emit(Opcode::GET_ANEXT);
        self.emit_load_const(Constant::None);
        self.emit_yield_from(true);
        self.emit(Opcode::POP_BLOCK);
        self.visit_expr(target)?;
        self.visit_body(body)?;
        self.unset_loc();
        self.emit_jump(Opcode::JUMP, start);
        self.pop_fblock();
        // StopAsyncIteration ends the loop: END_ASYNC_FOR takes the
        // iterator's line, as it follows the `for`, not the body.
        self.use_next_block(except);
        self.set_loc(iter.loc);
        self.emit(Opcode::END_ASYNC_FOR);
        self.visit_body(orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    /// `compiler_while`: the test is compiled twice, before the loop and
    /// at the bottom of it.
    fn while_(
        &mut self,
        s: &'a Stmt,
        test: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> Result<()> {
        let loop_ = self.new_block();
        let body_block = self.new_block();
        let anchor = self.new_block();
        let end = self.new_block();
        self.use_next_block(loop_);
        self.push_fblock(FBlockKind::WhileLoop, loop_, Some(end), FBlockDatum::None)?;
        self.jump_if(test, anchor, false)?;
        self.use_next_block(body_block);
        self.visit_body(body)?;
        self.set_loc(s.loc);
        self.jump_if(test, body_block, true)?;
        self.pop_fblock();
        self.use_next_block(anchor);
        self.visit_body(orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    /// `compiler_assert`: nothing under `-O`.
    fn assert(&mut self, test: &'a Expr, msg: Option<&'a Expr>) -> Result<()> {
        // A parenthesized test and message make a tuple, which is true.
        let always_true = match &test.kind {
            ExprKind::Tuple { elts, .. } => !elts.is_empty(),
            ExprKind::Constant {
                value: Constant::Tuple(items),
                ..
            } => !items.is_empty(),
            _ => false,
        };
        if always_true {
            self.warning("assertion is always true, perhaps remove parentheses?".into())?;
        }
        if self.optimize > 0 {
            return Ok(());
        }
        let end = self.new_block();
        self.jump_if(test, end, true)?;
        self.emit(Opcode::LOAD_ASSERTION_ERROR);
        if let Some(msg) = msg {
            self.visit_expr(msg)?;
            self.emit_arg(Opcode::PRECALL, 0);
            self.emit_arg(Opcode::CALL, 0);
        }
        self.emit_arg(Opcode::RAISE_VARARGS, 1);
        self.use_next_block(end);
        Ok(())
    }

    /// `POP_EXCEPT_AND_RERAISE`: the cleanup handler of an exception
    /// handler, which restores the previous exception and re-raises.
    pub(super) fn pop_except_and_reraise(&mut self) {
        self.emit_arg(Opcode::COPY, 3);
        self.emit(Opcode::POP_EXCEPT);
        self.emit_arg(Opcode::RERAISE, 1);
    }

    /// `compiler_try_finally` (and `compiler_try_star_finally`): the body
    /// with its handlers, then the `finally` body twice, for the normal
    /// exit and for an exception.
    fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [krait_parser::ast::ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        star: bool,
    ) -> Result<()> {
        let body_block = self.new_block();
        let end = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.emit_jump(Opcode::SETUP_FINALLY, end);
        self.use_next_block(body_block);
        self.push_fblock(
            FBlockKind::FinallyTry,
            body_block,
            Some(end),
            FBlockDatum::FinalBody(finalbody),
        )?;
        if !handlers.is_empty() {
            if star {
                self.try_star_except(body, handlers, orelse)?;
            } else {
                self.try_except(body, handlers, orelse)?;
            }
        } else {
            self.visit_body(body)?;
        }
        self.emit_noline(Opcode::POP_BLOCK, 0);
        self.pop_fblock();
        self.visit_body(finalbody)?;
        self.emit_jump_noline(Opcode::JUMP, exit);
        // The `finally` block for an exception.
        self.use_next_block(end);
        self.unset_loc();
        self.emit_jump(Opcode::SETUP_CLEANUP, cleanup);
        self.emit(Opcode::PUSH_EXC_INFO);
        self.push_fblock(FBlockKind::FinallyEnd, end, None, FBlockDatum::None)?;
        self.visit_body(finalbody)?;
        self.pop_fblock();
        self.emit_arg(Opcode::RERAISE, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(exit);
        Ok(())
    }

    /// `compiler_try_except`.
    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [krait_parser::ast::ExceptHandler],
        orelse: &'a [Stmt],
    ) -> Result<()> {
        let body_block = self.new_block();
        let mut except = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        self.emit_jump(Opcode::SETUP_FINALLY, except);
        self.use_next_block(body_block);
        self.push_fblock(FBlockKind::TryExcept, body_block, None, FBlockDatum::None)?;
        self.visit_body(body)?;
        self.pop_fblock();
        self.emit_noline(Opcode::POP_BLOCK, 0);
        self.visit_body(orelse)?;
        self.emit_jump_noline(Opcode::JUMP, end);
        self.use_next_block(except);
        self.unset_loc();
        self.emit_jump(Opcode::SETUP_CLEANUP, cleanup);
        self.emit(Opcode::PUSH_EXC_INFO);
        // The handlers run with the exception pushed.
        self.push_fblock(
            FBlockKind::ExceptionHandler,
            except,
            None,
            FBlockDatum::None,
        )?;
        for (i, handler) in handlers.iter().enumerate() {
            let ExceptHandlerKind::ExceptHandler { type_, name, body } = &handler.kind;
            self.set_loc(handler.loc);
            if type_.is_none() && i + 1 < handlers.len() {
                return Err(self.error("default 'except:' must be last"));
            }
            except = self.new_block();
            if let Some(type_) = type_ {
                self.visit_expr(type_)?;
                self.emit(Opcode::CHECK_EXC_MATCH);
                self.emit_jump(Opcode::POP_JUMP_IF_FALSE, except);
            }
            if let Some(name) = name {
                self.handler_with_name(name, body, end)?;
            } else {
                let cleanup_body = self.new_block();
                // The exception.
                self.emit(Opcode::POP_TOP);
                self.use_next_block(cleanup_body);
                self.push_fblock(
                    FBlockKind::HandlerCleanup,
                    cleanup_body,
                    None,
                    FBlockDatum::None,
                )?;
                self.visit_body(body)?;
                self.pop_fblock();
                self.unset_loc();
                self.emit(Opcode::POP_BLOCK);
                self.emit(Opcode::POP_EXCEPT);
                self.emit_jump(Opcode::JUMP, end);
            }
            self.use_next_block(except);
        }
        self.unset_loc();
        self.pop_fblock();
        self.emit_arg(Opcode::RERAISE, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(end);
        Ok(())
    }

    /// `compiler_try_star_except`: each `except*` handler takes the part
    /// of the group it matches; what the handlers raise, and the part no
    /// handler matched, are re-raised together by PREP_RERAISE_STAR.
    fn try_star_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [krait_parser::ast::ExceptHandler],
        orelse: &'a [Stmt],
    ) -> Result<()> {
        let body_block = self.new_block();
        let mut except = self.new_block();
        let orelse_block = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        let reraise_star = self.new_block();
        self.emit_jump(Opcode::SETUP_FINALLY, except);
        self.use_next_block(body_block);
        self.push_fblock(FBlockKind::TryExcept, body_block, None, FBlockDatum::None)?;
        self.visit_body(body)?;
        self.pop_fblock();
        self.emit_noline(Opcode::POP_BLOCK, 0);
        self.emit_jump_noline(Opcode::JUMP, orelse_block);
        self.use_next_block(except);
        self.unset_loc();
        self.emit_jump(Opcode::SETUP_CLEANUP, cleanup);
        self.emit(Opcode::PUSH_EXC_INFO);
        self.push_fblock(
            FBlockKind::ExceptionGroupHandler,
            except,
            None,
            FBlockDatum::None,
        )?;
        for (i, handler) in handlers.iter().enumerate() {
            let ExceptHandlerKind::ExceptHandler { type_, name, body } = &handler.kind;
            self.set_loc(handler.loc);
            except = self.new_block();
            let except_with_error = self.new_block();
            let no_match = self.new_block();
            if i == 0 {
                // The original group, and a list of what the handlers
                // raise, under the part still to match.
                self.emit_arg(Opcode::COPY, 1);
                self.emit_arg(Opcode::BUILD_LIST, 0);
                self.emit_arg(Opcode::SWAP, 2);
            }
            if let Some(type_) = type_ {
                self.visit_expr(type_)?;
                self.emit(Opcode::CHECK_EG_MATCH);
                self.emit_arg(Opcode::COPY, 1);
                self.emit_jump(Opcode::POP_JUMP_IF_NONE, no_match);
            }
            let cleanup_end = self.new_block();
            let cleanup_body = self.new_block();
            match name {
                Some(name) => self.nameop(name, ExprContext::Store)?,
                // The match.
                None => self.emit(Opcode::POP_TOP),
            }
            self.emit_jump(Opcode::SETUP_CLEANUP, cleanup_end);
            self.use_next_block(cleanup_body);
            let datum = match name {
                Some(name) => FBlockDatum::HandlerName(name),
                None => FBlockDatum::None,
            };
            self.push_fblock(FBlockKind::HandlerCleanup, cleanup_body, None, datum)?;
            self.visit_body(body)?;
            self.pop_fblock();
            self.unset_loc();
            self.emit(Opcode::POP_BLOCK);
            if let Some(name) = name {
                self.emit_load_const(Constant::None);
                self.nameop(name, ExprContext::Store)?;
                self.nameop(name, ExprContext::Del)?;
            }
            self.emit_jump(Opcode::JUMP, except);
            self.use_next_block(cleanup_end);
            self.unset_loc();
            if let Some(name) = name {
                self.emit_load_const(Constant::None);
                self.nameop(name, ExprContext::Store)?;
                self.nameop(name, ExprContext::Del)?;
            }
            // What the handler raised joins the list; then the lasti.
            self.emit_arg(Opcode::LIST_APPEND, 3);
            self.emit(Opcode::POP_TOP);
            self.emit_jump(Opcode::JUMP, except_with_error);
            self.use_next_block(except);
            // Holds a propagated location.
            self.emit(Opcode::NOP);
            self.emit_jump(Opcode::JUMP, except_with_error);
            self.use_next_block(no_match);
            // The match, None.
            self.emit(Opcode::POP_TOP);
            self.use_next_block(except_with_error);
            if i + 1 == handlers.len() {
                // The unmatched rest of the group joins the list.
                self.emit_arg(Opcode::LIST_APPEND, 1);
                self.emit_jump(Opcode::JUMP, reraise_star);
            }
        }
        self.unset_loc();
        self.pop_fblock();
        let reraise = self.new_block();
        self.use_next_block(reraise_star);
        self.emit(Opcode::PREP_RERAISE_STAR);
        self.emit_arg(Opcode::COPY, 1);
        self.emit_jump(Opcode::POP_JUMP_IF_NOT_NONE, reraise);
        // Nothing to re-raise.
        self.emit(Opcode::POP_TOP);
        self.emit(Opcode::POP_BLOCK);
        self.emit(Opcode::POP_EXCEPT);
        self.emit_jump(Opcode::JUMP, end);
        self.use_next_block(reraise);
        self.emit(Opcode::POP_BLOCK);
        self.emit_arg(Opcode::SWAP, 2);
        self.emit(Opcode::POP_EXCEPT);
        self.emit_arg(Opcode::RERAISE, 0);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(orelse_block);
        self.visit_body(orelse)?;
        self.use_next_block(end);
        Ok(())
    }

    /// An `except ... as name:` handler's body: as if it were
    /// `try: body finally: name = None; del name`.
    fn handler_with_name(&mut self, name: &'a str, body: &'a [Stmt], end: usize) -> Result<()> {
        let cleanup_end = self.new_block();
        let cleanup_body = self.new_block();
        self.nameop(name, ExprContext::Store)?;
        self.emit_jump(Opcode::SETUP_CLEANUP, cleanup_end);
        self.use_next_block(cleanup_body);
        self.push_fblock(
            FBlockKind::HandlerCleanup,
            cleanup_body,
            None,
            FBlockDatum::HandlerName(name),
        )?;
        self.visit_body(body)?;
        self.pop_fblock();
        self.unset_loc();
        self.emit(Opcode::POP_BLOCK);
        self.emit(Opcode::POP_BLOCK);
        self.emit(Opcode::POP_EXCEPT);
        self.emit_load_const(Constant::None);
        self.nameop(name, ExprContext::Store)?;
        self.nameop(name, ExprContext::Del)?;
        self.emit_jump(Opcode::JUMP, end);
        self.use_next_block(cleanup_end);
        self.unset_loc();
        self.emit_load_const(Constant::None);
        self.nameop(name, ExprContext::Store)?;
        self.nameop(name, ExprContext::Del)?;
        self.emit_arg(Opcode::RERAISE, 1);
        Ok(())
    }

    // ----- with -----

    /// `compiler_with`: one context manager per call, nesting for the
    /// next item.
    fn with(
        &mut self,
        s: &'a Stmt,
        items: &'a [krait_parser::ast::WithItem],
        pos: usize,
        body: &'a [Stmt],
    ) -> Result<()> {
        let item = &items[pos];
        let block = self.new_block();
        let final_ = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.visit_expr(&item.context_expr)?;
        // Pushes the bound __exit__, then the result of __enter__().
        self.emit(Opcode::BEFORE_WITH);
        self.emit_jump(Opcode::SETUP_WITH, final_);
        self.use_next_block(block);
        self.push_fblock(
            FBlockKind::With,
            block,
            Some(final_),
            FBlockDatum::With(s.loc),
        )?;
        match &item.optional_vars {
            Some(vars) => self.visit_expr(vars)?,
            None => self.emit(Opcode::POP_TOP),
        }
        if pos + 1 == items.len() {
            self.visit_body(body)?;
        } else {
            self.with(s, items, pos + 1, body)?;
        }
        // What follows is artificial.
        self.unset_loc();
        self.emit(Opcode::POP_BLOCK);
        self.pop_fblock();
        // A normal exit calls __exit__(None, None, None).
        self.set_loc(s.loc);
        self.call_exit_with_nones();
        self.emit(Opcode::POP_TOP);
        self.emit_jump(Opcode::JUMP, exit);
        // An exception calls __exit__ with it.
        self.use_next_block(final_);
        self.emit_jump(Opcode::SETUP_CLEANUP, cleanup);
        self.emit(Opcode::PUSH_EXC_INFO);
        self.emit(Opcode::WITH_EXCEPT_START);
        self.with_except_finish(cleanup);
        self.use_next_block(exit);
        Ok(())
    }

    /// `compiler_async_with`.
    fn async_with(
        &mut self,
        s: &'a Stmt,
        items: &'a [krait_parser::ast::WithItem],
        pos: usize,
        body: &'a [Stmt],
    ) -> Result<()> {
        if self.u().kind != UnitKind::AsyncFunction {
            return Err(self.error("'async with' outside async function"));
        }
        let item = &items[pos];
        let block = self.new_block();
        let final_ = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.visit_expr(&item.context_expr)?;
        self.emit(Opcode::BEFORE_ASYNC_WITH);
        self.emit_arg(Opcode::GET_AWAITABLE, 1);
        self.emit_load_const(Constant::None);
        self.emit_yield_from(true);
        self.emit_jump(Opcode::SETUP_WITH, final_);
        self.use_next_block(block);
        self.push_fblock(
            FBlockKind::AsyncWith,
            block,
            Some(final_),
            FBlockDatum::With(s.loc),
        )?;
        match &item.optional_vars {
            Some(vars) => self.visit_expr(vars)?,
            None => self.emit(Opcode::POP_TOP),
        }
        if pos + 1 == items.len() {
            self.visit_body(body)?;
        } else {
            self.async_with(s, items, pos + 1, body)?;
        }
        self.pop_fblock();
        self.emit(Opcode::POP_BLOCK);
        self.set_loc(s.loc);
        self.call_exit_with_nones();
        self.emit_arg(Opcode::GET_AWAITABLE, 2);
        self.emit_load_const(Constant::None);
        self.emit_yield_from(true);
        self.emit(Opcode::POP_TOP);
        self.emit_jump(Opcode::JUMP, exit);
        self.use_next_block(final_);
        self.emit_jump(Opcode::SETUP_CLEANUP, cleanup);
        self.emit(Opcode::PUSH_EXC_INFO);
        self.emit(Opcode::WITH_EXCEPT_START);
        self.emit_arg(Opcode::GET_AWAITABLE, 2);
        self.emit_load_const(Constant::None);
        self.emit_yield_from(true);
        self.with_except_finish(cleanup);
        self.use_next_block(exit);
        Ok(())
    }

    /// `compiler_with_except_finish`: re-raises unless __exit__ returned
    /// a true value.
    fn with_except_finish(&mut self, cleanup: usize) {
        self.unset_loc();
        let exit = self.new_block();
        self.emit_jump(Opcode::POP_JUMP_IF_TRUE, exit);
        self.emit_arg(Opcode::RERAISE, 2);
        self.use_next_block(cleanup);
        self.pop_except_and_reraise();
        self.use_next_block(exit);
        // The exception, then the exit function and the context manager's
        // value after the block is popped.
        self.emit(Opcode::POP_TOP);
        self.emit(Opcode::POP_BLOCK);
        self.emit(Opcode::POP_EXCEPT);
        self.emit(Opcode::POP_TOP);
        self.emit(Opcode::POP_TOP);
    }

    // ----- Imports -----

    /// `compiler_import`.
    fn import(&mut self, names: &'a [Alias]) -> Result<()> {
        for alias in names {
            self.emit_load_const(Constant::Int(krait_parser::ast::Int::Small(0)));
            self.emit_load_const(Constant::None);
            self.emit_name(Opcode::IMPORT_NAME, &alias.name);
            match &alias.asname {
                Some(asname) => self.import_as(&alias.name, asname)?,
                None => {
                    let top = alias.name.split('.').next().unwrap_or(&alias.name);
                    self.nameop(top, ExprContext::Store)?;
                }
            }
        }
        Ok(())
    }

    /// `compiler_import_as`: `import a.b.c as d` binds `d` to the module
    /// `a.b.c`, found by attribute from `a`.
    fn import_as(&mut self, name: &str, asname: &str) -> Result<()> {
        let mut parts = name.split('.');
        parts.next();
        let attrs: Vec<&str> = parts.collect();
        if attrs.is_empty() {
            return self.nameop(asname, ExprContext::Store);
        }
        for (i, attr) in attrs.iter().enumerate() {
            self.emit_name_unmangled(Opcode::IMPORT_FROM, attr);
            if i + 1 < attrs.len() {
                self.emit_arg(Opcode::SWAP, 2);
                self.emit(Opcode::POP_TOP);
            }
        }
        self.nameop(asname, ExprContext::Store)?;
        self.emit(Opcode::POP_TOP);
        Ok(())
    }

    /// `compiler_from_import`.
    fn import_from(
        &mut self,
        s: &'a Stmt,
        module: Option<&'a str>,
        names: &'a [Alias],
        level: i32,
    ) -> Result<()> {
        self.emit_load_const(Constant::Int(krait_parser::ast::Int::Small(level.into())));
        let future_line = self.future.lineno.map_or(-1, i64::from);
        if i64::from(s.loc.lineno) > future_line && module == Some("__future__") {
            return Err(
                self.error("from __future__ imports must occur at the beginning of the file")
            );
        }
        let tuple = names
            .iter()
            .map(|alias| Constant::Str(alias.name.as_str().into()))
            .collect();
        self.emit_load_const(Constant::Tuple(tuple));
        self.emit_name(Opcode::IMPORT_NAME, module.unwrap_or(""));
        for (i, alias) in names.iter().enumerate() {
            if i == 0 && alias.name.starts_with('*') {
                self.emit(Opcode::IMPORT_STAR);
                return Ok(());
            }
            self.emit_name(Opcode::IMPORT_FROM, &alias.name);
            let store = alias.asname.as_deref().unwrap_or(&alias.name);
            self.nameop(store, ExprContext::Store)?;
        }
        // The module.
        self.emit(Opcode::POP_TOP);
        Ok(())
    }
}
