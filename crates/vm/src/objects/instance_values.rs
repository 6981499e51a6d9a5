//! Instance attributes kept in the instance itself, its `__dict__` made
//! only when asked for (CPython 3.11's split-dict values and shared keys,
//! Objects/dictobject.c's `_PyObject_InitializeDict`,
//! `_PyObject_StoreInstanceAttribute`, `make_dict_from_instance_attributes`).
//!
//! A class defined in Python whose instances have a `__dict__` gives them
//! a region of value words after their other instance words, and keeps in
//! its *shared keys* the names the words stand for: word i of every
//! instance holds the attribute named by key i. Keys are only ever
//! appended, so the word of a name never changes while the class lives,
//! and the eval loop caches a word's offset under the class's version tag
//! (LOAD_ATTR_INSTANCE_VALUE, STORE_ATTR_INSTANCE_VALUE). The words are
//! instance words like `__slots__` members, so the collector, `__del__`
//! and deallocation see them with no code of their own.
//!
//! An instance's `__dict__` word stays empty while its attributes are in
//! the region. Asking for the dict (`vars()`, `__dict__`, `dir()`) makes
//! it and moves the values into it, as does storing an attribute the
//! region cannot hold; from then on the instance uses its dict.
//!
//! The attributes of an instance must come back in the order they were
//! set, as a dict's keys do. The words hold them in key order, so an
//! attribute goes into the region as a new one only if no word after its
//! own holds a value; otherwise the dict is made, which then orders it
//! last, as a dict does.
//!
//! The region is sized when the class is made: the distinct attributes
//! the functions of its body and of its bases store on their first
//! argument, at least as many as its base's region, at most
//! [`MAX_VALUES`] (CPython's `SHARED_KEYS_MAX_SIZE`).

use crate::object::Object;
use crate::objects::code::CodePayload;
use crate::objects::dict::{Dict, DictObject};
use crate::objects::function::FunctionObject;
use crate::objects::str::StrObject;
use crate::vm::Vm;
use krait_compiler::opcode::number;
use std::cell::{Cell, RefCell};

/// The most value words a class gives its instances.
pub const MAX_VALUES: usize = 30;

const WORD: usize = std::mem::size_of::<usize>();

/// A class's region of value words and its shared keys.
#[derive(krait_derive::Traverse, Default)]
pub struct InstanceValues {
    /// The byte offset of word 0 in an instance.
    #[traverse(skip)]
    offset: Cell<usize>,
    /// How many words; 0 for a class whose instances use a dict only.
    #[traverse(skip)]
    capacity: Cell<usize>,
    /// The value words in the instances' layout: the region's, and those
    /// of a base's region that a subclass with words of its own after it
    /// does not use.
    #[traverse(skip)]
    layout_words: Cell<usize>,
    /// Whether the `__dict__` word was given by a class defined in Python
    /// (not inherited from a builtin type with a dict of its own), so that
    /// subclasses may have a region too.
    #[traverse(skip)]
    managed: Cell<bool>,
    /// The names of the words, in word order; strs, which can hold no
    /// reference, so the collector need not see them.
    #[traverse(skip)]
    keys: RefCell<Vec<Object>>,
}

impl InstanceValues {
    /// Whether instances keep their attributes in value words.
    #[inline]
    pub fn has_values(&self) -> bool {
        self.capacity.get() != 0
    }

    pub fn offset(&self) -> usize {
        self.offset.get()
    }

    pub fn capacity(&self) -> usize {
        self.capacity.get()
    }

    pub fn layout_words(&self) -> usize {
        self.layout_words.get()
    }

    pub fn is_managed(&self) -> bool {
        self.managed.get()
    }

    /// The region's end, in bytes from the instance's start.
    pub fn end(&self) -> usize {
        self.offset.get() + self.capacity.get() * WORD
    }

    /// Gives the class a region of `capacity` words at `offset`, for a
    /// `__dict__` of its own making; its instances have `layout_words`
    /// value words in all.
    pub fn set_region(&self, offset: usize, capacity: usize, layout_words: usize) {
        self.offset.set(offset);
        self.capacity.set(capacity);
        self.layout_words.set(layout_words);
        self.managed.set(true);
    }

    /// The bytes of an instance of a class with these values and size
    /// `basicsize` that are not value words: what the layouts of two
    /// classes must agree on for their instances to be interchangeable.
    pub fn size_without_values(&self, basicsize: usize) -> usize {
        basicsize - self.layout_words.get() * WORD
    }

    /// The word of key `index`.
    #[inline]
    fn word<'a>(&self, object: &'a Object, index: usize) -> &'a Cell<Option<Object>> {
        // SAFETY: the class places `capacity` value words at `offset`, and
        // keys never outnumber them.
        unsafe { object.instance_slot(self.offset.get() + index * WORD) }
    }

    /// The index of the key `name`, a str.
    pub fn index_of(&self, vm: &Vm, name: &Object) -> Option<usize> {
        let keys = self.keys.borrow();
        if let Some(i) = keys.iter().position(|k| k.is(name)) {
            return Some(i);
        }
        let s = name.payload::<StrObject>()?;
        let hash = s.hash(vm);
        keys.iter().position(|k| {
            k.payload::<StrObject>()
                .is_some_and(|k| k.hash(vm) == hash && k.equals(s))
        })
    }

    /// The byte offset of the word of `name`, adding it to the keys if
    /// there is room (a name that is a str of the type `str` itself).
    pub fn offset_for_store(&self, vm: &Vm, name: &Object) -> Option<usize> {
        let index = match self.index_of(vm, name) {
            Some(i) => i,
            None => self.add_key(vm, name)?,
        };
        Some(self.offset.get() + index * WORD)
    }

    /// The byte offset of the word of `name`, if it is a key.
    pub fn offset_of(&self, vm: &Vm, name: &Object) -> Option<usize> {
        self.index_of(vm, name)
            .map(|index| self.offset.get() + index * WORD)
    }

    fn add_key(&self, vm: &Vm, name: &Object) -> Option<usize> {
        if !name.heap_type().is_some_and(|t| t.is(&vm.types.str)) {
            return None;
        }
        let mut keys = self.keys.borrow_mut();
        if keys.len() >= self.capacity.get() {
            return None;
        }
        keys.push(vm.intern_object(name));
        Some(keys.len() - 1)
    }

    /// The attribute `name` of `object`, if it is in a word.
    pub fn get(&self, vm: &Vm, object: &Object, name: &Object) -> Option<Object> {
        let index = self.index_of(vm, name)?;
        read(self.word(object, index))
    }

    /// Stores `name` in its word: the old value, or the value back if the
    /// region cannot hold it (no room for the key, or out of order).
    pub fn store(
        &self,
        vm: &Vm,
        object: &Object,
        name: &Object,
        value: Object,
    ) -> Result<Option<Object>, Object> {
        let Some(offset) = self.offset_for_store(vm, name) else {
            return Err(value);
        };
        self.store_at(object, offset, value)
    }

    /// Stores `value` in the word at byte `offset`, one of this class's:
    /// the old value, or the value back if a new attribute there would
    /// not come last in insertion order.
    #[inline]
    pub fn store_at(
        &self,
        object: &Object,
        offset: usize,
        value: Object,
    ) -> Result<Option<Object>, Object> {
        // SAFETY: the offset is one of this class's value words.
        let slot = unsafe { object.instance_slot(offset) };
        if read_is_some(slot) {
            return Ok(slot.replace(Some(value)));
        }
        let index = (offset - self.offset.get()) / WORD;
        if (index + 1..self.capacity.get()).any(|i| read_is_some(self.word(object, i))) {
            return Err(value);
        }
        slot.set(Some(value));
        Ok(None)
    }

    /// Deletes `name` from its word: its value, None if it had none.
    pub fn remove(&self, vm: &Vm, object: &Object, name: &Object) -> Option<Object> {
        let index = self.index_of(vm, name)?;
        self.word(object, index).take()
    }

    /// Moves the values of `object` into a new dict, in insertion order
    /// (which is key order).
    pub fn make_dict(&self, vm: &Vm, object: &Object) -> Object {
        let dict = vm.new_dict();
        if let Some(d) = dict.payload::<DictObject>() {
            let keys = self.keys.borrow().clone();
            for (index, key) in keys.into_iter().enumerate() {
                if let Some(value) = self.word(object, index).take() {
                    d.dict.set_str(vm, key, value);
                }
            }
        }
        dict
    }

    /// Whether no word of `object` holds a value.
    pub fn is_empty(&self, object: &Object) -> bool {
        (0..self.capacity.get()).all(|i| !read_is_some(self.word(object, i)))
    }

    /// Takes every value out of the words of `object` (its `__dict__`
    /// replaced), for the caller to drop once the object is consistent.
    pub fn take_all(&self, object: &Object) -> Vec<Object> {
        (0..self.capacity.get())
            .filter_map(|i| self.word(object, i).take())
            .collect()
    }
}

/// A clone of what a word holds, leaving it there.
#[inline]
fn read(slot: &Cell<Option<Object>>) -> Option<Object> {
    // SAFETY: cloning the word's object only increments its count, which
    // runs no code that could change the word meanwhile.
    unsafe { (*slot.as_ptr()).clone() }
}

#[inline]
fn read_is_some(slot: &Cell<Option<Object>>) -> bool {
    // SAFETY: a shared look at the word, which nothing changes meanwhile.
    unsafe { (*slot.as_ptr()).is_some() }
}

/// How many value words a class with namespace `ns` and these bases
/// gives its instances: the distinct names the functions of its body and
/// of its bases' store as attributes of their first argument
/// (`self.x = ...`), at most [`MAX_VALUES`].
pub fn region_size(ns: &Dict, bases: &[Object]) -> usize {
    let mut functions: Vec<Object> = ns.values();
    for base in bases {
        for ty in crate::object::type_payload(base).mro.borrow().iter() {
            let tp = crate::object::type_payload(ty);
            if tp.has_flag(crate::typeobject::flags::HEAPTYPE) {
                functions.extend(tp.dict.values());
            }
        }
    }
    let mut names: Vec<&str> = Vec::new();
    for f in &functions {
        let Some(code) = f
            .payload::<FunctionObject>()
            .and_then(|f| f.code.payload::<CodePayload>())
        else {
            continue;
        };
        if code.code.argcount == 0 {
            continue;
        }
        // STORE_ATTR right after LOAD_FAST 0, the owner pushed last.
        let mut previous = (number::NOP, 0u32);
        let mut extended = 0u32;
        for unit in code.code.code.chunks_exact(2) {
            let (op, arg) = (u16::from(unit[0]), extended | u32::from(unit[1]));
            extended = 0;
            match op {
                number::CACHE => continue,
                number::EXTENDED_ARG => {
                    extended = arg << 8;
                    continue;
                }
                number::STORE_ATTR if previous == (number::LOAD_FAST, 0) => {
                    if let Some(name) = code.code.names.get(arg as usize) {
                        if !names.contains(&name.as_str()) {
                            names.push(name);
                        }
                    }
                }
                _ => {}
            }
            previous = (op, arg);
        }
    }
    names.len().min(MAX_VALUES)
}
