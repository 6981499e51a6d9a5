//! `_signal` (Modules/signalmodule.c), which Lib/signal.py wraps: Python
//! functions as signal handlers, and the C library's signal calls.
//!
//! A signal is caught by [`trip`], which may run at any moment and so
//! only sets flags (and writes the signal's number to the wakeup file
//! descriptor). The eval loop looks at one flag where it already stops
//! to collect garbage, at function entry and backward jumps, and then
//! [`check_signals`] calls the Python handlers of the signals that
//! came, in the main thread, as CPython's `PyErr_CheckSignals` does. A
//! blocking call that a signal interrupts (EINTR) runs the handlers and
//! goes on, or raises what a handler raised (PEP 475).
//!
//! The flags are the process's, as signals are; the Python handlers
//! belong to the interpreter that set them.

use crate::errors::{PyErr, PyResult};
use crate::exceptions::from_io_error;
use crate::object::Object;
use crate::objects::function::{check_function_arity, NativeFn};
use crate::objects::getargs::int_arg;
use crate::typeobject::Args;
use crate::vm::Vm;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};

/// One more than the largest signal number (`Py_NSIG`).
pub const NSIG: usize = 65;

/// `SIG_DFL` and `SIG_IGN` as Python sees them.
const DEFAULT_HANDLER: i64 = 0;
const IGNORE_HANDLER: i64 = 1;

/// Which signals came since their handlers last ran.
static TRIPPED: [AtomicBool; NSIG] = [const { AtomicBool::new(false) }; NSIG];
/// Whether any did: the one flag the eval loop reads.
static IS_TRIPPED: AtomicBool = AtomicBool::new(false);
/// The file descriptor each caught signal's number is written to, or -1.
static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);
/// The thread that runs the handlers (`main_thread`), 0 before the
/// module is made.
static MAIN_THREAD: AtomicU64 = AtomicU64::new(0);

/// The C-level handler of every signal with a Python handler
/// (`signal_handler`): async-signal-safe, it only sets flags and writes
/// to the wakeup descriptor.
extern "C" fn trip(signum: libc::c_int) {
    // SAFETY: errno is thread-local; the handler must leave it as it was.
    let saved = unsafe { *libc::__errno_location() };
    if let Some(flag) = TRIPPED.get(signum as usize) {
        flag.store(true, Ordering::SeqCst);
        IS_TRIPPED.store(true, Ordering::SeqCst);
    }
    let fd = WAKEUP_FD.load(Ordering::SeqCst);
    if fd >= 0 {
        let byte = signum as u8;
        // SAFETY: write is async-signal-safe; the byte outlives the call.
        unsafe { libc::write(fd, (&byte as *const u8).cast(), 1) };
    }
    // SAFETY: as above.
    unsafe { *libc::__errno_location() = saved };
}

fn current_thread() -> u64 {
    // SAFETY: pthread_self cannot fail.
    (unsafe { libc::pthread_self() }) as u64
}

fn is_main_thread() -> bool {
    MAIN_THREAD.load(Ordering::Relaxed) == current_thread()
}

/// Runs the Python handlers of the signals that came, if any
/// (`PyErr_CheckSignals`); what a handler raises is raised here.
#[inline]
pub fn check_signals(vm: &Vm) -> PyResult<()> {
    if !IS_TRIPPED.load(Ordering::Relaxed) {
        return Ok(());
    }
    run_handlers(vm)
}

#[cold]
fn run_handlers(vm: &Vm) -> PyResult<()> {
    if !is_main_thread() || vm.signal_handlers.borrow().is_empty() {
        return Ok(());
    }
    IS_TRIPPED.store(false, Ordering::SeqCst);
    for (signum, tripped) in TRIPPED.iter().enumerate().skip(1) {
        if !tripped.swap(false, Ordering::SeqCst) {
            continue;
        }
        let handler = vm.signal_handlers.borrow()[signum].clone();
        let Some(handler) = handler.filter(|h| vm.is_callable(h)) else {
            continue;
        };
        let frame = crate::objects::frame::thread_frame(vm, 0).unwrap_or_else(|| vm.none.clone());
        let args = [vm.new_int(signum as i64), frame];
        if let Err(e) = vm.call(&handler, Args::positional_only(&args)) {
            // The signals not yet handled wait for the next check.
            IS_TRIPPED.store(true, Ordering::SeqCst);
            return Err(e);
        }
    }
    Ok(())
}

/// Sets the C-level disposition of `signum` (`PyOS_setsig`): the old
/// one, or the error.
fn set_disposition(
    signum: i32,
    handler: libc::sighandler_t,
) -> std::io::Result<libc::sighandler_t> {
    // SAFETY: sigaction structures are plain data, zero is a valid start;
    // the pointers passed live across the calls.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        let mut old: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler;
        action.sa_flags = libc::SA_ONSTACK;
        libc::sigemptyset(&mut action.sa_mask);
        if libc::sigaction(signum, &action, &mut old) != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(old.sa_sigaction)
    }
}

/// The C-level disposition of `signum` (`PyOS_getsig`).
fn disposition(signum: i32) -> Option<libc::sighandler_t> {
    // SAFETY: as in `set_disposition`; a null action only reads.
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(signum, std::ptr::null(), &mut old) != 0 {
            return None;
        }
        Some(old.sa_sigaction)
    }
}

fn trip_handler() -> libc::sighandler_t {
    trip as extern "C" fn(libc::c_int) as libc::sighandler_t
}

/// What a program run by the `krait` command starts with, as CPython
/// (`signal_install_handlers`): SIGPIPE and SIGXFSZ ignored, so that
/// writes fail with an error instead, and `_signal` imported, which
/// makes SIGINT raise KeyboardInterrupt.
pub fn install_default_handlers(vm: &Vm) -> PyResult<()> {
    for signum in [libc::SIGPIPE, libc::SIGXFSZ] {
        let _ = set_disposition(signum, libc::SIG_IGN);
    }
    crate::import::import_module(vm, "_signal")?;
    Ok(())
}

/// Leaves the process's signals to the other threads: for a program
/// whose interpreter runs on a thread of its own, so that a signal the
/// process sends itself is taken by the interpreter at once.
pub fn block_in_this_thread() {
    // SAFETY: the set is plain data that sigfillset fills; the call
    // changes only this thread's mask.
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_BLOCK, &all, std::ptr::null_mut());
    }
}

/// Ends the process by SIGINT, after an uncaught KeyboardInterrupt, so
/// that its parent sees it was interrupted (`exit_sigint`); the status
/// to exit with if that fails.
pub fn exit_sigint() -> i32 {
    if set_disposition(libc::SIGINT, libc::SIG_DFL).is_ok() {
        // SAFETY: kill and getpid have no memory effects.
        unsafe { libc::kill(libc::getpid(), libc::SIGINT) };
    }
    128 + libc::SIGINT
}

/// A signal number argument, in range.
fn signal_number(vm: &Vm, value: &Object) -> PyResult<i32> {
    let signum = int_arg(vm, value)?;
    if signum < 1 || signum as usize >= NSIG {
        return Err(vm.new_value_error("signal number out of range"));
    }
    Ok(signum)
}

fn os_error(vm: &Vm) -> PyErr {
    from_io_error(vm, &std::io::Error::last_os_error(), None)
}

/// The OSError for an error number a pthread call returned.
fn errno_error(vm: &Vm, err: i32) -> PyErr {
    from_io_error(vm, &std::io::Error::from_raw_os_error(err), None)
}

/// The names and numbers of the signals, as the platform has them.
const SIGNALS: &[(&str, i32)] = &[
    ("SIGHUP", libc::SIGHUP),
    ("SIGINT", libc::SIGINT),
    ("SIGQUIT", libc::SIGQUIT),
    ("SIGILL", libc::SIGILL),
    ("SIGTRAP", libc::SIGTRAP),
    ("SIGIOT", libc::SIGIOT),
    ("SIGABRT", libc::SIGABRT),
    ("SIGFPE", libc::SIGFPE),
    ("SIGKILL", libc::SIGKILL),
    ("SIGBUS", libc::SIGBUS),
    ("SIGSEGV", libc::SIGSEGV),
    ("SIGSYS", libc::SIGSYS),
    ("SIGPIPE", libc::SIGPIPE),
    ("SIGALRM", libc::SIGALRM),
    ("SIGTERM", libc::SIGTERM),
    ("SIGUSR1", libc::SIGUSR1),
    ("SIGUSR2", libc::SIGUSR2),
    ("SIGCLD", libc::SIGCHLD),
    ("SIGCHLD", libc::SIGCHLD),
    ("SIGPWR", libc::SIGPWR),
    ("SIGIO", libc::SIGIO),
    ("SIGURG", libc::SIGURG),
    ("SIGWINCH", libc::SIGWINCH),
    ("SIGPOLL", libc::SIGPOLL),
    ("SIGSTOP", libc::SIGSTOP),
    ("SIGTSTP", libc::SIGTSTP),
    ("SIGCONT", libc::SIGCONT),
    ("SIGTTIN", libc::SIGTTIN),
    ("SIGTTOU", libc::SIGTTOU),
    ("SIGVTALRM", libc::SIGVTALRM),
    ("SIGPROF", libc::SIGPROF),
    ("SIGXCPU", libc::SIGXCPU),
    ("SIGXFSZ", libc::SIGXFSZ),
    ("SIGSTKFLT", libc::SIGSTKFLT),
];

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let functions: &[(&'static str, NativeFn)] = &[
        ("default_int_handler", |vm, args| {
            check_function_arity(vm, "default_int_handler", args, 2, 2)?;
            Err(vm.new_exception_empty(&vm.exceptions.keyboard_interrupt))
        }),
        ("signal", signal),
        ("getsignal", |vm, args| {
            check_function_arity(vm, "getsignal", args, 1, 1)?;
            let signum = signal_number(vm, &args.values[0])?;
            let handler = vm.signal_handlers.borrow()[signum as usize].clone();
            Ok(handler.unwrap_or_else(|| vm.none.clone()))
        }),
        ("raise_signal", |vm, args| {
            check_function_arity(vm, "raise_signal", args, 1, 1)?;
            let signum = int_arg(vm, &args.values[0])?;
            // SAFETY: raise has no memory effects.
            if unsafe { libc::raise(signum) } != 0 {
                return Err(os_error(vm));
            }
            check_signals(vm)?;
            Ok(vm.none.clone())
        }),
        ("strsignal", |vm, args| {
            check_function_arity(vm, "strsignal", args, 1, 1)?;
            let signum = signal_number(vm, &args.values[0])?;
            // SAFETY: strsignal gives a NUL-terminated string, read at once.
            let text = unsafe {
                let p = libc::strsignal(signum);
                (!p.is_null()).then(|| std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned())
            };
            Ok(match text {
                Some(t) if !t.contains("Unknown signal") => vm.new_str(&t),
                _ => vm.none.clone(),
            })
        }),
        ("valid_signals", |vm, args| {
            check_function_arity(vm, "valid_signals", args, 0, 0)?;
            // SAFETY: the set is plain data that sigfillset fills.
            let mask = unsafe {
                let mut mask: libc::sigset_t = std::mem::zeroed();
                libc::sigfillset(&mut mask);
                mask
            };
            signal_set(vm, &mask)
        }),
        ("alarm", |vm, args| {
            check_function_arity(vm, "alarm", args, 1, 1)?;
            let seconds = int_arg(vm, &args.values[0])?;
            // SAFETY: alarm has no memory effects.
            let left = unsafe { libc::alarm(seconds as u32) };
            Ok(vm.new_int(i64::from(left)))
        }),
        ("pause", |vm, args| {
            check_function_arity(vm, "pause", args, 0, 0)?;
            // SAFETY: pause only waits for a signal.
            unsafe { libc::pause() };
            check_signals(vm)?;
            Ok(vm.none.clone())
        }),
        ("siginterrupt", |vm, args| {
            check_function_arity(vm, "siginterrupt", args, 2, 2)?;
            let signum = signal_number(vm, &args.values[0])?;
            let interrupt = int_arg(vm, &args.values[1])? != 0;
            // SAFETY: the action is read, changed and written back whole.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(signum, std::ptr::null(), &mut action) != 0 {
                    return Err(os_error(vm));
                }
                if interrupt {
                    action.sa_flags &= !libc::SA_RESTART;
                } else {
                    action.sa_flags |= libc::SA_RESTART;
                }
                if libc::sigaction(signum, &action, std::ptr::null_mut()) != 0 {
                    return Err(os_error(vm));
                }
            }
            Ok(vm.none.clone())
        }),
        ("set_wakeup_fd", set_wakeup_fd),
        ("pthread_sigmask", pthread_sigmask),
        ("sigpending", |vm, args| {
            check_function_arity(vm, "sigpending", args, 0, 0)?;
            // SAFETY: the set is plain data that sigpending fills.
            let mask = unsafe {
                let mut mask: libc::sigset_t = std::mem::zeroed();
                if libc::sigpending(&mut mask) != 0 {
                    return Err(os_error(vm));
                }
                mask
            };
            signal_set(vm, &mask)
        }),
        ("pthread_kill", |vm, args| {
            check_function_arity(vm, "pthread_kill", args, 2, 2)?;
            let thread = crate::objects::getargs::index_arg(vm, &args.values[0])?;
            let signum = int_arg(vm, &args.values[1])?;
            // SAFETY: pthread_kill only sends a signal; an unknown thread is
            // an error code.
            let err = unsafe { libc::pthread_kill(thread as libc::pthread_t, signum) };
            if err != 0 {
                return Err(errno_error(vm, err));
            }
            check_signals(vm)?;
            Ok(vm.none.clone())
        }),
    ];
    super::add_functions(vm, module, functions);
    for &(name, number) in SIGNALS {
        super::set_attr(vm, module, name, vm.new_int(i64::from(number)));
    }
    for (name, value) in [
        ("SIG_DFL", DEFAULT_HANDLER),
        ("SIG_IGN", IGNORE_HANDLER),
        ("NSIG", NSIG as i64),
        ("SIGRTMIN", i64::from(libc::SIGRTMIN())),
        ("SIGRTMAX", i64::from(libc::SIGRTMAX())),
        ("SIG_BLOCK", i64::from(libc::SIG_BLOCK)),
        ("SIG_UNBLOCK", i64::from(libc::SIG_UNBLOCK)),
        ("SIG_SETMASK", i64::from(libc::SIG_SETMASK)),
    ] {
        super::set_attr(vm, module, name, vm.new_int(value));
    }

    // The handlers as the process has them; SIGINT's default becomes
    // KeyboardInterrupt. Only the first interpreter takes the signals.
    if MAIN_THREAD
        .compare_exchange(0, current_thread(), Ordering::SeqCst, Ordering::SeqCst)
        .is_err()
        && !is_main_thread()
    {
        return Ok(());
    }
    let mut handlers = vec![None; NSIG];
    for (signum, slot) in handlers.iter_mut().enumerate().skip(1) {
        *slot = match disposition(signum as i32) {
            Some(libc::SIG_DFL) => Some(vm.new_int(DEFAULT_HANDLER)),
            Some(libc::SIG_IGN) => Some(vm.new_int(IGNORE_HANDLER)),
            _ => None,
        };
    }
    let sigint = libc::SIGINT as usize;
    if handlers[sigint].as_ref().and_then(Object::as_small_int) == Some(DEFAULT_HANDLER) {
        handlers[sigint] = Some(vm.getattr_str(module, "default_int_handler")?);
        set_disposition(libc::SIGINT, trip_handler()).map_err(|e| from_io_error(vm, &e, None))?;
    }
    *vm.signal_handlers.borrow_mut() = handlers;
    Ok(())
}

/// `signal.signal(signalnum, handler)`: the previous handler.
fn signal(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "signal", args, 2, 2)?;
    let signum = signal_number(vm, &args.values[0])?;
    let handler = &args.values[1];
    if !is_main_thread() || vm.signal_handlers.borrow().is_empty() {
        return Err(vm.new_value_error("signal only works in main thread of the main interpreter"));
    }
    let exact_int = |value: i64| handler.as_small_int() == Some(value);
    let disposition = if exact_int(IGNORE_HANDLER) {
        libc::SIG_IGN
    } else if exact_int(DEFAULT_HANDLER) {
        libc::SIG_DFL
    } else if vm.is_callable(handler) {
        trip_handler()
    } else {
        return Err(vm.new_type_error(
            "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
        ));
    };
    // Signals that came before the change are handled by the old handler.
    check_signals(vm)?;
    set_disposition(signum, disposition).map_err(|e| from_io_error(vm, &e, None))?;
    let old = vm.signal_handlers.borrow_mut()[signum as usize].replace(handler.clone());
    Ok(old.unwrap_or_else(|| vm.none.clone()))
}

/// `signal.set_wakeup_fd(fd, *, warn_on_full_buffer=True)`: the
/// previous descriptor.
fn set_wakeup_fd(vm: &Vm, args: Args) -> PyResult {
    let bound = crate::objects::getargs::bind(
        vm,
        "set_wakeup_fd",
        args,
        false,
        &["fd", "warn_on_full_buffer"],
        1,
    )?;
    let fd = int_arg(vm, bound[0].as_ref().expect("required"))?;
    if !is_main_thread() {
        return Err(
            vm.new_value_error("set_wakeup_fd only works in main thread of the main interpreter")
        );
    }
    if fd != -1 {
        // SAFETY: fstat and fcntl only inspect the descriptor.
        let flags = unsafe {
            let mut st: libc::stat = std::mem::zeroed();
            if libc::fstat(fd, &mut st) != 0 {
                return Err(os_error(vm));
            }
            libc::fcntl(fd, libc::F_GETFL)
        };
        if flags < 0 {
            return Err(os_error(vm));
        }
        if flags & libc::O_NONBLOCK == 0 {
            return Err(vm.new_value_error(format!("the fd {fd} must be in non-blocking mode")));
        }
    }
    let old = WAKEUP_FD.swap(fd, Ordering::SeqCst);
    Ok(vm.new_int(i64::from(old)))
}

/// The signal numbers in a set, as a Python set.
fn signal_set(vm: &Vm, mask: &libc::sigset_t) -> PyResult {
    let set = vm.call(&vm.types.set, Args::positional_only(&[]))?;
    for signum in 1..NSIG as i32 {
        // SAFETY: sigismember only reads the set.
        if unsafe { libc::sigismember(mask, signum) } == 1 {
            vm.call_method(&set, "add", &[vm.new_int(i64::from(signum))])?;
        }
    }
    Ok(set)
}

/// `signal.pthread_sigmask(how, mask)`: the previous mask.
fn pthread_sigmask(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "pthread_sigmask", args, 2, 2)?;
    let how = int_arg(vm, &args.values[0])?;
    // SAFETY: the sets are plain data, filled before use.
    let mut mask: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    unsafe { libc::sigemptyset(&mut mask) };
    for item in vm.collect_iterable(&args.values[1])? {
        let signum = int_arg(vm, &item)?;
        if signum < 1 || signum as usize >= NSIG {
            return Err(vm.new_value_error(format!(
                "signal number {signum} out of range [1; {}]",
                NSIG - 1
            )));
        }
        // SAFETY: the number is in range for the set.
        unsafe { libc::sigaddset(&mut mask, signum) };
    }
    // SAFETY: as above.
    let mut old: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: both sets live across the call.
    let err = unsafe { libc::pthread_sigmask(how, &mask, &mut old) };
    if err != 0 {
        return Err(errno_error(vm, err));
    }
    // Signals the new mask lets through are handled now.
    check_signals(vm)?;
    signal_set(vm, &old)
}
