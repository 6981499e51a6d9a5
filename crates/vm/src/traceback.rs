//! Tracebacks and the report of an uncaught exception (Python/traceback.c,
//! and Python/pythonrun.c's `print_exception_recursive` and its helpers).
//!
//! The report is built as CPython's C code writes it to stderr: each
//! exception's causes and contexts first, then its traceback, one entry
//! per frame with the source line and, when the failing expression does
//! not cover the whole line, a caret line whose `~` and `^` separate an
//! operator or a subscript from its operands (found by parsing the
//! failing segment, as `extract_anchors_from_line` does). Exception
//! groups are drawn as nested boxes with `| ` margins. Column arithmetic
//! follows CPython's quirks on purpose: carets are placed in characters,
//! but some scans go over UTF-8 bytes, as the C code does.

use crate::errors::PyErr;
use crate::exceptions::{exception_payload, group_exceptions, is_group};
use crate::object::{self, type_payload, Object};
use crate::objects::code::CodePayload;
use crate::objects::str::{as_rust_str, StrObject};
use crate::vm::Vm;
use krait_parser::ast::{ExprKind, Mod, StmtKind};
use std::cell::RefCell;

/// One entry of a traceback: a frame and where it was when the
/// exception passed through it (`PyTracebackObject`).
#[derive(krait_derive::Traverse)]
pub struct TracebackObject {
    pub next: RefCell<Option<Object>>,
    /// The frame object, which also gives the globals and builtins that
    /// NameError's suggestions search.
    pub frame: Object,
    /// The instruction, in code units.
    pub lasti: usize,
    pub lineno: i64,
}

impl TracebackObject {
    pub fn code(&self) -> &CodePayload {
        crate::objects::frame::frame_of(&self.frame).code_payload()
    }

    /// The line the entry is at (`tb_lineno`), -1 when it has none.
    pub fn lineno(&self) -> i64 {
        self.lineno
    }
}

fn payload(t: &Object) -> &TracebackObject {
    t.payload::<TracebackObject>().expect("a traceback")
}

/// `tb.tb_next = value`: None or a traceback that does not lead back to
/// this one.
fn set_next(vm: &Vm, t: &Object, value: Option<&Object>) -> crate::errors::PyResult<()> {
    let Some(value) = value else {
        return Err(vm.new_type_error("can't delete tb_next attribute"));
    };
    let next = if vm.is_none(value) {
        None
    } else if vm.type_of(value).is(&vm.types.traceback) {
        let mut cursor = Some(value.clone());
        while let Some(c) = cursor {
            if c.is(t) {
                return Err(vm.new_value_error("traceback loop detected"));
            }
            cursor = payload(&c).next.borrow().clone();
        }
        Some(value.clone())
    } else {
        return Err(vm.new_type_error(format!(
            "expected traceback object, got '{}'",
            vm.type_name(value)
        )));
    };
    let old = payload(t).next.replace(next);
    drop(old);
    Ok(())
}

pub(crate) fn init(vm: &Vm) {
    let tb = &vm.types.traceback;
    let getset = |name, get, set| crate::objects::descr::add_getset(vm, tb, name, get, set);
    getset(
        "tb_next",
        |vm, t| {
            Ok(payload(t)
                .next
                .borrow()
                .clone()
                .unwrap_or_else(|| vm.none.clone()))
        },
        Some(set_next),
    );
    let readonly = Some(crate::objects::sequence::readonly_member as crate::objects::descr::Setter);
    getset("tb_frame", |_, t| Ok(payload(t).frame.clone()), readonly);
    getset("tb_lineno", |vm, t| Ok(vm.new_int(payload(t).lineno)), None);
    getset(
        "tb_lasti",
        |vm, t| Ok(vm.new_int(payload(t).lasti as i64 * 2)),
        readonly,
    );
    crate::slots::add_slot_wrappers(vm, tb);
}

/// A traceback entry for `frame` where it stands, in front of `next`
/// (`_PyTraceBack_FromFrame`).
///
/// # Safety
/// `frame` must be live.
pub unsafe fn new_entry(vm: &Vm, next: Option<Object>, frame: *mut crate::frame::Frame) -> Object {
    let lasti = (*frame).lasti;
    object::alloc(
        &vm.types.traceback,
        TracebackObject {
            next: RefCell::new(next),
            frame: crate::objects::frame::frame_object(vm, frame),
            lasti,
            lineno: (*frame).code_payload().location(lasti).line.unwrap_or(-1),
        },
    )
}

/// Records that `error` passed through `frame` (`PyTraceBack_Here`).
///
/// # Safety
/// `frame` must be live.
pub unsafe fn add_entry(vm: &Vm, error: &PyErr, frame: *mut crate::frame::Frame) {
    let Some(exc) = exception_payload(&error.0) else {
        return;
    };
    let next = exc.traceback.borrow_mut().take();
    let entry = new_entry(vm, next, frame);
    *exc.traceback.borrow_mut() = Some(entry);
}

/// How many identical entries in a row are shown before they are counted
/// instead (`TB_RECURSIVE_CUTOFF`).
const RECURSIVE_CUTOFF: usize = 3;
/// How many exceptions of a group are shown, and how deep groups nest
/// in the report, before the rest is elided.
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;
/// The indentation of a source line under its `File` line.
const SOURCE_INDENT: usize = 4;

/// The report of an uncaught exception, as CPython writes it to stderr
/// (`_PyErr_Display`).
pub fn format_exception(vm: &Vm, exc: &Object) -> String {
    let mut printer = Printer {
        vm,
        out: String::new(),
        seen: Vec::new(),
        group_depth: 0,
        need_close: false,
    };
    printer.exception_recursive(exc);
    printer.out
}

/// A traceback alone, header and entries (`PyTraceBack_Print`).
pub fn format_traceback(vm: &Vm, tb: &Object) -> String {
    let mut printer = Printer {
        vm,
        out: String::from("Traceback (most recent call last):\n"),
        seen: Vec::new(),
        group_depth: 0,
        need_close: false,
    };
    if tb.payload::<TracebackObject>().is_some() {
        printer.traceback_entries(tb);
    }
    printer.out
}

/// The state of one report (`struct exception_print_context`).
struct Printer<'a> {
    vm: &'a Vm,
    out: String,
    /// The exceptions already printed, so that a cycle of causes ends.
    seen: Vec<usize>,
    group_depth: usize,
    need_close: bool,
}

impl Printer<'_> {
    fn indent(&self) -> usize {
        2 * self.group_depth
    }

    fn margin(&self) -> &'static str {
        if self.group_depth > 0 {
            "| "
        } else {
            ""
        }
    }

    fn write_indent(&mut self, n: usize) {
        self.out.extend(std::iter::repeat_n(' ', n));
    }

    fn write_margin(&mut self) {
        self.write_indent(self.indent());
        self.out.push_str(self.margin());
    }

    fn exception_recursive(&mut self, exc: &Object) {
        let Ok(_guard) =
            crate::recursion::RecursionGuard::enter(self.vm, " in print_exception_recursive")
        else {
            return;
        };
        self.cause_and_context(exc);
        if is_group(self.vm, exc) {
            self.exception_group(exc);
        } else {
            self.exception(exc);
        }
    }

    fn cause_and_context(&mut self, exc: &Object) {
        self.seen.push(exc.id());
        let Some(payload) = exception_payload(exc) else {
            return;
        };
        let cause = payload.cause.borrow().clone();
        if let Some(cause) = cause {
            if !self.seen.contains(&cause.id()) {
                self.chained(
                    &cause,
                    "The above exception was the direct cause of the following exception:\n",
                );
            }
            return;
        }
        if payload.suppress_context.get() {
            return;
        }
        let context = payload.context.borrow().clone();
        if let Some(context) = context {
            if !self.seen.contains(&context.id()) {
                self.chained(
                    &context,
                    "During handling of the above exception, another exception occurred:\n",
                );
            }
        }
    }

    fn chained(&mut self, exc: &Object, message: &str) {
        let need_close = self.need_close;
        self.exception_recursive(exc);
        self.need_close = need_close;
        self.write_margin();
        self.out.push('\n');
        self.write_margin();
        self.out.push_str(message);
        self.write_margin();
        self.out.push('\n');
    }

    fn exception(&mut self, exc: &Object) {
        let vm = self.vm;
        self.traceback(exc);
        let ty = vm.type_of(exc).clone();
        let value = self.syntax_error_location(exc);
        self.exception_message(&ty, &value);
        if let Some(suggestion) = crate::exceptions::suggestion(vm, &value) {
            self.out.push_str(". Did you mean: '");
            self.out.push_str(&suggestion);
            self.out.push_str("'?");
        }
        self.out.push('\n');
        self.notes(exc);
    }

    fn traceback(&mut self, exc: &Object) {
        let Some(tb) = exception_payload(exc).and_then(|p| p.traceback.borrow().clone()) else {
            return;
        };
        let (header, header_margin) = if is_group(self.vm, exc) {
            let margin = if self.group_depth == 1 {
                "+ "
            } else {
                self.margin()
            };
            (
                "Exception Group Traceback (most recent call last):\n",
                margin,
            )
        } else {
            ("Traceback (most recent call last):\n", self.margin())
        };
        self.write_indent(self.indent());
        self.out.push_str(header_margin);
        self.out.push_str(header);
        self.traceback_entries(&tb);
    }

    /// The entries, a run of more than three identical ones (same file,
    /// line and function) shown as three and a count (`tb_printinternal`).
    fn traceback_entries(&mut self, tb: &Object) {
        let mut last: Option<(String, i64, String)> = None;
        let mut count = 0;
        let mut entry = Some(tb.clone());
        while let Some(t) = entry {
            let tb = t.payload::<TracebackObject>().expect("a traceback");
            let code = tb.code();
            let key = (code.filename_text(), tb.lineno(), code.code.name.clone());
            if last.as_ref() != Some(&key) || key.1 == -1 {
                self.repeated(count);
                last = Some(key);
                count = 0;
            }
            count += 1;
            if count <= RECURSIVE_CUTOFF {
                self.entry(tb);
            }
            entry = tb.next.borrow().clone();
        }
        self.repeated(count);
    }

    fn repeated(&mut self, count: usize) {
        if count > RECURSIVE_CUTOFF {
            let more = count - RECURSIVE_CUTOFF;
            self.out.push_str(&format!(
                "  [Previous line repeated {more} more time{}]\n",
                if more > 1 { "s" } else { "" }
            ));
        }
    }

    /// One entry: the `File` line, the source line without its
    /// indentation, and the carets (`tb_displayline`).
    fn entry(&mut self, tb: &TracebackObject) {
        let code = tb.code();
        let lineno = tb.lineno();
        let filename = code.filename_text();
        self.write_margin();
        self.out.push_str(&format!(
            "  File \"{}\", line {}, in {}\n",
            filename, lineno, code.code.name
        ));
        // While the interpreter shuts down CPython cannot import what
        // reads the source, and shows none.
        let source = (!self.vm.gc.finalizing.get())
            .then(|| source_line(&filename, lineno))
            .flatten();
        let Some(line) = source else {
            return;
        };
        let chars: Vec<char> = line.chars().collect();
        let indentation = chars
            .iter()
            .take_while(|c| matches!(c, ' ' | '\t' | '\x0c'))
            .count();
        self.write_margin();
        self.write_indent(SOURCE_INDENT);
        self.out.extend(&chars[indentation..]);
        self.out.push('\n');

        let loc = code.location(tb.lasti);
        let (Some(start_line), Some(end_line), Some(col), Some(end_col)) =
            (loc.line, loc.end_line, loc.col, loc.end_col)
        else {
            return;
        };
        if start_line < 0 || end_line < 0 || col < 0 || end_col < 0 {
            return;
        }
        let start = byte_offset_to_character_offset(&line, col as usize);
        let mut end = byte_offset_to_character_offset(&line, end_col as usize);
        let mut anchors = None;
        if start_line == end_line {
            anchors = extract_anchors(&line, start, end);
        } else {
            // A span over several lines is underlined to the end of the
            // first; the scan indexes bytes by a count of characters, as
            // CPython's does.
            let bytes = line.as_bytes();
            let mut i = chars.len() as isize;
            loop {
                i -= 1;
                if i < 0 || !matches!(bytes.get(i as usize), Some(b' ' | b'\t' | b'\x0c')) {
                    break;
                }
            }
            end = (i + 1) as usize;
        }
        let stripped_len = chars.len() - indentation;
        if end.saturating_sub(start) == stripped_len && end >= start && anchors.is_none() {
            return;
        }
        self.write_margin();
        let truncation = indentation as isize - SOURCE_INDENT as isize;
        let (primary, secondary, left, right) = match anchors {
            Some(a) => ('~', '^', a.0 as isize, a.1 as isize),
            None => ('^', '^', -1, -1),
        };
        let mut offset = truncation;
        loop {
            offset += 1;
            if offset > end as isize {
                break;
            }
            self.out.push(if offset <= start as isize {
                ' '
            } else if anchors.is_some() && left < offset && offset <= right {
                secondary
            } else {
                primary
            });
        }
        self.out.push('\n');
    }

    /// For a SyntaxError, the `File` line, the text and its carets; gives
    /// what the message line shows: the error's `msg` then, else the
    /// exception itself (`print_exception_file_and_line`).
    fn syntax_error_location(&mut self, exc: &Object) -> Object {
        let vm = self.vm;
        if !matches!(
            vm.getattr_opt(exc, &vm.intern("print_file_and_line")),
            Ok(Some(_))
        ) {
            return exc.clone();
        }
        let Some(info) = parse_syntax_error(vm, exc) else {
            return exc.clone();
        };
        self.write_margin();
        self.out.push_str(&format!(
            "  File \"{}\", line {}\n",
            info.filename, info.lineno
        ));
        if let Some(text) = &info.text {
            let mut end_offset = info.end_offset;
            let size = text.len() as i64;
            if info.end_lineno > info.lineno {
                end_offset = size;
            }
            if end_offset > size + 1 {
                end_offset = size + 1;
            }
            self.error_text(info.offset, end_offset, text);
        }
        info.message
    }

    /// The text of a SyntaxError and its carets from `offset` to
    /// `end_offset`, 1-based (`print_error_text`).
    fn error_text(&mut self, offset: i64, end_offset: i64, text: &str) {
        let mut text = text.as_bytes();
        let mut offset = offset - 1;
        let mut end_offset = end_offset - 1;
        while let [b' ' | b'\t' | b'\x0c', rest @ ..] = text {
            text = rest;
            offset -= 1;
            end_offset -= 1;
        }
        let len = text.len() as i64 - i64::from(text.last() == Some(&b'\n'));
        if offset > len {
            offset = len;
        }
        while let Some(nl) = text.iter().position(|&b| b == b'\n') {
            let inl = nl as i64;
            if inl >= offset {
                break;
            }
            text = &text[nl + 1..];
            offset -= inl + 1;
            end_offset -= inl + 1;
        }
        let shown = String::from_utf8_lossy(text);
        self.write_margin();
        self.out.push_str("    ");
        self.out.push_str(&shown);
        if !shown.ends_with('\n') {
            self.out.push('\n');
        }
        if offset < 0 {
            return;
        }
        self.write_margin();
        self.out.push_str("    ");
        self.write_indent(offset as usize);
        let carets = if end_offset <= offset {
            1
        } else {
            end_offset - offset
        };
        self.out.extend(std::iter::repeat_n('^', carets as usize));
        self.out.push('\n');
    }

    /// `module.Qualname: str`, the module left out for builtins and
    /// `__main__` (`print_exception_message`).
    fn exception_message(&mut self, ty: &Object, value: &Object) {
        let vm = self.vm;
        self.write_margin();
        match vm.getattr_opt(ty, &vm.names.__module__) {
            Ok(Some(m)) if m.payload::<StrObject>().is_some() => {
                let m = as_rust_str(&m);
                if m != "builtins" && m != "__main__" {
                    self.out.push_str(&m);
                    self.out.push('.');
                }
            }
            _ => self.out.push_str("<unknown>."),
        }
        self.out.push_str(&type_payload(ty).qualname.borrow());
        if vm.is_none(value) {
            return;
        }
        match vm.str(value) {
            Ok(s) => {
                let s = as_rust_str(&s);
                if !s.is_empty() {
                    self.out.push_str(": ");
                }
                self.out.push_str(&s);
            }
            Err(_) => self.out.push_str(": <exception str() failed>"),
        }
    }

    /// The exception's `__notes__`, each line with the margin
    /// (`print_exception_notes`).
    fn notes(&mut self, exc: &Object) {
        let vm = self.vm;
        if exception_payload(exc).is_none() {
            return;
        }
        let Ok(Some(notes)) = vm.getattr_opt(exc, &vm.names.__notes__) else {
            return;
        };
        let is_sequence = !vm.is_instance(&notes, &vm.types.dict)
            && vm
                .type_payload_of(&notes)
                .lookup(vm, &vm.intern("__getitem__"))
                .is_some();
        if !is_sequence {
            self.write_margin();
            match vm.repr(&notes) {
                Ok(r) => self.out.push_str(&as_rust_str(&r)),
                Err(_) => self.out.push_str("<__notes__ repr() failed>"),
            }
            self.out.push('\n');
            return;
        }
        let Ok(notes) = vm.collect_iterable(&notes) else {
            return;
        };
        for note in notes {
            match vm.str(&note) {
                Ok(s) => {
                    for line in split_lines_keepends(&as_rust_str(&s)) {
                        self.write_margin();
                        self.out.push_str(line);
                    }
                }
                Err(_) => self.out.push_str("<note str() failed>"),
            }
            self.out.push('\n');
        }
    }

    /// A group: its own traceback and message, then each nested exception
    /// in a numbered box (`print_exception_group`).
    fn exception_group(&mut self, exc: &Object) {
        if self.group_depth > MAX_GROUP_DEPTH {
            self.write_margin();
            self.out
                .push_str(&format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"));
            return;
        }
        if self.group_depth == 0 {
            self.group_depth += 1;
        }
        self.exception(exc);
        let nested = group_exceptions(self.vm, exc);
        let shown = nested.len().min(MAX_GROUP_WIDTH + 1);
        self.need_close = false;
        for i in 0..shown {
            let last = i == shown - 1;
            if last {
                self.need_close = true;
            }
            self.write_indent(self.indent());
            let corner = if i == 0 { "+-" } else { "  " };
            let truncated = i >= MAX_GROUP_WIDTH;
            if truncated {
                self.out
                    .push_str(&format!("{corner}+---------------- ... ----------------\n"));
            } else {
                self.out.push_str(&format!(
                    "{corner}+---------------- {} ----------------\n",
                    i + 1
                ));
            }
            self.group_depth += 1;
            if truncated {
                let remaining = nested.len() - MAX_GROUP_WIDTH;
                self.write_margin();
                self.out.push_str(&format!(
                    "and {remaining} more exception{}\n",
                    if remaining > 1 { "s" } else { "" }
                ));
            } else {
                self.exception_recursive(&nested[i]);
            }
            if last && self.need_close {
                self.write_indent(self.indent());
                self.out.push_str("+------------------------------------\n");
                self.need_close = false;
            }
            self.group_depth -= 1;
        }
        if self.group_depth == 1 {
            self.group_depth -= 1;
        }
    }
}

/// `str.splitlines(keepends=True)`.
fn split_lines_keepends(s: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if is_break {
            let mut end = i + c.len_utf8();
            if c == '\r' {
                if let Some((j, '\n')) = chars.peek().copied() {
                    chars.next();
                    end = j + 1;
                }
            }
            lines.push(&s[start..end]);
            start = end;
        }
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    lines
}

/// What the report shows of a SyntaxError (`parse_syntax_error`).
struct SyntaxErrorInfo {
    message: Object,
    filename: String,
    lineno: i64,
    offset: i64,
    end_lineno: i64,
    end_offset: i64,
    text: Option<String>,
}

fn parse_syntax_error(vm: &Vm, exc: &Object) -> Option<SyntaxErrorInfo> {
    let attr = |name: &str| vm.getattr(exc, &vm.intern(name)).ok();
    let number = |v: &Object| crate::objects::int::int_value(v).and_then(|v| v.to_i64());
    let message = attr("msg")?;
    let filename = attr("filename")?;
    let filename = if vm.is_none(&filename) {
        "<string>".to_string()
    } else {
        vm.str_string(&filename).ok()?
    };
    let lineno = number(&attr("lineno")?)?;
    let offset = attr("offset")?;
    let offset = if vm.is_none(&offset) {
        -1
    } else {
        number(&offset)?
    };
    let (end_lineno, end_offset) = if vm.type_of(exc).is(&vm.exceptions.syntax_error) {
        let end_lineno = match attr("end_lineno") {
            Some(v) if !vm.is_none(&v) => number(&v)?,
            _ => lineno,
        };
        let end_offset = match attr("end_offset") {
            Some(v) if !vm.is_none(&v) => number(&v)?,
            _ => -1,
        };
        (end_lineno, end_offset)
    } else {
        (lineno, -1)
    };
    let text = attr("text")?;
    let text = if vm.is_none(&text) {
        None
    } else {
        Some(vm.str_string(&text).ok()?)
    };
    Some(SyntaxErrorInfo {
        message,
        filename,
        lineno,
        offset,
        end_lineno,
        end_offset,
        text,
    })
}

/// The number of characters in the first `byte` bytes of `line`, a cut
/// character counting as one, and a column past the end counting the
/// terminating NUL (`_PyPegen_byte_offset_to_character_offset`).
fn byte_offset_to_character_offset(line: &str, byte: usize) -> usize {
    let bytes = line.as_bytes();
    let byte = byte.min(bytes.len() + 1);
    if byte > bytes.len() {
        return line.chars().count() + 1;
    }
    String::from_utf8_lossy(&bytes[..byte]).chars().count()
}

/// The anchors of the failing segment `line[start..end]` (in characters)
/// when it is a binary operation or a subscript: the span of the operator
/// or of the brackets, in characters of the line.
fn extract_anchors(line: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let segment: String = line
        .chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect();
    let Ok(Mod::Module { body, .. }) = krait_parser::parse_module(segment.as_bytes()) else {
        return None;
    };
    let [statement] = body.as_slice() else {
        return None;
    };
    let StmtKind::Expr { value } = &statement.kind else {
        return None;
    };
    let s = segment.as_bytes();
    let blank = |i: usize| matches!(s.get(i), Some(b' ' | b'\t' | b'\x0c'));
    let (left, right) = match &value.kind {
        ExprKind::BinOp { left, right, .. } => {
            let (from, to) = (
                left.loc.end_col_offset as usize,
                right.loc.col_offset as usize,
            );
            let mut anchors = None;
            let mut i = from;
            while i < to {
                if blank(i) {
                    i += 1;
                    continue;
                }
                let mut right_anchor = i + 1;
                if i + 1 < to && !blank(i + 1) {
                    right_anchor += 1;
                }
                anchors = Some((i, right_anchor));
                if i + 1 < to && s.get(i) == Some(&b')') {
                    i += 1;
                    continue;
                }
                break;
            }
            anchors?
        }
        ExprKind::Subscript { value, slice, .. } => {
            let mut left = value.loc.end_col_offset as usize;
            let mut right = slice.loc.end_col_offset as usize + 1;
            while left < s.len() && s[left] != b'[' {
                left += 1;
            }
            while right < s.len() && s[right] != b']' {
                right += 1;
            }
            if right < s.len() {
                right += 1;
            }
            (left, right)
        }
        _ => return None,
    };
    Some((
        byte_offset_to_character_offset(&segment, left) + start,
        byte_offset_to_character_offset(&segment, right) + start,
    ))
}

/// Line `lineno` of the file `filename`, read from the file as the report
/// is written, in its declared encoding, without its newline; none for
/// pseudo-files like `<string>` (`display_source_line_with_margin`).
fn source_line(filename: &str, lineno: i64) -> Option<String> {
    if filename.starts_with('<') && filename.ends_with('>') {
        return None;
    }
    if lineno < 1 {
        return None;
    }
    let raw = std::fs::read(filename).ok()?;
    let decoded = krait_parser::source::decode_source(&raw).ok()?;
    let text = String::from_utf8(decoded.text.into_owned()).ok()?;
    text.split_inclusive('\n')
        .nth(lineno as usize - 1)
        .map(|l| l.strip_suffix('\n').unwrap_or(l).to_string())
}
