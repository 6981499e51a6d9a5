//! Struct sequences (Objects/structseq.c): the runtime's named tuples,
//! such as `sys.version_info`, `sys.flags` and `time.struct_time`.
//!
//! A struct sequence type is a tuple subclass. Its first
//! `n_sequence_fields` fields are the tuple's items; every field, those
//! past the sequence included (as `os.stat_result`'s float times), is also
//! a read-only member stored in an instance word, so attribute access is
//! a member descriptor as in CPython. A few sequence fields may be
//! unnamed (`os.stat_result`'s integer times): they follow the named
//! ones of the sequence and are reached by index only.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::descr::{init_member, MemberObject};
use crate::objects::dict::DictObject;
use crate::objects::str::as_rust_str;
use crate::objects::tuple::{tuple_items, TupleObject};
use crate::typeobject::{flags, Args};
use crate::vm::Vm;

/// What a struct sequence type is made from (`PyStructSequence_Desc`).
pub struct StructSeqSpec {
    /// The dotted name, `module.name`.
    pub name: &'static str,
    /// Every field in order; "" for an unnamed one.
    pub fields: &'static [&'static str],
    pub n_sequence_fields: usize,
    /// Whether Python code may make instances, as `time.struct_time(...)`;
    /// `sys.flags` and `sys.version_info` refuse.
    pub instantiable: bool,
}

/// Makes a struct sequence type.
pub fn new_type(vm: &Vm, spec: &StructSeqSpec) -> PyResult {
    let (module, name) = spec
        .name
        .rsplit_once('.')
        .unwrap_or(("builtins", spec.name));
    let namespace = vm.new_dict();
    let visible: Vec<Object> = spec.fields[..spec.n_sequence_fields]
        .iter()
        .filter(|f| !f.is_empty())
        .map(|f| vm.new_str(f))
        .collect();
    let unnamed = spec.fields.iter().filter(|f| f.is_empty()).count();
    let int = |n: usize| vm.new_int(n as i64);
    for (key, value) in [
        ("__module__", vm.new_str(module)),
        ("__slots__", vm.empty_tuple.clone()),
        ("n_sequence_fields", int(spec.n_sequence_fields)),
        ("n_fields", int(spec.fields.len())),
        ("n_unnamed_fields", int(unnamed)),
        ("__match_args__", vm.new_tuple(visible)),
    ] {
        vm.setitem(&namespace, &vm.new_str(key), Some(&value))?;
    }
    let bases = vm.new_tuple(vec![vm.types.tuple.clone()]);
    let ty = vm.call(
        &vm.type_type,
        Args::positional_only(&[vm.new_str(name), bases, namespace]),
    )?;
    let tp = type_payload(&ty);
    // A static type in CPython: not subclassable, immutable, and named
    // with its module in messages.
    tp.flags
        .set(tp.flags.get() & !(flags::BASETYPE | flags::HEAPTYPE) | flags::IMMUTABLETYPE);
    let word = std::mem::size_of::<usize>();
    for field in spec.fields.iter().filter(|f| !f.is_empty()) {
        let offset = tp.basicsize.get();
        tp.instance_slots.borrow_mut().push(offset);
        tp.basicsize.set(offset + word);
        let member = crate::objects::descr::new_member(vm, &ty, field, offset, true);
        tp.dict.set_str(vm, vm.intern(field), member);
    }
    tp.slots.repr.set(Some(structseq_repr));
    if spec.instantiable {
        tp.slots.new.set(Some(structseq_new));
    } else {
        tp.slots.new.set(None);
    }
    crate::objects::function::add_methods(vm, &ty, &[("__reduce__", structseq_reduce)]);
    Ok(ty)
}

/// A new instance of a struct sequence type, one value per field,
/// unnamed ones included.
pub fn new_instance(vm: &Vm, ty: &Object, values: Vec<Object>) -> PyResult {
    let shape = Shape::of(vm, ty);
    debug_assert_eq!(values.len(), shape.n_fields);
    let instance = object::alloc(ty, TupleObject::new(values[..shape.n_sequence].to_vec()));
    let named = values
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !shape.is_unnamed(*i))
        .map(|(_, v)| v);
    for (member, value) in shape.members.iter().zip(named) {
        init_member(vm, member, &instance, value)?;
    }
    Ok(instance)
}

/// Where a struct sequence type's fields are.
struct Shape {
    n_sequence: usize,
    n_unnamed: usize,
    n_fields: usize,
    /// The named fields' descriptors, in field order.
    members: Vec<Object>,
}

impl Shape {
    fn of(vm: &Vm, ty: &Object) -> Shape {
        let count = |name: &str| {
            type_payload(ty)
                .dict
                .get_str(vm, &vm.intern(name))
                .and_then(|n| n.as_small_int())
                .unwrap_or(0) as usize
        };
        let mut members: Vec<(usize, Object)> = type_payload(ty)
            .dict
            .items()
            .into_iter()
            .filter_map(|(_, v)| {
                let m = v.payload::<MemberObject>()?;
                (m.objclass.is(ty)).then(|| (m.offset, v.clone()))
            })
            .collect();
        members.sort_by_key(|(offset, _)| *offset);
        Shape {
            n_sequence: count("n_sequence_fields"),
            n_unnamed: count("n_unnamed_fields"),
            n_fields: count("n_fields"),
            members: members.into_iter().map(|(_, m)| m).collect(),
        }
    }

    /// The unnamed fields close the sequence's part.
    fn is_unnamed(&self, index: usize) -> bool {
        (self.n_sequence - self.n_unnamed..self.n_sequence).contains(&index)
    }

    /// The name of the field at `index`, past the sequence's part.
    fn name(&self, index: usize) -> &str {
        let member = &self.members[index - self.n_unnamed];
        &member.payload::<MemberObject>().expect("a member").name
    }
}

/// The dotted name messages use (`tp_name`).
fn full_name(vm: &Vm, ty: &Object) -> String {
    let tp = type_payload(ty);
    match tp.dict.get_str(vm, &vm.names.__module__) {
        Some(m) => format!("{}.{}", as_rust_str(&m), tp.name()),
        None => tp.name(),
    }
}

/// `T(sequence, dict=None)`: the first fields from the sequence, the
/// rest from the sequence if it is long enough, else from `dict`, else None.
pub(crate) fn structseq_new(vm: &Vm, ty: &Object, args: Args) -> PyResult {
    let name = full_name(vm, ty);
    // Argument Clinic names the constructor `structseq` in its messages.
    let bound = crate::objects::int::bind_args(vm, "structseq", args, &["sequence", "dict"], 2, 1)?;
    let sequence = bound[0].as_ref().expect("bound as required");
    let dict = bound[1].as_ref().filter(|d| !vm.is_none(d));
    let dict = match dict {
        Some(d) => match d.payload::<DictObject>() {
            Some(d) => Some(&d.dict),
            None => {
                return Err(
                    vm.new_type_error(format!("{name}() takes a dict as second arg, if any"))
                )
            }
        },
        None => None,
    };
    let items = vm
        .collect_iterable(sequence)
        .map_err(|_| vm.new_type_error("constructor requires a sequence"))?;
    let shape = Shape::of(vm, ty);
    let (min, max) = (shape.n_sequence, shape.n_fields);
    let len = items.len();
    if len < min || len > max {
        let (bound, n) = if min == max {
            ("a", min)
        } else if len < min {
            ("an at least", min)
        } else {
            ("an at most", max)
        };
        return Err(vm.new_type_error(format!(
            "{name}() takes {bound} {n}-sequence ({len}-sequence given)"
        )));
    }
    let mut values = items;
    for index in len..max {
        let value = match dict {
            Some(d) => d.get(vm, &vm.new_str(shape.name(index)))?,
            None => None,
        };
        values.push(value.unwrap_or_else(|| vm.none.clone()));
    }
    new_instance(vm, ty, values)
}

/// `sys.flags(debug=0, inspect=0, ...)`: the sequence fields only.
fn structseq_repr(vm: &Vm, o: &Object) -> PyResult {
    let ty = vm.type_of(o).clone();
    let items = tuple_items(o).unwrap_or(&[]);
    let mut text = format!("{}(", full_name(vm, &ty));
    // Labelled as CPython labels them: the n-th visible item with the
    // n-th named field.
    for (i, (member, value)) in Shape::of(vm, &ty).members.iter().zip(items).enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        let field = &member.payload::<MemberObject>().expect("a member").name;
        text.push_str(field);
        text.push('=');
        text.push_str(&as_rust_str(&vm.repr(value)?));
    }
    text.push(')');
    Ok(vm.new_str(&text))
}

/// `__reduce__`: the type, the sequence fields and a dict of the rest.
fn structseq_reduce(vm: &Vm, args: Args) -> PyResult {
    crate::objects::function::check_arity(vm, "__reduce__", args, 1, 1)?;
    let o = &args.values[0];
    let ty = vm.type_of(o).clone();
    let items = tuple_items(o).unwrap_or(&[]).to_vec();
    let extra = vm.new_dict();
    let shape = Shape::of(vm, &ty);
    for index in shape.n_sequence..shape.n_fields {
        let name = vm.new_str(shape.name(index));
        vm.setitem(&extra, &name, Some(&vm.getattr(o, &name)?))?;
    }
    Ok(vm.new_tuple(vec![ty, vm.new_tuple(vec![vm.new_tuple(items), extra])]))
}
