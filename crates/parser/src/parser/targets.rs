//! Assignment and deletion targets (`star_targets`, `single_target`,
//! `del_targets` and `t_primary`), and the helpers that name what cannot be
//! assigned to (action_helpers.c's `_PyPegen_get_expr_name` and
//! `_PyPegen_get_invalid_target`).

use super::expressions::{expr, token_loc};
use super::{PResult, Parser, PrimaryMemo, Stop};
use crate::ast::{Constant, Expr, ExprContext, ExprKind};
use crate::token::TokenKind as T;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TargetsType {
    Star,
    Del,
    For,
}

/// How CPython names an expression in "cannot assign to ..." messages.
pub fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield { .. } | ExprKind::YieldFrom { .. } => "yield expression",
        ExprKind::Await { .. } => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set { .. } => "set display",
        ExprKind::JoinedStr { .. } | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::Bool(false) => "False",
            Constant::Bool(true) => "True",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// The part of `e` that cannot be a target, if any.
pub fn invalid_target(e: &Expr, targets: TargetsType) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
            elts.iter().find_map(|elt| invalid_target(elt, targets))
        }
        ExprKind::Starred { value, .. } => {
            if targets == TargetsType::Del {
                Some(e)
            } else {
                invalid_target(value, targets)
            }
        }
        ExprKind::Compare { left, ops, .. } => {
            if targets == TargetsType::For {
                if ops[0] == crate::ast::CmpOp::In {
                    return invalid_target(left, targets);
                }
                return None;
            }
            Some(e)
        }
        ExprKind::Name { .. } | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

/// Sets the context of a target and of the targets inside it.
pub fn set_context(e: &mut Expr, new_ctx: ExprContext) {
    match &mut e.kind {
        ExprKind::Name { ctx, .. }
        | ExprKind::Attribute { ctx, .. }
        | ExprKind::Subscript { ctx, .. } => *ctx = new_ctx,
        ExprKind::Starred { value, ctx } => {
            *ctx = new_ctx;
            set_context(value, new_ctx);
        }
        ExprKind::List { elts, ctx } | ExprKind::Tuple { elts, ctx } => {
            *ctx = new_ctx;
            for elt in elts {
                set_context(elt, new_ctx);
            }
        }
        _ => {}
    }
}

fn is_t_lookahead(kind: T) -> bool {
    matches!(kind, T::LPar | T::LSqb | T::Dot)
}

impl<'src> Parser<'src> {
    /// `star_targets: star_target !',' | star_target (',' star_target)* [',']`
    pub(super) fn star_targets(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let Some(first) = self.star_target()? else {
            return Ok(None);
        };
        if !self.at(T::Comma)? {
            return Ok(Some(first));
        }
        let mut elts = vec![first];
        while self.eat(T::Comma)?.is_some() {
            let mark = self.pos;
            match self.star_target()? {
                Some(e) => elts.push(e),
                None => {
                    self.pos = mark;
                    break;
                }
            }
        }
        Ok(Some(expr(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Store,
            },
            self.loc(start),
        )))
    }

    /// `star_targets_list_seq` / `star_targets_tuple_seq`: targets with
    /// commas between, inside brackets; `first` is the first one, when
    /// already read.
    fn star_targets_seq(&mut self, first: Option<Expr>) -> PResult<(Vec<Expr>, bool)> {
        let first = match first {
            Some(first) => first,
            None => match self.star_target()? {
                Some(first) => first,
                None => return Ok(None),
            },
        };
        let mut elts = vec![first];
        let mut trailing_comma = false;
        while self.eat(T::Comma)?.is_some() {
            trailing_comma = true;
            let mark = self.pos;
            match self.star_target()? {
                Some(e) => {
                    elts.push(e);
                    trailing_comma = false;
                }
                None => {
                    self.pos = mark;
                    break;
                }
            }
        }
        Ok(Some((elts, trailing_comma)))
    }

    /// `star_target: '*' (!'*' star_target) | target_with_star_atom`
    pub(super) fn star_target(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        if start.kind == T::Star {
            self.pos += 1;
            if self.at(T::Star)? {
                self.pos -= 1;
                return Ok(None);
            }
            self.enter()?;
            let inner = self.star_target();
            self.leave();
            let Some(value) = inner? else {
                self.pos -= 1;
                return Ok(None);
            };
            let kind = ExprKind::Starred {
                value: Box::new(value),
                ctx: ExprContext::Store,
            };
            return Ok(Some(expr(kind, self.loc(start))));
        }
        self.target_with_star_atom()
    }

    /// `target_with_star_atom: t_primary '.' NAME !t_lookahead
    ///   | t_primary '[' slices ']' !t_lookahead | star_atom`
    fn target_with_star_atom(&mut self) -> PResult<Expr> {
        let mark = self.pos;
        if let Some(e) = self.subscript_attribute_target(ExprContext::Store)? {
            return Ok(Some(e));
        }
        self.pos = mark;
        self.star_atom()
    }

    /// `t_primary '.' NAME !t_lookahead | t_primary '[' slices ']' !t_lookahead`
    /// in the given context.
    ///
    /// `t_primary` is a primary less its last trailer, each of its trailers
    /// followed by `(`, `[` or `.`, as every trailer starts with one of
    /// them. So this rule matches exactly a primary with trailers whose
    /// last is `.NAME` or `[slices]`, followed by none of those three.
    /// Reading the primary whole lets the expression rules take it back
    /// when it is no target, as they do for every expression statement.
    fn subscript_attribute_target(&mut self, ctx: ExprContext) -> PResult<Expr> {
        let Some(end) = self.target_end()? else {
            return Ok(None);
        };
        let mut e = self.take_primary_memo().expect("target_end kept it").expr;
        set_context(&mut e, ctx);
        self.pos = end;
        Ok(Some(e))
    }

    /// Where the `subscript_attribute_target` at the current position
    /// ends, if one starts there. The primary read stays in
    /// `primary_memo`, and the position does not move.
    pub(super) fn target_end(&mut self) -> Result<Option<usize>, Stop> {
        let mark = self.pos;
        if !matches!(&self.primary_memo, Some(memo) if memo.start == mark) {
            // Target rules try this at each level of nested brackets, and
            // each time read the whole bracketed atom there: remember the
            // atoms inside, or that is quadratic in the nesting (and more
            // with targets nested in comprehensions nested in brackets).
            let Some((expr, trailed)) = self.primary_with_trailers(true)? else {
                self.pos = mark;
                return Ok(None);
            };
            let is_target = trailed
                && matches!(
                    expr.kind,
                    ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
                )
                && !is_t_lookahead(self.peek_kind()?);
            self.primary_memo = Some(PrimaryMemo {
                start: mark,
                end: self.pos,
                expr,
                is_target,
            });
            self.pos = mark;
        }
        let memo = self.primary_memo.as_ref().expect("read above");
        Ok(memo.is_target.then_some(memo.end))
    }

    /// The NAME at the current position as a target: taken from
    /// `primary_memo` when the primary read there is that name alone.
    fn name_target(&mut self, ctx: ExprContext) -> Result<Expr, Stop> {
        let pos = self.pos;
        let memo_is_name = matches!(
            &self.primary_memo,
            Some(memo) if memo.start == pos && matches!(memo.expr.kind, ExprKind::Name { .. })
        );
        if !memo_is_name {
            let (id, t) = self.name()?.expect("a NAME");
            return Ok(expr(ExprKind::Name { id, ctx }, token_loc(t)));
        }
        let mut e = self.primary_memo.take().expect("matched above").expr;
        self.pos += 1;
        set_context(&mut e, ctx);
        Ok(e)
    }

    /// The primary read at the current position by `target_end`, if any.
    pub(super) fn take_primary_memo(&mut self) -> Option<PrimaryMemo> {
        if matches!(&self.primary_memo, Some(memo) if memo.start == self.pos) {
            self.primary_memo.take()
        } else {
            None
        }
    }

    /// `star_atom: NAME | '(' target_with_star_atom ')'
    ///   | '(' [star_targets_tuple_seq] ')' | '[' [star_targets_list_seq] ']'`
    fn star_atom(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let mark = self.pos;
        match start.kind {
            T::Name => Ok(Some(self.name_target(ExprContext::Store)?)),
            T::LPar => {
                // `'(' target_with_star_atom ')'`, else a tuple whose first
                // element is that same target: read it once, or nested
                // parentheses take exponential time.
                self.pos += 1;
                self.enter()?;
                let inner = self.target_with_star_atom();
                self.leave();
                let mut first = None;
                if let Some(mut inner) = inner? {
                    if self.eat(T::RPar)?.is_some() {
                        set_context(&mut inner, ExprContext::Store);
                        return Ok(Some(inner));
                    }
                    if !self.at(T::Comma)? {
                        self.pos = mark;
                        return Ok(None);
                    }
                    first = Some(inner);
                } else {
                    self.pos = mark + 1;
                    // Only `*target` can start a tuple here now.
                    if !matches!(self.peek_kind()?, T::Star | T::RPar) {
                        self.pos = mark;
                        return Ok(None);
                    }
                }
                let elts = match self.star_targets_seq(first)? {
                    Some((elts, trailing_comma)) => {
                        if elts.len() == 1 && !trailing_comma {
                            self.pos = mark;
                            return Ok(None);
                        }
                        elts
                    }
                    None => Vec::new(),
                };
                if self.eat(T::RPar)?.is_none() {
                    self.pos = mark;
                    return Ok(None);
                }
                Ok(Some(expr(
                    ExprKind::Tuple {
                        elts,
                        ctx: ExprContext::Store,
                    },
                    self.loc(start),
                )))
            }
            T::LSqb => {
                self.pos += 1;
                let elts = self
                    .star_targets_seq(None)?
                    .map(|(elts, _)| elts)
                    .unwrap_or_default();
                if self.eat(T::RSqb)?.is_none() {
                    self.pos = mark;
                    return Ok(None);
                }
                Ok(Some(expr(
                    ExprKind::List {
                        elts,
                        ctx: ExprContext::Store,
                    },
                    self.loc(start),
                )))
            }
            _ => Ok(None),
        }
    }

    /// `single_target: single_subscript_attribute_target | NAME | '(' single_target ')'`
    pub(super) fn single_target(&mut self) -> PResult<Expr> {
        let mark = self.pos;
        if let Some(e) = self.subscript_attribute_target(ExprContext::Store)? {
            return Ok(Some(e));
        }
        self.pos = mark;
        if self.at(T::Name)? {
            return Ok(Some(self.name_target(ExprContext::Store)?));
        }
        if self.eat(T::LPar)?.is_some() {
            self.enter()?;
            let inner = self.single_target();
            self.leave();
            if let Some(inner) = inner? {
                if self.eat(T::RPar)?.is_some() {
                    return Ok(Some(inner));
                }
            }
        }
        self.pos = mark;
        Ok(None)
    }

    /// `single_subscript_attribute_target`
    pub(super) fn single_subscript_attribute_target(&mut self) -> PResult<Expr> {
        self.subscript_attribute_target(ExprContext::Store)
    }

    /// `del_targets: ','.del_target+ [',']`
    pub(super) fn del_targets(&mut self) -> PResult<Vec<Expr>> {
        self.del_targets_from(None)
    }

    /// `del_targets`, given its first target if already read.
    fn del_targets_from(&mut self, first: Option<Expr>) -> PResult<Vec<Expr>> {
        let first = match first {
            Some(first) => first,
            None => match self.del_target()? {
                Some(first) => first,
                None => return Ok(None),
            },
        };
        let mut targets = vec![first];
        while self.at(T::Comma)? {
            let mark = self.pos;
            self.pos += 1;
            match self.del_target()? {
                Some(t) => targets.push(t),
                None => {
                    self.pos = mark + 1;
                    break;
                }
            }
        }
        Ok(Some(targets))
    }

    /// `del_target: t_primary '.' NAME !t_lookahead
    ///   | t_primary '[' slices ']' !t_lookahead | del_t_atom`
    fn del_target(&mut self) -> PResult<Expr> {
        let mark = self.pos;
        if let Some(e) = self.subscript_attribute_target(ExprContext::Del)? {
            return Ok(Some(e));
        }
        self.pos = mark;
        let start = self.start()?;
        match start.kind {
            T::Name => Ok(Some(self.name_target(ExprContext::Del)?)),
            T::LPar | T::LSqb => {
                let close = if start.kind == T::LPar {
                    T::RPar
                } else {
                    T::RSqb
                };
                self.pos += 1;
                let mut first = None;
                if start.kind == T::LPar {
                    // As in star_atom: the first target is read once.
                    self.enter()?;
                    let inner = self.del_target();
                    self.leave();
                    if let Some(mut inner) = inner? {
                        if self.eat(T::RPar)?.is_some() {
                            set_context(&mut inner, ExprContext::Del);
                            return Ok(Some(inner));
                        }
                        first = Some(inner);
                    } else {
                        self.pos = mark + 1;
                        // No del_target starts here, so no del_targets do.
                        if !self.at(T::RPar)? {
                            self.pos = mark;
                            return Ok(None);
                        }
                    }
                }
                self.enter()?;
                let elts = self.del_targets_from(first);
                self.leave();
                let elts = elts?.unwrap_or_default();
                if self.eat(close)?.is_none() {
                    self.pos = mark;
                    return Ok(None);
                }
                let kind = if start.kind == T::LPar {
                    ExprKind::Tuple {
                        elts,
                        ctx: ExprContext::Del,
                    }
                } else {
                    ExprKind::List {
                        elts,
                        ctx: ExprContext::Del,
                    }
                };
                Ok(Some(expr(kind, self.loc(start))))
            }
            _ => Ok(None),
        }
    }

    /// Raises "cannot assign to X" / "cannot delete X" for the invalid part
    /// of `e`, if it has one.
    pub(super) fn raise_invalid_target(
        &mut self,
        targets: TargetsType,
        e: &Expr,
    ) -> Result<(), Stop> {
        if let Some(invalid) = invalid_target(e, targets) {
            let what = expr_name(invalid);
            let msg = match targets {
                TargetsType::Del => format!("cannot delete {what}"),
                _ => format!("cannot assign to {what}"),
            };
            return Err(self.raise_at(invalid.loc, &msg));
        }
        Ok(())
    }
}
