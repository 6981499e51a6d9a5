//! The parser: tokens to AST, following the rules of CPython 3.11's PEG
//! grammar (Grammar/python.gram) one function per rule, with the same
//! two-pass error strategy as Parser/pegen.c.
//!
//! The first pass parses with the plain grammar. If it fails, a second pass
//! parses again with the `invalid_*` rules switched on: rules that match
//! common mistakes only to raise a specific SyntaxError. If even that pass
//! raises nothing, the error is a generic `invalid syntax` at the furthest
//! token the first pass read, unless the tokenizer finds a worse problem
//! later in the file.
//!
//! Each rule returns `PResult<T>`: `Ok(Some(node))` when it matches,
//! `Ok(None)` when it does not (the caller backtracks), and `Err(Stop)`
//! once an error has been raised, which unwinds the whole parse.

mod arguments;
mod expressions;
mod patterns;
mod statements;
mod strings;
mod targets;

use crate::ast::{Expr, Identifier, Loc, Mod, Pattern};
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::token::{Token, TokenKind};
use crate::tokenizer::{TokenizeError, Tokenizer};
use std::collections::HashMap;

/// The parse has stopped with an error, stored in `Parser::error`.
#[derive(Debug)]
pub struct Stop;

pub type PResult<T> = Result<Option<T>, Stop>;

/// How deep rules may nest before the parser gives up, as CPython's
/// MAXSTACK; it keeps deeply nested source from overflowing the stack.
const MAX_DEPTH: usize = 3000;

/// Where an f-string's expression sits in its source: the parser for it
/// shifts its tokens there (string_parser.c's `fstring_compile_expr`).
#[derive(Clone, Copy)]
pub struct FStringOrigin {
    pub starting_lineno: u32,
    pub starting_col_offset: i32,
}

pub struct Parser<'src> {
    tok: Tokenizer<'src>,
    tokens: Vec<Token>,
    pos: usize,
    /// Whether the `invalid_*` rules are active (the second pass).
    invalid_rules: bool,
    error: Option<SyntaxError>,
    /// Set once the tokenizer has failed; no more tokens come after that.
    tokenizer_failed: bool,
    fstring: Option<FStringOrigin>,
    first_lineno: u32,
    depth: usize,
    /// A primary read whole at a position, for the rules tried next at
    /// the same place, where `primary` takes it instead of parsing it
    /// again: an expression statement is tried as a target first, and
    /// `expression` reads a primary before knowing whether an operator
    /// follows it.
    primary_memo: Option<PrimaryMemo>,
    /// Results of some rules by position, in the second pass only: there
    /// the `invalid_*` rules parse the same text again and again, and
    /// without this, nested expressions would take exponential time
    /// (CPython memoizes the same rules).
    memo: HashMap<(MemoRule, usize), (usize, Option<Expr>)>,
    /// Where the plain `expression` rule (invalid rules off) last failed.
    /// A call whose first argument fails reads it again as `arguments`
    /// straight away; without this, invalid nested calls would take
    /// exponential time in both passes. One position is enough for that,
    /// and cheaper than a set: expressions fail often in valid code.
    failed_expression: Option<usize>,
    /// Where `pattern` last failed, and in which pass: a parenthesized
    /// pattern is read as a group and then again as a sequence, which
    /// would double the work per level of brackets.
    failed_pattern: Option<(usize, bool)>,
    /// A pattern that parsed but whose caller then backtracked: its start,
    /// pass, end and value. A parenthesized pattern is read as a group
    /// first; when no `)` follows, the sequence alternative reads the same
    /// pattern again at once, and without this every level of brackets
    /// would double the work. `pattern` takes it back (it is never cloned).
    pattern_memo: Option<(usize, bool, usize, Pattern)>,
    /// Bracketed atoms (tuples, groups, lists, dicts, sets and their
    /// comprehensions) by position and pass: where each ends and what it
    /// gave. Only those read while `memoize_atoms` is on are kept: inside
    /// the atom of `t_primary`, which target rules try at every level of
    /// nested brackets before reading the same brackets another way.
    atom_memo: HashMap<(usize, bool), (usize, Option<Expr>)>,
    memoize_atoms: bool,
}

/// A primary read at `start`, ending at `end`.
pub struct PrimaryMemo {
    start: usize,
    end: usize,
    expr: Expr,
    /// Whether it is also a `subscript_attribute_target`: it has a
    /// trailer, the last is an attribute or a subscript, and no `.`, `[`
    /// or `(` follows it.
    is_target: bool,
}

/// The rules whose results the second pass remembers.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum MemoRule {
    Expression,
    BitwiseOr,
}

/// The outcome of parsing a whole input.
pub type ParseResult<T> = Result<T, SyntaxError>;

impl<'src> Parser<'src> {
    pub fn new(source: &'src crate::source::DecodedSource) -> Parser<'src> {
        let mut tok = Tokenizer::new(&source.text, 1);
        tok.char_offsets = source.declared_encoding;
        tok.had_bom = source.had_bom;
        Parser {
            tok,
            tokens: Vec::with_capacity(source.text.len() / 4),
            pos: 0,
            invalid_rules: false,
            error: None,
            tokenizer_failed: false,
            fstring: None,
            first_lineno: 1,
            depth: 0,
            primary_memo: None,
            memo: HashMap::new(),
            failed_expression: None,
            failed_pattern: None,
            pattern_memo: None,
            atom_memo: HashMap::new(),
            memoize_atoms: false,
        }
    }

    /// A parser for the expression of an f-string replacement field, given
    /// as `(expr)` and placed at `origin`.
    pub fn for_fstring(buf: &'src [u8], first_lineno: u32, origin: FStringOrigin) -> Parser<'src> {
        let tok = Tokenizer::new(buf, first_lineno);
        Parser {
            tok,
            tokens: Vec::new(),
            pos: 0,
            invalid_rules: false,
            error: None,
            tokenizer_failed: false,
            fstring: Some(origin),
            first_lineno,
            depth: 0,
            primary_memo: None,
            memo: HashMap::new(),
            failed_expression: None,
            failed_pattern: None,
            pattern_memo: None,
            atom_memo: HashMap::new(),
            memoize_atoms: false,
        }
    }

    /// Parses a module (the `file` rule).
    pub fn parse_module(mut self) -> ParseResult<Mod> {
        self.run(|p| p.file())
    }

    /// Parses the input of `eval()` (the `eval` rule).
    pub fn parse_expression(mut self) -> ParseResult<Mod> {
        self.run(|p| p.eval_rule())
    }

    /// Parses the expression of an f-string field (the `fstring` rule).
    pub fn parse_fstring_expr(mut self) -> ParseResult<crate::ast::Expr> {
        self.run(|p| p.fstring_rule())
    }

    /// pegen.c's `_PyPegen_run_parser`: both passes and the choice of error.
    fn run<T>(&mut self, rule: impl Fn(&mut Self) -> PResult<T>) -> ParseResult<T> {
        if let Ok(Some(result)) = rule(self) {
            return Ok(result);
        }
        if self.error.is_none() || !self.tokenizer_failed {
            let last_token = self.tokens.len().checked_sub(1);
            if self.error.is_none() {
                self.pos = 0;
                self.invalid_rules = true;
                self.primary_memo = None;
                let _ = rule(self);
            }
            self.set_syntax_error(last_token);
        }
        Err(self.error.take().expect("a failed parse raises an error"))
    }

    /// pegen_errors.c's `_PyPegen_set_syntax_error`.
    fn set_syntax_error(&mut self, last_token: Option<usize>) {
        if self.error.is_some() {
            if !self.tokenizer_failed {
                self.check_rest_of_source();
            }
            return;
        }
        let Some(last) = last_token else {
            let _ = self.raise_generic("error at start before reading any input");
            return;
        };
        let last = self.tokens[last];
        match last.kind {
            TokenKind::Indent => {
                let _ =
                    self.raise_generic_kind(SyntaxErrorKind::IndentationError, "unexpected indent");
            }
            TokenKind::Dedent => {
                let _ = self
                    .raise_generic_kind(SyntaxErrorKind::IndentationError, "unexpected unindent");
            }
            _ => {
                let _ = self.raise_at_token(last, "invalid syntax");
                self.check_rest_of_source();
            }
        }
    }

    /// pegen_errors.c's `_PyPegen_tokenize_full_source_to_check_for_errors`:
    /// errors the tokenizer would raise in the rest of the file take
    /// precedence over the parser's.
    fn check_rest_of_source(&mut self) {
        if self.tokenizer_failed {
            return;
        }
        let current_line = self.tokens.last().map_or(0, |t| t.lineno);
        loop {
            match self.tok.next_token() {
                Ok(t) if t.kind == TokenKind::EndMarker => return,
                Ok(_) => continue,
                Err(TokenizeError::Raised(e)) => {
                    self.error = Some(e);
                    return;
                }
                Err(TokenizeError::Unclosed {
                    error,
                    bracket_lineno,
                }) => {
                    if current_line > bracket_lineno {
                        self.error = Some(error);
                    }
                    return;
                }
                Err(TokenizeError::Stopped(_)) => return,
            }
        }
    }

    // ---- Tokens -------------------------------------------------------

    fn fill_token(&mut self) -> Result<(), Stop> {
        if self.tokenizer_failed {
            return Err(Stop);
        }
        match self.tok.next_token() {
            Ok(mut t) => {
                if t.kind == TokenKind::Name {
                    if let Some(keyword) = TokenKind::keyword(self.text_of(&t)) {
                        t.kind = keyword;
                    }
                }
                if let Some(origin) = self.fstring {
                    if self.tok.lineno == origin.starting_lineno {
                        t.col_offset += origin.starting_col_offset;
                        t.end_col_offset += origin.starting_col_offset;
                    }
                }
                self.tokens.push(t);
                Ok(())
            }
            Err(e) => {
                self.tokenizer_failed = true;
                let raised_by_tokenizer = matches!(e, TokenizeError::Raised(_));
                let mut error = e.into_syntax_error();
                if self.fstring.is_some() && !raised_by_tokenizer {
                    error.msg = format!("f-string: {}", error.msg);
                }
                self.error = Some(error);
                Err(Stop)
            }
        }
    }

    /// The token at the current position.
    fn peek(&mut self) -> Result<Token, Stop> {
        if self.pos == self.tokens.len() {
            self.fill_token()?;
        }
        Ok(self.tokens[self.pos])
    }

    fn peek_kind(&mut self) -> Result<TokenKind, Stop> {
        Ok(self.peek()?.kind)
    }

    /// The token after the current one.
    fn peek_second(&mut self) -> Result<Token, Stop> {
        self.peek()?;
        if self.pos + 1 == self.tokens.len() {
            self.fill_token()?;
        }
        Ok(self.tokens[self.pos + 1])
    }

    /// The kind of the token at `pos`, which must have been read or be
    /// the next to read.
    fn kind_at(&mut self, pos: usize) -> Result<TokenKind, Stop> {
        let mark = std::mem::replace(&mut self.pos, pos);
        let kind = self.peek_kind();
        self.pos = mark;
        kind
    }

    fn text_of(&self, t: &Token) -> &'src [u8] {
        &self.tok.buffer()[t.start as usize..t.end as usize]
    }

    /// Consumes a token of `kind`, if that is what comes next.
    fn eat(&mut self, kind: TokenKind) -> PResult<Token> {
        let t = self.peek()?;
        if t.kind == kind {
            self.pos += 1;
            Ok(Some(t))
        } else {
            Ok(None)
        }
    }

    fn at(&mut self, kind: TokenKind) -> Result<bool, Stop> {
        Ok(self.peek_kind()? == kind)
    }

    /// `&&'x'`: the token must come next, or the parse fails with
    /// "expected 'x'" at once.
    fn expect_forced(&mut self, kind: TokenKind) -> Result<Token, Stop> {
        let t = self.peek()?;
        if t.kind != kind {
            let msg = format!("expected '{}'", kind.text().unwrap_or("?"));
            return Err(self.raise_at_token(t, &msg));
        }
        self.pos += 1;
        Ok(t)
    }

    /// A NAME token (not a keyword), as an identifier.
    fn name(&mut self) -> PResult<(Identifier, Token)> {
        let t = self.peek()?;
        if t.kind != TokenKind::Name {
            return Ok(None);
        }
        self.pos += 1;
        Ok(Some((self.identifier(&t), t)))
    }

    /// The identifier a NAME token spells, NFKC-normalised (PEP 3131).
    fn identifier(&self, t: &Token) -> Identifier {
        let text = self.text_of(t);
        if text.is_ascii() {
            // Cheaper than validating UTF-8 again, for short names.
            let mut id = String::with_capacity(text.len());
            id.extend(text.iter().map(|&b| char::from(b)));
            return id;
        }
        use unicode_normalization::UnicodeNormalization;
        let text = std::str::from_utf8(text).expect("the tokenizer verified the name");
        text.nfkc().collect()
    }

    /// A soft keyword (`match`, `case`, `_`) spelled `word`.
    fn eat_soft_keyword(&mut self, word: &str) -> PResult<Token> {
        let t = self.peek()?;
        if t.kind == TokenKind::Name && self.text_of(&t) == word.as_bytes() {
            self.pos += 1;
            Ok(Some(t))
        } else {
            Ok(None)
        }
    }

    /// pegen's SOFT_KEYWORD lookahead. CPython compares only the name's
    /// length of each soft keyword, so any prefix of one (`c`, `ma`)
    /// counts, and Krait answers the same.
    fn is_soft_keyword(&self, t: &Token) -> bool {
        let text = self.text_of(t);
        t.kind == TokenKind::Name
            && !text.is_empty()
            && [&b"match"[..], b"case", b"_"]
                .iter()
                .any(|keyword| keyword.starts_with(text))
    }

    // ---- Locations ----------------------------------------------------

    /// The token a rule starts at (for its location).
    fn start(&mut self) -> Result<Token, Stop> {
        self.peek()
    }

    /// The location from `start` to the end of the last token consumed,
    /// skipping NEWLINE, INDENT and DEDENT as CPython's EXTRA does.
    fn loc(&self, start: Token) -> Loc {
        let end = self.tokens[..self.pos]
            .iter()
            .rev()
            .find(|t| {
                !matches!(
                    t.kind,
                    TokenKind::Newline
                        | TokenKind::Indent
                        | TokenKind::Dedent
                        | TokenKind::EndMarker
                )
            })
            .or_else(|| self.tokens[..self.pos].first())
            .copied()
            .unwrap_or(start);
        Loc {
            lineno: start.lineno,
            col_offset: start.col_offset as u32,
            end_lineno: end.end_lineno,
            end_col_offset: end.end_col_offset as u32,
        }
    }

    /// Runs `rule` at the current position, or replays what it gave there
    /// before.
    fn memoized(
        &mut self,
        key: MemoRule,
        rule: impl FnOnce(&mut Self) -> PResult<Expr>,
    ) -> PResult<Expr> {
        let mark = self.pos;
        if let Some((end, e)) = self.memo.get(&(key, mark)) {
            self.pos = *end;
            return Ok(e.clone());
        }
        let result = rule(self)?;
        self.memo.insert((key, mark), (self.pos, result.clone()));
        Ok(result)
    }

    /// Enters a rule that can recurse without consuming brackets.
    fn enter(&mut self) -> Result<(), Stop> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.error = Some(SyntaxError {
                kind: SyntaxErrorKind::MemoryError,
                msg: "Parser stack overflowed - Python source too complex to parse".into(),
                lineno: None,
                offset: None,
                end_lineno: None,
                end_offset: None,
            });
            // Like a tokenizer error, this one is final: no second pass,
            // and nothing later in the file replaces it.
            self.tokenizer_failed = true;
            return Err(Stop);
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    // ---- Raising errors -----------------------------------------------

    /// pegen's `RAISE_ERROR_KNOWN_LOCATION`: a location given in 0-based
    /// byte columns. `None` for the end means the tokenizer's position.
    fn raise_known(
        &mut self,
        kind: SyntaxErrorKind,
        msg: &str,
        lineno: i64,
        col: i64,
        end: Option<(i64, i64)>,
    ) -> Stop {
        let (end_lineno, end_col) = match end {
            Some((line, col)) => (line, col + 1),
            None => (self.tok.lineno as i64, self.tok.current_column() as i64),
        };
        self.raise_with_offsets(kind, msg, lineno, col + 1, end_lineno, end_col)
    }

    /// pegen_errors.c's `_PyPegen_raise_error_known_location`: 1-based byte
    /// offsets, turned into what CPython reports.
    fn raise_with_offsets(
        &mut self,
        kind: SyntaxErrorKind,
        msg: &str,
        lineno: i64,
        mut offset: i64,
        end_lineno: i64,
        mut end_offset: i64,
    ) -> Stop {
        if self.error.is_some() {
            return Stop;
        }
        let mut msg = msg.to_string();
        if let Some(origin) = self.fstring {
            msg = format!("f-string: {msg}");
            offset -= origin.starting_col_offset as i64;
            end_offset -= origin.starting_col_offset as i64;
        }
        offset = self.tok.to_error_offset(lineno, self.first_lineno, offset);
        if end_offset > 0 {
            end_offset = self
                .tok
                .to_error_offset(end_lineno, self.first_lineno, end_offset);
        }
        self.error = Some(SyntaxError::new(
            kind, msg, lineno, offset, end_lineno, end_offset,
        ));
        Stop
    }

    /// `RAISE_SYNTAX_ERROR_KNOWN_LOCATION(token, msg)`.
    fn raise_at_token(&mut self, t: Token, msg: &str) -> Stop {
        self.raise_known(
            SyntaxErrorKind::SyntaxError,
            msg,
            t.lineno as i64,
            t.col_offset as i64,
            Some((t.end_lineno as i64, t.end_col_offset as i64)),
        )
    }

    /// `RAISE_SYNTAX_ERROR_KNOWN_LOCATION(node, msg)`.
    fn raise_at(&mut self, loc: Loc, msg: &str) -> Stop {
        self.raise_range(loc, loc, msg)
    }

    /// `RAISE_SYNTAX_ERROR_KNOWN_RANGE(a, b, msg)`.
    fn raise_range(&mut self, a: Loc, b: Loc, msg: &str) -> Stop {
        self.raise_known(
            SyntaxErrorKind::SyntaxError,
            msg,
            a.lineno as i64,
            a.col_offset as i64,
            Some((b.end_lineno as i64, b.end_col_offset as i64)),
        )
    }

    /// `RAISE_SYNTAX_ERROR_STARTING_FROM(a, msg)`: to the tokenizer's position.
    fn raise_starting_from(&mut self, a: Loc, msg: &str) -> Stop {
        self.raise_known(
            SyntaxErrorKind::SyntaxError,
            msg,
            a.lineno as i64,
            a.col_offset as i64,
            None,
        )
    }

    /// `RAISE_SYNTAX_ERROR(msg)`: at the last token read.
    fn raise_generic(&mut self, msg: &str) -> Stop {
        self.raise_generic_kind(SyntaxErrorKind::SyntaxError, msg)
    }

    /// `RAISE_INDENTATION_ERROR(msg)`.
    fn raise_indentation(&mut self, msg: &str) -> Stop {
        self.raise_generic_kind(SyntaxErrorKind::IndentationError, msg)
    }

    /// pegen_errors.c's `_PyPegen_raise_error`.
    fn raise_generic_kind(&mut self, kind: SyntaxErrorKind, msg: &str) -> Stop {
        let Some(&t) = self.tokens.last() else {
            return self.raise_with_offsets(kind, msg, 0, 0, 0, -1);
        };
        let col = if t.col_offset == -1 {
            self.tok.current_column() as i64
        } else {
            t.col_offset as i64 + 1
        };
        let end_col = if t.end_col_offset == -1 {
            -1
        } else {
            t.end_col_offset as i64 + 1
        };
        self.raise_with_offsets(
            kind,
            msg,
            t.lineno as i64,
            col,
            t.end_lineno as i64,
            end_col,
        )
    }
}
