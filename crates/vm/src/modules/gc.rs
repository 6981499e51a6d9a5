//! `gc` (Modules/gcmodule.c's module functions): the interface to the
//! cycle collector of `crate::gc`.

use crate::errors::PyResult;
use crate::gc::{debug, NUM_GENERATIONS};
use crate::object::Object;
use crate::objects::function::{check_function_arity, NativeFn};
use crate::objects::getargs;
use crate::typeobject::Args;
use crate::vm::Vm;

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let functions: &[(&'static str, NativeFn)] = &[
        ("enable", |vm, args| {
            check_function_arity(vm, "gc.enable", args, 0, 0)?;
            vm.gc.enabled.set(true);
            Ok(vm.none.clone())
        }),
        ("disable", |vm, args| {
            check_function_arity(vm, "gc.disable", args, 0, 0)?;
            vm.gc.enabled.set(false);
            Ok(vm.none.clone())
        }),
        ("isenabled", |vm, args| {
            check_function_arity(vm, "gc.isenabled", args, 0, 0)?;
            Ok(vm.new_bool(vm.gc.enabled.get()))
        }),
        ("collect", collect),
        ("get_count", |vm, args| {
            check_function_arity(vm, "gc.get_count", args, 0, 0)?;
            Ok(vm.new_tuple(
                (0..NUM_GENERATIONS)
                    .map(|g| vm.new_int(vm.gc.count(g) as i64))
                    .collect(),
            ))
        }),
        ("get_threshold", |vm, args| {
            check_function_arity(vm, "gc.get_threshold", args, 0, 0)?;
            Ok(vm.new_tuple(
                (0..NUM_GENERATIONS)
                    .map(|g| vm.new_int(vm.gc.threshold(g) as i64))
                    .collect(),
            ))
        }),
        ("set_threshold", set_threshold),
        ("get_debug", |vm, args| {
            check_function_arity(vm, "gc.get_debug", args, 0, 0)?;
            Ok(vm.new_int(i64::from(vm.gc.debug.get())))
        }),
        ("set_debug", |vm, args| {
            let bound = getargs::bind(vm, "set_debug", args, false, &["flags"], 1)?;
            let flags = getargs::int_arg(vm, bound[0].as_ref().expect("required"))?;
            vm.gc.debug.set(flags as u32);
            Ok(vm.none.clone())
        }),
        ("get_objects", get_objects),
        ("get_stats", |vm, args| {
            check_function_arity(vm, "gc.get_stats", args, 0, 0)?;
            let stats = (0..NUM_GENERATIONS)
                .map(|g| {
                    let (collections, collected, uncollectable) = vm.gc.stats(g);
                    let d = vm.new_dict();
                    let dict = crate::objects::dict::dict_of(&d);
                    for (key, value) in [
                        ("collections", collections),
                        ("collected", collected),
                        ("uncollectable", uncollectable),
                    ] {
                        dict.set_str(vm, vm.intern(key), vm.new_int(value as i64));
                    }
                    d
                })
                .collect();
            Ok(vm.new_list(stats))
        }),
        ("is_tracked", |vm, args| {
            check_function_arity(vm, "gc.is_tracked", args, 1, 1)?;
            Ok(vm.new_bool(crate::gc::is_tracked(&args.values[0])))
        }),
        ("is_finalized", |vm, args| {
            check_function_arity(vm, "gc.is_finalized", args, 1, 1)?;
            Ok(vm.new_bool(crate::gc::is_finalized(&args.values[0])))
        }),
        ("get_referrers", |vm, args| {
            if args.has_keywords() {
                return Err(vm.new_type_error("get_referrers() takes no keyword arguments"));
            }
            Ok(vm.new_list(crate::gc::referrers(vm, args.values)))
        }),
        ("get_referents", |vm, args| {
            if args.has_keywords() {
                return Err(vm.new_type_error("get_referents() takes no keyword arguments"));
            }
            let found = args.values.iter().flat_map(crate::gc::referents).collect();
            Ok(vm.new_list(found))
        }),
        ("freeze", |vm, args| {
            check_function_arity(vm, "gc.freeze", args, 0, 0)?;
            vm.gc.freeze();
            Ok(vm.none.clone())
        }),
        ("unfreeze", |vm, args| {
            check_function_arity(vm, "gc.unfreeze", args, 0, 0)?;
            vm.gc.unfreeze();
            Ok(vm.none.clone())
        }),
        ("get_freeze_count", |vm, args| {
            check_function_arity(vm, "gc.get_freeze_count", args, 0, 0)?;
            Ok(vm.new_int(vm.gc.freeze_count() as i64))
        }),
    ];
    super::add_functions(vm, module, functions);
    super::set_attr(vm, module, "garbage", vm.gc_garbage.clone());
    super::set_attr(vm, module, "callbacks", vm.gc_callbacks.clone());
    for (name, value) in [
        ("DEBUG_STATS", debug::STATS),
        ("DEBUG_COLLECTABLE", debug::COLLECTABLE),
        ("DEBUG_UNCOLLECTABLE", debug::UNCOLLECTABLE),
        ("DEBUG_SAVEALL", debug::SAVEALL),
        ("DEBUG_LEAK", debug::LEAK),
    ] {
        super::set_attr(vm, module, name, vm.new_int(i64::from(value)));
    }
    Ok(())
}

/// `gc.collect(generation=2)`.
fn collect(vm: &Vm, args: Args) -> PyResult {
    let bound = getargs::bind(vm, "collect", args, false, &["generation"], 0)?;
    let generation = match &bound[0] {
        Some(g) => getargs::int_arg(vm, g)?,
        None => NUM_GENERATIONS as i32 - 1,
    };
    if !(0..NUM_GENERATIONS as i32).contains(&generation) {
        return Err(vm.new_value_error("invalid generation"));
    }
    Ok(vm.new_int(crate::gc::collect(vm, generation as usize) as i64))
}

/// `gc.set_threshold(threshold0[, threshold1[, threshold2]])`.
fn set_threshold(vm: &Vm, args: Args) -> PyResult {
    if args.has_keywords() {
        return Err(vm.new_type_error("set_threshold() takes no keyword arguments"));
    }
    let given = args.values.len();
    if given == 0 {
        return Err(vm.new_type_error("set_threshold() takes at least 1 argument (0 given)"));
    }
    if given > NUM_GENERATIONS {
        return Err(vm.new_type_error(format!(
            "set_threshold() takes at most 3 arguments ({given} given)"
        )));
    }
    let values = args
        .values
        .iter()
        .map(|v| getargs::int_arg(vm, v))
        .collect::<PyResult<Vec<i32>>>()?;
    for (generation, value) in values.into_iter().enumerate() {
        vm.gc.set_threshold(generation, value.max(0) as usize);
    }
    Ok(vm.none.clone())
}

/// `gc.get_objects(generation=None)`.
fn get_objects(vm: &Vm, args: Args) -> PyResult {
    let bound = getargs::bind(vm, "get_objects", args, false, &["generation"], 0)?;
    let generation = match bound[0].as_ref().filter(|g| !vm.is_none(g)) {
        Some(g) => getargs::ssize_arg(vm, g)?,
        None => -1,
    };
    if generation >= NUM_GENERATIONS as i64 {
        return Err(vm.new_value_error(format!(
            "generation parameter must be less than the number of available generations ({NUM_GENERATIONS})"
        )));
    }
    if generation < -1 {
        return Err(vm.new_value_error("generation parameter cannot be negative"));
    }
    let objects = vm
        .gc
        .objects((generation >= 0).then_some(generation as usize));
    Ok(vm.new_list(objects))
}
