//! The tokenizer: a decoded source buffer to tokens, one at a time, on the
//! parser's demand (Parser/tokenizer.c).
//!
//! It reads the buffer a line at a time, as CPython's does, and keeps the
//! same state (`cur`, `line_start`, `lineno`, the indentation and bracket
//! stacks), because CPython's error locations are read off that state at
//! the moment an error is found, and Krait reports the same locations.

use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::token::{Token, TokenKind};
use krait_unicode::{is_printable, is_xid_continue, is_xid_start};

/// Tab stops for indentation are every 8 columns; a second count with tabs
/// worth 1 column detects indentation whose meaning depends on the tab
/// size (TabError).
const TAB_SIZE: u32 = 8;
const MAX_INDENT: usize = 100;
const MAX_LEVEL: usize = 200;

/// The end of input, as tokenizer.c's EOF.
const EOF: i32 = -1;

/// Why tokenizing stopped with an error, which decides how the parser
/// reports it.
#[derive(Debug, Clone)]
pub enum TokenizeError {
    /// The tokenizer raised the error itself, with its own location.
    /// These take precedence over a generic parser error anywhere before
    /// them in the file.
    Raised(SyntaxError),
    /// An error code the parser turns into an exception when it meets it
    /// (bad indentation, a stray backslash, end of file in a statement).
    Stopped(SyntaxError),
    /// End of file inside brackets: `'(' was never closed`, about the
    /// innermost open bracket, opened on `bracket_lineno`.
    Unclosed {
        error: SyntaxError,
        bracket_lineno: u32,
    },
}

impl TokenizeError {
    pub fn into_syntax_error(self) -> SyntaxError {
        match self {
            TokenizeError::Raised(e) | TokenizeError::Stopped(e) => e,
            TokenizeError::Unclosed { error, .. } => error,
        }
    }
}

pub struct Tokenizer<'src> {
    buf: &'src [u8],
    /// The next byte to read.
    cur: usize,
    /// The end of the lines read so far.
    inp: usize,
    line_start: usize,
    /// The line being read (1-based once the first line is read).
    pub lineno: u32,
    /// Where the current token started.
    start: usize,
    at_eof: bool,
    at_bol: bool,
    /// Indents (+) or dedents (-) still to hand out.
    pending: i32,
    indents: Vec<u32>,
    alt_indents: Vec<u32>,
    /// The open brackets: the character, its line and byte column.
    brackets: Vec<(u8, u32, usize)>,
    /// Where a string token began, for strings spanning lines.
    first_lineno: u32,
    multi_line_start: usize,
    /// Whether error columns are reported in characters (when the source
    /// declared its encoding) or bytes, as CPython's parser does.
    pub char_offsets: bool,
    /// Whether the file began with a byte order mark. CPython converts
    /// error columns against the line as read back from the file, BOM
    /// included, though the columns themselves do not count it.
    pub had_bom: bool,
}

impl<'src> Tokenizer<'src> {
    /// A tokenizer over `buf`, which must end with `\n`; its first line is
    /// line `first_lineno`.
    pub fn new(buf: &'src [u8], first_lineno: u32) -> Tokenizer<'src> {
        Tokenizer {
            buf,
            cur: 0,
            inp: 0,
            line_start: 0,
            lineno: first_lineno - 1,
            start: 0,
            at_eof: false,
            at_bol: true,
            pending: 0,
            indents: vec![0],
            alt_indents: vec![0],
            brackets: Vec::new(),
            first_lineno: 0,
            multi_line_start: 0,
            char_offsets: false,
            had_bom: false,
        }
    }

    pub fn buffer(&self) -> &'src [u8] {
        self.buf
    }

    pub fn level(&self) -> usize {
        self.brackets.len()
    }

    /// The current byte column, `cur - line_start`.
    pub fn current_column(&self) -> usize {
        self.cur - self.line_start
    }

    /// The text of line `lineno` (without its newline), if the buffer has it.
    fn line_text(&self, lineno: i64, first_lineno: u32) -> &'src [u8] {
        let index = (lineno - first_lineno as i64).max(0) as usize;
        self.buf.split(|&b| b == b'\n').nth(index).unwrap_or(b"")
    }

    fn next_char(&mut self) -> i32 {
        loop {
            if self.cur != self.inp {
                let c = self.buf[self.cur];
                self.cur += 1;
                return c as i32;
            }
            if self.at_eof {
                return EOF;
            }
            if self.inp == self.buf.len() {
                self.at_eof = true;
                self.cur = self.inp;
                return EOF;
            }
            let end = match memchr::memchr(b'\n', &self.buf[self.inp..]) {
                Some(i) => self.inp + i + 1,
                None => self.buf.len(),
            };
            self.lineno += 1;
            self.line_start = self.cur;
            self.inp = end;
        }
    }

    /// Moves past the bytes of the current line for which `pred` holds,
    /// as `next_char` would one by one, and says how many there were. The
    /// lines read so far end at `inp`, so the scan never leaves the line.
    fn skip_in_line(&mut self, pred: impl Fn(u8) -> bool) -> usize {
        let rest = &self.buf[self.cur..self.inp];
        let n = rest.iter().position(|&b| !pred(b)).unwrap_or(rest.len());
        self.cur += n;
        n
    }

    fn backup(&mut self, c: i32) {
        if c != EOF {
            self.cur -= 1;
        }
    }

    /// tokenizer.c's `syntaxerror()`: a location read off the current line,
    /// in characters, pointing just before `cur`.
    fn raise(&self, msg: impl Into<String>) -> TokenizeError {
        let col = chars_in(&self.buf[self.line_start..self.cur]) as i64;
        TokenizeError::Raised(SyntaxError::new(
            SyntaxErrorKind::SyntaxError,
            msg,
            self.lineno as i64,
            col,
            self.lineno as i64,
            col,
        ))
    }

    /// `syntaxerror_known_range()`: 1-based character columns given.
    fn raise_range(&self, col: i64, end_col: i64, msg: impl Into<String>) -> TokenizeError {
        TokenizeError::Raised(SyntaxError::new(
            SyntaxErrorKind::SyntaxError,
            msg,
            self.lineno as i64,
            col,
            self.lineno as i64,
            end_col,
        ))
    }

    /// How the parser reports an error code (pegen_errors.c's
    /// `_Pypegen_tokenizer_error`): at `col` (0-based bytes, made 1-based),
    /// ending at offset 0.
    fn stop(&self, kind: SyntaxErrorKind, msg: &str, col: usize) -> TokenizeError {
        self.stopped(kind, msg, col as i64 + 1, 0)
    }

    /// How the parser reports an error on a token without a position (the
    /// error token itself): at the current column, with end offset -1.
    fn stop_here(&self, kind: SyntaxErrorKind, msg: &str) -> TokenizeError {
        self.stopped(kind, msg, (self.cur - self.line_start) as i64, -1)
    }

    /// An error code on the current line, at a 1-based byte offset.
    fn stopped(
        &self,
        kind: SyntaxErrorKind,
        msg: &str,
        offset: i64,
        end_offset: i64,
    ) -> TokenizeError {
        let lineno = self.lineno as i64;
        let offset = self.to_error_offset(lineno, 1, offset);
        TokenizeError::Stopped(SyntaxError::new(
            kind, msg, lineno, offset, lineno, end_offset,
        ))
    }

    /// A 1-based byte offset into line `lineno` (of a buffer whose first
    /// line is `first_lineno`) as the parser reports it: in characters when
    /// the source declared its encoding.
    pub fn to_error_offset(&self, lineno: i64, first_lineno: u32, offset: i64) -> i64 {
        if !self.char_offsets {
            return offset;
        }
        let line = self.line_text(lineno, first_lineno);
        if self.had_bom && lineno == 1 {
            let mut with_bom = b"\xEF\xBB\xBF".to_vec();
            with_bom.extend_from_slice(line);
            return byte_offset_to_character_offset(&with_bom, offset);
        }
        byte_offset_to_character_offset(line, offset)
    }

    fn indent_error(&mut self) -> TokenizeError {
        self.cur = self.inp;
        self.stop(
            SyntaxErrorKind::TabError,
            "inconsistent use of tabs and spaces in indentation",
            0,
        )
    }

    fn token(&self, kind: TokenKind, start: usize, end: usize) -> Token {
        Token {
            kind,
            start: start as u32,
            end: end as u32,
            lineno: self.lineno,
            // A string spanning lines starts before this line; string() sets its column.
            col_offset: start.saturating_sub(self.line_start) as i32,
            end_lineno: self.lineno,
            end_col_offset: (end - self.line_start) as i32,
            level: self.brackets.len() as u32,
        }
    }

    /// A token with no text: INDENT, DEDENT, ENDMARKER.
    fn marker(&self, kind: TokenKind) -> Token {
        Token {
            kind,
            start: self.cur as u32,
            end: self.cur as u32,
            lineno: self.lineno,
            col_offset: -1,
            end_lineno: self.lineno,
            end_col_offset: -1,
            level: self.brackets.len() as u32,
        }
    }

    /// The next token.
    pub fn next_token(&mut self) -> Result<Token, TokenizeError> {
        let mut blank_line = false;
        'next_line: loop {
            if self.at_bol {
                blank_line = self.read_indentation()?;
            }
            self.start = self.cur;
            if self.pending != 0 {
                let kind = if self.pending < 0 {
                    TokenKind::Dedent
                } else {
                    TokenKind::Indent
                };
                self.pending -= self.pending.signum();
                return Ok(self.marker(kind));
            }
            loop {
                self.skip_in_line(|b| matches!(b, b' ' | b'\t' | 0x0c));
                let mut c = self.next_char();
                while c == b' ' as i32 || c == b'\t' as i32 || c == 0x0c {
                    c = self.next_char();
                }
                self.start = self.cur.saturating_sub(1);
                if c == b'#' as i32 {
                    self.cur += memchr::memchr(b'\n', &self.buf[self.cur..self.inp])
                        .unwrap_or(self.inp - self.cur);
                    c = self.next_char();
                    while c != EOF && c != b'\n' as i32 {
                        c = self.next_char();
                    }
                }
                if c == EOF {
                    if !self.brackets.is_empty() {
                        return Err(self.unclosed_bracket());
                    }
                    return Ok(self.marker(TokenKind::EndMarker));
                }
                if c == b'\n' as i32 {
                    self.at_bol = true;
                    if blank_line || !self.brackets.is_empty() {
                        continue 'next_line;
                    }
                    return Ok(self.token(TokenKind::Newline, self.start, self.cur - 1));
                }
                if c == b'\\' as i32 {
                    self.continuation_line()?;
                    continue;
                }
                return self.token_from(c);
            }
        }
    }

    /// Measures the indentation of a new line and queues INDENT or DEDENT
    /// tokens. Returns whether the line is blank (or only a comment), which
    /// the tokenizer skips.
    fn read_indentation(&mut self) -> Result<bool, TokenizeError> {
        self.at_bol = false;
        let (mut col, mut alt_col) = (0u32, 0u32);
        let mut continuation_col = None;
        let c = loop {
            let spaces = self.skip_in_line(|b| b == b' ') as u32;
            col += spaces;
            alt_col += spaces;
            let c = self.next_char();
            match c {
                0x20 => {
                    col += 1;
                    alt_col += 1;
                }
                0x09 => {
                    col = (col / TAB_SIZE + 1) * TAB_SIZE;
                    alt_col += 1;
                }
                0x0c => {
                    col = 0;
                    alt_col = 0;
                }
                0x5c => {
                    // A backslash in the indentation continues the line;
                    // the first one fixes the indentation.
                    continuation_col.get_or_insert(col);
                    self.continuation_line()?;
                }
                _ => break c,
            }
        };
        self.backup(c);
        let blank_line = c == b'#' as i32 || c == b'\n' as i32;
        if blank_line || !self.brackets.is_empty() {
            return Ok(blank_line);
        }
        if let Some(c) = continuation_col {
            col = c;
            alt_col = c;
        }
        let top = *self.indents.last().unwrap();
        let alt_top = *self.alt_indents.last().unwrap();
        if col == top {
            if alt_col != alt_top {
                return Err(self.indent_error());
            }
        } else if col > top {
            if self.indents.len() >= MAX_INDENT {
                self.cur = self.inp;
                return Err(self.stop(
                    SyntaxErrorKind::IndentationError,
                    "too many levels of indentation",
                    0,
                ));
            }
            if alt_col <= alt_top {
                return Err(self.indent_error());
            }
            self.pending += 1;
            self.indents.push(col);
            self.alt_indents.push(alt_col);
        } else {
            while self.indents.len() > 1 && col < *self.indents.last().unwrap() {
                self.pending -= 1;
                self.indents.pop();
                self.alt_indents.pop();
            }
            if col != *self.indents.last().unwrap() {
                self.cur = self.inp;
                return Err(self.stop_here(
                    SyntaxErrorKind::IndentationError,
                    "unindent does not match any outer indentation level",
                ));
            }
            if alt_col != *self.alt_indents.last().unwrap() {
                return Err(self.indent_error());
            }
        }
        Ok(false)
    }

    /// After a backslash: only a newline may follow, and then more input.
    fn continuation_line(&mut self) -> Result<(), TokenizeError> {
        let c = self.next_char();
        if c != b'\n' as i32 {
            let col = self.cur - self.line_start - 1;
            return Err(self.stop(
                SyntaxErrorKind::SyntaxError,
                "unexpected character after line continuation character",
                col,
            ));
        }
        let c = self.next_char();
        if c == EOF {
            self.cur = self.inp;
            return Err(
                self.stop_here(SyntaxErrorKind::SyntaxError, "unexpected EOF while parsing")
            );
        }
        self.backup(c);
        Ok(())
    }

    fn unclosed_bracket(&self) -> TokenizeError {
        let &(bracket, lineno, col) = self.brackets.last().unwrap();
        let offset = self.to_error_offset(lineno as i64, 1, col as i64 + 1);
        TokenizeError::Unclosed {
            error: SyntaxError::new(
                SyntaxErrorKind::SyntaxError,
                format!("'{}' was never closed", bracket as char),
                lineno as i64,
                offset,
                lineno as i64,
                0,
            ),
            bracket_lineno: lineno,
        }
    }

    /// A token starting with the character `c`, which is neither blank nor
    /// a newline.
    fn token_from(&mut self, mut c: i32) -> Result<Token, TokenizeError> {
        if is_identifier_start(c) {
            let (mut saw_b, mut saw_r, mut saw_u, mut saw_f) = (false, false, false, false);
            loop {
                let ch = c as u8;
                if !(saw_b || saw_u || saw_f) && (ch == b'b' || ch == b'B') {
                    saw_b = true;
                } else if !(saw_b || saw_u || saw_r || saw_f) && (ch == b'u' || ch == b'U') {
                    saw_u = true;
                } else if !(saw_r || saw_u) && (ch == b'r' || ch == b'R') {
                    saw_r = true;
                } else if !(saw_f || saw_b || saw_u) && (ch == b'f' || ch == b'F') {
                    saw_f = true;
                } else {
                    break;
                }
                c = self.next_char();
                if c == b'"' as i32 || c == b'\'' as i32 {
                    return self.string(c);
                }
            }
            let mut non_ascii = false;
            while is_identifier_char(c) {
                non_ascii |= c >= 128;
                self.skip_in_line(|b| b.is_ascii_alphanumeric() || b == b'_');
                c = self.next_char();
            }
            self.backup(c);
            if non_ascii {
                self.verify_identifier()?;
            }
            return Ok(self.token(TokenKind::Name, self.start, self.cur));
        }
        if c == b'.' as i32 {
            c = self.next_char();
            if is_digit(c) {
                return self.number_fraction(c);
            }
            if c == b'.' as i32 {
                let c2 = self.next_char();
                if c2 == b'.' as i32 {
                    return Ok(self.token(TokenKind::Ellipsis, self.start, self.cur));
                }
                self.backup(c2);
            }
            self.backup(c);
            return Ok(self.token(TokenKind::Dot, self.start, self.cur));
        }
        if is_digit(c) {
            return self.number(c);
        }
        if c == b'"' as i32 || c == b'\'' as i32 {
            return self.string(c);
        }
        let c2 = self.next_char();
        let pair = [c as u8, c2.max(0) as u8];
        if c2 != EOF {
            if let Some(kind) = TokenKind::operator(&pair) {
                let c3 = self.next_char();
                let triple = [pair[0], pair[1], c3.max(0) as u8];
                if c3 != EOF {
                    if let Some(kind3) = TokenKind::operator(&triple) {
                        return Ok(self.token(kind3, self.start, self.cur));
                    }
                }
                self.backup(c3);
                return Ok(self.token(kind, self.start, self.cur));
            }
        }
        self.backup(c2);
        match c as u8 {
            b'(' | b'[' | b'{' => {
                if self.brackets.len() >= MAX_LEVEL {
                    return Err(self.raise("too many nested parentheses"));
                }
                self.brackets
                    .push((c as u8, self.lineno, self.start - self.line_start));
            }
            b')' | b']' | b'}' => {
                let Some((opening, lineno, _)) = self.brackets.pop() else {
                    return Err(self.raise(format!("unmatched '{}'", c as u8 as char)));
                };
                let matching = matches!(
                    (opening, c as u8),
                    (b'(', b')') | (b'[', b']') | (b'{', b'}')
                );
                if !matching {
                    let closing = c as u8 as char;
                    let opening = opening as char;
                    return Err(self.raise(if lineno != self.lineno {
                        format!("closing parenthesis '{closing}' does not match opening parenthesis '{opening}' on line {lineno}")
                    } else {
                        format!("closing parenthesis '{closing}' does not match opening parenthesis '{opening}'")
                    }));
                }
            }
            _ => {}
        }
        if !is_printable(char::from(c as u8)) {
            return Err(self.raise(format!("invalid non-printable character U+{c:04X}")));
        }
        let kind = TokenKind::operator(&[c as u8]).unwrap_or(TokenKind::UnknownOp);
        Ok(self.token(kind, self.start, self.cur))
    }

    /// Checks a name holding non-ASCII bytes: valid UTF-8, and each
    /// character allowed in an identifier (PEP 3131).
    fn verify_identifier(&mut self) -> Result<(), TokenizeError> {
        let bytes = &self.buf[self.start..self.cur];
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let msg = format!("(unicode error) {}", utf8_error_message(bytes, &e));
                return Err(self.stop_here(SyntaxErrorKind::SyntaxError, &msg));
            }
        };
        let mut chars = text.char_indices();
        let (_, first) = chars.next().expect("a name is not empty");
        let bad = if is_xid_start(first) || first == '_' {
            chars.find(|&(_, c)| !is_xid_continue(c))
        } else {
            Some((0, first))
        };
        let Some((index, ch)) = bad else {
            return Ok(());
        };
        // The error points just after the offending character.
        let after = index + ch.len_utf8();
        if after < text.len() {
            self.cur = self.start + after;
        }
        Err(if is_printable(ch) {
            self.raise(format!("invalid character '{ch}' (U+{:04X})", ch as u32))
        } else {
            self.raise(format!(
                "invalid non-printable character U+{:04X}",
                ch as u32
            ))
        })
    }

    fn string(&mut self, quote: i32) -> Result<Token, TokenizeError> {
        self.first_lineno = self.lineno;
        self.multi_line_start = self.line_start;
        let mut quote_size = 1;
        let mut end_quote_size = 0;
        let mut c = self.next_char();
        if c == quote {
            c = self.next_char();
            if c == quote {
                quote_size = 3;
            } else {
                end_quote_size = 1;
            }
        }
        if c != quote {
            self.backup(c);
        }
        while end_quote_size != quote_size {
            let rest = &self.buf[self.cur..self.inp];
            let plain = memchr::memchr3(quote as u8, b'\\', b'\n', rest).unwrap_or(rest.len());
            if plain > 0 {
                self.cur += plain;
                end_quote_size = 0;
            }
            c = self.next_char();
            if c == EOF || (quote_size == 1 && c == b'\n' as i32) {
                let detected_at = self.lineno;
                self.cur = self.start + 1;
                self.line_start = self.multi_line_start;
                self.lineno = self.first_lineno;
                let what = if quote_size == 3 {
                    "triple-quoted string literal"
                } else {
                    "string literal"
                };
                return Err(self.raise(format!(
                    "unterminated {what} (detected at line {detected_at})"
                )));
            }
            if c == quote {
                end_quote_size += 1;
            } else {
                end_quote_size = 0;
                if c == b'\\' as i32 {
                    self.next_char();
                }
            }
        }
        let mut token = self.token(TokenKind::String, self.start, self.cur);
        token.lineno = self.first_lineno;
        token.col_offset = (self.start - self.multi_line_start) as i32;
        Ok(token)
    }

    fn number(&mut self, first: i32) -> Result<Token, TokenizeError> {
        let mut c = first;
        if c == b'0' as i32 {
            c = self.next_char();
            match c as u8 {
                b'x' | b'X' => return self.radix_number(16, "hexadecimal"),
                b'o' | b'O' => return self.radix_number(8, "octal"),
                b'b' | b'B' => return self.radix_number(2, "binary"),
                _ => {}
            }
            let mut nonzero = false;
            loop {
                if c == b'_' as i32 {
                    c = self.next_char();
                    if !is_digit(c) {
                        self.backup(c);
                        return Err(self.raise("invalid decimal literal"));
                    }
                }
                if c != b'0' as i32 {
                    break;
                }
                c = self.next_char();
            }
            let zeros_end = self.cur;
            if is_digit(c) {
                nonzero = true;
                c = self.decimal_tail()?;
            }
            if c == b'.' as i32 {
                c = self.next_char();
                return self.number_fraction(c);
            } else if c == b'e' as i32 || c == b'E' as i32 {
                return self.number_exponent(c);
            } else if c == b'j' as i32 || c == b'J' as i32 {
                return self.number_imaginary();
            } else if nonzero {
                self.backup(c);
                let col = chars_in(&self.buf[self.line_start..self.start + 1]) as i64;
                let end_col = chars_in(&self.buf[self.line_start..zeros_end]) as i64;
                return Err(self.raise_range(
                    col,
                    end_col,
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                ));
            }
            self.verify_end_of_number(c, "decimal")?;
            self.backup(c);
            return Ok(self.token(TokenKind::Number, self.start, self.cur));
        }
        c = self.decimal_tail()?;
        if c == b'.' as i32 {
            c = self.next_char();
            return self.number_fraction(c);
        }
        if c == b'e' as i32 || c == b'E' as i32 {
            return self.number_exponent(c);
        }
        if c == b'j' as i32 || c == b'J' as i32 {
            return self.number_imaginary();
        }
        self.verify_end_of_number(c, "decimal")?;
        self.backup(c);
        Ok(self.token(TokenKind::Number, self.start, self.cur))
    }

    /// After `0x`, `0o` or `0b`: digits of the radix, with single
    /// underscores between them.
    fn radix_number(&mut self, radix: u32, kind: &str) -> Result<Token, TokenizeError> {
        let in_radix = |c: i32| c >= 0 && (c as u8 as char).is_digit(radix);
        let mut c = self.next_char();
        loop {
            if c == b'_' as i32 {
                c = self.next_char();
            }
            if !in_radix(c) {
                if radix != 16 && is_digit(c) {
                    return Err(self.raise(format!(
                        "invalid digit '{}' in {kind} literal",
                        c as u8 as char
                    )));
                }
                self.backup(c);
                return Err(self.raise(format!("invalid {kind} literal")));
            }
            while in_radix(c) {
                c = self.next_char();
            }
            if c != b'_' as i32 {
                break;
            }
        }
        if radix != 16 && is_digit(c) {
            return Err(self.raise(format!(
                "invalid digit '{}' in {kind} literal",
                c as u8 as char
            )));
        }
        self.verify_end_of_number(c, kind)?;
        self.backup(c);
        Ok(self.token(TokenKind::Number, self.start, self.cur))
    }

    /// Digits with single underscores between them; returns the character
    /// after them.
    fn decimal_tail(&mut self) -> Result<i32, TokenizeError> {
        loop {
            let mut c = self.next_char();
            while is_digit(c) {
                c = self.next_char();
            }
            if c != b'_' as i32 {
                return Ok(c);
            }
            c = self.next_char();
            if !is_digit(c) {
                self.backup(c);
                return Err(self.raise("invalid decimal literal"));
            }
        }
    }

    /// After the decimal point; `c` is the character that follows it.
    fn number_fraction(&mut self, mut c: i32) -> Result<Token, TokenizeError> {
        if is_digit(c) {
            self.backup(c);
            c = self.decimal_tail()?;
        }
        if c == b'e' as i32 || c == b'E' as i32 {
            return self.number_exponent(c);
        }
        if c == b'j' as i32 || c == b'J' as i32 {
            return self.number_imaginary();
        }
        self.verify_end_of_number(c, "decimal")?;
        self.backup(c);
        Ok(self.token(TokenKind::Number, self.start, self.cur))
    }

    /// `e` has just been read.
    fn number_exponent(&mut self, e: i32) -> Result<Token, TokenizeError> {
        let mut c = self.next_char();
        if c == b'+' as i32 || c == b'-' as i32 {
            c = self.next_char();
            if !is_digit(c) {
                self.backup(c);
                return Err(self.raise("invalid decimal literal"));
            }
        } else if !is_digit(c) {
            self.backup(c);
            self.verify_end_of_number(e, "decimal")?;
            self.backup(e);
            return Ok(self.token(TokenKind::Number, self.start, self.cur));
        }
        self.backup(c);
        c = self.decimal_tail()?;
        if c == b'j' as i32 || c == b'J' as i32 {
            return self.number_imaginary();
        }
        self.verify_end_of_number(c, "decimal")?;
        self.backup(c);
        Ok(self.token(TokenKind::Number, self.start, self.cur))
    }

    /// `j` has just been read.
    fn number_imaginary(&mut self) -> Result<Token, TokenizeError> {
        let c = self.next_char();
        self.verify_end_of_number(c, "imaginary")?;
        self.backup(c);
        Ok(self.token(TokenKind::Number, self.start, self.cur))
    }

    /// A number may not run into a name (`1_000x`), except into the
    /// keywords that can follow a number in valid code (`1if x else 2`),
    /// which CPython 3.11 still accepts, with a deprecation warning.
    fn verify_end_of_number(&mut self, c: i32, kind: &str) -> Result<(), TokenizeError> {
        let rest = &self.buf[self.cur.min(self.inp)..self.inp];
        let followed_by_keyword = match c as u8 {
            b'a' => rest.starts_with(b"nd"),
            b'e' => rest.starts_with(b"lse"),
            b'f' => rest.starts_with(b"or"),
            b'i' => matches!(rest.first(), Some(b'f' | b'n' | b's')),
            b'o' => rest.starts_with(b"r"),
            b'n' => rest.starts_with(b"ot"),
            _ => false,
        };
        // Non-ASCII is left to the name that follows, which reports it.
        if (0..128).contains(&c) && !followed_by_keyword && is_identifier_char(c) {
            self.backup(c);
            return Err(self.raise(format!("invalid {kind} literal")));
        }
        Ok(())
    }
}

fn is_digit(c: i32) -> bool {
    (b'0' as i32..=b'9' as i32).contains(&c)
}

fn is_identifier_start(c: i32) -> bool {
    c >= 128 || c == b'_' as i32 || (c >= 0 && (c as u8).is_ascii_alphabetic())
}

fn is_identifier_char(c: i32) -> bool {
    is_identifier_start(c) || is_digit(c)
}

/// How many characters CPython counts in `bytes`, decoding invalid UTF-8
/// with replacement.
pub fn chars_in(bytes: &[u8]) -> usize {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.chars().count(),
        Err(_) => String::from_utf8_lossy(bytes).chars().count(),
    }
}

/// pegen's `_PyPegen_byte_offset_to_character_offset`: a 1-based byte
/// offset into `line` as a character offset. CPython reads the line back
/// decoded with replacement, so each undecodable sequence counts as the
/// three bytes of U+FFFD.
fn byte_offset_to_character_offset(line: &[u8], offset: i64) -> i64 {
    let line = String::from_utf8_lossy(line);
    let line = line.as_bytes();
    let offset = offset.clamp(0, line.len() as i64 + 1) as usize;
    if offset > line.len() {
        // CPython reads the string's terminating NUL as one more character.
        return chars_in(line) as i64 + 1;
    }
    chars_in(&line[..offset]) as i64
}

/// The message of Python's UTF-8 decoder for the first error in `bytes`.
pub fn utf8_error_message(bytes: &[u8], error: &std::str::Utf8Error) -> String {
    let position = error.valid_up_to();
    let byte = bytes[position];
    let (reason, len) = match error.error_len() {
        None => ("unexpected end of data", bytes.len() - position),
        Some(_) if (0x80..0xC2).contains(&byte) || byte > 0xF4 => ("invalid start byte", 1),
        Some(len) => ("invalid continuation byte", len),
    };
    if len == 1 {
        format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {position}: {reason}")
    } else {
        let end = position + len - 1;
        format!("'utf-8' codec can't decode bytes in position {position}-{end}: {reason}")
    }
}
