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
use krait_compiler::opcode::{number, specialized, Opcode, INLINE_CACHE_ENTRIES};
use std::ptr::NonNull;

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
    let frame = push_frame_of(vm, func, f, code, previous)?;
    // SAFETY: the frame was just pushed; its slots are initialised.
    let slots = unsafe {
        std::slice::from_raw_parts_mut(Frame::localsplus(frame.as_ptr()), code.nlocalsplus())
    };
    let given = args.values.len();
    if !args.has_keywords() && crate::specialize::positional_call_fits(f, code, given) {
        for (slot, value) in slots.iter_mut().zip(args.values) {
            *slot = Some(value.clone());
        }
        fill_defaults(f, code, slots, given);
    } else if let Err(e) = crate::call::bind_arguments(vm, f, code, slots, args) {
        // SAFETY: the frame is the innermost and nothing refers to it.
        unsafe { crate::frame::pop(vm, frame.as_ptr()) };
        return Err(e);
    }
    Ok(frame)
}

/// Fills the positional parameters after the `given` arguments from
/// `__defaults__`, for a call that `positional_call_fits` accepts.
#[inline]
fn fill_defaults(
    f: &FunctionObject,
    code: &CodePayload,
    params: &mut [Option<Object>],
    given: usize,
) {
    let argcount = code.code.argcount as usize;
    if given < argcount {
        let defaults = f.defaults.borrow();
        let defaults = defaults.as_ref().and_then(tuple_items).unwrap_or(&[]);
        let first = argcount - defaults.len();
        for (i, param) in params.iter_mut().enumerate().take(argcount).skip(given) {
            *param = Some(defaults[i - first].clone());
        }
    }
}

/// Pushes a frame for a call of `func`, its parameters not yet bound.
#[inline]
fn push_frame_of(
    vm: &Vm,
    func: &Object,
    f: &FunctionObject,
    code: &CodePayload,
    previous: *mut Frame,
) -> PyResult<NonNull<Frame>> {
    crate::frame::push(
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
    )
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
            // The high bytes that EXTENDED_ARG gives the next argument.
            let mut extended: u32 = 0;
            'dispatch: loop {
                macro_rules! tri {
                    ($e:expr) => {
                        match $e {
                            Ok(v) => v,
                            Err(e) => break 'dispatch Raised::New(e),
                        }
                    };
                }
                // Where a loop may spin, another thread's request for the
                // interpreter lock is honoured (`CHECK_EVAL_BREAKER`).
                macro_rules! check_eval_breaker {
                    () => {
                        if vm.gil.breaker() != 0 {
                            tri!(crate::gil::handle_pending(vm));
                        }
                        tri!(crate::modules::signal::check_signals(vm));
                    };
                }
                macro_rules! load_fast {
                    ($index:expr) => {{
                        let index = $index as usize;
                        match &*localsplus.add(index) {
                            Some(v) => push!(v.clone()),
                            None => {
                                let name = as_rust_str(&code.localsplusnames[index]).into_owned();
                                break 'dispatch Raised::New(vm.new_exception(
                                    &vm.exceptions.unbound_local_error,
                                    format!("cannot access local variable '{name}' where it is not associated with a value"),
                                ));
                            }
                        }
                    }};
                }
                macro_rules! store_fast {
                    ($index:expr) => {{
                        let v = pop!();
                        let old = (*localsplus.add($index as usize)).replace(v);
                        drop(old);
                    }};
                }
                // The second instruction of a superinstruction: its
                // argument, with the frame standing at it.
                macro_rules! next_of_pair {
                    () => {{
                        let second = (*instructions.add(ip)).get() >> 8;
                        (*frame).lasti = ip;
                        ip += 1;
                        second
                    }};
                }
                // Takes the top `n` values off the stack, bottom first
                // (the stack pointer stays a local: a function given its
                // address would keep it in memory for the whole loop).
                macro_rules! collect_top {
                    ($n:expr) => {{
                        let n: usize = $n;
                        sp = sp.sub(n);
                        collect_from(sp, n)
                    }};
                }
                // A specialized PRECALL that made the call itself goes on
                // after the CALL that follows it.
                macro_rules! skip_call {
                    () => {
                        ip += 1 + INLINE_CACHE_ENTRIES[number::CALL as usize] as usize
                    };
                }
                macro_rules! unary {
                    ($op:expr) => {{
                        let v = pop!();
                        let r = tri!(crate::protocols::unary_op(vm, &v, $op));
                        push!(r);
                    }};
                }
                let word = (*instructions.add(ip)).get();
                let oparg = extended | u32::from(word >> 8);
                extended = 0;
                let opcode = word & 0xff;
                (*frame).lasti = ip;
                ip += 1 + INLINE_CACHE_ENTRIES[opcode as usize] as usize;
                macro_rules! instruction {
                    () => {
                        crate::specialize::Instruction::at(
                            instructions,
                            (*frame).lasti,
                            INLINE_CACHE_ENTRIES[opcode as usize] as usize,
                        )
                    };
                }
                // A specialized instruction whose checks fail runs again as
                // the real one, with the argument its EXTENDED_ARGs gave.
                macro_rules! deoptimize {
                    () => {{
                        instruction!().deoptimize();
                        ip = (*frame).lasti;
                        extended = oparg & !0xff;
                        continue 'dispatch;
                    }};
                }
                match opcode {
                    number::NOP | number::CACHE => {}
                    // The next instruction's argument has this one's above
                    // its own byte.
                    number::EXTENDED_ARG => extended = oparg << 8,
                    number::RESUME => {
                        crate::gc::safe_point(vm);
                        check_eval_breaker!();
                    }
                    number::LOAD_FAST => load_fast!(oparg),
                    number::STORE_FAST => store_fast!(oparg),
                    specialized::LOAD_FAST__LOAD_FAST => {
                        load_fast!(oparg);
                        let second = next_of_pair!();
                        load_fast!(second);
                    }
                    specialized::LOAD_FAST__LOAD_CONST => {
                        load_fast!(oparg);
                        let second = next_of_pair!();
                        push!(code.consts[second as usize].clone());
                    }
                    specialized::LOAD_CONST__LOAD_FAST => {
                        push!(code.consts[oparg as usize].clone());
                        let second = next_of_pair!();
                        load_fast!(second);
                    }
                    specialized::STORE_FAST__LOAD_FAST => {
                        store_fast!(oparg);
                        let second = next_of_pair!();
                        load_fast!(second);
                    }
                    specialized::STORE_FAST__STORE_FAST => {
                        store_fast!(oparg);
                        let second = next_of_pair!();
                        store_fast!(second);
                    }
                    number::DELETE_FAST => {
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
                    number::LOAD_CONST => push!(code.consts[oparg as usize].clone()),
                    number::POP_TOP => drop(pop_opt!()),
                    number::PUSH_NULL => push_opt!(None),
                    number::COPY => {
                        let v = (*sp.sub(oparg as usize)).clone();
                        push_opt!(v);
                    }
                    number::SWAP => std::ptr::swap(sp.sub(1), sp.sub(oparg as usize)),
                    number::UNARY_POSITIVE => unary!(Opcode::UNARY_POSITIVE),
                    number::UNARY_NEGATIVE => unary!(Opcode::UNARY_NEGATIVE),
                    number::UNARY_INVERT => unary!(Opcode::UNARY_INVERT),
                    number::UNARY_NOT => {
                        let v = pop!();
                        let t = tri!(vm.is_true(&v));
                        push!(vm.new_bool(!t));
                    }
                    specialized::BINARY_OP_ADD_INT
                    | specialized::BINARY_OP_SUBTRACT_INT
                    | specialized::BINARY_OP_MULTIPLY_INT => {
                        let (a, b) = (peek!(2), peek!(1));
                        let small = match (a.as_small_int(), b.as_small_int()) {
                            (Some(x), Some(y)) => match opcode {
                                specialized::BINARY_OP_ADD_INT => x.checked_add(y),
                                specialized::BINARY_OP_SUBTRACT_INT => x.checked_sub(y),
                                _ => x.checked_mul(y),
                            },
                            _ if crate::specialize::is_exact_int(vm, a)
                                && crate::specialize::is_exact_int(vm, b) =>
                            {
                                None
                            }
                            _ => deoptimize!(),
                        };
                        let r = match small {
                            Some(r) => vm.new_int(r),
                            None => tri!(crate::protocols::binary_op(vm, a, b, oparg)),
                        };
                        drop(pop!());
                        let old = (*sp.sub(1)).replace(r);
                        drop(old);
                    }
                    specialized::BINARY_OP_ADD_FLOAT
                    | specialized::BINARY_OP_SUBTRACT_FLOAT
                    | specialized::BINARY_OP_MULTIPLY_FLOAT
                    | specialized::BINARY_OP_TRUE_DIVIDE_FLOAT => {
                        use crate::objects::float::exact_float_value;
                        let (a, b) = (peek!(2), peek!(1));
                        let (Some(x), Some(y)) =
                            (exact_float_value(vm, a), exact_float_value(vm, b))
                        else {
                            deoptimize!();
                        };
                        let v = match opcode {
                            specialized::BINARY_OP_ADD_FLOAT => x + y,
                            specialized::BINARY_OP_SUBTRACT_FLOAT => x - y,
                            specialized::BINARY_OP_MULTIPLY_FLOAT => x * y,
                            _ => x / y,
                        };
                        if opcode == specialized::BINARY_OP_TRUE_DIVIDE_FLOAT && y == 0.0 {
                            // Division by zero raises as the real one does.
                            let r = tri!(crate::protocols::binary_op(vm, a, b, oparg));
                            drop(pop!());
                            let old = (*sp.sub(1)).replace(r);
                            drop(old);
                        } else if crate::object::overwrite_unique_float(a, v) {
                            // The result takes the memory of an operand
                            // that only the stack refers to (CPython 3.12's
                            // `_PyFloat_FromDouble_ConsumeInputs`).
                            drop(pop!());
                        } else if crate::object::overwrite_unique_float(b, v) {
                            let b = pop!();
                            let old = (*sp.sub(1)).replace(b);
                            drop(old);
                        } else {
                            drop(pop!());
                            let old = (*sp.sub(1)).replace(vm.new_float(v));
                            drop(old);
                        }
                    }
                    specialized::BINARY_OP_ADD_UNICODE => {
                        let (a, b) = (peek!(2), peek!(1));
                        if !vm.type_of(a).is(&vm.types.str) || !vm.type_of(b).is(&vm.types.str) {
                            deoptimize!();
                        }
                        let r = tri!(crate::protocols::binary_op(vm, a, b, oparg));
                        drop(pop!());
                        let old = (*sp.sub(1)).replace(r);
                        drop(old);
                    }
                    number::BINARY_OP => {
                        let instr = instruction!();
                        if instr.counts_down() {
                            crate::specialize::binary_op(vm, instr, peek!(2), peek!(1), oparg);
                        }
                        let b = pop!();
                        let a = pop!();
                        let r = tri!(crate::protocols::binary_op(vm, &a, &b, oparg));
                        push!(r);
                    }
                    specialized::COMPARE_OP_INT_JUMP
                    | specialized::COMPARE_OP_FLOAT_JUMP
                    | specialized::COMPARE_OP_STR_JUMP => {
                        let (a, b) = (peek!(2), peek!(1));
                        // The outcome as a bit of the cache's jump mask.
                        let outcome: u16 = match opcode {
                            specialized::COMPARE_OP_INT_JUMP => {
                                match (a.as_small_int(), b.as_small_int()) {
                                    (Some(x), Some(y)) => 1 << (x.cmp(&y) as i8 + 1),
                                    _ => deoptimize!(),
                                }
                            }
                            specialized::COMPARE_OP_FLOAT_JUMP => {
                                use crate::objects::float::exact_float_value;
                                match (exact_float_value(vm, a), exact_float_value(vm, b)) {
                                    (Some(x), Some(y)) => match x.partial_cmp(&y) {
                                        Some(ordering) => 1 << (ordering as i8 + 1),
                                        None => 8,
                                    },
                                    _ => deoptimize!(),
                                }
                            }
                            _ => {
                                use crate::specialize::exact_str;
                                match (exact_str(vm, a), exact_str(vm, b)) {
                                    (Some(x), Some(y)) if x.equals(y) => 2,
                                    (Some(_), Some(_)) => 1,
                                    _ => deoptimize!(),
                                }
                            }
                        };
                        let jump = instruction!().unit(1) & outcome != 0;
                        drop(pop!());
                        drop(pop!());
                        // The POP_JUMP_IF that follows runs here.
                        let next = (*instructions.add(ip)).get();
                        ip += 1;
                        if jump {
                            let offset = usize::from(next >> 8);
                            match next & 0xff {
                                number::POP_JUMP_FORWARD_IF_FALSE
                                | number::POP_JUMP_FORWARD_IF_TRUE => ip += offset,
                                _ => {
                                    ip -= offset;
                                    check_eval_breaker!();
                                }
                            }
                        }
                    }
                    number::COMPARE_OP => {
                        let instr = instruction!();
                        if instr.counts_down() {
                            let next = code.instructions.get(ip).map(std::cell::Cell::get);
                            let cmp = CompareOp::from_arg(oparg);
                            crate::specialize::compare_op(vm, instr, next, peek!(2), peek!(1), cmp);
                        }
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
                    number::IS_OP => {
                        let b = pop!();
                        let a = pop!();
                        push!(vm.new_bool(a.is(&b) != (oparg == 1)));
                    }
                    number::CONTAINS_OP => {
                        let container = pop!();
                        let item = pop!();
                        let r = tri!(crate::protocols::contains(vm, &container, &item));
                        push!(vm.new_bool(r != (oparg == 1)));
                    }
                    specialized::BINARY_SUBSCR_LIST_INT | specialized::BINARY_SUBSCR_TUPLE_INT => {
                        let (container, key) = (peek!(2), peek!(1));
                        let Some(index) = key.as_small_int() else {
                            deoptimize!();
                        };
                        let item = if opcode == specialized::BINARY_SUBSCR_LIST_INT {
                            if !vm.type_of(container).is(&vm.types.list) {
                                deoptimize!();
                            }
                            let items = crate::objects::list::list_of(container).items.borrow();
                            crate::objects::sequence::resolve_index(index, items.len())
                                .map(|i| items[i].clone())
                        } else {
                            if !vm.type_of(container).is(&vm.types.tuple) {
                                deoptimize!();
                            }
                            let items = tuple_items(container).unwrap_or(&[]);
                            crate::objects::sequence::resolve_index(index, items.len())
                                .map(|i| items[i].clone())
                        };
                        let item = match item {
                            Some(item) => item,
                            None => tri!(vm.getitem(container, key)),
                        };
                        drop(pop!());
                        let old = (*sp.sub(1)).replace(item);
                        drop(old);
                    }
                    specialized::BINARY_SUBSCR_DICT => {
                        let (container, key) = (peek!(2), peek!(1));
                        if !vm.type_of(container).is(&vm.types.dict) {
                            deoptimize!();
                        }
                        let r = tri!(vm.getitem(container, key));
                        drop(pop!());
                        let old = (*sp.sub(1)).replace(r);
                        drop(old);
                    }
                    number::BINARY_SUBSCR => {
                        let instr = instruction!();
                        if instr.counts_down() {
                            crate::specialize::binary_subscr(vm, instr, peek!(2), peek!(1));
                        }
                        let key = pop!();
                        let container = pop!();
                        let r = tri!(vm.getitem(&container, &key));
                        push!(r);
                    }
                    specialized::STORE_SUBSCR_LIST_INT => {
                        let (container, key) = (peek!(2), peek!(1));
                        let Some(index) = key.as_small_int() else {
                            deoptimize!();
                        };
                        if !vm.type_of(container).is(&vm.types.list) {
                            deoptimize!();
                        }
                        let key = pop!();
                        let container = pop!();
                        let value = pop!();
                        let list = crate::objects::list::list_of(&container);
                        let stored = {
                            let mut items = list.items.borrow_mut();
                            match crate::objects::sequence::resolve_index(index, items.len()) {
                                Some(i) => Ok(std::mem::replace(&mut items[i], value)),
                                None => Err(value),
                            }
                        };
                        match stored {
                            Ok(old) => drop(old),
                            Err(value) => tri!(vm.setitem(&container, &key, Some(&value))),
                        }
                    }
                    specialized::STORE_SUBSCR_DICT => {
                        if !vm.type_of(peek!(2)).is(&vm.types.dict) {
                            deoptimize!();
                        }
                        let key = pop!();
                        let container = pop!();
                        let value = pop!();
                        tri!(crate::objects::dict::dict_of(&container).set(vm, key, value));
                    }
                    number::STORE_SUBSCR => {
                        let instr = instruction!();
                        if instr.counts_down() {
                            crate::specialize::store_subscr(vm, instr, peek!(2), peek!(1));
                        }
                        let key = pop!();
                        let container = pop!();
                        let value = pop!();
                        tri!(vm.setitem(&container, &key, Some(&value)));
                    }
                    number::DELETE_SUBSCR => {
                        let key = pop!();
                        let container = pop!();
                        tri!(vm.setitem(&container, &key, None));
                    }
                    number::GET_LEN => {
                        let n = tri!(vm.len(peek!(1)));
                        push!(vm.new_int(n as i64));
                    }
                    number::GET_ITER => {
                        let v = pop!();
                        let it = tri!(vm.iter(&v));
                        push!(it);
                    }
                    specialized::FOR_ITER_LIST
                    | specialized::FOR_ITER_TUPLE
                    | specialized::FOR_ITER_RANGE => {
                        let it = peek!(1);
                        let ty = vm.type_of(it);
                        let next = match opcode {
                            specialized::FOR_ITER_LIST if ty.is(&vm.types.list_iterator) => {
                                crate::objects::iter::list_iterator_next(it)
                            }
                            specialized::FOR_ITER_TUPLE if ty.is(&vm.types.tuple_iterator) => {
                                crate::objects::iter::tuple_iterator_next(it)
                            }
                            specialized::FOR_ITER_RANGE if ty.is(&vm.types.range_iterator) => {
                                crate::objects::range::range_next(it).map(|v| vm.new_int(v))
                            }
                            _ => deoptimize!(),
                        };
                        match next {
                            Some(v) => push!(v),
                            None => {
                                drop(pop!());
                                ip += oparg as usize;
                            }
                        }
                    }
                    number::FOR_ITER => {
                        let it = peek!(1);
                        crate::specialize::for_iter(vm, instruction!(), it);
                        let next = tri!(vm.next(it));
                        match next {
                            Some(v) => push!(v),
                            None => {
                                drop(pop!());
                                ip += oparg as usize;
                            }
                        }
                    }
                    number::JUMP_FORWARD => ip += oparg as usize,
                    number::JUMP_BACKWARD => {
                        ip -= oparg as usize;
                        crate::gc::safe_point(vm);
                        check_eval_breaker!();
                    }
                    number::JUMP_BACKWARD_NO_INTERRUPT => ip -= oparg as usize,
                    number::POP_JUMP_FORWARD_IF_FALSE
                    | number::POP_JUMP_FORWARD_IF_TRUE
                    | number::POP_JUMP_BACKWARD_IF_FALSE
                    | number::POP_JUMP_BACKWARD_IF_TRUE => {
                        let v = pop!();
                        let t = if v.is(&vm.true_) {
                            true
                        } else if v.is(&vm.false_) {
                            false
                        } else {
                            tri!(vm.is_true(&v))
                        };
                        let want = matches!(
                            opcode,
                            number::POP_JUMP_FORWARD_IF_TRUE | number::POP_JUMP_BACKWARD_IF_TRUE
                        );
                        if t == want {
                            if matches!(
                                opcode,
                                number::POP_JUMP_FORWARD_IF_FALSE
                                    | number::POP_JUMP_FORWARD_IF_TRUE
                            ) {
                                ip += oparg as usize;
                            } else {
                                ip -= oparg as usize;
                                check_eval_breaker!();
                            }
                        }
                    }
                    number::POP_JUMP_FORWARD_IF_NONE
                    | number::POP_JUMP_FORWARD_IF_NOT_NONE
                    | number::POP_JUMP_BACKWARD_IF_NONE
                    | number::POP_JUMP_BACKWARD_IF_NOT_NONE => {
                        let v = pop!();
                        let want_none = matches!(
                            opcode,
                            number::POP_JUMP_FORWARD_IF_NONE | number::POP_JUMP_BACKWARD_IF_NONE
                        );
                        if vm.is_none(&v) == want_none {
                            if matches!(
                                opcode,
                                number::POP_JUMP_FORWARD_IF_NONE
                                    | number::POP_JUMP_FORWARD_IF_NOT_NONE
                            ) {
                                ip += oparg as usize;
                            } else {
                                ip -= oparg as usize;
                                check_eval_breaker!();
                            }
                        }
                    }
                    number::JUMP_IF_FALSE_OR_POP | number::JUMP_IF_TRUE_OR_POP => {
                        let t = tri!(vm.is_true(peek!(1)));
                        if t == (opcode == number::JUMP_IF_TRUE_OR_POP) {
                            ip += oparg as usize;
                        } else {
                            drop(pop!());
                        }
                    }
                    specialized::LOAD_GLOBAL_MODULE => {
                        let instr = instruction!();
                        let value = (*frame)
                            .globals
                            .payload::<DictObject>()
                            .filter(|g| g.dict.has_keys_version(instr.u32_at(2)))
                            .and_then(|g| g.dict.value_at(usize::from(instr.unit(1))));
                        let Some(value) = value else {
                            deoptimize!();
                        };
                        if oparg & 1 == 1 {
                            push_opt!(None);
                        }
                        push!(value);
                    }
                    specialized::LOAD_GLOBAL_BUILTIN => {
                        let instr = instruction!();
                        let builtins_version =
                            u32::from(instr.unit(4)) | u32::from(instr.unit(0)) << 16;
                        let globals_hold = (*frame)
                            .globals
                            .payload::<DictObject>()
                            .is_some_and(|g| g.dict.has_keys_version(instr.u32_at(2)));
                        let value = (*frame)
                            .builtins
                            .payload::<DictObject>()
                            .filter(|b| globals_hold && b.dict.has_keys_version(builtins_version))
                            .and_then(|b| b.dict.value_at(usize::from(instr.unit(1))));
                        let Some(value) = value else {
                            deoptimize!();
                        };
                        if oparg & 1 == 1 {
                            push_opt!(None);
                        }
                        push!(value);
                    }
                    number::LOAD_GLOBAL => {
                        let name = &code.names[(oparg >> 1) as usize];
                        let instr = instruction!();
                        if instr.counts_down() {
                            let f = &*frame;
                            crate::specialize::load_global(
                                vm,
                                instr,
                                &f.globals,
                                &f.builtins,
                                name,
                            );
                        }
                        if oparg & 1 == 1 {
                            push_opt!(None);
                        }
                        let v = tri!(load_global(vm, &*frame, name));
                        push!(v);
                    }
                    number::STORE_GLOBAL => {
                        let v = pop!();
                        tri!(dict_set(
                            vm,
                            &(*frame).globals,
                            &code.names[oparg as usize],
                            v
                        ));
                    }
                    number::DELETE_GLOBAL => {
                        let name = &code.names[oparg as usize];
                        let removed = tri!(dict_remove(vm, &(*frame).globals, name));
                        if !removed {
                            break 'dispatch Raised::New(vm.new_name_error(&as_rust_str(name)));
                        }
                    }
                    number::LOAD_NAME => {
                        let name = &code.names[oparg as usize];
                        let v = tri!(load_name(vm, &*frame, name));
                        push!(v);
                    }
                    number::STORE_NAME => {
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
                    number::DELETE_NAME => {
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
                    specialized::LOAD_ATTR_MODULE => {
                        let instr = instruction!();
                        let value = crate::specialize::module_namespace(vm, peek!(1))
                            .filter(|ns| ns.has_keys_version(instr.u32_at(1)))
                            .and_then(|ns| ns.value_at(usize::from(instr.unit(3))));
                        let Some(value) = value else {
                            deoptimize!();
                        };
                        let old = (*sp.sub(1)).replace(value);
                        drop(old);
                    }
                    specialized::LOAD_ATTR_SLOT => {
                        let instr = instruction!();
                        let owner = peek!(1);
                        if vm.type_payload_of(owner).version_tag(vm) != instr.u32_at(1) {
                            deoptimize!();
                        }
                        // SAFETY: the type, named by its tag, has a member
                        // descriptor for this word of its instances.
                        let slot = owner.instance_slot(usize::from(instr.unit(3)));
                        let value = slot.take();
                        slot.set(value.clone());
                        let value = match value {
                            Some(v) => v,
                            None => tri!(vm.getattr(owner, &code.names[oparg as usize])),
                        };
                        let old = (*sp.sub(1)).replace(value);
                        drop(old);
                    }
                    specialized::LOAD_ATTR_INSTANCE_VALUE => {
                        let instr = instruction!();
                        let owner = peek!(1);
                        let tag = vm.type_payload_of(owner).version_tag(vm);
                        if !crate::specialize::attr_holds_tag(instr, tag)
                            && !crate::specialize::admit_instance_value(
                                vm,
                                instr,
                                owner,
                                &code.names[oparg as usize],
                                false,
                            )
                        {
                            deoptimize!();
                        }
                        // SAFETY: the class, named by its tag, keeps a value
                        // word at this offset.
                        let word = owner.instance_slot(usize::from(instr.unit(3)));
                        // An instance whose dict was made has no values.
                        let Some(value) = (*word.as_ptr()).clone() else {
                            deoptimize!();
                        };
                        let old = (*sp.sub(1)).replace(value);
                        drop(old);
                    }
                    specialized::LOAD_ATTR_WITH_HINT => {
                        let instr = instruction!();
                        let owner = peek!(1);
                        let name = &code.names[oparg as usize];
                        let tag = vm.type_payload_of(owner).version_tag(vm);
                        if !crate::specialize::attr_holds_tag(instr, tag)
                            && !crate::specialize::admit_load_attr(vm, instr, owner, name)
                            || crate::objects::object::uses_values(vm, owner)
                        {
                            deoptimize!();
                        }
                        let hint = usize::from(instr.unit(3));
                        let found = crate::objects::object::with_instance_dict(vm, owner, |d| {
                            d.get_at(hint, name).or_else(|| d.get_str(vm, name))
                        })
                        .flatten();
                        let value = match found {
                            Some(v) => v,
                            None => tri!(vm.getattr(owner, name)),
                        };
                        let old = (*sp.sub(1)).replace(value);
                        drop(old);
                    }
                    number::LOAD_ATTR => {
                        let name = &code.names[oparg as usize];
                        let instr = instruction!();
                        if instr.counts_down() {
                            crate::specialize::load_attr(vm, instr, peek!(1), name);
                        }
                        let owner = pop!();
                        let r = tri!(vm.getattr(&owner, name));
                        push!(r);
                    }
                    specialized::STORE_ATTR_SLOT => {
                        let instr = instruction!();
                        if vm.type_payload_of(peek!(1)).version_tag(vm) != instr.u32_at(1) {
                            deoptimize!();
                        }
                        let owner = pop!();
                        let value = pop!();
                        // SAFETY: the type, named by its tag, has a writable
                        // member descriptor for this word of its instances.
                        let old = owner
                            .instance_slot(usize::from(instr.unit(3)))
                            .replace(Some(value));
                        drop(old);
                    }
                    specialized::STORE_ATTR_INSTANCE_VALUE => {
                        let instr = instruction!();
                        let name = &code.names[oparg as usize];
                        let owner = peek!(1);
                        let tag = vm.type_payload_of(owner).version_tag(vm);
                        if !crate::specialize::attr_holds_tag(instr, tag)
                            && !crate::specialize::admit_instance_value(
                                vm, instr, owner, name, true,
                            )
                            || !crate::objects::object::uses_values(vm, owner)
                        {
                            deoptimize!();
                        }
                        let owner = pop!();
                        let value = pop!();
                        let values = &vm.type_payload_of(&owner).values;
                        match values.store_at(&owner, usize::from(instr.unit(3)), value) {
                            Ok(old) => drop(old),
                            Err(value) => tri!(vm.setattr(&owner, name, Some(&value))),
                        }
                    }
                    specialized::STORE_ATTR_WITH_HINT => {
                        let instr = instruction!();
                        let name = &code.names[oparg as usize];
                        let tag = vm.type_payload_of(peek!(1)).version_tag(vm);
                        // An instance keeping its attributes in value words
                        // is not to be given a dict.
                        if !crate::specialize::attr_holds_tag(instr, tag)
                            && !crate::specialize::admit_store_attr(vm, instr, peek!(1), name)
                            || crate::objects::object::uses_values(vm, peek!(1))
                        {
                            deoptimize!();
                        }
                        let owner = pop!();
                        let value = pop!();
                        let Some(dict) = crate::objects::object::instance_dict(vm, &owner) else {
                            tri!(vm.setattr(&owner, name, Some(&value)));
                            continue;
                        };
                        let dict = &dict
                            .payload::<DictObject>()
                            .expect("instance dicts are dicts")
                            .dict;
                        match dict.replace_at(usize::from(instr.unit(3)), name, value) {
                            Ok(old) => drop(old),
                            Err(value) => {
                                let index = tri!(dict.set_str_entry(vm, name.clone(), value));
                                instr.set_unit(3, u16::try_from(index).unwrap_or(u16::MAX));
                            }
                        }
                    }
                    number::STORE_ATTR => {
                        let name = &code.names[oparg as usize];
                        let instr = instruction!();
                        if instr.counts_down() {
                            crate::specialize::store_attr(vm, instr, peek!(1), name);
                        }
                        let owner = pop!();
                        let value = pop!();
                        tri!(vm.setattr(&owner, name, Some(&value)));
                    }
                    number::DELETE_ATTR => {
                        let owner = pop!();
                        tri!(vm.setattr(&owner, &code.names[oparg as usize], None));
                    }
                    specialized::LOAD_METHOD_MODULE => {
                        let instr = instruction!();
                        let value = crate::specialize::module_namespace(vm, peek!(1))
                            .filter(|ns| ns.has_keys_version(instr.u32_at(4)))
                            .and_then(|ns| ns.value_at(usize::from(instr.unit(3))));
                        let Some(value) = value else {
                            deoptimize!();
                        };
                        let module = pop!();
                        push_opt!(None);
                        push!(value);
                        drop(module);
                    }
                    specialized::LOAD_METHOD_NO_DICT | specialized::LOAD_METHOD_WITH_DICT => {
                        let instr = instruction!();
                        let owner = peek!(1);
                        let name = &code.names[oparg as usize];
                        let tag = vm.type_payload_of(owner).version_tag(vm);
                        if !crate::specialize::method_holds_tag(instr, tag)
                            && !crate::specialize::admit_load_method(vm, instr, owner, name)
                        {
                            deoptimize!();
                        }
                        // A class admitted just now may have made it
                        // LOAD_METHOD_WITH_DICT: the instruction says.
                        let with_dict = (*instructions.add((*frame).lasti)).get() & 0xff
                            == specialized::LOAD_METHOD_WITH_DICT;
                        let shadowed = if with_dict {
                            crate::objects::object::instance_dict_get(vm, owner, name)
                        } else {
                            None
                        };
                        let owner = pop!();
                        match shadowed {
                            Some(attr) => {
                                push_opt!(None);
                                push!(attr);
                                drop(owner);
                            }
                            None => {
                                // SAFETY: the method was found on the type under
                                // this tag, which still holds, so the type's
                                // namespace (or a base's) still holds it.
                                let method = std::mem::ManuallyDrop::new(Object::from_raw(
                                    instr.u64_at(6) as usize,
                                ));
                                push!((*method).clone());
                                push!(owner);
                            }
                        }
                    }
                    number::LOAD_METHOD => {
                        let name = &code.names[oparg as usize];
                        let instr = instruction!();
                        if instr.counts_down() {
                            crate::specialize::load_method(vm, instr, peek!(1), name);
                        }
                        let owner = pop!();
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
                    number::KW_NAMES => kwnames = Some(code.consts[oparg as usize].clone()),
                    specialized::PRECALL_NO_KW_LEN => {
                        // NULL, len, x
                        if (*sp.sub(3)).is_some()
                            || !crate::specialize::is_native(peek!(2), crate::builtins::builtin_len)
                        {
                            deoptimize!();
                        }
                        let n = tri!(vm.len(peek!(1)));
                        for _ in 0..3 {
                            drop(pop_opt!());
                        }
                        push!(vm.new_int(n as i64));
                        skip_call!();
                    }
                    specialized::PRECALL_NO_KW_ISINSTANCE => {
                        // NULL, isinstance, x, type
                        if (*sp.sub(4)).is_some()
                            || !crate::specialize::is_native(
                                peek!(3),
                                crate::builtins::builtin_isinstance,
                            )
                        {
                            deoptimize!();
                        }
                        let r = tri!(crate::builtins::isinstance(vm, peek!(2), peek!(1)));
                        for _ in 0..4 {
                            drop(pop_opt!());
                        }
                        push!(vm.new_bool(r));
                        skip_call!();
                    }
                    specialized::PRECALL_NO_KW_LIST_APPEND => {
                        // list.append, the list, x
                        let Some(list) = peek!(2)
                            .payload::<crate::objects::list::ListObject>()
                            .filter(|_| {
                                crate::specialize::is_native(
                                    peek!(3),
                                    crate::objects::list::list_append,
                                )
                            })
                        else {
                            deoptimize!();
                        };
                        list.push(pop!());
                        drop(pop!());
                        drop(pop!());
                        push!(vm.none.clone());
                        skip_call!();
                    }
                    specialized::PRECALL_NO_KW_BUILTIN_FAST
                    | specialized::PRECALL_NO_KW_METHOD_DESCRIPTOR_FAST => {
                        let is_meth = (*sp.sub(oparg as usize + 2)).is_some();
                        let total = oparg as usize + usize::from(is_meth);
                        let callable = peek!(total + 1);
                        let expected = if opcode == specialized::PRECALL_NO_KW_BUILTIN_FAST {
                            (&vm.types.builtin_function, false)
                        } else {
                            (&vm.types.method_descriptor, true)
                        };
                        if !vm.type_of(callable).is(expected.0) || is_meth != expected.1 {
                            deoptimize!();
                        }
                        // SAFETY: the `total` slots below the top are values.
                        let args =
                            std::slice::from_raw_parts(sp.sub(total) as *const Object, total);
                        let result = crate::objects::function::builtin_call(
                            vm,
                            callable,
                            Args::positional_only(args),
                        );
                        for _ in 0..oparg as usize + 2 {
                            drop(pop_opt!());
                        }
                        push!(tri!(result));
                        skip_call!();
                        check_eval_breaker!();
                    }
                    number::PRECALL
                    | specialized::PRECALL_PYFUNC
                    | specialized::PRECALL_BOUND_METHOD => {
                        let nargs = oparg as usize;
                        let is_meth = (*sp.sub(nargs + 2)).is_some();
                        let instr = instruction!();
                        if opcode == number::PRECALL && instr.counts_down() {
                            let callable = peek!(nargs + 1 + usize::from(is_meth));
                            crate::specialize::precall(
                                vm,
                                instr,
                                callable,
                                is_meth,
                                oparg,
                                kwnames.is_some(),
                            );
                        }
                        if !is_meth {
                            let callable = peek!(nargs + 1);
                            if let Some(m) = callable.payload::<MethodObject>() {
                                let (func, self_) = (m.func.clone(), m.self_.clone());
                                *sp.sub(nargs + 2) = Some(func);
                                *sp.sub(nargs + 1) = Some(self_);
                            }
                        }
                    }
                    specialized::CALL_PY_EXACT_ARGS | specialized::CALL_PY_WITH_DEFAULTS => {
                        let is_meth = (*sp.sub(oparg as usize + 2)).is_some();
                        let total = oparg as usize + usize::from(is_meth);
                        let callable = peek!(total + 1);
                        let Some((f, fcode)) = callable
                            .payload::<FunctionObject>()
                            .and_then(|f| Some((f, f.code.payload::<CodePayload>()?)))
                            .filter(|(f, fcode)| {
                                crate::specialize::positional_call_fits(f, fcode, total)
                            })
                        else {
                            deoptimize!();
                        };
                        let new = tri!(push_frame_of(vm, callable, f, fcode, frame)).as_ptr();
                        // The arguments move to the parameters.
                        let params = Frame::localsplus(new);
                        sp = sp.sub(total);
                        std::ptr::copy_nonoverlapping(sp, params, total);
                        if total < fcode.code.argcount as usize {
                            fill_defaults(
                                f,
                                fcode,
                                std::slice::from_raw_parts_mut(params, fcode.nlocalsplus()),
                                total,
                            );
                        }
                        for _ in total..oparg as usize + 2 {
                            drop(pop_opt!());
                        }
                        (*frame).stacktop = sp.offset_from(localsplus) as usize;
                        (*frame).next_instr = ip;
                        frame = new;
                        vm.thread.frame.set(frame);
                        continue 'frames;
                    }
                    number::CALL => {
                        let is_meth = (*sp.sub(oparg as usize + 2)).is_some();
                        let total = oparg as usize + usize::from(is_meth);
                        let callable = peek!(total + 1).clone();
                        let instr = instruction!();
                        if instr.counts_down() {
                            crate::specialize::call(instr, &callable, total, kwnames.is_some());
                        }
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
                        // A signal that came during a native call is handled
                        // as soon as it returns.
                        check_eval_breaker!();
                    }
                    number::CALL_FUNCTION_EX => {
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
                        check_eval_breaker!();
                    }
                    number::MAKE_FUNCTION => {
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
                    number::RETURN_VALUE => {
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
                    number::BUILD_TUPLE => {
                        let items = collect_top!(oparg as usize);
                        push!(vm.new_tuple(items));
                    }
                    number::BUILD_LIST => {
                        let items = collect_top!(oparg as usize);
                        push!(vm.new_list(items));
                    }
                    number::BUILD_SET => {
                        let items = collect_top!(oparg as usize);
                        let s = tri!(crate::objects::set::new_set(vm, items));
                        push!(s);
                    }
                    number::BUILD_MAP => {
                        let items = collect_top!(2 * oparg as usize);
                        let d = vm.new_dict();
                        let dict = &d.payload::<DictObject>().expect("a dict").dict;
                        let mut items = items.into_iter();
                        while let (Some(k), Some(v)) = (items.next(), items.next()) {
                            tri!(dict.set(vm, k, v));
                        }
                        push!(d);
                    }
                    number::BUILD_CONST_KEY_MAP => {
                        let keys = pop!();
                        let values = collect_top!(oparg as usize);
                        let d = vm.new_dict();
                        let dict = &d.payload::<DictObject>().expect("a dict").dict;
                        for (k, v) in tuple_items(&keys).unwrap_or(&[]).iter().zip(values) {
                            tri!(dict.set(vm, k.clone(), v));
                        }
                        push!(d);
                    }
                    number::BUILD_STRING => {
                        let parts = collect_top!(oparg as usize);
                        push!(crate::protocols::join_strings(vm, &parts));
                    }
                    number::BUILD_SLICE => {
                        let step = if oparg == 3 { pop!() } else { vm.none.clone() };
                        let stop = pop!();
                        let start = pop!();
                        push!(crate::objects::slice::new_slice(vm, start, stop, step));
                    }
                    number::LIST_APPEND => {
                        let v = pop!();
                        let list = peek!(oparg as usize);
                        crate::objects::list::list_of(list).push(v);
                    }
                    number::SET_ADD => {
                        let v = pop!();
                        tri!(crate::objects::set::set_add(vm, peek!(oparg as usize), v));
                    }
                    number::MAP_ADD => {
                        let value = pop!();
                        let key = pop!();
                        let d = peek!(oparg as usize);
                        tri!(d
                            .payload::<DictObject>()
                            .expect("a dict")
                            .dict
                            .set(vm, key, value));
                    }
                    number::LIST_EXTEND => {
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
                    number::SET_UPDATE => {
                        let iterable = pop!();
                        let set = peek!(oparg as usize);
                        tri!(crate::objects::set::set_update(vm, set, &iterable));
                    }
                    number::DICT_UPDATE | number::DICT_MERGE => {
                        let update = pop!();
                        let d = peek!(oparg as usize).clone();
                        let func = if opcode == number::DICT_MERGE {
                            Some(peek!(oparg as usize + 2).clone())
                        } else {
                            None
                        };
                        tri!(crate::call::dict_merge(vm, &d, &update, func.as_ref()));
                    }
                    number::LIST_TO_TUPLE => {
                        let list = pop!();
                        push!(vm.new_tuple(crate::objects::list::list_of(&list).to_vec()));
                    }
                    specialized::UNPACK_SEQUENCE_TWO_TUPLE
                    | specialized::UNPACK_SEQUENCE_TUPLE
                    | specialized::UNPACK_SEQUENCE_LIST => {
                        let seq = peek!(1);
                        let count = oparg as usize;
                        let exact = if opcode == specialized::UNPACK_SEQUENCE_LIST {
                            vm.type_of(seq).is(&vm.types.list)
                        } else {
                            vm.type_of(seq).is(&vm.types.tuple)
                        };
                        if !exact {
                            deoptimize!();
                        }
                        let seq = pop!();
                        let pushed = match tuple_items(&seq) {
                            Some(items) => {
                                let fits = items.len() == count;
                                if fits {
                                    for item in items.iter().rev() {
                                        push!(item.clone());
                                    }
                                }
                                fits
                            }
                            None => {
                                let items = crate::objects::list::list_of(&seq).items.borrow();
                                let fits = items.len() == count;
                                if fits {
                                    for item in items.iter().rev() {
                                        push!(item.clone());
                                    }
                                }
                                fits
                            }
                        };
                        if !pushed {
                            // The wrong length raises as the real one does.
                            let items = tri!(crate::protocols::unpack(vm, &seq, count, None));
                            for item in items.into_iter().rev() {
                                push!(item);
                            }
                        }
                    }
                    number::UNPACK_SEQUENCE => {
                        let instr = instruction!();
                        if instr.counts_down() {
                            crate::specialize::unpack_sequence(vm, instr, peek!(1), oparg as usize);
                        }
                        let seq = pop!();
                        let items = tri!(crate::protocols::unpack(vm, &seq, oparg as usize, None));
                        for item in items.into_iter().rev() {
                            push!(item);
                        }
                    }
                    number::UNPACK_EX => {
                        let seq = pop!();
                        let before = (oparg & 0xff) as usize;
                        let after = (oparg >> 8) as usize;
                        let items = tri!(crate::protocols::unpack(vm, &seq, before, Some(after)));
                        for item in items.into_iter().rev() {
                            push!(item);
                        }
                    }
                    number::FORMAT_VALUE => {
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
                    number::MAKE_CELL => {
                        let slot = &mut *localsplus.add(oparg as usize);
                        let initial = slot.take();
                        *slot = Some(crate::call::new_cell(vm, initial));
                    }
                    number::COPY_FREE_VARS => {
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
                    number::LOAD_CLOSURE => {
                        let v = (*localsplus.add(oparg as usize)).clone();
                        push_opt!(v);
                    }
                    number::LOAD_DEREF | number::LOAD_CLASSDEREF => {
                        if opcode == number::LOAD_CLASSDEREF {
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
                    number::STORE_DEREF => {
                        let v = pop!();
                        if let Some(cell) = (*localsplus.add(oparg as usize))
                            .as_ref()
                            .and_then(|c| c.payload::<CellObject>())
                        {
                            let old = cell.contents.replace(Some(v));
                            drop(old);
                        }
                    }
                    number::DELETE_DEREF => {
                        let cell = (*localsplus.add(oparg as usize)).clone();
                        let old = cell
                            .as_ref()
                            .and_then(|c| c.payload::<CellObject>())
                            .and_then(|c| c.contents.take());
                        if old.is_none() {
                            break 'dispatch Raised::New(unbound_deref(vm, code, oparg as usize));
                        }
                    }
                    number::LOAD_BUILD_CLASS => {
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
                    number::LOAD_ASSERTION_ERROR => push!(vm.exceptions.assertion_error.clone()),
                    number::SETUP_ANNOTATIONS => {
                        if let Some(locals) = &(*frame).locals {
                            let name = &vm.names.__annotations__;
                            if tri!(crate::protocols::mapping_get(vm, locals, name)).is_none() {
                                tri!(vm.setitem(locals, name, Some(&vm.new_dict())));
                            }
                        }
                    }
                    number::RAISE_VARARGS => {
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
                    number::RERAISE => {
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
                    number::PUSH_EXC_INFO => {
                        let value = pop!();
                        let previous = vm.thread.handled.replace(Some(value.clone()));
                        push!(previous.unwrap_or_else(|| vm.none.clone()));
                        push!(value);
                    }
                    number::POP_EXCEPT => {
                        let value = pop!();
                        let restored = (!vm.is_none(&value)).then_some(value);
                        let old = vm.thread.handled.replace(restored);
                        drop(old);
                    }
                    number::CHECK_EXC_MATCH => {
                        let right = pop!();
                        let matched = tri!(crate::call::exception_matches(vm, peek!(1), &right));
                        push!(vm.new_bool(matched));
                    }
                    number::CHECK_EG_MATCH => {
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
                    number::PREP_RERAISE_STAR => {
                        let excs = pop!();
                        let orig = pop!();
                        let r = tri!(crate::exceptions::prep_reraise_star(vm, &orig, &excs));
                        push!(r);
                    }
                    number::BEFORE_WITH | number::BEFORE_ASYNC_WITH => {
                        let manager = pop!();
                        let (exit, result) = tri!(crate::call::enter_context(
                            vm,
                            &manager,
                            opcode == number::BEFORE_ASYNC_WITH
                        ));
                        push!(exit);
                        push!(result);
                    }
                    number::WITH_EXCEPT_START => {
                        let exc = peek!(1).clone();
                        let exit = peek!(4).clone();
                        let tb = exception_payload(&exc)
                            .and_then(|e| e.traceback.borrow().clone())
                            .unwrap_or_else(|| vm.none.clone());
                        let ty = vm.type_of(&exc).clone();
                        let r = tri!(vm.call(&exit, Args::positional_only(&[ty, exc, tb])));
                        push!(r);
                    }
                    number::PRINT_EXPR => {
                        let v = pop!();
                        tri!(crate::modules::sys::call_displayhook(vm, &v));
                    }
                    number::IMPORT_NAME => {
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
                    number::IMPORT_STAR => {
                        let module = pop!();
                        let Some(locals) = (*frame).locals.clone() else {
                            break 'dispatch Raised::New(vm.new_exception(
                                &vm.exceptions.system_error,
                                "no locals found during 'import *'",
                            ));
                        };
                        tri!(crate::import::import_star(vm, &module, &locals));
                    }
                    number::IMPORT_FROM => {
                        let m = peek!(1).clone();
                        let r = tri!(crate::import::import_from(
                            vm,
                            &m,
                            &code.names[oparg as usize]
                        ));
                        push!(r);
                    }
                    number::MATCH_MAPPING | number::MATCH_SEQUENCE => {
                        let flag = if opcode == number::MATCH_MAPPING {
                            crate::typeobject::flags::MAPPING
                        } else {
                            crate::typeobject::flags::SEQUENCE
                        };
                        let matched = crate::matching::has_pattern_flag(vm, peek!(1), flag);
                        push!(vm.new_bool(matched));
                    }
                    number::MATCH_KEYS => {
                        let values = tri!(crate::matching::match_keys(vm, peek!(2), peek!(1)));
                        push!(values);
                    }
                    number::MATCH_CLASS => {
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
                    number::RETURN_GENERATOR => {
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
                    number::YIELD_VALUE => {
                        let value = pop!();
                        (*frame).next_instr = ip;
                        (*frame).stacktop = sp.offset_from(localsplus) as usize;
                        (*frame).suspended = true;
                        vm.thread
                            .recursion_depth
                            .set(vm.thread.recursion_depth.get() - 1);
                        break 'frames Ok(value);
                    }
                    number::SEND => {
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
                    number::GET_YIELD_FROM_ITER => {
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
                    number::GET_AWAITABLE => {
                        let v = pop!();
                        let it = tri!(crate::objects::generator::get_awaitable(vm, &v, oparg));
                        push!(it);
                    }
                    number::ASYNC_GEN_WRAP => {
                        let v = pop!();
                        push!(crate::objects::async_generator::wrap(vm, v));
                    }
                    number::GET_AITER => {
                        let v = pop!();
                        let it = tri!(crate::protocols::aiter(vm, &v, true));
                        push!(it);
                    }
                    number::GET_ANEXT => {
                        let awaitable = tri!(get_anext(vm, peek!(1)));
                        push!(awaitable);
                    }
                    number::END_ASYNC_FOR => {
                        let exc = pop!();
                        if !vm.is_instance(&exc, &vm.exceptions.stop_async_iteration) {
                            break 'dispatch Raised::Again(PyErr(exc));
                        }
                        drop(pop!());
                    }
                    _ => {
                        break 'dispatch Raised::New(vm.new_exception(
                            &vm.exceptions.system_error,
                            format!(
                                "unknown opcode {}",
                                krait_compiler::opcode::from_number(opcode as u8)
                                    .map_or("", Opcode::name)
                            ),
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

/// The `n` values of the stack from `base` up, moved out, bottom first.
///
/// # Safety
/// `base` must point to `n` values of the stack, which the caller takes
/// off the stack.
unsafe fn collect_from(base: *mut Option<Object>, n: usize) -> Vec<Object> {
    let mut items = Vec::with_capacity(n);
    for i in 0..n {
        items.push(
            base.add(i)
                .read()
                .expect("the compiler never collects NULL"),
        );
    }
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
