//! `types.UnionType` (Objects/unionobject.c): what `int | str` is. A
//! union holds its distinct arguments, flattened, with None as NoneType;
//! `isinstance` and `issubclass` accept one as they accept a tuple.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::genericalias::{collect_parameters, repr_item, substitute, GenericAliasObject};
use crate::objects::tuple::tuple_items;
use crate::typeobject::{CompareOp, TypeObject};
use crate::vm::Vm;

#[derive(krait_derive::Traverse)]
pub struct UnionObject {
    /// A tuple of at least two distinct arguments.
    pub args: Object,
}

fn union_args(o: &Object) -> Option<&[Object]> {
    o.payload::<UnionObject>()
        .and_then(|u| tuple_items(&u.args))
}

/// What `|` may join into a union: None, classes, aliases and unions.
fn is_unionable(vm: &Vm, o: &Object) -> bool {
    vm.is_none(o)
        || o.payload::<TypeObject>().is_some()
        || o.payload::<GenericAliasObject>().is_some()
        || o.payload::<UnionObject>().is_some()
}

/// `a | b` for classes, aliases and unions (`_Py_union_type_or`).
pub fn union_or(vm: &Vm, a: &Object, b: &Object) -> PyResult {
    if !is_unionable(vm, a) || !is_unionable(vm, b) {
        return Ok(vm.not_implemented.clone());
    }
    let mut args: Vec<Object> = Vec::new();
    for side in [a, b] {
        let items = match union_args(side) {
            Some(items) => items.to_vec(),
            None => vec![side.clone()],
        };
        for item in items {
            let item = if vm.is_none(&item) {
                vm.types.none.clone()
            } else {
                item
            };
            if !contains(vm, &args, &item)? {
                args.push(item);
            }
        }
    }
    Ok(match args.len() {
        1 => args.pop().expect("one argument"),
        _ => object::alloc(
            &vm.types.union,
            UnionObject {
                args: vm.new_tuple(args),
            },
        ),
    })
}

/// Whether `item` is among `args`: classes by identity, aliases by
/// equality (`is_same`/`dedup_and_flatten_args`).
fn contains(vm: &Vm, args: &[Object], item: &Object) -> PyResult<bool> {
    for arg in args {
        let both_aliases = arg.payload::<GenericAliasObject>().is_some()
            && item.payload::<GenericAliasObject>().is_some();
        if arg.is(item) || (both_aliases && vm.eq(arg, item)?) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The classes `isinstance(x, union)` and `issubclass(x, union)` test,
/// as a tuple (a parameterized generic among them refuses when reached).
pub fn union_as_tuple(union: &Object) -> Option<Object> {
    union.payload::<UnionObject>().map(|u| u.args.clone())
}

pub(crate) fn init(vm: &Vm) {
    let ty = &vm.types.union;
    let tp = type_payload(ty);
    tp.dict
        .set_str(vm, vm.names.__module__.clone(), vm.new_str("types"));
    tp.slots.new.set(None);
    tp.slots.repr.set(Some(|vm, o| {
        let mut parts = Vec::new();
        for arg in union_args(o).unwrap_or(&[]) {
            parts.push(if arg.is(&vm.types.none) {
                "None".to_string()
            } else {
                repr_item(vm, arg)?
            });
        }
        Ok(vm.new_str(&parts.join(" | ")))
    }));
    tp.slots.richcompare.set(Some(|vm, a, b, op| {
        let (Some(x), Some(y)) = (union_args(a), union_args(b)) else {
            return Ok(vm.not_implemented.clone());
        };
        if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
            return Ok(vm.not_implemented.clone());
        }
        let x = crate::objects::set::new_frozenset(vm, x.to_vec())?;
        let y = crate::objects::set::new_frozenset(vm, y.to_vec())?;
        vm.rich_compare(&x, &y, op)
    }));
    tp.slots.hash.set(Some(|vm, o| {
        let args = crate::objects::set::new_frozenset(vm, union_args(o).unwrap_or(&[]).to_vec())?;
        vm.hash(&args)
    }));
    tp.slots.nb_or.set(Some(union_or));
    tp.slots.getitem.set(Some(|vm, o, key| {
        let args = union_args(o).unwrap_or(&[]).to_vec();
        let params = collect_parameters(vm, &args)?;
        let substituted = substitute(vm, o, &params, &args, key)?;
        let or = krait_compiler::opcode::NB_OPS
            .iter()
            .position(|(name, _)| *name == "NB_OR")
            .expect("NB_OR is a binary operator") as u32;
        let mut result = substituted[0].clone();
        for arg in &substituted[1..] {
            result = crate::protocols::binary_op(vm, &result, arg, or)?;
        }
        Ok(result)
    }));
    let getters: &[(&'static str, crate::objects::descr::Getter)] = &[
        ("__args__", |vm, o| {
            Ok(o.payload::<UnionObject>()
                .map(|u| u.args.clone())
                .unwrap_or_else(|| vm.empty_tuple.clone()))
        }),
        ("__parameters__", |vm, o| {
            collect_parameters(vm, union_args(o).unwrap_or(&[]))
        }),
    ];
    for &(name, get) in getters {
        crate::objects::descr::add_getset(vm, ty, name, get, None);
    }
    type_payload(&vm.type_type).slots.nb_or.set(Some(union_or));
}
