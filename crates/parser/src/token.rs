//! Token types: one table of Python 3.11's operators and keywords, from
//! which the `TokenKind` enum and its lookups are derived (Lib/token.py and
//! Grammar/Tokens hold the same facts for CPython).

/// Declares `TokenKind` from the table of fixed-text tokens.
macro_rules! token_kinds {
    (
        other { $($other:ident),* $(,)? }
        operators { $($op:ident = $op_text:literal),* $(,)? }
        keywords { $($kw:ident = $kw_text:literal),* $(,)? }
    ) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum TokenKind {
            $($other,)*
            $($op,)*
            $($kw,)*
        }

        impl TokenKind {
            /// The operator spelled `text`, if there is one.
            pub fn operator(text: &[u8]) -> Option<TokenKind> {
                match text {
                    $($op_text => Some(TokenKind::$op),)*
                    _ => None,
                }
            }

            /// The keyword spelled `text`, if it is one. Soft keywords
            /// (`match`, `case`, `_`) stay names.
            pub fn keyword(text: &[u8]) -> Option<TokenKind> {
                match text {
                    $($kw_text => Some(TokenKind::$kw),)*
                    _ => None,
                }
            }

            /// The fixed text of an operator or keyword token.
            pub fn text(self) -> Option<&'static str> {
                match self {
                    $(TokenKind::$op => Some(std::str::from_utf8($op_text).unwrap()),)*
                    $(TokenKind::$kw => Some(std::str::from_utf8($kw_text).unwrap()),)*
                    _ => None,
                }
            }

            pub fn is_keyword(self) -> bool {
                matches!(self, $(TokenKind::$kw)|*)
            }
        }
    };
}

token_kinds! {
    other {
        EndMarker, Name, Number, String, Newline, Indent, Dedent,
        // A character that is no token of Python's, like `$` or `?`: the
        // tokenizer passes it on and the parser rejects it.
        UnknownOp,
    }
    operators {
        LPar = b"(", RPar = b")", LSqb = b"[", RSqb = b"]", Colon = b":", Comma = b",",
        Semi = b";", Plus = b"+", Minus = b"-", Star = b"*", Slash = b"/", VBar = b"|",
        Amper = b"&", Less = b"<", Greater = b">", Equal = b"=", Dot = b".", Percent = b"%",
        LBrace = b"{", RBrace = b"}", EqEqual = b"==", NotEqual = b"!=", LessEqual = b"<=",
        GreaterEqual = b">=", Tilde = b"~", Circumflex = b"^", LeftShift = b"<<",
        RightShift = b">>", DoubleStar = b"**", PlusEqual = b"+=", MinEqual = b"-=",
        StarEqual = b"*=", SlashEqual = b"/=", PercentEqual = b"%=", AmperEqual = b"&=",
        VBarEqual = b"|=", CircumflexEqual = b"^=", LeftShiftEqual = b"<<=",
        RightShiftEqual = b">>=", DoubleStarEqual = b"**=", DoubleSlash = b"//",
        DoubleSlashEqual = b"//=", At = b"@", AtEqual = b"@=", RArrow = b"->",
        Ellipsis = b"...", ColonEqual = b":=",
        // `<>` is a token of its own (PEP 401) that only the parser rejects.
        LessGreater = b"<>",
    }
    keywords {
        False = b"False", None = b"None", True = b"True", And = b"and", As = b"as",
        Assert = b"assert", Async = b"async", Await = b"await", Break = b"break",
        Class = b"class", Continue = b"continue", Def = b"def", Del = b"del", Elif = b"elif",
        Else = b"else", Except = b"except", Finally = b"finally", For = b"for", From = b"from",
        Global = b"global", If = b"if", Import = b"import", In = b"in", Is = b"is",
        Lambda = b"lambda", Nonlocal = b"nonlocal", Not = b"not", Or = b"or", Pass = b"pass",
        Raise = b"raise", Return = b"return", Try = b"try", While = b"while", With = b"with",
        Yield = b"yield",
    }
}

/// One token, with its place in the buffer and in the source.
///
/// Columns are byte offsets from the start of the line. INDENT, DEDENT and
/// ENDMARKER have no text, and a column of -1, as in CPython.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// The token's text is `buffer[start..end]`.
    pub start: u32,
    pub end: u32,
    pub lineno: u32,
    pub col_offset: i32,
    pub end_lineno: u32,
    pub end_col_offset: i32,
    /// How many brackets were open after this token.
    pub level: u32,
}
