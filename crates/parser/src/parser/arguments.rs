//! Parameter lists (of `def` and `lambda`) and call arguments, with the
//! `invalid_parameters`, `invalid_star_etc`, `invalid_kwds`,
//! `invalid_arguments` and `invalid_kwarg` rules.
//!
//! A parameter list is read item by item (`name[: ann][= default]`, `/`,
//! `*[name]`, `**name`) and then checked against the grammar's order; in the
//! second pass the same items say which rule a wrong list breaks.

use super::expressions::token_loc;
use super::{PResult, Parser, Stop};
use crate::ast::{Arg, Arguments, Expr, ExprKind, Keyword, Loc};
use crate::token::{Token, TokenKind as T};

pub(super) fn empty_arguments() -> Arguments {
    Arguments {
        posonlyargs: Vec::new(),
        args: Vec::new(),
        vararg: None,
        kwonlyargs: Vec::new(),
        kw_defaults: Vec::new(),
        kwarg: None,
        defaults: Vec::new(),
    }
}

/// One item of a parameter list, as written.
enum ParamItem {
    /// `name[: annotation][= default]`; `equals` is the `=` token, present
    /// even when no default follows it.
    Param {
        arg: Arg,
        equals: Option<Token>,
        default: Option<Expr>,
    },
    Slash(Token),
    /// `*` or `*name`: the star and the parameter.
    Star(Token, Option<(Arg, Option<Token>)>),
    /// `**name`.
    DoubleStar(Token, Arg, Option<Token>),
}

impl<'src> Parser<'src> {
    /// `params` for `def` (closed by `)`).
    pub(super) fn params(&mut self) -> PResult<Arguments> {
        self.parameter_list(false)
    }

    /// `lambda_params` (closed by `:`).
    pub(super) fn lambda_params(&mut self) -> PResult<Arguments> {
        self.parameter_list(true)
    }

    fn parameter_list(&mut self, lambda: bool) -> PResult<Arguments> {
        let mark = self.pos;
        if self.at(T::Slash)? {
            // No parameter list starts with `/`; the grammar reads no further.
            if self.invalid_rules && self.peek_second()?.kind == T::Comma {
                let slash = self.peek()?;
                return Err(self.raise_at_token(slash, "at least one argument must precede /"));
            }
            return Ok(None);
        }
        let mut items = Vec::new();
        loop {
            let item_mark = self.pos;
            let Some(item) = self.param_item(lambda)? else {
                self.pos = item_mark;
                break;
            };
            items.push((item_mark, item));
            if self.eat(T::Comma)?.is_none() {
                break;
            }
        }
        if self.invalid_rules {
            let end = self.pos;
            self.invalid_parameters(lambda, &items, end)?;
            self.pos = end;
        }
        if items.is_empty() {
            self.pos = mark;
            return Ok(None);
        }
        match arguments_from_items(items.into_iter().map(|(_, item)| item)) {
            Some(arguments) => Ok(Some(arguments)),
            None => {
                self.pos = mark;
                Ok(None)
            }
        }
    }

    /// `param: NAME annotation?` (no annotation in a lambda). With
    /// `star`, the annotation may be a starred expression (`*args: *Ts`).
    fn param(&mut self, lambda: bool, star: bool) -> PResult<Arg> {
        let start = self.start()?;
        let Some((name, _)) = self.name()? else {
            return Ok(None);
        };
        let mut annotation = None;
        if !lambda && self.at(T::Colon)? {
            let mark = self.pos;
            self.pos += 1;
            annotation = if star {
                self.star_expression()?
            } else {
                self.expression()?
            };
            if annotation.is_none() {
                self.pos = mark;
            }
        }
        Ok(Some(Arg {
            arg: name,
            annotation: annotation.map(Box::new),
            type_comment: None,
            loc: self.loc(start),
        }))
    }

    /// `['=' expression]` after a parameter: the `=` token and the default.
    fn param_default(&mut self) -> Result<(Option<Token>, Option<Expr>), Stop> {
        let Some(equals) = self.eat(T::Equal)? else {
            return Ok((None, None));
        };
        let default = self.expression()?;
        Ok((Some(equals), default))
    }

    fn param_item(&mut self, lambda: bool) -> PResult<ParamItem> {
        let t = self.peek()?;
        match t.kind {
            T::Slash => {
                self.pos += 1;
                Ok(Some(ParamItem::Slash(t)))
            }
            T::Star => {
                self.pos += 1;
                let param = match self.param(lambda, true)? {
                    Some(arg) => {
                        let (equals, _) = self.param_default()?;
                        Some((arg, equals))
                    }
                    None => None,
                };
                Ok(Some(ParamItem::Star(t, param)))
            }
            T::DoubleStar => {
                self.pos += 1;
                let Some(arg) = self.param(lambda, false)? else {
                    self.pos -= 1;
                    return Ok(None);
                };
                let (equals, _) = self.param_default()?;
                Ok(Some(ParamItem::DoubleStar(t, arg, equals)))
            }
            T::Name => {
                let arg = self.param(lambda, false)?.expect("a NAME");
                let (equals, default) = self.param_default()?;
                Ok(Some(ParamItem::Param {
                    arg,
                    equals,
                    default,
                }))
            }
            _ => Ok(None),
        }
    }

    /// The token `offset` places after token index `index`.
    fn token_after(&mut self, index: usize, offset: usize) -> Result<Token, Stop> {
        let saved = self.pos;
        self.pos = index;
        for _ in 0..offset {
            self.peek()?;
            self.pos += 1;
        }
        let t = self.peek();
        self.pos = saved;
        t
    }

    /// The second pass's diagnosis of a parameter list (`invalid_parameters`,
    /// `invalid_default`, `invalid_star_etc`, `invalid_kwds` and their
    /// lambda forms), read from its items; `end` is where the items stop.
    fn invalid_parameters(
        &mut self,
        lambda: bool,
        items: &[(usize, ParamItem)],
        end: usize,
    ) -> Result<(), Stop> {
        let close = if lambda { T::Colon } else { T::RPar };
        let mut seen_default = false;
        let mut all_without_default = true;
        let mut seen_slash = false;
        let mut seen_star = false;
        for (i, (index, item)) in items.iter().enumerate() {
            match item {
                ParamItem::Param {
                    arg,
                    equals,
                    default,
                } => {
                    if let (Some(eq), None) = (equals, default) {
                        let after = self.peek_after_token(*eq)?;
                        if matches!(after.kind, T::RPar | T::Comma) {
                            return Err(
                                self.raise_at_token(*eq, "expected default value expression")
                            );
                        }
                    }
                    if default.is_some() {
                        all_without_default = false;
                    }
                    if !seen_star {
                        if default.is_some() {
                            seen_default = true;
                        } else if seen_default {
                            return Err(self.raise_at(
                                arg.loc,
                                "non-default argument follows default argument",
                            ));
                        }
                    }
                }
                ParamItem::Slash(t) => {
                    if seen_slash {
                        return Err(self.raise_at_token(*t, "/ may appear only once"));
                    }
                    if seen_star {
                        return Err(self.raise_at_token(*t, "/ must be ahead of *"));
                    }
                    seen_slash = true;
                }
                ParamItem::Star(t, param) => {
                    let next = self.token_after(*index, 1)?;
                    if seen_star && (param.is_some() || next.kind == T::Comma) {
                        return Err(self.raise_at_token(*t, "* argument may appear only once"));
                    }
                    if let Some((_, Some(eq))) = param {
                        return Err(self.raise_at_token(
                            *eq,
                            "var-positional argument cannot have default value",
                        ));
                    }
                    if param.is_none() {
                        let bare = if next.kind == close {
                            Some(next)
                        } else if next.kind == T::Comma {
                            let after = self.token_after(*index, 2)?;
                            matches!(after.kind, T::DoubleStar)
                                .then_some(after)
                                .or((after.kind == close).then_some(after))
                        } else {
                            None
                        };
                        if let Some(last) = bare {
                            let msg = "named arguments must follow bare *";
                            return Err(if lambda {
                                self.raise_at_token(last, msg)
                            } else {
                                self.raise_at_token(*t, msg)
                            });
                        }
                    }
                    seen_star = true;
                }
                ParamItem::DoubleStar(_, _, equals) => {
                    if let Some(eq) = equals {
                        return Err(self.raise_at_token(
                            *eq,
                            "var-keyword argument cannot have default value",
                        ));
                    }
                    if let Some((_, next)) = items.get(i + 1) {
                        let msg = "arguments cannot follow var-keyword argument";
                        return Err(match next {
                            ParamItem::Param { arg, .. } => self.raise_at(arg.loc, msg),
                            ParamItem::Slash(t)
                            | ParamItem::Star(t, _)
                            | ParamItem::DoubleStar(t, ..) => self.raise_at_token(*t, msg),
                        });
                    }
                }
            }
        }
        self.pos = end;
        let t = self.peek()?;
        // `param_maybe_default+ '/' '*'`: a missing comma.
        if let Some((_, ParamItem::Slash(_))) = items.last() {
            if t.kind == T::Star && items.len() > 1 {
                return Err(self.raise_at_token(t, "expected comma between / and *"));
            }
        }
        // `param_no_default* '(' param_no_default+ ','? ')'`
        if t.kind == T::LPar && all_without_default && !seen_slash && !seen_star {
            self.pos += 1;
            let mut count = 0;
            while self.name()?.is_some() {
                count += 1;
                if self.eat(T::Comma)?.is_none() {
                    break;
                }
            }
            if count > 0 {
                if let Some(close_paren) = self.eat(T::RPar)? {
                    let what = if lambda {
                        "Lambda expression"
                    } else {
                        "Function"
                    };
                    let msg = format!("{what} parameters cannot be parenthesized");
                    return Err(self.raise_range(token_loc(t), token_loc(close_paren), &msg));
                }
            }
        }
        Ok(())
    }

    /// The token after `t`, which has been read.
    fn peek_after_token(&mut self, t: Token) -> Result<Token, Stop> {
        let index = self
            .tokens
            .iter()
            .position(|x| x.start == t.start && x.kind == t.kind)
            .expect("a read token");
        self.token_after(index, 1)
    }

    // ---- Call arguments -----------------------------------------------

    /// `arguments: args [','] &')' | invalid_arguments`: the positional and
    /// keyword arguments of a call.
    /// `first` is a first positional argument already read, with the
    /// position it starts at.
    pub(super) fn arguments(
        &mut self,
        first: Option<(usize, Expr)>,
    ) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let mark = first.as_ref().map_or(self.pos, |(start, _)| *start);
        if let Some((args, keywords, _)) = self.args_from(first)? {
            self.eat(T::Comma)?;
            if self.at(T::RPar)? {
                return Ok(Some((args, keywords)));
            }
        }
        if self.invalid_rules {
            self.pos = mark;
            self.invalid_arguments()?;
        }
        self.pos = mark;
        Ok(None)
    }

    /// `args`: positional arguments, then keyword arguments (where `*x`
    /// may still appear). Also gives the location the arguments span.
    fn args(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>, Loc)> {
        self.args_from(None)
    }

    /// `args`, given its first positional argument if already read.
    fn args_from(
        &mut self,
        mut first: Option<(usize, Expr)>,
    ) -> PResult<(Vec<Expr>, Vec<Keyword>, Loc)> {
        let start = match &first {
            Some((start, _)) => self.tokens[*start],
            None => self.start()?,
        };
        let mut args = Vec::new();
        let mut keywords = Vec::new();
        let mut in_keywords = false;
        let mut seen_double_star = false;
        loop {
            if let Some((_, e)) = first.take() {
                args.push(e);
                if self.eat(T::Comma)?.is_none() {
                    break;
                }
                if self.at(T::RPar)? {
                    self.pos -= 1;
                    break;
                }
                continue;
            }
            let item_mark = self.pos;
            let t = self.peek()?;
            if self.invalid_rules {
                self.invalid_kwarg()?;
                self.pos = item_mark;
            }
            if t.kind == T::Name && self.peek_second()?.kind == T::Equal {
                let (name, _) = self.name()?.expect("a NAME");
                self.pos += 1;
                let Some(value) = self.expression()? else {
                    self.pos = item_mark;
                    break;
                };
                keywords.push(Keyword {
                    arg: Some(name),
                    value: Box::new(value),
                    loc: self.loc(t),
                });
                in_keywords = true;
            } else if t.kind == T::DoubleStar {
                self.pos += 1;
                let Some(value) = self.expression()? else {
                    self.pos = item_mark;
                    break;
                };
                keywords.push(Keyword {
                    arg: None,
                    value: Box::new(value),
                    loc: self.loc(t),
                });
                in_keywords = true;
                seen_double_star = true;
            } else if t.kind == T::Star {
                if seen_double_star {
                    break;
                }
                let Some(e) = self.starred_expression()? else {
                    self.pos = item_mark;
                    break;
                };
                args.push(e);
            } else {
                if in_keywords {
                    break;
                }
                let e = match self.assignment_expression()? {
                    Some(e) => Some(e),
                    None => match self.expression()? {
                        Some(e) if !matches!(self.peek_kind()?, T::ColonEqual | T::Equal) => {
                            Some(e)
                        }
                        _ => None,
                    },
                };
                let Some(e) = e else {
                    self.pos = item_mark;
                    break;
                };
                if self.at(T::Equal)? {
                    self.pos = item_mark;
                    break;
                }
                args.push(e);
            }
            let comma_mark = self.pos;
            if self.eat(T::Comma)?.is_none() {
                break;
            }
            if self.at(T::RPar)? {
                self.pos = comma_mark;
                break;
            }
        }
        if args.is_empty() && keywords.is_empty() {
            return Ok(None);
        }
        // Stop before a trailing comma that did not start another argument.
        if self.tokens[self.pos - 1].kind == T::Comma {
            self.pos -= 1;
        }
        Ok(Some((args, keywords, self.loc(start))))
    }

    fn invalid_kwarg(&mut self) -> Result<(), Stop> {
        let mark = self.pos;
        let a = self.peek()?;
        if matches!(a.kind, T::True | T::False | T::None) {
            self.pos += 1;
            if let Some(b) = self.eat(T::Equal)? {
                let what = a.kind.text().unwrap_or_default();
                return Err(self.raise_range(
                    token_loc(a),
                    token_loc(b),
                    &format!("cannot assign to {what}"),
                ));
            }
            self.pos = mark;
        }
        if a.kind == T::Name {
            self.pos += 1;
            if let Some(b) = self.eat(T::Equal)? {
                if self.expression()?.is_some() && self.for_if_clauses()?.is_some() {
                    return Err(self.raise_range(
                        token_loc(a),
                        token_loc(b),
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                    ));
                }
                self.pos = mark;
                return Ok(());
            }
            self.pos = mark;
        }
        if let Some(e) = self.expression()? {
            if let Some(b) = self.eat(T::Equal)? {
                return Err(self.raise_range(
                    e.loc,
                    token_loc(b),
                    "expression cannot contain assignment, perhaps you meant \"==\"?",
                ));
            }
        }
        self.pos = mark;
        Ok(())
    }

    fn invalid_arguments(&mut self) -> Result<(), Stop> {
        let mark = self.pos;
        // args ',' '*'
        if let Some((_, keywords, _)) = self.args()? {
            if keywords.iter().any(|k| k.arg.is_none())
                && self.eat(T::Comma)?.is_some()
                && self.at(T::Star)?
            {
                let star = self.peek()?;
                return Err(self.raise_at_token(
                    star,
                    "iterable argument unpacking follows keyword argument unpacking",
                ));
            }
        }
        self.pos = mark;
        // expression for_if_clauses ',' [args | expression for_if_clauses]
        if let Some(a) = self.expression()? {
            if let Some(generators) = self.for_if_clauses()? {
                if self.at(T::Comma)? {
                    let last = last_comprehension_item(&generators);
                    return Err(self.raise_range(
                        a.loc,
                        last,
                        "Generator expression must be parenthesized",
                    ));
                }
            }
        }
        self.pos = mark;
        // NAME '=' expression for_if_clauses
        if let Some((_, name)) = self.name()? {
            if let Some(eq) = self.eat(T::Equal)? {
                if self.expression()?.is_some() && self.for_if_clauses()?.is_some() {
                    return Err(self.raise_range(
                        token_loc(name),
                        token_loc(eq),
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                    ));
                }
            }
        }
        self.pos = mark;
        // args for_if_clauses
        if let Some((args, _, _)) = self.args()? {
            if let Some(generators) = self.for_if_clauses()? {
                if args.len() > 1 {
                    let last = last_comprehension_item(&generators);
                    let first = args.last().expect("len > 1").loc;
                    return Err(self.raise_range(
                        first,
                        last,
                        "Generator expression must be parenthesized",
                    ));
                }
            }
        }
        self.pos = mark;
        // args ',' expression for_if_clauses
        if self.args()?.is_some() && self.eat(T::Comma)?.is_some() {
            if let Some(a) = self.expression()? {
                if let Some(generators) = self.for_if_clauses()? {
                    let last = last_comprehension_item(&generators);
                    return Err(self.raise_range(
                        a.loc,
                        last,
                        "Generator expression must be parenthesized",
                    ));
                }
            }
        }
        self.pos = mark;
        // args ',' args
        if let Some((_, keywords, _)) = self.args()? {
            if self.eat(T::Comma)?.is_some() && self.args()?.is_some() {
                let msg = if keywords.iter().any(|k| k.arg.is_none()) {
                    "positional argument follows keyword argument unpacking"
                } else {
                    "positional argument follows keyword argument"
                };
                return Err(self.raise_generic(msg));
            }
        }
        self.pos = mark;
        Ok(())
    }
}

/// `_PyPegen_get_last_comprehension_item`: where a comprehension ends.
fn last_comprehension_item(generators: &[crate::ast::Comprehension]) -> Loc {
    let last = generators.last().expect("at least one clause");
    last.ifs.last().map_or(last.iter.loc, |e| e.loc)
}

/// Builds `arguments` from the items of a parameter list, or `None` when
/// they are not in an order the grammar allows.
fn arguments_from_items(items: impl Iterator<Item = ParamItem>) -> Option<Arguments> {
    let mut arguments = empty_arguments();
    let mut positional: Vec<Arg> = Vec::new();
    let mut defaults = Vec::new();
    let mut seen_slash = false;
    let mut seen_star = false;
    let mut bare_star = false;
    let mut seen_kwarg = false;
    for item in items {
        if seen_kwarg {
            return None;
        }
        match item {
            ParamItem::Param {
                arg,
                equals,
                default,
            } => {
                if equals.is_some() && default.is_none() {
                    return None;
                }
                if seen_star {
                    arguments.kwonlyargs.push(arg);
                    arguments.kw_defaults.push(default);
                    bare_star = false;
                } else {
                    match default {
                        Some(d) => defaults.push(d),
                        None if !defaults.is_empty() => return None,
                        None => {}
                    }
                    positional.push(arg);
                }
            }
            ParamItem::Slash(_) => {
                if seen_slash || seen_star || positional.is_empty() {
                    return None;
                }
                seen_slash = true;
                arguments.posonlyargs = std::mem::take(&mut positional);
            }
            ParamItem::Star(_, param) => {
                if seen_star {
                    return None;
                }
                seen_star = true;
                match param {
                    Some((arg, None)) => arguments.vararg = Some(Box::new(arg)),
                    Some((_, Some(_))) => return None,
                    None => bare_star = true,
                }
            }
            ParamItem::DoubleStar(_, arg, equals) => {
                if equals.is_some() || bare_star {
                    return None;
                }
                seen_kwarg = true;
                arguments.kwarg = Some(Box::new(arg));
            }
        }
    }
    if bare_star {
        return None;
    }
    // A star annotation (`*args: *Ts`) is only allowed on `*args`.
    let starred_annotation = |arg: &Arg| {
        matches!(
            arg.annotation.as_deref(),
            Some(Expr {
                kind: ExprKind::Starred { .. },
                ..
            })
        )
    };
    if positional
        .iter()
        .chain(&arguments.posonlyargs)
        .chain(&arguments.kwonlyargs)
        .any(starred_annotation)
        || arguments.kwarg.as_deref().is_some_and(starred_annotation)
    {
        return None;
    }
    arguments.args = positional;
    arguments.defaults = defaults;
    Some(arguments)
}
