//! Code objects at run time (Objects/codeobject.c): the compiler's
//! [`CodeObject`] with its constants and names made into objects, its
//! wordcode in cells so the eval loop can quicken instructions in place,
//! and the readers of its line and exception tables
//! (Objects/locations.md, Objects/exception_handling_notes.txt).

use crate::errors::{PyErr, PyResult};
use crate::object::{self, type_payload, Object};
use crate::objects::function::check_arity;
use crate::typeobject::Args;
use crate::vm::Vm;
use krait_compiler::code::{CodeConstant, CodeObject};
use krait_parser::ast::{Constant, Int};
use std::cell::{Cell, RefCell};

#[derive(krait_derive::Traverse)]
pub struct CodePayload {
    /// The compiler's code object; its `code` is the original wordcode,
    /// which `co_code` shows.
    #[traverse(skip)]
    pub code: CodeObject,
    /// The wordcode the eval loop runs: one code unit per cell, an opcode
    /// in the low byte and its argument in the high one.
    pub instructions: Box<[Cell<u16>]>,
    pub consts: Vec<Object>,
    pub names: Vec<Object>,
    pub localsplusnames: Vec<Object>,
    /// `co_filename`, which the import system may correct after the
    /// code is read from a cache (`_imp._fix_co_filename`).
    filename: RefCell<Object>,
    pub name: Object,
    pub qualname: Object,
    /// Cell and free variables, counted (`co_ncellvars`, `co_nfreevars`).
    pub ncells: usize,
    pub nfree: usize,
}

impl CodePayload {
    /// `co_filename`.
    pub fn filename(&self) -> Object {
        self.filename.borrow().clone()
    }

    /// `co_filename` as text.
    pub fn filename_text(&self) -> String {
        crate::objects::str::as_rust_str(&self.filename.borrow()).into_owned()
    }

    /// Gives this code and the code objects among its constants the
    /// file name `path`, where they had `old`.
    pub fn fix_filename(&self, old: &Object, path: &Object) {
        let same = {
            let current = self.filename.borrow();
            let text = |o: &Object| {
                o.payload::<crate::objects::str::StrObject>()
                    .map(|s| s.to_string_lossy())
            };
            current.is(old) || text(&current) == text(old)
        };
        if !same {
            return;
        }
        *self.filename.borrow_mut() = path.clone();
        for constant in &self.consts {
            if let Some(inner) = constant.payload::<CodePayload>() {
                inner.fix_filename(old, path);
            }
        }
    }

    pub fn nlocalsplus(&self) -> usize {
        self.localsplusnames.len()
    }

    /// The source location of the instruction at code unit `lasti`:
    /// (line, end line, column, end column), each None where unknown.
    pub fn location(&self, lasti: usize) -> Location {
        let mut unit = 0;
        for (length, loc) in self.locations() {
            if lasti < unit + length {
                return loc;
            }
            unit += length;
        }
        Location::default()
    }

    /// The entries of the line table: how many code units each covers,
    /// and their location.
    pub fn locations(&self) -> impl Iterator<Item = (usize, Location)> + '_ {
        let table = &self.code.linetable;
        let mut i = 0;
        let mut line = self.code.firstlineno as i64;
        std::iter::from_fn(move || {
            let first = *table.get(i)?;
            let code = (first >> 3) & 15;
            let length = usize::from(first & 7) + 1;
            i += 1;
            let mut reader = VarintReader {
                bytes: table,
                pos: i,
            };
            let loc = match code {
                15 => Location::default(),
                14 => {
                    line += reader.signed();
                    let end_line = line + reader.unsigned() as i64;
                    let col = reader.unsigned() as i64 - 1;
                    let end_col = reader.unsigned() as i64 - 1;
                    Location::full(line, end_line, col, end_col)
                }
                13 => {
                    line += reader.signed();
                    Location {
                        line: Some(line),
                        end_line: Some(line),
                        col: None,
                        end_col: None,
                    }
                }
                10..=12 => {
                    line += i64::from(code - 10);
                    let col = i64::from(reader.byte());
                    let end_col = i64::from(reader.byte());
                    Location::full(line, line, col, end_col)
                }
                _ => {
                    let second = reader.byte();
                    let col = i64::from(code) * 8 + i64::from(second >> 4);
                    Location::full(line, line, col, col + i64::from(second & 15))
                }
            };
            i = reader.pos;
            Some((length, loc))
        })
    }

    /// The handler for an exception raised at code unit `lasti`:
    /// (target, stack depth, whether to push lasti).
    pub fn find_handler(&self, lasti: usize) -> Option<(usize, usize, bool)> {
        let table = &self.code.exceptiontable;
        let mut reader = VarintReader {
            bytes: table,
            pos: 0,
        };
        while reader.pos < table.len() {
            let start = reader.varint6();
            let length = reader.varint6();
            let target = reader.varint6();
            let depth_lasti = reader.varint6();
            if lasti >= start && lasti < start + length {
                return Some((target, depth_lasti >> 1, depth_lasti & 1 == 1));
            }
            if start > lasti {
                return None;
            }
        }
        None
    }
}

/// A source span; lines are 1-based, columns 0-based UTF-8 offsets.
#[derive(Debug, Clone, Copy, Default)]
pub struct Location {
    pub line: Option<i64>,
    pub end_line: Option<i64>,
    pub col: Option<i64>,
    pub end_col: Option<i64>,
}

impl Location {
    fn full(line: i64, end_line: i64, col: i64, end_col: i64) -> Location {
        Location {
            line: Some(line),
            end_line: Some(end_line),
            col: (col >= 0).then_some(col),
            end_col: (end_col >= 0).then_some(end_col),
        }
    }
}

struct VarintReader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl VarintReader<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    /// The line table's varint: 6 bits a byte, bit 6 says more follow.
    fn unsigned(&mut self) -> u64 {
        let mut b = self.byte();
        let mut value = u64::from(b & 63);
        let mut shift = 0;
        while b & 64 != 0 {
            b = self.byte();
            shift += 6;
            value |= u64::from(b & 63) << shift;
        }
        value
    }

    fn signed(&mut self) -> i64 {
        let u = self.unsigned();
        if u & 1 != 0 {
            -((u >> 1) as i64)
        } else {
            (u >> 1) as i64
        }
    }

    /// The exception table's varint: 6 bits a byte, most significant
    /// first, bit 6 says more follow (bit 7 marks an entry's start).
    fn varint6(&mut self) -> usize {
        let mut b = self.byte();
        let mut value = usize::from(b & 63);
        while b & 64 != 0 {
            b = self.byte();
            value = (value << 6) | usize::from(b & 63);
        }
        value
    }
}

/// Whether a str constant is interned: all its characters are those of
/// identifiers (`all_name_chars`).
fn all_name_chars(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Makes the compiler's code object (and its nested ones) objects.
pub fn new_code(vm: &Vm, mut code: CodeObject) -> PyResult<Object> {
    let mut consts = Vec::with_capacity(code.consts.len());
    for constant in std::mem::take(&mut code.consts) {
        consts.push(match constant {
            CodeConstant::Code(inner) => new_code(vm, *inner)?,
            CodeConstant::Value(value) => constant_to_object(vm, &value)?,
        });
    }
    code_from_parts(vm, code, consts)
}

/// A code object from the compiler's fields and constants already made
/// objects (as `marshal` reads them); `code.consts` is not looked at.
pub fn code_from_parts(vm: &Vm, code: CodeObject, consts: Vec<Object>) -> PyResult<Object> {
    let instructions: Box<[Cell<u16>]> = code
        .code
        .chunks_exact(2)
        .map(|unit| Cell::new(u16::from(unit[0]) | u16::from(unit[1]) << 8))
        .collect();
    crate::specialize::quicken(&instructions);
    let names = code.names.iter().map(|n| vm.intern(n)).collect();
    let localsplusnames = code.localsplusnames.iter().map(|n| vm.intern(n)).collect();
    let ncells = code
        .localspluskinds
        .iter()
        .filter(|k| *k & krait_compiler::code::local_kind::CO_FAST_CELL != 0)
        .count();
    let nfree = code
        .localspluskinds
        .iter()
        .filter(|k| *k & krait_compiler::code::local_kind::CO_FAST_FREE != 0)
        .count();
    let payload = CodePayload {
        instructions,
        consts,
        names,
        localsplusnames,
        filename: RefCell::new(vm.intern(&code.filename)),
        name: vm.intern(&code.name),
        qualname: vm.new_str(&code.qualname),
        ncells,
        nfree,
        code,
    };
    Ok(object::alloc(&vm.types.code, payload))
}

/// A compile-time constant as an object.
pub fn constant_to_object(vm: &Vm, value: &Constant) -> PyResult<Object> {
    Ok(match value {
        Constant::None => vm.none.clone(),
        Constant::Bool(b) => vm.new_bool(*b),
        Constant::Ellipsis => vm.ellipsis.clone(),
        Constant::Int(Int::Small(i)) => vm.new_int(*i),
        Constant::Int(Int::Big(digits)) => {
            let value = digits
                .parse::<crate::objects::int::IBig>()
                .map_err(|e| vm.new_value_error(e.to_string()))?;
            crate::objects::int::new_big(vm, value)
        }
        Constant::Float(f) => vm.new_float(*f),
        Constant::Complex { real, imag } => crate::objects::complex::new_complex(vm, *real, *imag),
        Constant::Str(s) => {
            let points: Vec<u32> = s.code_points().collect();
            let text: Option<String> = points.iter().map(|c| char::from_u32(*c)).collect();
            match text {
                Some(t) if all_name_chars(&t) => vm.intern(&t),
                _ => crate::objects::str::new_from_code_points(vm, &points),
            }
        }
        Constant::Bytes(b) => crate::objects::bytes::new_bytes(vm, b.clone()),
        Constant::Tuple(items) => {
            let items = items
                .iter()
                .map(|c| constant_to_object(vm, c))
                .collect::<PyResult<Vec<_>>>()?;
            vm.new_tuple(items)
        }
        Constant::FrozenSet(items) => {
            let items = items
                .iter()
                .map(|c| constant_to_object(vm, c))
                .collect::<PyResult<Vec<_>>>()?;
            crate::objects::set::new_constant_frozenset(vm, items)?
        }
    })
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.code);
    tp.slots.repr.set(Some(|vm, c| {
        let code = c.payload::<CodePayload>().expect("a code object");
        Ok(vm.new_str(&format!(
            "<code object {} at {:#x}, file \"{}\", line {}>",
            code.code.name,
            c.id(),
            code.filename_text(),
            code.code.firstlineno
        )))
    }));
    crate::objects::descr::add_getset(
        vm,
        &vm.types.code,
        "co_name",
        |_, c| Ok(code_of(c).name.clone()),
        None,
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.code,
        "co_qualname",
        |_, c| Ok(code_of(c).qualname.clone()),
        None,
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.code,
        "co_filename",
        |_, c| Ok(code_of(c).filename()),
        None,
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.code,
        "co_firstlineno",
        |vm, c| Ok(vm.new_int(code_of(c).code.firstlineno.into())),
        None,
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.code,
        "co_argcount",
        |vm, c| Ok(vm.new_int(code_of(c).code.argcount.into())),
        None,
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.code,
        "co_flags",
        |vm, c| Ok(vm.new_int(code_of(c).code.flags.into())),
        None,
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.code,
        "co_consts",
        |vm, c| Ok(vm.new_tuple(code_of(c).consts.clone())),
        None,
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.code,
        "co_names",
        |vm, c| Ok(vm.new_tuple(code_of(c).names.clone())),
        None,
    );
    crate::objects::descr::add_getset(
        vm,
        &vm.types.code,
        "co_varnames",
        |vm, c| {
            let names = code_of(c)
                .code
                .varnames()
                .into_iter()
                .map(|n| vm.intern(n))
                .collect();
            Ok(vm.new_tuple(names))
        },
        None,
    );
    let getters: [(&'static str, crate::objects::descr::Getter); 10] = [
        ("co_posonlyargcount", |vm, c| {
            Ok(vm.new_int(code_of(c).code.posonlyargcount.into()))
        }),
        ("co_kwonlyargcount", |vm, c| {
            Ok(vm.new_int(code_of(c).code.kwonlyargcount.into()))
        }),
        ("co_nlocals", |vm, c| {
            Ok(vm.new_int(code_of(c).code.nlocals() as i64))
        }),
        ("co_stacksize", |vm, c| {
            Ok(vm.new_int(code_of(c).code.stacksize.into()))
        }),
        ("co_code", |vm, c| {
            Ok(crate::objects::bytes::new_bytes(
                vm,
                code_of(c).code.code.clone(),
            ))
        }),
        ("_co_code_adaptive", |vm, c| {
            let units = code_of(c).instructions.iter().map(Cell::get);
            let bytes = units.flat_map(u16::to_le_bytes).collect();
            Ok(crate::objects::bytes::new_bytes(vm, bytes))
        }),
        ("co_linetable", |vm, c| {
            Ok(crate::objects::bytes::new_bytes(
                vm,
                code_of(c).code.linetable.clone(),
            ))
        }),
        ("co_exceptiontable", |vm, c| {
            let table = code_of(c).code.exceptiontable.clone();
            Ok(crate::objects::bytes::new_bytes(vm, table))
        }),
        ("co_cellvars", |vm, c| {
            let names = code_of(c).code.cellvars();
            Ok(vm.new_tuple(names.into_iter().map(|n| vm.intern(n)).collect()))
        }),
        ("co_freevars", |vm, c| {
            let names = code_of(c).code.freevars();
            Ok(vm.new_tuple(names.into_iter().map(|n| vm.intern(n)).collect()))
        }),
    ];
    for (name, get) in getters {
        crate::objects::descr::add_getset(vm, &vm.types.code, name, get, None);
    }
    crate::objects::function::add_methods(
        vm,
        &vm.types.code,
        &[
            ("co_lines", code_lines),
            ("co_positions", code_positions),
            ("_varname_from_oparg", code_varname_from_oparg),
        ],
    );
    crate::slots::add_slot_wrappers(vm, &vm.types.code);
}

/// `co_lines()`: an iterator of (start, end, line) for each range of
/// bytes of the line table, line None where the code has none.
fn code_lines(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "co_lines", args, 1, 1)?;
    let code = code_of(&args.values[0]);
    let mut start = 0;
    let mut ranges = Vec::new();
    for (length, loc) in code.locations() {
        let end = start + 2 * length;
        let line = loc.line.map_or_else(|| vm.none.clone(), |l| vm.new_int(l));
        ranges.push(vm.new_tuple(vec![vm.new_int(start as i64), vm.new_int(end as i64), line]));
        start = end;
    }
    vm.iter(&vm.new_list(ranges))
}

/// `co_positions()`: an iterator of (line, end line, column, end column)
/// for each code unit.
fn code_positions(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "co_positions", args, 1, 1)?;
    let code = code_of(&args.values[0]);
    let mut positions = Vec::new();
    let number = |n: Option<i64>| n.map_or_else(|| vm.none.clone(), |n| vm.new_int(n));
    for (length, loc) in code.locations() {
        let position = vm.new_tuple(vec![
            number(loc.line),
            number(loc.end_line),
            number(loc.col),
            number(loc.end_col),
        ]);
        positions.extend(std::iter::repeat_n(position, length));
    }
    vm.iter(&vm.new_list(positions))
}

/// `_varname_from_oparg(i)`: the name of local, cell or free variable `i`.
fn code_varname_from_oparg(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "_varname_from_oparg", args, 2, 2)?;
    let code = code_of(&args.values[0]);
    let index = crate::objects::int::expect_index(vm, &args.values[1])?;
    usize::try_from(index)
        .ok()
        .and_then(|i| code.localsplusnames.get(i))
        .cloned()
        .ok_or_else(|| vm.new_index_error("tuple index out of range"))
}

fn code_of(c: &Object) -> &CodePayload {
    c.payload::<CodePayload>().expect("a code object")
}

/// The SystemError of a code object the eval loop cannot run.
pub fn bad_code(vm: &Vm, what: &str) -> PyErr {
    vm.new_exception(&vm.exceptions.system_error, what.to_string())
}
