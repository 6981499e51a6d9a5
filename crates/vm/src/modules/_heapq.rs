//! `_heapq` (Modules/_heapqmodule.c): the heap queue algorithm on
//! lists, min-heaps and the max-heap helpers Lib/heapq.py uses for
//! `merge` and `nlargest`; the sifts are those of heapq.py, so a heap
//! comes out in the same order under either.

use crate::errors::PyResult;
use crate::object::Object;
use crate::objects::function::{check_function_arity, NativeFn};
use crate::objects::list::ListObject;
use crate::typeobject::{Args, CompareOp};
use crate::vm::Vm;

pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    super::set_attr(
        vm,
        module,
        "__doc__",
        vm.new_str("Heap queue algorithm (a.k.a. priority queue).\n\nHeaps are arrays for which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for\nall k, counting elements from 0.  For the sake of comparison,\nnon-existing elements are considered to be infinite.  The interesting\nproperty of a heap is that a[0] is always its smallest element.\n\nUsage:\n\nheap = []            # creates an empty heap\nheappush(heap, item) # pushes a new item on the heap\nitem = heappop(heap) # pops the smallest item from the heap\nitem = heap[0]       # smallest item on the heap without popping it\nheapify(x)           # transforms list into a heap, in-place, in linear time\nitem = heapreplace(heap, item) # pops and returns smallest item, and adds\n                               # new item; the heap size is unchanged\n\nOur API differs from rigorous textbook heap algorithms as follows:\n\n- We use 0-based indexing.  This makes the relationship between the\n  index for a node and the indexes for its children slightly less\n  obvious, but is more suitable since Python uses 0-based indexing.\n\n- Our heappop() method returns the smallest item, not the largest.\n\nThese two make it possible to view the heap as a regular Python list\nwithout surprises: heap[0] is the smallest item, and heap.sort()\nmaintains the heap invariant!\n"),
    );
    super::add_functions(vm, module, FUNCTIONS);
    Ok(())
}

/// Whether the heap orders smallest first or largest first.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Min,
    Max,
}

static FUNCTIONS: &[(&str, NativeFn)] = &[
    ("heappush", |vm, args| {
        let [heap, item] = two_args(vm, "heappush", args)?;
        let list = heap_arg(vm, "heappush", heap, true)?;
        list.push(item.clone());
        sift_down(vm, list, 0, list.len() - 1, Kind::Min)?;
        Ok(vm.none.clone())
    }),
    ("heappop", |vm, args| {
        let heap = one_arg(vm, "heappop", args)?;
        pop(vm, heap_arg(vm, "heappop", heap, false)?, Kind::Min)
    }),
    ("heapreplace", |vm, args| {
        let [heap, item] = two_args(vm, "heapreplace", args)?;
        replace(
            vm,
            heap_arg(vm, "heapreplace", heap, true)?,
            item,
            Kind::Min,
        )
    }),
    ("heappushpop", |vm, args| {
        let [heap, item] = two_args(vm, "heappushpop", args)?;
        let list = heap_arg(vm, "heappushpop", heap, true)?;
        let Some(top) = list.get(0) else {
            return Ok(item.clone());
        };
        if !vm.compare_bool(&top, item, CompareOp::Lt)? {
            return Ok(item.clone());
        }
        if list.is_empty() {
            return Err(vm.new_index_error("index out of range"));
        }
        let top = set_item(list, 0, item.clone());
        sift_up(vm, list, 0, Kind::Min)?;
        Ok(top)
    }),
    ("heapify", |vm, args| {
        let heap = one_arg(vm, "heapify", args)?;
        heapify(vm, heap_arg(vm, "heapify", heap, false)?, Kind::Min)
    }),
    ("_heappop_max", |vm, args| {
        let heap = one_arg(vm, "_heappop_max", args)?;
        pop(vm, heap_arg(vm, "_heappop_max", heap, false)?, Kind::Max)
    }),
    ("_heapreplace_max", |vm, args| {
        let [heap, item] = two_args(vm, "_heapreplace_max", args)?;
        let list = heap_arg(vm, "_heapreplace_max", heap, true)?;
        replace(vm, list, item, Kind::Max)
    }),
    ("_heapify_max", |vm, args| {
        let heap = one_arg(vm, "_heapify_max", args)?;
        heapify(vm, heap_arg(vm, "_heapify_max", heap, false)?, Kind::Max)
    }),
];

fn one_arg<'a>(vm: &Vm, name: &str, args: Args<'a>) -> PyResult<&'a Object> {
    check_function_arity(vm, &format!("_heapq.{name}"), args, 1, 1)?;
    Ok(&args.values[0])
}

fn two_args<'a>(vm: &Vm, name: &str, args: Args<'a>) -> PyResult<[&'a Object; 2]> {
    if args.has_keywords() {
        return Err(vm.new_type_error(format!("_heapq.{name}() takes no keyword arguments")));
    }
    check_function_arity(vm, name, args, 2, 2)?;
    Ok([&args.values[0], &args.values[1]])
}

/// The heap, which must be a list; clinic names the argument's position
/// when the function takes more than one.
fn heap_arg<'a>(vm: &Vm, name: &str, heap: &'a Object, numbered: bool) -> PyResult<&'a ListObject> {
    heap.payload::<ListObject>().ok_or_else(|| {
        vm.new_type_error(format!(
            "{name}() argument{} must be list, not {}",
            if numbered { " 1" } else { "" },
            crate::objects::getargs::clinic_type_name(vm, heap)
        ))
    })
}

/// Replaces the item at `i`, giving back the old one.
fn set_item(list: &ListObject, i: usize, item: Object) -> Object {
    std::mem::replace(&mut list.items.borrow_mut()[i], item)
}

/// `a < b` in the heap's order.
fn before(vm: &Vm, a: &Object, b: &Object, kind: Kind) -> PyResult<bool> {
    match kind {
        Kind::Min => vm.compare_bool(a, b, CompareOp::Lt),
        Kind::Max => vm.compare_bool(b, a, CompareOp::Lt),
    }
}

fn changed_size(vm: &Vm) -> crate::errors::PyErr {
    vm.new_runtime_error("list changed size during iteration")
}

/// Moves the item at `pos` up towards `start` while it comes before its
/// parent (heapq.py's `_siftdown`).
fn sift_down(vm: &Vm, list: &ListObject, start: usize, mut pos: usize, kind: Kind) -> PyResult<()> {
    let size = list.len();
    if pos >= size {
        return Err(vm.new_index_error("index out of range"));
    }
    while pos > start {
        let parent_pos = (pos - 1) >> 1;
        let (Some(new), Some(parent)) = (list.get(pos), list.get(parent_pos)) else {
            return Err(changed_size(vm));
        };
        let lower = before(vm, &new, &parent, kind)?;
        if list.len() != size {
            return Err(changed_size(vm));
        }
        if !lower {
            break;
        }
        list.items.borrow_mut().swap(pos, parent_pos);
        pos = parent_pos;
    }
    Ok(())
}

/// Moves the smaller child up until a leaf is reached, then sifts the
/// item at `pos` down into place (heapq.py's `_siftup`).
fn sift_up(vm: &Vm, list: &ListObject, mut pos: usize, kind: Kind) -> PyResult<()> {
    let end = list.len();
    let start = pos;
    if pos >= end {
        return Err(vm.new_index_error("index out of range"));
    }
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end {
            let (Some(left), Some(right)) = (list.get(child), list.get(child + 1)) else {
                return Err(changed_size(vm));
            };
            let left_first = before(vm, &left, &right, kind)?;
            if list.len() != end {
                return Err(changed_size(vm));
            }
            if !left_first {
                child += 1;
            }
        }
        list.items.borrow_mut().swap(pos, child);
        pos = child;
    }
    sift_down(vm, list, start, pos, kind)
}

fn pop(vm: &Vm, list: &ListObject, kind: Kind) -> PyResult {
    let Some(last) = list.items.borrow_mut().pop() else {
        return Err(vm.new_index_error("index out of range"));
    };
    if list.is_empty() {
        return Ok(last);
    }
    let top = set_item(list, 0, last);
    sift_up(vm, list, 0, kind)?;
    Ok(top)
}

fn replace(vm: &Vm, list: &ListObject, item: &Object, kind: Kind) -> PyResult {
    if list.is_empty() {
        return Err(vm.new_index_error("index out of range"));
    }
    let top = set_item(list, 0, item.clone());
    sift_up(vm, list, 0, kind)?;
    Ok(top)
}

fn heapify(vm: &Vm, list: &ListObject, kind: Kind) -> PyResult {
    let n = list.len();
    for i in (0..n / 2).rev() {
        sift_up(vm, list, i, kind)?;
    }
    Ok(vm.none.clone())
}
