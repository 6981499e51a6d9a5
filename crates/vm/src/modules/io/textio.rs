//! Text streams over binary ones (Modules/_io/textio.c):
//! `TextIOWrapper`, and `IncrementalNewlineDecoder`, the universal
//! newlines filter it reads through.
//!
//! Writing encodes into a pending list of bytes that goes to the buffer
//! once it passes the chunk size (or at a newline when line buffered,
//! or at once with `write_through`). Reading decodes a chunk of the
//! buffer at a time and serves characters from it. A position given by
//! `tell` is CPython's opaque cookie: the byte offset of a point where
//! the decoder was in a known state, packed with that state and how
//! many characters to decode and skip from there, so `seek` can return
//! to any character.
//!
//! The codecs are those of `objects/codecs.rs` (UTF-8, ASCII, Latin-1),
//! decoded incrementally here: an unfinished UTF-8 sequence at the end
//! of a chunk waits for the next one.

use super::{buffered, closed_file, fileio, size_arg, unsupported};
use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::bytes::{bytes_like, new_bytes};
use crate::objects::codecs::{self, Codec};
use crate::objects::descr::add_getset;
use crate::objects::function::{add_methods, NativeFn};
use crate::objects::getargs::{bind, index_arg};
use crate::objects::str::{from_units, StrObject};
use crate::typeobject::Args;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

/// The pending text is written out once it reaches this many bytes
/// (`_CHUNK_SIZE`), and reads ask the buffer for as many.
const CHUNK_SIZE: usize = 8192;

// --- newlines -----------------------------------------------------------

/// Kinds of line ending seen, for the `newlines` attribute.
const SEEN_LF: u8 = 1;
const SEEN_CR: u8 = 2;
const SEEN_CRLF: u8 = 4;

/// The state of universal newlines decoding (`nldecoder_object`): a
/// `\r` at the end of a chunk is held back until the next tells whether
/// a `\n` follows.
#[derive(Clone, Default, krait_derive::Traverse)]
pub struct NewlineState {
    pub translate: bool,
    pub pendingcr: bool,
    pub seennl: u8,
}

impl NewlineState {
    /// Filters decoded text (`_PyIncrementalNewlineDecoder_decode`).
    pub fn process(&mut self, mut text: Vec<u32>, last: bool) -> Vec<u32> {
        const CR: u32 = '\r' as u32;
        const LF: u32 = '\n' as u32;
        if self.pendingcr && (!text.is_empty() || last) {
            text.insert(0, CR);
            self.pendingcr = false;
        }
        if !last && text.last() == Some(&CR) {
            text.pop();
            self.pendingcr = true;
        }
        let mut i = 0;
        while i < text.len() {
            match text[i] {
                LF => self.seennl |= SEEN_LF,
                CR if text.get(i + 1) == Some(&LF) => {
                    self.seennl |= SEEN_CRLF;
                    i += 1;
                }
                CR => self.seennl |= SEEN_CR,
                _ => {}
            }
            i += 1;
        }
        if self.translate && text.contains(&CR) {
            let mut out = Vec::with_capacity(text.len());
            let mut i = 0;
            while i < text.len() {
                if text[i] == CR {
                    out.push(LF);
                    if text.get(i + 1) == Some(&LF) {
                        i += 1;
                    }
                } else {
                    out.push(text[i]);
                }
                i += 1;
            }
            text = out;
        }
        text
    }

    /// The `newlines` attribute: None, one ending, or a tuple of them.
    pub fn newlines(&self, vm: &Vm) -> Object {
        let kinds: Vec<Object> = [(SEEN_CR, "\r"), (SEEN_LF, "\n"), (SEEN_CRLF, "\r\n")]
            .iter()
            .filter(|(bit, _)| self.seennl & bit != 0)
            .map(|(_, s)| vm.new_str(s))
            .collect();
        match kinds.len() {
            0 => vm.none.clone(),
            1 => kinds[0].clone(),
            _ => vm.new_tuple(kinds),
        }
    }
}

/// The payload of an `IncrementalNewlineDecoder`: the decoder it wraps
/// (None for text input) and the newline state.
#[derive(Default, krait_derive::Traverse)]
pub struct NewlineDecoder {
    decoder: RefCell<Option<Object>>,
    state: RefCell<NewlineState>,
    ok: Cell<bool>,
}

// --- incremental decoding of the built-in codecs -------------------------

/// How many bytes at the end of `bytes` begin a UTF-8 sequence that is
/// valid so far but unfinished, and so wait for the next chunk.
fn unfinished_utf8(bytes: &[u8]) -> usize {
    let n = bytes.len();
    for k in 1..=n.min(3) {
        let lead = bytes[n - k];
        if lead & 0xC0 == 0x80 {
            continue;
        }
        let (need, lo, hi) = match lead {
            0xC2..=0xDF => (2, 0x80, 0xBF),
            0xE0 => (3, 0xA0, 0xBF),
            0xED => (3, 0x80, 0x9F),
            0xE1..=0xEF => (3, 0x80, 0xBF),
            0xF0 => (4, 0x90, 0xBF),
            0xF1..=0xF3 => (4, 0x80, 0xBF),
            0xF4 => (4, 0x80, 0x8F),
            _ => return 0,
        };
        if need <= k {
            return 0;
        }
        if k >= 2 && !(lo..=hi).contains(&bytes[n - k + 1]) {
            return 0;
        }
        return k;
    }
    0
}

/// A decoder for one of the built-in codecs, with universal newlines
/// when the wrapper reads them: what `TextIOWrapper` keeps as its
/// `decoder`.
#[derive(Clone, krait_derive::Traverse)]
struct TextDecoder {
    #[traverse(skip)]
    codec: Codec,
    errors: String,
    /// Bytes of an unfinished character.
    pending: Vec<u8>,
    newlines: Option<NewlineState>,
}

impl TextDecoder {
    fn decode(&mut self, vm: &Vm, input: &[u8], last: bool) -> PyResult<Vec<u32>> {
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(input);
        if self.codec == Codec::Utf8 && !last {
            let keep = unfinished_utf8(&bytes);
            self.pending = bytes.split_off(bytes.len() - keep);
        }
        let text = if bytes.is_ascii() {
            bytes.iter().map(|&b| u32::from(b)).collect()
        } else {
            let object = new_bytes(vm, bytes.clone());
            codecs::decode(vm, &object, &bytes, self.codec, &self.errors)?
        };
        Ok(match &mut self.newlines {
            Some(state) => state.process(text, last),
            None => text,
        })
    }

    /// `getstate()`: the bytes held back and the flags (the newline
    /// filter's pending `\r` in the low bit).
    fn state(&self) -> (Vec<u8>, u32) {
        let flags = self.newlines.as_ref().map_or(0, |n| u32::from(n.pendingcr));
        (self.pending.clone(), flags)
    }

    fn set_state(&mut self, flags: u32) {
        self.pending.clear();
        if let Some(n) = &mut self.newlines {
            n.pendingcr = flags & 1 == 1;
        }
    }

    fn reset(&mut self) {
        self.pending.clear();
        if let Some(n) = &mut self.newlines {
            n.pendingcr = false;
            n.seennl = 0;
        }
    }
}

// --- TextIOWrapper ------------------------------------------------------

/// How lines are read and written, from the `newline` argument.
#[derive(Clone, Default, krait_derive::Traverse)]
pub(super) struct Newline {
    /// The argument: None, "", "\n", "\r" or "\r\n".
    given: Option<String>,
    pub(super) readuniversal: bool,
    pub(super) readtranslate: bool,
    writetranslate: bool,
    /// What `\n` becomes when written, if not itself.
    pub(super) writenl: Option<String>,
}

impl Newline {
    pub(super) fn new(given: Option<String>) -> Newline {
        let readuniversal = given.as_deref().is_none_or(str::is_empty);
        let writenl = match given.as_deref() {
            Some(nl) if !nl.is_empty() && nl != "\n" => Some(nl.to_string()),
            _ => None,
        };
        Newline {
            readuniversal,
            readtranslate: given.is_none(),
            writetranslate: given.as_deref() != Some(""),
            writenl,
            given,
        }
    }
}

/// The decoder state and input a `tell` cookie is computed from
/// (`snapshot`): the decoder's flags before the current chunk was
/// decoded, and the bytes it was given (held-back bytes first).
#[derive(Clone, krait_derive::Traverse)]
struct Snapshot {
    flags: u32,
    input: Vec<u8>,
}

/// The payload of a TextIOWrapper.
#[derive(Default, krait_derive::Traverse)]
pub struct TextIOWrapper {
    ok: Cell<bool>,
    detached: Cell<bool>,
    buffer: RefCell<Option<Object>>,
    encoding: RefCell<String>,
    #[traverse(skip)]
    codec: Cell<Option<Codec>>,
    errors: RefCell<String>,
    newline: RefCell<Newline>,
    line_buffering: Cell<bool>,
    write_through: Cell<bool>,
    writable: Cell<bool>,
    seekable: Cell<bool>,
    telling: Cell<bool>,
    has_read1: Cell<bool>,
    chunk_size: Cell<usize>,
    decoder: RefCell<Option<TextDecoder>>,
    decoded: RefCell<Vec<u32>>,
    decoded_used: Cell<usize>,
    /// Bytes per character in the last chunk decoded, to guess where a
    /// position starts (`b2cratio`).
    #[traverse(skip)]
    b2cratio: Cell<f64>,
    snapshot: RefCell<Option<Snapshot>>,
    /// Encoded text not yet passed to the buffer.
    pending: RefCell<Vec<u8>>,
    /// The raw file under a native buffer, whose descriptor says at
    /// once whether the stream is closed (`raw`).
    raw: RefCell<Option<Object>>,
}

pub(crate) fn init(vm: &Vm) {
    init_newline_decoder(vm);
    let ty = &vm.io.text_io_wrapper;
    let tp = type_payload(ty);
    tp.slots.new.set(Some(|_, ty, _| {
        Ok(object::alloc(ty, TextIOWrapper::default()))
    }));
    tp.slots.init.set(Some(textiowrapper_init));
    tp.slots.repr.set(Some(textiowrapper_repr));
    tp.slots.iternext.set(Some(textiowrapper_iternext));
    let getsets: &[(&'static str, crate::objects::descr::Getter)] = &[
        ("encoding", |vm, this| {
            let t = payload(this);
            Ok(match t.ok.get() {
                true => vm.new_str(&t.encoding.borrow()),
                false => vm.none.clone(),
            })
        }),
        ("errors", |vm, this| {
            initialized(vm, this)?;
            Ok(vm.new_str(&payload(this).errors.borrow()))
        }),
        ("buffer", |vm, this| {
            Ok(payload(this)
                .buffer
                .borrow()
                .clone()
                .unwrap_or_else(|| vm.none.clone()))
        }),
        ("line_buffering", |vm, this| {
            Ok(vm.new_bool(payload(this).line_buffering.get()))
        }),
        ("write_through", |vm, this| {
            Ok(vm.new_bool(payload(this).write_through.get()))
        }),
        ("closed", |vm, this| {
            vm.getattr_str(&attached(vm, this)?, "closed")
        }),
        ("name", |vm, this| {
            vm.getattr_str(&attached(vm, this)?, "name")
        }),
        ("newlines", |vm, this| {
            attached(vm, this)?;
            Ok(match &*payload(this).decoder.borrow() {
                Some(TextDecoder {
                    newlines: Some(n), ..
                }) => n.newlines(vm),
                _ => vm.none.clone(),
            })
        }),
        ("_finalizing", |vm, _| Ok(vm.false_.clone())),
    ];
    for &(name, get) in getsets {
        add_getset(vm, ty, name, get, None);
    }
    add_getset(
        vm,
        ty,
        "_CHUNK_SIZE",
        |vm, this| {
            attached(vm, this)?;
            Ok(vm.new_int(payload(this).chunk_size.get() as i64))
        },
        Some(|vm, this, value| {
            attached(vm, this)?;
            let Some(value) = value else {
                return Err(
                    vm.new_exception(&vm.exceptions.attribute_error, "cannot delete attribute")
                );
            };
            let n = index_arg(vm, value)?;
            if n <= 0 {
                return Err(vm.new_value_error("a strictly positive integer is required"));
            }
            payload(this).chunk_size.set(n as usize);
            Ok(())
        }),
    );
    let methods: &[(&'static str, NativeFn)] = &[
        ("write", |vm, args| {
            let a = bind(vm, "write", args, true, &["text"], 1)?;
            let text = a[0].clone().unwrap_or_else(|| vm.none.clone());
            let n = write_str(vm, &args.values[0], &text)?;
            Ok(vm.new_int(n as i64))
        }),
        ("read", |vm, args| {
            let a = bind(vm, "read", args, true, &["size"], 0)?;
            let size = size_arg(vm, a[0].as_ref())?;
            let text = read(vm, &args.values[0], size)?;
            Ok(from_units(vm, &text))
        }),
        ("readline", |vm, args| {
            let a = bind(vm, "readline", args, true, &["size"], 0)?;
            let size = match &a[0] {
                Some(s) => index_arg(vm, s)?,
                None => -1,
            };
            let line = readline(vm, &args.values[0], size)?;
            Ok(from_units(vm, &line))
        }),
        ("flush", |vm, args| {
            flush(vm, &args.values[0])?;
            Ok(vm.none.clone())
        }),
        ("close", textiowrapper_close),
        ("detach", |vm, args| {
            let this = &args.values[0];
            attached(vm, this)?;
            vm.call_method(this, "flush", &[])?;
            let t = payload(this);
            let buffer = t.buffer.borrow_mut().take();
            *t.raw.borrow_mut() = None;
            t.detached.set(true);
            Ok(buffer.unwrap_or_else(|| vm.none.clone()))
        }),
        ("fileno", |vm, args| forward(vm, args, "fileno")),
        ("seekable", |vm, args| forward(vm, args, "seekable")),
        ("readable", |vm, args| forward(vm, args, "readable")),
        ("writable", |vm, args| forward(vm, args, "writable")),
        ("isatty", |vm, args| forward(vm, args, "isatty")),
        ("tell", |vm, args| tell(vm, &args.values[0])),
        ("seek", textiowrapper_seek),
        ("truncate", |vm, args| {
            let a = bind(vm, "truncate", args, true, &["pos"], 0)?;
            let this = &args.values[0];
            let buffer = attached(vm, this)?;
            vm.call_method(this, "flush", &[])?;
            let pos = a[0].clone().unwrap_or_else(|| vm.none.clone());
            vm.call_method(&buffer, "truncate", &[pos])
        }),
        ("reconfigure", reconfigure),
        ("__getstate__", |vm, args| {
            Err(vm.new_type_error(format!(
                "cannot pickle '{}' object",
                vm.type_name(&args.values[0])
            )))
        }),
    ];
    add_methods(vm, ty, methods);
}

fn payload(this: &Object) -> &TextIOWrapper {
    this.payload::<TextIOWrapper>()
        .expect("TextIOWrapper methods are only called on TextIOWrapper objects")
}

/// ValueError before `__init__` (`CHECK_INITIALIZED`).
fn initialized(vm: &Vm, this: &Object) -> PyResult<()> {
    if !payload(this).ok.get() {
        return Err(vm.new_value_error("I/O operation on uninitialized object"));
    }
    Ok(())
}

/// The buffer, or ValueError before `__init__` or after `detach`
/// (`CHECK_ATTACHED`).
fn attached(vm: &Vm, this: &Object) -> PyResult<Object> {
    initialized(vm, this)?;
    let t = payload(this);
    if t.detached.get() {
        return Err(vm.new_value_error("underlying buffer has been detached"));
    }
    t.buffer
        .borrow()
        .clone()
        .ok_or_else(|| vm.new_value_error("underlying buffer has been detached"))
}

/// `CHECK_ATTACHED` then `CHECK_CLOSED`: ValueError if the buffer is
/// closed, asked directly of a native buffer over a native file.
fn open_buffer(vm: &Vm, this: &Object) -> PyResult<Object> {
    let buffer = attached(vm, this)?;
    let fd = payload(this)
        .raw
        .borrow()
        .as_ref()
        .and_then(|raw| raw.payload::<fileio::FileIO>().map(|f| f.fd.get()));
    let closed = match fd {
        Some(fd) => fd < 0,
        None => {
            if vm.type_of(this).is(&vm.io.text_io_wrapper) {
                super::is_closed(vm, &buffer)?
            } else {
                super::is_closed(vm, this)?
            }
        }
    };
    if closed {
        return Err(closed_file(vm, true));
    }
    Ok(buffer)
}

fn forward(vm: &Vm, args: Args, method: &str) -> PyResult {
    let buffer = attached(vm, &args.values[0])?;
    vm.call_method(&buffer, method, &[])
}

/// `TextIOWrapper(buffer, encoding=None, errors=None, newline=None,
/// line_buffering=False, write_through=False)`.
fn textiowrapper_init(vm: &Vm, this: &Object, args: Args) -> PyResult<()> {
    let names = [
        "buffer",
        "encoding",
        "errors",
        "newline",
        "line_buffering",
        "write_through",
    ];
    let a = bind(vm, "TextIOWrapper", args, false, &names, 1)?;
    let t = payload(this);
    t.ok.set(false);
    t.detached.set(false);
    let buffer = a[0].clone().unwrap_or_else(|| vm.none.clone());
    let encoding = super::optional_str(vm, "TextIOWrapper", "encoding", a[1].as_ref())?;
    let errors = super::optional_str(vm, "TextIOWrapper", "errors", a[2].as_ref())?;
    let newline = super::optional_str(vm, "TextIOWrapper", "newline", a[3].as_ref())?;
    check_newline(vm, newline.as_deref(), false)?;
    let flag = |v: &Option<Object>| -> PyResult<bool> {
        match v {
            Some(v) => Ok(crate::objects::getargs::int_arg(vm, v)? != 0),
            None => Ok(false),
        }
    };
    t.line_buffering.set(flag(&a[4])?);
    t.write_through.set(flag(&a[5])?);
    let encoding = match encoding.as_deref() {
        None | Some("locale") => super::LOCALE_ENCODING.to_string(),
        Some(e) => e.to_string(),
    };
    let codec = codecs::lookup(vm, &encoding)?;
    let errors = errors.unwrap_or_else(|| "strict".to_string());
    let newline = Newline::new(newline);
    let readable = vm.is_true(&vm.call_method(&buffer, "readable", &[])?)?;
    *t.decoder.borrow_mut() = readable.then(|| new_decoder(codec, &errors, &newline));
    t.writable
        .set(vm.is_true(&vm.call_method(&buffer, "writable", &[])?)?);
    *t.encoding.borrow_mut() = encoding;
    t.codec.set(Some(codec));
    *t.errors.borrow_mut() = errors;
    *t.newline.borrow_mut() = newline;
    t.chunk_size.set(CHUNK_SIZE);
    t.decoded.borrow_mut().clear();
    t.decoded_used.set(0);
    *t.snapshot.borrow_mut() = None;
    t.pending.borrow_mut().clear();
    let seekable = vm.is_true(&vm.call_method(&buffer, "seekable", &[])?)?;
    t.seekable.set(seekable);
    t.telling.set(seekable);
    t.has_read1
        .set(vm.getattr_opt(&buffer, &vm.intern("read1"))?.is_some());
    *t.raw.borrow_mut() = buffered::native_raw(vm, &buffer);
    *t.buffer.borrow_mut() = Some(buffer);
    t.ok.set(true);
    Ok(())
}

fn new_decoder(codec: Codec, errors: &str, newline: &Newline) -> TextDecoder {
    TextDecoder {
        codec,
        errors: errors.to_string(),
        pending: Vec::new(),
        newlines: newline.readuniversal.then(|| NewlineState {
            translate: newline.readtranslate,
            ..NewlineState::default()
        }),
    }
}

/// ValueError for a `newline` that is not None, "", "\n", "\r" or
/// "\r\n"; StringIO's message shows its repr.
pub fn check_newline(vm: &Vm, newline: Option<&str>, repr: bool) -> PyResult<()> {
    match newline {
        None | Some("" | "\n" | "\r" | "\r\n") => Ok(()),
        Some(other) => Err(vm.new_value_error(if repr {
            format!(
                "illegal newline value: {}",
                vm.repr_string(&vm.new_str(other))?
            )
        } else {
            format!("illegal newline value: {other}")
        })),
    }
}

fn textiowrapper_repr(vm: &Vm, this: &Object) -> PyResult {
    let type_name = vm.type_name(this);
    initialized(vm, this)?;
    let t = payload(this);
    let Some(_guard) = crate::recursion::ReprGuard::enter(vm, this) else {
        return Err(vm.new_runtime_error(format!("reentrant call inside {type_name}.__repr__")));
    };
    let mut text = format!("<{type_name}");
    let quiet = |e: &crate::errors::PyErr| {
        e.matches(vm, &vm.exceptions.value_error) || e.matches(vm, &vm.exceptions.attribute_error)
    };
    match vm.getattr_str(this, "name") {
        Ok(name) => text.push_str(&format!(" name={}", vm.repr_string(&name)?)),
        Err(e) if quiet(&e) => {}
        Err(e) => return Err(e),
    }
    match vm.getattr_str(this, "mode") {
        Ok(mode) => text.push_str(&format!(" mode={}", vm.repr_string(&mode)?)),
        Err(e) if quiet(&e) => {}
        Err(e) => return Err(e),
    }
    let encoding = vm.new_str(&t.encoding.borrow());
    text.push_str(&format!(" encoding={}>", vm.repr_string(&encoding)?));
    Ok(vm.new_str(&text))
}

// --- writing ------------------------------------------------------------

/// Text with each `\n` written as `newline`.
pub(super) fn translate_newlines(text: &[u32], newline: &str) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len() + 8);
    for &c in text {
        if c == u32::from(b'\n') {
            out.extend(newline.chars().map(u32::from));
        } else {
            out.push(c);
        }
    }
    out
}

/// `write(text)`: the number of characters written
/// (`_io_TextIOWrapper_write_impl`).
pub fn write_str(vm: &Vm, this: &Object, text: &Object) -> PyResult<usize> {
    let buffer = open_buffer(vm, this)?;
    let Some(s) = text.payload::<StrObject>() else {
        return Err(vm.new_type_error(format!(
            "write() argument must be str, not {}",
            vm.type_name(text)
        )));
    };
    let t = payload(this);
    if !t.writable.get() {
        return Err(unsupported(vm, "not writable"));
    }
    let length = s.len();
    let (writetranslate, writenl) = {
        let nl = t.newline.borrow();
        (nl.writetranslate, nl.writenl.clone())
    };
    let line_buffering = t.line_buffering.get();
    let codec = t.codec.get().unwrap_or(Codec::Utf8);
    let (bytes, has_lf, has_cr) = match s.as_ascii() {
        // The common case: ASCII text, which every codec here passes
        // through as it is.
        Some(ascii) if writenl.is_none() || !writetranslate => {
            let bytes = ascii.as_bytes();
            let has_lf = line_buffering && bytes.contains(&b'\n');
            let has_cr = line_buffering && !has_lf && bytes.contains(&b'\r');
            (std::borrow::Cow::Borrowed(bytes), has_lf, has_cr)
        }
        _ => {
            let mut points = s.wide().into_owned();
            let has_lf = points.contains(&u32::from(b'\n'));
            if let (true, Some(nl), true) = (writetranslate, &writenl, has_lf) {
                points = translate_newlines(&points, nl);
            }
            let has_cr = points.contains(&u32::from(b'\r'));
            let errors = t.errors.borrow().clone();
            let bytes = codecs::encode(vm, text, &points, codec, &errors)?;
            (std::borrow::Cow::Owned(bytes), has_lf, has_cr)
        }
    };
    let needflush = line_buffering && (has_lf || has_cr);
    let chunk = t.chunk_size.get();
    if t.pending.borrow().len() + bytes.len() > chunk {
        write_pending(vm, this, &buffer)?;
    }
    t.pending.borrow_mut().extend_from_slice(&bytes);
    if t.pending.borrow().len() >= chunk || needflush || t.write_through.get() {
        write_pending(vm, this, &buffer)?;
    }
    if needflush {
        if vm.type_of(&buffer).is(&vm.io.file_io) {
            // A raw file has nothing to flush.
        } else if is_native_buffer(vm, &buffer) {
            buffered::flush(vm, &buffer)?;
        } else {
            vm.call_method(&buffer, "flush", &[])?;
        }
    }
    if !t.decoded.borrow().is_empty() || t.snapshot.borrow().is_some() {
        t.decoded.borrow_mut().clear();
        t.decoded_used.set(0);
        *t.snapshot.borrow_mut() = None;
        if let Some(d) = t.decoder.borrow_mut().as_mut() {
            d.reset();
        }
    }
    Ok(length)
}

fn is_native_buffer(vm: &Vm, buffer: &Object) -> bool {
    let ty = vm.type_of(buffer);
    ty.is(&vm.io.buffered_writer) || ty.is(&vm.io.buffered_random)
}

/// Passes the pending bytes to the buffer (`_textiowrapper_writeflush`).
fn write_pending(vm: &Vm, this: &Object, buffer: &Object) -> PyResult<()> {
    let t = payload(this);
    if t.pending.borrow().is_empty() {
        return Ok(());
    }
    let bytes = std::mem::take(&mut *t.pending.borrow_mut());
    if is_native_buffer(vm, buffer) {
        return buffered::write(vm, buffer, &bytes);
    }
    if vm.type_of(buffer).is(&vm.io.file_io) {
        let mut rest = &bytes[..];
        while !rest.is_empty() {
            match fileio::write(vm, buffer, rest)? {
                Some(n) if n > 0 => rest = &rest[n..],
                _ => break,
            }
        }
        return Ok(());
    }
    vm.call_method(buffer, "write", &[new_bytes(vm, bytes)])?;
    Ok(())
}

/// `flush()`: the pending text to the buffer, and the buffer flushed.
pub fn flush(vm: &Vm, this: &Object) -> PyResult<()> {
    let buffer = open_buffer(vm, this)?;
    let t = payload(this);
    t.telling.set(t.seekable.get());
    write_pending(vm, this, &buffer)?;
    if is_native_buffer(vm, &buffer) {
        buffered::flush(vm, &buffer)
    } else if vm.type_of(&buffer).is(&vm.io.file_io) {
        Ok(())
    } else {
        vm.call_method(&buffer, "flush", &[]).map(|_| ())
    }
}

fn textiowrapper_close(vm: &Vm, args: Args) -> PyResult {
    let this = &args.values[0];
    let buffer = attached(vm, this)?;
    if super::is_closed(vm, &buffer)? {
        return Ok(vm.none.clone());
    }
    let flushed = vm.call_method(this, "flush", &[]).map(|_| ());
    let closed = vm.call_method(&buffer, "close", &[]);
    super::both(flushed, closed).map(|_| vm.none.clone())
}

// --- reading ------------------------------------------------------------

/// The decoder, or UnsupportedOperation for a stream not open for
/// reading.
fn check_readable(vm: &Vm, this: &Object) -> PyResult<()> {
    if payload(this).decoder.borrow().is_none() {
        return Err(unsupported(vm, "not readable"));
    }
    Ok(())
}

/// Reads and decodes the next chunk of the buffer into the decoded
/// characters (`textiowrapper_read_chunk`); false at the end of the
/// file.
fn read_chunk(vm: &Vm, this: &Object, buffer: &Object, size_hint: usize) -> PyResult<bool> {
    let t = payload(this);
    let before = t
        .decoder
        .borrow()
        .as_ref()
        .map(TextDecoder::state)
        .unwrap_or_default();
    let size_hint = if size_hint > 0 {
        (t.b2cratio.get().max(1.0) * size_hint as f64) as usize
    } else {
        0
    };
    let size = t.chunk_size.get().max(size_hint);
    let input = if is_native_reader(vm, buffer) {
        if t.has_read1.get() {
            buffered::read1(vm, buffer, size as i64)?
        } else {
            buffered::read(vm, buffer, size as i64)?.unwrap_or_default()
        }
    } else {
        let method = if t.has_read1.get() { "read1" } else { "read" };
        let chunk = vm.call_method(buffer, method, &[vm.new_int(size as i64)])?;
        match bytes_like(&chunk) {
            Some(b) => b,
            None if vm.is_none(&chunk) => Vec::new(),
            None => {
                return Err(vm.new_type_error(format!(
                    "underlying {method}() should have returned a bytes-like object, not '{}'",
                    vm.type_name(&chunk)
                )))
            }
        }
    };
    let eof = input.is_empty();
    let decoded = {
        let mut decoder = t.decoder.borrow_mut();
        let Some(decoder) = decoder.as_mut() else {
            return Err(unsupported(vm, "not readable"));
        };
        decoder.decode(vm, &input, eof)?
    };
    t.b2cratio.set(if decoded.is_empty() {
        0.0
    } else {
        input.len() as f64 / decoded.len() as f64
    });
    *t.decoded.borrow_mut() = decoded;
    t.decoded_used.set(0);
    if t.telling.get() {
        let mut next_input = before.0;
        next_input.extend_from_slice(&input);
        *t.snapshot.borrow_mut() = Some(Snapshot {
            flags: before.1,
            input: next_input,
        });
    }
    // Characters decoded at the end of the file still count as a chunk.
    Ok(!eof || !t.decoded.borrow().is_empty())
}

fn is_native_reader(vm: &Vm, buffer: &Object) -> bool {
    let ty = vm.type_of(buffer);
    ty.is(&vm.io.buffered_reader) || ty.is(&vm.io.buffered_random)
}

/// Takes up to `n` of the decoded characters.
fn take_decoded(t: &TextIOWrapper, n: usize) -> Vec<u32> {
    let decoded = t.decoded.borrow();
    let start = t.decoded_used.get().min(decoded.len());
    let end = start.saturating_add(n).min(decoded.len());
    t.decoded_used.set(end);
    decoded[start..end].to_vec()
}

/// `read(size)`: `size` characters, all of them for a negative size.
/// Pending writes go to the buffer first only when reading it all, as
/// in CPython.
pub fn read(vm: &Vm, this: &Object, size: i64) -> PyResult<Vec<u32>> {
    let buffer = open_buffer(vm, this)?;
    check_readable(vm, this)?;
    let t = payload(this);
    if size < 0 {
        write_pending(vm, this, &buffer)?;
        let rest = if is_native_reader(vm, &buffer) {
            buffered::read(vm, &buffer, -1)?.unwrap_or_default()
        } else {
            let all = vm.call_method(&buffer, "read", &[])?;
            bytes_like(&all).ok_or_else(|| {
                vm.new_type_error(format!(
                    "underlying read() should have returned a bytes object, not '{}'",
                    vm.type_name(&all)
                ))
            })?
        };
        let mut text = take_decoded(t, usize::MAX);
        let decoded = {
            let mut decoder = t.decoder.borrow_mut();
            match decoder.as_mut() {
                Some(d) => d.decode(vm, &rest, true)?,
                None => Vec::new(),
            }
        };
        text.extend(decoded);
        t.decoded.borrow_mut().clear();
        t.decoded_used.set(0);
        *t.snapshot.borrow_mut() = None;
        return Ok(text);
    }
    let size = size as usize;
    let mut text = take_decoded(t, size);
    while text.len() < size {
        if !read_chunk(vm, this, &buffer, size - text.len())? {
            break;
        }
        text.extend(take_decoded(t, size - text.len()));
    }
    Ok(text)
}

/// Where the line that starts `text` ends, given how lines end; None if
/// it does not end within `text`.
pub(super) fn find_line_end(text: &[u32], newline: &Newline) -> Option<usize> {
    const CR: u32 = '\r' as u32;
    const LF: u32 = '\n' as u32;
    if newline.readtranslate {
        return text.iter().position(|&c| c == LF).map(|i| i + 1);
    }
    if newline.readuniversal {
        let i = text.iter().position(|&c| c == LF || c == CR)?;
        if text[i] == CR && text.get(i + 1) == Some(&LF) {
            return Some(i + 2);
        }
        return Some(i + 1);
    }
    let nl: Vec<u32> = newline
        .given
        .as_deref()
        .unwrap_or("\n")
        .chars()
        .map(u32::from)
        .collect();
    text.windows(nl.len())
        .position(|w| w == nl.as_slice())
        .map(|i| i + nl.len())
}

/// `readline(size)` (`_textiowrapper_readline`): the next line with its
/// ending, at most `limit` characters when that is not negative.
/// Unlike `read`, it leaves pending writes pending, as CPython does.
pub fn readline(vm: &Vm, this: &Object, limit: i64) -> PyResult<Vec<u32>> {
    let buffer = open_buffer(vm, this)?;
    check_readable(vm, this)?;
    let t = payload(this);
    let newline = t.newline.borrow().clone();
    let limit = if limit < 0 {
        usize::MAX
    } else {
        limit as usize
    };
    let mut line: Vec<u32> = Vec::new();
    let remaining = |t: &TextIOWrapper| t.decoded.borrow().len() - t.decoded_used.get();
    loop {
        // Characters first: once the decoded chunk is used up, chunks
        // are read until one gives characters or the file ends, whatever
        // the limit.
        while t.decoded.borrow().is_empty() {
            if !read_chunk(vm, this, &buffer, 0)? {
                // The end of the file: nothing is left to decode, and a
                // position needs no snapshot.
                t.decoded.borrow_mut().clear();
                t.decoded_used.set(0);
                *t.snapshot.borrow_mut() = None;
                return Ok(line);
            }
        }
        let available = remaining(t);
        let found = {
            let decoded = t.decoded.borrow();
            // A line ending may straddle two chunks ("\r" then "\n");
            // search from the last character already taken.
            let back = line.len().min(1);
            let mut window: Vec<u32> = line[line.len() - back..].to_vec();
            window.extend_from_slice(&decoded[t.decoded_used.get()..]);
            find_line_end(&window, &newline).map(|end| end - back)
        };
        match found {
            Some(0) => return Ok(line),
            Some(end) => {
                line.extend(take_decoded(t, end.min(limit - line.len())));
                return Ok(line);
            }
            None => {}
        }
        if line.len() + available >= limit {
            let take = limit - line.len();
            line.extend(take_decoded(t, take));
            return Ok(line);
        }
        line.extend(take_decoded(t, available));
        t.decoded.borrow_mut().clear();
        t.decoded_used.set(0);
    }
}

fn textiowrapper_iternext(vm: &Vm, this: &Object) -> PyResult<Option<Object>> {
    let t = payload(this);
    t.telling.set(false);
    let line = if vm.type_of(this).is(&vm.io.text_io_wrapper) {
        from_units(vm, &readline(vm, this, -1)?)
    } else {
        let line = vm.call_method(this, "readline", &[])?;
        if line.payload::<StrObject>().is_none() {
            return Err(vm.new_type_error(format!(
                "readline() should have returned a str object, not '{}'",
                vm.type_name(&line)
            )));
        }
        line
    };
    if vm.len(&line)? == 0 {
        *t.snapshot.borrow_mut() = None;
        t.telling.set(t.seekable.get());
        return Ok(None);
    }
    Ok(Some(line))
}

// --- tell and seek ----------------------------------------------------

/// The fields of a position cookie (`cookie_type`), packed as CPython
/// packs them: the start position in the low 64 bits, then 32 bits each
/// of decoder flags, bytes to feed and characters to skip, then a byte
/// saying whether the decoder must be told the input ended.
#[derive(Default)]
struct Cookie {
    start_pos: i64,
    dec_flags: u32,
    bytes_to_feed: u32,
    chars_to_skip: u32,
    need_eof: bool,
}

impl Cookie {
    fn build(&self, vm: &Vm) -> Object {
        use dashu_int::IBig;
        let high = (u128::from(self.need_eof) << 96)
            | (u128::from(self.chars_to_skip) << 64)
            | (u128::from(self.bytes_to_feed) << 32)
            | u128::from(self.dec_flags);
        if high == 0 {
            return vm.new_int(self.start_pos);
        }
        let value = (IBig::from(high) << 64) + IBig::from(self.start_pos as u64);
        crate::objects::int::new_big(vm, value)
    }

    fn parse(vm: &Vm, cookie: &Object) -> PyResult<Cookie> {
        use dashu_int::IBig;
        let value = crate::objects::int::int_value(cookie)
            .map(|v| v.as_big().into_owned())
            .ok_or_else(|| vm.new_type_error("an integer is required"))?;
        let mask = |v: &IBig, bits: usize| -> u128 {
            let m = (IBig::ONE << bits) - IBig::ONE;
            u128::try_from(v & &m).unwrap_or(0)
        };
        let start = mask(&value, 64) as u64 as i64;
        let high = mask(&(&value >> 64), 104);
        Ok(Cookie {
            start_pos: start,
            dec_flags: high as u32,
            bytes_to_feed: (high >> 32) as u32,
            chars_to_skip: (high >> 64) as u32,
            need_eof: (high >> 96) & 1 == 1,
        })
    }
}

/// `tell()`: a cookie for the current character (`_io_TextIOWrapper_tell_impl`).
fn tell(vm: &Vm, this: &Object) -> PyResult {
    let buffer = open_buffer(vm, this)?;
    let t = payload(this);
    if !t.seekable.get() {
        return Err(unsupported(vm, "underlying stream is not seekable"));
    }
    if !t.telling.get() {
        return Err(vm.new_exception(
            &vm.exceptions.os_error,
            "telling position disabled by next() call",
        ));
    }
    write_pending(vm, this, &buffer)?;
    vm.call_method(this, "flush", &[])?;
    let position = if is_native_reader(vm, &buffer) || is_native_buffer(vm, &buffer) {
        buffered::tell(vm, &buffer)?
    } else {
        index_arg(vm, &vm.call_method(&buffer, "tell", &[])?)?
    };
    let snapshot = t.snapshot.borrow().clone();
    let decoder = t.decoder.borrow().clone();
    let (Some(snapshot), Some(decoder)) = (snapshot, decoder) else {
        return Ok(vm.new_int(position));
    };
    let mut cookie = Cookie {
        start_pos: position - snapshot.input.len() as i64,
        dec_flags: snapshot.flags,
        ..Cookie::default()
    };
    let mut chars_to_skip = t.decoded_used.get();
    if chars_to_skip == 0 {
        return Ok(cookie.build(vm));
    }
    // A first guess from the ratio of bytes to characters: the furthest
    // point before the character where the decoder holds no bytes back.
    let mut replay = decoder;
    let input = &snapshot.input;
    let guess = (t.b2cratio.get() * chars_to_skip as f64) as i64;
    let mut skip_bytes = guess.min(input.len() as i64);
    let mut skip_back = 1;
    while skip_bytes > 0 {
        replay.set_state(cookie.dec_flags);
        let n = replay
            .decode(vm, &input[..skip_bytes as usize], false)?
            .len();
        if n <= chars_to_skip {
            let (held, flags) = replay.state();
            if held.is_empty() {
                cookie.dec_flags = flags;
                chars_to_skip -= n;
                break;
            }
            skip_bytes -= held.len() as i64;
            skip_back = 1;
        } else {
            skip_bytes -= skip_back;
            skip_back *= 2;
        }
    }
    if skip_bytes <= 0 {
        skip_bytes = 0;
        replay.set_state(cookie.dec_flags);
    }
    cookie.start_pos += skip_bytes;
    if chars_to_skip == 0 {
        return Ok(cookie.build(vm));
    }
    // Then a byte at a time, noting the last point where the decoder
    // held nothing back.
    let mut bytes_fed = 0u32;
    let mut chars_decoded = 0usize;
    let mut done = false;
    for &byte in &input[skip_bytes as usize..] {
        bytes_fed += 1;
        chars_decoded += replay.decode(vm, &[byte], false)?.len();
        let (held, flags) = replay.state();
        if held.is_empty() && chars_decoded <= chars_to_skip {
            cookie.start_pos += i64::from(bytes_fed);
            chars_to_skip -= chars_decoded;
            cookie.dec_flags = flags;
            bytes_fed = 0;
            chars_decoded = 0;
        }
        if chars_decoded >= chars_to_skip {
            done = true;
            break;
        }
    }
    if !done {
        chars_decoded += replay.decode(vm, &[], true)?.len();
        cookie.need_eof = true;
        if chars_decoded < chars_to_skip {
            return Err(vm.new_exception(
                &vm.exceptions.os_error,
                "can't reconstruct logical file position",
            ));
        }
    }
    cookie.bytes_to_feed = bytes_fed;
    cookie.chars_to_skip = chars_to_skip as u32;
    Ok(cookie.build(vm))
}

/// `seek(cookie, whence=0)` (`_io_TextIOWrapper_seek_impl`).
fn textiowrapper_seek(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "seek", args, true, &["cookie", "whence"], 1)?;
    let this = &args.values[0];
    let cookie = a[0].clone().unwrap_or_else(|| vm.none.clone());
    let whence = match &a[1] {
        Some(w) => crate::objects::getargs::int_arg(vm, w)?,
        None => 0,
    };
    let buffer = open_buffer(vm, this)?;
    let t = payload(this);
    if !t.seekable.get() {
        return Err(unsupported(vm, "underlying stream is not seekable"));
    }
    let is_zero = vm.eq(&cookie, &vm.new_int(0))?;
    let cookie = match whence {
        1 => {
            if !is_zero {
                return Err(unsupported(vm, "can't do nonzero cur-relative seeks"));
            }
            vm.call_method(this, "tell", &[])?
        }
        2 => {
            if !is_zero {
                return Err(unsupported(vm, "can't do nonzero end-relative seeks"));
            }
            vm.call_method(this, "flush", &[])?;
            t.decoded.borrow_mut().clear();
            t.decoded_used.set(0);
            *t.snapshot.borrow_mut() = None;
            if let Some(d) = t.decoder.borrow_mut().as_mut() {
                d.reset();
            }
            return vm.call_method(&buffer, "seek", &[vm.new_int(0), vm.new_int(2)]);
        }
        0 => cookie,
        other => {
            return Err(vm.new_value_error(format!("invalid whence ({other}, should be 0, 1 or 2)")))
        }
    };
    if vm.compare_bool(&cookie, &vm.new_int(0), crate::typeobject::CompareOp::Lt)? {
        return Err(vm.new_value_error(format!(
            "negative seek position {}",
            vm.repr_string(&cookie)?
        )));
    }
    vm.call_method(this, "flush", &[])?;
    let c = Cookie::parse(vm, &cookie)?;
    vm.call_method(&buffer, "seek", &[vm.new_int(c.start_pos)])?;
    t.decoded.borrow_mut().clear();
    t.decoded_used.set(0);
    if let Some(d) = t.decoder.borrow_mut().as_mut() {
        if c.start_pos == 0 && c.dec_flags == 0 {
            d.reset();
        } else {
            d.set_state(c.dec_flags);
        }
    }
    *t.snapshot.borrow_mut() = Some(Snapshot {
        flags: c.dec_flags,
        input: Vec::new(),
    });
    if c.chars_to_skip > 0 {
        let chunk = vm.call_method(&buffer, "read", &[vm.new_int(c.bytes_to_feed.into())])?;
        let input = bytes_like(&chunk).unwrap_or_default();
        let decoded = {
            let mut decoder = t.decoder.borrow_mut();
            match decoder.as_mut() {
                Some(d) => d.decode(vm, &input, c.need_eof)?,
                None => Vec::new(),
            }
        };
        *t.snapshot.borrow_mut() = Some(Snapshot {
            flags: c.dec_flags,
            input,
        });
        if decoded.len() < c.chars_to_skip as usize {
            return Err(vm.new_exception(
                &vm.exceptions.os_error,
                "can't restore logical file position",
            ));
        }
        *t.decoded.borrow_mut() = decoded;
        t.decoded_used.set(c.chars_to_skip as usize);
    }
    Ok(cookie)
}

/// `reconfigure(*, encoding=None, errors=None, newline=None,
/// line_buffering=None, write_through=None)`.
fn reconfigure(vm: &Vm, args: Args) -> PyResult {
    let this = &args.values[0];
    if args.positional().len() > 1 {
        return Err(vm.new_type_error(format!(
            "reconfigure() takes exactly 1 positional argument ({} given)",
            args.positional().len()
        )));
    }
    let names = [
        "encoding",
        "errors",
        "newline",
        "line_buffering",
        "write_through",
    ];
    let a = bind(vm, "reconfigure", args, true, &names, 0)?;
    let t = payload(this);
    attached(vm, this)?;
    let encoding = super::optional_str(vm, "reconfigure", "encoding", a[0].as_ref())?;
    let errors = super::optional_str(vm, "reconfigure", "errors", a[1].as_ref())?;
    let newline = match &a[2] {
        Some(n) => Some(super::optional_str(vm, "reconfigure", "newline", Some(n))?),
        None => None,
    };
    if let Some(n) = &newline {
        check_newline(vm, n.as_deref(), false)?;
    }
    let changes_decoding = encoding.is_some() || errors.is_some() || newline.is_some();
    if changes_decoding && !t.decoded.borrow().is_empty() {
        return Err(unsupported(
            vm,
            "It is not possible to set the encoding or newline of stream after the first read",
        ));
    }
    vm.call_method(this, "flush", &[])?;
    if encoding.is_some() || errors.is_some() {
        let (encoding, errors) = match (encoding, errors) {
            (None, errors) => (
                t.encoding.borrow().clone(),
                errors.unwrap_or_else(|| t.errors.borrow().clone()),
            ),
            (Some(e), errors) => (
                if e == "locale" {
                    super::LOCALE_ENCODING.to_string()
                } else {
                    e
                },
                errors.unwrap_or_else(|| "strict".to_string()),
            ),
        };
        let codec = codecs::lookup(vm, &encoding)?;
        *t.encoding.borrow_mut() = encoding;
        *t.errors.borrow_mut() = errors;
        t.codec.set(Some(codec));
    }
    if let Some(n) = newline {
        *t.newline.borrow_mut() = Newline::new(n);
    }
    if changes_decoding {
        let newline = t.newline.borrow().clone();
        let codec = t.codec.get().unwrap_or(Codec::Utf8);
        let errors = t.errors.borrow().clone();
        let mut decoder = t.decoder.borrow_mut();
        if decoder.is_some() {
            *decoder = Some(new_decoder(codec, &errors, &newline));
        }
    }
    for (i, cell) in [(3, &t.line_buffering), (4, &t.write_through)] {
        if let Some(v) = a[i].as_ref().filter(|v| !vm.is_none(v)) {
            cell.set(vm.is_true(v)?);
        }
    }
    Ok(vm.none.clone())
}

// --- IncrementalNewlineDecoder --------------------------------------------

fn init_newline_decoder(vm: &Vm) {
    let ty = &vm.io.incremental_newline_decoder;
    let tp = type_payload(ty);
    tp.slots.new.set(Some(|_, ty, _| {
        Ok(object::alloc(ty, NewlineDecoder::default()))
    }));
    tp.slots.init.set(Some(|vm, this, args| {
        let a = bind(
            vm,
            "IncrementalNewlineDecoder",
            args,
            false,
            &["decoder", "translate", "errors"],
            2,
        )?;
        let d = nl_payload(this);
        let decoder = a[0].clone().filter(|o| !vm.is_none(o));
        let translate = match &a[1] {
            Some(t) => crate::objects::getargs::int_arg(vm, t)? != 0,
            None => false,
        };
        *d.decoder.borrow_mut() = decoder;
        *d.state.borrow_mut() = NewlineState {
            translate,
            ..NewlineState::default()
        };
        d.ok.set(true);
        Ok(())
    }));
    add_getset(
        vm,
        ty,
        "newlines",
        |vm, this| {
            nl_check(vm, this)?;
            Ok(nl_payload(this).state.borrow().newlines(vm))
        },
        None,
    );
    let methods: &[(&'static str, NativeFn)] = &[
        ("decode", |vm, args| {
            let a = bind(vm, "decode", args, true, &["input", "final"], 1)?;
            let this = &args.values[0];
            nl_check(vm, this)?;
            let input = a[0].clone().unwrap_or_else(|| vm.none.clone());
            let last = match &a[1] {
                Some(f) => crate::objects::getargs::int_arg(vm, f)? != 0,
                None => false,
            };
            let d = nl_payload(this);
            let decoder = d.decoder.borrow().clone();
            let output = match decoder {
                Some(decoder) => vm.call_method(&decoder, "decode", &[input, vm.new_bool(last)])?,
                None => input,
            };
            let Some(s) = output.payload::<StrObject>() else {
                return Err(vm.new_type_error(format!(
                    "decoder should return a string result, not '{}'",
                    vm.type_name(&output)
                )));
            };
            let text = s.wide().into_owned();
            let text = d.state.borrow_mut().process(text, last);
            Ok(from_units(vm, &text))
        }),
        ("getstate", |vm, args| {
            let this = &args.values[0];
            nl_check(vm, this)?;
            let d = nl_payload(this);
            let decoder = d.decoder.borrow().clone();
            let (buffer, flags) = match decoder {
                Some(decoder) => {
                    let state = vm.call_method(&decoder, "getstate", &[])?;
                    let items = crate::objects::tuple::tuple_items(&state)
                        .filter(|i| i.len() == 2)
                        .ok_or_else(|| vm.new_type_error("illegal decoder state"))?
                        .to_vec();
                    (items[0].clone(), index_arg(vm, &items[1])?)
                }
                None => (new_bytes(vm, Vec::new()), 0),
            };
            let flags = (flags << 1) | i64::from(d.state.borrow().pendingcr);
            Ok(vm.new_tuple(vec![buffer, vm.new_int(flags)]))
        }),
        ("setstate", |vm, args| {
            let a = bind(vm, "setstate", args, true, &["state"], 1)?;
            let this = &args.values[0];
            nl_check(vm, this)?;
            let state = a[0].clone().unwrap_or_else(|| vm.none.clone());
            let items = crate::objects::tuple::tuple_items(&state)
                .filter(|i| i.len() == 2)
                .ok_or_else(|| vm.new_type_error("state argument must be a tuple"))?
                .to_vec();
            let flags = index_arg(vm, &items[1])?;
            let d = nl_payload(this);
            d.state.borrow_mut().pendingcr = flags & 1 == 1;
            let decoder = d.decoder.borrow().clone();
            if let Some(decoder) = decoder {
                let inner = vm.new_tuple(vec![items[0].clone(), vm.new_int(flags >> 1)]);
                vm.call_method(&decoder, "setstate", &[inner])?;
            }
            Ok(vm.none.clone())
        }),
        ("reset", |vm, args| {
            let this = &args.values[0];
            nl_check(vm, this)?;
            let d = nl_payload(this);
            {
                let mut state = d.state.borrow_mut();
                state.seennl = 0;
                state.pendingcr = false;
            }
            let decoder = d.decoder.borrow().clone();
            if let Some(decoder) = decoder {
                vm.call_method(&decoder, "reset", &[])?;
            }
            Ok(vm.none.clone())
        }),
    ];
    add_methods(vm, ty, methods);
}

fn nl_payload(this: &Object) -> &NewlineDecoder {
    this.payload::<NewlineDecoder>()
        .expect("IncrementalNewlineDecoder methods are only called on its instances")
}

fn nl_check(vm: &Vm, this: &Object) -> PyResult<()> {
    if !nl_payload(this).ok.get() {
        return Err(vm.new_value_error("IncrementalNewlineDecoder.__init__() not called"));
    }
    Ok(())
}
