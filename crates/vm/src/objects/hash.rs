//! Hashing of str and bytes (Python/pyhash.c): SipHash-1-3 with a key
//! that is random per process unless PYTHONHASHSEED fixes it.

use crate::vm::Vm;
use std::hash::Hasher;

/// SipHash's two keys (`_Py_HashSecret.siphash`) as PYTHONHASHSEED sets
/// them: 0 means the all-zero key, another number seeds CPython's linear
/// congruential generator (`lcg_urandom`), unset or "random" reads the
/// system's random source.
pub fn secret_from_environment() -> (u64, u64) {
    let mut key = [0u8; 16];
    match std::env::var("PYTHONHASHSEED")
        .ok()
        .and_then(|s| s.parse::<u32>().ok())
    {
        Some(0) => {}
        Some(seed) => {
            let mut x = seed;
            for byte in key.iter_mut() {
                x = x.wrapping_mul(214013).wrapping_add(2531011);
                *byte = ((x >> 16) & 0xff) as u8;
            }
        }
        None => {
            use std::io::Read;
            let filled =
                std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut key));
            if filled.is_err() {
                // No random source: fall back to the standard library's
                // per-process random keys.
                let state = std::collections::hash_map::RandomState::new();
                let mut h = std::hash::BuildHasher::build_hasher(&state);
                h.write_u8(0);
                key[..8].copy_from_slice(&h.finish().to_le_bytes());
            }
        }
    }
    let k0 = u64::from_le_bytes(key[..8].try_into().unwrap_or_default());
    let k1 = u64::from_le_bytes(key[8..].try_into().unwrap_or_default());
    (k0, k1)
}

/// The hash of these bytes (`_Py_HashBytes`): 0 for none, never -1.
pub fn hash_bytes(vm: &Vm, bytes: &[u8]) -> i64 {
    if bytes.is_empty() {
        return 0;
    }
    let (k0, k1) = vm.hash_secret;
    let mut hasher = siphasher::sip::SipHasher13::new_with_keys(k0, k1);
    hasher.write(bytes);
    let h = hasher.finish() as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}
