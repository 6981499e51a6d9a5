//! The builtin exceptions (Objects/exceptions.c), defined once in
//! [`exception_hierarchy!`]'s table: each type's field name, Python name
//! and base, in the order of the hierarchy in the library reference.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::tuple::tuple_items;
use crate::typeobject::{flags, Args, Layout, TypeObject};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

/// The payload of an exception (`PyBaseExceptionObject`).
pub struct ExceptionObject {
    pub args: RefCell<Object>,
    pub traceback: RefCell<Option<Object>>,
    pub context: RefCell<Option<Object>>,
    pub cause: RefCell<Option<Object>>,
    pub suppress_context: Cell<bool>,
}

macro_rules! exception_hierarchy {
    ($( $field:ident: $name:literal < $base:ident; )*) => {
        /// The builtin exception types.
        pub struct ExceptionTypes {
            pub base_exception: Object,
            $( pub $field: Object, )*
        }

        impl ExceptionTypes {
            pub(crate) fn new(type_type: &Object, object_type: &Object) -> ExceptionTypes {
                let mut made: Vec<(&str, Object)> = vec![("base_exception", new_exception_type(type_type, "BaseException", object_type))];
                $(
                    let base = made.iter().find(|(f, _)| *f == stringify!($base)).map(|(_, t)| t.clone()).expect("bases come first");
                    made.push((stringify!($field), new_exception_type(type_type, $name, &base)));
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
fn new_exception_type(type_type: &Object, name: &str, base: &Object) -> Object {
    let tp = TypeObject::new(
        name,
        Layout::BaseException,
        flags::BASETYPE | flags::HAS_DICT | flags::BASE_EXC_SUBCLASS | flags::IMMUTABLETYPE,
    );
    let size = Layout::BaseException.size();
    tp.basicsize.set(size + std::mem::size_of::<usize>());
    tp.dict_offset.set(Some(size));
    *tp.instance_slots.borrow_mut() = vec![size];
    *tp.base.borrow_mut() = Some(base.clone());
    *tp.bases.borrow_mut() = vec![base.clone()];
    let ty = object::alloc(type_type, tp);
    let mut mro = vec![ty.clone()];
    if base.payload::<TypeObject>().is_some() {
        mro.extend(type_payload(base).mro.borrow().iter().cloned());
    }
    *type_payload(&ty).mro.borrow_mut() = mro;
    ty
}

/// An instance of `ty` with these arguments.
pub fn new_exception(vm: &Vm, ty: &Object, args: Vec<Object>) -> Object {
    object::alloc(
        ty,
        ExceptionObject {
            args: RefCell::new(vm.new_tuple(args)),
            traceback: RefCell::new(None),
            context: RefCell::new(None),
            cause: RefCell::new(None),
            suppress_context: Cell::new(false),
        },
    )
}

pub fn exception_payload(o: &Object) -> Option<&ExceptionObject> {
    o.payload::<ExceptionObject>()
}

fn payload(o: &Object) -> &ExceptionObject {
    exception_payload(o).expect("an exception")
}

/// The exception's arguments, a tuple.
pub fn args_of(o: &Object) -> Object {
    payload(o).args.borrow().clone()
}

pub(crate) fn init(vm: &Vm) {
    let base = &vm.exceptions.base_exception;
    let tp = type_payload(base);
    tp.slots.new.set(Some(|vm, ty, args| {
        let values = args.positional().to_vec();
        let tp = type_payload(ty);
        if args.has_keywords()
            && tp.slots.init.get().map(|f| f as usize) == Some(base_exception_init as usize)
        {
            return Err(vm.new_type_error(format!("{}() takes no keyword arguments", tp.name())));
        }
        Ok(new_exception(vm, ty, values))
    }));
    tp.slots.init.set(Some(base_exception_init));
    tp.slots.repr.set(Some(exception_repr));
    tp.slots.str.set(Some(exception_str));
    crate::slots::add_slot_wrappers(vm, base);
    crate::objects::descr::add_getset(
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
    crate::objects::descr::add_getset(
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
            if vm.is_none(value) {
                *payload(e).traceback.borrow_mut() = None;
            } else if value
                .payload::<crate::traceback::TracebackObject>()
                .is_some()
            {
                *payload(e).traceback.borrow_mut() = Some(value.clone());
            } else {
                return Err(vm.new_type_error("__traceback__ must be a traceback or None"));
            }
            Ok(())
        }),
    );
    crate::objects::descr::add_getset(
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
    crate::objects::descr::add_getset(
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
    crate::objects::descr::add_getset(
        vm,
        base,
        "__suppress_context__",
        |vm, e| Ok(vm.new_bool(payload(e).suppress_context.get())),
        Some(|vm, e, value| {
            let value = value
                .ok_or_else(|| vm.new_type_error("__suppress_context__ may not be deleted"))?;
            payload(e).suppress_context.set(vm.is_true(value)?);
            Ok(())
        }),
    );
    crate::objects::function::add_methods(
        vm,
        base,
        &[
            ("with_traceback", |vm, args| {
                crate::objects::function::check_arity(vm, "with_traceback", args, 2, 2)?;
                let tb = &args.values[1];
                *payload(&args.values[0]).traceback.borrow_mut() =
                    (!vm.is_none(tb)).then(|| tb.clone());
                Ok(args.values[0].clone())
            }),
            ("add_note", |vm, args| {
                crate::objects::function::check_arity(vm, "add_note", args, 2, 2)?;
                let (e, note) = (&args.values[0], &args.values[1]);
                if !vm.is_instance(note, &vm.types.str) {
                    return Err(vm.new_type_error(format!(
                        "note must be a str, not '{}'",
                        vm.type_name(note)
                    )));
                }
                let notes = match vm.getattr_opt(e, &vm.names.__notes__)? {
                    Some(n) => n,
                    None => {
                        let n = vm.new_list(Vec::new());
                        vm.setattr(e, &vm.names.__notes__, Some(&n))?;
                        n
                    }
                };
                let Some(list) = notes.payload::<crate::objects::list::ListObject>() else {
                    return Err(vm.new_type_error("Cannot add note: __notes__ is not a list"));
                };
                list.push(note.clone());
                Ok(vm.none.clone())
            }),
        ],
    );

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
    let stop = &vm.exceptions.stop_iteration;
    crate::objects::descr::add_getset(
        vm,
        stop,
        "value",
        |vm, e| {
            let args = args_of(e);
            Ok(tuple_items(&args)
                .and_then(|a| a.first().cloned())
                .unwrap_or_else(|| vm.none.clone()))
        },
        None,
    );
    let exit = &vm.exceptions.system_exit;
    crate::objects::descr::add_getset(
        vm,
        exit,
        "code",
        |vm, e| {
            let args = args_of(e);
            Ok(match tuple_items(&args) {
                Some([]) | None => vm.none.clone(),
                Some([one]) => one.clone(),
                Some(_) => args.clone(),
            })
        },
        None,
    );
}

fn base_exception_init(vm: &Vm, e: &Object, args: Args) -> PyResult<()> {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("{}() takes no keyword arguments", vm.type_name(e))));
    }
    *payload(e).args.borrow_mut() = vm.new_tuple(args.values.to_vec());
    Ok(())
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

/// The SyntaxError (or IndentationError, TabError) for a compile error,
/// with the attributes CPython sets.
pub fn syntax_error(
    vm: &Vm,
    e: &krait_parser::SyntaxError,
    filename: &str,
) -> crate::errors::PyErr {
    let ty = match e.kind.name() {
        "IndentationError" => &vm.exceptions.indentation_error,
        "TabError" => &vm.exceptions.tab_error,
        "RecursionError" => return vm.new_exception(&vm.exceptions.recursion_error, e.msg.clone()),
        _ => &vm.exceptions.syntax_error,
    };
    let number = |n: Option<i64>| n.map_or_else(|| vm.none.clone(), |n| vm.new_int(n));
    let text = e
        .lineno
        .and_then(|l| {
            let sources = vm.sources.borrow();
            let source = sources.get(filename)?;
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
        text.clone(),
        number(e.end_lineno),
        number(e.end_offset),
    ]);
    let msg = vm.new_str(&e.msg);
    let exc = new_exception(vm, ty, vec![msg.clone(), details]);
    for (name, value) in [
        ("msg", msg),
        ("filename", vm.new_str(filename)),
        ("lineno", number(e.lineno)),
        ("offset", number(e.offset)),
        ("text", text),
        ("end_lineno", number(e.end_lineno)),
        ("end_offset", number(e.end_offset)),
    ] {
        let _ = vm.setattr(&exc, &vm.intern(name), Some(&value));
    }
    crate::errors::PyErr(exc)
}
