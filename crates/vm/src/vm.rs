//! The interpreter state (Include/internal/pycore_interp.h,
//! pycore_pystate.h): the builtin types and singletons, interned strings,
//! the module table, the interpreter lock and the threads' states.
//!
//! Nothing here is global: every interpreter has its own builtin types,
//! so two interpreters in one process share no object (DESIGN.md
//! decision 11). Code reaches the interpreter through `&Vm`, passed to
//! every function that may touch objects; mutable parts sit in cells,
//! safe because only the thread holding the interpreter lock runs it
//! (see `gil.rs`).

use crate::errors::PyResult;
use crate::exceptions::ExceptionTypes;
use crate::object::{self, Object};
use crate::objects::str::StrObject;
use crate::typeobject::{flags, Layout, TypeObject};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

macro_rules! builtin_types {
    ($( $field:ident: $name:literal, $layout:ident, $flags:expr; )*) => {
        /// The builtin types, made when the interpreter starts.
        pub struct BuiltinTypes {
            $( pub $field: Object, )*
        }

        impl BuiltinTypes {
            /// Every builtin type, with its name, in the table's order.
            pub fn all(&self) -> Vec<&Object> {
                vec![ $( &self.$field, )* ]
            }

            fn new(type_type: &Object, object_type: &Object) -> BuiltinTypes {
                BuiltinTypes {
                    $( $field: builtin_type(type_type, object_type, $name, Layout::$layout, $flags), )*
                }
            }
        }
    };
}

const BASE: u32 = flags::BASETYPE;
const FINAL: u32 = 0;

builtin_types! {
    int: "int", Int, BASE | flags::LONG_SUBCLASS;
    bool_: "bool", Int, FINAL | flags::LONG_SUBCLASS;
    float: "float", Float, BASE;
    str: "str", Str, BASE | flags::UNICODE_SUBCLASS;
    tuple: "tuple", Tuple, BASE | flags::TUPLE_SUBCLASS | flags::SEQUENCE;
    list: "list", List, BASE | flags::LIST_SUBCLASS | flags::SEQUENCE;
    dict: "dict", Dict, BASE | flags::DICT_SUBCLASS | flags::MAPPING;
    none: "NoneType", Object, FINAL;
    not_implemented: "NotImplementedType", Object, FINAL;
    ellipsis: "ellipsis", Object, FINAL;
    function: "function", Function, FINAL;
    builtin_function: "builtin_function_or_method", BuiltinFunction, FINAL;
    method_descriptor: "method_descriptor", BuiltinFunction, FINAL;
    method: "method", Method, FINAL;
    slot_wrapper: "wrapper_descriptor", SlotWrapper, FINAL;
    getset_descriptor: "getset_descriptor", GetSet, FINAL;
    member_descriptor: "member_descriptor", Member, FINAL;
    complex: "complex", Complex, BASE;
    bytes: "bytes", Bytes, BASE | flags::BYTES_SUBCLASS;
    bytearray: "bytearray", ByteArray, BASE;
    memoryview: "memoryview", MemoryView, FINAL | flags::SEQUENCE;
    bytes_iterator: "bytes_iterator", SeqIterator, FINAL;
    bytearray_iterator: "bytearray_iterator", SeqIterator, FINAL;
    set: "set", Set, BASE;
    frozenset: "frozenset", Set, BASE;
    super_: "super", Super, BASE;
    generator: "generator", Generator, FINAL;
    coroutine: "coroutine", Generator, FINAL;
    coroutine_wrapper: "coroutine_wrapper", CoroutineWrapper, FINAL;
    async_generator: "async_generator", Generator, FINAL;
    async_generator_asend: "async_generator_asend", AsyncGenASend, FINAL;
    async_generator_athrow: "async_generator_athrow", AsyncGenAThrow, FINAL;
    async_generator_wrapped_value: "async_generator_wrapped_value", AsyncGenWrappedValue, FINAL;
    anext_awaitable: "anext_awaitable", AnextAwaitable, FINAL;
    classmethod: "classmethod", ClassMethod, BASE;
    staticmethod: "staticmethod", StaticMethod, BASE;
    property: "property", Property, BASE;
    mappingproxy: "mappingproxy", MappingProxy, FINAL;
    simple_namespace: "SimpleNamespace", Object, BASE;
    generic_alias: "GenericAlias", GenericAlias, BASE;
    union: "UnionType", Union, FINAL;
    code: "code", Code, FINAL;
    cell: "cell", Cell, FINAL;
    module: "module", Module, BASE;
    range: "range", Range, FINAL | flags::SEQUENCE;
    range_iterator: "range_iterator", RangeIterator, FINAL;
    longrange_iterator: "longrange_iterator", LongRangeIterator, FINAL;
    iterator: "iterator", SeqIterator, FINAL;
    list_iterator: "list_iterator", SeqIterator, FINAL;
    list_reverseiterator: "list_reverseiterator", SeqIterator, FINAL;
    tuple_iterator: "tuple_iterator", SeqIterator, FINAL;
    str_iterator: "str_ascii_iterator", SeqIterator, FINAL;
    callable_iterator: "callable_iterator", CallableIterator, FINAL;
    set_iterator: "set_iterator", SetIterator, FINAL;
    dict_keys: "dict_keys", DictView, FINAL;
    dict_values: "dict_values", DictView, FINAL;
    dict_items: "dict_items", DictView, FINAL;
    dict_keyiterator: "dict_keyiterator", DictIterator, FINAL;
    dict_valueiterator: "dict_valueiterator", DictIterator, FINAL;
    dict_itemiterator: "dict_itemiterator", DictIterator, FINAL;
    dict_reversekeyiterator: "dict_reversekeyiterator", DictIterator, FINAL;
    dict_reversevalueiterator: "dict_reversevalueiterator", DictIterator, FINAL;
    dict_reverseitemiterator: "dict_reverseitemiterator", DictIterator, FINAL;
    enumerate: "enumerate", Enumerate, BASE;
    reversed: "reversed", Reversed, BASE;
    zip: "zip", Zip, BASE;
    map: "map", Map, BASE;
    filter: "filter", Filter, BASE;
    slice: "slice", Slice, FINAL;
    traceback: "traceback", Traceback, FINAL;
    weakref: "ReferenceType", WeakRef, BASE;
    weakproxy: "ProxyType", WeakRef, FINAL;
    weakcallableproxy: "CallableProxyType", WeakRef, FINAL;
    frame: "frame", Frame, FINAL;
    sre_pattern: "re.Pattern", SrePattern, FINAL;
    sre_match: "re.Match", SreMatch, FINAL;
    sre_scanner: "_sre.SRE_Scanner", SreScanner, FINAL;
    symtable_entry: "symtable entry", SymtableEntry, FINAL;
    zlib_compress: "zlib.Compress", ZlibCompress, FINAL;
    zlib_decompress: "zlib.Decompress", ZlibDecompress, FINAL;
}

/// A builtin type deriving from `object` (its bases are fixed up for
/// those with another base in `Vm::new`).
fn builtin_type(
    type_type: &Object,
    object_type: &Object,
    name: &str,
    layout: Layout,
    flags: u32,
) -> Object {
    crate::typeobject::new_static_type(type_type, name, layout, object_type, flags)
}

/// The hash of the interned-string table: the interpreter interns names
/// it looks up by a Rust string on hot paths (special methods called
/// through slots), where SipHash's setup and finalization cost more than
/// the lookup (FxHash's multiply-rotate). A program that made its own
/// attribute names collide would only slow its own interning.
#[derive(Default, Clone, Copy)]
struct IdentifierHash;

#[derive(Default)]
struct IdentifierHasher(u64);

impl std::hash::BuildHasher for IdentifierHash {
    type Hasher = IdentifierHasher;

    fn build_hasher(&self) -> IdentifierHasher {
        IdentifierHasher(0)
    }
}

impl IdentifierHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for IdentifierHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut rest = [0u8; 8];
        rest[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(rest));
    }

    #[inline]
    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Identifiers the interpreter looks up itself, interned once.
macro_rules! names {
    ($( $field:ident, )*) => {
        pub struct Names {
            $( pub $field: Object, )*
        }

        impl Names {
            fn new(vm_intern: &dyn Fn(&str) -> Object) -> Names {
                Names { $( $field: vm_intern(stringify!($field)), )* }
            }
        }
    };
}

names! {
    __name__, __qualname__, __module__, __doc__, __dict__, __class__,
    __init__, __new__, __call__, __repr__, __str__, __hash__, __eq__,
    __getattr__, __getattribute__, __setattr__, __delattr__, __get__,
    __set__, __delete__, __iter__, __next__, __len__, __getitem__,
    __setitem__, __delitem__, __contains__, __bool__, __index__,
    __build_class__, __builtins__, __annotations__, __slots__,
    __init_subclass__, __set_name__, __mro_entries__, __prepare__,
    __class_getitem__, __enter__, __exit__, __file__, __spec__,
    __loader__, __package__, __traceback__, __cause__, __context__,
    __notes__, __weakref__, __float__, __int__, __abs__, __neg__,
    __pos__, __invert__, __format__, __instancecheck__, __subclasscheck__,
    __del__, __classcell__, __all__, __import__, __path__, __version__,
    __main__, __missing__, __reversed__, __round__, __trunc__, __floor__, __ceil__,
    __sizeof__, __reduce__, __reduce_ex__, __dir__, __mro__, __bases__,
    __base__, __abstractmethods__, __orig_bases__, __length_hint__,
    __await__, __aiter__, __anext__, __aenter__, __aexit__,
    __complex__, __bytes__, __fspath__,
    stdin, stdout, stderr,
}

/// An interpreter (`PyInterpreterState` and its main thread's state).
pub struct Vm {
    pub types: BuiltinTypes,
    pub type_type: Object,
    pub object_type: Object,
    pub exceptions: ExceptionTypes,
    /// The classes of the `_io` module, which `open`, `print` and the
    /// standard streams need from the start.
    pub io: crate::modules::io::IoTypes,
    pub none: Object,
    pub true_: Object,
    pub false_: Object,
    pub not_implemented: Object,
    pub ellipsis: Object,
    pub empty_tuple: Object,
    pub empty_str: Object,
    /// The strs of one Latin-1 character, made once
    /// (`_Py_LATIN1_CHR`).
    latin1: Box<[Object]>,
    pub names: Names,
    interned: RefCell<HashMap<Box<str>, Object, IdentifierHash>>,
    /// The `builtins` module and its namespace.
    pub builtins: Object,
    pub builtins_dict: Object,
    /// `sys.modules`.
    pub modules: Object,
    /// The namespace of the `sys` module, which the interpreter reads
    /// `sys.stdout` and the like from even if the module left
    /// `sys.modules` (`interp->sysdict`).
    pub sysdict: std::cell::OnceCell<Object>,
    /// The running thread's state, and the other threads'.
    pub thread: crate::pystate::Threads,
    /// The interpreter lock, shared with the threads that wait for it.
    pub gil: std::sync::Arc<crate::gil::Gil>,
    /// The keys of SipHash for str and bytes (`_Py_HashSecret`).
    pub hash_secret: (u64, u64),
    /// The next dict keys version to give out (`Dict::keys_version`); 0
    /// once they have run out.
    pub next_keys_version: Cell<u32>,
    /// The next type version tag to give out; 0 once they have run out.
    pub next_type_version: Cell<u32>,
    /// Lookups on types by version tag and name.
    pub method_cache: crate::type_cache::MethodCache,
    /// The optimization level modules are compiled at (`-O`, `-OO`).
    pub optimize: Cell<u8>,
    /// `sys.get_int_max_str_digits()`: the most decimal digits an int may
    /// be converted from or to; 0 for no limit.
    pub int_max_str_digits: Cell<usize>,
    /// The size of the native stack the interpreter runs on, which bounds
    /// how deep Rust code may recurse (8 MiB unless the embedder says).
    pub native_stack_size: Cell<usize>,
    /// How the interactive prompt reads a line (`PyOS_ReadlineFunctionPointer`).
    pub read_line: Cell<crate::interactive::ReadLine>,
    /// The cycle collector's state, which every type shares.
    pub gc: std::rc::Rc<crate::gc::GcState>,
    /// The type of `sys.unraisablehook`'s argument, which `sys` does not
    /// show.
    pub unraisable_hook_args: std::cell::OnceCell<Object>,
    /// `gc.garbage` and `gc.callbacks`, which the collector uses.
    pub gc_garbage: Object,
    pub gc_callbacks: Object,
    /// The codec registry, made when first used.
    pub codecs: std::cell::OnceCell<crate::codecs::CodecRegistry>,
    /// The Python handler of each signal, by number (`Handlers[].func`);
    /// empty until `_signal` is imported.
    pub signal_handlers: RefCell<Vec<Option<Object>>>,
    /// The functions `atexit.register` was given, in order; None where
    /// one was unregistered.
    pub atexit_callbacks: RefCell<Vec<Option<crate::modules::atexit::ExitCallback>>>,
    /// What native modules keep between calls (their module state, as
    /// `PyModule_GetState`): exception classes, types, caches, by a key
    /// naming the module and the object.
    pub module_state: RefCell<HashMap<&'static str, Object>>,
}

impl Drop for Vm {
    /// Objects that outlive the interpreter are freed without running
    /// Python code.
    fn drop(&mut self) {
        // Threads still running stop before they could touch it.
        self.gil.set_finalizing();
        self.gc.detach();
    }
}

impl Vm {
    /// A new interpreter, with its builtins ready.
    pub fn new() -> Box<Vm> {
        let gc = std::rc::Rc::new(crate::gc::GcState::new());
        let type_type = object::alloc_self_typed(TypeObject::new(
            "type",
            Layout::Type,
            flags::BASETYPE | flags::TYPE_SUBCLASS | flags::IMMUTABLETYPE,
            &gc,
        ));
        let object_type = object::alloc(
            &type_type,
            TypeObject::new(
                "object",
                Layout::Object,
                flags::BASETYPE | flags::IMMUTABLETYPE,
                &gc,
            ),
        );
        *object::type_payload(&object_type).mro.borrow_mut() = vec![object_type.clone()];
        {
            let tp = object::type_payload(&type_type);
            *tp.base.borrow_mut() = Some(object_type.clone());
            *tp.bases.borrow_mut() = vec![object_type.clone()];
            *tp.mro.borrow_mut() = vec![type_type.clone(), object_type.clone()];
        }
        let types = BuiltinTypes::new(&type_type, &object_type);
        // bool derives from int.
        {
            let tp = object::type_payload(&types.bool_);
            *tp.base.borrow_mut() = Some(types.int.clone());
            *tp.bases.borrow_mut() = vec![types.int.clone()];
            *tp.mro.borrow_mut() =
                vec![types.bool_.clone(), types.int.clone(), object_type.clone()];
        }
        let none = object::alloc(&types.none, crate::objects::object::ObjectPayload);
        let not_implemented = object::alloc(
            &types.not_implemented,
            crate::objects::object::ObjectPayload,
        );
        let ellipsis = object::alloc(&types.ellipsis, crate::objects::object::ObjectPayload);
        let true_ = object::alloc(&types.bool_, crate::objects::int::IntObject::new(1.into()));
        let false_ = object::alloc(&types.bool_, crate::objects::int::IntObject::new(0.into()));
        let empty_tuple = object::alloc(
            &types.tuple,
            crate::objects::tuple::TupleObject::new(Vec::new()),
        );
        let empty_str = object::alloc(&types.str, StrObject::from_str(""));
        let latin1 = (0..=255u32)
            .map(|c| object::alloc(&types.str, StrObject::from_code_points(std::iter::once(c))))
            .collect();
        let interned: RefCell<HashMap<Box<str>, Object, IdentifierHash>> =
            RefCell::new(HashMap::default());
        let intern = |s: &str| -> Object {
            let mut table = interned.borrow_mut();
            if let Some(o) = table.get(s) {
                return o.clone();
            }
            let o = object::alloc(&types.str, StrObject::from_str(s));
            table.insert(s.into(), o.clone());
            o
        };
        let names = Names::new(&intern);
        let exceptions = ExceptionTypes::new(&type_type, &object_type);
        let io = crate::modules::io::IoTypes::new(&type_type, &object_type, &exceptions);
        let builtins_dict = object::alloc(&types.dict, crate::objects::dict::DictObject::new());
        let modules = object::alloc(&types.dict, crate::objects::dict::DictObject::new());
        let builtins = object::alloc(
            &types.module,
            crate::objects::module::ModuleObject::new(builtins_dict.clone()),
        );
        let gc_garbage = object::alloc(
            &types.list,
            crate::objects::list::ListObject::new(Vec::new()),
        );
        let gc_callbacks = object::alloc(
            &types.list,
            crate::objects::list::ListObject::new(Vec::new()),
        );
        let vm = Box::new(Vm {
            types,
            type_type,
            object_type,
            exceptions,
            io,
            none,
            true_,
            false_,
            not_implemented,
            ellipsis,
            empty_tuple,
            empty_str,
            latin1,
            names,
            interned,
            builtins,
            builtins_dict,
            modules,
            sysdict: std::cell::OnceCell::new(),
            thread: crate::pystate::Threads::new(),
            gil: std::sync::Arc::new(crate::gil::Gil::new()),
            hash_secret: crate::objects::hash::secret_from_environment(),
            next_keys_version: Cell::new(1),
            next_type_version: Cell::new(1),
            method_cache: Default::default(),
            optimize: Cell::new(0),
            int_max_str_digits: Cell::new(crate::objects::int::DEFAULT_MAX_STR_DIGITS),
            native_stack_size: Cell::new(8 << 20),
            read_line: Cell::new(crate::interactive::read_line_stdio),
            gc,
            unraisable_hook_args: std::cell::OnceCell::new(),
            gc_garbage,
            gc_callbacks,
            codecs: std::cell::OnceCell::new(),
            signal_handlers: RefCell::new(Vec::new()),
            atexit_callbacks: RefCell::new(Vec::new()),
            module_state: RefCell::new(HashMap::new()),
        });
        crate::objects::init_types(&vm);
        crate::exceptions::init(&vm);
        crate::builtins::init(&vm);
        crate::modules::init(&vm);
        // The builtin types live as long as the interpreter: the collector
        // leaves them alone, as CPython's static types.
        for ty in vm.types.all() {
            crate::gc::untrack(ty);
        }
        for (_, ty) in vm.exceptions.all() {
            crate::gc::untrack(ty);
        }
        crate::gc::untrack(&vm.type_type);
        crate::gc::untrack(&vm.object_type);
        vm.gc.attach(&vm);
        vm
    }

    /// Sets the optimization level (`-O`, `-OO`): modules compile at it
    /// and `__debug__` is false above 0.
    pub fn set_optimize(&self, level: u8) {
        self.optimize.set(level);
        if let Some(d) = self
            .builtins_dict
            .payload::<crate::objects::dict::DictObject>()
        {
            d.dict
                .set_str(self, self.intern("__debug__"), self.new_bool(level == 0));
        }
    }

    /// The interned str `s` (`PyUnicode_InternFromString`).
    pub fn intern(&self, s: &str) -> Object {
        if let Some(o) = self.interned.borrow().get(s) {
            return o.clone();
        }
        let o = object::alloc(&self.types.str, StrObject::from_str(s));
        self.interned.borrow_mut().insert(s.into(), o.clone());
        o
    }

    /// Whether `s` is the interned str of its text (`PyUnicode_CHECK_INTERNED`).
    pub fn is_interned(&self, s: &Object) -> bool {
        let Some(text) = s.payload::<StrObject>().and_then(|t| t.to_str()) else {
            return false;
        };
        self.interned
            .borrow()
            .get(text.as_ref())
            .is_some_and(|o| o.is(s))
    }

    /// The interned str equal to `name`, an exact str.
    pub fn intern_object(&self, name: &Object) -> Object {
        match name.payload::<StrObject>().and_then(|s| s.as_ascii()) {
            Some(s) => self.intern(s),
            None => name.clone(),
        }
    }

    /// `type(object)`.
    #[inline]
    pub fn type_of<'a>(&'a self, object: &'a Object) -> &'a Object {
        match object.heap_type() {
            Some(ty) => ty,
            None => &self.types.int,
        }
    }

    /// The payload of `type(object)`.
    #[inline]
    pub fn type_payload_of<'a>(&'a self, object: &'a Object) -> &'a TypeObject {
        object::type_payload(self.type_of(object))
    }

    /// The name of an object's type, as messages give it (`tp_name`).
    pub fn type_name(&self, object: &Object) -> String {
        self.type_payload_of(object).tp_name(self)
    }

    /// `isinstance(object, ty)` by the MRO alone (no `__instancecheck__`).
    pub fn is_instance(&self, object: &Object, ty: &Object) -> bool {
        crate::typeobject::is_subtype(self.type_of(object), ty)
    }

    pub fn new_bool(&self, value: bool) -> Object {
        if value {
            self.true_.clone()
        } else {
            self.false_.clone()
        }
    }

    pub fn is_none(&self, object: &Object) -> bool {
        object.is(&self.none)
    }

    /// A new str object (`PyUnicode_FromString`).
    pub fn new_str(&self, s: &str) -> Object {
        if s.is_empty() {
            return self.empty_str.clone();
        }
        object::alloc(&self.types.str, StrObject::from_str(s))
    }

    /// The str of one Latin-1 character.
    pub fn latin1_char(&self, c: u8) -> Object {
        self.latin1[usize::from(c)].clone()
    }

    pub fn new_tuple(&self, items: Vec<Object>) -> Object {
        if items.is_empty() {
            return self.empty_tuple.clone();
        }
        object::alloc(
            &self.types.tuple,
            crate::objects::tuple::TupleObject::new(items),
        )
    }

    pub fn new_list(&self, items: Vec<Object>) -> Object {
        object::alloc(
            &self.types.list,
            crate::objects::list::ListObject::new(items),
        )
    }

    pub fn new_dict(&self) -> Object {
        object::alloc(&self.types.dict, crate::objects::dict::DictObject::new())
    }

    /// The interpreter's `int` for a Rust integer.
    pub fn new_int(&self, value: i64) -> Object {
        match Object::small_int(value) {
            Some(o) => o,
            None => crate::objects::int::new_big(self, value.into()),
        }
    }

    pub fn new_float(&self, value: f64) -> Object {
        object::alloc_float(
            &self.types.float,
            crate::objects::float::FloatObject::new(value),
        )
    }

    /// Runs a module's source as `__main__` (or any name), in a fresh
    /// namespace, and gives the namespace back.
    pub fn run_source(&self, source: &[u8], filename: &str, module_name: &str) -> PyResult<Object> {
        crate::run::run_source(self, source, filename, module_name)
    }
}
