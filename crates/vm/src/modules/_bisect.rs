//! `_bisect` (Modules/_bisectmodule.c): binary search of sorted
//! sequences and insertion that keeps them sorted, with an optional
//! key function; Lib/bisect.py re-exports it.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::function::NativeFn;
use crate::objects::getargs::ssize_arg;
use crate::objects::int::bind_args;
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    super::set_attr(
        vm,
        module,
        "__doc__",
        vm.new_str("Bisection algorithms.\n\nThis module provides support for maintaining a list in sorted order without\nhaving to sort the list after each insertion. For long lists of items with\nexpensive comparison operations, this can be an improvement over the more\ncommon approach.\n"),
    );
    super::add_functions(vm, module, FUNCTIONS);
    Ok(())
}

static FUNCTIONS: &[(&str, NativeFn)] = &[
    ("bisect_right", |vm, args| {
        let search = parse(vm, "bisect_right", args)?;
        Ok(vm.new_int(search.run(vm, &search.x, Side::Right)?))
    }),
    ("bisect_left", |vm, args| {
        let search = parse(vm, "bisect_left", args)?;
        Ok(vm.new_int(search.run(vm, &search.x, Side::Left)?))
    }),
    ("insort_right", |vm, args| {
        insort(vm, "insort_right", args, Side::Right)
    }),
    ("insort_left", |vm, args| {
        insort(vm, "insort_left", args, Side::Left)
    }),
];

/// Which end of a run of equal items the search finds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Right,
}

/// The arguments of a search: `(a, x, lo=0, hi=None, *, key=None)`.
struct Search {
    a: Object,
    x: Object,
    lo: i64,
    /// None for the length of `a`.
    hi: Option<i64>,
    key: Option<Object>,
}

/// Binds a search's arguments; `hi` None, or -1 as CPython takes it,
/// is the length of `a`.
fn parse(vm: &Vm, name: &str, args: Args) -> PyResult<Search> {
    let bound = bind_args(vm, name, args, &["a", "x", "lo", "hi", "key"], 4, 2)?;
    let a = bound[0].clone().expect("required");
    let x = bound[1].clone().expect("required");
    let lo = match &bound[2] {
        Some(lo) => ssize_arg(vm, lo)?,
        None => 0,
    };
    let hi = match &bound[3] {
        Some(hi) if !vm.is_none(hi) => Some(ssize_arg(vm, hi)?).filter(|&h| h != -1),
        _ => None,
    };
    let key = bound[4].clone().filter(|k| !vm.is_none(k));
    Ok(Search { a, x, lo, hi, key })
}

impl Search {
    /// Where `x` (a key, if there is a key function) goes in `a`.
    fn run(&self, vm: &Vm, x: &Object, side: Side) -> PyResult<i64> {
        let mut lo = self.lo;
        if lo < 0 {
            return Err(vm.new_value_error("lo must be non-negative"));
        }
        let mut hi = match self.hi {
            Some(hi) => hi,
            None => vm.len(&self.a)? as i64,
        };
        while lo < hi {
            // lo + hi cannot overflow: both are at most isize::MAX.
            let mid = ((lo as u64 + hi as u64) / 2) as i64;
            let mut item = vm.getitem(&self.a, &vm.new_int(mid))?;
            if let Some(key) = &self.key {
                item = vm.call(key, Args::positional_only(std::slice::from_ref(&item)))?;
            }
            let go_left = match side {
                Side::Right => vm.compare_bool(x, &item, CompareOp::Lt)?,
                Side::Left => !vm.compare_bool(&item, x, CompareOp::Lt)?,
            };
            if go_left {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Ok(lo)
    }
}

/// `insort(a, x, lo=0, hi=None, *, key=None)`: inserts with the list's
/// own insert, or the sequence's `insert` method.
fn insort(vm: &Vm, name: &str, args: Args, side: Side) -> PyResult {
    let search = parse(vm, name, args)?;
    let probe = match &search.key {
        Some(key) => vm.call(key, Args::positional_only(std::slice::from_ref(&search.x)))?,
        None => search.x.clone(),
    };
    let i = search.run(vm, &probe, side)?;
    vm.call_method(&search.a, "insert", &[vm.new_int(i), search.x.clone()])?;
    Ok(vm.none.clone())
}
