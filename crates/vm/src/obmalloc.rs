//! The small-block allocator (Objects/obmalloc.c): what the interpreter
//! allocates most, objects and the small tables they point to, goes
//! through free lists of same-sized blocks instead of the C library's
//! allocator.
//!
//! Blocks of up to [`SMALL_LIMIT`] bytes come in size classes 16 bytes
//! apart. Each thread keeps, per class, a list of free blocks linked
//! through their first word, and carves new blocks from chunks it takes
//! from the system allocator. A freed block joins the list of the thread
//! that frees it. Chunks are never given back: memory freed as small
//! blocks stays for small blocks, as in CPython's pools (which give back
//! an arena only once all of it is free). Larger or more aligned blocks
//! go to the system allocator.
//!
//! A thread that ends hands its lists and the rest of its chunk over
//! ([`retire_thread`]); the next thread that runs out of blocks takes
//! them, so that threads that come and go do not leak their blocks.
//!
//! It is a [`GlobalAlloc`], so that a program (the `krait` command) can
//! make it its global allocator; the VM does not require it.
//!
//! Measured against the system allocator (glibc's malloc), the `krait`
//! command built both ways and run on pyperformance's CPU benchmarks
//! (`bench/pyperformance/run.py --fast --cpu-time`, one machine, same
//! session), time per loop with the system allocator -> with this one:
//! fannkuch 622 -> 538 ms, spectral_norm 153 -> 148, richards 72 -> 75.6,
//! nqueens 182 -> 156, float 139 -> 119, deltablue 7.76 -> 7.17,
//! hexiom 12.0 -> 13.7, raytrace 502 -> 469, unpack_sequence 88 -> 74 ns,
//! generators 95.5 -> 91.2, coroutines 48.9 -> 38.0, pidigits 114 -> 110:
//! 0.92 of the system allocator's time in geometric mean, faster on 10
//! of 12, with peak memory the same or lower (float 25.5 -> 24.4 MiB,
//! generators 17.8 -> 16.8 MiB). So it is the default.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::ptr::null_mut;

/// The largest block served from the free lists (`SMALL_REQUEST_THRESHOLD`).
pub const SMALL_LIMIT: usize = 512;
const ALIGNMENT: usize = 16;
const CLASSES: usize = SMALL_LIMIT / ALIGNMENT;
/// The size of the chunks new blocks are carved from.
const CHUNK: usize = 256 * 1024;

/// One thread's free lists and the chunk it is carving.
struct Pools {
    free: [Cell<*mut u8>; CLASSES],
    next: Cell<*mut u8>,
    end: Cell<*mut u8>,
    /// Set once the thread handed its blocks over: what it still
    /// allocates while it ends comes from the system allocator.
    retired: Cell<bool>,
}

thread_local! {
    static POOLS: Pools = const {
        Pools {
            free: [const { Cell::new(null_mut()) }; CLASSES],
            next: Cell::new(null_mut()),
            end: Cell::new(null_mut()),
            retired: Cell::new(false),
        }
    };
}

/// The free lists and chunk rest of a thread that ended.
struct Orphan {
    free: [*mut u8; CLASSES],
    next: *mut u8,
    end: *mut u8,
}

// SAFETY: an orphan's blocks belong to no thread until one takes them
// out of `ORPHANS`.
unsafe impl Send for Orphan {}

/// What ended threads handed over. A `Vec` of them is larger than a
/// small block, so growing it never comes back into the free lists.
static ORPHANS: std::sync::Mutex<Vec<Orphan>> = std::sync::Mutex::new(Vec::new());

/// Hands the calling thread's free blocks over to the threads that come
/// after it; the thread must be ending. Blocks it frees from now on stay
/// on its lists, and blocks it allocates come from the system allocator.
pub fn retire_thread() {
    POOLS.with(|pools| {
        let orphan = Orphan {
            free: std::array::from_fn(|class| pools.free[class].replace(null_mut())),
            next: pools.next.replace(null_mut()),
            end: pools.end.replace(null_mut()),
        };
        pools.retired.set(true);
        if orphan.next.is_null() && orphan.free.iter().all(|f| f.is_null()) {
            return;
        }
        if let Ok(mut orphans) = ORPHANS.lock() {
            orphans.push(orphan);
        }
    });
}

/// The small-block allocator; see the module's description.
pub struct SmallBlocks;

#[inline]
fn class_of(layout: Layout) -> Option<usize> {
    if layout.size() <= SMALL_LIMIT && layout.align() <= ALIGNMENT && layout.size() != 0 {
        Some((layout.size() - 1) / ALIGNMENT)
    } else {
        None
    }
}

impl Pools {
    /// A new block of class `class`, when its list is empty: from what an
    /// ended thread handed over, else carved from the chunk.
    #[cold]
    unsafe fn refill(&self, class: usize) -> *mut u8 {
        if self.retired.get() {
            return System.alloc(Layout::from_size_align_unchecked(
                (class + 1) * ALIGNMENT,
                ALIGNMENT,
            ));
        }
        if self.next.get().is_null() {
            let orphan = ORPHANS.lock().ok().and_then(|mut o| o.pop());
            if let Some(orphan) = orphan {
                self.adopt(orphan);
                let head = &self.free[class];
                let block = head.get();
                if !block.is_null() {
                    head.set((block as *mut *mut u8).read());
                    return block;
                }
            }
        }
        self.carve(class)
    }

    /// Takes an ended thread's blocks: its chunk rest becomes this
    /// thread's (which has none), its lists join this thread's.
    unsafe fn adopt(&self, orphan: Orphan) {
        self.next.set(orphan.next);
        self.end.set(orphan.end);
        for (head, list) in self.free.iter().zip(orphan.free) {
            if list.is_null() {
                continue;
            }
            let mut tail = list;
            loop {
                let after = (tail as *mut *mut u8).read();
                if after.is_null() {
                    break;
                }
                tail = after;
            }
            (tail as *mut *mut u8).write(head.get());
            head.set(list);
        }
    }

    /// A new block of class `class`, carved from the chunk.
    unsafe fn carve(&self, class: usize) -> *mut u8 {
        let size = (class + 1) * ALIGNMENT;
        let mut next = self.next.get();
        if next.is_null() || (self.end.get() as usize) - (next as usize) < size {
            // The rest of the old chunk is too small for this class: it
            // goes to the free lists of the classes it fits.
            if !next.is_null() {
                let mut rest = self.end.get() as usize - next as usize;
                while rest >= ALIGNMENT {
                    let fits = (rest / ALIGNMENT).min(CLASSES);
                    self.push(fits - 1, next);
                    next = next.add(fits * ALIGNMENT);
                    rest -= fits * ALIGNMENT;
                }
                self.next.set(null_mut());
                self.end.set(null_mut());
            }
            let chunk = System.alloc(Layout::from_size_align_unchecked(CHUNK, ALIGNMENT));
            if chunk.is_null() {
                return chunk;
            }
            next = chunk;
            self.end.set(chunk.add(CHUNK));
        }
        self.next.set(next.add(size));
        next
    }

    #[inline]
    unsafe fn push(&self, class: usize, block: *mut u8) {
        let head = &self.free[class];
        (block as *mut *mut u8).write(head.get());
        head.set(block);
    }
}

// SAFETY: small blocks are 16-aligned pieces of 16-aligned chunks, each
// handed out once until it is freed; a block is only ever on one list,
// and the lists are per thread, so no block is handed out twice.
unsafe impl GlobalAlloc for SmallBlocks {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout) else {
            return System.alloc(layout);
        };
        POOLS.with(|pools| {
            let head = &pools.free[class];
            let block = head.get();
            if block.is_null() {
                return pools.refill(class);
            }
            head.set((block as *mut *mut u8).read());
            block
        })
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match class_of(layout) {
            Some(class) => POOLS.with(|pools| pools.push(class, ptr)),
            None => System.dealloc(ptr, layout),
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if class_of(layout).is_none() {
            return System.alloc_zeroed(layout);
        }
        let ptr = self.alloc(layout);
        if !ptr.is_null() {
            std::ptr::write_bytes(ptr, 0, layout.size());
        }
        ptr
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        match (class_of(layout), class_of(new_layout)) {
            (None, None) => System.realloc(ptr, layout, new_size),
            (Some(old), Some(new)) if old == new => ptr,
            _ => {
                let new = self.alloc(new_layout);
                if !new.is_null() {
                    std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                new
            }
        }
    }
}
