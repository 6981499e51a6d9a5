//! `_blake2` (Modules/_blake2/blake2module.c, blake2b_impl.c and
//! blake2s_impl.c): the `blake2b` and `blake2s` types, whose
//! constructors take BLAKE2's key, salt, personalization and tree
//! parameters. The algorithm is in `engine.rs`.

pub mod engine;

use super::hash_object::{data_arg, new_hash_type, unsigned_arg, Algorithm, HashObject};
use crate::errors::PyResult;
use crate::object::{type_payload, Object};
use crate::objects::bytes::buffer_arg;
use crate::objects::getargs::int_arg;
use crate::typeobject::Args;
use crate::vm::Vm;
use engine::{Blake2, Params, Word};

static BLAKE2B: Algorithm = Algorithm {
    name: "blake2b",
    digest_size: 64,
    block_size: 128,
};

static BLAKE2S: Algorithm = Algorithm {
    name: "blake2s",
    digest_size: 32,
    block_size: 64,
};

/// The limits of a variant, which its constants and messages give.
struct Sizes {
    digest: usize,
    key: usize,
    salt: usize,
    person: usize,
}

const BLAKE2B_SIZES: Sizes = Sizes {
    digest: 64,
    key: 64,
    salt: 16,
    person: 16,
};

const BLAKE2S_SIZES: Sizes = Sizes {
    digest: 32,
    key: 32,
    salt: 8,
    person: 8,
};

/// The constructor's parameters after the data, all keyword-only.
const OPTIONS: [&str; 13] = [
    "",
    "digest_size",
    "key",
    "salt",
    "person",
    "fanout",
    "depth",
    "leaf_size",
    "node_offset",
    "node_depth",
    "inner_size",
    "last_node",
    "usedforsecurity",
];

/// `blake2b(data=b'', /, *, digest_size=64, key=b'', salt=b'',
/// person=b'', fanout=1, depth=1, leaf_size=0, node_offset=0,
/// node_depth=0, inner_size=0, last_node=False, usedforsecurity=True)`
/// and its BLAKE2s twin: the arguments are converted first, then
/// checked in CPython's order.
fn new_blake2<W: Word>(
    vm: &Vm,
    ty: &Object,
    args: Args,
    algorithm: &'static Algorithm,
    sizes: &Sizes,
) -> PyResult {
    let bound = crate::objects::int::bind_args(vm, algorithm.name, args, &OPTIONS, 1, 0)?;
    let small = |i: usize, default: i32| bound[i].as_ref().map_or(Ok(default), |v| int_arg(vm, v));
    let bytes = |i: usize| -> PyResult<Vec<u8>> {
        bound[i]
            .as_ref()
            .map_or(Ok(Vec::new()), |v| Ok(buffer_arg(vm, v)?.into_owned()))
    };
    let digest_size = small(1, sizes.digest as i32)?;
    let key = bytes(2)?;
    let salt = bytes(3)?;
    let person = bytes(4)?;
    let fanout = small(5, 1)?;
    let depth = small(6, 1)?;
    let leaf_size = match &bound[7] {
        Some(v) => unsigned_arg(vm, v, "Python int too large to convert to C unsigned long")?,
        None => 0,
    };
    let node_offset = match &bound[8] {
        Some(v) => unsigned_arg(vm, v, "int too big to convert")?,
        None => 0,
    };
    let node_depth = small(9, 0)?;
    let inner_size = small(10, 0)?;
    let last_node = match &bound[11] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    if let Some(v) = &bound[12] {
        vm.is_true(v)?;
    }
    let byte_in = |value: i32, low: i32, message: String| {
        u8::try_from(value)
            .ok()
            .filter(|&b| i32::from(b) >= low)
            .ok_or_else(|| vm.new_value_error(message))
    };
    let digest_size = u8::try_from(digest_size)
        .ok()
        .filter(|&d| d >= 1 && usize::from(d) <= sizes.digest)
        .ok_or_else(|| {
            vm.new_value_error(format!(
                "digest_size must be between 1 and {} bytes",
                sizes.digest
            ))
        })?;
    for (value, limit, what) in [
        (&salt, sizes.salt, "salt"),
        (&person, sizes.person, "person"),
    ] {
        if value.len() > limit {
            return Err(vm.new_value_error(format!("maximum {what} length is {limit} bytes")));
        }
    }
    let fanout = byte_in(fanout, 0, "fanout must be between 0 and 255".into())?;
    let depth = byte_in(depth, 1, "depth must be between 1 and 255".into())?;
    let leaf_size =
        u32::try_from(leaf_size).map_err(|_| vm.new_overflow_error("leaf_size is too large"))?;
    if W::BYTES == 4 && node_offset >= 1 << 48 {
        return Err(vm.new_overflow_error("node_offset is too large"));
    }
    let node_depth = byte_in(node_depth, 0, "node_depth must be between 0 and 255".into())?;
    let inner_size = u8::try_from(inner_size)
        .ok()
        .filter(|&i| usize::from(i) <= sizes.digest)
        .ok_or_else(|| {
            vm.new_value_error(format!(
                "inner_size must be between 0 and is {}",
                sizes.digest
            ))
        })?;
    if key.len() > sizes.key {
        return Err(vm.new_value_error(format!("maximum key length is {} bytes", sizes.key)));
    }
    let state = Blake2::<W>::new(&Params {
        digest_size,
        key: &key,
        salt: &salt,
        person: &person,
        fanout,
        depth,
        leaf_size,
        node_offset,
        node_depth,
        inner_size,
        last_node,
    });
    let hash = HashObject::new(algorithm, Box::new(state)).with_digest_size(digest_size.into());
    if let Some(data) = &bound[0] {
        hash.update(&data_arg(vm, data)?);
    }
    Ok(crate::object::alloc(ty, hash))
}

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let blake2b = new_hash_type(
        vm,
        "_blake2",
        &BLAKE2B,
        Some(|vm, ty, args| new_blake2::<u64>(vm, ty, args, &BLAKE2B, &BLAKE2B_SIZES)),
    );
    let blake2s = new_hash_type(
        vm,
        "_blake2",
        &BLAKE2S,
        Some(|vm, ty, args| new_blake2::<u32>(vm, ty, args, &BLAKE2S, &BLAKE2S_SIZES)),
    );
    for (ty, sizes, prefix) in [
        (&blake2b, &BLAKE2B_SIZES, "BLAKE2B"),
        (&blake2s, &BLAKE2S_SIZES, "BLAKE2S"),
    ] {
        for (name, value) in [
            ("SALT_SIZE", sizes.salt),
            ("PERSON_SIZE", sizes.person),
            ("MAX_KEY_SIZE", sizes.key),
            ("MAX_DIGEST_SIZE", sizes.digest),
        ] {
            let value = vm.new_int(value as i64);
            type_payload(ty)
                .dict
                .set_str(vm, vm.intern(name), value.clone());
            super::set_attr(vm, module, &format!("{prefix}_{name}"), value);
        }
    }
    super::set_attr(vm, module, "blake2b", blake2b);
    super::set_attr(vm, module, "blake2s", blake2s);
    Ok(())
}
