//! Decompression for `zlib` (the inflate side of Modules/zlibmodule.c):
//! the zlib and gzip wrappers are read here, with zlib's messages, and
//! the deflate data between them by `miniz_oxide`'s decompressor into a
//! 32 KiB window that wraps around, so that a stream of any length
//! decompresses in pieces of any size.

use super::{adler32, Wrapper};
use crate::modules::binascii::crc32;
use miniz_oxide::inflate::core::inflate_flags::TINFL_FLAG_HAS_MORE_INPUT;
use miniz_oxide::inflate::core::{decompress_with_limit, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

const WINDOW: usize = 32 * 1024;

/// zlib's return codes that reach Python's messages.
pub const Z_NEED_DICT: i32 = 2;
pub const Z_DATA_ERROR: i32 = -3;

/// How far into the stream the decompressor is.
#[derive(Clone, PartialEq)]
enum Stage {
    /// The wrapper's header, gathered until it is whole.
    Header(Vec<u8>),
    Body,
    Trailer(Vec<u8>),
    Done,
}

/// Why decompression failed: zlib's code and message.
#[derive(Clone)]
pub struct InflateError {
    pub code: i32,
    pub message: Option<&'static str>,
    /// Whether the preset dictionary was refused, which zlib's caller
    /// reports as its own step.
    pub setting_dictionary: bool,
}

fn data_error(message: &'static str) -> InflateError {
    InflateError {
        code: Z_DATA_ERROR,
        message: Some(message),
        setting_dictionary: false,
    }
}

/// A stream being decompressed.
#[derive(Clone)]
pub struct Inflater {
    wrapper: Wrapper,
    /// The largest window the zlib header may ask for, 0 for any.
    window_bits: u32,
    stage: Stage,
    core: Box<DecompressorOxide>,
    window: Box<[u8]>,
    position: usize,
    /// Adler-32 (zlib) or CRC-32 (gzip) of the output so far.
    check: u32,
    total_out: u32,
    dictionary: Option<Vec<u8>>,
}

impl Inflater {
    /// `inflateInit2`: None for a `wbits` zlib would refuse.
    pub fn new(wbits: i32, dictionary: Option<Vec<u8>>) -> Option<Inflater> {
        let (wrapper, window_bits) = match wbits {
            -15..=-8 => (Wrapper::Raw, -wbits),
            0 | 8..=15 => (Wrapper::Zlib, wbits),
            16 | 24..=31 => (Wrapper::Gzip, wbits - 16),
            32 | 40..=47 => (Wrapper::Auto, wbits - 32),
            _ => return None,
        };
        let mut inflater = Inflater {
            wrapper,
            window_bits: window_bits as u32,
            stage: if wrapper == Wrapper::Raw {
                Stage::Body
            } else {
                Stage::Header(Vec::new())
            },
            core: Box::default(),
            window: vec![0; WINDOW].into_boxed_slice(),
            position: 0,
            check: 0,
            total_out: 0,
            dictionary,
        };
        if wrapper == Wrapper::Raw {
            if let Some(dictionary) = inflater.dictionary.take() {
                inflater.prime(&dictionary);
            }
        }
        Some(inflater)
    }

    /// Puts a preset dictionary in the window, for the data to refer
    /// back to.
    fn prime(&mut self, dictionary: &[u8]) {
        let tail = &dictionary[dictionary.len().saturating_sub(WINDOW)..];
        self.window[..tail.len()].copy_from_slice(tail);
        self.position = tail.len() % WINDOW;
    }

    pub fn is_done(&self) -> bool {
        self.stage == Stage::Done
    }

    /// Decompresses from `input` into `out`, stopping at the end of the
    /// stream, when the input runs out, or when `out` holds `limit`
    /// bytes (0 for no limit). Gives the number of input bytes used.
    pub fn inflate(
        &mut self,
        input: &[u8],
        limit: usize,
        out: &mut Vec<u8>,
    ) -> Result<usize, InflateError> {
        let mut used = 0;
        loop {
            let rest = &input[used..];
            match &mut self.stage {
                Stage::Done => return Ok(used),
                Stage::Header(header) => {
                    let Some(&byte) = rest.first() else {
                        return Ok(used);
                    };
                    header.push(byte);
                    used += 1;
                    let header = header.clone();
                    // Fed a byte at a time, the header is whole exactly
                    // when it parses.
                    if self.parse_header(&header)?.is_some() {
                        self.stage = Stage::Body;
                    }
                }
                Stage::Body => {
                    if limit != 0 && out.len() >= limit {
                        return Ok(used);
                    }
                    let room = if limit == 0 {
                        usize::MAX
                    } else {
                        limit - out.len()
                    };
                    let (status, taken, written) = decompress_with_limit(
                        &mut self.core,
                        rest,
                        &mut self.window,
                        self.position,
                        room,
                        TINFL_FLAG_HAS_MORE_INPUT,
                    );
                    used += taken;
                    let produced = &self.window[self.position..self.position + written];
                    self.check = match self.wrapper {
                        Wrapper::Gzip => crc32(self.check, produced),
                        _ => adler32(self.check, produced),
                    };
                    self.total_out = self.total_out.wrapping_add(written as u32);
                    out.extend_from_slice(produced);
                    self.position = (self.position + written) % WINDOW;
                    match status {
                        TINFLStatus::Done => {
                            self.stage = if self.wrapper == Wrapper::Raw {
                                Stage::Done
                            } else {
                                Stage::Trailer(Vec::new())
                            }
                        }
                        TINFLStatus::HasMoreOutput => {}
                        TINFLStatus::NeedsMoreInput => {
                            if taken == rest.len() || taken + written == 0 {
                                return Ok(used);
                            }
                        }
                        _ => {
                            return Err(InflateError {
                                code: Z_DATA_ERROR,
                                message: None,
                                setting_dictionary: false,
                            })
                        }
                    }
                }
                Stage::Trailer(trailer) => {
                    let wanted = if self.wrapper == Wrapper::Gzip { 8 } else { 4 };
                    let take = (wanted - trailer.len()).min(rest.len());
                    trailer.extend_from_slice(&rest[..take]);
                    used += take;
                    if trailer.len() < wanted {
                        return Ok(used);
                    }
                    let word =
                        |at: usize| -> [u8; 4] { trailer[at..at + 4].try_into().expect("4 bytes") };
                    if self.wrapper == Wrapper::Gzip {
                        if u32::from_le_bytes(word(0)) != self.check {
                            return Err(data_error("incorrect data check"));
                        }
                        if u32::from_le_bytes(word(4)) != self.total_out {
                            return Err(data_error("incorrect length check"));
                        }
                    } else if u32::from_be_bytes(word(0)) != self.check {
                        return Err(data_error("incorrect data check"));
                    }
                    self.stage = Stage::Done;
                }
            }
        }
    }

    /// Reads the header gathered so far: its length once it is whole,
    /// None while more is needed.
    fn parse_header(&mut self, header: &[u8]) -> Result<Option<usize>, InflateError> {
        if self.wrapper == Wrapper::Auto {
            match header {
                [0x1f] => return Ok(None),
                [0x1f, 0x8b, ..] => self.wrapper = Wrapper::Gzip,
                _ => self.wrapper = Wrapper::Zlib,
            }
        }
        match self.wrapper {
            Wrapper::Gzip => {
                self.check = 0;
                gzip_header_length(header)
            }
            _ => {
                self.check = 1;
                self.zlib_header(header)
            }
        }
    }

    fn zlib_header(&mut self, header: &[u8]) -> Result<Option<usize>, InflateError> {
        if header.len() < 2 {
            return Ok(None);
        }
        let (cmf, flg) = (header[0], header[1]);
        if (u16::from(cmf) << 8 | u16::from(flg)) % 31 != 0 {
            return Err(data_error("incorrect header check"));
        }
        if cmf & 0x0f != 8 {
            return Err(data_error("unknown compression method"));
        }
        let bits = u32::from(cmf >> 4) + 8;
        if bits > 15 || (self.window_bits != 0 && bits > self.window_bits) {
            return Err(data_error("invalid window size"));
        }
        if flg & 0x20 == 0 {
            return Ok(Some(2));
        }
        if header.len() < 6 {
            return Ok(None);
        }
        let id = u32::from_be_bytes(header[2..6].try_into().expect("4 bytes"));
        let Some(dictionary) = self.dictionary.take() else {
            return Err(InflateError {
                code: Z_NEED_DICT,
                message: None,
                setting_dictionary: false,
            });
        };
        if adler32(1, &dictionary) != id {
            return Err(InflateError {
                code: Z_DATA_ERROR,
                message: None,
                setting_dictionary: true,
            });
        }
        self.prime(&dictionary);
        Ok(Some(6))
    }
}

/// The length of a whole gzip header (RFC 1952), None while more of it
/// is needed.
fn gzip_header_length(header: &[u8]) -> Result<Option<usize>, InflateError> {
    const FHCRC: u8 = 2;
    const FEXTRA: u8 = 4;
    const FNAME: u8 = 8;
    const FCOMMENT: u8 = 16;
    if header.len() >= 2 && header[..2] != [0x1f, 0x8b] {
        return Err(data_error("incorrect header check"));
    }
    if header.len() >= 3 && header[2] != 8 {
        return Err(data_error("unknown compression method"));
    }
    if header.len() >= 4 && header[3] & 0xe0 != 0 {
        return Err(data_error("unknown header flags set"));
    }
    if header.len() < 10 {
        return Ok(None);
    }
    let flags = header[3];
    let mut at = 10;
    if flags & FEXTRA != 0 {
        let Some(length) = header.get(at..at + 2) else {
            return Ok(None);
        };
        at += 2 + usize::from(u16::from_le_bytes([length[0], length[1]]));
    }
    for field in [FNAME, FCOMMENT] {
        if flags & field != 0 {
            match header
                .get(at..)
                .and_then(|h| h.iter().position(|&b| b == 0))
            {
                Some(end) => at += end + 1,
                None => return Ok(None),
            }
        }
    }
    if flags & FHCRC != 0 {
        at += 2;
    }
    Ok((header.len() >= at).then_some(at))
}
