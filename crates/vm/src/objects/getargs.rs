//! Binding the arguments of a builtin that takes keywords to its parameter
//! names (Python/getargs.c's `_PyArg_UnpackKeywords`), with CPython's
//! messages for too many, unknown, repeated and missing arguments.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::str::as_rust_str;
use crate::typeobject::Args;
use crate::vm::Vm;

/// The arguments bound to `names`, in order, None where not given. For
/// a method, `args.values[0]` is `self` and is skipped (`is_method`).
/// The first `required` names must be given.
pub fn bind(
    vm: &Vm,
    fname: &str,
    args: Args,
    is_method: bool,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Object>>> {
    let positional = &args.positional()[usize::from(is_method)..];
    let given = positional.len() + args.kwnames.len();
    if positional.len() > names.len() || given > names.len() {
        return Err(vm.new_type_error(format!(
            "{fname}() takes at most {} argument{} ({given} given)",
            names.len(),
            if names.len() == 1 { "" } else { "s" }
        )));
    }
    let mut bound: Vec<Option<Object>> = positional.iter().cloned().map(Some).collect();
    bound.resize(names.len(), None);
    for (name, value) in args.keywords() {
        let name = as_rust_str(name);
        let Some(i) = names.iter().position(|n| *n == name) else {
            return Err(vm.new_type_error(format!(
                "'{name}' is an invalid keyword argument for {fname}()"
            )));
        };
        if bound[i].is_some() {
            return Err(vm.new_type_error(format!(
                "argument for {fname}() given by name ('{name}') and position ({})",
                i + 1
            )));
        }
        bound[i] = Some(value.clone());
    }
    if let Some(i) = bound[..required].iter().position(Option::is_none) {
        return Err(vm.new_type_error(format!(
            "{fname}() missing required argument '{}' (pos {})",
            names[i],
            i + 1
        )));
    }
    Ok(bound)
}

/// A str argument named `name`, with arg clinic's message otherwise.
pub fn str_arg(vm: &Vm, fname: &str, name: &str, value: &Object) -> PyResult<String> {
    match value.payload::<crate::objects::str::StrObject>() {
        Some(s) => Ok(s.to_string_lossy()),
        None => Err(vm.new_type_error(format!(
            "{fname}() argument '{name}' must be str, not {}",
            clinic_type_name(vm, value)
        ))),
    }
}

/// How arg clinic's messages name the type of a bad argument: `None`
/// for None, else the type's name (`_PyArg_BadArgument`).
pub fn clinic_type_name(vm: &Vm, value: &Object) -> String {
    if vm.is_none(value) {
        "None".to_string()
    } else {
        vm.type_name(value)
    }
}

/// An integer argument (`__index__`), with CPython's message otherwise.
pub fn index_arg(vm: &Vm, value: &Object) -> PyResult<i64> {
    crate::objects::int::index_value(vm, value)?.ok_or_else(|| {
        vm.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(value)
        ))
    })
}

/// An integer argument that must fit a Py_ssize_t: OverflowError
/// rather than IndexError when it does not.
pub fn ssize_arg(vm: &Vm, value: &Object) -> PyResult<i64> {
    index_arg(vm, value).map_err(|e| {
        if e.matches(vm, &vm.exceptions.index_error) {
            vm.new_overflow_error("Python int too large to convert to C ssize_t")
        } else {
            e
        }
    })
}

/// An integer argument that must fit a C int.
pub fn int_arg(vm: &Vm, value: &Object) -> PyResult<i32> {
    let too_large = || vm.new_overflow_error("Python int too large to convert to C int");
    let v = index_arg(vm, value).map_err(|e| {
        if e.matches(vm, &vm.exceptions.index_error) {
            too_large()
        } else {
            e
        }
    })?;
    i32::try_from(v).map_err(|_| too_large())
}

/// The optional `start` and `end` of `find` and the like: None or an
/// integer (`_PyEval_SliceIndex`).
pub fn slice_bounds(vm: &Vm, start: Option<&Object>, end: Option<&Object>) -> PyResult<(i64, i64)> {
    let bound = |b: Option<&Object>, default: i64| -> PyResult<i64> {
        match b {
            Some(b) if !vm.is_none(b) => crate::objects::slice::slice_index(vm, b),
            _ => Ok(default),
        }
    };
    Ok((bound(start, 0)?, bound(end, i64::MAX)?))
}
