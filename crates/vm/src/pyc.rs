//! Bytecode cache files (`.pyc`) read and written natively, for the
//! modules the import system itself is made of (Lib/importlib's
//! `_bootstrap`, `_bootstrap_external` and zipimport), which run before
//! there is an import system to load them. The files are those
//! Lib/importlib/_bootstrap_external.py's SourceLoader writes and reads
//! for every other module: the same name (`cache_from_source`, under
//! Krait's cache tag), the same 16-byte header (magic number, flags,
//! source mtime and size: `_code_to_timestamp_pyc`), the same
//! invalidation (`_validate_timestamp_pyc`), and a `marshal`led code
//! object after it.

use crate::errors::PyResult;
use crate::object::Object;
use crate::vm::Vm;
use std::path::{Path, PathBuf};

/// The magic number that starts Krait's cache files (`MAGIC_NUMBER` in
/// _bootstrap_external.py, which Krait sets to it): two bytes that
/// change with Krait's compiler (see build.rs), then `\r\n` as in
/// CPython's.
pub const MAGIC_NUMBER: [u8; 4] = {
    let word = parse_u16(env!("KRAIT_BYTECODE_MAGIC")).to_le_bytes();
    [word[0], word[1], b'\r', b'\n']
};

const fn parse_u16(text: &str) -> u16 {
    let text = text.as_bytes();
    let mut value = 0u16;
    let mut i = 0;
    while i < text.len() {
        value = value * 10 + (text[i] - b'0') as u16;
        i += 1;
    }
    value
}

/// `cache_from_source(path)`: `DIR/__pycache__/NAME.TAG[.opt-N].pyc`.
pub fn cache_path(vm: &Vm, source: &Path) -> Option<PathBuf> {
    let stem = source.file_stem()?.to_str()?;
    let optimize = match vm.optimize.get() {
        0 => String::new(),
        level => format!(".opt-{level}"),
    };
    let (major, minor, _) = crate::config::VERSION;
    let name = format!("{stem}.krait-{major}{minor}{optimize}.pyc");
    Some(source.parent()?.join("__pycache__").join(name))
}

/// The code of the module whose source is `source`, named `filename`
/// in its code objects: from its cache file when the header matches the
/// source's mtime and size, else compiled, and the cache file written
/// unless `sys.dont_write_bytecode`.
pub fn source_code(vm: &Vm, source: &Path, filename: &str) -> PyResult<Object> {
    let io_error = |e: std::io::Error| {
        crate::exceptions::new_os_error(
            vm,
            e.raw_os_error().unwrap_or(0).into(),
            &e.to_string(),
            Some(vm.new_str(&source.to_string_lossy())),
        )
    };
    let metadata = std::fs::metadata(source).map_err(io_error)?;
    let header = header(&metadata);
    let cache = cache_path(vm, source);
    if let Some(data) = cache.as_ref().and_then(|c| std::fs::read(c).ok()) {
        if data.len() > 16 && data[..16] == header {
            if let Ok(code) = crate::modules::marshal::loads(vm, &data[16..]) {
                if let Some(payload) = code.payload::<crate::objects::code::CodePayload>() {
                    payload.fix_filename(&payload.filename(), &vm.new_str(filename));
                    return Ok(code);
                }
            }
        }
    }
    let bytes = std::fs::read(source).map_err(io_error)?;
    let code = krait_compiler::compile(&bytes, filename, vm.optimize.get())
        .map_err(|e| crate::exceptions::syntax_error(vm, &e, filename, &bytes))?;
    let code = crate::objects::code::new_code(vm, code)?;
    if let (Some(cache), false) = (cache, dont_write_bytecode(vm)) {
        if let Ok(marshalled) = crate::modules::marshal::dumps(vm, &code, 4) {
            let mut data = header.to_vec();
            data.extend_from_slice(&marshalled);
            write_atomic(&cache, &data);
        }
    }
    Ok(code)
}

/// The header of a timestamp-based cache file for a source file.
fn header(metadata: &std::fs::Metadata) -> [u8; 16] {
    let mtime = metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    let mut header = [0u8; 16];
    header[..4].copy_from_slice(&MAGIC_NUMBER);
    // Both fields keep their low 32 bits, as `_pack_uint32` does.
    header[8..12].copy_from_slice(&(mtime as u32).to_le_bytes());
    header[12..].copy_from_slice(&(metadata.len() as u32).to_le_bytes());
    header
}

fn dont_write_bytecode(vm: &Vm) -> bool {
    crate::modules::sys::sys_attr(vm, &vm.intern("dont_write_bytecode"))
        .is_some_and(|flag| vm.is_true(&flag).unwrap_or(false))
}

/// Writes the cache file through a temporary one renamed into place,
/// as `_write_atomic` does, so that no reader sees half a file; a cache
/// that cannot be written is no error.
fn write_atomic(path: &Path, data: &[u8]) {
    let Some(dir) = path.parent() else {
        return;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let temporary = path.with_extension(format!("pyc.{}", std::process::id()));
    if std::fs::write(&temporary, data).is_err() || std::fs::rename(&temporary, path).is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
}
