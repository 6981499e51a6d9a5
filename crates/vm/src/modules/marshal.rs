//! `marshal` (Python/marshal.c): CPython's serialization of the values a
//! code object can hold, code objects included, in CPython's format
//! (version 4: references to repeated objects, short ASCII strings).
//! The import system writes and reads Krait's bytecode cache with it,
//! so a `.pyc` under Krait's cache tag holds a code object as CPython
//! would marshal the same code.

use crate::errors::{PyErr, PyResult};
use crate::object::Object;
use crate::objects::bytes::BytesObject;
use crate::objects::code::CodePayload;
use crate::objects::complex::ComplexObject;
use crate::objects::dict::DictObject;
use crate::objects::float::FloatObject;
use crate::objects::function::NativeFn;
use crate::objects::int::{bind_args, int_value, IBig, IntValue};
use crate::objects::list::ListObject;
use crate::objects::set::SetObject;
use crate::objects::str::StrObject;
use crate::objects::tuple::TupleObject;
use crate::vm::Vm;
use std::collections::HashMap;

/// The format `dumps` writes unless told otherwise.
const VERSION: i64 = 4;

/// How deep containers may nest (`MAX_MARSHAL_STACK_DEPTH`).
const MAX_DEPTH: usize = 2000;

/// Set on a type code when the object may be referred to again.
const FLAG_REF: u8 = 0x80;

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    super::add_functions(vm, module, FUNCTIONS);
    super::set_attr(vm, module, "version", vm.new_int(VERSION));
    Ok(())
}

static FUNCTIONS: &[(&str, NativeFn)] = &[
    ("dumps", |vm, args| {
        let bound = bind_args(vm, "dumps", args, &["", ""], 2, 1)?;
        let version = version_arg(vm, bound[1].as_ref())?;
        let bytes = dumps(vm, bound[0].as_ref().expect("required"), version)?;
        Ok(crate::objects::bytes::new_bytes(vm, bytes))
    }),
    ("loads", |vm, args| {
        let bound = bind_args(vm, "loads", args, &[""], 1, 1)?;
        let data = crate::objects::bytes::buffer_arg(vm, bound[0].as_ref().expect("required"))?;
        loads(vm, &data)
    }),
    ("dump", |vm, args| {
        let bound = bind_args(vm, "dump", args, &["", "", ""], 3, 2)?;
        let version = version_arg(vm, bound[2].as_ref())?;
        let bytes = dumps(vm, bound[0].as_ref().expect("required"), version)?;
        let file = bound[1].as_ref().expect("required");
        vm.call_method(
            file,
            "write",
            &[crate::objects::bytes::new_bytes(vm, bytes)],
        )
    }),
    ("load", |vm, args| {
        let bound = bind_args(vm, "load", args, &[""], 1, 1)?;
        load(vm, bound[0].as_ref().expect("required"))
    }),
];

fn version_arg(vm: &Vm, version: Option<&Object>) -> PyResult<i64> {
    match version {
        Some(v) => Ok(i64::from(crate::objects::getargs::int_arg(vm, v)?)),
        None => Ok(VERSION),
    }
}

/// `marshal.dumps(value, version)`.
pub fn dumps(vm: &Vm, value: &Object, version: i64) -> PyResult<Vec<u8>> {
    let mut writer = Writer {
        vm,
        out: Vec::new(),
        version,
        refs: HashMap::new(),
        depth: 0,
    };
    writer.object(value)?;
    Ok(writer.out)
}

/// `marshal.loads(data)`: the first object of `data`.
pub fn loads(vm: &Vm, data: &[u8]) -> PyResult {
    let mut reader = Reader {
        vm,
        source: Source::Bytes { data, pos: 0 },
        refs: Vec::new(),
        depth: 0,
    };
    reader.object()
}

/// `marshal.load(file)`: reads exactly the bytes of one object, with
/// the file's `readinto`, so the file is left just after it.
fn load(vm: &Vm, file: &Object) -> PyResult {
    let mut reader = Reader {
        vm,
        source: Source::File {
            file,
            buffer: Vec::new(),
        },
        refs: Vec::new(),
        depth: 0,
    };
    reader.object()
}

struct Writer<'a> {
    vm: &'a Vm,
    out: Vec<u8>,
    version: i64,
    /// Objects written with FLAG_REF, by identity, and their index.
    refs: HashMap<usize, u32>,
    depth: usize,
}

impl Writer<'_> {
    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }

    fn long(&mut self, n: i32) {
        self.out.extend_from_slice(&n.to_le_bytes());
    }

    fn size(&mut self, n: usize) -> PyResult<()> {
        let n = i32::try_from(n).map_err(|_| self.unmarshallable())?;
        self.long(n);
        Ok(())
    }

    fn bytes_with_size(&mut self, bytes: &[u8]) -> PyResult<()> {
        self.size(bytes.len())?;
        self.out.extend_from_slice(bytes);
        Ok(())
    }

    fn unmarshallable(&self) -> PyErr {
        self.vm.new_value_error("unmarshallable object")
    }

    /// Writes a back-reference if `value` was written before, else
    /// gives the flag its type code gets (`w_ref`): an object that
    /// something else also holds may be met again.
    fn reference(&mut self, value: &Object) -> Option<u8> {
        if self.version < 3 || value.as_small_int().is_some() || value.refcount() == 1 {
            return Some(0);
        }
        if let Some(&index) = self.refs.get(&value.id()) {
            self.byte(b'r');
            self.long(index as i32);
            return None;
        }
        let index = self.refs.len() as u32;
        self.refs.insert(value.id(), index);
        Some(FLAG_REF)
    }

    fn object(&mut self, value: &Object) -> PyResult<()> {
        self.depth += 1;
        let result = if self.depth > MAX_DEPTH {
            Err(self
                .vm
                .new_value_error("object too deeply nested to marshal"))
        } else {
            self.object_inner(value)
        };
        self.depth -= 1;
        result
    }

    fn object_inner(&mut self, value: &Object) -> PyResult<()> {
        let vm = self.vm;
        if vm.is_none(value) {
            self.byte(b'N');
            return Ok(());
        }
        if value.is(&vm.false_) {
            self.byte(b'F');
            return Ok(());
        }
        if value.is(&vm.true_) {
            self.byte(b'T');
            return Ok(());
        }
        if value.is(&vm.ellipsis) {
            self.byte(b'.');
            return Ok(());
        }
        if value.is(&vm.exceptions.stop_iteration) {
            self.byte(b'S');
            return Ok(());
        }
        let ty = vm.type_of(value).clone();
        let Some(flag) = self.reference(value) else {
            return Ok(());
        };
        let types = &vm.types;
        if ty.is(&types.int) {
            self.int(value, flag);
        } else if ty.is(&types.float) {
            let f = value.payload::<FloatObject>().expect("a float").value;
            self.byte(b'g' | flag);
            self.out.extend_from_slice(&f.to_le_bytes());
        } else if ty.is(&types.complex) {
            let c = value.payload::<ComplexObject>().expect("a complex");
            self.byte(b'y' | flag);
            self.out.extend_from_slice(&c.real.to_le_bytes());
            self.out.extend_from_slice(&c.imag.to_le_bytes());
        } else if ty.is(&types.str) {
            self.str(value, flag)?;
        } else if ty.is(&types.bytes) {
            self.byte(b's' | flag);
            let bytes = &value.payload::<BytesObject>().expect("bytes").bytes;
            self.bytes_with_size(bytes)?;
        } else if ty.is(&types.tuple) {
            let items = value.payload::<TupleObject>().expect("a tuple").items();
            self.sequence(items, flag, true)?;
        } else if ty.is(&types.list) {
            let items = value
                .payload::<ListObject>()
                .expect("a list")
                .items
                .borrow()
                .clone();
            self.byte(b'[' | flag);
            self.items(&items)?;
        } else if ty.is(&types.dict) {
            self.byte(b'{' | flag);
            let dict = &value.payload::<DictObject>().expect("a dict").dict;
            for (key, item) in dict.items() {
                self.object(&key)?;
                self.object(&item)?;
            }
            self.byte(b'0');
        } else if ty.is(&types.set) || ty.is(&types.frozenset) {
            let code = if ty.is(&types.set) { b'<' } else { b'>' };
            self.byte(code | flag);
            let items = value.payload::<SetObject>().expect("a set").keys();
            self.items(&items)?;
        } else if ty.is(&types.code) {
            self.code(value.payload::<CodePayload>().expect("a code object"), flag)?;
        } else if let Some(bytes) = crate::objects::bytes::bytes_view(value) {
            // Other buffers (bytearray, memoryview, array) are written as
            // bytes, which is what they read back as.
            self.byte(b's' | flag);
            self.bytes_with_size(&bytes)?;
        } else {
            return Err(self.unmarshallable());
        }
        Ok(())
    }

    /// An int in 32 bits when it fits, else in 15-bit digits with the
    /// sign on their count.
    fn int(&mut self, value: &Object, flag: u8) {
        let big = match int_value(value).expect("an int") {
            IntValue::Small(i) => match i32::try_from(i) {
                Ok(i) => {
                    self.byte(b'i' | flag);
                    self.long(i);
                    return;
                }
                Err(_) => IBig::from(i),
            },
            IntValue::Big(b) => b.clone(),
        };
        self.byte(b'l' | flag);
        let negative = big < IBig::from(0);
        let mut magnitude = if negative { -big } else { big };
        let mask = IBig::from(0x7fff);
        let mut digits = Vec::new();
        while magnitude > IBig::from(0) {
            let digit = u16::try_from(&(&magnitude & &mask)).unwrap_or_default();
            digits.push(digit);
            magnitude >>= 15;
        }
        let count = digits.len() as i32;
        self.long(if negative { -count } else { count });
        for d in digits {
            self.out.extend_from_slice(&d.to_le_bytes());
        }
    }

    fn str(&mut self, value: &Object, flag: u8) -> PyResult<()> {
        let s = value.payload::<StrObject>().expect("a str");
        let interned = self.vm.is_interned(value);
        if let (Some(ascii), true) = (s.as_ascii(), self.version >= 4) {
            let ascii = ascii.as_bytes();
            if ascii.len() < 256 {
                self.byte(if interned { b'Z' } else { b'z' } | flag);
                self.byte(ascii.len() as u8);
                self.out.extend_from_slice(ascii);
            } else {
                self.byte(if interned { b'A' } else { b'a' } | flag);
                self.bytes_with_size(ascii)?;
            }
            return Ok(());
        }
        let utf8 = match s.to_str() {
            Some(text) => text.into_owned().into_bytes(),
            None => {
                let encoded = self.vm.call_method(
                    value,
                    "encode",
                    &[self.vm.new_str("utf-8"), self.vm.new_str("surrogatepass")],
                )?;
                encoded
                    .payload::<BytesObject>()
                    .expect("bytes")
                    .bytes
                    .to_vec()
            }
        };
        self.byte(
            if interned && self.version >= 1 {
                b't'
            } else {
                b'u'
            } | flag,
        );
        self.bytes_with_size(&utf8)
    }

    fn sequence(&mut self, items: &[Object], flag: u8, tuple: bool) -> PyResult<()> {
        if tuple && self.version >= 4 && items.len() < 256 {
            self.byte(b')' | flag);
            self.byte(items.len() as u8);
            for item in items {
                self.object(item)?;
            }
            return Ok(());
        }
        self.byte(b'(' | flag);
        self.items(items)
    }

    fn items(&mut self, items: &[Object]) -> PyResult<()> {
        self.size(items.len())?;
        for item in items {
            self.object(item)?;
        }
        Ok(())
    }

    /// A code object's fields in the order 3.11's marshal writes them;
    /// `co_code` is the wordcode as compiled, before quickening.
    fn code(&mut self, code: &CodePayload, flag: u8) -> PyResult<()> {
        let vm = self.vm;
        let c = &code.code;
        self.byte(b'c' | flag);
        for field in [
            c.argcount,
            c.posonlyargcount,
            c.kwonlyargcount,
            c.stacksize,
            c.flags,
        ] {
            self.long(field as i32);
        }
        self.object(&crate::objects::bytes::new_bytes(vm, c.code.clone()))?;
        self.object(&vm.new_tuple(code.consts.clone()))?;
        self.object(&vm.new_tuple(code.names.clone()))?;
        self.object(&vm.new_tuple(code.localsplusnames.clone()))?;
        self.object(&crate::objects::bytes::new_bytes(
            vm,
            c.localspluskinds.clone(),
        ))?;
        self.object(&code.filename())?;
        self.object(&code.name)?;
        self.object(&code.qualname)?;
        self.long(c.firstlineno as i32);
        self.object(&crate::objects::bytes::new_bytes(vm, c.linetable.clone()))?;
        self.object(&crate::objects::bytes::new_bytes(
            vm,
            c.exceptiontable.clone(),
        ))
    }
}

/// Where a reader's bytes come from.
enum Source<'a> {
    Bytes { data: &'a [u8], pos: usize },
    File { file: &'a Object, buffer: Vec<u8> },
}

struct Reader<'a> {
    vm: &'a Vm,
    source: Source<'a>,
    /// Objects read with FLAG_REF, in order; None while one is being
    /// built (a code object's slot is taken before its fields are read).
    refs: Vec<Option<Object>>,
    depth: usize,
}

impl Reader<'_> {
    fn bad(&self, what: &str) -> PyErr {
        self.vm
            .new_value_error(format!("bad marshal data ({what})"))
    }

    fn take(&mut self, n: usize) -> PyResult<&[u8]> {
        let vm = self.vm;
        match &mut self.source {
            Source::Bytes { data, pos } => {
                if data.len() - *pos < n {
                    return Err(
                        vm.new_exception(&vm.exceptions.eof_error, "marshal data too short")
                    );
                }
                let start = *pos;
                *pos += n;
                Ok(&data[start..start + n])
            }
            Source::File { file, buffer } => {
                let chunk = crate::objects::bytes::Kind::ByteArray.make(vm, vec![0; n]);
                let read = vm.call_method(file, "readinto", std::slice::from_ref(&chunk))?;
                let read = crate::objects::int::index_value(vm, &read)?.unwrap_or(0);
                if read as usize != n {
                    return Err(
                        vm.new_exception(&vm.exceptions.eof_error, "EOF read where not expected")
                    );
                }
                *buffer = crate::objects::bytes::bytes_view(&chunk)
                    .map(|b| b.into_owned())
                    .unwrap_or_default();
                Ok(&buffer[..])
            }
        }
    }

    fn byte(&mut self) -> PyResult<u8> {
        Ok(self.take(1)?[0])
    }

    fn long(&mut self) -> PyResult<i32> {
        let b = self.take(4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn size(&mut self) -> PyResult<usize> {
        usize::try_from(self.long()?).map_err(|_| self.bad("size out of range"))
    }

    fn f64(&mut self) -> PyResult<f64> {
        let b = self.take(8)?;
        Ok(f64::from_le_bytes(b.try_into().expect("8 bytes")))
    }

    fn object(&mut self) -> PyResult {
        let vm = self.vm;
        let code = match self.byte() {
            Ok(code) => code,
            Err(_) => {
                return Err(
                    vm.new_exception(&vm.exceptions.eof_error, "EOF read where object expected")
                )
            }
        };
        self.object_from(code)
    }

    /// The object whose type code has been read.
    fn object_from(&mut self, code: u8) -> PyResult {
        self.depth += 1;
        let result = if self.depth > MAX_DEPTH {
            Err(self.vm.new_value_error("recursion limit exceeded"))
        } else {
            self.object_inner(code)
        };
        self.depth -= 1;
        result
    }

    /// An object, and its slot among the references if it is flagged.
    fn object_inner(&mut self, code: u8) -> PyResult {
        let vm = self.vm;
        let flagged = code & FLAG_REF != 0;
        let slot = flagged.then(|| {
            self.refs.push(None);
            self.refs.len() - 1
        });
        let value = match code & !FLAG_REF {
            b'0' => return Err(self.bad("NULL object")),
            b'N' => vm.none.clone(),
            b'F' => vm.false_.clone(),
            b'T' => vm.true_.clone(),
            b'.' => vm.ellipsis.clone(),
            b'S' => vm.exceptions.stop_iteration.clone(),
            b'i' => vm.new_int(i64::from(self.long()?)),
            b'l' => self.int()?,
            b'g' => vm.new_float(self.f64()?),
            b'y' => {
                let real = self.f64()?;
                let imag = self.f64()?;
                crate::objects::complex::new_complex(vm, real, imag)
            }
            b'f' => {
                let text = self.short_text()?;
                vm.new_float(text.parse().map_err(|_| self.bad("float"))?)
            }
            b'x' => {
                let real = self
                    .short_text()?
                    .parse()
                    .map_err(|_| self.bad("complex"))?;
                let imag = self
                    .short_text()?
                    .parse()
                    .map_err(|_| self.bad("complex"))?;
                crate::objects::complex::new_complex(vm, real, imag)
            }
            b's' => {
                let n = self.size()?;
                crate::objects::bytes::new_bytes(vm, self.take(n)?.to_vec())
            }
            b'z' | b'Z' => {
                let n = usize::from(self.byte()?);
                self.ascii(n, code & !FLAG_REF == b'Z')?
            }
            b'a' | b'A' => {
                let n = self.size()?;
                self.ascii(n, code & !FLAG_REF == b'A')?
            }
            b'u' | b't' => {
                let n = self.size()?;
                let bytes = self.take(n)?.to_vec();
                match std::str::from_utf8(&bytes) {
                    Ok(text) if code & !FLAG_REF == b't' => vm.intern(text),
                    Ok(text) => vm.new_str(text),
                    Err(_) => {
                        let object = crate::objects::bytes::new_bytes(vm, bytes.clone());
                        crate::objects::str::decode_to_str(
                            vm,
                            &object,
                            &bytes,
                            "utf-8",
                            "surrogatepass",
                        )?
                    }
                }
            }
            b')' => {
                let n = usize::from(self.byte()?);
                let items = self.items(n)?;
                vm.new_tuple(items)
            }
            b'(' => {
                let n = self.size()?;
                let items = self.items(n)?;
                vm.new_tuple(items)
            }
            b'[' => {
                let n = self.size()?;
                let items = self.items(n)?;
                vm.new_list(items)
            }
            b'{' => {
                let dict = vm.new_dict();
                if let Some(slot) = slot {
                    self.refs[slot] = Some(dict.clone());
                }
                loop {
                    let key_code = self.byte()?;
                    if key_code == b'0' {
                        break;
                    }
                    let key = self.object_from(key_code)?;
                    let value = self.object()?;
                    vm.setitem(&dict, &key, Some(&value))?;
                }
                dict
            }
            b'<' | b'>' => {
                let n = self.size()?;
                let items = self.items(n)?;
                if code & !FLAG_REF == b'<' {
                    crate::objects::set::new_set(vm, items)?
                } else {
                    crate::objects::set::new_frozenset(vm, items)?
                }
            }
            b'c' => self.code()?,
            b'r' => {
                let index = self.size()?;
                return match self.refs.get(index) {
                    Some(Some(o)) => Ok(o.clone()),
                    _ => Err(self.bad("invalid reference")),
                };
            }
            _ => return Err(self.bad("unknown type code")),
        };
        if let Some(slot) = slot {
            self.refs[slot] = Some(value.clone());
        }
        Ok(value)
    }

    fn items(&mut self, n: usize) -> PyResult<Vec<Object>> {
        let mut items = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            items.push(self.object()?);
        }
        Ok(items)
    }

    fn ascii(&mut self, n: usize, interned: bool) -> PyResult {
        let bytes = self.take(n)?;
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Err(self.bad("not ASCII"));
        };
        let text = text.to_string();
        Ok(if interned {
            self.vm.intern(&text)
        } else {
            self.vm.new_str(&text)
        })
    }

    /// The text of a version-0 float: a length byte, then the digits.
    fn short_text(&mut self) -> PyResult<String> {
        let n = usize::from(self.byte()?);
        Ok(String::from_utf8_lossy(self.take(n)?).into_owned())
    }

    fn int(&mut self) -> PyResult {
        let n = self.long()?;
        let count = n.unsigned_abs() as usize;
        let mut value = IBig::from(0);
        let mut digits = Vec::with_capacity(count.min(1 << 16));
        for _ in 0..count {
            let b = self.take(2)?;
            let digit = u16::from_le_bytes([b[0], b[1]]);
            if digit > 0x7fff {
                return Err(self.bad("digit out of range in long"));
            }
            digits.push(digit);
        }
        if digits.last() == Some(&0) {
            return Err(self.bad("unnormalized long data"));
        }
        for digit in digits.into_iter().rev() {
            value = (value << 15) + IBig::from(digit);
        }
        if n < 0 {
            value = -value;
        }
        Ok(crate::objects::int::new_big(self.vm, value))
    }

    /// A code object: its slot among the references is the one taken
    /// for its type code, filled once it is made.
    fn code(&mut self) -> PyResult {
        let vm = self.vm;
        let mut fields = [0u32; 5];
        for field in &mut fields {
            *field = u32::try_from(self.long()?).map_err(|_| self.bad("code field"))?;
        }
        let code = self.bytes_field()?;
        let consts = self.object()?;
        let Some(consts) = consts.payload::<TupleObject>().map(|t| t.items().to_vec()) else {
            return Err(self.bad("code constants"));
        };
        let names = self.names()?;
        let localsplusnames = self.names()?;
        let localspluskinds = self.bytes_field()?;
        let filename = self.text()?;
        let name = self.text()?;
        let qualname = self.text()?;
        let firstlineno = u32::try_from(self.long()?).map_err(|_| self.bad("code field"))?;
        let linetable = self.bytes_field()?;
        let exceptiontable = self.bytes_field()?;
        if code.len() % 2 != 0 || localspluskinds.len() != localsplusnames.len() {
            return Err(self.bad("code object"));
        }
        let [argcount, posonlyargcount, kwonlyargcount, stacksize, flags] = fields;
        let code = krait_compiler::code::CodeObject {
            argcount,
            posonlyargcount,
            kwonlyargcount,
            stacksize,
            flags,
            code,
            consts: Vec::new(),
            names,
            localsplusnames,
            localspluskinds,
            filename,
            name,
            qualname,
            firstlineno,
            linetable,
            exceptiontable,
        };
        crate::objects::code::code_from_parts(vm, code, consts)
    }

    fn bytes_field(&mut self) -> PyResult<Vec<u8>> {
        let o = self.object()?;
        match o.payload::<BytesObject>() {
            Some(b) => Ok(b.bytes.to_vec()),
            None => Err(self.bad("code field")),
        }
    }

    fn text(&mut self) -> PyResult<String> {
        let o = self.object()?;
        match o.payload::<StrObject>() {
            Some(s) => Ok(s.to_string_lossy()),
            None => Err(self.bad("code field")),
        }
    }

    fn names(&mut self) -> PyResult<Vec<String>> {
        let o = self.object()?;
        let Some(items) = o.payload::<TupleObject>().map(|t| t.items().to_vec()) else {
            return Err(self.bad("code field"));
        };
        items
            .iter()
            .map(|item| match item.payload::<StrObject>() {
                Some(s) => Ok(s.to_string_lossy()),
                None => Err(self.bad("code field")),
            })
            .collect()
    }
}
