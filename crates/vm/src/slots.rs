//! Special methods and type slots, in both directions (typeobject.c's
//! `slotdefs`).
//!
//! One table, [`SLOTDEFS`], pairs each special method name with the slot
//! it fills:
//!
//! - a builtin type that sets a slot in Rust gets, for each name of the
//!   slot, a slot wrapper in its dict, so that `int.__add__(1, 2)` and
//!   `super().__init__()` reach the Rust function;
//! - a class defined in Python that defines a special method gets the
//!   slot function that looks the method up on the class and calls it,
//!   so that `a + b` reaches `A.__add__`.

use crate::errors::PyResult;
use crate::object::{type_payload, Object};
use crate::objects::descr::SlotWrapperObject;
use crate::typeobject::{is_subtype, Args, CompareOp, Slots, TypeObject};
use crate::vm::Vm;

/// How a special method fills a slot.
#[derive(Clone, Copy)]
pub enum SlotKind {
    Repr,
    Str,
    Hash,
    Call,
    GetAttribute,
    GetAttr,
    SetAttr,
    DelAttr,
    Compare(CompareOp),
    Iter,
    Next,
    Get,
    Set,
    Delete,
    Init,
    New,
    /// A binary number slot: `__add__` (`reflected` false) and `__radd__`.
    Binary(
        fn(&Slots) -> &std::cell::Cell<Option<crate::typeobject::BinaryFn>>,
        bool,
    ),
    InPlace(fn(&Slots) -> &std::cell::Cell<Option<crate::typeobject::BinaryFn>>),
    Unary(fn(&Slots) -> &std::cell::Cell<Option<crate::typeobject::UnaryFn>>),
    Power(bool),
    Bool,
    Len,
    Contains,
    GetItem,
    SetItem,
    DelItem,
    Finalize,
}

pub struct SlotDef {
    pub name: &'static str,
    pub kind: SlotKind,
}

macro_rules! slotdefs {
    ($( $name:literal => $kind:expr, )*) => {
        /// Every special method name a slot stands for.
        pub static SLOTDEFS: &[SlotDef] = &[ $( SlotDef { name: $name, kind: $kind }, )* ];
    };
}

use SlotKind::*;

slotdefs! {
    "__repr__" => Repr,
    "__str__" => Str,
    "__hash__" => Hash,
    "__call__" => Call,
    "__getattribute__" => GetAttribute,
    "__getattr__" => GetAttr,
    "__setattr__" => SetAttr,
    "__delattr__" => DelAttr,
    "__lt__" => Compare(CompareOp::Lt),
    "__le__" => Compare(CompareOp::Le),
    "__eq__" => Compare(CompareOp::Eq),
    "__ne__" => Compare(CompareOp::Ne),
    "__gt__" => Compare(CompareOp::Gt),
    "__ge__" => Compare(CompareOp::Ge),
    "__iter__" => Iter,
    "__next__" => Next,
    "__get__" => Get,
    "__set__" => Set,
    "__delete__" => Delete,
    "__init__" => Init,
    "__new__" => New,
    "__add__" => Binary(|s| &s.nb_add, false),
    "__radd__" => Binary(|s| &s.nb_add, true),
    "__sub__" => Binary(|s| &s.nb_subtract, false),
    "__rsub__" => Binary(|s| &s.nb_subtract, true),
    "__mul__" => Binary(|s| &s.nb_multiply, false),
    "__rmul__" => Binary(|s| &s.nb_multiply, true),
    "__mod__" => Binary(|s| &s.nb_remainder, false),
    "__rmod__" => Binary(|s| &s.nb_remainder, true),
    "__divmod__" => Binary(|s| &s.nb_divmod, false),
    "__rdivmod__" => Binary(|s| &s.nb_divmod, true),
    "__pow__" => Power(false),
    "__rpow__" => Power(true),
    "__neg__" => Unary(|s| &s.nb_negative),
    "__pos__" => Unary(|s| &s.nb_positive),
    "__abs__" => Unary(|s| &s.nb_absolute),
    "__bool__" => Bool,
    "__invert__" => Unary(|s| &s.nb_invert),
    "__lshift__" => Binary(|s| &s.nb_lshift, false),
    "__rlshift__" => Binary(|s| &s.nb_lshift, true),
    "__rshift__" => Binary(|s| &s.nb_rshift, false),
    "__rrshift__" => Binary(|s| &s.nb_rshift, true),
    "__and__" => Binary(|s| &s.nb_and, false),
    "__rand__" => Binary(|s| &s.nb_and, true),
    "__xor__" => Binary(|s| &s.nb_xor, false),
    "__rxor__" => Binary(|s| &s.nb_xor, true),
    "__or__" => Binary(|s| &s.nb_or, false),
    "__ror__" => Binary(|s| &s.nb_or, true),
    "__int__" => Unary(|s| &s.nb_int),
    "__float__" => Unary(|s| &s.nb_float),
    "__floordiv__" => Binary(|s| &s.nb_floor_divide, false),
    "__rfloordiv__" => Binary(|s| &s.nb_floor_divide, true),
    "__truediv__" => Binary(|s| &s.nb_true_divide, false),
    "__rtruediv__" => Binary(|s| &s.nb_true_divide, true),
    "__index__" => Unary(|s| &s.nb_index),
    "__matmul__" => Binary(|s| &s.nb_matrix_multiply, false),
    "__rmatmul__" => Binary(|s| &s.nb_matrix_multiply, true),
    "__iadd__" => InPlace(|s| &s.nb_inplace_add),
    "__isub__" => InPlace(|s| &s.nb_inplace_subtract),
    "__imul__" => InPlace(|s| &s.nb_inplace_multiply),
    "__imod__" => InPlace(|s| &s.nb_inplace_remainder),
    "__ilshift__" => InPlace(|s| &s.nb_inplace_lshift),
    "__irshift__" => InPlace(|s| &s.nb_inplace_rshift),
    "__iand__" => InPlace(|s| &s.nb_inplace_and),
    "__ixor__" => InPlace(|s| &s.nb_inplace_xor),
    "__ior__" => InPlace(|s| &s.nb_inplace_or),
    "__ifloordiv__" => InPlace(|s| &s.nb_inplace_floor_divide),
    "__itruediv__" => InPlace(|s| &s.nb_inplace_true_divide),
    "__imatmul__" => InPlace(|s| &s.nb_inplace_matrix_multiply),
    "__len__" => Len,
    "__contains__" => Contains,
    "__getitem__" => GetItem,
    "__setitem__" => SetItem,
    "__delitem__" => DelItem,
    "__del__" => Finalize,
}

/// Whether the slot `kind` fills is set in `slots`.
fn slot_is_set(slots: &Slots, kind: SlotKind) -> bool {
    match kind {
        Repr => slots.repr.get().is_some(),
        Str => slots.str.get().is_some(),
        Hash => slots.hash.get().is_some(),
        Call => slots.call.get().is_some(),
        GetAttribute => slots.getattro.get().is_some(),
        GetAttr => false,
        SetAttr | DelAttr => slots.setattro.get().is_some(),
        Compare(_) => slots.richcompare.get().is_some(),
        Iter => slots.iter.get().is_some(),
        Next => slots.iternext.get().is_some(),
        Get => slots.descr_get.get().is_some(),
        Set | Delete => slots.descr_set.get().is_some(),
        Init => slots.init.get().is_some(),
        New => slots.new.get().is_some(),
        Binary(f, _) => f(slots).get().is_some(),
        InPlace(f) => f(slots).get().is_some(),
        Unary(f) => f(slots).get().is_some(),
        Power(_) => slots.nb_power.get().is_some(),
        Bool => slots.nb_bool.get().is_some(),
        Len => slots.length.get().is_some(),
        Contains => slots.sq_contains.get().is_some(),
        GetItem => slots.getitem.get().is_some(),
        SetItem | DelItem => slots.setitem.get().is_some(),
        Finalize => slots.finalize.get().is_some(),
    }
}

/// Puts a slot wrapper in a builtin type's dict for every special method
/// whose slot the type sets itself (`add_operators`).
pub fn add_slot_wrappers(vm: &Vm, ty: &Object) {
    let tp = type_payload(ty);
    for (index, def) in SLOTDEFS.iter().enumerate() {
        if !slot_is_set(&tp.slots, def.kind) || matches!(def.kind, New) {
            continue;
        }
        let name = vm.intern(def.name);
        if tp.dict.get_str(vm, &name).is_some() {
            continue;
        }
        let wrapper = crate::object::alloc(
            &vm.types.slot_wrapper,
            SlotWrapperObject {
                name: def.name,
                call: WRAPPERS[index],
                objclass: ty.clone(),
            },
        );
        tp.dict.set_str(vm, name, wrapper);
    }
    if tp.slots.new.get().is_some() && tp.dict.get_str(vm, &vm.names.__new__).is_none() {
        let new = crate::objects::function::new_builtin_function(vm, "__new__", tp_new_wrapper);
        tp.dict.set_str(
            vm,
            vm.names.__new__.clone(),
            crate::objects::descr::new_staticmethod(vm, new),
        );
    }
}

/// Whether `found` is the `__new__` a builtin type's dict holds.
fn is_builtin_new(found: &Object) -> bool {
    let Some(s) = found.payload::<crate::objects::descr::StaticMethodObject>() else {
        return false;
    };
    let callable = s.callable.borrow();
    callable
        .payload::<crate::objects::function::BuiltinFunctionObject>()
        .is_some_and(|b| {
            std::ptr::fn_addr_eq(b.func, tp_new_wrapper as crate::objects::function::NativeFn)
        })
}

/// `T.__new__(S, ...)`: calls the `new` slot of S's nearest builtin base.
fn tp_new_wrapper(vm: &Vm, args: Args) -> PyResult {
    let Some(subtype) = args.positional().first() else {
        return Err(vm.new_type_error("object.__new__(): not enough arguments"));
    };
    let Some(stp) = subtype.payload::<TypeObject>() else {
        return Err(vm.new_type_error(format!(
            "object.__new__(X): X is not a type object ({})",
            vm.type_name(subtype)
        )));
    };
    // The `new` of the first builtin type of the MRO does the work.
    let builtin = stp
        .mro
        .borrow()
        .iter()
        .find(|t| !type_payload(t).has_flag(crate::typeobject::flags::HEAPTYPE))
        .cloned()
        .unwrap_or_else(|| vm.object_type.clone());
    let new = type_payload(&builtin).slots.new.get().ok_or_else(|| {
        vm.new_type_error(format!(
            "cannot create '{}' instances",
            type_payload(&builtin).name()
        ))
    })?;
    new(
        vm,
        subtype,
        Args {
            values: &args.values[1..],
            kwnames: args.kwnames,
        },
    )
}

fn self_and(args: Args<'_>) -> (&Object, Args<'_>) {
    (
        &args.values[0],
        Args {
            values: &args.values[1..],
            kwnames: args.kwnames,
        },
    )
}

fn expect_args<'a>(vm: &Vm, name: &str, args: Args<'a>, n: usize) -> PyResult<&'a [Object]> {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("wrapper {name}() takes no keyword arguments")));
    }
    if args.values.len() != n + 1 {
        return Err(vm.new_type_error(format!(
            "expected {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            args.values.len() - 1
        )));
    }
    Ok(&args.values[1..])
}

macro_rules! wrappers {
    ($( $name:literal => |$vm:ident, $tp:ident, $args:ident| $body:expr, )*) => {
        /// The slot wrappers' bodies, in [`SLOTDEFS`] order; each calls
        /// the slot of the class that defines it.
        static WRAPPERS: &[fn(&Vm, &Object, Args) -> PyResult] = &[
            $( |$vm: &Vm, objclass: &Object, $args: Args| -> PyResult {
                let $tp = type_payload(objclass);
                let _ = $name;
                $body
            }, )*
        ];
    };
}

fn missing(vm: &Vm) -> crate::errors::PyErr {
    vm.new_type_error("slot wrapper called on a type without the slot")
}

wrappers! {
    "__repr__" => |vm, tp, args| { expect_args(vm, "__repr__", args, 0)?; (tp.slots.repr.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0]) },
    "__str__" => |vm, tp, args| { expect_args(vm, "__str__", args, 0)?; (tp.slots.str.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0]) },
    "__hash__" => |vm, tp, args| { expect_args(vm, "__hash__", args, 0)?; Ok(vm.new_int((tp.slots.hash.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0])?)) },
    "__call__" => |vm, tp, args| { let (s, rest) = self_and(args); (tp.slots.call.get().ok_or_else(|| missing(vm))?)(vm, s, rest) },
    "__getattribute__" => |vm, tp, args| { let a = expect_args(vm, "__getattribute__", args, 1)?; check_str_name(vm, &a[0])?; (tp.slots.getattro.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0], &a[0]) },
    "__getattr__" => |vm, _tp, _args| Err(missing(vm)),
    "__setattr__" => |vm, tp, args| { let a = expect_args(vm, "__setattr__", args, 2)?; check_str_name(vm, &a[0])?; (tp.slots.setattro.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0], &a[0], Some(&a[1]))?; Ok(vm.none.clone()) },
    "__delattr__" => |vm, tp, args| { let a = expect_args(vm, "__delattr__", args, 1)?; check_str_name(vm, &a[0])?; (tp.slots.setattro.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0], &a[0], None)?; Ok(vm.none.clone()) },
    "__lt__" => |vm, tp, args| compare_wrapper(vm, tp, args, CompareOp::Lt),
    "__le__" => |vm, tp, args| compare_wrapper(vm, tp, args, CompareOp::Le),
    "__eq__" => |vm, tp, args| compare_wrapper(vm, tp, args, CompareOp::Eq),
    "__ne__" => |vm, tp, args| compare_wrapper(vm, tp, args, CompareOp::Ne),
    "__gt__" => |vm, tp, args| compare_wrapper(vm, tp, args, CompareOp::Gt),
    "__ge__" => |vm, tp, args| compare_wrapper(vm, tp, args, CompareOp::Ge),
    "__iter__" => |vm, tp, args| { expect_args(vm, "__iter__", args, 0)?; (tp.slots.iter.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0]) },
    "__next__" => |vm, tp, args| {
        expect_args(vm, "__next__", args, 0)?;
        match (tp.slots.iternext.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0])? {
            Some(v) => Ok(v),
            None => Err(vm.new_exception_empty(&vm.exceptions.stop_iteration)),
        }
    },
    "__get__" => |vm, tp, args| {
        let positional = args.positional();
        if positional.len() < 2 || positional.len() > 3 {
            return Err(vm.new_type_error(format!("expected 1 or 2 arguments, got {}", positional.len().saturating_sub(1))));
        }
        let instance = Some(&positional[1]).filter(|i| !vm.is_none(i));
        let owner = positional.get(2).cloned().unwrap_or_else(|| vm.none.clone());
        if instance.is_none() && vm.is_none(&owner) {
            return Err(vm.new_type_error("__get__(None, None) is invalid"));
        }
        (tp.slots.descr_get.get().ok_or_else(|| missing(vm))?)(vm, &positional[0], instance, &owner)
    },
    "__set__" => |vm, tp, args| { let a = expect_args(vm, "__set__", args, 2)?; (tp.slots.descr_set.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0], &a[0], Some(&a[1]))?; Ok(vm.none.clone()) },
    "__delete__" => |vm, tp, args| { let a = expect_args(vm, "__delete__", args, 1)?; (tp.slots.descr_set.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0], &a[0], None)?; Ok(vm.none.clone()) },
    "__init__" => |vm, tp, args| { let (s, rest) = self_and(args); (tp.slots.init.get().ok_or_else(|| missing(vm))?)(vm, s, rest)?; Ok(vm.none.clone()) },
    "__new__" => |vm, _tp, _args| Err(missing(vm)),
    "__add__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_add.get(), args, false),
    "__radd__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_add.get(), args, true),
    "__sub__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_subtract.get(), args, false),
    "__rsub__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_subtract.get(), args, true),
    "__mul__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_multiply.get(), args, false),
    "__rmul__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_multiply.get(), args, true),
    "__mod__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_remainder.get(), args, false),
    "__rmod__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_remainder.get(), args, true),
    "__divmod__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_divmod.get(), args, false),
    "__rdivmod__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_divmod.get(), args, true),
    "__pow__" => |vm, tp, args| power_wrapper(vm, tp, args, false),
    "__rpow__" => |vm, tp, args| power_wrapper(vm, tp, args, true),
    "__neg__" => |vm, tp, args| unary_wrapper(vm, tp.slots.nb_negative.get(), args),
    "__pos__" => |vm, tp, args| unary_wrapper(vm, tp.slots.nb_positive.get(), args),
    "__abs__" => |vm, tp, args| unary_wrapper(vm, tp.slots.nb_absolute.get(), args),
    "__bool__" => |vm, tp, args| { expect_args(vm, "__bool__", args, 0)?; Ok(vm.new_bool((tp.slots.nb_bool.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0])?)) },
    "__invert__" => |vm, tp, args| unary_wrapper(vm, tp.slots.nb_invert.get(), args),
    "__lshift__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_lshift.get(), args, false),
    "__rlshift__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_lshift.get(), args, true),
    "__rshift__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_rshift.get(), args, false),
    "__rrshift__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_rshift.get(), args, true),
    "__and__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_and.get(), args, false),
    "__rand__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_and.get(), args, true),
    "__xor__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_xor.get(), args, false),
    "__rxor__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_xor.get(), args, true),
    "__or__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_or.get(), args, false),
    "__ror__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_or.get(), args, true),
    "__int__" => |vm, tp, args| unary_wrapper(vm, tp.slots.nb_int.get(), args),
    "__float__" => |vm, tp, args| unary_wrapper(vm, tp.slots.nb_float.get(), args),
    "__floordiv__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_floor_divide.get(), args, false),
    "__rfloordiv__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_floor_divide.get(), args, true),
    "__truediv__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_true_divide.get(), args, false),
    "__rtruediv__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_true_divide.get(), args, true),
    "__index__" => |vm, tp, args| unary_wrapper(vm, tp.slots.nb_index.get(), args),
    "__matmul__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_matrix_multiply.get(), args, false),
    "__rmatmul__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_matrix_multiply.get(), args, true),
    "__iadd__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_inplace_add.get(), args, false),
    "__isub__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_inplace_subtract.get(), args, false),
    "__imul__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_inplace_multiply.get(), args, false),
    "__imod__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_inplace_remainder.get(), args, false),
    "__ilshift__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_inplace_lshift.get(), args, false),
    "__irshift__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_inplace_rshift.get(), args, false),
    "__iand__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_inplace_and.get(), args, false),
    "__ixor__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_inplace_xor.get(), args, false),
    "__ior__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_inplace_or.get(), args, false),
    "__ifloordiv__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_inplace_floor_divide.get(), args, false),
    "__itruediv__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_inplace_true_divide.get(), args, false),
    "__imatmul__" => |vm, tp, args| binary_wrapper(vm, tp.slots.nb_inplace_matrix_multiply.get(), args, false),
    "__len__" => |vm, tp, args| { expect_args(vm, "__len__", args, 0)?; Ok(vm.new_int((tp.slots.length.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0])? as i64)) },
    "__contains__" => |vm, tp, args| { let a = expect_args(vm, "__contains__", args, 1)?; Ok(vm.new_bool((tp.slots.sq_contains.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0], &a[0])?)) },
    "__getitem__" => |vm, tp, args| { let a = expect_args(vm, "__getitem__", args, 1)?; (tp.slots.getitem.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0], &a[0]) },
    "__setitem__" => |vm, tp, args| { let a = expect_args(vm, "__setitem__", args, 2)?; (tp.slots.setitem.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0], &a[0], Some(&a[1]))?; Ok(vm.none.clone()) },
    "__delitem__" => |vm, tp, args| { let a = expect_args(vm, "__delitem__", args, 1)?; (tp.slots.setitem.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0], &a[0], None)?; Ok(vm.none.clone()) },
    "__del__" => |vm, tp, args| { expect_args(vm, "__del__", args, 0)?; (tp.slots.finalize.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0]); Ok(vm.none.clone()) },
}

fn check_str_name(vm: &Vm, name: &Object) -> PyResult<()> {
    if vm.is_instance(name, &vm.types.str) {
        Ok(())
    } else {
        Err(vm.new_type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(name)
        )))
    }
}

fn compare_wrapper(vm: &Vm, tp: &TypeObject, args: Args, op: CompareOp) -> PyResult {
    let a = expect_args(vm, op.dunder(), args, 1)?;
    (tp.slots.richcompare.get().ok_or_else(|| missing(vm))?)(vm, &args.values[0], &a[0], op)
}

fn binary_wrapper(
    vm: &Vm,
    slot: Option<crate::typeobject::BinaryFn>,
    args: Args,
    reflected: bool,
) -> PyResult {
    let a = expect_args(vm, "binary", args, 1)?;
    let slot = slot.ok_or_else(|| missing(vm))?;
    if reflected {
        slot(vm, &a[0], &args.values[0])
    } else {
        slot(vm, &args.values[0], &a[0])
    }
}

fn unary_wrapper(vm: &Vm, slot: Option<crate::typeobject::UnaryFn>, args: Args) -> PyResult {
    expect_args(vm, "unary", args, 0)?;
    (slot.ok_or_else(|| missing(vm))?)(vm, &args.values[0])
}

fn power_wrapper(vm: &Vm, tp: &TypeObject, args: Args, reflected: bool) -> PyResult {
    let positional = args.positional();
    if positional.len() < 2 || positional.len() > 3 || args.has_keywords() {
        return Err(vm.new_type_error(format!(
            "expected 1 or 2 arguments, got {}",
            positional.len().saturating_sub(1)
        )));
    }
    let slot = tp.slots.nb_power.get().ok_or_else(|| missing(vm))?;
    let modulus = positional
        .get(2)
        .cloned()
        .unwrap_or_else(|| vm.none.clone());
    if reflected {
        slot(vm, &positional[1], &positional[0], &modulus)
    } else {
        slot(vm, &positional[0], &positional[1], &modulus)
    }
}

/// Calls the special method `name` of `self_`'s type, bound to it, or
/// gives None if the type has no such attribute (`vectorcall_method`).
pub fn call_special(
    vm: &Vm,
    self_: &Object,
    name: &str,
    args: &[Object],
) -> PyResult<Option<Object>> {
    let name = vm.intern(name);
    let ty = vm.type_of(self_);
    let Some(descr) = type_payload(ty).lookup(vm, &name) else {
        return Ok(None);
    };
    if descr
        .payload::<crate::objects::function::FunctionObject>()
        .is_some()
    {
        let mut values = Vec::with_capacity(args.len() + 1);
        values.push(self_.clone());
        values.extend_from_slice(args);
        return vm.call(&descr, Args::positional_only(&values)).map(Some);
    }
    let bound = match vm.type_payload_of(&descr).slots.descr_get.get() {
        Some(get) => get(vm, &descr, Some(self_), ty)?,
        None => descr,
    };
    vm.call(&bound, Args::positional_only(args)).map(Some)
}

/// [`call_special`] for a method the type must have.
fn call_required(vm: &Vm, self_: &Object, name: &str, args: &[Object]) -> PyResult {
    match call_special(vm, self_, name, args)? {
        Some(v) => Ok(v),
        None => Err(vm.new_exception(&vm.exceptions.attribute_error, name.to_string())),
    }
}

/// Gives a class defined in Python the slots of the special methods its
/// namespace (or a base's, for slots not yet inherited) defines
/// (`fixup_slot_dispatchers`).
pub fn fixup_slots(vm: &Vm, ty: &Object) {
    let tp = type_payload(ty);
    for def in SLOTDEFS {
        let name = vm.intern(def.name);
        let Some(found) = tp.lookup(vm, &name) else {
            continue;
        };
        // A builtin's own slot wrapper (or `__new__`), inherited: keep
        // the inherited slot. One stored under another name (enum's
        // `__str__ = int.__repr__`) is called as any other method.
        let own_wrapper = found
            .payload::<SlotWrapperObject>()
            .is_some_and(|w| w.name == def.name);
        if own_wrapper || is_builtin_new(&found) {
            continue;
        }
        let s = &tp.slots;
        match def.kind {
            Repr => s
                .repr
                .set(Some(|vm, o| call_required(vm, o, "__repr__", &[]))),
            Str => s
                .str
                .set(Some(|vm, o| call_required(vm, o, "__str__", &[]))),
            Hash => {
                if vm.is_none(&found) {
                    s.hash
                        .set(Some(crate::objects::object::hash_not_implemented));
                } else {
                    s.hash.set(Some(slot_hash));
                }
            }
            Call => s.call.set(Some(|vm, o, args| {
                let f = type_payload(vm.type_of(o))
                    .lookup_str(vm, "__call__")
                    .ok_or_else(|| {
                        vm.new_type_error(format!("'{}' object is not callable", vm.type_name(o)))
                    })?;
                crate::objects::function::call_with_self(vm, &f, o, args)
            })),
            GetAttribute | GetAttr => s.getattro.set(Some(slot_getattr_hook)),
            SetAttr | DelAttr => s.setattro.set(Some(slot_setattro)),
            Compare(_) => s.richcompare.set(Some(slot_richcompare)),
            Iter => s
                .iter
                .set(Some(|vm, o| call_required(vm, o, "__iter__", &[]))),
            Next => s.iternext.set(Some(slot_iternext)),
            Get => s.descr_get.set(Some(|vm, d, instance, owner| {
                let instance = instance.cloned().unwrap_or_else(|| vm.none.clone());
                call_required(vm, d, "__get__", &[instance, owner.clone()])
            })),
            Set | Delete => s.descr_set.set(Some(|vm, d, instance, value| {
                match value {
                    Some(v) => call_required(vm, d, "__set__", &[instance.clone(), v.clone()]),
                    None => call_required(vm, d, "__delete__", std::slice::from_ref(instance)),
                }
                .map(drop)
            })),
            Init => s.init.set(Some(slot_init)),
            New => s.new.set(Some(slot_new)),
            Binary(slot, _) => set_binary_slot(slot(s), def.name),
            InPlace(slot) => set_inplace_slot(slot(s), def.name),
            Unary(slot) => set_unary_slot(slot(s), def.name),
            Power(_) => s.nb_power.set(Some(slot_power)),
            Bool => s.nb_bool.set(Some(|vm, o| {
                let r = call_required(vm, o, "__bool__", &[])?;
                if !vm.is_instance(&r, &vm.types.bool_) {
                    return Err(vm.new_type_error(format!(
                        "__bool__ should return bool, returned {}",
                        vm.type_name(&r)
                    )));
                }
                Ok(r.is(&vm.true_))
            })),
            Len => s.length.set(Some(slot_length)),
            Contains => s.sq_contains.set(Some(|vm, o, item| {
                let r = call_required(vm, o, "__contains__", std::slice::from_ref(item))?;
                vm.is_true(&r)
            })),
            GetItem => s.getitem.set(Some(|vm, o, key| {
                call_required(vm, o, "__getitem__", std::slice::from_ref(key))
            })),
            SetItem | DelItem => s.setitem.set(Some(|vm, o, key, value| {
                match value {
                    Some(v) => call_required(vm, o, "__setitem__", &[key.clone(), v.clone()]),
                    None => call_required(vm, o, "__delitem__", std::slice::from_ref(key)),
                }
                .map(drop)
            })),
            Finalize => s.finalize.set(Some(slot_finalize)),
        }
    }
}

/// `__del__` (`slot_tp_finalize`): an error is reported as unraisable,
/// about the `__del__` function.
fn slot_finalize(vm: &Vm, o: &Object) {
    let Some(del) = vm.type_payload_of(o).lookup(vm, &vm.names.__del__) else {
        return;
    };
    if let Err(e) =
        crate::objects::function::call_with_self(vm, &del, o, Args::positional_only(&[]))
    {
        crate::unraisable::write_unraisable(vm, &e, Some(&del), None);
    }
}

fn slot_hash(vm: &Vm, o: &Object) -> PyResult<i64> {
    let r = call_required(vm, o, "__hash__", &[])?;
    if !vm.is_instance(&r, &vm.types.int) {
        return Err(vm.new_type_error("__hash__ method should return an integer"));
    }
    crate::objects::int::hash_int_object(vm, &r)
}

fn slot_getattr_hook(vm: &Vm, o: &Object, name: &Object) -> PyResult {
    let tp = vm.type_payload_of(o);
    let getattribute = tp.lookup(vm, &vm.names.__getattribute__);
    let result = match &getattribute {
        Some(g) if g.payload::<SlotWrapperObject>().is_none() => {
            crate::objects::function::call_with_self(
                vm,
                g,
                o,
                Args::positional_only(std::slice::from_ref(name)),
            )
        }
        // The builtin `__getattribute__` of the nearest builtin base:
        // `object`'s for instances, `type`'s for classes of a metaclass.
        _ => {
            let hook: crate::typeobject::GetattroFn = slot_getattr_hook;
            let builtin = tp.mro.borrow().iter().find_map(|t| {
                type_payload(t)
                    .slots
                    .getattro
                    .get()
                    .filter(|f| !std::ptr::fn_addr_eq(*f, hook))
            });
            match builtin {
                Some(getattro) => getattro(vm, o, name),
                None => crate::objects::object::generic_getattr(vm, o, name),
            }
        }
    };
    match result {
        Err(e) if e.matches(vm, &vm.exceptions.attribute_error) => {
            match tp.lookup(vm, &vm.names.__getattr__) {
                Some(getattr) => crate::objects::function::call_with_self(
                    vm,
                    &getattr,
                    o,
                    Args::positional_only(std::slice::from_ref(name)),
                ),
                None => Err(e),
            }
        }
        other => other,
    }
}

fn slot_setattro(vm: &Vm, o: &Object, name: &Object, value: Option<&Object>) -> PyResult<()> {
    match value {
        Some(v) => call_required(vm, o, "__setattr__", &[name.clone(), v.clone()]),
        None => call_required(vm, o, "__delattr__", std::slice::from_ref(name)),
    }
    .map(drop)
}

fn slot_richcompare(vm: &Vm, a: &Object, b: &Object, op: CompareOp) -> PyResult {
    match call_special(vm, a, op.dunder(), std::slice::from_ref(b))? {
        Some(r) => Ok(r),
        None => Ok(vm.not_implemented.clone()),
    }
}

/// `__next__`; a StopIteration carrying a value is kept, for `yield
/// from` and `await`, which give that value.
fn slot_iternext(vm: &Vm, o: &Object) -> PyResult<Option<Object>> {
    match call_required(vm, o, "__next__", &[]) {
        Ok(v) => Ok(Some(v)),
        Err(e)
            if e.matches(vm, &vm.exceptions.stop_iteration)
                && crate::objects::tuple::tuple_items(&crate::exceptions::args_of(&e.0))
                    .is_some_and(|a| a.is_empty()) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

fn slot_init(vm: &Vm, o: &Object, args: Args) -> PyResult<()> {
    let init = vm
        .type_payload_of(o)
        .lookup(vm, &vm.names.__init__)
        .ok_or_else(|| missing(vm))?;
    let r = crate::objects::function::call_with_self(vm, &init, o, args)?;
    if !vm.is_none(&r) {
        return Err(vm.new_type_error(format!(
            "__init__() should return None, not '{}'",
            vm.type_name(&r)
        )));
    }
    Ok(())
}

fn slot_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let new = type_payload(ty)
        .lookup(vm, &vm.names.__new__)
        .ok_or_else(|| missing(vm))?;
    // __new__ is a static method: unwrap it, then pass the class first.
    let new = match new.payload::<crate::objects::descr::StaticMethodObject>() {
        Some(s) => s.callable.borrow().clone(),
        None => new,
    };
    crate::objects::function::call_with_self(vm, &new, ty, args)
}

fn slot_length(vm: &Vm, o: &Object) -> PyResult<usize> {
    let r = call_required(vm, o, "__len__", &[])?;
    let Some(n) = crate::objects::int::index_value(vm, &r)? else {
        return Err(vm.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(&r)
        )));
    };
    if n < 0 {
        return Err(vm.new_value_error("__len__() should return >= 0"));
    }
    usize::try_from(n)
        .map_err(|_| vm.new_overflow_error("cannot fit 'int' into an index-sized integer"))
}

fn slot_power(vm: &Vm, a: &Object, b: &Object, modulus: &Object) -> PyResult {
    if vm.is_none(modulus) {
        return binary_dispatch(vm, a, b, "__pow__", "__rpow__", |s| {
            s.nb_power.get().is_some_and(|f| {
                std::ptr::fn_addr_eq(f, slot_power as crate::typeobject::TernaryFn)
            })
        });
    }
    // Three-argument pow calls only the left operand's __pow__.
    let own = vm.type_payload_of(a).slots.nb_power.get();
    if own.is_some_and(|f| std::ptr::fn_addr_eq(f, slot_power as crate::typeobject::TernaryFn)) {
        if let Some(r) = call_special(vm, a, "__pow__", &[b.clone(), modulus.clone()])? {
            return Ok(r);
        }
    }
    Ok(vm.not_implemented.clone())
}

/// The slot of a binary operator defined in Python (`SLOT1BINFULL`):
/// `a.__add__(b)`, or `b.__radd__(a)` when `b`'s class defines it, in
/// the order Python's rules give.
fn binary_dispatch(
    vm: &Vm,
    a: &Object,
    b: &Object,
    name: &str,
    rname: &str,
    uses_dispatch: impl Fn(&Slots) -> bool,
) -> PyResult {
    let ta = vm.type_of(a);
    let tb = vm.type_of(b);
    let mut do_other = !ta.is(tb) && uses_dispatch(&type_payload(tb).slots);
    if uses_dispatch(&type_payload(ta).slots) {
        if do_other && is_subtype(tb, ta) && method_is_overloaded(vm, ta, tb, rname) {
            if let Some(r) = call_special(vm, b, rname, std::slice::from_ref(a))? {
                if !r.is(&vm.not_implemented) {
                    return Ok(r);
                }
            }
            do_other = false;
        }
        if let Some(r) = call_special(vm, a, name, std::slice::from_ref(b))? {
            if !r.is(&vm.not_implemented) || ta.is(tb) {
                return Ok(r);
            }
        }
    }
    if do_other {
        if let Some(r) = call_special(vm, b, rname, std::slice::from_ref(a))? {
            return Ok(r);
        }
    }
    Ok(vm.not_implemented.clone())
}

/// Whether `tb` defines `name` differently from `ta`.
fn method_is_overloaded(vm: &Vm, ta: &Object, tb: &Object, name: &str) -> bool {
    let Some(b) = type_payload(tb).lookup_str(vm, name) else {
        return false;
    };
    match type_payload(ta).lookup_str(vm, name) {
        Some(a) => !a.is(&b),
        None => true,
    }
}

macro_rules! binary_slots {
    ($( $name:literal, $rname:literal, $field:ident, $fn:ident; )*) => {
        $(
            fn $fn(vm: &Vm, a: &Object, b: &Object) -> PyResult {
                binary_dispatch(vm, a, b, $name, $rname, |s| {
                    s.$field.get().is_some_and(|f| std::ptr::fn_addr_eq(f, $fn as crate::typeobject::BinaryFn))
                })
            }
        )*

        fn set_binary_slot(cell: &std::cell::Cell<Option<crate::typeobject::BinaryFn>>, name: &str) {
            let f: crate::typeobject::BinaryFn = match name {
                $( $name | $rname => $fn, )*
                _ => return,
            };
            cell.set(Some(f));
        }
    };
}

binary_slots! {
    "__add__", "__radd__", nb_add, slot_nb_add;
    "__sub__", "__rsub__", nb_subtract, slot_nb_subtract;
    "__mul__", "__rmul__", nb_multiply, slot_nb_multiply;
    "__mod__", "__rmod__", nb_remainder, slot_nb_remainder;
    "__divmod__", "__rdivmod__", nb_divmod, slot_nb_divmod;
    "__lshift__", "__rlshift__", nb_lshift, slot_nb_lshift;
    "__rshift__", "__rrshift__", nb_rshift, slot_nb_rshift;
    "__and__", "__rand__", nb_and, slot_nb_and;
    "__xor__", "__rxor__", nb_xor, slot_nb_xor;
    "__or__", "__ror__", nb_or, slot_nb_or;
    "__floordiv__", "__rfloordiv__", nb_floor_divide, slot_nb_floor_divide;
    "__truediv__", "__rtruediv__", nb_true_divide, slot_nb_true_divide;
    "__matmul__", "__rmatmul__", nb_matrix_multiply, slot_nb_matrix_multiply;
}

macro_rules! simple_slots {
    ($setter:ident, $ty:ty, $( $name:literal => |$vm:ident, $a:ident $(, $b:ident)?| ; )*) => {
        fn $setter(cell: &std::cell::Cell<Option<$ty>>, name: &str) {
            let f: $ty = match name {
                $( $name => |$vm, $a $(, $b)?| call_required($vm, $a, $name, &[$($b.clone())?][..]), )*
                _ => return,
            };
            cell.set(Some(f));
        }
    };
}

simple_slots! {
    set_inplace_slot, crate::typeobject::BinaryFn,
    "__iadd__" => |vm, a, b|;
    "__isub__" => |vm, a, b|;
    "__imul__" => |vm, a, b|;
    "__imod__" => |vm, a, b|;
    "__ilshift__" => |vm, a, b|;
    "__irshift__" => |vm, a, b|;
    "__iand__" => |vm, a, b|;
    "__ixor__" => |vm, a, b|;
    "__ior__" => |vm, a, b|;
    "__ifloordiv__" => |vm, a, b|;
    "__itruediv__" => |vm, a, b|;
    "__imatmul__" => |vm, a, b|;
}

simple_slots! {
    set_unary_slot, crate::typeobject::UnaryFn,
    "__neg__" => |vm, a|;
    "__pos__" => |vm, a|;
    "__abs__" => |vm, a|;
    "__invert__" => |vm, a|;
    "__int__" => |vm, a|;
    "__float__" => |vm, a|;
    "__index__" => |vm, a|;
}
