//! `array` (Modules/arraymodule.c): `array.array`, a mutable sequence
//! of numbers (or characters) of one C type, kept packed as that type's
//! bytes, as x86-64 Linux lays them out.
//!
//! The items are one byte vector, read and written through the
//! typecode's conversions, so the array is also a buffer: `bytes(a)`,
//! `struct.unpack(fmt, a)` and `pack_into(fmt, a, ...)` see its bytes.

use crate::errors::PyResult;
use crate::object::{self, Object};
use crate::objects::bytes::{bytes_view, new_bytes};
use crate::objects::function::{add_methods, check_arity, check_function_arity, NativeFn};
use crate::objects::int::{index_value, int_value, new_big, IBig, IntValue};
use crate::objects::list::ListObject;
use crate::objects::slice::SliceObject;
use crate::objects::str::StrObject;
use crate::recursion::ReprGuard;
use crate::typeobject::{flags, Args, CompareOp, Layout};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

/// The typecodes, in `array.typecodes`' order.
const TYPECODES: &str = "bBuhHiIlLqQfd";

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let ty = array_type(vm)?;
    super::set_attr(vm, module, "array", ty.clone());
    super::set_attr(vm, module, "ArrayType", ty);
    super::set_attr(vm, module, "typecodes", vm.new_str(TYPECODES));
    super::add_functions(vm, module, &[("_array_reconstructor", array_reconstructor)]);
    Ok(())
}

fn array_type(vm: &Vm) -> PyResult<Object> {
    super::module_state(vm, "array.array", |vm| {
        let ty = super::new_type(
            vm,
            "array",
            "array",
            Layout::Array,
            flags::BASETYPE | flags::SEQUENCE,
            |tp| {
                tp.slots.new.set(Some(array_new));
                tp.slots.repr.set(Some(array_repr));
                tp.slots
                    .length
                    .set(Some(|vm, o| Ok(array_of(vm, o)?.len())));
                tp.slots.getitem.set(Some(array_getitem));
                tp.slots.setitem.set(Some(array_setitem));
                tp.slots.sq_contains.set(Some(|vm, o, x| {
                    let a = array_of(vm, o)?;
                    let mut i = 0;
                    while let Some(item) = a.item(vm, i) {
                        if vm.eq(&item, x)? {
                            return Ok(true);
                        }
                        i += 1;
                    }
                    Ok(false)
                }));
                tp.slots.iter.set(Some(|vm, o| {
                    array_of(vm, o)?;
                    Ok(object::alloc(
                        &iterator_type(vm)?,
                        ArrayIterator {
                            array: o.clone(),
                            index: Cell::new(0),
                        },
                    ))
                }));
                tp.slots.richcompare.set(Some(array_richcompare));
                tp.slots.nb_add.set(Some(array_concat));
                tp.slots.nb_inplace_add.set(Some(array_inplace_concat));
                tp.slots
                    .nb_multiply
                    .set(Some(|vm, a, b| array_repeat(vm, a, b, false)));
                tp.slots
                    .nb_inplace_multiply
                    .set(Some(|vm, a, b| array_repeat(vm, a, b, true)));
            },
        );
        let tp = crate::object::type_payload(&ty);
        tp.slots.hash.set(None);
        tp.dict
            .set_str(vm, vm.names.__hash__.clone(), vm.none.clone());
        add_methods(vm, &ty, METHODS);
        crate::objects::descr::add_getset(
            vm,
            &ty,
            "typecode",
            |vm, o| {
                let code = array_of(vm, o)?.typecode.code;
                Ok(vm.new_str(&(code as char).to_string()))
            },
            None,
        );
        crate::objects::descr::add_getset(
            vm,
            &ty,
            "itemsize",
            |vm, o| Ok(vm.new_int(array_of(vm, o)?.typecode.size as i64)),
            None,
        );
        Ok(ty)
    })
}

fn iterator_type(vm: &Vm) -> PyResult<Object> {
    super::module_state(vm, "array.arrayiterator", |vm| {
        Ok(super::new_type(
            vm,
            "array",
            "arrayiterator",
            Layout::ArrayIterator,
            0,
            |tp| {
                tp.slots.iter.set(Some(|_, it| Ok(it.clone())));
                tp.slots.iternext.set(Some(|vm, it| {
                    let it = it
                        .payload::<ArrayIterator>()
                        .expect("an arrayiterator has its payload");
                    let a = array_of(vm, &it.array)?;
                    let i = it.index.get();
                    let item = a.item(vm, i);
                    if item.is_some() {
                        it.index.set(i + 1);
                    }
                    Ok(item)
                }));
            },
        ))
    })
}

/// What a typecode's items are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Signed,
    Unsigned,
    Float,
    Char,
}

/// A typecode: its character, item size and kind.
#[derive(Clone, Copy)]
pub struct TypeCode {
    code: u8,
    size: usize,
    kind: Kind,
}

fn typecode(code: u8) -> Option<TypeCode> {
    let (size, kind) = match code {
        b'b' => (1, Kind::Signed),
        b'B' => (1, Kind::Unsigned),
        b'u' => (4, Kind::Char),
        b'h' => (2, Kind::Signed),
        b'H' => (2, Kind::Unsigned),
        b'i' => (4, Kind::Signed),
        b'I' => (4, Kind::Unsigned),
        b'l' | b'q' => (8, Kind::Signed),
        b'L' | b'Q' => (8, Kind::Unsigned),
        b'f' => (4, Kind::Float),
        b'd' => (8, Kind::Float),
        _ => return None,
    };
    Some(TypeCode { code, size, kind })
}

#[derive(krait_derive::Traverse)]
pub struct ArrayObject {
    #[traverse(skip)]
    typecode: TypeCode,
    #[traverse(skip)]
    data: RefCell<Vec<u8>>,
}

#[derive(krait_derive::Traverse)]
pub struct ArrayIterator {
    array: Object,
    #[traverse(skip)]
    index: Cell<usize>,
}

impl ArrayObject {
    fn len(&self) -> usize {
        self.data.borrow().len() / self.typecode.size
    }

    /// The item at `i`, or None past the end.
    fn item(&self, vm: &Vm, i: usize) -> Option<Object> {
        let data = self.data.borrow();
        let size = self.typecode.size;
        let bytes = data.get(i * size..(i + 1) * size)?;
        Some(decode(vm, self.typecode, bytes))
    }

    fn items(&self, vm: &Vm) -> Vec<Object> {
        let size = self.typecode.size;
        let data = self.data.borrow().clone();
        data.chunks_exact(size)
            .map(|b| decode(vm, self.typecode, b))
            .collect()
    }
}

/// The bytes of an array, for the buffer protocol's readers.
pub fn array_bytes(o: &Object) -> Option<Vec<u8>> {
    o.payload::<ArrayObject>().map(|a| a.data.borrow().clone())
}

/// The buffer format of an array: its typecode, but 'w' for 'u' as
/// CPython's `array_buffer_getbuf` gives.
pub fn array_format(o: &Object) -> Option<u8> {
    o.payload::<ArrayObject>().map(|a| match a.typecode.code {
        b'u' => b'w',
        code => code,
    })
}

/// The bytes of an array, for writers that keep its size.
pub fn array_data(o: &Object) -> Option<&RefCell<Vec<u8>>> {
    o.payload::<ArrayObject>().map(|a| &a.data)
}

fn array_of<'a>(vm: &Vm, o: &'a Object) -> PyResult<&'a ArrayObject> {
    o.payload::<ArrayObject>().ok_or_else(|| {
        vm.new_type_error(format!(
            "descriptor requires a 'array.array' object but received a '{}'",
            vm.type_name(o)
        ))
    })
}

fn new_array(ty: &Object, typecode: TypeCode, data: Vec<u8>) -> Object {
    object::alloc(
        ty,
        ArrayObject {
            typecode,
            data: RefCell::new(data),
        },
    )
}

/// The item stored in `bytes`.
fn decode(vm: &Vm, t: TypeCode, bytes: &[u8]) -> Object {
    let mut word = [0u8; 8];
    word[..t.size].copy_from_slice(bytes);
    let raw = u64::from_ne_bytes(word);
    match t.kind {
        Kind::Signed => {
            let shift = 64 - 8 * t.size;
            vm.new_int(((raw << shift) as i64) >> shift)
        }
        Kind::Unsigned => match i64::try_from(raw) {
            Ok(i) => vm.new_int(i),
            Err(_) => new_big(vm, IBig::from(raw)),
        },
        Kind::Float if t.size == 4 => vm.new_float(f64::from(f32::from_bits(raw as u32))),
        Kind::Float => vm.new_float(f64::from_bits(raw)),
        Kind::Char => crate::objects::str::new_from_code_points(vm, &[raw as u32]),
    }
}

/// The bytes that store `v`, with CPython's message for a value the
/// typecode cannot hold.
fn encode(vm: &Vm, t: TypeCode, v: &Object) -> PyResult<[u8; 8]> {
    let raw: u64 = match t.kind {
        Kind::Float => {
            let x = crate::objects::float::as_double(vm, v)?;
            if t.size == 4 {
                u64::from((x as f32).to_bits())
            } else {
                x.to_bits()
            }
        }
        Kind::Char => match v.payload::<StrObject>() {
            Some(s) if s.len() == 1 => u64::from(s.code_point(0)),
            _ => return Err(vm.new_type_error("array item must be unicode character")),
        },
        Kind::Signed => encode_signed(vm, t.code, v)? as u64,
        Kind::Unsigned => encode_unsigned(vm, t.code, v)?,
    };
    Ok(raw.to_ne_bytes())
}

fn integer(vm: &Vm, v: &Object) -> PyResult<Object> {
    crate::objects::int::index_object(vm, v)?.ok_or_else(|| {
        vm.new_type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))
    })
}

fn encode_signed(vm: &Vm, code: u8, v: &Object) -> PyResult<i64> {
    let i = integer(vm, v)?;
    let too_big = || {
        vm.new_overflow_error(if code == b'q' {
            "int too big to convert"
        } else {
            "Python int too large to convert to C long"
        })
    };
    let x = int_value(&i).and_then(|v| v.to_i64()).ok_or_else(too_big)?;
    let (name, min, max) = match code {
        b'b' => ("signed char", i64::from(i8::MIN), i64::from(i8::MAX)),
        b'h' => (
            "signed short integer",
            i64::from(i16::MIN),
            i64::from(i16::MAX),
        ),
        b'i' => ("signed integer", i64::from(i32::MIN), i64::from(i32::MAX)),
        _ => return Ok(x),
    };
    if x < min {
        return Err(vm.new_overflow_error(format!("{name} is less than minimum")));
    }
    if x > max {
        return Err(vm.new_overflow_error(format!("{name} is greater than maximum")));
    }
    Ok(x)
}

fn encode_unsigned(vm: &Vm, code: u8, v: &Object) -> PyResult<u64> {
    let i = integer(vm, v)?;
    let value = int_value(&i).expect("an int");
    if matches!(code, b'B' | b'H') {
        let x = value
            .to_i64()
            .ok_or_else(|| vm.new_overflow_error("Python int too large to convert to C long"))?;
        let (name, max) = if code == b'B' {
            ("unsigned byte integer", 255)
        } else {
            ("unsigned short", 65535)
        };
        if x < 0 {
            return Err(vm.new_overflow_error(format!("{name} is less than minimum")));
        }
        if x > max {
            return Err(vm.new_overflow_error(format!("{name} is greater than maximum")));
        }
        return Ok(x as u64);
    }
    if value.is_negative() {
        return Err(vm.new_overflow_error(if code == b'Q' {
            "can't convert negative int to unsigned"
        } else {
            "can't convert negative value to unsigned int"
        }));
    }
    let x = match value {
        IntValue::Small(s) => Some(s as u64),
        IntValue::Big(b) => u64::try_from(b).ok(),
    };
    let x = x.ok_or_else(|| {
        vm.new_overflow_error(match code {
            b'Q' => "int too big to convert",
            b'I' => "unsigned int is greater than maximum",
            _ => "Python int too large to convert to C unsigned long",
        })
    })?;
    if code == b'I' && x > u64::from(u32::MAX) {
        return Err(vm.new_overflow_error("unsigned int is greater than maximum"));
    }
    Ok(x)
}

/// Appends the encoding of `v`.
fn push(vm: &Vm, a: &ArrayObject, v: &Object) -> PyResult<()> {
    let bytes = encode(vm, a.typecode, v)?;
    a.data
        .borrow_mut()
        .extend_from_slice(&bytes[..a.typecode.size]);
    Ok(())
}

// Construction

fn array_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let base = array_type(vm)?;
    if ty.is(&base) && args.has_keywords() {
        return Err(vm.new_type_error("array.array() takes no keyword arguments"));
    }
    let given = args.positional();
    if given.is_empty() {
        return Err(vm.new_type_error(format!(
            "array() takes at least 1 argument ({} given)",
            given.len()
        )));
    }
    if given.len() > 2 {
        return Err(vm.new_type_error(format!(
            "array() takes at most 2 arguments ({} given)",
            given.len()
        )));
    }
    let code = match given[0].payload::<StrObject>() {
        Some(s) if s.len() == 1 => s.code_point(0),
        _ => {
            let what = if given[0].payload::<StrObject>().is_some() {
                "str".to_string()
            } else {
                crate::objects::getargs::clinic_type_name(vm, &given[0])
            };
            return Err(vm.new_type_error(format!(
                "array() argument 1 must be a unicode character, not {what}"
            )));
        }
    };
    let Some(t) = u8::try_from(code).ok().and_then(typecode) else {
        return Err(
            vm.new_value_error("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        );
    };
    let array = new_array(ty, t, Vec::new());
    let Some(initial) = given.get(1) else {
        return Ok(array);
    };
    let a = array_of(vm, &array)?;
    if let Some(s) = initial.payload::<StrObject>() {
        if t.kind != Kind::Char {
            return Err(vm.new_type_error(format!(
                "cannot use a str to initialize an array with typecode '{}'",
                t.code as char
            )));
        }
        from_unicode(a, s);
        return Ok(array);
    }
    if let Some(other) = initial.payload::<ArrayObject>() {
        if other.typecode.kind == Kind::Char && t.kind != Kind::Char {
            return Err(vm.new_type_error(format!(
                "cannot use a unicode array to initialize an array with typecode '{}'",
                t.code as char
            )));
        }
    }
    let is_bytes = initial
        .payload::<crate::objects::bytes::BytesObject>()
        .is_some()
        || initial
            .payload::<crate::objects::bytearray::ByteArrayObject>()
            .is_some();
    if is_bytes {
        let data = bytes_view(initial).unwrap_or_default().into_owned();
        from_bytes(vm, a, &data)?;
        return Ok(array);
    }
    extend_from_iterable(vm, a, initial)?;
    Ok(array)
}

fn from_unicode(a: &ArrayObject, s: &StrObject) {
    let mut data = a.data.borrow_mut();
    for c in s.code_points() {
        data.extend_from_slice(&c.to_ne_bytes());
    }
}

fn from_bytes(vm: &Vm, a: &ArrayObject, bytes: &[u8]) -> PyResult<()> {
    if !bytes.len().is_multiple_of(a.typecode.size) {
        return Err(vm.new_value_error("bytes length not a multiple of item size"));
    }
    a.data.borrow_mut().extend_from_slice(bytes);
    Ok(())
}

/// Appends the items of an iterable one by one: those before a bad one
/// stay.
fn extend_from_iterable(vm: &Vm, a: &ArrayObject, iterable: &Object) -> PyResult<()> {
    let iterator = vm.iter(iterable)?;
    while let Some(item) = vm.next(&iterator)? {
        push(vm, a, &item)?;
    }
    Ok(())
}

/// `a.extend(other)`: an array of the same typecode, or any iterable.
fn extend(vm: &Vm, a: &ArrayObject, other: &Object) -> PyResult<()> {
    if let Some(b) = other.payload::<ArrayObject>() {
        if b.typecode.code != a.typecode.code {
            return Err(vm.new_type_error("can only extend with array of same kind"));
        }
        let bytes = b.data.borrow().clone();
        a.data.borrow_mut().extend_from_slice(&bytes);
        return Ok(());
    }
    extend_from_iterable(vm, a, other)
}

fn array_repr(vm: &Vm, o: &Object) -> PyResult {
    let a = array_of(vm, o)?;
    let name = crate::object::type_payload(vm.type_of(o)).name();
    let code = a.typecode.code as char;
    if a.len() == 0 {
        return Ok(vm.new_str(&format!("{name}('{code}')")));
    }
    let Some(_guard) = ReprGuard::enter(vm, o) else {
        return Ok(vm.new_str("..."));
    };
    let items = if a.typecode.kind == Kind::Char {
        vm.repr_string(&to_unicode(vm, a))?
    } else {
        vm.repr_string(&vm.new_list(a.items(vm)))?
    };
    Ok(vm.new_str(&format!("{name}('{code}', {items})")))
}

fn to_unicode(vm: &Vm, a: &ArrayObject) -> Object {
    let points: Vec<u32> = a
        .data
        .borrow()
        .chunks_exact(4)
        .map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    crate::objects::str::new_from_code_points(vm, &points)
}

// Items and slices

/// An index into the array, counted from the end if negative.
fn position(vm: &Vm, a: &ArrayObject, key: &Object, message: &str) -> PyResult<Option<usize>> {
    let Some(i) = index_value(vm, key)? else {
        return Ok(None);
    };
    let len = a.len() as i64;
    let i = if i < 0 { i + len } else { i };
    if i < 0 || i >= len {
        return Err(vm.new_index_error(message));
    }
    Ok(Some(i as usize))
}

fn array_getitem(vm: &Vm, o: &Object, key: &Object) -> PyResult {
    let a = array_of(vm, o)?;
    if let Some(slice) = key.payload::<SliceObject>() {
        let size = a.typecode.size;
        let positions: Vec<usize> = slice.indices(vm, a.len())?.collect();
        let data = a.data.borrow();
        let mut out = Vec::with_capacity(positions.len() * size);
        for i in positions {
            out.extend_from_slice(&data[i * size..(i + 1) * size]);
        }
        drop(data);
        return Ok(new_array(&array_type(vm)?, a.typecode, out));
    }
    match position(vm, a, key, "array index out of range")? {
        Some(i) => a
            .item(vm, i)
            .ok_or_else(|| vm.new_index_error("array index out of range")),
        None => Err(vm.new_type_error("array indices must be integers")),
    }
}

fn array_setitem(vm: &Vm, o: &Object, key: &Object, value: Option<&Object>) -> PyResult<()> {
    let a = array_of(vm, o)?;
    let size = a.typecode.size;
    if let Some(slice) = key.payload::<SliceObject>() {
        return assign_slice(vm, a, slice, value);
    }
    let Some(i) = position(vm, a, key, "array assignment index out of range")? else {
        return Err(vm.new_type_error("array indices must be integers"));
    };
    match value {
        Some(v) => {
            let bytes = encode(vm, a.typecode, v)?;
            let mut data = a.data.borrow_mut();
            if let Some(slot) = data.get_mut(i * size..(i + 1) * size) {
                slot.copy_from_slice(&bytes[..size]);
            }
        }
        None => {
            let mut data = a.data.borrow_mut();
            if (i + 1) * size <= data.len() {
                data.drain(i * size..(i + 1) * size);
            }
        }
    }
    Ok(())
}

fn assign_slice(
    vm: &Vm,
    a: &ArrayObject,
    slice: &SliceObject,
    value: Option<&Object>,
) -> PyResult<()> {
    let size = a.typecode.size;
    let len = a.len();
    let (start, stop, step) = slice.resolve(vm, len)?;
    let positions: Vec<usize> = slice.indices(vm, len)?.collect();
    let Some(value) = value else {
        // Deleting: keep the items not in the slice.
        let mut data = a.data.borrow_mut();
        let mut drop_item = vec![false; len];
        for &i in &positions {
            drop_item[i] = true;
        }
        let kept: Vec<u8> = data
            .chunks_exact(size)
            .zip(&drop_item)
            .filter(|(_, &d)| !d)
            .flat_map(|(c, _)| c.iter().copied())
            .collect();
        *data = kept;
        return Ok(());
    };
    let Some(other) = value.payload::<ArrayObject>() else {
        return Err(vm.new_type_error(format!(
            "can only assign array (not \"{}\") to array slice",
            vm.type_name(value)
        )));
    };
    if other.typecode.code != a.typecode.code {
        return Err(vm.new_type_error("bad argument type for built-in operation"));
    }
    let new = other.data.borrow().clone();
    if step == 1 {
        let start = start.clamp(0, len as i64) as usize;
        let stop = (stop.max(start as i64) as usize).min(len);
        a.data.borrow_mut().splice(start * size..stop * size, new);
        return Ok(());
    }
    let count = new.len() / size;
    if count != positions.len() {
        return Err(vm.new_value_error(format!(
            "attempt to assign array of size {count} to extended slice of size {}",
            positions.len()
        )));
    }
    let mut data = a.data.borrow_mut();
    for (k, i) in positions.into_iter().enumerate() {
        data[i * size..(i + 1) * size].copy_from_slice(&new[k * size..(k + 1) * size]);
    }
    Ok(())
}

fn array_richcompare(vm: &Vm, v: &Object, w: &Object, op: CompareOp) -> PyResult {
    let (Some(a), Some(b)) = (v.payload::<ArrayObject>(), w.payload::<ArrayObject>()) else {
        return Ok(vm.not_implemented.clone());
    };
    crate::objects::sequence::richcompare(vm, &a.items(vm), &b.items(vm), op)
}

fn array_concat(vm: &Vm, v: &Object, w: &Object) -> PyResult {
    let Some(a) = v.payload::<ArrayObject>() else {
        return Ok(vm.not_implemented.clone());
    };
    let Some(b) = w.payload::<ArrayObject>() else {
        return Err(vm.new_type_error(format!(
            "can only append array (not \"{}\") to array",
            vm.type_name(w)
        )));
    };
    if a.typecode.code != b.typecode.code {
        return Err(vm.new_type_error("bad argument type for built-in operation"));
    }
    let mut data = a.data.borrow().clone();
    data.extend_from_slice(&b.data.borrow());
    Ok(new_array(&array_type(vm)?, a.typecode, data))
}

fn array_inplace_concat(vm: &Vm, v: &Object, w: &Object) -> PyResult {
    let a = array_of(vm, v)?;
    if w.payload::<ArrayObject>().is_none() {
        return Err(vm.new_type_error(format!(
            "can only extend array with array (not \"{}\")",
            vm.type_name(w)
        )));
    }
    extend(vm, a, w)?;
    Ok(v.clone())
}

fn array_repeat(vm: &Vm, v: &Object, w: &Object, inplace: bool) -> PyResult {
    let (target, count) = match (v.payload::<ArrayObject>(), w.payload::<ArrayObject>()) {
        (Some(_), _) => (v, w),
        (None, Some(_)) => (w, v),
        _ => return Ok(vm.not_implemented.clone()),
    };
    let a = array_of(vm, target)?;
    let Some(n) = index_value(vm, count)? else {
        return Err(vm.new_type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            vm.type_name(count)
        )));
    };
    let n = n.max(0) as usize;
    let data = a.data.borrow().clone();
    if data
        .len()
        .checked_mul(n)
        .is_none_or(|t| t > isize::MAX as usize)
    {
        return Err(vm.new_exception_empty(&vm.exceptions.memory_error));
    }
    let repeated = data.repeat(n);
    if inplace {
        *a.data.borrow_mut() = repeated;
        return Ok(target.clone());
    }
    Ok(new_array(&array_type(vm)?, a.typecode, repeated))
}

// Methods

fn this<'a>(vm: &Vm, args: &Args<'a>) -> PyResult<&'a ArrayObject> {
    array_of(vm, &args.values[0])
}

fn unicode_only(vm: &Vm, a: &ArrayObject, name: &str) -> PyResult<()> {
    if a.typecode.kind != Kind::Char {
        return Err(vm.new_value_error(format!(
            "{name}() may only be called on unicode type arrays"
        )));
    }
    Ok(())
}

static METHODS: &[(&str, NativeFn)] = &[
    ("append", |vm, args| {
        check_arity(vm, "append", args, 2, 2)?;
        push(vm, this(vm, &args)?, &args.values[1])?;
        Ok(vm.none.clone())
    }),
    ("extend", |vm, args| {
        check_arity(vm, "extend", args, 2, 2)?;
        extend(vm, this(vm, &args)?, &args.values[1])?;
        Ok(vm.none.clone())
    }),
    ("insert", |vm, args| {
        check_arity(vm, "insert", args, 3, 3)?;
        let a = this(vm, &args)?;
        let i = crate::objects::getargs::ssize_arg(vm, &args.values[1])?;
        let bytes = encode(vm, a.typecode, &args.values[2])?;
        let len = a.len() as i64;
        let i = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
        let size = a.typecode.size;
        a.data
            .borrow_mut()
            .splice(i * size..i * size, bytes[..size].iter().copied());
        Ok(vm.none.clone())
    }),
    ("pop", |vm, args| {
        check_arity(vm, "pop", args, 1, 2)?;
        let a = this(vm, &args)?;
        let i = match args.values.get(1) {
            Some(i) => crate::objects::getargs::ssize_arg(vm, i)?,
            None => -1,
        };
        let len = a.len() as i64;
        if len == 0 {
            return Err(vm.new_index_error("pop from empty array"));
        }
        let i = if i < 0 { i + len } else { i };
        if i < 0 || i >= len {
            return Err(vm.new_index_error("pop index out of range"));
        }
        let i = i as usize;
        let item = a.item(vm, i).expect("the index is in range");
        let size = a.typecode.size;
        a.data.borrow_mut().drain(i * size..(i + 1) * size);
        Ok(item)
    }),
    ("remove", |vm, args| {
        check_arity(vm, "remove", args, 2, 2)?;
        let a = this(vm, &args)?;
        let mut i = 0;
        while let Some(item) = a.item(vm, i) {
            if vm.eq(&item, &args.values[1])? {
                let size = a.typecode.size;
                let mut data = a.data.borrow_mut();
                if (i + 1) * size <= data.len() {
                    data.drain(i * size..(i + 1) * size);
                }
                return Ok(vm.none.clone());
            }
            i += 1;
        }
        Err(vm.new_value_error("array.remove(x): x not in array"))
    }),
    ("index", |vm, args| {
        let a = this(vm, &args)?;
        let found = crate::objects::sequence::index_method(vm, a.len(), |i| a.item(vm, i), args)?;
        match found {
            Some(i) => Ok(vm.new_int(i as i64)),
            None => Err(vm.new_value_error("array.index(x): x not in array")),
        }
    }),
    ("count", |vm, args| {
        let a = this(vm, &args)?;
        crate::objects::sequence::count_method(vm, |i| a.item(vm, i), args, "array")
    }),
    ("reverse", |vm, args| {
        check_arity(vm, "reverse", args, 1, 1)?;
        let a = this(vm, &args)?;
        let size = a.typecode.size;
        let mut data = a.data.borrow_mut();
        let reversed: Vec<u8> = data.chunks_exact(size).rev().flatten().copied().collect();
        *data = reversed;
        Ok(vm.none.clone())
    }),
    ("byteswap", |vm, args| {
        check_arity(vm, "byteswap", args, 1, 1)?;
        let a = this(vm, &args)?;
        let size = a.typecode.size;
        for item in a.data.borrow_mut().chunks_exact_mut(size) {
            item.reverse();
        }
        Ok(vm.none.clone())
    }),
    ("buffer_info", |vm, args| {
        check_arity(vm, "buffer_info", args, 1, 1)?;
        let a = this(vm, &args)?;
        let address = a.data.borrow().as_ptr() as usize;
        Ok(vm.new_tuple(vec![
            new_big(vm, IBig::from(address)),
            vm.new_int(a.len() as i64),
        ]))
    }),
    ("frombytes", |vm, args| {
        check_arity(vm, "frombytes", args, 2, 2)?;
        let a = this(vm, &args)?;
        let bytes = crate::objects::bytes::buffer_arg(vm, &args.values[1])?.into_owned();
        from_bytes(vm, a, &bytes)?;
        Ok(vm.none.clone())
    }),
    ("tobytes", |vm, args| {
        check_arity(vm, "tobytes", args, 1, 1)?;
        Ok(new_bytes(vm, this(vm, &args)?.data.borrow().clone()))
    }),
    ("fromlist", |vm, args| {
        check_arity(vm, "fromlist", args, 2, 2)?;
        let a = this(vm, &args)?;
        let Some(list) = args.values[1].payload::<ListObject>() else {
            return Err(vm.new_type_error("arg must be list"));
        };
        // All or nothing: a bad item leaves the array as it was.
        let mut bytes = Vec::new();
        for item in list.to_vec() {
            bytes.extend_from_slice(&encode(vm, a.typecode, &item)?[..a.typecode.size]);
        }
        a.data.borrow_mut().extend_from_slice(&bytes);
        Ok(vm.none.clone())
    }),
    ("tolist", |vm, args| {
        check_arity(vm, "tolist", args, 1, 1)?;
        Ok(vm.new_list(this(vm, &args)?.items(vm)))
    }),
    ("fromunicode", |vm, args| {
        check_arity(vm, "fromunicode", args, 2, 2)?;
        let a = this(vm, &args)?;
        let Some(s) = args.values[1].payload::<StrObject>() else {
            return Err(vm.new_type_error(format!(
                "fromunicode() argument must be str, not {}",
                crate::objects::getargs::clinic_type_name(vm, &args.values[1])
            )));
        };
        unicode_only(vm, a, "fromunicode")?;
        from_unicode(a, s);
        Ok(vm.none.clone())
    }),
    ("tounicode", |vm, args| {
        check_arity(vm, "tounicode", args, 1, 1)?;
        let a = this(vm, &args)?;
        unicode_only(vm, a, "tounicode")?;
        Ok(to_unicode(vm, a))
    }),
    ("fromfile", |vm, args| {
        check_arity(vm, "fromfile", args, 3, 3)?;
        let a = this(vm, &args)?;
        let n = crate::objects::getargs::ssize_arg(vm, &args.values[2])?;
        if n < 0 {
            return Err(vm.new_value_error("negative count"));
        }
        let size = a.typecode.size;
        let Some(wanted) = (n as usize).checked_mul(size) else {
            return Err(vm.new_exception_empty(&vm.exceptions.memory_error));
        };
        let read = vm.call_method(&args.values[1], "read", &[vm.new_int(wanted as i64)])?;
        let Some(bytes) = read.payload::<crate::objects::bytes::BytesObject>() else {
            return Err(vm.new_type_error("read() didn't return bytes"));
        };
        let whole = bytes.bytes.len() / size * size;
        a.data.borrow_mut().extend_from_slice(&bytes.bytes[..whole]);
        if bytes.bytes.len() != wanted {
            return Err(vm.new_exception(
                &vm.exceptions.eof_error,
                "read() didn't return enough bytes",
            ));
        }
        Ok(vm.none.clone())
    }),
    ("tofile", |vm, args| {
        check_arity(vm, "tofile", args, 2, 2)?;
        let a = this(vm, &args)?;
        // Written in blocks, as CPython, so that a file sees the same
        // writes.
        const BLOCK: usize = 64 * 1024;
        let data = a.data.borrow().clone();
        for block in data.chunks(BLOCK) {
            vm.call_method(&args.values[1], "write", &[new_bytes(vm, block.to_vec())])?;
        }
        Ok(vm.none.clone())
    }),
    ("__copy__", |vm, args| {
        check_arity(vm, "__copy__", args, 1, 1)?;
        let a = this(vm, &args)?;
        Ok(new_array(
            &array_type(vm)?,
            a.typecode,
            a.data.borrow().clone(),
        ))
    }),
    ("__deepcopy__", |vm, args| {
        check_arity(vm, "__deepcopy__", args, 2, 2)?;
        let a = this(vm, &args)?;
        Ok(new_array(
            &array_type(vm)?,
            a.typecode,
            a.data.borrow().clone(),
        ))
    }),
    ("__reduce_ex__", |vm, args| {
        check_arity(vm, "__reduce_ex__", args, 2, 2)?;
        let o = &args.values[0];
        let a = this(vm, &args)?;
        let protocol = crate::objects::getargs::int_arg(vm, &args.values[1])?;
        let dict = vm
            .getattr_opt(o, &vm.names.__dict__)?
            .unwrap_or_else(|| vm.none.clone());
        let code = vm.new_str(&(a.typecode.code as char).to_string());
        let ty = vm.type_of(o).clone();
        if protocol < 3 {
            let list = vm.new_list(a.items(vm));
            return Ok(vm.new_tuple(vec![ty, vm.new_tuple(vec![code, list]), dict]));
        }
        let reconstructor = vm.getattr_str(&import_array(vm)?, "_array_reconstructor")?;
        let format = vm.new_int(i64::from(machine_format(a.typecode)));
        let bytes = new_bytes(vm, a.data.borrow().clone());
        Ok(vm.new_tuple(vec![
            reconstructor,
            vm.new_tuple(vec![ty, code, format, bytes]),
            dict,
        ]))
    }),
    ("__sizeof__", |vm, args| {
        check_arity(vm, "__sizeof__", args, 1, 1)?;
        let a = this(vm, &args)?;
        Ok(vm.new_int(64 + a.data.borrow().capacity() as i64))
    }),
];

fn import_array(vm: &Vm) -> PyResult<Object> {
    crate::import::import_module(vm, "array")
}

// The machine formats of pickles (`enum machine_format_code`): how an
// array's bytes were laid out where it was pickled.

/// A machine format: item size, kind, and whether big-endian.
fn machine_layout(format: i64) -> Option<(usize, Kind, bool)> {
    let big = format % 2 == 1;
    Some(match format {
        0 => (1, Kind::Unsigned, false),
        1 => (1, Kind::Signed, false),
        2 | 3 => (2, Kind::Unsigned, big),
        4 | 5 => (2, Kind::Signed, big),
        6 | 7 => (4, Kind::Unsigned, big),
        8 | 9 => (4, Kind::Signed, big),
        10 | 11 => (8, Kind::Unsigned, big),
        12 | 13 => (8, Kind::Signed, big),
        14 | 15 => (4, Kind::Float, big),
        16 | 17 => (8, Kind::Float, big),
        18 | 19 => (2, Kind::Char, big),
        20 | 21 => (4, Kind::Char, big),
        _ => return None,
    })
}

/// The machine format of a typecode here (little-endian x86-64).
fn machine_format(t: TypeCode) -> u8 {
    match (t.size, t.kind) {
        (1, Kind::Unsigned) => 0,
        (1, _) => 1,
        (2, Kind::Unsigned) => 2,
        (2, _) => 4,
        (4, Kind::Unsigned) => 6,
        (4, Kind::Signed) => 8,
        (8, Kind::Unsigned) => 10,
        (8, Kind::Signed) => 12,
        (4, Kind::Float) => 14,
        (8, Kind::Float) => 16,
        // 'u', UTF-32.
        _ => 20,
    }
}

/// `_array_reconstructor(arraytype, typecode, mformat_code, items)`:
/// an array from a pickle, converting the bytes' layout if needed.
fn array_reconstructor(vm: &Vm, args: Args) -> PyResult {
    check_function_arity(vm, "_array_reconstructor", args, 4, 4)?;
    let [ty, code, format, items] = [
        &args.values[0],
        &args.values[1],
        &args.values[2],
        &args.values[3],
    ];
    if ty.payload::<crate::typeobject::TypeObject>().is_none() {
        return Err(vm.new_type_error(format!(
            "first argument must be a type object, not {}",
            vm.type_name(ty)
        )));
    }
    let base = array_type(vm)?;
    if !crate::typeobject::is_subtype(ty, &base) {
        return Err(vm.new_type_error(format!(
            "{} is not a subtype of array.array",
            crate::object::type_payload(ty).tp_name(vm)
        )));
    }
    let t = code
        .payload::<StrObject>()
        .filter(|s| s.len() == 1)
        .and_then(|s| u8::try_from(s.code_point(0)).ok())
        .and_then(typecode)
        .ok_or_else(|| vm.new_value_error("second argument must be a valid type code"))?;
    let layout = crate::objects::getargs::int_arg(vm, format)
        .ok()
        .and_then(|f| machine_layout(i64::from(f)))
        .ok_or_else(|| vm.new_value_error("third argument must be a valid machine format code."))?;
    let Some(bytes) = items.payload::<crate::objects::bytes::BytesObject>() else {
        return Err(vm.new_type_error(format!(
            "fourth argument should be bytes, not {}",
            vm.type_name(items)
        )));
    };
    let (size, kind, big) = layout;
    if bytes.bytes.len() % size != 0 {
        return Err(vm.new_value_error("bytes length not a multiple of item size"));
    }
    let array = new_array(ty, t, Vec::new());
    let a = array_of(vm, &array)?;
    if (size, kind, big) == (t.size, t.kind, false) {
        a.data.borrow_mut().extend_from_slice(&bytes.bytes);
        return Ok(array);
    }
    for chunk in bytes.bytes.chunks_exact(size) {
        let item = decode_machine(vm, chunk, size, kind, big)?;
        push(vm, a, &item)?;
    }
    Ok(array)
}

/// One item of a pickled array in another machine's layout.
fn decode_machine(vm: &Vm, chunk: &[u8], size: usize, kind: Kind, big: bool) -> PyResult {
    let mut word = [0u8; 8];
    if big {
        for (w, b) in word.iter_mut().zip(chunk.iter().rev()) {
            *w = *b;
        }
    } else {
        word[..size].copy_from_slice(chunk);
    }
    let raw = u64::from_le_bytes(word);
    let t = TypeCode {
        code: 0,
        size,
        kind,
    };
    if kind == Kind::Char && size == 2 {
        return Ok(crate::objects::str::new_from_code_points(
            vm,
            &[u32::from(raw as u16)],
        ));
    }
    Ok(decode(vm, t, &raw.to_ne_bytes()[..size]))
}
