//! `tuple` (Objects/tupleobject.c).

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::sequence;
use crate::traverse::{Cleared, Traverse};
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;

pub struct TupleObject {
    items: Box<[Object]>,
}

impl TupleObject {
    pub fn new(items: Vec<Object>) -> TupleObject {
        TupleObject {
            items: items.into_boxed_slice(),
        }
    }

    pub fn items(&self) -> &[Object] {
        &self.items
    }
}

// SAFETY: each item once, last first as CPython's `tupletraverse`.
unsafe impl Traverse for TupleObject {
    const HOLDS_REFS: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Object)) {
        self.items.iter().rev().for_each(visit);
    }

    /// A tuple cannot be changed, so it gives nothing up (CPython's
    /// tuples have no `tp_clear`): a cycle through it is broken at one of
    /// the mutable objects it goes through.
    fn clear(&self, _: &Vm, _: &mut Cleared) {}

    fn take_refs(&mut self, vm: &Vm, out: &mut Cleared) {
        self.items.take_refs(vm, out)
    }
}

impl Drop for TupleObject {
    fn drop(&mut self) {
        crate::objects::sequence::drop_reversed(std::mem::take(&mut self.items).into_vec());
    }
}

/// The items of a tuple (or tuple subclass instance).
pub fn tuple_items(o: &Object) -> Option<&[Object]> {
    o.payload::<TupleObject>().map(|t| t.items())
}

fn items(o: &Object) -> &[Object] {
    tuple_items(o).expect("a tuple")
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.tuple);
    tp.slots.repr.set(Some(tuple_repr));
    tp.slots.hash.set(Some(tuple_hash));
    tp.slots.length.set(Some(|_, t| Ok(items(t).len())));
    tp.slots.getitem.set(Some(|vm, t, key| {
        sequence::getitem(vm, items(t), key, "tuple", |vm, v| vm.new_tuple(v))
    }));
    tp.slots
        .sq_contains
        .set(Some(|vm, t, x| sequence::contains(vm, items(t), x)));
    tp.slots.richcompare.set(Some(|vm, a, b, op| {
        let (Some(x), Some(y)) = (tuple_items(a), tuple_items(b)) else {
            return Ok(vm.not_implemented.clone());
        };
        sequence::richcompare(vm, x, y, op)
    }));
    tp.slots.nb_add.set(Some(|vm, a, b| {
        let (Some(x), Some(y)) = (tuple_items(a), tuple_items(b)) else {
            if tuple_items(a).is_some() {
                return Err(vm.new_type_error(format!(
                    "can only concatenate tuple (not \"{}\") to tuple",
                    vm.type_name(b)
                )));
            }
            return Ok(vm.not_implemented.clone());
        };
        Ok(vm.new_tuple([x, y].concat()))
    }));
    tp.slots.sq_concat.set(tp.slots.nb_add.get());
    tp.slots.nb_multiply.set(Some(|vm, a, b| {
        sequence::repeat(
            vm,
            a,
            b,
            |o| tuple_items(o).map(|i| i.to_vec()),
            |vm, v| vm.new_tuple(v),
        )
    }));
    tp.slots.iter.set(Some(|vm, t| {
        Ok(crate::objects::iter::new_seq_iterator(
            vm,
            &vm.types.tuple_iterator,
            t,
        ))
    }));
    tp.slots.new.set(Some(tuple_new));
    crate::slots::add_slot_wrappers(vm, &vm.types.tuple);
    crate::objects::function::add_methods(
        vm,
        &vm.types.tuple,
        &[
            ("__getnewargs__", |vm, args| {
                crate::objects::function::check_arity(vm, "__getnewargs__", args, 1, 1)?;
                let copy = vm.new_tuple(items(&args.values[0]).to_vec());
                Ok(vm.new_tuple(vec![copy]))
            }),
            ("index", |vm, args| {
                let t = items(&args.values[0]);
                match sequence::index_method(vm, t.len(), |i| t.get(i).cloned(), args)? {
                    Some(i) => Ok(vm.new_int(i as i64)),
                    None => Err(vm.new_value_error("tuple.index(x): x not in tuple")),
                }
            }),
            ("count", |vm, args| {
                let t = items(&args.values[0]);
                sequence::count_method(vm, |i| t.get(i).cloned(), args, "tuple")
            }),
        ],
    );
}

fn tuple_repr(vm: &Vm, t: &Object) -> PyResult {
    let items = items(t);
    if items.is_empty() {
        return Ok(vm.new_str("()"));
    }
    let Some(_guard) = crate::recursion::ReprGuard::enter(vm, t) else {
        return Ok(vm.new_str("(...)"));
    };
    let mut out = String::from("(");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&vm.repr_string(item)?);
    }
    if items.len() == 1 {
        out.push(',');
    }
    out.push(')');
    Ok(vm.new_str(&out))
}

/// The hash of a tuple: xxHash-style mixing of its items' hashes
/// (`tuplehash` of 3.8+).
fn tuple_hash(vm: &Vm, t: &Object) -> PyResult<i64> {
    const PRIME1: u64 = 11400714785074694791;
    const PRIME2: u64 = 14029467366897019727;
    const PRIME5: u64 = 2870177450012600261;
    let items = items(t);
    let mut acc = PRIME5;
    for item in items {
        let lane = vm.hash(item)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(PRIME2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(PRIME1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (PRIME5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}

fn tuple_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    if args.has_keywords() {
        return Err(vm.new_type_error("tuple() takes no keyword arguments"));
    }
    if args.values.len() > 1 {
        return Err(vm.new_type_error(format!(
            "tuple expected at most 1 argument, got {}",
            args.values.len()
        )));
    }
    let items = match args.values.first() {
        Some(iterable) => {
            if ty.is(&vm.types.tuple) && vm.type_of(iterable).is(&vm.types.tuple) {
                return Ok(iterable.clone());
            }
            vm.collect_iterable(iterable)?
        }
        None => Vec::new(),
    };
    if ty.is(&vm.types.tuple) {
        return Ok(vm.new_tuple(items));
    }
    Ok(object::alloc(ty, TupleObject::new(items)))
}

/// Compares two tuples' items (also used by COMPARE_OP's fast path).
pub fn compare(vm: &Vm, a: &[Object], b: &[Object], op: CompareOp) -> PyResult {
    sequence::richcompare(vm, a, b, op)
}
