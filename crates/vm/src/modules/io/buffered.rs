//! Buffered binary streams (Modules/_io/bufferedio.c): `BufferedReader`,
//! `BufferedWriter` and `BufferedRandom`, which share one payload and
//! differ in what their raw stream allows, and `BufferedRWPair`, a
//! reader and a writer side by side.
//!
//! The buffer is CPython's: one block of `buffer_size` bytes that holds
//! what was read ahead (up to `read_end`) and, within it, what was
//! written and not yet passed on (`write_pos..write_end`), with the
//! logical position `pos` and the raw stream's position `raw_pos`, both
//! relative to the block's start. Reads and writes follow CPython's
//! steps exactly, so that the raw stream sees the same calls and a
//! program the same results, down to what `peek` shows after a write.

use super::iobase::{fill_buffer, writable_len};
use super::{fileio, size_arg, unsupported};
use crate::errors::{PyErr, PyResult};
use crate::object::{self, type_payload, Object};
use crate::objects::bytes::{buffer_arg, new_bytes};
use crate::objects::descr::add_getset;
use crate::objects::function::{add_methods, NativeFn};
use crate::objects::getargs::{bind, index_arg, int_arg};
use crate::typeobject::Args;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

/// The payload of a BufferedReader, BufferedWriter or BufferedRandom.
#[derive(Default, krait_derive::Traverse)]
pub struct Buffered {
    raw: RefCell<Option<Object>>,
    /// `__init__` has run (`ok`), and the raw stream was not detached.
    ok: Cell<bool>,
    detached: Cell<bool>,
    readable: Cell<bool>,
    writable: Cell<bool>,
    buffer_size: Cell<usize>,
    buffer: RefCell<Vec<u8>>,
    /// The logical position in the buffer.
    pos: Cell<i64>,
    /// Where the raw stream is, relative to the buffer; -1 if unknown.
    raw_pos: Cell<i64>,
    /// The end of the bytes read ahead; -1 when there are none.
    read_end: Cell<i64>,
    /// The bytes written and not yet passed on; `write_end` -1 when
    /// there are none.
    write_pos: Cell<i64>,
    write_end: Cell<i64>,
    /// The raw stream's absolute position, -1 if unknown.
    abs_pos: Cell<i64>,
}

/// The payload of a BufferedRWPair.
#[derive(Default, krait_derive::Traverse)]
pub struct RWPair {
    reader: RefCell<Option<Object>>,
    writer: RefCell<Option<Object>>,
}

pub(crate) fn init(vm: &Vm) {
    for ty in [
        &vm.io.buffered_reader,
        &vm.io.buffered_writer,
        &vm.io.buffered_random,
    ] {
        let tp = type_payload(ty);
        tp.slots
            .new
            .set(Some(|_, ty, _| Ok(object::alloc(ty, Buffered::default()))));
        tp.slots.init.set(Some(buffered_init));
        tp.slots.repr.set(Some(buffered_repr));
        for (name, get) in [
            ("raw", raw as crate::objects::descr::Getter),
            ("closed", |vm, this| {
                vm.getattr_str(&raw(vm, this)?, "closed")
            }),
            ("name", |vm, this| vm.getattr_str(&raw(vm, this)?, "name")),
            ("mode", |vm, this| vm.getattr_str(&raw(vm, this)?, "mode")),
        ] {
            add_getset(vm, ty, name, get, None);
        }
        let common: &[(&'static str, NativeFn)] = &[
            ("detach", buffered_detach),
            ("close", buffered_close),
            ("seek", buffered_seek),
            ("tell", |vm, args| {
                bind(vm, "tell", args, true, &[], 0)?;
                Ok(vm.new_int(tell(vm, &args.values[0])?))
            }),
            ("truncate", buffered_truncate),
            ("flush", |vm, args| {
                bind(vm, "flush", args, true, &[], 0)?;
                flush(vm, &args.values[0])?;
                Ok(vm.none.clone())
            }),
            ("seekable", |vm, args| forward_raw(vm, args, "seekable")),
            ("fileno", |vm, args| forward_raw(vm, args, "fileno")),
            ("isatty", |vm, args| forward_raw(vm, args, "isatty")),
            ("_dealloc_warn", |vm, _| Ok(vm.none.clone())),
            ("__getstate__", |vm, args| {
                Err(vm.new_type_error(format!(
                    "cannot pickle '{}' object",
                    vm.type_name(&args.values[0])
                )))
            }),
        ];
        add_methods(vm, ty, common);
    }
    let reading: &[(&'static str, NativeFn)] = &[
        ("read", buffered_read),
        ("read1", buffered_read1),
        ("readinto", |vm, args| buffered_readinto(vm, args, false)),
        ("readinto1", |vm, args| buffered_readinto(vm, args, true)),
        ("readline", buffered_readline),
        ("peek", buffered_peek),
        ("readable", |vm, args| forward_raw(vm, args, "readable")),
    ];
    let writing: &[(&'static str, NativeFn)] = &[
        ("write", buffered_write),
        ("writable", |vm, args| forward_raw(vm, args, "writable")),
    ];
    for ty in [&vm.io.buffered_reader, &vm.io.buffered_random] {
        add_methods(vm, ty, reading);
        type_payload(ty).slots.iternext.set(Some(|vm, this| {
            let line = readline(vm, this, -1)?;
            Ok((!line.is_empty()).then(|| new_bytes(vm, line)))
        }));
    }
    for ty in [&vm.io.buffered_writer, &vm.io.buffered_random] {
        add_methods(vm, ty, writing);
    }
    init_rw_pair(vm);
}

fn payload(this: &Object) -> &Buffered {
    this.payload::<Buffered>()
        .expect("buffered methods are only called on buffered objects")
}

/// The raw stream, or ValueError before `__init__` or after `detach`
/// (`CHECK_INITIALIZED`).
fn raw(vm: &Vm, this: &Object) -> PyResult<Object> {
    let b = payload(this);
    if !b.ok.get() {
        return Err(vm.new_value_error(if b.detached.get() {
            "raw stream has been detached"
        } else {
            "I/O operation on uninitialized object"
        }));
    }
    b.raw
        .borrow()
        .clone()
        .ok_or_else(|| vm.new_value_error("raw stream has been detached"))
}

/// ValueError `message` if the raw stream is closed (`CHECK_CLOSED`).
fn check_closed(vm: &Vm, this: &Object, message: &str) -> PyResult<Object> {
    let raw = raw(vm, this)?;
    let closed = match raw.payload::<fileio::FileIO>() {
        Some(f) if vm.type_of(&raw).is(&vm.io.file_io) => f.fd.get() < 0,
        _ => super::is_closed(vm, &raw)?,
    };
    // A reader with data still buffered may serve it after the raw
    // stream closed, as CPython's buffered reads do.
    if closed && payload(this).readahead() == 0 {
        return Err(vm.new_value_error(message));
    }
    Ok(raw)
}

fn forward_raw(vm: &Vm, args: Args, method: &str) -> PyResult {
    let raw = raw(vm, &args.values[0])?;
    vm.call_method(&raw, method, &args.values[1..])
}

impl Buffered {
    fn valid_read(&self) -> bool {
        self.readable.get() && self.read_end.get() != -1
    }

    fn valid_write(&self) -> bool {
        self.writable.get() && self.write_end.get() != -1
    }

    /// The bytes read ahead and not yet consumed (`READAHEAD`).
    fn readahead(&self) -> usize {
        if self.valid_read() {
            (self.read_end.get() - self.pos.get()).max(0) as usize
        } else {
            0
        }
    }

    /// How far the raw stream is ahead of the logical position
    /// (`RAW_OFFSET`).
    fn raw_offset(&self) -> i64 {
        if (self.valid_read() || self.valid_write()) && self.raw_pos.get() >= 0 {
            self.raw_pos.get() - self.pos.get()
        } else {
            0
        }
    }

    /// Moves the position, the read-ahead growing with it
    /// (`ADJUST_POSITION`).
    fn adjust_position(&self, pos: i64) {
        self.pos.set(pos);
        if self.valid_read() && self.read_end.get() < pos {
            self.read_end.set(pos);
        }
    }

    fn reset_read(&self) {
        self.read_end.set(-1);
    }

    fn reset_write(&self) {
        self.write_pos.set(0);
        self.write_end.set(-1);
    }

    /// Takes `n` bytes from the position, which must be buffered
    /// (`_bufferedreader_read_fast`).
    fn take(&self, n: usize) -> Vec<u8> {
        let start = self.pos.get() as usize;
        self.pos.set((start + n) as i64);
        self.buffer.borrow()[start..start + n].to_vec()
    }
}

/// `BufferedReader(raw, buffer_size=DEFAULT_BUFFER_SIZE)` and the
/// writer's and random's, which check what the raw stream allows.
fn buffered_init(vm: &Vm, this: &Object, args: Args) -> PyResult<()> {
    let ty = vm.type_of(this);
    let name = type_payload(ty).name();
    let a = bind(vm, &name, args, false, &["raw", "buffer_size"], 1)?;
    let raw = a[0].clone().unwrap_or_else(|| vm.none.clone());
    let is = |t: &Object| crate::typeobject::is_subtype(ty, t);
    let (readable, writable) = if is(&vm.io.buffered_random) {
        (true, true)
    } else if is(&vm.io.buffered_writer) {
        (false, true)
    } else {
        (true, false)
    };
    if readable && writable {
        check_able(vm, &raw, "seekable")?;
    }
    if readable {
        check_able(vm, &raw, "readable")?;
    }
    if writable {
        check_able(vm, &raw, "writable")?;
    }
    let size = match &a[1] {
        Some(s) => index_arg(vm, s)?,
        None => super::DEFAULT_BUFFER_SIZE as i64,
    };
    if size <= 0 {
        return Err(vm.new_value_error("buffer size must be strictly positive"));
    }
    super::check_alloc(vm, size as usize)?;
    let b = payload(this);
    *b.raw.borrow_mut() = Some(raw);
    b.readable.set(readable);
    b.writable.set(writable);
    b.buffer_size.set(size as usize);
    *b.buffer.borrow_mut() = vec![0; size as usize];
    b.detached.set(false);
    b.ok.set(true);
    // Where the raw stream is, if it can say.
    b.abs_pos.set(-1);
    let _ = raw_tell(vm, this);
    b.read_end.set(-1);
    b.write_pos.set(0);
    b.write_end.set(-1);
    b.pos.set(0);
    b.raw_pos.set(0);
    Ok(())
}

/// `_PyIOBase_check_readable` and its kind, on the raw stream.
fn check_able(vm: &Vm, raw: &Object, method: &str) -> PyResult<()> {
    let answer = vm.call_method(raw, method, &[])?;
    if !answer.is(&vm.true_) {
        return Err(unsupported(vm, &format!("File or stream is not {method}.")));
    }
    Ok(())
}

fn buffered_repr(vm: &Vm, this: &Object) -> PyResult {
    let type_name = vm.type_name(this);
    let name = match vm.getattr_str(this, "name") {
        Ok(name) => Some(name),
        Err(e)
            if e.matches(vm, &vm.exceptions.value_error)
                || e.matches(vm, &vm.exceptions.attribute_error) =>
        {
            None
        }
        Err(e) => return Err(e),
    };
    let Some(name) = name else {
        return Ok(vm.new_str(&format!("<{type_name}>")));
    };
    let Some(_guard) = crate::recursion::ReprGuard::enter(vm, this) else {
        return Err(vm.new_runtime_error(format!("reentrant call inside {type_name}.__repr__")));
    };
    Ok(vm.new_str(&format!("<{type_name} name={}>", vm.repr_string(&name)?)))
}

// --- talking to the raw stream ------------------------------------------

fn is_native(vm: &Vm, raw: &Object) -> bool {
    vm.type_of(raw).is(&vm.io.file_io)
}

/// One read of at most `n` bytes from the raw stream (its `readinto`,
/// `_bufferedreader_raw_read`); None if it has no data now.
fn raw_read(vm: &Vm, this: &Object, raw: &Object, n: usize) -> PyResult<Option<Vec<u8>>> {
    let data = if is_native(vm, raw) {
        fileio::read(vm, raw, n)?
    } else {
        super::check_alloc(vm, n)?;
        let buffer = crate::objects::bytearray::new_bytearray(vm, vec![0; n]);
        let view = crate::objects::memoryview::new_memoryview(vm, &buffer)?;
        let got = vm.call_method(raw, "readinto", &[view])?;
        if vm.is_none(&got) {
            None
        } else {
            let got = index_arg(vm, &got)?;
            if got < 0 || got as usize > n {
                return Err(vm.new_exception(
                    &vm.exceptions.os_error,
                    format!("raw readinto() returned invalid length {got} (should have been between 0 and {n})"),
                ));
            }
            let mut data = crate::objects::bytes::bytes_like(&buffer).unwrap_or_default();
            data.truncate(got as usize);
            Some(data)
        }
    };
    let b = payload(this);
    if let Some(d) = &data {
        if !d.is_empty() && b.abs_pos.get() != -1 {
            b.abs_pos.set(b.abs_pos.get() + d.len() as i64);
        }
    }
    Ok(data)
}

/// One write to the raw stream (`_bufferedwriter_raw_write`); the count
/// written, None if it would block.
fn raw_write(vm: &Vm, this: &Object, raw: &Object, data: &[u8]) -> PyResult<Option<usize>> {
    let written = if is_native(vm, raw) {
        fileio::write(vm, raw, data)?
    } else {
        let written = vm.call_method(raw, "write", &[new_bytes(vm, data.to_vec())])?;
        if vm.is_none(&written) {
            None
        } else {
            let n = index_arg(vm, &written)?;
            if n < 0 || n as usize > data.len() {
                return Err(vm.new_exception(
                    &vm.exceptions.os_error,
                    format!(
                        "raw write() returned invalid length {n} (should have been between 0 and {})",
                        data.len()
                    ),
                ));
            }
            Some(n as usize)
        }
    };
    let b = payload(this);
    if let Some(n) = written {
        if n > 0 && b.abs_pos.get() != -1 {
            b.abs_pos.set(b.abs_pos.get() + n as i64);
        }
    }
    Ok(written)
}

/// The raw stream's position, asked of it (`_buffered_raw_tell`).
fn raw_tell(vm: &Vm, this: &Object) -> PyResult<i64> {
    let raw = raw(vm, this)?;
    let pos = if is_native(vm, &raw) {
        fileio::tell(vm, &raw)?
    } else {
        index_arg(vm, &vm.call_method(&raw, "tell", &[])?)?
    };
    if pos < 0 {
        return Err(vm.new_exception(
            &vm.exceptions.os_error,
            format!("Raw stream returned invalid position {pos}"),
        ));
    }
    payload(this).abs_pos.set(pos);
    Ok(pos)
}

/// The raw stream's position as last known, or asked (`RAW_TELL`).
fn raw_tell_cached(vm: &Vm, this: &Object) -> PyResult<i64> {
    match payload(this).abs_pos.get() {
        -1 => raw_tell(vm, this),
        pos => Ok(pos),
    }
}

/// Moves the raw stream (`_buffered_raw_seek`).
fn raw_seek(vm: &Vm, this: &Object, raw: &Object, target: i64, whence: i32) -> PyResult<i64> {
    let at = vm.call_method(
        raw,
        "seek",
        &[vm.new_int(target), vm.new_int(whence.into())],
    )?;
    let at = index_arg(vm, &at)?;
    if at < 0 {
        return Err(vm.new_exception(
            &vm.exceptions.os_error,
            format!("Raw stream returned invalid position {at}"),
        ));
    }
    payload(this).abs_pos.set(at);
    Ok(at)
}

fn blocking_error(vm: &Vm, written: usize) -> PyErr {
    PyErr(crate::exceptions::new_exception(
        vm,
        &vm.exceptions.blocking_io_error,
        vec![
            vm.new_int(libc::EAGAIN.into()),
            vm.new_str("write could not complete without blocking"),
            vm.new_int(written as i64),
        ],
    ))
}

/// Passes the written bytes to the raw stream, after moving it back to
/// where they start (`_bufferedwriter_flush_unlocked`).
fn write_out(vm: &Vm, this: &Object, raw: &Object) -> PyResult<()> {
    let b = payload(this);
    if b.valid_write() && b.write_pos.get() != b.write_end.get() {
        let rewind = b.raw_offset() + (b.pos.get() - b.write_pos.get());
        if rewind != 0 {
            raw_seek(vm, this, raw, -rewind, 1)?;
            b.raw_pos.set(b.raw_pos.get() - rewind);
        }
        while b.write_pos.get() < b.write_end.get() {
            let chunk =
                b.buffer.borrow()[b.write_pos.get() as usize..b.write_end.get() as usize].to_vec();
            match raw_write(vm, this, raw, &chunk)? {
                Some(n) => {
                    b.write_pos.set(b.write_pos.get() + n as i64);
                    b.raw_pos.set(b.write_pos.get());
                }
                None => return Err(blocking_error(vm, 0)),
            }
        }
    }
    b.reset_write();
    Ok(())
}

/// Passes the written bytes on and moves the raw stream to the logical
/// position, dropping the read-ahead (`buffered_flush_and_rewind_unlocked`).
fn flush_and_rewind(vm: &Vm, this: &Object, raw: &Object) -> PyResult<()> {
    write_out(vm, this, raw)?;
    let b = payload(this);
    if b.readable.get() {
        let offset = b.raw_offset();
        let moved = raw_seek(vm, this, raw, -offset, 1);
        b.reset_read();
        moved?;
    }
    Ok(())
}

// --- the methods ------------------------------------------------------

/// `flush()`: a writer writes out its buffer; a reader asks its raw
/// stream to flush.
pub fn flush(vm: &Vm, this: &Object) -> PyResult<()> {
    let b = payload(this);
    if !b.writable.get() {
        let raw = raw(vm, this)?;
        vm.call_method(&raw, "flush", &[])?;
        return Ok(());
    }
    let raw = check_closed(vm, this, "flush of closed file")?;
    flush_and_rewind(vm, this, &raw)
}

fn buffered_detach(vm: &Vm, args: Args) -> PyResult {
    let this = &args.values[0];
    raw(vm, this)?;
    vm.call_method(this, "flush", &[])?;
    let b = payload(this);
    let raw = b.raw.borrow_mut().take();
    b.ok.set(false);
    b.detached.set(true);
    Ok(raw.unwrap_or_else(|| vm.none.clone()))
}

fn buffered_close(vm: &Vm, args: Args) -> PyResult {
    let this = &args.values[0];
    let raw = raw(vm, this)?;
    if super::is_closed(vm, &raw)? {
        return Ok(vm.none.clone());
    }
    let flushed = vm.call_method(this, "flush", &[]);
    let closed = vm.call_method(&raw, "close", &[]);
    let b = payload(this);
    b.reset_read();
    b.reset_write();
    super::both(flushed.map(|_| ()), closed).map(|_| vm.none.clone())
}

/// The logical position: the raw stream's, less how far it is ahead
/// (`_io__Buffered_tell_impl`).
pub fn tell(vm: &Vm, this: &Object) -> PyResult<i64> {
    raw(vm, this)?;
    let pos = raw_tell(vm, this)?;
    Ok(pos - payload(this).raw_offset())
}

fn buffered_seek(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "seek", args, true, &["target", "whence"], 1)?;
    let this = &args.values[0];
    let whence = match &a[1] {
        Some(w) => int_arg(vm, w)?,
        None => 0,
    };
    if !(0..=4).contains(&whence) {
        return Err(vm.new_value_error(format!("whence value {whence} unsupported")));
    }
    let raw = check_closed(vm, this, "seek of closed file")?;
    check_able(vm, &raw, "seekable")?;
    let target = a[0].clone().unwrap_or_else(|| vm.none.clone());
    let target = index_arg(vm, &target)?;
    let b = payload(this);
    // Within the read-ahead, only the position moves.
    if (whence == 0 || whence == 1) && b.readable.get() {
        let current = raw_tell_cached(vm, this)?;
        let avail = b.readahead() as i64;
        if avail > 0 {
            let offset = if whence == 0 {
                target - (current - b.raw_offset())
            } else {
                target
            };
            if offset >= -b.pos.get() && offset <= avail {
                b.pos.set(b.pos.get() + offset);
                return Ok(vm.new_int(current - avail + offset));
            }
        }
    }
    if b.writable.get() {
        write_out(vm, this, &raw)?;
    }
    let target = if whence == 1 {
        target - b.raw_offset()
    } else {
        target
    };
    let at = raw_seek(vm, this, &raw, target, whence)?;
    b.raw_pos.set(-1);
    if b.readable.get() {
        b.reset_read();
    }
    Ok(vm.new_int(at))
}

fn buffered_truncate(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "truncate", args, true, &["pos"], 0)?;
    let this = &args.values[0];
    let raw = check_closed(vm, this, "truncate of closed file")?;
    if !payload(this).writable.get() {
        return Err(unsupported(vm, "truncate"));
    }
    flush_and_rewind(vm, this, &raw)?;
    let pos = a[0].clone().unwrap_or_else(|| vm.none.clone());
    let result = vm.call_method(&raw, "truncate", &[pos])?;
    // The cached position is refreshed; a stream that cannot say is
    // fine.
    let _ = raw_tell(vm, this);
    Ok(result)
}

/// `write(b)`: into the buffer, which goes to the raw stream when full
/// (`_io__Buffered_write_impl`).
fn buffered_write(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "write", args, true, &["buffer"], 1)?;
    let this = &args.values[0];
    let data = a[0].clone().unwrap_or_else(|| vm.none.clone());
    let bytes = buffer_arg(vm, &data)?;
    write(vm, this, &bytes)?;
    Ok(vm.new_int(bytes.len() as i64))
}

/// Writes `data`: into the buffer at the position if it fits; else the
/// buffer goes out, data bigger than the buffer goes straight to the raw
/// stream, and the rest starts a new buffer.
pub fn write(vm: &Vm, this: &Object, data: &[u8]) -> PyResult<()> {
    let raw = raw(vm, this)?;
    let b = payload(this);
    if !b.writable.get() {
        return Err(unsupported(vm, "write"));
    }
    let closed = match raw.payload::<fileio::FileIO>() {
        Some(f) if is_native(vm, &raw) => f.fd.get() < 0,
        _ => super::is_closed(vm, &raw)?,
    };
    if closed {
        return Err(vm.new_value_error("write to closed file"));
    }
    if !b.valid_read() && !b.valid_write() {
        b.pos.set(0);
        b.raw_pos.set(0);
    }
    let size = b.buffer_size.get();
    let avail = size as i64 - b.pos.get();
    if data.len() as i64 <= avail {
        let pos = b.pos.get();
        b.buffer.borrow_mut()[pos as usize..pos as usize + data.len()].copy_from_slice(data);
        if !b.valid_write() || b.write_pos.get() > pos {
            b.write_pos.set(pos);
        }
        b.adjust_position(pos + data.len() as i64);
        if b.pos.get() > b.write_end.get() {
            b.write_end.set(b.pos.get());
        }
        return Ok(());
    }
    write_out(vm, this, &raw)?;
    // The raw stream may be ahead of the position, over read-ahead that
    // was not written.
    let offset = b.raw_offset();
    if offset != 0 {
        raw_seek(vm, this, &raw, -offset, 1)?;
        b.raw_pos.set(b.raw_pos.get() - offset);
    }
    let mut rest = data;
    while rest.len() > size {
        match raw_write(vm, this, &raw, rest)? {
            Some(n) => rest = &rest[n..],
            None => {
                // What fits stays buffered; the caller learns how much
                // was taken.
                b.buffer.borrow_mut()[..size].copy_from_slice(&rest[..size]);
                b.raw_pos.set(0);
                b.adjust_position(size as i64);
                b.write_end.set(size as i64);
                return Err(blocking_error(vm, data.len() - rest.len() + size));
            }
        }
    }
    if b.readable.get() {
        b.reset_read();
    }
    b.buffer.borrow_mut()[..rest.len()].copy_from_slice(rest);
    b.write_pos.set(0);
    b.write_end.set(rest.len() as i64);
    b.adjust_position(rest.len() as i64);
    b.raw_pos.set(0);
    Ok(())
}

/// Reads once from the raw stream into the buffer after the read-ahead
/// (`_bufferedreader_fill_buffer`); the count read, None if the stream
/// had no data.
fn fill(vm: &Vm, this: &Object, raw: &Object) -> PyResult<Option<usize>> {
    let b = payload(this);
    let start = if b.valid_read() {
        b.read_end.get() as usize
    } else {
        0
    };
    let room = b.buffer_size.get() - start;
    let data = raw_read(vm, this, raw, room)?;
    if let Some(d) = &data {
        if !d.is_empty() {
            b.buffer.borrow_mut()[start..start + d.len()].copy_from_slice(d);
            b.read_end.set((start + d.len()) as i64);
            b.raw_pos.set((start + d.len()) as i64);
        }
    }
    Ok(data.map(|d| d.len()))
}

fn buffered_read(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "read", args, true, &["size"], 0)?;
    let this = &args.values[0];
    raw(vm, this)?;
    let size = size_arg(vm, a[0].as_ref())?;
    if size < -1 {
        return Err(vm.new_value_error("read length must be non-negative or -1"));
    }
    let data = read(vm, this, size)?;
    Ok(data.map_or_else(|| vm.none.clone(), |d| new_bytes(vm, d)))
}

/// `read(size)`: `size` bytes, fewer at the end of the file, all of
/// them for -1; None if a non-blocking stream has none.
pub fn read(vm: &Vm, this: &Object, size: i64) -> PyResult<Option<Vec<u8>>> {
    let raw = check_closed(vm, this, "read of closed file")?;
    let b = payload(this);
    if !b.readable.get() {
        return Err(unsupported(vm, "read"));
    }
    if size >= 0 && (size as usize) <= b.readahead() {
        return Ok(Some(b.take(size as usize)));
    }
    if size < 0 {
        return read_all(vm, this, &raw);
    }
    // `_bufferedreader_read_generic`: the read-ahead, then whole blocks
    // straight from the raw stream, then the rest through the buffer.
    let size = size as usize;
    let mut data = b.take(b.readahead());
    if b.writable.get() {
        flush_and_rewind(vm, this, &raw)?;
    }
    b.reset_read();
    let block = b.buffer_size.get();
    loop {
        let wanted = (size - data.len()) / block * block;
        if wanted == 0 {
            break;
        }
        match raw_read(vm, this, &raw, wanted)? {
            Some(chunk) if !chunk.is_empty() => data.extend_from_slice(&chunk),
            Some(_) => return Ok(Some(data)),
            None if data.is_empty() => return Ok(None),
            None => return Ok(Some(data)),
        }
    }
    b.pos.set(0);
    b.raw_pos.set(0);
    b.read_end.set(0);
    while data.len() < size && (b.read_end.get() as usize) < block {
        match fill(vm, this, &raw)? {
            Some(n) if n > 0 => {
                let want = (size - data.len()).min(n);
                data.extend_from_slice(&b.take(want));
            }
            Some(_) => return Ok(Some(data)),
            None if data.is_empty() => return Ok(None),
            None => return Ok(Some(data)),
        }
    }
    Ok(Some(data))
}

/// `read()`: the read-ahead, then the raw stream's `readall`
/// (`_bufferedreader_read_all`).
fn read_all(vm: &Vm, this: &Object, raw: &Object) -> PyResult<Option<Vec<u8>>> {
    let b = payload(this);
    let mut data = if b.valid_read() {
        b.take(b.readahead())
    } else {
        Vec::new()
    };
    if b.writable.get() {
        flush_and_rewind(vm, this, raw)?;
    }
    b.reset_read();
    let rest = if is_native(vm, raw) {
        fileio::read_all(vm, raw)?
    } else if vm.getattr_opt(raw, &vm.intern("readall"))?.is_some() {
        let all = vm.call_method(raw, "readall", &[])?;
        super::bytes_result(vm, &all, "readall")?
    } else {
        read_until_end(vm, raw)?
    };
    Ok(match rest {
        Some(rest) => {
            data.extend_from_slice(&rest);
            Some(data)
        }
        None if data.is_empty() => None,
        None => Some(data),
    })
}

/// `read()` of a raw stream without `readall`: `read` to the end.
fn read_until_end(vm: &Vm, raw: &Object) -> PyResult<Option<Vec<u8>>> {
    let mut all = Vec::new();
    loop {
        let chunk = vm.call_method(raw, "read", &[])?;
        match super::bytes_result(vm, &chunk, "read")? {
            Some(chunk) if chunk.is_empty() => return Ok(Some(all)),
            Some(chunk) => all.extend_from_slice(&chunk),
            None if all.is_empty() => return Ok(None),
            None => return Ok(Some(all)),
        }
    }
}

fn buffered_read1(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "read1", args, true, &["size"], 0)?;
    let this = &args.values[0];
    let size = size_arg(vm, a[0].as_ref())?;
    Ok(new_bytes(vm, read1(vm, this, size)?))
}

/// `read1(size)`: what is read ahead, or else what one raw read gives.
/// Written bytes stay in the buffer, as in CPython 3.11.
pub fn read1(vm: &Vm, this: &Object, size: i64) -> PyResult<Vec<u8>> {
    let b = payload(this);
    raw(vm, this)?;
    let size = if size < 0 {
        b.buffer_size.get()
    } else {
        size as usize
    };
    let raw = check_closed(vm, this, "read of closed file")?;
    if size == 0 {
        return Ok(Vec::new());
    }
    let have = b.readahead();
    if have > 0 {
        return Ok(b.take(size.min(have)));
    }
    b.reset_read();
    Ok(raw_read(vm, this, &raw, size)?.unwrap_or_default())
}

fn buffered_peek(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "peek", args, true, &["size"], 0)?;
    if let Some(size) = &a[0] {
        int_arg(vm, size)?;
    }
    let this = &args.values[0];
    Ok(new_bytes(vm, peek(vm, this)?))
}

/// `peek()`: the read-ahead, or else a buffer filled by one raw read,
/// without moving the position (`_bufferedreader_peek_unlocked`).
pub fn peek(vm: &Vm, this: &Object) -> PyResult<Vec<u8>> {
    let raw = check_closed(vm, this, "peek of closed file")?;
    let b = payload(this);
    if b.writable.get() {
        flush_and_rewind(vm, this, &raw)?;
    }
    let have = b.readahead();
    if have > 0 {
        let pos = b.pos.get() as usize;
        return Ok(b.buffer.borrow()[pos..pos + have].to_vec());
    }
    b.reset_read();
    let n = fill(vm, this, &raw)?.unwrap_or(0);
    b.pos.set(0);
    Ok(b.buffer.borrow()[..n].to_vec())
}

fn buffered_readinto(vm: &Vm, args: Args, once: bool) -> PyResult {
    let name = if once { "readinto1" } else { "readinto" };
    let a = bind(vm, name, args, true, &["buffer"], 1)?;
    let this = &args.values[0];
    let target = a[0].clone().unwrap_or_else(|| vm.none.clone());
    let raw = check_closed(vm, this, "readinto of closed file")?;
    let length = writable_len(vm, &target)?;
    match readinto(vm, this, &raw, length, once)? {
        Some(data) => {
            fill_buffer(vm, &target, &data)?;
            Ok(vm.new_int(data.len() as i64))
        }
        None => Ok(vm.none.clone()),
    }
}

/// What `readinto` of a buffer of `length` bytes puts in it
/// (`_buffered_readinto_generic`): the read-ahead, then raw reads, a
/// buffer's worth at a time through the buffer unless more is wanted;
/// with `once`, at most one raw read, and none if the read-ahead gave
/// something.
fn readinto(
    vm: &Vm,
    this: &Object,
    raw: &Object,
    length: usize,
    once: bool,
) -> PyResult<Option<Vec<u8>>> {
    let b = payload(this);
    let have = b.readahead();
    if have > 0 && have >= length {
        return Ok(Some(b.take(length)));
    }
    let mut data = b.take(have);
    if b.writable.get() {
        flush_and_rewind(vm, this, raw)?;
    }
    b.reset_read();
    b.pos.set(0);
    while data.len() < length {
        let remaining = length - data.len();
        let got = if remaining > b.buffer_size.get() {
            raw_read(vm, this, raw, remaining)?
        } else if !once || data.is_empty() {
            match fill(vm, this, raw)? {
                Some(n) if n > 0 => {
                    data.extend_from_slice(&b.take(n.min(remaining)));
                    continue;
                }
                other => other.map(|_| Vec::new()),
            }
        } else {
            Some(Vec::new())
        };
        match got {
            Some(chunk) if chunk.is_empty() => break,
            None if !data.is_empty() => break,
            None => return Ok(None),
            Some(chunk) => {
                data.extend_from_slice(&chunk);
                if once {
                    break;
                }
            }
        }
    }
    Ok(Some(data))
}

fn buffered_readline(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "readline", args, true, &["size"], 0)?;
    let this = &args.values[0];
    let limit = size_arg(vm, a[0].as_ref())?;
    Ok(new_bytes(vm, readline(vm, this, limit)?))
}

/// `readline(limit)`: up to and including a newline, at most `limit`
/// bytes when it is not negative (`_buffered_readline`).
pub fn readline(vm: &Vm, this: &Object, limit: i64) -> PyResult<Vec<u8>> {
    let raw = check_closed(vm, this, "readline of closed file")?;
    let b = payload(this);
    let mut limit = if limit < 0 {
        usize::MAX
    } else {
        limit as usize
    };
    // First what is read ahead.
    let n = b.readahead().min(limit);
    let found = {
        let pos = b.pos.get() as usize;
        b.buffer.borrow()[pos..pos + n]
            .iter()
            .position(|&c| c == b'\n')
    };
    if let Some(i) = found {
        return Ok(b.take(i + 1));
    }
    let mut line = b.take(n);
    if n == limit {
        return Ok(line);
    }
    limit -= n;
    if b.writable.get() {
        flush_and_rewind(vm, this, &raw)?;
    }
    loop {
        b.reset_read();
        let n = match fill(vm, this, &raw)? {
            Some(n) if n > 0 => n.min(limit),
            _ => break,
        };
        let found = b.buffer.borrow()[..n].iter().position(|&c| c == b'\n');
        b.pos.set(0);
        if let Some(i) = found {
            line.extend_from_slice(&b.take(i + 1));
            return Ok(line);
        }
        line.extend_from_slice(&b.take(n));
        if n == limit {
            break;
        }
        limit -= n;
    }
    Ok(line)
}

// --- BufferedRWPair -----------------------------------------------------

fn init_rw_pair(vm: &Vm) {
    let ty = &vm.io.buffered_rw_pair;
    let tp = type_payload(ty);
    tp.slots
        .new
        .set(Some(|_, ty, _| Ok(object::alloc(ty, RWPair::default()))));
    tp.slots.init.set(Some(|vm, this, args| {
        let a = bind(
            vm,
            "BufferedRWPair",
            args,
            false,
            &["reader", "writer", "buffer_size"],
            2,
        )?;
        let size = a[2]
            .clone()
            .unwrap_or_else(|| vm.new_int(super::DEFAULT_BUFFER_SIZE as i64));
        let reader_raw = a[0].clone().unwrap_or_else(|| vm.none.clone());
        let writer_raw = a[1].clone().unwrap_or_else(|| vm.none.clone());
        check_able(vm, &reader_raw, "readable")?;
        check_able(vm, &writer_raw, "writable")?;
        let reader = vm.call(
            &vm.io.buffered_reader,
            Args::positional_only(&[reader_raw, size.clone()]),
        )?;
        let writer = vm.call(
            &vm.io.buffered_writer,
            Args::positional_only(&[writer_raw, size]),
        )?;
        let pair = this.payload::<RWPair>().expect("a BufferedRWPair");
        *pair.reader.borrow_mut() = Some(reader);
        *pair.writer.borrow_mut() = Some(writer);
        Ok(())
    }));
    add_getset(
        vm,
        ty,
        "closed",
        |vm, this| vm.getattr_str(&pair_side(vm, this, false)?, "closed"),
        None,
    );
    let methods: &[(&'static str, NativeFn)] = &[
        ("read", |vm, args| forward(vm, args, false, "read")),
        ("peek", |vm, args| forward(vm, args, false, "peek")),
        ("read1", |vm, args| forward(vm, args, false, "read1")),
        ("readinto", |vm, args| forward(vm, args, false, "readinto")),
        ("readinto1", |vm, args| {
            forward(vm, args, false, "readinto1")
        }),
        ("readable", |vm, args| forward(vm, args, false, "readable")),
        ("write", |vm, args| forward(vm, args, true, "write")),
        ("flush", |vm, args| forward(vm, args, true, "flush")),
        ("writable", |vm, args| forward(vm, args, true, "writable")),
        ("isatty", |vm, args| {
            let this = &args.values[0];
            let writer = vm.call_method(&pair_side(vm, this, true)?, "isatty", &[])?;
            if vm.is_true(&writer)? {
                return Ok(writer);
            }
            vm.call_method(&pair_side(vm, this, false)?, "isatty", &[])
        }),
        ("close", |vm, args| {
            let this = &args.values[0];
            let first = vm.call_method(&pair_side(vm, this, true)?, "close", &[]);
            let second = vm.call_method(&pair_side(vm, this, false)?, "close", &[]);
            super::both(first.map(|_| ()), second)
        }),
    ];
    add_methods(vm, ty, methods);
}

/// The reader or the writer of a pair, or ValueError before `__init__`.
fn pair_side(vm: &Vm, this: &Object, writer: bool) -> PyResult<Object> {
    let pair = this.payload::<RWPair>().expect("a BufferedRWPair");
    let side = if writer { &pair.writer } else { &pair.reader };
    side.borrow()
        .clone()
        .ok_or_else(|| vm.new_value_error("I/O operation on uninitialized object"))
}

fn forward(vm: &Vm, args: Args, writer: bool, method: &str) -> PyResult {
    let side = pair_side(vm, &args.values[0], writer)?;
    let callable = vm.getattr_str(&side, method)?;
    vm.call(
        &callable,
        Args {
            values: &args.values[1..],
            kwnames: args.kwnames,
        },
    )
}

/// The raw file under a native buffer (or a native raw file used as
/// one), when the whole stack is native.
pub fn native_raw(vm: &Vm, buffer: &Object) -> Option<Object> {
    if vm.type_of(buffer).is(&vm.io.file_io) {
        return Some(buffer.clone());
    }
    let ty = vm.type_of(buffer);
    let native = ty.is(&vm.io.buffered_writer)
        || ty.is(&vm.io.buffered_reader)
        || ty.is(&vm.io.buffered_random);
    if !native {
        return None;
    }
    let raw = buffer.payload::<Buffered>()?.raw.borrow().clone()?;
    is_native(vm, &raw).then_some(raw)
}
