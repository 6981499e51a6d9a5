//! The object reference, one machine word (Include/object.h,
//! Objects/object.c's `_Py_Dealloc`).
//!
//! An [`Object`] is either a tagged small int, stored in the word itself,
//! or a pointer to a heap object: an [`ObjectHeader`] (reference count and
//! type) followed by the payload of the type's layout, then, for instances
//! of classes defined in Python, the words those classes add (the instance
//! `__dict__`, `__slots__`). Cloning an `Object` is `Py_INCREF`, dropping it
//! is `Py_DECREF`, and the object is freed when its count reaches zero,
//! deterministically, as in CPython.
//!
//! This file and `typeobject.rs`'s layout functions are where the object
//! model's unsafe code lives. The invariants they keep:
//!
//! - a word with its low bit set is a small int, `value << 1 | 1`; any
//!   other word is a non-null pointer to a live heap object, which owns one
//!   count of the reference count;
//! - a heap object's payload is of the Rust type its type's [`Layout`]
//!   names, and the object is `basicsize` bytes long, as its type says;
//! - objects are only touched by the thread holding their interpreter, so
//!   the counts are plain integers (the GIL, DESIGN.md decision 6): no
//!   `Object` is `Send` or `Sync`.

use crate::typeobject::{Layout, TypeObject};
use std::cell::Cell;
use std::marker::PhantomData;
use std::num::NonZeroUsize;
use std::ptr::NonNull;

/// What every heap object starts with (`PyObject`).
#[repr(C)]
pub struct ObjectHeader {
    refcount: Cell<usize>,
    ty: Cell<NonNull<ObjectHeader>>,
}

impl ObjectHeader {
    pub(crate) fn refcount_value(&self) -> usize {
        self.refcount.get()
    }
}

/// A heap object of a builtin layout: the header, then the payload.
#[repr(C)]
pub struct HeapObject<T> {
    header: ObjectHeader,
    payload: T,
}

/// A Rust type that is the payload of a heap object.
///
/// # Safety
/// `LAYOUT` must name this type and no other, since a payload is cast back
/// to the type whose layout its object's type names.
pub unsafe trait Payload: Sized + 'static {
    const LAYOUT: Layout;
}

/// A strong reference to a Python object (`PyObject *` with its count).
#[repr(transparent)]
pub struct Object {
    bits: NonZeroUsize,
    /// Objects stay on the thread of their interpreter.
    _not_send: PhantomData<*const ()>,
}

/// The smallest and largest ints stored in the word itself.
pub const SMALL_INT_MIN: i64 = -(1 << 62);
pub const SMALL_INT_MAX: i64 = (1 << 62) - 1;

impl Object {
    /// The small int `value`, or None if it needs a heap int.
    #[inline]
    pub fn small_int(value: i64) -> Option<Object> {
        if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&value) {
            let bits = ((value << 1) | 1) as usize;
            Some(Object {
                // The low bit is set, so the word is not zero.
                bits: NonZeroUsize::new(bits).unwrap_or(NonZeroUsize::MIN),
                _not_send: PhantomData,
            })
        } else {
            None
        }
    }

    /// The value of a small int.
    #[inline]
    pub fn as_small_int(&self) -> Option<i64> {
        if self.bits.get() & 1 == 1 {
            Some((self.bits.get() as i64) >> 1)
        } else {
            None
        }
    }

    #[inline]
    pub(crate) fn header_ptr(&self) -> Option<NonNull<ObjectHeader>> {
        if self.bits.get() & 1 == 0 {
            NonNull::new(self.bits.get() as *mut ObjectHeader)
        } else {
            None
        }
    }

    #[inline]
    fn header(&self) -> Option<&ObjectHeader> {
        // SAFETY: a word without the int tag points to a live heap object,
        // which lives at least as long as this reference to it.
        self.header_ptr().map(|p| unsafe { p.as_ref() })
    }

    /// `x is y`.
    #[inline]
    pub fn is(&self, other: &Object) -> bool {
        self.bits == other.bits
    }

    /// `id(x)`: the address of a heap object; small ints, which have no
    /// address, give their tagged word, which no heap object can have.
    pub fn id(&self) -> usize {
        self.bits.get()
    }

    /// The type of a heap object; None for a small int, whose type is
    /// the interpreter's `int` (see `Vm::type_of`).
    #[inline]
    pub fn heap_type(&self) -> Option<&Object> {
        let header = self.header()?;
        // SAFETY: `Object` is a transparent word and the header's type
        // pointer is a heap pointer whose count the object owns, so a
        // reference to the cell's contents reads as a borrowed `Object`
        // for as long as `self` keeps the object alive.
        Some(unsafe { &*(header.ty.as_ptr() as *const Object) })
    }

    /// The payload of a heap object of layout `T::LAYOUT`, or of a
    /// subclass of such a type.
    #[inline]
    pub fn payload<T: Payload>(&self) -> Option<&T> {
        let ty = self.heap_type()?;
        if type_payload(ty).layout != T::LAYOUT {
            return None;
        }
        Some(self.payload_unchecked())
    }

    /// The payload, the layout already checked.
    #[inline]
    pub(crate) fn payload_unchecked<T: Payload>(&self) -> &T {
        let ptr = self.bits.get() as *const HeapObject<T>;
        // SAFETY: the caller checked that the type's layout is T's, so the
        // object was allocated as a `HeapObject<T>` (possibly followed by
        // instance words) and is alive while `self` is.
        unsafe { &(*ptr).payload }
    }

    /// The current reference count (`sys.getrefcount` adds its argument's).
    pub fn refcount(&self) -> usize {
        self.header().map_or(1, |h| h.refcount.get())
    }

    /// The word itself, for the eval loop's raw value stack.
    #[inline]
    pub fn into_raw(self) -> usize {
        let bits = self.bits.get();
        std::mem::forget(self);
        bits
    }

    /// # Safety
    /// `bits` must come from [`Object::into_raw`], and its count must not
    /// have been given back already.
    #[inline]
    pub unsafe fn from_raw(bits: usize) -> Object {
        Object {
            bits: NonZeroUsize::new_unchecked(bits),
            _not_send: PhantomData,
        }
    }

    /// A pointer to the word at `offset` bytes into the heap object, where
    /// a heap class keeps an instance slot.
    ///
    /// # Safety
    /// The object's type must place an `Option<Object>` at `offset`.
    pub(crate) unsafe fn instance_slot(&self, offset: usize) -> &Cell<Option<Object>> {
        let base = self.bits.get() as *const u8;
        &*(base.add(offset) as *const Cell<Option<Object>>)
    }
}

/// Calls `f` with `first` followed by `rest` as one slice (a call's
/// `self` before its arguments), on the native stack for a few of them:
/// the slice borrows the objects, it holds no count of its own.
pub fn with_first<R>(first: &Object, rest: &[Object], f: impl FnOnce(&[Object]) -> R) -> R {
    const INLINE: usize = 8;
    if rest.len() >= INLINE {
        let mut values = Vec::with_capacity(rest.len() + 1);
        values.push(first.clone());
        values.extend_from_slice(rest);
        return f(&values);
    }
    let mut words = [0usize; INLINE];
    words[0] = first.bits.get();
    for (word, object) in words[1..].iter_mut().zip(rest) {
        *word = object.bits.get();
    }
    // SAFETY: the first `rest.len() + 1` words are those of live objects
    // that outlive the call of `f`; `Object` is one word, and the words
    // are only lent out as `&Object`, never dropped.
    let values =
        unsafe { std::slice::from_raw_parts(words.as_ptr() as *const Object, rest.len() + 1) };
    f(values)
}

/// The payload of a type object; `ty` must be a type.
#[inline]
pub(crate) fn type_payload(ty: &Object) -> &TypeObject {
    ty.payload_unchecked::<TypeObject>()
}

impl Clone for Object {
    #[inline]
    fn clone(&self) -> Object {
        if let Some(header) = self.header() {
            header.refcount.set(header.refcount.get() + 1);
        }
        Object {
            bits: self.bits,
            _not_send: PhantomData,
        }
    }
}

impl Drop for Object {
    #[inline]
    fn drop(&mut self) {
        if let Some(ptr) = self.header_ptr() {
            // SAFETY: the object is alive; this reference owns one count.
            let header = unsafe { ptr.as_ref() };
            let count = header.refcount.get() - 1;
            header.refcount.set(count);
            if count == 0 {
                // SAFETY: that was the last reference.
                unsafe { dealloc(ptr) }
            }
        }
    }
}

impl PartialEq for Object {
    /// Identity, as `is`: Python equality needs the interpreter.
    fn eq(&self, other: &Object) -> bool {
        self.is(other)
    }
}

impl Eq for Object {}

impl std::fmt::Debug for Object {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.as_small_int() {
            Some(i) => write!(f, "Object({i})"),
            None => write!(f, "Object({:#x})", self.bits),
        }
    }
}

/// Makes a heap object of type `ty`, whose layout must be `T`'s, with
/// room for the instance words `ty` adds (all None, or null), and for
/// the collector's link before it if `ty` is collectable; a collectable
/// object is tracked from the start.
pub(crate) fn alloc<T: Payload>(ty: &Object, payload: T) -> Object {
    let tp = type_payload(ty);
    debug_assert!(tp.layout == T::LAYOUT);
    let size = tp.basicsize.get();
    debug_assert!(size >= std::mem::size_of::<HeapObject<T>>());
    let prefix = gc_prefix(tp);
    let layout = object_layout(prefix + size);
    // SAFETY: the size is at least the header's, so not zero.
    let block = unsafe { std::alloc::alloc(layout) };
    if block.is_null() {
        std::alloc::handle_alloc_error(layout)
    }
    // SAFETY: the object starts after the link, inside the block.
    let raw = unsafe { block.add(prefix) } as *mut HeapObject<T>;
    let type_ptr = ty.clone().into_raw() as *mut ObjectHeader;
    // SAFETY: `raw` is a fresh allocation of `size` bytes, enough for the
    // header, the payload and the instance words after them, which start
    // as None (all zero bits: `Option<Object>` uses the null niche); the
    // link before it starts all zero, untracked.
    unsafe {
        std::ptr::write_bytes(block, 0, prefix);
        raw.write(HeapObject {
            header: ObjectHeader {
                refcount: Cell::new(1),
                ty: Cell::new(NonNull::new_unchecked(type_ptr)),
            },
            payload,
        });
        let extra = size - std::mem::size_of::<HeapObject<T>>();
        std::ptr::write_bytes(
            (raw as *mut u8).add(std::mem::size_of::<HeapObject<T>>()),
            0,
            extra,
        );
        let header = NonNull::new_unchecked(raw as *mut ObjectHeader);
        if prefix != 0 {
            crate::gc::track_new(&tp.gc, header);
        }
        Object::from_raw(raw as usize)
    }
}

/// The room a type's instances need before their header: the
/// collector's link if they are collectable.
#[inline]
fn gc_prefix(tp: &TypeObject) -> usize {
    if tp.has_flag(crate::typeobject::flags::HAVE_GC) {
        crate::gc::GC_PREFIX
    } else {
        0
    }
}

fn object_layout(size: usize) -> std::alloc::Layout {
    std::alloc::Layout::from_size_align(size, 8)
        .unwrap_or_else(|_| std::alloc::Layout::new::<usize>())
}

/// Drops a payload of type `T` in place; a layout's `drop_payload`.
///
/// # Safety
/// `ptr` must point to a `HeapObject<T>` that is being freed.
pub(crate) unsafe fn drop_payload<T: Payload>(ptr: NonNull<ObjectHeader>) {
    let object = ptr.as_ptr() as *mut HeapObject<T>;
    std::ptr::drop_in_place(&mut (*object).payload);
}

thread_local! {
    /// How deep deallocations are nested, and the objects whose freeing
    /// was put off because they were too deep: freeing a million-long
    /// linked list must not recurse a million times on the native stack
    /// (CPython's trashcan, Include/cpython/object.h).
    static DEALLOC_DEPTH: Cell<usize> = const { Cell::new(0) };
    static DEFERRED: std::cell::RefCell<Vec<NonNull<ObjectHeader>>> = const { std::cell::RefCell::new(Vec::new()) };
}

const MAX_DEALLOC_DEPTH: usize = 64;

/// How many freed objects a free list keeps (`PyFloat_MAXFREELIST`).
const FREE_LIST_SIZE: usize = 100;

/// The memory of freed floats, for new floats to take without the
/// allocator (Objects/floatobject.c's free list): arithmetic on floats
/// makes and frees one object per operation.
struct FreeFloats(Vec<NonNull<u8>>);

impl Drop for FreeFloats {
    fn drop(&mut self) {
        for block in self.0.drain(..) {
            // SAFETY: each block was a float's, allocated with this layout.
            unsafe { std::alloc::dealloc(block.as_ptr(), float_layout()) }
        }
    }
}

thread_local! {
    static FREE_FLOATS: std::cell::RefCell<FreeFloats> =
        const { std::cell::RefCell::new(FreeFloats(Vec::new())) };
}

fn float_layout() -> std::alloc::Layout {
    object_layout(heap_size::<crate::objects::float::FloatObject>())
}

/// [`alloc`] for a float of the type `float` itself (not a subclass),
/// in a freed float's memory if there is one.
pub(crate) fn alloc_float(ty: &Object, payload: crate::objects::float::FloatObject) -> Object {
    let Some(block) = FREE_FLOATS.with(|f| f.borrow_mut().0.pop()) else {
        return alloc(ty, payload);
    };
    let raw = block.as_ptr() as *mut HeapObject<crate::objects::float::FloatObject>;
    let type_ptr = ty.clone().into_raw() as *mut ObjectHeader;
    // SAFETY: the block is a freed float's memory, of a float's size.
    unsafe {
        raw.write(HeapObject {
            header: ObjectHeader {
                refcount: Cell::new(1),
                ty: Cell::new(NonNull::new_unchecked(type_ptr)),
            },
            payload,
        });
        Object::from_raw(raw as usize)
    }
}

/// Writes `value` over a float of the type `float` itself that has no
/// other reference than `object`: whether it did. Nothing can see the
/// change, as nothing else refers to the float.
#[inline]
pub(crate) fn overwrite_unique_float(object: &Object, value: f64) -> bool {
    if object.refcount() != 1 {
        return false;
    }
    let raw = object.bits.get() as *mut HeapObject<crate::objects::float::FloatObject>;
    // SAFETY: the caller checked that the object is an exact float, so it
    // was allocated as one, and this is its only reference: no borrow of
    // its payload is alive while the value is written.
    unsafe { std::ptr::addr_of_mut!((*raw).payload.value).write(value) };
    true
}

/// Frees a float of the type `float` itself into the free list, unless
/// it is full.
///
/// # Safety
/// `ptr` must be such a float with no references left.
#[inline]
unsafe fn free_float(ptr: NonNull<ObjectHeader>, tp: &TypeObject) -> bool {
    if tp.layout != crate::typeobject::Layout::Float
        || tp.has_flag(crate::typeobject::flags::HEAPTYPE)
    {
        return false;
    }
    let kept = FREE_FLOATS.with(|f| {
        let mut f = f.borrow_mut();
        if f.0.len() < FREE_LIST_SIZE {
            f.0.push(ptr.cast());
            true
        } else {
            false
        }
    });
    if kept {
        // The float's reference to its type goes with it.
        drop(Object::from_raw(ptr.as_ref().ty.get().as_ptr() as usize));
    }
    kept
}

/// Frees a heap object whose count went to zero (`_Py_Dealloc`).
///
/// # Safety
/// `ptr` must be a heap object with no references left.
unsafe fn dealloc(ptr: NonNull<ObjectHeader>) {
    if free_float(
        ptr,
        type_payload(&*(ptr.as_ref().ty.as_ptr() as *const Object)),
    ) {
        return;
    }
    let depth = DEALLOC_DEPTH.with(|d| d.get());
    if depth >= MAX_DEALLOC_DEPTH {
        // A collection must not find it with no references meanwhile.
        let ty =
            std::mem::ManuallyDrop::new(Object::from_raw(ptr.as_ref().ty.get().as_ptr() as usize));
        crate::gc::untrack_dying(&ty, ptr);
        DEFERRED.with(|d| d.borrow_mut().push(ptr));
        return;
    }
    DEALLOC_DEPTH.with(|d| d.set(depth + 1));
    free(ptr);
    if depth == 0 {
        while let Some(next) = DEFERRED.with(|d| d.borrow_mut().pop()) {
            free(next);
        }
    }
    DEALLOC_DEPTH.with(|d| d.set(depth));
}

/// Frees an object (`tp_dealloc`): for a class defined in Python, its
/// finalizer (`__del__`), which may resurrect it, then the clearing of
/// its weak references with their callbacks (`subtype_dealloc`); for a
/// builtin type the weak references go first. Then its references and
/// its memory.
///
/// # Safety
/// As [`dealloc`].
unsafe fn free(ptr: NonNull<ObjectHeader>) {
    // The object's reference to its type is dropped last: the type says
    // how to drop the payload and how big the object is.
    let ty = std::mem::ManuallyDrop::new(Object::from_raw(ptr.as_ref().ty.get().as_ptr() as usize));
    let tp = type_payload(&ty);
    let vm = tp.gc.vm();
    // Untracked while callbacks and finalizers run, so that no collection
    // finds it with no references.
    crate::gc::untrack_dying(&ty, ptr);
    let heap_type = tp.has_flag(crate::typeobject::flags::HEAPTYPE);
    if !heap_type {
        clear_weakrefs(vm, tp, ptr);
    }
    if let (Some(finalize), Some(vm)) = (tp.slots.finalize.get(), vm) {
        if !crate::gc::test_and_set_finalized(&ty, ptr)
            && finalize_resurrects(vm, &ty, ptr, finalize)
        {
            return;
        }
    }
    if heap_type {
        clear_weakrefs(vm, tp, ptr);
    }
    let prefix = gc_prefix(tp);
    if prefix != 0 {
        crate::gc::untrack_freed(&tp.gc, ptr);
    }
    for &offset in tp.instance_slot_offsets().iter() {
        let slot = (ptr.as_ptr() as *mut u8).add(offset) as *mut Option<Object>;
        std::ptr::drop_in_place(slot);
    }
    (tp.layout_drop())(ptr);
    std::alloc::dealloc(
        (ptr.as_ptr() as *mut u8).sub(prefix),
        object_layout(prefix + tp.basicsize.get()),
    );
    drop(std::mem::ManuallyDrop::into_inner(ty));
}

/// Clears the weak references to an object being freed and calls their
/// callbacks (`PyObject_ClearWeakRefs`); once the interpreter is gone
/// they are only cleared.
///
/// # Safety
/// `ptr` must be an object of type `tp` being freed.
unsafe fn clear_weakrefs(vm: Option<&crate::vm::Vm>, tp: &TypeObject, ptr: NonNull<ObjectHeader>) {
    let Some(offset) = tp.weaklist_offset.get() else {
        return;
    };
    let head = &*((ptr.as_ptr() as *const u8).add(offset) as *const Cell<*const ObjectHeader>);
    if !head.get().is_null() {
        crate::objects::weakref::referent_dying(vm, head);
    }
}

/// Runs the finalizer of an object whose count went to zero, with the
/// object alive and tracked again for the while
/// (`PyObject_CallFinalizerFromDealloc`); whether it is still referred to
/// afterwards, resurrected.
///
/// # Safety
/// `ptr` must be an object of type `ty` being freed, with no references
/// left.
unsafe fn finalize_resurrects(
    vm: &crate::vm::Vm,
    ty: &Object,
    ptr: NonNull<ObjectHeader>,
    finalize: crate::typeobject::FinalizeFn,
) -> bool {
    let header = ptr.as_ref();
    header.refcount.set(1);
    let object = Object::from_raw(ptr.as_ptr() as usize);
    crate::gc::track(&object);
    finalize(vm, &object);
    // Give back the reference lent to the finalizer without freeing.
    std::mem::forget(object);
    let count = header.refcount.get() - 1;
    header.refcount.set(count);
    if count == 0 {
        crate::gc::untrack_dying(ty, ptr);
    }
    count != 0
}

/// The type object `type`, whose type is itself: allocated with its own
/// pointer patched in afterwards. It is collectable, like every type
/// object, but not tracked: builtin types live as long as their
/// interpreter.
pub(crate) fn alloc_self_typed(payload: TypeObject) -> Object {
    let size = payload.basicsize.get();
    let prefix = gc_prefix(&payload);
    let layout = object_layout(prefix + size);
    // SAFETY: as in `alloc`; the header's type is the object itself, one
    // count for that reference and one for the returned `Object`.
    unsafe {
        let block = std::alloc::alloc(layout);
        if block.is_null() {
            std::alloc::handle_alloc_error(layout)
        }
        std::ptr::write_bytes(block, 0, prefix);
        let raw = block.add(prefix) as *mut HeapObject<TypeObject>;
        let ptr = NonNull::new_unchecked(raw);
        raw.write(HeapObject {
            header: ObjectHeader {
                refcount: Cell::new(2),
                ty: Cell::new(ptr.cast()),
            },
            payload,
        });
        let extra = size - std::mem::size_of::<HeapObject<TypeObject>>();
        std::ptr::write_bytes(
            (raw as *mut u8).add(std::mem::size_of::<HeapObject<TypeObject>>()),
            0,
            extra,
        );
        Object::from_raw(raw as usize)
    }
}

/// The size of a heap object of layout `T` with no instance words.
pub(crate) const fn heap_size<T>() -> usize {
    std::mem::size_of::<HeapObject<T>>()
}
