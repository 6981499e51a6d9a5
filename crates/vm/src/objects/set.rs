//! `set`, `frozenset` and their iterator (Objects/setobject.c).
//!
//! A set is CPython's open-addressing hash table, slot for slot, because
//! the order a set iterates in is the order of its slots and programs
//! print sets: `print({3, 1, 'a', 2.5})` must show what CPython shows.
//! So the table has CPython's sizes (8 slots, then powers of two), its
//! probe sequence (up to `LINEAR_PROBES` neighbouring slots, then the
//! perturbed jump `i * 5 + 1 + perturb`), its growth rule (when 3/5 of
//! the slots have been used, to four times the live entries), its reuse
//! of the last deleted slot seen on the way, and its shortcuts for
//! copying one set into an empty one.
//!
//! Comparing keys may run Python code (`__eq__`) that changes the set:
//! no borrow of the table is held across such a call, and a probe whose
//! table was replaced or whose slot changed under it starts again, as
//! CPython's does. Objects a change takes out of the table are dropped
//! after the borrow ends, since freeing one may run Python code too.

use crate::errors::PyResult;
use crate::object::{self, type_payload, Object};
use crate::objects::dict::DictObject;
use crate::objects::function::check_arity;
use crate::objects::str::StrObject;
use crate::traverse::{Cleared, Traverse};
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;
use std::cell::{Cell, RefCell};

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// One slot of the table: never used, deleted (CPython's `dummy`), or
/// holding a key with its hash.
#[derive(Clone)]
enum Slot {
    Empty,
    Dummy,
    Active(i64, Object),
}

struct Table {
    /// A power of two long; its length less one is CPython's `mask`.
    slots: Vec<Slot>,
    /// Slots that are active or dummies.
    fill: usize,
    /// Active slots.
    used: usize,
}

// SAFETY: each active slot's key, once.
unsafe impl Traverse for Table {
    const HOLDS_REFS: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Object)) {
        for slot in &self.slots {
            if let Slot::Active(_, key) = slot {
                visit(key)
            }
        }
    }

    fn clear(&self, _: &Vm, _: &mut Cleared) {}

    /// A cleared table is an empty one, consistent for whatever still
    /// looks at it.
    fn take_refs(&mut self, _: &Vm, out: &mut Cleared) {
        out.keep(std::mem::take(self))
    }
}

fn empty_slots(size: usize) -> Vec<Slot> {
    (0..size).map(|_| Slot::Empty).collect()
}

impl Default for Table {
    fn default() -> Table {
        Table {
            slots: empty_slots(MIN_SIZE),
            fill: 0,
            used: 0,
        }
    }
}

impl Table {
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// The active keys with their hashes, in slot order.
    fn entries(&self) -> Vec<(Object, i64)> {
        self.slots
            .iter()
            .filter_map(|s| match s {
                Slot::Active(h, k) => Some((k.clone(), *h)),
                _ => None,
            })
            .collect()
    }

    /// Rebuilds the table with the smallest size above `minused`,
    /// leaving the dummies out (`set_table_resize`); false if nothing
    /// needed doing.
    fn resize(&mut self, minused: usize) -> bool {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        if size == MIN_SIZE && self.slots.len() == MIN_SIZE && self.fill == self.used {
            return false;
        }
        let old = std::mem::replace(&mut self.slots, empty_slots(size));
        self.fill = self.used;
        for slot in old {
            if let Slot::Active(hash, key) = slot {
                insert_clean(&mut self.slots, key, hash);
            }
        }
        true
    }
}

/// Puts a key known to be absent into a table without dummies
/// (`set_insert_clean`).
fn insert_clean(slots: &mut [Slot], key: Object, hash: i64) {
    let mask = slots.len() - 1;
    let mut perturb = hash as u64;
    let mut i = hash as u64 as usize & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        if let Some(slot) = slots[i..=i + probes]
            .iter_mut()
            .find(|s| matches!(s, Slot::Empty))
        {
            *slot = Slot::Active(hash, key);
            return;
        }
        perturb >>= PERTURB_SHIFT;
        i = i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize)
            & mask;
    }
}

/// The payload of a set or frozenset.
#[derive(krait_derive::Traverse)]
pub struct SetObject {
    table: RefCell<Table>,
    /// Bumped whenever the slot array is replaced: CPython's test of
    /// `table != so->table` after a comparison.
    generation: Cell<u64>,
    /// Where `pop` looks first.
    finger: Cell<usize>,
    /// A frozenset's hash, or -1 before it is first computed.
    hash: Cell<i64>,
}

impl Default for SetObject {
    fn default() -> SetObject {
        SetObject {
            table: RefCell::new(Table::default()),
            generation: Cell::new(0),
            finger: Cell::new(0),
            hash: Cell::new(-1),
        }
    }
}

/// Where a probe for a key ended.
enum Probe {
    /// The key is in this slot.
    Active(usize),
    /// The key is absent: the never-used slot that ended the probe, and
    /// the last deleted slot passed on the way, which an insertion reuses.
    Unused {
        index: usize,
        freeslot: Option<usize>,
    },
}

/// Whether two keys are equal without running Python code, when both are
/// exact strs.
fn exact_str_eq(vm: &Vm, a: &Object, b: &Object) -> Option<bool> {
    if !vm.type_of(a).is(&vm.types.str) || !vm.type_of(b).is(&vm.types.str) {
        return None;
    }
    Some(a.payload::<StrObject>()?.equals(b.payload::<StrObject>()?))
}

impl SetObject {
    pub fn len(&self) -> usize {
        self.table.borrow().used
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The keys in iteration order.
    pub fn keys(&self) -> Vec<Object> {
        self.entries().into_iter().map(|(k, _)| k).collect()
    }

    fn entries(&self) -> Vec<(Object, i64)> {
        self.table.borrow().entries()
    }

    fn bump(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
    }

    /// Probes for `key` (`set_lookkey`, and the search of `set_add_entry`).
    fn find(&self, vm: &Vm, key: &Object, hash: i64) -> PyResult<Probe> {
        'restart: loop {
            let generation = self.generation.get();
            let mask = self.table.borrow().mask();
            let mut perturb = hash as u64;
            let mut i = hash as u64 as usize & mask;
            let mut freeslot = None;
            loop {
                let probes = if i + LINEAR_PROBES <= mask {
                    LINEAR_PROBES
                } else {
                    0
                };
                for j in i..=i + probes {
                    let candidate = match &self.table.borrow().slots[j] {
                        Slot::Empty => return Ok(Probe::Unused { index: j, freeslot }),
                        Slot::Dummy => {
                            freeslot = Some(j);
                            continue;
                        }
                        Slot::Active(h, k) => {
                            if *h != hash {
                                continue;
                            }
                            if k.is(key) {
                                return Ok(Probe::Active(j));
                            }
                            match exact_str_eq(vm, k, key) {
                                Some(true) => return Ok(Probe::Active(j)),
                                Some(false) => continue,
                                None => k.clone(),
                            }
                        }
                    };
                    let equal = vm.eq(&candidate, key)?;
                    let unchanged = self.generation.get() == generation
                        && matches!(&self.table.borrow().slots[j],
                                    Slot::Active(_, k) if k.is(&candidate));
                    if !unchanged {
                        continue 'restart;
                    }
                    if equal {
                        return Ok(Probe::Active(j));
                    }
                }
                perturb >>= PERTURB_SHIFT;
                i = i
                    .wrapping_mul(5)
                    .wrapping_add(1)
                    .wrapping_add(perturb as usize)
                    & mask;
            }
        }
    }

    fn contains_entry(&self, vm: &Vm, key: &Object, hash: i64) -> PyResult<bool> {
        Ok(matches!(self.find(vm, key, hash)?, Probe::Active(_)))
    }

    /// Adds a key whose hash is known (`set_add_entry`).
    fn add_entry(&self, vm: &Vm, key: Object, hash: i64) -> PyResult<()> {
        let Probe::Unused { index, freeslot } = self.find(vm, &key, hash)? else {
            return Ok(());
        };
        let mut table = self.table.borrow_mut();
        table.used += 1;
        if let Some(free) = freeslot {
            table.slots[free] = Slot::Active(hash, key);
            return Ok(());
        }
        table.slots[index] = Slot::Active(hash, key);
        table.fill += 1;
        if table.fill * 5 < table.mask() * 3 {
            return Ok(());
        }
        let used = table.used;
        if table.resize(if used > 50000 { used * 2 } else { used * 4 }) {
            self.bump();
        }
        Ok(())
    }

    fn add_key(&self, vm: &Vm, key: Object) -> PyResult<()> {
        let hash = vm.hash(&key)?;
        self.add_entry(vm, key, hash)
    }

    /// Removes a key whose hash is known; whether it was there
    /// (`set_discard_entry`).
    fn discard_entry(&self, vm: &Vm, key: &Object, hash: i64) -> PyResult<bool> {
        let Probe::Active(index) = self.find(vm, key, hash)? else {
            return Ok(false);
        };
        let old = {
            let mut table = self.table.borrow_mut();
            table.used -= 1;
            std::mem::replace(&mut table.slots[index], Slot::Dummy)
        };
        drop(old);
        Ok(true)
    }

    /// Empties the set, back to the smallest table (`set_clear_internal`).
    fn clear(&self) {
        let old = std::mem::take(&mut *self.table.borrow_mut());
        self.bump();
        drop(old);
    }

    /// Resizes away the dummies if they are more than a quarter of the
    /// table, as `difference_update` does after removing.
    fn purge_dummies(&self) {
        let mut table = self.table.borrow_mut();
        if table.fill - table.used <= table.mask() / 4 {
            return;
        }
        let used = table.used;
        if table.resize(if used > 50000 { used * 2 } else { used * 4 }) {
            self.bump();
        }
    }

    /// Adds every key of another set (`set_merge`): one resize up front,
    /// and into an empty set a copy slot for slot when the sizes match.
    fn merge(&self, vm: &Vm, other: &SetObject) -> PyResult<()> {
        if std::ptr::eq(self, other) {
            return Ok(());
        }
        let (slots, fill, used) = {
            let o = other.table.borrow();
            (o.slots.clone(), o.fill, o.used)
        };
        if used == 0 {
            return Ok(());
        }
        {
            let mut table = self.table.borrow_mut();
            if (table.fill + used) * 5 >= table.mask() * 3 {
                let minused = (table.used + used) * 2;
                if table.resize(minused) {
                    self.bump();
                }
            }
            if table.fill == 0 && table.slots.len() == slots.len() && fill == used {
                for (i, slot) in slots.into_iter().enumerate() {
                    if let Slot::Active(..) = slot {
                        table.slots[i] = slot;
                    }
                }
                table.fill = fill;
                table.used = used;
                return Ok(());
            }
            if table.fill == 0 {
                table.fill = used;
                table.used = used;
                for slot in slots {
                    if let Slot::Active(hash, key) = slot {
                        insert_clean(&mut table.slots, key, hash);
                    }
                }
                return Ok(());
            }
        }
        for slot in slots {
            if let Slot::Active(hash, key) = slot {
                self.add_entry(vm, key, hash)?;
            }
        }
        Ok(())
    }

    /// Adds a dict's keys, with the hashes the dict already knows.
    fn update_from_dict(&self, vm: &Vm, dict: &DictObject) -> PyResult<()> {
        let entries = dict.dict.keys_with_hashes();
        {
            let mut table = self.table.borrow_mut();
            if (table.fill + entries.len()) * 5 >= table.mask() * 3 {
                let minused = (table.used + entries.len()) * 2;
                if table.resize(minused) {
                    self.bump();
                }
            }
        }
        for (key, hash) in entries {
            self.add_entry(vm, key, hash)?;
        }
        Ok(())
    }

    /// `s.update(other)` for one iterable (`set_update_internal`).
    fn update(&self, vm: &Vm, other: &Object) -> PyResult<()> {
        if let Some(o) = other.payload::<SetObject>() {
            return self.merge(vm, o);
        }
        if vm.type_of(other).is(&vm.types.dict) {
            if let Some(d) = other.payload::<DictObject>() {
                return self.update_from_dict(vm, d);
            }
        }
        let it = vm.iter(other)?;
        while let Some(key) = vm.next(&it)? {
            self.add_key(vm, key)?;
        }
        Ok(())
    }

    /// Exchanges the contents of two sets (`set_swap_bodies`).
    fn swap_bodies(&self, other: &SetObject) {
        std::mem::swap(
            &mut *self.table.borrow_mut(),
            &mut *other.table.borrow_mut(),
        );
        self.bump();
        other.bump();
        self.hash.set(-1);
        other.hash.set(-1);
    }

    /// The hash of the frozenset with these keys (`frozenset_hash`):
    /// order-independent, mixing each key's hash.
    fn frozen_hash(&self) -> i64 {
        fn shuffle(h: u64) -> u64 {
            ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
        }
        let table = self.table.borrow();
        let mut hash: u64 = 0;
        for slot in &table.slots {
            if let Slot::Active(h, _) = slot {
                hash ^= shuffle(*h as u64);
            }
        }
        hash ^= (table.used as u64 + 1).wrapping_mul(1927868237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907133923);
        if hash == u64::MAX {
            hash = 590923713;
        }
        hash as i64
    }
}

fn set_of(o: &Object) -> &SetObject {
    o.payload::<SetObject>().expect("a set")
}

fn is_frozen(vm: &Vm, o: &Object) -> bool {
    vm.is_instance(o, &vm.types.frozenset)
}

/// A new empty set of the base type of `like`: `set` for sets and their
/// subclasses, `frozenset` for the others (`make_new_set_basetype`).
fn new_like(vm: &Vm, like: &Object) -> Object {
    let ty = if is_frozen(vm, like) {
        &vm.types.frozenset
    } else {
        &vm.types.set
    };
    object::alloc(ty, SetObject::default())
}

pub fn new_set(vm: &Vm, items: Vec<Object>) -> PyResult<Object> {
    let set = object::alloc(&vm.types.set, SetObject::default());
    for item in items {
        set_of(&set).add_key(vm, item)?;
    }
    Ok(set)
}

pub fn new_frozenset(vm: &Vm, items: Vec<Object>) -> PyResult<Object> {
    let set = object::alloc(&vm.types.frozenset, SetObject::default());
    for item in items {
        set_of(&set).add_key(vm, item)?;
    }
    Ok(set)
}

/// A frozenset constant of a code object, with its items in CPython's
/// slots. CPython's compiler makes it from the items, then once more
/// from its own iteration order when it merges constants (compile.c's
/// `merge_consts_recursive`), and a third time when making the code
/// object swaps one of its strs for an equal one interned before
/// (codeobject.c's `intern_string_constants`): keys whose probes
/// collide can change places at each round. Which strs CPython has
/// interned by then depends on all the code it ran; one-character
/// names always are.
pub fn new_constant_frozenset(vm: &Vm, items: Vec<Object>) -> PyResult<Object> {
    let interned_before = items.iter().any(|item| {
        vm.type_of(item).is(&vm.types.str)
            && item.payload::<StrObject>().is_some_and(|s| {
                s.len() == 1
                    && char::from_u32(s.code_point(0))
                        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            })
    });
    let mut set = new_frozenset(vm, items)?;
    for _ in 0..if interned_before { 2 } else { 1 } {
        set = new_frozenset(vm, set_of(&set).keys())?;
    }
    Ok(set)
}

/// A new set (of type `ty`) holding the items of `iterable`.
pub fn set_from_iterable(vm: &Vm, ty: &Object, iterable: &Object) -> PyResult<Object> {
    let set = object::alloc(ty, SetObject::default());
    set_of(&set).update(vm, iterable)?;
    Ok(set)
}

/// `s.add(item)` (`PySet_Add`).
pub fn set_add(vm: &Vm, set: &Object, item: Object) -> PyResult<()> {
    set_of(set).add_key(vm, item)
}

/// `s.update(iterable)` (`_PySet_Update`).
pub fn set_update(vm: &Vm, set: &Object, iterable: &Object) -> PyResult<()> {
    set_of(set).update(vm, iterable)
}

/// `s.symmetric_difference_update(other)`.
pub fn set_symmetric_difference_update(vm: &Vm, set: &Object, other: &Object) -> PyResult<()> {
    symmetric_difference_update(vm, set, other)
}

/// `s.difference_update(other)`.
pub fn set_difference_update(vm: &Vm, set: &Object, other: &Object) -> PyResult<()> {
    difference_update(vm, set, other)
}

/// The hash a key is looked up with; a set key is looked up as the
/// frozenset with its items, so that `{1} in {frozenset({1})}`.
fn key_hash(vm: &Vm, key: &Object) -> PyResult<i64> {
    match vm.hash(key) {
        Ok(h) => Ok(h),
        Err(e) => match key.payload::<SetObject>() {
            Some(s) if e.matches(vm, &vm.exceptions.type_error) => Ok(s.frozen_hash()),
            _ => Err(e),
        },
    }
}

pub fn set_contains(vm: &Vm, set: &Object, key: &Object) -> PyResult<bool> {
    let hash = key_hash(vm, key)?;
    set_of(set).contains_entry(vm, key, hash)
}

fn copy(vm: &Vm, so: &Object) -> PyResult<Object> {
    let result = new_like(vm, so);
    set_of(&result).merge(vm, set_of(so))?;
    Ok(result)
}

/// `so & other` for one other iterable (`set_intersection`).
fn intersection(vm: &Vm, so: &Object, other: &Object) -> PyResult<Object> {
    if so.is(other) {
        return copy(vm, so);
    }
    let result = new_like(vm, so);
    let rs = set_of(&result);
    if let Some(o) = other.payload::<SetObject>() {
        let (big, small) = if o.len() > set_of(so).len() {
            (o, set_of(so))
        } else {
            (set_of(so), o)
        };
        for (key, hash) in small.entries() {
            if big.contains_entry(vm, &key, hash)? {
                rs.add_entry(vm, key, hash)?;
            }
        }
        return Ok(result);
    }
    let it = vm.iter(other)?;
    while let Some(key) = vm.next(&it)? {
        let hash = vm.hash(&key)?;
        if set_of(so).contains_entry(vm, &key, hash)? {
            rs.add_entry(vm, key, hash)?;
            if rs.len() >= set_of(so).len() {
                break;
            }
        }
    }
    Ok(result)
}

fn intersection_multi(vm: &Vm, so: &Object, others: &[Object]) -> PyResult<Object> {
    if others.is_empty() {
        return copy(vm, so);
    }
    let mut result = so.clone();
    for other in others {
        result = intersection(vm, &result, other)?;
    }
    Ok(result)
}

/// Removes the items of `other` from `so` (`set_difference_update_internal`).
fn difference_update(vm: &Vm, so: &Object, other: &Object) -> PyResult<()> {
    let s = set_of(so);
    if so.is(other) {
        s.clear();
        return Ok(());
    }
    if let Some(o) = other.payload::<SetObject>() {
        let entries = if (o.len() >> 3) > s.len() {
            set_of(&intersection(vm, so, other)?).entries()
        } else {
            o.entries()
        };
        for (key, hash) in entries {
            s.discard_entry(vm, &key, hash)?;
        }
    } else {
        let it = vm.iter(other)?;
        while let Some(key) = vm.next(&it)? {
            let hash = vm.hash(&key)?;
            s.discard_entry(vm, &key, hash)?;
        }
    }
    s.purge_dummies();
    Ok(())
}

fn copy_and_difference(vm: &Vm, so: &Object, other: &Object) -> PyResult<Object> {
    let result = copy(vm, so)?;
    difference_update(vm, &result, other)?;
    Ok(result)
}

/// `so - other` for one other iterable (`set_difference`).
fn difference(vm: &Vm, so: &Object, other: &Object) -> PyResult<Object> {
    let dict = other
        .payload::<DictObject>()
        .filter(|_| vm.type_of(other).is(&vm.types.dict));
    let other_size = match (other.payload::<SetObject>(), dict) {
        (Some(o), _) => o.len(),
        (None, Some(d)) => d.dict.len(),
        _ => return copy_and_difference(vm, so, other),
    };
    let s = set_of(so);
    if (s.len() >> 2) > other_size {
        return copy_and_difference(vm, so, other);
    }
    let result = new_like(vm, so);
    for (key, hash) in s.entries() {
        let present = match dict {
            Some(d) => d.dict.get_with_hash(vm, &key, hash)?.is_some(),
            None => set_of(other).contains_entry(vm, &key, hash)?,
        };
        if !present {
            set_of(&result).add_entry(vm, key, hash)?;
        }
    }
    Ok(result)
}

fn difference_multi(vm: &Vm, so: &Object, others: &[Object]) -> PyResult<Object> {
    let Some((first, rest)) = others.split_first() else {
        return copy(vm, so);
    };
    let result = difference(vm, so, first)?;
    for other in rest {
        difference_update(vm, &result, other)?;
    }
    Ok(result)
}

/// Keeps the items in exactly one of `so` and `other`
/// (`set_symmetric_difference_update`).
fn symmetric_difference_update(vm: &Vm, so: &Object, other: &Object) -> PyResult<()> {
    let s = set_of(so);
    if so.is(other) {
        s.clear();
        return Ok(());
    }
    let entries = if let Some(d) = other
        .payload::<DictObject>()
        .filter(|_| vm.type_of(other).is(&vm.types.dict))
    {
        d.dict.keys_with_hashes()
    } else if let Some(o) = other.payload::<SetObject>() {
        o.entries()
    } else {
        let tmp = new_like(vm, so);
        set_of(&tmp).update(vm, other)?;
        set_of(&tmp).entries()
    };
    for (key, hash) in entries {
        if !s.discard_entry(vm, &key, hash)? {
            s.add_entry(vm, key, hash)?;
        }
    }
    Ok(())
}

fn symmetric_difference(vm: &Vm, so: &Object, other: &Object) -> PyResult<Object> {
    let result = new_like(vm, so);
    set_of(&result).update(vm, other)?;
    symmetric_difference_update(vm, &result, so)?;
    Ok(result)
}

fn union_multi(vm: &Vm, so: &Object, others: &[Object]) -> PyResult<Object> {
    let result = copy(vm, so)?;
    for other in others {
        if !so.is(other) {
            set_of(&result).update(vm, other)?;
        }
    }
    Ok(result)
}

/// Whether every item of `so` is in `other` (`set_issubset`).
fn issubset(vm: &Vm, so: &Object, other: &Object) -> PyResult<bool> {
    let Some(o) = other.payload::<SetObject>() else {
        let tmp = set_from_iterable(vm, &vm.types.set, other)?;
        return issubset(vm, so, &tmp);
    };
    let s = set_of(so);
    if s.len() > o.len() {
        return Ok(false);
    }
    for (key, hash) in s.entries() {
        if !o.contains_entry(vm, &key, hash)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn issuperset(vm: &Vm, so: &Object, other: &Object) -> PyResult<bool> {
    if other.payload::<SetObject>().is_some() {
        return issubset(vm, other, so);
    }
    let it = vm.iter(other)?;
    while let Some(key) = vm.next(&it)? {
        if !set_contains(vm, so, &key)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn isdisjoint(vm: &Vm, so: &Object, other: &Object) -> PyResult<bool> {
    let s = set_of(so);
    if so.is(other) {
        return Ok(s.is_empty());
    }
    let exact = vm.type_of(other).is(&vm.types.set) || vm.type_of(other).is(&vm.types.frozenset);
    if let Some(o) = other.payload::<SetObject>().filter(|_| exact) {
        let (big, small) = if o.len() > s.len() { (o, s) } else { (s, o) };
        for (key, hash) in small.entries() {
            if big.contains_entry(vm, &key, hash)? {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    let it = vm.iter(other)?;
    while let Some(key) = vm.next(&it)? {
        if set_contains(vm, so, &key)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn set_richcompare(vm: &Vm, v: &Object, w: &Object, op: CompareOp) -> PyResult {
    let Some(ws) = w.payload::<SetObject>() else {
        return Ok(vm.not_implemented.clone());
    };
    let (vlen, wlen) = (set_of(v).len(), ws.len());
    let result = match op {
        CompareOp::Eq => vlen == wlen && issubset(vm, v, w)?,
        CompareOp::Ne => !(vlen == wlen && issubset(vm, v, w)?),
        CompareOp::Le => issubset(vm, v, w)?,
        CompareOp::Ge => issuperset(vm, v, w)?,
        CompareOp::Lt => vlen < wlen && issubset(vm, v, w)?,
        CompareOp::Gt => vlen > wlen && issuperset(vm, v, w)?,
    };
    Ok(vm.new_bool(result))
}

fn set_repr(vm: &Vm, s: &Object) -> PyResult {
    let name = vm.type_name(s);
    let Some(_guard) = crate::recursion::ReprGuard::enter(vm, s) else {
        return Ok(vm.new_str(&format!("{name}(...)")));
    };
    let keys = set_of(s).keys();
    if keys.is_empty() {
        return Ok(vm.new_str(&format!("{name}()")));
    }
    let mut body = String::new();
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            body.push_str(", ");
        }
        body.push_str(&vm.repr_string(key)?);
    }
    Ok(vm.new_str(&if vm.type_of(s).is(&vm.types.set) {
        format!("{{{body}}}")
    } else {
        format!("{name}({{{body}}})")
    }))
}

/// A binary operator's operands must both be sets or frozensets.
fn both_sets(a: &Object, b: &Object) -> bool {
    a.payload::<SetObject>().is_some() && b.payload::<SetObject>().is_some()
}

/// The `set` or `frozenset` a method's error message names.
fn base_name(vm: &Vm, o: &Object) -> &'static str {
    if is_frozen(vm, o) {
        "frozenset"
    } else {
        "set"
    }
}

fn one_arg<'a>(vm: &Vm, args: Args<'a>, method: &str) -> PyResult<(&'a Object, &'a Object)> {
    let name = format!("{}.{method}", base_name(vm, &args.values[0]));
    check_arity(vm, &name, args, 2, 2)?;
    Ok((&args.values[0], &args.values[1]))
}

fn no_args<'a>(vm: &Vm, args: Args<'a>, method: &str) -> PyResult<&'a Object> {
    let name = format!("{}.{method}", base_name(vm, &args.values[0]));
    check_arity(vm, &name, args, 1, 1)?;
    Ok(&args.values[0])
}

fn var_args<'a>(vm: &Vm, args: Args<'a>, method: &str) -> PyResult<(&'a Object, &'a [Object])> {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!(
            "{}.{method}() takes no keyword arguments",
            base_name(vm, &args.values[0])
        )));
    }
    Ok((&args.values[0], &args.values[1..]))
}

/// `set(iterable=())` and `frozenset(iterable=())`: the arguments, with
/// CPython's messages naming the type called.
fn constructor_arg<'a>(
    vm: &Vm,
    ty: &Object,
    args: Args<'a>,
    base: &str,
) -> PyResult<Option<&'a Object>> {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("{base}() takes no keyword arguments")));
    }
    if args.values.len() > 1 {
        return Err(vm.new_type_error(format!(
            "{} expected at most 1 argument, got {}",
            type_payload(ty).name(),
            args.values.len()
        )));
    }
    Ok(args.values.first())
}

pub(crate) fn init(vm: &Vm) {
    for ty in [&vm.types.set, &vm.types.frozenset] {
        let tp = type_payload(ty);
        tp.slots.repr.set(Some(set_repr));
        tp.slots.length.set(Some(|_, s| Ok(set_of(s).len())));
        tp.slots.sq_contains.set(Some(set_contains));
        tp.slots.iter.set(Some(|vm, s| Ok(new_set_iterator(vm, s))));
        tp.slots.richcompare.set(Some(set_richcompare));
        tp.slots.nb_or.set(Some(|vm, a, b| {
            if !both_sets(a, b) {
                return Ok(vm.not_implemented.clone());
            }
            let result = copy(vm, a)?;
            if !a.is(b) {
                set_of(&result).update(vm, b)?;
            }
            Ok(result)
        }));
        tp.slots.nb_and.set(Some(|vm, a, b| {
            if !both_sets(a, b) {
                return Ok(vm.not_implemented.clone());
            }
            intersection(vm, a, b)
        }));
        tp.slots.nb_subtract.set(Some(|vm, a, b| {
            if !both_sets(a, b) {
                return Ok(vm.not_implemented.clone());
            }
            difference(vm, a, b)
        }));
        tp.slots.nb_xor.set(Some(|vm, a, b| {
            if !both_sets(a, b) {
                return Ok(vm.not_implemented.clone());
            }
            symmetric_difference(vm, a, b)
        }));
    }

    let tp = type_payload(&vm.types.set);
    tp.slots
        .hash
        .set(Some(crate::objects::object::hash_not_implemented));
    tp.slots.new.set(Some(|vm, ty, args| {
        if ty.is(&vm.types.set) && args.has_keywords() {
            return Err(vm.new_type_error("set() takes no keyword arguments"));
        }
        Ok(object::alloc(ty, SetObject::default()))
    }));
    tp.slots.init.set(Some(|vm, s, args| {
        let iterable = constructor_arg(vm, vm.type_of(s), args, "set")?;
        if set_of(s).table.borrow().fill > 0 {
            set_of(s).clear();
        }
        set_of(s).hash.set(-1);
        match iterable {
            Some(it) => set_of(s).update(vm, it),
            None => Ok(()),
        }
    }));
    tp.slots.nb_inplace_or.set(Some(|vm, a, b| {
        if b.payload::<SetObject>().is_none() {
            return Ok(vm.not_implemented.clone());
        }
        set_of(a).update(vm, b)?;
        Ok(a.clone())
    }));
    tp.slots.nb_inplace_and.set(Some(|vm, a, b| {
        if b.payload::<SetObject>().is_none() {
            return Ok(vm.not_implemented.clone());
        }
        let tmp = intersection(vm, a, b)?;
        set_of(a).swap_bodies(set_of(&tmp));
        Ok(a.clone())
    }));
    tp.slots.nb_inplace_subtract.set(Some(|vm, a, b| {
        if b.payload::<SetObject>().is_none() {
            return Ok(vm.not_implemented.clone());
        }
        difference_update(vm, a, b)?;
        Ok(a.clone())
    }));
    tp.slots.nb_inplace_xor.set(Some(|vm, a, b| {
        if b.payload::<SetObject>().is_none() {
            return Ok(vm.not_implemented.clone());
        }
        symmetric_difference_update(vm, a, b)?;
        Ok(a.clone())
    }));

    let tp = type_payload(&vm.types.frozenset);
    tp.slots.hash.set(Some(|_, s| {
        let set = set_of(s);
        if set.hash.get() == -1 {
            set.hash.set(set.frozen_hash());
        }
        Ok(set.hash.get())
    }));
    tp.slots.new.set(Some(|vm, ty, args| {
        let iterable = constructor_arg(vm, ty, args, "frozenset")?;
        if let Some(it) = iterable {
            if ty.is(&vm.types.frozenset) && vm.type_of(it).is(&vm.types.frozenset) {
                return Ok(it.clone());
            }
            return set_from_iterable(vm, ty, it);
        }
        Ok(object::alloc(ty, SetObject::default()))
    }));

    for ty in [&vm.types.set, &vm.types.frozenset] {
        crate::slots::add_slot_wrappers(vm, ty);
        if ty.is(&vm.types.set) {
            type_payload(ty)
                .dict
                .set_str(vm, vm.names.__hash__.clone(), vm.none.clone());
        }
        crate::objects::function::add_methods(
            vm,
            ty,
            &[
                ("__reduce__", |vm, args| {
                    let s = no_args(vm, args, "__reduce__")?;
                    let items = vm.new_list(vm.collect_iterable(s)?);
                    let state = crate::objects::reduce::object_getstate(vm, s, false)?;
                    Ok(vm.new_tuple(vec![
                        vm.type_of(s).clone(),
                        vm.new_tuple(vec![items]),
                        state,
                    ]))
                }),
                ("copy", |vm, args| {
                    let s = no_args(vm, args, "copy")?;
                    if vm.type_of(s).is(&vm.types.frozenset) {
                        return Ok(s.clone());
                    }
                    copy(vm, s)
                }),
                ("union", |vm, args| {
                    let (s, others) = var_args(vm, args, "union")?;
                    union_multi(vm, s, others)
                }),
                ("intersection", |vm, args| {
                    let (s, others) = var_args(vm, args, "intersection")?;
                    intersection_multi(vm, s, others)
                }),
                ("difference", |vm, args| {
                    let (s, others) = var_args(vm, args, "difference")?;
                    difference_multi(vm, s, others)
                }),
                ("symmetric_difference", |vm, args| {
                    let (s, other) = one_arg(vm, args, "symmetric_difference")?;
                    symmetric_difference(vm, s, other)
                }),
                ("issubset", |vm, args| {
                    let (s, other) = one_arg(vm, args, "issubset")?;
                    Ok(vm.new_bool(issubset(vm, s, other)?))
                }),
                ("issuperset", |vm, args| {
                    let (s, other) = one_arg(vm, args, "issuperset")?;
                    Ok(vm.new_bool(issuperset(vm, s, other)?))
                }),
                ("isdisjoint", |vm, args| {
                    let (s, other) = one_arg(vm, args, "isdisjoint")?;
                    Ok(vm.new_bool(isdisjoint(vm, s, other)?))
                }),
            ],
        );
    }
    crate::objects::function::add_methods(
        vm,
        &vm.types.set,
        &[
            ("add", |vm, args| {
                let (s, key) = one_arg(vm, args, "add")?;
                set_of(s).add_key(vm, key.clone())?;
                Ok(vm.none.clone())
            }),
            ("remove", |vm, args| {
                let (s, key) = one_arg(vm, args, "remove")?;
                let hash = key_hash(vm, key)?;
                if !set_of(s).discard_entry(vm, key, hash)? {
                    return Err(vm.new_key_error(key.clone()));
                }
                Ok(vm.none.clone())
            }),
            ("discard", |vm, args| {
                let (s, key) = one_arg(vm, args, "discard")?;
                let hash = key_hash(vm, key)?;
                set_of(s).discard_entry(vm, key, hash)?;
                Ok(vm.none.clone())
            }),
            ("pop", |vm, args| {
                let s = no_args(vm, args, "pop")?;
                set_pop(vm, set_of(s))
            }),
            ("clear", |vm, args| {
                let s = no_args(vm, args, "clear")?;
                set_of(s).clear();
                Ok(vm.none.clone())
            }),
            ("update", |vm, args| {
                let (s, others) = var_args(vm, args, "update")?;
                for other in others {
                    set_of(s).update(vm, other)?;
                }
                Ok(vm.none.clone())
            }),
            ("intersection_update", |vm, args| {
                let (s, others) = var_args(vm, args, "intersection_update")?;
                let tmp = intersection_multi(vm, s, others)?;
                set_of(s).swap_bodies(set_of(&tmp));
                Ok(vm.none.clone())
            }),
            ("difference_update", |vm, args| {
                let (s, others) = var_args(vm, args, "difference_update")?;
                for other in others {
                    difference_update(vm, s, other)?;
                }
                Ok(vm.none.clone())
            }),
            ("symmetric_difference_update", |vm, args| {
                let (s, other) = one_arg(vm, args, "symmetric_difference_update")?;
                symmetric_difference_update(vm, s, other)?;
                Ok(vm.none.clone())
            }),
        ],
    );

    let tp = type_payload(&vm.types.set_iterator);
    tp.slots.iter.set(Some(|_, it| Ok(it.clone())));
    tp.slots.iternext.set(Some(set_iterator_next));
    crate::slots::add_slot_wrappers(vm, &vm.types.set_iterator);
    crate::objects::function::add_methods(
        vm,
        &vm.types.set_iterator,
        &[("__length_hint__", |vm, args| {
            check_arity(vm, "__length_hint__", args, 1, 1)?;
            let it = args.values[0]
                .payload::<SetIterator>()
                .ok_or_else(|| vm.new_type_error("expected a set iterator"))?;
            let set = it.set.borrow().clone();
            let n = match set {
                Some(s) if set_of(&s).len() as isize == it.used.get() => it.remaining.get(),
                _ => 0,
            };
            Ok(vm.new_int(n as i64))
        })],
    );
}

/// `s.pop()`: the first active slot from where the last pop stopped.
fn set_pop(vm: &Vm, s: &SetObject) -> PyResult {
    let mut table = s.table.borrow_mut();
    if table.used == 0 {
        drop(table);
        return Err(vm.new_key_error(vm.new_str("pop from an empty set")));
    }
    let mask = table.mask();
    let mut i = s.finger.get() & mask;
    while !matches!(table.slots[i], Slot::Active(..)) {
        i = if i == mask { 0 } else { i + 1 };
    }
    let Slot::Active(_, key) = std::mem::replace(&mut table.slots[i], Slot::Dummy) else {
        unreachable!("the loop stops at an active slot")
    };
    table.used -= 1;
    s.finger.set(i + 1);
    Ok(key)
}

/// A set's iterator (`setiterobject`): the slot position, and the size
/// the set had, which must not change.
#[derive(krait_derive::Traverse)]
pub struct SetIterator {
    set: RefCell<Option<Object>>,
    used: Cell<isize>,
    position: Cell<usize>,
    remaining: Cell<usize>,
}

fn new_set_iterator(vm: &Vm, s: &Object) -> Object {
    let len = set_of(s).len();
    object::alloc(
        &vm.types.set_iterator,
        SetIterator {
            set: RefCell::new(Some(s.clone())),
            used: Cell::new(len as isize),
            position: Cell::new(0),
            remaining: Cell::new(len),
        },
    )
}

fn set_iterator_next(vm: &Vm, it: &Object) -> PyResult<Option<Object>> {
    let it = it.payload::<SetIterator>().expect("a set iterator");
    let Some(set) = it.set.borrow().clone() else {
        return Ok(None);
    };
    let s = set_of(&set);
    if it.used.get() != s.len() as isize {
        it.used.set(-1);
        return Err(vm.new_runtime_error("Set changed size during iteration"));
    }
    let found = {
        let table = s.table.borrow();
        let mut i = it.position.get();
        while i < table.slots.len() && !matches!(table.slots[i], Slot::Active(..)) {
            i += 1;
        }
        it.position.set(i + 1);
        match table.slots.get(i) {
            Some(Slot::Active(_, key)) => Some(key.clone()),
            _ => None,
        }
    };
    match found {
        Some(key) => {
            it.remaining.set(it.remaining.get().saturating_sub(1));
            Ok(Some(key))
        }
        None => {
            let old = it.set.borrow_mut().take();
            drop(old);
            Ok(None)
        }
    }
}
