//! The abstract object protocols (Objects/abstract.c, Objects/call.c):
//! calling, iterating, subscripting, the number operators with their
//! reflected forms, and the helpers the eval loop builds on them.

use crate::errors::PyResult;
use crate::object::{type_payload, Object};
use crate::objects::dict::DictObject;
use crate::objects::float::float_value;
use crate::objects::function::{BuiltinFunctionObject, FunctionObject};
use crate::objects::str::{as_rust_str, StrObject};
use crate::typeobject::{is_subtype, Args, BinaryFn, Slots};
use crate::vm::Vm;
use krait_compiler::opcode::{Opcode, NB_OPS};

impl Vm {
    /// `callable(*args)` (`PyObject_Vectorcall`).
    pub fn call(&self, callable: &Object, args: Args) -> PyResult {
        match self.type_payload_of(callable).slots.call.get() {
            Some(f) => f(self, callable, args),
            None => Err(self.new_type_error(format!(
                "'{}' object is not callable",
                self.type_name(callable)
            ))),
        }
    }

    /// `callable(object)` (`PyCallable_Check`).
    pub fn is_callable(&self, object: &Object) -> bool {
        self.type_payload_of(object).slots.call.get().is_some()
    }

    /// `object.name(*args)`.
    pub fn call_method(&self, object: &Object, name: &str, args: &[Object]) -> PyResult {
        let method = self.getattr_str(object, name)?;
        self.call(&method, Args::positional_only(args))
    }

    /// `iter(object)`.
    pub fn iter(&self, object: &Object) -> PyResult {
        let tp = self.type_payload_of(object);
        if let Some(f) = tp.slots.iter.get() {
            let it = f(self, object)?;
            if self.type_payload_of(&it).slots.iternext.get().is_none() {
                return Err(self.new_type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    self.type_name(&it)
                )));
            }
            return Ok(it);
        }
        if tp.slots.getitem.get().is_some() {
            return Ok(crate::objects::iter::new_seq_iterator(
                self,
                &self.types.iterator,
                object,
            ));
        }
        Err(self.new_type_error(format!(
            "'{}' object is not iterable",
            self.type_name(object)
        )))
    }

    /// `next(iterator)`, with exhaustion as None: a StopIteration the
    /// iterator raises ends it too, as in CPython's FOR_ITER.
    pub fn next(&self, iterator: &Object) -> PyResult<Option<Object>> {
        match self.type_payload_of(iterator).slots.iternext.get() {
            Some(f) => match f(self, iterator) {
                Err(e) if e.matches(self, &self.exceptions.stop_iteration) => Ok(None),
                other => other,
            },
            None => Err(self.new_type_error(format!(
                "'{}' object is not an iterator",
                self.type_name(iterator)
            ))),
        }
    }

    /// The items of an iterable, in order.
    pub fn collect_iterable(&self, iterable: &Object) -> PyResult<Vec<Object>> {
        if let Some(items) = crate::objects::tuple::tuple_items(iterable) {
            if self.type_of(iterable).is(&self.types.tuple) {
                return Ok(items.to_vec());
            }
        }
        if let Some(l) = iterable.payload::<crate::objects::list::ListObject>() {
            if self.type_of(iterable).is(&self.types.list) {
                return Ok(l.to_vec());
            }
        }
        let it = self.iter(iterable)?;
        let mut items = Vec::new();
        while let Some(item) = self.next(&it)? {
            items.push(item);
        }
        Ok(items)
    }

    /// `object[key]` (`PyObject_GetItem`), with `__class_getitem__` for types.
    pub fn getitem(&self, object: &Object, key: &Object) -> PyResult {
        if let Some(f) = self.type_payload_of(object).slots.getitem.get() {
            return f(self, object, key);
        }
        if let Some(tp) = object.payload::<crate::typeobject::TypeObject>() {
            if let Some(class_getitem) = tp.lookup(self, &self.names.__class_getitem__) {
                let bound = match self.type_payload_of(&class_getitem).slots.descr_get.get() {
                    Some(get) => get(self, &class_getitem, None, object)?,
                    None => class_getitem,
                };
                return self.call(&bound, Args::positional_only(std::slice::from_ref(key)));
            }
            if object.is(&self.type_type) {
                return Ok(crate::objects::genericalias::new_generic_alias(
                    self, object, key,
                ));
            }
            return Err(self.new_type_error(format!("type '{}' is not subscriptable", tp.name())));
        }
        Err(self.new_type_error(format!(
            "'{}' object is not subscriptable",
            self.type_name(object)
        )))
    }

    /// `object[key] = value`, or `del object[key]` for None.
    pub fn setitem(&self, object: &Object, key: &Object, value: Option<&Object>) -> PyResult<()> {
        if let Some(d) = object.payload::<DictObject>() {
            if self.type_of(object).is(&self.types.dict) {
                return match value {
                    Some(v) => d.dict.set(self, key.clone(), v.clone()),
                    None => match d.dict.remove(self, key)? {
                        Some(_) => Ok(()),
                        None => Err(self.new_key_error(key.clone())),
                    },
                };
            }
        }
        match self.type_payload_of(object).slots.setitem.get() {
            Some(f) => f(self, object, key, value),
            None => Err(self.new_type_error(match value {
                Some(_) => format!(
                    "'{}' object does not support item assignment",
                    self.type_name(object)
                ),
                None => format!(
                    "'{}' object doesn't support item deletion",
                    self.type_name(object)
                ),
            })),
        }
    }

    /// `len(object)`.
    pub fn len(&self, object: &Object) -> PyResult<usize> {
        match self.type_payload_of(object).slots.length.get() {
            Some(f) => f(self, object),
            None => Err(self.new_type_error(format!(
                "object of type '{}' has no len()",
                self.type_name(object)
            ))),
        }
    }
}

/// `type(v).__aiter__(v)`, which must give an async iterator: `aiter()`
/// (`PyObject_GetAIter`) and, with the statement's messages, `async for`
/// (GET_AITER).
pub fn aiter(vm: &Vm, v: &Object, statement: bool) -> PyResult {
    let Some(aiter) = vm.lookup_special(v, &vm.names.__aiter__)? else {
        return Err(vm.new_type_error(if statement {
            format!(
                "'async for' requires an object with __aiter__ method, got {}",
                vm.type_name(v)
            )
        } else {
            format!("'{}' object is not an async iterable", vm.type_name(v))
        }));
    };
    let it = vm.call(&aiter, Args::positional_only(&[]))?;
    if vm
        .type_payload_of(&it)
        .lookup(vm, &vm.names.__anext__)
        .is_none()
    {
        return Err(vm.new_type_error(if statement {
            format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                vm.type_name(&it)
            )
        } else {
            format!(
                "aiter() returned not an async iterator of type '{}'",
                vm.type_name(&it)
            )
        }));
    }
    Ok(it)
}

/// A mapping lookup with a missing key as None: a dict directly, any
/// other mapping through `__getitem__` and KeyError.
pub fn mapping_get(vm: &Vm, mapping: &Object, key: &Object) -> PyResult<Option<Object>> {
    if let Some(d) = mapping.payload::<DictObject>() {
        if vm.type_of(mapping).is(&vm.types.dict) {
            return d.dict.get(vm, key);
        }
    }
    match vm.getitem(mapping, key) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(vm, &vm.exceptions.key_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The slot of BINARY_OP's operator `index` (an index of `NB_OPS`).
fn binary_slot(index: u32) -> fn(&Slots) -> Option<BinaryFn> {
    match index % 13 {
        0 => |s| s.nb_add.get(),
        1 => |s| s.nb_and.get(),
        2 => |s| s.nb_floor_divide.get(),
        3 => |s| s.nb_lshift.get(),
        4 => |s| s.nb_matrix_multiply.get(),
        5 => |s| s.nb_multiply.get(),
        6 => |s| s.nb_remainder.get(),
        7 => |s| s.nb_or.get(),
        9 => |s| s.nb_rshift.get(),
        10 => |s| s.nb_subtract.get(),
        11 => |s| s.nb_true_divide.get(),
        _ => |s| s.nb_xor.get(),
    }
}

fn inplace_slot(index: u32) -> fn(&Slots) -> Option<BinaryFn> {
    match index % 13 {
        0 => |s| s.nb_inplace_add.get(),
        1 => |s| s.nb_inplace_and.get(),
        2 => |s| s.nb_inplace_floor_divide.get(),
        3 => |s| s.nb_inplace_lshift.get(),
        4 => |s| s.nb_inplace_matrix_multiply.get(),
        5 => |s| s.nb_inplace_multiply.get(),
        6 => |s| s.nb_inplace_remainder.get(),
        7 => |s| s.nb_inplace_or.get(),
        9 => |s| s.nb_inplace_rshift.get(),
        10 => |s| s.nb_inplace_subtract.get(),
        11 => |s| s.nb_inplace_true_divide.get(),
        _ => |s| s.nb_inplace_xor.get(),
    }
}

/// Tries `a op b` through both operands' slots, the right one first if
/// its type is a subclass of the left's (`binary_op1`); NotImplemented if
/// neither applies.
fn binary_op1(
    vm: &Vm,
    a: &Object,
    b: &Object,
    slot_of: fn(&Slots) -> Option<BinaryFn>,
) -> PyResult {
    let ta = vm.type_of(a);
    let tb = vm.type_of(b);
    let slota = slot_of(&type_payload(ta).slots);
    let mut slotb = if ta.is(tb) {
        None
    } else {
        slot_of(&type_payload(tb).slots)
    };
    if slotb.map(|f| f as usize) == slota.map(|f| f as usize) {
        slotb = None;
    }
    if let Some(fa) = slota {
        if let Some(fb) = slotb {
            if is_subtype(tb, ta) {
                let r = fb(vm, a, b)?;
                if !r.is(&vm.not_implemented) {
                    return Ok(r);
                }
                slotb = None;
            }
        }
        let r = fa(vm, a, b)?;
        if !r.is(&vm.not_implemented) {
            return Ok(r);
        }
    }
    if let Some(fb) = slotb {
        return fb(vm, a, b);
    }
    Ok(vm.not_implemented.clone())
}

fn ternary_power(vm: &Vm, a: &Object, b: &Object, inplace: bool) -> PyResult {
    let ta = vm.type_of(a);
    let tb = vm.type_of(b);
    if inplace {
        if let Some(f) = type_payload(ta).slots.nb_inplace_power.get() {
            let r = f(vm, a, b, &vm.none)?;
            if !r.is(&vm.not_implemented) {
                return Ok(r);
            }
        }
    }
    let slota = type_payload(ta).slots.nb_power.get();
    let mut slotb = if ta.is(tb) {
        None
    } else {
        type_payload(tb).slots.nb_power.get()
    };
    if slotb.map(|f| f as usize) == slota.map(|f| f as usize) {
        slotb = None;
    }
    if let Some(fa) = slota {
        if let Some(fb) = slotb {
            if is_subtype(tb, ta) {
                let r = fb(vm, a, b, &vm.none)?;
                if !r.is(&vm.not_implemented) {
                    return Ok(r);
                }
                slotb = None;
            }
        }
        let r = fa(vm, a, b, &vm.none)?;
        if !r.is(&vm.not_implemented) {
            return Ok(r);
        }
    }
    if let Some(fb) = slotb {
        return fb(vm, a, b, &vm.none);
    }
    Ok(vm.not_implemented.clone())
}

/// BINARY_OP: `a op b` for operator `index` of `NB_OPS`, in-place forms
/// trying the left operand's in-place slot first.
pub fn binary_op(vm: &Vm, a: &Object, b: &Object, index: u32) -> PyResult {
    if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
        let r = match index % 13 {
            0 => x.checked_add(y),
            10 => x.checked_sub(y),
            5 => x.checked_mul(y),
            _ => None,
        };
        if let Some(r) = r {
            return Ok(vm.new_int(r));
        }
    } else if let (Some(x), Some(y)) = (float_value(a), float_value(b)) {
        if vm.type_of(a).is(&vm.types.float) && vm.type_of(b).is(&vm.types.float) {
            match index % 13 {
                0 => return Ok(vm.new_float(x + y)),
                10 => return Ok(vm.new_float(x - y)),
                5 => return Ok(vm.new_float(x * y)),
                _ => {}
            }
        }
    }
    let inplace = index >= 13;
    let r = if index % 13 == 8 {
        ternary_power(vm, a, b, inplace)?
    } else {
        if inplace {
            if let Some(f) = inplace_slot(index)(&vm.type_payload_of(a).slots) {
                let r = f(vm, a, b)?;
                if !r.is(&vm.not_implemented) {
                    return Ok(r);
                }
            }
        }
        binary_op1(vm, a, b, binary_slot(index))?
    };
    if !r.is(&vm.not_implemented) {
        return Ok(r);
    }
    let symbol = NB_OPS[index as usize].1;
    if index % 13 == 8 {
        return Err(vm.new_type_error(format!(
            "unsupported operand type(s) for {symbol} or pow(): '{}' and '{}'",
            vm.type_name(a),
            vm.type_name(b)
        )));
    }
    Err(vm.new_type_error(format!(
        "unsupported operand type(s) for {symbol}: '{}' and '{}'",
        vm.type_name(a),
        vm.type_name(b)
    )))
}

/// `-x`, `+x`, `~x`.
pub fn unary_op(vm: &Vm, v: &Object, op: Opcode) -> PyResult {
    if let Some(i) = v.as_small_int() {
        match op {
            Opcode::UNARY_NEGATIVE => return Ok(vm.new_int(-i)),
            Opcode::UNARY_POSITIVE => return Ok(v.clone()),
            _ => return Ok(vm.new_int(!i)),
        }
    }
    let tp = vm.type_payload_of(v);
    let (slot, symbol) = match op {
        Opcode::UNARY_NEGATIVE => (tp.slots.nb_negative.get(), "-"),
        Opcode::UNARY_POSITIVE => (tp.slots.nb_positive.get(), "+"),
        _ => (tp.slots.nb_invert.get(), "~"),
    };
    match slot {
        Some(f) => f(vm, v),
        None => Err(vm.new_type_error(format!(
            "bad operand type for unary {symbol}: '{}'",
            vm.type_name(v)
        ))),
    }
}

/// `item in container` (`PySequence_Contains`).
pub fn contains(vm: &Vm, container: &Object, item: &Object) -> PyResult<bool> {
    if let Some(f) = vm.type_payload_of(container).slots.sq_contains.get() {
        return f(vm, container, item);
    }
    let it = vm.iter(container).map_err(|e| {
        if e.matches(vm, &vm.exceptions.type_error) {
            vm.new_type_error(format!(
                "argument of type '{}' is not iterable",
                vm.type_name(container)
            ))
        } else {
            e
        }
    })?;
    while let Some(x) = vm.next(&it)? {
        if vm.eq(&x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// LOAD_METHOD: `(Some(function), self)` when the attribute is a plain
/// method found on the type, which the call then gets `self` for without
/// a bound method being made; else `(None, attribute)`.
/// Whether a type's attribute is a method that LOAD_METHOD leaves unbound
/// (`Py_TPFLAGS_METHOD_DESCRIPTOR`): a Python function or a method
/// descriptor.
pub fn is_method(vm: &Vm, descr: &Object) -> bool {
    descr.payload::<FunctionObject>().is_some()
        || (descr.payload::<BuiltinFunctionObject>().is_some()
            && vm.type_of(descr).is(&vm.types.method_descriptor))
}

pub fn load_method(vm: &Vm, owner: &Object, name: &Object) -> PyResult<(Option<Object>, Object)> {
    let ty = vm.type_of(owner);
    let tp = type_payload(ty);
    let generic = tp.slots.getattro.get().map(|f| f as usize)
        == Some(crate::objects::object::generic_getattr as crate::typeobject::GetattroFn as usize);
    if generic {
        if let Some(descr) = tp.lookup(vm, name) {
            if is_method(vm, &descr) {
                let shadowed = crate::objects::object::instance_dict_get(vm, owner, name);
                return Ok(match shadowed {
                    Some(v) => (None, v),
                    None => (Some(descr), owner.clone()),
                });
            }
        }
    }
    Ok((None, vm.getattr(owner, name)?))
}

/// BUILD_STRING: the strs concatenated.
pub fn join_strings(vm: &Vm, parts: &[Object]) -> Object {
    let all_ascii = parts.iter().all(|p| {
        p.payload::<StrObject>()
            .is_some_and(|s| s.as_ascii().is_some())
    });
    if all_ascii {
        let mut s = String::new();
        for p in parts {
            s.push_str(&as_rust_str(p));
        }
        return vm.new_str(&s);
    }
    let points: Vec<u32> = parts
        .iter()
        .filter_map(|p| p.payload::<StrObject>())
        .flat_map(|s| s.code_points().collect::<Vec<_>>())
        .collect();
    crate::objects::str::new_from_code_points(vm, &points)
}

/// UNPACK_SEQUENCE (`after` None) and UNPACK_EX: the items, with the
/// starred part as a list between `before` and `after` items.
pub fn unpack(vm: &Vm, seq: &Object, before: usize, after: Option<usize>) -> PyResult<Vec<Object>> {
    let items = if vm.type_payload_of(seq).slots.iter.get().is_none()
        && vm.type_payload_of(seq).slots.getitem.get().is_none()
    {
        return Err(vm.new_type_error(format!(
            "cannot unpack non-iterable {} object",
            vm.type_name(seq)
        )));
    } else if let Some(after) = after {
        let items = vm.collect_iterable(seq)?;
        if items.len() < before + after {
            return Err(vm.new_value_error(format!(
                "not enough values to unpack (expected at least {}, got {})",
                before + after,
                items.len()
            )));
        }
        let mut items = items;
        let tail = items.split_off(items.len() - after);
        let middle = items.split_off(before);
        items.push(vm.new_list(middle));
        items.extend(tail);
        items
    } else if let Some(items) = exact_sequence_items(vm, seq).filter(|i| i.len() == before) {
        items
    } else {
        let it = vm.iter(seq)?;
        let mut items = Vec::with_capacity(before);
        while items.len() < before {
            match vm.next(&it)? {
                Some(x) => items.push(x),
                None => {
                    return Err(vm.new_value_error(format!(
                        "not enough values to unpack (expected {before}, got {})",
                        items.len()
                    )))
                }
            }
        }
        if vm.next(&it)?.is_some() {
            return Err(
                vm.new_value_error(format!("too many values to unpack (expected {before})"))
            );
        }
        items
    };
    Ok(items)
}

/// The items of a tuple or list (not a subclass, which may iterate
/// otherwise), copied.
fn exact_sequence_items(vm: &Vm, seq: &Object) -> Option<Vec<Object>> {
    let ty = vm.type_of(seq);
    if ty.is(&vm.types.tuple) {
        crate::objects::tuple::tuple_items(seq).map(<[Object]>::to_vec)
    } else if ty.is(&vm.types.list) {
        Some(crate::objects::list::list_of(seq).to_vec())
    } else {
        None
    }
}

/// `ascii(x)`: the repr with non-ASCII characters escaped.
pub fn ascii(vm: &Vm, value: &Object) -> PyResult {
    let r = vm.repr(value)?;
    let s = r.payload::<StrObject>().expect("repr gives a str");
    if s.as_ascii().is_some() {
        return Ok(r);
    }
    let mut out = String::new();
    for c in s.code_points() {
        match c {
            0..=0x7f => out.push(c as u8 as char),
            0x80..=0xff => out.push_str(&format!("\\x{c:02x}")),
            0x100..=0xffff => out.push_str(&format!("\\u{c:04x}")),
            _ => out.push_str(&format!("\\U{c:08x}")),
        }
    }
    Ok(vm.new_str(&out))
}

/// `format(value, spec)` (`PyObject_Format`).
pub fn format(vm: &Vm, value: &Object, spec: Option<&Object>) -> PyResult {
    let empty_spec = spec.is_none_or(|s| s.payload::<StrObject>().is_some_and(|s| s.is_empty()));
    if empty_spec {
        if vm.type_of(value).is(&vm.types.str) {
            return Ok(value.clone());
        }
        if value.as_small_int().is_some() {
            return vm.str(value);
        }
    }
    let spec = spec.cloned().unwrap_or_else(|| vm.empty_str.clone());
    let Some(method) = vm.lookup_special(value, &vm.names.__format__)? else {
        return Err(vm.new_type_error(format!(
            "Type {} doesn't define __format__",
            vm.type_name(value)
        )));
    };
    let r = vm.call(&method, Args::positional_only(&[spec]))?;
    if !vm.is_instance(&r, &vm.types.str) {
        return Err(vm.new_type_error(format!(
            "__format__ must return a str, not {}",
            vm.type_name(&r)
        )));
    }
    Ok(r)
}
