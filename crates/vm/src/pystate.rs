//! The threads' states (Python/pystate.c, Include/cpython/pystate.h):
//! every OS thread that runs Python code has a [`ThreadState`] of its
//! own, with its frames' data stack, the exception it is handling and
//! its recursion depth.
//!
//! `vm.thread` is [`Threads`]: it dereferences to the state of the thread
//! that holds the interpreter lock, as CPython's `_PyThreadState_GET()`,
//! and keeps the list of every thread's state. Whoever takes the lock
//! makes its own state the current one (see `gil.rs`), so code that
//! holds the lock reaches its thread's state with one load, and the
//! one-thread interpreter pays nothing more.

use crate::object::Object;
use std::cell::{Cell, RefCell};

/// One thread's state (`PyThreadState`): its frames and what it is
/// handling.
pub struct ThreadState {
    /// The innermost frame running Python code, or null.
    pub frame: Cell<*mut crate::frame::Frame>,
    /// The frames' memory (`_PyThreadState_PushFrame`'s data stack).
    pub data_stack: RefCell<crate::frame::DataStack>,
    /// How many frames are running, for RecursionError.
    pub recursion_depth: Cell<usize>,
    /// `sys.getrecursionlimit()`, which every thread keeps a copy of
    /// for the checks on each call.
    pub recursion_limit: Cell<usize>,
    /// The exception being handled by the running frame, or by the
    /// generator it runs in (`exc_info->exc_value`).
    pub handled: RefCell<Option<Object>>,
    /// What the frames that resumed the running generators were
    /// handling, innermost last (`exc_info`'s `previous_item` chain).
    pub outer_handled: RefCell<Vec<Option<Object>>>,
    /// The containers whose repr is being made (`Py_ReprEnter`).
    pub repr_stack: RefCell<Vec<usize>>,
    /// The lowest native stack address the eval loop may reach before
    /// RecursionError; 0 until an embedder or `run_source` sets it.
    pub stack_limit: Cell<usize>,
    /// The thread's identifier, `_thread.get_ident()`.
    pub ident: i64,
    /// A number no other thread of the interpreter has, nor will have.
    pub serial: u64,
    /// Weak references to the `_thread._local` objects that hold
    /// attributes of this thread, to take them out at its end.
    pub locals: RefCell<Vec<Object>>,
    /// The lock `_thread._set_sentinel()` gave this thread, released
    /// when the thread ends, which `Thread.join()` waits on.
    pub sentinel: RefCell<Option<Object>>,
    /// The current `contextvars.Context`, made when first needed.
    pub context: RefCell<Option<Object>>,
}

impl ThreadState {
    /// The state of the calling OS thread, with no frames.
    pub fn new(serial: u64, recursion_limit: usize) -> ThreadState {
        ThreadState {
            frame: Cell::new(std::ptr::null_mut()),
            data_stack: RefCell::new(crate::frame::DataStack::new()),
            recursion_depth: Cell::new(0),
            recursion_limit: Cell::new(recursion_limit),
            handled: RefCell::new(None),
            outer_handled: RefCell::new(Vec::new()),
            repr_stack: RefCell::new(Vec::new()),
            stack_limit: Cell::new(0),
            ident: current_ident(),
            serial,
            locals: RefCell::new(Vec::new()),
            sentinel: RefCell::new(None),
            context: RefCell::new(None),
        }
    }

    /// Sets the stack limit of a thread whose native stack, of `size`
    /// bytes, the caller is near the top of.
    #[inline(never)]
    pub fn set_stack_size(&self, size: usize) {
        let marker = 0u8;
        let here = &marker as *const u8 as usize;
        // Leave a safety margin below the stack the embedder declared.
        let usable = size.saturating_sub(256 * 1024);
        self.stack_limit.set(here.saturating_sub(usable));
    }

    /// The exception being handled, for `sys.exc_info()`, a bare `raise`
    /// and implicit chaining: the running frame's, else the nearest
    /// generator's resumer's (`_PyErr_GetTopmostException`).
    pub fn topmost_handled(&self) -> Option<Object> {
        if let Some(h) = self.handled.borrow().as_ref() {
            return Some(h.clone());
        }
        self.outer_handled
            .borrow()
            .iter()
            .rev()
            .flatten()
            .next()
            .cloned()
    }
}

/// The calling OS thread's identifier (`PyThread_get_thread_ident`).
pub fn current_ident() -> i64 {
    // SAFETY: pthread_self cannot fail.
    (unsafe { libc::pthread_self() }) as i64
}

/// The states of an interpreter's threads (`interp->threads`): the
/// current one, which `Threads` dereferences to, the main thread's,
/// and all that are alive.
pub struct Threads {
    /// The state of the thread holding the interpreter lock.
    current: Cell<*const ThreadState>,
    /// The main thread's state: the thread that made the interpreter.
    main: Box<ThreadState>,
    /// Every living thread's state, the main thread's first.
    all: RefCell<Vec<*const ThreadState>>,
    /// How many threads `_thread.start_new_thread` started are still
    /// running (`interp->threads.count`).
    pub started: Cell<usize>,
    /// The native stack size of threads started from now on, in bytes;
    /// 0 for the default (`_thread.stack_size()`).
    pub stack_size: Cell<usize>,
    /// The serial number of the next thread.
    next_serial: Cell<u64>,
}

impl std::ops::Deref for Threads {
    type Target = ThreadState;

    #[inline(always)]
    fn deref(&self) -> &ThreadState {
        // SAFETY: `current` points to the state of the thread holding
        // the interpreter lock, which lives until that thread ends, and
        // only the lock's holder runs code that reaches `vm.thread`.
        unsafe { &*self.current.get() }
    }
}

impl Threads {
    /// The states of a new interpreter: the calling thread is its main
    /// thread, and holds the lock.
    pub fn new() -> Threads {
        let main = Box::new(ThreadState::new(0, 1000));
        let pointer: *const ThreadState = &*main;
        Threads {
            current: Cell::new(pointer),
            main,
            all: RefCell::new(vec![pointer]),
            started: Cell::new(0),
            stack_size: Cell::new(0),
            next_serial: Cell::new(1),
        }
    }

    /// The main thread's state.
    pub fn main(&self) -> &ThreadState {
        &self.main
    }

    /// Whether the running thread is the main thread.
    pub fn is_main(&self) -> bool {
        std::ptr::eq(self.current.get(), &*self.main)
    }

    /// The running thread's state, to make it current again once the
    /// thread takes back the interpreter lock.
    pub(crate) fn current(&self) -> *const ThreadState {
        self.current.get()
    }

    /// Makes `state` the running thread's.
    ///
    /// # Safety
    /// The calling thread must hold the interpreter lock, and `state`
    /// must be its own state, alive until the thread releases the lock.
    pub(crate) unsafe fn set_current(&self, state: *const ThreadState) {
        self.current.set(state);
    }

    /// A serial number for a new thread.
    pub(crate) fn new_serial(&self) -> u64 {
        let serial = self.next_serial.get();
        self.next_serial.set(serial + 1);
        serial
    }

    /// Adds a new thread's state to the list.
    pub(crate) fn add(&self, state: &ThreadState) {
        self.all.borrow_mut().push(state);
    }

    /// Takes an ending thread's state off the list.
    pub(crate) fn remove(&self, state: &ThreadState) {
        self.all.borrow_mut().retain(|&s| !std::ptr::eq(s, state));
    }

    /// Calls `f` with the state of every living thread.
    pub fn for_each(&self, mut f: impl FnMut(&ThreadState)) {
        let all = self.all.borrow().clone();
        for state in all {
            // SAFETY: a state is on the list from its thread's start to its
            // end, and threads end only while holding the interpreter lock,
            // which the caller holds.
            f(unsafe { &*state });
        }
    }
}

impl Default for Threads {
    fn default() -> Threads {
        Threads::new()
    }
}
