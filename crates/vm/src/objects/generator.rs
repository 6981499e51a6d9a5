//! Generators, coroutines and the generator side of async generators
//! (Objects/genobject.c).
//!
//! RETURN_GENERATOR moves the new frame off the data stack into a
//! generator object, which keeps it between runs: `send` makes it the
//! entry frame of an `eval_frame` call, which returns when the frame
//! yields (the frame marked suspended) or finishes (the frame cleared).
//! `yield from` and `await` are SEND loops over the delegate, and
//! `throw` starts the frame with the exception raised where it stands,
//! or first hands it to the delegate it is suspended in.
//!
//! The three kinds share this object and these operations; what an
//! async generator adds (`asend`, `athrow`, the awaitables they give)
//! is in `async_generator.rs`, and `await`'s view of a coroutine, the
//! `coroutine_wrapper`, is here.

use crate::errors::{PyErr, PyResult};
use crate::frame::Frame;
use crate::object::{self, type_payload, Object};
use crate::objects::code::CodePayload;
use crate::objects::str::{as_rust_str, StrObject};
use crate::traverse::{Cleared, Traverse};
use crate::typeobject::Args;
use crate::vm::Vm;
use krait_compiler::code::flags::{CO_ASYNC_GENERATOR, CO_COROUTINE, CO_ITERABLE_COROUTINE};
use krait_compiler::opcode::Opcode;
use std::cell::{Cell, RefCell};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Created,
    Suspended,
    Running,
    Finished,
}

/// Which of the three objects a generator function's call made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

impl Kind {
    /// The name error messages use.
    fn name(self) -> &'static str {
        match self {
            Kind::Generator => "generator",
            Kind::Coroutine => "coroutine",
            Kind::AsyncGenerator => "async generator",
        }
    }
}

/// The payload of a generator, a coroutine or an async generator.
pub struct GeneratorObject {
    /// The frame's words: its header, then its `localsplus`.
    frame: RefCell<Box<[usize]>>,
    state: Cell<State>,
    pub kind: Kind,
    name: RefCell<Object>,
    qualname: RefCell<Object>,
    code: Object,
    /// The exception being handled inside, kept while suspended.
    handled: RefCell<Option<Object>>,
    /// An async generator's state between its awaitables: whether it
    /// was closed (`ag_closed`) and whether an `asend` or `athrow` is
    /// driving it (`ag_running_async`).
    pub ag_closed: Cell<bool>,
    pub ag_running_async: Cell<bool>,
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

/// Moves a frame that just ran RETURN_GENERATOR into a new generator,
/// coroutine or async generator object.
///
/// # Safety
/// `frame` must be the innermost live frame; its contents move into the
/// generator and the caller releases its memory without dropping it.
pub unsafe fn from_frame(vm: &Vm, frame: *mut Frame) -> Object {
    let code_obj = (*frame).code.clone();
    let code = code_obj.payload::<CodePayload>().expect("a frame's code");
    let memory =
        crate::frame::move_to_heap(frame, code.nlocalsplus() + code.code.stacksize as usize);
    let (ty, kind) = if code.code.flags & CO_COROUTINE != 0 {
        (&vm.types.coroutine, Kind::Coroutine)
    } else if code.code.flags & CO_ASYNC_GENERATOR != 0 {
        (&vm.types.async_generator, Kind::AsyncGenerator)
    } else {
        (&vm.types.generator, Kind::Generator)
    };
    let (name, qualname) = match (*frame)
        .func
        .as_ref()
        .and_then(|f| f.payload::<crate::objects::function::FunctionObject>())
    {
        Some(f) => (f.name.borrow().clone(), f.qualname.borrow().clone()),
        None => (code.name.clone(), code.qualname.clone()),
    };
    let g = object::alloc(
        ty,
        GeneratorObject {
            frame: RefCell::new(memory),
            state: Cell::new(State::Created),
            kind,
            name: RefCell::new(name),
            qualname: RefCell::new(qualname),
            code: code_obj,
            handled: RefCell::new(None),
            ag_closed: Cell::new(false),
            ag_running_async: Cell::new(false),
        },
    );
    let moved = frame_ptr(&g);
    (*moved).generator = g.id();
    (*moved).previous = std::ptr::null_mut();
    if let Some(f) = &(*moved).frame_obj {
        crate::objects::frame::moved(f, moved);
    }
    g
}

pub fn payload(g: &Object) -> &GeneratorObject {
    g.payload::<GeneratorObject>().expect("a generator")
}

fn frame_ptr(g: &Object) -> *mut Frame {
    payload(g).frame.borrow_mut().as_mut_ptr() as *mut Frame
}

/// Whether `g` is a generator, a coroutine or an async generator.
pub fn kind_of(g: &Object) -> Option<Kind> {
    g.payload::<GeneratorObject>().map(|p| p.kind)
}

/// Whether the generator's frame is running now.
pub fn is_running(g: &Object) -> bool {
    payload(g).state.get() == State::Running
}

/// Whether the generator has finished (`gi_frame_state >= FRAME_COMPLETED`).
pub fn is_finished(g: &Object) -> bool {
    payload(g).state.get() == State::Finished
}

/// Whether `v` is a generator made by a `types.coroutine` function,
/// which `await` takes as it is (`gen_is_coroutine`).
fn is_iterable_coroutine(v: &Object) -> bool {
    v.payload::<GeneratorObject>().is_some_and(|g| {
        g.kind == Kind::Generator
            && g.code
                .payload::<CodePayload>()
                .is_some_and(|c| c.code.flags & CO_ITERABLE_COROUTINE != 0)
    })
}

/// Resumes a generator: with `value` sent in, or with `throw` raised at
/// its yield (`gen_send_ex2`). An async generator that returns gives
/// `Returned(None)`, which its awaitables turn into StopAsyncIteration.
pub fn resume(vm: &Vm, g: &Object, value: Object, throw: Option<PyErr>) -> PyResult<Sent> {
    let gen = payload(g);
    match gen.state.get() {
        State::Created if throw.is_none() && !vm.is_none(&value) => {
            return Err(vm.new_type_error(format!(
                "can't send non-None value to a just-started {}",
                gen.kind.name()
            )));
        }
        State::Running => {
            return Err(vm.new_value_error(format!("{} already executing", gen.kind.name())));
        }
        State::Finished => {
            if gen.kind == Kind::Coroutine {
                return Err(vm.new_runtime_error("cannot reuse already awaited coroutine"));
            }
            return match throw {
                Some(e) => Err(e),
                None => Ok(Sent::Returned(vm.none.clone())),
            };
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
    let frame = frame_ptr(g);
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
    // The generator handles its own exceptions; what its resumer handles
    // goes on the chain `sys.exc_info()` falls back to.
    let own = gen.handled.borrow_mut().take();
    let resumer = vm.thread.handled.replace(own);
    vm.thread.outer_handled.borrow_mut().push(resumer);
    // SAFETY: as above.
    let result = unsafe { crate::eval::eval_frame_with(vm, frame, throw) };
    // SAFETY: the frame memory is the generator's; `suspended` is a plain
    // flag that stays readable after the frame was cleared. A suspended
    // frame has no caller until it is resumed again.
    let suspended = unsafe {
        let suspended = (*frame).suspended;
        if suspended {
            (*frame).previous = std::ptr::null_mut();
        }
        suspended
    };
    let resumer = vm.thread.outer_handled.borrow_mut().pop().flatten();
    let inner = vm.thread.handled.replace(resumer);
    if suspended {
        *gen.handled.borrow_mut() = inner;
        gen.state.set(State::Suspended);
    } else {
        gen.state.set(State::Finished);
    }
    match result {
        Ok(v) if suspended => Ok(Sent::Yielded(v)),
        Ok(v) => Ok(Sent::Returned(v)),
        Err(e) => Err(escaped_error(vm, gen.kind, e)),
    }
}

/// PEP 479 and PEP 525: a StopIteration escaping a generator, or a
/// StopAsyncIteration escaping an async generator, becomes a
/// RuntimeError.
fn escaped_error(vm: &Vm, kind: Kind, e: PyErr) -> PyErr {
    let stop_async =
        kind == Kind::AsyncGenerator && e.matches(vm, &vm.exceptions.stop_async_iteration);
    let message = if e.matches(vm, &vm.exceptions.stop_iteration) {
        format!("{} raised StopIteration", kind.name())
    } else if stop_async {
        "async generator raised StopAsyncIteration".to_string()
    } else {
        return e;
    };
    let error = vm.new_runtime_error(message);
    crate::exceptions::chain_from_cause(&error, e);
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
    let frame = frame_ptr(g);
    // SAFETY: a suspended generator's frame is live; `next_instr` is an
    // index into its code, and the stack holds `stacktop` slots.
    unsafe {
        let code = (*frame).code_payload();
        let next = code.instructions.get((*frame).next_instr)?.get();
        if (next & 0xff) as u8 != Opcode::RESUME as u8 || (next >> 8) < 2 {
            return None;
        }
        let slots = Frame::localsplus(frame);
        (*slots.add((*frame).stacktop - 1)).clone()
    }
}

/// SEND and `yield from`: sends `value` into `receiver`
/// (`PyIter_Send`).
pub fn send(vm: &Vm, receiver: &Object, value: Object) -> PyResult<Sent> {
    match kind_of(receiver) {
        Some(Kind::Generator | Kind::Coroutine) => return resume(vm, receiver, value, None),
        Some(Kind::AsyncGenerator) => {}
        None => {
            if let Some(sent) = crate::objects::async_generator::send(vm, receiver, &value) {
                return sent;
            }
        }
    }
    let iternext = vm.type_payload_of(receiver).slots.iternext.get();
    let result = match iternext {
        Some(next) if vm.is_none(&value) => match next(vm, receiver) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => return Ok(Sent::Returned(vm.none.clone())),
            Err(e) => Err(e),
        },
        _ => vm.call_method(receiver, "send", &[value]),
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
pub fn stop_iteration_value(vm: &Vm, e: &PyErr) -> Object {
    let args = crate::exceptions::args_of(&e.0);
    crate::objects::tuple::tuple_items(&args)
        .and_then(|a| a.first().cloned())
        .unwrap_or_else(|| vm.none.clone())
}

/// Runs `f` with the generator marked running, as CPython does while it
/// hands an exception or a close to the generator's delegate.
fn while_running<T>(g: &Object, f: impl FnOnce() -> T) -> T {
    let gen = payload(g);
    let state = gen.state.replace(State::Running);
    let result = f();
    gen.state.set(state);
    result
}

/// Whether the first argument of `throw` is, or is an instance of, a
/// subclass of `ty` (`PyErr_GivenExceptionMatches`).
fn given_matches(vm: &Vm, given: &Object, ty: &Object) -> bool {
    if given.payload::<crate::typeobject::TypeObject>().is_some() {
        crate::typeobject::is_subtype(given, ty)
    } else {
        vm.is_instance(given, ty)
    }
}

/// `g.throw(typ[, val[, tb]])`: the arguments go as they are to the
/// delegate if the generator is in a `yield from`, else they make the
/// exception raised at its yield (`_gen_throw`). GeneratorExit closes
/// the delegate instead, unless `close_on_exit` is false (an async
/// generator's `athrow`, whose awaits must still run).
pub fn throw(vm: &Vm, g: &Object, args: &[Object], close_on_exit: bool) -> PyResult<Sent> {
    if let Some(d) = delegate(g) {
        if close_on_exit && given_matches(vm, &args[0], &vm.exceptions.generator_exit) {
            return match while_running(g, || close_iter(vm, &d)) {
                Ok(()) => throw_here(vm, g, args),
                Err(e) => resume(vm, g, vm.none.clone(), Some(e)),
            };
        }
        let delegated = match kind_of(&d) {
            Some(Kind::Generator | Kind::Coroutine) => {
                // The delegate's frame is called from this one's, for
                // its `f_back` and its traceback.
                let frame = frame_ptr(g);
                let caller = vm.thread.frame.get();
                // SAFETY: the generator is suspended, so its frame is live
                // and can stand in the thread's chain while the delegate
                // runs.
                unsafe { (*frame).previous = caller };
                vm.thread.frame.set(frame);
                let r = while_running(g, || throw(vm, &d, args, close_on_exit));
                vm.thread.frame.set(caller);
                // SAFETY: as above.
                unsafe { (*frame).previous = std::ptr::null_mut() };
                r
            }
            _ => match vm.getattr_opt(&d, &vm.intern("throw"))? {
                Some(t) => while_running(g, || match vm.call(&t, Args::positional_only(args)) {
                    Ok(v) => Ok(Sent::Yielded(v)),
                    Err(e) if e.matches(vm, &vm.exceptions.stop_iteration) => {
                        Ok(Sent::Returned(stop_iteration_value(vm, &e)))
                    }
                    Err(e) => Err(e),
                }),
                None => return throw_here(vm, g, args),
            },
        };
        return match delegated {
            Ok(Sent::Yielded(v)) => Ok(Sent::Yielded(v)),
            Ok(Sent::Returned(v)) => {
                // The delegate is done: the generator goes on after its
                // SEND loop with the delegate's return value.
                finish_delegation(g);
                resume(vm, g, v, None)
            }
            Err(e) => {
                finish_delegation(g);
                resume(vm, g, vm.none.clone(), Some(e))
            }
        };
    }
    throw_here(vm, g, args)
}

/// Raises the exception `throw`'s arguments make at the generator's
/// yield; bad arguments are the caller's error.
fn throw_here(vm: &Vm, g: &Object, args: &[Object]) -> PyResult<Sent> {
    let exc = throw_argument(vm, args)?;
    resume(vm, g, vm.none.clone(), Some(exc))
}

/// Moves a suspended generator past the SEND loop of its `yield from`,
/// dropping the delegate, so that it resumes with the delegate's result
/// or raises the delegate's error at the loop's last instruction.
fn finish_delegation(g: &Object) {
    let frame = frame_ptr(g);
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
                let target = i + 1 + usize::from(unit >> 8);
                (*frame).next_instr = target;
                (*frame).lasti = target - 1;
                break;
            }
        }
        let slots = Frame::localsplus(frame);
        (*frame).stacktop -= 1;
        std::ptr::drop_in_place(slots.add((*frame).stacktop));
    }
}

/// Closes a delegate: a generator or coroutine directly, anything else
/// by its `close` method if it has one (`gen_close_iter`).
fn close_iter(vm: &Vm, d: &Object) -> PyResult<()> {
    if matches!(kind_of(d), Some(Kind::Generator | Kind::Coroutine)) {
        return close(vm, d);
    }
    if let Some(c) = vm.getattr_opt(d, &vm.intern("close"))? {
        vm.call(&c, Args::positional_only(&[]))?;
    }
    Ok(())
}

/// `g.close()`: GeneratorExit at the yield; the generator must not yield
/// again (`gen_close`).
pub fn close(vm: &Vm, g: &Object) -> PyResult<()> {
    let gen = payload(g);
    match gen.state.get() {
        State::Finished => return Ok(()),
        State::Created => {
            gen.state.set(State::Finished);
            // SAFETY: a created generator's frame is live and not running.
            unsafe { crate::frame::clear(frame_ptr(g)) };
            return Ok(());
        }
        _ => {}
    }
    let exit = vm.exceptions.generator_exit.clone();
    match throw(vm, g, std::slice::from_ref(&exit), true) {
        Ok(Sent::Yielded(_)) => {
            Err(vm.new_runtime_error(format!("{} ignored GeneratorExit", gen.kind.name())))
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

/// Finishes a suspended generator whose frame is being cleared
/// (`_PyGen_Finalize`): closes it, except a coroutine never started.
pub fn finalize(vm: &Vm, g: &Object) {
    let gen = payload(g);
    if gen.state.get() == State::Finished
        || (gen.kind == Kind::Coroutine && gen.state.get() == State::Created)
    {
        return;
    }
    // CPython reports an error here as unraisable and goes on; so does
    // the caller, which only wanted the frame cleared.
    drop(close(vm, g));
}

/// The exception `throw(typ[, val[, tb]])` raises (`_gen_throw`'s
/// checks and normalization).
fn throw_argument(vm: &Vm, args: &[Object]) -> PyResult<PyErr> {
    let typ = &args[0];
    let value = args.get(1).filter(|v| !vm.is_none(v));
    let tb = args.get(2).filter(|v| !vm.is_none(v));
    if tb.is_some_and(|t| !vm.type_of(t).is(&vm.types.traceback)) {
        return Err(vm.new_type_error("throw() third argument must be a traceback object"));
    }
    let exc = if typ.payload::<crate::typeobject::TypeObject>().is_some()
        && crate::typeobject::is_subtype(typ, &vm.exceptions.base_exception)
    {
        match value {
            Some(v) if vm.is_instance(v, typ) => v.clone(),
            Some(v) => match crate::objects::tuple::tuple_items(v) {
                Some(items) => vm.call(typ, Args::positional_only(items))?,
                None => vm.call(typ, Args::positional_only(std::slice::from_ref(v)))?,
            },
            None => vm.call(typ, Args::positional_only(&[]))?,
        }
    } else if crate::exceptions::exception_payload(typ).is_some() {
        if value.is_some() {
            return Err(vm.new_type_error("instance exception may not have a separate value"));
        }
        typ.clone()
    } else {
        return Err(vm.new_type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {}",
            vm.type_name(typ)
        )));
    };
    if let (Some(tb), Some(p)) = (tb, crate::exceptions::exception_payload(&exc)) {
        *p.traceback.borrow_mut() = Some(tb.clone());
    }
    Ok(PyErr(exc))
}

/// GET_AWAITABLE: the iterator `await v` drives (`_PyCoro_GetAwaitableIter`).
pub fn awaitable_iter(vm: &Vm, v: &Object) -> PyResult {
    if kind_of(v) == Some(Kind::Coroutine) || is_iterable_coroutine(v) {
        return Ok(v.clone());
    }
    let Some(await_method) = vm.lookup_special(v, &vm.names.__await__)? else {
        return Err(vm.new_type_error(format!(
            "object {} can't be used in 'await' expression",
            vm.type_name(v)
        )));
    };
    let it = vm.call(&await_method, Args::positional_only(&[]))?;
    if kind_of(&it) == Some(Kind::Coroutine) || is_iterable_coroutine(&it) {
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

/// GET_AWAITABLE with its argument: where the awaitable came from (0 an
/// `await`, 1 `__aenter__`, 2 `__aexit__`), for the error message; a
/// coroutine already being awaited cannot be awaited again.
pub fn get_awaitable(vm: &Vm, v: &Object, where_: u32) -> PyResult {
    let it = match awaitable_iter(vm, v) {
        Ok(it) => it,
        Err(e) => {
            if where_ != 0 && vm.lookup_special(v, &vm.names.__await__)?.is_none() {
                let method = if where_ == 1 {
                    "__aenter__"
                } else {
                    "__aexit__"
                };
                return Err(vm.new_type_error(format!(
                    "'async with' received an object from {method} that does not implement __await__: {}",
                    vm.type_name(v)
                )));
            }
            return Err(e);
        }
    };
    if kind_of(&it) == Some(Kind::Coroutine) && delegate(&it).is_some() {
        return Err(vm.new_runtime_error("coroutine is being awaited already"));
    }
    Ok(it)
}

/// The StopIteration that ends a `send` returning `v`.
pub fn stop_iteration_with(vm: &Vm, v: Object) -> PyErr {
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

/// What `send` and `throw` give to Python: a yielded value, or the
/// StopIteration carrying the return value.
pub fn sent_to_result(vm: &Vm, sent: Sent) -> PyResult {
    match sent {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(stop_iteration_with(vm, v)),
    }
}

/// `next(g)` (`gen_iternext`): the end without a value is not an error.
fn iternext(vm: &Vm, g: &Object) -> PyResult<Option<Object>> {
    match resume(vm, g, vm.none.clone(), None)? {
        Sent::Yielded(v) => Ok(Some(v)),
        Sent::Returned(v) if vm.is_none(&v) => Ok(None),
        // `next()` shows the return value; a for loop drops it, as
        // `Vm::next` turns this StopIteration into the end.
        Sent::Returned(v) => Err(stop_iteration_with(vm, v)),
    }
}

/// Checks the arguments of a method shared by the generator types,
/// whose error messages name the receiver's type; the name is only made
/// when the count is wrong, as `send` is called in loops.
fn check_method_arity(vm: &Vm, args: Args, name: &str, count: usize) -> PyResult<()> {
    if args.values.len() == count && !args.has_keywords() {
        return Ok(());
    }
    let name = format!("{}.{name}", vm.type_name(&args.values[0]));
    crate::objects::function::check_arity(vm, &name, args, count, count)
}

fn method_send(vm: &Vm, args: Args) -> PyResult {
    check_method_arity(vm, args, "send", 2)?;
    sent_to_result(
        vm,
        resume(vm, &args.values[0], args.values[1].clone(), None)?,
    )
}

fn method_throw(vm: &Vm, args: Args) -> PyResult {
    crate::objects::function::check_arity(vm, "throw", args, 2, 4)?;
    sent_to_result(vm, throw(vm, &args.values[0], &args.values[1..], true)?)
}

fn method_close(vm: &Vm, args: Args) -> PyResult {
    check_method_arity(vm, args, "close", 1)?;
    close(vm, &args.values[0])?;
    Ok(vm.none.clone())
}

/// The getter of `gi_frame`, `cr_frame` and `ag_frame`.
fn get_frame(vm: &Vm, g: &Object) -> PyResult {
    if is_finished(g) {
        return Ok(vm.none.clone());
    }
    // SAFETY: an unfinished generator's frame is live.
    Ok(unsafe { crate::objects::frame::frame_object(vm, frame_ptr(g)) })
}

fn set_name(vm: &Vm, g: &Object, value: Option<&Object>, qualname: bool) -> PyResult<()> {
    let attr = if qualname { "__qualname__" } else { "__name__" };
    match value {
        Some(v) if v.payload::<StrObject>().is_some() => {
            let p = payload(g);
            let slot = if qualname { &p.qualname } else { &p.name };
            let old = slot.replace(v.clone());
            drop(old);
            Ok(())
        }
        _ => Err(vm.new_type_error(format!("{attr} must be set to a string object"))),
    }
}

/// The payload of a `coroutine_wrapper`: the iterator `coro.__await__()`
/// gives, which drives its coroutine.
#[derive(krait_derive::Traverse)]
pub struct CoroutineWrapper {
    coroutine: Object,
}

fn wrapped(w: &Object) -> &Object {
    &w.payload::<CoroutineWrapper>()
        .expect("a coroutine_wrapper")
        .coroutine
}

fn init_coroutine_wrapper(vm: &Vm) {
    let ty = &vm.types.coroutine_wrapper;
    let tp = type_payload(ty);
    tp.slots.iter.set(Some(|_, w| Ok(w.clone())));
    tp.slots
        .iternext
        .set(Some(|vm, w| iternext(vm, wrapped(w))));
    crate::objects::function::add_methods(
        vm,
        ty,
        &[
            ("send", |vm, args| {
                crate::objects::function::check_arity(vm, "coroutine_wrapper.send", args, 2, 2)?;
                let coro = wrapped(&args.values[0]);
                sent_to_result(vm, resume(vm, coro, args.values[1].clone(), None)?)
            }),
            ("throw", |vm, args| {
                crate::objects::function::check_arity(vm, "throw", args, 2, 4)?;
                let coro = wrapped(&args.values[0]);
                sent_to_result(vm, throw(vm, coro, &args.values[1..], true)?)
            }),
            ("close", |vm, args| {
                crate::objects::function::check_arity(vm, "coroutine_wrapper.close", args, 1, 1)?;
                close(vm, wrapped(&args.values[0]))?;
                Ok(vm.none.clone())
            }),
        ],
    );
    crate::slots::add_slot_wrappers(vm, ty);
}

pub(crate) fn init(vm: &Vm) {
    let kinds = [
        (&vm.types.generator, "gi"),
        (&vm.types.coroutine, "cr"),
        (&vm.types.async_generator, "ag"),
    ];
    for (ty, prefix) in kinds {
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
                type_payload(vm.type_of(g)).name(),
                as_rust_str(&payload(g).qualname.borrow()),
                g.id()
            )))
        }));
        let getset = |name, get, set| crate::objects::descr::add_getset(vm, ty, name, get, set);
        getset(
            "__name__",
            |_, g| Ok(payload(g).name.borrow().clone()),
            Some(|vm, g, v| set_name(vm, g, v, false)),
        );
        getset(
            "__qualname__",
            |_, g| Ok(payload(g).qualname.borrow().clone()),
            Some(|vm, g, v| set_name(vm, g, v, true)),
        );
        let names: [&'static str; 3] = match prefix {
            "gi" => ["gi_code", "gi_frame", "gi_yieldfrom"],
            "cr" => ["cr_code", "cr_frame", "cr_await"],
            _ => ["ag_code", "ag_frame", "ag_await"],
        };
        // The code is a read-only member in CPython, the rest getsets.
        getset(
            names[0],
            |_, g| Ok(payload(g).code.clone()),
            Some(crate::objects::sequence::readonly_member),
        );
        getset(names[1], get_frame, None);
        getset(
            names[2],
            |vm, g| Ok(delegate(g).unwrap_or_else(|| vm.none.clone())),
            None,
        );
        if prefix != "ag" {
            let running = if prefix == "gi" {
                "gi_running"
            } else {
                "cr_running"
            };
            getset(running, |vm, g| Ok(vm.new_bool(is_running(g))), None);
            let suspended = if prefix == "gi" {
                "gi_suspended"
            } else {
                "cr_suspended"
            };
            getset(
                suspended,
                |vm, g| Ok(vm.new_bool(payload(g).state.get() == State::Suspended)),
                None,
            );
            crate::objects::function::add_methods(
                vm,
                ty,
                &[
                    ("send", method_send),
                    ("throw", method_throw),
                    ("close", method_close),
                ],
            );
        }
    }
    crate::objects::descr::add_getset(
        vm,
        &vm.types.coroutine,
        "cr_origin",
        |vm, _| Ok(vm.none.clone()),
        Some(crate::objects::sequence::readonly_member),
    );
    crate::objects::function::add_methods(
        vm,
        &vm.types.coroutine,
        &[("__await__", |vm, args| {
            crate::objects::function::check_arity(vm, "__await__", args, 1, 1)?;
            Ok(object::alloc(
                &vm.types.coroutine_wrapper,
                CoroutineWrapper {
                    coroutine: args.values[0].clone(),
                },
            ))
        })],
    );
    let tp = type_payload(&vm.types.generator);
    tp.slots.iter.set(Some(|_, g| Ok(g.clone())));
    tp.slots.iternext.set(Some(iternext));
    init_coroutine_wrapper(vm);
    for (ty, _) in kinds {
        crate::slots::add_slot_wrappers(vm, ty);
    }
}
