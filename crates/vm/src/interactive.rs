//! The interactive prompt (Python/pythonrun.c's
//! `PyRun_InteractiveLoopFlags`, Parser/myreadline.c's `PyOS_Readline`):
//! read a statement line by line under `sys.ps1` and `sys.ps2`, compile
//! it in "single" mode, run it in `__main__` and report what it raised.
//!
//! CPython's tokenizer asks for the next line when the parser runs out of
//! tokens. Krait's parser takes whole sources, so the loop asks instead
//! whether the lines so far could still become a statement: an open
//! bracket or triple-quoted string, a trailing backslash, or a compound
//! statement, which a blank line ends.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::str::as_rust_str;
use crate::vm::Vm;
use krait_compiler::Mode;
use krait_parser::ast::{Mod, StmtKind};
use std::io::{BufRead, Write};

/// What reading a line gave.
pub enum Line {
    /// A line with its newline, if it had one.
    Text(String),
    /// The end of the input.
    End,
    /// Ctrl-C while reading.
    Interrupted,
}

/// How the prompt reads a line: by default from standard input with the
/// prompt on standard error (`PyOS_StdioReadline`); the `readline`
/// module installs a line editor for terminals.
pub type ReadLine = fn(&Vm, &str) -> Line;

/// Reads a line from the process's standard input, writing the prompt to
/// its standard error first.
pub fn read_line_stdio(_vm: &Vm, prompt: &str) -> Line {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(prompt.as_bytes());
    let _ = stderr.flush();
    let mut bytes = Vec::new();
    match std::io::stdin().lock().read_until(b'\n', &mut bytes) {
        Ok(0) => Line::End,
        Ok(_) => Line::Text(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => Line::Interrupted,
        Err(_) => Line::End,
    }
}

/// The prompt's loop, over the namespace of `__main__` (made if no
/// program ran). Gives the exit status a `SystemExit` asked for, or 0 at
/// the end of the input.
pub fn interactive_loop(vm: &Vm) -> i32 {
    for (name, default) in [("ps1", ">>> "), ("ps2", "... ")] {
        if crate::modules::sys::sys_attr(vm, &vm.intern(name)).is_none() {
            crate::modules::sys::set_sys_attr(vm, name, vm.new_str(default));
        }
    }
    let globals = crate::run::main_namespace(vm);
    loop {
        let source = match read_statement(vm) {
            Some(source) => source,
            None => return 0,
        };
        let result = run_statement(vm, &source, &globals);
        crate::modules::io::flush_std_files(vm);
        if let Err(e) = result {
            if vm.is_instance(&e.0, &vm.exceptions.system_exit) {
                return crate::run::report_uncaught(vm, &e.0);
            }
            crate::run::print_exception(vm, &e.0);
            crate::modules::io::flush_std_files(vm);
        }
    }
}

/// `str(sys.<name>)`, or "" if it is unset or cannot be made a str.
fn prompt(vm: &Vm, name: &str) -> String {
    crate::modules::sys::sys_attr(vm, &vm.intern(name))
        .and_then(|p| vm.str(&p).ok())
        .map(|s| as_rust_str(&s).into_owned())
        .unwrap_or_default()
}

/// Reads the lines of one statement; none at the end of the input. Ctrl-C
/// drops what was read, as CPython's prompt does.
fn read_statement(vm: &Vm) -> Option<String> {
    let mut source = String::new();
    loop {
        crate::modules::io::flush_std_files(vm);
        let first = source.is_empty();
        let line = match (vm.read_line.get())(vm, &prompt(vm, if first { "ps1" } else { "ps2" })) {
            Line::Text(line) => line,
            Line::End => {
                let _ = std::io::stderr().write_all(b"\n");
                // What was read is all there is: it runs or fails as it is.
                return (!first).then_some(source);
            }
            Line::Interrupted => {
                crate::modules::io::write_stderr(vm, "\nKeyboardInterrupt\n");
                source.clear();
                continue;
            }
        };
        let blank = line.trim().is_empty();
        source.push_str(&line);
        if first && (blank || line.trim_start().starts_with('#')) {
            source.clear();
            continue;
        }
        // A line cut short by the end of the input: the next read finds
        // the end, and the statement runs as it is.
        if !line.ends_with('\n') {
            continue;
        }
        if !needs_more(&source, blank) {
            return Some(source);
        }
    }
}

/// Whether the lines read so far could still grow into one statement.
fn needs_more(source: &str, ends_with_blank: bool) -> bool {
    match krait_parser::parse_module(source.as_bytes()) {
        Ok(Mod::Module { body, .. }) => {
            !ends_with_blank && body.first().is_some_and(|s| is_compound(&s.kind))
        }
        Ok(_) => false,
        Err(e) => {
            let msg = e.msg.as_str();
            let unclosed =
                msg.ends_with("was never closed") || msg.starts_with("unterminated triple-quoted");
            let unfinished = msg == "unexpected EOF while parsing"
                || msg.starts_with("expected an indented block")
                || msg == "expected 'except' or 'finally' block"
                || source.trim_start().starts_with('@');
            unclosed || (unfinished && !ends_with_blank)
        }
    }
}

/// Statements with a block, which only a blank line ends at the prompt.
fn is_compound(kind: &StmtKind) -> bool {
    matches!(
        kind,
        StmtKind::FunctionDef { .. }
            | StmtKind::AsyncFunctionDef { .. }
            | StmtKind::ClassDef { .. }
            | StmtKind::For { .. }
            | StmtKind::AsyncFor { .. }
            | StmtKind::While { .. }
            | StmtKind::If { .. }
            | StmtKind::With { .. }
            | StmtKind::AsyncWith { .. }
            | StmtKind::Match { .. }
            | StmtKind::Try { .. }
            | StmtKind::TryStar { .. }
    )
}

/// Compiles one statement as "single" and runs it in `globals`.
fn run_statement(vm: &Vm, source: &str, globals: &Object) -> PyResult<()> {
    let code = krait_compiler::compile_source(
        source.as_bytes(),
        "<stdin>",
        Mode::Single,
        vm.optimize.get(),
    )
    .map_err(|e| crate::exceptions::syntax_error(vm, &e, "<stdin>", source.as_bytes()))?;
    let code = crate::objects::code::new_code(vm, code)?;
    crate::eval::run_code(vm, &code, globals, Some(globals))?;
    Ok(())
}
