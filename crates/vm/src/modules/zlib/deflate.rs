//! Compression for `zlib` (the deflate side of Modules/zlibmodule.c):
//! a deflate stream from `miniz_oxide`, in the zlib or gzip wrapper
//! written here, or raw; and the `Compress` objects of `compressobj`.
//!
//! The wrappers are Krait's so that the headers are zlib's own (the
//! level bits, the dictionary id, gzip's extra flags and OS byte); the
//! deflate data between them is miniz's, which decompresses to the same
//! bytes as zlib's but is not byte for byte the same.

use super::{adler32, zlib_error, Wrapper};
use crate::errors::PyResult;
use crate::modules::binascii::crc32;
use miniz_oxide::deflate::core::{CompressionStrategy, CompressorOxide};
use miniz_oxide::deflate::stream::deflate;
use miniz_oxide::{DataFormat, MZFlush, MZStatus};

/// zlib's flush modes, as `Z_*_FLUSH`.
pub const Z_NO_FLUSH: i32 = 0;
pub const Z_FINISH: i32 = 4;

/// A deflate stream in its wrapper.
#[derive(Clone)]
pub struct Deflater {
    core: Box<CompressorOxide>,
    wrapper: Wrapper,
    /// The header, written before the first output.
    header: Option<Vec<u8>>,
    /// Adler-32 (zlib) or CRC-32 (gzip) of the data so far.
    check: u32,
    total_in: u32,
    pub finished: bool,
}

impl Deflater {
    /// `deflateInit2` with its checks: None where zlib would refuse
    /// the parameters.
    pub fn new(
        level: i32,
        method: i32,
        wbits: i32,
        mem_level: i32,
        strategy: i32,
    ) -> Option<Deflater> {
        let level = if level == -1 { 6 } else { level };
        let (wrapper, bits) = match wbits {
            -15..=-9 => (Wrapper::Raw, -wbits),
            8..=15 => (Wrapper::Zlib, wbits.max(9)),
            25..=31 => (Wrapper::Gzip, wbits - 16),
            _ => return None,
        };
        if !(0..=9).contains(&level) || method != 8 || !(1..=9).contains(&mem_level) {
            return None;
        }
        let strategy_kind = match strategy {
            0 => CompressionStrategy::Default,
            1 => CompressionStrategy::Filtered,
            2 => CompressionStrategy::HuffmanOnly,
            3 => CompressionStrategy::RLE,
            4 => CompressionStrategy::Fixed,
            _ => return None,
        };
        let core =
            CompressorOxide::with_params(DataFormat::Raw, level as u8, strategy_kind, bits as u8);
        let header = match wrapper {
            Wrapper::Raw | Wrapper::Auto => Vec::new(),
            Wrapper::Zlib => {
                let level_bits = if strategy >= 2 || level < 2 {
                    0
                } else if level < 6 {
                    1
                } else if level == 6 {
                    2
                } else {
                    3
                };
                let mut header = ((8 + ((bits as u16 - 8) << 4)) << 8) | (level_bits << 6);
                header += 31 - header % 31;
                header.to_be_bytes().to_vec()
            }
            Wrapper::Gzip => {
                let extra_flags = if level == 9 {
                    2
                } else if strategy >= 2 || level < 2 {
                    4
                } else {
                    0
                };
                // No name or time; the OS byte says Unix, as zlib's
                // does when built there.
                vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, extra_flags, 3]
            }
        };
        Some(Deflater {
            core: Box::new(core),
            wrapper,
            header: Some(header),
            check: if wrapper == Wrapper::Gzip { 0 } else { 1 },
            total_in: 0,
            finished: false,
        })
    }

    /// Primes the stream with a preset dictionary (`deflateSetDictionary`):
    /// the dictionary is compressed and its output dropped, which leaves
    /// it in the window for the data to refer back to. A zlib header
    /// then carries the dictionary's id.
    pub fn set_dictionary(&mut self, dictionary: &[u8]) {
        let mut discarded = Vec::new();
        self.run(dictionary, MZFlush::Sync, &mut discarded);
        if self.wrapper == Wrapper::Zlib {
            let header = self.header.as_mut().expect("set before any data");
            // The check bits are made anew, as zlib makes them.
            let mut flags = (u16::from_be_bytes([header[0], header[1]]) & !0x1f) | 0x20;
            flags += 31 - flags % 31;
            header.clear();
            header.extend_from_slice(&flags.to_be_bytes());
            header.extend_from_slice(&adler32(1, dictionary).to_be_bytes());
        }
    }

    /// Compresses `data` into `out`, flushing as `mode` says (a zlib
    /// flush constant); Z_FINISH ends the stream and writes the trailer.
    pub fn compress(&mut self, data: &[u8], mode: i32, out: &mut Vec<u8>) {
        if let Some(header) = self.header.take() {
            out.extend_from_slice(&header);
        }
        self.check = match self.wrapper {
            Wrapper::Gzip => crc32(self.check, data),
            _ => adler32(self.check, data),
        };
        self.total_in = self.total_in.wrapping_add(data.len() as u32);
        let flush = match mode {
            Z_NO_FLUSH => MZFlush::None,
            1 => MZFlush::Partial,
            3 => MZFlush::Full,
            Z_FINISH => MZFlush::Finish,
            // Z_SYNC_FLUSH, and Z_BLOCK and Z_TREES, which miniz has
            // not: a sync flush also ends the block.
            _ => MZFlush::Sync,
        };
        self.run(data, flush, out);
        if flush == MZFlush::Finish {
            match self.wrapper {
                Wrapper::Zlib => out.extend_from_slice(&self.check.to_be_bytes()),
                Wrapper::Gzip => {
                    out.extend_from_slice(&self.check.to_le_bytes());
                    out.extend_from_slice(&self.total_in.to_le_bytes());
                }
                _ => {}
            }
            self.finished = true;
        }
    }

    fn run(&mut self, mut data: &[u8], flush: MZFlush, out: &mut Vec<u8>) {
        let mut buffer = vec![0u8; 64 * 1024];
        loop {
            let result = deflate(&mut self.core, data, &mut buffer, flush);
            data = &data[result.bytes_consumed..];
            out.extend_from_slice(&buffer[..result.bytes_written]);
            match result.status {
                Ok(MZStatus::StreamEnd) => return,
                // The buffer filled: there is more to come.
                Ok(_) if result.bytes_written == buffer.len() => {}
                Ok(_) if !data.is_empty() => {}
                // All taken and, for a flush, all written; or no progress
                // possible, which is the same.
                _ => return,
            }
        }
    }
}

/// The error of using a finished stream.
pub fn finished_error(vm: &crate::vm::Vm, doing: &str) -> crate::errors::PyErr {
    zlib_error(vm, &format!("Error -2 {doing}: inconsistent stream state"))
}

/// `compress(data, /, level=-1, wbits=15)` in one go.
pub fn compress_all(vm: &crate::vm::Vm, data: &[u8], level: i32, wbits: i32) -> PyResult<Vec<u8>> {
    let Some(mut deflater) = Deflater::new(level, 8, wbits, 8, 0) else {
        return Err(zlib_error(vm, "Bad compression level"));
    };
    let mut out = Vec::with_capacity(data.len() / 2 + 32);
    deflater.compress(data, Z_FINISH, &mut out);
    Ok(out)
}
