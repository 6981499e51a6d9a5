//! The abstract bases of the I/O classes (Modules/_io/iobase.c,
//! bufferedio.c's `_BufferedIOBase`, textio.c's `_TextIOBase`): the
//! default methods a class derived from them gets, written in terms of
//! the few methods it must define (`read`, `readinto`, `write`,
//! `seek`...), which are always looked up on the object so that Python
//! subclasses may override them.

use super::{check_closed, closed_file, size_arg, unsupported, DEFAULT_BUFFER_SIZE};
use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::bytes::{bytes_like, new_bytes};
use crate::objects::descr::add_getset;
use crate::objects::function::{add_methods, NativeFn};
use crate::objects::getargs::bind;
use crate::typeobject::Args;
use crate::vm::Vm;

pub(crate) fn init(vm: &Vm) {
    let io_base = &vm.io.io_base;
    let tp = crate::object::type_payload(io_base);
    tp.slots.iter.set(Some(|vm, this| {
        check_closed(vm, this)?;
        Ok(this.clone())
    }));
    tp.slots.iternext.set(Some(iobase_iternext));
    tp.slots.finalize.set(Some(iobase_finalize));
    add_getset(
        vm,
        io_base,
        "closed",
        |vm, this| Ok(vm.new_bool(iobase_is_closed(vm, this))),
        None,
    );
    let methods: &[(&'static str, NativeFn)] = &[
        ("seek", |vm, _| Err(unsupported(vm, "seek"))),
        ("tell", |vm, args| {
            vm.call_method(&args.values[0], "seek", &[vm.new_int(0), vm.new_int(1)])
        }),
        ("truncate", |vm, _| Err(unsupported(vm, "truncate"))),
        ("flush", |vm, args| {
            if iobase_is_closed(vm, &args.values[0]) {
                return Err(closed_file(vm, true));
            }
            Ok(vm.none.clone())
        }),
        ("close", |vm, args| {
            iobase_close(vm, &args.values[0])?;
            Ok(vm.none.clone())
        }),
        ("seekable", |vm, _| Ok(vm.false_.clone())),
        ("readable", |vm, _| Ok(vm.false_.clone())),
        ("writable", |vm, _| Ok(vm.false_.clone())),
        ("_checkClosed", |vm, args| {
            check_closed(vm, &args.values[0])?;
            Ok(vm.none.clone())
        }),
        ("_checkSeekable", |vm, args| {
            check_able(vm, &args.values[0], "seekable")
        }),
        ("_checkReadable", |vm, args| {
            check_able(vm, &args.values[0], "readable")
        }),
        ("_checkWritable", |vm, args| {
            check_able(vm, &args.values[0], "writable")
        }),
        ("fileno", |vm, _| Err(unsupported(vm, "fileno"))),
        ("isatty", |vm, args| {
            check_closed(vm, &args.values[0])?;
            Ok(vm.false_.clone())
        }),
        ("__enter__", |vm, args| {
            check_closed(vm, &args.values[0])?;
            Ok(args.values[0].clone())
        }),
        ("__exit__", |vm, args| {
            vm.call_method(&args.values[0], "close", &[])
        }),
        ("readline", iobase_readline),
        ("readlines", iobase_readlines),
        ("writelines", iobase_writelines),
    ];
    add_methods(vm, io_base, methods);

    add_methods(
        vm,
        &vm.io.raw_io_base,
        &[
            ("read", rawiobase_read),
            ("readall", |vm, args| rawiobase_readall(vm, &args.values[0])),
            ("readinto", |vm, _| {
                Err(vm.new_exception_empty(&vm.exceptions.not_implemented_error))
            }),
            ("write", |vm, _| {
                Err(vm.new_exception_empty(&vm.exceptions.not_implemented_error))
            }),
        ],
    );

    add_methods(
        vm,
        &vm.io.buffered_io_base,
        &[
            ("detach", |vm, _| Err(unsupported(vm, "detach"))),
            ("read", |vm, _| Err(unsupported(vm, "read"))),
            ("read1", |vm, _| Err(unsupported(vm, "read1"))),
            ("write", |vm, _| Err(unsupported(vm, "write"))),
            ("readinto", |vm, args| {
                readinto_by(vm, args, "readinto", "read")
            }),
            ("readinto1", |vm, args| {
                readinto_by(vm, args, "readinto1", "read1")
            }),
        ],
    );

    let text_io_base = &vm.io.text_io_base;
    add_methods(
        vm,
        text_io_base,
        &[
            ("detach", |vm, _| Err(unsupported(vm, "detach"))),
            ("read", |vm, _| Err(unsupported(vm, "read"))),
            ("readline", |vm, _| Err(unsupported(vm, "readline"))),
            ("write", |vm, _| Err(unsupported(vm, "write"))),
        ],
    );
    for name in ["encoding", "newlines", "errors"] {
        add_getset(vm, text_io_base, name, |vm, _| Ok(vm.none.clone()), None);
    }
}

/// Whether `IOBase.close` has run on the object: it leaves
/// `__IOBase_closed` in the instance dict (`iobase_is_closed`).
pub fn iobase_is_closed(vm: &Vm, this: &Object) -> bool {
    crate::objects::object::instance_dict_get(vm, this, &vm.intern("__IOBase_closed")).is_some()
}

/// A stream that goes away open is closed, and so flushed
/// (`iobase_finalize`); what goes wrong is reported, as nothing can
/// catch it.
fn iobase_finalize(vm: &Vm, this: &Object) {
    // A stream whose `closed` cannot be read is unusable anyway.
    let closed = vm
        .getattr_str(this, "closed")
        .and_then(|c| vm.is_true(&c))
        .unwrap_or(true);
    if closed {
        return;
    }
    if let Err(e) = vm.call_method(this, "close", &[]) {
        crate::unraisable::write_unraisable(vm, &e, Some(this), None);
    }
}

/// `IOBase.close`: flush, then mark closed even if the flush failed.
pub fn iobase_close(vm: &Vm, this: &Object) -> PyResult<()> {
    if iobase_is_closed(vm, this) {
        return Ok(());
    }
    let flushed = vm.call_method(this, "flush", &[]);
    if let Some(dict) = crate::objects::object::instance_dict(vm, this) {
        crate::objects::dict::dict_of(&dict).set_str(
            vm,
            vm.intern("__IOBase_closed"),
            vm.true_.clone(),
        );
    }
    flushed.map(|_| ())
}

/// `_checkSeekable` and its kind: UnsupportedOperation unless
/// `self.<method>()` is true.
fn check_able(vm: &Vm, this: &Object, method: &str) -> PyResult {
    let answer = vm.call_method(this, method, &[])?;
    if !answer.is(&vm.true_) {
        return Err(unsupported(vm, &format!("File or stream is not {method}.")));
    }
    Ok(answer)
}

fn iobase_iternext(vm: &Vm, this: &Object) -> PyResult<Option<Object>> {
    let line = vm.call_method(this, "readline", &[])?;
    if !vm.is_none(&line) && vm.len(&line)? == 0 {
        return Ok(None);
    }
    Ok(Some(line))
}

/// `IOBase.readline(size=-1)`: reads up to a newline, a byte at a time
/// unless `peek` shows how far the line goes.
fn iobase_readline(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "readline", args, true, &["size"], 0)?;
    let limit = size_arg(vm, a[0].as_ref())?;
    let this = &args.values[0];
    let has_peek = vm.getattr_opt(this, &vm.intern("peek"))?.is_some();
    let mut line: Vec<u8> = Vec::new();
    while limit < 0 || (line.len() as i64) < limit {
        let mut want = 1;
        if has_peek {
            let ahead = vm.call_method(this, "peek", &[vm.new_int(1)])?;
            let Some(ahead) = bytes_like(&ahead) else {
                return Err(vm.new_exception(
                    &vm.exceptions.os_error,
                    format!(
                        "peek() should have returned a bytes object, not '{}'",
                        vm.type_name(&ahead)
                    ),
                ));
            };
            if !ahead.is_empty() {
                let room = if limit < 0 {
                    ahead.len()
                } else {
                    ahead.len().min((limit as usize) - line.len())
                };
                want = match ahead[..room].iter().position(|&b| b == b'\n') {
                    Some(i) => i + 1,
                    None => room,
                };
            }
        }
        let chunk = vm.call_method(this, "read", &[vm.new_int(want as i64)])?;
        let Some(chunk) = bytes_like(&chunk) else {
            return Err(vm.new_exception(
                &vm.exceptions.os_error,
                format!(
                    "read() should have returned a bytes object, not '{}'",
                    vm.type_name(&chunk)
                ),
            ));
        };
        if chunk.is_empty() {
            break;
        }
        line.extend_from_slice(&chunk);
        if line.last() == Some(&b'\n') {
            break;
        }
    }
    Ok(new_bytes(vm, line))
}

/// `readlines(hint=-1)`: the lines, stopping once their total length
/// passes `hint`.
pub fn iobase_readlines(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "readlines", args, true, &["hint"], 0)?;
    let hint = size_arg(vm, a[0].as_ref())?;
    let this = &args.values[0];
    let iterator = vm.iter(this)?;
    let mut lines = Vec::new();
    let mut length = 0usize;
    while let Some(line) = vm.next(&iterator)? {
        if hint > 0 {
            length += vm.len(&line)?;
        }
        lines.push(line);
        if hint > 0 && length as i64 >= hint {
            break;
        }
    }
    Ok(vm.new_list(lines))
}

fn iobase_writelines(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "writelines", args, true, &["lines"], 1)?;
    let this = &args.values[0];
    check_closed(vm, this)?;
    let lines = a[0].clone().unwrap_or_else(|| vm.none.clone());
    let iterator = vm.iter(&lines)?;
    while let Some(line) = vm.next(&iterator)? {
        vm.call_method(this, "write", &[line])?;
    }
    Ok(vm.none.clone())
}

/// `RawIOBase.read(size=-1)`: `readinto` a buffer of that size.
fn rawiobase_read(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "read", args, true, &["size"], 0)?;
    let size = size_arg(vm, a[0].as_ref())?;
    let this = &args.values[0];
    if size < 0 {
        return vm.call_method(this, "readall", &[]);
    }
    super::check_alloc(vm, size as usize)?;
    let buffer = crate::objects::bytearray::new_bytearray(vm, vec![0; size as usize]);
    let n = vm.call_method(this, "readinto", std::slice::from_ref(&buffer))?;
    if vm.is_none(&n) {
        return Ok(n);
    }
    let n = crate::objects::getargs::index_arg(vm, &n)?;
    let mut bytes = bytes_like(&buffer).unwrap_or_default();
    bytes.truncate(n.max(0) as usize);
    Ok(new_bytes(vm, bytes))
}

/// `RawIOBase.readall()`: `read` until it gives nothing.
pub fn rawiobase_readall(vm: &Vm, this: &Object) -> PyResult {
    let mut all = Vec::new();
    loop {
        let chunk = vm.call_method(this, "read", &[vm.new_int(DEFAULT_BUFFER_SIZE as i64)])?;
        if vm.is_none(&chunk) {
            if all.is_empty() {
                return Ok(chunk);
            }
            break;
        }
        let Some(chunk) = bytes_like(&chunk) else {
            return Err(vm.new_type_error("read() should return bytes"));
        };
        if chunk.is_empty() {
            break;
        }
        all.extend_from_slice(&chunk);
    }
    Ok(new_bytes(vm, all))
}

/// `BufferedIOBase.readinto(b)`: `read(len(b))` copied into `b`.
fn readinto_by(vm: &Vm, args: Args, name: &str, read: &str) -> PyResult {
    let a = bind(vm, name, args, true, &["buffer"], 1)?;
    let target = a[0].clone().unwrap_or_else(|| vm.none.clone());
    let length = writable_len(vm, &target)?;
    let data = vm.call_method(&args.values[0], read, &[vm.new_int(length as i64)])?;
    let Some(data) = bytes_like(&data) else {
        return Err(vm.new_type_error("read() should return bytes"));
    };
    if data.len() > length {
        return Err(vm.new_value_error(format!(
            "read() returned too much data: {length} bytes requested, {} returned",
            data.len()
        )));
    }
    fill_buffer(vm, &target, &data)?;
    Ok(vm.new_int(data.len() as i64))
}

/// The length of a writable buffer argument: a bytearray, or a
/// memoryview that is not read-only.
pub fn writable_len(vm: &Vm, target: &Object) -> PyResult<usize> {
    let refuse = || {
        vm.new_type_error(format!(
            "readinto() argument must be read-write bytes-like object, not {}",
            vm.type_name(target)
        ))
    };
    if let Some(b) = target.payload::<crate::objects::bytearray::ByteArrayObject>() {
        return Ok(b.bytes.borrow().len());
    }
    if !vm.type_of(target).is(&vm.types.memoryview) {
        return Err(refuse());
    }
    if vm.is_true(&vm.getattr_str(target, "readonly")?)? {
        return Err(refuse());
    }
    vm.len(target)
}

/// Copies `data` to the start of the writable buffer `target`.
pub fn fill_buffer(vm: &Vm, target: &Object, data: &[u8]) -> PyResult<()> {
    if let Some(b) = target.payload::<crate::objects::bytearray::ByteArrayObject>() {
        let mut bytes = b.bytes.borrow_mut();
        let n = data.len().min(bytes.len());
        bytes[..n].copy_from_slice(&data[..n]);
        return Ok(());
    }
    let range = crate::objects::slice::new_slice(
        vm,
        vm.new_int(0),
        vm.new_int(data.len() as i64),
        vm.none.clone(),
    );
    vm.setitem(target, &range, Some(&new_bytes(vm, data.to_vec())))
}
