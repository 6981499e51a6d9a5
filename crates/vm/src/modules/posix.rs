//! `posix` (Modules/posixmodule.c): the operating system's calls, which
//! Lib/os.py re-exports as `os`. Paths are str, bytes or os.PathLike, as
//! `os.fspath` makes them; results come back as the kind given (bytes
//! names for a bytes path), and failures are OSError with the errno, the
//! message and the file name, of the PEP 3151 subclass.

use crate::errors::{PyErr, PyResult};
use crate::exceptions::from_io_error;
use crate::object::Object;
use crate::objects::bytes::{new_bytes, BytesObject};
use crate::objects::function::NativeFn;
use crate::objects::getargs::bind;
use crate::objects::str::{as_rust_str, StrObject};
use crate::objects::structseq::{self, StructSeqSpec};
use crate::typeobject::Args;
use crate::vm::Vm;
use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::PathBuf;

/// `os.stat_result`: ten sequence fields, the last three the integer
/// times, unnamed; then the float and nanosecond times and the rest.
static STAT_RESULT: StructSeqSpec = StructSeqSpec {
    name: "os.stat_result",
    fields: &[
        "st_mode",
        "st_ino",
        "st_dev",
        "st_nlink",
        "st_uid",
        "st_gid",
        "st_size",
        "",
        "",
        "",
        "st_atime",
        "st_mtime",
        "st_ctime",
        "st_atime_ns",
        "st_mtime_ns",
        "st_ctime_ns",
        "st_blksize",
        "st_blocks",
        "st_rdev",
    ],
    n_sequence_fields: 10,
    instantiable: true,
};

static UNAME_RESULT: StructSeqSpec = StructSeqSpec {
    name: "posix.uname_result",
    fields: &["sysname", "nodename", "release", "version", "machine"],
    n_sequence_fields: 5,
    instantiable: true,
};

static TERMINAL_SIZE: StructSeqSpec = StructSeqSpec {
    name: "os.terminal_size",
    fields: &["columns", "lines"],
    n_sequence_fields: 2,
    instantiable: true,
};

static TIMES_RESULT: StructSeqSpec = StructSeqSpec {
    name: "posix.times_result",
    fields: &[
        "user",
        "system",
        "children_user",
        "children_system",
        "elapsed",
    ],
    n_sequence_fields: 5,
    instantiable: true,
};

/// The integer constants, with the platform's values.
macro_rules! constants {
    ($($name:ident),* $(,)?) => {
        static CONSTANTS: &[(&str, i64)] = &[$((stringify!($name), libc::$name as i64),)*];
    };
}

constants!(
    F_OK,
    R_OK,
    W_OK,
    X_OK,
    O_RDONLY,
    O_WRONLY,
    O_RDWR,
    O_APPEND,
    O_CREAT,
    O_EXCL,
    O_TRUNC,
    O_NONBLOCK,
    O_NDELAY,
    O_SYNC,
    O_DSYNC,
    O_NOCTTY,
    O_CLOEXEC,
    O_DIRECTORY,
    O_NOFOLLOW,
    O_ACCMODE,
    O_ASYNC,
    O_NOATIME,
    O_PATH,
    O_TMPFILE,
    O_LARGEFILE,
    WNOHANG,
    WUNTRACED,
    WCONTINUED,
    SEEK_DATA,
    SEEK_HOLE,
    F_LOCK,
    F_TLOCK,
    F_ULOCK,
    F_TEST,
    P_PID,
    P_PGID,
    P_ALL,
    TMP_MAX,
);

/// The exit statuses of BSD's sysexits.h, which the libc crate leaves out.
const EXIT_STATUSES: &[(&str, i64)] = &[
    ("EX_OK", 0),
    ("EX_USAGE", 64),
    ("EX_DATAERR", 65),
    ("EX_NOINPUT", 66),
    ("EX_NOUSER", 67),
    ("EX_NOHOST", 68),
    ("EX_UNAVAILABLE", 69),
    ("EX_SOFTWARE", 70),
    ("EX_OSERR", 71),
    ("EX_OSFILE", 72),
    ("EX_CANTCREAT", 73),
    ("EX_IOERR", 74),
    ("EX_TEMPFAIL", 75),
    ("EX_PROTOCOL", 76),
    ("EX_NOPERM", 77),
    ("EX_CONFIG", 78),
];

/// The functions whose path may be an open file's descriptor, which
/// their type errors mention.
const TAKES_FD: &[&str] = &["stat", "chdir", "listdir", "chmod", "scandir"];

/// The functions `os.py` and `os.supports_*` ask about
/// (`_have_functions`).
const HAVE_FUNCTIONS: &[&str] = &[
    "HAVE_FCHMODAT",
    "HAVE_FSTATAT",
    "HAVE_LSTAT",
    "HAVE_MKDIRAT",
    "HAVE_UNLINKAT",
];

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let functions: &[(&'static str, NativeFn)] = &[
        ("fspath", |vm, args| {
            let [path] = positional::<1>(vm, "fspath", args)?;
            fspath(vm, &path)
        }),
        ("getcwd", |vm, args| {
            positional::<0>(vm, "getcwd", args)?;
            let dir = std::env::current_dir().map_err(|e| from_io_error(vm, &e, None))?;
            Ok(vm.new_str(&dir.to_string_lossy()))
        }),
        ("getcwdb", |vm, args| {
            positional::<0>(vm, "getcwdb", args)?;
            let dir = std::env::current_dir().map_err(|e| from_io_error(vm, &e, None))?;
            Ok(new_bytes(vm, dir.into_os_string().into_vec()))
        }),
        ("chdir", |vm, args| {
            let path = path_arg(vm, "chdir", args, "path")?;
            std::env::set_current_dir(&path.native).map_err(|e| path.error(vm, &e))?;
            Ok(vm.none.clone())
        }),
        ("listdir", listdir),
        ("scandir", super::scandir::scandir),
        ("mkdir", |vm, args| {
            let bound = bind(vm, "mkdir", args, false, &["path", "mode"], 1)?;
            let path = Path::from_object(vm, "mkdir", bound[0].as_ref().expect("required"))?;
            let mode = match &bound[1] {
                Some(m) => crate::objects::getargs::int_arg(vm, m)? as u32,
                None => 0o777,
            };
            std::fs::DirBuilder::new()
                .mode(mode)
                .create(&path.native)
                .map_err(|e| path.error(vm, &e))?;
            Ok(vm.none.clone())
        }),
        ("rmdir", |vm, args| {
            let path = path_arg(vm, "rmdir", args, "path")?;
            std::fs::remove_dir(&path.native).map_err(|e| path.error(vm, &e))?;
            Ok(vm.none.clone())
        }),
        ("unlink", remove),
        ("remove", remove),
        ("rename", rename),
        ("replace", rename),
        ("stat", |vm, args| stat(vm, args, "stat", true)),
        ("lstat", |vm, args| stat(vm, args, "lstat", false)),
        ("fstat", |vm, args| {
            let [fd] = positional::<1>(vm, "fstat", args)?;
            fstat(vm, &fd)
        }),
        ("access", |vm, args| {
            let bound = bind(vm, "access", args, false, &["path", "mode"], 2)?;
            let path = Path::from_object(vm, "access", bound[0].as_ref().expect("required"))?;
            let mode = crate::objects::getargs::int_arg(vm, bound[1].as_ref().expect("required"))?;
            let c_path = path.c_string(vm)?;
            // SAFETY: `c_path` is a NUL-terminated string that outlives the call.
            let ok = unsafe { libc::access(c_path.as_ptr(), mode) } == 0;
            Ok(vm.new_bool(ok))
        }),
        ("chmod", chmod),
        ("utime", utime),
        ("readlink", |vm, args| {
            let path = path_arg(vm, "readlink", args, "path")?;
            let target = std::fs::read_link(&path.native).map_err(|e| path.error(vm, &e))?;
            Ok(path.same_kind(vm, target.into_os_string()))
        }),
        ("symlink", |vm, args| {
            let bound = bind(vm, "symlink", args, false, &["src", "dst"], 2)?;
            let src = Path::from_object(vm, "symlink", bound[0].as_ref().expect("required"))?;
            let dst = Path::from_object(vm, "symlink", bound[1].as_ref().expect("required"))?;
            std::os::unix::fs::symlink(&src.native, &dst.native)
                .map_err(|e| src.error2(vm, &e, &dst))?;
            Ok(vm.none.clone())
        }),
        ("open", |vm, args| {
            let bound = bind(vm, "open", args, false, &["path", "flags", "mode"], 2)?;
            let path = Path::from_object(vm, "open", bound[0].as_ref().expect("required"))?;
            let flags = crate::objects::getargs::int_arg(vm, bound[1].as_ref().expect("required"))?;
            let mode = match &bound[2] {
                Some(m) => crate::objects::getargs::int_arg(vm, m)?,
                None => 0o777,
            };
            let c_path = path.c_string(vm)?;
            // SAFETY: `c_path` is NUL-terminated and outlives the call.
            let fd = unsafe {
                libc::open(
                    c_path.as_ptr(),
                    flags | libc::O_CLOEXEC,
                    mode as libc::c_uint,
                )
            };
            if fd < 0 {
                return Err(path.error(vm, &std::io::Error::last_os_error()));
            }
            Ok(vm.new_int(fd.into()))
        }),
        ("close", |vm, args| {
            let [fd] = positional::<1>(vm, "close", args)?;
            let fd = crate::objects::getargs::int_arg(vm, &fd)?;
            // SAFETY: closing a descriptor number is memory-safe whatever it is.
            if unsafe { libc::close(fd) } != 0 {
                return Err(from_io_error(vm, &std::io::Error::last_os_error(), None));
            }
            Ok(vm.none.clone())
        }),
        ("read", |vm, args| {
            let [fd, n] = positional::<2>(vm, "read", args)?;
            let fd = crate::objects::getargs::int_arg(vm, &fd)?;
            let n = crate::objects::getargs::ssize_arg(vm, &n)?;
            if n < 0 {
                return Err(from_io_error(
                    vm,
                    &std::io::Error::from_raw_os_error(libc::EINVAL),
                    None,
                ));
            }
            let mut buffer = vec![0u8; n as usize];
            // A read may wait for a pipe or a terminal: other threads run
            // meanwhile.
            // SAFETY: the buffer has room for `n` bytes.
            let got = vm.allow_threads(|| unsafe {
                libc::read(fd, buffer.as_mut_ptr().cast(), buffer.len())
            });
            if got < 0 {
                return Err(from_io_error(vm, &std::io::Error::last_os_error(), None));
            }
            buffer.truncate(got as usize);
            Ok(new_bytes(vm, buffer))
        }),
        ("write", |vm, args| {
            let [fd, data] = positional::<2>(vm, "write", args)?;
            let fd = crate::objects::getargs::int_arg(vm, &fd)?;
            let Some(data) = crate::objects::bytes::bytes_view(&data) else {
                return Err(vm.new_type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    vm.type_name(&data)
                )));
            };
            // SAFETY: `data` is valid for reads of its length.
            let written = unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) };
            if written < 0 {
                return Err(from_io_error(vm, &std::io::Error::last_os_error(), None));
            }
            Ok(vm.new_int(written as i64))
        }),
        ("lseek", |vm, args| {
            let [fd, position, how] = positional::<3>(vm, "lseek", args)?;
            let fd = crate::objects::getargs::int_arg(vm, &fd)?;
            let position = crate::objects::getargs::index_arg(vm, &position)?;
            let how = crate::objects::getargs::int_arg(vm, &how)?;
            // SAFETY: lseek only moves a descriptor's offset.
            let at = unsafe { libc::lseek(fd, position, how) };
            if at < 0 {
                return Err(from_io_error(vm, &std::io::Error::last_os_error(), None));
            }
            Ok(vm.new_int(at))
        }),
        ("isatty", |vm, args| {
            let [fd] = positional::<1>(vm, "isatty", args)?;
            let fd = crate::objects::getargs::int_arg(vm, &fd)?;
            // SAFETY: isatty only inspects a descriptor number.
            Ok(vm.new_bool(unsafe { libc::isatty(fd) } == 1))
        }),
        ("getpid", |vm, args| {
            positional::<0>(vm, "getpid", args)?;
            Ok(vm.new_int(std::process::id().into()))
        }),
        ("getppid", |vm, args| {
            positional::<0>(vm, "getppid", args)?;
            Ok(vm.new_int(std::os::unix::process::parent_id().into()))
        }),
        ("getuid", |vm, args| {
            positional::<0>(vm, "getuid", args)?;
            // SAFETY: getuid cannot fail.
            Ok(vm.new_int(unsafe { libc::getuid() }.into()))
        }),
        ("geteuid", |vm, args| {
            positional::<0>(vm, "geteuid", args)?;
            // SAFETY: geteuid cannot fail.
            Ok(vm.new_int(unsafe { libc::geteuid() }.into()))
        }),
        ("getgid", |vm, args| {
            positional::<0>(vm, "getgid", args)?;
            // SAFETY: getgid cannot fail.
            Ok(vm.new_int(unsafe { libc::getgid() }.into()))
        }),
        ("getegid", |vm, args| {
            positional::<0>(vm, "getegid", args)?;
            // SAFETY: getegid cannot fail.
            Ok(vm.new_int(unsafe { libc::getegid() }.into()))
        }),
        ("umask", |vm, args| {
            let [mask] = positional::<1>(vm, "umask", args)?;
            let mask = crate::objects::getargs::int_arg(vm, &mask)?;
            // SAFETY: umask cannot fail.
            Ok(vm.new_int(unsafe { libc::umask(mask as libc::mode_t) }.into()))
        }),
        ("strerror", |vm, args| {
            let [code] = positional::<1>(vm, "strerror", args)?;
            let code = crate::objects::getargs::int_arg(vm, &code)?;
            let text = crate::exceptions::os_error_text(&std::io::Error::from_raw_os_error(code));
            Ok(vm.new_str(&text))
        }),
        ("urandom", |vm, args| {
            let [n] = positional::<1>(vm, "urandom", args)?;
            let n = crate::objects::getargs::ssize_arg(vm, &n)?;
            if n < 0 {
                return Err(vm.new_value_error("negative argument not allowed"));
            }
            let mut buffer = vec![0u8; n as usize];
            let mut filled = 0;
            while filled < buffer.len() {
                let rest = &mut buffer[filled..];
                // SAFETY: `rest` is writable for its length.
                let got = unsafe { libc::getrandom(rest.as_mut_ptr().cast(), rest.len(), 0) };
                if got < 0 {
                    let e = std::io::Error::last_os_error();
                    if e.raw_os_error() == Some(libc::EINTR) {
                        continue;
                    }
                    return Err(from_io_error(vm, &e, None));
                }
                filled += got as usize;
            }
            Ok(new_bytes(vm, buffer))
        }),
        ("_exit", |vm, args| {
            let [status] = positional::<1>(vm, "_exit", args)?;
            let status = crate::objects::getargs::int_arg(vm, &status)?;
            std::process::exit(status)
        }),
        ("kill", |vm, args| {
            let [pid, signal] = positional::<2>(vm, "kill", args)?;
            let pid = crate::objects::getargs::int_arg(vm, &pid)?;
            let signal = crate::objects::getargs::int_arg(vm, &signal)?;
            // SAFETY: kill only sends a signal.
            if unsafe { libc::kill(pid, signal) } != 0 {
                return Err(from_io_error(vm, &std::io::Error::last_os_error(), None));
            }
            Ok(vm.none.clone())
        }),
        ("cpu_count", |vm, args| {
            positional::<0>(vm, "cpu_count", args)?;
            Ok(match std::thread::available_parallelism() {
                Ok(n) => vm.new_int(n.get() as i64),
                Err(_) => vm.none.clone(),
            })
        }),
        ("uname", |vm, args| {
            positional::<0>(vm, "uname", args)?;
            // SAFETY: uname fills the `utsname` it is given.
            let mut names: libc::utsname = unsafe { std::mem::zeroed() };
            // SAFETY: `names` is a valid, writable `utsname`.
            if unsafe { libc::uname(&mut names) } != 0 {
                return Err(from_io_error(vm, &std::io::Error::last_os_error(), None));
            }
            let field = |chars: &[libc::c_char]| {
                let bytes: Vec<u8> = chars
                    .iter()
                    .take_while(|&&c| c != 0)
                    .map(|&c| c as u8)
                    .collect();
                vm.new_str(&String::from_utf8_lossy(&bytes))
            };
            let ty = vm.getattr(&posix_module(vm)?, &vm.intern("uname_result"))?;
            structseq::new_instance(
                vm,
                &ty,
                vec![
                    field(&names.sysname),
                    field(&names.nodename),
                    field(&names.release),
                    field(&names.version),
                    field(&names.machine),
                ],
            )
        }),
        ("get_terminal_size", |vm, args| {
            let fd = match args.values.first() {
                Some(fd) => crate::objects::getargs::int_arg(vm, fd)?,
                None => 1,
            };
            // SAFETY: TIOCGWINSZ fills the `winsize` it is given.
            let mut size: libc::winsize = unsafe { std::mem::zeroed() };
            // SAFETY: `size` is a valid, writable `winsize`.
            if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut size) } != 0 {
                return Err(from_io_error(vm, &std::io::Error::last_os_error(), None));
            }
            let ty = vm.getattr(&posix_module(vm)?, &vm.intern("terminal_size"))?;
            structseq::new_instance(
                vm,
                &ty,
                vec![
                    vm.new_int(size.ws_col.into()),
                    vm.new_int(size.ws_row.into()),
                ],
            )
        }),
        ("times", |vm, args| {
            positional::<0>(vm, "times", args)?;
            // SAFETY: times fills the `tms` it is given.
            let mut t: libc::tms = unsafe { std::mem::zeroed() };
            // SAFETY: `t` is a valid, writable `tms`.
            let elapsed = unsafe { libc::times(&mut t) };
            // SAFETY: sysconf only reads a configuration value.
            let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
            let seconds = |v: libc::clock_t| vm.new_float(v as f64 / ticks);
            let ty = vm.getattr(&posix_module(vm)?, &vm.intern("times_result"))?;
            structseq::new_instance(
                vm,
                &ty,
                vec![
                    seconds(t.tms_utime),
                    seconds(t.tms_stime),
                    seconds(t.tms_cutime),
                    seconds(t.tms_cstime),
                    seconds(elapsed),
                ],
            )
        }),
    ];
    super::add_functions(vm, module, functions);
    let set = |name: &str, value: Object| super::set_attr(vm, module, name, value);
    for &(name, value) in CONSTANTS.iter().chain(EXIT_STATUSES) {
        set(name, vm.new_int(value));
    }
    set(
        "_have_functions",
        vm.new_list(HAVE_FUNCTIONS.iter().map(|f| vm.new_str(f)).collect()),
    );
    set("error", vm.exceptions.os_error.clone());
    set("environ", environ(vm)?);
    let stat_result = structseq::new_type(vm, &STAT_RESULT)?;
    crate::object::type_payload(&stat_result)
        .slots
        .new
        .set(Some(stat_result_new));
    set("stat_result", stat_result);
    set("uname_result", structseq::new_type(vm, &UNAME_RESULT)?);
    set("terminal_size", structseq::new_type(vm, &TERMINAL_SIZE)?);
    set("times_result", structseq::new_type(vm, &TIMES_RESULT)?);
    super::scandir::init(vm, module)
}

fn posix_module(vm: &Vm) -> PyResult {
    crate::import::import_module(vm, "posix")
}

/// Exactly `N` positional arguments, with CPython's messages otherwise.
fn positional<const N: usize>(vm: &Vm, name: &str, args: Args) -> PyResult<[Object; N]> {
    crate::objects::function::check_function_arity(vm, name, args, N, N)?;
    Ok(std::array::from_fn(|i| args.values[i].clone()))
}

/// `os.environ`'s source: the environment as a dict of bytes.
fn environ(vm: &Vm) -> PyResult {
    let dict = vm.new_dict();
    for (key, value) in std::env::vars_os() {
        let key = new_bytes(vm, key.into_vec());
        let value = new_bytes(vm, value.into_vec());
        vm.setitem(&dict, &key, Some(&value))?;
    }
    Ok(dict)
}

/// `os.fspath(path)`: str and bytes as they are, else `__fspath__()`.
pub fn fspath(vm: &Vm, path: &Object) -> PyResult {
    if path.payload::<StrObject>().is_some() || path.payload::<BytesObject>().is_some() {
        return Ok(path.clone());
    }
    let Some(method) = vm.lookup_special(path, &vm.intern("__fspath__"))? else {
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

/// A path argument: the object given (for error messages), the path for
/// the OS, and whether results should be bytes.
pub(super) struct Path {
    object: Object,
    pub(super) native: PathBuf,
    pub(super) is_bytes: bool,
}

impl Path {
    pub(super) fn from_object(vm: &Vm, function: &str, object: &Object) -> PyResult<Path> {
        let path = fspath(vm, object).map_err(|e| {
            let has_fspath = vm
                .lookup_special(object, &vm.intern("__fspath__"))
                .ok()
                .flatten()
                .is_some();
            if !e.matches(vm, &vm.exceptions.type_error) || has_fspath {
                return e;
            }
            let kinds = if TAKES_FD.contains(&function) {
                "string, bytes, os.PathLike or integer"
            } else {
                "string, bytes or os.PathLike"
            };
            vm.new_type_error(format!(
                "{function}: path should be {kinds}, not {}",
                vm.type_name(object)
            ))
        })?;
        let (bytes, is_bytes) = match path.payload::<BytesObject>() {
            Some(b) => (b.bytes.to_vec(), true),
            None => (as_rust_str(&path).into_owned().into_bytes(), false),
        };
        if bytes.contains(&0) {
            return Err(vm.new_value_error("embedded null byte"));
        }
        Ok(Path {
            object: object.clone(),
            native: PathBuf::from(OsString::from_vec(bytes)),
            is_bytes,
        })
    }

    fn c_string(&self, vm: &Vm) -> PyResult<std::ffi::CString> {
        std::ffi::CString::new(self.native.as_os_str().as_bytes())
            .map_err(|_| vm.new_value_error("embedded null byte"))
    }

    /// A name from the OS, as str or bytes like the path given.
    fn same_kind(&self, vm: &Vm, name: OsString) -> Object {
        if self.is_bytes {
            new_bytes(vm, name.into_vec())
        } else {
            vm.new_str(&name.to_string_lossy())
        }
    }

    pub(super) fn error(&self, vm: &Vm, e: &std::io::Error) -> PyErr {
        from_io_error(vm, e, Some(self.object.clone()))
    }

    /// An error about two paths: `[Errno 2] ...: 'a' -> 'b'`.
    fn error2(&self, vm: &Vm, e: &std::io::Error, other: &Path) -> PyErr {
        let error = from_io_error(vm, e, Some(self.object.clone()));
        let _ = vm.setattr(&error.0, &vm.intern("filename2"), Some(&other.object));
        error
    }
}

/// The one path argument of `name`, by position or keyword.
fn path_arg(vm: &Vm, name: &str, args: Args, keyword: &str) -> PyResult<Path> {
    let bound = bind(vm, name, args, false, &[keyword], 1)?;
    Path::from_object(vm, name, bound[0].as_ref().expect("required"))
}

fn listdir(vm: &Vm, args: Args) -> PyResult {
    let bound = bind(vm, "listdir", args, false, &["path"], 0)?;
    let path = match bound[0].as_ref().filter(|p| !vm.is_none(p)) {
        Some(p) => Path::from_object(vm, "listdir", p)?,
        None => Path {
            object: vm.new_str("."),
            native: PathBuf::from("."),
            is_bytes: false,
        },
    };
    let entries = std::fs::read_dir(&path.native).map_err(|e| path.error(vm, &e))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| path.error(vm, &e))?;
        names.push(path.same_kind(vm, entry.file_name()));
    }
    Ok(vm.new_list(names))
}

/// `chmod(path, mode, *, dir_fd=None, follow_symlinks=True)`, by
/// `fchmodat`; Linux cannot change a symbolic link's own mode.
fn chmod(vm: &Vm, args: Args) -> PyResult {
    if args.positional().len() > 2 {
        return Err(vm.new_type_error(format!(
            "chmod() takes exactly 2 positional arguments ({} given)",
            args.positional().len()
        )));
    }
    let bound = bind(
        vm,
        "chmod",
        args,
        false,
        &["path", "mode", "dir_fd", "follow_symlinks"],
        2,
    )?;
    let path = Path::from_object(vm, "chmod", bound[0].as_ref().expect("required"))?;
    let mode = crate::objects::getargs::int_arg(vm, bound[1].as_ref().expect("required"))?;
    let dir_fd = match bound[2].as_ref().filter(|d| !vm.is_none(d)) {
        Some(fd) => crate::objects::getargs::int_arg(vm, fd)?,
        None => libc::AT_FDCWD,
    };
    let follow = match &bound[3] {
        Some(f) => vm.is_true(f)?,
        None => true,
    };
    let c_path = path.c_string(vm)?;
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    // SAFETY: `c_path` is a NUL-terminated string that outlives the call.
    if unsafe { libc::fchmodat(dir_fd, c_path.as_ptr(), mode as libc::mode_t, flags) } != 0 {
        let error = std::io::Error::last_os_error();
        let unsupported = matches!(error.raw_os_error(), Some(libc::ENOTSUP));
        if unsupported && !follow {
            return Err(vm.new_exception(
                &vm.exceptions.not_implemented_error,
                "chmod: follow_symlinks unavailable on this platform",
            ));
        }
        return Err(path.error(vm, &error));
    }
    Ok(vm.none.clone())
}

/// `utime(path, times=None, *, ns=None, dir_fd=None,
/// follow_symlinks=True)`: sets the access and modification times,
/// given in seconds (`times`) or nanoseconds (`ns`), or now.
fn utime(vm: &Vm, args: Args) -> PyResult {
    let bound = bind(
        vm,
        "utime",
        args,
        false,
        &["path", "times", "ns", "dir_fd", "follow_symlinks"],
        1,
    )?;
    let path = Path::from_object(vm, "utime", bound[0].as_ref().expect("required"))?;
    let times = bound[1].clone().filter(|t| !vm.is_none(t));
    let ns = bound[2].clone();
    let pair = |o: &Object| {
        crate::objects::tuple::tuple_items(o)
            .filter(|items| items.len() == 2)
            .map(|items| (items[0].clone(), items[1].clone()))
    };
    let stamps = match (times, ns) {
        (Some(_), Some(_)) => {
            return Err(
                vm.new_value_error("utime: you may specify either 'times' or 'ns' but not both")
            )
        }
        (Some(times), None) => {
            let Some((atime, mtime)) = pair(&times) else {
                return Err(
                    vm.new_type_error("utime: 'times' must be either a tuple of two ints or None")
                );
            };
            let spec = |t: &Object| -> PyResult<libc::timespec> {
                let seconds = crate::objects::int::to_f64(vm, t)?;
                let whole = seconds.floor();
                Ok(libc::timespec {
                    tv_sec: whole as libc::time_t,
                    tv_nsec: ((seconds - whole) * 1e9) as libc::c_long,
                })
            };
            Some([spec(&atime)?, spec(&mtime)?])
        }
        (None, Some(ns)) => {
            let Some((atime, mtime)) = pair(&ns) else {
                return Err(vm.new_type_error("utime: 'ns' must be a tuple of two ints"));
            };
            let spec = |t: &Object| -> PyResult<libc::timespec> {
                let total = crate::objects::int::expect_index(vm, t)?;
                Ok(libc::timespec {
                    tv_sec: total.div_euclid(1_000_000_000) as libc::time_t,
                    tv_nsec: total.rem_euclid(1_000_000_000) as libc::c_long,
                })
            };
            Some([spec(&atime)?, spec(&mtime)?])
        }
        (None, None) => None,
    };
    let dir_fd = match bound[3].as_ref().filter(|d| !vm.is_none(d)) {
        Some(fd) => crate::objects::getargs::int_arg(vm, fd)?,
        None => libc::AT_FDCWD,
    };
    let follow = match &bound[4] {
        Some(f) => vm.is_true(f)?,
        None => true,
    };
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    let c_path = path.c_string(vm)?;
    let stamps_ptr = stamps.as_ref().map_or(std::ptr::null(), |s| s.as_ptr());
    // SAFETY: `c_path` is NUL-terminated and `stamps_ptr` is null or
    // points at two timespecs, both outliving the call.
    if unsafe { libc::utimensat(dir_fd, c_path.as_ptr(), stamps_ptr, flags) } != 0 {
        return Err(path.error(vm, &std::io::Error::last_os_error()));
    }
    Ok(vm.none.clone())
}

fn remove(vm: &Vm, args: Args) -> PyResult {
    let path = path_arg(vm, "remove", args, "path")?;
    std::fs::remove_file(&path.native).map_err(|e| path.error(vm, &e))?;
    Ok(vm.none.clone())
}

fn rename(vm: &Vm, args: Args) -> PyResult {
    let bound = bind(vm, "rename", args, false, &["src", "dst"], 2)?;
    let src = Path::from_object(vm, "rename", bound[0].as_ref().expect("required"))?;
    let dst = Path::from_object(vm, "rename", bound[1].as_ref().expect("required"))?;
    std::fs::rename(&src.native, &dst.native).map_err(|e| src.error2(vm, &e, &dst))?;
    Ok(vm.none.clone())
}

fn stat(vm: &Vm, args: Args, name: &str, follow: bool) -> PyResult {
    let bound = bind(
        vm,
        name,
        args,
        false,
        &["path", "dir_fd", "follow_symlinks"],
        1,
    )?;
    let target = bound[0].as_ref().expect("required");
    if name == "stat" && crate::objects::int::int_value(target).is_some() {
        return fstat(vm, target);
    }
    let path = Path::from_object(vm, name, target)?;
    let follow = match &bound[2] {
        Some(f) => vm.is_true(f)?,
        None => follow,
    };
    let metadata = if follow {
        std::fs::metadata(&path.native)
    } else {
        std::fs::symlink_metadata(&path.native)
    }
    .map_err(|e| path.error(vm, &e))?;
    stat_result(vm, &metadata)
}

/// `os.stat_result(sequence)`: float times not given are the integer
/// ones (`statresult_new`).
fn stat_result_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let result = structseq::structseq_new(vm, ty, args)?;
    let items = crate::objects::tuple::tuple_items(&result)
        .unwrap_or(&[])
        .to_vec();
    for (index, name) in [(7, "st_atime"), (8, "st_mtime"), (9, "st_ctime")] {
        let name = vm.intern(name);
        if vm.is_none(&vm.getattr(&result, &name)?) {
            let member = crate::object::type_payload(ty)
                .lookup(vm, &name)
                .expect("stat_result has its time fields");
            crate::objects::descr::init_member(vm, &member, &result, items[index].clone())?;
        }
    }
    Ok(result)
}

/// `os.fstat(fd)`, and `os.stat` of a descriptor.
fn fstat(vm: &Vm, fd: &Object) -> PyResult {
    let fd = crate::objects::getargs::int_arg(vm, fd)?;
    // SAFETY: a zeroed `stat` is a valid value of this plain C struct.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `st` is a valid, writable `stat`.
    if unsafe { libc::fstat(fd, &mut st) } != 0 {
        return Err(from_io_error(vm, &std::io::Error::last_os_error(), None));
    }
    stat_result_from_raw(vm, &st)
}

/// An `os.stat_result` from the fields of a `stat`.
#[allow(clippy::too_many_arguments)]
fn new_stat_result(
    vm: &Vm,
    ints: [i64; 7],
    times: [(i64, i64); 3],
    blksize: i64,
    blocks: i64,
    rdev: i64,
) -> PyResult {
    let mut values: Vec<Object> = ints.iter().map(|&v| vm.new_int(v)).collect();
    values.extend(times.iter().map(|&(s, _)| vm.new_int(s)));
    values.extend(
        times
            .iter()
            .map(|&(s, ns)| vm.new_float(s as f64 + ns as f64 * 1e-9)),
    );
    values.extend(times.iter().map(|&(s, ns)| {
        crate::objects::int::new_big(
            vm,
            crate::objects::int::IBig::from(s) * crate::objects::int::IBig::from(1_000_000_000)
                + crate::objects::int::IBig::from(ns),
        )
    }));
    values.extend([blksize, blocks, rdev].map(|v| vm.new_int(v)));
    let ty = vm.getattr(&posix_module(vm)?, &vm.intern("stat_result"))?;
    structseq::new_instance(vm, &ty, values)
}

pub(super) fn stat_result(vm: &Vm, m: &std::fs::Metadata) -> PyResult {
    new_stat_result(
        vm,
        [
            m.mode().into(),
            m.ino() as i64,
            m.dev() as i64,
            m.nlink() as i64,
            m.uid().into(),
            m.gid().into(),
            m.size() as i64,
        ],
        [
            (m.atime(), m.atime_nsec()),
            (m.mtime(), m.mtime_nsec()),
            (m.ctime(), m.ctime_nsec()),
        ],
        m.blksize() as i64,
        m.blocks() as i64,
        m.rdev() as i64,
    )
}

fn stat_result_from_raw(vm: &Vm, st: &libc::stat) -> PyResult {
    new_stat_result(
        vm,
        [
            st.st_mode.into(),
            st.st_ino as i64,
            st.st_dev as i64,
            st.st_nlink as i64,
            st.st_uid.into(),
            st.st_gid.into(),
            st.st_size,
        ],
        [
            (st.st_atime, st.st_atime_nsec),
            (st.st_mtime, st.st_mtime_nsec),
            (st.st_ctime, st.st_ctime_nsec),
        ],
        st.st_blksize,
        st.st_blocks,
        st.st_rdev as i64,
    )
}
