//! `_io.FileIO` (Modules/_io/fileio.c): raw, unbuffered I/O on a file
//! descriptor, one system call per method call.
//!
//! The system calls are made here through `libc`, each in a small
//! function that retries on EINTR and gives `std::io::Error` on failure;
//! those are the only unsafe blocks of the I/O stack.

use super::iobase::{fill_buffer, iobase_close, writable_len};
use super::{size_arg, unsupported, DEFAULT_BUFFER_SIZE};
use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::bytes::{buffer_arg, new_bytes};
use crate::objects::descr::add_getset;
use crate::objects::function::{add_methods, NativeFn};
use crate::objects::getargs::{bind, index_arg, int_arg};
use crate::typeobject::Args;
use crate::vm::Vm;
use std::cell::Cell;
use std::io;

/// The payload of a FileIO: the descriptor (-1 once closed) and what
/// its mode allows.
#[derive(krait_derive::Traverse)]
pub struct FileIO {
    pub fd: Cell<i32>,
    created: Cell<bool>,
    readable: Cell<bool>,
    writable: Cell<bool>,
    appending: Cell<bool>,
    /// -1 until asked, then 0 or 1.
    seekable: Cell<i8>,
    closefd: Cell<bool>,
    /// The file system's preferred block size (`st_blksize`).
    pub blksize: Cell<i64>,
}

impl Drop for FileIO {
    /// A file object that goes away open closes its descriptor, as
    /// CPython's finalizer does.
    fn drop(&mut self) {
        let fd = self.fd.get();
        if fd >= 0 && self.closefd.get() {
            // Nothing can report an error here; CPython ignores it too.
            let _ = sys_close(fd);
        }
    }
}

// --- system calls ------------------------------------------------------

/// Runs a system call until it is not interrupted by a signal.
fn retry<T: Copy + PartialOrd + Default>(mut call: impl FnMut() -> T) -> io::Result<T> {
    loop {
        let result = call();
        if result >= T::default() {
            return Ok(result);
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

pub fn sys_read(fd: i32, buffer: &mut [u8]) -> io::Result<usize> {
    // SAFETY: `buffer` is valid for writes of its length.
    retry(|| unsafe { libc::read(fd, buffer.as_mut_ptr().cast(), buffer.len()) })
        .map(|n| n as usize)
}

pub fn sys_write(fd: i32, data: &[u8]) -> io::Result<usize> {
    // SAFETY: `data` is valid for reads of its length.
    retry(|| unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) }).map(|n| n as usize)
}

pub fn sys_lseek(fd: i32, offset: i64, whence: i32) -> io::Result<i64> {
    // SAFETY: lseek takes no pointers.
    retry(|| unsafe { libc::lseek(fd, offset, whence) })
}

fn sys_close(fd: i32) -> io::Result<()> {
    // SAFETY: close takes no pointers; a closed descriptor is EBADF.
    // close is not retried: on Linux the descriptor is gone either way.
    if unsafe { libc::close(fd) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

fn sys_ftruncate(fd: i32, length: i64) -> io::Result<()> {
    // SAFETY: ftruncate takes no pointers.
    retry(|| unsafe { libc::ftruncate(fd, length) }).map(|_| ())
}

pub fn sys_isatty(fd: i32) -> bool {
    // SAFETY: isatty takes no pointers.
    unsafe { libc::isatty(fd) == 1 }
}

/// Whether `fd` is an open descriptor (`_Py_IsValidFD`).
pub fn sys_is_valid_fd(fd: i32) -> bool {
    // SAFETY: fcntl with F_GETFD takes no pointers.
    unsafe { libc::fcntl(fd, libc::F_GETFD) >= 0 }
}

/// Whether the descriptor is a directory, and its block size.
fn sys_fstat(fd: i32) -> io::Result<(bool, i64)> {
    let mut stat = std::mem::MaybeUninit::<libc::stat>::uninit();
    // SAFETY: fstat fills the struct it is given when it returns 0.
    retry(|| unsafe { libc::fstat(fd, stat.as_mut_ptr()) })?;
    // SAFETY: fstat succeeded, so the struct is initialized.
    let stat = unsafe { stat.assume_init() };
    Ok((
        stat.st_mode & libc::S_IFMT == libc::S_IFDIR,
        stat.st_blksize,
    ))
}

fn sys_open(path: &std::ffi::CStr, flags: i32) -> io::Result<i32> {
    // SAFETY: `path` is a NUL-terminated string that outlives the call.
    retry(|| unsafe { libc::open(path.as_ptr(), flags, 0o666 as libc::c_uint) })
}

// --- the class ---------------------------------------------------------

pub(crate) fn init(vm: &Vm) {
    let ty = &vm.io.file_io;
    let tp = type_payload(ty);
    tp.slots.new.set(Some(|_, ty, _| {
        Ok(object::alloc(
            ty,
            FileIO {
                fd: Cell::new(-1),
                created: Cell::new(false),
                readable: Cell::new(false),
                writable: Cell::new(false),
                appending: Cell::new(false),
                seekable: Cell::new(-1),
                closefd: Cell::new(true),
                blksize: Cell::new(0),
            },
        ))
    }));
    tp.slots.init.set(Some(fileio_init));
    tp.slots.repr.set(Some(fileio_repr));
    add_getset(
        vm,
        ty,
        "closed",
        |vm, this| Ok(vm.new_bool(payload(this).fd.get() < 0)),
        None,
    );
    add_getset(
        vm,
        ty,
        "closefd",
        |vm, this| Ok(vm.new_bool(payload(this).closefd.get())),
        None,
    );
    add_getset(
        vm,
        ty,
        "mode",
        |vm, this| Ok(vm.new_str(mode_string(payload(this)))),
        None,
    );
    add_getset(
        vm,
        ty,
        "_blksize",
        |vm, this| Ok(vm.new_int(payload(this).blksize.get())),
        None,
    );
    let methods: &[(&'static str, NativeFn)] = &[
        ("read", |vm, args| {
            let a = bind(vm, "read", args, true, &["size"], 0)?;
            let size = size_arg(vm, a[0].as_ref())?;
            let this = &args.values[0];
            let data = if size < 0 {
                read_all(vm, this)?
            } else {
                read(vm, this, size as usize)?
            };
            Ok(data.map_or_else(|| vm.none.clone(), |d| new_bytes(vm, d)))
        }),
        ("readall", |vm, args| {
            bind(vm, "readall", args, true, &[], 0)?;
            let data = read_all(vm, &args.values[0])?;
            Ok(data.map_or_else(|| vm.none.clone(), |d| new_bytes(vm, d)))
        }),
        ("readinto", fileio_readinto),
        ("write", |vm, args| {
            let a = bind(vm, "write", args, true, &["b"], 1)?;
            let data = a[0].clone().unwrap_or_else(|| vm.none.clone());
            let this = &args.values[0];
            check_open(vm, this)?;
            let bytes = buffer_arg(vm, &data)?;
            Ok(write(vm, this, &bytes)?.map_or_else(|| vm.none.clone(), |n| vm.new_int(n as i64)))
        }),
        ("seek", fileio_seek),
        ("tell", |vm, args| {
            bind(vm, "tell", args, true, &[], 0)?;
            let fd = check_open(vm, &args.values[0])?;
            let pos = sys_lseek(fd, 0, libc::SEEK_CUR)
                .map_err(|e| crate::exceptions::from_io_error(vm, &e, None))?;
            Ok(vm.new_int(pos))
        }),
        ("truncate", fileio_truncate),
        ("close", |vm, args| {
            close(vm, &args.values[0])?;
            Ok(vm.none.clone())
        }),
        ("seekable", |vm, args| {
            let this = &args.values[0];
            check_open(vm, this)?;
            Ok(vm.new_bool(is_seekable(this)))
        }),
        ("readable", |vm, args| {
            let this = &args.values[0];
            check_open(vm, this)?;
            Ok(vm.new_bool(payload(this).readable.get()))
        }),
        ("writable", |vm, args| {
            let this = &args.values[0];
            check_open(vm, this)?;
            Ok(vm.new_bool(payload(this).writable.get()))
        }),
        ("fileno", |vm, args| {
            let fd = check_open(vm, &args.values[0])?;
            Ok(vm.new_int(fd.into()))
        }),
        ("isatty", |vm, args| {
            let fd = check_open(vm, &args.values[0])?;
            Ok(vm.new_bool(sys_isatty(fd)))
        }),
        ("_dealloc_warn", |vm, _| Ok(vm.none.clone())),
    ];
    add_methods(vm, ty, methods);
}

/// The payload of an instance of FileIO or a subclass.
pub fn payload(this: &Object) -> &FileIO {
    this.payload::<FileIO>()
        .expect("FileIO methods are only called on FileIO objects")
}

/// The descriptor, or ValueError if the file is closed.
fn check_open(vm: &Vm, this: &Object) -> PyResult<i32> {
    let fd = payload(this).fd.get();
    if fd < 0 {
        return Err(super::closed_file(vm, false));
    }
    Ok(fd)
}

fn mode_string(f: &FileIO) -> &'static str {
    let readable = f.readable.get();
    if f.created.get() {
        if readable {
            "xb+"
        } else {
            "xb"
        }
    } else if f.appending.get() {
        if readable {
            "ab+"
        } else {
            "ab"
        }
    } else if readable {
        if f.writable.get() {
            "rb+"
        } else {
            "rb"
        }
    } else {
        "wb"
    }
}

/// A path as the C string the system takes (`PyUnicode_FSConverter`):
/// a str is encoded with surrogateescape, as the file system encoding
/// is.
pub(crate) fn path_bytes(vm: &Vm, path: &Object) -> PyResult<std::ffi::CString> {
    let path = crate::modules::posix::fspath(vm, path)?;
    let bytes = match path.payload::<crate::objects::bytes::BytesObject>() {
        Some(b) => b.bytes.to_vec(),
        None => {
            let points = path
                .payload::<crate::objects::str::StrObject>()
                .map(|s| s.wide().into_owned())
                .unwrap_or_default();
            crate::objects::codecs::encode(
                vm,
                &path,
                &points,
                crate::objects::codecs::Codec::Utf8,
                "surrogateescape",
            )?
        }
    };
    std::ffi::CString::new(bytes).map_err(|_| vm.new_value_error("embedded null byte"))
}

/// `FileIO(file, mode='r', closefd=True, opener=None)` (`_io_FileIO___init___impl`).
fn fileio_init(vm: &Vm, this: &Object, args: Args) -> PyResult<()> {
    let a = bind(
        vm,
        "FileIO",
        args,
        false,
        &["file", "mode", "closefd", "opener"],
        1,
    )?;
    let f = payload(this);
    if f.fd.get() >= 0 {
        if f.closefd.get() {
            let _ = sys_close(f.fd.get());
        }
        f.fd.set(-1);
    }
    let name = a[0].clone().unwrap_or_else(|| vm.none.clone());
    let mode = match &a[1] {
        Some(m) => crate::objects::getargs::str_arg(vm, "FileIO", "mode", m)?,
        None => "r".to_string(),
    };
    let closefd = match &a[2] {
        Some(c) => vm.is_true(c)?,
        None => true,
    };
    let opener = a[3].clone().filter(|o| !vm.is_none(o));

    let fd_given = match crate::objects::int::int_value(&name) {
        Some(_) => {
            let fd = int_arg(vm, &name)?;
            if fd < 0 {
                return Err(vm.new_value_error("negative file descriptor"));
            }
            Some(fd)
        }
        None => None,
    };
    let path = match fd_given {
        Some(_) => None,
        None => Some(path_bytes(vm, &name)?),
    };

    let bad_mode = || {
        vm.new_value_error(
            "Must have exactly one of create/read/write/append mode and at most one plus",
        )
    };
    let (mut rwa, mut plus) = (false, false);
    let (mut created, mut readable, mut writable, mut appending) = (false, false, false, false);
    let mut flags = 0;
    for c in mode.chars() {
        match c {
            'x' | 'r' | 'w' | 'a' => {
                if rwa {
                    return Err(bad_mode());
                }
                rwa = true;
                match c {
                    'x' => {
                        created = true;
                        writable = true;
                        flags |= libc::O_EXCL | libc::O_CREAT;
                    }
                    'r' => readable = true,
                    'w' => {
                        writable = true;
                        flags |= libc::O_CREAT | libc::O_TRUNC;
                    }
                    _ => {
                        writable = true;
                        appending = true;
                        flags |= libc::O_APPEND | libc::O_CREAT;
                    }
                }
            }
            'b' => {}
            '+' => {
                if plus {
                    return Err(bad_mode());
                }
                readable = true;
                writable = true;
                plus = true;
            }
            _ => return Err(vm.new_value_error(format!("invalid mode: {mode}"))),
        }
    }
    if !rwa {
        return Err(bad_mode());
    }
    flags |= if readable && writable {
        libc::O_RDWR
    } else if readable {
        libc::O_RDONLY
    } else {
        libc::O_WRONLY
    };
    flags |= libc::O_CLOEXEC;
    f.created.set(created);
    f.readable.set(readable);
    f.writable.set(writable);
    f.appending.set(appending);
    f.seekable.set(-1);
    f.blksize.set(0);

    let fd = match (fd_given, path) {
        (Some(fd), _) => {
            f.closefd.set(closefd);
            fd
        }
        (None, Some(path)) => {
            if !closefd {
                return Err(vm.new_value_error("Cannot use closefd=False with file name"));
            }
            f.closefd.set(true);
            match opener {
                None => sys_open(&path, flags)
                    .map_err(|e| crate::exceptions::from_io_error(vm, &e, Some(name.clone())))?,
                Some(opener) => {
                    let fd = vm.call(
                        &opener,
                        Args::positional_only(&[name.clone(), vm.new_int(flags.into())]),
                    )?;
                    if crate::objects::int::int_value(&fd).is_none() {
                        return Err(vm.new_type_error("expected integer from opener"));
                    }
                    let fd = int_arg(vm, &fd)?;
                    if fd < 0 {
                        return Err(vm.new_value_error(format!("opener returned {fd}")));
                    }
                    fd
                }
            }
        }
        (None, None) => return Err(vm.new_value_error("negative file descriptor")),
    };
    f.fd.set(fd);
    let opened_here = fd_given.is_none();
    let fail = |e: crate::errors::PyErr| {
        if opened_here {
            let _ = sys_close(fd);
        }
        f.fd.set(-1);
        e
    };
    match sys_fstat(fd) {
        Ok((true, _)) => {
            let e = io::Error::from_raw_os_error(libc::EISDIR);
            return Err(fail(crate::exceptions::from_io_error(
                vm,
                &e,
                Some(name.clone()),
            )));
        }
        Ok((false, blksize)) => {
            if blksize > 1 {
                f.blksize.set(blksize);
            }
        }
        Err(e) if e.raw_os_error() == Some(libc::EBADF) => {
            return Err(fail(crate::exceptions::from_io_error(vm, &e, None)));
        }
        Err(_) => {}
    }
    if f.blksize.get() == 0 {
        f.blksize.set(DEFAULT_BUFFER_SIZE as i64);
    }
    vm.setattr(this, &vm.intern("name"), Some(&name))
        .map_err(fail)?;
    if appending {
        // The position starts at the end, as the C library puts it; a
        // file that cannot seek (a pipe) is fine.
        let _ = sys_lseek(fd, 0, libc::SEEK_END);
    }
    Ok(())
}

fn fileio_repr(vm: &Vm, this: &Object) -> PyResult {
    let f = payload(this);
    let type_name = vm.type_name(this);
    if f.fd.get() < 0 {
        return Ok(vm.new_str(&format!("<{type_name} [closed]>")));
    }
    let Some(_guard) = crate::recursion::ReprGuard::enter(vm, this) else {
        return Err(vm.new_runtime_error(format!("reentrant call inside {type_name}.__repr__")));
    };
    let closefd = if f.closefd.get() { "True" } else { "False" };
    let mode = mode_string(f);
    let text = match vm.getattr_opt(this, &vm.intern("name"))? {
        Some(name) => format!(
            "<{type_name} name={} mode='{mode}' closefd={closefd}>",
            vm.repr_string(&name)?
        ),
        None => format!(
            "<{type_name} fd={} mode='{mode}' closefd={closefd}>",
            f.fd.get()
        ),
    };
    Ok(vm.new_str(&text))
}

/// Whether the file can seek, asked of the system once.
fn is_seekable(this: &Object) -> bool {
    let f = payload(this);
    if f.seekable.get() < 0 {
        let ok = sys_lseek(f.fd.get(), 0, libc::SEEK_CUR).is_ok();
        f.seekable.set(i8::from(ok));
    }
    f.seekable.get() == 1
}

fn check_readable(vm: &Vm, this: &Object) -> PyResult<i32> {
    let fd = check_open(vm, this)?;
    if !payload(this).readable.get() {
        return Err(unsupported(vm, "File not open for reading"));
    }
    Ok(fd)
}

fn check_writable(vm: &Vm, this: &Object) -> PyResult<i32> {
    let fd = check_open(vm, this)?;
    if !payload(this).writable.get() {
        return Err(unsupported(vm, "File not open for writing"));
    }
    Ok(fd)
}

/// One `read(2)` of at most `size` bytes; None if the file is
/// non-blocking and has no data.
pub fn read(vm: &Vm, this: &Object, size: usize) -> PyResult<Option<Vec<u8>>> {
    let fd = check_readable(vm, this)?;
    // One read(2) gives at most this much on Linux anyway.
    let mut buffer = vec![0; size.min(0x7fff_f000)];
    match sys_read(fd, &mut buffer) {
        Ok(n) => {
            buffer.truncate(n);
            Ok(Some(buffer))
        }
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(None),
        Err(e) => Err(crate::exceptions::from_io_error(vm, &e, None)),
    }
}

/// Reads to the end of the file; None if nothing could be read from a
/// non-blocking file.
pub fn read_all(vm: &Vm, this: &Object) -> PyResult<Option<Vec<u8>>> {
    let fd = check_readable(vm, this)?;
    let mut all = Vec::new();
    let mut chunk = vec![0; DEFAULT_BUFFER_SIZE];
    loop {
        match sys_read(fd, &mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                all.extend_from_slice(&chunk[..n]);
                // Read in bigger chunks as the file proves big.
                if all.len() >= chunk.len() && chunk.len() < (1 << 20) {
                    chunk.resize(chunk.len() * 2, 0);
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                if all.is_empty() {
                    return Ok(None);
                }
                break;
            }
            Err(e) => return Err(crate::exceptions::from_io_error(vm, &e, None)),
        }
    }
    Ok(Some(all))
}

/// One `write(2)`; the count written, or None if the file is
/// non-blocking and full.
pub fn write(vm: &Vm, this: &Object, data: &[u8]) -> PyResult<Option<usize>> {
    let fd = check_writable(vm, this)?;
    match sys_write(fd, data) {
        Ok(n) => Ok(Some(n)),
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(None),
        Err(e) => Err(crate::exceptions::from_io_error(vm, &e, None)),
    }
}

fn fileio_readinto(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "readinto", args, true, &["buffer"], 1)?;
    let this = &args.values[0];
    let target = a[0].clone().unwrap_or_else(|| vm.none.clone());
    check_readable(vm, this)?;
    let length = writable_len(vm, &target)?;
    match read(vm, this, length)? {
        Some(data) => {
            fill_buffer(vm, &target, &data)?;
            Ok(vm.new_int(data.len() as i64))
        }
        None => Ok(vm.none.clone()),
    }
}

/// `seek(pos, whence=0)`: the new position.
fn fileio_seek(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "seek", args, true, &["pos", "whence"], 1)?;
    let this = &args.values[0];
    let fd = check_open(vm, this)?;
    let pos = a[0].clone().unwrap_or_else(|| vm.none.clone());
    let pos = index_arg(vm, &pos)?;
    let whence = match &a[1] {
        Some(w) => int_arg(vm, w)?,
        None => 0,
    };
    seek(vm, fd, pos, whence)
}

pub fn seek(vm: &Vm, fd: i32, pos: i64, whence: i32) -> PyResult {
    let at =
        sys_lseek(fd, pos, whence).map_err(|e| crate::exceptions::from_io_error(vm, &e, None))?;
    Ok(vm.new_int(at))
}

/// The position of the file, from the system.
pub fn tell(vm: &Vm, this: &Object) -> PyResult<i64> {
    let fd = check_open(vm, this)?;
    sys_lseek(fd, 0, libc::SEEK_CUR).map_err(|e| crate::exceptions::from_io_error(vm, &e, None))
}

fn fileio_truncate(vm: &Vm, args: Args) -> PyResult {
    let a = bind(vm, "truncate", args, true, &["size"], 0)?;
    let this = &args.values[0];
    let fd = check_writable(vm, this)?;
    let size = match &a[0] {
        Some(s) if !vm.is_none(s) => index_arg(vm, s)?,
        _ => sys_lseek(fd, 0, libc::SEEK_CUR)
            .map_err(|e| crate::exceptions::from_io_error(vm, &e, None))?,
    };
    sys_ftruncate(fd, size).map_err(|e| crate::exceptions::from_io_error(vm, &e, None))?;
    Ok(vm.new_int(size))
}

/// `close()`: RawIOBase's close (which flushes), then the descriptor,
/// unless `closefd` is false.
pub fn close(vm: &Vm, this: &Object) -> PyResult<()> {
    let flushed = iobase_close(vm, this);
    let f = payload(this);
    let fd = f.fd.replace(-1);
    if fd >= 0 && f.closefd.get() {
        sys_close(fd).map_err(|e| crate::exceptions::from_io_error(vm, &e, None))?;
    }
    flushed
}
