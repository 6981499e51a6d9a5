//! Guards against unbounded recursion through Rust code
//! (`Py_EnterRecursiveCall`) and against printing a container that
//! contains itself (`Py_ReprEnter`).

use crate::errors::PyResult;
use crate::object::Object;
use crate::vm::Vm;

/// Counts one level of recursion while alive; made by [`RecursionGuard::enter`].
pub struct RecursionGuard<'a> {
    vm: &'a Vm,
}

impl<'a> RecursionGuard<'a> {
    /// Enters one more level, or raises RecursionError with `context`
    /// appended to the message (" while getting the repr of an object").
    pub fn enter(vm: &'a Vm, context: &str) -> PyResult<RecursionGuard<'a>> {
        let depth = vm.thread.recursion_depth.get() + 1;
        if depth > vm.thread.recursion_limit.get() || crate::frame::native_stack_exhausted(vm) {
            return Err(vm.new_exception(
                &vm.exceptions.recursion_error,
                format!("maximum recursion depth exceeded{context}"),
            ));
        }
        vm.thread.recursion_depth.set(depth);
        Ok(RecursionGuard { vm })
    }
}

impl Drop for RecursionGuard<'_> {
    fn drop(&mut self) {
        let depth = self.vm.thread.recursion_depth.get();
        self.vm.thread.recursion_depth.set(depth - 1);
    }
}

/// Marks an object as being printed; None if it already is, in which
/// case the caller prints `[...]` or its like.
pub struct ReprGuard<'a> {
    vm: &'a Vm,
}

impl<'a> ReprGuard<'a> {
    pub fn enter(vm: &'a Vm, object: &Object) -> Option<ReprGuard<'a>> {
        let mut stack = vm.thread.repr_stack.borrow_mut();
        if stack.contains(&object.id()) {
            return None;
        }
        stack.push(object.id());
        Some(ReprGuard { vm })
    }
}

impl Drop for ReprGuard<'_> {
    fn drop(&mut self) {
        self.vm.thread.repr_stack.borrow_mut().pop();
    }
}
