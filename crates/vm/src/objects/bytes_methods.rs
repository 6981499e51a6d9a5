//! The methods bytes and bytearray share (Objects/bytes_methods.c and the
//! methods both Objects/bytesobject.c and Objects/bytearrayobject.c
//! define): searching, splitting, stripping, padding, the ASCII case
//! mappings and predicates, `join`, `replace`, `decode`, `hex`,
//! `fromhex`, `maketrans` and `translate`.
//!
//! Each works on the bytes of `self` whatever its kind and makes its
//! results of that kind, as CPython's two copies do.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::bytes::{buffer_arg, byte_value, bytes_like, bytes_view, Kind};
use crate::objects::function::{add_methods, new_builtin_function, NativeFn};
use crate::objects::getargs::{bind, ssize_arg, str_arg};
use crate::objects::str::StrObject;
use crate::objects::str_methods::{arity_of, find_args, keepends_arg, maxsplit_arg};
use crate::objects::stringlib::{self, adjust_indices, Align};
use crate::objects::tuple::tuple_items;
use crate::typeobject::Args;
use crate::vm::Vm;
use std::borrow::Cow;

/// Adds the shared methods to `ty`, bytes or bytearray.
pub(crate) fn init(vm: &Vm, ty: &Object) {
    let methods: &[(&'static str, NativeFn)] = &[
        ("find", |vm, args| {
            find_method(vm, args, "find", false, false)
        }),
        ("rfind", |vm, args| {
            find_method(vm, args, "rfind", true, false)
        }),
        ("index", |vm, args| {
            find_method(vm, args, "index", false, true)
        }),
        ("rindex", |vm, args| {
            find_method(vm, args, "rindex", true, true)
        }),
        ("count", bytes_count),
        ("startswith", |vm, args| {
            affix_method(vm, args, "startswith", false)
        }),
        ("endswith", |vm, args| {
            affix_method(vm, args, "endswith", true)
        }),
        ("split", |vm, args| split_method(vm, args, "split", false)),
        ("rsplit", |vm, args| split_method(vm, args, "rsplit", true)),
        ("splitlines", bytes_splitlines),
        ("strip", |vm, args| {
            strip_method(vm, args, "strip", true, true)
        }),
        ("lstrip", |vm, args| {
            strip_method(vm, args, "lstrip", true, false)
        }),
        ("rstrip", |vm, args| {
            strip_method(vm, args, "rstrip", false, true)
        }),
        ("partition", |vm, args| {
            partition_method(vm, args, "partition", false)
        }),
        ("rpartition", |vm, args| {
            partition_method(vm, args, "rpartition", true)
        }),
        ("join", bytes_join),
        ("replace", bytes_replace),
        ("removeprefix", |vm, args| {
            remove_affix(vm, args, "removeprefix", false)
        }),
        ("removesuffix", |vm, args| {
            remove_affix(vm, args, "removesuffix", true)
        }),
        ("center", |vm, args| {
            pad_method(vm, args, "center", Align::Center)
        }),
        ("ljust", |vm, args| {
            pad_method(vm, args, "ljust", Align::Left)
        }),
        ("rjust", |vm, args| {
            pad_method(vm, args, "rjust", Align::Right)
        }),
        ("zfill", bytes_zfill),
        ("expandtabs", bytes_expandtabs),
        ("lower", |vm, args| {
            map_bytes(vm, args, "lower", |b| b.to_ascii_lowercase())
        }),
        ("upper", |vm, args| {
            map_bytes(vm, args, "upper", |b| b.to_ascii_uppercase())
        }),
        ("swapcase", |vm, args| {
            map_bytes(vm, args, "swapcase", |b| {
                if b.is_ascii_uppercase() {
                    b.to_ascii_lowercase()
                } else {
                    b.to_ascii_uppercase()
                }
            })
        }),
        ("title", bytes_title),
        ("capitalize", bytes_capitalize),
        ("isalnum", |vm, args| {
            predicate(vm, args, "isalnum", u8::is_ascii_alphanumeric)
        }),
        ("isalpha", |vm, args| {
            predicate(vm, args, "isalpha", u8::is_ascii_alphabetic)
        }),
        ("isdigit", |vm, args| {
            predicate(vm, args, "isdigit", u8::is_ascii_digit)
        }),
        ("isspace", |vm, args| {
            predicate(vm, args, "isspace", |b| is_space(*b))
        }),
        ("isascii", |vm, args| {
            arity(vm, "isascii", args, 0, 0)?;
            Ok(vm.new_bool(data(&args).is_ascii()))
        }),
        ("islower", |vm, args| {
            arity(vm, "islower", args, 0, 0)?;
            let d = data(&args);
            Ok(vm.new_bool(
                d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase),
            ))
        }),
        ("isupper", |vm, args| {
            arity(vm, "isupper", args, 0, 0)?;
            let d = data(&args);
            Ok(vm.new_bool(
                d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase),
            ))
        }),
        ("istitle", bytes_istitle),
        ("decode", bytes_decode),
        ("hex", bytes_hex),
        ("translate", bytes_translate),
    ];
    add_methods(vm, ty, methods);
    let tp = crate::object::type_payload(ty);
    tp.dict.set_str(
        vm,
        vm.intern("fromhex"),
        crate::objects::descr::new_classmethod(
            vm,
            new_builtin_function(vm, "fromhex", bytes_fromhex),
        ),
    );
    tp.dict.set_str(
        vm,
        vm.intern("maketrans"),
        crate::objects::descr::new_staticmethod(
            vm,
            new_builtin_function(vm, "maketrans", bytes_maketrans),
        ),
    );
}

/// The bytes of `self`.
fn data<'a>(args: &Args<'a>) -> Cow<'a, [u8]> {
    bytes_view(&args.values[0]).unwrap_or_default()
}

fn kind(args: &Args) -> Kind {
    Kind::of(&args.values[0])
}

fn arity(vm: &Vm, name: &str, args: Args, min: usize, max: usize) -> PyResult<()> {
    arity_of(vm, kind(&args).name(), name, args, min, max)
}

/// The whitespace of bytes (`Py_ISSPACE`).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// What `find`, `count` and `index` look for: a bytes-like object or a
/// byte value.
fn needle(vm: &Vm, o: &Object) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(o) {
        return Ok(b);
    }
    if crate::objects::int::int_value(o).is_some()
        || vm.type_payload_of(o).slots.nb_index.get().is_some()
    {
        return Ok(vec![byte_value(vm, o)?]);
    }
    Err(vm.new_type_error(format!(
        "argument should be integer or bytes-like object, not '{}'",
        vm.type_name(o)
    )))
}

fn find_method(vm: &Vm, args: Args, name: &str, from_right: bool, raise: bool) -> PyResult {
    let (sub, start, end) = find_args(vm, kind(&args).name(), name, &args)?;
    let sub = needle(vm, sub)?;
    let d = data(&args);
    let (start, end) = adjust_indices(start, end, d.len());
    let found = if from_right {
        stringlib::rfind(&d, &sub, start, end)
    } else {
        stringlib::find(&d, &sub, start, end)
    };
    match found {
        Some(i) => Ok(vm.new_int(i as i64)),
        None if raise => Err(vm.new_value_error("subsection not found")),
        None => Ok(vm.new_int(-1)),
    }
}

fn bytes_count(vm: &Vm, args: Args) -> PyResult {
    let (sub, start, end) = find_args(vm, kind(&args).name(), "count", &args)?;
    let sub = needle(vm, sub)?;
    let d = data(&args);
    let (start, end) = adjust_indices(start, end, d.len());
    Ok(vm.new_int(stringlib::count(&d, &sub, start, end, usize::MAX) as i64))
}

fn affix_method(vm: &Vm, args: Args, name: &str, at_end: bool) -> PyResult {
    let (affix, start, end) = find_args(vm, kind(&args).name(), name, &args)?;
    let d = data(&args);
    let (start, end) = adjust_indices(start, end, d.len());
    if let Some(items) = tuple_items(affix) {
        for item in items {
            let a = buffer_arg(vm, item)?;
            if stringlib::tail_match(&d, &a, start, end, at_end) {
                return Ok(vm.true_.clone());
            }
        }
        return Ok(vm.false_.clone());
    }
    let Some(a) = bytes_view(affix) else {
        return Err(vm.new_type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            vm.type_name(affix)
        )));
    };
    Ok(vm.new_bool(stringlib::tail_match(&d, &a, start, end, at_end)))
}

fn pieces(vm: &Vm, kind: Kind, d: &[u8], ranges: Vec<(usize, usize)>) -> Object {
    vm.new_list(
        ranges
            .into_iter()
            .map(|(a, b)| kind.make(vm, d[a..b].to_vec()))
            .collect(),
    )
}

fn split_method(vm: &Vm, args: Args, name: &str, from_right: bool) -> PyResult {
    let bound = bind(vm, name, args, true, &["sep", "maxsplit"], 0)?;
    let d = data(&args);
    let maxsplit = maxsplit_arg(vm, bound[1].as_ref())?;
    let ranges = match bound[0].as_ref().filter(|sep| !vm.is_none(sep)) {
        None if from_right => stringlib::rsplit_whitespace(&d, maxsplit, |c| is_space(c as u8)),
        None => stringlib::split_whitespace(&d, maxsplit, |c| is_space(c as u8)),
        Some(sep) => {
            let sep = buffer_arg(vm, sep)?;
            if sep.is_empty() {
                return Err(vm.new_value_error("empty separator"));
            }
            if from_right {
                stringlib::rsplit(&d, &sep, maxsplit)
            } else {
                stringlib::split(&d, &sep, maxsplit)
            }
        }
    };
    Ok(pieces(vm, kind(&args), &d, ranges))
}

fn bytes_splitlines(vm: &Vm, args: Args) -> PyResult {
    let bound = bind(vm, "splitlines", args, true, &["keepends"], 0)?;
    let keepends = match &bound[0] {
        Some(k) => keepends_arg(vm, k)?,
        None => false,
    };
    let d = data(&args);
    let ranges = stringlib::splitlines(&d, keepends, |c| c == 10 || c == 13);
    Ok(pieces(vm, kind(&args), &d, ranges))
}

fn strip_method(vm: &Vm, args: Args, name: &str, left: bool, right: bool) -> PyResult {
    arity(vm, name, args, 0, 1)?;
    let d = data(&args);
    let (start, end) = match args.values.get(1).filter(|c| !vm.is_none(c)) {
        None => stringlib::strip(&d, left, right, |c| is_space(c as u8)),
        Some(chars) => {
            let set = buffer_arg(vm, chars)?;
            stringlib::strip(&d, left, right, |c| set.contains(&(c as u8)))
        }
    };
    Ok(kind(&args).make(vm, d[start..end].to_vec()))
}

fn partition_method(vm: &Vm, args: Args, name: &str, from_right: bool) -> PyResult {
    arity(vm, name, args, 1, 1)?;
    let d = data(&args);
    let sep = buffer_arg(vm, &args.values[1])?;
    if sep.is_empty() {
        return Err(vm.new_value_error("empty separator"));
    }
    let k = kind(&args);
    let parts = match stringlib::partition(&d, &sep, from_right) {
        Some(at) => [d[..at].to_vec(), sep.to_vec(), d[at + sep.len()..].to_vec()],
        None if from_right => [Vec::new(), Vec::new(), d.to_vec()],
        None => [d.to_vec(), Vec::new(), Vec::new()],
    };
    Ok(vm.new_tuple(parts.into_iter().map(|p| k.make(vm, p)).collect()))
}

fn bytes_join(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "join", args, 1, 1)?;
    let sep = data(&args);
    let iterable = &args.values[1];
    let tp = vm.type_payload_of(iterable);
    if tp.slots.iter.get().is_none() && tp.slots.getitem.get().is_none() {
        return Err(vm.new_type_error("can only join an iterable"));
    }
    let items = vm.collect_iterable(iterable)?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(b) = bytes_view(item) else {
            return Err(vm.new_type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                vm.type_name(item)
            )));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&b);
    }
    Ok(kind(&args).make(vm, out))
}

fn bytes_replace(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "replace", args, 2, 3)?;
    let d = data(&args);
    let old = buffer_arg(vm, &args.values[1])?;
    let new = buffer_arg(vm, &args.values[2])?;
    let max = match args.values.get(3) {
        Some(c) => {
            let c = ssize_arg(vm, c)?;
            if c < 0 {
                usize::MAX
            } else {
                c as usize
            }
        }
        None => usize::MAX,
    };
    Ok(kind(&args).make(vm, stringlib::replace(&d, &old, &new, max)))
}

fn remove_affix(vm: &Vm, args: Args, name: &str, suffix: bool) -> PyResult {
    arity(vm, name, args, 1, 1)?;
    let d = data(&args);
    let affix = buffer_arg(vm, &args.values[1])?;
    let out = if !affix.is_empty() && stringlib::tail_match(&d, &affix, 0, d.len(), suffix) {
        if suffix {
            d[..d.len() - affix.len()].to_vec()
        } else {
            d[affix.len()..].to_vec()
        }
    } else {
        d.to_vec()
    };
    Ok(kind(&args).make(vm, out))
}

fn pad_method(vm: &Vm, args: Args, name: &str, align: Align) -> PyResult {
    arity(vm, name, args, 1, 2)?;
    let d = data(&args);
    let width = ssize_arg(vm, &args.values[1])?.max(0) as usize;
    let fill = match args.values.get(2) {
        Some(f) => match bytes_view(f) {
            Some(b) if b.len() == 1 => b[0],
            _ => {
                return Err(vm.new_type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    crate::objects::getargs::clinic_type_name(vm, f)
                )))
            }
        },
        None => b' ',
    };
    crate::objects::str::check_repeat_size(vm, 1, width)?;
    let (left, right) = stringlib::padding(d.len(), width, align);
    let mut out = Vec::with_capacity(d.len() + left + right);
    out.extend(std::iter::repeat_n(fill, left));
    out.extend_from_slice(&d);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(kind(&args).make(vm, out))
}

fn bytes_zfill(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "zfill", args, 1, 1)?;
    let d = data(&args);
    let width = ssize_arg(vm, &args.values[1])?.max(0) as usize;
    crate::objects::str::check_repeat_size(vm, 1, width)?;
    Ok(kind(&args).make(vm, stringlib::zfill(&d, width)))
}

fn bytes_expandtabs(vm: &Vm, args: Args) -> PyResult {
    let bound = bind(vm, "expandtabs", args, true, &["tabsize"], 0)?;
    let tabsize = match &bound[0] {
        Some(t) => i64::from(crate::objects::getargs::int_arg(vm, t)?),
        None => 8,
    };
    let out = stringlib::expandtabs(&data(&args), tabsize).map_err(|e| match e {
        stringlib::TooLong::Overflow => vm.new_overflow_error("result too long"),
        stringlib::TooLong::Memory => vm.new_exception_empty(&vm.exceptions.memory_error),
    })?;
    Ok(kind(&args).make(vm, out))
}

fn map_bytes(vm: &Vm, args: Args, name: &str, f: fn(u8) -> u8) -> PyResult {
    arity(vm, name, args, 0, 0)?;
    let out = data(&args).iter().map(|&b| f(b)).collect();
    Ok(kind(&args).make(vm, out))
}

fn bytes_title(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "title", args, 0, 0)?;
    let mut previous_is_cased = false;
    let out = data(&args)
        .iter()
        .map(|&b| {
            let mapped = if previous_is_cased {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            };
            previous_is_cased = b.is_ascii_alphabetic();
            mapped
        })
        .collect();
    Ok(kind(&args).make(vm, out))
}

fn bytes_capitalize(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "capitalize", args, 0, 0)?;
    let out = data(&args)
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            if i == 0 {
                b.to_ascii_uppercase()
            } else {
                b.to_ascii_lowercase()
            }
        })
        .collect();
    Ok(kind(&args).make(vm, out))
}

fn predicate(vm: &Vm, args: Args, name: &str, f: fn(&u8) -> bool) -> PyResult {
    arity(vm, name, args, 0, 0)?;
    let d = data(&args);
    Ok(vm.new_bool(!d.is_empty() && d.iter().all(f)))
}

fn bytes_istitle(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "istitle", args, 0, 0)?;
    let mut cased = false;
    let mut previous_is_cased = false;
    for &b in data(&args).iter() {
        if b.is_ascii_uppercase() {
            if previous_is_cased {
                return Ok(vm.false_.clone());
            }
            previous_is_cased = true;
            cased = true;
        } else if b.is_ascii_lowercase() {
            if !previous_is_cased {
                return Ok(vm.false_.clone());
            }
            previous_is_cased = true;
            cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    Ok(vm.new_bool(cased))
}

fn bytes_decode(vm: &Vm, args: Args) -> PyResult {
    let bound = bind(vm, "decode", args, true, &["encoding", "errors"], 0)?;
    let encoding = match &bound[0] {
        Some(e) => str_arg(vm, "decode", "encoding", e)?,
        None => "utf-8".to_string(),
    };
    let errors = match &bound[1] {
        Some(e) => str_arg(vm, "decode", "errors", e)?,
        None => "strict".to_string(),
    };
    let d = data(&args);
    crate::objects::str::decode_to_str(vm, &args.values[0], &d, &encoding, &errors)
}

/// `hex(sep=None, bytes_per_sep=1)`: separators every `bytes_per_sep`
/// bytes, counted from the right, or from the left when negative.
pub(crate) fn bytes_hex(vm: &Vm, args: Args) -> PyResult {
    let bound = bind(vm, "hex", args, true, &["sep", "bytes_per_sep"], 0)?;
    let d = data(&args);
    let sep = match bound[0].as_ref().filter(|s| !vm.is_none(s)) {
        None => None,
        Some(s) => Some(hex_separator(vm, s, 0x7f)?),
    };
    let per = match &bound[1] {
        Some(n) => crate::objects::getargs::index_arg(vm, n)?,
        None => 1,
    };
    Ok(vm.new_str(&hex_with_separator(&d, sep, per)))
}

/// The separator of `hex` and `binascii.hexlify`: one character of a
/// str or bytes, at most `highest`.
pub fn hex_separator(vm: &Vm, sep: &Object, highest: u32) -> PyResult<char> {
    let units: Vec<u32> = if let Some(s) = sep.payload::<StrObject>() {
        s.code_points().collect()
    } else if let Some(b) = bytes_view(sep) {
        b.iter().map(|&c| u32::from(c)).collect()
    } else {
        return Err(vm.new_type_error(format!(
            "object of type '{}' has no len()",
            vm.type_name(sep)
        )));
    };
    if units.len() != 1 {
        return Err(vm.new_value_error("sep must be length 1."));
    }
    char::from_u32(units[0])
        .filter(|_| units[0] <= highest)
        .ok_or_else(|| vm.new_value_error("sep must be ASCII."))
}

/// The hex digits of `data`, with `sep` between groups of
/// `bytes_per_sep` bytes counted from the right, or from the left when
/// negative (`_Py_strhex_with_sep`).
pub fn hex_with_separator(data: &[u8], sep: Option<char>, bytes_per_sep: i64) -> String {
    let mut out = String::with_capacity(data.len() * 3);
    let group = bytes_per_sep.unsigned_abs() as usize;
    for (i, b) in data.iter().enumerate() {
        if let Some(sep) = sep.filter(|_| i > 0 && group > 0) {
            let boundary = if bytes_per_sep > 0 {
                (data.len() - i).is_multiple_of(group)
            } else {
                i.is_multiple_of(group)
            };
            if boundary {
                out.push(sep);
            }
        }
        out.push(HEX_DIGITS[usize::from(b >> 4)] as char);
        out.push(HEX_DIGITS[usize::from(b & 15)] as char);
    }
    out
}

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// `fromhex(string)`, a class method: pairs of hex digits, with
/// whitespace allowed before each pair.
fn bytes_fromhex(vm: &Vm, args: Args) -> PyResult {
    let cls = &args.values[0];
    let cls_name = crate::object::type_payload(cls).name();
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("{cls_name}.fromhex() takes no keyword arguments")));
    }
    if args.values.len() != 2 {
        return Err(vm.new_type_error(format!(
            "{cls_name}.fromhex() takes exactly one argument ({} given)",
            args.values.len() - 1
        )));
    }
    let Some(text) = args.values[1].payload::<StrObject>() else {
        return Err(vm.new_type_error(format!(
            "fromhex() argument must be str, not {}",
            vm.type_name(&args.values[1])
        )));
    };
    let points: Vec<u32> = text.code_points().collect();
    let digit = |c: u32| char::from_u32(c).and_then(|c| c.to_digit(16));
    let mut out = Vec::with_capacity(points.len() / 2);
    let mut i = 0;
    while i < points.len() {
        if points[i] < 0x80 && is_space(points[i] as u8) {
            i += 1;
            continue;
        }
        let bad = |at: usize| {
            vm.new_value_error(format!(
                "non-hexadecimal number found in fromhex() arg at position {at}"
            ))
        };
        let hi = digit(points[i]).ok_or_else(|| bad(i))?;
        let lo = points
            .get(i + 1)
            .and_then(|&c| digit(c))
            .ok_or_else(|| bad(i + 1))?;
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    let made = if cls.is(&vm.types.bytearray) {
        Kind::ByteArray.make(vm, out)
    } else {
        Kind::Bytes.make(vm, out)
    };
    if cls.is(&vm.types.bytes) || cls.is(&vm.types.bytearray) {
        return Ok(made);
    }
    vm.call(cls, Args::positional_only(&[made]))
}

/// `maketrans(frm, to)`, a static method: the 256-byte table mapping
/// each byte of `frm` to the byte of `to` at its position.
fn bytes_maketrans(vm: &Vm, args: Args) -> PyResult {
    crate::objects::function::check_function_arity(vm, "maketrans", args, 2, 2)?;
    let from = buffer_arg(vm, &args.values[0])?;
    let to = buffer_arg(vm, &args.values[1])?;
    if from.len() != to.len() {
        return Err(vm.new_value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (&a, &b) in from.iter().zip(to.iter()) {
        table[usize::from(a)] = b;
    }
    Ok(Kind::Bytes.make(vm, table))
}

/// `translate(table, /, delete=b'')`.
fn bytes_translate(vm: &Vm, args: Args) -> PyResult {
    if args.positional().len() < 2 {
        return Err(vm.new_type_error("translate() takes at least 1 positional argument (0 given)"));
    }
    // `table` is positional-only: no keyword can name it.
    let bound = bind(vm, "translate", args, true, &["", "delete"], 1)?;
    let table = bound[0].as_ref().filter(|t| !vm.is_none(t));
    let table = match table {
        Some(t) => {
            let t = buffer_arg(vm, t)?.into_owned();
            if t.len() != 256 {
                return Err(vm.new_value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
        None => None,
    };
    let delete = match &bound[1] {
        Some(d) => buffer_arg(vm, d)?.into_owned(),
        None => Vec::new(),
    };
    let out = data(&args)
        .iter()
        .filter(|b| !delete.contains(b))
        .map(|&b| table.as_ref().map_or(b, |t| t[usize::from(b)]))
        .collect();
    Ok(kind(&args).make(vm, out))
}
