//! `_sha256` (Modules/sha256module.c): SHA-224 and SHA-256 for hashlib,
//! which falls back to them where OpenSSL's are missing. The algorithms
//! are the `sha2` crate's.

use super::hash_object::{construct, new_hash_type, Algorithm, Fixed};
use crate::errors::PyResult;
use crate::object::Object;
use crate::vm::Vm;

static SHA224: Algorithm = Algorithm {
    name: "sha224",
    digest_size: 28,
    block_size: 64,
};

static SHA256: Algorithm = Algorithm {
    name: "sha256",
    digest_size: 32,
    block_size: 64,
};

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let sha224 = new_hash_type(vm, "_sha256", &SHA224, None);
    let sha256 = new_hash_type(vm, "_sha256", &SHA256, None);
    super::set_attr(vm, module, "SHA224Type", sha224);
    super::set_attr(vm, module, "SHA256Type", sha256);
    super::add_functions(
        vm,
        module,
        &[
            ("sha224", |vm, args| {
                let state = Box::new(Fixed(sha2::Sha224::default()));
                construct(vm, args, "_sha256", "SHA224Type", &SHA224, state)
            }),
            ("sha256", |vm, args| {
                let state = Box::new(Fixed(sha2::Sha256::default()));
                construct(vm, args, "_sha256", "SHA256Type", &SHA256, state)
            }),
        ],
    );
    Ok(())
}
