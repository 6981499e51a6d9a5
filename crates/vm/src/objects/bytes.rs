//! `bytes` (Objects/bytesobject.c).

use crate::object::{self, type_payload, Object};
use crate::vm::Vm;

pub struct BytesObject {
    pub bytes: Box<[u8]>,
}

pub fn new_bytes(vm: &Vm, bytes: Vec<u8>) -> Object {
    object::alloc(
        &vm.types.bytes,
        BytesObject {
            bytes: bytes.into_boxed_slice(),
        },
    )
}

/// `repr(bytes)`: `b'...'`, single quotes unless the bytes hold a single
/// quote and no double one.
pub fn bytes_repr(bytes: &[u8]) -> String {
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(bytes.len() + 3);
    out.push('b');
    out.push(quote);
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b if b == quote as u8 => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(b as char),
            b => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote);
    out
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.bytes);
    tp.slots.repr.set(Some(|vm, b| {
        let b = b.payload::<BytesObject>().expect("a bytes");
        Ok(vm.new_str(&bytes_repr(&b.bytes)))
    }));
    tp.slots.length.set(Some(|_, b| {
        Ok(b.payload::<BytesObject>().expect("a bytes").bytes.len())
    }));
    tp.slots.hash.set(Some(|vm, b| {
        Ok(crate::objects::hash::hash_bytes(
            vm,
            &b.payload::<BytesObject>().expect("a bytes").bytes,
        ))
    }));
    crate::slots::add_slot_wrappers(vm, &vm.types.bytes);
}
