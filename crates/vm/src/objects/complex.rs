//! `complex` (Objects/complexobject.c).

use crate::object::{self, type_payload, Object};
use crate::objects::float::float_repr;
use crate::vm::Vm;

pub struct ComplexObject {
    pub real: f64,
    pub imag: f64,
}

pub fn new_complex(vm: &Vm, real: f64, imag: f64) -> Object {
    object::alloc(&vm.types.complex, ComplexObject { real, imag })
}

/// `repr(complex)`: `1j`, `(1+2j)`, with the parts as float reprs
/// without a trailing `.0`.
pub fn complex_repr(real: f64, imag: f64) -> String {
    let part = |x: f64| {
        let s = float_repr(x);
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    };
    if real == 0.0 && real.is_sign_positive() {
        return format!("{}j", part(imag));
    }
    let sign = if imag.is_sign_negative() || imag.is_nan() && imag.is_sign_negative() {
        ""
    } else {
        "+"
    };
    format!("({}{sign}{}j)", part(real), part(imag))
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.complex);
    tp.slots.repr.set(Some(|vm, c| {
        let c = c.payload::<ComplexObject>().expect("a complex");
        Ok(vm.new_str(&complex_repr(c.real, c.imag)))
    }));
    crate::slots::add_slot_wrappers(vm, &vm.types.complex);
}
