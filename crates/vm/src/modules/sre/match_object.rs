//! The result of a successful match, `re.Match` (Modules/_sre/sre.c's
//! match methods): the spans of the match and of each group, read back
//! from the subject on demand by number or by name.

use super::engine::State;
use super::pattern::{payload as pattern_payload, re_function, readonly, Subject};
use crate::errors::PyResult;
use crate::object::{type_payload, Object};
use crate::objects::descr::add_getset;
use crate::objects::function::{add_methods, check_arity, NativeFn};
use crate::objects::getargs::bind;
use crate::objects::int::{index_object, int_value, IntValue};
use crate::objects::str::as_rust_str;
use crate::typeobject::Args;
use crate::vm::Vm;
use std::cell::RefCell;

/// The payload of a `re.Match`.
#[derive(krait_derive::Traverse)]
pub struct MatchObject {
    pub pattern: Object,
    pub string: Object,
    /// Start and end of the match, then of each group; -1 for a group
    /// that took no part.
    #[traverse(skip)]
    marks: Box<[isize]>,
    #[traverse(skip)]
    pos: usize,
    #[traverse(skip)]
    endpos: usize,
    #[traverse(skip)]
    lastindex: isize,
    /// `regs`, made on first use.
    regs: RefCell<Option<Object>>,
}

impl MatchObject {
    pub fn new(pattern: Object, string: Object, marks: Box<[isize]>, state: &State) -> Self {
        MatchObject {
            pattern,
            string,
            marks,
            pos: state.pos,
            endpos: state.endpos,
            lastindex: state.lastindex,
            regs: RefCell::new(None),
        }
    }

    /// The number of groups, the whole match included.
    fn groups(&self) -> usize {
        self.marks.len() / 2
    }

    fn span(&self, index: usize) -> (isize, isize) {
        (self.marks[2 * index], self.marks[2 * index + 1])
    }
}

pub(crate) fn init(vm: &Vm) {
    let ty = &vm.types.sre_match;
    let tp = type_payload(ty);
    tp.dict
        .set_str(vm, vm.names.__module__.clone(), vm.new_str("re"));
    tp.dict.set_str(
        vm,
        vm.names.__doc__.clone(),
        vm.new_str(
            "The result of re.match() and re.search().\nMatch objects always have a boolean value of True.",
        ),
    );
    tp.slots.new.set(Some(|vm, _, _| {
        Err(vm.new_type_error("cannot create 're.Match' instances"))
    }));
    tp.slots.repr.set(Some(match_repr));
    tp.slots
        .getitem
        .set(Some(|vm, m, key| group(vm, this(m), Some(key), &vm.none)));
    let methods: &[(&'static str, NativeFn)] = &[
        ("group", match_group),
        ("start", |vm, args| {
            let (m, index) = one_group(vm, "start", args)?;
            Ok(vm.new_int(m.span(index).0 as i64))
        }),
        ("end", |vm, args| {
            let (m, index) = one_group(vm, "end", args)?;
            Ok(vm.new_int(m.span(index).1 as i64))
        }),
        ("span", |vm, args| {
            let (m, index) = one_group(vm, "span", args)?;
            Ok(pair(vm, m.span(index)))
        }),
        ("groups", match_groups),
        ("groupdict", match_groupdict),
        ("expand", match_expand),
    ];
    add_methods(vm, ty, methods);
    super::pattern::add_copy_methods(vm, ty);
    crate::objects::genericalias::add_class_getitem(vm, ty);
    // CPython's are read-only members: assigning says so.
    add_getset(
        vm,
        ty,
        "string",
        |_, m| Ok(this(m).string.clone()),
        Some(readonly),
    );
    add_getset(
        vm,
        ty,
        "re",
        |_, m| Ok(this(m).pattern.clone()),
        Some(readonly),
    );
    add_getset(
        vm,
        ty,
        "pos",
        |vm, m| Ok(vm.new_int(this(m).pos as i64)),
        Some(readonly),
    );
    add_getset(
        vm,
        ty,
        "endpos",
        |vm, m| Ok(vm.new_int(this(m).endpos as i64)),
        Some(readonly),
    );
    add_getset(
        vm,
        ty,
        "lastindex",
        |vm, m| {
            let m = this(m);
            Ok(if m.lastindex >= 0 {
                vm.new_int(m.lastindex as i64)
            } else {
                vm.none.clone()
            })
        },
        None,
    );
    add_getset(vm, ty, "lastgroup", match_lastgroup, None);
    add_getset(vm, ty, "regs", match_regs, None);
    crate::slots::add_slot_wrappers(vm, ty);
}

fn this(m: &Object) -> &MatchObject {
    m.payload::<MatchObject>().expect("a re.Match")
}

fn pair(vm: &Vm, (start, end): (isize, isize)) -> Object {
    vm.new_tuple(vec![vm.new_int(start as i64), vm.new_int(end as i64)])
}

/// The group number `key` names: an integer, clamped as
/// `PyNumber_AsSsize_t` does, or a group name (`match_getindex`).
fn group_index(vm: &Vm, m: &MatchObject, key: &Object) -> PyResult<usize> {
    let index = if let Some(i) = index_object(vm, key)? {
        match int_value(&i) {
            Some(v) => v.to_i64().unwrap_or(match v {
                IntValue::Big(b) if b.sign() == dashu_int::Sign::Negative => i64::MIN,
                _ => i64::MAX,
            }),
            None => i64::MAX,
        }
    } else {
        let groupindex = &pattern_payload(&m.pattern).groupindex;
        match groupindex {
            Some(d) => match crate::objects::dict::dict_of(d).get(vm, key)? {
                Some(v) => int_value(&v).and_then(|v| v.to_i64()).unwrap_or(-1),
                None => -1,
            },
            None => -1,
        }
    };
    if index < 0 || index as usize >= m.groups() {
        return Err(vm.new_index_error("no such group"));
    }
    Ok(index as usize)
}

/// The text of group `index`, or `default` if it took no part
/// (`match_getslice_by_index`); the subject is read again, so a
/// bytearray that changed since gives its current bytes.
fn group_text(vm: &Vm, m: &MatchObject, index: usize, default: &Object) -> PyResult {
    let (start, end) = m.span(index);
    if start < 0 {
        return Ok(default.clone());
    }
    let subject = Subject::of(vm, &m.string)?;
    let len = subject.length();
    let (start, end) = ((start as usize).min(len), (end as usize).min(len));
    Ok(subject.slice(vm, &m.string, start, end))
}

/// The text of the group `key` names (0 if none), or `default`.
fn group(vm: &Vm, m: &MatchObject, key: Option<&Object>, default: &Object) -> PyResult {
    let index = match key {
        Some(k) => group_index(vm, m, k)?,
        None => 0,
    };
    group_text(vm, m, index, default)
}

/// `group(*groups)`: the whole match, one group, or a tuple of them.
fn match_group(vm: &Vm, args: Args) -> PyResult {
    if args.has_keywords() {
        return Err(vm.new_type_error("Match.group() takes no keyword arguments"));
    }
    let m = this(&args.values[0]);
    let keys = &args.values[1..];
    match keys {
        [] => group(vm, m, None, &vm.none),
        [key] => group(vm, m, Some(key), &vm.none),
        _ => {
            let items = keys
                .iter()
                .map(|k| group(vm, m, Some(k), &vm.none))
                .collect::<PyResult<Vec<_>>>()?;
            Ok(vm.new_tuple(items))
        }
    }
}

/// The match and the group number of `start`, `end` and `span`, whose
/// one argument is optional and positional.
fn one_group<'a>(vm: &Vm, name: &str, args: Args<'a>) -> PyResult<(&'a MatchObject, usize)> {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("Match.{name}() takes no keyword arguments")));
    }
    check_arity(vm, name, args, 1, 2)?;
    let m = this(&args.values[0]);
    let index = match args.values.get(1) {
        Some(key) => group_index(vm, m, key)?,
        None => 0,
    };
    Ok((m, index))
}

/// The `default=None` argument of `groups` and `groupdict`.
fn default_arg(vm: &Vm, name: &str, args: Args) -> PyResult<Object> {
    let bound = bind(vm, name, args, true, &["default"], 0)?;
    Ok(bound[0].clone().unwrap_or_else(|| vm.none.clone()))
}

/// `groups(default=None)`: every group's text, from 1.
fn match_groups(vm: &Vm, args: Args) -> PyResult {
    let default = default_arg(vm, "groups", args)?;
    let m = this(&args.values[0]);
    let items = (1..m.groups())
        .map(|i| group_text(vm, m, i, &default))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(vm.new_tuple(items))
}

/// `groupdict(default=None)`: the named groups' texts by name.
fn match_groupdict(vm: &Vm, args: Args) -> PyResult {
    let default = default_arg(vm, "groupdict", args)?;
    let m = this(&args.values[0]);
    let result = vm.new_dict();
    if let Some(groupindex) = &pattern_payload(&m.pattern).groupindex {
        for key in crate::objects::dict::dict_of(groupindex).keys() {
            let value = group(vm, m, Some(&key), &default)?;
            vm.setitem(&result, &key, Some(&value))?;
        }
    }
    Ok(result)
}

/// `expand(template)`: the template with its group references filled
/// in, by `re._expand` as in CPython 3.11.
fn match_expand(vm: &Vm, args: Args) -> PyResult {
    let bound = bind(vm, "expand", args, true, &["template"], 1)?;
    let template = bound[0].clone().expect("bound as required");
    let m = &args.values[0];
    let expand = re_function(vm, "_expand")?;
    vm.call(
        &expand,
        Args::positional_only(&[this(m).pattern.clone(), m.clone(), template]),
    )
}

/// The name of the last group matched, if it has one.
fn match_lastgroup(vm: &Vm, m: &Object) -> PyResult {
    let m = this(m);
    let names = pattern_payload(&m.pattern)
        .indexgroup
        .as_ref()
        .and_then(crate::objects::tuple::tuple_items);
    match names {
        Some(names) if m.lastindex >= 0 && (m.lastindex as usize) < names.len() => {
            Ok(names[m.lastindex as usize].clone())
        }
        _ => Ok(vm.none.clone()),
    }
}

/// `regs`: the spans of the match and of every group.
fn match_regs(vm: &Vm, m: &Object) -> PyResult {
    let m = this(m);
    if let Some(regs) = m.regs.borrow().clone() {
        return Ok(regs);
    }
    let regs = vm.new_tuple((0..m.groups()).map(|i| pair(vm, m.span(i))).collect());
    *m.regs.borrow_mut() = Some(regs.clone());
    Ok(regs)
}

/// `<re.Match object; span=(0, 1), match='a'>`, the match's repr cut to
/// 50 characters.
fn match_repr(vm: &Vm, o: &Object) -> PyResult {
    let m = this(o);
    let text = group_text(vm, m, 0, &vm.none)?;
    let text: String = as_rust_str(&vm.repr(&text)?).chars().take(50).collect();
    let (start, end) = m.span(0);
    Ok(vm.new_str(&format!(
        "<re.Match object; span=({start}, {end}), match={text}>"
    )))
}
