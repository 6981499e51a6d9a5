//! The eval loop (Python/ceval.c): runs frames of 3.11 wordcode.
//!
//! [`eval_frame`] runs a frame and the frames it calls in Python, in one
//! native loop: CALL of a Python function pushes a frame and goes on
//! with it, RETURN_VALUE pops back to the caller, so recursion in Python
//! uses the data stack, not the native one. A frame pushed by Rust code
//! (a call from a builtin, a class body) is an *entry* frame: returning
//! from it returns from `eval_frame`.
//!
//! An instruction that fails breaks out of the dispatch loop with its
//! exception; the exception table of the frame's code then gives the
//! handler, or the frame is popped and the exception goes on in its
//! caller, each frame adding its traceback entry (see
//! InternalDocs/exception_handling.md of CPython).

use crate::errors::{PyErr, PyResult};
use crate::exceptions::exception_payload;
use crate::frame::Frame;
use crate::object::Object;
use crate::objects::cell::CellObject;
use crate::objects::code::CodePayload;
use crate::objects::dict::DictObject;
use crate::objects::function::{FunctionObject, MethodObject};
use crate::objects::generator::Kind;
use crate::objects::str::as_rust_str;
use crate::objects::tuple::tuple_items;
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use krait_compiler::code::flags::{CO_COROUTINE, CO_ITERABLE_COROUTINE};
use krait_compiler::code::local_kind;
use krait_compiler::opcode::Opcode;
use std::ptr::NonNull;

/// The number of CACHE units after each opcode, by number.
static CACHES: std::sync::OnceLock<[u8; 256]> = std::sync::OnceLock::new();

fn caches() -> &'static [u8; 256] {
    CACHES.get_or_init(|| {
        let mut table = [0u8; 256];
        for op in Opcode::ALL {
            if !op.is_pseudo() {
                table[op.number() as usize] = op.cache_entries() as u8;
            }
        }
        table
    })
}

/// Runs module- or class-level code with `globals` and a locals mapping.
pub fn run_code(vm: &Vm, code: &Object, globals: &Object, locals: Option<&Object>) -> PyResult {
    let builtins = builtins_of(vm, globals);
    let payload = code
        .payload::<CodePayload>()
        .ok_or_else(|| vm.new_type_error("expected a code object"))?;
    let frame = crate::frame::push(
        vm,
        Frame {
            is_entry: true,
            ..Frame::new(
                code.clone(),
                None,
                globals.clone(),
                builtins,
                locals.cloned(),
                vm.thread.frame.get(),
                payload.nlocalsplus(),
            )
        },
        payload,
    )?;
    // SAFETY: the frame was just pushed and is the innermost.
    unsafe { eval_frame(vm, frame.as_ptr()) }
}

/// The builtins of a frame with these globals: `globals['__builtins__']`
/// (a module or a dict), else the interpreter's.
fn builtins_of(vm: &Vm, globals: &Object) -> Object {
    let found = globals
        .payload::<DictObject>()
        .and_then(|d| d.dict.get_str(vm, &vm.names.__builtins__));
    match found {
        Some(b) => match b.payload::<crate::objects::module::ModuleObject>() {
            Some(m) => m.dict.clone(),
            None => b,
        },
        None => vm.builtins_dict.clone(),
    }
}

/// Calls a Python function from Rust (`_PyFunction_Vectorcall`).
pub fn call_function(vm: &Vm, func: &Object, args: Args) -> PyResult {
    let frame = push_function_frame(vm, func, args, vm.thread.frame.get())?;
    // SAFETY: the frame was just pushed and is the innermost.
    unsafe {
        (*frame.as_ptr()).is_entry = true;
        eval_frame(vm, frame.as_ptr())
    }
}

/// Pushes a frame for a call of `func` with `args` bound to its
/// parameters (`_PyEvalFramePushAndInit`).
fn push_function_frame(
    vm: &Vm,
    func: &Object,
    args: Args,
    previous: *mut Frame,
) -> PyResult<NonNull<Frame>> {
    let f = func.payload::<FunctionObject>().expect("a function");
    let code = f.code.payload::<CodePayload>().expect("a function's code");
    let frame = crate::frame::push(
        vm,
        Frame::new(
            f.code.clone(),
            Some(func.clone()),
            f.globals.clone(),
            f.builtins.clone(),
            None,
            previous,
            code.nlocalsplus(),
        ),
        code,
    )?;
    // SAFETY: the frame was just pushed; its slots are initialised.
    let slots = unsafe {
        std::slice::from_raw_parts_mut(Frame::localsplus(frame.as_ptr()), code.nlocalsplus())
    };
    if let Err(e) = crate::call::bind_arguments(vm, f, code, slots, args) {
        // SAFETY: the frame is the innermost and nothing refers to it.
        unsafe { crate::frame::pop(vm, frame.as_ptr()) };
        return Err(e);
    }
    Ok(frame)
}

/// How an error reached the exception handling code.
enum Raised {
    /// Raised by an instruction: a traceback entry for this frame is added.
    New(PyErr),
    /// RERAISE: the traceback already has this frame.
    Again(PyErr),
}

/// Runs `entry` and every frame it calls until `entry` returns.
///
/// # Safety
/// `entry` must be the innermost live frame, with `is_entry` set.
pub unsafe fn eval_frame(vm: &Vm, entry: *mut Frame) -> PyResult {
    eval_frame_with(vm, entry, None)
}

/// [`eval_frame`], starting with `throw` raised at the frame's current
/// instruction if given (a generator's `throw()`).
///
/// # Safety
/// As [`eval_frame`].
pub unsafe fn eval_frame_with(vm: &Vm, entry: *mut Frame, throw: Option<PyErr>) -> PyResult {
    let mut pending = throw;
    let saved_frame = vm.thread.frame.get();
    let mut frame = entry;
    vm.thread.frame.set(frame);
    let caches = caches();
    let result = 'frames: loop {
        let code: &CodePayload = (*frame).code_payload();
        let instructions = code.instructions.as_ptr();
        let localsplus = Frame::localsplus(frame);
        let mut sp = localsplus.add((*frame).stacktop);
        let mut ip = (*frame).next_instr;
        let mut kwnames: Option<Object> = None;
        let mut restore_lasti: Option<usize> = None;

        macro_rules! push {
            ($v:expr) => {{
                let v: Object = $v;
                sp.write(Some(v));
                sp = sp.add(1);
            }};
        }
        macro_rules! push_opt {
            ($v:expr) => {{
                sp.write($v);
                sp = sp.add(1);
            }};
        }
        macro_rules! pop_opt {
            () => {{
                sp = sp.sub(1);
                sp.read()
            }};
        }
        macro_rules! pop {
            () => {
                pop_opt!().expect("the compiler never pops NULL as a value")
            };
        }
        macro_rules! peek {
            ($n:expr) => {
                (*sp.sub($n))
                    .as_ref()
                    .expect("the compiler never reads NULL as a value")
            };
        }

        let raised: Raised = if let Some(e) = pending.take() {
            Raised::New(e)
        } else {
            'dispatch: loop {
                macro_rules! tri {
                    ($e:expr) => {
                        match $e {
                            Ok(v) => v,
                            Err(e) => break 'dispatch Raised::New(e),
                        }
                    };
                }
                let mut word = (*instructions.add(ip)).get();
                let mut oparg = u32::from(word >> 8);
                ip += 1;
                while word & 0xff == Opcode::EXTENDED_ARG as u16 {
                    word = (*instructions.add(ip)).get();
                    oparg = (oparg << 8) | u32::from(word >> 8);
                    ip += 1;
                }
                let opcode = (word & 0xff) as u8;
                (*frame).lasti = ip - 1;
                ip += caches[opcode as usize] as usize;
                let Some(op) = krait_compiler::opcode::from_number(opcode) else {
                    break 'dispatch Raised::New(vm.new_exception(
                        &vm.exceptions.system_error,
                        format!("unknown opcode {opcode}"),
                    ));
                };
                match op {
                    Opcode::NOP | Opcode::CACHE | Opcode::EXTENDED_ARG => {}
                    Opcode::RESUME => crate::gc::safe_point(vm),
                    Opcode::LOAD_FAST => {
                        let slot = &*localsplus.add(oparg as usize);
                        match slot {
                            Some(v) => push!(v.clone()),
                            None => {
                                let name =
                                    as_rust_str(&code.localsplusnames[oparg as usize]).into_owned();
                                break 'dispatch Raised::New(vm.new_exception(
                                &vm.exceptions.unbound_local_error,
                                format!("cannot access local variable '{name}' where it is not associated with a value"),
                            ));
                            }
                        }
                    }
                    Opcode::STORE_FAST => {
                        let v = pop!();
                        let old = (*localsplus.add(oparg as usize)).replace(v);
                        drop(old);
                    }
                    Opcode::DELETE_FAST => {
                        let old = (*localsplus.add(oparg as usize)).take();
                        if old.is_none() {
                            let name =
                                as_rust_str(&code.localsplusnames[oparg as usize]).into_owned();
                            break 'dispatch Raised::New(vm.new_exception(
                            &vm.exceptions.unbound_local_error,
                            format!("cannot access local variable '{name}' where it is not associated with a value"),
                        ));
                        }
                    }
                    Opcode::LOAD_CONST => push!(code.consts[oparg as usize].clone()),
                    Opcode::POP_TOP => drop(pop_opt!()),
                    Opcode::PUSH_NULL => push_opt!(None),
                    Opcode::COPY => {
                        let v = (*sp.sub(oparg as usize)).clone();
                        push_opt!(v);
                    }
                    Opcode::SWAP => std::ptr::swap(sp.sub(1), sp.sub(oparg as usize)),
                    Opcode::UNARY_POSITIVE | Opcode::UNARY_NEGATIVE | Opcode::UNARY_INVERT => {
                        let v = pop!();
                        let r = tri!(crate::protocols::unary_op(vm, &v, op));
                        push!(r);
                    }
                    Opcode::UNARY_NOT => {
                        let v = pop!();
                        let t = tri!(vm.is_true(&v));
                        push!(vm.new_bool(!t));
                    }
                    Opcode::BINARY_OP => {
                        let b = pop!();
                        let a = pop!();
                        let r = tri!(crate::protocols::binary_op(vm, &a, &b, oparg));
                        push!(r);
                    }
                    Opcode::COMPARE_OP => {
                        let b = pop!();
                        let a = pop!();
                        let cmp = CompareOp::from_arg(oparg);
                        let r = if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
                            vm.new_bool(cmp.test(x.cmp(&y)))
                        } else {
                            tri!(vm.rich_compare(&a, &b, cmp))
                        };
                        push!(r);
                    }
                    Opcode::IS_OP => {
                        let b = pop!();
                        let a = pop!();
                        push!(vm.new_bool(a.is(&b) != (oparg == 1)));
                    }
                    Opcode::CONTAINS_OP => {
                        let container = pop!();
                        let item = pop!();
                        let r = tri!(crate::protocols::contains(vm, &container, &item));
                        push!(vm.new_bool(r != (oparg == 1)));
                    }
                    Opcode::BINARY_SUBSCR => {
                        let key = pop!();
                        let container = pop!();
                        let r = tri!(vm.getitem(&container, &key));
                        push!(r);
                    }
                    Opcode::STORE_SUBSCR => {
                        let key = pop!();
                        let container = pop!();
                        let value = pop!();
                        tri!(vm.setitem(&container, &key, Some(&value)));
                    }
                    Opcode::DELETE_SUBSCR => {
                        let key = pop!();
                        let container = pop!();
                        tri!(vm.setitem(&container, &key, None));
                    }
                    Opcode::GET_LEN => {
                        let n = tri!(vm.len(peek!(1)));
                        push!(vm.new_int(n as i64));
                    }
                    Opcode::GET_ITER => {
                        let v = pop!();
                        let it = tri!(vm.iter(&v));
                        push!(it);
                    }
                    Opcode::FOR_ITER => {
                        let it = peek!(1);
                        let next =
                            if let Some(v) = crate::objects::range::range_next_if_range(vm, it) {
                                v
                            } else if it
                                .heap_type()
                                .is_some_and(|t| t.is(&vm.types.list_iterator))
                            {
                                crate::objects::iter::list_iterator_next(it)
                            } else {
                                tri!(vm.next(it))
                            };
                        match next {
                            Some(v) => push!(v),
                            None => {
                                drop(pop!());
                                ip += oparg as usize;
                            }
                        }
                    }
                    Opcode::JUMP_FORWARD => ip += oparg as usize,
                    Opcode::JUMP_BACKWARD => {
                        ip -= oparg as usize;
                        crate::gc::safe_point(vm);
                    }
                    Opcode::JUMP_BACKWARD_NO_INTERRUPT => ip -= oparg as usize,
                    Opcode::POP_JUMP_FORWARD_IF_FALSE
                    | Opcode::POP_JUMP_FORWARD_IF_TRUE
                    | Opcode::POP_JUMP_BACKWARD_IF_FALSE
                    | Opcode::POP_JUMP_BACKWARD_IF_TRUE => {
                        let v = pop!();
                        let t = if v.is(&vm.true_) {
                            true
                        } else if v.is(&vm.false_) {
                            false
                        } else {
                            tri!(vm.is_true(&v))
                        };
                        let want = matches!(
                            op,
                            Opcode::POP_JUMP_FORWARD_IF_TRUE | Opcode::POP_JUMP_BACKWARD_IF_TRUE
                        );
                        if t == want {
                            if matches!(
                                op,
                                Opcode::POP_JUMP_FORWARD_IF_FALSE
                                    | Opcode::POP_JUMP_FORWARD_IF_TRUE
                            ) {
                                ip += oparg as usize;
                            } else {
                                ip -= oparg as usize;
                            }
                        }
                    }
                    Opcode::POP_JUMP_FORWARD_IF_NONE
                    | Opcode::POP_JUMP_FORWARD_IF_NOT_NONE
                    | Opcode::POP_JUMP_BACKWARD_IF_NONE
                    | Opcode::POP_JUMP_BACKWARD_IF_NOT_NONE => {
                        let v = pop!();
                        let want_none = matches!(
                            op,
                            Opcode::POP_JUMP_FORWARD_IF_NONE | Opcode::POP_JUMP_BACKWARD_IF_NONE
                        );
                        if vm.is_none(&v) == want_none {
                            if matches!(
                                op,
                                Opcode::POP_JUMP_FORWARD_IF_NONE
                                    | Opcode::POP_JUMP_FORWARD_IF_NOT_NONE
                            ) {
                                ip += oparg as usize;
                            } else {
                                ip -= oparg as usize;
                            }
                        }
                    }
                    Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP => {
                        let t = tri!(vm.is_true(peek!(1)));
                        if t == (op == Opcode::JUMP_IF_TRUE_OR_POP) {
                            ip += oparg as usize;
                        } else {
                            drop(pop!());
                        }
                    }
                    Opcode::LOAD_GLOBAL => {
                        let name = &code.names[(oparg >> 1) as usize];
                        if oparg & 1 == 1 {
                            push_opt!(None);
                        }
                        let v = tri!(load_global(vm, &*frame, name));
                        push!(v);
                    }
                    Opcode::STORE_GLOBAL => {
                        let v = pop!();
                        tri!(dict_set(
                            vm,
                            &(*frame).globals,
                            &code.names[oparg as usize],
                            v
                        ));
                    }
                    Opcode::DELETE_GLOBAL => {
                        let name = &code.names[oparg as usize];
                        let removed = tri!(dict_remove(vm, &(*frame).globals, name));
                        if !removed {
                            break 'dispatch Raised::New(vm.new_name_error(&as_rust_str(name)));
                        }
                    }
                    Opcode::LOAD_NAME => {
                        let name = &code.names[oparg as usize];
                        let v = tri!(load_name(vm, &*frame, name));
                        push!(v);
                    }
                    Opcode::STORE_NAME => {
                        let v = pop!();
                        let name = &code.names[oparg as usize];
                        let Some(locals) = &(*frame).locals else {
                            break 'dispatch Raised::New(vm.new_exception(
                                &vm.exceptions.system_error,
                                format!(
                                    "no locals found when storing {}",
                                    vm.repr_string(name).unwrap_or_default()
                                ),
                            ));
                        };
                        tri!(vm.setitem(locals, name, Some(&v)));
                    }
                    Opcode::DELETE_NAME => {
                        let name = &code.names[oparg as usize];
                        let Some(locals) = &(*frame).locals else {
                            break 'dispatch Raised::New(vm.new_exception(
                                &vm.exceptions.system_error,
                                "no locals when deleting",
                            ));
                        };
                        if let Err(e) = vm.setitem(locals, name, None) {
                            if e.matches(vm, &vm.exceptions.key_error) {
                                break 'dispatch Raised::New(vm.new_name_error(&as_rust_str(name)));
                            }
                            break 'dispatch Raised::New(e);
                        }
                    }
                    Opcode::LOAD_ATTR => {
                        let owner = pop!();
                        let r = tri!(vm.getattr(&owner, &code.names[oparg as usize]));
                        push!(r);
                    }
                    Opcode::STORE_ATTR => {
                        let owner = pop!();
                        let value = pop!();
                        tri!(vm.setattr(&owner, &code.names[oparg as usize], Some(&value)));
                    }
                    Opcode::DELETE_ATTR => {
                        let owner = pop!();
                        tri!(vm.setattr(&owner, &code.names[oparg as usize], None));
                    }
                    Opcode::LOAD_METHOD => {
                        let owner = pop!();
                        let name = &code.names[oparg as usize];
                        match tri!(crate::protocols::load_method(vm, &owner, name)) {
                            (Some(method), self_) => {
                                push!(method);
                                push!(self_);
                            }
                            (None, attr) => {
                                push_opt!(None);
                                push!(attr);
                            }
                        }
                    }
                    Opcode::KW_NAMES => kwnames = Some(code.consts[oparg as usize].clone()),
                    Opcode::PRECALL => {
                        let nargs = oparg as usize;
                        let is_meth = (*sp.sub(nargs + 2)).is_some();
                        if !is_meth {
                            let callable = peek!(nargs + 1);
                            if let Some(m) = callable.payload::<MethodObject>() {
                                let (func, self_) = (m.func.clone(), m.self_.clone());
                                *sp.sub(nargs + 2) = Some(func);
                                *sp.sub(nargs + 1) = Some(self_);
                            }
                        }
                    }
                    Opcode::CALL => {
                        let is_meth = (*sp.sub(oparg as usize + 2)).is_some();
                        let total = oparg as usize + usize::from(is_meth);
                        let callable = peek!(total + 1).clone();
                        let names = kwnames.take();
                        let names_slice: &[Object] =
                            names.as_ref().and_then(tuple_items).unwrap_or(&[]);
                        let args_ptr = sp.sub(total) as *const Object;
                        // SAFETY: the `total` slots below the top are values
                        // (the compiler pushes no NULL among arguments), and
                        // `Option<Object>` has `Object`'s layout.
                        let args = std::slice::from_raw_parts(args_ptr, total);
                        let call_args = Args {
                            values: args,
                            kwnames: names_slice,
                        };
                        if callable.payload::<FunctionObject>().is_some() {
                            // Inline the call: a new frame, no native recursion.
                            (*frame).stacktop = sp.offset_from(localsplus) as usize;
                            let pushed = push_function_frame(vm, &callable, call_args, frame);
                            for _ in 0..oparg as usize + 2 {
                                drop(pop_opt!());
                            }
                            (*frame).stacktop = sp.offset_from(localsplus) as usize;
                            (*frame).next_instr = ip;
                            match pushed {
                                Ok(new) => {
                                    frame = new.as_ptr();
                                    vm.thread.frame.set(frame);
                                    continue 'frames;
                                }
                                Err(e) => break 'dispatch Raised::New(e),
                            }
                        }
                        (*frame).stacktop = sp.offset_from(localsplus) as usize;
                        let result = vm.call(&callable, call_args);
                        for _ in 0..oparg as usize + 2 {
                            drop(pop_opt!());
                        }
                        push!(tri!(result));
                    }
                    Opcode::CALL_FUNCTION_EX => {
                        let kwargs = if oparg & 1 == 1 { Some(pop!()) } else { None };
                        let callargs = pop!();
                        let func = pop!();
                        drop(pop_opt!());
                        let r = tri!(crate::call::call_with_unpacked(
                            vm,
                            &func,
                            &callargs,
                            kwargs.as_ref()
                        ));
                        push!(r);
                    }
                    Opcode::MAKE_FUNCTION => {
                        let code_obj = pop!();
                        let closure = if oparg & 8 != 0 { Some(pop!()) } else { None };
                        let annotations = if oparg & 4 != 0 { Some(pop!()) } else { None };
                        let kwdefaults = if oparg & 2 != 0 { Some(pop!()) } else { None };
                        let defaults = if oparg & 1 != 0 { Some(pop!()) } else { None };
                        let f = crate::call::new_function(
                            vm,
                            code_obj,
                            &(*frame).globals,
                            &(*frame).builtins,
                            closure,
                            annotations,
                            kwdefaults,
                            defaults,
                        );
                        push!(f);
                    }
                    Opcode::RETURN_VALUE => {
                        let value = pop!();
                        (*frame).stacktop = sp.offset_from(localsplus) as usize;
                        let done = frame;
                        let is_entry = (*done).is_entry;
                        frame = (*done).previous;
                        crate::frame::pop(vm, done);
                        if is_entry {
                            break 'frames Ok(value);
                        }
                        vm.thread.frame.set(frame);
                        let caller_sp = Frame::localsplus(frame).add((*frame).stacktop);
                        caller_sp.write(Some(value));
                        (*frame).stacktop += 1;
                        continue 'frames;
                    }
                    Opcode::BUILD_TUPLE => {
                        let items = collect_top(&mut sp, oparg as usize);
                        push!(vm.new_tuple(items));
                    }
                    Opcode::BUILD_LIST => {
                        let items = collect_top(&mut sp, oparg as usize);
                        push!(vm.new_list(items));
                    }
                    Opcode::BUILD_SET => {
                        let items = collect_top(&mut sp, oparg as usize);
                        let s = tri!(crate::objects::set::new_set(vm, items));
                        push!(s);
                    }
                    Opcode::BUILD_MAP => {
                        let items = collect_top(&mut sp, 2 * oparg as usize);
                        let d = vm.new_dict();
                        let dict = &d.payload::<DictObject>().expect("a dict").dict;
                        let mut items = items.into_iter();
                        while let (Some(k), Some(v)) = (items.next(), items.next()) {
                            tri!(dict.set(vm, k, v));
                        }
                        push!(d);
                    }
                    Opcode::BUILD_CONST_KEY_MAP => {
                        let keys = pop!();
                        let values = collect_top(&mut sp, oparg as usize);
                        let d = vm.new_dict();
                        let dict = &d.payload::<DictObject>().expect("a dict").dict;
                        for (k, v) in tuple_items(&keys).unwrap_or(&[]).iter().zip(values) {
                            tri!(dict.set(vm, k.clone(), v));
                        }
                        push!(d);
                    }
                    Opcode::BUILD_STRING => {
                        let parts = collect_top(&mut sp, oparg as usize);
                        push!(crate::protocols::join_strings(vm, &parts));
                    }
                    Opcode::BUILD_SLICE => {
                        let step = if oparg == 3 { pop!() } else { vm.none.clone() };
                        let stop = pop!();
                        let start = pop!();
                        push!(crate::objects::slice::new_slice(vm, start, stop, step));
                    }
                    Opcode::LIST_APPEND => {
                        let v = pop!();
                        let list = peek!(oparg as usize);
                        crate::objects::list::list_of(list).push(v);
                    }
                    Opcode::SET_ADD => {
                        let v = pop!();
                        tri!(crate::objects::set::set_add(vm, peek!(oparg as usize), v));
                    }
                    Opcode::MAP_ADD => {
                        let value = pop!();
                        let key = pop!();
                        let d = peek!(oparg as usize);
                        tri!(d
                            .payload::<DictObject>()
                            .expect("a dict")
                            .dict
                            .set(vm, key, value));
                    }
                    Opcode::LIST_EXTEND => {
                        let iterable = pop!();
                        let list = peek!(oparg as usize);
                        if let Err(e) = crate::objects::list::list_extend(vm, list, &iterable) {
                            if e.matches(vm, &vm.exceptions.type_error)
                                && vm.type_payload_of(&iterable).slots.iter.get().is_none()
                                && vm.type_payload_of(&iterable).slots.getitem.get().is_none()
                            {
                                break 'dispatch Raised::New(vm.new_type_error(format!(
                                    "Value after * must be an iterable, not {}",
                                    vm.type_name(&iterable)
                                )));
                            }
                            break 'dispatch Raised::New(e);
                        }
                    }
                    Opcode::SET_UPDATE => {
                        let iterable = pop!();
                        let set = peek!(oparg as usize);
                        tri!(crate::objects::set::set_update(vm, set, &iterable));
                    }
                    Opcode::DICT_UPDATE | Opcode::DICT_MERGE => {
                        let update = pop!();
                        let d = peek!(oparg as usize).clone();
                        let func = if op == Opcode::DICT_MERGE {
                            Some(peek!(oparg as usize + 2).clone())
                        } else {
                            None
                        };
                        tri!(crate::call::dict_merge(vm, &d, &update, func.as_ref()));
                    }
                    Opcode::LIST_TO_TUPLE => {
                        let list = pop!();
                        push!(vm.new_tuple(crate::objects::list::list_of(&list).to_vec()));
                    }
                    Opcode::UNPACK_SEQUENCE => {
                        let seq = pop!();
                        let items = tri!(crate::protocols::unpack(vm, &seq, oparg as usize, None));
                        for item in items.into_iter().rev() {
                            push!(item);
                        }
                    }
                    Opcode::UNPACK_EX => {
                        let seq = pop!();
                        let before = (oparg & 0xff) as usize;
                        let after = (oparg >> 8) as usize;
                        let items = tri!(crate::protocols::unpack(vm, &seq, before, Some(after)));
                        for item in items.into_iter().rev() {
                            push!(item);
                        }
                    }
                    Opcode::FORMAT_VALUE => {
                        let spec = if oparg & 4 != 0 { Some(pop!()) } else { None };
                        let value = pop!();
                        let value = match oparg & 3 {
                            1 => tri!(vm.str(&value)),
                            2 => tri!(vm.repr(&value)),
                            3 => tri!(crate::protocols::ascii(vm, &value)),
                            _ => value,
                        };
                        let r = tri!(crate::protocols::format(vm, &value, spec.as_ref()));
                        push!(r);
                    }
                    Opcode::MAKE_CELL => {
                        let slot = &mut *localsplus.add(oparg as usize);
                        let initial = slot.take();
                        *slot = Some(crate::call::new_cell(vm, initial));
                    }
                    Opcode::COPY_FREE_VARS => {
                        let f = (*frame)
                            .func
                            .as_ref()
                            .and_then(|f| f.payload::<FunctionObject>());
                        let cells = f
                            .and_then(|f| f.closure.as_ref())
                            .and_then(tuple_items)
                            .unwrap_or(&[]);
                        let offset = code.nlocalsplus() - oparg as usize;
                        for (i, cell) in cells.iter().enumerate().take(oparg as usize) {
                            *localsplus.add(offset + i) = Some(cell.clone());
                        }
                    }
                    Opcode::LOAD_CLOSURE => {
                        let v = (*localsplus.add(oparg as usize)).clone();
                        push_opt!(v);
                    }
                    Opcode::LOAD_DEREF | Opcode::LOAD_CLASSDEREF => {
                        if op == Opcode::LOAD_CLASSDEREF {
                            let name = &code.localsplusnames[oparg as usize];
                            if let Some(locals) = &(*frame).locals {
                                if let Some(v) =
                                    tri!(crate::protocols::mapping_get(vm, locals, name))
                                {
                                    push!(v);
                                    continue;
                                }
                            }
                        }
                        let cell = (*localsplus.add(oparg as usize)).clone();
                        let value = cell
                            .as_ref()
                            .and_then(|c| c.payload::<CellObject>())
                            .and_then(|c| c.contents.borrow().clone());
                        match value {
                            Some(v) => push!(v),
                            None => {
                                break 'dispatch Raised::New(unbound_deref(
                                    vm,
                                    code,
                                    oparg as usize,
                                ))
                            }
                        }
                    }
                    Opcode::STORE_DEREF => {
                        let v = pop!();
                        if let Some(cell) = (*localsplus.add(oparg as usize))
                            .as_ref()
                            .and_then(|c| c.payload::<CellObject>())
                        {
                            let old = cell.contents.replace(Some(v));
                            drop(old);
                        }
                    }
                    Opcode::DELETE_DEREF => {
                        let cell = (*localsplus.add(oparg as usize)).clone();
                        let old = cell
                            .as_ref()
                            .and_then(|c| c.payload::<CellObject>())
                            .and_then(|c| c.contents.take());
                        if old.is_none() {
                            break 'dispatch Raised::New(unbound_deref(vm, code, oparg as usize));
                        }
                    }
                    Opcode::LOAD_BUILD_CLASS => {
                        let b = tri!(crate::protocols::mapping_get(
                            vm,
                            &(*frame).builtins,
                            &vm.names.__build_class__
                        ));
                        match b {
                            Some(b) => push!(b),
                            None => {
                                break 'dispatch Raised::New(vm.new_exception(
                                    &vm.exceptions.name_error,
                                    "__build_class__ not found",
                                ))
                            }
                        }
                    }
                    Opcode::LOAD_ASSERTION_ERROR => push!(vm.exceptions.assertion_error.clone()),
                    Opcode::SETUP_ANNOTATIONS => {
                        if let Some(locals) = &(*frame).locals {
                            let name = &vm.names.__annotations__;
                            if tri!(crate::protocols::mapping_get(vm, locals, name)).is_none() {
                                tri!(vm.setitem(locals, name, Some(&vm.new_dict())));
                            }
                        }
                    }
                    Opcode::RAISE_VARARGS => {
                        let cause = if oparg == 2 { Some(pop!()) } else { None };
                        let exc = if oparg >= 1 { Some(pop!()) } else { None };
                        match crate::call::do_raise(vm, exc, cause) {
                            Ok(Some(e)) => break 'dispatch Raised::New(e),
                            Ok(None) => {
                                let current = vm.thread.topmost_handled();
                                match current {
                                    Some(e) => break 'dispatch Raised::Again(PyErr(e)),
                                    None => {
                                        break 'dispatch Raised::New(
                                            vm.new_runtime_error("No active exception to reraise"),
                                        )
                                    }
                                }
                            }
                            Err(e) => break 'dispatch Raised::New(e),
                        }
                    }
                    Opcode::RERAISE => {
                        // RERAISE's argument says the stack holds the lasti of
                        // the original raise, which the frame shows again
                        // (`f_lasti`, `f_lineno`); the handler search, like
                        // CPython's, goes by this instruction, and the
                        // traceback already has the original entry.
                        let exc = pop!();
                        if oparg != 0 {
                            restore_lasti = peek!(oparg as usize)
                                .as_small_int()
                                .and_then(|l| usize::try_from(l).ok());
                        }
                        break 'dispatch Raised::Again(PyErr(exc));
                    }
                    Opcode::PUSH_EXC_INFO => {
                        let value = pop!();
                        let previous = vm.thread.handled.replace(Some(value.clone()));
                        push!(previous.unwrap_or_else(|| vm.none.clone()));
                        push!(value);
                    }
                    Opcode::POP_EXCEPT => {
                        let value = pop!();
                        let restored = (!vm.is_none(&value)).then_some(value);
                        let old = vm.thread.handled.replace(restored);
                        drop(old);
                    }
                    Opcode::CHECK_EXC_MATCH => {
                        let right = pop!();
                        let matched = tri!(crate::call::exception_matches(vm, peek!(1), &right));
                        push!(vm.new_bool(matched));
                    }
                    Opcode::CHECK_EG_MATCH => {
                        let match_type = pop!();
                        let exc = peek!(1).clone();
                        let (rest, matched) =
                            tri!(crate::exceptions::check_eg_match(vm, &exc, &match_type));
                        if vm.is_none(&matched) {
                            // No match: the exception stays, with None above it.
                            push!(matched);
                        } else {
                            drop(pop_opt!());
                            push!(rest);
                            push!(matched.clone());
                            drop(vm.thread.handled.replace(Some(matched)));
                        }
                    }
                    Opcode::PREP_RERAISE_STAR => {
                        let excs = pop!();
                        let orig = pop!();
                        let r = tri!(crate::exceptions::prep_reraise_star(vm, &orig, &excs));
                        push!(r);
                    }
                    Opcode::BEFORE_WITH | Opcode::BEFORE_ASYNC_WITH => {
                        let manager = pop!();
                        let (exit, result) = tri!(crate::call::enter_context(
                            vm,
                            &manager,
                            op == Opcode::BEFORE_ASYNC_WITH
                        ));
                        push!(exit);
                        push!(result);
                    }
                    Opcode::WITH_EXCEPT_START => {
                        let exc = peek!(1).clone();
                        let exit = peek!(4).clone();
                        let tb = exception_payload(&exc)
                            .and_then(|e| e.traceback.borrow().clone())
                            .unwrap_or_else(|| vm.none.clone());
                        let ty = vm.type_of(&exc).clone();
                        let r = tri!(vm.call(&exit, Args::positional_only(&[ty, exc, tb])));
                        push!(r);
                    }
                    Opcode::PRINT_EXPR => {
                        let v = pop!();
                        tri!(crate::builtins::display_hook(vm, &v));
                    }
                    Opcode::IMPORT_NAME => {
                        let fromlist = pop!();
                        let level = pop!();
                        let m = tri!(crate::builtins::import_name(
                            vm,
                            &*frame,
                            &code.names[oparg as usize],
                            &fromlist,
                            &level
                        ));
                        push!(m);
                    }
                    Opcode::IMPORT_STAR => {
                        let module = pop!();
                        let Some(locals) = (*frame).locals.clone() else {
                            break 'dispatch Raised::New(vm.new_exception(
                                &vm.exceptions.system_error,
                                "no locals found during 'import *'",
                            ));
                        };
                        tri!(crate::import::import_star(vm, &module, &locals));
                    }
                    Opcode::IMPORT_FROM => {
                        let m = peek!(1).clone();
                        let r = tri!(crate::builtins::import_from(
                            vm,
                            &m,
                            &code.names[oparg as usize]
                        ));
                        push!(r);
                    }
                    Opcode::MATCH_MAPPING | Opcode::MATCH_SEQUENCE => {
                        let flag = if op == Opcode::MATCH_MAPPING {
                            crate::typeobject::flags::MAPPING
                        } else {
                            crate::typeobject::flags::SEQUENCE
                        };
                        let matched = crate::matching::has_pattern_flag(vm, peek!(1), flag);
                        push!(vm.new_bool(matched));
                    }
                    Opcode::MATCH_KEYS => {
                        let values = tri!(crate::matching::match_keys(vm, peek!(2), peek!(1)));
                        push!(values);
                    }
                    Opcode::MATCH_CLASS => {
                        let names = pop!();
                        let cls = pop!();
                        let subject = pop!();
                        let attrs = tri!(crate::matching::match_class(
                            vm,
                            &subject,
                            &cls,
                            oparg as usize,
                            &names
                        ));
                        push!(attrs);
                    }
                    Opcode::RETURN_GENERATOR => {
                        (*frame).next_instr = ip;
                        (*frame).stacktop = sp.offset_from(localsplus) as usize;
                        let done = frame;
                        let is_entry = (*done).is_entry;
                        frame = (*done).previous;
                        let generator = crate::objects::generator::from_frame(vm, done);
                        vm.thread
                            .recursion_depth
                            .set(vm.thread.recursion_depth.get() - 1);
                        vm.thread.data_stack.borrow_mut().release(done);
                        if is_entry {
                            break 'frames Ok(generator);
                        }
                        vm.thread.frame.set(frame);
                        let caller_sp = Frame::localsplus(frame).add((*frame).stacktop);
                        caller_sp.write(Some(generator));
                        (*frame).stacktop += 1;
                        continue 'frames;
                    }
                    Opcode::YIELD_VALUE => {
                        let value = pop!();
                        (*frame).next_instr = ip;
                        (*frame).stacktop = sp.offset_from(localsplus) as usize;
                        (*frame).suspended = true;
                        vm.thread
                            .recursion_depth
                            .set(vm.thread.recursion_depth.get() - 1);
                        break 'frames Ok(value);
                    }
                    Opcode::SEND => {
                        let value = pop!();
                        let receiver = peek!(1).clone();
                        match tri!(crate::objects::generator::send(vm, &receiver, value)) {
                            crate::objects::generator::Sent::Yielded(v) => push!(v),
                            crate::objects::generator::Sent::Returned(v) => {
                                let old = (*sp.sub(1)).replace(v);
                                drop(old);
                                ip += oparg as usize;
                            }
                        }
                    }
                    Opcode::GET_YIELD_FROM_ITER => {
                        let v = peek!(1);
                        match crate::objects::generator::kind_of(v) {
                            Some(Kind::Generator) => {}
                            Some(Kind::Coroutine)
                                if code.code.flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE)
                                    != 0 => {}
                            Some(Kind::Coroutine) => {
                                break 'dispatch Raised::New(vm.new_type_error(
                                    "cannot 'yield from' a coroutine object in a non-coroutine generator",
                                ));
                            }
                            _ => {
                                let it = tri!(vm.iter(v));
                                let old = (*sp.sub(1)).replace(it);
                                drop(old);
                            }
                        }
                    }
                    Opcode::GET_AWAITABLE => {
                        let v = pop!();
                        let it = tri!(crate::objects::generator::get_awaitable(vm, &v, oparg));
                        push!(it);
                    }
                    Opcode::ASYNC_GEN_WRAP => {
                        let v = pop!();
                        push!(crate::objects::async_generator::wrap(vm, v));
                    }
                    Opcode::GET_AITER => {
                        let v = pop!();
                        let it = tri!(crate::protocols::aiter(vm, &v, true));
                        push!(it);
                    }
                    Opcode::GET_ANEXT => {
                        let awaitable = tri!(get_anext(vm, peek!(1)));
                        push!(awaitable);
                    }
                    Opcode::END_ASYNC_FOR => {
                        let exc = pop!();
                        if !vm.is_instance(&exc, &vm.exceptions.stop_async_iteration) {
                            break 'dispatch Raised::Again(PyErr(exc));
                        }
                        drop(pop!());
                    }
                    _ => {
                        break 'dispatch Raised::New(vm.new_exception(
                            &vm.exceptions.system_error,
                            format!("unknown opcode {}", op.name()),
                        ));
                    }
                }
            }
        };

        // An exception: find its handler here, or in a caller.
        (*frame).stacktop = sp.offset_from(localsplus) as usize;
        let (mut error, mut add_traceback) = match raised {
            Raised::New(e) => (e, true),
            Raised::Again(e) => (e, false),
        };
        if add_traceback {
            crate::call::set_context(vm, &error);
        }
        loop {
            if add_traceback {
                crate::traceback::add_entry(vm, &error, frame);
            }
            let code: &CodePayload = (*frame).code_payload();
            let localsplus = Frame::localsplus(frame);
            let mut sp = localsplus.add((*frame).stacktop);
            let handler = code.find_handler((*frame).lasti);
            if let Some(lasti) = restore_lasti.take() {
                (*frame).lasti = lasti;
            }
            if let Some((target, depth, push_lasti)) = handler {
                let keep = localsplus.add(code.nlocalsplus() + depth);
                while sp > keep {
                    sp = sp.sub(1);
                    drop(sp.read());
                }
                if push_lasti {
                    sp.write(Some(vm.new_int((*frame).lasti as i64)));
                    sp = sp.add(1);
                }
                sp.write(Some(error.0));
                sp = sp.add(1);
                (*frame).stacktop = sp.offset_from(localsplus) as usize;
                (*frame).next_instr = target;
                continue 'frames;
            }
            let done = frame;
            let is_entry = (*done).is_entry;
            frame = (*done).previous;
            crate::frame::pop(vm, done);
            if is_entry {
                break 'frames Err(error);
            }
            vm.thread.frame.set(frame);
            (*frame).lasti = crate::frame::inline_call_lasti(&*frame);
            add_traceback = true;
            error = PyErr(error.0);
        }
    };
    vm.thread.frame.set(saved_frame);
    result
}

/// Takes the top `n` values off the stack, bottom first.
unsafe fn collect_top(sp: &mut *mut Option<Object>, n: usize) -> Vec<Object> {
    let mut items = Vec::with_capacity(n);
    let base = sp.sub(n);
    for i in 0..n {
        items.push(
            base.add(i)
                .read()
                .expect("the compiler never collects NULL"),
        );
    }
    *sp = base;
    items
}

fn unbound_deref(vm: &Vm, code: &CodePayload, index: usize) -> PyErr {
    let name = as_rust_str(&code.localsplusnames[index]).into_owned();
    if code.code.localspluskinds[index] & local_kind::CO_FAST_FREE != 0 {
        vm.new_exception(
            &vm.exceptions.name_error,
            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
        )
    } else {
        vm.new_exception(
            &vm.exceptions.unbound_local_error,
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }
}

fn load_global(vm: &Vm, frame: &Frame, name: &Object) -> PyResult {
    if let Some(v) = frame
        .globals
        .payload::<DictObject>()
        .and_then(|d| d.dict.get_str(vm, name))
    {
        return Ok(v);
    }
    match crate::protocols::mapping_get(vm, &frame.builtins, name)? {
        Some(v) => Ok(v),
        None => Err(vm.new_name_error(&as_rust_str(name))),
    }
}

fn load_name(vm: &Vm, frame: &Frame, name: &Object) -> PyResult {
    if let Some(locals) = &frame.locals {
        if let Some(v) = crate::protocols::mapping_get(vm, locals, name)? {
            return Ok(v);
        }
    }
    load_global(vm, frame, name)
}

fn dict_set(vm: &Vm, d: &Object, key: &Object, value: Object) -> PyResult<()> {
    match d.payload::<DictObject>() {
        Some(d) => d.dict.set(vm, key.clone(), value),
        None => vm.setitem(d, key, Some(&value)),
    }
}

fn dict_remove(vm: &Vm, d: &Object, key: &Object) -> PyResult<bool> {
    match d.payload::<DictObject>() {
        Some(d) => Ok(d.dict.remove(vm, key)?.is_some()),
        None => vm.setitem(d, key, None).map(|_| true),
    }
}

/// The frame running Python code, if any (for `sys._getframe`, `super()`
/// and `globals()`).
pub fn current_frame(vm: &Vm) -> Option<&Frame> {
    let frame = vm.thread.frame.get();
    // SAFETY: the thread's current frame is live while it is current.
    unsafe { frame.as_ref() }
}

/// Runs a class body with `namespace` as its locals (`__build_class__`'s
/// call of the body function); gives what the body returns, the
/// `__class__` cell or None.
pub fn run_class_body(vm: &Vm, func: &Object, f: &FunctionObject, namespace: &Object) -> PyResult {
    let code = f.code.payload::<CodePayload>().expect("a function's code");
    let frame = crate::frame::push(
        vm,
        Frame {
            is_entry: true,
            ..Frame::new(
                f.code.clone(),
                Some(func.clone()),
                f.globals.clone(),
                f.builtins.clone(),
                Some(namespace.clone()),
                vm.thread.frame.get(),
                code.nlocalsplus(),
            )
        },
        code,
    )?;
    // SAFETY: the frame was just pushed and is the innermost.
    unsafe { eval_frame(vm, frame.as_ptr()) }
}

/// GET_ANEXT: the awaitable of the next step of an `async for`.
fn get_anext(vm: &Vm, aiter: &Object) -> PyResult {
    if crate::objects::generator::kind_of(aiter) == Some(Kind::AsyncGenerator) {
        return Ok(crate::objects::async_generator::anext(vm, aiter));
    }
    let Some(anext) = vm.lookup_special(aiter, &vm.names.__anext__)? else {
        return Err(vm.new_type_error(format!(
            "'async for' requires an iterator with __anext__ method, got {}",
            vm.type_name(aiter)
        )));
    };
    let next = vm.call(&anext, Args::positional_only(&[]))?;
    crate::objects::generator::awaitable_iter(vm, &next).map_err(|cause| {
        let error = vm.new_type_error(format!(
            "'async for' received an invalid object from __anext__: {}",
            vm.type_name(&next)
        ));
        crate::exceptions::chain_from_cause(&error, cause);
        error
    })
}
