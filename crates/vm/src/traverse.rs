//! The references an object holds, for the cycle collector
//! (Include/objimpl.h's `traverseproc` and `inquiry`: `tp_traverse` and
//! `tp_clear`).
//!
//! A payload type implements [`Traverse`], almost always by
//! `#[derive(Traverse)]` over its fields (DESIGN.md decision 10); the
//! impls here say what each field type holds:
//!
//! - `traverse` calls `visit` once for every strong reference, and never
//!   for one it does not own: the collector subtracts one from the
//!   referent's count per visit, so a reference visited twice, or one that
//!   is not there, could free a live object. A value it cannot look at
//!   (a `RefCell` borrowed for writing) is skipped, which only keeps its
//!   referents alive.
//! - `clear` gives up the references it can reach through a shared
//!   borrow (the contents of cells), to break a cycle of garbage; what it
//!   gives up goes into [`Cleared`], dropped once no borrow is held.
//! - `take_refs` does the same given the value itself, inside a cell
//!   being cleared: containers are emptied, an `Object` becomes None.

use crate::object::Object;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

/// The references and containers a clear took out, dropped together
/// after it, so that no `RefCell` is borrowed when the objects they
/// free run their finalizers.
#[derive(Default)]
pub struct Cleared(Vec<Box<dyn std::any::Any>>);

impl Cleared {
    pub fn keep<T: 'static>(&mut self, value: T) {
        self.0.push(Box::new(value));
    }
}

/// The references a value holds.
///
/// # Safety
/// `traverse` must visit each strong reference the value owns at most
/// once, and nothing else.
pub unsafe trait Traverse {
    /// Whether values of the type can hold a reference at all.
    const HOLDS_REFS: bool;

    /// Calls `visit` on each reference held (`tp_traverse`).
    fn traverse(&self, visit: &mut dyn FnMut(&Object));

    /// Gives up the references reachable through a shared borrow
    /// (`tp_clear`).
    fn clear(&self, vm: &Vm, out: &mut Cleared);

    /// Gives up the references of a value being cleared in place.
    fn take_refs(&mut self, vm: &Vm, out: &mut Cleared);
}

// SAFETY: an `Object` is one reference.
unsafe impl Traverse for Object {
    const HOLDS_REFS: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Object)) {
        visit(self)
    }

    fn clear(&self, _: &Vm, _: &mut Cleared) {}

    fn take_refs(&mut self, vm: &Vm, out: &mut Cleared) {
        out.keep(std::mem::replace(self, vm.none.clone()));
    }
}

// SAFETY: a raised exception is one reference.
unsafe impl Traverse for crate::errors::PyErr {
    const HOLDS_REFS: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Object)) {
        visit(&self.0)
    }

    fn clear(&self, _: &Vm, _: &mut Cleared) {}

    fn take_refs(&mut self, vm: &Vm, out: &mut Cleared) {
        self.0.take_refs(vm, out)
    }
}

// SAFETY: the contents, if any.
unsafe impl<T: Traverse + 'static> Traverse for Option<T> {
    const HOLDS_REFS: bool = T::HOLDS_REFS;

    fn traverse(&self, visit: &mut dyn FnMut(&Object)) {
        if let Some(value) = self {
            value.traverse(visit)
        }
    }

    fn clear(&self, vm: &Vm, out: &mut Cleared) {
        if let Some(value) = self {
            value.clear(vm, out)
        }
    }

    fn take_refs(&mut self, _: &Vm, out: &mut Cleared) {
        if T::HOLDS_REFS {
            if let Some(value) = self.take() {
                out.keep(value)
            }
        }
    }
}

macro_rules! sequence_impls {
    ($($ty:ty),*) => {$(
        // SAFETY: each element's references.
        unsafe impl<T: Traverse + 'static> Traverse for $ty {
            const HOLDS_REFS: bool = T::HOLDS_REFS;

            fn traverse(&self, visit: &mut dyn FnMut(&Object)) {
                if T::HOLDS_REFS {
                    self.iter().for_each(|item| item.traverse(visit))
                }
            }

            fn clear(&self, vm: &Vm, out: &mut Cleared) {
                if T::HOLDS_REFS {
                    self.iter().for_each(|item| item.clear(vm, out))
                }
            }

            fn take_refs(&mut self, _: &Vm, out: &mut Cleared) {
                if T::HOLDS_REFS {
                    out.keep(std::mem::take(self))
                }
            }
        }
    )*};
}

sequence_impls!(Vec<T>, Box<[T]>, std::collections::VecDeque<T>);

// SAFETY: the boxed value's references.
unsafe impl<T: Traverse + 'static> Traverse for Box<T> {
    const HOLDS_REFS: bool = T::HOLDS_REFS;

    fn traverse(&self, visit: &mut dyn FnMut(&Object)) {
        (**self).traverse(visit)
    }

    fn clear(&self, vm: &Vm, out: &mut Cleared) {
        (**self).clear(vm, out)
    }

    fn take_refs(&mut self, vm: &Vm, out: &mut Cleared) {
        (**self).take_refs(vm, out)
    }
}

macro_rules! tuple_impls {
    ($(($($name:ident),*)),*) => {$(
        // SAFETY: each member's references.
        #[allow(non_snake_case)]
        unsafe impl<$($name: Traverse),*> Traverse for ($($name,)*) {
            const HOLDS_REFS: bool = false $(|| $name::HOLDS_REFS)*;

            fn traverse(&self, visit: &mut dyn FnMut(&Object)) {
                let ($($name,)*) = self;
                $($name.traverse(visit);)*
            }

            fn clear(&self, vm: &Vm, out: &mut Cleared) {
                let ($($name,)*) = self;
                $($name.clear(vm, out);)*
            }

            fn take_refs(&mut self, vm: &Vm, out: &mut Cleared) {
                let ($($name,)*) = self;
                $($name.take_refs(vm, out);)*
            }
        }
    )*};
}

tuple_impls!((A, B), (A, B, C));

// SAFETY: the contents, when they can be borrowed; a cell borrowed for
// writing is being changed by the code that borrowed it, and its
// referents are kept alive by being skipped.
unsafe impl<T: Traverse> Traverse for RefCell<T> {
    const HOLDS_REFS: bool = T::HOLDS_REFS;

    fn traverse(&self, visit: &mut dyn FnMut(&Object)) {
        if T::HOLDS_REFS {
            if let Ok(value) = self.try_borrow() {
                value.traverse(visit)
            }
        }
    }

    fn clear(&self, vm: &Vm, out: &mut Cleared) {
        if T::HOLDS_REFS {
            if let Ok(mut value) = self.try_borrow_mut() {
                value.take_refs(vm, out)
            }
        }
    }

    fn take_refs(&mut self, vm: &Vm, out: &mut Cleared) {
        self.get_mut().take_refs(vm, out)
    }
}

// SAFETY: the reference a cell holds; it is taken out to be looked at,
// and nothing else runs meanwhile.
unsafe impl Traverse for Cell<Option<Object>> {
    const HOLDS_REFS: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Object)) {
        let value = self.take();
        if let Some(object) = &value {
            visit(object)
        }
        self.set(value);
    }

    fn clear(&self, _: &Vm, out: &mut Cleared) {
        if let Some(value) = self.take() {
            out.keep(value)
        }
    }

    fn take_refs(&mut self, _: &Vm, out: &mut Cleared) {
        if let Some(value) = self.get_mut().take() {
            out.keep(value)
        }
    }
}

/// Types that hold no reference.
macro_rules! leaf_impls {
    ($($ty:ty),*) => {$(
        // SAFETY: no reference to visit.
        unsafe impl Traverse for $ty {
            const HOLDS_REFS: bool = false;
            fn traverse(&self, _: &mut dyn FnMut(&Object)) {}
            fn clear(&self, _: &Vm, _: &mut Cleared) {}
            fn take_refs(&mut self, _: &Vm, _: &mut Cleared) {}
        }
    )*};
}

leaf_impls!(
    (),
    bool,
    u8,
    u16,
    u32,
    u64,
    usize,
    i32,
    i64,
    isize,
    f64,
    String,
    Box<str>,
    &'static str,
    dashu_int::IBig,
    Cell<bool>,
    Cell<u16>,
    Cell<u32>,
    Cell<u64>,
    Cell<usize>,
    Cell<i8>,
    Cell<i32>,
    Cell<i64>,
    Cell<isize>,
    Cell<Option<usize>>,
    Cell<Option<i64>>,
    Cell<*const crate::object::ObjectHeader>
);
