//! `types.GenericAlias` (Objects/genericaliasobject.c): what `list[int]`
//! and `dict[str, T]` are. An alias remembers its origin class and its
//! arguments, forwards other attribute lookups and calls to the origin,
//! collects the type variables among its arguments as `__parameters__`
//! and substitutes them when subscripted again.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::function::{add_methods, check_arity};
use crate::objects::str::as_rust_str;
use crate::objects::tuple::tuple_items;
use crate::typeobject::{Args, CompareOp, TypeObject};
use crate::vm::Vm;
use std::cell::RefCell;

#[derive(krait_derive::Traverse)]
pub struct GenericAliasObject {
    pub origin: Object,
    /// A tuple.
    pub args: Object,
    /// `__parameters__`, collected on first use.
    parameters: RefCell<Option<Object>>,
}

/// The attributes an alias answers itself; every other one is the
/// origin's (`attr_exceptions`).
const OWN_ATTRIBUTES: &[&str] = &[
    "__class__",
    "__origin__",
    "__args__",
    "__unpacked__",
    "__parameters__",
    "__typing_unpacked_tuple_args__",
    "__mro_entries__",
    "__reduce_ex__",
    "__reduce__",
    "__copy__",
    "__deepcopy__",
];

/// `origin[args]`; a non-tuple `args` is the one argument.
pub fn new_generic_alias(vm: &Vm, origin: &Object, args: &Object) -> Object {
    let args = if tuple_items(args).is_some() {
        args.clone()
    } else {
        vm.new_tuple(vec![args.clone()])
    };
    object::alloc(
        &vm.types.generic_alias,
        GenericAliasObject {
            origin: origin.clone(),
            args,
            parameters: RefCell::new(None),
        },
    )
}

/// The items of an exact list: Callable's parameter lists.
fn list_items(o: &Object) -> Option<Vec<Object>> {
    o.payload::<crate::objects::list::ListObject>()
        .map(|l| l.to_vec())
}

fn alias(o: &Object) -> &GenericAliasObject {
    o.payload::<GenericAliasObject>()
        .expect("a types.GenericAlias")
}

pub(crate) fn init(vm: &Vm) {
    let ty = &vm.types.generic_alias;
    let tp = type_payload(ty);
    tp.dict
        .set_str(vm, vm.names.__module__.clone(), vm.new_str("types"));
    tp.slots.new.set(Some(|vm, _, args| {
        if args.has_keywords() {
            return Err(vm.new_type_error("GenericAlias() takes no keyword arguments"));
        }
        match args.values {
            [origin, arguments] => Ok(new_generic_alias(vm, origin, arguments)),
            v => Err(vm.new_type_error(format!(
                "GenericAlias expected 2 arguments, got {}",
                v.len()
            ))),
        }
    }));
    tp.slots.getattro.set(Some(|vm, o, name| {
        let own = OWN_ATTRIBUTES.contains(&as_rust_str(name).as_ref());
        if own {
            crate::objects::object::generic_getattr(vm, o, name)
        } else {
            vm.getattr(&alias(o).origin, name)
        }
    }));
    tp.slots
        .repr
        .set(Some(|vm, o| Ok(vm.new_str(&alias_repr(vm, o)?))));
    tp.slots.richcompare.set(Some(|vm, a, b, op| {
        let (Some(x), Some(y)) = (
            a.payload::<GenericAliasObject>(),
            b.payload::<GenericAliasObject>(),
        ) else {
            return Ok(vm.not_implemented.clone());
        };
        if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
            return Ok(vm.not_implemented.clone());
        }
        let mut equal = vm.eq(&x.origin, &y.origin)?;
        if equal {
            equal = vm.eq(&x.args, &y.args)?;
        }
        Ok(vm.new_bool(equal == matches!(op, CompareOp::Eq)))
    }));
    tp.slots.hash.set(Some(|vm, o| {
        let a = alias(o);
        Ok(vm.hash(&a.origin)? ^ vm.hash(&a.args)?)
    }));
    tp.slots.call.set(Some(|vm, o, args| {
        let instance = vm.call(&alias(o).origin, args)?;
        if let Err(e) = vm.setattr(&instance, &vm.intern("__orig_class__"), Some(o)) {
            let ignorable = e.matches(vm, &vm.exceptions.attribute_error)
                || e.matches(vm, &vm.exceptions.type_error);
            if !ignorable {
                return Err(e);
            }
        }
        Ok(instance)
    }));
    tp.slots.getitem.set(Some(alias_getitem));
    tp.slots.nb_or.set(Some(crate::objects::union::union_or));
    add_methods(
        vm,
        ty,
        &[
            ("__mro_entries__", |vm, args| {
                check_arity(vm, "__mro_entries__", args, 2, 2)?;
                Ok(vm.new_tuple(vec![alias(&args.values[0]).origin.clone()]))
            }),
            ("__instancecheck__", |vm, args| {
                check_arity(vm, "__instancecheck__", args, 2, 2)?;
                Err(vm.new_type_error("isinstance() argument 2 cannot be a parameterized generic"))
            }),
            ("__subclasscheck__", |vm, args| {
                check_arity(vm, "__subclasscheck__", args, 2, 2)?;
                Err(vm.new_type_error("issubclass() argument 2 cannot be a parameterized generic"))
            }),
            ("__reduce__", |vm, args| {
                check_arity(vm, "__reduce__", args, 1, 1)?;
                let a = alias(&args.values[0]);
                Ok(vm.new_tuple(vec![
                    vm.type_of(&args.values[0]).clone(),
                    vm.new_tuple(vec![a.origin.clone(), a.args.clone()]),
                ]))
            }),
        ],
    );
    let getters: &[(&'static str, crate::objects::descr::Getter)] = &[
        ("__origin__", |_, o| Ok(alias(o).origin.clone())),
        ("__args__", |_, o| Ok(alias(o).args.clone())),
        ("__parameters__", |vm, o| parameters(vm, o)),
        ("__unpacked__", |vm, _| Ok(vm.false_.clone())),
    ];
    for &(name, get) in getters {
        crate::objects::descr::add_getset(vm, ty, name, get, None);
    }

    // `list[int]` and the like: the builtin generic classes.
    for ty in [
        &vm.types.list,
        &vm.types.dict,
        &vm.types.tuple,
        &vm.types.set,
        &vm.types.frozenset,
        &vm.types.enumerate,
        &vm.types.mappingproxy,
    ] {
        add_class_getitem(vm, ty);
    }
}

/// Gives a class `__class_getitem__ = classmethod(GenericAlias)`.
pub(crate) fn add_class_getitem(vm: &Vm, ty: &Object) {
    let function =
        crate::objects::function::new_builtin_function(vm, "__class_getitem__", |vm, args| {
            check_arity(vm, "__class_getitem__", args, 2, 2)?;
            Ok(new_generic_alias(vm, &args.values[0], &args.values[1]))
        });
    let method = crate::objects::descr::new_classmethod(vm, function);
    type_payload(ty)
        .dict
        .set_str(vm, vm.names.__class_getitem__.clone(), method);
}

/// How an alias or a union shows one of its arguments (`ga_repr_item`):
/// `...`, a class by its qualified name, a nested alias as itself.
pub(crate) fn repr_item(vm: &Vm, item: &Object) -> PyResult<String> {
    if item.is(&vm.ellipsis) {
        return Ok("...".to_string());
    }
    if let Some(items) = list_items(item) {
        let parts = items
            .iter()
            .map(|i| repr_item(vm, i))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(format!("[{}]", parts.join(", ")));
    }
    let has = |name: &str| vm.getattr_opt(item, &vm.intern(name));
    if has("__origin__")?.is_some() && has("__args__")?.is_some() {
        return Ok(as_rust_str(&vm.repr(item)?).into_owned());
    }
    match (has("__qualname__")?, has("__module__")?) {
        (Some(qualname), Some(module)) if item.payload::<TypeObject>().is_some() => {
            let module = vm.str_string(&module)?;
            let qualname = vm.str_string(&qualname)?;
            Ok(if module == "builtins" {
                qualname
            } else {
                format!("{module}.{qualname}")
            })
        }
        _ => Ok(as_rust_str(&vm.repr(item)?).into_owned()),
    }
}

fn alias_repr(vm: &Vm, o: &Object) -> PyResult<String> {
    let a = alias(o);
    let mut text = repr_item(vm, &a.origin)?;
    let args = tuple_items(&a.args).unwrap_or(&[]);
    if args.is_empty() {
        text.push_str("[()]");
        return Ok(text);
    }
    let parts = args
        .iter()
        .map(|i| repr_item(vm, i))
        .collect::<PyResult<Vec<_>>>()?;
    text.push('[');
    text.push_str(&parts.join(", "));
    text.push(']');
    Ok(text)
}

/// The type variables among `args`, each once, in order
/// (`_Py_make_parameters`): those with `__typing_subst__`, and the
/// parameters of arguments that have some.
pub(crate) fn collect_parameters(vm: &Vm, args: &[Object]) -> PyResult<Object> {
    let mut found: Vec<Object> = Vec::new();
    let mut add = |p: &Object| {
        if !found.iter().any(|f| f.is(p)) {
            found.push(p.clone());
        }
    };
    for arg in args {
        if arg.payload::<TypeObject>().is_some() {
            continue;
        }
        if vm
            .getattr_opt(arg, &vm.intern("__typing_subst__"))?
            .is_some()
        {
            add(arg);
            continue;
        }
        if let Some(items) = list_items(arg) {
            let nested = collect_parameters(vm, &items)?;
            for p in tuple_items(&nested).unwrap_or(&[]) {
                add(p);
            }
            continue;
        }
        if let Some(params) = vm.getattr_opt(arg, &vm.intern("__parameters__"))? {
            if let Some(items) = tuple_items(&params) {
                for p in items {
                    add(p);
                }
            }
        }
    }
    Ok(vm.new_tuple(found))
}

fn parameters(vm: &Vm, o: &Object) -> PyResult {
    let a = alias(o);
    if let Some(p) = a.parameters.borrow().as_ref() {
        return Ok(p.clone());
    }
    let p = collect_parameters(vm, tuple_items(&a.args).unwrap_or(&[]))?;
    *a.parameters.borrow_mut() = Some(p.clone());
    Ok(p)
}

/// `alias[items]`: each type variable among the arguments replaced by
/// the item in its place (`_Py_subs_parameters`, without TypeVarTuple
/// unpacking).
fn alias_getitem(vm: &Vm, o: &Object, key: &Object) -> PyResult {
    let a = alias(o);
    let params = parameters(vm, o)?;
    let args = tuple_items(&a.args).unwrap_or(&[]).to_vec();
    let substituted = substitute(vm, o, &params, &args, key)?;
    Ok(new_generic_alias(vm, &a.origin, &vm.new_tuple(substituted)))
}

/// The arguments with the parameters replaced by `key`'s items; `owner`
/// names the alias or union in the messages.
pub(crate) fn substitute(
    vm: &Vm,
    owner: &Object,
    params: &Object,
    args: &[Object],
    key: &Object,
) -> PyResult<Vec<Object>> {
    let params = tuple_items(params).unwrap_or(&[]).to_vec();
    if params.is_empty() {
        return Err(vm.new_type_error(format!(
            "{} is not a generic class",
            as_rust_str(&vm.repr(owner)?)
        )));
    }
    let mut items = match tuple_items(key) {
        Some(items) => items.to_vec(),
        None => vec![key.clone()],
    };
    for param in &params {
        if let Some(prepare) = vm.getattr_opt(param, &vm.intern("__typing_prepare_subst__"))? {
            let prepared = vm.call(
                &prepare,
                Args::positional_only(&[owner.clone(), vm.new_tuple(items.clone())]),
            )?;
            items = vm.collect_iterable(&prepared)?;
        }
    }
    if items.len() != params.len() {
        return Err(vm.new_type_error(format!(
            "Too {} arguments for {}; actual {}, expected {}",
            if items.len() > params.len() {
                "many"
            } else {
                "few"
            },
            as_rust_str(&vm.repr(owner)?),
            items.len(),
            params.len()
        )));
    }
    let mut result = Vec::with_capacity(args.len());
    for arg in args {
        result.push(substitute_one(vm, arg, &params, &items)?);
    }
    Ok(result)
}

fn substitute_one(vm: &Vm, arg: &Object, params: &[Object], items: &[Object]) -> PyResult {
    if arg.payload::<TypeObject>().is_some() {
        return Ok(arg.clone());
    }
    if let Some(subst) = vm.getattr_opt(arg, &vm.intern("__typing_subst__"))? {
        let i = params
            .iter()
            .position(|p| p.is(arg))
            .expect("a parameter of the alias");
        return vm.call(
            &subst,
            Args::positional_only(std::slice::from_ref(&items[i])),
        );
    }
    if let Some(list) = list_items(arg) {
        let mut out = Vec::with_capacity(list.len());
        for item in &list {
            out.push(substitute_one(vm, item, params, items)?);
        }
        return Ok(vm.new_list(out));
    }
    let Some(sub_params) = vm.getattr_opt(arg, &vm.intern("__parameters__"))? else {
        return Ok(arg.clone());
    };
    let sub_params = tuple_items(&sub_params).unwrap_or(&[]).to_vec();
    if sub_params.is_empty() {
        return Ok(arg.clone());
    }
    let chosen: Vec<Object> = sub_params
        .iter()
        .map(|sp| {
            let i = params.iter().position(|p| p.is(sp)).unwrap_or(0);
            items[i].clone()
        })
        .collect();
    let key = if chosen.len() == 1 {
        chosen[0].clone()
    } else {
        vm.new_tuple(chosen)
    };
    vm.getitem(arg, &key)
}
