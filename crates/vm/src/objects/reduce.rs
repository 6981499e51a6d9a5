//! The default pickling protocol every object has: `object.__reduce_ex__`,
//! `object.__reduce__` and `object.__getstate__` (the `reduce` and
//! `getstate` part of Objects/typeobject.c). `copy` and `pickle` fall back
//! on them: protocols 0 and 1 hand the work to `copyreg._reduce_ex`, 2 and
//! later build `copyreg.__newobj__` (or `__newobj_ex__`) calls from
//! `__getnewargs_ex__` or `__getnewargs__`, with the instance dict and
//! `__slots__` values as the state.

use crate::errors::PyResult;
use crate::object::{type_payload, Object};
use crate::objects::dict::DictObject;
use crate::objects::function::{check_arity, BuiltinFunctionObject};
use crate::objects::tuple::tuple_items;
use crate::typeobject::{Args, Layout};
use crate::vm::Vm;

pub(crate) fn init(vm: &Vm) {
    crate::objects::function::add_methods(
        vm,
        &vm.object_type,
        &[
            ("__reduce_ex__", object_reduce_ex),
            ("__reduce__", object_reduce),
            ("__getstate__", object_getstate_method),
        ],
    );
}

/// `object.__reduce_ex__(protocol)`: a class's own `__reduce__` wins over
/// the default one.
fn object_reduce_ex(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "object.__reduce_ex__", args, 2, 2)?;
    let object = &args.values[0];
    let protocol = crate::objects::getargs::int_arg(vm, &args.values[1])?;
    let name = vm.intern("__reduce__");
    if let Some(reduce) = vm.getattr_opt(object, &name)? {
        let class_reduce = vm.getattr(vm.type_of(object), &name)?;
        let default = type_payload(&vm.object_type).dict.get_str(vm, &name);
        if !default.is_some_and(|d| d.is(&class_reduce)) {
            return vm.call(&reduce, Args::positional_only(&[]));
        }
    }
    common_reduce(vm, object, protocol)
}

/// `object.__reduce__()`: the reduction of protocol 0.
fn object_reduce(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "object.__reduce__", args, 1, 1)?;
    common_reduce(vm, &args.values[0], 0)
}

/// `object.__getstate__()`: the instance dict and slot values.
fn object_getstate_method(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "object.__getstate__", args, 1, 1)?;
    object_getstate(vm, &args.values[0], false)
}

fn common_reduce(vm: &Vm, object: &Object, protocol: i32) -> PyResult {
    if protocol >= 2 {
        return reduce_newobj(vm, object);
    }
    let copyreg = crate::import::import_module(vm, "copyreg")?;
    vm.call_method(
        &copyreg,
        "_reduce_ex",
        &[object.clone(), vm.new_int(i64::from(protocol))],
    )
}

/// The reduction of protocol 2 and later: `(copyreg.__newobj__, (cls,
/// *args), state, listitems, dictitems)`, or `__newobj_ex__` with
/// `(cls, args, kwargs)` when `__getnewargs_ex__` gives keywords.
fn reduce_newobj(vm: &Vm, object: &Object) -> PyResult {
    let ty = vm.type_of(object);
    if type_payload(ty).slots.new.get().is_none() {
        return Err(cannot_pickle(vm, object));
    }
    let (args, kwargs) = new_arguments(vm, object)?;
    let copyreg = crate::import::import_module(vm, "copyreg")?;
    let has_args = args.is_some();
    let keywords = kwargs.filter(|k| {
        k.payload::<DictObject>()
            .is_some_and(|d| !d.dict.is_empty())
    });
    let (newobj, newargs) = match (keywords, args) {
        (Some(kwargs), Some(args)) => (
            vm.getattr_str(&copyreg, "__newobj_ex__")?,
            vm.new_tuple(vec![ty.clone(), args, kwargs]),
        ),
        (_, args) => {
            let mut items = vec![ty.clone()];
            if let Some(args) = &args {
                items.extend_from_slice(tuple_items(args).unwrap_or_default());
            }
            (vm.getattr_str(&copyreg, "__newobj__")?, vm.new_tuple(items))
        }
    };
    let is_list = vm.is_instance(object, &vm.types.list);
    let is_dict = vm.is_instance(object, &vm.types.dict);
    let state = object_getstate(vm, object, !(has_args || is_list || is_dict))?;
    let list_items = if is_list {
        vm.iter(object)?
    } else {
        vm.none.clone()
    };
    let dict_items = if is_dict {
        let items = vm.call_method(object, "items", &[])?;
        vm.iter(&items)?
    } else {
        vm.none.clone()
    };
    Ok(vm.new_tuple(vec![newobj, newargs, state, list_items, dict_items]))
}

/// The arguments `__new__` needs to remake `object`, from
/// `__getnewargs_ex__` (a tuple and a dict) or `__getnewargs__` (a tuple),
/// checked as `_PyObject_GetNewArguments` checks them; None for neither.
fn new_arguments(vm: &Vm, object: &Object) -> PyResult<(Option<Object>, Option<Object>)> {
    if let Some(getnewargs_ex) = vm.lookup_special(object, &vm.intern("__getnewargs_ex__"))? {
        let result = vm.call(&getnewargs_ex, Args::positional_only(&[]))?;
        let Some(pair) = tuple_items(&result) else {
            return Err(vm.new_type_error(format!(
                "__getnewargs_ex__ should return a tuple, not '{}'",
                vm.type_name(&result)
            )));
        };
        let [args, kwargs] = pair else {
            return Err(vm.new_value_error(format!(
                "__getnewargs_ex__ should return a tuple of length 2, not {}",
                pair.len()
            )));
        };
        if tuple_items(args).is_none() {
            return Err(vm.new_type_error(format!(
                "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '{}'",
                vm.type_name(args)
            )));
        }
        if kwargs.payload::<DictObject>().is_none() {
            return Err(vm.new_type_error(format!(
                "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '{}'",
                vm.type_name(kwargs)
            )));
        }
        return Ok((Some(args.clone()), Some(kwargs.clone())));
    }
    if let Some(getnewargs) = vm.lookup_special(object, &vm.intern("__getnewargs__"))? {
        let args = vm.call(&getnewargs, Args::positional_only(&[]))?;
        if tuple_items(&args).is_none() {
            return Err(vm.new_type_error(format!(
                "__getnewargs__ should return a tuple, not '{}'",
                vm.type_name(&args)
            )));
        }
        return Ok((Some(args), None));
    }
    Ok((None, None))
}

/// The state to pickle: what `__getstate__` returns, or, when that is
/// object's own, the default state. `required` says nothing else (no
/// `__new__` arguments, no items) would remake the object, so a native
/// payload that the state cannot carry makes it unpicklable.
pub(crate) fn object_getstate(vm: &Vm, object: &Object, required: bool) -> PyResult {
    let getstate = vm.getattr(object, &vm.intern("__getstate__"))?;
    let is_default = getstate
        .payload::<BuiltinFunctionObject>()
        .is_some_and(|f| {
            f.self_.as_ref().is_some_and(|s| s.is(object))
                && std::ptr::fn_addr_eq(
                    f.func,
                    object_getstate_method as crate::objects::function::NativeFn,
                )
        });
    if is_default {
        default_state(vm, object, required)
    } else {
        vm.call(&getstate, Args::positional_only(&[]))
    }
}

/// The instance dict (None if empty), paired with a dict of the
/// `__slots__` values if any are set (`object_getstate_default`).
fn default_state(vm: &Vm, object: &Object, required: bool) -> PyResult {
    let tp = vm.type_payload_of(object);
    if required && matches!(tp.layout, Layout::Int | Layout::Tuple | Layout::Bytes) {
        return Err(vm.new_type_error(format!("cannot pickle {} objects", tp.tp_name(vm))));
    }
    let dict_empty = crate::objects::object::instance_dict_is_empty(vm, object);
    let mut state = if dict_empty {
        vm.none.clone()
    } else {
        crate::objects::object::instance_dict(vm, object).unwrap_or_else(|| vm.none.clone())
    };
    let slotnames = slot_names(vm, vm.type_of(object))?;
    let names: Vec<Object> = slotnames
        .as_ref()
        .and_then(|l| l.payload::<crate::objects::list::ListObject>())
        .map(|l| l.items.borrow().clone())
        .unwrap_or_default();
    if required {
        // What the instance holds beyond object's header, its dict, weak
        // reference list and slots is native state that is lost.
        let word = std::mem::size_of::<usize>();
        let mut size = type_payload(&vm.object_type).basicsize.get();
        size += word * usize::from(tp.dict_offset.get().is_some());
        size += word * usize::from(tp.weaklist_offset.get().is_some());
        size += word * names.len();
        if tp.values.size_without_values(tp.basicsize.get()) > size {
            return Err(cannot_pickle(vm, object));
        }
    }
    if !names.is_empty() {
        let slots = vm.new_dict();
        let slots_dict = &slots.payload::<DictObject>().expect("a new dict").dict;
        for name in &names {
            let name = vm.intern_object(name);
            if let Some(value) = vm.getattr_opt(object, &name)? {
                slots_dict.set(vm, name, value)?;
            }
            let now = slotnames
                .as_ref()
                .and_then(|l| l.payload::<crate::objects::list::ListObject>())
                .map_or(0, |l| l.items.borrow().len());
            if now != names.len() {
                return Err(vm.new_runtime_error("__slotsname__ changed size during iteration"));
            }
        }
        if !slots_dict.is_empty() {
            state = vm.new_tuple(vec![state, slots]);
        }
    }
    Ok(state)
}

/// The names of the `__slots__` of `ty` and its bases: the list cached in
/// `__slotnames__`, else `copyreg._slotnames(ty)` (which caches it); None
/// for none.
fn slot_names(vm: &Vm, ty: &Object) -> PyResult<Option<Object>> {
    let tp = type_payload(ty);
    let is_list = |o: &Object| o.payload::<crate::objects::list::ListObject>().is_some();
    if let Some(cached) = tp.dict.get_str(vm, &vm.intern("__slotnames__")) {
        if vm.is_none(&cached) {
            return Ok(None);
        }
        if !is_list(&cached) {
            return Err(vm.new_type_error(format!(
                "{}.__slotnames__ should be a list or None, not {}",
                tp.tp_name(vm),
                vm.type_name(&cached)
            )));
        }
        return Ok(Some(cached));
    }
    let copyreg = crate::import::import_module(vm, "copyreg")?;
    let names = vm.call_method(&copyreg, "_slotnames", std::slice::from_ref(ty))?;
    if vm.is_none(&names) {
        return Ok(None);
    }
    if !is_list(&names) {
        return Err(vm.new_type_error("copyreg._slotnames didn't return a list or None"));
    }
    Ok(Some(names))
}

fn cannot_pickle(vm: &Vm, object: &Object) -> crate::errors::PyErr {
    vm.new_type_error(format!(
        "cannot pickle '{}' object",
        vm.type_payload_of(object).tp_name(vm)
    ))
}
