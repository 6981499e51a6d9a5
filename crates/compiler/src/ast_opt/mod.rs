//! # The AST optimizer (Python/ast_opt.c)
//!
//! Between the parser and the symbol table, CPython 3.11 rewrites the AST
//! in place. This module makes the same rewrites, so that Krait's code
//! generator sees the tree CPython's sees:
//!
//! - **Constant folding.** A unary or binary operator, a subscript or a
//!   tuple display whose operands are all constants becomes one constant,
//!   computed with Python's semantics ([`fold`], [`number`]), and carrying
//!   the location of the expression it replaces. An operation that would
//!   raise (`1/0`, `'a' + 1`) is left alone, to raise when the code runs,
//!   and so is one that would build a large constant (see the limits in
//!   [`fold`]).
//! - **`not` of a single `is`, `is not`, `in` or `not in` comparison**
//!   becomes the opposite comparison. (`not a == b` stays: `__eq__` and
//!   `__ne__` need not be opposites.)
//! - **Iterables.** A list display that is only iterated over becomes a
//!   tuple (a constant if its items are), a set display of constants a
//!   frozenset constant: the right operand of a comparison whose last
//!   operator is `in` or `not in` (only that last one, in a chain), and
//!   the iterable of a `for` loop (not `async for`) or a comprehension.
//! - **`'...' % (a, b)`** with only `%s`, `%r` and `%a` becomes an f-string
//!   ([`format`]).
//! - **`__debug__`** becomes `True`, or `False` under `-O`.
//! - **Docstrings.** A string that folding makes the first statement of a
//!   body (`'a' + 'b'`) is wrapped in a JoinedStr: it was not a docstring
//!   in the source, so it must not become one.
//!
//! What 3.11 does not fold: comparisons, `and`/`or`, conditional
//! expressions, calls, `@`, slices, f-strings, list, set and dict displays
//! other than the iterables above; annotations under `from __future__
//! import annotations` (they become strings of their source); and targets
//! (a tuple or subscript in a Store or Del context), though what a target
//! contains is folded (`a[1 + 1] = x`).
//!
//! The optimizer nests as deeply as the tree does. Like CPython, it counts
//! the statements, expressions and patterns it is inside and raises
//! RecursionError past a limit, which also bounds its use of the native
//! stack.

mod fold;
pub(crate) use fold::{equal as python_equal, frozenset};
mod format;
mod number;

use krait_parser::ast::{
    Arguments, CmpOp, Comprehension, Constant, ExceptHandler, ExceptHandlerKind, Expr, ExprContext,
    ExprKind, Keyword, Loc, MatchCase, Mod, Operator, Pattern, PatternKind, Stmt, StmtKind,
    UnaryOp, WithItem,
};
use std::fmt;

/// The location of a node the optimizer made that has no place in the
/// source (the literal parts of a rewritten `%` format): CPython's -1 in
/// every field, as `u32::MAX as i32 == -1`. The code generator gives the
/// instructions of such a node the location of the instruction before
/// them.
pub const NO_LOCATION: Loc = Loc {
    lineno: u32::MAX,
    col_offset: u32::MAX,
    end_lineno: u32::MAX,
    end_col_offset: u32::MAX,
};

/// How deeply statements, expressions and patterns may nest when a module
/// is compiled with nothing else on the stack: CPython allows three times
/// `sys.getrecursionlimit()` (1000 by default).
pub const DEFAULT_RECURSION_LIMIT: u32 = 3000;

/// What the optimizer needs to know besides the tree (CPython's
/// `_PyASTOptimizeState`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// `sys.flags.optimize`: 0 normally, 1 under `-O`, 2 under `-OO`.
    pub optimize: u8,
    /// Whether `from __future__ import annotations` is in effect: then
    /// annotations are left as written, for the code generator to turn
    /// into strings.
    pub future_annotations: bool,
    /// How deeply statements, expressions and patterns may nest before
    /// RecursionError: for a compile called at a recursion depth `d`,
    /// CPython allows `3 * (sys.getrecursionlimit() - d)`.
    pub recursion_limit: u32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            optimize: 0,
            future_annotations: false,
            recursion_limit: DEFAULT_RECURSION_LIMIT,
        }
    }
}

/// The tree nests deeper than [`Options::recursion_limit`]; Python raises
/// it as RecursionError.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecursionError;

impl fmt::Display for RecursionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("maximum recursion depth exceeded during compilation")
    }
}

impl std::error::Error for RecursionError {}

/// Optimizes `module` in place, as `_PyAST_Optimize` does.
pub fn optimize(module: &mut Mod, options: &Options) -> Result<(), RecursionError> {
    let mut optimizer = Optimizer {
        options: *options,
        depth: 0,
    };
    match module {
        Mod::Module { body, .. } => optimizer.body(body),
        Mod::Interactive { body } => optimizer.stmts(body),
        Mod::Expression { body } => optimizer.expr(body),
        // Type comments of functions are not compiled.
        Mod::FunctionType { .. } => Ok(()),
    }
}

type Visit = Result<(), RecursionError>;

/// The walk over the tree: every child before its parent, so that a
/// parent sees its children already folded.
struct Optimizer {
    options: Options,
    depth: u32,
}

/// Which rewrite an expression gets once its children are optimized.
enum Rewrite {
    None,
    UnaryOp,
    BinOp,
    Compare,
    Subscript,
    Tuple,
    Debug,
}

impl Optimizer {
    fn enter(&mut self) -> Visit {
        self.depth += 1;
        if self.depth > self.options.recursion_limit {
            return Err(RecursionError);
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// The body of a module, class or function (`astfold_body`).
    fn body(&mut self, body: &mut [Stmt]) -> Visit {
        let had_docstring = has_docstring(body);
        self.stmts(body)?;
        if !had_docstring && has_docstring(body) {
            let stmt = &mut body[0];
            let loc = stmt.loc;
            if let StmtKind::Expr { value } = &mut stmt.kind {
                let string = take(value);
                **value = Expr {
                    kind: ExprKind::JoinedStr {
                        values: vec![string],
                    },
                    loc,
                };
            }
        }
        Ok(())
    }

    fn stmts(&mut self, stmts: &mut [Stmt]) -> Visit {
        stmts.iter_mut().try_for_each(|stmt| self.stmt(stmt))
    }

    fn stmt(&mut self, stmt: &mut Stmt) -> Visit {
        self.enter()?;
        let annotations = !self.options.future_annotations;
        match &mut stmt.kind {
            StmtKind::FunctionDef {
                args,
                body,
                decorator_list,
                returns,
                ..
            }
            | StmtKind::AsyncFunctionDef {
                args,
                body,
                decorator_list,
                returns,
                ..
            } => {
                self.arguments(args)?;
                self.body(body)?;
                self.exprs(decorator_list)?;
                if annotations {
                    self.opt_expr(returns)?;
                }
            }
            StmtKind::ClassDef {
                bases,
                keywords,
                body,
                decorator_list,
                ..
            } => {
                self.exprs(bases)?;
                self.keywords(keywords)?;
                self.body(body)?;
                self.exprs(decorator_list)?;
            }
            StmtKind::Return { value } => self.opt_expr(value)?,
            StmtKind::Delete { targets } => self.exprs(targets)?,
            StmtKind::Assign { targets, value, .. } => {
                self.exprs(targets)?;
                self.expr(value)?;
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(target)?;
                self.expr(value)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                self.expr(target)?;
                if annotations {
                    self.expr(annotation)?;
                }
                self.opt_expr(value)?;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(target)?;
                self.expr(iter)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
                fold_iter(iter);
            }
            // 3.11 does not rewrite the iterable of an `async for` (no
            // display is an async iterable anyway).
            StmtKind::AsyncFor {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(target)?;
                self.expr(iter)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::With { items, body, .. } | StmtKind::AsyncWith { items, body, .. } => {
                items.iter_mut().try_for_each(|item| self.with_item(item))?;
                self.stmts(body)?;
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject)?;
                cases
                    .iter_mut()
                    .try_for_each(|case| self.match_case(case))?;
            }
            StmtKind::Raise { exc, cause } => {
                self.opt_expr(exc)?;
                self.opt_expr(cause)?;
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
                self.stmts(body)?;
                handlers
                    .iter_mut()
                    .try_for_each(|handler| self.except_handler(handler))?;
                self.stmts(orelse)?;
                self.stmts(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                self.opt_expr(msg)?;
            }
            StmtKind::Expr { value } => self.expr(value)?,
            StmtKind::Import { .. }
            | StmtKind::ImportFrom { .. }
            | StmtKind::Global { .. }
            | StmtKind::Nonlocal { .. }
            | StmtKind::Pass
            | StmtKind::Break
            | StmtKind::Continue => {}
        }
        self.leave();
        Ok(())
    }

    fn expr(&mut self, expr: &mut Expr) -> Visit {
        self.enter()?;
        let rewrite = match &mut expr.kind {
            ExprKind::BoolOp { values, .. } => {
                self.exprs(values)?;
                Rewrite::None
            }
            // The target is a name, nothing to fold.
            ExprKind::NamedExpr { value, .. } => {
                self.expr(value)?;
                Rewrite::None
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
                Rewrite::BinOp
            }
            ExprKind::UnaryOp { operand, .. } => {
                self.expr(operand)?;
                Rewrite::UnaryOp
            }
            ExprKind::Lambda { args, body } => {
                self.arguments(args)?;
                self.expr(body)?;
                Rewrite::None
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
                Rewrite::None
            }
            ExprKind::Dict { keys, values } => {
                self.opt_exprs(keys)?;
                self.exprs(values)?;
                Rewrite::None
            }
            ExprKind::Set { elts } => {
                self.exprs(elts)?;
                Rewrite::None
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                self.expr(elt)?;
                self.comprehensions(generators)?;
                Rewrite::None
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => {
                self.expr(key)?;
                self.expr(value)?;
                self.comprehensions(generators)?;
                Rewrite::None
            }
            ExprKind::Await { value } | ExprKind::YieldFrom { value } => {
                self.expr(value)?;
                Rewrite::None
            }
            ExprKind::Yield { value } => {
                self.opt_expr(value)?;
                Rewrite::None
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                self.exprs(comparators)?;
                Rewrite::Compare
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                self.exprs(args)?;
                self.keywords(keywords)?;
                Rewrite::None
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.expr(value)?;
                self.opt_expr(format_spec)?;
                Rewrite::None
            }
            ExprKind::JoinedStr { values } => {
                self.exprs(values)?;
                Rewrite::None
            }
            ExprKind::Attribute { value, .. } | ExprKind::Starred { value, .. } => {
                self.expr(value)?;
                Rewrite::None
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.expr(value)?;
                self.expr(slice)?;
                Rewrite::Subscript
            }
            ExprKind::Slice { lower, upper, step } => {
                self.opt_expr(lower)?;
                self.opt_expr(upper)?;
                self.opt_expr(step)?;
                Rewrite::None
            }
            ExprKind::List { elts, .. } => {
                self.exprs(elts)?;
                Rewrite::None
            }
            ExprKind::Tuple { elts, .. } => {
                self.exprs(elts)?;
                Rewrite::Tuple
            }
            ExprKind::Name {
                id,
                ctx: ExprContext::Load,
            } if id == "__debug__" => Rewrite::Debug,
            ExprKind::Name { .. } | ExprKind::Constant { .. } => Rewrite::None,
        };
        match rewrite {
            Rewrite::None => {}
            Rewrite::UnaryOp => fold_unaryop(expr),
            Rewrite::BinOp => fold_binop(expr),
            Rewrite::Compare => fold_compare(expr),
            Rewrite::Subscript => fold_subscript(expr),
            Rewrite::Tuple => fold_tuple(expr),
            Rewrite::Debug => make_const(expr, Constant::Bool(self.options.optimize == 0)),
        }
        self.leave();
        Ok(())
    }

    fn exprs(&mut self, exprs: &mut [Expr]) -> Visit {
        exprs.iter_mut().try_for_each(|expr| self.expr(expr))
    }

    fn opt_expr(&mut self, expr: &mut Option<Box<Expr>>) -> Visit {
        expr.as_deref_mut().map_or(Ok(()), |expr| self.expr(expr))
    }

    fn opt_exprs(&mut self, exprs: &mut [Option<Expr>]) -> Visit {
        exprs
            .iter_mut()
            .flatten()
            .try_for_each(|expr| self.expr(expr))
    }

    fn arguments(&mut self, args: &mut Arguments) -> Visit {
        let annotations = !self.options.future_annotations;
        let Arguments {
            posonlyargs,
            args,
            vararg,
            kwonlyargs,
            kw_defaults,
            kwarg,
            defaults,
        } = args;
        let annotation = |this: &mut Optimizer, annotation: &mut Option<Box<Expr>>| {
            if annotations {
                this.opt_expr(annotation)
            } else {
                Ok(())
            }
        };
        for arg in posonlyargs.iter_mut().chain(args.iter_mut()) {
            annotation(self, &mut arg.annotation)?;
        }
        if let Some(vararg) = vararg {
            annotation(self, &mut vararg.annotation)?;
        }
        for arg in kwonlyargs.iter_mut() {
            annotation(self, &mut arg.annotation)?;
        }
        self.opt_exprs(kw_defaults)?;
        if let Some(kwarg) = kwarg {
            annotation(self, &mut kwarg.annotation)?;
        }
        self.exprs(defaults)
    }

    fn keywords(&mut self, keywords: &mut [Keyword]) -> Visit {
        keywords
            .iter_mut()
            .try_for_each(|keyword| self.expr(&mut keyword.value))
    }

    fn comprehensions(&mut self, generators: &mut [Comprehension]) -> Visit {
        for generator in generators {
            self.expr(&mut generator.target)?;
            self.expr(&mut generator.iter)?;
            self.exprs(&mut generator.ifs)?;
            fold_iter(&mut generator.iter);
        }
        Ok(())
    }

    fn with_item(&mut self, item: &mut WithItem) -> Visit {
        self.expr(&mut item.context_expr)?;
        self.opt_expr(&mut item.optional_vars)
    }

    fn except_handler(&mut self, handler: &mut ExceptHandler) -> Visit {
        let ExceptHandlerKind::ExceptHandler { type_, body, .. } = &mut handler.kind;
        self.opt_expr(type_)?;
        self.stmts(body)
    }

    fn match_case(&mut self, case: &mut MatchCase) -> Visit {
        self.pattern(&mut case.pattern)?;
        self.opt_expr(&mut case.guard)?;
        self.stmts(&mut case.body)
    }

    /// Patterns hold expressions only where a value is compared: this is
    /// what makes `case -1:` and `case 1+2j:` compare with a constant.
    fn pattern(&mut self, pattern: &mut Pattern) -> Visit {
        self.enter()?;
        match &mut pattern.kind {
            PatternKind::MatchValue { value } => self.expr(value)?,
            PatternKind::MatchSequence { patterns } | PatternKind::MatchOr { patterns } => {
                self.patterns(patterns)?;
            }
            PatternKind::MatchMapping { keys, patterns, .. } => {
                self.exprs(keys)?;
                self.patterns(patterns)?;
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.expr(cls)?;
                self.patterns(patterns)?;
                self.patterns(kwd_patterns)?;
            }
            PatternKind::MatchAs {
                pattern: Some(pattern),
                ..
            } => self.pattern(pattern)?,
            PatternKind::MatchSingleton { .. }
            | PatternKind::MatchStar { .. }
            | PatternKind::MatchAs { pattern: None, .. } => {}
        }
        self.leave();
        Ok(())
    }

    fn patterns(&mut self, patterns: &mut [Pattern]) -> Visit {
        patterns
            .iter_mut()
            .try_for_each(|pattern| self.pattern(pattern))
    }
}

/// Whether a body starts with a docstring (`_PyAST_GetDocString`).
fn has_docstring(body: &[Stmt]) -> bool {
    matches!(
        body.first().map(|stmt| &stmt.kind),
        Some(StmtKind::Expr { value }) if matches!(
            value.kind,
            ExprKind::Constant { value: Constant::Str(_), .. }
        )
    )
}

/// Moves an expression out of the tree, leaving a placeholder that the
/// caller replaces.
fn take(expr: &mut Expr) -> Expr {
    std::mem::replace(
        expr,
        Expr {
            kind: ExprKind::Constant {
                value: Constant::None,
                kind: None,
            },
            loc: NO_LOCATION,
        },
    )
}

/// Replaces an expression by a constant, keeping its location
/// (`make_const`). The constant has no `u` prefix kind: it was computed.
fn make_const(expr: &mut Expr, value: Constant) {
    expr.kind = ExprKind::Constant { value, kind: None };
}

/// The values of `exprs`, moved out of them, if all of them are
/// constants.
fn take_constants(exprs: &mut Vec<Expr>) -> Option<Vec<Constant>> {
    if !exprs
        .iter()
        .all(|expr| matches!(expr.kind, ExprKind::Constant { .. }))
    {
        return None;
    }
    let values = std::mem::take(exprs)
        .into_iter()
        .filter_map(|expr| match expr.kind {
            ExprKind::Constant { value, .. } => Some(value),
            _ => None,
        })
        .collect();
    Some(values)
}

fn fold_unaryop(expr: &mut Expr) {
    let ExprKind::UnaryOp { op, operand } = &mut expr.kind else {
        return;
    };
    if let ExprKind::Constant { value, .. } = &operand.kind {
        if let Some(value) = fold::unary(*op, value) {
            make_const(expr, value);
        }
    } else if *op == UnaryOp::Not {
        if let Some(comparison) = negated_comparison(operand) {
            // The comparison replaces the `not` whole, its location too.
            *expr = comparison;
        }
    }
}

/// The comparison `not operand` is, when `operand` compares once with
/// `is`, `is not`, `in` or `not in`; those have exact opposites.
fn negated_comparison(operand: &mut Expr) -> Option<Expr> {
    let ExprKind::Compare { ops, .. } = &mut operand.kind else {
        return None;
    };
    let [op] = ops.as_mut_slice() else {
        return None;
    };
    *op = match op {
        CmpOp::Is => CmpOp::IsNot,
        CmpOp::IsNot => CmpOp::Is,
        CmpOp::In => CmpOp::NotIn,
        CmpOp::NotIn => CmpOp::In,
        CmpOp::Eq | CmpOp::NotEq | CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE => return None,
    };
    Some(take(operand))
}

fn fold_binop(expr: &mut Expr) {
    let ExprKind::BinOp { left, op, right } = &mut expr.kind else {
        return;
    };
    let ExprKind::Constant { value: left, .. } = &left.kind else {
        return;
    };
    if let (Operator::Mod, Constant::Str(format), ExprKind::Tuple { elts, .. }) =
        (*op, left, &mut right.kind)
    {
        if !elts
            .iter()
            .any(|elt| matches!(elt.kind, ExprKind::Starred { .. }))
        {
            if let Some(joined) = format::optimize_format(format, elts) {
                expr.kind = joined;
            }
            return;
        }
    }
    let ExprKind::Constant { value: right, .. } = &right.kind else {
        return;
    };
    if let Some(value) = fold::binary(*op, left, right) {
        make_const(expr, value);
    }
}

fn fold_tuple(expr: &mut Expr) {
    if let ExprKind::Tuple {
        elts,
        ctx: ExprContext::Load,
    } = &mut expr.kind
    {
        if let Some(values) = take_constants(elts) {
            make_const(expr, Constant::Tuple(values));
        }
    }
}

fn fold_subscript(expr: &mut Expr) {
    let ExprKind::Subscript {
        value,
        slice,
        ctx: ExprContext::Load,
    } = &expr.kind
    else {
        return;
    };
    if let (ExprKind::Constant { value, .. }, ExprKind::Constant { value: index, .. }) =
        (&value.kind, &slice.kind)
    {
        if let Some(item) = fold::subscript(value, index) {
            make_const(expr, item);
        }
    }
}

/// The right operand of `in` and `not in` is only iterated over, so it
/// may be a tuple or frozenset instead of a list or set.
fn fold_compare(expr: &mut Expr) {
    if let ExprKind::Compare {
        ops, comparators, ..
    } = &mut expr.kind
    {
        if let (Some(CmpOp::In | CmpOp::NotIn), Some(last)) = (ops.last(), comparators.last_mut()) {
            fold_iter(last);
        }
    }
}

/// An iterable that is only iterated over: a list display becomes a tuple
/// (cheaper to build, and a constant if its items are), a set display of
/// constants a frozenset constant.
fn fold_iter(iterable: &mut Expr) {
    match &mut iterable.kind {
        ExprKind::List { elts, ctx } => {
            if elts
                .iter()
                .any(|elt| matches!(elt.kind, ExprKind::Starred { .. }))
            {
                return;
            }
            let ctx = *ctx;
            match take_constants(elts) {
                Some(values) => make_const(iterable, Constant::Tuple(values)),
                None => {
                    iterable.kind = ExprKind::Tuple {
                        elts: std::mem::take(elts),
                        ctx,
                    }
                }
            }
        }
        ExprKind::Set { elts } => {
            if let Some(values) = take_constants(elts) {
                make_const(iterable, fold::frozenset(values));
            }
        }
        _ => {}
    }
}
