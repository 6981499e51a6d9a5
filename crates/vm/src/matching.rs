//! Structural pattern matching's run-time checks (Python/ceval.c's
//! `match_keys` and `match_class`, and the MATCH_MAPPING and
//! MATCH_SEQUENCE type flags).

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::tuple::tuple_items;
use crate::typeobject::{Args, TypeObject};
use crate::vm::Vm;

/// Whether the subject's type matches mapping (or sequence) patterns.
pub fn has_pattern_flag(vm: &Vm, subject: &Object, flag: u32) -> bool {
    vm.type_payload_of(subject).has_flag(flag)
}

/// MATCH_KEYS: the values of `keys` in the mapping `subject`, as a tuple,
/// or None if one is missing (`match_keys`).
pub fn match_keys(vm: &Vm, subject: &Object, keys: &Object) -> PyResult {
    let keys = tuple_items(keys).unwrap_or(&[]);
    if keys.is_empty() {
        return Ok(vm.empty_tuple.clone());
    }
    let get = vm.getattr_str(subject, "get")?;
    // A fresh object no mapping can hold tells a missing key from None.
    let dummy = crate::object::alloc(&vm.object_type, crate::objects::object::ObjectPayload);
    let mut seen: Vec<Object> = Vec::with_capacity(keys.len());
    let mut values = Vec::with_capacity(keys.len());
    for key in keys {
        for other in &seen {
            if vm.eq(other, key)? {
                return Err(vm.new_value_error(format!(
                    "mapping pattern checks duplicate key ({})",
                    vm.repr_string(key)?
                )));
            }
        }
        seen.push(key.clone());
        let value = vm.call(&get, Args::positional_only(&[key.clone(), dummy.clone()]))?;
        if value.is(&dummy) {
            return Ok(vm.none.clone());
        }
        values.push(value);
    }
    Ok(vm.new_tuple(values))
}

/// The builtin types whose instances match a single positional
/// sub-pattern as themselves (`case int(x)`).
fn matches_self(vm: &Vm, ty: &Object) -> bool {
    [
        &vm.types.bool_,
        &vm.types.bytes,
        &vm.types.dict,
        &vm.types.float,
        &vm.types.frozenset,
        &vm.types.int,
        &vm.types.list,
        &vm.types.set,
        &vm.types.str,
        &vm.types.tuple,
    ]
    .iter()
    .any(|t| crate::typeobject::is_subtype(ty, t))
}

/// MATCH_CLASS: the sub-pattern values of `subject` for `case
/// cls(p1, ..., k1=q1, ...)`, as a tuple, or None if it does not match
/// (`match_class`).
pub fn match_class(
    vm: &Vm,
    subject: &Object,
    cls: &Object,
    nargs: usize,
    names: &Object,
) -> PyResult {
    let Some(tp) = cls.payload::<TypeObject>() else {
        return Err(vm.new_type_error("called match pattern must be a type"));
    };
    if !crate::builtins::isinstance(vm, subject, cls)? {
        return Ok(vm.none.clone());
    }
    let names = tuple_items(names).unwrap_or(&[]);
    let mut seen: Vec<Object> = Vec::new();
    let mut attrs = Vec::with_capacity(nargs + names.len());
    let mut positional_names: Vec<Object> = Vec::new();
    let mut match_self = false;
    if nargs > 0 {
        match vm.getattr_opt(cls, &vm.intern("__match_args__"))? {
            Some(match_args) => {
                let Some(items) = tuple_items(&match_args)
                    .filter(|_| vm.type_of(&match_args).is(&vm.types.tuple))
                else {
                    return Err(vm.new_type_error(format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        tp.name(),
                        vm.type_name(&match_args)
                    )));
                };
                if nargs > items.len() {
                    return Err(too_many_positional(vm, tp, items.len(), nargs));
                }
                positional_names = items[..nargs].to_vec();
            }
            None => {
                match_self = matches_self(vm, cls);
                if !match_self || nargs > 1 {
                    return Err(too_many_positional(vm, tp, usize::from(match_self), nargs));
                }
            }
        }
    }
    if match_self {
        attrs.push(subject.clone());
    }
    for name in positional_names.iter().chain(names) {
        if name.payload::<crate::objects::str::StrObject>().is_none() {
            return Err(vm.new_type_error(format!(
                "__match_args__ elements must be strings (got {})",
                vm.type_name(name)
            )));
        }
        for other in &seen {
            if vm.eq(other, name)? {
                return Err(vm.new_type_error(format!(
                    "{}() got multiple sub-patterns for attribute {}",
                    tp.name(),
                    vm.repr_string(name)?
                )));
            }
        }
        seen.push(name.clone());
        match vm.getattr_opt(subject, name)? {
            Some(v) => attrs.push(v),
            None => return Ok(vm.none.clone()),
        }
    }
    Ok(vm.new_tuple(attrs))
}

fn too_many_positional(
    vm: &Vm,
    tp: &TypeObject,
    allowed: usize,
    given: usize,
) -> crate::errors::PyErr {
    vm.new_type_error(format!(
        "{}() accepts {allowed} positional sub-pattern{} ({given} given)",
        tp.name(),
        if allowed == 1 { "" } else { "s" }
    ))
}
