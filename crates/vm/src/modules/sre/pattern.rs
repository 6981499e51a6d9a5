//! Compiled regular expressions, `re.Pattern` (Modules/_sre/sre.c's
//! pattern methods): the code from `_sre.compile` and what the pattern
//! was made from, and the searches over a subject: `match`,
//! `fullmatch`, `search`, `findall`, `finditer`, `split`, `sub`, `subn`.
//!
//! A subject is a str, read at its stored width, or a bytes-like object,
//! read as bytes; a search runs the engine over it from `pos` to
//! `endpos` and reads the groups from the engine's state, making a
//! `re.Match` only where one is returned. `sub` with a template that has
//! backslashes hands it to `re._subx`, in Python, as CPython 3.11 does.

use super::constants::flag;
use super::engine::{EngineError, Program, State, Text};
use crate::errors::{PyErr, PyResult};
use crate::object::{self, type_payload, Object};
use crate::objects::bytes::bytes_view;
use crate::objects::function::{add_methods, check_arity};
use crate::objects::getargs::{bind, ssize_arg};
use crate::objects::str::{StrData, StrObject};
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use std::borrow::Cow;

/// The payload of a `re.Pattern`.
#[derive(krait_derive::Traverse)]
pub struct PatternObject {
    /// The str or bytes the pattern was compiled from, or None.
    pub pattern: Object,
    #[traverse(skip)]
    pub flags: i64,
    #[traverse(skip)]
    pub program: Program,
    /// The number of capturing groups.
    #[traverse(skip)]
    pub groups: usize,
    /// Group names to numbers, when there are named groups.
    pub groupindex: Option<Object>,
    /// Group numbers to names, a tuple, when there are named groups.
    pub indexgroup: Option<Object>,
    /// Whether the pattern matches bytes; None for a pattern compiled
    /// from no source (re.Scanner's), which matches str and bytes alike.
    #[traverse(skip)]
    pub is_bytes: Option<bool>,
}

/// A subject's characters (sre.c's `getstring`): a str borrowed at its
/// stored width, or the bytes of a bytes-like object.
pub enum Subject<'a> {
    Str(&'a StrObject),
    Bytes(Cow<'a, [u8]>),
}

impl<'a> Subject<'a> {
    /// The characters of `string`, or TypeError if it is neither str
    /// nor bytes-like.
    pub fn of(vm: &Vm, string: &'a Object) -> PyResult<Subject<'a>> {
        if let Some(s) = string.payload::<StrObject>() {
            return Ok(Subject::Str(s));
        }
        match bytes_view(string) {
            Some(b) => Ok(Subject::Bytes(b)),
            None => Err(vm.new_type_error(format!(
                "expected string or bytes-like object, got '{}'",
                vm.type_name(string)
            ))),
        }
    }

    pub fn text(&self) -> Text<'_> {
        match self {
            Subject::Str(s) => match s.data() {
                StrData::Ascii(a) => Text::Ucs1(a.as_bytes()),
                StrData::Latin1(b) => Text::Ucs1(b),
                StrData::Ucs2(b) => Text::Ucs2(b),
                StrData::Ucs4(b) => Text::Ucs4(b),
            },
            Subject::Bytes(b) => Text::Ucs1(b),
        }
    }

    /// The number of characters.
    pub fn length(&self) -> usize {
        match self {
            Subject::Str(s) => s.len(),
            Subject::Bytes(b) => b.len(),
        }
    }

    pub fn is_bytes(&self) -> bool {
        matches!(self, Subject::Bytes(_))
    }

    /// `string[start:end]` as an exact str or bytes; the subject itself
    /// when that is all of an exact one (`getslice`).
    pub fn slice(&self, vm: &Vm, string: &Object, start: usize, end: usize) -> Object {
        let whole = start == 0 && end == self.length();
        match self {
            Subject::Str(s) => {
                if whole && vm.type_of(string).is(&vm.types.str) {
                    string.clone()
                } else {
                    crate::objects::str::substring(vm, s, start, end)
                }
            }
            Subject::Bytes(b) => {
                if whole && vm.type_of(string).is(&vm.types.bytes) {
                    string.clone()
                } else {
                    crate::objects::bytes::new_bytes(vm, b[start..end.max(start)].to_vec())
                }
            }
        }
    }
}

pub(crate) fn init(vm: &Vm) {
    let ty = &vm.types.sre_pattern;
    let tp = type_payload(ty);
    tp.dict
        .set_str(vm, vm.names.__module__.clone(), vm.new_str("re"));
    tp.dict.set_str(
        vm,
        vm.names.__doc__.clone(),
        vm.new_str("Compiled regular expression object."),
    );
    tp.slots.new.set(Some(|vm, _, _| {
        Err(vm.new_type_error("cannot create 're.Pattern' instances"))
    }));
    tp.slots.repr.set(Some(pattern_repr));
    tp.slots.hash.set(Some(pattern_hash));
    tp.slots.richcompare.set(Some(pattern_richcompare));
    add_methods(
        vm,
        ty,
        &[
            ("match", |vm, args| {
                search_method(vm, "match", args, Find::Match)
            }),
            ("fullmatch", |vm, args| {
                search_method(vm, "fullmatch", args, Find::FullMatch)
            }),
            ("search", |vm, args| {
                search_method(vm, "search", args, Find::Search)
            }),
            ("sub", |vm, args| pattern_sub(vm, "sub", args)),
            ("subn", |vm, args| pattern_sub(vm, "subn", args)),
            ("findall", pattern_findall),
            ("split", pattern_split),
            ("finditer", pattern_finditer),
            ("scanner", pattern_scanner),
        ],
    );
    add_copy_methods(vm, ty);
    crate::objects::genericalias::add_class_getitem(vm, ty);
    use crate::objects::descr::add_getset;
    // CPython's are read-only members: assigning says so.
    add_getset(
        vm,
        ty,
        "pattern",
        |_, p| Ok(payload(p).pattern.clone()),
        Some(readonly),
    );
    add_getset(
        vm,
        ty,
        "flags",
        |vm, p| Ok(vm.new_int(payload(p).flags)),
        Some(readonly),
    );
    add_getset(
        vm,
        ty,
        "groups",
        |vm, p| Ok(vm.new_int(payload(p).groups as i64)),
        Some(readonly),
    );
    add_getset(
        vm,
        ty,
        "groupindex",
        |vm, p| {
            Ok(match &payload(p).groupindex {
                Some(d) => crate::objects::descr::new_mappingproxy(vm, d.clone()),
                None => vm.new_dict(),
            })
        },
        None,
    );
    crate::slots::add_slot_wrappers(vm, ty);
}

/// `__copy__()` and `__deepcopy__(memo)`, which give the object itself:
/// patterns and matches never change.
pub fn add_copy_methods(vm: &Vm, ty: &Object) {
    add_methods(
        vm,
        ty,
        &[
            ("__copy__", |vm, args| copy(vm, "__copy__", args, 0)),
            ("__deepcopy__", |vm, args| copy(vm, "__deepcopy__", args, 1)),
        ],
    );
}

fn copy(vm: &Vm, name: &str, args: Args, arguments: usize) -> PyResult {
    let this = &args.values[0];
    let qualname = vm.type_payload_of(this).qualname.borrow().clone();
    let name = format!("{qualname}.{name}");
    check_arity(vm, &name, args, 1 + arguments, 1 + arguments)?;
    Ok(this.clone())
}

/// The setter of an attribute that is a read-only member in CPython.
pub fn readonly(vm: &Vm, _: &Object, _: Option<&Object>) -> PyResult<()> {
    Err(vm.new_exception(&vm.exceptions.attribute_error, "readonly attribute"))
}

pub fn payload(p: &Object) -> &PatternObject {
    p.payload::<PatternObject>().expect("a re.Pattern")
}

/// The Python exception for an engine failure (`pattern_error`).
pub fn engine_error(vm: &Vm, e: EngineError) -> PyErr {
    match e {
        EngineError::RecursionLimit => vm.new_exception(
            &vm.exceptions.recursion_error,
            "maximum recursion limit exceeded",
        ),
        EngineError::Memory => vm.new_exception_empty(&vm.exceptions.memory_error),
        EngineError::Internal => {
            vm.new_runtime_error("internal error in regular expression engine")
        }
    }
}

/// The characters of `string` and a state over them from `pos` to
/// `endpos`, once the kinds of pattern and subject agree (`state_init`).
pub fn new_state<'a>(
    vm: &Vm,
    pattern: &PatternObject,
    string: &'a Object,
    pos: i64,
    endpos: i64,
) -> PyResult<(Subject<'a>, State)> {
    let subject = Subject::of(vm, string)?;
    match (subject.is_bytes(), pattern.is_bytes) {
        (true, Some(false)) => {
            Err(vm.new_type_error("cannot use a string pattern on a bytes-like object"))
        }
        (false, Some(true)) => {
            Err(vm.new_type_error("cannot use a bytes pattern on a string-like object"))
        }
        _ => {
            let state = State::new(subject.length(), pos, endpos);
            Ok((subject, state))
        }
    }
}

/// Runs the engine: a search from `state.start`, or a match there.
pub fn run(
    vm: &Vm,
    pattern: &PatternObject,
    subject: &Subject,
    state: &mut State,
    search: bool,
) -> PyResult<bool> {
    state.reset();
    state.ptr = state.start;
    let text = subject.text();
    let found = if search {
        state.search(&text, &pattern.program)
    } else {
        state.match_here(&text, &pattern.program)
    };
    found.map_err(|e| engine_error(vm, e))
}

/// The span of group `group` (from 1) in the state's match, checked.
fn group_span(vm: &Vm, state: &State, group: usize) -> PyResult<Option<(usize, usize)>> {
    match state.group_span(group) {
        Some((start, end)) if start > end => Err(wrong_span(vm)),
        span => Ok(span),
    }
}

fn wrong_span(vm: &Vm) -> PyErr {
    vm.new_exception(
        &vm.exceptions.system_error,
        "The span of capturing group is wrong, please report a bug for the re module.",
    )
}

/// A `re.Match` for the state's match (`pattern_new_match`).
pub fn new_match(vm: &Vm, pattern: &Object, string: &Object, state: &State) -> PyResult {
    let groups = payload(pattern).groups;
    let mut marks: Vec<isize> = Vec::new();
    marks
        .try_reserve_exact(2 * groups + 2)
        .map_err(|_| vm.new_exception_empty(&vm.exceptions.memory_error))?;
    marks.push(state.start as isize);
    marks.push(state.ptr as isize);
    // No group past the last valid mark took part.
    let marked = ((state.lastmark + 1) / 2).max(0) as usize;
    for group in 1..=groups.min(marked) {
        match group_span(vm, state, group)? {
            Some((start, end)) => marks.extend([start as isize, end as isize]),
            None => marks.extend([-1, -1]),
        }
    }
    marks.resize(2 * groups + 2, -1);
    Ok(object::alloc(
        &vm.types.sre_match,
        super::match_object::MatchObject::new(
            pattern.clone(),
            string.clone(),
            marks.into_boxed_slice(),
            state,
        ),
    ))
}

/// Which question a search method asks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Find {
    Match,
    FullMatch,
    Search,
}

/// The `string, pos=0, endpos=sys.maxsize` arguments of the search
/// methods.
fn string_and_range(vm: &Vm, name: &str, args: Args) -> PyResult<(Object, i64, i64)> {
    let bound = bind(vm, name, args, true, &["string", "pos", "endpos"], 1)?;
    let string = bound[0].clone().expect("bound as required");
    let pos = bound[1].as_ref().map_or(Ok(0), |p| ssize_arg(vm, p))?;
    let endpos = bound[2]
        .as_ref()
        .map_or(Ok(i64::MAX), |p| ssize_arg(vm, p))?;
    Ok((string, pos, endpos))
}

/// `match`, `fullmatch` and `search`: a `re.Match` or None.
fn search_method(vm: &Vm, name: &str, args: Args, find: Find) -> PyResult {
    let this = &args.values[0];
    let p = payload(this);
    let (string, pos, endpos) = string_and_range(vm, name, args)?;
    let (subject, mut state) = new_state(vm, p, &string, pos, endpos)?;
    state.match_all = find == Find::FullMatch;
    if run(vm, p, &subject, &mut state, find == Find::Search)? {
        new_match(vm, this, &string, &state)
    } else {
        Ok(vm.none.clone())
    }
}

/// The text of group `group` (from 1) in the state's match: "" or None
/// where it took no part, as `empty` says (`state_getslice`).
fn state_group(
    vm: &Vm,
    subject: &Subject,
    string: &Object,
    state: &State,
    group: usize,
    empty: bool,
) -> PyResult {
    Ok(match group_span(vm, state, group)? {
        Some((start, end)) => subject.slice(vm, string, start, end),
        None if empty => subject.slice(vm, string, 0, 0),
        None => vm.none.clone(),
    })
}

/// `findall(string, pos=0, endpos=sys.maxsize)`: every match's text, or
/// its one group, or a tuple of its groups.
fn pattern_findall(vm: &Vm, args: Args) -> PyResult {
    let this = &args.values[0];
    let p = payload(this);
    let (string, pos, endpos) = string_and_range(vm, "findall", args)?;
    let (subject, mut state) = new_state(vm, p, &string, pos, endpos)?;
    let mut found = Vec::new();
    while state.start <= state.end {
        if !run(vm, p, &subject, &mut state, true)? {
            break;
        }
        let item = match p.groups {
            0 => subject.slice(vm, &string, state.start, state.ptr),
            1 => state_group(vm, &subject, &string, &state, 1, true)?,
            n => {
                let items = (1..=n)
                    .map(|g| state_group(vm, &subject, &string, &state, g, true))
                    .collect::<PyResult<Vec<_>>>()?;
                vm.new_tuple(items)
            }
        };
        found.push(item);
        state.must_advance = state.ptr == state.start;
        state.start = state.ptr;
    }
    Ok(vm.new_list(found))
}

/// `scanner(string, pos=0, endpos=sys.maxsize)`.
fn pattern_scanner(vm: &Vm, args: Args) -> PyResult {
    let this = args.values[0].clone();
    let (string, pos, endpos) = string_and_range(vm, "scanner", args)?;
    super::scanner::new_scanner(vm, this, string, pos, endpos)
}

/// `finditer(string, pos=0, endpos=sys.maxsize)`: an iterator calling a
/// scanner's `search` until it gives None.
fn pattern_finditer(vm: &Vm, args: Args) -> PyResult {
    let this = args.values[0].clone();
    let (string, pos, endpos) = string_and_range(vm, "finditer", args)?;
    let scanner = super::scanner::new_scanner(vm, this, string, pos, endpos)?;
    let search = vm.getattr_str(&scanner, "search")?;
    Ok(crate::objects::iter::new_callable_iterator(
        vm,
        search,
        vm.none.clone(),
    ))
}

/// `split(string, maxsplit=0)`: the pieces between matches, each
/// followed by the match's groups.
fn pattern_split(vm: &Vm, args: Args) -> PyResult {
    let this = &args.values[0];
    let p = payload(this);
    let bound = bind(vm, "split", args, true, &["string", "maxsplit"], 1)?;
    let string = bound[0].clone().expect("bound as required");
    let maxsplit = bound[1].as_ref().map_or(Ok(0), |m| ssize_arg(vm, m))?;
    let (subject, mut state) = new_state(vm, p, &string, 0, i64::MAX)?;
    let mut pieces = Vec::new();
    let mut last = state.start;
    let mut n = 0;
    while maxsplit == 0 || n < maxsplit {
        if !run(vm, p, &subject, &mut state, true)? {
            break;
        }
        pieces.push(subject.slice(vm, &string, last, state.start));
        for group in 1..=p.groups {
            pieces.push(state_group(vm, &subject, &string, &state, group, false)?);
        }
        n += 1;
        state.must_advance = state.ptr == state.start;
        state.start = state.ptr;
        last = state.ptr;
    }
    pieces.push(subject.slice(vm, &string, last, state.endpos));
    Ok(vm.new_list(pieces))
}

/// What replaces each match in `sub`.
enum Replacement {
    /// A str or bytes without backslashes, or re._subx's literal.
    Literal(Object),
    /// A function of the match: the caller's, or re._subx's for a
    /// template with group references.
    Call(Object),
}

/// `sub(repl, string, count=0)` and `subn` (`pattern_subx`).
fn pattern_sub(vm: &Vm, name: &str, args: Args) -> PyResult {
    let this = &args.values[0];
    let p = payload(this);
    let bound = bind(vm, name, args, true, &["repl", "string", "count"], 2)?;
    let repl = bound[0].clone().expect("bound as required");
    let string = bound[1].clone().expect("bound as required");
    let count = bound[2].as_ref().map_or(Ok(0), |c| ssize_arg(vm, c))?;
    let replacement = if is_callable(vm, &repl) {
        Replacement::Call(repl)
    } else {
        let literal = match Subject::of(vm, &repl) {
            Ok(Subject::Str(s)) => !s.code_points().any(|c| c == u32::from(b'\\')),
            Ok(Subject::Bytes(b)) => !b.contains(&b'\\'),
            Err(_) => false,
        };
        if literal {
            Replacement::Literal(repl)
        } else {
            let subx = re_function(vm, "_subx")?;
            let filter = vm.call(&subx, Args::positional_only(&[this.clone(), repl]))?;
            if is_callable(vm, &filter) {
                Replacement::Call(filter)
            } else {
                Replacement::Literal(filter)
            }
        }
    };
    let (subject, mut state) = new_state(vm, p, &string, 0, i64::MAX)?;
    let mut pieces = Vec::new();
    let mut copied_to = 0;
    let mut n = 0;
    while count == 0 || n < count {
        if !run(vm, p, &subject, &mut state, true)? {
            break;
        }
        let (start, end) = (state.start, state.ptr);
        if copied_to < start {
            pieces.push(Piece::Between(copied_to, start));
        }
        let item = match &replacement {
            Replacement::Literal(text) => text.clone(),
            Replacement::Call(filter) => {
                let m = new_match(vm, this, &string, &state)?;
                vm.call(filter, Args::positional_only(&[m]))?
            }
        };
        if !vm.is_none(&item) {
            pieces.push(Piece::Replacement(item));
        }
        copied_to = end;
        n += 1;
        state.must_advance = state.ptr == state.start;
        state.start = state.ptr;
    }
    if copied_to < state.endpos {
        pieces.push(Piece::Between(copied_to, state.endpos));
    }
    let result = join_pieces(vm, &subject, &string, &pieces)?;
    if name == "subn" {
        Ok(vm.new_tuple(vec![result, vm.new_int(n)]))
    } else {
        Ok(result)
    }
}

/// A part of `sub`'s result: subject between matches, or what replaced
/// a match.
enum Piece {
    Between(usize, usize),
    Replacement(Object),
}

/// `sub`'s result: the pieces joined as `str.join` or `bytes.join` of
/// their objects would be, one exact object given back as it is, the
/// same type errors, but without an object for each piece of subject.
fn join_pieces(vm: &Vm, subject: &Subject, string: &Object, pieces: &[Piece]) -> PyResult {
    let exact = if subject.is_bytes() {
        &vm.types.bytes
    } else {
        &vm.types.str
    };
    match pieces {
        [] => return Ok(subject.slice(vm, string, 0, 0)),
        [Piece::Between(start, end)] => return Ok(subject.slice(vm, string, *start, *end)),
        [Piece::Replacement(item)] if vm.type_of(item).is(exact) => return Ok(item.clone()),
        _ => {}
    }
    let wrong_type = |i: usize, item: &Object, expected: &str| {
        vm.new_type_error(format!(
            "sequence item {i}: expected {expected}, {} found",
            vm.type_name(item)
        ))
    };
    match subject {
        Subject::Bytes(bytes) => {
            let mut out = Vec::new();
            for (i, piece) in pieces.iter().enumerate() {
                match piece {
                    Piece::Between(start, end) => out.extend_from_slice(&bytes[*start..*end]),
                    Piece::Replacement(item) => match bytes_view(item) {
                        Some(b) => out.extend_from_slice(&b),
                        None => return Err(wrong_type(i, item, "a bytes-like object")),
                    },
                }
            }
            Ok(crate::objects::bytes::new_bytes(vm, out))
        }
        Subject::Str(s) => {
            let mut items = Vec::with_capacity(pieces.len());
            for (i, piece) in pieces.iter().enumerate() {
                if let Piece::Replacement(item) = piece {
                    match item.payload::<StrObject>() {
                        Some(text) => items.push(text),
                        None => return Err(wrong_type(i, item, "str instance")),
                    }
                }
            }
            let mut replacements = items.iter();
            if let (Some(text), true) = (s.as_ascii(), items.iter().all(|t| t.as_ascii().is_some()))
            {
                let mut out = String::new();
                for piece in pieces {
                    match piece {
                        Piece::Between(start, end) => out.push_str(&text[*start..*end]),
                        Piece::Replacement(_) => out
                            .push_str(replacements.next().and_then(|t| t.as_ascii()).unwrap_or("")),
                    }
                }
                return Ok(vm.new_str(&out));
            }
            let mut out: Vec<u32> = Vec::new();
            for piece in pieces {
                match piece {
                    Piece::Between(start, end) => {
                        out.extend((*start..*end).map(|i| s.code_point(i)))
                    }
                    Piece::Replacement(_) => {
                        if let Some(t) = replacements.next() {
                            out.extend(t.code_points());
                        }
                    }
                }
            }
            Ok(crate::objects::str::new_from_code_points(vm, &out))
        }
    }
}

fn is_callable(vm: &Vm, o: &Object) -> bool {
    vm.type_payload_of(o).slots.call.get().is_some()
}

/// A function of Lib/re/__init__.py, which does in Python what
/// `_sre` leaves to it (sre.c's `call(SRE_PY_MODULE, ...)`).
pub fn re_function(vm: &Vm, name: &str) -> PyResult {
    let re = crate::import::import(vm, &vm.new_str("re"), None, &vm.none, 0)?;
    vm.getattr_str(&re, name)
}

/// `re.compile('a+', re.IGNORECASE)`: the pattern's repr cut to 200
/// characters, and its flags by name, re.UNICODE left out where it is
/// the default.
fn pattern_repr(vm: &Vm, this: &Object) -> PyResult {
    let p = payload(this);
    let mut flags = p.flags;
    let kind = flag::LOCALE | flag::UNICODE | flag::ASCII;
    if p.is_bytes == Some(false) && flags & kind == flag::UNICODE {
        flags &= !flag::UNICODE;
    }
    let mut names: Vec<String> = Vec::new();
    for &(name, value) in flag::NAMES {
        if flags & value != 0 {
            names.push(name.to_string());
            flags &= !value;
        }
    }
    if flags != 0 {
        names.push(format!("{:#x}", flags as u32));
    }
    let source: String = vm.repr_string(&p.pattern)?.chars().take(200).collect();
    Ok(vm.new_str(&if names.is_empty() {
        format!("re.compile({source})")
    } else {
        format!("re.compile({source}, {})", names.join("|"))
    }))
}

/// The hash of the source, the code, the flags and the kind, so that
/// equal patterns hash alike.
fn pattern_hash(vm: &Vm, this: &Object) -> PyResult<i64> {
    let p = payload(this);
    let code: Vec<u8> = p
        .program
        .code
        .iter()
        .flat_map(|w| w.to_ne_bytes())
        .collect();
    let is_bytes = match p.is_bytes {
        None => -1,
        Some(b) => i64::from(b),
    };
    let hash = vm.hash(&p.pattern)?
        ^ crate::objects::hash::hash_bytes(vm, &code)
        ^ p.flags
        ^ is_bytes
        ^ p.program.code.len() as i64;
    Ok(if hash == -1 { -2 } else { hash })
}

/// Patterns are equal when made from equal sources with the same flags
/// into the same code.
fn pattern_richcompare(vm: &Vm, a: &Object, b: &Object, op: CompareOp) -> PyResult {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) || !vm.type_of(b).is(&vm.types.sre_pattern) {
        return Ok(vm.not_implemented.clone());
    }
    let equal = a.is(b) || {
        let (x, y) = (payload(a), payload(b));
        x.flags == y.flags
            && x.is_bytes == y.is_bytes
            && x.program.code == y.program.code
            && vm.eq(&x.pattern, &y.pattern)?
    };
    Ok(vm.new_bool(equal == (op == CompareOp::Eq)))
}
