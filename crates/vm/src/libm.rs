//! The C library's math functions that Rust's std does not offer, or
//! computes with its own formulas: CPython's `math` calls the platform's
//! libm for these, so calling the same one gives the same bits.
//!
//! Rust's std already links the C math library on every platform Krait
//! builds for (its own `sin`, `exp`, `powf`... are calls into it).

mod ffi {
    extern "C" {
        pub fn asinh(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;
        pub fn erf(x: f64) -> f64;
        pub fn erfc(x: f64) -> f64;
        pub fn ldexp(x: f64, exp: i32) -> f64;
    }
}

pub fn asinh(x: f64) -> f64 {
    // SAFETY: a pure C99 function of a double, defined for every input.
    unsafe { ffi::asinh(x) }
}

pub fn acosh(x: f64) -> f64 {
    // SAFETY: a pure C99 function of a double, defined for every input.
    unsafe { ffi::acosh(x) }
}

pub fn atanh(x: f64) -> f64 {
    // SAFETY: a pure C99 function of a double, defined for every input.
    unsafe { ffi::atanh(x) }
}

pub fn erf(x: f64) -> f64 {
    // SAFETY: a pure C99 function of a double, defined for every input.
    unsafe { ffi::erf(x) }
}

pub fn erfc(x: f64) -> f64 {
    // SAFETY: a pure C99 function of a double, defined for every input.
    unsafe { ffi::erfc(x) }
}

/// `x * 2**exp`, rounded once.
pub fn ldexp(x: f64, exp: i32) -> f64 {
    // SAFETY: a pure C99 function of a double and an int, defined for
    // every input.
    unsafe { ffi::ldexp(x, exp) }
}
