//! `posix` (Modules/posixmodule.c): so far the file system calls that
//! programs working with files need first: `getcwd`, `mkdir`, `rmdir`,
//! `unlink`/`remove`, `listdir` and `fspath`. Paths are str (encoded
//! with surrogateescape, as the file system encoding is) or bytes, or
//! objects with `__fspath__`.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::bytes::{new_bytes, BytesObject};
use crate::objects::function::NativeFn;
use crate::objects::getargs::{bind, int_arg};
use crate::objects::str::StrObject;
use crate::typeobject::Args;
use crate::vm::Vm;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::PathBuf;

pub(crate) fn init_module(vm: &Vm, module: &Object) -> PyResult<()> {
    let functions: &[(&'static str, NativeFn)] = &[
        ("getcwd", |vm, args| {
            bind(vm, "getcwd", args, false, &[], 0)?;
            let cwd =
                std::env::current_dir().map_err(|e| crate::modules::io::os_error(vm, &e, None))?;
            Ok(decode_path(vm, cwd.into_os_string().into_vec()))
        }),
        ("fspath", |vm, args| {
            let a = bind(vm, "fspath", args, false, &["path"], 1)?;
            fspath(vm, &a[0].clone().unwrap_or_else(|| vm.none.clone()))
        }),
        ("mkdir", |vm, args| {
            let a = bind(vm, "mkdir", args, false, &["path", "mode"], 1)?;
            let (name, path) = path_arg(vm, a[0].as_ref())?;
            let mode = match &a[1] {
                Some(m) => int_arg(vm, m)?,
                None => 0o777,
            };
            use std::os::unix::fs::DirBuilderExt;
            std::fs::DirBuilder::new()
                .mode(mode as u32)
                .create(&path)
                .map_err(|e| crate::modules::io::os_error(vm, &e, Some(name)))?;
            Ok(vm.none.clone())
        }),
        ("rmdir", |vm, args| {
            let a = bind(vm, "rmdir", args, false, &["path"], 1)?;
            let (name, path) = path_arg(vm, a[0].as_ref())?;
            std::fs::remove_dir(&path)
                .map_err(|e| crate::modules::io::os_error(vm, &e, Some(name)))?;
            Ok(vm.none.clone())
        }),
        ("unlink", |vm, args| remove(vm, args, "unlink")),
        ("remove", |vm, args| remove(vm, args, "remove")),
        ("listdir", listdir),
    ];
    super::add_functions(vm, module, functions);
    Ok(())
}

/// `os.fspath(path)`: a str or bytes, from `__fspath__` for other
/// objects (`PyOS_FSPath`).
pub fn fspath(vm: &Vm, path: &Object) -> PyResult {
    if path.payload::<StrObject>().is_some() || path.payload::<BytesObject>().is_some() {
        return Ok(path.clone());
    }
    let Some(method) = vm.lookup_special(path, &vm.names.__fspath__)? else {
        return Err(vm.new_type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            vm.type_name(path)
        )));
    };
    let result = vm.call(&method, Args::positional_only(&[]))?;
    if result.payload::<StrObject>().is_some() || result.payload::<BytesObject>().is_some() {
        return Ok(result);
    }
    Err(vm.new_type_error(format!(
        "expected {}.__fspath__() to return str or bytes, not {}",
        vm.type_name(path),
        vm.type_name(&result)
    )))
}

/// The bytes the system takes for a path (`PyUnicode_FSConverter`):
/// str encoded with surrogateescape; ValueError for a NUL in it.
pub fn path_bytes(vm: &Vm, path: &Object) -> PyResult<Vec<u8>> {
    let path = fspath(vm, path)?;
    let bytes = match path.payload::<BytesObject>() {
        Some(b) => b.bytes.to_vec(),
        None => {
            let s = path
                .payload::<StrObject>()
                .expect("fspath gives str or bytes");
            crate::objects::codecs::encode(
                vm,
                &path,
                &s.wide(),
                crate::objects::codecs::Codec::Utf8,
                "surrogateescape",
            )?
        }
    };
    if bytes.contains(&0) {
        return Err(vm.new_value_error("embedded null byte"));
    }
    Ok(bytes)
}

/// A path argument: the object, for error messages, and the path.
fn path_arg(vm: &Vm, value: Option<&Object>) -> PyResult<(Object, PathBuf)> {
    let value = value.cloned().unwrap_or_else(|| vm.none.clone());
    let bytes = path_bytes(vm, &value)?;
    Ok((value, PathBuf::from(std::ffi::OsString::from_vec(bytes))))
}

/// A file name from the system as a str, undecodable bytes kept as
/// surrogates.
fn decode_path(vm: &Vm, bytes: Vec<u8>) -> Object {
    let object = new_bytes(vm, bytes.clone());
    match crate::objects::codecs::decode(
        vm,
        &object,
        &bytes,
        crate::objects::codecs::Codec::Utf8,
        "surrogateescape",
    ) {
        Ok(points) => crate::objects::str::from_units(vm, &points),
        Err(_) => object,
    }
}

fn remove(vm: &Vm, args: Args, name: &str) -> PyResult {
    let a = bind(vm, name, args, false, &["path"], 1)?;
    let (object, path) = path_arg(vm, a[0].as_ref())?;
    std::fs::remove_file(&path).map_err(|e| crate::modules::io::os_error(vm, &e, Some(object)))?;
    Ok(vm.none.clone())
}

/// `listdir(path='.')`: the names in a directory, as str, or as bytes
/// for a bytes path.
fn listdir(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "listdir", args, false, &["path"], 0)?;
    let given = a[0].clone().filter(|p| !vm.is_none(p));
    let as_bytes = given
        .as_ref()
        .is_some_and(|p| p.payload::<BytesObject>().is_some());
    let (object, path) = match &given {
        Some(p) => path_arg(vm, Some(p))?,
        None => (vm.new_str("."), PathBuf::from(".")),
    };
    let error = |e: std::io::Error| crate::modules::io::os_error(vm, &e, Some(object.clone()));
    let mut names = Vec::new();
    for entry in std::fs::read_dir(&path).map_err(error)? {
        let name = entry.map_err(error)?.file_name();
        let bytes = name.as_bytes().to_vec();
        names.push(if as_bytes {
            new_bytes(vm, bytes)
        } else {
            decode_path(vm, bytes)
        });
    }
    Ok(vm.new_list(names))
}
