//! Adjacent string literals and f-strings (action_helpers.c's
//! `_PyPegen_concatenate_strings` and string_parser.c's f-string parser,
//! as of 3.11, where an f-string is one token that is parsed here).
//!
//! The expression in a replacement field is parsed by a parser of its own
//! over `(expr)`, whose tokens are shifted to where the expression sits in
//! the file, with the same arithmetic (and the same quirks) as CPython.

use super::expressions::{expr, token_loc};
use super::{FStringOrigin, Parser, Stop};
use crate::ast::{Constant, Expr, ExprKind, Loc};
use crate::string::{decode_bytes, decode_str, split_literal};
use crate::token::Token;
use crate::wtf8::Wtf8String;

/// Nested replacement fields may go one level deep: `f'{x:{y}}'`.
const MAX_FSTRING_RECURSION: usize = 2;
const MAX_NESTING: usize = 200;

/// string_parser.c's `FstringParser`: the literal text gathered so far and
/// the nodes already made.
#[derive(Default)]
struct FStringParts {
    fmode: bool,
    last_str: Option<Wtf8String>,
    values: Vec<Expr>,
}

impl FStringParts {
    fn push_str(&mut self, s: Wtf8String) {
        if s.is_empty() {
            return;
        }
        match &mut self.last_str {
            Some(last) => last.push_wtf8(&s),
            None => self.last_str = Some(s),
        }
    }
}

/// Where the text of an f-string being parsed comes from: its token and the
/// span of the whole concatenation.
#[derive(Clone, Copy)]
struct FStringContext {
    first: Token,
    token: Token,
    last: Token,
}

impl<'src> Parser<'src> {
    /// `strings: STRING+`: one Constant or JoinedStr for adjacent literals.
    pub(super) fn concatenate_strings(&mut self, tokens: &[Token]) -> Result<Expr, Stop> {
        let first = tokens[0];
        let last = *tokens.last().expect("at least one string");
        let mut bytes_mode = false;
        let mut bytes_value = Vec::new();
        let mut parts = FStringParts::default();
        for (i, &t) in tokens.iter().enumerate() {
            let text = self.text_of(&t);
            let (prefix, body) = split_literal(text);
            if i != 0 && bytes_mode != prefix.bytes {
                return Err(self.raise_generic("cannot mix bytes and nonbytes literals"));
            }
            bytes_mode = prefix.bytes;
            if prefix.fstring {
                let context = FStringContext {
                    first,
                    token: t,
                    last,
                };
                let mut pos = body.start;
                self.fstring_concat(&mut parts, &mut pos, body.end, prefix.raw, 0, context)?;
            } else if prefix.bytes {
                if text[body.start..].iter().any(|&b| b >= 0x80) {
                    return Err(
                        self.raise_at_token(t, "bytes can only contain ASCII literal characters")
                    );
                }
                match decode_bytes(&text[body], prefix.raw) {
                    Ok(b) => bytes_value.extend_from_slice(&b),
                    Err(msg) => return Err(self.raise_generic(&msg)),
                }
            } else {
                match decode_str(&text[body], prefix.raw) {
                    Ok(s) => parts.push_str(s),
                    Err(msg) => return Err(self.raise_generic(&msg)),
                }
            }
        }
        let loc = token_loc(first).to(token_loc(last));
        if bytes_mode {
            return Ok(expr(
                ExprKind::Constant {
                    value: Constant::Bytes(bytes_value),
                    kind: None,
                },
                loc,
            ));
        }
        Ok(self.fstring_finish(parts, first, loc))
    }

    /// A Constant for literal text, `kind='u'` when the first literal has
    /// a `u` prefix.
    fn str_node(&self, s: Wtf8String, first: Token, loc: Loc) -> Expr {
        let kind = (self.text_of(&first)[0] == b'u').then(|| "u".to_string());
        expr(
            ExprKind::Constant {
                value: Constant::Str(s),
                kind,
            },
            loc,
        )
    }

    fn fstring_finish(&self, mut parts: FStringParts, first: Token, loc: Loc) -> Expr {
        if !parts.fmode {
            let s = parts.last_str.take().unwrap_or_default();
            return self.str_node(s, first, loc);
        }
        if let Some(s) = parts.last_str.take() {
            let node = self.str_node(s, first, loc);
            parts.values.push(node);
        }
        expr(
            ExprKind::JoinedStr {
                values: parts.values,
            },
            loc,
        )
    }

    /// `_PyPegen_FstringParser_ConcatFstring`: the literal text and
    /// replacement fields of one f-string (or of a format spec, when
    /// `recurse_lvl` is 1), from `pos` to `end` in the token's text.
    fn fstring_concat(
        &mut self,
        parts: &mut FStringParts,
        pos: &mut usize,
        end: usize,
        raw: bool,
        recurse_lvl: usize,
        context: FStringContext,
    ) -> Result<(), Stop> {
        parts.fmode = true;
        let whole = token_loc(context.first).to(token_loc(context.last));
        loop {
            let (literal, skip_expression) =
                self.fstring_find_literal(pos, end, raw, recurse_lvl, context)?;
            if let Some(literal) = literal {
                parts.push_str(literal);
            }
            if skip_expression {
                continue;
            }
            let text = self.text_of(&context.token);
            if *pos >= end || text[*pos] == b'}' {
                break;
            }
            let (expr_text, value) = self.fstring_find_expr(pos, end, raw, recurse_lvl, context)?;
            if let Some(expr_text) = expr_text {
                parts.push_str(expr_text);
            }
            if let Some(s) = parts.last_str.take() {
                let node = self.str_node(s, context.first, whole);
                parts.values.push(node);
            }
            parts.values.push(value);
        }
        let text = self.text_of(&context.token);
        if recurse_lvl == 0 && *pos + 1 < end {
            return Err(self.raise_generic("f-string: unexpected end of string"));
        }
        if recurse_lvl != 0 && (*pos >= end || text[*pos] != b'}') {
            return Err(self.raise_generic("f-string: expecting '}'"));
        }
        Ok(())
    }

    /// `fstring_find_literal`: literal text up to a `{` or `}`. Returns
    /// the text and whether it ended at a doubled brace, after which the
    /// scan goes on without an expression.
    fn fstring_find_literal(
        &mut self,
        pos: &mut usize,
        end: usize,
        raw: bool,
        recurse_lvl: usize,
        context: FStringContext,
    ) -> Result<(Option<Wtf8String>, bool), Stop> {
        let text = self.text_of(&context.token);
        let literal_start = *pos;
        let mut s = *pos;
        let mut doubled = false;
        let mut literal_end = None;
        while s < end {
            let mut ch = text[s];
            s += 1;
            if !raw && ch == b'\\' && s < end {
                ch = text[s];
                s += 1;
                if ch == b'N' {
                    if s < end {
                        let brace = text[s];
                        s += 1;
                        if brace == b'{' {
                            while s < end {
                                let c = text[s];
                                s += 1;
                                if c == b'}' {
                                    break;
                                }
                            }
                        }
                    }
                    continue;
                }
            }
            if ch == b'{' || ch == b'}' {
                if recurse_lvl == 0 {
                    if s < end && text[s] == ch {
                        *pos = s + 1;
                        literal_end = Some(s);
                        doubled = true;
                        break;
                    }
                    if ch == b'}' {
                        *pos = s - 1;
                        return Err(self.raise_generic("f-string: single '}' is not allowed"));
                    }
                }
                s -= 1;
                break;
            }
        }
        let literal_end = literal_end.unwrap_or(s);
        if !doubled {
            *pos = s;
        }
        if literal_start == literal_end {
            return Ok((None, doubled));
        }
        let body = &text[literal_start..literal_end];
        match decode_str(body, raw) {
            Ok(literal) => Ok((Some(literal), doubled)),
            Err(msg) => Err(self.raise_generic(&msg)),
        }
    }

    /// `fstring_find_expr`: one replacement field, `{expr[=][!c][:spec]}`.
    /// Returns the `expr=` text, if any, and the FormattedValue.
    fn fstring_find_expr(
        &mut self,
        pos: &mut usize,
        end: usize,
        raw: bool,
        recurse_lvl: usize,
        context: FStringContext,
    ) -> Result<(Option<Wtf8String>, Expr), Stop> {
        if recurse_lvl >= MAX_FSTRING_RECURSION {
            return Err(self.raise_generic("f-string: expressions nested too deeply"));
        }
        let text = self.text_of(&context.token);
        let brace = *pos;
        *pos += 1;
        let expr_start = *pos;
        let mut quote_char = 0u8;
        let mut string_type = 0;
        let mut brackets: Vec<u8> = Vec::new();
        while *pos < end {
            let ch = text[*pos];
            if ch == b'\\' {
                return Err(
                    self.raise_generic("f-string expression part cannot include a backslash")
                );
            }
            if quote_char != 0 {
                if ch == quote_char {
                    if string_type == 3 {
                        if *pos + 2 < end && text[*pos + 1] == ch && text[*pos + 2] == ch {
                            *pos += 3;
                            string_type = 0;
                            quote_char = 0;
                            continue;
                        }
                    } else {
                        string_type = 0;
                        quote_char = 0;
                        *pos += 1;
                        continue;
                    }
                }
                *pos += 1;
                continue;
            }
            match ch {
                b'\'' | b'"' => {
                    if *pos + 2 < end && text[*pos + 1] == ch && text[*pos + 2] == ch {
                        string_type = 3;
                        *pos += 2;
                    } else {
                        string_type = 1;
                    }
                    quote_char = ch;
                }
                b'[' | b'{' | b'(' => {
                    if brackets.len() >= MAX_NESTING {
                        return Err(self.raise_generic("f-string: too many nested parenthesis"));
                    }
                    brackets.push(ch);
                }
                b'#' => {
                    return Err(self.raise_generic("f-string expression part cannot include '#'"))
                }
                b'!' | b':' | b'}' | b'=' | b'>' | b'<' if brackets.is_empty() => {
                    if *pos + 1 < end {
                        let next = text[*pos + 1];
                        if next == b'=' && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                            *pos += 2;
                            continue;
                        }
                    }
                    if ch == b'>' || ch == b'<' {
                        *pos += 1;
                        continue;
                    }
                    break;
                }
                b']' | b'}' | b')' => {
                    let Some(opening) = brackets.pop() else {
                        let msg = format!("f-string: unmatched '{}'", ch as char);
                        return Err(self.raise_generic(&msg));
                    };
                    if !matches!((opening, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
                        let msg = format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, opening as char
                        );
                        return Err(self.raise_generic(&msg));
                    }
                }
                _ => {}
            }
            *pos += 1;
        }
        let expr_end = *pos;
        if quote_char != 0 {
            return Err(self.raise_generic("f-string: unterminated string"));
        }
        if let Some(&opening) = brackets.last() {
            let msg = format!("f-string: unmatched '{}'", opening as char);
            return Err(self.raise_generic(&msg));
        }
        if *pos >= end {
            return Err(self.raise_generic("f-string: expecting '}'"));
        }
        let value = self.fstring_compile_expr(brace, expr_start, expr_end, context.token)?;
        let text = self.text_of(&context.token);
        let mut expr_text = None;
        if text[*pos] == b'=' {
            *pos += 1;
            while *pos < end && text[*pos].is_ascii_whitespace() {
                *pos += 1;
            }
            if *pos >= end {
                return Err(self.raise_generic("f-string: expecting '}'"));
            }
            let source = String::from_utf8_lossy(&text[expr_start..*pos]).into_owned();
            expr_text = Some(Wtf8String::from(source));
        }
        let mut conversion = -1;
        if text[*pos] == b'!' {
            *pos += 1;
            if *pos >= end {
                return Err(self.raise_generic("f-string: expecting '}'"));
            }
            conversion = text[*pos] as i32;
            *pos += 1;
            if !matches!(conversion as u8, b's' | b'r' | b'a') {
                return Err(self.raise_generic(
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                ));
            }
        }
        let mut format_spec = None;
        if *pos < end && text[*pos] == b':' {
            *pos += 1;
            if *pos >= end {
                return Err(self.raise_generic("f-string: expecting '}'"));
            }
            let mut spec_parts = FStringParts::default();
            self.fstring_concat(&mut spec_parts, pos, end, raw, recurse_lvl + 1, context)?;
            let token = token_loc(context.token);
            format_spec = Some(Box::new(self.fstring_finish(
                spec_parts,
                context.first,
                token,
            )));
        }
        let text = self.text_of(&context.token);
        if *pos >= end || text[*pos] != b'}' {
            return Err(self.raise_generic("f-string: expecting '}'"));
        }
        *pos += 1;
        if expr_text.is_some() && format_spec.is_none() && conversion == -1 {
            conversion = b'r' as i32;
        }
        let loc = token_loc(context.first).to(token_loc(context.last));
        let kind = ExprKind::FormattedValue {
            value: Box::new(value),
            conversion,
            format_spec,
        };
        Ok((expr_text, expr(kind, loc)))
    }

    /// `fstring_compile_expr`: parses the expression between `expr_start`
    /// and `expr_end` of token `t`'s text, placed where it sits.
    fn fstring_compile_expr(
        &mut self,
        brace: usize,
        expr_start: usize,
        expr_end: usize,
        t: Token,
    ) -> Result<Expr, Stop> {
        let text = self.text_of(&t);
        let source = &text[expr_start..expr_end];
        if source
            .iter()
            .all(|&c| matches!(c, b' ' | b'\t' | b'\n' | b'\x0c'))
        {
            let after = text[expr_end];
            if matches!(after, b'!' | b':' | b'=') {
                let msg = format!("f-string: expression required before '{}'", after as char);
                return Err(self.raise_generic(&msg));
            }
            return Err(self.raise_generic("f-string: empty expression not allowed"));
        }
        // fstring_find_expr_location: the lines before the field, and the
        // columns from the start of its line, unless only blanks separate
        // the brace from a newline.
        let newline_after_brace = text[brace + 1..]
            .iter()
            .take_while(|&&c| c != b'}' && c != b'\n')
            .all(|&c| matches!(c, b' ' | b'\t' | b'\x0c'));
        let mut cols = 0;
        if !newline_after_brace {
            let line_start = text[..brace].iter().rposition(|&c| c == b'\n');
            cols = match line_start {
                Some(newline) => brace - newline - 1,
                None => brace,
            } as i32;
        }
        let lines = text[..brace].iter().filter(|&&c| c == b'\n').count() as u32;
        let mut buffer = Vec::with_capacity(source.len() + 3);
        buffer.push(b'(');
        buffer.extend_from_slice(source);
        buffer.push(b')');
        buffer.push(b'\n');
        // The token's own column counts only when the field is on its
        // first line.
        let starting_col_offset = if lines > 0 { cols } else { t.col_offset + cols };
        let origin = FStringOrigin {
            starting_lineno: t.lineno + lines,
            starting_col_offset,
        };
        let parser = Parser::for_fstring(&buffer, t.lineno + lines, origin);
        match parser.parse_fstring_expr() {
            Ok(e) => Ok(e),
            Err(error) => {
                self.error = Some(error);
                Err(Stop)
            }
        }
    }
}
