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
use crate::objects::descr::MemberObject;
use crate::objects::dict::DictObject;
use crate::objects::function::FunctionObject;
use crate::objects::module::ModuleObject;
use crate::objects::object::{generic_getattr, generic_setattr};
use crate::objects::tuple::tuple_items;
use crate::typeobject::{GetattroFn, SetattroFn, TypeObject};
use crate::vm::Vm;
use krait_compiler::code::flags::{CO_VARARGS, CO_VARKEYWORDS};
use krait_compiler::opcode::{specialized, DEOPT};
use std::cell::Cell;
use std::ops::Range;

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

    /// Gives up specializing, until the counter runs down again (an
    /// instruction without a cache has no counter).
    pub fn back_off(self) {
        if let Some(counter) = self.cache.first() {
            counter.set(BACKOFF);
        }
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

    /// Whether the class version `tag` is among the short tags held in
    /// the cache units `units` (a polymorphic cache).
    #[inline]
    pub fn holds_tag(self, units: Range<usize>, tag: u32) -> bool {
        tag != 0 && self.cache[units].iter().any(|u| u32::from(u.get()) == tag)
    }

    /// Caches `tag` in a free unit of `units`: false if none is free or
    /// the tag does not fit 16 bits.
    fn admit_tag(self, units: Range<usize>, tag: u32) -> bool {
        let Ok(short) = u16::try_from(tag) else {
            return false;
        };
        match self.cache[units].iter().find(|u| u.get() == 0) {
            Some(free) if short != 0 => {
                free.set(short);
                true
            }
            _ => false,
        }
    }

    fn clear_tags(self, units: Range<usize>) {
        self.cache[units].iter().for_each(|u| u.set(0));
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

    /// The 64 bits in cache units `i` (lowest quarter) to `i + 3`.
    #[inline]
    pub fn u64_at(self, i: usize) -> u64 {
        u64::from(self.u32_at(i)) | u64::from(self.u32_at(i + 2)) << 32
    }

    pub fn set_u64(self, i: usize, value: u64) {
        self.set_u32(i, value as u32);
        self.set_u32(i + 2, (value >> 32) as u32);
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

/// The namespace of a module whose attributes are read as a module's
/// (no `__getattribute__` of a subclass).
pub(crate) fn module_namespace<'a>(
    vm: &Vm,
    owner: &'a Object,
) -> Option<&'a crate::objects::dict::Dict> {
    let getattro = vm.type_payload_of(owner).slots.getattro.get()?;
    let module = owner.payload::<ModuleObject>()?;
    std::ptr::fn_addr_eq(
        getattro,
        crate::objects::module::module_getattro as GetattroFn,
    )
    .then(|| module.namespace())
}

/// Where the entry of `name` is in a module's namespace, with the
/// namespace's keys version, if both fit the cache.
fn module_entry(vm: &Vm, owner: &Object, name: &Object) -> Option<(u32, u16)> {
    let namespace = module_namespace(vm, owner)?;
    let version = namespace.keys_version(vm);
    let index = u16::try_from(namespace.index_of_str(vm, name)?).ok()?;
    (version != 0).then_some((version, index))
}

/// The version tag of the type of `owner`, if its attributes are read
/// by `PyObject_GenericGetAttr` and it has a tag.
fn generic_getattr_tag<'a>(vm: &'a Vm, owner: &'a Object) -> Option<(&'a TypeObject, u32)> {
    let tp = vm.type_payload_of(owner);
    let getattro = tp.slots.getattro.get()?;
    if !std::ptr::fn_addr_eq(getattro, generic_getattr as GetattroFn) {
        return None;
    }
    let tag = tp.version_tag(vm);
    (tag != 0).then_some((tp, tag))
}

/// The offset of the `__slots__` word that `descr` gives on `owner`, if
/// it is a member descriptor of owner's class (and writable, for a
/// store).
fn slot_offset(vm: &Vm, descr: &Object, owner: &Object, store: bool) -> Option<u16> {
    let member = descr.payload::<MemberObject>()?;
    if !vm.type_of(descr).is(&vm.types.member_descriptor)
        || !vm.is_instance(owner, &member.objclass)
        || (store && member.readonly)
    {
        return None;
    }
    u16::try_from(member.offset).ok()
}

/// Whether `descr`, found on the type, is a data descriptor, which comes
/// before the instance dict.
fn is_data_descriptor(vm: &Vm, descr: &Object) -> bool {
    vm.type_payload_of(descr).slots.descr_set.get().is_some()
}

/// The cache units of LOAD_ATTR_WITH_HINT and STORE_ATTR_WITH_HINT that
/// hold the short version tags of the classes they have seen; the
/// entry's index in the instance dict is in unit 3.
const ATTR_TAGS: Range<usize> = 0..3;
/// The cache units of LOAD_METHOD_WITH_DICT and _NO_DICT that hold the
/// short version tags of the classes they have seen; the method is in
/// units 6 to 9.
const METHOD_TAGS: Range<usize> = 0..6;

/// The version tag of a class whose instances keep `name` in their dict,
/// with no data descriptor of that name on the class, and read it there
/// (`PyObject_GenericGetAttr`), or write it there for a store.
fn instance_attribute_tag(vm: &Vm, owner: &Object, name: &Object, store: bool) -> Option<u32> {
    let tp = vm.type_payload_of(owner);
    let generic = if store {
        let setattro = tp.slots.setattro.get()?;
        std::ptr::fn_addr_eq(setattro, generic_setattr as SetattroFn)
    } else {
        let getattro = tp.slots.getattro.get()?;
        std::ptr::fn_addr_eq(getattro, generic_getattr as GetattroFn)
    };
    let tag = tp.version_tag(vm);
    tp.dict_offset.get()?;
    if !generic || tag == 0 {
        return None;
    }
    match tp.lookup(vm, name) {
        Some(descr) if is_data_descriptor(vm, &descr) => None,
        _ => Some(tag),
    }
}

/// The version tag of the class of `owner`, an instance keeping its
/// attributes in value words, with the offset of the word of `name`, if
/// the class reads it there (has the name as a key, and the instance a
/// value in its word) or writes it there (a key, or room for one).
fn instance_value_offset(
    vm: &Vm,
    owner: &Object,
    name: &Object,
    store: bool,
) -> Option<(u32, u16)> {
    let tag = instance_attribute_tag(vm, owner, name, store)?;
    let values = &vm.type_payload_of(owner).values;
    let offset = if store {
        values.offset_for_store(vm, name)?
    } else {
        values.get(vm, owner, name)?;
        values.offset_of(vm, name)?
    };
    Some((tag, u16::try_from(offset).ok()?))
}

/// LOAD_ATTR_INSTANCE_VALUE, or STORE_ATTR_INSTANCE_VALUE for a `store`,
/// for an instance keeping its attributes in value words.
fn specialize_instance_value(
    vm: &Vm,
    instr: Instruction,
    owner: &Object,
    name: &Object,
    store: bool,
) {
    let Some((tag, offset)) = instance_value_offset(vm, owner, name, store) else {
        return instr.back_off();
    };
    instr.clear_tags(ATTR_TAGS);
    if !instr.admit_tag(ATTR_TAGS, tag) {
        return instr.back_off();
    }
    instr.set_unit(3, offset);
    instr.specialize(if store {
        specialized::STORE_ATTR_INSTANCE_VALUE
    } else {
        specialized::LOAD_ATTR_INSTANCE_VALUE
    })
}

/// LOAD_ATTR_INSTANCE_VALUE or STORE_ATTR_INSTANCE_VALUE on an instance of
/// a class it has not seen: whether the class keeps the attribute in the
/// same word as the others, its tag now cached.
pub fn admit_instance_value(
    vm: &Vm,
    instr: Instruction,
    owner: &Object,
    name: &Object,
    store: bool,
) -> bool {
    crate::objects::object::uses_values(vm, owner)
        && instance_value_offset(vm, owner, name, store)
            .is_some_and(|(tag, offset)| offset == instr.unit(3) && instr.admit_tag(ATTR_TAGS, tag))
}

/// LOAD_ATTR (cache: counter, then a version tag or keys version in
/// units 1 and 2 and an index or offset in unit 3; or short tags, see
/// [`ATTR_TAGS`]): LOAD_ATTR_MODULE for a module's attribute;
/// LOAD_ATTR_SLOT for a `__slots__` member; LOAD_ATTR_INSTANCE_VALUE for
/// an attribute in an instance's value words, by the word's offset, and
/// LOAD_ATTR_WITH_HINT for an
/// attribute in the instance dict, by its index there, for up to three
/// classes with no data descriptor of that name.
pub fn load_attr(vm: &Vm, instr: Instruction, owner: &Object, name: &Object) {
    if let Some((version, index)) = module_entry(vm, owner, name) {
        instr.set_u32(1, version);
        instr.set_unit(3, index);
        return instr.specialize(specialized::LOAD_ATTR_MODULE);
    }
    let Some((tp, tag)) = generic_getattr_tag(vm, owner) else {
        return instr.back_off();
    };
    if let Some(offset) = tp
        .lookup(vm, name)
        .and_then(|descr| slot_offset(vm, &descr, owner, false))
    {
        instr.set_u32(1, tag);
        instr.set_unit(3, offset);
        return instr.specialize(specialized::LOAD_ATTR_SLOT);
    }
    if crate::objects::object::uses_values(vm, owner) {
        return specialize_instance_value(vm, instr, owner, name, false);
    }
    let index = crate::objects::object::instance_dict_index(vm, owner, name)
        .and_then(|i| u16::try_from(i).ok());
    match (index, instance_attribute_tag(vm, owner, name, false)) {
        (Some(index), Some(tag)) => {
            instr.clear_tags(ATTR_TAGS);
            if !instr.admit_tag(ATTR_TAGS, tag) {
                return instr.back_off();
            }
            instr.set_unit(3, index);
            instr.specialize(specialized::LOAD_ATTR_WITH_HINT)
        }
        _ => instr.back_off(),
    }
}

/// LOAD_ATTR_WITH_HINT on an instance of a class it has not seen: whether
/// the class reads the attribute as the others do, its tag now cached.
pub fn admit_load_attr(vm: &Vm, instr: Instruction, owner: &Object, name: &Object) -> bool {
    instance_attribute_tag(vm, owner, name, false)
        .is_some_and(|tag| instr.admit_tag(ATTR_TAGS, tag))
}

/// Whether LOAD_ATTR_WITH_HINT or STORE_ATTR_WITH_HINT has seen the class
/// with this version tag.
#[inline]
pub fn attr_holds_tag(instr: Instruction, tag: u32) -> bool {
    instr.holds_tag(ATTR_TAGS, tag)
}

/// STORE_ATTR (cache: counter, a version tag in units 1 and 2 and an
/// offset in unit 3; or short tags, see [`ATTR_TAGS`], and an index):
/// STORE_ATTR_SLOT for a writable `__slots__` member,
/// STORE_ATTR_INSTANCE_VALUE for an attribute in value words, STORE_ATTR_WITH_HINT
/// for an instance dict attribute, for up to three classes with no data
/// descriptor of that name.
pub fn store_attr(vm: &Vm, instr: Instruction, owner: &Object, name: &Object) {
    let tp = vm.type_payload_of(owner);
    let generic = tp
        .slots
        .setattro
        .get()
        .is_some_and(|f| std::ptr::fn_addr_eq(f, generic_setattr as SetattroFn));
    let tag = tp.version_tag(vm);
    if !generic || tag == 0 {
        return instr.back_off();
    }
    if let Some(offset) = tp
        .lookup(vm, name)
        .and_then(|descr| slot_offset(vm, &descr, owner, true))
    {
        instr.set_u32(1, tag);
        instr.set_unit(3, offset);
        return instr.specialize(specialized::STORE_ATTR_SLOT);
    }
    if crate::objects::object::uses_values(vm, owner) {
        return specialize_instance_value(vm, instr, owner, name, true);
    }
    let Some(tag) = instance_attribute_tag(vm, owner, name, true) else {
        return instr.back_off();
    };
    instr.clear_tags(ATTR_TAGS);
    if !instr.admit_tag(ATTR_TAGS, tag) {
        return instr.back_off();
    }
    let index = crate::objects::object::instance_dict_index(vm, owner, name)
        .and_then(|i| u16::try_from(i).ok());
    instr.set_unit(3, index.unwrap_or(u16::MAX));
    instr.specialize(specialized::STORE_ATTR_WITH_HINT)
}

/// STORE_ATTR_WITH_HINT on an instance of a class it has not seen:
/// whether the class writes the attribute as the others do, its tag now
/// cached.
pub fn admit_store_attr(vm: &Vm, instr: Instruction, owner: &Object, name: &Object) -> bool {
    instance_attribute_tag(vm, owner, name, true).is_some_and(|tag| instr.admit_tag(ATTR_TAGS, tag))
}

/// LOAD_METHOD (cache: counter; for a module the index in unit 3 and
/// the keys version in units 4 and 5; for a class's method short tags,
/// see [`METHOD_TAGS`], and the method, borrowed, in units 6 to 9):
/// LOAD_METHOD_MODULE for a module's attribute; LOAD_METHOD_NO_DICT and
/// LOAD_METHOD_WITH_DICT for a method that up to six classes share, the
/// latter for instances with a dict, checking that it does not hide it.
pub fn load_method(vm: &Vm, instr: Instruction, owner: &Object, name: &Object) {
    if let Some((version, index)) = module_entry(vm, owner, name) {
        instr.set_u32(4, version);
        instr.set_unit(3, index);
        return instr.specialize(specialized::LOAD_METHOD_MODULE);
    }
    let Some((tp, tag)) = generic_getattr_tag(vm, owner) else {
        return instr.back_off();
    };
    match tp.lookup(vm, name) {
        Some(descr) if crate::protocols::is_method(vm, &descr) => {
            instr.clear_tags(METHOD_TAGS);
            if !instr.admit_tag(METHOD_TAGS, tag) {
                return instr.back_off();
            }
            instr.set_u64(6, descr.id() as u64);
            instr.specialize(if tp.dict_offset.get().is_some() {
                specialized::LOAD_METHOD_WITH_DICT
            } else {
                specialized::LOAD_METHOD_NO_DICT
            });
        }
        _ => instr.back_off(),
    }
}

/// Whether LOAD_METHOD_WITH_DICT or _NO_DICT has seen the class with this
/// version tag.
#[inline]
pub fn method_holds_tag(instr: Instruction, tag: u32) -> bool {
    instr.holds_tag(METHOD_TAGS, tag)
}

/// LOAD_METHOD_WITH_DICT or _NO_DICT on an instance of a class it has not
/// seen: whether the class has the same method, its tag now cached (and
/// the instruction made LOAD_METHOD_WITH_DICT if its instances have a
/// dict).
pub fn admit_load_method(vm: &Vm, instr: Instruction, owner: &Object, name: &Object) -> bool {
    let Some((tp, tag)) = generic_getattr_tag(vm, owner) else {
        return false;
    };
    let same = tp
        .lookup(vm, name)
        .is_some_and(|descr| descr.id() as u64 == instr.u64_at(6));
    if !same || !instr.admit_tag(METHOD_TAGS, tag) {
        return false;
    }
    if tp.dict_offset.get().is_some() {
        instr.specialize(specialized::LOAD_METHOD_WITH_DICT);
    }
    true
}

/// The payload of a str of the type `str` itself.
#[inline]
pub fn exact_str<'a>(vm: &Vm, object: &'a Object) -> Option<&'a crate::objects::str::StrObject> {
    if object.heap_type()?.is(&vm.types.str) {
        object.payload()
    } else {
        None
    }
}

/// Whether `object` is an int of the type `int` itself (`PyLong_CheckExact`).
#[inline]
pub fn is_exact_int(vm: &Vm, object: &Object) -> bool {
    object.as_small_int().is_some() || object.heap_type().is_some_and(|t| t.is(&vm.types.int))
}

/// BINARY_OP: + - * on ints and on floats, float /, and str + (the
/// in-place operators as the plain ones).
pub fn binary_op(vm: &Vm, instr: Instruction, a: &Object, b: &Object, oparg: u32) {
    use crate::objects::float::exact_float_value;
    const ADD: u32 = 0;
    const MULTIPLY: u32 = 5;
    const SUBTRACT: u32 = 10;
    const TRUE_DIVIDE: u32 = 11;
    let ints = is_exact_int(vm, a) && is_exact_int(vm, b);
    let floats = exact_float_value(vm, a).is_some() && exact_float_value(vm, b).is_some();
    let strs = vm.type_of(a).is(&vm.types.str) && vm.type_of(b).is(&vm.types.str);
    let opcode = match oparg % 13 {
        ADD if ints => specialized::BINARY_OP_ADD_INT,
        ADD if floats => specialized::BINARY_OP_ADD_FLOAT,
        ADD if strs && oparg == ADD => specialized::BINARY_OP_ADD_UNICODE,
        SUBTRACT if ints => specialized::BINARY_OP_SUBTRACT_INT,
        SUBTRACT if floats => specialized::BINARY_OP_SUBTRACT_FLOAT,
        MULTIPLY if ints => specialized::BINARY_OP_MULTIPLY_INT,
        MULTIPLY if floats => specialized::BINARY_OP_MULTIPLY_FLOAT,
        TRUE_DIVIDE if floats => specialized::BINARY_OP_TRUE_DIVIDE_FLOAT,
        _ => return instr.back_off(),
    };
    instr.specialize(opcode);
}

/// COMPARE_OP followed by a POP_JUMP_IF_FALSE or _TRUE (cache: counter,
/// then the outcomes that jump): COMPARE_OP_INT_JUMP for small ints,
/// COMPARE_OP_FLOAT_JUMP for floats, COMPARE_OP_STR_JUMP for == and !=
/// on strs. The outcomes are bits: 1 less, 2 equal, 4 greater, 8
/// unordered (a NaN).
pub fn compare_op(
    vm: &Vm,
    instr: Instruction,
    next: Option<u16>,
    a: &Object,
    b: &Object,
    op: crate::typeobject::CompareOp,
) {
    use crate::typeobject::CompareOp;
    use krait_compiler::opcode::number;
    let jump_if_true = match next.map(|unit| unit & 0xff) {
        Some(number::POP_JUMP_FORWARD_IF_TRUE | number::POP_JUMP_BACKWARD_IF_TRUE) => true,
        Some(number::POP_JUMP_FORWARD_IF_FALSE | number::POP_JUMP_BACKWARD_IF_FALSE) => false,
        _ => return instr.back_off(),
    };
    let holds: u16 = match op {
        CompareOp::Lt => 1,
        CompareOp::Le => 1 | 2,
        CompareOp::Eq => 2,
        CompareOp::Ne => 1 | 4 | 8,
        CompareOp::Gt => 4,
        CompareOp::Ge => 2 | 4,
    };
    let opcode = if a.as_small_int().is_some() && b.as_small_int().is_some() {
        specialized::COMPARE_OP_INT_JUMP
    } else if crate::objects::float::exact_float_value(vm, a).is_some()
        && crate::objects::float::exact_float_value(vm, b).is_some()
    {
        specialized::COMPARE_OP_FLOAT_JUMP
    } else if vm.type_of(a).is(&vm.types.str)
        && vm.type_of(b).is(&vm.types.str)
        && matches!(op, CompareOp::Eq | CompareOp::Ne)
    {
        specialized::COMPARE_OP_STR_JUMP
    } else {
        return instr.back_off();
    };
    instr.set_unit(1, if jump_if_true { holds } else { !holds & 15 });
    instr.specialize(opcode);
}

/// UNPACK_SEQUENCE: UNPACK_SEQUENCE_TWO_TUPLE, _TUPLE and _LIST for a
/// tuple or list (not a subclass) of the right length.
pub fn unpack_sequence(vm: &Vm, instr: Instruction, seq: &Object, count: usize) {
    let ty = vm.type_of(seq);
    let opcode = if ty.is(&vm.types.tuple) {
        if tuple_items(seq).map(<[Object]>::len) != Some(count) {
            return instr.back_off();
        }
        if count == 2 {
            specialized::UNPACK_SEQUENCE_TWO_TUPLE
        } else {
            specialized::UNPACK_SEQUENCE_TUPLE
        }
    } else if ty.is(&vm.types.list) {
        specialized::UNPACK_SEQUENCE_LIST
    } else {
        return instr.back_off();
    };
    instr.specialize(opcode);
}

/// BINARY_SUBSCR: BINARY_SUBSCR_LIST_INT and _TUPLE_INT for a list or
/// tuple (not a subclass) indexed by a small int, BINARY_SUBSCR_DICT for
/// a dict.
pub fn binary_subscr(vm: &Vm, instr: Instruction, container: &Object, key: &Object) {
    let ty = vm.type_of(container);
    let small = key.as_small_int().is_some();
    let opcode = if ty.is(&vm.types.list) && small {
        specialized::BINARY_SUBSCR_LIST_INT
    } else if ty.is(&vm.types.tuple) && small {
        specialized::BINARY_SUBSCR_TUPLE_INT
    } else if ty.is(&vm.types.dict) {
        specialized::BINARY_SUBSCR_DICT
    } else {
        return instr.back_off();
    };
    instr.specialize(opcode);
}

/// STORE_SUBSCR: STORE_SUBSCR_LIST_INT for a list (not a subclass)
/// indexed by a small int, STORE_SUBSCR_DICT for a dict.
pub fn store_subscr(vm: &Vm, instr: Instruction, container: &Object, key: &Object) {
    let ty = vm.type_of(container);
    let opcode = if ty.is(&vm.types.list) && key.as_small_int().is_some() {
        specialized::STORE_SUBSCR_LIST_INT
    } else if ty.is(&vm.types.dict) {
        specialized::STORE_SUBSCR_DICT
    } else {
        return instr.back_off();
    };
    instr.specialize(opcode);
}

/// FOR_ITER, which has no cache and so no counter: FOR_ITER_LIST,
/// FOR_ITER_TUPLE and FOR_ITER_RANGE as soon as it runs on their
/// iterators.
pub fn for_iter(vm: &Vm, instr: Instruction, iterator: &Object) {
    let ty = vm.type_of(iterator);
    if ty.is(&vm.types.list_iterator) {
        instr.specialize(specialized::FOR_ITER_LIST);
    } else if ty.is(&vm.types.tuple_iterator) {
        instr.specialize(specialized::FOR_ITER_TUPLE);
    } else if ty.is(&vm.types.range_iterator) {
        instr.specialize(specialized::FOR_ITER_RANGE);
    }
}

/// Writes the superinstructions over pairs of instructions that run one
/// after the other (`_PyCode_Quicken`): a local or constant loaded right
/// after another, a store followed by a load or a store. The second
/// instruction stays as it is, for jumps to it. Done once, when the code
/// object is made.
pub fn quicken(instructions: &[Cell<u16>]) {
    use krait_compiler::opcode::{number, INLINE_CACHE_ENTRIES};
    let mut i = 0;
    while i + 1 < instructions.len() {
        let unit = instructions[i].get();
        let first = unit & 0xff;
        let pair = match (first, instructions[i + 1].get() & 0xff) {
            (number::LOAD_FAST, number::LOAD_FAST) => Some(specialized::LOAD_FAST__LOAD_FAST),
            (number::LOAD_FAST, number::LOAD_CONST) => Some(specialized::LOAD_FAST__LOAD_CONST),
            (number::LOAD_CONST, number::LOAD_FAST) => Some(specialized::LOAD_CONST__LOAD_FAST),
            (number::STORE_FAST, number::LOAD_FAST) => Some(specialized::STORE_FAST__LOAD_FAST),
            (number::STORE_FAST, number::STORE_FAST) => Some(specialized::STORE_FAST__STORE_FAST),
            _ => None,
        };
        if let Some(pair) = pair {
            instructions[i].set(unit & 0xff00 | pair);
        }
        i += 1 + usize::from(INLINE_CACHE_ENTRIES[usize::from(first)]);
    }
}

/// PRECALL: PRECALL_PYFUNC and PRECALL_BOUND_METHOD for what CALL runs
/// as a Python function; with no keyword arguments, for a function
/// written in Rust, which the specialized instruction calls itself,
/// skipping the CALL after it: PRECALL_NO_KW_LEN, _ISINSTANCE and _LIST_APPEND for those
/// three, PRECALL_NO_KW_BUILTIN_FAST for another builtin function and
/// PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST for a method of a builtin type
/// loaded by LOAD_METHOD.
pub fn precall(
    vm: &Vm,
    instr: Instruction,
    callable: &Object,
    is_meth: bool,
    nargs: u32,
    has_kwnames: bool,
) {
    use crate::objects::function::{BuiltinFunctionObject, MethodObject, NativeFn};
    // What the real instruction does, without counting down: nothing for
    // a Python function, the method's function and self for a bound one.
    if callable.payload::<FunctionObject>().is_some() {
        return instr.specialize(specialized::PRECALL_PYFUNC);
    }
    if !is_meth && callable.payload::<MethodObject>().is_some() {
        return instr.specialize(specialized::PRECALL_BOUND_METHOD);
    }
    let Some(b) = callable.payload::<BuiltinFunctionObject>() else {
        return instr.back_off();
    };
    // Past 255 arguments CALL has an EXTENDED_ARG of its own to skip.
    if has_kwnames || nargs > 255 {
        return instr.back_off();
    }
    let ty = vm.type_of(callable);
    let is = |f: NativeFn| std::ptr::fn_addr_eq(b.func, f);
    let opcode = if ty.is(&vm.types.builtin_function) && !is_meth {
        if is(crate::builtins::builtin_len) && nargs == 1 {
            specialized::PRECALL_NO_KW_LEN
        } else if is(crate::builtins::builtin_isinstance) && nargs == 2 {
            specialized::PRECALL_NO_KW_ISINSTANCE
        } else {
            specialized::PRECALL_NO_KW_BUILTIN_FAST
        }
    } else if ty.is(&vm.types.method_descriptor) && is_meth {
        if is(crate::objects::list::list_append) && nargs == 1 {
            specialized::PRECALL_NO_KW_LIST_APPEND
        } else {
            specialized::PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST
        }
    } else {
        return instr.back_off();
    };
    instr.specialize(opcode);
}

/// Whether `callable` is the function written in Rust `f`.
#[inline]
pub fn is_native(callable: &Object, f: crate::objects::function::NativeFn) -> bool {
    callable
        .payload::<crate::objects::function::BuiltinFunctionObject>()
        .is_some_and(|b| std::ptr::fn_addr_eq(b.func, f))
}
