//! Expression rules: from `expression` down to `atom`, comprehensions,
//! lambdas and the `invalid_*` rules about expressions.

use super::{PResult, Parser, Stop};
use crate::ast::{
    BoolOp, CmpOp, Comprehension, Constant, Expr, ExprContext, ExprKind, Loc, Operator, UnaryOp,
};
use crate::token::{Token, TokenKind as T};

pub(super) fn expr(kind: ExprKind, loc: Loc) -> Expr {
    Expr { kind, loc }
}

/// The binary operators from `bitwise_or` down to `term`, with their
/// grammar level: 1 for `|` up to 6 for `*`, `/`, `//`, `%` and `@`. All
/// of them are left-associative.
fn binary_operator(kind: T) -> Option<(u8, Operator)> {
    Some(match kind {
        T::VBar => (1, Operator::BitOr),
        T::Circumflex => (2, Operator::BitXor),
        T::Amper => (3, Operator::BitAnd),
        T::LeftShift => (4, Operator::LShift),
        T::RightShift => (4, Operator::RShift),
        T::Plus => (5, Operator::Add),
        T::Minus => (5, Operator::Sub),
        T::Star => (6, Operator::Mult),
        T::Slash => (6, Operator::Div),
        T::DoubleSlash => (6, Operator::FloorDiv),
        T::Percent => (6, Operator::Mod),
        T::At => (6, Operator::MatMult),
        _ => return None,
    })
}

/// Whether a token after a primary continues the expression: an operator
/// of one of the levels from `power` up to `expression`.
fn continues_primary(kind: T) -> bool {
    binary_operator(kind).is_some()
        || matches!(
            kind,
            T::DoubleStar
                | T::EqEqual
                | T::NotEqual
                | T::LessEqual
                | T::Less
                | T::GreaterEqual
                | T::Greater
                | T::In
                | T::Not
                | T::Is
                | T::And
                | T::Or
                | T::If
        )
}

impl<'src> Parser<'src> {
    /// `expressions: expression (',' expression)* [',']`
    pub(super) fn expressions(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let Some(first) = self.expression()? else {
            return Ok(None);
        };
        if !self.at(T::Comma)? {
            return Ok(Some(first));
        }
        let mut elts = vec![first];
        while self.eat(T::Comma)?.is_some() {
            let mark = self.pos;
            match self.expression()? {
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
                ctx: ExprContext::Load,
            },
            self.loc(start),
        )))
    }

    /// `expression`, with `invalid_expression` and
    /// `invalid_legacy_expression` in the second pass.
    pub(super) fn expression(&mut self) -> PResult<Expr> {
        if !self.invalid_rules {
            return self.expression_without_invalid();
        }
        self.memoized(super::MemoRule::Expression, |p| {
            let mark = p.pos;
            p.invalid_expression()?;
            p.pos = mark;
            p.invalid_legacy_expression()?;
            p.pos = mark;
            p.expression_without_invalid()
        })
    }

    /// `expression_without_invalid`: the plain `expression` rule.
    pub(super) fn expression_without_invalid(&mut self) -> PResult<Expr> {
        let mark = self.pos;
        // Failures with the invalid rules on are not kept: there the same
        // text may raise instead.
        let plain = !self.invalid_rules;
        if plain && self.failed_expression == Some(mark) {
            return Ok(None);
        }
        self.enter()?;
        let result = self.expression_inner();
        self.leave();
        if plain && matches!(result, Ok(None)) {
            self.failed_expression = Some(mark);
        }
        result
    }

    fn expression_inner(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        if start.kind == T::Lambda {
            return self.lambdef();
        }
        if !self.invalid_rules
            && !matches!(
                start.kind,
                T::Not | T::Plus | T::Minus | T::Tilde | T::Await
            )
        {
            // Most expressions are a primary alone: read it first, and
            // when no operator follows, skip the ten rules from
            // `disjunction` down to `primary`, which would each pass it
            // up unchanged. Otherwise those rules run, and `primary` takes
            // back what was read here.
            let mark = self.pos;
            let Some(e) = self.primary()? else {
                return Ok(None);
            };
            if !continues_primary(self.peek_kind()?) {
                return Ok(Some(e));
            }
            self.primary_memo = Some(super::PrimaryMemo {
                start: mark,
                end: self.pos,
                expr: e,
                is_target: false,
            });
            self.pos = mark;
        }
        let Some(body) = self.disjunction()? else {
            return Ok(None);
        };
        let after_body = self.pos;
        if self.eat(T::If)?.is_some() {
            if let Some(test) = self.disjunction()? {
                if self.eat(T::Else)?.is_some() {
                    if let Some(orelse) = self.expression()? {
                        let kind = ExprKind::IfExp {
                            test: Box::new(test),
                            body: Box::new(body),
                            orelse: Box::new(orelse),
                        };
                        return Ok(Some(expr(kind, self.loc(start))));
                    }
                }
            }
        }
        self.pos = after_body;
        Ok(Some(body))
    }

    /// The first pass's `expression`, for rules that CPython runs with the
    /// invalid rules off.
    fn without_invalid_rules<R>(&mut self, rule: impl FnOnce(&mut Self) -> R) -> R {
        let saved = self.invalid_rules;
        self.invalid_rules = false;
        let result = rule(self);
        self.invalid_rules = saved;
        result
    }

    fn invalid_expression(&mut self) -> Result<(), Stop> {
        let mark = self.pos;
        let first = self.peek()?;
        let skip = (first.kind == T::Name && self.peek_second()?.kind == T::String)
            || self.is_soft_keyword(&first);
        if !skip {
            if let Some(a) = self.disjunction()? {
                let b = self.without_invalid_rules(|p| p.expression_without_invalid())?;
                if let Some(b) = b {
                    let legacy = self.is_legacy_statement_name(&a);
                    if !legacy && self.tokens[self.pos - 1].level != 0 {
                        return Err(self.raise_range(
                            a.loc,
                            b.loc,
                            "invalid syntax. Perhaps you forgot a comma?",
                        ));
                    }
                }
            }
        }
        self.pos = mark;
        if let Some(a) = self.disjunction()? {
            if self.eat(T::If)?.is_some() {
                if let Some(b) = self.disjunction()? {
                    if !matches!(self.peek_kind()?, T::Else | T::Colon) {
                        return Err(self.raise_range(
                            a.loc,
                            b.loc,
                            "expected 'else' after 'if' expression",
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    fn is_legacy_statement_name(&self, e: &Expr) -> bool {
        matches!(&e.kind, ExprKind::Name { id, .. } if id == "print" || id == "exec")
    }

    fn invalid_legacy_expression(&mut self) -> Result<(), Stop> {
        let Some((id, t)) = self.name()? else {
            return Ok(());
        };
        if self.at(T::LPar)? {
            return Ok(());
        }
        if let Some(b) = self.star_expressions()? {
            if id == "print" || id == "exec" {
                let a = token_loc(t);
                let msg = format!("Missing parentheses in call to '{id}'. Did you mean {id}(...)?");
                return Err(self.raise_range(a, b.loc, &msg));
            }
        }
        Ok(())
    }

    /// `yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]`
    pub(super) fn yield_expr(&mut self) -> PResult<Expr> {
        let Some(start) = self.eat(T::Yield)? else {
            return Ok(None);
        };
        if self.eat(T::From)?.is_some() {
            let Some(value) = self.expression()? else {
                return Ok(None);
            };
            return Ok(Some(expr(
                ExprKind::YieldFrom {
                    value: Box::new(value),
                },
                self.loc(start),
            )));
        }
        let value = self.star_expressions()?.map(Box::new);
        Ok(Some(expr(ExprKind::Yield { value }, self.loc(start))))
    }

    /// `star_expressions: star_expression (',' star_expression)* [',']`
    pub(super) fn star_expressions(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let Some(first) = self.star_expression()? else {
            return Ok(None);
        };
        if !self.at(T::Comma)? {
            return Ok(Some(first));
        }
        let mut elts = vec![first];
        while self.eat(T::Comma)?.is_some() {
            let mark = self.pos;
            match self.star_expression()? {
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
                ctx: ExprContext::Load,
            },
            self.loc(start),
        )))
    }

    /// `star_expression: '*' bitwise_or | expression`
    pub(super) fn star_expression(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        if self.eat(T::Star)?.is_some() {
            let Some(value) = self.bitwise_or()? else {
                self.pos -= 1;
                return Ok(None);
            };
            return Ok(Some(expr(
                ExprKind::Starred {
                    value: Box::new(value),
                    ctx: ExprContext::Load,
                },
                self.loc(start),
            )));
        }
        self.expression()
    }

    /// `star_named_expressions: ','.star_named_expression+ [',']`
    pub(super) fn star_named_expressions(&mut self) -> PResult<Vec<Expr>> {
        let Some(first) = self.star_named_expression()? else {
            return Ok(None);
        };
        let mut elts = vec![first];
        while self.at(T::Comma)? {
            let mark = self.pos;
            self.pos += 1;
            match self.star_named_expression()? {
                Some(e) => elts.push(e),
                None => {
                    self.pos = mark + 1;
                    break;
                }
            }
        }
        Ok(Some(elts))
    }

    /// `star_named_expression: '*' bitwise_or | named_expression`
    pub(super) fn star_named_expression(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        if self.eat(T::Star)?.is_some() {
            let Some(value) = self.bitwise_or()? else {
                self.pos -= 1;
                return Ok(None);
            };
            return Ok(Some(expr(
                ExprKind::Starred {
                    value: Box::new(value),
                    ctx: ExprContext::Load,
                },
                self.loc(start),
            )));
        }
        self.named_expression()
    }

    /// `assignment_expression: NAME ':=' ~ expression`
    pub(super) fn assignment_expression(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        if start.kind != T::Name || self.peek_second()?.kind != T::ColonEqual {
            return Ok(None);
        }
        let mark = self.pos;
        let (id, t) = self.name()?.expect("checked above");
        self.pos += 1;
        let Some(value) = self.expression()? else {
            // After the cut (`~`) the rule fails as a whole.
            self.pos = mark;
            return Ok(None);
        };
        let target = expr(
            ExprKind::Name {
                id,
                ctx: ExprContext::Store,
            },
            token_loc(t),
        );
        let kind = ExprKind::NamedExpr {
            target: Box::new(target),
            value: Box::new(value),
        };
        Ok(Some(expr(kind, self.loc(start))))
    }

    /// `named_expression: assignment_expression | invalid_named_expression
    ///   | expression !':='`
    pub(super) fn named_expression(&mut self) -> PResult<Expr> {
        let mark = self.pos;
        if let Some(e) = self.assignment_expression()? {
            return Ok(Some(e));
        }
        self.pos = mark;
        if self.invalid_rules {
            self.invalid_named_expression()?;
            self.pos = mark;
        }
        let Some(e) = self.expression()? else {
            return Ok(None);
        };
        if self.at(T::ColonEqual)? {
            self.pos = mark;
            return Ok(None);
        }
        Ok(Some(e))
    }

    fn invalid_named_expression(&mut self) -> Result<(), Stop> {
        let mark = self.pos;
        if let Some(a) = self.expression()? {
            if self.eat(T::ColonEqual)?.is_some() && self.expression()?.is_some() {
                let what = super::targets::expr_name(&a);
                let msg = format!("cannot use assignment expressions with {what}");
                return Err(self.raise_at(a.loc, &msg));
            }
        }
        self.pos = mark;
        if let Some((_, t)) = self.name()? {
            if self.eat(T::Equal)?.is_some() {
                if let Some(b) = self.bitwise_or()? {
                    if !matches!(self.peek_kind()?, T::Equal | T::ColonEqual) {
                        return Err(self.raise_range(
                            token_loc(t),
                            b.loc,
                            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                        ));
                    }
                }
            }
        }
        self.pos = mark;
        if self.starts_with_display_or_singleton()? {
            self.pos = mark;
            return Ok(());
        }
        self.pos = mark;
        if let Some(a) = self.bitwise_or()? {
            if self.eat(T::Equal)?.is_some()
                && self.bitwise_or()?.is_some()
                && !matches!(self.peek_kind()?, T::Equal | T::ColonEqual)
            {
                let what = super::targets::expr_name(&a);
                let msg =
                    format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?");
                return Err(self.raise_at(a.loc, &msg));
            }
        }
        self.pos = mark;
        Ok(())
    }

    /// The lookahead `(list | tuple | genexp | 'True' | 'None' | 'False')`.
    fn starts_with_display_or_singleton(&mut self) -> Result<bool, Stop> {
        match self.peek_kind()? {
            T::True | T::None | T::False => Ok(true),
            T::LSqb | T::LPar => {
                let open = self.peek()?;
                let is_paren = open.kind == T::LPar;
                let atom = self.without_invalid_rules(|p| p.atom())?;
                // A tuple or generator expression in a group, `((a, b))`,
                // is none: its own parentheses are not the first.
                let from_open = |a: &Expr| {
                    a.loc.lineno == open.lineno && a.loc.col_offset as i32 == open.col_offset
                };
                Ok(match atom {
                    Some(a) => match a.kind {
                        ExprKind::List { .. } => !is_paren,
                        ExprKind::Tuple { .. } | ExprKind::GeneratorExp { .. } => {
                            is_paren && from_open(&a)
                        }
                        _ => false,
                    },
                    None => false,
                })
            }
            _ => Ok(false),
        }
    }

    /// `disjunction: conjunction ('or' conjunction)+ | conjunction`
    pub(super) fn disjunction(&mut self) -> PResult<Expr> {
        self.bool_op(T::Or, BoolOp::Or, Self::conjunction)
    }

    /// `conjunction: inversion ('and' inversion)+ | inversion`
    fn conjunction(&mut self) -> PResult<Expr> {
        self.bool_op(T::And, BoolOp::And, Self::inversion)
    }

    fn bool_op(
        &mut self,
        keyword: T,
        op: BoolOp,
        operand: fn(&mut Self) -> PResult<Expr>,
    ) -> PResult<Expr> {
        let start = self.start()?;
        let Some(first) = operand(self)? else {
            return Ok(None);
        };
        if !self.at(keyword)? {
            return Ok(Some(first));
        }
        let mut values = vec![first];
        loop {
            let mark = self.pos;
            if self.eat(keyword)?.is_none() {
                break;
            }
            match operand(self)? {
                Some(e) => values.push(e),
                None => {
                    self.pos = mark;
                    break;
                }
            }
        }
        if values.len() == 1 {
            return Ok(values.pop());
        }
        Ok(Some(expr(ExprKind::BoolOp { op, values }, self.loc(start))))
    }

    /// `inversion: 'not' inversion | comparison`
    fn inversion(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        if start.kind == T::Not {
            self.pos += 1;
            self.enter()?;
            let operand = self.inversion();
            self.leave();
            let Some(operand) = operand? else {
                self.pos -= 1;
                return Ok(None);
            };
            let kind = ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand: Box::new(operand),
            };
            return Ok(Some(expr(kind, self.loc(start))));
        }
        self.comparison()
    }

    /// `comparison: bitwise_or compare_op_bitwise_or_pair+ | bitwise_or`
    fn comparison(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let Some(left) = self.bitwise_or()? else {
            return Ok(None);
        };
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        loop {
            let mark = self.pos;
            let Some(op) = self.compare_op()? else { break };
            match self.bitwise_or()? {
                Some(right) => {
                    ops.push(op);
                    comparators.push(right);
                }
                None => {
                    self.pos = mark;
                    break;
                }
            }
        }
        if ops.is_empty() {
            return Ok(Some(left));
        }
        let kind = ExprKind::Compare {
            left: Box::new(left),
            ops,
            comparators,
        };
        Ok(Some(expr(kind, self.loc(start))))
    }

    fn compare_op(&mut self) -> PResult<CmpOp> {
        let t = self.peek()?;
        let op = match t.kind {
            T::EqEqual => CmpOp::Eq,
            // `<>` is the NOTEQUAL token too, but only `!=` is accepted.
            T::NotEqual => CmpOp::NotEq,
            T::LessEqual => CmpOp::LtE,
            T::Less => CmpOp::Lt,
            T::GreaterEqual => CmpOp::GtE,
            T::Greater => CmpOp::Gt,
            T::In => CmpOp::In,
            T::Not => {
                if self.peek_second()?.kind != T::In {
                    return Ok(None);
                }
                self.pos += 1;
                CmpOp::NotIn
            }
            T::Is => {
                if self.peek_second()?.kind == T::Not {
                    self.pos += 1;
                    CmpOp::IsNot
                } else {
                    CmpOp::Is
                }
            }
            _ => return Ok(None),
        };
        self.pos += 1;
        Ok(Some(op))
    }

    /// `bitwise_or: bitwise_or '|' bitwise_xor | bitwise_xor`
    pub(super) fn bitwise_or(&mut self) -> PResult<Expr> {
        if !self.invalid_rules {
            return self.binary_levels(1);
        }
        self.memoized(super::MemoRule::BitwiseOr, |p| p.binary_levels(1))
    }

    /// The left-recursive levels from `bitwise_or` to `term`, from level
    /// `min_level` up, parsed by precedence climbing: one loop instead of a
    /// call per level. Each operator's right operand is the next level up,
    /// so the tree is the one the grammar's rules build.
    fn binary_levels(&mut self, min_level: u8) -> PResult<Expr> {
        let start = self.start()?;
        let Some(mut left) = self.factor()? else {
            return Ok(None);
        };
        loop {
            let mark = self.pos;
            let Some((level, op)) = binary_operator(self.peek_kind()?) else {
                break;
            };
            if level < min_level {
                break;
            }
            self.pos += 1;
            let right = if level == 6 {
                self.factor()?
            } else {
                self.binary_levels(level + 1)?
            };
            let Some(right) = right else {
                self.pos = mark;
                break;
            };
            let kind = ExprKind::BinOp {
                left: Box::new(left),
                op,
                right: Box::new(right),
            };
            left = expr(kind, self.loc(start));
        }
        Ok(Some(left))
    }

    /// `factor: '+' factor | '-' factor | '~' factor | power`
    fn factor(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let op = match start.kind {
            T::Plus => UnaryOp::UAdd,
            T::Minus => UnaryOp::USub,
            T::Tilde => UnaryOp::Invert,
            _ => return self.power(),
        };
        self.pos += 1;
        self.enter()?;
        let operand = self.factor();
        self.leave();
        let Some(operand) = operand? else {
            self.pos -= 1;
            return Ok(None);
        };
        Ok(Some(expr(
            ExprKind::UnaryOp {
                op,
                operand: Box::new(operand),
            },
            self.loc(start),
        )))
    }

    /// `power: await_primary '**' factor | await_primary`
    fn power(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let Some(left) = self.await_primary()? else {
            return Ok(None);
        };
        let mark = self.pos;
        if self.eat(T::DoubleStar)?.is_some() {
            if let Some(right) = self.factor()? {
                let kind = ExprKind::BinOp {
                    left: Box::new(left),
                    op: Operator::Pow,
                    right: Box::new(right),
                };
                return Ok(Some(expr(kind, self.loc(start))));
            }
            self.pos = mark;
        }
        Ok(Some(left))
    }

    /// `await_primary: AWAIT primary | primary`
    fn await_primary(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        if self.eat(T::Await)?.is_some() {
            let Some(value) = self.primary()? else {
                self.pos -= 1;
                return Ok(None);
            };
            return Ok(Some(expr(
                ExprKind::Await {
                    value: Box::new(value),
                },
                self.loc(start),
            )));
        }
        self.primary()
    }

    /// `primary: primary '.' NAME | primary genexp | primary '(' [arguments] ')'
    ///   | primary '[' slices ']' | atom`
    pub(super) fn primary(&mut self) -> PResult<Expr> {
        if let Some(memo) = self.take_primary_memo() {
            self.pos = memo.end;
            return Ok(Some(memo.expr));
        }
        Ok(self.primary_with_trailers(false)?.map(|(e, _)| e))
    }

    /// `primary` read afresh, and whether it has trailers. With
    /// `memoize_atom`, its atom is kept in `atom_memo` (see
    /// `bracketed_atom`).
    pub(super) fn primary_with_trailers(&mut self, memoize_atom: bool) -> PResult<(Expr, bool)> {
        let start = self.start()?;
        let memoize = self.memoize_atoms;
        self.memoize_atoms |= memoize_atom;
        let atom = self.atom();
        self.memoize_atoms = memoize;
        let Some(mut e) = atom? else {
            return Ok(None);
        };
        let mut trailed = false;
        // Most primaries have no trailer: see that before moving the atom.
        while matches!(self.peek_kind()?, T::Dot | T::LPar | T::LSqb) {
            match self.trailer(e, start)? {
                Ok(next) => {
                    e = next;
                    trailed = true;
                }
                Err(unchanged) => return Ok(Some((unchanged, trailed))),
            }
        }
        Ok(Some((e, trailed)))
    }

    /// One trailer of a primary: `.name`, a call or a subscript. Gives back
    /// the primary unchanged (as `Err`) when none follows.
    pub(super) fn trailer(&mut self, e: Expr, start: Token) -> Result<Result<Expr, Expr>, Stop> {
        let mark = self.pos;
        match self.peek_kind()? {
            T::Dot => {
                self.pos += 1;
                let Some((attr, _)) = self.name()? else {
                    self.pos = mark;
                    return Ok(Err(e));
                };
                let kind = ExprKind::Attribute {
                    value: Box::new(e),
                    attr,
                    ctx: ExprContext::Load,
                };
                Ok(Ok(expr(kind, self.loc(start))))
            }
            T::LPar => {
                // `primary genexp | primary '(' [arguments] ')'`, reading a
                // first argument once: parsing it for each alternative
                // would be exponential in the nesting of calls.
                self.pos += 1;
                let first_mark = self.pos;
                let mut first = None;
                if !self.at(T::RPar)? {
                    first = match self.assignment_expression()? {
                        Some(a) => Some(a),
                        None => self.expression()?,
                    };
                    if let Some(elt) = first.take() {
                        if matches!(self.peek_kind()?, T::For | T::Async) {
                            if let Some(g) = self.genexp_rest(elt, mark)? {
                                let kind = ExprKind::Call {
                                    func: Box::new(e),
                                    args: vec![g],
                                    keywords: Vec::new(),
                                };
                                return Ok(Ok(expr(kind, self.loc(start))));
                            }
                        } else if !matches!(self.peek_kind()?, T::Equal | T::ColonEqual) {
                            first = Some(elt);
                        }
                    }
                    if first.is_none() {
                        self.pos = first_mark;
                    }
                }
                if first.is_none() && self.invalid_rules && self.at(T::Star)? {
                    // `primary genexp`, with genexp's `invalid_comprehension`.
                    self.invalid_starred_element(mark, false)?;
                }
                let first = first.map(|e| (first_mark, e));
                let (args, keywords) = if first.is_none() && self.at(T::RPar)? {
                    (Vec::new(), Vec::new())
                } else {
                    match self.arguments(first)? {
                        Some(a) => a,
                        None => {
                            self.pos = mark;
                            return Ok(Err(e));
                        }
                    }
                };
                if self.eat(T::RPar)?.is_none() {
                    self.pos = mark;
                    return Ok(Err(e));
                }
                let kind = ExprKind::Call {
                    func: Box::new(e),
                    args,
                    keywords,
                };
                Ok(Ok(expr(kind, self.loc(start))))
            }
            T::LSqb => {
                self.pos += 1;
                let Some(slice) = self.slices()? else {
                    self.pos = mark;
                    return Ok(Err(e));
                };
                if self.eat(T::RSqb)?.is_none() {
                    self.pos = mark;
                    return Ok(Err(e));
                }
                let kind = ExprKind::Subscript {
                    value: Box::new(e),
                    slice: Box::new(slice),
                    ctx: ExprContext::Load,
                };
                Ok(Ok(expr(kind, self.loc(start))))
            }
            _ => Ok(Err(e)),
        }
    }

    /// `slices: slice !',' | ','.(slice | starred_expression)+ [',']`
    pub(super) fn slices(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let mark = self.pos;
        // The first item is read once, whichever alternative it starts:
        // reading it again would double the work per level of nesting.
        let first = match self.slice()? {
            Some(s) if !self.at(T::Comma)? => return Ok(Some(s)),
            Some(s) => s,
            None => {
                self.pos = mark;
                match self.starred_expression()? {
                    Some(e) => e,
                    None => {
                        self.pos = mark;
                        return Ok(None);
                    }
                }
            }
        };
        let mut elts = vec![first];
        while self.eat(T::Comma)?.is_some() {
            let item_mark = self.pos;
            let item = match self.slice()? {
                Some(s) => Some(s),
                None => {
                    self.pos = item_mark;
                    self.starred_expression()?
                }
            };
            match item {
                Some(e) => elts.push(e),
                None => {
                    self.pos = item_mark;
                    break;
                }
            }
        }
        Ok(Some(expr(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            self.loc(start),
        )))
    }

    /// `slice: [expression] ':' [expression] [':' [expression]] | named_expression`
    fn slice(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let mark = self.pos;
        let lower = self.expression()?;
        // In the first pass `named_expression` would read the same
        // expression again (once per level of nested subscripts).
        if !self.invalid_rules && !matches!(self.peek_kind()?, T::Colon | T::ColonEqual) {
            if let Some(lower) = lower {
                return Ok(Some(lower));
            }
        }
        // Where no expression starts, no named_expression does either.
        if lower.is_none() && !self.at(T::Colon)? {
            self.pos = mark;
            return Ok(None);
        }
        if self.eat(T::Colon)?.is_some() {
            let upper = self.expression()?;
            let step = if self.eat(T::Colon)?.is_some() {
                self.expression()?
            } else {
                None
            };
            let kind = ExprKind::Slice {
                lower: lower.map(Box::new),
                upper: upper.map(Box::new),
                step: step.map(Box::new),
            };
            return Ok(Some(expr(kind, self.loc(start))));
        }
        self.pos = mark;
        self.named_expression()
    }

    /// `starred_expression: '*' expression`
    pub(super) fn starred_expression(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        if self.eat(T::Star)?.is_none() {
            return Ok(None);
        }
        let Some(value) = self.expression()? else {
            self.pos -= 1;
            return Ok(None);
        };
        Ok(Some(expr(
            ExprKind::Starred {
                value: Box::new(value),
                ctx: ExprContext::Load,
            },
            self.loc(start),
        )))
    }

    /// `atom`
    pub(super) fn atom(&mut self) -> PResult<Expr> {
        let t = self.peek()?;
        let constant = |value| ExprKind::Constant { value, kind: None };
        let kind = match t.kind {
            T::Name => {
                self.pos += 1;
                ExprKind::Name {
                    id: self.identifier(&t),
                    ctx: ExprContext::Load,
                }
            }
            T::True => {
                self.pos += 1;
                constant(Constant::Bool(true))
            }
            T::False => {
                self.pos += 1;
                constant(Constant::Bool(false))
            }
            T::None => {
                self.pos += 1;
                constant(Constant::None)
            }
            T::Ellipsis => {
                self.pos += 1;
                constant(Constant::Ellipsis)
            }
            T::Number => {
                self.pos += 1;
                constant(self.number_value(&t))
            }
            T::String => return self.strings(),
            T::LPar | T::LSqb | T::LBrace => return self.bracketed_atom(t.kind),
            _ => return Ok(None),
        };
        Ok(Some(expr(kind, token_loc(t))))
    }

    /// A tuple, group, generator expression, list, dict or set (or one of
    /// their comprehensions), from `atom_memo` when it has been read here
    /// before, and kept there while `memoize_atoms` is on.
    fn bracketed_atom(&mut self, open: T) -> PResult<Expr> {
        let key = (self.pos, self.invalid_rules);
        if let Some((end, e)) = self.atom_memo.get(&key) {
            self.pos = *end;
            return Ok(e.clone());
        }
        let result = match open {
            T::LPar => self.paren_atom()?,
            T::LSqb => self.bracket_atom()?,
            _ => self.brace_atom()?,
        };
        if self.memoize_atoms {
            self.atom_memo.insert(key, (self.pos, result.clone()));
        }
        Ok(result)
    }

    fn number_value(&self, t: &Token) -> Constant {
        crate::number::parse_number(self.text_of(t))
    }

    /// `&'(' (tuple | group | genexp)`, deciding after the first element
    /// which one it is.
    fn paren_atom(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let mark = self.pos;
        self.pos += 1;
        if self.eat(T::RPar)?.is_some() {
            let kind = ExprKind::Tuple {
                elts: Vec::new(),
                ctx: ExprContext::Load,
            };
            return Ok(Some(expr(kind, self.loc(start))));
        }
        if self.at(T::Yield)? {
            if let Some(e) = self.yield_expr()? {
                if self.eat(T::RPar)?.is_some() {
                    return Ok(Some(e));
                }
            }
            self.pos = mark;
            return Ok(None);
        }
        let Some(first) = self.star_named_expression()? else {
            if self.invalid_rules {
                self.invalid_starred_element(mark, true)?;
                self.pos = mark + 1;
                self.invalid_group_double_star()?;
            }
            self.pos = mark;
            return Ok(None);
        };
        match self.peek_kind()? {
            T::Comma => {
                self.pos += 1;
                let mut elts = vec![first];
                let rest_mark = self.pos;
                match self.star_named_expressions()? {
                    Some(rest) => elts.extend(rest),
                    None => self.pos = rest_mark,
                }
                if self.eat(T::RPar)?.is_none() {
                    self.pos = mark;
                    return Ok(None);
                }
                Ok(Some(expr(
                    ExprKind::Tuple {
                        elts,
                        ctx: ExprContext::Load,
                    },
                    self.loc(start),
                )))
            }
            T::RPar => {
                self.pos += 1;
                if matches!(first.kind, ExprKind::Starred { .. }) {
                    if self.invalid_rules {
                        return Err(self.raise_at(first.loc, "cannot use starred expression here"));
                    }
                    self.pos = mark;
                    return Ok(None);
                }
                Ok(Some(first))
            }
            T::For | T::Async if !matches!(first.kind, ExprKind::Starred { .. }) => {
                // `genexp`, whose element is the one just read: reading it
                // again would double the work per level of nested
                // generator expressions.
                let genexp = self.genexp_rest(first, mark)?;
                if genexp.is_none() {
                    self.pos = mark;
                }
                Ok(genexp)
            }
            _ => {
                if self.invalid_rules && matches!(first.kind, ExprKind::Starred { .. }) {
                    self.invalid_starred_element(mark, true)?;
                }
                self.pos = mark;
                Ok(None)
            }
        }
    }

    fn invalid_group_double_star(&mut self) -> Result<(), Stop> {
        if let Some(t) = self.eat(T::DoubleStar)? {
            if self.expression()?.is_some() && self.at(T::RPar)? {
                return Err(self.raise_at_token(t, "cannot use double starred expression here"));
            }
        }
        Ok(())
    }

    /// The rest of a `genexp` whose element has been read: `for_if_clauses ')'`.
    /// `open` is the position of its `(`.
    fn genexp_rest(&mut self, elt: Expr, open: usize) -> PResult<Expr> {
        let start = self.tokens[open];
        let Some(generators) = self.for_if_clauses()? else {
            return Ok(None);
        };
        if self.eat(T::RPar)?.is_none() {
            return Ok(None);
        }
        let kind = ExprKind::GeneratorExp {
            elt: Box::new(elt),
            generators,
        };
        Ok(Some(expr(kind, self.loc(start))))
    }

    /// `&'[' (list | listcomp)`
    fn bracket_atom(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let mark = self.pos;
        self.pos += 1;
        if self.eat(T::RSqb)?.is_some() {
            return Ok(Some(expr(
                ExprKind::List {
                    elts: Vec::new(),
                    ctx: ExprContext::Load,
                },
                self.loc(start),
            )));
        }
        let Some(first) = self.star_named_expression()? else {
            if self.invalid_rules {
                self.invalid_starred_element(mark, false)?;
            }
            self.pos = mark;
            return Ok(None);
        };
        if matches!(self.peek_kind()?, T::For | T::Async) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                if self.invalid_rules {
                    self.invalid_starred_element(mark, false)?;
                }
                self.pos = mark;
                return Ok(None);
            }
            let Some(generators) = self.for_if_clauses()? else {
                self.pos = mark;
                return Ok(None);
            };
            if self.eat(T::RSqb)?.is_none() {
                self.pos = mark;
                return Ok(None);
            }
            let kind = ExprKind::ListComp {
                elt: Box::new(first),
                generators,
            };
            return Ok(Some(expr(kind, self.loc(start))));
        }
        let mut elts = vec![first];
        if self.eat(T::Comma)?.is_some() {
            let rest_mark = self.pos;
            match self.star_named_expressions()? {
                Some(rest) => elts.extend(rest),
                None => self.pos = rest_mark,
            }
        }
        if self.eat(T::RSqb)?.is_none() {
            if self.invalid_rules {
                self.invalid_starred_element(mark, false)?;
                self.pos = mark;
                self.invalid_comprehension_unparenthesized()?;
            }
            self.pos = mark;
            return Ok(None);
        }
        Ok(Some(expr(
            ExprKind::List {
                elts,
                ctx: ExprContext::Load,
            },
            self.loc(start),
        )))
    }

    /// `&'{' (dict | set | dictcomp | setcomp)`
    fn brace_atom(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let mark = self.pos;
        self.pos += 1;
        if self.eat(T::RBrace)?.is_some() {
            let kind = ExprKind::Dict {
                keys: Vec::new(),
                values: Vec::new(),
            };
            return Ok(Some(expr(kind, self.loc(start))));
        }
        let items_mark = mark + 1;
        // The key of the first pair, when the set's first element read
        // first is one: reading it again would be exponential in dicts
        // nested in keys.
        let mut first_key = None;
        if !self.at(T::DoubleStar)? {
            let first = self.star_named_expression()?;
            match first {
                Some(first) if !self.at(T::Colon)? => {
                    return self.set_or_setcomp(start, mark, first);
                }
                Some(first) => {
                    // Only `*a` and `a := b` are no `expression`.
                    let walrus = self.tokens[items_mark].kind == T::Name
                        && self.tokens[items_mark + 1].kind == T::ColonEqual;
                    if walrus || matches!(first.kind, ExprKind::Starred { .. }) {
                        self.pos = items_mark;
                    } else {
                        first_key = Some(first);
                    }
                }
                None => {
                    if self.invalid_rules {
                        self.invalid_starred_element(mark, false)?;
                    }
                    self.pos = mark;
                    return Ok(None);
                }
            }
        }
        // A dict or a dict comprehension.
        // The first pair, read once whether it starts a comprehension or
        // not: reading it again would be exponential in nested dicts.
        let mut first_pair = None;
        let mut items_done = false;
        if !self.at(T::DoubleStar)? {
            let pair = match first_key {
                Some(key) => self.kvpair_after_key(items_mark, key)?,
                None => self.kvpair()?,
            };
            if let Some((key, value)) = pair {
                if matches!(self.peek_kind()?, T::For | T::Async) {
                    let Some(generators) = self.for_if_clauses()? else {
                        self.pos = mark;
                        return Ok(None);
                    };
                    if self.eat(T::RBrace)?.is_none() {
                        self.pos = mark;
                        return Ok(None);
                    }
                    let kind = ExprKind::DictComp {
                        key: Box::new(key),
                        value: Box::new(value),
                        generators,
                    };
                    return Ok(Some(expr(kind, self.loc(start))));
                }
                first_pair = Some((Some(key), value));
            } else {
                self.pos = items_mark;
                items_done = true;
            }
        } else if self.invalid_rules {
            self.invalid_dict_comprehension()?;
            self.pos = items_mark;
        }
        let mut keys = Vec::new();
        let mut values = Vec::new();
        // Items end at the first one missing a comma after it; when the
        // first pair did not parse, no item does.
        while !items_done {
            let item_mark = self.pos;
            let pair = match first_pair.take() {
                Some(pair) => Some(pair),
                None => self.double_starred_kvpair()?,
            };
            let Some((key, value)) = pair else {
                self.pos = item_mark;
                break;
            };
            keys.push(key);
            values.push(value);
            items_done = self.eat(T::Comma)?.is_none();
        }
        if self.eat(T::RBrace)?.is_none() {
            if self.invalid_rules {
                self.pos = items_mark;
                self.invalid_double_starred_kvpairs()?;
            }
            self.pos = mark;
            return Ok(None);
        }
        Ok(Some(expr(ExprKind::Dict { keys, values }, self.loc(start))))
    }

    fn set_or_setcomp(&mut self, start: Token, mark: usize, first: Expr) -> PResult<Expr> {
        if matches!(self.peek_kind()?, T::For | T::Async) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                if self.invalid_rules {
                    self.invalid_starred_element(mark, false)?;
                }
                self.pos = mark;
                return Ok(None);
            }
            let Some(generators) = self.for_if_clauses()? else {
                self.pos = mark;
                return Ok(None);
            };
            if self.eat(T::RBrace)?.is_none() {
                self.pos = mark;
                return Ok(None);
            }
            let kind = ExprKind::SetComp {
                elt: Box::new(first),
                generators,
            };
            return Ok(Some(expr(kind, self.loc(start))));
        }
        let mut elts = vec![first];
        if self.eat(T::Comma)?.is_some() {
            let rest_mark = self.pos;
            match self.star_named_expressions()? {
                Some(rest) => elts.extend(rest),
                None => self.pos = rest_mark,
            }
        }
        if self.eat(T::RBrace)?.is_none() {
            if self.invalid_rules {
                self.invalid_starred_element(mark, false)?;
                self.pos = mark;
                self.invalid_comprehension_unparenthesized()?;
            }
            self.pos = mark;
            return Ok(None);
        }
        Ok(Some(expr(ExprKind::Set { elts }, self.loc(start))))
    }

    /// `kvpair: expression ':' expression`
    fn kvpair(&mut self) -> PResult<(Expr, Expr)> {
        let mark = self.pos;
        let Some(key) = self.expression()? else {
            return Ok(None);
        };
        self.kvpair_after_key(mark, key)
    }

    /// The rest of a `kvpair` that starts at `mark` with `key`, read.
    fn kvpair_after_key(&mut self, mark: usize, key: Expr) -> PResult<(Expr, Expr)> {
        if self.eat(T::Colon)?.is_none() {
            self.pos = mark;
            return Ok(None);
        }
        match self.expression()? {
            Some(value) => Ok(Some((key, value))),
            None => {
                self.pos = mark;
                Ok(None)
            }
        }
    }

    /// `double_starred_kvpair: '**' bitwise_or | kvpair`
    fn double_starred_kvpair(&mut self) -> PResult<(Option<Expr>, Expr)> {
        let mark = self.pos;
        if self.eat(T::DoubleStar)?.is_some() {
            return match self.bitwise_or()? {
                Some(value) => Ok(Some((None, value))),
                None => {
                    self.pos = mark;
                    Ok(None)
                }
            };
        }
        Ok(self.kvpair()?.map(|(key, value)| (Some(key), value)))
    }

    /// `invalid_double_starred_kvpairs: ','.double_starred_kvpair+ ',' invalid_kvpair
    ///   | expression ':' '*' bitwise_or | expression ':' &('}'|',')`
    fn invalid_double_starred_kvpairs(&mut self) -> Result<(), Stop> {
        let mark = self.pos;
        let mut count = 0;
        loop {
            let item_mark = self.pos;
            if self.double_starred_kvpair()?.is_none() {
                self.pos = item_mark;
                break;
            }
            count += 1;
            let comma_mark = self.pos;
            if self.eat(T::Comma)?.is_none() {
                break;
            }
            if !self.starts_double_starred_kvpair()? {
                self.pos = comma_mark;
                break;
            }
        }
        if count > 0 && self.eat(T::Comma)?.is_some() {
            self.invalid_kvpair()?;
        }
        self.pos = mark;
        self.invalid_kvpair_value()
    }

    /// Whether a `double_starred_kvpair` parses here (without moving).
    fn starts_double_starred_kvpair(&mut self) -> Result<bool, Stop> {
        let mark = self.pos;
        let found = self.double_starred_kvpair()?.is_some();
        self.pos = mark;
        Ok(found)
    }

    /// `invalid_kvpair: expression !(':') | invalid_kvpair_value`
    fn invalid_kvpair(&mut self) -> Result<(), Stop> {
        let mark = self.pos;
        if let Some(a) = self.expression()? {
            if !self.at(T::Colon)? {
                return Err(self.raise_known(
                    crate::error::SyntaxErrorKind::SyntaxError,
                    "':' expected after dictionary key",
                    a.loc.lineno as i64,
                    a.loc.end_col_offset as i64 - 1,
                    Some((a.loc.end_lineno as i64, -1)),
                ));
            }
        }
        self.pos = mark;
        self.invalid_kvpair_value()
    }

    /// `expression ':' '*' bitwise_or | expression ':' &('}'|',')`
    fn invalid_kvpair_value(&mut self) -> Result<(), Stop> {
        let mark = self.pos;
        if self.expression()?.is_some() {
            if let Some(colon) = self.eat(T::Colon)? {
                if let Some(star) = self.eat(T::Star)? {
                    if self.bitwise_or()?.is_some() {
                        let msg = "cannot use a starred expression in a dictionary value";
                        return Err(self.raise_starting_from(token_loc(star), msg));
                    }
                } else if matches!(self.peek_kind()?, T::RBrace | T::Comma) {
                    return Err(self.raise_at_token(
                        colon,
                        "expression expected after dictionary key and ':'",
                    ));
                }
            }
        }
        self.pos = mark;
        Ok(())
    }

    /// `invalid_dict_comprehension: '{' a='**' bitwise_or for_if_clauses '}'`
    fn invalid_dict_comprehension(&mut self) -> Result<(), Stop> {
        let mark = self.pos;
        if let Some(star) = self.eat(T::DoubleStar)? {
            if self.bitwise_or()?.is_some()
                && matches!(self.peek_kind()?, T::For | T::Async)
                && self.for_if_clauses()?.is_some()
                && self.at(T::RBrace)?
            {
                let msg = "dict unpacking cannot be used in dict comprehension";
                return Err(self.raise_at_token(star, msg));
            }
        }
        self.pos = mark;
        Ok(())
    }

    /// For a display or a parenthesized expression whose bracket is at
    /// `open` and whose first element starts with `*`:
    /// `invalid_group: '(' a=starred_expression ')'` (when `group`) and
    /// `invalid_comprehension: ('[' | '(' | '{') a=starred_expression for_if_clauses`.
    /// Their starred expression is `'*' expression`, not the `'*' bitwise_or`
    /// the valid alternatives read: it may go further, or raise on its own.
    fn invalid_starred_element(&mut self, open: usize, group: bool) -> Result<(), Stop> {
        let mark = self.pos;
        self.pos = open + 1;
        if let Some(a) = self.starred_expression()? {
            if group && self.at(T::RPar)? {
                return Err(self.raise_at(a.loc, "cannot use starred expression here"));
            }
            if self.for_if_clauses()?.is_some() {
                return Err(
                    self.raise_at(a.loc, "iterable unpacking cannot be used in comprehension")
                );
            }
        }
        self.pos = mark;
        Ok(())
    }

    /// `('[' | '{') a=star_named_expression ',' b=star_named_expressions for_if_clauses`
    /// and `('[' | '{') a=star_named_expression b=',' for_if_clauses`
    fn invalid_comprehension_unparenthesized(&mut self) -> Result<(), Stop> {
        self.pos += 1;
        let Some(a) = self.star_named_expression()? else {
            return Ok(());
        };
        let Some(comma) = self.eat(T::Comma)? else {
            return Ok(());
        };
        let rest_mark = self.pos;
        if let Some(rest) = self.star_named_expressions()? {
            if matches!(self.peek_kind()?, T::For | T::Async) && self.for_if_clauses()?.is_some() {
                let last = rest.last().expect("at least one").loc;
                return Err(self.raise_range(
                    a.loc,
                    last,
                    "did you forget parentheses around the comprehension target?",
                ));
            }
        }
        self.pos = rest_mark;
        if matches!(self.peek_kind()?, T::For | T::Async) && self.for_if_clauses()?.is_some() {
            return Err(self.raise_range(
                a.loc,
                token_loc(comma),
                "did you forget parentheses around the comprehension target?",
            ));
        }
        Ok(())
    }

    /// `for_if_clauses: for_if_clause+`
    pub(super) fn for_if_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut clauses = Vec::new();
        loop {
            let mark = self.pos;
            match self.for_if_clause()? {
                Some(c) => clauses.push(c),
                None => {
                    self.pos = mark;
                    break;
                }
            }
        }
        Ok(if clauses.is_empty() {
            None
        } else {
            Some(clauses)
        })
    }

    /// `for_if_clause: [ASYNC] 'for' star_targets 'in' ~ disjunction ('if' disjunction)*`
    fn for_if_clause(&mut self) -> PResult<Comprehension> {
        let mark = self.pos;
        let is_async = self.eat(T::Async)?.is_some();
        if self.eat(T::For)?.is_none() {
            self.pos = mark;
            return Ok(None);
        }
        let target_mark = self.pos;
        let target = self.star_targets()?;
        let Some(target) = target else {
            if self.invalid_rules {
                self.pos = target_mark;
                self.invalid_for_target(is_async)?;
            }
            self.pos = mark;
            return Ok(None);
        };
        if self.eat(T::In)?.is_none() {
            if self.invalid_rules {
                self.pos = target_mark;
                self.invalid_for_target(is_async)?;
            }
            self.pos = mark;
            return Ok(None);
        }
        let Some(iter) = self.disjunction()? else {
            // After the cut (`~`), no other alternative is tried.
            self.pos = mark;
            return Ok(None);
        };
        let mut ifs = Vec::new();
        loop {
            let if_mark = self.pos;
            if self.eat(T::If)?.is_none() {
                break;
            }
            match self.disjunction()? {
                Some(cond) => ifs.push(cond),
                None => {
                    self.pos = if_mark;
                    break;
                }
            }
        }
        Ok(Some(Comprehension {
            target: Box::new(target),
            iter: Box::new(iter),
            ifs,
            is_async: is_async as i32,
        }))
    }

    /// `invalid_for_target: ASYNC? 'for' a=star_expressions`
    pub(super) fn invalid_for_target(&mut self, _is_async: bool) -> Result<(), Stop> {
        if let Some(a) = self.star_expressions()? {
            if let Some(invalid) =
                super::targets::invalid_target(&a, super::targets::TargetsType::For)
            {
                let what = super::targets::expr_name(invalid);
                let loc = invalid.loc;
                return Err(self.raise_at(loc, &format!("cannot assign to {what}")));
            }
        }
        Ok(())
    }

    /// `lambdef: 'lambda' [lambda_params] ':' expression`
    fn lambdef(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let mark = self.pos;
        self.pos += 1;
        let args = match self.lambda_params()? {
            Some(a) => a,
            None => super::arguments::empty_arguments(),
        };
        if self.eat(T::Colon)?.is_none() {
            self.pos = mark;
            return Ok(None);
        }
        let Some(body) = self.expression()? else {
            self.pos = mark;
            return Ok(None);
        };
        let kind = ExprKind::Lambda {
            args: Box::new(args),
            body: Box::new(body),
        };
        Ok(Some(expr(kind, self.loc(start))))
    }

    /// `strings: STRING+`
    fn strings(&mut self) -> PResult<Expr> {
        let first = self.pos;
        while self.at(T::String)? {
            self.pos += 1;
        }
        let tokens: Vec<Token> = self.tokens[first..self.pos].to_vec();
        self.concatenate_strings(&tokens).map(Some)
    }
}

/// The location of one token.
pub(super) fn token_loc(t: Token) -> Loc {
    Loc {
        lineno: t.lineno,
        col_offset: t.col_offset as u32,
        end_lineno: t.end_lineno,
        end_col_offset: t.end_col_offset as u32,
    }
}
