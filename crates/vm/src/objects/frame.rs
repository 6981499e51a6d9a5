//! Frame objects (Objects/frameobject.c, and the ownership rules of
//! Python/frame.c): the Python view of a running frame, made only when
//! asked for, by `sys._getframe`, a traceback or `gi_frame`.
//!
//! A frame object points at its frame while the frame lives, on the data
//! stack or in a generator; the frame holds the object (its `frame_obj`),
//! so the pointer stays valid as long as both live. When the frame ends
//! while something else still holds the object, the object takes the
//! frame's header and locals over (`take_ownership`) and keeps the
//! `f_back` the frame had: a traceback's frames can be read after their
//! functions returned, as in CPython 3.11.

use crate::errors::PyResult;
use crate::frame::Frame;
use crate::object::{self, type_payload, Object};
use crate::objects::cell::CellObject;
use crate::objects::str::as_rust_str;
use crate::vm::Vm;
use krait_compiler::code::flags::CO_OPTIMIZED;
use krait_compiler::code::local_kind::{CO_FAST_CELL, CO_FAST_FREE};
use std::cell::{Cell, RefCell};

/// The payload of a frame object (`PyFrameObject`).
pub struct FrameObject {
    /// The frame: live on the data stack or in a generator, or the
    /// memory in `owned`.
    frame: Cell<*mut Frame>,
    /// The frame's header and locals, once the frame has ended.
    owned: Cell<Option<Box<[usize]>>>,
    /// `f_back` of an ended frame, recorded when it ended.
    back: RefCell<Option<Object>>,
    trace: RefCell<Option<Object>>,
    trace_lines: Cell<bool>,
    trace_opcodes: Cell<bool>,
}

impl Drop for FrameObject {
    fn drop(&mut self) {
        if let Some(mut memory) = self.owned.take() {
            // SAFETY: an owned frame's contents are live and only this
            // object refers to them.
            unsafe { crate::frame::clear(memory.as_mut_ptr() as *mut Frame) };
        }
    }
}

// SAFETY: a frame object owns references only once its frame has ended
// and moved into `owned`; those, `back` and `trace` are visited once each.
unsafe impl crate::traverse::Traverse for FrameObject {
    const HOLDS_REFS: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Object)) {
        self.back.traverse(visit);
        self.trace.traverse(visit);
        let owned = self.owned.take();
        if let Some(memory) = &owned {
            let frame = memory.as_ptr() as *mut Frame;
            // SAFETY: an owned frame's contents are live.
            unsafe {
                (*frame).code.traverse(visit);
                (*frame).func.traverse(visit);
                (*frame).globals.traverse(visit);
                (*frame).builtins.traverse(visit);
                (*frame).locals.traverse(visit);
                let slots = Frame::localsplus(frame);
                for i in 0..(*frame).stacktop {
                    (*slots.add(i)).traverse(visit);
                }
            }
        }
        self.owned.set(owned);
    }

    /// Breaks cycles through an ended frame's locals and stack, the usual
    /// ones being a traceback kept in a local of its own frame.
    fn clear(&self, vm: &Vm, out: &mut crate::traverse::Cleared) {
        self.back.clear(vm, out);
        self.trace.clear(vm, out);
        let owned = self.owned.take();
        if let Some(memory) = &owned {
            let frame = memory.as_ptr() as *mut Frame;
            // SAFETY: an owned frame's contents are live; the slots stay
            // initialised (as None) for the frame's eventual drop.
            unsafe {
                let slots = Frame::localsplus(frame);
                for i in 0..(*frame).stacktop {
                    if let Some(value) = (*slots.add(i)).take() {
                        out.keep(value);
                    }
                }
            }
        }
        self.owned.set(owned);
    }

    fn take_refs(&mut self, vm: &Vm, out: &mut crate::traverse::Cleared) {
        self.clear(vm, out);
    }
}

fn payload(f: &Object) -> &FrameObject {
    f.payload::<FrameObject>().expect("a frame object")
}

/// The frame a frame object shows.
pub fn frame_of(f: &Object) -> &Frame {
    // SAFETY: the frame is live while its frame object is (see the top
    // of this file): it holds the object, or the object owns it.
    unsafe { &*payload(f).frame.get() }
}

/// The frame object of `frame`, made the first time it is asked for
/// (`_PyFrame_GetFrameObject`).
///
/// # Safety
/// `frame` must be live.
pub unsafe fn frame_object(vm: &Vm, frame: *mut Frame) -> Object {
    if let Some(f) = &(*frame).frame_obj {
        return f.clone();
    }
    let f = object::alloc(
        &vm.types.frame,
        FrameObject {
            frame: Cell::new(frame),
            owned: Cell::new(None),
            back: RefCell::new(None),
            trace: RefCell::new(None),
            trace_lines: Cell::new(true),
            trace_opcodes: Cell::new(false),
        },
    );
    (*frame).frame_obj = Some(f.clone());
    f
}

/// Records the caller of a frame that is ending, for its frame object's
/// `f_back`.
///
/// # Safety
/// `previous` must be null or a live frame.
pub(crate) unsafe fn keep_back(vm: &Vm, f: &Object, previous: *mut Frame) {
    if !previous.is_null() {
        *payload(f).back.borrow_mut() = Some(frame_object(vm, previous));
    }
}

/// Moves an ending frame's header and locals into its frame object; the
/// values left on its stack are dropped (`take_ownership`).
///
/// # Safety
/// `frame` must be live and not running, and its `frame_obj` already
/// taken; its memory is to be released without dropping anything.
pub(crate) unsafe fn take_ownership(f: &Object, frame: *mut Frame) {
    let nlocalsplus = (*frame).code_payload().nlocalsplus();
    let slots = Frame::localsplus(frame);
    let keep = (*frame).stacktop.min(nlocalsplus);
    for i in keep..(*frame).stacktop {
        std::ptr::drop_in_place(slots.add(i));
    }
    (*frame).stacktop = keep;
    (*frame).previous = std::ptr::null_mut();
    (*frame).generator = 0;
    (*frame).is_entry = false;
    let mut memory = crate::frame::move_to_heap(frame, keep);
    let p = payload(f);
    p.frame.set(memory.as_mut_ptr() as *mut Frame);
    p.owned.set(Some(memory));
}

/// Points a frame object at its frame's new place (a generator's frame
/// moved off the data stack).
///
/// # Safety
/// `frame` must be the live frame `f` was made for, at its new place.
pub(crate) unsafe fn moved(f: &Object, frame: *mut Frame) {
    payload(f).frame.set(frame);
}

/// The locals of a frame as a mapping, brought up to date from its fast
/// locals, cells and free variables (`_PyFrame_FastToLocalsWithError`):
/// a function's frame keeps one dict for this, a module's or a class
/// body's is its namespace.
///
/// # Safety
/// `frame` must be live.
pub unsafe fn fast_to_locals(vm: &Vm, frame: *mut Frame) -> PyResult<Object> {
    let locals = match &(*frame).locals {
        Some(l) => l.clone(),
        None => {
            let d = vm.new_dict();
            (*frame).locals = Some(d.clone());
            d
        }
    };
    let code = (*frame).code_payload();
    let optimized = code.code.flags & CO_OPTIMIZED != 0;
    let slots = Frame::localsplus(frame);
    for (i, name) in code.localsplusnames.iter().enumerate() {
        let kind = code.code.localspluskinds[i];
        // A class body's free variables belong to the enclosing function.
        if kind & CO_FAST_FREE != 0 && !optimized {
            continue;
        }
        let mut value = if i < (*frame).stacktop {
            (*slots.add(i)).clone()
        } else {
            None
        };
        if kind & (CO_FAST_CELL | CO_FAST_FREE) != 0 {
            if let Some(cell) = value.as_ref().and_then(|v| v.payload::<CellObject>()) {
                let contents = cell.contents.borrow().clone();
                value = contents;
            }
        }
        match value {
            Some(v) => vm.setitem(&locals, name, Some(&v))?,
            None => {
                if let Err(e) = vm.setitem(&locals, name, None) {
                    if !e.matches(vm, &vm.exceptions.key_error) {
                        return Err(e);
                    }
                }
            }
        }
    }
    Ok(locals)
}

/// The first frame of the thread `depth` calls out from the running one
/// (`sys._getframe`), or None when the stack is not that deep.
pub fn thread_frame(vm: &Vm, depth: i64) -> Option<Object> {
    let mut frame = vm.thread.frame.get();
    let mut depth = depth;
    // SAFETY: the thread's frames are live, linked by `previous`.
    unsafe {
        while depth > 0 && !frame.is_null() {
            frame = (*frame).previous;
            depth -= 1;
        }
        (!frame.is_null()).then(|| frame_object(vm, frame))
    }
}

/// The line a frame is at (`PyFrame_GetLineNumber`).
fn lineno(frame: &Frame) -> i64 {
    frame
        .code_payload()
        .location(frame.lasti)
        .line
        .unwrap_or(-1)
}

/// `f_back`: the caller's frame object, or the one kept when the frame
/// ended.
fn back(vm: &Vm, f: &Object) -> Object {
    let p = payload(f);
    if let Some(b) = p.back.borrow().as_ref() {
        return b.clone();
    }
    let previous = frame_of(f).previous;
    if previous.is_null() {
        return vm.none.clone();
    }
    // SAFETY: a live frame's caller is live.
    unsafe { frame_object(vm, previous) }
}

/// `frame.clear()`: drops an ended frame's locals, or finishes the
/// suspended generator the frame belongs to; a running frame cannot be
/// cleared.
fn clear(vm: &Vm, f: &Object) -> PyResult<()> {
    let p = payload(f);
    let running = || vm.new_runtime_error("cannot clear an executing frame");
    let owned = p.owned.take();
    match owned {
        Some(memory) => {
            *p.trace.borrow_mut() = None;
            let frame = p.frame.get();
            // SAFETY: the frame object owns the frame; its first
            // `stacktop` slots are live.
            unsafe {
                let slots = Frame::localsplus(frame);
                for i in 0..(*frame).stacktop {
                    let old = (*slots.add(i)).take();
                    drop(old);
                }
                (*frame).stacktop = 0;
            }
            p.owned.set(Some(memory));
            Ok(())
        }
        None => {
            let generator = frame_of(f).generator;
            if generator == 0 {
                return Err(running());
            }
            // SAFETY: a generator's frame lives inside the generator, so
            // the generator is alive while its frame is; the borrowed
            // word becomes a counted reference here.
            let g = unsafe {
                let borrowed = std::mem::ManuallyDrop::new(Object::from_raw(generator));
                (*borrowed).clone()
            };
            if crate::objects::generator::is_running(&g) {
                return Err(running());
            }
            crate::objects::generator::finalize(vm, &g);
            Ok(())
        }
    }
}

fn repr(vm: &Vm, f: &Object) -> PyResult {
    let frame = frame_of(f);
    let code = frame.code_payload();
    let file = vm.repr_string(&code.filename())?;
    Ok(vm.new_str(&format!(
        "<frame at {:#x}, file {}, line {}, code {}>",
        f.id(),
        file,
        lineno(frame),
        as_rust_str(&code.name)
    )))
}

fn set_trace_flag(vm: &Vm, flag: &Cell<bool>, value: Option<&Object>) -> PyResult<()> {
    match value {
        Some(v) if vm.type_of(v).is(&vm.types.bool_) => {
            flag.set(v.is(&vm.true_));
            Ok(())
        }
        Some(_) => Err(vm.new_type_error("attribute value type must be bool")),
        None => Err(vm.new_type_error("can't delete numeric/char attribute")),
    }
}

pub(crate) fn init(vm: &Vm) {
    let ty = &vm.types.frame;
    type_payload(ty).slots.repr.set(Some(repr));
    let getset = |name, get, set| crate::objects::descr::add_getset(vm, ty, name, get, set);
    getset("f_back", |vm, f| Ok(back(vm, f)), None);
    getset("f_code", |_, f| Ok(frame_of(f).code.clone()), None);
    getset("f_globals", |_, f| Ok(frame_of(f).globals.clone()), None);
    getset("f_builtins", |_, f| Ok(frame_of(f).builtins.clone()), None);
    getset(
        "f_locals",
        |vm, f| {
            // SAFETY: the frame is live while its frame object is.
            unsafe { fast_to_locals(vm, payload(f).frame.get()) }
        },
        None,
    );
    getset(
        "f_lineno",
        |vm, f| Ok(vm.new_int(lineno(frame_of(f)))),
        Some(|vm, _, value| match value {
            None => {
                Err(vm.new_exception(&vm.exceptions.attribute_error, "cannot delete attribute"))
            }
            Some(v) if !vm.type_of(v).is(&vm.types.int) => {
                Err(vm.new_value_error("lineno must be an integer"))
            }
            // Only a trace function may jump, and nothing traces yet.
            Some(_) => {
                Err(vm.new_value_error("can't jump from the 'call' trace event of a new frame"))
            }
        }),
    );
    getset(
        "f_lasti",
        |vm, f| {
            // SAFETY: the frame is live while its frame object is.
            let lasti = unsafe { crate::frame::current_lasti(vm, payload(f).frame.get()) };
            Ok(vm.new_int(lasti as i64 * 2))
        },
        None,
    );
    getset(
        "f_trace",
        |vm, f| {
            Ok(payload(f)
                .trace
                .borrow()
                .clone()
                .unwrap_or_else(|| vm.none.clone()))
        },
        Some(|vm, f, value| {
            let value = value.filter(|v| !vm.is_none(v)).cloned();
            let old = payload(f).trace.replace(value);
            drop(old);
            Ok(())
        }),
    );
    getset(
        "f_trace_lines",
        |vm, f| Ok(vm.new_bool(payload(f).trace_lines.get())),
        Some(|vm, f, value| set_trace_flag(vm, &payload(f).trace_lines, value)),
    );
    getset(
        "f_trace_opcodes",
        |vm, f| Ok(vm.new_bool(payload(f).trace_opcodes.get())),
        Some(|vm, f, value| set_trace_flag(vm, &payload(f).trace_opcodes, value)),
    );
    crate::objects::function::add_methods(
        vm,
        ty,
        &[("clear", |vm, args| {
            crate::objects::function::check_arity(vm, "frame.clear", args, 1, 1)?;
            clear(vm, &args.values[0])?;
            Ok(vm.none.clone())
        })],
    );
    crate::slots::add_slot_wrappers(vm, ty);
}
