//! What list, tuple and the other sequences share: indexing and slicing
//! with CPython's errors, containment, lexicographic comparison,
//! repetition, `index` and `count` (Objects/abstract.c, listobject.c).

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::int::index_value;
use crate::objects::slice::SliceObject;
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;

/// Resolves an index of a sequence of `len` items, negative counting from
/// the end; None if out of range.
pub fn resolve_index(index: i64, len: usize) -> Option<usize> {
    let i = if index < 0 { index + len as i64 } else { index };
    (0..len as i64).contains(&i).then_some(i as usize)
}

/// `seq[key]` for an int or a slice key.
pub fn getitem(
    vm: &Vm,
    items: &[Object],
    key: &Object,
    type_name: &str,
    make: fn(&Vm, Vec<Object>) -> Object,
) -> PyResult {
    if let Some(slice) = key.payload::<SliceObject>() {
        let indices = slice.indices(vm, items.len())?;
        return Ok(make(vm, indices.map(|i| items[i].clone()).collect()));
    }
    match index_value(vm, key)? {
        Some(i) => resolve_index(i, items.len())
            .map(|i| items[i].clone())
            .ok_or_else(|| vm.new_index_error(format!("{type_name} index out of range"))),
        None => Err(vm.new_type_error(format!(
            "{type_name} indices must be integers or slices, not {}",
            vm.type_name(key)
        ))),
    }
}

pub fn contains(vm: &Vm, items: &[Object], x: &Object) -> PyResult<bool> {
    for item in items {
        if vm.eq(item, x)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Lexicographic comparison: the first unequal pair decides, else the
/// lengths (`list_richcompare`).
pub fn richcompare(vm: &Vm, a: &[Object], b: &[Object], op: CompareOp) -> PyResult {
    if matches!(op, CompareOp::Eq | CompareOp::Ne) && a.len() != b.len() {
        return Ok(vm.new_bool(op == CompareOp::Ne));
    }
    for (x, y) in a.iter().zip(b) {
        if !vm.eq(x, y)? {
            return match op {
                CompareOp::Eq => Ok(vm.false_.clone()),
                CompareOp::Ne => Ok(vm.true_.clone()),
                _ => vm.rich_compare(x, y, op),
            };
        }
    }
    Ok(vm.new_bool(op.test(a.len().cmp(&b.len()))))
}

/// `seq * n` and `n * seq`.
pub fn repeat(
    vm: &Vm,
    a: &Object,
    b: &Object,
    items_of: fn(&Object) -> Option<Vec<Object>>,
    make: fn(&Vm, Vec<Object>) -> Object,
) -> PyResult {
    let (items, count) = match (items_of(a), items_of(b)) {
        (Some(items), _) => (items, b),
        (None, Some(items)) => (items, a),
        _ => return Ok(vm.not_implemented.clone()),
    };
    let Some(n) = index_value(vm, count).map_err(|e| {
        if e.matches(vm, &vm.exceptions.index_error) {
            vm.new_overflow_error(format!(
                "cannot fit '{}' into an index-sized integer",
                vm.type_name(count)
            ))
        } else {
            e
        }
    })?
    else {
        return Err(vm.new_type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            vm.type_name(count)
        )));
    };
    let n = n.max(0) as usize;
    if n > 0
        && items
            .len()
            .checked_mul(n)
            .is_none_or(|t| t > isize::MAX as usize / 8)
    {
        return Err(vm.new_exception_empty(&vm.exceptions.memory_error));
    }
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend_from_slice(&items);
    }
    Ok(make(vm, out))
}

/// Clamps an optional start or stop of `index()` as slice indices do.
fn clamp(vm: &Vm, bound: Option<&Object>, len: usize, default: usize) -> PyResult<usize> {
    let Some(bound) = bound else {
        return Ok(default);
    };
    if vm.is_none(bound) {
        return Err(vm.new_type_error("slice indices must be integers or have an __index__ method"));
    }
    let i = crate::objects::slice::slice_index(vm, bound).map_err(|e| {
        if e.matches(vm, &vm.exceptions.type_error) {
            vm.new_type_error("slice indices must be integers or have an __index__ method")
        } else {
            e
        }
    })?;
    Ok(if i < 0 {
        (i + len as i64).max(0) as usize
    } else {
        (i as usize).min(len)
    })
}

/// `seq.index(x[, start[, stop]])`, reading the items through
/// `item_at`, which sees a list's changes made by `__eq__`; None when
/// `x` is not there.
pub fn index_method(
    vm: &Vm,
    len: usize,
    item_at: impl Fn(usize) -> Option<Object>,
    args: Args,
) -> PyResult<Option<usize>> {
    crate::objects::function::check_arity(vm, "index", args, 2, 4)?;
    let x = &args.values[1];
    let start = clamp(vm, args.values.get(2), len, 0)?;
    let stop = clamp(vm, args.values.get(3), len, len)?;
    let mut i = start;
    while i < stop {
        let Some(item) = item_at(i) else { break };
        if vm.eq(&item, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

/// `seq.count(x)`, as [`index_method`] reads items.
pub fn count_method(
    vm: &Vm,
    item_at: impl Fn(usize) -> Option<Object>,
    args: Args,
    type_name: &str,
) -> PyResult {
    crate::objects::function::check_arity(vm, &format!("{type_name}.count"), args, 2, 2)?;
    let mut n = 0;
    let mut i = 0;
    while let Some(item) = item_at(i) {
        if vm.eq(&item, &args.values[1])? {
            n += 1;
        }
        i += 1;
    }
    Ok(vm.new_int(n))
}

/// `operator.index(o)` (`PyNumber_Index`): an exact int, from an int,
/// a bool or an int subclass, or from `__index__`.
pub fn number_index(vm: &Vm, o: &Object) -> PyResult {
    let value = match crate::objects::int::int_value(o) {
        Some(v) => v,
        None => {
            let Some(f) = vm.type_payload_of(o).slots.nb_index.get() else {
                return Err(vm.new_type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(o)
                )));
            };
            let r = f(vm, o)?;
            return match crate::objects::int::int_value(&r) {
                Some(v) => Ok(crate::objects::int::new_big(vm, v.to_bigint())),
                None => Err(vm.new_type_error(format!(
                    "__index__ returned non-int (type {})",
                    vm.type_name(&r)
                ))),
            };
        }
    };
    if o.as_small_int().is_some() || vm.type_of(o).is(&vm.types.int) {
        return Ok(o.clone());
    }
    Ok(crate::objects::int::new_big(vm, value.to_bigint()))
}

/// The setter of a read-only member (`T_OBJECT` with `READONLY`), such
/// as a slice's or a range's bounds.
pub fn readonly_member(vm: &Vm, _: &Object, _: Option<&Object>) -> PyResult<()> {
    Err(vm.new_exception(&vm.exceptions.attribute_error, "readonly attribute"))
}

/// Drops a list's or a tuple's items last first, the order in which
/// CPython's `list_dealloc`, `list.clear` and `tupledealloc` release them
/// (which finalizers show).
pub fn drop_reversed(mut items: Vec<Object>) {
    while let Some(item) = items.pop() {
        drop(item);
    }
}
