//! The interpreter lock (Python/ceval_gil.c): one lock guards the
//! object graph, so that reference counts and the cells of objects are
//! plain memory (DESIGN.md decision 6). A thread runs Python code, or
//! touches any object, only while it holds the lock; threads take turns.
//!
//! The holder gives the lock up in two ways. A blocking call (a lock's
//! `acquire`, `time.sleep`, a read) runs without it, through
//! [`Vm::allow_threads`]. And a thread that has waited a whole switch
//! interval (`sys.setswitchinterval`, 5 ms by default) sets the drop
//! request in the *eval breaker*, a word the eval loop reads at its safe
//! points (RESUME and JUMP_BACKWARD, as CPython 3.11's CHECK_EVAL_BREAKER);
//! the holder then drops the lock and waits until another thread has
//! taken it before it queues again (CPython's FORCE_SWITCHING), so that
//! a thread running a loop cannot take the lock straight back.
//!
//! With one thread nobody waits, the breaker stays 0, and the safe
//! points cost a load and a branch.
//!
//! Once the interpreter finalizes, its lock is never given up again: a
//! thread still running (a daemon thread) that tries to take it stops
//! for good, as CPython's do, so it never touches an interpreter that is
//! going away. The lock lives in an `Arc` that such threads keep.

use crate::errors::PyResult;
use crate::vm::Vm;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// The reasons the eval loop stops at its next safe point: bits of the
/// eval breaker (`ceval->eval_breaker`).
pub mod breaker {
    /// A thread has waited a whole switch interval for the lock
    /// (`gil_drop_request`).
    pub const DROP_REQUEST: u32 = 1;
    /// `_thread.interrupt_main()` was called: the main thread raises
    /// KeyboardInterrupt, as SIGINT's default handler does.
    pub const INTERRUPT_MAIN: u32 = 2;
}

/// The default switch interval, in microseconds (5 ms).
const DEFAULT_INTERVAL: u64 = 5000;

/// The interpreter lock (`struct _gil_runtime_state`).
pub struct Gil {
    state: Mutex<GilState>,
    /// Signalled when the lock is released (`gil->cond`).
    released: Condvar,
    /// Signalled when a thread takes the lock (`gil->switch_cond`).
    switched: Condvar,
    /// The eval breaker, of [`breaker`] bits.
    breaker: AtomicU32,
    /// The switch interval, in microseconds.
    interval: AtomicU64,
}

struct GilState {
    locked: bool,
    /// How many times a thread took the lock (`gil->switch_number`).
    switches: u64,
    /// Set while the interpreter finalizes: the lock stays with the
    /// finalizing thread.
    finalizing: bool,
}

impl Gil {
    /// A new interpreter's lock, held by the thread that makes it.
    pub fn new() -> Gil {
        Gil {
            state: Mutex::new(GilState {
                locked: true,
                switches: 0,
                finalizing: false,
            }),
            released: Condvar::new(),
            switched: Condvar::new(),
            breaker: AtomicU32::new(0),
            interval: AtomicU64::new(DEFAULT_INTERVAL),
        }
    }

    fn state(&self) -> MutexGuard<'_, GilState> {
        // Nothing panics while holding the mutex; a poisoned one is as good.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes the lock, waiting for the holder to release it (`take_gil`).
    /// A waiter that waited a whole interval with no switch asks the
    /// holder to drop it. Never returns once the interpreter finalizes.
    pub fn take(&self) {
        let mut state = self.state();
        loop {
            if state.finalizing {
                drop(state);
                loop {
                    std::thread::park();
                }
            }
            if !state.locked {
                break;
            }
            let switches = state.switches;
            let interval = Duration::from_micros(self.interval.load(Ordering::Relaxed).max(1));
            let (guard, waited) = self
                .released
                .wait_timeout(state, interval)
                .unwrap_or_else(PoisonError::into_inner);
            state = guard;
            if waited.timed_out() && state.locked && state.switches == switches {
                self.breaker
                    .fetch_or(breaker::DROP_REQUEST, Ordering::Relaxed);
            }
        }
        state.locked = true;
        state.switches += 1;
        self.breaker
            .fetch_and(!breaker::DROP_REQUEST, Ordering::Relaxed);
        self.switched.notify_all();
    }

    /// Releases the lock (`drop_gil`).
    pub fn release(&self) {
        let mut state = self.state();
        state.locked = false;
        self.released.notify_one();
    }

    /// Lets the thread that asked for the lock run: releases it, waits
    /// until another thread took it, and queues for it again.
    fn switch(&self) {
        {
            let mut state = self.state();
            if state.finalizing {
                self.breaker
                    .fetch_and(!breaker::DROP_REQUEST, Ordering::Relaxed);
                return;
            }
            state.locked = false;
            let switches = state.switches;
            self.released.notify_one();
            while state.switches == switches {
                state = self
                    .switched
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        }
        self.take();
    }

    /// Keeps the lock with the calling thread for good: the interpreter
    /// is finalizing (`_PyRuntimeState_SetFinalizing`).
    pub fn set_finalizing(&self) {
        self.state().finalizing = true;
    }

    fn finalizing(&self) -> bool {
        self.state().finalizing
    }

    /// The eval breaker's bits; 0 when the eval loop has nothing to do.
    #[inline(always)]
    pub fn breaker(&self) -> u32 {
        self.breaker.load(Ordering::Relaxed)
    }

    /// Asks the eval loop to stop at its next safe point for `bit`.
    pub fn request(&self, bit: u32) {
        self.breaker.fetch_or(bit, Ordering::Relaxed);
    }

    /// `sys.getswitchinterval()`, in microseconds.
    pub fn switch_interval(&self) -> u64 {
        self.interval.load(Ordering::Relaxed)
    }

    /// `sys.setswitchinterval()`, in microseconds.
    pub fn set_switch_interval(&self, microseconds: u64) {
        self.interval.store(microseconds, Ordering::Relaxed);
    }
}

impl Default for Gil {
    fn default() -> Gil {
        Gil::new()
    }
}

/// What the eval loop does at a safe point whose breaker is set
/// (`_Py_HandlePending`): gives the lock to a thread that asked for it,
/// raises KeyboardInterrupt in the main thread after `interrupt_main()`.
#[cold]
#[inline(never)]
pub fn handle_pending(vm: &Vm) -> PyResult<()> {
    let bits = vm.gil.breaker();
    if bits & breaker::DROP_REQUEST != 0 {
        let me = vm.thread.current();
        vm.gil.switch();
        // SAFETY: the thread holds the lock again, and `me` is its state.
        unsafe { vm.thread.set_current(me) };
    }
    if bits & breaker::INTERRUPT_MAIN != 0 && vm.thread.is_main() {
        vm.gil
            .breaker
            .fetch_and(!breaker::INTERRUPT_MAIN, Ordering::Relaxed);
        return Err(vm.new_exception_empty(&vm.exceptions.keyboard_interrupt));
    }
    Ok(())
}

impl Vm {
    /// Runs `blocking`, a call that may wait (a lock, a sleep, a read),
    /// without the interpreter lock, so that other threads run meanwhile
    /// (`Py_BEGIN_ALLOW_THREADS` ... `Py_END_ALLOW_THREADS`). `blocking`
    /// must not touch the interpreter or any object.
    pub fn allow_threads<R>(&self, blocking: impl FnOnce() -> R) -> R {
        // The lock outlives the interpreter for a thread that comes back
        // after finalization began (and then waits forever in `take`).
        let gil = std::sync::Arc::clone(&self.gil);
        if gil.finalizing() {
            return blocking();
        }
        let me = self.thread.current();
        gil.release();
        let result = blocking();
        gil.take();
        // SAFETY: the thread holds the lock again, and `me` is its state.
        unsafe { self.thread.set_current(me) };
        result
    }
}

/// Values a new thread takes with it: the interpreter and objects, which
/// are not `Send` because their cells and reference counts are plain
/// memory.
pub(crate) struct GilBound<T>(pub T);

// SAFETY: the interpreter lock serializes every access to an interpreter
// and its objects: a thread given a `GilBound` unwraps it and touches what
// it holds only once it holds the interpreter's lock.
unsafe impl<T> Send for GilBound<T> {}
