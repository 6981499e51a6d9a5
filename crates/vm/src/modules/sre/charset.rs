//! Character sets (Modules/_sre/sre_lib.h's `SRE(charset)`): whether a
//! character is in the set a list of set operators describes, and a
//! byte table per set, made when the pattern is compiled.
//!
//! A set is a sequence of LITERAL, RANGE, CATEGORY, CHARSET (a bitmap of
//! the first 256 characters), BIGCHARSET (bitmaps per block of 256, for
//! the first 65536) and NEGATE operators ending with FAILURE. Walking it
//! for every character is what makes scanning a long subject slow, so
//! for each set the answers for the 256 characters a str of one-byte
//! kind or a bytes object can hold are computed once, into 256 bits; the
//! engine reads those, and walks the set only for wider characters.

use super::chars;
use super::constants::op;

/// The set operators starting at `set` in `code` (validated) hold `ch`.
pub fn contains(code: &[u32], mut set: usize, ch: u32) -> bool {
    let word = |i: usize| code.get(i).copied().unwrap_or(op::FAILURE);
    let mut ok = true;
    loop {
        match word(set) {
            op::FAILURE => return !ok,
            op::LITERAL => {
                if ch == word(set + 1) {
                    return ok;
                }
                set += 2;
            }
            op::CATEGORY => {
                if chars::in_category(word(set + 1), ch) {
                    return ok;
                }
                set += 2;
            }
            op::CHARSET => {
                // A 256-bit bitmap in eight words.
                if ch < 256 && word(set + 1 + ch as usize / 32) & (1 << (ch & 31)) != 0 {
                    return ok;
                }
                set += 9;
            }
            op::RANGE => {
                if (word(set + 1)..=word(set + 2)).contains(&ch) {
                    return ok;
                }
                set += 3;
            }
            op::RANGE_UNI_IGNORE => {
                // `ch` is already lowered; its uppercase may be in range.
                let range = word(set + 1)..=word(set + 2);
                if range.contains(&ch) || range.contains(&chars::upper_unicode(ch)) {
                    return ok;
                }
                set += 3;
            }
            op::NEGATE => {
                ok = !ok;
                set += 1;
            }
            op::BIGCHARSET => {
                // <BIGCHARSET> <blocks> <256 block numbers, a byte each,
                // in 64 words> <a 256-bit bitmap per block>
                let blocks = word(set + 1) as usize;
                let table = set + 2;
                let bitmaps = table + 64;
                if ch < 0x10000 {
                    let hi = (ch >> 8) as usize;
                    let block = word(table + hi / 4).to_ne_bytes()[hi % 4] as usize;
                    let bit = block * 256 + (ch & 255) as usize;
                    if word(bitmaps + bit / 32) & (1 << (bit & 31)) != 0 {
                        return ok;
                    }
                }
                set = bitmaps + blocks * 8;
            }
            _ => return false,
        }
    }
}

/// The byte tables of a pattern's sets, found by where they start.
pub struct SetTables {
    /// For each code position, the table of the set starting there, or
    /// `NONE`.
    index: Box<[u32]>,
    tables: Box<[[u64; 4]]>,
}

const NONE: u32 = u32::MAX;

impl SetTables {
    /// The tables of the sets of `code` starting at `starts`.
    pub fn new(code: &[u32], starts: &[usize]) -> SetTables {
        let mut index = vec![NONE; code.len()];
        let mut tables = Vec::with_capacity(starts.len());
        for &start in starts {
            let mut table = [0u64; 4];
            for ch in 0..256u32 {
                if contains(code, start, ch) {
                    table[ch as usize / 64] |= 1 << (ch % 64);
                }
            }
            index[start] = tables.len() as u32;
            tables.push(table);
        }
        SetTables {
            index: index.into_boxed_slice(),
            tables: tables.into_boxed_slice(),
        }
    }

    /// Whether the set starting at `set` holds `ch`, if that is in its
    /// table.
    #[inline(always)]
    pub fn lookup(&self, set: usize, ch: u32) -> Option<bool> {
        if ch >= 256 {
            return None;
        }
        let i = *self.index.get(set)?;
        let table = self.tables.get(i as usize)?;
        Some(table[ch as usize / 64] >> (ch % 64) & 1 == 1)
    }
}
