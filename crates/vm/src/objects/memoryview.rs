//! `memoryview` (Objects/memoryobject.c) over the bytes-like objects
//! Krait has: bytes, bytearray and array.array. A view has a format (a
//! native single-character struct format), an item size, a shape and
//! strides in bytes from its first item; slicing makes views of the
//! first dimension, `cast` reinterprets a C-contiguous view. Items are
//! unpacked by the struct module's native unpacking. The view reads its
//! object's bytes when used rather than pinning a buffer.

use crate::errors::{PyErr, PyResult};
use crate::object::{self, type_payload, Object};
use crate::objects::bytearray::ByteArrayObject;
use crate::objects::bytes::{bytes_view, new_bytes, BytesObject};
use crate::objects::function::{add_methods, check_arity};
use crate::objects::getargs::{bind, str_arg};
use crate::objects::int::{index_value, int_value};
use crate::objects::slice::SliceObject;
use crate::objects::tuple::tuple_items;
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use std::borrow::Cow;
use std::cell::Cell;

/// CPython's limit on a view's dimensions (`PyBUF_MAX_NDIM`).
const MAX_NDIM: usize = 64;

#[derive(krait_derive::Traverse)]
pub struct MemoryViewObject {
    /// The bytes, bytearray or array viewed.
    obj: Object,
    /// The offset in the object's bytes of the first item.
    #[traverse(skip)]
    start: usize,
    #[traverse(skip)]
    shape: Vec<usize>,
    /// Bytes from one item to the next, per dimension.
    #[traverse(skip)]
    strides: Vec<isize>,
    /// As given to `cast`: one native format character, perhaps after '@'.
    #[traverse(skip)]
    format: String,
    #[traverse(skip)]
    itemsize: usize,
    #[traverse(skip)]
    readonly: bool,
    #[traverse(skip)]
    released: Cell<bool>,
}

impl MemoryViewObject {
    /// The format character, without its '@'.
    fn code(&self) -> u8 {
        self.format.bytes().last().unwrap_or(b'B')
    }

    fn item_count(&self) -> usize {
        self.shape.iter().product()
    }

    fn nbytes(&self) -> usize {
        self.item_count() * self.itemsize
    }

    /// The offsets in the object's bytes of every item, last dimension
    /// varying fastest (C order) or first dimension fastest (Fortran).
    fn offsets(&self, fortran: bool) -> Vec<usize> {
        let mut offsets = vec![self.start as isize];
        let mut dims: Vec<(usize, isize)> = self
            .shape
            .iter()
            .copied()
            .zip(self.strides.iter().copied())
            .collect();
        if fortran {
            dims.reverse();
        }
        // Each dimension taken varies faster than those taken before.
        for (n, stride) in dims {
            offsets = offsets
                .iter()
                .flat_map(|&o| (0..n).map(move |i| o + i as isize * stride))
                .collect();
        }
        offsets.into_iter().map(|o| o as usize).collect()
    }

    /// The bytes of the items at `offsets`, copied out.
    fn bytes_at(&self, offsets: &[usize]) -> Vec<u8> {
        let all = bytes_view(&self.obj).unwrap_or(Cow::Borrowed(&[]));
        let mut out = Vec::with_capacity(offsets.len() * self.itemsize);
        for &o in offsets {
            if let Some(item) = all.get(o..o + self.itemsize) {
                out.extend_from_slice(item);
            }
        }
        out
    }

    /// The bytes the view shows, in C order.
    fn bytes(&self) -> Vec<u8> {
        self.bytes_at(&self.offsets(false))
    }

    /// The value of the item at byte offset `at` of the object.
    fn item(&self, vm: &Vm, at: usize) -> PyResult {
        self.unpack(vm, &self.bytes_at(&[at]))
    }

    fn unpack(&self, vm: &Vm, data: &[u8]) -> PyResult {
        let code = self.code();
        if code == b'w' {
            return Err(vm.new_exception(
                &vm.exceptions.not_implemented_error,
                format!("memoryview: format {} not supported", self.format),
            ));
        }
        if data.len() < self.itemsize {
            return Err(vm.new_index_error("index out of bounds on dimension 1"));
        }
        Ok(crate::modules::_struct::unpack_native(vm, code, data))
    }

    /// Every item's value, in C order.
    fn items(&self, vm: &Vm) -> PyResult<Vec<Object>> {
        self.bytes()
            .chunks_exact(self.itemsize)
            .map(|chunk| self.unpack(vm, chunk))
            .collect()
    }

    fn c_contiguous(&self) -> bool {
        contiguous_in(self.itemsize, self.shape.iter().zip(&self.strides).rev())
    }

    fn f_contiguous(&self) -> bool {
        contiguous_in(self.itemsize, self.shape.iter().zip(&self.strides))
    }

    /// A new view of the same object.
    fn derive(
        &self,
        vm: &Vm,
        start: usize,
        shape: Vec<usize>,
        strides: Vec<isize>,
        format: String,
        itemsize: usize,
    ) -> Object {
        object::alloc(
            &vm.types.memoryview,
            MemoryViewObject {
                obj: self.obj.clone(),
                start,
                shape,
                strides,
                format,
                itemsize,
                readonly: self.readonly,
                released: Cell::new(false),
            },
        )
    }
}

/// Whether dimensions, innermost first, are laid out without gaps.
fn contiguous_in<'a>(
    itemsize: usize,
    dims: impl Iterator<Item = (&'a usize, &'a isize)> + Clone,
) -> bool {
    if dims.clone().any(|(&n, _)| n == 0) {
        return true;
    }
    let mut expected = itemsize as isize;
    for (&n, &stride) in dims {
        if n > 1 && stride != expected {
            return false;
        }
        expected *= n as isize;
    }
    true
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
    if obj.payload::<MemoryViewObject>().is_some() {
        let m = view(vm, obj)?;
        return Ok(m.derive(
            vm,
            m.start,
            m.shape.clone(),
            m.strides.clone(),
            m.format.clone(),
            m.itemsize,
        ));
    }
    let (len, format, readonly) = if let Some(b) = obj.payload::<BytesObject>() {
        (b.bytes.len(), b'B', true)
    } else if let Some(b) = obj.payload::<ByteArrayObject>() {
        (b.bytes.borrow().len(), b'B', false)
    } else if let (Some(data), Some(code)) = (
        crate::modules::array::array_data(obj),
        crate::modules::array::array_format(obj),
    ) {
        (data.borrow().len(), code, false)
    } else {
        return Err(vm.new_type_error(format!(
            "memoryview: a bytes-like object is required, not '{}'",
            vm.type_name(obj)
        )));
    };
    // Arrays of 'u' hold UCS-4 characters, which struct has no code for.
    let itemsize = crate::modules::_struct::native_size(format).unwrap_or(4);
    Ok(object::alloc(
        &vm.types.memoryview,
        MemoryViewObject {
            obj: obj.clone(),
            start: 0,
            shape: vec![len / itemsize],
            strides: vec![itemsize as isize],
            format: char::from(format).to_string(),
            itemsize,
            readonly,
            released: Cell::new(false),
        },
    ))
}

pub(crate) fn init(vm: &Vm) {
    let ty = &vm.types.memoryview;
    let tp = type_payload(ty);
    tp.slots.new.set(Some(|vm, _, args| {
        let bound = bind(vm, "memoryview", args, false, &["object"], 1)?;
        new_memoryview(vm, bound[0].as_ref().expect("required"))
    }));
    tp.slots.repr.set(Some(|vm, o| {
        let m = o.payload::<MemoryViewObject>().expect("a memoryview");
        let released = if m.released.get() { "released " } else { "" };
        Ok(vm.new_str(&format!("<{released}memory at {:#x}>", o.id())))
    }));
    tp.slots.length.set(Some(|vm, o| {
        let m = view(vm, o)?;
        // A 0-dim view has one item (CPython 3.11's `memory_length`).
        Ok(m.shape.first().copied().unwrap_or(1))
    }));
    tp.slots.getitem.set(Some(memoryview_getitem));
    tp.slots.setitem.set(Some(memoryview_setitem));
    tp.slots.richcompare.set(Some(memoryview_richcompare));
    tp.slots.hash.set(Some(|vm, o| {
        let m = view(vm, o)?;
        if !m.readonly {
            return Err(vm.new_value_error("cannot hash writable memoryview object"));
        }
        if !is_byte_format(&m.format) {
            return Err(
                vm.new_value_error("memoryview: hashing is restricted to formats 'B', 'b' or 'c'")
            );
        }
        vm.hash(&new_bytes(vm, m.bytes()))
    }));
    add_methods(
        vm,
        ty,
        &[
            ("tobytes", memoryview_tobytes),
            ("tolist", |vm, args| {
                check_arity(vm, "tolist", args, 1, 1)?;
                let m = view(vm, &args.values[0])?;
                let items = m.items(vm)?;
                Ok(nest(vm, &mut items.into_iter(), &m.shape))
            }),
            ("hex", |vm, args| {
                view(vm, &args.values[0])?;
                crate::objects::bytes_methods::bytes_hex(vm, args)
            }),
            ("cast", memoryview_cast),
            ("toreadonly", |vm, args| {
                check_arity(vm, "toreadonly", args, 1, 1)?;
                let m = view(vm, &args.values[0])?;
                Ok(object::alloc(
                    &vm.types.memoryview,
                    MemoryViewObject {
                        obj: m.obj.clone(),
                        start: m.start,
                        shape: m.shape.clone(),
                        strides: m.strides.clone(),
                        format: m.format.clone(),
                        itemsize: m.itemsize,
                        readonly: true,
                        released: Cell::new(false),
                    },
                ))
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
        ("nbytes", |vm, o| {
            Ok(vm.new_int(view(vm, o)?.nbytes() as i64))
        }),
        ("readonly", |vm, o| Ok(vm.new_bool(view(vm, o)?.readonly))),
        ("itemsize", |vm, o| {
            Ok(vm.new_int(view(vm, o)?.itemsize as i64))
        }),
        ("format", |vm, o| Ok(vm.new_str(&view(vm, o)?.format))),
        ("ndim", |vm, o| {
            Ok(vm.new_int(view(vm, o)?.shape.len() as i64))
        }),
        ("shape", |vm, o| {
            let shape = &view(vm, o)?.shape;
            Ok(vm.new_tuple(shape.iter().map(|&n| vm.new_int(n as i64)).collect()))
        }),
        ("strides", |vm, o| {
            let strides = &view(vm, o)?.strides;
            Ok(vm.new_tuple(strides.iter().map(|&s| vm.new_int(s as i64)).collect()))
        }),
        ("suboffsets", |vm, o| {
            view(vm, o).map(|_| vm.empty_tuple.clone())
        }),
        ("c_contiguous", |vm, o| {
            Ok(vm.new_bool(view(vm, o)?.c_contiguous()))
        }),
        ("f_contiguous", |vm, o| {
            Ok(vm.new_bool(view(vm, o)?.f_contiguous()))
        }),
        ("contiguous", |vm, o| {
            let m = view(vm, o)?;
            Ok(vm.new_bool(m.c_contiguous() || m.f_contiguous()))
        }),
    ];
    for &(name, get) in getters {
        crate::objects::descr::add_getset(vm, ty, name, get, None);
    }
    crate::slots::add_slot_wrappers(vm, ty);
}

/// Nested lists of `shape` taking their items from `items`.
fn nest(vm: &Vm, items: &mut impl Iterator<Item = Object>, shape: &[usize]) -> Object {
    match shape.split_first() {
        None => items.next().unwrap_or_else(|| vm.none.clone()),
        Some((&n, inner)) => {
            let list = (0..n).map(|_| nest(vm, items, inner)).collect();
            vm.new_list(list)
        }
    }
}

/// 'B', 'b' or 'c', the formats any other can be cast from and to.
fn is_byte_format(format: &str) -> bool {
    matches!(format.strip_prefix('@').unwrap_or(format), "B" | "b" | "c")
}

/// `tobytes(order=None)`.
fn memoryview_tobytes(vm: &Vm, args: Args) -> PyResult {
    let bound = bind(vm, "tobytes", args, true, &["order"], 0)?;
    let m = view(vm, &args.values[0])?;
    let fortran = match bound[0].as_ref().filter(|o| !vm.is_none(o)) {
        None => false,
        Some(order) => match str_arg(vm, "tobytes", "order", order)?.as_str() {
            "C" | "A" => false,
            "F" => true,
            _ => return Err(vm.new_value_error("order must be 'C', 'F' or 'A'")),
        },
    };
    Ok(new_bytes(vm, m.bytes_at(&m.offsets(fortran))))
}

/// `cast(format, shape=None)`: a C-contiguous view seen as items of
/// another format, to or from a byte format, in one dimension or in
/// `shape`.
fn memoryview_cast(vm: &Vm, args: Args) -> PyResult {
    let bound = bind(vm, "cast", args, true, &["format", "shape"], 1)?;
    let m = view(vm, &args.values[0])?;
    let format = str_arg(vm, "cast", "format", bound[0].as_ref().expect("required"))?;
    let shape = bound[1].as_ref().filter(|s| !vm.is_none(s));
    if !m.c_contiguous() {
        return Err(vm.new_type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    if (shape.is_some() || m.shape.len() != 1) && m.shape.contains(&0) {
        return Err(
            vm.new_type_error("memoryview: cannot cast view with zeros in shape or strides")
        );
    }
    let dims = match shape {
        None => None,
        Some(s) => {
            let items = if let Some(items) = tuple_items(s) {
                items.to_vec()
            } else if let Some(list) = s.payload::<crate::objects::list::ListObject>() {
                list.items.borrow().clone()
            } else {
                return Err(vm.new_type_error("shape must be a list or a tuple"));
            };
            if items.len() > MAX_NDIM {
                return Err(vm.new_value_error(format!(
                    "memoryview: number of dimensions must not exceed {MAX_NDIM}"
                )));
            }
            if m.shape.len() != 1 && items.len() != 1 {
                return Err(vm.new_type_error("memoryview: cast must be 1D -> ND or ND -> 1D"));
            }
            Some(items)
        }
    };
    let body = format.strip_prefix('@').unwrap_or(&format);
    let itemsize = match body.as_bytes() {
        [code] if b"bBhHiIlLqQnNfd?cP".contains(code) => {
            crate::modules::_struct::native_size(*code).expect("a native code")
        }
        _ => {
            return Err(vm.new_value_error(
                "memoryview: destination format must be a native single character format prefixed with an optional '@'",
            ))
        }
    };
    if !is_byte_format(&m.format) && !is_byte_format(&format) {
        return Err(vm.new_type_error("memoryview: cannot cast between two non-byte formats"));
    }
    let nbytes = m.nbytes();
    if !nbytes.is_multiple_of(itemsize) {
        return Err(vm.new_type_error("memoryview: length is not a multiple of itemsize"));
    }
    let shape = match dims {
        None => vec![nbytes / itemsize],
        Some(items) => cast_shape(vm, &items, itemsize, nbytes)?,
    };
    let mut strides = vec![0isize; shape.len()];
    let mut stride = itemsize as isize;
    for (s, &n) in strides.iter_mut().zip(&shape).rev() {
        *s = stride;
        stride *= n as isize;
    }
    Ok(m.derive(vm, m.start, shape, strides, format, itemsize))
}

/// The dimensions of `cast`'s shape argument, which must cover the
/// view's bytes exactly.
fn cast_shape(vm: &Vm, items: &[Object], itemsize: usize, nbytes: usize) -> PyResult<Vec<usize>> {
    let mut shape = Vec::with_capacity(items.len());
    let mut product = 1usize;
    for item in items {
        let Some(n) = int_value(item).map(|v| v.to_i64()) else {
            return Err(vm.new_type_error("memoryview.cast(): elements of shape must be integers"));
        };
        let n = match n {
            Some(n) if n > 0 => n as usize,
            _ => {
                return Err(
                    vm.new_value_error("memoryview.cast(): elements of shape must be integers > 0")
                )
            }
        };
        product = product
            .checked_mul(n)
            .filter(|&p| p <= isize::MAX as usize)
            .ok_or_else(|| vm.new_value_error("memoryview.cast(): product(shape) > SSIZE_MAX"))?;
        shape.push(n);
    }
    if product.checked_mul(itemsize) != Some(nbytes) {
        return Err(vm.new_type_error("memoryview: product(shape) * itemsize != buffer size"));
    }
    Ok(shape)
}

fn release(vm: &Vm, o: &Object) -> PyResult {
    if let Some(m) = o.payload::<MemoryViewObject>() {
        m.released.set(true);
    }
    Ok(vm.none.clone())
}

/// What a subscript selects.
enum Target {
    /// The item at this byte offset of the object.
    Item(usize),
    /// A slice of the first dimension.
    Slice(usize, usize, isize),
    /// The one item of a 0-dim view (`...`).
    Whole,
}

fn target(vm: &Vm, m: &MemoryViewObject, key: &Object) -> PyResult<Target> {
    if key.is(&vm.ellipsis) && m.shape.is_empty() {
        return Ok(Target::Whole);
    }
    if let Some(slice) = key.payload::<SliceObject>() {
        let Some(&len) = m.shape.first() else {
            return Err(vm.new_type_error("invalid indexing of 0-dim memory"));
        };
        let (start, _, step) = slice.resolve(vm, len)?;
        let count = slice.indices(vm, len)?.count();
        let stride = m.strides[0];
        let first = if count == 0 {
            m.start
        } else {
            (m.start as isize + start as isize * stride) as usize
        };
        return Ok(Target::Slice(first, count, stride * step as isize));
    }
    if let Some(keys) = tuple_items(key) {
        if keys.len() < m.shape.len() {
            return Err(vm.new_exception(
                &vm.exceptions.not_implemented_error,
                "sub-views are not implemented",
            ));
        }
        if keys.len() > m.shape.len() {
            return Err(vm.new_type_error(format!(
                "cannot index {}-dimension view with {}-element tuple",
                m.shape.len(),
                keys.len()
            )));
        }
        let mut at = m.start as isize;
        for (dim, key) in keys.iter().enumerate() {
            let i = index_in(vm, m, dim, key, "memoryview: invalid slice key")?;
            at += i as isize * m.strides[dim];
        }
        return Ok(Target::Item(at as usize));
    }
    match m.shape.len() {
        0 => Err(vm.new_type_error("invalid indexing of 0-dim memory")),
        1 => {
            let i = index_in(vm, m, 0, key, "memoryview: invalid slice key")?;
            Ok(Target::Item(
                (m.start as isize + i as isize * m.strides[0]) as usize,
            ))
        }
        _ => {
            if index_value(vm, key)?.is_none() {
                return Err(vm.new_type_error("memoryview: invalid slice key"));
            }
            Err(vm.new_exception(
                &vm.exceptions.not_implemented_error,
                "multi-dimensional sub-views are not implemented",
            ))
        }
    }
}

/// The position of an integer index in dimension `dim`, with
/// memoryview's messages.
fn index_in(
    vm: &Vm,
    m: &MemoryViewObject,
    dim: usize,
    key: &Object,
    invalid: &str,
) -> PyResult<usize> {
    let Some(i) = index_value(vm, key)? else {
        return Err(vm.new_type_error(invalid));
    };
    let len = m.shape[dim] as i64;
    let i = if i < 0 { i + len } else { i };
    if i < 0 || i >= len {
        return Err(vm.new_index_error(format!("index out of bounds on dimension {}", dim + 1)));
    }
    Ok(i as usize)
}

fn memoryview_getitem(vm: &Vm, o: &Object, key: &Object) -> PyResult {
    let m = view(vm, o)?;
    match target(vm, m, key)? {
        Target::Whole => Ok(o.clone()),
        Target::Item(at) => m.item(vm, at),
        Target::Slice(start, count, step) => {
            let mut shape = m.shape.clone();
            let mut strides = m.strides.clone();
            shape[0] = count;
            strides[0] = step;
            Ok(m.derive(vm, start, shape, strides, m.format.clone(), m.itemsize))
        }
    }
}

/// Runs `f` on the writable bytes of the viewed object.
fn with_data_mut(m: &MemoryViewObject, f: impl FnOnce(&mut [u8])) {
    if let Some(b) = m.obj.payload::<ByteArrayObject>() {
        f(&mut b.bytes.borrow_mut());
    } else if let Some(data) = crate::modules::array::array_data(&m.obj) {
        f(&mut data.borrow_mut());
    }
}

fn memoryview_setitem(vm: &Vm, o: &Object, key: &Object, value: Option<&Object>) -> PyResult<()> {
    let m = view(vm, o)?;
    if m.readonly {
        return Err(vm.new_type_error("cannot modify read-only memory"));
    }
    let Some(value) = value else {
        return Err(vm.new_type_error("cannot delete memory"));
    };
    let (offsets, data) = match target(vm, m, key)? {
        Target::Item(at) => (vec![at], pack_single(vm, m, value)?),
        Target::Whole => (vec![m.start], pack_single(vm, m, value)?),
        Target::Slice(start, count, step) => {
            if m.shape.len() != 1 {
                return Err(vm.new_exception(
                    &vm.exceptions.not_implemented_error,
                    "memoryview slice assignments are currently restricted to ndim = 1",
                ));
            }
            let offsets = (0..count)
                .map(|i| (start as isize + i as isize * step) as usize)
                .collect();
            (offsets, source_bytes(vm, m, value, count)?)
        }
    };
    with_data_mut(m, |bytes| {
        for (&at, item) in offsets.iter().zip(data.chunks_exact(m.itemsize)) {
            if let Some(slot) = bytes.get_mut(at..at + m.itemsize) {
                slot.copy_from_slice(item);
            }
        }
    });
    Ok(())
}

/// The bytes of a buffer assigned to `count` items of `m`, which must
/// be of the same format and length.
fn source_bytes(vm: &Vm, m: &MemoryViewObject, value: &Object, count: usize) -> PyResult<Vec<u8>> {
    let (format, data) = if let Some(src) = value.payload::<MemoryViewObject>() {
        let src = view(vm, value).map(|_| src)?;
        (Cow::Borrowed(src.format.as_str()), src.bytes())
    } else if let Some(data) = crate::objects::bytes::bytes_like(value) {
        let code = crate::modules::array::array_format(value).unwrap_or(b'B');
        (Cow::Owned(char::from(code).to_string()), data)
    } else {
        return Err(vm.new_type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(value)
        )));
    };
    let strip = |f: &str| f.strip_prefix('@').unwrap_or(f).to_string();
    if strip(&format) != strip(&m.format) || data.len() != count * m.itemsize {
        return Err(vm.new_value_error(
            "memoryview assignment: lvalue and rvalue have different structures",
        ));
    }
    Ok(data)
}

/// The bytes of `value` as one item of `m`'s format, with memoryview's
/// messages (`pack_single`).
fn pack_single(vm: &Vm, m: &MemoryViewObject, value: &Object) -> PyResult<Vec<u8>> {
    let invalid_type = || {
        vm.new_type_error(format!(
            "memoryview: invalid type for format '{}'",
            m.format
        ))
    };
    let invalid_value = || {
        vm.new_value_error(format!(
            "memoryview: invalid value for format '{}'",
            m.format
        ))
    };
    let size = m.itemsize;
    match m.code() {
        b'?' => Ok(vec![u8::from(vm.is_true(value)?)]),
        b'c' => match value.payload::<BytesObject>() {
            Some(b) if b.bytes.len() == 1 => Ok(b.bytes.to_vec()),
            Some(_) => Err(invalid_value()),
            None => Err(invalid_type()),
        },
        code @ (b'f' | b'd') => {
            let x = crate::objects::float::as_double(vm, value)
                .map_err(|e| fix_error(vm, e, invalid_type, invalid_value))?;
            Ok(if code == b'f' {
                (x as f32).to_ne_bytes().to_vec()
            } else {
                x.to_ne_bytes().to_vec()
            })
        }
        b'w' => Err(vm.new_exception(
            &vm.exceptions.not_implemented_error,
            format!("memoryview: format {} not supported", m.format),
        )),
        code => {
            let n = crate::objects::int::index_object(vm, value)?.ok_or_else(invalid_type)?;
            let n = int_value(&n).expect("an int").as_big().into_owned();
            let n = i128::try_from(&n).map_err(|_| invalid_value())?;
            let bits = 8 * size as u32;
            let fits = if b"bhilqn".contains(&code) {
                (-(1i128 << (bits - 1))..1i128 << (bits - 1)).contains(&n)
            } else {
                (0..1i128 << bits).contains(&n)
            };
            if !fits {
                return Err(invalid_value());
            }
            Ok(n.to_ne_bytes()[..size].to_vec())
        }
    }
}

/// A conversion's TypeError or ValueError and OverflowError, as
/// memoryview's own (`fix_error_int`).
fn fix_error(
    vm: &Vm,
    e: PyErr,
    invalid_type: impl FnOnce() -> PyErr,
    invalid_value: impl FnOnce() -> PyErr,
) -> PyErr {
    if e.matches(vm, &vm.exceptions.type_error) {
        invalid_type()
    } else if e.matches(vm, &vm.exceptions.value_error)
        || e.matches(vm, &vm.exceptions.overflow_error)
    {
        invalid_value()
    } else {
        e
    }
}

/// `==` and `!=`: equal shapes and equal values item by item, whatever
/// the formats.
fn memoryview_richcompare(vm: &Vm, a: &Object, b: &Object, op: CompareOp) -> PyResult {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented.clone());
    }
    let eq = matches!(op, CompareOp::Eq);
    let m = a.payload::<MemoryViewObject>().expect("a memoryview");
    let other_released = b
        .payload::<MemoryViewObject>()
        .is_some_and(|o| o.released.get());
    // A released view equals only itself.
    if m.released.get() || other_released {
        return Ok(vm.new_bool(a.is(b) == eq));
    }
    let other = if b.payload::<MemoryViewObject>().is_some() {
        b.clone()
    } else if bytes_view(b).is_some() {
        new_memoryview(vm, b)?
    } else {
        return Ok(vm.not_implemented.clone());
    };
    let o = other.payload::<MemoryViewObject>().expect("a memoryview");
    if m.shape != o.shape {
        return Ok(vm.new_bool(!eq));
    }
    let (Ok(left), Ok(right)) = (m.items(vm), o.items(vm)) else {
        return Ok(vm.new_bool(!eq));
    };
    for (x, y) in left.iter().zip(&right) {
        if !vm.eq(x, y)? {
            return Ok(vm.new_bool(!eq));
        }
    }
    Ok(vm.new_bool(eq))
}
