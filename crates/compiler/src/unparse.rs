//! Expressions back to source text, for annotations under `from __future__
//! import annotations` (Python/ast_unparse.c).
//!
//! Under PEP 563 an annotation is not evaluated: the compiler stores the
//! string [`expr_as_unicode`] returns, and `__annotations__` (and
//! `typing.get_type_hints`, which evaluates it later) sees exactly that
//! text. It is part of the observable behaviour and of the code objects'
//! constants, so it must be CPython's text to the character, including
//! CPython's quirks: `lambda*a: 0` without a space, `1 .real` with one, the
//! walrus's operands parenthesised as atoms, `a[*b,]`, an infinite float
//! written `1e309`.
//!
//! How it works, as in CPython: every expression is written at a
//! *precedence level*, the loosest operator its context accepts without
//! brackets; an operator looser than that level brackets itself. Binary
//! operators ask for one level more on the side that does not associate,
//! so `a - (b - c)` keeps its brackets and `(a - b) - c` loses them.
//!
//! The tree is the parser's, unfolded: CPython 3.11's AST optimizer leaves
//! annotations alone under this future import. The recursion is as deep as
//! the tree; the symbol table, which runs first, has already refused trees
//! deeper than the recursion limit.

use krait_parser::ast::{
    Arg, Arguments, BoolOp, CmpOp, Comprehension, Constant, Expr, ExprKind, Keyword, Operator,
    UnaryOp,
};
use krait_parser::repr::{constant_repr, str_repr};

// Precedence levels, loosest first (ast_unparse.c's PR_* enum). Levels are
// compared and incremented, so they are plain integers.
/// A bare tuple: `a, b`.
const TUPLE: u8 = 0;
/// `x if c else y`, `lambda`: the level of a whole annotation.
const TEST: u8 = 1;
const OR: u8 = 2;
const AND: u8 = 3;
const NOT: u8 = 4;
/// `<`, `==`, `in`, `is not`... (one level for all, as in the grammar).
const CMP: u8 = 5;
/// Also the level of a bitwise or, `|`: the grammar's `expr`, which is what
/// `*x` and `**x` take.
const EXPR: u8 = 6;
const BIT_OR: u8 = EXPR;
const BIT_XOR: u8 = 7;
const BIT_AND: u8 = 8;
const SHIFT: u8 = 9;
/// Binary `+` and `-`.
const ARITH: u8 = 10;
/// `*`, `@`, `/`, `//`, `%`.
const TERM: u8 = 11;
/// Unary `+`, `-`, `~`.
const FACTOR: u8 = 12;
const POWER: u8 = 13;
const AWAIT: u8 = 14;
const ATOM: u8 = 15;

/// What CPython writes for an infinite float: `1e` and one more than the
/// largest decimal exponent of a double (DBL_MAX_10_EXP + 1), a literal
/// that reads back as infinity, where `inf` would read back as a name.
const INFINITY_LITERAL: &str = "1e309";

/// The source text of `expr` as CPython 3.11's `_PyAST_ExprAsUnicode`
/// writes it: what `from __future__ import annotations` stores as the
/// annotation.
pub fn expr_as_unicode(expr: &Expr) -> String {
    let mut out = String::new();
    write_expr(&mut out, expr, TEST);
    out
}

/// Writes `expr` at precedence `level`: bracketed when its own operator
/// binds more loosely than `level` allows.
fn write_expr(out: &mut String, expr: &Expr, level: u8) {
    match &expr.kind {
        ExprKind::BoolOp { op, values } => {
            let (text, own) = match op {
                BoolOp::And => (" and ", AND),
                BoolOp::Or => (" or ", OR),
            };
            bracketed(out, level > own, |out| {
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        out.push_str(text);
                    }
                    // `a and b and c` is one node; a nested BoolOp of the
                    // same operator was bracketed in the source.
                    write_expr(out, value, own + 1);
                }
            });
        }
        ExprKind::NamedExpr { target, value } => {
            bracketed(out, level > TUPLE, |out| {
                // Both operands as atoms: CPython brackets `(y := (a + b))`
                // although the grammar would not need it.
                write_expr(out, target, ATOM);
                out.push_str(" := ");
                write_expr(out, value, ATOM);
            });
        }
        ExprKind::BinOp { left, op, right } => {
            let (text, own) = binary_operator(*op);
            // `**` associates to the right, every other operator to the
            // left: the other side needs one level more.
            let right_associative = *op == Operator::Pow;
            bracketed(out, level > own, |out| {
                write_expr(out, left, own + u8::from(right_associative));
                out.push_str(text);
                write_expr(out, right, own + u8::from(!right_associative));
            });
        }
        ExprKind::UnaryOp { op, operand } => {
            let (text, own) = match op {
                UnaryOp::Invert => ("~", FACTOR),
                UnaryOp::Not => ("not ", NOT),
                UnaryOp::UAdd => ("+", FACTOR),
                UnaryOp::USub => ("-", FACTOR),
            };
            bracketed(out, level > own, |out| {
                out.push_str(text);
                write_expr(out, operand, own);
            });
        }
        ExprKind::Lambda { args, body } => {
            bracketed(out, level > TEST, |out| {
                // CPython puts the space only before positional
                // parameters: `lambda x: 0` but `lambda*a: 0`, `lambda**k: 0`.
                let positional = !args.posonlyargs.is_empty() || !args.args.is_empty();
                out.push_str(if positional { "lambda " } else { "lambda" });
                write_arguments(out, args);
                out.push_str(": ");
                write_expr(out, body, TEST);
            });
        }
        ExprKind::IfExp { test, body, orelse } => {
            bracketed(out, level > TEST, |out| {
                write_expr(out, body, TEST + 1);
                out.push_str(" if ");
                write_expr(out, test, TEST + 1);
                out.push_str(" else ");
                // A conditional nests to the right without brackets.
                write_expr(out, orelse, TEST);
            });
        }
        ExprKind::Dict { keys, values } => {
            out.push('{');
            for (i, (key, value)) in keys.iter().zip(values).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match key {
                    Some(key) => {
                        write_expr(out, key, TEST);
                        out.push_str(": ");
                        write_expr(out, value, TEST);
                    }
                    // `**mapping`: the grammar takes a bitwise or there.
                    None => {
                        out.push_str("**");
                        write_expr(out, value, EXPR);
                    }
                }
            }
            out.push('}');
        }
        ExprKind::Set { elts } => {
            out.push('{');
            write_items(out, elts);
            out.push('}');
        }
        ExprKind::ListComp { elt, generators } => {
            out.push('[');
            write_expr(out, elt, TEST);
            write_comprehensions(out, generators);
            out.push(']');
        }
        ExprKind::SetComp { elt, generators } => {
            out.push('{');
            write_expr(out, elt, TEST);
            write_comprehensions(out, generators);
            out.push('}');
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            out.push('{');
            write_expr(out, key, TEST);
            out.push_str(": ");
            write_expr(out, value, TEST);
            write_comprehensions(out, generators);
            out.push('}');
        }
        ExprKind::GeneratorExp { elt, generators } => write_genexp(out, elt, generators),
        ExprKind::Await { value } => {
            bracketed(out, level > AWAIT, |out| {
                out.push_str("await ");
                write_expr(out, value, ATOM);
            });
        }
        // A yield is always bracketed, whatever its context.
        ExprKind::Yield { value } => match value {
            None => out.push_str("(yield)"),
            Some(value) => {
                out.push_str("(yield ");
                write_expr(out, value, TEST);
                out.push(')');
            }
        },
        ExprKind::YieldFrom { value } => {
            out.push_str("(yield from ");
            write_expr(out, value, TEST);
            out.push(')');
        }
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } => {
            bracketed(out, level > CMP, |out| {
                // `a < b < c` is one node: a nested comparison was
                // bracketed in the source, so operands are one level up.
                write_expr(out, left, CMP + 1);
                for (op, comparator) in ops.iter().zip(comparators) {
                    out.push_str(comparison_operator(*op));
                    write_expr(out, comparator, CMP + 1);
                }
            });
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => write_call(out, func, args, keywords),
        ExprKind::FormattedValue { .. } => {
            // Only inside an f-string in the parser's trees; alone, it is
            // written as the body of an f-string holding just it.
            let mut body = Vec::new();
            write_fstring_element(&mut body, expr, false);
            push_code_points(out, &body);
        }
        ExprKind::JoinedStr { values } => write_joined_str(out, values),
        ExprKind::Constant { value, kind } => {
            // `...` only at the top: inside a tuple constant CPython writes
            // the repr, `Ellipsis`.
            if *value == Constant::Ellipsis {
                out.push_str("...");
                return;
            }
            // The `u` of `u'text'`, kept as written.
            if let Some(kind) = kind {
                out.push_str(kind);
            }
            write_constant(out, value);
        }
        ExprKind::Attribute { value, attr, .. } => {
            write_expr(out, value, ATOM);
            // `1.real` would read as the float `1.` and a name: an int
            // (not a bool) needs the space.
            let int = matches!(
                &value.kind,
                ExprKind::Constant {
                    value: Constant::Int(_),
                    ..
                }
            );
            out.push_str(if int { " ." } else { "." });
            out.push_str(attr);
        }
        ExprKind::Subscript { value, slice, .. } => {
            write_expr(out, value, ATOM);
            out.push('[');
            // A tuple index is written bare, `a[1:2, 3]`; CPython 3.11
            // does so even with a starred item, `a[*b,]`.
            write_expr(out, slice, TUPLE);
            out.push(']');
        }
        ExprKind::Starred { value, .. } => {
            out.push('*');
            write_expr(out, value, EXPR);
        }
        ExprKind::Name { id, .. } => out.push_str(id),
        ExprKind::List { elts, .. } => {
            out.push('[');
            write_items(out, elts);
            out.push(']');
        }
        ExprKind::Tuple { elts, .. } => {
            if elts.is_empty() {
                out.push_str("()");
                return;
            }
            bracketed(out, level > TUPLE, |out| {
                write_items(out, elts);
                if elts.len() == 1 {
                    out.push(',');
                }
            });
        }
        ExprKind::Slice { lower, upper, step } => {
            // Only ever an index, where nothing binds more loosely: never
            // bracketed.
            if let Some(lower) = lower {
                write_expr(out, lower, TEST);
            }
            out.push(':');
            if let Some(upper) = upper {
                write_expr(out, upper, TEST);
            }
            if let Some(step) = step {
                out.push(':');
                write_expr(out, step, TEST);
            }
        }
    }
}

/// Writes what `write` writes, in brackets when `needed`.
fn bracketed(out: &mut String, needed: bool, write: impl FnOnce(&mut String)) {
    if needed {
        out.push('(');
    }
    write(out);
    if needed {
        out.push(')');
    }
}

/// A binary operator's text, spaces included, and its precedence level.
fn binary_operator(op: Operator) -> (&'static str, u8) {
    match op {
        Operator::Add => (" + ", ARITH),
        Operator::Sub => (" - ", ARITH),
        Operator::Mult => (" * ", TERM),
        Operator::MatMult => (" @ ", TERM),
        Operator::Div => (" / ", TERM),
        Operator::Mod => (" % ", TERM),
        Operator::FloorDiv => (" // ", TERM),
        Operator::Pow => (" ** ", POWER),
        Operator::LShift => (" << ", SHIFT),
        Operator::RShift => (" >> ", SHIFT),
        Operator::BitOr => (" | ", BIT_OR),
        Operator::BitXor => (" ^ ", BIT_XOR),
        Operator::BitAnd => (" & ", BIT_AND),
    }
}

fn comparison_operator(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => " == ",
        CmpOp::NotEq => " != ",
        CmpOp::Lt => " < ",
        CmpOp::LtE => " <= ",
        CmpOp::Gt => " > ",
        CmpOp::GtE => " >= ",
        CmpOp::Is => " is ",
        CmpOp::IsNot => " is not ",
        CmpOp::In => " in ",
        CmpOp::NotIn => " not in ",
    }
}

/// The items of a list, set or tuple display, comma-separated.
fn write_items(out: &mut String, items: &[Expr]) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_expr(out, item, TEST);
    }
}

/// A constant's repr, with CPython's two changes: a tuple's items are
/// written the same way, recursively, and an infinity in a float or complex
/// becomes `1e309`.
fn write_constant(out: &mut String, value: &Constant) {
    match value {
        Constant::Tuple(items) => {
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_constant(out, item);
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        // Only `inf` is replaced: a NaN stays `nan`. The reprs of finite
        // numbers contain no `inf`, so replacing every occurrence touches
        // exactly the infinite parts, as CPython's string replacement does.
        Constant::Float(_) | Constant::Complex { .. } => {
            out.push_str(&constant_repr(value).replace("inf", INFINITY_LITERAL));
        }
        // A frozenset's items are plain reprs (CPython takes the
        // frozenset's own repr), as are all other constants.
        _ => out.push_str(&constant_repr(value)),
    }
}

/// A lambda's parameters, with their defaults: positional-only ones, `/`,
/// the others, `*args` (or a bare `*` before keyword-only ones),
/// keyword-only ones and `**kwargs`.
fn write_arguments(out: &mut String, args: &Arguments) {
    let mut first = true;
    let mut separator = |out: &mut String| {
        if !first {
            out.push_str(", ");
        }
        first = false;
    };
    // The defaults belong to the last parameters, aligned from the end.
    let default_of =
        |defaults_len: usize, count: usize, i: usize| (i + defaults_len).checked_sub(count);
    let positional_count = args.posonlyargs.len() + args.args.len();
    for (i, arg) in args.posonlyargs.iter().chain(&args.args).enumerate() {
        separator(out);
        write_arg(out, arg);
        let default =
            default_of(args.defaults.len(), positional_count, i).and_then(|d| args.defaults.get(d));
        if let Some(default) = default {
            out.push('=');
            write_expr(out, default, TEST);
        }
        if i + 1 == args.posonlyargs.len() {
            out.push_str(", /");
        }
    }
    if args.vararg.is_some() || !args.kwonlyargs.is_empty() {
        separator(out);
        out.push('*');
        if let Some(vararg) = &args.vararg {
            write_arg(out, vararg);
        }
    }
    // `kw_defaults` has one entry, None for no default, per keyword-only
    // parameter.
    for (i, arg) in args.kwonlyargs.iter().enumerate() {
        separator(out);
        write_arg(out, arg);
        let default = default_of(args.kw_defaults.len(), args.kwonlyargs.len(), i)
            .and_then(|d| args.kw_defaults.get(d));
        if let Some(Some(default)) = default {
            out.push('=');
            write_expr(out, default, TEST);
        }
    }
    if let Some(kwarg) = &args.kwarg {
        separator(out);
        out.push_str("**");
        write_arg(out, kwarg);
    }
}

/// A parameter's name and annotation. A lambda's parameters have no
/// annotation in parsed source; CPython writes one all the same when a
/// tree has it.
fn write_arg(out: &mut String, arg: &Arg) {
    out.push_str(&arg.arg);
    if let Some(annotation) = &arg.annotation {
        out.push_str(": ");
        write_expr(out, annotation, TEST);
    }
}

/// `func(args, keywords)`; a lone generator expression argument supplies
/// the call's brackets itself: `f(x for x in y)`.
fn write_call(out: &mut String, func: &Expr, args: &[Expr], keywords: &[Keyword]) {
    write_expr(out, func, ATOM);
    if let ([only], []) = (args, keywords) {
        if let ExprKind::GeneratorExp { elt, generators } = &only.kind {
            write_genexp(out, elt, generators);
            return;
        }
    }
    out.push('(');
    let mut first = true;
    for arg in args {
        if !first {
            out.push_str(", ");
        }
        first = false;
        write_expr(out, arg, TEST);
    }
    for keyword in keywords {
        if !first {
            out.push_str(", ");
        }
        first = false;
        match &keyword.arg {
            Some(name) => {
                out.push_str(name);
                out.push('=');
            }
            None => out.push_str("**"),
        }
        write_expr(out, &keyword.value, TEST);
    }
    out.push(')');
}

fn write_genexp(out: &mut String, elt: &Expr, generators: &[Comprehension]) {
    out.push('(');
    write_expr(out, elt, TEST);
    write_comprehensions(out, generators);
    out.push(')');
}

/// The `for` and `if` clauses of a comprehension.
fn write_comprehensions(out: &mut String, generators: &[Comprehension]) {
    for generator in generators {
        out.push_str(if generator.is_async != 0 {
            " async for "
        } else {
            " for "
        });
        // The target may be a bare tuple, `for k, v in`.
        write_expr(out, &generator.target, TUPLE);
        out.push_str(" in ");
        // A conditional or lambda would swallow the clauses after it.
        write_expr(out, &generator.iter, TEST + 1);
        for condition in &generator.ifs {
            out.push_str(" if ");
            write_expr(out, condition, TEST + 1);
        }
    }
}

/// An f-string: its body, built as code points, then quoted by `repr`, so
/// that the quotes and escapes are those of a str's repr. The body is
/// code points rather than UTF-8 because a literal part may hold a lone
/// surrogate (`'\ud800'`), which the repr escapes.
fn write_joined_str(out: &mut String, values: &[Expr]) {
    let mut body = Vec::new();
    for value in values {
        write_fstring_element(&mut body, value, false);
    }
    out.push('f');
    out.push_str(&str_repr(body.iter().copied()));
}

/// One part of an f-string's body (or of a format spec's, when
/// `in_format_spec`): literal text with its braces doubled, or a
/// replacement field.
fn write_fstring_element(body: &mut Vec<u32>, element: &Expr, in_format_spec: bool) {
    match &element.kind {
        ExprKind::Constant { value, .. } => {
            let escape = |body: &mut Vec<u32>, cp: u32| {
                body.push(cp);
                if cp == u32::from('{') || cp == u32::from('}') {
                    body.push(cp);
                }
            };
            match value {
                Constant::Str(text) => text.code_points().for_each(|cp| escape(body, cp)),
                // The parser puts only str constants in an f-string;
                // another would be written as its repr.
                other => constant_repr(other)
                    .chars()
                    .for_each(|c| escape(body, u32::from(c))),
            }
        }
        // A format spec is a JoinedStr whose body goes in as it is; an
        // f-string anywhere else is quoted.
        ExprKind::JoinedStr { values } if in_format_spec => {
            for value in values {
                write_fstring_element(body, value, true);
            }
        }
        ExprKind::JoinedStr { values } => {
            let mut text = String::new();
            write_joined_str(&mut text, values);
            push_str(body, &text);
        }
        ExprKind::FormattedValue {
            value,
            conversion,
            format_spec,
        } => write_replacement_field(body, value, *conversion, format_spec.as_deref()),
        // The parser puts nothing else in an f-string; any other
        // expression is written as a plain replacement field.
        _ => write_replacement_field(body, element, -1, None),
    }
}

/// `{value!conversion:format_spec}`.
fn write_replacement_field(
    body: &mut Vec<u32>,
    value: &Expr,
    conversion: i32,
    format_spec: Option<&Expr>,
) {
    // One level above TEST, so that a lambda's `:` or a conditional
    // cannot be read as the start of the format spec.
    let mut text = String::new();
    write_expr(&mut text, value, TEST + 1);
    // `{{` would be an escaped brace: a value starting with a brace (a
    // dict or set display) is set apart by a space.
    push_str(body, if text.starts_with('{') { "{ " } else { "{" });
    push_str(body, &text);
    // No conversion is -1; the parser makes no other value.
    let conversion = match u8::try_from(conversion).ok().map(char::from) {
        Some('a') => "!a",
        Some('r') => "!r",
        Some('s') => "!s",
        _ => "",
    };
    push_str(body, conversion);
    if let Some(spec) = format_spec {
        body.push(u32::from(':'));
        write_fstring_element(body, spec, true);
    }
    body.push(u32::from('}'));
}

fn push_str(body: &mut Vec<u32>, text: &str) {
    body.extend(text.chars().map(u32::from));
}

/// Code points as UTF-8 text. Only a FormattedValue outside an f-string,
/// which no parsed source has, takes this path with a body that may hold a
/// lone surrogate; it becomes U+FFFD, as a `String` cannot hold it.
fn push_code_points(out: &mut String, body: &[u32]) {
    out.extend(
        body.iter()
            .map(|&cp| char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER)),
    );
}

#[cfg(test)]
mod tests {
    //! What parsed source cannot produce, and tests/unparse.rs therefore
    //! cannot compare with CPython: constants made by folding, and nodes
    //! outside the places the parser puts them. The expected texts follow
    //! ast_unparse.c's rules where it has one, and are Krait's choice
    //! where CPython would raise a SystemError or TypeError instead.

    use super::*;
    use krait_parser::ast::{ExprContext, Int, Loc};
    use krait_parser::wtf8::Wtf8String;

    fn node(kind: ExprKind) -> Expr {
        Expr {
            kind,
            loc: Loc::default(),
        }
    }

    fn constant(value: Constant) -> Expr {
        node(ExprKind::Constant { value, kind: None })
    }

    #[test]
    fn folded_constants() {
        let tuple = Constant::Tuple(vec![
            Constant::Float(f64::INFINITY),
            Constant::Float(f64::NEG_INFINITY),
            Constant::Float(f64::NAN),
            Constant::Ellipsis,
            Constant::Tuple(vec![Constant::Str("a".into())]),
            Constant::Tuple(vec![]),
        ]);
        assert_eq!(
            expr_as_unicode(&constant(tuple)),
            "(1e309, -1e309, nan, Ellipsis, ('a',), ())"
        );
        let complex = Constant::Complex {
            real: f64::NAN,
            imag: f64::INFINITY,
        };
        assert_eq!(expr_as_unicode(&constant(complex)), "(nan+1e309j)");
        let complex = Constant::Complex {
            real: f64::NEG_INFINITY,
            imag: f64::NEG_INFINITY,
        };
        assert_eq!(expr_as_unicode(&constant(complex)), "(-1e309-1e309j)");
        // A frozenset is written by its own repr, infinities and all.
        let set = Constant::FrozenSet(vec![Constant::Float(f64::INFINITY)]);
        assert_eq!(expr_as_unicode(&constant(set)), "frozenset({inf})");
    }

    #[test]
    fn nodes_out_of_place() {
        let name = |id: &str| {
            node(ExprKind::Name {
                id: id.into(),
                ctx: ExprContext::Load,
            })
        };
        // A replacement field alone: its text without an f-string's quotes.
        let field = node(ExprKind::FormattedValue {
            value: Box::new(name("x")),
            conversion: i32::from(b'r'),
            format_spec: None,
        });
        assert_eq!(expr_as_unicode(&field), "{x!r}");
        // An unknown conversion is left out rather than failing.
        let odd = node(ExprKind::FormattedValue {
            value: Box::new(name("x")),
            conversion: 7,
            format_spec: None,
        });
        assert_eq!(expr_as_unicode(&odd), "{x}");
        // Parts of an f-string that are not str constants (CPython's
        // TypeError), and a lone surrogate, which the quoting escapes.
        let mut surrogate = Wtf8String::new();
        surrogate.push_code_point(0xd800);
        let joined = node(ExprKind::JoinedStr {
            values: vec![
                constant(Constant::Int(Int::Small(1))),
                constant(Constant::Str(surrogate)),
                name("y"),
            ],
        });
        assert_eq!(expr_as_unicode(&joined), "f'1\\ud800{y}'");
    }
}
