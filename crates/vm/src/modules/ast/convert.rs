//! Trees as `ast` objects and back (Python/Python-ast.c's `ast2obj_*`,
//! `obj2ast_*`, `PyAST_mod2obj` and `PyAST_obj2mod`): the interpreter's
//! side of the parser's generic conversions, for `compile()` with
//! `PyCF_ONLY_AST` and `compile()` of a tree.

use super::{state, AstClasses};
use crate::errors::{PyErr, PyResult};
use crate::object::Object;
use crate::objects::bytes::BytesObject;
use crate::objects::complex::ComplexObject;
use crate::objects::float::FloatObject;
use crate::objects::int::{int_value, to_decimal_string, IntValue};
use crate::objects::list::ListObject;
use crate::objects::object::instance_dict;
use crate::objects::str::StrObject;
use crate::objects::tuple::TupleObject;
use crate::recursion::RecursionGuard;
use crate::vm::Vm;
use krait_compiler::Mode;
use krait_parser::ast::{Constant, Int, Mod};
use krait_parser::convert::{Builder, FromObject, Reader, ToObject, CLASSES};
use krait_parser::wtf8::Wtf8String;

/// The `ast.Module` (or `Expression`, `Interactive`) object of a tree.
pub fn mod_to_object(vm: &Vm, module: &Mod) -> PyResult {
    let state = state(vm)?;
    let mut builder = ObjectBuilder {
        vm,
        state: AstClasses::of(&state),
    };
    module.to_object(&mut builder)
}

/// Whether `object` is an instance of `ast.AST` (`PyAST_Check`).
pub fn is_ast(vm: &Vm, object: &Object) -> PyResult<bool> {
    Ok(vm.is_instance(object, AstClasses::of(&state(vm)?).ast))
}

/// The tree of an `ast` object that `compile()` in `mode` accepts, with
/// CPython's errors for a malformed one.
pub fn mod_from_object(vm: &Vm, object: &Object, mode: Mode) -> PyResult<Mod> {
    let state = state(vm)?;
    let state = AstClasses::of(&state);
    let required = match mode {
        Mode::Exec => "Module",
        Mode::Eval => "Expression",
        Mode::Single => "Interactive",
    };
    let index = CLASSES
        .iter()
        .position(|c| c.name == required)
        .expect("ast.asdl defines the mod classes");
    if !vm.is_instance(object, &state.classes[index]) {
        return Err(vm.new_type_error(format!(
            "expected {required} node, got {}",
            vm.type_name(object)
        )));
    }
    let mut reader = ObjectReader {
        vm,
        state,
        depth: Vec::new(),
    };
    match Mod::from_object(&mut reader, object)? {
        Some(module) => Ok(module),
        None => Err(vm.new_type_error(format!("expected {required} node, got NoneType"))),
    }
}

struct ObjectBuilder<'a> {
    vm: &'a Vm,
    state: AstClasses<'a>,
}

impl Builder for ObjectBuilder<'_> {
    type Object = Object;
    type Error = PyErr;

    fn node(&mut self, class: usize, values: Vec<Object>) -> PyResult {
        let singleton = &self.state.singletons[class];
        if !self.vm.is_none(singleton) {
            return Ok(singleton.clone());
        }
        let vm = self.vm;
        let info = &CLASSES[class];
        let base_attributes = info.base.map_or(&[][..], |b| CLASSES[b].attributes);
        let names = info
            .fields
            .iter()
            .chain(info.attributes)
            .chain(base_attributes);
        let node = crate::object::alloc(
            &self.state.classes[class],
            crate::objects::object::ObjectPayload,
        );
        let dict = instance_dict(vm, &node).expect("an AST node has a __dict__");
        let dict = crate::objects::dict::dict_of(&dict);
        for (field, value) in names.zip(values) {
            dict.set_str(vm, vm.intern(field.name), value);
        }
        Ok(node)
    }

    fn list(&mut self, items: Vec<Object>) -> PyResult {
        Ok(self.vm.new_list(items))
    }

    fn none(&mut self) -> Object {
        self.vm.none.clone()
    }

    fn str(&mut self, value: &str) -> PyResult {
        Ok(self.vm.new_str(value))
    }

    fn int(&mut self, value: i64) -> PyResult {
        Ok(self.vm.new_int(value))
    }

    fn constant(&mut self, value: &Constant) -> PyResult {
        crate::objects::code::constant_to_object(self.vm, value)
    }
}

struct ObjectReader<'a> {
    vm: &'a Vm,
    state: AstClasses<'a>,
    /// One guard per node being read, for RecursionError.
    depth: Vec<RecursionGuard<'a>>,
}

impl ObjectReader<'_> {
    /// `validate_constant` of Python/ast.c: the types a code object can
    /// hold as constants.
    fn constant_value(&self, obj: &Object) -> PyResult<Constant> {
        let vm = self.vm;
        let ty = vm.type_of(obj);
        let invalid = || {
            vm.new_type_error(format!(
                "got an invalid type in Constant: {}",
                vm.type_name(obj)
            ))
        };
        Ok(if vm.is_none(obj) {
            Constant::None
        } else if obj.is(&vm.ellipsis) {
            Constant::Ellipsis
        } else if ty.is(&vm.types.bool_) {
            Constant::Bool(obj.is(&vm.true_))
        } else if ty.is(&vm.types.int) {
            match int_value(obj).expect("an int") {
                IntValue::Small(i) => Constant::Int(Int::Small(i)),
                big => Constant::Int(Int::Big(to_decimal_string(vm, &big)?)),
            }
        } else if ty.is(&vm.types.float) {
            Constant::Float(obj.payload::<FloatObject>().expect("a float").value)
        } else if ty.is(&vm.types.complex) {
            let c = obj.payload::<ComplexObject>().expect("a complex");
            Constant::Complex {
                real: c.real,
                imag: c.imag,
            }
        } else if ty.is(&vm.types.str) {
            let s = obj.payload::<StrObject>().expect("a str");
            let mut text = Wtf8String::new();
            for c in s.code_points() {
                text.push_code_point(c);
            }
            Constant::Str(text)
        } else if ty.is(&vm.types.bytes) {
            Constant::Bytes(obj.payload::<BytesObject>().expect("bytes").bytes.to_vec())
        } else if ty.is(&vm.types.tuple) {
            let items = obj.payload::<TupleObject>().expect("a tuple").items();
            Constant::Tuple(
                items
                    .iter()
                    .map(|item| self.constant_value(item))
                    .collect::<PyResult<_>>()?,
            )
        } else if ty.is(&vm.types.frozenset) {
            Constant::FrozenSet(
                vm.collect_iterable(obj)?
                    .iter()
                    .map(|item| self.constant_value(item))
                    .collect::<PyResult<_>>()?,
            )
        } else {
            return Err(invalid());
        })
    }
}

impl<'a> Reader for ObjectReader<'a> {
    type Object = Object;
    type Error = PyErr;

    fn is_none(&self, obj: &Object) -> bool {
        self.vm.is_none(obj)
    }

    fn is_instance(&mut self, obj: &Object, class: usize) -> PyResult<bool> {
        Ok(self.vm.is_instance(obj, &self.state.classes[class]))
    }

    fn attribute(&mut self, obj: &Object, name: &'static str) -> PyResult<Option<Object>> {
        self.vm.getattr_opt(obj, &self.vm.intern(name))
    }

    fn list(
        &mut self,
        obj: &Object,
        owner: &'static str,
        field: &'static str,
    ) -> PyResult<Vec<Object>> {
        match obj.payload::<ListObject>() {
            Some(list) => Ok(list.items.borrow().clone()),
            None => Err(self.vm.new_type_error(format!(
                "{owner} field \"{field}\" must be a list, not a {}",
                self.vm.type_name(obj)
            ))),
        }
    }

    fn identifier(&mut self, obj: &Object) -> PyResult<Option<String>> {
        let vm = self.vm;
        if vm.is_none(obj) {
            return Ok(None);
        }
        if !vm.type_of(obj).is(&vm.types.str) {
            return Err(vm.new_type_error("AST identifier must be of type str"));
        }
        Ok(Some(
            obj.payload::<StrObject>().expect("a str").to_string_lossy(),
        ))
    }

    fn string(&mut self, obj: &Object) -> PyResult<Option<String>> {
        let vm = self.vm;
        if vm.is_none(obj) {
            return Ok(None);
        }
        let ty = vm.type_of(obj);
        if ty.is(&vm.types.str) {
            Ok(Some(
                obj.payload::<StrObject>().expect("a str").to_string_lossy(),
            ))
        } else if ty.is(&vm.types.bytes) {
            let bytes = &obj.payload::<BytesObject>().expect("bytes").bytes;
            Ok(Some(String::from_utf8_lossy(bytes).into_owned()))
        } else {
            Err(vm.new_type_error("AST string must be of type str"))
        }
    }

    fn int(&mut self, obj: &Object) -> PyResult<i32> {
        let vm = self.vm;
        if int_value(obj).is_none() {
            let repr = vm.repr_string(obj)?;
            return Err(vm.new_value_error(format!("invalid integer value: {repr}")));
        }
        crate::objects::getargs::int_arg(vm, obj)
    }

    fn constant(&mut self, obj: &Object) -> PyResult<Constant> {
        self.constant_value(obj)
    }

    fn type_error(&mut self, message: String) -> PyErr {
        self.vm.new_type_error(message)
    }

    fn value_error(&mut self, message: String) -> PyErr {
        self.vm.new_value_error(message)
    }

    fn not_a_node(&mut self, ty: &'static str, obj: &Object) -> PyErr {
        match self.vm.repr_string(obj) {
            Ok(repr) => self
                .vm
                .new_type_error(format!("expected some sort of {ty}, but got {repr}")),
            Err(e) => e,
        }
    }

    fn enter(&mut self, ty: &'static str) -> PyResult<()> {
        let guard = RecursionGuard::enter(self.vm, &format!(" while traversing '{ty}' node"))?;
        self.depth.push(guard);
        Ok(())
    }

    fn leave(&mut self) {
        self.depth.pop();
    }
}
