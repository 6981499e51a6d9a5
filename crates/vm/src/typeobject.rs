//! Type objects (Objects/typeobject.c, Include/cpython/object.h).
//!
//! A type says how its instances are laid out ([`Layout`], the Rust type
//! of the payload after the header, and `basicsize`), and how the
//! interpreter's protocols apply to them: the [`Slots`] are CPython's
//! `tp_*`, `nb_*`, `sq_*` and `mp_*` function pointers, one field each. A
//! builtin type fills them with Rust functions; a class defined in Python
//! gets, for each special method its namespace defines, a slot function
//! that looks the method up and calls it (`slots.rs`), and inherits the
//! others from its bases. The type's namespace is a [`Dict`] of its own,
//! seen from Python through `__dict__` as a mappingproxy.
//!
//! Attribute lookup on a type walks its MRO, computed by C3 linearization
//! when the type is made (`mro_internal`).

use crate::errors::PyResult;
use crate::gc::GcState;
use crate::object::{self, heap_size, Object, Payload};
use crate::objects::dict::Dict;
use crate::traverse::{Cleared, Traverse};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A comparison operator, in COMPARE_OP's order (`Py_LT` ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
}

impl CompareOp {
    pub fn from_arg(arg: u32) -> CompareOp {
        match arg {
            0 => CompareOp::Lt,
            1 => CompareOp::Le,
            2 => CompareOp::Eq,
            3 => CompareOp::Ne,
            4 => CompareOp::Gt,
            _ => CompareOp::Ge,
        }
    }

    /// The operator with its operands swapped (`_Py_SwappedOp`).
    pub fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Eq => CompareOp::Eq,
            CompareOp::Ne => CompareOp::Ne,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
        }
    }

    pub fn symbol(self) -> &'static str {
        ["<", "<=", "==", "!=", ">", ">="][self as usize]
    }

    pub fn dunder(self) -> &'static str {
        ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"][self as usize]
    }

    /// Whether `ordering` satisfies the operator.
    pub fn test(self, ordering: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CompareOp::Lt => ordering == Less,
            CompareOp::Le => ordering != Greater,
            CompareOp::Eq => ordering == Equal,
            CompareOp::Ne => ordering != Equal,
            CompareOp::Gt => ordering == Greater,
            CompareOp::Ge => ordering != Less,
        }
    }
}

/// The arguments of a call, in vectorcall's convention: positional values,
/// then the values of the keyword arguments named by `kwnames`.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub values: &'a [Object],
    pub kwnames: &'a [Object],
}

impl<'a> Args<'a> {
    pub fn positional_only(values: &'a [Object]) -> Args<'a> {
        Args {
            values,
            kwnames: &[],
        }
    }

    pub fn positional(&self) -> &'a [Object] {
        &self.values[..self.values.len() - self.kwnames.len()]
    }

    /// The keyword arguments, as (name, value) pairs.
    pub fn keywords(&self) -> impl Iterator<Item = (&'a Object, &'a Object)> {
        let values = &self.values[self.values.len() - self.kwnames.len()..];
        self.kwnames.iter().zip(values)
    }

    pub fn has_keywords(&self) -> bool {
        !self.kwnames.is_empty()
    }
}

pub type UnaryFn = fn(&Vm, &Object) -> PyResult;
pub type BinaryFn = fn(&Vm, &Object, &Object) -> PyResult;
pub type TernaryFn = fn(&Vm, &Object, &Object, &Object) -> PyResult;
pub type HashFn = fn(&Vm, &Object) -> PyResult<i64>;
pub type InquiryFn = fn(&Vm, &Object) -> PyResult<bool>;
pub type LenFn = fn(&Vm, &Object) -> PyResult<usize>;
pub type CallFn = fn(&Vm, &Object, Args) -> PyResult;
pub type NewFn = fn(&Vm, &Object, Args) -> PyResult;
pub type InitFn = fn(&Vm, &Object, Args) -> PyResult<()>;
pub type GetattroFn = fn(&Vm, &Object, &Object) -> PyResult;
pub type SetattroFn = fn(&Vm, &Object, &Object, Option<&Object>) -> PyResult<()>;
pub type RichcmpFn = fn(&Vm, &Object, &Object, CompareOp) -> PyResult;
pub type IterNextFn = fn(&Vm, &Object) -> PyResult<Option<Object>>;
pub type DescrGetFn = fn(&Vm, &Object, Option<&Object>, &Object) -> PyResult;
pub type DescrSetFn = fn(&Vm, &Object, &Object, Option<&Object>) -> PyResult<()>;
pub type SetItemFn = fn(&Vm, &Object, &Object, Option<&Object>) -> PyResult<()>;
pub type ContainsFn = fn(&Vm, &Object, &Object) -> PyResult<bool>;
/// `tp_finalize`: reports its own errors, as it runs where no one could
/// catch them.
pub type FinalizeFn = fn(&Vm, &Object);

macro_rules! slots {
    ($( $(#[$doc:meta])* $name:ident: $ty:ty, )*) => {
        /// A type's protocol functions; None where the type does not
        /// support the protocol.
        #[derive(Default)]
        pub struct Slots {
            $( $(#[$doc])* pub $name: Cell<Option<$ty>>, )*
        }

        impl Slots {
            /// Unsets every slot.
            pub fn clear(&self) {
                $( self.$name.set(None); )*
            }

            /// Every slot the type does not set comes from `base`
            /// (`inherit_slots`).
            pub fn inherit(&self, base: &Slots) {
                $( if self.$name.get().is_none() { self.$name.set(base.$name.get()); } )*
            }
        }
    };
}

slots! {
    repr: UnaryFn,
    str: UnaryFn,
    hash: HashFn,
    call: CallFn,
    getattro: GetattroFn,
    setattro: SetattroFn,
    richcompare: RichcmpFn,
    iter: UnaryFn,
    iternext: IterNextFn,
    descr_get: DescrGetFn,
    descr_set: DescrSetFn,
    init: InitFn,
    new: NewFn,
    nb_add: BinaryFn,
    nb_subtract: BinaryFn,
    nb_multiply: BinaryFn,
    nb_remainder: BinaryFn,
    nb_divmod: BinaryFn,
    nb_power: TernaryFn,
    nb_negative: UnaryFn,
    nb_positive: UnaryFn,
    nb_absolute: UnaryFn,
    nb_bool: InquiryFn,
    nb_invert: UnaryFn,
    nb_lshift: BinaryFn,
    nb_rshift: BinaryFn,
    nb_and: BinaryFn,
    nb_xor: BinaryFn,
    nb_or: BinaryFn,
    nb_int: UnaryFn,
    nb_float: UnaryFn,
    nb_floor_divide: BinaryFn,
    nb_true_divide: BinaryFn,
    nb_index: UnaryFn,
    nb_matrix_multiply: BinaryFn,
    nb_inplace_add: BinaryFn,
    nb_inplace_subtract: BinaryFn,
    nb_inplace_multiply: BinaryFn,
    nb_inplace_remainder: BinaryFn,
    nb_inplace_power: TernaryFn,
    nb_inplace_lshift: BinaryFn,
    nb_inplace_rshift: BinaryFn,
    nb_inplace_and: BinaryFn,
    nb_inplace_xor: BinaryFn,
    nb_inplace_or: BinaryFn,
    nb_inplace_floor_divide: BinaryFn,
    nb_inplace_true_divide: BinaryFn,
    nb_inplace_matrix_multiply: BinaryFn,
    /// `len()` (`sq_length` and `mp_length` are one here).
    length: LenFn,
    sq_concat: BinaryFn,
    sq_contains: ContainsFn,
    /// `x[key]` (`mp_subscript`; `sq_item` goes through it).
    getitem: BinaryFn,
    /// `x[key] = value` and `del x[key]`.
    setitem: SetItemFn,
    /// `__del__` (PEP 442): run before the object is freed, once.
    finalize: FinalizeFn,
}

/// Type flags (`Py_TPFLAGS_*`).
pub mod flags {
    /// Instances match sequence patterns (`case [a, b]`).
    pub const SEQUENCE: u32 = 1 << 5;
    /// Instances match mapping patterns (`case {"k": v}`).
    pub const MAPPING: u32 = 1 << 6;
    pub const HEAPTYPE: u32 = 1 << 9;
    pub const BASETYPE: u32 = 1 << 10;
    /// Instances carry a link for the cycle collector (`gc.rs`).
    pub const HAVE_GC: u32 = 1 << 14;
    /// The class has abstract methods left: it cannot be instantiated.
    pub const IS_ABSTRACT: u32 = 1 << 20;
    pub const HAS_DICT: u32 = 1 << 11;
    pub const IMMUTABLETYPE: u32 = 1 << 8;
    pub const LONG_SUBCLASS: u32 = 1 << 24;
    pub const LIST_SUBCLASS: u32 = 1 << 25;
    pub const TUPLE_SUBCLASS: u32 = 1 << 26;
    pub const BYTES_SUBCLASS: u32 = 1 << 27;
    pub const UNICODE_SUBCLASS: u32 = 1 << 28;
    pub const DICT_SUBCLASS: u32 = 1 << 29;
    pub const BASE_EXC_SUBCLASS: u32 = 1 << 30;
    pub const TYPE_SUBCLASS: u32 = 1 << 31;
}

macro_rules! layouts {
    ($( $(#[$doc:meta])* $name:ident => $payload:ty, )*) => {
        /// The Rust type of a heap object's payload: one per builtin
        /// "solid base" (CPython's `tp_basicsize` and `tp_dealloc`
        /// together). Subclasses share their base's layout.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Layout {
            $( $(#[$doc])* $name, )*
        }

        $(
            // SAFETY: each layout names exactly one payload type.
            unsafe impl Payload for $payload {
                const LAYOUT: Layout = Layout::$name;
            }
        )*

        impl Layout {
            /// The size of a heap object of this layout, header included.
            pub fn size(self) -> usize {
                match self {
                    $( Layout::$name => heap_size::<$payload>(), )*
                }
            }

            /// Drops the payload of an object being freed.
            pub(crate) fn drop_fn(self) -> unsafe fn(std::ptr::NonNull<object::ObjectHeader>) {
                match self {
                    $( Layout::$name => object::drop_payload::<$payload>, )*
                }
            }

            /// Whether the payload can hold references (code objects
            /// aside, which cannot be part of a cycle), so instances
            /// are collectable (`Py_TPFLAGS_HAVE_GC`).
            pub fn is_gc(self) -> bool {
                self != Layout::Code
                    && match self {
                        $( Layout::$name => <$payload as Traverse>::HOLDS_REFS, )*
                    }
            }

            /// Visits the references of a payload of this layout.
            pub(crate) fn traverse_fn(self) -> fn(&Object, &mut dyn FnMut(&Object)) {
                match self {
                    $( Layout::$name => |o, visit| o.payload_unchecked::<$payload>().traverse(visit), )*
                }
            }

            /// Clears the references of a payload of this layout.
            pub(crate) fn clear_fn(self) -> fn(&Object, &Vm, &mut Cleared) {
                match self {
                    $( Layout::$name => |o, vm, out| o.payload_unchecked::<$payload>().clear(vm, out), )*
                }
            }
        }
    };
}

use crate::objects as o;

layouts! {
    /// `object()` and classes deriving from nothing else.
    Object => o::object::ObjectPayload,
    Type => TypeObject,
    Int => o::int::IntObject,
    Float => o::float::FloatObject,
    Str => o::str::StrObject,
    Tuple => o::tuple::TupleObject,
    List => o::list::ListObject,
    Dict => o::dict::DictObject,
    Function => o::function::FunctionObject,
    BuiltinFunction => o::function::BuiltinFunctionObject,
    Method => o::function::MethodObject,
    SlotWrapper => o::descr::SlotWrapperObject,
    GetSet => o::descr::GetSetObject,
    Member => o::descr::MemberObject,
    Complex => o::complex::ComplexObject,
    Bytes => o::bytes::BytesObject,
    ByteArray => o::bytearray::ByteArrayObject,
    Set => o::set::SetObject,
    Super => crate::builtins::SuperObject,
    Generator => o::generator::GeneratorObject,
    CoroutineWrapper => o::generator::CoroutineWrapper,
    AsyncGenASend => o::async_generator::ASend,
    AsyncGenAThrow => o::async_generator::AThrow,
    AsyncGenWrappedValue => o::async_generator::WrappedValue,
    AnextAwaitable => o::anext_awaitable::AnextAwaitable,
    ClassMethod => o::descr::ClassMethodObject,
    StaticMethod => o::descr::StaticMethodObject,
    Property => o::descr::PropertyObject,
    MappingProxy => o::descr::MappingProxyObject,
    Code => o::code::CodePayload,
    Cell => o::cell::CellObject,
    Module => o::module::ModuleObject,
    Range => o::range::RangeObject,
    RangeIterator => o::range::RangeIterator,
    SeqIterator => o::iter::SeqIterator,
    CallableIterator => o::iter::CallableIterator,
    SetIterator => o::set::SetIterator,
    DictView => o::dictview::DictView,
    DictIterator => o::dictview::DictIterator,
    Enumerate => o::enumerate::EnumerateObject,
    Reversed => o::enumerate::ReversedObject,
    Zip => o::zip::ZipObject,
    Map => o::map::MapObject,
    Filter => o::filter::FilterObject,
    LongRangeIterator => o::range::LongRangeIterator,
    Slice => o::slice::SliceObject,
    BaseException => crate::exceptions::ExceptionObject,
    Traceback => crate::traceback::TracebackObject,
    WeakRef => o::weakref::WeakRefObject,
    Frame => o::frame::FrameObject,
    GenericAlias => o::genericalias::GenericAliasObject,
    MemoryView => o::memoryview::MemoryViewObject,
    Lock => crate::modules::thread::LockObject,
    ThreadLocal => crate::modules::thread_local::LocalObject,
    Deque => crate::modules::collections::DequeObject,
    PartsIterator => crate::modules::string::PartsIterator,
    SymtableEntry => crate::modules::symtable::SymtableEntry,
    DequeIterator => crate::modules::collections::DequeIterator,
    Union => o::union::UnionObject,
    Count => crate::modules::itertools::CountObject,
    Repeat => crate::modules::itertools::RepeatObject,
    Cycle => crate::modules::itertools::CycleObject,
    Chain => crate::modules::itertools::ChainObject,
    Islice => crate::modules::itertools::IsliceObject,
    Accumulate => crate::modules::itertools::AccumulateObject,
    Starmap => crate::modules::itertools::StarmapObject,
    /// itertools' takewhile, dropwhile and filterfalse.
    PredicateIterator => crate::modules::itertools::PredicateIterator,
    Compress => crate::modules::itertools::CompressObject,
    Pairwise => crate::modules::itertools::PairwiseObject,
    ZipLongest => crate::modules::itertools::ZipLongestObject,
    Product => crate::modules::itertools::ProductObject,
    /// itertools' combinations and combinations_with_replacement.
    Combinations => crate::modules::itertools::CombinationsObject,
    Permutations => crate::modules::itertools::PermutationsObject,
    GroupBy => crate::modules::itertools::GroupByObject,
    Grouper => crate::modules::itertools::GrouperObject,
    Tee => crate::modules::itertools::TeeObject,
    TeeData => crate::modules::itertools::TeeDataObject,
    SrePattern => crate::modules::sre::pattern::PatternObject,
    SreMatch => crate::modules::sre::match_object::MatchObject,
    SreScanner => crate::modules::sre::scanner::ScannerObject,
    FileIO => crate::modules::io::fileio::FileIO,
    Buffered => crate::modules::io::buffered::Buffered,
    BufferedRWPair => crate::modules::io::buffered::RWPair,
    TextIOWrapper => crate::modules::io::textio::TextIOWrapper,
    NewlineDecoder => crate::modules::io::textio::NewlineDecoder,
    StringIO => crate::modules::io::stringio::StringIO,
    Context => crate::modules::contextvars::ContextObject,
    ContextVar => crate::modules::contextvars::ContextVarObject,
    Token => crate::modules::contextvars::TokenObject,
    BytesIO => crate::modules::io::bytesio::BytesIO,
    ScandirIterator => crate::modules::scandir::ScandirIterator,
    DirEntry => crate::modules::scandir::DirEntry,
    Hash => crate::modules::hash_object::HashObject,
    ZlibCompress => crate::modules::zlib::CompressObject,
    ZlibDecompress => crate::modules::zlib::DecompressObject,
    Struct => crate::modules::_struct::StructObject,
    UnpackIterator => crate::modules::_struct::UnpackIterator,
    Random => crate::modules::_random::RandomObject,
    Array => crate::modules::array::ArrayObject,
    ArrayIterator => crate::modules::array::ArrayIterator,
}

/// The payload of a type object (`PyTypeObject`). Laid out in this
/// order: what every attribute access and `payload()` check reads comes
/// first, in the cache line of the type's header.
#[derive(krait_derive::Traverse)]
#[repr(C)]
pub struct TypeObject {
    #[traverse(skip)]
    pub layout: Layout,
    pub flags: Cell<u32>,
    /// The version tag (`tp_version_tag`), 0 for none, and the stamp it
    /// was last checked at (see `type_cache.rs`).
    #[traverse(skip)]
    pub version_tag: Cell<u32>,
    #[traverse(skip)]
    pub tag_checked: Cell<u64>,
    /// The offset of the instance `__dict__` word, if instances have one.
    #[traverse(skip)]
    pub dict_offset: Cell<Option<usize>>,
    /// The value words where instances keep their attributes until their
    /// `__dict__` is asked for, and the names of the words.
    pub values: crate::objects::instance_values::InstanceValues,
    /// The size of an instance, header, payload and instance words.
    pub basicsize: Cell<usize>,
    /// The offset of the word that lists the weak references to an
    /// instance (`tp_weaklistoffset`), if instances can have them.
    #[traverse(skip)]
    pub weaklist_offset: Cell<Option<usize>>,
    #[traverse(skip)]
    pub slots: Slots,
    pub name: RefCell<String>,
    pub qualname: RefCell<String>,
    /// Byte offsets of the instance words: the `__dict__` first if the
    /// type has one, then `__slots__`.
    pub instance_slots: RefCell<Vec<usize>>,
    pub base: RefCell<Option<Object>>,
    pub bases: RefCell<Vec<Object>>,
    pub mro: RefCell<Vec<Object>>,
    pub dict: Dict,
    /// Weak references to the classes that name this one as a base
    /// (`tp_subclasses`), for `__subclasses__()`.
    pub subclasses: RefCell<Vec<Object>>,
    /// The interpreter's collector, which instances are tracked by.
    #[traverse(skip)]
    pub gc: Rc<GcState>,
}

impl TypeObject {
    /// A type of the interpreter whose collector is `gc`; instances are
    /// collectable if the layout can hold references.
    pub fn new(name: &str, layout: Layout, flags: u32, gc: &Rc<GcState>) -> TypeObject {
        let flags = if layout.is_gc() {
            flags | flags::HAVE_GC
        } else {
            flags
        };
        // The builtin types whose instances can be weakly referenced have
        // the list head word after the payload.
        let weaklist = matches!(
            layout,
            Layout::Type
                | Layout::Function
                | Layout::BuiltinFunction
                | Layout::Method
                | Layout::Set
                | Layout::Generator
                | Layout::Code
                | Layout::Module
                | Layout::Lock
                | Layout::ThreadLocal
        )
        .then(|| layout.size());
        let basicsize = layout.size() + weaklist.map_or(0, |_| std::mem::size_of::<usize>());
        TypeObject {
            name: RefCell::new(name.to_string()),
            qualname: RefCell::new(name.to_string()),
            flags: Cell::new(flags),
            layout,
            basicsize: Cell::new(basicsize),
            instance_slots: RefCell::new(Vec::new()),
            dict_offset: Cell::new(None),
            values: Default::default(),
            weaklist_offset: Cell::new(weaklist),
            base: RefCell::new(None),
            bases: RefCell::new(Vec::new()),
            mro: RefCell::new(Vec::new()),
            dict: Dict::for_type(),
            subclasses: RefCell::new(Vec::new()),
            slots: Slots::default(),
            version_tag: Cell::new(0),
            tag_checked: Cell::new(0),
            gc: gc.clone(),
        }
    }

    pub fn name(&self) -> String {
        self.name.borrow().clone()
    }

    /// The name messages give a type (`tp_name`): a builtin type defined
    /// by a module other than builtins carries the module's name, as
    /// `collections.deque` does.
    pub fn tp_name(&self, vm: &Vm) -> String {
        let name = self.name();
        // A name with a dot is a `tp_name` already (`re.Pattern`).
        if !self.has_flag(flags::HEAPTYPE) && !name.contains('.') {
            if let Some(module) = self.dict.get_str(vm, &vm.names.__module__) {
                if let Some(m) = module.payload::<crate::objects::str::StrObject>() {
                    return format!("{}.{}", m.to_string_lossy(), name);
                }
            }
        }
        name
    }

    pub fn has_flag(&self, flag: u32) -> bool {
        self.flags.get() & flag != 0
    }

    pub(crate) fn instance_slot_offsets(&self) -> std::cell::Ref<'_, Vec<usize>> {
        self.instance_slots.borrow()
    }

    pub(crate) fn layout_drop(&self) -> unsafe fn(std::ptr::NonNull<object::ObjectHeader>) {
        self.layout.drop_fn()
    }

    /// Looks `name` up along the MRO (`_PyType_Lookup`); `name` is an
    /// interned or at least exact str.
    pub fn lookup(&self, vm: &Vm, name: &Object) -> Option<Object> {
        crate::type_cache::lookup(vm, self, name)
    }

    /// [`TypeObject::lookup`] by a Rust string.
    pub fn lookup_str(&self, vm: &Vm, name: &str) -> Option<Object> {
        let name = vm.intern(name);
        self.lookup(vm, &name)
    }
}

/// A builtin type deriving from `base` alone (a static `PyTypeObject`);
/// its slots are inherited once the interpreter has filled in its own.
pub(crate) fn new_static_type(
    type_type: &Object,
    name: &str,
    layout: Layout,
    base: &Object,
    flags: u32,
) -> Object {
    let ty = object::alloc(
        type_type,
        TypeObject::new(
            name,
            layout,
            flags | flags::IMMUTABLETYPE,
            &object::type_payload(type_type).gc,
        ),
    );
    let tp = object::type_payload(&ty);
    // A type of a native module may be named `module.name`, as CPython's
    // `tp_name`; its qualified name is the last part.
    *tp.qualname.borrow_mut() = name.rsplit('.').next().unwrap_or(name).to_string();
    *tp.base.borrow_mut() = Some(base.clone());
    *tp.bases.borrow_mut() = vec![base.clone()];
    let mut mro = vec![ty.clone()];
    mro.extend(object::type_payload(base).mro.borrow().iter().cloned());
    *tp.mro.borrow_mut() = mro;
    ty
}

/// Gives a builtin type without a docstring `__doc__ = None` in its
/// dict, as `type_ready` does, so that its instances' `__doc__` is None
/// rather than `object`'s.
pub(crate) fn set_default_doc(vm: &Vm, ty: &Object) {
    let tp = object::type_payload(ty);
    if tp.dict.get_str(vm, &vm.names.__doc__).is_none() {
        tp.dict
            .set_str(vm, vm.names.__doc__.clone(), vm.none.clone());
    }
}

/// Whether `sub` is `ty` or a subclass of it (`PyType_IsSubtype`).
pub fn is_subtype(sub: &Object, ty: &Object) -> bool {
    if sub.is(ty) {
        return true;
    }
    object::type_payload(sub)
        .mro
        .borrow()
        .iter()
        .any(|t| t.is(ty))
}

/// The payload of a type object.
pub fn type_of_type(ty: &Object) -> &TypeObject {
    object::type_payload(ty)
}

/// The C3 linearization of a class with bases `bases`
/// (`mro_implementation`), or CPython's TypeError for bases whose orders
/// conflict.
pub fn c3_mro(vm: &Vm, ty: &Object, bases: &[Object]) -> PyResult<Vec<Object>> {
    let mut sequences: Vec<Vec<Object>> = bases
        .iter()
        .map(|b| object::type_payload(b).mro.borrow().clone())
        .collect();
    sequences.push(bases.to_vec());
    let mut result = vec![ty.clone()];
    loop {
        sequences.retain(|s| !s.is_empty());
        if sequences.is_empty() {
            return Ok(result);
        }
        let candidate = sequences
            .iter()
            .map(|s| &s[0])
            .find(|head| !sequences.iter().any(|s| s[1..].iter().any(|t| t.is(head))));
        let Some(head) = candidate.cloned() else {
            // CPython names the bases still in conflict, in the order of
            // the class statement.
            let mut names: Vec<String> = Vec::new();
            for base in bases {
                if sequences.iter().any(|s| s[0].is(base)) {
                    let name = object::type_payload(base).name();
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
            }
            return Err(vm.new_type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in sequences.iter_mut() {
            if s[0].is(&head) {
                s.remove(0);
            }
        }
        result.push(head);
    }
}

/// The slots and attributes of `type` itself, and of `object`'s class
/// hooks.
pub(crate) fn init(vm: &Vm) {
    let tp = object::type_payload(&vm.type_type);
    tp.slots.call.set(Some(type_call));
    tp.slots.getattro.set(Some(type_getattro));
    tp.slots.setattro.set(Some(type_setattro));
    tp.slots.repr.set(Some(type_repr));
    tp.slots.new.set(Some(type_new));
    tp.slots.init.set(Some(|vm, _, args| {
        let n = args.positional().len();
        if n != 1 && n != 3 {
            return Err(vm.new_type_error("type.__init__() takes 1 or 3 arguments"));
        }
        Ok(())
    }));
    crate::slots::add_slot_wrappers(vm, &vm.type_type);
    use crate::objects::descr::add_getset;
    add_getset(
        vm,
        &vm.type_type,
        "__name__",
        |vm, t| {
            // A static type's name is the last part of its dotted name
            // (`type_name`); a class's is what it was given.
            let tp = type_of_type(t);
            let name = tp.name();
            if tp.has_flag(flags::HEAPTYPE) {
                return Ok(vm.new_str(&name));
            }
            Ok(vm.new_str(name.rsplit('.').next().unwrap_or(&name)))
        },
        Some(|vm, t, v| {
            let v = check_set_special(vm, t, "__name__", v)?;
            let s = v
                .payload::<crate::objects::str::StrObject>()
                .ok_or_else(|| {
                    vm.new_type_error(format!(
                        "can only assign string to {}.__name__, not '{}'",
                        type_of_type(t).name(),
                        vm.type_name(v)
                    ))
                })?;
            *type_of_type(t).name.borrow_mut() = s.to_string_lossy();
            Ok(())
        }),
    );
    add_getset(
        vm,
        &vm.type_type,
        "__qualname__",
        |vm, t| Ok(vm.new_str(&type_of_type(t).qualname.borrow())),
        Some(|vm, t, v| {
            let v = check_set_special(vm, t, "__qualname__", v)?;
            let s = v
                .payload::<crate::objects::str::StrObject>()
                .ok_or_else(|| {
                    vm.new_type_error(format!(
                        "can only assign string to {}.__qualname__, not '{}'",
                        type_of_type(t).name(),
                        vm.type_name(v)
                    ))
                })?;
            *type_of_type(t).qualname.borrow_mut() = s.to_string_lossy();
            Ok(())
        }),
    );
    add_getset(
        vm,
        &vm.type_type,
        "__module__",
        |vm, t| {
            let tp = type_of_type(t);
            // A builtin type's dict may hold a `__module__` descriptor for
            // its instances (functions do); only a str names its module.
            Ok(tp
                .dict
                .get_str(vm, &vm.names.__module__)
                .filter(|m| {
                    tp.has_flag(flags::HEAPTYPE)
                        || m.payload::<crate::objects::str::StrObject>().is_some()
                })
                .unwrap_or_else(|| vm.new_str("builtins")))
        },
        Some(|vm, t, v| {
            let v = check_set_special(vm, t, "__module__", v)?;
            type_of_type(t)
                .dict
                .set_str(vm, vm.names.__module__.clone(), v.clone());
            Ok(())
        }),
    );
    add_getset(
        vm,
        &vm.type_type,
        "__dict__",
        |vm, t| Ok(crate::objects::descr::new_mappingproxy(vm, t.clone())),
        None,
    );
    add_getset(
        vm,
        &vm.type_type,
        "__mro__",
        |vm, t| Ok(vm.new_tuple(type_of_type(t).mro.borrow().clone())),
        None,
    );
    add_getset(
        vm,
        &vm.type_type,
        "__bases__",
        |vm, t| Ok(vm.new_tuple(type_of_type(t).bases.borrow().clone())),
        Some(set_bases),
    );
    add_getset(
        vm,
        &vm.type_type,
        "__abstractmethods__",
        |vm, t| {
            // `type` itself has the descriptor in its dict, not the set.
            let found = (!t.is(&vm.type_type))
                .then(|| {
                    type_of_type(t)
                        .dict
                        .get_str(vm, &vm.intern("__abstractmethods__"))
                })
                .flatten();
            found.ok_or_else(|| {
                vm.new_exception(&vm.exceptions.attribute_error, "__abstractmethods__")
            })
        },
        Some(|vm, t, value| {
            let tp = type_of_type(t);
            let name = vm.intern("__abstractmethods__");
            let is_abstract = match value {
                Some(v) => {
                    let is_abstract = vm.is_true(v)?;
                    tp.dict.set(vm, name, v.clone())?;
                    is_abstract
                }
                None => {
                    if tp.dict.remove(vm, &name)?.is_none() {
                        return Err(
                            vm.new_exception(&vm.exceptions.attribute_error, "__abstractmethods__")
                        );
                    }
                    false
                }
            };
            let flags = tp.flags.get() & !flags::IS_ABSTRACT;
            tp.flags.set(if is_abstract {
                flags | flags::IS_ABSTRACT
            } else {
                flags
            });
            Ok(())
        }),
    );
    add_getset(
        vm,
        &vm.type_type,
        "__flags__",
        |vm, t| Ok(vm.new_int(i64::from(type_of_type(t).flags.get()))),
        None,
    );
    add_getset(
        vm,
        &vm.type_type,
        "__base__",
        |vm, t| {
            Ok(type_of_type(t)
                .base
                .borrow()
                .clone()
                .unwrap_or_else(|| vm.none.clone()))
        },
        None,
    );
    add_getset(
        vm,
        &vm.type_type,
        "__doc__",
        |vm, t| {
            let doc = type_of_type(t)
                .dict
                .get_str(vm, &vm.names.__doc__)
                .unwrap_or_else(|| vm.none.clone());
            // A class's docstring may be a descriptor, bound to nothing.
            match vm.type_payload_of(&doc).slots.descr_get.get() {
                Some(get) if type_of_type(t).has_flag(flags::HEAPTYPE) => get(vm, &doc, None, t),
                _ => Ok(doc),
            }
        },
        Some(|vm, t, v| {
            let v = check_set_special(vm, t, "__doc__", v)?;
            type_of_type(t)
                .dict
                .set_str(vm, vm.names.__doc__.clone(), v.clone());
            Ok(())
        }),
    );
    crate::objects::function::add_methods(
        vm,
        &vm.type_type,
        &[
            ("mro", |vm, args| {
                crate::objects::function::check_arity(vm, "mro", args, 1, 1)?;
                Ok(vm.new_list(type_of_type(&args.values[0]).mro.borrow().clone()))
            }),
            ("__subclasscheck__", |vm, args| {
                crate::objects::function::check_arity(vm, "__subclasscheck__", args, 2, 2)?;
                Ok(vm.new_bool(
                    args.values[1].payload::<TypeObject>().is_some()
                        && is_subtype(&args.values[1], &args.values[0]),
                ))
            }),
            ("__subclasses__", |vm, args| {
                crate::objects::function::check_arity(vm, "__subclasses__", args, 1, 1)?;
                let tp = type_of_type(&args.values[0]);
                let mut subclasses = tp.subclasses.borrow_mut();
                let live: Vec<Object> = subclasses
                    .iter()
                    .filter_map(|r| {
                        r.payload::<crate::objects::weakref::WeakRefObject>()?
                            .referent()
                    })
                    .collect();
                // Forget the classes that have died meanwhile.
                subclasses.retain(|r| {
                    r.payload::<crate::objects::weakref::WeakRefObject>()
                        .is_some_and(|w| w.referent().is_some())
                });
                Ok(vm.new_list(live))
            }),
            ("__instancecheck__", |vm, args| {
                crate::objects::function::check_arity(vm, "__instancecheck__", args, 2, 2)?;
                Ok(vm.new_bool(vm.is_instance(&args.values[1], &args.values[0])))
            }),
        ],
    );
    let init_subclass =
        crate::objects::function::new_builtin_function(vm, "__init_subclass__", |vm, args| {
            if args.has_keywords() {
                let cls = args
                    .values
                    .first()
                    .map(|c| type_of_type(c).name())
                    .unwrap_or_default();
                return Err(vm.new_type_error(format!(
                    "{cls}.__init_subclass__() takes no keyword arguments"
                )));
            }
            Ok(vm.none.clone())
        });
    object::type_payload(&vm.object_type).dict.set_str(
        vm,
        vm.names.__init_subclass__.clone(),
        crate::objects::descr::new_classmethod(vm, init_subclass),
    );
    // `object.__subclasshook__`: no opinion, whatever it is asked, so
    // that ABCs (abc.ABCMeta) fall back to registration and the MRO.
    let subclasshook =
        crate::objects::function::new_builtin_function(vm, "__subclasshook__", |vm, _| {
            Ok(vm.not_implemented.clone())
        });
    object::type_payload(&vm.object_type).dict.set_str(
        vm,
        vm.intern("__subclasshook__"),
        crate::objects::descr::new_classmethod(vm, subclasshook),
    );
}

/// The value assigned to a special attribute of a class, which a
/// builtin type refuses and which cannot be deleted
/// (`check_set_special_type_attr`, whose messages both say "immutable").
fn check_set_special<'a>(
    vm: &Vm,
    t: &Object,
    attr: &str,
    value: Option<&'a Object>,
) -> PyResult<&'a Object> {
    let tp = type_of_type(t);
    if !tp.has_flag(flags::HEAPTYPE) {
        return Err(vm.new_type_error(format!(
            "cannot set '{attr}' attribute of immutable type '{}'",
            tp.tp_name(vm)
        )));
    }
    value.ok_or_else(|| {
        vm.new_type_error(format!(
            "cannot delete '{attr}' attribute of immutable type '{}'",
            tp.tp_name(vm)
        ))
    })
}

fn type_repr(vm: &Vm, t: &Object) -> PyResult {
    let tp = type_of_type(t);
    let module = crate::objects::object::type_module_name(vm, t);
    let qualname = tp.qualname.borrow().clone();
    Ok(vm.new_str(&match module {
        Some(m) if m != "builtins" => format!("<class '{m}.{qualname}'>"),
        _ => format!("<class '{qualname}'>"),
    }))
}

/// `ty(*args)`: `__new__`, then `__init__` if `__new__` gave an instance
/// of `ty` (`type_call`).
fn type_call(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    if ty.is(&vm.type_type) && args.values.len() == 1 && !args.has_keywords() {
        return Ok(vm.type_of(&args.values[0]).clone());
    }
    let tp = type_of_type(ty);
    let Some(new) = tp.slots.new.get() else {
        let name = tp.tp_name(vm);
        return Err(vm.new_type_error(format!("cannot create '{name}' instances")));
    };
    let object = new(vm, ty, args)?;
    if !vm.is_instance(&object, ty) {
        return Ok(object);
    }
    if let Some(init) = vm.type_payload_of(&object).slots.init.get() {
        init(vm, &object, args)?;
    }
    Ok(object)
}

/// Attribute lookup on a class: the metaclass's data descriptors, then
/// the class's MRO (binding descriptors to the class), then the
/// metaclass's other attributes (`type_getattro`).
fn type_getattro(vm: &Vm, ty: &Object, name: &Object) -> PyResult {
    let meta = vm.type_of(ty);
    let meta_attr = object::type_payload(meta).lookup(vm, name);
    let mut meta_get = None;
    if let Some(attr) = &meta_attr {
        let atp = vm.type_payload_of(attr);
        meta_get = atp.slots.descr_get.get();
        if let (Some(get), Some(_)) = (meta_get, atp.slots.descr_set.get()) {
            return get(vm, attr, Some(ty), meta);
        }
    }
    if let Some(attr) = type_of_type(ty).lookup(vm, name) {
        return match vm.type_payload_of(&attr).slots.descr_get.get() {
            Some(get) => get(vm, &attr, None, ty),
            None => Ok(attr),
        };
    }
    match (meta_get, meta_attr) {
        (Some(get), Some(attr)) => get(vm, &attr, Some(ty), meta),
        (None, Some(attr)) => Ok(attr),
        _ => Err(vm.new_exception(
            &vm.exceptions.attribute_error,
            format!(
                "type object '{}' has no attribute '{}'",
                type_of_type(ty).name(),
                crate::objects::str::as_rust_str(name)
            ),
        )),
    }
}

fn type_setattro(vm: &Vm, ty: &Object, name: &Object, value: Option<&Object>) -> PyResult<()> {
    let meta = vm.type_of(ty);
    if let Some(attr) = object::type_payload(meta).lookup(vm, name) {
        if let Some(set) = vm.type_payload_of(&attr).slots.descr_set.get() {
            return set(vm, &attr, ty, value);
        }
    }
    let tp = type_of_type(ty);
    if !tp.has_flag(flags::HEAPTYPE) {
        return Err(vm.new_type_error(format!(
            "cannot set '{}' attribute of immutable type '{}'",
            crate::objects::str::as_rust_str(name),
            tp.tp_name(vm)
        )));
    }
    let name = vm.intern_object(name);
    match value {
        Some(v) => tp.dict.set(vm, name.clone(), v.clone())?,
        None => {
            if tp.dict.remove(vm, &name)?.is_none() {
                return Err(vm.new_exception(
                    &vm.exceptions.attribute_error,
                    format!(
                        "type object '{}' has no attribute '{}'",
                        tp.name(),
                        crate::objects::str::as_rust_str(&name)
                    ),
                ));
            }
        }
    }
    let is_special = crate::slots::SLOTDEFS
        .iter()
        .any(|d| d.name == crate::objects::str::as_rust_str(&name));
    if is_special {
        refresh_slots(vm, ty);
    }
    Ok(())
}

/// `cls.__bases__ = bases` (`type_set_bases`): new bases whose instances
/// are laid out as the old ones', then a new MRO for the class and the
/// classes deriving from it.
fn set_bases(vm: &Vm, t: &Object, value: Option<&Object>) -> PyResult<()> {
    let value = check_set_special(vm, t, "__bases__", value)?;
    let tp = type_of_type(t);
    let Some(new_bases) = crate::objects::tuple::tuple_items(value) else {
        return Err(vm.new_type_error(format!(
            "can only assign tuple to {}.__bases__, not {}",
            tp.name(),
            vm.type_name(value)
        )));
    };
    if new_bases.is_empty() {
        return Err(vm.new_type_error(format!(
            "can only assign non-empty tuple to {}.__bases__, not ()",
            tp.name()
        )));
    }
    for base in new_bases {
        if base.payload::<TypeObject>().is_none() {
            return Err(vm.new_type_error(format!(
                "{}.__bases__ must be tuple of classes, not '{}'",
                tp.name(),
                vm.type_name(base)
            )));
        }
        if is_subtype(base, t) {
            return Err(vm.new_type_error("a __bases__ item causes an inheritance cycle"));
        }
    }
    let new_base = best_base(new_bases);
    let old_base = tp
        .base
        .borrow()
        .clone()
        .unwrap_or_else(|| vm.object_type.clone());
    let (ntp, otp) = (
        object::type_payload(&new_base),
        object::type_payload(&old_base),
    );
    if ntp.layout != otp.layout {
        return Err(vm.new_type_error(format!(
            "__bases__ assignment: '{}' deallocator differs from '{}'",
            ntp.name(),
            otp.name()
        )));
    }
    // Value words may differ: each class reads its instances' by its own
    // shared keys.
    if ntp.values.size_without_values(ntp.basicsize.get())
        != otp.values.size_without_values(otp.basicsize.get())
        || ntp.dict_offset.get() != otp.dict_offset.get()
        || ntp.weaklist_offset.get() != otp.weaklist_offset.get()
    {
        return Err(vm.new_type_error(format!(
            "__bases__ assignment: '{}' object layout differs from '{}'",
            ntp.name(),
            otp.name()
        )));
    }
    let mro = c3_mro(vm, t, new_bases)?;
    let old_bases = std::mem::replace(&mut *tp.bases.borrow_mut(), new_bases.to_vec());
    *tp.base.borrow_mut() = Some(new_base);
    *tp.mro.borrow_mut() = mro;
    let weak = vm.call(
        &vm.types.weakref,
        Args::positional_only(std::slice::from_ref(t)),
    )?;
    for base in &old_bases {
        object::type_payload(base)
            .subclasses
            .borrow_mut()
            .retain(|r| {
                r.payload::<crate::objects::weakref::WeakRefObject>()
                    .and_then(|w| w.referent())
                    .is_some_and(|c| !c.is(t))
            });
    }
    for base in new_bases {
        object::type_payload(base)
            .subclasses
            .borrow_mut()
            .push(weak.clone());
    }
    update_hierarchy(vm, t)
}

/// The base whose instances are the largest (`best_base`), the first of
/// them on a tie: a class's instances extend its instances.
fn best_base(bases: &[Object]) -> Object {
    bases
        .iter()
        .fold(&bases[0], |best, b| {
            if object::type_payload(b).basicsize.get() > object::type_payload(best).basicsize.get()
            {
                b
            } else {
                best
            }
        })
        .clone()
}

/// After a class's bases changed: its slots, and the MRO and slots of
/// every class deriving from it.
fn update_hierarchy(vm: &Vm, ty: &Object) -> PyResult<()> {
    let tp = type_of_type(ty);
    tp.modified();
    refresh_slots(vm, ty);
    let subclasses: Vec<Object> = tp
        .subclasses
        .borrow()
        .iter()
        .filter_map(|r| {
            r.payload::<crate::objects::weakref::WeakRefObject>()?
                .referent()
        })
        .collect();
    for sub in subclasses {
        let bases = type_of_type(&sub).bases.borrow().clone();
        let mro = c3_mro(vm, &sub, &bases)?;
        *type_of_type(&sub).mro.borrow_mut() = mro;
        update_hierarchy(vm, &sub)?;
    }
    Ok(())
}

/// Recomputes a class's slots after a special method was set or deleted.
pub(crate) fn refresh_slots(vm: &Vm, ty: &Object) {
    let tp = type_of_type(ty);
    tp.slots.clear();
    for base in tp.mro.borrow().iter().skip(1) {
        tp.slots.inherit(&object::type_payload(base).slots);
    }
    crate::slots::fixup_slots(vm, ty);
}

/// `type(name, bases, namespace, **kwds)`: a new class (`type_new`).
fn type_new(vm: &Vm, meta: &Object, args: Args) -> PyResult {
    let positional = args.positional();
    if positional.len() == 1 && meta.is(&vm.type_type) && !args.has_keywords() {
        return Ok(vm.type_of(&positional[0]).clone());
    }
    if positional.len() != 3 {
        return Err(vm.new_type_error("type() takes 1 or 3 arguments"));
    }
    let (name, bases, namespace) = (&positional[0], &positional[1], &positional[2]);
    let name = name
        .payload::<crate::objects::str::StrObject>()
        .ok_or_else(|| {
            vm.new_type_error(format!(
                "type.__new__() argument 1 must be str, not {}",
                vm.type_name(name)
            ))
        })?
        .to_string_lossy();
    let bases = crate::objects::tuple::tuple_items(bases)
        .ok_or_else(|| {
            vm.new_type_error(format!(
                "type.__new__() argument 2 must be tuple, not {}",
                vm.type_name(bases)
            ))
        })?
        .to_vec();
    let ns = namespace
        .payload::<crate::objects::dict::DictObject>()
        .ok_or_else(|| {
            vm.new_type_error(format!(
                "type.__new__() argument 3 must be dict, not {}",
                vm.type_name(namespace)
            ))
        })?;

    // The most derived metaclass among the bases' wins.
    let mut winner = meta.clone();
    for base in &bases {
        let base_meta = vm.type_of(base);
        if is_subtype(&winner, base_meta) {
            continue;
        }
        if is_subtype(base_meta, &winner) {
            winner = base_meta.clone();
            continue;
        }
        return Err(vm.new_type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    if !winner.is(meta) {
        if let Some(new) = object::type_payload(&winner).slots.new.get() {
            if new as usize != type_new as NewFn as usize {
                return new(vm, &winner, args);
            }
        }
    }

    let bases = if bases.is_empty() {
        vec![vm.object_type.clone()]
    } else {
        bases
    };
    for base in &bases {
        let Some(btp) = base.payload::<TypeObject>() else {
            return Err(
                vm.new_type_error(format!("bases must be types, not {}", vm.type_name(base)))
            );
        };
        if !btp.has_flag(flags::BASETYPE) {
            return Err(vm.new_type_error(format!(
                "type '{}' is not an acceptable base type",
                btp.tp_name(vm)
            )));
        }
    }
    // The solid base: the one base whose layout is not plain `object`.
    let mut solid = bases[0].clone();
    for base in &bases {
        let layout = object::type_payload(base).layout;
        let current = object::type_payload(&solid).layout;
        if layout != Layout::Object && current == Layout::Object {
            solid = base.clone();
        } else if layout != Layout::Object && layout != current {
            return Err(vm.new_type_error("multiple bases have instance lay-out conflict"));
        }
    }
    let stp = object::type_payload(&solid);
    let pattern_flags = bases
        .iter()
        .map(|b| object::type_payload(b).flags.get() & (flags::SEQUENCE | flags::MAPPING))
        .fold(0, |a, b| a | b);
    let inherited_flags = pattern_flags
        | stp.flags.get()
            & (flags::LONG_SUBCLASS
                | flags::LIST_SUBCLASS
                | flags::TUPLE_SUBCLASS
                | flags::BYTES_SUBCLASS
                | flags::UNICODE_SUBCLASS
                | flags::DICT_SUBCLASS
                | flags::BASE_EXC_SUBCLASS
                | flags::TYPE_SUBCLASS);
    let tp = TypeObject::new(
        &name,
        stp.layout,
        flags::HEAPTYPE | flags::BASETYPE | flags::HAS_DICT | inherited_flags,
        &stp.gc,
    );
    // The instances extend those of the base with the largest ones
    // (`best_base`): its instance words, then the class's own.
    let best = best_base(&bases);
    let btp = object::type_payload(&best);
    let base_dict = btp.dict_offset.get();
    let base_weaklist = btp.weaklist_offset.get();
    let mut instance_slots = btp.instance_slots.borrow().clone();
    let mut size = btp.basicsize.get();
    // Variable-size instances (int, tuple, bytes) have no fixed place
    // for the weak reference list.
    let may_add_weak = base_weaklist.is_none()
        && !matches!(btp.layout, Layout::Int | Layout::Tuple | Layout::Bytes);
    let declared = declared_slots(vm, &name, ns, base_dict.is_some(), base_weaklist.is_none())?;
    if matches!(btp.layout, Layout::Int | Layout::Tuple | Layout::Bytes)
        && declared
            .as_ref()
            .is_some_and(|d| !d.names.is_empty() || d.dict || d.weakref)
    {
        return Err(vm.new_type_error(format!(
            "nonempty __slots__ not supported for subtype of '{}'",
            btp.name()
        )));
    }
    // A metaclass's instances are classes, whose namespace is the type's
    // own dict (CPython's `type` has a `tp_dictoffset` its subclasses
    // inherit): they get no instance dict of their own.
    let is_metaclass = stp.has_flag(flags::TYPE_SUBCLASS);
    let wants_dict = declared.as_ref().is_none_or(|d| d.dict) && !is_metaclass;
    let adds_weaklist = may_add_weak && declared.as_ref().is_none_or(|d| d.weakref);
    let adds_dict = base_dict.is_none() && wants_dict;
    match base_dict {
        Some(offset) => tp.dict_offset.set(Some(offset)),
        None if wants_dict => {
            tp.dict_offset.set(Some(size));
            instance_slots.push(size);
            size += std::mem::size_of::<usize>();
        }
        None => tp.flags.set(tp.flags.get() & !flags::HAS_DICT),
    }
    let mut members = Vec::new();
    for slot in declared.map(|d| d.names).unwrap_or_default() {
        members.push((slot, size));
        instance_slots.push(size);
        size += std::mem::size_of::<usize>();
    }
    if adds_weaklist {
        tp.weaklist_offset.set(Some(size));
        size += std::mem::size_of::<usize>();
    } else {
        tp.weaklist_offset.set(base_weaklist);
    }
    if adds_dict || (base_dict.is_some() && btp.values.is_managed()) {
        let word = std::mem::size_of::<usize>();
        let base_values = &btp.values;
        // A subclass that adds no words of its own extends its base's
        // region, which ends its base's instances.
        let offset = if base_values.has_values() && base_values.end() == size {
            base_values.offset()
        } else {
            size
        };
        let words = crate::objects::instance_values::region_size(&ns.dict, &bases)
            .max(base_values.capacity());
        let end = offset + words * word;
        let added = end.saturating_sub(size) / word;
        instance_slots.extend((size..end).step_by(word));
        size = size.max(end);
        tp.values
            .set_region(offset, words, base_values.layout_words() + added);
    }
    // Collectable if the base is, or if the class adds instance words
    // that can hold references.
    if btp.has_flag(flags::HAVE_GC) || size > btp.basicsize.get() {
        tp.flags.set(tp.flags.get() | flags::HAVE_GC);
    }
    tp.basicsize.set(size);
    *tp.instance_slots.borrow_mut() = instance_slots;
    *tp.base.borrow_mut() = Some(solid.clone());
    *tp.bases.borrow_mut() = bases.clone();
    for (key, value) in ns.dict.items() {
        let key = vm.intern_object(&key);
        let value = match crate::objects::str::as_rust_str(&key).as_ref() {
            "__init_subclass__" | "__class_getitem__"
                if value
                    .payload::<crate::objects::function::FunctionObject>()
                    .is_some() =>
            {
                crate::objects::descr::new_classmethod(vm, value)
            }
            "__new__"
                if value
                    .payload::<crate::objects::function::FunctionObject>()
                    .is_some() =>
            {
                crate::objects::descr::new_staticmethod(vm, value)
            }
            _ => value,
        };
        tp.dict.set(vm, key, value)?;
    }
    if let Some(qualname) = tp.dict.remove(vm, &vm.names.__qualname__)? {
        let q = qualname
            .payload::<crate::objects::str::StrObject>()
            .ok_or_else(|| {
                vm.new_type_error(format!(
                    "type __qualname__ must be a str, not {}",
                    vm.type_name(&qualname)
                ))
            })?;
        *tp.qualname.borrow_mut() = q.to_string_lossy();
    }
    if tp.dict.get_str(vm, &vm.names.__module__).is_none() {
        if let Some(frame) = crate::eval::current_frame(vm) {
            if let Some(module) = frame
                .globals
                .payload::<crate::objects::dict::DictObject>()
                .and_then(|g| g.dict.get_str(vm, &vm.names.__name__))
            {
                tp.dict.set_str(vm, vm.names.__module__.clone(), module);
            }
        }
    }
    if tp.dict.get_str(vm, &vm.names.__doc__).is_none() {
        tp.dict
            .set_str(vm, vm.names.__doc__.clone(), vm.none.clone());
    }
    let defines_eq = tp.dict.get_str(vm, &vm.names.__eq__).is_some();
    if defines_eq && tp.dict.get_str(vm, &vm.names.__hash__).is_none() {
        tp.dict
            .set_str(vm, vm.names.__hash__.clone(), vm.none.clone());
    }
    let classcell = tp.dict.remove(vm, &vm.names.__classcell__)?;
    let ty = object::alloc(&winner, tp);
    let weak = vm.call(
        &vm.types.weakref,
        Args::positional_only(std::slice::from_ref(&ty)),
    )?;
    for base in &bases {
        object::type_payload(base)
            .subclasses
            .borrow_mut()
            .push(weak.clone());
    }
    if adds_dict {
        add_dict_getset(vm, &ty);
    }
    if adds_weaklist {
        crate::objects::weakref::add_weakref_getset(vm, &ty);
    }
    for (slot, offset) in members {
        let descr = crate::objects::descr::new_member(vm, &ty, &slot, offset, false);
        object::type_payload(&ty)
            .dict
            .set_str(vm, vm.intern(&slot), descr);
    }
    let mro = c3_mro(vm, &ty, &bases)?;
    *object::type_payload(&ty).mro.borrow_mut() = mro;
    let tp = object::type_payload(&ty);
    for base in tp.mro.borrow().iter().skip(1) {
        tp.slots.inherit(&object::type_payload(base).slots);
    }
    crate::slots::fixup_slots(vm, &ty);
    if let Some(cell) = classcell {
        match cell.payload::<crate::objects::cell::CellObject>() {
            Some(c) => *c.contents.borrow_mut() = Some(ty.clone()),
            None => {
                return Err(vm.new_type_error(format!(
                    "__classcell__ must be a nonlocal cell, not {}",
                    vm.repr_string(&vm.type_of(&cell).clone())?
                )))
            }
        }
    }
    // __set_name__ for each attribute that has it, then __init_subclass__.
    for (key, value) in tp.dict.items() {
        if let Some(set_name) = vm.lookup_special(&value, &vm.names.__set_name__)? {
            vm.call(&set_name, Args::positional_only(&[ty.clone(), key.clone()]))
                .inspect_err(|e| {
                    let note = format!(
                        "Error calling __set_name__ on '{}' instance {} in '{}'",
                        vm.type_name(&value),
                        vm.repr_string(&key).unwrap_or_default(),
                        tp.name()
                    );
                    // The note is best effort: the original error is raised.
                    let _ = vm.call_method(&e.0, "add_note", &[vm.new_str(&note)]);
                })?;
        }
    }
    let parent_init = tp.mro.borrow().iter().skip(1).find_map(|b| {
        object::type_payload(b)
            .dict
            .get_str(vm, &vm.names.__init_subclass__)
    });
    if let Some(init_subclass) = parent_init {
        let bound = match vm.type_payload_of(&init_subclass).slots.descr_get.get() {
            Some(get) => get(vm, &init_subclass, None, &ty)?,
            None => init_subclass,
        };
        vm.call(
            &bound,
            Args {
                values: args
                    .keywords()
                    .map(|(_, v)| v.clone())
                    .collect::<Vec<_>>()
                    .as_slice(),
                kwnames: args.kwnames,
            },
        )?;
    }
    Ok(ty)
}

/// The `__dict__` attribute of instances of a type that gives them a
/// dict.
fn add_dict_getset(vm: &Vm, ty: &Object) {
    crate::objects::descr::add_getset(
        vm,
        ty,
        "__dict__",
        |vm, o| {
            crate::objects::object::instance_dict(vm, o)
                .ok_or_else(|| vm.new_exception(&vm.exceptions.attribute_error, "__dict__"))
        },
        Some(|vm, o, value| {
            let Some(value) = value else {
                return Err(vm.new_type_error("cannot delete __dict__"));
            };
            if value
                .payload::<crate::objects::dict::DictObject>()
                .is_none()
            {
                return Err(vm.new_type_error(format!(
                    "__dict__ must be set to a dictionary, not a '{}'",
                    vm.type_name(value)
                )));
            }
            if !crate::objects::object::set_instance_dict(vm, o, value.clone()) {
                return Err(vm.new_type_error("no __dict__"));
            }
            Ok(())
        }),
    );
}

/// Gives the instances of a builtin type an instance dict, as
/// `tp_dictoffset` does (`types.SimpleNamespace`, functions).
pub(crate) fn give_instance_dict(vm: &Vm, ty: &Object) {
    let tp = object::type_payload(ty);
    let offset = tp.basicsize.get();
    tp.dict_offset.set(Some(offset));
    tp.instance_slots.borrow_mut().push(offset);
    tp.basicsize.set(offset + std::mem::size_of::<usize>());
    tp.flags.set(tp.flags.get() | flags::HAS_DICT);
    add_dict_getset(vm, ty);
}

/// A class's `__slots__`: the instance slots it adds, sorted and with
/// private names mangled, and whether `__dict__` is among them.
struct DeclaredSlots {
    names: Vec<String>,
    dict: bool,
    weakref: bool,
}

fn declared_slots(
    vm: &Vm,
    class_name: &str,
    ns: &crate::objects::dict::DictObject,
    base_has_dict: bool,
    may_add_weak: bool,
) -> PyResult<Option<DeclaredSlots>> {
    let Some(decl) = ns.dict.get_str(vm, &vm.names.__slots__) else {
        return Ok(None);
    };
    let items = if decl.payload::<crate::objects::str::StrObject>().is_some() {
        vec![decl]
    } else {
        vm.collect_iterable(&decl)?
    };
    let mut names = Vec::new();
    let mut dict = false;
    let mut weakref = false;
    for item in items {
        let Some(s) = item.payload::<crate::objects::str::StrObject>() else {
            return Err(vm.new_type_error(format!(
                "__slots__ items must be strings, not '{}'",
                vm.type_name(&item)
            )));
        };
        let text = s.to_string_lossy();
        let is_identifier = text
            .chars()
            .next()
            .is_some_and(|c| c == '_' || krait_unicode::is_xid_start(c))
            && text
                .chars()
                .all(|c| c == '_' || krait_unicode::is_xid_continue(c));
        if !is_identifier {
            return Err(vm.new_type_error("__slots__ must be identifiers"));
        }
        match text.as_str() {
            "__dict__" => {
                if base_has_dict || dict {
                    return Err(vm.new_type_error("__dict__ slot disallowed: we already got one"));
                }
                dict = true;
            }
            "__weakref__" => {
                if !may_add_weak || weakref {
                    return Err(vm.new_type_error(
                        "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0",
                    ));
                }
                weakref = true;
            }
            _ => {
                let mangled = if text.starts_with("__") && !text.ends_with("__") {
                    format!("_{}{}", class_name.trim_start_matches('_'), text)
                } else {
                    text.clone()
                };
                if ns.dict.get_str(vm, &vm.intern(&mangled)).is_some() {
                    return Err(vm.new_value_error(format!(
                        "'{text}' in __slots__ conflicts with class variable"
                    )));
                }
                names.push(mangled);
            }
        }
    }
    names.sort();
    Ok(Some(DeclaredSlots {
        names,
        dict,
        weakref,
    }))
}
