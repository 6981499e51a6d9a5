//! `_thread` (Modules/_threadmodule.c): starting OS threads that run
//! Python code, taking turns with the interpreter lock (`gil.rs`), and
//! the lock types `lock` and `RLock` that `threading` builds on.
//!
//! A lock is a mutex and a condition variable of its own: the count of
//! acquisitions and the owner sit behind the mutex, so that a thread
//! waiting for the lock, without the interpreter lock, is woken by the
//! thread that releases it.

use crate::errors::PyResult;
use crate::gil::GilBound;
use crate::object::{type_payload, Object};
use crate::objects::function::{add_methods, check_arity, check_function_arity};
use crate::objects::tuple::tuple_items;
use crate::pystate::{current_ident, ThreadState};
use crate::typeobject::{Args, Layout};
use crate::vm::Vm;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// The largest timeout `acquire` takes, in seconds (`threading.TIMEOUT_MAX`).
const TIMEOUT_MAX: f64 = 9223372036.0;

/// The longest wait a lock takes, in microseconds (`PY_TIMEOUT_MAX`).
const TIMEOUT_MAX_MICROSECONDS: i128 = (i64::MAX / 1000) as i128;

/// `acquire`'s timeout when none is given, in nanoseconds (-1 second).
const NO_TIMEOUT: i128 = -1_000_000_000;

/// The smallest stack `stack_size()` accepts (`THREAD_STACK_MIN`).
const STACK_MIN: i64 = 32768;

/// The native stack of a new thread when `stack_size()` gives none. It
/// is more than CPython's 8 MiB: Rust code that calls back into Python
/// (a `__repr__`, a key function) takes more stack per level.
const DEFAULT_STACK: usize = 32 << 20;

/// The least stack a thread is given whatever `stack_size()` says, so
/// that the eval loop has room to report RecursionError.
const LEAST_STACK: usize = 1 << 20;

/// The payload of `lock` and `RLock`.
#[derive(krait_derive::Traverse)]
pub struct LockObject {
    #[traverse(skip)]
    state: Mutex<LockState>,
    /// Signalled when the lock is released.
    #[traverse(skip)]
    released: Condvar,
}

/// How many times the lock is held (at most once for `lock`), and by
/// which thread.
#[derive(Default)]
struct LockState {
    count: u64,
    owner: i64,
}

impl LockObject {
    fn new() -> LockObject {
        LockObject {
            state: Mutex::new(LockState::default()),
            released: Condvar::new(),
        }
    }

    fn state(&self) -> MutexGuard<'_, LockState> {
        // Nothing panics while holding the mutex; a poisoned one is as good.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes the lock for `owner` if it is free.
    fn try_take(&self, owner: i64) -> bool {
        let mut state = self.state();
        if state.count > 0 {
            return false;
        }
        state.count = 1;
        state.owner = owner;
        true
    }

    /// Waits up to `timeout` (forever for None) for the lock to be free,
    /// and takes it for `owner`; false if the time ran out.
    fn wait_and_take(&self, owner: i64, timeout: Option<Duration>) -> bool {
        let deadline = timeout.and_then(|t| Instant::now().checked_add(t));
        let mut state = self.state();
        while state.count > 0 {
            state = match (timeout, deadline) {
                (Some(_), Some(deadline)) => {
                    let now = Instant::now();
                    if now >= deadline {
                        return false;
                    }
                    self.released
                        .wait_timeout(state, deadline - now)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0
                }
                _ => self
                    .released
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner),
            };
        }
        state.count = 1;
        state.owner = owner;
        true
    }

    /// Makes the lock free and wakes a thread waiting for it.
    fn free(&self, state: &mut LockState) {
        state.count = 0;
        state.owner = 0;
        self.released.notify_one();
    }
}

fn lock_of<'a>(vm: &Vm, o: &'a Object) -> PyResult<&'a LockObject> {
    o.payload::<LockObject>()
        .ok_or_else(|| vm.new_type_error("descriptor requires a lock object"))
}

/// `_thread._ExceptHookArgs`, what `threading.excepthook` is given.
static EXCEPT_HOOK_ARGS: crate::objects::structseq::StructSeqSpec =
    crate::objects::structseq::StructSeqSpec {
        name: "_thread._ExceptHookArgs",
        fields: &["exc_type", "exc_value", "exc_traceback", "thread"],
        n_sequence_fields: 4,
        instantiable: true,
    };

/// `_thread.LockType`, the type of `allocate_lock()`'s locks.
fn lock_type(vm: &Vm) -> PyResult<Object> {
    super::module_state(vm, "_thread.lock", |vm| Ok(new_lock_type(vm)))
}

fn new_lock_type(vm: &Vm) -> Object {
    let lock = super::new_type(vm, "_thread", "lock", Layout::Lock, 0, |tp| {
        tp.slots.repr.set(Some(|vm, o| {
            let state = if lock_of(vm, o)?.state().count > 0 {
                "locked"
            } else {
                "unlocked"
            };
            Ok(vm.new_str(&format!(
                "<{state} {} object at {:#x}>",
                vm.type_name(o),
                o.id()
            )))
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
                check_arity(vm, "release", args, 1, 1)?;
                release_lock(vm, &args.values[0])
            }),
            ("release_lock", |vm, args| {
                check_arity(vm, "release_lock", args, 1, 1)?;
                release_lock(vm, &args.values[0])
            }),
            ("__exit__", |vm, args| release_lock(vm, &args.values[0])),
            ("locked", |vm, args| {
                check_arity(vm, "locked", args, 1, 1)?;
                Ok(vm.new_bool(lock_of(vm, &args.values[0])?.state().count > 0))
            }),
            ("locked_lock", |vm, args| {
                check_arity(vm, "locked_lock", args, 1, 1)?;
                Ok(vm.new_bool(lock_of(vm, &args.values[0])?.state().count > 0))
            }),
            ("_at_fork_reinit", at_fork_reinit),
        ],
    );
    lock
}

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    // CPython's RLock ignores any arguments.
    let new_lock: crate::typeobject::NewFn =
        |_, ty, _| Ok(crate::object::alloc(ty, LockObject::new()));
    let rlock = super::new_type(
        vm,
        "_thread",
        "RLock",
        Layout::Lock,
        crate::typeobject::flags::BASETYPE,
        |tp| {
            tp.slots.new.set(Some(new_lock));
            tp.slots.repr.set(Some(|vm, o| {
                let (count, owner) = {
                    let state = lock_of(vm, o)?.state();
                    (state.count, state.owner)
                };
                let state = if count > 0 { "locked" } else { "unlocked" };
                Ok(vm.new_str(&format!(
                    "<{state} {} object owner={owner} count={count} at {:#x}>",
                    vm.type_name(o),
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
                check_arity(vm, "release", args, 1, 1)?;
                release_rlock(vm, &args.values[0])
            }),
            ("__exit__", |vm, args| release_rlock(vm, &args.values[0])),
            ("_is_owned", |vm, args| {
                check_arity(vm, "_is_owned", args, 1, 1)?;
                let state = lock_of(vm, &args.values[0])?.state();
                Ok(vm.new_bool(state.count > 0 && state.owner == current_ident()))
            }),
            ("_recursion_count", |vm, args| {
                check_arity(vm, "_recursion_count", args, 1, 1)?;
                let state = lock_of(vm, &args.values[0])?.state();
                let mine = state.owner == current_ident();
                Ok(vm.new_int(if mine { state.count as i64 } else { 0 }))
            }),
            ("_release_save", release_save),
            ("_acquire_restore", acquire_restore),
            ("_at_fork_reinit", at_fork_reinit),
        ],
    );
    let hook_args = crate::objects::structseq::new_type(vm, &EXCEPT_HOOK_ARGS)?;
    let set = |name: &str, value: Object| super::set_attr(vm, module, name, value);
    set("LockType", lock_type(vm)?);
    set("RLock", rlock);
    set("_ExceptHookArgs", hook_args);
    set("_local", super::thread_local::new_type(vm));
    set("TIMEOUT_MAX", vm.new_float(TIMEOUT_MAX));
    set("error", vm.exceptions.runtime_error.clone());
    super::add_functions(
        vm,
        module,
        &[
            ("allocate_lock", |vm, args| {
                allocate_lock(vm, args, "allocate_lock")
            }),
            ("allocate", |vm, args| allocate_lock(vm, args, "allocate")),
            ("start_new_thread", |vm, args| {
                start_new_thread(vm, args, "start_new_thread")
            }),
            ("start_new", |vm, args| {
                start_new_thread(vm, args, "start_new")
            }),
            ("get_ident", |vm, args| {
                check_function_arity(vm, "get_ident", args, 0, 0)?;
                Ok(vm.new_int(current_ident()))
            }),
            ("get_native_id", |vm, args| {
                check_function_arity(vm, "get_native_id", args, 0, 0)?;
                // SAFETY: gettid cannot fail.
                Ok(vm.new_int(unsafe { libc::gettid() }.into()))
            }),
            ("_count", |vm, args| {
                check_function_arity(vm, "_count", args, 0, 0)?;
                Ok(vm.new_int(vm.thread.started.get() as i64))
            }),
            ("_set_sentinel", set_sentinel),
            ("stack_size", stack_size),
            ("interrupt_main", interrupt_main),
            ("exit", |vm, args| exit(vm, args, "exit")),
            ("exit_thread", |vm, args| exit(vm, args, "exit_thread")),
            ("_excepthook", excepthook),
        ],
    );
    Ok(())
}

/// `allocate_lock()`: a new, unlocked `lock`.
fn allocate_lock(vm: &Vm, args: Args, name: &str) -> PyResult {
    check_function_arity(vm, name, args, 0, 0)?;
    Ok(crate::object::alloc(&lock_type(vm)?, LockObject::new()))
}

/// `acquire(blocking=True, timeout=-1)`; a reentrant lock counts its
/// owner's acquisitions. Waiting happens without the interpreter lock.
fn acquire(vm: &Vm, args: Args, reentrant: bool) -> PyResult {
    let bound =
        crate::objects::getargs::bind(vm, "acquire", args, true, &["blocking", "timeout"], 0)?;
    let lock = lock_of(vm, &args.values[0])?;
    let blocking = match &bound[0] {
        Some(b) => vm.is_true(b)?,
        None => true,
    };
    let timeout = match &bound[1] {
        Some(t) => super::time::duration_ns(vm, t)?,
        None => NO_TIMEOUT,
    };
    let wait = parse_timeout(vm, blocking, timeout)?;
    let me = current_ident();
    if reentrant {
        let mut state = lock.state();
        if state.count > 0 && state.owner == me {
            if state.count == u64::MAX {
                return Err(vm.new_overflow_error("Internal lock count overflowed"));
            }
            state.count += 1;
            return Ok(vm.true_.clone());
        }
    }
    Ok(vm.new_bool(take_lock(vm, lock, me, wait)))
}

/// How long `acquire` may wait: None for ever (`lock_acquire_parse_args`).
fn parse_timeout(vm: &Vm, blocking: bool, timeout: i128) -> PyResult<Option<Duration>> {
    if !blocking && timeout != NO_TIMEOUT {
        return Err(vm.new_value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0 && timeout != NO_TIMEOUT {
        return Err(vm.new_value_error("timeout value must be positive"));
    }
    if !blocking {
        return Ok(Some(Duration::ZERO));
    }
    if timeout == NO_TIMEOUT {
        return Ok(None);
    }
    let microseconds = (timeout + 999) / 1000;
    if microseconds > TIMEOUT_MAX_MICROSECONDS {
        return Err(vm.new_overflow_error("timeout value is too large"));
    }
    Ok(Some(Duration::from_micros(microseconds as u64)))
}

/// Takes `lock` for `owner`, at once if it is free, else waiting up to
/// `wait` without the interpreter lock (`acquire_timed`).
fn take_lock(vm: &Vm, lock: &LockObject, owner: i64, wait: Option<Duration>) -> bool {
    if lock.try_take(owner) {
        return true;
    }
    if wait == Some(Duration::ZERO) {
        return false;
    }
    vm.allow_threads(|| lock.wait_and_take(owner, wait))
}

/// `lock.release()`: any thread may release a `lock`.
fn release_lock(vm: &Vm, this: &Object) -> PyResult {
    let lock = lock_of(vm, this)?;
    let mut state = lock.state();
    if state.count == 0 {
        return Err(vm.new_runtime_error("release unlocked lock"));
    }
    lock.free(&mut state);
    Ok(vm.none.clone())
}

/// `RLock.release()`: only its owner may release an `RLock`.
fn release_rlock(vm: &Vm, this: &Object) -> PyResult {
    let lock = lock_of(vm, this)?;
    let mut state = lock.state();
    if state.count == 0 || state.owner != current_ident() {
        return Err(vm.new_runtime_error("cannot release un-acquired lock"));
    }
    state.count -= 1;
    if state.count == 0 {
        lock.free(&mut state);
    }
    Ok(vm.none.clone())
}

/// `RLock._release_save()`: releases the lock whatever its count, for
/// `threading.Condition.wait`, and gives `(count, owner)` back.
fn release_save(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "_release_save", args, 1, 1)?;
    let lock = lock_of(vm, &args.values[0])?;
    let mut state = lock.state();
    if state.count == 0 {
        return Err(vm.new_runtime_error("cannot release un-acquired lock"));
    }
    let saved = (state.count, state.owner);
    lock.free(&mut state);
    drop(state);
    Ok(vm.new_tuple(vec![vm.new_int(saved.0 as i64), vm.new_int(saved.1)]))
}

/// `RLock._acquire_restore((count, owner))`: waits for the lock and
/// takes it back with what `_release_save` gave.
fn acquire_restore(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "_acquire_restore", args, 2, 2)?;
    let lock = lock_of(vm, &args.values[0])?;
    let saved = &args.values[1];
    let (count, owner) = match tuple_items(saved) {
        Some([count, owner]) => (count, owner),
        _ => {
            return Err(vm.new_type_error(format!(
                "_acquire_restore() argument 1 must be 2-item sequence, not {}",
                vm.type_name(saved)
            )))
        }
    };
    let count = crate::objects::int::expect_index(vm, count)?;
    let owner = crate::objects::int::expect_index(vm, owner)?;
    take_lock(vm, lock, owner, None);
    lock.state().count = count as u64;
    Ok(vm.none.clone())
}

/// `_at_fork_reinit()`: the lock made free, whoever held it.
fn at_fork_reinit(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "_at_fork_reinit", args, 1, 1)?;
    let lock = lock_of(vm, &args.values[0])?;
    *lock.state() = LockState::default();
    Ok(vm.none.clone())
}

/// What a new thread runs (`struct bootstate`).
struct Boot {
    vm: *const Vm,
    gil: std::sync::Arc<crate::gil::Gil>,
    function: Object,
    args: Object,
    kwargs: Option<Object>,
    recursion_limit: usize,
    stack_size: usize,
}

/// `start_new_thread(function, args, kwargs={})`: runs `function` on a
/// new OS thread and gives the thread's identifier.
fn start_new_thread(vm: &Vm, args: Args, name: &str) -> PyResult {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("{name}() takes no keyword arguments")));
    }
    let given = args.values.len();
    if !(2..=3).contains(&given) {
        let (bound, n) = if given < 2 {
            ("at least", 2)
        } else {
            ("at most", 3)
        };
        return Err(vm.new_type_error(format!(
            "{name} expected {bound} {n} arguments, got {given}"
        )));
    }
    let function = &args.values[0];
    if vm.type_payload_of(function).slots.call.get().is_none() {
        return Err(vm.new_type_error("first arg must be callable"));
    }
    if !vm.is_instance(&args.values[1], &vm.types.tuple) {
        return Err(vm.new_type_error("2nd arg must be a tuple"));
    }
    let kwargs = args.values.get(2);
    if let Some(k) = kwargs {
        if !vm.is_instance(k, &vm.types.dict) {
            return Err(vm.new_type_error("optional 3rd arg must be a dictionary"));
        }
    }
    let stack_size = match vm.thread.stack_size.get() {
        0 => DEFAULT_STACK,
        size => size.max(LEAST_STACK),
    };
    let boot = GilBound(Boot {
        vm,
        gil: std::sync::Arc::clone(&vm.gil),
        function: function.clone(),
        args: args.values[1].clone(),
        kwargs: kwargs.cloned(),
        recursion_limit: vm.thread.recursion_limit.get(),
        stack_size,
    });
    vm.thread.started.set(vm.thread.started.get() + 1);
    let spawned = std::thread::Builder::new()
        .stack_size(stack_size)
        .spawn(move || run_thread(boot));
    match spawned {
        Ok(handle) => {
            use std::os::unix::thread::JoinHandleExt;
            let ident = handle.as_pthread_t() as i64;
            // Dropping the handle detaches the thread, as CPython's are:
            // its stack goes when it ends.
            drop(handle);
            Ok(vm.new_int(ident))
        }
        Err(_) => {
            vm.thread.started.set(vm.thread.started.get() - 1);
            Err(vm.new_runtime_error("can't start new thread"))
        }
    }
}

/// The body of a thread `start_new_thread` started (`thread_run`): it
/// takes the interpreter lock, calls the function, reports an exception
/// other than SystemExit as unraisable, and ends its state.
fn run_thread(boot: GilBound<Boot>) {
    let Boot {
        vm,
        gil,
        function,
        args,
        kwargs,
        recursion_limit,
        stack_size,
    } = boot.0;
    gil.take();
    // SAFETY: an interpreter finalizes before it goes away, and once it
    // does `take` never returns: holding the lock, the thread sees it
    // alive.
    let vm: &Vm = unsafe { &*vm };
    let state = Box::new(ThreadState::new(vm.thread.new_serial(), recursion_limit));
    state.set_stack_size(stack_size);
    // SAFETY: the thread holds the lock, and the state is its own, alive
    // until the thread releases the lock for the last time below.
    unsafe { vm.thread.set_current(&*state) };
    vm.thread.add(&state);
    let result = crate::call::call_with_unpacked(vm, &function, &args, kwargs.as_ref());
    if let Err(e) = result {
        if !e.matches(vm, &vm.exceptions.system_exit) {
            crate::unraisable::write_unraisable(
                vm,
                &e,
                Some(&function),
                Some("in thread started by"),
            );
        }
    }
    drop((function, args, kwargs));
    vm.thread.started.set(vm.thread.started.get() - 1);
    end_thread(vm, &state);
    vm.thread.remove(&state);
    drop(state);
    gil.release();
    crate::obmalloc::retire_thread();
}

/// What ends with a thread's state (`PyThreadState_Clear`,
/// `tstate_delete_common`): its thread-local attributes and what it was
/// handling go, and its sentinel
/// lock is released, so that `Thread.join()` returns.
fn end_thread(vm: &Vm, state: &ThreadState) {
    super::thread_local::end_thread(vm, state);
    drop(state.handled.take());
    drop(state.outer_handled.take());
    if let Some(sentinel) = state.sentinel.take() {
        if let Ok(lock) = lock_of(vm, &sentinel) {
            let mut s = lock.state();
            if s.count > 0 {
                lock.free(&mut s);
            }
        }
    }
}

/// `_set_sentinel()`: a lock that the calling thread's end releases.
fn set_sentinel(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "_set_sentinel", args, 0, 0)?;
    let lock = allocate_lock(vm, Args::positional_only(&[]), "_set_sentinel")?;
    drop(vm.thread.sentinel.replace(Some(lock.clone())));
    Ok(lock)
}

/// `stack_size([size])`: the stack size of threads started from now on,
/// 0 (also when no size is given) for the default; gives the previous
/// one.
fn stack_size(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "stack_size", args, 0, 1)?;
    let old = vm.thread.stack_size.get();
    let size = match args.values.first() {
        Some(size) => crate::objects::int::expect_index(vm, size)?,
        None => 0,
    };
    if size < 0 {
        return Err(vm.new_value_error("size must be 0 or a positive value"));
    }
    if size != 0 && size < STACK_MIN {
        return Err(vm.new_value_error(format!("size not valid: {size} bytes")));
    }
    vm.thread.stack_size.set(size as usize);
    Ok(vm.new_int(old as i64))
}

/// `interrupt_main(signum=signal.SIGINT)`: SIGINT's default handler
/// raises KeyboardInterrupt in the main thread at its next safe point; a
/// signal with no Python handler does nothing.
fn interrupt_main(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "interrupt_main", args, 0, 1)?;
    let signum = match args.values.first() {
        Some(s) => crate::objects::int::expect_index(vm, s)?,
        None => libc::SIGINT.into(),
    };
    if !(1..65).contains(&signum) {
        return Err(vm.new_value_error("signal number out of range"));
    }
    if signum == i64::from(libc::SIGINT) {
        vm.gil.request(crate::gil::breaker::INTERRUPT_MAIN);
    }
    Ok(vm.none.clone())
}

/// `exit()`: ends the calling thread by raising SystemExit.
fn exit(vm: &Vm, args: Args, name: &str) -> PyResult {
    check_function_arity(vm, name, args, 0, 0)?;
    Err(vm.new_exception_empty(&vm.exceptions.system_exit))
}

/// `_excepthook(args)`: `threading.excepthook`'s default, which writes
/// "Exception in thread NAME:" and the traceback to `sys.stderr`, or to
/// the thread's `_stderr` when `sys.stderr` is None.
fn excepthook(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "_excepthook", args, 1, 1)?;
    let hook_args = &args.values[0];
    let values = tuple_items(hook_args)
        .filter(|v| v.len() == EXCEPT_HOOK_ARGS.fields.len())
        .ok_or_else(|| {
            vm.new_type_error("_thread._excepthook argument type must be ExceptHookArgs")
        })?;
    let [exc_type, exc_value, _, thread] = values else {
        return Ok(vm.none.clone());
    };
    if exc_type.is(&vm.exceptions.system_exit) {
        return Ok(vm.none.clone());
    }
    let mut file = super::sys::sys_attr(vm, &vm.names.stderr).filter(|f| !vm.is_none(f));
    if file.is_none() {
        if vm.is_none(thread) {
            return Ok(vm.none.clone());
        }
        file = Some(vm.getattr(thread, &vm.intern("_stderr"))?).filter(|f| !vm.is_none(f));
    }
    let Some(file) = file else {
        return Ok(vm.none.clone());
    };
    let name = if vm.is_none(thread) {
        None
    } else {
        vm.getattr_opt(thread, &vm.intern("name"))?
    };
    let name = match name {
        Some(name) => vm.str_string(&name)?,
        None => format!("<{}>", current_ident() as u64),
    };
    super::io::write_text(
        vm,
        &file,
        &vm.new_str(&format!("Exception in thread {name}:\n")),
    )?;
    vm.call_method(&file, "flush", &[])?;
    if !vm.is_none(exc_value) {
        let report = crate::traceback::format_exception(vm, exc_value);
        super::io::write_text(vm, &file, &vm.new_str(&report))?;
    }
    vm.call_method(&file, "flush", &[])?;
    Ok(vm.none.clone())
}
