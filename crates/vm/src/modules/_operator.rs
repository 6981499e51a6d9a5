//! The `_operator` module (Modules/_operator.c). Lib's operator.py
//! defines the operator functions in Python and takes faster ones from
//! here when they exist; so far this module gives `_compare_digest`,
//! which hmac and secrets need and operator.py has no Python version of.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::bytes::bytes_view;
use crate::objects::str::as_rust_str;
use crate::typeobject::Args;
use crate::vm::Vm;

const DOC: &str = "Operator interface.

This module exports a set of functions implemented in C corresponding
to the intrinsic operators of Python.  For example, operator.add(x, y)
is equivalent to the expression x+y.  The function names are those
used for special methods; variants without leading and trailing
'__' are also provided for convenience.";

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    super::set_attr(vm, module, "__doc__", vm.new_str(DOC));
    super::add_functions(vm, module, &[("_compare_digest", compare_digest)]);
    Ok(())
}

/// `_compare_digest(a, b)`: whether two ASCII strs or two bytes-like
/// objects are equal, in a time that depends on their lengths only, so
/// that comparing secrets does not tell where they differ.
fn compare_digest(vm: &Vm, args: Args) -> PyResult {
    if args.values.len() != 2 || args.has_keywords() {
        return Err(vm.new_type_error(format!(
            "_compare_digest expected 2 arguments, got {}",
            args.values.len()
        )));
    }
    let (a, b) = (&args.values[0], &args.values[1]);
    let is_str = |o: &Object| vm.is_instance(o, &vm.types.str);
    let equal = match (is_str(a), is_str(b)) {
        (true, true) => {
            let (a, b) = (as_rust_str(a), as_rust_str(b));
            if !a.is_ascii() || !b.is_ascii() {
                return Err(vm.new_type_error(
                    "comparing strings with non-ASCII characters is not supported",
                ));
            }
            constant_time_equal(a.as_bytes(), b.as_bytes())
        }
        _ => match (bytes_view(a), bytes_view(b)) {
            (Some(a), Some(b)) => constant_time_equal(&a, &b),
            (None, None) => {
                return Err(vm.new_type_error(format!(
                    "unsupported operand types(s) or combination of types: '{}' and '{}'",
                    vm.type_name(a),
                    vm.type_name(b)
                )))
            }
            (None, _) => return Err(not_bytes_like(vm, a)),
            (_, None) => return Err(not_bytes_like(vm, b)),
        },
    };
    Ok(vm.new_bool(equal))
}

fn not_bytes_like(vm: &Vm, o: &Object) -> crate::errors::PyErr {
    vm.new_type_error(format!(
        "a bytes-like object is required, not '{}'",
        vm.type_name(o)
    ))
}

/// Compares every byte of `b` whatever the outcome (`_tscmp`).
fn constant_time_equal(a: &[u8], b: &[u8]) -> bool {
    let mut difference = u8::from(a.len() != b.len());
    let left = if a.len() == b.len() { a } else { b };
    for (x, y) in left.iter().zip(b) {
        difference |= x ^ y;
    }
    difference == 0
}
