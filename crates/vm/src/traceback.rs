//! Tracebacks (Python/traceback.c, Python/pythonrun.c's exception
//! printing): the chain of frames an exception went through, and the
//! report printed for an uncaught one.

use crate::errors::PyErr;
use crate::exceptions::exception_payload;
use crate::object::{self, type_payload, Object};
use crate::objects::code::CodePayload;
use crate::objects::str::as_rust_str;
use crate::vm::Vm;

/// One entry of a traceback: a frame's code and where it was.
pub struct TracebackObject {
    pub next: Option<Object>,
    pub code: Object,
    pub lasti: usize,
}

pub(crate) fn init(vm: &Vm) {
    let tb = &vm.types.traceback;
    crate::objects::descr::add_getset(
        vm,
        tb,
        "tb_next",
        |vm, t| {
            Ok(t.payload::<TracebackObject>()
                .and_then(|t| t.next.clone())
                .unwrap_or_else(|| vm.none.clone()))
        },
        None,
    );
    crate::objects::descr::add_getset(
        vm,
        tb,
        "tb_lineno",
        |vm, t| {
            let t = t.payload::<TracebackObject>().expect("a traceback");
            let code = t.code.payload::<CodePayload>().expect("a code object");
            Ok(code
                .location(t.lasti)
                .line
                .map_or_else(|| vm.none.clone(), |l| vm.new_int(l)))
        },
        None,
    );
    crate::objects::descr::add_getset(
        vm,
        tb,
        "tb_lasti",
        |vm, t| {
            Ok(vm.new_int(t.payload::<TracebackObject>().expect("a traceback").lasti as i64 * 2))
        },
        None,
    );
    crate::slots::add_slot_wrappers(vm, tb);
}

/// Records that `error` passed through a frame running `code` at `lasti`
/// (`PyTraceBack_Here`).
pub fn add_entry(vm: &Vm, error: &PyErr, code: &Object, lasti: usize) {
    let Some(exc) = exception_payload(&error.0) else {
        return;
    };
    let next = exc.traceback.borrow_mut().take();
    let entry = object::alloc(
        &vm.types.traceback,
        TracebackObject {
            next,
            code: code.clone(),
            lasti,
        },
    );
    *exc.traceback.borrow_mut() = Some(entry);
}

/// The report of an uncaught exception, as CPython writes it to stderr:
/// the causes and contexts first, then the traceback and the exception.
pub fn format_exception(vm: &Vm, exc: &Object) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    format_chain(vm, exc, &mut out, &mut seen);
    out
}

fn format_chain(vm: &Vm, exc: &Object, out: &mut String, seen: &mut Vec<usize>) {
    seen.push(exc.id());
    if let Some(payload) = exception_payload(exc) {
        let cause = payload.cause.borrow().clone();
        let context = payload.context.borrow().clone();
        if let Some(cause) = cause.filter(|c| !seen.contains(&c.id())) {
            format_chain(vm, &cause, out, seen);
            out.push_str(
                "\nThe above exception was the direct cause of the following exception:\n\n",
            );
        } else if let Some(context) =
            context.filter(|c| !seen.contains(&c.id()) && !payload.suppress_context.get())
        {
            format_chain(vm, &context, out, seen);
            out.push_str(
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            );
        }
        let tb = payload.traceback.borrow().clone();
        if tb.is_some() {
            out.push_str("Traceback (most recent call last):\n");
        }
        let mut entry = tb;
        while let Some(t) = entry {
            let tb = t.payload::<TracebackObject>().expect("a traceback");
            format_entry(vm, tb, out);
            entry = tb.next.clone();
        }
    }
    out.push_str(&format_exception_only(vm, exc));
}

fn format_entry(vm: &Vm, tb: &TracebackObject, out: &mut String) {
    let code = tb.code.payload::<CodePayload>().expect("a code object");
    let loc = code.location(tb.lasti);
    let line = loc.line.unwrap_or(-1);
    out.push_str(&format!(
        "  File \"{}\", line {}, in {}\n",
        code.code.filename, line, code.code.name
    ));
    let Some(source) = source_line(vm, &code.code.filename, line) else {
        return;
    };
    let stripped = source.trim_start();
    let indent = source.chars().count() - stripped.chars().count();
    let stripped = stripped.trim_end();
    out.push_str("    ");
    out.push_str(stripped);
    out.push('\n');
    let (Some(col), Some(end_col), Some(end_line)) = (loc.col, loc.end_col, loc.end_line) else {
        return;
    };
    let start = char_offset(&source, col as usize);
    let end = if end_line == line {
        char_offset(&source, end_col as usize)
    } else {
        source.trim_end().chars().count()
    };
    if end <= start || end - start == stripped.chars().count() {
        return;
    }
    out.push_str("    ");
    out.push_str(&" ".repeat(start.saturating_sub(indent)));
    out.push_str(&"^".repeat(end - start));
    out.push('\n');
}

/// The character offset of a UTF-8 byte offset in `line`.
fn char_offset(line: &str, byte: usize) -> usize {
    let byte = byte.min(line.len());
    let mut b = byte;
    while !line.is_char_boundary(b) {
        b -= 1;
    }
    line[..b].chars().count()
}

/// Line `line` of `filename`, from the sources the interpreter ran or
/// from the file.
fn source_line(vm: &Vm, filename: &str, line: i64) -> Option<String> {
    if line < 1 {
        return None;
    }
    let text = match vm.sources.borrow().get(filename) {
        Some(s) => s.clone(),
        None => std::rc::Rc::new(std::fs::read(filename).ok()?),
    };
    let text = String::from_utf8_lossy(&text);
    text.split_inclusive('\n')
        .nth(line as usize - 1)
        .map(|l| l.trim_end_matches(['\n', '\r']).to_string())
}

/// The last line of the report: the exception's type, qualified by its
/// module unless that is builtins or __main__, and its str.
pub fn format_exception_only(vm: &Vm, exc: &Object) -> String {
    let ty = vm.type_of(exc);
    let tp = type_payload(ty);
    let qualname = tp.qualname.borrow().clone();
    let name = match crate::objects::object::type_module_name(vm, ty) {
        Some(m) if m != "builtins" && m != "__main__" => format!("{m}.{qualname}"),
        _ => qualname,
    };
    let text = match vm.str(exc) {
        Ok(s) => as_rust_str(&s).into_owned(),
        Err(_) => "<exception str() failed>".to_string(),
    };
    let mut line = if text.is_empty() {
        format!("{name}\n")
    } else {
        format!("{name}: {text}\n")
    };
    if let Ok(Some(notes)) = vm.getattr_opt(exc, &vm.names.__notes__) {
        if let Ok(notes) = vm.collect_iterable(&notes) {
            for note in notes {
                if let Ok(s) = vm.str_string(&note) {
                    line.push_str(&s);
                    line.push('\n');
                }
            }
        }
    }
    line
}
