//! `_sha1` (Modules/sha1module.c): SHA-1 for hashlib, which falls back
//! to it where OpenSSL's is missing. The algorithm is the `sha1`
//! crate's.

use super::hash_object::{construct, new_hash_type, Algorithm, Fixed};
use crate::errors::PyResult;
use crate::object::Object;
use crate::vm::Vm;

static SHA1: Algorithm = Algorithm {
    name: "sha1",
    digest_size: 20,
    block_size: 64,
};

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let ty = new_hash_type(vm, "_sha1", &SHA1, None);
    super::set_attr(vm, module, "SHA1Type", ty);
    super::add_functions(
        vm,
        module,
        &[("sha1", |vm, args| {
            let state = Box::new(Fixed(sha1::Sha1::default()));
            construct(vm, args, "_sha1", "SHA1Type", &SHA1, state)
        })],
    );
    Ok(())
}
