//! `zlib` (Modules/zlibmodule.c): deflate compression in the zlib, gzip
//! and raw formats, one-shot and by `Compress` and `Decompress` objects,
//! and the Adler-32 and CRC-32 checksums. `gzip`, `zipfile`, `tarfile`
//! and `shutil`'s archives build on it.
//!
//! The deflate coder is `miniz_oxide`'s (see docs/dependencies.md);
//! the wrappers, the objects' stream bookkeeping (`unused_data`,
//! `unconsumed_tail`, `eof`) and the messages are Krait's, following
//! zlib 1.2.13's behaviour, whose version the module reports.

pub mod deflate;
pub mod inflate;

use crate::errors::{PyErr, PyResult};
use crate::modules::binascii::bitwise_arg;
use crate::object::{type_payload, Object};
use crate::objects::bytes::{buffer_arg, bytes_view, new_bytes};
use crate::objects::descr::add_getset;
use crate::objects::function::{add_methods, check_arity, check_positional_only};
use crate::objects::getargs::{int_arg, ssize_arg};
use crate::objects::int::bind_args;
use crate::typeobject::Args;
use crate::vm::Vm;
use deflate::{compress_all, finished_error, Deflater, Z_FINISH, Z_NO_FLUSH};
use inflate::{InflateError, Inflater};
use std::cell::{Cell, RefCell};

/// The default size of an output buffer (`DEF_BUF_SIZE`).
const DEF_BUF_SIZE: i64 = 16 * 1024;
const MAX_WBITS: i32 = 15;

/// The container around a deflate stream.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Wrapper {
    Zlib,
    Gzip,
    Raw,
    /// zlib or gzip, whichever the header turns out to be.
    Auto,
}

/// The payload of `zlib.Compress`.
#[derive(krait_derive::Traverse)]
pub struct CompressObject {
    #[traverse(skip)]
    deflater: RefCell<Deflater>,
}

/// The payload of `zlib.Decompress`.
#[derive(krait_derive::Traverse)]
pub struct DecompressObject {
    #[traverse(skip)]
    inflater: RefCell<Inflater>,
    /// Input after the end of the stream.
    #[traverse(skip)]
    unused_data: RefCell<Vec<u8>>,
    /// Input not yet used because `max_length` was reached.
    #[traverse(skip)]
    unconsumed_tail: RefCell<Vec<u8>>,
    #[traverse(skip)]
    eof: Cell<bool>,
    /// The failure that stopped the stream, raised again if it is fed.
    #[traverse(skip)]
    failure: RefCell<Option<InflateError>>,
}

/// The zlib version whose behaviour and messages the module follows.
const ZLIB_VERSION: &str = "1.2.13";

const CONSTANTS: [(&str, i64); 20] = [
    ("DEFLATED", 8),
    ("DEF_BUF_SIZE", DEF_BUF_SIZE),
    ("DEF_MEM_LEVEL", 8),
    ("MAX_WBITS", MAX_WBITS as i64),
    ("Z_BEST_COMPRESSION", 9),
    ("Z_BEST_SPEED", 1),
    ("Z_BLOCK", 5),
    ("Z_DEFAULT_COMPRESSION", -1),
    ("Z_DEFAULT_STRATEGY", 0),
    ("Z_FILTERED", 1),
    ("Z_FINISH", Z_FINISH as i64),
    ("Z_FIXED", 4),
    ("Z_FULL_FLUSH", 3),
    ("Z_HUFFMAN_ONLY", 2),
    ("Z_NO_COMPRESSION", 0),
    ("Z_NO_FLUSH", Z_NO_FLUSH as i64),
    ("Z_PARTIAL_FLUSH", 1),
    ("Z_RLE", 3),
    ("Z_SYNC_FLUSH", 2),
    ("Z_TREES", 6),
];

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let error = super::new_exception_class(vm, "zlib.error", &vm.exceptions.exception)?;
    super::set_attr(vm, module, "error", error);
    for (name, value) in CONSTANTS {
        super::set_attr(vm, module, name, vm.new_int(value));
    }
    super::set_attr(vm, module, "ZLIB_VERSION", vm.new_str(ZLIB_VERSION));
    super::set_attr(vm, module, "ZLIB_RUNTIME_VERSION", vm.new_str(ZLIB_VERSION));
    super::add_functions(
        vm,
        module,
        &[
            ("adler32", |vm, args| {
                checksum(vm, args, "adler32", 1, adler32)
            }),
            ("crc32", |vm, args| {
                checksum(vm, args, "crc32", 0, crate::modules::binascii::crc32)
            }),
            ("compress", compress),
            ("decompress", decompress),
            ("compressobj", compressobj),
            ("decompressobj", decompressobj),
        ],
    );
    init_compress_type(vm);
    init_decompress_type(vm);
    Ok(())
}

/// `zlib.error(message)`.
fn zlib_error(vm: &Vm, message: &str) -> PyErr {
    let error = crate::import::import_module(vm, "zlib")
        .and_then(|module| vm.getattr(&module, &vm.intern("error")));
    match error {
        Ok(ty) => vm.new_exception(&ty, message),
        Err(e) => e,
    }
}

/// The error of a failed inflate, worded as `zlib_error` words it.
fn inflate_error(vm: &Vm, e: &InflateError, doing: &str) -> PyErr {
    let doing = if e.setting_dictionary {
        "while setting zdict"
    } else {
        doing
    };
    let message = e.message.or(match e.code {
        inflate::Z_DATA_ERROR => Some("invalid input data"),
        _ => None,
    });
    match message {
        Some(m) => zlib_error(vm, &format!("Error {} {doing}: {m}", e.code)),
        None => zlib_error(vm, &format!("Error {} {doing}", e.code)),
    }
}

fn truncated_error(vm: &Vm) -> PyErr {
    zlib_error(
        vm,
        "Error -5 while decompressing data: incomplete or truncated stream",
    )
}

/// The Adler-32 checksum (RFC 1950) of `data`, continuing from `adler`.
pub fn adler32(adler: u32, data: &[u8]) -> u32 {
    const BASE: u32 = 65521;
    // The most bytes whose sums cannot overflow 32 bits between two
    // reductions.
    const NMAX: usize = 5552;
    let (mut a, mut b) = (adler & 0xffff, adler >> 16);
    for chunk in data.chunks(NMAX) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= BASE;
        b %= BASE;
    }
    (b << 16) | a
}

/// `adler32(data, value=1, /)` and `crc32(data, value=0, /)`.
fn checksum(vm: &Vm, args: Args, name: &str, start: u32, f: fn(u32, &[u8]) -> u32) -> PyResult {
    check_positional_only(vm, "zlib", name, args, 1, 2)?;
    let data = buffer_arg(vm, &args.values[0])?;
    let value = match args.values.get(1) {
        Some(v) => bitwise_arg(vm, v)?,
        None => start,
    };
    Ok(vm.new_int(i64::from(f(value, &data))))
}

/// An optional int argument (`i` in arg clinic).
fn int_or(vm: &Vm, value: &Option<Object>, default: i32) -> PyResult<i32> {
    value.as_ref().map_or(Ok(default), |v| int_arg(vm, v))
}

/// `compress(data, /, level=-1, wbits=15)`.
fn compress(vm: &Vm, args: Args) -> PyResult {
    let bound = bind_args(vm, "compress", args, &["", "level", "wbits"], 3, 1)?;
    let data = buffer_arg(vm, bound[0].as_ref().expect("data is required"))?;
    let level = int_or(vm, &bound[1], -1)?;
    let wbits = int_or(vm, &bound[2], MAX_WBITS)?;
    Ok(new_bytes(vm, compress_all(vm, &data, level, wbits)?))
}

/// `decompress(data, /, wbits=15, bufsize=16384)`: the whole stream,
/// anything after its end ignored.
fn decompress(vm: &Vm, args: Args) -> PyResult {
    let bound = bind_args(vm, "decompress", args, &["", "wbits", "bufsize"], 3, 1)?;
    let data = buffer_arg(vm, bound[0].as_ref().expect("data is required"))?;
    let wbits = int_or(vm, &bound[1], MAX_WBITS)?;
    let bufsize = match &bound[2] {
        Some(v) => ssize_arg(vm, v)?,
        None => DEF_BUF_SIZE,
    };
    if bufsize < 0 {
        return Err(vm.new_value_error("bufsize must be non-negative"));
    }
    let Some(mut inflater) = Inflater::new(wbits, None) else {
        return Err(zlib_error(
            vm,
            "Error -2 while preparing to decompress data: inconsistent stream state",
        ));
    };
    let mut out = Vec::with_capacity(bufsize.max(1) as usize);
    inflater
        .inflate(&data, 0, &mut out)
        .map_err(|e| inflate_error(vm, &e, "while decompressing data"))?;
    if !inflater.is_done() {
        return Err(truncated_error(vm));
    }
    Ok(new_bytes(vm, out))
}

/// `compressobj(level=-1, method=8, wbits=15, memLevel=8, strategy=0,
/// zdict=None)`.
fn compressobj(vm: &Vm, args: Args) -> PyResult {
    let names = ["level", "method", "wbits", "memLevel", "strategy", "zdict"];
    let bound = bind_args(vm, "compressobj", args, &names, 6, 0)?;
    let level = int_or(vm, &bound[0], -1)?;
    let method = int_or(vm, &bound[1], 8)?;
    let wbits = int_or(vm, &bound[2], MAX_WBITS)?;
    let mem_level = int_or(vm, &bound[3], 8)?;
    let strategy = int_or(vm, &bound[4], 0)?;
    let dictionary = match &bound[5] {
        Some(d) if !vm.is_none(d) => Some(buffer_arg(vm, d)?.into_owned()),
        _ => None,
    };
    let Some(mut deflater) = Deflater::new(level, method, wbits, mem_level, strategy) else {
        return Err(vm.new_value_error("Invalid initialization option"));
    };
    if let Some(dictionary) = dictionary {
        deflater.set_dictionary(&dictionary);
    }
    Ok(crate::object::alloc(
        &vm.types.zlib_compress,
        CompressObject {
            deflater: RefCell::new(deflater),
        },
    ))
}

/// `decompressobj(wbits=15, zdict=b'')`.
fn decompressobj(vm: &Vm, args: Args) -> PyResult {
    let bound = bind_args(vm, "decompressobj", args, &["wbits", "zdict"], 2, 0)?;
    let wbits = int_or(vm, &bound[0], MAX_WBITS)?;
    let dictionary = match &bound[1] {
        Some(d) => Some(
            bytes_view(d)
                .ok_or_else(|| {
                    vm.new_type_error("zdict argument must support the buffer protocol")
                })?
                .into_owned(),
        ),
        None => None,
    };
    let Some(inflater) = Inflater::new(wbits, dictionary) else {
        return Err(vm.new_value_error("Invalid initialization option"));
    };
    Ok(new_decompress_object(vm, inflater))
}

fn new_decompress_object(vm: &Vm, inflater: Inflater) -> Object {
    crate::object::alloc(
        &vm.types.zlib_decompress,
        DecompressObject {
            inflater: RefCell::new(inflater),
            unused_data: RefCell::new(Vec::new()),
            unconsumed_tail: RefCell::new(Vec::new()),
            eof: Cell::new(false),
            failure: RefCell::new(None),
        },
    )
}

/// A method's arguments less `self`, for binding to its parameters.
fn after_self(args: Args) -> Args {
    Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    }
}

fn compress_of(o: &Object) -> &CompressObject {
    o.payload::<CompressObject>()
        .expect("Compress's methods are called on its instances")
}

fn decompress_of(o: &Object) -> &DecompressObject {
    o.payload::<DecompressObject>()
        .expect("Decompress's methods are called on its instances")
}

/// `copy()`, `__copy__()` and `__deepcopy__(memo)` of both types, which
/// take the defining class and so arg clinic's short messages.
fn check_copy_args(vm: &Vm, args: Args, deep: bool) -> PyResult<()> {
    if deep {
        return check_arity(vm, "__deepcopy__", args, 2, 2);
    }
    if args.positional().len() > 1 {
        return Err(vm.new_type_error("copy() takes no arguments"));
    }
    Ok(())
}

fn copy_compress(vm: &Vm, args: Args, deep: bool) -> PyResult {
    check_copy_args(vm, args, deep)?;
    let deflater = compress_of(&args.values[0]).deflater.borrow();
    if deflater.finished {
        return Err(vm.new_value_error("Inconsistent stream state"));
    }
    Ok(crate::object::alloc(
        &vm.types.zlib_compress,
        CompressObject {
            deflater: RefCell::new(deflater.clone()),
        },
    ))
}

/// Makes one of the module's builtin types a `zlib` type that only the
/// module's functions create.
fn make_module_type(vm: &Vm, ty: &Object) {
    let tp = type_payload(ty);
    tp.slots.new.set(None);
    tp.dict
        .set_str(vm, vm.names.__module__.clone(), vm.new_str("zlib"));
}

fn init_compress_type(vm: &Vm) {
    let ty = &vm.types.zlib_compress;
    make_module_type(vm, ty);
    add_methods(
        vm,
        ty,
        &[
            ("compress", |vm, args| {
                let bound = bind_args(vm, "compress", after_self(args), &[""], 1, 1)?;
                let data = buffer_arg(vm, bound[0].as_ref().expect("data is required"))?;
                let mut deflater = compress_of(&args.values[0]).deflater.borrow_mut();
                if deflater.finished {
                    return Err(finished_error(vm, "while compressing data"));
                }
                let mut out = Vec::new();
                deflater.compress(&data, Z_NO_FLUSH, &mut out);
                Ok(new_bytes(vm, out))
            }),
            ("flush", |vm, args| {
                let bound = bind_args(vm, "flush", after_self(args), &[""], 1, 0)?;
                let mode = int_or(vm, &bound[0], Z_FINISH)?;
                let mut deflater = compress_of(&args.values[0]).deflater.borrow_mut();
                if mode == Z_NO_FLUSH {
                    return Ok(new_bytes(vm, Vec::new()));
                }
                if deflater.finished {
                    return Err(finished_error(vm, "while flushing"));
                }
                let mut out = Vec::new();
                deflater.compress(&[], mode, &mut out);
                Ok(new_bytes(vm, out))
            }),
            ("copy", |vm, args| copy_compress(vm, args, false)),
            ("__copy__", |vm, args| copy_compress(vm, args, false)),
            ("__deepcopy__", |vm, args| copy_compress(vm, args, true)),
        ],
    );
}

/// Feeds `data` to a decompressor, keeping what is left over as
/// `unused_data` (after the end) or `unconsumed_tail` (over the limit).
fn feed(vm: &Vm, d: &DecompressObject, data: &[u8], limit: usize) -> PyResult<Vec<u8>> {
    if let Some(failure) = d.failure.borrow().as_ref() {
        return Err(inflate_error(vm, failure, "while decompressing data"));
    }
    let mut out = Vec::new();
    if d.eof.get() {
        d.unused_data.borrow_mut().extend_from_slice(data);
        return Ok(out);
    }
    let mut inflater = d.inflater.borrow_mut();
    let used = match inflater.inflate(data, limit, &mut out) {
        Ok(used) => used,
        Err(e) => {
            let error = inflate_error(vm, &e, "while decompressing data");
            *d.failure.borrow_mut() = Some(e);
            return Err(error);
        }
    };
    let rest = &data[used..];
    if inflater.is_done() {
        d.eof.set(true);
        d.unused_data.borrow_mut().extend_from_slice(rest);
        d.unconsumed_tail.borrow_mut().clear();
    } else {
        *d.unconsumed_tail.borrow_mut() = rest.to_vec();
    }
    Ok(out)
}

fn copy_decompress(vm: &Vm, args: Args, deep: bool) -> PyResult {
    check_copy_args(vm, args, deep)?;
    let d = decompress_of(&args.values[0]);
    let copy = new_decompress_object(vm, d.inflater.borrow().clone());
    let c = decompress_of(&copy);
    *c.unused_data.borrow_mut() = d.unused_data.borrow().clone();
    *c.unconsumed_tail.borrow_mut() = d.unconsumed_tail.borrow().clone();
    c.eof.set(d.eof.get());
    *c.failure.borrow_mut() = d.failure.borrow().clone();
    Ok(copy)
}

fn init_decompress_type(vm: &Vm) {
    let ty = &vm.types.zlib_decompress;
    make_module_type(vm, ty);
    add_methods(
        vm,
        ty,
        &[
            ("decompress", |vm, args| {
                let names = ["", "max_length"];
                let bound = bind_args(vm, "decompress", after_self(args), &names, 2, 1)?;
                let data = buffer_arg(vm, bound[0].as_ref().expect("data is required"))?;
                let limit = match &bound[1] {
                    Some(v) => ssize_arg(vm, v)?,
                    None => 0,
                };
                if limit < 0 {
                    return Err(vm.new_value_error("max_length must be non-negative"));
                }
                let out = feed(vm, decompress_of(&args.values[0]), &data, limit as usize)?;
                Ok(new_bytes(vm, out))
            }),
            ("flush", |vm, args| {
                let bound = bind_args(vm, "flush", after_self(args), &[""], 1, 0)?;
                let length = match &bound[0] {
                    Some(v) => ssize_arg(vm, v)?,
                    None => DEF_BUF_SIZE,
                };
                if length <= 0 {
                    return Err(vm.new_value_error("length must be greater than zero"));
                }
                let d = decompress_of(&args.values[0]);
                if d.failure.borrow().is_some() {
                    return Ok(new_bytes(vm, Vec::new()));
                }
                let tail = std::mem::take(&mut *d.unconsumed_tail.borrow_mut());
                Ok(new_bytes(vm, feed(vm, d, &tail, 0)?))
            }),
            ("copy", |vm, args| copy_decompress(vm, args, false)),
            ("__copy__", |vm, args| copy_decompress(vm, args, false)),
            ("__deepcopy__", |vm, args| copy_decompress(vm, args, true)),
        ],
    );
    add_getset(
        vm,
        ty,
        "unused_data",
        |vm, o| Ok(new_bytes(vm, decompress_of(o).unused_data.borrow().clone())),
        None,
    );
    add_getset(
        vm,
        ty,
        "unconsumed_tail",
        |vm, o| {
            let tail = decompress_of(o).unconsumed_tail.borrow().clone();
            Ok(new_bytes(vm, tail))
        },
        None,
    );
    add_getset(
        vm,
        ty,
        "eof",
        |vm, o| Ok(vm.new_bool(decompress_of(o).eof.get())),
        None,
    );
}
