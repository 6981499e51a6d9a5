//! Generators and coroutines (Objects/genobject.c).
//!
//! RETURN_GENERATOR moves the new frame off the data stack into a
//! generator object, which keeps it between runs: `send` makes it the
//! entry frame of an `eval_frame` call, which returns when the frame
//! yields (the frame marked suspended) or finishes (the frame cleared).
//! `yield from` and `await` are SEND loops over the delegate, and
//! `throw` starts the frame with the exception raised where it stands,
//! or first hands it to the delegate it is suspended in.

use crate::errors::{PyErr, PyResult};
use crate::frame::Frame;
use crate::object::{self, type_payload, Object};
use crate::objects::code::CodePayload;
use crate::objects::str::as_rust_str;
use crate::traverse::{Cleared, Traverse};
use crate::typeobject::Args;
use crate::vm::Vm;
use krait_compiler::code::flags::{CO_COROUTINE, CO_ITERABLE_COROUTINE};
use krait_compiler::opcode::Opcode;
use std::cell::{Cell, RefCell};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Created,
    Suspended,
    Running,
    Finished,
}

/// The payload of a generator or a coroutine.
pub struct GeneratorObject {
    /// The frame's words: its header, then its `localsplus`.
    frame: RefCell<Box<[usize]>>,
    state: Cell<State>,
    name: RefCell<Object>,
    qualname: RefCell<Object>,
    code: Object,
    /// The exception being handled inside, kept while suspended.
    handled: RefCell<Option<Object>>,
}

impl Drop for GeneratorObject {
    fn drop(&mut self) {
        if self.state.get() != State::Finished {
            let frame = self.frame.get_mut().as_mut_ptr() as *mut Frame;
            // SAFETY: an unfinished generator's frame holds live contents,
            // dropped once here.
            unsafe { crate::frame::clear(frame) };
        }
    }
}

// SAFETY: the generator's own references, then, while its frame is live
// and not running, the frame's: its header's and its slots up to
// `stacktop`. A running frame is not looked at (the eval loop moves
// values in and out of its slots meanwhile), which only keeps its
// referents alive.
unsafe impl Traverse for GeneratorObject {
    const HOLDS_REFS: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Object)) {
        self.name.traverse(visit);
        self.qualname.traverse(visit);
        self.code.traverse(visit);
        self.handled.traverse(visit);
        if !matches!(self.state.get(), State::Created | State::Suspended) {
            return;
        }
        let Ok(memory) = self.frame.try_borrow() else {
            return;
        };
        let frame = memory.as_ptr() as *mut Frame;
        // SAFETY: a created or suspended generator's frame is live.
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

    /// CPython's generators have no `tp_clear`: their finalizer closes
    /// them. One still suspended here is garbage whose finalizer ran
    /// already; its frame is dropped without running it.
    fn clear(&self, vm: &Vm, out: &mut Cleared) {
        self.name.clear(vm, out);
        self.qualname.clear(vm, out);
        self.handled.clear(vm, out);
        if !matches!(self.state.get(), State::Created | State::Suspended) {
            return;
        }
        if let Ok(mut memory) = self.frame.try_borrow_mut() {
            self.state.set(State::Finished);
            out.keep(LiveFrame(std::mem::take(&mut *memory)));
        }
    }

    fn take_refs(&mut self, vm: &Vm, out: &mut Cleared) {
        self.clear(vm, out)
    }
}

/// A generator's frame taken out of it, dropped with its contents.
struct LiveFrame(Box<[usize]>);

impl Drop for LiveFrame {
    fn drop(&mut self) {
        // SAFETY: the frame was live when taken out of its generator, which
        // no longer drops it.
        unsafe { crate::frame::clear(self.0.as_mut_ptr() as *mut Frame) };
    }
}

/// What `send` gives: a yielded value, or the return value.
pub enum Sent {
    Yielded(Object),
    Returned(Object),
}

/// Moves a frame that just ran RETURN_GENERATOR into a new generator or
/// coroutine object.
///
/// # Safety
/// `frame` must be the innermost live frame; its contents move into the
/// generator and the caller releases its memory without dropping it.
pub unsafe fn from_frame(vm: &Vm, frame: *mut Frame) -> Object {
    let code_obj = (*frame).code.clone();
    let code = code_obj.payload::<CodePayload>().expect("a frame's code");
    let words = crate::frame::frame_words(code);
    let mut memory = vec![0usize; words].into_boxed_slice();
    std::ptr::copy_nonoverlapping(frame as *const usize, memory.as_mut_ptr(), words);
    let moved = memory.as_mut_ptr() as *mut Frame;
    (*moved).in_generator = true;
    let ty = if code.code.flags & CO_COROUTINE != 0 {
        &vm.types.coroutine
    } else {
        &vm.types.generator
    };
    let (name, qualname) = match (*frame)
        .func
        .as_ref()
        .and_then(|f| f.payload::<crate::objects::function::FunctionObject>())
    {
        Some(f) => (f.name.borrow().clone(), f.qualname.borrow().clone()),
        None => (code.name.clone(), code.qualname.clone()),
    };
    object::alloc(
        ty,
        GeneratorObject {
            frame: RefCell::new(memory),
            state: Cell::new(State::Created),
            name: RefCell::new(name),
            qualname: RefCell::new(qualname),
            code: code_obj,
            handled: RefCell::new(None),
        },
    )
}

fn payload(g: &Object) -> &GeneratorObject {
    g.payload::<GeneratorObject>().expect("a generator")
}

fn kind_name(vm: &Vm, g: &Object) -> &'static str {
    if vm.type_of(g).is(&vm.types.coroutine) {
        "coroutine"
    } else {
        "generator"
    }
}

/// Whether `yield from` may use `v` as it is: a generator, or a
/// coroutine from a generator-based coroutine's code.
pub fn is_generator_like(vm: &Vm, v: &Object) -> bool {
    let ty = vm.type_of(v);
    if ty.is(&vm.types.generator) {
        return true;
    }
    if ty.is(&vm.types.coroutine) {
        let in_iterable_coroutine = crate::eval::current_frame(vm).is_some_and(|f| {
            f.code_payload().code.flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE) != 0
        });
        return in_iterable_coroutine;
    }
    false
}

/// Resumes a generator: with `value` sent in, or with `throw` raised at
/// its yield (`gen_send_ex2`).
fn resume(vm: &Vm, g: &Object, value: Object, throw: Option<PyErr>) -> PyResult<Sent> {
    let gen = payload(g);
    match gen.state.get() {
        State::Running => {
            return Err(vm.new_value_error(format!("{} already executing", kind_name(vm, g))));
        }
        State::Finished => {
            if let Some(e) = throw {
                return Err(e);
            }
            if kind_name(vm, g) == "coroutine" {
                return Err(vm.new_runtime_error("cannot reuse already awaited coroutine"));
            }
            return Ok(Sent::Returned(vm.none.clone()));
        }
        State::Created if throw.is_none() && !vm.is_none(&value) => {
            return Err(vm.new_type_error(format!(
                "can't send non-None value to a just-started {}",
                kind_name(vm, g)
            )));
        }
        _ => {}
    }
    let depth = vm.thread.recursion_depth.get();
    if depth >= vm.thread.recursion_limit.get() {
        return Err(vm.new_exception(
            &vm.exceptions.recursion_error,
            "maximum recursion depth exceeded",
        ));
    }
    vm.thread.recursion_depth.set(depth + 1);
    let frame = gen.frame.borrow_mut().as_mut_ptr() as *mut Frame;
    // SAFETY: the generator's frame is live while it is not finished, and
    // only this call runs it (the state is Running meanwhile).
    unsafe {
        (*frame).previous = vm.thread.frame.get();
        (*frame).is_entry = true;
        (*frame).suspended = false;
        if throw.is_none() {
            let slots = Frame::localsplus(frame);
            slots.add((*frame).stacktop).write(Some(value));
            (*frame).stacktop += 1;
        }
    }
    gen.state.set(State::Running);
    let caller_handled = vm.thread.handled.borrow().clone();
    let own = gen.handled.borrow_mut().take();
    if own.is_some() {
        *vm.thread.handled.borrow_mut() = own;
    }
    // SAFETY: as above.
    let result = unsafe { crate::eval::eval_frame_with(vm, frame, throw) };
    // SAFETY: the frame memory is the generator's; `suspended` is a plain
    // flag that stays readable after the frame was cleared.
    let suspended = unsafe { (*frame).suspended };
    let inner = vm.thread.handled.replace(caller_handled.clone());
    if suspended {
        *gen.handled.borrow_mut() =
            inner.filter(|h| caller_handled.as_ref().is_none_or(|c| !c.is(h)));
        gen.state.set(State::Suspended);
    } else {
        gen.state.set(State::Finished);
    }
    match result {
        Ok(v) if suspended => Ok(Sent::Yielded(v)),
        Ok(v) => Ok(Sent::Returned(v)),
        Err(e) => Err(stop_iteration_to_runtime_error(vm, g, e)),
    }
}

/// PEP 479: a StopIteration escaping a generator becomes a RuntimeError.
fn stop_iteration_to_runtime_error(vm: &Vm, g: &Object, e: PyErr) -> PyErr {
    if !e.matches(vm, &vm.exceptions.stop_iteration) {
        return e;
    }
    let error = vm.new_runtime_error(format!("{} raised StopIteration", kind_name(vm, g)));
    if let Some(p) = crate::exceptions::exception_payload(&error.0) {
        *p.cause.borrow_mut() = Some(e.0.clone());
        *p.context.borrow_mut() = Some(e.0);
        p.suppress_context.set(true);
    }
    error
}

/// The delegate a suspended generator is in (`yield from` or `await`):
/// its frame is about to run RESUME 2 or 3 with the delegate on top of
/// the stack (`_PyGen_yf`).
fn delegate(g: &Object) -> Option<Object> {
    let gen = payload(g);
    if gen.state.get() != State::Suspended {
        return None;
    }
    let frame = gen.frame.borrow().as_ptr() as *const Frame;
    // SAFETY: a suspended generator's frame is live; `next_instr` is an
    // index into its code, and the stack holds `stacktop` slots.
    unsafe {
        let code = (*frame).code_payload();
        let next = code.instructions.get((*frame).next_instr)?.get();
        if (next & 0xff) as u8 != Opcode::RESUME as u8 || (next >> 8) < 2 {
            return None;
        }
        let slots = Frame::localsplus(frame as *mut Frame);
        (*slots.add((*frame).stacktop - 1)).clone()
    }
}

/// SEND and `yield from`: sends `value` into `receiver`
/// (`PyIter_Send`).
pub fn send(vm: &Vm, receiver: &Object, value: Object) -> PyResult<Sent> {
    let ty = vm.type_of(receiver);
    if ty.is(&vm.types.generator) || ty.is(&vm.types.coroutine) {
        return resume(vm, receiver, value, None);
    }
    let result =
        if vm.is_none(&value) && vm.type_payload_of(receiver).slots.iternext.get().is_some() {
            match vm.next(receiver)? {
                Some(v) => return Ok(Sent::Yielded(v)),
                None => return Ok(Sent::Returned(vm.none.clone())),
            }
        } else {
            vm.call_method(receiver, "send", &[value])
        };
    match result {
        Ok(v) => Ok(Sent::Yielded(v)),
        Err(e) if e.matches(vm, &vm.exceptions.stop_iteration) => {
            Ok(Sent::Returned(stop_iteration_value(vm, &e)))
        }
        Err(e) => Err(e),
    }
}

/// The value a StopIteration carries.
fn stop_iteration_value(vm: &Vm, e: &PyErr) -> Object {
    let args = crate::exceptions::args_of(&e.0);
    crate::objects::tuple::tuple_items(&args)
        .and_then(|a| a.first().cloned())
        .unwrap_or_else(|| vm.none.clone())
}

/// `g.throw(exc)`: raised in the delegate first if the generator is in a
/// `yield from`, else at its yield (`gen_throw`).
fn throw(vm: &Vm, g: &Object, exc: PyErr) -> PyResult<Sent> {
    if let Some(d) = delegate(g) {
        let delegated = if exc.matches(vm, &vm.exceptions.generator_exit) {
            close_delegate(vm, &d).map(|_| None)
        } else if vm.type_of(&d).is(&vm.types.generator) || vm.type_of(&d).is(&vm.types.coroutine) {
            throw(vm, &d, exc.clone()).map(Some)
        } else {
            match vm.getattr_opt(&d, &vm.intern("throw"))? {
                Some(t) => match vm.call(&t, Args::positional_only(std::slice::from_ref(&exc.0))) {
                    Ok(v) => Ok(Some(Sent::Yielded(v))),
                    Err(e) if e.matches(vm, &vm.exceptions.stop_iteration) => {
                        Ok(Some(Sent::Returned(stop_iteration_value(vm, &e))))
                    }
                    Err(e) => Err(e),
                },
                None => Ok(None),
            }
        };
        match delegated {
            Ok(Some(Sent::Yielded(v))) => return Ok(Sent::Yielded(v)),
            Ok(Some(Sent::Returned(v))) => {
                // The delegate is done: the generator goes on after its
                // SEND loop with the delegate's return value.
                finish_delegation(g);
                return resume(vm, g, v, None);
            }
            Ok(None) => {}
            Err(e) => return resume(vm, g, vm.none.clone(), Some(e)),
        }
    }
    resume(vm, g, vm.none.clone(), Some(exc))
}

/// Moves a suspended generator past the SEND loop of its `yield from`,
/// dropping the delegate, so that it resumes with the delegate's result.
fn finish_delegation(g: &Object) {
    let gen = payload(g);
    let frame = gen.frame.borrow_mut().as_mut_ptr() as *mut Frame;
    // SAFETY: the generator is suspended in a delegation, so its stack
    // ends with the delegate and the instruction before `next_instr` is
    // the loop's YIELD_VALUE, after the SEND whose jump leaves the loop.
    unsafe {
        let code = (*frame).code_payload();
        let mut i = (*frame).next_instr;
        while i > 0 {
            i -= 1;
            let unit = code.instructions[i].get();
            if (unit & 0xff) as u8 == Opcode::SEND as u8 {
                (*frame).next_instr = i + 1 + usize::from(unit >> 8);
                break;
            }
        }
        let slots = Frame::localsplus(frame);
        (*frame).stacktop -= 1;
        std::ptr::drop_in_place(slots.add((*frame).stacktop));
    }
}

fn close_delegate(vm: &Vm, d: &Object) -> PyResult<()> {
    if vm.type_of(d).is(&vm.types.generator) || vm.type_of(d).is(&vm.types.coroutine) {
        return close(vm, d);
    }
    if let Some(c) = vm.getattr_opt(d, &vm.intern("close"))? {
        vm.call(&c, Args::positional_only(&[]))?;
    }
    Ok(())
}

/// `g.close()`: GeneratorExit at the yield; the generator must not yield
/// again.
fn close(vm: &Vm, g: &Object) -> PyResult<()> {
    let gen = payload(g);
    match gen.state.get() {
        State::Finished => return Ok(()),
        State::Created => {
            gen.state.set(State::Finished);
            let frame = gen.frame.borrow_mut().as_mut_ptr() as *mut Frame;
            // SAFETY: a created generator's frame is live and not running.
            unsafe { crate::frame::clear(frame) };
            return Ok(());
        }
        _ => {}
    }
    let exit = vm.new_exception_empty(&vm.exceptions.generator_exit);
    match throw(vm, g, exit) {
        Ok(Sent::Yielded(_)) => {
            Err(vm.new_runtime_error(format!("{} ignored GeneratorExit", kind_name(vm, g))))
        }
        Ok(Sent::Returned(_)) => Ok(()),
        Err(e)
            if e.matches(vm, &vm.exceptions.generator_exit)
                || e.matches(vm, &vm.exceptions.stop_iteration) =>
        {
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// The exception `throw(typ[, val[, tb]])` raises.
fn throw_argument(vm: &Vm, args: &[Object]) -> PyResult<PyErr> {
    let typ = &args[0];
    let value = args.get(1).filter(|v| !vm.is_none(v));
    if typ.payload::<crate::typeobject::TypeObject>().is_some()
        && crate::typeobject::is_subtype(typ, &vm.exceptions.base_exception)
    {
        let exc = match value {
            Some(v) if vm.is_instance(v, typ) => v.clone(),
            Some(v) => vm.call(typ, Args::positional_only(std::slice::from_ref(v)))?,
            None => vm.call(typ, Args::positional_only(&[]))?,
        };
        return Ok(PyErr(exc));
    }
    if crate::exceptions::exception_payload(typ).is_some() {
        if value.is_some() {
            return Err(vm.new_type_error("instance exception may not have a separate value"));
        }
        return Ok(PyErr(typ.clone()));
    }
    Err(vm.new_type_error(format!(
        "exceptions must be classes or instances deriving from BaseException, not {}",
        vm.type_name(typ)
    )))
}

/// GET_AWAITABLE: the iterator `await v` drives (`_PyCoro_GetAwaitableIter`).
pub fn awaitable_iter(vm: &Vm, v: &Object, where_: u32) -> PyResult {
    if vm.type_of(v).is(&vm.types.coroutine) {
        if delegate(v).is_some() {
            return Err(vm.new_runtime_error("coroutine is being awaited already"));
        }
        return Ok(v.clone());
    }
    let Some(await_method) = vm.lookup_special(v, &vm.names.__await__)? else {
        let context = match where_ {
            1 => "'async with' received an object from __aenter__ that does not implement __await__: ",
            2 => "'async with' received an object from __aexit__ that does not implement __await__: ",
            _ => "object ",
        };
        return Err(vm.new_type_error(if where_ == 0 {
            format!(
                "object {} can't be used in 'await' expression",
                vm.type_name(v)
            )
        } else {
            format!("{context}{}", vm.type_name(v))
        }));
    };
    let it = vm.call(&await_method, Args::positional_only(&[]))?;
    if vm.type_of(&it).is(&vm.types.coroutine) {
        return Err(vm.new_type_error("__await__() returned a coroutine"));
    }
    if vm.type_payload_of(&it).slots.iternext.get().is_none() {
        return Err(vm.new_type_error(format!(
            "__await__() returned non-iterator of type '{}'",
            vm.type_name(&it)
        )));
    }
    Ok(it)
}

fn gen_method_send(vm: &Vm, args: Args) -> PyResult {
    crate::objects::function::check_arity(vm, "send", args, 2, 2)?;
    match resume(vm, &args.values[0], args.values[1].clone(), None)? {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(stop_iteration_with(vm, v)),
    }
}

fn stop_iteration_with(vm: &Vm, v: Object) -> PyErr {
    if vm.is_none(&v) {
        vm.new_exception_empty(&vm.exceptions.stop_iteration)
    } else {
        PyErr(crate::exceptions::new_exception(
            vm,
            &vm.exceptions.stop_iteration,
            vec![v],
        ))
    }
}

pub(crate) fn init(vm: &Vm) {
    for ty in [&vm.types.generator, &vm.types.coroutine] {
        let tp = type_payload(ty);
        // An unfinished generator freed is closed first, so that its
        // `finally` blocks run (`_PyGen_Finalize`).
        tp.slots.finalize.set(Some(|vm, g| {
            if let Err(e) = close(vm, g) {
                crate::unraisable::write_unraisable(vm, &e, Some(g), None);
            }
        }));
        tp.slots.repr.set(Some(|vm, g| {
            Ok(vm.new_str(&format!(
                "<{} object {} at {:#x}>",
                kind_name(vm, g),
                as_rust_str(&payload(g).qualname.borrow()),
                g.id()
            )))
        }));
        crate::objects::function::add_methods(
            vm,
            ty,
            &[
                ("send", gen_method_send),
                ("throw", |vm, args| {
                    crate::objects::function::check_arity(vm, "throw", args, 2, 4)?;
                    let exc = throw_argument(vm, &args.values[1..])?;
                    match throw(vm, &args.values[0], exc)? {
                        Sent::Yielded(v) => Ok(v),
                        Sent::Returned(v) => Err(stop_iteration_with(vm, v)),
                    }
                }),
                ("close", |vm, args| {
                    crate::objects::function::check_arity(vm, "close", args, 1, 1)?;
                    close(vm, &args.values[0])?;
                    Ok(vm.none.clone())
                }),
            ],
        );
        crate::objects::descr::add_getset(
            vm,
            ty,
            "__name__",
            |_, g| Ok(payload(g).name.borrow().clone()),
            None,
        );
        crate::objects::descr::add_getset(
            vm,
            ty,
            "__qualname__",
            |_, g| Ok(payload(g).qualname.borrow().clone()),
            None,
        );
        crate::objects::descr::add_getset(
            vm,
            ty,
            "gi_code",
            |_, g| Ok(payload(g).code.clone()),
            None,
        );
        crate::objects::descr::add_getset(
            vm,
            ty,
            "gi_running",
            |vm, g| Ok(vm.new_bool(payload(g).state.get() == State::Running)),
            None,
        );
        crate::objects::descr::add_getset(
            vm,
            ty,
            "gi_yieldfrom",
            |vm, g| Ok(delegate(g).unwrap_or_else(|| vm.none.clone())),
            None,
        );
    }
    let tp = type_payload(&vm.types.generator);
    tp.slots.iter.set(Some(|_, g| Ok(g.clone())));
    tp.slots
        .iternext
        .set(Some(|vm, g| match resume(vm, g, vm.none.clone(), None)? {
            Sent::Yielded(v) => Ok(Some(v)),
            Sent::Returned(v) if vm.is_none(&v) => Ok(None),
            // `next()` shows the return value; a for loop drops it, as
            // `Vm::next` turns this StopIteration into the end.
            Sent::Returned(v) => Err(stop_iteration_with(vm, v)),
        }));
    crate::slots::add_slot_wrappers(vm, &vm.types.generator);
    crate::slots::add_slot_wrappers(vm, &vm.types.coroutine);
}
