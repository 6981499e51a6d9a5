//! `_md5` (Modules/md5module.c): MD5 for hashlib, which falls back to
//! it where OpenSSL's is missing. The algorithm is the `md-5` crate's.

use super::hash_object::{construct, new_hash_type, Algorithm, Fixed};
use crate::errors::PyResult;
use crate::object::Object;
use crate::vm::Vm;

static MD5: Algorithm = Algorithm {
    name: "md5",
    digest_size: 16,
    block_size: 64,
};

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let ty = new_hash_type(vm, "_md5", &MD5, None);
    super::set_attr(vm, module, "MD5Type", ty);
    super::add_functions(
        vm,
        module,
        &[("md5", |vm, args| {
            let state = Box::new(Fixed(md5::Md5::default()));
            construct(vm, args, "_md5", "MD5Type", &MD5, state)
        })],
    );
    Ok(())
}
