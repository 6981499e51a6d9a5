//! `dict` (Objects/dictobject.c): the compact, insertion-ordered hash
//! table of CPython 3.6+.
//!
//! Entries (hash, key, value) sit in an array in insertion order; a
//! separate table of indices, a power of two long, is probed with
//! CPython's perturbation scheme. Deleting leaves a hole in the entries
//! and a dummy in the indices, both squeezed out when the table grows.
//!
//! Comparing keys may run Python code (`__eq__`), which may change the
//! dict: the table is never borrowed across such a call, and a lookup
//! whose dict changed under it starts again, as CPython's does.

use crate::errors::PyResult;
use crate::object::{type_payload, Object};
use crate::objects::str::StrObject;
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

const EMPTY: u32 = u32::MAX;
const DUMMY: u32 = u32::MAX - 1;
const PERTURB_SHIFT: u32 = 5;

struct Entry {
    hash: i64,
    key: Object,
    value: Object,
}

#[derive(Default)]
struct Table {
    indices: Vec<u32>,
    entries: Vec<Option<Entry>>,
    used: usize,
}

/// The hash table behind a dict, also used directly for a type's
/// namespace.
#[derive(Default)]
pub struct Dict {
    table: RefCell<Table>,
    /// Bumped by every change, so that iterators and interrupted lookups
    /// notice.
    version: Cell<u64>,
}

/// The payload of a dict object.
#[derive(Default)]
pub struct DictObject {
    pub dict: Dict,
}

impl DictObject {
    pub fn new() -> DictObject {
        DictObject::default()
    }
}

enum Probe {
    Found(usize),
    /// Not there; the index slot where it would go.
    Missing(usize),
    /// A key's `__eq__` changed the dict: look again.
    Changed,
}

fn exact_str(o: &Object) -> Option<&StrObject> {
    o.payload::<StrObject>()
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn len(&self) -> usize {
        self.table.borrow().used
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn version(&self) -> u64 {
        self.version.get()
    }

    fn changed(&self) {
        self.version.set(self.version.get().wrapping_add(1));
    }

    fn probe(&self, vm: &Vm, key: &Object, hash: i64) -> PyResult<Probe> {
        let version = self.version.get();
        let table = self.table.borrow();
        if table.indices.is_empty() {
            return Ok(Probe::Missing(0));
        }
        let mask = table.indices.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut first_dummy = None;
        loop {
            match table.indices[i] {
                EMPTY => return Ok(Probe::Missing(first_dummy.unwrap_or(i))),
                DUMMY => {
                    first_dummy.get_or_insert(i);
                }
                ix => {
                    let entry = table.entries[ix as usize]
                        .as_ref()
                        .expect("indexed entries exist");
                    if entry.key.is(key) {
                        return Ok(Probe::Found(ix as usize));
                    }
                    if entry.hash == hash {
                        if let (Some(a), Some(b)) = (exact_str(&entry.key), exact_str(key)) {
                            if a.equals(b) {
                                return Ok(Probe::Found(ix as usize));
                            }
                        } else {
                            let candidate = entry.key.clone();
                            drop(table);
                            let equal = vm.eq(&candidate, key)?;
                            if self.version.get() != version {
                                return Ok(Probe::Changed);
                            }
                            if equal {
                                return Ok(Probe::Found(ix as usize));
                            }
                            return self.probe_from(vm, key, hash, i, perturb, first_dummy);
                        }
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + perturb as usize + 1) & mask;
        }
    }

    /// Continues a probe after a comparison that ran Python code.
    fn probe_from(
        &self,
        vm: &Vm,
        key: &Object,
        hash: i64,
        mut i: usize,
        mut perturb: u64,
        first_dummy: Option<usize>,
    ) -> PyResult<Probe> {
        let mask = self.table.borrow().indices.len() - 1;
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb as usize + 1) & mask;
        let version = self.version.get();
        let mut first_dummy = first_dummy;
        loop {
            let slot = self.table.borrow().indices[i];
            match slot {
                EMPTY => return Ok(Probe::Missing(first_dummy.unwrap_or(i))),
                DUMMY => {
                    first_dummy.get_or_insert(i);
                }
                ix => {
                    let (same, candidate) = {
                        let table = self.table.borrow();
                        let entry = table.entries[ix as usize]
                            .as_ref()
                            .expect("indexed entries exist");
                        (
                            entry.key.is(key),
                            (entry.hash == hash).then(|| entry.key.clone()),
                        )
                    };
                    if same {
                        return Ok(Probe::Found(ix as usize));
                    }
                    if let Some(candidate) = candidate {
                        let equal = match (exact_str(&candidate), exact_str(key)) {
                            (Some(a), Some(b)) => a.equals(b),
                            _ => vm.eq(&candidate, key)?,
                        };
                        if self.version.get() != version {
                            return Ok(Probe::Changed);
                        }
                        if equal {
                            return Ok(Probe::Found(ix as usize));
                        }
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + perturb as usize + 1) & mask;
        }
    }

    fn lookup(&self, vm: &Vm, key: &Object, hash: i64) -> PyResult<Probe> {
        loop {
            match self.probe(vm, key, hash)? {
                Probe::Changed => continue,
                found => return Ok(found),
            }
        }
    }

    /// `d.get(key)`.
    pub fn get(&self, vm: &Vm, key: &Object) -> PyResult<Option<Object>> {
        let hash = vm.hash(key)?;
        self.get_with_hash(vm, key, hash)
    }

    pub fn get_with_hash(&self, vm: &Vm, key: &Object, hash: i64) -> PyResult<Option<Object>> {
        match self.lookup(vm, key, hash)? {
            Probe::Found(ix) => Ok(self.table.borrow().entries[ix]
                .as_ref()
                .map(|e| e.value.clone())),
            _ => Ok(None),
        }
    }

    /// Looks up a str key; a failing comparison with a key of another
    /// type counts as not equal.
    pub fn get_str(&self, vm: &Vm, key: &Object) -> Option<Object> {
        let hash = exact_str(key).map_or(0, |s| s.hash(vm));
        self.get_with_hash(vm, key, hash).ok().flatten()
    }

    /// `d[key] = value`.
    pub fn set(&self, vm: &Vm, key: Object, value: Object) -> PyResult<()> {
        let hash = vm.hash(&key)?;
        self.set_with_hash(vm, key, hash, value)
    }

    /// Sets a str key, which cannot fail.
    pub fn set_str(&self, vm: &Vm, key: Object, value: Object) {
        let hash = exact_str(&key).map_or(0, |s| s.hash(vm));
        // Comparisons with str keys run no Python code.
        let _ = self.set_with_hash(vm, key, hash, value);
    }

    pub fn set_with_hash(&self, vm: &Vm, key: Object, hash: i64, value: Object) -> PyResult<()> {
        match self.lookup(vm, &key, hash)? {
            Probe::Found(ix) => {
                let old = {
                    let mut table = self.table.borrow_mut();
                    let entry = table.entries[ix].as_mut().expect("found entries exist");
                    std::mem::replace(&mut entry.value, value)
                };
                drop(old);
            }
            Probe::Missing(slot) => {
                let mut table = self.table.borrow_mut();
                let needs_room = table.indices.is_empty()
                    || (table.entries.len() + 1) * 3 > table.indices.len() * 2;
                let slot = if needs_room {
                    let size = (table.used + 1) * 3;
                    resize(&mut table, size);
                    find_empty(&table, hash)
                } else {
                    slot
                };
                let ix = table.entries.len() as u32;
                table.entries.push(Some(Entry { hash, key, value }));
                table.indices[slot] = ix;
                table.used += 1;
                drop(table);
                self.changed();
            }
            Probe::Changed => unreachable!("lookup retries until the dict is stable"),
        }
        Ok(())
    }

    /// `d.pop(key, None)`: the removed value, if the key was there.
    pub fn remove(&self, vm: &Vm, key: &Object) -> PyResult<Option<Object>> {
        let hash = vm.hash(key)?;
        let Probe::Found(ix) = self.lookup(vm, key, hash)? else {
            return Ok(None);
        };
        let removed = {
            let mut table = self.table.borrow_mut();
            let mask = table.indices.len() - 1;
            let mut perturb = hash as u64;
            let mut i = (hash as u64 as usize) & mask;
            while table.indices[i] != ix as u32 {
                perturb >>= PERTURB_SHIFT;
                i = (i * 5 + perturb as usize + 1) & mask;
            }
            table.indices[i] = DUMMY;
            table.used -= 1;
            table.entries[ix].take()
        };
        self.changed();
        Ok(removed.map(|e| e.value))
    }

    pub fn clear(&self) {
        let old = std::mem::take(&mut *self.table.borrow_mut());
        self.changed();
        drop(old);
    }

    pub fn keys(&self) -> Vec<Object> {
        self.table
            .borrow()
            .entries
            .iter()
            .flatten()
            .map(|e| e.key.clone())
            .collect()
    }

    pub fn values(&self) -> Vec<Object> {
        self.table
            .borrow()
            .entries
            .iter()
            .flatten()
            .map(|e| e.value.clone())
            .collect()
    }

    pub fn items(&self) -> Vec<(Object, Object)> {
        self.table
            .borrow()
            .entries
            .iter()
            .flatten()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    /// The entry at or after position `position` of the entry array, and
    /// the position after it: how dict iterators walk the dict.
    pub fn next_entry(&self, position: usize) -> Option<(usize, Object, Object)> {
        let table = self.table.borrow();
        let mut p = position;
        while p < table.entries.len() {
            if let Some(e) = &table.entries[p] {
                return Some((p + 1, e.key.clone(), e.value.clone()));
            }
            p += 1;
        }
        None
    }
}

/// Rebuilds the index table for at least `min_used * 3 / 2` slots, with
/// the entries compacted.
fn resize(table: &mut Table, min_size: usize) {
    let mut size = 8;
    while size < min_size {
        size <<= 1;
    }
    let entries: Vec<Option<Entry>> = std::mem::take(&mut table.entries)
        .into_iter()
        .filter(|e| e.is_some())
        .collect();
    table.indices = vec![EMPTY; size];
    table.entries = entries;
    for ix in 0..table.entries.len() {
        let hash = table.entries[ix].as_ref().map_or(0, |e| e.hash);
        let slot = find_empty(table, hash);
        table.indices[slot] = ix as u32;
    }
}

fn find_empty(table: &Table, hash: i64) -> usize {
    let mask = table.indices.len() - 1;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    while table.indices[i] != EMPTY {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb as usize + 1) & mask;
    }
    i
}

fn dict_of(o: &Object) -> &Dict {
    &o.payload::<DictObject>().expect("a dict").dict
}

pub(crate) fn init(vm: &Vm) {
    let tp = type_payload(&vm.types.dict);
    tp.slots.repr.set(Some(dict_repr));
    tp.slots.length.set(Some(|_, d| Ok(dict_of(d).len())));
    tp.slots.getitem.set(Some(dict_getitem));
    tp.slots.setitem.set(Some(|vm, d, key, value| match value {
        Some(v) => dict_of(d).set(vm, key.clone(), v.clone()),
        None => match dict_of(d).remove(vm, key)? {
            Some(_) => Ok(()),
            None => Err(vm.new_key_error(key.clone())),
        },
    }));
    tp.slots
        .sq_contains
        .set(Some(|vm, d, key| Ok(dict_of(d).get(vm, key)?.is_some())));
    tp.slots.iter.set(Some(|vm, d| {
        Ok(crate::objects::iter::new_dict_key_iterator(vm, d))
    }));
    tp.slots.richcompare.set(Some(dict_richcompare));
    tp.slots.new.set(Some(|_, ty, _| {
        Ok(crate::object::alloc(ty, DictObject::new()))
    }));
    tp.slots.init.set(Some(|vm, d, args| {
        dict_update_from_args(vm, d, args, "dict")
    }));
    crate::slots::add_slot_wrappers(vm, &vm.types.dict);
    crate::objects::function::add_methods(
        vm,
        &vm.types.dict,
        &[
            ("get", |vm, args| {
                crate::objects::function::check_arity(vm, "get", args, 2, 3)?;
                Ok(dict_of(&args.values[0])
                    .get(vm, &args.values[1])?
                    .unwrap_or_else(|| {
                        args.values
                            .get(2)
                            .cloned()
                            .unwrap_or_else(|| vm.none.clone())
                    }))
            }),
            ("keys", |vm, args| {
                crate::objects::function::check_arity(vm, "keys", args, 1, 1)?;
                Ok(vm.new_list(dict_of(&args.values[0]).keys()))
            }),
            ("values", |vm, args| {
                crate::objects::function::check_arity(vm, "values", args, 1, 1)?;
                Ok(vm.new_list(dict_of(&args.values[0]).values()))
            }),
            ("items", |vm, args| {
                crate::objects::function::check_arity(vm, "items", args, 1, 1)?;
                let items = dict_of(&args.values[0])
                    .items()
                    .into_iter()
                    .map(|(k, v)| vm.new_tuple(vec![k, v]))
                    .collect();
                Ok(vm.new_list(items))
            }),
            ("update", |vm, args| {
                dict_update_from_args(
                    vm,
                    &args.values[0],
                    crate::typeobject::Args {
                        values: &args.values[1..],
                        kwnames: args.kwnames,
                    },
                    "update",
                )?;
                Ok(vm.none.clone())
            }),
        ],
    );
}

fn dict_getitem(vm: &Vm, d: &Object, key: &Object) -> PyResult {
    if let Some(v) = dict_of(d).get(vm, key)? {
        return Ok(v);
    }
    if !vm.type_of(d).is(&vm.types.dict) {
        if let Some(r) =
            crate::slots::call_special(vm, d, "__missing__", std::slice::from_ref(key))?
        {
            return Ok(r);
        }
    }
    Err(vm.new_key_error(key.clone()))
}

fn dict_repr(vm: &Vm, d: &Object) -> PyResult {
    let Some(_guard) = crate::recursion::ReprGuard::enter(vm, d) else {
        return Ok(vm.new_str("{...}"));
    };
    let mut out = String::from("{");
    let mut position = 0;
    let mut first = true;
    while let Some((next, key, value)) = dict_of(d).next_entry(position) {
        position = next;
        if !first {
            out.push_str(", ");
        }
        first = false;
        out.push_str(&vm.repr_string(&key)?);
        out.push_str(": ");
        out.push_str(&vm.repr_string(&value)?);
    }
    out.push('}');
    Ok(vm.new_str(&out))
}

fn dict_richcompare(vm: &Vm, a: &Object, b: &Object, op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a.payload::<DictObject>(), b.payload::<DictObject>()) else {
        return Ok(vm.not_implemented.clone());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(vm.not_implemented.clone());
    }
    let mut equal = x.dict.len() == y.dict.len();
    if equal {
        for (key, value) in x.dict.items() {
            match y.dict.get(vm, &key)? {
                Some(other) if vm.eq(&value, &other)? => {}
                _ => {
                    equal = false;
                    break;
                }
            }
        }
    }
    Ok(vm.new_bool(equal == (op == CompareOp::Eq)))
}

/// `dict(...)` and `d.update(...)`: a mapping or an iterable of pairs,
/// then keyword arguments.
fn dict_update_from_args(vm: &Vm, d: &Object, args: Args, name: &str) -> PyResult<()> {
    let positional = args.positional();
    if positional.len() > 1 {
        return Err(vm.new_type_error(format!(
            "{name} expected at most 1 argument, got {}",
            positional.len()
        )));
    }
    let dict = dict_of(d);
    if let Some(source) = positional.first() {
        if let Some(other) = source.payload::<DictObject>() {
            for (k, v) in other.dict.items() {
                dict.set(vm, k, v)?;
            }
        } else if vm.getattr_opt(source, &vm.intern("keys"))?.is_some() {
            let keys = vm.call_method(source, "keys", &[])?;
            for key in vm.collect_iterable(&keys)? {
                let value = vm.getitem(source, &key)?;
                dict.set(vm, key, value)?;
            }
        } else {
            let iterator = vm.iter(source)?;
            let mut index = 0;
            while let Some(item) = vm.next(&iterator)? {
                let pair = vm.collect_iterable(&item).map_err(|e| {
                    if e.matches(vm, &vm.exceptions.type_error) {
                        vm.new_type_error(format!(
                            "cannot convert dictionary update sequence element #{index} to a sequence"
                        ))
                    } else {
                        e
                    }
                })?;
                if pair.len() != 2 {
                    return Err(vm.new_value_error(format!(
                        "dictionary update sequence element #{index} has length {}; 2 is required",
                        pair.len()
                    )));
                }
                let mut pair = pair.into_iter();
                let (k, v) = (
                    pair.next().expect("two items"),
                    pair.next().expect("two items"),
                );
                dict.set(vm, k, v)?;
                index += 1;
            }
        }
    }
    for (k, v) in args.keywords() {
        dict.set(vm, k.clone(), v.clone())?;
    }
    Ok(())
}
