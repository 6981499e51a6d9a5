//! The `_io` module (Modules/_io/_iomodule.c): the classes of the I/O
//! stack, `open`, and the standard streams built on them.
//!
//! A file opened in text mode is three objects, as in CPython: a
//! [`textio`] `TextIOWrapper` that encodes and decodes, over a
//! [`buffered`] `BufferedReader`/`Writer`/`Random` that batches system
//! calls, over a [`fileio`] `FileIO` that makes them. Each layer talks to
//! the one below through its Python methods, so any object with the
//! right methods can stand in; when the layer below is the exact native
//! class, the call is made directly in Rust, which is what keeps `print`
//! as fast as CPython's. The abstract bases with their default methods
//! are in [`iobase`]; [`stringio`] and [`bytesio`] are the in-memory
//! streams.
//!
//! The classes are made with the interpreter (they are in [`IoTypes`],
//! `vm.io`), since `open` and `sys.stdout` need them before anything is
//! imported; the `_io` module only names them.

pub mod buffered;
pub mod bytesio;
pub mod fileio;
pub mod iobase;
pub mod stringio;
pub mod textio;

use crate::config::Config;
use crate::errors::{PyErr, PyResult};
use crate::exceptions::ExceptionTypes;
use crate::object::{type_payload, Object};
use crate::objects::getargs::{bind, clinic_type_name, int_arg, str_arg};
use crate::objects::str::StrObject;
use crate::typeobject::{flags, new_static_type, Args, Layout};
use crate::vm::Vm;

/// The buffer size of buffered streams when the file system gives none
/// (`DEFAULT_BUFFER_SIZE`).
pub const DEFAULT_BUFFER_SIZE: usize = 8192;

/// The classes of the `_io` module.
pub struct IoTypes {
    pub io_base: Object,
    pub raw_io_base: Object,
    pub buffered_io_base: Object,
    pub text_io_base: Object,
    pub file_io: Object,
    pub bytes_io: Object,
    pub string_io: Object,
    pub buffered_reader: Object,
    pub buffered_writer: Object,
    pub buffered_random: Object,
    pub buffered_rw_pair: Object,
    pub text_io_wrapper: Object,
    pub incremental_newline_decoder: Object,
    /// `io.UnsupportedOperation`, an OSError and a ValueError.
    pub unsupported_operation: Object,
}

impl IoTypes {
    pub(crate) fn new(
        type_type: &Object,
        object_type: &Object,
        exceptions: &ExceptionTypes,
    ) -> IoTypes {
        let base = flags::BASETYPE;
        let make = |name: &str, layout: Layout, parent: &Object| {
            new_static_type(type_type, name, layout, parent, base)
        };
        let io_base = make("_IOBase", Layout::Object, object_type);
        let raw_io_base = make("_RawIOBase", Layout::Object, &io_base);
        let buffered_io_base = make("_BufferedIOBase", Layout::Object, &io_base);
        let text_io_base = make("_TextIOBase", Layout::Object, &io_base);
        let unsupported_operation = crate::exceptions::new_exception_type(
            type_type,
            "UnsupportedOperation",
            &[&exceptions.os_error, &exceptions.value_error],
        );
        let tp = type_payload(&unsupported_operation);
        // Made by `PyErr_NewException`, so a heap type: io.py renames its
        // module.
        tp.flags.set(tp.flags.get() | flags::HEAPTYPE);
        IoTypes {
            file_io: make("FileIO", Layout::FileIO, &raw_io_base),
            bytes_io: make("BytesIO", Layout::BytesIO, &buffered_io_base),
            string_io: make("StringIO", Layout::StringIO, &text_io_base),
            buffered_reader: make("BufferedReader", Layout::Buffered, &buffered_io_base),
            buffered_writer: make("BufferedWriter", Layout::Buffered, &buffered_io_base),
            buffered_random: make("BufferedRandom", Layout::Buffered, &buffered_io_base),
            buffered_rw_pair: make("BufferedRWPair", Layout::BufferedRWPair, &buffered_io_base),
            text_io_wrapper: make("TextIOWrapper", Layout::TextIOWrapper, &text_io_base),
            incremental_newline_decoder: make(
                "IncrementalNewlineDecoder",
                Layout::NewlineDecoder,
                object_type,
            ),
            io_base,
            raw_io_base,
            buffered_io_base,
            text_io_base,
            unsupported_operation,
        }
    }

    /// The classes in the order their bases come first.
    fn all(&self) -> [&Object; 13] {
        [
            &self.io_base,
            &self.raw_io_base,
            &self.buffered_io_base,
            &self.text_io_base,
            &self.file_io,
            &self.bytes_io,
            &self.string_io,
            &self.buffered_reader,
            &self.buffered_writer,
            &self.buffered_random,
            &self.buffered_rw_pair,
            &self.text_io_wrapper,
            &self.incremental_newline_decoder,
        ]
    }
}

/// Fills in the classes' methods, at start-up.
pub(crate) fn init(vm: &Vm) {
    for ty in vm.io.all() {
        crate::typeobject::set_default_doc(vm, ty);
        let tp = type_payload(ty);
        tp.dict
            .set_str(vm, vm.names.__module__.clone(), vm.new_str("_io"));
        // Every I/O object has an instance dict; a class of the same
        // layout as its base keeps the base's.
        let base = tp.base.borrow().clone();
        let inherited = base.as_ref().and_then(|b| {
            let btp = type_payload(b);
            btp.dict_offset.get().filter(|_| btp.layout == tp.layout)
        });
        match inherited {
            Some(offset) => {
                tp.dict_offset.set(Some(offset));
                tp.instance_slots.borrow_mut().push(offset);
                tp.basicsize.set(offset + std::mem::size_of::<usize>());
                tp.flags.set(tp.flags.get() | flags::HAS_DICT);
            }
            None if !ty.is(&vm.io.incremental_newline_decoder) => {
                crate::typeobject::give_instance_dict(vm, ty)
            }
            None => {}
        }
    }
    type_payload(&vm.io.unsupported_operation).dict.set_str(
        vm,
        vm.names.__module__.clone(),
        vm.new_str("io"),
    );
    iobase::init(vm);
    fileio::init(vm);
    buffered::init(vm);
    textio::init(vm);
    stringio::init(vm);
    bytesio::init(vm);
    for ty in vm.io.all() {
        crate::slots::add_slot_wrappers(vm, ty);
        let tp = type_payload(ty);
        let base = tp.base.borrow().clone();
        if let Some(base) = base {
            tp.slots.inherit(&type_payload(&base).slots);
        }
    }
    // Made before the exceptions had their slots.
    let tp = type_payload(&vm.io.unsupported_operation);
    for base in tp.mro.borrow().iter().skip(1) {
        tp.slots.inherit(&type_payload(base).slots);
    }
}

/// Builds the `_io` module's namespace.
pub(crate) fn init_module(vm: &Vm, module: &Object) -> PyResult<()> {
    let set = |name: &str, value: Object| super::set_attr(vm, module, name, value);
    set(
        "DEFAULT_BUFFER_SIZE",
        vm.new_int(DEFAULT_BUFFER_SIZE as i64),
    );
    set("UnsupportedOperation", vm.io.unsupported_operation.clone());
    set("BlockingIOError", vm.exceptions.blocking_io_error.clone());
    for ty in vm.io.all() {
        set(&type_payload(ty).name(), ty.clone());
    }
    set("open", open_function(vm)?);
    super::add_functions(
        vm,
        module,
        &[("open_code", open_code), ("text_encoding", text_encoding)],
    );
    Ok(())
}

/// The one `open` function: `builtins.open`, which `_io` names too.
fn open_function(vm: &Vm) -> PyResult<Object> {
    match vm
        .builtins_dict
        .payload::<crate::objects::dict::DictObject>()
        .and_then(|d| d.dict.get_str(vm, &vm.intern("open")))
    {
        Some(open) => Ok(open),
        None => Ok(crate::objects::function::new_builtin_function(
            vm, "open", open,
        )),
    }
}

// --- errors shared by the classes -------------------------------------

/// `io.UnsupportedOperation(message)`.
pub fn unsupported(vm: &Vm, message: &str) -> PyErr {
    vm.new_exception(&vm.io.unsupported_operation, message)
}

/// The ValueError of an operation on a closed file; CPython's classes
/// differ in the full stop.
pub fn closed_file(vm: &Vm, full_stop: bool) -> PyErr {
    vm.new_value_error(if full_stop {
        "I/O operation on closed file."
    } else {
        "I/O operation on closed file"
    })
}

/// Whether `object.closed` is true (`_PyFileIO_closed` and the generic
/// `closed` attribute lookup).
pub fn is_closed(vm: &Vm, object: &Object) -> PyResult<bool> {
    let closed = vm.getattr_str(object, "closed")?;
    vm.is_true(&closed)
}

/// `_PyIOBase_check_closed`: ValueError if `object.closed`.
pub fn check_closed(vm: &Vm, object: &Object) -> PyResult<()> {
    if is_closed(vm, object)? {
        return Err(closed_file(vm, true));
    }
    Ok(())
}

/// An optional size argument: None or an int, -1 when absent
/// (`_Py_convert_optional_to_ssize_t`).
pub fn size_arg(vm: &Vm, value: Option<&Object>) -> PyResult<i64> {
    match value {
        None => Ok(-1),
        Some(v) if vm.is_none(v) => Ok(-1),
        Some(v) => match crate::objects::int::index_value(vm, v)? {
            Some(n) => Ok(n),
            None => Err(vm.new_type_error(format!(
                "argument should be integer or None, not '{}'",
                vm.type_name(v)
            ))),
        },
    }
}

/// An optional str argument of `fname`: None or a str.
pub fn optional_str(
    vm: &Vm,
    fname: &str,
    name: &str,
    value: Option<&Object>,
) -> PyResult<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) if vm.is_none(v) => Ok(None),
        Some(v) => match v.payload::<StrObject>() {
            Some(s) => Ok(Some(s.to_string_lossy())),
            None => Err(vm.new_type_error(format!(
                "{fname}() argument '{name}' must be str or None, not {}",
                clinic_type_name(vm, v)
            ))),
        },
    }
}

/// The bytes a `read` returned: bytes, or None for "no data yet".
pub fn bytes_result(vm: &Vm, value: &Object, method: &str) -> PyResult<Option<Vec<u8>>> {
    if vm.is_none(value) {
        return Ok(None);
    }
    match crate::objects::bytes::bytes_like(value) {
        Some(b) => Ok(Some(b)),
        None => Err(vm.new_type_error(format!(
            "{method}() should return bytes, not '{}'",
            vm.type_name(value)
        ))),
    }
}

// --- open() -------------------------------------------------------------

/// What the characters of `open`'s mode ask for.
#[derive(Default)]
struct OpenMode {
    creating: bool,
    reading: bool,
    writing: bool,
    appending: bool,
    updating: bool,
    text: bool,
    binary: bool,
}

fn parse_open_mode(vm: &Vm, mode: &str) -> PyResult<OpenMode> {
    let mut m = OpenMode::default();
    let invalid = || vm.new_value_error(format!("invalid mode: '{mode}'"));
    for (i, c) in mode.chars().enumerate() {
        if !"xrwab+t".contains(c) || mode[i + c.len_utf8()..].contains(c) {
            return Err(invalid());
        }
        match c {
            'x' => m.creating = true,
            'r' => m.reading = true,
            'w' => m.writing = true,
            'a' => m.appending = true,
            '+' => m.updating = true,
            't' => m.text = true,
            _ => m.binary = true,
        }
    }
    if m.text && m.binary {
        return Err(vm.new_value_error("can't have text and binary mode at once"));
    }
    let kinds = [m.creating, m.reading, m.writing, m.appending]
        .iter()
        .filter(|&&k| k)
        .count();
    if kinds > 1 {
        return Err(vm.new_value_error("must have exactly one of create/read/write/append mode"));
    }
    Ok(m)
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None,
/// newline=None, closefd=True, opener=None)` (`_io_open_impl`).
pub(crate) fn open(vm: &Vm, args: Args) -> PyResult {
    let names = [
        "file",
        "mode",
        "buffering",
        "encoding",
        "errors",
        "newline",
        "closefd",
        "opener",
    ];
    let a = bind(vm, "open", args, false, &names, 1)?;
    let file = a[0].clone().unwrap_or_else(|| vm.none.clone());
    let mode = match &a[1] {
        Some(m) => str_arg(vm, "open", "mode", m)?,
        None => "r".to_string(),
    };
    let mut buffering = match &a[2] {
        Some(b) => int_arg(vm, b)?,
        None => -1,
    };
    let encoding = optional_str(vm, "open", "encoding", a[3].as_ref())?;
    let errors = optional_str(vm, "open", "errors", a[4].as_ref())?;
    let newline = optional_str(vm, "open", "newline", a[5].as_ref())?;
    let closefd = match &a[6] {
        Some(c) => int_arg(vm, c)? != 0,
        None => true,
    };
    let opener = a[7].clone().unwrap_or_else(|| vm.none.clone());

    let m = parse_open_mode(vm, &mode)?;
    if m.binary {
        let refuse =
            |what: &str| vm.new_value_error(format!("binary mode doesn't take {what} argument"));
        if encoding.is_some() {
            return Err(refuse("an encoding"));
        }
        if errors.is_some() {
            return Err(refuse("an errors"));
        }
        if newline.is_some() {
            return Err(refuse("a newline"));
        }
    }
    let mut raw_mode = String::new();
    for (on, c) in [
        (m.creating, 'x'),
        (m.reading, 'r'),
        (m.writing, 'w'),
        (m.appending, 'a'),
        (m.updating, '+'),
    ] {
        if on {
            raw_mode.push(c);
        }
    }
    let file = match file.payload::<StrObject>() {
        Some(_) => file,
        None if crate::objects::int::int_value(&file).is_some()
            || file
                .payload::<crate::objects::bytes::BytesObject>()
                .is_some() =>
        {
            file
        }
        None => crate::modules::posix::fspath(vm, &file)?,
    };
    let raw = vm.call(
        &vm.io.file_io,
        Args {
            values: &[file, vm.new_str(&raw_mode), vm.new_bool(closefd), opener],
            kwnames: &[vm.intern("opener")],
        },
    )?;
    let result = wrap_raw(
        vm,
        &raw,
        &m,
        &mut buffering,
        encoding,
        errors,
        newline,
        &mode,
    );
    if result.is_err() {
        // The file is closed again; the error that stopped the opening
        // is the one raised.
        let _ = vm.call_method(&raw, "close", &[]);
    }
    result
}

/// The buffer and text layers `open` puts over a raw file.
#[allow(clippy::too_many_arguments)]
fn wrap_raw(
    vm: &Vm,
    raw: &Object,
    m: &OpenMode,
    buffering: &mut i32,
    encoding: Option<String>,
    errors: Option<String>,
    newline: Option<String>,
    mode: &str,
) -> PyResult {
    let mut line_buffering = false;
    if *buffering == 1 || (*buffering < 0 && vm.is_true(&vm.call_method(raw, "isatty", &[])?)?) {
        *buffering = -1;
        line_buffering = true;
    }
    if *buffering < 0 {
        let blksize = raw
            .payload::<fileio::FileIO>()
            .map_or(DEFAULT_BUFFER_SIZE as i64, |f| f.blksize.get());
        *buffering = if blksize > 1 {
            blksize as i32
        } else {
            DEFAULT_BUFFER_SIZE as i32
        };
    }
    if *buffering == 0 {
        if m.binary {
            return Ok(raw.clone());
        }
        return Err(vm.new_value_error("can't have unbuffered text I/O"));
    }
    let buffer_type = if m.updating {
        &vm.io.buffered_random
    } else if m.creating || m.writing || m.appending {
        &vm.io.buffered_writer
    } else {
        &vm.io.buffered_reader
    };
    let buffer = vm.call(
        buffer_type,
        Args::positional_only(&[raw.clone(), vm.new_int((*buffering).into())]),
    )?;
    if m.binary {
        return Ok(buffer);
    }
    let optional = |s: Option<String>| s.map_or_else(|| vm.none.clone(), |s| vm.new_str(&s));
    let wrapper = vm.call(
        &vm.io.text_io_wrapper,
        Args::positional_only(&[
            buffer,
            optional(encoding),
            optional(errors),
            optional(newline),
            vm.new_bool(line_buffering),
        ]),
    )?;
    vm.setattr(&wrapper, &vm.intern("mode"), Some(&vm.new_str(mode)))?;
    Ok(wrapper)
}

/// `open_code(path)`: the file opened for reading as bytes, as the
/// import system reads source.
fn open_code(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "open_code", args, false, &["path"], 1)?;
    let path = a[0].clone().unwrap_or_else(|| vm.none.clone());
    str_arg(vm, "open_code", "path", &path)?;
    open(vm, Args::positional_only(&[path, vm.new_str("rb")]))
}

/// `text_encoding(encoding, stacklevel=2)`: "locale" for None, as
/// PEP 597 has it when UTF-8 mode is off.
fn text_encoding(vm: &Vm, args: Args) -> PyResult {
    let a = bind(
        vm,
        "text_encoding",
        args,
        false,
        &["encoding", "stacklevel"],
        1,
    )?;
    if let Some(level) = &a[1] {
        int_arg(vm, level)?;
    }
    let encoding = a[0].clone().unwrap_or_else(|| vm.none.clone());
    if vm.is_none(&encoding) {
        return Ok(vm.new_str("locale"));
    }
    Ok(encoding)
}

/// The encoding a text file gets when none is given: the locale's,
/// which Krait takes to be UTF-8 as CPython's locale coercion makes it.
pub const LOCALE_ENCODING: &str = "UTF-8";

// --- the standard streams ---------------------------------------------

/// Makes `sys.stdin`, `sys.stdout` and `sys.stderr` (and their
/// `__std*__` twins) as CPython's `create_stdio` does: text wrappers over
/// buffered file descriptors 0, 1 and 2 that never close them, line
/// buffered when on a terminal (stderr always), or written through with
/// `-u`.
pub fn init_std_streams(vm: &Vm, config: &Config) -> PyResult<()> {
    // The streams show the codec's own name, as CPython's configuration
    // normalizes PYTHONIOENCODING.
    let encoding = match &config.stdio_encoding {
        Some(e) => crate::objects::codecs::lookup(vm, e)?
            .canonical_name()
            .to_string(),
        None => "utf-8".to_string(),
    };
    let errors = config.stdio_errors.clone().unwrap_or_else(|| {
        if config.stdio_encoding.is_some() {
            "strict".to_string()
        } else {
            "surrogateescape".to_string()
        }
    });
    let streams = [
        (0, "stdin", "<stdin>", errors.as_str()),
        (1, "stdout", "<stdout>", errors.as_str()),
        (2, "stderr", "<stderr>", "backslashreplace"),
    ];
    for (fd, attr, name, errors) in streams {
        let stream = std_stream(vm, fd, name, &encoding, errors, config.unbuffered)?;
        crate::modules::sys::set_sys_attr(vm, attr, stream.clone());
        crate::modules::sys::set_sys_attr(vm, &format!("__{attr}__"), stream);
    }
    Ok(())
}

fn std_stream(
    vm: &Vm,
    fd: i64,
    name: &str,
    encoding: &str,
    errors: &str,
    unbuffered: bool,
) -> PyResult {
    // A standard stream whose descriptor is closed is None, as in
    // CPython.
    if !fileio::sys_is_valid_fd(fd as i32) {
        return Ok(vm.none.clone());
    }
    let writing = fd != 0;
    let buffering = if unbuffered && writing { 0 } else { -1 };
    let mode = if writing { "wb" } else { "rb" };
    let buffer = open(
        vm,
        Args {
            values: &[
                vm.new_int(fd),
                vm.new_str(mode),
                vm.new_int(buffering),
                vm.false_.clone(),
            ],
            kwnames: &[vm.intern("closefd")],
        },
    )?;
    let raw = if buffering == 0 {
        buffer.clone()
    } else {
        vm.getattr_str(&buffer, "raw")?
    };
    vm.setattr(&raw, &vm.intern("name"), Some(&vm.new_str(name)))?;
    let isatty = vm.is_true(&vm.call_method(&raw, "isatty", &[])?)?;
    let line_buffering = !unbuffered && (isatty || fd == 2);
    let stream = vm.call(
        &vm.io.text_io_wrapper,
        Args {
            values: &[
                buffer,
                vm.new_str(encoding),
                vm.new_str(errors),
                vm.new_str("\n"),
                vm.new_bool(line_buffering),
                vm.new_bool(unbuffered),
            ],
            kwnames: &[],
        },
    )?;
    let mode = if writing { "w" } else { "r" };
    vm.setattr(&stream, &vm.intern("mode"), Some(&vm.new_str(mode)))?;
    Ok(stream)
}

/// Writes `text` to `file` with its `write` method
/// (`PyFile_WriteObject` with `Py_PRINT_RAW`), straight into a native
/// text wrapper.
pub fn write_text(vm: &Vm, file: &Object, text: &Object) -> PyResult<()> {
    if vm.type_of(file).is(&vm.io.text_io_wrapper) {
        return textio::write_str(vm, file, text).map(|_| ());
    }
    vm.call_method(file, "write", std::slice::from_ref(text))?;
    Ok(())
}

/// Flushes `sys.stdout` and `sys.stderr`, as the interpreter does when
/// it ends (`flush_std_files`); false if stdout could not be flushed,
/// after reporting why as CPython does.
pub fn flush_std_files(vm: &Vm) -> bool {
    let mut ok = true;
    for name in [&vm.names.stdout, &vm.names.stderr] {
        let Some(stream) = crate::modules::sys::sys_attr(vm, name) else {
            continue;
        };
        if vm.is_none(&stream) || is_closed(vm, &stream).unwrap_or(true) {
            continue;
        }
        if let Err(e) = vm.call_method(&stream, "flush", &[]) {
            if name.is(&vm.names.stdout) {
                crate::unraisable::write_unraisable(vm, &e, Some(&stream), None);
                ok = false;
            }
        }
    }
    ok
}

/// Writes `text` to `sys.stderr`, or to the process's standard error
/// when that is missing or fails, as CPython's last-resort reporting.
pub fn write_stderr(vm: &Vm, text: &str) {
    let written = match crate::modules::sys::sys_attr(vm, &vm.names.stderr) {
        Some(stderr) if !vm.is_none(&stderr) => write_text(vm, &stderr, &vm.new_str(text))
            .and_then(|()| vm.call_method(&stderr, "flush", &[]).map(|_| ()))
            .is_ok(),
        _ => false,
    };
    if !written {
        use std::io::Write;
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
}

/// The outcome of two steps that both run, as `close` flushes and then
/// closes: the first error, or the second with the first as its
/// `__context__`.
pub fn both<T>(first: PyResult<()>, second: PyResult<T>) -> PyResult<T> {
    match (first, second) {
        (Err(e), Ok(_)) => Err(e),
        (Err(first), Err(second)) => {
            if let Some(p) = crate::exceptions::exception_payload(&second.0) {
                if p.context.borrow().is_none() {
                    *p.context.borrow_mut() = Some(first.0);
                }
            }
            Err(second)
        }
        (Ok(()), second) => second,
    }
}

/// MemoryError for a buffer too big to make, rather than an abort.
pub fn check_alloc(vm: &Vm, size: usize) -> PyResult<()> {
    if size > (1 << 40) {
        return Err(vm.new_exception_empty(&vm.exceptions.memory_error));
    }
    Ok(())
}
