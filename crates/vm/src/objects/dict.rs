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
use crate::objects::function::check_arity;
use crate::objects::str::StrObject;
use crate::traverse::{Cleared, Traverse};
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

const EMPTY: u32 = u32::MAX;
const DUMMY: u32 = u32::MAX - 1;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
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
    /// The keys' version for the eval loop's caches (`dk_version`): 0
    /// until one is asked for, then a number no other dict and no other
    /// state of this one's keys has, until a key is added or removed.
    keys_version: Cell<u32>,
    /// For a type's namespace, the stamp of its last change, which the
    /// type's version tag is checked against (`type_cache.rs`); 0 for
    /// other dicts, whose changes are not stamped.
    stamp: Cell<u64>,
}

/// The payload of a dict object.
#[derive(krait_derive::Traverse, Default)]
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

    /// A type's namespace, whose changes are stamped.
    pub fn for_type() -> Dict {
        Dict {
            stamp: Cell::new(crate::type_cache::next_stamp()),
            ..Dict::default()
        }
    }

    fn changed(&self) {
        self.version.set(self.version.get().wrapping_add(1));
        self.keys_version.set(0);
        self.stamp_change();
    }

    /// The stamp of the last change of a type's namespace.
    pub fn stamp(&self) -> u64 {
        self.stamp.get()
    }

    /// Stamps a change of a type's namespace: called before the change
    /// (code a key's `__eq__` runs meanwhile must not trust a cache) and
    /// after it, before anything removed is dropped.
    #[inline]
    pub fn stamp_change(&self) {
        if self.stamp.get() != 0 {
            self.stamp.set(crate::type_cache::next_stamp());
        }
    }

    /// The keys' version (`_PyDictKeys_GetVersionForCurrentState`): while
    /// it stays the same, every key is where it was. 0 when the versions
    /// have run out, which matches no cache.
    pub fn keys_version(&self, vm: &Vm) -> u32 {
        if self.keys_version.get() == 0 {
            let next = vm.next_keys_version.get();
            if next != 0 {
                vm.next_keys_version.set(next.wrapping_add(1));
                self.keys_version.set(next);
            }
        }
        self.keys_version.get()
    }

    /// Whether the keys' version is `version` (not 0).
    #[inline]
    pub fn has_keys_version(&self, version: u32) -> bool {
        version != 0 && self.keys_version.get() == version
    }

    /// Where the entry of the str `key` is, for a cache to read its value
    /// by [`Dict::value_at`] while the keys' version holds.
    pub fn index_of_str(&self, vm: &Vm, key: &Object) -> Option<usize> {
        let hash = exact_str(key)?.hash(vm);
        match self.lookup(vm, key, hash).ok()? {
            Probe::Found(ix) => Some(ix),
            _ => None,
        }
    }

    /// The value of entry `index` (from [`Dict::index_of_str`]).
    #[inline]
    pub fn value_at(&self, index: usize) -> Option<Object> {
        let table = self.table.borrow();
        table
            .entries
            .get(index)
            .and_then(|e| e.as_ref().map(|e| e.value.clone()))
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
        let Some(s) = exact_str(key) else {
            return self.get_with_hash(vm, key, 0).ok().flatten();
        };
        let hash = s.hash(vm);
        // The probe of `lookup` for a table whose keys met on the way are
        // strs, which compare without running Python code.
        {
            let table = self.table.borrow();
            if table.indices.is_empty() {
                return None;
            }
            let mask = table.indices.len() - 1;
            let mut perturb = hash as u64;
            let mut i = (hash as u64 as usize) & mask;
            loop {
                match table.indices[i] {
                    EMPTY => return None,
                    DUMMY => {}
                    ix => {
                        let entry = table.entries[ix as usize].as_ref()?;
                        if entry.key.is(key) {
                            return Some(entry.value.clone());
                        }
                        if entry.hash == hash {
                            match exact_str(&entry.key) {
                                Some(k) if k.equals(s) => return Some(entry.value.clone()),
                                Some(_) => {}
                                None => break,
                            }
                        }
                    }
                }
                perturb >>= PERTURB_SHIFT;
                i = (i * 5 + perturb as usize + 1) & mask;
            }
        }
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
        self.set_entry(vm, key, hash, value).map(drop)
    }

    /// Sets the str `key` to `value`; gives the index of its entry, for
    /// [`Dict::replace_at`] to try first next time.
    pub fn set_str_entry(&self, vm: &Vm, key: Object, value: Object) -> PyResult<usize> {
        let hash = exact_str(&key).map_or(0, |s| s.hash(vm));
        self.set_entry(vm, key, hash, value)
    }

    /// The value of the entry at `index` if its key is `key` (the same
    /// object): a lookup by a cached index, which may be out of date.
    #[inline]
    pub fn get_at(&self, index: usize, key: &Object) -> Option<Object> {
        let table = self.table.borrow();
        match table.entries.get(index) {
            Some(Some(entry)) if entry.key.is(key) => Some(entry.value.clone()),
            _ => None,
        }
    }

    /// Replaces the value of the entry at `index` if its key is `key`
    /// (the same object), giving the old value; else gives `value` back.
    #[inline]
    pub fn replace_at(&self, index: usize, key: &Object, value: Object) -> Result<Object, Object> {
        let old = {
            let mut table = self.table.borrow_mut();
            match table.entries.get_mut(index) {
                Some(Some(entry)) if entry.key.is(key) => {
                    std::mem::replace(&mut entry.value, value)
                }
                _ => return Err(value),
            }
        };
        self.stamp_change();
        Ok(old)
    }

    fn set_entry(&self, vm: &Vm, key: Object, hash: i64, value: Object) -> PyResult<usize> {
        self.stamp_change();
        match self.lookup(vm, &key, hash)? {
            Probe::Found(ix) => {
                let old = {
                    let mut table = self.table.borrow_mut();
                    let entry = table.entries[ix].as_mut().expect("found entries exist");
                    std::mem::replace(&mut entry.value, value)
                };
                self.stamp_change();
                drop(old);
                Ok(ix)
            }
            Probe::Missing(slot) => {
                let mut table = self.table.borrow_mut();
                let needs_room = table.indices.is_empty()
                    || (table.entries.len() + 1) * 3 > table.indices.len() * 2;
                let slot = if needs_room {
                    // CPython's GROWTH_RATE: three times the live entries.
                    let size = table.used * 3;
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
                Ok(ix as usize)
            }
            Probe::Changed => unreachable!("lookup retries until the dict is stable"),
        }
    }

    /// `d.pop(key, None)`: the removed value, if the key was there.
    pub fn remove(&self, vm: &Vm, key: &Object) -> PyResult<Option<Object>> {
        let hash = vm.hash(key)?;
        self.stamp_change();
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

    /// The keys with their hashes, in order.
    pub fn keys_with_hashes(&self) -> Vec<(Object, i64)> {
        self.table
            .borrow()
            .entries
            .iter()
            .flatten()
            .map(|e| (e.key.clone(), e.hash))
            .collect()
    }

    /// The length of the entry array, holes included: where a reverse
    /// iteration starts.
    pub fn entry_count(&self) -> usize {
        self.table.borrow().entries.len()
    }

    /// Removes and gives back the last entry (`dict.popitem`); the entry
    /// array is cut back to it, as CPython's is.
    pub fn pop_last(&self) -> Option<(Object, Object)> {
        let entry = {
            let mut table = self.table.borrow_mut();
            let ix = table.entries.iter().rposition(|e| e.is_some())?;
            let entry = table.entries[ix].take()?;
            let mask = table.indices.len() - 1;
            let mut perturb = entry.hash as u64;
            let mut i = (entry.hash as u64 as usize) & mask;
            while table.indices[i] != ix as u32 {
                perturb >>= PERTURB_SHIFT;
                i = (i * 5 + perturb as usize + 1) & mask;
            }
            table.indices[i] = DUMMY;
            table.used -= 1;
            table.entries.truncate(ix);
            entry
        };
        self.changed();
        Some((entry.key, entry.value))
    }

    /// The entry at or before position `position - 1` of the entry array,
    /// and its position: how reverse iterators walk the dict.
    pub fn prev_entry(&self, position: usize) -> Option<(usize, Object, Object)> {
        let table = self.table.borrow();
        let mut p = position.min(table.entries.len());
        while p > 0 {
            p -= 1;
            if let Some(e) = &table.entries[p] {
                return Some((p, e.key.clone(), e.value.clone()));
            }
        }
        None
    }

    /// A copy of the table, holes and all (`clone_combined_dict_keys`):
    /// no key is compared, so no Python code runs.
    pub fn copy(&self) -> Dict {
        let table = self.table.borrow();
        Dict {
            table: RefCell::new(Table {
                indices: table.indices.clone(),
                entries: table.entries.clone(),
                used: table.used,
            }),
            version: Cell::new(0),
            keys_version: Cell::new(0),
            stamp: Cell::new(0),
        }
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

// SAFETY: each entry's key and value, once.
unsafe impl Traverse for Dict {
    const HOLDS_REFS: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Object)) {
        if let Ok(table) = self.table.try_borrow() {
            // As CPython's, a str key is not shown (`dict_traverse` of a
            // table of str keys): it holds no references.
            for entry in table.entries.iter().flatten() {
                if exact_str(&entry.key).is_none() || crate::gc::is_collectable(&entry.key) {
                    visit(&entry.key);
                }
                visit(&entry.value);
            }
        }
    }

    /// A cleared dict is an empty one (`PyDict_Clear`).
    fn clear(&self, _: &Vm, out: &mut Cleared) {
        if let Ok(mut table) = self.table.try_borrow_mut() {
            out.keep(std::mem::take(&mut *table));
            drop(table);
            self.changed();
        }
    }

    fn take_refs(&mut self, _: &Vm, out: &mut Cleared) {
        out.keep(std::mem::take(self.table.get_mut()));
        self.changed();
    }
}

pub fn dict_of(o: &Object) -> &Dict {
    &o.payload::<DictObject>().expect("a dict").dict
}

/// Whether `o` is exactly a dict, not a subclass instance.
fn is_exact_dict(vm: &Vm, o: &Object) -> bool {
    vm.type_of(o).is(&vm.types.dict)
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
        Ok(crate::objects::dictview::new_dict_iterator(
            vm,
            d,
            crate::objects::dictview::ViewKind::Keys,
            false,
        ))
    }));
    tp.slots.richcompare.set(Some(dict_richcompare));
    tp.slots
        .hash
        .set(Some(crate::objects::object::hash_not_implemented));
    tp.slots.new.set(Some(|_, ty, _| {
        Ok(crate::object::alloc(ty, DictObject::new()))
    }));
    tp.slots.init.set(Some(|vm, d, args| {
        dict_update_from_args(vm, d, args, "dict")
    }));
    tp.slots.nb_or.set(Some(|vm, a, b| {
        let (Some(x), Some(_)) = (a.payload::<DictObject>(), b.payload::<DictObject>()) else {
            return Ok(vm.not_implemented.clone());
        };
        let new = crate::object::alloc(
            &vm.types.dict,
            DictObject {
                dict: x.dict.copy(),
            },
        );
        dict_update_arg(vm, &new, b)?;
        Ok(new)
    }));
    tp.slots.nb_inplace_or.set(Some(|vm, a, b| {
        dict_update_arg(vm, a, b)?;
        Ok(a.clone())
    }));
    crate::slots::add_slot_wrappers(vm, &vm.types.dict);
    type_payload(&vm.types.dict)
        .dict
        .set_str(vm, vm.names.__hash__.clone(), vm.none.clone());
    crate::objects::function::add_methods(
        vm,
        &vm.types.dict,
        &[
            ("get", |vm, args| {
                check_arity(vm, "get", args, 2, 3)?;
                Ok(dict_of(&args.values[0])
                    .get(vm, &args.values[1])?
                    .unwrap_or_else(|| {
                        args.values
                            .get(2)
                            .cloned()
                            .unwrap_or_else(|| vm.none.clone())
                    }))
            }),
            ("setdefault", |vm, args| {
                check_arity(vm, "setdefault", args, 2, 3)?;
                let dict = dict_of(&args.values[0]);
                let key = &args.values[1];
                let hash = vm.hash(key)?;
                if let Some(v) = dict.get_with_hash(vm, key, hash)? {
                    return Ok(v);
                }
                let default = args
                    .values
                    .get(2)
                    .cloned()
                    .unwrap_or_else(|| vm.none.clone());
                dict.set_with_hash(vm, key.clone(), hash, default.clone())?;
                Ok(default)
            }),
            ("pop", |vm, args| {
                check_arity(vm, "pop", args, 2, 3)?;
                match dict_of(&args.values[0]).remove(vm, &args.values[1])? {
                    Some(v) => Ok(v),
                    None => match args.values.get(2) {
                        Some(default) => Ok(default.clone()),
                        None => Err(vm.new_key_error(args.values[1].clone())),
                    },
                }
            }),
            ("popitem", |vm, args| {
                check_arity(vm, "dict.popitem", args, 1, 1)?;
                match dict_of(&args.values[0]).pop_last() {
                    Some((k, v)) => Ok(vm.new_tuple(vec![k, v])),
                    None => Err(vm.new_key_error(vm.new_str("popitem(): dictionary is empty"))),
                }
            }),
            ("keys", |vm, args| {
                check_arity(vm, "dict.keys", args, 1, 1)?;
                Ok(crate::objects::dictview::new_view(
                    vm,
                    &args.values[0],
                    crate::objects::dictview::ViewKind::Keys,
                ))
            }),
            ("values", |vm, args| {
                check_arity(vm, "dict.values", args, 1, 1)?;
                Ok(crate::objects::dictview::new_view(
                    vm,
                    &args.values[0],
                    crate::objects::dictview::ViewKind::Values,
                ))
            }),
            ("items", |vm, args| {
                check_arity(vm, "dict.items", args, 1, 1)?;
                Ok(crate::objects::dictview::new_view(
                    vm,
                    &args.values[0],
                    crate::objects::dictview::ViewKind::Items,
                ))
            }),
            ("update", |vm, args| {
                dict_update_from_args(
                    vm,
                    &args.values[0],
                    Args {
                        values: &args.values[1..],
                        kwnames: args.kwnames,
                    },
                    "update",
                )?;
                Ok(vm.none.clone())
            }),
            ("clear", |vm, args| {
                check_arity(vm, "dict.clear", args, 1, 1)?;
                dict_of(&args.values[0]).clear();
                Ok(vm.none.clone())
            }),
            ("copy", |vm, args| {
                check_arity(vm, "dict.copy", args, 1, 1)?;
                Ok(crate::object::alloc(
                    &vm.types.dict,
                    DictObject {
                        dict: dict_of(&args.values[0]).copy(),
                    },
                ))
            }),
            ("__reversed__", |vm, args| {
                check_arity(vm, "dict.__reversed__", args, 1, 1)?;
                Ok(crate::objects::dictview::new_dict_iterator(
                    vm,
                    &args.values[0],
                    crate::objects::dictview::ViewKind::Keys,
                    true,
                ))
            }),
        ],
    );
    let fromkeys = crate::objects::function::new_builtin_function(vm, "fromkeys", dict_fromkeys);
    type_payload(&vm.types.dict).dict.set_str(
        vm,
        vm.intern("fromkeys"),
        crate::objects::descr::new_classmethod(vm, fromkeys),
    );
}

/// `dict.fromkeys(iterable, value=None)`, a class method: `cls()`, then
/// each key set to the value.
fn dict_fromkeys(vm: &Vm, args: Args) -> PyResult {
    let cls = &args.values[0];
    check_arity(vm, "fromkeys", args, 2, 3)?;
    let iterable = &args.values[1];
    let value = args
        .values
        .get(2)
        .cloned()
        .unwrap_or_else(|| vm.none.clone());
    let d = vm.call(cls, Args::positional_only(&[]))?;
    let exact = is_exact_dict(vm, &d);
    if exact {
        if let Some(src) = iterable
            .payload::<DictObject>()
            .filter(|_| is_exact_dict(vm, iterable))
        {
            for (key, hash) in src.dict.keys_with_hashes() {
                dict_of(&d).set_with_hash(vm, key, hash, value.clone())?;
            }
            return Ok(d);
        }
    }
    let it = vm.iter(iterable)?;
    while let Some(key) = vm.next(&it)? {
        if exact {
            dict_of(&d).set(vm, key, value.clone())?;
        } else {
            vm.setitem(&d, &key, Some(&value))?;
        }
    }
    Ok(d)
}

fn dict_getitem(vm: &Vm, d: &Object, key: &Object) -> PyResult {
    if let Some(v) = dict_of(d).get(vm, key)? {
        return Ok(v);
    }
    if !is_exact_dict(vm, d) {
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
        for (key, hash) in x.dict.keys_with_hashes() {
            let Some(value) = x.dict.get_with_hash(vm, &key, hash)? else {
                continue;
            };
            match y.dict.get_with_hash(vm, &key, hash)? {
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
    if let Some(source) = positional.first() {
        dict_update_arg(vm, d, source)?;
    }
    let dict = dict_of(d);
    for (k, v) in args.keywords() {
        dict.set(vm, k.clone(), v.clone())?;
    }
    Ok(())
}

/// Merges one positional argument of `update` (`dict_update_arg`): a
/// dict's entries directly, a mapping by `keys()` and subscripts, else
/// an iterable of key-value pairs.
pub fn dict_update_arg(vm: &Vm, d: &Object, source: &Object) -> PyResult<()> {
    let dict = dict_of(d);
    let plain_dict = source.payload::<DictObject>().filter(|_| {
        vm.type_payload_of(source)
            .slots
            .iter
            .get()
            .map(|f| f as usize)
            == type_payload(&vm.types.dict)
                .slots
                .iter
                .get()
                .map(|f| f as usize)
    });
    if let Some(other) = plain_dict {
        for (k, hash) in other.dict.keys_with_hashes() {
            if let Some(v) = other.dict.get_with_hash(vm, &k, hash)? {
                dict.set_with_hash(vm, k, hash, v)?;
            }
        }
        return Ok(());
    }
    if vm.getattr_opt(source, &vm.intern("keys"))?.is_some() {
        let keys = vm.call_method(source, "keys", &[])?;
        for key in vm.collect_iterable(&keys)? {
            let value = vm.getitem(source, &key)?;
            dict.set(vm, key, value)?;
        }
        return Ok(());
    }
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
        let [k, v] = <[Object; 2]>::try_from(pair).map_err(|pair| {
            vm.new_value_error(format!(
                "dictionary update sequence element #{index} has length {}; 2 is required",
                pair.len()
            ))
        })?;
        dict.set(vm, k, v)?;
        index += 1;
    }
    Ok(())
}
