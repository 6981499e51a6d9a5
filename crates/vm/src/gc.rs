//! The cycle collector (Modules/gcmodule.c, InternalDocs/garbage_collector.md).
//!
//! Reference counting frees everything but cycles; this finds the cycles
//! no one else refers to and frees them. Objects that can hold
//! references (their type has `HAVE_GC`) carry a [`GcLink`] just before
//! their header, and while tracked sit in one of three generations,
//! doubly linked lists, as in CPython: new objects go into generation 0,
//! survivors of a collection move one generation up, and a generation
//! is collected when the count of its allocations (for generation 0) or
//! of the younger generation's collections passes its threshold
//! (700, 10, 10).
//!
//! A collection of a generation (with the younger ones merged in) is
//! CPython's:
//!
//! 1. `update_refs`: each object's `gc_refs` starts as its refcount;
//! 2. `subtract_refs`: each reference from an object of the generation to
//!    another is subtracted, through the types' `traverse` (derived from
//!    their fields, `traverse.rs`): what is left counts the references
//!    from outside;
//! 3. `move_unreachable`: objects with references from outside, and
//!    everything they reach, are reachable; the rest is garbage;
//! 4. weak references to the garbage are cleared, their callbacks called
//!    when the weakref itself is not garbage;
//! 5. finalizers (`__del__`) run, once per object (PEP 442), and objects
//!    they resurrected are found again by steps 1–3 and spared;
//! 6. `delete_garbage`: each object's references are cleared, which
//!    breaks the cycles, and reference counting frees them.
//!
//! Collections triggered by allocation run at the eval loop's next safe
//! point (a function's start or a backward jump, as in CPython 3.12),
//! never in the middle of Rust code that may hold a `RefCell` borrow.
//!
//! This module holds the collector's unsafe code: the lists link raw
//! pointers. Its invariants:
//!
//! - a tracked object's link is in exactly one list (a generation, the
//!   permanent generation, or a collection's local list), its `next` is
//!   null when untracked;
//! - an object leaves its list when it is freed (`untrack_freed`), so
//!   the lists only hold live objects, whose refcount is not zero: an
//!   object whose freeing is put off (`object.rs`'s trashcan) is
//!   untracked first;
//! - local list heads live on the collector's stack frame and are empty
//!   when it returns.

use crate::object::{type_payload, Object, ObjectHeader};
use crate::traverse::Cleared;
use crate::typeobject::flags;
use crate::vm::Vm;
use std::cell::Cell;
use std::ptr::{null, NonNull};

/// What a collectable object has before its header (`PyGC_Head`).
#[repr(C)]
pub(crate) struct GcLink {
    next: Cell<*const GcLink>,
    prev: Cell<*const GcLink>,
    /// The flags below, and during a collection `gc_refs` above them.
    state: Cell<usize>,
}

/// The size of the link before a collectable object's header.
pub(crate) const GC_PREFIX: usize = std::mem::size_of::<GcLink>();

/// `__del__` has run (PEP 442: once per object).
const FINALIZED: usize = 1;
/// The object is in the generation being collected.
const COLLECTING: usize = 2;
/// `move_unreachable` put it in the unreachable list, for now.
const UNREACHABLE: usize = 4;
const REFS_SHIFT: u32 = 3;
const FLAGS: usize = (1 << REFS_SHIFT) - 1;

impl GcLink {
    const fn new() -> GcLink {
        GcLink {
            next: Cell::new(null()),
            prev: Cell::new(null()),
            state: Cell::new(0),
        }
    }

    fn refs(&self) -> usize {
        self.state.get() >> REFS_SHIFT
    }

    fn set_refs(&self, refs: usize) {
        self.state
            .set((refs << REFS_SHIFT) | (self.state.get() & FLAGS));
    }

    fn has(&self, flag: usize) -> bool {
        self.state.get() & flag != 0
    }

    fn set(&self, flag: usize, on: bool) {
        let state = self.state.get();
        self.state
            .set(if on { state | flag } else { state & !flag });
    }
}

/// The head of a circular list of links (a generation, or a
/// collection's own list); boxed so that its address stays put.
struct ListHead(Box<GcLink>);

impl ListHead {
    fn new() -> ListHead {
        let head = ListHead(Box::new(GcLink::new()));
        head.0.next.set(head.ptr());
        head.0.prev.set(head.ptr());
        head
    }

    fn ptr(&self) -> *const GcLink {
        &*self.0
    }

    fn first(&self) -> Option<*const GcLink> {
        let next = self.0.next.get();
        (next != self.ptr()).then_some(next)
    }

    /// The links, in order; the list must not change while they are used.
    fn links(&self) -> Vec<*const GcLink> {
        let mut links = Vec::new();
        let mut link = self.0.next.get();
        while link != self.ptr() {
            links.push(link);
            // SAFETY: links in a list are live (module invariants).
            link = unsafe { (*link).next.get() };
        }
        links
    }

    fn len(&self) -> usize {
        self.links().len()
    }

    /// Appends `link`, which is in no list.
    ///
    /// # Safety
    /// `link` must be a live object's link.
    unsafe fn append(&self, link: *const GcLink) {
        let last = self.0.prev.get();
        (*link).prev.set(last);
        (*link).next.set(self.ptr());
        (*last).next.set(link);
        self.0.prev.set(link);
    }

    /// Moves every link of `self` to the end of `to` (`gc_list_merge`).
    fn merge_into(&self, to: &ListHead) {
        let Some(first) = self.first() else { return };
        let last = self.0.prev.get();
        let to_last = to.0.prev.get();
        // SAFETY: both lists' links are live.
        unsafe {
            (*to_last).next.set(first);
            (*first).prev.set(to_last);
            (*last).next.set(to.ptr());
        }
        to.0.prev.set(last);
        self.0.next.set(self.ptr());
        self.0.prev.set(self.ptr());
    }
}

/// Takes `link` out of its list.
///
/// # Safety
/// `link` must be tracked.
unsafe fn unlink(link: *const GcLink) {
    let (next, prev) = ((*link).next.get(), (*link).prev.get());
    (*prev).next.set(next);
    (*next).prev.set(prev);
    (*link).next.set(null());
    (*link).prev.set(null());
}

/// Moves a tracked `link` to the end of `to`.
///
/// # Safety
/// `link` must be tracked.
unsafe fn move_to(link: *const GcLink, to: &ListHead) {
    unlink(link);
    to.append(link);
}

/// One generation: its objects, and the count that decides when it is
/// collected.
struct Generation {
    head: ListHead,
    threshold: Cell<usize>,
    /// Allocations less deallocations (generation 0), or collections of
    /// the generation below since this one's last.
    count: Cell<usize>,
    collections: Cell<usize>,
    collected: Cell<usize>,
    uncollectable: Cell<usize>,
}

impl Generation {
    fn new(threshold: usize) -> Generation {
        Generation {
            head: ListHead::new(),
            threshold: Cell::new(threshold),
            count: Cell::new(0),
            collections: Cell::new(0),
            collected: Cell::new(0),
            uncollectable: Cell::new(0),
        }
    }
}

pub const NUM_GENERATIONS: usize = 3;

/// The `gc.DEBUG_*` flags the collector acts on.
pub mod debug {
    pub const STATS: u32 = 1;
    pub const COLLECTABLE: u32 = 2;
    pub const UNCOLLECTABLE: u32 = 4;
    pub const SAVEALL: u32 = 32;
    pub const LEAK: u32 = COLLECTABLE | UNCOLLECTABLE | SAVEALL;
}

/// The collector's state (`struct _gc_runtime_state`), shared by the
/// interpreter and every type object, so that allocating and freeing
/// find it from the type alone.
pub struct GcState {
    generations: [Generation; NUM_GENERATIONS],
    /// Objects `gc.freeze()` moved out of reach of collections.
    permanent: ListHead,
    pub enabled: Cell<bool>,
    collecting: Cell<bool>,
    /// Generation 0 passed its threshold: the eval loop collects at its
    /// next safe point.
    pub pending: Cell<bool>,
    /// Objects that survived a full collection, and those that moved
    /// into the oldest generation since: a full collection waits until
    /// the second is a quarter of the first (CPython's remedy for
    /// quadratic behaviour, bpo-4074).
    long_lived_total: Cell<usize>,
    long_lived_pending: Cell<usize>,
    pub debug: Cell<u32>,
    /// The interpreter is shutting down: its modules are gone.
    pub finalizing: Cell<bool>,
    /// The interpreter, once it is ready to run finalizers; null before
    /// and after.
    vm: Cell<*const Vm>,
}

impl GcState {
    pub(crate) fn new() -> GcState {
        GcState {
            generations: [
                Generation::new(700),
                Generation::new(10),
                Generation::new(10),
            ],
            permanent: ListHead::new(),
            enabled: Cell::new(true),
            collecting: Cell::new(false),
            pending: Cell::new(false),
            long_lived_total: Cell::new(0),
            long_lived_pending: Cell::new(0),
            debug: Cell::new(0),
            finalizing: Cell::new(false),
            vm: Cell::new(null()),
        }
    }

    /// The interpreter that finalizers and callbacks run in, if it is
    /// running.
    pub(crate) fn vm(&self) -> Option<&Vm> {
        // SAFETY: the pointer is set by `attach` to the boxed interpreter
        // and cleared by `detach` before the interpreter goes away.
        unsafe { self.vm.get().as_ref() }
    }

    pub(crate) fn attach(&self, vm: &Vm) {
        self.vm.set(vm);
    }

    /// Stops running Python code from deallocations: the interpreter is
    /// going away.
    pub(crate) fn detach(&self) {
        self.vm.set(null());
    }

    pub fn count(&self, generation: usize) -> usize {
        self.generations[generation].count.get()
    }

    pub fn threshold(&self, generation: usize) -> usize {
        self.generations[generation].threshold.get()
    }

    pub fn set_threshold(&self, generation: usize, value: usize) {
        self.generations[generation].threshold.set(value);
    }

    /// `gc.get_stats()`'s numbers for a generation: collections,
    /// collected, uncollectable.
    pub fn stats(&self, generation: usize) -> (usize, usize, usize) {
        let g = &self.generations[generation];
        (
            g.collections.get(),
            g.collected.get(),
            g.uncollectable.get(),
        )
    }

    /// Every object tracked in `generation` (all if None), for
    /// `gc.get_objects`.
    pub fn objects(&self, generation: Option<usize>) -> Vec<Object> {
        let heads: Vec<&ListHead> = match generation {
            Some(g) => vec![&self.generations[g].head],
            None => self.generations.iter().map(|g| &g.head).collect(),
        };
        heads
            .into_iter()
            .flat_map(|h| h.links())
            // SAFETY: the links are live objects'.
            .map(|link| unsafe { object_of(link) })
            .collect()
    }

    /// `gc.freeze()`: every tracked object moves to the permanent
    /// generation, which collections ignore.
    pub fn freeze(&self) {
        for g in &self.generations {
            g.head.merge_into(&self.permanent);
            g.count.set(0);
        }
    }

    /// `gc.unfreeze()`: the permanent generation goes back to the oldest.
    pub fn unfreeze(&self) {
        self.permanent
            .merge_into(&self.generations[NUM_GENERATIONS - 1].head);
    }

    pub fn freeze_count(&self) -> usize {
        self.permanent.len()
    }
}

/// Whether objects of type `ty` carry a link (`_PyObject_IS_GC`).
#[inline]
fn type_is_gc(ty: &Object) -> bool {
    type_payload(ty).has_flag(flags::HAVE_GC)
}

/// The link of a collectable object.
///
/// # Safety
/// The object's type must have `HAVE_GC`.
#[inline]
unsafe fn link_of(header: NonNull<ObjectHeader>) -> *const GcLink {
    (header.as_ptr() as *const u8).sub(GC_PREFIX) as *const GcLink
}

/// A new reference to the object whose link this is.
///
/// # Safety
/// `link` must be a live collectable object's link.
unsafe fn object_of(link: *const GcLink) -> Object {
    let header = (link as *const u8).add(GC_PREFIX) as usize;
    let borrowed = std::mem::ManuallyDrop::new(Object::from_raw(header));
    (*borrowed).clone()
}

/// The link of `object`, if it is collectable.
fn link(object: &Object) -> Option<&GcLink> {
    let header = object.header_ptr()?;
    let ty = object.heap_type()?;
    // SAFETY: a collectable object's link is before its header, alive as
    // long as the object.
    type_is_gc(ty).then(|| unsafe { &*link_of(header) })
}

/// Whether objects like `object` carry a link (`PyObject_IS_GC`).
pub fn is_collectable(object: &Object) -> bool {
    link(object).is_some()
}

/// Whether the collector tracks `object` (`gc.is_tracked`).
pub fn is_tracked(object: &Object) -> bool {
    link(object).is_some_and(|l| !l.next.get().is_null())
}

/// Whether `object`'s finalizer has run (`gc.is_finalized`).
pub fn is_finalized(object: &Object) -> bool {
    link(object).is_some_and(|l| l.has(FINALIZED))
}

/// Whether `object` may be tracked now or later
/// (`_PyObject_GC_MAY_BE_TRACKED`): a collectable object, but a tuple
/// only while tracked (an untracked tuple holds nothing collectable).
pub fn may_be_tracked(vm: &Vm, object: &Object) -> bool {
    match link(object) {
        None => false,
        Some(l) => !vm.type_of(object).is(&vm.types.tuple) || !l.next.get().is_null(),
    }
}

/// Tracks a collectable object again (`PyObject_GC_Track`), in
/// generation 0; nothing if it is tracked already.
pub fn track(object: &Object) {
    let (Some(l), Some(ty)) = (link(object), object.heap_type()) else {
        return;
    };
    if l.next.get().is_null() {
        let state = &type_payload(ty).gc;
        // SAFETY: the link is the live object's, in no list.
        unsafe { state.generations[0].head.append(l) };
    }
}

/// Stops tracking an object (`PyObject_GC_UnTrack`).
pub fn untrack(object: &Object) {
    if let Some(l) = link(object) {
        if !l.next.get().is_null() {
            // SAFETY: the link is in a list.
            unsafe { unlink(l) };
        }
    }
}

/// Tracks a new collectable object and counts its allocation, which may
/// schedule a collection (`_PyObject_GC_Link`, `gc_collect_if_needed`).
///
/// # Safety
/// `header` must be a new object of a type with `HAVE_GC`, whose link
/// is all zero.
pub(crate) unsafe fn track_new(state: &GcState, header: NonNull<ObjectHeader>) {
    let gen0 = &state.generations[0];
    gen0.head.append(link_of(header));
    let count = gen0.count.get() + 1;
    gen0.count.set(count);
    if count > gen0.threshold.get()
        && gen0.threshold.get() != 0
        && state.enabled.get()
        && !state.collecting.get()
    {
        state.pending.set(true);
    }
}

/// Untracks an object being freed and counts the deallocation
/// (`PyObject_GC_Del`).
///
/// # Safety
/// `header` must be an object of a type with `HAVE_GC` being freed.
pub(crate) unsafe fn untrack_freed(state: &GcState, header: NonNull<ObjectHeader>) {
    let link = link_of(header);
    if !(*link).next.get().is_null() {
        unlink(link);
    }
    let gen0 = &state.generations[0];
    gen0.count.set(gen0.count.get().saturating_sub(1));
}

/// Untracks an object whose freeing is put off, so that no collection
/// sees it with no references.
///
/// # Safety
/// `header` must be an object whose count is zero.
pub(crate) unsafe fn untrack_dying(ty: &Object, header: NonNull<ObjectHeader>) {
    if type_is_gc(ty) {
        let link = link_of(header);
        if !(*link).next.get().is_null() {
            unlink(link);
        }
    }
}

/// Whether the finalizer of `header` has run; marks it as run. An
/// object that is not collectable has nowhere to keep the mark, and its
/// finalizer runs each time it is freed, as in CPython.
///
/// # Safety
/// `header` must be a live object of type `ty`.
pub(crate) unsafe fn test_and_set_finalized(ty: &Object, header: NonNull<ObjectHeader>) -> bool {
    if !type_is_gc(ty) {
        return false;
    }
    let link = &*link_of(header);
    let was = link.has(FINALIZED);
    link.set(FINALIZED, true);
    was
}

/// Calls `visit` on each reference `object` holds (`tp_traverse`): its
/// type, its payload's references and its instance words.
pub fn traverse_object(object: &Object, visit: &mut dyn FnMut(&Object)) {
    let Some(ty) = object.heap_type() else { return };
    visit(ty);
    let tp = type_payload(ty);
    (tp.layout.traverse_fn())(object, visit);
    for &offset in tp.instance_slot_offsets().iter() {
        // SAFETY: the type places an instance word at each offset.
        let slot = unsafe { object.instance_slot(offset) };
        crate::traverse::Traverse::traverse(slot, visit);
    }
}

/// Drops the references `object` holds that can be dropped, to break a
/// cycle (`tp_clear`).
fn clear_object(vm: &Vm, object: &Object) {
    let mut cleared = Cleared::default();
    let tp = vm.type_payload_of(object);
    (tp.layout.clear_fn())(object, vm, &mut cleared);
    for &offset in tp.instance_slot_offsets().iter() {
        // SAFETY: the type places an instance word at each offset.
        let slot = unsafe { object.instance_slot(offset) };
        crate::traverse::Traverse::clear(slot, vm, &mut cleared);
    }
    drop(cleared);
}

/// The link of a referent that is in the collection: tracked, and
/// marked COLLECTING.
fn collecting_link(object: &Object) -> Option<&GcLink> {
    link(object).filter(|l| l.has(COLLECTING))
}

/// Steps 1 to 3 (`deduce_unreachable`): moves what nothing outside
/// `young` reaches into `unreachable`, which keeps the COLLECTING mark.
fn deduce_unreachable(young: &ListHead, unreachable: &ListHead) {
    // update_refs
    for link in young.links() {
        // SAFETY: the link is a live object's; its count is not zero.
        unsafe {
            let header = (link as *const u8).add(GC_PREFIX) as *const ObjectHeader;
            let refcount = (*header).refcount_value();
            (*link).set(COLLECTING, true);
            (*link).set_refs(refcount);
        }
    }
    // subtract_refs
    for link in young.links() {
        // SAFETY: as above.
        let object = unsafe { object_of(link) };
        traverse_object(&object, &mut |referent| {
            if let Some(l) = collecting_link(referent) {
                l.set_refs(l.refs().saturating_sub(1));
            }
        });
    }
    move_unreachable(young, unreachable);
}

/// Step 3 (`move_unreachable`): walks `young` in order; an object with
/// references from outside is reachable, and so is what it refers to,
/// which goes back to the end of `young` if it had been moved to
/// `unreachable` already.
fn move_unreachable(young: &ListHead, unreachable: &ListHead) {
    let mut link = young.0.next.get();
    while link != young.ptr() {
        // SAFETY: links in lists are live objects'.
        let l = unsafe { &*link };
        if l.refs() > 0 {
            let object = unsafe { object_of(link) };
            traverse_object(&object, &mut |referent| {
                let Some(r) = collecting_link(referent) else {
                    return;
                };
                if r.has(UNREACHABLE) {
                    r.set(UNREACHABLE, false);
                    // SAFETY: the referent's link is in `unreachable`.
                    unsafe { move_to(r, young) };
                    r.set_refs(1);
                } else if r.refs() == 0 {
                    r.set_refs(1);
                }
            });
            l.set(COLLECTING, false);
            link = l.next.get();
        } else {
            let next = l.next.get();
            l.set(UNREACHABLE, true);
            // SAFETY: the link is in `young`.
            unsafe { move_to(link, unreachable) };
            link = next;
        }
    }
    for link in unreachable.links() {
        // SAFETY: as above.
        unsafe { (*link).set(UNREACHABLE, false) };
    }
}

/// Whether the exact tuple or dict `object` holds anything collectable.
fn holds_collectable(vm: &Vm, object: &Object) -> bool {
    let mut found = false;
    let tp = vm.type_payload_of(object);
    (tp.layout.traverse_fn())(object, &mut |item| {
        found = found || may_be_tracked(vm, item);
    });
    found
}

/// Untracks the exact tuples (and dicts, in full collections) of
/// `young` that hold nothing collectable (`untrack_tuples`,
/// `untrack_dicts`): they cannot be part of a cycle until they change,
/// and a tuple never does.
fn untrack_atomic(vm: &Vm, young: &ListHead, dicts: bool) {
    for link in young.links() {
        // SAFETY: as above.
        let object = unsafe { object_of(link) };
        let ty = vm.type_of(&object);
        let candidate = ty.is(&vm.types.tuple) || (dicts && ty.is(&vm.types.dict));
        if candidate && !holds_collectable(vm, &object) {
            // SAFETY: the link is in `young`.
            unsafe { unlink(link) };
        }
    }
}

/// Clears the weak references to the garbage, and calls the callbacks
/// of those that are not garbage themselves (`handle_weakrefs`); gives
/// how many such weakrefs the callbacks freed.
fn handle_weakrefs(vm: &Vm, unreachable: &ListHead, old: &ListHead) -> usize {
    let to_call = ListHead::new();
    let mut to_call_refs = Vec::new();
    for link in unreachable.links() {
        // SAFETY: as above.
        let object = unsafe { object_of(link) };
        if crate::objects::weakref::is_weakref(&object) {
            crate::objects::weakref::clear_ref(&object);
        }
        for weakref in crate::objects::weakref::detach_all(&object) {
            if !crate::objects::weakref::has_callback(&weakref) {
                continue;
            }
            // A weakref that is garbage too must not call back: its
            // callback could see objects already cleared.
            match link_of_tracked(&weakref) {
                Some(l) if l.has(COLLECTING) => continue,
                Some(l) => {
                    // SAFETY: the weakref is tracked, so its link is in a list.
                    unsafe { move_to(l, &to_call) };
                }
                None => {}
            }
            to_call_refs.push(weakref);
        }
    }
    let mut freed = 0;
    for weakref in to_call_refs {
        crate::objects::weakref::call_callback(vm, &weakref);
        let l = link_of_tracked(&weakref).map(|l| l as *const GcLink);
        drop(weakref);
        // The weakrefs are in `to_call` in the order they are called: the
        // one just called is still first unless dropping it freed it.
        match l {
            // SAFETY: a weakref still in `to_call` is alive.
            Some(l) if to_call.first() == Some(l) => unsafe { move_to(l, old) },
            Some(_) => freed += 1,
            None => {}
        }
    }
    to_call.merge_into(old);
    freed
}

fn link_of_tracked(object: &Object) -> Option<&GcLink> {
    link(object).filter(|l| !l.next.get().is_null())
}

/// Step 5 (`finalize_garbage`): runs each finalizer not run yet.
fn finalize_garbage(vm: &Vm, unreachable: &ListHead) {
    let seen = ListHead::new();
    while let Some(link) = unreachable.first() {
        // SAFETY: as above.
        let object = unsafe { object_of(link) };
        unsafe { move_to(link, &seen) };
        let tp = vm.type_payload_of(&object);
        if let Some(finalize) = tp.slots.finalize.get() {
            // SAFETY: the link is the live object's.
            let l = unsafe { &*link };
            if !l.has(FINALIZED) {
                l.set(FINALIZED, true);
                finalize(vm, &object);
            }
        }
        drop(object);
    }
    seen.merge_into(unreachable);
}

/// Step 6 (`delete_garbage`): clears each object's references; those
/// that live on (something outside still refers to them after all)
/// move to `old`.
fn delete_garbage(vm: &Vm, collectable: &ListHead, old: &ListHead) {
    let state = &vm.gc;
    while let Some(link) = collectable.first() {
        // SAFETY: as above.
        let object = unsafe { object_of(link) };
        if state.debug.get() & debug::SAVEALL != 0 {
            crate::objects::list::list_of(&vm.gc_garbage).push(object.clone());
        } else {
            clear_object(vm, &object);
        }
        drop(object);
        if collectable.first() == Some(link) {
            // SAFETY: still alive, since still in the list.
            unsafe {
                (*link).set(COLLECTING, false);
                move_to(link, old);
            }
        }
    }
}

/// Collects `generation` and the younger ones (`gc_collect_main`);
/// gives the number of unreachable objects found, and of those that
/// could not be freed.
fn collect_main(vm: &Vm, state: &GcState, generation: usize) -> (usize, usize) {
    let gens = &state.generations;
    if state.debug.get() & debug::STATS != 0 {
        let counts: Vec<String> = gens.iter().map(|g| g.head.len().to_string()).collect();
        eprintln!(
            "gc: collecting generation {generation}...\ngc: objects in each generation: {}\ngc: objects in permanent generation: {}",
            counts.join(" "),
            state.permanent.len()
        );
    }
    if generation + 1 < NUM_GENERATIONS {
        let next = &gens[generation + 1];
        next.count.set(next.count.get() + 1);
    }
    for g in &gens[..=generation] {
        g.count.set(0);
    }
    let young = &gens[generation].head;
    for g in &gens[..generation] {
        g.head.merge_into(young);
    }
    let old = if generation + 1 < NUM_GENERATIONS {
        &gens[generation + 1].head
    } else {
        young
    };
    let unreachable = ListHead::new();
    deduce_unreachable(young, &unreachable);
    untrack_atomic(vm, young, generation == NUM_GENERATIONS - 1);
    if generation + 1 < NUM_GENERATIONS {
        if generation == NUM_GENERATIONS - 2 {
            state
                .long_lived_pending
                .set(state.long_lived_pending.get() + young.len());
        }
        young.merge_into(old);
    } else {
        state.long_lived_pending.set(0);
        state.long_lived_total.set(young.len());
    }
    if state.debug.get() & debug::COLLECTABLE != 0 {
        for link in unreachable.links() {
            // SAFETY: as above.
            let object = unsafe { object_of(link) };
            eprintln!(
                "gc: collectable <{} {:#x}>",
                vm.type_name(&object),
                object.id()
            );
        }
    }
    let mut collected = handle_weakrefs(vm, &unreachable, old);
    finalize_garbage(vm, &unreachable);
    // Finalizers may have made some garbage reachable again.
    for link in unreachable.links() {
        // SAFETY: as above.
        unsafe { (*link).set(COLLECTING, false) };
    }
    let still_unreachable = ListHead::new();
    deduce_unreachable(&unreachable, &still_unreachable);
    unreachable.merge_into(old);
    collected += still_unreachable.len();
    delete_garbage(vm, &still_unreachable, old);
    let g = &gens[generation];
    g.collections.set(g.collections.get() + 1);
    g.collected.set(g.collected.get() + collected);
    if state.debug.get() & debug::STATS != 0 {
        eprintln!("gc: done, {collected} unreachable, 0 uncollectable.");
    }
    (collected, 0)
}

/// Collects `generation`, calling `gc.callbacks` before and after
/// (`gc_collect_with_callback`); gives the number of unreachable objects
/// found, 0 if a collection is already running.
pub fn collect(vm: &Vm, generation: usize) -> usize {
    let state = &vm.gc;
    if state.collecting.get() {
        return 0;
    }
    state.collecting.set(true);
    state.pending.set(false);
    invoke_callbacks(vm, "start", generation, 0, 0);
    let (collected, uncollectable) = collect_main(vm, state, generation);
    invoke_callbacks(vm, "stop", generation, collected, uncollectable);
    state.collecting.set(false);
    collected + uncollectable
}

/// Calls each of `gc.callbacks` with the phase and an info dict; an
/// exception is reported as unraisable.
fn invoke_callbacks(
    vm: &Vm,
    phase: &str,
    generation: usize,
    collected: usize,
    uncollectable: usize,
) {
    let callbacks = crate::objects::list::list_of(&vm.gc_callbacks).to_vec();
    if callbacks.is_empty() {
        return;
    }
    let info = vm.new_dict();
    let d = crate::objects::dict::dict_of(&info);
    d.set_str(vm, vm.intern("generation"), vm.new_int(generation as i64));
    d.set_str(vm, vm.intern("collected"), vm.new_int(collected as i64));
    d.set_str(
        vm,
        vm.intern("uncollectable"),
        vm.new_int(uncollectable as i64),
    );
    let phase = vm.new_str(phase);
    for callback in callbacks {
        let args = [phase.clone(), info.clone()];
        if let Err(e) = vm.call(&callback, crate::typeobject::Args::positional_only(&args)) {
            crate::unraisable::write_unraisable(vm, &e, Some(&callback), None);
        }
    }
}

/// Where the eval loop may collect (RESUME and JUMP_BACKWARD, CPython's
/// eval breaker checks): the stack holds no borrow of any object.
#[inline]
pub fn safe_point(vm: &Vm) {
    if vm.gc.pending.get() {
        collect_scheduled(vm);
    }
}

/// Collects the generations whose counts passed their thresholds
/// (`collect_generations`): what the eval loop runs at a safe point once
/// allocations scheduled it.
pub fn collect_scheduled(vm: &Vm) {
    let state = &vm.gc;
    state.pending.set(false);
    if !state.enabled.get() || state.collecting.get() {
        return;
    }
    for generation in (0..NUM_GENERATIONS).rev() {
        let g = &state.generations[generation];
        if g.count.get() > g.threshold.get() {
            if generation == NUM_GENERATIONS - 1
                && state.long_lived_pending.get() < state.long_lived_total.get() / 4
            {
                continue;
            }
            collect(vm, generation);
            break;
        }
    }
}

/// The objects `object` refers to directly (`gc.get_referents`).
pub fn referents(object: &Object) -> Vec<Object> {
    let mut found = Vec::new();
    if link(object).is_some() {
        let Some(ty) = object.heap_type() else {
            return found;
        };
        let tp = type_payload(ty);
        // `gc.get_referents` leaves out the type, as tp_traverse of a
        // static type does.
        (tp.layout.traverse_fn())(object, &mut |r| found.push(r.clone()));
        for &offset in tp.instance_slot_offsets().iter() {
            // SAFETY: the type places an instance word at each offset.
            let slot = unsafe { object.instance_slot(offset) };
            crate::traverse::Traverse::traverse(slot, &mut |r| found.push(r.clone()));
        }
        if tp.has_flag(flags::HEAPTYPE) {
            found.push(ty.clone());
        }
    }
    found
}

/// The tracked objects that refer to one of `targets`
/// (`gc.get_referrers`).
pub fn referrers(vm: &Vm, targets: &[Object]) -> Vec<Object> {
    let state = &vm.gc;
    state
        .objects(None)
        .into_iter()
        .filter(|candidate| {
            let mut refers = false;
            traverse_object(candidate, &mut |r| {
                refers = refers || targets.iter().any(|t| t.is(r));
            });
            refers
        })
        .collect()
}
