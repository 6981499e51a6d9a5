//! `readline` (Modules/readline.c): line editing, history and tab
//! completion at the interactive prompt and in `input()`, with the
//! interface CPython gives over GNU readline. Importing it puts its
//! editor (editor.rs) behind `vm.read_line`, as `PyInit_readline` sets
//! `PyOS_ReadlineFunctionPointer`.
//!
//! What GNU readline keeps in globals lives here in the interpreter's
//! module state, one [`ReadlineState`]; a Python completer that asks for
//! the line or the history while the editor runs reads fields apart from
//! the editor's.

mod editor;
mod history;
mod inputrc;

use crate::errors::PyResult;
use crate::object::{self, Object};
use crate::objects::function::{check_function_arity, NativeFn};
use crate::objects::getargs::int_arg;
use crate::objects::str::StrObject;
use crate::typeobject::{Args, Layout};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// The key of the state in the interpreter's module state.
const STATE: &str = "readline.state";

/// GNU readline 8.2, whose interface this module gives.
const READLINE_VERSION: i64 = 0x0802;

/// The word delimiters Python gives readline: every character that is
/// not alphanumeric, save '.' and '_'.
const DEFAULT_DELIMS: &str = " \t\n`~!@#$%^&*()-=+[{]}\\|;:'\",<>/?";

/// What readline keeps between calls (`readlinestate` and GNU
/// readline's own globals).
#[derive(krait_derive::Traverse)]
pub struct ReadlineState {
    completer: RefCell<Option<Object>>,
    startup_hook: RefCell<Option<Object>>,
    pre_input_hook: RefCell<Option<Object>>,
    completion_display_matches_hook: RefCell<Option<Object>>,
    #[traverse(skip)]
    history: RefCell<history::History>,
    /// The most lines a history file keeps; negative for no limit.
    #[traverse(skip)]
    history_length: Cell<i32>,
    #[traverse(skip)]
    auto_history: Cell<bool>,
    #[traverse(skip)]
    delims: RefCell<String>,
    /// The line being edited and the cursor's byte offset in it
    /// (`rl_line_buffer`, `rl_point`).
    #[traverse(skip)]
    line_buffer: RefCell<(String, usize)>,
    #[traverse(skip)]
    begidx: Cell<usize>,
    #[traverse(skip)]
    endidx: Cell<usize>,
    #[traverse(skip)]
    completion_type: Cell<u8>,
    #[traverse(skip)]
    settings: RefCell<inputrc::Settings>,
    /// The init file read last, which `read_init_file()` reads again.
    #[traverse(skip)]
    init_file: RefCell<Option<PathBuf>>,
    #[traverse(skip)]
    editor: RefCell<Option<editor::LineEditor>>,
    /// The width of the line Ctrl-C or Ctrl-D ended, which the editor's
    /// key handlers note (they must be `Sync`).
    #[traverse(skip)]
    ended_line_width: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl ReadlineState {
    fn new() -> ReadlineState {
        ReadlineState {
            completer: RefCell::new(None),
            startup_hook: RefCell::new(None),
            pre_input_hook: RefCell::new(None),
            completion_display_matches_hook: RefCell::new(None),
            history: RefCell::new(history::History::default()),
            history_length: Cell::new(-1),
            auto_history: Cell::new(true),
            delims: RefCell::new(DEFAULT_DELIMS.to_string()),
            line_buffer: RefCell::new((String::new(), 0)),
            begidx: Cell::new(0),
            endidx: Cell::new(0),
            completion_type: Cell::new(0),
            settings: RefCell::new(inputrc::Settings::default()),
            init_file: RefCell::new(None),
            editor: RefCell::new(None),
            ended_line_width: Default::default(),
        }
    }
}

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    super::set_attr(
        vm,
        module,
        "__doc__",
        vm.new_str("Importing this module enables command line editing using GNU readline."),
    );
    super::set_attr(
        vm,
        module,
        "_READLINE_VERSION",
        vm.new_int(READLINE_VERSION),
    );
    super::set_attr(
        vm,
        module,
        "_READLINE_RUNTIME_VERSION",
        vm.new_int(READLINE_VERSION),
    );
    super::set_attr(vm, module, "_READLINE_LIBRARY_VERSION", vm.new_str("8.2"));
    super::add_functions(vm, module, FUNCTIONS);
    // Each import starts afresh, as each module object has its own state
    // and `setup_readline` clears the history.
    let ty = super::module_state(vm, "readline.state_type", |vm| {
        Ok(super::new_type(
            vm,
            "readline",
            "readline_state",
            Layout::Readline,
            0,
            |_| {},
        ))
    })?;
    let state = object::alloc(&ty, ReadlineState::new());
    vm.module_state.borrow_mut().insert(STATE, state.clone());
    // Readline reads the user's init file when it starts; one that is
    // missing or unreadable is no error.
    let _ = read_init_file(payload(&state), None);
    vm.read_line.set(editor::read_line);
    Ok(())
}

/// The state of the imported module, if it was imported.
fn state_of(vm: &Vm) -> Option<Object> {
    vm.module_state.borrow().get(STATE).cloned()
}

/// The state, for a function of the module (which exists only once the
/// module is imported, so the state does too).
fn state(vm: &Vm) -> PyResult<Object> {
    state_of(vm).ok_or_else(|| vm.new_runtime_error("readline is not initialized"))
}

fn payload(state: &Object) -> &ReadlineState {
    state
        .payload::<ReadlineState>()
        .expect("readline's state object holds its state")
}

/// The arguments of a function taking positional ones only, with
/// CPython's messages: those with one fixed argument or none name the
/// module, as METH_O and METH_NOARGS functions do.
fn arguments<'a>(
    vm: &Vm,
    name: &str,
    args: Args<'a>,
    min: usize,
    max: usize,
) -> PyResult<&'a [Object]> {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("readline.{name}() takes no keyword arguments")));
    }
    let shown = if min == max && max <= 1 {
        format!("readline.{name}")
    } else {
        name.to_string()
    };
    check_function_arity(vm, &shown, args, min, max)?;
    Ok(args.values)
}

/// A str argument as the bytes readline is given (the module's `encode`:
/// the locale's encoding with surrogateescape).
fn encode(vm: &Vm, value: &Object) -> PyResult<Vec<u8>> {
    let Some(s) = value.payload::<StrObject>() else {
        return Err(vm.new_type_error("bad argument type for built-in operation"));
    };
    let bytes = crate::objects::codecs::encode(
        vm,
        value,
        &s.wide(),
        crate::objects::codecs::Codec::Utf8,
        "surrogateescape",
    )?;
    if bytes.contains(&0) {
        return Err(vm.new_value_error("embedded null character"));
    }
    Ok(bytes)
}

/// Bytes readline gives back, as str (the module's `decode`).
fn decode(vm: &Vm, bytes: &[u8]) -> PyResult {
    crate::objects::str::decode_to_str(vm, &vm.none, bytes, "utf-8", "surrogateescape")
}

/// A file name argument (`PyUnicode_FSConverter`), or `default` under
/// the home directory when it is None or not given.
fn file_argument(vm: &Vm, value: Option<&Object>, default: &str) -> PyResult<PathBuf> {
    match value {
        Some(v) if !vm.is_none(v) => {
            let path = crate::modules::io::fileio::path_bytes(vm, v)?;
            Ok(PathBuf::from(OsStr::from_bytes(path.as_bytes())))
        }
        _ => Ok(home_dir().join(default)),
    }
}

/// `$HOME`, or the current directory without one, as readline's
/// `tilde_expand` falls back to.
fn home_dir() -> PathBuf {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from)
}

/// The OSError for a failed history or init file operation: readline
/// gives only an errno, so the error names no file.
fn file_error(vm: &Vm, e: &std::io::Error) -> crate::errors::PyErr {
    crate::exceptions::from_io_error(vm, e, None)
}

/// Reads an init file: the one named, else the one read last, else
/// `$INPUTRC`, else ~/.inputrc, falling back to /etc/inputrc
/// (`rl_read_init_file`).
fn read_init_file(state: &ReadlineState, file: Option<PathBuf>) -> std::io::Result<()> {
    let file = file.or_else(|| state.init_file.borrow().clone());
    let candidates = match file {
        Some(file) => vec![file],
        None => match std::env::var_os("INPUTRC").filter(|f| !f.is_empty()) {
            Some(file) => vec![PathBuf::from(file)],
            None => vec![home_dir().join(".inputrc"), PathBuf::from("/etc/inputrc")],
        },
    };
    let mut error = std::io::Error::from_raw_os_error(libc::ENOENT);
    for file in candidates {
        match std::fs::read(&file) {
            Ok(text) => {
                state
                    .settings
                    .borrow_mut()
                    .parse(&String::from_utf8_lossy(&text));
                *state.init_file.borrow_mut() = Some(file);
                return Ok(());
            }
            Err(e) => error = e,
        }
    }
    Err(error)
}

/// Writes the history to a file with `write`, then truncates the file
/// to the history length, if there is one.
fn save_history(
    vm: &Vm,
    path: &Path,
    write: impl FnOnce(&history::History) -> std::io::Result<()>,
) -> PyResult {
    let state = state(vm)?;
    let state = payload(&state);
    let written = write(&state.history.borrow());
    written
        .and_then(|()| match usize::try_from(state.history_length.get()) {
            Ok(lines) => history::truncate_file(path, lines),
            Err(_) => Ok(()),
        })
        .map_err(|e| file_error(vm, &e))?;
    Ok(vm.none.clone())
}

/// `set_completer`, `set_startup_hook` and the like: a callable, or
/// None to remove it (`set_hook`).
fn set_hook(
    vm: &Vm,
    name: &str,
    args: Args,
    slot: fn(&ReadlineState) -> &RefCell<Option<Object>>,
) -> PyResult {
    let values = arguments(vm, name, args, 0, 1)?;
    let function = values.first().filter(|f| !vm.is_none(f)).cloned();
    if let Some(f) = &function {
        if vm.type_payload_of(f).slots.call.get().is_none() {
            return Err(vm.new_type_error(format!("{name}(func): argument not callable")));
        }
    }
    let state = state(vm)?;
    *slot(payload(&state)).borrow_mut() = function;
    Ok(vm.none.clone())
}

static FUNCTIONS: &[(&str, NativeFn)] = &[
    ("parse_and_bind", |vm, args| {
        let values = arguments(vm, "parse_and_bind", args, 1, 1)?;
        let line = encode(vm, &values[0])?;
        let state = state(vm)?;
        payload(&state)
            .settings
            .borrow_mut()
            .parse(&String::from_utf8_lossy(&line));
        Ok(vm.none.clone())
    }),
    ("read_init_file", |vm, args| {
        let values = arguments(vm, "read_init_file", args, 0, 1)?;
        let file = match values.first().filter(|v| !vm.is_none(v)) {
            Some(v) => Some(file_argument(vm, Some(v), "")?),
            None => None,
        };
        let state = state(vm)?;
        read_init_file(payload(&state), file).map_err(|e| file_error(vm, &e))?;
        Ok(vm.none.clone())
    }),
    ("read_history_file", |vm, args| {
        let values = arguments(vm, "read_history_file", args, 0, 1)?;
        let path = file_argument(vm, values.first(), ".history")?;
        let state = state(vm)?;
        let read = payload(&state).history.borrow_mut().read_file(&path);
        read.map_err(|e| file_error(vm, &e))?;
        Ok(vm.none.clone())
    }),
    ("write_history_file", |vm, args| {
        let values = arguments(vm, "write_history_file", args, 0, 1)?;
        let path = file_argument(vm, values.first(), ".history")?;
        save_history(vm, &path, |history| history.write_file(&path))
    }),
    ("append_history_file", |vm, args| {
        let values = arguments(vm, "append_history_file", args, 1, 2)?;
        let count = int_arg(vm, &values[0])?;
        let path = file_argument(vm, values.get(1), ".history")?;
        save_history(vm, &path, |history| history.append_file(count, &path))
    }),
    ("get_history_item", |vm, args| {
        let values = arguments(vm, "get_history_item", args, 1, 1)?;
        let index = int_arg(vm, &values[0])?;
        let state = state(vm)?;
        // The index is one-based, as `history_get`'s with `history_base` 1.
        let entry = usize::try_from(index)
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| payload(&state).history.borrow().get(i).map(<[u8]>::to_vec));
        match entry {
            Some(entry) => decode(vm, &entry),
            None => Ok(vm.none.clone()),
        }
    }),
    ("get_current_history_length", |vm, args| {
        arguments(vm, "get_current_history_length", args, 0, 0)?;
        let state = state(vm)?;
        let length = payload(&state).history.borrow().entries.len();
        Ok(vm.new_int(length as i64))
    }),
    ("set_history_length", |vm, args| {
        let values = arguments(vm, "set_history_length", args, 1, 1)?;
        let length = int_arg(vm, &values[0])?;
        payload(&state(vm)?).history_length.set(length);
        Ok(vm.none.clone())
    }),
    ("get_history_length", |vm, args| {
        arguments(vm, "get_history_length", args, 0, 0)?;
        let length = payload(&state(vm)?).history_length.get();
        Ok(vm.new_int(i64::from(length)))
    }),
    ("set_completer", |vm, args| {
        set_hook(vm, "set_completer", args, |s| &s.completer)
    }),
    ("get_completer", |vm, args| {
        arguments(vm, "get_completer", args, 0, 0)?;
        let state = state(vm)?;
        let completer = payload(&state).completer.borrow().clone();
        Ok(completer.unwrap_or_else(|| vm.none.clone()))
    }),
    ("get_completion_type", |vm, args| {
        arguments(vm, "get_completion_type", args, 0, 0)?;
        let kind = payload(&state(vm)?).completion_type.get();
        Ok(vm.new_int(i64::from(kind)))
    }),
    ("get_begidx", |vm, args| {
        arguments(vm, "get_begidx", args, 0, 0)?;
        Ok(vm.new_int(payload(&state(vm)?).begidx.get() as i64))
    }),
    ("get_endidx", |vm, args| {
        arguments(vm, "get_endidx", args, 0, 0)?;
        Ok(vm.new_int(payload(&state(vm)?).endidx.get() as i64))
    }),
    ("set_completer_delims", |vm, args| {
        let values = arguments(vm, "set_completer_delims", args, 1, 1)?;
        let delims = encode(vm, &values[0])?;
        *payload(&state(vm)?).delims.borrow_mut() = String::from_utf8_lossy(&delims).into_owned();
        Ok(vm.none.clone())
    }),
    ("get_completer_delims", |vm, args| {
        arguments(vm, "get_completer_delims", args, 0, 0)?;
        let state = state(vm)?;
        let delims = payload(&state).delims.borrow().clone();
        Ok(vm.new_str(&delims))
    }),
    ("set_auto_history", |vm, args| {
        let values = arguments(vm, "set_auto_history", args, 1, 1)?;
        let enabled = vm.is_true(&values[0])?;
        payload(&state(vm)?).auto_history.set(enabled);
        Ok(vm.none.clone())
    }),
    ("add_history", |vm, args| {
        let values = arguments(vm, "add_history", args, 1, 1)?;
        let line = encode(vm, &values[0])?;
        payload(&state(vm)?).history.borrow_mut().entries.push(line);
        Ok(vm.none.clone())
    }),
    ("remove_history_item", |vm, args| {
        let values = arguments(vm, "remove_history_item", args, 1, 1)?;
        let pos = int_arg(vm, &values[0])?;
        let state = state(vm)?;
        let mut history = payload(&state).history.borrow_mut();
        match history_position(vm, pos, history.entries.len())? {
            Some(i) => {
                history.entries.remove(i);
                Ok(vm.none.clone())
            }
            None => Err(vm.new_value_error(format!("No history item at position {pos}"))),
        }
    }),
    ("replace_history_item", |vm, args| {
        let values = arguments(vm, "replace_history_item", args, 2, 2)?;
        let pos = int_arg(vm, &values[0])?;
        if values[1].payload::<StrObject>().is_none() {
            return Err(vm.new_type_error(format!(
                "replace_history_item() argument 2 must be str, not {}",
                crate::objects::getargs::clinic_type_name(vm, &values[1])
            )));
        }
        let state = state(vm)?;
        let len = payload(&state).history.borrow().entries.len();
        let position = history_position(vm, pos, len)?;
        let line = encode(vm, &values[1])?;
        match position {
            Some(i) => {
                payload(&state).history.borrow_mut().entries[i] = line;
                Ok(vm.none.clone())
            }
            None => Err(vm.new_value_error(format!("No history item at position {pos}"))),
        }
    }),
    ("clear_history", |vm, args| {
        arguments(vm, "clear_history", args, 0, 0)?;
        payload(&state(vm)?).history.borrow_mut().entries.clear();
        Ok(vm.none.clone())
    }),
    ("set_completion_display_matches_hook", |vm, args| {
        set_hook(vm, "set_completion_display_matches_hook", args, |s| {
            &s.completion_display_matches_hook
        })
    }),
    ("set_startup_hook", |vm, args| {
        set_hook(vm, "set_startup_hook", args, |s| &s.startup_hook)
    }),
    ("set_pre_input_hook", |vm, args| {
        set_hook(vm, "set_pre_input_hook", args, |s| &s.pre_input_hook)
    }),
    ("get_line_buffer", |vm, args| {
        arguments(vm, "get_line_buffer", args, 0, 0)?;
        let state = state(vm)?;
        let line = payload(&state).line_buffer.borrow().0.clone();
        Ok(vm.new_str(&line))
    }),
    ("insert_text", |vm, args| {
        let values = arguments(vm, "insert_text", args, 1, 1)?;
        let text = encode(vm, &values[0])?;
        let text = String::from_utf8_lossy(&text);
        let state = state(vm)?;
        let (line, point) = &mut *payload(&state).line_buffer.borrow_mut();
        line.insert_str(*point, &text);
        *point += text.len();
        Ok(vm.none.clone())
    }),
    ("redisplay", |vm, args| {
        // The editor draws the line itself whenever it changes.
        arguments(vm, "redisplay", args, 0, 0)?;
        Ok(vm.none.clone())
    }),
];

/// A zero-based history position: ValueError if negative, None past the
/// end.
fn history_position(vm: &Vm, pos: i32, len: usize) -> PyResult<Option<usize>> {
    let Ok(pos) = usize::try_from(pos) else {
        return Err(vm.new_value_error("History index cannot be negative"));
    };
    Ok((pos < len).then_some(pos))
}
