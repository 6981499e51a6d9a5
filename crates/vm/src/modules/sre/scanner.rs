//! `_sre.SRE_Scanner` (Modules/_sre/sre.c's scanner methods): successive
//! matches over one subject, each starting where the last ended, which
//! is what `finditer` iterates and `re.Scanner` steps through.

use super::engine::State;
use super::pattern::{new_match, new_state, payload as pattern_payload, run, Subject};
use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::bytes::BytesObject;
use crate::objects::str::StrObject;
use crate::typeobject::Args;
use crate::vm::Vm;
use std::borrow::Cow;
use std::cell::RefCell;

/// The payload of a scanner.
#[derive(krait_derive::Traverse)]
pub struct ScannerObject {
    pattern: Object,
    string: Object,
    /// The bytes of a mutable subject as they were when the scanner was
    /// made: CPython holds a buffer export, which keeps them in place.
    #[traverse(skip)]
    frozen: Option<Box<[u8]>>,
    /// Where the next match starts; None once one failed.
    #[traverse(skip)]
    state: RefCell<Option<State>>,
}

pub(crate) fn init(vm: &Vm) {
    let ty = &vm.types.sre_scanner;
    let tp = type_payload(ty);
    tp.dict
        .set_str(vm, vm.names.__module__.clone(), vm.new_str("_sre"));
    tp.slots.new.set(Some(|vm, _, _| {
        Err(vm.new_type_error("cannot create '_sre.SRE_Scanner' instances"))
    }));
    crate::objects::function::add_methods(
        vm,
        ty,
        &[
            ("match", |vm, args| scanner_next(vm, "match", args, false)),
            ("search", |vm, args| scanner_next(vm, "search", args, true)),
        ],
    );
    crate::objects::descr::add_getset(
        vm,
        ty,
        "pattern",
        |_, s| Ok(this(s).pattern.clone()),
        Some(super::pattern::readonly),
    );
    crate::slots::add_slot_wrappers(vm, ty);
}

fn this(s: &Object) -> &ScannerObject {
    s.payload::<ScannerObject>().expect("an SRE_Scanner")
}

/// A scanner of `string` from `pos` to `endpos` (`pattern_scanner`).
pub fn new_scanner(vm: &Vm, pattern: Object, string: Object, pos: i64, endpos: i64) -> PyResult {
    let (_, state) = new_state(vm, pattern_payload(&pattern), &string, pos, endpos)?;
    let immutable =
        string.payload::<StrObject>().is_some() || string.payload::<BytesObject>().is_some();
    let frozen = if immutable {
        None
    } else {
        crate::objects::bytes::bytes_like(&string).map(Vec::into_boxed_slice)
    };
    Ok(object::alloc(
        &vm.types.sre_scanner,
        ScannerObject {
            pattern,
            string,
            frozen,
            state: RefCell::new(Some(state)),
        },
    ))
}

/// `match()` and `search()`: the next match, or None from the first
/// failure on.
fn scanner_next(vm: &Vm, name: &str, args: Args, search: bool) -> PyResult {
    // Keyword arguments are ignored, as CPython's argument parsing
    // for these two does.
    if args.positional().len() > 1 {
        return Err(vm.new_type_error(format!("{name}() takes no arguments")));
    }
    let scanner = this(&args.values[0]);
    let subject = match &scanner.frozen {
        Some(bytes) => Subject::Bytes(Cow::Borrowed(bytes)),
        None => Subject::of(vm, &scanner.string)?,
    };
    let mut slot = scanner.state.borrow_mut();
    let Some(state) = slot.as_mut() else {
        return Ok(vm.none.clone());
    };
    let pattern = pattern_payload(&scanner.pattern);
    if !run(vm, pattern, &subject, state, search)? {
        *slot = None;
        return Ok(vm.none.clone());
    }
    let m = new_match(vm, &scanner.pattern, &scanner.string, state)?;
    state.must_advance = state.ptr == state.start;
    state.start = state.ptr;
    Ok(m)
}
