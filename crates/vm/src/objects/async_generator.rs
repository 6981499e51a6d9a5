//! Async generators' awaitables (the second half of
//! Objects/genobject.c, PEP 525).
//!
//! An async generator's frame yields two kinds of values: what its
//! `await`s pass up to the event loop, as they are, and its own
//! `yield`s, which ASYNC_GEN_WRAP has wrapped. `__anext__()` and
//! `asend(v)` give an `async_generator_asend` awaitable, `athrow(...)`
//! and `aclose()` an `async_generator_athrow`; each drives the
//! generator, passes the unwrapped values through and ends, with
//! StopIteration carrying the value, at a wrapped one. The generator's
//! end is StopAsyncIteration. An awaitable is used once: it starts
//! (Init), runs (Iter) and is done (Closed).

use crate::errors::{PyErr, PyResult};
use crate::object::{self, type_payload, Object};
use crate::objects::function::check_arity;
use crate::objects::generator::{self as gen, GeneratorObject, Sent};
use crate::vm::Vm;
use std::cell::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AwaitableState {
    Init,
    Iter,
    Closed,
}

/// The payload of `async_generator_asend`: one `__anext__()` or
/// `asend(v)`.
#[derive(krait_derive::Traverse)]
pub struct ASend {
    generator: Object,
    /// What the first send sends; None for `__anext__()`.
    sendval: Option<Object>,
    #[traverse(skip)]
    state: Cell<AwaitableState>,
}

/// The payload of `async_generator_athrow`: one `athrow(...)` or
/// `aclose()`.
#[derive(krait_derive::Traverse)]
pub struct AThrow {
    generator: Object,
    /// `athrow`'s arguments; None for `aclose()`.
    args: Option<Vec<Object>>,
    #[traverse(skip)]
    state: Cell<AwaitableState>,
}

/// The payload of `async_generator_wrapped_value`: a value an async
/// generator yields, as its frame gives it to the awaitable.
#[derive(krait_derive::Traverse)]
pub struct WrappedValue {
    value: Object,
}

/// ASYNC_GEN_WRAP.
pub fn wrap(vm: &Vm, value: Object) -> Object {
    object::alloc(
        &vm.types.async_generator_wrapped_value,
        WrappedValue { value },
    )
}

fn is_wrapped(v: &Object) -> bool {
    v.payload::<WrappedValue>().is_some()
}

const IGNORED_EXIT: &str = "async generator ignored GeneratorExit";

/// What a step of the generator means to its awaitable
/// (`async_gen_unwrap_value`): a wrapped value ends the awaitable with
/// it, the generator's end is StopAsyncIteration, and either marks the
/// generator as no longer driven.
fn unwrap(vm: &Vm, g: &GeneratorObject, step: PyResult<Sent>) -> PyResult<Sent> {
    match step {
        Ok(Sent::Yielded(v)) => match v.payload::<WrappedValue>() {
            Some(w) => {
                g.ag_running_async.set(false);
                Ok(Sent::Returned(w.value.clone()))
            }
            None => Ok(Sent::Yielded(v)),
        },
        Ok(Sent::Returned(_)) => {
            g.ag_closed.set(true);
            g.ag_running_async.set(false);
            Err(vm.new_exception_empty(&vm.exceptions.stop_async_iteration))
        }
        Err(e) => {
            if e.matches(vm, &vm.exceptions.stop_async_iteration)
                || e.matches(vm, &vm.exceptions.generator_exit)
            {
                g.ag_closed.set(true);
            }
            g.ag_running_async.set(false);
            Err(e)
        }
    }
}

fn asend_payload(o: &Object) -> &ASend {
    o.payload::<ASend>().expect("an async_generator_asend")
}

fn athrow_payload(o: &Object) -> &AThrow {
    o.payload::<AThrow>().expect("an async_generator_athrow")
}

/// Sets a finished step's awaitable to Closed.
fn closing_on_end(state: &Cell<AwaitableState>, r: PyResult<Sent>) -> PyResult<Sent> {
    if !matches!(r, Ok(Sent::Yielded(_))) {
        state.set(AwaitableState::Closed);
    }
    r
}

/// `asend.send(arg)`, and its `__next__` with None
/// (`async_gen_asend_send`).
fn asend_send(vm: &Vm, o: &Object, arg: &Object) -> PyResult<Sent> {
    let a = asend_payload(o);
    let g = gen::payload(&a.generator);
    let mut arg = arg.clone();
    match a.state.get() {
        AwaitableState::Closed => {
            return Err(vm.new_runtime_error("cannot reuse already awaited __anext__()/asend()"))
        }
        AwaitableState::Init => {
            if g.ag_running_async.get() {
                return Err(
                    vm.new_runtime_error("anext(): asynchronous generator is already running")
                );
            }
            if vm.is_none(&arg) {
                if let Some(v) = &a.sendval {
                    arg = v.clone();
                }
            }
            a.state.set(AwaitableState::Iter);
        }
        AwaitableState::Iter => {}
    }
    g.ag_running_async.set(true);
    let step = gen::resume(vm, &a.generator, arg, None);
    closing_on_end(&a.state, unwrap(vm, g, step))
}

/// `asend.throw(...)` (`async_gen_asend_throw`).
fn asend_throw(vm: &Vm, o: &Object, args: &[Object]) -> PyResult<Sent> {
    let a = asend_payload(o);
    if a.state.get() == AwaitableState::Closed {
        return Err(vm.new_runtime_error("cannot reuse already awaited __anext__()/asend()"));
    }
    let step = gen::throw(vm, &a.generator, args, true);
    closing_on_end(&a.state, unwrap(vm, gen::payload(&a.generator), step))
}

/// Checks the number of `athrow`'s arguments, which it takes as they
/// are and unpacks at its first step.
fn check_athrow_arity(vm: &Vm, args: &[Object]) -> PyResult<()> {
    match args.len() {
        0 => Err(vm.new_type_error("athrow expected at least 1 argument, got 0")),
        1..=3 => Ok(()),
        n => Err(vm.new_type_error(format!("athrow expected at most 3 arguments, got {n}"))),
    }
}

/// The end of an `athrow` or `aclose` step that raised
/// (`check_error`): `aclose()` ends quietly when the generator stopped.
fn athrow_error(vm: &Vm, t: &AThrow, e: PyErr) -> PyResult<Sent> {
    gen::payload(&t.generator).ag_running_async.set(false);
    t.state.set(AwaitableState::Closed);
    if t.args.is_none()
        && (e.matches(vm, &vm.exceptions.stop_async_iteration)
            || e.matches(vm, &vm.exceptions.generator_exit))
    {
        return Ok(Sent::Returned(vm.none.clone()));
    }
    Err(e)
}

/// An `aclose()` step: the generator may only stop or await; yielding a
/// value is ignoring the GeneratorExit.
fn aclose_step(vm: &Vm, t: &AThrow, step: PyResult<Sent>) -> PyResult<Sent> {
    match step {
        Ok(Sent::Yielded(v)) if is_wrapped(&v) => {
            gen::payload(&t.generator).ag_running_async.set(false);
            t.state.set(AwaitableState::Closed);
            Err(vm.new_runtime_error(IGNORED_EXIT))
        }
        Ok(Sent::Yielded(v)) => Ok(Sent::Yielded(v)),
        Ok(Sent::Returned(_)) => athrow_error(
            vm,
            t,
            vm.new_exception_empty(&vm.exceptions.stop_async_iteration),
        ),
        Err(e) => athrow_error(vm, t, e),
    }
}

/// `athrow.send(arg)`, and its `__next__` with None
/// (`async_gen_athrow_send`).
fn athrow_send(vm: &Vm, o: &Object, arg: &Object) -> PyResult<Sent> {
    let t = athrow_payload(o);
    let g = gen::payload(&t.generator);
    if t.state.get() == AwaitableState::Closed {
        return Err(vm.new_runtime_error("cannot reuse already awaited aclose()/athrow()"));
    }
    if gen::is_finished(&t.generator) {
        t.state.set(AwaitableState::Closed);
        return Ok(Sent::Returned(vm.none.clone()));
    }
    if t.state.get() == AwaitableState::Init {
        if g.ag_running_async.get() {
            t.state.set(AwaitableState::Closed);
            let which = if t.args.is_none() { "aclose" } else { "athrow" };
            return Err(vm.new_runtime_error(format!(
                "{which}(): asynchronous generator is already running"
            )));
        }
        if g.ag_closed.get() {
            t.state.set(AwaitableState::Closed);
            return Err(vm.new_exception_empty(&vm.exceptions.stop_async_iteration));
        }
        if !vm.is_none(arg) {
            return Err(
                vm.new_runtime_error("can't send non-None value to a just-started coroutine")
            );
        }
        t.state.set(AwaitableState::Iter);
        g.ag_running_async.set(true);
        return match &t.args {
            None => {
                g.ag_closed.set(true);
                let exit = vm.exceptions.generator_exit.clone();
                let step = gen::throw(vm, &t.generator, std::slice::from_ref(&exit), false);
                aclose_step(vm, t, step)
            }
            Some(args) => {
                check_athrow_arity(vm, args)?;
                let step = gen::throw(vm, &t.generator, args, false);
                match unwrap(vm, g, step) {
                    Ok(Sent::Yielded(v)) => Ok(Sent::Yielded(v)),
                    Ok(Sent::Returned(v)) => {
                        t.state.set(AwaitableState::Closed);
                        Ok(Sent::Returned(v))
                    }
                    Err(e) => athrow_error(vm, t, e),
                }
            }
        };
    }
    let step = gen::resume(vm, &t.generator, arg.clone(), None);
    match &t.args {
        Some(_) => unwrap(vm, g, step),
        None => aclose_step(vm, t, step),
    }
}

/// `athrow.throw(...)` (`async_gen_athrow_throw`).
fn athrow_throw(vm: &Vm, o: &Object, args: &[Object]) -> PyResult<Sent> {
    let t = athrow_payload(o);
    if t.state.get() == AwaitableState::Closed {
        return Err(vm.new_runtime_error("cannot reuse already awaited aclose()/athrow()"));
    }
    let step = gen::throw(vm, &t.generator, args, true);
    if t.args.is_some() {
        return unwrap(vm, gen::payload(&t.generator), step);
    }
    match step {
        Ok(Sent::Yielded(v)) if is_wrapped(&v) => {
            gen::payload(&t.generator).ag_running_async.set(false);
            t.state.set(AwaitableState::Closed);
            Err(vm.new_runtime_error(IGNORED_EXIT))
        }
        Err(e)
            if e.matches(vm, &vm.exceptions.stop_async_iteration)
                || e.matches(vm, &vm.exceptions.generator_exit) =>
        {
            Ok(Sent::Returned(vm.none.clone()))
        }
        Ok(Sent::Returned(_)) => Ok(Sent::Returned(vm.none.clone())),
        other => other,
    }
}

/// SEND into an async generator's awaitable, without going through its
/// `send` method; None when `receiver` is not one.
pub fn send(vm: &Vm, receiver: &Object, value: &Object) -> Option<PyResult<Sent>> {
    if receiver.payload::<ASend>().is_some() {
        Some(asend_send(vm, receiver, value))
    } else if receiver.payload::<AThrow>().is_some() {
        Some(athrow_send(vm, receiver, value))
    } else {
        None
    }
}

/// `ag.__anext__()`, and GET_ANEXT on an async generator.
pub fn anext(vm: &Vm, g: &Object) -> Object {
    object::alloc(
        &vm.types.async_generator_asend,
        ASend {
            generator: g.clone(),
            sendval: None,
            state: Cell::new(AwaitableState::Init),
        },
    )
}

fn new_athrow(vm: &Vm, g: &Object, args: Option<Vec<Object>>) -> Object {
    object::alloc(
        &vm.types.async_generator_athrow,
        AThrow {
            generator: g.clone(),
            args,
            state: Cell::new(AwaitableState::Init),
        },
    )
}

fn init_async_generator(vm: &Vm) {
    let ty = &vm.types.async_generator;
    crate::objects::function::add_methods(
        vm,
        ty,
        &[
            ("__aiter__", |vm, args| {
                check_arity(vm, "__aiter__", args, 1, 1)?;
                Ok(args.values[0].clone())
            }),
            ("__anext__", |vm, args| {
                check_arity(vm, "__anext__", args, 1, 1)?;
                Ok(anext(vm, &args.values[0]))
            }),
            ("asend", |vm, args| {
                check_arity(vm, "async_generator.asend", args, 2, 2)?;
                Ok(object::alloc(
                    &vm.types.async_generator_asend,
                    ASend {
                        generator: args.values[0].clone(),
                        sendval: Some(args.values[1].clone()),
                        state: Cell::new(AwaitableState::Init),
                    },
                ))
            }),
            ("athrow", |vm, args| {
                if args.has_keywords() {
                    return Err(
                        vm.new_type_error("async_generator.athrow() takes no keyword arguments")
                    );
                }
                Ok(new_athrow(
                    vm,
                    &args.values[0],
                    Some(args.values[1..].to_vec()),
                ))
            }),
            ("aclose", |vm, args| {
                check_arity(vm, "async_generator.aclose", args, 1, 1)?;
                Ok(new_athrow(vm, &args.values[0], None))
            }),
        ],
    );
    crate::objects::descr::add_getset(
        vm,
        ty,
        "ag_running",
        |vm, g| Ok(vm.new_bool(gen::payload(g).ag_running_async.get())),
        Some(crate::objects::sequence::readonly_member),
    );
}

/// The methods the two awaitables share: `send`, `throw`, `close`,
/// `__await__`, and being their own iterator.
fn init_awaitable(
    vm: &Vm,
    ty: &Object,
    methods: &[(&'static str, crate::objects::function::NativeFn)],
) {
    let tp = type_payload(ty);
    tp.slots.iter.set(Some(|_, o| Ok(o.clone())));
    crate::objects::function::add_methods(vm, ty, methods);
    crate::objects::function::add_methods(
        vm,
        ty,
        &[("__await__", |vm, args| {
            check_arity(vm, "__await__", args, 1, 1)?;
            Ok(args.values[0].clone())
        })],
    );
    crate::slots::add_slot_wrappers(vm, ty);
}

/// `__next__` of an awaitable: a step with None sent in.
fn step_iternext(vm: &Vm, step: PyResult<Sent>) -> PyResult<Option<Object>> {
    match step? {
        Sent::Yielded(v) => Ok(Some(v)),
        Sent::Returned(v) => Err(gen::stop_iteration_with(vm, v)),
    }
}

pub(crate) fn init(vm: &Vm) {
    init_async_generator(vm);
    let asend = &vm.types.async_generator_asend;
    type_payload(asend)
        .slots
        .iternext
        .set(Some(|vm, o| step_iternext(vm, asend_send(vm, o, &vm.none))));
    init_awaitable(
        vm,
        asend,
        &[
            ("send", |vm, args| {
                check_arity(vm, "async_generator_asend.send", args, 2, 2)?;
                gen::sent_to_result(vm, asend_send(vm, &args.values[0], &args.values[1])?)
            }),
            ("throw", |vm, args| {
                check_arity(vm, "throw", args, 2, 4)?;
                gen::sent_to_result(vm, asend_throw(vm, &args.values[0], &args.values[1..])?)
            }),
            ("close", |vm, args| {
                check_arity(vm, "async_generator_asend.close", args, 1, 1)?;
                asend_payload(&args.values[0])
                    .state
                    .set(AwaitableState::Closed);
                Ok(vm.none.clone())
            }),
        ],
    );
    let athrow = &vm.types.async_generator_athrow;
    type_payload(athrow).slots.iternext.set(Some(|vm, o| {
        step_iternext(vm, athrow_send(vm, o, &vm.none))
    }));
    init_awaitable(
        vm,
        athrow,
        &[
            ("send", |vm, args| {
                check_arity(vm, "async_generator_athrow.send", args, 2, 2)?;
                gen::sent_to_result(vm, athrow_send(vm, &args.values[0], &args.values[1])?)
            }),
            ("throw", |vm, args| {
                check_arity(vm, "throw", args, 2, 4)?;
                gen::sent_to_result(vm, athrow_throw(vm, &args.values[0], &args.values[1..])?)
            }),
            ("close", |vm, args| {
                check_arity(vm, "async_generator_athrow.close", args, 1, 1)?;
                athrow_payload(&args.values[0])
                    .state
                    .set(AwaitableState::Closed);
                Ok(vm.none.clone())
            }),
        ],
    );
}
