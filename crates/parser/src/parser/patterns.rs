//! The patterns of `match` statements (PEP 634).

use super::expressions::{expr, token_loc};
use super::{PResult, Parser, Stop};
use crate::ast::{Constant, Expr, ExprContext, ExprKind, Operator, Pattern, PatternKind, UnaryOp};
use crate::token::{Token, TokenKind as T};

impl<'src> Parser<'src> {
    /// `patterns: open_sequence_pattern | pattern`
    pub(super) fn patterns(&mut self) -> PResult<Pattern> {
        let start = self.start()?;
        let mark = self.pos;
        if let Some(patterns) = self.open_sequence_pattern()? {
            return Ok(Some(Pattern {
                kind: PatternKind::MatchSequence { patterns },
                loc: self.loc(start),
            }));
        }
        self.pos = mark;
        self.pattern()
    }

    /// `pattern: as_pattern | or_pattern`
    fn pattern(&mut self) -> PResult<Pattern> {
        let here = (self.pos, self.invalid_rules);
        if self.failed_pattern == Some(here) {
            return Ok(None);
        }
        if let Some((at, pass, end, p)) = self.pattern_memo.take() {
            if (at, pass) == here {
                self.pos = end;
                return Ok(Some(p));
            }
            self.pattern_memo = Some((at, pass, end, p));
        }
        self.enter()?;
        let result = self.pattern_inner();
        self.leave();
        if matches!(result, Ok(None)) {
            self.failed_pattern = Some(here);
        }
        result
    }

    fn pattern_inner(&mut self) -> PResult<Pattern> {
        let start = self.start()?;
        let Some(or_pattern) = self.or_pattern()? else {
            return Ok(None);
        };
        let mark = self.pos;
        if self.eat(T::As)?.is_some() {
            if let Some(name) = self.pattern_capture_target()? {
                let kind = PatternKind::MatchAs {
                    pattern: Some(Box::new(or_pattern)),
                    name: Some(name),
                };
                return Ok(Some(Pattern {
                    kind,
                    loc: self.loc(start),
                }));
            }
            if self.invalid_rules {
                self.invalid_as_pattern()?;
            }
            self.pos = mark;
        }
        Ok(Some(or_pattern))
    }

    /// Keeps `p`, which `pattern` parsed at `at` and which ends at the
    /// current position, for the next `pattern` there (`pattern_memo`).
    fn keep_pattern(&mut self, at: usize, p: Pattern) {
        self.pattern_memo = Some((at, self.invalid_rules, self.pos, p));
    }

    fn invalid_as_pattern(&mut self) -> Result<(), Stop> {
        let t = self.peek()?;
        if t.kind == T::Name && self.text_of(&t) == b"_" {
            return Err(self.raise_at_token(t, "cannot use '_' as a target"));
        }
        if t.kind != T::Name {
            if let Some(a) = self.expression()? {
                return Err(self.raise_at(a.loc, "invalid pattern target"));
            }
        }
        Ok(())
    }

    /// `or_pattern: '|'.closed_pattern+`
    fn or_pattern(&mut self) -> PResult<Pattern> {
        let start = self.start()?;
        let Some(first) = self.closed_pattern()? else {
            return Ok(None);
        };
        let mut patterns = vec![first];
        loop {
            let mark = self.pos;
            if self.eat(T::VBar)?.is_none() {
                break;
            }
            match self.closed_pattern()? {
                Some(p) => patterns.push(p),
                None => {
                    self.pos = mark;
                    break;
                }
            }
        }
        if patterns.len() == 1 {
            return Ok(patterns.pop());
        }
        Ok(Some(Pattern {
            kind: PatternKind::MatchOr { patterns },
            loc: self.loc(start),
        }))
    }

    /// `closed_pattern`
    fn closed_pattern(&mut self) -> PResult<Pattern> {
        let start = self.start()?;
        let mark = self.pos;
        match start.kind {
            T::Number | T::Minus | T::String | T::None | T::True | T::False => {
                if let Some(p) = self.literal_pattern()? {
                    return Ok(Some(p));
                }
                self.pos = mark;
                return Ok(None);
            }
            T::LPar => {
                // group_pattern: '(' pattern ')'
                self.pos += 1;
                if let Some(p) = self.pattern()? {
                    if self.eat(T::RPar)?.is_some() {
                        return Ok(Some(p));
                    }
                    // The sequence alternative starts with this pattern.
                    self.keep_pattern(mark + 1, p);
                }
                self.pos = mark;
                return self.sequence_pattern();
            }
            T::LSqb => return self.sequence_pattern(),
            T::LBrace => return self.mapping_pattern(),
            T::Name => {}
            _ => return Ok(None),
        }
        // capture_pattern / wildcard_pattern
        if let Some(name) = self.pattern_capture_target()? {
            return Ok(Some(Pattern {
                kind: PatternKind::MatchAs {
                    pattern: None,
                    name: Some(name),
                },
                loc: self.loc(start),
            }));
        }
        if self.text_of(&start) == b"_"
            && !matches!(self.peek_second()?.kind, T::Dot | T::LPar | T::Equal)
        {
            self.pos += 1;
            return Ok(Some(Pattern {
                kind: PatternKind::MatchAs {
                    pattern: None,
                    name: None,
                },
                loc: self.loc(start),
            }));
        }
        // value_pattern: attr !('.' | '(' | '=')
        let Some(name_or_attr) = self.name_or_attr()? else {
            self.pos = mark;
            return Ok(None);
        };
        let next = self.peek_kind()?;
        if matches!(name_or_attr.kind, ExprKind::Attribute { .. })
            && !matches!(next, T::Dot | T::LPar | T::Equal)
        {
            return Ok(Some(Pattern {
                kind: PatternKind::MatchValue {
                    value: Box::new(name_or_attr),
                },
                loc: self.loc(start),
            }));
        }
        if next == T::LPar {
            return self.class_pattern(start, name_or_attr, mark);
        }
        self.pos = mark;
        Ok(None)
    }

    /// `pattern_capture_target: !"_" NAME !('.' | '(' | '=')`
    fn pattern_capture_target(&mut self) -> PResult<String> {
        let t = self.peek()?;
        if t.kind != T::Name || self.text_of(&t) == b"_" {
            return Ok(None);
        }
        if matches!(self.peek_second()?.kind, T::Dot | T::LPar | T::Equal) {
            return Ok(None);
        }
        self.pos += 1;
        Ok(Some(self.identifier(&t)))
    }

    /// `name_or_attr: attr | NAME`, with `attr: name_or_attr '.' NAME`.
    fn name_or_attr(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let Some((id, t)) = self.name()? else {
            return Ok(None);
        };
        let mut e = expr(
            ExprKind::Name {
                id,
                ctx: ExprContext::Load,
            },
            token_loc(t),
        );
        loop {
            let mark = self.pos;
            if self.eat(T::Dot)?.is_none() {
                break;
            }
            match self.name()? {
                Some((attr, _)) => {
                    e = expr(
                        ExprKind::Attribute {
                            value: Box::new(e),
                            attr,
                            ctx: ExprContext::Load,
                        },
                        self.loc(start),
                    );
                }
                None => {
                    self.pos = mark;
                    break;
                }
            }
        }
        Ok(Some(e))
    }

    /// `literal_pattern`
    fn literal_pattern(&mut self) -> PResult<Pattern> {
        let start = self.start()?;
        let kind = match start.kind {
            T::None => {
                self.pos += 1;
                PatternKind::MatchSingleton {
                    value: Constant::None,
                }
            }
            T::True | T::False => {
                self.pos += 1;
                PatternKind::MatchSingleton {
                    value: Constant::Bool(start.kind == T::True),
                }
            }
            _ => {
                let Some(value) = self.literal_value()? else {
                    return Ok(None);
                };
                PatternKind::MatchValue {
                    value: Box::new(value),
                }
            }
        };
        Ok(Some(Pattern {
            kind,
            loc: self.loc(start),
        }))
    }

    /// `literal_expr` without its singletons: a signed number, a complex
    /// number or strings.
    fn literal_value(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        if start.kind == T::String {
            return self.atom();
        }
        let mark = self.pos;
        let Some(number) = self.signed_number()? else {
            return Ok(None);
        };
        let op = match self.peek_kind()? {
            T::Plus => Operator::Add,
            T::Minus => Operator::Sub,
            _ => return Ok(Some(number)),
        };
        // complex_number: signed_real_number ('+' | '-') imaginary_number
        self.ensure_number(&number, false)?;
        self.pos += 1;
        let t = self.peek()?;
        if t.kind != T::Number {
            self.pos = mark;
            return Ok(None);
        }
        self.pos += 1;
        let imaginary = self.number_atom(t);
        self.ensure_number(&imaginary, true)?;
        let kind = ExprKind::BinOp {
            left: Box::new(number),
            op,
            right: Box::new(imaginary),
        };
        Ok(Some(expr(kind, self.loc(start))))
    }

    fn number_atom(&self, t: Token) -> Expr {
        let value = crate::number::parse_number(self.text_of(&t));
        expr(ExprKind::Constant { value, kind: None }, token_loc(t))
    }

    /// `signed_number: NUMBER | '-' NUMBER`
    fn signed_number(&mut self) -> PResult<Expr> {
        let start = self.start()?;
        let mark = self.pos;
        let negative = self.eat(T::Minus)?.is_some();
        let t = self.peek()?;
        if t.kind != T::Number {
            self.pos = mark;
            return Ok(None);
        }
        self.pos += 1;
        let number = self.number_atom(t);
        if !negative {
            return Ok(Some(number));
        }
        let kind = ExprKind::UnaryOp {
            op: UnaryOp::USub,
            operand: Box::new(number),
        };
        Ok(Some(expr(kind, self.loc(start))))
    }

    /// `_PyPegen_ensure_real` / `_PyPegen_ensure_imaginary`.
    fn ensure_number(&mut self, e: &Expr, imaginary: bool) -> Result<(), Stop> {
        let number = match &e.kind {
            ExprKind::UnaryOp { operand, .. } => operand,
            _ => e,
        };
        let is_imaginary = matches!(
            number.kind,
            ExprKind::Constant {
                value: Constant::Complex { .. },
                ..
            }
        );
        if imaginary && !is_imaginary {
            return Err(self.raise_at(number.loc, "imaginary number required in complex literal"));
        }
        if !imaginary && is_imaginary {
            return Err(self.raise_at(number.loc, "real number required in complex literal"));
        }
        Ok(())
    }

    /// `sequence_pattern: '[' maybe_sequence_pattern? ']' | '(' open_sequence_pattern? ')'`
    fn sequence_pattern(&mut self) -> PResult<Pattern> {
        let start = self.start()?;
        let mark = self.pos;
        let close = if self.eat(T::LSqb)?.is_some() {
            T::RSqb
        } else if self.eat(T::LPar)?.is_some() {
            T::RPar
        } else {
            return Ok(None);
        };
        let inner_mark = self.pos;
        let patterns = if close == T::RSqb {
            self.maybe_sequence_pattern()?
        } else {
            self.open_sequence_pattern()?
        };
        let patterns = match patterns {
            Some(p) => p,
            None => {
                self.pos = inner_mark;
                Vec::new()
            }
        };
        if self.eat(close)?.is_none() {
            self.pos = mark;
            return Ok(None);
        }
        Ok(Some(Pattern {
            kind: PatternKind::MatchSequence { patterns },
            loc: self.loc(start),
        }))
    }

    /// `open_sequence_pattern: maybe_star_pattern ',' maybe_sequence_pattern?`
    fn open_sequence_pattern(&mut self) -> PResult<Vec<Pattern>> {
        let mark = self.pos;
        let Some(first) = self.maybe_star_pattern()? else {
            return Ok(None);
        };
        if self.eat(T::Comma)?.is_none() {
            // `patterns` reads the same pattern again next.
            if !matches!(first.kind, PatternKind::MatchStar { .. }) {
                self.keep_pattern(mark, first);
            }
            self.pos = mark;
            return Ok(None);
        }
        let mut patterns = vec![first];
        let rest_mark = self.pos;
        match self.maybe_sequence_pattern()? {
            Some(rest) => patterns.extend(rest),
            None => self.pos = rest_mark,
        }
        Ok(Some(patterns))
    }

    /// `maybe_sequence_pattern: ','.maybe_star_pattern+ ','?`
    fn maybe_sequence_pattern(&mut self) -> PResult<Vec<Pattern>> {
        let Some(first) = self.maybe_star_pattern()? else {
            return Ok(None);
        };
        let mut patterns = vec![first];
        loop {
            let mark = self.pos;
            if self.eat(T::Comma)?.is_none() {
                break;
            }
            match self.maybe_star_pattern()? {
                Some(p) => patterns.push(p),
                None => {
                    self.pos = mark + 1;
                    break;
                }
            }
        }
        Ok(Some(patterns))
    }

    /// `maybe_star_pattern: star_pattern | pattern`
    fn maybe_star_pattern(&mut self) -> PResult<Pattern> {
        let start = self.start()?;
        if self.eat(T::Star)?.is_some() {
            let mark = self.pos;
            if let Some(name) = self.pattern_capture_target()? {
                return Ok(Some(Pattern {
                    kind: PatternKind::MatchStar { name: Some(name) },
                    loc: self.loc(start),
                }));
            }
            let t = self.peek()?;
            if t.kind == T::Name && self.text_of(&t) == b"_" {
                self.pos += 1;
                return Ok(Some(Pattern {
                    kind: PatternKind::MatchStar { name: None },
                    loc: self.loc(start),
                }));
            }
            self.pos = mark - 1;
            return Ok(None);
        }
        self.pattern()
    }

    /// `mapping_pattern`
    fn mapping_pattern(&mut self) -> PResult<Pattern> {
        let start = self.start()?;
        let mark = self.pos;
        self.pos += 1;
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest = None;
        loop {
            if self.at(T::RBrace)? {
                break;
            }
            if self.eat(T::DoubleStar)?.is_some() {
                let Some(name) = self.pattern_capture_target()? else {
                    self.pos = mark;
                    return Ok(None);
                };
                rest = Some(name);
                self.eat(T::Comma)?;
                break;
            }
            let key = match self.peek_kind()? {
                T::None | T::True | T::False => {
                    let t = self.peek()?;
                    self.pos += 1;
                    let value = match t.kind {
                        T::None => Constant::None,
                        kind => Constant::Bool(kind == T::True),
                    };
                    Some(expr(ExprKind::Constant { value, kind: None }, token_loc(t)))
                }
                T::Name => self
                    .name_or_attr()?
                    .filter(|e| matches!(e.kind, ExprKind::Attribute { .. })),
                _ => self.literal_value()?,
            };
            let Some(key) = key else {
                self.pos = mark;
                return Ok(None);
            };
            if self.eat(T::Colon)?.is_none() {
                self.pos = mark;
                return Ok(None);
            }
            let Some(pattern) = self.pattern()? else {
                self.pos = mark;
                return Ok(None);
            };
            keys.push(key);
            patterns.push(pattern);
            if self.eat(T::Comma)?.is_none() {
                break;
            }
        }
        if self.eat(T::RBrace)?.is_none() {
            self.pos = mark;
            return Ok(None);
        }
        Ok(Some(Pattern {
            kind: PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            },
            loc: self.loc(start),
        }))
    }

    /// `class_pattern: name_or_attr '(' [positional_patterns] [keyword_patterns] ')'`,
    /// in one pass over the arguments instead of four alternatives.
    fn class_pattern(&mut self, start: Token, cls: Expr, mark: usize) -> PResult<Pattern> {
        self.pos += 1;
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns = Vec::new();
        loop {
            if self.at(T::RPar)? {
                break;
            }
            let t = self.peek()?;
            if t.kind == T::Name && self.peek_second()?.kind == T::Equal {
                self.pos += 2;
                let Some(p) = self.pattern()? else {
                    self.pos = mark;
                    return Ok(None);
                };
                kwd_attrs.push(self.identifier(&t));
                kwd_patterns.push(p);
            } else if kwd_attrs.is_empty() {
                let Some(p) = self.pattern()? else {
                    self.pos = mark;
                    return Ok(None);
                };
                patterns.push(p);
            } else {
                // A positional pattern after keyword ones: no alternative
                // of the grammar reads past here.
                if self.invalid_rules {
                    self.invalid_class_argument_pattern()?;
                }
                self.pos = mark;
                return Ok(None);
            }
            if self.eat(T::Comma)?.is_none() {
                break;
            }
        }
        if self.eat(T::RPar)?.is_none() {
            self.pos = mark;
            return Ok(None);
        }
        let kind = PatternKind::MatchClass {
            cls: Box::new(cls),
            patterns,
            kwd_attrs,
            kwd_patterns,
        };
        Ok(Some(Pattern {
            kind,
            loc: self.loc(start),
        }))
    }

    /// `invalid_class_argument_pattern`, from its last part: after
    /// `[positional_patterns ','] keyword_patterns ','`, the positional
    /// patterns that follow (`','.pattern+`, whatever comes after them)
    /// are an error.
    ///
    /// As in pegen, an error raised by a pattern after the first (by an
    /// invalid rule, an action or the tokenizer) only ends the list: the
    /// error about the patterns read so far then replaces it.
    fn invalid_class_argument_pattern(&mut self) -> Result<(), Stop> {
        let Some(first) = self.pattern()? else {
            return Ok(());
        };
        let mut last = first.loc;
        loop {
            let mark = self.pos;
            let next = match self.eat(T::Comma) {
                Ok(Some(_)) => self.pattern(),
                other => other.map(|_| None),
            };
            match next {
                Ok(Some(p)) => last = p.loc,
                Ok(None) => {
                    self.pos = mark;
                    break;
                }
                Err(Stop) => {
                    self.error = None;
                    break;
                }
            }
        }
        Err(self.raise_range(
            first.loc,
            last,
            "positional patterns follow keyword patterns",
        ))
    }
}
