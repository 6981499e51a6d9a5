//! # Krait's virtual machine
//!
//! Runs the code objects of `krait-compiler` the way CPython 3.11's
//! interpreter runs its own: the same object model, the same protocols,
//! the same eval loop over the same wordcode.
//!
//! - **Objects** ([`object`]): a value is one machine word, an
//!   [`Object`](object::Object): either a small int stored in the word or
//!   a pointer to a heap object with a reference count and a type.
//!   Cloning is an incref, dropping a decref, and an object is freed the
//!   moment its count reaches zero (Include/object.h).
//! - **Types** ([`typeobject`]): a type object holds slots, CPython's
//!   `tp_*` function pointers, that the protocols call
//!   (Objects/typeobject.c); [`slots`] connects them to special methods
//!   in both directions. The builtin types live in [`objects`], one file
//!   each (Objects/*.c), and the exceptions in [`exceptions`]
//!   (Objects/exceptions.c).
//! - **Protocols** ([`protocols`], [`call`]): calling, iteration,
//!   subscripts, the number operators with reflection
//!   (Objects/abstract.c, Objects/call.c).
//! - **The eval loop** ([`eval`], [`frame`]): frames live on a per-thread
//!   data stack; a call of a Python function from Python pushes a frame
//!   and continues in the same native loop (Python/ceval.c,
//!   Include/internal/pycore_frame.h). Exceptions unwind through each
//!   code object's exception table and collect a [`traceback`].
//! - **Running programs** ([`run`], [`interactive`]): a program as
//!   `__main__`, the report of what it raised, and the interactive prompt
//!   (Python/pythonrun.c).
//! - **The interpreter** ([`vm`]): builtin types, singletons and interned
//!   names per interpreter, no global state (DESIGN.md decision 11).
//! - **Threads** ([`gil`], [`pystate`]): OS threads take turns holding
//!   the interpreter lock, each with a state of its own (its frames, the
//!   exception it handles); `vm.thread` is the running one's.
//! - **Speed** ([`specialize`], [`type_cache`], [`obmalloc`]): the eval
//!   loop quickens instructions in place (PEP 659), keyed by version tags
//!   of types and dict keys; small blocks come from free lists, once a
//!   program makes [`obmalloc::SmallBlocks`] its allocator (the `krait`
//!   command does).
//!
//! Unsafe code sits in `object.rs` (the tagged word and heap layout), in
//! `frame.rs` and `eval.rs` (frames reached by raw pointers while the
//! loop runs), in `obmalloc.rs` (the allocator) and in `gil.rs` and
//! `pystate.rs` (what the interpreter lock makes safe to share between
//! threads); each block says why it is sound.

pub mod builtins;
pub mod call;
pub mod codecs;
pub mod compile;
pub mod config;
pub mod errors;
pub mod eval;
pub mod exceptions;
pub mod finalize;
pub mod format;
pub mod frame;
pub mod gc;
pub mod gil;
pub mod import;
pub mod interactive;
pub mod libm;
pub mod matching;
pub mod modules;
pub mod object;
pub mod objects;
pub mod obmalloc;
pub mod protocols;
pub mod pyc;
pub mod pystate;
pub mod recursion;
pub mod run;
pub mod slots;
pub mod specialize;
pub mod traceback;
pub mod traverse;
pub mod type_cache;
pub mod typeobject;
pub mod unraisable;
pub mod vm;
pub mod warnings;

pub use errors::{PyErr, PyResult};
pub use object::Object;
pub use vm::Vm;
