//! Statement rules: the module, simple and compound statements, blocks,
//! and the `invalid_*` rules about them.

use super::expressions::{expr, token_loc};
use super::targets::TargetsType;
use super::{PResult, Parser, Stop};
use crate::ast::{
    Alias, ExceptHandler, ExceptHandlerKind, Expr, ExprContext, ExprKind, Loc, MatchCase, Mod,
    Operator, Stmt, StmtKind, WithItem,
};
use crate::token::{Token, TokenKind as T};

fn stmt(kind: StmtKind, loc: Loc) -> Stmt {
    Stmt { kind, loc }
}

fn augassign_operator(kind: T) -> Option<Operator> {
    Some(match kind {
        T::PlusEqual => Operator::Add,
        T::MinEqual => Operator::Sub,
        T::StarEqual => Operator::Mult,
        T::AtEqual => Operator::MatMult,
        T::SlashEqual => Operator::Div,
        T::PercentEqual => Operator::Mod,
        T::AmperEqual => Operator::BitAnd,
        T::VBarEqual => Operator::BitOr,
        T::CircumflexEqual => Operator::BitXor,
        T::LeftShiftEqual => Operator::LShift,
        T::RightShiftEqual => Operator::RShift,
        T::DoubleStarEqual => Operator::Pow,
        T::DoubleSlashEqual => Operator::FloorDiv,
        _ => return None,
    })
}

impl<'src> Parser<'src> {
    /// `file: [statements] ENDMARKER`
    pub(super) fn file(&mut self) -> PResult<Mod> {
        let body = self.statements()?.unwrap_or_default();
        if self.eat(T::EndMarker)?.is_none() {
            return Ok(None);
        }
        Ok(Some(Mod::Module {
            body,
            type_ignores: Vec::new(),
        }))
    }

    /// `eval: expressions NEWLINE* ENDMARKER`
    pub(super) fn eval_rule(&mut self) -> PResult<Mod> {
        let Some(body) = self.expressions()? else {
            return Ok(None);
        };
        while self.eat(T::Newline)?.is_some() {}
        if self.eat(T::EndMarker)?.is_none() {
            return Ok(None);
        }
        Ok(Some(Mod::Expression {
            body: Box::new(body),
        }))
    }

    /// `fstring: star_expressions`
    pub(super) fn fstring_rule(&mut self) -> PResult<Expr> {
        self.star_expressions()
    }

    /// `statements: statement+`
    fn statements(&mut self) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        loop {
            let mark = self.pos;
            match self.statement()? {
                Some(mut stmts) => body.append(&mut stmts),
                None => {
                    self.pos = mark;
                    break;
                }
            }
        }
        Ok(if body.is_empty() { None } else { Some(body) })
    }

    /// `statement: compound_stmt | simple_stmts`
    fn statement(&mut self) -> PResult<Vec<Stmt>> {
        let mark = self.pos;
        if let Some(s) = self.compound_stmt()? {
            return Ok(Some(vec![s]));
        }
        self.pos = mark;
        self.simple_stmts()
    }

    /// `simple_stmts: simple_stmt !';' NEWLINE | ';'.simple_stmt+ [';'] NEWLINE`
    fn simple_stmts(&mut self) -> PResult<Vec<Stmt>> {
        let mark = self.pos;
        let mut stmts = Vec::new();
        loop {
            let Some(s) = self.simple_stmt()? else {
                if stmts.is_empty() {
                    self.pos = mark;
                    return Ok(None);
                }
                break;
            };
            stmts.push(s);
            if self.eat(T::Semi)?.is_none() {
                break;
            }
        }
        if self.eat(T::Newline)?.is_none() {
            self.pos = mark;
            return Ok(None);
        }
        Ok(Some(stmts))
    }

    /// `simple_stmt`
    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start()?;
        let mark = self.pos;
        match start.kind {
            T::Return => return self.return_stmt(),
            T::Import | T::From => return self.import_stmt(),
            T::Raise => return self.raise_stmt(),
            T::Pass => {
                self.pos += 1;
                return Ok(Some(stmt(StmtKind::Pass, self.loc(start))));
            }
            T::Break => {
                self.pos += 1;
                return Ok(Some(stmt(StmtKind::Break, self.loc(start))));
            }
            T::Continue => {
                self.pos += 1;
                return Ok(Some(stmt(StmtKind::Continue, self.loc(start))));
            }
            T::Del => {
                if let Some(s) = self.del_stmt()? {
                    return Ok(Some(s));
                }
                self.pos = mark;
            }
            T::Assert => return self.assert_stmt(),
            T::Global | T::Nonlocal => return self.global_stmt(),
            _ => {}
        }
        if let Some(s) = self.assignment()? {
            return Ok(Some(s));
        }
        self.pos = mark;
        if let Some(e) = self.star_expressions()? {
            return Ok(Some(stmt(
                StmtKind::Expr { value: Box::new(e) },
                self.loc(start),
            )));
        }
        self.pos = mark;
        if start.kind == T::Yield {
            if let Some(e) = self.yield_expr()? {
                return Ok(Some(stmt(
                    StmtKind::Expr { value: Box::new(e) },
                    self.loc(start),
                )));
            }
            self.pos = mark;
        }
        Ok(None)
    }

    /// `annotated_rhs: yield_expr | star_expressions`
    fn annotated_rhs(&mut self) -> PResult<Expr> {
        if self.at(T::Yield)? {
            return self.yield_expr();
        }
        self.star_expressions()
    }

    /// `assignment`, with `invalid_assignment` in the second pass.
    fn assignment(&mut self) -> PResult<Stmt> {
        let start = self.start()?;
        let mark = self.pos;
        // NAME ':' expression ['=' annotated_rhs]
        if start.kind == T::Name && self.peek_second()?.kind == T::Colon {
            let (id, t) = self.name()?.expect("a NAME");
            self.pos += 1;
            if let Some(annotation) = self.expression()? {
                let target = expr(
                    ExprKind::Name {
                        id,
                        ctx: ExprContext::Store,
                    },
                    token_loc(t),
                );
                let value = self.annotation_value()?;
                let kind = StmtKind::AnnAssign {
                    target: Box::new(target),
                    annotation: Box::new(annotation),
                    value: value.map(Box::new),
                    simple: 1,
                };
                return Ok(Some(stmt(kind, self.loc(start))));
            }
            self.pos = mark;
        }
        // ('(' single_target ')' | single_subscript_attribute_target) ':' expression ['=' annotated_rhs]
        let target = if start.kind == T::LPar {
            self.pos += 1;
            match self.single_target()? {
                Some(t) if self.eat(T::RPar)?.is_some() => Some(t),
                _ => None,
            }
        } else {
            None
        };
        let target = match target {
            Some(t) => Some(t),
            None => {
                self.pos = mark;
                // The target is taken only if `:` follows: the rules
                // below read the same target from `primary_memo`.
                match self.target_end()? {
                    Some(end) if self.kind_at(end)? == T::Colon => {
                        self.single_subscript_attribute_target()?
                    }
                    _ => None,
                }
            }
        };
        if let Some(target) = target {
            if self.eat(T::Colon)?.is_some() {
                if let Some(annotation) = self.expression()? {
                    let value = self.annotation_value()?;
                    let kind = StmtKind::AnnAssign {
                        target: Box::new(target),
                        annotation: Box::new(annotation),
                        value: value.map(Box::new),
                        simple: 0,
                    };
                    return Ok(Some(stmt(kind, self.loc(start))));
                }
            }
        }
        self.pos = mark;
        if start.kind == T::Name {
            // Both rules below start with a target that is this name or
            // the subscript or attribute target starting here; after it,
            // the first needs `=` or `,`, the second an augmented
            // assignment. Most expression statements fail here at once.
            let end = self.target_end()?.unwrap_or(mark + 1);
            let next = self.kind_at(end)?;
            if !matches!(next, T::Equal | T::Comma) && augassign_operator(next).is_none() {
                if self.invalid_rules {
                    self.invalid_assignment()?;
                    self.pos = mark;
                }
                return Ok(None);
            }
        }
        // (star_targets '=')+ (yield_expr | star_expressions) !'=' [TYPE_COMMENT]
        let mut targets = Vec::new();
        loop {
            let target_mark = self.pos;
            match self.star_targets()? {
                Some(t) if self.eat(T::Equal)?.is_some() => targets.push(t),
                _ => {
                    self.pos = target_mark;
                    break;
                }
            }
        }
        if !targets.is_empty() {
            if let Some(value) = self.annotated_rhs()? {
                if !self.at(T::Equal)? {
                    let kind = StmtKind::Assign {
                        targets,
                        value: Box::new(value),
                        type_comment: None,
                    };
                    return Ok(Some(stmt(kind, self.loc(start))));
                }
            }
        }
        self.pos = mark;
        // single_target augassign ~ (yield_expr | star_expressions)
        if let Some(target) = self.single_target()? {
            if let Some(op) = augassign_operator(self.peek_kind()?) {
                self.pos += 1;
                let Some(value) = self.annotated_rhs()? else {
                    // After the cut (`~`), not even invalid_assignment is tried.
                    self.pos = mark;
                    return Ok(None);
                };
                let kind = StmtKind::AugAssign {
                    target: Box::new(target),
                    op,
                    value: Box::new(value),
                };
                return Ok(Some(stmt(kind, self.loc(start))));
            }
        }
        self.pos = mark;
        if self.invalid_rules {
            self.invalid_assignment()?;
            self.pos = mark;
        }
        Ok(None)
    }

    /// `['=' annotated_rhs]` after an annotation.
    fn annotation_value(&mut self) -> PResult<Expr> {
        let mark = self.pos;
        if self.eat(T::Equal)?.is_some() {
            if let Some(value) = self.annotated_rhs()? {
                return Ok(Some(value));
            }
            self.pos = mark;
        }
        Ok(None)
    }

    fn invalid_assignment(&mut self) -> Result<(), Stop> {
        let mark = self.pos;
        // invalid_ann_assign_target ':' expression
        if let Some(a) = self.invalid_ann_assign_target()? {
            if self.eat(T::Colon)?.is_some() && self.expression()?.is_some() {
                let what = super::targets::expr_name(&a);
                return Err(self.raise_at(
                    a.loc,
                    &format!("only single target (not {what}) can be annotated"),
                ));
            }
        }
        self.pos = mark;
        // star_named_expression ',' star_named_expressions* ':' expression
        if let Some(a) = self.star_named_expression()? {
            if self.eat(T::Comma)?.is_some() {
                loop {
                    let m = self.pos;
                    if self.star_named_expressions()?.is_none() {
                        self.pos = m;
                        break;
                    }
                }
                if self.eat(T::Colon)?.is_some() && self.expression()?.is_some() {
                    return Err(
                        self.raise_at(a.loc, "only single target (not tuple) can be annotated")
                    );
                }
            }
        }
        self.pos = mark;
        // expression ':' expression
        if let Some(a) = self.expression()? {
            if self.eat(T::Colon)?.is_some() && self.expression()?.is_some() {
                return Err(self.raise_at(a.loc, "illegal target for annotation"));
            }
        }
        self.pos = mark;
        // (star_targets '=')* star_expressions '='  and  ... yield_expr '='
        self.skip_star_targets_assignments()?;
        let rhs_mark = self.pos;
        if let Some(a) = self.star_expressions()? {
            if self.at(T::Equal)? {
                self.raise_invalid_target(TargetsType::Star, &a)?;
            }
        }
        self.pos = rhs_mark;
        if let Some(a) = self.yield_expr()? {
            if self.at(T::Equal)? {
                return Err(self.raise_at(a.loc, "assignment to yield expression not possible"));
            }
        }
        self.pos = mark;
        // star_expressions augassign (yield_expr | star_expressions)
        if let Some(a) = self.star_expressions()? {
            if augassign_operator(self.peek_kind()?).is_some() {
                self.pos += 1;
                if self.annotated_rhs()?.is_some() {
                    let what = super::targets::expr_name(&a);
                    let msg = format!("'{what}' is an illegal expression for augmented assignment");
                    return Err(self.raise_at(a.loc, &msg));
                }
            }
        }
        self.pos = mark;
        Ok(())
    }

    /// `(star_targets '=')*`
    fn skip_star_targets_assignments(&mut self) -> Result<(), Stop> {
        loop {
            let m = self.pos;
            match self.star_targets()? {
                Some(_) if self.eat(T::Equal)?.is_some() => {}
                _ => {
                    self.pos = m;
                    return Ok(());
                }
            }
        }
    }

    /// `invalid_ann_assign_target: list | tuple | '(' invalid_ann_assign_target ')'`
    fn invalid_ann_assign_target(&mut self) -> PResult<Expr> {
        let mark = self.pos;
        match self.peek_kind()? {
            T::LSqb => {
                if let Some(e) = self.atom()? {
                    if matches!(e.kind, ExprKind::List { .. }) {
                        return Ok(Some(e));
                    }
                }
            }
            T::LPar => {
                if let Some(e) = self.atom()? {
                    if matches!(e.kind, ExprKind::Tuple { .. })
                        && self.tokens[self.pos - 1].kind == T::RPar
                    {
                        return Ok(Some(e));
                    }
                }
                self.pos = mark + 1;
                self.enter()?;
                let inner = self.invalid_ann_assign_target();
                self.leave();
                if let Some(inner) = inner? {
                    if self.eat(T::RPar)?.is_some() {
                        return Ok(Some(inner));
                    }
                }
            }
            _ => {}
        }
        self.pos = mark;
        Ok(None)
    }

    /// `return_stmt: 'return' [star_expressions]`
    fn return_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start()?;
        self.pos += 1;
        let value = self.star_expressions()?.map(Box::new);
        Ok(Some(stmt(StmtKind::Return { value }, self.loc(start))))
    }

    /// `raise_stmt: 'raise' expression ['from' expression] | 'raise'`
    fn raise_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start()?;
        self.pos += 1;
        let Some(exc) = self.expression()? else {
            return Ok(Some(stmt(
                StmtKind::Raise {
                    exc: None,
                    cause: None,
                },
                self.loc(start),
            )));
        };
        let mark = self.pos;
        let cause = if self.eat(T::From)?.is_some() {
            let cause = self.expression()?;
            if cause.is_none() {
                self.pos = mark;
            }
            cause
        } else {
            None
        };
        let kind = StmtKind::Raise {
            exc: Some(Box::new(exc)),
            cause: cause.map(Box::new),
        };
        Ok(Some(stmt(kind, self.loc(start))))
    }

    /// `global_stmt: 'global' ','.NAME+` and `nonlocal_stmt`
    fn global_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start()?;
        let mark = self.pos;
        self.pos += 1;
        let mut names = Vec::new();
        loop {
            let Some((name, _)) = self.name()? else {
                if names.is_empty() {
                    self.pos = mark;
                    return Ok(None);
                }
                self.pos -= 1;
                break;
            };
            names.push(name);
            if self.eat(T::Comma)?.is_none() {
                break;
            }
        }
        let kind = if start.kind == T::Global {
            StmtKind::Global { names }
        } else {
            StmtKind::Nonlocal { names }
        };
        Ok(Some(stmt(kind, self.loc(start))))
    }

    /// `del_stmt: 'del' del_targets &(';' | NEWLINE) | invalid_del_stmt`
    fn del_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start()?;
        let mark = self.pos;
        self.pos += 1;
        if let Some(targets) = self.del_targets()? {
            if matches!(self.peek_kind()?, T::Semi | T::Newline) {
                return Ok(Some(stmt(StmtKind::Delete { targets }, self.loc(start))));
            }
        }
        if self.invalid_rules {
            self.pos = mark + 1;
            if let Some(a) = self.star_expressions()? {
                self.raise_invalid_target(TargetsType::Del, &a)?;
            }
        }
        self.pos = mark;
        Ok(None)
    }

    /// `assert_stmt: 'assert' expression [',' expression]`
    fn assert_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start()?;
        let mark = self.pos;
        self.pos += 1;
        let Some(test) = self.expression()? else {
            self.pos = mark;
            return Ok(None);
        };
        let msg_mark = self.pos;
        let msg = if self.eat(T::Comma)?.is_some() {
            let msg = self.expression()?;
            if msg.is_none() {
                self.pos = msg_mark;
            }
            msg
        } else {
            None
        };
        let kind = StmtKind::Assert {
            test: Box::new(test),
            msg: msg.map(Box::new),
        };
        Ok(Some(stmt(kind, self.loc(start))))
    }

    /// `import_stmt: import_name | import_from`
    fn import_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start()?;
        let mark = self.pos;
        self.pos += 1;
        if start.kind == T::Import {
            let mut names = Vec::new();
            loop {
                let Some(alias) = self.dotted_as_name()? else {
                    if names.is_empty() {
                        self.pos = mark;
                        return Ok(None);
                    }
                    self.pos -= 1;
                    break;
                };
                names.push(alias);
                if self.eat(T::Comma)?.is_none() {
                    break;
                }
            }
            return Ok(Some(stmt(StmtKind::Import { names }, self.loc(start))));
        }
        let mut level = 0;
        loop {
            match self.peek_kind()? {
                T::Dot => level += 1,
                T::Ellipsis => level += 3,
                _ => break,
            }
            self.pos += 1;
        }
        let module = self.dotted_name()?;
        if module.is_none() && level == 0 {
            self.pos = mark;
            return Ok(None);
        }
        if self.eat(T::Import)?.is_none() {
            self.pos = mark;
            return Ok(None);
        }
        let Some(names) = self.import_from_targets()? else {
            self.pos = mark;
            return Ok(None);
        };
        let kind = StmtKind::ImportFrom {
            module,
            names,
            level: Some(level),
        };
        Ok(Some(stmt(kind, self.loc(start))))
    }

    /// `import_from_targets`
    fn import_from_targets(&mut self) -> PResult<Vec<Alias>> {
        let mark = self.pos;
        if self.eat(T::LPar)?.is_some() {
            if let Some(names) = self.import_from_as_names()? {
                self.eat(T::Comma)?;
                if self.eat(T::RPar)?.is_some() {
                    return Ok(Some(names));
                }
            }
            self.pos = mark;
            return Ok(None);
        }
        if let Some(star) = self.eat(T::Star)? {
            let alias = Alias {
                name: "*".into(),
                asname: None,
                loc: token_loc(star),
            };
            return Ok(Some(vec![alias]));
        }
        if let Some(names) = self.import_from_as_names()? {
            if !self.at(T::Comma)? {
                return Ok(Some(names));
            }
            if self.invalid_rules && self.peek_second()?.kind == T::Newline {
                self.pos += 1;
                return Err(self
                    .raise_generic("trailing comma not allowed without surrounding parentheses"));
            }
        }
        self.pos = mark;
        Ok(None)
    }

    /// `import_from_as_names: ','.import_from_as_name+`
    fn import_from_as_names(&mut self) -> PResult<Vec<Alias>> {
        let mut names = Vec::new();
        loop {
            let start = self.start()?;
            let Some((name, _)) = self.name()? else {
                if names.is_empty() {
                    return Ok(None);
                }
                self.pos -= 1;
                break;
            };
            let asname = self.as_name()?;
            names.push(Alias {
                name,
                asname,
                loc: self.loc(start),
            });
            if !self.at(T::Comma)? || self.peek_second()?.kind != T::Name {
                break;
            }
            self.pos += 1;
        }
        Ok(Some(names))
    }

    /// `['as' NAME]`
    fn as_name(&mut self) -> Result<Option<String>, Stop> {
        let mark = self.pos;
        if self.eat(T::As)?.is_some() {
            if let Some((name, _)) = self.name()? {
                return Ok(Some(name));
            }
            self.pos = mark;
        }
        Ok(None)
    }

    /// `dotted_as_name: dotted_name ['as' NAME]`
    fn dotted_as_name(&mut self) -> PResult<Alias> {
        let start = self.start()?;
        let Some(name) = self.dotted_name()? else {
            return Ok(None);
        };
        let asname = self.as_name()?;
        Ok(Some(Alias {
            name,
            asname,
            loc: self.loc(start),
        }))
    }

    /// `dotted_name: dotted_name '.' NAME | NAME`
    fn dotted_name(&mut self) -> PResult<String> {
        let Some((mut name, _)) = self.name()? else {
            return Ok(None);
        };
        loop {
            let mark = self.pos;
            if self.eat(T::Dot)?.is_none() {
                break;
            }
            match self.name()? {
                Some((part, _)) => {
                    name.push('.');
                    name.push_str(&part);
                }
                None => {
                    self.pos = mark;
                    break;
                }
            }
        }
        Ok(Some(name))
    }

    // ---- Compound statements ------------------------------------------

    /// `compound_stmt`
    fn compound_stmt(&mut self) -> PResult<Stmt> {
        let t = self.peek()?;
        match t.kind {
            T::Def => self.function_def(Vec::new()),
            T::At => self.decorated(),
            T::Async => match self.peek_second()?.kind {
                T::Def => self.function_def(Vec::new()),
                T::With => self.with_stmt(),
                T::For => self.for_stmt(),
                _ => Ok(None),
            },
            T::If => self.if_stmt(T::If),
            T::Class => self.class_def(Vec::new()),
            T::With => self.with_stmt(),
            T::For => self.for_stmt(),
            T::Try => self.try_stmt(),
            T::While => self.while_stmt(),
            T::Name if self.text_of(&t) == b"match" => self.match_stmt(),
            _ => Ok(None),
        }
    }

    /// `decorators (class_def_raw | function_def_raw)`
    fn decorated(&mut self) -> PResult<Stmt> {
        let mark = self.pos;
        let mut decorators = Vec::new();
        while self.eat(T::At)?.is_some() {
            let Some(d) = self.named_expression()? else {
                self.pos = mark;
                return Ok(None);
            };
            if self.eat(T::Newline)?.is_none() {
                self.pos = mark;
                return Ok(None);
            }
            decorators.push(d);
        }
        let result = match self.peek_kind()? {
            T::Class => self.class_def(decorators)?,
            T::Def | T::Async => self.function_def(decorators)?,
            _ => None,
        };
        if result.is_none() {
            self.pos = mark;
        }
        Ok(result)
    }

    /// An indented block is missing after a header line: pegen's
    /// `NEWLINE !INDENT` checks in the `invalid_*` rules.
    fn at_missing_indent(&mut self) -> Result<bool, Stop> {
        if !self.at(T::Newline)? {
            return Ok(false);
        }
        Ok(self.peek_second()?.kind != T::Indent)
    }

    fn raise_missing_block(&mut self, what: &str, header: Token) -> Stop {
        self.pos += 1;
        // The `!INDENT` lookahead has read the token after the newline,
        // and the error points at the last token read.
        let _ = self.peek();
        let msg = format!(
            "expected an indented block after {what} on line {}",
            header.lineno
        );
        self.raise_indentation(&msg)
    }

    /// `function_def_raw` (with its decorators)
    fn function_def(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let start = self.start()?;
        let mark = self.pos;
        let is_async = self.eat(T::Async)?.is_some();
        let Some(def) = self.eat(T::Def)? else {
            self.pos = mark;
            return Ok(None);
        };
        let Some((name, _)) = self.name()? else {
            self.pos = mark;
            return Ok(None);
        };
        if self.invalid_rules {
            let header_mark = self.pos;
            if self.eat(T::LPar)?.is_some() {
                self.params()?;
                if self.eat(T::RPar)?.is_some() {
                    let arrow_mark = self.pos;
                    if self.eat(T::RArrow)?.is_none() || self.expression()?.is_none() {
                        self.pos = arrow_mark;
                    }
                    if self.eat(T::Colon)?.is_some() && self.at_missing_indent()? {
                        return Err(self.raise_missing_block("function definition", def));
                    }
                }
            }
            self.pos = header_mark;
        }
        self.expect_forced(T::LPar)?;
        let params_mark = self.pos;
        let args = match self.params()? {
            Some(a) => a,
            None => {
                self.pos = params_mark;
                super::arguments::empty_arguments()
            }
        };
        if self.eat(T::RPar)?.is_none() {
            self.pos = mark;
            return Ok(None);
        }
        let returns_mark = self.pos;
        let returns = if self.eat(T::RArrow)?.is_some() {
            let r = self.expression()?;
            if r.is_none() {
                self.pos = returns_mark;
            }
            r
        } else {
            None
        };
        self.expect_forced(T::Colon)?;
        let Some(body) = self.block()? else {
            self.pos = mark;
            return Ok(None);
        };
        let args = Box::new(args);
        let returns = returns.map(Box::new);
        let kind = if is_async {
            StmtKind::AsyncFunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                type_comment: None,
            }
        } else {
            StmtKind::FunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                type_comment: None,
            }
        };
        Ok(Some(stmt(kind, self.loc(start))))
    }

    /// `class_def_raw` (with its decorators)
    fn class_def(&mut self, decorator_list: Vec<Expr>) -> PResult<Stmt> {
        let start = self.start()?;
        let mark = self.pos;
        self.pos += 1;
        let Some((name, _)) = self.name()? else {
            self.pos = mark;
            return Ok(None);
        };
        let args_mark = self.pos;
        let (bases, keywords) = if self.eat(T::LPar)?.is_some() {
            let args = if self.at(T::RPar)? {
                Some((Vec::new(), Vec::new()))
            } else {
                self.arguments(None)?
            };
            match args {
                Some(args) if self.eat(T::RPar)?.is_some() => args,
                _ => {
                    self.pos = args_mark;
                    (Vec::new(), Vec::new())
                }
            }
        } else {
            (Vec::new(), Vec::new())
        };
        if self.invalid_rules {
            if self.at(T::Newline)? {
                self.pos += 1;
                return Err(self.raise_generic("expected ':'"));
            }
            if self.at(T::Colon)? {
                self.pos += 1;
                if self.at_missing_indent()? {
                    return Err(self.raise_missing_block("class definition", start));
                }
                self.pos -= 1;
            }
        }
        if self.eat(T::Colon)?.is_none() {
            self.pos = mark;
            return Ok(None);
        }
        let Some(body) = self.block()? else {
            self.pos = mark;
            return Ok(None);
        };
        let kind = StmtKind::ClassDef {
            name,
            bases,
            keywords,
            body,
            decorator_list,
        };
        Ok(Some(stmt(kind, self.loc(start))))
    }

    /// `block: NEWLINE INDENT statements DEDENT | simple_stmts | invalid_block`
    fn block(&mut self) -> PResult<Vec<Stmt>> {
        let mark = self.pos;
        if self.eat(T::Newline)?.is_some() {
            if self.eat(T::Indent)?.is_some() {
                if let Some(body) = self.statements()? {
                    if self.eat(T::Dedent)?.is_some() {
                        return Ok(Some(body));
                    }
                }
            }
            self.pos = mark;
        }
        if let Some(body) = self.simple_stmts()? {
            return Ok(Some(body));
        }
        self.pos = mark;
        if self.invalid_rules && self.at_missing_indent()? {
            self.pos += 1;
            // As above: the lookahead has read the token after the newline.
            let _ = self.peek();
            return Err(self.raise_indentation("expected an indented block"));
        }
        Ok(None)
    }

    /// A header's `':' block`, with the `invalid_*` checks shared by if,
    /// elif, while, for, with and the other statements: a missing colon
    /// before the newline, or a missing indented block after it.
    fn header_block(&mut self, what: &str, header: Token) -> PResult<Vec<Stmt>> {
        if self.invalid_rules {
            if self.at(T::Newline)? {
                self.pos += 1;
                return Err(self.raise_generic("expected ':'"));
            }
            if self.at(T::Colon)? {
                self.pos += 1;
                if self.at_missing_indent()? {
                    return Err(self.raise_missing_block(what, header));
                }
                self.pos -= 1;
            }
        }
        if self.eat(T::Colon)?.is_none() {
            return Ok(None);
        }
        self.block()
    }

    /// `if_stmt` and `elif_stmt`
    fn if_stmt(&mut self, keyword: T) -> PResult<Stmt> {
        let start = self.start()?;
        let mark = self.pos;
        self.pos += 1;
        let Some(test) = self.named_expression()? else {
            self.pos = mark;
            return Ok(None);
        };
        let what = if keyword == T::If {
            "'if' statement"
        } else {
            "'elif' statement"
        };
        let Some(body) = self.header_block(what, start)? else {
            self.pos = mark;
            return Ok(None);
        };
        let orelse = if self.at(T::Elif)? {
            match self.if_stmt(T::Elif)? {
                Some(elif) => vec![elif],
                None => {
                    self.pos = mark;
                    return Ok(None);
                }
            }
        } else {
            self.else_block()?.unwrap_or_default()
        };
        let kind = StmtKind::If {
            test: Box::new(test),
            body,
            orelse,
        };
        Ok(Some(stmt(kind, self.loc(start))))
    }

    /// `else_block: invalid_else_stmt | 'else' &&':' block`
    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        let mark = self.pos;
        let Some(else_token) = self.eat(T::Else)? else {
            return Ok(None);
        };
        if self.invalid_rules && self.at(T::Colon)? {
            self.pos += 1;
            if self.at_missing_indent()? {
                return Err(self.raise_missing_block("'else' statement", else_token));
            }
            self.pos -= 1;
        }
        self.expect_forced(T::Colon)?;
        let block = self.block()?;
        if block.is_none() {
            self.pos = mark;
        }
        Ok(block)
    }

    /// `while_stmt: 'while' named_expression ':' block [else_block]`
    fn while_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start()?;
        let mark = self.pos;
        self.pos += 1;
        let Some(test) = self.named_expression()? else {
            self.pos = mark;
            return Ok(None);
        };
        let Some(body) = self.header_block("'while' statement", start)? else {
            self.pos = mark;
            return Ok(None);
        };
        let orelse = self.else_block()?.unwrap_or_default();
        Ok(Some(stmt(
            StmtKind::While {
                test: Box::new(test),
                body,
                orelse,
            },
            self.loc(start),
        )))
    }

    /// `for_stmt: [ASYNC] 'for' star_targets 'in' ~ star_expressions ':' block [else_block]`
    fn for_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start()?;
        let mark = self.pos;
        let is_async = self.eat(T::Async)?.is_some();
        let for_token = self.eat(T::For)?.expect("checked by compound_stmt");
        let target_mark = self.pos;
        let target = self.star_targets()?;
        let target = match target {
            Some(t) if self.eat(T::In)?.is_some() => t,
            _ => {
                if self.invalid_rules {
                    self.pos = target_mark;
                    self.invalid_for_target(is_async)?;
                }
                self.pos = mark;
                return Ok(None);
            }
        };
        // After the cut (`~`), no other alternative is tried.
        let Some(iter) = self.star_expressions()? else {
            self.pos = mark;
            return Ok(None);
        };
        let Some(body) = self.header_block("'for' statement", for_token)? else {
            self.pos = mark;
            return Ok(None);
        };
        let orelse = self.else_block()?.unwrap_or_default();
        let (target, iter) = (Box::new(target), Box::new(iter));
        let kind = if is_async {
            StmtKind::AsyncFor {
                target,
                iter,
                body,
                orelse,
                type_comment: None,
            }
        } else {
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                type_comment: None,
            }
        };
        Ok(Some(stmt(kind, self.loc(start))))
    }

    /// `with_stmt`
    fn with_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start()?;
        let mark = self.pos;
        let is_async = self.eat(T::Async)?.is_some();
        let with_token = self.eat(T::With)?.expect("checked by compound_stmt");
        let items_mark = self.pos;
        if self.invalid_rules {
            self.invalid_with_stmt(with_token)?;
            self.pos = items_mark;
        }
        // 'with' '(' ','.with_item+ ','? ')' ':' block
        if self.eat(T::LPar)?.is_some() {
            if let Some(items) = self.with_items()? {
                self.eat(T::Comma)?;
                if self.eat(T::RPar)?.is_some() && self.at(T::Colon)? {
                    if let Some(body) = self.header_block("'with' statement", with_token)? {
                        return Ok(Some(self.with_node(is_async, items, body, start)));
                    }
                }
            }
            self.pos = items_mark;
        }
        if let Some(items) = self.with_items()? {
            if let Some(body) = self.header_block("'with' statement", with_token)? {
                return Ok(Some(self.with_node(is_async, items, body, start)));
            }
        }
        self.pos = mark;
        Ok(None)
    }

    /// `invalid_with_stmt_indent` and `invalid_with_stmt`: a header whose
    /// items parse loosely, followed by a newline instead of `:`, or by no
    /// indented block.
    fn invalid_with_stmt(&mut self, with_token: Token) -> Result<(), Stop> {
        let items_mark = self.pos;
        for parenthesized in [false, true] {
            self.pos = items_mark;
            if parenthesized && self.eat(T::LPar)?.is_none() {
                continue;
            }
            let mut count = 0;
            loop {
                let item = if parenthesized {
                    self.expressions()?
                } else {
                    self.expression()?
                };
                if item.is_none() {
                    break;
                }
                count += 1;
                let as_mark = self.pos;
                if self.eat(T::As)?.is_some() && self.star_target()?.is_none() {
                    self.pos = as_mark;
                }
                if self.eat(T::Comma)?.is_none() {
                    break;
                }
            }
            if count == 0 {
                continue;
            }
            if parenthesized {
                if self.tokens[self.pos - 1].kind != T::Comma {
                    self.eat(T::Comma)?;
                }
                if self.eat(T::RPar)?.is_none() {
                    continue;
                }
            } else if self.tokens[self.pos - 1].kind == T::Comma {
                self.pos -= 1;
            }
            if self.at(T::Colon)? {
                self.pos += 1;
                if self.at_missing_indent()? {
                    return Err(self.raise_missing_block("'with' statement", with_token));
                }
            } else if self.at(T::Newline)? {
                self.pos += 1;
                return Err(self.raise_generic("expected ':'"));
            }
        }
        Ok(())
    }

    fn with_node(
        &mut self,
        is_async: bool,
        items: Vec<WithItem>,
        body: Vec<Stmt>,
        start: Token,
    ) -> Stmt {
        let kind = if is_async {
            StmtKind::AsyncWith {
                items,
                body,
                type_comment: None,
            }
        } else {
            StmtKind::With {
                items,
                body,
                type_comment: None,
            }
        };
        stmt(kind, self.loc(start))
    }

    /// `','.with_item+`
    fn with_items(&mut self) -> PResult<Vec<WithItem>> {
        let mut items = Vec::new();
        loop {
            let Some(item) = self.with_item()? else {
                if items.is_empty() {
                    return Ok(None);
                }
                self.pos -= 1;
                break;
            };
            items.push(item);
            if self.eat(T::Comma)?.is_none() {
                break;
            }
        }
        Ok(Some(items))
    }

    /// `with_item: expression 'as' star_target &(',' | ')' | ':') | invalid_with_item | expression`
    fn with_item(&mut self) -> PResult<WithItem> {
        let Some(context_expr) = self.expression()? else {
            return Ok(None);
        };
        let after_expr = self.pos;
        if self.eat(T::As)?.is_some() {
            let target_mark = self.pos;
            if let Some(target) = self.star_target()? {
                if matches!(self.peek_kind()?, T::Comma | T::RPar | T::Colon) {
                    return Ok(Some(WithItem {
                        context_expr: Box::new(context_expr),
                        optional_vars: Some(Box::new(target)),
                    }));
                }
            }
            if self.invalid_rules {
                self.pos = target_mark;
                if let Some(a) = self.expression()? {
                    if matches!(self.peek_kind()?, T::Comma | T::RPar | T::Colon) {
                        self.raise_invalid_target(TargetsType::Star, &a)?;
                    }
                }
            }
        }
        self.pos = after_expr;
        Ok(Some(WithItem {
            context_expr: Box::new(context_expr),
            optional_vars: None,
        }))
    }

    /// `try_stmt`
    fn try_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start()?;
        let mark = self.pos;
        self.pos += 1;
        if self.invalid_rules && self.at(T::Colon)? {
            self.pos += 1;
            if self.at_missing_indent()? {
                return Err(self.raise_missing_block("'try' statement", start));
            }
            self.pos -= 1;
        }
        self.expect_forced(T::Colon)?;
        let Some(body) = self.block()? else {
            self.pos = mark;
            return Ok(None);
        };
        if self.invalid_rules && !matches!(self.peek_kind()?, T::Except | T::Finally) {
            return Err(self.raise_generic("expected 'except' or 'finally' block"));
        }
        let mut handlers = Vec::new();
        let mut star = None;
        while self.at(T::Except)? {
            let is_star = self.peek_second()?.kind == T::Star;
            if let Some(previous) = star {
                if previous != is_star && self.invalid_rules {
                    let except = self.peek()?;
                    if is_star {
                        let star_token = self.peek_second()?;
                        return Err(self.raise_range(
                            token_loc(except),
                            token_loc(star_token),
                            "cannot have both 'except' and 'except*' on the same 'try'",
                        ));
                    }
                    return Err(self.raise_at_token(
                        except,
                        "cannot have both 'except' and 'except*' on the same 'try'",
                    ));
                }
                if previous != is_star {
                    break;
                }
            }
            let Some(handler) = self.except_block(is_star)? else {
                break;
            };
            star = Some(is_star);
            handlers.push(handler);
        }
        let orelse = if handlers.is_empty() {
            Vec::new()
        } else {
            self.else_block()?.unwrap_or_default()
        };
        let finalbody = self.finally_block()?.unwrap_or_default();
        if handlers.is_empty() && finalbody.is_empty() {
            self.pos = mark;
            return Ok(None);
        }
        let kind = if star == Some(true) {
            StmtKind::TryStar {
                body,
                handlers,
                orelse,
                finalbody,
            }
        } else {
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            }
        };
        Ok(Some(stmt(kind, self.loc(start))))
    }

    /// `except_block` and `except_star_block`
    fn except_block(&mut self, is_star: bool) -> PResult<ExceptHandler> {
        let start = self.start()?;
        let mark = self.pos;
        self.pos += 1;
        if is_star {
            self.pos += 1;
        }
        let type_mark = self.pos;
        let type_ = self.expression()?;
        if type_.is_none() && is_star {
            if self.invalid_rules && matches!(self.peek_kind()?, T::Newline | T::Colon) {
                return Err(self.raise_generic("expected one or more exception types"));
            }
            self.pos = mark;
            return Ok(None);
        }
        let name = if type_.is_some() {
            self.as_name()?
        } else {
            None
        };
        if self.invalid_rules {
            if let Some(t) = &type_ {
                if self.at(T::Comma)? {
                    let loc = t.loc;
                    self.pos += 1;
                    if self.expressions()?.is_some() {
                        self.as_name()?;
                        if self.at(T::Colon)? {
                            return Err(self.raise_starting_from(
                                loc,
                                "multiple exception types must be parenthesized",
                            ));
                        }
                    }
                    self.pos = type_mark;
                    self.expression()?;
                    self.as_name()?;
                }
            }
            let what = if is_star {
                "'except*' statement"
            } else {
                "'except' statement"
            };
            if self.at(T::Newline)? {
                self.pos += 1;
                return Err(self.raise_generic("expected ':'"));
            }
            if self.at(T::Colon)? {
                self.pos += 1;
                if self.at_missing_indent()? {
                    return Err(self.raise_missing_block(what, start));
                }
                self.pos -= 1;
            }
        }
        if self.eat(T::Colon)?.is_none() {
            self.pos = mark;
            return Ok(None);
        }
        let Some(body) = self.block()? else {
            self.pos = mark;
            return Ok(None);
        };
        let kind = ExceptHandlerKind::ExceptHandler {
            type_: type_.map(Box::new),
            name,
            body,
        };
        Ok(Some(ExceptHandler {
            kind,
            loc: self.loc(start),
        }))
    }

    /// `finally_block: invalid_finally_stmt | 'finally' &&':' block`
    fn finally_block(&mut self) -> PResult<Vec<Stmt>> {
        let mark = self.pos;
        let Some(finally) = self.eat(T::Finally)? else {
            return Ok(None);
        };
        if self.invalid_rules && self.at(T::Colon)? {
            self.pos += 1;
            if self.at_missing_indent()? {
                return Err(self.raise_missing_block("'finally' statement", finally));
            }
            self.pos -= 1;
        }
        self.expect_forced(T::Colon)?;
        let block = self.block()?;
        if block.is_none() {
            self.pos = mark;
        }
        Ok(block)
    }

    /// `match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT`
    fn match_stmt(&mut self) -> PResult<Stmt> {
        let start = self.start()?;
        let mark = self.pos;
        self.pos += 1;
        let Some(subject) = self.subject_expr()? else {
            self.pos = mark;
            return Ok(None);
        };
        if self.invalid_rules {
            if self.at(T::Newline)? {
                self.pos += 1;
                return Err(self.raise_generic("expected ':'"));
            }
            if self.at(T::Colon)? {
                self.pos += 1;
                if self.at_missing_indent()? {
                    return Err(self.raise_missing_block("'match' statement", start));
                }
                self.pos -= 1;
            }
        }
        if self.eat(T::Colon)?.is_none()
            || self.eat(T::Newline)?.is_none()
            || self.eat(T::Indent)?.is_none()
        {
            self.pos = mark;
            return Ok(None);
        }
        let mut cases = Vec::new();
        loop {
            let case_mark = self.pos;
            match self.case_block()? {
                Some(c) => cases.push(c),
                None => {
                    self.pos = case_mark;
                    break;
                }
            }
        }
        if cases.is_empty() || self.eat(T::Dedent)?.is_none() {
            self.pos = mark;
            return Ok(None);
        }
        Ok(Some(stmt(
            StmtKind::Match {
                subject: Box::new(subject),
                cases,
            },
            self.loc(start),
        )))
    }

    /// `subject_expr: star_named_expression ',' star_named_expressions? | named_expression`
    fn subject_expr(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let mark = self.pos;
        if let Some(first) = self.star_named_expression()? {
            if self.eat(T::Comma)?.is_some() {
                let mut elts = vec![first];
                let rest_mark = self.pos;
                match self.star_named_expressions()? {
                    Some(rest) => elts.extend(rest),
                    None => self.pos = rest_mark,
                }
                return Ok(Some(expr(
                    ExprKind::Tuple {
                        elts,
                        ctx: ExprContext::Load,
                    },
                    self.loc(start),
                )));
            }
        }
        self.pos = mark;
        self.named_expression()
    }

    /// `case_block: "case" patterns guard? ':' block`
    fn case_block(&mut self) -> PResult<MatchCase> {
        let mark = self.pos;
        let Some(case) = self.eat_soft_keyword("case")? else {
            return Ok(None);
        };
        let Some(pattern) = self.patterns()? else {
            self.pos = mark;
            return Ok(None);
        };
        let guard_mark = self.pos;
        let guard = if self.eat(T::If)?.is_some() {
            let g = self.named_expression()?;
            if g.is_none() {
                self.pos = guard_mark;
            }
            g
        } else {
            None
        };
        let Some(body) = self.header_block("'case' statement", case)? else {
            self.pos = mark;
            return Ok(None);
        };
        Ok(Some(MatchCase {
            pattern: Box::new(pattern),
            guard: guard.map(Box::new),
            body,
        }))
    }
}
