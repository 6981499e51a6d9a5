//! Type version tags and the method cache (Objects/typeobject.c's
//! `assign_version_tag`, `PyType_Modified` and the cache of
//! `_PyType_Lookup`).
//!
//! A type's version tag names the state of the namespaces along its MRO:
//! while the tag stays the same, looking a name up on the type finds
//! what it found before. The method cache and the eval loop's
//! specialized attribute instructions are keyed by it, and may hold
//! borrowed references to what the lookup found, which the namespaces
//! keep alive while the tag holds.
//!
//! CPython clears the tags of a changed type's subclasses through its
//! list of them. Krait stamps changes instead: every change to a type's
//! namespace takes a new stamp from one counter that only grows (the
//! dict calls [`next_stamp`] before a change and again after it, before
//! dropping anything it removed), and a type remembers the stamp at
//! which its tag was last found good. While nothing was stamped since,
//! the tag holds without a look; otherwise it holds if no namespace
//! along the MRO has a newer stamp, and a type whose ancestor changed
//! gets a new tag. No type needs to know its subclasses, so nothing
//! refers to a type that may be freed.

use crate::object::{type_payload, Object};
use crate::typeobject::TypeObject;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicU64, Ordering};

/// The last stamp given out; stamps are only compared, so one counter
/// serves every interpreter of the process.
static STAMPS: AtomicU64 = AtomicU64::new(1);

/// A stamp newer than every stamp so far.
pub fn next_stamp() -> u64 {
    STAMPS.fetch_add(1, Ordering::Relaxed) + 1
}

#[inline]
fn last_stamp() -> u64 {
    STAMPS.load(Ordering::Relaxed)
}

impl TypeObject {
    /// The type's version tag, 0 if the tags have run out.
    #[inline]
    pub fn version_tag(&self, vm: &Vm) -> u32 {
        let now = last_stamp();
        if self.tag_checked.get() == now {
            return self.version_tag.get();
        }
        self.check_version_tag(vm, now)
    }

    /// Something was stamped since the tag was last checked: keeps it if
    /// no namespace along the MRO changed, else gives a new one.
    #[cold]
    fn check_version_tag(&self, vm: &Vm, now: u64) -> u32 {
        let since = self.tag_checked.get();
        let tag = self.version_tag.get();
        let mro = self.mro.borrow();
        let holds = tag != 0
            && !mro.is_empty()
            && self.dict.stamp() <= since
            && mro.iter().all(|t| type_payload(t).dict.stamp() <= since);
        if !holds {
            let next = vm.next_type_version.get();
            if next != 0 {
                vm.next_type_version.set(next.wrapping_add(1));
            }
            self.version_tag.set(next);
        }
        self.tag_checked.set(now);
        self.version_tag.get()
    }

    /// Marks the type changed in a way its namespace does not show (its
    /// MRO): its tag and its subclasses' are checked again
    /// (`PyType_Modified`).
    pub fn modified(&self) {
        self.dict.stamp_change();
    }
}

/// How many entries the method cache has (`MCACHE_SIZE_EXP` 12).
const METHOD_CACHE_SIZE: usize = 1 << 12;

/// One entry: what looking `name` up on a type with tag `tag` finds.
#[derive(Default)]
struct Entry {
    tag: Cell<u32>,
    /// The name's address, compared; `owner` keeps it alive, so that no
    /// other string takes the address while the entry names it.
    name: Cell<usize>,
    owner: RefCell<Option<Object>>,
    /// The value's address, borrowed (the namespace holding it keeps it
    /// alive while the tag holds), or 0 for a name not found.
    value: Cell<usize>,
}

/// The interpreter's method cache: lookups on types by version tag and
/// name (`struct type_cache`).
pub struct MethodCache {
    entries: Box<[Entry]>,
}

impl Default for MethodCache {
    fn default() -> Self {
        MethodCache {
            entries: (0..METHOD_CACHE_SIZE).map(|_| Entry::default()).collect(),
        }
    }
}

impl MethodCache {
    #[inline]
    fn entry(&self, tag: u32, name: &Object) -> &Entry {
        let index = (tag as usize ^ (name.id() >> 4)) & (METHOD_CACHE_SIZE - 1);
        &self.entries[index]
    }
}

/// `_PyType_Lookup`: `name` along the MRO of `tp`, through the cache.
pub fn lookup(vm: &Vm, tp: &TypeObject, name: &Object) -> Option<Object> {
    let tag = tp.version_tag(vm);
    if tag == 0 {
        return find_in_mro(vm, tp, name);
    }
    let entry = vm.method_cache.entry(tag, name);
    if entry.tag.get() == tag && entry.name.get() == name.id() {
        return match entry.value.get() {
            0 => None,
            // SAFETY: the value was found under this tag, which still
            // holds, so a namespace along the MRO still holds it.
            bits => Some((*std::mem::ManuallyDrop::new(unsafe { Object::from_raw(bits) })).clone()),
        };
    }
    let found = find_in_mro(vm, tp, name);
    // A lookup that ran Python code (a key's `__eq__`) may have changed a
    // namespace: the tag must still hold for the entry to be right.
    if tp.version_tag(vm) == tag {
        entry.tag.set(tag);
        entry.name.set(name.id());
        if entry.owner.borrow().as_ref().is_none_or(|o| !o.is(name)) {
            let old = entry.owner.replace(Some(name.clone()));
            drop(old);
        }
        entry.value.set(found.as_ref().map_or(0, Object::id));
    }
    found
}

fn find_in_mro(vm: &Vm, tp: &TypeObject, name: &Object) -> Option<Object> {
    for ty in tp.mro.borrow().iter() {
        if let Some(value) = type_payload(ty).dict.get_str(vm, name) {
            return Some(value);
        }
    }
    None
}
