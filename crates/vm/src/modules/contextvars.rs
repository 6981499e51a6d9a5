//! `_contextvars` (Python/context.c), which Lib/contextvars.py
//! re-exports: context variables (PEP 567), their tokens, and contexts,
//! the mappings of variables to values that `Context.run` makes
//! current for the running thread.
//!
//! A context's mapping is immutable once shared: setting a variable
//! makes a new dict, so a copy (`copy_context`) is the same dict and
//! costs nothing, as CPython's HAMT makes it.

use crate::errors::PyResult;
use crate::object::{alloc, Object};
use crate::objects::dict::{dict_of, DictObject};
use crate::objects::function::{add_methods, check_arity, check_function_arity, NativeFn};
use crate::objects::str::{as_rust_str, StrObject};
use crate::typeobject::{Args, CompareOp, Layout};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

/// A context (`PyContext`): its variables, a dict, and while it runs
/// the context it replaced.
#[derive(krait_derive::Traverse)]
pub struct ContextObject {
    vars: RefCell<Object>,
    previous: RefCell<Option<Object>>,
    #[traverse(skip)]
    entered: Cell<bool>,
}

/// A context variable (`PyContextVar`).
#[derive(krait_derive::Traverse)]
pub struct ContextVarObject {
    name: Object,
    default: Option<Object>,
}

/// What `ContextVar.set` gives, for `ContextVar.reset`
/// (`PyContextToken`): the value it replaced, None if there was none.
#[derive(krait_derive::Traverse)]
pub struct TokenObject {
    context: Object,
    var: Object,
    old_value: Option<Object>,
    #[traverse(skip)]
    used: Cell<bool>,
}

fn context_type(vm: &Vm) -> PyResult<Object> {
    super::module_state(vm, "_contextvars.Context", |vm| {
        let ty = super::new_type(vm, "_contextvars", "Context", Layout::Context, 0, |tp| {
            tp.slots.new.set(Some(|vm, ty, args| {
                if !args.values.is_empty() {
                    return Err(vm.new_type_error("Context() does not accept any arguments"));
                }
                Ok(new_context(ty, vm.new_dict()))
            }));
            tp.slots.getitem.set(Some(|vm, ctx, key| {
                let var = var_key(vm, key)?;
                match dict_of(&vars_of(ctx)).get(vm, var)? {
                    Some(value) => Ok(value),
                    None => Err(vm.new_key_error(key.clone())),
                }
            }));
            tp.slots
                .length
                .set(Some(|_, ctx| Ok(dict_of(&vars_of(ctx)).len())));
            tp.slots.sq_contains.set(Some(|vm, ctx, key| {
                let var = var_key(vm, key)?;
                Ok(dict_of(&vars_of(ctx)).get(vm, var)?.is_some())
            }));
            tp.slots.iter.set(Some(|vm, ctx| vm.iter(&vars_of(ctx))));
            tp.slots.richcompare.set(Some(|vm, a, b, op| {
                let (Some(_), true) = (
                    b.payload::<ContextObject>(),
                    matches!(op, CompareOp::Eq | CompareOp::Ne),
                ) else {
                    return Ok(vm.not_implemented.clone());
                };
                let equal = vm.eq(&vars_of(a), &vars_of(b))?;
                Ok(vm.new_bool(equal == (op == CompareOp::Eq)))
            }));
            tp.slots
                .hash
                .set(Some(crate::objects::object::hash_not_implemented));
        });
        add_methods(vm, &ty, CONTEXT_METHODS);
        Ok(ty)
    })
}

fn new_context(ty: &Object, vars: Object) -> Object {
    alloc(
        ty,
        ContextObject {
            vars: RefCell::new(vars),
            previous: RefCell::new(None),
            entered: Cell::new(false),
        },
    )
}

fn context_of<'a>(vm: &Vm, o: &'a Object) -> PyResult<&'a ContextObject> {
    o.payload::<ContextObject>()
        .ok_or_else(|| vm.new_type_error("a Context object is required"))
}

fn vars_of(ctx: &Object) -> Object {
    ctx.payload::<ContextObject>()
        .expect("a context")
        .vars
        .borrow()
        .clone()
}

/// A key of a context, which must be a ContextVar.
fn var_key<'a>(vm: &Vm, key: &'a Object) -> PyResult<&'a Object> {
    if key.payload::<ContextVarObject>().is_none() {
        let repr = vm.repr(key)?;
        return Err(vm.new_type_error(format!(
            "a ContextVar key was expected, got {}",
            as_rust_str(&repr)
        )));
    }
    Ok(key)
}

/// The running thread's context, made empty on first use
/// (`context_get`).
fn current(vm: &Vm) -> PyResult<Object> {
    if let Some(ctx) = vm.thread.context.borrow().as_ref() {
        return Ok(ctx.clone());
    }
    let ctx = new_context(&context_type(vm)?, vm.new_dict());
    *vm.thread.context.borrow_mut() = Some(ctx.clone());
    Ok(ctx)
}

const CONTEXT_METHODS: &[(&str, NativeFn)] = &[
    ("run", |vm, args| {
        if args.positional().len() < 2 {
            return Err(vm.new_type_error("run() missing 1 required positional argument"));
        }
        let ctx = &args.values[0];
        let context = context_of(vm, ctx)?;
        if context.entered.get() {
            let repr = vm.repr(ctx)?;
            return Err(vm.new_runtime_error(format!(
                "cannot enter context: {} is already entered",
                as_rust_str(&repr)
            )));
        }
        let previous = current(vm)?;
        *context.previous.borrow_mut() = Some(previous);
        context.entered.set(true);
        *vm.thread.context.borrow_mut() = Some(ctx.clone());
        let call_args = Args {
            values: &args.values[2..],
            kwnames: args.kwnames,
        };
        let result = vm.call(&args.values[1], call_args);
        context.entered.set(false);
        let previous = context.previous.borrow_mut().take();
        *vm.thread.context.borrow_mut() = previous;
        result
    }),
    ("copy", |vm, args| {
        check_arity(vm, "copy", args, 1, 1)?;
        let ctx = &args.values[0];
        context_of(vm, ctx)?;
        Ok(new_context(&context_type(vm)?, vars_of(ctx)))
    }),
    ("get", |vm, args| {
        check_arity(vm, "get", args, 2, 3)?;
        let vars = vars_of(&args.values[0]);
        let var = var_key(vm, &args.values[1])?;
        let found = dict_of(&vars).get(vm, var)?;
        Ok(found.unwrap_or_else(|| {
            args.values
                .get(2)
                .cloned()
                .unwrap_or_else(|| vm.none.clone())
        }))
    }),
    ("keys", |vm, args| {
        check_arity(vm, "keys", args, 1, 1)?;
        vm.call_method(&vars_of(&args.values[0]), "keys", &[])
    }),
    ("values", |vm, args| {
        check_arity(vm, "values", args, 1, 1)?;
        vm.call_method(&vars_of(&args.values[0]), "values", &[])
    }),
    ("items", |vm, args| {
        check_arity(vm, "items", args, 1, 1)?;
        vm.call_method(&vars_of(&args.values[0]), "items", &[])
    }),
];

fn var_type(vm: &Vm) -> PyResult<Object> {
    super::module_state(vm, "_contextvars.ContextVar", |vm| {
        let ty = super::new_type(
            vm,
            "_contextvars",
            "ContextVar",
            Layout::ContextVar,
            0,
            |tp| {
                tp.slots.new.set(Some(new_var));
                tp.slots.repr.set(Some(|vm, var| {
                    let v = var_of(vm, var)?;
                    let name = vm.repr(&v.name)?;
                    let default = match &v.default {
                        Some(d) => format!(" default={}", as_rust_str(&vm.repr(d)?)),
                        None => String::new(),
                    };
                    Ok(vm.new_str(&format!(
                        "<ContextVar name={}{default} at {:#x}>",
                        as_rust_str(&name),
                        var.id()
                    )))
                }));
            },
        );
        add_methods(vm, &ty, VAR_METHODS);
        crate::objects::descr::add_getset(
            vm,
            &ty,
            "name",
            |vm, var| Ok(var_of(vm, var)?.name.clone()),
            None,
        );
        crate::objects::genericalias::add_class_getitem(vm, &ty);
        Ok(ty)
    })
}

fn var_of<'a>(vm: &Vm, o: &'a Object) -> PyResult<&'a ContextVarObject> {
    o.payload::<ContextVarObject>()
        .ok_or_else(|| vm.new_type_error("a ContextVar object is required"))
}

/// `ContextVar(name, *, default)`.
fn new_var(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let positional = args.positional().len();
    if positional > 1 {
        return Err(vm.new_type_error(format!(
            "ContextVar() takes at most 1 positional argument ({positional} given)"
        )));
    }
    let bound =
        crate::objects::getargs::bind(vm, "ContextVar", args, false, &["name", "default"], 1)?;
    let name = bound[0].clone().expect("required");
    if name.payload::<StrObject>().is_none() {
        return Err(vm.new_type_error("context variable name must be a str"));
    }
    Ok(alloc(
        ty,
        ContextVarObject {
            name,
            default: bound[1].clone(),
        },
    ))
}

const VAR_METHODS: &[(&str, NativeFn)] = &[
    ("get", |vm, args| {
        check_arity(vm, "get", args, 1, 2)?;
        let var = &args.values[0];
        let v = var_of(vm, var)?;
        let ctx = current(vm)?;
        if let Some(value) = dict_of(&vars_of(&ctx)).get(vm, var)? {
            return Ok(value);
        }
        if let Some(default) = args.values.get(1).or(v.default.as_ref()) {
            return Ok(default.clone());
        }
        Err(crate::errors::PyErr(crate::exceptions::new_exception(
            vm,
            &vm.exceptions.lookup_error,
            vec![var.clone()],
        )))
    }),
    ("set", |vm, args| {
        check_arity(vm, "set", args, 2, 2)?;
        let var = &args.values[0];
        var_of(vm, var)?;
        let ctx = current(vm)?;
        let old = dict_of(&vars_of(&ctx)).get(vm, var)?;
        set_var(vm, &ctx, var, Some(args.values[1].clone()))?;
        Ok(alloc(
            &token_type(vm)?,
            TokenObject {
                context: ctx,
                var: var.clone(),
                old_value: old,
                used: Cell::new(false),
            },
        ))
    }),
    ("reset", |vm, args| {
        check_arity(vm, "reset", args, 2, 2)?;
        let var = &args.values[0];
        var_of(vm, var)?;
        let token_object = &args.values[1];
        let Some(token) = token_object.payload::<TokenObject>() else {
            return Err(vm.new_type_error(format!(
                "expected an instance of Token, got {}",
                as_rust_str(&vm.repr(token_object)?)
            )));
        };
        let token_repr = || vm.repr(token_object).map(|r| as_rust_str(&r).into_owned());
        if token.used.get() {
            return Err(
                vm.new_runtime_error(format!("{} has already been used once", token_repr()?))
            );
        }
        if !token.var.is(var) {
            return Err(vm.new_value_error(format!(
                "{} was created by a different ContextVar",
                token_repr()?
            )));
        }
        let ctx = current(vm)?;
        if !token.context.is(&ctx) {
            return Err(vm.new_value_error(format!(
                "{} was created in a different Context",
                token_repr()?
            )));
        }
        token.used.set(true);
        set_var(vm, &ctx, var, token.old_value.clone())?;
        Ok(vm.none.clone())
    }),
];

/// Gives `ctx` a new mapping with `var` set to `value`, or removed.
fn set_var(vm: &Vm, ctx: &Object, var: &Object, value: Option<Object>) -> PyResult<()> {
    let copy = alloc(
        &vm.types.dict,
        DictObject {
            dict: dict_of(&vars_of(ctx)).copy(),
        },
    );
    match value {
        Some(value) => dict_of(&copy).set(vm, var.clone(), value)?,
        None => {
            dict_of(&copy).remove(vm, var)?;
        }
    }
    *context_of(vm, ctx)?.vars.borrow_mut() = copy;
    Ok(())
}

fn token_type(vm: &Vm) -> PyResult<Object> {
    super::module_state(vm, "_contextvars.Token", |vm| {
        let ty = super::new_type(vm, "_contextvars", "Token", Layout::Token, 0, |tp| {
            tp.slots.new.set(Some(|vm, _, _| {
                Err(vm.new_runtime_error("Tokens can only be created by ContextVars"))
            }));
            tp.slots.repr.set(Some(|vm, o| {
                let token = o
                    .payload::<TokenObject>()
                    .ok_or_else(|| vm.new_type_error("a Token object is required"))?;
                let used = if token.used.get() { " used" } else { "" };
                let var = vm.repr(&token.var)?;
                Ok(vm.new_str(&format!(
                    "<Token{used} var={} at {:#x}>",
                    as_rust_str(&var),
                    o.id()
                )))
            }));
        });
        crate::objects::descr::add_getset(
            vm,
            &ty,
            "var",
            |vm, o| token_payload(vm, o).map(|t| t.var.clone()),
            None,
        );
        crate::objects::descr::add_getset(
            vm,
            &ty,
            "old_value",
            |vm, o| {
                let token = token_payload(vm, o)?;
                match &token.old_value {
                    Some(v) => Ok(v.clone()),
                    None => missing(vm),
                }
            },
            None,
        );
        let missing_marker = missing(vm)?;
        crate::object::type_payload(&ty)
            .dict
            .set_str(vm, vm.intern("MISSING"), missing_marker);
        crate::objects::genericalias::add_class_getitem(vm, &ty);
        Ok(ty)
    })
}

fn token_payload<'a>(vm: &Vm, o: &'a Object) -> PyResult<&'a TokenObject> {
    o.payload::<TokenObject>()
        .ok_or_else(|| vm.new_type_error("a Token object is required"))
}

/// `Token.MISSING`, the old value of a variable that had none.
fn missing(vm: &Vm) -> PyResult<Object> {
    super::module_state(vm, "_contextvars.Token.MISSING", |vm| {
        let ty = super::new_type(
            vm,
            "_contextvars",
            "Token.MISSING",
            Layout::Object,
            0,
            |tp| {
                tp.slots
                    .repr
                    .set(Some(|vm, _| Ok(vm.new_str("<Token.MISSING>"))));
            },
        );
        Ok(alloc(&ty, crate::objects::object::ObjectPayload))
    })
}

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let functions: &[(&'static str, NativeFn)] = &[("copy_context", |vm, args| {
        check_function_arity(vm, "copy_context", args, 0, 0)?;
        let ctx = current(vm)?;
        Ok(new_context(&context_type(vm)?, vars_of(&ctx)))
    })];
    super::add_functions(vm, module, functions);
    super::set_attr(vm, module, "Context", context_type(vm)?);
    super::set_attr(vm, module, "ContextVar", var_type(vm)?);
    super::set_attr(vm, module, "Token", token_type(vm)?);
    Ok(())
}
