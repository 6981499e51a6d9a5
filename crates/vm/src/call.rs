//! Calls and the eval loop's helpers that are not instructions of their
//! own (Python/ceval.c, Objects/call.c): binding arguments to parameters
//! with CPython's messages, `f(*args, **kwargs)`, making functions and
//! cells, `raise`, exception matching and chaining, `with`.

use crate::errors::{PyErr, PyResult};
use crate::exceptions::exception_payload;
use crate::object::{self, type_payload, Object};
use crate::objects::cell::CellObject;
use crate::objects::code::CodePayload;
use crate::objects::dict::DictObject;
use crate::objects::function::FunctionObject;
use crate::objects::str::{as_rust_str, StrObject};
use crate::objects::tuple::tuple_items;
use crate::typeobject::Args;
use crate::vm::Vm;
use krait_compiler::code::flags::{CO_VARARGS, CO_VARKEYWORDS};
use std::cell::RefCell;

/// Fills a new frame's parameters from the call's arguments
/// (`initialize_locals`).
pub fn bind_arguments(
    vm: &Vm,
    f: &FunctionObject,
    code: &CodePayload,
    slots: &mut [Option<Object>],
    args: Args,
) -> PyResult<()> {
    let co = &code.code;
    let argcount = co.argcount as usize;
    let posonly = co.posonlyargcount as usize;
    let kwonly = co.kwonlyargcount as usize;
    let total = argcount + kwonly;
    let positional = args.positional();
    let has_varargs = co.flags & CO_VARARGS != 0;
    let has_varkw = co.flags & CO_VARKEYWORDS != 0;
    let varargs_index = total;
    let varkw_index = total + usize::from(has_varargs);
    let name = || as_rust_str(&f.qualname.borrow()).into_owned();

    let kwdict = if has_varkw {
        let d = vm.new_dict();
        slots[varkw_index] = Some(d.clone());
        Some(d)
    } else {
        None
    };
    for (slot, value) in slots.iter_mut().zip(positional.iter().take(argcount)) {
        *slot = Some(value.clone());
    }
    if has_varargs {
        let extra = positional.get(argcount..).unwrap_or(&[]).to_vec();
        slots[varargs_index] = Some(vm.new_tuple(extra));
    }

    let mut posonly_as_keyword = Vec::new();
    for (keyword, value) in args.keywords() {
        let Some(kw) = keyword.payload::<StrObject>() else {
            return Err(vm.new_type_error("keywords must be strings"));
        };
        let found = code.localsplusnames[posonly..total]
            .iter()
            .position(|n| n.is(keyword) || n.payload::<StrObject>().is_some_and(|n| n.equals(kw)))
            .map(|i| i + posonly);
        match found {
            Some(i) => {
                if slots[i].is_some() {
                    return Err(vm.new_type_error(format!(
                        "{}() got multiple values for argument '{}'",
                        name(),
                        kw.to_string_lossy()
                    )));
                }
                slots[i] = Some(value.clone());
            }
            None => {
                if let Some(d) = &kwdict {
                    d.payload::<DictObject>().expect("a dict").dict.set(
                        vm,
                        keyword.clone(),
                        value.clone(),
                    )?;
                    continue;
                }
                let is_posonly = code.localsplusnames[..posonly]
                    .iter()
                    .any(|n| n.payload::<StrObject>().is_some_and(|n| n.equals(kw)));
                if is_posonly {
                    posonly_as_keyword.push(kw.to_string_lossy());
                    continue;
                }
                return Err(vm.new_type_error(format!(
                    "{}() got an unexpected keyword argument '{}'",
                    name(),
                    kw.to_string_lossy()
                )));
            }
        }
    }
    if !posonly_as_keyword.is_empty() {
        return Err(vm.new_type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            name(),
            posonly_as_keyword.join(", ")
        )));
    }

    if positional.len() > argcount && !has_varargs {
        let defaults = f
            .defaults
            .borrow()
            .as_ref()
            .and_then(|d| tuple_items(d).map(|d| d.len()))
            .unwrap_or(0);
        let kwonly_given = (argcount..total).filter(|i| slots[*i].is_some()).count();
        let takes = if defaults > 0 {
            format!(
                "from {} to {} positional arguments",
                argcount - defaults,
                argcount
            )
        } else {
            format!(
                "{} positional argument{}",
                argcount,
                if argcount == 1 { "" } else { "s" }
            )
        };
        let given = positional.len();
        let kwonly_note = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {} keyword-only argument{})",
                if given == 1 { "" } else { "s" },
                kwonly_given,
                if kwonly_given == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        };
        let was = if kwonly_given > 0 {
            "were"
        } else if given == 1 {
            "was"
        } else {
            "were"
        };
        return Err(vm.new_type_error(format!(
            "{}() takes {takes} but {given}{kwonly_note} {was} given",
            name()
        )));
    }

    // Defaults for the positional parameters not given.
    let defaults = f.defaults.borrow().clone();
    let defaults: &[Object] = defaults.as_ref().and_then(tuple_items).unwrap_or(&[]);
    let first_default = argcount - defaults.len().min(argcount);
    let mut missing = Vec::new();
    for i in 0..argcount {
        if slots[i].is_none() {
            if i >= first_default {
                slots[i] = Some(defaults[i - first_default].clone());
            } else {
                missing.push(as_rust_str(&code.localsplusnames[i]).into_owned());
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_arguments(vm, &name(), "positional", &missing));
    }
    let kwdefaults = f.kwdefaults.borrow().clone();
    for (i, slot) in slots.iter_mut().enumerate().take(total).skip(argcount) {
        if slot.is_none() {
            let default = match &kwdefaults {
                Some(d) => d
                    .payload::<DictObject>()
                    .and_then(|d| d.dict.get_str(vm, &code.localsplusnames[i])),
                None => None,
            };
            match default {
                Some(v) => *slot = Some(v),
                None => missing.push(as_rust_str(&code.localsplusnames[i]).into_owned()),
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_arguments(vm, &name(), "keyword-only", &missing));
    }
    Ok(())
}

/// "f() missing 2 required positional arguments: 'a' and 'b'".
fn missing_arguments(vm: &Vm, name: &str, kind: &str, missing: &[String]) -> PyErr {
    let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    };
    vm.new_type_error(format!(
        "{name}() missing {} required {kind} argument{}: {list}",
        missing.len(),
        if missing.len() == 1 { "" } else { "s" }
    ))
}

/// MAKE_FUNCTION.
#[allow(clippy::too_many_arguments)]
pub fn new_function(
    vm: &Vm,
    code: Object,
    globals: &Object,
    builtins: &Object,
    closure: Option<Object>,
    annotations: Option<Object>,
    kwdefaults: Option<Object>,
    defaults: Option<Object>,
) -> Object {
    let payload = code
        .payload::<CodePayload>()
        .expect("MAKE_FUNCTION takes a code object");
    let name = payload.name.clone();
    let qualname = payload.qualname.clone();
    let doc = match payload.consts.first() {
        Some(d) if payload.code.flags & 0x4000_0000 == 0 && vm.is_instance(d, &vm.types.str) => {
            d.clone()
        }
        _ => vm.none.clone(),
    };
    let module = globals
        .payload::<DictObject>()
        .and_then(|d| d.dict.get_str(vm, &vm.names.__name__))
        .unwrap_or_else(|| vm.none.clone());
    object::alloc(
        &vm.types.function,
        FunctionObject {
            code,
            globals: globals.clone(),
            builtins: builtins.clone(),
            name: RefCell::new(name),
            qualname: RefCell::new(qualname),
            defaults: RefCell::new(defaults),
            kwdefaults: RefCell::new(kwdefaults),
            closure,
            annotations: RefCell::new(annotations),
            doc: RefCell::new(doc),
            module: RefCell::new(module),
        },
    )
}

pub fn new_cell(vm: &Vm, contents: Option<Object>) -> Object {
    object::alloc(
        &vm.types.cell,
        CellObject {
            contents: RefCell::new(contents),
        },
    )
}

/// `f(*args, **kwargs)` (CALL_FUNCTION_EX).
pub fn call_with_unpacked(
    vm: &Vm,
    func: &Object,
    callargs: &Object,
    kwargs: Option<&Object>,
) -> PyResult {
    let positional: Vec<Object> = match tuple_items(callargs) {
        Some(items) => items.to_vec(),
        None => vm.collect_iterable(callargs).map_err(|e| {
            if e.matches(vm, &vm.exceptions.type_error) {
                vm.new_type_error(format!(
                    "{} argument after * must be an iterable, not {}",
                    callable_name(vm, func),
                    vm.type_name(callargs)
                ))
            } else {
                e
            }
        })?,
    };
    let mut values = positional;
    let mut names = Vec::new();
    if let Some(kwargs) = kwargs {
        let d = kwargs
            .payload::<DictObject>()
            .expect("the compiler passes a dict");
        for (k, v) in d.dict.items() {
            names.push(k);
            values.push(v);
        }
    }
    vm.call(
        func,
        Args {
            values: &values,
            kwnames: &names,
        },
    )
}

/// A callable as CPython names it in call errors (`_PyObject_FunctionStr`):
/// `module.qualname()` for a function outside builtins, `name()` for a
/// builtin or a type, else the object's type.
pub fn callable_name(vm: &Vm, func: &Object) -> String {
    if let Some(f) = func.payload::<FunctionObject>() {
        let qualname = as_rust_str(&f.qualname.borrow()).into_owned();
        let module = f.module.borrow().clone();
        return match module.payload::<StrObject>().map(|m| m.to_string_lossy()) {
            Some(m) if m != "builtins" => format!("{m}.{qualname}()"),
            _ => format!("{qualname}()"),
        };
    }
    if let Some(t) = func.payload::<crate::typeobject::TypeObject>() {
        return format!("{}()", t.qualname.borrow());
    }
    if let Some(b) = func.payload::<crate::objects::function::BuiltinFunctionObject>() {
        return format!("{}()", b.name);
    }
    format!("{} object", vm.type_name(func))
}

/// DICT_MERGE and DICT_UPDATE: `{**a}` and `f(**a)`, the latter refusing
/// a key given twice.
pub fn dict_merge(
    vm: &Vm,
    target: &Object,
    update: &Object,
    func: Option<&Object>,
) -> PyResult<()> {
    let dict = &target.payload::<DictObject>().expect("a dict").dict;
    let items: Vec<(Object, Object)> = if let Some(d) = update.payload::<DictObject>() {
        d.dict.items()
    } else {
        let Some(keys) = vm.getattr_opt(update, &vm.intern("keys"))? else {
            return Err(match func {
                Some(f) => vm.new_type_error(format!(
                    "{} argument after ** must be a mapping, not {}",
                    callable_name(vm, f),
                    vm.type_name(update)
                )),
                None => vm.new_type_error(format!(
                    "'{}' object is not a mapping",
                    vm.type_name(update)
                )),
            });
        };
        let keys = vm.call(&keys, Args::positional_only(&[]))?;
        let mut items = Vec::new();
        for key in vm.collect_iterable(&keys)? {
            let value = vm.getitem(update, &key)?;
            items.push((key, value));
        }
        items
    };
    for (k, v) in items {
        if let Some(f) = func {
            if k.payload::<StrObject>().is_none() {
                return Err(vm.new_type_error("keywords must be strings"));
            }
            if dict.get(vm, &k)?.is_some() {
                return Err(vm.new_type_error(format!(
                    "{} got multiple values for keyword argument '{}'",
                    callable_name(vm, f),
                    as_rust_str(&k)
                )));
            }
        }
        dict.set(vm, k, v)?;
    }
    Ok(())
}

/// `raise exc from cause`: the exception to raise, or None for a bare
/// `raise` (`do_raise`).
pub fn do_raise(vm: &Vm, exc: Option<Object>, cause: Option<Object>) -> PyResult<Option<PyErr>> {
    let Some(exc) = exc else { return Ok(None) };
    let exc = instantiate(vm, &exc, "exceptions must derive from BaseException")?;
    if let Some(cause) = cause {
        let cause = if vm.is_none(&cause) {
            None
        } else {
            Some(instantiate(
                vm,
                &cause,
                "exception causes must derive from BaseException",
            )?)
        };
        let payload = exception_payload(&exc).expect("an exception");
        *payload.cause.borrow_mut() = cause;
        payload.suppress_context.set(true);
    }
    Ok(Some(PyErr(exc)))
}

/// An exception instance from `raise X`: X itself, or X() for a class.
fn instantiate(vm: &Vm, value: &Object, msg: &str) -> PyResult<Object> {
    if let Some(tp) = value.payload::<crate::typeobject::TypeObject>() {
        if tp.layout == crate::typeobject::Layout::BaseException
            || crate::typeobject::is_subtype(value, &vm.exceptions.base_exception)
        {
            let instance = vm.call(value, Args::positional_only(&[]))?;
            if exception_payload(&instance).is_none() {
                return Err(vm.new_type_error(format!(
                    "calling {} should have returned an instance of BaseException, not {}",
                    vm.repr_string(value)?,
                    vm.type_name(&instance)
                )));
            }
            return Ok(instance);
        }
    }
    if exception_payload(value).is_some() {
        return Ok(value.clone());
    }
    Err(vm.new_type_error(msg.to_string()))
}

/// Sets a new exception's `__context__` to the exception being handled,
/// breaking any cycle that would make (`_PyErr_SetObject`). An exception
/// that already went through a frame has its context.
pub fn set_context(vm: &Vm, error: &PyErr) {
    let Some(exc) = exception_payload(&error.0) else {
        return;
    };
    if exc.traceback.borrow().is_some() {
        return;
    }
    let Some(handled) = vm.thread.topmost_handled() else {
        return;
    };
    if handled.is(&error.0) {
        return;
    }
    let mut o = handled.clone();
    loop {
        let next = exception_payload(&o).and_then(|p| p.context.borrow().clone());
        match next {
            Some(n) if n.is(&error.0) => {
                if let Some(p) = exception_payload(&o) {
                    *p.context.borrow_mut() = None;
                }
                break;
            }
            Some(n) => o = n,
            None => break,
        }
    }
    *exc.context.borrow_mut() = Some(handled);
}

/// CHECK_EXC_MATCH: whether the exception is an instance of `ty` (a class
/// or a tuple of classes).
pub fn exception_matches(vm: &Vm, exc: &Object, ty: &Object) -> PyResult<bool> {
    let classes: Vec<Object> = match tuple_items(ty) {
        Some(items) => items.to_vec(),
        None => vec![ty.clone()],
    };
    for class in &classes {
        let is_exception_class = class.payload::<crate::typeobject::TypeObject>().is_some()
            && crate::typeobject::is_subtype(class, &vm.exceptions.base_exception);
        if !is_exception_class {
            return Err(vm.new_type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
    }
    Ok(classes.iter().any(|c| vm.is_instance(exc, c)))
}

/// BEFORE_WITH: the bound `__exit__` and the result of `__enter__()`;
/// BEFORE_ASYNC_WITH: `__aexit__` and what `__aenter__()` gives, to await.
pub fn enter_context(vm: &Vm, manager: &Object, asynchronous: bool) -> PyResult<(Object, Object)> {
    let (enter_name, exit_name, protocol) = if asynchronous {
        (
            &vm.names.__aenter__,
            &vm.names.__aexit__,
            "asynchronous context manager",
        )
    } else {
        (&vm.names.__enter__, &vm.names.__exit__, "context manager")
    };
    let ty = type_payload(vm.type_of(manager));
    let enter = ty.lookup(vm, enter_name);
    let exit = ty.lookup(vm, exit_name);
    let (Some(_), Some(_)) = (&enter, &exit) else {
        let missing = if enter.is_none() {
            String::new()
        } else {
            format!(" (missed {} method)", as_rust_str(exit_name))
        };
        return Err(vm.new_type_error(format!(
            "'{}' object does not support the {protocol} protocol{missing}",
            vm.type_name(manager)
        )));
    };
    let exit = vm
        .lookup_special(manager, exit_name)?
        .expect("looked up above");
    let enter = vm
        .lookup_special(manager, enter_name)?
        .expect("looked up above");
    let result = vm.call(&enter, Args::positional_only(&[]))?;
    Ok((exit, result))
}
