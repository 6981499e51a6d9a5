//! The checks a tree built by hand passes before it is compiled
//! (Python/ast.c's `_PyAST_Validate`), with CPython's messages.
//!
//! The parser never makes the trees rejected here, and the later stages
//! rely on that: expression contexts agree with where expressions stand,
//! bodies are not empty, lists that must match in length do. A tree that
//! `compile()` receives from Python code may break any of those rules, so
//! it is validated first. The checks on a node's positions and on the
//! types of constants are made while the tree is read from its objects
//! (see krait_parser's `convert`), and a few that CPython's code
//! generator makes (the targets of augmented and annotated assignments,
//! conversion characters) are made here too, with its messages.

use krait_parser::ast::*;

/// The class of the exception an invalid tree raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvalidTreeKind {
    ValueError,
    TypeError,
    SystemError,
}

/// Why a tree cannot be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidTree {
    pub kind: InvalidTreeKind,
    pub msg: String,
}

type Check = Result<(), InvalidTree>;

fn value_error(msg: impl Into<String>) -> Check {
    Err(InvalidTree {
        kind: InvalidTreeKind::ValueError,
        msg: msg.into(),
    })
}

fn type_error(msg: impl Into<String>) -> Check {
    Err(InvalidTree {
        kind: InvalidTreeKind::TypeError,
        msg: msg.into(),
    })
}

fn system_error(msg: impl Into<String>) -> Check {
    Err(InvalidTree {
        kind: InvalidTreeKind::SystemError,
        msg: msg.into(),
    })
}

/// Checks a module, expression or interactive statement.
pub fn validate(module: &Mod) -> Check {
    match module {
        Mod::Module { body, .. } | Mod::Interactive { body } => stmts(body),
        Mod::Expression { body } => expr(body, ExprContext::Load),
        Mod::FunctionType { argtypes, returns } => {
            exprs(argtypes, ExprContext::Load)?;
            expr(returns, ExprContext::Load)
        }
    }
}

fn context_name(ctx: ExprContext) -> &'static str {
    match ctx {
        ExprContext::Load => "Load",
        ExprContext::Store => "Store",
        ExprContext::Del => "Del",
    }
}

fn nonempty<T>(items: &[T], what: &str, owner: &str) -> Check {
    if items.is_empty() {
        return value_error(format!("empty {what} on {owner}"));
    }
    Ok(())
}

fn stmts(body: &[Stmt]) -> Check {
    body.iter().try_for_each(stmt)
}

fn body(body: &[Stmt], owner: &str) -> Check {
    nonempty(body, "body", owner)?;
    stmts(body)
}

fn exprs(items: &[Expr], ctx: ExprContext) -> Check {
    items.iter().try_for_each(|e| expr(e, ctx))
}

fn optional(e: &Option<Box<Expr>>) -> Check {
    e.as_deref().map_or(Ok(()), |e| expr(e, ExprContext::Load))
}

fn keywords(keywords: &[Keyword]) -> Check {
    keywords
        .iter()
        .try_for_each(|k| expr(&k.value, ExprContext::Load))
}

/// The number CPython's C enum gives an expression kind, which its code
/// generator's messages show.
fn kind_number(e: &Expr) -> u32 {
    match e.kind {
        ExprKind::Starred { .. } => 23,
        ExprKind::List { .. } => 25,
        ExprKind::Tuple { .. } => 26,
        // Other kinds fail the context check first.
        _ => 0,
    }
}

fn stmt(s: &Stmt) -> Check {
    use ExprContext::{Del, Load, Store};
    match &s.kind {
        StmtKind::FunctionDef {
            args,
            body: b,
            decorator_list,
            returns,
            ..
        }
        | StmtKind::AsyncFunctionDef {
            args,
            body: b,
            decorator_list,
            returns,
            ..
        } => {
            let owner = if matches!(s.kind, StmtKind::FunctionDef { .. }) {
                "FunctionDef"
            } else {
                "AsyncFunctionDef"
            };
            body(b, owner)?;
            arguments(args)?;
            exprs(decorator_list, Load)?;
            optional(returns)
        }
        StmtKind::ClassDef {
            bases,
            keywords: k,
            body: b,
            decorator_list,
            ..
        } => {
            body(b, "ClassDef")?;
            exprs(bases, Load)?;
            keywords(k)?;
            exprs(decorator_list, Load)
        }
        StmtKind::Return { value } => optional(value),
        StmtKind::Delete { targets } => {
            nonempty(targets, "targets", "Delete")?;
            exprs(targets, Del)
        }
        StmtKind::Assign { targets, value, .. } => {
            nonempty(targets, "targets", "Assign")?;
            exprs(targets, Store)?;
            expr(value, Load)
        }
        StmtKind::AugAssign { target, value, .. } => {
            expr(target, Store)?;
            expr(value, Load)?;
            if !matches!(
                target.kind,
                ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
            ) {
                return system_error(format!(
                    "invalid node type ({}) for augmented assignment",
                    kind_number(target)
                ));
            }
            Ok(())
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            simple,
        } => {
            let is_name = matches!(target.kind, ExprKind::Name { .. });
            if *simple != 0 && !is_name {
                return type_error("AnnAssign with simple non-Name target");
            }
            expr(target, Store)?;
            optional(value)?;
            expr(annotation, Load)?;
            if !is_name
                && !matches!(
                    target.kind,
                    ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
                )
            {
                return system_error(format!(
                    "invalid node type ({}) for annotated assignment",
                    kind_number(target)
                ));
            }
            Ok(())
        }
        StmtKind::For {
            target,
            iter,
            body: b,
            orelse,
            ..
        }
        | StmtKind::AsyncFor {
            target,
            iter,
            body: b,
            orelse,
            ..
        } => {
            expr(target, Store)?;
            expr(iter, Load)?;
            let owner = if matches!(s.kind, StmtKind::For { .. }) {
                "For"
            } else {
                "AsyncFor"
            };
            body(b, owner)?;
            stmts(orelse)
        }
        StmtKind::While {
            test,
            body: b,
            orelse,
        } => {
            expr(test, Load)?;
            body(b, "While")?;
            stmts(orelse)
        }
        StmtKind::If {
            test,
            body: b,
            orelse,
        } => {
            expr(test, Load)?;
            body(b, "If")?;
            stmts(orelse)
        }
        StmtKind::With { items, body: b, .. } | StmtKind::AsyncWith { items, body: b, .. } => {
            let owner = if matches!(s.kind, StmtKind::With { .. }) {
                "With"
            } else {
                "AsyncWith"
            };
            nonempty(items, "items", owner)?;
            for item in items {
                expr(&item.context_expr, Load)?;
                if let Some(vars) = &item.optional_vars {
                    expr(vars, Store)?;
                }
            }
            body(b, owner)
        }
        StmtKind::Match { subject, cases } => {
            expr(subject, Load)?;
            nonempty(cases, "cases", "Match")?;
            for case in cases {
                pattern(&case.pattern, false)?;
                optional(&case.guard)?;
                body(&case.body, "match_case")?;
            }
            Ok(())
        }
        StmtKind::Raise { exc, cause } => match exc {
            Some(exc) => {
                expr(exc, Load)?;
                optional(cause)
            }
            None if cause.is_some() => value_error("Raise with cause but no exception"),
            None => Ok(()),
        },
        StmtKind::Try {
            body: b,
            handlers,
            orelse,
            finalbody,
        }
        | StmtKind::TryStar {
            body: b,
            handlers,
            orelse,
            finalbody,
        } => {
            let owner = if matches!(s.kind, StmtKind::Try { .. }) {
                "Try"
            } else {
                "TryStar"
            };
            body(b, owner)?;
            if handlers.is_empty() && finalbody.is_empty() {
                return value_error(format!("{owner} has neither except handlers nor finalbody"));
            }
            if handlers.is_empty() && !orelse.is_empty() {
                return value_error(format!("{owner} has orelse but no except handlers"));
            }
            for handler in handlers {
                let ExceptHandlerKind::ExceptHandler { type_, body: b, .. } = &handler.kind;
                optional(type_)?;
                body(b, "ExceptHandler")?;
            }
            stmts(finalbody)?;
            stmts(orelse)
        }
        StmtKind::Assert { test, msg } => {
            expr(test, Load)?;
            optional(msg)
        }
        StmtKind::Import { names } => nonempty(names, "names", "Import"),
        StmtKind::ImportFrom { names, level, .. } => {
            if level.is_some_and(|l| l < 0) {
                return value_error("Negative ImportFrom level");
            }
            nonempty(names, "names", "ImportFrom")
        }
        StmtKind::Global { names } => nonempty(names, "names", "Global"),
        StmtKind::Nonlocal { names } => nonempty(names, "names", "Nonlocal"),
        StmtKind::Expr { value } => expr(value, Load),
        StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
    }
}

fn args(args: &[Arg]) -> Check {
    args.iter().try_for_each(|a| optional(&a.annotation))
}

fn arguments(a: &Arguments) -> Check {
    args(&a.posonlyargs)?;
    args(&a.args)?;
    if let Some(vararg) = &a.vararg {
        optional(&vararg.annotation)?;
    }
    args(&a.kwonlyargs)?;
    if let Some(kwarg) = &a.kwarg {
        optional(&kwarg.annotation)?;
    }
    if a.defaults.len() > a.posonlyargs.len() + a.args.len() {
        return value_error("more positional defaults than args on arguments");
    }
    if a.kw_defaults.len() != a.kwonlyargs.len() {
        return value_error("length of kwonlyargs is not the same as kw_defaults on arguments");
    }
    exprs(&a.defaults, ExprContext::Load)?;
    a.kw_defaults
        .iter()
        .flatten()
        .try_for_each(|d| expr(d, ExprContext::Load))
}

fn comprehension(generators: &[Comprehension]) -> Check {
    if generators.is_empty() {
        return value_error("comprehension with no generators");
    }
    for g in generators {
        expr(&g.target, ExprContext::Store)?;
        expr(&g.iter, ExprContext::Load)?;
        exprs(&g.ifs, ExprContext::Load)?;
    }
    Ok(())
}

/// `validate_name`: a Name may not stand for a constant.
fn name(id: &str) -> Check {
    if matches!(id, "None" | "True" | "False") {
        return value_error(format!("identifier field can't represent '{id}' constant"));
    }
    Ok(())
}

fn expr(e: &Expr, ctx: ExprContext) -> Check {
    use ExprContext::Load;
    let actual = match &e.kind {
        ExprKind::Attribute { ctx, .. }
        | ExprKind::Subscript { ctx, .. }
        | ExprKind::Starred { ctx, .. }
        | ExprKind::Name { ctx, .. }
        | ExprKind::List { ctx, .. }
        | ExprKind::Tuple { ctx, .. } => Some(*ctx),
        _ => None,
    };
    match actual {
        Some(actual) if actual != ctx => {
            return value_error(format!(
                "expression must have {} context but has {} instead",
                context_name(ctx),
                context_name(actual)
            ))
        }
        None if ctx != Load => {
            return value_error(format!(
                "expression which can't be assigned to in {} context",
                context_name(ctx)
            ))
        }
        _ => {}
    }
    match &e.kind {
        ExprKind::BoolOp { values, .. } => {
            if values.len() < 2 {
                return value_error("BoolOp with less than 2 values");
            }
            exprs(values, Load)
        }
        ExprKind::BinOp { left, right, .. } => {
            expr(left, Load)?;
            expr(right, Load)
        }
        ExprKind::UnaryOp { operand, .. } => expr(operand, Load),
        ExprKind::Lambda { args, body } => {
            arguments(args)?;
            expr(body, Load)
        }
        ExprKind::IfExp { test, body, orelse } => {
            expr(test, Load)?;
            expr(body, Load)?;
            expr(orelse, Load)
        }
        ExprKind::Dict { keys, values } => {
            if keys.len() != values.len() {
                return value_error("Dict doesn't have the same number of keys as values");
            }
            keys.iter().flatten().try_for_each(|k| expr(k, Load))?;
            exprs(values, Load)
        }
        ExprKind::Set { elts } => exprs(elts, Load),
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            comprehension(generators)?;
            expr(elt, Load)
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            comprehension(generators)?;
            expr(key, Load)?;
            expr(value, Load)
        }
        ExprKind::Yield { value } => optional(value),
        ExprKind::YieldFrom { value } | ExprKind::Await { value } => expr(value, Load),
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } => {
            if comparators.is_empty() {
                return value_error("Compare with no comparators");
            }
            if comparators.len() != ops.len() {
                return value_error("Compare has a different number of comparators and operands");
            }
            exprs(comparators, Load)?;
            expr(left, Load)
        }
        ExprKind::Call {
            func,
            args,
            keywords: k,
        } => {
            expr(func, Load)?;
            exprs(args, Load)?;
            keywords(k)
        }
        ExprKind::Constant { .. } => Ok(()),
        ExprKind::JoinedStr { values } => exprs(values, Load),
        ExprKind::FormattedValue {
            value,
            conversion,
            format_spec,
        } => {
            expr(value, Load)?;
            optional(format_spec)?;
            if !matches!(*conversion, -1 | 0x73 | 0x72 | 0x61) {
                return system_error(format!("Unrecognized conversion character {conversion}"));
            }
            Ok(())
        }
        ExprKind::Attribute { value, .. } => expr(value, Load),
        ExprKind::Subscript { value, slice, .. } => {
            expr(slice, Load)?;
            expr(value, Load)
        }
        ExprKind::Starred { value, .. } => expr(value, ctx),
        ExprKind::Slice { lower, upper, step } => {
            optional(lower)?;
            optional(upper)?;
            optional(step)
        }
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => exprs(elts, ctx),
        ExprKind::NamedExpr { target, value } => {
            if !matches!(target.kind, ExprKind::Name { .. }) {
                return type_error("NamedExpr target must be a Name");
            }
            expr(value, Load)
        }
        ExprKind::Name { id, .. } => name(id),
    }
}

/// `validate_capture`: a capture pattern's name.
fn capture(id: &str) -> Check {
    if id == "_" {
        return value_error("can't capture name '_' in patterns");
    }
    name(id)
}

/// `validate_pattern_match_value`: what a value pattern may compare with.
fn match_value(e: &Expr) -> Check {
    expr(e, ExprContext::Load)?;
    match &e.kind {
        ExprKind::Constant { value, .. } => match value {
            Constant::Int(_)
            | Constant::Float(_)
            | Constant::Complex { .. }
            | Constant::Str(_)
            | Constant::Bytes(_) => Ok(()),
            _ => value_error("unexpected constant inside of a literal pattern"),
        },
        ExprKind::Attribute { .. } | ExprKind::JoinedStr { .. } => Ok(()),
        ExprKind::UnaryOp {
            op: UnaryOp::USub, ..
        } => Ok(()),
        ExprKind::BinOp {
            op: Operator::Add | Operator::Sub,
            ..
        } => Ok(()),
        _ => value_error("patterns may only match literals and attribute lookups"),
    }
}

fn patterns(items: &[Pattern], star_ok: bool) -> Check {
    items.iter().try_for_each(|p| pattern(p, star_ok))
}

fn pattern(p: &Pattern, star_ok: bool) -> Check {
    match &p.kind {
        PatternKind::MatchValue { value } => match_value(value),
        PatternKind::MatchSingleton { value } => match value {
            Constant::None | Constant::Bool(_) => Ok(()),
            _ => value_error("MatchSingleton can only contain True, False and None"),
        },
        PatternKind::MatchSequence { patterns: items } => patterns(items, true),
        PatternKind::MatchMapping {
            keys,
            patterns: items,
            rest,
        } => {
            if keys.len() != items.len() {
                return value_error(
                    "MatchMapping doesn't have the same number of keys as patterns",
                );
            }
            if let Some(rest) = rest {
                capture(rest)?;
            }
            for key in keys {
                // None, True and False are keys a mapping pattern may have.
                if let ExprKind::Constant {
                    value: Constant::None | Constant::Bool(_),
                    ..
                } = key.kind
                {
                    continue;
                }
                match_value(key)?;
            }
            patterns(items, false)
        }
        PatternKind::MatchClass {
            cls,
            patterns: items,
            kwd_attrs,
            kwd_patterns,
        } => {
            let mut part = &**cls;
            loop {
                match &part.kind {
                    ExprKind::Name { .. } => break,
                    ExprKind::Attribute { value, .. } => part = value,
                    _ => {
                        return value_error(
                            "MatchClass cls field can only contain Name or Attribute nodes.",
                        )
                    }
                }
            }
            if kwd_attrs.len() != kwd_patterns.len() {
                return value_error(
                    "MatchClass doesn't have the same number of keyword attributes as patterns",
                );
            }
            expr(cls, ExprContext::Load)?;
            kwd_attrs.iter().try_for_each(|a| name(a))?;
            patterns(items, false)?;
            patterns(kwd_patterns, false)
        }
        PatternKind::MatchStar { name: id } => {
            if !star_ok {
                return value_error("can't use MatchStar here");
            }
            id.as_deref().map_or(Ok(()), capture)
        }
        PatternKind::MatchAs {
            pattern: inner,
            name: id,
        } => {
            if let Some(id) = id {
                capture(id)?;
            }
            match inner {
                Some(_) if id.is_none() => {
                    value_error("MatchAs must specify a target name if a pattern is given")
                }
                Some(inner) => pattern(inner, false),
                None => Ok(()),
            }
        }
        PatternKind::MatchOr { patterns: items } => {
            if items.len() < 2 {
                return value_error("MatchOr requires at least 2 patterns");
            }
            patterns(items, false)
        }
    }
}
