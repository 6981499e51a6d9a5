//! Raising exceptions from Rust (Python/errors.c).
//!
//! A failing operation returns `Err(PyErr)`, the exception instance it
//! raises: where CPython returns NULL with the thread's error indicator
//! set, Krait returns the exception. Iteration's end is not an error:
//! `tp_iternext` gives `Ok(None)`, as CPython's returns NULL with no
//! exception set, so a `for` loop makes no StopIteration.

use crate::object::Object;
use crate::vm::Vm;

/// A raised exception: an instance of BaseException or a subclass.
#[derive(Debug, Clone)]
pub struct PyErr(pub Object);

pub type PyResult<T = Object> = Result<T, PyErr>;

impl PyErr {
    pub fn exception(&self) -> &Object {
        &self.0
    }

    /// Whether the exception is an instance of `ty` (`PyErr_ExceptionMatches`).
    pub fn matches(&self, vm: &Vm, ty: &Object) -> bool {
        crate::typeobject::is_subtype(vm.type_of(&self.0), ty)
    }
}

impl Vm {
    /// An instance of exception type `ty` with the message `msg` as its
    /// only argument (`PyErr_SetString`).
    pub fn new_exception(&self, ty: &Object, msg: impl Into<String>) -> PyErr {
        let msg = self.new_str(&msg.into());
        PyErr(crate::exceptions::new_exception(self, ty, vec![msg]))
    }

    /// An instance of exception type `ty` with no arguments.
    pub fn new_exception_empty(&self, ty: &Object) -> PyErr {
        PyErr(crate::exceptions::new_exception(self, ty, Vec::new()))
    }

    pub fn new_type_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_exception(&self.exceptions.type_error, msg)
    }

    pub fn new_value_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_exception(&self.exceptions.value_error, msg)
    }

    pub fn new_index_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_exception(&self.exceptions.index_error, msg)
    }

    pub fn new_overflow_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_exception(&self.exceptions.overflow_error, msg)
    }

    pub fn new_zero_division_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_exception(&self.exceptions.zero_division_error, msg)
    }

    pub fn new_runtime_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_exception(&self.exceptions.runtime_error, msg)
    }

    /// The NameError of an unbound global or builtin, with its `name`
    /// set for the report's suggestion (`format_exc_check_arg`).
    pub fn new_name_error(&self, name: &str) -> PyErr {
        let e = self.new_exception(
            &self.exceptions.name_error,
            format!("name '{name}' is not defined"),
        );
        crate::exceptions::set_field(&e.0, 0, Some(self.new_str(name)));
        e
    }

    /// `KeyError(key)`: the key itself is the argument.
    pub fn new_key_error(&self, key: Object) -> PyErr {
        PyErr(crate::exceptions::new_exception(
            self,
            &self.exceptions.key_error,
            vec![key],
        ))
    }

    /// The AttributeError of a failed lookup of `name` on `object`, with
    /// its `name` and `obj` set for the report's suggestion
    /// (`set_attribute_error_context`).
    pub fn new_no_attribute(&self, object: &Object, name: &Object) -> PyErr {
        let e = self.no_attribute_message(object, name);
        crate::exceptions::set_field(&e.0, 0, Some(name.clone()));
        crate::exceptions::set_field(&e.0, 1, Some(object.clone()));
        e
    }

    fn no_attribute_message(&self, object: &Object, name: &Object) -> PyErr {
        let name = crate::objects::str::as_rust_str(name);
        if let Some(module) = object.payload::<crate::objects::module::ModuleObject>() {
            let module_name = module.name(self);
            return self.new_exception(
                &self.exceptions.attribute_error,
                format!("module '{module_name}' has no attribute '{name}'"),
            );
        }
        if let Some(tp) = object.payload::<crate::typeobject::TypeObject>() {
            return self.new_exception(
                &self.exceptions.attribute_error,
                format!("type object '{}' has no attribute '{name}'", tp.name()),
            );
        }
        self.new_exception(
            &self.exceptions.attribute_error,
            format!(
                "'{}' object has no attribute '{name}'",
                self.type_name(object)
            ),
        )
    }
}
