//! BLAKE2b and BLAKE2s (RFC 7693, with the tree parameters of the BLAKE2
//! paper), as Modules/_blake2/impl/blake2b.c and blake2s.c compute them.
//!
//! Written here rather than taken from a crate because `_blake2` takes
//! every field of the parameter block (fanout, depth, leaf size, node
//! offset and depth, inner size, last node), which the `blake2` crate
//! does not expose. The two variants are one algorithm over 64-bit and
//! 32-bit words; [`Word`] holds what differs.

use crate::modules::hash_object::HashState;

/// What BLAKE2b (u64) and BLAKE2s (u32) differ in.
pub trait Word: Copy + Default + 'static {
    /// Bytes in a word; a block is 16 words, the parameter block 8.
    const BYTES: usize;
    const ROUNDS: usize;
    /// The rotations of the mixing function G.
    const ROTATIONS: [u32; 4];
    const IV: [Self; 8];
    fn add(self, other: Self) -> Self;
    fn xor(self, other: Self) -> Self;
    fn rotr(self, n: u32) -> Self;
    fn not(self) -> Self;
    /// The low word-size bits of a u128 counter.
    fn truncate(value: u128) -> Self;
    fn from_le(bytes: &[u8]) -> Self;
    fn extend_le(self, out: &mut Vec<u8>);
}

impl Word for u64 {
    const BYTES: usize = 8;
    const ROUNDS: usize = 12;
    const ROTATIONS: [u32; 4] = [32, 24, 16, 63];
    const IV: [u64; 8] = [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179,
    ];
    fn add(self, other: u64) -> u64 {
        self.wrapping_add(other)
    }
    fn xor(self, other: u64) -> u64 {
        self ^ other
    }
    fn rotr(self, n: u32) -> u64 {
        self.rotate_right(n)
    }
    fn not(self) -> u64 {
        !self
    }
    fn truncate(value: u128) -> u64 {
        value as u64
    }
    fn from_le(bytes: &[u8]) -> u64 {
        u64::from_le_bytes(bytes.try_into().expect("8 bytes"))
    }
    fn extend_le(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

impl Word for u32 {
    const BYTES: usize = 4;
    const ROUNDS: usize = 10;
    const ROTATIONS: [u32; 4] = [16, 12, 8, 7];
    const IV: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    fn add(self, other: u32) -> u32 {
        self.wrapping_add(other)
    }
    fn xor(self, other: u32) -> u32 {
        self ^ other
    }
    fn rotr(self, n: u32) -> u32 {
        self.rotate_right(n)
    }
    fn not(self) -> u32 {
        !self
    }
    fn truncate(value: u128) -> u32 {
        value as u32
    }
    fn from_le(bytes: &[u8]) -> u32 {
        u32::from_le_bytes(bytes.try_into().expect("4 bytes"))
    }
    fn extend_le(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
}

/// The order the message words enter each round.
const SIGMA: [[usize; 16]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
    [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
    [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
    [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
    [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
    [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
    [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
    [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/// The parameter block's fields (section 2.8 of the BLAKE2 paper).
pub struct Params<'a> {
    pub digest_size: u8,
    pub key: &'a [u8],
    pub salt: &'a [u8],
    pub person: &'a [u8],
    pub fanout: u8,
    pub depth: u8,
    pub leaf_size: u32,
    pub node_offset: u64,
    pub node_depth: u8,
    pub inner_size: u8,
    pub last_node: bool,
}

/// A BLAKE2 hash in progress.
#[derive(Clone)]
pub struct Blake2<W: Word> {
    h: [W; 8],
    /// Bytes not yet compressed: the last block is compressed only at
    /// the end, with the final flag.
    buffer: Vec<u8>,
    /// Bytes compressed so far.
    counter: u128,
    last_node: bool,
}

impl<W: Word> Blake2<W> {
    pub const BLOCK: usize = 16 * W::BYTES;

    pub fn new(params: &Params) -> Blake2<W> {
        let p = 8 * W::BYTES;
        let mut block = vec![0u8; p];
        block[0] = params.digest_size;
        block[1] = params.key.len() as u8;
        block[2] = params.fanout;
        block[3] = params.depth;
        block[4..8].copy_from_slice(&params.leaf_size.to_le_bytes());
        // The node offset takes 8 bytes in BLAKE2b, 6 in BLAKE2s.
        let offset_bytes = if W::BYTES == 8 { 8 } else { 6 };
        block[8..8 + offset_bytes]
            .copy_from_slice(&params.node_offset.to_le_bytes()[..offset_bytes]);
        block[8 + offset_bytes] = params.node_depth;
        block[9 + offset_bytes] = params.inner_size;
        let salt_at = 4 * W::BYTES;
        let person_at = 6 * W::BYTES;
        block[salt_at..salt_at + params.salt.len()].copy_from_slice(params.salt);
        block[person_at..person_at + params.person.len()].copy_from_slice(params.person);
        let mut h = W::IV;
        for (i, word) in h.iter_mut().enumerate() {
            *word = word.xor(W::from_le(&block[i * W::BYTES..(i + 1) * W::BYTES]));
        }
        let mut buffer = Vec::with_capacity(Self::BLOCK);
        if !params.key.is_empty() {
            buffer.extend_from_slice(params.key);
            buffer.resize(Self::BLOCK, 0);
        }
        Blake2 {
            h,
            buffer,
            counter: 0,
            last_node: params.last_node,
        }
    }

    fn compress(&mut self, last: bool) {
        let m: Vec<W> = self.buffer.chunks_exact(W::BYTES).map(W::from_le).collect();
        let mut v = [W::default(); 16];
        v[..8].copy_from_slice(&self.h);
        v[8..].copy_from_slice(&W::IV);
        v[12] = v[12].xor(W::truncate(self.counter));
        v[13] = v[13].xor(W::truncate(self.counter >> (8 * W::BYTES)));
        if last {
            v[14] = v[14].not();
            if self.last_node {
                v[15] = v[15].not();
            }
        }
        for round in 0..W::ROUNDS {
            let s = &SIGMA[round % 10];
            mix(&mut v, [0, 4, 8, 12], m[s[0]], m[s[1]]);
            mix(&mut v, [1, 5, 9, 13], m[s[2]], m[s[3]]);
            mix(&mut v, [2, 6, 10, 14], m[s[4]], m[s[5]]);
            mix(&mut v, [3, 7, 11, 15], m[s[6]], m[s[7]]);
            mix(&mut v, [0, 5, 10, 15], m[s[8]], m[s[9]]);
            mix(&mut v, [1, 6, 11, 12], m[s[10]], m[s[11]]);
            mix(&mut v, [2, 7, 8, 13], m[s[12]], m[s[13]]);
            mix(&mut v, [3, 4, 9, 14], m[s[14]], m[s[15]]);
        }
        for i in 0..8 {
            self.h[i] = self.h[i].xor(v[i]).xor(v[i + 8]);
        }
    }
}

/// The mixing function G on four words of the working vector.
fn mix<W: Word>(v: &mut [W; 16], [a, b, c, d]: [usize; 4], x: W, y: W) {
    let [r1, r2, r3, r4] = W::ROTATIONS;
    v[a] = v[a].add(v[b]).add(x);
    v[d] = v[d].xor(v[a]).rotr(r1);
    v[c] = v[c].add(v[d]);
    v[b] = v[b].xor(v[c]).rotr(r2);
    v[a] = v[a].add(v[b]).add(y);
    v[d] = v[d].xor(v[a]).rotr(r3);
    v[c] = v[c].add(v[d]);
    v[b] = v[b].xor(v[c]).rotr(r4);
}

impl<W: Word> HashState for Blake2<W> {
    fn update(&mut self, mut data: &[u8]) {
        while !data.is_empty() {
            if self.buffer.len() == Self::BLOCK {
                self.counter += Self::BLOCK as u128;
                self.compress(false);
                self.buffer.clear();
            }
            let take = (Self::BLOCK - self.buffer.len()).min(data.len());
            self.buffer.extend_from_slice(&data[..take]);
            data = &data[take..];
        }
    }

    fn digest(&self, length: usize) -> Vec<u8> {
        let mut last = self.clone();
        last.counter += last.buffer.len() as u128;
        last.buffer.resize(Self::BLOCK, 0);
        last.compress(true);
        let mut out = Vec::with_capacity(8 * W::BYTES);
        for word in last.h {
            word.extend_le(&mut out);
        }
        out.truncate(length);
        out
    }

    fn copy(&self) -> Box<dyn HashState> {
        Box::new(self.clone())
    }
}
