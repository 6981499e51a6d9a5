//! Frames (Include/internal/pycore_frame.h, Python/pystate.c's data
//! stack).
//!
//! A [`Frame`] is the state of one running code object: its code,
//! globals and builtins, where it is, and `localsplus`, the fast locals,
//! cells and free variables followed by the value stack. Frames live in
//! the thread's [`DataStack`], a list of chunks used as a stack, so a
//! call allocates nothing but a bump of a pointer, and a Python-to-Python
//! call does not recurse on the native stack (DESIGN.md decision 9).
//! Frame objects, for `sys._getframe` and tracebacks, are made only when
//! asked for (`objects/frame.rs`); a frame keeps the one made for it, and
//! when the frame ends while something else still holds that object, the
//! object takes the frame's contents over (`take_ownership` in CPython's
//! Python/frame.c), so that a traceback's frames stay readable.
//!
//! This module and `eval.rs` hold the eval loop's unsafe code: frames are
//! reached through raw pointers because the eval loop keeps several of
//! them (the running one and its callers) while it runs. The invariants:
//!
//! - a frame pointer is valid from `push_frame` to `release`, and
//!   frames are popped in the reverse order they were pushed;
//! - `localsplus[..nlocalsplus]` are initialised slots (None or a value),
//!   and `localsplus[nlocalsplus..stacktop]` the values on the stack.

use crate::object::Object;
use crate::objects::code::CodePayload;
use crate::vm::Vm;
use std::mem::size_of;
use std::ptr::NonNull;

/// A running code object's state (`_PyInterpreterFrame`); its
/// `localsplus` words follow it in the data stack.
#[repr(C)]
pub struct Frame {
    pub code: Object,
    pub func: Option<Object>,
    pub globals: Object,
    pub builtins: Object,
    /// The locals mapping of module and class bodies.
    pub locals: Option<Object>,
    pub previous: *mut Frame,
    /// The instruction running, or the last one run (`prev_instr`): the
    /// one tracebacks and the exception table are about.
    pub lasti: usize,
    /// Where the frame goes on when it resumes.
    pub next_instr: usize,
    /// How many `localsplus` slots are initialised: the locals, then the
    /// stack.
    pub stacktop: usize,
    /// Whether returning from this frame returns from `eval_frame`.
    pub is_entry: bool,
    /// The generator or coroutine whose frame this is, as a borrowed
    /// reference (its `Object::id`), or 0 for a frame of the data stack
    /// or of a frame object: popping a generator's frame only clears it.
    pub generator: usize,
    /// Set by YIELD_VALUE: the frame is suspended, not finished.
    pub suspended: bool,
    /// The frame object made for this frame, if one was asked for
    /// (`frame_obj`).
    pub frame_obj: Option<Object>,
}

const WORD: usize = size_of::<usize>();
const HEADER_WORDS: usize = size_of::<Frame>().div_ceil(WORD);
const CHUNK_WORDS: usize = 16 * 1024;

impl Frame {
    /// A frame about to run `code` from its start, whose locals and stack
    /// are still to be made.
    pub fn new(
        code: Object,
        func: Option<Object>,
        globals: Object,
        builtins: Object,
        locals: Option<Object>,
        previous: *mut Frame,
        nlocalsplus: usize,
    ) -> Frame {
        Frame {
            code,
            func,
            globals,
            builtins,
            locals,
            previous,
            lasti: 0,
            next_instr: 0,
            stacktop: nlocalsplus,
            is_entry: false,
            generator: 0,
            suspended: false,
            frame_obj: None,
        }
    }

    /// The first slot of `localsplus`.
    ///
    /// # Safety
    /// `frame` must be a live frame made by [`DataStack::push_frame`].
    #[inline]
    pub unsafe fn localsplus(frame: *mut Frame) -> *mut Option<Object> {
        (frame as *mut usize).add(HEADER_WORDS) as *mut Option<Object>
    }

    /// The code object's payload.
    #[inline]
    pub fn code_payload(&self) -> &CodePayload {
        self.code
            .payload::<CodePayload>()
            .expect("a frame's code is a code object")
    }
}

/// The memory frames are made in (`_PyStackChunk`s).
pub struct DataStack {
    chunks: Vec<Box<[usize]>>,
    /// The chunk in use, and the first free word in it.
    current: usize,
    top: usize,
    /// The tops of the chunks below the current one.
    saved_tops: Vec<usize>,
}

impl Default for DataStack {
    fn default() -> Self {
        DataStack::new()
    }
}

impl DataStack {
    pub fn new() -> DataStack {
        DataStack {
            chunks: vec![vec![0; CHUNK_WORDS].into_boxed_slice()],
            current: 0,
            top: 0,
            saved_tops: Vec::new(),
        }
    }

    /// Makes room for a frame of `code` with these fields; its
    /// `localsplus` slots start as None and its stack empty.
    #[inline]
    pub fn push_frame(&mut self, header: Frame, code: &CodePayload) -> NonNull<Frame> {
        let slots = code.nlocalsplus() + code.code.stacksize as usize;
        let words = HEADER_WORDS + slots;
        if self.top + words > self.chunks[self.current].len() {
            self.next_chunk(words);
        }
        let base = self.chunks[self.current][self.top..].as_mut_ptr();
        self.top += words;
        let frame = base as *mut Frame;
        // SAFETY: `base` has room for the header and the slots; None is the
        // all-zero word.
        unsafe {
            frame.write(header);
            std::ptr::write_bytes(Frame::localsplus(frame), 0, slots);
            NonNull::new_unchecked(frame)
        }
    }

    /// Goes on to the next chunk, with room for `words` at least.
    #[cold]
    fn next_chunk(&mut self, words: usize) {
        self.saved_tops.push(self.top);
        self.current += 1;
        self.top = 0;
        if self.current == self.chunks.len() || self.chunks[self.current].len() < words {
            let size = CHUNK_WORDS.max(words);
            let chunk = vec![0; size].into_boxed_slice();
            if self.current == self.chunks.len() {
                self.chunks.push(chunk);
            } else {
                self.chunks[self.current] = chunk;
            }
        }
    }

    /// Gives the innermost frame's memory back without dropping what it
    /// holds (its contents were moved into a generator).
    ///
    /// # Safety
    /// `frame` must be the innermost live frame, and its contents must
    /// have been moved out.
    #[inline]
    pub unsafe fn release(&mut self, frame: *mut Frame) {
        let chunk_base = self.chunks[self.current].as_ptr() as usize;
        self.top = (frame as usize - chunk_base) / WORD;
        if self.top == 0 && self.current > 0 {
            self.current -= 1;
            self.top = self.saved_tops.pop().unwrap_or(0);
        }
    }
}

/// Where a frame calling a Python function in the same eval loop stands
/// while the callee runs: the call's last cache entry, as CPython's
/// `prev_instr`. The loop does not record it on each call; it is made
/// from `next_instr` when asked for.
pub fn inline_call_lasti(frame: &Frame) -> usize {
    frame.next_instr - 1
}

/// The instruction a live frame stands at (`_PyInterpreterFrame_LASTI`):
/// its `lasti`, unless the thread shows it calling a Python function
/// inline.
///
/// # Safety
/// `frame` must be live.
pub unsafe fn current_lasti(vm: &Vm, frame: *const Frame) -> usize {
    let mut callee = vm.thread.frame.get();
    while !callee.is_null() {
        let caller = (*callee).previous;
        if std::ptr::eq(caller, frame) {
            if !(*callee).is_entry {
                return inline_call_lasti(&*frame);
            }
            break;
        }
        callee = caller;
    }
    (*frame).lasti
}

/// Pushes a frame on the thread's data stack, counting it towards the
/// recursion limit (RecursionError beyond it).
#[inline]
pub fn push(vm: &Vm, header: Frame, code: &CodePayload) -> crate::errors::PyResult<NonNull<Frame>> {
    let depth = vm.thread.recursion_depth.get();
    if depth >= vm.thread.recursion_limit.get() || native_stack_exhausted(vm) {
        return Err(vm.new_exception(
            &vm.exceptions.recursion_error,
            "maximum recursion depth exceeded",
        ));
    }
    vm.thread.recursion_depth.set(depth + 1);
    Ok(vm.thread.data_stack.borrow_mut().push_frame(header, code))
}

/// Pops the innermost frame: a frame of the data stack gives its memory
/// back, a generator's stays in the generator, cleared.
///
/// # Safety
/// `frame` must be the innermost live frame, pushed by [`push`] or run
/// by a generator.
#[inline]
pub unsafe fn pop(vm: &Vm, frame: *mut Frame) {
    vm.thread
        .recursion_depth
        .set(vm.thread.recursion_depth.get() - 1);
    let on_data_stack = (*frame).generator == 0;
    if (*frame).frame_obj.is_some() {
        end_with_frame_object(vm, frame, on_data_stack);
    } else {
        drop_contents(frame);
    }
    if on_data_stack {
        vm.thread.data_stack.borrow_mut().release(frame);
    }
}

/// [`pop`] of a frame that has a frame object: the object may outlive
/// the frame, with its `f_back` the caller's frame object from then on
/// (a generator's frame has no caller once it ends, as in CPython).
#[cold]
unsafe fn end_with_frame_object(vm: &Vm, frame: *mut Frame, on_data_stack: bool) {
    if let Some(f) = &(*frame).frame_obj {
        if f.refcount() > 1 && on_data_stack {
            crate::objects::frame::keep_back(vm, f, (*frame).previous);
        }
    }
    clear(frame);
}

/// Ends a frame: drops what it holds, or moves it into its frame object
/// when something else still holds that (`_PyFrame_Clear`).
///
/// # Safety
/// `frame` must be live and not running; it is not live afterwards, but
/// its memory is to be released or reused.
pub unsafe fn clear(frame: *mut Frame) {
    if let Some(f) = (*frame).frame_obj.take() {
        if f.refcount() > 1 {
            crate::objects::frame::take_ownership(&f, frame);
            return;
        }
    }
    drop_contents(frame);
}

/// Drops a frame's slots and header.
///
/// # Safety
/// `frame` must be live; it is not afterwards.
#[inline]
unsafe fn drop_contents(frame: *mut Frame) {
    let slots = Frame::localsplus(frame);
    for i in 0..(*frame).stacktop {
        std::ptr::drop_in_place(slots.add(i));
    }
    std::ptr::drop_in_place(frame);
}

/// Copies a frame's header and its first `slots` slots to memory of its
/// own; the frame's contents now live there, and the frame's memory is
/// to be released without dropping them.
///
/// # Safety
/// `frame` must be live with at least `slots` slots.
pub unsafe fn move_to_heap(frame: *mut Frame, slots: usize) -> Box<[usize]> {
    let words = HEADER_WORDS + slots;
    let mut memory = vec![0usize; words].into_boxed_slice();
    std::ptr::copy_nonoverlapping(frame as *const usize, memory.as_mut_ptr(), words);
    memory
}

/// Whether the native stack is nearly used up: re-entering the eval loop
/// from Rust then raises RecursionError rather than overflowing.
#[inline]
pub fn native_stack_exhausted(vm: &Vm) -> bool {
    let marker = 0u8;
    let here = &marker as *const u8 as usize;
    here < vm.thread.stack_limit.get()
}
