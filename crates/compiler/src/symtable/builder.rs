//! Pass 1 of the symbol table: one walk over the AST that creates the
//! scopes and records how each scope uses each name (symtable.c's
//! `symtable_visit_*` functions), raising the errors that need no more
//! than that.

use std::collections::HashMap;

use krait_parser::ast::{
    Alias, Arguments, Comprehension, ExceptHandlerKind, Expr, ExprContext, ExprKind, Loc,
    MatchCase, Mod, Pattern, PatternKind, Stmt, StmtKind, WithItem,
};
use krait_parser::{SyntaxError, SyntaxErrorKind};

use super::{
    located_error, mangled, node_key, ComprehensionKind, Scope, ScopeId, ScopeKind, ScopeNode,
    SymbolTable, DEF_ANNOT, DEF_COMP_ITER, DEF_GLOBAL, DEF_IMPORT, DEF_LOCAL, DEF_NONLOCAL,
    DEF_PARAM, USE,
};
use crate::future::FutureFeatures;

pub(super) fn build(
    module: &Mod,
    future: &FutureFeatures,
    recursion_limit: u32,
) -> Result<SymbolTable, SyntaxError> {
    let mut builder = Builder {
        scopes: Vec::new(),
        by_node: HashMap::new(),
        stack: Vec::new(),
        private: None,
        future_annotations: future.annotations(),
        depth: 0,
        recursion_limit,
    };
    let top = builder.enter_block("top", ScopeKind::Module, Loc::default());
    builder.by_node.insert(node_key(module), top);
    match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => builder.visit_stmts(body)?,
        Mod::Expression { body } => builder.visit_expr(body)?,
        Mod::FunctionType { .. } => {
            // Only `compile(..., "func_type", PyCF_ONLY_AST)` makes this
            // kind of module, and it never reaches the compiler.
            return Err(SyntaxError {
                kind: SyntaxErrorKind::SyntaxError,
                msg: "this compiler does not handle FunctionTypes".into(),
                lineno: None,
                offset: None,
                end_lineno: None,
                end_offset: None,
            });
        }
    }
    Ok(SymbolTable {
        scopes: builder.scopes,
        by_node: builder.by_node,
    })
}

struct Builder<'a> {
    scopes: Vec<Scope>,
    by_node: HashMap<usize, ScopeId>,
    /// The scopes being visited, innermost last; never empty once the
    /// module's scope is entered.
    stack: Vec<ScopeId>,
    /// The name of the innermost class, for mangling (`st_private`).
    private: Option<&'a str>,
    future_annotations: bool,
    /// How many statements, expressions and patterns enclose the node
    /// being visited, and how many may.
    depth: u32,
    recursion_limit: u32,
}

/// The module's scope, the first one created.
const TOP: ScopeId = 0;

impl<'a> Builder<'a> {
    fn cur(&self) -> ScopeId {
        self.stack[self.stack.len() - 1]
    }

    fn cur_scope(&mut self) -> &mut Scope {
        let id = self.cur();
        &mut self.scopes[id]
    }

    /// Opens a scope inside the current one (`symtable_enter_block`).
    fn enter_block(&mut self, name: &str, kind: ScopeKind, loc: Loc) -> ScopeId {
        let prev = self.stack.last().map(|&id| &self.scopes[id]);
        let nested = prev.is_some_and(|p| p.nested || p.kind == ScopeKind::Function);
        // bpo-37757: an assignment expression is refused anywhere inside
        // the outermost iterable of a comprehension, even in a lambda or
        // comprehension nested there, so the count is inherited.
        let comp_iter_expr = prev.map_or(0, |p| p.comp_iter_expr);
        let id = self.scopes.len();
        self.scopes
            .push(Scope::new(name, kind, loc, nested, comp_iter_expr));
        if kind != ScopeKind::Annotation {
            if let Some(&parent) = self.stack.last() {
                self.scopes[parent].children.push(id);
            }
        }
        self.stack.push(id);
        id
    }

    /// Opens the scope of a node the code generator will look up.
    fn enter_node_block<T: ScopeNode>(&mut self, name: &str, kind: ScopeKind, node: &T, loc: Loc) {
        let id = self.enter_block(name, kind, loc);
        self.by_node.insert(node_key(node), id);
    }

    fn exit_block(&mut self) {
        self.stack.pop();
    }

    /// Records a use of `name` in the current scope (`symtable_add_def`).
    fn add_def(&mut self, name: &str, flag: u32, loc: Loc) -> Result<(), SyntaxError> {
        self.add_def_in(self.cur(), name, flag, loc)
    }

    /// Records a use of `name` in scope `id` (`symtable_add_def_helper`).
    fn add_def_in(
        &mut self,
        id: ScopeId,
        name: &str,
        flag: u32,
        loc: Loc,
    ) -> Result<(), SyntaxError> {
        let mangled = mangled(self.private, name);
        let scope = &mut self.scopes[id];
        let index = scope.index.get(mangled.as_ref()).copied();
        let mut flags = match index {
            Some(i) => {
                let old = scope.symbols[i].flags;
                if flag & DEF_PARAM != 0 && old & DEF_PARAM != 0 {
                    return Err(located_error(
                        format!("duplicate argument '{name}' in function definition"),
                        loc,
                    ));
                }
                old | flag
            }
            None => flag,
        };
        if scope.comp_iter_target {
            // An iteration variable of a comprehension may not be a name
            // an assignment expression in the same comprehension binds in
            // the enclosing scope.
            if flags & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(located_error(
                    format!(
                        "comprehension inner loop cannot rebind assignment expression target '{name}'"
                    ),
                    loc,
                ));
            }
            flags |= DEF_COMP_ITER;
        }
        scope.add_flags(&mangled, flags);
        if flag & DEF_PARAM != 0 {
            scope.varnames.push(mangled.into_owned());
        } else if flag & DEF_GLOBAL != 0 {
            // The module's table learns of every global declaration.
            self.scopes[TOP].add_flags(&mangled, flag);
        }
        Ok(())
    }

    /// The flags recorded so far for `name` in the current scope
    /// (`symtable_lookup`).
    fn lookup(&self, name: &str) -> u32 {
        self.scopes[self.cur()].symbol_flags(&mangled(self.private, name))
    }

    /// Remembers where `name` was declared global or nonlocal, for the
    /// errors of pass 2 (`symtable_record_directive`).
    fn record_directive(&mut self, name: &str, loc: Loc) {
        let mangled = mangled(self.private, name).into_owned();
        self.cur_scope().directives.push((mangled, loc));
    }

    fn enter_recursion(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > self.recursion_limit {
            return Err(SyntaxError {
                kind: SyntaxErrorKind::RecursionError,
                msg: "maximum recursion depth exceeded during compilation".into(),
                lineno: None,
                offset: None,
                end_lineno: None,
                end_offset: None,
            });
        }
        Ok(())
    }

    fn visit_stmts(&mut self, stmts: &'a [Stmt]) -> Result<(), SyntaxError> {
        stmts.iter().try_for_each(|s| self.visit_stmt(s))
    }

    fn visit_exprs(&mut self, exprs: &'a [Expr]) -> Result<(), SyntaxError> {
        exprs.iter().try_for_each(|e| self.visit_expr(e))
    }

    fn visit_stmt(&mut self, stmt: &'a Stmt) -> Result<(), SyntaxError> {
        self.enter_recursion()?;
        match &stmt.kind {
            StmtKind::FunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                ..
            }
            | StmtKind::AsyncFunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                ..
            } => {
                self.add_def(name, DEF_LOCAL, stmt.loc)?;
                // Defaults, annotations and decorators are evaluated where
                // the function is defined; CPython visits them in this
                // order.
                self.visit_exprs(&args.defaults)?;
                for default in args.kw_defaults.iter().flatten() {
                    self.visit_expr(default)?;
                }
                self.visit_annotations(stmt.loc, args, returns.as_deref())?;
                self.visit_exprs(decorator_list)?;
                self.enter_node_block(name, ScopeKind::Function, stmt, stmt.loc);
                if matches!(stmt.kind, StmtKind::AsyncFunctionDef { .. }) {
                    self.cur_scope().coroutine = true;
                }
                self.visit_parameters(args)?;
                self.visit_stmts(body)?;
                self.exit_block();
            }
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorator_list,
            } => {
                self.add_def(name, DEF_LOCAL, stmt.loc)?;
                self.visit_exprs(bases)?;
                for keyword in keywords {
                    self.visit_expr(&keyword.value)?;
                }
                self.visit_exprs(decorator_list)?;
                self.enter_node_block(name, ScopeKind::Class, stmt, stmt.loc);
                let enclosing_class = self.private.replace(name.as_str());
                self.visit_stmts(body)?;
                self.private = enclosing_class;
                self.exit_block();
            }
            StmtKind::Return { value } => {
                if let Some(value) = value {
                    self.visit_expr(value)?;
                    self.cur_scope().returns_value = true;
                }
            }
            StmtKind::Delete { targets } => self.visit_exprs(targets)?,
            StmtKind::Assign { targets, value, .. } => {
                self.visit_exprs(targets)?;
                self.visit_expr(value)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    let declared = self.lookup(id);
                    if declared & (DEF_GLOBAL | DEF_NONLOCAL) != 0
                        && self.cur() != TOP
                        && *simple != 0
                    {
                        let what = if declared & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err(located_error(
                            format!("annotated name '{id}' can't be {what}"),
                            stmt.loc,
                        ));
                    }
                    if *simple != 0 {
                        self.add_def(id, DEF_ANNOT | DEF_LOCAL, target.loc)?;
                    } else if value.is_some() {
                        self.add_def(id, DEF_LOCAL, target.loc)?;
                    }
                } else {
                    self.visit_expr(target)?;
                }
                self.visit_annotation(annotation)?;
                if let Some(value) = value {
                    self.visit_expr(value)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.visit_expr(target)?;
                self.visit_expr(value)?;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            }
            | StmtKind::AsyncFor {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.visit_expr(target)?;
                self.visit_expr(iter)?;
                self.visit_stmts(body)?;
                self.visit_stmts(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_stmts(body)?;
                self.visit_stmts(orelse)?;
            }
            StmtKind::With { items, body, .. } | StmtKind::AsyncWith { items, body, .. } => {
                for WithItem {
                    context_expr,
                    optional_vars,
                } in items
                {
                    self.visit_expr(context_expr)?;
                    if let Some(vars) = optional_vars {
                        self.visit_expr(vars)?;
                    }
                }
                self.visit_stmts(body)?;
            }
            StmtKind::Match { subject, cases } => {
                self.visit_expr(subject)?;
                for MatchCase {
                    pattern,
                    guard,
                    body,
                } in cases
                {
                    self.visit_pattern(pattern)?;
                    if let Some(guard) = guard {
                        self.visit_expr(guard)?;
                    }
                    self.visit_stmts(body)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(exc) = exc {
                    self.visit_expr(exc)?;
                    if let Some(cause) = cause {
                        self.visit_expr(cause)?;
                    }
                }
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
                // The else clause before the handlers, as in CPython: the
                // order shows in the order of the symbols.
                self.visit_stmts(body)?;
                self.visit_stmts(orelse)?;
                for handler in handlers {
                    let ExceptHandlerKind::ExceptHandler { type_, name, body } = &handler.kind;
                    if let Some(type_) = type_ {
                        self.visit_expr(type_)?;
                    }
                    if let Some(name) = name {
                        self.add_def(name, DEF_LOCAL, handler.loc)?;
                    }
                    self.visit_stmts(body)?;
                }
                self.visit_stmts(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.visit_expr(test)?;
                if let Some(msg) = msg {
                    self.visit_expr(msg)?;
                }
            }
            StmtKind::Import { names } | StmtKind::ImportFrom { names, .. } => {
                for alias in names {
                    self.visit_alias(alias)?;
                }
            }
            StmtKind::Global { names } => {
                for name in names {
                    self.visit_declaration(name, DEF_GLOBAL, "global", stmt.loc)?;
                }
            }
            StmtKind::Nonlocal { names } => {
                for name in names {
                    self.visit_declaration(name, DEF_NONLOCAL, "nonlocal", stmt.loc)?;
                }
            }
            StmtKind::Expr { value } => self.visit_expr(value)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        self.depth -= 1;
        Ok(())
    }

    /// A `global` or `nonlocal` declaration of one name.
    fn visit_declaration(
        &mut self,
        name: &str,
        flag: u32,
        what: &str,
        loc: Loc,
    ) -> Result<(), SyntaxError> {
        let seen = self.lookup(name);
        if seen & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
            let msg = if seen & DEF_PARAM != 0 {
                format!("name '{name}' is parameter and {what}")
            } else if seen & USE != 0 {
                format!("name '{name}' is used prior to {what} declaration")
            } else if seen & DEF_ANNOT != 0 {
                format!("annotated name '{name}' can't be {what}")
            } else {
                format!("name '{name}' is assigned to before {what} declaration")
            };
            return Err(located_error(msg, loc));
        }
        self.add_def(name, flag, loc)?;
        self.record_directive(name, loc);
        Ok(())
    }

    /// The name an import binds: `a` for `import a.b.c`, the alias for
    /// `import a.b as c`; nothing for `from m import *`, which only a
    /// module may do.
    fn visit_alias(&mut self, alias: &Alias) -> Result<(), SyntaxError> {
        let name = alias.asname.as_deref().unwrap_or(&alias.name);
        if name == "*" {
            if self.scopes[self.cur()].kind != ScopeKind::Module {
                return Err(located_error(
                    "import * only allowed at module level",
                    alias.loc,
                ));
            }
            return Ok(());
        }
        let store_name = name.split('.').next().unwrap_or(name);
        self.add_def(store_name, DEF_IMPORT, alias.loc)
    }

    /// The parameters of a function or lambda, in `co_varnames` order.
    fn visit_parameters(&mut self, args: &'a Arguments) -> Result<(), SyntaxError> {
        for arg in args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs)
        {
            self.add_def(&arg.arg, DEF_PARAM, arg.loc)?;
        }
        if let Some(vararg) = &args.vararg {
            self.add_def(&vararg.arg, DEF_PARAM, vararg.loc)?;
            self.cur_scope().varargs = true;
        }
        if let Some(kwarg) = &args.kwarg {
            self.add_def(&kwarg.arg, DEF_PARAM, kwarg.loc)?;
            self.cur_scope().varkeywords = true;
        }
        Ok(())
    }

    /// A function's annotations. Under `from __future__ import
    /// annotations` they are visited in a scope of their own, opened at
    /// the `def`, and the return annotation in another.
    fn visit_annotations(
        &mut self,
        loc: Loc,
        args: &'a Arguments,
        returns: Option<&'a Expr>,
    ) -> Result<(), SyntaxError> {
        if self.future_annotations {
            self.enter_block("_annotation", ScopeKind::Annotation, loc);
        }
        // `*args` and `**kwargs` before the keyword-only parameters, as in
        // CPython.
        let annotations = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(args.vararg.as_deref())
            .chain(args.kwarg.as_deref())
            .chain(&args.kwonlyargs)
            .filter_map(|arg| arg.annotation.as_deref());
        for annotation in annotations {
            self.visit_expr(annotation)?;
        }
        if self.future_annotations {
            self.exit_block();
        }
        if let Some(returns) = returns {
            self.visit_annotation(returns)?;
        }
        Ok(())
    }

    fn visit_annotation(&mut self, annotation: &'a Expr) -> Result<(), SyntaxError> {
        if self.future_annotations {
            self.enter_block("_annotation", ScopeKind::Annotation, annotation.loc);
        }
        self.visit_expr(annotation)?;
        if self.future_annotations {
            self.exit_block();
        }
        Ok(())
    }

    fn visit_expr(&mut self, expr: &'a Expr) -> Result<(), SyntaxError> {
        self.enter_recursion()?;
        match &expr.kind {
            ExprKind::NamedExpr { target, value } => {
                self.refuse_in_annotation("named expression", expr)?;
                self.visit_named_expr(expr, target, value)?;
            }
            ExprKind::BoolOp { values, .. } => self.visit_exprs(values)?,
            ExprKind::BinOp { left, right, .. } => {
                self.visit_expr(left)?;
                self.visit_expr(right)?;
            }
            ExprKind::UnaryOp { operand, .. } => self.visit_expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.visit_exprs(&args.defaults)?;
                for default in args.kw_defaults.iter().flatten() {
                    self.visit_expr(default)?;
                }
                self.enter_node_block("lambda", ScopeKind::Function, expr, expr.loc);
                self.visit_parameters(args)?;
                self.visit_expr(body)?;
                self.exit_block();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_expr(body)?;
                self.visit_expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for key in keys.iter().flatten() {
                    self.visit_expr(key)?;
                }
                self.visit_exprs(values)?;
            }
            ExprKind::Set { elts } => self.visit_exprs(elts)?,
            ExprKind::ListComp { elt, generators } => {
                self.visit_comprehension(expr, ComprehensionKind::List, generators, elt, None)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.visit_comprehension(expr, ComprehensionKind::Set, generators, elt, None)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.visit_comprehension(
                expr,
                ComprehensionKind::Dict,
                generators,
                key,
                Some(value),
            )?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.visit_comprehension(expr, ComprehensionKind::Generator, generators, elt, None)?
            }
            ExprKind::Yield { value } => {
                self.refuse_in_annotation("yield expression", expr)?;
                if let Some(value) = value {
                    self.visit_expr(value)?;
                }
                self.visit_yield(expr)?;
            }
            ExprKind::YieldFrom { value } => {
                self.refuse_in_annotation("yield expression", expr)?;
                self.visit_expr(value)?;
                self.visit_yield(expr)?;
            }
            ExprKind::Await { value } => {
                self.refuse_in_annotation("await expression", expr)?;
                self.visit_expr(value)?;
                self.cur_scope().coroutine = true;
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.visit_expr(left)?;
                self.visit_exprs(comparators)?;
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.visit_expr(func)?;
                self.visit_exprs(args)?;
                for keyword in keywords {
                    self.visit_expr(&keyword.value)?;
                }
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.visit_expr(value)?;
                if let Some(spec) = format_spec {
                    self.visit_expr(spec)?;
                }
            }
            ExprKind::JoinedStr { values } => self.visit_exprs(values)?,
            ExprKind::Constant { .. } => {}
            ExprKind::Attribute { value, .. } | ExprKind::Starred { value, .. } => {
                self.visit_expr(value)?
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.visit_expr(value)?;
                self.visit_expr(slice)?;
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.visit_expr(part)?;
                }
            }
            ExprKind::Name { id, ctx } => {
                let flag = if *ctx == ExprContext::Load {
                    USE
                } else {
                    DEF_LOCAL
                };
                self.add_def(id, flag, expr.loc)?;
                // `super()` with no arguments reads the implicit
                // `__class__` cell, so a function naming `super` uses it.
                if *ctx == ExprContext::Load
                    && self.scopes[self.cur()].kind == ScopeKind::Function
                    && id == "super"
                {
                    self.add_def("__class__", USE, expr.loc)?;
                }
            }
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.visit_exprs(elts)?,
        }
        self.depth -= 1;
        Ok(())
    }

    /// `yield` and `yield from` make the scope a generator; a comprehension
    /// may not contain them.
    fn visit_yield(&mut self, expr: &Expr) -> Result<(), SyntaxError> {
        let scope = self.cur_scope();
        scope.generator = true;
        let msg = match scope.comprehension {
            None => return Ok(()),
            Some(ComprehensionKind::List) => "'yield' inside list comprehension",
            Some(ComprehensionKind::Set) => "'yield' inside set comprehension",
            Some(ComprehensionKind::Dict) => "'yield' inside dict comprehension",
            Some(ComprehensionKind::Generator) => "'yield' inside generator expression",
        };
        Err(located_error(msg, expr.loc))
    }

    /// Annotations under `from __future__ import annotations` are never
    /// evaluated, so they may not contain what only evaluation means.
    fn refuse_in_annotation(&self, what: &str, expr: &Expr) -> Result<(), SyntaxError> {
        if self.scopes[self.cur()].kind == ScopeKind::Annotation {
            return Err(located_error(
                format!("'{what}' can not be used within an annotation"),
                expr.loc,
            ));
        }
        Ok(())
    }

    /// `target := value` (`symtable_handle_namedexpr`).
    fn visit_named_expr(
        &mut self,
        expr: &Expr,
        target: &'a Expr,
        value: &'a Expr,
    ) -> Result<(), SyntaxError> {
        if self.scopes[self.cur()].comp_iter_expr > 0 {
            return Err(located_error(
                "assignment expression cannot be used in a comprehension iterable expression",
                expr.loc,
            ));
        }
        if self.scopes[self.cur()].comprehension.is_some() {
            self.bind_in_enclosing_scope(target)?;
        }
        self.visit_expr(value)?;
        self.visit_expr(target)
    }

    /// An assignment expression in a comprehension binds its target in
    /// the nearest enclosing function or module, which the comprehension
    /// then reaches as nonlocal or global (PEP 572;
    /// `symtable_extend_namedexpr_scope`).
    fn bind_in_enclosing_scope(&mut self, target: &Expr) -> Result<(), SyntaxError> {
        let ExprKind::Name { id: name, .. } = &target.kind else {
            return Ok(());
        };
        let loc = target.loc;
        for i in (0..self.stack.len()).rev() {
            let id = self.stack[i];
            let scope = &self.scopes[id];
            // CPython looks the target up unmangled here.
            let declared = scope.symbol_flags(name);
            if scope.comprehension.is_some() {
                if declared & DEF_COMP_ITER != 0 {
                    return Err(located_error(
                        format!(
                            "assignment expression cannot rebind comprehension iteration variable '{name}'"
                        ),
                        loc,
                    ));
                }
                continue;
            }
            match scope.kind {
                ScopeKind::Function => {
                    let flag = if declared & DEF_GLOBAL != 0 {
                        DEF_GLOBAL
                    } else {
                        DEF_NONLOCAL
                    };
                    self.add_def(name, flag, loc)?;
                    self.record_directive(name, loc);
                    return self.add_def_in(id, name, DEF_LOCAL, loc);
                }
                ScopeKind::Module => {
                    self.add_def(name, DEF_GLOBAL, loc)?;
                    self.record_directive(name, loc);
                    return self.add_def_in(id, name, DEF_GLOBAL, loc);
                }
                ScopeKind::Class => {
                    return Err(located_error(
                        "assignment expression within a comprehension cannot be used in a class body",
                        loc,
                    ));
                }
                ScopeKind::Annotation => {}
            }
        }
        Ok(())
    }

    /// A comprehension: its outermost iterable is evaluated in the current
    /// scope and passed in as the parameter `.0`; everything else runs in
    /// a function scope of its own (`symtable_handle_comprehension`).
    fn visit_comprehension(
        &mut self,
        expr: &'a Expr,
        kind: ComprehensionKind,
        generators: &'a [Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> Result<(), SyntaxError> {
        let Some((outermost, inner)) = generators.split_first() else {
            return Ok(());
        };
        self.cur_scope().comp_iter_expr += 1;
        self.visit_expr(&outermost.iter)?;
        self.cur_scope().comp_iter_expr -= 1;
        let name = match kind {
            ComprehensionKind::List => "listcomp",
            ComprehensionKind::Set => "setcomp",
            ComprehensionKind::Dict => "dictcomp",
            ComprehensionKind::Generator => "genexpr",
        };
        self.enter_node_block(name, ScopeKind::Function, expr, expr.loc);
        let scope = self.cur_scope();
        scope.comprehension = Some(kind);
        if outermost.is_async != 0 {
            scope.coroutine = true;
        }
        let loc = scope.loc;
        self.add_def(".0", DEF_PARAM, loc)?;
        self.visit_comprehension_target(&outermost.target)?;
        self.visit_exprs(&outermost.ifs)?;
        for generator in inner {
            self.visit_comprehension_target(&generator.target)?;
            self.cur_scope().comp_iter_expr += 1;
            self.visit_expr(&generator.iter)?;
            self.cur_scope().comp_iter_expr -= 1;
            self.visit_exprs(&generator.ifs)?;
            if generator.is_async != 0 {
                self.cur_scope().coroutine = true;
            }
        }
        // A dict comprehension's value before its key, as in CPython.
        if let Some(value) = value {
            self.visit_expr(value)?;
        }
        self.visit_expr(elt)?;
        let scope = self.cur_scope();
        let is_generator = kind == ComprehensionKind::Generator;
        scope.generator = is_generator;
        // A list, set or dict comprehension that awaits makes the scope
        // evaluating it await too; a generator expression does not, as
        // it only creates an asynchronous generator.
        let awaits = scope.coroutine && !is_generator;
        self.exit_block();
        if awaits {
            self.cur_scope().coroutine = true;
        }
        Ok(())
    }

    fn visit_comprehension_target(&mut self, target: &'a Expr) -> Result<(), SyntaxError> {
        self.cur_scope().comp_iter_target = true;
        self.visit_expr(target)?;
        self.cur_scope().comp_iter_target = false;
        Ok(())
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) -> Result<(), SyntaxError> {
        self.enter_recursion()?;
        match &pattern.kind {
            PatternKind::MatchValue { value } => self.visit_expr(value)?,
            PatternKind::MatchSingleton { .. } => {}
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                self.visit_patterns(patterns)?
            }
            PatternKind::MatchStar { name } => {
                if let Some(name) = name {
                    self.add_def(name, DEF_LOCAL, pattern.loc)?;
                }
            }
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                self.visit_exprs(keys)?;
                self.visit_patterns(patterns)?;
                if let Some(rest) = rest {
                    self.add_def(rest, DEF_LOCAL, pattern.loc)?;
                }
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.visit_expr(cls)?;
                self.visit_patterns(patterns)?;
                self.visit_patterns(kwd_patterns)?;
            }
            PatternKind::MatchAs { pattern: sub, name } => {
                if let Some(sub) = sub {
                    self.visit_pattern(sub)?;
                }
                if let Some(name) = name {
                    self.add_def(name, DEF_LOCAL, pattern.loc)?;
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    fn visit_patterns(&mut self, patterns: &'a [Pattern]) -> Result<(), SyntaxError> {
        patterns.iter().try_for_each(|p| self.visit_pattern(p))
    }
}
