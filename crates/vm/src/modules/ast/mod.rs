//! `_ast` (Python/Python-ast.c): the classes of the `ast` module and
//! CPython's `PyCF_*` flags.
//!
//! The classes are made once per interpreter, the first time `_ast` is
//! imported or `compile()` meets a tree, from the parser's table of
//! classes (`krait_parser::convert::CLASSES`, generated from ast.asdl):
//! `AST`, a builtin class whose instances keep their fields in their
//! `__dict__`, and under it one class per sum type (`expr`, `stmt`, ...),
//! per constructor (`Name`, `If`, ...) and per product type (`arguments`,
//! ...), each made by calling `type` as CPython's `make_type` does. The
//! conversions between trees and these objects are in [`convert`].

pub mod convert;

use crate::errors::PyResult;
use crate::object::{type_payload, Object};
use crate::objects::dict::dict_of;
use crate::objects::function::{add_methods, check_arity};
use crate::objects::object::instance_dict;
use crate::objects::tuple::TupleObject;
use crate::typeobject::{flags, Args, Layout};
use crate::vm::Vm;
use krait_parser::convert::{Quantity, CLASSES};

/// `compile()` returns the tree instead of a code object.
pub const PY_CF_ONLY_AST: i64 = 0x400;
/// The tree keeps `# type:` comments.
pub const PY_CF_TYPE_COMMENTS: i64 = 0x1000;
/// `await` and `async for`/`with` are allowed at the top level.
pub const PY_CF_ALLOW_TOP_LEVEL_AWAIT: i64 = 0x2000;

/// The classes of an interpreter's `ast` module (CPython's `ast_state`),
/// kept in the module state as a tuple of `AST`, the tuple of classes
/// and the tuple of singletons; made on first use, since `compile()`
/// needs them even when `_ast` was never imported.
pub fn state(vm: &Vm) -> PyResult<Object> {
    super::module_state(vm, "_ast.classes", make_classes)
}

/// A view of the [`state`] tuple.
pub struct AstClasses<'a> {
    /// `AST`, the base of them all.
    pub ast: &'a Object,
    /// The class of each entry of `CLASSES`, by index.
    pub classes: &'a [Object],
    /// The shared instance of each singleton class (`Load()`, `Add()`),
    /// None for the others.
    pub singletons: &'a [Object],
}

impl AstClasses<'_> {
    pub fn of(state: &Object) -> AstClasses<'_> {
        fn items(o: &Object) -> &[Object] {
            o.payload::<TupleObject>().expect("a tuple").items()
        }
        let parts = items(state);
        AstClasses {
            ast: &parts[0],
            classes: items(&parts[1]),
            singletons: items(&parts[2]),
        }
    }
}

fn str_tuple(vm: &Vm, names: impl Iterator<Item = &'static str>) -> Object {
    vm.new_tuple(names.map(|n| vm.intern(n)).collect())
}

fn make_classes(vm: &Vm) -> PyResult<Object> {
    let ast = super::new_type(vm, "ast", "AST", Layout::Object, flags::BASETYPE, |tp| {
        tp.slots.init.set(Some(ast_init));
    });
    crate::typeobject::give_instance_dict(vm, &ast);
    add_methods(vm, &ast, &[("__reduce__", ast_reduce)]);
    let tp = type_payload(&ast);
    for name in ["_fields", "__match_args__", "_attributes"] {
        tp.dict.set_str(vm, vm.intern(name), vm.empty_tuple.clone());
    }
    let mut classes: Vec<Object> = Vec::with_capacity(CLASSES.len());
    let mut singletons = Vec::with_capacity(CLASSES.len());
    for class in CLASSES {
        let base = match class.base {
            Some(i) => classes[i].clone(),
            None => ast.clone(),
        };
        let namespace = vm.new_dict();
        let ns = dict_of(&namespace);
        let fields = str_tuple(vm, class.fields.iter().map(|f| f.name));
        ns.set_str(vm, vm.intern("_fields"), fields.clone());
        ns.set_str(vm, vm.intern("__match_args__"), fields);
        ns.set_str(vm, vm.names.__module__.clone(), vm.new_str("ast"));
        ns.set_str(vm, vm.names.__doc__.clone(), vm.new_str(class.doc));
        // A constructor inherits the attributes of its sum type's class.
        if class.base.is_none() {
            let attributes = str_tuple(vm, class.attributes.iter().map(|a| a.name));
            ns.set_str(vm, vm.intern("_attributes"), attributes);
        }
        // An optional field or attribute absent from an instance reads as
        // None, from the class.
        for field in class.fields.iter().chain(class.attributes) {
            if field.quantity == Quantity::Optional {
                ns.set_str(vm, vm.intern(field.name), vm.none.clone());
            }
        }
        let args = [vm.new_str(class.name), vm.new_tuple(vec![base]), namespace];
        let ty = vm.call(&vm.type_type, Args::positional_only(&args))?;
        singletons.push(if class.singleton {
            vm.call(&ty, Args::positional_only(&[]))?
        } else {
            vm.none.clone()
        });
        classes.push(ty);
    }
    Ok(vm.new_tuple(vec![ast, vm.new_tuple(classes), vm.new_tuple(singletons)]))
}

/// Builds the `_ast` module's namespace.
pub(crate) fn init(vm: &Vm, module: &Object) -> PyResult<()> {
    let state = state(vm)?;
    let state = AstClasses::of(&state);
    super::set_attr(vm, module, "AST", state.ast.clone());
    for (name, value) in [
        ("PyCF_ALLOW_TOP_LEVEL_AWAIT", PY_CF_ALLOW_TOP_LEVEL_AWAIT),
        ("PyCF_ONLY_AST", PY_CF_ONLY_AST),
        ("PyCF_TYPE_COMMENTS", PY_CF_TYPE_COMMENTS),
    ] {
        super::set_attr(vm, module, name, vm.new_int(value));
    }
    for (class, ty) in CLASSES.iter().zip(state.classes) {
        super::set_attr(vm, module, class.name, ty.clone());
    }
    Ok(())
}

/// `AST.__init__(*args, **kwargs)`: positional arguments set the fields
/// in `_fields` order, keyword arguments any attribute.
fn ast_init(vm: &Vm, this: &Object, args: Args) -> PyResult<()> {
    let ty = vm.type_of(this);
    let fields = match vm.getattr_opt(ty, &vm.intern("_fields"))? {
        Some(fields) => vm.collect_iterable(&fields)?,
        None => Vec::new(),
    };
    let positional = args.positional();
    if positional.len() > fields.len() {
        let n = fields.len();
        return Err(vm.new_type_error(format!(
            "{} constructor takes at most {n} positional argument{}",
            type_payload(ty).name(),
            if n == 1 { "" } else { "s" }
        )));
    }
    for (name, value) in fields.iter().zip(positional) {
        vm.setattr(this, name, Some(value))?;
    }
    for (name, value) in args.keywords() {
        let mut index = None;
        for (i, field) in fields.iter().enumerate() {
            if vm.eq(field, name)? {
                index = Some(i);
                break;
            }
        }
        if index.is_some_and(|i| i < positional.len()) {
            return Err(vm.new_type_error(format!(
                "{} got multiple values for argument '{}'",
                type_payload(ty).tp_name(vm),
                crate::objects::str::as_rust_str(name)
            )));
        }
        vm.setattr(this, name, Some(value))?;
    }
    Ok(())
}

/// `(type(self), (), self.__dict__)`, for pickle and copy.
fn ast_reduce(vm: &Vm, args: Args) -> PyResult {
    check_arity(vm, "__reduce__", args, 1, 1)?;
    let this = &args.values[0];
    let ty = vm.type_of(this).clone();
    Ok(match instance_dict(vm, this) {
        Some(dict) => vm.new_tuple(vec![ty, vm.empty_tuple.clone(), dict]),
        None => vm.new_tuple(vec![ty, vm.empty_tuple.clone()]),
    })
}
