//! `_sha512` (Modules/sha512module.c): SHA-384 and SHA-512 for hashlib,
//! which falls back to them where OpenSSL's are missing. The algorithms
//! are the `sha2` crate's.
//!
//! CPython 3.11 binds both of its types to `SHA384Type` by a slip (3.12
//! names the second `SHA512Type`); Krait names each type once, as 3.12
//! does, since its constructors find their types by these names.

use super::hash_object::{construct, new_hash_type, Algorithm, Fixed};
use crate::errors::PyResult;
use crate::object::Object;
use crate::vm::Vm;

static SHA384: Algorithm = Algorithm {
    name: "sha384",
    digest_size: 48,
    block_size: 128,
};

static SHA512: Algorithm = Algorithm {
    name: "sha512",
    digest_size: 64,
    block_size: 128,
};

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let sha384 = new_hash_type(vm, "_sha512", &SHA384, None);
    let sha512 = new_hash_type(vm, "_sha512", &SHA512, None);
    super::set_attr(vm, module, "SHA384Type", sha384);
    super::set_attr(vm, module, "SHA512Type", sha512);
    super::add_functions(
        vm,
        module,
        &[
            ("sha384", |vm, args| {
                let state = Box::new(Fixed(sha2::Sha384::default()));
                construct(vm, args, "_sha512", "SHA384Type", &SHA384, state)
            }),
            ("sha512", |vm, args| {
                let state = Box::new(Fixed(sha2::Sha512::default()));
                construct(vm, args, "_sha512", "SHA512Type", &SHA512, state)
            }),
        ],
    );
    Ok(())
}
