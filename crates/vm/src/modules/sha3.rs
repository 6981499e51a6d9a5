//! `_sha3` (Modules/_sha3/sha3module.c): SHA3-224 to SHA3-512 and the
//! extendable-output SHAKE128 and SHAKE256 (FIPS 202), for hashlib,
//! which falls back to them where OpenSSL's are missing.
//!
//! All six are one sponge over the Keccak-f[1600] permutation (the
//! `keccak` crate's), differing in the rate, the number of bytes each
//! permutation absorbs or squeezes, and the domain bits padded onto the
//! message. Unlike `_md5` and its siblings, the types are their own
//! constructors.

use super::hash_object::{data_arg, Algorithm, HashObject, HashState};
use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::descr::add_getset;
use crate::typeobject::{Args, NewFn};
use crate::vm::Vm;

/// The domain bits of SHA-3 and of SHAKE, with the first padding bit.
const SHA3_SUFFIX: u8 = 0x06;
const SHAKE_SUFFIX: u8 = 0x1f;

/// The sponge: the Keccak state, the rate in bytes and how many bytes
/// of the current block have been absorbed.
#[derive(Clone)]
struct Sponge {
    state: keccak::State1600,
    rate: usize,
    absorbed: usize,
    suffix: u8,
}

impl Sponge {
    fn new(algorithm: &Algorithm) -> Sponge {
        Sponge {
            state: [0; 25],
            rate: algorithm.block_size,
            absorbed: 0,
            suffix: suffix_of(algorithm),
        }
    }

    fn xor_byte(&mut self, at: usize, byte: u8) {
        self.state[at / 8] ^= u64::from(byte) << (8 * (at % 8));
    }

    fn permute(&mut self) {
        keccak::Keccak::new().with_f1600(|f1600| f1600(&mut self.state));
    }
}

impl HashState for Sponge {
    fn update(&mut self, data: &[u8]) {
        for &byte in data {
            self.xor_byte(self.absorbed, byte);
            self.absorbed += 1;
            if self.absorbed == self.rate {
                self.permute();
                self.absorbed = 0;
            }
        }
    }

    fn digest(&self, length: usize) -> Vec<u8> {
        let mut sponge = self.clone();
        sponge.xor_byte(sponge.absorbed, sponge.suffix);
        sponge.xor_byte(sponge.rate - 1, 0x80);
        let mut out = Vec::with_capacity(length);
        loop {
            sponge.permute();
            for i in 0..sponge.rate {
                if out.len() == length {
                    return out;
                }
                out.push((sponge.state[i / 8] >> (8 * (i % 8))) as u8);
            }
        }
    }

    fn copy(&self) -> Box<dyn HashState> {
        Box::new(self.clone())
    }
}

fn suffix_of(algorithm: &Algorithm) -> u8 {
    if algorithm.digest_size == 0 {
        SHAKE_SUFFIX
    } else {
        SHA3_SUFFIX
    }
}

/// The rate of a sponge whose capacity is twice the security level.
const fn rate(capacity_bytes: usize) -> usize {
    200 - capacity_bytes
}

static SHA3_224: Algorithm = Algorithm {
    name: "sha3_224",
    digest_size: 28,
    block_size: rate(56),
};
static SHA3_256: Algorithm = Algorithm {
    name: "sha3_256",
    digest_size: 32,
    block_size: rate(64),
};
static SHA3_384: Algorithm = Algorithm {
    name: "sha3_384",
    digest_size: 48,
    block_size: rate(96),
};
static SHA3_512: Algorithm = Algorithm {
    name: "sha3_512",
    digest_size: 64,
    block_size: rate(128),
};
static SHAKE_128: Algorithm = Algorithm {
    name: "shake_128",
    digest_size: 0,
    block_size: rate(32),
};
static SHAKE_256: Algorithm = Algorithm {
    name: "shake_256",
    digest_size: 0,
    block_size: rate(64),
};

/// `type(data=b'', /, *, usedforsecurity=True)`. CPython's six types
/// share one constructor, whose messages all say `sha3_224`.
fn new_sponge(vm: &Vm, ty: &Object, args: Args, algorithm: &'static Algorithm) -> PyResult {
    let bound =
        crate::objects::int::bind_args(vm, "sha3_224", args, &["", "usedforsecurity"], 1, 0)?;
    let hash = HashObject::new(algorithm, Box::new(Sponge::new(algorithm)));
    if let Some(data) = &bound[0] {
        hash.update(&data_arg(vm, data)?);
    }
    Ok(crate::object::alloc(ty, hash))
}

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let types: [(&'static Algorithm, NewFn); 6] = [
        (&SHA3_224, |vm, ty, args| {
            new_sponge(vm, ty, args, &SHA3_224)
        }),
        (&SHA3_256, |vm, ty, args| {
            new_sponge(vm, ty, args, &SHA3_256)
        }),
        (&SHA3_384, |vm, ty, args| {
            new_sponge(vm, ty, args, &SHA3_384)
        }),
        (&SHA3_512, |vm, ty, args| {
            new_sponge(vm, ty, args, &SHA3_512)
        }),
        (&SHAKE_128, |vm, ty, args| {
            new_sponge(vm, ty, args, &SHAKE_128)
        }),
        (&SHAKE_256, |vm, ty, args| {
            new_sponge(vm, ty, args, &SHAKE_256)
        }),
    ];
    for (algorithm, new) in types {
        let ty = super::hash_object::new_hash_type(vm, "_sha3", algorithm, Some(new));
        add_getset(
            vm,
            &ty,
            "_capacity_bits",
            |vm, o| Ok(vm.new_int(1600 - 8 * algorithm_of(o).block_size as i64)),
            None,
        );
        add_getset(
            vm,
            &ty,
            "_rate_bits",
            |vm, o| Ok(vm.new_int(8 * algorithm_of(o).block_size as i64)),
            None,
        );
        add_getset(
            vm,
            &ty,
            "_suffix",
            |vm, o| {
                let suffix = suffix_of(algorithm_of(o));
                Ok(crate::objects::bytes::new_bytes(vm, vec![suffix]))
            },
            None,
        );
        super::set_attr(vm, module, algorithm.name, ty);
    }
    super::set_attr(vm, module, "implementation", vm.new_str("tiny_sha3"));
    super::set_attr(vm, module, "keccakopt", vm.new_int(0));
    Ok(())
}

fn algorithm_of(o: &Object) -> &'static Algorithm {
    o.payload::<HashObject>()
        .expect("a _sha3 type's attributes are read from its instances")
        .algorithm
}
