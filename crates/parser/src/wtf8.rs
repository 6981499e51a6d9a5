//! Strings that may hold lone surrogates.
//!
//! A Python `str` is a sequence of code points, any of U+0000..U+10FFFF,
//! surrogates included: `'\ud800'` is a valid literal. Rust's `String` cannot
//! hold those, so string constants use WTF-8: UTF-8 extended to encode
//! surrogate code points as their generalized three-byte sequences.
//! Everything that is valid UTF-8 has the same bytes in both.

use std::fmt;

#[derive(Clone, PartialEq, Eq, Default)]
pub struct Wtf8String {
    bytes: Vec<u8>,
}

impl Wtf8String {
    pub fn new() -> Wtf8String {
        Wtf8String::default()
    }

    pub fn push_str(&mut self, s: &str) {
        self.bytes.extend_from_slice(s.as_bytes());
    }

    pub fn push_wtf8(&mut self, s: &Wtf8String) {
        self.bytes.extend_from_slice(&s.bytes);
    }

    pub fn push(&mut self, c: char) {
        let mut buf = [0; 4];
        self.push_str(c.encode_utf8(&mut buf));
    }

    /// Appends any code point, surrogates included.
    ///
    /// # Panics
    /// If `cp` is above U+10FFFF; callers check escapes before pushing.
    pub fn push_code_point(&mut self, cp: u32) {
        match char::from_u32(cp) {
            Some(c) => self.push(c),
            None => {
                assert!(
                    (0xD800..0xE000).contains(&cp),
                    "code point out of range: {cp:#x}"
                );
                self.bytes.extend_from_slice(&[
                    0xE0 | (cp >> 12) as u8,
                    0x80 | ((cp >> 6) & 0x3F) as u8,
                    0x80 | (cp & 0x3F) as u8,
                ]);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The code points, in order.
    pub fn code_points(&self) -> impl Iterator<Item = u32> + Clone + '_ {
        let mut rest = self.bytes.as_slice();
        std::iter::from_fn(move || {
            let (&first, tail) = rest.split_first()?;
            let (cp, len) = match first {
                0x00..=0x7F => (first as u32, 1),
                0xC0..=0xDF => ((first as u32 & 0x1F) << 6 | (tail[0] as u32 & 0x3F), 2),
                0xE0..=0xEF => (
                    (first as u32 & 0x0F) << 12
                        | (tail[0] as u32 & 0x3F) << 6
                        | (tail[1] as u32 & 0x3F),
                    3,
                ),
                _ => (
                    (first as u32 & 0x07) << 18
                        | (tail[0] as u32 & 0x3F) << 12
                        | (tail[1] as u32 & 0x3F) << 6
                        | (tail[2] as u32 & 0x3F),
                    4,
                ),
            };
            rest = &rest[len..];
            Some(cp)
        })
    }

    /// The WTF-8 bytes: UTF-8 unless the string holds a surrogate.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl From<&str> for Wtf8String {
    fn from(s: &str) -> Wtf8String {
        Wtf8String {
            bytes: s.as_bytes().to_vec(),
        }
    }
}

impl From<String> for Wtf8String {
    fn from(s: String) -> Wtf8String {
        Wtf8String {
            bytes: s.into_bytes(),
        }
    }
}

impl fmt::Debug for Wtf8String {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::repr::str_repr(self.code_points()))
    }
}
