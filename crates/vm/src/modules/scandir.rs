//! `os.scandir` and `os.DirEntry` (the ScandirIterator and DirEntry part
//! of Modules/posixmodule.c), in the `posix` module: a directory's
//! entries with the file type the directory listing gives, so that
//! `glob`, `shutil` and `os.walk` need not stat every name; `stat()`
//! results are cached per entry, as CPython caches them.

use super::posix::Path;
use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::function::{add_methods, check_arity};
use crate::typeobject::{Args, Layout};
use crate::vm::Vm;
use std::cell::RefCell;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::DirEntryExt;
use std::path::PathBuf;

/// The iterator `os.scandir()` returns; the directory stays open until
/// it is exhausted or closed.
#[derive(krait_derive::Traverse)]
pub struct ScandirIterator {
    #[traverse(skip)]
    entries: RefCell<Option<std::fs::ReadDir>>,
    /// The directory as given (str or bytes), which entries' paths start
    /// with.
    #[traverse(skip)]
    prefix: Vec<u8>,
    #[traverse(skip)]
    is_bytes: bool,
}

/// One entry of a directory (`os.DirEntry`).
#[derive(krait_derive::Traverse)]
pub struct DirEntry {
    name: Object,
    path: Object,
    #[traverse(skip)]
    native: PathBuf,
    /// The type the listing gave, if it gave one.
    #[traverse(skip)]
    file_type: Option<std::fs::FileType>,
    #[traverse(skip)]
    ino: u64,
    /// `stat()` following symbolic links, and not, once asked.
    stat: RefCell<Option<Object>>,
    lstat: RefCell<Option<Object>>,
}

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let iterator = super::new_type(
        vm,
        "posix",
        "ScandirIterator",
        Layout::ScandirIterator,
        0,
        |tp| {
            tp.slots.iter.set(Some(|_, it| Ok(it.clone())));
            tp.slots.iternext.set(Some(scandir_next));
        },
    );
    add_methods(
        vm,
        &iterator,
        &[
            ("close", |vm, args| {
                check_arity(vm, "close", args, 1, 1)?;
                close(&args.values[0]);
                Ok(vm.none.clone())
            }),
            ("__enter__", |vm, args| {
                check_arity(vm, "__enter__", args, 1, 1)?;
                Ok(args.values[0].clone())
            }),
            ("__exit__", |vm, args| {
                close(&args.values[0]);
                Ok(vm.none.clone())
            }),
        ],
    );
    super::set_attr(vm, module, "ScandirIterator", iterator);
    let entry_type = super::new_type(vm, "posix", "DirEntry", Layout::DirEntry, 0, |tp| {
        tp.slots.repr.set(Some(|vm, e| {
            Ok(vm.new_str(&format!("<DirEntry {}>", vm.repr_string(&entry(e).name)?)))
        }));
    });
    crate::objects::descr::add_getset(
        vm,
        &entry_type,
        "name",
        |_, e| Ok(entry(e).name.clone()),
        None,
    );
    crate::objects::descr::add_getset(
        vm,
        &entry_type,
        "path",
        |_, e| Ok(entry(e).path.clone()),
        None,
    );
    add_methods(
        vm,
        &entry_type,
        &[
            ("is_dir", |vm, args| {
                let follow = follow_symlinks(vm, "is_dir", args)?;
                is_type(vm, &args.values[0], follow, libc::S_IFDIR)
            }),
            ("is_file", |vm, args| {
                let follow = follow_symlinks(vm, "is_file", args)?;
                is_type(vm, &args.values[0], follow, libc::S_IFREG)
            }),
            ("is_symlink", |vm, args| {
                check_arity(vm, "is_symlink", args, 1, 1)?;
                is_type(vm, &args.values[0], false, libc::S_IFLNK)
            }),
            ("stat", |vm, args| {
                let follow = follow_symlinks(vm, "stat", args)?;
                entry_stat(vm, &args.values[0], follow)
            }),
            ("inode", |vm, args| {
                check_arity(vm, "inode", args, 1, 1)?;
                Ok(crate::objects::int::new_big(
                    vm,
                    crate::objects::int::IBig::from(entry(&args.values[0]).ino),
                ))
            }),
            ("__fspath__", |vm, args| {
                check_arity(vm, "__fspath__", args, 1, 1)?;
                Ok(entry(&args.values[0]).path.clone())
            }),
        ],
    );
    super::set_attr(vm, module, "DirEntry", entry_type);
    Ok(())
}

/// `os.scandir(path='.')`.
pub(crate) fn scandir(vm: &Vm, args: Args) -> PyResult {
    let bound = crate::objects::getargs::bind(vm, "scandir", args, false, &["path"], 0)?;
    let (native, prefix, is_bytes, path) = match bound[0].as_ref().filter(|p| !vm.is_none(p)) {
        Some(p) => {
            let path = Path::from_object(vm, "scandir", p)?;
            let bytes = path.native.as_os_str().as_bytes().to_vec();
            (path.native.clone(), bytes, path.is_bytes, Some(path))
        }
        None => (PathBuf::from("."), b".".to_vec(), false, None),
    };
    let entries = std::fs::read_dir(&native).map_err(|e| match &path {
        Some(path) => path.error(vm, &e),
        None => crate::exceptions::from_io_error(vm, &e, Some(vm.new_str("."))),
    })?;
    let ty = vm.getattr_str(
        &crate::import::import_module(vm, "posix")?,
        "ScandirIterator",
    )?;
    Ok(crate::object::alloc(
        &ty,
        ScandirIterator {
            entries: RefCell::new(Some(entries)),
            prefix,
            is_bytes,
        },
    ))
}

fn iterator(it: &Object) -> &ScandirIterator {
    it.payload::<ScandirIterator>()
        .expect("a ScandirIterator's type has its payload")
}

fn entry(e: &Object) -> &DirEntry {
    e.payload::<DirEntry>()
        .expect("a DirEntry's type has its payload")
}

fn close(it: &Object) {
    iterator(it).entries.borrow_mut().take();
}

fn scandir_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let scan = iterator(it);
    let next = match scan.entries.borrow_mut().as_mut() {
        Some(entries) => entries.next(),
        None => return Ok(None),
    };
    let Some(next) = next else {
        close(it);
        return Ok(None);
    };
    let found = next.map_err(|e| crate::exceptions::from_io_error(vm, &e, None))?;
    let name = found.file_name();
    let mut path = scan.prefix.clone();
    if !path.ends_with(b"/") {
        path.push(b'/');
    }
    path.extend_from_slice(name.as_bytes());
    let text = |bytes: &[u8]| {
        if scan.is_bytes {
            crate::objects::bytes::new_bytes(vm, bytes.to_vec())
        } else {
            vm.new_str(&String::from_utf8_lossy(bytes))
        }
    };
    let ty = vm.getattr_str(&crate::import::import_module(vm, "posix")?, "DirEntry")?;
    Ok(Some(crate::object::alloc(
        &ty,
        DirEntry {
            name: text(name.as_bytes()),
            path: text(&path),
            native: found.path(),
            file_type: found.file_type().ok(),
            ino: found.ino(),
            stat: RefCell::new(None),
            lstat: RefCell::new(None),
        },
    )))
}

/// The keyword-only `follow_symlinks=True` of the DirEntry methods.
fn follow_symlinks(vm: &Vm, name: &str, args: Args) -> PyResult<bool> {
    if args.positional().len() > 1 {
        return Err(vm.new_type_error(format!("{name}() takes no positional arguments")));
    }
    let bound = crate::objects::getargs::bind(vm, name, args, true, &["follow_symlinks"], 0)?;
    match &bound[0] {
        Some(flag) => vm.is_true(flag),
        None => Ok(true),
    }
}

/// `stat()` of the entry, cached; an entry that is not a symbolic link
/// has one result for both.
fn entry_stat(vm: &Vm, e: &Object, follow: bool) -> PyResult {
    let d = entry(e);
    let is_link = match d.file_type {
        Some(t) => t.is_symlink(),
        None => {
            let lstat = entry_stat(vm, e, false)?;
            let mode = vm.getattr_str(&lstat, "st_mode")?;
            crate::objects::getargs::index_arg(vm, &mode)? as u32 & libc::S_IFMT == libc::S_IFLNK
        }
    };
    let cache = if follow && is_link { &d.stat } else { &d.lstat };
    if let Some(result) = cache.borrow().clone() {
        return Ok(result);
    }
    let metadata = if follow && is_link {
        std::fs::metadata(&d.native)
    } else {
        std::fs::symlink_metadata(&d.native)
    }
    .map_err(|err| crate::exceptions::from_io_error(vm, &err, Some(d.path.clone())))?;
    let result = super::posix::stat_result(vm, &metadata)?;
    *cache.borrow_mut() = Some(result.clone());
    Ok(result)
}

/// Whether the entry is of the file type `kind` (`S_IFDIR` and so on):
/// from the listing when it says, else by `stat()`, a missing file
/// being of no type.
fn is_type(vm: &Vm, e: &Object, follow: bool, kind: u32) -> PyResult {
    let d = entry(e);
    if let Some(t) = d.file_type.filter(|t| !(follow && t.is_symlink())) {
        let of_kind = match kind {
            libc::S_IFDIR => t.is_dir(),
            libc::S_IFREG => t.is_file(),
            _ => t.is_symlink(),
        };
        return Ok(vm.new_bool(of_kind));
    }
    let stat = match entry_stat(vm, e, follow) {
        Ok(stat) => stat,
        Err(err) if err.matches(vm, &vm.exceptions.file_not_found_error) => {
            return Ok(vm.false_.clone())
        }
        Err(err) => return Err(err),
    };
    let mode = vm.getattr_str(&stat, "st_mode")?;
    let mode = crate::objects::getargs::index_arg(vm, &mode)? as u32;
    Ok(vm.new_bool(mode & libc::S_IFMT == kind))
}
