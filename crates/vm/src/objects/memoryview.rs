//! `memoryview` (Objects/memoryobject.c) over the bytes-like objects
//! Krait has, bytes and bytearray: a one-dimensional view of unsigned
//! bytes (format 'B'), sliced by start, length and step, read-only over
//! bytes and writable over bytearray. The view reads its object's bytes
//! when used rather than pinning a buffer.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::bytearray::ByteArrayObject;
use crate::objects::bytes::{bytes_view, BytesObject};
use crate::objects::function::{add_methods, check_arity};
use crate::typeobject::CompareOp;
use crate::vm::Vm;
use std::borrow::Cow;
use std::cell::Cell;

#[derive(krait_derive::Traverse)]
pub struct MemoryViewObject {
    /// The bytes or bytearray viewed.
    obj: Object,
    #[traverse(skip)]
    start: usize,
    #[traverse(skip)]
    len: usize,
    #[traverse(skip)]
    step: isize,
    #[traverse(skip)]
    released: Cell<bool>,
}

impl MemoryViewObject {
    fn readonly(&self) -> bool {
        self.obj.payload::<ByteArrayObject>().is_none()
    }

    /// The index in the object's bytes of the view's `i`-th byte.
    fn position(&self, i: usize) -> usize {
        (self.start as isize + i as isize * self.step) as usize
    }

    /// The bytes the view shows, copied out.
    fn bytes(&self) -> Vec<u8> {
        let all = bytes_view(&self.obj).unwrap_or(Cow::Borrowed(&[]));
        (0..self.len)
            .filter_map(|i| all.get(self.position(i)).copied())
            .collect()
    }
}

/// The bytes of a memoryview, for `bytes_like`.
pub fn memoryview_bytes(o: &Object) -> Option<Vec<u8>> {
    o.payload::<MemoryViewObject>()
        .filter(|m| !m.released.get())
        .map(MemoryViewObject::bytes)
}

fn view<'a>(vm: &Vm, o: &'a Object) -> PyResult<&'a MemoryViewObject> {
    let m = o
        .payload::<MemoryViewObject>()
        .ok_or_else(|| vm.new_type_error("descriptor requires a 'memoryview' object"))?;
    if m.released.get() {
        return Err(vm.new_value_error("operation forbidden on released memoryview object"));
    }
    Ok(m)
}

/// `memoryview(object)`.
pub fn new_memoryview(vm: &Vm, obj: &Object) -> PyResult {
    if let Some(m) = obj.payload::<MemoryViewObject>() {
        let m = view(vm, obj).map(|_| m)?;
        return Ok(object::alloc(
            &vm.types.memoryview,
            MemoryViewObject {
                obj: m.obj.clone(),
                start: m.start,
                len: m.len,
                step: m.step,
                released: Cell::new(false),
            },
        ));
    }
    let len = if let Some(b) = obj.payload::<BytesObject>() {
        b.bytes.len()
    } else if let Some(b) = obj.payload::<ByteArrayObject>() {
        b.bytes.borrow().len()
    } else {
        return Err(vm.new_type_error(format!(
            "memoryview: a bytes-like object is required, not '{}'",
            vm.type_name(obj)
        )));
    };
    Ok(object::alloc(
        &vm.types.memoryview,
        MemoryViewObject {
            obj: obj.clone(),
            start: 0,
            len,
            step: 1,
            released: Cell::new(false),
        },
    ))
}

pub(crate) fn init(vm: &Vm) {
    let ty = &vm.types.memoryview;
    let tp = type_payload(ty);
    tp.slots.new.set(Some(|vm, _, args| {
        let bound = crate::objects::getargs::bind(vm, "memoryview", args, false, &["object"], 1)?;
        new_memoryview(vm, bound[0].as_ref().expect("required"))
    }));
    tp.slots.repr.set(Some(|vm, o| {
        let m = o.payload::<MemoryViewObject>().expect("a memoryview");
        let released = if m.released.get() { "released " } else { "" };
        Ok(vm.new_str(&format!("<{released}memory at {:#x}>", o.id())))
    }));
    tp.slots.length.set(Some(|vm, o| Ok(view(vm, o)?.len)));
    tp.slots.getitem.set(Some(memoryview_getitem));
    tp.slots.setitem.set(Some(memoryview_setitem));
    tp.slots.richcompare.set(Some(|vm, a, b, op| {
        if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
            return Ok(vm.not_implemented.clone());
        }
        let m = a.payload::<MemoryViewObject>().expect("a memoryview");
        // A released view equals only itself.
        if m.released.get() {
            return Ok(vm.new_bool(a.is(b) == matches!(op, CompareOp::Eq)));
        }
        let Some(other) = crate::objects::bytes::bytes_like(b) else {
            return Ok(vm.not_implemented.clone());
        };
        Ok(vm.new_bool((m.bytes() == other) == matches!(op, CompareOp::Eq)))
    }));
    tp.slots.hash.set(Some(|vm, o| {
        let m = view(vm, o)?;
        if !m.readonly() {
            return Err(vm.new_value_error("cannot hash writable memoryview object"));
        }
        vm.hash(&crate::objects::bytes::new_bytes(vm, m.bytes()))
    }));
    add_methods(
        vm,
        ty,
        &[
            ("tobytes", |vm, args| {
                check_arity(vm, "tobytes", args, 1, 2)?;
                Ok(crate::objects::bytes::new_bytes(
                    vm,
                    view(vm, &args.values[0])?.bytes(),
                ))
            }),
            ("tolist", |vm, args| {
                check_arity(vm, "tolist", args, 1, 1)?;
                let items = view(vm, &args.values[0])?
                    .bytes()
                    .into_iter()
                    .map(|b| vm.new_int(b.into()))
                    .collect();
                Ok(vm.new_list(items))
            }),
            ("hex", |vm, args| {
                check_arity(vm, "hex", args, 1, 1)?;
                let text: String = view(vm, &args.values[0])?
                    .bytes()
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect();
                Ok(vm.new_str(&text))
            }),
            ("release", |vm, args| {
                check_arity(vm, "release", args, 1, 1)?;
                release(vm, &args.values[0])
            }),
            ("__enter__", |vm, args| {
                check_arity(vm, "__enter__", args, 1, 1)?;
                view(vm, &args.values[0])?;
                Ok(args.values[0].clone())
            }),
            ("__exit__", |vm, args| {
                check_arity(vm, "__exit__", args, 1, 4)?;
                release(vm, &args.values[0])
            }),
        ],
    );
    let getters: &[(&'static str, crate::objects::descr::Getter)] = &[
        ("obj", |vm, o| Ok(view(vm, o)?.obj.clone())),
        ("nbytes", |vm, o| Ok(vm.new_int(view(vm, o)?.len as i64))),
        ("readonly", |vm, o| Ok(vm.new_bool(view(vm, o)?.readonly()))),
        ("itemsize", |vm, o| view(vm, o).map(|_| vm.new_int(1))),
        ("format", |vm, o| view(vm, o).map(|_| vm.new_str("B"))),
        ("ndim", |vm, o| view(vm, o).map(|_| vm.new_int(1))),
        ("shape", |vm, o| {
            let len = view(vm, o)?.len;
            Ok(vm.new_tuple(vec![vm.new_int(len as i64)]))
        }),
        ("strides", |vm, o| {
            let step = view(vm, o)?.step;
            Ok(vm.new_tuple(vec![vm.new_int(step as i64)]))
        }),
        ("suboffsets", |vm, o| {
            view(vm, o).map(|_| vm.empty_tuple.clone())
        }),
        ("c_contiguous", |vm, o| {
            Ok(vm.new_bool(contiguous(view(vm, o)?)))
        }),
        ("f_contiguous", |vm, o| {
            Ok(vm.new_bool(contiguous(view(vm, o)?)))
        }),
        ("contiguous", |vm, o| {
            Ok(vm.new_bool(contiguous(view(vm, o)?)))
        }),
    ];
    for &(name, get) in getters {
        crate::objects::descr::add_getset(vm, ty, name, get, None);
    }
    crate::slots::add_slot_wrappers(vm, ty);
}

fn contiguous(m: &MemoryViewObject) -> bool {
    m.step == 1 || m.len <= 1
}

fn release(vm: &Vm, o: &Object) -> PyResult {
    if let Some(m) = o.payload::<MemoryViewObject>() {
        m.released.set(true);
    }
    Ok(vm.none.clone())
}

fn memoryview_getitem(vm: &Vm, o: &Object, key: &Object) -> PyResult {
    let m = view(vm, o)?;
    if let Some(slice) = key.payload::<crate::objects::slice::SliceObject>() {
        let (_, _, step) = slice.resolve(vm, m.len)?;
        let positions: Vec<usize> = slice.indices(vm, m.len)?.collect();
        return Ok(object::alloc(
            &vm.types.memoryview,
            MemoryViewObject {
                obj: m.obj.clone(),
                start: positions.first().map_or(m.start, |&i| m.position(i)),
                len: positions.len(),
                step: m.step * step as isize,
                released: Cell::new(false),
            },
        ));
    }
    let i = index(vm, m, key)?;
    let byte = m.bytes()[i];
    Ok(vm.new_int(byte.into()))
}

/// The position of an integer index, with memoryview's messages.
fn index(vm: &Vm, m: &MemoryViewObject, key: &Object) -> PyResult<usize> {
    let Some(i) = crate::objects::int::index_value(vm, key)? else {
        return Err(vm.new_type_error("memoryview: invalid slice key"));
    };
    let i = if i < 0 { i + m.len as i64 } else { i };
    if i < 0 || i >= m.len as i64 {
        return Err(vm.new_index_error("index out of bounds on dimension 1"));
    }
    Ok(i as usize)
}

fn memoryview_setitem(vm: &Vm, o: &Object, key: &Object, value: Option<&Object>) -> PyResult<()> {
    let m = view(vm, o)?;
    let Some(target) = m.obj.payload::<ByteArrayObject>() else {
        return Err(vm.new_type_error("cannot modify read-only memory"));
    };
    let Some(value) = value else {
        return Err(vm.new_type_error("cannot delete memory"));
    };
    if let Some(slice) = key.payload::<crate::objects::slice::SliceObject>() {
        let positions: Vec<usize> = slice.indices(vm, m.len)?.collect();
        let Some(data) = crate::objects::bytes::bytes_like(value) else {
            return Err(vm.new_type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(value)
            )));
        };
        if data.len() != positions.len() {
            return Err(vm.new_value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        let mut bytes = target.bytes.borrow_mut();
        for (i, byte) in positions.into_iter().zip(data) {
            if let Some(slot) = bytes.get_mut(m.position(i)) {
                *slot = byte;
            }
        }
        return Ok(());
    }
    let i = index(vm, m, key)?;
    let byte = match crate::objects::int::index_value(vm, value)? {
        Some(b) if (0..=255).contains(&b) => b as u8,
        Some(_) => return Err(vm.new_value_error("memoryview: invalid value for format 'B'")),
        None => return Err(vm.new_type_error("memoryview: invalid type for format 'B'")),
    };
    let at = m.position(i);
    if let Some(slot) = target.bytes.borrow_mut().get_mut(at) {
        *slot = byte;
    }
    Ok(())
}
