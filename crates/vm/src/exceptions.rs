//! The builtin exceptions (Objects/exceptions.c), defined once in
//! [`exception_hierarchy!`]'s table: each type's field name, Python name
//! and base, in the order of the hierarchy in the library reference.
//!
//! Every exception has the one payload [`ExceptionObject`]. The types
//! that CPython gives a struct of their own (OSError, SyntaxError,
//! ImportError, the Unicode errors, exception groups...) keep their extra
//! attributes in its `fields`, by index in their [`Family`]'s member
//! table, so that a class may derive from several of them as in CPython
//! and plain exceptions pay one empty vector.
//!
//! Exception groups (PEP 654) live here too: `split`, `subgroup`,
//! `derive`, and the two helpers of `except*` the eval loop calls,
//! [`check_eg_match`] and [`prep_reraise_star`].

use crate::errors::{PyErr, PyResult};
use crate::object::{self, type_payload, Object};
use crate::objects::descr::{Getter, Setter};
use crate::objects::function::{add_methods, check_arity};
use crate::objects::int::int_value;
use crate::objects::list::ListObject;
use crate::objects::str::{as_rust_str, StrObject};
use crate::objects::tuple::tuple_items;
use crate::typeobject::{flags, is_subtype, Args, Layout, TypeObject};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

/// The payload of an exception (`PyBaseExceptionObject` and the structs
/// that extend it).
#[derive(krait_derive::Traverse)]
pub struct ExceptionObject {
    pub args: RefCell<Object>,
    pub traceback: RefCell<Option<Object>>,
    pub context: RefCell<Option<Object>>,
    pub cause: RefCell<Option<Object>>,
    pub suppress_context: Cell<bool>,
    /// The attributes of the exception's [`Family`], by their index in
    /// its member table; None where CPython's field is NULL.
    pub fields: RefCell<Vec<Option<Object>>>,
}

macro_rules! exception_hierarchy {
    ($( $field:ident: $name:literal < $base:ident $(+ $extra:ident)?; )*) => {
        /// The builtin exception types.
        pub struct ExceptionTypes {
            pub base_exception: Object,
            $( pub $field: Object, )*
        }

        impl ExceptionTypes {
            pub(crate) fn new(type_type: &Object, object_type: &Object) -> ExceptionTypes {
                let mut made: Vec<(&str, Object)> = vec![("base_exception", new_exception_type(type_type, "BaseException", &[object_type]))];
                let find = |made: &[(&str, Object)], field: &str| made.iter().find(|(f, _)| *f == field).map(|(_, t)| t.clone()).expect("bases come first");
                $(
                    let bases = [find(&made, stringify!($base)) $(, find(&made, stringify!($extra)))?];
                    let bases: Vec<&Object> = bases.iter().collect();
                    made.push((stringify!($field), new_exception_type(type_type, $name, &bases)));
                )*
                let mut made = made.into_iter().map(|(_, t)| t);
                ExceptionTypes {
                    base_exception: made.next().expect("made above"),
                    $( $field: made.next().expect("made above"), )*
                }
            }

            /// Every exception type, with its name, for the builtins module.
            pub fn all(&self) -> Vec<(&'static str, &Object)> {
                vec![("BaseException", &self.base_exception), $( ($name, &self.$field), )*]
            }
        }
    };
}

exception_hierarchy! {
    base_exception_group: "BaseExceptionGroup" < base_exception;
    generator_exit: "GeneratorExit" < base_exception;
    keyboard_interrupt: "KeyboardInterrupt" < base_exception;
    system_exit: "SystemExit" < base_exception;
    exception: "Exception" < base_exception;
    arithmetic_error: "ArithmeticError" < exception;
    floating_point_error: "FloatingPointError" < arithmetic_error;
    overflow_error: "OverflowError" < arithmetic_error;
    zero_division_error: "ZeroDivisionError" < arithmetic_error;
    assertion_error: "AssertionError" < exception;
    attribute_error: "AttributeError" < exception;
    buffer_error: "BufferError" < exception;
    eof_error: "EOFError" < exception;
    exception_group: "ExceptionGroup" < base_exception_group + exception;
    import_error: "ImportError" < exception;
    module_not_found_error: "ModuleNotFoundError" < import_error;
    lookup_error: "LookupError" < exception;
    index_error: "IndexError" < lookup_error;
    key_error: "KeyError" < lookup_error;
    memory_error: "MemoryError" < exception;
    name_error: "NameError" < exception;
    unbound_local_error: "UnboundLocalError" < name_error;
    os_error: "OSError" < exception;
    blocking_io_error: "BlockingIOError" < os_error;
    child_process_error: "ChildProcessError" < os_error;
    connection_error: "ConnectionError" < os_error;
    broken_pipe_error: "BrokenPipeError" < connection_error;
    connection_aborted_error: "ConnectionAbortedError" < connection_error;
    connection_refused_error: "ConnectionRefusedError" < connection_error;
    connection_reset_error: "ConnectionResetError" < connection_error;
    file_exists_error: "FileExistsError" < os_error;
    file_not_found_error: "FileNotFoundError" < os_error;
    interrupted_error: "InterruptedError" < os_error;
    is_a_directory_error: "IsADirectoryError" < os_error;
    not_a_directory_error: "NotADirectoryError" < os_error;
    permission_error: "PermissionError" < os_error;
    process_lookup_error: "ProcessLookupError" < os_error;
    timeout_error: "TimeoutError" < os_error;
    reference_error: "ReferenceError" < exception;
    runtime_error: "RuntimeError" < exception;
    not_implemented_error: "NotImplementedError" < runtime_error;
    recursion_error: "RecursionError" < runtime_error;
    stop_async_iteration: "StopAsyncIteration" < exception;
    stop_iteration: "StopIteration" < exception;
    syntax_error: "SyntaxError" < exception;
    indentation_error: "IndentationError" < syntax_error;
    tab_error: "TabError" < indentation_error;
    system_error: "SystemError" < exception;
    type_error: "TypeError" < exception;
    value_error: "ValueError" < exception;
    unicode_error: "UnicodeError" < value_error;
    unicode_decode_error: "UnicodeDecodeError" < unicode_error;
    unicode_encode_error: "UnicodeEncodeError" < unicode_error;
    unicode_translate_error: "UnicodeTranslateError" < unicode_error;
    warning: "Warning" < exception;
    bytes_warning: "BytesWarning" < warning;
    deprecation_warning: "DeprecationWarning" < warning;
    encoding_warning: "EncodingWarning" < warning;
    future_warning: "FutureWarning" < warning;
    import_warning: "ImportWarning" < warning;
    pending_deprecation_warning: "PendingDeprecationWarning" < warning;
    resource_warning: "ResourceWarning" < warning;
    runtime_warning: "RuntimeWarning" < warning;
    syntax_warning: "SyntaxWarning" < warning;
    unicode_warning: "UnicodeWarning" < warning;
    user_warning: "UserWarning" < warning;
}

/// An exception type: layout BaseException, with an instance `__dict__`.
/// With two bases (only ExceptionGroup has them), the MRO is the first
/// base's own classes followed by the second's, which is what C3 gives
/// when both derive from the same chain.
pub(crate) fn new_exception_type(type_type: &Object, name: &str, bases: &[&Object]) -> Object {
    let tp = TypeObject::new(
        name,
        Layout::BaseException,
        flags::BASETYPE | flags::HAS_DICT | flags::BASE_EXC_SUBCLASS | flags::IMMUTABLETYPE,
        &object::type_payload(type_type).gc,
    );
    let size = Layout::BaseException.size();
    tp.basicsize.set(size + std::mem::size_of::<usize>());
    tp.dict_offset.set(Some(size));
    *tp.instance_slots.borrow_mut() = vec![size];
    *tp.base.borrow_mut() = Some(bases[0].clone());
    *tp.bases.borrow_mut() = bases.iter().map(|b| (*b).clone()).collect();
    let ty = object::alloc(type_type, tp);
    let mro_of = |b: &Object| -> Vec<Object> {
        match b.payload::<TypeObject>() {
            Some(t) if !t.mro.borrow().is_empty() => t.mro.borrow().clone(),
            _ => vec![b.clone()],
        }
    };
    let mut mro = vec![ty.clone()];
    let last = mro_of(bases[bases.len() - 1]);
    for base in &bases[..bases.len() - 1] {
        mro.extend(
            mro_of(base)
                .into_iter()
                .filter(|c| !last.iter().any(|l| l.is(c))),
        );
    }
    mro.extend(last);
    *type_payload(&ty).mro.borrow_mut() = mro;
    ty
}

/// An instance of `ty` with these arguments, made without calling the
/// type (`PyErr_SetObject`'s instantiation for an exception raised from
/// Rust); the attributes of its family are set from the arguments as
/// its `__init__` would, where they are valid.
pub fn new_exception(vm: &Vm, ty: &Object, args: Vec<Object>) -> Object {
    let e = alloc_exception(ty, vm.new_tuple(args.clone()));
    let _ = init_fields(vm, &e, &args, &[]);
    e
}

fn alloc_exception(ty: &Object, args: Object) -> Object {
    object::alloc(
        ty,
        ExceptionObject {
            args: RefCell::new(args),
            traceback: RefCell::new(None),
            context: RefCell::new(None),
            cause: RefCell::new(None),
            suppress_context: Cell::new(false),
            fields: RefCell::new(Vec::new()),
        },
    )
}

pub fn exception_payload(o: &Object) -> Option<&ExceptionObject> {
    o.payload::<ExceptionObject>()
}

fn payload(o: &Object) -> &ExceptionObject {
    exception_payload(o).expect("an exception")
}

/// Makes `cause` the cause and the context of `error`, a new exception
/// raised because of it (`_PyErr_FormatFromCause`).
pub fn chain_from_cause(error: &PyErr, cause: PyErr) {
    if let Some(p) = exception_payload(&error.0) {
        *p.cause.borrow_mut() = Some(cause.0.clone());
        *p.context.borrow_mut() = Some(cause.0);
        p.suppress_context.set(true);
    }
}

/// The exception's arguments, a tuple.
pub fn args_of(o: &Object) -> Object {
    payload(o).args.borrow().clone()
}

/// Field `index` of an exception's family, None where unset.
pub fn field(e: &Object, index: usize) -> Option<Object> {
    exception_payload(e).and_then(|p| p.fields.borrow().get(index).cloned().flatten())
}

/// Sets field `index` of an exception's family (None to unset it).
pub fn set_field(e: &Object, index: usize, value: Option<Object>) {
    if let Some(p) = exception_payload(e) {
        let mut fields = p.fields.borrow_mut();
        if fields.len() <= index {
            fields.resize(index + 1, None);
        }
        fields[index] = value;
    }
}

/// The exception types whose instances carry attributes of their own
/// (CPython's `PyStopIterationObject`, `PyOSErrorObject`, ...).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Plain,
    StopIteration,
    SystemExit,
    Import,
    Os,
    Syntax,
    UnicodeEncode,
    UnicodeDecode,
    UnicodeTranslate,
    Unicode,
    Attribute,
    Name,
    Group,
}

/// The member tables: each family's attributes, in field order.
const STOP_ITERATION_MEMBERS: &[&str] = &["value"];
const SYSTEM_EXIT_MEMBERS: &[&str] = &["code"];
const IMPORT_MEMBERS: &[&str] = &["msg", "name", "path"];
const OS_MEMBERS: &[&str] = &["errno", "strerror", "filename", "filename2"];
/// Where BlockingIOError keeps `characters_written`, after OSError's members.
const OS_WRITTEN: usize = 4;
const SYNTAX_MEMBERS: &[&str] = &[
    "msg",
    "filename",
    "lineno",
    "offset",
    "text",
    "end_lineno",
    "end_offset",
    "print_file_and_line",
];
const UNICODE_MEMBERS: &[&str] = &["encoding", "object", "start", "end", "reason"];
const ATTRIBUTE_MEMBERS: &[&str] = &["name", "obj"];
const NAME_MEMBERS: &[&str] = &["name"];
const GROUP_MEMBERS: &[&str] = &["message", "exceptions"];

const fn member_getter<const I: usize>() -> Getter {
    |vm, e| Ok(field(e, I).unwrap_or_else(|| vm.none.clone()))
}

const fn member_setter<const I: usize>() -> Setter {
    |_, e, value| {
        set_field(e, I, value.cloned());
        Ok(())
    }
}

const GETTERS: [Getter; 8] = [
    member_getter::<0>(),
    member_getter::<1>(),
    member_getter::<2>(),
    member_getter::<3>(),
    member_getter::<4>(),
    member_getter::<5>(),
    member_getter::<6>(),
    member_getter::<7>(),
];

const SETTERS: [Setter; 8] = [
    member_setter::<0>(),
    member_setter::<1>(),
    member_setter::<2>(),
    member_setter::<3>(),
    member_setter::<4>(),
    member_setter::<5>(),
    member_setter::<6>(),
    member_setter::<7>(),
];

fn add_members(vm: &Vm, ty: &Object, names: &[&'static str], writable: bool) {
    for (i, name) in names.iter().enumerate() {
        let setter = if writable {
            Some(SETTERS[i])
        } else {
            Some(
                (|vm, _, _| {
                    Err(vm.new_exception(&vm.exceptions.attribute_error, "readonly attribute"))
                }) as Setter,
            )
        };
        crate::objects::descr::add_getset(vm, ty, name, GETTERS[i], setter);
    }
}

fn family(vm: &Vm, ty: &Object) -> Family {
    let e = &vm.exceptions;
    let families = [
        (&e.stop_iteration, Family::StopIteration),
        (&e.system_exit, Family::SystemExit),
        (&e.import_error, Family::Import),
        (&e.os_error, Family::Os),
        (&e.syntax_error, Family::Syntax),
        (&e.unicode_encode_error, Family::UnicodeEncode),
        (&e.unicode_decode_error, Family::UnicodeDecode),
        (&e.unicode_translate_error, Family::UnicodeTranslate),
        (&e.unicode_error, Family::Unicode),
        (&e.attribute_error, Family::Attribute),
        (&e.name_error, Family::Name),
        (&e.base_exception_group, Family::Group),
    ];
    families
        .into_iter()
        .find(|(t, _)| is_subtype(ty, t))
        .map_or(Family::Plain, |(_, f)| f)
}

/// Whether instances of the exception type `ty` keep no state beyond
/// BaseException's: no family of attributes, and no `__init__` or
/// `__new__` of a class written in Python (what `_PyErr_TrySetFromCause`
/// checks before it makes a new exception of the same type).
pub fn has_plain_state(vm: &Vm, ty: &Object) -> bool {
    if family(vm, ty) != Family::Plain {
        return false;
    }
    let mro = type_payload(ty).mro.borrow().clone();
    mro.iter()
        .map(type_payload)
        .take_while(|t| t.has_flag(crate::typeobject::flags::HEAPTYPE))
        .all(|t| {
            t.dict.get_str(vm, &vm.names.__init__).is_none()
                && t.dict.get_str(vm, &vm.names.__new__).is_none()
        })
}

pub(crate) fn init(vm: &Vm) {
    let base = &vm.exceptions.base_exception;
    let tp = type_payload(base);
    tp.slots.new.set(Some(|vm, ty, args| {
        Ok(alloc_exception(
            ty,
            vm.new_tuple(args.positional().to_vec()),
        ))
    }));
    tp.slots.init.set(Some(base_exception_init));
    tp.slots.repr.set(Some(exception_repr));
    tp.slots.str.set(Some(exception_str));
    crate::slots::add_slot_wrappers(vm, base);
    tp.slots.inherit(&type_payload(&vm.object_type).slots);
    init_base_getsets(vm, base);
    add_methods(
        vm,
        base,
        &[
            ("with_traceback", |vm, args| {
                check_arity(vm, "with_traceback", args, 2, 2)?;
                set_traceback(vm, &args.values[0], &args.values[1])?;
                Ok(args.values[0].clone())
            }),
            ("add_note", |vm, args| {
                check_arity(vm, "add_note", args, 2, 2)?;
                add_note(vm, &args.values[0], &args.values[1])?;
                Ok(vm.none.clone())
            }),
        ],
    );

    let e = &vm.exceptions;
    let with_init = |ty: &Object, init: crate::typeobject::InitFn| {
        type_payload(ty).slots.init.set(Some(init));
    };
    with_init(&e.stop_iteration, family_init);
    add_members(vm, &e.stop_iteration, STOP_ITERATION_MEMBERS, true);
    with_init(&e.system_exit, family_init);
    add_members(vm, &e.system_exit, SYSTEM_EXIT_MEMBERS, true);
    with_init(&e.import_error, family_init);
    type_payload(&e.import_error)
        .slots
        .str
        .set(Some(import_error_str));
    add_members(vm, &e.import_error, IMPORT_MEMBERS, true);
    with_init(&e.attribute_error, family_init);
    add_members(vm, &e.attribute_error, ATTRIBUTE_MEMBERS, true);
    with_init(&e.name_error, family_init);
    add_members(vm, &e.name_error, NAME_MEMBERS, true);
    with_init(&e.syntax_error, family_init);
    type_payload(&e.syntax_error)
        .slots
        .str
        .set(Some(syntax_error_str));
    add_members(vm, &e.syntax_error, SYNTAX_MEMBERS, true);
    add_members(vm, &e.unicode_error, UNICODE_MEMBERS, true);
    for (ty, str_fn) in [
        (
            &e.unicode_encode_error,
            unicode_error_str as crate::typeobject::UnaryFn,
        ),
        (&e.unicode_decode_error, unicode_error_str),
        (&e.unicode_translate_error, unicode_error_str),
    ] {
        with_init(ty, family_init);
        type_payload(ty).slots.str.set(Some(str_fn));
    }
    init_os_error(vm);
    init_groups(vm);
    for ty in [
        &e.stop_iteration,
        &e.system_exit,
        &e.import_error,
        &e.attribute_error,
        &e.name_error,
        &e.syntax_error,
        &e.unicode_encode_error,
        &e.unicode_decode_error,
        &e.unicode_translate_error,
        &e.os_error,
        &e.base_exception_group,
    ] {
        crate::slots::add_slot_wrappers(vm, ty);
    }

    for (_, ty) in vm.exceptions.all() {
        crate::typeobject::set_default_doc(vm, ty);
    }
    for (_, ty) in vm.exceptions.all().into_iter().skip(1) {
        let tp = type_payload(ty);
        let base = tp.base.borrow().clone();
        if let Some(base) = base {
            tp.slots.inherit(&type_payload(&base).slots);
        }
    }
    type_payload(&vm.exceptions.key_error)
        .slots
        .str
        .set(Some(|vm, e| {
            let args = args_of(e);
            match tuple_items(&args) {
                Some([one]) => vm.repr(one),
                _ => exception_str(vm, e),
            }
        }));
    crate::slots::add_slot_wrappers(vm, &vm.exceptions.key_error);
}

fn init_base_getsets(vm: &Vm, base: &Object) {
    use crate::objects::descr::add_getset;
    add_getset(
        vm,
        base,
        "__dict__",
        |vm, e| {
            crate::objects::object::instance_dict(vm, e)
                .ok_or_else(|| vm.new_no_attribute(e, &vm.names.__dict__))
        },
        None,
    );
    add_getset(
        vm,
        base,
        "args",
        |_, e| Ok(args_of(e)),
        Some(|vm, e, value| {
            let value = value.ok_or_else(|| vm.new_type_error("args may not be deleted"))?;
            let items = vm.collect_iterable(value)?;
            *payload(e).args.borrow_mut() = vm.new_tuple(items);
            Ok(())
        }),
    );
    add_getset(
        vm,
        base,
        "__traceback__",
        |vm, e| {
            Ok(payload(e)
                .traceback
                .borrow()
                .clone()
                .unwrap_or_else(|| vm.none.clone()))
        },
        Some(|vm, e, value| {
            let value =
                value.ok_or_else(|| vm.new_type_error("__traceback__ may not be deleted"))?;
            set_traceback(vm, e, value)
        }),
    );
    add_getset(
        vm,
        base,
        "__context__",
        |vm, e| {
            Ok(payload(e)
                .context
                .borrow()
                .clone()
                .unwrap_or_else(|| vm.none.clone()))
        },
        Some(|vm, e, value| {
            let value = value.ok_or_else(|| vm.new_type_error("__context__ may not be deleted"))?;
            *payload(e).context.borrow_mut() = chain_value(vm, value, "context")?;
            Ok(())
        }),
    );
    add_getset(
        vm,
        base,
        "__cause__",
        |vm, e| {
            Ok(payload(e)
                .cause
                .borrow()
                .clone()
                .unwrap_or_else(|| vm.none.clone()))
        },
        Some(|vm, e, value| {
            let value = value.ok_or_else(|| vm.new_type_error("__cause__ may not be deleted"))?;
            *payload(e).cause.borrow_mut() = chain_value(vm, value, "cause")?;
            payload(e).suppress_context.set(true);
            Ok(())
        }),
    );
    add_getset(
        vm,
        base,
        "__suppress_context__",
        |vm, e| Ok(vm.new_bool(payload(e).suppress_context.get())),
        Some(|vm, e, value| {
            let value =
                value.ok_or_else(|| vm.new_type_error("can't delete numeric/char attribute"))?;
            payload(e).suppress_context.set(vm.is_true(value)?);
            Ok(())
        }),
    );
}

/// `e.__traceback__ = tb` (`PyException_SetTraceback`).
fn set_traceback(vm: &Vm, e: &Object, tb: &Object) -> PyResult<()> {
    if vm.is_none(tb) {
        *payload(e).traceback.borrow_mut() = None;
    } else if tb.payload::<crate::traceback::TracebackObject>().is_some() {
        *payload(e).traceback.borrow_mut() = Some(tb.clone());
    } else {
        return Err(vm.new_type_error("__traceback__ must be a traceback or None"));
    }
    Ok(())
}

/// `e.add_note(note)`: appends to `e.__notes__`, made a list if absent.
pub fn add_note(vm: &Vm, e: &Object, note: &Object) -> PyResult<()> {
    if !vm.is_instance(note, &vm.types.str) {
        return Err(vm.new_type_error(format!("note must be a str, not '{}'", vm.type_name(note))));
    }
    let notes = match vm.getattr_opt(e, &vm.names.__notes__)? {
        Some(n) => n,
        None => {
            let n = vm.new_list(Vec::new());
            vm.setattr(e, &vm.names.__notes__, Some(&n))?;
            n
        }
    };
    let Some(list) = notes.payload::<ListObject>() else {
        return Err(vm.new_type_error("Cannot add note: __notes__ is not a list"));
    };
    list.push(note.clone());
    Ok(())
}

fn base_exception_init(vm: &Vm, e: &Object, args: Args) -> PyResult<()> {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("{}() takes no keyword arguments", vm.type_name(e))));
    }
    *payload(e).args.borrow_mut() = vm.new_tuple(args.values.to_vec());
    Ok(())
}

/// The `__init__` of the families whose attributes come from the
/// arguments: the arguments become `args`, then the attributes are set.
fn family_init(vm: &Vm, e: &Object, args: Args) -> PyResult<()> {
    let keywords: Vec<(&Object, &Object)> = args.keywords().collect();
    let fam = family(vm, vm.type_of(e));
    if !keywords.is_empty() && !matches!(fam, Family::Import | Family::Attribute | Family::Name) {
        return Err(vm.new_type_error(format!("{}() takes no keyword arguments", vm.type_name(e))));
    }
    *payload(e).args.borrow_mut() = vm.new_tuple(args.positional().to_vec());
    init_fields(vm, e, args.positional(), &keywords)
}

/// Sets the attributes of `e`'s family from its arguments.
fn init_fields(
    vm: &Vm,
    e: &Object,
    args: &[Object],
    keywords: &[(&Object, &Object)],
) -> PyResult<()> {
    let none = || Some(vm.none.clone());
    match family(vm, vm.type_of(e)) {
        Family::Plain | Family::Unicode | Family::Group => {}
        Family::StopIteration => set_field(
            e,
            0,
            Some(args.first().cloned().unwrap_or_else(|| vm.none.clone())),
        ),
        Family::SystemExit => {
            let code = match args {
                [] => vm.none.clone(),
                [one] => one.clone(),
                _ => vm.new_tuple(args.to_vec()),
            };
            set_field(e, 0, Some(code));
        }
        Family::Import => {
            let [name, path] = keyword_only(vm, keywords, &["name", "path"], "ImportError")?;
            set_field(e, 1, name.or_else(none));
            set_field(e, 2, path.or_else(none));
            set_field(
                e,
                0,
                if let [msg] = args {
                    Some(msg.clone())
                } else {
                    None
                },
            );
        }
        Family::Attribute => {
            let [name, obj] = keyword_only(vm, keywords, &["name", "obj"], "AttributeError")?;
            set_field(e, 0, name);
            set_field(e, 1, obj);
        }
        Family::Name => {
            let [name] = keyword_only(vm, keywords, &["name"], "NameError")?;
            set_field(e, 0, name);
        }
        Family::Syntax => init_syntax_error(vm, e, args)?,
        Family::Os => {
            if os_error_uses_init(vm.type_of(e)) {
                os_error_parse(vm, e, args)?;
            }
        }
        Family::UnicodeEncode | Family::UnicodeDecode | Family::UnicodeTranslate => {
            init_unicode_error(vm, e, args)?
        }
    }
    Ok(())
}

/// Keyword-only arguments `names` of `function`, with
/// `PyArg_ParseTupleAndKeywords`' messages for the others.
fn keyword_only<const N: usize>(
    vm: &Vm,
    keywords: &[(&Object, &Object)],
    names: &[&str; N],
    function: &str,
) -> PyResult<[Option<Object>; N]> {
    if keywords.len() > N {
        return Err(vm.new_type_error(format!(
            "{function}() takes at most {N} keyword argument{} ({} given)",
            if N == 1 { "" } else { "s" },
            keywords.len()
        )));
    }
    let mut found: [Option<Object>; N] = std::array::from_fn(|_| None);
    for (key, value) in keywords {
        let key = as_rust_str(key);
        match names.iter().position(|n| *n == key) {
            Some(i) => found[i] = Some((*value).clone()),
            None => {
                return Err(vm.new_type_error(format!(
                    "'{key}' is an invalid keyword argument for {function}()"
                )))
            }
        }
    }
    Ok(found)
}

/// A value for `__cause__` or `__context__`: an exception or None.
fn chain_value(vm: &Vm, value: &Object, what: &str) -> PyResult<Option<Object>> {
    if vm.is_none(value) {
        return Ok(None);
    }
    if exception_payload(value).is_none() {
        return Err(vm.new_type_error(format!(
            "exception {what} must be None or derive from BaseException"
        )));
    }
    Ok(Some(value.clone()))
}

fn exception_str(vm: &Vm, e: &Object) -> PyResult {
    let args = args_of(e);
    match tuple_items(&args) {
        Some([]) | None => Ok(vm.empty_str.clone()),
        Some([one]) => vm.str(one),
        Some(_) => vm.str(&args),
    }
}

fn exception_repr(vm: &Vm, e: &Object) -> PyResult {
    let name = type_payload(vm.type_of(e)).name();
    let args = args_of(e);
    let text = match tuple_items(&args) {
        Some([one]) => format!("{name}({})", vm.repr_string(one)?),
        _ => format!("{name}{}", vm.repr_string(&args)?),
    };
    Ok(vm.new_str(&text))
}

fn import_error_str(vm: &Vm, e: &Object) -> PyResult {
    match field(e, 0) {
        Some(msg) if vm.type_of(&msg).is(&vm.types.str) => Ok(msg),
        _ => exception_str(vm, e),
    }
}

// --- OSError -------------------------------------------------------------

/// The errno values that select a subclass of OSError (PEP 3151), as
/// Linux numbers them.
/// Picks one of the exception types.
type ExceptionTypeField = fn(&ExceptionTypes) -> &Object;

const ERRNO_SUBCLASSES: &[(i64, ExceptionTypeField)] = &[
    (1, |e| &e.permission_error),           // EPERM
    (2, |e| &e.file_not_found_error),       // ENOENT
    (3, |e| &e.process_lookup_error),       // ESRCH
    (4, |e| &e.interrupted_error),          // EINTR
    (10, |e| &e.child_process_error),       // ECHILD
    (11, |e| &e.blocking_io_error),         // EAGAIN, EWOULDBLOCK
    (13, |e| &e.permission_error),          // EACCES
    (17, |e| &e.file_exists_error),         // EEXIST
    (20, |e| &e.not_a_directory_error),     // ENOTDIR
    (21, |e| &e.is_a_directory_error),      // EISDIR
    (32, |e| &e.broken_pipe_error),         // EPIPE
    (103, |e| &e.connection_aborted_error), // ECONNABORTED
    (104, |e| &e.connection_reset_error),   // ECONNRESET
    (108, |e| &e.broken_pipe_error),        // ESHUTDOWN
    (110, |e| &e.timeout_error),            // ETIMEDOUT
    (111, |e| &e.connection_refused_error), // ECONNREFUSED
    (114, |e| &e.blocking_io_error),        // EALREADY
    (115, |e| &e.blocking_io_error),        // EINPROGRESS
];

/// The OSError for an errno, of the subclass PEP 3151 maps it to, as
/// `OSError(errno, strerror[, filename])` makes it.
pub fn new_os_error(vm: &Vm, errno: i64, strerror: &str, filename: Option<Object>) -> PyErr {
    let mut args = vec![vm.new_int(errno), vm.new_str(strerror)];
    args.extend(filename);
    let ty = os_error_subclass(vm, errno)
        .unwrap_or(&vm.exceptions.os_error)
        .clone();
    let e = alloc_exception(&ty, vm.new_tuple(args.clone()));
    // Two to five arguments of the right kinds: parsing cannot fail.
    let _ = os_error_parse(vm, &e, &args);
    PyErr(e)
}

fn os_error_subclass(vm: &Vm, errno: i64) -> Option<&Object> {
    ERRNO_SUBCLASSES
        .iter()
        .find(|(n, _)| *n == errno)
        .map(|(_, ty)| ty(&vm.exceptions))
}

/// Whether OSError's arguments are read by `__init__` rather than
/// `__new__`: when a subclass has its own `__init__` but not its own
/// `__new__` (`oserror_use_init`).
fn os_error_uses_init(ty: &Object) -> bool {
    let slots = &type_payload(ty).slots;
    let own_init = slots
        .init
        .get()
        .is_some_and(|f| !std::ptr::fn_addr_eq(f, os_error_init as crate::typeobject::InitFn));
    let base_new = slots
        .new
        .get()
        .is_some_and(|f| std::ptr::fn_addr_eq(f, os_error_new as crate::typeobject::NewFn));
    own_init && base_new
}

fn init_os_error(vm: &Vm) {
    let os = &vm.exceptions.os_error;
    let tp = type_payload(os);
    tp.slots.new.set(Some(os_error_new));
    tp.slots.init.set(Some(os_error_init));
    tp.slots.str.set(Some(os_error_str));
    add_members(vm, os, OS_MEMBERS, true);
    crate::objects::descr::add_getset(
        vm,
        os,
        "characters_written",
        |vm, e| {
            field(e, OS_WRITTEN).ok_or_else(|| {
                vm.new_exception(&vm.exceptions.attribute_error, "characters_written")
            })
        },
        Some(|vm, e, value| {
            match value {
                None => {
                    if field(e, OS_WRITTEN).is_none() {
                        return Err(
                            vm.new_exception(&vm.exceptions.attribute_error, "characters_written")
                        );
                    }
                    set_field(e, OS_WRITTEN, None);
                }
                Some(v) => {
                    let n = index_or_value_error(vm, v)?;
                    set_field(e, OS_WRITTEN, Some(vm.new_int(n)));
                }
            }
            Ok(())
        }),
    );
}

fn index_or_value_error(vm: &Vm, v: &Object) -> PyResult<i64> {
    crate::objects::int::index_value(vm, v)?.ok_or_else(|| {
        vm.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))
    })
}

fn os_error_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    if os_error_uses_init(ty) {
        return Ok(alloc_exception(ty, vm.empty_tuple.clone()));
    }
    if args.has_keywords() {
        return Err(vm.new_type_error(format!(
            "{}() takes no keyword arguments",
            type_payload(ty).name()
        )));
    }
    let positional = args.positional();
    let mut ty = ty.clone();
    if ty.is(&vm.exceptions.os_error) && (2..=5).contains(&positional.len()) {
        let errno = int_value(&positional[0]).and_then(|n| n.to_i64());
        if let Some(sub) = errno.and_then(|n| os_error_subclass(vm, n)) {
            ty = sub.clone();
        }
    }
    let e = alloc_exception(&ty, vm.new_tuple(positional.to_vec()));
    os_error_parse(vm, &e, positional)?;
    Ok(e)
}

fn os_error_init(vm: &Vm, e: &Object, args: Args) -> PyResult<()> {
    if !os_error_uses_init(vm.type_of(e)) {
        return Ok(());
    }
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("{}() takes no keyword arguments", vm.type_name(e))));
    }
    *payload(e).args.borrow_mut() = vm.new_tuple(args.positional().to_vec());
    os_error_parse(vm, e, args.positional())
}

/// `OSError(errno, strerror[, filename[, winerror[, filename2]]])`: the
/// attributes, and `args` cut to the first two when a filename is given
/// (`oserror_parse_args`, `oserror_init`).
fn os_error_parse(vm: &Vm, e: &Object, args: &[Object]) -> PyResult<()> {
    if !(2..=5).contains(&args.len()) {
        return Ok(());
    }
    let given = |i: usize| args.get(i).filter(|v| !vm.is_none(v)).cloned();
    if let Some(filename) = given(2) {
        let is_number =
            int_value(&filename).is_some() || vm.is_instance(&filename, &vm.types.float);
        if vm.type_of(e).is(&vm.exceptions.blocking_io_error) && is_number {
            let n = index_or_value_error(vm, &filename)?;
            set_field(e, OS_WRITTEN, Some(vm.new_int(n)));
        } else {
            set_field(e, 2, Some(filename));
            set_field(e, 3, given(4));
            *payload(e).args.borrow_mut() = vm.new_tuple(args[..2].to_vec());
        }
    }
    set_field(e, 0, Some(args[0].clone()));
    set_field(e, 1, Some(args[1].clone()));
    Ok(())
}

fn os_error_str(vm: &Vm, e: &Object) -> PyResult {
    let or_none = |v: Option<Object>| v.unwrap_or_else(|| vm.none.clone());
    let (errno, strerror) = (field(e, 0), field(e, 1));
    if let Some(filename) = field(e, 2) {
        let head = format!(
            "[Errno {}] {}: {}",
            vm.str_string(&or_none(errno))?,
            vm.str_string(&or_none(strerror))?,
            vm.repr_string(&filename)?
        );
        let text = match field(e, 3) {
            Some(f2) => format!("{head} -> {}", vm.repr_string(&f2)?),
            None => head,
        };
        return Ok(vm.new_str(&text));
    }
    if let (Some(errno), Some(strerror)) = (errno, strerror) {
        let text = format!(
            "[Errno {}] {}",
            vm.str_string(&errno)?,
            vm.str_string(&strerror)?
        );
        return Ok(vm.new_str(&text));
    }
    exception_str(vm, e)
}

// --- SyntaxError ---------------------------------------------------------

fn init_syntax_error(vm: &Vm, e: &Object, args: &[Object]) -> PyResult<()> {
    if let Some(msg) = args.first() {
        set_field(e, 0, Some(msg.clone()));
    }
    if let [_, info] = args {
        let info = vm.collect_iterable(info)?;
        if info.len() < 4 {
            return Err(vm.new_type_error(format!(
                "function takes at least 4 arguments ({} given)",
                info.len()
            )));
        }
        if info.len() > 6 {
            return Err(vm.new_type_error(format!(
                "function takes at most 6 arguments ({} given)",
                info.len()
            )));
        }
        for (i, value) in info.iter().enumerate() {
            set_field(e, i + 1, Some(value.clone()));
        }
        if info.len() == 5 {
            return Err(
                vm.new_type_error("end_offset must be provided when end_lineno is provided")
            );
        }
    }
    Ok(())
}

fn syntax_error_str(vm: &Vm, e: &Object) -> PyResult {
    let msg = field(e, 0).unwrap_or_else(|| vm.none.clone());
    let filename = field(e, 1)
        .filter(|f| f.payload::<StrObject>().is_some())
        .map(|f| {
            let f = as_rust_str(&f).into_owned();
            f.rsplit('/').next().unwrap_or_default().to_string()
        });
    let lineno = field(e, 2)
        .filter(|l| vm.type_of(l).is(&vm.types.int))
        .and_then(|l| int_value(&l).map(|v| v.to_bigint().to_string()));
    let msg = vm.str_string(&msg)?;
    let text = match (filename, lineno) {
        (None, None) => msg,
        (Some(f), Some(l)) => format!("{msg} ({f}, line {l})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(l)) => format!("{msg} (line {l})"),
    };
    Ok(vm.new_str(&text))
}

/// The SyntaxError (or IndentationError, TabError) for a compile error,
/// with the attributes CPython sets.
pub fn syntax_error(
    vm: &Vm,
    e: &krait_parser::SyntaxError,
    filename: &str,
    source: &[u8],
) -> PyErr {
    let ty = match e.kind.name() {
        "IndentationError" => &vm.exceptions.indentation_error,
        "TabError" => &vm.exceptions.tab_error,
        "RecursionError" => return vm.new_exception(&vm.exceptions.recursion_error, e.msg.clone()),
        _ => &vm.exceptions.syntax_error,
    };
    if e.lineno.is_none() && e.offset.is_none() {
        // Refused before parsing (null bytes): CPython gives no location.
        return PyErr(new_exception(vm, ty, vec![vm.new_str(&e.msg)]));
    }
    let number = |n: Option<i64>| n.map_or_else(|| vm.none.clone(), |n| vm.new_int(n));
    let text = e
        .lineno
        .and_then(|l| {
            String::from_utf8_lossy(source)
                .split_inclusive('\n')
                .nth(l.checked_sub(1)? as usize)
                .map(str::to_string)
        })
        .map_or_else(|| vm.none.clone(), |t| vm.new_str(&t));
    let details = vm.new_tuple(vec![
        vm.new_str(filename),
        number(e.lineno),
        number(e.offset),
        text,
        number(e.end_lineno),
        number(e.end_offset),
    ]);
    PyErr(new_exception(vm, ty, vec![vm.new_str(&e.msg), details]))
}

// --- The Unicode errors --------------------------------------------------

/// `UnicodeEncodeError(encoding, object, start, end, reason)` and its
/// siblings (`PyArg_ParseTuple`'s "UUnnU", "UOnnU", "UnnU").
fn init_unicode_error(vm: &Vm, e: &Object, args: &[Object]) -> PyResult<()> {
    let fam = family(vm, vm.type_of(e));
    let expected = if fam == Family::UnicodeTranslate {
        4
    } else {
        5
    };
    if args.len() != expected {
        return Err(vm.new_type_error(format!(
            "function takes exactly {expected} arguments ({} given)",
            args.len()
        )));
    }
    let need_str = |i: usize| -> PyResult<Object> {
        let v = &args[i];
        if vm.is_instance(v, &vm.types.str) {
            Ok(v.clone())
        } else {
            Err(vm.new_type_error(format!(
                "argument {} must be str, not {}",
                i + 1,
                vm.type_name(v)
            )))
        }
    };
    let offset = if fam == Family::UnicodeTranslate {
        0
    } else {
        1
    };
    let encoding = if fam == Family::UnicodeTranslate {
        None
    } else {
        Some(need_str(0)?)
    };
    let object = match fam {
        Family::UnicodeDecode => {
            let v = &args[1];
            if v.payload::<crate::objects::bytes::BytesObject>().is_none() {
                return Err(vm.new_type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    vm.type_name(v)
                )));
            }
            v.clone()
        }
        _ => need_str(offset)?,
    };
    let start = index_or_value_error(vm, &args[offset + 1])?;
    let end = index_or_value_error(vm, &args[offset + 2])?;
    let reason = need_str(offset + 3)?;
    set_field(e, 0, encoding);
    set_field(e, 1, Some(object));
    set_field(e, 2, Some(vm.new_int(start)));
    set_field(e, 3, Some(vm.new_int(end)));
    set_field(e, 4, Some(reason));
    Ok(())
}

fn unicode_error_str(vm: &Vm, e: &Object) -> PyResult {
    let Some(object) = field(e, 1) else {
        return Ok(vm.empty_str.clone());
    };
    let number = |i: usize| {
        field(e, i)
            .and_then(|v| int_value(&v).and_then(|v| v.to_i64()))
            .unwrap_or(0)
    };
    let (start, end) = (number(2), number(3));
    let reason = vm.str_string(&field(e, 4).unwrap_or_else(|| vm.none.clone()))?;
    let encoding =
        || -> PyResult<String> { vm.str_string(&field(e, 0).unwrap_or_else(|| vm.none.clone())) };
    let text = match family(vm, vm.type_of(e)) {
        Family::UnicodeDecode => {
            let bytes = object
                .payload::<crate::objects::bytes::BytesObject>()
                .map(|b| b.bytes.to_vec())
                .unwrap_or_default();
            if start >= 0 && (start as usize) < bytes.len() && end == start + 1 {
                format!(
                    "'{}' codec can't decode byte 0x{:02x} in position {start}: {reason}",
                    encoding()?,
                    bytes[start as usize]
                )
            } else {
                format!(
                    "'{}' codec can't decode bytes in position {start}-{}: {reason}",
                    encoding()?,
                    end - 1
                )
            }
        }
        fam => {
            let chars: Vec<char> = as_rust_str(&object).chars().collect();
            let single = (start >= 0 && (start as usize) < chars.len() && end == start + 1)
                .then(|| chars[start as usize] as u32);
            let (verb, prefix) = if fam == Family::UnicodeTranslate {
                ("translate", "can't".to_string())
            } else {
                ("encode", format!("'{}' codec can't", encoding()?))
            };
            match single {
                Some(c) => {
                    let escaped = if c <= 0xff {
                        format!("\\x{c:02x}")
                    } else if c <= 0xffff {
                        format!("\\u{c:04x}")
                    } else {
                        format!("\\U{c:08x}")
                    };
                    format!("{prefix} {verb} character '{escaped}' in position {start}: {reason}")
                }
                None => format!(
                    "{prefix} {verb} characters in position {start}-{}: {reason}",
                    end - 1
                ),
            }
        }
    };
    Ok(vm.new_str(&text))
}

// --- Exception groups (PEP 654) ------------------------------------------

fn init_groups(vm: &Vm) {
    let group = &vm.exceptions.base_exception_group;
    let tp = type_payload(group);
    tp.slots.new.set(Some(group_new));
    tp.slots.init.set(Some(|vm, e, args| {
        if args.has_keywords() {
            return Err(
                vm.new_type_error(format!("{}() takes no keyword arguments", vm.type_name(e)))
            );
        }
        *payload(e).args.borrow_mut() = vm.new_tuple(args.values.to_vec());
        Ok(())
    }));
    tp.slots.str.set(Some(|vm, e| {
        let message = field(e, 0).unwrap_or_else(|| vm.none.clone());
        let count = group_exceptions(vm, e).len();
        let text = format!(
            "{} ({count} sub-exception{})",
            vm.str_string(&message)?,
            if count > 1 { "s" } else { "" }
        );
        Ok(vm.new_str(&text))
    }));
    add_members(vm, group, GROUP_MEMBERS, false);
    add_methods(
        vm,
        group,
        &[
            ("derive", |vm, args| {
                check_arity(vm, "derive", args, 2, 2)?;
                let message = field(&args.values[0], 0).unwrap_or_else(|| vm.none.clone());
                vm.call(
                    &vm.exceptions.base_exception_group,
                    Args::positional_only(&[message, args.values[1].clone()]),
                )
            }),
            ("split", |vm, args| {
                one_argument(vm, "split", args)?;
                let matcher = Matcher::new(vm, &args.values[1])?;
                let (matched, rest) = split_recursive(vm, &args.values[0], &matcher, true)?;
                let or_none = |v: Option<Object>| v.unwrap_or_else(|| vm.none.clone());
                Ok(vm.new_tuple(vec![or_none(matched), or_none(rest)]))
            }),
            ("subgroup", |vm, args| {
                one_argument(vm, "subgroup", args)?;
                let matcher = Matcher::new(vm, &args.values[1])?;
                let (matched, _) = split_recursive(vm, &args.values[0], &matcher, false)?;
                Ok(matched.unwrap_or_else(|| vm.none.clone()))
            }),
        ],
    );
}

/// "split expected 1 argument, got 0", as Argument Clinic says it.
fn one_argument(vm: &Vm, name: &str, args: Args) -> PyResult<()> {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!(
            "BaseExceptionGroup.{name}() takes no keyword arguments"
        )));
    }
    if args.values.len() != 2 {
        return Err(vm.new_type_error(format!(
            "{name} expected 1 argument, got {}",
            args.values.len().saturating_sub(1)
        )));
    }
    Ok(())
}

/// The nested exceptions of a group, empty for another exception.
pub fn group_exceptions(vm: &Vm, e: &Object) -> Vec<Object> {
    if !is_group(vm, e) {
        return Vec::new();
    }
    field(e, 1)
        .and_then(|t| tuple_items(&t).map(<[Object]>::to_vec))
        .unwrap_or_default()
}

/// Whether `e` is an exception group.
pub fn is_group(vm: &Vm, e: &Object) -> bool {
    vm.is_instance(e, &vm.exceptions.base_exception_group)
}

/// `BaseExceptionGroup.__new__`: checks the message and the exceptions,
/// and makes a BaseExceptionGroup of only Exceptions an ExceptionGroup.
fn group_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!(
            "{}() takes no keyword arguments",
            type_payload(ty).name()
        )));
    }
    let positional = args.positional();
    let [message, exceptions] = positional else {
        return Err(vm.new_type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            positional.len()
        )));
    };
    if !vm.is_instance(message, &vm.types.str) {
        return Err(vm.new_type_error(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            vm.type_name(message)
        )));
    }
    if !is_sequence(vm, exceptions) {
        return Err(vm.new_type_error("second argument (exceptions) must be a sequence"));
    }
    let items = vm.collect_iterable(exceptions)?;
    if items.is_empty() {
        return Err(vm.new_value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut nested_base_exceptions = false;
    for (i, item) in items.iter().enumerate() {
        if exception_payload(item).is_none() {
            return Err(vm.new_value_error(format!(
                "Item {i} of second argument (exceptions) is not an exception"
            )));
        }
        if !vm.is_instance(item, &vm.exceptions.exception) {
            nested_base_exceptions = true;
        }
    }
    let mut class = ty.clone();
    if ty.is(&vm.exceptions.base_exception_group) {
        if !nested_base_exceptions {
            class = vm.exceptions.exception_group.clone();
        }
    } else if ty.is(&vm.exceptions.exception_group) {
        if nested_base_exceptions {
            return Err(vm.new_type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
    } else if nested_base_exceptions && is_subtype(ty, &vm.exceptions.exception) {
        return Err(vm.new_type_error(format!(
            "Cannot nest BaseExceptions in '{}'",
            type_payload(ty).name()
        )));
    }
    let e = alloc_exception(&class, vm.new_tuple(positional.to_vec()));
    set_field(&e, 0, Some(message.clone()));
    set_field(&e, 1, Some(vm.new_tuple(items)));
    Ok(e)
}

/// `PySequence_Check`: a type with `__getitem__` that is not a dict.
fn is_sequence(vm: &Vm, o: &Object) -> bool {
    if vm.is_instance(o, &vm.types.dict) {
        return false;
    }
    vm.type_payload_of(o)
        .lookup(vm, &vm.intern("__getitem__"))
        .is_some()
}

/// What `split` and `subgroup` select by (`_exceptiongroup_split_matcher_type`).
enum Matcher {
    /// A class or a tuple of classes.
    Type(Vec<Object>),
    /// A function called with each exception.
    Predicate(Object),
    /// The very exceptions with these ids (for `except*`'s re-raise).
    Ids(Vec<usize>),
}

impl Matcher {
    fn new(vm: &Vm, value: &Object) -> PyResult<Matcher> {
        let is_class = |c: &Object| {
            c.payload::<TypeObject>().is_some() && is_subtype(c, &vm.exceptions.base_exception)
        };
        let callable = vm.type_payload_of(value).slots.call.get().is_some();
        if callable && value.payload::<TypeObject>().is_none() {
            return Ok(Matcher::Predicate(value.clone()));
        }
        if is_class(value) {
            return Ok(Matcher::Type(vec![value.clone()]));
        }
        if vm.type_of(value).is(&vm.types.tuple) {
            let items = tuple_items(value).unwrap_or_default();
            if items.iter().all(is_class) {
                return Ok(Matcher::Type(items.to_vec()));
            }
        }
        Err(vm.new_type_error("expected a function, exception type or tuple of exception types"))
    }

    fn matches(&self, vm: &Vm, e: &Object) -> PyResult<bool> {
        match self {
            Matcher::Type(classes) => Ok(classes.iter().any(|c| vm.is_instance(e, c))),
            Matcher::Predicate(f) => {
                let r = vm.call(f, Args::positional_only(std::slice::from_ref(e)))?;
                vm.is_true(&r)
            }
            Matcher::Ids(ids) => Ok(ids.contains(&e.id())),
        }
    }
}

/// The parts of `e` that match and (if asked) those that do not, each
/// None when empty (`exceptiongroup_split_recursive`).
fn split_recursive(
    vm: &Vm,
    e: &Object,
    matcher: &Matcher,
    construct_rest: bool,
) -> PyResult<(Option<Object>, Option<Object>)> {
    if matcher.matches(vm, e)? {
        return Ok((Some(e.clone()), None));
    }
    if !is_group(vm, e) {
        return Ok((None, construct_rest.then(|| e.clone())));
    }
    let _guard = crate::recursion::RecursionGuard::enter(vm, " in exceptiongroup_split_recursive")?;
    let mut matched = Vec::new();
    let mut rest = Vec::new();
    for nested in group_exceptions(vm, e) {
        let (m, r) = split_recursive(vm, &nested, matcher, construct_rest)?;
        matched.extend(m);
        rest.extend(r);
    }
    let matched = subset(vm, e, matched)?;
    let rest = if construct_rest {
        subset(vm, e, rest)?
    } else {
        None
    };
    Ok((matched, rest))
}

/// A group of `excs` made by `orig.derive`, with `orig`'s traceback,
/// cause, context and a copy of its notes (`exceptiongroup_subset`).
fn subset(vm: &Vm, orig: &Object, excs: Vec<Object>) -> PyResult<Option<Object>> {
    if excs.is_empty() {
        return Ok(None);
    }
    let list = vm.new_list(excs);
    let derived = vm.call_method(orig, "derive", &[list])?;
    if !is_group(vm, &derived) {
        return Err(vm.new_type_error("derive must return an instance of BaseExceptionGroup"));
    }
    let (o, d) = (payload(orig), payload(&derived));
    if let Some(tb) = o.traceback.borrow().clone() {
        *d.traceback.borrow_mut() = Some(tb);
    }
    *d.context.borrow_mut() = o.context.borrow().clone();
    *d.cause.borrow_mut() = o.cause.borrow().clone();
    // PyException_SetCause marks the context suppressed, even for None.
    d.suppress_context.set(true);
    if let Some(notes) = vm.getattr_opt(orig, &vm.names.__notes__)? {
        if is_sequence(vm, &notes) {
            let copy = vm.new_list(vm.collect_iterable(&notes)?);
            vm.setattr(&derived, &vm.names.__notes__, Some(&copy))?;
        }
    }
    Ok(Some(derived))
}

/// `BaseExceptionGroup("", excs)` (`_PyExc_CreateExceptionGroup`); `excs`
/// is kept as given, a tuple or a list, in the group's `args`.
fn create_group(vm: &Vm, excs: Object) -> PyResult {
    vm.call(
        &vm.exceptions.base_exception_group,
        Args::positional_only(&[vm.empty_str.clone(), excs]),
    )
}

/// CHECK_EG_MATCH: the parts of the exception `exc` an `except*` clause
/// for `match_type` catches, as (rest, match), each None when empty. A
/// matching exception that is not a group is wrapped in one, whose
/// traceback is the current frame's (`exception_group_match`).
///
/// The eval loop then does as CPython's: when the match is None it keeps
/// `exc` on the stack and pushes None; otherwise it replaces `exc` with
/// the rest, pushes the match, and makes the match the exception being
/// handled.
pub fn check_eg_match(vm: &Vm, exc: &Object, match_type: &Object) -> PyResult<(Object, Object)> {
    check_except_star_type(vm, match_type)?;
    let none = || vm.none.clone();
    if vm.is_none(exc) {
        return Ok((none(), none()));
    }
    let classes: Vec<Object> = match tuple_items(match_type) {
        Some(items) => items.to_vec(),
        None => vec![match_type.clone()],
    };
    if classes.iter().any(|c| vm.is_instance(exc, c)) {
        if is_group(vm, exc) {
            return Ok((none(), exc.clone()));
        }
        let wrapped = create_group(vm, vm.new_tuple(vec![exc.clone()]))?;
        let frame = vm.thread.frame.get();
        if !frame.is_null() {
            // SAFETY: the thread's current frame is live.
            let tb = unsafe { crate::traceback::new_entry(vm, None, frame) };
            *payload(&wrapped).traceback.borrow_mut() = Some(tb);
        }
        return Ok((none(), wrapped));
    }
    if is_group(vm, exc) {
        let pair = vm.call_method(exc, "split", std::slice::from_ref(match_type))?;
        if let Some([matched, rest]) = tuple_items(&pair) {
            return Ok((rest.clone(), matched.clone()));
        }
    }
    Ok((none(), none()))
}

/// The classes of an `except*` clause must be exception classes, and not
/// exception groups (`check_except_star_type_valid`).
fn check_except_star_type(vm: &Vm, match_type: &Object) -> PyResult<()> {
    let classes: Vec<Object> = match tuple_items(match_type) {
        Some(items) => items.to_vec(),
        None => vec![match_type.clone()],
    };
    for class in &classes {
        let is_exception_class = class.payload::<TypeObject>().is_some()
            && is_subtype(class, &vm.exceptions.base_exception);
        if !is_exception_class {
            return Err(vm.new_type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
    }
    if classes
        .iter()
        .any(|c| is_subtype(c, &vm.exceptions.base_exception_group))
    {
        return Err(vm.new_type_error(
            "catching ExceptionGroup with except* is not allowed. Use except instead.",
        ));
    }
    Ok(())
}

/// PREP_RERAISE_STAR: what an `try ... except*` statement raises once its
/// clauses ran, from the original exception and the list of what each
/// clause raised or re-raised (None for nothing): the re-raised parts
/// kept in the shape of the original group, with the newly raised ones
/// beside them in a new group; None if nothing is left
/// (`_PyExc_PrepReraiseStar`).
pub fn prep_reraise_star(vm: &Vm, orig: &Object, excs: &Object) -> PyResult<Object> {
    let excs: Vec<Object> = excs
        .payload::<ListObject>()
        .map(ListObject::to_vec)
        .unwrap_or_default();
    if excs.is_empty() {
        return Ok(vm.none.clone());
    }
    if !is_group(vm, orig) {
        // A naked exception was caught and wrapped: only one clause ran.
        return Ok(excs[0].clone());
    }
    let mut raised = Vec::new();
    let mut reraised = Vec::new();
    for e in excs.into_iter().filter(|e| !vm.is_none(e)) {
        if same_metadata(vm, &e, orig)? {
            reraised.push(e);
        } else {
            raised.push(e);
        }
    }
    let mut ids = Vec::new();
    for e in &reraised {
        collect_leaf_ids(vm, e, &mut ids);
    }
    let (kept, _) = split_recursive(vm, orig, &Matcher::Ids(ids), false)?;
    if raised.is_empty() {
        return Ok(kept.unwrap_or_else(|| vm.none.clone()));
    }
    raised.extend(kept);
    if raised.len() > 1 {
        create_group(vm, vm.new_list(raised))
    } else {
        Ok(raised.remove(0))
    }
}

/// Whether two exceptions share notes, traceback, cause and context: a
/// part of the original group re-raised by `raise` in an `except*`.
fn same_metadata(vm: &Vm, a: &Object, b: &Object) -> PyResult<bool> {
    let (pa, pb) = (payload(a), payload(b));
    let same = |x: &Option<Object>, y: &Option<Object>| match (x, y) {
        (Some(x), Some(y)) => x.is(y),
        (None, None) => true,
        _ => false,
    };
    let notes = |e: &Object| vm.getattr_opt(e, &vm.names.__notes__);
    Ok(same(&notes(a)?, &notes(b)?)
        && same(&pa.traceback.borrow(), &pb.traceback.borrow())
        && same(&pa.cause.borrow(), &pb.cause.borrow())
        && same(&pa.context.borrow(), &pb.context.borrow()))
}

/// The ids of the exceptions at the leaves of a group's tree.
fn collect_leaf_ids(vm: &Vm, e: &Object, ids: &mut Vec<usize>) {
    if !is_group(vm, e) {
        ids.push(e.id());
    }
    for n in group_exceptions(vm, e) {
        collect_leaf_ids(vm, &n, ids);
    }
}

// --- "Did you mean" (Python/suggestions.c) ---------------------------------

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

/// The name the report suggests for a NameError or an AttributeError
/// (of exactly those types) that misspelt one: for an attribute, one of
/// `dir(obj)`; for a name, one of the failing function's variables, its
/// globals or its builtins (`_Py_Offer_Suggestions`).
pub fn suggestion(vm: &Vm, exc: &Object) -> Option<String> {
    let ty = vm.type_of(exc);
    let name = field(exc, 0).filter(|n| vm.type_of(n).is(&vm.types.str))?;
    let name = as_rust_str(&name).into_owned();
    if ty.is(&vm.exceptions.attribute_error) {
        let obj = field(exc, 1)?;
        let dir = vm.call_method(&obj, "__dir__", &[]).ok()?;
        let dir = vm.collect_iterable(&dir).ok()?;
        return closest(vm, &dir, &name);
    }
    if !ty.is(&vm.exceptions.name_error) {
        return None;
    }
    let mut tb = payload(exc).traceback.borrow().clone()?;
    loop {
        let next = tb
            .payload::<crate::traceback::TracebackObject>()?
            .next
            .borrow()
            .clone();
        match next {
            Some(n) => tb = n,
            None => break,
        }
    }
    let entry = tb.payload::<crate::traceback::TracebackObject>()?;
    let frame = crate::objects::frame::frame_of(&entry.frame);
    let code = frame.code_payload();
    let varnames: Vec<Object> = code
        .localsplusnames
        .iter()
        .zip(&code.code.localspluskinds)
        .filter(|(_, kind)| *kind & krait_compiler::code::local_kind::CO_FAST_LOCAL != 0)
        .map(|(n, _)| n.clone())
        .collect();
    if let Some(s) = closest(vm, &varnames, &name) {
        return Some(s);
    }
    for namespace in [&frame.globals, &frame.builtins] {
        let namespace = match namespace.payload::<crate::objects::module::ModuleObject>() {
            Some(_) => vm.getattr(namespace, &vm.names.__dict__).ok()?,
            None => namespace.clone(),
        };
        let keys = namespace
            .payload::<crate::objects::dict::DictObject>()
            .map(|d| d.dict.keys())?;
        if let Some(s) = closest(vm, &keys, &name) {
            return Some(s);
        }
    }
    None
}

/// The candidate nearest to `name` within a third of their characters
/// (`calculate_suggestions`).
fn closest(vm: &Vm, candidates: &[Object], name: &str) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(usize, String)> = None;
    for item in candidates {
        if !vm.is_instance(item, &vm.types.str) {
            return None;
        }
        let item = as_rust_str(item).into_owned();
        if item == name {
            continue;
        }
        let mut max = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((d, _)) = &best {
            max = max.min(d - 1);
        }
        let distance = levenshtein(name.as_bytes(), item.as_bytes(), max);
        if distance > max {
            continue;
        }
        if best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, item));
        }
    }
    best.map(|(_, s)| s)
}

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The edit distance of two byte strings, where a change of case costs
/// half a change; anything above `max` is reported as `max + 1`.
fn levenshtein<'a>(mut a: &'a [u8], mut b: &'a [u8], max: usize) -> usize {
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max {
        return max + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (ai, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = row[ai];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max {
            return max + 1;
        }
    }
    result
}

/// The strerror text of an OS error, without Rust's " (os error N)".
pub fn os_error_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// The OSError a failed system call raises: its errno, strerror and the
/// file it was about, of the PEP 3151 subclass (`PyErr_SetFromErrno`).
pub fn from_io_error(vm: &Vm, e: &std::io::Error, filename: Option<Object>) -> PyErr {
    match e.raw_os_error() {
        Some(errno) => new_os_error(vm, errno.into(), &os_error_text(e), filename),
        None => PyErr(new_exception(
            vm,
            &vm.exceptions.os_error,
            vec![vm.new_str(&e.to_string())],
        )),
    }
}
