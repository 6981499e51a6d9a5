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
    let Some(n) = index_value(vm, count).or_else(|e| {
        if e.matches(vm, &vm.exceptions.index_error) {
            Err(vm.new_overflow_error(format!(
                "cannot fit '{}' into an index-sized integer",
                vm.type_name(count)
            )))
        } else {
            Err(e)
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
            .map_or(true, |t| t > isize::MAX as usize / 8)
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
    let i = crate::objects::slice::slice_index(vm, bound)?;
    Ok(if i < 0 {
        (i + len as i64).max(0) as usize
    } else {
        (i as usize).min(len)
    })
}

/// `seq.index(x[, start[, stop]])`.
pub fn index_method(vm: &Vm, items: &[Object], args: Args, type_name: &str) -> PyResult {
    crate::objects::function::check_arity(vm, "index", args, 2, 4)?;
    let x = &args.values[1];
    let start = clamp(vm, args.values.get(2), items.len(), 0)?;
    let stop = clamp(vm, args.values.get(3), items.len(), items.len())?;
    for (i, item) in items.iter().enumerate().take(stop).skip(start) {
        if vm.eq(item, x)? {
            return Ok(vm.new_int(i as i64));
        }
    }
    Err(vm.new_value_error(format!("{type_name}.index(x): x not in {type_name}")))
}

/// `seq.count(x)`.
pub fn count_method(vm: &Vm, items: &[Object], args: Args) -> PyResult {
    crate::objects::function::check_arity(vm, "count", args, 2, 2)?;
    let mut n = 0;
    for item in items {
        if vm.eq(item, &args.values[1])? {
            n += 1;
        }
    }
    Ok(vm.new_int(n))
}
