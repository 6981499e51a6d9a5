//! The methods of `str` (Objects/unicodeobject.c's `unicode_methods`):
//! searching, splitting, stripping, padding, case mapping, the character
//! class predicates, `join`, `replace`, `encode`, `maketrans` and
//! `translate`. The searching and splitting themselves are `stringlib`'s;
//! `format`, `format_map` and `__format__` are in `str_format.rs`.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::function::{add_methods, new_builtin_function};
use crate::objects::getargs::{
    bind, clinic_type_name, index_arg, slice_bounds, ssize_arg, str_arg,
};
use crate::objects::str::{
    from_units, new_from_code_points, substring, with_unit_pair, with_units, StrData, StrObject,
};
use crate::objects::stringlib::{self, adjust_indices, Align};
use crate::objects::tuple::tuple_items;
use crate::typeobject::Args;
use crate::vm::Vm;

pub(crate) fn init(vm: &Vm) {
    add_methods(
        vm,
        &vm.types.str,
        &[
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
            ("count", str_count),
            ("startswith", |vm, args| {
                affix_method(vm, args, "startswith", false)
            }),
            ("endswith", |vm, args| {
                affix_method(vm, args, "endswith", true)
            }),
            ("split", |vm, args| split_method(vm, args, "split", false)),
            ("rsplit", |vm, args| split_method(vm, args, "rsplit", true)),
            ("splitlines", str_splitlines),
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
            ("join", str_join),
            ("replace", str_replace),
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
            ("zfill", str_zfill),
            ("expandtabs", str_expandtabs),
            ("lower", |vm, args| {
                case_method(vm, args, "lower", CaseMap::Lower)
            }),
            ("upper", |vm, args| {
                case_method(vm, args, "upper", CaseMap::Upper)
            }),
            ("title", |vm, args| {
                case_method(vm, args, "title", CaseMap::Title)
            }),
            ("capitalize", |vm, args| {
                case_method(vm, args, "capitalize", CaseMap::Capitalize)
            }),
            ("swapcase", |vm, args| {
                case_method(vm, args, "swapcase", CaseMap::Swap)
            }),
            ("casefold", |vm, args| {
                case_method(vm, args, "casefold", CaseMap::Fold)
            }),
            ("isspace", |vm, args| {
                predicate(vm, args, "isspace", krait_unicode::is_space)
            }),
            ("isalpha", |vm, args| {
                predicate(vm, args, "isalpha", krait_unicode::is_alpha)
            }),
            ("isdecimal", |vm, args| {
                predicate(vm, args, "isdecimal", krait_unicode::is_decimal)
            }),
            ("isdigit", |vm, args| {
                predicate(vm, args, "isdigit", krait_unicode::is_digit)
            }),
            ("isnumeric", |vm, args| {
                predicate(vm, args, "isnumeric", krait_unicode::is_numeric)
            }),
            ("isalnum", |vm, args| {
                predicate(vm, args, "isalnum", is_alnum)
            }),
            ("islower", str_islower),
            ("isupper", str_isupper),
            ("istitle", str_istitle),
            ("isidentifier", str_isidentifier),
            ("isprintable", str_isprintable),
            ("isascii", |vm, args| {
                arity(vm, "isascii", args, 0, 0)?;
                let s = this(&args);
                Ok(vm.new_bool(s.as_ascii().is_some() || s.is_empty()))
            }),
            ("encode", str_encode),
            ("translate", str_translate),
            ("__getnewargs__", |vm, args| {
                arity(vm, "__getnewargs__", args, 0, 0)?;
                let s = this(&args);
                Ok(vm.new_tuple(vec![substring(vm, s, 0, s.len())]))
            }),
            ("__sizeof__", |vm, args| {
                arity(vm, "__sizeof__", args, 0, 0)?;
                Ok(vm.new_int(str_sizeof(this(&args)) as i64))
            }),
        ],
    );
    let maketrans = new_builtin_function(vm, "maketrans", str_maketrans);
    crate::object::type_payload(&vm.types.str).dict.set_str(
        vm,
        vm.intern("maketrans"),
        crate::objects::descr::new_staticmethod(vm, maketrans),
    );
}

/// The `self` of a str method.
fn this<'a>(args: &Args<'a>) -> &'a StrObject {
    args.values[0]
        .payload::<StrObject>()
        .expect("a str method's self is a str")
}

/// What `sys.getsizeof` reports for a str: CPython's object header and
/// the PEP 393 data with its terminator.
fn str_sizeof(s: &StrObject) -> usize {
    match s.data() {
        StrData::Ascii(a) => 49 + a.len(),
        StrData::Latin1(b) => 73 + b.len(),
        StrData::Ucs2(b) => 74 + 2 * b.len(),
        StrData::Ucs4(b) => 76 + 4 * b.len(),
    }
}

/// Checks the arguments of a positional-only method with arg clinic's
/// messages: `str.upper() takes no arguments (1 given)`, `str.join()
/// takes exactly one argument (0 given)`, `center expected at least 1
/// argument, got 0`.
pub(crate) fn arity_of(
    vm: &Vm,
    ty: &str,
    name: &str,
    args: Args,
    min: usize,
    max: usize,
) -> PyResult<()> {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("{ty}.{name}() takes no keyword arguments")));
    }
    let given = args.values.len() - 1;
    if (min..=max).contains(&given) {
        return Ok(());
    }
    Err(vm.new_type_error(match (min, max) {
        (0, 0) => format!("{ty}.{name}() takes no arguments ({given} given)"),
        (1, 1) => format!("{ty}.{name}() takes exactly one argument ({given} given)"),
        _ if min == max => format!("{name} expected {min} arguments, got {given}"),
        _ if given < min => format!(
            "{name} expected at least {min} argument{}, got {given}",
            if min == 1 { "" } else { "s" }
        ),
        _ => format!(
            "{name} expected at most {max} argument{}, got {given}",
            if max == 1 { "" } else { "s" }
        ),
    }))
}

fn arity(vm: &Vm, name: &str, args: Args, min: usize, max: usize) -> PyResult<()> {
    arity_of(vm, "str", name, args, min, max)
}

/// The arguments of `find`-like methods (`sub[, start[, end]]`), with
/// the messages of `PyArg_ParseTuple`.
pub(crate) fn find_args<'a>(
    vm: &Vm,
    ty: &str,
    name: &str,
    args: &Args<'a>,
) -> PyResult<(&'a Object, i64, i64)> {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("{ty}.{name}() takes no keyword arguments")));
    }
    let given = args.values.len() - 1;
    if given == 0 {
        return Err(vm.new_type_error(format!("{name}() takes at least 1 argument (0 given)")));
    }
    if given > 3 {
        return Err(vm.new_type_error(format!(
            "{name}() takes at most 3 arguments ({given} given)"
        )));
    }
    let (start, end) = slice_bounds(vm, args.values.get(2), args.values.get(3))?;
    Ok((&args.values[1], start, end))
}

/// A str argument, with `must be str, not int` otherwise.
fn str_operand<'a>(vm: &Vm, o: &'a Object) -> PyResult<&'a StrObject> {
    o.payload::<StrObject>()
        .ok_or_else(|| vm.new_type_error(format!("must be str, not {}", vm.type_name(o))))
}

fn find_method(vm: &Vm, args: Args, name: &str, from_right: bool, raise: bool) -> PyResult {
    let (sub, start, end) = find_args(vm, "str", name, &args)?;
    let sub = str_operand(vm, sub)?;
    let s = this(&args);
    let (start, end) = adjust_indices(start, end, s.len());
    let found = with_unit_pair!(s, sub, |h, n| {
        if from_right {
            stringlib::rfind(h, n, start, end)
        } else {
            stringlib::find(h, n, start, end)
        }
    });
    match found {
        Some(i) => Ok(vm.new_int(i as i64)),
        None if raise => Err(vm.new_value_error("substring not found")),
        None => Ok(vm.new_int(-1)),
    }
}

fn str_count(vm: &Vm, args: Args) -> PyResult {
    let (sub, start, end) = find_args(vm, "str", "count", &args)?;
    let sub = str_operand(vm, sub)?;
    let s = this(&args);
    let (start, end) = adjust_indices(start, end, s.len());
    let n = with_unit_pair!(s, sub, |h, n| stringlib::count(
        h,
        n,
        start,
        end,
        usize::MAX
    ));
    Ok(vm.new_int(n as i64))
}

fn affix_method(vm: &Vm, args: Args, name: &str, at_end: bool) -> PyResult {
    let (affix, start, end) = find_args(vm, "str", name, &args)?;
    let s = this(&args);
    let (start, end) = adjust_indices(start, end, s.len());
    let matches = |a: &StrObject| {
        with_unit_pair!(s, a, |h, n| stringlib::tail_match(h, n, start, end, at_end))
    };
    if let Some(items) = tuple_items(affix) {
        for item in items {
            let Some(a) = item.payload::<StrObject>() else {
                return Err(vm.new_type_error(format!(
                    "tuple for {name} must only contain str, not {}",
                    vm.type_name(item)
                )));
            };
            if matches(a) {
                return Ok(vm.true_.clone());
            }
        }
        return Ok(vm.false_.clone());
    }
    let Some(a) = affix.payload::<StrObject>() else {
        return Err(vm.new_type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            vm.type_name(affix)
        )));
    };
    Ok(vm.new_bool(matches(a)))
}

/// The `maxsplit` of `split` and `rsplit`: negative for no limit.
pub(crate) fn maxsplit_arg(vm: &Vm, value: Option<&Object>) -> PyResult<usize> {
    match value {
        Some(m) => {
            let m = ssize_arg(vm, m)?;
            Ok(if m < 0 { usize::MAX } else { m as usize })
        }
        None => Ok(usize::MAX),
    }
}

fn split_method(vm: &Vm, args: Args, name: &str, from_right: bool) -> PyResult {
    let bound = bind(vm, name, args, true, &["sep", "maxsplit"], 0)?;
    let s = this(&args);
    let maxsplit = maxsplit_arg(vm, bound[1].as_ref())?;
    let pieces = match bound[0].as_ref().filter(|sep| !vm.is_none(sep)) {
        None => with_units!(s, |units| {
            if from_right {
                stringlib::rsplit_whitespace(units, maxsplit, is_space)
            } else {
                stringlib::split_whitespace(units, maxsplit, is_space)
            }
        }),
        Some(sep) => {
            let Some(sep) = sep.payload::<StrObject>() else {
                return Err(
                    vm.new_type_error(format!("must be str or None, not {}", vm.type_name(sep)))
                );
            };
            if sep.is_empty() {
                return Err(vm.new_value_error("empty separator"));
            }
            with_unit_pair!(s, sep, |h, n| {
                if from_right {
                    stringlib::rsplit(h, n, maxsplit)
                } else {
                    stringlib::split(h, n, maxsplit)
                }
            })
        }
    };
    Ok(vm.new_list(
        pieces
            .into_iter()
            .map(|(a, b)| substring(vm, s, a, b))
            .collect(),
    ))
}

fn is_space(c: u32) -> bool {
    char::from_u32(c).is_some_and(krait_unicode::is_space)
}

/// The line boundaries of `str.splitlines` (`Py_UNICODE_ISLINEBREAK`).
pub(crate) fn is_line_break(c: u32) -> bool {
    matches!(
        c,
        0x0A | 0x0B | 0x0C | 0x0D | 0x1C | 0x1D | 0x1E | 0x85 | 0x2028 | 0x2029
    )
}

fn str_splitlines(vm: &Vm, args: Args) -> PyResult {
    let bound = bind(vm, "splitlines", args, true, &["keepends"], 0)?;
    let keepends = match &bound[0] {
        Some(k) => keepends_arg(vm, k)?,
        None => false,
    };
    let s = this(&args);
    let lines = with_units!(s, |units| stringlib::splitlines(
        units,
        keepends,
        is_line_break
    ));
    Ok(vm.new_list(
        lines
            .into_iter()
            .map(|(a, b)| substring(vm, s, a, b))
            .collect(),
    ))
}

/// `keepends`: an integer (a bool is one).
pub(crate) fn keepends_arg(vm: &Vm, k: &Object) -> PyResult<bool> {
    Ok(index_arg(vm, k)? != 0)
}

fn strip_method(vm: &Vm, args: Args, name: &str, left: bool, right: bool) -> PyResult {
    arity(vm, name, args, 0, 1)?;
    let s = this(&args);
    let (start, end) = match args.values.get(1).filter(|c| !vm.is_none(c)) {
        None => with_units!(s, |units| stringlib::strip(units, left, right, is_space)),
        Some(chars) => {
            let Some(chars) = chars.payload::<StrObject>() else {
                return Err(vm.new_type_error(format!("{name} arg must be None or str")));
            };
            let set: Vec<u32> = chars.code_points().collect();
            with_units!(s, |units| stringlib::strip(units, left, right, |c| set
                .contains(&c)))
        }
    };
    if start == 0 && end == s.len() && vm.type_of(&args.values[0]).is(&vm.types.str) {
        return Ok(args.values[0].clone());
    }
    Ok(substring(vm, s, start, end))
}

fn partition_method(vm: &Vm, args: Args, name: &str, from_right: bool) -> PyResult {
    arity(vm, name, args, 1, 1)?;
    let s = this(&args);
    let sep = str_operand(vm, &args.values[1])?;
    if sep.is_empty() {
        return Err(vm.new_value_error("empty separator"));
    }
    let found = with_unit_pair!(s, sep, |h, n| stringlib::partition(h, n, from_right));
    let whole = substring(vm, s, 0, s.len());
    let empty = vm.empty_str.clone();
    Ok(vm.new_tuple(match found {
        Some(at) => vec![
            substring(vm, s, 0, at),
            substring(vm, sep, 0, sep.len()),
            substring(vm, s, at + sep.len(), s.len()),
        ],
        None if from_right => vec![empty.clone(), empty, whole],
        None => vec![whole, empty.clone(), empty],
    }))
}

fn str_join(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "join", args, 1, 1)?;
    let sep = this(&args);
    let iterable = &args.values[1];
    let items = if vm.type_payload_of(iterable).slots.iter.get().is_none()
        && vm.type_payload_of(iterable).slots.getitem.get().is_none()
    {
        return Err(vm.new_type_error("can only join an iterable"));
    } else {
        vm.collect_iterable(iterable)?
    };
    let mut parts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        match item.payload::<StrObject>() {
            Some(p) => parts.push(p),
            None => {
                return Err(vm.new_type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    vm.type_name(item)
                )))
            }
        }
    }
    if parts.len() == 1 && vm.type_of(&items[0]).is(&vm.types.str) {
        return Ok(items[0].clone());
    }
    if let Some(sep) = sep.as_ascii() {
        if parts.iter().all(|p| p.as_ascii().is_some()) {
            let texts: Vec<&str> = parts.iter().filter_map(|p| p.as_ascii()).collect();
            return Ok(vm.new_str(&texts.join(sep)));
        }
    }
    let mut points = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            points.extend(sep.code_points());
        }
        points.extend(p.code_points());
    }
    Ok(new_from_code_points(vm, &points))
}

fn str_replace(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "replace", args, 2, 3)?;
    let s = this(&args);
    let operand = |i: usize| -> PyResult<&StrObject> {
        args.values[i].payload::<StrObject>().ok_or_else(|| {
            vm.new_type_error(format!(
                "replace() argument {i} must be str, not {}",
                clinic_type_name(vm, &args.values[i])
            ))
        })
    };
    let old = operand(1)?;
    let new = operand(2)?;
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
    if let (Some(h), Some(o), Some(n)) = (s.as_ascii(), old.as_ascii(), new.as_ascii()) {
        let out = stringlib::replace(h.as_bytes(), o.as_bytes(), n.as_bytes(), max);
        return Ok(vm.new_str(std::str::from_utf8(&out).unwrap_or_default()));
    }
    let out = stringlib::replace(&s.wide(), &old.wide(), &new.wide(), max);
    Ok(new_from_code_points(vm, &out))
}

fn remove_affix(vm: &Vm, args: Args, name: &str, suffix: bool) -> PyResult {
    arity(vm, name, args, 1, 1)?;
    let s = this(&args);
    let Some(affix) = args.values[1].payload::<StrObject>() else {
        return Err(vm.new_type_error(format!(
            "{name}() argument must be str, not {}",
            clinic_type_name(vm, &args.values[1])
        )));
    };
    let matched = !affix.is_empty()
        && with_unit_pair!(s, affix, |h, n| stringlib::tail_match(
            h,
            n,
            0,
            h.len(),
            suffix
        ));
    if !matched {
        return Ok(substring(vm, s, 0, s.len()));
    }
    Ok(if suffix {
        substring(vm, s, 0, s.len() - affix.len())
    } else {
        substring(vm, s, affix.len(), s.len())
    })
}

fn pad_method(vm: &Vm, args: Args, name: &str, align: Align) -> PyResult {
    arity(vm, name, args, 1, 2)?;
    let s = this(&args);
    let width = ssize_arg(vm, &args.values[1])?;
    let fill = match args.values.get(2) {
        Some(f) => match f.payload::<StrObject>() {
            Some(f) if f.len() == 1 => f.code_point(0),
            Some(_) => {
                return Err(
                    vm.new_type_error("The fill character must be exactly one character long")
                )
            }
            None => {
                return Err(vm.new_type_error(format!(
                    "The fill character must be a unicode character, not {}",
                    vm.type_name(f)
                )))
            }
        },
        None => 0x20,
    };
    let width = width.max(0) as usize;
    if width <= s.len() {
        return Ok(substring(vm, s, 0, s.len()));
    }
    crate::objects::str::check_repeat_size(vm, 1, width)?;
    let (left, right) = stringlib::padding(s.len(), width, align);
    let mut points = Vec::with_capacity(width);
    points.extend(std::iter::repeat_n(fill, left));
    points.extend(s.code_points());
    points.extend(std::iter::repeat_n(fill, right));
    Ok(new_from_code_points(vm, &points))
}

fn str_zfill(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "zfill", args, 1, 1)?;
    let s = this(&args);
    let width = ssize_arg(vm, &args.values[1])?.max(0) as usize;
    if width <= s.len() {
        return Ok(substring(vm, s, 0, s.len()));
    }
    crate::objects::str::check_repeat_size(vm, 1, width)?;
    Ok(with_units!(s, |units| from_units(
        vm,
        &stringlib::zfill(units, width)
    )))
}

fn str_expandtabs(vm: &Vm, args: Args) -> PyResult {
    let bound = bind(vm, "expandtabs", args, true, &["tabsize"], 0)?;
    let tabsize = match &bound[0] {
        Some(t) => i64::from(crate::objects::getargs::int_arg(vm, t)?),
        None => 8,
    };
    let s = this(&args);
    let out = with_units!(s, |units| stringlib::expandtabs(units, tabsize)
        .map(|v| from_units(vm, &v)));
    out.map_err(|e| match e {
        stringlib::TooLong::Overflow => vm.new_overflow_error("result too long"),
        stringlib::TooLong::Memory => vm.new_exception_empty(&vm.exceptions.memory_error),
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CaseMap {
    Lower,
    Upper,
    Title,
    Capitalize,
    Swap,
    Fold,
}

fn case_method(vm: &Vm, args: Args, name: &str, map: CaseMap) -> PyResult {
    arity(vm, name, args, 0, 0)?;
    let s = this(&args);
    if let Some(a) = s.as_ascii() {
        let mut out = String::with_capacity(a.len());
        let mut previous_is_cased = false;
        for (i, c) in a.chars().enumerate() {
            out.push(match map {
                CaseMap::Lower | CaseMap::Fold => c.to_ascii_lowercase(),
                CaseMap::Upper => c.to_ascii_uppercase(),
                CaseMap::Capitalize if i == 0 => c.to_ascii_uppercase(),
                CaseMap::Capitalize => c.to_ascii_lowercase(),
                CaseMap::Swap if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
                CaseMap::Swap => c.to_ascii_uppercase(),
                CaseMap::Title if previous_is_cased => c.to_ascii_lowercase(),
                CaseMap::Title => c.to_ascii_uppercase(),
            });
            previous_is_cased = c.is_ascii_alphabetic();
        }
        return Ok(vm.new_str(&out));
    }
    let points = s.wide();
    let mut out = Vec::with_capacity(points.len());
    let mut previous_is_cased = false;
    for (i, &c) in points.iter().enumerate() {
        let Some(ch) = char::from_u32(c) else {
            out.push(c);
            previous_is_cased = false;
            continue;
        };
        match map {
            CaseMap::Lower => push_lower(&mut out, &points, i, ch),
            CaseMap::Upper => out.extend(krait_unicode::to_upper(ch).code_points()),
            CaseMap::Fold => out.extend(krait_unicode::to_folded(ch).code_points()),
            CaseMap::Capitalize if i == 0 => out.extend(krait_unicode::to_title(ch).code_points()),
            CaseMap::Capitalize => push_lower(&mut out, &points, i, ch),
            CaseMap::Swap if krait_unicode::is_upper(ch) => push_lower(&mut out, &points, i, ch),
            CaseMap::Swap if krait_unicode::is_lower(ch) => {
                out.extend(krait_unicode::to_upper(ch).code_points())
            }
            CaseMap::Swap => out.push(c),
            CaseMap::Title if previous_is_cased => push_lower(&mut out, &points, i, ch),
            CaseMap::Title => out.extend(krait_unicode::to_title(ch).code_points()),
        }
        previous_is_cased = krait_unicode::is_cased(ch);
    }
    Ok(new_from_code_points(vm, &out))
}

/// The lowercase of `points[i]`, where a capital sigma that ends a word
/// becomes a final sigma (`handle_capital_sigma`).
fn push_lower(out: &mut Vec<u32>, points: &[u32], i: usize, ch: char) {
    const CAPITAL_SIGMA: u32 = 0x3A3;
    if u32::from(ch) != CAPITAL_SIGMA {
        out.extend(krait_unicode::to_lower(ch).code_points());
        return;
    }
    let cased = |c: u32| char::from_u32(c).is_some_and(krait_unicode::is_cased);
    let ignorable = |c: u32| char::from_u32(c).is_some_and(krait_unicode::is_case_ignorable);
    let before = points[..i].iter().rev().find(|&&c| !ignorable(c));
    let after = points[i + 1..].iter().find(|&&c| !ignorable(c));
    let final_sigma = before.is_some_and(|&c| cased(c)) && !after.is_some_and(|&c| cased(c));
    out.push(if final_sigma { 0x3C2 } else { 0x3C3 });
}

fn is_alnum(c: char) -> bool {
    krait_unicode::is_alpha(c)
        || krait_unicode::is_decimal(c)
        || krait_unicode::is_digit(c)
        || krait_unicode::is_numeric(c)
}

/// A predicate that holds for a non-empty str whose every character has
/// the property.
fn predicate(vm: &Vm, args: Args, name: &str, property: fn(char) -> bool) -> PyResult {
    arity(vm, name, args, 0, 0)?;
    let s = this(&args);
    Ok(vm.new_bool(
        !s.is_empty()
            && s.code_points()
                .all(|c| char::from_u32(c).is_some_and(property)),
    ))
}

fn chars(s: &StrObject) -> impl Iterator<Item = Option<char>> + '_ {
    s.code_points().map(char::from_u32)
}

fn str_islower(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "islower", args, 0, 0)?;
    let mut cased = false;
    for c in chars(this(&args)).flatten() {
        if krait_unicode::is_upper(c) || krait_unicode::is_title(c) {
            return Ok(vm.false_.clone());
        }
        cased |= krait_unicode::is_lower(c);
    }
    Ok(vm.new_bool(cased))
}

fn str_isupper(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "isupper", args, 0, 0)?;
    let mut cased = false;
    for c in chars(this(&args)).flatten() {
        if krait_unicode::is_lower(c) || krait_unicode::is_title(c) {
            return Ok(vm.false_.clone());
        }
        cased |= krait_unicode::is_upper(c);
    }
    Ok(vm.new_bool(cased))
}

fn str_istitle(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "istitle", args, 0, 0)?;
    let mut cased = false;
    let mut previous_is_cased = false;
    for c in chars(this(&args)) {
        let c = c.unwrap_or('\u{FFFD}');
        if krait_unicode::is_upper(c) || krait_unicode::is_title(c) {
            if previous_is_cased {
                return Ok(vm.false_.clone());
            }
            previous_is_cased = true;
            cased = true;
        } else if krait_unicode::is_lower(c) {
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

fn str_isidentifier(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "isidentifier", args, 0, 0)?;
    Ok(vm.new_bool(is_identifier(this(&args))))
}

/// Whether the str is an identifier (`PyUnicode_IsIdentifier`).
pub fn is_identifier(s: &StrObject) -> bool {
    let mut it = chars(s);
    match it.next() {
        Some(Some(c)) if krait_unicode::is_xid_start(c) => {}
        _ => return false,
    }
    it.all(|c| c.is_some_and(krait_unicode::is_xid_continue))
}

fn str_isprintable(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "isprintable", args, 0, 0)?;
    Ok(vm.new_bool(chars(this(&args)).all(|c| c.is_some_and(krait_unicode::is_printable))))
}

fn str_encode(vm: &Vm, args: Args) -> PyResult {
    let bound = bind(vm, "encode", args, true, &["encoding", "errors"], 0)?;
    let encoding = match &bound[0] {
        Some(e) => str_arg(vm, "encode", "encoding", e)?,
        None => "utf-8".to_string(),
    };
    let errors = match &bound[1] {
        Some(e) => str_arg(vm, "encode", "errors", e)?,
        None => "strict".to_string(),
    };
    encode_str(vm, &args.values[0], &encoding, &errors)
}

/// `s.encode(encoding, errors)` (`PyUnicode_AsEncodedString`).
pub fn encode_str(vm: &Vm, s: &Object, encoding: &str, errors: &str) -> PyResult {
    let Some(codec) = crate::objects::codecs::builtin(encoding) else {
        return crate::codecs::transcode_text(
            vm,
            s,
            encoding,
            errors,
            crate::codecs::Direction::Encode,
        );
    };
    let text = s.payload::<StrObject>().expect("encode_str of a str");
    if let Some(a) = text.as_ascii() {
        return Ok(crate::objects::bytes::new_bytes(vm, a.as_bytes().to_vec()));
    }
    let bytes = crate::objects::codecs::encode(vm, s, &text.wide(), codec, errors)?;
    Ok(crate::objects::bytes::new_bytes(vm, bytes))
}

fn str_translate(vm: &Vm, args: Args) -> PyResult {
    arity(vm, "translate", args, 1, 1)?;
    let s = this(&args);
    let table = &args.values[1];
    let mut out = Vec::with_capacity(s.len());
    for c in s.code_points() {
        let mapped = match vm.getitem(table, &vm.new_int(i64::from(c))) {
            Ok(m) => m,
            Err(e) if e.matches(vm, &vm.exceptions.lookup_error) => {
                out.push(c);
                continue;
            }
            Err(e) => return Err(e),
        };
        if vm.is_none(&mapped) {
            continue;
        }
        if let Some(m) = mapped.payload::<StrObject>() {
            out.extend(m.code_points());
            continue;
        }
        match crate::objects::int::int_value(&mapped).map(|v| v.to_i64()) {
            Some(Some(m)) if (0..0x110000).contains(&m) => out.push(m as u32),
            Some(_) => {
                return Err(vm.new_value_error("character mapping must be in range(0x110000)"))
            }
            None => {
                return Err(vm.new_type_error("character mapping must return integer, None or str"))
            }
        }
    }
    Ok(new_from_code_points(vm, &out))
}

/// `str.maketrans(x[, y[, z]])`, a static method.
fn str_maketrans(vm: &Vm, args: Args) -> PyResult {
    if args.has_keywords() {
        return Err(vm.new_type_error("maketrans() takes no keyword arguments"));
    }
    let given = args.values.len();
    if given == 0 {
        return Err(vm.new_type_error("maketrans expected at least 1 argument, got 0"));
    }
    if given > 3 {
        return Err(vm.new_type_error(format!(
            "maketrans expected at most 3 arguments, got {given}"
        )));
    }
    let result = vm.new_dict();
    let dict = &result
        .payload::<crate::objects::dict::DictObject>()
        .expect("a dict")
        .dict;
    let x = &args.values[0];
    if given == 1 {
        let Some(d) = x.payload::<crate::objects::dict::DictObject>() else {
            return Err(
                vm.new_type_error("if you give only one argument to maketrans it must be a dict")
            );
        };
        for (key, value) in d.dict.items() {
            let key = if let Some(k) = key.payload::<StrObject>() {
                if k.len() != 1 {
                    return Err(
                        vm.new_value_error("string keys in translate table must be of length 1")
                    );
                }
                vm.new_int(i64::from(k.code_point(0)))
            } else if crate::objects::int::int_value(&key).is_some() {
                key
            } else {
                return Err(
                    vm.new_type_error("keys in translate table must be strings or integers")
                );
            };
            dict.set(vm, key, value)?;
        }
        return Ok(result);
    }
    let operand = |i: usize| -> PyResult<&StrObject> {
        args.values[i].payload::<StrObject>().ok_or_else(|| {
            vm.new_type_error(format!(
                "maketrans() argument {} must be str, not {}",
                i + 1,
                clinic_type_name(vm, &args.values[i])
            ))
        })
    };
    let Some(from) = x.payload::<StrObject>() else {
        return Err(vm.new_type_error(
            "first maketrans argument must be a string if there is a second argument",
        ));
    };
    let to = operand(1)?;
    let delete = if given == 3 { Some(operand(2)?) } else { None };
    if from.len() != to.len() {
        return Err(vm.new_value_error("the first two maketrans arguments must have equal length"));
    }
    for (a, b) in from.code_points().zip(to.code_points()) {
        dict.set(vm, vm.new_int(i64::from(a)), vm.new_int(i64::from(b)))?;
    }
    if let Some(delete) = delete {
        for c in delete.code_points() {
            dict.set(vm, vm.new_int(i64::from(c)), vm.none.clone())?;
        }
    }
    Ok(result)
}
