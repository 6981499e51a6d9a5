//! `_io.StringIO` (Modules/_io/stringio.c): a text stream in memory.
//!
//! The text is kept as code points, so positions are character
//! indexes. Newlines are translated when written, as a text file would
//! translate them on its way to and from the disk: with `newline=None`
//! every `\r\n` and `\r` is stored as `\n`; with `"\r"` or `"\r\n"`,
//! `\n` is stored as that.

use super::size_arg;
use super::textio::{check_newline, find_line_end, translate_newlines, Newline, NewlineState};
use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::descr::add_getset;
use crate::objects::function::{add_methods, NativeFn};
use crate::objects::getargs::{bind, index_arg};
use crate::objects::str::{from_units, StrObject};
use crate::typeobject::Args;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

/// The payload of a StringIO.
#[derive(Default, krait_derive::Traverse)]
pub struct StringIO {
    text: RefCell<Vec<u32>>,
    pos: Cell<usize>,
    ok: Cell<bool>,
    closed: Cell<bool>,
    newline: RefCell<Newline>,
    /// The universal newlines filter writes go through, when reading
    /// with universal newlines.
    decoder: RefCell<Option<NewlineState>>,
}

pub(crate) fn init(vm: &Vm) {
    let ty = &vm.io.string_io;
    let tp = type_payload(ty);
    tp.slots
        .new
        .set(Some(|_, ty, _| Ok(object::alloc(ty, StringIO::default()))));
    tp.slots.init.set(Some(stringio_init));
    tp.slots.iternext.set(Some(|vm, this| {
        let line = if vm.type_of(this).is(&vm.io.string_io) {
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
        Ok((vm.len(&line)? > 0).then_some(line))
    }));
    add_getset(
        vm,
        ty,
        "closed",
        |vm, this| {
            initialized(vm, this)?;
            Ok(vm.new_bool(payload(this).closed.get()))
        },
        None,
    );
    add_getset(
        vm,
        ty,
        "line_buffering",
        |vm, this| {
            check_open(vm, this)?;
            Ok(vm.false_.clone())
        },
        None,
    );
    add_getset(
        vm,
        ty,
        "newlines",
        |vm, this| {
            check_open(vm, this)?;
            Ok(match &*payload(this).decoder.borrow() {
                Some(state) => state.newlines(vm),
                None => vm.none.clone(),
            })
        },
        None,
    );
    let methods: &[(&'static str, NativeFn)] = &[
        ("getvalue", |vm, args| {
            let this = &args.values[0];
            check_open(vm, this)?;
            Ok(from_units(vm, &payload(this).text.borrow()))
        }),
        ("read", |vm, args| {
            let a = bind(vm, "read", args, true, &["size"], 0)?;
            let this = &args.values[0];
            check_open(vm, this)?;
            let size = size_arg(vm, a[0].as_ref())?;
            let s = payload(this);
            let text = s.text.borrow();
            let start = s.pos.get().min(text.len());
            let end = if size < 0 {
                text.len()
            } else {
                start.saturating_add(size as usize).min(text.len())
            };
            s.pos.set(s.pos.get().max(end));
            Ok(from_units(vm, &text[start..end]))
        }),
        ("readline", |vm, args| {
            let a = bind(vm, "readline", args, true, &["size"], 0)?;
            let limit = size_arg(vm, a[0].as_ref())?;
            Ok(from_units(vm, &readline(vm, &args.values[0], limit)?))
        }),
        ("write", |vm, args| {
            let a = bind(vm, "write", args, true, &["s"], 1)?;
            let this = &args.values[0];
            let text = a[0].clone().unwrap_or_else(|| vm.none.clone());
            check_open(vm, this)?;
            let Some(s) = text.payload::<StrObject>() else {
                return Err(vm.new_type_error(format!(
                    "string argument expected, got '{}'",
                    vm.type_name(&text)
                )));
            };
            super::check_alloc(vm, payload(this).pos.get().saturating_add(s.len()) * 4)?;
            write(this, s.wide().into_owned());
            Ok(vm.new_int(s.len() as i64))
        }),
        ("tell", |vm, args| {
            let this = &args.values[0];
            check_open(vm, this)?;
            Ok(vm.new_int(payload(this).pos.get() as i64))
        }),
        ("seek", stringio_seek),
        ("truncate", |vm, args| {
            let a = bind(vm, "truncate", args, true, &["pos"], 0)?;
            let this = &args.values[0];
            check_open(vm, this)?;
            let s = payload(this);
            let size = match &a[0] {
                Some(p) if !vm.is_none(p) => index_arg(vm, p)?,
                _ => s.pos.get() as i64,
            };
            if size < 0 {
                return Err(vm.new_value_error(format!("Negative size value {size}")));
            }
            let mut text = s.text.borrow_mut();
            if (size as usize) < text.len() {
                text.truncate(size as usize);
            }
            Ok(vm.new_int(size))
        }),
        ("readable", |vm, args| able(vm, args)),
        ("writable", |vm, args| able(vm, args)),
        ("seekable", |vm, args| able(vm, args)),
        ("close", |vm, args| {
            let s = payload(&args.values[0]);
            s.closed.set(true);
            s.text.borrow_mut().clear();
            Ok(vm.none.clone())
        }),
    ];
    add_methods(vm, ty, methods);
}

fn payload(this: &Object) -> &StringIO {
    this.payload::<StringIO>()
        .expect("StringIO methods are only called on StringIO objects")
}

fn initialized(vm: &Vm, this: &Object) -> PyResult<()> {
    if !payload(this).ok.get() {
        return Err(vm.new_value_error("I/O operation on uninitialized object"));
    }
    Ok(())
}

fn check_open(vm: &Vm, this: &Object) -> PyResult<()> {
    initialized(vm, this)?;
    if payload(this).closed.get() {
        return Err(super::closed_file(vm, false));
    }
    Ok(())
}

fn able(vm: &Vm, args: Args) -> PyResult {
    check_open(vm, &args.values[0])?;
    Ok(vm.true_.clone())
}

/// `StringIO(initial_value='', newline='\n')`.
fn stringio_init(vm: &Vm, this: &Object, args: Args) -> PyResult<()> {
    let a = bind(
        vm,
        "StringIO",
        args,
        false,
        &["initial_value", "newline"],
        0,
    )?;
    let newline = match &a[1] {
        None => Some("\n".to_string()),
        Some(n) if vm.is_none(n) => None,
        Some(n) => match n.payload::<StrObject>() {
            Some(s) => Some(s.to_string_lossy()),
            None => {
                return Err(vm.new_type_error(format!(
                    "newline must be str or None, not {}",
                    vm.type_name(n)
                )))
            }
        },
    };
    check_newline(vm, newline.as_deref(), true)?;
    let initial = match &a[0] {
        Some(v) if !vm.is_none(v) => match v.payload::<StrObject>() {
            Some(s) => s.wide().into_owned(),
            None => {
                return Err(vm.new_type_error(format!(
                    "initial_value must be str or None, not {}",
                    vm.type_name(v)
                )))
            }
        },
        _ => Vec::new(),
    };
    let s = payload(this);
    let nl = Newline::new(newline);
    *s.decoder.borrow_mut() = nl.readuniversal.then(|| NewlineState {
        translate: nl.readtranslate,
        ..NewlineState::default()
    });
    *s.newline.borrow_mut() = nl;
    s.text.borrow_mut().clear();
    s.pos.set(0);
    s.closed.set(false);
    s.ok.set(true);
    if !initial.is_empty() {
        write(this, initial);
        s.pos.set(0);
    }
    Ok(())
}

/// Writes text at the position, translating its newlines, and padding
/// with NULs when the position is past the end.
fn write(this: &Object, text: Vec<u32>) {
    let s = payload(this);
    let mut text = match s.decoder.borrow_mut().as_mut() {
        Some(state) => state.process(text, true),
        None => text,
    };
    if let Some(nl) = s.newline.borrow().writenl.as_deref() {
        if text.contains(&u32::from(b'\n')) {
            text = translate_newlines(&text, nl);
        }
    }
    if text.is_empty() {
        return;
    }
    let mut buf = s.text.borrow_mut();
    let pos = s.pos.get();
    if pos > buf.len() {
        buf.resize(pos, 0);
    }
    let end = pos + text.len();
    let overlap = end.min(buf.len());
    buf.splice(pos..overlap, text);
    s.pos.set(end);
}

/// `readline(size)`: the next line, as the newline mode splits lines.
fn readline(vm: &Vm, this: &Object, limit: i64) -> PyResult<Vec<u32>> {
    check_open(vm, this)?;
    let s = payload(this);
    let text = s.text.borrow();
    if s.pos.get() >= text.len() {
        return Ok(Vec::new());
    }
    let start = s.pos.get();
    let rest = &text[start..];
    let rest = if limit >= 0 && (limit as usize) < rest.len() {
        &rest[..limit as usize]
    } else {
        rest
    };
    let end = find_line_end(rest, &s.newline.borrow()).unwrap_or(rest.len());
    s.pos.set(start + end);
    Ok(rest[..end].to_vec())
}

/// `seek(pos, whence=0)`: only to the start, the current position or
/// the end for whence 1 and 2, as characters have no byte offsets.
fn stringio_seek(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "seek", args, true, &["pos", "whence"], 1)?;
    let this = &args.values[0];
    check_open(vm, this)?;
    let pos = a[0].clone().unwrap_or_else(|| vm.none.clone());
    let pos = crate::objects::getargs::ssize_arg(vm, &pos)?;
    let whence = match &a[1] {
        Some(w) => crate::objects::getargs::int_arg(vm, w)?,
        None => 0,
    };
    if !(0..=2).contains(&whence) {
        return Err(vm.new_value_error(format!("Invalid whence ({whence}, should be 0, 1 or 2)")));
    }
    if pos < 0 && whence == 0 {
        return Err(vm.new_value_error(format!("Negative seek position {pos}")));
    }
    if whence != 0 && pos != 0 {
        return Err(vm.new_exception(
            &vm.exceptions.os_error,
            "Can't do nonzero cur-relative seeks",
        ));
    }
    let s = payload(this);
    let pos = match whence {
        0 => pos as usize,
        1 => s.pos.get(),
        _ => s.text.borrow().len(),
    };
    s.pos.set(pos);
    Ok(vm.new_int(pos as i64))
}
