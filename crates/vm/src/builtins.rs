//! The `builtins` module (Python/bltinmodule.c), and `super`
//! (Objects/typeobject.c's super type).

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::cell::CellObject;
use crate::objects::code::CodePayload;
use crate::objects::dict::DictObject;
use crate::objects::function::{
    check_function_arity, new_builtin_function, FunctionObject, NativeFn,
};
use crate::objects::str::{as_rust_str, StrObject};
use crate::typeobject::{is_subtype, Args, CompareOp, TypeObject};
use crate::vm::Vm;

/// `super(type, obj)`: attribute lookup that starts after `ty` in the MRO
/// of `obj`'s type.
#[derive(krait_derive::Traverse)]
pub struct SuperObject {
    pub ty: Object,
    pub obj: Option<Object>,
    pub obj_type: Option<Object>,
}

pub(crate) fn init(vm: &Vm) {
    let dict = &vm
        .builtins_dict
        .payload::<DictObject>()
        .expect("a dict")
        .dict;
    let set = |name: &str, value: Object| dict.set_str(vm, vm.intern(name), value);
    set("__name__", vm.new_str("builtins"));
    set("None", vm.none.clone());
    set("True", vm.true_.clone());
    set("False", vm.false_.clone());
    set("Ellipsis", vm.ellipsis.clone());
    set("NotImplemented", vm.not_implemented.clone());
    set("__debug__", vm.true_.clone());
    for (name, ty) in [
        ("object", &vm.object_type),
        ("type", &vm.type_type),
        ("int", &vm.types.int),
        ("bool", &vm.types.bool_),
        ("float", &vm.types.float),
        ("complex", &vm.types.complex),
        ("str", &vm.types.str),
        ("bytes", &vm.types.bytes),
        ("bytearray", &vm.types.bytearray),
        ("memoryview", &vm.types.memoryview),
        ("tuple", &vm.types.tuple),
        ("list", &vm.types.list),
        ("dict", &vm.types.dict),
        ("set", &vm.types.set),
        ("frozenset", &vm.types.frozenset),
        ("range", &vm.types.range),
        ("slice", &vm.types.slice),
        ("property", &vm.types.property),
        ("classmethod", &vm.types.classmethod),
        ("staticmethod", &vm.types.staticmethod),
        ("super", &vm.types.super_),
        ("enumerate", &vm.types.enumerate),
        ("reversed", &vm.types.reversed),
        ("zip", &vm.types.zip),
        ("map", &vm.types.map),
        ("filter", &vm.types.filter),
    ] {
        set(name, ty.clone());
    }
    for (name, ty) in vm.exceptions.all() {
        set(name, ty.clone());
    }
    set("EnvironmentError", vm.exceptions.os_error.clone());
    set("IOError", vm.exceptions.os_error.clone());
    let functions: &[(&'static str, NativeFn)] = &[
        ("print", builtin_print),
        ("input", builtin_input),
        ("open", crate::modules::io::open),
        ("len", builtin_len),
        ("repr", |vm, args| {
            let [x] = exactly(vm, "repr", args)?;
            vm.repr(&x)
        }),
        ("ascii", |vm, args| {
            let [x] = exactly(vm, "ascii", args)?;
            crate::protocols::ascii(vm, &x)
        }),
        ("format", |vm, args| {
            check_function_arity(vm, "format", args, 1, 2)?;
            if let Some(spec) = args.values.get(1) {
                if !vm.is_instance(spec, &vm.types.str) {
                    return Err(vm.new_type_error(format!(
                        "format() argument 2 must be str, not {}",
                        vm.type_name(spec)
                    )));
                }
            }
            crate::protocols::format(vm, &args.values[0], args.values.get(1))
        }),
        ("id", |vm, args| {
            let [x] = exactly(vm, "id", args)?;
            Ok(crate::objects::int::new_big(vm, x.id().into()))
        }),
        ("hash", |vm, args| {
            let [x] = exactly(vm, "hash", args)?;
            Ok(vm.new_int(vm.hash(&x)?))
        }),
        ("abs", |vm, args| {
            let [x] = exactly(vm, "abs", args)?;
            match vm.type_payload_of(&x).slots.nb_absolute.get() {
                Some(f) => f(vm, &x),
                None => Err(vm.new_type_error(format!(
                    "bad operand type for abs(): '{}'",
                    vm.type_name(&x)
                ))),
            }
        }),
        ("iter", |vm, args| {
            check_function_arity(vm, "iter", args, 1, 2)?;
            match args.values {
                [callable, sentinel] => {
                    if vm.type_payload_of(callable).slots.call.get().is_none() {
                        return Err(vm.new_type_error("iter(v, w): v must be callable"));
                    }
                    Ok(crate::objects::iter::new_callable_iterator(
                        vm,
                        callable.clone(),
                        sentinel.clone(),
                    ))
                }
                _ => vm.iter(&args.values[0]),
            }
        }),
        ("aiter", |vm, args| {
            check_function_arity(vm, "aiter", args, 1, 1)?;
            crate::protocols::aiter(vm, &args.values[0], false)
        }),
        ("anext", |vm, args| {
            check_function_arity(vm, "anext", args, 1, 2)?;
            let aiterator = &args.values[0];
            let Some(anext) = vm.lookup_special(aiterator, &vm.names.__anext__)? else {
                return Err(vm.new_type_error(format!(
                    "'{}' object is not an async iterator",
                    vm.type_name(aiterator)
                )));
            };
            let awaitable = vm.call(&anext, Args::positional_only(&[]))?;
            Ok(match args.values.get(1) {
                Some(default) => {
                    crate::objects::anext_awaitable::new(vm, awaitable, default.clone())
                }
                None => awaitable,
            })
        }),
        ("next", |vm, args| {
            check_function_arity(vm, "next", args, 1, 2)?;
            let iterator = &args.values[0];
            let Some(next) = vm.type_payload_of(iterator).slots.iternext.get() else {
                return Err(vm.new_type_error(format!(
                    "'{}' object is not an iterator",
                    vm.type_name(iterator)
                )));
            };
            // The slot, not `Vm::next`: a StopIteration with a value (a
            // generator's return) goes to the caller as it is.
            match next(vm, iterator) {
                Ok(Some(v)) => Ok(v),
                Ok(None) => match args.values.get(1) {
                    Some(default) => Ok(default.clone()),
                    None => Err(vm.new_exception_empty(&vm.exceptions.stop_iteration)),
                },
                Err(e) if args.values.len() > 1 && e.matches(vm, &vm.exceptions.stop_iteration) => {
                    Ok(args.values[1].clone())
                }
                Err(e) => Err(e),
            }
        }),
        ("isinstance", builtin_isinstance),
        ("issubclass", |vm, args| {
            let [x, ty] = exactly(vm, "issubclass", args)?;
            Ok(vm.new_bool(issubclass(vm, &x, &ty)?))
        }),
        ("hasattr", |vm, args| {
            let [x, name] = exactly(vm, "hasattr", args)?;
            check_attr_name(vm, &name)?;
            Ok(vm.new_bool(getattr_or_none(vm, &x, &name)?.is_some()))
        }),
        ("getattr", builtin_getattr),
        ("setattr", |vm, args| {
            let [x, name, value] = exactly(vm, "setattr", args)?;
            check_attr_name(vm, &name)?;
            vm.setattr(&x, &vm.intern_object(&name), Some(&value))?;
            Ok(vm.none.clone())
        }),
        ("delattr", |vm, args| {
            let [x, name] = exactly(vm, "delattr", args)?;
            check_attr_name(vm, &name)?;
            vm.setattr(&x, &name, None)?;
            Ok(vm.none.clone())
        }),
        ("callable", |vm, args| {
            let [x] = exactly(vm, "callable", args)?;
            Ok(vm.new_bool(vm.type_payload_of(&x).slots.call.get().is_some()))
        }),
        ("chr", builtin_chr),
        ("ord", builtin_ord),
        ("divmod", |vm, args| {
            let [a, b] = exactly(vm, "divmod", args)?;
            let ta = vm.type_payload_of(&a).slots.nb_divmod.get();
            if let Some(f) = ta {
                let r = f(vm, &a, &b)?;
                if !r.is(&vm.not_implemented) {
                    return Ok(r);
                }
            }
            if let Some(f) = vm.type_payload_of(&b).slots.nb_divmod.get() {
                let r = f(vm, &a, &b)?;
                if !r.is(&vm.not_implemented) {
                    return Ok(r);
                }
            }
            Err(vm.new_type_error(format!(
                "unsupported operand type(s) for divmod(): '{}' and '{}'",
                vm.type_name(&a),
                vm.type_name(&b)
            )))
        }),
        ("pow", builtin_pow),
        ("min", |vm, args| min_max(vm, args, CompareOp::Lt, "min")),
        ("max", |vm, args| min_max(vm, args, CompareOp::Gt, "max")),
        ("sum", builtin_sum),
        ("any", |vm, args| {
            let [x] = exactly(vm, "any", args)?;
            let it = vm.iter(&x)?;
            while let Some(item) = vm.next(&it)? {
                if vm.is_true(&item)? {
                    return Ok(vm.true_.clone());
                }
            }
            Ok(vm.false_.clone())
        }),
        ("all", |vm, args| {
            let [x] = exactly(vm, "all", args)?;
            let it = vm.iter(&x)?;
            while let Some(item) = vm.next(&it)? {
                if !vm.is_true(&item)? {
                    return Ok(vm.false_.clone());
                }
            }
            Ok(vm.true_.clone())
        }),
        ("sorted", |vm, args| {
            let positional = args.positional();
            let [iterable] = positional else {
                return Err(vm.new_type_error(format!(
                    "sorted expected 1 argument, got {}",
                    positional.len()
                )));
            };
            let list = vm.new_list(vm.collect_iterable(iterable)?);
            let sort = vm.getattr_str(&list, "sort")?;
            vm.call(
                &sort,
                Args {
                    values: &args.values[1..],
                    kwnames: args.kwnames,
                },
            )?;
            Ok(list)
        }),
        ("globals", |vm, args| {
            check_function_arity(vm, "globals", args, 0, 0)?;
            Ok(crate::eval::current_frame(vm)
                .map(|f| f.globals.clone())
                .unwrap_or_else(|| vm.new_dict()))
        }),
        ("locals", |vm, args| {
            check_function_arity(vm, "locals", args, 0, 0)?;
            current_locals(vm)
        }),
        ("vars", builtin_vars),
        ("compile", crate::compile::builtin_compile),
        ("exec", crate::compile::builtin_exec),
        ("eval", crate::compile::builtin_eval),
        ("dir", |vm, args| {
            check_function_arity(vm, "dir", args, 0, 1)?;
            let names = match args.values.first() {
                Some(x) => dir_of(vm, x)?,
                None => {
                    let locals = current_locals(vm)?;
                    vm.collect_iterable(&locals)?
                }
            };
            let list = vm.new_list(names);
            vm.call_method(&list, "sort", &[])?;
            Ok(list)
        }),
        ("__build_class__", build_class),
        ("__import__", builtin_import),
        ("bin", |vm, args| radix(vm, args, "bin", 2, "0b")),
        ("oct", |vm, args| radix(vm, args, "oct", 8, "0o")),
        ("hex", |vm, args| radix(vm, args, "hex", 16, "0x")),
        ("round", crate::objects::float::builtin_round),
    ];
    for &(name, f) in functions {
        set(name, new_builtin_function(vm, name, f));
    }
    init_super(vm);
}

/// `len(x)`.
pub(crate) fn builtin_len(vm: &Vm, args: Args) -> PyResult {
    let [x] = exactly(vm, "len", args)?;
    Ok(vm.new_int(vm.len(&x)? as i64))
}

/// `isinstance(x, ty)`.
pub(crate) fn builtin_isinstance(vm: &Vm, args: Args) -> PyResult {
    let [x, ty] = exactly(vm, "isinstance", args)?;
    Ok(vm.new_bool(isinstance(vm, &x, &ty)?))
}

/// The arguments of a builtin taking exactly `N` positional ones, with
/// CPython's message otherwise.
fn exactly<const N: usize>(vm: &Vm, name: &str, args: Args) -> PyResult<[Object; N]> {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("{name}() takes no keyword arguments")));
    }
    match <&[Object; N]>::try_from(args.values) {
        Ok(values) => Ok(values.clone()),
        Err(_) if N == 1 => Err(vm.new_type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.values.len()
        ))),
        Err(_) => Err(vm.new_type_error(format!(
            "{name} expected {N} arguments, got {}",
            args.values.len()
        ))),
    }
}

fn check_attr_name(vm: &Vm, name: &Object) -> PyResult<()> {
    if name.payload::<StrObject>().is_none() {
        return Err(vm.new_type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(name)
        )));
    }
    Ok(())
}

pub(crate) fn current_locals(vm: &Vm) -> PyResult {
    let frame = vm.thread.frame.get();
    if frame.is_null() {
        return Ok(vm.new_dict());
    }
    // SAFETY: the thread's current frame is live.
    unsafe { crate::objects::frame::fast_to_locals(vm, frame) }
}

/// `isinstance(x, ty)`, with tuples and `__instancecheck__`.
pub fn isinstance(vm: &Vm, x: &Object, ty: &Object) -> PyResult<bool> {
    if vm.type_of(x).is(ty) {
        return Ok(true);
    }
    if let Some(items) = crate::objects::tuple::tuple_items(ty) {
        for t in items {
            if isinstance(vm, x, t)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(args) = crate::objects::union::union_as_tuple(ty) {
        return isinstance(vm, x, &args);
    }
    if let Some(check) = vm.lookup_special(ty, &vm.names.__instancecheck__)? {
        let r = vm.call(&check, Args::positional_only(std::slice::from_ref(x)))?;
        return vm.is_true(&r);
    }
    if ty.payload::<TypeObject>().is_none() {
        return Err(
            vm.new_type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")
        );
    }
    Ok(vm.is_instance(x, ty))
}

pub fn issubclass(vm: &Vm, x: &Object, ty: &Object) -> PyResult<bool> {
    if let Some(args) = crate::objects::union::union_as_tuple(ty) {
        return issubclass(vm, x, &args);
    }
    if let Some(items) = crate::objects::tuple::tuple_items(ty) {
        for t in items {
            if issubclass(vm, x, t)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if !vm.type_of(ty).is(&vm.type_type) {
        if let Some(check) = vm.lookup_special(ty, &vm.names.__subclasscheck__)? {
            let r = vm.call(&check, Args::positional_only(std::slice::from_ref(x)))?;
            return vm.is_true(&r);
        }
    }
    if x.payload::<TypeObject>().is_none() {
        return Err(vm.new_type_error("issubclass() arg 1 must be a class"));
    }
    if ty.payload::<TypeObject>().is_none() {
        return Err(
            vm.new_type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union")
        );
    }
    Ok(is_subtype(x, ty))
}

/// The names `dir(x)` lists, unsorted: `type(x).__dir__(x)`, where a
/// class's (`type.__dir__`) is every name in the dicts of its MRO.
fn dir_of(vm: &Vm, x: &Object) -> PyResult<Vec<Object>> {
    let Some(method) = vm.lookup_special(x, &vm.names.__dir__)? else {
        return Err(vm.new_type_error("object does not provide __dir__"));
    };
    let generic = type_payload(vm.type_of(x))
        .lookup(vm, &vm.names.__dir__)
        .is_some_and(|d| {
            type_payload(&vm.object_type)
                .dict
                .get_str(vm, &vm.names.__dir__)
                .is_some_and(|o| o.is(&d))
        });
    if let (true, Some(tp)) = (generic, x.payload::<TypeObject>()) {
        let names = crate::objects::set::new_set(vm, Vec::new())?;
        for ty in tp.mro.borrow().iter() {
            for key in type_payload(ty).dict.keys() {
                crate::objects::set::set_add(vm, &names, key)?;
            }
        }
        return vm.collect_iterable(&names);
    }
    let d = vm.call(&method, Args::positional_only(&[]))?;
    vm.collect_iterable(&d)
}

/// `chr(i)`: the str of one code point.
fn builtin_chr(vm: &Vm, args: Args) -> PyResult {
    let [x] = exactly(vm, "chr", args)?;
    let i = crate::objects::sequence::number_index(vm, &x)?;
    let Some(i) = crate::objects::int::int_value(&i)
        .and_then(|v| v.to_i64())
        .filter(|v| i32::try_from(*v).is_ok())
    else {
        return Err(vm.new_overflow_error("Python int too large to convert to C int"));
    };
    if !(0..=0x10FFFF).contains(&i) {
        return Err(vm.new_value_error("chr() arg not in range(0x110000)"));
    }
    Ok(crate::objects::str::new_from_code_points(vm, &[i as u32]))
}

/// `ord(c)`: the code point of a str, or the value of a byte, of length 1.
fn builtin_ord(vm: &Vm, args: Args) -> PyResult {
    let [x] = exactly(vm, "ord", args)?;
    let (len, value) = if let Some(s) = x.payload::<StrObject>() {
        (s.len(), (s.len() == 1).then(|| s.code_point(0)))
    } else if let Some(b) = x.payload::<crate::objects::bytes::BytesObject>() {
        (
            b.bytes.len(),
            (b.bytes.len() == 1).then(|| u32::from(b.bytes[0])),
        )
    } else {
        return Err(vm.new_type_error(format!(
            "ord() expected string of length 1, but {} found",
            vm.type_name(&x)
        )));
    };
    match value {
        Some(c) => Ok(vm.new_int(i64::from(c))),
        None => Err(vm.new_type_error(format!(
            "ord() expected a character, but string of length {len} found"
        ))),
    }
}

/// `vars([object])`: the locals, or an object's `__dict__`.
fn builtin_vars(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "vars", args, 0, 1)?;
    match args.values.first() {
        None => current_locals(vm),
        Some(x) => match getattr_or_none(vm, x, &vm.names.__dict__)? {
            Some(d) => Ok(d),
            None => crate::objects::object::instance_dict(vm, x)
                .ok_or_else(|| vm.new_type_error("vars() argument must have __dict__ attribute")),
        },
    }
}

/// `getattr(object, name[, default])`.
fn builtin_getattr(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "getattr", args, 2, 3)?;
    let name = &args.values[1];
    check_attr_name(vm, name)?;
    match args.values.get(2) {
        Some(default) => {
            Ok(getattr_or_none(vm, &args.values[0], name)?.unwrap_or_else(|| default.clone()))
        }
        None => vm.getattr(&args.values[0], name),
    }
}

/// `getattr(x, name, None)`: an AttributeError, even one raised by a
/// property, means no attribute.
fn getattr_or_none(vm: &Vm, x: &Object, name: &Object) -> PyResult<Option<Object>> {
    match vm.getattr(x, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(vm, &vm.exceptions.attribute_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `print(*objects, sep=' ', end='\n', file=None, flush=False)`
/// (`builtin_print_impl`): each piece is written with `file.write`, in
/// Rust when the file is a native text stream.
fn builtin_print(vm: &Vm, args: Args) -> PyResult {
    let (mut sep, mut end, mut file, mut flush) = (None, None, None, None);
    for (name, value) in args.keywords() {
        let slot = match as_rust_str(name).as_ref() {
            "sep" => &mut sep,
            "end" => &mut end,
            "file" => &mut file,
            "flush" => &mut flush,
            other => {
                return Err(vm.new_type_error(format!(
                    "'{other}' is an invalid keyword argument for print()"
                )))
            }
        };
        *slot = Some(value.clone());
    }
    let file = match file.filter(|f| !vm.is_none(f)) {
        Some(f) => f,
        None => match crate::modules::sys::sys_attr(vm, &vm.names.stdout) {
            Some(f) if vm.is_none(&f) => return Ok(vm.none.clone()),
            Some(f) => f,
            None => return Err(vm.new_runtime_error("lost sys.stdout")),
        },
    };
    let text_arg = |which: &str, value: Option<Object>| -> PyResult<Option<Object>> {
        match value.filter(|v| !vm.is_none(v)) {
            Some(v) if v.payload::<StrObject>().is_none() => Err(vm.new_type_error(format!(
                "{which} must be None or a string, not {}",
                vm.type_name(&v)
            ))),
            v => Ok(v),
        }
    };
    let sep = text_arg("sep", sep)?;
    let end = text_arg("end", end)?;
    let write = |text: &Object| crate::modules::io::write_text(vm, &file, text);
    for (i, value) in args.positional().iter().enumerate() {
        if i > 0 {
            match &sep {
                Some(sep) => write(sep)?,
                None => write(&vm.latin1_char(b' '))?,
            }
        }
        write(&vm.str(value)?)?;
    }
    match &end {
        Some(end) => write(end)?,
        None => write(&vm.latin1_char(b'\n'))?,
    }
    if let Some(flush) = flush {
        if vm.is_true(&flush)? {
            vm.call_method(&file, "flush", &[])?;
        }
    }
    Ok(vm.none.clone())
}

/// Whether a standard stream is the process's own standard input (fd 0)
/// or output (fd 1), and a terminal.
fn is_terminal_stream(vm: &Vm, stream: &Object, fd: i64) -> bool {
    use std::io::IsTerminal;
    let same_fd = vm
        .call_method(stream, "fileno", &[])
        .and_then(|n| crate::objects::getargs::index_arg(vm, &n))
        .is_ok_and(|n| n == fd);
    same_fd
        && match fd {
            0 => std::io::stdin().is_terminal(),
            _ => std::io::stdout().is_terminal(),
        }
}

/// `input()` at a terminal: the line comes from the prompt's reader,
/// the `readline` module's editor once it is imported
/// (`PyOS_Readline`), without its line ending.
fn input_from_terminal(vm: &Vm, stdout: &Object, prompt: Option<&Object>) -> PyResult {
    let prompt = match prompt {
        Some(p) => as_rust_str(&vm.str(p)?).into_owned(),
        None => String::new(),
    };
    if prompt.contains('\0') {
        return Err(vm.new_value_error("input: prompt string cannot contain null characters"));
    }
    let _ = vm.call_method(stdout, "flush", &[]);
    let bare = |ty: &Object| crate::errors::PyErr(crate::exceptions::new_exception(vm, ty, vec![]));
    match (vm.read_line.get())(vm, &prompt) {
        crate::interactive::Line::Text(line) if !line.is_empty() => {
            let line = line.strip_suffix('\n').unwrap_or(&line);
            Ok(vm.new_str(line.strip_suffix('\r').unwrap_or(line)))
        }
        crate::interactive::Line::Interrupted => Err(bare(&vm.exceptions.keyboard_interrupt)),
        _ => Err(bare(&vm.exceptions.eof_error)),
    }
}

/// `input(prompt=None)`: the prompt to `sys.stdout`, then a line of
/// `sys.stdin` without its newline (`builtin_input_impl`).
fn builtin_input(vm: &Vm, args: Args) -> PyResult {
    if args.has_keywords() {
        return Err(vm.new_type_error("input() takes no keyword arguments"));
    }
    if args.values.len() > 1 {
        return Err(vm.new_type_error(format!(
            "input expected at most 1 argument, got {}",
            args.values.len()
        )));
    }
    let stream = |name: &Object| -> PyResult<Object> {
        match crate::modules::sys::sys_attr(vm, name) {
            Some(s) if !vm.is_none(&s) => Ok(s),
            _ => Err(vm.new_runtime_error(format!("input(): lost sys.{}", as_rust_str(name)))),
        }
    };
    let stdin = stream(&vm.names.stdin)?;
    let stdout = stream(&vm.names.stdout)?;
    let stderr = stream(&vm.names.stderr)?;
    // As in CPython, a failing flush of stderr does not stop input().
    let _ = vm.call_method(&stderr, "flush", &[]);
    if is_terminal_stream(vm, &stdin, 0) && is_terminal_stream(vm, &stdout, 1) {
        return input_from_terminal(vm, &stdout, args.values.first());
    }
    if let Some(prompt) = args.values.first() {
        crate::modules::io::write_text(vm, &stdout, &vm.str(prompt)?)?;
    }
    let _ = vm.call_method(&stdout, "flush", &[]);
    let line = vm.call_method(&stdin, "readline", &[])?;
    let Some(text) = line.payload::<StrObject>() else {
        return Err(vm.new_type_error("object.readline() returned non-string"));
    };
    let length = text.len();
    if length == 0 {
        return Err(vm.new_exception(&vm.exceptions.eof_error, "EOF when reading a line"));
    }
    let end = if text.code_point(length - 1) == u32::from(b'\n') {
        length - 1
    } else {
        length
    };
    Ok(crate::objects::str::substring(vm, text, 0, end))
}

/// `min()` and `max()`: of one iterable or of several arguments, by
/// `key`, with `default` for an empty iterable; the first of equal
/// items wins (`min_max`).
fn min_max(vm: &Vm, args: Args, op: CompareOp, name: &str) -> PyResult {
    let positional = args.positional();
    let mut key = None;
    let mut default = None;
    for (k, v) in args.keywords() {
        match as_rust_str(k).as_ref() {
            "key" => key = Some(v.clone()).filter(|k| !vm.is_none(k)),
            "default" => default = Some(v.clone()),
            other => {
                return Err(vm.new_type_error(format!(
                    "'{other}' is an invalid keyword argument for {name}()"
                )))
            }
        }
    }
    let iterator = match positional {
        [] => return Err(vm.new_type_error(format!("{name} expected at least 1 argument, got 0"))),
        [iterable] => vm.iter(iterable)?,
        _ => {
            if default.is_some() {
                return Err(vm.new_type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            vm.iter(&vm.new_tuple(positional.to_vec()))?
        }
    };
    let mut best: Option<(Object, Object)> = None;
    while let Some(item) = vm.next(&iterator)? {
        let k = match &key {
            Some(f) => vm.call(f, Args::positional_only(std::slice::from_ref(&item)))?,
            None => item.clone(),
        };
        best = match best {
            Some((bi, bk)) if !vm.compare_bool(&k, &bk, op)? => Some((bi, bk)),
            _ => Some((item, k)),
        };
    }
    match (best, default) {
        (Some((item, _)), _) => Ok(item),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(vm.new_value_error(format!("{name}() arg is an empty sequence"))),
    }
}

/// `sum(iterable, /, start=0)`: `start` plus each item in turn.
fn builtin_sum(vm: &Vm, args: Args) -> PyResult {
    let positional = args.positional();
    if positional.is_empty() {
        return Err(vm.new_type_error("sum() takes at least 1 positional argument (0 given)"));
    }
    if args.values.len() > 2 {
        return Err(vm.new_type_error(format!(
            "sum() takes at most 2 arguments ({} given)",
            args.values.len()
        )));
    }
    let mut start = positional.get(1).cloned();
    for (k, v) in args.keywords() {
        match as_rust_str(k).as_ref() {
            "start" if start.is_none() => start = Some(v.clone()),
            "start" => {
                return Err(vm
                    .new_type_error("argument for sum() given by name ('start') and position (2)"))
            }
            other => {
                return Err(vm.new_type_error(format!(
                    "'{other}' is an invalid keyword argument for sum()"
                )))
            }
        }
    }
    let it = vm.iter(&positional[0])?;
    let mut total = start.unwrap_or_else(|| vm.new_int(0));
    for (ty, what) in [
        (&vm.types.str, "strings [use ''.join(seq) instead]"),
        (&vm.types.bytes, "bytes [use b''.join(seq) instead]"),
    ] {
        if vm.is_instance(&total, ty) {
            return Err(vm.new_type_error(format!("sum() can't sum {what}")));
        }
    }
    if vm.type_name(&total) == "bytearray" {
        return Err(vm.new_type_error("sum() can't sum bytearray [use b''.join(seq) instead]"));
    }
    while let Some(item) = vm.next(&it)? {
        total = crate::protocols::binary_op(vm, &total, &item, 0)?;
    }
    Ok(total)
}

/// The builtin `pow(base, exp, mod=None)`: with a modulus, each
/// operand's `__pow__` is tried in turn, the modulus's last, as
/// CPython's `ternary_op` does.
fn builtin_pow(vm: &Vm, args: Args) -> PyResult {
    let bound = crate::objects::int::bind_args(vm, "pow", args, &["base", "exp", "mod"], 3, 2)?;
    let base = bound[0].as_ref().expect("bound as required");
    let exp = bound[1].as_ref().expect("bound as required");
    let modulus = match &bound[2] {
        Some(m) if !vm.is_none(m) => m,
        _ => return crate::protocols::binary_op(vm, base, exp, 8),
    };
    let slot = |o: &Object| vm.type_payload_of(o).slots.nb_power.get();
    let address = |f: Option<crate::typeobject::TernaryFn>| f.map(|f| f as *const () as usize);
    let slot_base = slot(base);
    let mut slot_exp = slot(exp);
    if address(slot_exp) == address(slot_base) {
        slot_exp = None;
    }
    if let Some(f) = slot_base {
        if let Some(g) = slot_exp {
            if vm.is_instance(exp, vm.type_of(base)) {
                let r = g(vm, base, exp, modulus)?;
                if !r.is(&vm.not_implemented) {
                    return Ok(r);
                }
                slot_exp = None;
            }
        }
        let r = f(vm, base, exp, modulus)?;
        if !r.is(&vm.not_implemented) {
            return Ok(r);
        }
    }
    if let Some(g) = slot_exp {
        let r = g(vm, base, exp, modulus)?;
        if !r.is(&vm.not_implemented) {
            return Ok(r);
        }
    }
    let slot_mod = slot(modulus);
    if address(slot_mod) != address(slot_base) && address(slot_mod) != address(slot_exp) {
        if let Some(h) = slot_mod {
            let r = h(vm, base, exp, modulus)?;
            if !r.is(&vm.not_implemented) {
                return Ok(r);
            }
        }
    }
    Err(vm.new_type_error(format!(
        "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
        vm.type_name(base),
        vm.type_name(exp),
        vm.type_name(modulus)
    )))
}

fn radix(vm: &Vm, args: Args, name: &str, base: u32, prefix: &str) -> PyResult {
    let [x] = exactly(vm, name, args)?;
    let index = crate::objects::int::index_object(vm, &x)?.ok_or_else(|| {
        vm.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(&x)
        ))
    })?;
    let value = crate::objects::int::int_value(&index).expect("an index is an int");
    Ok(vm.new_str(&crate::objects::int::format_radix(&value, base, prefix)))
}

/// `__build_class__(func, name, *bases, metaclass=None, **kwds)`: runs
/// the class body in a fresh namespace and makes the class.
fn build_class(vm: &Vm, args: Args) -> PyResult {
    let positional = args.positional();
    if positional.len() < 2 {
        return Err(vm.new_type_error("__build_class__: not enough arguments"));
    }
    let func = &positional[0];
    let Some(f) = func.payload::<FunctionObject>() else {
        return Err(vm.new_type_error("__build_class__: func must be a function"));
    };
    let name = &positional[1];
    if name.payload::<StrObject>().is_none() {
        return Err(vm.new_type_error("__build_class__: name is not a string"));
    }
    let original_bases = positional[2..].to_vec();
    let mut bases = Vec::new();
    let mut changed = false;
    for base in &original_bases {
        if base.payload::<TypeObject>().is_none() {
            if let Some(entries) = vm.getattr_opt(base, &vm.names.__mro_entries__)? {
                let r = vm.call(
                    &entries,
                    Args::positional_only(&[vm.new_tuple(original_bases.clone())]),
                )?;
                let items = crate::objects::tuple::tuple_items(&r)
                    .ok_or_else(|| vm.new_type_error("__mro_entries__ must return a tuple"))?;
                bases.extend_from_slice(items);
                changed = true;
                continue;
            }
        }
        bases.push(base.clone());
    }
    let mut metaclass = None;
    let mut kw_names = Vec::new();
    let mut kw_values = Vec::new();
    for (k, v) in args.keywords() {
        if as_rust_str(k) == "metaclass" {
            metaclass = Some(v.clone());
        } else {
            kw_names.push(k.clone());
            kw_values.push(v.clone());
        }
    }
    let is_class = metaclass
        .as_ref()
        .is_none_or(|m| m.payload::<TypeObject>().is_some());
    let mut meta = match metaclass {
        Some(m) => m,
        None => match bases.first() {
            Some(b) => vm.type_of(b).clone(),
            None => vm.type_type.clone(),
        },
    };
    if is_class {
        for base in &bases {
            let base_meta = vm.type_of(base);
            if is_subtype(&meta, base_meta) {
                continue;
            }
            if is_subtype(base_meta, &meta) {
                meta = base_meta.clone();
                continue;
            }
            return Err(vm.new_type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
    }
    let bases_tuple = vm.new_tuple(bases);
    let namespace = match vm.getattr_opt(&meta, &vm.names.__prepare__)? {
        Some(prepare) => {
            let mut values = vec![name.clone(), bases_tuple.clone()];
            values.extend(kw_values.iter().cloned());
            vm.call(
                &prepare,
                Args {
                    values: &values,
                    kwnames: &kw_names,
                },
            )?
        }
        None => vm.new_dict(),
    };
    let cell = crate::eval::run_class_body(vm, func, f, &namespace)?;
    if changed {
        vm.setitem(
            &namespace,
            &vm.names.__orig_bases__,
            Some(&vm.new_tuple(original_bases)),
        )?;
    }
    let mut values = vec![name.clone(), bases_tuple, namespace];
    values.extend(kw_values);
    let cls = vm.call(
        &meta,
        Args {
            values: &values,
            kwnames: &kw_names,
        },
    )?;
    if let Some(cell) = cell.payload::<CellObject>() {
        let current = cell.contents.borrow().clone();
        if current.as_ref().is_some_and(|c| !c.is(&cls)) {
            return Err(vm.new_type_error(format!(
                "__class__ set to {} defining {} as {}",
                vm.repr_string(current.as_ref().unwrap_or(&vm.none))?,
                vm.repr_string(name)?,
                vm.repr_string(&cls)?
            )));
        }
    }
    Ok(cls)
}

fn init_super(vm: &Vm) {
    let tp = type_payload(&vm.types.super_);
    tp.slots.new.set(Some(super_new));
    tp.slots.getattro.set(Some(super_getattro));
    tp.slots.repr.set(Some(|vm, s| {
        let s = s.payload::<SuperObject>().expect("a super");
        let name = type_payload(&s.ty).name();
        Ok(vm.new_str(&match &s.obj_type {
            Some(t) => format!(
                "<super: <class '{name}'>, <{} object>>",
                type_payload(t).name()
            ),
            None => format!("<super: <class '{name}'>, NULL>"),
        }))
    }));
    tp.slots.descr_get.set(Some(|vm, s, instance, _| {
        let sup = s.payload::<SuperObject>().expect("a super");
        match instance {
            Some(obj) if sup.obj.is_none() && !vm.is_none(obj) => {
                let obj_type = super_check(vm, &sup.ty, obj)?;
                Ok(object::alloc(
                    &vm.types.super_,
                    SuperObject {
                        ty: sup.ty.clone(),
                        obj: Some(obj.clone()),
                        obj_type: Some(obj_type),
                    },
                ))
            }
            _ => Ok(s.clone()),
        }
    }));
    crate::slots::add_slot_wrappers(vm, &vm.types.super_);
}

/// The type to search from for `super(ty, obj)`: obj's type if obj is an
/// instance of ty, obj itself if it is a subclass of ty.
fn super_check(vm: &Vm, ty: &Object, obj: &Object) -> PyResult<Object> {
    if obj.payload::<TypeObject>().is_some() && is_subtype(obj, ty) {
        return Ok(obj.clone());
    }
    if vm.is_instance(obj, ty) {
        return Ok(vm.type_of(obj).clone());
    }
    Err(vm.new_type_error("super(type, obj): obj must be an instance or subtype of type"))
}

fn super_new(vm: &Vm, _: &Object, args: Args) -> PyResult {
    let positional = args.positional();
    let (ty, obj) = match positional.len() {
        0 => zero_argument_super(vm)?,
        1 => (positional[0].clone(), None),
        2 => (positional[0].clone(), Some(positional[1].clone())),
        n => {
            return Err(vm.new_type_error(format!("super() takes at most 2 arguments ({n} given)")))
        }
    };
    if ty.payload::<TypeObject>().is_none() {
        return Err(vm.new_type_error(format!(
            "super() argument 1 must be a type, not {}",
            vm.type_name(&ty)
        )));
    }
    let obj = obj.filter(|o| !vm.is_none(o));
    let obj_type = match &obj {
        Some(o) => Some(super_check(vm, &ty, o)?),
        None => None,
    };
    Ok(object::alloc(
        &vm.types.super_,
        SuperObject { ty, obj, obj_type },
    ))
}

/// `super()` in a method: the `__class__` cell and the first argument of
/// the calling frame.
fn zero_argument_super(vm: &Vm) -> PyResult<(Object, Option<Object>)> {
    let Some(frame) = crate::eval::current_frame(vm) else {
        return Err(vm.new_runtime_error("super(): no current frame"));
    };
    let code: &CodePayload = frame.code_payload();
    if code.code.argcount == 0 {
        return Err(vm.new_runtime_error("super(): no arguments"));
    }
    // SAFETY: the current frame is live; slot 0 and the cells are within
    // nlocalsplus.
    let slots = unsafe { crate::frame::Frame::localsplus(frame as *const _ as *mut _) };
    let mut first = unsafe { (*slots).clone() };
    if code.code.localspluskinds[0] & krait_compiler::code::local_kind::CO_FAST_CELL != 0 {
        first = first.and_then(|c| {
            c.payload::<CellObject>()
                .and_then(|c| c.contents.borrow().clone())
        });
    }
    let Some(first) = first else {
        return Err(vm.new_runtime_error("super(): arg[0] deleted"));
    };
    for (i, name) in code.localsplusnames.iter().enumerate() {
        if as_rust_str(name) == "__class__"
            && code.code.localspluskinds[i] & krait_compiler::code::local_kind::CO_FAST_FREE != 0
        {
            let cell = unsafe { (*slots.add(i)).clone() };
            let class = cell.and_then(|c| {
                c.payload::<CellObject>()
                    .and_then(|c| c.contents.borrow().clone())
            });
            return match class {
                Some(c) if c.payload::<TypeObject>().is_some() => Ok((c, Some(first))),
                Some(_) => Err(vm.new_runtime_error("super(): __class__ is not a type")),
                None => Err(vm.new_runtime_error("super(): empty __class__ cell")),
            };
        }
    }
    Err(vm.new_runtime_error("super(): __class__ cell not found"))
}

fn super_getattro(vm: &Vm, s: &Object, name: &Object) -> PyResult {
    let sup = s.payload::<SuperObject>().expect("a super");
    if let Some(start) = &sup.obj_type {
        if as_rust_str(name) != "__class__" {
            let mro = type_payload(start).mro.borrow().clone();
            let after = mro
                .iter()
                .position(|t| t.is(&sup.ty))
                .map_or(mro.len(), |i| i + 1);
            for ty in &mro[after..] {
                if let Some(attr) = type_payload(ty).dict.get_str(vm, name) {
                    return match vm.type_payload_of(&attr).slots.descr_get.get() {
                        Some(get) => {
                            let instance = sup.obj.as_ref().filter(|o| !o.is(start));
                            get(vm, &attr, instance, start)
                        }
                        None => Ok(attr),
                    };
                }
            }
        }
    }
    crate::objects::object::generic_getattr(vm, s, name)
}

/// IMPORT_NAME: `__import__(name, globals, locals, fromlist, level)`,
/// the builtins' own unless a program replaced it.
pub fn import_name(
    vm: &Vm,
    frame: &crate::frame::Frame,
    name: &Object,
    fromlist: &Object,
    level: &Object,
) -> PyResult {
    let Some(import_func) = frame
        .builtins
        .payload::<crate::objects::dict::DictObject>()
        .and_then(|b| b.dict.get_str(vm, &vm.intern("__import__")))
    else {
        return Err(vm.new_exception(&vm.exceptions.import_error, "__import__ not found"));
    };
    let is_builtin = import_func
        .payload::<crate::objects::function::BuiltinFunctionObject>()
        .is_some_and(|f| f.name == "__import__");
    if !is_builtin {
        let locals = frame.locals.clone().unwrap_or_else(|| vm.none.clone());
        let args = [
            name.clone(),
            frame.globals.clone(),
            locals,
            fromlist.clone(),
            level.clone(),
        ];
        return vm.call(&import_func, Args::positional_only(&args));
    }
    let level = level.as_small_int().unwrap_or(0);
    crate::import::import(vm, name, Some(&frame.globals), fromlist, level)
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
fn builtin_import(vm: &Vm, args: Args) -> PyResult {
    let names = ["name", "globals", "locals", "fromlist", "level"];
    let mut values: [Option<Object>; 5] = Default::default();
    let positional = args.positional();
    if positional.len() > 5 {
        return Err(vm.new_type_error(format!(
            "__import__() takes at most 5 arguments ({} given)",
            positional.len()
        )));
    }
    for (slot, value) in values.iter_mut().zip(positional) {
        *slot = Some(value.clone());
    }
    for (key, value) in args.keywords() {
        let key = as_rust_str(key);
        match names.iter().position(|n| *n == key) {
            Some(i) => values[i] = Some(value.clone()),
            None => {
                return Err(vm.new_type_error(format!(
                    "__import__() got an unexpected keyword argument '{key}'"
                )))
            }
        }
    }
    let [name, globals, _, fromlist, level] = values;
    let Some(name) = name else {
        return Err(vm.new_type_error("__import__() missing required argument 'name' (pos 1)"));
    };
    let level = match level {
        Some(l) => crate::objects::int::index_value(vm, &l)?.unwrap_or(0),
        None => 0,
    };
    let fromlist = fromlist.unwrap_or_else(|| vm.empty_tuple.clone());
    let globals = globals.filter(|g| !vm.is_none(g));
    crate::import::import(vm, &name, globals.as_ref(), &fromlist, level)
}
