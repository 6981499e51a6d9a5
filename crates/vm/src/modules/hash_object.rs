//! The hash object that `_md5`, `_sha1`, `_sha256`, `_sha512`, `_sha3`
//! and `_blake2` share: the state of one algorithm behind `update`,
//! `digest`, `hexdigest`, `copy`, `name`, `digest_size` and `block_size`
//! (the object types of Modules/md5module.c and its siblings, and the
//! argument helpers of Modules/hashlib.h).
//!
//! Each module makes its own types from this one payload, so that the
//! reprs and messages name `_md5.md5`, `_sha3.shake_128` and so on, as
//! CPython's separate types do.

use crate::errors::PyResult;
use crate::object::{type_payload, Object};
use crate::objects::bytes::new_bytes;
use crate::objects::bytes_methods::hex_with_separator;
use crate::objects::descr::add_getset;
use crate::objects::function::{add_methods, check_arity};
use crate::objects::str::StrObject;
use crate::typeobject::{Args, Layout, NewFn};
use crate::vm::Vm;
use std::borrow::Cow;
use std::cell::RefCell;

/// The running state of one hash algorithm.
pub trait HashState {
    fn update(&mut self, data: &[u8]);
    /// The digest of the data so far, `length` bytes of it; the state
    /// goes on accepting data.
    fn digest(&self, length: usize) -> Vec<u8>;
    fn copy(&self) -> Box<dyn HashState>;
}

/// A hash of the RustCrypto family, whose digest has a fixed length.
#[derive(Clone, Default)]
pub struct Fixed<D>(pub D);

impl<D: sha2::Digest + Clone + 'static> HashState for Fixed<D> {
    fn update(&mut self, data: &[u8]) {
        sha2::Digest::update(&mut self.0, data);
    }

    fn digest(&self, _length: usize) -> Vec<u8> {
        self.0.clone().finalize().to_vec()
    }

    fn copy(&self) -> Box<dyn HashState> {
        Box::new(self.clone())
    }
}

/// What a hash type says of its algorithm.
pub struct Algorithm {
    pub name: &'static str,
    /// 0 for the extendable-output functions (SHAKE), whose `digest`
    /// takes the length.
    pub digest_size: usize,
    pub block_size: usize,
}

impl Algorithm {
    fn is_extendable(&self) -> bool {
        self.digest_size == 0
    }
}

/// The payload of every hash object.
#[derive(krait_derive::Traverse)]
pub struct HashObject {
    #[traverse(skip)]
    pub algorithm: &'static Algorithm,
    /// The length of the digest, which BLAKE2's parameters choose.
    #[traverse(skip)]
    pub digest_size: usize,
    #[traverse(skip)]
    state: RefCell<Box<dyn HashState>>,
}

impl HashObject {
    pub fn new(algorithm: &'static Algorithm, state: Box<dyn HashState>) -> HashObject {
        HashObject {
            algorithm,
            digest_size: algorithm.digest_size,
            state: RefCell::new(state),
        }
    }

    pub fn with_digest_size(mut self, digest_size: usize) -> HashObject {
        self.digest_size = digest_size;
        self
    }

    pub fn update(&self, data: &[u8]) {
        self.state.borrow_mut().update(data);
    }
}

fn hash_of(o: &Object) -> &HashObject {
    o.payload::<HashObject>()
        .expect("a hash type's methods are called on its instances")
}

/// `module.name` of a hash type's instance, as its messages say it.
fn qualified(vm: &Vm, o: &Object, method: &str) -> String {
    format!("{}.{method}", type_payload(vm.type_of(o)).name())
}

/// The bytes a hash takes: anything with the buffer protocol, but no
/// str (`GET_BUFFER_VIEW_OR_ERROUT`).
pub fn data_arg<'a>(vm: &Vm, o: &'a Object) -> PyResult<Cow<'a, [u8]>> {
    if o.payload::<StrObject>().is_some() {
        return Err(vm.new_type_error("Strings must be encoded before hashing"));
    }
    crate::objects::bytes::bytes_view(o)
        .ok_or_else(|| vm.new_type_error("object supporting the buffer API required"))
}

/// A new hash object of type `ty` that has taken `data`, for the
/// constructors whose only option is `usedforsecurity`.
pub fn new_hash(
    vm: &Vm,
    ty: &Object,
    algorithm: &'static Algorithm,
    state: Box<dyn HashState>,
    data: Option<&Object>,
) -> PyResult {
    let hash = HashObject::new(algorithm, state);
    if let Some(data) = data {
        hash.update(&data_arg(vm, data)?);
    }
    Ok(crate::object::alloc(ty, hash))
}

/// The type of `algorithm`'s hash objects in `module`: made by `new`
/// where the type is its own constructor (`_sha3`, `_blake2`), else
/// only by the module's functions.
pub fn new_hash_type(
    vm: &Vm,
    module: &str,
    algorithm: &'static Algorithm,
    new: Option<NewFn>,
) -> Object {
    let ty = super::new_type(vm, module, algorithm.name, Layout::Hash, 0, |_| {});
    // Set after `new_type`, which inherits object's `__new__` where a
    // type has none.
    type_payload(&ty).slots.new.set(new);
    add_methods(
        vm,
        &ty,
        &[
            ("update", |vm, args| {
                check_arity(vm, &qualified(vm, &args.values[0], "update"), args, 2, 2)?;
                let data = data_arg(vm, &args.values[1])?;
                hash_of(&args.values[0]).update(&data);
                Ok(vm.none.clone())
            }),
            ("digest", |vm, args| {
                Ok(new_bytes(vm, digest_method(vm, args, "digest")?))
            }),
            ("hexdigest", |vm, args| {
                let digest = digest_method(vm, args, "hexdigest")?;
                Ok(vm.new_str(&hex_with_separator(&digest, None, 1)))
            }),
            ("copy", |vm, args| {
                let ty = vm.type_of(&args.values[0]);
                // `_md5` and its siblings' copy takes the defining class,
                // which gives it arg clinic's shorter message, and lets
                // keywords pass unchecked.
                if type_payload(ty).slots.new.get().is_none() {
                    if args.positional().len() > 1 {
                        return Err(vm.new_type_error("copy() takes no arguments"));
                    }
                } else {
                    check_arity(vm, &qualified(vm, &args.values[0], "copy"), args, 1, 1)?;
                }
                let hash = hash_of(&args.values[0]);
                let copy = HashObject {
                    algorithm: hash.algorithm,
                    digest_size: hash.digest_size,
                    state: RefCell::new(hash.state.borrow().copy()),
                };
                Ok(crate::object::alloc(ty, copy))
            }),
        ],
    );
    add_getset(
        vm,
        &ty,
        "name",
        |vm, o| Ok(vm.new_str(hash_of(o).algorithm.name)),
        None,
    );
    add_getset(
        vm,
        &ty,
        "digest_size",
        |vm, o| Ok(vm.new_int(hash_of(o).digest_size as i64)),
        None,
    );
    add_getset(
        vm,
        &ty,
        "block_size",
        |vm, o| Ok(vm.new_int(hash_of(o).algorithm.block_size as i64)),
        None,
    );
    ty
}

/// `digest()`, or `digest(length)` of an extendable-output function.
fn digest_method(vm: &Vm, args: Args, method: &str) -> PyResult<Vec<u8>> {
    let hash = hash_of(&args.values[0]);
    let name = qualified(vm, &args.values[0], method);
    if !hash.algorithm.is_extendable() {
        check_arity(vm, &name, args, 1, 1)?;
        return Ok(hash.state.borrow().digest(hash.digest_size));
    }
    check_arity(vm, &name, args, 2, 2)?;
    let length = unsigned_arg(
        vm,
        &args.values[1],
        "Python int too large to convert to C unsigned long",
    )?;
    if length >= 1 << 29 {
        return Err(vm.new_value_error("length is too large"));
    }
    Ok(hash.state.borrow().digest(length as usize))
}

/// A C unsigned long or long long argument: an int, not any object
/// with `__index__` (`_PyLong_UnsignedLong_Converter`).
pub fn unsigned_arg(vm: &Vm, value: &Object, too_large: &str) -> PyResult<u64> {
    let Some(value) = crate::objects::int::int_value(value) else {
        return Err(vm.new_type_error("an integer is required"));
    };
    if value.is_negative() {
        return Err(vm.new_value_error("value must be positive"));
    }
    u64::try_from(&*value.as_big()).map_err(|_| vm.new_overflow_error(too_large))
}

/// `name(string=b'', *, usedforsecurity=True)`, the constructor function
/// of `_md5`, `_sha1`, `_sha256` and `_sha512`: a new instance of the
/// type `module.type_name` that has taken `string`. The option only
/// says what the caller means to do with the hash; it changes nothing.
pub fn construct(
    vm: &Vm,
    args: Args,
    module: &str,
    type_name: &str,
    algorithm: &'static Algorithm,
    state: Box<dyn HashState>,
) -> PyResult {
    let bound = crate::objects::int::bind_args(
        vm,
        algorithm.name,
        args,
        &["string", "usedforsecurity"],
        1,
        0,
    )?;
    let module = crate::import::import_module(vm, module)?;
    let ty = vm.getattr(&module, &vm.intern(type_name))?;
    new_hash(vm, &ty, algorithm, state, bound[0].as_ref())
}
