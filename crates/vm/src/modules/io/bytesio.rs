//! `_io.BytesIO` (Modules/_io/bytesio.c): a binary stream in memory, a
//! growable buffer with a position that may go past its end (a write
//! there pads with zero bytes).

use super::iobase::{fill_buffer, writable_len};
use super::size_arg;
use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::bytes::{buffer_arg, new_bytes};
use crate::objects::descr::add_getset;
use crate::objects::function::{add_methods, NativeFn};
use crate::objects::getargs::{bind, index_arg, int_arg, ssize_arg};
use crate::typeobject::Args;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

/// The payload of a BytesIO.
#[derive(Default, krait_derive::Traverse)]
pub struct BytesIO {
    bytes: RefCell<Vec<u8>>,
    pos: Cell<usize>,
    closed: Cell<bool>,
}

pub(crate) fn init(vm: &Vm) {
    let ty = &vm.io.bytes_io;
    let tp = type_payload(ty);
    tp.slots
        .new
        .set(Some(|_, ty, _| Ok(object::alloc(ty, BytesIO::default()))));
    tp.slots.init.set(Some(|vm, this, args| {
        let a = bind(vm, "BytesIO", args, false, &["initial_bytes"], 0)?;
        let initial = match &a[0] {
            Some(v) if !vm.is_none(v) => buffer_arg(vm, v)?.into_owned(),
            _ => Vec::new(),
        };
        let b = payload(this);
        *b.bytes.borrow_mut() = initial;
        b.pos.set(0);
        Ok(())
    }));
    tp.slots.iter.set(Some(|_, this| Ok(this.clone())));
    tp.slots.iternext.set(Some(|vm, this| {
        check_open(vm, this)?;
        let line = readline(this, -1);
        Ok((!line.is_empty()).then(|| new_bytes(vm, line)))
    }));
    add_getset(
        vm,
        ty,
        "closed",
        |vm, this| Ok(vm.new_bool(payload(this).closed.get())),
        None,
    );
    let methods: &[(&'static str, NativeFn)] = &[
        ("getvalue", |vm, args| {
            let this = &args.values[0];
            check_open(vm, this)?;
            Ok(new_bytes(vm, payload(this).bytes.borrow().clone()))
        }),
        ("read", |vm, args| read_method(vm, args, "read")),
        ("read1", |vm, args| read_method(vm, args, "read1")),
        ("readinto", |vm, args| {
            let a = bind(vm, "readinto", args, true, &["buffer"], 1)?;
            let this = &args.values[0];
            let target = a[0].clone().unwrap_or_else(|| vm.none.clone());
            check_open(vm, this)?;
            let length = writable_len(vm, &target)?;
            let data = read(this, length as i64);
            fill_buffer(vm, &target, &data)?;
            Ok(vm.new_int(data.len() as i64))
        }),
        ("readline", |vm, args| {
            let a = bind(vm, "readline", args, true, &["size"], 0)?;
            let this = &args.values[0];
            check_open(vm, this)?;
            let limit = size_arg(vm, a[0].as_ref())?;
            Ok(new_bytes(vm, readline(this, limit)))
        }),
        ("write", |vm, args| {
            let a = bind(vm, "write", args, true, &["b"], 1)?;
            let this = &args.values[0];
            let data = a[0].clone().unwrap_or_else(|| vm.none.clone());
            check_open(vm, this)?;
            let data = buffer_arg(vm, &data)?;
            super::check_alloc(vm, payload(this).pos.get().saturating_add(data.len()))?;
            write(this, &data);
            Ok(vm.new_int(data.len() as i64))
        }),
        ("seek", bytesio_seek),
        ("tell", |vm, args| {
            let this = &args.values[0];
            check_open(vm, this)?;
            Ok(vm.new_int(payload(this).pos.get() as i64))
        }),
        ("truncate", |vm, args| {
            let a = bind(vm, "truncate", args, true, &["size"], 0)?;
            let this = &args.values[0];
            check_open(vm, this)?;
            let b = payload(this);
            let size = match &a[0] {
                Some(s) if !vm.is_none(s) => index_arg(vm, s)?,
                _ => b.pos.get() as i64,
            };
            if size < 0 {
                return Err(vm.new_value_error(format!("negative size value {size}")));
            }
            let mut bytes = b.bytes.borrow_mut();
            if (size as usize) < bytes.len() {
                bytes.truncate(size as usize);
            }
            Ok(vm.new_int(size))
        }),
        ("readable", able),
        ("writable", able),
        ("seekable", able),
        ("isatty", |vm, args| {
            check_open(vm, &args.values[0])?;
            Ok(vm.false_.clone())
        }),
        ("flush", |vm, args| {
            check_open(vm, &args.values[0])?;
            Ok(vm.none.clone())
        }),
        ("close", |vm, args| {
            let b = payload(&args.values[0]);
            b.closed.set(true);
            b.bytes.borrow_mut().clear();
            Ok(vm.none.clone())
        }),
    ];
    add_methods(vm, ty, methods);
}

fn payload(this: &Object) -> &BytesIO {
    this.payload::<BytesIO>()
        .expect("BytesIO methods are only called on BytesIO objects")
}

fn check_open(vm: &Vm, this: &Object) -> PyResult<()> {
    if payload(this).closed.get() {
        return Err(super::closed_file(vm, true));
    }
    Ok(())
}

fn able(vm: &Vm, args: Args) -> PyResult {
    check_open(vm, &args.values[0])?;
    Ok(vm.true_.clone())
}

fn read_method(vm: &Vm, args: Args, name: &str) -> PyResult {
    let a = bind(vm, name, args, true, &["size"], 0)?;
    let this = &args.values[0];
    check_open(vm, this)?;
    let size = size_arg(vm, a[0].as_ref())?;
    Ok(new_bytes(vm, read(this, size)))
}

/// Up to `size` bytes from the position, all of them for a negative
/// size.
fn read(this: &Object, size: i64) -> Vec<u8> {
    let b = payload(this);
    let bytes = b.bytes.borrow();
    let start = b.pos.get().min(bytes.len());
    let end = if size < 0 {
        bytes.len()
    } else {
        start.saturating_add(size as usize).min(bytes.len())
    };
    b.pos.set(b.pos.get().max(end));
    bytes[start..end].to_vec()
}

fn readline(this: &Object, limit: i64) -> Vec<u8> {
    let b = payload(this);
    let bytes = b.bytes.borrow();
    let start = b.pos.get().min(bytes.len());
    let mut end = match bytes[start..].iter().position(|&c| c == b'\n') {
        Some(i) => start + i + 1,
        None => bytes.len(),
    };
    if limit >= 0 {
        end = end.min(start + limit as usize);
    }
    b.pos.set(b.pos.get().max(end));
    bytes[start..end].to_vec()
}

fn write(this: &Object, data: &[u8]) {
    if data.is_empty() {
        return;
    }
    let b = payload(this);
    let mut bytes = b.bytes.borrow_mut();
    let pos = b.pos.get();
    if pos > bytes.len() {
        bytes.resize(pos, 0);
    }
    let end = pos + data.len();
    let overlap = end.min(bytes.len());
    bytes.splice(pos..overlap, data.iter().copied());
    b.pos.set(end);
}

/// `seek(pos, whence=0)`: any position at or after the start.
fn bytesio_seek(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "seek", args, true, &["pos", "whence"], 1)?;
    let this = &args.values[0];
    let pos = a[0].clone().unwrap_or_else(|| vm.none.clone());
    let pos = ssize_arg(vm, &pos)?;
    let whence = match &a[1] {
        Some(w) => int_arg(vm, w)?,
        None => 0,
    };
    check_open(vm, this)?;
    if pos < 0 && whence == 0 {
        return Err(vm.new_value_error(format!("negative seek value {pos}")));
    }
    let b = payload(this);
    let base = match whence {
        0 => 0,
        1 => b.pos.get() as i64,
        2 => b.bytes.borrow().len() as i64,
        other => {
            return Err(vm.new_value_error(format!("invalid whence ({other}, should be 0, 1 or 2)")))
        }
    };
    let pos = base.saturating_add(pos).max(0);
    b.pos.set(pos as usize);
    Ok(vm.new_int(pos))
}
