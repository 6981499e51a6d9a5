//! `_stat` (Modules/_stat.c): the file mode constants and tests of
//! Lib/stat.py, with the platform's values.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::function::{check_function_arity, NativeFn};
use crate::typeobject::Args;
use crate::vm::Vm;

const S_IFMT: u32 = 0o170000;

/// The integer constants: file types and permission bits, the BSD file
/// flags, and the indices of `os.stat`'s fields.
const CONSTANTS: &[(&str, u32)] = &[
    ("S_IFDIR", 0o040000),
    ("S_IFCHR", 0o020000),
    ("S_IFBLK", 0o060000),
    ("S_IFREG", 0o100000),
    ("S_IFIFO", 0o010000),
    ("S_IFLNK", 0o120000),
    ("S_IFSOCK", 0o140000),
    ("S_IFDOOR", 0),
    ("S_IFPORT", 0),
    ("S_IFWHT", 0),
    ("S_ISUID", 0o4000),
    ("S_ISGID", 0o2000),
    ("S_ISVTX", 0o1000),
    ("S_ENFMT", 0o2000),
    ("S_IREAD", 0o400),
    ("S_IWRITE", 0o200),
    ("S_IEXEC", 0o100),
    ("S_IRWXU", 0o700),
    ("S_IRUSR", 0o400),
    ("S_IWUSR", 0o200),
    ("S_IXUSR", 0o100),
    ("S_IRWXG", 0o070),
    ("S_IRGRP", 0o040),
    ("S_IWGRP", 0o020),
    ("S_IXGRP", 0o010),
    ("S_IRWXO", 0o007),
    ("S_IROTH", 0o004),
    ("S_IWOTH", 0o002),
    ("S_IXOTH", 0o001),
    ("UF_NODUMP", 0x1),
    ("UF_IMMUTABLE", 0x2),
    ("UF_APPEND", 0x4),
    ("UF_OPAQUE", 0x8),
    ("UF_NOUNLINK", 0x10),
    ("UF_COMPRESSED", 0x20),
    ("UF_HIDDEN", 0x8000),
    ("SF_ARCHIVED", 0x10000),
    ("SF_IMMUTABLE", 0x20000),
    ("SF_APPEND", 0x40000),
    ("SF_NOUNLINK", 0x100000),
    ("SF_SNAPSHOT", 0x200000),
    ("ST_MODE", 0),
    ("ST_INO", 1),
    ("ST_DEV", 2),
    ("ST_NLINK", 3),
    ("ST_UID", 4),
    ("ST_GID", 5),
    ("ST_SIZE", 6),
    ("ST_ATIME", 7),
    ("ST_MTIME", 8),
    ("ST_CTIME", 9),
];

/// The mode argument: an int that fits a `mode_t` (`_PyLong_AsMode_t`).
fn mode_arg(vm: &Vm, fname: &str, args: Args) -> PyResult<u32> {
    check_function_arity(vm, fname, args, 1, 1)?;
    let value = &args.values[0];
    if !vm.is_instance(value, &vm.types.int) {
        return Err(vm.new_type_error("an integer is required"));
    }
    let n = crate::objects::int::index_value(vm, value)?.unwrap_or(i64::MAX);
    if n < 0 {
        return Err(vm.new_overflow_error("can't convert negative value to unsigned int"));
    }
    u32::try_from(n).map_err(|_| vm.new_overflow_error("mode out of range"))
}

macro_rules! file_type_tests {
    ($($name:literal => $bits:expr),* $(,)?) => {
        &[$(($name, |vm, args| {
            let mode = mode_arg(vm, concat!("_stat.", $name), args)?;
            let bits: u32 = $bits;
            Ok(vm.new_bool(bits != 0 && mode & S_IFMT == bits))
        }),)*]
    };
}

const FILE_TYPE_TESTS: &[(&str, NativeFn)] = file_type_tests!(
    "S_ISDIR" => 0o040000,
    "S_ISCHR" => 0o020000,
    "S_ISBLK" => 0o060000,
    "S_ISREG" => 0o100000,
    "S_ISFIFO" => 0o010000,
    "S_ISLNK" => 0o120000,
    "S_ISSOCK" => 0o140000,
    "S_ISDOOR" => 0,
    "S_ISPORT" => 0,
    "S_ISWHT" => 0,
);

/// `stat.filemode(mode)`: `-rwxr-xr-x` and the like.
fn filemode(vm: &Vm, args: Args) -> PyResult {
    let mode = mode_arg(vm, "_stat.filemode", args)?;
    let kind = match mode & S_IFMT {
        0o100000 => '-',
        0o040000 => 'd',
        0o120000 => 'l',
        0o020000 => 'c',
        0o060000 => 'b',
        0o010000 => 'p',
        0o140000 => 's',
        _ => '?',
    };
    let mut out = String::with_capacity(10);
    out.push(kind);
    // Each class: read, write, then execute merged with its special bit.
    for (shift, special, set, unset) in [
        (6, 0o4000, 's', 'S'),
        (3, 0o2000, 's', 'S'),
        (0, 0o1000, 't', 'T'),
    ] {
        let bits = (mode >> shift) & 7;
        out.push(if bits & 4 != 0 { 'r' } else { '-' });
        out.push(if bits & 2 != 0 { 'w' } else { '-' });
        out.push(match (bits & 1 != 0, mode & special != 0) {
            (true, true) => set,
            (false, true) => unset,
            (true, false) => 'x',
            (false, false) => '-',
        });
    }
    Ok(vm.new_str(&out))
}

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    super::add_functions(vm, module, FILE_TYPE_TESTS);
    let functions: &[(&'static str, NativeFn)] = &[
        ("S_IMODE", |vm, args| {
            let mode = mode_arg(vm, "_stat.S_IMODE", args)?;
            Ok(vm.new_int(i64::from(mode & 0o7777)))
        }),
        ("S_IFMT", |vm, args| {
            let mode = mode_arg(vm, "_stat.S_IFMT", args)?;
            Ok(vm.new_int(i64::from(mode & S_IFMT)))
        }),
        ("filemode", filemode),
    ];
    super::add_functions(vm, module, functions);
    for &(name, value) in CONSTANTS {
        super::set_attr(vm, module, name, vm.new_int(i64::from(value)));
    }
    Ok(())
}
