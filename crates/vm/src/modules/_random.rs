//! `_random` (Modules/_randommodule.c): `Random`, the Mersenne Twister
//! (MT19937, Matsumoto and Nishimura's generator) under Lib/random.py,
//! seeded as CPython seeds it so that a seed gives CPython's numbers.

use crate::errors::PyResult;
use crate::object::{self, Object};
use crate::objects::function::{add_methods, check_arity, NativeFn};
use crate::objects::int::{int_value, new_big, IBig, IntValue};
use crate::objects::tuple::TupleObject;
use crate::typeobject::{flags, Args, Layout};
use crate::vm::Vm;
use dashu_int::ops::UnsignedAbs;
use dashu_int::UBig;
use std::cell::{Cell, RefCell};

/// The number of words of state.
const N: usize = 624;
/// The middle word of the recurrence.
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let ty = super::new_type(
        vm,
        "_random",
        "Random",
        Layout::Random,
        flags::BASETYPE,
        |tp| {
            tp.slots.new.set(Some(|_, ty, _| {
                // Unseeded until `__init__`: all zeros, as CPython's
                // zeroed allocation.
                Ok(object::alloc(ty, RandomObject::new()))
            }));
            tp.slots.init.set(Some(random_init));
        },
    );
    add_methods(vm, &ty, METHODS);
    super::set_attr(vm, module, "Random", ty);
    Ok(())
}

/// The generator's state.
#[derive(krait_derive::Traverse)]
pub struct RandomObject {
    #[traverse(skip)]
    state: RefCell<[u32; N]>,
    #[traverse(skip)]
    index: Cell<usize>,
}

impl RandomObject {
    fn new() -> RandomObject {
        RandomObject {
            state: RefCell::new([0; N]),
            index: Cell::new(0),
        }
    }

    /// Seeds with one word (`init_genrand`).
    fn seed_word(mt: &mut [u32; N], s: u32) {
        mt[0] = s;
        for i in 1..N {
            let prev = mt[i - 1];
            mt[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
    }

    /// Seeds with an array of words (`init_by_array`).
    fn seed_words(&self, key: &[u32]) {
        let mut mt = self.state.borrow_mut();
        Self::seed_word(&mut mt, 19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] =
                (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        // The most significant bit is 1, so the state is never all zero.
        mt[0] = 0x8000_0000;
        drop(mt);
        self.index.set(N);
    }

    /// The next 32 random bits (`genrand_uint32`).
    fn next_u32(&self) -> u32 {
        let mut mt = self.state.borrow_mut();
        if self.index.get() >= N {
            let twist = |upper: u32, lower: u32, far: u32| {
                let y = (upper & UPPER_MASK) | (lower & LOWER_MASK);
                far ^ (y >> 1) ^ if y & 1 == 1 { MATRIX_A } else { 0 }
            };
            for k in 0..N {
                mt[k] = twist(mt[k], mt[(k + 1) % N], mt[(k + M) % N]);
            }
            self.index.set(0);
        }
        let mut y = mt[self.index.get()];
        self.index.set(self.index.get() + 1);
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A float in [0, 1) with 53 random bits.
    fn next_f64(&self) -> f64 {
        let a = f64::from(self.next_u32() >> 5);
        let b = f64::from(self.next_u32() >> 6);
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }
}

fn random_of<'a>(vm: &Vm, o: &'a Object) -> PyResult<&'a RandomObject> {
    o.payload::<RandomObject>().ok_or_else(|| {
        vm.new_type_error(format!(
            "descriptor requires a '_random.Random' object but received a '{}'",
            vm.type_name(o)
        ))
    })
}

fn random_init(vm: &Vm, o: &Object, args: Args) -> PyResult<()> {
    // Keywords are for subclasses with an `__init__` of their own.
    let own_init = vm
        .type_payload_of(o)
        .slots
        .init
        .get()
        .is_some_and(|f| std::ptr::fn_addr_eq(f, random_init as crate::typeobject::InitFn));
    if own_init && args.has_keywords() {
        return Err(vm.new_type_error("Random() takes no keyword arguments"));
    }
    let given = args.positional();
    if given.len() > 1 {
        return Err(vm.new_type_error("Random() requires 0 or 1 argument"));
    }
    seed(vm, random_of(vm, o)?, given.first())
}

/// `seed(n)`: from the machine's randomness for None, from the absolute
/// value of an int, from the hash of anything else.
fn seed(vm: &Vm, r: &RandomObject, arg: Option<&Object>) -> PyResult<()> {
    let magnitude: UBig = match arg {
        None => return seed_from_system(r),
        Some(a) if vm.is_none(a) => return seed_from_system(r),
        Some(a) => match int_value(a) {
            Some(IntValue::Small(i)) => UBig::from(i.unsigned_abs()),
            Some(IntValue::Big(b)) => b.unsigned_abs(),
            // The hash as a C size_t: a negative one wraps around.
            None => UBig::from(vm.hash(a)? as u64),
        },
    };
    let bytes = magnitude.to_le_bytes();
    let mut key: Vec<u32> = bytes
        .chunks(4)
        .map(|c| {
            let mut word = [0u8; 4];
            word[..c.len()].copy_from_slice(c);
            u32::from_le_bytes(word)
        })
        .collect();
    while key.len() > 1 && key.last() == Some(&0) {
        key.pop();
    }
    if key.is_empty() {
        key.push(0);
    }
    r.seed_words(&key);
    Ok(())
}

/// Seeds from `os.urandom`'s source, a full state's worth of words.
fn seed_from_system(r: &RandomObject) -> PyResult<()> {
    let mut bytes = vec![0u8; N * 4];
    if getrandom(&mut bytes).is_err() {
        // No system randomness: the time and the process, as CPython.
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let words = [
            now.as_secs() as u32,
            (now.as_secs() >> 32) as u32,
            now.subsec_nanos(),
            std::process::id(),
        ];
        r.seed_words(&words);
        return Ok(());
    }
    let key: Vec<u32> = bytes
        .chunks(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    r.seed_words(&key);
    Ok(())
}

/// Fills `buf` from the kernel's random source.
fn getrandom(buf: &mut [u8]) -> std::io::Result<()> {
    use std::io::Read;
    std::fs::File::open("/dev/urandom")?.read_exact(buf)
}

static METHODS: &[(&str, NativeFn)] = &[
    ("random", |vm, args| {
        check_arity(vm, "random", args, 1, 1)?;
        Ok(vm.new_float(random_of(vm, &args.values[0])?.next_f64()))
    }),
    ("seed", |vm, args| {
        check_arity(vm, "seed", args, 1, 2)?;
        seed(vm, random_of(vm, &args.values[0])?, args.values.get(1))?;
        Ok(vm.none.clone())
    }),
    ("getrandbits", |vm, args| {
        check_arity(vm, "getrandbits", args, 2, 2)?;
        let r = random_of(vm, &args.values[0])?;
        let k = crate::objects::getargs::int_arg(vm, &args.values[1])?;
        getrandbits(vm, r, k)
    }),
    ("getstate", |vm, args| {
        check_arity(vm, "getstate", args, 1, 1)?;
        let r = random_of(vm, &args.values[0])?;
        let mut items: Vec<Object> = r
            .state
            .borrow()
            .iter()
            .map(|&w| vm.new_int(i64::from(w)))
            .collect();
        items.push(vm.new_int(r.index.get() as i64));
        Ok(vm.new_tuple(items))
    }),
    ("setstate", |vm, args| {
        check_arity(vm, "setstate", args, 2, 2)?;
        setstate(vm, random_of(vm, &args.values[0])?, &args.values[1])?;
        Ok(vm.none.clone())
    }),
];

fn getrandbits(vm: &Vm, r: &RandomObject, k: i32) -> PyResult {
    if k < 0 {
        return Err(vm.new_value_error("number of bits must be non-negative"));
    }
    if k == 0 {
        return Ok(vm.new_int(0));
    }
    if k <= 32 {
        return Ok(vm.new_int(i64::from(r.next_u32() >> (32 - k))));
    }
    // Words from the least significant up; the last keeps its high bits.
    let mut bytes = Vec::with_capacity((k as usize).div_ceil(32) * 4);
    let mut left = k;
    while left > 0 {
        let mut word = r.next_u32();
        if left < 32 {
            word >>= 32 - left;
        }
        bytes.extend_from_slice(&word.to_le_bytes());
        left -= 32;
    }
    Ok(new_big(vm, IBig::from(UBig::from_le_bytes(&bytes))))
}

fn setstate(vm: &Vm, r: &RandomObject, state: &Object) -> PyResult<()> {
    let Some(t) = state.payload::<TupleObject>() else {
        return Err(vm.new_type_error("state vector must be a tuple"));
    };
    let items = t.items();
    if items.len() != N + 1 {
        return Err(vm.new_value_error("state vector is the wrong size"));
    }
    let mut words = [0u32; N];
    for (word, item) in words.iter_mut().zip(items.iter()) {
        // A C unsigned long, cut to 32 bits.
        *word = unsigned_long(vm, item)? as u32;
    }
    let index = crate::objects::getargs::index_arg(vm, &items[N])?;
    if !(0..=N as i64).contains(&index) {
        return Err(vm.new_value_error("invalid state"));
    }
    *r.state.borrow_mut() = words;
    r.index.set(index as usize);
    Ok(())
}

/// An int as a C unsigned long (`PyLong_AsUnsignedLong`).
fn unsigned_long(vm: &Vm, item: &Object) -> PyResult<u64> {
    let Some(value) = int_value(item) else {
        return Err(vm.new_type_error("an integer is required"));
    };
    if value.is_negative() {
        return Err(vm.new_overflow_error("can't convert negative value to unsigned int"));
    }
    match value {
        IntValue::Small(i) => Ok(i as u64),
        IntValue::Big(b) => u64::try_from(b).map_err(|_| {
            vm.new_overflow_error("Python int too large to convert to C unsigned long")
        }),
    }
}
