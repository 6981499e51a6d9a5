//! Buffered binary streams (Modules/_io/bufferedio.c): `BufferedReader`,
//! `BufferedWriter` and `BufferedRandom`, which share one payload and
//! differ in what their raw stream allows, and `BufferedRWPair`, a
//! reader and a writer side by side.
//!
//! A buffered object holds at most one kind of data at a time: bytes
//! read ahead from the raw stream, or bytes written and not yet passed
//! on. Before reading, pending writes go out; before writing, the raw
//! stream is moved back over what was read ahead. So the raw stream's
//! position is always the logical one, give or take the buffer.

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
    /// Bytes read ahead, consumed from `read_pos`.
    read_buf: RefCell<Vec<u8>>,
    read_pos: Cell<usize>,
    /// Bytes written and not yet passed to the raw stream.
    write_buf: RefCell<Vec<u8>>,
}

impl Drop for Buffered {
    /// A writer that goes away unflushed passes its bytes on, as
    /// CPython's finalizer closes (and so flushes) it. Only a native
    /// raw file can be written without the interpreter.
    fn drop(&mut self) {
        let data = std::mem::take(self.write_buf.get_mut());
        let Some(raw) = self.raw.get_mut().take() else {
            return;
        };
        if let Some(f) = raw.payload::<fileio::FileIO>() {
            let mut rest = &data[..];
            while !rest.is_empty() {
                match fileio::sys_write(f.fd.get(), rest) {
                    Ok(n) if n > 0 => rest = &rest[n..],
                    _ => break,
                }
            }
        }
    }
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
    if closed && payload(this).available() == 0 {
        return Err(vm.new_value_error(message));
    }
    Ok(raw)
}

fn forward_raw(vm: &Vm, args: Args, method: &str) -> PyResult {
    let raw = raw(vm, &args.values[0])?;
    vm.call_method(&raw, method, &args.values[1..])
}

impl Buffered {
    fn available(&self) -> usize {
        self.read_buf.borrow().len() - self.read_pos.get()
    }

    /// Takes up to `n` bytes of the read-ahead.
    fn take(&self, n: usize) -> Vec<u8> {
        let buf = self.read_buf.borrow();
        let start = self.read_pos.get();
        let end = start.saturating_add(n).min(buf.len());
        self.read_pos.set(end);
        buf[start..end].to_vec()
    }

    fn reset_read(&self) {
        self.read_buf.borrow_mut().clear();
        self.read_pos.set(0);
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
    let b = payload(this);
    *b.raw.borrow_mut() = Some(raw);
    b.readable.set(readable);
    b.writable.set(writable);
    b.buffer_size.set(size as usize);
    b.reset_read();
    b.write_buf.borrow_mut().clear();
    b.detached.set(false);
    b.ok.set(true);
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

/// One read of at most `n` bytes from the raw stream (its `readinto`);
/// None if it has no data now.
fn raw_read(vm: &Vm, raw: &Object, n: usize) -> PyResult<Option<Vec<u8>>> {
    if is_native(vm, raw) {
        return fileio::read(vm, raw, n);
    }
    super::check_alloc(vm, n)?;
    let buffer = crate::objects::bytearray::new_bytearray(vm, vec![0; n]);
    let got = vm.call_method(raw, "readinto", std::slice::from_ref(&buffer))?;
    if vm.is_none(&got) {
        return Ok(None);
    }
    let got = index_arg(vm, &got)?;
    if got < 0 || got as usize > n {
        return Err(vm.new_exception(
            &vm.exceptions.os_error,
            format!(
                "raw readinto() returned invalid length {got} (should have been between 0 and {n})"
            ),
        ));
    }
    let mut data = crate::objects::bytes::bytes_like(&buffer).unwrap_or_default();
    data.truncate(got as usize);
    Ok(Some(data))
}

/// One write to the raw stream; the count written, None if it would
/// block.
fn raw_write(vm: &Vm, raw: &Object, data: &[u8]) -> PyResult<Option<usize>> {
    if is_native(vm, raw) {
        return fileio::write(vm, raw, data);
    }
    let written = vm.call_method(raw, "write", &[new_bytes(vm, data.to_vec())])?;
    if vm.is_none(&written) {
        return Ok(None);
    }
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
    Ok(Some(n as usize))
}

fn raw_tell(vm: &Vm, raw: &Object) -> PyResult<i64> {
    let pos = if is_native(vm, raw) {
        fileio::tell(vm, raw)?
    } else {
        index_arg(vm, &vm.call_method(raw, "tell", &[])?)?
    };
    if pos < 0 {
        return Err(vm.new_exception(
            &vm.exceptions.os_error,
            format!("Raw stream returned invalid position {pos}"),
        ));
    }
    Ok(pos)
}

fn raw_seek(vm: &Vm, raw: &Object, pos: i64, whence: i32) -> PyResult<i64> {
    let at = vm.call_method(raw, "seek", &[vm.new_int(pos), vm.new_int(whence.into())])?;
    let at = index_arg(vm, &at)?;
    if at < 0 {
        return Err(vm.new_exception(
            &vm.exceptions.os_error,
            format!("Raw stream returned invalid position {at}"),
        ));
    }
    Ok(at)
}

/// Passes every pending write to the raw stream
/// (`_bufferedwriter_flush_unlocked`).
fn write_out(vm: &Vm, this: &Object, raw: &Object) -> PyResult<()> {
    let b = payload(this);
    loop {
        let pending = b.write_buf.borrow().clone();
        if pending.is_empty() {
            return Ok(());
        }
        match raw_write(vm, raw, &pending)? {
            Some(n) => {
                b.write_buf.borrow_mut().drain(..n.min(pending.len()));
            }
            None => {
                return Err(blocking_error(vm, 0));
            }
        }
    }
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

/// Makes the raw stream's position the logical one: pending writes go
/// out, and the raw stream moves back over the unread read-ahead
/// (`buffered_flush_and_rewind_unlocked`).
fn flush_and_rewind(vm: &Vm, this: &Object, raw: &Object) -> PyResult<()> {
    write_out(vm, this, raw)?;
    let b = payload(this);
    let ahead = b.available();
    if ahead > 0 {
        raw_seek(vm, raw, -(ahead as i64), 1)?;
    }
    b.reset_read();
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
    payload(this).reset_read();
    super::both(flushed.map(|_| ()), closed).map(|_| vm.none.clone())
}

/// The logical position: the raw stream's, less the unread read-ahead,
/// plus the pending writes.
pub fn tell(vm: &Vm, this: &Object) -> PyResult<i64> {
    let raw = raw(vm, this)?;
    let b = payload(this);
    let pos = raw_tell(vm, &raw)? - b.available() as i64 + b.write_buf.borrow().len() as i64;
    if pos < 0 {
        return Err(vm.new_exception(
            &vm.exceptions.os_error,
            format!("Raw stream returned invalid position {pos}"),
        ));
    }
    Ok(pos)
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
    // Within the read-ahead, only the read position moves.
    if (whence == 0 || whence == 1) && b.write_buf.borrow().is_empty() && b.available() > 0 {
        let end = raw_tell(vm, &raw)?;
        let start = end - b.read_buf.borrow().len() as i64;
        let current = end - b.available() as i64;
        let wanted = if whence == 0 {
            target
        } else {
            current + target
        };
        if (start..=end).contains(&wanted) {
            b.read_pos.set((wanted - start) as usize);
            return Ok(vm.new_int(wanted));
        }
    }
    write_out(vm, this, &raw)?;
    let target = if whence == 1 {
        target - b.available() as i64
    } else {
        target
    };
    let at = raw_seek(vm, &raw, target, whence)?;
    b.reset_read();
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
    vm.call_method(&raw, "truncate", &[pos])
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

/// Writes `data`: the buffer takes what fits; when it is full it goes
/// out, and data bigger than the buffer goes straight to the raw stream.
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
    if b.available() > 0 {
        flush_and_rewind(vm, this, &raw)?;
    } else {
        b.reset_read();
    }
    let size = b.buffer_size.get();
    {
        let mut buf = b.write_buf.borrow_mut();
        if buf.len() + data.len() <= size {
            buf.extend_from_slice(data);
            return Ok(());
        }
    }
    write_out(vm, this, &raw)?;
    let mut rest = data;
    while rest.len() > size {
        match raw_write(vm, &raw, rest)? {
            Some(n) => rest = &rest[n..],
            None => {
                // What fits stays buffered; the caller learns how much
                // was taken.
                let room = size.min(rest.len());
                b.write_buf.borrow_mut().extend_from_slice(&rest[..room]);
                return Err(blocking_error(vm, data.len() - rest.len() + room));
            }
        }
    }
    b.write_buf.borrow_mut().extend_from_slice(rest);
    Ok(())
}

/// Reads once from the raw stream into the room left at the end of the
/// read-ahead (`_bufferedreader_fill_buffer`); the count read, None if
/// the stream had no data.
fn fill(vm: &Vm, this: &Object, raw: &Object) -> PyResult<Option<usize>> {
    let b = payload(this);
    write_out(vm, this, raw)?;
    let room = b
        .buffer_size
        .get()
        .saturating_sub(b.read_buf.borrow().len());
    let data = raw_read(vm, raw, room)?;
    Ok(data.map(|d| {
        b.read_buf.borrow_mut().extend_from_slice(&d);
        d.len()
    }))
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
    if size >= 0 && (size as usize) <= b.available() {
        return Ok(Some(b.take(size as usize)));
    }
    let mut data = b.take(usize::MAX);
    b.reset_read();
    write_out(vm, this, &raw)?;
    if size < 0 {
        let rest = if is_native(vm, &raw) {
            fileio::read_all(vm, &raw)?
        } else if vm.getattr_opt(&raw, &vm.intern("readall"))?.is_some() {
            let all = vm.call_method(&raw, "readall", &[])?;
            super::bytes_result(vm, &all, "readall")?
        } else {
            read_until_end(vm, &raw)?
        };
        return Ok(match rest {
            Some(rest) => {
                data.extend_from_slice(&rest);
                Some(data)
            }
            None if data.is_empty() => None,
            None => Some(data),
        });
    }
    // Whole blocks go straight from the raw stream; the rest through
    // the read-ahead, whose remainder is kept (`_bufferedreader_read_generic`).
    let size = size as usize;
    let block = b.buffer_size.get();
    loop {
        let wanted = (size - data.len()) / block * block;
        if wanted == 0 {
            break;
        }
        match raw_read(vm, &raw, wanted)? {
            Some(chunk) if !chunk.is_empty() => data.extend_from_slice(&chunk),
            Some(_) => return Ok(Some(data)),
            None if data.is_empty() => return Ok(None),
            None => return Ok(Some(data)),
        }
    }
    while data.len() < size && b.read_buf.borrow().len() < block {
        match fill(vm, this, &raw)? {
            Some(n) if n > 0 => data.extend_from_slice(&b.take(size - data.len())),
            Some(_) => break,
            None if data.is_empty() => return Ok(None),
            None => break,
        }
    }
    Ok(Some(data))
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

/// `read1(size)`: what is buffered, or else what one raw read gives.
pub fn read1(vm: &Vm, this: &Object, size: i64) -> PyResult<Vec<u8>> {
    let raw = check_closed(vm, this, "read of closed file")?;
    let b = payload(this);
    let size = if size < 0 {
        b.buffer_size.get()
    } else {
        size as usize
    };
    if size == 0 {
        return Ok(Vec::new());
    }
    if b.available() > 0 {
        return Ok(b.take(size));
    }
    // Nothing buffered: one read of the raw stream, straight to the
    // caller.
    b.reset_read();
    write_out(vm, this, &raw)?;
    Ok(raw_read(vm, &raw, size)?.unwrap_or_default())
}

fn buffered_peek(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "peek", args, true, &["size"], 0)?;
    if let Some(size) = &a[0] {
        int_arg(vm, size)?;
    }
    let this = &args.values[0];
    Ok(new_bytes(vm, peek(vm, this)?))
}

/// `peek()`: the read-ahead, filled by one raw read if it was empty,
/// without moving the position.
pub fn peek(vm: &Vm, this: &Object) -> PyResult<Vec<u8>> {
    let raw = check_closed(vm, this, "peek of closed file")?;
    let b = payload(this);
    if b.available() == 0 {
        b.reset_read();
        fill(vm, this, &raw)?;
    }
    let buf = b.read_buf.borrow();
    Ok(buf[b.read_pos.get()..].to_vec())
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
/// buffer's worth at a time through the read-ahead unless more is
/// wanted; with `once`, at most one raw read, and none if the read-ahead
/// gave something.
fn readinto(
    vm: &Vm,
    this: &Object,
    raw: &Object,
    length: usize,
    once: bool,
) -> PyResult<Option<Vec<u8>>> {
    let b = payload(this);
    let mut data = b.take(length);
    if data.len() == length {
        return Ok(Some(data));
    }
    b.reset_read();
    write_out(vm, this, raw)?;
    while data.len() < length {
        let remaining = length - data.len();
        let got = if remaining > b.buffer_size.get() {
            raw_read(vm, raw, remaining)?
        } else if !once || data.is_empty() {
            match fill(vm, this, raw)? {
                Some(n) if n > 0 => {
                    data.extend_from_slice(&b.take(remaining));
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
/// bytes when it is not negative.
pub fn readline(vm: &Vm, this: &Object, limit: i64) -> PyResult<Vec<u8>> {
    let raw = check_closed(vm, this, "readline of closed file")?;
    let b = payload(this);
    let limit = if limit < 0 {
        usize::MAX
    } else {
        limit as usize
    };
    let mut line = Vec::new();
    loop {
        {
            let buf = b.read_buf.borrow();
            let start = b.read_pos.get();
            let room = (limit - line.len()).min(buf.len() - start);
            let chunk = &buf[start..start + room];
            if let Some(i) = chunk.iter().position(|&c| c == b'\n') {
                line.extend_from_slice(&chunk[..=i]);
                b.read_pos.set(start + i + 1);
                return Ok(line);
            }
            line.extend_from_slice(chunk);
            b.read_pos.set(start + room);
        }
        if line.len() >= limit {
            return Ok(line);
        }
        b.reset_read();
        match fill(vm, this, &raw)? {
            Some(n) if n > 0 => {}
            _ => return Ok(line),
        }
    }
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

/// Hands bytes to a buffer without the interpreter, for a text wrapper
/// that goes away unflushed: a native buffer keeps them for its own
/// flush, a native raw file writes them.
pub fn push_pending(buffer: &Object, data: &[u8]) {
    if let Some(b) = buffer.payload::<Buffered>() {
        if b.writable.get() {
            b.write_buf.borrow_mut().extend_from_slice(data);
        }
    } else if let Some(f) = buffer.payload::<fileio::FileIO>() {
        let mut rest = data;
        while !rest.is_empty() {
            match fileio::sys_write(f.fd.get(), rest) {
                Ok(n) if n > 0 => rest = &rest[n..],
                _ => break,
            }
        }
    }
}
