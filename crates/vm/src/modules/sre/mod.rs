//! `_sre` (Modules/_sre/): the regular expression engine under
//! CPython's own Lib/re, which parses a pattern and compiles it to a
//! list of opcodes in Python and hands the list to `_sre.compile`.
//!
//! - [`constants`]: the opcode numbers and flags (sre_constants.h);
//! - [`chars`]: character categories and case (sre.c's predicates);
//! - [`charset`]: set membership, with a byte table per set;
//! - [`validate`]: the check of a code list before it may run;
//! - [`engine`]: matching and searching (sre_lib.h);
//! - [`pattern`], [`match_object`], [`scanner`]: the `re.Pattern`,
//!   `re.Match` and `_sre.SRE_Scanner` objects (the rest of sre.c).
//!
//! This file is the module itself: its constants and the functions
//! `compile`, `getcodesize` and the case helpers the compiler uses.

mod chars;
mod charset;
mod constants;
mod engine;
pub mod match_object;
pub mod pattern;
pub mod scanner;
mod validate;

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::dict::DictObject;
use crate::objects::function::{check_function_arity, NativeFn};
use crate::objects::getargs::{bind, clinic_type_name, int_arg, ssize_arg};
use crate::objects::int::{int_value, IntValue};
use crate::objects::list::ListObject;
use crate::objects::tuple::TupleObject;
use crate::typeobject::Args;
use crate::vm::Vm;
use constants::{CODESIZE, MAGIC, MAXGROUPS, MAXREPEAT};
use pattern::{PatternObject, Subject};

/// Fills in the slots and methods of the module's types, at start-up
/// with the builtin types.
pub(crate) fn init_types(vm: &Vm) {
    pattern::init(vm);
    match_object::init(vm);
    scanner::init(vm);
}

/// Builds the `_sre` module.
pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let set = |name: &str, value: Object| super::set_attr(vm, module, name, value);
    set("MAGIC", vm.new_int(MAGIC));
    set("CODESIZE", vm.new_int(CODESIZE));
    set("MAXREPEAT", vm.new_int(i64::from(MAXREPEAT)));
    set("MAXGROUPS", vm.new_int(MAXGROUPS as i64));
    set(
        "copyright",
        vm.new_str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "),
    );
    let functions: &[(&'static str, NativeFn)] = &[
        ("compile", sre_compile),
        ("getcodesize", |vm, args| {
            check_function_arity(vm, "_sre.getcodesize", args, 0, 0)?;
            Ok(vm.new_int(CODESIZE))
        }),
        ("ascii_iscased", |vm, args| {
            let ch = character(vm, "_sre.ascii_iscased", args)?;
            Ok(vm.new_bool(chars::ascii_iscased(ch)))
        }),
        ("unicode_iscased", |vm, args| {
            let ch = character(vm, "_sre.unicode_iscased", args)?;
            Ok(vm.new_bool(chars::unicode_iscased(ch)))
        }),
        ("ascii_tolower", |vm, args| {
            let ch = character(vm, "_sre.ascii_tolower", args)?;
            Ok(vm.new_int(i64::from(chars::lower_ascii(ch) as i32)))
        }),
        ("unicode_tolower", |vm, args| {
            let ch = character(vm, "_sre.unicode_tolower", args)?;
            Ok(vm.new_int(i64::from(chars::lower_unicode(ch) as i32)))
        }),
    ];
    super::add_functions(vm, module, functions);
    Ok(())
}

/// The one `character: int` argument of the case helpers, as the C
/// `unsigned int` they take.
fn character(vm: &Vm, name: &str, args: Args) -> PyResult<u32> {
    check_function_arity(vm, name, args, 1, 1)?;
    Ok(int_arg(vm, &args.values[0])? as u32)
}

/// `compile(pattern, flags, code, groups, groupindex, indexgroup)`: a
/// `re.Pattern` running `code`, once the code is checked.
fn sre_compile(vm: &Vm, args: Args) -> PyResult {
    let names = [
        "pattern",
        "flags",
        "code",
        "groups",
        "groupindex",
        "indexgroup",
    ];
    let bound = bind(vm, "compile", args, false, &names, 6)?;
    let arg = |i: usize| bound[i].clone().expect("bound as required");
    let of_type = |i: usize, ok: bool, ty: &str| -> PyResult<Object> {
        let value = arg(i);
        if ok {
            return Ok(value);
        }
        Err(vm.new_type_error(format!(
            "compile() argument '{}' must be {ty}, not {}",
            names[i],
            clinic_type_name(vm, &value)
        )))
    };
    let source = arg(0);
    let flags = int_arg(vm, &arg(1))?;
    let code = of_type(2, arg(2).payload::<ListObject>().is_some(), "list")?;
    let groups = ssize_arg(vm, &arg(3))?;
    let groupindex = of_type(4, arg(4).payload::<DictObject>().is_some(), "dict")?;
    let indexgroup = of_type(5, arg(5).payload::<TupleObject>().is_some(), "tuple")?;

    let words = crate::objects::list::list_of(&code).to_vec();
    let mut code = Vec::with_capacity(words.len());
    for word in &words {
        code.push(code_word(vm, word)?);
    }
    let is_bytes = if vm.is_none(&source) {
        None
    } else {
        Some(Subject::of(vm, &source)?.is_bytes())
    };
    let named = !crate::objects::dict::dict_of(&groupindex).is_empty();
    let has_names = named
        && indexgroup
            .payload::<TupleObject>()
            .is_some_and(|t| !t.items().is_empty());
    let Ok(groups) = usize::try_from(groups) else {
        return Err(invalid_code(vm));
    };
    let sets = validate::validate(&code, groups).map_err(|e| match e {
        validate::Invalid::Code => invalid_code(vm),
        validate::Invalid::TooDeep => vm.new_exception(
            &vm.exceptions.recursion_error,
            "maximum recursion depth exceeded",
        ),
    })?;
    Ok(crate::object::alloc(
        &vm.types.sre_pattern,
        PatternObject {
            pattern: source,
            flags: i64::from(flags),
            program: engine::Program {
                sets: charset::SetTables::new(&code, &sets),
                code: code.into_boxed_slice(),
            },
            groups,
            groupindex: named.then_some(groupindex),
            indexgroup: has_names.then_some(indexgroup),
            is_bytes,
        },
    ))
}

fn invalid_code(vm: &Vm) -> crate::errors::PyErr {
    vm.new_runtime_error("invalid SRE code")
}

/// One word of a code list: an int that fits 32 bits, with the messages
/// of `PyLong_AsUnsignedLong` and of sre.c otherwise.
fn code_word(vm: &Vm, word: &Object) -> PyResult<u32> {
    let negative = || vm.new_overflow_error("can't convert negative value to unsigned int");
    let value: u64 = match int_value(word) {
        Some(IntValue::Small(v)) => u64::try_from(v).map_err(|_| negative())?,
        Some(IntValue::Big(b)) => {
            if b.sign() == dashu_int::Sign::Negative {
                return Err(negative());
            }
            u64::try_from(b).map_err(|_| {
                vm.new_overflow_error("Python int too large to convert to C unsigned long")
            })?
        }
        None => return Err(vm.new_type_error("an integer is required")),
    };
    u32::try_from(value)
        .map_err(|_| vm.new_overflow_error("regular expression code size limit exceeded"))
}
