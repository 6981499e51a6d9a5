//! The searching, splitting and stripping that str, bytes and bytearray
//! share (Objects/stringlib/: fastsearch.h, split.h, partition.h,
//! transmogrify.h).
//!
//! As CPython's stringlib is compiled once per character width, these
//! functions are generic over the code unit: `u8` for bytes and for str
//! of one-byte kinds, `u16` and `u32` for the wider ones. They work on
//! positions and give back ranges or new units; the callers make the
//! objects, so a str piece keeps the narrowest kind and a bytes piece
//! its type.

/// A code unit: a byte, or a code point of some width.
pub trait Unit: Copy + Eq + Into<u32> + From<u8> {}

impl Unit for u8 {}
impl Unit for u16 {}
impl Unit for u32 {}

/// Resolves the optional `start` and `end` of `find`, `count` and the
/// like as slice bounds do (`ADJUST_INDICES`): negative from the end,
/// then clamped. The start may end up past the end.
pub fn adjust_indices(start: i64, end: i64, len: usize) -> (usize, usize) {
    let len = len as i64;
    let end = if end > len {
        len
    } else if end < 0 {
        (end + len).max(0)
    } else {
        end
    };
    let start = if start < 0 {
        (start + len).max(0)
    } else {
        start
    };
    (start as usize, end as usize)
}

/// The first position of `needle` in `haystack[start..end]`.
pub fn find<T: Unit>(haystack: &[T], needle: &[T], start: usize, end: usize) -> Option<usize> {
    if start > end || end - start < needle.len() {
        return None;
    }
    let window = &haystack[start..end];
    let Some((&first, rest)) = needle.split_first() else {
        return Some(start);
    };
    let last_start = window.len() - needle.len();
    (0..=last_start)
        .find(|&i| window[i] == first && window[i + 1..i + needle.len()] == *rest)
        .map(|i| start + i)
}

/// The last position of `needle` in `haystack[start..end]`.
pub fn rfind<T: Unit>(haystack: &[T], needle: &[T], start: usize, end: usize) -> Option<usize> {
    if start > end || end - start < needle.len() {
        return None;
    }
    let window = &haystack[start..end];
    let last_start = window.len() - needle.len();
    (0..=last_start)
        .rev()
        .find(|&i| window[i..i + needle.len()] == *needle)
        .map(|i| start + i)
}

/// How many times `needle` occurs in `haystack[start..end]` without
/// overlapping, at most `max`; an empty needle occurs between every two
/// units and at both ends.
pub fn count<T: Unit>(haystack: &[T], needle: &[T], start: usize, end: usize, max: usize) -> usize {
    if start > end || end - start < needle.len() {
        return 0;
    }
    if needle.is_empty() {
        return (end - start + 1).min(max);
    }
    let mut n = 0;
    let mut i = start;
    while n < max {
        match find(haystack, needle, i, end) {
            Some(at) => {
                n += 1;
                i = at + needle.len();
            }
            None => break,
        }
    }
    n
}

/// Whether `haystack[start..end]` starts (or, with `at_end`, ends) with
/// `affix` (`tailmatch`).
pub fn tail_match<T: Unit>(
    haystack: &[T],
    affix: &[T],
    start: usize,
    end: usize,
    at_end: bool,
) -> bool {
    if start > end || end - start < affix.len() {
        // An empty affix matches only where the range is not reversed.
        return false;
    }
    if at_end {
        haystack[end - affix.len()..end] == *affix
    } else {
        haystack[start..start + affix.len()] == *affix
    }
}

/// The pieces of `split()` without a separator: runs of non-space.
pub fn split_whitespace<T: Unit>(
    units: &[T],
    maxsplit: usize,
    is_space: impl Fn(u32) -> bool,
) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut i = 0;
    let len = units.len();
    while i < len {
        while i < len && is_space(units[i].into()) {
            i += 1;
        }
        if i == len {
            break;
        }
        if pieces.len() == maxsplit {
            // The rest, as it is after its leading space.
            pieces.push((i, len));
            break;
        }
        let start = i;
        while i < len && !is_space(units[i].into()) {
            i += 1;
        }
        pieces.push((start, i));
    }
    pieces
}

/// The pieces of `rsplit()` without a separator, in order.
pub fn rsplit_whitespace<T: Unit>(
    units: &[T],
    maxsplit: usize,
    is_space: impl Fn(u32) -> bool,
) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut i = units.len();
    while i > 0 {
        while i > 0 && is_space(units[i - 1].into()) {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        if pieces.len() == maxsplit {
            pieces.push((0, i));
            break;
        }
        let end = i;
        while i > 0 && !is_space(units[i - 1].into()) {
            i -= 1;
        }
        pieces.push((i, end));
    }
    pieces.reverse();
    pieces
}

/// The pieces of `split(sep)`, `sep` not empty.
pub fn split<T: Unit>(units: &[T], sep: &[T], maxsplit: usize) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    while pieces.len() < maxsplit {
        match find(units, sep, start, units.len()) {
            Some(at) => {
                pieces.push((start, at));
                start = at + sep.len();
            }
            None => break,
        }
    }
    pieces.push((start, units.len()));
    pieces
}

/// The pieces of `rsplit(sep)`, `sep` not empty, in order.
pub fn rsplit<T: Unit>(units: &[T], sep: &[T], maxsplit: usize) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut end = units.len();
    while pieces.len() < maxsplit {
        match rfind(units, sep, 0, end) {
            Some(at) => {
                pieces.push((at + sep.len(), end));
                end = at;
            }
            None => break,
        }
    }
    pieces.push((0, end));
    pieces.reverse();
    pieces
}

/// The lines of `splitlines()`: each range ends before its line break,
/// or after it with `keepends`. `\r\n` is one break.
pub fn splitlines<T: Unit>(
    units: &[T],
    keepends: bool,
    is_break: impl Fn(u32) -> bool,
) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut i = 0;
    let len = units.len();
    while i < len {
        let start = i;
        while i < len && !is_break(units[i].into()) {
            i += 1;
        }
        let mut eol = i;
        if i < len {
            if units[i].into() == u32::from(b'\r') && i + 1 < len && units[i + 1].into() == 10 {
                i += 2;
            } else {
                i += 1;
            }
            if keepends {
                eol = i;
            }
        }
        lines.push((start, eol));
    }
    lines
}

/// The range left after stripping units that `strip` selects from the
/// left and/or right.
pub fn strip<T: Unit>(
    units: &[T],
    left: bool,
    right: bool,
    strip: impl Fn(u32) -> bool,
) -> (usize, usize) {
    let mut start = 0;
    let mut end = units.len();
    if left {
        while start < end && strip(units[start].into()) {
            start += 1;
        }
    }
    if right {
        while end > start && strip(units[end - 1].into()) {
            end -= 1;
        }
    }
    (start, end)
}

/// `replace(old, new, count)`: at most `max` replacements, left to right;
/// an empty `old` matches before every unit and at the end.
pub fn replace<T: Unit>(units: &[T], old: &[T], new: &[T], max: usize) -> Vec<T> {
    let mut out = Vec::with_capacity(units.len());
    if old.is_empty() {
        let mut n = 0;
        for (i, &u) in units.iter().enumerate() {
            if n < max {
                out.extend_from_slice(new);
                n += 1;
            } else {
                out.extend_from_slice(&units[i..]);
                return out;
            }
            out.push(u);
        }
        if n < max {
            out.extend_from_slice(new);
        }
        return out;
    }
    let mut start = 0;
    let mut n = 0;
    while n < max {
        match find(units, old, start, units.len()) {
            Some(at) => {
                out.extend_from_slice(&units[start..at]);
                out.extend_from_slice(new);
                start = at + old.len();
                n += 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&units[start..]);
    out
}

/// `partition(sep)`: the position of the first `sep`, if any.
pub fn partition<T: Unit>(units: &[T], sep: &[T], from_right: bool) -> Option<usize> {
    if from_right {
        rfind(units, sep, 0, units.len())
    } else {
        find(units, sep, 0, units.len())
    }
}

/// Why a result cannot be made: longer than an index can count, or
/// longer than could be allocated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooLong {
    Overflow,
    Memory,
}

/// The most units a result may have before it is a MemoryError.
pub const MAX_RESULT: usize = 1 << 36;

/// `expandtabs(tabsize)`: each tab becomes spaces up to the next column
/// that is a multiple of `tabsize`; line breaks restart the column.
pub fn expandtabs<T: Unit>(units: &[T], tabsize: i64) -> Result<Vec<T>, TooLong> {
    let space = T::from(b' ');
    let mut out = Vec::with_capacity(units.len());
    let mut column: i64 = 0;
    for &u in units {
        match u.into() {
            9 => {
                if tabsize > 0 {
                    let pad = tabsize - column % tabsize;
                    let total = (out.len() as i64).checked_add(pad);
                    match total {
                        None => return Err(TooLong::Overflow),
                        Some(t) if t as u64 > MAX_RESULT as u64 => return Err(TooLong::Memory),
                        Some(_) => {}
                    }
                    out.extend(std::iter::repeat_n(space, pad as usize));
                    column += pad;
                }
            }
            10 | 13 => {
                out.push(u);
                column = 0;
            }
            _ => {
                out.push(u);
                column += 1;
            }
        }
    }
    Ok(out)
}

/// `zfill(width)`: zeros after any leading sign, up to `width` units.
pub fn zfill<T: Unit>(units: &[T], width: usize) -> Vec<T> {
    let zero = T::from(b'0');
    if units.len() >= width {
        return units.to_vec();
    }
    let fill = width - units.len();
    let mut out = Vec::with_capacity(width);
    let signed = units
        .first()
        .is_some_and(|&c| matches!(c.into(), 0x2B | 0x2D));
    if signed {
        out.push(units[0]);
    }
    out.extend(std::iter::repeat_n(zero, fill));
    out.extend_from_slice(&units[usize::from(signed)..]);
    out
}

/// `center`, `ljust` and `rjust`: how many fill units go left and right
/// to make `len` units `width` wide. `center` puts the odd one on the
/// left when both the padding and the width are odd, as CPython does.
pub fn padding(len: usize, width: usize, align: Align) -> (usize, usize) {
    if width <= len {
        return (0, 0);
    }
    let pad = width - len;
    match align {
        Align::Left => (0, pad),
        Align::Right => (pad, 0),
        Align::Center => {
            let left = pad / 2 + (pad & width & 1);
            (left, pad - left)
        }
    }
}

#[derive(Clone, Copy)]
pub enum Align {
    Left,
    Right,
    Center,
}
