//! Quickening (Python/specialize.c, PEP 659): the eval loop writes a
//! specialized instruction over a real one once it has seen what the
//! instruction runs on, and the specialized one does the common case
//! with a few checks and no general protocol.
//!
//! A real instruction that has a specialized family counts down in the
//! first unit of its inline cache (the compiler leaves it 0): at 0 the
//! eval loop asks the function here for its family to specialize it.
//! Success rewrites the opcode byte (the argument stays) and fills the
//! rest of the cache with what the specialized instruction checks;
//! failure sets the counter to [`BACKOFF`], so that an instruction
//! whose operands do not fit any specialization costs one attempt now
//! and then. A specialized instruction whose checks fail runs as the
//! real instruction and writes it back (deoptimizes), with the counter at
//! [`BACKOFF`], so that it may later be specialized for what it now sees.
//!
//! `co_code` keeps the compiler's wordcode: only the copy the eval loop
//! runs (`CodePayload::instructions`) is rewritten, and every rewrite
//! keeps its meaning, so frames suspended in the same code (recursion,
//! generators) are unaffected.

use crate::object::Object;
use crate::objects::code::CodePayload;
use crate::objects::dict::DictObject;
use crate::objects::function::FunctionObject;
use crate::objects::tuple::tuple_items;
use crate::vm::Vm;
use krait_compiler::code::flags::{CO_VARARGS, CO_VARKEYWORDS};
use krait_compiler::opcode::{specialized, DEOPT};
use std::cell::Cell;

/// What a failed attempt or a deoptimization sets the counter to: the
/// executions before the next attempt.
pub const BACKOFF: u16 = 64;

/// One instruction in the code the eval loop runs, with its inline
/// cache: the CACHE units after it, where a specialized instruction keeps
/// what it checks.
#[derive(Clone, Copy)]
pub struct Instruction<'a> {
    unit: &'a Cell<u16>,
    cache: &'a [Cell<u16>],
}

impl<'a> Instruction<'a> {
    /// The instruction at code unit `index` of `instructions`, followed
    /// by `caches` cache units.
    ///
    /// # Safety
    /// `instructions` must hold at least `index + 1 + caches` units.
    #[inline]
    pub unsafe fn at(instructions: *const Cell<u16>, index: usize, caches: usize) -> Self {
        Instruction {
            unit: &*instructions.add(index),
            cache: std::slice::from_raw_parts(instructions.add(index + 1), caches),
        }
    }

    /// Counts an execution of a real instruction: whether it is time to
    /// try to specialize it.
    #[inline]
    pub fn counts_down(self) -> bool {
        match self.cache[0].get() {
            0 => true,
            n => {
                self.cache[0].set(n - 1);
                false
            }
        }
    }

    /// Gives up specializing, until the counter runs down again.
    pub fn back_off(self) {
        self.cache[0].set(BACKOFF);
    }

    /// Writes the specialized instruction `opcode` over this one.
    pub fn specialize(self, opcode: u16) {
        self.unit.set(self.unit.get() & 0xff00 | opcode);
    }

    /// Writes the real instruction back over a specialized one whose
    /// checks failed.
    #[inline(never)]
    pub fn deoptimize(self) {
        let real = DEOPT[usize::from(self.unit.get() & 0xff)];
        self.unit.set(self.unit.get() & 0xff00 | u16::from(real));
        self.back_off();
    }

    /// The cache unit `i`.
    #[inline]
    pub fn unit(self, i: usize) -> u16 {
        self.cache[i].get()
    }

    pub fn set_unit(self, i: usize, value: u16) {
        self.cache[i].set(value);
    }

    /// The 32 bits in cache units `i` (low half) and `i + 1`.
    #[inline]
    pub fn u32_at(self, i: usize) -> u32 {
        u32::from(self.cache[i].get()) | u32::from(self.cache[i + 1].get()) << 16
    }

    pub fn set_u32(self, i: usize, value: u32) {
        self.cache[i].set(value as u16);
        self.cache[i + 1].set((value >> 16) as u16);
    }
}

/// Whether a call of Python function `f` with `nargs` positional
/// arguments and no keywords fills its parameters without binding: they
/// are all positional, and given or the missing ones in `__defaults__`.
#[inline]
pub fn positional_call_fits(f: &FunctionObject, code: &CodePayload, nargs: usize) -> bool {
    let co = &code.code;
    if co.flags & (CO_VARARGS | CO_VARKEYWORDS) != 0 || co.kwonlyargcount != 0 {
        return false;
    }
    let argcount = co.argcount as usize;
    if nargs >= argcount {
        return nargs == argcount;
    }
    let defaults = f.defaults.borrow();
    let ndefaults = defaults
        .as_ref()
        .and_then(tuple_items)
        .map_or(0, |d| d.len());
    argcount - nargs <= ndefaults
}

/// CALL: CALL_PY_EXACT_ARGS or CALL_PY_WITH_DEFAULTS for a Python
/// function called with positional arguments that fill its parameters.
pub fn call(instr: Instruction, callable: &Object, nargs: usize, has_kwnames: bool) {
    let fits = callable.payload::<FunctionObject>().and_then(|f| {
        let code = f.code.payload::<CodePayload>()?;
        (!has_kwnames && positional_call_fits(f, code, nargs)).then_some(code)
    });
    match fits {
        Some(code) if code.code.argcount as usize == nargs => {
            instr.specialize(specialized::CALL_PY_EXACT_ARGS)
        }
        Some(_) => instr.specialize(specialized::CALL_PY_WITH_DEFAULTS),
        None => instr.back_off(),
    }
}

/// LOAD_GLOBAL: LOAD_GLOBAL_MODULE for a name the globals have, else
/// LOAD_GLOBAL_BUILTIN for one the builtins have, both dicts. The cache
/// holds the entry's index (unit 1) and the globals' keys version (units
/// 2 and 3), then for LOAD_GLOBAL_BUILTIN the builtins' keys version,
/// its low half in unit 4 and its high half in unit 0, the counter's,
/// which a specialized instruction does not need.
pub fn load_global(
    vm: &Vm,
    instr: Instruction,
    globals: &Object,
    builtins: &Object,
    name: &Object,
) {
    let Some(globals) = globals.payload::<DictObject>() else {
        return instr.back_off();
    };
    let globals_version = globals.dict.keys_version(vm);
    if let Some(index) = globals.dict.index_of_str(vm, name) {
        match u16::try_from(index) {
            Ok(index) if globals_version != 0 => {
                instr.set_unit(1, index);
                instr.set_u32(2, globals_version);
                instr.specialize(specialized::LOAD_GLOBAL_MODULE);
            }
            _ => instr.back_off(),
        }
        return;
    }
    let Some(builtins) = builtins.payload::<DictObject>() else {
        return instr.back_off();
    };
    let builtins_version = builtins.dict.keys_version(vm);
    let index = builtins
        .dict
        .index_of_str(vm, name)
        .and_then(|i| u16::try_from(i).ok());
    match index {
        Some(index) if globals_version != 0 && builtins_version != 0 => {
            instr.set_unit(1, index);
            instr.set_u32(2, globals_version);
            instr.set_unit(4, builtins_version as u16);
            instr.set_unit(0, (builtins_version >> 16) as u16);
            instr.specialize(specialized::LOAD_GLOBAL_BUILTIN);
        }
        _ => instr.back_off(),
    }
}
