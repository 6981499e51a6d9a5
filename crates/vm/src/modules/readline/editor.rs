//! The line editor the `readline` module puts behind the interactive
//! prompt and `input()` (Modules/readline.c's `call_readline`, with GNU
//! readline's editing): rustyline's editor, given the module's history
//! before each line, and tab completion through the Python completer
//! (`flex_complete` and `on_completion`).

use super::{state_of, ReadlineState};
use crate::interactive::{read_line_stdio, Line};
use crate::object::Object;
use crate::objects::str::as_rust_str;
use crate::typeobject::Args;
use crate::vm::Vm;
use rustyline::completion::Completer;
use rustyline::config::Configurer;
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::{History as _, MemHistory};
use rustyline::validate::Validator;
use rustyline::{
    Cmd, CompletionType, ConditionalEventHandler, Config, Context, Editor, Event, EventContext,
    EventHandler, KeyCode, KeyEvent, Modifiers, RepeatCount,
};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The editor, with the history it recalls lines from.
pub(crate) type LineEditor = Editor<CompletionHelper, MemHistory>;

/// What rustyline asks for completions: the interpreter the completer
/// runs in.
pub(crate) struct CompletionHelper {
    vm: *const Vm,
}

impl Completer for CompletionHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        // SAFETY: the helper belongs to an editor kept in this
        // interpreter's readline state, which the boxed `Vm` outlives, and
        // rustyline calls it only inside `read_line`, on the interpreter's
        // own thread, while that `&Vm` is borrowed.
        let vm = unsafe { &*self.vm };
        Ok(complete(vm, line, pos))
    }
}

impl Hinter for CompletionHelper {
    type Hint = String;
}

impl Highlighter for CompletionHelper {}

impl Validator for CompletionHelper {}

impl rustyline::Helper for CompletionHelper {}

/// The word before the cursor, cut at the completer delimiters, and what
/// the completer gives for it: `completer(text, state)` for state 0, 1,
/// ... until it gives something other than a str. Its errors end the
/// matches and are dropped, as readline has no way to report them.
fn complete(vm: &Vm, line: &str, pos: usize) -> (usize, Vec<String>) {
    let Some(state) = state_of(vm) else {
        return (pos, Vec::new());
    };
    let state = state.payload::<ReadlineState>().expect("readline's state");
    let start = {
        let delims = state.delims.borrow();
        line[..pos]
            .char_indices()
            .rev()
            .find(|&(_, c)| delims.contains(c))
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    let begidx = line[..start].chars().count();
    state.begidx.set(begidx);
    state.endidx.set(begidx + line[start..pos].chars().count());
    *state.line_buffer.borrow_mut() = (line.to_string(), pos);
    let Some(completer) = state.completer.borrow().clone() else {
        return (start, Vec::new());
    };
    // A Tab asks for completion (`rl_completion_type` is TAB).
    state.completion_type.set(b'\t');
    let text = vm.new_str(&line[start..pos]);
    let mut matches = Vec::new();
    for i in 0.. {
        match vm.call(
            &completer,
            Args::positional_only(&[text.clone(), vm.new_int(i)]),
        ) {
            Ok(m) if m.payload::<crate::objects::str::StrObject>().is_some() => {
                matches.push(as_rust_str(&m).into_owned());
            }
            _ => break,
        }
    }
    state.completion_type.set(0);
    // Readline lists matches sorted, each once.
    matches.sort();
    matches.dedup();
    (start, matches)
}

/// Calls a startup or pre-input hook; what it raises is dropped, as
/// readline's `on_hook` drops it.
fn call_hook(vm: &Vm, hook: &std::cell::RefCell<Option<Object>>) {
    let hook = hook.borrow().clone();
    if let Some(hook) = hook {
        let _ = vm.call(&hook, Args::positional_only(&[]));
    }
}

/// Reads a line with the editor when standard input and output are
/// both terminals, else as the prompt does without it (`PyOS_Readline`
/// takes the stdio reader then).
pub(crate) fn read_line(vm: &Vm, prompt: &str) -> Line {
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        return read_line_stdio(vm, prompt);
    }
    let Some(state) = state_of(vm) else {
        return read_line_stdio(vm, prompt);
    };
    let state = state.payload::<ReadlineState>().expect("readline's state");
    // A new line starts empty; the hooks may put text in it.
    *state.line_buffer.borrow_mut() = (String::new(), 0);
    call_hook(vm, &state.startup_hook);
    call_hook(vm, &state.pre_input_hook);
    // The editor is busy when a completer or hook asks for a line.
    let Ok(mut slot) = state.editor.try_borrow_mut() else {
        return read_line_stdio(vm, prompt);
    };
    if slot.is_none() {
        *slot = new_editor(vm, &state.ended_line_width);
    }
    let Some(editor) = slot.as_mut() else {
        return read_line_stdio(vm, prompt);
    };
    configure(state, editor);
    let initial = state.line_buffer.borrow().clone();
    let (left, right) = initial.0.split_at(initial.1.min(initial.0.len()));
    state.ended_line_width.store(0, Ordering::Relaxed);
    let result = editor.readline_with_initial(prompt, (left, right));
    drop(slot);
    match result {
        Ok(line) => {
            let entry = line.as_bytes().to_vec();
            let mut history = state.history.borrow_mut();
            // Each line once in a row, as `call_readline` adds them.
            if state.auto_history.get()
                && !line.is_empty()
                && history.entries.last() != Some(&entry)
            {
                history.entries.push(entry);
            }
            // Readline empties its buffer once it gives the line.
            *state.line_buffer.borrow_mut() = (String::new(), 0);
            Line::Text(line + "\n")
        }
        Err(ReadlineError::Interrupted) => {
            return_to_line_end(state, prompt);
            Line::Interrupted
        }
        Err(ReadlineError::Eof) => {
            return_to_line_end(state, prompt);
            Line::End
        }
        Err(_) => Line::End,
    }
}

/// Puts the cursor back at the end of the line that Ctrl-C or Ctrl-D
/// ended: rustyline moves to a new line, where readline stays, and the
/// prompt's loop writes the newline after "KeyboardInterrupt" or at the
/// end of the input itself.
fn return_to_line_end(state: &ReadlineState, prompt: &str) {
    let columns = match state
        .editor
        .try_borrow_mut()
        .ok()
        .as_deref_mut()
        .and_then(|e| e.as_mut()?.dimensions())
    {
        Some((columns, _)) if columns > 0 => usize::from(columns),
        _ => return,
    };
    let width = prompt.chars().count() + state.ended_line_width.load(Ordering::Relaxed);
    let mut out = std::io::stdout().lock();
    let _ = match width % columns {
        0 => write!(out, "\x1b[A\r"),
        column => write!(out, "\x1b[A\r\x1b[{column}C"),
    };
    let _ = out.flush();
}

/// Ctrl-C and Ctrl-D note the width of the line they end, which
/// rustyline does not give back with the error.
struct NoteLineWidth(Arc<AtomicUsize>);

impl ConditionalEventHandler for NoteLineWidth {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        self.0.store(ctx.line().chars().count(), Ordering::Relaxed);
        None
    }
}

/// A new editor, or None if the terminal cannot have one.
fn new_editor(vm: &Vm, ended_line_width: &Arc<AtomicUsize>) -> Option<LineEditor> {
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .bracketed_paste(false)
        .build();
    let history = MemHistory::with_config(&config);
    let mut editor = Editor::with_history(config, history).ok()?;
    editor.set_helper(Some(CompletionHelper {
        vm: vm as *const Vm,
    }));
    // Meta-Tab completes whatever Tab does, as CPython binds it.
    editor.bind_sequence(KeyEvent(KeyCode::Tab, Modifiers::ALT), Cmd::Complete);
    for key in ['C', 'D'] {
        let handler = NoteLineWidth(Arc::clone(ended_line_width));
        editor.bind_sequence(
            KeyEvent::ctrl(key),
            EventHandler::Conditional(Box::new(handler)),
        );
    }
    Some(editor)
}

/// Gives the editor the module's history and what init lines set.
fn configure(state: &ReadlineState, editor: &mut LineEditor) {
    let settings = state.settings.borrow();
    editor.set_edit_mode(settings.edit_mode);
    editor.set_completion_show_all_if_ambiguous(settings.show_all_if_ambiguous);
    editor.set_completion_prompt_limit(settings.query_items);
    editor.set_bell_style(settings.bell_style);
    let tab = if settings.tab_completes {
        Cmd::Complete
    } else {
        Cmd::Insert(1, "\t".to_string())
    };
    editor.bind_sequence(KeyEvent(KeyCode::Tab, Modifiers::NONE), tab);
    let history = editor.history_mut();
    let _ = history.clear();
    let entries = &state.history.borrow().entries;
    let _ = history.set_max_len(entries.len().max(1));
    let _ = history.ignore_dups(false);
    for entry in entries {
        let _ = history.add(&String::from_utf8_lossy(entry));
    }
}
