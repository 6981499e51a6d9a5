//! `_thread` (Modules/_threadmodule.c), the part a single-threaded
//! interpreter can give truthfully: the current thread's identity and
//! the lock types, `lock` and `RLock`, which Lib's functools, reprlib
//! and the like use to guard their state. Starting threads needs the
//! interpreter lock of a later stage, so `start_new_thread` is not here
//! yet and `import threading` fails with an AttributeError.
//!
//! With one thread, a blocking acquire of a lock it already holds can
//! never succeed: it waits out its timeout, or forever, as CPython's
//! would.

use crate::errors::PyResult;
use crate::object::{type_payload, Object};
use crate::objects::function::{add_methods, check_arity};
use crate::typeobject::{Args, Layout};
use crate::vm::Vm;
use std::cell::Cell;
use std::time::Duration;

/// The largest timeout `acquire` takes, in seconds (`PY_TIMEOUT_MAX`).
const TIMEOUT_MAX: f64 = 9223372036.0;

/// The payload of `lock` and `RLock`: how many times the one thread holds
/// it (at most once for `lock`).
#[derive(krait_derive::Traverse)]
pub struct LockObject {
    #[traverse(skip)]
    count: Cell<u64>,
}

fn lock_of<'a>(vm: &Vm, o: &'a Object) -> PyResult<&'a LockObject> {
    o.payload::<LockObject>()
        .ok_or_else(|| vm.new_type_error("descriptor requires a lock object"))
}

/// The calling thread's identifier (`PyThread_get_thread_ident`).
fn thread_ident() -> i64 {
    // SAFETY: pthread_self cannot fail.
    (unsafe { libc::pthread_self() }) as i64
}

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    // CPython's RLock ignores any arguments.
    let new_lock: crate::typeobject::NewFn = |_, ty, _| {
        Ok(crate::object::alloc(
            ty,
            LockObject {
                count: Cell::new(0),
            },
        ))
    };
    let lock = super::new_type(vm, "_thread", "lock", Layout::Lock, 0, |tp| {
        tp.slots.repr.set(Some(|vm, o| {
            let state = if lock_of(vm, o)?.count.get() > 0 {
                "locked"
            } else {
                "unlocked"
            };
            Ok(vm.new_str(&format!("<{state} _thread.lock object at {:#x}>", o.id())))
        }));
    });
    // Locks come from `allocate_lock()`, not from the type.
    type_payload(&lock).slots.new.set(None);
    add_methods(
        vm,
        &lock,
        &[
            ("acquire", |vm, args| acquire(vm, args, false)),
            ("acquire_lock", |vm, args| acquire(vm, args, false)),
            ("__enter__", |vm, args| acquire(vm, args, false)),
            ("release", |vm, args| {
                release(vm, args, "release unlocked lock")
            }),
            ("release_lock", |vm, args| {
                release(vm, args, "release unlocked lock")
            }),
            ("__exit__", |vm, args| {
                release(
                    vm,
                    Args::positional_only(&args.values[..1]),
                    "release unlocked lock",
                )
            }),
            ("locked", |vm, args| {
                check_arity(vm, "locked", args, 1, 1)?;
                Ok(vm.new_bool(lock_of(vm, &args.values[0])?.count.get() > 0))
            }),
            ("locked_lock", |vm, args| {
                check_arity(vm, "locked_lock", args, 1, 1)?;
                Ok(vm.new_bool(lock_of(vm, &args.values[0])?.count.get() > 0))
            }),
        ],
    );
    let rlock = super::new_type(
        vm,
        "_thread",
        "RLock",
        Layout::Lock,
        crate::typeobject::flags::BASETYPE,
        |tp| {
            tp.slots.new.set(Some(new_lock));
            tp.slots.repr.set(Some(|vm, o| {
                let count = lock_of(vm, o)?.count.get();
                let state = if count > 0 { "locked" } else { "unlocked" };
                let owner = if count > 0 { thread_ident() } else { 0 };
                let name = type_payload(vm.type_of(o)).name();
                Ok(vm.new_str(&format!(
                    "<{state} _thread.{name} object owner={owner} count={count} at {:#x}>",
                    o.id()
                )))
            }));
        },
    );
    add_methods(
        vm,
        &rlock,
        &[
            ("acquire", |vm, args| acquire(vm, args, true)),
            ("__enter__", |vm, args| acquire(vm, args, true)),
            ("release", |vm, args| {
                release(vm, args, "cannot release un-acquired lock")
            }),
            ("__exit__", |vm, args| {
                release(
                    vm,
                    Args::positional_only(&args.values[..1]),
                    "cannot release un-acquired lock",
                )
            }),
            ("_is_owned", |vm, args| {
                check_arity(vm, "_is_owned", args, 1, 1)?;
                Ok(vm.new_bool(lock_of(vm, &args.values[0])?.count.get() > 0))
            }),
            ("_recursion_count", |vm, args| {
                check_arity(vm, "_recursion_count", args, 1, 1)?;
                Ok(vm.new_int(lock_of(vm, &args.values[0])?.count.get() as i64))
            }),
        ],
    );
    let set = |name: &str, value: Object| super::set_attr(vm, module, name, value);
    set("LockType", lock.clone());
    set("lock", lock);
    set("RLock", rlock);
    set("TIMEOUT_MAX", vm.new_float(TIMEOUT_MAX));
    set("error", vm.exceptions.runtime_error.clone());
    super::add_functions(
        vm,
        module,
        &[
            ("allocate_lock", |vm, args| {
                crate::objects::function::check_function_arity(vm, "allocate_lock", args, 0, 0)?;
                let module = crate::import::import_module(vm, "_thread")?;
                let lock = vm.getattr(&module, &vm.intern("lock"))?;
                Ok(crate::object::alloc(
                    &lock,
                    LockObject {
                        count: Cell::new(0),
                    },
                ))
            }),
            ("get_ident", |vm, args| {
                crate::objects::function::check_function_arity(vm, "get_ident", args, 0, 0)?;
                Ok(vm.new_int(thread_ident()))
            }),
            ("get_native_id", |vm, args| {
                crate::objects::function::check_function_arity(vm, "get_native_id", args, 0, 0)?;
                // SAFETY: gettid cannot fail.
                Ok(vm.new_int(unsafe { libc::gettid() }.into()))
            }),
            ("_count", |vm, args| {
                crate::objects::function::check_function_arity(vm, "_count", args, 0, 0)?;
                Ok(vm.new_int(0))
            }),
        ],
    );
    Ok(())
}

/// `acquire(blocking=True, timeout=-1)`; a reentrant lock counts its
/// holder's acquisitions.
fn acquire(vm: &Vm, args: Args, reentrant: bool) -> PyResult {
    let bound =
        crate::objects::getargs::bind(vm, "acquire", args, true, &["blocking", "timeout"], 0)?;
    let lock = lock_of(vm, &args.values[0])?;
    let blocking = match &bound[0] {
        Some(b) => vm.is_true(b)?,
        None => true,
    };
    let timeout = match &bound[1] {
        Some(t) => crate::objects::float::to_f64(vm, t)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(vm.new_value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.new_value_error("timeout value must be positive"));
    }
    if timeout > TIMEOUT_MAX {
        return Err(vm.new_overflow_error("timeout value is too large"));
    }
    let count = lock.count.get();
    if count == 0 || reentrant {
        lock.count.set(count + 1);
        return Ok(vm.true_.clone());
    }
    if blocking {
        crate::modules::io::flush_std_files(vm);
        if timeout < 0.0 {
            // Nothing else can release it: CPython's thread would wait forever.
            loop {
                std::thread::sleep(Duration::from_secs(3600));
            }
        }
        std::thread::sleep(Duration::from_secs_f64(timeout));
    }
    Ok(vm.false_.clone())
}

fn release(vm: &Vm, args: Args, message: &str) -> PyResult {
    check_arity(vm, "release", args, 1, 1)?;
    let lock = lock_of(vm, &args.values[0])?;
    let count = lock.count.get();
    if count == 0 {
        return Err(vm.new_runtime_error(message));
    }
    lock.count.set(count - 1);
    Ok(vm.none.clone())
}
